# Sourced by bin/sis for the first server run of an install (no AOT cache yet): sis runs as
# usual while the JVM records what it loads and which methods are hot (-XX:AOTCacheOutput);
# when sis stops, the JVM writes the cache (a second JVM, a few seconds). It writes a file of
# its own, renamed into place only once complete, so that a server starting meanwhile never
# maps half a cache and two first runs never mix theirs; for that rename this shell stays sis's
# parent and passes on the signals that stop it (as SIGTERM: a command started with & ignores
# SIGINT, and so would the JVM).
part=$aot_file.$$.part
# At exit the JVM lists every class the cache leaves out (thousands of lines): errors only.
JDK_AOT_VM_OPTIONS="-Xlog:aot=error ${JDK_AOT_VM_OPTIONS:-}"
export JDK_AOT_VM_OPTIONS
# shellcheck disable=SC2086 # SIS_JAVA_OPTS is a list of options
"$java" $heap -XX:AOTCacheOutput="$part" -Xlog:aot=error ${SIS_JAVA_OPTS:-} -jar "$jar" "$@" &
sis_pid=$!
trap 'kill -TERM "$sis_pid" 2>/dev/null' INT TERM HUP
while :; do
  wait "$sis_pid"
  status=$?
  kill -0 "$sis_pid" 2>/dev/null || break
done
if [ -s "$part" ]; then
  mv -f "$part" "$aot_file" 2>/dev/null || rm -f "$part"
fi
rm -f "$part.config"
exit "$status"
