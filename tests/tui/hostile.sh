#!/usr/bin/env bash
# Hostile text already in the database (written around yujing, with the
# sqlite3 shell) on the screen: a student's name with a CR and an ESC
# sequence, an incident's text that would clear the screen and retitle
# the window. Each shows as visible escapes, on its own row, and the
# terminal does none of it.
# usage: hostile.sh YUJING SOURCE_DIR [UI_LANG]
. "$(dirname "$0")/lib.sh" "$@"

YUJING_PASSWORD=admin-pass-1 "$yj" init >/dev/null ||
    { echo "FAIL: init"; exit 1; }
printf '%s\n' 'number,name,gender,department,class,building,room,phone' \
    "$stu_no,$stu_name,男,武当学院,太极2601,3,402," >"$tmp/roster.csv"
cli admin import roster "$tmp/roster.csv" >/dev/null ||
    { echo "FAIL: roster"; exit 1; }
id=$(cli admin log --category drinking --student "$stu_no" --text plain)
ok "setup: logged" '[[ $id =~ ^[0-9]+$ ]]'

# The name: 恩, CR, ESC [2J (clear the screen), 森. The text: clear the
# screen, set the window's title, CR, then more.
sqlite3 "$YUJING_DB" "
    UPDATE student SET name = '恩' || char(13) || char(27) || '[2J森'
        WHERE number = '$stu_no';
    UPDATE incident_student SET name = '恩' || char(13) || char(27) ||
        '[2J森' WHERE number = '$stu_no';
    UPDATE incident SET text = 'desc' || char(27) || '[2J' || char(27) ||
        ']2;pwned' || char(7) || char(13) || 'tail' || char(9) || 'end'
        WHERE id = $id;"
ok "setup: written around yujing" \
    '[[ $(sqlite3 "$YUJING_DB" "SELECT hex(name) FROM student") == *0D1B* ]]'

name_shown='恩\r\x1b[2J森'
text_shown='desc\x1b[2J\x1b]2;pwned\x07\rtail\tend'

ok "signed in: the queue" 'tui_signed_in admin'
# row: the queue's line of the incident.
row() { screen | grep -F -- "$name_shown" | grep "^. $id "; }
ok "the name as escapes, on the incident's own row" \
    'wait_for "$id " "$name_shown" "$(pn severities routine)"'
ok "the row keeps its other columns (not blanked by the CR)" \
    '[[ $(row) == ?" $id "*12-*"$(pn severities routine)"*"$name_shown "*[![:space:]]* ]]'
ok "the screen was not cleared: the title bar and headings are there" \
    'on_screen "$(t "WHO / WHERE")" && [[ -n $(screen | head -1 | tr -d " ") ]]'

press Enter
ok "opened: the text as escapes" 'wait_for "$text_shown"'
ok "the student's line as escapes" 'on_screen "$name_shown"'
ok "the window's title was not set" \
    '[[ $(tm display-message -p "#{pane_title}") != *pwned* ]]'
# A CR drawn raw would bring the cursor back to column 0 and "tail" would
# overwrite the start of the line; a tab would move it on.
ok "nothing was drawn over the start of the line" \
    '! screen | grep -q "^tail" && ! screen | grep -q "^ *end"'
press Escape
ok "back to the queue, the row still whole" \
    'wait_for "$id " "$name_shown"'
ok "F10: quits, status 0" 'quits'

finish
