//! `tmkit align`: align an article with its translation(s); print the beads or store them as units.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;
use tmkit::Lang;
use tmkit::align::{self, Alignment, Bead};
use tmkit::eval::align::format_bead;
use tmkit::ingest::{self, Doc, ReviewPolicy};
use tmkit::unit::Status;

use super::{Global, parse_langs, read_text, stdout};

/// Align the sentences of an article (SRC) with its translations (TGT…).
///
/// With one target, prints the beads; with several (`--to az,ru,zh` and one file per language), the
/// alignments go through the source as pivot and make multilingual units, flagged
/// `pivot-disagreement` where the pairs cut the source differently. The lexicon of the memory (`--tm`)
/// is used when the memory exists (`--no-lexicon` turns the lexicon off, seed list included), and
/// `--store` writes the units with provenance (article, documents, sentence positions, confidence;
/// beads below 0.9 confidence or with number, length or pivot flags are stored as needs-review) and
/// teaches the memory's
/// lexicon the confident beads.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit align --from en --to az samples/2024-07-03-aliyev-xi-astana/{en,az}.txt
  tmkit align --from en --to zh --presegmented --format beads en.sents.txt zh.sents.txt
  tmkit align --from en --to az,ru,zh --store DIR/{en,az,ru,zh}.txt
  tmkit align --from en --to ru --format review en.txt ru.txt | less -S")]
pub struct Args {
    /// Language of SRC (BCP 47: en, az, ru, zh …).
    #[arg(long, value_name = "LANG")]
    pub from: String,
    /// Language(s) of TGT…, comma-separated, in the order of the files.
    #[arg(long, value_name = "LANG[,LANG…]")]
    pub to: String,
    /// The files are one sentence per line (a blank line ends a paragraph and is not counted).
    #[arg(long)]
    pub presegmented: bool,
    /// Output: tsv (source<TAB>target per bead with both sides), beads (`[0, 1]:[2]` per line),
    /// json (one object per bead with sentences, confidence, flags), review (two columns for a person).
    #[arg(long, value_enum, default_value = "tsv")]
    pub format: Format,
    /// Store the units in the memory (--tm).
    #[arg(long)]
    pub store: bool,
    /// Article name for --store (default: SRC's file name without language and extension, or its folder
    /// for DIR/<slug>/en.txt).
    #[arg(long, value_name = "SLUG")]
    pub article: Option<String>,
    /// Use neither the seed lexicon nor the memory's learned one.
    #[arg(long)]
    pub no_lexicon: bool,
    /// The source file, then one file per --to language.
    #[arg(value_name = "FILE", required = true, num_args = 2..)]
    pub files: Vec<PathBuf>,
}

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `source<TAB>target` per bead with both sides.
    Tsv,
    /// `[0, 1]:[2]` per bead.
    Beads,
    /// One JSON object per bead.
    Json,
    /// Two columns with confidence and flags, for a person.
    Review,
}

/// Reads a language version as `tmkit align` and `tmkit analyze` do: a UTF-8 file, or standard input
/// for `-`.
pub fn read_doc(path: &Path, lang: Lang, presegmented: bool) -> anyhow::Result<Doc> {
    let text = read_text(path)?;
    Ok(Doc::from_text(path.to_path_buf(), lang, text, presegmented))
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let src_lang = Lang::parse(&args.from)?;
    let tgt_langs = parse_langs(&args.to)?;
    if tgt_langs.is_empty() {
        bail!("--to names no language");
    }
    if args.files.len() != tgt_langs.len() + 1 {
        bail!(
            "--to names {} language(s), so {} files are expected (SRC and one per language), found {}",
            tgt_langs.len(),
            tgt_langs.len() + 1,
            args.files.len()
        );
    }
    let source = read_doc(&args.files[0], src_lang, args.presegmented)?;
    let targets = tgt_langs
        .into_iter()
        .zip(&args.files[1..])
        .map(|(lang, path)| read_doc(path, lang, args.presegmented))
        .collect::<anyhow::Result<Vec<Doc>>>()?;
    if args.store {
        ingest::check_storable(&source, &targets)?;
    }
    // Without --store the memory only lends its learned lexicon: read-only.
    let memory = if args.store {
        Some(super::open_for_writing(global)?)
    } else if global.tm.exists() {
        Some(super::open_existing(global)?)
    } else {
        None
    };
    let alignments = ingest::align_all(&source, &targets, memory.as_ref(), !args.no_lexicon)?;
    for (target, a) in targets.iter().zip(&alignments) {
        for w in &a.warnings {
            eprintln!(
                "warning: {} / {}: {w}",
                source.path.display(),
                target.path.display()
            );
        }
    }
    let mut out = stdout();
    if targets.len() == 1 {
        print_pair(&mut out, &source, &targets[0], &alignments[0], args.format)?;
    } else {
        print_multi(&mut out, &source, &targets, &alignments, args.format)?;
    }
    out.flush()?;
    if let Some(mut memory) = memory.filter(|_| args.store) {
        let slug = args
            .article
            .clone()
            .unwrap_or_else(|| ingest::slug_of(&source.path));
        let units = ingest::units(&source, &targets, &alignments, &ReviewPolicy::default());
        let report = ingest::store(&mut memory, &slug, &source, &targets, &units)?;
        let review = units
            .iter()
            .filter(|u| u.status == Status::NeedsReview)
            .count();
        eprintln!(
            "stored article '{slug}': {} units new, {} updated, {} already stored, {} merged, {} left out \
             (same text in every language), {review} to review{}",
            report.inserted,
            report.updated,
            report.kept_as_is,
            report.merged,
            report.untranslated,
            stale_note(report.stale)
        );
        super::train::note_after_storing(&memory)?;
    }
    Ok(())
}

/// What a store says of the units whose source sentence left the article.
pub fn stale_note(stale: usize) -> String {
    match stale {
        0 => String::new(),
        n => format!(
            "; {n} stored {} no longer in the article: kept, not linked to a sentence",
            if n == 1 {
                "unit's source sentence is"
            } else {
                "units' source sentences are"
            }
        ),
    }
}

fn flags(bead: &Bead) -> String {
    bead.flags
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn print_pair(
    out: &mut impl Write,
    source: &Doc,
    target: &Doc,
    alignment: &Alignment,
    format: Format,
) -> anyhow::Result<()> {
    for bead in &alignment.beads {
        match format {
            Format::Beads => writeln!(out, "{}", format_bead(&bead.src, &bead.tgt))?,
            Format::Tsv => {
                if bead.is_linked() {
                    writeln!(
                        out,
                        "{}\t{}",
                        source.join(&bead.src),
                        target.join(&bead.tgt)
                    )?;
                }
            }
            Format::Json => {
                let value = serde_json::json!({
                    "src": bead.src.clone().collect::<Vec<_>>(),
                    "tgt": bead.tgt.clone().collect::<Vec<_>>(),
                    "source": source.join(&bead.src),
                    "target": target.join(&bead.tgt),
                    "confidence": bead.confidence,
                    "flags": bead.flags,
                });
                writeln!(out, "{value}")?;
            }
            Format::Review => review(out, bead, &source.join(&bead.src), &target.join(&bead.tgt))?,
        }
    }
    Ok(())
}

/// Column width of the review format, in terminal cells.
const COLUMN: usize = 56;

fn cells(c: char) -> usize {
    if tmkit::align::script::script_of(c) == tmkit::lang::Script::Han
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
    {
        2
    } else {
        1
    }
}

/// Cuts text into lines of at most `width` cells, at spaces where there are any.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_inclusive(' ') {
        let w: usize = word.chars().map(cells).sum();
        if used + w > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0;
        }
        for c in word.chars() {
            if used + cells(c) > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cells(c);
        }
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

fn review(out: &mut impl Write, bead: &Bead, src: &str, tgt: &str) -> anyhow::Result<()> {
    let mark = if bead.confidence < align::REVIEW_THRESHOLD || !bead.flags.is_empty() {
        "?"
    } else {
        " "
    };
    writeln!(
        out,
        "{mark} {}  {:.2}  {}",
        format_bead(&bead.src, &bead.tgt),
        bead.confidence,
        flags(bead)
    )?;
    let left = wrap(src, COLUMN);
    let right = wrap(tgt, COLUMN);
    for k in 0..left.len().max(right.len()) {
        let l = left.get(k).map(String::as_str).unwrap_or("");
        let r = right.get(k).map(String::as_str).unwrap_or("");
        let pad = COLUMN.saturating_sub(l.chars().map(cells).sum());
        writeln!(out, "    {l}{}  │ {r}", " ".repeat(pad))?;
    }
    Ok(())
}

fn print_multi(
    out: &mut impl Write,
    source: &Doc,
    targets: &[Doc],
    alignments: &[Alignment],
    format: Format,
) -> anyhow::Result<()> {
    if format == Format::Beads || format == Format::Review {
        for (target, a) in targets.iter().zip(alignments) {
            writeln!(out, "# {}-{}", source.lang, target.lang)?;
            print_pair(out, source, target, a, format)?;
        }
        return Ok(());
    }
    for unit in align::pivot_units(source.sentences.len(), alignments) {
        let texts: Vec<String> = std::iter::once(source.join(&unit.src))
            .chain(targets.iter().zip(&unit.tgt).map(|(t, r)| t.join(r)))
            .collect();
        if format == Format::Tsv {
            if texts.iter().filter(|t| !t.is_empty()).count() >= 2 {
                writeln!(out, "{}", texts.join("\t"))?;
            }
        } else {
            let mut value = serde_json::json!({
                "confidence": unit.confidence,
                "flags": unit.flags,
            });
            value[source.lang.as_str()] = serde_json::json!(texts[0]);
            for (t, text) in targets.iter().zip(&texts[1..]) {
                value[t.lang.as_str()] = serde_json::json!(text);
            }
            writeln!(out, "{value}")?;
        }
    }
    Ok(())
}
