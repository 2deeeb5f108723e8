#!/usr/bin/env bash
# sis against the servers people would pick instead, in one run on this machine (issue 5):
#   1. hot: a cached 300x200 thumbnail (legacy route and /v1) vs nginx serving the same bytes
#      as a static file, 16 connections;
#   2. original download of a ~500 KB JPEG vs nginx static, 16 connections;
#   3. cold resize, a new size on every request, 2 connections, of a 2.5 MP baseline JPEG, an
#      8 MP progressive JPEG, an 18 MP baseline JPEG, an 18 MP progressive JPEG and a PNG: sis with its default engine
#      (auto: libvips when installed) vs libvips itself (vipsthumbnail in two processes over
#      copies of the same file), and sis with the pure-Java engine vs nginx image_filter;
#   4. upload of a ~500 KB JPEG (different bytes each time), 4 connections, vs md5sum + cp of
#      the same bytes in 4 processes;
#   5. memory: peak RSS of each server, and whether 8 concurrent cold 18 MP resizes pass with
#      sis at -Xmx512m (both sis processes run at -Xmx512m, with the default settings).
# Every measured run has an unmeasured warm-up of its own kind before it, on every server and
# reference (JIT, page cache, nginx's workers, vipsthumbnail's libraries); the table's notes list
# them. With the hot workload, the warm-up of the fresh sis is measured: its time to its steady
# rate (bench/steady-rate.sh), printed beside the peak RSS.
# Prints one markdown table with ratios (sis / reference). Everything is bounded in time: about
# 22 runs of SECONDS each plus warm-ups, 6 minutes at the default.
#
# Usage: bench/run.sh [SECONDS per run, default 10] [WORKLOAD...]   (hot original cold upload memory)
# Environment: SIS_CORPUS_DIR (photos, built with bench/corpus.sh when missing),
#   SIS_BENCH_JAVA_OPTS (extra JVM options, e.g. a JFR recording), SIS_BENCH_FLAGS (extra sis flags),
#   SIS_BENCH_PORT (first of the 3 loopback ports used, default 14460), SIS_JAR (default target/sis.jar).
# Needs root for apt-get when wrk, nginx, its image_filter module or vipsthumbnail are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
shift || true
workloads="${*:-hot original cold upload memory}"
. .mvn/jdk.sh
. bench/steady-rate.sh
. bench/nginx-static.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
warm_note=""
warmups=() # what warmed each measured run, for the table's notes
port="${SIS_BENCH_PORT:-14460}"
nginx_port=$((port + 1))
java_port=$((port + 2))
jar="${SIS_JAR:-target/sis.jar}"
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx)
[ -f /usr/lib/nginx/modules/ngx_http_image_filter_module.so ] || missing+=(libnginx-mod-http-image-filter)
command -v vipsthumbnail >/dev/null || missing+=(libvips-tools)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ "$jar" = "$PWD/target/sis.jar" ] && { [ ! -f "$jar" ] || [ -n "$(find server/src/main client/src/main pom.xml server/pom.xml client/pom.xml -newer "$jar" -print -quit)" ]; }; then
  echo "bench: building target/sis.jar" >&2
  ./mvnw -B -q -DskipTests package >&2
fi

corpus="${SIS_CORPUS_DIR:-$HOME/.cache/sis-corpus}"
[ -f "$corpus/.complete" ] || bench/corpus.sh "$corpus" >/dev/null

work="$(mktemp -d)"
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_start=$(load)

# --- the servers -------------------------------------------------------------------------
mkdir -p "$work/static" "$work/nginx"
cat >"$work/nginx.conf" <<NGINX
load_module /usr/lib/nginx/modules/ngx_http_image_filter_module.so;
$( [ "$(id -u)" -eq 0 ] && echo "user root root;" )
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
$(nginx_static_http "$work")
  access_log $work/nginx/access.log;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/static;
    location /resize/ {
      image_filter resize \$arg_w \$arg_h;
      image_filter_buffer 64M;
      image_filter_jpeg_quality 85;
    }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work/nginx" -g 'daemon off;' 2>>"$work/nginx/error.log" &
pids+=($!)
nginx_pid=$!

# sis as configured (default engine: auto), and sis with the pure-Java engine for the cold resizes.
start_sis() { # name port flags...
  local name=$1 port=$2; shift 2
  "$java" -Xmx512m ${SIS_BENCH_JAVA_OPTS:-} -jar "$jar" -host 127.0.0.1 -port "$port" -image "$work/data-$name" \
    "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  # /readyz, not /healthz: it says 503 until sis's start-up warm-up (--warm-up) is over.
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && return; sleep 0.1; done
  echo "bench: sis ($name) did not start" >&2; cat "$work/$name.log" >&2; exit 1
}
start_sis sis "$port" ${SIS_BENCH_FLAGS:-}
sis_pid=${pids[-1]}
start_sis sis-java "$java_port" ${SIS_BENCH_FLAGS:-} -image-engine java
sis_java_pid=${pids[-1]}
curl -s -o /dev/null "http://127.0.0.1:$nginx_port/" || { echo "bench: nginx did not start" >&2; cat "$work/nginx/error.log" >&2; exit 1; }
sis="http://127.0.0.1:$port"
sis_java="http://127.0.0.1:$java_port"
ngx="http://127.0.0.1:$nginx_port"
engine=$(curl -sf "$sis/readyz" | sed -n 's/.*"imageEngine":"\([^"]*\)".*/\1/p')

upload() { # file [server] -> md5
  curl -sf -F "file=@$1" "${2:-$sis}/up" | sed -n 's/.*"MD5":"\([0-9a-f]*\)".*/\1/p'
}

# --- measuring ---------------------------------------------------------------------------
rows=()
row() { rows+=("$1"); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
# wrk's output -> "req/s p50 p99" (latencies in ms)
parse_wrk() {
  awk '
    function ms(v) { if (v ~ /us$/) return v * 0.001; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; return v * 1000 }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /Requests\/sec/ { rps = $2 }
    /Non-2xx or 3xx/ { bad = $NF }
    END { printf "%.1f %.1f %.1f %d\n", rps, p50, p99, bad }'
}
wrk_run() { # url connections [lua script] -> "req/s p50 p99 non2xx"
  local script=()
  [ -n "${3:-}" ] && script=(-s "$3")
  wrk -t2 -c"$2" -d"${seconds}s" --latency "${script[@]}" "$1" | parse_wrk
}
fmt() { awk -v r="$1" 'BEGIN { printf (r >= 100 ? "%.0f" : "%.1f"), r }'; }
# One table row from two measurements: label conns sis_result ref_label ref_result target
compare() {
  local label=$1 conns=$2 target=$6
  read -r s_rps s_p50 s_p99 s_bad <<<"$3"
  read -r r_rps r_p50 r_p99 r_bad <<<"$5"
  local note=""
  [ "${s_bad:-0}" -gt 0 ] && note=" ($s_bad non-2xx)"
  [ "${r_bad:-0}" -gt 0 ] && note="$note (reference: $r_bad non-2xx)"
  row "| $label | $conns | $(fmt "$s_rps")$note | $s_p50 / $s_p99 | $4 | $(fmt "$r_rps") | $r_p50 / $r_p99 | **$(ratio "$s_rps" "$r_rps")** | $target |"
}

# Percentiles (ms) of one number a line.
percentiles() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- -"; exit } i50 = int(NR * 0.5); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1; printf "%.1f %.1f\n", v[i50], v[i99] }'; }

# Runs "$@" in N processes for SECONDS; each appends "count millis" lines (a batch each) to
# $work/batches. Prints "items/s p50 p99" where the latencies are per item (batch time / count).
parallel_for() { # processes items-per-batch command-that-takes-(worker,batch)
  local procs=$1 per_batch=$2; shift 2
  : >"$work/batches"
  local deadline=$(( $(date +%s%N) + seconds * 1000000000 ))
  local start=$(date +%s%N) workers=()
  for w in $(seq 1 "$procs"); do
    (
      b=0
      while [ "$(date +%s%N)" -lt "$deadline" ]; do
        t0=$(date +%s%N)
        "$@" "$w" "$b"
        t1=$(date +%s%N)
        echo "$per_batch $(( (t1 - t0) / 1000000 ))" >>"$work/batches"
        b=$((b + 1))
      done
    ) &
    workers+=($!)
  done
  wait "${workers[@]}"
  local elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  local items
  items=$(awk '{ n += $1 } END { print n + 0 }' "$work/batches")
  read -r p50 p99 < <(awk '{ print $2 / $1 }' "$work/batches" | percentiles)
  awk -v n="$items" -v ms="$elapsed_ms" -v a="$p50" -v b="$p99" 'BEGIN { printf "%.1f %s %s 0\n", n * 1000 / ms, a, b }'
}

# --- 1. hot cached thumbnail --------------------------------------------------------------
if [[ " $workloads " == *" hot "* ]]; then
  md5=$(upload "$corpus/storm-2.5mp-baseline-q98.jpg")
  legacy="/stretch_simple_down?md5=$md5&w=300&h=200"
  v1="/v1/images/$md5?w=300&h=200&fit=stretch"
  curl -sf -o "$work/static/thumb-legacy.jpg" "$sis$legacy"
  curl -sf -o "$work/static/thumb-v1.jpg" "$sis$v1"
  # Warm-up (JIT), measured: the process is fresh here, so this is its time to steady rate.
  read -r hot_to_steady hot_steady hot_each cpu_to_steady cpu_steady cpu_each <<<"$(time_to_steady "$sis$legacy" 12 "$sis_pid")"
  warm_note="Time to steady rate (fresh sis with its default start-up warm-up, cached thumbnail, legacy route, c16, 1 s slices from the first request after /readyz, an upload and the variant): 80 % of the steady $hot_steady req/s after $hot_to_steady s (each second: $hot_each); server CPU per request within 1.25x of the steady $cpu_steady µs after $cpu_to_steady s (each second: $cpu_each)."
  wrk -t2 -c16 -d3s "$sis$v1" >/dev/null
  wrk -t2 -c16 -d2s "$ngx/thumb-legacy.jpg" >/dev/null
  wrk -t2 -c16 -d2s "$ngx/thumb-v1.jpg" >/dev/null
  warmups+=("hot: sis's legacy route by the time-to-steady run (12 s), /v1 3 s, nginx 2 s on each of the two files")
  hot_legacy=$(wrk_run "$sis$legacy" 16)
  hot_nginx=$(wrk_run "$ngx/thumb-legacy.jpg" 16)
  hot_v1=$(wrk_run "$sis$v1" 16)
  hot_nginx_v1=$(wrk_run "$ngx/thumb-v1.jpg" 16)
  size=$(stat -c %s "$work/static/thumb-legacy.jpg")
  compare "hot: cached 300x200 thumbnail ($((size / 1024)) KB), legacy route" 16 "$hot_legacy" "nginx static" "$hot_nginx" "≥ 0.9"
  compare "hot: cached 300x200 thumbnail, /v1" 16 "$hot_v1" "nginx static" "$hot_nginx_v1" "≥ 0.9"
fi

# --- 2. original download ------------------------------------------------------------------
if [[ " $workloads " == *" original "* ]]; then
  original="$corpus/wood-5mp-baseline-q87.jpg"
  md5=$(upload "$original")
  cp "$original" "$work/static/original.jpg"
  wrk -t2 -c16 -d3s "$sis/v1/images/$md5" >/dev/null
  wrk -t2 -c16 -d2s "$ngx/original.jpg" >/dev/null
  warmups+=("original: sis 3 s, nginx 2 s, on the measured file")
  orig_sis=$(wrk_run "$sis/v1/images/$md5" 16)
  orig_nginx=$(wrk_run "$ngx/original.jpg" 16)
  compare "original download, $(( $(stat -c %s "$original") / 1024 )) KB JPEG" 16 "$orig_sis" "nginx static" "$orig_nginx" "≥ 1.0"
fi

# --- 3. cold resizes -----------------------------------------------------------------------
# A new size on every request, fit inside WxH with W, H in 300..499 (about a 400 px thumbnail),
# each wrk thread in its own part of the grid; source format kept, JPEG at quality 85.
cat >"$work/cold.lua" <<'LUA'
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
function init(args) n = tonumber(os.getenv("OFFSET")) or 0 end
function request()
  n = n + 1
  local w = 300 + (n % 200)
  local h = 300 + (math.floor(n / 200) % 100) + (id - 1) * 100
  return wrk.format("GET", string.format(os.getenv("COLD_PATH"), w, h))
end
LUA
vips_batch() { # ext worker batch [copies, default in-*]: the worker's 8 copies, one size a batch
  local ext=$1 dir="$work/vips/$2" w=$(( 300 + ($3 * 7 + $2 * 61) % 200 )) options="[strip]"
  [ "$ext" = jpg ] && options="[Q=85,strip]"
  /usr/bin/time -a -o "$work/vips-rss" -f %M vipsthumbnail -s "${w}x${w}" -o "$dir/out/%s.$ext$options" "$dir"/${4:-in-*}."$ext" \
    2>>"$work/vips.err"
}
cold() { # label file ext target-vs-libvips target-vs-nginx
  local label=$1 file=$2 ext=$3 md5 name
  md5=$(upload "$file"); upload "$file" "$sis_java" >/dev/null
  name="cold.$ext"
  mkdir -p "$work/static/resize"; cp "$file" "$work/static/resize/$name"
  # warm-up (JIT, the file in the page cache) on sizes the measured runs do not ask for
  OFFSET=10000 COLD_PATH="/v1/images/$md5?w=%d&h=%d" wrk -t2 -c2 -d3s -s "$work/cold.lua" "$sis/" >/dev/null
  OFFSET=10000 COLD_PATH="/v1/images/$md5?w=%d&h=%d" wrk -t2 -c2 -d3s -s "$work/cold.lua" "$sis_java/" >/dev/null
  OFFSET=10000 COLD_PATH="/resize/$name?w=%d&h=%d" wrk -t2 -c2 -d3s -s "$work/cold.lua" "$ngx/" >/dev/null
  local s j n v
  s=$(COLD_PATH="/v1/images/$md5?w=%d&h=%d" wrk_run "$sis/" 2 "$work/cold.lua")
  j=$(COLD_PATH="/v1/images/$md5?w=%d&h=%d" wrk_run "$sis_java/" 2 "$work/cold.lua")
  n=$(COLD_PATH="/resize/$name?w=%d&h=%d" wrk_run "$ngx/" 2 "$work/cold.lua")
  for w in 1 2; do
    mkdir -p "$work/vips/$w/out"
    for i in $(seq 1 8); do cp "$file" "$work/vips/$w/in-$i.$ext"; done
  done
  # vipsthumbnail's warm-up: one call a process on one copy, a size of its own (its libraries and
  # their pages loaded; the copies, just written, are in the page cache already)
  local warming=()
  for w in 1 2; do vips_batch "$ext" "$w" 1000 in-1 & warming+=($!); done
  wait "${warming[@]}"
  v=$(parallel_for 2 8 vips_batch "$ext")
  compare "cold resize: $label (default engine)" 2 "$s" "libvips (vipsthumbnail ×2)" "$v" "$4"
  compare "cold resize: $label (pure-Java engine)" 2 "$j" "nginx image_filter" "$n" "$5"
  rm -rf "$work/vips"
}
if [[ " $workloads " == *" cold "* ]]; then
  : >"$work/vips-rss"
  cold "2.5 MP baseline JPEG" "$corpus/storm-2.5mp-baseline-q98.jpg" jpg "≥ 1.0" "≥ 1.5"
  cold "8 MP progressive JPEG" "$corpus/elephants-8mp-progressive-q100.jpg" jpg "≥ 0.8" "≥ 1.5"
  cold "18 MP baseline JPEG" "$corpus/photo-18mp-baseline-q90.jpg" jpg "-" "≥ 1.5"
  cold "18 MP progressive JPEG" "$corpus/elephants-18mp-progressive-q100.jpg" jpg "-" "≥ 2.0"
  cold "2.3 MP PNG" "$corpus/stripes-2.3mp.png" png "-" "≥ 1.5"
  warmups+=("cold, for each file: each sis and nginx image_filter 3 s on sizes the measured runs do not ask for, vipsthumbnail one call on one copy in each of its two processes")
fi

# --- 4. upload -----------------------------------------------------------------------------
if [[ " $workloads " == *" upload "* ]]; then
  file="$corpus/wood-5mp-baseline-q87.jpg"
  cat >"$work/upload.lua" <<'LUA'
local f = assert(io.open(os.getenv("UPLOAD_FILE"), "rb")); local data = f:read("*all"); f:close()
local boundary = "sisbenchboundary7MA4YWxkTrZu0gW"
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
function init(args) n = 0 end
function request()
  n = n + 1
  -- bytes after the JPEG's end: a different file (and MD5) every time, still a valid JPEG
  local tail = string.format("sis-bench-%d-%d-%d", id, n, os.time())
  local body = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"u.jpg\"\r\n"
    .. "Content-Type: image/jpeg\r\n\r\n" .. data .. tail .. "\r\n--" .. boundary .. "--\r\n"
  return wrk.format("POST", "/up", { ["Content-Type"] = "multipart/form-data; boundary=" .. boundary }, body)
end
LUA
  UPLOAD_FILE="$file" wrk -t2 -c4 -d3s -s "$work/upload.lua" "$sis/" >/dev/null
  up_sis=$(UPLOAD_FILE="$file" wrk_run "$sis/" 4 "$work/upload.lua")
  mkdir -p "$work/md5cp/src"
  for i in $(seq 1 16); do { cat "$file"; echo "copy-$i"; } >"$work/md5cp/src/$i.jpg"; done
  md5_cp_batch() { # worker batch: hash and copy 16 files
    local out="$work/md5cp/out-$1-$2"
    mkdir "$out"
    md5sum "$work/md5cp/src"/*.jpg >/dev/null
    cp "$work/md5cp/src"/*.jpg "$out/"
  }
  warming=() # the reference's warm-up: one call a process
  for w in 1 2 3 4; do md5_cp_batch "$w" warm & warming+=($!); done
  wait "${warming[@]}"
  up_ref=$(parallel_for 4 16 md5_cp_batch)
  warmups+=("upload: sis 3 s of uploads, md5sum + cp one call in each of its 4 processes")
  rm -rf "$work/md5cp"
  compare "upload, $(( $(stat -c %s "$file") / 1024 )) KB JPEG (new bytes each time)" 4 "$up_sis" "md5sum + cp, 4 processes" "$up_ref" "≥ 0.8"
fi

# --- 5. memory -----------------------------------------------------------------------------
memory_note=""
memory() { # server label
  local md5 curls=() codes alive=no verdict=fail
  md5=$(upload "$corpus/photo-18mp-baseline-q90.jpg" "$1")
  rm -f "$work"/memory-*
  for i in $(seq 1 8); do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 120 "$1/v1/images/$md5?w=$((5000 + i))&fit=inside" \
      >"$work/memory-$i" &
    curls+=($!)
  done
  wait "${curls[@]}"
  codes=$(cat "$work"/memory-* | sort | uniq -c | awk '{ printf "%s%d × %s", (NR > 1 ? ", " : ""), $1, $2 }')
  curl -sf "$1/healthz" >/dev/null && alive=yes
  [ "$alive" = yes ] && ! cat "$work"/memory-* | grep -qv -e '^200$' -e '^503$' && verdict=pass
  echo "8 concurrent cold resizes of an 18 MP JPEG to 5000 px at -Xmx512m, $2: $codes; server still up: $alive (**$verdict**: only 200 or 503, and up)."
}
if [[ " $workloads " == *" memory "* ]]; then
  memory_note="$(memory "$sis" "default engine")
$(memory "$sis_java" "pure-Java engine")"
fi

rss() { awk '/VmHWM/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
sis_rss=$(rss "$sis_pid")
sis_java_rss=$(rss "$sis_java_pid")
nginx_rss=0
for p in $nginx_pid $(pgrep -P "$nginx_pid" || true); do nginx_rss=$((nginx_rss + $(rss "$p"))); done
vips_rss=$( [ -s "$work/vips-rss" ] && sort -n "$work/vips-rss" | tail -n 1 || echo 0)

echo
echo "| workload | connections | sis (req/s) | sis p50 / p99 (ms) | reference | reference (req/s) | reference p50 / p99 (ms) | sis / reference | target |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "Peak RSS: sis $((sis_rss / 1024)) MiB, sis with the pure-Java engine $((sis_java_rss / 1024)) MiB (both -Xmx512m, default 100 MiB cache budget); nginx $((nginx_rss / 1024)) MiB (master + workers); vipsthumbnail $((vips_rss / 1024)) MiB (largest process)."
[ -z "$memory_note" ] || echo "$memory_note"
[ -z "$warm_note" ] || echo "$warm_note"
[ ${#warmups[@]} -eq 0 ] || echo "Warm-ups, unmeasured, before each measured run and of its own kind: $(IFS=';'; echo "${warmups[*]}" | sed 's/;/; /g')."
echo
echo "(${seconds} s a run; $(nproc) cores; load average $load_start at the start, $(load) at the end; $(date -u +%Y-%m-%d); sis default engine: ${engine:-?}; sis flags: ${SIS_BENCH_FLAGS:-none})"
