//! Importing TMX and TSV files into the memory, one transaction per file.
//!
//! [`import_tmx`] and [`import_tsv`] drive the streaming readers of [`crate::tmx`] and hand the units
//! to [`Memory::load`]: an `import` row with the header and its props, then the units, parsed and
//! prepared ([`Prepared`]: validated, fingerprinted, tokenized for the match index) on two more threads
//! ([`tm::bulk::pipelined_map`]) and inserted on this one — or merged into the stored unit that holds them,
//! joined to the unit of their source sentence, or updating the stored unit they are a later version of
//! (the rules of [`tm::pivot`]; a TSV file's first column is the source language) — their match-index entries
//! built in memory and written before the commit. By default the first bad unit rolls the whole file
//! back; with `skip_bad` each bad unit is reported with its location and skipped. `x-confidence` and
//! `x-status` props go back into the unit's columns (the reader does that).

use std::io::{BufRead, Read};

use crate::location::Location;
use crate::tm::bulk::{ImportFormat, Loader, NewImport, pipelined_map};
use crate::tm::unit::{Imported, Preparer};
use crate::tm::{self, Memory};
use crate::tmx::{TmxReader, tsv::TsvReader};
use crate::unit::{ImportHeader, NewUnit};

/// An import that failed; the memory is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The memory failed.
    #[error(transparent)]
    Tm(#[from] tm::Error),
    /// The file is not valid TMX or TSV (or a unit of it, without `skip_bad`).
    #[error(transparent)]
    Tmx(#[from] crate::tmx::Error),
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Units read and stored.
    pub units: u64,
    /// Of those, new units.
    pub new: u64,
    /// Of those, duplicates merged into a stored unit that holds every variant already.
    pub merged: u64,
    /// Of those, joined to the stored unit of the same source sentence (their other languages added).
    pub joined: u64,
    /// Of those, later versions of a stored unit (same tuid, newer `changedate`): the stored unit updated.
    pub updated: u64,
    /// Of those, versions of a stored unit that are not newer than it: the stored unit kept as it is.
    pub older: u64,
    /// Units skipped (`skip_bad`), each with its error.
    pub skipped: Vec<String>,
}

/// Imports one TMX stream in one transaction. `progress` is called after each unit with the count.
///
/// # Errors
/// The first bad unit's [`crate::tmx::Error`] (unless `skip_bad`), any other reading error (the memory is
/// unchanged then), the memory's errors.
pub fn import_tmx<R: Read + Send>(
    memory: &mut Memory,
    mut reader: TmxReader<R>,
    path: &str,
    skip_bad: bool,
    progress: impl FnMut(u64),
) -> Result<ImportReport, Error> {
    let import = NewImport {
        header: reader.header().clone(),
        ..NewImport::new(path, ImportFormat::Tmx)
    };
    memory.load(Some(&import), |loader| {
        let units = std::iter::from_fn(|| reader.next_unit())
            .map(|next| next.map(|read| (read.unit, read.line)));
        let report = load_units(loader, path, skip_bad, units, progress)?;
        loader.set_content_hash(&reader.content_hash())?;
        Ok(report)
    })
}

/// Imports one TSV stream (header line naming the languages) in one transaction.
///
/// # Errors
/// As [`import_tmx`].
pub fn import_tsv<R: BufRead + Send>(
    memory: &mut Memory,
    mut reader: TsvReader<R>,
    path: &str,
    content_hash: &str,
    skip_bad: bool,
    progress: impl FnMut(u64),
) -> Result<ImportReport, Error> {
    let import = NewImport {
        content_hash: content_hash.to_string(),
        header: ImportHeader {
            srclang: reader.langs().first().map(|l| l.as_str().to_string()),
            ..ImportHeader::default()
        },
        ..NewImport::new(path, ImportFormat::Tsv)
    };
    // The first column is the source language: units join through its sentence.
    let srclang = reader.langs().first().cloned();
    memory.load(Some(&import), |loader| {
        let units = std::iter::from_fn(|| reader.next_unit()).map(|next| {
            next.map(|(mut unit, line)| {
                if unit.srclang.is_none() {
                    unit.srclang = srclang.clone();
                }
                (unit, line)
            })
        });
        load_units(loader, path, skip_bad, units, progress)
    })
}

/// Stores the units read from one file: parsed on a second thread and prepared on a third
/// ([`pipelined_map`]), inserted here by the `loader`, duplicates merged. Bad units are skipped and reported with their
/// location when `skip_bad`, else the first one is the error.
fn load_units(
    loader: &mut Loader<'_>,
    path: &str,
    skip_bad: bool,
    units: impl Iterator<Item = Result<(NewUnit, u64), crate::tmx::Error>> + Send,
    mut progress: impl FnMut(u64),
) -> Result<ImportReport, Error> {
    let mut report = ImportReport::default();
    let import_id = loader.import_id();
    let mut preparer = Preparer::default();
    let prepare = move |next: Result<(NewUnit, u64), crate::tmx::Error>| {
        next.map(|(mut u, line)| {
            u.import_id = import_id;
            (preparer.prepare(u), line)
        })
    };
    pipelined_map(units, prepare, |next| -> Result<(), Error> {
        match next {
            Ok((Ok(prepared), _)) => {
                match loader.insert(&prepared)? {
                    Imported::New(_) => report.new += 1,
                    Imported::Merged(_) => report.merged += 1,
                    Imported::Joined(_) => report.joined += 1,
                    Imported::Updated(_) => report.updated += 1,
                    Imported::Older(_) => report.older += 1,
                }
                report.units += 1;
            }
            Ok((Err(tm::Error::InvalidUnit(why)), line)) if skip_bad => {
                let at = Location::new(Some(path.into()), line, 0);
                report
                    .skipped
                    .push(format!("{at}: bad unit: {}", reason(&why)));
            }
            Ok((Err(e), _)) => return Err(e.into()),
            Err(e) if skip_bad && e.is_unit_error() => report.skipped.push(e.to_string()),
            Err(e) => return Err(e.into()),
        }
        progress(report.units);
        Ok(())
    })?;
    Ok(report)
}

/// What is wrong with a unit, in the words of a skipped-unit report.
fn reason(error: &crate::unit::Error) -> String {
    match error {
        crate::unit::Error::NoVariant => "it has no variant".to_string(),
        crate::unit::Error::TwoVariants { lang } => format!("two variants in {lang}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::tm::{ExportFilter, for_each_unit};
    use crate::tmx::tsv::TsvReader;
    use crate::tmx::{LangStyle, TmxWriter, WriteHeader};
    use crate::unit::{NewVariant, Origin, Prop, Status};

    fn lang(t: &str) -> Lang {
        Lang::parse(t).expect("tag")
    }

    fn export(memory: &Memory, filter: &ExportFilter) -> String {
        let header = WriteHeader {
            srclang: filter.langs.first().cloned(),
            creationdate: 0,
            lang_style: LangStyle::Bcp47,
        };
        let mut w = TmxWriter::new(Vec::new(), &header).expect("header");
        for_each_unit::<Error>(memory, filter, |u| Ok(w.write_unit(u)?)).expect("export");
        String::from_utf8(w.finish().expect("finish")).expect("utf-8")
    }

    #[test]
    fn a_bilingual_export_holds_only_units_with_both_languages() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let mut a = NewUnit::new(
            Origin::Aligned,
            vec![
                NewVariant::new(lang("en"), "Hello"),
                NewVariant::new(lang("az"), "Salam"),
            ],
        );
        a.confidence = Some(0.5);
        a.status = Status::NeedsReview;
        memory.insert_units(&[a], 10).expect("a");
        let b = NewUnit::new(
            Origin::Manual,
            vec![
                NewVariant::new(lang("en"), "Bye"),
                NewVariant::new(lang("ru"), "Пока"),
            ],
        );
        memory.insert_units(&[b], 20).expect("b");
        let filter = ExportFilter {
            langs: vec![lang("en"), lang("az")],
            require_all: true,
            ..ExportFilter::default()
        };
        let out = export(&memory, &filter);
        assert!(out.contains("<seg>Salam</seg>"), "{out}");
        assert!(!out.contains("Bye"), "{out}");
        assert!(
            out.contains("<prop type=\"x-confidence\">0.5000</prop>"),
            "{out}"
        );
        let filter = ExportFilter {
            status: Some(Status::Ok),
            ..ExportFilter::default()
        };
        let out = export(&memory, &filter);
        assert!(!out.contains("Salam") && out.contains("Пока"), "{out}");
    }

    #[test]
    fn import_then_export_gives_the_same_tmx() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let mut u = NewUnit::new(
            Origin::Aligned,
            vec![
                NewVariant::new(lang("en"), " a & b <c> "),
                NewVariant::new(lang("zh"), "中文😀"),
            ],
        );
        u.props.push(Prop::note("checked"));
        u.tuid = Some("t1".into());
        u.confidence = Some(0.93);
        memory.insert_units(&[u], 1_700_000_000).expect("insert");
        let first = export(&memory, &ExportFilter::default());
        let mut fresh = Memory::open_in_memory().expect("memory");
        let reader = TmxReader::new(first.as_bytes(), None).expect("reader");
        let report = import_tmx(&mut fresh, reader, "x.tmx", false, |_| {}).expect("import");
        assert_eq!(report.new, 1);
        let second = export(&fresh, &ExportFilter::default());
        assert_eq!(first, second);
    }

    #[test]
    fn a_load_into_an_empty_memory_ends_in_wal_mode_with_foreign_keys_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let tmx = "<tmx version=\"1.4\"><header srclang=\"en\" creationtool=\"t\" creationtoolversion=\"1\" \
                   segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" datatype=\"plaintext\"/><body>\
                   <tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"az\"><seg>b</seg></tuv></tu>\
                   </body></tmx>";
        let mut memory = Memory::open(&dir.path().join("tm.db")).expect("memory");
        for expected_new in [1, 0] {
            let reader = TmxReader::new(tmx.as_bytes(), None).expect("reader");
            let report = import_tmx(&mut memory, reader, "x.tmx", false, |_| {}).expect("import");
            assert_eq!(report.new, expected_new);
            let (mode, fk): (String, bool) = memory
                .conn()
                .query_row(
                    "SELECT * FROM pragma_journal_mode, pragma_foreign_keys",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .expect("pragmas");
            assert_eq!((mode.as_str(), fk), ("wal", true));
        }
    }

    fn tsv(memory: &mut Memory, text: &str) -> ImportReport {
        let reader = TsvReader::new(text.as_bytes(), None).expect("tsv");
        import_tsv(memory, reader, "x.tsv", "hash", false, |_| {}).expect("import")
    }

    fn tmx(memory: &mut Memory, text: &str) -> ImportReport {
        let reader = TmxReader::new(text.as_bytes(), None).expect("reader");
        import_tmx(memory, reader, "x.tmx", false, |_| {}).expect("import")
    }

    /// Each unit's variants as `lang=text`, units in id order.
    fn contents(memory: &Memory) -> Vec<String> {
        let mut out = Vec::new();
        for_each_unit::<Error>(memory, &ExportFilter::default(), |u| {
            let mut v: Vec<String> = u
                .variants
                .iter()
                .map(|v| format!("{}={}", v.lang, v.text))
                .collect();
            v.sort();
            out.push(v.join(" "));
            Ok(())
        })
        .expect("export");
        out
    }

    #[test]
    fn bilingual_files_of_the_same_sentences_give_one_unit_per_sentence() {
        // Issue #11: en–az, en–ru and en–zh files gave three units per English sentence.
        let mut memory = Memory::open_in_memory().expect("memory");
        tsv(
            &mut memory,
            "en\taz\nGood morning.\tSabahınız xeyir.\nThanks.\tSağ olun.\n",
        );
        let ru = tsv(
            &mut memory,
            "en\tru\ngood  morning.\tДоброе утро.\nThanks.\tСпасибо.\n",
        );
        let zh = tsv(&mut memory, "en\tzh\nThanks.\t谢谢。\nBye.\t再见。\n");
        assert_eq!((ru.joined, ru.new), (2, 0));
        assert_eq!((zh.joined, zh.new), (1, 1));
        assert_eq!(
            contents(&memory),
            vec![
                "az-Latn=Sabahınız xeyir. en=Good morning. ru=Доброе утро.",
                "az-Latn=Sağ olun. en=Thanks. ru=Спасибо. zh-Hans=谢谢。",
                "en=Bye. zh-Hans=再见。",
            ]
        );
        // Importing a file again finds every unit stored already.
        let again = tsv(&mut memory, "en\tru\nThanks.\tСпасибо.\n");
        assert_eq!((again.merged, again.new, again.joined), (1, 0, 0));
        // A second translation of a sentence that has one is a unit of its own: nothing is replaced.
        let other = tsv(&mut memory, "en\tru\nThanks.\tБлагодарю.\n");
        assert_eq!(other.new, 1);
        assert_eq!(memory.count_units().expect("count"), 4);
    }

    #[test]
    fn export_then_import_into_the_same_memory_adds_and_changes_nothing() {
        let mut memory = Memory::open_in_memory().expect("memory");
        tsv(&mut memory, "en\taz\nGood morning.\tSabahınız xeyir.\n");
        tsv(&mut memory, "en\tru\nGood morning.\tДоброе утро.\n");
        let mut flagged = NewUnit::new(
            Origin::Aligned,
            vec![
                NewVariant::new(lang("en"), "It cost 5 dollars."),
                NewVariant::new(lang("zh"), "花了钱。"),
            ],
        );
        flagged.status = Status::NeedsReview;
        flagged.confidence = Some(0.41);
        memory.insert_units(&[flagged], 1_000).expect("insert");
        let first = export(&memory, &ExportFilter::default());
        assert!(first.contains("<tu tuid=\"tmkit-1\""), "{first}");
        let report = tmx(&mut memory, &first);
        assert_eq!((report.new, report.merged, report.joined), (0, 2, 0));
        assert_eq!(export(&memory, &ExportFilter::default()), first);
        assert_eq!(memory.count_units().expect("count"), 2);
    }

    #[test]
    fn a_unit_imported_again_with_a_newer_changedate_updates_the_stored_one() {
        let mut memory = Memory::open_in_memory().expect("memory");
        tsv(
            &mut memory,
            "en\tru\taz\nThe sides met.\tСтороны встретились.\tTərəflər görüşdü.\n",
        );
        let exported = export(&memory, &ExportFilter::default());
        let changedate = exported
            .split("changedate=\"")
            .nth(1)
            .and_then(|rest| rest.get(..16))
            .expect("changedate")
            .to_string();
        // A reviewer fixes the Russian in the exported file and drops the Azerbaijani.
        let edited = |date: &str, ru: &str| {
            let mut out = String::new();
            let mut skip = false;
            for line in exported.lines() {
                if line.contains("xml:lang=\"az-Latn\"") {
                    skip = true;
                }
                if !skip {
                    out.push_str(
                        &line
                            .replace(
                                &format!("changedate=\"{changedate}\""),
                                &format!("changedate=\"{date}\" changeid=\"olga\""),
                            )
                            .replace("Стороны встретились.", ru),
                    );
                    out.push('\n');
                }
                if skip && line.contains("</tuv>") {
                    skip = false;
                }
            }
            out
        };
        let newer = tmx(
            &mut memory,
            &edited("20990101T000000Z", "Стороны провели встречу."),
        );
        assert_eq!((newer.updated, newer.new), (1, 0));
        assert_eq!(
            contents(&memory),
            vec!["az-Latn=Tərəflər görüşdü. en=The sides met. ru=Стороны провели встречу."]
        );
        let changed_by: Option<String> = memory
            .conn()
            .query_row("SELECT changed_by FROM unit", [], |r| r.get(0))
            .expect("unit");
        assert_eq!(changed_by.as_deref(), Some("olga"));
        // An older version of the same unit is not a new unit and changes nothing.
        let older = tmx(
            &mut memory,
            &edited("20000101T000000Z", "Стороны виделись."),
        );
        assert_eq!((older.older, older.new), (1, 0));
        assert_eq!(memory.count_units().expect("count"), 1);
        assert!(contents(&memory)[0].contains("ru=Стороны провели встречу."));
    }

    #[test]
    fn an_omegat_project_memory_imported_twice_gives_its_units_once() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tmx/omegat.tmx");
        let text = std::fs::read_to_string(path).expect("fixture");
        let mut memory = Memory::open_in_memory().expect("memory");
        let first = tmx(&mut memory, &text);
        let count = memory.count_units().expect("count");
        let second = tmx(&mut memory, &text);
        assert_eq!(second.new + second.joined + second.updated, 0, "{second:?}");
        assert_eq!(second.merged + second.older, first.units);
        assert_eq!(memory.count_units().expect("count"), count);
    }

    #[test]
    fn deleting_an_import_keeps_the_translations_other_imports_joined() {
        let mut memory = Memory::open_in_memory().expect("memory");
        tsv(
            &mut memory,
            "en\taz\nGood morning.\tSabahınız xeyir.\nThanks.\tSağ olun.\n",
        );
        tsv(&mut memory, "en\tru\nGood morning.\tДоброе утро.\n");
        let actor = crate::tm::review::Actor {
            user: "test".into(),
            at: 5,
        };
        let tx = memory.review(actor).expect("tx");
        assert_eq!(tx.delete_import(1).expect("delete"), Some(1));
        tx.commit().expect("commit");
        assert_eq!(contents(&memory), vec!["en=Good morning. ru=Доброе утро."]);
    }
}
