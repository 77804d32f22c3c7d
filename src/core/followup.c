#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/escalate.h"
#include "yujing/followup.h"
#include "yujing/history.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/json.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/safe.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

#define FOLLOWUP_NOTE_MAX	2000

struct followup_read {
	struct followup	*v;
	size_t		 n;
};

static struct followup *
followup_find(struct followup_read *r, const char *id)
{
	size_t	 i;

	for (i = 0; i < r->n; i++) {
		if (strcmp(r->v[i].id, id) == 0)
			return &r->v[i];
	}
	return NULL;
}

static int
followup_event(void *arg, const struct store_event *ev)
{
	struct followup_read	*r = arg;
	struct followup		*f;
	struct buf		 b;
	int64_t			 v;
	bool			 late;
	int			 k = record_kind_of(ev->kind);

	if (k != EV_FOLLOWUP_DUE && k != EV_FOLLOWUP_DONE &&
	    k != EV_FOLLOWUP_OVERDUE)
		return 0;
	buf_init(&b);
	if (!json_get_string(ev->payload, "followup", &b)) {
		buf_done(&b);
		return 0;
	}
	f = followup_find(r, buf_str(&b));
	if (f == NULL && k == EV_FOLLOWUP_DUE) {
		r->v = xreallocarray(r->v, r->n + 1, sizeof *r->v);
		f = &r->v[r->n++];
		memset(f, 0, sizeof *f);
		snprintf(f->id, sizeof f->id, "%s", buf_str(&b));
	}
	buf_clear(&b);
	if (f == NULL) {
		buf_done(&b);
		return 0;
	}
	switch (k) {
	case EV_FOLLOWUP_DUE:
		if (json_get_int(ev->payload, "due", &v))
			f->due = v;
		if (json_get_string(ev->payload, "owner", &b))
			snprintf(f->owner, sizeof f->owner, "%s", buf_str(&b));
		break;
	case EV_FOLLOWUP_DONE:
		f->done_at = ev->at;
		snprintf(f->done_by, sizeof f->done_by, "%s", ev->actor);
		f->late = json_get_bool(ev->payload, "late", &late) && late;
		break;
	default:
		if (json_get_string(ev->payload, "to", &b))
			snprintf(f->climbed_to, sizeof f->climbed_to, "%s",
			    buf_str(&b));
		f->climbed_at = ev->at;
		break;
	}
	buf_done(&b);
	return 0;
}

/* The follow-ups as the store's history has them, nothing checked. */
static enum yj_status
followup_read(struct yj_app *a, int64_t incident, struct followup **v,
    size_t *n, struct yj_error *err)
{
	struct followup_read	 r = { NULL, 0 };
	enum yj_status		 st;

	st = store_events(a->store, incident, followup_event, &r, err);
	if (st != YJ_OK) {
		free(r.v);
		r.v = NULL;
		r.n = 0;
	}
	*v = r.v;
	*n = r.n;
	return st;
}

enum yj_status
followup_of(struct yj_app *a, int64_t incident, struct followup **v,
    size_t *n, struct yj_error *err)
{
	struct store_incident	 in;
	bool			 redacted;
	enum yj_status		 r;

	*v = NULL;
	*n = 0;
	/* That it exists and may be handled here; what it asks is policy. */
	if ((r = incident_show(a, incident, &in, &redacted, err)) != YJ_OK)
		return r;
	if (incident_access(a, &in) == INCIDENT_STUB) {
		incident_free(&in);
		return YJ_OK;
	}
	incident_free(&in);
	return followup_read(a, incident, v, n, err);
}

/* An event of the incident that leaves its state as it is. */
static enum yj_status
followup_write(struct yj_app *a, struct store_incident *in,
    enum record_kind kind, const char *level, const char *payload,
    const char *note, bool by_user, struct yj_error *err)
{
	struct store_event	 ev;

	memset(&ev, 0, sizeof ev);
	ev.incident_id = in->id;
	ev.at = app_now(a);
	ev.actor = by_user ? a->user.login : (char *)"system";
	ev.user_id = by_user ? a->user.id : 0;
	ev.kind = (char *)record_kind_name(kind);
	ev.level = (char *)(level != NULL ? level : "");
	ev.payload = (char *)payload;
	ev.note = (char *)(note != NULL ? note : "");
	return store_incident_update(a->store, in, &ev, err);
}

enum yj_status
followup_set(struct yj_app *a, struct store_incident *in,
    struct yj_error *err)
{
	const struct policy		*p = a->policy;
	const struct policy_followup	*f;
	struct followup			*have = NULL;
	struct followup_read		 r;
	struct buf			 payload;
	struct json			 j;
	enum yj_status			 st;
	size_t				 nhave = 0, i;
	int				 c, s;

	c = policy_find(p, POLICY_CATEGORY, in->category);
	s = policy_find(p, POLICY_SEVERITY, in->severity);
	if (c < 0 || s < 0 || p->nfollowups == 0)
		return YJ_OK;
	if ((st = followup_read(a, in->id, &have, &nhave, err)) != YJ_OK)
		return st;
	r.v = have;
	r.n = nhave;
	for (i = 0; st == YJ_OK && i < p->nfollowups; i++) {
		f = &p->followups[i];
		if (!policy_followup_applies(p, f, (size_t)c, (size_t)s) ||
		    followup_find(&r, f->id) != NULL)
			continue;
		buf_init(&payload);
		json_init(&j, &payload, false);
		json_object_begin(&j);
		json_kv_string(&j, "followup", f->id);
		/* Due from the report, as the policy reckons time today. */
		json_kv_int(&j, "due", policy_followup_due(p, f,
		    in->reported_at));
		json_kv_string(&j, "owner", f->owner != NULL ? f->owner :
		    "reporter");
		json_object_end(&j);
		st = followup_write(a, in, EV_FOLLOWUP_DUE, f->owner,
		    buf_str(&payload), NULL, false, err);
		buf_done(&payload);
	}
	free(have);
	return st;
}

enum yj_status
followup_done(struct yj_app *a, int64_t incident, const char *followup,
    const char *text, struct yj_error *err)
{
	struct store_incident	 in;
	struct followup		*v = NULL, *f = NULL;
	struct followup_read	 r;
	char			 payload[160];
	bool			 redacted;
	size_t			 n = 0;
	enum yj_status		 st;

	if (text != NULL && *text != '\0' && (st = safe_check("the note", text,
	    FOLLOWUP_NOTE_MAX, SAFE_TEXT, err)) != YJ_OK)
		return st;
	if ((st = incident_show(a, incident, &in, &redacted, err)) != YJ_OK)
		return st;
	if (incident_access(a, &in) == INCIDENT_STUB) {
		incident_free(&in);
		return yj_fail(err, YJ_DENIED, "your role (%s) may not act on "
		    "incident %lld", a->user.role, (long long)incident);
	}
	incident_free(&in);
	/* Decided inside the write: two saying it at once say it once. */
	if ((st = store_begin(a->store, err)) != YJ_OK)
		return st;
	if ((st = store_incident_get(a->store, incident, &in, err)) != YJ_OK)
		goto fail;
	if ((st = followup_read(a, incident, &v, &n, err)) != YJ_OK)
		goto fail_in;
	r.v = v;
	r.n = n;
	f = followup_find(&r, followup);
	if (f == NULL)
		st = yj_fail(err, YJ_NOT_FOUND, "incident %lld asks no "
		    "follow-up %s", (long long)incident, followup);
	else if (f->done_at != 0)
		st = yj_fail(err, YJ_BAD_INPUT, "follow-up %s of incident %lld "
		    "is done already", followup, (long long)incident);
	if (st != YJ_OK)
		goto fail_in;
	snprintf(payload, sizeof payload, "{\"followup\":\"%s\",\"late\":%s}",
	    f->id, app_now(a) > f->due ? "true" : "false");
	st = followup_write(a, &in, EV_FOLLOWUP_DONE, f->owner, payload, text,
	    true, err);
	free(v);
	store_incident_free(&in);
	if (st != YJ_OK) {
		store_rollback(a->store);
		return st;
	}
	return store_commit(a->store, err);
fail_in:
	free(v);
	store_incident_free(&in);
fail:
	store_rollback(a->store);
	return st;
}

/* The rung index of id on the incident's path, or -1. */
static int
followup_rung(const struct policy *p, const struct store_incident *in,
    const char *id)
{
	const struct policy_category	*c = policy_category(p, in->category);
	const struct policy_path	*path;
	size_t				 i;

	if (c == NULL || id == NULL)
		return -1;
	path = &p->paths[c->path];
	for (i = 0; i < path->nrungs; i++) {
		if (strcmp(path->rungs[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

struct followup_ticking {
	struct yj_app	*a;
	escalate_cb	 cb;
	void		*arg;
	int		 count;
	int64_t		*ids;		/* incidents with one past its time */
	size_t		 nids;
};

static int
followup_late(void *arg, const struct store_followup *f)
{
	struct followup_ticking	*t = arg;

	if (f->due > app_now(t->a))
		return 1;	/* soonest first: none after is due */
	if (t->nids > 0 && t->ids[t->nids - 1] == f->incident)
		return 0;
	t->ids = xreallocarray(t->ids, t->nids + 1, sizeof *t->ids);
	t->ids[t->nids++] = f->incident;
	return 0;
}

/* One incident's overdue follow-ups climbed a level, in one write. */
static enum yj_status
followup_climb(struct followup_ticking *t, int64_t id, struct yj_error *err)
{
	struct yj_app			*a = t->a;
	const struct policy		*p = a->policy;
	const struct policy_category	*c;
	struct store_incident		 in;
	struct escalate_contacts	 who;
	struct escalate_done		 done;
	struct followup			*v = NULL;
	struct buf			 payload, text;
	struct store_event		 ev;
	enum yj_status			 st;
	size_t				 n = 0, i;
	int64_t				 now = app_now(a), next_at;
	int				 from, to;

	if ((st = store_begin(a->store, err)) != YJ_OK)
		return st;
	if ((st = store_incident_get(a->store, id, &in, err)) != YJ_OK) {
		store_rollback(a->store);
		return st;
	}
	c = policy_category(p, in.category);
	if (c == NULL || (st = followup_read(a, id, &v, &n, err)) != YJ_OK ||
	    (st = escalate_contacts(a, &in, &who, err)) != YJ_OK) {
		free(v);
		store_incident_free(&in);
		store_rollback(a->store);
		return c == NULL ? YJ_OK : st;
	}
	for (i = 0; st == YJ_OK && i < n; i++) {
		if (v[i].done_at != 0 || v[i].due > now)
			continue;
		/* From its owner (the reporter's: the first rung) up. */
		from = v[i].climbed_to[0] != '\0' ? followup_rung(p, &in,
		    v[i].climbed_to) : followup_rung(p, &in, v[i].owner);
		to = from + 1;
		if (v[i].climbed_to[0] != '\0') {
			next_at = v[i].climbed_at + policy_ack_within(p, c,
			    (size_t)(from >= 0 ? from : 0));
			if (now < next_at)
				continue;
		}
		if (to < 0 || (size_t)to >= p->paths[c->path].nrungs)
			continue;	/* at the top: it stays overdue there */
		buf_init(&payload);
		buf_printf(&payload, "{\"followup\":\"%s\",\"to\":\"%s\"}",
		    v[i].id, p->paths[c->path].rungs[to].id);
		st = followup_write(a, &in, EV_FOLLOWUP_OVERDUE,
		    p->paths[c->path].rungs[to].id, buf_str(&payload), NULL,
		    false, err);
		if (st == YJ_OK) {
			memset(&ev, 0, sizeof ev);
			ev.kind = (char *)record_kind_name(EV_FOLLOWUP_OVERDUE);
			ev.level = (char *)p->paths[c->path].rungs[to].id;
			ev.payload = (char *)buf_str(&payload);
			ev.note = (char *)"";
			buf_init(&text);
			history_describe(a, &ev, &text);
			/* Whoever answers there is told, as a climb tells. */
			escalate_notice(a, &in, who.people != NULL ?
			    &who.people[to] : NULL, &who.rungs[to], ev.level,
			    buf_str(&text));
			if (t->cb != NULL) {
				done.incident = in.id;
				done.kind = ev.kind;
				done.level = ev.level;
				done.note = "";
				done.text = buf_str(&text);
				done.payload = ev.payload;
				t->cb(t->arg, &done);
			}
			t->count++;
			buf_done(&text);
		}
		buf_done(&payload);
	}
	escalate_contacts_free(&who);
	free(v);
	store_incident_free(&in);
	if (st != YJ_OK) {
		store_rollback(a->store);
		return st;
	}
	return store_commit(a->store, err);
}

enum yj_status
followup_tick(struct yj_app *a, escalate_cb cb, void *arg, int *count,
    struct yj_error *err)
{
	struct followup_ticking	 t;
	enum yj_status		 st;
	size_t			 i;

	memset(&t, 0, sizeof t);
	t.a = a;
	t.cb = cb;
	t.arg = arg;
	st = store_followups_open(a->store, app_now(a), followup_late, &t,
	    err);
	for (i = 0; st == YJ_OK && i < t.nids; i++)
		st = followup_climb(&t, t.ids[i], err);
	free(t.ids);
	*count = t.count;
	return st;
}

/* --- the period's tally ------------------------------------------------- */

struct followup_counting {
	struct yj_app		*a;
	struct followup_tally	*v;	/* one per follow-up of the policy */
	int64_t			*ids;
	size_t			 nids;
};

static int
followup_count_incident(void *arg, struct store_incident *in)
{
	struct followup_counting	*c = arg;

	c->ids = xreallocarray(c->ids, c->nids + 1, sizeof *c->ids);
	c->ids[c->nids++] = in->id;
	return 0;
}

enum yj_status
followup_report(struct yj_app *a, int64_t from, int64_t to,
    followup_tally_cb cb, void *arg, struct yj_error *err)
{
	const struct policy		*p = a->policy;
	struct followup_counting	 c;
	struct store_filter		 f;
	struct followup			*v;
	struct followup_tally		*t;
	enum yj_status			 st;
	size_t				 n, i, k;
	int				 x;
	int64_t				 now = app_now(a);

	if (!app_can(a, CAP_REPORT))
		return yj_fail(err, YJ_DENIED, _("your role (%s) may not see the "
		    "reports (rules.yaml capabilities: report)"), a->user.id !=
		    0 ? a->user.role : "none");
	memset(&c, 0, sizeof c);
	c.a = a;
	c.v = xcalloc(p->nfollowups + 1, sizeof *c.v);
	for (i = 0; i < p->nfollowups; i++) {
		c.v[i].id = p->followups[i].id;
		c.v[i].name = i18n_name(p->followups[i].name,
		    p->followups[i].name_en);
	}
	memset(&f, 0, sizeof f);
	f.since = from;
	f.until = to;
	st = store_incidents(a->store, &f, followup_count_incident, &c, err);
	for (i = 0; st == YJ_OK && i < c.nids; i++) {
		if ((st = followup_read(a, c.ids[i], &v, &n, err)) != YJ_OK)
			break;
		for (k = 0; k < n; k++) {
			if ((x = policy_find(p, POLICY_FOLLOWUP, v[k].id)) < 0)
				continue;
			t = &c.v[x];
			t->asked++;
			if (v[k].done_at != 0 && !v[k].late)
				t->on_time++;
			else if (v[k].done_at != 0)
				t->late++;
			else if (v[k].due <= now)
				t->missing++;
			else
				t->pending++;
		}
		free(v);
	}
	for (i = 0; st == YJ_OK && i < p->nfollowups; i++) {
		if (cb(arg, &c.v[i]) != 0)
			break;
	}
	free(c.v);
	free(c.ids);
	return st;
}

/* --- what I owe ------------------------------------------------------------ */

struct followup_owing {
	struct yj_app		*a;
	struct store_followup	*v;
	size_t			 n;
};

static int
followup_owed_add(void *arg, const struct store_followup *f)
{
	struct followup_owing	*o = arg;
	struct store_followup	*c;

	o->v = xreallocarray(o->v, o->n + 1, sizeof *o->v);
	c = &o->v[o->n++];
	*c = *f;
	c->followup = xstrdup(f->followup);
	c->owner = xstrdup(f->owner);
	c->climbed_to = xstrdup(f->climbed_to);
	return 0;
}

/* Whether unit is among ids (a user's scope). */
static bool
followup_in(const int64_t *ids, size_t n, int64_t unit)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (ids[i] == unit)
			return true;
	}
	return false;
}

/* Whether the signed-in user answers for the owner level of in. */
static bool
followup_owes(struct yj_app *a, const char *owner,
    const struct store_incident *in)
{
	const struct policy	*p = a->policy;
	int			 k = policy_find(p, POLICY_LEVEL, owner);

	if (k < 0 || p->levels[k].role < 0 ||
	    strcmp(p->roles[p->levels[k].role].id, a->user.role) != 0)
		return false;
	switch (p->levels[k].scope) {
	case POLICY_SCOPE_CLASS:
		return followup_in(a->user.scope_classes,
		    a->user.nscope_classes, in->class_id);
	case POLICY_SCOPE_DEPARTMENT:
		return followup_in(a->user.scope_departments,
		    a->user.nscope_departments, in->department_id);
	default:
		return true;
	}
}

enum yj_status
followup_mine(struct yj_app *a, followup_mine_cb cb, void *arg,
    struct yj_error *err)
{
	struct followup_owing	 o = { a, NULL, 0 };
	struct store_incident	 in;
	struct yj_error		 e;
	struct followup		 f;
	enum yj_status		 st;
	bool			 redacted, stop = false;
	size_t			 i;

	if (a->user.id == 0)
		return yj_fail(err, YJ_DENIED, "sign in first");
	st = store_followups_open(a->store, INT64_MAX, followup_owed_add, &o,
	    err);
	for (i = 0; i < o.n; i++) {
		if (st == YJ_OK && !stop && incident_show(a, o.v[i].incident,
		    &in, &redacted, &e) == YJ_OK) {
			if (incident_access(a, &in) != INCIDENT_STUB &&
			    followup_owes(a, o.v[i].owner, &in)) {
				memset(&f, 0, sizeof f);
				snprintf(f.id, sizeof f.id, "%s",
				    o.v[i].followup);
				f.due = o.v[i].due;
				snprintf(f.owner, sizeof f.owner, "%s",
				    o.v[i].owner);
				snprintf(f.climbed_to, sizeof f.climbed_to,
				    "%s", o.v[i].climbed_to);
				f.climbed_at = o.v[i].climbed_at;
				stop = cb(arg, o.v[i].incident, &f) != 0;
			}
			incident_free(&in);
		}
		free(o.v[i].followup);
		free(o.v[i].owner);
		free(o.v[i].climbed_to);
	}
	free(o.v);
	return st;
}
