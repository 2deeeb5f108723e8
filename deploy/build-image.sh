#!/usr/bin/env bash
# Builds the repository's Dockerfile, unchanged, with podman, then checks the image without
# starting a container: what its configuration says (user, port, volume, health check,
# entrypoint), and its files run for real (chroot as the image's user): upload, download and
# resize over loopback with the vips engine, the AOT cache serving sis's classes (-Xlog), and
# the health check on the port sis was given.
#
# Made for machines where containers cannot start and public images cannot be pulled (this
# project's build machines): RUN steps use --isolation=chroot, and a base image the Dockerfile
# names is made locally, under the same public name, only when pulling it fails:
#   - debian:bookworm-slim from debootstrap --variant=minbase (DEBIAN_MIRROR for another mirror);
#   - eclipse-temurin:25-jdk from that Debian and the JDK 25 in JDK_HOME
#     (default /usr/lib/jvm/temurin-25-jdk-amd64) at /opt/java/openjdk, as the public image has it.
# Where Docker works, `docker build -t sis .` is all it takes.
#
# The build stage reaches Maven's registry directly; SIS_BUILD_M2=DIR mounts DIR as its local
# repository instead (for a machine without that access), which the Dockerfile does not know about.
# Needs root, podman, debootstrap and curl. Usage: deploy/build-image.sh [TAG]  (default localhost/sis:VERSION)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
tag=${1:-localhost/sis:$version}
jdk=${JDK_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
debian=docker.io/library/debian:bookworm-slim
temurin=docker.io/library/eclipse-temurin:25-jdk
work=$(mktemp -d)
root=$work/root
pid=
container=
cleanup() {
  [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  [ -z "$pid" ] || wait "$pid" 2>/dev/null || true
  for mounted in "$root/proc" "$root/dev" "$root/tmp" "$root"; do
    mountpoint -q "$mounted" 2>/dev/null && umount -l "$mounted"
  done
  [ -z "$container" ] || podman rm -f "$container" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
say() { echo "build-image: $*"; }
fail() { echo "build-image: FAILED: $*" >&2; exit 1; }

# --- The base images: pulled, else made here under the same names.
have_or_pull() {
  podman image exists "$1" && return 0
  podman pull -q "$1" >/dev/null 2>&1 && return 0
  say "cannot pull $1; making it here"
  return 1
}
if ! have_or_pull "$debian"; then
  rootfs=$work/debian
  debootstrap --variant=minbase bookworm "$rootfs" ${DEBIAN_MIRROR:+"$DEBIAN_MIRROR"} >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import --change 'CMD ["bash"]' - "$debian" >/dev/null
  rm -rf "$rootfs"
fi
if ! have_or_pull "$temurin"; then
  [ -x "$jdk/bin/javac" ] || fail "no JDK 25 in $jdk (set JDK_HOME)"
  mkdir "$work/temurin"
  cp -rL "$jdk" "$work/temurin/jdk"
  # As the public image: the JDK at /opt/java/openjdk, and binutils (jlink's --strip-debug runs objcopy).
  # No curl: the Maven wrapper then downloads with Java, which trusts what this JDK trusts.
  cat >"$work/temurin/Containerfile" <<EOF
FROM $debian
RUN apt-get update && apt-get install -y --no-install-recommends binutils && rm -rf /var/lib/apt/lists/*
COPY jdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["jshell"]
EOF
  podman build -q --isolation=chroot -t "$temurin" -f "$work/temurin/Containerfile" "$work/temurin" >/dev/null
  rm -rf "$work/temurin"
fi

# --- The image, from the Dockerfile as it is.
m2=()
[ -z "${SIS_BUILD_M2:-}" ] || m2=(--volume "$SIS_BUILD_M2:/root/.m2/repository")
say "podman build -t $tag . (the Maven build inside takes minutes)"
podman build --isolation=chroot --format docker "${m2[@]}" -t "$tag" .

# --- What the image says about itself.
inspect() { podman image inspect --format "$1" "$tag"; }
expect() { [ "$2" = "$3" ] || fail "$1 is '$2', expected '$3'"; }
expect user "$(inspect '{{.Config.User}}')" "10001:10001"
expect port "$(inspect '{{range $p, $v := .Config.ExposedPorts}}{{$p}}{{end}}')" "3333/tcp"
expect volume "$(inspect '{{range $v, $x := .Config.Volumes}}{{$v}}{{end}}')" "/data"
expect entrypoint "$(inspect '{{json .Config.Entrypoint}}')" '["/opt/sis/bin/sis"]'
expect "health check" "$(inspect '{{json .Config.Healthcheck.Test}}')" '["CMD","/opt/sis/bin/healthcheck"]'

# --- Its files, run as the image's user in a chroot: no container is started.
container=$(podman create "$tag")
mkdir "$root"
podman export "$container" | tar -C "$root" -x
expect "owner of /data" "$(stat -c %u:%g "$root/data")" "10001:10001"
# The root a mount of its own: a chroot's /proc/self/mounts lists only the mounts inside it, and
# without one for / the JVM finds no file store for /data (sis reads the volume's size).
mount --bind "$root" "$root"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
env=(env -i)
while IFS= read -r variable; do env+=("$variable"); done < <(inspect '{{range .Config.Env}}{{println .}}{{end}}' | sed '/^$/d')
port=$(( 20000 + RANDOM % 20000 ))
log=$work/sis.log
# Started as the image starts it (the entrypoint, its user, its environment, /data as the
# working directory), with a port given as a flag: the health check must follow it.
# The JVM logs where its classes come from into /tmp: the image's AOT cache must serve them.
chroot --userspec=10001:10001 "$root" "${env[@]}" SIS_JAVA_OPTS=-Xlog:aot,class+load:file=/tmp/jvm.log \
  /bin/sh -c 'cd /data && exec /opt/sis/bin/sis "$@"' sis -host=127.0.0.1 -port="$port" >"$log" 2>&1 &
pid=$!
base=http://127.0.0.1:$port
for _ in $(seq 1 600); do
  curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; fail "sis exited"; }
  sleep 0.1
done
curl -fsS -o /dev/null "$base/healthz" || { cat "$log" >&2; fail "sis did not answer on $port"; }
grep -q 'image engine: *vips' <(sed 's/\\n/\n/g' "$log") || { cat "$log" >&2; fail "the start log names another engine than vips"; }
memory=$(sed 's/\\n/\n/g' "$log" | grep -o 'memory: .*heap.*requests' | head -n 1)
[ -n "$memory" ] || fail "the start log does not say how the heap is shared"
say "start log: $memory"
# /readyz says 503 while the start-up warm-up (--warm-up) runs.
for _ in $(seq 1 600); do curl -fsS -o /dev/null "$base/readyz" 2>/dev/null && break; sleep 0.1; done
ready=$(curl -fsS "$base/readyz")
[[ $ready == *'"imageEngine":"vips'* ]] || fail "/readyz says $ready"
say "sis runs from the image's files as user 10001 on port $port; /readyz: $ready"
[ -s "$root/opt/sis/lib/sis.aot" ] || fail "the image has no AOT cache (/opt/sis/lib/sis.aot)"
grep -q 'Opened AOT cache /opt/sis/lib/sis.aot' "$root/tmp/jvm.log" || fail "the JVM did not open the AOT cache"
! grep -q '\[error' "$root/tmp/jvm.log" || { grep '\[error' "$root/tmp/jvm.log" >&2; fail "the AOT cache was refused"; }
cached=$(grep -c 'dev\.sis\..* source: shared objects file' "$root/tmp/jvm.log" || true)
[ "$cached" -ge 100 ] || fail "only $cached of sis's classes came from the AOT cache"
say "AOT cache used: $cached of sis's classes loaded from it ($(($(stat -c %s "$root/opt/sis/lib/sis.aot") / 1024 / 1024)) MiB)"

photo=server/src/test/resources/dev/sis/image/ImageVariantFuzzTestInputs/aVariantIsMadeWithinBudgetOrRefused/rgb.jpg
md5=$(md5sum "$photo" | cut -d' ' -f1)
curl -fsS -F "file=@$photo;filename=photo.jpg" "$base/up" | grep -q "$md5" || fail "upload"
curl -fsS -o "$work/original.jpg" "$base/simple_down?md5=$md5" && cmp -s "$photo" "$work/original.jpg" || fail "download"
curl -fsS -o "$work/small.jpg" "$base/v1/images/$md5?w=8&h=6&fit=stretch" || fail "resize"
[ "$(head -c 3 "$work/small.jpg" | od -An -tx1 | tr -d ' ')" = ffd8ff ] || fail "the variant is not a JPEG"
stored=$(find "$root/data" -path "*/$md5/src/photo.jpg" -user 10001)
[ -n "$stored" ] || fail "the original is not in /data, owned by 10001"
say "uploaded, downloaded and resized $md5 (stored as ${stored#"$root"})"

chroot --userspec=10001:10001 "$root" /opt/sis/bin/healthcheck || fail "the health check failed with sis on $port"
say "the health check found sis on port $port"

size=$(podman image inspect --format '{{.Size}}' "$tag")
say "ok: $tag, $((size / 1024 / 1024)) MiB"
