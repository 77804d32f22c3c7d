#!/usr/bin/env bash
# Follow-ups from the outside, on a faked calendar: set as a case is
# logged with deadlines in working days (the National Day week skipped, a
# make-up Saturday counted), more when a correction makes it graver; an
# overdue one climbs to the level above its owner, then on, once per
# level's time; done with a note (once); listed while open; counted in
# the report; the record whole.
# usage: followups.sh YUJING SOURCE_DIR
# Needs faketime (libfaketime) and jq.
. "$(dirname "$0")/lib.sh"
begin "$1" "$2" faketime jq

export YUJING_USER=admin YUJING_PASSWORD=admin-pass-1
at() {
	local t=$1
	shift
	faketime "$t" "$yj" --db "$db" --rules "$rules" "$@"
}
duty() { YUJING_USER=duty1 YUJING_PASSWORD=duty-pass-11 at "$@"; }
fu() { at "$1" show "$2" --format json >"$tmp/show.json"; jq -r "$3" "$tmp/show.json"; }
db=$tmp/y.db
cat >roster.csv <<'EOF'
number,name,gender,department,class,building,room,phone
2024001,张三,男,计算机学院,计算机2401,3,402,13800000001
EOF
cat >contacts.csv <<'EOF'
level,unit,name,phone,title
counselor,计算机2401,赵老师,13700000001,辅导员
department,计算机学院,孙院长,13700000003,副院长
student_affairs,,学生处值班室,13700000004,
school_leader,,吴校长,13700000006,副校长
security,,保卫处值班,13700000007,
logistics,,宿管中心,13700000008,
academic_affairs,,教务处,13700000009,
counseling_center,,心理中心,13700000010,
dormitory,3,王师傅,13700000013,宿管
EOF
T=2026-09-30
run at "$T 20:00:00" init
run at "$T 20:00:00" import roster roster.csv
run at "$T 20:00:00" import contacts contacts.csv
YUJING_NEW_PASSWORD=duty-pass-11 run at "$T 20:00:00" user add duty1 --role duty_officer
ok "setup" '[[ $rc == 0 ]]'

# A fight on Wednesday 30 September, 22:00: a talk within 2 working days.
# The National Day week (1-7 October) does not count: Thursday the 8th is
# the first, Friday the 9th the second.
run duty "$T 22:00:00" log --category fighting --student 2024001 \
    --field injured=否 --text 宿舍争吵
f1=$(cat "$tmp/out")
ok "a serious fight: the talk asked, its deadline in working days" '[[ $(fu "$T 22:01:00" "$f1" "[.followups[] | .id + \"@\" + .due + \"@\" + .owner] | join(\",\")") == "student_talk@2026-10-09T22:00:00+08:00@counselor" ]]'
ok "it is an event of the history, in words" '[[ $(jq -r "[.events[] | select(.kind == \"followup_due\") | .text] | join(\",\")" "$tmp/show.json") == "follow-up Talk with the student due 2026-10-09 22:00 (Counselor)" ]]'
run at "$T 22:01:00" show "$f1"
ok "show: the follow-ups, where each stands" 'grep -q "^Follow-ups" "$tmp/out" && grep -q "^  Talk with the student · due 2026-10-09 22:00 · Counselor · to do" "$tmp/out"'

# A night away on Thursday the 8th: Friday the 9th and Saturday the 10th,
# a make-up working day (调休), are its two working days.
run duty "2026-10-08 23:00:00" log --category night_absence --student 2024001 \
    --occurred 23:00 --field last_seen=22:00 --text 未归
n1=$(cat "$tmp/out")
ok "a make-up Saturday counts" '[[ $(fu "2026-10-08 23:01:00" "$n1" ".followups[0].due") == 2026-10-10T23:00:00+08:00 ]]'
run duty "2026-10-08 23:05:00" ack "$n1" --for 赵老师

# Graver by a correction: what a major case asks is set too.
run at "2026-10-08 23:10:00" correct "$f1" --severity major --text 有人受伤
ok "corrected to major: the written report and the letter home asked" '[[ $(fu "2026-10-08 23:11:00" "$f1" "[.followups[].id] | join(\",\")") == "student_talk,written_report,parent_letter" ]]'
ok "their deadlines from the report (5 and 3 working days, the make-up Saturday among them)" '[[ $(fu "2026-10-08 23:11:00" "$f1" "[.followups[] | select(.id != \"student_talk\") | .due] | join(\",\")") == "2026-10-13T22:00:00+08:00,2026-10-10T22:00:00+08:00" ]]'

# Overdue: the talk of the fight, due Friday 22:00.
run at "2026-10-09 21:59:00" tick
ok "tick before it is due: nothing for it" '! grep -q "followup" "$tmp/out"'
run at "2026-10-09 22:01:00" tick
ok "tick after: it climbs to the department, one line" '[[ $(grep -c "^#$f1 followup_overdue department" "$tmp/out") == 1 ]]'
run at "2026-10-09 22:02:00" tick
ok "the same tick again: nothing more" '! grep -q "^#$f1 followup" "$tmp/out"'
ok "show: overdue, the department told" '[[ $(fu "2026-10-09 22:03:00" "$f1" ".followups[0].overdue_to") == department ]]'
# The department has 1h for a fight (the level's time): then on up.
run at "2026-10-09 23:30:00" tick
ok "after the department's time: on to Student Affairs" '[[ $(grep -c "^#$f1 followup_overdue student_affairs" "$tmp/out") == 1 ]]'

run duty "2026-10-10 09:00:00" followup list --format json
ok "followup list: what is still to do" '[[ $(jq -r "[.[] | select(.incident == \"$f1\") | .followup] | join(\",\")" "$tmp/out") == "student_talk,written_report,parent_letter" ]]'
run duty "2026-10-10 09:00:00" followup done "$f1" student_talk --text 已约谈，双方和解
ok "done, with a note" '[[ $rc == 0 ]]'
ok "done late, by whom, when" '[[ $(fu "2026-10-10 09:01:00" "$f1" ".followups[0] | [.done_by, .late, .done_at] | map(tostring) | join(\",\")") == "duty1,true,2026-10-10T09:00:00+08:00" ]]'
run_same duty "2026-10-10 09:02:00" followup done "$f1" student_talk
ok "done twice: refused" 'refused "is done already"'
run_same duty "2026-10-10 09:02:00" followup done "$f1" no_such
ok "a follow-up the case does not ask: refused" 'refused "asks no follow-up no_such"'
run_same duty "2026-10-10 09:02:00" followup done "$f1" student_talk --text $'\e[31m'
ok "a note with a control character: refused" 'refused "control character"'
run at "2026-10-10 09:03:00" tick
ok "done: it climbs no more" '! grep -q "^#$f1 followup_overdue.*Talk" "$tmp/out"'
run duty "2026-10-10 09:04:00" followup done "$n1" student_talk --text 已谈
ok "the absence's talk, in time" '[[ $(fu "2026-10-10 09:05:00" "$n1" ".followups[0].late") == false ]]'

run at "2026-10-13 09:00:00" report followups --from 2026-09-01 --format json
r() { j ".[] | select(.key == \"$1\") | [.asked, .on_time, .late, .missing, .pending] | join(\",\")"; }
ok "report: the talks, one in time, one late" '[[ $(r student_talk) == 2,1,1,0,0 ]]'
ok "report: the letter missing (due the 10th), the report still to come" '[[ $(r parent_letter) == 1,0,0,1,0 && $(r written_report) == 1,0,0,0,1 ]]'
YUJING_USER=duty1 YUJING_PASSWORD=duty-pass-11 run at "2026-10-13 09:00:00" report followups
ok "report: not for a duty officer" '[[ $rc == 1 ]] && err1 "may not see the reports"'
run at "2026-10-13 09:01:00" verify
ok "verify: the record whole" '[[ $rc == 0 ]]'

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
