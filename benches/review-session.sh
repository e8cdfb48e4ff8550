#!/usr/bin/env bash
# The review session of issue #11 on NTREX dev, done with tmkit's commands only: align the dev split as
# an archive of 62 four-language articles, then list, approve 10, edit 5, split 2, merge 2, delete 2,
# and check that export → import keeps the result. Prints the counts after each step and the time
# each command took (wall clock: quote them with the load average, which the script prints too).
#
#   benches/review-session.sh ../shared/data/ntrex-dev [path/to/tmkit]
#
# The binary defaults to target/release/tmkit (`cargo build --release` first). The archive is built
# in a temporary folder and removed afterwards; nothing of NTREX is written into the repository.
#
# Articles: one folder per dev document. en.txt is the document's English as NTREX has it (all.en,
# unperturbed): the headline, a blank line, the other sentences as one paragraph. az.txt, ru.txt and
# zh.txt are the pairs' running texts (tgt.raw.txt: with NTREX-dev's merged and dropped sentences), so
# the aligner meets real omissions and joins. The session picks its units from `review list --json`:
# the first 10 approved; 5 edited (the first units left whose English is one NTREX sentence and whose
# Russian, else Azerbaijani or Chinese, is not NTREX's translation of it: set to that translation);
# the first 2 units with two or more English sentences split after the first sentence of each
# language that has two, each split merged back into its unit; the last 2 units of the queue deleted.
set -euo pipefail

data=${1:?usage: benches/review-session.sh NTREX_DEV_DIR [TMKIT]}
tmkit=${2:-"$(dirname "$0")/../target/release/tmkit"}
command -v jq >/dev/null || { echo "error: the session reads JSON with jq, which is not installed" >&2; exit 1; }
[ -x "$tmkit" ] || { echo "error: no tmkit binary at $tmkit: run cargo build --release" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
archive=$work/archive
tm=$work/ntrex.db
export TMKIT_TM=$tm

# The archive: the index of en-az gives each document's first line in all.en and its number of lines.
offset=0
while IFS=$'\t' read -r _ doc _ lines _; do
  mkdir -p "$archive/$doc"
  sed -n "$((offset + 1)),$((offset + lines))p" "$data/en-az/all.en" |
    awk 'NR == 1 { print; print ""; next } { printf "%s%s", (NR > 2 ? " " : ""), $0 } END { print "" }' \
      >"$archive/$doc/en.txt"
  for pair in az ru zh; do
    cp "$data/en-$pair/$doc/tgt.raw.txt" "$archive/$doc/$pair.txt"
  done
  offset=$((offset + lines))
done < <(tail -n +2 "$data/en-az/index.tsv")

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
timed() { # timed LABEL COMMAND…: runs the command, prints its wall time in seconds to stderr
  local label=$1 start end
  shift
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  printf '%-28s %6.2f s\n' "$label" "$(echo "$end - $start" | bc)" >&2
}
units() { "$tmkit" stats --json | jq .units; }
queued() { "$tmkit" review list --json | wc -l; }
report() { echo "$1: $(units) units, $(queued) need review"; }

timed "align-dir (62 articles)" "$tmkit" align-dir "$archive" --from en --to az,ru,zh --store >"$work/align.log"
# Storing trains no word-alignment model (the review below needs none); `train` is what brings them
# up to date, timed apart.
timed "train (6 pairs)" "$tmkit" train >/dev/null
echo "memory after train: $(stat -c %s "$tm") bytes"
echo "articles: $(wc -l <"$work/align.log"), of which with units: $(grep -c 'units ' "$work/align.log")"
report "aligned"

timed "review list --json" "$tmkit" review list --json >"$work/queue.jsonl"
echo "queue by reason (units with the check, in any language):"
jq -r '.reasons[].check' "$work/queue.jsonl" | sort | uniq -c | sort -rn | sed 's/^/  /'

mapfile -t ids < <(jq -r .id "$work/queue.jsonl")
approve=("${ids[@]:0:10}")
split=($(jq -r 'select([.variants[] | select(.lang == "en") | .sentences | length] | max >= 2) | .id' \
  "$work/queue.jsonl" | grep -vxF -f <(printf '%s\n' "${approve[@]}") | head -2))
n=${#ids[@]}
delete=("${ids[@]:$((n - 2)):2}")

timed "review approve (10)" "$tmkit" review approve "${approve[@]}" --user session >/dev/null
report "approved ${approve[*]}"

# The edits: units of the queue (not approved above) whose English is one NTREX sentence and whose
# Russian (then Azerbaijani, then Chinese) is not NTREX's translation of it get that translation, as a
# reviewer fixing the pair would.
mapfile -t edits < <(python3 - "$data" "$work/queue.jsonl" "${approve[@]}" <<'EOF'
import json, sys
data, queue, approved = sys.argv[1], sys.argv[2], set(sys.argv[3:])
units = [json.loads(line) for line in open(queue, encoding="utf-8")]
picked = set()
for lang, tag in (("ru", "ru"), ("az", "az-Latn"), ("zh", "zh-Hans")):
    en = open(f"{data}/en-{lang}/all.en", encoding="utf-8").read().splitlines()
    tr = open(f"{data}/en-{lang}/all.{lang}", encoding="utf-8").read().splitlines()
    reference = {}
    for e, t in zip(en, tr):
        reference.setdefault(e, set()).add(t)
    for unit in units:
        texts = {v["lang"]: v["text"] for v in unit["variants"]}
        refs = reference.get(texts.get("en"), set())
        if (str(unit["id"]) in approved or unit["id"] in picked or len(refs) != 1
                or tag not in texts or texts[tag] in refs or len(picked) == 5):
            continue
        print(f"{unit['id']}\t{tag}\t{next(iter(refs))}")
        picked.add(unit["id"])
EOF
)
edit=()
for row in "${edits[@]}"; do
  IFS=$'\t' read -r id lang text <<<"$row"
  edit+=("$id:$lang")
  timed "review edit $id --lang $lang" "$tmkit" review edit "$id" --lang "$lang" "$text" --user session >/dev/null
done
report "edited ${edit[*]} (set to NTREX's translation)"

new=()
for id in "${split[@]}"; do
  langs=$("$tmkit" review show "$id" --json |
    jq -r '[.unit.variants[] | select((.sentences | length) >= 2) | "\(.lang)=1"] | join(" ")')
  out=$(timed "review split $id" "$tmkit" review split "$id" $langs --user session)
  echo "$out"
  new+=("$(echo "$out" | awk '{print $NF}')")
done
report "split ${split[*]}"

for i in 0 1; do
  timed "review merge ${split[$i]} ${new[$i]}" "$tmkit" review merge "${split[$i]}" "${new[$i]}" --user session
done
report "merged"

timed "review delete (2)" "$tmkit" review delete "${delete[@]}" --user session
report "deleted ${delete[*]}"

before=$(units)
timed "export (TMX)" "$tmkit" export -o "$work/all.tmx" 2>/dev/null
timed "import (same memory)" "$tmkit" import "$work/all.tmx"
"$tmkit" export -o "$work/again.tmx" 2>/dev/null
if cmp -s <(sed 1,/'<body>'/d "$work/all.tmx") <(sed 1,/'<body>'/d "$work/again.tmx"); then
  echo "round trip: the TMX body is unchanged"
else
  echo "round trip: the TMX body changed" && exit 1
fi
TMKIT_TM=$work/copy.db timed "import (new memory)" "$tmkit" import "$work/all.tmx"
echo "units: $before here, $(TMKIT_TM=$work/copy.db units) in the new memory;" \
  "needs review: $(queued) here, $(TMKIT_TM=$work/copy.db queued) in the new memory"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
