#!/usr/bin/env bash
# Escalation from the outside, on real databases and a faked clock: the
# deadlines that `tick` acts on (climbing a rung, reminders at the top,
# overdue), where an incident starts (skip-level, emergency, gaps in the
# contacts), late reports, escalation by hand, `contacts`, early warnings,
# two ticks at once, and notify_command (run without a shell, cut off when
# it hangs, recorded when it cannot start).
# usage: escalation.sh YUJING SOURCE_DIR
# Needs faketime (libfaketime) and jq.
. "$(dirname "$0")/lib.sh"
begin "$1" "$2" faketime jq

admin_pw=admin-pass-1 psy_pw=psy-pass-12
export YUJING_USER=admin YUJING_PASSWORD=$admin_pw
# at 'YYYY-MM-DD HH:MM:SS' ARGS...: yujing on $db with the clock set, as
# admin (or whoever YUJING_USER/YUJING_PASSWORD name), rules from $rf.
# The shipped policy, but no follow-ups: each history here is exact.
no_followups "$src/rules.yaml" "$tmp/rules.yaml"
rules=$tmp/rules.yaml
rf=$rules
at() {
	local t=$1
	shift
	faketime "$t" "$yj" --db "$db" --rules "$rf" "$@"
}
# sj TIME ID [USER PW]: show ID as JSON into $tmp/show.json (s FILTER reads it).
sj() {
	if [[ $# -gt 2 ]]; then
		YUJING_USER=$3 YUJING_PASSWORD=$4 at "$1" show "$2" --format json >"$tmp/show.json"
	else
		at "$1" show "$2" --format json >"$tmp/show.json"
	fi
}
s() { jq -r "$1" "$tmp/show.json"; }
# cnt KIND [LEVEL]: how many events of that kind (at that level) in show.json.
cnt() {
	jq --arg k "$1" --arg l "${2-}" \
	    '[.events[] | select(.kind == $k and ($l == "" or .level == $l))] | length' "$tmp/show.json"
}
# lines: how many lines the last command printed.
lines() { grep -c . "$tmp/out"; }
# The epoch of an ISO time; is ISO TIME within [A, B] (dates for date -d)?
epoch() { date -d "$1" +%s; }
between() { local e; e=$(epoch "$1") && ((e >= $(epoch "$2") && e <= $(epoch "$3"))); }

D='2026-03-10'   # a Tuesday, a working day; nights run into 2026-03-11
E='2026-03-11'

# ---------------------------------------------------------------------------
# The template database: a roster and everyone on record, with phones, at
# every level and office, except the counselor of 物理2403 (a gap) and the
# department leader of 化学学院 (a gap higher up).

db=$tmp/base.db
cat >roster.csv <<'EOF'
number,name,gender,department,class,building,room,phone
2024001,张三,男,计算机学院,计算机2401,3,402,13800000001
2024002,李四,女,计算机学院,计算机2401,3,403,13800000002
2024003,王五,男,外国语学院,英语2402,5,101,
2024004,赵六,女,外国语学院,英语2402,5,102,13800000004
2024009,孙九,男,物理学院,物理2403,6,201,
2024010,钱十,男,化学学院,化学2404,6,202,
2024012,吴二,男,计算机学院,计算机2401,5,101,13800000012
EOF
cat >contacts.csv <<'EOF'
level,unit,name,phone,title
counselor,计算机2401,赵老师,13700000001,辅导员
counselor,英语2402,钱老师,13700000002,辅导员
counselor,化学2404,化老师,13700000012,辅导员
department,计算机学院,孙院长,13700000003,副院长
department,外国语学院,周院长,13700000005,副院长
department,物理学院,物院长,13700000011,副院长
student_affairs,,学生处值班室,13700000004,
school_leader,,吴校长,13700000006,副校长
security,,保卫处值班,13700000007,
logistics,,宿管中心,13700000008,
academic_affairs,,教务处,13700000009,
counseling_center,,心理中心,13700000010,
dormitory,3,王师傅,13700000013,宿管
宿舍管理员,5,李师傅,13700000014,宿管
EOF
run at "$D 20:00:00" init
ok "setup: init" '[[ $rc == 0 && -f $db ]]'
run at "$D 20:00:00" import roster roster.csv
ok "setup: roster" '[[ $rc == 0 ]]'
run at "$D 20:00:00" import contacts contacts.csv
ok "setup: contacts" '[[ $rc == 0 && $(cat "$tmp/out") == "14 contacts set" ]]'
YUJING_NEW_PASSWORD=$psy_pw run at "$D 20:00:00" user add psy --role counseling_staff
ok "setup: a counseling_staff user (mental_health is restricted)" '[[ $rc == 0 ]]'
run at "$D 20:00:00" coverage --format json
ok "setup: the three gaps are the only ones" '[[ $rc == 0 && $(j "[.[] | .level + \" \" + .unit] | sort | join(\",\")") == "counselor 物理2403,department 化学学院,dormitory 6" ]]'
# newdb NAME: a fresh copy of the template as $db.
newdb() { db=$tmp/$1.db; cp "$tmp/base.db" "$db"; }
dbs=()

# ---------------------------------------------------------------------------
# A night absence at 23:10: the counselor has 30 minutes.

newdb night; dbs+=("$db")
run at "$D 23:10:00" log --category night_absence --student 2024001 \
    --occurred 23:10 --field last_seen=22:30 --text '23:00 查寝未归'
ok "night: logged" '[[ $rc == 0 && $(cat "$tmp/out") =~ ^[0-9]+$ ]]'
n1=$(cat "$tmp/out")
sj "$D 23:10:00" "$n1"
ok "night: starts at counselor, open" '[[ $(s .level) == counselor && $(s .state) == open ]]'
ok "night: reported on time, no late_report" '[[ $(cnt late_report) == 0 && $(s ".events | length") == 1 ]]'
ok "night: ack due at 23:40" 'between "$(s .ack_due)" "$D 23:40" "$D 23:41"'
cp "$tmp/show.json" night-before.json
run at "$D 23:39:00" tick
ok "night: tick at 23:39 prints nothing" '[[ $rc == 0 && ! -s $tmp/out && ! -s $tmp/err ]]'
sj "$D 23:39:00" "$n1"
ok "night: tick at 23:39 leaves the history as it was" 'cmp -s night-before.json "$tmp/show.json"'
run at "$D 23:41:00" tick
ok "night: tick at 23:41 climbs one rung, one line" '[[ $rc == 0 && ! -s $tmp/err && $(lines) == 1 ]] && grep -q "^#$n1 escalated department" "$tmp/out"'
sj "$D 23:41:00" "$n1"
ok "night: now at department, still open" '[[ $(s .level) == department && $(s .state) == open ]]'
ok "night: one escalated event, by system, at department" '[[ $(cnt escalated) == 1 && $(s ".events[-1].kind") == escalated && $(s ".events[-1].actor") == system && $(s ".events[-1].level") == department ]]'
ok "night: it says why (no ack from the counselor in 30m), as parameters" '[[ $(s ".events[-1].text") == *30m* && $(s ".events[-1].text") == *赵老师* && $(s ".events[-1].payload.why") == no_ack && $(s ".events[-1].payload.within") == 1800 && $(s ".events[-1].payload.from") == counselor && $(s ".events[-1].payload.from_person") == 赵老师 && -z $(s ".events[-1].note") ]]'
ok "night: the department has 1h" 'between "$(s .ack_due)" "$E 00:40" "$E 00:42"'
run at "$D 23:42:00" tick
ok "night: the same deadline is not acted on twice" '[[ $rc == 0 && ! -s $tmp/out ]]'
run at "$D 23:45:00" ack "$n1" --for 李副院长 --text 已知悉
ok "night: ack" '[[ $rc == 0 ]]'
sj "$D 23:45:00" "$n1"
ok "night: acknowledged at department" '[[ $(s .state) == acknowledged && $(s .level) == department ]]'
run at "$E 02:00:00" tick
ok "night: tick at 02:00 after the ack: nothing" '[[ $rc == 0 && ! -s $tmp/out && ! -s $tmp/err ]]'
run at "$E 02:00:00" tick --format json
ok "night: tick --format json with nothing to do: []" '[[ $rc == 0 && $(j "type") == array && $(j length) == 0 ]]'
sj "$E 02:00:00" "$n1"
ok "night: no climb after the ack" '[[ $(s .level) == department && $(s .state) == acknowledged && $(cnt escalated) == 1 ]]'
run at "$E 02:00:00" report timeliness --by level --format json
ok "timeliness: counselor received it, never acknowledged" '[[ $rc == 0 && $(j ".[] | select(.key==\"counselor\") | [.received,.never_acknowledged,.acknowledged_in_time] | join(\",\")") == "1,1,0" ]]'
ok "timeliness: department acknowledged in time, 4 minutes" '[[ $(j ".[] | select(.key==\"department\") | [.received,.acknowledged_in_time,.acknowledged_late,.never_acknowledged] | join(\",\")") == "1,1,0,0" && $(j ".[] | select(.key==\"department\") | .median_ack") -ge 180 && $(j ".[] | select(.key==\"department\") | .median_ack") -le 300 ]]'
run at "$E 02:00:00" report timeliness --by person --format json
ok "timeliness: by person, the counselor by name" '[[ $rc == 0 && $(j ".[] | select(.key==\"赵老师\") | .never_acknowledged") == 1 ]]'
ok "timeliness: the acknowledgement credited to whom it was for, not the officer" '[[ $(j ".[] | select(.key==\"李副院长\") | .acknowledged_in_time") == 1 && $(j "any(.[]; .key == \"admin\")") == false ]]'
run at "$E 02:00:00" report timeliness --by category --format csv
ok "timeliness: csv by category" '[[ $rc == 0 && $(head -n1 "$tmp/out") == key,name,received* ]] && grep -q "^night_absence,Staying out overnight,2," "$tmp/out"'
run at "$E 02:00:00" report timeliness --from "$E" --format json
ok "timeliness: --from after it happened leaves it out" '[[ $rc == 0 && $(j length) == 0 ]]'
run at "$E 02:00:00" report timeliness --by week
ok "timeliness: bad --by" '[[ $rc == 2 ]]'
run at "$E 02:00:00" tick --format xml
ok "tick: unknown format" '[[ $rc == 2 ]] && err1 "unknown format"'

# ---------------------------------------------------------------------------
# Nobody acknowledges: up the whole ladder, then reminders at the top, then
# overdue once the day to resolve it has passed.

newdb climb; dbs+=("$db")
run at "$D 23:10:00" log --category night_absence --student 2024002 \
    --field last_seen=22:30 --text 未归
n2=$(cat "$tmp/out")
run at "$D 23:41:00" tick
ok "climb: counselor → department" '[[ $rc == 0 && $(lines) == 1 ]] && grep -q "^#$n2 escalated department" "$tmp/out"'
run at "$E 00:45:00" tick --format json
ok "climb: tick --format json is an array of actions" '[[ $rc == 0 && $(j type) == array && $(j length) == 1 ]]'
ok "climb: the action's fields" '[[ $(j ".[0].incident") == "$n2" && $(j ".[0].kind") == escalated && $(j ".[0].level") == student_affairs && -n $(j ".[0].text") && $(j ".[0].payload.why") == no_ack && -z $(j ".[0].note") ]]'
run at "$E 04:50:00" tick
ok "climb: student_affairs → school_leader after 4h" '[[ $rc == 0 && $(lines) == 1 ]] && grep -q "^#$n2 escalated school_leader" "$tmp/out"'
sj "$E 04:50:00" "$n2"
ok "climb: each rung once, all by system" '[[ $(s "[.events[] | select(.kind == \"escalated\") | .level + \"/\" + .actor] | join(\",\")") == "department/system,student_affairs/system,school_leader/system" ]]'
run at "$E 06:39:00" tick
ok "climb: top rung, before its 2h: nothing" '[[ $rc == 0 && ! -s $tmp/out ]]'
run at "$E 06:55:00" tick
ok "climb: top rung, 2h passed: one reminder" '[[ $rc == 0 && $(lines) == 1 ]] && grep -q "^#$n2 reminder school_leader" "$tmp/out"'
run at "$E 07:30:00" tick
ok "climb: no reminder in between" '[[ $rc == 0 && ! -s $tmp/out ]]'
run at "$E 09:00:00" tick
ok "climb: 2h later: the second reminder" '[[ $rc == 0 && $(lines) == 1 ]] && grep -q "^#$n2 reminder school_leader" "$tmp/out"'
run at "$E 09:10:00" tick
ok "climb: and none right after" '[[ $rc == 0 && ! -s $tmp/out ]]'
sj "$E 09:10:00" "$n2"
ok "climb: two reminder events, by system, at school_leader" '[[ $(cnt reminder school_leader) == 2 && $(cnt reminder) == 2 && $(s "[.events[] | select(.kind == \"reminder\") | .actor] | unique | join(\",\")") == system ]]'
ok "climb: stays at school_leader, open, not overdue yet" '[[ $(s .level) == school_leader && $(s .state) == open && $(cnt overdue) == 0 ]]'
ok "climb: resolve_due is a day after it happened" 'between "$(s .resolve_due)" "$E 23:10" "$E 23:11"'
# Nobody ran tick for 14 hours: one reminder, not one per 2h missed.
run at "$E 23:05:00" tick
ok "climb: after a long pause, one reminder" '[[ $rc == 0 && $(grep -c "^#$n2 reminder" "$tmp/out") == 1 ]]'
ok "climb: before resolve_due: no overdue" '! grep -q "^#$n2 overdue" "$tmp/out"'
run at "$E 23:15:00" tick
ok "climb: past resolve_due: overdue" '[[ $rc == 0 && $(grep -c "^#$n2 overdue" "$tmp/out") == 1 ]]'
ok "climb: and no second reminder so soon" '! grep -q "^#$n2 reminder" "$tmp/out"'
run at "$E 23:30:00" tick
ok "climb: overdue is not repeated" '[[ $rc == 0 ]] && ! grep -q "overdue" "$tmp/out"'
sj "$E 23:30:00" "$n2"
ok "climb: one overdue event" '[[ $(cnt overdue) == 1 && $(s "[.events[] | select(.kind == \"overdue\")][0].actor") == system ]]'

# ---------------------------------------------------------------------------
# mental_health: counselor → counseling_center (its own path).

newdb mh; dbs+=("$db")
run at "$D 23:10:00" log --category mental_health --student 2024002 \
    --field risk=高 --text 情绪低落
nm=$(cat "$tmp/out")
ok "mental_health: logged" '[[ $rc == 0 && $nm =~ ^[0-9]+$ ]]'
sj "$D 23:10:00" "$nm" psy "$psy_pw"
ok "mental_health: starts at counselor, the center is notified" '[[ $(s .level) == counselor && $(s .redacted) == false && $(cnt notified counseling_center) == 1 ]]'
run at "$D 23:39:00" tick
ok "mental_health: 23:39 nothing" '[[ $rc == 0 && ! -s $tmp/out ]]'
run at "$D 23:41:00" tick
ok "mental_health: 23:41 climbs to counseling_center" '[[ $rc == 0 && $(lines) == 1 ]] && grep -q "^#$nm escalated counseling_center" "$tmp/out"'
sj "$D 23:41:00" "$nm" psy "$psy_pw"
ok "mental_health: at counseling_center, not department" '[[ $(s .level) == counseling_center && $(cnt escalated) == 1 && $(cnt escalated counseling_center) == 1 ]]'
ok "mental_health: by system, saying the 30m" '[[ $(s ".events[-1].actor") == system && $(s ".events[-1].text") == *30m* && $(s ".events[-1].payload.within") == 1800 ]]'
ok "mental_health: the center's rung has 2h" 'between "$(s .ack_due)" "$E 01:40" "$E 01:42"'
YUJING_USER=psy YUJING_PASSWORD=$psy_pw run at "$D 23:50:00" contacts "$nm" --format json
ok "contacts: the mental-health path, from the current rung" '[[ $rc == 0 && $(j "[.[].rung] | join(\",\")") == "counseling_center,department,student_affairs,school_leader" && $(j ".[0].person") == 心理中心 && $(j ".[0].phone") == 13700000010 ]]'

# ---------------------------------------------------------------------------
# Where incidents start: skip-level (major) and emergency.

newdb start; dbs+=("$db")
run at "$D 23:10:00" log --category campus_loan --severity major \
    --student 2024003 --field amount=20000 --text 校园贷逾期
nl=$(cat "$tmp/out")
sj "$D 23:10:00" "$nl"
ok "major: starts at student_affairs" '[[ $rc == 0 && $(s .level) == student_affairs && $(s .state) == open && $(s ".events[0].kind") == reported && $(s ".events[0].level") == student_affairs ]]'
ok "major: the rungs below informed, once each" '[[ $(cnt informed counselor) == 1 && $(cnt informed department) == 1 && $(cnt informed) == 2 ]]'
ok "major: informed names the people" '[[ $(s "[.events[] | select(.kind == \"informed\") | .payload.person] | join(\",\")") == "钱老师,周院长" ]]'
ok "major: not an emergency" '[[ $(s .emergency) == false && $(cnt emergency_plan) == 0 ]]'
ok "major: the category's office notified" '[[ $(cnt notified security) == 1 ]]'
ok "major: 4h at student_affairs" 'between "$(s .ack_due)" "$E 03:10" "$E 03:11"'

run at "$D 23:10:00" log --category safety_threat --severity emergency \
    --student 2024001 --room 3-402 --field kind=火情 --text 宿舍起火
ne=$(cat "$tmp/out")
sj "$D 23:10:00" "$ne"
ok "emergency: starts at school_leader" '[[ $rc == 0 && $(s .level) == school_leader && $(s .state) == open ]]'
ok "emergency: \"emergency\": true" '[[ $(jq .emergency "$tmp/show.json") == true ]]'
ok "emergency: one emergency_plan event" '[[ $(cnt emergency_plan) == 1 ]]'
ok "emergency: every office notified, once" '[[ $(s "[.events[] | select(.kind == \"notified\") | .level] | sort | join(\",\")") == "academic_affairs,counseling_center,logistics,security" ]]'
ok "emergency: the rungs below informed" '[[ $(s "[.events[] | select(.kind == \"informed\") | .level] | sort | join(\",\")") == "department,security,student_affairs" ]]'
ok "emergency: the top has 2h" 'between "$(s .ack_due)" "$E 01:10" "$E 01:11"'
run at "$D 23:12:00" list --format json
ok "emergency: list shows the flag" '[[ $rc == 0 && $(j ".[] | select(.id == $ne) | .emergency") == true && $(j ".[] | select(.id == $nl) | .emergency") == false ]]'
run at "$D 23:20:00" ack "$ne" --for 吴校长 --text 已启动应急预案
ok "emergency: ack at the top" '[[ $rc == 0 ]]'
run at "$E 02:00:00" tick
ok "emergency: acknowledged at the top: no reminder" '[[ $rc == 0 && ! -s $tmp/out ]]'
run at "$E 03:15:00" tick
ok "major: after 4h at student_affairs it climbs to school_leader" '[[ $rc == 0 && $(lines) == 1 ]] && grep -q "^#$nl escalated school_leader" "$tmp/out"'
sj "$E 03:15:00" "$nl"
ok "major: the rungs below are not informed again" '[[ $(s .level) == school_leader && $(cnt informed) == 2 && $(cnt escalated) == 1 ]]'

# ---------------------------------------------------------------------------
# Which ack_within applies: the category's per-rung override, else the
# path's rung, else the level's or office's default.

newdb prec; dbs+=("$db")
run at "$D 23:10:00" log --category safety_threat --student 2024001 --field kind=盗窃 --text 被盗
nst=$(cat "$tmp/out")
run at "$D 23:10:00" log --category prohibited_appliance --student 2024002 --field item=电炉 --text 电炉
nap=$(cat "$tmp/out")
run at "$D 23:10:00" log --category truancy --student 2024004 --field absences=4 --text 旷课
ntr=$(cat "$tmp/out")
sj "$D 23:10:00" "$nst"
ok "ack_within: the category's override (security 15m) beats the path's 30m" '[[ $(s .level) == security ]] && between "$(s .ack_due)" "$D 23:25" "$D 23:26"'
sj "$D 23:10:00" "$nap"
ok "ack_within: the level's (dormitory 30m), at the manager of the student's building" '[[ $(s .level) == dormitory && $(s ".events[0].payload.person") == 王师傅 ]] && between "$(s .ack_due)" "$D 23:40" "$D 23:41"'
sj "$D 23:10:00" "$ntr"
ok "ack_within: the category's counselor 12h" 'between "$(s .ack_due)" "$E 11:10" "$E 11:11"'
run at "$D 23:24:00" tick
ok "ack_within: nothing before 15m" '[[ $rc == 0 && ! -s $tmp/out ]]'
run at "$D 23:27:00" tick
ok "ack_within: security → department after 15m" '[[ $rc == 0 && $(lines) == 1 ]] && grep -q "^#$nst escalated department" "$tmp/out"'
sj "$D 23:27:00" "$nst"
ok "ack_within: the security path gives the department 1h, not 4h" 'between "$(s .ack_due)" "$E 00:25" "$E 00:28"'
run at "$E 00:30:00" tick
ok "ack_within: the dormitory path climbs to logistics, and security's department at 1h" '[[ $rc == 0 && $(lines) == 2 ]] && grep -q "^#$nap escalated logistics" "$tmp/out" && grep -q "^#$nst escalated student_affairs" "$tmp/out"'
sj "$E 00:30:00" "$nap"
ok "ack_within: the path's rung (logistics 1h), from the manager's deadline" '[[ $(s .level) == logistics ]] && between "$(s .ack_due)" "$E 00:40" "$E 00:41"'

# ---------------------------------------------------------------------------
# A room's incident without a student is its residents': their counselor
# first, not a gap; residents of two classes (5-101: 王五 of 英语2402, 吴二
# of 计算机2401), both counselors; the dormitory path starts at the
# building's manager, found from the room or from the student's room.

newdb rooms; dbs+=("$db")
run at "$D 23:10:00" log --category drinking --room 3-402 --text 宿舍饮酒
nr1=$(cat "$tmp/out")
sj "$D 23:10:00" "$nr1"
ok "room: logged, at the residents' counselor" '[[ $rc == 0 && $(s .level) == counselor && $(s .state) == open ]]'
ok "room: no gap, no climb" '[[ $(s "[.events[] | .kind + \"@\" + .level] | join(\",\")") == "reported@counselor" && $(s ".events[0].payload.person") == 赵老师 ]]'
run at "$D 23:10:00" contacts "$nr1"
ok "room: contacts, the counselor of the class" '[[ $rc == 0 ]] && grep -qE "^now +辅导员 +赵老师 +13700000001$" "$tmp/out" && grep -qE "^then +院系领导 +孙院长 +13700000003$" "$tmp/out"'

run at "$D 23:10:00" log --category drinking --room 5-101 --text 两班同住饮酒
nr2=$(cat "$tmp/out")
sj "$D 23:10:00" "$nr2"
ok "room, two classes: at the counselor, no gap" '[[ $rc == 0 && $(s .level) == counselor && $(cnt gap) == 0 && $(cnt escalated) == 0 ]]'
run at "$D 23:10:00" contacts "$nr2" --format json
ok "room, two classes: both counselors are contacts" '[[ $rc == 0 && $(j "[.[0].people[] | .person + \" \" + .unit + \" \" + .phone] | join(\",\")") == "钱老师 英语2402 13700000002,赵老师 计算机2401 13700000001" ]]'
ok "room, two classes: and both department leaders above" '[[ $(j "[.[1].people[].person] | join(\",\")") == "周院长,孙院长" ]]'
run at "$D 23:10:00" contacts "$nr2"
ok "room, two classes: the table, a line each with its class" '[[ $rc == 0 && $(grep -c "^now" "$tmp/out") == 2 ]] && grep -qE "^now +辅导员 +钱老师 \(英语2402\) +13700000002$" "$tmp/out" && grep -qE "^now +辅导员 +赵老师 \(计算机2401\) +13700000001$" "$tmp/out"'

run at "$D 23:10:00" log --category prohibited_appliance --room 3-402 --field item=热得快 --text 热得快
nr3=$(cat "$tmp/out")
sj "$D 23:10:00" "$nr3"
ok "dormitory path: starts at the building's manager" '[[ $rc == 0 && $(s .level) == dormitory && $(cnt gap) == 0 && $(s ".events[0].payload.person") == 王师傅 ]]'
ok "dormitory path: the manager has 30m" 'between "$(s .ack_due)" "$D 23:40" "$D 23:41"'
run at "$D 23:41:00" tick
ok "dormitory path: then the Logistics Office" '[[ $rc == 0 ]] && grep -q "^#$nr3 escalated logistics" "$tmp/out"'
run at "$D 23:10:00" log --category prohibited_appliance --room 6-201 --field item=电炉 --text 电炉
nr4=$(cat "$tmp/out")
sj "$D 23:10:00" "$nr4"
ok "dormitory path: building 6 has no manager: a gap, on to logistics" '[[ $rc == 0 && $(s "[.events[] | .kind + \"@\" + .level] | join(\",\")") == "reported@dormitory,notified@logistics,gap@dormitory,escalated@logistics" && $(s .level) == logistics ]]'

# ---------------------------------------------------------------------------
# Gaps, late reports, escalation by hand, contacts.

newdb misc; dbs+=("$db")
run at "$D 23:10:00" log --category night_absence --student 2024009 \
    --field last_seen=22:30 --text 物理班未归
ng=$(cat "$tmp/out")
sj "$D 23:10:00" "$ng"
ok "gap: no counselor on record: climbs at once to department" '[[ $rc == 0 && $(s .level) == department && $(s .state) == open ]]'
ok "gap: a gap event at counselor, then escalated by system" '[[ $(s "[.events[] | .kind + \"@\" + .level] | join(\",\")") == "reported@counselor,gap@counselor,escalated@department" && $(s ".events[2].actor") == system ]]'
ok "gap: the department leader is the one to call" '[[ $(s ".events[2].payload.person") == 物院长 && $(s ".events[2].payload.phone") == 13700000011 ]]'
ok "gap: department deadline set" '[[ $(s .ack_due) != null ]]'

run at "$D 23:10:00" log --category night_absence --student 2024003 \
    --occurred "$D 20:10" --field last_seen=20:00 --text 三小时前就未归
nlate=$(cat "$tmp/out")
sj "$D 23:10:00" "$nlate"
ok "late report: logged 3h after, report_within 30m: one late_report" '[[ $rc == 0 && $(cnt late_report) == 1 && $(s "[.events[] | select(.kind == \"late_report\")][0].text") == *30m* && $(s "[.events[] | select(.kind == \"late_report\")][0].payload.within") == 1800 && $(s "[.events[] | select(.kind == \"late_report\")][0].payload.delay") == 10800 ]]'

run at "$D 23:10:00" log --category night_absence --student 2024001 \
    --field last_seen=22:30 --text a
e1=$(cat "$tmp/out")
run at "$D 23:10:00" log --category night_absence --student 2024002 \
    --field last_seen=22:30 --text b
e2=$(cat "$tmp/out")
run at "$D 23:10:00" log --category night_absence --student 2024004 \
    --field last_seen=22:30 --text c
e3=$(cat "$tmp/out")
run at "$D 23:10:00" log --category night_absence --student 2024001 \
    --field last_seen=22:30 --text d
e4=$(cat "$tmp/out")

run at "$D 23:12:00" contacts "$e1"
ok "contacts: table, the current rung first" '[[ $rc == 0 ]] && grep -qE "^now +辅导员 +赵老师 +13700000001$" "$tmp/out"'
ok "contacts: table, every rung above with name and phone" 'grep -qE "^then +院系领导 +孙院长 +13700000003$" "$tmp/out" && grep -qE "^then +学生处 +学生处值班室 +13700000004$" "$tmp/out" && grep -qE "^then +主管校领导 +吴校长 +13700000006$" "$tmp/out"'
run at "$D 23:15:00" escalate "$e1" --text '电话不通; 立即上报'
ok "escalate: to the next rung" '[[ $rc == 0 ]]'
sj "$D 23:15:00" "$e1"
ok "escalate: at department, open" '[[ $(s .level) == department && $(s .state) == open ]]'
ok "escalate: an escalated event by the user with the reason" '[[ $(s ".events[-1].kind") == escalated && $(s ".events[-1].actor") == admin && $(s ".events[-1].level") == department && $(s ".events[-1].note") == *"电话不通; 立即上报"* ]]'
ok "escalate: nothing informed for a single step" '[[ $(cnt informed) == 0 ]]'
run at "$D 23:16:00" contacts "$e1"
ok "contacts: after the climb, the counselor is gone" '[[ $rc == 0 && $(grep -c "^now" "$tmp/out") == 1 ]] && grep -qE "^now +院系领导 +孙院长 +13700000003$" "$tmp/out" && ! grep -q 赵老师 "$tmp/out" && [[ $(grep -c "^then" "$tmp/out") == 2 ]]'
run at "$D 23:16:00" contacts "$e1" --format json
ok "contacts json: rungs from the current one up" '[[ $rc == 0 && $(j "[.[].rung] | join(\",\")") == "department,student_affairs,school_leader" ]]'
ok "contacts json: current, names, phones" '[[ $(j "[.[].current] | map(tostring) | join(\",\")") == "true,false,false" && $(j "[.[].person] | join(\",\")") == "孙院长,学生处值班室,吴校长" && $(j "[.[].phone] | join(\",\")") == "13700000003,13700000004,13700000006" ]]'
run_same at "$D 23:16:00" contacts 999999
ok "contacts: no such incident" 'refused "no incident 999999"'
run_same at "$D 23:16:00" contacts "$e1" --format xml
ok "contacts: unknown format" '[[ $rc == 2 && $same == yes ]]'

run at "$D 23:17:00" escalate "$e2" --to school_leader --text 事态严重
ok "escalate --to: skips" '[[ $rc == 0 ]]'
sj "$D 23:17:00" "$e2"
ok "escalate --to: at school_leader" '[[ $(s .level) == school_leader && $(cnt escalated school_leader) == 1 && $(s "[.events[] | select(.kind == \"escalated\")][0].actor") == admin ]]'
ok "escalate --to: the rungs in between informed, once each" '[[ $(cnt informed department) == 1 && $(cnt informed student_affairs) == 1 && $(cnt informed) == 2 ]]'

run_same at "$D 23:18:00" escalate "$e1" --to counselor --text 降级
ok "escalate downward: refused" 'refused "only goes up"'
run_same at "$D 23:18:00" escalate "$e1" --to department --text 同级
ok "escalate to the same rung: refused" 'refused "only goes up"'
run_same at "$D 23:18:00" escalate "$e2" --text 再升
ok "escalate at the top: refused" 'refused "at the top"'
run_same at "$D 23:18:00" escalate "$e1" --to wizard --text x
ok "escalate --to an unknown rung: refused" 'refused "wizard"'
run_same at "$D 23:18:00" escalate 999999 --text x
ok "escalate: no such incident" 'refused "no incident 999999"'
run_same at "$D 23:18:00" escalate "$e1"
ok "escalate without --text: usage" '[[ $rc == 2 && $same == yes && ! -s $tmp/out ]] && err1 "--text"'
run_same at "$D 23:18:00" escalate
ok "escalate without an id: usage" '[[ $rc == 2 && $same == yes ]]'
run at "$D 23:19:00" resolve "$e3" --text 已返回
ok "resolve e3" '[[ $rc == 0 ]]'
run_same at "$D 23:20:00" escalate "$e3" --text 已解决还升
ok "escalate a resolved incident: refused" 'refused "resolved"'

run at "$D 23:20:00" ack "$e4" --for 赵老师 --text 收到
run at "$D 23:21:00" escalate "$e4" --text 辅导员请求院系介入
ok "escalate an acknowledged incident" '[[ $rc == 0 ]]'
sj "$D 23:21:00" "$e4"
ok "escalate an acknowledged incident: open again at the new rung, with a deadline" '[[ $(s .level) == department && $(s .state) == open && $(s .ack_due) != null ]]'

# A gap higher up, met by tick: 化学学院 has no department leader on record.
run at "$D 23:10:00" log --category night_absence --student 2024010 \
    --field last_seen=22:30 --text 化学班未归
nmid=$(cat "$tmp/out")
run at "$D 23:45:00" tick
ok "gap higher up: tick climbs past it" '[[ $rc == 0 ]] && grep -q "^#$nmid escalated department" "$tmp/out" && grep -q "^#$nmid gap department" "$tmp/out" && grep -q "^#$nmid escalated student_affairs" "$tmp/out"'
ok "tick: nothing for a resolved incident" '! grep -q "^#$e3 " "$tmp/out"'
sj "$D 23:45:00" "$nmid"
ok "gap higher up: at student_affairs" '[[ $(s .level) == student_affairs && $(cnt gap department) == 1 ]]'
run at "$D 23:46:00" contacts "$nmid" --format json
ok "contacts json: from student_affairs" '[[ $rc == 0 && $(j "[.[].rung] | join(\",\")") == "student_affairs,school_leader" ]]'
run at "2026-03-13 10:00:00" tick
ok "tick days later: nothing for a resolved incident" '[[ $rc == 0 ]] && ! grep -q "^#$e3 " "$tmp/out"'
sj "2026-03-13 10:00:00" "$e3"
ok "resolved: no escalated, reminder or overdue events" '[[ $(s .state) == resolved && $(cnt escalated) == 0 && $(cnt overdue) == 0 && $(cnt reminder) == 0 ]]'

# ---------------------------------------------------------------------------
# Early warnings: three night absences by one student within 30 days.

newdb ew; dbs+=("$db")
ewl() { run at "$1" list --category early_warning --format json; }
na() { run at "$1 23:10:00" log --category night_absence --student "$2" --field last_seen=22:30 --text "$1"; }
na 2026-02-01 2024001
na 2026-02-20 2024001
na 2026-03-01 2024002
na 2026-03-02 2024004
na 2026-03-10 2024002
na 2026-03-12 2024004
ewl "2026-03-12 23:20:00"
ok "early warning: two night absences raise none" '[[ $rc == 0 && $(j length) == 0 ]]'
na 2026-03-15 2024001
ewl "2026-03-15 23:20:00"
ok "early warning: three, but not within 30 days: none" '[[ $rc == 0 && $(j length) == 0 ]]'
na 2026-03-20 2024002
ewl "2026-03-20 23:20:00"
ok "early warning: the third within 30 days raises one" '[[ $rc == 0 && $(j length) == 1 ]]'
ok "early warning: at department, for that student" '[[ $(j ".[0].level") == department && $(j ".[0].students[0].number") == 2024002 && $(j ".[0].state") == open && $(j ".[0].category") == early_warning ]]'
nw=$(j ".[0].id")
sj "2026-03-20 23:20:00" "$nw"
ok "early warning: raised by the system, the counselor informed" '[[ $(s ".events[0].kind") == reported && $(s ".events[0].actor") == system && $(s ".events[0].level") == department && $(cnt informed counselor) == 1 ]]'
na 2026-03-25 2024002
ewl "2026-03-25 23:20:00"
ok "early warning: a fourth does not raise another" '[[ $rc == 0 && $(j length) == 1 && $(j ".[0].id") == "$nw" ]]'
run at "2026-03-25 23:20:00" list --format json
ok "early warning: 9 night absences and 1 warning in all" '[[ $(j "[.[] | select(.category == \"night_absence\")] | length") == 9 && $(j "[.[] | select(.category == \"early_warning\")] | length") == 1 ]]'

# ---------------------------------------------------------------------------
# Two ticks at once on one database act once; together they do what one
# tick does. Each round: a copy ticked by one process, the original by two.

newdb conc; dbs+=("$db")
cat >rec.sh <<'EOF'
#!/bin/sh
# rec.sh FILE ARGS...: append one line to FILE: the number of ARGS, then
# each one in <>.
out=$1
shift
line=$#
for a in "$@"; do line="$line <$a>"; done
printf '%s\n' "$line" >>"$out"
EOF
chmod +x rec.sh
# withnotify FILE ARGV...: a copy of the rules with notify_command ARGV.
withnotify() {
	local f=$1
	shift
	cp "$rules" "$f"
	printf '\nnotify_command: [%s]\n' "$(IFS=,; echo "$*")" >>"$f"
}
withnotify rules-conc1.yaml "\"$tmp/rec.sh\"" "\"$tmp/calls-1.txt\"" '"{incident}"' '"{level}"' '"{phone}"' '"{message}"'
withnotify rules-conc2.yaml "\"$tmp/rec.sh\"" "\"$tmp/calls-2.txt\"" '"{incident}"' '"{level}"' '"{phone}"' '"{message}"'
for st in 2024001 2024002 2024003 2024004 2024009 2024010; do
	at "$D 23:10:00" log --category night_absence --student "$st" \
	    --field last_seen=22:30 --text "c$st" >/dev/null
done
at "$D 23:10:00" log --category safety_threat --severity emergency \
    --student 2024004 --field kind=盗窃 --text 盗窃 >/dev/null
at "$D 23:10:00" log --category campus_loan --severity major \
    --student 2024002 --text 贷 >/dev/null
at "$D 23:10:00" log --category drinking --student 2024003 --text 酒 >/dev/null
run at "$D 23:11:00" list --format json
conc_ids=$(j '[.[].id] | sort | map(tostring) | join(" ")')
ok "concurrent: 9 incidents" '[[ $(wc -w <<<"$conc_ids") == 9 ]]'
# hist DB TIME: for each incident, its show JSON, one per line.
hist() {
	local id
	for id in $conc_ids; do
		db=$1 at "$2" show "$id" --format json | jq -c .
	done
}
# One database is ticked by one process, its twin by two at once, at the
# same times; their histories must end up the same.
cp "$tmp/conc.db" "$tmp/one.db"
round=0
for t in "$D 23:41:00" "$E 00:45:00" "$E 05:00:00" "$E 09:00:00" "2026-03-12 08:00:00"; do
	round=$((round + 1))
	: >calls-1.txt
	: >calls-2.txt
	db=$tmp/one.db rf=$tmp/rules-conc1.yaml at "$t" tick >one.txt 2>one.err
	rc1=$?
	rf=$tmp/rules-conc2.yaml at "$t" tick >a.txt 2>a.err &
	pa=$!
	rf=$tmp/rules-conc2.yaml at "$t" tick >b.txt 2>b.err &
	pb=$!
	wait "$pa"; ra=$?
	wait "$pb"; rb=$?
	run cat a.txt b.txt a.err b.err
	ok "concurrent $round ($t): both exit 0, no errors" '[[ $rc1 == 0 && $ra == 0 && $rb == 0 && ! -s a.err && ! -s b.err && ! -s one.err ]]'
	ok "concurrent $round: one tick had something to do" '[[ -s one.txt ]]'
	# Each action once (what it says of "overdue 4h" reads each
	# process's own clock, so the words after the colon may differ).
	ok "concurrent $round: what both printed is what one tick printed" 'cmp -s <(sed "s/: .*//" one.txt | sort) <(sed "s/: .*//" a.txt b.txt | sort)'
	# Whom, for what and where, once each; the message says "overdue 4h"
	# by each process's own clock, which may have turned a minute.
	ok "concurrent $round: each notification sent once" '[[ -s calls-1.txt ]] && cmp -s <(cut -d">" -f1-3 calls-1.txt | sort) <(cut -d">" -f1-3 calls-2.txt | sort)'
done
t="2026-03-12 08:10:00"
hist "$tmp/one.db" "$t" >one.jsonl
hist "$tmp/conc.db" "$t" >two.jsonl
ok "concurrent: every incident's history read" '[[ $(grep -c . one.jsonl) == 9 && $(grep -c . two.jsonl) == 9 ]]'
ok "concurrent: no incident climbed to a level twice" '[[ $(jq -s "map([.events[] | select(.kind == \"escalated\") | .level] | length == (unique | length)) | all" two.jsonl) == true ]]'
ok "concurrent: no reminder twice for one deadline" '[[ $(jq -s "map([.events[] | select(.kind == \"reminder\") | .payload.due] | length == (unique | length)) | all" two.jsonl) == true ]]'
ok "concurrent: overdue at most once" '[[ $(jq -s "map([.events[] | select(.kind == \"overdue\")] | length <= 1) | all" two.jsonl) == true ]]'
ok "concurrent: they did climb, remind and mark overdue" '[[ $(jq -s "[.[].events[].kind] | (index(\"escalated\") != null) and (index(\"reminder\") != null) and (index(\"overdue\") != null)" two.jsonl) == true ]]'
# kind@level of every event, incident by incident, in order.
evs() { jq -r '"\(.id): " + ([.events[] | .kind + "@" + .level] | join(","))' "$1"; }
ok "concurrent: the same histories as one process ticking" 'cmp -s <(evs one.jsonl) <(evs two.jsonl)'
dbs+=("$tmp/one.db")

# ---------------------------------------------------------------------------
# notify_command: run without a shell, each placeholder one whole argument.

newdb notify; dbs+=("$db")
withnotify rules-ok.yaml "\"$tmp/rec.sh\"" "\"$tmp/calls-ok.txt\"" '"{phone}"' '"{person}"' '"{level}"' '"{incident}"' '"{category}"' '"{message}"'
run "$yj" check-rules rules-ok.yaml
ok "notify: the rules copy is valid" '[[ $rc == 0 ]]'
# A name with a space and a ';' reaches the message too.
printf 'level,unit,name,phone,title\nlogistics,,宿管 中心; echo x,13700000008,\n' >odd.csv
run at "$D 20:00:00" import contacts odd.csv
ok "notify: an odd name imported" '[[ $rc == 0 ]]'
rf=$tmp/rules-ok.yaml
run at "$D 23:10:00" log --category off_campus_living --student 2024001 --text 外住
nn=$(cat "$tmp/out")
ok "notify: log runs it (logistics is notified)" '[[ $rc == 0 && -s calls-ok.txt && $(wc -l <calls-ok.txt) == 1 ]]'
sj "$D 23:10:00" "$nn"
note=$(s '[.events[] | select(.kind == "notified")][0].text')
ok "notify: each placeholder arrived as one whole argument" '[[ $(cat calls-ok.txt) == "6 <13700000008> <宿管 中心; echo x> <logistics> <$nn> <off_campus_living> <$note>" ]]'
ok "notify: the message holds the space and the ;" '[[ $note == *"宿管 中心; echo x"* ]]'
ok "notify: the exit status recorded" '[[ $(cnt notify logistics) == 1 && $(s "[.events[] | select(.kind == \"notify\")][0].payload.status") == 0 && $(s "[.events[] | select(.kind == \"notify\")][0].text") == *"sent to"* ]]'
run at "$D 23:10:00" log --category night_absence --student 2024002 --field last_seen=22:30 --text 未归
nn2=$(cat "$tmp/out")
: >calls-ok.txt
run at "$D 23:41:00" tick
ok "notify: tick runs it for an escalation" '[[ $rc == 0 && $(wc -l <calls-ok.txt) == 1 ]] && grep -q "^6 <13700000003> <孙院长> <department> <$nn2> <night_absence> <" calls-ok.txt'
sj "$D 23:41:00" "$nn2"
ok "notify: recorded after the escalation" '[[ $(s ".events[-2].kind") == escalated && $(s ".events[-1].kind") == notify && $(s ".events[-1].level") == department ]]'

# One that never finishes: cut off after notify_timeout. Under faketime a
# process left behind would hold the run up, hence the outer timeout.
mark=$$$RANDOM
leftover() { pgrep -f "1000\.$mark" || true; }
# hang NAME SHELL-SCRIPT: log with notify_command [/bin/sh, -c, SCRIPT].
hang() {
	cp "$rules" "rules-$1.yaml"
	printf '\nnotify_command: [/bin/sh, -c, "%s", "{phone}"]\nnotify_timeout: 1s\n' "$2" >>"rules-$1.yaml"
	t0=$(date +%s%N)
	run timeout -k 2 30 faketime "$D 23:50:00" "$yj" --db "$db" \
	    --rules "rules-$1.yaml" log --category off_campus_living --student 2024003 --text 外住
	t1=$(date +%s%N)
	hid=$(cat "$tmp/out")
	sleep 0.5
	left=$(leftover)
	[[ -z $left ]] || kill -9 $left 2>/dev/null
}
hang sleep "sleep 1000.$mark"
ok "notify hangs: log still succeeds" '[[ $rc == 0 && $hid =~ ^[0-9]+$ ]]'
ok "notify hangs: log finishes within a few seconds" '(((t1 - t0) / 1000000 < 5000))'
ok "notify hangs: no process left behind" '[[ -z $left ]]'
sj "$D 23:50:00" "$hid"
ok "notify hangs: recorded as stopped" '[[ $(cnt notify logistics) == 1 && $(s "[.events[] | select(.kind == \"notify\")][0].payload.stopped_after") == 1 && $(s "[.events[] | select(.kind == \"notify\")][0].text") == *stopped* ]]'
ok "notify hangs: the office is still notified" '[[ $(cnt notified logistics) == 1 ]]'
# Deaf to SIGTERM, with a child of its own.
hang deaf "trap '' TERM; sleep 1000.$mark & sleep 1000.$mark"
ok "notify deaf to TERM: log finishes within a few seconds" '[[ $rc == 0 ]] && (((t1 - t0) / 1000000 < 5000))'
ok "notify deaf to TERM: it and its child are gone" '[[ -z $left ]]'
sj "$D 23:50:00" "$hid"
ok "notify deaf to TERM: recorded as stopped" '[[ $(s "[.events[] | select(.kind == \"notify\")][0].text") == *stopped* ]]'

# One that cannot start.
cp "$rules" rules-none.yaml
printf '\nnotify_command: ["%s/no/such/notifier", "{phone}"]\n' "$tmp" >>rules-none.yaml
rf=$tmp/rules-none.yaml
run at "$D 23:55:00" log --category off_campus_living --student 2024004 --text 外住
nx=$(cat "$tmp/out")
ok "notify cannot start: log still succeeds" '[[ $rc == 0 && $nx =~ ^[0-9]+$ ]]'
sj "$D 23:55:00" "$nx"
ok "notify cannot start: recorded as such" '[[ $(cnt notify logistics) == 1 && $(s "[.events[] | select(.kind == \"notify\")][0].text") == *"could not start"* && $(s "[.events[] | select(.kind == \"notify\")][0].payload.errno") -gt 0 ]]'
rf=$rules

# ---------------------------------------------------------------------------
# After all of this, every history chain is intact.

for d in "${dbs[@]}"; do
	run "$yj" --db "$d" --rules "$rules" verify
	ok "verify $(basename "$d")" '[[ $rc == 0 ]] && grep -Eq "^chain: [0-9]+ events, head [0-9a-f]{16}$" "$tmp/out"'
done

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
