#!/usr/bin/env bash
# Stress of the libvips engine for native memory errors: ROUNDS rounds of bench/vips-stress/
# VipsStress.java, each in a JVM of its own for SECONDS s with THREADS threads, under glibc's heap
# checks (MALLOC_CHECK_=3, MALLOC_PERTURB_, GLIBC_TUNABLES=glibc.malloc.check=3: a corrupted heap
# aborts at once instead of later). Each round ends "ok", "abort/crash (status N)" or "hang"
# (no call finished for 60 s: a libvips task that was lost). Prints one markdown table row:
# label, idle exit, rounds, rounds ok, crashed, hung, calls and libvips thread exits (the race's
# trigger) in the rounds that ended.
#
# SIS_STRESS_IDLE_US=N (needs gcc) preloads bench/vips-stress/idle-shim.c, which shortens the
# 15 s libvips 8.14's idle worker threads wait before they exit to N us: the race between a
# thread's idle exit and a new task for it (fixed in libvips 8.15.4) then comes within minutes.
#
# Usage: bench/vips-stress.sh [ROUNDS [SECONDS [THREADS [PAUSE_MS]]]]   (default 10 30 4 5)
# Environment: SIS_CORPUS_DIR (default ~/.cache/sis-corpus), SIS_STRESS_IDLE_US (default unset),
#   SIS_STRESS_JAR (default target/sis.jar, built when missing), SIS_STRESS_LABEL (the row's name).
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
rounds="${1:-10}" seconds="${2:-30}" threads="${3:-4}" pause="${4:-5}"
corpus="${SIS_CORPUS_DIR:-$HOME/.cache/sis-corpus}"
jar="${SIS_STRESS_JAR:-target/sis.jar}"
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
preload=""
if [ -n "${SIS_STRESS_IDLE_US:-}" ]; then
  gcc -O2 -shared -fPIC -o "$work/idle-shim.so" bench/vips-stress/idle-shim.c -ldl
  preload="$work/idle-shim.so"
fi

ok=0 crashed=0 hung=0 exits=0 counts=""
for round in $(seq 1 "$rounds"); do
  status=0 started=$SECONDS
  { env MALLOC_CHECK_=3 MALLOC_PERTURB_=$((round % 255 + 1)) GLIBC_TUNABLES=glibc.malloc.check=3 \
      ${preload:+LD_PRELOAD="$preload"} SIS_STRESS_IDLE_US="${SIS_STRESS_IDLE_US:-}" \
      timeout -s KILL $((seconds + 120)) "$java" -Xmx1g --enable-native-access=ALL-UNNAMED \
      -XX:ErrorFile="$work/hs_err_%p.log" -cp "$jar" \
      bench/vips-stress/VipsStress.java "$corpus" "$threads" "$seconds" "$pause" \
      >"$work/round.out" 2>&1; } 2>/dev/null || status=$?
  if [ "$status" -eq 0 ]; then
    ok=$((ok + 1))
    counts="$counts $(sed -n 's/^made \([0-9]*\), refused \([0-9]*\).*/\1+\2/p' "$work/round.out" | tail -1)"
    exits=$((exits + $(sed -n 's/.*libvips thread exits \([0-9]*\).*/\1/p' "$work/round.out" | tail -1)))
  elif [ "$status" -eq 3 ]; then
    hung=$((hung + 1))
    echo "round $round: hang after $((SECONDS - started)) s" >&2
    head -5 "$work/round.out" >&2
  else
    crashed=$((crashed + 1))
    echo "round $round: status $status after $((SECONDS - started)) s" >&2
    grep -m3 -E 'malloc|free\(\)|corrupt|SIGSEGV|SIGABRT|fastbin|double' "$work/round.out" >&2 || tail -3 "$work/round.out" >&2
    # the frame that crashed, and the register that held a pointer read from freed memory
    cat "$work"/hs_err_*.log 2>/dev/null | grep -m2 -E '^# C |^RSP=' >&2 || true
    rm -f "$work"/hs_err_*.log
  fi
done
calls=$(echo "$counts" | tr ' +' '\n\n' | awk '{s += $1} END {print s + 0}')
# label | libvips idle exit | rounds | ok | crashed | hung | calls in the rounds that ended | libvips thread exits in them
echo "| ${SIS_STRESS_LABEL:-$jar} | ${SIS_STRESS_IDLE_US:-15000000} us | $rounds × $seconds s, $threads threads, pauses ≤ $pause ms | $ok | $crashed | $hung | $calls | $exits |"
