#!/usr/bin/env bash
# No LANG at all (a fresh machine, a cron job, ssh without AcceptEnv): the
# program sets LC_CTYPE to C.UTF-8 itself, says so once, and Chinese is
# still read from the keyboard and drawn whole; the UI is in English. A
# locale that is not UTF-8 (POSIX) is treated the same.
# usage: locale.sh YUJING SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"

demo_db || { echo "FAIL: demo database"; exit 1; }

# start ENV...: the binary with only these variables (no LANG unless given).
start() {
	local cmd
	cmd=$(printf '%q ' env -i PATH="$PATH" TERM=screen TZ=Asia/Shanghai \
	    HOME="$tmp" YUJING_DB="$YUJING_DB" YUJING_RULES="$YUJING_RULES" \
	    YUJING_LOCALEDIR="$localedir" "$@" "$yj")
	tm new-session -d -x 80 -y 24 "$cmd; echo \"EXITED \$?\"; sleep 60"
}

for how in "no LANG" "LANG=POSIX"; do
	use "${how// /-}"
	if [[ $how == "no LANG" ]]; then start; else start LANG=POSIX; fi
	ok "$how: it says the locale was set for it, once" \
	    'wait_for "No UTF-8 locale in the environment (LANG): using C.UTF-8, in English."'
	ok "$how: in English" 'on_screen "Sign in to the duty-room screen"'
	sign_in duty1
	ok "$how: the queue" 'wait_queue'
	ok "$how: a Chinese name drawn whole in the title" \
	    'wait_for "$(display_of duty1)"'
	ok "$how: no mojibake anywhere" '! screen | grep -q -e "?" -e "M-"'
	press s
	wait_for "Search:"
	tm send-keys -l "$stu_name"
	ok "$how: Chinese typed reaches the program" 'wait_for "Search:" "$stu_name"'
	press Escape Escape
	quits
done

finish
