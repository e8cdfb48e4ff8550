//! `tmkit concordance` (being built).

use super::Global;

/// Being built.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args, _global: &Global) -> anyhow::Result<()> {
    anyhow::bail!("'tmkit concordance' is being built")
}
