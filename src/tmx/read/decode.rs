//! The reader's input as UTF-8: UTF-8 passes through (its BOM dropped), UTF-16 (with a BOM, or
//! detected from `<?` in either byte order) is transcoded.

use std::io::{self, BufRead, BufReader, Read};

/// The input as UTF-8: UTF-8 passes through (BOM dropped), UTF-16 is transcoded.
pub(super) enum Decoded<R: Read> {
    Utf8(BufReader<R>),
    Utf16(BufReader<Utf16<R>>),
}

impl<R: Read> Decoded<R> {
    pub(super) fn new(input: R) -> io::Result<Decoded<R>> {
        let mut reader = BufReader::with_capacity(64 * 1024, input);
        let head = reader.fill_buf()?;
        let utf16 = match head {
            [0xFF, 0xFE, ..] => Some((true, 2)),
            [0xFE, 0xFF, ..] => Some((false, 2)),
            [b'<', 0, b'?', 0, ..] => Some((true, 0)),
            [0, b'<', 0, b'?', ..] => Some((false, 0)),
            _ => None,
        };
        match utf16 {
            Some((little_endian, bom)) => {
                reader.consume(bom);
                Ok(Decoded::Utf16(BufReader::with_capacity(
                    64 * 1024,
                    Utf16 {
                        inner: reader,
                        little_endian,
                        pending: Vec::new(),
                    },
                )))
            }
            None => {
                if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
                    reader.consume(3);
                }
                Ok(Decoded::Utf8(reader))
            }
        }
    }
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Decoded::Utf8(r) => r.read(buf),
            Decoded::Utf16(r) => r.read(buf),
        }
    }
}

impl<R: Read> BufRead for Decoded<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Decoded::Utf8(r) => r.fill_buf(),
            Decoded::Utf16(r) => r.fill_buf(),
        }
    }
    fn consume(&mut self, amt: usize) {
        match self {
            Decoded::Utf8(r) => r.consume(amt),
            Decoded::Utf16(r) => r.consume(amt),
        }
    }
}

/// Transcodes UTF-16 to UTF-8.
pub(super) struct Utf16<R: Read> {
    inner: BufReader<R>,
    little_endian: bool,
    /// UTF-8 bytes decoded but not yet handed out.
    pending: Vec<u8>,
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pending.is_empty() {
            let input = self.inner.fill_buf()?;
            if input.is_empty() {
                return Ok(0);
            }
            if input.len() < 4 {
                // Make sure a surrogate pair is never split: read what is left byte by byte.
                let mut rest = input.to_vec();
                let n = rest.len();
                self.inner.consume(n);
                let mut more = Vec::new();
                self.inner.read_to_end(&mut more)?;
                rest.extend(more);
                self.decode(&rest)?;
                if self.pending.is_empty() {
                    return Ok(0);
                }
                break;
            }
            // Whole units only, and never the first half of a surrogate pair at the end.
            let mut take = input.len() & !1;
            let unit_at = |i: usize| -> u16 {
                let pair = [input[i], input[i + 1]];
                if self.little_endian {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            };
            if (0xD800..0xDC00).contains(&unit_at(take - 2)) {
                take -= 2;
            }
            let chunk = input[..take].to_vec();
            self.inner.consume(take);
            self.decode(&chunk)?;
        }
        let n = self.pending.len().min(out.len());
        out[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}

impl<R: Read> Utf16<R> {
    fn decode(&mut self, bytes: &[u8]) -> io::Result<()> {
        if !bytes.len().is_multiple_of(2) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "UTF-16 input has an odd number of bytes",
            ));
        }
        let units = bytes.chunks_exact(2).map(|p| {
            if self.little_endian {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        for c in char::decode_utf16(units) {
            let c = c.map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "invalid UTF-16: unpaired surrogate {:04X}",
                        e.unpaired_surrogate()
                    ),
                )
            })?;
            let mut tmp = [0u8; 4];
            self.pending
                .extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
        }
        Ok(())
    }
}
