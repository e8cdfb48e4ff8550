//! Writers of one memory wait for each other, and a writer that gives up names the one it waited for.
//!
//! Every write runs in an `IMMEDIATE` transaction ([`Memory::write`]): it takes SQLite's write lock when
//! it starts, so a second writer waits for it there — up to the memory's wait ([`Memory::set_wait`],
//! [`DEFAULT_WAIT`]) through SQLite's busy handler — and never fails half way, as a deferred
//! transaction does when another writer commits between its first read and its first write. Readers
//! never wait for writers: the journal is always the WAL.
//!
//! While it holds the lock, a writer records who it is in a small file beside the memory
//! (`tm.db-writer`: process id, start time, operation). The record is removed while the lock is still
//! held, before the commit or the rollback, so it is never older than the lock it describes. A record
//! left by a writer that was killed is stale: it is ignored when its process is gone, and replaced by
//! the next writer. A writer that cannot create the file (a read-only folder) writes without one.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Transaction, TransactionBehavior};

use super::{Error, Memory, sql};

/// How long a writer waits for another one to finish, unless told otherwise: long enough for the
/// import of a large TMX file, short enough that a stuck process is reported within a minute.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(60);

/// Who holds the write lock of a memory, as its record says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    /// The process id.
    pub pid: u32,
    /// When it started writing (seconds since the Unix epoch).
    pub since: i64,
    /// What it is doing (`tmkit import big.tmx`).
    pub operation: String,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let since = time::OffsetDateTime::from_unix_timestamp(self.since)
            .ok()
            .and_then(|t| {
                t.format(time::macros::format_description!(
                    "[year]-[month]-[day] [hour]:[minute]:[second] UTC"
                ))
                .ok()
            })
            .unwrap_or_else(|| self.since.to_string());
        write!(
            f,
            "'{}' (process {}, writing since {since})",
            self.operation, self.pid
        )
    }
}

/// The path of the writer record of the memory at `memory`: `tm.db` → `tm.db-writer`.
pub fn record_path(memory: &Path) -> PathBuf {
    let mut name = memory.as_os_str().to_os_string();
    name.push("-writer");
    PathBuf::from(name)
}

/// The writer recorded beside the memory at `memory`, when its process still runs.
pub fn current_holder(memory: &Path) -> Option<Holder> {
    let text = fs::read_to_string(record_path(memory)).ok()?;
    let holder = parse_record(&text)?;
    is_running(holder.pid).then_some(holder)
}

fn parse_record(text: &str) -> Option<Holder> {
    let mut fields = text.trim_end_matches('\n').splitn(3, '\t');
    let pid = fields.next()?.parse().ok()?;
    let since = fields.next()?.parse().ok()?;
    let operation = fields.next()?.to_string();
    Some(Holder {
        pid,
        since,
        operation,
    })
}

/// Whether process `pid` runs. Where `/proc` does not exist, every process is taken as running: a stale
/// record then names a writer that is gone, which the message's time makes visible.
pub(crate) fn is_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

/// The record of this process as the writer of a memory; removes the file when dropped.
struct Record {
    path: Option<PathBuf>,
}

impl Record {
    /// Writes the record (through a temporary file and a rename, so a reader never sees half of it).
    /// Best effort: a memory in a folder this process cannot write gets no record.
    fn write(memory: &Path, operation: &str) -> Record {
        if memory.as_os_str() == ":memory:" {
            return Record { path: None };
        }
        let path = record_path(memory);
        let mut tmp = path.clone().into_os_string();
        tmp.push(format!(".{}", std::process::id()));
        let tmp = PathBuf::from(tmp);
        let line = format!(
            "{}\t{}\t{}\n",
            std::process::id(),
            // The real clock, not SOURCE_DATE_EPOCH: the record says when a running process started.
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            operation.replace(['\n', '\t'], " ")
        );
        let written = fs::File::create(&tmp)
            .and_then(|mut f| f.write_all(line.as_bytes()))
            .and_then(|()| fs::rename(&tmp, &path));
        match written {
            Ok(()) => Record { path: Some(path) },
            Err(_) => {
                let _ = fs::remove_file(&tmp);
                Record { path: None }
            }
        }
    }
}

impl Drop for Record {
    fn drop(&mut self) {
        let Some(path) = &self.path else { return };
        // Only ours: the lock is still held, so no later writer has written its own yet.
        let ours = fs::read_to_string(path)
            .ok()
            .and_then(|t| parse_record(&t))
            .is_some_and(|h| h.pid == std::process::id());
        if ours {
            let _ = fs::remove_file(path);
        }
    }
}

/// A write transaction holding the memory's write lock, with its writer record.
///
/// Dropping it without [`Writing::commit`] rolls the transaction back. The record is dropped first (the
/// fields drop in order), while the lock is still held.
pub struct Writing<'m> {
    record: Record,
    tx: Transaction<'m>,
}

impl<'m> Writing<'m> {
    /// Commits the transaction; the record goes first.
    ///
    /// # Errors
    /// [`Error::Sql`]; nothing is stored then.
    pub fn commit(self, context: &'static str) -> Result<(), Error> {
        let Writing { record, tx } = self;
        drop(record);
        tx.commit().map_err(sql(context))
    }
}

impl<'m> std::ops::Deref for Writing<'m> {
    type Target = Transaction<'m>;
    fn deref(&self) -> &Transaction<'m> {
        &self.tx
    }
}

impl<'m> std::ops::DerefMut for Writing<'m> {
    fn deref_mut(&mut self) -> &mut Transaction<'m> {
        &mut self.tx
    }
}

impl Memory {
    /// Sets how long a write waits for another process's write to finish (and a read for the rare
    /// moments SQLite locks the file for readers too).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn set_wait(&mut self, wait: Duration) -> Result<(), Error> {
        self.conn
            .busy_timeout(wait)
            .map_err(sql("setting the wait"))?;
        self.wait = wait;
        Ok(())
    }

    /// Names what this process does with the memory (`tmkit import big.tmx`): a writer that waits for
    /// it in vain is told.
    pub fn set_operation(&mut self, operation: impl Into<String>) {
        self.operation = operation.into();
    }

    /// Starts a write: an `IMMEDIATE` transaction, waiting for another writer up to the memory's wait.
    ///
    /// # Errors
    /// [`Error::Busy`] when the wait runs out, naming the writer recorded beside the memory;
    /// [`Error::Sql`].
    pub(crate) fn write(&mut self) -> Result<Writing<'_>, Error> {
        let wait = self.wait;
        let path = self.path.clone();
        let operation = self.operation.clone();
        let tx = match self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
        {
            Ok(tx) => tx,
            Err(source) => return Err(busy_or(source, &path, wait, "starting a write")),
        };
        let record = Record::write(&path, &operation);
        Ok(Writing { record, tx })
    }
}

/// [`Error::Busy`] for SQLite's busy and locked codes, [`Error::Sql`] with `context` otherwise.
pub(crate) fn busy_or(
    source: rusqlite::Error,
    path: &Path,
    wait: Duration,
    context: &'static str,
) -> Error {
    match source.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            Error::Busy {
                path: path.display().to_string(),
                waited_secs: wait.as_secs_f64(),
                holder: current_holder(path).map(|h| h.to_string()),
            }
        }
        _ => Error::Sql { context, source },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_names_the_operation_and_goes_with_the_write() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tm.db");
        let mut memory = Memory::open(&path).expect("memory");
        memory.set_operation("tmkit import big.tmx");
        let writing = memory.write().expect("write lock");
        let holder = current_holder(&path).expect("recorded");
        assert_eq!(holder.pid, std::process::id());
        assert_eq!(holder.operation, "tmkit import big.tmx");
        writing.commit("committing").expect("commit");
        assert!(!record_path(&path).exists());
    }

    #[test]
    fn a_second_writer_that_waits_in_vain_is_told_who_writes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tm.db");
        let mut first = Memory::open(&path).expect("memory");
        first.set_operation("tmkit align-dir news --store");
        let mut second = Memory::open(&path).expect("memory");
        second
            .set_wait(Duration::from_millis(100))
            .expect("set wait");
        let writing = first.write().expect("write lock");
        let err = second.write().err().expect("busy");
        let said = err.to_string();
        assert!(
            said.contains("'tmkit align-dir news --store' (process "),
            "{said}"
        );
        assert!(said.contains("gave up after waiting 0.1 s"), "{said}");
        drop(writing);
        assert!(!record_path(&path).exists(), "rolled back, record gone");
        assert!(second.write().is_ok());
    }

    #[test]
    fn a_record_of_a_process_that_is_gone_is_ignored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tm.db");
        // Linux pids stay below 2^22.
        fs::write(
            record_path(&path),
            "4294967295\t1720000000\ttmkit import x.tmx\n",
        )
        .expect("stale record");
        assert_eq!(current_holder(&path), None);
    }
}
