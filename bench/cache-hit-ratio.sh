#!/usr/bin/env bash
# Hit ratios of the two cache policies (FIFO, TinyLFU) on a Zipf-distributed request trace.
# Prints a markdown table; about 15 s on 2 cores. Results: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench test-compile exec:java
