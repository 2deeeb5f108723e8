# Sourced by ./mvnw, ./sis and .ci/run (POSIX sh): makes JAVA_HOME a JDK 25 or newer.
# Keeps JAVA_HOME, or the java on PATH, when it is new enough; else looks in the usual
# install folders. sis targets Java 25 while many machines still default to an older java.
sis_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n 1
}
sis_jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(sis_java_major "$1/bin/java")" -ge 25 ] 2>/dev/null
}
if [ -n "${JAVA_HOME:-}" ] && sis_jdk_ok "$JAVA_HOME"; then
  :
elif command -v javac >/dev/null 2>&1 && sis_jdk_ok "$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  export JAVA_HOME
else
  case $- in *f*) sis_noglob=1; set +f ;; *) sis_noglob= ;; esac
  for sis_candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if sis_jdk_ok "$sis_candidate"; then
      JAVA_HOME="$sis_candidate"
      export JAVA_HOME
      break
    fi
  done
  [ -z "$sis_noglob" ] || set -f
fi
