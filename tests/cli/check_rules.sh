#!/usr/bin/env bash
# The real binary on good and bad policies: exit codes, where the messages
# go and what they say, and the JSON that tools read.
# usage: check_rules.sh YUJING SOURCE_DIR
set -u
yj=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# run CMD...: runs it, keeping stdout, stderr and the exit code.
run() {
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
ok() {
	if eval "$2"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		printf 'FAIL: %s\n  test: %s\n  rc=%s\n  stdout: %s\n  stderr: %s\n' \
		    "$1" "$2" "$rc" "$(head -c 600 "$tmp/out")" \
		    "$(head -c 600 "$tmp/err")"
	fi
}

cd "$src"
unset YUJING_RULES

run "$yj" --version
ok "version" '[[ $rc == 0 && $(cat "$tmp/out") =~ ^yujing\ [0-9]+\.[0-9]+\.[0-9]+$ ]]'
run "$yj" --help
ok "help" '[[ $rc == 0 ]] && grep -q "check-rules" "$tmp/out" && grep -q -- "--rules FILE" "$tmp/out"'
run "$yj" check-rules --help
ok "command help" '[[ $rc == 0 ]] && grep -q "^usage: yujing check-rules" "$tmp/out" && grep -q "Exit status" "$tmp/out"'
run "$yj" frobnicate
ok "unknown command" '[[ $rc == 2 ]] && grep -q "^yujing: unknown command .frobnicate." "$tmp/err"'
run "$yj" --colour
ok "unknown option" '[[ $rc == 2 ]] && grep -q "^yujing: unknown option" "$tmp/err"'
run "$yj"
ok "no command, no terminal" '[[ $rc == 2 ]] && grep -q "^yujing: the duty-room screen needs a terminal" "$tmp/err"'

run "$yj" check-rules rules.yaml
ok "shipped rules pass" '[[ $rc == 0 && ! -s $tmp/err ]] && grep -q "^rules.yaml: OK: 5 levels, 4 offices, 4 paths, 4 severities, 16 categories" "$tmp/out"'
run "$yj" --rules rules.yaml check-rules
ok "--rules" '[[ $rc == 0 ]] && grep -q "^rules.yaml: OK" "$tmp/out"'
run env YUJING_RULES=rules.yaml "$yj" check-rules
ok "\$YUJING_RULES" '[[ $rc == 0 ]] && grep -q "^rules.yaml: OK" "$tmp/out"'
run env YUJING_RULES="$tmp/none.yaml" "$yj" check-rules
ok "missing file" '[[ $rc == 1 && ! -s $tmp/out ]] && grep -q "^$tmp/none.yaml: cannot open: No such file" "$tmp/err"'

run "$yj" check-rules --format json rules.yaml
ok "json parses" '[[ $rc == 0 ]] && jq -e . "$tmp/out" >/dev/null'
ok "json levels" '[[ $(jq -c "[.levels[].id]" "$tmp/out") == "[\"dormitory\",\"counselor\",\"department\",\"student_affairs\",\"school_leader\"]" ]]'
ok "json the dormitory level names a building" '[[ $(jq -r ".levels[0].scope" "$tmp/out") == building ]]'
ok "json 16 categories" '[[ $(jq ".categories | length" "$tmp/out") == 16 ]]'
ok "json seconds" '[[ $(jq ".categories[] | select(.id==\"night_absence\") | .ladder[0].ack_within | type" "$tmp/out") == "\"number\"" ]]'
ok "json skip-level" '[[ $(jq -r ".categories[] | select(.id==\"night_absence\") | .start_rung.major" "$tmp/out") == student_affairs ]]'
ok "json restricted" '[[ $(jq -r ".categories[] | select(.id==\"mental_health\") | .restricted" "$tmp/out") == true ]]'
ok "json idle lock" '[[ $(jq ".security.idle_lock" "$tmp/out") == 600 ]]'
run "$yj" check-rules --format xml rules.yaml
ok "bad format" '[[ $rc == 2 ]] && grep -q "unknown format .xml." "$tmp/err"'
run "$yj" check-rules rules.yaml rules.yaml
ok "two files" '[[ $rc == 2 ]]'

# A file with three mistakes: all three, in order, with places.
sed -e 's/^\(  *\)ack_within: 2h$/\1ack_whithin: 2h/' \
    -e 's/^\(    \)scope: department$/\1scope: departement/' rules.yaml >"$tmp/bad.yaml"
printf 'bogus_section: 1\n' >>"$tmp/bad.yaml"
run "$yj" check-rules "$tmp/bad.yaml"
ok "bad file exit 1" '[[ $rc == 1 && ! -s $tmp/out ]]'
ok "every line placed" '! grep -v -E "^$tmp/bad.yaml:([0-9]+:[0-9]+:|) " "$tmp/err" | grep -q .'
ok "did you mean key" 'grep -q -E ":[0-9]+:[0-9]+: unknown key .ack_whithin. \(did you mean .ack_within.\?\)$" "$tmp/err"'
ok "did you mean enum" 'grep -q -E "unknown scope .departement. \(did you mean .department.\?\)$" "$tmp/err"'
ok "unknown section" 'grep -q -E ":$(wc -l <"$tmp/bad.yaml"):1: unknown key .bogus_section." "$tmp/err"'
ok "count line" 'grep -q "problems$" "$tmp/err"'
# The dormitory level's scope, mistyped: the loader knows the word.
sed 's/^\(    \)scope: building$/\1scope: buildng/' rules.yaml >"$tmp/bldg.yaml"
run "$yj" check-rules "$tmp/bldg.yaml"
ok "did you mean building" '[[ $rc == 1 ]] && grep -q -E "unknown scope .buildng. \(did you mean .building.\?\)$" "$tmp/err"'

# Bad bytes and hostile shapes: one clear line, exit 1.
printf 'version: 1\ninstitution:\n  name: \xd2\xb9\xb2\xbb\n' >"$tmp/gbk.yaml"
run "$yj" check-rules "$tmp/gbk.yaml"
ok "gbk" '[[ $rc == 1 ]] && grep -q "gbk.yaml:3:10: invalid UTF-8" "$tmp/err"'
: >"$tmp/empty.yaml"
run "$yj" check-rules "$tmp/empty.yaml"
ok "empty" '[[ $rc == 1 ]] && grep -q "empty.yaml:1:1: empty policy" "$tmp/err"'
truncate -s 50M "$tmp/big.yaml"
run "$yj" check-rules "$tmp/big.yaml"
ok "50 MB" '[[ $rc == 1 ]] && grep -q "big.yaml: file is too large" "$tmp/err"'
run "$yj" check-rules "$tmp"
ok "directory" '[[ $rc == 1 ]] && grep -q "not a regular file" "$tmp/err"'

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
