#!/usr/bin/env bash
# DELETEs racing new variants on one sis process (local store), as real processes: ROUNDS times,
# upload a small JPEG, let 3 clients ask for a new size each request, DELETE the image once a
# few variants are made, stop the clients, and look at what is left of the image on disk.
# Prints the DELETEs' answers, the variant requests' 5xx and the rounds that left a folder.
# Usage: bench/delete-race.sh [JAR, default target/sis.jar] [ROUNDS, default 30].
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(readlink -f "${1:-target/sis.jar}"); rounds="${2:-30}"
. .mvn/jdk.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package

work="$(mktemp -d)"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
admin=bench-admin-token-0123456789
port=14470
(cd "$work" && exec "$java" -Xmx256m -jar "$jar" -host 127.0.0.1 -port $port -image "$work/data" \
  --admin-token "$admin" >"$work/sis.log" 2>&1) &
pid=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

convert -size 64x48 plasma:fractal "$work/r.jpg"
md5=$(md5sum "$work/r.jpg" | cut -c1-32)
folder="$work/data/${md5:0:2}/${md5:2:2}/$md5"
deletes_500=0; gets_5xx=0; orphans=0; size=10
for round in $(seq 1 "$rounds"); do
  curl -sf -o /dev/null -T "$work/r.jpg" "http://127.0.0.1:$port/v1/images/r.jpg"
  rm -f "$work/stop" "$work/statuses"
  for c in 1 2 3; do
    (w=$((size + c * 1000)); while [ ! -f "$work/stop" ]; do
       w=$((w + 1))
       curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$port/v1/images/$md5?fit=stretch&w=$w&h=20" >>"$work/statuses"
     done) &
  done
  sleep 0.$((RANDOM % 3 + 1))
  status=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/v1/images/$md5")
  sleep 0.3
  touch "$work/stop"; wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
  size=$((size + 100))
  [ "$status" = 500 ] && deletes_500=$((deletes_500 + 1))
  gets_5xx=$((gets_5xx + $(grep -c '^5' "$work/statuses" || true)))
  [ -e "$folder" ] && { orphans=$((orphans + 1)); rm -rf "$folder"; }
done
echo "| rounds | DELETEs answered 500 | variant requests answered 5xx | rounds leaving a folder without its original |"
echo "|---|---|---|---|"
echo "| $rounds | $deletes_500 | $gets_5xx | $orphans |"
echo "($(basename "$jar"), $(nproc) cores, $(date -u +%Y-%m-%d))"
