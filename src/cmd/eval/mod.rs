//! `tmkit eval …`: measurements over external data, for release builds.

pub mod align;

use super::Global;

/// Evaluations.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Sentence alignment on NTREX dev: strict/lax F1, null-bead recall, calibration; cold, warm and
    /// Gale-Church side by side.
    Align(align::Args),
}

pub fn run(command: Command, global: &Global) -> anyhow::Result<()> {
    match command {
        Command::Align(args) => align::run(args, global),
    }
}
