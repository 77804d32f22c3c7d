#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "yujing/caltime.h"
#include "yujing/duration.h"
#include "yujing/engine.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/store.h"

const char *
engine_kind(enum engine_what w)
{
	static const enum record_kind kinds[] = {
		EV_LATE_REPORT, EV_INFORMED, EV_NOTIFIED, EV_EMERGENCY_PLAN,
		EV_GAP, EV_ESCALATED, EV_REMINDER, EV_OVERDUE
	};

	return record_kind_name(kinds[w]);
}

static const struct policy_path *
engine_path(const struct engine_input *e)
{
	return &e->p->paths[e->c->path];
}

/* The rung's name as people say it: 辅导员, 安全工作处. */
static const char *
engine_rung_name(const struct engine_input *e, size_t r)
{
	const struct policy_rung	*g = &engine_path(e)->rungs[r];

	return g->kind == POLICY_RUNG_LEVEL ? e->p->levels[g->index].name :
	    e->p->offices[g->index].name;
}

static bool
engine_reachable(const struct engine_contact *c)
{
	return c->name != NULL && c->phone != NULL && *c->phone != '\0';
}

static struct engine_action *
engine_add(struct engine_plan *out, enum engine_what w, size_t rung,
    int64_t due, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static struct engine_action *
engine_add(struct engine_plan *out, enum engine_what w, size_t rung,
    int64_t due, const char *fmt, ...)
{
	struct engine_action	*a;
	va_list			 ap;

	if (out->n == ENGINE_MAX_ACTIONS)
		return NULL;	/* cannot happen: paths and offices are short */
	a = &out->v[out->n++];
	memset(a, 0, sizeof *a);
	a->what = w;
	a->rung = rung;
	a->due = due;
	va_start(ap, fmt);
	vsnprintf(a->note, sizeof a->note, fmt, ap);
	va_end(ap);
	return a;
}

/* "陈老师" or "nobody on record", for notes. */
static const char *
engine_who(const struct engine_contact *c)
{
	return c->name != NULL ? c->name : "nobody on record";
}

/*
 * The incident reaches rung r at since: its clock starts there, unless
 * there is no one to call, in which case the gap is logged and it climbs
 * at once (no waiting on nobody).
 */
static void
engine_arrive(const struct engine_input *e, size_t r, int64_t since,
    struct engine_plan *out)
{
	size_t	 top = engine_path(e)->nrungs - 1;

	while (!engine_reachable(&e->rungs[r])) {
		if (e->rungs[r].name == NULL)
			engine_add(out, ENGINE_GAP, r, 0, "nobody responsible "
			    "at %s is on record%s", engine_rung_name(e, r),
			    r < top ? "; climbing at once" : "");
		else
			engine_add(out, ENGINE_GAP, r, 0, "%s at %s has no "
			    "phone on record%s", e->rungs[r].name,
			    engine_rung_name(e, r),
			    r < top ? "; climbing at once" : "");
		if (r == top)
			break;
		r++;
		engine_add(out, ENGINE_ESCALATED, r, 0, "climbed to %s (%s): "
		    "no one to call at %s", engine_rung_name(e, r),
		    engine_who(&e->rungs[r]), engine_rung_name(e, r - 1));
	}
	out->rung = r;
	out->rung_since = since;
	out->ack_due = since + policy_ack_within(e->p, e->c, r);
}

static void
engine_plan_init(const struct engine_input *e, struct engine_plan *out)
{
	memset(out, 0, sizeof *out);
	out->rung = (size_t)e->in->rung;
	out->rung_since = e->in->rung_since;
	out->ack_due = e->in->ack_due;
	out->overdue_since = e->in->overdue_since;
}

void
engine_report(const struct engine_input *e, struct engine_plan *out)
{
	const struct store_incident	*in = e->in;
	struct engine_action		*a;
	size_t				 r, i;
	int64_t				 delay = in->reported_at - in->occurred_at;
	char				 d1[DURATION_BUFSZ], d2[DURATION_BUFSZ];
	bool				 all = e->sv->notify_all;

	engine_plan_init(e, out);
	if (e->c->report_within != 0 && delay > e->c->report_within)
		engine_add(out, ENGINE_LATE_REPORT, out->rung, 0, "logged %s "
		    "after it happened; the policy asks for %s (S15)",
		    duration_format(delay, d1, sizeof d1),
		    duration_format(e->c->report_within, d2, sizeof d2));
	for (r = 0; r < out->rung; r++)
		engine_add(out, ENGINE_INFORMED, r, 0, "informed (%s): the "
		    "report went straight to %s, skipping level by level (S13)",
		    engine_who(&e->rungs[r]), engine_rung_name(e, out->rung));
	for (i = 0; i < e->p->noffices; i++) {
		size_t	 k;
		bool	 named = false;

		for (k = 0; k < e->c->nnotify; k++) {
			if (e->c->notify[k] == i)
				named = true;
		}
		if (!all && !named)
			continue;
		a = engine_add(out, ENGINE_NOTIFIED, 0, 0, "%s notified (%s)%s",
		    e->p->offices[i].name, engine_who(&e->offices[i]),
		    all && !named ? ": emergency, every office" : "");
		if (a != NULL)
			a->office = i;
	}
	if (e->sv->emergency_plan)
		engine_add(out, ENGINE_EMERGENCY_PLAN, out->rung, 0,
		    "%s: the emergency plan (应急预案) is raised and %s is "
		    "told at once (S10)", e->sv->name,
		    engine_rung_name(e, engine_path(e)->nrungs - 1));
	engine_arrive(e, out->rung, in->reported_at, out);
}

void
engine_tick(const struct engine_input *e, struct engine_plan *out)
{
	const struct store_incident	*in = e->in;
	size_t				 top = engine_path(e)->nrungs - 1;
	int64_t				 due, every;
	char				 d1[DURATION_BUFSZ], t1[32];

	engine_plan_init(e, out);
	if (record_state_is(in->state, RECORD_RESOLVED))
		return;
	/* Climbing: only while nobody has acknowledged at the current rung. */
	while (record_state_is(in->state, RECORD_OPEN) && out->ack_due != 0 &&
	    e->now >= out->ack_due) {
		due = out->ack_due;
		if (out->rung < top) {
			size_t	 from = out->rung;

			engine_add(out, ENGINE_ESCALATED, from + 1, due,
			    "no acknowledgement from %s (%s) within %s, due "
			    "%s; climbed to %s (%s)", engine_rung_name(e, from),
			    engine_who(&e->rungs[from]), duration_format(
			    policy_ack_within(e->p, e->c, from), d1, sizeof d1),
			    caltime_format_local(due, t1, sizeof t1),
			    engine_rung_name(e, from + 1),
			    engine_who(&e->rungs[from + 1]));
			/* A late tick catches up: the next clock started then. */
			engine_arrive(e, from + 1, due, out);
			continue;
		}
		/* At the top it stays; reminders repeat every ack_within. */
		every = policy_ack_within(e->p, e->c, top);
		engine_add(out, ENGINE_REMINDER, top, due, "still not "
		    "acknowledged at the top, %s (%s): overdue since %s; "
		    "reminder", engine_rung_name(e, top),
		    engine_who(&e->rungs[top]), caltime_format_local(
		    out->rung_since + every, t1, sizeof t1));
		while (due <= e->now)
			due += every;
		out->ack_due = due;
	}
	/* Resolution: overdue once; a climb too when the category says so. */
	if (in->resolve_due != 0 && e->now >= in->resolve_due &&
	    out->overdue_since == 0) {
		out->overdue_since = in->resolve_due;
		engine_add(out, ENGINE_OVERDUE, out->rung, in->resolve_due,
		    "not resolved within %s (due %s)", duration_format(
		    e->c->resolve_within, d1, sizeof d1), caltime_format_local(
		    in->resolve_due, t1, sizeof t1));
		if (e->c->escalate_when_unresolved && out->rung < top) {
			size_t	 from = out->rung;

			engine_add(out, ENGINE_ESCALATED, from + 1,
			    in->resolve_due, "not resolved in time at %s; "
			    "climbed to %s (%s)", engine_rung_name(e, from),
			    engine_rung_name(e, from + 1),
			    engine_who(&e->rungs[from + 1]));
			engine_arrive(e, from + 1, e->now, out);
		}
	}
}

int
engine_escalate(const struct engine_input *e, size_t to, const char *reason,
    struct engine_plan *out)
{
	size_t	 r, from = (size_t)e->in->rung;

	engine_plan_init(e, out);
	if (to <= from || to >= engine_path(e)->nrungs ||
	    record_state_is(e->in->state, RECORD_RESOLVED))
		return -1;
	for (r = from + 1; r < to; r++)
		engine_add(out, ENGINE_INFORMED, r, 0, "informed (%s): "
		    "escalated past it to %s", engine_who(&e->rungs[r]),
		    engine_rung_name(e, to));
	engine_add(out, ENGINE_ESCALATED, to, 0, "escalated by hand from %s "
	    "to %s (%s): %s", engine_rung_name(e, from),
	    engine_rung_name(e, to), engine_who(&e->rungs[to]), reason);
	engine_arrive(e, to, e->now, out);
	return 0;
}
