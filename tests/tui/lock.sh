#!/usr/bin/env bash
# Locking the shared duty-room screen: by itself after the policy's idle
# time (3 s here), and by F9; nothing personal is left on the locked
# screen; the same password brings back exactly what was there; someone
# else signing in gets a fresh queue, not the first one's draft, which is
# back when the first one signs in again.
# usage: lock.sh YUJING SOURCE_DIR [UI_LANG]
. "$(dirname "$0")/lib.sh" "$@"

demo_db || { echo "FAIL: demo database"; exit 1; }
sed 's/^  idle_lock: .*/  idle_lock: 3s/' "$src/rules.yaml" >"$tmp/rules-3s.yaml"
ok "setup: a policy that locks after 3 s" \
    'grep -q "^  idle_lock: 3s$" "$tmp/rules-3s.yaml" &&
    "$yj" --rules "$tmp/rules-3s.yaml" check-rules >/dev/null'

locked=$(t "Locked. Password to go on, or sign in as someone else.")
idle=$(t "Locked after no keys for a while.")
back=$(t "Welcome back: as you left it.")
desc1="晚归未到，室友称其去网吧"

# half_filled: a night absence with its student, time and some text.
half_filled() {
	press n n
	press $(chars "$stu_initials")
	wait_for "$stu_name $stu_no" || return 1
	press Enter 2 3 : 0 5 Enter
	tm send-keys -l "$desc1"
	typed=$(date +%s%N)	# the last key
	wait_for "$desc1" && on_screen "• $stu_name $stu_no" && on_screen 23:05
}
# nothing_personal: neither the student nor the description is shown.
nothing_personal() {
	! on_screen "$stu_name" && ! on_screen "$stu_no" && ! on_screen "$desc1"
}

# --- The idle lock, on a server with the 3 s policy.
use idle
ok "idle: signed in" 'tui_signed_in duty1 "$tmp/rules-3s.yaml"'
ok "idle: a half-filled form" 'half_filled'
ok "idle: locks by itself" 'wait_for "$idle"'
waited=$((($(date +%s%N) - typed) / 1000000))
echo "  (locked after ${waited} ms without keys)"
ok "idle: not before 3 s without keys (${waited} ms)" '((waited >= 2800))'
ok "idle: the sign-in screen, the user name kept" \
    'on_screen "$(t "Sign in to the duty-room screen")" && on_screen duty1'
ok "idle: nothing personal on the locked screen" 'nothing_personal'
tm send-keys -l "$(pw_of duty1)"
press Enter
ok "idle: the same password, welcome back" 'wait_for "$back"'
# The snapshot is taken at once: in 3 s it locks again.
shot=$(screen)
ok "idle: the same form, all typed still there" \
    'grep -qF "$desc1" <<<"$shot" && grep -qF "• $stu_name $stu_no" <<<"$shot" &&
    grep -qF 23:05 <<<"$shot" && grep -F "[n] $(pn categories night_absence)" <<<"$shot" | grep -qF "$(t Category)"'
tm kill-server

# --- F9, and someone else, on a server with the policy's 10 minutes.
use f9
ok "F9: signed in" 'tui_signed_in duty1'
ok "F9: a half-filled form" 'half_filled'
press F9
ok "F9: locked" 'wait_for "$locked"'
ok "F9: nothing personal on the locked screen" 'nothing_personal'
ok "F9: the user name kept" 'on_screen duty1'

sign_in_other duty2
ok "another user: a fresh queue" 'wait_for "$(t "WHO / WHERE")"'
ok "another user: not the first one's welcome" '! on_screen "$back"'
ok "another user: the draft is not on the screen" 'nothing_personal'
name1=$(display_of duty1) name2=$(display_of duty2)
ok "another user: their name in the title, not the first one's" \
    'screen | head -1 | grep -qF "$name2 (" &&
    { [[ $name1 == "$name2" ]] || ! screen | head -1 | grep -qF "$name1 ("; }'
press n
ok "another user: a new form of their own, empty" \
    'form_empty && nothing_personal'
press Escape
ok "another user: Esc on an untouched form, no question" \
    'wait_for "$(t "WHO / WHERE")" &&
    ! on_screen "$(t "Throw this report away? y: yes, any other key: keep it")"'
ok "another user: no incident was saved from the draft" \
    '[[ $(cli admin list --student "$stu_no" --format json | jq length) == 0 ]]'
# duty2 starts a report of their own, and is called away.
press n
press d
ok "another user: a form of their own begun" 'wait_for "[d] "'
press F9
ok "another user locks" 'wait_for "$locked" && on_screen duty2'

sign_in_other duty1
ok "the first user again: welcome back" 'wait_for "$back"'
ok "the first user again: the draft is back" \
    'on_screen "$desc1" && on_screen "• $stu_name $stu_no" && on_screen 23:05'
tm send-keys -l "，已联系家长"
press F2
ok "the draft saves" 'wait_for "$(tp "Saved as #%lld.")"'
id=$(newest_of "$stu_no")
got=$(incident "$id" '.logged_by + " " + .text')
ok "saved by the first user, with its text" \
    '[[ $got == "duty1 $desc1，已联系家长" ]]'
# The other user's screen is kept, locked: F10 asks first.
press F10
ok "F10: asks, duty2's locked form is kept" \
    'wait_for "$(t "A locked screen here holds unsaved work; quit anyway? y: yes, any other key: no")"'
# One key answers.
press n
ok "n: not quitting" 'wait_for "$(t "Not quitting.")" && ! on_screen EXITED'
press F10
wait_for "$(t "A locked screen here holds unsaved work; quit anyway? y: yes, any other key: no")"
press y
ok "F10, y: quits, status 0" 'wait_for "EXITED 0"'

finish
