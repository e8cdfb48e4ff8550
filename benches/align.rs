//! Alignment speed: a 1,000 × 1,000-sentence article pair, tmkit's aligner against Gale-Church alone
//! in the same group.
//!
//! The input is the sample article (`samples/2024-07-03-aliyev-xi-astana`, en and az, presegmented)
//! repeated until the English side has at least 1,000 sentences, so the gold beads are known and the
//! answer is checked before timing. `TMKIT_BENCH_DATA=/path/to/ntrex-dev` adds a group over the first
//! 1,000 lines of `en-az/all.en` and `all.az` (1-1 by construction).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tmkit::Lang;
use tmkit::align::{Lexicon, Options, Side, align};

const EN: &str = include_str!("../samples/2024-07-03-aliyev-xi-astana/en.sents.txt");
const AZ: &str = include_str!("../samples/2024-07-03-aliyev-xi-astana/az.sents.txt");
const GOLD: &str = include_str!("../samples/2024-07-03-aliyev-xi-astana/gold.en-az.beads");

fn lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.trim().is_empty()).collect()
}

fn bench_align(c: &mut Criterion) {
    let en = Lang::parse("en").expect("en");
    let az = Lang::parse("az").expect("az");
    let (e, a) = (lines(EN), lines(AZ));
    let copies = 1000usize.div_ceil(e.len());
    let src: Vec<&str> = (0..copies).flat_map(|_| e.iter().copied()).collect();
    let tgt: Vec<&str> = (0..copies).flat_map(|_| a.iter().copied()).collect();
    let gold_per_copy = GOLD.lines().filter(|l| !l.trim().is_empty()).count();
    let lexicon = Lexicon::seed(&en, &az);
    let src_side = Side::new(en.clone(), src.clone());
    let tgt_side = Side::new(az.clone(), tgt.clone());

    // Check the answer once: the beads of every copy.
    let check = align(&src_side, &tgt_side, Some(&lexicon), &Options::default());
    assert_eq!(
        check.beads.len(),
        gold_per_copy * copies,
        "tmkit finds the gold bead count"
    );

    let mut group = c.benchmark_group(format!("align/{}x{}", src.len(), tgt.len()));
    group.throughput(criterion::Throughput::Elements(src.len() as u64));
    group.sample_size(20);
    group.bench_function("tmkit", |b| {
        b.iter(|| {
            align(
                black_box(&src_side),
                black_box(&tgt_side),
                Some(&lexicon),
                &Options::default(),
            )
        })
    });
    group.bench_function("gale-church", |b| {
        b.iter(|| {
            align(
                black_box(&src_side),
                black_box(&tgt_side),
                None,
                &Options::gale_church(),
            )
        })
    });
    group.finish();

    if let Ok(dir) = std::env::var("TMKIT_BENCH_DATA") {
        let read = |name: &str| {
            std::fs::read_to_string(format!("{dir}/en-az/{name}")).expect("ntrex-dev file")
        };
        let (all_en, all_az) = (read("all.en"), read("all.az"));
        let s: Vec<&str> = all_en.lines().take(1000).collect();
        let t: Vec<&str> = all_az.lines().take(1000).collect();
        let (ss, ts) = (Side::new(en.clone(), s), Side::new(az.clone(), t));
        let check = align(&ss, &ts, Some(&lexicon), &Options::default());
        let one_to_one = check
            .beads
            .iter()
            .filter(|b| b.src.len() == 1 && b.tgt.len() == 1 && b.src.start == b.tgt.start)
            .count();
        assert!(
            one_to_one * 10 >= ss.sentences.len() * 9,
            "ntrex 1-1 beads found: {one_to_one}"
        );
        let mut group = c.benchmark_group("align/ntrex-1000");
        group.throughput(Throughput::Elements(ss.sentences.len() as u64));
        group.sample_size(20);
        group.bench_function("tmkit", |b| {
            b.iter(|| {
                align(
                    black_box(&ss),
                    black_box(&ts),
                    Some(&lexicon),
                    &Options::default(),
                )
            })
        });
        group.bench_function("gale-church", |b| {
            b.iter(|| {
                align(
                    black_box(&ss),
                    black_box(&ts),
                    None,
                    &Options::gale_church(),
                )
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench_align);
criterion_main!(benches);
