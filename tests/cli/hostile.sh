#!/usr/bin/env bash
# Hostile text is harmless everywhere. Every input refuses what a
# terminal would act on (ESC sequences, other C0 controls, DEL, C1, and
# in names bidi controls), with one line naming the field, exit 1 and
# the database byte for byte as it was. What is stored anyway (written
# with the sqlite3 shell) reaches no terminal raw: tables, show, tick and
# error messages show escapes; CSV neutralises cells a spreadsheet would
# run (--raw gives them back); JSON is valid and faithful.
# usage: hostile.sh YUJING SOURCE_DIR
. "$(dirname "$0")/lib.sh"
begin "$1" "$2" jq sqlite3
db=$tmp/yj.db

as_admin() {
	YUJING_USER=admin YUJING_PASSWORD=admin-pass-1 "$yj" --db "$db" \
	    --rules "$rules" "$@"
}
# inert FILE...: no byte a terminal acts on: C0 but the new line, DEL, C1
# (as UTF-8) and U+202E.
inert() {
	! LC_ALL=C grep -qP \
	    '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80\xae' "$@"
}
# The output of the last command is inert, stdout and stderr.
quiet() { inert "$tmp/out" "$tmp/err"; }
# hex TEXT: its bytes in upper-case hex, as sqlite3's hex() has them.
hex() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n' | tr a-f A-F; }
# jhex FILTER: the bytes of the string jq finds in the last output.
jhex() { jq -j "$1" "$tmp/out" | od -An -v -tx1 | tr -d ' \n' | tr a-f A-F; }
# dbhex SQL: what the database holds, in hex.
dbhex() { sqlite3 "$db" "SELECT hex(($1))"; }

# ---------------------------------------------------------------------------
# A database with a student, their counselor and department leader, and an
# incident to act on.

run env YUJING_PASSWORD=admin-pass-1 "$yj" --db "$db" --rules "$rules" init
ok "setup: init" '[[ $rc == 0 ]]'
printf '%s\n' 'number,name,gender,department,class,building,room,phone' \
    '2024001,张三,男,计算机学院,计算机2401,3,402,13800000001' \
    '2024002,李四,女,计算机学院,计算机2401,3,403,' >roster.csv
run as_admin import roster roster.csv
ok "setup: roster" '[[ $rc == 0 ]]'
printf '%s\n' 'level,unit,name,phone,title' \
    'counselor,计算机2401,赵老师,13700000001,辅导员' \
    'department,计算机学院,孙院长,13700000003,副院长' >contacts.csv
run as_admin import contacts contacts.csv
ok "setup: contacts" '[[ $rc == 0 ]]'
run as_admin log --category drinking --student 2024001 --text 饮酒
ok "setup: an incident" '[[ $rc == 0 ]]'
n1=$(cat "$tmp/out")

# ---------------------------------------------------------------------------
# Input: each hostile value through each input is refused.

clear=$'\e[2J' title=$'\e]0;title\a' osc52=$'\e]52;c;aGVsbG8=\a'
cr=$'\r' tab=$'\t' del=$'\x7f' csi=$'\xc2\x9b' nel=$'\xc2\x85'
rlo=$'\xe2\x80\xae' lri=$'\xe2\x81\xa6'
big=$(head -c 100000 /dev/zero | tr '\0' x)
# The controls every input refuses; names refuse the bidi ones too.
controls=("$clear" "$title" "$osc52" "$cr" "$tab" "$del" "$csi")
bidi=("$rlo" "$lri")

# refused_as FIELD NAME: exit 1, nothing printed but one line naming the
# field, the database as it was, and the message itself inert.
refused_as() {
	refused "$1" && grep -qF "control" "$tmp/err" && quiet
}

# The description: every C0 control but the new line, DEL, C1.
for c in 01 07 08 09 0b 0c 0d 1b 1f 7f; do
	v="ab$(printf "\\x$c")cd"
	run_same as_admin log --category drinking --text "$v"
	ok "log --text: 0x$c refused" \
	    'refused_as "the description: a control character (U+00${c^^}) at character 3"'
done
for v in "$csi" "$nel" $'\xc2\x80' $'\xc2\x9f'; do
	run_same as_admin log --category drinking --text "x${v}"
	ok "log --text: C1 $(hex "$v") refused" 'refused_as "the description: a control character (U+00"'
done
run_same as_admin log --category drinking --text $'第一行\n第二行\e[2J'
ok "log --text: the place on a later line" 'refused_as "at line 2, character 4"'

# Free text: the controls (a bidi control is shown escaped instead).
# text_input LABEL FIELD COMMAND...: COMMAND gets the value as its last
# argument (an option's value, or --field KEY=VALUE).
text_input() {
	local label=$1 field=$2 v i=0
	shift 2
	for v in "${controls[@]}"; do
		run_same "$@" "x${v}y"
		ok "$label: control #$i refused" 'refused_as "$field: a control character"'
		i=$((i + 1))
	done
	run_same "$@" "$big"
	ok "$label: 100,000 characters refused" 'refused "$field is too long"'
}
text_input "log --text" "the description" \
    as_admin log --category drinking --text
text_input "log --location" "the location" \
    as_admin log --category drinking --text t --location
text_input "log --action" "the action taken" \
    as_admin log --category drinking --text t --action
fieldval() { as_admin log --category drinking --text t --field "place=$1"; }
text_input "log --field place=" "place" fieldval
text_input "note --text" "the text" as_admin note "$n1" --text
text_input "resolve --text" "the text" as_admin resolve "$n1" --text
text_input "reopen --text" "the text" as_admin reopen "$n1" --text
text_input "contacted --text" "the text" \
    as_admin contacted "$n1" --person 赵老师 --result reached --text
text_input "escalate --text" "the reason" as_admin escalate "$n1" --text

# Names: the controls, and bidi controls.
name_input() {
	local label=$1 field=$2 v i=0
	shift 2
	for v in "${controls[@]}"; do
		run_same "$@" "x${v}y"
		ok "$label: control #$i refused" 'refused_as "$field: a control character"'
		i=$((i + 1))
	done
	for v in "${bidi[@]}"; do
		run_same "$@" "x${v}y"
		ok "$label: bidi $(hex "$v") refused" \
		    'refused "$field: a bidi control (U+20" && quiet'
	done
	run_same "$@" "$big"
	ok "$label: 100,000 characters refused" 'refused "$field is too long"'
}
name_input "log --reporter" "the reporter" \
    as_admin log --category drinking --text t --reporter
name_input "contacted --person" "the person" \
    as_admin contacted "$n1" --result reached --person
adduser() {
	YUJING_NEW_PASSWORD=long-enough-1 as_admin user add bob \
	    --role duty_officer --display "$1"
}
name_input "user add --display" "the display name" adduser
fieldkey() { as_admin log --category drinking --text t --field "$1=x"; }
run_same fieldkey "pl${clear}ace"
ok "log --field KEY: a control in the key refused" \
    'refused_as "a field'\''s key: a control character (U+001B)"'

# A bidi control in free text is kept (and shown as an escape).
run as_admin log --category drinking --text "abc${rlo}txt.exe"
ok "log --text: U+202E is accepted in text" '[[ $rc == 0 ]]'
nb=$(cat "$tmp/out")
run as_admin show "$nb"
ok "show: U+202E as an escape" '[[ $rc == 0 ]] && quiet && grep -qF "abc\\u202etxt.exe" "$tmp/out"'

# The roster: one bad cell in any column, and the whole file is refused
# (the good row with it is not saved either).
students() { sqlite3 "$db" 'SELECT count(*) FROM student'; }
before=$(students)
head='number,name,gender,department,class,building,room,phone'
good='2024009,好人,男,计算机学院,计算机2401,3,402,'
cols=(学号 姓名 性别 院系 班级 楼栋 宿舍 电话)
# incell CELL VALUE: VALUE put inside CELL (its ends are trimmed).
incell() { printf '%s%s%s' "${1:0:1}" "$2" "${1:1}"; }
for k in 0 1 2 3 4 5 6 7; do
	for v in "${controls[k % 7]}" "${bidi[k % 2]}"; do
		row=(2024010 坏人 男 计算机学院 计算机2401 3 404 138)
		row[k]=$(incell "${row[k]}" "$v")
		# Quoted, so that a CR stays inside its cell.
		line=$(printf '"%s",' "${row[@]}")
		printf '%s\n%s\n%s\n' "$head" "$good" "${line%,}" >bad.csv
		run_same as_admin import roster bad.csv
		ok "roster: $(hex "$v") in ${cols[k]} refused" \
		    '[[ $rc == 1 && $same == yes && ! -s $tmp/out && $(students) == "$before" ]] &&
		    grep -qF "bad.csv:3: ${cols[k]} (" "$tmp/err" && grep -qE "a (control character|bidi control)" "$tmp/err" &&
		    [[ $(tail -n1 "$tmp/err") == "yujing: 1 bad row; nothing was imported" ]] && quiet'
	done
done
printf '%s\n%s\n2024011,%s,男,计算机学院,计算机2401,3,402,\n' "$head" "$good" \
    "$big" >big.csv
run_same as_admin import roster big.csv
ok "roster: a 100,000-character name refused" \
    '[[ $rc == 1 && $same == yes && $(students) == "$before" ]] && grep -q "^big.csv:3: .*longer than" "$tmp/err"'

# The contacts: the same, cell by cell; nothing of the file is saved.
chead='level,unit,name,phone,title'
cgood='counselor,计算机2401,钱老师,13700000002,辅导员'
ccols=(层级 单位 姓名 电话 职务)
for k in 0 1 2 3 4; do
	for v in "${controls[k + 2]}" "${bidi[k % 2]}"; do
		row=(counselor 计算机2401 坏老师 137 辅导员)
		row[k]=$(incell "${row[k]}" "$v")
		line=$(printf '"%s",' "${row[@]}")
		printf '%s\n%s\n%s\n' "$chead" "$cgood" "${line%,}" >badc.csv
		run_same as_admin import contacts badc.csv
		ok "contacts: $(hex "$v") in ${ccols[k]} refused" \
		    '[[ $rc == 1 && $same == yes && ! -s $tmp/out ]] &&
		    grep -qF "badc.csv:3: ${ccols[k]} (" "$tmp/err" &&
		    [[ $(tail -n1 "$tmp/err") == "yujing: 1 bad row; nothing was imported" ]] && quiet'
	done
done

# Formulas are text like any other: accepted, and neutralised in CSV.
run as_admin log --category drinking --student 2024002 \
    --text '=HYPERLINK("http://x","y")' --location '@SUM(1)'
ok "log: a formula is accepted as text" '[[ $rc == 0 ]]'
nf=$(cat "$tmp/out")
run as_admin log --category drinking --text '+1' --location '-1'
ok "log: +1 and -1 are accepted as text" '[[ $rc == 0 ]]'
ns=$(cat "$tmp/out")
run as_admin log --category drinking --text plain
nt=$(cat "$tmp/out")

# ---------------------------------------------------------------------------
# Output: hostile values written around yujing.

H="'a' || char(27) || '[2J' || char(27) || ']0;title' || char(7) ||
    char(27) || ']52;c;aGVsbG8=' || char(7) ||
    char(1, 8, 9, 11, 12, 13, 31, 127, 133, 155, 8238) || 'z'"
run sqlite3 "$db" "
    UPDATE incident SET text = $H || char(10) || 'line two' || char(13),
        location = $H, reporter = $H, actions = $H, resolution = $H,
        category_name = $H, ack_due = 1
        WHERE id = $n1;
    UPDATE student SET name = '张' || $H WHERE number = '2024001';
    UPDATE incident_student SET name = '张' || $H WHERE number = '2024001';
    INSERT OR REPLACE INTO incident_field (incident_id, field, value)
        VALUES ($n1, 'place', $H);
    UPDATE person SET name = '孙' || $H WHERE name = '孙院长';
    UPDATE user SET display = '=cmd|'' /C calc''!A0' WHERE login = 'admin';
    UPDATE incident SET location = char(9) || 'tab', text = char(13) || 'cr'
        WHERE id = $nt;"
ok "setup: written with sqlite3" '[[ $rc == 0 && $(dbhex "SELECT text FROM incident WHERE id = $n1") == *1B5B324A* ]]'

run as_admin list
ok "list (table): inert" '[[ $rc == 0 ]] && quiet'
ok "list (table): the name as escapes" 'grep -qF "张a\\x1b[2J\\x1b]0;" "$tmp/out"'
ok "list (table): one line per incident" '[[ $(wc -l <"$tmp/out") == $(( $(sqlite3 "$db" "SELECT count(*) FROM incident") + 1 )) ]]'
run as_admin list --format table --open
ok "list --format table: inert" '[[ $rc == 0 ]] && quiet'

run as_admin show "$n1"
ok "show: inert" '[[ $rc == 0 ]] && quiet'
ok "show: escapes" 'grep -qF "\\x1b]52;c;aGVsbG8=\\x07\\x01\\x08\\t\\x0b\\x0c\\r\\x1f\\x7f\\u0085\\u009b\\u202ez" "$tmp/out"'
ok "show: the description keeps its new line" 'grep -qxF "line two\\r" "$tmp/out"'
ok "show: the field, the reporter, the resolution" \
    '[[ $(grep -cF "a\\x1b[2J" "$tmp/out") -ge 7 ]]'
run as_admin show "$n1" --format table
ok "show --format table: inert" '[[ $rc == 0 && -s $tmp/out ]] && quiet'
run as_admin show "$nt"
ok "show: a text starting with a CR" '[[ $rc == 0 ]] && quiet && grep -qxF "\\rcr" "$tmp/out"'

run as_admin user list
ok "user list (table): inert" '[[ $rc == 0 ]] && quiet && grep -qF "=cmd|" "$tmp/out"'

run as_admin tick
ok "tick: its lines inert" '[[ $rc == 0 && -s $tmp/out ]] && quiet'
ok "tick: the person's name as escapes" 'grep -qF "孙a\\x1b[2J\\x1b]0;title\\x07" "$tmp/out"'
ok "tick: one line per action" '[[ $(grep -c "^#[0-9]* [a-z_]* [a-z_]*: " "$tmp/out") == $(wc -l <"$tmp/out") ]]'

# Errors quote what was given, or what is stored: inert too.
run as_admin show "1${clear}${title}"
ok "error: an id" '[[ $rc == 1 ]] && err1 "is not an incident id" && quiet && grep -qF "\\x1b[2J" "$tmp/err"'
run as_admin list --category "x${osc52}"
ok "error: a category" '[[ $rc == 1 ]] && err1 "unknown category" && quiet'
run as_admin "x${clear}"
ok "error: a command" '[[ $rc == 2 ]] && grep -qF "unknown command '\''x\\x1b[2J'\''" "$tmp/err" && quiet'
run as_admin escalate "$n1" --to "x${title}" --text why
ok "error: escalate --to" '[[ $rc == 1 ]] && err1 "is not a rung" && quiet'
run as_admin import roster "no${clear}.csv"
ok "error: a file name" '[[ $rc == 1 ]] && err1 "no\\x1b[2J.csv: No such file" && quiet'
printf 'version: 1\n"bad\\e]0;t\\akey": 1\n' >bad.yaml
run "$yj" check-rules bad.yaml
ok "error: the policy's diagnostics" '[[ $rc == 1 && -s $tmp/err ]] && quiet && grep -qF "bad\\x1b]0;t\\x07key" "$tmp/err"'

# ---------------------------------------------------------------------------
# CSV: cells a spreadsheet would run get a ' in front; --raw as stored.

csvq() { sqlite3 -json :memory: ".import --csv $1 t" "$2"; }
cell() { csvq "$1" "SELECT $2 AS v FROM t WHERE id = '$3'" | jq -j '.[0].v'; }
run as_admin list --format csv
ok "csv: written" '[[ $rc == 0 ]]'
cp "$tmp/out" list.csv
ok "csv: =HYPERLINK neutralised" '[[ $(cell list.csv text "$nf") == "'\''=HYPERLINK(\"http://x\",\"y\")" ]]'
ok "csv: @SUM neutralised" '[[ $(cell list.csv location "$nf") == "'\''@SUM(1)" ]]'
ok "csv: +1 and -1 in text cells neutralised" '[[ $(cell list.csv text "$ns") == "'\''+1" && $(cell list.csv location "$ns") == "'\''-1" ]]'
exp_tab=$'\'\ttab' exp_cr=$'\'\rcr'
ok "csv: a tab or a CR first neutralised" '[[ $(cell list.csv location "$nt") == "$exp_tab" && $(cell list.csv text "$nt") == "$exp_cr" ]]'
ok "csv: the id column is a number" '[[ $(grep -c "^'\''" list.csv) == 0 ]] && grep -q "^$nf," list.csv'
run as_admin list --format csv --raw
cp "$tmp/out" raw.csv
ok "csv --raw: the formula as stored" '[[ $(cell raw.csv text "$nf") == "=HYPERLINK(\"http://x\",\"y\")" && $(cell raw.csv location "$nf") == "@SUM(1)" ]]'
ok "csv --raw: -1, a tab as stored" '[[ $(cell raw.csv location "$ns") == -1 && $(cell raw.csv location "$nt") == $'\''\t'\''tab ]]'
ok "csv --raw: hostile text byte for byte" \
    '[[ $(csvq raw.csv "SELECT hex(text) AS v FROM t WHERE id = '\''$n1'\''" | jq -r ".[0].v") == $(dbhex "SELECT text FROM incident WHERE id = $n1") ]]'
run as_admin user list --format csv
ok "user list csv: a display name neutralised" 'grep -qF ",'\''=cmd|" "$tmp/out"'
run as_admin user list --format csv --raw
ok "user list csv --raw" 'grep -qF ",=cmd|" "$tmp/out"'
run as_admin report timeliness --format csv
ok "report csv: counts stay numbers" '[[ $rc == 0 ]] && ! grep -q ",'\''[0-9-]" "$tmp/out"'

# ---------------------------------------------------------------------------
# JSON: valid, and what jq decodes is what is stored.

run as_admin show "$n1" --format json
ok "show json: valid" '[[ $rc == 0 ]] && jq -e . "$tmp/out" >/dev/null'
ok "show json: C0 and DEL escaped" '! LC_ALL=C grep -qP "[\x00-\x09\x0b-\x1f\x7f]" "$tmp/out"'
for f in text location resolution actions; do
	ok "show json: .$f as stored" \
	    '[[ $(jhex ".$f") == $(dbhex "SELECT $f FROM incident WHERE id = $n1") ]]'
done
ok "show json: the reporter as stored" \
    '[[ $(jhex ".reporter.name") == $(dbhex "SELECT reporter FROM incident WHERE id = $n1") ]]'
ok "show json: the student's name as stored" \
    '[[ $(jhex ".students[0].name") == $(dbhex "SELECT name FROM incident_student WHERE incident_id = $n1") ]]'
ok "show json: the field as stored" \
    '[[ $(jhex ".fields.place") == $(dbhex "SELECT value FROM incident_field WHERE incident_id = $n1 AND field = '\''place'\''") ]]'
run as_admin list --format json
ok "list json: valid, faithful" '[[ $rc == 0 && $(jq -j ".[] | select(.id == $n1) | .text" "$tmp/out" | od -An -v -tx1 | tr -d " \n" | tr a-f A-F) == $(dbhex "SELECT text FROM incident WHERE id = $n1") ]]'
run as_admin tick --format json
ok "tick json: valid" '[[ $rc == 0 ]] && jq -e . "$tmp/out" >/dev/null'

# Last: a category the policy does not know, quoted by an error.
sqlite3 "$db" "UPDATE incident SET category = 'x' || char(27) || '[2J' WHERE id = $n1"
run as_admin contacts "$n1"
ok "error: a stored category" '[[ $rc == 1 ]] && err1 "the policy no longer has category x\\x1b[2J" && quiet'

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
