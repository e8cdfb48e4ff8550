//! `tmkit eval …`: measurements over external data, for release builds.

use super::Global;

#[derive(Debug, clap::Subcommand)]
pub enum Command {}

pub fn run(command: Command, _global: &Global) -> anyhow::Result<()> {
    match command {}
}
