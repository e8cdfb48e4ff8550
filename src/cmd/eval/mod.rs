//! `tmkit eval …`: measurements over external data, for release builds.

pub mod fuzzy;

use super::Global;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Fuzzy matching: memory build, lookup latency and recall vs an exhaustive scan, concordance.
    Fuzzy(fuzzy::Args),
}

pub fn run(command: Command, global: &Global) -> anyhow::Result<()> {
    match command {
        Command::Fuzzy(args) => fuzzy::run(args, global),
    }
}
