//! Where the reader is: byte positions of the decoded (UTF-8) text turned into `line:col` for errors,
//! and the SHA-256 of the text read (the file's content hash).
//!
//! Lines count `\n`; columns count characters (not bytes) from the start of the line, both from 1,
//! whatever the file's encoding, since the tracker sees the text after decoding. To stay bounded in
//! memory it keeps the positions of newlines and the bytes of the last [`RECENT_BYTES`] before the
//! current event only: positions before that are answered with their line and a column counted
//! from the oldest byte kept.
//!
//! Each buffer of the inner reader is looked at once: moved into the recent bytes and scanned for
//! newlines (memchr) in one piece. The recent bytes are the XML parser's buffer too, so the parser's
//! many small reads (up to each `<`, `>`, `&`) cost a slice each. The hash is fed from the recent
//! bytes in large pieces as well, but only with bytes consumed: when old bytes are forgotten, and
//! the rest when it is asked for.
//!
//! It also bounds one event: once more than its limit has been read since the current event began
//! ([`Tracker::forget_before`]), reading fails with [`EventTooLong`], so a 100 MB text node is refused
//! after its first megabyte instead of being gathered whole by the XML parser.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

use sha2::{Digest, Sha256};

/// How many recently read bytes are kept to compute the column of an error.
const RECENT_BYTES: usize = 64 * 1024;

/// The error a [`Tracker`] reads with once one event is longer than its limit.
#[derive(Debug, thiserror::Error)]
#[error("more than {limit} bytes between two tags")]
pub(super) struct EventTooLong {
    /// The limit.
    pub(super) limit: u64,
}

/// A `BufRead` that remembers how many lines it has passed and the last bytes read, to turn byte
/// positions into `line:col`, and hashes what it reads. Its buffer is the recent bytes themselves:
/// what the inner reader hands out is moved there once, and the XML parser reads it from there.
pub(super) struct Tracker<R> {
    inner: R,
    /// Bytes consumed so far.
    offset: u64,
    /// Newlines consumed before `base`.
    lines_before: u64,
    /// Offset of the first byte in `recent`.
    base: u64,
    /// Positions of the newlines at or after `base` (up to `seen`).
    newlines: VecDeque<u64>,
    /// The bytes from `base` to `seen`: at most [`RECENT_BYTES`] before the current event, the event,
    /// and the rest of the last buffer read from the inner reader (not consumed yet).
    recent: Vec<u8>,
    /// Offset of the end of `recent`: what has been read from the inner reader.
    seen: u64,
    /// Holds the bytes before `base`; those from `base` on are hashed when asked for.
    hasher: Sha256,
    /// Where the current event began.
    event_start: u64,
    /// The most bytes one event may span.
    event_limit: u64,
}

impl<R: BufRead> Tracker<R> {
    /// A tracker that lets one event span at most `event_limit` bytes.
    pub(super) fn new(inner: R, event_limit: u64) -> Tracker<R> {
        Tracker {
            event_start: 0,
            event_limit,
            inner,
            offset: 0,
            lines_before: 0,
            base: 0,
            newlines: VecDeque::new(),
            recent: Vec::new(),
            seen: 0,
            hasher: Sha256::new(),
        }
    }

    /// Positions before `pos` will not be asked about any more (the current event starts there); keeps
    /// [`RECENT_BYTES`] before it for columns.
    pub(super) fn forget_before(&mut self, pos: u64) {
        self.event_start = pos;
        let keep_from = pos.saturating_sub(RECENT_BYTES as u64);
        if keep_from <= self.base + RECENT_BYTES as u64 {
            return; // forget in large steps
        }
        while self.newlines.front().is_some_and(|&n| n < keep_from) {
            self.newlines.pop_front();
            self.lines_before += 1;
        }
        let drop = ((keep_from - self.base) as usize).min(self.recent.len());
        // The bytes forgotten are consumed ones (before the current event): hashed first.
        self.hasher.update(&self.recent[..drop]);
        self.recent.drain(..drop);
        self.base = keep_from;
    }

    /// 1-based line of byte `pos` (a binary search: cheap enough for every unit).
    pub(super) fn line(&self, pos: u64) -> u64 {
        self.lines_before + self.newlines.partition_point(|&n| n < pos) as u64 + 1
    }

    /// 1-based line and column (in characters) of byte `pos`.
    pub(super) fn line_col(&self, pos: u64) -> (u64, u64) {
        let pos = pos.min(self.offset);
        let before = self.newlines.partition_point(|&n| n < pos);
        let line = self.lines_before + before as u64 + 1;
        let line_start = match before {
            0 => self.base,
            i => self.newlines[i - 1] + 1,
        };
        let from = (line_start.max(self.base) - self.base) as usize;
        let to = ((pos - self.base) as usize).min(self.recent.len());
        let col = self.recent[from.min(to)..to]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count() as u64
            + 1;
        (line, col)
    }

    /// SHA-256 (hex) of the text consumed so far.
    pub(super) fn content_hash(&self) -> String {
        let mut hasher = self.hasher.clone();
        let consumed = ((self.offset - self.base) as usize).min(self.recent.len());
        hasher.update(&self.recent[..consumed]);
        let digest = hasher.finalize();
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl<R: BufRead> Read for Tracker<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            out[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> Tracker<R> {
    /// Moves the inner reader's next buffer into `recent`, scanning it for newlines on the way: the
    /// XML parser asks for bytes a few at a time (up to each `<`, `>`, `&`), the inner reader is
    /// asked once per buffer.
    fn refill(&mut self) -> io::Result<()> {
        let available = self.inner.fill_buf()?;
        let n = available.len();
        let seen = self.seen;
        self.newlines
            .extend(memchr::memchr_iter(b'\n', available).map(|i| seen + i as u64));
        self.recent.extend_from_slice(available);
        self.inner.consume(n);
        self.seen += n as u64;
        Ok(())
    }
}

impl<R: BufRead> BufRead for Tracker<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.offset.saturating_sub(self.event_start) > self.event_limit {
            return Err(io::Error::other(EventTooLong {
                limit: self.event_limit,
            }));
        }
        if self.offset == self.seen {
            self.refill()?;
        }
        // `base` <= `offset` <= `seen`: the bytes not consumed yet are the end of `recent`.
        let from = ((self.offset - self.base) as usize).min(self.recent.len());
        Ok(&self.recent[from..])
    }

    fn consume(&mut self, amt: usize) {
        // Never past what `fill_buf` handed out.
        self.offset = (self.offset + amt as u64).min(self.seen);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Consumes all of `text` through a tracker, in steps of `step` bytes.
    fn tracked(text: &str, step: usize) -> Tracker<&[u8]> {
        let mut tracker = Tracker::new(text.as_bytes(), u64::MAX);
        loop {
            let n = tracker.fill_buf().expect("in memory").len().min(step);
            if n == 0 {
                return tracker;
            }
            tracker.consume(n);
        }
    }

    #[test]
    fn columns_count_characters_and_lines_count_newlines() {
        let text = "ab\nəğ😀x\n再见";
        let tracker = tracked(text, 3);
        assert_eq!(tracker.line_col(0), (1, 1));
        assert_eq!(tracker.line_col(text.find('x').expect("x") as u64), (2, 4));
        assert_eq!(
            tracker.line_col(text.find('见').expect("见") as u64),
            (3, 2)
        );
        assert_eq!(tracker.line(text.len() as u64), 3);
    }

    #[test]
    fn lines_stay_right_after_old_bytes_are_forgotten() {
        let line = format!("{}\n", "ə".repeat(1000));
        let text = line.repeat(200);
        let mut tracker = tracked(&text, 4096);
        let last_line_start = (text.len() - line.len()) as u64;
        tracker.forget_before(last_line_start);
        assert!(
            tracker.recent.len() <= 2 * RECENT_BYTES,
            "{}",
            tracker.recent.len()
        );
        assert_eq!(tracker.line_col(last_line_start + 4), (200, 3));
    }

    #[test]
    fn an_event_longer_than_the_limit_stops_the_reading() {
        let text = "x".repeat(100);
        let mut tracker = Tracker::new(text.as_bytes(), 10);
        assert_eq!(tracker.fill_buf().expect("in memory").len(), 100);
        tracker.consume(11);
        let err = tracker.fill_buf().expect_err("too long");
        assert_eq!(err.to_string(), "more than 10 bytes between two tags");
        // A new event starts the count again.
        tracker.forget_before(11);
        assert_eq!(tracker.fill_buf().expect("within").len(), 89);
    }

    #[test]
    fn the_content_hash_is_the_sha256_of_the_text() {
        let tracker = tracked("abc", 1);
        assert_eq!(
            tracker.content_hash(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_content_hash_covers_what_was_consumed_not_what_was_read_ahead() {
        // 300 KB in 64 KiB buffers: bytes are forgotten (and hashed) along the way, and the hash
        // asked for in the middle of a buffer covers exactly the bytes consumed.
        let text: String = (0..30_000).map(|i| format!("ə{i:08}\n")).collect();
        let input = io::BufReader::with_capacity(64 * 1024, text.as_bytes());
        let mut tracker = Tracker::new(input, u64::MAX);
        let mut consumed = 0;
        for step in [1, 7, 4096, 100_000, 1, 150_000] {
            let mut left = step;
            while left > 0 {
                let n = tracker.fill_buf().expect("in memory").len().min(left);
                tracker.consume(n);
                left -= n;
                consumed += n;
            }
            tracker.forget_before(consumed as u64);
            let expected: String = Sha256::digest(&text.as_bytes()[..consumed])
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(tracker.content_hash(), expected, "after {consumed} bytes");
        }
        assert!(
            tracker.recent.len() < 3 * RECENT_BYTES,
            "{}",
            tracker.recent.len()
        );
        // Each line is 11 bytes: ə (2), eight digits, a newline.
        assert_eq!(tracker.line(consumed as u64), (consumed / 11) as u64 + 1);
    }
}
