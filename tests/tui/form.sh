#!/usr/bin/env bash
# The new-incident form keeps everything and hides nothing: text under
# Students never picked is asked about on F2 (pick, keep, clear); "now" is
# when the form was opened; a long description wraps in a box that grows
# and scrolls, the cursor in sight; a database another program holds says
# it waits, then why, and keeps the form; a notify_command that hangs
# leaves the screen answering keys, and is recorded later.
# usage: form.sh YUJING SOURCE_DIR [UI_LANG]   (default C.UTF-8)
. "$(dirname "$0")/lib.sh" "$@"

for tool in faketime sqlite3 jq; do
	command -v "$tool" >/dev/null || { echo "FAIL: $tool is needed"; exit 1; }
done

demo_db || { echo "FAIL: demo database"; exit 1; }
clear_urgent

# start_with PREFIX... [-- RULES]: like tui_start, the binary run through
# PREFIX (faketime ...), with the rules given.
start_with() {
	local cmd v keep=() pre=() rules=$YUJING_RULES
	while (($#)); do
		if [[ $1 == -- ]]; then
			rules=$2
			break
		fi
		pre+=("$1")
		shift
	done
	for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS LD_LIBRARY_PATH; do
		[[ -n ${!v:-} ]] && keep+=("$v=${!v}")
	done
	cmd=$(printf '%q ' env -i PATH="$PATH" "${keep[@]}" TERM=screen \
	    LANG="$ui_lang" TZ=Asia/Shanghai HOME="$tmp" \
	    YUJING_DB="$YUJING_DB" YUJING_RULES="$rules" \
	    YUJING_LOCALEDIR="$localedir" "${pre[@]}" "$yj")
	tm new-session -d -x 80 -y 24 "$cmd; echo \"EXITED \$?\"; sleep 60"
}
signed_in_with() {
	start_with "$@" &&
	    wait_for "$(t "Sign in to the duty-room screen")" &&
	    sign_in duty1 &&
	    wait_queue
}
# night_absence: n n, the student by initials picked, last seen 22:30,
# the cursor in the description.
night_absence() {
	press n n $(chars "$stu_initials")
	wait_for "$stu_name $stu_no" || return 1
	press Enter 2 2 : 3 0 Enter
	wait_for "• $stu_name" && wait_for 22:30
}
# cursor_line: the screen's line under the cursor.
cursor_line() {
	screen | sed -n "$(($(tm display -p '#{cursor_y}') + 1))p"
}
# saved_id: the number "Saved as #N." gave.
saved_id() {
	screen | awk -v p="$(tp "Saved as #%lld.")" '(i = index($0, p)) {
	    s = substr($0, i + length(p)); sub(/[^0-9].*/, "", s); print s }' |
	    tail -1
}
# ms: milliseconds now.
ms() { echo $(($(date +%s%N) / 1000000)); }

# ---------------------------------------------------------------------------
# Text under Students never picked.
use unpicked
ok "signed in" 'signed_in_with'
n0=$(cli admin list --format json | jq 'map(.id) | max')

# Nothing matches: keep it as a person not on the roster.
press n n
wait_for "[n] $(pn categories night_absence)"
stranger=外校来访人员甲
tm send-keys -l "$stranger"
ok "no student matches" 'wait_for "$(t "(no match)")"'
press Enter 2 2 : 3 0 Enter
wait_for 22:30
tm send-keys -l 晚点名时发现外来人员
press F2
ok "F2 with text under Students never picked: asks" \
    'wait_for "$(t "Not saved yet: what is typed under Students was not picked (see under it).")"'
ok "offers to keep it as a person not on the roster" \
    'wait_for "$(tp "u: keep “%s” as a person not on the roster")$stranger"'
ok "offers to clear it" 'on_screen "$(t "c: clear it; any other key: back to the form")"'
ok "no pick offered: nothing matches" \
    '! on_screen "$(t "Enter: add the student marked above")"'
ok "nothing saved yet" '[[ $(cli admin list --format json | jq "map(.id) | max") == "$n0" ]]'
press Escape
ok "any other key: back, not saved, the text kept" \
    'wait_for "$(t "Not saved: the student box is as you left it.")" &&
    [[ $(field "$(t Students)") == "$stranger"* ]]'
press F2
wait_for "$(tp "u: keep “%s” as a person not on the roster")"
press u
ok "u: saved" 'wait_for "$(tp "Saved as #%lld.")"'
id=$(saved_id)
ok "kept as a person not on the roster, the description as written" \
    '[[ $id != "$n0" && $(incident "$id" ".others | join(\",\")") == "$stranger" &&
       $(incident "$id" .text) == 晚点名时发现外来人员 ]]'
ok "and no student on it" '[[ $(incident "$id" ".students | length") == 0 ]]'
ok "the queue's row names them under who (its start, at 80 columns)" 'wait_for "$id " "${stranger:0:3}"'
# The queue has the new one selected: Enter opens it.
press Enter
ok "its view names them, in the screen's language" \
    'wait_for "#$id " && wait_for "$(t "Not on the roster")" "$stranger"'
press Escape
wait_for "$(t "WHO / WHERE")"

# Matches: Enter adds the one marked.
press n n Enter 2 2 : 3 0 Enter
wait_for 22:30
tm send-keys -l 未选定的学生
# Back to Students, typed there, and F2 without picking.
for i in $(seq 15); do
	tries=5 wait_for "$(t "Number, name, pinyin initials (zs) or room (3-402); Enter adds.")" && break
	press BTab
done
press $(chars "$stu_initials")
wait_for "$stu_name $stu_no"
press F2
ok "typed, matching, never picked: asks, offering the match" \
    'wait_for "$(t "Enter: add the student marked above")" && on_screen "$stu_name $stu_no"'
press Enter
ok "Enter: the student added and saved" 'wait_for "$(tp "Saved as #%lld.")"'
id=$(saved_id)
ok "saved with the student" \
    '[[ $(incident "$id" ".students[0].number + \" \" + .text") == "$stu_no 未选定的学生" ]]'

# c clears it, and the save goes on.
press n n
tm send-keys -l 无此人
wait_for "$(t "(no match)")"
press Enter 2 2 : 3 0 Enter
wait_for 22:30
tm send-keys -l 清除后保存
press F2
wait_for "$(t "c: clear it; any other key: back to the form")"
press c
ok "c: cleared and saved" 'wait_for "$(tp "Saved as #%lld.")"'
id=$(saved_id)
ok "saved without it" \
    '[[ $(incident "$id" .text) == 清除后保存 && $(incident "$id" ".students | length") == 0 ]]'
quits

# ---------------------------------------------------------------------------
# "Now" is when the form was opened: the clock runs 20 times as fast, so
# that saving comes a few minutes later.
use now
ok "signed in, the clock fast" \
    'signed_in_with env FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "+0 x20"'
press n n
wait_for "[n] $(pn categories night_absence)"
shown=$(field "$(t Occurred)")
ok "now, shown with the time the form was opened" \
    '[[ $shown =~ ^"$(tp "now (%s)")"([0-2][0-9]:[0-5][0-9])"$(t "now (%s)" | sed "s/.*%s//")"$ ]]'
opened=${BASH_REMATCH[1]:-none}
press $(chars "$stu_initials")
wait_for "$stu_name $stu_no"
press Enter 2 2 : 3 0 Enter
tm send-keys -l 打开表单时发生
# Three minutes of the fast clock pass before saving.
sleep 10
# (Past midnight the day is said too: the time is still the opening one.)
ok "later: still the opening time" '[[ $(field "$(t Occurred)") == *"$opened"* ]]'
press F2
ok "saved" 'wait_for "$(tp "Saved as #%lld.")"'
id=$(saved_id)
occ=$(date -d "$(incident "$id" .occurred_at)" +%s)
rep=$(date -d "$(incident "$id" .reported_at)" +%s)
ok "occurred at the opening, not the saving" \
    '[[ $(TZ=Asia/Shanghai date -d "@$occ" +%H:%M) == "$opened" ]] && ((rep - occ >= 120))'
quits

# ---------------------------------------------------------------------------
# A long description wraps in its box, grows, then scrolls; the cursor
# stays in sight and the whole of it is kept.
use wrap
ok "signed in" 'signed_in_with'
ok "a night absence" 'night_absence'
long=始
for i in $(seq -w 1 40); do
	long+="第${i}段晚点名未归，电话未接。"
done
long+=终
tm send-keys -l "$long"
ok "the end of the paste is in sight" 'wait_for 终 && on_screen 第40段'
ok "its start scrolled away within the box, marked" \
    '! on_screen 始第01段 && on_screen "↑"'
box=$(screen | grep -c '第[0-9][0-9]段')
ok "the box grew past three lines" '((box > 3))'
ok "wrapped: the rows go on one from the other" \
    'screen | grep -B1 终 | head -1 | grep -q "第3[6-9]段\\|第40段"'
ok "the cursor on the last line, after 终" \
    '[[ $(cursor_line) == *终* ]]'
for i in $(seq 40); do
	tries=3 wait_for 始第01段 && break
	press Up
done
ok "Up: back to its start, marked below" 'wait_for 始第01段 && on_screen "↓"'
ok "the cursor on its first line" '[[ $(cursor_line) == *始第01段* ]]'
tm send-keys -l 【改】
ok "editable there" 'wait_for 【改】'
press F2
ok "saved" 'wait_for "$(tp "Saved as #%lld.")"'
id=$(saved_id)
got=$(incident "$id" .text)
ok "every character kept, the edit where it was made" \
    '[[ $got == 始*【改】*第40段晚点名未归，电话未接。终 && ${got//【改】/} == "$long" ]]'
quits

# ---------------------------------------------------------------------------
# Another program holds the database's write lock while the form saves.
use busy
ok "signed in" 'signed_in_with'
ok "a night absence" 'night_absence'
tm send-keys -l 数据库被占用时填写
n0=$(cli admin list --format json | jq 'map(.id) | max')
mkfifo "$tmp/lock"
sqlite3 "$YUJING_DB" <"$tmp/lock" >/dev/null 2>&1 &
holder=$!
exec 3>"$tmp/lock"
# Waiting its turn, should the screen be writing just then.
echo '.timeout 5000' >&3
echo 'BEGIN IMMEDIATE;' >&3
locked() { ! sqlite3 "$YUJING_DB" 'BEGIN IMMEDIATE; ROLLBACK;' 2>/dev/null; }
for i in $(seq 50); do locked && break; sleep 0.1; done
ok "setup: the write lock is held" 'locked'
t0=$(ms)
press F2
ok "waiting: said within a second" \
    'tries=10 wait_for "$(tp "Waiting: another program is writing to the database… %llds (at most %ds)")"'
ok "then why, in the screen's words, within a few seconds" \
    'tries=80 wait_for "$(t "Not saved: another program is writing to the database; all kept, F2 retries.")"'
t1=$(ms)
ok "gave up after about 5 s, not 20" '((t1 - t0 < 8000))'
ok "the form kept, with its text" \
    'on_screen 数据库被占用时填写 && on_screen "• $stu_name" && on_screen 22:30'
echo 'COMMIT;' >&3
exec 3>&-
wait "$holder"
ok "nothing saved" '[[ $(cli admin list --format json | jq "map(.id) | max") == "$n0" ]]'
press F2
ok "released: F2 saves" 'wait_for "$(tp "Saved as #%lld.")"'
id=$(saved_id)
ok "as typed" '[[ $(incident "$id" .text) == 数据库被占用时填写 ]]'
quits

# ---------------------------------------------------------------------------
# A notify_command that hangs (sleep 30): the screen answers keys, and
# the notification is recorded when notify_timeout stops it.
use notify
cp "$YUJING_RULES" "$tmp/rules-slow.yaml"
printf '\nnotify_command: [/bin/sh, -c, "sleep 30", "{phone}"]\nnotify_timeout: 4s\n' \
    >>"$tmp/rules-slow.yaml"
ok "setup: the rules are valid" '"$yj" check-rules "$tmp/rules-slow.yaml" >/dev/null'
ok "signed in" 'signed_in_with -- "$tmp/rules-slow.yaml"'
press n o
wait_for "[o] $(pn categories off_campus_living)"
press $(chars "$stu_initials")
wait_for "$stu_name $stu_no"
press Enter
tm send-keys -l 外住，通知后勤
t0=$(ms)
press F2
ok "saved at once, not after the command" \
    'tries=20 wait_for "$(tp "Saved as #%lld.")"'
id=$(saved_id)
ok "the office was notified: the command runs" \
    '[[ $(incident "$id" "[.events[] | select(.kind == \"notified\")] | length") -ge 1 ]]'
ok "not recorded yet" \
    '[[ $(incident "$id" "[.events[] | select(.kind == \"notify\")] | length") == 0 ]]'
press Enter
ok "keys answer meanwhile: Enter opens it" 'tries=20 wait_for "#$id"'
press Escape
ok "Esc: back to the queue" 'tries=20 wait_for "$(t "WHO / WHERE")"'
t1=$(ms)
ok "all that while the command was still running" '((t1 - t0 < 4000))'
recorded() {
	[[ $(incident "$id" '[.events[] | select(.kind == "notify")][0].payload.stopped_after') == 4 ]]
}
for i in $(seq 100); do recorded && break; sleep 0.1; done
ok "recorded later: stopped after notify_timeout" 'recorded'
quits

# ---------------------------------------------------------------------------
# A student on approved leave (请假): the pick list says so, and until
# when, before anything is logged.
use leave
from=$(TZ=Asia/Shanghai date -d yesterday +%Y-%m-%d)
to=$(TZ=Asia/Shanghai date -d tomorrow +%Y-%m-%d)
printf '学号,开始时间,结束时间,事由,审批人\n%s,%s 08:00,%s 20:00,回家,%s\n' \
    "$stu_no" "$from" "$to" "$counselor_name" >"$tmp/leave.csv"
# This year's leave ends without its year (the screen's "12-03 20:00").
ends=$to
[[ ${to%%-*} == $(TZ=Asia/Shanghai date +%Y) ]] && ends=${to#*-}
ok "leave imported" 'TZ=Asia/Shanghai cli admin import leave "$tmp/leave.csv" >/dev/null 2>&1'
ok "signed in" 'signed_in_with'
press n n $(chars "$stu_initials")
ok "the pick list: the student on leave, until when" 'wait_for "$stu_name $stu_no" && wait_for "$stu_no  $(tp "on approved leave until %s")$ends 20:00"'
press Escape
quits

finish
