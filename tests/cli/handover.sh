#!/usr/bin/env bash
# Shifts and the handover from the outside, on a faked clock: the duty
# schedule imported (and refused when wrong), a night shift opened at
# 22:00, incidents logged, one still open past 08:00; the handover
# prepared with exactly the open incidents, items set, the incoming
# officer (Student Affairs, as the policy says for a workday night)
# accepting all but one, questioning that one, reading back the unstable
# one, both signing; the record, the JSON and the printed sheet agreeing,
# the sheet's chain head passing verify --anchor; the next shift's
# start-of-shift check (inherited items, flagged items, the gap in the
# contacts); a shift left without a handover flagged; a watch item
# carried over two handovers and then cleared across a make-up workday.
# usage: handover.sh YUJING SOURCE_DIR
# Needs faketime (libfaketime) and jq.
. "$(dirname "$0")/lib.sh"
begin "$1" "$2" faketime jq

admin_pw=admin-pass-1
export YUJING_USER=admin YUJING_PASSWORD=$admin_pw
at() {
	local t=$1
	shift
	faketime "$t" "$yj" --db "$db" --rules "$rules" "$@"
}
# as USER TIME ARGS...: yujing as USER (password USER-pass-1).
as() {
	local u=$1 t=$2
	shift 2
	YUJING_USER=$u YUJING_PASSWORD=$u-pass-1 at "$t" "$@"
}
# ev KIND: how many events of that kind the admin history has.
ev() { sqlite3 "$db" "SELECT count(*) FROM event WHERE kind = '$1'"; }

D='2026-12-01'   # a Tuesday: the night runs to Wednesday 08:00, a workday
E='2026-12-02'
F='2026-12-03'

db=$tmp/y.db
cat >roster.csv <<'EOF'
number,name,gender,department,class,building,room,phone
2024001,张三,男,计算机学院,计算机2401,3,402,13800000001
2024002,李四,女,计算机学院,计算机2401,3,403,13800000002
2024010,钱十,男,化学学院,化学2404,6,202,
EOF
cat >contacts.csv <<'EOF'
level,unit,name,phone,title
counselor,计算机2401,赵老师,13700000001,辅导员
counselor,化学2404,化老师,13700000012,辅导员
department,计算机学院,孙院长,13700000003,副院长
student_affairs,,学生处值班室,13700000004,
school_leader,,吴校长,,副校长
security,,保卫处值班,13700000007,
logistics,,宿管中心,13700000008,
academic_affairs,,教务处,13700000009,
counseling_center,,心理中心,13700000010,
dormitory,3,王师傅,13700000013,宿管
dormitory,6,李师傅,13700000014,宿管
EOF
run at "$D 20:00:00" init
ok "setup: init" '[[ $rc == 0 ]]'
run at "$D 20:00:00" import roster roster.csv
ok "setup: roster" '[[ $rc == 0 ]]'
run at "$D 20:00:00" import contacts contacts.csv
ok "setup: contacts" '[[ $rc == 0 ]]'
for u in duty1:duty_officer duty2:duty_officer xsc:student_affairs; do
	YUJING_NEW_PASSWORD=${u%%:*}-pass-1 run at "$D 20:00:00" user add \
	    "${u%%:*}" --role "${u#*:}"
	ok "setup: user ${u%%:*}" '[[ $rc == 0 ]]'
done

# ---------------------------------------------------------------------------
# The duty schedule: all or nothing; only Student Affairs (or admin) sets it.

cat >bad.csv <<'EOF'
日期,班次,值班人
2026-12-01,夜班,duty1
2026-12-05,night,duty1
2026-12-02,night,nobody
2026-12-01,night,duty2
EOF
run_same as xsc "$D 20:00:00" import schedule bad.csv
ok "schedule: bad rows, each said, nothing saved" '[[ $rc == 1 && $same == yes ]] && grep -q "bad.csv:3: .*does not run on that day" "$tmp/err" && grep -q "bad.csv:4: no user .nobody." "$tmp/err" && grep -q "bad.csv:5: 2026-12-01/night is in the file twice" "$tmp/err"'
cat >sched.csv <<'EOF'
日期,班次,值班人
2026-12-01,夜班,duty1
2026-12-02,Night shift,duty2
EOF
run_same as duty1 "$D 20:00:00" import schedule sched.csv
ok "schedule: a duty officer may not set it" 'refused "may not set the duty schedule"'
run as xsc "$D 20:00:00" import schedule sched.csv
ok "schedule: imported (a shift by its name, Chinese or English)" '[[ $rc == 0 && $(cat "$tmp/out") == "2 shifts scheduled" ]]'
run as duty1 "$D 20:00:00" schedule list --from "$D" --to "$F" --format json
ok "schedule: who is on which night" '[[ $rc == 0 && $(j "[.[] | .shift + \"=\" + (.scheduled // \"-\")] | join(\",\")") == "$D/night=duty1,$E/night=duty2,$F/night=-" ]]'
run_same as xsc "$D 20:00:00" schedule swap "$F/night" duty1
ok "swap: a reason is needed" 'refused "say why"'
run_same as xsc "$D 20:00:00" schedule swap "2026-12-05/night" duty1 --text 换班
ok "swap: not a shift the policy runs (a Saturday night)" 'refused "does not run on that day"'
run as xsc "$D 20:00:00" schedule swap "$F/night" duty1 --text 张老师病假
ok "swap: done, an event" '[[ $rc == 0 && $(ev duty_swapped) == 1 ]]'

# ---------------------------------------------------------------------------
# The night of the 1st: opened at 22:05 by duty1 (once, whoever signs in).

run as duty1 "$D 21:00:00" shift open
ok "shift open before 22:00: no shift runs" '[[ $rc == 1 && $(ev shift_opened) == 0 ]]'
run as duty1 "$D 22:05:00" shift open
ok "shift open at 22:05: opened" '[[ $rc == 0 && $(ev shift_opened) == 1 ]] && grep -q "^Start of shift: $D/night" "$tmp/out"'
run as duty2 "$D 22:30:00" shift open
ok "a second officer signing in does not open it again" '[[ $rc == 0 && $(ev shift_opened) == 1 ]]'
run as duty1 "$D 22:30:00" schedule list --from "$D" --to "$D" --format json
ok "who opened it, beside who was scheduled" '[[ $(j ".[0].opened_by") == duty1 && $(j ".[0].scheduled") == duty1 ]]'

# Four incidents: a night absence (stays open past 08:00), a heater
# (resolved before), a mental-health case (restricted), a fight at the
# chemistry class, whose department has nobody on record (a gap; and
# the school leader has no phone on record, another).
run as duty1 "$D 23:10:00" log --category night_absence --student 2024001 \
    --occurred 23:10 --field last_seen=22:30 --text 查寝未归
n_abs=$(cat "$tmp/out")
run as duty1 "$D 23:20:00" log --category prohibited_appliance --room 3-403 \
    --field item=热得快 --text 宿舍使用热得快
n_heat=$(cat "$tmp/out")
run as duty1 "$D 23:30:00" log --category mental_health --student 2024002 \
    --field risk=中 --text 情绪低落
n_mh=$(cat "$tmp/out")
run as duty1 "$E 00:10:00" log --category fighting --student 2024010 \
    --field injured=否 \
    --text 宿舍争吵
n_fight=$(cat "$tmp/out")
ok "setup: four incidents" '[[ $n_abs =~ ^[0-9]+$ && $n_heat =~ ^[0-9]+$ && $n_mh =~ ^[0-9]+$ && $n_fight =~ ^[0-9]+$ ]]'
run as duty1 "$E 00:30:00" resolve "$n_heat" --text 已没收
ok "setup: the heater resolved" '[[ $rc == 0 ]]'

# ---------------------------------------------------------------------------
# The handover at 07:30: exactly the open incidents.

S="--shift $D/night"
run_same as duty1 "$E 07:20:00" handover $S item "$n_abs" --status watch
ok "an item before the handover is prepared: refused" 'refused "no handover yet"'
run as duty1 "$E 07:30:00" handover prepare --text 夜间平稳，两件待跟进
ok "prepare (the shift running now)" '[[ $rc == 0 && $(cat "$tmp/out") == "$D/night prepare" ]]'
run as duty1 "$E 07:31:00" handover $S --format json
ok "the items are exactly the open incidents" '[[ $(j "[.items[].incident] | sort | map(tostring) | join(\",\")") == "$(printf "%s\n" "$n_abs" "$n_mh" "$n_fight" | sort -n | paste -sd,)" ]]'
ok "it goes to Student Affairs (a workday night)" '[[ $(j .receiver_role) == student_affairs && $(j .outgoing) == duty1 ]]'
run_same as duty2 "$E 07:32:00" handover $S prepare
ok "another officer may not prepare it" 'refused "is duty1'"'"'s to prepare"'
run_same as duty1 "$E 07:32:00" handover $S sign
ok "sign before every item has a status: refused" 'refused "has no status yet"'
run_same as duty1 "$E 07:32:00" handover $S item "$n_abs" --status shaky
ok "a status that is none of the three: usage" '[[ $rc == 2 && $same == yes ]]'
run as duty1 "$E 07:33:00" handover $S item "$n_abs" --status unstable \
    --action 再电话辅导员 --owner 赵老师 --due 08:30 \
    --contingency 仍联系不上则报学工处
ok "item: the absence unstable, action, owner, time, contingency" '[[ $rc == 0 ]]'
run_same as duty1 "$E 07:34:00" handover $S item "$n_mh" --status watch --action 心理中心上班后转介
ok "item: a duty officer may not write over what they may not read (a stub)" 'refused "it is handed over as it stands"'
run_same as xsc "$E 07:34:00" handover $S prepare
ok "Student Affairs may not hand over the duty room's shift" 'refused "only the duty room'"'"'s officer"'
# The incoming officer may begin early: a read-back, voided by a change.
run as xsc "$E 07:34:30" handover $S readback "$n_abs" --text 早读回
run as duty1 "$E 07:34:40" handover $S item "$n_abs" --action 再电话辅导员并记录
run as duty1 "$E 07:34:50" handover $S --format json
ok "a change to an item voids its read-back" '[[ $(j ".items[] | select(.incident == $n_abs) | .readback") == "" ]]'
run as duty1 "$E 07:35:00" handover $S item "$n_fight" --status stable
ok "item: the fight stable" '[[ $rc == 0 ]]'
run as duty1 "$E 07:35:10" handover $S item "$n_abs" --action 再电话辅导员
ok "item: the action put back (the rest as it was)" '[[ $rc == 0 ]]'
run_same as xsc "$E 07:36:00" handover $S sign
ok "the incoming may not sign before the outgoing has" 'refused "duty1 has not signed the handover yet"'
run as duty1 "$E 07:40:00" handover $S sign
ok "the outgoing signs" '[[ $rc == 0 ]]'
run_same as duty1 "$E 07:41:00" handover $S item "$n_fight" --status watch
ok "after signing, the outgoing's items are as signed" 'refused "as signed"'

# The incoming officer: Student Affairs, item by item.
run_same as duty2 "$E 08:01:00" handover $S accept "$n_abs"
ok "a duty officer may not receive a workday night's handover" 'refused "to the role student_affairs"'
run_same as duty1 "$E 08:01:00" handover $S accept "$n_abs"
ok "the outgoing may not accept their own" 'refused "the one who takes it over"'
run as xsc "$E 08:02:00" handover $S accept "$n_abs"
ok "accept the absence" '[[ $rc == 0 ]]'
run as xsc "$E 08:03:00" handover $S accept "$n_mh"
ok "accept the mental-health case" '[[ $rc == 0 ]]'
run as xsc "$E 08:04:00" handover $S question "$n_fight" --text 双方家长通知了吗？
ok "question the fight" '[[ $rc == 0 ]]'
run_same as xsc "$E 08:05:00" handover $S sign
ok "sign before the unstable item is read back: refused" 'refused "read it back first"'
run_same as xsc "$E 08:05:00" handover $S answer "$n_fight" --text 已通知
ok "only the outgoing answers" 'refused "only duty1"'
run as duty1 "$E 08:06:00" handover $S answer "$n_fight" --text 尚未，辅导员上午通知
ok "the outgoing answers" '[[ $rc == 0 ]]'
run as xsc "$E 08:06:30" handover $S question "$n_fight" --text 谁去通知？
run as xsc "$E 08:06:40" handover $S --format json
ok "a second question: the first answer is not its" '[[ $(j ".items[] | select(.incident == $n_fight) | [.question, .answer] | join(\"|\")") == "谁去通知？|" ]]'
run as duty1 "$E 08:06:50" handover $S answer "$n_fight" --text 辅导员上午通知
ok "answered again" '[[ $rc == 0 ]]'
run as xsc "$E 08:07:00" handover $S readback "$n_abs" --text 08:30再打赵老师，不通就报学工处
ok "read back the unstable item" '[[ $rc == 0 ]]'
run as xsc "$E 08:08:00" handover $S sign
ok "the incoming signs: complete" '[[ $rc == 0 ]]'
run_same as duty1 "$E 08:09:00" handover $S prepare
ok "signed by both: nothing changes" 'refused "cannot change"'

# The record, the JSON and the sheet agree.
run as xsc "$E 08:10:00" handover $S --format json
cp "$tmp/out" ho.json
hj() { jq -r "$1" ho.json; }
ok "json: both officers, signed, complete" '[[ $(hj .outgoing) == duty1 && $(hj .incoming) == xsc && $(hj .complete) == true && $(hj .signed_in_at) -gt $(hj .signed_out_at) ]]'
ok "json: the absence as set and read back" '[[ $(hj ".items[] | select(.incident == $n_abs) | [.status, .action, .owner, .contingency, .readback, .accepted_by] | join(\"|\")") == "unstable|再电话辅导员|赵老师|仍联系不上则报学工处|08:30再打赵老师，不通就报学工处|xsc" ]]'
ok "json: the fight questioned, answered, not accepted" '[[ $(hj ".items[] | select(.incident == $n_fight) | [.status, .question, .answer, .accepted_by] | join(\"|\")") == "stable|谁去通知？|辅导员上午通知|" ]]'
ok "json: the note" '[[ $(hj .note) == 夜间平稳，两件待跟进 ]]'
ok "record: one event per step" '[[ $(ev handover_prepared) == 1 && $(ev handover_item) == 4 && $(ev handover_accepted) == 2 && $(ev handover_questioned) == 2 && $(ev handover_answered) == 2 && $(ev handover_readback) == 2 && $(ev handover_signed) == 2 ]]'
ok "record: what was typed is a personal part, not in the payload" '[[ $(sqlite3 "$db" "SELECT count(*) FROM event WHERE kind LIKE '"'"'handover%'"'"' AND (payload LIKE '"'"'%赵老师%'"'"' OR payload LIKE '"'"'%双方%'"'"')") == 0 && $(sqlite3 "$db" "SELECT count(*) FROM event_part WHERE part = '"'"'readback'"'"'") == 2 ]]'
run as xsc "$E 08:10:00" handover $S
cp "$tmp/out" sheet.txt
ok "sheet: both names, the shift, the note" 'grep -q "Outgoing: duty1 (duty1) · signed $E 07:40" sheet.txt && grep -q "Incoming: xsc (xsc) · signed $E 08:08" sheet.txt && grep -q "夜间平稳" sheet.txt'
ok "sheet: every item, with what was said" '[[ $(grep -c "^#[0-9]" sheet.txt) == 3 ]] && grep -q "If: 仍联系不上则报学工处" sheet.txt && grep -q "Question: 谁去通知？" sheet.txt'
ok "sheet: a line to sign on" 'grep -q "Outgoing signature: ____" sheet.txt'
ok "sheet: 80 columns, 60 lines a page" '! LC_ALL=C.UTF-8 awk "length > 80" sheet.txt | grep -q . && [[ $(tr -cd "\f" <sheet.txt | wc -c) -ge $(( $(wc -l <sheet.txt) / 61 )) ]]'
anchor=$(grep -o "verify --anchor [0-9]*:[0-9a-f]*" sheet.txt | cut -d" " -f3)
run at "$E 08:11:00" verify
ok "sheet: its chain head is verify's" '[[ $rc == 0 && $(head -1 "$tmp/out") == "chain: ${anchor%%:*} events, head ${anchor#*:}" ]]'
ok "json: the same head" '[[ $(hj .chain.events):$(hj .chain.head) == "$anchor" ]]'
run as admin "$E 09:00:00" note "$n_abs" --text 后来的事
run at "$E 09:00:00" verify --anchor "$anchor"
ok "verify --anchor with the sheet's head, later: intact" '[[ $rc == 0 ]]'
run at "$E 09:00:00" verify --anchor "${anchor%%:*}:0000000000000000"
ok "verify --anchor with another head: a difference" '[[ $rc == 3 ]]'
run as xsc "$E 08:10:00" handover $S --format md
ok "markdown: a heading, the items as a list" '[[ $rc == 0 ]] && grep -q "^# Handover" "$tmp/out" && [[ $(grep -c "^- #[0-9]" "$tmp/out") == 3 ]]'

# A duty officer may not read the mental-health case: the stub only.
run as duty2 "$E 09:00:00" handover $S --format json
ok "restricted item: no status, action or text for who may not read it" '[[ $(j ".items[] | select(.incident == $n_mh) | [.restricted, .status, .action] | map(tostring) | join(\"|\")") == "true|null|null" ]] && ! grep -q 心理中心上班后转介 "$tmp/out"'
run as duty2 "$E 09:00:00" handover $S
ok "restricted item on paper too" '! grep -q 心理中心上班后转介 "$tmp/out" && grep -q "(restricted:" "$tmp/out"'

# ---------------------------------------------------------------------------
# The next night: its start-of-shift check.

run as duty2 "$E 22:05:00" shift open --format json
ok "next night opened by duty2" '[[ $rc == 0 && $(ev shift_opened) == 2 ]]'
ok "check: the open incidents inherited" '[[ $(j "[.inherited[]] | sort | map(tostring) | join(\",\")") == "$(printf "%s\n" "$n_abs" "$n_mh" "$n_fight" | sort -n | paste -sd,)" ]]'
ok "check: the last handover done, its flagged items" '[[ $(j .previous.handover) == done && $(j "[.flagged[] | \"\(.incident):\(.status)\"] | sort | join(\",\")") == "$n_abs:unstable" ]]'
ok "check: the gaps that matter tonight (the chemistry department: nobody; the school leader: no phone)" '[[ $(j "[.gaps[] | select(.incident == $n_fight) | \"\(.level):\(.problem)\"] | join(\",\")") == "department:nobody responsible,school_leader:no phone" && $(j .all_gaps) -ge 2 ]]'
ok "check: the shifts of the next 7 days with nobody" '[[ $(j ".unstaffed | index(\"2026-12-04/night\")") != null && $(j ".unstaffed | index(\"$F/night\")") == null ]]'

# The night of the 2nd is left without a handover: flagged.
run as duty1 "$F 22:05:00" shift check --format json
ok "check: the shift before left no handover" '[[ $(j .previous.shift) == "$E/night" && $(j .previous.handover) == none ]]'
run as duty1 "$F 22:05:00" shift check
ok "check (text): said with a mark" 'grep -q "Shift before: $E/night — no handover (!)" "$tmp/out"'
run as duty1 "$F 22:05:00" schedule list --from "$D" --to "$E"
ok "schedule: a shift over without a handover flagged" 'grep "^$E/night" "$tmp/out" | grep -q "! no handover" && grep "^$D/night" "$tmp/out" | grep -q "handed over"'

run at "$F 22:06:00" verify
ok "verify: the whole record intact" '[[ $rc == 0 ]]'
sqlite3 "$db" "UPDATE duty SET user_id = (SELECT id FROM user WHERE login = 'duty2') WHERE shift = '$D/night'"
run at "$F 22:06:00" verify
ok "verify: the schedule changed outside yujing is found" '[[ $rc == 3 ]] && grep -q "duty schedule differs" "$tmp/out"'

# ---------------------------------------------------------------------------
# A watch item carried over two handovers, then cleared, across a make-up
# workday: Saturday 2026-10-10 is a workday (调休), so it has a night shift
# (and no holiday shift); Sunday the 11th is a holiday.

db=$tmp/carry.db
run at "2026-10-09 20:00:00" init
run at "2026-10-09 20:00:00" import roster roster.csv
run at "2026-10-09 20:00:00" import contacts contacts.csv
for u in duty1:duty_officer duty2:duty_officer xsc:student_affairs; do
	YUJING_NEW_PASSWORD=${u%%:*}-pass-1 run at "2026-10-09 20:00:00" \
	    user add "${u%%:*}" --role "${u#*:}"
done
run as duty1 "2026-10-09 23:00:00" log --category night_absence \
    --student 2024001 --occurred 23:00 --field last_seen=22:00 --text 未归
w=$(cat "$tmp/out")
ok "carry: logged" '[[ $w =~ ^[0-9]+$ ]]'
# hand D1 D2 RECEIVER STATUS [CARRIED]: one whole handover of shift D1 at D2.
hand() {
	local sh=$1 t=$2 in=$3 status=$4
	as duty1 "$t" handover --shift "$sh" prepare >/dev/null
	as duty1 "$t" handover --shift "$sh" --format json >"$tmp/h.json"
	as duty1 "$t" handover --shift "$sh" item "$w" --status "$status" >/dev/null
	as duty1 "$t" handover --shift "$sh" sign >/dev/null
	as "$in" "$t" handover --shift "$sh" accept "$w" >/dev/null
	as "$in" "$t" handover --shift "$sh" sign >/dev/null
	as duty1 "$t" handover --shift "$sh" --format json >"$tmp/out"
}
hand 2026-10-09/night "2026-10-10 07:50:00" xsc watch
ok "carry: Friday's night goes to Student Affairs (Saturday is a workday)" '[[ $(jq -r .receiver_role "$tmp/h.json") == student_affairs && $(jq -r ".items[0].carried" "$tmp/h.json") == null && $(j .complete) == true ]]'
hand 2026-10-10/night "2026-10-11 07:50:00" duty2 watch
ok "carry: the make-up Saturday has a night shift; it goes to the next shift (Sunday's holiday duty begins at 08:00); the item carried as watch" '[[ $(jq -r .receiver_role "$tmp/h.json") == null && $(jq -r ".items[0].carried" "$tmp/h.json") == watch && $(jq -r ".items[0].status" "$tmp/h.json") == watch && $(j .complete) == true ]]'
hand 2026-10-11/holiday "2026-10-12 07:50:00" duty2 stable
ok "carry: carried a second time, then marked stable" '[[ $(jq -r ".items[0].carried" "$tmp/h.json") == watch && $(j ".items[0].status") == stable && $(j .complete) == true ]]'
as duty1 "2026-10-13 07:50:00" handover --shift 2026-10-12/night prepare >/dev/null
as duty1 "2026-10-13 07:50:00" handover --shift 2026-10-12/night --format json >"$tmp/out"
ok "carry: cleared: still open, but carried no more" '[[ $(j ".items[0].incident") == "$w" && $(j ".items[0].carried") == null && $(j ".items[0].status") == null ]]'
run as duty1 "2026-10-10 12:00:00" handover --shift 2026-10-10/holiday
ok "carry: no holiday duty on the make-up workday" '[[ $rc == 1 ]] && err1 "does not run on that day"'

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
