#!/usr/bin/env bash
# Soak: sis as a real process under a mixed workload (uploads, hot and cold reads, variants)
# for SECONDS (default 120) with a CACHE_MIB budget (default 16), sampling heap, RSS, cache,
# open files and threads every 10 s into a markdown table. Not CI. Loopback only.
#   bench/soak.sh [SECONDS] [CACHE_MIB]
# Results: docs/reliability.md. Exits non-zero on errors, the cache over budget, or fd/thread growth.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -DskipTests package
./mvnw -B -q -Pbench exec:java@soak -Dexec.args="${1:-120} ${2:-16}"
