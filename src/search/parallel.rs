//! Answering a batch of searches on every core: one read-only connection per worker.
//!
//! A [`Memory`] is a SQLite connection, which one thread at a time may use. [`Readers`] holds the
//! caller's memory and `threads - 1` more connections to the same file, opened read-only
//! ([`Memory::open_read_only`]); [`Readers::map`] hands the items out in small chunks to one scoped
//! thread per connection (the caller's thread works the caller's connection) and returns the results
//! in the order of the items, whatever the order they were computed in. [`Readers::for_each_in_order`]
//! does the same work but hands each result to the caller as soon as it and every result before it
//! are done, on the caller's thread between its own chunks: a long batch is answered as a stream,
//! with no pause in which one thread prints while the others wait (`lookup --batch FILE`). Every
//! worker reads the same committed state as long as nobody writes the file meanwhile (SQLite's WAL readers each see a
//! snapshot; a batch is not one transaction).
//!
//! A memory that lives only in RAM cannot be opened twice: its batches run on one thread.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

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

impl Readers<'_> {
    /// `f` of every item, computed on every worker, each result handed to `sink` with its item on
    /// the caller's thread in the order of the items, as soon as it and all before it are done. The
    /// caller's thread computes items too and passes the results on between its chunks, so nothing
    /// waits for a whole batch and no worker waits for the printing. The first error, of `f` or of
    /// `sink`, ends the batch: every item before it has gone to `sink` (as on one thread), the
    /// workers finish the chunks they hold and take no more.
    ///
    /// ```
    /// use tmkit::search::Readers;
    /// let dir = tempfile::tempdir()?;
    /// let memory = tmkit::tm::Memory::open(&dir.path().join("tm.db"))?;
    /// let readers = Readers::new(&memory, 2)?;
    /// let mut squares = Vec::new();
    /// readers.for_each_in_order(
    ///     &[1, 2, 3],
    ///     |_memory, n| Ok::<_, tmkit::tm::Error>(n * n),
    ///     |_n, square| Ok(squares.push(square)),
    /// )?;
    /// assert_eq!(squares, [1, 4, 9]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The first error of `f` in item order, or of `sink`.
    pub fn for_each_in_order<T, R, E>(
        &self,
        items: &[T],
        f: impl Fn(&Memory, &T) -> Result<R, E> + Sync,
        mut sink: impl FnMut(&T, R) -> Result<(), E>,
    ) -> Result<(), E>
    where
        T: Sync,
        R: Send,
        E: Send,
    {
        if self.more.is_empty() || items.len() <= 1 {
            for item in items {
                sink(item, f(self.first, item)?)?;
            }
            return Ok(());
        }
        let (next, stopped) = (AtomicUsize::new(0), AtomicBool::new(false));
        let stop = &stopped;
        // The next chunk's range, None once every item is taken or the batch stopped.
        let take = || -> Option<std::ops::Range<usize>> {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let start = next.fetch_add(CHUNK, Ordering::Relaxed);
            (start < items.len()).then(|| start..(start + CHUNK).min(items.len()))
        };
        let (done, results) = mpsc::channel::<(usize, Result<R, E>)>();
        std::thread::scope(|scope| {
            for reader in &self.more {
                let (done, take, f) = (done.clone(), &take, &f);
                scope.spawn(move || {
                    // A worker that panicked poisons its lock; its connection is still sound.
                    let memory = reader.lock().unwrap_or_else(|p| p.into_inner());
                    while let Some(chunk) = take() {
                        for i in chunk {
                            let result = f(&memory, &items[i]);
                            let failed = result.is_err();
                            // The caller stops listening only when the batch has ended.
                            if done.send((i, result)).is_err() || failed {
                                stop.store(true, Ordering::Relaxed);
                                return;
                            }
                        }
                    }
                });
            }
            drop(done);
            let mut ready: BTreeMap<usize, Result<R, E>> = BTreeMap::new();
            let mut passed = 0;
            let outcome = loop {
                ready.extend(results.try_iter());
                let mut failed = None;
                while let Some(result) = ready.remove(&passed) {
                    if let Err(e) = result.and_then(|r| sink(&items[passed], r)) {
                        failed = Some(e);
                        break;
                    }
                    passed += 1;
                }
                if let Some(e) = failed {
                    break Err(e);
                }
                if passed == items.len() {
                    break Ok(());
                }
                if let Some(chunk) = take() {
                    for i in chunk {
                        ready.insert(i, f(self.first, &items[i]));
                    }
                    continue;
                }
                match results.recv() {
                    Ok((i, result)) => {
                        ready.insert(i, result);
                    }
                    // Every worker has ended and the next item is not done (a worker stopped
                    // before it): it is computed here, so the batch ends as on one thread.
                    Err(mpsc::RecvError) => {
                        ready.insert(passed, f(self.first, &items[passed]));
                    }
                }
            };
            stop.store(true, Ordering::Relaxed);
            outcome
        })
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
    fn streamed_results_keep_the_order_of_the_items() {
        let dir = tempfile::tempdir().expect("tempdir");
        let memory = Memory::open(&dir.path().join("tm.db")).expect("memory");
        let readers = Readers::new(&memory, 3).expect("readers");
        let items: Vec<u64> = (0..1000).collect();
        let mut got = Vec::new();
        readers
            .for_each_in_order(
                &items,
                |m, n| m.count_units().map(|c| c + n * 2),
                |n, r| {
                    got.push((*n, r));
                    Ok(())
                },
            )
            .expect("for each");
        assert_eq!(got, (0..1000).map(|n| (n, n * 2)).collect::<Vec<_>>());
    }

    #[test]
    fn a_streamed_batch_passes_on_every_item_before_the_first_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let memory = Memory::open(&dir.path().join("tm.db")).expect("memory");
        let readers = Readers::new(&memory, 2).expect("readers");
        let items: Vec<u32> = (0..100).collect();
        let mut got = Vec::new();
        let outcome = readers.for_each_in_order(
            &items,
            |_, n| {
                if *n == 37 || *n == 80 {
                    Err(*n)
                } else {
                    Ok(*n)
                }
            },
            |_, n| {
                got.push(n);
                Ok(())
            },
        );
        assert_eq!(outcome, Err(37));
        assert_eq!(got, (0..37).collect::<Vec<u32>>());
        // An error of the sink ends the batch too.
        let mut seen = 0;
        let outcome = readers.for_each_in_order(
            &items,
            |_, n| Ok::<_, u32>(*n),
            |_, n| {
                seen += 1;
                if n == 10 { Err(1000 + n) } else { Ok(()) }
            },
        );
        assert_eq!((outcome, seen), (Err(1010), 11));
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
