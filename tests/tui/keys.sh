#!/usr/bin/env bash
# The keys, as a duty officer's fingers find them: j and k only move (in
# the incident view too: j k j k writes nothing), End reaches the last
# row of all and the total is always shown, a pick list says how many
# more it hides, q asks before quitting, F1 shows the keys of the screen
# it is on, and Home, End or a sequence the terminal's entry does not
# know is never typed into a field (TERM=vt100, and tmux's default).
# usage: keys.sh YUJING SOURCE_DIR [UI_LANG]   (default C.UTF-8)
. "$(dirname "$0")/lib.sh" "$@"

demo_db || { echo "FAIL: demo database"; exit 1; }
open_n=$(cli duty1 list --open --format json | jq length)
ok "setup: more open incidents than a screen shows" '[[ $open_n -gt 30 ]]'

# "rows 1–17 of 59" as the screen says it, up to the numbers: its parts.
rows_fmt=$(t "rows %zu–%zu of %zu")
# of_total N: the position line's end, "of N" ("共 N 行").
of_total() {
	local s=${rows_fmt#*%zu–%zu}
	printf '%s' "${s/\%zu/$1}"
}

ok "signed in as duty1: the queue" 'tui_signed_in duty1'
ok "the total is shown on the first page" \
    'wait_for "$(of_total "$open_n")" && on_screen "$(tp "▼ %zu more")"'
press End
ok "End: the last row of all, the total shown" \
    'wait_for "–$open_n$(of_total "$open_n")" &&
    on_screen "$(tp "▲ %zu more")" && ! on_screen "$(tp "▼ %zu more")"'
press Home
first=$(printf '%s' "$rows_fmt" | sed 's/%zu–.*//')1–
ok "Home: the first row again" 'wait_for "$first" && ! on_screen "$(tp "▲ %zu more")"'

# q asks first, and only y quits.
press q
ok "q asks before quitting" \
    'wait_for "$(t "Quit yujing? y: yes, any other key: no")"'
press n
ok "any other key: not quitting" \
    'wait_for "$(t "Not quitting.")" && ! on_screen EXITED'

# F1: the queue's keys, not the incident's.
press F1
ok "F1 on the queue: its keys" \
    'wait_for "$(t "Keys on this screen (any key to go back):")" &&
    on_screen "$(m=$(t "%s  move: a row, a page, the first or the last"); echo "${m#%s  }")" "PgDn" "Home End" &&
    ! on_screen "$(t "acknowledge it at its rung (asks first, naming whom)")"'
# (Its start: a line wider than the screen is cut at its edge.)
marks=$(printf "$(tp "Marks: %s emergency, %s overdue, %s due within 15 minutes, %s acknowledged; the selection is the bar.")" ▲ ! » ·)
ok "F1 on the queue: what the rows' marks mean" 'on_screen "${marks:0:24}"'
press x

# The incident view: j k j k scroll, and write nothing.
press Enter
ok "Enter: an incident" 'wait_for "$(tp "Occurred %s, logged by %s")"'
id=$(screen | sed -n 's/^ #\([0-9]*\) .*/\1/p' | head -1)
before=$(incident "$id" '.events | length')
press j k j k
sleep 0.5		# nothing to wait for: nothing must happen
ok "j k j k: no event written" \
    '[[ $(incident "$id" ".events | length") == "$before" ]]'
ok "and nothing said about an acknowledgement" \
    '! on_screen "$(t Acknowledged.)"'
press F1
ok "F1 on an incident: A acknowledges, j and k move" \
    'wait_for "$(t "Keys on this screen (any key to go back):")" &&
    on_screen " A " "$(t Ack)" && on_screen "↑ k" && on_screen "↓ j"'
press x
press A
ok "A asks whom it is for first" \
    'wait_for "$(t "Who acknowledged (you take it for them):")"'
press Enter
ok "then asks, naming the person and the rung" \
    'wait_for "$(t "%s (%s) acknowledged, by phone to you? y/n" |
        sed "s/.*%s//")"'
press n
ok "any other key: not acknowledged, nothing written" \
    'wait_for "$(t "Not acknowledged.")" &&
    [[ $(incident "$id" ".events | length") == "$before" ]]'
press End
sleep 0.3
# at_end: the position line says its last row is the last of all.
at_end() {
	local n
	n=($(screen | grep -E "$(tp "rows %zu")|$(tp "第 %zu")" | tail -1 |
	    grep -oE "[0-9]+"))
	[[ ${#n[@]} -ge 3 && ${n[1]} == "${n[2]}" ]]
}
ok "End in the incident view: its end, not the queue" \
    '! on_screen "$(t "WHO / WHERE")" && ! on_screen "$(tp "▼ %zu more")" &&
    at_end'
press Escape
wait_for "$(t "WHO / WHERE")"

# The form: the category list shows 8, says how many more.
ncat=$("$yj" check-rules --format json |
    jq '[.categories[] | select(.system | not)] | length')
press n
ok "the category list says how many more" \
    'wait_for "$(printf "$(t "▼ %zu more")" $((ncat - 8)))" &&
    on_screen "$(printf "$(t "rows %zu–%zu of %zu")" 1 8 "$ncat")"'
press F1
ok "F1 on the form: Tab, Space, ‹ ›, removing a student" \
    'wait_for "$(t "Keys on this screen (any key to go back):")" &&
    on_screen Tab "$(t "to the next field")" &&
    on_screen "$(t Space)" "$(t "‹ ›")" &&
    on_screen "$(t Backspace)" "$(t "in an empty student box: take the last student off")" &&
    ! on_screen "↑ k"'
press x
ok "F10 from the form: asks, y quits" 'quits'

# Home and End in a field, under tmux's default TERM and under vt100
# (which has no Home or End: tmux sends ESC [ 1 ~ all the same), and a
# sequence nobody knows: nothing of them is typed.
for tui_term in screen vt100; do
	use "$tui_term"
	ok "$tui_term: signed in" 'tui_signed_in duty1'
	press n n Tab
	ok "$tui_term: on the room" 'wait_for "$(t "Building-room, e.g. 3-402 (optional).")"'
	press 4 0 2 Home 3 - End x
	tm send-keys -l $'\e[99~'
	tm send-keys -l $'\e[1;5Q'
	press F12
	press y
	ok "$tui_term: Home and End moved; nothing else typed" \
	    'wait_for "$(t Room)" && [[ $(field "$(t Room)") == "3-402xy" ]]'
	ok "$tui_term: F10 still quits (asking about the form)" \
	    'press F10 && wait_for "$(t "Quit and throw this report away? y: yes, any other key: keep it")" &&
	    press y && wait_for "EXITED 0"'
done
unset tui_term

finish
