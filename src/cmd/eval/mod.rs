//! `tmkit eval …`: measurements over external data, for release builds.

use super::Global;

pub mod tmx;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// TMX export and import of a generated 1M-unit memory: time and peak RSS.
    Tmx(tmx::Args),
}

pub fn run(command: Command, _global: &Global) -> anyhow::Result<()> {
    match command {
        Command::Tmx(args) => tmx::run(args),
    }
}
