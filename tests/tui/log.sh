#!/usr/bin/env bash
# Logging a night absence as the duty officer does, by pinyin initials in
# twelve keys and a description; then calling, acknowledging, escalating
# and resolving it from its screen; a save that fails keeps the form; Esc
# on a changed form asks first.
# usage: log.sh YUJING SOURCE_DIR [UI_LANG]   (default C.UTF-8)
. "$(dirname "$0")/lib.sh" "$@"

demo_db || { echo "FAIL: demo database"; exit 1; }
# The history names who did it as people are named: by display name.
me=$(display_of duty1)
# The demo is random: what would sort before a new night absence (its
# emergencies, its late ones, any acknowledgement due) is resolved.
clear_urgent
ok "setup: nothing open has an acknowledgement due" \
    '[[ $(cli admin list --open --format json |
        jq "[.[] | select(.emergency or .ack_due != null)] | length") == 0 ]]'

ok "signed in as duty1: the queue" 'tui_signed_in duty1'

# n: a new incident; n: 夜不归宿; the student by initials; Enter adds them
# and goes to the first empty required field, the time last seen.
keys=0
press n n
ok "n n: a night absence" 'wait_for "$(t Category)" "[n] $(pn categories night_absence)"'
press $(chars "$stu_initials")
ok "initials: the student offered first" \
    'wait_for "$stu_name" "$stu_no" &&
    screen | grep -A1 "^ $(t Students) " | tail -1 | grep -q "$stu_name $stu_no"'
press Enter 2 2 : 3 0 Enter
ok "twelve keys from the queue to the description" '[[ $keys == 12 ]]'
ok "the student added" 'wait_for "• $stu_name $stu_no"'
ok "last seen 22:30" 'wait_for "最后一次见到的时间" "22:30"'
tm send-keys -l "晚点名未归，手机关机，室友不知去向"
ok "the description, in Chinese" 'wait_for "晚点名未归，手机关机，室友不知去向"'
press F2
ok "F2: saved" 'wait_for "$(tp "Saved as #%lld.")"'
id=$(newest_of "$stu_no")
ok "saved as its id" 'wait_for "$(tp "Saved as #%lld.")$id"'
ok "back in the queue" 'wait_for "$(t "WHO / WHERE")"'
ok "most urgent: first in the queue" \
    'screen | grep -A1 -F "$(t "WHO / WHERE")" | tail -1 | grep -q "^. $id .*$stu_name"'
ok "and selected (the selection bar, on blue)" \
    'tm capture-pane -p -e | grep -E "^[^ ]* +$id " | grep -q $'"'"'\e\[[0-9;]*44m'"'"''
got=$(incident "$id" '[.category, .students[0].number, .text,
    .fields.last_seen] | join(" ")')
ok "the CLI has it as typed" \
    '[[ $got == "night_absence $stu_no 晚点名未归，手机关机，室友不知去向 "*22:30* ]]'

press Enter
ok "Enter: its screen" 'wait_for "#$id" "$(pn categories night_absence)" &&
    wait_for "$(t open) ·"'
ok "its description" 'wait_for "晚点名未归，手机关机，室友不知去向"'
ok "whom to call: the counselor first, with the phone" \
    'wait_for "$(t Call)" && wait_for "→" "$counselor_name" "$counselor_phone"'

# c: a call, nobody answered.
press c
ok "c: asks who was called, the counselor offered" \
    'wait_for "$(t "Who was called:")" "$counselor_name"'
press Enter
ok "how did it go" 'wait_for "$(t "How did it go? 1 reached, 2 no answer, 3 left a message:")"'
press 2 Enter
ok "what was said" 'wait_for "$(t "What was said (Enter for nothing):")"'
tm send-keys -l 无人接听
press Enter
ok "contacted: saved" 'wait_for "$(t Saved.)"'
press End
ok "contacted, in the history: whom" \
    'wait_for "$me" "$(t contacted)" "$counselor_name"'
ok "kept as no answer, with what was said" \
    'cli admin show "$id" | grep contacted | grep -q "(no answer): 无人接听"'
ok "shown in the screen's words" \
    'wait_for "$counselor_name" "$(t "no answer")" &&
    [[ $(screen | tr -d " \n") == *无人接听* ]]'

press A
ok "A: asks who acknowledged, the rung's person offered" \
    'wait_for "$(t "Who acknowledged (you take it for them):")" "$counselor_name"'
press Enter
q=$(t "%s (%s) acknowledged, by phone to you? y/n")
ok "one question naming the person and the rung" \
    'wait_for "$counselor_name" "${q##*%s}"'
press y
ok "A, y: acknowledged" 'wait_for "$(t Acknowledged.)"'
ok "kept: for the counselor, by phone, taken by the officer" \
    'cli admin show "$id" --format json | jq -e ".events[] | select(.kind == \"acknowledged\") | .actor == \"duty1\" and .payload.for == \"$counselor_name\" and .payload.via == \"phone\"" >/dev/null'
press End
ok "acknowledged, in the history" 'wait_for "$me" "$(t acknowledged)"'

esc_q=$(t "Escalate to (Up/Down, Enter; or type a level's name or id):")
press e
ok "e: asks to which level" 'wait_for "$esc_q"'
# The levels above by name, the next one (the department) picked.
ok "the next level is picked in the list" \
    'wait_for "→ $(pn levels department)"'
press Enter
ok "and why" 'wait_for "$(t "Why escalate:")"'
tm send-keys -l 辅导员联系不上学生
press Enter
press End
# The level column holds the rung's name as the screen says it (cut to
# fit): its first few characters.
dept=$(pn levels department)
ok "escalated, in the history, to the department" \
    'wait_for "$me" "$(t escalated)" "${dept:0:4}"'
# The history has grown below the contacts: back to the top.
press Home
ok "the department leader is the one to call now" \
    'wait_for "→" "$dept_leader"'
ok "the reason is kept" \
    'cli admin show "$id" | grep escalated | grep -q 辅导员联系不上学生'

press r
ok "r: asks how" 'wait_for "$(t "How was it resolved:")"'
tm send-keys -l 学生已返校，人身安全
press Enter
press End
ok "resolved, in the history, with how" \
    'wait_for "$me" "$(t resolved)" "学生已返校，人身安全"'
press Home
ok "the state: resolved" 'wait_for "#$id" && wait_for "$(t resolved) ·"'
ok "the CLI agrees" '[[ $(incident "$id" .state) == resolved ]]'
press Escape
ok "Esc: the queue" 'wait_for "$(t "WHO / WHERE")"'
ok "resolved: gone from the open queue" 'wait_gone "$id " "$stu_name"'

# A save that fails keeps everything typed; the retry succeeds.
press n n
press $(chars "$stu_initials")
wait_for "$stu_name $stu_no"
press Enter 2 3 : 1 5 Enter
wait_for "23:15"
press F2
ok "no description: not saved, said why" \
    'wait_for "$(tp "Not saved: %s (F2 to try again)")"'
ok "still the form, filled" \
    'on_screen "$(t Category)" "[n] $(pn categories night_absence)" && on_screen "• $stu_name" && on_screen 23:15'
ok "nothing was saved" '[[ $(newest_of "$stu_no") == "$id" ]]'
tm send-keys -l 第二次晚归未到
press F2
ok "the retry: saved" 'wait_for "$(tp "Saved as #%lld.")"'
id2=$(newest_of "$stu_no")
got=$(incident "$id2" '.text + " " + .fields.last_seen')
ok "a new incident, with what was typed before the failure" \
    '[[ $id2 != "$id" && $got == "第二次晚归未到 "*23:15* ]]'

# Esc on a changed form asks; any key but y keeps it.
press n n
tm send-keys -l 丢不得的描述
press Escape
ok "Esc on a changed form: asks" \
    'wait_for "$(t "Throw this report away? y: yes, any other key: keep it")"'
press n
ok "n: kept" 'wait_for "$(t "Kept: go on.")"'
ok "the form as it was" 'wait_for "$(t Category)" "[n] $(pn categories night_absence)" && on_screen 丢不得的描述'
press Escape
wait_for "$(t "Throw this report away? y: yes, any other key: keep it")"
press y
ok "y: thrown away, the queue" 'wait_for "$(t "WHO / WHERE")" && wait_gone 丢不得的描述'
ok "nothing saved" '[[ $(newest_of "$stu_no") == "$id2" ]]'
press n
ok "a new form is empty" 'form_empty && ! on_screen 丢不得的描述'
press Escape
ok "F10: quits, status 0" 'wait_for "$(t "WHO / WHERE")" && quits'

finish
