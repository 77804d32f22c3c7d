#include "config.h"

#include <string.h>

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

#define ENGINE_WHY_NAME(e, name)	[e] = name,
static const char *const engine_whys[] = {
	ENGINE_WHYS(ENGINE_WHY_NAME)
};

const char *
engine_why_name(enum engine_why w)
{
	return w < ENGINE_NWHYS ? engine_whys[w] : "";
}

enum engine_why
engine_why_of(const char *name)
{
	int	 i;

	for (i = 1; name != NULL && i < ENGINE_NWHYS; i++) {
		if (strcmp(engine_whys[i], name) == 0)
			return (enum engine_why)i;
	}
	return ENGINE_WHY_NONE;
}

int64_t
engine_ack_first_due(const struct policy *p, const struct policy_category *c,
    const struct store_incident *in)
{
	size_t	 top;

	if (!record_state_is(in->state, RECORD_OPEN) || in->ack_due == 0)
		return 0;
	if (p == NULL || c == NULL || in->rung < 0)
		return in->ack_due;
	top = p->paths[c->path].nrungs - 1;
	/* Below the top a missed deadline climbs: ack_due is the first. */
	if ((size_t)in->rung != top)
		return in->ack_due;
	/* At the top the clock started when it arrived (engine_arrive). */
	return in->rung_since + policy_ack_within(p, c, top);
}

static const struct policy_path *
engine_path(const struct engine_input *e)
{
	return &e->p->paths[e->c->path];
}

static bool
engine_reachable(const struct engine_contact *c)
{
	return c->name != NULL && c->phone != NULL && *c->phone != '\0';
}

static struct engine_action *
engine_add(struct engine_plan *out, enum engine_what w, enum engine_why why,
    size_t rung, int64_t due)
{
	struct engine_action	*a;

	if (out->n == ENGINE_MAX_ACTIONS)
		return NULL;	/* cannot happen: paths and offices are short */
	a = &out->v[out->n++];
	memset(a, 0, sizeof *a);
	a->what = w;
	a->why = why;
	a->rung = rung;
	a->due = due;
	return a;
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
	struct engine_action	*a;
	size_t			 top = engine_path(e)->nrungs - 1;

	while (!engine_reachable(&e->rungs[r])) {
		a = engine_add(out, ENGINE_GAP, e->rungs[r].name == NULL ?
		    ENGINE_WHY_NOBODY : ENGINE_WHY_NO_PHONE, r, 0);
		if (a != NULL)
			a->climbs = r < top;
		if (r == top)
			break;
		r++;
		a = engine_add(out, ENGINE_ESCALATED, ENGINE_WHY_NO_ONE, r, 0);
		if (a != NULL)
			a->other = r - 1;
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

/* Whether category c names office i among those it notifies. */
static bool
engine_office_named(const struct policy_category *c, size_t i)
{
	size_t	 k;

	for (k = 0; k < c->nnotify; k++) {
		if (c->notify[k] == i)
			return true;
	}
	return false;
}

void
engine_corrected(const struct engine_input *e,
    const struct policy_category *was_c, const struct policy_severity *was_sv,
    struct engine_plan *out)
{
	struct engine_action	*a;
	size_t			 i;
	bool			 now, before;

	engine_plan_init(e, out);
	for (i = 0; i < e->p->noffices; i++) {
		now = e->sv->notify_all || engine_office_named(e->c, i);
		before = was_sv->notify_all || engine_office_named(was_c, i);
		if (!now || before)
			continue;
		a = engine_add(out, ENGINE_NOTIFIED, engine_office_named(e->c,
		    i) ? ENGINE_WHY_NAMED : ENGINE_WHY_EVERY_OFFICE, 0, 0);
		if (a != NULL)
			a->office = i;
	}
	if (e->sv->emergency_plan && !was_sv->emergency_plan) {
		a = engine_add(out, ENGINE_EMERGENCY_PLAN, ENGINE_WHY_NONE,
		    out->rung, 0);
		if (a != NULL)
			a->other = engine_path(e)->nrungs - 1;
	}
}

void
engine_report(const struct engine_input *e, struct engine_plan *out)
{
	const struct store_incident	*in = e->in;
	struct engine_action		*a;
	size_t				 r, i;
	int64_t				 delay = in->reported_at - in->occurred_at;
	bool				 all = e->sv->notify_all;

	engine_plan_init(e, out);
	if (e->c->report_within != 0 && delay > e->c->report_within &&
	    (a = engine_add(out, ENGINE_LATE_REPORT, ENGINE_WHY_NONE,
	    out->rung, 0)) != NULL) {
		a->delay = delay;
		a->within = e->c->report_within;
	}
	for (r = 0; r < out->rung; r++) {
		a = engine_add(out, ENGINE_INFORMED, ENGINE_WHY_SKIP_LEVEL, r,
		    0);
		if (a != NULL)
			a->other = out->rung;
	}
	for (i = 0; i < e->p->noffices; i++) {
		bool	 named = engine_office_named(e->c, i);

		if (!all && !named)
			continue;
		a = engine_add(out, ENGINE_NOTIFIED, named ? ENGINE_WHY_NAMED :
		    ENGINE_WHY_EVERY_OFFICE, 0, 0);
		if (a != NULL)
			a->office = i;
	}
	if (e->sv->emergency_plan) {
		a = engine_add(out, ENGINE_EMERGENCY_PLAN, ENGINE_WHY_NONE,
		    out->rung, 0);
		if (a != NULL)
			a->other = engine_path(e)->nrungs - 1;
	}
	engine_arrive(e, out->rung, in->reported_at, out);
}

void
engine_tick(const struct engine_input *e, struct engine_plan *out)
{
	const struct store_incident	*in = e->in;
	struct engine_action		*a;
	size_t				 top = engine_path(e)->nrungs - 1;
	int64_t				 due, every;

	engine_plan_init(e, out);
	if (record_state_is(in->state, RECORD_RESOLVED))
		return;
	/* Climbing: only while nobody has acknowledged at the current rung. */
	while (record_state_is(in->state, RECORD_OPEN) && out->ack_due != 0 &&
	    e->now >= out->ack_due) {
		due = out->ack_due;
		if (out->rung < top) {
			size_t	 from = out->rung;

			a = engine_add(out, ENGINE_ESCALATED, ENGINE_WHY_NO_ACK,
			    from + 1, due);
			if (a != NULL) {
				a->other = from;
				a->within = policy_ack_within(e->p, e->c, from);
			}
			/* A late tick catches up: the next clock started then. */
			engine_arrive(e, from + 1, due, out);
			continue;
		}
		/* At the top it stays; reminders repeat every ack_within. */
		every = policy_ack_within(e->p, e->c, top);
		a = engine_add(out, ENGINE_REMINDER, ENGINE_WHY_NO_ACK, top, due);
		if (a != NULL) {
			/* Overdue since the first deadline here, not the last. */
			a->overdue_since = out->rung_since + every;
			a->within = every;
		}
		while (due <= e->now)
			due += every;
		out->ack_due = due;
	}
	/* Resolution: overdue once; a climb too when the category says so. */
	if (in->resolve_due != 0 && e->now >= in->resolve_due &&
	    out->overdue_since == 0) {
		out->overdue_since = in->resolve_due;
		a = engine_add(out, ENGINE_OVERDUE, ENGINE_WHY_NONE, out->rung,
		    in->resolve_due);
		if (a != NULL)
			a->within = e->c->resolve_within;
		if (e->c->escalate_when_unresolved && out->rung < top) {
			size_t	 from = out->rung;

			a = engine_add(out, ENGINE_ESCALATED,
			    ENGINE_WHY_UNRESOLVED, from + 1, in->resolve_due);
			if (a != NULL)
				a->other = from;
			engine_arrive(e, from + 1, e->now, out);
		}
	}
}

int
engine_escalate(const struct engine_input *e, size_t to, const char *reason,
    struct engine_plan *out)
{
	struct engine_action	*a;
	size_t			 r, from = (size_t)e->in->rung;

	engine_plan_init(e, out);
	if (to <= from || to >= engine_path(e)->nrungs ||
	    record_state_is(e->in->state, RECORD_RESOLVED))
		return -1;
	for (r = from + 1; r < to; r++) {
		a = engine_add(out, ENGINE_INFORMED, ENGINE_WHY_PASSED, r, 0);
		if (a != NULL)
			a->other = to;
	}
	a = engine_add(out, ENGINE_ESCALATED, ENGINE_WHY_BY_HAND, to, 0);
	if (a != NULL) {
		a->other = from;
		a->reason = reason;
	}
	engine_arrive(e, to, e->now, out);
	return 0;
}
