#!/bin/sh
# scripts/make-upgrade-fixtures.sh: rebuild tests/data/upgrade/ from git
# history. For each commit below (the first and the last build of every
# earlier schema version), build casewatch as it was, make a database
# with that commit's demo data, and keep the database and the export that
# build printed (NAME.db, NAME.jsonl). The last one is also kept
# encrypted (NAME-enc.db, passphrase in upgrade.key). t_upgrade opens
# them with today's binary. Run it by hand when a schema version ships:
# add the last commit of the version that just became old.
#   sh scripts/make-upgrade-fixtures.sh [BUILD_DIR]
# BUILD_DIR (default build) holds the release build whose SQLite3MC
# object the old builds link, so the amalgamation is compiled once.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
OUT=$ROOT/tests/data/upgrade
OBJ=$BUILD/CMakeFiles/sqlite3mc.dir/third_party/sqlite3mc/sqlite3.c.o
[ -f "$OBJ" ] || { echo "make-upgrade-fixtures: build first ($OBJ missing)" >&2; exit 1; }

# schema version, commit: the first and last build of each old version
# (46dcf3f is the only build of schema 2 with commands that make a
# database: the commits before it had no import or init)
COMMITS="
2 46dcf3f
3 b4188e7
3 673b882
"
W=$(mktemp -d "${TMPDIR:-/tmp}/cwold.XXXXXX")
trap 'rm -rf "$W"' EXIT
mkdir -p "$OUT"
echo "upgrade fixture passphrase" >"$OUT/upgrade.key"
export CASEWATCH_USER=fixture CASEWATCH_NOW=2026-01-01T00:00:00Z
last=
echo "$COMMITS" | while read -r schema commit; do
	[ -n "$commit" ] || continue
	src=$W/$commit
	mkdir -p "$src"
	git -C "$ROOT" archive "$commit" | tar -x -C "$src"
	cp -r "$ROOT/third_party" "$src/"
	cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=Release -DCW_WERROR=OFF \
		-DCW_SQLITE_OBJ="$OBJ" >/dev/null
	cmake --build "$src/build" --target casewatch -j 2 >/dev/null
	cw=$src/build/casewatch
	name=schema$schema-$commit
	rm -f "$OUT/$name".*
	(cd "$W" && "$cw" --db "$name.db" init >/dev/null &&
		"$cw" --db "$name.db" import "$src/demo/data.jsonl" >/dev/null &&
		"$cw" --db "$name.db" export >"$OUT/$name.jsonl")
	# one self-contained file (no -wal), as a user would copy it
	sqlite3 "$W/$name.db" "PRAGMA journal_mode=DELETE" >/dev/null
	got=$(sqlite3 "$W/$name.db" "PRAGMA user_version")
	[ "$got" = "$schema" ] || { echo "$commit made schema $got, not $schema" >&2; exit 1; }
	cp "$W/$name.db" "$OUT/"
	echo "$name: $(wc -l <"$OUT/$name.jsonl") records, $(wc -c <"$OUT/$name.db") bytes"
	last=$name
	echo "$name $cw" >"$W/last"
done
read -r name cw <"$W/last"
(cd "$W" && "$cw" --db "$name-enc.db" --key-file "$OUT/upgrade.key" init >/dev/null &&
	"$cw" --db "$name-enc.db" --key-file "$OUT/upgrade.key" import "$W/${name#schema*-}/demo/data.jsonl" >/dev/null &&
	"$cw" --db "$name-enc.db" --key-file "$OUT/upgrade.key" backup "$OUT/$name-enc.db" >/dev/null)
echo "$name-enc: $(wc -c <"$OUT/$name-enc.db") bytes (encrypted)"
