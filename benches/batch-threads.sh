#!/usr/bin/env bash
# The batch speed-up of issue #15 (item 4): a batch of 10,000 queries through `tmkit lookup --batch FILE`
# with --threads 1 and --threads 2, on a 100k-unit news memory and a 100k-unit near-duplicate memory.
#
#   benches/batch-threads.sh ../shared/data/ntrex-dev [path/to/tmkit] [runs]
#
# The binary defaults to target/release/tmkit (`cargo build --release` first); runs (default 3) is the
# number of runs of each thread count, made alternately (1, 2, 1, 2, …) so that a change of load
# touches both alike. The memories and queries come from `tmkit eval fuzzy … --queries FILE` (8,334
# edited queries and 1,666 without a match, the benchmark's mix) and are kept in
# target/batch-threads/ for the next run (delete the folder to rebuild them). Every run's output must
# be the same as the first run's with one thread (the answers keep the order of the lines), or the
# script fails. Printed per memory: the median wall time and CPU time (user + system) of each thread
# count, and the ratio of single-thread to two-thread wall time (= the throughput ratio; issue #15's
# target is ≥ 1.8). Wall times depend on the load: the script prints the load average beside them.
set -euo pipefail

data=${1:?usage: benches/batch-threads.sh NTREX_DEV_DIR [TMKIT] [RUNS]}
tmkit=${2:-"$(dirname "$0")/../target/release/tmkit"}
runs=${3:-3}
[ -x "$tmkit" ] || { echo "error: no tmkit binary at $tmkit: run cargo build --release" >&2; exit 1; }

work=$(dirname "$0")/../target/batch-threads
mkdir -p "$work"

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-15s %7s %10s %10s %10s %10s %8s\n' memory queries "1t wall" "1t cpu" "2t wall" "2t cpu" "ratio"
for shape in news near-duplicate; do
    db=$work/$shape-100k.db
    queries=$work/$shape-queries.txt
    if [ ! -f "$db" ] || [ ! -f "$queries" ]; then
        "$tmkit" eval fuzzy --shape "$shape" --units 100000 --data "$data" --db "$db" \
            --edited 8334 --unmatched 1666 --scanned 0 --phrases 0 --queries "$queries" >"$work/$shape-build.txt"
    fi
    declare -A wall=() cpu=()
    for ((run = 1; run <= runs; run++)); do
        for threads in 1 2; do
            out=$work/$shape-t$threads.out
            times=$work/$shape-t$threads.time
            /usr/bin/time -f '%e %U %S' -o "$times" \
                "$tmkit" lookup --tm "$db" --from en --to az --batch "$queries" --threads "$threads" >"$out"
            read -r e u s <"$times"
            wall[$threads]+="$e"$'\n'
            cpu[$threads]+="$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')"$'\n'
            if [ "$run$threads" = 11 ]; then
                cp "$out" "$work/$shape-reference.out"
            elif ! cmp -s "$out" "$work/$shape-reference.out"; then
                echo "error: $shape, run $run, $threads threads: the output differs from the first run's" >&2
                exit 1
            fi
        done
    done
    w1=$(printf '%s' "${wall[1]}" | median)
    w2=$(printf '%s' "${wall[2]}" | median)
    c1=$(printf '%s' "${cpu[1]}" | median)
    c2=$(printf '%s' "${cpu[2]}" | median)
    printf '%-15s %7s %9.2fs %9.2fs %9.2fs %9.2fs %7.2fx\n' "$shape" "$(wc -l <"$queries")" \
        "$w1" "$c1" "$w2" "$c2" "$(awk -v a="$w1" -v b="$w2" 'BEGIN { print a / b }')"
    unset wall cpu
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
