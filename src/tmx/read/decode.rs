//! The reader's input as UTF-8: UTF-8 passes through (its BOM dropped); UTF-16 is transcoded by
//! `encoding_rs`, in bounded memory.
//!
//! The encoding is sniffed from the first bytes, as XML 1.0 appendix F does for the encodings we
//! accept: a BOM (`EF BB BF`, `FF FE`, `FE FF`), or `<?` written in UTF-16 without a BOM (`3C 00 3F
//! 00` little-endian, `00 3C 00 3F` big-endian); anything else is read as UTF-8 (quick-xml reports
//! invalid UTF-8 where it meets it).
//!
//! Bounded memory: the UTF-16 decoder holds one input buffer and one output buffer of fixed size;
//! a surrogate pair or a code unit split across two input buffers is kept inside the
//! `encoding_rs::Decoder` (at most three bytes), so nothing grows with the file.
//!
//! Errors: malformed UTF-16 (an unpaired surrogate, an odd number of bytes) is an `InvalidData`
//! I/O error, returned once the text decoded before it has been read, so the reader reports it at
//! the position where the bad text starts. The decoder never substitutes U+FFFD: a TM must not
//! store text the file did not hold. (This is why it drives `encoding_rs` itself rather than
//! through `encoding_rs_io::DecodeReaderBytes`, which replaces malformed input.)

use std::io::{self, BufRead, BufReader, Read};

use encoding_rs::{Decoder, DecoderResult, Encoding, UTF_16BE, UTF_16LE};

/// Size of the input buffer, and of the UTF-16 decoder's output buffer: large enough that reads
/// from a file are few, small enough not to matter next to a unit.
const BUF_BYTES: usize = 64 * 1024;

/// The smallest output buffer the UTF-16 decoder accepts: a character is at most 4 bytes of UTF-8,
/// so the decoder always makes progress.
const MIN_OUT_BYTES: usize = 16;

/// The input as UTF-8.
pub(super) enum Decoded<R: Read> {
    /// UTF-8 (after its BOM, if any).
    Utf8(BufReader<R>),
    /// UTF-16, transcoded.
    Utf16(Utf16<R>),
}

impl<R: Read> Decoded<R> {
    /// Sniffs the encoding of `input` from its first bytes.
    pub(super) fn new(input: R) -> io::Result<Decoded<R>> {
        Decoded::with_capacity(input, BUF_BYTES, BUF_BYTES)
    }

    /// As [`Decoded::new`], with the sizes of the input buffer and of the UTF-16 output buffer.
    fn with_capacity(input: R, in_bytes: usize, out_bytes: usize) -> io::Result<Decoded<R>> {
        let mut reader = BufReader::with_capacity(in_bytes, input);
        let head = reader.fill_buf()?;
        let utf16: Option<(&'static Encoding, usize)> = match head {
            [0xFF, 0xFE, ..] => Some((UTF_16LE, 2)),
            [0xFE, 0xFF, ..] => Some((UTF_16BE, 2)),
            [b'<', 0, b'?', 0, ..] => Some((UTF_16LE, 0)),
            [0, b'<', 0, b'?', ..] => Some((UTF_16BE, 0)),
            _ => None,
        };
        match utf16 {
            Some((encoding, bom)) => {
                reader.consume(bom);
                Ok(Decoded::Utf16(Utf16 {
                    inner: reader,
                    decoder: encoding.new_decoder_without_bom_handling(),
                    out: vec![0; out_bytes.max(MIN_OUT_BYTES)].into_boxed_slice(),
                    start: 0,
                    end: 0,
                    recent: Vec::with_capacity(2 * RECENT_INPUT),
                    error: None,
                    finished: false,
                }))
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
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(buf.len());
            buf[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
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

/// How many of the last input bytes are kept to name a malformed code unit that began in the
/// previous input buffer: the unit (2 bytes) and what the decoder read after it (2 bytes).
const RECENT_INPUT: usize = 4;

/// UTF-16 transcoded to UTF-8 through fixed buffers.
pub(super) struct Utf16<R: Read> {
    inner: BufReader<R>,
    decoder: Decoder,
    /// Decoded UTF-8; `start..end` is not handed out yet.
    out: Box<[u8]>,
    start: usize,
    end: usize,
    /// The last input bytes given to the decoder (at most [`RECENT_INPUT`] before the current
    /// input buffer).
    recent: Vec<u8>,
    /// A decoding error, held back until the text decoded before it has been consumed.
    error: Option<io::Error>,
    /// The input is exhausted and the decoder flushed.
    finished: bool,
}

impl<R: Read> Utf16<R> {
    /// Decodes into the (empty) output buffer until it holds something, the input ends or an error
    /// comes.
    fn refill(&mut self) -> io::Result<()> {
        self.start = 0;
        self.end = 0;
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        while self.end == 0 && !self.finished {
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            let (result, read, written) =
                self.decoder
                    .decode_to_utf8_without_replacement(input, &mut self.out, last);
            let error = match result {
                DecoderResult::InputEmpty => {
                    self.finished = last;
                    None
                }
                DecoderResult::OutputFull => None,
                DecoderResult::Malformed(bad, after) => Some(malformed(
                    &self.recent,
                    &input[..read],
                    usize::from(bad),
                    usize::from(after),
                    self.decoder.encoding() == UTF_16BE,
                )),
            };
            remember(&mut self.recent, &input[..read]);
            self.inner.consume(read);
            self.end = written;
            if let Some(error) = error {
                if written == 0 {
                    return Err(error);
                }
                self.error = Some(error);
            }
        }
        Ok(())
    }
}

impl<R: Read> BufRead for Utf16<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start == self.end {
            self.refill()?;
        }
        Ok(&self.out[self.start..self.end])
    }

    fn consume(&mut self, amt: usize) {
        self.start = (self.start + amt).min(self.end);
    }
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(buf.len());
            buf[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

/// Keeps the last [`RECENT_INPUT`] bytes of what the decoder has read, `read` being the latest.
fn remember(recent: &mut Vec<u8>, read: &[u8]) {
    recent.extend_from_slice(&read[read.len().saturating_sub(RECENT_INPUT)..]);
    let excess = recent.len().saturating_sub(RECENT_INPUT);
    recent.drain(..excess);
}

/// The error for a malformed sequence of `bad` bytes followed by `after` bytes, ending what the
/// decoder has read: `recent` before this call, then `read`.
fn malformed(recent: &[u8], read: &[u8], bad: usize, after: usize, big_endian: bool) -> io::Error {
    if bad != 2 {
        // A single byte, or a lead surrogate and a single byte, at the end of the input.
        return io::Error::new(
            io::ErrorKind::InvalidData,
            "UTF-16 input has an odd number of bytes",
        );
    }
    let seen: Vec<u8> = recent.iter().chain(read).copied().collect();
    let unit = seen
        .len()
        .checked_sub(after + bad)
        .and_then(|at| seen.get(at..at + 2))
        .and_then(|pair| <[u8; 2]>::try_from(pair).ok())
        .map(|pair| {
            if big_endian {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
    let message = match unit {
        Some(unit) => format!("invalid UTF-16: unpaired surrogate {unit:04X}"),
        None => "invalid UTF-16: unpaired surrogate".to_string(),
    };
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` in UTF-16, little- or big-endian, after a BOM when `bom`.
    fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
        for u in units {
            bytes.extend(if little_endian {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        bytes
    }

    /// Reads all of `decoded` a `step` of bytes at a time.
    fn read_all<R: Read>(mut decoded: Decoded<R>, step: usize) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let available = decoded.fill_buf()?;
            if available.is_empty() {
                return Ok(out);
            }
            let n = available.len().min(step);
            out.extend_from_slice(&available[..n]);
            decoded.consume(n);
        }
    }

    /// A reader that counts the bytes read from it.
    struct Counting<R> {
        inner: R,
        read: usize,
    }

    impl<R: Read> Read for Counting<R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.read += n;
            Ok(n)
        }
    }

    #[test]
    fn a_surrogate_pair_on_every_buffer_boundary_round_trips() {
        for in_bytes in [4, 5, 6, 7, 8, 13, 16, 64] {
            for pad in 0..in_bytes {
                let text = format!("{}😀ə😀😀x{}😀", "a".repeat(pad), "再".repeat(pad));
                for little_endian in [true, false] {
                    for bom in [true, false] {
                        let xml = format!("<?xml?>{text}");
                        let bytes = utf16(&xml, little_endian, bom);
                        let decoded = Decoded::with_capacity(&bytes[..], in_bytes, MIN_OUT_BYTES)
                            .expect("sniff");
                        assert!(matches!(decoded, Decoded::Utf16(_)));
                        let out = read_all(decoded, 3).expect("valid UTF-16");
                        assert_eq!(
                            String::from_utf8(out).expect("UTF-8"),
                            xml,
                            "buffer {in_bytes}, pad {pad}, le {little_endian}, bom {bom}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_large_utf16_input_is_decoded_with_a_bounded_read_ahead() {
        // The emoji straddle the input buffer boundary again and again: the old decoder read the
        // rest of the file at once when a boundary split a pair.
        let line = "<seg>😀 Ilham Əliyev 😀 Ильхам 😀</seg>\n";
        let text = format!("<?xml?>{}", line.repeat(60_000));
        let bytes = utf16(&text, true, true);
        assert!(bytes.len() > 4_000_000, "{}", bytes.len());
        let (in_bytes, out_bytes) = (1000, 700);
        let mut source = Counting {
            inner: &bytes[..],
            read: 0,
        };
        let mut decoded = Decoded::with_capacity(&mut source, in_bytes, out_bytes).expect("sniff");
        let mut out: Vec<u8> = Vec::new();
        let mut utf16_handed_out = 2; // the BOM
        let mut most_ahead = 0;
        loop {
            let available = decoded.fill_buf().expect("valid UTF-16");
            if available.is_empty() {
                break;
            }
            let chunk = std::str::from_utf8(available).expect("whole characters");
            utf16_handed_out += 2 * chunk.encode_utf16().count();
            out.extend_from_slice(available);
            let n = available.len();
            decoded.consume(n);
            let Decoded::Utf16(inner) = &decoded else {
                panic!("sniffed as UTF-8")
            };
            assert!(inner.out.len() == out_bytes && inner.recent.len() <= RECENT_INPUT);
            // Read from the source but not handed out: at most one input buffer (and a split pair).
            most_ahead = most_ahead.max(source_read(&decoded).saturating_sub(utf16_handed_out));
        }
        assert_eq!(out.len(), text.len());
        assert!(out == text.as_bytes());
        assert!(most_ahead <= in_bytes + 3, "{most_ahead}");
    }

    fn source_read(decoded: &Decoded<&mut Counting<&[u8]>>) -> usize {
        match decoded {
            Decoded::Utf8(r) => r.get_ref().read,
            Decoded::Utf16(r) => r.inner.get_ref().read,
        }
    }

    #[test]
    fn malformed_utf16_is_an_error_after_the_text_before_it() {
        // An unpaired high surrogate followed by an ASCII letter, in both byte orders.
        for little_endian in [true, false] {
            let mut bytes = utf16("<?xml?>ok", little_endian, true);
            let unit: u16 = 0xD83D;
            bytes.extend(if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
            bytes.extend(utf16("x", little_endian, false));
            let mut decoded = Decoded::with_capacity(&bytes[..], 8, MIN_OUT_BYTES).expect("sniff");
            let mut out = Vec::new();
            let err = loop {
                match decoded.fill_buf() {
                    Ok([]) => panic!("no error"),
                    Ok(available) => {
                        out.extend_from_slice(available);
                        let n = available.len();
                        decoded.consume(n);
                    }
                    Err(e) => break e,
                }
            };
            assert_eq!(out, b"<?xml?>ok");
            assert_eq!(err.kind(), io::ErrorKind::InvalidData);
            assert_eq!(err.to_string(), "invalid UTF-16: unpaired surrogate D83D");
        }
        let mut odd = utf16("<?xml?>", true, true);
        odd.push(b'x');
        let err = read_all(Decoded::new(&odd[..]).expect("sniff"), 100).expect_err("odd");
        assert_eq!(err.to_string(), "UTF-16 input has an odd number of bytes");
    }

    #[test]
    fn utf8_passes_through_without_its_bom() {
        let text = "<?xml?>ə😀";
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        for bytes in [text.as_bytes(), &with_bom[..]] {
            let decoded = Decoded::new(bytes).expect("sniff");
            assert!(matches!(decoded, Decoded::Utf8(_)));
            assert_eq!(read_all(decoded, 2).expect("read"), text.as_bytes());
        }
    }
}
