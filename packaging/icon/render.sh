#!/usr/bin/env bash
# Regenerates the icon files jpackage uses from the SVG sources in this folder:
#   hubwizard.png  (Linux: launcher and desktop entry), hubwizard.ico (Windows), hubwizard.icns (macOS).
# The outputs are committed, so a build never needs these tools; run this after editing an SVG.
# Needs Debian's librsvg2-bin (rsvg-convert), imagemagick (convert) and icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")"
for tool in rsvg-convert convert png2icns; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install librsvg2-bin imagemagick icnsutils" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 16 and 32 px come from the simplified drawing; a scaled-down full drawing blurs at those sizes.
for size in 16 32; do rsvg-convert -w $size -h $size hubwizard-small.svg -o "$work/$size.png"; done
for size in 48 64 128 256 512 1024; do rsvg-convert -w $size -h $size hubwizard.svg -o "$work/$size.png"; done

cp "$work/256.png" hubwizard.png
convert "$work"/{16,32,48,64,128,256}.png hubwizard.ico
# png2icns picks the icon type from each PNG's size (16, 32, 48, 128, 256, 512, 1024).
png2icns hubwizard.icns "$work"/{16,32,48,128,256,512,1024}.png >/dev/null
ls -l hubwizard.png hubwizard.ico hubwizard.icns
