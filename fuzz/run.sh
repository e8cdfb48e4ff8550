#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each from its corpus, one after the other,
# without sanitizers; stops at the first crash (exit 1, the input saved under fuzz/artifacts/<target>/).
# Usage: fuzz/run.sh SECONDS [TARGET...]   (needs a nightly toolchain and cargo-fuzz)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
all=$#
if [ ${#targets[@]} -eq 0 ]; then
  targets=(tmx_read tsv_import srx segment lookup_diff lang_tag tmx_roundtrip tsv_roundtrip xliff_roundtrip)
fi

# The longest input each target is given: a whole TMX or SRX file for the readers, a few dozen
# sentences for the targets that build a memory or round-trip units (they read at most 32–64 lines).
max_len() {
  case $1 in
    tmx_read | srx) echo 65536 ;;
    segment | tsv_import) echo 32768 ;;
    *) echo 8192 ;;
  esac
}

# -O with debug assertions (cargo-fuzz's default): overflows panic as they would in a test.
if [ "$all" -eq 0 ]; then
  cargo +nightly fuzz build --sanitizer none
else
  for target in "${targets[@]}"; do cargo +nightly fuzz build --sanitizer none "$target"; done
fi
for target in "${targets[@]}"; do
  echo "fuzz: $target for ${seconds}s"
  # -timeout: one input taking 30 s is a hang (the inputs are at most 64 KiB); -rss_limit_mb: an
  # input that makes the library use 2 GB is a bug. Only the summary lines are kept in the log.
  set +e
  cargo +nightly fuzz run --sanitizer none "$target" -- \
    -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=30 -rss_limit_mb=2048 \
    -print_final_stats=1 2>&1 |
    grep -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|==|SUMMARY|thread|.*panicked|.*ERROR|.*Test unit written|Reproduce)'
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    echo "fuzz: $target failed (exit $status); the input is under fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
