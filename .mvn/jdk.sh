# Sourced (POSIX sh) by ./mvnw, ./sis, .ci/run and the tarball's bin/sis: makes JAVA_HOME a
# Java 25 or newer, or says what to install and exits with status 2. sis targets Java 25 while
# many machines still default to an older java, so an older one must not get in the way.
# Also runs Java under a UTF-8 locale (see the end).
#
# Keeps JAVA_HOME, or the java on the PATH, when it is new enough; else looks in the folders of
# SIS_JDK_SEARCH (colon-separated folders that hold JDKs; default /usr/lib/jvm, /opt/java and
# macOS's /Library/Java/JavaVirtualMachines; empty: look nowhere else).
# Set sis_needs=java before sourcing when a runtime is enough (running sis); the default, jdk,
# also needs javac (building it).
sis_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n 1
}
sis_java_ok() {
  [ -x "$1/bin/java" ] && { [ "${sis_needs:-jdk}" = java ] || [ -x "$1/bin/javac" ]; } &&
    [ "$(sis_java_major "$1/bin/java")" -ge 25 ] 2>/dev/null
}
# The java that would have run, as the message names it.
sis_java_found() {
  if [ -n "${JAVA_HOME:-}" ]; then
    sis_java="$JAVA_HOME/bin/java"
    [ -x "$sis_java" ] || { echo "no java in JAVA_HOME ($JAVA_HOME)"; return; }
  else
    sis_java=$(command -v java 2>/dev/null) || { echo "no java on the PATH and JAVA_HOME is not set"; return; }
    sis_java=$(readlink -f "$sis_java" 2>/dev/null || echo "$sis_java")
  fi
  sis_major=$(sis_java_major "$sis_java")
  if [ "${sis_major:-0}" -ge 25 ] 2>/dev/null; then
    echo "Java $sis_major at $sis_java, a runtime without javac"
  else
    echo "Java ${sis_major:-of an unknown version} at $sis_java"
  fi
}

if [ -n "${JAVA_HOME:-}" ] && sis_java_ok "$JAVA_HOME"; then
  export JAVA_HOME
else
  sis_home=
  sis_tool=javac
  [ "${sis_needs:-jdk}" != java ] || sis_tool=java
  if sis_path=$(command -v "$sis_tool" 2>/dev/null); then
    sis_path=$(dirname "$(dirname "$(readlink -f "$sis_path")")")
    ! sis_java_ok "$sis_path" || sis_home=$sis_path
  fi
  if [ -z "$sis_home" ]; then
    case $- in *f*) sis_noglob=1; set +f ;; *) sis_noglob= ;; esac
    sis_ifs=$IFS
    IFS=:
    for sis_folder in ${SIS_JDK_SEARCH-/usr/lib/jvm:/opt/java:/Library/Java/JavaVirtualMachines}; do
      IFS=$sis_ifs
      for sis_candidate in "$sis_folder"/*25* "$sis_folder"/* "$sis_folder"/*/Contents/Home; do
        if sis_java_ok "$sis_candidate"; then
          sis_home=$sis_candidate
          break 2
        fi
      done
    done
    IFS=$sis_ifs
    [ -z "$sis_noglob" ] || set -f
  fi
  if [ -z "$sis_home" ]; then
    echo "sis needs Java 25 or newer; found $(sis_java_found); install a JDK 25 (e.g. Temurin 25) or set JAVA_HOME" >&2
    exit 2
  fi
  JAVA_HOME=$sis_home
  export JAVA_HOME
fi

# sis keeps uploads under their names: a JVM started under a locale of another charset (or of
# none, POSIX, as in many containers and services) cannot create a file whose name is not
# ASCII, and such an upload would fail. Then Java runs under C.UTF-8 (bin/sis does the same).
case ${LC_ALL:-${LC_CTYPE:-${LANG:-}}} in
  *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) ;;
  *) LC_ALL=C.UTF-8; export LC_ALL ;;
esac
