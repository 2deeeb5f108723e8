#!/usr/bin/env bash
# One anonymous client asking for 1,000 distinct sizes of one upload (issue 14, item 6), and
# what that leaves in the store: sis (the given jar, -Xmx512m) on a fresh data directory with
# the given flags; one upload; GET /v1/images/MD5?w=N for N = 100 … 1099, 4 at a time; then the
# variants on disk: files, bytes, and the disk blocks of their folders (du). Results:
# docs/reliability.md ("Variant flood").
# Usage: bench/variant-flood.sh JAR [SIS FLAGS…]
#   bench/variant-flood.sh target/sis.jar --max-variant-storage 5MiB
# Environment: SIZES (default 1000), IMAGE (default the corpus photo
#   $SIS_CORPUS_DIR/photo-0.7mp-baseline-q85.jpg, SIS_CORPUS_DIR defaulting to ~/.cache/sis-corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(readlink -f "$1"); shift
. .mvn/jdk.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
sizes="${SIZES:-1000}"
image="${IMAGE:-${SIS_CORPUS_DIR:-$HOME/.cache/sis-corpus}/photo-0.7mp-baseline-q85.jpg}"
[ -f "$image" ] || { echo "no image at $image: set IMAGE, or SIS_CORPUS_DIR to the photo corpus" >&2; exit 2; }
work="$(mktemp -d)"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=14490
"$java" -Xmx512m -jar "$jar" -host 127.0.0.1 -port "$port" -image "$work/data" -cache 0 "$@" >"$work/sis.log" 2>&1 &
pid=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
md5=$(md5sum "$image" | cut -c1-32)
curl -sf -F "file=@$image" "http://127.0.0.1:$port/up" >/dev/null
start=$(date +%s.%N)
seq 100 $((99 + sizes)) | xargs -P 4 -I{} curl -s -o /dev/null -w '%{http_code}\n' \
  "http://127.0.0.1:$port/v1/images/$md5?w={}" | sort | uniq -c | sed 's/^/answers: /'
end=$(date +%s.%N)
variant_dirs() { find "$work/data" -mindepth 4 -maxdepth 4 -type d ! -name src ! -path '*/.staging*'; }
files=$(variant_dirs | while read -r d; do find "$d" -type f; done | wc -l)
bytes=$(variant_dirs | while read -r d; do find "$d" -type f -printf '%s\n'; done | awk '{s += $1} END {print s + 0}')
blocks=$( (variant_dirs | xargs -r du -s --block-size=1 2>/dev/null || true) | awk '{s += $1} END {print s + 0}')
printf 'flags: %s\n' "${*:-(none)}"
printf 'sizes asked: %d in %.1f s\n' "$sizes" "$(echo "$end - $start" | bc)"
printf 'variants on disk: %d files, %d bytes (%.1f MiB), %d bytes of disk blocks with their folders (%.1f MiB)\n' \
  "$files" "$bytes" "$(echo "$bytes / 1048576" | bc -l)" "$blocks" "$(echo "$blocks / 1048576" | bc -l)"
grep -o 'stored variants: [^"]*' "$work/sis.log" | head -1 || true
curl -s "http://127.0.0.1:$port/metrics" | grep '^sis_stored_variants' || true
