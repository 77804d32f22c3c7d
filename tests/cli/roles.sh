#!/usr/bin/env bash
# Need-to-know as one table (issue 13): each role of the demo × each way
# of getting at a restricted case (mental health) — show, contacts, list,
# export, search and the incident's screen (the TUI, in tmux: search is
# the screen's alone), the reports — for three cases of our own: of a
# counselor1's class (a), of another class of dept1's department (b), of
# another department (c). Each cell says what the role gets (the case in
# full, a stub it may handle, a stub, or a refusal with its exit status)
# and the access-log entries it leaves, exactly: a look in full and a
# refused one are one entry each, an export one, a list or a report
# nothing. And the access log's own visibility: its readers read it, and
# what they read agrees with the table; anyone else is refused, clearly,
# and the refusal writes nothing.
# usage: roles.sh YUJING SOURCE_DIR
. "$(dirname "$0")/lib.sh"
begin "$1" "$2" jq sqlite3 tmux

db=$tmp/yj.db
export YUJING_DB=$db YUJING_RULES=$rules
YUJING_PASSWORD=admin-pass-1 "$yj" init --demo >logins
mkdir -p "$HOME"
pw() {
	[[ $1 == admin ]] && { echo admin-pass-1; return; }
	awk -v u="$1" '$1 == u { print $3 }' logins
}
as() {
	local u=$1
	shift
	YUJING_USER=$u YUJING_PASSWORD=$(pw "$u") "$yj" "$@"
}
q() { sqlite3 "$db" "$1"; }
# mark: where the history is now; since MARK: the access-log entries
# written after it, one a line, "USER KIND SUBJECT HOW" (HOW: command or
# screen; for an export, its format).
mark() { q "SELECT coalesce(max(id), 0) FROM event"; }
since() {
	q "SELECT actor || ' ' || kind || ' ' || subject || ' ' ||
	    coalesce(json_extract(payload, '\$.how'),
	        json_extract(payload, '\$.format'), '')
	    FROM event WHERE id > $1 AND incident_id IS NULL
	    AND (subject GLOB 'access/*' OR subject = 'export') ORDER BY id"
}
# entries_of USER / entries_on ID: the access log's rows of them (sqlite).
entries_of() {
	q "SELECT count(*) FROM event WHERE incident_id IS NULL AND actor = '$1'
	    AND (subject GLOB 'access/*' OR subject = 'export')"
}
entries_on() {
	q "SELECT count(*) FROM event WHERE incident_id IS NULL
	    AND subject = 'access/$1'"
}
# has TEXT...: the last output holds one of them.
has() {
	local t
	for t in "$@"; do
		grep -qF -- "$t" "$tmp/out" && return 0
	done
	return 1
}

# --- Three restricted cases of our own ---------------------------------
# Students of the demo's roster with no incident yet and a name nobody
# else has (nor anyone on the contacts): (a) in a class of counselor1's (so in dept1's department),
# (b) in dept1's department but in none of counselor1's classes, (c) in
# another department.
scope_of() {
	echo "SELECT us.unit_id FROM user_scope us JOIN user u ON u.id = us.user_id
	    WHERE u.login = '$1' AND us.unit_kind = '$2'"
}
pick() {
	q "SELECT s.number FROM student s JOIN class c ON c.id = s.class_id
	    WHERE s.left_at IS NULL
	    AND s.id NOT IN (SELECT student_id FROM incident_student)
	    AND (SELECT count(*) FROM student o WHERE o.name = s.name) = 1
	    AND s.name NOT IN (SELECT name FROM person)
	    AND $1 ORDER BY s.number LIMIT 1"
}
declare -A no name word id
no[a]=$(pick "c.id IN ($(scope_of counselor1 class))")
no[b]=$(pick "c.department_id IN ($(scope_of dept1 department))
    AND c.id NOT IN ($(scope_of counselor1 class))")
no[c]=$(pick "c.department_id NOT IN ($(scope_of dept1 department))")
# Words no demo text has, one a case, for the search.
word[a]=蜥蜴 word[b]=鹦鹉 word[c]=骆驼
for x in a b c; do
	name[$x]=$(q "SELECT name FROM student WHERE number = '${no[$x]}'")
done
ok "setup: three students, in scope and out (a ${no[a]}, b ${no[b]}, c ${no[c]})" \
    '[[ ${no[a]} =~ ^[0-9]+$ && ${no[b]} =~ ^[0-9]+$ && ${no[c]} =~ ^[0-9]+$ &&
       -n ${name[a]} && -n ${name[b]} && -n ${name[c]} ]]'
found=$(q "SELECT count(*) FROM event_part WHERE value LIKE '%${word[a]}%'
    OR value LIKE '%${word[b]}%' OR value LIKE '%${word[c]}%'")
ok "setup: the words are in nothing yet" '[[ $found == 0 ]]'
for x in a b c; do
	id[$x]=$(as duty1 log --category mental_health --student "${no[$x]}" \
	    --field risk=高 --text "说夜里总梦见${word[$x]}，情绪低落，多次哭泣")
done
# Five more of c's, so that c leads the reports' students if they named
# anyone of a restricted case.
for k in 1 2 3 4 5; do
	as duty1 log --category mental_health --student "${no[c]}" \
	    --field risk=中 --text "第${k}次谈话，仍失眠" >/dev/null
done
ok "setup: logged by duty1, restricted" \
    '[[ ${id[a]} =~ ^[0-9]+$ && ${id[b]} =~ ^[0-9]+$ && ${id[c]} =~ ^[0-9]+$ &&
       $(q "SELECT count(*) FROM incident WHERE restricted AND id IN (${id[a]}, ${id[b]}, ${id[c]})") == 3 ]]'

# --- The table ---------------------------------------------------------
# What each role gets of each case, by rules.yaml (visible_to, the
# capabilities read_restricted and scoped) and issue 13 (admin does not
# read them): full, the case in full; handle, a stub with whom to call
# (the duty officer handles every case, S11); stub, a stub only.
roles="duty1 counselor1 dept1 xsc1 leader1 xinli1 admin"
declare -A gets=(
	#                  (a) counselor1's     (b) dept1's          (c) elsewhere
	[duty1,a]=handle   [duty1,b]=handle     [duty1,c]=handle
	[counselor1,a]=full [counselor1,b]=stub [counselor1,c]=stub
	[dept1,a]=full     [dept1,b]=full       [dept1,c]=stub
	[xsc1,a]=full      [xsc1,b]=full        [xsc1,c]=full
	[leader1,a]=full   [leader1,b]=full     [leader1,c]=full
	[xinli1,a]=full    [xinli1,b]=full      [xinli1,c]=full
	[admin,a]=stub     [admin,b]=stub       [admin,c]=stub
)
# Per role: the reports (capability report) and the access log
# (security.access_log_readers, by default admin and student_affairs).
declare -A reports=(
	[duty1]=no [counselor1]=no [dept1]=no [xsc1]=yes [leader1]=yes
	[xinli1]=no [admin]=yes
)
declare -A reads_log=(
	[duty1]=no [counselor1]=no [dept1]=no [xsc1]=yes [leader1]=no
	[xinli1]=no [admin]=yes
)
# What each action must leave in the access log, per cell (USER and ID
# filled in): show and the screen, one entry, viewed or refused; contacts
# of a case one may not even handle, refused (every refused attempt is on
# record); a list as JSON or CSV is an export (the capability table:
# "lists as CSV or JSON, for other programs"), one entry like export's;
# search results, a list as a table, contacts one may use, and reports:
# nothing.
full_of() { [[ ${gets[$1,$2]} == full ]]; }

# --- show (each format), and with --read-only ---------------------------
for u in $roles; do
	for x in a b c; do
		i=${id[$x]} g=${gets[$u,$x]}
		m=$(mark)
		run as "$u" show "$i" --format json
		if full_of "$u" "$x"; then
			ok "$u: show $i ($x) --format json: in full" \
			    '[[ $rc == 0 && $(j .redacted) == false && $(j .text) == *"${word[$x]}"* &&
			       $(j ".students[0].number") == "${no[$x]}" && $(j .fields.risk) == 高 ]]'
			want="$u viewed access/$i command"
		else
			ok "$u: show $i ($x) --format json: a stub ($g), not a word of it" \
			    '[[ $rc == 0 && $(j .redacted) == true && $(j .text) == null &&
			       $(j .students) == null && $(j .fields) == null &&
			       $(j .access) == $([[ $g == handle ]] && echo handle || echo null) ]] &&
			    ! has "${word[$x]}" "${no[$x]}" "${name[$x]}"'
			want="$u refused access/$i command"
		fi
		ok "$u: show $i ($x) --format json: on record, once: $want" \
		    '[[ $(since $m) == "$want" ]]'
		m=$(mark)
		run as "$u" show "$i"
		if full_of "$u" "$x"; then
			ok "$u: show $i ($x): its text" '[[ $rc == 0 ]] && has "${word[$x]}"'
		else
			ok "$u: show $i ($x): restricted, said so" \
			    '[[ $rc == 0 ]] && has "Restricted" && ! has "${word[$x]}" "${no[$x]}" "${name[$x]}"'
		fi
		ok "$u: show $i ($x): on record, once: $want" '[[ $(since $m) == "$want" ]]'
	done
done
m=$(mark)
run as xsc1 --read-only show "${id[c]}" --format json
ok "--read-only: a look in full is still on record" \
    '[[ $rc == 0 && $(j .redacted) == false && $(since $m) == "xsc1 viewed access/${id[c]} command" ]]'
m=$(mark)
run as counselor1 --read-only show "${id[c]}" --format json
ok "--read-only: and a refused one" \
    '[[ $rc == 0 && $(j .redacted) == true && $(since $m) == "counselor1 refused access/${id[c]} command" ]]'

# --- contacts ----------------------------------------------------------
# Whom to call is for those who handle or read it; it holds no word of
# the case. The others are refused, and the refusal is on record.
for u in $roles; do
	for x in a b c; do
		i=${id[$x]} g=${gets[$u,$x]}
		m=$(mark)
		run_same as "$u" contacts "$i" --format json
		if [[ $g == stub ]]; then
			ok "$u: contacts $i ($x): refused" \
			    '[[ $rc == 1 && ! -s $tmp/out ]] && err1 "is restricted"'
			ok "$u: contacts $i ($x): the refusal on record, once" \
			    '[[ $(since $m) == "$u refused access/$i "* ]]'
		else
			ok "$u: contacts $i ($x): whom to call now, nothing of the case" \
			    '[[ $rc == 0 && $(j ".[0].current") == true && -n $(j ".[0].person") ]] &&
			    ! has "${word[$x]}" "${no[$x]}" "${name[$x]}"'
			ok "$u: contacts $i ($x): nothing on record, nothing written" \
			    '[[ -z $(since $m) && $same == yes ]]'
		fi
	done
done

# --- list --------------------------------------------------------------
for u in $roles; do
	m=$(mark)
	run as "$u" list
	for x in a b c; do
		i=${id[$x]}
		row=$(grep -E "^ *$i " "$tmp/out")
		if full_of "$u" "$x"; then
			ok "$u: list: $i ($x) with its student" \
			    '[[ $row == *"${no[$x]} ${name[$x]}"* ]]'
		else
			ok "$u: list: $i ($x) restricted, nobody named" \
			    '[[ $row == *"(restricted)"* && $row != *"${no[$x]}"* && $row != *"${name[$x]}"* ]]'
		fi
	done
	ok "$u: list: nothing on record" '[[ $rc == 0 && -z $(since $m) ]]'
	for f in json csv; do
		m=$(mark)
		run as "$u" list --format "$f"
		for x in a b c; do
			i=${id[$x]}
			if [[ $f == json ]]; then
				cell=$(j ".[] | select(.id == $i) | [.redacted, .text] | @tsv")
			else
				cell=$(grep -E "^$i," "$tmp/out" | tr -d '\r')
			fi
			if full_of "$u" "$x"; then
				ok "$u: list --format $f: $i ($x) in full" \
				    '[[ $cell == *"${word[$x]}"* ]]'
			else
				ok "$u: list --format $f: $i ($x) a stub" \
				    '[[ -n $cell && $cell == *true* && $cell != *"${word[$x]}"* && $cell != *"${no[$x]}"* ]]'
			fi
		done
		ok "$u: list --format $f: an export, on record once" \
		    '[[ $rc == 0 && $(since $m) == "$u exported export"* && $(since $m | grep -c "") == 1 ]]'
	done
done

# --- export ------------------------------------------------------------
stub_json=$'true\t\t0'	# redacted, no text, no history
for u in $roles; do
	for f in json csv events; do
		m=$(mark)
		if [[ $f == events ]]; then
			run as "$u" export --format csv --events
		else
			run as "$u" export --format "$f"
		fi
		for x in a b c; do
			i=${id[$x]}
			case $f in
			json) cell=$(j ".[] | select(.id == $i) |
			    [.redacted, .text, (.events // [] | length)] | @tsv") ;;
			csv) cell=$(grep -E "^$i," "$tmp/out" | tr -d '\r') ;;
			events) cell=$(grep -cE "^$i," "$tmp/out") ;;
			esac
			if full_of "$u" "$x"; then
				ok "$u: export ($f): $i ($x) in full, with its history" \
				    '[[ ($f == events && $cell -ge 2) ||
				       ($f != events && $cell == *"${word[$x]}"*) ]]'
			else
				ok "$u: export ($f): $i ($x) a stub without its history" \
				    '[[ ($f == events && $cell == 0) ||
				       ($f == json && $cell == "$stub_json") ||
				       ($f == csv && $cell == *,true && $cell != *"${no[$x]}"*) ]]'
			fi
		done
		ok "$u: export ($f): on record once, with its format" \
		    '[[ $rc == 0 && $(since $m) == "$u exported export $([[ $f == json ]] && echo json || echo csv)" ]]'
	done
done
m=$(mark)
run as xsc1 export --from 2026-01-01 --to 2026-01-31 --format csv
ok "export --from --to: the range on record" \
    '[[ $rc == 0 && $(since $m) == "xsc1 exported export csv" &&
       $(q "SELECT json_extract(payload, '"'\$.from'"') > 0 AND json_extract(payload, '"'\$.to'"') > 0 FROM event WHERE id > $m AND subject = '"'export'"'") == 1 ]]'

# --- reports -----------------------------------------------------------
# Counts only: a restricted case is counted, its student never named,
# whatever the scope; nothing is on record (no case is read). For the
# roles that may report; the others are refused and nothing is written.
n_mh=$(q "SELECT count(*) FROM incident WHERE category = 'mental_health'")
for u in $roles; do
	for r in stats "stats --by class" "timeliness --by person" patterns \
	    followups; do
		for f in table json; do
			m=$(mark)
			# (Each report's own table: its default format.)
			fmt=(--format json)
			[[ $f == table ]] && fmt=()
			# shellcheck disable=SC2086
			run_same as "$u" report $r "${fmt[@]}"
			if [[ ${reports[$u]} == yes ]]; then
				ok "$u: report $r ($f): nobody of the three named, no word of them" \
				    '[[ $rc == 0 && -s $tmp/out ]] &&
				    ! has "${no[a]}" "${no[b]}" "${no[c]}" "${name[a]}" "${name[b]}" "${name[c]}" \
				        "${word[a]}" "${word[b]}" "${word[c]}"'
				ok "$u: report $r ($f): nothing on record" '[[ -z $(since $m) ]]'
			else
				ok "$u: report $r ($f): refused, nothing written" \
				    'refused "may not see the reports"'
			fi
		done
	done
	if [[ ${reports[$u]} == yes ]]; then
		run as "$u" report patterns --format json
		ok "$u: report patterns: the restricted counted ($n_mh), never listed" \
		    '[[ $(j ".restricted[] | select(.key == \"mental_health\") | .count") == "$n_mh" &&
		       $(j "[.students[] | select(.key == \"${no[c]}\")] | length") == 0 ]]'
	fi
done

# --- search and the incident's screen (the TUI, in tmux) ---------------
# Search finds a restricted case only for those who may read it (a stub
# would tell that its text holds the words); its hit opened is a look in
# full, on record. The screen of a case opened by its number: as show.
sock=yujing-roles-$$
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock";
    chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
screen() { tm capture-pane -p 2>/dev/null; }
# on_screen T...: a line of the screen holds every T.
on_screen() {
	screen | awk 'BEGIN { n = ARGC - 1; for (i = 1; i < ARGC; i++)
	    w[i] = ARGV[i]; ARGC = 1 }
	    { for (i = 1; i <= n; i++) if (!index($0, w[i])) next
	      found = 1; exit }
	    END { exit !found }' "$@"
}
# wait_for T...: polls for it, 10 s at most.
wait_for() {
	local k
	for ((k = 0; k < 100; k++)); do
		on_screen "$@" && return 0
		sleep 0.1
	done
	return 1
}
# below_prompt T: T is on the screen but for the search's own line.
below_prompt() { screen | grep -v '^ Search:' | grep -qF -- "$1"; }
# tui USER: the screen, USER signed in, at the queue (past a start-of-
# shift check).
tui() {
	local cmd k
	cmd=$(printf '%q ' env -i PATH="$PATH" TERM=screen LANG=C.UTF-8 \
	    TZ=Asia/Shanghai HOME="$HOME" YUJING_DB="$db" YUJING_RULES="$rules" \
	    ${YUJING_LOCALEDIR:+YUJING_LOCALEDIR="$YUJING_LOCALEDIR"} \
	    ASAN_OPTIONS="$ASAN_OPTIONS" "$yj")
	tm kill-server 2>/dev/null
	tm new-session -d -x 80 -y 24 "$cmd; echo \"EXITED \$?\"; sleep 60"
	wait_for "Sign in to the duty-room screen" || return 1
	tm send-keys -l "$1"
	tm send-keys Tab
	tm send-keys -l "$(pw "$1")"
	tm send-keys Enter
	for ((k = 0; k < 100; k++)); do
		on_screen "WHO / WHERE" && return 0
		on_screen "Start of shift · " && tm send-keys Enter
		sleep 0.1
	done
	return 1
}
# looked U X: what the access list says of U's look at case X; prev: the
# role before each in the table, whose look at the screen came before.
looked() { [[ ${gets[$1,$2]} == full ]] && echo "read in full" || echo refused; }
declare -A prev
p=
for u in $roles; do prev[$u]=$p; p=$u; done
rc=- same=-
for u in $roles; do
	ok "$u: signed in on the screen" 'tui "$u"'
	for x in a b c; do
		i=${id[$x]}
		m=$(mark)
		tm send-keys F3
		wait_for "Search:"
		tm send-keys C-u
		tm send-keys -l "${word[$x]}"
		wait_for "Search:" "${word[$x]}"
		if full_of "$u" "$x"; then
			ok "$u: search ${word[$x]}: $i ($x) found, with its student" \
			    'wait_for "$i " "${name[$x]} ${no[$x]}"'
			ok "$u: the results alone: nothing on record" '[[ -z $(since $m) ]]'
			tm send-keys Enter
			ok "$u: the hit opened: $i ($x) in full" \
			    'wait_for "#$i " && wait_for "${word[$x]}"'
			ok "$u: the hit opened: on record, once" \
			    '[[ $(since $m) == "$u viewed access/$i screen" ]]'
			tm send-keys Escape
			wait_for "Search:"
		else
			ok "$u: search ${word[$x]}: nothing found, not a stub" \
			    'wait_for "Nothing found." && ! on_screen "$i " && ! below_prompt "${word[$x]}"'
			ok "$u: search ${word[$x]}: nothing on record" '[[ -z $(since $m) ]]'
		fi
		tm send-keys Escape
		wait_for "WHO / WHERE"
		m=$(mark)
		tm send-keys '#'
		wait_for "Go to incident #:"
		tm send-keys -l "$i"
		tm send-keys Enter
		if full_of "$u" "$x"; then
			ok "$u: the screen of $i ($x): in full" \
			    'wait_for "#$i " && wait_for "${word[$x]}"'
			want="$u viewed access/$i screen"
		else
			ok "$u: the screen of $i ($x): restricted, not a word of it" \
			    'wait_for "#$i " && wait_for "Restricted" &&
			    ! on_screen "${word[$x]}" && ! on_screen "${no[$x]}"'
			want="$u refused access/$i screen"
		fi
		ok "$u: the screen of $i ($x): on record, once: $want" \
		    '[[ $(since $m) == "$want" ]]'
		# Its own access log at the end, for the log's readers only:
		# the last two looks, this one's and the role's before it.
		tm send-keys End
		if [[ $u == admin || $u == xsc1 ]]; then
			p=${prev[$u]}
			ok "$u: the screen of $i ($x): who looked, at its end (this look, $p's before)" \
			    'wait_for "$u" "$(looked "$u" "$x")" "on the screen" &&
			    wait_for "$p" "$(looked "$p" "$x")" "on the screen"'
		else
			ok "$u: the screen of $i ($x): no access log for a role that may not read it" \
			    'sleep 0.3; ! on_screen "Who looked"'
		fi
		tm send-keys Escape
		wait_for "WHO / WHERE"
	done
	tm send-keys F10
	wait_for "Quit yujing?" && tm send-keys y
	ok "$u: the screen quits cleanly" 'wait_for "EXITED 0"'
	tm kill-server 2>/dev/null
done

# --- The access log's own visibility -----------------------------------
for u in $roles; do
	for f in table json csv; do
		m=$(mark)
		run_same as "$u" access-log --format "$f"
		if [[ ${reads_log[$u]} == yes ]]; then
			ok "$u: access-log ($f): read, and reading it is no entry" \
			    '[[ $rc == 0 && -s $tmp/out && -z $(since $m) ]]'
		else
			ok "$u: access-log ($f): refused, said why, nothing written" \
			    'refused "may not read the access log"'
		fi
	done
	run_same as "$u" access-log --incident "${id[a]}" --user "$u"
	if [[ ${reads_log[$u]} == yes ]]; then
		ok "$u: access-log --incident --user: read" '[[ $rc == 0 ]]'
	else
		ok "$u: access-log --incident --user: refused too" \
		    'refused "may not read the access log"'
	fi
done
# What its readers read is what the table above left.
for r in admin xsc1; do
	for u in $roles; do
		run as "$r" access-log --user "$u" --format json
		ok "$r reads $u's entries: all $(entries_of "$u") of them" \
		    '[[ $rc == 0 && $(j length) == $(entries_of "$u") && $(j "[.[] | select(.user != \"$u\")] | length") == 0 ]]'
	done
	for x in a b c; do
		i=${id[$x]}
		run as "$r" access-log --incident "$i" --format json
		ok "$r reads $i's ($x) entries: all $(entries_on "$i") of them, each role's" \
		    '[[ $rc == 0 && $(j length) == $(entries_on "$i") &&
		       $(j "[.[].user] | unique | length") == 7 ]]'
		# Who may read it looked; who may not was refused.
		for u in $roles; do
			k=$(full_of "$u" "$x" && echo viewed || echo refused)
			ok "$r: $u on $i ($x): only $k" \
			    '[[ $(j "[.[] | select(.user == \"$u\" and .kind != \"$k\")] | length") == 0 &&
			       $(j "[.[] | select(.user == \"$u\")] | length") -ge 1 ]]'
		done
	done
done

run "$yj" verify
ok "verify: the whole chain, the access log in it" '[[ $rc == 0 ]]'

printf '%d passed, %d failed\n' "$pass" "$fail"
[[ $fail == 0 ]]
