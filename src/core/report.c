#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
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
	struct report_group	*first;		/* where it started */
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
		return report_group(st, g->id, g->kind == POLICY_RUNG_LEVEL ?
		    p->levels[g->index].name : p->offices[g->index].name);
	case REPORT_BY_CATEGORY:
		break;
	}
	return report_group(st, st->c->id, st->c->name);
}

/* The incident reaches rung (by id) at at, for person. */
static void
report_arrive(struct report_state *st, const struct store_event *ev)
{
	const struct policy_path	*path;
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
	if (st->first == NULL)
		st->first = report_here(st);
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

		/* Credited to whom it was for (the officer only took it). */
		buf_init(&who);
		if (json_get_string(ev->payload, "for", &who) &&
		    *buf_str(&who)) {
			free(st->person);
			st->person = buf_steal(&who);
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
	} else if (record_kind_is(ev->kind, EV_REOPENED))
		st->acked = false;
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
	st->first = NULL;
	st->r = store_events(st->a->store, in->id, report_event, st, st->err);
	/* Still waiting where it stands: neither late nor never yet. */
	if (st->first != NULL) {
		if (in->report_delay > 0)
			st->first->line.late_reports++;
		if (in->overdue_since != 0)
			st->first->line.overdue++;
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
		return yj_fail(err, YJ_DENIED, _("reports are for admin, "
		    "student_affairs and school_leader"));
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
