#!/bin/sh
# scripts/deps.sh: install what casewatch needs to build and test.
#
#  1. Debian packages (apt-get, only when one is missing and we are root).
#  2. The SQLite3 Multiple Ciphers amalgamation, taken from the npm package
#     pinned below and checked against the SHA-256 values in
#     scripts/sqlite3mc.sha256. It lands in third_party/sqlite3mc/ (git-ignored).
#
# Usage: scripts/deps.sh [--no-apt]
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
NPM_PKG=better-sqlite3-multiple-ciphers@13.0.3
DEST="$ROOT/third_party/sqlite3mc"

# One package a line, sorted, so changes that add one do not collide.
PACKAGES="
build-essential
clang
cmake
hyperfine
libclang-rt-14-dev
libcmocka-dev
libicu-dev
libjansson-dev
libmicrohttpd-dev
libsodium-dev
libxlsxwriter-dev
libxml2-dev
libzip-dev
pkg-config
python3
python3-jellyfish
python3-unidecode
sqlite3
time
wrk
zlib1g-dev
"

if [ "${1:-}" != "--no-apt" ]; then
	missing=""
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
			missing="$missing $p"
	done
	# npm ships with the machine's Node.js (nodesource's nodejs package holds
	# it); only a machine without any npm gets Debian's.
	command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
	if [ -n "$missing" ]; then
		if [ "$(id -u)" != 0 ]; then
			echo "deps: missing Debian packages:$missing (run as root to install)" >&2
			exit 1
		fi
		echo "deps: installing$missing" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		# shellcheck disable=SC2086
		apt-get install -y -qq --no-install-recommends $missing >&2
	fi
fi

check() {
	(cd "$DEST" && sha256sum -c --quiet "$ROOT/scripts/sqlite3mc.sha256") 2>/dev/null
}

if [ -f "$DEST/sqlite3.c" ] && check; then
	exit 0
fi

echo "deps: fetching $NPM_PKG from the npm registry" >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$NPM_PKG" >/dev/null)
tar -xzf "$tmp"/*.tgz -C "$tmp" package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
mkdir -p "$DEST"
cp "$tmp/package/deps/sqlite3/sqlite3.c" "$tmp/package/deps/sqlite3/sqlite3.h" "$DEST/"
if ! check; then
	echo "deps: SHA-256 mismatch for the SQLite3MC amalgamation; refusing to build" >&2
	rm -f "$DEST/sqlite3.c" "$DEST/sqlite3.h"
	exit 1
fi
echo "deps: sqlite3mc amalgamation verified" >&2
