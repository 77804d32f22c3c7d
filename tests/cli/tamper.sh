#!/usr/bin/env bash
# Tampering with the record from outside, with the sqlite3 shell, one
# case per kind: every column of an incident, a field, a student link, a
# snapshot name, a personal part, users (role, password hash, name, a user
# added), each trigger dropped or made a no-op, a table added, events
# removed from the middle or the end, swapped, moved back in time, the
# organisation edited, the whole chain rewritten. verify must exit 3 and
# name each (the line given); an untouched database verifies, and
# --anchor catches what a chain alone cannot (an end cut off cleanly, a
# history made anew).
# usage: tamper.sh YUJING SOURCE_DIR
. "$(dirname "$0")/lib.sh"
begin "$1" "$2" faketime jq sqlite3

export YUJING_USER=admin YUJING_PASSWORD=admin-pass-1
at() {
	local t=$1
	shift
	faketime "$t" "$yj" --db "$db" --rules "$rules" "$@"
}
D='2026-03-10'

# make DB NOTE: the record every case starts from (NOTE: one note's text).
make() {
	db=$1
	at "$D 20:00:00" init >/dev/null
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
dormitory,3,王师傅,13700000013,宿管
CSV
	at "$D 20:00:00" import roster roster.csv >/dev/null
	at "$D 20:00:00" import contacts contacts.csv >/dev/null
	YUJING_NEW_PASSWORD=duty-pass-12 at "$D 20:01:00" user add duty \
	    --role duty_officer --display 王老师 >/dev/null
	YUJING_NEW_PASSWORD=zhao-pass-12 at "$D 20:01:00" user add zhao \
	    --role counselor --scope 计算机2401 --display 赵老师 >/dev/null
	# A scope given twice, and out of order: still what verify reads.
	YUJING_NEW_PASSWORD=qian-pass-12 at "$D 20:01:00" user add qian \
	    --role department_leader --scope 计算机学院 --scope 计算机学院 >/dev/null
	# 1: logged, acknowledged, noted, called, resolved, reopened.
	at "$D 23:10:00" log --category night_absence --student 2024001 \
	    --room 3-402 --field last_seen=22:30 --field phone_reached=no \
	    --location 三号楼 --action 已电话联系 --text 查寝未归 >/dev/null
	at "$D 23:15:00" ack 1 --for 赵老师 >/dev/null
	at "$D 23:16:00" note 1 --text "$2" >/dev/null
	at "$D 23:17:00" contacted 1 --person 赵老师 --result reached >/dev/null
	at "$D 23:30:00" resolve 1 --text 已返校 >/dev/null
	at "$D 23:40:00" reopen 1 --text 又离开了 >/dev/null
	# 2: climbs by itself; 3: a restricted one; 4: the last.
	at "$D 23:20:00" log --category night_absence --student 2024002 \
	    --field last_seen=22:00 --text 未归 >/dev/null
	at "2026-03-11 02:00:00" tick >/dev/null
	at "2026-03-11 03:00:00" log --category mental_health \
	    --student 2024002 --field risk=高 --field self_harm=是 --text 情绪低落 >/dev/null
	at "2026-03-11 04:00:00" log --category drinking --location 5号楼 \
	    --text 饮酒 >/dev/null
}
make "$tmp/base.db" 电话未接
db=$tmp/base.db
run "$yj" --db "$db" verify
ok "untouched: verifies" '[[ $rc == 0 && $(wc -l <"$tmp/out") == 1 ]] && grep -Eq "^chain: [0-9]+ events, head [0-9a-f]{16}$" "$tmp/out"'
head=$(sed -n 's/^chain: \([0-9]*\) events, head \([0-9a-f]*\)$/\1:\2/p' "$tmp/out")
run "$yj" --db "$db" verify --anchor "$head"
ok "untouched: its own head as the anchor" '[[ $rc == 0 ]]'
run "$yj" --db "$db" verify --anchor 3:zz
ok "--anchor: a bad anchor is bad usage" '[[ $rc == 2 ]] && err1 "COUNT:HEX"'
# A policy changed since (deadlines, names) changes nothing of the past.
sed 's/counselor: 30m/counselor: 5m/' "$rules" >edited.yaml
run "$yj" --db "$db" --rules edited.yaml verify
ok "untouched: a policy edited since does not matter" '[[ $rc == 0 ]]'
n=$(sqlite3 "$db" "SELECT count(*) FROM event")
last=$(sqlite3 "$db" "SELECT max(id) FROM event")
note=$(sqlite3 "$db" "SELECT event_id FROM event_part WHERE part = 'note' AND value = '电话未接'")

# tampered NAME SQL PATTERN: a copy changed by SQL; verify exits 3 with a
# line matching PATTERN (grep -E).
tampered() {
	local name=$1 sql=$2 want=$3
	cp "$tmp/base.db" "$tmp/t.db"
	if ! sqlite3 "$tmp/t.db" "$sql" 2>"$tmp/sqlerr"; then
		fail=$((fail + 1))
		printf 'FAIL: %s: the tampering itself failed: %s\n' "$name" "$(cat "$tmp/sqlerr")"
		return
	fi
	run "$yj" --db "$tmp/t.db" verify
	ok "$name" '[[ $rc == 3 ]] && head -n1 "$tmp/out" | grep -Eq "^chain: " && grep -Eq -- "$want" "$tmp/out"'
}

# Every column of an incident's row.
for col in category category_name severity severity_name reporter \
    reporter_role location text actions resolution state level; do
	case $col in
	state) v="CASE state WHEN 'open' THEN 'resolved' ELSE 'open' END" ;;
	*) v="$col || 'x'" ;;
	esac
	tampered "incident column $col" "UPDATE incident SET $col = $v WHERE id = 1" \
	    "^incident 1 event [0-9]+: $col is .*, history says "
done
for col in rung occurred_at reported_at rung_since ack_due resolve_due \
    overdue_since report_delay updated_at room_id department_id class_id; do
	tampered "incident column $col" "UPDATE incident SET $col = coalesce($col, 0) + 7 WHERE id = 2" \
	    "^incident 2 event [0-9]+: $col is [0-9]+, history says [0-9]+$"
done
tampered "incident column restricted (need-to-know lifted)" \
    "UPDATE incident SET restricted = 0 WHERE id = 3" \
    "^incident 3 event [0-9]+: restricted is 0, history says 1$"
tampered "incident column emergency" "UPDATE incident SET emergency = 1 - emergency WHERE id = 1" \
    "^incident 1 event [0-9]+: emergency is [01], history says [01]$"
tampered "incident column logged_by (another user)" \
    "UPDATE incident SET logged_by = (SELECT id FROM user WHERE login = 'duty') WHERE id = 1" \
    "^incident 1 event [0-9]+: logged_by is [0-9]+, history says [0-9]+$"
tampered "incident column logged_by (nobody)" "UPDATE incident SET logged_by = 999 WHERE id = 1" \
    "^incident 1 event [0-9]+: logged_by is "

# Fields, students, snapshots.
tampered "a field's value" "UPDATE incident_field SET value = '2026-03-10T23:59:00+08:00' WHERE incident_id = 1 AND field = 'last_seen'" \
    "^incident 1 event [0-9]+: last_seen is 2026-03-10T23:59"
tampered "a field deleted" "DELETE FROM incident_field WHERE incident_id = 1 AND field = 'phone_reached'" \
    "^incident 1 event [0-9]+: phone_reached is \(missing\)"
tampered "a field added" "INSERT INTO incident_field VALUES (2, 'whereabouts', '网吧')" \
    "^incident 2 event [0-9]+: whereabouts is 网吧, history says \(no such field\)"
tampered "a student link moved to another student" \
    "UPDATE incident_student SET student_id = (SELECT id FROM student WHERE number = '2024002') WHERE incident_id = 1" \
    "^incident 1 event [0-9]+: student is [0-9]+, history says [0-9]+$"
tampered "a student link removed" "DROP TRIGGER incident_student_no_delete; DELETE FROM incident_student WHERE incident_id = 1" \
    "^incident 1 event [0-9]+: students is 0, history says 1$"
tampered "a snapshot name (as reported)" "UPDATE incident_student SET name = '王五' WHERE incident_id = 1" \
    "^incident 1 event [0-9]+: student name is 王五, history says 张三$"
tampered "a snapshot number" "UPDATE incident_student SET number = '2099999' WHERE incident_id = 1" \
    "^incident 1 event [0-9]+: student number is 2099999, history says 2024001$"

# The personal parts of the history.
tampered "a note's text (a personal part)" \
    "DROP TRIGGER event_part_blank_only; UPDATE event_part SET value = '电话接通' WHERE event_id = $note AND part = 'note'" \
    "^incident 1 event $note: note: its value is not the one recorded"
tampered "a part's digest rewritten to match" \
    "DROP TRIGGER event_part_blank_only; UPDATE event_part SET value = 'x', digest = zeroblob(32) WHERE event_id = $note AND part = 'note'" \
    "^incident 1 event $note: the event does not match its hash"
tampered "a part removed" "DROP TRIGGER event_part_no_delete; DELETE FROM event_part WHERE event_id = $note" \
    "^incident 1 event $note: the event does not match its hash"
tampered "a report's text in the history and the row alike" \
    "DROP TRIGGER event_part_blank_only; UPDATE event_part SET value = '已归' WHERE part = 'text' AND event_id = (SELECT min(id) FROM event WHERE incident_id = 1); UPDATE incident SET text = '已归' WHERE id = 1" \
    "^incident 1 event [0-9]+: text: its value is not the one recorded"

# Users.
tampered "a user's role made admin" "UPDATE user SET role = 'admin' WHERE login = 'duty'" \
    "^user duty event [0-9]+: role is admin, history says duty_officer$"
tampered "another user's password hash copied in" \
    "UPDATE user SET pwhash = (SELECT pwhash FROM user WHERE login = 'admin') WHERE login = 'duty'" \
    "^user duty event [0-9]+: password: its hash is not the one the history set"
tampered "a user's name" "UPDATE user SET display = '李老师' WHERE login = 'zhao'" \
    "^user zhao event [0-9]+: display is 李老师, history says 赵老师$"
tampered "a disabled user enabled" "UPDATE user SET disabled = 1 WHERE login = 'zhao'" \
    "^user zhao event [0-9]+: disabled is 1, history says 0$"
tampered "a counselor's scope widened" "INSERT INTO user_scope VALUES ((SELECT id FROM user WHERE login = 'zhao'), 'department', 1)" \
    "^user zhao event [0-9]+: department scope is unit 1, history says none$"
tampered "a user added outside yujing" "INSERT INTO user (login, display, role, pwhash, created_at) VALUES ('eve', 'Eve', 'admin', 'x', 0)" \
    "^user eve: not in the history"

# The organisation since its last import.
tampered "a student renamed in the roster" "UPDATE student SET name = '张山' WHERE number = '2024001'" \
    "^roster event [0-9]+: the students differ from what the last import left"
tampered "a class moved to another department" "UPDATE class SET department_id = department_id + 1" \
    "^roster event [0-9]+: the departments, classes, buildings or rooms differ"
tampered "a contact changed (whom to call)" "UPDATE person SET phone = '13900000000' WHERE name = '赵老师'" \
    "^roster event [0-9]+: the people responsible or their phones differ"
tampered "a building's manager changed behind yujing's back" "UPDATE responsibility SET person_id = (SELECT id FROM person WHERE name = '吴校长') WHERE unit_kind = 'building'" \
    "^roster event [0-9]+: the people responsible or their phones differ"
tampered "a building's manager added behind yujing's back" "INSERT INTO responsibility VALUES ('dormitory', 'building', (SELECT id FROM building WHERE name = '3') + 1, (SELECT id FROM person WHERE name = '王师傅'))" \
    "^roster event [0-9]+: the people responsible or their phones differ"

# The schema: each trigger dropped, one made a no-op, a table added.
for t in event_no_update event_no_delete event_part_no_delete \
    event_part_blank_only incident_no_delete incident_student_no_delete; do
	tampered "trigger $t dropped" "DROP TRIGGER $t" \
	    "^schema: trigger $t is missing"
done
tampered "every trigger dropped" "DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete; DROP TRIGGER event_part_no_delete; DROP TRIGGER event_part_blank_only; DROP TRIGGER incident_no_delete; DROP TRIGGER incident_student_no_delete" \
    "^schema: trigger incident_student_no_delete is missing"
tampered "a trigger made a no-op through writable_schema" \
    "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, 'BEFORE UPDATE ON event', 'BEFORE UPDATE ON event WHEN 0') WHERE name = 'event_no_update'" \
    "^schema: trigger event_no_update is not yujing's"
tampered "a table added" "CREATE TABLE shadow (x)" "^schema: table shadow was added"
tampered "a view added" "CREATE VIEW v AS SELECT 1" "^schema: view v was added"

# What C would read past, what the numbers would hide.
tampered "text hidden behind a NUL byte" "UPDATE incident SET text = text || char(0) || '另有隐情' WHERE id = 1" \
    "^incident 1: its row hides text behind a NUL byte"
tampered "an event's actor with a NUL byte" "DROP TRIGGER event_no_update; UPDATE event SET actor = actor || char(0) || 'x' WHERE id = $note" \
    "^incident 1 event $note: the event hides text behind a NUL byte"
tampered "students moved out of their places" "UPDATE incident_student SET pos = pos + 10" \
    "^incident [0-9]+: its students are out of their places"
tampered "two users' ids swapped (who logged what)" \
    "PRAGMA foreign_keys = OFF; UPDATE user SET id = -1 WHERE login = 'admin'; UPDATE user SET id = 1 WHERE login = 'duty'; UPDATE user SET id = (SELECT max(id) + 1 FROM user) WHERE id = -1" \
    "^user duty event [0-9]+: id is 1, history says [0-9]+$"
tampered "a note blanked around retention" "UPDATE event_part SET value = NULL WHERE event_id = $note AND part = 'note'" \
    "^incident 1 event $note: note: blanked outside yujing"
# None is NULL: a 0 in its place is refused by the table itself.
cp "$tmp/base.db" zero.db
run sqlite3 zero.db "UPDATE incident SET overdue_since = 0 WHERE id = 4"
ok "none as 0 refused by the table (the tick's overdue check reads NULL)" '[[ $rc != 0 ]] && grep -q "CHECK constraint failed" "$tmp/err" && [[ $(sqlite3 zero.db "SELECT count(*) FROM incident WHERE overdue_since = 0") == 0 ]]'
run sqlite3 zero.db "DROP TRIGGER event_no_update; UPDATE event SET user_id = 0 WHERE id = 1"
ok "a user id of 0 refused by the table" '[[ $rc != 0 ]] && grep -q "CHECK constraint failed" "$tmp/err"'

# Events removed, swapped, moved.
tampered "a middle event deleted" "DROP TRIGGER event_no_delete; DELETE FROM event WHERE id = $note" \
    "^chain event $((note + 1)): event $note is missing"
tampered "two events swapped" \
    "DROP TRIGGER event_no_update; UPDATE event SET at = CASE id WHEN $note THEN (SELECT at FROM event WHERE id = $((note + 1))) ELSE (SELECT at FROM event WHERE id = $note) END, kind = CASE id WHEN $note THEN (SELECT kind FROM event WHERE id = $((note + 1))) ELSE (SELECT kind FROM event WHERE id = $note) END WHERE id IN ($note, $((note + 1)))" \
    "^incident 1 event $note: the event does not match its hash"
tampered "a time moved back" "DROP TRIGGER event_no_update; UPDATE event SET at = at - 3600 WHERE id = $note" \
    "^incident 1 event $note: the event does not match its hash"
tampered "an event's kind changed" "DROP TRIGGER event_no_update; UPDATE event SET kind = 'resolved' WHERE id = $note" \
    "^incident 1 event $note: the event does not match its hash"
tampered "an admin event changed" "DROP TRIGGER event_no_update; UPDATE event SET delta = replace(delta, 'duty_officer', 'admin') WHERE kind = 'user_added' AND subject = 'duty'" \
    "^user duty event [0-9]+: the event does not match its hash"
tampered "the last incident deleted with its events" \
    "DROP TRIGGER event_no_delete; DROP TRIGGER event_part_no_delete; DROP TRIGGER incident_no_delete; DELETE FROM event_part WHERE event_id IN (SELECT id FROM event WHERE incident_id = 4); DELETE FROM event WHERE incident_id = 4; DELETE FROM incident WHERE id = 4" \
    "^chain: events were numbered to $last but the history ends at"
tampered "the tail truncated" "DROP TRIGGER event_no_delete; DELETE FROM event WHERE id >= $((last - 1))" \
    "^chain: events were numbered to $last"
tampered "an incident deleted, its events kept" "DROP TRIGGER incident_no_delete; DELETE FROM incident WHERE id = 2" \
    "^incident 2 event [0-9]+: the incident is gone"
tampered "an incident added outside yujing" \
    "INSERT INTO incident (category, category_name, severity, severity_name, restricted, state, level, rung, occurred_at, reported_at, reporter, logged_by, text, rung_since, updated_at) SELECT category, category_name, severity, severity_name, restricted, state, level, rung, occurred_at, reported_at, reporter, logged_by, text, rung_since, updated_at FROM incident WHERE id = 1" \
    "^incident 5: it has no history at all"
tampered "a summary's count changed" "UPDATE summary SET count = count + 2 WHERE day = (SELECT min(day) FROM summary)" \
    "^summary: the summary of [0-9-]+ [a-z_]+/[a-z]+/[a-z_]+: the count is [0-9]+, a recount says [0-9]+"
tampered "a follow-up not done taken off the list" "DELETE FROM followup_open" \
    "^summary: the follow-up [a-z_]+ of incident [0-9]+: not done, as its history says, but missing from the list"
tampered "a follow-up's due time moved" "UPDATE followup_open SET due = due + 86400 WHERE incident_id = (SELECT min(incident_id) FROM followup_open)" \
    "^summary: the follow-up [a-z_]+ of incident [0-9]+: the list of those not done has it so, its history does not"
tampered "a summary's times changed" "UPDATE summary SET acks = zeroblob(8) WHERE day = (SELECT max(day) FROM summary)" \
    "^summary: the summary of .*: the times to acknowledge differ from a recount"

# Cut off cleanly: the last incident and its events taken away, the
# numbering set back, the triggers put back as they were. Nothing in the
# chain tells (only the summaries, numbers kept for speed, still count
# the incident); the head written down earlier does.
cp "$tmp/base.db" clean.db
triggers=$(sqlite3 clean.db "SELECT sql || ';' FROM sqlite_schema WHERE type = 'trigger'")
sqlite3 clean.db "DROP TRIGGER event_no_delete; DROP TRIGGER event_part_no_delete; DROP TRIGGER incident_no_delete; DELETE FROM event_part WHERE event_id IN (SELECT id FROM event WHERE incident_id = 4); DELETE FROM event WHERE incident_id = 4; DELETE FROM incident WHERE id = 4; UPDATE sqlite_sequence SET seq = (SELECT max(id) FROM event) WHERE name = 'event'; UPDATE sqlite_sequence SET seq = 3 WHERE name = 'incident'; DROP TRIGGER event_no_update; DROP TRIGGER event_part_blank_only; DROP TRIGGER incident_student_no_delete; $triggers"
run "$yj" --db clean.db verify
ok "cut off cleanly: the chain alone cannot tell" '[[ $rc == 3 ]] && ! grep -v "^chain: [0-9]* events, head" "$tmp/out" | grep -qv "^summary: "'
ok "cut off cleanly: the summaries still count it" 'grep -q "^summary: the summary of .*the count is 1, a recount says 0" "$tmp/out" && grep -q "admin rebuild-summaries" "$tmp/err"'
run "$yj" --db clean.db verify --anchor "$head"
ok "cut off cleanly: the anchor tells" '[[ $rc == 3 ]] && grep -Eq "^anchor: the history has [0-9]+ events, the anchor was taken at $n" "$tmp/out"'

# The whole history made anew, every hash recomputed (here: by yujing
# itself, with one note said otherwise): intact as a chain, not the one
# the anchor was taken of.
make "$tmp/rewritten.db" 电话接通
run "$yj" --db "$tmp/rewritten.db" verify
ok "rewritten: a chain intact in itself" '[[ $rc == 0 ]] && grep -q "^chain: $n events" "$tmp/out"'
run "$yj" --db "$tmp/rewritten.db" verify --anchor "$head"
ok "rewritten: the anchor tells" '[[ $rc == 3 ]] && grep -Eq "^anchor event $n: event $n is [0-9a-f]{16} now, the anchor says ${head#*:}" "$tmp/out"'

# Several at once: every one is named, not only the first.
cp "$tmp/base.db" many.db
sqlite3 many.db "UPDATE incident SET text = 'x' WHERE id = 1; UPDATE incident SET level = 'x' WHERE id = 2; UPDATE user SET role = 'admin' WHERE login = 'duty'; DROP TRIGGER event_no_update"
run "$yj" --db many.db verify
ok "several at once: each named" '[[ $rc == 3 && $(grep -c "" "$tmp/out") == 5 ]] && grep -q "^incident 1 event [0-9]*: text is x" "$tmp/out" && grep -q "^incident 2 event [0-9]*: level is x" "$tmp/out" && grep -q "^user duty" "$tmp/out" && grep -q "^schema: trigger event_no_update" "$tmp/out"'

# Not a part of the record: a writer of yujing's own may not change the
# schema (the authorizer), nor write the schema table (defensive).
ok "the tampering left the base database as it was" '"$yj" --db "$tmp/base.db" verify >/dev/null'

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
