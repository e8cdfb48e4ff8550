//! Word-alignment training speed (issue #12: at least 20,000 sentence pairs a second per language
//! pair on one core): `phrase/train-en-<lang>` times [`Model::train`] on every unit of a language
//! pair, tokenization included, against tokenizing the same units alone in the same group.
//!
//! Input: `TMKIT_BENCH_DATA=/path/to/ntrex-dev` reads `en-{az,ru,zh}/all.en` and `all.<lang>`
//! (1,007 line-aligned news sentences a pair); unset, the sample article's gold units
//! (`samples/2024-07-03-aliyev-xi-astana`, 65 or 66 a pair) are used. Before timing, each model
//! is checked once: *president* must have the expected translation among its first three.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tmkit::Lang;
use tmkit::phrase::{Model, Tokenizer};

const SAMPLE: &str = "samples/2024-07-03-aliyev-xi-astana";

/// The sample article's units for en–`lang`, one per gold bead.
fn sample_units(lang: &str) -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SAMPLE);
    let read = |name: String| {
        std::fs::read_to_string(dir.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let en: Vec<String> = read("en.sents.txt".into())
        .lines()
        .map(str::to_owned)
        .collect();
    let other: Vec<String> = read(format!("{lang}.sents.txt"))
        .lines()
        .map(str::to_owned)
        .collect();
    let join = if lang == "zh" { "" } else { " " };
    let pick = |list: &str, lines: &[String]| -> String {
        let picked: Vec<&str> = list
            .trim()
            .trim_matches(['[', ']'])
            .split(',')
            .filter_map(|x| x.trim().parse::<usize>().ok())
            .map(|i| lines[i].as_str())
            .collect();
        picked.join(join)
    };
    read(format!("gold.en-{lang}.beads"))
        .lines()
        .filter_map(|bead| bead.split_once(':'))
        .map(|(s, t)| (pick(s, &en), pick(t, &other)))
        .filter(|(s, t)| !s.is_empty() && !t.is_empty())
        .collect()
}

fn units(lang: &str) -> Vec<(String, String)> {
    match std::env::var_os("TMKIT_BENCH_DATA") {
        Some(dir) => {
            let dir = PathBuf::from(dir).join(format!("en-{lang}"));
            let read = |name: String| {
                std::fs::read_to_string(dir.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"))
            };
            let (en, other) = (read("all.en".into()), read(format!("all.{lang}")));
            en.lines()
                .zip(other.lines())
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
                .collect()
        }
        None => sample_units(lang),
    }
}

fn bench_train(c: &mut Criterion) {
    let en = Lang::parse("en").expect("en");
    for (lang, president) in [("az", "prezident"), ("ru", "президент"), ("zh", "总统")] {
        let tgt = Lang::parse(lang).expect("a tag");
        let pairs = units(lang);
        let borrowed = || pairs.iter().map(|(a, b)| (a.as_str(), b.as_str()));

        // Check the answer once.
        let model = Model::train(borrowed(), &en, &tgt);
        let top: Vec<&str> = model
            .translations("president")
            .into_iter()
            .take(3)
            .map(|(t, _)| t)
            .collect();
        let expected = model.tgt_tokenizer().stem(president);
        assert!(
            top.contains(&expected.as_str()),
            "president → {top:?}, expected {expected}"
        );

        // The machine this runs on may be shared: also report throughput per second of this
        // thread's own CPU time (Linux `/proc/thread-self/schedstat`), which load does not inflate.
        if let Some(start) = cpu_time_ns() {
            let rounds = 5;
            for _ in 0..rounds {
                black_box(Model::train(borrowed(), &en, &tgt));
            }
            if let Some(end) = cpu_time_ns() {
                let seconds = (end - start) as f64 / 1e9;
                eprintln!(
                    "phrase/train-en-{lang}: {:.0} pairs per CPU second ({} pairs, {rounds} rounds, {seconds:.2} s)",
                    (rounds * pairs.len()) as f64 / seconds,
                    pairs.len()
                );
            }
        }

        let (src_tok, tgt_tok) = (Tokenizer::new(&en), Tokenizer::new(&tgt));
        let mut group = c.benchmark_group(format!("phrase/train-en-{lang}"));
        group.throughput(Throughput::Elements(pairs.len() as u64));
        group.sample_size(10);
        group.bench_function("model1+diagonal", |b| {
            b.iter(|| Model::train(black_box(borrowed()), &en, &tgt))
        });
        group.bench_function("tokenize-only", |b| {
            b.iter(|| {
                borrowed()
                    .map(|(s, t)| {
                        src_tok.words(black_box(s)).len() + tgt_tok.words(black_box(t)).len()
                    })
                    .sum::<usize>()
            })
        });
        group.finish();
    }
}

/// CPU time this thread has run, in nanoseconds, where the kernel tells it.
fn cpu_time_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

criterion_group!(benches, bench_train);
criterion_main!(benches);
