#!/bin/sh
# Renders the app icons from assets/icon.svg (the one source). Needs rsvg-convert (Debian: librsvg2-bin).
#   build/icon.png            1024 px: electron-builder derives the .icns and .ico from it
#   electron/app/tray-icon.ts 16 and 32 px tray icons, inlined as base64
set -eu
cd "$(dirname "$0")/.."
rsvg-convert -w 1024 -h 1024 assets/icon.svg -o build/icon.png
tmp=$(mktemp -d)
rsvg-convert -w 16 -h 16 assets/icon.svg -o "$tmp/16.png"
rsvg-convert -w 32 -h 32 assets/icon.svg -o "$tmp/32.png"
{
  echo '/**'
  echo ' * The tray icon, rendered from assets/icon.svg at 16 and 32 px (build/make-icons.sh), inlined so the'
  echo " * main bundle needs no loose image files: Electron's nativeImage cannot read SVG."
  echo ' */'
  echo "export const TRAY_ICON_16_PNG_BASE64 = '$(base64 -w0 "$tmp/16.png")';"
  echo "export const TRAY_ICON_32_PNG_BASE64 = '$(base64 -w0 "$tmp/32.png")';"
} > electron/app/tray-icon.ts
rm -r "$tmp"
