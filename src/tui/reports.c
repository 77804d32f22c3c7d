/*
 * Reports (F6): the meeting's numbers as bars, with the weekly trend in
 * block characters, for a period chosen with keys (a week, 30 days, the
 * term, a year; Left and Right move it back and on), grouped as the
 * meeting asks (g); the accountability view (timeliness) one key away
 * (t). A duty officer sees the counts of their own shifts instead: the
 * numbers in full are for the roles the policy lets report.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/duration.h"
#include "yujing/handover.h"
#include "yujing/i18n.h"
#include "yujing/report.h"
#include "yujing/shift.h"
#include "yujing/status.h"
#include "yujing/tui.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

/* The periods, shortest first: p goes round them. */
enum reports_period {
	REPORTS_WEEK,
	REPORTS_MONTH,
	REPORTS_TERM,
	REPORTS_YEAR,
	REPORTS_NPERIODS
};
static const int reports_days[REPORTS_NPERIODS] = { 7, 30, 120, 365 };

/* The groupings g goes round (the week is the trend line). */
static const enum report_stats_by reports_groupings[] = {
	REPORT_STATS_CATEGORY, REPORT_STATS_SEVERITY, REPORT_STATS_LEVEL,
	REPORT_STATS_DEPARTMENT, REPORT_STATS_CLASS, REPORT_STATS_BUILDING,
	REPORT_STATS_HOUR
};
#define REPORTS_NGROUPINGS \
	(sizeof reports_groupings / sizeof reports_groupings[0])

struct reports_row {
	char	*name;
	char	*figures;	/* what follows the bar */
	int64_t	 count;		/* -1: a small restricted group */
};

struct tui_reports {
	struct tui		*t;
	enum reports_period	 period;
	int			 back;		/* periods before the latest */
	size_t			 grouping;
	bool			 timeliness;
	bool			 loaded;
	uint64_t		 generation;
	int64_t			 from, to;
	struct reports_row	*rows;
	size_t			 n;
	int64_t			 most;
	size_t			 widest;	/* figures, in columns */
	int64_t			*weeks;		/* counts, oldest first */
	size_t			 nweeks;
	char			 week_first[16], week_last[16];
	struct tui_list		 list;
};

static const struct tui_list_ops reports_list_ops;

void *
tui_reports_new(void)
{
	struct tui_reports	*r = xcalloc(1, sizeof *r);

	r->period = REPORTS_MONTH;
	tui_list_init(&r->list, &reports_list_ops, r, 1, true);
	return r;
}

static void
reports_clear(struct tui_reports *r)
{
	size_t	 i;

	for (i = 0; i < r->n; i++) {
		free(r->rows[i].name);
		free(r->rows[i].figures);
	}
	free(r->rows);
	free(r->weeks);
	r->rows = NULL;
	r->weeks = NULL;
	r->n = r->nweeks = 0;
	r->most = 0;
	r->widest = 0;
	r->week_first[0] = r->week_last[0] = '\0';
}

static void
reports_free(void *data)
{
	struct tui_reports	*r = data;

	reports_clear(r);
	free(r);
}

static void
reports_add(struct tui_reports *r, const char *name, const char *figures,
    int64_t count)
{
	r->rows = xreallocarray(r->rows, r->n + 1, sizeof *r->rows);
	r->rows[r->n].name = xstrdup(name);
	r->rows[r->n].figures = xstrdup(figures);
	r->rows[r->n].count = count;
	r->n++;
	if (count > r->most)
		r->most = count;
	if (width_str(figures) > r->widest)
		r->widest = width_str(figures);
}

static int
reports_group(void *arg, const struct report_stats_group *g)
{
	struct tui_reports	*r = arg;
	struct buf		 b;
	char			 d[DURATION_BUFSZ];

	buf_init(&b);
	if (g->small) {
		buf_printf(&b, "<%d", tui_app(r->t)->policy->min_group);
		reports_add(r, g->name, buf_str(&b), -1);
		buf_done(&b);
		return 0;
	}
	if (g->count_only) {
		buf_printf(&b, "%lld", (long long)g->count);
		reports_add(r, g->name, buf_str(&b), g->count);
		buf_done(&b);
		return 0;
	}
	buf_printf(&b, _("%lld · open %lld"), (long long)g->count,
	    (long long)g->open);
	if (g->ack_median >= 0)
		buf_printf(&b, _(" · ack %s"), duration_format(g->ack_median /
		    60 * 60 + (g->ack_median < 60 ? g->ack_median : 0), d,
		    sizeof d));
	if (g->overdue_acks > 0)
		buf_printf(&b, _(" · %lld late"), (long long)g->overdue_acks);
	reports_add(r, g->name, buf_str(&b), g->count);
	buf_done(&b);
	return 0;
}

static int
reports_week(void *arg, const struct report_stats_group *g)
{
	struct tui_reports	*r = arg;

	/* The restricted ones counted apart are no week of the trend. */
	if (g->count_only)
		return 0;
	r->weeks = xreallocarray(r->weeks, r->nweeks + 1, sizeof *r->weeks);
	r->weeks[r->nweeks++] = g->small ? 0 : g->count;
	/* "2026-W45": the trend is labelled by its first and last week. */
	snprintf(r->week_last, sizeof r->week_last, "%s", g->key + (strlen(
	    g->key) > 5 ? 5 : 0));
	if (r->nweeks == 1)
		snprintf(r->week_first, sizeof r->week_first, "%s",
		    r->week_last);
	return 0;
}

static void
reports_timely(void *arg, const struct report_line *l)
{
	struct tui_reports	*r = arg;
	struct buf		 b;
	char			 d[DURATION_BUFSZ];

	buf_init(&b);
	buf_printf(&b, _("%d ok · %d late · %d never"), l->in_time, l->late,
	    l->never);
	if (l->median >= 0)
		buf_printf(&b, " · %s", duration_format(l->median / 60 * 60 +
		    (l->median < 60 ? l->median : 0), d, sizeof d));
	/* The rung's name on this screen, from its id. */
	reports_add(r, tui_rung_name(r->t, l->key), buf_str(&b), l->received);
	buf_done(&b);
}

/* A duty officer's own shifts in the period, each with what it did. */
static int
reports_shift(void *arg, const struct shift_row *row)
{
	struct tui_reports	*r = arg;
	struct yj_app		*a = tui_app(r->t);
	struct handover_summary	 s;
	struct yj_error		 err;
	struct buf		 b;

	if (row->opened_by == NULL || strcmp(row->opened_by,
	    a->user.login) != 0)
		return 0;
	if (handover_summary(a, &row->duty, &s, &err) != YJ_OK)
		return 0;
	buf_init(&b);
	buf_printf(&b, _("%lld logged · %lld escalated · %lld resolved"),
	    (long long)s.logged, (long long)s.escalated,
	    (long long)s.resolved);
	reports_add(r, row->duty.id, buf_str(&b), s.logged);
	buf_done(&b);
	return 0;
}

static void
reports_load(struct tui *t, struct tui_reports *r)
{
	struct yj_app	*a = tui_app(t);
	struct caldate	 from, to;
	struct yj_error	 err;
	enum yj_status	 st;
	int64_t		 days = reports_days[r->period];

	r->t = t;
	if (r->loaded && r->generation == tui_generation(t))
		return;
	reports_clear(r);
	r->loaded = true;
	r->generation = tui_generation(t);
	/* Whole days, the last one today (back: as many periods before). */
	caldate_of(app_now(a), (int)(-days * (r->back + 1) + 1), &from);
	caldate_of(app_now(a), (int)(-days * r->back + 1), &to);
	r->from = caltime_local(from.year, from.month, from.day, 0, 0);
	r->to = caltime_local(to.year, to.month, to.day, 0, 0);
	if (!app_can(a, CAP_REPORT)) {
		caldate_of(r->to, -1, &to);
		st = shift_schedule(a, &from, &to, reports_shift, r, &err);
	} else if (r->timeliness)
		st = report_timeliness(a, r->from, r->to, REPORT_BY_LEVEL,
		    reports_timely, r, &err);
	else {
		st = report_stats(a, r->from, r->to,
		    reports_groupings[r->grouping], reports_group, r, &err);
		if (st == YJ_OK)
			st = report_stats(a, r->from, r->to, REPORT_STATS_WEEK,
			    reports_week, r, &err);
	}
	if (st != YJ_OK)
		tui_message(t, "%s", err.msg);
	tui_list_clamp(&r->list);
}

static size_t
reports_count(void *arg)
{
	return ((struct tui_reports *)arg)->n;
}

/* A bar of v out of most in cols columns, in eighths (▏▎▍▌▋▊▉█). */
static void
reports_bar(struct buf *b, int64_t v, int64_t most, int cols)
{
	static const char *const eighths[] = {
		"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"
	};
	int64_t	 e = most > 0 ? v * cols * 8 / most : 0;
	int	 i, used = 0;

	if (v > 0 && e == 0)
		e = 1;
	for (i = 0; i < e / 8; i++, used++)
		buf_puts(b, "█");
	if (e % 8 != 0) {
		buf_puts(b, eighths[e % 8]);
		used++;
	}
	for (; used < cols; used++)
		buf_putc(b, ' ');
}

static void
reports_row_draw(void *arg, size_t i, int y, int x, int cols, bool selected)
{
	struct tui_reports	*r = arg;
	struct reports_row	*row = &r->rows[i];
	struct buf		 b;
	/* The bars give way to the widest figures (Chinese ones are wide). */
	int			 bar = cols - 21 - (int)r->widest;

	buf_init(&b);
	width_pad(&b, row->name, 19);
	buf_putc(&b, ' ');
	reports_bar(&b, row->count > 0 ? row->count : 0, r->most,
	    bar > 8 ? bar : 8);
	buf_putc(&b, ' ');
	buf_puts(&b, row->figures);
	attrset(selected ? tui_role_attr(TUI_R_SELECTION) : A_NORMAL);
	tui_put(y, x, buf_str(&b), cols);
	attrset(A_NORMAL);
	buf_done(&b);
}

static const struct tui_list_ops reports_list_ops = {
	.count = reports_count,
	.draw = reports_row_draw,
};

/* The weekly trend: a block a week, its height the week's count. */
static void
reports_trend(struct tui_reports *r, struct buf *b, int cols)
{
	static const char *const blocks[] = {
		"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"
	};
	int64_t	 most = 0;
	size_t	 i, first = 0;

	for (i = 0; i < r->nweeks; i++) {
		if (r->weeks[i] > most)
			most = r->weeks[i];
	}
	if ((int)r->nweeks > cols)
		first = r->nweeks - (size_t)cols;
	for (i = first; i < r->nweeks; i++)
		buf_puts(b, most > 0 ? blocks[r->weeks[i] * 7 / most] :
		    blocks[0]);
}

static void
reports_draw(struct tui *t, void *data, int top, int rows, int cols)
{
	static const char *const periods[REPORTS_NPERIODS] = {
		N_("a week"), N_("30 days"), N_("the term (120 days)"),
		N_("a year")
	};
	struct tui_reports	*r = data;
	struct yj_app		*a = tui_app(t);
	struct buf		 b;
	char			 f[20], to[20];
	int			 y = top;

	reports_load(t, r);
	buf_init(&b);
	caltime_format_local(r->from, f, sizeof f);
	caltime_format_local(r->to - 60, to, sizeof to);
	f[10] = to[10] = '\0';
	buf_printf(&b, "%s · %s – %s (%s)", !app_can(a, CAP_REPORT) ?
	    _("Your shifts") : r->timeliness ? _("Timeliness by level") :
	    _("Reports"), f, to, _(periods[r->period]));
	attrset(tui_role_attr(TUI_R_HEADING));
	tui_put(y++, 1, buf_str(&b), cols - 2);
	attrset(A_NORMAL);
	if (app_can(a, CAP_REPORT) && !r->timeliness && r->nweeks > 0) {
		buf_clear(&b);
		buf_printf(&b, "%s: %s ", _("Weeks"), r->week_first);
		reports_trend(r, &b, cols - 24);
		buf_printf(&b, " %s", r->week_last);
		tui_put(y++, 1, buf_str(&b), cols - 2);
	}
	y++;
	tui_list_draw(&r->list, y, 1, top + rows - y, cols - 2, true);
	if (r->n == 0)
		tui_put(y, 3, _("Nothing in this period."), cols - 4);
	if (!tui_has_message(t))
		tui_hint(t, app_can(a, CAP_REPORT) ? _("←/→ period before/after "
		    "· p length · g grouping · t timeliness · Esc back") :
		    _("←/→ period before/after · p length · Esc back"));
	buf_done(&b);
}

static enum tui_result
reports_key(struct tui *t, void *data, bool is_key, wint_t ch)
{
	struct tui_reports	*r = data;

	r->t = t;
	switch (tui_action_of(TUI_S_REPORTS, is_key, ch)) {
	case TUI_A_BACK:
		tui_show(t, &tui_queue_ops, tui_queue_new());
		return TUI_REDRAW;
	case TUI_A_EARLIER:
		r->back++;
		break;
	case TUI_A_LATER:
		if (r->back == 0) {
			tui_message(t, "%s", _("This is the latest period."));
			return TUI_REDRAW;
		}
		r->back--;
		break;
	case TUI_A_PERIOD:
		r->period = (r->period + 1) % REPORTS_NPERIODS;
		r->back = 0;
		break;
	case TUI_A_GROUPING:
		r->grouping = (r->grouping + 1) % REPORTS_NGROUPINGS;
		r->timeliness = false;
		break;
	case TUI_A_TIMELINESS:
		r->timeliness = !r->timeliness;
		break;
	default:
		if (tui_list_key(&r->list, TUI_S_REPORTS, is_key, ch) !=
		    TUI_LIST_NONE)
			return TUI_REDRAW;
		return TUI_NOTHING;
	}
	r->loaded = false;
	r->list.sel = r->list.top = 0;
	return TUI_REDRAW;
}

const struct tui_view_ops tui_reports_ops = {
	.name = "reports",
	.screen = TUI_S_REPORTS,
	.draw = reports_draw,
	.key = reports_key,
	.free = reports_free,
};
