//! `tmkit eval …`: measurements over external data, for release builds.

pub mod segment;

use super::Global;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Segmentation on ntrex-dev: boundary P/R/F1 and exact sentences per language.
    Segment(segment::Args),
}

pub fn run(command: Command, global: &Global) -> anyhow::Result<()> {
    match command {
        Command::Segment(args) => segment::run(args, global),
    }
}
