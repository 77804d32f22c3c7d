#!/usr/bin/env bash
# The corpus of the school's own files (tests/data/school: saved by a
# spreadsheet program, or as Excel's CSV writes them), each imported into
# a database of its own, with the exact result or message it must give
# (expected.tsv). The copies of one roster, whatever their format, must
# leave the same students (students.expected).
#   school.sh YUJING SRC
source "$(dirname "$0")/lib.sh"
begin "$1" "$2" sqlite3
corpus=$src/tests/data/school
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

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
