/*
 * The queue (home): what is not resolved, most urgent first. Only the
 * rows on the screen are read, and only when something changed (the
 * generation moves) or the page or filter did; the countdowns are worked
 * out from the rows at each draw.
 */
#include "config.h"

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/duration.h"
#include "yujing/edit.h"
#include "yujing/escalate.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/status.h"
#include "yujing/tui.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

/* One line of the queue, as read. */
struct queue_row {
	int64_t		 id;
	char		 when[20];
	char		*category;
	char		*severity;
	char		*who;
	char		*level;
	char		*call;		/* who answers for it at its level */
	int64_t		 ack_due;
	bool		 acknowledged;
	bool		 emergency;	/* and still open */
	bool		 overdue;	/* not resolved in time */
};

/* The filters (F4): an index into the policy's or store's list, -1 any. */
enum queue_filter {
	QF_CATEGORY,
	QF_SEVERITY,
	QF_LEVEL,
	QF_OVERDUE,
	QF_BUILDING,
	QF_DEPARTMENT,
	QF_MINE,
	QF_SHOWING,	/* open (any), resolved, or all: past incidents too */
	QF_PERIOD,	/* occurred in the last day, week, month, year */
	QF_COUNT
};

/* QF_SHOWING's values, and QF_PERIOD's (with how far back each goes). */
static const char *const queue_showing[] = { N_("resolved"), N_("all") };
static const struct {
	const char	*label;
	int64_t		 secs;
} queue_periods[] = {
	{ N_("last 24 hours"), 86400 },
	{ N_("last 7 days"), 7 * 86400 },
	{ N_("last 30 days"), 30 * 86400 },
	{ N_("last 365 days"), 365 * 86400 },
};

struct queue_unit {
	int64_t	 id;
	char	*name;
};

struct tui_queue {
	struct tui		*t;
	struct queue_row	*rows;		/* the rows read: those shown */
	size_t			 n;
	int64_t			 offset;	/* the first one's place */
	int64_t			 total;		/* rows in all */
	struct tui_list		 list;
	uint64_t		 generation;
	bool			 loaded;	/* total and banner */
	bool			 stale;		/* the rows read must be again */
	bool			 all;		/* narrowed: rows holds them all */
	int			 w[8];		/* the columns, as last laid out */
	int64_t			 now;
	/* Filters. */
	int			 filter[QF_COUNT];
	bool			 filtering;	/* the filter lines are open */
	int			 ffocus;
	struct queue_unit	*units[2];	/* buildings, departments */
	size_t			 nunits[2];
	/* Narrowing by text ('/'). */
	struct edit		 narrow;
	bool			 narrowing;
	char			*narrowed;	/* what the rows were read for */
	int			 ny, nx;	/* the narrowing cursor */
	int64_t			 want;		/* select this one once read */
	/* An open emergency not yet acknowledged, for the banner. */
	char			 banner[256];
	int64_t			 banner_id;	/* its incident: what Enter opens */
	bool			 moved;		/* a row chosen by hand: Enter opens it */
};

/* The rows as one list (defined with the drawing). */
static const struct tui_list_ops queue_list_ops;

void *
tui_queue_new_at(int64_t id)
{
	struct tui_queue	*q = tui_queue_new();

	q->want = id;
	return q;
}

void *
tui_queue_new(void)
{
	struct tui_queue	*q = xcalloc(1, sizeof *q);
	size_t			 i;

	for (i = 0; i < QF_COUNT; i++)
		q->filter[i] = -1;
	edit_init(&q->narrow, 256, false);
	tui_list_init(&q->list, &queue_list_ops, q, 1, true);
	return q;
}

static void
queue_clear(struct tui_queue *q)
{
	size_t	 i;

	for (i = 0; i < q->n; i++) {
		free(q->rows[i].category);
		free(q->rows[i].severity);
		free(q->rows[i].who);
		free(q->rows[i].level);
		free(q->rows[i].call);
	}
	free(q->rows);
	q->rows = NULL;
	q->n = 0;
}

static void
queue_free(void *data)
{
	struct tui_queue	*q = data;
	size_t			 i, k;

	queue_clear(q);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < q->nunits[k]; i++)
			free(q->units[k][i].name);
		free(q->units[k]);
	}
	edit_done(&q->narrow);
	free(q->narrowed);
	free(q);
}

static int
queue_add(void *arg, const struct store_incident *in, bool redacted)
{
	struct tui_queue	*q = arg;
	struct queue_row	*r;
	struct buf		 who;
	char			 t[32];

	q->rows = xreallocarray(q->rows, q->n + 1, sizeof *q->rows);
	r = &q->rows[q->n++];
	memset(r, 0, sizeof *r);
	r->id = in->id;
	caltime_format_local(in->occurred_at, t, sizeof t);
	snprintf(r->when, sizeof r->when, "%.11s", t + 5); /* MM-DD HH:MM */
	r->category = xstrdup(tui_category_name(q->t, in->category));
	/* Blank when the user may not see it (the core said so). */
	r->severity = xstrdup(*in->severity ? tui_severity_name(q->t,
	    in->severity) : "");
	r->level = xstrdup(tui_rung_name(q->t, in->level));
	buf_init(&who);
	/* Short: the column keeps room for whom to call. */
	if (redacted)
		buf_puts(&who, _("restricted"));
	if (!redacted)
		tui_who(&who, in);
	r->who = buf_steal(&who);
	/* Whom to call is for who handles it, reading it or not. */
	r->call = incident_access(tui_app(q->t), in) == INCIDENT_STUB ? NULL :
	    escalate_current(tui_app(q->t), in);
	if (r->call == NULL)
		r->call = xstrdup("");
	/* At the top: the first deadline missed there, not the last reminder. */
	r->ack_due = escalate_ack_deadline(tui_app(q->t), in);
	r->acknowledged = record_state_is(in->state, RECORD_ACKNOWLEDGED);
	r->emergency = in->emergency && record_state_is(in->state, RECORD_OPEN);
	r->overdue = in->overdue_since != 0;
	return 0;
}

static int
queue_banner_add(void *arg, const struct store_incident *in, bool redacted)
{
	struct tui_queue	*q = arg;

	(void)redacted;
	q->banner_id = in->id;
	snprintf(q->banner, sizeof q->banner, _(" EMERGENCY #%lld %s — not "
	    "acknowledged: open it (Enter) and call now "), (long long)in->id,
	    tui_category_name(q->t, in->category));
	return 1;
}

/*
 * The banner: the most urgent emergency nobody has acknowledged, whatever
 * the page or the filter shows.
 */
static void
queue_banner(struct tui *t, struct tui_queue *q)
{
	struct store_filter	 f;
	struct yj_error		 err;

	memset(&f, 0, sizeof f);
	f.state = (char *)record_state_name(RECORD_OPEN);
	f.emergency = true;
	f.urgent_at = app_now(tui_app(t));
	f.limit = 1;
	if (incident_list(tui_app(t), &f, queue_banner_add, q, &err) != YJ_OK)
		tui_message(t, "%s", err.msg);
}

struct queue_units {
	struct queue_unit	**v;
	size_t			 *n;
};

static int
queue_unit_add(void *arg, int64_t id, const char *name)
{
	struct queue_units	*u = arg;

	*u->v = xreallocarray(*u->v, *u->n + 1, sizeof **u->v);
	(*u->v)[*u->n].id = id;
	(*u->v)[(*u->n)++].name = xstrdup(name);
	return 0;
}

/* Buildings and departments, read once when the filters first open. */
static void
queue_load_units(struct tui_queue *q)
{
	struct yj_app		*a = tui_app(q->t);
	struct yj_error		 err;
	struct queue_units	 u;
	static const enum store_unit kinds[2] = { STORE_UNIT_BUILDING,
	    STORE_UNIT_DEPARTMENT };
	int			 k;

	for (k = 0; k < 2; k++) {
		if (q->units[k] != NULL)
			continue;
		u.v = &q->units[k];
		u.n = &q->nunits[k];
		if (app_units(a, kinds[k], queue_unit_add, &u, &err) !=
		    YJ_OK)
			tui_message(q->t, "%s", err.msg);
		/* Marks them read even when there are none. */
		if (q->units[k] == NULL)
			q->units[k] = xcalloc(1, sizeof *q->units[k]);
	}
}

static void
queue_filter_of(struct tui_queue *q, struct store_filter *f)
{
	struct yj_app		*a = tui_app(q->t);
	const struct policy	*p = a->policy;

	memset(f, 0, sizeof *f);
	f->open_only = true;
	f->urgent_at = app_now(a);
	if (q->filter[QF_CATEGORY] >= 0)
		f->category = p->categories[q->filter[QF_CATEGORY]].id;
	if (q->filter[QF_SEVERITY] >= 0)
		f->severity = p->severities[q->filter[QF_SEVERITY]].id;
	if (q->filter[QF_LEVEL] >= 0)
		f->level = p->levels[q->filter[QF_LEVEL]].id;
	if (q->filter[QF_OVERDUE] >= 0)
		f->overdue_at = app_now(a);
	if (q->filter[QF_BUILDING] >= 0)
		f->building = q->units[0][q->filter[QF_BUILDING]].id;
	if (q->filter[QF_DEPARTMENT] >= 0)
		f->department = q->units[1][q->filter[QF_DEPARTMENT]].id;
	if (q->filter[QF_MINE] >= 0)
		f->logged_by = a->user.id;
	/* The past: resolved ones, newest first, as a register reads. */
	if (q->filter[QF_SHOWING] >= 0) {
		f->open_only = false;
		f->urgent_at = 0;
		if (q->filter[QF_SHOWING] == 0)
			f->state = record_state_name(RECORD_RESOLVED);
	}
	if (q->filter[QF_PERIOD] >= 0)
		f->since = app_now(a) - queue_periods[q->filter[QF_PERIOD]].secs;
	f->text = edit_text(&q->narrow);
}

/* Whether s holds what, ASCII letters in any case (English names). */
static bool
queue_holds(const char *s, const char *what)
{
	size_t	 i, n = strlen(what);

	for (; s != NULL && *s != '\0'; s++) {
		for (i = 0; i < n && s[i] != '\0'; i++) {
			if (tolower((unsigned char)s[i]) !=
			    tolower((unsigned char)what[i]))
				break;
		}
		if (i == n)
			return true;
	}
	return false;
}

/* Narrowing: the ids the store's text search found, and the text. */
struct queue_narrowing {
	struct tui_queue	*q;
	const char		*text;
	int64_t			*ids;
	size_t			 nids;
};

static int
queue_found(void *arg, const struct store_incident *in, bool redacted)
{
	struct queue_narrowing	*nw = arg;

	(void)redacted;
	nw->ids = xreallocarray(nw->ids, nw->nids + 1, sizeof *nw->ids);
	nw->ids[nw->nids++] = in->id;
	return 0;
}

/*
 * A row stays when what the screen shows of it holds the text (its
 * number, when, category, severity, who or where, level, whom to call)
 * or the store's search found it (the description, a student number).
 */
static int
queue_narrow_add(void *arg, const struct store_incident *in, bool redacted)
{
	struct queue_narrowing	*nw = arg;
	struct tui_queue	*q = nw->q;
	struct queue_row	*r;
	char			 id[24];
	size_t			 i;
	bool			 keep = false;

	queue_add(q, in, redacted);
	r = &q->rows[q->n - 1];
	snprintf(id, sizeof id, "%lld", (long long)r->id);
	for (i = 0; !keep && i < nw->nids; i++)
		keep = nw->ids[i] == r->id;
	if (!keep)
		keep = queue_holds(id, nw->text) ||
		    queue_holds(r->when, nw->text) ||
		    queue_holds(r->category, nw->text) ||
		    queue_holds(r->severity, nw->text) ||
		    queue_holds(r->who, nw->text) ||
		    queue_holds(r->level, nw->text) ||
		    queue_holds(r->call, nw->text) ||
		    (!redacted && (queue_holds(in->room, nw->text) ||
		    queue_holds(in->location, nw->text)));
	if (!keep) {
		free(r->category);
		free(r->severity);
		free(r->who);
		free(r->level);
		free(r->call);
		q->n--;
	}
	return 0;
}

/*
 * Narrowed, the rows are all read at once (the open incidents: a duty
 * room's few hundred at most), since what is shown of a row (the names
 * the policy gives, whom to call) is not in the database to search.
 */
static void
queue_narrow_load(struct tui *t, struct tui_queue *q)
{
	struct queue_narrowing	 nw;
	struct store_filter	 f;
	struct yj_error		 err;
	size_t			 i;

	memset(&nw, 0, sizeof nw);
	nw.q = q;
	nw.text = edit_text(&q->narrow);
	queue_clear(q);
	queue_filter_of(q, &f);
	if (incident_list(tui_app(t), &f, queue_found, &nw, &err) != YJ_OK)
		tui_message(t, "%s", err.msg);
	f.text = NULL;
	if (incident_list(tui_app(t), &f, queue_narrow_add, &nw, &err) !=
	    YJ_OK)
		tui_message(t, "%s", err.msg);
	free(nw.ids);
	q->offset = 0;
	q->total = (int64_t)q->n;
	q->all = true;
	q->stale = false;
	for (i = 0; q->want != 0 && i < q->n; i++) {
		if (q->rows[i].id == q->want)
			q->list.sel = i;
	}
	q->want = 0;
}

/*
 * Counts the rows again (and the banner), when something changed: the
 * generation moved, or the filter or the narrowing did.
 */
static void
queue_load(struct tui *t, struct tui_queue *q)
{
	struct store_filter	 f;
	struct yj_error		 err;

	q->t = t;
	if (q->loaded && q->generation == tui_generation(t) &&
	    q->narrowed != NULL &&
	    strcmp(q->narrowed, edit_text(&q->narrow)) == 0)
		return;
	q->banner[0] = '\0';
	q->banner_id = 0;
	q->loaded = true;
	q->stale = true;
	q->generation = tui_generation(t);
	free(q->narrowed);
	q->narrowed = xstrdup(edit_text(&q->narrow));
	q->all = false;
	queue_filter_of(q, &f);
	if (*q->narrowed != '\0')
		queue_narrow_load(t, q);
	else if (incident_count(tui_app(t), &f, &q->total, &err) != YJ_OK) {
		tui_message(t, "%s", err.msg);
		q->total = 0;
	}
	queue_banner(t, q);
	tui_list_clamp(&q->list);
}

static size_t
queue_count(void *arg)
{
	struct tui_queue	*q = arg;

	return (size_t)q->total;
}

/* Reads the rows about to be shown, when they are not those read. */
static void
queue_window(void *arg, size_t first, size_t n)
{
	struct tui_queue	*q = arg;
	struct store_filter	 f;
	struct yj_error		 err;
	size_t			 i;

	if (q->all || (!q->stale && q->offset == (int64_t)first &&
	    q->n == n))
		return;
	queue_clear(q);
	q->stale = false;
	q->offset = (int64_t)first;
	queue_filter_of(q, &f);
	f.limit = (int64_t)n;
	f.offset = (int64_t)first;
	if (incident_list(tui_app(q->t), &f, queue_add, q, &err) != YJ_OK)
		tui_message(q->t, "%s", err.msg);
	/* Fewer than counted: resolved meanwhile; the count follows. */
	if (q->n < n)
		q->total = q->offset + (int64_t)q->n;
	for (i = 0; q->want != 0 && i < q->n; i++) {
		if (q->rows[i].id == q->want)
			q->list.sel = first + i;
	}
	q->want = 0;
}

static void
queue_reload(struct tui_queue *q)
{
	q->loaded = false;
}

/* What a filter is set to, in words. */
static const char *
queue_filter_value(struct tui_queue *q, int k)
{
	const struct policy	*p = tui_app(q->t)->policy;
	int			 v = q->filter[k];

	if (v < 0 && k == QF_SHOWING)
		return _("the open ones");
	if (v < 0)
		return _("any");
	switch (k) {
	case QF_CATEGORY:
		return tui_pname(p->categories[v].name, p->categories[v].name_en);
	case QF_SEVERITY:
		return tui_pname(p->severities[v].name, p->severities[v].name_en);
	case QF_LEVEL:
		return tui_pname(p->levels[v].name, p->levels[v].name_en);
	case QF_BUILDING:
		return q->units[0][v].name;
	case QF_DEPARTMENT:
		return q->units[1][v].name;
	case QF_SHOWING:
		return _(queue_showing[v]);
	case QF_PERIOD:
		return _(queue_periods[v].label);
	default:
		return _("yes");
	}
}

static const char *
queue_filter_label(int k)
{
	static const char *const labels[QF_COUNT] = {
		N_("Category"), N_("Severity"), N_("Level"),
		N_("Overdue only"), N_("Building"), N_("Department"),
		N_("Mine (logged by me)"), N_("Showing"),
		N_("Occurred")
	};

	return _(labels[k]);
}

/* How many values filter k can take, "any" aside. */
static int
queue_filter_count(struct tui_queue *q, int k)
{
	const struct policy	*p = tui_app(q->t)->policy;

	switch (k) {
	case QF_CATEGORY:
		return (int)p->ncategories;
	case QF_SEVERITY:
		return (int)p->nseverities;
	case QF_LEVEL:
		return (int)p->nlevels;
	case QF_BUILDING:
		return (int)q->nunits[0];
	case QF_DEPARTMENT:
		return (int)q->nunits[1];
	case QF_SHOWING:
		return (int)(sizeof queue_showing / sizeof queue_showing[0]);
	case QF_PERIOD:
		return (int)(sizeof queue_periods / sizeof queue_periods[0]);
	default:
		return 1;
	}
}

static bool
queue_filtered(struct tui_queue *q)
{
	int	 k;

	for (k = 0; k < QF_COUNT; k++) {
		if (q->filter[k] >= 0)
			return true;
	}
	return false;
}

/* The time left (or how late), and how the row should stand out. */
static enum tui_mark
queue_due(const struct queue_row *r, int64_t now, char *out, size_t size)
{
	char		 d[DURATION_BUFSZ];
	enum tui_mark	 m = TUI_MARK_NONE;

	out[0] = '\0';
	if (r->acknowledged)
		snprintf(out, size, "%s", r->overdue ? _("ack'd, late") :
		    _("ack'd"));
	else if (r->ack_due != 0 && r->ack_due <= now) {
		/* Minutes are precise enough to phone by. */
		snprintf(out, size, _("overdue %s"), duration_format(
		    (now - r->ack_due) / 60 * 60 + 60, d, sizeof d));
		m = TUI_MARK_LATE;
	} else if (r->ack_due != 0) {
		snprintf(out, size, _("%s left"), duration_format(
		    (r->ack_due - now + 59) / 60 * 60, d, sizeof d));
		if (r->ack_due - now <= 15 * 60)
			m = TUI_MARK_SOON;
	}
	if (r->overdue && m == TUI_MARK_NONE)
		m = TUI_MARK_LATE;
	else if (r->acknowledged && m == TUI_MARK_NONE)
		m = TUI_MARK_ACK;
	/* An emergency stands out above all, until acknowledged. */
	if (r->emergency)
		m = TUI_MARK_EMERGENCY;
	return m;
}

/* One row of the queue, in the columns queue_draw laid out. */
static void
queue_row_draw(void *arg, size_t i, int y, int x0, int cols, bool selected)
{
	struct tui_queue	*q = arg;
	struct queue_row	*r;
	struct buf		 b;
	const char		*cell[8];
	char			 id[32], left[48];
	enum tui_mark		 m;
	int			 k;

	if ((int64_t)i < q->offset || (int64_t)i >= q->offset +
	    (int64_t)q->n)
		return;
	r = &q->rows[i - (size_t)q->offset];
	m = queue_due(r, q->now, left, sizeof left);
	/* The state's mark first: it says it without colour too. */
	snprintf(id, sizeof id, "%s %lld", tui_mark_char(m), (long long)r->id);
	cell[0] = id;
	cell[1] = r->when;
	cell[2] = r->category;
	cell[3] = r->severity;
	cell[4] = r->who;
	cell[5] = r->level;
	cell[6] = r->call;
	cell[7] = left;
	/* One line, gaps and the end padded: the bar is never broken. */
	buf_init(&b);
	for (k = 0; k < 8; k++) {
		if (q->w[k] <= 0)
			continue;
		width_pad(&b, cell[k], (size_t)q->w[k]);
		buf_putc(&b, ' ');
	}
	attrset(selected ? tui_role_attr(TUI_R_SELECTION) :
	    tui_mark_attr(q->t, m));
	tui_put(y, x0, buf_str(&b), cols);
	attrset(A_NORMAL);
	buf_done(&b);
}

static const struct tui_list_ops queue_list_ops = {
	.count = queue_count,
	.window = queue_window,
	.draw = queue_row_draw,
};

/* The mark, a space and the longest number loaded ("ID" at least). */
static int
queue_id_width(const struct tui_queue *q)
{
	char	 n[32];
	size_t	 i;
	int	 most = 4;

	for (i = 0; i < q->n; i++) {
		if (snprintf(n, sizeof n, "%lld", (long long)q->rows[i].id) >
		    most)
			most = (int)strlen(n);
	}
	return 2 + most;
}

/* The widest of column k (2 category, 4 who, 5 level, 6 call) loaded. */
static int
queue_widest(const struct tui_queue *q, int k)
{
	const struct queue_row	*r;
	const char		*cell;
	size_t			 i, w, most = 0;

	for (i = 0; i < q->n; i++) {
		r = &q->rows[i];
		cell = k == 2 ? r->category : k == 4 ? r->who : k == 5 ?
		    r->level : r->call;
		if ((w = width_str(cell)) > most)
			most = w;
	}
	return (int)most;
}

static void
queue_draw(struct tui *t, void *data, int top, int rows, int cols)
{
	struct tui_queue	*q = data;
	struct buf		 b;
	int			 w[8] = { 6, 11, 9, 4, 0, 9, 0, 11 }, x, k;
	int			 y = top, rest, extra, who, need;
	const char		*head[8];

	q->t = t;
	head[0] = _("ID");
	head[1] = _("OCCURRED");
	head[2] = _("CATEGORY");
	head[3] = _("SEV");
	head[4] = _("WHO / WHERE");
	head[5] = _("LEVEL");
	head[6] = _("CALL");
	head[7] = _("DUE");
	buf_init(&b);
	/* The filter lines, while they are open. */
	if (q->filtering) {
		for (k = 0; k < QF_COUNT; k++, y++) {
			b.len = 0;
			buf_puts(&b, "");
			width_pad(&b, queue_filter_label(k), 22);
			buf_printf(&b, " ‹ %s ›", queue_filter_value(q, k));
			attrset(k == q->ffocus ?
			    tui_role_attr(TUI_R_SELECTION) : A_NORMAL);
			tui_put(y, 1, buf_str(&b), cols - 2);
			attrset(A_NORMAL);
		}
		tui_put(y++, 1, _("Left/Right change, Up/Down move, Backspace "
		    "any, Enter done."), cols - 2);
	} else if (queue_filtered(q)) {
		b.len = 0;
		buf_puts(&b, _("Filter:"));
		for (k = 0; k < QF_COUNT; k++) {
			if (q->filter[k] >= 0)
				buf_printf(&b, " %s=%s", queue_filter_label(k),
				    queue_filter_value(q, k));
		}
		buf_puts(&b, _("  (f changes it)"));
		attron(A_BOLD);
		tui_put(y++, 1, buf_str(&b), cols - 2);
		attroff(A_BOLD);
	}
	if (q->narrowing || *edit_text(&q->narrow)) {
		tui_put(y, 1, "/", 2);
		q->nx = tui_put_edit(y, 3, &q->narrow, cols - 4);
		q->ny = y;
		y++;
	}
	queue_load(t, q);
	if (q->banner[0] != '\0') {
		attrset(tui_role_attr(TUI_R_BANNER));
		tui_put(y, 0, q->banner, cols);
		attrset(A_NORMAL);
	}
	y++;
	/* The rows to be shown, for the columns to fit what they hold. */
	tui_list_load(&q->list, top + rows - (y + 1));
	/* The numbers as long as the longest loaded, after the mark. */
	w[0] = queue_id_width(q);
	/* Who and whom to call share what the others leave. */
	/* Severities as long as their longest name (English ones are). */
	for (k = 0; k < (int)tui_app(t)->policy->nseverities; k++) {
		const struct policy_severity *sv =
		    &tui_app(t)->policy->severities[k];
		int	 sw = (int)width_str(tui_pname(sv->name, sv->name_en));

		if (sw > w[3])
			w[3] = sw > 9 ? 9 : sw;
	}
	rest = cols - (w[0] + w[1] + w[2] + w[3] + w[5] + w[7] + 7);
	/* Room beyond who and whom to call at their widest: names first. */
	if ((extra = rest - (14 + 1 + 14)) > 0) {
		k = extra / 2 > 16 ? 16 : extra / 2;
		w[2] += k;
		rest -= k;
		k = extra / 4 > 9 ? 9 : extra / 4;
		w[5] += k;
		rest -= k;
	}
	/*
	 * Whom to call as wide as the widest name on the screen (6 to 14),
	 * as long as who keeps its heading's width: at 80 columns, in
	 * English too, the duty officer sees whom to phone.
	 */
	who = (int)width_str(head[4]) > 10 ? (int)width_str(head[4]) : 10;
	w[6] = queue_widest(q, 6);
	if (w[6] < (int)width_str(head[6]))
		w[6] = (int)width_str(head[6]);
	w[6] = w[6] < 6 ? 6 : w[6] > 14 ? 14 : w[6];
	if (rest - w[6] - 1 < who)
		w[6] = rest - who - 1;
	if (w[6] < 6)
		w[6] = -1;	/* and its space goes to who */
	w[4] = rest - w[6] - 1;
	/*
	 * What who does not need (two students' names at most) goes to the
	 * names cut short.
	 */
	need = queue_widest(q, 4) > 14 ? 14 : queue_widest(q, 4);
	need = need > who ? need : who;
	for (k = 2; k <= 5; k += 3) {
		int	 want = queue_widest(q, k) - w[k], spare;

		spare = w[4] - need;
		if (want > 0 && spare > 0) {
			want = want < spare ? want : spare;
			w[k] += want;
			w[4] -= want;
		}
	}
	attrset(tui_role_attr(TUI_R_HEADING));
	/* The first column's heading after the rows' marks. */
	for (k = 0, x = 0; k < 8; x += w[k] + 1, k++)
		tui_put(y, x + (k == 0 ? 2 : 0), head[k],
		    w[k] - (k == 0 ? 2 : 0));
	attrset(A_NORMAL);
	y++;
	memcpy(q->w, w, sizeof q->w);
	q->now = app_now(tui_app(t));
	tui_list_draw(&q->list, y, 0, top + rows - y, cols, !q->filtering &&
	    !q->narrowing);
	if (q->total == 0)
		tui_put(y + 1, 1, queue_filtered(q) || *edit_text(&q->narrow) ?
		    _("Nothing open matches.") : _("Nothing open."), cols - 2);
	buf_done(&b);
	if (!q->filtering && !q->narrowing && !tui_has_message(t))
		tui_hint(t, _("Enter opens · n new · s search · f filter · "
		    "/ narrow · F1 keys"));
	else
		tui_hint(t, NULL);
}

static bool
queue_cursor(struct tui *t, void *data, int *y, int *x)
{
	struct tui_queue	*q = data;

	(void)t;
	if (!q->narrowing)
		return false;
	*y = q->ny;
	*x = q->nx;
	return true;
}

static enum tui_result
queue_filter_key(struct tui_queue *q, bool is_key, wint_t ch)
{
	int	 n, dir, *v = &q->filter[q->ffocus];

	switch (tui_action_of(TUI_S_FILTER, is_key, ch)) {
	case TUI_A_DONE:
		q->filtering = false;
		return TUI_REDRAW;
	case TUI_A_MOVE_UP:
	case TUI_A_PREV_FIELD:
		q->ffocus = (q->ffocus + QF_COUNT - 1) % QF_COUNT;
		break;
	case TUI_A_MOVE_DOWN:
	case TUI_A_NEXT_FIELD:
		q->ffocus = (q->ffocus + 1) % QF_COUNT;
		break;
	case TUI_A_CHOOSE:
		n = queue_filter_count(q, q->ffocus) + 1;	/* and "any" */
		dir = is_key && ch == KEY_LEFT ? -1 : 1;
		*v = ((*v + 1) + dir + n) % n - 1;
		break;
	case TUI_A_ANY:
		*v = -1;
		break;
	case TUI_NONE:
		return TUI_HANDLED;
	default:
		return TUI_NOTHING;
	}
	q->list.sel = q->list.top = 0;
	queue_reload(q);
	return TUI_REDRAW;
}

static void
queue_open(struct tui *t, struct tui_queue *q, size_t i)
{
	if ((int64_t)i < q->offset || (int64_t)i >= q->offset +
	    (int64_t)q->n)
		return;
	/*
	 * The queue is kept, not made again: Esc comes back to the row left,
	 * followed by its number should the order have changed meanwhile.
	 */
	q->want = q->rows[i - (size_t)q->offset].id;
	q->loaded = false;
	tui_show_keep(t, &tui_incident_ops,
	    tui_incident_new_from(q->want, &tui_queue_ops, q));
}

static enum tui_result
queue_key(struct tui *t, void *data, bool is_key, wint_t ch)
{
	struct tui_queue	*q = data;
	enum tui_action		 act;

	q->t = t;
	if (q->filtering)
		return queue_filter_key(q, is_key, ch);
	if (q->narrowing) {
		act = tui_action_of(TUI_S_NARROW, is_key, ch);
		if (act == TUI_A_DONE) {
			q->narrowing = false;
			return TUI_REDRAW;
		}
		if (act == TUI_A_CLEAR) {
			q->narrowing = false;
			edit_set(&q->narrow, "");
		} else if (!tui_edit_key(&q->narrow, is_key, ch))
			return act != TUI_NONE ? TUI_NOTHING : TUI_HANDLED;
		q->list.sel = q->list.top = 0;
		return TUI_REDRAW;
	}
	/* The list's own keys; it reads the rows it moved to when drawn. */
	if (tui_list_key(&q->list, TUI_S_QUEUE, is_key, ch) != TUI_LIST_NONE) {
		q->moved = true;
		return TUI_REDRAW;
	}
	switch (tui_action_of(TUI_S_QUEUE, is_key, ch)) {
	case TUI_A_CLEAR:
		if (*edit_text(&q->narrow) == '\0')
			return TUI_HANDLED;
		edit_set(&q->narrow, "");
		return TUI_REDRAW;
	case TUI_A_OPEN:
		/*
		 * The banner says Enter opens its emergency: it does, until
		 * a row is chosen by hand (that row is what is meant then).
		 */
		if (q->banner_id != 0 && q->banner[0] != '\0' && !q->moved) {
			tui_show(t, &tui_incident_ops,
			    tui_incident_new(q->banner_id));
			return TUI_REDRAW;
		}
		queue_open(t, q, q->list.sel);
		return TUI_REDRAW;
	case TUI_A_FILTER:
		queue_load_units(q);
		q->filtering = true;
		return TUI_REDRAW;
	case TUI_A_NARROW:
		q->narrowing = true;
		return TUI_REDRAW;
	default:
		return TUI_NOTHING;
	}
}

static enum tui_result
queue_click(struct tui *t, void *data, int y, int x)
{
	struct tui_queue	*q = data;
	size_t			 row;

	(void)x;
	if (q->filtering || q->narrowing)
		return TUI_NOTHING;
	switch (tui_list_click(&q->list, y, &row)) {
	case TUI_CLICK_NONE:
		return TUI_NOTHING;
	case TUI_CLICK_OPEN:
		queue_open(t, q, row);
		break;
	case TUI_CLICK_SELECT:
		q->moved = true;
		break;
	}
	return TUI_REDRAW;
}

static unsigned
queue_screen(void *data)
{
	struct tui_queue	*q = data;

	if (q->filtering)
		return TUI_S_FILTER;
	return q->narrowing ? TUI_S_NARROW : TUI_S_QUEUE;
}

const struct tui_view_ops tui_queue_ops = {
	.name = "queue",
	.screen = TUI_S_QUEUE,
	.draw = queue_draw,
	.key = queue_key,
	.cursor = queue_cursor,
	.free = queue_free,
	.click = queue_click,
	.screen_now = queue_screen,
};
