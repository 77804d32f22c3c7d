/*
 * The duty schedule and the handover on the command line (S6): what the
 * screen's F5 does, step by step, and the printable sheet.
 */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/cli.h"
#include "yujing/escalate.h"
#include "yujing/handover.h"
#include "yujing/history.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/json.h"
#include "yujing/number.h"
#include "yujing/policy.h"
#include "yujing/roster.h"
#include "yujing/safe.h"
#include "yujing/shift.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

#define PAPER_COLS	78	/* a line of the sheet: 80 columns at most */
#define PAPER_PAGE	60	/* lines a page */

/* --- schedule ------------------------------------------------------------ */

struct cli_schedule {
	struct yj_app	*a;
	struct cli_out	 o;
};

static int
cli_schedule_row(void *arg, const struct shift_row *r)
{
	struct cli_schedule	*cs = arg;
	struct cli_out		*o = &cs->o;
	enum handover_state	 st;
	struct yj_error		 err;
	char			 s[20], e[20], flag[128];

	cli_out_cell(o, r->duty.id, NULL);
	cli_out_cell(o, r->duty.shift->name, i18n_name(r->duty.shift->name,
	    r->duty.shift->name_en));
	cli_out_cell(o, caltime_format_local(r->duty.start, s, sizeof s), NULL);
	cli_out_cell(o, caltime_format_local(r->duty.end, e, sizeof e), NULL);
	cli_out_cell(o, r->login, r->login != NULL ? r->login : _("nobody"));
	cli_out_cell(o, r->opened_by, r->opened_by != NULL ? r->opened_by :
	    "-");
	/* A shift over without a completed handover is flagged. */
	if (r->duty.end > app_now(cs->a) ||
	    handover_state_of(cs->a, r->duty.id, &st, &err) != YJ_OK)
		cli_out_cell(o, NULL, "");
	else {
		snprintf(flag, sizeof flag, "%s%s", st == HANDOVER_DONE ? "" :
		    "! ", _(handover_state_label(st)));
		cli_out_cell(o, handover_state_name(st), flag);
	}
	return 0;
}

/* A date (YYYY-MM-DD) for --from or --to. */
static int
cli_date(const char *opt, const char *s, struct caldate *d)
{
	const char	*why;

	if (caltime_parse_date(s, d, &why) != 0) {
		cli_warn("%s %s: %s", opt, s, why);
		return -1;
	}
	return 0;
}

int
cli_schedule(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "text", required_argument, NULL, 'x' },
		{ "format", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct cli_column cols[] = {
		{ "shift", "SHIFT" }, { "name", "NAME" }, { "start", "START" },
		{ "end", "END" }, { "scheduled", "ON DUTY" },
		{ "opened_by", "OPENED BY" }, { "handover", "HANDOVER" },
	};
	struct cli_schedule	 cs;
	struct caldate		 from, to;
	enum cli_format		 format = CLI_TABLE;
	struct yj_error		 err;
	const char		*text = NULL;
	int			 ch, rc = CLI_OK;
	bool			 has_from = false, has_to = false;

	(void)g;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (cli_date("--from", optarg, &from) != 0)
				return CLI_BAD_INPUT;
			has_from = true;
			break;
		case 't':
			if (cli_date("--to", optarg, &to) != 0)
				return CLI_BAD_INPUT;
			has_to = true;
			break;
		case 'x':
			text = optarg;
			break;
		case 'o':
			if (cli_parse_format(optarg, 1 << CLI_TABLE |
			    1 << CLI_JSON | 1 << CLI_CSV, &format) != 0)
				return CLI_USAGE;
			break;
		default:
			cli_warn("schedule: unknown option or missing value: "
			    "'%s'", argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	if (optind < argc && strcmp(argv[optind], "swap") == 0 &&
	    argc - optind == 3) {
		if (shift_swap(a, argv[optind + 1], argv[optind + 2], text,
		    &err) != YJ_OK)
			return cli_error(&err);
		printf("%s %s\n", argv[optind + 1], argv[optind + 2]);
		return cli_saved("swapped %s", argv[optind + 1]);
	}
	if (argc - optind != 1 || strcmp(argv[optind], "list") != 0) {
		fprintf(stderr, "usage: yujing schedule list [--from D] [--to D]"
		    "\n       yujing schedule swap SHIFT USER --text REASON\n");
		return CLI_USAGE;
	}
	if (!has_from)
		caldate_of(app_now(a), 0, &from);
	if (!has_to) {
		to = from;
		caldate_of(caltime_local(from.year, from.month, from.day, 12,
		    0), 7, &to);
	}
	cs.a = a;
	cli_out_begin(&cs.o, format, false, cols, sizeof cols / sizeof cols[0],
	    0);
	if (shift_schedule(a, &from, &to, cli_schedule_row, &cs, &err) !=
	    YJ_OK)
		rc = cli_error(&err);
	cli_out_end(&cs.o, rc == CLI_OK);
	return rc;
}

/* --- the sheet ------------------------------------------------------------ */

enum paper_format { PAPER_TEXT, PAPER_MD, PAPER_JSON };

/* The sheet being written: lines counted, pages broken. */
struct paper {
	enum paper_format	 f;
	struct buf		 out;
	int			 line;
};

/* One line, made safe, wrapped to the sheet's width (indent after). */
static void
paper_line(struct paper *sh, size_t indent, const char *s)
{
	char	*safe = safe_dup(s, 0);
	size_t	 n, next, cols = PAPER_COLS;
	const char *p = safe;
	bool	 first = true;

	/* Markdown is wrapped by whoever reads it: one line a line. */
	if (sh->f == PAPER_MD)
		cols = SIZE_MAX / 2;
	do {
		n = width_line(p, cols, &next);
		if (sh->f == PAPER_TEXT && sh->line == PAPER_PAGE) {
			buf_putc(&sh->out, '\f');
			sh->line = 0;
		}
		if (!first)
			buf_printf(&sh->out, "%*s", (int)indent, "");
		buf_add(&sh->out, p, n);
		buf_putc(&sh->out, '\n');
		sh->line++;
		p += next;
		first = false;
		if (sh->f != PAPER_MD)
			cols = PAPER_COLS - indent;
	} while (*p != '\0');
	free(safe);
}

static void	paper_printf(struct paper *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
paper_printf(struct paper *sh, size_t indent, const char *fmt, ...)
{
	va_list		 ap;
	char		*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	paper_line(sh, indent, s);
	free(s);
}

/* "12-02 08:30", or "-" for none. */
static const char *
paper_time(int64_t t, char *buf, size_t size)
{
	if (t == 0)
		return "-";
	caltime_format_local(t, buf, size);
	/* Without the year: the sheet's date says it. */
	return buf + 5;
}

/* A category's name in the reader's language. */
static const char *
paper_category(struct yj_app *a, const char *id)
{
	const struct policy_category	*c = policy_category(a->policy, id);

	return c != NULL ? i18n_name(c->name, c->name_en) : id;
}

/* What is known of an item's incident, as the reader may see it. */
struct paper_incident {
	struct store_incident	 in;
	bool			 have;
	bool			 redacted;
	char			*call;		/* whom to call now, or NULL */
};

static void
paper_incident(struct yj_app *a, int64_t id, struct paper_incident *si)
{
	struct yj_error	 err;

	memset(si, 0, sizeof *si);
	if (incident_show(a, id, &si->in, &si->redacted, &err) != YJ_OK)
		return;
	si->have = true;
	si->call = escalate_current(a, &si->in);
}

static void
paper_incident_free(struct paper_incident *si)
{
	if (si->have)
		incident_free(&si->in);
	free(si->call);
}

static void
paper_json_item(struct yj_app *a, struct json *j,
    const struct handover_item *it, const struct paper_incident *si)
{
	json_object_begin(j);
	json_kv_int(j, "incident", it->incident);
	if (si->have) {
		json_kv_string(j, "category", si->in.category);
		json_kv_string(j, "state", si->in.state);
		json_kv_string(j, "level", si->in.level);
		if (si->in.ack_due != 0)
			json_kv_int(j, "ack_due", si->in.ack_due);
		if (si->call != NULL)
			json_kv_string(j, "call", si->call);
	}
	json_kv_bool(j, "restricted", it->restricted);
	if (!it->restricted) {
		json_key(j, "status");
		if (it->status >= 0)
			json_string(j, handover_status_name(it->status));
		else
			json_null(j);
		json_key(j, "carried");
		if (it->carried >= 0)
			json_string(j, handover_status_name(it->carried));
		else
			json_null(j);
		json_kv_string(j, "action", it->action);
		json_kv_string(j, "owner", it->owner);
		if (it->due != 0)
			json_kv_int(j, "due", it->due);
		json_kv_string(j, "contingency", it->contingency);
		json_kv_string(j, "question", it->question);
		json_kv_string(j, "answer", it->answer);
		json_kv_string(j, "readback", it->readback);
	}
	json_kv_string(j, "accepted_by", it->accepted_by);
	if (it->accepted_at != 0)
		json_kv_int(j, "accepted_at", it->accepted_at);
	json_object_end(j);
	(void)a;
}

static void
paper_json(struct yj_app *a, const struct handover *h, int64_t events,
    const char *head, struct buf *out)
{
	struct paper_incident	 si;
	struct json		 j;
	size_t			 i;

	json_init(&j, out, true);
	json_object_begin(&j);
	json_kv_string(&j, "shift", h->duty.id);
	json_kv_int(&j, "start", h->duty.start);
	json_kv_int(&j, "end", h->duty.end);
	json_kv_string(&j, "outgoing", h->outgoing);
	json_kv_int(&j, "prepared_at", h->prepared_at);
	json_kv_string(&j, "incoming", h->incoming);
	json_key(&j, "receiver_role");
	if (h->receiver_role != NULL)
		json_string(&j, h->receiver_role);
	else
		json_null(&j);
	json_kv_int(&j, "signed_out_at", h->signed_out_at);
	json_kv_int(&j, "signed_in_at", h->signed_in_at);
	json_kv_bool(&j, "complete", handover_complete(h));
	json_kv_string(&j, "note", h->note);
	json_key(&j, "items");
	json_array_begin(&j);
	for (i = 0; i < h->nitems; i++) {
		paper_incident(a, h->items[i].incident, &si);
		paper_json_item(a, &j, &h->items[i], &si);
		paper_incident_free(&si);
	}
	json_array_end(&j);
	json_key(&j, "chain");
	json_object_begin(&j);
	json_kv_int(&j, "events", events);
	json_kv_string(&j, "head", head);
	json_object_end(&j);
	json_object_end(&j);
	buf_putc(out, '\n');
}

/* A user's display name and login ("王老师 (duty1)"), or "-". */
static void
paper_person(struct yj_app *a, const char *login, struct buf *b)
{
	if (login == NULL || *login == '\0')
		buf_puts(b, "-");
	else
		handover_person(a, login, b);
}

static void
paper_text(struct yj_app *a, const struct handover *h, int64_t events,
    const char *head, struct paper *sh)
{
	const struct handover_item *it;
	struct paper_incident	 si;
	struct buf		 b;
	char			 t1[20], t2[20], s[20], e[20];
	const char		*h1 = sh->f == PAPER_MD ? "# " : "";
	const char		*li = sh->f == PAPER_MD ? "- " : "";
	size_t			 i;

	buf_init(&b);
	paper_printf(sh, 0, "%s%s · %s", h1, _("Handover"),
	    i18n_name(a->policy->institution, a->policy->institution_en));
	paper_line(sh, 0, "");
	paper_printf(sh, 2, "%s%s: %s %s (%s – %s)", li, _("Shift"),
	    h->duty.id, i18n_name(h->duty.shift->name, h->duty.shift->name_en),
	    caltime_format_local(h->duty.start, s, sizeof s),
	    caltime_format_local(h->duty.end, e, sizeof e));
	paper_person(a, h->outgoing, &b);
	paper_printf(sh, 2, "%s%s: %s · %s %s", li, _("Outgoing"), buf_str(&b),
	    _("signed"), h->signed_out_at ? caltime_format_local(
	    h->signed_out_at, t1, sizeof t1) : _("not yet"));
	buf_clear(&b);
	if (*h->incoming != '\0')
		paper_person(a, h->incoming, &b);
	else
		buf_puts(&b, h->receiver_role != NULL ? h->receiver_role :
		    _("the next shift's officer"));
	paper_printf(sh, 2, "%s%s: %s · %s %s", li, _("Incoming"), buf_str(&b),
	    _("signed"), h->signed_in_at ? caltime_format_local(
	    h->signed_in_at, t2, sizeof t2) : _("not yet"));
	if (*h->note != '\0')
		paper_printf(sh, 2, "%s%s: %s", li, _("Note"), h->note);
	paper_line(sh, 0, "");
	paper_printf(sh, 0, "%s%s (%zu)", sh->f == PAPER_MD ? "## " : "",
	    _("Items"), h->nitems);
	for (i = 0; i < h->nitems; i++) {
		it = &h->items[i];
		paper_incident(a, it->incident, &si);
		if (si.have)
			paper_printf(sh, 6, "%s#%lld  %s · %s %s · %s · %s %s",
			    li, (long long)it->incident,
			    paper_category(a, si.in.category), _("now"),
			    history_state(si.in.state),
			    history_rung(a, si.in.level), _("due"),
			    paper_time(si.in.ack_due != 0 ? si.in.ack_due :
			    si.in.resolve_due, t1, sizeof t1));
		else
			paper_printf(sh, 6, "%s#%lld", li,
			    (long long)it->incident);
		if (si.call != NULL)
			paper_printf(sh, 6, "    %s: %s", _("Call"), si.call);
		if (it->restricted)
			paper_printf(sh, 6, "    %s", _("(restricted: the "
			    "status and actions are for those who may read "
			    "it)"));
		else {
			paper_printf(sh, 6, "    %s: %s%s%s", _("Status"),
			    it->status >= 0 ? _(handover_status_label(
			    it->status)) : _("not set"), it->carried >= 0 ?
			    _(" · carried from the last handover") : "", "");
			if (*it->action != '\0')
				paper_printf(sh, 6, "    %s: %s · %s %s · %s",
				    _("Next"), it->action, _("by"),
				    *it->owner ? it->owner : "-",
				    paper_time(it->due, t1, sizeof t1));
			if (*it->contingency != '\0')
				paper_printf(sh, 6, "    %s: %s", _("If"),
				    it->contingency);
			if (*it->question != '\0')
				paper_printf(sh, 6, "    %s: %s", _("Question"),
				    it->question);
			if (*it->answer != '\0')
				paper_printf(sh, 6, "    %s: %s", _("Answer"),
				    it->answer);
			if (*it->readback != '\0')
				paper_printf(sh, 6, "    %s: %s",
				    _("Read back"), it->readback);
		}
		paper_printf(sh, 6, "    %s: %s", _("Accepted"),
		    *it->accepted_by ? it->accepted_by : _("not yet"));
		paper_incident_free(&si);
	}
	paper_line(sh, 0, "");
	paper_printf(sh, 0, "%s%s: %lld:%s", sh->f == PAPER_MD ? "**" : "",
	    _("Chain head"), (long long)events, head);
	paper_printf(sh, 2, "(yujing verify --anchor %lld:%s)",
	    (long long)events, head);
	paper_line(sh, 0, "");
	paper_printf(sh, 0, "%s ____________    %s ____________",
	    _("Outgoing signature:"), _("Incoming signature:"));
	buf_done(&b);
}

static enum yj_status	paper_directory(struct yj_app *, struct paper *,
			    struct yj_error *);

/* What was typed, with what Markdown would read in it escaped. */
static void
paper_md_escape(char **s)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	buf_puts(&b, "");
	for (p = *s; *p != '\0'; p++) {
		if (strchr("\\`*_[]<>#|!~", *p) != NULL)
			buf_putc(&b, '\\');
		buf_putc(&b, *p);
	}
	free(*s);
	*s = buf_steal(&b);
}

static void
paper_md_item(struct handover_item *it)
{
	paper_md_escape(&it->action);
	paper_md_escape(&it->owner);
	paper_md_escape(&it->contingency);
	paper_md_escape(&it->question);
	paper_md_escape(&it->answer);
	paper_md_escape(&it->readback);
}

static int
cli_handover_show(struct yj_app *a, const char *shift, enum paper_format f,
    bool directory)
{
	struct handover	 h;
	struct paper	 sh;
	struct yj_error	 err;
	char		 head[17];
	int64_t		 events;
	size_t		 i;

	if (handover_load(a, shift, &h, &err) != YJ_OK)
		return cli_error(&err);
	if (handover_chain_head(a, &events, head, &err) != YJ_OK) {
		handover_free(&h);
		return cli_error(&err);
	}
	memset(&sh, 0, sizeof sh);
	sh.f = f;
	buf_init(&sh.out);
	/* In an e-mail, typed text stays text. */
	if (f == PAPER_MD) {
		paper_md_escape(&h.note);
		for (i = 0; i < h.nitems; i++)
			paper_md_item(&h.items[i]);
	}
	if (f == PAPER_JSON)
		paper_json(a, &h, events, head, &sh.out);
	else
		paper_text(a, &h, events, head, &sh);
	if (directory && f != PAPER_JSON &&
	    paper_directory(a, &sh, &err) != YJ_OK) {
		buf_done(&sh.out);
		handover_free(&h);
		return cli_error(&err);
	}
	fwrite(sh.out.data, 1, sh.out.len, stdout);
	buf_done(&sh.out);
	handover_free(&h);
	return fflush(stdout) == 0 && !ferror(stdout) ? CLI_OK :
	    CLI_BAD_INPUT;
}

int
cli_handover(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "shift", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'o' },
		{ "text", required_argument, NULL, 'x' },
		{ "status", required_argument, NULL, 'S' },
		{ "action", required_argument, NULL, 'a' },
		{ "owner", required_argument, NULL, 'w' },
		{ "due", required_argument, NULL, 'd' },
		{ "contingency", required_argument, NULL, 'c' },
		{ "directory", no_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 }
	};
	struct handover_set	 set = { -1, NULL, NULL, NULL, 0 };
	struct policy_duty	 d;
	enum paper_format	 f = PAPER_TEXT;
	struct yj_error		 err;
	enum yj_status		 r;
	const char		*shift = NULL, *text = NULL, *step, *why;
	int64_t			 id = 0;
	int			 ch;
	bool			 directory = false;

	(void)g;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			shift = optarg;
			break;
		case 'D':
			directory = true;
			break;
		case 'o':
			if (strcmp(optarg, "text") == 0)
				f = PAPER_TEXT;
			else if (strcmp(optarg, "md") == 0)
				f = PAPER_MD;
			else if (strcmp(optarg, "json") == 0)
				f = PAPER_JSON;
			else {
				cli_warn("--format %s: text, md or json",
				    optarg);
				return CLI_USAGE;
			}
			break;
		case 'x':
			text = optarg;
			break;
		case 'S':
			if ((set.status = handover_status_of(optarg)) < 0) {
				cli_warn("--status %s: stable, watch or "
				    "unstable", optarg);
				return CLI_USAGE;
			}
			break;
		case 'a':
			set.action = optarg;
			break;
		case 'w':
			set.owner = optarg;
			break;
		case 'c':
			set.contingency = optarg;
			break;
		case 'd':
			if (caltime_parse_due(optarg, app_now(a), &set.due,
			    &why) != 0) {
				cli_warn("--due %s: %s", optarg, why);
				return CLI_BAD_INPUT;
			}
			break;
		default:
			cli_warn("handover: unknown option or missing value: "
			    "'%s'", argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	step = optind < argc ? argv[optind] : "show";
	if (strcmp(step, "show") == 0 && argc - optind <= 1) {
		if (shift == NULL) {
			if (handover_duty_now(a, &d, &err) != YJ_OK)
				return cli_error(&err);
			shift = d.id;
		}
		return cli_handover_show(a, shift, f, directory);
	}
	/*
	 * Every step names the shift it is about, as it was resolved: the
	 * one given, else the one the screen's F5 is about.
	 */
	if ((shift != NULL ? handover_duty(a, shift, &d, &err) :
	    handover_duty_now(a, &d, &err)) != YJ_OK)
		return cli_error(&err);
	if (strcmp(step, "prepare") == 0 && argc - optind == 1)
		r = handover_prepare(a, d.id, text, &err);
	else if (strcmp(step, "sign") == 0 && argc - optind == 1)
		r = handover_sign(a, d.id, &err);
	else if (argc - optind == 2 && (strcmp(step, "item") == 0 ||
	    strcmp(step, "accept") == 0 || strcmp(step, "question") == 0 ||
	    strcmp(step, "answer") == 0 || strcmp(step, "readback") == 0)) {
		if (cli_parse_id(argv[optind + 1], &id) != 0)
			return CLI_BAD_INPUT;
		if (strcmp(step, "item") == 0)
			r = handover_item(a, d.id, id, &set, &err);
		else if (strcmp(step, "accept") == 0)
			r = handover_accept(a, d.id, id, -1, &err);
		else if (strcmp(step, "question") == 0)
			r = handover_question(a, d.id, id, text, &err);
		else if (strcmp(step, "answer") == 0)
			r = handover_answer(a, d.id, id, text, &err);
		else
			r = handover_readback(a, d.id, id, -1, text, &err);
	} else {
		fprintf(stderr, "usage: yujing handover [show] [--shift ID] "
		    "[--format text|md|json]\n"
		    "       yujing handover prepare [--text NOTE]\n"
		    "       yujing handover item ID --status S [--action T] "
		    "[--owner N] [--due TIME] [--contingency T]\n"
		    "       yujing handover accept|question|answer|readback "
		    "ID [--text T]\n"
		    "       yujing handover sign\n");
		return CLI_USAGE;
	}
	if (r != YJ_OK)
		return cli_error(&err);
	printf("%s %s\n", d.id, step);
	return cli_saved("handover %s: %s", d.id, step);
}

/* --- the start-of-shift check ---------------------------------------------- */

static void
check_ids(struct buf *b, const int64_t *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s#%lld", i ? " " : "", (long long)v[i]);
	if (n == 0)
		buf_puts(b, "-");
}

static void
check_json_ids(struct json *j, const char *key, const int64_t *v, size_t n)
{
	size_t	 i;

	json_key(j, key);
	json_array_begin(j);
	for (i = 0; i < n; i++)
		json_int(j, v[i]);
	json_array_end(j);
}

static void
check_print(struct yj_app *a, const struct handover_check *c, bool json)
{
	struct buf	 b;
	struct json	 j;
	size_t		 i;

	buf_init(&b);
	if (json) {
		json_init(&j, &b, true);
		json_object_begin(&j);
		json_kv_string(&j, "shift", c->duty.id);
		check_json_ids(&j, "inherited", c->inherited, c->ninherited);
		check_json_ids(&j, "due", c->due, c->ndue);
		check_json_ids(&j, "emergencies", c->emergencies,
		    c->nemergencies);
		json_key(&j, "flagged");
		json_array_begin(&j);
		for (i = 0; i < c->nflagged; i++) {
			json_object_begin(&j);
			json_kv_int(&j, "incident", c->flagged[i]);
			json_key(&j, "status");
			if (c->flagged_status[i] >= 0)
				json_string(&j, handover_status_name(
				    c->flagged_status[i]));
			else
				json_null(&j);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_key(&j, "previous");
		if (c->has_prev) {
			json_object_begin(&j);
			json_kv_string(&j, "shift", c->prev.id);
			json_kv_string(&j, "handover",
			    handover_state_name(c->prev_state));
			json_object_end(&j);
		} else
			json_null(&j);
		json_key(&j, "gaps");
		json_array_begin(&j);
		for (i = 0; i < c->ngaps; i++) {
			json_object_begin(&j);
			json_kv_int(&j, "incident", c->gaps[i].incident);
			json_kv_string(&j, "level", c->gaps[i].rung);
			json_kv_string(&j, "problem", c->gaps[i].no_phone ?
			    "no phone" : "nobody responsible");
			json_object_end(&j);
		}
		json_array_end(&j);
		json_kv_int(&j, "all_gaps", (int64_t)c->all_gaps);
		json_key(&j, "unstaffed");
		json_array_begin(&j);
		for (i = 0; i < c->nunstaffed; i++)
			json_string(&j, c->unstaffed[i].id);
		json_array_end(&j);
		json_object_end(&j);
		buf_putc(&b, '\n');
		fwrite(b.data, 1, b.len, stdout);
		buf_done(&b);
		return;
	}
	printf("%s: %s %s\n", _("Start of shift"), c->duty.id,
	    i18n_name(c->duty.shift->name, c->duty.shift->name_en));
	if (c->has_prev)
		printf("  %s: %s — %s%s\n", _("Shift before"), c->prev.id,
		    _(handover_state_label(c->prev_state)),
		    c->prev_state != HANDOVER_DONE ? " (!)" : "");
	check_ids(&b, c->inherited, c->ninherited);
	printf("  %s (%zu): %s\n", _("Open, inherited"), c->ninherited,
	    buf_str(&b));
	buf_clear(&b);
	check_ids(&b, c->due, c->ndue);
	printf("  %s (%zu): %s\n", _("Deadlines in this shift"), c->ndue,
	    buf_str(&b));
	buf_clear(&b);
	check_ids(&b, c->emergencies, c->nemergencies);
	printf("  %s (%zu): %s\n", _("Emergencies"), c->nemergencies,
	    buf_str(&b));
	buf_clear(&b);
	for (i = 0; i < c->nflagged; i++)
		buf_printf(&b, "%s#%lld %s", i ? ", " : "",
		    (long long)c->flagged[i], c->flagged_status[i] >= 0 ?
		    _(handover_status_label(c->flagged_status[i])) :
		    _("(restricted)"));
	printf("  %s (%zu): %s\n", _("Flagged by the last handover"),
	    c->nflagged, c->nflagged ? buf_str(&b) : "-");
	buf_clear(&b);
	printf("  %s (%zu; %s %zu)%s\n", _("Nobody to call tonight"),
	    c->ngaps, _("all gaps"), c->all_gaps, c->ngaps > 0 ? ":" : ": -");
	for (i = 0; i < c->ngaps; i++)
		printf("    #%lld %s: %s\n", (long long)c->gaps[i].incident,
		    history_rung(a, c->gaps[i].rung), c->gaps[i].no_phone ?
		    _("no phone") : _("nobody responsible"));
	for (i = 0; i < c->nunstaffed; i++)
		buf_printf(&b, "%s%s", i ? " " : "", c->unstaffed[i].id);
	printf("  %s (%zu): %s\n", _("Next 7 days, nobody scheduled"),
	    c->nunstaffed, c->nunstaffed ? buf_str(&b) : "-");
	buf_done(&b);
}

int
cli_shift(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "shift", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct handover_check	 c;
	struct policy_duty	 d;
	struct yj_error		 err;
	const char		*shift = NULL;
	int			 ch, rc = CLI_OK;
	bool			 json = false, running, opened = false;

	(void)g;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 's')
			shift = optarg;
		else if (ch == 'o' && (strcmp(optarg, "json") == 0 ||
		    strcmp(optarg, "text") == 0))
			json = strcmp(optarg, "json") == 0;
		else {
			cli_warn("shift: unknown option or bad value: '%s'",
			    argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	if (argc - optind != 1 || (strcmp(argv[optind], "open") != 0 &&
	    strcmp(argv[optind], "check") != 0)) {
		fprintf(stderr, "usage: yujing shift open | check [--shift ID] "
		    "[--format text|json]\n");
		return CLI_USAGE;
	}
	if (strcmp(argv[optind], "open") == 0) {
		if (shift != NULL) {
			cli_warn("shift open: the shift is the one running "
			    "now");
			return CLI_USAGE;
		}
		if (shift_open(a, &d, &running, &opened, &err) != YJ_OK)
			return cli_error(&err);
		if (!running) {
			cli_warn("no shift runs now");
			return CLI_BAD_INPUT;
		}
		shift = d.id;
	}
	if (handover_check(a, shift, &c, &err) != YJ_OK)
		return cli_error(&err);
	check_print(a, &c, json);
	handover_check_free(&c);
	if (opened)
		rc = cli_saved("opened %s", d.id);
	return rc;
}

/* --- the phone directory ---------------------------------------------------- */

static int
cli_directory_row(void *arg, const struct roster_gap *g)
{
	struct cli_out	*o = arg;

	cli_out_cell(o, g->level, i18n_name(g->level_name, NULL));
	cli_out_cell(o, g->unit_kind, NULL);
	cli_out_cell(o, g->unit, *g->unit != '\0' ? g->unit : "-");
	cli_out_cell(o, g->person, g->person != NULL ? g->person :
	    _("nobody"));
	cli_out_cell(o, *g->phone != '\0' ? g->phone : NULL,
	    *g->phone != '\0' ? g->phone : "-");
	cli_out_cell(o, g->title, NULL);
	return 0;
}

/* The directory as lines of the sheet: level, unit, name, phone. */
static int
paper_directory_row(void *arg, const struct roster_gap *g)
{
	struct paper	*sh = arg;
	struct buf	 b;

	buf_init(&b);
	width_pad(&b, g->level_name, 16);
	buf_putc(&b, ' ');
	width_pad(&b, *g->unit != '\0' ? g->unit : "-", 18);
	buf_putc(&b, ' ');
	width_pad(&b, g->person != NULL ? g->person : _("nobody"), 14);
	buf_putc(&b, ' ');
	buf_puts(&b, *g->phone != '\0' ? g->phone : "-");
	paper_line(sh, 0, buf_str(&b));
	buf_done(&b);
	return 0;
}

static enum yj_status
paper_directory(struct yj_app *a, struct paper *sh, struct yj_error *err)
{
	enum yj_status	 r;

	if (sh->f == PAPER_TEXT && sh->line > 0) {
		buf_putc(&sh->out, '\f');
		sh->line = 0;
	}
	paper_printf(sh, 0, "%s%s · %s", sh->f == PAPER_MD ? "## " : "",
	    _("Phone directory"), i18n_name(a->policy->institution,
	    a->policy->institution_en));
	paper_line(sh, 0, "");
	if (sh->f == PAPER_MD)
		paper_line(sh, 0, "```");
	r = roster_directory(a, paper_directory_row, sh, err);
	if (sh->f == PAPER_MD)
		paper_line(sh, 0, "```");
	return r;
}

int
cli_directory(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct cli_column cols[] = {
		{ "level", "LEVEL" }, { "unit_kind", NULL }, { "unit", "UNIT" },
		{ "person", "NAME" }, { "phone", "PHONE" }, { "title", "TITLE" },
	};
	struct paper		 sh;
	struct cli_out		 o;
	enum cli_format		 format = CLI_TEXT;
	struct yj_error		 err;
	int			 ch, rc = CLI_OK;

	(void)g;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'o' || cli_parse_format(optarg, 1 << CLI_TEXT |
		    1 << CLI_TABLE | 1 << CLI_JSON | 1 << CLI_CSV, &format) != 0)
			return CLI_USAGE;
	}
	if (optind != argc) {
		fprintf(stderr, "usage: yujing directory [--format "
		    "text|table|json|csv]\n");
		return CLI_USAGE;
	}
	if (format == CLI_TEXT) {
		memset(&sh, 0, sizeof sh);
		sh.f = PAPER_TEXT;
		buf_init(&sh.out);
		if (paper_directory(a, &sh, &err) != YJ_OK)
			rc = cli_error(&err);
		else
			fwrite(sh.out.data, 1, sh.out.len, stdout);
		buf_done(&sh.out);
		return rc;
	}
	cli_out_begin(&o, format, false, cols, sizeof cols / sizeof cols[0],
	    0);
	if (roster_directory(a, cli_directory_row, &o, &err) != YJ_OK)
		rc = cli_error(&err);
	cli_out_end(&o, rc == CLI_OK);
	return rc;
}
