#!/usr/bin/env bash
# Two duty-room screens on one database, two people signed in: what one
# logs or does shows up on the other by itself within 2 s (polled for up
# to 5 s here; the time seen is printed).
# usage: two.sh YUJING SOURCE_DIR [UI_LANG]
. "$(dirname "$0")/lib.sh" "$@"

demo_db || { echo "FAIL: demo database"; exit 1; }
# So that the new incident is on the first page of both queues.
clear_urgent

# 40 lines: an incident's screen shows all its history without scrolling,
# so that what arrives is seen with no key pressed.
use a
ok "A: duty1 signed in" 'tui_signed_in duty1'
tm resize-window -x 80 -y 40
use b
ok "B: duty2 signed in" 'tui_signed_in duty2'
tm resize-window -x 80 -y 40

# seen SERVER T...: polls SERVER for up to 5 s for a line holding every T;
# the time it took is in $took (ms).
seen() {
	local start=$(date +%s%N) r
	use "$1"
	shift
	tries=50 wait_for "$@"
	r=$?
	took=$((($(date +%s%N) - start) / 1000000))
	echo "  (seen on $sock after ${took} ms)"
	return $r
}
use a

desc1="两台终端测试：晚点名未归"
press n n
press $(chars "$stu_initials")
wait_for "$stu_name $stu_no"
press Enter 2 2 : 4 5 Enter
tm send-keys -l "$desc1"
wait_for "$desc1"
press F2
ok "A logs a night absence" 'wait_for "$(tp "Saved as #%lld.")"'
id=$(newest_of "$stu_no")
ok "B's queue has it by itself" 'seen b "$id " "$stu_name"'

# Both open it: A from its queue (selected), B by a search.
use a
press Enter
ok "A: its screen" 'wait_for "#$id" && wait_for "$(t open) ·"'
use b
press s
wait_for "$(t Search:)"
tm send-keys -l "$desc1"
wait_for "$id " "$desc1"
press Enter
ok "B: its screen" 'wait_for "#$id" && wait_for "$(t open) ·"'

ack
ok "B acknowledges" 'wait_for "$(t Acknowledged.)"'
ok "A's screen of it says acknowledged by itself" \
    'seen a "$(t acknowledged) ·" && on_screen "#$id"'
ok "and its history" 'seen a "$(display_of duty2)" "$(t acknowledged)"'

use a
press a
wait_for "$(t Note:)"
tm send-keys -l 已电话通知家长
press Enter
ok "A adds a note" 'wait_for "$(t Saved.)"'
ok "B's screen of it has the note by itself" 'seen b "$(display_of duty1)" "$(t note)" 已电话通知家长'

# Someone else on the command line: both screens follow.
cli admin escalate "$id" --text 需院系协调 >/dev/null
ok "the CLI escalates: A follows" 'seen a "$(display_of admin)" "$(t escalated)" && tm capture-pane -p | grep -qF "$(pn levels department)"'
ok "and B" 'seen b "$(display_of admin)" "$(t escalated)" && tm capture-pane -p | grep -qF "$(pn levels department)"'
ok "the one to call now: the department leader, on both" \
    'seen a "→" "$dept_leader" && seen b "→" "$dept_leader"'

use b
press r
wait_for "$(t "How was it resolved:")"
tm send-keys -l 学生已返回宿舍
press Enter
ok "B resolves it" 'wait_for "$(t resolved) ·"'
ok "A's screen of it says resolved" 'seen a "$(t resolved) ·" && on_screen "#$id"'
use a
press Escape
ok "A's queue: it is gone" 'wait_for "$(t "WHO / WHERE")" && tries=50 wait_gone "$id " "$stu_name"'

# A new one from B while A's queue is shown (B opened it from the
# search: Esc goes back to the results, and again to the queue).
use b
press Escape
wait_for "$(t Search:)"
press Escape
wait_for "$(t "WHO / WHERE")"
press n n
press $(chars "$stu_initials")
wait_for "$stu_name $stu_no"
press Enter 2 3 : 1 0 Enter
tm send-keys -l 第二个终端上报
press F2
ok "B logs another" 'wait_for "$(tp "Saved as #%lld.")"'
id2=$(newest_of "$stu_no")
ok "A's queue has it by itself" 'seen a "$id2 " "$stu_name"'
ok "A: F10 quits, status 0" 'use a; quits'
ok "B: F10 quits, status 0" 'use b; quits'

finish
