#!/usr/bin/env bash
# The gravest case at night: a duty officer logs a suicide-risk case and
# handles it without reading it — sees whom to call with the phone,
# records the call, acknowledges for the counselor — and still cannot read
# its text. And a room's incident with no student starts at the counselor
# of the room's residents, not at the top.
# usage: restricted.sh YUJING SOURCE_DIR [UI_LANG]
. "$(dirname "$0")/lib.sh" "$@"

demo_db || { echo "FAIL: demo database"; exit 1; }
clear_urgent || { echo "FAIL: clearing the demo's urgent incidents"; exit 1; }
secret="情绪低落，称不想活了"

id=$(cli duty1 log --category mental_health --student "$stu_no" \
    --field risk=高 --field self_harm=yes --text "$secret")
ok "setup: duty1 logs a mental-health case" '[[ $id =~ ^[0-9]+$ ]]'

# open ID: the incident view of ID, gone to by its number (#).
open() {
	press '#'
	wait_for "$(t "Go to incident #:")" || return 1
	tm send-keys -l "$1"
	press Enter
	wait_for "#$1 "
}

tui_signed_in duty1
ok "the officer opens it by its number" 'open "$id"'
ok "restricted, but handled: the officer is told so" \
    'on_screen "$(t "Restricted: you may call, acknowledge, note and escalate it, not read it.")"'
ok "whom to call, with the phone" 'on_screen "→" "$counselor_name" "$counselor_phone"'
ok "not a word of the text" '! screen | grep -qF "$secret"'
ok "the keys offered are the handling ones: no resolve, reopen or tick" \
    'on_screen "$(t "c contacted · A ack · a note · e escalate · Esc back")"'
press r
ok "r: said at once that resolving needs reading, nothing asked" \
    'wait_for "$(t "Resolving, reopening and the checklist are for those who may read it.")" &&
    ! on_screen "$(t "How was it resolved:")"'
press x
ok "x: the same, not 'no checklist'" \
    'wait_for "$(t "Resolving, reopening and the checklist are for those who may read it.")" &&
    ! on_screen "$(t "This category has no checklist.")"'

press c
ok "c: who was called, the counselor offered" \
    'wait_for "$(t "Who was called:")" "$counselor_name"'
press Enter
wait_for "$(t "How did it go? 1 reached, 2 no answer, 3 left a message:")"
press 1 Enter
wait_for "$(t "What was said (Enter for nothing):")"
tm send-keys -l 辅导员马上到宿舍
press Enter
ok "the call is saved" 'wait_for "$(t Saved.)"'

ack
ok "acknowledged for the counselor" 'wait_for "$(t Acknowledged.)"'
ok "and still not a word of the text" '! screen | grep -qF "$secret"'

ev() { cli xinli1 show "$id" --format json | jq -r "$1"; }
ok "kept: the call, by the officer, to the counselor, reached" \
    '[[ $(ev "[.events[] | select(.kind == \"contacted\")][0] | [.actor, .payload.person, .payload.result] | join(\",\")") == "duty1,$counselor_name,reached" ]]'
ok "kept: acknowledged for the counselor by phone, taken by the officer" \
    '[[ $(ev "[.events[] | select(.kind == \"acknowledged\")][0] | [.actor, .payload.for, .payload.via] | join(\",\")") == "duty1,$counselor_name,phone" ]]'
ok "the officer's own note of the call stays readable to them" \
    'cli duty1 show "$id" --format json | jq -e "[.events[] | select(.kind == \"contacted\")][0].note == \"辅导员马上到宿舍\"" >/dev/null'
ok "the officer's command line cannot read it either" \
    '[[ $(cli duty1 show "$id" --format json | jq -r .redacted) == true ]] && ! cli duty1 show "$id" | grep -qF "$secret"'
press Escape
wait_for "$(t "WHO / WHERE")"

# A room of our own (the demo's buildings are numbered): one resident,
# of our class, so its counselor is the one to call.
printf '%s\n' 'number,name,gender,department,class,building,room,phone' \
    "2099990002,恩和木,男,武当学院,太极2601,99,101,13800000009" \
    >"$tmp/room.csv"
cli admin import roster "$tmp/room.csv" >/dev/null
rid=$(cli duty1 log --category discipline_other --room 99-101 \
    --text 宿舍内深夜聚众喧哗)
ok "setup: a room's incident, no student named" '[[ $rid =~ ^[0-9]+$ ]]'
ok "it waits at the residents' counselor, not at the top" \
    '[[ $(cli admin show "$rid" --format json | jq -r .level) != school_leader ]] &&
    cli admin contacts "$rid" --format json | jq -e "any(.[]; .person == \"$counselor_name\")" >/dev/null'
ok "the screen: the room's incident opened" 'open "$rid"'
ok "the residents' counselor is on the call list, with the phone" \
    'on_screen "$counselor_name" "$counselor_phone"'
quits

finish
