#!/usr/bin/env bash
# What an agent in front of a server costs, measured in one run on this machine:
#   1. hot cached reads (a 300x200 thumbnail already in the cache), 16 connections;
#   2. cold resizes (a new size on every request), 2 connections;
# each against a server alone and through an agent in front of that server (both on this
# machine, so on 2 cores no gain is expected: the point is the overhead, as a ratio).
# Usage: bench/agent-overhead.sh [seconds per run, default 10]. Needs wrk (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
. .mvn/jdk.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
[ -f target/sis.jar ] || ./mvnw -B -q -DskipTests package

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

corpus="${SIS_CORPUS_DIR:-$HOME/.cache/sis-corpus}"
image="$corpus/storm-2.5mp-baseline-q98.jpg"
if [ ! -f "$image" ]; then
  bench/corpus.sh "$corpus" >/dev/null
fi

start() { # name port flags...
  local name=$1 port=$2; shift 2
  (cd "$work" && exec "$java" -jar "$OLDPWD/target/sis.jar" -host 127.0.0.1 -port "$port" "$@" >"$work/$name.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.1; done
  echo "bench: $name did not start" >&2; cat "$work/$name.log" >&2; exit 1
}
start server 14440 -image "$work/data" -cache 256
start agent 14441 -localStore=false -image=http://127.0.0.1:14440 -cache 256

md5=$(curl -sf -F "file=@$image" http://127.0.0.1:14440/up | sed -n 's/.*"MD5":"\([0-9a-f]*\)".*/\1/p')
[ -n "$md5" ] || { echo "bench: upload failed" >&2; exit 1; }

cat >"$work/cold.lua" <<LUA
-- A new size on every request: each thread counts in its own range.
local threads = 0
function setup(thread) threads = threads + 1; thread:set("base", threads * 100000 + (tonumber(os.getenv("OFFSET")) or 0)) end
function init(args) n = 0 end
function request()
  n = n + 1
  local w = 64 + ((base + n) % 1500)
  local h = 64 + math.floor((base + n) / 1500) % 1000
  return wrk.format("GET", "/v1/images/$md5?fit=stretch&w=" .. w .. "&h=" .. h)
end
LUA

rps() { # url connections [lua offset]
  local out
  if [ -n "${3:-}" ]; then
    out=$(OFFSET=$3 wrk -t2 -c"$2" -d"${seconds}s" -s "$work/cold.lua" "$1")
  else
    out=$(wrk -t2 -c"$2" -d"${seconds}s" "$1")
  fi
  echo "$out" | awk '/Requests\/sec/ {print $2}'
}

hot="/stretch_simple_down?md5=$md5&w=300&h=200"
curl -sf -o /dev/null "http://127.0.0.1:14440$hot"; curl -sf -o /dev/null "http://127.0.0.1:14441$hot"
hot_server=$(rps "http://127.0.0.1:14440$hot" 16)
hot_agent=$(rps "http://127.0.0.1:14441$hot" 16)
cold_server=$(rps "http://127.0.0.1:14440/" 2 0)
cold_agent=$(rps "http://127.0.0.1:14441/" 2 50000)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "| workload | server alone (req/s) | through an agent (req/s) | agent / server |"
echo "|---|---|---|---|"
echo "| hot cached 300x200 thumbnail, 16 connections | $hot_server | $hot_agent | $(ratio "$hot_agent" "$hot_server") |"
echo "| cold resize of a 2.5 MP JPEG, new size each request, 2 connections | $cold_server | $cold_agent | $(ratio "$cold_agent" "$cold_server") |"
echo
echo "(${seconds}s per run, $(nproc) cores, $(date -u +%Y-%m-%d))"
