#!/usr/bin/env bash
# Two commands on one incident at once, made deterministic: the first is
# held by race/pause.c (an LD_PRELOAD shim) just before its write
# transaction, after everything it does before it, while the second runs
# whole; then the first goes on. Whatever the first decides, it must decide
# on the incident as it is then, not as it was when it started: the row
# stays what its history says (verify), and no action lands on a state it
# did not see. Then a bounded random stress: four processes acting on the
# same incidents while tick runs, checked the same way.
# usage: races.sh YUJING SOURCE_DIR PAUSE_SHIM
# Needs faketime and jq.
. "$(dirname "$0")/lib.sh"
begin "$1" "$2" faketime jq
shim=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")

export YUJING_USER=admin YUJING_PASSWORD=admin-pass-1
at() {
	local t=$1
	shift
	faketime "$t" "$yj" --db "$db" --rules "$rules" "$@"
}
D='2026-03-10'

cat >roster.csv <<'CSV'
number,name,gender,department,class,building,room,phone
2024001,张三,男,计算机学院,计算机2401,3,402,13800000001
2024002,李四,女,计算机学院,计算机2401,3,403,13800000002
CSV
cat >contacts.csv <<'CSV'
level,unit,name,phone,title
counselor,计算机2401,赵老师,13700000001,辅导员
department,计算机学院,孙院长,13700000003,副院长
student_affairs,,学生处值班室,13700000004,
school_leader,,吴校长,13700000006,副校长
CSV
db=$tmp/base.db
run at "$D 20:00:00" init
ok "setup: init" '[[ $rc == 0 ]]'
run at "$D 20:00:00" import roster roster.csv
ok "setup: roster" '[[ $rc == 0 ]]'
run at "$D 20:00:00" import contacts contacts.csv
ok "setup: contacts" '[[ $rc == 0 ]]'

# fresh NAME: a copy of the template with one night absence logged at
# 23:10 (the counselor has until 23:40), its id in $n.
fresh() {
	db=$tmp/$1.db
	cp "$tmp/base.db" "$db"
	n=$(at "$D 23:10:00" log --category night_absence --student 2024001 \
	    --field last_seen=22:30 --text 查寝未归)
}

# The action's write transaction is the command's first BEGIN (opening
# an up-to-date file writes nothing); tests below check that this is so.
hold=1
# race TIME_A A... -- TIME_B B...: A at TIME_A is held before its write,
# B at TIME_B runs whole, A goes on. Sets arc/brc and a.out, a.err.
race() {
	local ta=$1 tb pd apid i
	shift
	local a=()
	while [[ $1 != -- ]]; do a+=("$1"); shift; done
	shift
	tb=$1
	shift
	pd=$(mktemp -d)
	YJ_PAUSE_DIR=$pd YJ_PAUSE_BEGIN=$hold LD_PRELOAD=$shim \
	    at "$ta" "${a[@]}" >"$tmp/a.out" 2>"$tmp/a.err" &
	apid=$!
	for ((i = 0; i < 3000; i++)); do [[ -e $pd/paused ]] && break; sleep 0.01; done
	held=no
	[[ -e $pd/paused ]] && held=yes
	run at "$tb" "$@"
	brc=$rc
	touch "$pd/go"
	wait "$apid"
	arc=$?
	began=$(wc -l <"$pd/begins")
	rm -rf "$pd"
}
# sj TIME: show $n as JSON into show.json; s FILTER reads it.
sj() { at "$1" show "$n" --format json >"$tmp/show.json"; }
s() { jq -r "$1" "$tmp/show.json"; }
kinds() { s '[.events[].kind] | join(",")'; }
verified() { run at "$D 23:59:00" verify; [[ $rc == 0 ]]; }

# ---------------------------------------------------------------------------
fresh ack-resolve
race "$D 23:20:00" ack "$n" --for 赵老师 -- "$D 23:21:00" resolve "$n" --text 已返校
ok "ack+resolve: the ack was held, before its first BEGIN" '[[ $held == yes && $began == 1 ]]'
ok "ack+resolve: the resolve went through" '[[ $brc == 0 ]]'
ok "ack+resolve: the ack, seeing it resolved, is refused" '[[ $arc == 1 ]] && grep -q "resolved" "$tmp/a.err"'
sj "$D 23:22:00"
ok "ack+resolve: still resolved, with its resolution" '[[ $(s .state) == resolved && $(s .resolution) == 已返校 ]]'
ok "ack+resolve: no acknowledgement after the resolution" '[[ $(kinds) != *resolved*acknowledged* ]]'
ok "ack+resolve: verify" verified

fresh resolve-ack
race "$D 23:20:00" resolve "$n" --text 已返校 -- "$D 23:21:00" ack "$n" --for 赵老师
ok "resolve+ack: held" '[[ $held == yes && $began == 1 ]]'
ok "resolve+ack: both went through" '[[ $arc == 0 && $brc == 0 ]]'
sj "$D 23:22:00"
ok "resolve+ack: resolved last, after the ack" '[[ $(s .state) == resolved && $(s .resolution) == 已返校 && $(kinds) == *acknowledged,resolved ]]'
ok "resolve+ack: verify" verified

fresh ack-tick
race "$D 23:39:00" ack "$n" --for 赵老师 -- "$D 23:41:00" tick
ok "ack+tick: held" '[[ $held == yes && $began == 1 ]]'
ok "ack+tick: the tick climbed" '[[ $brc == 0 ]] && grep -q "escalated department" "$tmp/out"'
ok "ack+tick: the ack went through" '[[ $arc == 0 ]]'
sj "$D 23:42:00"
ok "ack+tick: acknowledged at the department, where it is" '[[ $(s .state) == acknowledged && $(s .level) == department ]]'
ok "ack+tick: the acknowledgement was made at the department" '[[ $(s "[.events[] | select(.kind == \"acknowledged\")][0].level") == department ]]'
ok "ack+tick: verify" verified

fresh escalate-resolve
race "$D 23:20:00" escalate "$n" --text 家长联系不上 -- "$D 23:21:00" resolve "$n" --text 已返校
ok "escalate+resolve: held" '[[ $held == yes && $began == 1 ]]'
ok "escalate+resolve: the escalation, seeing it resolved, is refused" '[[ $brc == 0 && $arc == 1 ]] && grep -q "resolved" "$tmp/a.err"'
sj "$D 23:22:00"
ok "escalate+resolve: resolved, at the counselor still" '[[ $(s .state) == resolved && $(s .level) == counselor && $(kinds) != *escalated* ]]'
ok "escalate+resolve: verify" verified

fresh reopen-reopen
run at "$D 23:15:00" resolve "$n" --text 已返校
race "$D 23:20:00" reopen "$n" --text 又不见了 -- "$D 23:21:00" reopen "$n" --text 还没回
ok "reopen+reopen: held" '[[ $held == yes && $began == 1 ]]'
ok "reopen+reopen: the second one seen open is refused" '[[ $brc == 0 && $arc == 1 ]] && grep -q "only a resolved incident" "$tmp/a.err"'
sj "$D 23:22:00"
ok "reopen+reopen: reopened once" '[[ $(s .state) == open && $(s "[.events[] | select(.kind == \"reopened\")] | length") == 1 ]]'
ok "reopen+reopen: verify" verified

fresh note-resolve
race "$D 23:20:00" note "$n" --text 电话未接 -- "$D 23:21:00" resolve "$n" --text 已返校
ok "note+resolve: a note on a resolved incident keeps it resolved" '[[ $held == yes && $arc == 0 && $brc == 0 ]]'
sj "$D 23:22:00"
ok "note+resolve: resolved, with its resolution" '[[ $(s .state) == resolved && $(s .resolution) == 已返校 && $(kinds) == *resolved,note ]]'
ok "note+resolve: verify" verified

# ---------------------------------------------------------------------------
# A reader whose output nobody reads: list into a pipe left full for 20 s
# (far more than the pipe holds), json and csv. Meanwhile others write.
db=$tmp/reader.db
cp "$tmp/base.db" "$db"
long=$(printf '长%.0s' {1..700})
for ((i = 0; i < 120; i++)); do
	at "$D 21:00:00" log --category night_absence --student 2024002 \
	    --field last_seen=20:30 --text "$i $long" >/dev/null
done
ms() { date +%s%3N; }

# A writer holding the lock (another terminal saving, a backup): readers
# open the file and read without waiting for it.
rm -f "$tmp/hold"
mkfifo "$tmp/hold"
sqlite3 "$db" <"$tmp/hold" >/dev/null 2>&1 &
hpid=$!
exec 4>"$tmp/hold"
echo "BEGIN IMMEDIATE;" >&4
sleep 1
for cmd in "list --limit 5" "show 1" "verify"; do
	t0=$(ms)
	run at "$D 23:00:00" $cmd
	t1=$(ms)
	ok "a write lock held elsewhere: $cmd does not wait for it" '[[ $rc == 0 && $((t1 - t0)) -lt 2000 ]]'
done
echo "COMMIT;" >&4
exec 4>&-
wait $hpid

day=11
for format in csv json; do
	day=$((day + 2))
	rm -f "$tmp/fifo"
	mkfifo "$tmp/fifo"
	at "$D 23:00:00" list --format $format >"$tmp/fifo" &
	rpid=$!
	exec 3<"$tmp/fifo"	# opened, never read until the end
	sleep 1
	t0=$(ms)
	run at "$D 23:00:00" log --category night_absence --student 2024001 \
	    --field last_seen=22:30 --text 又一个
	t1=$(ms)
	ok "reader $format: log meanwhile, in under 2 s" '[[ $rc == 0 && $((t1 - t0)) -lt 2000 ]]'
	new=$(cat "$tmp/out")
	run at "$D 23:00:10" ack "$new" --for 赵老师
	t2=$(ms)
	ok "reader $format: ack meanwhile, in under 2 s" '[[ $rc == 0 && $((t2 - t1)) -lt 2000 ]]'
	run at "2026-03-$day 09:00:00" tick
	t3=$(ms)
	# A tick of a hundred climbs takes 1.4 s under ASan; a writer the
	# reader blocked would wait out the busy timeout (10 s).
	ok "reader $format: tick meanwhile, in under 5 s" '[[ $rc == 0 && -s $tmp/out && $((t3 - t2)) -lt 5000 ]]'
	ok "reader $format: the reader is still stuck on its pipe" 'kill -0 $rpid 2>/dev/null'
	sleep $((20 - (t3 - t0) / 1000 - 1))
	ok "reader $format: still stuck after 20 s" 'kill -0 $rpid 2>/dev/null'
	cat <&3 >"$tmp/listed"
	exec 3<&-
	wait $rpid
	lrc=$?
	if [[ $format == json ]]; then
		ok "reader json: then it finished, every row, valid" '[[ $lrc == 0 && $(jq length "$tmp/listed") -ge 121 ]]'
	else
		ok "reader csv: then it finished, every row" '[[ $lrc == 0 && $(grep -c "^[0-9]" "$tmp/listed") -ge 121 ]]'
	fi
done

# tick >/dev/full: status 4, what it applied on stderr, applied once.
db=$tmp/reader.db
run sh -c 'faketime "$0" "$1" --db "$2" --rules "$3" tick >/dev/full' \
    "2026-03-20 09:00:00" "$yj" "$db" "$rules"
ok "tick >/dev/full: status 4, what was applied on stderr" '[[ $rc == 4 ]] && err1 "applied " && err1 "could not be written"'
applied=$(sed -n 's/.*applied \([0-9]*\) action.*/\1/p' "$tmp/err")
run at "2026-03-20 09:00:00" tick --format json
ok "tick >/dev/full: it was applied, once" '[[ $applied -gt 0 && $rc == 0 && $(j length) == 0 ]]'

# ---------------------------------------------------------------------------
# Stress: four processes, each 40 random actions on the same 50 incidents,
# while tick runs again and again with the clock past every deadline.
db=$tmp/stress.db
cp "$tmp/base.db" "$db"
for ((i = 0; i < 50; i++)); do
	at "$D 21:00:00" log --category night_absence --student 2024002 \
	    --field last_seen=20:30 --text "stress $i" >/dev/null
done
worker() {
	local w=$1 k id
	RANDOM=$((w * 7919))
	for ((k = 0; k < 40; k++)); do
		id=$((RANDOM % 50 + 1))
		case $((RANDOM % 6)) in
		0) at "$E_T" ack "$id" --for 值班领导 ;;
		1) at "$E_T" note "$id" --text "w$w k$k" ;;
		2) at "$E_T" resolve "$id" --text "done w$w" ;;
		3) at "$E_T" reopen "$id" --text "again w$w" ;;
		4) at "$E_T" escalate "$id" --text "up w$w" ;;
		5) at "$E_T" contacted "$id" --person 赵老师 --result no-answer ;;
		esac >/dev/null 2>>"$tmp/stress.err"
	done
}
E_T="$D 23:59:00"
for w in 1 2 3 4; do worker "$w" & done
for ((i = 0; i < 20; i++)); do at "2026-03-11 0$((i % 10)):30:00" tick >/dev/null 2>>"$tmp/stress.err"; done
wait
ok "stress: no command failed for the database (busy, locked)" '! grep -qi "locked\|busy\|database problem" "$tmp/stress.err"'
run at "2026-03-11 12:00:00" verify
ok "stress: every incident is what its history says" '[[ $rc == 0 ]]'
# Each action against the state its history had just before it.
seen='reduce .events[] as $e ({s: "", bad: 0};
  if $e.kind == "reported" then .s = "open"
  elif $e.kind == "acknowledged" then (if .s != "open" then .bad += 1 else . end) | .s = "acknowledged"
  elif $e.kind == "resolved" then (if .s == "resolved" then .bad += 1 else . end) | .s = "resolved"
  elif $e.kind == "reopened" then (if .s != "resolved" then .bad += 1 else . end) | .s = "open"
  elif $e.kind == "escalated" then (if .s == "resolved" then .bad += 1 else . end) | .s = "open"
  else . end) | .bad'
bad=0
for ((i = 1; i <= 50; i++)); do
	at "2026-03-11 12:00:00" show $i --format json >"$tmp/show.json"
	bad=$((bad + $(jq "$seen" "$tmp/show.json")))
	[[ $(jq -r .state "$tmp/show.json") == $(jq -r 'reduce .events[] as $e (""; if $e.kind == "reported" or $e.kind == "reopened" or $e.kind == "escalated" then "open" elif $e.kind == "acknowledged" then "acknowledged" elif $e.kind == "resolved" then "resolved" else . end)' "$tmp/show.json") ]] || bad=$((bad + 1))
done
ok "stress: every action was taken on the state it saw" '[[ $bad == 0 ]]'

# verify while others write (users added, incidents logged, acted on,
# ticked): each run sees one consistent record, never a false alarm.
db=$tmp/stress.db
writer() {
	local k
	for ((k = 0; k < 12; k++)); do
		YUJING_NEW_PASSWORD=pass-word-$k at "$E_T" user add "u$1x$k" --role duty_officer
		at "$E_T" log --category night_absence --student 2024001 \
		    --field last_seen=23:00 --text "w$1 $k"
		at "$E_T" note $((k + 1)) --text "w$1 $k"
		at "2026-03-1$((k % 3 + 2)) 08:00:00" tick
	done >/dev/null 2>&1
}
writer 1 &
w1=$!
writer 2 &
w2=$!
bad=0 runs=0
while kill -0 $w1 2>/dev/null || kill -0 $w2 2>/dev/null; do
	"$yj" --db "$db" verify >"$tmp/v.out" 2>&1 || { bad=$((bad + 1)); cp "$tmp/v.out" "$tmp/v.bad"; }
	runs=$((runs + 1))
done
wait
ok "verify while others write: intact every time ($runs runs)" '[[ $bad == 0 && $runs -ge 3 ]] || { cat "$tmp/v.bad" 2>/dev/null; false; }'
run "$yj" --db "$db" verify
ok "verify after them: intact" '[[ $rc == 0 ]]'

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
