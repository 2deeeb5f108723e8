#!/usr/bin/env bash
# Checks the no-Java tarball: unpacks target/sis-*-linux-x64.tar.gz and runs bin/sis in an
# environment whose PATH has no java (only mkdir, mv and rm): --version, migrate --help, then a
# server that stores an image and makes a resized PNG of it (ImageIO in the trimmed runtime),
# sis upload and sis get against it, the AOT cache that server's run recorded as it stopped,
# and one on S3 whose unreachable bucket makes /readyz answer 503 (the AWS SDK in it), started
# where no cache folder can be made.
# Build first: ./mvnw -B -DskipTests package -Pdist. Needs curl. Exits non-zero on a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
tarball=$(ls target/sis-*-linux-x64.tar.gz 2>/dev/null | head -n 1)
[ -n "$tarball" ] || { echo "check-dist: no target/sis-*-linux-x64.tar.gz; run ./mvnw -B -DskipTests package -Pdist" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
tar -C "$work" -xzf "$tarball"
sis=$(ls -d "$work"/sis-*/bin/sis)
fail() { echo "check-dist: FAILED: $*" >&2; exit 1; }

# The environment sis runs in: a PATH of three tools (what the launcher needs to record the AOT
# cache: a shell's built-ins do all else), so no java can be found.
mkdir "$work/tools"
for tool in mkdir mv rm; do ln -s "$(command -v "$tool")" "$work/tools/$tool"; done
bare=(env -i PATH="$work/tools" HOME="$work" AWS_ACCESS_KEY_ID=check-dist AWS_SECRET_ACCESS_KEY=check-dist-secret
      AWS_EC2_METADATA_DISABLED=true)
if "${bare[@]}" /bin/sh -c 'command -v java' >/dev/null 2>&1; then fail "java is on the bare PATH"; fi

version=$("${bare[@]}" "$sis" --version)
[[ $version == "sis "* ]] || fail "--version printed: $version"
echo "check-dist: $version, with no java on the PATH"
"${bare[@]}" "$sis" migrate --help | grep -q "Usage: sis migrate" || fail "migrate --help"

start() { # start NAME FLAGS...: starts bin/sis, waits until it listens, sets $port
  local log="$work/$1.log"; shift
  "${bare[@]}" "$sis" -host 127.0.0.1 -port 0 "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do
    port=$(sed -n 's/.*listening on: *127.0.0.1:\([0-9]*\).*/\1/p' "$log" | head -n 1)
    [ -n "$port" ] && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$log" >&2; fail "sis exited"; }
    sleep 0.1
  done
  cat "$log" >&2; fail "sis did not listen"
}

start local -image "$work/data"
# A 2x2 PNG.
echo 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4zwAE/xkgFAAb8gP91pbyKwAAAABJRU5ErkJggg==' \
  | base64 -d >"$work/dot.png"
md5=$(md5sum "$work/dot.png" | cut -d' ' -f1)
curl -fsS -F "file=@$work/dot.png" "http://127.0.0.1:$port/up" | grep -q "$md5" || fail "upload"
curl -fsS -o "$work/big.png" "http://127.0.0.1:$port/v1/images/$md5?w=20&format=png" || fail "resize"
file_type=$(head -c 4 "$work/big.png" | od -An -c | tr -d ' ')
[ "$file_type" = "211PNG" ] || fail "the variant is not a PNG"
[ -f "$work/data/${md5:0:2}/${md5:2:2}/$md5/src/dot.png" ] || fail "the original is not in the data directory"
echo "check-dist: stored and resized an image on port $port"

# The client subcommands through the launcher (the java.net.http module is in the runtime).
mkdir "$work/upload" && cp "$work/dot.png" "$work/upload/again.png"
uploaded=$("${bare[@]}" "$sis" upload --server "http://127.0.0.1:$port" "$work/upload")
[[ $uploaded == *"\"md5\":\"$md5\""* ]] || fail "sis upload printed: $uploaded"
"${bare[@]}" "$sis" get "$md5/again.png" --server "http://127.0.0.1:$port" --w 8 --format png -o "$work/got.png" \
  || fail "sis get"
[ "$(head -c 4 "$work/got.png" | od -An -c | tr -d ' ')" = "211PNG" ] || fail "sis get saved no PNG"
echo "check-dist: sis upload and sis get through the launcher"

# The first server run recorded an AOT cache, written as it stops; the next start uses it.
kill "${pids[0]}"
wait "${pids[0]}" 2>/dev/null || true
cache=$(ls "$work"/.cache/sis/sis-*.aot 2>/dev/null | head -n 1 || true)
[ -s "$cache" ] || fail "the first server run left no AOT cache in $work/.cache/sis"
! ls "$work"/.cache/sis/*.part* >/dev/null 2>&1 || fail "the AOT cache's temporary files are left"
"${bare[@]}" SIS_JAVA_OPTS=-Xlog:aot "$sis" --version >"$work/aot.log"
grep -q "Opened AOT cache $cache" "$work/aot.log" || fail "the AOT cache is not used"
echo "check-dist: the first server run recorded ${cache#"$work"/}, the next run uses it"

# A cache folder that cannot be made (its parent is a file) only means no cache.
bare+=(XDG_CACHE_HOME="$work/dot.png")
start s3 --store s3://check-dist --s3-endpoint http://127.0.0.1:9 --s3-path-style --s3-region us-east-1 \
  --spool-dir "$work/spool" --upstream-connect-timeout 500ms
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")
[ "$status" = 503 ] || fail "/readyz on an unreachable bucket answered $status"
echo "check-dist: S3 mode starts and reports an unreachable bucket as not ready"
echo "check-dist: ok"
