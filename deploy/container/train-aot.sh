#!/usr/bin/env bash
# The container build's AOT training run (see the Dockerfile): starts the image's own bin/sis,
# the way the entrypoint does, on a temporary folder, with SIS_AOT_CACHE naming a file that
# does not exist yet, so that bin/sis records (lib/aot-record.sh). It uploads PHOTO, makes a
# few variants and reads them, the original and some /v1 routes for SECONDS (default 8), then
# stops sis with SIGTERM: the JVM writes the cache as it exits. Fails when no cache was made.
# HTTP through bash's /dev/tcp: the image has no curl. Usage: train-aot.sh PHOTO CACHE [SECONDS]
# (SIS=DIR/bin/sis trains another install than /opt/sis, e.g. an unpacked tarball).
set -euo pipefail
photo=$1
cache=$2
seconds=${3:-8}
sis=${SIS:-/opt/sis/bin/sis}
work=$(mktemp -d)
pid=
cleanup() {
  [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "train-aot: FAILED: $*" >&2; [ ! -f "$work/sis.log" ] || tail -n 40 "$work/sis.log" >&2; exit 1; }

SIS_AOT_CACHE=$cache SIS_STORE=file:$work/data SIS_SPOOL_DIR=$work/spool \
  "$sis" -host 127.0.0.1 -port 0 >"$work/sis.log" 2>&1 &
pid=$!
port=
for _ in $(seq 1 600); do
  port=$(sed -n 's/.*listening on: *127.0.0.1:\([0-9]*\).*/\1/p' <(sed 's/\\n/\n/g' "$work/sis.log") | head -n 1)
  [ -z "$port" ] || break
  kill -0 "$pid" 2>/dev/null || fail "sis exited"
  sleep 0.1
done
[ -n "$port" ] || fail "sis did not listen"

get() { # PATH: one GET on a connection of its own, the answer read to its end; true on a 200
  local status
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
  IFS= read -r status <&3 || status=
  cat <&3 >/dev/null
  exec 3<&-
  [[ $status == "HTTP/1.1 200"* ]]
}
for _ in $(seq 1 600); do get /readyz && break; sleep 0.1; done # 503 while the start-up warm-up runs
get /readyz || fail "/readyz"

# The upload, through the image's own client: sis upload (multipart, as a browser sends it).
mkdir "$work/upload"
cp "$photo" "$work/upload/photo.jpg"
answer=$(SIS_AOT_CACHE=off "$sis" upload --server "http://127.0.0.1:$port" "$work/upload")
md5=$(sed -n 's/.*"md5":"\([0-9a-f]\{32\}\)".*/\1/p' <<<"$answer" | head -n 1)
[ -n "$md5" ] || fail "upload answered: $answer"

# Variants made once (decode and resize), then cached reads of them and of the original.
for w in 120 300 640 1024; do
  get "/stretch_simple_down?md5=$md5&w=$w&h=$((w * 2 / 3))" || fail "stretch_simple_down w=$w"
  get "/v1/images/$md5?w=$w" || fail "/v1/images w=$w"
  get "/v1/images/$md5?w=$w&format=png&fit=contain" || fail "/v1/images w=$w png"
done
reads=0
end=$((SECONDS + seconds))
while [ "$SECONDS" -lt "$end" ]; do
  get "/stretch_simple_down?md5=$md5&w=300&h=200" || fail "cached read"
  get "/v1/images/$md5?w=640" || fail "cached /v1 read"
  get "/simple_down?md5=$md5" || fail "original"
  get "/v1/images/$md5" || fail "/v1 original"
  get /healthz || fail /healthz
  reads=$((reads + 5))
done

kill -TERM "$pid"
wait "$pid" || true
pid=
[ -s "$cache" ] || fail "no AOT cache at $cache after the training run"
echo "train-aot: $reads requests in $seconds s; AOT cache $cache, $(($(stat -c %s "$cache") / 1024 / 1024)) MiB"
