#!/usr/bin/env bash
# The meeting's numbers on a fixed night, worked out by hand: counts, open
# and resolved, medians and 90th percentiles by nearest rank, late
# reports, late acknowledgements (never acknowledged among them),
# skip-level cases; a small restricted group shown as <5 and nothing
# more; the groupings by hour and by week; who may ask. The export: CSV
# (a row per incident or per event), JSON, a BOM, GBK; restricted ones as
# the exporter may see them; every export on record.
# The same as workbooks (--format xlsx), read back with the project's
# reader: each sheet's cells and types, the charts and what they draw,
# the reader's language; a file that is complete or not there.
# usage: stats.sh YUJING SOURCE_DIR SHEET_DUMP
# Needs faketime (libfaketime), jq and sqlite3.
. "$(dirname "$0")/lib.sh"
begin "$1" "$2" faketime jq sqlite3
sd=$3

export YUJING_USER=admin YUJING_PASSWORD=admin-pass-1
rf=$rules
at() {
	local t=$1
	shift
	faketime "$t" "$yj" --db "$db" --rules "$rf" "$@"
}
D=2026-03-10 E=2026-03-11
db=$tmp/y.db
cat >roster.csv <<'EOF'
number,name,gender,department,class,building,room,phone
2024001,张三,男,计算机学院,计算机2401,3,402,13800000001
2024002,李四,女,计算机学院,计算机2401,3,403,13800000002
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
run at "$D 20:00:00" init
run at "$D 20:00:00" import roster roster.csv
run at "$D 20:00:00" import contacts contacts.csv
YUJING_NEW_PASSWORD=duty-pass-11 run at "$D 20:00:00" user add duty1 --role duty_officer
ok "setup" '[[ $rc == 0 ]]'

# log TIME OCCURRED [ARGS]: a night absence of 张三; its id in $id.
log() {
	local t=$1 occ=$2
	shift 2
	run at "$D $t:00" log --category night_absence --student 2024001 \
	    --occurred "$D $occ" --field last_seen=19:00 --text 未归 "$@"
	id=$(cat "$tmp/out")
}
log 22:00 22:00; a1=$id
run at "$D 22:10:00" ack "$a1" --for 赵老师         # 600 s
run at "$D 23:00:00" resolve "$a1" --text 已返回     # 3600 s
log 22:20 22:20; a2=$id
run at "$D 22:49:00" ack "$a2" --for 赵老师         # 1740 s
run at "$E 00:20:00" resolve "$a2" --text 已返回     # 7200 s
log 22:30 22:30 --severity major; a6=$id          # skip-level: starts higher
run at "$D 22:40:00" ack "$a6" --for 学生处值班室    # 600 s
log 23:00 23:00; a3=$id
log 23:10 23:10; a4=$id                            # never acknowledged
log 23:30 20:00; a5=$id                            # reported 3.5 h late
run at "$D 23:31:00" tick                          # a3 climbs: 23:30 passed
run at "$D 23:35:00" ack "$a5" --for 赵老师         # 300 s
run at "$D 23:41:00" tick                          # a4 climbs
run at "$D 23:45:00" ack "$a3" --for 孙院长         # 2700 s, late
run at "$D 23:50:00" resolve "$a5" --text 已返回     # 1200 s
ok "setup: six absences" '[[ $a1 && $a2 && $a3 && $a4 && $a5 && $a6 ]]'
# Drinking in a room at 20:30, acknowledged at 23:00: 2h30m against the
# counselor's 2h, with no tick between to climb it (late all the same).
run at "$D 20:30:00" log --category drinking --room 3-403 --occurred 20:30 \
    --text 宿舍饮酒
dr=$(cat "$tmp/out")
run at "$D 23:00:00" ack "$dr" --for 赵老师
ok "setup: the drinking, acknowledged late" '[[ $rc == 0 && $dr ]]'
for t in 22:15 23:20; do
	run at "$D $t:00" log --category mental_health --student 2024002 \
	    --field risk=中 --text 情绪低落
done
ok "setup: two mental-health cases (restricted)" '[[ $rc == 0 ]]'
# Five absences of one student in a night: the policy's early warnings
# raise two incidents of their own (department level), as they happened.
run at "$E 01:00:00" list --category early_warning --format json
ok "a list as JSON: on record as an export, its count not known" '[[ $(sqlite3 "$db" "SELECT json_extract(payload, '"'"'\$.format'"'"') || coalesce(json_extract(payload, '"'"'\$.incidents'"'"'), '"'"'-'"'"') FROM event WHERE kind = '"'"'exported'"'"'") == json- ]]'
ok "setup: two early warnings raised" '[[ $(j length) == 2 ]]'

run at "$E 01:00:00" report stats --from "$D" --to "$E 12:00" --format json
ok "json: from, to, by" '[[ $rc == 0 && $(j .by) == category && $(j .from) == 2026-03-10T00:00:00+08:00 && $(j .to) == 2026-03-11T12:00:00+08:00 ]]'
g() { j ".groups[] | select(.key == \"$1\") | $2"; }
ok "absences: 6, 3 open, 3 resolved" '[[ $(g night_absence "[.count, .open, .resolved] | join(\",\")") == 6,3,3 ]]'
# Acknowledged after 300, 600, 600, 1740, 2700 s (a4 never): rank 3 of 5
# is the median, rank 5 the 90th percentile.
ok "absences: acknowledgement median 600 s, p90 2700 s" '[[ $(g night_absence "[.ack_median_s, .ack_p90_s] | join(\",\")") == 600,2700 ]]'
# Resolved after 1200, 3600, 7200 s: rank 2 and rank 3.
ok "absences: resolution median 3600 s, p90 7200 s" '[[ $(g night_absence "[.resolve_median_s, .resolve_p90_s] | join(\",\")") == 3600,7200 ]]'
ok "absences: one late report, two late acknowledgements (one never), one skip-level" '[[ $(g night_absence "[.late_reports, .overdue_acks, .skip_level] | join(\",\")") == 1,2,1 ]]'
ok "absences: the name in the reader's language" '[[ $(g night_absence .name) == "Staying out overnight" ]]'
ok "drinking: one late acknowledgement, though nothing climbed" '[[ $(g drinking "[.count, .overdue_acks, .ack_median_s] | join(\",\")") == 1,1,9000 ]]'
ok "mental health: <5, nothing else" '[[ $(g mental_health .count) == "<5" && $(g mental_health "keys | join(\",\")") == "count,key,name" ]]'

run at "$E 01:00:00" report stats --from "$D" --to "$E 12:00" --by hour --format json
# 20:00 a5; 22:xx a1 a2 a6 and a warning; 23:xx a3 a4 and the other
# warning. The two mental-health cases (fewer than 5) are counted apart:
# in the hours, one subtraction would tell which hour each was.
ok "by hour: 20, 22 and 23 o'\''clock, the small restricted category apart" '[[ $(j "[.groups[] | \"\(.key)=\(.count)\"] | join(\",\")") == "20=2,22=4,23=3,restricted=<5" && $(j ".groups[] | select(.key == \"restricted\") | keys | join(\",\")") == "count,key,name" ]]'
run at "$E 01:00:00" report stats --from "$D" --to "$E 12:00" --by week --format json
ok "by week: the ISO week" '[[ $(j "[.groups[] | \"\(.key)=\(.count)\"] | join(\",\")") == "2026-W11=9,restricted=<5" ]]'
run at "$E 01:00:00" report stats --from "$D" --to "$E 12:00" --by level --format json
ok "by level: where each started (the policy's order)" '[[ $(j "[.groups[] | \"\(.key)=\(.count)\"] | join(\",\")") == "counselor=6,department=2,student_affairs=1,restricted=<5" ]]'
run at "$E 01:00:00" report stats --from "$D" --to "$E 12:00" --by class --format json
ok "by class: counted, none named" '[[ $(j ".groups[] | select(.key == \"计算机2401\") | .count") == 9 ]] && ! grep -q 李四 "$tmp/out"'
run at "$E 01:00:00" report stats --from "$D" --to "$E 12:00" --format md
ok "markdown: a table" '[[ $rc == 0 ]] && grep -q "^| category | count |" "$tmp/out" && grep -q "^| Staying out overnight | 6 | 3 | 3 |" "$tmp/out"'
run at "$E 01:00:00" report stats --from "$D" --to "$E 12:00" --format csv
ok "csv: the small group as <5" '[[ $rc == 0 ]] && grep -q "^mental_health,.*,<5," "$tmp/out"'

# A policy with min_group 2: the pair is shown.
rf=$tmp/rules2.yaml
{ cat "$rules"; printf 'reports:\n  min_group: 2\n'; } >"$rf"
run at "$E 01:00:00" report stats --from "$D" --to "$E 12:00" --format json
ok "min_group 2: the two mental-health cases counted in full" '[[ $(g mental_health .count) == 2 && $(g mental_health .open) == 2 ]]'
run at "$E 01:00:00" report stats --from "$D" --to "$E 12:00" --by hour --format json
ok "min_group 2: but not in their hours (one an hour would single each out)" '[[ $(j "[.groups[] | \"\(.key)=\(.count)\"] | join(\",\")") == "20=2,22=4,23=3,restricted=2" ]]'
run at "$E 01:00:00" report stats --from "$D" --to "$E 12:00" --by week --format json
ok "min_group 2: in their week, the two together" '[[ $(j "[.groups[] | \"\(.key)=\(.count)\"] | join(\",\")") == "2026-W11=11" ]]'
{ cat "$rules"; printf 'reports:\n  min_group: 0\n'; } >"$rf"
run at "$E 01:00:00" report stats
ok "min_group 0: refused with where" '[[ $rc != 0 ]] && grep -q "rules2.yaml:[0-9]*:[0-9]*: min_group must be 1 or more" "$tmp/err"'
rf=$rules

YUJING_USER=duty1 YUJING_PASSWORD=duty-pass-11 run at "$E 01:00:00" report stats
ok "a duty officer may not ask for the meeting's numbers" '[[ $rc == 1 && ! -s $tmp/out ]] && err1 "may not see the reports"'
run at "$E 01:00:00" report stats --by student
ok "--by something else: usage" '[[ $rc == 2 ]]'

# The patterns: who comes up again, restricted ones only counted.
run at "$E 01:00:00" report patterns --from "$D" --to "$E 12:00" --format json
ok "patterns: the student, the absences and the warnings (not the other student's restricted cases)" '[[ $rc == 0 && $(j "[.students[] | \"\(.key)=\(.count)\"] | join(\",\")") == "2024001=8" ]] && ! grep -q 李四 "$tmp/out"'
ok "patterns: six absences of the same student" '[[ $(j ".repeats[] | select(.category == \"night_absence\") | \"\(.key)=\(.count)\"") == "2024001=6" ]]'
ok "patterns: the restricted category counted, by category only, and too few to tell (<5)" '[[ $(j "[.restricted[] | \"\(.key)=\(.count)\"] | join(\",\")") == "mental_health=<5" && $(j ".warnings | length") -ge 1 ]]'
ok "patterns: every section there" '[[ $(j "[keys[]] | join(\",\")") == "classes,from,repeats,restricted,rooms,students,to,warnings" ]]'
run at "$E 01:00:00" report patterns --from "$D" --to "$E 12:00"
ok "patterns (text): headed sections" '[[ $rc == 0 ]] && grep -q "^Students with the most incidents" "$tmp/out" && grep -q "^  2024001 张三  8" "$tmp/out"'
YUJING_USER=duty1 YUJING_PASSWORD=duty-pass-11 run at "$E 01:00:00" report patterns
ok "patterns: not for a duty officer" '[[ $rc == 1 ]] && err1 "may not see the reports"'
run at "$E 01:00:00" report stats --top 3
ok "stats: --top refused, not ignored" '[[ $rc == 2 ]] && err1 "--top is for '"'"'report patterns'"'"' only"'
run at "$E 01:00:00" report stats --from yesterday
ok "stats: a bad date told as typed, with what a date is" '[[ $rc != 0 ]] && err1 "--from yesterday: " && err1 "a date here is YYYY-MM-DD"'
run at "$E 01:00:00" report stats --from 2026-13-01
ok "stats: a bad month, without a time never typed" '[[ $rc != 0 ]] && err1 "--from 2026-13-01: " && ! grep -q "00:00" "$tmp/err"'

# ---------------------------------------------------------------------------
# The export: every incident with its history, as the exporter may see it,
# on record before it leaves.

# The exports of the export command (a list as JSON is one too, counted
# by nobody: no "incidents").
ex() { sqlite3 "$db" "SELECT count(*) FROM event WHERE kind = 'exported' AND json_extract(payload, '\$.incidents') IS NOT NULL"; }
YUJING_USER=duty1 YUJING_PASSWORD=duty-pass-11 run at "$E 02:00:00" export --from "$D" --to "$E"
ok "export csv: a header and a row per incident, oldest first" '[[ $rc == 0 && $(wc -l <"$tmp/out") == 12 ]] && head -1 "$tmp/out" | grep -q "^id,occurred_at,reported_at,category," && [[ $(sed -n 2p "$tmp/out" | cut -d, -f1) == "$a5" && $(sed -n 3p "$tmp/out" | cut -d, -f1) == "$dr" ]]'
ok "export csv: what a duty officer may not read is a stub" '[[ $(grep -c ",mental_health,.*,true" "$tmp/out") == 2 ]] && ! grep -q 情绪低落 "$tmp/out" && grep -q 未归 "$tmp/out"'
ok "export: on record, who and what range" '[[ $(ex) == 1 && $(sqlite3 "$db" "SELECT actor FROM event WHERE kind = '"'"'exported'"'"' AND json_extract(payload, '"'"'\$.incidents'"'"') IS NOT NULL") == duty1 ]]'
run at "$E 02:00:00" export --from "$D" --to "$E" --events
ok "export --events: a row per event, in words" '[[ $rc == 0 ]] && head -1 "$tmp/out" | grep -q "^incident,event,at,actor," && grep -q "^$a1,[0-9]*,.*,acknowledged," "$tmp/out" && [[ $(grep -c "^$a1," "$tmp/out") -ge 3 ]]'
run at "$E 02:00:00" export --from "$D" --to "$E" --format json
ok "export json: incidents with their events" '[[ $rc == 0 && $(j length) == 11 && $(j "[.[] | select(.id == $a3) | .events[].kind] | index(\"escalated\")") != null ]]'
run at "$E 02:00:00" export --from "$D" --to "$E" --bom
ok "export --bom: the BOM first" '[[ $rc == 0 && $(head -c 3 "$tmp/out" | od -An -tx1 | tr -d " ") == efbbbf ]]'
run at "$E 02:00:00" export --from "$D" --to "$E" --encoding gbk
ok "export --encoding gbk: GB18030 that reads back" '[[ $rc == 0 ]] && ! iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1 && iconv -f GB18030 -t UTF-8 "$tmp/out" | grep -q 未归'
run_same at "$E 02:00:00" export --format json --bom
ok "export: --bom with json refused" '[[ $rc == 2 && $same == yes ]]'
ok "five exports on record" '[[ $(ex) == 5 ]]'

# ---------------------------------------------------------------------------
# Workbooks: the meeting's numbers and the export as Excel files.

# dump FILE SHEET: the sheet read back into $tmp/SHEET.tsv.
dump() { "$sd" "$1" "$2" >"$tmp/$2.tsv"; }
# cell SHEET ROW COL: a cell of it (1-based), TYPE:TEXT.
cell() { awk -F'\t' -v r="$2" -v c="$3" 'NR == r { print $c }' "$tmp/$1.tsv"; }
# row_of SHEET TEXT: the first row holding TEXT.
row_of() { grep -n -F -- "$2" "$tmp/$1.tsv" | head -1 | cut -d: -f1; }
q="'"

run at "$E 01:00:00" report stats --from "$D" --to "$E 12:00" --format xlsx \
    --output meeting.xlsx
ok "xlsx: the meeting's workbook written, its name told" '[[ $rc == 0 && $(cat "$tmp/out") == meeting.xlsx && -s meeting.xlsx && ! -s $tmp/err ]]'
ok "xlsx: a sheet per grouping, the timeliness, what it holds" '[[ $("$sd" --sheets meeting.xlsx | paste -sd,) == "By week,By category,By severity,By level,By department,By class,By building,By hour,Timeliness by level,About this workbook" ]]'
dump meeting.xlsx "By category"
ok "xlsx: the header row, the grouping's name first" '[[ $(cell "By category" 1 1) == "s:Category" && $(cell "By category" 1 2) == "s:Number of incidents" && $(cell "By category" 1 6) == "s:Time to acknowledge (90%)" ]]'
r=$(row_of "By category" "s:Staying out overnight")
# The numbers of the JSON above: counts as numbers, durations as Excel's
# [h]:mm (600 s 0:10, 2700 s 0:45, 3600 s 1:00, 7200 s 2:00).
ok "xlsx: the absences' row, numbers as numbers and durations as [h]:mm" '[[ $r && $(sed -n "${r}p" "$tmp/By category.tsv") == "$(printf "s:Staying out overnight\tn:6\tn:3\tn:3\tn:0:10\tn:0:45\tn:1:00\tn:2:00\tn:1\tn:2\tn:1")" ]]'
r=$(row_of "By category" "s:Mental-health problem")
ok "xlsx: the small restricted category as <5 and nothing more" '[[ $r && $(cell "By category" "$r" 2) == "s:<5" && -z $(cell "By category" "$r" 3) ]]'
dump meeting.xlsx "By week"
ok "xlsx: by week, the week and the group counted apart" '[[ $(cell "By week" 2 1) == "s:2026-W11" && $(cell "By week" 2 2) == "n:9" && $(cell "By week" 3 2) == "s:<5" ]]'
"$sd" --charts meeting.xlsx >"$tmp/charts"
ok "xlsx: five charts (per week, ack time per week, per category, ack time per category, per level)" '[[ $(head -1 "$tmp/charts") == 5 ]]'
ok "xlsx: incidents per week in upright bars, of the weeks only (not the group apart)" '[[ $(sed -n 2p "$tmp/charts") == "col ${q}By week${q}!\$A\$2 ${q}By week${q}!\$B\$2" ]]'
ok "xlsx: the time to acknowledge per week, a line of column E" '[[ $(sed -n 3p "$tmp/charts") == "line ${q}By week${q}!\$A\$2 ${q}By week${q}!\$E\$2" ]]'
ok "xlsx: per category in lying bars" '[[ $(sed -n 4p "$tmp/charts" | cut -d" " -f1) == bar ]] && sed -n 4p "$tmp/charts" | grep -qF "${q}By category${q}!\$B\$2:"'
ok "xlsx: the time to acknowledge by level, of its median column (F)" '[[ $(sed -n 6p "$tmp/charts") == "bar ${q}Timeliness by level${q}!\$A\$2:\$A\$4 ${q}Timeliness by level${q}!\$F\$2:\$F\$4" ]]'
dump meeting.xlsx "About this workbook"
ok "xlsx: what it holds, from when, made when and by whom" '[[ $(cell "About this workbook" 2 2) == "s:The meeting${q}s numbers" && $(cell "About this workbook" 3 2) == "d:2026-03-10" && $(cell "About this workbook" 4 2) == "d:2026-03-11 11:59" && $(cell "About this workbook" 5 2) == "d:2026-03-11 01:00" && $(cell "About this workbook" 6 2) == s:系统管理员 ]]'
LANG=zh_CN.UTF-8 run at "$E 01:00:00" report stats --from "$D" --to "$E 12:00" \
    --format xlsx --output 例会.xlsx
ok "xlsx in Chinese: the sheets in the reader's language" '[[ $rc == 0 && $("$sd" --sheets 例会.xlsx | paste -sd,) == "按周,按类别,按紧急程度,按层级,按院系,按班级,按楼栋,按时段,各层级时效,说明" ]]'
dump 例会.xlsx 按类别
ok "xlsx in Chinese: the headings, and the category as the policy names it" '[[ $(cell 按类别 1 1) == "s:类别" && $(cell 按类别 1 2) == "s:事件数" && $(row_of 按类别 "s:夜不归宿") ]]'
run at "$E 01:00:00" report stats --by week --from "$D" --to "$E 12:00" \
    --format xlsx --output week.xlsx
ok "xlsx --by week: that sheet alone, with its charts" '[[ $rc == 0 && $("$sd" --sheets week.xlsx | paste -sd,) == "By week,About this workbook" && $("$sd" --charts week.xlsx | head -1) == 2 ]]'
run at "$E 01:00:00" report timeliness --by level --from "$D" --to "$E 12:00" \
    --format xlsx --output timely.xlsx
dump timely.xlsx "Timeliness by level"
r=$(row_of "Timeliness by level" "s:Counselor")
ok "xlsx timeliness: the counselor's row, the worst 2h30m as 2:30" '[[ $rc == 0 && $r && $(cell "Timeliness by level" 1 2) == "s:Received" && $(cell "Timeliness by level" "$r" 7) == "n:2:30" ]]'
run at "$E 01:00:00" report followups --format xlsx --output fu.xlsx
dump fu.xlsx Follow-ups
ok "xlsx followups: a sheet headed as the table" '[[ $rc == 0 && $(cell Follow-ups 1 1) == "s:Follow-up" && $(cell Follow-ups 1 2) == "s:Asked for" ]]'

run at "$E 01:00:00" report stats --format xlsx
ok "xlsx without --output: usage, and what to add" '[[ $rc == 2 ]] && err1 "give it with --output FILE"'
run at "$E 01:00:00" report stats --output x.xlsx
ok "--output without xlsx: refused, not ignored" '[[ $rc == 2 && ! -e x.xlsx ]] && err1 "--output is for --format xlsx"'
run at "$E 01:00:00" report patterns --format xlsx --output x.xlsx
ok "patterns as xlsx: refused" '[[ $rc == 2 && ! -e x.xlsx ]]'
run at "$E 01:00:00" report stats --format xlsx --output /nonexistent/x.xlsx
ok "xlsx into a directory that is not there: the path told" '[[ $rc == 1 ]] && err1 "/nonexistent/x.xlsx"'
mkdir taken
run at "$E 01:00:00" report stats --format xlsx --output taken
ok "xlsx onto a directory: refused, nothing left behind" '[[ $rc == 1 && -d taken ]] && err1 "taken"'
cp meeting.xlsx kept.xlsx
YUJING_USER=duty1 YUJING_PASSWORD=duty-pass-11 run at "$E 01:00:00" report stats --format xlsx --output kept.xlsx
ok "xlsx: not for a duty officer, and the file there kept as it was" '[[ $rc == 1 && $(fp kept.xlsx) == $(fp meeting.xlsx) ]] && err1 "may not see the reports"'
ok "xlsx: nothing of the writer's left in the directory" '[[ $(ls -A . | grep -c "^\.") == 0 ]]'

YUJING_USER=duty1 YUJING_PASSWORD=duty-pass-11 run at "$E 02:00:00" export --from "$D" --to "$E" --format xlsx --output export.xlsx --events
ok "export xlsx: the incidents, then their histories" '[[ $rc == 0 && $("$sd" --sheets export.xlsx | paste -sd,) == "All incidents,Their histories" ]]'
dump export.xlsx "All incidents"
ok "export xlsx: a header and a row per incident, oldest first" '[[ $(wc -l <"$tmp/All incidents.tsv") == 12 && $(cell "All incidents" 1 1) == s:ID && $(cell "All incidents" 2 1) == "n:$a5" && $(cell "All incidents" 3 1) == "n:$dr" ]]'
r=$(row_of "All incidents" "n:$a1	")
ok "export xlsx: times as times, names in the reader's language" '[[ $r && $(cell "All incidents" "$r" 2) == "d:2026-03-10 22:00" && $(cell "All incidents" "$r" 4) == "s:Staying out overnight" && $(cell "All incidents" "$r" 8) == "s:2024001 张三" ]]'
ok "export xlsx: what a duty officer may not read is a stub" '[[ $(grep -c "s:yes$" "$tmp/All incidents.tsv") == 2 ]] && ! grep -q 情绪低落 "$tmp/All incidents.tsv" && ! grep -q 李四 "$tmp/All incidents.tsv"'
dump export.xlsx "Their histories"
ok "export xlsx: the histories in words, none of the stubs'" '[[ $(grep -c "^n:$a1	" "$tmp/Their histories.tsv") -ge 3 ]] && grep -q "^n:$a1	n:[0-9]*	d:2026-03-10 22:10	s:[^	]*	s:acknowledged" "$tmp/Their histories.tsv" && ! grep -q 情绪低落 "$tmp/Their histories.tsv"'
ok "export xlsx: on record as xlsx" '[[ $(ex) == 6 && $(sqlite3 "$db" "SELECT count(*) FROM event WHERE kind = ${q}exported${q} AND payload LIKE ${q}%xlsx%${q}") == 1 ]]'
run at "$E 02:00:00" export --format xlsx
ok "export xlsx without --output: usage" '[[ $rc == 2 ]] && err1 "give it with --output FILE"'
run at "$E 02:00:00" export --format xlsx --output e.xlsx --bom
ok "export xlsx --bom: refused" '[[ $rc == 2 && ! -e e.xlsx ]] && err1 "--bom and --encoding are for csv"'
ok "export: the refused ones not on record" '[[ $(ex) == 6 ]]'
run sh -c 'faketime "$0" "$1" --db "$2" --rules "$3" export >/dev/full' \
    "$E 02:00:00" "$yj" "$db" "$rf"
ok "export >/dev/full: status 4, the cause and that it is on record, once" '[[ $rc == 4 && $(ex) == 7 ]] && err1 "No space left on device (the export is on record)"'
run at "$E 02:10:00" verify
ok "verify: the record whole" '[[ $rc == 0 ]]'

# ---------------------------------------------------------------------------
# Timeliness after a reopening, and for someone not on record at the rung.

run at "$E 03:00:00" report timeliness --by level --format json
c0=$(j '.[] | select(.key == "counselor") | .acknowledged_in_time + .acknowledged_late')
ok "timeliness: the counselor's worst is the drinking, 2h30m" '[[ $(j ".[] | select(.key == \"counselor\") | .worst_ack") == 9000 ]]'
run at "$E 03:00:00" reopen "$a1" --text 又不在宿舍
run at "$E 03:10:00" ack "$a1" --for 赵老师
run at "$E 03:20:00" report timeliness --by level --format json
ok "timeliness: acknowledged again 10 minutes after the reopening, timed from it (not from 22:00)" '[[ $(j ".[] | select(.key == \"counselor\") | .acknowledged_in_time + .acknowledged_late") == $((c0 + 1)) && $(j ".[] | select(.key == \"counselor\") | .worst_ack") == 9000 ]]'
run at "$E 03:25:00" report timeliness --by person --format json
r0=$(j '[.[].received] | add')
run at "$E 03:30:00" ack "$a4" --for 钱主任 --via phone
run at "$E 03:30:00" report timeliness --by person --format json
ok "timeliness: the receipt moved to whom it was for, none added" '[[ $(j "[.[].received] | add") == "$r0" ]]'
ok "timeliness: acknowledged for someone not on record there: received by them" '[[ $rc == 0 && $(j ".[] | select(.key == \"钱主任\") | [.received, .acknowledged_in_time + .acknowledged_late] | join(\",\")") == 1,1 ]]'
ok "timeliness: nobody acknowledged more than they received" '[[ $(j "all(.[]; .received >= .acknowledged_in_time + .acknowledged_late + .never_acknowledged)") == true ]]'
run at "$E 03:30:00" report timeliness --by category --format json
ok "timeliness by category: the small restricted category as <5, nothing more" '[[ $(j ".[] | select(.key == \"mental_health\") | .received") == "<5" && $(j ".[] | select(.key == \"mental_health\") | .median_ack") == null ]]'

# ---------------------------------------------------------------------------
# Another time zone: its days are not the summaries' days.

TZ=UTC run at "$E 04:00:00" verify
ok "TZ=UTC: verify says the summaries are of another time zone, once" '[[ $rc == 3 && $(grep -c "^summary: " "$tmp/out") == 1 ]] && grep -q "^summary: the summaries were counted in the time zone UTC+08:00 (TZ), this process runs in UTC+00:00" "$tmp/out" && grep -q "1 difference" "$tmp/err"'
TZ=UTC run at "$E 04:00:00" report stats --from "$D" --to "$E" --format json
ok "TZ=UTC: the numbers read from every incident, of UTC days" '[[ $rc == 0 && $(j "[.groups[].count | tostring] | join(\",\")") != "" ]]'
TZ=UTC run at "$E 04:05:00" log --category drinking --room 3-402 --occurred 04:00 --text 饮酒
ok "TZ=UTC: logging still works" '[[ $rc == 0 ]]'
run at "$E 04:10:00" verify
ok "back in Asia/Shanghai: written from two time zones, said so" '[[ $rc == 3 ]] && grep -q "^summary: the summaries were written from processes in more than one time zone" "$tmp/out"'
run at "$E 04:10:00" report stats --from "$D" --to "$E" --format json
bj=$(jq -c .groups "$tmp/out")
ok "meanwhile the numbers are read from every incident (the drinking at 12:00 among them)" '[[ $(g drinking .count) == 2 ]]'
run at "$E 04:20:00" admin rebuild-summaries
ok "rebuild-summaries: made anew, on record" '[[ $rc == 0 && $(sqlite3 "$db" "SELECT count(*) FROM event WHERE kind = '"'"'summaries_rebuilt'"'"'") == 1 ]] && grep -q "^summaries: [0-9]* rows made anew" "$tmp/out"'
run at "$E 04:20:00" verify
ok "rebuilt: verify finds the record whole" '[[ $rc == 0 ]]'
run at "$E 04:20:00" report stats --from "$D" --to "$E" --format json
ok "rebuilt: the summaries give the numbers every incident gave" '[[ $(jq -c .groups "$tmp/out") == "$bj" ]]'
YUJING_USER=duty1 YUJING_PASSWORD=duty-pass-11 run_same at "$E 04:20:00" admin rebuild-summaries
ok "rebuild-summaries: not for a duty officer" '[[ $rc == 1 && $same == yes ]] && err1 "may not rebuild the summaries"'

# ---------------------------------------------------------------------------
# Durations past 48 h (an hour apart) and under (a minute apart), found
# out of order and two in one hour: the percentiles by nearest rank, from
# every incident (by department) and from the summaries (by category).

db=$tmp/h.db
F=2026-04-01 G=2026-04-03
run at "$F 08:00:00" init
run at "$F 08:00:00" import roster roster.csv
run at "$F 08:00:00" import contacts contacts.csv
# resolve AT: a drinking in 3-402 logged at 08:00 on $F, resolved at AT.
resolve_at() {
	run at "$F 08:00:00" log --category drinking --room 3-402 \
	    --occurred 08:00 --text 饮酒
	id=$(cat "$tmp/out")
	run at "$1" resolve "$id" --text 已处理
}
resolve_at "$G 10:30:00"	# 50 h 30 min: the hour from 50 h
resolve_at "$F 08:30:00"	# 30 min
resolve_at "$G 10:00:00"	# 50 h: that hour again
resolve_at "$G 07:59:00"	# 47 h 59 min: the last minute bucket
ok "48 h: four resolved drinkings" '[[ $rc == 0 ]]'
# Ranks of four: the median the 2nd (47 h 59 min), the 90th the 4th (the
# hour from 50 h, where the 3rd is too).
for by in department category; do
	run at "2026-04-04 12:00:00" report stats --by "$by" --from "$F" \
	    --to 2026-04-04 --format json
	ok "48 h, by $by: median 172740 s, p90 180000 s" '[[ $rc == 0 && $(j ".groups[] | select(.count == 4) | [.resolve_median_s, .resolve_p90_s] | join(\",\")") == 172740,180000 ]]'
done

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
