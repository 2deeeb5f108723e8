# Sourced by bench/run.sh and bench/warm-up.sh: how long a fresh server takes to reach its steady
# rate on one URL. Runs wrk in 1 s slices (16 connections) for SLICES seconds; the steady rate is
# the median of the last 4 slices, and the time to steady is the end of the first slice at or
# above 80 % of it (a JIT compiles the hot path in the first seconds of a process).
# Prints: "<seconds to 80 %> <steady req/s> <req/s of each slice, comma-separated>".
time_to_steady() { # url [slices, default 12]
  local url=$1 slices=${2:-12} rates=() i
  for i in $(seq 1 "$slices"); do
    rates+=("$(wrk -t2 -c16 -d1s "$url" | awk '/Requests\/sec/ { printf "%.0f", $2 }')")
  done
  printf '%s\n' "${rates[@]}" | awk -v list="$(IFS=,; echo "${rates[*]}")" '
    { r[NR] = $1 }
    END {
      n = NR; split("", last); for (i = n - 3; i <= n; i++) last[i - n + 4] = r[i]
      # median of the last 4: the mean of the middle two once sorted
      for (i = 1; i <= 4; i++) for (j = i + 1; j <= 4; j++) if (last[j] < last[i]) { t = last[i]; last[i] = last[j]; last[j] = t }
      steady = (last[2] + last[3]) / 2
      for (i = 1; i <= n; i++) if (r[i] >= 0.8 * steady) { printf "%d %.0f %s\n", i, steady, list; exit }
      printf ">%d %.0f %s\n", n, steady, list
    }'
}
