#!/usr/bin/env bash
# The corpus of the school's own files (tests/data/school: saved by a
# spreadsheet program, or as Excel's CSV writes them), each imported into
# a database of its own, with the exact result or message it must give
# (expected.tsv). The copies of one roster, whatever their format, must
# leave the same students (students.expected).
#   school.sh YUJING SRC
source "$(dirname "$0")/lib.sh"
begin "$1" "$2" sqlite3 faketime
corpus=$src/tests/data/school
# The policy with the school's buildings: their names and other names.
{ cat "$rules"; printf '%s\n' 'buildings:' '  - id: "1"' '    name: 东区1号楼' \
    '    aliases: [东一]' '  - id: "3"' '    name: 东区3号楼' \
    '    aliases: [东三, 3舍]' '  - id: "8"'; } >"$tmp/rules.yaml"
rules=$tmp/rules.yaml
export YUJING_PASSWORD=admin-pass-1
yj_at() { "$yj" --db "$1" --rules "$rules" --as admin "${@:2}"; }

# Two databases to start from: nobody but the users; and the roster in
# (students.xlsx and blank-rows.csv).
YUJING_NEW_PASSWORD=$YUJING_PASSWORD "$yj" --db empty.db --rules "$rules" \
    init >/dev/null 2>&1
for u in duty1:值班员一 duty2:值班员二; do
	YUJING_NEW_PASSWORD=duty-pass-1 yj_at empty.db user add "${u%%:*}" \
	    --role duty_officer --display "${u#*:}" >/dev/null 2>&1
done
cp empty.db roster.db
yj_at roster.db import roster "$corpus/students.xlsx" >/dev/null 2>&1
yj_at roster.db import roster "$corpus/blank-rows.csv" >/dev/null 2>&1
ok "the roster database is made" '[[ $(sqlite3 roster.db "SELECT count(*) FROM student") == 7 ]]'

students() {
	sqlite3 -separator ' ' "$1" "SELECT s.number, s.name, s.gender,
	    coalesce(b.name, '-'), coalesce(r.name, '-'), c.name, d.name,
	    CASE s.phone WHEN '' THEN '-' ELSE s.phone END
	    FROM student s JOIN class c ON c.id = s.class_id
	    JOIN department d ON d.id = c.department_id
	    LEFT JOIN room r ON r.id = s.room_id
	    LEFT JOIN building b ON b.id = r.building_id ORDER BY s.number"
}

n=0
while IFS=$'\t' read -r file kind args start want stream text; do
	[[ -z $file || $file == \#* ]] && continue
	n=$((n + 1))
	db=$tmp/case$n.db
	cp "$start.db" "$db"
	extra=()
	[[ $args == - ]] || read -ra extra <<<"$args"
	(cd "$corpus" && yj_at "$db" import "$kind" "$file" "${extra[@]}") \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	case $stream in
	out) ok "$file $args: $text" '[[ $rc == "$want" ]] && grep -qxF -- "$text" "$tmp/out"' ;;
	err) ok "$file $args: $text" '[[ $rc == "$want" ]] && grep -qxF -- "$text" "$tmp/err"' ;;
	db) ok "$file $args: the students of $text" '[[ $rc == "$want" && "$(students "$db")" == "$(cat "$corpus/$text")" ]]' ;;
	*) ok "expected.tsv line for $file: stream out, err or db" false ;;
	esac
	# Refused: nothing of the file is saved.
	if [[ $want != 0 ]]; then
		ok "$file $args: nothing saved" '[[ $(fp "$db") == $(fp "$start.db") ]]'
	fi
done <"$corpus/expected.tsv"
ok "expected.tsv has its cases" '[[ $n -ge 20 ]]'

# ---------------------------------------------------------------------------
# A re-import: what changed, student by student, and who is no longer in
# the file (only of the classes it has, unless --whole-school).

cp empty.db re.db
yj_at re.db import roster "$corpus/students.xlsx" >/dev/null 2>&1
head='学号,姓名,性别,院系,班级,楼栋,宿舍,电话,家长电话'
dep=计算机科学与技术学院
printf '%s\n' "$head" \
    "2025010101,张三,男,$dep,计科2501,3,405,13800000001,13900000001" \
    "2025010102,李思,男,$dep,计科2501,3,402,13800000009," \
    "2025010103,孙七,女,$dep,计科2503,8,201,057188000003转8001," \
    "2025010199,新生,女,$dep,计科2501,3,402,," >re.csv
before=$(fp re.db)
run yj_at re.db import roster re.csv --dry-run
ok "re-import --dry-run: saves nothing" '[[ $rc == 0 && $(fp re.db) == "$before" ]]'
ok "re-import --dry-run: the change list" '[[ "$(grep "^  [a-z]* *2025" "$tmp/out")" == "$(cat <<'"'"'LIST'"'"'
  changed  2025010101 张三: room 3-402 -> 3-405
  changed  2025010102 李思: name was 李四; phone 13800000002 -> 13800000009
  changed  2025010103 孙七: class 计科2502 -> 计科2503; parent'"'"'s contact
  added    2025010199 新生: 计科2501, 3-402
LIST
)" ]]'
run yj_at re.db import roster re.csv
ok "re-import: the counts" '[[ $rc == 0 && $(tail -n1 "$tmp/out") == "1 added, 1 updated, 2 moved room or class, 0 unchanged" ]]'
ok "re-import: a column not in the file keeps what was kept" '[[ $(sqlite3 re.db "SELECT guardian FROM student WHERE number = '"'"'2025010101'"'"'") == 张大山 ]]'
ok "re-import: an empty cell of a column in the file empties it" '[[ $(sqlite3 re.db "SELECT guardian_phone FROM student WHERE number = '"'"'2025010103'"'"'") == "" ]]'
ok "re-import: on record" '[[ $(sqlite3 re.db "SELECT count(*) FROM event WHERE kind = '"'"'roster_imported'"'"'") == 2 ]]'

# Another class's file: the students of 计科2501 it lacks are listed.
printf '%s\n' "$head" "2025010101,张三,男,$dep,计科2501,3,405,13800000001," >one.csv
run yj_at re.db import roster one.csv --keep-missing
ok "--keep-missing: listed, kept" '[[ $rc == 0 && $(tail -n1 "$tmp/out") == "0 added, 1 updated, 0 moved room or class, 0 unchanged, 2 not in the file (kept)" ]] &&
    grep -qxF "  missing  2025010199 新生, 计科2501: not in the file (kept)" "$tmp/out" &&
    [[ $(sqlite3 re.db "SELECT count(*) FROM student WHERE left_at IS NOT NULL") == 0 ]]'
run yj_at re.db import roster one.csv
ok "missing: only the file's class marked as left" '[[ $rc == 0 && $(tail -n1 "$tmp/out") == "0 added, 0 updated, 0 moved room or class, 1 unchanged, 2 left" ]] &&
    [[ $(sqlite3 re.db "SELECT group_concat(number) FROM (SELECT number FROM student WHERE left_at IS NOT NULL ORDER BY number)") == 2025010102,2025010199 ]]'
ok "missing: those of 计科2502 and 计科2503 untouched" '[[ $(sqlite3 re.db "SELECT count(*) FROM student WHERE left_at IS NULL") == 4 ]]'
run yj_at re.db import roster one.csv --whole-school --dry-run
ok "--whole-school: everyone else" '[[ $rc == 0 && $(tail -n1 "$tmp/out") == "dry run: 0 added, 0 updated, 0 moved room or class, 1 unchanged, 3 left" ]]'
printf '%s\n' "$head" >none.csv
before=$(fp re.db)
run yj_at re.db import roster none.csv --whole-school
ok "--whole-school with no students: refused" '[[ $rc == 1 && $(fp re.db) == "$before" ]] && grep -qF "every student would be marked as left" "$tmp/err"'
run yj_at re.db import roster re.csv
ok "back in the file: no longer left" '[[ $rc == 0 ]] && grep -qF "  changed  2025010199 新生: back at the school" "$tmp/out" &&
    [[ $(sqlite3 re.db "SELECT count(*) FROM student WHERE left_at IS NOT NULL") == 0 ]]'
run yj_at re.db import contacts re.csv --keep-missing
ok "--keep-missing: only for the roster" '[[ $rc == 2 ]]'
run "$yj" --db re.db --rules "$rules" verify
ok "verify: the imports as sealed" '[[ $rc == 0 ]]'


# ---------------------------------------------------------------------------
# Leave records (请假): imported, again unchanged or changed, on record;
# and said of a student picked for an incident while the leave lasts.

cp roster.db lv.db
yj_at lv.db import leave "$corpus/leave.xlsx" >/dev/null 2>&1
ok "leave: the two records, the times as the sheet shows them" '[[ $(sqlite3 lv.db "SELECT group_concat(r, \";\") FROM (SELECT s.number || \" \" || datetime(l.from_at, \"unixepoch\", \"+8 hours\") || \" \" || datetime(l.to_at, \"unixepoch\", \"+8 hours\") || \" \" || l.reason || \" \" || l.approved_by AS r FROM leave_record l JOIN student s ON s.id = l.student_id ORDER BY s.number)") == "2025010101 2026-12-01 18:00:00 2026-12-05 20:00:00 回家探亲 赵老师;2025010102 2026-12-02 00:00:00 2026-12-04 00:00:00 病假 赵老师" ]]'
printf '学号,开始时间,结束时间,事由,审批人\n2025010101,2026-12-01 18:00,2026-12-05 20:00,回家,钱老师\n' >leave2.csv
run yj_at lv.db import leave leave2.csv
ok "leave again: the same student, from and to is the same record, its reason replaced" '[[ $rc == 0 && $(tail -n1 "$tmp/out") == "0 leave records added, 1 updated, 0 unchanged" && $(sqlite3 lv.db "SELECT count(*) || \" \" || group_concat(reason) FROM leave_record WHERE reason = \"回家\"") == "1 回家" ]]'
run faketime "2026-12-02 23:00:00" "$yj" --db lv.db --rules "$rules" --as admin log --category night_absence --student 2025010101 --field last_seen=22:00 --text 晚点名未归
ok "log: a student on leave is said to be, before it is logged" '[[ $rc == 0 && $(cat "$tmp/err") == "2025010101 张三: on approved leave until 12-05 20:00, 回家 (approved by 钱老师)" ]]'
run faketime "2026-12-06 23:00:00" "$yj" --db lv.db --rules "$rules" --as admin log --category night_absence --student 2025010101 --field last_seen=22:00 --text 晚点名未归
ok "log: after the leave, nothing said" '[[ $rc == 0 && ! -s $tmp/err ]]'
run faketime "2026-12-06 23:00:00" "$yj" --db lv.db --rules "$rules" --as admin log --category night_absence --student 2025010101 --occurred "2026-12-03 23:00" --field last_seen=22:00 --text 补录前晚未归
ok "log --occurred: on leave when it happened, said so" '[[ $rc == 0 ]] && grep -qF "2025010101 张三: on approved leave until 12-05 20:00" "$tmp/err"'
run faketime "2026-12-03 12:00:00" "$yj" --db lv.db --rules "$rules" --as admin log --category night_absence --student 2025010102 --field last_seen=11:00 --text 未归
ok "a leave to a date alone: to the end of that day" '[[ $(cat "$tmp/err") == "2025010102 李四: on approved leave to the end of 12-03, 病假 (approved by 赵老师)" ]]'
printf '学号,开始时间,结束时间,事由,审批人\n2025010101,2026-12-01 18:00,2026-12-03 10:00,回家,钱老师\n' >back.csv
run yj_at lv.db import leave back.csv
ok "back early: the same leave (student, from) ends sooner, no second record" '[[ $rc == 0 && $(tail -n1 "$tmp/out") == "0 leave records added, 1 updated, 0 unchanged" && $(sqlite3 lv.db "SELECT count(*) FROM leave_record l JOIN student s ON s.id = l.student_id WHERE s.number = '"'"'2025010101'"'"'") == 1 ]]'
run faketime "2026-12-03 23:00:00" "$yj" --db lv.db --rules "$rules" --as admin log --category night_absence --student 2025010101 --field last_seen=22:00 --text 未归
ok "back early: no longer said to be on leave" '[[ $rc == 0 && ! -s $tmp/err ]]'
ok "leave: each import on record" '[[ $(sqlite3 lv.db "SELECT count(*) FROM event WHERE kind = '"'"'leave_imported'"'"'") == 3 ]]'
run "$yj" --db lv.db --rules "$rules" verify
ok "verify: the leave records as sealed" '[[ $rc == 0 ]]'
sqlite3 lv.db "UPDATE leave_record SET approved_by = '孙老师'"
run "$yj" --db lv.db --rules "$rules" verify
ok "verify: a leave record changed around yujing is found" '[[ $rc == 3 ]] && grep -q "the students differ from what the last import left" "$tmp/out"'


# ---------------------------------------------------------------------------
# Parents' phones: shown with the incident to those the capability table
# lets read them (a duty officer by default), to nobody else.

YUJING_NEW_PASSWORD=leader-pass-1 yj_at lv.db user add leader1 --role school_leader >/dev/null 2>&1
run faketime "2026-12-06 23:30:00" "$yj" --db lv.db --rules "$rules" --as admin log --category night_absence --student 2025010101 --field last_seen=22:00 --text 晚点名未归
gid=$(cat "$tmp/out")
run env YUJING_PASSWORD=duty-pass-1 "$yj" --db lv.db --rules "$rules" --as duty1 show "$gid"
ok "show: the parent's phone for a duty officer" '[[ $rc == 0 ]] && grep -qx "Parent  *张大山 13900000001 (of 张三)" "$tmp/out"'
run env YUJING_PASSWORD=duty-pass-1 "$yj" --db lv.db --rules "$rules" --as duty1 show "$gid" --format json
ok "show json: the student's guardian" '[[ $(jq -r ".students[0].guardian | \"\(.name) \(.phone)\"" "$tmp/out") == "张大山 13900000001" ]]'
run env YUJING_PASSWORD=leader-pass-1 "$yj" --db lv.db --rules "$rules" --as leader1 show "$gid" --format json
ok "show: not for a school leader (not in read_guardian)" '[[ $rc == 0 && $(jq -r ".students[0].number" "$tmp/out") == 2025010101 && $(jq -r ".students[0].guardian" "$tmp/out") == null ]] && ! grep -q 13900000001 "$tmp/out"'
run env YUJING_PASSWORD=duty-pass-1 "$yj" --db lv.db --rules "$rules" --as duty1 list --format json
ok "list json: never the parents' phones in bulk" '[[ $rc == 0 && $(jq length "$tmp/out") -ge 1 ]] && ! grep -q 13900000001 "$tmp/out"'
run env YUJING_PASSWORD=duty-pass-1 "$yj" --db lv.db --rules "$rules" --as duty1 export --format json
ok "export json: never the parents' phones in bulk" '[[ $rc == 0 && $(jq length "$tmp/out") -ge 1 ]] && ! grep -q 13900000001 "$tmp/out"'
{ cat "$rules"; printf 'capabilities:\n  read_guardian: [counselor]\n'; } >no-duty.yaml
run env YUJING_PASSWORD=duty-pass-1 "$yj" --db lv.db --rules no-duty.yaml --as duty1 show "$gid"
ok "show: a policy that takes it from duty officers is obeyed" '[[ $rc == 0 ]] && ! grep -q 13900000001 "$tmp/out"'

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
