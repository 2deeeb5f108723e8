#!/usr/bin/env bash
# gravity=smart and the upload analysis against a centre crop, on both engines, over the corpus's
# photos (bench/GravityBench.java tells what is timed). Needs a build (target/classes) and the
# corpus (bench/corpus.sh; SIS_CORPUS_DIR, default ~/.cache/sis-corpus).
# Usage: bench/gravity.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-7}
corpus=${SIS_CORPUS_DIR:-$HOME/.cache/sis-corpus}
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -o -pl server -am compile dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
cp="server/target/classes:client/target/classes:$(cat "$cp_file")"
photos=("$corpus/photo-0.7mp-baseline-q85.jpg" "$corpus/raindrops-2.3mp-baseline.jpg" "$corpus/photo-8mp-baseline-q90.jpg")
for engine in java vips; do
    java -Dlogback.configurationFile=/dev/null -cp "$cp" bench/GravityBench.java "$rounds" "$engine" "${photos[@]}" 2>/dev/null
done
