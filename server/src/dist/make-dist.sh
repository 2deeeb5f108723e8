#!/usr/bin/env bash
# Makes target/sis-VERSION-linux-x64.tar.gz from target/sis.jar: a trimmed Java runtime made
# by jlink, the jar, bin/sis (its version written in), lib/aot-record.sh (how bin/sis records an
# AOT cache on a first run) and lib/jdk.sh (how bin/sis finds a Java when runtime/ is
# missing). Run by ./mvnw -B -DskipTests package -Pdist (see pom.xml).
# Usage: server/src/dist/make-dist.sh VERSION JDK_HOME
set -euo pipefail
version=$1
jdk=$2
cd "$(dirname "$0")/../../.."
name="sis-$version"
out="target/dist/$name"
rm -rf target/dist "target/$name-linux-x64.tar.gz"
mkdir -p "$out/bin" "$out/lib"

# The modules sis.jar needs (jdeps --print-module-deps target/sis.jar), and jdk.crypto.ec and
# jdk.localedata are not: TLS and dates work from java.base. Keep this list in step with jdeps.
modules=java.base,java.desktop,java.instrument,java.naming,java.net.http,java.rmi,java.security.jgss,java.sql
modules=$modules,jdk.management,jdk.net,jdk.unsupported
"$jdk/bin/jlink" --add-modules "$modules" --output "$out/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress zip-6

cp target/sis.jar "$out/lib/sis.jar"
cp .mvn/jdk.sh "$out/lib/jdk.sh"
sed "s/@VERSION@/$version/" server/src/dist/bin/sis >"$out/bin/sis"
cp server/src/dist/bin/aot-record.sh "$out/lib/aot-record.sh"
chmod 0755 "$out/bin/sis"
cp README.md "$out/README.md"
tar -C target/dist -czf "target/$name-linux-x64.tar.gz" --owner=0 --group=0 "$name"
echo "made target/$name-linux-x64.tar.gz ($(du -h "target/$name-linux-x64.tar.gz" | cut -f1))"
