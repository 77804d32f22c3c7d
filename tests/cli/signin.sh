#!/usr/bin/env bash
# Sign-in on a shared keyboard, across processes, under faketime: five
# wrong passwords make the next try wait 30 s, then 60, 120, 240, at most
# 300, whichever process tries (the count is the history's); a right
# password while waiting is not even tried; an admin clears the wait; a
# right password after the wait ends it, on record; a command's sign-in
# without failures writes nothing. Several wrong at once are each counted.
# Passwords: 8 characters or more, not the user name; one an admin gives
# with --temporary must be changed before anything else; a lost one is set
# anew by whoever can write the file (admin reset-password). The hash is
# Argon2id at the policy's cost, made anew when the policy raises it.
# --read-only and the read_only capability write nothing. verify passes.
# usage: signin.sh YUJING SOURCE_DIR PAUSE_SHIM
. "$(dirname "$0")/lib.sh"
begin "$1" "$2" faketime jq sqlite3
shim=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")

db=$tmp/yj.db
T='2026-12-02 02:00'
at() {
	local t=$1
	shift
	faketime "$t" "$yj" --db "$db" --rules "$rules" "$@"
}
as() {
	local t=$1 u=$2 p=$3
	shift 3
	YUJING_USER=$u YUJING_PASSWORD=$p at "$t" "$@"
}
admin() { as "$T:00" admin admin-pass-1 "$@"; }
q() { sqlite3 "$db" "$1"; }
events() { q "SELECT count(*) FROM event WHERE subject = 'duty1'"; }

YUJING_PASSWORD=admin-pass-1 at "$T:00" init >/dev/null
YUJING_NEW_PASSWORD=duty-pass-1 admin user add duty1 --role duty_officer \
    >/dev/null
YUJING_NEW_PASSWORD=lead-pass-1 admin user add lead --role school_leader \
    >/dev/null

# The hash: Argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane).
ok "hash: argon2id m=19456 t=2 p=1" '[[ $(q "SELECT pwhash FROM user WHERE login = '"'duty1'"'") == \$argon2id\$v=19\$m=19456,t=2,p=1\$* ]]'

# A right password by a command, no failures before: nothing written.
n=$(events)
run as "$T:01" duty1 duty-pass-1 list
ok "right password, no failures: nothing written" '[[ $rc == 0 && $(events) == $n ]]'

# Wrong four times from one process kind, once more from another: free.
for s in 02 03 04 05; do
	run as "$T:$s" duty1 wrong-pass list
done
ok "a wrong password: refused, said plainly" '[[ $rc == 1 ]] && err1 "wrong user name or password"'
run as "$T:06" duty1 wrong-pass show 1
ok "the fifth: refused, the next try waits 30 s" '[[ $rc == 1 ]] && err1 "the next try waits 30 s"'
run as "$T:16" duty1 duty-pass-1 list
ok "right password while waiting: not tried, 20 s left" '[[ $rc == 1 ]] && err1 "5 wrong passwords in a row for duty1: the next try is possible in 20 s"'
ok "five failures on record, one event each" '[[ $(q "SELECT count(*) FROM event WHERE subject = '"'duty1'"' AND kind = '"'signin_failed'"'") == 5 ]]'

# Each wrong one after a wait doubles it, up to 5 minutes.
t=$(date -d "$T:06" +%s)
cur=30
for w in 60 120 240 300 300; do
	t=$((t + cur + 1))
	run as "@$t" duty1 wrong-pass list
	ok "after the $cur s wait: wrong again, the next waits $w s" '[[ $rc == 1 ]] && err1 "the next try waits $w s"'
	run as "@$((t + w - 1))" duty1 duty-pass-1 list
	ok "one second before the $w s end: still waiting" '[[ $rc == 1 ]] && err1 "the next try is possible in 1 s"'
	cur=$w
done
ok "the waits on record: 0 0 0 0 30 60 120 240 300 300" '[[ $(q "SELECT group_concat(json_extract(payload, '"'\$.wait'"'), '"' '"') FROM (SELECT payload FROM event WHERE kind = '"'signin_failed'"' ORDER BY id)") == "0 0 0 0 30 60 120 240 300 300" ]]'
ok "who was tried, not who tried: no user id" '[[ $(q "SELECT count(*) FROM event WHERE kind = '"'signin_failed'"' AND (user_id IS NOT NULL OR actor <> '"'duty1'"')") == 0 ]]'

# The admin clears it: the right password goes in at once.
run as "@$((t + 1))" duty1 duty-pass-1 list
ok "still waiting before the admin" '[[ $rc == 1 ]] && err1 "next try is possible in"'
run as "@$((t + 1))" duty1 duty-pass-1 user unlock duty1
ok "unlock is the admin'\''s: refused to others" '[[ $rc == 1 ]] && err1 "next try is possible in"'
run as "@$((t + 1))" lead lead-pass-1 user unlock duty1
ok "unlock: not a school leader'\''s" '[[ $rc == 1 ]] && err1 "may not clear"'
run as "@$((t + 1))" admin admin-pass-1 user unlock duty1
ok "unlock: 9 wrong passwords cleared" '[[ $rc == 0 ]] && grep -q "^duty1: 9 wrong passwords cleared" "$tmp/out"'
run as "@$((t + 1))" admin admin-pass-1 user unlock duty1
ok "unlock again: nothing to clear, nothing written" '[[ $rc == 0 ]] && grep -q "no wrong passwords to clear" "$tmp/out" && [[ $(q "SELECT count(*) FROM event WHERE kind = '"'signin_unlocked'"'") == 1 ]]'
run as "@$((t + 2))" duty1 duty-pass-1 list
ok "after the unlock: in at once" '[[ $rc == 0 ]]'

# Five wrong again; the wait passes; the right one ends it, on record.
for s in 10 11 12 13 14; do
	as "$T:$s" duty1 wrong-pass list >/dev/null 2>&1
done
n=$(events)
run as "$T:45" duty1 duty-pass-1 list
ok "after the wait: in, and the failures it ends on record" '[[ $rc == 0 && $(events) == $((n + 1)) && $(q "SELECT kind || json_extract(payload, '"'\$.after_failures'"') || json_extract(payload, '"'\$.how'"') FROM event ORDER BY id DESC LIMIT 1") == signed_in5command ]]'
run as "$T:46" duty1 wrong-pass list
ok "and the count starts anew: one wrong is free" '[[ $rc == 1 ]] && err1 "wrong user name or password" && ! grep -q waits "$tmp/err"'

# Several processes wrong at once: each counted, each count its own.
for i in 1 2 3 4; do
	as "2026-12-02 03:00:00" lead wrong-pass list >/dev/null 2>&1 &
done
wait
ok "four at once: four failures, counted 1 to 4 (inside the transaction)" '[[ $(q "SELECT group_concat(f, '"' '"') FROM (SELECT json_extract(payload, '"'\$.failures'"') AS f FROM event WHERE subject = '"'lead'"' AND kind = '"'signin_failed'"' ORDER BY f)") == "1 2 3 4" ]]'
as "2026-12-02 03:00:01" lead wrong-pass list >/dev/null 2>&1

# Made deterministic: a wrong password held before its write while
# another runs whole counts the other's too (it decides inside).
YUJING_NEW_PASSWORD=held-pass-1 admin user add held --role duty_officer \
    >/dev/null
pd=$tmp/pause
mkdir "$pd"
YJ_PAUSE_DIR=$pd YJ_PAUSE_BEGIN=1 LD_PRELOAD=$shim \
    as "$T:00" held wrong-pass list >/dev/null 2>&1 &
apid=$!
for ((i = 0; i < 3000; i++)); do [[ -e $pd/paused ]] && break; sleep 0.01; done
ok "held: the first wrong one waits before its write" '[[ -e $pd/paused ]]'
as "$T:00" held wrong-pass list >/dev/null 2>&1
touch "$pd/go"
wait "$apid"
ok "held: it counted the one that ran meanwhile (1 then 2)" '[[ $(q "SELECT group_concat(f, '"' '"') FROM (SELECT json_extract(payload, '"'\$.failures'"') AS f FROM event WHERE subject = '"'held'"' AND kind = '"'signin_failed'"' ORDER BY id)") == "1 2" ]]'
# Held between its read of the count and its record: a wrong password
# (the 5th) checked while the lock is held, a right one tried meanwhile
# waits for it, and then finds the wait begun: not tried, refused.
for i in 1 2; do as "$T:01" held wrong-pass list >/dev/null 2>&1; done
rm -rf "$pd" "$tmp/pause2"
mkdir "$pd" "$tmp/pause2"
YJ_PAUSE_DIR=$pd YJ_PAUSE_HELD=1 LD_PRELOAD=$shim \
    as "$T:02" held wrong-pass list >/dev/null 2>&1 &
apid=$!
for ((i = 0; i < 3000; i++)); do [[ -e $pd/paused ]] && break; sleep 0.01; done
ok "held: the 5th wrong one holds the lock, its password not yet checked" '[[ -e $pd/paused && $(q "SELECT count(*) FROM event WHERE subject = '"'held'"' AND kind = '"'signin_failed'"'") == 4 ]]'
YJ_PAUSE_DIR=$tmp/pause2 LD_PRELOAD=$shim \
    as "$T:02" held held-pass-1 list >"$tmp/out" 2>"$tmp/err" &
bpid=$!
for ((i = 0; i < 3000; i++)); do [[ -e $tmp/pause2/begins ]] && break; sleep 0.01; done
touch "$pd/go"
wait "$apid"
wait "$bpid"
rc=$?
ok "held: the right password tried meanwhile came after it, and waits" '[[ $rc == 1 ]] && err1 "5 wrong passwords in a row for held"'
run as "2026-12-02 03:00:10" lead lead-pass-1 list
ok "and the fifth makes the next wait" '[[ $rc == 1 ]] && err1 "5 wrong passwords in a row for lead"'

# Passwords: long enough, not the name; an unknown user is a wrong one.
YUJING_NEW_PASSWORD=short12 run admin user passwd duty1
ok "7 characters: refused" '[[ $rc == 1 ]] && err1 "at least 8 characters"'
YUJING_NEW_PASSWORD=longname1 run admin user add longname1 --role duty_officer
ok "the user name as password: refused" '[[ $rc == 1 ]] && err1 "must not be the user name"'
YUJING_NEW_PASSWORD=LONGNAME1 run admin user add longname1 --role duty_officer
ok "the user name in capitals: refused" '[[ $rc == 1 ]] && err1 "must not be the user name"'
YUJING_NEW_PASSWORD=值班室的密码好长 run admin user add zh1 --role duty_officer
ok "8 Chinese characters: a password" '[[ $rc == 0 ]]'
run as "$T:50" nobody some-pass-1 list
ok "no such user: the same words as a wrong password" '[[ $rc == 1 ]] && err1 "wrong user name or password"'

# A password an admin gives with --temporary: the user's own first.
YUJING_NEW_PASSWORD=temp-pass-1 run admin user passwd zh1 --temporary
ok "admin: a temporary password" '[[ $rc == 0 && $(q "SELECT must_change FROM user WHERE login = '"'zh1'"'") == 1 ]]'
run as "$T:51" zh1 temp-pass-1 list
ok "with it: nothing else until it is changed" '[[ $rc == 1 ]] && err1 "choose your own first"'
YUJING_NEW_PASSWORD=temp-pass-1 run as "$T:52" zh1 temp-pass-1 user passwd zh1
ok "the same again: refused" '[[ $rc == 1 ]] && err1 "other than the one you were given"'
YUJING_NEW_PASSWORD=own-pass-11 run as "$T:53" zh1 temp-pass-1 user passwd zh1
ok "its own: set" '[[ $rc == 0 && $(q "SELECT must_change FROM user WHERE login = '"'zh1'"'") == 0 ]]'
run as "$T:54" zh1 own-pass-11 list
ok "and then everything" '[[ $rc == 0 ]]'
YUJING_NEW_PASSWORD=own-pass-12 run as "$T:54" zh1 own-pass-11 user passwd zh1 --temporary
ok "--temporary is for others" '[[ $rc == 1 ]] && err1 "for another user"'

# A lost admin password: set anew by whoever can write the file.
for s in 20 21 22 23 24; do
	as "$T:$s" admin wrong-pass list >/dev/null 2>&1
done
YUJING_NEW_PASSWORD=admin-pass-2 run at "$T:25" admin reset-password admin
ok "reset-password: no sign-in, set" '[[ $rc == 0 ]] && grep -q "^admin: password set anew" "$tmp/out"'
ok "on record: by system, by the file" '[[ $(q "SELECT actor || json_extract(payload, '"'\$.why'"') FROM event WHERE kind = '"'user_password'"' ORDER BY id DESC LIMIT 1") == systemfile ]]'
run as "$T:26" admin admin-pass-2 user list
ok "the new one works at once: the wait ended with it" '[[ $rc == 0 ]]'
YUJING_NEW_PASSWORD=admin-pass-3 run at "$T:25" admin reset-password nobody
ok "reset-password: an unknown user" '[[ $rc == 1 ]] && err1 "no user nobody"'
cp "$db" "$tmp/ro.db"
chmod a-w "$tmp/ro.db"
if [[ $(id -u) != 0 ]]; then
	YUJING_NEW_PASSWORD=admin-pass-3 run faketime "$T:25" "$yj" --db "$tmp/ro.db" --rules "$rules" admin reset-password admin
	ok "reset-password: not without write access" '[[ $rc == 1 ]] && err1 "only someone who may write"'
fi

# Read-only: for anyone by flag, for a role by capability.
export YUJING_USER=duty1 YUJING_PASSWORD=duty-pass-1
at "$T:29" list >/dev/null	# the one wrong at :46 done with
run_same at "$T:30" --read-only log --category fighting --field injured=no --location 操场 --text 打架
ok "--read-only: log refused, nothing written" '[[ $rc == 1 && $same == yes ]] && err1 "read-only"'
run at "$T:30" --read-only list --format json
ok "--read-only: lists still work" '[[ $rc == 0 ]]'
YUJING_NEW_PASSWORD=admin-pass-4 run_same at "$T:31" --read-only admin reset-password admin
ok "--read-only: reset-password refused, nothing written" '[[ $rc == 1 && $same == yes ]] && err1 "read-only"'
run at "$T:31" --read-only export --format csv
ok "--read-only: an export works, and is on record" '[[ $rc == 0 && $(q "SELECT count(*) FROM event WHERE subject = '"'export'"' AND actor = '"'duty1'"' AND json_extract(payload, '"'\$.format'"') = '"'csv'"'") == 1 ]]'
sed 's/^# capabilities:$/capabilities:\n  read_only: [school_leader]/' "$rules" >ro.yaml
ok "the policy with read_only for the school leader loads" '"$yj" check-rules ro.yaml >/dev/null'
YUJING_USER=lead YUJING_PASSWORD=lead-pass-1 faketime "2026-12-02 04:00" "$yj" --db "$db" --rules ro.yaml list >/dev/null
YUJING_USER=lead YUJING_PASSWORD=lead-pass-1 run_same faketime "2026-12-02 04:00" "$yj" --db "$db" --rules ro.yaml log --category fighting --field injured=no --location 操场 --text 打架
ok "read_only role: log refused" '[[ $rc == 1 && $same == yes ]] && err1 "read-only"'
# Given a temporary password, it still chooses its own (the account's,
# not the record's).
YUJING_NEW_PASSWORD=lead-temp-1 as "$T:32" admin admin-pass-2 user passwd lead --temporary >/dev/null
YUJING_NEW_PASSWORD=lead-pass-2 YUJING_USER=lead YUJING_PASSWORD=lead-temp-1 run faketime "2026-12-02 04:01" "$yj" --db "$db" --rules ro.yaml user passwd lead
ok "read_only role, temporary password: its own chosen" '[[ $rc == 0 && $(q "SELECT must_change FROM user WHERE login = '"'lead'"'") == 0 ]]'
YUJING_USER=lead YUJING_PASSWORD=lead-pass-2 run_same faketime "2026-12-02 04:02" "$yj" --db "$db" --rules ro.yaml log --category fighting --field injured=no --location 操场 --text 打架
ok "and then read-only again" '[[ $rc == 1 && $same == yes ]] && err1 "read-only"'
# The must-change gate holds for every command, admin's own too.
YUJING_NEW_PASSWORD=adm2-temp-1 as "$T:33" admin admin-pass-2 user add adm2 --role admin --temporary >/dev/null
YUJING_USER=adm2 YUJING_PASSWORD=adm2-temp-1 run_same at "$T:34" admin rebuild-summaries
ok "a temporary password: admin rebuild-summaries refused too" '[[ $rc == 1 && $same == yes ]] && err1 "choose your own first"'

# The policy raises the cost: the next sign-in makes the hash anew.
sed 's/^  idle_lock: 10m$/  idle_lock: 10m\n  kdf: {memory: 32MiB, passes: 3}/' "$rules" >kdf.yaml
run_same faketime "$T:39" "$yj" --db "$db" --rules kdf.yaml --read-only list
ok "kdf raised, --read-only: signed in, the hash left as it is" '[[ $rc == 0 && $same == yes ]]'
run faketime "$T:40" "$yj" --db "$db" --rules kdf.yaml list
ok "kdf raised: signed in" '[[ $rc == 0 ]]'
ok "and the hash made anew at m=32768 t=3" '[[ $(q "SELECT pwhash FROM user WHERE login = '"'duty1'"'") == \$argon2id\$v=19\$m=32768,t=3,p=1\$* ]] && [[ $(q "SELECT json_extract(payload, '"'\$.why'"') FROM event WHERE kind = '"'user_password'"' ORDER BY id DESC LIMIT 1") == rehash ]]'
n=$(q "SELECT count(*) FROM event")
run faketime "$T:41" "$yj" --db "$db" --rules kdf.yaml list
ok "once only" '[[ $rc == 0 && $(q "SELECT count(*) FROM event") == $n ]]'
run faketime "$T:42" "$yj" --db "$db" --rules "$rules" list
ok "the policy's cost lowered again: the dearer hash kept, nothing written" '[[ $rc == 0 && $(q "SELECT count(*) FROM event") == $n && $(q "SELECT pwhash FROM user WHERE login = '"'duty1'"'") == \$argon2id\$v=19\$m=32768,t=3,p=1\$* ]]'
sed 's/^  idle_lock: 10m$/  idle_lock: 10m\n  kdf: {memory: 8MiB, passes: 2}/' "$rules" >weak.yaml
run "$yj" check-rules weak.yaml
ok "a cost below OWASP's minimum: refused" '[[ $rc == 1 ]] && grep -q "weaker than OWASP" "$tmp/err"'
sed 's/^  idle_lock: 10m$/  idle_lock: 10m\n  kdf: {memory: 7MiB, passes: 5}/' "$rules" >eq.yaml
ok "7MiB with 5 passes: OWASP'\''s equal, taken" '"$yj" check-rules eq.yaml >/dev/null'
sed 's/^  idle_lock: 10m$/  idle_lock: 10m\n  kdf: {memory: 19MB}/' "$rules" >unit.yaml
run "$yj" check-rules unit.yaml
ok "19MB: a unit it does not take, said" '[[ $rc == 1 ]] && grep -q "KiB, MiB or GiB" "$tmp/err"'

run "$yj" --db "$db" verify
ok "verify: the record and its history agree" '[[ $rc == 0 ]]'

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
