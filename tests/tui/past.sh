#!/usr/bin/env bash
# Past incidents: the queue's filters (F4) show the resolved ones, or all,
# newest first, and only those that occurred in the last day, week...;
# any of them opens, its history whole.
# usage: past.sh YUJING SOURCE_DIR [UI_LANG]
. "$(dirname "$0")/lib.sh" "$@"

demo_db || { echo "FAIL: demo database"; exit 1; }
old=$(cli duty1 log --category discipline_other --student "$stu_no" \
    --occurred -3d --text 三天前的旧事)
cli duty1 resolve "$old" --text 已批评教育 >/dev/null
ok "setup: a resolved incident of three days ago" \
    '[[ $(incident "$old" .state) == resolved ]]'
resolved=$(cli admin list --format json |
    jq '[.[] | select(.state == "resolved")] | length')

# listed ID: a row of the queue begins with ID (a room such as 8-208 on
# another row is not incident 208).
listed() {
	screen | grep -qE "^[^0-9]{0,4}$1 "
}

# total: the number the position line ends with (rows a–b of total).
total() {
	screen | grep -E "$(tp "rows %zu")|$(tp "第 %zu")" | tail -1 |
	    grep -oE "[0-9]+" | tail -1
}

tui_signed_in duty1
ok "the queue: open incidents, the resolved one not among them" \
    '! listed "$old"'
press F4
wait_for "$(t Showing)"
press Up Up Right
ok "Showing: resolved" 'wait_for "$(t Showing)" "$(t resolved)"'
press Enter
ok "every resolved incident, counted" 'wait_for "$(t "WHO / WHERE")" && [[ $(total) == "$resolved" ]]'
ok "the old one among them" 'tries=3 wait_for "$old " && listed "$old" || { press End; wait_for "$old " && listed "$old"; }'
press F4
wait_for "$(t Showing)"
press Down Right
ok "Occurred: the last 24 hours" 'wait_for "$(t Occurred)" "$(t "last 24 hours")"'
press Enter
ok "three days ago is not in the last day" 'wait_for "$(t "WHO / WHERE")" && ! listed "$old"'
press F4
wait_for "$(t Occurred)"
press Right
ok "Occurred: the last 7 days" 'wait_for "$(t Occurred)" "$(t "last 7 days")"'
press Enter Home
ok "within the week it is there again" 'wait_for "$(t "WHO / WHERE")" && { listed "$old" || { press End; wait_for "$old " && listed "$old"; }; }'
quits

finish
