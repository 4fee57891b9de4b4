#!/usr/bin/env bash
# vendor-katex.sh fetches a KaTeX release through npm and copies the parts
# that the mathtex package embeds into generator/mathtex/katex/.
#
# Usage: generator/mathtex/vendor-katex.sh [VERSION]
#
# VERSION defaults to the pinned release below. Re-running the script with the
# same version reproduces the same files.
set -euo pipefail

PINNED_VERSION="0.19.1"
version="${1:-$PINNED_VERSION}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$here/katex"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "katex@$version" >/dev/null)
tarball="$(ls "$tmp"/katex-*.tgz)"
tar -xzf "$tarball" -C "$tmp" package/dist/katex.min.js package/dist/katex.min.css package/dist/fonts package/LICENSE

rm -rf "$dest"
mkdir -p "$dest/fonts"
cp "$tmp/package/dist/katex.min.js" "$dest/katex.min.js"
# Every browser that renders the rest of the site reads WOFF2, so the WOFF and
# TrueType copies of the fonts are left out, and the stylesheet stops naming them.
sed -E -e 's/,url\(fonts\/[A-Za-z0-9_-]+\.woff\) format\("woff"\)//g' \
       -e 's/,url\(fonts\/[A-Za-z0-9_-]+\.ttf\) format\("truetype"\)//g' \
  "$tmp/package/dist/katex.min.css" >"$dest/katex.min.css"
cp "$tmp/package/dist/fonts/"*.woff2 "$dest/fonts/"
cp "$tmp/package/LICENSE" "$dest/LICENSE"
printf '%s\n' "$version" >"$dest/VERSION"
if grep -Eq '\.(woff|ttf)\)' "$dest/katex.min.css"; then
  echo "vendor-katex.sh: the stylesheet still names WOFF or TrueType fonts" >&2
  exit 1
fi

echo "vendored KaTeX $version into $dest ($(wc -c <"$dest/katex.min.js") bytes)"
