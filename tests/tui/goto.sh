#!/usr/bin/env bash
# Getting to an incident and moving it on: escalating by picking the rung
# from a list by its name (arrows, or typing the name), a refused
# escalation keeping its reason; #N from the queue, the incident and the
# form (Ctrl-T there); the emergency banner's Enter opening the
# emergency; Esc from a searched incident back to the results; and `/`
# narrowing on what the rows show (a category's name, a room).
# usage: goto.sh YUJING SOURCE_DIR [UI_LANG]
. "$(dirname "$0")/lib.sh" "$@"

demo_db || { echo "FAIL: demo database"; exit 1; }
clear_urgent
# A word no demo text has, for the search.
word=蜥蜴
loan=$(cli duty1 log --category campus_loan --student "$stu_no" \
    --text "借了网贷还不上，催收电话打到宿舍")
room=$(cli duty1 log --category prohibited_appliance --room "$stu_room" --field item=热得快 \
    --text "宿舍里有大功率电器，${word}形状的暖手宝")
done_id=$(cli duty1 log --category discipline_other --student "$stu_no" \
    --text 晚归被宿管登记)
cli admin resolve "$done_id" --text 已批评教育 >/dev/null
emerg=$(cli duty1 log --category safety_threat --severity emergency --field kind=火情 \
    --location 东区锅炉房 --text 锅炉房冒烟)
ok "setup: four incidents logged, one resolved" \
    '[[ $loan =~ ^[0-9]+$ && $room =~ ^[0-9]+$ && $emerg =~ ^[0-9]+$ &&
       $(incident "$done_id" .state) == resolved ]]'

ok "duty1: signed in" 'tui_signed_in duty1'
ok "the emergency's banner" 'wait_for "EMERGENCY #$emerg" ||
    wait_for "$(tp " EMERGENCY #%lld %s — not acknowledged: open it (Enter) and call now ")$emerg"'

# --- / narrows on what is shown -----------------------------------------
cat_loan=$(pn categories campus_loan)
press /
tm send-keys -l "$cat_loan"
# (At 80 columns the queue may cut the name short: its start is there.)
cat_cut=${cat_loan:0:4}
ok "/ a category's name: its incident" 'wait_for "$loan " "$cat_cut"'
# row ID: a row of the queue is ID's (the banner names the emergency too).
# (A row starts with its state's mark, or a space.)
row() { screen | grep -qE "^[^0-9 ]* *$1 +[0-9]{2}-"; }
# gone ID...: no row of them left (polled: it narrows as typed).
gone() {
	local i
	for ((i = 0; i < 30; i++)); do
		! row "$1" && ! row "$2" && return 0
		sleep 0.1
	done
	return 1
}
ok "not the others" 'gone "$room" "$emerg"'
# only_loans: every row shown is the category's (polled: it narrows as typed).
only_loans() {
	local i
	for ((i = 0; i < 20; i++)); do
		[[ -z $(screen | grep -E "^[^0-9 ]* *[0-9]+ +[0-9]{2}-[0-9]{2} " |
		    grep -vF "$cat_cut") ]] && return 0
		sleep 0.1
	done
	return 1
}
ok "every row shown is of that category" only_loans
press Escape
ok "Esc: all of the queue again" 'wait_for "$room " && row "$emerg"'
press /
tm send-keys -l "$stu_room"
# (The room's row holds the room before the typing is done: wait for
# the prompt to hold all of it, then for the others to go.)
ok "/ a room: the room's incident" \
    'wait_for "/ $stu_room" && wait_for "$room " "$stu_room"'
ok "not the emergency elsewhere" 'gone "$emerg" "$emerg"'

# --- the banner's Enter -------------------------------------------------
# Narrowed to the room's incident, it is the row selected; the banner's
# Enter still opens the emergency.
press Enter
press Enter
ok "the banner's Enter opens the emergency, not the row selected" \
    'wait_for "#$emerg " && ! on_screen "#$room "'
press Escape
ok "Esc: the queue" 'wait_for "$(t "WHO / WHERE")"'
# A row chosen by hand is what Enter opens.
second=$(screen | grep -E "^[^0-9 ]* *[0-9]+ +[0-9]{2}-" | sed -n 2p |
    grep -oE "[0-9]+" | head -1)
press j
press Enter
ok "a row chosen with the arrows: Enter opens it" \
    '[[ -n $second && $second != "$emerg" ]] && wait_for "#$second "'
press Escape
wait_for "$(t "WHO / WHERE")"

# --- go to #N -------------------------------------------------------------
press '#'
ok "#: asks which" 'wait_for "$(t "Go to incident #:")"'
tm send-keys -l "$loan"
press Enter
ok "#N opens N" 'wait_for "#$loan " "$cat_loan"'
press '#'
wait_for "$(t "Go to incident #:")"
tm send-keys -l 9999999
press Enter
ok "an unknown N: said, nothing else" \
    'wait_for "$(tp "There is no incident #%lld.")9999999" && on_screen "#$loan "'
press '#'
wait_for "$(t "Go to incident #:")"
tm send-keys -l "#$room"
press Enter
ok "from an incident, with the # typed too" 'wait_for "#$room "'
press F2
ok "the form" 'form_empty'
press C-t
ok "Ctrl-T in the form asks too" 'wait_for "$(t "Go to incident #:")"'
tm send-keys -l "$loan"
press Enter
ok "and opens it" 'wait_for "#$loan " "$cat_loan"'

# --- escalating by name ---------------------------------------------------
esc_q=$(t "Escalate to (Up/Down, Enter; or type a level's name or id):")
sa=$(pn levels student_affairs)
press e
ok "e: the levels above, by name" 'wait_for "$esc_q" && wait_for "$sa"'
ok "the next one (the department) picked first" \
    'on_screen "→ $(pn levels department)"'
pos=$(t "rows %zu–%zu of %zu")
pos=${pos/\%zu/1}
ok "the one below is not offered: three above" 'on_screen "${pos//%zu/3}"'
press Down
ok "Down: the Student Affairs Office picked" 'wait_for "→ $sa"'
press Enter
ok "then why" 'wait_for "$(t "Why escalate:")"'
tm send-keys -l 金额较大需学生处介入
press Enter
ok "escalated to the Student Affairs Office" \
    'wait_for "$(t Saved.)" &&
     [[ $(cli admin show "$loan" --format json | jq -r .level) == student_affairs ]]'

# Typed: the Chinese name in either language (the English one in English).
press '#'
wait_for "$(t "Go to incident #:")"
tm send-keys -l "$room"
press Enter
wait_for "#$room "
press e
wait_for "$esc_q"
one=$(t "rows %zu–%zu of %zu")
tm send-keys -l 后勤
ok "typing narrows the list to what matches" \
    'wait_for "→ $(pn offices logistics)" && wait_for "${one//%zu/1}"'
press Enter
wait_for "$(t "Why escalate:")"
tm send-keys -l 宿管员不在岗
press Enter
ok "escalated to the rung typed" \
    'wait_for "$(t Saved.)" && [[ $(incident "$room" .level) == logistics ]]'

# --- a refusal keeps the reason ---------------------------------------------
press '#'
wait_for "$(t "Go to incident #:")"
tm send-keys -l "$done_id"
press Enter
wait_for "#$done_id "
press e
wait_for "$esc_q"
press Enter
wait_for "$(t "Why escalate:")"
tm send-keys -l 家长要求上报学校
press Enter
ok "refused: why, in the screen's language" \
    'wait_for "$(tp "Not saved: %s")" "$(tp "incident %lld is resolved; reopen it first")"'
ok "and asked again with the reason in it" \
    'wait_for "$(t "Why escalate:")" 家长要求上报学校'
press Escape
press e
wait_for "$esc_q"
press Enter
ok "left, then e again: the reason is still there" \
    'wait_for "$(t "Why escalate:")" 家长要求上报学校'
press Escape
ok "nothing was written" '[[ $(incident "$done_id" "[.events[] | select(.kind == \"escalated\")] | length") == 0 ]]'

# --- Esc from a searched incident -----------------------------------------
press Escape
wait_for "$(t "WHO / WHERE")"
press s
wait_for "$(t Search:)"
tm send-keys -l "$word"
ok "search: the incident with the word" 'wait_for "$room " && wait_for "$word"'
press Enter
ok "Enter opens it" 'wait_for "#$room "'
press Escape
ok "Esc: back to the results, the words kept" \
    'wait_for "$(t Search:)" "$word" && wait_for "$room "'
press Escape
ok "Esc again: the queue" 'wait_for "$(t "WHO / WHERE")"'

ok "F10, y: ends with status 0" 'quits'
finish
