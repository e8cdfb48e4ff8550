#!/usr/bin/env bash
# Writes the seed corpora of the fuzz targets, fuzz/corpus/<target>/seed-*, from the repository's own
# test fixtures and samples (nothing from outside the repository). Run from anywhere; rerunning
# rewrites the seeds and leaves what fuzzing added alone. Each seed starts with the parameter bytes its
# target reads first (see the target's doc comment).
set -euo pipefail
cd "$(dirname "$0")"
root=..
fixtures=$root/tests/fixtures
astana=$root/samples/2024-07-03-aliyev-xi-astana
delegation=$root/samples/2024-07-10-aliyev-chinese-delegation

seed() { # seed <target> <name>: stdin → corpus/<target>/seed-<name>
  mkdir -p "corpus/$1"
  cat >"corpus/$1/seed-$2"
}
# The first n sentences of the Astana article as tab-separated en, az, ru, zh lines.
parallel() {
  paste "$astana/en.sents.txt" "$astana/az.sents.txt" "$astana/ru.sents.txt" "$astana/zh.sents.txt" | head -n "$1"
}
# Text the writers must escape or drop: markup characters, CR, controls, noncharacters, astral.
awkward=$'Tom & Jerry <b>"bold"</b> \'q\'\tAT&amp;T\r\nline\u0001\u007f\u0085\ufffe\U0001F600\tÜrək İı ə\u00a0x\t中文\u3000。'

# tmx_read: every TMX fixture, well-formed or broken.
for f in "$fixtures"/tmx/*.tmx; do
  seed tmx_read "$(basename "$f" .tmx)" <"$f"
done

# tsv_import: a header naming the languages, then parallel lines; and the sample lookup table.
{ printf 'en\taz-Latn\tru\tzh-Hans\n'; parallel 25; } | seed tsv_import astana
{ printf 'en-US\tzh-CN\n'; cut -f1,2 "$delegation/lookup.tsv" | head -n 10; } | seed tsv_import delegation
printf 'en\taz\n\\tab\\there\tsplit\\\\\n\nonly-en\t\n\tonly-az\n' | seed tsv_import escapes

# srx: each SRX fixture, a NUL byte, then text to segment.
for f in "$fixtures"/segment/*.srx; do
  { cat "$f"; printf '\0'; head -c 1500 "$astana/en.txt"; } | seed srx "$(basename "$f" .srx)"
done
# The built-in rules as SRX, when a tmkit binary has been built.
if [ -x "$root/target/debug/tmkit" ]; then
  tmp=$(mktemp)
  "$root/target/debug/tmkit" segment --export-srx "$tmp" >/dev/null 2>&1 \
    && { cat "$tmp"; printf '\0'; head -c 1500 "$astana/ru.txt"; } | seed srx builtin
  rm -f "$tmp"
fi

# segment: byte 0 = language (index into common::TAGS) + 16 × line-break mode (0 auto, 1 space, 2 break).
for lang in en:0 az:1 ru:2 zh:3; do
  name=${lang%:*} byte=${lang#*:}
  { printf "\\x$(printf %02x "$byte")"; head -c 3000 "$astana/$name.txt"; } | seed segment "astana-$name"
  { printf "\\x$(printf %02x $((byte + 32)))"; head -c 1500 "$astana/$name.txt"; } | seed segment "astana-$name-break"
done
for f in "$fixtures"/align/*/*.txt; do
  case $(basename "$f") in en.txt) byte=0 ;; az.txt) byte=1 ;; ru.txt) byte=2 ;; zh.txt) byte=3 ;; *) byte=4 ;; esac
  dir=$(basename "$(dirname "$f")")
  { printf "\\x$(printf %02x $((byte + 16)))"; cat "$f"; } | seed segment "align-$dir-$(basename "$f" .txt)"
done

# lookup_diff: byte 0 = threshold (1 + b % 100 percent), byte 1 = limit and language pair; lines are
# units, `?` lines queries, `-` lines delete the unit before.
lookup_seed() { # <name> <threshold byte> <choice byte> <sentences file>
  { printf "\\x$(printf %02x "$2")\\x$(printf %02x "$3")"
    head -n 30 "$4"
    echo '-'
    sed -n '3p;10p' "$4" | sed 's/^/?/; s/[0-9]\+/7/'
    echo '?#'
  } | seed lookup_diff "$1"
}
lookup_seed en-50 49 0 "$astana/en.sents.txt"
lookup_seed en-12-limit1 11 1 "$astana/en.sents.txt"
lookup_seed en-1-limit3 0 3 "$astana/en.sents.txt"
lookup_seed en-75 74 0 "$astana/en.sents.txt"
lookup_seed ru-30 29 16 "$astana/ru.sents.txt"
lookup_seed zh-40-limit2 39 26 "$astana/zh.sents.txt"
lookup_seed az-20 19 8 "$astana/az.sents.txt"
{ printf '\x09\x00'; head -n 12 "$delegation/en.sents.txt"; cut -f2 "$delegation/lookup.tsv" | sed 's/^/?/' | head -n 4; } \
  | seed lookup_diff delegation

# lang_tag: a tag, a line break, text to fold.
i=0
for tag in en en-US EN_gb az az-AZ az-Cyrl-AZ az-IR zh-CN zh-Hant-TW zh-CHT zh-cmn-Hans-CN ru-Cyrl-RU \
  sr-ME uz-AF eng deu-CH de-1996 en-x-private sl-rozaj-biske x-klingon tr; do
  i=$((i + 1))
  printf '%s\nİLHAM ƏLİYEV Bakı ΣΊΣΥΦΟΣ Straße\n' "$tag" | seed lang_tag "$(printf %02d $i)"
done

# tmx_roundtrip: byte 0 = tag style (even BCP 47, odd with region); lines of en, az, ru, zh, note,
# tuid, creationid.
{ printf '\x00'; parallel 12; } | seed tmx_roundtrip astana
{ printf '\x01'; parallel 3; printf '%s\tnote & <x>\ttu "1"\tme\n' "$awkward"; } | seed tmx_roundtrip awkward

# tsv_roundtrip: lines of en, az, ru, zh cells (\x01 a tab, \x02 a line break inside a cell).
parallel 12 | seed tsv_roundtrip astana
printf 'a\\b\x01c\x02d\\\\\t\\n\t\t中\r\n\t\t\n' | seed tsv_roundtrip escapes

# xliff_roundtrip: byte 0 = match percent (above 100: no match); the file name, then lines of source,
# target, stored source, stored target, article.
{ printf '\x4b'; echo 'article "one" & <two>.txt'
  paste "$astana/en.sents.txt" "$astana/az.sents.txt" "$astana/en.sents.txt" "$astana/az.sents.txt" | head -n 8
  printf '%s\n' "$awkward"
} | seed xliff_roundtrip astana
{ printf '\x64'; echo 'exact.txt'; parallel 4 | cut -f1,2; } | seed xliff_roundtrip exact
{ printf '\xff'; echo 'none.txt'; head -n 5 "$astana/en.sents.txt"; } | seed xliff_roundtrip none
