# Shared by the command-line tests:
#   begin YUJING SRC TOOL...  the start of each script: yj, src, rules, a
#                    scratch $tmp (its HOME, removed at the end), the
#                    environment pinned, the TOOLs it needs checked
# and, once $tmp and $db (the database file) are set:
#   run CMD...       run it, keeping stdout, stderr and the exit code (rc)
#   ok NAME TEST     count TEST (a shell test) passed or failed
#   fp FILE          the file's fingerprint
#   run_same CMD...  run, and same=yes when $db is byte for byte as before
#   err1 TEXT        stderr is one line, "yujing: ...", that holds TEXT
#   refused TEXT     exit 1, nothing on stdout, err1 TEXT, $db as it was
#   j FILTER         jq on what the last command printed

run() {
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
ok() {
	if eval "$2"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		printf 'FAIL: %s\n  test: %s\n  rc=%s same=%s\n  stdout: %s\n  stderr: %s\n' \
		    "$1" "$2" "$rc" "${same-}" "$(head -c 600 "$tmp/out")" \
		    "$(head -c 600 "$tmp/err")"
	fi
}
fp() { sha256sum <"$1" | cut -d' ' -f1; }
run_same() {
	local before
	before=$(fp "$db")
	run "$@"
	if [[ $(fp "$db") == "$before" ]]; then same=yes; else same=no; fi
}
err1() {
	[[ $(wc -l <"$tmp/err") -eq 1 ]] && grep -q '^yujing: ' "$tmp/err" &&
	    grep -qF -- "$1" "$tmp/err"
}
refused() {
	[[ $rc == 1 && $same == yes && ! -s $tmp/out ]] && err1 "$1"
}
j() { jq -r "$1" "$tmp/out"; }

# no_followups FROM TO: the policy without its follow-ups (for tests of
# the exact history of escalation, which the follow-ups would add to).
no_followups() {
	awk '/^followups:/ { skip = 1; next } skip && /^# -----/ { skip = 0 }
	    !skip' "$1" >"$2"
}

begin() {
	local t
	set -u
	yj=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	src=$(cd "$2" && pwd)
	rules=$src/rules.yaml
	shift 2
	tmp=$(mktemp -d)
	trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
	pass=0 fail=0
	export TZ=Asia/Shanghai LANG=C.UTF-8
	unset LC_ALL YUJING_DB YUJING_RULES YUJING_USER YUJING_PASSWORD \
	    YUJING_NEW_PASSWORD XDG_DATA_HOME
	export HOME=$tmp/home
	# faketime without its wrapper's semaphores (tests/bin/faketime).
	PATH=$(cd "$(dirname "${BASH_SOURCE[0]}")/../bin" && pwd):$PATH
	# libfaketime (or a test's own shim) is preloaded ahead of the ASan
	# runtime; let an ASan build run.
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	umask 022
	cd "$tmp" || exit 1
	for t in "$@"; do
		if ! command -v "$t" >/dev/null; then
			printf 'FAIL: %s is needed\n0 passed, 1 failed\n' "$t"
			exit 1
		fi
	done
}
