//! `tmkit align`: align an article with its translation(s); print the beads or store them as units.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use tmkit::Lang;
use tmkit::Memory;
use tmkit::align::{self, Alignment, Bead, Flag, Lexicon, Options, Side};
use tmkit::eval::align::format_bead;
use tmkit::segment::join_sentences;
use tmkit::tm::article::{AlignedUnit, ArticleMeta, NewDocument, NewSegment, content_hash};
use tmkit::tm::unit::Status;

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

/// A language version read from a file.
pub struct Doc {
    /// Its language.
    pub lang: Lang,
    /// Its path.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    /// Its sentences.
    pub sentences: Vec<NewSegment>,
}

impl Doc {
    /// Reads and segments a file.
    pub fn read(path: &Path, lang: Lang, presegmented: bool) -> anyhow::Result<Doc> {
        let text = read_text(path)?;
        let sentences = if presegmented {
            presegmented_sentences(&text)
        } else {
            segment(&text, &lang)
        };
        Ok(Doc {
            lang,
            path: path.to_path_buf(),
            text,
            sentences,
        })
    }

    /// The side to align.
    pub fn side(&self) -> Side<'_> {
        Side::with_paragraphs(
            self.lang.clone(),
            self.sentences.iter().map(|s| s.text.as_str()).collect(),
            self.sentences.iter().map(|s| s.paragraph).collect(),
        )
    }

    /// The document to store.
    pub fn to_document(&self) -> NewDocument {
        NewDocument {
            lang: self.lang.clone(),
            title: self.sentences.first().map(|s| s.text.clone()),
            source_path: Some(self.path.display().to_string()),
            content_hash: content_hash(self.text.as_bytes()),
            sentences: self.sentences.clone(),
        }
    }

    fn join(&self, range: &std::ops::Range<usize>) -> String {
        join_sentences(
            &self.lang,
            range
                .clone()
                .filter_map(|i| self.sentences.get(i).map(|s| s.text.as_str())),
        )
    }
}

/// One sentence per non-blank line; blank lines separate paragraphs.
pub fn presegmented_sentences(text: &str) -> Vec<NewSegment> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut blank = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            blank = true;
            continue;
        }
        if blank && !out.is_empty() {
            paragraph += 1;
        }
        blank = false;
        out.push(NewSegment {
            paragraph,
            byte_range: start..start + content.len(),
            text: content.trim().to_string(),
        });
    }
    out
}

/// Running text, segmented by [`tmkit::segment`] (paragraphs are separated by blank lines).
pub fn segment(text: &str, lang: &Lang) -> Vec<NewSegment> {
    tmkit::segment::Segmenter::for_lang(lang)
        .segment(text)
        .into_iter()
        .filter_map(|s| {
            let sentence = s.text(text).trim().to_string();
            (!sentence.is_empty()).then(|| NewSegment {
                paragraph: s.paragraph,
                byte_range: s.span.bytes.clone(),
                text: sentence,
            })
        })
        .collect()
}

/// The article slug a source path implies.
pub fn slug_of(path: &Path) -> String {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("article");
    let first = name.split('.').next().unwrap_or(name);
    if Lang::parse(first).is_ok()
        && first.len() <= 3
        && let Some(dir) = path.canonicalize().ok().and_then(|p| {
            p.parent()
                .and_then(|d| d.file_name())
                .map(|d| d.to_string_lossy().into_owned())
        })
    {
        return dir;
    }
    // `<slug>.<lang>.txt`: drop the extension and the language.
    let mut parts: Vec<&str> = name.split('.').collect();
    if parts.len() > 1 {
        parts.pop();
    }
    if parts.len() > 1
        && parts
            .last()
            .is_some_and(|l| Lang::parse(l).is_ok() && l.len() <= 7)
    {
        parts.pop();
    }
    parts.join(".")
}

/// The lexicon for a pair: the seed list plus what the memory learned (when the memory exists).
pub fn lexicon_for(src: &Lang, tgt: &Lang, memory: Option<&Memory>) -> anyhow::Result<Lexicon> {
    let mut lexicon = Lexicon::seed(src, tgt);
    if let Some(memory) = memory {
        lexicon.extend(&memory.learned_lexicon(src, tgt)?);
    }
    Ok(lexicon)
}

/// Aligns the source with each target.
pub fn align_all(
    source: &Doc,
    targets: &[Doc],
    memory: Option<&Memory>,
    use_lexicon: bool,
) -> anyhow::Result<Vec<Alignment>> {
    let options = Options {
        lexicon: use_lexicon,
        ..Options::default()
    };
    let src = source.side();
    let mut out = Vec::new();
    for target in targets {
        let lexicon = if use_lexicon {
            lexicon_for(&source.lang, &target.lang, memory)?
        } else {
            Lexicon::new()
        };
        out.push(align::align_two_pass(
            &src,
            &target.side(),
            &lexicon,
            &options,
        ));
    }
    Ok(out)
}

/// Multilingual units through the source as pivot (see [`align::pivot_units`]), plus, where the pivot
/// had to join source sentences that one pair aligns separately, that pair's finer bilingual units: a
/// translator looking up one sentence should find its own translation, not only the joined unit.
pub fn units(source: &Doc, targets: &[Doc], alignments: &[Alignment]) -> Vec<AlignedUnit> {
    let langs: Vec<Lang> = targets.iter().map(|t| t.lang.clone()).collect();
    let doubtful = alignments.iter().any(|a| !a.warnings.is_empty());
    let pivot = align::pivot_units(source.sentences.len(), alignments);
    let mut finer = Vec::new();
    if alignments.len() > 1 {
        for (lang, alignment) in langs.iter().zip(alignments) {
            for bead in alignment.beads.iter().filter(|b| b.is_linked()) {
                let joined = pivot
                    .iter()
                    .find(|u| u.src.contains(&bead.src.start))
                    .is_some_and(|u| u.src != bead.src);
                if joined {
                    finer.push(AlignedUnit {
                        sentences: vec![
                            (source.lang.clone(), bead.src.clone().collect()),
                            (lang.clone(), bead.tgt.clone().collect()),
                        ],
                        confidence: bead.confidence,
                        status: if doubtful || bead.confidence < align::REVIEW_THRESHOLD {
                            Status::NeedsReview
                        } else {
                            Status::Ok
                        },
                        flags: bead.flags.iter().map(|f| f.as_str().to_string()).collect(),
                    });
                }
            }
        }
    }
    pivot
        .into_iter()
        .map(|u| {
            let mut sentences = vec![(source.lang.clone(), u.src.clone().collect::<Vec<_>>())];
            for (lang, tgt) in langs.iter().zip(&u.tgt) {
                sentences.push((lang.clone(), tgt.clone().collect()));
            }
            let review = doubtful
                || u.confidence < align::REVIEW_THRESHOLD
                || u.flags
                    .iter()
                    .any(|f| !matches!(f, Flag::Unaligned | Flag::NameMismatch));
            AlignedUnit {
                sentences,
                confidence: u.confidence,
                status: if review {
                    Status::NeedsReview
                } else {
                    Status::Ok
                },
                flags: u.flags.iter().map(|f| f.as_str().to_string()).collect(),
            }
        })
        .chain(finer)
        .collect()
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
    let source = Doc::read(&args.files[0], src_lang, args.presegmented)?;
    let targets = tgt_langs
        .into_iter()
        .zip(&args.files[1..])
        .map(|(lang, path)| Doc::read(path, lang, args.presegmented))
        .collect::<anyhow::Result<Vec<Doc>>>()?;
    if args.store
        && let Some(empty) = std::iter::once(&source)
            .chain(&targets)
            .find(|d| d.sentences.is_empty())
    {
        bail!(
            "{}: the file has no sentences; nothing stored",
            empty.path.display()
        );
    }
    let memory = if args.store || global.tm.exists() {
        Some(
            Memory::open(&global.tm)
                .with_context(|| format!("cannot open the memory {}", global.tm.display()))?,
        )
    } else {
        None
    };
    let alignments = align_all(&source, &targets, memory.as_ref(), !args.no_lexicon)?;
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
            .unwrap_or_else(|| slug_of(&source.path));
        let units = units(&source, &targets, &alignments);
        let mut documents = vec![source.to_document()];
        documents.extend(targets.iter().map(Doc::to_document));
        let report = memory
            .store_aligned(&ArticleMeta::from_slug(&slug), &documents, &units)
            .with_context(|| format!("cannot store article '{slug}'"))?;
        learn(&mut memory, &source, &targets, &alignments)?;
        let review = units
            .iter()
            .filter(|u| u.status == Status::NeedsReview)
            .count();
        eprintln!(
            "stored article '{slug}': {} units new, {} merged, {} replaced, {} left out (same text in \
             every language), {review} to review",
            report.inserted, report.merged, report.replaced, report.untranslated
        );
    }
    Ok(())
}

/// Teaches the memory's lexicon the confident beads of each pair.
pub fn learn(
    memory: &mut Memory,
    source: &Doc,
    targets: &[Doc],
    alignments: &[Alignment],
) -> anyhow::Result<()> {
    for (target, a) in targets.iter().zip(alignments) {
        if !a.warnings.is_empty() {
            continue;
        }
        let pairs: Vec<(String, String)> = a
            .beads
            .iter()
            .filter(|b| b.is_linked() && b.confidence >= align::REVIEW_THRESHOLD)
            .map(|b| (source.join(&b.src), target.join(&b.tgt)))
            .collect();
        memory.learn_lexicon(&source.lang, &target.lang, &pairs)?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presegmented_lines_count_without_blank_lines() {
        let s = presegmented_sentences("A.\nB.\n\nC ə.\n");
        assert_eq!(s.len(), 3);
        assert_eq!(s[2].paragraph, 1);
        assert_eq!(s[2].byte_range, 7..12);
    }

    #[test]
    fn slugs_come_from_file_or_folder_names() {
        assert_eq!(
            slug_of(Path::new("x/2024-07-03-aliyev-xi.en.txt")),
            "2024-07-03-aliyev-xi"
        );
        assert_eq!(slug_of(Path::new("story.txt")), "story");
    }
}
