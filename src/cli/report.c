/* report: numbers for the meetings and for accountability (S7, S15). */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/cli.h"
#include "yujing/csv.h"
#include "yujing/duration.h"
#include "yujing/followup.h"
#include "yujing/i18n.h"
#include "yujing/json.h"
#include "yujing/number.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/report.h"
#include "yujing/safe.h"
#include "yujing/status.h"

/* The timeliness table, and what a small group is shown as. */
struct cli_timely {
	struct cli_out	 o;
	char		 small[16];
};

static void
cli_report_line(void *arg, const struct report_line *l)
{
	struct cli_timely	*ct = arg;
	struct cli_out		*o = &ct->o;
	char			 m[DURATION_BUFSZ], w[DURATION_BUFSZ];
	int			 k;

	cli_out_cell(o, l->key, l->name);
	cli_out_cell(o, l->name, NULL);
	if (l->small) {
		/* Nothing more: a small group could single one out. */
		cli_out_cell(o, ct->small, NULL);
		for (k = 0; k < 7; k++)
			cli_out_cell(o, NULL, "");
		return;
	}
	cli_out_num(o, l->received, true, NULL);
	cli_out_num(o, l->in_time, true, NULL);
	cli_out_num(o, l->late, true, NULL);
	cli_out_num(o, l->never, true, NULL);
	cli_out_num(o, l->median, l->median >= 0, l->median > 0 ?
	    duration_format(l->median, m, sizeof m) : "0s");
	cli_out_num(o, l->worst, l->worst >= 0, l->worst > 0 ?
	    duration_format(l->worst, w, sizeof w) : "0s");
	cli_out_num(o, l->late_reports, true, NULL);
	cli_out_num(o, l->overdue, true, NULL);
}

/* The columns and their workbook headings (the name's: the grouping's). */
static const struct cli_column cli_timely_cols[] = {
	{ "key", "" }, { "name", NULL }, { "received", "RECEIVED" },
	{ "acknowledged_in_time", "IN TIME" },
	{ "acknowledged_late", "LATE" },
	{ "never_acknowledged", "NEVER" }, { "median_ack", "MEDIAN" },
	{ "worst_ack", "WORST" }, { "late_reports", "LATE REPORTS" },
	{ "overdue_resolutions", "OVERDUE" },
};
static const struct book_column cli_timely_book[] = {
	{ NULL, BOOK_TEXT }, { NULL, BOOK_TEXT },
	{ N_("Received"), BOOK_NUMBER },
	{ N_("Acknowledged in time"), BOOK_NUMBER },
	{ N_("Acknowledged late"), BOOK_NUMBER },
	{ N_("Never acknowledged"), BOOK_NUMBER },
	{ N_("Time to acknowledge (median)"), BOOK_DURATION },
	{ N_("Time to acknowledge (longest)"), BOOK_DURATION },
	{ N_("Reported late"), BOOK_NUMBER },
	{ N_("Not resolved in time"), BOOK_NUMBER },
};

/* A day as YYYY-MM-DD (local midnight), or any TIME log accepts. */
static int
cli_report_when(const char *opt, const char *s, int64_t now, int64_t *t)
{
	char		 full[32];
	const char	*why, *given = s;

	if (strlen(s) == 10) {
		snprintf(full, sizeof full, "%s 00:00", s);
		s = full;
	}
	if (caltime_parse_when(s, now, t, &why) != 0) {
		/* As typed, and what a date here may be. */
		cli_warn("%s %s: %s (a date here is YYYY-MM-DD, a time HH:MM, "
		    "YYYY-MM-DD HH:MM or -2d)", opt, given, why);
		return -1;
	}
	/* A day given as --to is the last day: it ends at the next midnight. */
	if (s == full && strcmp(opt, "--to") == 0)
		*t = caltime_local_day_after(*t);
	return 0;
}

/* --from ('f') or --to ('t') into *from or *to; -1 when said bad. */
static int
cli_report_range(struct yj_app *a, int ch, const char *arg, int64_t *from,
    int64_t *to)
{
	return cli_report_when(ch == 'f' ? "--from" : "--to", arg,
	    app_now(a), ch == 'f' ? from : to);
}

/* --- stats ------------------------------------------------------------- */

/*
 * The columns, and their workbook headings (cli_out_book): the name's is
 * the grouping's (cli_stats_sheets).
 */
static const struct cli_column cli_stats_cols[] = {
	{ "key", "" }, { "name", NULL }, { "count", "COUNT" },
	{ "open", "OPEN" }, { "resolved", "RESOLVED" },
	{ "ack_median_s", "ACK MED" }, { "ack_p90_s", "ACK P90" },
	{ "resolve_median_s", "RES MED" },
	{ "resolve_p90_s", "RES P90" },
	{ "late_reports", "LATE REP" },
	{ "overdue_acks", "LATE ACK" }, { "skip_level", "SKIP" },
};
static const struct book_column cli_stats_book[] = {
	{ NULL, BOOK_TEXT }, { NULL, BOOK_TEXT },
	{ N_("Number of incidents"), BOOK_NUMBER },
	{ N_("Not yet resolved"), BOOK_NUMBER },
	{ N_("Resolved"), BOOK_NUMBER },
	{ N_("Time to acknowledge (median)"), BOOK_DURATION },
	{ N_("Time to acknowledge (90%)"), BOOK_DURATION },
	{ N_("Time to resolve (median)"), BOOK_DURATION },
	{ N_("Time to resolve (90%)"), BOOK_DURATION },
	{ N_("Reported late"), BOOK_NUMBER },
	{ N_("Acknowledged late or never"), BOOK_NUMBER },
	{ N_("Skip-level reports"), BOOK_NUMBER },
};

/*
 * The meeting's workbook: a sheet for each grouping, in this order, the
 * heading of its first column, and its charts.
 */
static const struct {
	enum report_stats_by	 by;
	const char		*sheet;
	const char		*first;
} cli_stats_sheets[] = {
	{ REPORT_STATS_WEEK, N_("By week"), N_("Week") },
	{ REPORT_STATS_CATEGORY, N_("By category"), N_("Category") },
	{ REPORT_STATS_SEVERITY, N_("By severity"), N_("Severity") },
	{ REPORT_STATS_LEVEL, N_("By level"), N_("Level") },
	{ REPORT_STATS_DEPARTMENT, N_("By department"), N_("Department") },
	{ REPORT_STATS_CLASS, N_("By class"), N_("Class") },
	{ REPORT_STATS_BUILDING, N_("By building"), N_("Building") },
	{ REPORT_STATS_HOUR, N_("By hour"), N_("Hour of the day") },
};

struct cli_stats {
	struct yj_app	*a;
	bool		 md;
	bool		 json;
	struct cli_out	 o;
	struct json	 j;
	struct buf	 b;
};

/*
 * A Markdown table's first cell, "| NAME | ": the name as stored, made
 * safe for the terminal and with what Markdown would read escaped.
 */
static void
cli_md_cell(struct buf *b, const char *name)
{
	char		*safe = safe_dup(name, 0);
	const char	*p;

	buf_puts(b, "| ");
	for (p = safe; *p != '\0'; p++) {
		if (strchr("\\`*_[]<>#|", *p) != NULL)
			buf_putc(b, '\\');
		buf_putc(b, *p);
	}
	buf_puts(b, " | ");
	free(safe);
}

static const char *
cli_md_num(int64_t n, char *buf, size_t size)
{
	snprintf(buf, size, "%lld", (long long)n);
	return buf;
}

/* A duration for people: "12m", "1h3m", "-" for none. */
static const char *
cli_stats_dur(int64_t s, char *buf, size_t size)
{
	if (s < 0)
		return "-";
	if (s == 0)
		return "0s";
	return duration_format(s, buf, size);
}

static int
cli_stats_group(void *arg, const struct report_stats_group *g)
{
	struct cli_stats	*cs = arg;
	char			 small[16], d[4][DURATION_BUFSZ];
	const int64_t		 v[4] = {
		g->ack_median, g->ack_p90, g->resolve_median, g->resolve_p90
	};
	const char		*ds[4];
	int			 k;

	snprintf(small, sizeof small, "<%d", cs->a->policy->min_group);
	if (cs->json) {
		json_object_begin(&cs->j);
		json_kv_string(&cs->j, "key", g->key);
		json_kv_string(&cs->j, "name", g->name);
		if (g->small || g->count_only) {
			/* Nothing more: a small group could single one out. */
			if (g->small)
				json_kv_string(&cs->j, "count", small);
			else
				json_kv_int(&cs->j, "count", g->count);
			json_object_end(&cs->j);
			return 0;
		}
		json_kv_int(&cs->j, "count", g->count);
		json_kv_int(&cs->j, "open", g->open);
		json_kv_int(&cs->j, "resolved", g->resolved);
		json_key(&cs->j, "ack_median_s");
		g->ack_median >= 0 ? json_int(&cs->j, g->ack_median) :
		    json_null(&cs->j);
		json_key(&cs->j, "ack_p90_s");
		g->ack_p90 >= 0 ? json_int(&cs->j, g->ack_p90) :
		    json_null(&cs->j);
		json_key(&cs->j, "resolve_median_s");
		g->resolve_median >= 0 ? json_int(&cs->j, g->resolve_median) :
		    json_null(&cs->j);
		json_key(&cs->j, "resolve_p90_s");
		g->resolve_p90 >= 0 ? json_int(&cs->j, g->resolve_p90) :
		    json_null(&cs->j);
		json_kv_int(&cs->j, "late_reports", g->late_reports);
		json_kv_int(&cs->j, "overdue_acks", g->overdue_acks);
		json_kv_int(&cs->j, "skip_level", g->skip_level);
		json_object_end(&cs->j);
		return 0;
	}
	/* "-" for none is not written into d[k]: the pointer is the text. */
	for (k = 0; k < 4; k++)
		ds[k] = cli_stats_dur(v[k], d[k], sizeof d[k]);
	if (cs->md) {
		cli_md_cell(&cs->b, g->name);
		if (g->small || g->count_only)
			buf_printf(&cs->b, "%s%s |||||||||\n", g->small ?
			    small : "", g->small ? "" : cli_md_num(g->count,
			    d[0], sizeof d[0]));
		else
			buf_printf(&cs->b, "%lld | %lld | %lld | %s | %s "
			    "| %s | %s | %lld | %lld | %lld |\n",
			    (long long)g->count, (long long)g->open,
			    (long long)g->resolved, ds[0], ds[1], ds[2], ds[3],
			    (long long)g->late_reports,
			    (long long)g->overdue_acks,
			    (long long)g->skip_level);
		return 0;
	}
	/* A workbook's charts are of the groups, not of those counted apart. */
	if (g->count_only && cs->o.format == CLI_XLSX)
		book_chart_stop(cs->o.book);
	cli_out_cell(&cs->o, g->key, g->name);
	cli_out_cell(&cs->o, g->name, NULL);
	if (g->small || g->count_only) {
		if (g->small)
			cli_out_cell(&cs->o, small, NULL);
		else
			cli_out_num(&cs->o, g->count, true, NULL);
		for (k = 0; k < 9; k++)
			cli_out_cell(&cs->o, NULL, "");
		return 0;
	}
	cli_out_num(&cs->o, g->count, true, NULL);
	cli_out_num(&cs->o, g->open, true, NULL);
	cli_out_num(&cs->o, g->resolved, true, NULL);
	for (k = 0; k < 4; k++)
		cli_out_num(&cs->o, v[k], v[k] >= 0, d[k]);
	cli_out_num(&cs->o, g->late_reports, true, NULL);
	cli_out_num(&cs->o, g->overdue_acks, true, NULL);
	cli_out_num(&cs->o, g->skip_level, true, NULL);
	return 0;
}

static int
cli_report_stats(struct yj_app *a, int64_t from, int64_t to,
    enum report_stats_by by, const char *format, bool raw)
{
	struct cli_column	 c[12];
	struct cli_stats	 cs;
	enum cli_format		 f = CLI_TABLE;
	struct yj_error		 err;
	char			 t1[32], t2[32], up[32];
	size_t			 i;
	int			 rc = CLI_OK;

	memset(&cs, 0, sizeof cs);
	cs.a = a;
	cs.md = format != NULL && strcmp(format, "md") == 0;
	if (format != NULL && !cs.md && cli_parse_format(format,
	    1 << CLI_TABLE | 1 << CLI_JSON | 1 << CLI_CSV, &f) != 0)
		return CLI_USAGE;
	cs.json = f == CLI_JSON;
	buf_init(&cs.b);
	if (cs.json) {
		json_init(&cs.j, &cs.b, true);
		json_object_begin(&cs.j);
		json_key(&cs.j, "from");
		from != 0 ? json_string(&cs.j, caltime_format_iso(from, t1,
		    sizeof t1)) : json_null(&cs.j);
		json_key(&cs.j, "to");
		to != 0 ? json_string(&cs.j, caltime_format_iso(to, t2,
		    sizeof t2)) : json_null(&cs.j);
		json_kv_string(&cs.j, "by", report_stats_by_name(by));
		json_key(&cs.j, "groups");
		json_array_begin(&cs.j);
	} else if (cs.md) {
		buf_printf(&cs.b, "| %s | count | open | resolved | ack median "
		    "| ack p90 | resolve median | resolve p90 | late reports | "
		    "late acks | skip-level |\n|---|---:|---:|---:|---:|---:|"
		    "---:|---:|---:|---:|---:|\n", report_stats_by_name(by));
	} else {
		/* The table names its first column after the grouping. */
		memcpy(c, cli_stats_cols, sizeof c);
		for (i = 0; i < sizeof up - 1 && report_stats_by_name(by)[i];
		    i++)
			up[i] = (char)(report_stats_by_name(by)[i] - 'a' + 'A');
		up[i] = '\0';
		c[0].head = up;
		cli_out_begin(&cs.o, f, raw, c, 12, 24);
	}
	if (report_stats(a, from, to, by, cli_stats_group, &cs, &err) !=
	    YJ_OK)
		rc = cli_error(&err);
	if (cs.json) {
		json_array_end(&cs.j);
		json_object_end(&cs.j);
		buf_putc(&cs.b, '\n');
	}
	if (cs.json || cs.md) {
		if (rc == CLI_OK)
			fwrite(cs.b.data, 1, cs.b.len, stdout);
	} else
		cli_out_end(&cs.o, rc == CLI_OK);
	buf_done(&cs.b);
	return rc;
}

/* --- patterns --------------------------------------------------------- */

static const char *const cli_pattern_keys[STORE_NPATTERNS] = {
	"students", "rooms", "classes", "repeats", "warnings", "restricted"
};

struct cli_patterns {
	struct yj_app		*a;
	bool			 json;
	struct json		 j;
	struct buf		 b;
	int			 kind;		/* the section being written */
};

static const char *
cli_pattern_category(struct yj_app *a, const char *id)
{
	const struct policy_category	*c = policy_category(a->policy, id);

	return c != NULL ? i18n_name(c->name, c->name_en) : id;
}

/* JSON: the sections up to kind opened (each an array), empty or not. */
static void
cli_pattern_sections(struct cli_patterns *cp, int kind)
{
	while (cp->kind < kind) {
		if (cp->kind >= 0)
			json_array_end(&cp->j);
		cp->kind++;
		json_key(&cp->j, cli_pattern_keys[cp->kind]);
		json_array_begin(&cp->j);
	}
}

static int
cli_pattern(void *arg, const struct store_pattern *p)
{
	static const char *const heads[STORE_NPATTERNS] = {
		N_("Students with the most incidents"),
		N_("Rooms with the most incidents"),
		N_("Classes with the most incidents"),
		N_("The same student, the same category, again"),
		N_("Early warnings raised"),
		N_("Restricted categories (counted, never listed)")
	};
	struct cli_patterns		*cp = arg;
	const struct policy		*pol = cp->a->policy;
	const char			*name = p->name;
	char				 small[16];
	int				 k;

	snprintf(small, sizeof small, "<%d", pol->min_group);
	if (p->kind == STORE_PATTERN_WARNING &&
	    (k = policy_find(pol, POLICY_WARNING, p->key)) >= 0)
		name = i18n_name(pol->warnings[k].name,
		    pol->warnings[k].name_en);
	else if (p->kind == STORE_PATTERN_RESTRICTED)
		name = cli_pattern_category(cp->a, p->key);
	if (cp->json) {
		cli_pattern_sections(cp, (int)p->kind);
		json_object_begin(&cp->j);
		json_kv_string(&cp->j, "key", p->key);
		json_kv_string(&cp->j, "name", name);
		if (p->kind == STORE_PATTERN_REPEAT ||
		    p->kind == STORE_PATTERN_WARNING)
			json_kv_string(&cp->j, "category", p->category);
		if (p->small)
			json_kv_string(&cp->j, "count", small);
		else
			json_kv_int(&cp->j, "count", p->count);
		json_object_end(&cp->j);
		return 0;
	}
	if (cp->kind != (int)p->kind) {
		cp->kind = (int)p->kind;
		buf_printf(&cp->b, "%s%s\n", cp->b.len ? "\n" : "",
		    _(heads[p->kind]));
	}
	if (p->kind == STORE_PATTERN_STUDENT)
		buf_printf(&cp->b, "  %s %s  %lld\n", p->key, p->name,
		    (long long)p->count);
	else if (p->kind == STORE_PATTERN_REPEAT)
		buf_printf(&cp->b, "  %s %s  %s × %lld\n", p->key, p->name,
		    cli_pattern_category(cp->a, p->category),
		    (long long)p->count);
	else if (p->small)
		buf_printf(&cp->b, "  %s  %s\n", name, small);
	else
		buf_printf(&cp->b, "  %s  %lld\n", name, (long long)p->count);
	return 0;
}

static int
cli_report_patterns(struct yj_app *a, int64_t from, int64_t to, int top,
    const char *format)
{
	struct cli_patterns	 cp;
	struct yj_error		 err;
	struct buf		 safe;
	char			 t1[32], t2[32];
	int			 rc = CLI_OK;

	memset(&cp, 0, sizeof cp);
	cp.a = a;
	cp.kind = -1;
	if (format != NULL && strcmp(format, "json") != 0 &&
	    strcmp(format, "text") != 0) {
		cli_warn("--format %s: text or json", format);
		return CLI_USAGE;
	}
	cp.json = format != NULL && strcmp(format, "json") == 0;
	buf_init(&cp.b);
	if (cp.json) {
		json_init(&cp.j, &cp.b, true);
		json_object_begin(&cp.j);
		json_key(&cp.j, "from");
		from != 0 ? json_string(&cp.j, caltime_format_iso(from, t1,
		    sizeof t1)) : json_null(&cp.j);
		json_key(&cp.j, "to");
		to != 0 ? json_string(&cp.j, caltime_format_iso(to, t2,
		    sizeof t2)) : json_null(&cp.j);
	}
	if (report_patterns(a, from, to, top, cli_pattern, &cp, &err) !=
	    YJ_OK)
		rc = cli_error(&err);
	if (cp.json) {
		cli_pattern_sections(&cp, STORE_NPATTERNS - 1);
		json_array_end(&cp.j);
		json_object_end(&cp.j);
		buf_putc(&cp.b, '\n');
	} else if (cp.b.len == 0)
		buf_printf(&cp.b, "%s\n", _("Nothing came up in the period."));
	/* Names as stored, shown safely (JSON escapes its own). */
	buf_init(&safe);
	if (cp.json)
		buf_add(&safe, cp.b.data, cp.b.len);
	else
		safe_add(&safe, buf_str(&cp.b), SAFE_LINES);
	if (rc == CLI_OK)
		fwrite(safe.data, 1, safe.len, stdout);
	buf_done(&safe);
	buf_done(&cp.b);
	return rc;
}

/* --- follow-ups ----------------------------------------------------------- */

static int
cli_followup_tally(void *arg, const struct followup_tally *t)
{
	struct cli_out	*o = arg;

	cli_out_cell(o, t->id, t->name);
	cli_out_cell(o, t->name, NULL);
	cli_out_num(o, t->asked, true, NULL);
	cli_out_num(o, t->on_time, true, NULL);
	cli_out_num(o, t->late, true, NULL);
	cli_out_num(o, t->missing, true, NULL);
	cli_out_num(o, t->pending, true, NULL);
	return 0;
}

static const struct cli_column cli_followup_cols[] = {
	{ "key", "FOLLOW-UP" }, { "name", NULL }, { "asked", "ASKED" },
	{ "on_time", "ON TIME" }, { "late", "LATE" },
	{ "missing", "MISSING" }, { "pending", "PENDING" },
};
static const struct book_column cli_followup_book[] = {
	{ NULL, BOOK_TEXT }, { N_("Follow-up"), BOOK_TEXT },
	{ N_("Asked for"), BOOK_NUMBER }, { N_("Done in time"), BOOK_NUMBER },
	{ N_("Done late"), BOOK_NUMBER }, { N_("Never done"), BOOK_NUMBER },
	{ N_("Not yet due"), BOOK_NUMBER },
};

static int
cli_report_followups(struct yj_app *a, int64_t from, int64_t to,
    const char *format, bool raw)
{
	struct cli_out	 o;
	enum cli_format	 f = CLI_TABLE;
	struct yj_error	 err;
	int		 rc = CLI_OK;

	if (format != NULL && cli_parse_format(format, 1 << CLI_TABLE |
	    1 << CLI_JSON | 1 << CLI_CSV, &f) != 0)
		return CLI_USAGE;
	cli_out_begin(&o, f, raw, cli_followup_cols, 7, 24);
	if (followup_report(a, from, to, cli_followup_tally, &o, &err) !=
	    YJ_OK)
		rc = cli_error(&err);
	cli_out_end(&o, rc == CLI_OK);
	return rc;
}

/* --- workbooks (--format xlsx) ------------------------------------------ */

/* The meeting's numbers, a sheet per grouping (only: that one's, or -1). */
static enum yj_status
cli_book_stats(struct yj_app *a, struct book *b, int64_t from, int64_t to,
    int only, struct yj_error *err)
{
	struct book_column	 c[12];
	struct cli_stats	 cs;
	size_t			 i;
	enum yj_status		 st = YJ_OK;

	memcpy(c, cli_stats_book, sizeof c);
	for (i = 0; i < sizeof cli_stats_sheets / sizeof cli_stats_sheets[0] &&
	    st == YJ_OK; i++) {
		if (only >= 0 && (int)cli_stats_sheets[i].by != only)
			continue;
		memset(&cs, 0, sizeof cs);
		cs.a = a;
		c[1].title = cli_stats_sheets[i].first;
		if ((st = cli_out_book(&cs.o, b, cli_stats_sheets[i].sheet,
		    cli_stats_cols, c, 12, err)) != YJ_OK)
			break;
		/* Book columns: the name, the count, ..., ack median 4th. */
		if (cli_stats_sheets[i].by == REPORT_STATS_WEEK) {
			book_chart(b, BOOK_CHART_COLUMN,
			    _("Incidents per week"), 0, 1);
			book_chart(b, BOOK_CHART_LINE,
			    _("Time to acknowledge per week (median)"), 0, 4);
		} else if (cli_stats_sheets[i].by == REPORT_STATS_CATEGORY) {
			book_chart(b, BOOK_CHART_BAR,
			    _("Incidents per category"), 0, 1);
			book_chart(b, BOOK_CHART_BAR,
			    _("Time to acknowledge per category (median)"),
			    0, 4);
		}
		st = report_stats(a, from, to, cli_stats_sheets[i].by,
		    cli_stats_group, &cs, err);
		cli_out_end(&cs.o, false);
	}
	return st;
}

static enum yj_status
cli_book_timely(struct yj_app *a, struct book *b, int64_t from, int64_t to,
    enum report_by by, struct yj_error *err)
{
	static const char *const firsts[] = {
		[REPORT_BY_PERSON] = N_("Person"),
		[REPORT_BY_LEVEL] = N_("Level"),
		[REPORT_BY_CATEGORY] = N_("Category")
	};
	struct book_column	 c[10];
	struct cli_timely	 ct;
	enum yj_status		 st;

	memcpy(c, cli_timely_book, sizeof c);
	c[1].title = firsts[by];
	snprintf(ct.small, sizeof ct.small, "<%d", a->policy->min_group);
	if ((st = cli_out_book(&ct.o, b, by == REPORT_BY_PERSON ?
	    N_("Timeliness by person") : by == REPORT_BY_LEVEL ?
	    N_("Timeliness by level") : N_("Timeliness by category"),
	    cli_timely_cols, c, 10, err)) != YJ_OK)
		return st;
	/* Book columns: the name, received, in time, late, never, median. */
	book_chart(b, BOOK_CHART_BAR, _("Time to acknowledge (median)"), 0,
	    5);
	st = report_timeliness(a, from, to, by, cli_report_line, &ct, err);
	cli_out_end(&ct.o, false);
	return st;
}

static enum yj_status
cli_book_followups(struct yj_app *a, struct book *b, int64_t from,
    int64_t to, struct yj_error *err)
{
	struct cli_out	 o;
	enum yj_status	 st;

	if ((st = cli_out_book(&o, b, N_("Follow-ups"), cli_followup_cols,
	    cli_followup_book, 7, err)) != YJ_OK)
		return st;
	st = followup_report(a, from, to, cli_followup_tally, &o, err);
	cli_out_end(&o, false);
	return st;
}

/* The last sheet: what the workbook holds, of when, made when and by whom. */
static enum yj_status
cli_book_about(struct yj_app *a, struct book *b, const char *what,
    int64_t from, int64_t to, struct yj_error *err)
{
	struct book_column	 cols[2];
	char			 small[160];
	enum yj_status		 st;

	cols[0].title = _("Item");
	cols[0].type = BOOK_TEXT;
	cols[1].title = _("Value");
	cols[1].type = BOOK_TEXT;
	if ((st = book_table(b, _("About this workbook"), cols, 2, err)) !=
	    YJ_OK)
		return st;
	book_text(b, _("What"));
	book_text(b, what);
	book_text(b, _("Incidents from"));
	if (from != 0)
		book_time(b, from);
	else
		book_text(b, _("the first"));
	/* The last minute in it: --to 2026-11-30 ends 11-30 23:59. */
	book_text(b, _("Until"));
	book_time(b, to != 0 ? to - 60 : app_now(a));
	book_text(b, _("Made"));
	book_time(b, app_now(a));
	book_text(b, _("By"));
	book_text(b, a->user.display != NULL && *a->user.display != '\0' ?
	    a->user.display : a->user.login);
	book_text(b, _("Small groups"));
	snprintf(small, sizeof small, _("a restricted category with fewer "
	    "than %d incidents shows <%d and nothing more"),
	    a->policy->min_group, a->policy->min_group);
	book_text(b, small);
	book_text(b, _("Durations"));
	book_text(b, _("hours:minutes"));
	return YJ_OK;
}

/*
 * report ... --format xlsx --output FILE: the report's tables as sheets
 * of one workbook, with the meeting's charts; stats without --by is the
 * whole meeting, every grouping and the timeliness by level.
 */
static int
cli_report_book(struct yj_app *a, const char *kind, int64_t from,
    int64_t to, int stats_by, enum report_by by, const char *output)
{
	struct yj_error	 err;
	struct book	*b;
	enum yj_status	 st;
	const char	*what;

	if (output == NULL) {
		cli_warn("--format xlsx writes a file: give it with --output "
		    "FILE");
		return CLI_USAGE;
	}
	if ((b = book_create(output, &err)) == NULL)
		return cli_book_error(&err);
	if (strcmp(kind, "stats") == 0) {
		what = _("The meeting's numbers");
		st = cli_book_stats(a, b, from, to, stats_by, &err);
		if (st == YJ_OK && stats_by < 0)
			st = cli_book_timely(a, b, from, to, REPORT_BY_LEVEL,
			    &err);
	} else if (strcmp(kind, "timeliness") == 0) {
		what = _("Timeliness");
		st = cli_book_timely(a, b, from, to, by, &err);
	} else {
		what = _("Follow-ups");
		st = cli_book_followups(a, b, from, to, &err);
	}
	if (st == YJ_OK)
		st = cli_book_about(a, b, what, from, to, &err);
	if (st != YJ_OK) {
		book_discard(b);
		return cli_book_error(&err);
	}
	if (book_close(b, &err) != YJ_OK)
		return cli_book_error(&err);
	printf("%s\n", output);
	return CLI_OK;
}

int
cli_report(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "by", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'o' },
		{ "raw", no_argument, NULL, 'r' },
		{ "top", required_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_timely	 ct;
	struct cli_column	 c[10];
	enum cli_format		 format = CLI_TABLE;
	struct yj_error		 err;
	enum report_by		 by = REPORT_BY_LEVEL;
	const char		*by_name = NULL, *format_name = NULL;
	const char		*output = NULL;
	int64_t			 from = 0, to = 0, n;
	int			 ch, rc = CLI_OK, sb, top = 10;
	bool			 raw = false, stats, topped = false, book;

	(void)g;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
		case 't':
			if (cli_report_range(a, ch, optarg, &from, &to) != 0)
				return CLI_BAD_INPUT;
			break;
		case 'b':
			by_name = optarg;
			break;
		case 'r':
			raw = true;
			break;
		case 'o':
			format_name = optarg;
			break;
		case 'O':
			output = optarg;
			break;
		case 'n':
			if (!number_id(optarg, &n) || n > 1000) {
				cli_warn("--top %s: 1 to 1000", optarg);
				return CLI_USAGE;
			}
			top = (int)n;
			topped = true;
			break;
		default:
			cli_warn("report: unknown option or "
			    "missing value: '%s'", argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	book = format_name != NULL && strcmp(format_name, "xlsx") == 0;
	/* Said and not done is worse than refused. */
	if (output != NULL && !book) {
		cli_warn("--output is for --format xlsx (the others print)");
		return CLI_USAGE;
	}
	stats = optind == argc - 1 && strcmp(argv[optind], "stats") == 0;
	if (optind == argc - 1 && strcmp(argv[optind], "patterns") == 0)
		return cli_report_patterns(a, from, to, top, format_name);
	if (topped) {
		cli_warn("--top is for 'report patterns' only");
		return CLI_USAGE;
	}
	if (from != 0 && to != 0 && to <= from) {
		cli_warn("--to must come after --from");
		return CLI_BAD_INPUT;
	}
	if (optind == argc - 1 && strcmp(argv[optind], "followups") == 0)
		return book ? cli_report_book(a, "followups", from, to, -1,
		    REPORT_BY_LEVEL, output) :
		    cli_report_followups(a, from, to, format_name, raw);
	if (!stats && (optind != argc - 1 ||
	    strcmp(argv[optind], "timeliness") != 0)) {
		fprintf(stderr, "usage: yujing report timeliness [--from D] "
		    "[--to D] [--by person|level|category]\n"
		    "       yujing report stats [--from D] [--to D] [--by "
		    "category|severity|department|class|building|week|hour|"
		    "level] [--format table|md|csv|json]\n"
		    "       yujing report patterns [--from D] [--to D] [--top N] "
		    "[--format text|json]\n"
		    "       yujing report followups [--from D] [--to D] "
		    "[--format table|json|csv]\n"
		    "       yujing report stats|timeliness|followups ... "
		    "--format xlsx --output FILE\n");
		return CLI_USAGE;
	}
	if (stats) {
		sb = by_name != NULL ? report_stats_by_of(by_name) :
		    REPORT_STATS_CATEGORY;
		if (sb < 0) {
			cli_warn("--by %s: category, severity, department, "
			    "class, building, week, hour or level", by_name);
			return CLI_USAGE;
		}
		if (book)
			return cli_report_book(a, "stats", from, to, by_name !=
			    NULL ? sb : -1, REPORT_BY_LEVEL, output);
		return cli_report_stats(a, from, to, (enum report_stats_by)sb,
		    format_name, raw);
	}
	if (by_name == NULL || strcmp(by_name, "level") == 0)
		by = REPORT_BY_LEVEL;
	else if (strcmp(by_name, "person") == 0)
		by = REPORT_BY_PERSON;
	else if (strcmp(by_name, "category") == 0)
		by = REPORT_BY_CATEGORY;
	else {
		cli_warn("--by %s: person, level or category", by_name);
		return CLI_USAGE;
	}
	if (book)
		return cli_report_book(a, "timeliness", from, to, -1, by,
		    output);
	if (format_name != NULL && cli_parse_format(format_name,
	    1 << CLI_TABLE | 1 << CLI_JSON | 1 << CLI_CSV, &format) != 0)
		return CLI_USAGE;
	/* The table names its first column after the grouping, and shows
	 * the name rather than the key (the name column is for tools). */
	memcpy(c, cli_timely_cols, sizeof c);
	c[0].head = by == REPORT_BY_PERSON ? "PERSON" : by == REPORT_BY_LEVEL ?
	    "LEVEL" : "CATEGORY";
	snprintf(ct.small, sizeof ct.small, "<%d", a->policy->min_group);
	cli_out_begin(&ct.o, format, raw, c, 10, 24);
	if (report_timeliness(a, from, to, by, cli_report_line, &ct, &err) !=
	    YJ_OK)
		rc = cli_error(&err);
	cli_out_end(&ct.o, rc == CLI_OK);
	return rc;
}

/* --- the access log ------------------------------------------------------ */

static int
cli_access_row(void *arg, const struct store_access *x)
{
	struct cli_out	*o = arg;
	struct buf	 what, how;
	char		 iso[40], local[32], t1[32], t2[32];
	int64_t		 incident = 0, from = 0, to = 0;
	int		 k = record_kind_of(x->kind);

	buf_init(&what);
	buf_init(&how);
	json_get_int(x->payload, "incident", &incident);
	json_get_string(x->payload, "how", &how);
	if (k == EV_EXPORTED) {
		json_get_int(x->payload, "from", &from);
		json_get_int(x->payload, "to", &to);
		buf_printf(&what, "%s..%s", from != 0 ?
		    caltime_format_local(from, t1, sizeof t1) : "",
		    to != 0 ? caltime_format_local(to, t2, sizeof t2) : "");
		buf_clear(&how);
		json_get_string(x->payload, "format", &how);
	}
	cli_out_cell(o, caltime_format_iso(x->at, iso, sizeof iso),
	    caltime_format_local(x->at, local, sizeof local));
	cli_out_cell(o, x->actor, NULL);
	cli_out_cell(o, x->kind, k >= 0 ? _(record_kind_label(
	    (enum record_kind)k)) : x->kind);
	cli_out_num(o, incident, incident != 0, NULL);
	cli_out_cell(o, k == EV_EXPORTED ? buf_str(&what) : NULL,
	    k == EV_EXPORTED ? buf_str(&what) : "");
	cli_out_cell(o, buf_str(&how), NULL);
	buf_done(&what);
	buf_done(&how);
	return 0;
}

int
cli_access_log(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "user", required_argument, NULL, 'u' },
		{ "incident", required_argument, NULL, 'i' },
		{ "format", required_argument, NULL, 'o' },
		{ "raw", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct cli_column cols[] = {
		{ "at", "AT" }, { "user", "USER" }, { "kind", "WHAT" },
		{ "incident", "INCIDENT" }, { "range", "EXPORTED" },
		{ "how", "HOW" },
	};
	enum cli_format		 f = CLI_TABLE;
	struct cli_out		 o;
	struct yj_error		 err;
	const char		*user = NULL;
	int64_t			 from = 0, to = 0, incident = 0;
	int			 ch, rc = CLI_OK;
	bool			 raw = false;

	(void)g;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
		case 't':
			if (cli_report_range(a, ch, optarg, &from, &to) != 0)
				return CLI_BAD_INPUT;
			break;
		case 'u':
			user = optarg;
			break;
		case 'i':
			if (cli_parse_id(optarg, &incident) != 0)
				return CLI_BAD_INPUT;
			break;
		case 'o':
			if (cli_parse_format(optarg, 1 << CLI_TABLE |
			    1 << CLI_JSON | 1 << CLI_CSV, &f) != 0)
				return CLI_USAGE;
			break;
		case 'r':
			raw = true;
			break;
		default:
			cli_warn("access-log: unknown option or missing "
			    "value: '%s'", argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	if (optind < argc) {
		cli_warn("access-log: unexpected '%s'", argv[optind]);
		return CLI_USAGE;
	}
	if (from != 0 && to != 0 && to <= from) {
		cli_warn("--to must come after --from");
		return CLI_USAGE;
	}
	cli_out_begin(&o, f, raw, cols, sizeof cols / sizeof cols[0], 40);
	if (report_access_log(a, from, to, user, incident, cli_access_row,
	    &o, &err) != YJ_OK)
		rc = cli_error(&err);
	cli_out_end(&o, rc == CLI_OK);
	return rc;
}
