#!/usr/bin/env python3
"""Issue 17, per-format quality for format=auto: at which q do AVIF and WebP match the SSIM of
JPEG q85 (what sis writes without a q), and how many bytes do they take then?

Each corpus photo is made 800 px wide by libvips (the reference), then encoded as sis's vips engine
encodes (strip; JPEG 4:2:0; AVIF 8-bit at --avif-effort 2), decoded again by libvips, and
compared with the reference: SSIM on luma (BT.601), 8x8 windows with stride 4 (numpy). For each
photo, the lowest q whose SSIM is at least JPEG q85's; then, at the q chosen for all photos,
bytes relative to JPEG q85. Then AVIF encode time per effort against WebP and JPEG (ratios:
the machine is shared; the load is printed).

Usage: bench/auto-format-quality.py [CORPUS_DIR] [WEBP_Q AVIF_Q]
  needs libvips' `vips` command and numpy; the corpus: bench/corpus.sh.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

CORPUS = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
    "SIS_CORPUS_DIR", os.path.expanduser("~/.cache/sis-corpus"))
CHOSEN = (int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) > 3 else None
PHOTOS = ["photo-0.7mp-baseline-q85.jpg", "raindrops-2.3mp-baseline.jpg", "storm-2.5mp-baseline-q98.jpg",
          "wood-5mp-baseline-q87.jpg", "photo-8mp-baseline-q90.jpg", "elephants-8mp-progressive-q100.jpg",
          "calla-8.9mp.png", "wood-16mp.webp", "photo-18mp-baseline-q90.jpg"]
WEBP_QS = range(50, 101, 5)
AVIF_QS = range(30, 96, 5)


def vips(*args):
    subprocess.run(["vips", *args], check=True, capture_output=True)


def luma(path, work):
    ppm = os.path.join(work, "d.ppm")
    vips("colourspace", path, ppm + "[strip]", "srgb")
    with open(ppm, "rb") as f:
        data = f.read()
    # P6\nW H\n255\n
    parts = data.split(b"\n", 3)
    w, h = map(int, parts[1].split())
    rgb = np.frombuffer(parts[3][: w * h * 3], dtype=np.uint8).reshape(h, w, 3).astype(np.float64)
    return rgb @ np.array([0.299, 0.587, 0.114])


def ssim(a, b):
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    win, step = 8, 4
    h, w = a.shape
    values = []
    for y in range(0, h - win + 1, step):
        ra, rb = a[y:y + win], b[y:y + win]
        # all the windows of this band of rows at once
        wa = np.lib.stride_tricks.sliding_window_view(ra, (win, win))[0, ::step]
        wb = np.lib.stride_tricks.sliding_window_view(rb, (win, win))[0, ::step]
        ma, mb = wa.mean(axis=(1, 2)), wb.mean(axis=(1, 2))
        va, vb = wa.var(axis=(1, 2)), wb.var(axis=(1, 2))
        cov = ((wa - ma[:, None, None]) * (wb - mb[:, None, None])).mean(axis=(1, 2))
        values.append(((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma ** 2 + mb ** 2 + c1) * (va + vb + c2)))
    return float(np.concatenate(values).mean())


def encode(ref, suffix, work):
    out = os.path.join(work, "o" + suffix.split("[")[0])
    vips("copy", ref, out + "[" + suffix.split("[", 1)[1])
    return out, os.path.getsize(out)


def jpeg(q):
    return ".jpg[Q=%d,strip,subsample_mode=on]" % q


def webp(q):
    return ".webp[Q=%d,strip]" % q


def avif(q, effort=2):
    return ".avif[Q=%d,strip,bitdepth=8,effort=%d]" % (q, effort)


def main():
    work = tempfile.mkdtemp()
    print("load average before: %s, %d cores" % (open("/proc/loadavg").read().split()[:3], os.cpu_count()))
    refs = []
    needed = {"webp": [], "avif": []}
    curves = []
    for photo in PHOTOS:
        ref = os.path.join(work, photo + ".v")
        vips("thumbnail", os.path.join(CORPUS, photo), ref, "800")
        refs.append(ref)
        base = luma(ref, work)
        out, jpeg_bytes = encode(ref, jpeg(85), work)
        target = ssim(base, luma(out, work))
        curve = {"photo": photo, "jpeg": (target, jpeg_bytes), "webp": {}, "avif": {}}
        for name, qs, suffix in (("webp", WEBP_QS, webp), ("avif", AVIF_QS, avif)):
            for q in qs:
                out, size = encode(ref, suffix(q), work)
                curve[name][q] = (ssim(base, luma(out, work)), size)
            ok = [q for q in qs if curve[name][q][0] >= target]
            needed[name].append(ok[0] if ok else max(qs))
        curves.append(curve)
        print("%-38s JPEG q85 SSIM %.4f %7d B | WebP needs q%s | AVIF needs q%s"
              % (photo, target, jpeg_bytes, needed["webp"][-1], needed["avif"][-1]), flush=True)
    webp_q, avif_q = CHOSEN or (int(statistics.median(needed["webp"])), int(statistics.median(needed["avif"])))
    webp_q = min(WEBP_QS, key=lambda q: abs(q - webp_q))
    avif_q = min(AVIF_QS, key=lambda q: abs(q - avif_q))
    print("\nchosen: webp q%d, avif q%d (medians of the q each photo needs)" % (webp_q, avif_q))
    totals = {"jpeg": 0, "webp": 0, "avif": 0}
    for c in curves:
        j = c["jpeg"]
        w = c["webp"][webp_q]
        a = c["avif"][avif_q]
        totals["jpeg"] += j[1]
        totals["webp"] += w[1]
        totals["avif"] += a[1]
        print("%-38s SSIM jpeg %.4f webp %.4f avif %.4f | bytes webp/jpeg %.2f avif/jpeg %.2f"
              % (c["photo"], j[0], w[0], a[0], w[1] / j[1], a[1] / j[1]))
    print("corpus bytes: webp/jpeg %.2f, avif/jpeg %.2f, avif/webp %.2f"
          % (totals["webp"] / totals["jpeg"], totals["avif"] / totals["jpeg"], totals["avif"] / totals["webp"]))
    print("\nencode time per 800 px photo (sum over the corpus, A B A B twice), ratio to JPEG q85:")
    timings = {}
    suffixes = [("jpeg q85", jpeg(85)), ("webp q%d" % webp_q, webp(webp_q))] + [
        ("avif q%d effort %d" % (avif_q, e), avif(avif_q, e)) for e in (0, 2, 4)]
    for _ in range(2):
        for label, suffix in suffixes:
            start = time.perf_counter()
            for ref in refs:
                encode(ref, suffix, work)
            timings.setdefault(label, []).append(time.perf_counter() - start)
    jpeg_time = min(timings["jpeg q85"])
    for label, _ in suffixes:
        print("  %-22s %.2fx" % (label, min(timings[label]) / jpeg_time))
    print("load average after: %s" % (open("/proc/loadavg").read().split()[:3],))


if __name__ == "__main__":
    main()
