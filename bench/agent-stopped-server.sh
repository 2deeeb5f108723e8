#!/usr/bin/env bash
# How long a read of a cached image waits through an agent whose server is stopped (SIGSTOP: it
# accepts connections and answers nothing), as real processes on this machine: a server, an agent
# with --upstream-timeout 10s (and the default 2 retries), an image uploaded through the agent and
# read once (so the agent has it cached), 2.5 s of quiet (what the agent knows is no longer fresh),
# then the server is stopped and the image read N times by MD5, by MD5 + name and as a cached
# thumbnail, one after the other. Prints each read's time and the worst.
# Usage: bench/agent-stopped-server.sh [JAR, default target/sis.jar] [READS per route, default 3].
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(readlink -f "${1:-target/sis.jar}"); reads="${2:-3}"
. .mvn/jdk.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -CONT "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT

start() { # name port flags...
  local name=$1 port=$2; shift 2
  (cd "$work" && exec "$java" -Xmx256m -jar "$jar" -host 127.0.0.1 -port "$port" "$@" >"$work/$name.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.1; done
  echo "bench: $name did not start" >&2; cat "$work/$name.log" >&2; exit 1
}
start server 14460 -image "$work/data"
server_pid=${pids[0]}
start agent 14461 -localStore=false -image=http://127.0.0.1:14460 --upstream-timeout 10s

convert -size 640x480 plasma:fractal -quality 90 "$work/p.jpg"
md5=$(md5sum "$work/p.jpg" | cut -c1-32)
curl -sf -F "file=@$work/p.jpg" http://127.0.0.1:14461/up >/dev/null
routes=("/simple_down?md5=$md5" "/full_down?md5=$md5&file_name=p.jpg" "/stretch_simple_down?md5=$md5&w=100&h=75")
for r in "${routes[@]}"; do curl -sf -o /dev/null "http://127.0.0.1:14461$r"; done
sleep 2.5

kill -STOP "$server_pid"
worst=0
echo "| read (server stopped) | status | seconds |"
echo "|---|---|---|"
for r in "${routes[@]}"; do
  for _ in $(seq 1 "$reads"); do
    out=$(curl -s -o /dev/null -m 200 -w '%{http_code} %{time_total}' "http://127.0.0.1:14461$r" || true)
    echo "| ${r%%\?*} | ${out% *} | ${out#* } |"
    worst=$(awk -v a="$worst" -v b="${out#* }" 'BEGIN { print (b > a ? b : a) }')
  done
done
kill -CONT "$server_pid"
echo
echo "worst: ${worst} s ($(basename "$jar"), $(nproc) cores, $(date -u +%Y-%m-%d))"
