//! `tmkit segment`: split text into sentences, one per line (or JSON Lines with offsets).
//!
//! Input is read paragraph by paragraph (a blank line ends a paragraph), so memory is bounded by the
//! longest paragraph, not the input.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use tmkit::Lang;
use tmkit::segment::{LineBreaks, Segmenter, builtin_srx};

use super::{OutputFile, display_path};

/// Split text into sentences: one sentence per line, line breaks inside a sentence shown as spaces.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit segment --lang en samples/2024-07-03-aliyev-xi-astana/en.txt
  tmkit segment --lang ru --format json --paragraphs article.ru.txt
  cat article.txt | tmkit segment --lang az -
  tmkit segment --lang en --rules my-rules.srx article.txt
  tmkit segment --lang en --line-breaks break one-segment-per-line.txt
  tmkit segment --export-srx tmkit.srx")]
pub struct Args {
    /// Language of the text (BCP 47: en, az, ru, zh, …); chooses the rules.
    #[arg(long, value_name = "LANG", required_unless_present = "export_srx")]
    pub lang: Option<String>,
    /// Segmentation rules from an SRX 2.0 file instead of the built-in rules.
    #[arg(long, value_name = "FILE.srx")]
    pub rules: Option<PathBuf>,
    /// Output: `lines` (one sentence per line) or `json` (one JSON object per sentence with text,
    /// paragraph, byte and character ranges).
    #[arg(long, value_enum, default_value_t = Format::Lines)]
    pub format: Format,
    /// How a single line break inside a paragraph is read: `auto` (by the shape of the lines: list
    /// items, headings, datelines and blocks of short lines end a sentence, wrapped prose is joined),
    /// `space` (only the rules break) or `break` (every line ends a sentence). A blank line always
    /// ends a paragraph.
    #[arg(long, value_enum, default_value_t = LineBreakMode::Auto)]
    pub line_breaks: LineBreakMode,
    /// Print a blank line between paragraphs (lines format).
    #[arg(long)]
    pub paragraphs: bool,
    /// Write the built-in rules of every language as SRX 2.0 to FILE (`-` for standard output) and exit.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["lang", "rules", "input", "line_breaks"])]
    pub export_srx: Option<PathBuf>,
    /// The UTF-8 text to segment (`-` for standard input).
    #[arg(value_name = "FILE", default_value = "-")]
    pub input: PathBuf,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One sentence per line.
    Lines,
    /// JSON Lines: `{"text", "paragraph", "bytes": [start, end], "chars": [start, end]}`.
    Json,
}

/// How a single line break is read (see [`LineBreaks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LineBreakMode {
    /// By the shape of the lines around it.
    Auto,
    /// As a space.
    Space,
    /// As a sentence break.
    Break,
}

impl From<LineBreakMode> for LineBreaks {
    fn from(mode: LineBreakMode) -> LineBreaks {
        match mode {
            LineBreakMode::Auto => LineBreaks::Auto,
            LineBreakMode::Space => LineBreaks::Space,
            LineBreakMode::Break => LineBreaks::Break,
        }
    }
}

#[derive(serde::Serialize)]
struct JsonSentence<'a> {
    text: &'a str,
    paragraph: usize,
    bytes: [usize; 2],
    chars: [usize; 2],
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if let Some(path) = &args.export_srx {
        let mut out = OutputFile::create(path)?;
        out.write_all(builtin_srx().to_xml().as_bytes())
            .with_context(|| format!("cannot write {}", display_path(path)))?;
        return out.commit();
    }
    let Some(lang) = &args.lang else {
        bail!("--lang is required");
    };
    let lang = Lang::parse(lang)?;
    let segmenter = match &args.rules {
        Some(path) => {
            let xml = super::read_text(path)?;
            Segmenter::from_srx(&xml, Some(path), &lang)?
        }
        None => Segmenter::for_lang(&lang),
    }
    .with_line_breaks(args.line_breaks.into());
    let shown = display_path(&args.input);
    let reader: Box<dyn Read> = if args.input == Path::new("-") {
        Box::new(io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&args.input).with_context(|| format!("cannot read {shown}"))?)
    };
    let reader = super::text_input(reader, &shown)?;
    let mut out = super::stdout();
    let mut paragraphs = Paragraphs::new(BufReader::with_capacity(1 << 16, reader), shown.clone());
    let mut paragraph = 0usize;
    while let Some(chunk) = paragraphs.next_paragraph()? {
        let sentences = segmenter.segment(&chunk.text);
        if sentences.is_empty() {
            continue;
        }
        if args.paragraphs && args.format == Format::Lines && paragraph > 0 {
            writeln!(out)?;
        }
        for s in &sentences {
            let text = s.text(&chunk.text);
            match args.format {
                Format::Lines => writeln!(out, "{text}")?,
                Format::Json => {
                    let record = JsonSentence {
                        text: &text,
                        paragraph: paragraph + s.paragraph,
                        bytes: [
                            chunk.byte_offset + s.span.bytes.start,
                            chunk.byte_offset + s.span.bytes.end,
                        ],
                        chars: [
                            chunk.char_offset + s.span.chars.start,
                            chunk.char_offset + s.span.chars.end,
                        ],
                    };
                    serde_json::to_writer(&mut out, &record)?;
                    writeln!(out)?;
                }
            }
        }
        paragraph += sentences.last().map_or(0, |s| s.paragraph + 1);
    }
    out.flush()?;
    if paragraph == 0 {
        bail!("{shown}: there is no text to segment (the input is empty)");
    }
    Ok(())
}

/// One paragraph of the input and where it starts.
struct Chunk {
    text: String,
    byte_offset: usize,
    char_offset: usize,
}

/// Reads a UTF-8 text paragraph by paragraph (lines up to the next blank line).
struct Paragraphs<R> {
    reader: R,
    shown: String,
    /// Bytes and characters consumed so far.
    bytes: usize,
    chars: usize,
    line: Vec<u8>,
    at_start: bool,
}

impl<R: BufRead> Paragraphs<R> {
    fn new(reader: R, shown: String) -> Self {
        Paragraphs {
            reader,
            shown,
            bytes: 0,
            chars: 0,
            line: Vec::new(),
            at_start: true,
        }
    }

    fn next_paragraph(&mut self) -> anyhow::Result<Option<Chunk>> {
        let mut chunk = Chunk {
            text: String::new(),
            byte_offset: self.bytes,
            char_offset: self.chars,
        };
        loop {
            self.line.clear();
            let n = self
                .reader
                .read_until(b'\n', &mut self.line)
                .with_context(|| format!("cannot read {}", self.shown))?;
            if n == 0 {
                return Ok((!chunk.text.is_empty()).then_some(chunk));
            }
            let mut line: &[u8] = &self.line;
            if self.at_start {
                self.at_start = false;
                if let Some(rest) = line.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
                    // The byte order mark is not text; offsets count from after it.
                    line = rest;
                }
            }
            let text = match std::str::from_utf8(line) {
                Ok(t) => t,
                Err(e) => bail!(
                    "{}: invalid UTF-8 at byte {}: tmkit reads UTF-8 text only",
                    self.shown,
                    self.bytes + e.valid_up_to()
                ),
            };
            let blank = text.trim().is_empty();
            if chunk.text.is_empty() {
                chunk.byte_offset = self.bytes;
                chunk.char_offset = self.chars;
            }
            self.bytes += text.len();
            self.chars += text.chars().count();
            if blank {
                if !chunk.text.is_empty() {
                    return Ok(Some(chunk));
                }
                continue;
            }
            chunk.text.push_str(text);
        }
    }
}
