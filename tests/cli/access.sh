#!/usr/bin/env bash
# The access log: each role's look at a restricted incident (show) is on
# record before it is shown, read in full or refused as its role and scope
# say; an unrestricted one leaves nothing; exports are there too. Only the
# roles of security.access_log_readers read it (admin and student_affairs
# by default; the policy may name others); --user, --incident, --from,
# --to narrow it; it is on the chain: verify passes, and an entry changed
# behind yujing's back is found.
# usage: access.sh YUJING SOURCE_DIR
. "$(dirname "$0")/lib.sh"
begin "$1" "$2" jq sqlite3

db=$tmp/yj.db
export YUJING_DB=$db YUJING_RULES=$rules
YUJING_PASSWORD=admin-pass-1 "$yj" init --demo >logins
pw() {
	[[ $1 == admin ]] && { echo admin-pass-1; return; }
	awk -v u="$1" '$1 == u { print $3 }' logins
}
as() {
	local u=$1
	shift
	YUJING_USER=$u YUJING_PASSWORD=$(pw "$u") "$yj" "$@"
}
q() { sqlite3 "$db" "$1"; }
log_of() { q "SELECT count(*) FROM event WHERE subject GLOB 'access/*'"; }

# A restricted case (mental health) and one that is not.
r=$(as admin list --format json | jq -r '[.[] | select(.redacted and .category == "mental_health")][0].id')
p=$(as admin list --format json | jq -r '[.[] | select(.redacted | not)][0].id')
ok "setup: a restricted incident and an open one" '[[ $r =~ ^[0-9]+$ && $p =~ ^[0-9]+$ ]]'

# Each role shows it: what it saw, and what the log says of it. The
# scoped roles (counselor, department leader) read it only when it is of
# their own students (the demo is random): the log says what they saw.
declare -A want=(
	[duty1]=refused [counselor1]=scoped [dept1]=scoped
	[xsc1]=viewed [leader1]=viewed [xinli1]=viewed [admin]=refused
)
for u in duty1 counselor1 dept1 xsc1 leader1 xinli1 admin; do
	n=$(log_of)
	run as "$u" show "$r" --format json
	saw=$([[ $(j .redacted) == false ]] && echo viewed || echo refused)
	[[ ${want[$u]} == scoped ]] && want[$u]=$saw
	ok "$u: show $r, ${want[$u]}" '[[ $rc == 0 && $saw == ${want[$u]} ]]'
	ok "$u: one entry, ${want[$u]}, by command" '[[ $(log_of) == $((n + 1)) && $(q "SELECT actor || '"' '"' || kind || '"' '"' || json_extract(payload, '"'\$.how'"') || '"' '"' || subject FROM event ORDER BY id DESC LIMIT 1") == "$u ${want[$u]} command access/$r" ]]'
done
n=$(log_of)
run as duty1 show "$p"
ok "an unrestricted incident: nothing on record" '[[ $rc == 0 && $(log_of) == $n ]]'

# Who may read the log.
for u in duty1 counselor1 dept1 leader1 xinli1; do
	run as "$u" access-log
	ok "$u: may not read the access log" '[[ $rc == 1 && ! -s $tmp/out ]] && err1 "may not read the access log"'
done
for u in admin xsc1; do
	run as "$u" access-log --format json
	ok "$u: reads it: the seven looks above" '[[ $rc == 0 && $(j "[.[] | select(.incident == $r)] | length") == 7 ]]'
done
run as xsc1 access-log --user xinli1 --format json
ok "--user: only that user'\''s" '[[ $rc == 0 && $(j length) -ge 1 && $(j "[.[] | select(.user != \"xinli1\")] | length") == 0 ]]'
run as admin access-log --incident "$r" --format csv
ok "--incident: its own, as CSV with a header" '[[ $rc == 0 && $(head -1 "$tmp/out" | tr -d "\r") == "at,user,kind,incident,range,how" && $(grep -c "" "$tmp/out") == 8 ]]'
run as admin access-log --from 2000-01-01 --to 2000-01-02 --format json
ok "--from/--to: a day with nothing" '[[ $rc == 0 && $(j length) == 0 ]]'
run as admin access-log --incident x
ok "--incident x: refused" '[[ $rc == 1 ]] && err1 "not an incident id"'
run as admin access-log --user nosuch
ok "--user that is nobody: said, not an empty log" '[[ $rc == 1 && ! -s $tmp/out ]] && err1 "no user nosuch"'
run as admin access-log --incident 99999
ok "--incident that is none: said" '[[ $rc == 1 && ! -s $tmp/out ]] && err1 "no incident 99999"'

# An export is in it too.
as xsc1 export --format csv >/dev/null
run as admin access-log --user xsc1 --format json
ok "an export: in the log, with its format" '[[ $(j "[.[] | select(.kind == \"exported\")] | length") == 1 && $(j "[.[] | select(.kind == \"exported\")][0].how") == csv ]]'

# The policy names the readers.
sed 's/^  # access_log_readers: .*/  access_log_readers: [school_leader]/' "$rules" >readers.yaml
run as leader1 --rules readers.yaml access-log
ok "access_log_readers: [school_leader]: the leader reads it" '[[ $rc == 0 ]]'
run as xsc1 --rules readers.yaml access-log
ok "and student_affairs no longer" '[[ $rc == 1 ]] && err1 "may not read the access log"'
printf 'capabilities:\n  read_access_log: [admin]\n' >>readers.yaml
run "$yj" check-rules readers.yaml
ok "both ways at once: refused, say one" '[[ $rc == 1 ]] && grep -q "give one" "$tmp/err"'

# On the chain.
run "$yj" verify
ok "verify: whole" '[[ $rc == 0 ]]'
cp "$db" "$tmp/edited.db"
sqlite3 "$tmp/edited.db" "DROP TRIGGER event_no_update; UPDATE event SET actor = 'admin' WHERE id = (SELECT max(id) FROM event WHERE kind = 'viewed'); CREATE TRIGGER event_no_update BEFORE UPDATE ON event BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
run "$yj" --db "$tmp/edited.db" verify
ok "an entry changed outside yujing: found" '[[ $rc == 3 ]] && grep -q "does not match its hash" "$tmp/out"'

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
