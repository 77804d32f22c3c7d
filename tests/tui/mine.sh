#!/usr/bin/env bash
# Mine (m): what waits on the one signed in. The counselor of a class sees
# what stands at their rung for their students, and no longer once it has
# climbed (but the follow-ups they owe); the duty officer sees what falls
# due before the shift ends.
# usage: mine.sh YUJING SOURCE_DIR [UI_LANG]
. "$(dirname "$0")/lib.sh" "$@"

demo_db || { echo "FAIL: demo database"; exit 1; }
YUJING_USER=admin YUJING_PASSWORD=admin-pass-1 \
    YUJING_NEW_PASSWORD=song-pass-123 "$yj" user add song --role counselor \
    --display "$counselor_name" --scope 太极2601 >/dev/null
echo "  song counselor song-pass-123" >>"$tmp/logins"
id=$(cli duty1 log --category night_absence --student "$stu_no" \
    --field last_seen=-1h --text 晚点名未归)
ok "setup: a night absence of the counselor's student" '[[ $id =~ ^[0-9]+$ ]]'

tui_signed_in song
press m
ok "m: the counselor's own, the incident waiting at their rung" \
    'wait_for "$(t "Waiting on you, most urgent first")" && wait_for "$id " "$stu_name"'
press Enter
ok "Enter opens it" 'wait_for "#$id "'
ok "the student with their room and phone" \
    'on_screen "$stu_no" "$stu_name" "$stu_room" 13800000000'
left=$(t "%s left") by=$(t "to resolve by %s")
ok "both deadlines: to acknowledge, and to resolve by" \
    'on_screen "${left//%s/}" && on_screen "${by%%%s*}"'
ok "logged by the officer's name, not their login" \
    'on_screen "$(display_of duty1)" && ! on_screen "logged by duty1"'
press Escape
wait_for "$(t "WHO / WHERE")"
cli admin escalate "$id" --text 辅导员未接 >/dev/null
press m
# The case waits at the department now; the talk with the student (a
# follow-up the policy asks of the counselor) still waits on them.
talk=$(pn followups student_talk)
ok "climbed to the department: the case no longer waits on the counselor" \
    'wait_gone "$id " "$stu_name" && ! on_screen "$id " "$stu_name"'
ok "but the talk with the student, theirs to do, still does" \
    'wait_for "$id " "$talk"'
press F1
ok "F1 on Mine: its own keys" \
    'wait_for "$(t "Keys on this screen (any key to go back):")" && on_screen "$(t Open)"'
press x
press Escape
quits

# The duty officer's part at a fixed hour of a night: the demo is of the
# real clock, and near a shift's end what is logged then falls due after.
night=$(TZ=Asia/Shanghai date -d tomorrow +%F)
id2=$(at "$night 22:30:00" duty1 log --category night_absence \
    --student "$stu_no" --field last_seen=-1h --text 晚点名又未归)
ok "setup: another night absence, tomorrow at 22:30" '[[ $id2 =~ ^[0-9]+$ ]]'
use duty
tui_at="$night 22:35:00" tui_signed_in duty1
press m
ok "the duty officer: what falls due this shift, this one among them" \
    'wait_for "$(t "Waiting on you, most urgent first")" && wait_for "$id2 "'
quits

finish
