#!/usr/bin/env bash
# What the queue looks like (issue 10): the attributes of an overdue, a
# due-soon, an emergency, an acknowledged and the selected row, read from
# tmux's capture with its escape sequences (capture-pane -e), in colour
# and under NO_COLOR (attributes and marks only, no colour at all).
#
#   #E  an emergency: white on red, ▲ first; bold and underlined without.
#   #L  overdue at the top (nobody below to climb to): red on white, !
#       first; bold without.
#   #S  due within 15 minutes: black on yellow, » first; underlined
#       without.
#   #K  acknowledged in time: black on green, · first.
# The selected row is one bar, white on blue, from the first column to
# the last (gaps and the end of the line in it); reverse without.
#
# Run as: theme.sh YUJING SOURCE_DIR [UI_LANG] (C.UTF-8 by default).
set -u
. "$(dirname "$0")/lib.sh" "$@"
night_db || { echo "FAIL: the night's database"; exit 1; }

ide=$(at "$T0" duty1 log --category night_absence --severity emergency \
    --student "$stu_no" --field last_seen=21:50 --text 紧急未归甲)
# Nobody for a room-less, student-less case below the top: it climbs there.
idl=$(at "$T0" duty1 log --category discipline_other --location 操场 \
    --text 操场喧哗乙)
idk=$(at "$T0" duty1 log --category discipline_other --student "$stu_no" \
    --text 宿舍喧哗丙)
at "2026-03-10 22:05:00" duty1 ack "$idk" --for "$counselor_name" >/dev/null
# A fight, major: at Student Affairs, 4 h to acknowledge, due at 04:40.
ids=$(at "2026-03-11 00:40:00" duty1 log --category fighting \
    --severity major --field injured=否 --student "$stu_no" \
    --text 宿舍斗殴丁)
# #L climbs to the top at 02:01 (due there at 04:01), where it stays.
at "2026-03-11 02:01:00" admin tick >/dev/null
ok "setup: four incidents logged" \
    '[[ $ide =~ ^[0-9]+$ && $idl =~ ^[0-9]+$ && $idk =~ ^[0-9]+$ && $ids =~ ^[0-9]+$ ]]'
ok "setup: #L at the top, #K acknowledged, #S at Student Affairs" \
    '[[ $(incident "$idl" .level) == school_leader && $(incident "$idk" .state) == acknowledged && $(incident "$ids" .level) == student_affairs ]]'

# styled: the screen, a line each: the style of its first character
# (not a space) and of its last column (tmux writes only what changes: the state is carried from line
# to line), a tab, and its text. A style is "fg=N bg=N" and the letters
# b(old) d(im) u(nderline) r(everse), or "-" for none at all.
styled() {
	tm capture-pane -p -e -N | awk '
	function style(  s) {
		s = ""
		if (fg != "") s = s " fg=" fg
		if (bg != "") s = s " bg=" bg
		if (b) s = s " b"
		if (d) s = s " d"
		if (u) s = s " u"
		if (r) s = s " r"
		return s == "" ? "-" : substr(s, 2)
	}
	function sgr(p,  n, c, i) {
		n = split(p, c, ";")
		if (p == "") { n = 1; c[1] = 0 }
		for (i = 1; i <= n; i++) {
			c[i] += 0
			if (c[i] == 0) { fg = bg = ""; b = d = u = r = 0 }
			else if (c[i] == 1) b = 1
			else if (c[i] == 2) d = 1
			else if (c[i] == 4) u = 1
			else if (c[i] == 7) r = 1
			else if (c[i] == 22) b = d = 0
			else if (c[i] == 24) u = 0
			else if (c[i] == 27) r = 0
			else if (c[i] == 39) fg = ""
			else if (c[i] == 49) bg = ""
			else if (c[i] == 38 || c[i] == 48) {
				# 38;5;N: a colour of 256, said so.
				if (c[i] == 38) fg = "5:" c[i + 2]
				else bg = "5:" c[i + 2]
				i += 2
			} else if (c[i] >= 30 && c[i] <= 37 || c[i] >= 90 && c[i] <= 97)
				fg = c[i]
			else if (c[i] >= 40 && c[i] <= 47 || c[i] >= 100 && c[i] <= 107)
				bg = c[i]
		}
	}
	{
		line = $0; text = ""; first = last = ""
		while (line != "") {
			if (match(line, /^\033\[[0-9;]*m/)) {
				sgr(substr(line, 3, RLENGTH - 3))
				line = substr(line, RLENGTH + 1)
				continue
			}
			if (match(line, /^\033[^m]*m?/)) {
				line = substr(line, RLENGTH + 1)
				continue
			}
			if (first == "" && substr(line, 1, 1) != " ")
				first = style()
			last = style()
			text = text substr(line, 1, 1)
			line = substr(line, 2)
		}
		printf "%s|%s\t%s\n", first == "" ? style() : first,
		    last == "" ? style() : last, text
	}'
}
# row ID: the styled line of the queue's row for incident ID.
row() {
	styled | awk -F '\t' -v id="$1" '{ t = $2; sub(/^[^ ]* +/, "", t) }
	    t ~ "^" id " " { print; exit }'
}
# has_style ID STYLE...: the row's first and last column in each STYLE
# (a style's words, in any order).
has_style() {
	local r id=$1 w
	shift
	r=$(row "$id")
	for w in "$@"; do
		[[ " ${r%%|*} " == *" $w "* && " $(cut -f1 <<<"${r#*|}") " == *" $w "* ]] ||
		    return 1
	done
}
# mark ID: what the row of ID starts with.
mark() { local r; r=$(row "$1" | cut -f2); printf %s "${r:0:1}"; }
# lacks ID STYLE...: the row's first column in none of STYLE.
lacks() {
	local r w
	r=$(row "$1")
	for w in "${@:2}"; do
		[[ " ${r%%|*} " != *" $w "* ]] || return 1
	done
}
# line TEXT: the first styled line holding TEXT.
line() { styled | grep -F -m1 -- "$1"; }
# line_style TEXT STYLE...: that line's first character in each STYLE.
line_style() {
	local r w
	r=$(line "$1") || return 1
	for w in "${@:2}"; do
		[[ " ${r%%|*} " == *" $w "* ]] || return 1
	done
}
# scrolled: the first line under the header (the title bar, the heading,
# the status line, who logged it) says what is hidden above.
scrolled() {
	local i
	for ((i = 0; i < 50; i++)); do
		screen | sed -n 5p | grep -qF "$(tp "▲ %zu more")" && return 0
		sleep 0.1
	done
	return 1
}
# open_e: #E's screen from the queue (selected first), its status seen.
open_e() {
	press Home && press Enter && wait_for "#$ide" &&
	    wait_for "▲ $(t open) · " "$(tp "overdue %s")"
}
# The queue at 04:30, signed in, the first row (#E, the emergency) selected.
queue_at_0430() {
	tui_at="2026-03-11 04:30:00" tui_start &&
	    wait_for "$(t "Sign in to the duty-room screen")" &&
	    sign_in duty1 && wait_queue &&
	    wait_for "$ids " "$(printf "$(t "%s left")" 10m)"
}
# to_last: the selection down to the last row (#K), seen there.
to_last() {
	press End
	for ((i = 0; i < 50; i++)); do
		has_style "$idk" "$@" && return 0
		sleep 0.1
	done
	return 1
}

# In colour: TERM with 256 colours, the theme's eight.
use colour
tui_term=screen-256color
ok "colour: the queue" queue_at_0430
ok "colour: every row in its order (#E #L #S #K)" \
    '[[ $(styled | cut -f2 | grep -oE "^[^ ]+ +[0-9]+" | awk "{print \$2}" | tr "\n" " ") == "$ide $idl $ids $idk " ]]'
ok "colour: marks ▲ ! » · first" \
    '[[ $(mark "$ide")$(mark "$idl")$(mark "$ids")$(mark "$idk") == "▲!»·" ]]'
ok "colour: the selected row (#E) one bar, white on blue, bold, to the last column ($(row "$ide"))" \
    'has_style "$ide" fg=37 bg=44 b'
ok "colour: overdue (#L) red on white, bold ($(row "$idl"))" \
    'has_style "$idl" fg=31 bg=47 b'
ok "colour: due soon (#S) black on yellow ($(row "$ids"))" \
    'has_style "$ids" fg=30 bg=43 && lacks "$ids" b'
ok "colour: acknowledged (#K) black on green ($(row "$idk"))" \
    'has_style "$idk" fg=30 bg=42'
ok "colour: the selection to the last row (#K), white on blue" \
    'to_last fg=37 bg=44 b'
ok "colour: the emergency (#E), not selected, white on red, bold ($(row "$ide"))" \
    'has_style "$ide" fg=37 bg=41 b'
ok "colour: the overdue row is not the emergency's" \
    '[[ $(row "$idl" | cut -d"|" -f1) != $(row "$ide" | cut -d"|" -f1) ]]'
ok "colour: #E's screen, its status line marked ▲" open_e
ok "colour: the status line white on red, bold ($(line "▲ $(t open)"))" \
    'line_style "▲ $(t open) · " fg=37 bg=41 b'
# history_heading: the History heading's style, paging down to it when
# the incident's lines above push it below the first screen, and back.
history_heading() {
	local i ok=1
	for ((i = 0; i < 4; i++)); do
		if line_style "$(t History)" b u; then ok=0; break; fi
		press NPage
		sleep 0.2
	done
	press Home
	sleep 0.2
	return $ok
}
ok "colour: the headings bold and underlined" \
    'line_style "$(t Call)" b u && history_heading &&
    ! line "$(t Call)" | cut -d"|" -f1 | grep -q "fg="'
ok "colour: logged by the display name (值班甲), not the login" \
    'on_screen "$(tp "Occurred %s, logged by %s")" "值班甲" && ! on_screen duty1'
press NPage
ok "colour: the header stays while the history scrolls" \
    'scrolled && on_screen "#$ide" &&
    line_style "▲ $(t open) · " fg=37 bg=41 b'
press Escape
wait_for "$(t "WHO / WHERE")"
quits
unset tui_term

# NO_COLOR: attributes and marks only, not one colour on the screen.
use mono
tui_term=screen-256color tui_no_color=1
ok "NO_COLOR: the queue" queue_at_0430
ok "NO_COLOR: no colour anywhere" \
    '! styled | cut -d"	" -f1 | grep -qE "fg=|bg="'
ok "NO_COLOR: marks ▲ ! » · first" \
    '[[ $(mark "$ide")$(mark "$idl")$(mark "$ids")$(mark "$idk") == "▲!»·" ]]'
ok "NO_COLOR: the selected row (#E) reverse and bold, to the last column ($(row "$ide"))" \
    'has_style "$ide" r b'
ok "NO_COLOR: overdue (#L) bold, not underlined ($(row "$idl"))" \
    'has_style "$idl" b && lacks "$idl" u r'
ok "NO_COLOR: due soon (#S) underlined, not bold ($(row "$ids"))" \
    'has_style "$ids" u && lacks "$ids" b r'
ok "NO_COLOR: acknowledged (#K) plain ($(row "$idk"))" \
    'lacks "$idk" b u r'
ok "NO_COLOR: the selection to the last row (#K), reverse" 'to_last r b'
ok "NO_COLOR: the emergency (#E) bold and underlined ($(row "$ide"))" \
    'has_style "$ide" b u && lacks "$ide" r'
ok "NO_COLOR: #E's screen, its status line marked ▲" open_e
ok "NO_COLOR: the status line bold and underlined, no colour ($(line "▲ $(t open)"))" \
    'line_style "▲ $(t open) · " b u && ! styled | cut -d"	" -f1 | grep -qE "fg=|bg="'
ok "NO_COLOR: the headings bold and underlined" \
    'line_style "$(t Call)" b u && history_heading'
press Escape
wait_for "$(t "WHO / WHERE")"
quits
finish
