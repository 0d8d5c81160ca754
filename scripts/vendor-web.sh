#!/usr/bin/env bash
# vendor-web.sh: vendors the browser libraries of the web pages into web/static/vendor/.
#
#   scripts/vendor-web.sh          fetch the pinned packages through npm's configured registry,
#                                  verify each tarball, extract the minified browser build and the
#                                  licence files, and rewrite web/static/vendor/CHECKSUMS
#   scripts/vendor-web.sh --check  offline: verify the vendored files against CHECKSUMS
#                                  (and that CHECKSUMS matches the pins below)
#
# To upgrade: change a version below, clear its integrity pin (""), run the script, review the
# diff (the new integrity is printed), paste the integrity into the pin, run again and commit.
# Needs: bash, npm, tar, openssl, sha256sum, gzip.
set -euo pipefail

# Pins: npm package, version, sha512 integrity of the tarball (as in the registry's dist.integrity).
HTMX_PKG=htmx.org
HTMX_VERSION=2.0.11
HTMX_INTEGRITY="sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=="

ECHARTS_PKG=echarts
ECHARTS_VERSION=6.1.0
ECHARTS_INTEGRITY="sha512-q0yaFPggC9FUdsWH4blavRWFmxdrIodbkoKNAjJudAI6CA9gNPxHtV2RcZNEepZVlk4yvBYkOkbk6HIVpIyHZA=="
# The "simple" build has the canvas renderer, line/bar/pie charts, the grid, dataset and aria
# components: enough for the dashboard at 1/2 the gzip size of the full build. It has no tooltip,
# legend or title component: web/static/app.js labels values and series directly instead.
# Switching to "common" (adds tooltip, legend, title, ...) or "" (full build) is one line here.
ECHARTS_BUILD=simple

cd "$(dirname "$0")/.."
VENDOR=web/static/vendor
SUMS=$VENDOR/CHECKSUMS

die() { echo "vendor-web: $*" >&2; exit 1; }

echarts_file() { echo "echarts${ECHARTS_BUILD:+.$ECHARTS_BUILD}.min.js"; }

# The files to vendor: "package|tarball path|destination under $VENDOR".
manifest() {
  cat <<EOF
$HTMX_PKG|package/dist/htmx.min.js|htmx/htmx.min.js
$HTMX_PKG|package/LICENSE|htmx/LICENSE
$ECHARTS_PKG|package/dist/$(echarts_file)|echarts/$(echarts_file)
$ECHARTS_PKG|package/LICENSE|echarts/LICENSE
$ECHARTS_PKG|package/NOTICE|echarts/NOTICE
$ECHARTS_PKG|package/licenses/LICENSE-d3|echarts/licenses/LICENSE-d3
EOF
}

check() {
  [ -f "$SUMS" ] || die "$SUMS missing: run scripts/vendor-web.sh"
  local want got
  want=$(printf 'package %s %s %s\npackage %s %s %s\n' \
    "$HTMX_PKG" "$HTMX_VERSION" "$HTMX_INTEGRITY" "$ECHARTS_PKG" "$ECHARTS_VERSION" "$ECHARTS_INTEGRITY")
  got=$(grep '^package ' "$SUMS" || true)
  [ "$want" = "$got" ] || die "CHECKSUMS records other versions than the pins in this script:
$got
want:
$want"
  # Every vendored file is listed, and every listed file matches.
  local listed present
  listed=$(grep -Ev '^(#|package |$)' "$SUMS" | awk '{print $2}' | LC_ALL=C sort)
  present=$(cd "$VENDOR" && find . -type f ! -name CHECKSUMS | sed 's|^\./||' | LC_ALL=C sort)
  [ "$listed" = "$present" ] || die "files under $VENDOR differ from CHECKSUMS:
$(diff <(echo "$listed") <(echo "$present") || true)"
  (cd "$VENDOR" && grep -Ev '^(#|package |$)' CHECKSUMS | sha256sum --check --strict --quiet) ||
    die "a vendored file does not match CHECKSUMS"
  echo "vendor-web: $VENDOR matches CHECKSUMS ($HTMX_PKG $HTMX_VERSION, $ECHARTS_PKG $ECHARTS_VERSION $(echarts_file))"
}

# fetch PKG VERSION PIN DIR: npm pack into DIR, verify the tarball, print its path.
fetch() {
  local pkg=$1 version=$2 pin=$3 dir=$4 registry tgz actual
  registry=$(npm view "$pkg@$version" dist.integrity)
  [ -n "$registry" ] || die "registry has no dist.integrity for $pkg@$version"
  (cd "$dir" && npm pack --silent "$pkg@$version" >/dev/null)
  tgz=$(ls "$dir"/*.tgz)
  actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  [ "$actual" = "$registry" ] || die "$pkg@$version: tarball integrity $actual != registry $registry"
  if [ -z "$pin" ]; then
    echo "vendor-web: $pkg@$version has no integrity pin yet; pin it: $actual" >&2
  elif [ "$actual" != "$pin" ]; then
    die "$pkg@$version: tarball integrity $actual != pin $pin"
  fi
  echo "$tgz"
}

vendor() {
  command -v npm >/dev/null || die "npm not found"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/$HTMX_PKG" "$work/$ECHARTS_PKG" "$work/out"
  local htmx_tgz echarts_tgz
  htmx_tgz=$(fetch "$HTMX_PKG" "$HTMX_VERSION" "$HTMX_INTEGRITY" "$work/$HTMX_PKG")
  echarts_tgz=$(fetch "$ECHARTS_PKG" "$ECHARTS_VERSION" "$ECHARTS_INTEGRITY" "$work/$ECHARTS_PKG")

  local pkg src dst tgz
  while IFS='|' read -r pkg src dst; do
    case $pkg in
      "$HTMX_PKG") tgz=$htmx_tgz ;;
      "$ECHARTS_PKG") tgz=$echarts_tgz ;;
    esac
    mkdir -p "$work/out/$(dirname "$dst")"
    tar -xzOf "$tgz" "$src" >"$work/out/$dst" || die "$src not in $(basename "$tgz")"
    [ -s "$work/out/$dst" ] || die "$src is empty in $(basename "$tgz")"
  done < <(manifest)

  {
    echo "# Vendored by scripts/vendor-web.sh; verify with: scripts/vendor-web.sh --check"
    echo "# package <npm name> <version> <tarball sha512 integrity>"
    printf 'package %s %s %s\n' "$HTMX_PKG" "$HTMX_VERSION" "$HTMX_INTEGRITY"
    printf 'package %s %s %s\n' "$ECHARTS_PKG" "$ECHARTS_VERSION" "$ECHARTS_INTEGRITY"
    echo "# sha256 of each vendored file (sha256sum format, paths relative to this directory)"
    (cd "$work/out" && find . -type f ! -name CHECKSUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum)
  } >"$work/out/CHECKSUMS"

  rm -rf "$VENDOR"
  mkdir -p "$(dirname "$VENDOR")"
  cp -R "$work/out" "$VENDOR"
  check
  local f
  for f in "$VENDOR/htmx/htmx.min.js" "$VENDOR/echarts/$(echarts_file)"; do
    printf 'vendor-web: %-48s %8d bytes, %7d gzip -9\n' "$f" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
  done
}

case "${1:-}" in
  --check) check ;;
  "") vendor ;;
  *) die "usage: scripts/vendor-web.sh [--check]" ;;
esac
