//! Segmentation throughput on news text (criterion), with unicode-segmentation's UAX #29 sentence
//! splitter timed in the same group as a baseline.
//!
//! Inputs: the sample articles (`samples/2024-07-03-aliyev-xi-astana/{en,ru,zh}.txt` via
//! `include_str!`), each repeated to about 1 MB (paragraphs separated by blank lines). With
//! `TMKIT_BENCH_DATA=/path/to/ntrex-dev` the English running texts of `en-ru/*/src.raw.txt` are timed as
//! well (`segment/en-ntrex`). Groups are `segment/<lang>`; throughput is in bytes.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tmkit::Lang;
use tmkit::segment::Segmenter;
use unicode_segmentation::UnicodeSegmentation;

const EN: &str = include_str!("../samples/2024-07-03-aliyev-xi-astana/en.txt");
const EN_GOLD: &str = include_str!("../samples/2024-07-03-aliyev-xi-astana/en.sents.txt");
const RU: &str = include_str!("../samples/2024-07-03-aliyev-xi-astana/ru.txt");
const RU_GOLD: &str = include_str!("../samples/2024-07-03-aliyev-xi-astana/ru.sents.txt");
const ZH: &str = include_str!("../samples/2024-07-03-aliyev-xi-astana/zh.txt");
const ZH_GOLD: &str = include_str!("../samples/2024-07-03-aliyev-xi-astana/zh.sents.txt");

/// About 1 MB: large enough that per-call overhead is negligible, small enough for the cache-cold case
/// to still be news-like.
const TARGET_BYTES: usize = 1 << 20;

fn repeated(text: &str) -> (String, usize) {
    let copies = TARGET_BYTES / text.len() + 1;
    (vec![text.trim_end(); copies].join("\n\n"), copies)
}

fn bench_lang(c: &mut Criterion, name: &str, lang: &str, text: &str, gold: Option<&str>) {
    let segmenter = Segmenter::for_lang(&Lang::parse(lang).expect("valid tag"));
    let (input, copies) = repeated(text);
    // Check the answer once before timing: a fast wrong answer is no result.
    if let Some(gold) = gold {
        assert_eq!(
            segmenter.segment(&input).len(),
            gold.lines().count() * copies
        );
    }
    let mut group = c.benchmark_group(format!("segment/{name}"));
    group.throughput(Throughput::Bytes(input.len() as u64));
    group.sample_size(20);
    group.bench_function("tmkit", |b| {
        b.iter(|| black_box(segmenter.segment(black_box(&input))).len())
    });
    group.bench_function("unicode-segmentation", |b| {
        b.iter(|| black_box(black_box(&input).unicode_sentences().count()))
    });
    group.finish();
}

fn segment(c: &mut Criterion) {
    bench_lang(c, "en", "en", EN, Some(EN_GOLD));
    bench_lang(c, "ru", "ru", RU, Some(RU_GOLD));
    bench_lang(c, "zh", "zh", ZH, Some(ZH_GOLD));
    if let Ok(dir) = std::env::var("TMKIT_BENCH_DATA") {
        let mut text = String::new();
        let pair = std::path::Path::new(&dir).join("en-ru");
        if let Ok(entries) = std::fs::read_dir(&pair) {
            let mut paths: Vec<_> = entries
                .flatten()
                .map(|e| e.path().join("src.raw.txt"))
                .collect();
            paths.sort();
            for p in paths {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    text.push_str(&t);
                    text.push('\n');
                }
            }
        }
        if !text.is_empty() {
            bench_lang(c, "en-ntrex", "en", &text, None);
        }
    }
}

criterion_group!(benches, segment);
criterion_main!(benches);
