#!/usr/bin/env bash
# The history in the screen's language, and the top rung overdue (issue
# 10): a night made with the command line under faketime, then the screen
# at its end, in Chinese.
#
#   #A  an emergency logged at 22:00: straight to the school leader, who
#       never acknowledges; at 08:00 (10 h on, the first deadline at the
#       top 2 h after it came) the queue says 超时8h in red, not the time
#       left to the next reminder.
#   #B  a fight logged an hour late as major: straight to Student Affairs
#       (the counselor and nobody at the department informed), Security
#       notified, a call that was not answered, a climb to the top for no
#       acknowledgement, reminders there.
#   #C  a disturbance with no student: nobody at the counselor's or the
#       department's rung (gaps), climbing at once.
# The incident views of #B and #C are scanned whole: no ASCII word (two
# letters or more) outside names, ids, phones and times, no requirement
# code, and no line of the history starting with closing punctuation.
#
# Run as: history.sh YUJING SOURCE_DIR [UI_LANG] (zh_CN.UTF-8 by default).
set -u
ui=${3:-zh_CN.UTF-8}
. "$(dirname "$0")/lib.sh" "$1" "$2" "$ui"
# A database of our own: one student, whom to call at every rung but the
# department (a gap there), every office.
night_db department_gap || { echo "FAIL: the night's database"; exit 1; }

ida=$(at "$T0" duty1 log --category night_absence --severity emergency \
    --student "$stu_no" --field last_seen=21:50 --text 甲乙紧急未归)
idb=$(at "$T0" duty1 log --category fighting --severity major --field injured=否 \
    --student "$stu_no" --occurred "2026-03-10 21:00" --text 宿舍斗殴甲乙)
idc=$(at "$T0" duty1 log --category discipline_other --location 操场 \
    --text 操场喧哗丙丁)
at "2026-03-10 22:05:00" duty1 contacted "$idb" --person 唐处长 \
    --result no-answer --text 手机关机 >/dev/null
# Ticks through the night, each due one; the last just before 08:00.
for h in "2026-03-11 00:01:00" "2026-03-11 02:01:00" "2026-03-11 04:01:00" \
    "2026-03-11 06:01:00" "2026-03-11 07:59:00"; do
	ok "setup: tick at $h" 'at "$h" admin tick >/dev/null'
done
ok "setup: three incidents" '[[ $ida =~ ^[0-9]+$ && $idb =~ ^[0-9]+$ && $idc =~ ^[0-9]+$ ]]'
ok "setup: #A still at the top, not acknowledged, reminded" \
    '[[ $(incident "$ida" .level) == school_leader && $(incident "$ida" .state) == open && $(incident "$ida" "[.events[] | select(.kind == \"reminder\")] | length") -ge 3 ]]'
# (faketime's clock runs from when each command starts: to the minute.)
a_since=$(incident "$ida" .ack_overdue_since) a_due=$(incident "$ida" .ack_due)
ok "setup: #A overdue since its first deadline at the top, 00:00 ($a_since), though its next reminder is due at $a_due" \
    '[[ ${a_since:0:16} == 2026-03-11T00:00 && ${a_due:0:16} == 2026-03-11T08:00 ]]'
ok "setup: #B climbed to the top" \
    '[[ $(incident "$idb" .level) == school_leader && $(incident "$idb" "[.events[].kind] | index(\"escalated\") != null and index(\"informed\") != null and index(\"late_report\") != null and index(\"notified\") != null and index(\"contacted\") != null and index(\"reminder\") != null") == true ]]'
ok "setup: #C had gaps" \
    '[[ $(incident "$idc" "[.events[] | select(.kind == \"gap\")] | length") -ge 1 ]]'

# The screen at 07:59:30: 7 h 59.5 min after #A's first deadline at the
# top, shown (as the queue counts, the minute begun) as 8h.
tui_at="2026-03-11 07:59:30" tui_start
ok "the sign-in screen" 'wait_for "$(t "Sign in to the duty-room screen")"'
sign_in duty1
ok "the queue (past the start-of-shift check)" 'wait_queue'
over=$(printf "$(t "overdue %s")" 8h)
ok "#A: overdue 8h since the first deadline at the top ($over)" \
    'wait_for "$ida " "$over"'
ok "#A: not the time left to the next reminder" \
    '! screen | grep -E "^[^ ]* +$ida " | grep -qF "$(tp "%s left")"'
# (The selection, on the first row, goes below it first.)
press Down
red_row() {
	local i
	for ((i = 0; i < 50; i++)); do
		tm capture-pane -p -e | grep -F "$over" |
		    grep -qE $'\e\\[([0-9;]*;)?41m' && return 0
		sleep 0.1
	done
	return 1
}
ok "#A's row in the emergency colour (on red), marked ▲" \
    'red_row && on_screen "▲ $ida "'

# open TEXT: finds the incident by its text and opens it; its whole view
# (from the top, a page at a time) into $tmp/view.
open_by() {
	local i
	press s
	wait_for "$(t Search:)" || return 1
	tm send-keys -l "$1"
	wait_for "$1" || return 1
	press Enter
	# The incident's own keys: its view is up (its history may be below).
	wait_for "$(t "c contacted · A ack · a note · e escalate · r resolve · o reopen · x tick · Esc back")" ||
	    return 1
	press Home
	# (Home done: the first rows are shown.)
	wait_for "$(tp "rows %zu–%zu of %zu" | sed 's/%zu–.*/1–/')" || return 1
	: >"$tmp/view"
	for ((i = 0; i < 6; i++)); do
		# The body only: not the title, the message and key lines.
		screen | sed '1d' | head -n 21 >>"$tmp/view"
		page_down
	done
}
# page_down: PgDn, then waits for the rows shown to change (a loaded
# machine may be slow to draw), or for a while at the end.
page_down() {
	local before i
	before=$(screen | grep -E "[0-9]+[–-][0-9]+" | tail -n 1)
	press NPage
	for ((i = 0; i < 20; i++)); do
		[[ $(screen | grep -E "[0-9]+[–-][0-9]+" | tail -n 1) != "$before" ]] &&
		    return 0
		sleep 0.1
	done
}
# has TEXT: a line of the view holds TEXT once wrapped lines are joined
# again (a continuation, aligned far right, goes after the line above),
# spaces aside (a line may end at one, and it is not drawn).
has() {
	# Each page repeats the head (its first 3 lines) and says what is
	# above and below: left out, so that a line wrapped across two pages
	# is whole again.
	awk 'NR <= 3 { head[$0] = 1 } NR > 3 && ($0 in head) { next }
	    /^ (▲|▼) / { next }
	    /^                    +[^ ]/ { sub(/^ +/, ""); line = line $0; next }
	    { if (NR > 1) print line; line = $0 } END { print line }' \
	    "$tmp/view" | tr -d ' ' | grep -qF -- "${1// /}"
}
# Names, ids, phones and times may be ASCII: the logins are the ids here.
words() {
	sed -e 's/duty1//g; s/admin//g' "$tmp/view" | grep -oE '[A-Za-z]{2,}' |
	    sort -u | tr '\n' ' '
}
# A line of the history continued with closing punctuation first.
bad_break() {
	grep -E '^ {8,}[。，、．）」』】》？！：；,.!?:;)]' "$tmp/view"
}

ok "#A: opened, overdue in its view too" \
    'open_by 甲乙紧急未归 && grep -qF "$over" "$tmp/view"'
# Opened from the search: Esc goes back to the results, then the queue.
press Escape
wait_for "$(t Search:)"
press Escape
wait_for "$(t "WHO / WHERE")"

ok "#B: opened" 'open_by 宿舍斗殴甲乙'
ok "#B: the late report said" 'has "事发 1h 后才登记；规定 15m 内"'
ok "#B: the counselor informed of the skip-level report" \
    'has "已告知$counselor_name：已直接上报至学生处"'
ok "#B: nobody at the department, informed all the same" \
    'has "已告知无责任人"'
ok "#B: Security notified" 'has "已通知安全工作处（钱科长）"'
ok "#B: the call, in Chinese" 'has "唐处长（未接听）：手机关机"'
ok "#B: the climb, why, in Chinese" \
    'has "学生处（唐处长）在 4h 内未确认（时限 03-11 02:00）；已上报至主管校领导（吴校长）"'
ok "#B: a reminder, overdue since the first deadline" \
    'has "主管校领导（吴校长）仍未确认：已超时"'
ok "#B: who did it by name (the system too)" \
    'has "值班甲" && grep -q " 系统 " "$tmp/view"'
ok "#B: no English word, no code, no internal id ($(words))" \
    '[[ -z $(words) ]] && ! grep -qE "S1[0-9]|student:|warning" "$tmp/view"'
ok "#B: no line of the history starts with closing punctuation" \
    '[[ -z $(bad_break) ]]'
cp "$tmp/view" "$tmp/view-b"
press Escape
wait_for "$(t Search:)"
press Escape
wait_for "$(t "WHO / WHERE")"

ok "#C: opened" 'open_by 操场喧哗丙丁'
ok "#C: the gaps said" 'has "辅导员没有登记责任人，立即上报上一级" &&
    has "院系领导没有登记责任人"'
ok "#C: climbing past nobody" 'has "：辅导员无人可联系"'
ok "#C: no English word, no code, no internal id ($(words))" \
    '[[ -z $(words) ]] && ! grep -qE "S1[0-9]" "$tmp/view"'
ok "#C: no line of the history starts with closing punctuation" \
    '[[ -z $(bad_break) ]]'

if [[ $fail != 0 ]]; then
	echo "--- #B as seen ---"
	cat "$tmp/view-b"
fi
quits
finish
