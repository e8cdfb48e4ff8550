//! The `tmkit` command: parse arguments, dispatch to a subcommand, print the error, set the exit code.
#![forbid(unsafe_code)]

mod cmd;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: an import allocates many small strings on its parsing
/// thread and frees them on the inserting one, where glibc's malloc is slow.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The exit code after Ctrl-C or SIGTERM: 128 + SIGINT, as shells report an interrupted command.
const INTERRUPTED: i32 = 130;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    // On Ctrl-C or SIGTERM, no `.tmkit-*.part` file is left behind; the memory needs nothing, as
    // SQLite rolls an unfinished transaction back when the memory is next opened.
    if !cli.handles_signals()
        && let Err(err) = ctrlc::set_handler(|| {
            cmd::remove_partial_outputs();
            std::process::exit(INTERRUPTED);
        })
    {
        eprintln!(
            "warning: cannot handle Ctrl-C ({err}): an interrupted export may leave a .part file"
        );
    }
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if cmd::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {}", cmd::describe(&err));
            ExitCode::from(cmd::exit_code(&err))
        }
    }
}
