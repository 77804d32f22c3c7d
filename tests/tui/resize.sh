#!/usr/bin/env bash
# Resizing in the middle of a new incident: larger, an odd width, too
# small, back to 80x24; nothing typed is lost and the form still saves.
# usage: resize.sh YUJING SOURCE_DIR [UI_LANG]
. "$(dirname "$0")/lib.sh" "$@"

demo_db || { echo "FAIL: demo database"; exit 1; }
ok "signed in: the queue" 'tui_signed_in duty1'

desc1="宿舍楼门禁记录显示未刷卡进入"
press n n
press $(chars "$stu_initials")
wait_for "$stu_name $stu_no"
press Enter 2 3 : 4 0 Enter
tm send-keys -l "$desc1"
ok "the form, half filled" \
    'wait_for "$desc1" && on_screen "• $stu_name $stu_no" && on_screen 23:40'

# all_there: the category, the student, the time and the description.
all_there() {
	wait_for "$desc1${1:-}" && on_screen "$(t Category)" "[n] $(pn categories night_absence)" &&
	    on_screen "• $stu_name $stu_no" && on_screen "最后一次见到的时间" 23:40
}

tm resize-window -x 100 -y 30
ok "100x30: all there" 'all_there'
# The clock ends a column short of the right edge.
ok "100x30: the whole width used (the clock at the right)" \
    'wait_for "$(t "New incident — F2 or Ctrl-X saves, Esc leaves, Tab moves")" &&
    [[ $(screen | head -1 | sed "s/ *$//" | wc -L) == 99 ]]'
ok "100x30: the longer checklist shows" 'wait_for "学生返回后确认其人身安全并记录返回时间"'

# An odd width: a Chinese character (2 columns) must not be split.
tm resize-window -x 81 -y 25
ok "81x25: all there" 'all_there'

tm resize-window -x 60 -y 20
ok "60x20: too small, said so" 'wait_for "$(t "terminal too small")"'
ok "60x20: the form is not drawn" '! on_screen "$desc1" && ! on_screen "$stu_name"'
# Keys typed while nothing can be seen change nothing (Esc would ask to
# throw the report away, and a y then would do it unseen).
tm send-keys -l "ABC"
tm send-keys Escape
tm send-keys -l "y"
sleep 0.3
tm resize-window -x 80 -y 24
ok "80x24 again: the form" 'wait_gone "$(t "terminal too small")" && all_there'
ok "keys typed while too small were not taken" \
    '! on_screen "${desc1}ABC" && ! on_screen "$(t "Throw this report away? y: yes, any other key: keep it")"'

# Typing goes on where it was: at the end of the description.
tm send-keys -l "，手机关机"
ok "typing goes on at the end of the description" 'all_there "，手机关机"'
press F2
ok "F2: saved" 'wait_for "$(tp "Saved as #%lld.")"'
id=$(newest_of "$stu_no")
got=$(incident "$id" '[.category, .students[0].number, .text,
    .fields.last_seen] | join(" ")')
ok "saved with all that was typed" \
    '[[ $got == "night_absence $stu_no $desc1，手机关机 "*23:40* ]]'

# The queue and an incident's screen take resizing too.
tm resize-window -x 60 -y 20
ok "the queue, 60x20: too small" 'wait_for "$(t "terminal too small")"'
tm resize-window -x 80 -y 24
ok "80x24: the queue, the new one selected" \
    'wait_for "$(t "WHO / WHERE")" &&
    tm capture-pane -p -e | grep -E "^[^ ]* +$id " | grep -q $'"'"'\e\[[0-9;]*44m'"'"''
press Enter
ok "its screen" 'wait_for "#$id" && wait_for "$desc1，手机关机"'
tm resize-window -x 100 -y 30
ok "100x30: its screen still, with whom to call" \
    'wait_for "#$id" && wait_for "→" "$counselor_name" "$counselor_phone"'
tm resize-window -x 80 -y 24
ok "80x24: its screen still" 'wait_for "#$id" && wait_for "$desc1，手机关机"'
ok "F10: quits, status 0" 'quits'

finish
