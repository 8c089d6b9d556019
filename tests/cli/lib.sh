# tests/cli/lib.sh: shared helpers for end-to-end tests (sourced).
# Each test runs the real binary ($CASEWATCH) in a fresh temporary folder.
set -eu
: "${CASEWATCH:?set CASEWATCH to the casewatch binary}"
: "${CW_SOURCE_DIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
CW=$CASEWATCH
DATA=$CW_SOURCE_DIR/tests/data
T=$(mktemp -d "${TMPDIR:-/tmp}/cwtest.XXXXXX")
trap "${CW_KEEP:+:} rm -rf $T" EXIT
cd "$T"
unset CASEWATCH_KEY CASEWATCH_DB
export CASEWATCH_USER=tester
NTESTS=0
NFAIL=0
# make check runs the suite a second time under ASan+UBSan (it sets
# abort_on_error): slow tests sample less there.
case "${ASAN_OPTIONS:-}" in
*abort_on_error*) SANITIZED=1 ;;
*) SANITIZED=0 ;;
esac

# use_faultshim: SHIM is the I/O fault shim (tests/fault/faultshim.c),
# ready to LD_PRELOAD (into the ASan build too); fails when not built.
use_faultshim() {
	SHIM=${CW_FAULTSHIM:-${CW_BUILD_DIR:-}/libfaultshim.so}
	case "${ASAN_OPTIONS:-}" in
	*abort_on_error*) ASAN_OPTIONS="$ASAN_OPTIONS:verify_asan_link_order=0" ;;
	esac
	export ASAN_OPTIONS=${ASAN_OPTIONS:-verify_asan_link_order=0}
	[ -f "$SHIM" ]
}
ok() { NTESTS=$((NTESTS + 1)); echo "ok $NTESTS - $*"; }
not_ok() { NTESTS=$((NTESTS + 1)); NFAIL=$((NFAIL + 1)); echo "not ok $NTESTS - $*"; }
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
	d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
# expect_fail DESCRIPTION EXPECTED_EXIT PATTERN COMMAND...: the command
# exits with EXPECTED_EXIT and its stderr matches PATTERN (grep -E).
expect_fail() {
	d=$1 want=$2 pat=$3
	shift 3
	set +e
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	set -e
	if [ "$got" = "$want" ] && grep -Eq -- "$pat" "$T/err"; then
		ok "$d"
	else
		not_ok "$d (exit $got, stderr: $(head -c 300 "$T/err"))"
	fi
}
done_testing() {
	echo "$((NTESTS - NFAIL)) passed, $NFAIL failed"
	[ "$NFAIL" = 0 ]
}
