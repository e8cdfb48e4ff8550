//! `tmkit serve`: the memory as a web page, a JSON API and a tmserver for CAT tools.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use tmkit::serve::{self, Config};

use super::Global;

/// Serve the memory over HTTP: a page to search, look up and review it, a JSON API with the objects
/// of --json, and the tmserver protocol (GET /tmserver/SRC/TGT/unit/TEXT) that translate-toolkit,
/// Virtaal and Weblate query.
///
/// Listens on loopback unless told otherwise; another address needs --token-file or --read-only.
/// Writes (review actions) are POST only: through the API with 'Authorization: Bearer TOKEN', from
/// the page with its CSRF token (and the write token when there is one). One line per request goes to
/// standard error; Ctrl-C or SIGTERM stops the server after the requests in flight.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit serve                                   (http://127.0.0.1:8080)
  tmkit serve --tm archive.db --addr 127.0.0.1:9000 --token-file ~/.tmkit-token
  tmkit serve --addr 0.0.0.0:8080 --read-only   (a shared, read-only memory)
  curl 'http://127.0.0.1:8080/api/lookup?from=en&to=az&q=Trade+reached+4+billion+dollars.'")]
pub struct Args {
    /// The address to listen on (port 0: any free port, printed at start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Refuse every write: search and lookup only.
    #[arg(long)]
    pub read_only: bool,
    /// A file holding the token (at least 16 characters) that every write must send.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Who review actions are recorded as when a request names no user [default: $USER, else tmkit-serve].
    #[arg(long)]
    pub user: Option<String>,
    /// Read-only connections, so reads answered at once [default: one per core, at least two].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub readers: Option<u16>,
}

/// Read-only connections: one per core, at least two, so a long concordance does not hold up lookups.
fn readers() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .max(2)
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let token = args
        .token_file
        .as_deref()
        .map(serve::read_token)
        .transpose()?;
    serve::check_bind(args.addr, token.is_some(), args.read_only)?;
    // Refuses a missing file or a folder with the CLI's own words before opening anything.
    drop(super::open_existing(global)?);
    let user = args
        .user
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.trim().is_empty()))
        .unwrap_or_else(|| "tmkit-serve".to_string());
    let config = Config {
        addr: args.addr,
        read_only: args.read_only,
        token,
        readers: args.readers.map_or_else(readers, usize::from),
        user,
    };
    let mode = if args.read_only { " (read-only)" } else { "" };
    let tm = global.tm.display().to_string();
    serve::run(
        &global.tm,
        config,
        |addr| {
            let mut err = std::io::stderr().lock();
            // The first line a script or test waits for.
            let _ = writeln!(err, "tmkit serve: {tm} on http://{addr}{mode}");
        },
        Box::new(std::io::stderr()),
    )
    .with_context(|| format!("cannot serve {}", global.tm.display()))?;
    eprintln!("tmkit serve: stopped");
    Ok(())
}
