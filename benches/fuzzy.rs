//! Fuzzy matching benchmarks: the score of one sentence pair, and lookup through the index against an
//! exhaustive scan on a memory built from the sample article (every sentence of `samples/` in 200
//! numbered variants, so the memory has the near-duplicates a news memory has).
//!
//! The archive-scale numbers (100,000 and 1,000,000 units from ntrex-dev) come from
//! `tmkit eval fuzzy --data <ntrex-dev>` on a release build.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tmkit::Lang;
use tmkit::fuzzy::score::score_texts;
use tmkit::search::{LookupOptions, lookup, lookup_exhaustive};
use tmkit::tm::Memory;
use tmkit::unit::{NewUnit, NewVariant, Origin};

const EN: &str = include_str!("../samples/2024-07-03-aliyev-xi-astana/en.sents.txt");

fn bench_score(c: &mut Criterion) {
    let en = Lang::parse("en").expect("tag");
    let a = "We are pleased with the increase in the turnover of goods between our countries, it has reached 4 billion dollars.";
    let b = "We are pleased with the increase in the turnover between our countries, it has reached 3 billion dollars.";
    assert!(score_texts(a, b, &en).score > 0.8);
    let mut group = c.benchmark_group("score");
    group.throughput(Throughput::Elements(1));
    group.bench_function("sentence_pair", |bench| {
        bench.iter(|| score_texts(black_box(a), black_box(b), &en))
    });
    group.finish();
}

fn bench_lookup(c: &mut Criterion) {
    let (en, az) = (
        Lang::parse("en").expect("tag"),
        Lang::parse("az").expect("tag"),
    );
    let mut memory = Memory::open_in_memory().expect("memory");
    let sentences: Vec<&str> = EN.lines().filter(|l| l.split(' ').count() > 4).collect();
    let mut units = Vec::new();
    for k in 0..200 {
        for (i, s) in sentences.iter().enumerate() {
            let text = format!("{s} ({k} {i})");
            let unit = NewUnit::new(
                Origin::Imported,
                vec![
                    NewVariant::new(en.clone(), text),
                    NewVariant::new(az.clone(), format!("t{k} {i}")),
                ],
            );
            units.push(unit);
        }
    }
    memory.insert_units(&units, 0).expect("insert");
    let query = format!("{} (7 3)", sentences[3].replace("the", "a"));
    let options = LookupOptions::default();
    let fast = lookup(&memory, &query, &en, &az, &options).expect("lookup");
    let slow = lookup_exhaustive(&memory, &query, &en, &az, &options).expect("scan");
    assert_eq!(
        fast.iter().map(|m| (m.unit, m.score)).collect::<Vec<_>>(),
        slow.iter().map(|m| (m.unit, m.score)).collect::<Vec<_>>()
    );
    let mut group = c.benchmark_group("lookup");
    group.sample_size(10);
    group.bench_function("indexed", |bench| {
        bench.iter(|| lookup(&memory, black_box(&query), &en, &az, &options))
    });
    group.bench_function("exhaustive", |bench| {
        bench.iter(|| lookup_exhaustive(&memory, black_box(&query), &en, &az, &options))
    });
    group.finish();
}

criterion_group!(benches, bench_score, bench_lookup);
criterion_main!(benches);
