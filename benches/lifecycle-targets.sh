#!/usr/bin/env bash
# Issue #11's targets, checked on a release build:
#   1. NTREX dev's three bilingual TSV files (en–az, en–ru, en–zh, built from all.en and all.<lang>)
#      imported into one memory: how many units (target: ≤ 1,010, one per English sentence);
#   2. that memory's multilingual TMX export given to OmegaT 3.6 (console mode) in en→az, en→ru and
#      en→zh projects whose source is all.en: every segment inserted in the project's target language,
#      none in another (needs omegat on PATH; skipped otherwise);
#   3. a generated memory of N units (`tmkit eval tmx`, 100,000 by default) exported, imported into
#      itself and exported again: the unit count and the TMX body unchanged.
#
#   benches/lifecycle-targets.sh ../shared/data/ntrex-dev [path/to/tmkit] [N]
#
# Everything is written to a temporary folder, removed afterwards; nothing of NTREX enters the
# repository. Times are wall clock: quote them with the load average the script prints.
set -euo pipefail

data=${1:?usage: benches/lifecycle-targets.sh NTREX_DEV_DIR [TMKIT] [UNITS]}
tmkit=$(realpath "${2:-"$(dirname "$0")/../target/release/tmkit"}")
units=${3:-100000}
[ -x "$tmkit" ] || { echo "error: no tmkit binary at $tmkit: run cargo build --release" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. Three TSV imports.
for lang in az ru zh; do
  { printf 'en\t%s\n' "$lang"; paste "$data/en-$lang/all.en" "$data/en-$lang/all.$lang"; } >"$work/en-$lang.tsv"
done
"$tmkit" --tm "$work/ntrex.db" import "$work/en-az.tsv" "$work/en-ru.tsv" "$work/en-zh.tsv"
echo "distinct English sentences: $(sort -u "$data/en-az/all.en" | wc -l) of $(wc -l <"$data/en-az/all.en")"
"$tmkit" --tm "$work/ntrex.db" stats | sed -n '/^units/,/^zh-Hans/p'

# 2. The multilingual export in OmegaT.
"$tmkit" --tm "$work/ntrex.db" export -o "$work/all.tmx"
if command -v omegat >/dev/null; then
  for pair in az:AZ ru:RU zh:ZH-CN; do
    lang=${pair%%:*} code=${pair#*:} dir=$work/omegat-$lang
    mkdir -p "$dir"/{source,target,tm/auto,glossary,dictionary,omegat}
    cat >"$dir/omegat.project" <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
<source_dir>__DEFAULT__</source_dir><target_dir>__DEFAULT__</target_dir><tm_dir>__DEFAULT__</tm_dir>
<glossary_dir>__DEFAULT__</glossary_dir><glossary_file>__DEFAULT__</glossary_file>
<dictionary_dir>__DEFAULT__</dictionary_dir><source_lang>EN</source_lang><target_lang>$code</target_lang>
<source_tokenizer>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tokenizer>
<target_tokenizer>org.omegat.tokenizer.DefaultTokenizer</target_tokenizer>
<sentence_seg>false</sentence_seg><support_default_translations>true</support_default_translations>
<remove_tags>false</remove_tags>
  </project>
</omegat>
EOF
    cp "$work/all.tmx" "$dir/tm/auto/"
    # One paragraph (segment) per English sentence.
    sed 's/$/\n/' "$data/en-az/all.en" >"$dir/source/all.txt"
    omegat "$dir" --mode=console-translate >/dev/null 2>&1
  done
  python3 - "$data" "$work" <<'EOF'
import sys
data, work = sys.argv[1], sys.argv[2]
en = open(f"{data}/en-az/all.en", encoding="utf-8").read().splitlines()
refs = {l: open(f"{data}/en-{l}/all.{l}", encoding="utf-8").read().splitlines() for l in ("az", "ru", "zh")}
# Every translation an English sentence has in each language (a sentence repeated in NTREX can have two).
known = {l: {} for l in refs}
for l, lines in refs.items():
    for e, t in zip(en, lines):
        known[l].setdefault(e, set()).add(t)
for l in refs:
    out = [x for x in open(f"{work}/omegat-{l}/target/all.txt", encoding="utf-8").read().split("\n") if x]
    assert len(out) == len(en), (l, len(out), len(en))
    right = other_text = wrong_lang = untranslated = 0
    for e, got in zip(en, out):
        if got in known[l][e]:
            right += 1
        elif any(got in known[m].get(e, ()) for m in refs if m != l):
            wrong_lang += 1
        elif got == e:
            untranslated += 1
        else:
            other_text += 1
    print(f"OmegaT en→{l}: {len(en)} segments: {right} inserted in {l}, {wrong_lang} in another language, "
          f"{untranslated} not inserted, {other_text} other")
EOF
else
  echo "note: omegat is not installed: the OmegaT check is skipped"
fi

# 3. Export → import → export of a generated memory into itself.
"$tmkit" eval tmx --units "$units" --dir "$work/gen" >"$work/eval-tmx.txt"
tm=$work/gen/eval-tmx-source.db
before=$("$tmkit" --tm "$tm" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["units"])')
start=$(date +%s.%N)
"$tmkit" --tm "$tm" export -o "$work/first.tmx"
"$tmkit" --tm "$tm" import "$work/first.tmx"
"$tmkit" --tm "$tm" export -o "$work/second.tmx"
end=$(date +%s.%N)
after=$("$tmkit" --tm "$tm" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["units"])')
body() { sed '1,/<body>/d' "$1" | sha256sum | cut -c1-16; }
echo "round trip of $units units: $before units before, $after after; TMX body $(body "$work/first.tmx") → $(body "$work/second.tmx");" \
  "$(echo "$end - $start" | bc) s for export + import + export"
[ "$before" = "$after" ] && [ "$(body "$work/first.tmx")" = "$(body "$work/second.tmx")" ]
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
