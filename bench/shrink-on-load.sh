#!/usr/bin/env bash
# Issue 18, shrink on load: the Java engine's cold 300x200 JPEG thumbnail of the 8 MP and 18 MP
# progressive corpus photos, with two builds side by side (alternating, REPEATS times, so that
# the shared machine's load hits both alike), and each variant's PSNR against ImageMagick's
# `convert -filter Lanczos -resize 300x200`. Prints the load average before and after.
#
# Usage: bench/shrink-on-load.sh BEFORE.jar AFTER.jar [REPEATS, default 3] [ROUNDS, default 7]
#   BEFORE.jar: e.g. a build of the commit before the change (git archive COMMIT | tar -x -C DIR,
#   then ./mvnw -B -q -o -DskipTests package in DIR). Needs ImageMagick and the corpus
#   (SIS_CORPUS_DIR, default ~/.cache/sis-corpus, built by bench/corpus.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
before="$1"
after="$2"
repeats="${3:-3}"
rounds="${4:-7}"
. .mvn/jdk.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
corpus="${SIS_CORPUS_DIR:-$HOME/.cache/sis-corpus}"
[ -f "$corpus/.complete" ] || bench/corpus.sh "$corpus" >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
photos=()
for photo in elephants-8mp-progressive-q100 elephants-18mp-progressive-q100; do
  convert "$corpus/$photo.jpg" -filter Lanczos -resize 300x200 "$work/$photo.png"
  photos+=("$corpus/$photo.jpg=$work/$photo.png")
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for i in $(seq "$repeats"); do
  for jar in "$before" "$after"; do
    echo "== run $i: $jar"
    "$java" -Dlogback.configurationFile=/dev/null -cp "$jar" bench/ShrinkOnLoadBench.java "$rounds" 3 "${photos[@]}" 2>/dev/null
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
