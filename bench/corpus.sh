#!/usr/bin/env bash
# Builds the photo corpus of the image tests and benchmarks: real photographs and artwork
# shipped in Debian's wallpaper packages, and variants of them made with ImageMagick for the
# cases a decoder must get right (baseline and progressive JPEG, 4:2:0 chroma, EXIF
# orientation, CMYK, animation, grey, alpha). The file names say what each file is; tests and
# benchmarks name the files they read.
#
# Usage: bench/corpus.sh [DIR]          build the corpus in DIR (default: $SIS_CORPUS_DIR, else
#                                       ~/.cache/sis-corpus); does nothing when DIR is complete
#        bench/corpus.sh --check [DIR]  exit 0 when DIR is complete or can be built here, else
#                                       print one line naming what is missing and exit 3
#
# Needs apt-get and dpkg-deb (Debian or Ubuntu), ImageMagick's convert, and apt's package
# lists (as root it runs apt-get update when the packages are unknown). It installs nothing:
# on Debian, `apt-get install imagemagick` first. A build writes into a temporary folder and
# moves the files into DIR only when every one of them was made.
set -euo pipefail

packages=(mate-backgrounds gnome-backgrounds ukui-wallpapers)

check=
if [ "${1:-}" = --check ]; then
  check=1
  shift
fi
out="${1:-${SIS_CORPUS_DIR:-$HOME/.cache/sis-corpus}}"

if [ -f "$out/.complete" ]; then
  [ -n "$check" ] || echo "corpus ready in $out"
  exit 0
fi

# What this machine lacks to build the corpus, one phrase each.
missing=()
command -v apt-get >/dev/null || missing+=("apt-get (the corpus comes from Debian packages: build it on Debian or Ubuntu)")
command -v dpkg-deb >/dev/null || missing+=("dpkg-deb (Debian's dpkg)")
command -v convert >/dev/null || missing+=("ImageMagick's convert (apt-get install imagemagick)")
if [ ${#missing[@]} -eq 0 ] && [ "$(id -u)" -ne 0 ] && ! apt-cache show "${packages[@]}" >/dev/null 2>&1; then
  missing+=("apt's package lists for ${packages[*]} (run apt-get update as root)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  reason="no photo corpus in $out and it cannot be built here: missing $(IFS=';'; echo "${missing[*]}" | sed 's/;/, /g')"
  if [ -n "$check" ]; then echo "$reason"; exit 3; fi
  echo "corpus: $reason" >&2
  exit 1
fi
[ -z "$check" ] || exit 0

mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "corpus: downloading ${packages[*]}"
if ! (cd "$work" && apt-get download "${packages[@]}" >/dev/null 2>&1); then
  [ "$(id -u)" -eq 0 ] || { echo "corpus: apt-get download failed; run apt-get update as root" >&2; exit 1; }
  apt-get update -qq
  (cd "$work" && apt-get download "${packages[@]}" >/dev/null)
fi
for deb in "$work"/*.deb; do
  dpkg-deb --extract "$deb" "$work/root"
done
shipped="$work/root/usr/share/backgrounds"
made="$work/made"
mkdir "$made"

# keep NAME SOURCE: a shipped file as it is.
keep() {
  cp "$shipped/$2" "$made/$1"
}
# derive NAME SOURCE CONVERT-OPTIONS…: a file ImageMagick makes from a shipped one. PNGs get
# no time chunks, so that two builds give the same bytes.
derive() {
  local name=$1 source=$2
  shift 2
  convert "$shipped/$source" "$@" -define png:exclude-chunk=date,time "$made/$name"
}

# As shipped: progressive JPEG at quality 100, baseline JPEGs, PNG, lossy WebP.
keep elephants-18mp-progressive-q100.jpg mate/abstract/Elephants_5640x3172.jpg
keep elephants-8mp-progressive-q100.jpg  mate/abstract/Elephants_3840x2160.jpg
keep storm-2.5mp-baseline-q98.jpg        mate/nature/Storm.jpg
keep wood-5mp-baseline-q87.jpg           mate/nature/Wood.jpg
keep raindrops-2.3mp-baseline.jpg        mate/nature/RainDrops.jpg
keep stripes-2.3mp.png                   mate/desktop/Stripes.png
keep calla-8.9mp.png                     calla.png
keep wood-16mp.webp                      gnome/wood-d.webp

# As a camera writes them: baseline, quality 85 to 90, chroma subsampled 4:2:0.
derive photo-18mp-baseline-q90.jpg  mate/abstract/Elephants_5640x3172.jpg -interlace none -quality 90 -sampling-factor 2x2
derive photo-8mp-baseline-q90.jpg   mate/abstract/Elephants_3840x2160.jpg -interlace none -quality 90 -sampling-factor 2x2
derive photo-0.7mp-baseline-q85.jpg mate/nature/Storm.jpg -resize 1024x -quality 85 -sampling-factor 2x2

# The cases a decoder gets wrong: a sideways-stored photo (EXIF orientation 6: turn 90°
# clockwise to show it), CMYK without a profile, 12 animated frames, grey, transparency.
derive exif-orientation-6.jpg mate/nature/Storm.jpg -resize 1200x -orient RightTop
derive cmyk.jpg               mate/nature/Wood.jpg -resize 1000x -colorspace CMYK
derive animated-12f.gif       mate/nature/Storm.jpg -resize 480x -duplicate 11 -distort SRT '%[fx:t*30]' \
  -set delay 8 -loop 0
derive gray.png               mate/nature/Wood.jpg -resize 1600x -colorspace Gray
derive alpha.png              calla.png -resize 1200x -alpha set -channel A -evaluate set 60% +channel

mv "$made"/* "$out"/
(cd "$out" && ls -l) | tail -n +2
touch "$out/.complete"
echo "corpus ready in $out"
