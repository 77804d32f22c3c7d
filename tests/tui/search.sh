#!/usr/bin/env bash
# Search (s / F3): a two-character Chinese word found in the one incident
# that has it, results as one types; one character; a student number;
# Enter opens. A restricted incident is not found by its words by someone
# who may not read it (a duty officer: a stub in the queue), and is by
# someone who may.
# usage: search.sh YUJING SOURCE_DIR [UI_LANG]
. "$(dirname "$0")/lib.sh" "$@"

demo_db || { echo "FAIL: demo database"; exit 1; }
# So that the two below are on the queue's first page.
clear_urgent
# Words no demo text has (none of their characters is in the demo's
# source): checked on the data as well.
word=蜥蜴 secret=鹦鹉
ok "setup: the words are in no incident of the demo" \
    '[[ $(cli admin list --format json --limit 100000 |
        jq --arg a $word --arg b $secret "[.[] | tostring |
        select(contains(\$a) or contains(\$b))] | length") == 0 ]]'
id=$(cli duty1 log --category discipline_other --student "$stu_no" \
    --text "宿舍床下发现一只${word}，同学受惊" --location 3号楼402)
rid=$(cli duty1 log --category mental_health --student "$stu_no" \
    --field risk=高 --text "说家里养的${secret}死了，情绪低落，多次哭泣")
ok "setup: logged by the CLI as duty1" '[[ $id =~ ^[0-9]+$ && $rid =~ ^[0-9]+$ ]]'

ok "duty1: signed in" 'tui_signed_in duty1'
ok "the restricted one: a stub in the queue" \
    'wait_for "$rid " " $(t "restricted") "'
ok "its words and student are not in the queue" \
    '! on_screen "$secret" && ! on_screen "$rid " "$stu_name"'

press s
ok "s: the search" 'wait_for "$(t Search:)"'
tm send-keys -l "${word:0:1}"
ok "one character: found as it is typed" \
    'wait_for "$id " "$stu_name" && wait_for "…" "$word"'
tm send-keys -l "${word:1:1}"
ok "two characters: still the one" 'wait_for "$(t Search:)" "$word" && on_screen "$id " "$stu_name" && [[ $(screen | grep -c "$word") == 2 ]]'
ok "only the one" '[[ $(screen | grep -c "$word，") == 1 ]]'
tm send-keys -l 鳄
ok "a third character that is in nothing: nothing found" \
    'wait_for "$(t "Nothing found.")" && ! on_screen "$id "'
press BSpace
ok "backspace: found again" 'wait_for "$id " "$stu_name" && wait_for "…" "$word"'
press Enter
ok "Enter opens it" 'wait_for "#$id" && wait_for "宿舍床下发现一只${word}，同学受惊"'
press Escape
wait_for "$(t "WHO / WHERE")"

press F3
ok "F3: the search" 'wait_for "$(t Search:)"'
tm send-keys C-u
tm send-keys -l "$stu_no"
ok "a student number: their incident" 'wait_for "$id " "$stu_name $stu_no"'
ok "not the restricted one" '! on_screen "$rid "'
tm send-keys C-u
tm send-keys -l "$secret"
ok "the restricted one's words: nothing found for a duty officer" \
    'wait_for "$(t "Nothing found.")"'
ok "not its id, not its text" '! on_screen "$rid " && ! on_screen 情绪低落'
tm send-keys C-u
tm send-keys -l "情绪"
ok "another of its words typed" 'wait_for "$(t Search:)" 情绪'
ok "nor by another of its words ($rid)" 'wait_gone "$rid "'
ok "its text not shown" '! on_screen 多次哭泣'
press Escape
ok "Esc: the queue" 'wait_for "$(t "WHO / WHERE")"'

# The counseling center may read it: the same search finds it.
press F9
wait_for "$(t "Locked. Password to go on, or sign in as someone else.")"
sign_in_other xinli1
ok "xinli1 (counseling staff): the queue" 'wait_for "$(t "WHO / WHERE")"'
ok "for them it is no stub" 'wait_for "$rid " "$stu_name"'
press s
wait_for "$(t Search:)"
tm send-keys -l "$secret"
ok "xinli1 finds it by its words" 'wait_for "$rid " && [[ $(screen | grep -c "$secret") -ge 2 ]]'
# duty1's screen, locked away, holds nothing unsaved: F10 asks only
# whether to quit at all.
ok "F10, y: quits, status 0" 'quits'

finish
