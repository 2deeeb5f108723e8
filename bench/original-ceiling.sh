#!/usr/bin/env bash
# How fast can anything on this machine serve the cached ~500 KB original to wrk -c16, and what
# does each server spend on it? Runs side by side on loopback, measured in turn (A B C D, ROUNDS
# times, so the machine's load falls on all alike):
#   sis          a build of sis (default settings, -Xmx512m), the original cached (/v1/images/{md5})
#   nginx        nginx static as bench/run.sh configures it (sendfile on, tcp_nopush on, access log on)
#   nginx-bare   nginx with nothing but sendfile: access log off, open_file_cache (no open/fstat/close)
#   java-write   bench/StaticFileServer.java MODE=write: the least a Java server does (one
#                gathering write of headers + body from native memory, as sis writes a cache entry)
#   java-sendfile the same with the body sent by FileChannel.transferTo (sendfile) from tmpfs
# Prints req/s, the server's and wrk's CPU microseconds per request (user + system, from /proc
# and getrusage), and each one's ratio to nginx. On a machine where wrk shares the cores, req/s is
# about cores / (server + wrk CPU per request): the wrk column bounds what any server can reach.
# Usage: bench/original-ceiling.sh [SIS_JAR, default target/sis.jar] [SECONDS per run, default 5] [ROUNDS, default 3]
# Needs wrk, nginx, /usr/bin/time, Linux; run as root (nginx's user) or as the owner of /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(readlink -f "${1:-target/sis.jar}"); seconds="${2:-5}"; rounds="${3:-3}"
sis_needs=java . .mvn/jdk.sh
. bench/nginx-static.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
corpus="${SIS_CORPUS_DIR:-$HOME/.cache/sis-corpus}"
[ -f "$corpus/.complete" ] || bench/corpus.sh "$corpus" >/dev/null
original=$corpus/wood-5mp-baseline-q87.jpg
md5=$(md5sum "$original" | cut -c1-32)
base="${SIS_BENCH_PORT:-14560}"
work="$(mktemp -d)"; shm="$(mktemp -d /dev/shm/sis-ceiling.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work" "$shm"; }
trap cleanup EXIT
mkdir -p "$work/static" "$work/nginx"
cp "$original" "$work/static/original.jpg"
cp "$original" "$shm/original.jpg"

nginx_conf() { # port extra-http-directives
  cat <<NGINX
$( [ "$(id -u)" -eq 0 ] && echo "user root root;" )
worker_processes auto;
pid $work/nginx/nginx-$1.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
$(nginx_static_http "$work")
  $2
  server { listen 127.0.0.1:$1; root $work/static; }
}
NGINX
}
declare -A pid url
names=(sis nginx nginx-bare java-write java-sendfile)
nginx_conf $((base + 1)) "access_log $work/nginx/access.log;" >"$work/nginx.conf"
nginx_conf $((base + 2)) "access_log off; open_file_cache max=16;" >"$work/nginx-bare.conf"
for n in nginx nginx-bare; do
  nginx -c "$work/$n.conf" -p "$work/nginx" -g 'daemon off;' 2>>"$work/nginx/error.log" &
  pids+=($!); pid[$n]=$!
done
"$java" -Xmx512m ${SIS_BENCH_JAVA_OPTS:-} -jar "$jar" -host 127.0.0.1 -port "$base" -image "$work/data" >"$work/sis.log" 2>&1 &
pids+=($!); pid[sis]=$!
"$java" bench/StaticFileServer.java $((base + 3)) "$shm/original.jpg" write >"$work/write.log" 2>&1 &
pids+=($!); pid[java-write]=$!
"$java" bench/StaticFileServer.java $((base + 4)) "$shm/original.jpg" sendfile >"$work/sendfile.log" 2>&1 &
pids+=($!); pid[java-sendfile]=$!
url=([sis]="http://127.0.0.1:$base/v1/images/$md5" [nginx]="http://127.0.0.1:$((base + 1))/original.jpg"
  [nginx-bare]="http://127.0.0.1:$((base + 2))/original.jpg" [java-write]="http://127.0.0.1:$((base + 3))/original.jpg"
  [java-sendfile]="http://127.0.0.1:$((base + 4))/original.jpg")
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$base/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -F "file=@$original" "http://127.0.0.1:$base/up" >/dev/null
for n in "${names[@]}"; do
  for _ in $(seq 1 100); do curl -sf -o "$work/got" "${url[$n]}" && break; sleep 0.1; done
  cmp -s "$work/got" "$original" || { echo "bench: $n did not answer the original" >&2; exit 1; }
  # Warm-up: sis's JIT needs far longer than the others to reach its steady rate on a busy machine.
  wrk -t2 -c16 -d"$([ "$n" = sis ] && echo 15s || echo 2s)" "${url[$n]}" >/dev/null
done

# The process and its children (nginx's workers), user + system clock ticks.
ticks() { local t=0 p; for p in "$1" $(pgrep -P "$1" || true); do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$t"; }
hz=$(getconf CLK_TCK)
declare -A cpu reqs wrk_us
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq 1 "$rounds"); do
  for n in "${names[@]}"; do
    before=$(ticks "${pid[$n]}")
    out=$({ /usr/bin/time -f 'wrk-cpu %U %S' wrk -t2 -c16 -d"${seconds}s" "${url[$n]}"; } 2>&1)
    after=$(ticks "${pid[$n]}")
    cpu[$n]=$(( ${cpu[$n]:-0} + after - before ))
    reqs[$n]=$(( ${reqs[$n]:-0} + $(awk '/requests in/ { print $1 }' <<<"$out") ))
    wrk_us[$n]=$(( ${wrk_us[$n]:-0} + $(awk '/wrk-cpu/ { printf "%d", ($2 + $3) * 1e6 }' <<<"$out") ))
  done
done
echo "| server | req/s | server µs CPU/req | wrk µs CPU/req | req/s / nginx | server + wrk CPU: nginx / this |"
echo "|---|---|---|---|---|---|"
for n in "${names[@]}"; do
  awk -v n="$n" -v c="${cpu[$n]}" -v r="${reqs[$n]}" -v w="${wrk_us[$n]}" -v hz="$hz" -v t=$((seconds * rounds)) \
      -v cn="${cpu[nginx]}" -v rn="${reqs[nginx]}" -v wn="${wrk_us[nginx]}" 'BEGIN {
    s = c * 1e6 / hz / r; k = w / r; sn = cn * 1e6 / hz / rn; kn = wn / rn
    printf "| %s | %.0f | %.1f | %.1f | %.2f | %.2f |\n", n, r / t, s, k, r / rn, (sn + kn) / (s + k) }'
done
echo
echo "(sis: $jar; ${seconds} s a run, $rounds rounds; $(nproc) cores; load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
