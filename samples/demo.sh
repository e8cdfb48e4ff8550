#!/usr/bin/env bash
# The main job on the sample articles: align them into the memory, look up the sentences of a new
# article, search a stock phrase, export TMX. Needs only the Rust toolchain.
#
#   bash samples/demo.sh            # memory in memory/tm.db (or $TMKIT_TM)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
tmkit() { target/release/tmkit "$@"; }
export TMKIT_TM="${TMKIT_TM:-memory/tm.db}"
new=samples/2024-07-10-aliyev-chinese-delegation

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "tmkit align-dir samples --from en --to az,ru,zh --store"
tmkit align-dir samples --from en --to az,ru,zh --store

step "tmkit train: the word-alignment models behind concordance's translations"
tmkit train

step "tmkit stats"
tmkit stats

step "tmkit lookup --from en --to az --batch -: sentences of a new article"
cut -f1 "$new/lookup.tsv" | sed -n '1p;3p;5p;8p' | tmkit lookup --from en --to az --limit 1 --batch -

step "tmkit concordance --lang en --to ru \"strategic partnership\""
tmkit concordance --lang en --to ru "strategic partnership"

step "tmkit analyze $new/en.txt --from en --to zh"
tmkit analyze "$new/en.txt" --from en --to zh

step "tmkit export --format tmx --langs en,az,ru,zh -o memory/samples.tmx"
tmkit export --format tmx --langs en,az,ru,zh -o memory/samples.tmx
