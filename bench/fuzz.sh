#!/usr/bin/env bash
# Fuzzes sis's fuzz targets (the @FuzzTest classes) for real, one JVM per target, and prints
# how many inputs each one ran. Not CI (CI runs the same profile for 10 s a target).
#
#   bench/fuzz.sh [DURATION] [TARGET...]
#   bench/fuzz.sh                       # every target, 5 minutes each
#   bench/fuzz.sh 30m ImageVariantFuzzTest MultipartBodyFuzzTest
#
# A finding fails the run; its input is written to server/src/test/resources/<package>/<Class>Inputs/<method>/
# and from then on replayed by every build. The growing corpus is kept in .cifuzz-corpus/
# (not committed). The log is bench/out/fuzz.log. See docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-5m}"
shift || true
targets="*FuzzTest"
if [ "$#" -gt 0 ]; then
  targets="$(IFS=,; echo "$*")"
fi
mkdir -p bench/out
set +e
./mvnw -B -Pfuzz test-compile surefire:test@fuzz -Dfuzz.duration="$duration" -Dfuzz.targets="$targets" \
  > bench/out/fuzz.log 2>&1
status=$?
set -e
echo "| fuzz target | inputs run | seconds |"
echo "|---|---|---|"
awk '/^\[INFO\] Running /{target=$3} /^Done [0-9]+ runs in/{sub(/.*\./,"",target); print "| " target " | " $2 " | " $5 " |"}' \
  bench/out/fuzz.log
# Findings, and inputs slower than 10 s (libFuzzer saves those as slow-unit-* without failing).
new_inputs="$(git status --porcelain --untracked-files=all -- 'server/src/test/resources/**/*Inputs/**' | sed 's/^?? //')"
if [ -n "$new_inputs" ]; then
  echo
  echo "new inputs saved (crashes, timeouts, slow units): commit each as a regression seed once understood"
  echo "$new_inputs"
fi
if [ "$status" -ne 0 ]; then
  echo "fuzzing failed (a finding, or a build error): see bench/out/fuzz.log" >&2
  grep -E "^(==|INFO: a crash|.*Tests run:.*Fail)" bench/out/fuzz.log | head -20 >&2 || true
fi
exit "$status"
