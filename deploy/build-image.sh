#!/usr/bin/env bash
# Builds the container image sis:VERSION with podman from the Dockerfile, then checks what it
# says (user, port, volume, health check, entrypoint). Makes what the build needs:
#   - the tarball, unless target/sis-VERSION-linux-x64.tar.gz exists (./mvnw -Pdist package);
#   - the base image localhost/sis-base:bookworm, unless podman has it: a minimal Debian made
#     by debootstrap (--variant=minbase; set DEBIAN_MIRROR to use another mirror) and imported;
#   - the build context target/image-context: the unpacked tarball as sis/ and an empty data/.
# Needs podman and debootstrap (Debian packages) and root for debootstrap.
# Usage: deploy/build-image.sh [TAG]
set -euo pipefail
cd "$(dirname "$0")/.."
base=localhost/sis-base:bookworm

tarball=$(ls target/sis-*-linux-x64.tar.gz 2>/dev/null | head -n 1 || true)
if [ -z "$tarball" ]; then
  ./mvnw -B -q -DskipTests package -Pdist
  tarball=$(ls target/sis-*-linux-x64.tar.gz | head -n 1)
fi
version=$(basename "$tarball" -linux-x64.tar.gz)
version=${version#sis-}
tag=${1:-localhost/sis:$version}

if ! podman image exists "$base"; then
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT
  echo "build-image: making $base with debootstrap (a few minutes)"
  debootstrap --variant=minbase bookworm "$rootfs" ${DEBIAN_MIRROR:+"$DEBIAN_MIRROR"} >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import - "$base"
fi

context=target/image-context
rm -rf "$context"
mkdir -p "$context/data"
tar -C "$context" -xzf "$tarball"
mv "$context/sis-$version" "$context/sis"
cp Dockerfile "$context/Dockerfile"
podman build --format docker -t "$tag" "$context"

# What the image says about itself.
inspect() { podman image inspect --format "$1" "$tag"; }
check() { [ "$2" = "$3" ] || { echo "build-image: FAILED: $1 is '$2', expected '$3'" >&2; exit 1; }; }
check user "$(inspect '{{.Config.User}}')" "10001:10001"
check port "$(inspect '{{range $p, $v := .Config.ExposedPorts}}{{$p}}{{end}}')" "3333/tcp"
check volume "$(inspect '{{range $v, $x := .Config.Volumes}}{{$v}}{{end}}')" "/data"
check entrypoint "$(inspect '{{json .Config.Entrypoint}}')" '["/opt/sis/bin/sis"]'
[ -n "$(inspect '{{.Config.Healthcheck}}')" ] && [ "$(inspect '{{.Config.Healthcheck}}')" != "<nil>" ] \
  || { echo "build-image: FAILED: no health check" >&2; exit 1; }
# The files, read from the image without running it.
container=$(podman create "$tag")
files=$(mktemp)
trap 'podman rm -f "$container" >/dev/null 2>&1 || true; rm -rf "${rootfs:-/nonexistent}" "$files"' EXIT
podman export "$container" | tar -t >"$files"
for f in opt/sis/bin/sis opt/sis/runtime/bin/java opt/sis/lib/sis.jar data/ usr/bin/bash; do
  grep -qx "$f" "$files" || { echo "build-image: FAILED: the image has no $f" >&2; exit 1; }
done
echo "build-image: built $tag (user 10001, port 3333, volume /data, health check, entrypoint bin/sis)"
