#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/cli.h"
#include "yujing/diag.h"
#include "yujing/number.h"
#include "yujing/passwd.h"
#include "yujing/safe.h"
#include "yujing/status.h"
#include "yujing/xmalloc.h"

#define USER_OPTS							\
	"\n"								\
	"As USER (--as, else $YUJING_USER); the password from\n"	\
	"$YUJING_PASSWORD, else asked on the terminal.\n"
#define FORMAT_OPTS							\
	"  --format table|json|csv   how to print (default table)\n"

/*
 * The commands, once: dispatch, needs and help all come from here.
 * X(function, name, needs, arguments, summary, details)
 */
#define CLI_COMMANDS(X)							\
	X(cli_init, "init", CLI_NEEDS_POLICY, "[--demo] [--group]",	\
	    "create the database and its first user, admin",		\
	    "Creates the database (--db, $YUJING_DB, else\n"		\
	    "$XDG_DATA_HOME/yujing/yujing.db) with mode 0600 and the user\n"\
	    "admin (role admin), whose password comes from\n"		\
	    "$YUJING_PASSWORD or is asked twice on the terminal.\n"	\
	    "\n"							\
	    "  --demo   fill it with a demo institution: departments,\n"	\
	    "           classes, buildings, students, the people\n"	\
	    "           responsible, a user for every role (passwords\n"	\
	    "           printed once) and two months of incidents\n"	\
	    "  --group  mode 0660, for a duty room whose users share a\n"	\
	    "           group\n")					\
	X(cli_check_rules, "check-rules", 0, "[--format text|json] [FILE]",\
	    "check a rules file; summarise it or print it as JSON",	\
	    "Reads the policy (FILE, else --rules, else $YUJING_RULES,\n"	\
	    "else the installed default) and checks everything: keys,\n"	\
	    "types, durations, times, references between sections.\n"	\
	    "\n"							\
	    "  --format text  one summary line on stdout (the default)\n"	\
	    "  --format json  the normalised policy as JSON, durations\n"	\
	    "                 in seconds\n"				\
	    "\n"							\
	    "Exit status: 0 valid; 1 not valid, with every problem on\n"	\
	    "stderr as FILE:LINE:COL: message; 2 bad usage.\n")		\
	X(cli_import, "import", CLI_NEEDS_USER,				\
	    "roster|contacts|schedule|leave FILE [--sheet NAME] "	\
	    "[--map HEADER=FIELD,...] [--encoding E] [--dry-run] "	\
	    "[--keep-missing | --whole-school]",			\
	    "import the roster, contacts, duty schedule or leave records",\
	    "FILE as the school has it: .xlsx, .xls, or CSV / text in\n"	\
	    "UTF-8 (BOM or not), GBK/GB18030 or UTF-16, separated by\n"	\
	    "commas, TABs or semicolons, all found from the file. The\n"	\
	    "header row may be below title rows; columns are found by\n"	\
	    "their usual names (学院 or 院系, 专业班级, 宿舍楼, 房间号,\n"	\
	    "手机号 ...); a group header above (家长 over 姓名, 电话)\n"	\
	    "names the columns below it.\n"				\
	    "roster: 学号,姓名,性别,院系,班级 and 楼栋,宿舍,电话 (number,\n"\
	    "name, gender, department, class, building, room, phone). A\n"\
	    "room may name its building (3-402, 3#402); 3#, 3栋, 3号楼 are\n"\
	    "building 3. Students are matched by number: re-importing\n"	\
	    "updates them and lists what changed, student by student.\n"\
	    "The students of the file's classes it no longer has are\n"	\
	    "marked as left (their incidents stay); a column the file\n"	\
	    "lacks (家长电话, say) leaves what was kept.\n"		\
	    "contacts: 层级,单位,姓名,电话,职务 (level, unit, name, phone,\n"\
	    "title): who is responsible at which level for which class\n"	\
	    "or department, or which office.\n"			\
	    "schedule: 日期,班次,值班人 (date, shift, officer): who is on\n"\
	    "duty on which shift (the shift's id or name; the officer's\n"\
	    "user name or display name).\n"				\
	    "leave: 学号,开始时间,结束时间 and 姓名,事由,审批人 (number,\n"\
	    "from, to, name, reason, approved by): who is away on\n"	\
	    "approved leave (请假), from and to a date and perhaps HH:MM;\n"\
	    "picking the student for an incident then says so.\n"	\
	    "\n"							\
	    "All or nothing: any bad row and nothing is saved; every bad\n"\
	    "row is printed as FILE:LINE: (a workbook's FILE:SHEET!ROW:)\n"\
	    "with what to do. Columns not used are warnings.\n"	\
	    "  --sheet NAME     the workbook's sheet to read (default: the\n"\
	    "                   first shown)\n"				\
	    "  --map H=F,...    column H (its header or its letters, as C)\n"\
	    "                   is field F (number, name, ...)\n"	\
	    "  --encoding E     utf-8, gbk or utf-16: only when the file's\n"\
	    "                   own is found wrong\n"			\
	    "  --dry-run        print how the file was read, check and\n"	\
	    "                   count, save nothing\n"			\
	    "  --keep-missing   roster: list those no longer in the file,\n"\
	    "                   mark nobody as left\n"			\
	    "  --whole-school   roster: the file is every student; all\n"	\
	    "                   it lacks have left\n"			\
	    USER_OPTS)							\
	X(cli_coverage, "coverage", CLI_NEEDS_USER, "[--format ...]",	\
	    "list every unit and level with nobody responsible or no phone",\
	    FORMAT_OPTS CLI_RAW_HELP USER_OPTS)			\
	X(cli_user, "user", CLI_NEEDS_USER,				\
	    "add|list|passwd|role|disable|unlock ...",			\
	    "manage who may use yujing (admin)",			\
	    "  user add NAME --role ROLE [--display NAME] [--person NAME]\n"\
	    "           [--scope UNIT]... [--temporary]   UNIT: a class or\n"\
	    "           department name, for counselors and department\n"	\
	    "           leaders\n"						\
	    "  user list [--format table|json|csv] [--raw]\n"		\
	    "  user passwd NAME [--temporary]\n"				\
	    "  user role NAME --role ROLE\n"				\
	    "  user disable NAME\n"					\
	    "  user unlock NAME   clear the wait after wrong passwords\n"	\
	    "The new password comes from $YUJING_NEW_PASSWORD, else it\n"	\
	    "is asked twice on the terminal: 8 characters or more, not\n"	\
	    "the user name. --temporary: the user must choose their own\n"	\
	    "at the next sign-in. Five wrong passwords in a row make the\n"\
	    "next try wait 30 s, then 60 s, ... at most 5 minutes.\n"	\
	    USER_OPTS)							\
	X(cli_log, "log", CLI_NEEDS_USER,				\
	    "--category ID --text TEXT [OPTIONS]",			\
	    "log an incident; prints its id",				\
	    "  --category ID        what happened (see check-rules)\n"	\
	    "  --severity ID        default: the category's\n"		\
	    "  --student NO         a student involved (repeatable)\n"	\
	    "  --other NAME         someone not on the roster (a visitor,\n"\
	    "                       a worker; repeatable)\n"		\
	    "  --room B-R           the room, e.g. 3-402\n"		\
	    "  --department NAME    whose it is, when no student is named\n"\
	    "                       (else levels below the school have\n"\
	    "                       nobody to call, and it climbs)\n"	\
	    "  --location TEXT      where, in words\n"			\
	    "  --occurred TIME      now, 23:40, 2026-11-28 23:40, -45m\n"	\
	    "  --reporter NAME      who reported it (default: you)\n"	\
	    "  --reporter-role ROLE class_cadre, dorm_head, ...\n"	\
	    "  --field KEY=VALUE    a field of the category (repeatable)\n"\
	    "  --action TEXT        what was done already\n"		\
	    "  --text TEXT          the description (required)\n"	\
	    USER_OPTS)							\
	X(cli_list, "list", CLI_NEEDS_USER, "[FILTERS] [--format ...]",	\
	    "list incidents, newest first",				\
	    "  --open            only those not resolved\n"		\
	    "  --category ID  --severity ID  --level ID  --student NO\n"	\
	    "  --since TIME      occurred at or after TIME\n"		\
	    "  --limit N\n"						\
	    FORMAT_OPTS						\
	    "  --bom             with csv: a UTF-8 BOM, for spreadsheets\n"\
	    CLI_RAW_HELP						\
	    "Restricted incidents you may not read show as a stub.\n"	\
	    USER_OPTS)							\
	X(cli_show, "show", CLI_NEEDS_USER, "ID [--format text|table|json]",	\
	    "show one incident with its full history",			\
	    USER_OPTS)							\
	X(cli_note, "note", CLI_NEEDS_USER, "ID --text TEXT",		\
	    "add a note to an incident", USER_OPTS)			\
	X(cli_contacted, "contacted", CLI_NEEDS_USER,			\
	    "ID --person NAME --result reached|no-answer|left-message "	\
	    "[--text TEXT]",						\
	    "record a call or visit to someone about an incident",	\
	    USER_OPTS)							\
	X(cli_ack, "ack", CLI_NEEDS_USER,				\
	    "ID [--for PERSON [--via phone|in-person]] [--text TEXT]",	\
	    "acknowledge an incident at its current level",		\
	    "  --for PERSON  who acknowledged, when it is not you: the\n"	\
	    "                person at its level, who told you (the\n"	\
	    "                timeliness report credits them; the history\n"\
	    "                keeps that you took it)\n"			\
	    "  --via HOW     how they told you: phone (default) or\n"	\
	    "                in-person\n"					\
	    "Without --for you acknowledge yourself: you must answer at\n"\
	    "its level or above.\n" USER_OPTS)				\
	X(cli_correct, "correct", CLI_NEEDS_USER,			\
	    "ID (--field K=V | --category ID | --severity ID |\n"	\
	    "    --add-student NO | --remove-student NO) --text REASON",	\
	    "correct what was recorded; the history keeps the old value",	\
	    "One correction an event, with its reason. A new category or\n"\
	    "severity also moves the incident to where it now stands on\n"\
	    "its ladder (restricted or not, its path, its start), its\n"	\
	    "clock starting again there. A student added or removed is\n"\
	    "named in the event; when the first student changes, so do\n"\
	    "the class and department it is reported to.\n" USER_OPTS)	\
	X(cli_followup, "followup", CLI_NEEDS_USER,			\
	    "list | done ID FOLLOW-UP [--text NOTE]",			\
	    "what cases still ask afterwards; say one is done",	\
	    "The policy's followups: (a written report within 5 working\n"\
	    "days, a talk with the student...) are set on an incident as\n"\
	    "it is logged, each with its deadline and owner; an overdue\n"\
	    "one climbs to the level above its owner (tick).\n"	\
	    "  followup list   the open incidents' follow-ups not done\n"	\
	    "  followup done   one done, with a note (FOLLOW-UP: its id)\n"\
	    USER_OPTS)							\
	X(cli_duplicate, "duplicate", CLI_NEEDS_USER,			\
	    "ID --of N --text REASON",					\
	    "close an incident as a duplicate of incident N",		\
	    "Both histories say so; the duplicate is resolved.\n"	\
	    USER_OPTS)							\
	X(cli_resolve, "resolve", CLI_NEEDS_USER, "ID --text TEXT",	\
	    "resolve an incident (the text says how)", USER_OPTS)	\
	X(cli_reopen, "reopen", CLI_NEEDS_USER, "ID --text TEXT",	\
	    "reopen a resolved incident (the text says why)", USER_OPTS)	\
	X(cli_escalate, "escalate", CLI_NEEDS_USER,			\
	    "ID [--to LEVEL] --text REASON",				\
	    "climb an incident to the next (or a higher) level by hand",	\
	    "Never downward; the levels skipped are informed. The reason\n"\
	    "is kept in the history.\n" USER_OPTS)			\
	X(cli_contacts, "contacts", CLI_NEEDS_USER,			\
	    "ID [--format table|json]",					\
	    "who to call now for an incident, and who after them",	\
	    USER_OPTS)							\
	X(cli_tick, "tick", CLI_NEEDS_DB | CLI_NEEDS_POLICY,		\
	    "[--format text|json]",					\
	    "apply every deadline that has passed (for cron)",		\
	    "Climbs every incident whose level did not acknowledge in\n"	\
	    "time, reminds the top level, marks unresolved ones overdue,\n"\
	    "and runs notify_command for each. Prints one line per\n"	\
	    "action. Safe to run every minute, and from several places\n"	\
	    "at once: a deadline is acted on once.\n")			\
	X(cli_report, "report", CLI_NEEDS_USER,				\
	    "timeliness|stats|patterns|followups [--from D] [--to D] ..."	\
	    "[--format ...]",						\
	    "the meeting's numbers; how quickly each one acted",	\
	    "stats: for incidents that occurred from --from to --to, by\n"\
	    "category (default), severity, department, class, building,\n"\
	    "week (ISO; teaching weeks with term_start), hour or level:\n"\
	    "counts, open and resolved, median and 90th percentile time\n"\
	    "to acknowledge and to resolve, late reports, late\n"	\
	    "acknowledgements (never acknowledged included), skip-level\n"\
	    "cases. Times are to the minute (to the hour past 48 h). A\n"\
	    "restricted category under reports.min_group (5) shows as <5\n"\
	    "and nothing more, and in other groupings is counted apart\n"\
	    "wherever it would be fewer than that in a group. Whole days\n"\
	    "by category, severity, level or week are read from the\n"	\
	    "summaries kept by day: fast at any size.\n"		\
	    "--format table|md|csv|json.\n"				\
	    "\n"							\
	    "patterns [--top N]: the students, rooms and classes with the\n"\
	    "most incidents, the same student again in one category (the\n"\
	    "2nd, the 3rd night away), the early warnings raised; those\n"\
	    "of restricted categories counted, never named.\n"	\
	    "\n"							\
	    "followups: per follow-up of the policy, how many were asked,\n"\
	    "done in time, late, missing (past due), still to come.\n"	\
	    "\n"							\
	    "timeliness --by person|level|category:\n"			\
	    "For incidents that occurred from --from (a date or a time)\n"\
	    "to --to: how many reached each, how many were acknowledged\n"\
	    "in time, late or never (climbed past), the median and worst\n"\
	    "time to acknowledge, late reports and overdue resolutions\n"\
	    "(these two count where the incident started).\n"		\
	    "\n"							\
	    "--format xlsx --output FILE (stats, timeliness, followups):\n"\
	    "an Excel workbook, a sheet per table in the reader's\n"	\
	    "language, times as times, durations as [h]:mm. stats\n"	\
	    "without --by is the meeting's whole workbook: every\n"	\
	    "grouping, the timeliness by level, and the charts of\n"	\
	    "incidents per week and per category and of the time to\n"	\
	    "acknowledge. FILE is replaced only once it is complete.\n"	\
	    "For roles that may report (rules.yaml capabilities:; by\n"	\
	    "default admin, student_affairs and school_leader).\n"	\
	    FORMAT_OPTS CLI_RAW_HELP USER_OPTS)			\
	X(cli_schedule, "schedule", CLI_NEEDS_USER,			\
	    "list [--from D] [--to D] | swap SHIFT USER --text REASON",	\
	    "the duty schedule: who is on which shift",		\
	    "  schedule list   every shift from --from to --to (dates;\n"\
	    "                  default: today and the next 7 days), who\n"\
	    "                  is scheduled and who opened it\n"	\
	    "  schedule swap   put USER on SHIFT (2026-12-01/night), with\n"\
	    "                  the reason (student_affairs, admin)\n"	\
	    "Set it whole with 'yujing import schedule FILE'.\n"	\
	    FORMAT_OPTS USER_OPTS)					\
	X(cli_shift, "shift", CLI_NEEDS_USER,				\
	    "open | check [--shift ID] [--format text|json]",		\
	    "open the shift running now; the start-of-shift check",	\
	    "  shift open    you open the shift running now (once: who was\n"\
	    "                on duty is on record), then its check\n"	\
	    "  shift check   what the shift inherits: the open incidents,\n"\
	    "                the deadlines in it, emergencies, what the\n"\
	    "                last handover flagged, whether the shift\n"\
	    "                before handed over, nobody to call for the\n"\
	    "                open incidents, the next 7 days unstaffed\n"	\
	    USER_OPTS)							\
	X(cli_handover, "handover", CLI_NEEDS_USER,			\
	    "[show] [--shift ID|current|last] [--format text|md|json]\n"	\
	    "       | prepare|item|accept|question|answer|readback|sign ...",\
	    "the handover between shifts, item by item, and its sheet",	\
	    "  handover [show]    the sheet: both officers, every item, the\n"\
	    "                     chain head to sign under (text fits A4;\n"\
	    "                     md for e-mail; json)\n"		\
	    "  handover prepare [--text NOTE]   the outgoing officer: every\n"\
	    "                     open incident becomes an item\n"	\
	    "  handover item ID --status stable|watch|unstable\n"	\
	    "        [--action TEXT] [--owner NAME] [--due TIME]\n"	\
	    "        [--contingency TEXT]\n"				\
	    "  handover accept ID | question ID --text Q | answer ID\n"	\
	    "        --text A | readback ID --text R   item by item\n"	\
	    "  handover sign      the outgoing, then the incoming officer\n"\
	    "  --shift ID         the shift (default: the one running now,\n"\
	    "                     else the last one)\n"		\
	    "  --directory        the phone directory after the sheet\n"	\
	    USER_OPTS)							\
	X(cli_directory, "directory", CLI_NEEDS_USER,			\
	    "[--format text|table|json|csv]",				\
	    "the phone directory: who answers at every level, and phones",\
	    "Every level and office, unit by unit: the person on record\n"\
	    "and their phone, or nobody. The text fits A4 (80 columns, 60\n"\
	    "lines a page), for the duty room's wall and a power cut;\n"	\
	    "'handover --directory' prints it after the sheet.\n"	\
	    USER_OPTS)							\
	X(cli_export, "export", CLI_NEEDS_USER,				\
	    "[--from D] [--to D] [--format csv|json] [--events] [--bom]\n"\
	    "       [--encoding utf-8|gbk] | --format xlsx --output FILE",\
	    "every incident with its history, for the school's analysis",\
	    "Incidents that occurred from --from to --to (dates or\n"	\
	    "times), oldest first, as you may see them (restricted ones\n"\
	    "you may not read as a stub, without their history).\n"	\
	    "  --format csv   one row per incident (the default)\n"	\
	    "  --events       csv: one row per event instead\n"		\
	    "  --format json  each incident with its events\n"		\
	    "  --bom          a UTF-8 BOM, for Excel\n"			\
	    "  --encoding gbk GB18030 text, for a Chinese Excel\n"	\
	    "  --format xlsx --output FILE\n"				\
	    "                 an Excel workbook in the reader's language,\n"\
	    "                 times as times; with --events a second\n"	\
	    "                 sheet of the histories; past 1,048,576 rows\n"\
	    "                 the sheet goes on in another. FILE is\n"	\
	    "                 replaced only once it is complete\n"	\
	    "Every export is on record (who, when, what range) before\n"\
	    "the data leaves.\n"					\
	    USER_OPTS)							\
	X(cli_access_log, "access-log", CLI_NEEDS_USER,			\
	    "[--from D] [--to D] [--user U] [--incident N] [--format ...]",\
	    "who read which restricted incident; refusals; exports",	\
	    "Every look at a restricted incident in full (the screen,\n"	\
	    "show), every one refused, every export, oldest first; on\n"	\
	    "the chain that verify checks. For the roles of\n"		\
	    "security: access_log_readers (admin, student_affairs).\n"	\
	    FORMAT_OPTS CLI_RAW_HELP USER_OPTS)			\
	X(cli_verify, "verify", CLI_NEEDS_DB, "[--anchor N:HEX16]",	\
	    "check the whole record against its history",		\
	    "Checks the file, the schema, the chain of every event\n"	\
	    "and every incident, user and import against the replay of\n"\
	    "its history. Prints 'chain: N events, head HEX16', then one\n"\
	    "line per difference, e.g. 'incident 12 event 40: state is\n"\
	    "open, history says resolved'.\n"				\
	    "\n"							\
	    "  --anchor N:HEX16  the head as printed earlier: event N must\n"\
	    "                    still be there, with that hash (a history\n"\
	    "                    cut short or made anew is found)\n"	\
	    "\n"							\
	    "The summaries the reports read (kept by day) are recounted\n"\
	    "and compared; 'summary' lines say which differ.\n"	\
	    "\n"							\
	    "Exit status 0 intact, 3 a difference (or a damaged file).\n")\
	X(cli_retention, "retention", CLI_NEEDS_DB | CLI_NEEDS_POLICY,	\
	    "--dry-run|--apply [--format table|json]",			\
	    "remove personal details kept longer than the policy says",	\
	    "For each incident resolved, and untouched since, longer ago\n"\
	    "than its category's time (rules.yaml retention: default, by\n"\
	    "category, in years too: 3y): the students' names and numbers,\n"\
	    "the text, the fields and the notes of its whole history go,\n"\
	    "and its links to students; what the numbers count stays\n"	\
	    "(category, times, levels, units), and its history says what\n"\
	    "went, when and under which rule. Students who left longer ago\n"\
	    "than left_students, and whom no incident names any more, leave\n"\
	    "the roster. verify still passes. By the system, like tick (for\n"\
	    "the nightly timer); --dry-run lists the incidents and changes\n"\
	    "nothing.\n")							\
	X(cli_admin, "admin", 0, "rebuild-summaries|reset-password USER",	\
	    "keep the database: make the reports' summaries anew",	\
	    "  admin rebuild-summaries  makes the numbers the reports\n"	\
	    "                           read (kept by day) anew from the\n"\
	    "                           incidents, when verify finds they\n"\
	    "                           differ (a change of TZ, an edit\n"	\
	    "                           outside yujing); on record\n"	\
	    "                           (maintain: admin)\n"		\
	    "  admin reset-password USER  a lost password set anew by\n"	\
	    "                           whoever may write the database\n"	\
	    "                           file; nobody signs in; the new\n"	\
	    "                           one from $YUJING_NEW_PASSWORD or\n"\
	    "                           asked twice; on record\n"		\
	    USER_OPTS)

struct cli_command {
	const char	*name;
	int		 needs;
	const char	*args;
	const char	*summary;
	const char	*details;
	int		(*fn)(struct yj_app *, const struct cli_globals *, int,
			    char **);
};

#define CLI_ENTRY(fn, name, needs, args, summary, details)		\
	{ name, needs, args, summary, details, fn },
static const struct cli_command cli_commands[] = {
	CLI_COMMANDS(CLI_ENTRY)
};
#define CLI_NCOMMANDS (sizeof cli_commands / sizeof cli_commands[0])

static void
cli_usage(FILE *f)
{
	size_t	 i;

	fprintf(f,
	    "usage: yujing [--db FILE] [--rules FILE] [--as USER] "
	    "[COMMAND [ARGS]]\n"
	    "\n"
	    "With no command: the duty-room screen (sign in there).\n"
	    "\n"
	    "yujing (预警) logs incidents in a university's dormitory duty\n"
	    "room and escalates each one up the ladder of responsible people\n"
	    "set in rules.yaml until someone acts.\n"
	    "\n"
	    "Commands:\n");
	for (i = 0; i < CLI_NCOMMANDS; i++)
		fprintf(f, "  %-12s %s\n", cli_commands[i].name,
		    cli_commands[i].summary);
	fprintf(f,
	    "\n"
	    "Options (anywhere on the line):\n"
	    "  --db FILE      the database (else $YUJING_DB, else\n"
	    "                 $XDG_DATA_HOME/yujing/yujing.db)\n"
	    "  --rules FILE   the policy (else $YUJING_RULES, else\n"
	    "                 %s)\n"
	    "  --as USER      who you are (else $YUJING_USER); the password\n"
	    "                 from $YUJING_PASSWORD, else asked\n"
	    "  --read-only    browse only: nothing can be changed (what you\n"
	    "                 read of restricted cases is still recorded)\n"
	    "  -h, --help     this help; 'yujing COMMAND --help' for one command\n"
	    "  -V, --version  the version\n"
	    "\n"
	    "Exit status: 0 ok, 1 bad input or refused (or the output\n"
	    "could not be written, and nothing was saved), 2 bad usage,\n"
	    "3 a database problem, 4 saved but the output could not be\n"
	    "written (what was saved is then said on stderr).\n",
	    YJ_RULES_DEFAULT);
}

static void
cli_command_usage(const struct cli_command *c, FILE *f)
{
	fprintf(f, "usage: yujing %s %s\n\n%s\n", c->name, c->args,
	    c->summary);
	if (*c->details != '\0')
		fprintf(f, "\n%s", c->details);
}

int
cli_status_exit(enum yj_status s)
{
	switch (s) {
	case YJ_OK:
		return CLI_OK;
	case YJ_BUSY:
	case YJ_DB:
	case YJ_DB_NEWER:
	case YJ_DB_CORRUPT:
	case YJ_DB_NOT:
	case YJ_IO:
		return CLI_DATABASE;
	default:
		return CLI_BAD_INPUT;
	}
}

void
cli_warn(const char *fmt, ...)
{
	struct buf	 msg, shown;
	va_list		 ap;

	buf_init(&msg);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	/* What it quotes came from a user or the database: shown inert. */
	buf_init(&shown);
	safe_add(&shown, buf_str(&msg), 0);
	fprintf(stderr, "yujing: %s\n", buf_str(&shown));
	buf_done(&shown);
	buf_done(&msg);
}

void
cli_line(const char *fmt, ...)
{
	struct buf	 b;
	va_list		 ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	safe_print(stdout, buf_str(&b), 0);
	putchar('\n');
	buf_done(&b);
}

int
cli_error(const struct yj_error *err)
{
	cli_warn("%s", *err->msg != '\0' ? err->msg :
	    yj_status_message(err->status));
	return cli_status_exit(err->status);
}

int
cli_book_error(const struct yj_error *err)
{
	/* Refused, or another status: as any failure but the database's. */
	if (err->status != YJ_IO && err->status != YJ_BAD_INPUT)
		return cli_error(err);
	cli_warn("%s", err->msg);
	return CLI_BAD_INPUT;
}

/*
 * Whether all that was printed reached stdout: CLI_OK, or said and
 * CLI_BAD_INPUT (nothing was saved; see cli_saved for what was).
 */
static int
cli_written(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return CLI_OK;
	fprintf(stderr, "yujing: cannot write the output: %s (nothing was "
	    "saved)\n", strerror(errno));
	return CLI_BAD_INPUT;
}

bool
cli_may_export(const struct yj_app *a)
{
	if (app_can(a, CAP_EXPORT))
		return true;
	cli_warn("your role (%s) may not export: no --format json or csv",
	    a->user.role);
	return false;
}

int
cli_saved(const char *fmt, ...)
{
	struct buf	 what;
	va_list		 ap;
	int		 e;

	if (fflush(stdout) == 0 && !ferror(stdout))
		return CLI_OK;
	e = errno;
	buf_init(&what);
	va_start(ap, fmt);
	buf_vprintf(&what, fmt, ap);
	va_end(ap);
	/* What was saved may quote a path or a name: shown inert. */
	cli_warn("%s, but the output could not be written: %s",
	    buf_str(&what), strerror(e));
	buf_done(&what);
	return CLI_UNWRITTEN;
}

char *
cli_password(const char *env, const char *prompt, bool confirm)
{
	struct termios	 old, quiet;
	const char	*v = env != NULL ? getenv(env) : NULL;
	char		*line = NULL, *again = NULL;
	size_t		 cap = 0;
	FILE		*tty;
	int		 pass;

	if (v != NULL)
		return xstrdup(v);
	if ((tty = fopen("/dev/tty", "r+")) == NULL) {
		fprintf(stderr, "yujing: no password: set %s or run this on a "
		    "terminal\n", env);
		return NULL;
	}
	for (pass = 0; pass < (confirm ? 2 : 1); pass++) {
		fprintf(tty, "%s", pass == 0 ? prompt : "Again: ");
		fflush(tty);
		tcgetattr(fileno(tty), &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
		if (getline(pass == 0 ? &line : &again, &cap, tty) < 0) {
			tcsetattr(fileno(tty), TCSAFLUSH, &old);
			fprintf(tty, "\n");
			fclose(tty);
			passwd_free(line);
			passwd_free(again);
			fprintf(stderr, "yujing: no password given\n");
			return NULL;
		}
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
		fprintf(tty, "\n");
		cap = 0;
	}
	fclose(tty);
	line[strcspn(line, "\r\n")] = '\0';
	if (again != NULL) {
		again[strcspn(again, "\r\n")] = '\0';
		if (strcmp(line, again) != 0) {
			fprintf(stderr, "yujing: the passwords differ\n");
			passwd_free(line);
			passwd_free(again);
			return NULL;
		}
		passwd_free(again);
	}
	return line;
}

int
cli_setup(struct yj_app *a, const struct cli_globals *g, int needs)
{
	struct diags	 d;
	struct yj_error	 err;
	char		*path, *pw;
	int		 rc = CLI_OK;

	if (needs & CLI_NEEDS_USER)
		needs |= CLI_NEEDS_DB | CLI_NEEDS_POLICY;
	a->read_only = g->read_only;
	if (needs & CLI_NEEDS_POLICY) {
		path = app_rules_path(g->rules);
		diags_init(&d, path);
		if (app_load_policy(a, path, &d) != 0) {
			diags_print(&d, stderr);
			rc = CLI_BAD_INPUT;
		}
		diags_done(&d);
		free(path);
		if (rc != CLI_OK)
			return rc;
	}
	if (needs & CLI_NEEDS_DB) {
		path = app_db_path(g->db);
		if (app_open_db(a, path, 0, &err) != YJ_OK)
			rc = cli_error(&err);
		free(path);
		if (rc != CLI_OK)
			return rc;
	}
	if (needs & CLI_NEEDS_USER) {
		if (g->as == NULL || *g->as == '\0') {
			fprintf(stderr, "yujing: who are you? Give --as USER "
			    "(or set YUJING_USER)\n");
			return CLI_USAGE;
		}
		if ((pw = cli_password("YUJING_PASSWORD", "Password: ",
		    false)) == NULL)
			return CLI_BAD_INPUT;
		if (app_login(a, g->as, pw, APP_VIA_COMMAND, &err) != YJ_OK)
			rc = cli_error(&err);
		passwd_free(pw);
	}
	/* A password an admin gave: the user's own first, nothing else. */
	if (rc == CLI_OK && a->user.id != 0 && a->user.must_change &&
	    (g->passwd_of == NULL || strcmp(g->passwd_of, a->user.login) !=
	    0)) {
		cli_warn("the password of %s was set by an admin: choose your "
		    "own first ('yujing user passwd %s')", a->user.login,
		    a->user.login);
		rc = CLI_BAD_INPUT;
	}
	return rc;
}

int
cli_parse_id(const char *s, int64_t *id)
{
	if (!number_id(s, id)) {
		cli_warn("'%s' is not an incident id (digits only, e.g. 12)",
		    s);
		return -1;
	}
	return 0;
}

int
cli_parse_format(const char *s, unsigned allowed, enum cli_format *f)
{
	static const char *const names[] = {
		"table", "json", "csv", "text", "xlsx"
	};
	struct buf	 b;
	unsigned	 i;

	for (i = 0; i < 5; i++) {
		if ((allowed & (1u << i)) && strcmp(s, names[i]) == 0) {
			*f = (enum cli_format)i;
			return 0;
		}
	}
	buf_init(&b);
	for (i = 0; i < 5; i++) {
		if (allowed & (1u << i))
			buf_printf(&b, "%s%s", names[i],
			    (allowed >> (i + 1)) ? ", " : "");
	}
	cli_warn("unknown format '%s' (%s)", s, buf_str(&b));
	buf_done(&b);
	return -1;
}

/* Whether argv holds -h or --help before any "--". */
static int
cli_wants_help(int argc, char **argv)
{
	int	 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

/*
 * Takes the global options out of argv wherever they stand (before "--"),
 * so each command parses only its own. Returns -1 on a missing value.
 */
static int
cli_globals(int *argc, char **argv, struct cli_globals *g)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} opts[] = {
		{ "--db", offsetof(struct cli_globals, db) },
		{ "--rules", offsetof(struct cli_globals, rules) },
		{ "--as", offsetof(struct cli_globals, as) },
	};
	const char	**slot;
	size_t		  len, k;
	int		  i, j = 1;

	for (i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[j++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--read-only") == 0) {
			g->read_only = true;
			continue;
		}
		for (k = 0; k < 3; k++) {
			len = strlen(opts[k].name);
			if (strncmp(argv[i], opts[k].name, len) == 0 &&
			    (argv[i][len] == '\0' || argv[i][len] == '='))
				break;
		}
		if (k == 3) {
			argv[j++] = argv[i];
			continue;
		}
		slot = (const char **)((char *)g + opts[k].off);
		if (argv[i][len] == '=')
			*slot = argv[i] + len + 1;
		else if (i + 1 < *argc)
			*slot = argv[++i];
		else {
			fprintf(stderr, "yujing: %s needs a value\n",
			    opts[k].name);
			return -1;
		}
	}
	*argc = j;
	argv[j] = NULL;
	return 0;
}

int
cli_main(int argc, char **argv, int (*screen)(struct yj_app *),
    enum i18n_utf8 utf8)
{
	struct cli_globals	 g = { NULL, NULL, NULL, false, NULL };
	struct yj_app		 app;
	const struct cli_command *c = NULL;
	size_t			 i;
	int			 rc;

	g.as = getenv("YUJING_USER");
	if (cli_globals(&argc, argv, &g) != 0)
		return CLI_USAGE;
	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		cli_usage(stdout);
		return cli_written();
	}
	if (argc >= 2 && (strcmp(argv[1], "-V") == 0 ||
	    strcmp(argv[1], "--version") == 0)) {
		printf("yujing %s\n", YJ_VERSION);
		return cli_written();
	}
	if (argc < 2) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			fprintf(stderr, "yujing: the duty-room screen needs a "
			    "terminal; for scripts see 'yujing --help'\n");
			return CLI_USAGE;
		}
		/* Mojibake would be worse than no screen at all. */
		if (utf8 == I18N_UTF8_NONE) {
			fprintf(stderr, "yujing: the screen needs a UTF-8 "
			    "locale, and this system has none (not even "
			    "C.UTF-8); see 'locale -a'\n");
			return CLI_BAD_INPUT;
		}
		app_init(&app);
		app.utf8_forced = utf8 == I18N_UTF8_FORCED;
		rc = cli_setup(&app, &g, CLI_NEEDS_POLICY | CLI_NEEDS_DB);
		if (rc == CLI_OK)
			rc = screen(&app);
		app_done(&app);
		return rc;
	}
	if (argv[1][0] == '-') {
		cli_warn("unknown option '%s'", argv[1]);
		fprintf(stderr, "Try 'yujing --help'.\n");
		return CLI_USAGE;
	}
	for (i = 0; i < CLI_NCOMMANDS; i++) {
		if (strcmp(argv[1], cli_commands[i].name) == 0)
			c = &cli_commands[i];
	}
	if (c == NULL) {
		cli_warn("unknown command '%s'", argv[1]);
		fprintf(stderr, "Try 'yujing --help'.\n");
		return CLI_USAGE;
	}
	/*
	 * A reader that goes away (| head) is an error to report, not a
	 * signal to die of: what was saved must still be said.
	 */
	signal(SIGPIPE, SIG_IGN);
	if (cli_wants_help(argc - 1, argv + 1)) {
		cli_command_usage(c, stdout);
		return cli_written();
	}
	app_init(&app);
	if (c->fn == cli_user && argc > 3 && strcmp(argv[2], "passwd") == 0)
		g.passwd_of = argv[argc - 1];
	rc = cli_setup(&app, &g, c->needs);
	if (rc == CLI_OK) {
		optind = 0;	/* glibc: restart getopt for the command */
		opterr = 0;
		rc = c->fn(&app, &g, argc - 1, argv + 1);
	}
	app_done(&app);
	/* Said already by cli_saved, with what was saved. */
	if (rc == CLI_UNWRITTEN)
		return rc;
	if (rc == CLI_OK)
		return cli_written();
	cli_written();
	return rc;
}
