# Sourced by bench/run.sh and bench/warm-up.sh: how long a fresh server takes to reach its steady
# rate on one URL. Runs wrk in 1 s slices (16 connections) for SLICES seconds; the steady rate is
# the median of the last 4 slices, and the time to steady is the end of the first slice at or
# above 80 % of it (a JIT compiles the hot path in the first seconds of a process).
# Prints: "<seconds to 80 %> <steady req/s> <req/s of each slice, comma-separated>".
# Given the server's PID, it adds the server's CPU time per request in each slice (user + system,
# from /proc, compiler threads included): on a shared machine req/s swing with the other work,
# while CPU per request falls as the JIT compiles and then holds. Then it prints, after the
# above: "<seconds to within 1.25x of the steady CPU per request> <steady µs/req> <µs of each slice>"
# (1.25x the CPU per request is 80 % of the rate when the server is CPU-bound).
time_to_steady() { # url [slices, default 12] [server pid]
  local url=$1 slices=${2:-12} pid=${3:-} rates=() cpus=() i n rate before after hz
  hz=$(getconf CLK_TCK)
  for i in $(seq 1 "$slices"); do
    [ -z "$pid" ] || before=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    read -r n rate <<<"$(wrk -t2 -c16 -d1s "$url" | awk '/requests in/ { n = $1 } /Requests\/sec/ { printf "%s %.0f", n, $2 }')"
    rates+=("$rate")
    if [ -n "$pid" ]; then
      after=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
      cpus+=("$(awk -v t=$((after - before)) -v n="$n" -v hz="$hz" 'BEGIN { printf "%.0f", n ? t * 1e6 / hz / n : 0 }')")
    fi
  done
  printf '%s\n' "${rates[@]}" | steady_of 0.8 high
  [ -z "$pid" ] || printf '%s\n' "${cpus[@]}" | steady_of 1.25 low
}

# Reads one figure a slice; prints the first slice within FACTOR of the median of the last 4
# (at or above it for HIGH, at or below for LOW), that median, and every figure.
steady_of() { # factor high|low
  awk -v factor="$1" -v side="$2" '
    { r[NR] = $1; list = list (NR > 1 ? "," : "") $1 }
    END {
      n = NR; split("", last); for (i = n - 3; i <= n; i++) last[i - n + 4] = r[i]
      # median of the last 4: the mean of the middle two once sorted
      for (i = 1; i <= 4; i++) for (j = i + 1; j <= 4; j++) if (last[j] < last[i]) { t = last[i]; last[i] = last[j]; last[j] = t }
      steady = (last[2] + last[3]) / 2
      for (i = 1; i <= n; i++) if ((side == "high" && r[i] >= factor * steady) || (side == "low" && r[i] <= factor * steady)) {
        printf "%d %.0f %s ", i, steady, list; exit
      }
      printf ">%d %.0f %s ", n, steady, list
    }'
}
