//! Differential: the indexed fuzzy lookup against the exhaustive scan (`search::lookup_exhaustive`),
//! which scores every stored variant. Any difference in the matches (unit and score, in order) panics.
//!
//! Input: byte 0 picks the threshold (1–100%), byte 1 the limit (1–4, or 1000 so the cascade rarely
//! stops early) and the language pair; the rest is lines of text. A line starting with `?` is a query,
//! a line starting with `-` deletes the unit stored before it (stale postings), every other line is the
//! source text of one unit (target `t<i>`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tmkit::Memory;
use tmkit::search::{LookupOptions, lookup, lookup_exhaustive};
use tmkit::unit::{NewUnit, NewVariant, Origin};

#[path = "common.rs"]
mod common;

/// Enough units for the cascade and the index to matter, few enough for thousands of runs a second.
const MAX_UNITS: usize = 64;
const MAX_QUERIES: usize = 4;

fuzz_target!(|data: &[u8]| {
    let ([threshold, choice], rest) = common::params::<2>(data);
    let text = String::from_utf8_lossy(rest);
    let percent = 1 + u32::from(threshold) % 100;
    let limit = match choice & 7 {
        0 | 5..=7 => 1000,
        n => usize::from(n),
    };
    let from = common::lang(choice >> 3);
    let to = if from.language() == "en" {
        common::lang(2)
    } else {
        common::lang(0)
    };

    let mut queries = Vec::new();
    let mut units = Vec::new();
    let mut doomed = Vec::new();
    for line in text.lines() {
        if let Some(query) = line.strip_prefix('?') {
            if queries.len() < MAX_QUERIES {
                queries.push(query);
            }
        } else if line.starts_with('-') {
            if let Some(last) = units.len().checked_sub(1) {
                doomed.push(last);
            }
        } else if units.len() < MAX_UNITS {
            let target = format!("t{}", units.len());
            units.push(NewUnit::new(
                Origin::Manual,
                vec![
                    NewVariant::new(from.clone(), line),
                    NewVariant::new(to.clone(), target),
                ],
            ));
        }
    }
    // One transaction for all units (a fresh memory per input keeps runs reproducible); a set the
    // memory refuses (a unit without text, say) is retried one unit at a time, keeping the others.
    let mut memory = Memory::open_in_memory().expect("an in-memory memory opens");
    let ids: Vec<Option<i64>> = match memory.insert_units(&units, 0) {
        Ok(inserted) => inserted.iter().map(|u| Some(u.id())).collect(),
        Err(_) => units
            .iter()
            .map(|u| {
                memory
                    .insert_units(std::slice::from_ref(u), 0)
                    .ok()
                    .and_then(|i| i.first().map(|u| u.id()))
            })
            .collect(),
    };
    let doomed: Vec<i64> = doomed
        .iter()
        .filter_map(|&i| ids.get(i).copied().flatten())
        .collect();
    memory.delete_units(&doomed).expect("deleting stored units");
    let options = LookupOptions {
        min_score: percent as f32 / 100.0,
        limit,
    };
    for query in queries {
        let fast = lookup(&memory, query, &from, &to, &options);
        let slow = lookup_exhaustive(&memory, query, &from, &to, &options);
        match (fast, slow) {
            (Ok(fast), Ok(slow)) => {
                let fast: Vec<(i64, f32)> = fast.iter().map(|m| (m.unit, m.score)).collect();
                let slow: Vec<(i64, f32)> = slow.iter().map(|m| (m.unit, m.score)).collect();
                assert_eq!(
                    fast, slow,
                    "index and scan disagree: query {query:?} {from}→{to} at {percent}% limit {limit}"
                );
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "query {query:?}"),
            (fast, slow) => panic!(
                "index and scan disagree on {query:?} at {percent}%: index {:?}, scan {:?}",
                fast.map(|m| m.len()),
                slow.map(|m| m.len())
            ),
        }
    }
});
