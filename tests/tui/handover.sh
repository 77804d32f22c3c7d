#!/usr/bin/env bash
# The shift's screens in tmux, 80x24, on a faked night: signing in at
# 22:05 opens the shift and shows its start-of-shift check; at 07:30 the
# outgoing officer prepares the handover (F5), gives each item a status
# and signs; i locks the screen for the incoming officer (Student
# Affairs, their own password), who comes straight back to the handover,
# accepts one item, questions the other, reads back the unstable one and
# signs. The record says what the screen did.
# usage: handover.sh YUJING SOURCE_DIR [UI_LANG]
. "$(dirname "$0")/lib.sh"

night_db || { echo "FAIL: setup"; exit 1; }
printf 'xsc student_affairs xsc-pass-111\n' >>"$tmp/logins"
YUJING_NEW_PASSWORD=xsc-pass-111 at "$T0" admin user add xsc \
    --role student_affairs --display 学工甲 >/dev/null
ok "setup: a Student Affairs user" '[[ $? == 0 ]]'
E=2026-03-11
n1=$(at "2026-03-10 23:10:00" duty1 log --category night_absence \
    --student "$stu_no" --occurred 23:10 --field last_seen=22:30 --text 查寝未归)
n2=$(at "2026-03-10 23:40:00" duty1 log --category fighting \
    --student "$stu_no" --field injured=否 --text 宿舍争吵)
ok "setup: two incidents" '[[ $n1 =~ ^[0-9]+$ && $n2 =~ ^[0-9]+$ ]]'
for n in "$n1" "$n2"; do
	at "2026-03-10 23:50:00" duty1 ack "$n" --for "$counselor_name" >/dev/null
done

# 22:05: the first to sign in opens the shift and reads its check.
use open
tui_at="2026-03-10 22:05:00" tui_start
ok "sign-in screen" 'wait_for "$(t "Sign in to the duty-room screen")"'
sign_in duty1
ok "signing in opens the shift: its check first" 'wait_for "$(t "Start of shift") · 2026-03-10/night"'
ok "the check: what the shift before left" 'wait_for "$(t "Shift before"): 2026-03-09/night"'
ok "the check: the shifts nobody is scheduled for" 'wait_for "$(t "Next 7 days, nobody scheduled")"'
ok "the title: the shift and how long it has left" 'wait_for "$(pn shifts night)" "$(tp "%s left")"'
ok "F5 is on the key bar" 'wait_for "F5 $(t Handover)"'
press Enter
ok "Enter: on to the queue" 'wait_for "$(t "WHO / WHERE")"'
ok "opened once, on record" '[[ $(at "2026-03-10 22:06:00" duty1 schedule list --from 2026-03-10 --to 2026-03-10 --format json | jq -r ".[0].opened_by") == duty1 ]]'
quits
ok "quit" '[[ $? == 0 ]]'

# 07:30: the outgoing officer's handover.
use out
tui_at="$E 07:30:00" tui_start
wait_for "$(t "Sign in to the duty-room screen")"
sign_in duty1
ok "the shift opened already: the queue" 'wait_for "$(t "WHO / WHERE")"'
press F5
ok "F5: the handover, not prepared yet" 'wait_for "$(t "Not prepared yet: p puts every open incident on it.")"'
ok "what the shift did" 'wait_for "$(tp "This shift: %lld logged, %lld escalated, %lld calls, %lld resolved; %lld open, %lld not acknowledged")2"'
press p
ok "p: every open incident an item" 'wait_for "$n1 " "?" && wait_for "$n2 " "?"'
# Both acknowledged: the newer first (the queue's order).
first=$n2 second=$n1
ok "to Student Affairs (a workday night)" 'wait_for "$(t Incoming): $(pn roles student_affairs)"'
press S
ok "S asks first" 'wait_for "$(t "Sign the handover? y signs")"'
press y
ok "signing before every item has a status: refused, said" 'wait_for "has no status yet"'
press Home 3
ok "3: unstable" 'wait_for "$(t unstable)"'
press 1
ok "1: stable (the cursor moved on by itself)" 'wait_for "$second " "$(t stable)"'
press Home e
ok "e: the next action asked" 'wait_for "$(t "Next action:")"'
press 0 8 : 3 0 Space
tm send-keys -l 再打辅导员
press Enter
ok "then who" 'wait_for "$(t "Who does it:")"'
tm send-keys -l 值班甲
press Enter
ok "then by when" 'wait_for "$(tp "By when (08:30, 2026-12-02 08:30; empty: none):")"'
press 0 8 : 3 0 Enter
ok "then if … then" 'wait_for "$(tp "If … then (empty: none):")"'
tm send-keys -l 不通报学工处
press Enter
ok "the item saved, shown under the list" 'wait_for "$(t "Item saved.")" && wait_for "08:30 再打辅导员" "值班甲" "$E 08:30" && wait_for "$(t If): 不通报学工处"'
press S
wait_for "$(t "Sign the handover? y signs")"
press y
ok "signed by the outgoing officer" 'wait_for "$(t Outgoing):" "$(t "✓ signed")"'
press i
ok "i: the sign-in screen, for the incoming officer, no name offered" 'wait_for "$(t "The other officer signs in: their user name and password.")"'
sign_in xsc
ok "the incoming officer comes straight to the handover" 'wait_for "$(t "Signed in: go through the items one by one.")" && wait_for "$(t Outgoing):" "$(t "✓ signed")"'
press Home Space
ok "Space: accepted, on to the next" 'wait_for "$(t "Accepted.")" && wait_for "$first " "$(t "✓ accepted")"'
ok "the incoming officer named" 'wait_for "$(t Incoming): 学工甲 (xsc)"'
press ?
ok "?: a question asked" 'wait_for "$(t "Your question:")"'
tm send-keys -l 家长知道吗
press Enter
ok "the question kept on the item" 'wait_for "$(t "Question kept on the item.")" && wait_for "$(t Question): 家长知道吗"'
press S
wait_for "$(t "Sign the handover? y signs")"
press y
ok "the unstable item must be read back first" 'wait_for "read it back first"'
press Home b
ok "b: the read-back asked" 'wait_for "$(tp "Say it back in one line (what, who, when, if … then):")"'
tm send-keys -l 08:30再打辅导员不通报学工处
press Enter
ok "read back" 'wait_for "$(t "Read back"): 08:30再打辅导员不通报学工处"'
press S
wait_for "$(t "Sign the handover? y signs")"
press y
ok "signed by both" 'wait_for "$(t Incoming):" "$(t "✓ signed")" && wait_for "$(t Outgoing):" "$(t "✓ signed")"'
press j
ok "and it says so" 'wait_for "$(t "Handed over, signed by both. Enter opens · Esc back")"'
hj=$(at "$E 08:00:00" admin handover --shift 2026-03-10/night --format json)
ok "the record: as the screen did it" '[[ $(jq -r .complete <<<"$hj") == true && $(jq -r .incoming <<<"$hj") == xsc && $(jq -r ".items[] | select(.incident == $first) | [.status, .action, .owner, .contingency, .readback, .accepted_by] | join(\"|\")" <<<"$hj") == "unstable|08:30 再打辅导员|值班甲|不通报学工处|08:30再打辅导员不通报学工处|xsc" && $(jq -r ".items[] | select(.incident == $second) | [.status, .question, .accepted_by] | join(\"|\")" <<<"$hj") == "stable|家长知道吗|" ]]'
press Escape
ok "Esc: the queue" 'wait_for "$(t "WHO / WHERE")"'
quits
ok "quit" '[[ $? == 0 ]]'

finish
