# Shared by the screen tests: sourced as `. lib.sh "$@"` by a script run as
#   SCRIPT YUJING SOURCE_DIR [UI_LANG]
# It makes a scratch directory, pins the environment, and gives:
#   use NAME          later tmux commands go to the server NAME (own socket)
#   tm ARGS           tmux on that server
#   tui_start [RULES] the real binary in an 80x24 session, environment pinned
#                     (TERM=screen; tui_term=vt100 for another;
#                     tui_no_color=1: NO_COLOR=1)
#   sign_in USER      type USER, Tab, their password, Enter
#   sign_in_other U   on the sign-in screen: replace the user name, sign in
#   wait_queue        poll for the queue, past a start-of-shift check
#   wait_for T...     poll (10 s) for a line holding every fixed string T
#   wait_gone T...    poll until no such line is left
#   screen            the screen now; on_screen T... a line holds every T
#   field LABEL       a form's field as shown; form_empty: a new, empty one
#   ok NAME TEST      count TEST (a shell test) passed or failed
#   t MSGID           the UI's text for MSGID in UI_LANG; tp: up to its '%'
#   pn SECTION ID     a policy name (a category's ...) as the screen shows it
#   cli USER ARGS     the command line as USER
#   demo_db           a demo database, its logins, and a student of our own
#   clear_urgent      resolve what would come before a new incident
#   quits             F10 (y when asked) ends the program with status 0
#   ack               A on an incident, the person offered, y to it
#   finish            print "N passed, M failed"; the exit status
# Each server is killed and the directory removed on exit.
set -u
yj=$1
src=$2
ui_lang=${3:-C.UTF-8}
test_name=$(basename "$0" .sh)
tmp=$(mktemp -d)
: >"$tmp/socks"
# faketime without its wrapper's semaphores (tests/bin/faketime).
PATH=$(cd "$(dirname "${BASH_SOURCE[0]}")/../bin" && pwd):$PATH
pass=0 fail=0

localedir=$(dirname "$yj")/../locale
if [[ ! -d $localedir ]]; then
	echo "FAIL: no locale directory at $localedir"
	exit 1
fi
localedir=$(cd "$localedir" && pwd)

export YUJING_DB=$tmp/y.db YUJING_RULES=$src/rules.yaml TZ=Asia/Shanghai
export LANG=C.UTF-8 LANGUAGE= LC_ALL=
unset YUJING_USER YUJING_PASSWORD

tm() { tmux -L "$sock" -f /dev/null "$@"; }

lib_cleanup() {
	local s
	while read -r s; do
		tmux -L "$s" -f /dev/null kill-server 2>/dev/null
		# tmux leaves the socket file behind.
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$s"
	done <"$tmp/socks"
	rm -rf "$tmp"
}
trap lib_cleanup EXIT

# use NAME: later tmux commands go to the server NAME, a socket of its
# own (a killed server may still be going away: take a new name then).
use() {
	sock=yujing-$test_name-$$-$1
	grep -qxF "$sock" "$tmp/socks" || echo "$sock" >>"$tmp/socks"
}
use main

# The student every test logs about: in a department and class of their
# own, so that the demo's random roster cannot collide with them. No demo
# name has a character read with an initial e, so "ehs" finds only them.
stu_no=2099990001
stu_name=恩和森
stu_initials=ehs
stu_room=3-402
counselor_name=宋远桥
counselor_phone=13900000001
dept_leader=俞莲舟

# t MSGID: what the screen says for MSGID, from the build's catalog.
t() {
	if [[ $ui_lang == C.* ]]; then
		printf '%s' "$1"
	else
		LANGUAGE= LC_ALL= LANG=$ui_lang TEXTDOMAINDIR=$localedir \
		    gettext -d yujing "$1"
	fi
}
# pn SECTION ID: the policy's name for it as the screen shows it: name_en
# in an English screen, name in a Chinese one (SECTION: categories,
# levels, offices, severities, roles, shifts, followups).
pn() {
	"$yj" check-rules --format json | jq -r --arg id "$2" \
	    --arg en "$([[ $ui_lang == C.* ]] && echo 1)" \
	    '.'"$1"'[] | select(.id == $id) |
	    if $en == "1" and .name_en != null then .name_en else .name end'
}
# tp MSGID: the translation up to its first conversion (%s, %lld ...).
tp() {
	local s
	s=$(t "$1")
	printf '%s' "${s%%%*}"
}

if [[ $ui_lang != C.* ]]; then
	if ! locale -a | grep -qix "$(echo "$ui_lang" | sed 's/UTF-8/utf8/I')"; then
		echo "FAIL: the locale $ui_lang is not installed"
		exit 1
	fi
	if [[ $(t "WHO / WHERE") == "WHO / WHERE" ]]; then
		echo "FAIL: no translation for $ui_lang in $localedir"
		exit 1
	fi
fi

screen() { tm capture-pane -p 2>/dev/null; }

# on_screen T...: some line of the screen holds every T (fixed strings).
on_screen() {
	screen | awk 'BEGIN { n = ARGC - 1; for (i = 1; i < ARGC; i++)
	    w[i] = ARGV[i]; ARGC = 1 }
	    { for (i = 1; i <= n; i++) if (!index($0, w[i])) next
	      found = 1; exit }
	    END { exit !found }' "$@"
}

# wait_for T...: polls for up to 10 s (tries=N: N tenths).
wait_for() {
	local i
	for ((i = 0; i < ${tries:-100}; i++)); do
		on_screen "$@" && return 0
		sleep 0.1
	done
	return 1
}
# wait_gone T...: polls until no line holds every T.
wait_gone() {
	local i
	for ((i = 0; i < ${tries:-100}; i++)); do
		on_screen "$@" || return 0
		sleep 0.1
	done
	return 1
}

# field LABEL: what the form shows on LABEL's line, after the label.
field() {
	screen | awk -v l=" $1" 'index($0, l) == 1 {
	    s = substr($0, length(l) + 1); gsub(/^ +| +$/, "", s); print s
	    exit }'
}
# form_empty: a new form with nothing chosen: no category, no student.
form_empty() {
	wait_for "$(t "New incident — F2 or Ctrl-X saves, Esc leaves, Tab moves")" &&
	    [[ -z $(field "$(t Category)") ]] && ! on_screen "• "
}

ok() {
	if eval "$2"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		printf 'FAIL: %s\n  test: %s\n--- screen (%s) ---\n%s\n' "$1" "$2" \
		    "$sock" "$(screen)"
	fi
}

finish() {
	printf '%d passed, %d failed\n' "$pass" "$fail"
	[[ $fail == 0 ]]
}

# press KEY...: one keystroke each (a character, or a tmux key name such
# as Enter, F2, BTab), counted in $keys.
keys=0
press() {
	local k
	for k in "$@"; do
		if [[ ${#k} == 1 ]]; then
			tm send-keys -l "$k"
		else
			tm send-keys "$k"
		fi
		keys=$((keys + 1))
	done
}

# chars WORD: its characters, one a word (for press).
chars() { printf '%s' "$1" | grep -o .; }

pw_of() {
	if [[ $1 == admin ]]; then
		echo admin-pass-1
	else
		awk -v u="$1" '$1 == u { print $3 }' "$tmp/logins"
	fi
}

cli() {
	local u=$1
	shift
	YUJING_USER=$u YUJING_PASSWORD=$(pw_of "$u") "$yj" "$@"
}

# display_of USER: the name the title bar shows for USER.
display_of() {
	cli admin user list --format json |
	    jq -r --arg u "$1" '.[] | select(.login == $u) | .display'
}

# demo_db: the demo (random), its logins (columns login role password),
# and the student above with whom to call at their class and department.
demo_db() {
	YUJING_PASSWORD=admin-pass-1 "$yj" init --demo >"$tmp/logins" ||
	    return 1
	printf '%s\n' 'number,name,gender,department,class,building,room,phone' \
	    "$stu_no,$stu_name,男,武当学院,太极2601,${stu_room%-*},${stu_room#*-},13800000000" \
	    >"$tmp/roster.csv"
	printf '%s\n' 'level,unit,name,phone,title' \
	    "counselor,太极2601,$counselor_name,$counselor_phone,辅导员" \
	    "department,武当学院,$dept_leader,13900000002,副书记" \
	    >"$tmp/contacts.csv"
	cli admin import roster "$tmp/roster.csv" >/dev/null &&
	    cli admin import contacts "$tmp/contacts.csv" >/dev/null &&
	    demo_calm
}

# demo_calm: the demo is made from the clock, so at some hours one of its
# emergencies is still open, and its banner takes Enter in the queue; it
# is resolved (a test that wants an emergency logs its own).
demo_calm() {
	local u id
	for u in admin xinli1; do
		for id in $(cli "$u" list --open --format json | jq -r \
		    '.[] | select(.emergency and (.redacted | not)) | .id'); do
			cli "$u" resolve "$id" --text 演练结束 >/dev/null ||
			    return 1
		done
	done
}

# at TIME USER ARGS...: the command line as USER at TIME (faketime).
T0="2026-03-10 22:00:00"
at() {
	local t=$1 u=$2
	shift 2
	YUJING_USER=$u YUJING_PASSWORD=$(pw_of "$u") faketime "$t" "$yj" "$@"
}

# night_db [department_gap]: a database of its own made at T0, a night in
# March: duty1 (值班甲), one student, whom to call at every level (but the
# department, with department_gap) and every office.
night_db() {
	local dept="department,武当学院,$dept_leader,13900000002,副书记"
	command -v faketime >/dev/null || { echo "faketime is needed"; return 1; }
	[[ ${1:-} == department_gap ]] && dept=
	YUJING_PASSWORD=admin-pass-1 faketime "$T0" "$yj" init >/dev/null ||
	    return 1
	printf 'duty1 duty_officer duty-pass-11\n' >"$tmp/logins"
	YUJING_NEW_PASSWORD=duty-pass-11 at "$T0" admin user add duty1 \
	    --role duty_officer --display 值班甲 >/dev/null || return 1
	printf '%s\n' 'number,name,gender,department,class,building,room,phone' \
	    "$stu_no,$stu_name,男,武当学院,太极2601,3,402,13800000000" \
	    >"$tmp/r.csv"
	printf '%s\n' 'level,unit,name,phone,title' \
	    "counselor,太极2601,$counselor_name,$counselor_phone,辅导员" \
	    ${dept:+"$dept"} \
	    'student_affairs,,唐处长,13900000003,处长' \
	    'school_leader,,吴校长,13900000004,副校长' \
	    'security,,钱科长,13900000005,科长' \
	    'logistics,,孙科长,13900000006,科长' \
	    'academic_affairs,,李科长,13900000007,科长' \
	    'counseling_center,,周主任,13900000008,主任' >"$tmp/c.csv"
	at "$T0" admin import roster "$tmp/r.csv" >/dev/null &&
	    at "$T0" admin import contacts "$tmp/c.csv" >/dev/null
}

# clear_urgent: resolves every emergency and every incident with an
# acknowledgement due (the demo's late ones among them), restricted ones
# by someone who may read them. What is left sorts after a new incident.
clear_urgent() {
	local u id sel='.[] | select(.redacted | not)
	    | select(.emergency or .ack_due != null) | .id'
	for u in admin xinli1; do
		for id in $(cli "$u" list --open --format json | jq -r "$sel"); do
			cli "$u" resolve "$id" --text 演练结束 >/dev/null || return 1
		done
	done
}

# tui_start [RULES]: yujing on the current server, 80x24, with nothing of
# the caller's environment; "EXITED status" is shown when it ends. With
# tui_at set, its clock starts then (faketime).
tui_start() {
	local cmd v keep=()
	# A sanitizer build's options and libraries go through.
	for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS LD_LIBRARY_PATH; do
		[[ -n ${!v:-} ]] && keep+=("$v=${!v}")
	done
	cmd=$(printf '%q ' env -i PATH="$PATH" "${keep[@]}" \
	    TERM="${tui_term:-screen}" ${tui_no_color:+NO_COLOR=$tui_no_color} LANG="$ui_lang" TZ=Asia/Shanghai \
	    HOME="$tmp" YUJING_DB="$YUJING_DB" YUJING_RULES="${1:-$YUJING_RULES}" \
	    YUJING_LOCALEDIR="$localedir" ${tui_at:+faketime "$tui_at"} "$yj" \
	    ${tui_read_only:+--read-only})
	tm new-session -d -x 80 -y 24 "$cmd; echo \"EXITED \$?\"; sleep 60"
}

sign_in() {
	tm send-keys -l "$1"
	tm send-keys Tab
	tm send-keys -l "$(pw_of "$1")"
	tm send-keys Enter
}

# sign_in_other USER: on the sign-in screen (focus on the password),
# back to the user name, clear it, and sign in as USER.
sign_in_other() {
	tm send-keys BTab
	tm send-keys C-u
	sign_in "$1"
}

# wait_queue: polls for the queue; the start-of-shift check, shown once
# when a duty officer's sign-in opens a shift (at night, so it depends on
# the clock), is read and left with Enter on the way.
wait_queue() {
	local i
	for ((i = 0; i < ${tries:-100}; i++)); do
		on_screen "$(t "WHO / WHERE")" && return 0
		on_screen "$(t "Start of shift") · " && tm send-keys Enter
		sleep 0.1
	done
	return 1
}

# tui_signed_in USER [RULES]: start, wait for the sign-in screen, sign in,
# wait for the queue.
tui_signed_in() {
	tui_start "${2:-}" &&
	    wait_for "$(t "Sign in to the duty-room screen")" &&
	    sign_in "$1" &&
	    wait_queue
}

# incident ID JQ: JQ (raw output) of the incident as the CLI shows it.
incident() {
	cli admin show "$1" --format json | jq -r "$2"
}

# quits: F10, y when it asks (a signed-in screen does), and the program
# ends with status 0 (under a sanitizer: no error, no leak).
quits() {
	local i q
	q=$(t "Quit yujing? y: yes, any other key: no")
	press F10
	for ((i = 0; i < ${tries:-100}; i++)); do
		on_screen "EXITED" && break
		if on_screen "$q"; then
			press y
			break
		fi
		sleep 0.1
	done
	wait_for "EXITED 0"
}

# ack: A on the incident's screen asks, naming whom and the rung; y says
# yes. Waits for the question first, so the y cannot come before it.
ack() {
	local q
	q=$(t "%s (%s) acknowledged, by phone to you? y/n")
	press A
	wait_for "$(t "Who acknowledged (you take it for them):")" &&
	    press Enter && wait_for "${q##*%s}" && press y
}

# newest_of STUDENT: the id of their newest incident (as admin).
newest_of() {
	cli admin list --student "$1" --format json | jq -r 'max_by(.id).id'
}
