#!/usr/bin/env bash
# The reports screen (F6) in tmux, 80x24, on a faked morning: the meeting's
# numbers as bars with the weekly trend in block characters, the grouping
# (g), the accountability view (t), the period's length (p) and moving it
# (Left, Right); a duty officer sees the counts of their own shifts.
# usage: reports.sh YUJING SOURCE_DIR [UI_LANG]
. "$(dirname "$0")/lib.sh"

night_db || { echo "FAIL: setup"; exit 1; }
printf 'xsc student_affairs xsc-pass-111\n' >>"$tmp/logins"
YUJING_NEW_PASSWORD=xsc-pass-111 at "$T0" admin user add xsc \
    --role student_affairs --display 学工甲 >/dev/null
# The night: duty1 opens it, logs two absences and a fight.
at "2026-03-10 22:05:00" duty1 shift open >/dev/null
for t in 22:30 23:10; do
	at "2026-03-10 $t:00" duty1 log --category night_absence \
	    --student "$stu_no" --occurred "$t" --field last_seen=22:00 \
	    --text 未归 >/dev/null
done
at "2026-03-10 23:40:00" duty1 log --category fighting --student "$stu_no" \
    --field injured=否 --text 争吵 >/dev/null
ok "setup: three incidents" '[[ $(at "2026-03-11 09:00:00" admin list --format json | jq length) == 3 ]]'

use xsc
tui_at="2026-03-11 09:00:00" tui_start
wait_for "$(t "Sign in to the duty-room screen")"
sign_in xsc
ok "the queue" 'wait_queue'
ok "F6 on the key bar" 'wait_for "F6 $(t Reports)"'
press F6
ok "F6: the reports, 30 days to today" 'wait_for "$(t Reports) · 2026-02-10 – 2026-03-11 ($(t "30 days"))"'
ok "the weekly trend in blocks" 'wait_for "$(t Weeks): W11 " && screen | grep "$(t Weeks):" | grep -q "[▁▂▃▄▅▆▇█]"'
ok "a bar a category, with its figures" 'wait_for "$(pn categories night_absence | cut -c1-6)" "█" "$(printf "$(t "%lld · open %lld")" 2 2)"'
ok "the fight's bar is shorter (half)" 'screen | grep "$(pn categories fighting)" | grep -qv "████████████████████████"'
ok "its hint" 'wait_for "$(t "←/→ period before/after · p length · g grouping · t timeliness · Esc back")"'
press g
ok "g: by severity" 'wait_for "$(pn severities serious)" "█"'
press t
ok "t: timeliness by level" 'wait_for "$(t "Timeliness by level")" && wait_for "$(pn levels counselor)"'
# p goes round: 30 days, the term, a year, a week.
press t p p p
ok "p: a week" 'wait_for "$(t Reports) · 2026-03-05 – 2026-03-11 ($(t "a week"))"'
press Left
ok "Left: the week before, nothing in it" 'wait_for "2026-02-26 – 2026-03-04" && wait_for "$(t "Nothing in this period.")"'
press Right Right
ok "Right twice: back, and no later period" 'wait_for "2026-03-05 – 2026-03-11" && wait_for "$(t "This is the latest period.")"'
press Escape
ok "Esc: the queue" 'wait_for "$(t "WHO / WHERE")"'
quits
ok "quit" '[[ $? == 0 ]]'

use duty
tui_at="2026-03-11 09:00:00" tui_start
wait_for "$(t "Sign in to the duty-room screen")"
sign_in duty1
wait_queue
press F6
ok "a duty officer: their own shifts" 'wait_for "$(t "Your shifts") · " && wait_for "2026-03-10/night" "$(printf "$(t "%lld logged · %lld escalated · %lld resolved")" 3 0 0 | cut -c1-12)"'
ok "and no grouping or timeliness offered" 'wait_for "$(t "←/→ period before/after · p length · Esc back")"'
press t
ok "t does nothing for them" '! on_screen "$(t "Timeliness by level")"'
quits
ok "quit" '[[ $? == 0 ]]'

finish
