#!/usr/bin/env bash
# Sign-in on the shared keyboard's screen: wrong passwords said, the fifth
# makes the next try wait (the screen counts it down, a right password
# meanwhile is not tried); the admin's unlock from the command line ends
# it; sign-in, lock and quit on record; a password an admin gave with
# --temporary asks for the user's own before the queue; no core dump.
# usage: signin.sh YUJING SOURCE_DIR [UI_LANG]
. "$(dirname "$0")/lib.sh" "$@"

demo_db || { echo "FAIL: demo database"; exit 1; }
q() { sqlite3 "$YUJING_DB" "$1"; }
signin=$(t "Sign in to the duty-room screen")
wrong=$(t "wrong user name or password")

use throttle
ok "start: the sign-in screen" 'tui_start && wait_for "$signin"'
pid=$(pgrep -n -f "^$yj\$" || pgrep -n -x yujing)
ok "no core dump: its limit is 0" '[[ -n $pid ]] && grep -Eq "^Max core file size +0 +0 " /proc/$pid/limits'
tm send-keys -l duty1
tm send-keys Tab
# failed N: polls until N wrong passwords from the screen are on record.
failed() {
	local i
	for ((i = 0; i < 100; i++)); do
		[[ $(q "SELECT count(*) FROM event WHERE kind = 'signin_failed' AND json_extract(payload, '$.how') = 'screen'") == "$1" ]] && return 0
		sleep 0.1
	done
	return 1
}
for i in 1 2 3 4; do
	tm send-keys -l wrong-pass
	tm send-keys Enter
	failed "$i" || break
done
ok "four wrong: said, each on record from the screen" 'failed 4 && on_screen "$wrong"'
tm send-keys -l wrong-pass
tm send-keys Enter
ok "the fifth: the next try waits 30 s" 'wait_for "$(tp "wrong user name or password; the next try waits %lld s")30"'
ok "the wait counted down on the screen" 'wait_for "$(tp "Too many wrong passwords: the next try in %lld s")"'
tm send-keys -l "$(pw_of duty1)"
tm send-keys Enter
# (Its translation begins with a conversion: the screen's English here.)
ok "the right password while waiting: not tried" 'wait_for "5 wrong passwords in a row for duty1: the next try is possible in" && on_screen "$signin"'
ok "the command line clears it" 'cli admin user unlock duty1 | grep -q "5 wrong passwords cleared"'
tm send-keys -l "$(pw_of duty1)"
tm send-keys Enter
ok "then the right one goes in" 'wait_queue'
ok "signed in, on record from the screen" '[[ $(q "SELECT kind || json_extract(payload, '"'\$.how'"') FROM event WHERE subject = '"'duty1'"' ORDER BY id DESC LIMIT 1") == signed_inscreen ]]'
press F9
ok "F9: locked" 'wait_for "$signin"'
ok "the lock on record: signed out, lock" '[[ $(q "SELECT kind || json_extract(payload, '"'\$.why'"') FROM event WHERE subject = '"'duty1'"' ORDER BY id DESC LIMIT 1") == signed_outlock ]]'
tm send-keys -l "$(pw_of duty1)"
tm send-keys Enter
ok "back in" 'wait_queue'
ok "quits" 'quits'
ok "the quit on record: signed out, quit" '[[ $(q "SELECT kind || json_extract(payload, '"'\$.why'"') FROM event WHERE subject = '"'duty1'"' ORDER BY id DESC LIMIT 1") == signed_outquit ]]'
tm kill-server

# --read-only: said in the title bar from the sign-in on.
use readonly
ok "read-only: start" 'tui_read_only=1 tui_start && wait_for "$signin" && on_screen "[$(t "read-only")]"'
sign_in duty1
ok "read-only: signed in, still said" 'wait_queue && on_screen "预警 yujing [$(t "read-only")]"'
ok "read-only: quits" 'quits'
tm kill-server

# A temporary password: one's own first, typed twice alike.
YUJING_NEW_PASSWORD=temp-pass-9 cli admin user passwd duty2 --temporary >/dev/null
use temporary
sed 's/^  idle_lock: .*/  idle_lock: 4s/' "$src/rules.yaml" >"$tmp/rules-4s.yaml"
ok "temporary: start (locked after 4 s without keys)" 'grep -q "^  idle_lock: 4s$" "$tmp/rules-4s.yaml" && tui_start "$tmp/rules-4s.yaml" && wait_for "$signin"'
tm send-keys -l duty2
tm send-keys Tab
tm send-keys -l temp-pass-9
tm send-keys Enter
ok "temporary: asked for one's own, not the queue" 'wait_for "$(t "Your password was set by an admin: choose your own")" && ! on_screen "$(t "WHO / WHERE")"'
tm send-keys -l own-pass-99
tm send-keys Tab
tm send-keys -l own-pass-98
tm send-keys Enter
ok "temporary: two that differ, said" 'wait_for "$(t "the two passwords differ")"'
# Locked while choosing (no keys for 4 s): asked again after the
# sign-in, and the half-chosen one does not come back after it.
tm send-keys -l own-pass
ok "temporary: no keys while choosing: locked" 'tries=100 wait_for "$(t "Locked after no keys for a while.")"'
tm send-keys -l temp-pass-9
tm send-keys Enter
ok "temporary: signed in again, asked again" 'wait_for "$(t "Your password was set by an admin: choose your own")"'
tm send-keys -l own-pass-99
tm send-keys Tab
tm send-keys -l own-pass-99
tm send-keys Enter
ok "temporary: then the queue, not the choosing screen again" 'wait_queue && ! on_screen "$(t "Welcome back: as you left it.")"'
ok "temporary: the new one set, nothing left to change" '[[ $(q "SELECT must_change FROM user WHERE login = '"'duty2'"'") == 0 ]] && YUJING_USER=duty2 YUJING_PASSWORD=own-pass-99 "$yj" list >/dev/null'
ok "temporary: quits" 'quits'
tm kill-server

ok "verify: the record and its history agree" '"$yj" verify >/dev/null'
finish
