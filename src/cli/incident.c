#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/cli.h"
#include "yujing/csv.h"
#include "yujing/duration.h"
#include "yujing/escalate.h"
#include "yujing/followup.h"
#include "yujing/history.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/json.h"
#include "yujing/number.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/report.h"
#include "yujing/safe.h"
#include "yujing/search.h"
#include "yujing/status.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

/* Options that take a value and may repeat, gathered into a list. */
struct cli_list {
	const char	**v;
	size_t		  n;
};

static void
cli_list_add(struct cli_list *l, const char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = s;
}

/* Writes out what b holds and empties it. */
static void
cli_flush(struct buf *b)
{
	fputs(buf_str(b), stdout);
	b->len = 0;
	buf_puts(b, "");
}

static int
cli_bad_option(const char *cmd, char **argv)
{
	cli_warn("%s: unknown option or missing value: '%s'", cmd,
	    argv[optind - 1]);
	fprintf(stderr, "Try 'yujing %s --help'.\n", cmd);
	return CLI_USAGE;
}

/*
 * Said before it is logged (on stderr; logged all the same): that the
 * student numbered number was on leave when it happened, or has left.
 */
static void
cli_away(struct yj_app *a, const char *number, int64_t at)
{
	struct yj_error	 err;
	struct buf	 b;

	/* No such student: the log itself says so. */
	buf_init(&b);
	if (student_away_of(a, number, at, &b, &err) == YJ_OK && b.len > 0) {
		safe_print(stderr, buf_str(&b), 0);
		fputc('\n', stderr);
	}
	buf_done(&b);
}

int
cli_log(struct yj_app *a, const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "category", required_argument, NULL, 'c' },
		{ "severity", required_argument, NULL, 's' },
		{ "student", required_argument, NULL, 'S' },
		{ "other", required_argument, NULL, 'O' },
		{ "room", required_argument, NULL, 'r' },
		{ "department", required_argument, NULL, 'd' },
		{ "location", required_argument, NULL, 'l' },
		{ "occurred", required_argument, NULL, 'o' },
		{ "reporter", required_argument, NULL, 'p' },
		{ "reporter-role", required_argument, NULL, 'R' },
		{ "field", required_argument, NULL, 'f' },
		{ "action", required_argument, NULL, 'a' },
		{ "text", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct incident_draft	 d;
	struct cli_list		 students = { NULL, 0 }, fields = { NULL, 0 };
	struct cli_list		 others = { NULL, 0 };
	struct yj_error		 err;
	const char		*why;
	int64_t			 id, at;
	size_t			 i;
	int			 ch, rc = CLI_OK;

	(void)g;
	memset(&d, 0, sizeof d);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': d.category = optarg; break;
		case 's': d.severity = optarg; break;
		case 'S': cli_list_add(&students, optarg); break;
		case 'O': cli_list_add(&others, optarg); break;
		case 'r': d.room = optarg; break;
		case 'd': d.department = optarg; break;
		case 'l': d.location = optarg; break;
		case 'o': d.occurred = optarg; break;
		case 'p': d.reporter = optarg; break;
		case 'R': d.reporter_role = optarg; break;
		case 'f': cli_list_add(&fields, optarg); break;
		case 'a': d.action = optarg; break;
		case 't': d.text = optarg; break;
		default:
			rc = cli_bad_option("log", argv);
			goto out;
		}
	}
	if (optind < argc) {
		cli_warn("log: unexpected '%s' (the description "
		    "goes in --text)", argv[optind]);
		rc = CLI_USAGE;
		goto out;
	}
	if (d.category == NULL || d.text == NULL) {
		cli_warn("log needs --category and --text");
		rc = CLI_USAGE;
		goto out;
	}
	d.students = students.v;
	d.nstudents = students.n;
	d.others = others.v;
	d.nothers = others.n;
	d.fields = fields.v;
	d.nfields = fields.n;
	/* On leave when it happened, or gone from the school. */
	at = app_now(a);
	if (d.occurred != NULL && caltime_parse_when(d.occurred, at, &at,
	    &why) != 0)
		at = app_now(a);	/* the log says what is wrong */
	for (i = 0; i < students.n; i++)
		cli_away(a, students.v[i], at);
	if (incident_log(a, &d, &id, &err) != YJ_OK)
		rc = cli_error(&err);
	else {
		printf("%lld\n", (long long)id);
		rc = cli_saved("saved as #%lld", (long long)id);
	}
out:
	free(students.v);
	free(others.v);
	free(fields.v);
	return rc;
}

/* A field's value as JSON: numbers and booleans typed by the policy. */
static void
cli_json_field(struct json *j, const struct yj_app *a,
    const struct store_incident *in, const struct store_field *f)
{
	const struct policy_category	*c;
	size_t				 k;

	c = policy_category(a->policy, in->category);
	for (k = 0; c != NULL && k < c->nfields; k++) {
		if (strcmp(c->fields[k].id, f->key) != 0)
			continue;
		if (c->fields[k].type == POLICY_FIELD_BOOL &&
		    (strcmp(f->value, "true") == 0 ||
		    strcmp(f->value, "false") == 0)) {
			json_raw(j, f->value);
			return;
		}
		if (c->fields[k].type == POLICY_FIELD_NUMBER &&
		    json_is_number(f->value)) {
			json_raw(j, f->value);
			return;
		}
	}
	json_string(j, f->value);
}

static void
cli_json_time(struct json *j, const char *key, int64_t t)
{
	char	 iso[40];

	json_key(j, key);
	if (t == 0)
		json_null(j);
	else
		json_string(j, caltime_format_iso(t, iso, sizeof iso));
}

/* Calls fn with each line of text (names kept one a line). */
static void
cli_each_line(const char *text, void (*fn)(void *, const char *, size_t),
    void *arg)
{
	const char	*p = text != NULL ? text : "", *nl;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		fn(arg, p, nl != NULL ? (size_t)(nl - p) : strlen(p));
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

static void
cli_json_line(void *arg, const char *s, size_t n)
{
	char	*one = xstrndup(s, n);

	json_string(arg, one);
	free(one);
}

static void
cli_comma_line(void *arg, const char *s, size_t n)
{
	struct buf	*b = arg;

	if (b->len > 0)
		buf_puts(b, _(", "));
	buf_add(b, s, n);
}

/*
 * An incident as JSON; with guardians (show, one incident) its students'
 * parents for those who may read them: never in bulk (list, export).
 */
static void
cli_json_incident(struct json *j, const struct yj_app *a,
    const struct store_incident *in, bool redacted, bool guardians)
{
	struct yj_error	 err;
	struct buf	 gname, gphone;
	size_t		 i;

	json_object_begin(j);
	json_kv_int(j, "id", in->id);
	json_kv_string(j, "category", in->category);
	json_kv_string(j, "category_name", in->category_name);
	/* Blank when the user may not see it (the core said so). */
	json_kv_string(j, "severity", *in->severity ? in->severity : NULL);
	json_kv_string(j, "state", in->state);
	json_kv_string(j, "level", in->level);
	cli_json_time(j, "occurred_at", in->occurred_at);
	cli_json_time(j, "reported_at", in->reported_at);
	json_kv_string(j, "logged_by", in->logged_by_login);
	json_kv_bool(j, "redacted", redacted);
	/* Its personal details removed by retention (show only). */
	if (in->retained_at != 0)
		cli_json_time(j, "retained_at", in->retained_at);
	if (redacted && incident_access(a, in) == INCIDENT_HANDLES) {
		/* Who handles it sees its clock. */
		json_kv_string(j, "access", "handle");
		cli_json_time(j, "ack_due", in->ack_due);
		cli_json_time(j, "resolve_due", in->resolve_due);
		json_kv_bool(j, "emergency", in->emergency);
	}
	if (!redacted) {
		json_key(j, "students");
		json_array_begin(j);
		for (i = 0; i < in->nstudents; i++) {
			json_object_begin(j);
			json_kv_string(j, "number", in->students[i].number);
			json_kv_string(j, "name", in->students[i].name);
			/* For those who may call them (read_guardian). */
			buf_init(&gname);
			buf_init(&gphone);
			if (guardians && student_guardian(a,
			    in->students[i].number, &gname, &gphone, &err) ==
			    YJ_OK) {
				json_key(j, "guardian");
				json_object_begin(j);
				json_kv_string(j, "name", buf_str(&gname));
				json_kv_string(j, "phone", buf_str(&gphone));
				json_object_end(j);
			}
			buf_done(&gname);
			buf_done(&gphone);
			json_object_end(j);
		}
		json_array_end(j);
		/* Not on the roster: names only, one a line as kept. */
		json_key(j, "others");
		json_array_begin(j);
		cli_each_line(in->others, cli_json_line, j);
		json_array_end(j);
		json_kv_string(j, "room", *in->room ? in->room : NULL);
		json_kv_string(j, "location", in->location);
		json_kv_string(j, "text", in->text);
		json_key(j, "fields");
		json_object_begin(j);
		for (i = 0; i < in->nfields; i++) {
			json_key(j, in->fields[i].key);
			cli_json_field(j, a, in, &in->fields[i]);
		}
		json_object_end(j);
		json_key(j, "reporter");
		json_object_begin(j);
		json_kv_string(j, "name", in->reporter);
		json_kv_string(j, "role", *in->reporter_role ?
		    in->reporter_role : NULL);
		json_object_end(j);
		json_kv_string(j, "actions", in->actions);
		json_kv_string(j, "resolution", in->resolution);
		cli_json_time(j, "ack_due", in->ack_due);
		/* At the top, since the first deadline missed there. */
		cli_json_time(j, "ack_overdue_since", escalate_overdue_since(
		    a, in, app_now(a)));
		cli_json_time(j, "resolve_due", in->resolve_due);
		json_kv_bool(j, "emergency", in->emergency);
	}
}

struct cli_list_out {
	struct yj_app		*a;
	enum cli_format		 format;
	bool			 raw;	/* CSV cells as stored */
	struct json		 j;
	struct buf		 out;
	struct cli_table	 t;
	size_t			 n;
};

/* Who or where, in one cell: the students, else the room or location. */
static void
cli_who(struct buf *b, const struct store_incident *in, bool redacted)
{
	size_t	 i;

	if (redacted) {
		buf_puts(b, "(restricted)");
		return;
	}
	for (i = 0; i < in->nstudents; i++)
		buf_printf(b, "%s%s %s", i ? ", " : "",
		    in->students[i].number, in->students[i].name);
	/* Then anyone not on the roster (each after a comma). */
	cli_each_line(in->others, cli_comma_line, b);
	if (b->len == 0)
		buf_puts(b, *in->room ? in->room : in->location);
}

/*
 * The acknowledgement's clock in one cell (into b, emptied first): how
 * long overdue, from the first deadline missed at its rung (the top
 * included, however many reminders since), or how long is left.
 */
static void
cli_due(struct buf *b, const struct yj_app *a, const struct store_incident *in)
{
	char	 d[DURATION_BUFSZ];
	int64_t	 now = app_now(a), since = escalate_overdue_since(a, in, now);

	b->len = 0;
	buf_puts(b, "");
	if (since != 0)
		/* As the queue counts: the minute begun counts. */
		buf_printf(b, _("overdue %s"), duration_format(
		    (now - since) / 60 * 60 + 60, d, sizeof d));
	else if (in->ack_due != 0 && record_state_is(in->state, RECORD_OPEN))
		buf_printf(b, _("%s left"), duration_format(
		    (in->ack_due - now + 59) / 60 * 60, d, sizeof d));
}

static int
cli_list_row(void *arg, const struct store_incident *in, bool redacted)
{
	struct cli_list_out	*l = arg;
	struct buf		 who;
	char			 id[24], when[40], iso2[40];
	void			(*text)(struct buf *, const char *, bool);

	buf_init(&who);
	cli_who(&who, in, redacted);
	snprintf(id, sizeof id, "%lld", (long long)in->id);
	switch (l->format) {
	case CLI_JSON:
		cli_json_incident(&l->j, l->a, in, redacted, false);
		json_object_end(&l->j);
		cli_flush(&l->out);
		break;
	case CLI_CSV:
		/* The id is a number; every other cell is text (--raw). */
		text = l->raw ? csv_write_field : csv_write_text;
		csv_write_field(&l->out, id, true);
		text(&l->out, caltime_format_iso(in->occurred_at, when,
		    sizeof when), false);
		text(&l->out, caltime_format_iso(in->reported_at, iso2,
		    sizeof iso2), false);
		text(&l->out, in->category, false);
		text(&l->out, in->category_name, false);
		text(&l->out, in->severity, false);
		text(&l->out, in->state, false);
		text(&l->out, in->level, false);
		text(&l->out, redacted ? "" : buf_str(&who), false);
		text(&l->out, in->location, false);
		text(&l->out, in->text, false);
		text(&l->out, redacted ? "true" : "false", false);
		csv_write_end(&l->out);
		cli_flush(&l->out);
		break;
	default:
		cli_table_add(&l->t, id);
		cli_table_add(&l->t, caltime_format_local(in->occurred_at,
		    when, sizeof when));
		cli_table_add(&l->t, in->category_name);
		cli_table_add(&l->t, in->severity_name);
		cli_table_add(&l->t, buf_str(&who));
		cli_table_add(&l->t, in->level);
		cli_table_add(&l->t, in->state);
		cli_due(&who, l->a, in);
		cli_table_add(&l->t, buf_str(&who));
		break;
	}
	buf_done(&who);
	l->n++;
	return 0;
}

int
cli_list(struct yj_app *a, const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "open", no_argument, NULL, 'o' },
		{ "category", required_argument, NULL, 'c' },
		{ "severity", required_argument, NULL, 's' },
		{ "level", required_argument, NULL, 'l' },
		{ "student", required_argument, NULL, 'S' },
		{ "since", required_argument, NULL, 'i' },
		{ "limit", required_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'f' },
		{ "bom", no_argument, NULL, 'b' },
		{ "raw", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_filter	 f;
	struct cli_list_out	 l;
	struct yj_error		 err;
	const char		*why, *student = NULL;
	int			 ch, rc = CLI_OK, bom = 0;

	(void)g;
	memset(&f, 0, sizeof f);
	memset(&l, 0, sizeof l);
	l.a = a;
	l.format = CLI_TABLE;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'o': f.open_only = true; break;
		case 'c': f.category = optarg; break;
		case 's': f.severity = optarg; break;
		case 'l': f.level = optarg; break;
		case 'S': student = optarg; break;
		case 'b': bom = 1; break;
		case 'r': l.raw = true; break;
		case 'i':
			if (caltime_parse_when(optarg, app_now(a), &f.since,
			    &why) != 0) {
				cli_warn("--since %s: %s", optarg, why);
				return CLI_BAD_INPUT;
			}
			break;
		case 'n':
			if (!number_id(optarg, &f.limit)) {
				cli_warn("--limit %s: not a positive number",
				    optarg);
				return CLI_USAGE;
			}
			break;
		case 'f':
			if (cli_parse_format(optarg, 1 << CLI_TABLE |
			    1 << CLI_JSON | 1 << CLI_CSV, &l.format) != 0)
				return CLI_USAGE;
			break;
		default:
			return cli_bad_option("list", argv);
		}
	}
	if (l.format != CLI_TABLE && !cli_may_export(a))
		return CLI_BAD_INPUT;
	if (optind < argc) {
		cli_warn("list: unexpected '%s'", argv[optind]);
		return CLI_USAGE;
	}
	if (f.category != NULL && policy_category(a->policy, f.category) ==
	    NULL) {
		cli_warn("unknown category '%s'", f.category);
		return CLI_BAD_INPUT;
	}
	if (f.severity != NULL && policy_severity(a->policy, f.severity) ==
	    NULL) {
		cli_warn("unknown severity '%s'", f.severity);
		return CLI_BAD_INPUT;
	}
	if (f.level != NULL && policy_find(a->policy, POLICY_LEVEL, f.level) <
	    0 && policy_find(a->policy, POLICY_OFFICE, f.level) < 0) {
		cli_warn("unknown level '%s'", f.level);
		return CLI_BAD_INPUT;
	}
	if (student != NULL) {
		if (incident_student_id(a, student, &f.student, &err) != YJ_OK)
			return cli_error(&err);
	}

	/*
	 * As JSON or CSV a list is an export (the rows in full, for another
	 * program): on record before a row leaves, its count not known.
	 */
	if (l.format != CLI_TABLE && report_exported(a, f.since, f.until,
	    l.format == CLI_JSON ? "json" : "csv", false, -1, &err) != YJ_OK)
		return cli_error(&err);
	buf_init(&l.out);
	if (l.format == CLI_JSON) {
		/* One document, written as it goes: an array of objects. */
		json_init(&l.j, &l.out, true);
		json_array_begin(&l.j);
		cli_flush(&l.out);
	} else if (l.format == CLI_CSV) {
		static const char *const head[] = { "id", "occurred_at",
		    "reported_at", "category", "category_name", "severity",
		    "state", "level", "students", "location", "text",
		    "redacted" };
		size_t	 i;

		if (bom)
			buf_puts(&l.out, "\xef\xbb\xbf");
		for (i = 0; i < 12; i++)
			csv_write_field(&l.out, head[i], i == 0);
		csv_write_end(&l.out);
		cli_flush(&l.out);
	} else {
		cli_table_init(&l.t, 8, 30);
		cli_table_add(&l.t, "ID");
		cli_table_add(&l.t, "OCCURRED");
		cli_table_add(&l.t, "CATEGORY");
		cli_table_add(&l.t, "SEVERITY");
		cli_table_add(&l.t, "WHO / WHERE");
		cli_table_add(&l.t, "LEVEL");
		cli_table_add(&l.t, "STATE");
		cli_table_add(&l.t, "DUE");
	}
	if (incident_list(a, &f, cli_list_row, &l, &err) != YJ_OK)
		rc = cli_error(&err);
	if (l.format == CLI_JSON) {
		json_array_end(&l.j);
		cli_flush(&l.out);
	} else if (l.format == CLI_TABLE) {
		if (rc == CLI_OK)
			cli_table_print(&l.t);
		cli_table_free(&l.t);
	}
	buf_done(&l.out);
	return rc;
}

struct cli_show_out {
	const struct yj_app	*a;
	enum cli_format		 format;
	struct json		*j;
	struct cli_table	 t;
};

static int
cli_show_event(void *arg, const struct store_event *ev)
{
	struct cli_show_out	*s = arg;
	struct buf		 text, who;
	char			 when[40];

	buf_init(&text);
	history_describe(s->a, ev, &text);
	if (s->format == CLI_JSON) {
		json_object_begin(s->j);
		cli_json_time(s->j, "at", ev->at);
		json_kv_string(s->j, "actor", ev->actor);
		json_kv_string(s->j, "kind", ev->kind);
		json_kv_string(s->j, "level", ev->level);
		json_kv_string(s->j, "note", ev->note);
		if (record_kind_is(ev->kind, EV_CORRECTED))
			json_kv_string(s->j, "from", ev->from);
		/* The parameters, and what they say in words. */
		json_key(s->j, "payload");
		json_raw(s->j, *ev->payload ? ev->payload : "{}");
		json_kv_string(s->j, "text", buf_str(&text));
		json_object_end(s->j);
		buf_done(&text);
		return 0;
	}
	buf_init(&who);
	history_actor(s->a, ev, &who);
	cli_table_add(&s->t, caltime_format_local(ev->at, when, sizeof when));
	cli_table_add(&s->t, buf_str(&who));
	cli_table_add(&s->t, history_kind(ev->kind));
	cli_table_add(&s->t, history_rung(s->a, ev->level));
	cli_table_add(&s->t, buf_str(&text));
	buf_done(&who);
	buf_done(&text);
	return 0;
}

static void	cli_labelled(const char *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * One labelled line of show: the label (in the reader's language) padded
 * to the widest label's width, so that the values line up.
 */
static void
cli_labelled(const char *label, const char *fmt, ...)
{
	static const char *const labels[] = {
		N_("Occurred"), N_("Logged"), N_("Ack due"), N_("Reporter"),
		N_("Students"), N_("Not listed"), N_("Room"), N_("Location"),
		N_("Done already"), N_("Ack"), N_("Resolve by"), N_("Resolution")
	};
	struct buf	 b;
	va_list		 ap;
	size_t		 i, w, most = 0;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		if ((w = width_str(_(labels[i]))) > most)
			most = w;
	}
	buf_init(&b);
	width_pad(&b, label, most + 1);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	cli_line("%s", buf_str(&b));
	buf_done(&b);
}

static void
cli_show_text(const struct yj_app *a, const struct store_incident *in,
    bool redacted)
{
	const struct policy_category	*c;
	const struct policy_severity	*sv;
	struct yj_error	 err;
	struct buf	 who, gname, gphone;
	const char	*role;
	char		 t1[40], t2[40];
	size_t		 i;
	int		 k;

	c = policy_category(a->policy, in->category);
	sv = policy_severity(a->policy, in->severity);
	cli_line(_("#%lld  %s (%s)  %s  %s at %s%s"), (long long)in->id,
	    c != NULL ? i18n_name(c->name, c->name_en) : in->category_name,
	    in->category, sv != NULL ? i18n_name(sv->name, sv->name_en) :
	    in->severity_name,
	    history_state(in->state), history_rung(a, in->level),
	    in->emergency ? _("  EMERGENCY PLAN") : "");
	cli_labelled(_("Occurred"), "%s", caltime_format_local(in->occurred_at,
	    t1, sizeof t1));
	cli_labelled(_("Logged"), _("%s by %s"), caltime_format_local(
	    in->reported_at, t2, sizeof t2), in->logged_by_login);
	/* What is blank below was removed, not never written. */
	if (in->retained_at != 0)
		cli_line(_("Its personal details were removed on %s "
		    "(retention): the blanks below are theirs."),
		    caltime_format_local(in->retained_at, t1, sizeof t1));
	if (redacted && incident_access(a, in) == INCIDENT_HANDLES) {
		if (in->ack_due != 0)
			cli_labelled(_("Ack due"), "%s", caltime_format_local(
			    in->ack_due, t1, sizeof t1));
		putchar('\n');
		cli_line(_("Restricted: you may call, acknowledge, note and "
		    "escalate it (see contacts %lld), not read it."),
		    (long long)in->id);
		return;
	}
	if (redacted) {
		putchar('\n');
		cli_line(_("Restricted: your role (%s) may not read this "
		    "incident."), app_role_name(a));
		return;
	}
	/* The reporter's role by its name in the reader's language. */
	k = policy_find(a->policy, POLICY_REPORTER_ROLE, in->reporter_role);
	role = k < 0 ? in->reporter_role : i18n_name(
	    a->policy->reporter_roles[k].name,
	    a->policy->reporter_roles[k].name_en);
	if (*role != '\0')
		cli_labelled(_("Reporter"), _("%s (%s)"), in->reporter, role);
	else
		cli_labelled(_("Reporter"), "%s", in->reporter);
	buf_init(&who);
	for (i = 0; i < in->nstudents; i++)
		buf_printf(&who, "%s%s %s", i ? _(", ") : "",
		    in->students[i].number, in->students[i].name);
	if (in->nstudents > 0)
		cli_labelled(_("Students"), "%s", buf_str(&who));
	/* Their parents, for those who may call them (read_guardian). */
	for (i = 0; i < in->nstudents; i++) {
		buf_init(&gname);
		buf_init(&gphone);
		if (student_guardian(a, in->students[i].number, &gname,
		    &gphone, &err) == YJ_OK)
			cli_labelled(_("Parent"), _("%s %s (of %s)"),
			    buf_str(&gname), buf_str(&gphone),
			    in->students[i].name);
		buf_done(&gname);
		buf_done(&gphone);
	}
	buf_clear(&who);
	cli_each_line(in->others, cli_comma_line, &who);
	if (who.len > 0)
		cli_labelled(_("Not listed"), "%s", buf_str(&who));
	buf_done(&who);
	if (*in->room)
		cli_labelled(_("Room"), "%s", in->room);
	if (*in->location)
		cli_labelled(_("Location"), "%s", in->location);
	/* For reading: yes/no, a time without seconds, names for ids. */
	for (i = 0; i < in->nfields; i++) {
		struct buf	 label, value;

		buf_init(&label);
		buf_init(&value);
		history_field(a, in, i, &label, &value);
		cli_line(_("%s: %s"), buf_str(&label), buf_str(&value));
		buf_done(&label);
		buf_done(&value);
	}
	if (*in->actions)
		cli_labelled(_("Done already"), "%s", in->actions);
	if (in->ack_due != 0)
		cli_labelled(_("Ack due"), "%s", caltime_format_local(
		    in->ack_due, t1, sizeof t1));
	if (escalate_overdue_since(a, in, app_now(a)) != 0) {
		buf_init(&who);
		cli_due(&who, a, in);
		cli_labelled(_("Ack"), _("%s (since %s)"), buf_str(&who),
		    caltime_format_local(escalate_overdue_since(a, in,
		    app_now(a)), t1, sizeof t1));
		buf_done(&who);
	}
	if (in->resolve_due != 0 && !record_state_is(in->state, RECORD_RESOLVED))
		cli_labelled(_("Resolve by"), "%s", caltime_format_local(
		    in->resolve_due, t1, sizeof t1));
	if (*in->resolution)
		cli_labelled(_("Resolution"), "%s", in->resolution);
	/* The description keeps its lines; nothing else passes. */
	putchar('\n');
	buf_init(&who);
	history_summary(a, in, &who);
	safe_print(stdout, buf_str(&who), SAFE_LINES);
	buf_done(&who);
	putchar('\n');
}

/* Where a follow-up stands, in the reader's words. */
static void
cli_followup_state(const struct yj_app *a, const struct followup *f,
    struct buf *b)
{
	char	 t[32];

	if (f->done_at != 0)
		buf_printf(b, f->late ? _("done %s by %s, late") :
		    _("done %s by %s"), caltime_format_local(f->done_at, t,
		    sizeof t), f->done_by);
	else if (f->climbed_to[0] != '\0')
		buf_printf(b, _("overdue, told %s"), history_rung(a,
		    f->climbed_to));
	else if (f->due <= app_now(a))
		buf_puts(b, _("overdue"));
	else
		buf_puts(b, _("to do"));
}

static void
cli_show_followups(const struct yj_app *a, const struct followup *v,
    size_t n)
{
	struct buf	 b;
	char		 t[32];
	size_t		 i;

	if (n == 0)
		return;
	printf("\n%s\n", _("Follow-ups"));
	buf_init(&b);
	for (i = 0; i < n; i++) {
		buf_clear(&b);
		buf_printf(&b, "  %s · %s %s · %s · ", history_followup(a,
		    v[i].id), _("due"), caltime_format_local(v[i].due, t,
		    sizeof t), strcmp(v[i].owner, "reporter") != 0 ?
		    history_rung(a, v[i].owner) : _("the reporter"));
		cli_followup_state(a, &v[i], &b);
		safe_print(stdout, buf_str(&b), 0);
		putchar('\n');
	}
	buf_done(&b);
}

static void
cli_json_followups(struct json *j, const struct followup *v, size_t n)
{
	size_t	 i;

	json_key(j, "followups");
	json_array_begin(j);
	for (i = 0; i < n; i++) {
		json_object_begin(j);
		json_kv_string(j, "id", v[i].id);
		cli_json_time(j, "due", v[i].due);
		json_kv_string(j, "owner", v[i].owner);
		cli_json_time(j, "done_at", v[i].done_at);
		json_kv_string(j, "done_by", v[i].done_at != 0 ? v[i].done_by :
		    NULL);
		json_kv_bool(j, "late", v[i].late);
		json_kv_string(j, "overdue_to", v[i].climbed_to[0] != '\0' ?
		    v[i].climbed_to : NULL);
		json_object_end(j);
	}
	json_array_end(j);
}

int
cli_show(struct yj_app *a, const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_incident	 in;
	struct cli_show_out	 s;
	struct yj_error		 err;
	struct buf		 out;
	struct json		 j;
	struct followup		*fu = NULL;
	size_t			 nfu = 0;
	int64_t			 id;
	bool			 redacted;
	int			 ch, rc = CLI_OK;

	(void)g;
	s.a = a;
	s.format = CLI_TEXT;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'f')
			return cli_bad_option("show", argv);
		if (cli_parse_format(optarg, 1 << CLI_TEXT | 1 << CLI_TABLE |
		    1 << CLI_JSON, &s.format) != 0)
			return CLI_USAGE;
	}
	/* One incident has no table of its own: table is its text. */
	if (s.format == CLI_TABLE)
		s.format = CLI_TEXT;
	if (s.format == CLI_JSON && !cli_may_export(a))
		return CLI_BAD_INPUT;
	if (optind != argc - 1) {
		cli_warn("show needs one incident id");
		return CLI_USAGE;
	}
	if (cli_parse_id(argv[optind], &id) != 0)
		return CLI_BAD_INPUT;
	if (incident_show(a, id, &in, &redacted, &err) != YJ_OK)
		return cli_error(&err);
	/* On record before a word of it is out. */
	if (incident_record_view(a, &in, redacted, "command", &err) !=
	    YJ_OK) {
		incident_free(&in);
		return cli_error(&err);
	}

	buf_init(&out);
	/* What the case asks afterwards: for whoever handles it. */
	if (incident_access(a, &in) != INCIDENT_STUB &&
	    followup_of(a, id, &fu, &nfu, &err) != YJ_OK) {
		incident_free(&in);
		buf_done(&out);
		return cli_error(&err);
	}
	if (s.format == CLI_JSON) {
		json_init(&j, &out, true);
		s.j = &j;
		cli_json_incident(&j, a, &in, redacted, true);
		cli_json_followups(&j, fu, nfu);
		json_key(&j, "events");
		json_array_begin(&j);
	} else {
		cli_show_text(a, &in, redacted);
		cli_show_followups(a, fu, nfu);
		cli_table_init(&s.t, 5, 0);
	}
	free(fu);
	/*
	 * The history of a restricted incident is as private as its text;
	 * who handles it sees what was done (the core blanks the rest).
	 */
	if ((!redacted || incident_access(a, &in) == INCIDENT_HANDLES) &&
	    incident_history(a, id, cli_show_event, &s, &err) != YJ_OK)
		rc = cli_error(&err);
	if (s.format == CLI_JSON) {
		json_array_end(&j);
		json_object_end(&j);
		if (rc == CLI_OK)
			fputs(buf_str(&out), stdout);
	} else {
		if (rc == CLI_OK && s.t.ncells > 0) {
			printf("\n%s\n", _("History"));
			cli_table_print(&s.t);
		}
		cli_table_free(&s.t);
	}
	buf_done(&out);
	incident_free(&in);
	return rc;
}

/* note, ack, resolve, reopen and contacted: ID and a few options each. */
static int
cli_act(struct yj_app *a, const char *cmd, enum incident_act act, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "text", required_argument, NULL, 't' },
		{ "person", required_argument, NULL, 'p' },
		{ "result", required_argument, NULL, 'r' },
		{ "for", required_argument, NULL, 'f' },
		{ "via", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const results[] = {
		"reached", "no-answer", "left-message"
	};
	enum incident_result	 result = INCIDENT_REACHED;
	const char		*text = NULL, *person = NULL, *res = NULL;
	const char		*who = NULL, *via = NULL;
	struct yj_error		 err;
	int64_t			 id;
	int			 ch, i, how = INCIDENT_VIA_PHONE;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 't')
			text = optarg;
		else if ((ch == 'p' || ch == 'r') && act != INCIDENT_CONTACTED) {
			cli_warn("%s: --%s is only for contacted",
			    cmd, ch == 'p' ? "person" : "result");
			return CLI_USAGE;
		} else if ((ch == 'f' || ch == 'v') && act != INCIDENT_ACK) {
			cli_warn("%s: --%s is only for ack",
			    cmd, ch == 'f' ? "for" : "via");
			return CLI_USAGE;
		} else if (ch == 'p')
			person = optarg;
		else if (ch == 'r')
			res = optarg;
		else if (ch == 'f')
			who = optarg;
		else if (ch == 'v')
			via = optarg;
		else
			return cli_bad_option(cmd, argv);
	}
	if (via != NULL && ((how = incident_via_of(via)) < 0 ||
	    how == INCIDENT_VIA_SELF)) {
		cli_warn("--via %s: write phone or in-person", via);
		return CLI_USAGE;
	}
	if (via != NULL && who == NULL) {
		cli_warn("ack: --via says how PERSON told you: it needs --for");
		return CLI_USAGE;
	}
	if (optind != argc - 1) {
		cli_warn("%s needs one incident id", cmd);
		return CLI_USAGE;
	}
	if (cli_parse_id(argv[optind], &id) != 0)
		return CLI_BAD_INPUT;
	if (act == INCIDENT_CONTACTED) {
		if (person == NULL || res == NULL) {
			cli_warn("contacted needs --person and --result");
			return CLI_USAGE;
		}
		for (i = 0; i < 3 && strcmp(res, results[i]) != 0; i++)
			;
		if (i == 3) {
			cli_warn("--result %s: write reached, "
			    "no-answer or left-message", res);
			return CLI_USAGE;
		}
		result = (enum incident_result)i;
	}
	if (act == INCIDENT_ACK) {
		if (incident_ack(a, id, who, who != NULL ?
		    (enum incident_via)how : INCIDENT_VIA_SELF, text,
		    &err) != YJ_OK)
			return cli_error(&err);
		return CLI_OK;
	}
	if (incident_act(a, id, act, text, person, result, &err) != YJ_OK)
		return cli_error(&err);
	return CLI_OK;
}

int
cli_note(struct yj_app *a, const struct cli_globals *g, int argc, char **argv)
{
	(void)g;
	return cli_act(a, "note", INCIDENT_NOTE, argc, argv);
}

int
cli_ack(struct yj_app *a, const struct cli_globals *g, int argc, char **argv)
{
	(void)g;
	return cli_act(a, "ack", INCIDENT_ACK, argc, argv);
}

int
cli_resolve(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	(void)g;
	return cli_act(a, "resolve", INCIDENT_RESOLVE, argc, argv);
}

int
cli_reopen(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	(void)g;
	return cli_act(a, "reopen", INCIDENT_REOPEN, argc, argv);
}

int
cli_contacted(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	(void)g;
	return cli_act(a, "contacted", INCIDENT_CONTACTED, argc, argv);
}

int
cli_correct(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "field", required_argument, NULL, 'f' },
		{ "category", required_argument, NULL, 'c' },
		{ "severity", required_argument, NULL, 's' },
		{ "add-student", required_argument, NULL, 'a' },
		{ "remove-student", required_argument, NULL, 'r' },
		{ "text", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	enum incident_correct	 what = INCIDENT_CORRECT_FIELD;
	const char		*value = NULL, *text = NULL;
	struct yj_error		 err;
	int64_t			 id;
	int			 ch, n = 0;

	(void)g;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
		case 'c':
		case 's':
		case 'a':
		case 'r':
			what = ch == 'f' ? INCIDENT_CORRECT_FIELD : ch == 'c' ?
			    INCIDENT_CORRECT_CATEGORY : ch == 's' ?
			    INCIDENT_CORRECT_SEVERITY : ch == 'a' ?
			    INCIDENT_CORRECT_ADD_STUDENT :
			    INCIDENT_CORRECT_REMOVE_STUDENT;
			value = optarg;
			n++;
			break;
		case 't':
			text = optarg;
			break;
		default:
			return cli_bad_option("correct", argv);
		}
	}
	if (n != 1) {
		cli_warn("correct: give one of --field K=V, --category ID, "
		    "--severity ID, --add-student NO, --remove-student NO "
		    "(one correction at a time)");
		return CLI_USAGE;
	}
	if (text == NULL) {
		cli_warn("correct needs a reason: --text");
		return CLI_USAGE;
	}
	if (optind != argc - 1) {
		cli_warn("correct needs one incident id");
		return CLI_USAGE;
	}
	if (cli_parse_id(argv[optind], &id) != 0)
		return CLI_BAD_INPUT;
	if (incident_correct(a, id, what, value, text, &err) != YJ_OK)
		return cli_error(&err);
	return cli_saved("corrected #%lld", (long long)id);
}

int
cli_duplicate(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "of", required_argument, NULL, 'o' },
		{ "text", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*of = NULL, *text = NULL;
	struct yj_error		 err;
	int64_t			 id, keep;
	int			 ch;

	(void)g;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'o')
			of = optarg;
		else if (ch == 't')
			text = optarg;
		else
			return cli_bad_option("duplicate", argv);
	}
	if (of == NULL || text == NULL) {
		cli_warn("duplicate needs --of N and a reason (--text)");
		return CLI_USAGE;
	}
	if (optind != argc - 1) {
		cli_warn("duplicate needs one incident id");
		return CLI_USAGE;
	}
	if (cli_parse_id(argv[optind], &id) != 0 ||
	    cli_parse_id(of, &keep) != 0)
		return CLI_BAD_INPUT;
	if (incident_duplicate(a, id, keep, text, &err) != YJ_OK)
		return cli_error(&err);
	return cli_saved("closed #%lld as a duplicate of #%lld",
	    (long long)id, (long long)keep);
}

/* --- export ------------------------------------------------------------- */

struct cli_export {
	struct yj_app	*a;
	enum cli_format	 format;
	bool		 events;
	int64_t		*ids;
	size_t		 n;
	struct buf	 out;
	struct json	 j;
	/* The incident whose events are being written (--events). */
	int64_t		 incident;
	struct book	*book;		/* xlsx */
};

static int
cli_export_id(void *arg, const struct store_incident *in, bool redacted)
{
	struct cli_export	*x = arg;

	(void)redacted;
	x->ids = xreallocarray(x->ids, x->n + 1, sizeof *x->ids);
	x->ids[x->n++] = in->id;
	return 0;
}

/* One event as a CSV row: the incident, when, who, what, in words. */
static int
cli_export_event_row(void *arg, const struct store_event *ev)
{
	struct cli_export	*x = arg;
	struct buf		 text, who;
	char			 n[24], when[40];

	buf_init(&text);
	buf_init(&who);
	history_describe(x->a, ev, &text);
	history_actor(x->a, ev, &who);
	snprintf(n, sizeof n, "%lld", (long long)x->incident);
	csv_write_field(&x->out, n, true);
	snprintf(n, sizeof n, "%lld", (long long)ev->id);
	csv_write_field(&x->out, n, false);
	csv_write_text(&x->out, caltime_format_iso(ev->at, when, sizeof when),
	    false);
	csv_write_text(&x->out, ev->actor, false);
	csv_write_text(&x->out, buf_str(&who), false);
	csv_write_text(&x->out, ev->kind, false);
	csv_write_text(&x->out, ev->level, false);
	csv_write_text(&x->out, buf_str(&text), false);
	csv_write_end(&x->out);
	buf_done(&text);
	buf_done(&who);
	return 0;
}

/* One incident as a CSV row. */
static void
cli_export_row(struct cli_export *x, const struct store_incident *in,
    bool redacted)
{
	struct buf	 who;
	char		 id[24], t[5][40];

	buf_init(&who);
	if (!redacted)
		cli_who(&who, in, false);
	snprintf(id, sizeof id, "%lld", (long long)in->id);
	csv_write_field(&x->out, id, true);
	csv_write_text(&x->out, caltime_format_iso(in->occurred_at, t[0],
	    sizeof t[0]), false);
	csv_write_text(&x->out, caltime_format_iso(in->reported_at, t[1],
	    sizeof t[1]), false);
	csv_write_text(&x->out, in->category, false);
	csv_write_text(&x->out, in->category_name, false);
	csv_write_text(&x->out, in->severity, false);
	csv_write_text(&x->out, in->state, false);
	csv_write_text(&x->out, in->level, false);
	csv_write_text(&x->out, buf_str(&who), false);
	csv_write_text(&x->out, redacted ? "" : in->room, false);
	csv_write_text(&x->out, redacted ? "" : in->location, false);
	csv_write_text(&x->out, redacted ? "" : in->text, false);
	csv_write_text(&x->out, redacted ? "" : in->actions, false);
	csv_write_text(&x->out, redacted ? "" : in->resolution, false);
	csv_write_text(&x->out, redacted ? "" : in->reporter, false);
	csv_write_text(&x->out, in->ack_due ? caltime_format_iso(in->ack_due,
	    t[2], sizeof t[2]) : "", false);
	csv_write_text(&x->out, in->resolve_due ? caltime_format_iso(
	    in->resolve_due, t[3], sizeof t[3]) : "", false);
	csv_write_text(&x->out, redacted ? "true" : "false", false);
	csv_write_end(&x->out);
	buf_done(&who);
}

/* The workbook's columns (export --format xlsx), to translate. */
static const struct book_column cli_export_book_cols[] = {
	{ N_("ID"), BOOK_NUMBER }, { N_("Occurred"), BOOK_TIME },
	{ N_("Logged"), BOOK_TIME }, { N_("Category"), BOOK_TEXT },
	{ N_("Severity"), BOOK_TEXT }, { N_("Status"), BOOK_TEXT },
	{ N_("Level"), BOOK_TEXT }, { N_("Students"), BOOK_TEXT },
	{ N_("Room"), BOOK_TEXT }, { N_("Location"), BOOK_TEXT },
	{ N_("Description"), BOOK_TEXT }, { N_("Done already"), BOOK_TEXT },
	{ N_("Resolution"), BOOK_TEXT }, { N_("Reporter"), BOOK_TEXT },
	{ N_("Ack due"), BOOK_TIME }, { N_("Resolve by"), BOOK_TIME },
	{ N_("Restricted"), BOOK_TEXT },
};
static const struct book_column cli_export_book_events[] = {
	{ N_("Incident ID"), BOOK_NUMBER }, { N_("Record"), BOOK_NUMBER },
	{ N_("Time"), BOOK_TIME }, { N_("Done by"), BOOK_TEXT },
	{ N_("Event"), BOOK_TEXT }, { N_("Level"), BOOK_TEXT },
	{ N_("Details"), BOOK_TEXT },
};

/* A sheet of the export's workbook, its columns' titles translated. */
static enum yj_status
cli_export_sheet(struct book *b, const char *name,
    const struct book_column *cols, size_t n, struct yj_error *err)
{
	struct book_column	 c[20];
	size_t			 i;

	for (i = 0; i < n && i < 20; i++) {
		c[i].title = _(cols[i].title);
		c[i].type = cols[i].type;
	}
	return book_table(b, _(name), c, i, err);
}

/* One incident as a row of the workbook, in the reader's language. */
static void
cli_export_book_row(struct cli_export *x, const struct store_incident *in,
    bool redacted)
{
	const struct policy_severity	*sv;
	const struct policy_category	*cat;
	struct buf			 who;
	size_t				 i;

	sv = policy_severity(x->a->policy, in->severity);
	cat = policy_category(x->a->policy, in->category);
	book_number(x->book, (double)in->id);
	book_time(x->book, in->occurred_at);
	book_time(x->book, in->reported_at);
	book_text(x->book, cat != NULL ? i18n_name(cat->name, cat->name_en) :
	    in->category_name);
	book_text(x->book, sv != NULL ? i18n_name(sv->name, sv->name_en) :
	    in->severity);
	book_text(x->book, history_state(in->state));
	book_text(x->book, history_rung(x->a, in->level));
	buf_init(&who);
	for (i = 0; !redacted && i < in->nstudents; i++)
		buf_printf(&who, "%s%s %s", i ? _(", ") : "",
		    in->students[i].number, in->students[i].name);
	book_text(x->book, buf_str(&who));
	buf_done(&who);
	book_text(x->book, redacted ? NULL : in->room);
	book_text(x->book, redacted ? NULL : in->location);
	book_text(x->book, redacted ? NULL : in->text);
	book_text(x->book, redacted ? NULL : in->actions);
	book_text(x->book, redacted ? NULL : in->resolution);
	book_text(x->book, redacted ? NULL : in->reporter);
	book_time(x->book, in->ack_due);
	book_time(x->book, in->resolve_due);
	book_text(x->book, redacted ? _("yes") : NULL);
}

/* One event as a row of the workbook. */
static int
cli_export_book_event(void *arg, const struct store_event *ev)
{
	struct cli_export	*x = arg;
	struct buf		 text, who;

	buf_init(&text);
	buf_init(&who);
	history_describe(x->a, ev, &text);
	history_actor(x->a, ev, &who);
	book_number(x->book, (double)x->incident);
	book_number(x->book, (double)ev->id);
	book_time(x->book, ev->at);
	book_text(x->book, buf_str(&who));
	book_text(x->book, history_kind(ev->kind));
	book_text(x->book, ev->level != NULL && *ev->level != '\0' ?
	    history_rung(x->a, ev->level) : NULL);
	book_text(x->book, buf_str(&text));
	buf_done(&text);
	buf_done(&who);
	return 0;
}

/*
 * export --format xlsx --output FILE: the incidents on one sheet (more
 * past Excel's rows), with --events their histories on another; the
 * export on record before the file is put in place.
 */
static int
cli_export_workbook(struct cli_export *x, const struct store_filter *f,
    const char *output)
{
	struct store_incident	 in;
	struct yj_error		 err;
	bool			 redacted;
	size_t			 i;
	enum yj_status		 st;

	if ((x->book = book_create(output, &err)) == NULL)
		return cli_book_error(&err);
	st = cli_export_sheet(x->book, N_("All incidents"),
	    cli_export_book_cols, sizeof cli_export_book_cols /
	    sizeof cli_export_book_cols[0], &err);
	for (i = x->n; st == YJ_OK && i-- > 0;) {
		if ((st = incident_show(x->a, x->ids[i], &in, &redacted,
		    &err)) != YJ_OK)
			break;
		cli_export_book_row(x, &in, redacted);
		incident_free(&in);
	}
	if (st == YJ_OK && x->events)
		st = cli_export_sheet(x->book, N_("Their histories"),
		    cli_export_book_events, sizeof cli_export_book_events /
		    sizeof cli_export_book_events[0], &err);
	for (i = x->n; st == YJ_OK && x->events && i-- > 0;) {
		if ((st = incident_show(x->a, x->ids[i], &in, &redacted,
		    &err)) != YJ_OK)
			break;
		x->incident = in.id;
		if (!redacted)
			st = incident_history(x->a, in.id,
			    cli_export_book_event, x, &err);
		incident_free(&in);
	}
	/* On record before the file is there. */
	if (st == YJ_OK)
		st = report_exported(x->a, f->since, f->until, "xlsx",
		    x->events, (int64_t)x->n, &err);
	if (st != YJ_OK) {
		book_discard(x->book);
		return cli_book_error(&err);
	}
	/* On record already: the cause, then that (exit 4, CLI_UNWRITTEN). */
	if (book_close(x->book, &err) != YJ_OK) {
		cli_warn("%s", err.msg);
		cli_warn("the export is on record, but %s was not written",
		    output);
		return CLI_UNWRITTEN;
	}
	printf("%s\n", output);
	return CLI_OK;
}

int
cli_export(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'o' },
		{ "events", no_argument, NULL, 'e' },
		{ "bom", no_argument, NULL, 'b' },
		{ "encoding", required_argument, NULL, 'E' },
		{ "output", required_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_export	 x;
	struct cli_show_out	 so;
	struct store_filter	 f;
	struct store_incident	 in;
	struct yj_error		 err;
	struct buf		 gbk;
	const char		*why, *output = NULL;
	char			 full[32];
	bool			 bom = false, gb = false, redacted;
	int			 ch, rc = CLI_OK;
	size_t			 i;

	(void)g;
	memset(&x, 0, sizeof x);
	memset(&f, 0, sizeof f);
	x.a = a;
	x.format = CLI_CSV;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
		case 't':
			/* A day, from its midnight; or a time as log takes. */
			snprintf(full, sizeof full, strlen(optarg) == 10 ?
			    "%s 00:00" : "%s", optarg);
			if (caltime_parse_when(full, app_now(a), ch == 'f' ?
			    &f.since : &f.until, &why) != 0) {
				cli_warn("--%s %s: %s", ch == 'f' ? "from" :
				    "to", optarg, why);
				return CLI_BAD_INPUT;
			}
			/* --to a day: that day whole. */
			if (ch == 't' && strlen(optarg) == 10)
				f.until = caltime_local_day_after(f.until);
			break;
		case 'o':
			if (cli_parse_format(optarg, 1 << CLI_JSON |
			    1 << CLI_CSV | 1 << CLI_XLSX, &x.format) != 0)
				return CLI_USAGE;
			break;
		case 'O':
			output = optarg;
			break;
		case 'e':
			x.events = true;
			break;
		case 'b':
			bom = true;
			break;
		case 'E':
			if (strcasecmp(optarg, "gbk") == 0 ||
			    strcasecmp(optarg, "gb18030") == 0)
				gb = true;
			else if (strcasecmp(optarg, "utf-8") != 0 &&
			    strcasecmp(optarg, "utf8") != 0) {
				cli_warn("--encoding %s: utf-8 or gbk", optarg);
				return CLI_USAGE;
			}
			break;
		default:
			return cli_bad_option("export", argv);
		}
	}
	if (optind < argc) {
		cli_warn("export: unexpected '%s'", argv[optind]);
		return CLI_USAGE;
	}
	if (f.since != 0 && f.until != 0 && f.until <= f.since) {
		cli_warn("--to must come after --from");
		return CLI_BAD_INPUT;
	}
	if (x.format != CLI_CSV && (bom || gb)) {
		cli_warn("--bom and --encoding are for csv");
		return CLI_USAGE;
	}
	if (x.format == CLI_XLSX && output == NULL) {
		cli_warn("--format xlsx writes a file: give it with --output "
		    "FILE");
		return CLI_USAGE;
	}
	if (x.format != CLI_XLSX && output != NULL) {
		cli_warn("--output is for --format xlsx (the others print)");
		return CLI_USAGE;
	}
	if (!cli_may_export(a))
		return CLI_BAD_INPUT;
	/* The ids first, oldest first; each read whole after. */
	if (incident_list(a, &f, cli_export_id, &x, &err) != YJ_OK)
		return cli_error(&err);
	if (x.format == CLI_XLSX) {
		rc = cli_export_workbook(&x, &f, output);
		free(x.ids);
		return rc;
	}
	buf_init(&x.out);
	if (x.format == CLI_JSON) {
		json_init(&x.j, &x.out, true);
		json_array_begin(&x.j);
	} else if (x.events)
		buf_puts(&x.out, "incident,event,at,actor,actor_name,kind,"
		    "level,text\r\n");
	else
		buf_puts(&x.out, "id,occurred_at,reported_at,category,"
		    "category_name,severity,state,level,who,room,location,"
		    "text,actions,resolution,reporter,ack_due,resolve_due,"
		    "redacted\r\n");
	for (i = x.n; i-- > 0 && rc == CLI_OK;) {
		if (incident_show(a, x.ids[i], &in, &redacted, &err) != YJ_OK) {
			rc = cli_error(&err);
			break;
		}
		x.incident = in.id;
		if (x.format == CLI_JSON) {
			cli_json_incident(&x.j, a, &in, redacted, false);
			json_key(&x.j, "events");
			json_array_begin(&x.j);
			memset(&so, 0, sizeof so);
			so.a = a;
			so.format = CLI_JSON;
			so.j = &x.j;
			if (!redacted && incident_history(a, in.id,
			    cli_show_event, &so, &err) != YJ_OK)
				rc = cli_error(&err);
			json_array_end(&x.j);
			json_object_end(&x.j);
		} else if (x.events) {
			if (!redacted && incident_history(a, in.id,
			    cli_export_event_row, &x, &err) != YJ_OK)
				rc = cli_error(&err);
		} else
			cli_export_row(&x, &in, redacted);
		incident_free(&in);
	}
	if (x.format == CLI_JSON) {
		json_array_end(&x.j);
		buf_putc(&x.out, '\n');
	}
	/* On record before anything leaves. */
	if (rc == CLI_OK && report_exported(a, f.since, f.until, x.format ==
	    CLI_JSON ? "json" : gb ? "csv-gbk" : "csv", x.events,
	    (int64_t)x.n, &err) != YJ_OK)
		rc = cli_error(&err);
	if (rc == CLI_OK) {
		buf_init(&gbk);
		if (gb && csv_to_gbk(x.out.data != NULL ? x.out.data : "",
		    x.out.len, &gbk) != 0) {
			cli_warn("no GBK converter (iconv) on this machine");
			rc = CLI_BAD_INPUT;
		} else {
			if (bom)
				fputs("\xef\xbb\xbf", stdout);
			if (gb)
				fwrite(gbk.data, 1, gbk.len, stdout);
			else
				fwrite(x.out.data, 1, x.out.len, stdout);
			/* On record already: exit 4, said once. */
			if (fflush(stdout) != 0 || ferror(stdout)) {
				cli_warn("cannot write the output: %s (the "
				    "export is on record)", strerror(errno));
				rc = CLI_UNWRITTEN;
			}
		}
		buf_done(&gbk);
	}
	buf_done(&x.out);
	free(x.ids);
	return rc;
}

/* --- follow-ups ---------------------------------------------------------- */

struct cli_followups {
	struct yj_app	*a;
	struct cli_out	 o;
	struct followup	*v;
	size_t		 n;
	int64_t		*ids;
	size_t		 nids;
};

static int
cli_followup_id(void *arg, const struct store_incident *in, bool redacted)
{
	struct cli_followups	*c = arg;

	(void)redacted;
	c->ids = xreallocarray(c->ids, c->nids + 1, sizeof *c->ids);
	c->ids[c->nids++] = in->id;
	return 0;
}

int
cli_followup(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "text", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct cli_column cols[] = {
		{ "incident", "ID" }, { "followup", "FOLLOW-UP" },
		{ "due", "DUE" }, { "owner", "OWNER" }, { "state", "STATE" },
	};
	struct cli_followups	 c;
	struct store_filter	 f;
	struct yj_error		 err;
	struct buf		 b;
	enum cli_format		 format = CLI_TABLE;
	const char		*text = NULL;
	char			 t[40], n[24];
	int64_t			 id;
	size_t			 i, k;
	int			 ch, rc = CLI_OK;

	(void)g;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 't')
			text = optarg;
		else if (ch != 'f' || cli_parse_format(optarg, 1 << CLI_TABLE |
		    1 << CLI_JSON | 1 << CLI_CSV, &format) != 0)
			return cli_bad_option("followup", argv);
	}
	if (argc - optind == 3 && strcmp(argv[optind], "done") == 0) {
		if (cli_parse_id(argv[optind + 1], &id) != 0)
			return CLI_BAD_INPUT;
		if (followup_done(a, id, argv[optind + 2], text, &err) != YJ_OK)
			return cli_error(&err);
		printf("#%lld %s\n", (long long)id, argv[optind + 2]);
		return cli_saved("follow-up %s of #%lld done", argv[optind + 2],
		    (long long)id);
	}
	if (argc - optind != 1 || strcmp(argv[optind], "list") != 0) {
		fprintf(stderr, "usage: yujing followup list [--format ...]\n"
		    "       yujing followup done ID FOLLOW-UP [--text NOTE]\n");
		return CLI_USAGE;
	}
	if (format != CLI_TABLE && !cli_may_export(a))
		return CLI_BAD_INPUT;
	/* The open incidents one may handle, and what each still asks. */
	memset(&c, 0, sizeof c);
	c.a = a;
	memset(&f, 0, sizeof f);
	f.open_only = true;
	f.urgent_at = app_now(a);
	if (incident_list(a, &f, cli_followup_id, &c, &err) != YJ_OK)
		return cli_error(&err);
	cli_out_begin(&c.o, format, false, cols, 5, 0);
	buf_init(&b);
	for (i = 0; rc == CLI_OK && i < c.nids; i++) {
		if (followup_of(a, c.ids[i], &c.v, &c.n, &err) != YJ_OK) {
			rc = cli_error(&err);
			break;
		}
		for (k = 0; k < c.n; k++) {
			if (c.v[k].done_at != 0)
				continue;
			snprintf(n, sizeof n, "%lld", (long long)c.ids[i]);
			cli_out_cell(&c.o, n, NULL);
			cli_out_cell(&c.o, c.v[k].id, history_followup(a,
			    c.v[k].id));
			caltime_format_iso(c.v[k].due, t, sizeof t);
			cli_out_cell(&c.o, t, NULL);
			cli_out_cell(&c.o, c.v[k].owner, strcmp(c.v[k].owner,
			    "reporter") != 0 ? history_rung(a, c.v[k].owner) :
			    _("the reporter"));
			buf_clear(&b);
			cli_followup_state(a, &c.v[k], &b);
			cli_out_cell(&c.o, buf_str(&b), NULL);
		}
		free(c.v);
		c.v = NULL;
	}
	cli_out_end(&c.o, rc == CLI_OK);
	buf_done(&b);
	free(c.ids);
	return rc;
}
