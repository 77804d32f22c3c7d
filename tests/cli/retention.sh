#!/usr/bin/env bash
# Retention under faketime: three years and more after their resolution
# (rules.yaml retention: default 3y) two incidents lose exactly their
# personal details (text, resolution, reporter, fields, notes, students;
# every personal part of their history) and keep everything else; an
# open one and one resolved lately are as they were; a student who left
# more than 3 years ago leaves the roster. A dry run changes nothing; a
# second run finds nothing more. The meeting's numbers over the period
# are the same after; verify passes; an edit of a removed part, a part
# blanked around yujing and a changed category are still found; neither
# the database file nor the history holds a removed name any more.
# usage: retention.sh YUJING SOURCE_DIR
# Needs faketime (libfaketime), jq and sqlite3.
. "$(dirname "$0")/lib.sh"
begin "$1" "$2" faketime jq sqlite3

export YUJING_USER=admin YUJING_PASSWORD=admin-pass-1
db=$tmp/y.db
at() {
	local t=$1
	shift
	faketime "$t" "$yj" --db "$db" --rules "$rules" "$@"
}
q() { sqlite3 "$db" "$1"; }
D=2026-01-10 T='2029-06-01 12:00:00'
cat >roster.csv <<'EOF'
number,name,gender,department,class,building,room,phone
2022001,欧阳锋,男,计算机学院,计算机2201,3,402,13800000001
2022002,黄药师,男,计算机学院,计算机2201,3,403,13800000002
2022003,洪七公,男,计算机学院,计算机2201,3,404,13800000003
EOF
cat >contacts.csv <<'EOF'
level,unit,name,phone,title
counselor,计算机2201,赵老师,13700000001,辅导员
department,计算机学院,孙院长,13700000003,副院长
student_affairs,,学生处值班室,13700000004,
school_leader,,吴校长,13700000006,副校长
security,,保卫处值班,13700000007,
logistics,,宿管中心,13700000008,
academic_affairs,,教务处,13700000009,
counseling_center,,心理中心,13700000010,
dormitory,3,王师傅,13700000013,宿管
EOF
run at "$D 08:00:00" init
run at "$D 08:00:00" import roster roster.csv
run at "$D 08:00:00" import contacts contacts.csv
ok "setup" '[[ $rc == 0 ]]'

# last: the id the last log printed.
last() { cat "$tmp/out"; }
run at "$D 20:00:00" log --category night_absence --student 2022001 \
    --occurred "$D 19:00" --field last_seen=19:00 --text 欧阳锋彻夜未归疑去九阴山
r1=$(last)
run at "$D 20:10:00" ack "$r1" --for 赵老师
run at "$D 20:20:00" note "$r1" --text 已联系其父欧阳克
run at "$D 22:00:00" resolve "$r1" --text 已返回九阴山一事已核实
run at "$D 21:00:00" log --category drinking --room 3-403 --occurred 20:30 \
    --student 2022002 --text 桃花岛酒会
r2=$(last)
run at "$D 21:30:00" resolve "$r2" --text 批评教育
run at "$D 23:00:00" log --category night_absence --student 2022003 \
    --occurred "$D 22:30" --field last_seen=22:00 --text 降龙十八掌未归
k1=$(last)
ok "setup: two resolved, one open" '[[ $r1 =~ ^[0-9]+$ && $r2 =~ ^[0-9]+$ && $k1 =~ ^[0-9]+$ ]]'
# The student of the first leaves the school a month later.
head -1 roster.csv >roster2.csv
tail -n +3 roster.csv >>roster2.csv
run at "2026-02-01 09:00:00" import roster roster2.csv
ok "setup: 欧阳锋 left (not in the new file)" '[[ $rc == 0 && $(q "SELECT left_at IS NOT NULL FROM student WHERE number = '"'2022001'"'") == 1 ]]'
# One resolved lately: not past its time in 2029.
run at "2029-05-01 20:00:00" log --category drinking --room 3-404 \
    --occurred 19:30 --student 2022003 --text 打狗棒酒局
k2=$(last)
run at "2029-05-01 21:00:00" resolve "$k2" --text 已处理
ok "setup: one resolved a month before" '[[ $rc == 0 && $k2 =~ ^[0-9]+$ ]]'

# What each keeps, and what the numbers are, before.
skeleton() {
	q "SELECT category, category_name, severity, restricted, state, level,
	    rung, occurred_at, reported_at, reporter_role, logged_by,
	    department_id, class_id, rung_since, ack_due, resolve_due,
	    emergency, overdue_since, report_delay FROM incident WHERE id = $1"
}
whole() {
	skeleton "$1"
	q "SELECT room_id, reporter, location, text, actions, resolution, others,
	    updated_at FROM incident WHERE id = $1"
	q "SELECT field, value FROM incident_field WHERE incident_id = $1 ORDER BY 1"
	q "SELECT student_id, number, name FROM incident_student WHERE incident_id = $1"
	q "SELECT p.event_id, p.part, p.value FROM event_part p JOIN event e
	    ON e.id = p.event_id WHERE e.incident_id = $1 ORDER BY 1, 2"
}
s1=$(skeleton "$r1") s2=$(skeleton "$r2") w1=$(whole "$k1") w2=$(whole "$k2")
stats() {
	at "$T" report stats --from 2026-01-01 --to 2029-06-01 --by "$1" \
	    --format json | jq -c .groups
}
declare -A before
for by in category department class building week; do
	before[$by]=$(stats "$by")
done
ok "before: the numbers read" '[[ ${before[category]} == *night_absence* ]]'
ok "before: the file holds the names" '[[ $(grep -ac 欧阳锋 "$db") -gt 0 ]]'

cp "$db" "$tmp/before-retention.db"

# --- a dry run ---------------------------------------------------------
run_same at "$T" retention --dry-run
ok "dry run: nothing changed" '[[ $rc == 0 && $same == yes ]]'
ok "dry run: the two past their time listed, not the others" \
    'grep -qE "^$r1 +night_absence " "$tmp/out" && grep -qE "^$r2 +drinking " "$tmp/out" && ! grep -qE "^($k1|$k2) " "$tmp/out"'
ok "dry run: what would go, said" 'grep -q "^retention: incidents past their time: 2; personal values that would go: [0-9]*; links to students: 2 (--dry-run: nothing changed)$" "$tmp/out" && grep -q "^retention: students who left, to be removed from the roster: 1$" "$tmp/out"'
run_same at "$T" retention
ok "neither --dry-run nor --apply: usage" '[[ $rc == 2 && $same == yes ]] && err1 "one of --dry-run"'
run_same at "$T" retention --dry-run --apply
ok "both: usage" '[[ $rc == 2 && $same == yes ]]'

# --- the run -----------------------------------------------------------
run at "$T" retention --apply --format json
ok "apply: the two, one student who left" '[[ $rc == 0 && $(j "[.incidents[].incident] | sort | map(tostring) | join(\",\")") == "$r1,$r2" && $(j .left_removed) == 1 && $(j .applied) == true ]]'
ok "apply: r1's text, resolution, reporter, fields gone" '[[ $(q "SELECT reporter || text || resolution || location || others FROM incident WHERE id = $r1") == "" && $(q "SELECT group_concat(field || \"=\" || value) FROM incident_field WHERE incident_id = $r1") == "last_seen=" ]]'
ok "apply: no students named by either" '[[ $(q "SELECT count(*) FROM incident_student WHERE incident_id IN ($r1, $r2)") == 0 ]]'
ok "apply: no personal value left in their history" '[[ $(q "SELECT count(*) FROM event_part p JOIN event e ON e.id = p.event_id WHERE e.incident_id IN ($r1, $r2) AND p.value IS NOT NULL") == 0 ]]'
ok "apply: every personal part still there, its digest kept" '[[ $(q "SELECT count(*) FROM event_part p JOIN event e ON e.id = p.event_id WHERE e.incident_id = $r1 AND length(p.digest) = 32") -ge 5 ]]'
ok "apply: the rest of each as it was" '[[ $(skeleton "$r1") == "$s1" && $(skeleton "$r2") == "$s2" ]]'
room() { q "SELECT b.name || '-' || r.name FROM incident i JOIN room r ON r.id = i.room_id JOIN building b ON b.id = r.building_id WHERE i.id = $1"; }
ok "apply: where each was kept for the numbers by building (its room, else its student's)" '[[ $(room "$r2") == 3-403 && $(room "$r1") == 3-402 ]]'
ok "apply: the open one and the recent one untouched" '[[ $(whole "$k1") == "$w1" && $(whole "$k2") == "$w2" ]]'
ok "apply: the student who left is gone from the roster, the others not" '[[ $(q "SELECT group_concat(number) FROM student ORDER BY number") == 2022002,2022003 ]]'
for by in category department class building week; do
	ok "the numbers by $by: as before" '[[ $(stats "$by") == "${before[$by]}" ]]'
done
run at "$T" show "$r1" --format json
ok "show: what is left of it, and when the rest went" '[[ $rc == 0 && $(j .text) == "" && $(j ".students | length") == 0 && $(j .category) == night_absence && $(j .retained_at) == 2029-06-01T12:00:00+08:00 ]]'
run at "$T" show "$k2" --format json
ok "show: one not retained says nothing of it" '[[ $rc == 0 && $(j .retained_at) == null ]]'
run at "$T" show "$r1"
ok "show: the blanks said to be removed, not never written" 'grep -q "^Its personal details were removed on 2029-06-01 12:00 (retention): the blanks below are theirs.$" "$tmp/out"'
ok "show: its history says what went, when, by whom, under which rule" 'grep -E "^2029-06-01 12:00 +system +personal details removed \(retention\)" "$tmp/out" | grep -q "3y after its resolution, its personal details removed (values: [0-9]*, links to students: 1; under the default retention period)"'
run_same at "$T" reopen "$r1" --text 又不在了
ok "reopen: refused for one whose details went, nothing written" '[[ $rc == 1 && $same == yes ]] && err1 "had its personal details removed (retention): log a new incident"'
run at "$T" verify
ok "verify: the record whole" '[[ $rc == 0 ]]'

# Removal is real: the file holds none of it (the recent one's, yes).
for w in 欧阳锋 欧阳克 九阴山 桃花岛 2022001; do
	ok "the file: no $w" '[[ $(grep -ac "$w" "$db") == 0 ]]'
done
ok "the file: the recent incident's words still there (grep sees)" '[[ $(grep -ac 打狗棒 "$db") -gt 0 ]]'

run_same at "2029-06-02 12:00:00" retention --apply
ok "a second run: nothing more, nothing written" '[[ $rc == 0 && $same == yes ]] && grep -q "^retention: incidents past their time: 0;" "$tmp/out"'

# --- still found: what changes around yujing ---------------------------
cp "$db" "$tmp/good.db"
sqlite3 "$db" "DROP TRIGGER event_part_blank_only;
    UPDATE event_part SET value = '欧阳锋' WHERE part = 'text'
    AND event_id = (SELECT min(id) FROM event WHERE incident_id = $r1)"
run at "$T" verify
ok "a removed part given a value again: found" '[[ $rc == 3 ]] && grep -q "not the one recorded" "$tmp/out"'
cp "$tmp/good.db" "$db"
cp "$tmp/before-retention.db" "$tmp/orig.db"
sqlite3 "$db" "DROP TRIGGER event_part_blank_only;
    ATTACH '$tmp/orig.db' AS o;
    UPDATE event_part SET value = (SELECT value FROM o.event_part x
    WHERE x.event_id = event_part.event_id AND x.part = event_part.part)
    WHERE part = 'text' AND event_id = (SELECT min(id) FROM event
    WHERE incident_id = $r1);
    UPDATE incident SET text = (SELECT text FROM o.incident x
    WHERE x.id = $r1) WHERE id = $r1"
run at "$T" verify
ok "a removed part and its row given their very value back: found too" '[[ $rc == 3 ]] && grep -q "retention removed is there again" "$tmp/out"'
cp "$tmp/good.db" "$db"
q "UPDATE event_part SET value = NULL WHERE part = 'text'
    AND event_id = (SELECT min(id) FROM event WHERE incident_id = $k2)"
run at "$T" verify
ok "a part of one not past its time blanked around yujing: found" '[[ $rc == 3 ]] && grep -q "blanked outside yujing" "$tmp/out"'
cp "$tmp/good.db" "$db"
q "UPDATE incident SET category = 'fighting' WHERE id = $r1"
run at "$T" verify
ok "a retained incident's category changed: found" '[[ $rc == 3 ]] && grep -q "category" "$tmp/out"'
cp "$tmp/good.db" "$db"
q "DELETE FROM incident_student WHERE incident_id = $k1" 2>"$tmp/err"
ok "the students of one not past its time: not cut (the trigger)" '[[ $(q "SELECT count(*) FROM incident_student WHERE incident_id = $k1") == 1 ]] && grep -q "only by a correction or by retention" "$tmp/err"'

# --- the policy --------------------------------------------------------
sed '/^retention:/,/^  left_students:/d' "$rules" >keep.yaml
run faketime "$T" "$yj" --db "$db" --rules keep.yaml retention --dry-run
ok "no retention in the policy: kept for ever, said" '[[ $rc == 0 ]] && grep -q "the policy keeps everything" "$tmp/out"'
sed 's/^  default: 3y$/  default: 3years/' "$rules" >bad.yaml
run "$yj" check-rules bad.yaml
ok "a retention time that is not one: refused" '[[ $rc == 1 ]] && grep -q "bad duration .3years. for .default.: unknown unit (use y, w, d, h, m or s)" "$tmp/err"'
sed 's/^  default: 3y$/  default: 6m/' "$rules" >short.yaml
run "$yj" check-rules short.yaml
ok "6m (minutes, meant as months): refused, said why" '[[ $rc == 1 ]] && grep -q "a retention time of less than 30d (.6m.: m is minutes, not months)" "$tmp/err"'
sed 's/^  default: 3y$/  default: 3y\n  categories: {nigth_absence: 5y}/' "$rules" >typo.yaml
run "$yj" check-rules typo.yaml
ok "a category it does not have: refused, the right one offered" '[[ $rc == 1 ]] && grep -q "unknown category .nigth_absence. (did you mean .night_absence.?)" "$tmp/err"'

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
