#!/usr/bin/env bash
# The duty-room screen, driven in tmux as a person would: sign in (wrong
# password, then right), the queue, a restricted stub, resizing below
# 80x24 and back, the help, quitting.
# usage: screen.sh YUJING SOURCE_DIR
set -u
yj=$1
src=$2
tmp=$(mktemp -d)
sock=yujing-screen-$$
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; sock=yujing-screen-$$ tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0

export YUJING_DB=$tmp/y.db YUJING_RULES=$src/rules.yaml TZ=Asia/Shanghai
export LANG=C.UTF-8
unset YUJING_USER YUJING_PASSWORD

ok() {
	if eval "$2"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		printf 'FAIL: %s\n  test: %s\n--- screen ---\n%s\n' "$1" "$2" \
		    "$(tm capture-pane -p 2>/dev/null)"
	fi
}
# wait_for TEXT: polls the screen for TEXT for up to 10 s.
wait_for() {
	local i
	for ((i = 0; i < 100; i++)); do
		tm capture-pane -p 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	return 1
}
# wait_esc RE: polls the screen, its colours included, for the regex RE.
wait_esc() {
	local i
	for ((i = 0; i < 100; i++)); do
		tm capture-pane -p -e 2>/dev/null | grep -qE -- "$1" && return 0
		sleep 0.1
	done
	return 1
}
# wait_gone TEXT: polls until TEXT has left the screen.
wait_gone() {
	local i
	for ((i = 0; i < 100; i++)); do
		tm capture-pane -p 2>/dev/null | grep -qF -- "$1" || return 0
		sleep 0.1
	done
	return 1
}

YUJING_PASSWORD=admin-pass-1 "$yj" init --demo >"$tmp/logins" ||
    { echo "FAIL: init --demo"; exit 1; }
pw=$(awk '$1 == "duty1" { print $3 }' "$tmp/logins")
student=$(YUJING_USER=admin YUJING_PASSWORD=admin-pass-1 "$yj" list \
    --format json --limit 50 | jq -r '[.[] | select(.students | length > 0)][0].students[0].number')
# The demo is random: any emergency of its own still open is resolved, so
# that the one logged below is the only one (and first in the queue).
for id in $(YUJING_USER=admin YUJING_PASSWORD=admin-pass-1 "$yj" list --open \
    --format json | jq -r '.[] | select(.emergency) | .id'); do
	YUJING_USER=admin YUJING_PASSWORD=admin-pass-1 "$yj" resolve "$id" \
	    --text 演练结束 >/dev/null
done
YUJING_USER=duty1 YUJING_PASSWORD=$pw "$yj" log --category mental_health \
    --student "$student" --field risk=高 --text 情绪低落 >/dev/null
ok "setup: a restricted incident logged" '[[ $? == 0 ]]'

tm new-session -d -x 80 -y 24 \
    "env TERM=screen LANG=C.UTF-8 $yj; echo \"EXITED \$?\"; sleep 60"
ok "sign-in screen" 'wait_for "Sign in to the duty-room screen"'
ok "function-key bar" 'wait_for "F1 Help  F10 Quit"'

# Who may sign in is listed under the fields, to pick with the arrows.
ok "the users to pick from" 'wait_for "counselor1" && wait_for "duty2"'
tm send-keys Down
tm send-keys Enter
ok "Down, Enter: the first one picked, on to the password" \
    'wait_for "User:     admin"'
tm send-keys BTab
tm send-keys C-u
tm send-keys -l duty1
tm send-keys Tab
tm send-keys -l wrong-password
tm send-keys Enter
ok "wrong password: said, and still here" 'wait_for "wrong user name or password"'
ok "the password is not shown" '! tm capture-pane -p | grep -q wrong-password'

tm send-keys -l "$pw"
tm send-keys Enter
# At night the sign-in opens the shift: its check first, Enter to go on.
past_check() {
	local i
	for ((i = 0; i < 100; i++)); do
		tm capture-pane -p | grep -qF "WHO / WHERE" && return 0
		tm capture-pane -p | grep -qF "Start of shift · " &&
		    tm send-keys Enter
		sleep 0.1
	done
	return 1
}
ok "signed in: the queue" 'past_check'
ok "the title names the operator and the role" 'wait_for "(Duty officer)"'
ok "the restricted incident is a stub" 'wait_for " restricted "'
ok "80 columns, in English: whom to call has its column" \
    'wait_for "CALL"'
# The first row one reads: whoever answers at its level now, by name.
first=$(tm capture-pane -p | sed -n '/WHO \/ WHERE/,$p' | sed 1d |
    grep -E "^[^0-9]* *[0-9]+ " | grep -v " restricted " | head -1 |
    grep -oE "[0-9]+" | head -1)
callee=$(YUJING_USER=admin YUJING_PASSWORD=admin-pass-1 "$yj" contacts \
    "$first" --format json | jq -r '.[] | select(.current) | .person')
ok "its row names whom to call ($callee)" \
    '[[ -n $callee ]] && tm capture-pane -p | grep -E "^[^0-9]* *$first " | grep -qF "$callee"'
ok "its description is not on the screen" '! tm capture-pane -p | grep -q 情绪低落'
ok "levels by name (in English: the policy's name_en)" 'wait_for "Counselor"'

# The mouse (TERM=screen speaks X10: ESC [ M, then button, column, row,
# each plus 32, 1-based): a click selects a row, a second opens it.
click() {
	local b=$1 x=$2 y=$3
	tm send-keys -l "$(printf '\e[M%b%b%b' "\\x$(printf %x $((32 + b)))" \
	    "\\x$(printf %x $((32 + x)))" "\\x$(printf %x $((32 + y)))")"
}
# The third row of the queue: the line under the header, two more down.
hdr=$(tm capture-pane -p | grep -n "WHO / WHERE" | cut -d: -f1)
row=$((hdr + 3))
# (Its number: the first on the line, after the state's mark if it has one.)
rid=$(tm capture-pane -p | sed -n "${row}p" | grep -oE "[0-9]+" | head -1)
click 0 10 "$row"; click 3 10 "$row"
click 0 10 "$row"; click 3 10 "$row"
ok "mouse: a click selects, a second opens that incident" 'wait_for "#$rid "'
tm send-keys Escape
ok "mouse: back" 'wait_for "WHO / WHERE"'
ok "back on the row it left, selected" \
    'wait_esc $'"'"'\e\[[0-9;]*44m[^0-9]* '"'"'"$rid "'

# The demo always leaves some incidents past their deadline, first in the
# queue: red. The selection's colour hides a row's, so it is put on the
# second row (the first is late, red unless it is the only one selected).
tm send-keys Home Down
ok "late rows in red" 'wait_esc $'"'"'^[^!]*\e\[[0-9;]*31m[^ ]*! '"'"''
tm send-keys Home

tm resize-window -x 60 -y 20
ok "below 80x24: too small" 'wait_for "terminal too small"'
tm resize-window -x 100 -y 30
ok "back to 100x30: the queue again" 'wait_for "WHO / WHERE" && wait_gone "terminal too small"'

# The most urgent first: the emergency logged below tops the queue.
YUJING_USER=duty1 YUJING_PASSWORD=$pw "$yj" log --category safety_threat \
    --severity emergency --location 东区锅炉房 --field kind=火情 \
    --text 锅炉房冒烟 >/dev/null
YUJING_USER=duty1 YUJING_PASSWORD=$pw "$yj" log --category drinking \
    --location 北门小吃街 --text 醉酒 >/dev/null
ok "another terminal's changes show up" 'wait_for "北门小吃街"'
ok "an emergency, most urgent, first in the queue (not the newest)" 'tm capture-pane -p | grep -A1 "WHO / WHERE" | tail -1 | grep -q 东区锅炉房'
ok "and a banner until it is acknowledged" 'tm capture-pane -p | grep -q "EMERGENCY #"'
tm send-keys Enter
ok "Enter: the incident, its text" 'wait_for "锅炉房冒烟"'
ok "whom to call, with phones" 'wait_for "Call" && wait_for "→"'
tm send-keys End
ok "its history: reported, offices notified, the plan raised" 'wait_for "emergency plan" && wait_for "notified"'
tm send-keys Home
tm send-keys A
ok "A: asks who acknowledged" 'wait_for "Who acknowledged (you take it for them):"'
tm send-keys Enter
ok "A: one question naming the person and the rung" 'wait_for ") acknowledged, by phone to you? y/n"'
tm send-keys y
ok "y: acknowledged" 'wait_for "Acknowledged." && wait_for "acknowledged"'
tm send-keys a
ok "a: asks for a note" 'wait_for "Note:"'
tm send-keys -l "已通知保卫处现场处置"
tm send-keys Enter
ok "the note is in the history, in Chinese" 'wait_for "已通知保卫处现场处置"'
tm send-keys r
ok "r: asks how it was resolved" 'wait_for "How was it resolved:"'
tm send-keys -l "误报"
tm send-keys Escape
ok "Esc on a question: nothing saved" 'wait_for "Cancelled." && ! tm capture-pane -p | grep -q "resolved ·"'
tm send-keys r
tm send-keys -l "火已扑灭"
tm send-keys Enter
ok "resolved, with how: the history's end shows it" 'wait_for "火已扑灭"'
tm send-keys Home
ok "and the state says so" 'wait_for "resolved ·"'
tm send-keys Escape
ok "Esc: back to the queue" 'wait_for "WHO / WHERE"'
ok "resolved: gone from the open queue" 'wait_gone "东区锅炉房"'

tm send-keys F1
ok "F1: the keys" 'wait_for "Keys on this screen (any key to go back)"'
tm send-keys x
ok "any key: back" 'wait_gone "Keys on this screen (any key to go back)"'

tm send-keys F10
ok "F10: asks first" 'wait_for "Quit yujing? y: yes, any other key: no"'
tm send-keys y
ok "y: quits, exit 0" 'wait_for "EXITED 0"'

# NO_COLOR: the same screen with no colour at all.
# A server of its own: the last one may still be going away.
tm kill-server
sock=yujing-screen-$$-nocolor
tm new-session -d -x 80 -y 24 \
    "env TERM=screen LANG=C.UTF-8 NO_COLOR=1 $yj; echo \"EXITED \$?\"; sleep 60"
wait_for "Sign in to the duty-room screen"
tm send-keys -l duty1
tm send-keys Tab
tm send-keys -l "$pw"
tm send-keys Enter
ok "NO_COLOR: the queue" 'wait_for "WHO / WHERE"'
ok "NO_COLOR: no colour" '! tm capture-pane -p -e | grep -q $'"'"'\e\[[0-9;]*3[0-7]m'"'"''
tm send-keys F10
wait_for "Quit yujing?"
tm send-keys y
ok "NO_COLOR: quits" 'wait_for "EXITED 0"'

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
