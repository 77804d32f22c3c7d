#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/history.h"
#include "yujing/i18n.h"
#include "yujing/json.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/report.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

struct report_group {
	char		*key;
	char		*name;
	struct report_line line;
	int64_t		*times;
	size_t		 ntimes;
	int64_t		 incidents;	/* by category: how many */
	bool		 restricted;	/* by category: a restricted one */
};

struct report_state {
	struct yj_app		*a;
	enum report_by		 by;
	struct report_group	*g;
	size_t			 n;
	/* The incident being read: */
	const struct policy_category *c;
	const struct store_incident *in;
	int			 rung;		/* -1: none yet */
	int64_t			 since;
	bool			 acked;
	char			*person;
	/*
	 * Where it started, by index: st->g grows (report_group) while an
	 * incident's events are read, so a pointer into it would not last.
	 */
	ssize_t			 first;
	enum yj_status		 r;
	struct yj_error		*err;
};

static struct report_group *
report_group(struct report_state *st, const char *key, const char *name)
{
	size_t	 i;

	for (i = 0; i < st->n; i++) {
		if (strcmp(st->g[i].key, key) == 0)
			return &st->g[i];
	}
	st->g = xreallocarray(st->g, st->n + 1, sizeof *st->g);
	memset(&st->g[st->n], 0, sizeof st->g[st->n]);
	st->g[st->n].key = xstrdup(key);
	st->g[st->n].name = xstrdup(name);
	return &st->g[st->n++];
}

/* The group the current rung's receiver falls in. */
static struct report_group *
report_here(struct report_state *st)
{
	const struct policy		*p = st->a->policy;
	const struct policy_rung	*g;

	g = &p->paths[st->c->path].rungs[st->rung];
	switch (st->by) {
	case REPORT_BY_PERSON:
		return report_group(st, st->person != NULL ? st->person :
		    "(nobody on record)", st->person != NULL ? st->person :
		    "(nobody on record)");
	case REPORT_BY_LEVEL:
		/* Named for the reader, as the meeting's numbers are. */
		return report_group(st, g->id, history_rung(st->a, g->id));
	case REPORT_BY_CATEGORY:
		break;
	}
	return report_group(st, st->c->id, i18n_name(st->c->name,
	    st->c->name_en));
}

/* The incident reaches rung (by id) at at, for person. */
static void
report_arrive(struct report_state *st, const struct store_event *ev)
{
	const struct policy_path	*path;
	struct report_group		*first;
	struct buf			 who;
	size_t				 r;

	path = &st->a->policy->paths[st->c->path];
	for (r = 0; r < path->nrungs; r++) {
		if (strcmp(path->rungs[r].id, ev->level) == 0)
			break;
	}
	if (r == path->nrungs)
		return;		/* a rung the policy has dropped since */
	/* Left the rung before without an acknowledgement. */
	if (st->rung >= 0 && !st->acked)
		report_here(st)->line.never++;
	free(st->person);
	st->person = NULL;
	buf_init(&who);
	if (json_get_string(ev->payload, "person", &who))
		st->person = buf_steal(&who);
	buf_done(&who);
	st->rung = (int)r;
	st->since = ev->at;
	st->acked = false;
	report_here(st)->line.received++;
	if (st->first < 0) {
		first = report_here(st);
		st->first = first - st->g;
		first->incidents++;
		if (st->in->restricted)
			first->restricted = true;
	}
}

static int
report_event(void *arg, const struct store_event *ev)
{
	struct report_state	*st = arg;
	struct report_group	*g;
	int64_t			 took;

	if (record_kind_is(ev->kind, EV_REPORTED) ||
	    record_kind_is(ev->kind, EV_ESCALATED))
		report_arrive(st, ev);
	else if (record_kind_is(ev->kind, EV_ACKNOWLEDGED) && st->rung >= 0 &&
	    !st->acked) {
		struct buf	 who;

		/*
		 * Credited to whom it was for (the officer only took it):
		 * received by them, not by the one on record at the rung.
		 */
		buf_init(&who);
		if (json_get_string(ev->payload, "for", &who) &&
		    *buf_str(&who) && (st->person == NULL ||
		    strcmp(st->person, buf_str(&who)) != 0)) {
			if (st->by == REPORT_BY_PERSON)
				report_here(st)->line.received--;
			free(st->person);
			st->person = buf_steal(&who);
			if (st->by == REPORT_BY_PERSON)
				report_here(st)->line.received++;
		}
		buf_done(&who);
		g = report_here(st);
		took = ev->at - st->since;
		if (took <= policy_ack_within(st->a->policy, st->c,
		    (size_t)st->rung))
			g->line.in_time++;
		else
			g->line.late++;
		g->times = xreallocarray(g->times, g->ntimes + 1,
		    sizeof *g->times);
		g->times[g->ntimes++] = took;
		st->acked = true;
	} else if (record_kind_is(ev->kind, EV_REOPENED)) {
		/* Waiting again at its rung: timed from the reopening. */
		st->acked = false;
		st->since = ev->at;
	}
	return 0;
}

static int
report_incident(void *arg, struct store_incident *in)
{
	struct report_state	*st = arg;

	st->c = policy_category(st->a->policy, in->category);
	if (st->c == NULL)
		return 0;	/* the policy no longer knows it */
	st->in = in;
	st->rung = -1;
	st->acked = false;
	st->first = -1;
	st->r = store_events(st->a->store, in->id, report_event, st, st->err);
	/* Still waiting where it stands: neither late nor never yet. */
	if (st->first >= 0) {
		if (in->report_delay > 0)
			st->g[st->first].line.late_reports++;
		if (in->overdue_since != 0)
			st->g[st->first].line.overdue++;
	}
	free(st->person);
	st->person = NULL;
	return st->r != YJ_OK;
}

static int
report_group_cmp(const void *x, const void *y)
{
	const struct report_group	*a = x, *b = y;

	return strcmp(a->key, b->key);
}

static int
report_cmp(const void *x, const void *y)
{
	int64_t	 a = *(const int64_t *)x, b = *(const int64_t *)y;

	return a < b ? -1 : a > b;
}

enum yj_status
report_timeliness(struct yj_app *a, int64_t from, int64_t to,
    enum report_by by, report_cb cb, void *arg, struct yj_error *err)
{
	struct report_state	 st;
	struct store_filter	 f;
	struct report_group	*g;
	enum yj_status		 r;
	size_t			 i;

	if (!app_can(a, CAP_REPORT))
		return yj_fail(err, YJ_DENIED, _("your role (%s) may not see the "
		    "reports (rules.yaml capabilities: report)"), a->user.id != 0 ?
		    a->user.role : "none");
	memset(&st, 0, sizeof st);
	st.a = a;
	st.by = by;
	st.err = err;
	memset(&f, 0, sizeof f);
	f.since = from;
	f.until = to;
	r = store_incidents(a->store, &f, report_incident, &st, err);
	if (r == YJ_OK)
		r = st.r;
	if (st.n > 1)
		qsort(st.g, st.n, sizeof *st.g, report_group_cmp);
	for (i = 0; i < st.n; i++) {
		g = &st.g[i];
		g->line.key = g->key;
		g->line.name = g->name;
		g->line.median = g->line.worst = -1;
		/* A restricted category too small to be told apart. */
		g->line.small = by == REPORT_BY_CATEGORY && g->restricted &&
		    g->incidents < a->policy->min_group;
		if (g->ntimes > 0) {
			qsort(g->times, g->ntimes, sizeof *g->times,
			    report_cmp);
			g->line.median = g->times[g->ntimes / 2];
			g->line.worst = g->times[g->ntimes - 1];
		}
		if (r == YJ_OK)
			cb(arg, &g->line);
		free(g->key);
		free(g->name);
		free(g->times);
	}
	free(st.g);
	return r;
}

/* --- the meeting's numbers ------------------------------------------------ */

#define REPORT_STATS_NAME(e, name)	name,
static const char *const report_stats_names[] = {
	REPORT_STATS_BY(REPORT_STATS_NAME)
};
#undef REPORT_STATS_NAME

const char *
report_stats_by_name(enum report_stats_by by)
{
	return by < REPORT_STATS_NBY ? report_stats_names[by] : "";
}

int
report_stats_by_of(const char *name)
{
	int	 i;

	for (i = 0; name != NULL && i < REPORT_STATS_NBY; i++) {
		if (strcmp(name, report_stats_names[i]) == 0)
			return i;
	}
	return -1;
}

/*
 * Durations in the summaries' buckets (a minute apart up to 48 h, an hour
 * apart beyond), each bucket once with its count, in order: a group holds
 * only the buckets it has seen, so a year by class is as many small lists
 * as classes, not an array of every minute for each.
 */
struct stats_hist {
	struct store_hist_bin	*v;		/* by bucket, no two alike */
	size_t			 n, cap;
	int64_t			 total;
};

struct stats_group {
	char				*key;
	char				*name;
	int				 order;		/* the policy's */
	bool				 restricted;
	struct report_stats_group	 g;
	struct stats_hist		 acks, resolves;
};

struct stats_state {
	struct yj_app		*a;
	enum report_stats_by	 by;
	int64_t			 now;
	struct stats_group	*v;
	size_t			 n;
	/* Restricted categories and how many of each (the first pass). */
	char			**rcat;
	int64_t			*rcount;
	size_t			 nr;
	/* The summaries' last day and its noon (a week is found from it). */
	int64_t			 day, noon;
};

/* The first bin at or past that bucket (n when none is). */
static size_t
stats_hist_find(const struct stats_hist *h, uint32_t bucket)
{
	size_t	 lo = 0, hi = h->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (h->v[mid].bucket < bucket)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
stats_hist_add(struct stats_hist *h, uint32_t bucket, uint32_t count)
{
	size_t	 i;

	h->total += count;
	i = stats_hist_find(h, bucket);
	if (i < h->n && h->v[i].bucket == bucket) {
		h->v[i].count += count;
		return;
	}
	if (h->n == h->cap) {
		h->cap = h->cap != 0 ? h->cap * 2 : 16;
		h->v = xreallocarray(h->v, h->cap, sizeof *h->v);
	}
	memmove(&h->v[i + 1], &h->v[i], (h->n - i) * sizeof *h->v);
	h->v[i].bucket = bucket;
	h->v[i].count = count;
	h->n++;
}

static void
stats_hist_free(struct stats_hist *h)
{
	free(h->v);
}

/*
 * The duration at which at least p % of them are, by nearest rank: the
 * start of its bucket, so exact to the minute (to the hour beyond 48 h).
 */
static int64_t
stats_hist_percentile(const struct stats_hist *h, int p)
{
	int64_t	 rank, seen = 0;
	size_t	 i;

	if (h->total == 0)
		return -1;
	rank = (h->total * p + 99) / 100;
	if (rank < 1)
		rank = 1;
	for (i = 0; i < h->n; i++) {
		seen += h->v[i].count;
		if (seen >= rank)
			return store_hist_seconds(h->v[i].bucket);
	}
	return h->n > 0 ? store_hist_seconds(h->v[h->n - 1].bucket) : 0;
}

static void	stats_key(struct stats_state *, const struct store_stat *,
		    struct buf *, struct buf *, int *);

/*
 * The first pass: how many incidents of each restricted category each
 * group has (its cell: the group's key, a unit separator, the category).
 */
static void
stats_cell(struct stats_state *st, const struct store_stat *x,
    struct buf *cell)
{
	struct buf	 name;
	int		 order;

	buf_init(&name);
	stats_key(st, x, cell, &name, &order);
	buf_putc(cell, '\x1f');
	buf_puts(cell, x->category);
	buf_done(&name);
}

static void
stats_restricted_add(struct stats_state *st, const struct store_stat *x,
    int64_t n)
{
	struct buf	 cell;
	size_t		 i;

	buf_init(&cell);
	stats_cell(st, x, &cell);
	for (i = 0; i < st->nr; i++) {
		if (strcmp(st->rcat[i], buf_str(&cell)) == 0) {
			st->rcount[i] += n;
			buf_done(&cell);
			return;
		}
	}
	st->rcat = xreallocarray(st->rcat, st->nr + 1, sizeof *st->rcat);
	st->rcount = xreallocarray(st->rcount, st->nr + 1,
	    sizeof *st->rcount);
	st->rcat[st->nr] = buf_steal(&cell);
	st->rcount[st->nr++] = n;
	buf_done(&cell);
}

static int
stats_count_restricted(void *arg, const struct store_stat *x)
{
	if (x->restricted)
		stats_restricted_add(arg, x, 1);
	return 0;
}

/* A row of the summaries as an incident of its day (at noon), to group. */
static void
stats_summary_stat(struct stats_state *st, const struct store_summary *x,
    struct store_stat *y)
{
	memset(y, 0, sizeof *y);
	y->category = (char *)x->category;
	y->severity = (char *)x->severity;
	y->start_level = (char *)x->level;
	y->restricted = x->restricted;
	if (x->day != st->day) {
		st->day = x->day;
		st->noon = caltime_local((int)(x->day / 10000),
		    (int)(x->day / 100 % 100), (int)(x->day % 100), 12, 0);
	}
	y->occurred_at = st->noon;
}

static int
stats_count_restricted_summary(void *arg, const struct store_summary *x)
{
	struct store_stat	 y;

	if (x->restricted) {
		stats_summary_stat(arg, x, &y);
		stats_restricted_add(arg, &y, x->count);
	}
	return 0;
}

/*
 * Whether x is of a restricted category with fewer incidents in its
 * group than the policy's min_group: shown there, it would single
 * someone out (an hour with one, the class with one).
 */
static bool
stats_hidden(struct stats_state *st, const struct store_stat *x)
{
	struct buf	 cell;
	size_t		 i;
	bool		 hidden = false;

	if (!x->restricted)
		return false;
	buf_init(&cell);
	stats_cell(st, x, &cell);
	for (i = 0; i < st->nr; i++) {
		if (strcmp(st->rcat[i], buf_str(&cell)) == 0) {
			hidden = st->rcount[i] < st->a->policy->min_group;
			break;
		}
	}
	buf_done(&cell);
	return hidden;
}

/* The group an incident falls in: its key, name and order. */
static void
stats_key(struct stats_state *st, const struct store_stat *x,
    struct buf *key, struct buf *name, int *order)
{
	const struct policy	*p = st->a->policy;
	const char		*nm = NULL, *en = NULL;
	struct tm		 tm;
	time_t			 t = (time_t)x->occurred_at;
	int64_t			 start, day;
	char			 w[16];
	int			 k;

	*order = 0;
	switch (st->by) {
	case REPORT_STATS_CATEGORY:
		buf_puts(key, x->category);
		if ((k = policy_find(p, POLICY_CATEGORY, x->category)) >= 0) {
			nm = p->categories[k].name;
			en = p->categories[k].name_en;
			*order = k;
		}
		break;
	case REPORT_STATS_SEVERITY:
		buf_puts(key, x->severity);
		if ((k = policy_find(p, POLICY_SEVERITY, x->severity)) >= 0) {
			nm = p->severities[k].name;
			en = p->severities[k].name_en;
			*order = k;
		}
		break;
	case REPORT_STATS_LEVEL:
		buf_puts(key, x->start_level);
		if (policy_rung_names(p, x->start_level, &nm, &en)) {
			k = policy_find(p, POLICY_LEVEL, x->start_level);
			*order = k >= 0 ? k : (int)p->nlevels +
			    policy_find(p, POLICY_OFFICE, x->start_level);
		}
		break;
	case REPORT_STATS_DEPARTMENT:
	case REPORT_STATS_CLASS:
	case REPORT_STATS_BUILDING:
		nm = st->by == REPORT_STATS_DEPARTMENT ? x->department :
		    st->by == REPORT_STATS_CLASS ? x->class_name : x->building;
		buf_puts(key, nm);
		if (*nm == '\0')
			nm = _("(none)");
		break;
	case REPORT_STATS_WEEK:
		localtime_r(&t, &tm);
		strftime(w, sizeof w, "%G-W%V", &tm);
		buf_puts(key, w);
		buf_puts(name, w);
		if (p->term_start.year != 0) {
			start = caltime_local(p->term_start.year,
			    p->term_start.month, p->term_start.day, 0, 0);
			day = caltime_local(tm.tm_year + 1900, tm.tm_mon + 1,
			    tm.tm_mday, 0, 0);
			/* Whole days (a DST day aside, none here). */
			if (day >= start)
				buf_printf(name, _(" · teaching week %lld"),
				    (long long)((day - start) / (7 * 86400) +
				    1));
		}
		return;
	case REPORT_STATS_HOUR:
		localtime_r(&t, &tm);
		buf_printf(key, "%02d", tm.tm_hour);
		buf_printf(name, "%02d:00", tm.tm_hour);
		return;
	case REPORT_STATS_NBY:
		break;
	}
	buf_puts(name, nm != NULL ? i18n_name(nm, en) : buf_str(key));
}

/* The group of that key, made (with its name and order) when new. */
static struct stats_group *
stats_group_named(struct stats_state *st, const char *key, const char *name,
    int order)
{
	struct stats_group	*g;
	size_t			 i;

	for (i = 0; i < st->n; i++) {
		if (strcmp(st->v[i].key, key) == 0)
			return &st->v[i];
	}
	st->v = xreallocarray(st->v, st->n + 1, sizeof *st->v);
	g = &st->v[st->n++];
	memset(g, 0, sizeof *g);
	g->key = xstrdup(key);
	g->name = xstrdup(name);
	g->order = order;
	return g;
}

static struct stats_group *
stats_group(struct stats_state *st, const struct store_stat *x)
{
	struct stats_group	*g;
	struct buf		 key, name;
	int			 order;

	buf_init(&key);
	buf_init(&name);
	stats_key(st, x, &key, &name, &order);
	g = stats_group_named(st, buf_str(&key), buf_str(&name), order);
	buf_done(&key);
	buf_done(&name);
	return g;
}

/*
 * Grouped otherwise than by category, a restricted category's incidents
 * too few in their group would show through (an hour with one, less the
 * rest): they are counted apart, in one group of their own, nothing more.
 * NULL when x is not one of them.
 */
static struct stats_group *
stats_apart(struct stats_state *st, const struct store_stat *x, int64_t n)
{
	struct stats_group	*g;

	if (st->by == REPORT_STATS_CATEGORY || !stats_hidden(st, x))
		return NULL;
	g = stats_group_named(st, "restricted", _("(restricted, counted "
	    "apart)"), INT32_MAX);
	g->g.count += n;
	g->g.count_only = true;
	g->restricted = true;
	return g;
}

static int
stats_add(void *arg, const struct store_stat *x)
{
	struct stats_state	*st = arg;
	struct stats_group	*g;
	bool			 resolved;

	if (stats_apart(st, x, 1) != NULL)
		return 0;
	g = stats_group(st, x);
	resolved = record_state_is(x->state, RECORD_RESOLVED);
	g->g.count++;
	if (x->restricted)
		g->restricted = true;
	if (resolved)
		g->g.resolved++;
	else
		g->g.open++;
	if (x->ack_at != 0)
		stats_hist_add(&g->acks, store_hist_bucket(x->ack_at -
		    x->reported_at), 1);
	if (x->resolved_at != 0 && resolved)
		stats_hist_add(&g->resolves, store_hist_bucket(x->resolved_at -
		    x->reported_at), 1);
	if (x->report_delay > 0)
		g->g.late_reports++;
	/*
	 * Acknowledged after its first deadline, or never while it passed
	 * (before it was resolved, or by now): late, whether or not a tick
	 * came between to climb it. The summaries count it alike.
	 */
	if (x->first_due != 0 && (x->ack_at != 0 ? x->ack_at > x->first_due :
	    x->first_due < (x->resolved_at != 0 ? x->resolved_at : st->now)))
		g->g.overdue_acks++;
	if (x->skip_level)
		g->g.skip_level++;
	return 0;
}

/* A row of the summaries: a day's incidents of one kind, added at once. */
static int
stats_add_summary(void *arg, const struct store_summary *x)
{
	struct stats_state	*st = arg;
	struct stats_group	*g;
	struct store_stat	 y;
	size_t			 i;

	stats_summary_stat(st, x, &y);
	if (stats_apart(st, &y, x->count) != NULL)
		return 0;
	g = stats_group(st, &y);
	g->g.count += x->count;
	if (x->restricted)
		g->restricted = true;
	g->g.resolved += x->resolved;
	g->g.open += x->count - x->resolved;
	for (i = 0; i < x->nacks; i++)
		stats_hist_add(&g->acks, x->acks[i].bucket, x->acks[i].count);
	for (i = 0; i < x->nresolves; i++)
		stats_hist_add(&g->resolves, x->resolves[i].bucket,
		    x->resolves[i].count);
	g->g.late_reports += x->late_reports;
	g->g.overdue_acks += x->overdue_acks;
	for (i = 0; i < x->npending && x->pending[i] < st->now; i++)
		g->g.overdue_acks++;
	g->g.skip_level += x->skip_level;
	return 0;
}

static int
stats_cmp_key(const void *x, const void *y)
{
	const struct stats_group	*a = x, *b = y;

	return strcmp(a->key, b->key);
}

static int
stats_cmp_order(const void *x, const void *y)
{
	const struct stats_group	*a = x, *b = y;

	return a->order != b->order ? (a->order < b->order ? -1 : 1) :
	    strcmp(a->key, b->key);
}

/* Units big first; those counted apart last. */
static int
stats_cmp_count(const void *x, const void *y)
{
	const struct stats_group	*a = x, *b = y;

	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return a->g.count != b->g.count ? (a->g.count > b->g.count ? -1 : 1) :
	    strcmp(a->key, b->key);
}

/*
 * The summaries' day (YYYYMMDD) of t, a local midnight; false when t is
 * none, or the range is not of whole days.
 */
static bool
stats_day(int64_t t, int64_t *day)
{
	struct caldate	 d;

	caldate_of(t, 0, &d);
	if (caltime_local(d.year, d.month, d.day, 0, 0) != t)
		return false;
	*day = (int64_t)d.year * 10000 + d.month * 100 + d.day;
	return true;
}

/*
 * Whole days grouped by what the summaries are kept by: read from them.
 * Units and hours are not kept; for those every incident is read.
 */
static bool
stats_from_summaries(enum report_stats_by by, int64_t from, int64_t to,
    int64_t *dfrom, int64_t *dto)
{
	if (by != REPORT_STATS_CATEGORY && by != REPORT_STATS_SEVERITY &&
	    by != REPORT_STATS_LEVEL && by != REPORT_STATS_WEEK)
		return false;
	*dfrom = 0;
	*dto = INT64_MAX;
	if (from > 0 && !stats_day(from, dfrom))
		return false;
	if (to != INT64_MAX && !stats_day(to, dto))
		return false;
	return true;
}

enum yj_status
report_stats_read(struct yj_app *a, int64_t from, int64_t to,
    enum report_stats_by by, bool summaries, report_stats_cb cb, void *arg,
    struct yj_error *err)
{
	static const store_summary_cb passes[] = {
		stats_count_restricted_summary, stats_add_summary
	};
	struct stats_state	 st;
	struct stats_group	*g;
	enum yj_status		 r;
	int64_t			 dfrom, dto;
	size_t			 i;
	bool			 stop = false;

	if (!app_can(a, CAP_REPORT))
		return yj_fail(err, YJ_DENIED, _("your role (%s) may not see the "
		    "reports (rules.yaml capabilities: report)"), a->user.id != 0 ?
		    a->user.role : "none");
	memset(&st, 0, sizeof st);
	st.a = a;
	st.by = by;
	st.now = app_now(a);
	if (to == 0)
		to = INT64_MAX;
	/* Days counted in another time zone are not these days. */
	if (summaries && (r = store_summary_zone_ok(a->store, &summaries,
	    err)) != YJ_OK)
		return r;
	if (summaries && stats_from_summaries(by, from, to, &dfrom, &dto)) {
		/* Both passes over the same rows, read once. */
		r = store_summaries(a->store, dfrom, dto, passes, 2, &st,
		    err);
	} else {
		r = store_stats(a->store, from, to, stats_count_restricted,
		    &st, err);
		if (r == YJ_OK)
			r = store_stats(a->store, from, to, stats_add, &st,
			    err);
	}
	/* Weeks and hours in time; the policy's in its order; units big first. */
	if (st.n > 1)
		qsort(st.v, st.n, sizeof *st.v, by == REPORT_STATS_WEEK ||
		    by == REPORT_STATS_HOUR ? stats_cmp_key : by ==
		    REPORT_STATS_SEVERITY || by == REPORT_STATS_LEVEL ||
		    by == REPORT_STATS_CATEGORY ? stats_cmp_order :
		    stats_cmp_count);
	for (i = 0; i < st.n; i++) {
		g = &st.v[i];
		g->g.key = g->key;
		g->g.name = g->name;
		g->g.ack_median = stats_hist_percentile(&g->acks, 50);
		g->g.ack_p90 = stats_hist_percentile(&g->acks, 90);
		g->g.resolve_median = stats_hist_percentile(&g->resolves, 50);
		g->g.resolve_p90 = stats_hist_percentile(&g->resolves, 90);
		/* Nobody singled out by a small restricted group. */
		g->g.small = g->restricted && (by == REPORT_STATS_CATEGORY ||
		    g->g.count_only) && g->g.count < a->policy->min_group;
		if (r == YJ_OK && !stop)
			stop = cb(arg, &g->g) != 0;
		free(g->key);
		free(g->name);
		stats_hist_free(&g->acks);
		stats_hist_free(&g->resolves);
	}
	free(st.v);
	for (i = 0; i < st.nr; i++)
		free(st.rcat[i]);
	free(st.rcat);
	free(st.rcount);
	return r;
}

enum yj_status
report_stats(struct yj_app *a, int64_t from, int64_t to,
    enum report_stats_by by, report_stats_cb cb, void *arg,
    struct yj_error *err)
{
	return report_stats_read(a, from, to, by, true, cb, arg, err);
}

enum yj_status
report_rebuild_summaries(struct yj_app *a, int64_t *rows,
    struct yj_error *err)
{
	struct store_actor	 by = app_actor(a);

	*rows = 0;
	if (!app_can(a, CAP_MAINTAIN))
		return yj_fail(err, YJ_DENIED, _("your role (%s) may not rebuild "
		    "the summaries (rules.yaml capabilities: maintain)"),
		    a->user.id != 0 ? a->user.role : "none");
	return store_summary_rebuild(a->store, &by, rows, err);
}

enum yj_status
report_access_log(struct yj_app *a, int64_t from, int64_t to,
    const char *login, int64_t incident, store_access_cb cb, void *arg,
    struct yj_error *err)
{
	if (!app_can(a, CAP_READ_ACCESS_LOG))
		return yj_fail(err, YJ_DENIED, _("your role (%s) may not read "
		    "the access log (rules.yaml security: "
		    "access_log_readers)"), a->user.id != 0 ? a->user.role :
		    "none");
	/* A name mistyped must not read as "nobody looked". */
	if (login != NULL && strcmp(login, "system") != 0) {
		struct store_user	 u;
		enum yj_status		 r;

		r = store_user_get(a->store, login, &u, err);
		store_user_free(&u);
		if (r == YJ_NOT_FOUND)
			return yj_fail(err, YJ_BAD_INPUT, _("no user %s (see "
			    "'yujing user list')"), login);
		if (r != YJ_OK)
			return r;
	}
	if (incident != 0) {
		struct store_incident	 in;
		enum yj_status		 r;

		if ((r = store_incident_get(a->store, incident, &in, err)) !=
		    YJ_OK)
			return r;
		store_incident_free(&in);
	}
	return store_access_read(a->store, from, to != 0 ? to : INT64_MAX,
	    login, incident, cb, arg, err);
}

enum yj_status
report_exported(struct yj_app *a, int64_t from, int64_t to,
    const char *format, bool events, int64_t count, struct yj_error *err)
{
	struct store_actor	 by = app_actor(a);
	struct buf		 payload;
	struct json		 j;
	enum yj_status		 r;

	if (!app_can(a, CAP_EXPORT))
		return yj_fail(err, YJ_DENIED, "your role (%s) may not export",
		    a->user.id != 0 ? a->user.role : "none");
	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_int(&j, "from", from);
	json_kv_int(&j, "to", to);
	json_kv_string(&j, "format", format);
	json_kv_bool(&j, "events", events);
	/* A list streamed as it is read: counted by nobody. */
	if (count >= 0)
		json_kv_int(&j, "incidents", count);
	json_object_end(&j);
	/* A reader's record: written under --read-only too. */
	r = store_record(a->store, "export", record_kind_name(EV_EXPORTED),
	    buf_str(&payload), &by, err);
	buf_done(&payload);
	return r;
}

struct report_patterning {
	struct yj_app		*a;
	store_pattern_cb	 cb;
	void			*arg;
};

/* A restricted category's count, "<N" when too small to be told. */
static int
report_pattern(void *arg, const struct store_pattern *p)
{
	struct report_patterning	*rp = arg;
	struct store_pattern		 q = *p;

	q.small = p->kind == STORE_PATTERN_RESTRICTED &&
	    p->count < rp->a->policy->min_group;
	return rp->cb(rp->arg, &q);
}

enum yj_status
report_patterns(struct yj_app *a, int64_t from, int64_t to, int limit,
    store_pattern_cb cb, void *arg, struct yj_error *err)
{
	struct report_patterning	 rp = { a, cb, arg };

	if (!app_can(a, CAP_REPORT))
		return yj_fail(err, YJ_DENIED, _("your role (%s) may not see the "
		    "reports (rules.yaml capabilities: report)"), a->user.id != 0 ?
		    a->user.role : "none");
	return store_patterns(a->store, from, to != 0 ? to : INT64_MAX,
	    limit > 0 ? limit : 10, report_pattern, &rp, err);
}
