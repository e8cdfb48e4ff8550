//! Answering a batch of searches on every core: one read-only connection per worker.
//!
//! A [`Memory`] is a SQLite connection, which one thread at a time may use. [`Readers`] holds the
//! caller's memory and `threads - 1` more connections to the same file, opened read-only
//! ([`Memory::open_read_only`]); [`Readers::map`] hands the items out in small chunks to one scoped
//! thread per connection (the caller's thread works the caller's connection) and returns the results
//! in the order of the items, whatever the order they were computed in. Every worker reads the same
//! committed state as long as nobody writes the file meanwhile (SQLite's WAL readers each see a
//! snapshot; a batch is not one transaction).
//!
//! A memory that lives only in RAM cannot be opened twice: its batches run on one thread.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::tm::{self, Memory};

/// Items a worker takes at a time: small enough that the last chunks even out the workers' loads,
/// large enough that the shared counter is touched once per several lookups.
const CHUNK: usize = 4;

/// The caller's memory and more read-only connections to it, one per extra worker thread.
pub struct Readers<'m> {
    first: &'m Memory,
    more: Vec<Mutex<Memory>>,
}

impl<'m> Readers<'m> {
    /// Workers for `threads` threads (at least one) over `memory`: `threads - 1` connections are
    /// opened read-only and prepared for lookups. An in-memory memory gets one thread.
    ///
    /// ```
    /// use tmkit::search::Readers;
    /// let dir = tempfile::tempdir()?;
    /// let memory = tmkit::tm::Memory::open(&dir.path().join("tm.db"))?;
    /// let readers = Readers::new(&memory, 2)?;
    /// let squares = readers.map(&[1, 2, 3], |_memory, n| Ok::<_, tmkit::tm::Error>(n * n))?;
    /// assert_eq!(squares, [1, 4, 9]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// What [`Memory::open_read_only`] and [`Memory::prepare_lookups`] refuse.
    pub fn new(memory: &'m Memory, threads: usize) -> Result<Readers<'m>, tm::Error> {
        let extra = match memory.path().as_os_str() == ":memory:" {
            true => 0,
            false => threads.max(1) - 1,
        };
        let more = (0..extra)
            .map(|_| {
                let reader = Memory::open_read_only(memory.path())?;
                reader.prepare_lookups()?;
                Ok(Mutex::new(reader))
            })
            .collect::<Result<_, tm::Error>>()?;
        Ok(Readers {
            first: memory,
            more,
        })
    }

    /// One worker: the caller's memory on the caller's thread.
    pub fn single(memory: &'m Memory) -> Readers<'m> {
        Readers {
            first: memory,
            more: Vec::new(),
        }
    }

    /// The number of worker threads.
    pub fn threads(&self) -> usize {
        1 + self.more.len()
    }

    /// `f` of every item, in the order of `items`, computed on every worker. After the first error
    /// the workers stop taking items, and an error is returned (the first one met in item order among
    /// the items computed).
    ///
    /// # Errors
    /// What `f` returns.
    pub fn map<T, R, E>(
        &self,
        items: &[T],
        f: impl Fn(&Memory, &T) -> Result<R, E> + Sync,
    ) -> Result<Vec<R>, E>
    where
        T: Sync,
        R: Send,
        E: Send,
    {
        if self.more.is_empty() || items.len() <= 1 {
            return items.iter().map(|item| f(self.first, item)).collect();
        }
        let next = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let work = |memory: &Memory| -> Vec<(usize, Result<R, E>)> {
            let mut done = Vec::new();
            while !failed.load(Ordering::Relaxed) {
                let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                if start >= items.len() {
                    break;
                }
                for (i, item) in items.iter().enumerate().skip(start).take(CHUNK) {
                    let result = f(memory, item);
                    if result.is_err() {
                        failed.store(true, Ordering::Relaxed);
                    }
                    done.push((i, result));
                }
            }
            done
        };
        let mut parts: Vec<(usize, Result<R, E>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .more
                .iter()
                .map(|reader| {
                    scope.spawn(|| {
                        // A worker that panicked poisons its lock; its connection is still sound.
                        let memory = reader.lock().unwrap_or_else(|p| p.into_inner());
                        work(&memory)
                    })
                })
                .collect();
            let mut parts = work(self.first);
            for handle in handles {
                match handle.join() {
                    Ok(part) => parts.extend(part),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            parts
        });
        parts.sort_unstable_by_key(|(i, _)| *i);
        parts.into_iter().map(|(_, r)| r).collect()
    }
}

/// The number of threads "all cores" means here: what the operating system offers this process.
pub fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items() {
        let dir = tempfile::tempdir().expect("tempdir");
        let memory = Memory::open(&dir.path().join("tm.db")).expect("memory");
        let readers = Readers::new(&memory, 3).expect("readers");
        assert_eq!(readers.threads(), 3);
        let items: Vec<u64> = (0..1000).collect();
        let got = readers
            .map(&items, |m, n| m.count_units().map(|c| c + n * 2))
            .expect("map");
        assert_eq!(got, (0..1000).map(|n| n * 2).collect::<Vec<u64>>());
    }

    #[test]
    fn an_error_is_returned_and_stops_the_batch() {
        let dir = tempfile::tempdir().expect("tempdir");
        let memory = Memory::open(&dir.path().join("tm.db")).expect("memory");
        let readers = Readers::new(&memory, 2).expect("readers");
        let items: Vec<u32> = (0..100).collect();
        let got = readers.map(&items, |_, n| if *n == 37 { Err(*n) } else { Ok(*n) });
        assert_eq!(got, Err(37));
    }

    #[test]
    fn an_in_memory_memory_gets_one_thread() {
        let memory = Memory::open_in_memory().expect("memory");
        let readers = Readers::new(&memory, 4).expect("readers");
        assert_eq!(readers.threads(), 1);
        assert_eq!(
            readers.map(&[1, 2], |_, n| Ok::<_, ()>(n + 1)),
            Ok(vec![2, 3])
        );
    }
}
