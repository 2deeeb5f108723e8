#!/bin/bash
# The image's HEALTHCHECK: GET /healthz from the sis process of this container, on the port and
# address it was started with. They are read from the process itself (its flags, else its
# SIS_PORT and SIS_HOST, else sis's defaults), so `docker run sis -port 4444` is probed on 4444.
# Bash only: the image has no curl, and a JVM per probe would be too heavy. Exits 0 when sis
# answers 200, 1 otherwise.
set -u

# The sis server: PID 1 in a container; else (a check outside one) the first process running
# sis.jar with flags rather than a subcommand.
sis_pid() {
  local pid args
  for pid in 1 $(ls /proc); do
    [[ $pid =~ ^[0-9]+$ ]] || continue
    mapfile -d '' args 2>/dev/null </proc/"$pid"/cmdline || continue
    local i
    for ((i = 0; i < ${#args[@]}; i++)); do
      if [[ ${args[i]} == */lib/sis.jar ]]; then
        [[ ${args[i + 1]:-} == [a-z]* ]] && break # sis upload, sis get, …: a client, not the server
        echo "$pid"
        return 0
      fi
    done
  done
  return 1
}

pid=$(sis_pid) || { echo "healthcheck: no sis process" >&2; exit 1; }
mapfile -d '' args </proc/"$pid"/cmdline
mapfile -d '' environment </proc/"$pid"/environ 2>/dev/null || environment=()

port=3333
host=0.0.0.0
for variable in "${environment[@]}"; do
  case $variable in
    SIS_PORT=?*) port=${variable#SIS_PORT=} ;;
    SIS_HOST=?*) host=${variable#SIS_HOST=} ;;
  esac
done
# Go's flag syntax, as sis reads it: -port N, -port=N, --port N, --port=N; the last one wins;
# "--" ends the flags.
after_jar=false
for ((i = 0; i < ${#args[@]}; i++)); do
  arg=${args[i]}
  if ! $after_jar; then
    [[ $arg == */lib/sis.jar ]] && after_jar=true
    continue
  fi
  case $arg in
    --) break ;;
    -port=* | --port=*) port=${arg#*=} ;;
    -host=* | --host=*) host=${arg#*=} ;;
    -port | --port) port=${args[i + 1]:-$port}; i=$((i + 1)) ;;
    -host | --host) host=${args[i + 1]:-$host}; i=$((i + 1)) ;;
  esac
done
case $host in
  0.0.0.0 | '' ) host=127.0.0.1 ;;
  :: | '[::]') host=::1 ;;
esac
[[ $port =~ ^[0-9]+$ && $port != 0 ]] || { echo "healthcheck: sis listens on port '$port'" >&2; exit 1; }

exec 3<>/dev/tcp/"$host"/"$port" || exit 1
printf 'GET /healthz HTTP/1.0\r\nHost: %s\r\n\r\n' "$host" >&3
IFS= read -r status <&3 || exit 1
[[ $status == "HTTP/1."?" 200 "* ]] || { echo "healthcheck: $status" >&2; exit 1; }
