#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/duration.h"
#include "yujing/engine.h"
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

extern char **environ;

static const char *
escalate_keep(struct escalate_contacts *c, char *s)
{
	c->strings = xreallocarray(c->strings, c->nstrings + 1,
	    sizeof *c->strings);
	c->strings[c->nstrings++] = s;
	return s;
}

/* Units with their names, as the store lists them (escalate_unit_add). */
struct escalate_unitlist {
	int64_t		*ids;
	char		**names;
	size_t		 n;
};

static int
escalate_unit_add(void *arg, int64_t id, const char *name)
{
	struct escalate_unitlist	*u = arg;
	size_t				 i;

	for (i = 0; i < u->n; i++) {
		if (u->ids[i] == id)
			return 0;
	}
	u->ids = xreallocarray(u->ids, u->n + 1, sizeof *u->ids);
	u->names = xreallocarray(u->names, u->n + 1, sizeof *u->names);
	u->ids[u->n] = id;
	u->names[u->n++] = name != NULL ? xstrdup(name) : NULL;
	return 0;
}

static void
escalate_unitlist_free(struct escalate_unitlist *u)
{
	size_t	 i;

	for (i = 0; i < u->n; i++)
		free(u->names[i]);
	free(u->names);
	free(u->ids);
	memset(u, 0, sizeof *u);
}

/*
 * The units of escalate_units, named where the store names them: a
 * room's residents' classes and departments, buildings; the incident's
 * own class or department go without a name (NULL).
 */
static enum yj_status
escalate_unitlist(struct yj_app *a, const struct store_incident *in,
    enum policy_scope scope, struct escalate_unitlist *u,
    struct yj_error *err)
{
	struct store_student	 st;
	enum yj_status		 r = YJ_OK;
	size_t			 i;
	/* A room's incident with no student stands for its residents. */
	bool			 residents = in->nstudents == 0 &&
	    in->room_id != 0;

	memset(u, 0, sizeof *u);
	switch (scope) {
	case POLICY_SCOPE_CLASS:
		if (in->class_id != 0)
			escalate_unit_add(u, in->class_id, NULL);
		else if (residents)
			r = store_room_units(a->store, in->room_id,
			    STORE_UNIT_CLASS, in->department_id,
			    escalate_unit_add, u, err);
		break;
	case POLICY_SCOPE_DEPARTMENT:
		if (in->department_id != 0)
			escalate_unit_add(u, in->department_id, NULL);
		else if (residents)
			r = store_room_units(a->store, in->room_id,
			    STORE_UNIT_DEPARTMENT, 0, escalate_unit_add, u,
			    err);
		break;
	case POLICY_SCOPE_BUILDING:
		if (in->room_id != 0) {
			r = store_room_units(a->store, in->room_id,
			    STORE_UNIT_BUILDING, 0, escalate_unit_add, u, err);
			break;
		}
		/* No room given: where its students live. */
		for (i = 0; i < in->nstudents && r == YJ_OK; i++) {
			r = store_student_by_id(a->store, in->students[i].id,
			    &st, err);
			if (r == YJ_NOT_FOUND) {
				r = YJ_OK;
				continue;
			}
			if (r == YJ_OK && st.room_id != 0)
				r = store_room_units(a->store, st.room_id,
				    STORE_UNIT_BUILDING, 0, escalate_unit_add,
				    u, err);
			store_student_free(&st);
		}
		break;
	case POLICY_SCOPE_SCHOOL:
	case POLICY_NSCOPES:
		break;
	}
	if (r != YJ_OK)
		escalate_unitlist_free(u);
	return r;
}

enum yj_status
escalate_units(struct yj_app *a, const struct store_incident *in,
    enum policy_scope scope, int64_t **ids, size_t *n, struct yj_error *err)
{
	struct escalate_unitlist	 u;
	enum yj_status			 r;

	*ids = NULL;
	*n = 0;
	if ((r = escalate_unitlist(a, in, scope, &u, err)) != YJ_OK)
		return r;
	/* The ids are the caller's; the names go with the list. */
	*ids = u.ids;
	*n = u.n;
	u.ids = NULL;
	escalate_unitlist_free(&u);
	return YJ_OK;
}

/*
 * Who is responsible at level (scope as given) for this incident: every
 * one of them into all (when not NULL), and in out the one the engine is
 * given: the first with a phone, else the first, else nobody.
 */
static enum yj_status
escalate_lookup(struct yj_app *a, const struct store_incident *in,
    const char *level, enum policy_scope scope, bool office,
    struct engine_contact *out, struct escalate_people *all,
    struct escalate_contacts *c, struct yj_error *err)
{
	static const enum store_unit	 kinds[POLICY_NSCOPES] = {
		[POLICY_SCOPE_CLASS] = STORE_UNIT_CLASS,
		[POLICY_SCOPE_DEPARTMENT] = STORE_UNIT_DEPARTMENT,
		[POLICY_SCOPE_SCHOOL] = STORE_UNIT_SCHOOL,
		[POLICY_SCOPE_BUILDING] = STORE_UNIT_BUILDING,
	};
	struct escalate_unitlist	 u;
	struct escalate_person		*pe;
	struct store_person		 p;
	struct yj_error			 e2;
	int64_t				*seen;
	size_t				 i, k, n = 0;
	enum yj_status			 r = YJ_OK;

	out->name = out->phone = NULL;
	if (all != NULL)
		memset(all, 0, sizeof *all);
	if (office)
		scope = POLICY_SCOPE_SCHOOL;
	memset(&u, 0, sizeof u);
	if (scope == POLICY_SCOPE_SCHOOL)
		escalate_unit_add(&u, 0, NULL);
	else if ((r = escalate_unitlist(a, in, scope, &u, err)) != YJ_OK)
		return r;
	/* None (no student, no class, no room): nobody can be named. */
	seen = xcalloc(u.n + 1, sizeof *seen);
	for (i = 0; i < u.n && r == YJ_OK; i++) {
		r = store_responsible_get(a->store, level, kinds[scope],
		    u.ids[i], &p, &e2);
		if (r == YJ_NOT_FOUND) {
			r = YJ_OK;
			continue;
		}
		if (r != YJ_OK) {
			*err = e2;
			break;
		}
		/* One counselor of two of the residents' classes: once. */
		for (k = 0; k < n && seen[k] != p.id; k++)
			;
		if (k < n) {
			store_person_free(&p);
			continue;
		}
		seen[n++] = p.id;
		if (out->name == NULL || ((out->phone == NULL ||
		    *out->phone == '\0') && *p.phone != '\0')) {
			out->name = p.name;
			out->phone = p.phone;
		}
		if (all != NULL) {
			all->v = xreallocarray(all->v, all->n + 1,
			    sizeof *all->v);
			pe = &all->v[all->n++];
			pe->name = p.name;
			pe->phone = p.phone;
			pe->unit = u.names[i] != NULL ?
			    escalate_keep(c, xstrdup(u.names[i])) : NULL;
		}
		escalate_keep(c, p.name);
		escalate_keep(c, p.phone);
		free(p.title);
	}
	free(seen);
	escalate_unitlist_free(&u);
	return r;
}

enum yj_status
escalate_contacts(struct yj_app *a, const struct store_incident *in,
    struct escalate_contacts *out, struct yj_error *err)
{
	const struct policy		*p = a->policy;
	const struct policy_category	*c;
	const struct policy_path	*path;
	const struct policy_rung	*g;
	enum yj_status			 r = YJ_OK;
	size_t				 i;

	memset(out, 0, sizeof *out);
	if ((c = policy_category(p, in->category)) == NULL)
		return yj_fail(err, YJ_BAD_INPUT, _("incident %lld: the policy "
		    "no longer has category %s"), (long long)in->id,
		    in->category);
	path = &p->paths[c->path];
	out->rungs = xcalloc(path->nrungs, sizeof *out->rungs);
	out->people = xcalloc(path->nrungs, sizeof *out->people);
	out->nrungs = path->nrungs;
	out->offices = xcalloc(p->noffices + 1, sizeof *out->offices);
	out->noffices = p->noffices;
	for (i = 0; i < path->nrungs && r == YJ_OK; i++) {
		g = &path->rungs[i];
		r = escalate_lookup(a, in, g->id, g->kind == POLICY_RUNG_LEVEL ?
		    p->levels[g->index].scope : POLICY_SCOPE_SCHOOL,
		    g->kind == POLICY_RUNG_OFFICE, &out->rungs[i],
		    &out->people[i], out, err);
	}
	for (i = 0; i < p->noffices && r == YJ_OK; i++)
		r = escalate_lookup(a, in, p->offices[i].id, POLICY_SCOPE_SCHOOL,
		    true, &out->offices[i], NULL, out, err);
	if (r != YJ_OK)
		escalate_contacts_free(out);
	return r;
}

char *
escalate_current(struct yj_app *a, const struct store_incident *in)
{
	const struct policy		*p = a->policy;
	const struct policy_category	*c = policy_category(p, in->category);
	const struct policy_rung	*g;
	struct escalate_contacts	 keep;
	struct escalate_people		 all;
	struct engine_contact		 who;
	struct yj_error			 err;
	char				*name = NULL;

	if (c == NULL || in->rung < 0 ||
	    (size_t)in->rung >= p->paths[c->path].nrungs)
		return NULL;
	g = &p->paths[c->path].rungs[in->rung];
	memset(&keep, 0, sizeof keep);
	if (escalate_lookup(a, in, g->id, g->kind == POLICY_RUNG_LEVEL ?
	    p->levels[g->index].scope : POLICY_SCOPE_SCHOOL,
	    g->kind == POLICY_RUNG_OFFICE, &who, &all, &keep, &err) == YJ_OK &&
	    who.name != NULL)
		name = all.n > 1 ? xasprintf("%s +%zu", who.name, all.n - 1) :
		    xstrdup(who.name);
	free(all.v);
	escalate_contacts_free(&keep);
	return name;
}

int64_t
escalate_ack_deadline(const struct yj_app *a, const struct store_incident *in)
{
	return engine_ack_first_due(a->policy, policy_category(a->policy,
	    in->category), in);
}

int64_t
escalate_overdue_since(const struct yj_app *a,
    const struct store_incident *in, int64_t now)
{
	int64_t	 due = escalate_ack_deadline(a, in);

	return due != 0 && due <= now ? due : 0;
}

void
escalate_contacts_free(struct escalate_contacts *c)
{
	size_t	 i;

	for (i = 0; i < c->nstrings; i++)
		free(c->strings[i]);
	free(c->strings);
	for (i = 0; c->people != NULL && i < c->nrungs; i++)
		free(c->people[i].v);
	free(c->people);
	free(c->rungs);
	free(c->offices);
	memset(c, 0, sizeof *c);
}

/* The action's parameters as the event's payload (history.h reads them). */
static void
escalate_payload(const struct policy_path *path,
    const struct store_incident *in, const struct engine_action *act,
    const struct engine_contact *k, const struct engine_contact *from,
    struct buf *out)
{
	struct json	 j;
	char		 iso[40];

	json_init(&j, out, false);
	json_object_begin(&j);
	json_kv_string(&j, "person", k->name);
	json_kv_string(&j, "phone", k->phone != NULL && *k->phone ?
	    k->phone : NULL);
	json_key(&j, "due");
	if (act->due != 0)
		json_string(&j, caltime_format_iso(act->due, iso, sizeof iso));
	else
		json_null(&j);
	if (act->why != ENGINE_WHY_NONE)
		json_kv_string(&j, "why", engine_why_name(act->why));
	switch (act->what) {
	case ENGINE_LATE_REPORT:
		json_kv_int(&j, "delay", act->delay);
		json_kv_int(&j, "within", act->within);
		break;
	case ENGINE_INFORMED:
		json_kv_string(&j, "to", path->rungs[act->other].id);
		break;
	case ENGINE_NOTIFIED:
		json_kv_bool(&j, "every_office",
		    act->why == ENGINE_WHY_EVERY_OFFICE);
		break;
	case ENGINE_EMERGENCY_PLAN:
		json_kv_string(&j, "severity", in->severity);
		json_kv_string(&j, "top", path->rungs[act->other].id);
		break;
	case ENGINE_GAP:
		json_kv_bool(&j, "climbs", act->climbs);
		break;
	case ENGINE_ESCALATED:
		json_kv_string(&j, "from", path->rungs[act->other].id);
		/* Whose acknowledgement it waited for there. */
		json_kv_string(&j, "from_person", from->name);
		if (act->within != 0)
			json_kv_int(&j, "within", act->within);
		break;
	case ENGINE_REMINDER:
		json_kv_string(&j, "overdue_since", caltime_format_iso(
		    act->overdue_since, iso, sizeof iso));
		json_kv_int(&j, "every", act->within);
		break;
	case ENGINE_OVERDUE:
		json_kv_int(&j, "within", act->within);
		break;
	}
	json_object_end(&j);
}

/*
 * Who is told (notify_command, after the commit): everyone at the rung
 * with a phone (several counselors of a room's residents each answer
 * there), else k, the one the engine was given.
 */
void
escalate_notice(struct yj_app *a, const struct store_incident *in,
    const struct escalate_people *people, const struct engine_contact *k,
    const char *level, const char *message)
{
	size_t	 i, told = 0;

	for (i = 0; people != NULL && i < people->n; i++) {
		if (*people->v[i].phone == '\0')
			continue;
		app_notice_add(a, in->id, people->v[i].name,
		    people->v[i].phone, level, in->category, message);
		told++;
	}
	if (told == 0)
		app_notice_add(a, in->id, k->name, k->phone, level,
		    in->category, message);
}

/*
 * Writes the plan as events, each with the incident's summary as it
 * stands after it; inside the caller's transaction.
 */
static enum yj_status
escalate_apply(struct yj_app *a, struct store_incident *in,
    const struct policy_category *c, const struct engine_plan *plan,
    const struct escalate_contacts *who, bool by_user, escalate_cb cb,
    void *arg, struct yj_error *err)
{
	const struct policy		*p = a->policy;
	const struct policy_path	*path = &p->paths[c->path];
	const struct engine_action	*act;
	const struct engine_contact	*k;
	struct store_event		 ev;
	struct escalate_done		 done;
	struct buf			 payload, text;
	enum yj_status			 r = YJ_OK;
	size_t				 i;

	for (i = 0; i < plan->n && r == YJ_OK; i++) {
		act = &plan->v[i];
		memset(&ev, 0, sizeof ev);
		ev.incident_id = in->id;
		ev.at = app_now(a);
		ev.actor = by_user ? a->user.login : "system";
		ev.user_id = by_user ? a->user.id : 0;
		ev.kind = (char *)engine_kind(act->what);
		/* Only what a person typed: the parameters say the rest. */
		ev.note = (char *)(act->reason != NULL ? act->reason : "");
		if (act->what == ENGINE_NOTIFIED) {
			ev.level = (char *)p->offices[act->office].id;
			k = &who->offices[act->office];
		} else {
			ev.level = (char *)path->rungs[act->rung].id;
			k = &who->rungs[act->rung];
		}
		buf_init(&payload);
		escalate_payload(path, in, act, k, &who->rungs[act->what ==
		    ENGINE_ESCALATED ? act->other : act->rung], &payload);
		ev.payload = (char *)buf_str(&payload);
		/* In words, for notify_command's message and for printing. */
		buf_init(&text);
		history_describe(a, &ev, &text);

		if (act->what == ENGINE_ESCALATED) {
			in->rung = (int)act->rung;
			free(in->level);
			in->level = xstrdup(path->rungs[act->rung].id);
			free(in->state);
			in->state = xstrdup(record_state_name(RECORD_OPEN));
		}
		/* The clock as the plan leaves it, from its last event on. */
		if (i == plan->n - 1) {
			in->rung = (int)plan->rung;
			free(in->level);
			in->level = xstrdup(path->rungs[plan->rung].id);
			in->rung_since = plan->rung_since;
			in->ack_due = plan->ack_due;
			in->overdue_since = plan->overdue_since;
		}
		r = store_incident_update(a->store, in, &ev, err);
		if (r == YJ_OK && (act->what == ENGINE_ESCALATED ||
		    act->what == ENGINE_NOTIFIED || act->what ==
		    ENGINE_REMINDER || act->what == ENGINE_EMERGENCY_PLAN))
			escalate_notice(a, in, act->what == ENGINE_NOTIFIED ?
			    NULL : who->people != NULL ? &who->people[act->rung] :
			    NULL, k, ev.level,
			    buf_str(&text));
		if (r == YJ_OK && cb != NULL) {
			done.incident = in->id;
			done.kind = ev.kind;
			done.level = ev.level;
			done.note = ev.note;
			done.text = buf_str(&text);
			done.payload = ev.payload;
			cb(arg, &done);
		}
		buf_done(&text);
		buf_done(&payload);
	}
	/* Nothing to write, but the clock may still move (a reminder). */
	if (r == YJ_OK && plan->n == 0 && (in->ack_due != plan->ack_due ||
	    in->overdue_since != plan->overdue_since))
		r = yj_fail(err, YJ_DB, "the engine moved a clock without an "
		    "event");
	return r;
}

static enum yj_status
escalate_input(struct yj_app *a, const struct store_incident *in,
    struct engine_input *e, struct escalate_contacts *who,
    struct yj_error *err)
{
	enum yj_status	 r;

	memset(e, 0, sizeof *e);
	e->p = a->policy;
	e->c = policy_category(a->policy, in->category);
	e->sv = policy_severity(a->policy, in->severity);
	if (e->c == NULL || e->sv == NULL)
		return yj_fail(err, YJ_BAD_INPUT, _("incident %lld: the policy "
		    "no longer has its category %s or severity %s"),
		    (long long)in->id, in->category, in->severity);
	if ((size_t)in->rung >= a->policy->paths[e->c->path].nrungs)
		return yj_fail(err, YJ_BAD_INPUT, _("incident %lld: rung %d is "
		    "beyond its path in the policy"), (long long)in->id,
		    in->rung);
	if ((r = escalate_contacts(a, in, who, err)) != YJ_OK)
		return r;
	e->in = in;
	e->rungs = who->rungs;
	e->offices = who->offices;
	e->now = app_now(a);
	return YJ_OK;
}

/* --- early warnings (S7, S10) ------------------------------------------ */

/* Says an early warning was raised, in words, as it now stands. */
static void
escalate_raised(struct yj_app *a, int64_t id, const char *payload,
    escalate_cb cb, void *arg)
{
	struct store_incident	 in;
	struct escalate_done	 d;
	struct yj_error		 err;
	struct buf		 text;

	buf_init(&text);
	memset(&d, 0, sizeof d);
	if (store_incident_get(a->store, id, &in, &err) == YJ_OK) {
		history_summary(a, &in, &text);
		d.level = in.level;
		d.incident = id;
		d.kind = "early_warning";
		d.note = "";
		d.text = buf_str(&text);
		d.payload = payload;
		cb(arg, &d);
		store_incident_free(&in);
	}
	buf_done(&text);
}

/* Raises one early-warning incident; inside the caller's transaction. */
static enum yj_status
escalate_raise(struct yj_app *a, const struct store_incident *trigger,
    const struct policy_warning *w, const char *subject_key,
    const int64_t *ids, size_t nids,
    int64_t student, int64_t room, escalate_cb cb, void *arg,
    struct yj_error *err)
{
	const struct policy		*p = a->policy;
	const struct policy_category	*c = &p->categories[w->category];
	const struct policy_severity	*sv = &p->severities[w->severity];
	const struct policy_path	*path = &p->paths[c->path];
	struct store_incident		 in;
	struct store_incident_student	 st;
	struct store_field		 f[3];
	struct store_event		 ev;
	struct buf			 list, payload;
	struct json			 j;
	int64_t				 now = app_now(a);
	size_t				 i, start;
	enum yj_status			 r;

	buf_init(&list);
	for (i = 0; i < nids; i++)
		buf_printf(&list, "%s#%lld", i ? ", " : "", (long long)ids[i]);

	/* The start: the rule's level, or the category's and severity's. */
	start = policy_start_rung(p, c, sv);
	for (i = 0; w->start_level >= 0 && i < path->nrungs; i++) {
		if (path->rungs[i].rank >= w->start_level) {
			if (i > start)
				start = i;
			break;
		}
	}
	memset(&in, 0, sizeof in);
	in.category = (char *)c->id;
	in.category_name = (char *)c->name;
	in.severity = (char *)sv->id;
	in.severity_name = (char *)sv->name;
	in.restricted = c->restricted;
	in.state = (char *)record_state_name(RECORD_OPEN);
	in.level = (char *)path->rungs[start].id;
	in.rung = (int)start;
	in.occurred_at = trigger->occurred_at;
	in.reported_at = now;
	in.reporter = "system";
	in.reporter_role = "";
	in.logged_by = trigger->logged_by;
	in.room_id = room;
	in.location = "";
	in.department_id = trigger->department_id;
	in.class_id = trigger->class_id;
	/*
	 * No sentence is stored: the fields say which rule, about whom and
	 * which incidents, and history_summary says it in the reader's
	 * language. The text is left for what a person writes.
	 */
	in.text = "";
	in.actions = "";
	in.resolution = "";
	in.rung_since = now;
	in.ack_due = now + policy_ack_within(p, c, start);
	in.resolve_due = c->resolve_within ? now + c->resolve_within : 0;
	in.emergency = sv->emergency_plan;
	in.updated_at = now;
	if (student != 0) {
		st.id = student;
		st.number = st.name = NULL;
		in.students = &st;
		in.nstudents = 1;
	}
	f[0].key = "warning";
	f[0].value = (char *)w->id;
	f[1].key = "subject";
	f[1].value = (char *)subject_key;
	f[2].key = "incidents";
	f[2].value = (char *)buf_str(&list);
	in.fields = f;
	in.nfields = 3;

	memset(&ev, 0, sizeof ev);
	ev.at = now;
	ev.actor = "system";
	ev.kind = (char *)record_kind_name(EV_REPORTED);
	ev.level = in.level;
	ev.note = "";
	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_string(&j, "warning", w->id);
	json_kv_string(&j, "subject", subject_key);
	json_kv_string(&j, "incidents", buf_str(&list));
	json_object_end(&j);
	ev.payload = (char *)buf_str(&payload);
	r = store_incident_add(a->store, &in, &ev, err);
	if (r == YJ_OK && cb != NULL)
		escalate_raised(a, in.id, ev.payload, cb, arg);
	/* Its own plan: informed, notified, gaps, as for any report. */
	if (r == YJ_OK)
		r = escalate_reported(a, in.id, cb, arg, err);
	buf_done(&list);
	buf_done(&payload);
	return r;
}

/* One rule for one subject: count, and raise when met and not yet open. */
static enum yj_status
escalate_check(struct yj_app *a, const struct store_incident *trigger,
    const struct policy_warning *w, enum store_subject by, int64_t subject,
    escalate_cb cb, void *arg, struct yj_error *err)
{
	static const char *const byname[] = { "student", "room", "class" };
	const struct policy	*p = a->policy;
	const char		*cats[64];
	int64_t			 ids[64];
	size_t			 n = 0, i, count;
	int64_t			 open;
	char			 key[96];
	enum yj_status		 r;

	for (i = 0; i < w->ncategories && n < 64; i++)
		cats[n++] = p->categories[w->categories[i]].id;
	r = store_subject_incidents(a->store, cats, n, by, subject,
	    app_now(a) - w->within, ids, 64, &count, err);
	if (r != YJ_OK || count < (size_t)w->count)
		return r;
	snprintf(key, sizeof key, "%s:%lld", byname[by], (long long)subject);
	/*
	 * One open warning per rule and subject: never twice. The subject
	 * first: the index finds its few, where a rule has thousands.
	 */
	r = store_find_open_by_fields(a->store, p->categories[w->category].id,
	    "subject", key, "warning", w->id, &open, err);
	if (r != YJ_OK || open != 0)
		return r;
	return escalate_raise(a, trigger, w, key, ids,
	    count < 64 ? count : 64, by == STORE_BY_STUDENT ? subject : 0,
	    by == STORE_BY_ROOM ? subject : 0, cb, arg, err);
}

static enum yj_status
escalate_warnings(struct yj_app *a, const struct store_incident *in,
    escalate_cb cb, void *arg, struct yj_error *err)
{
	const struct policy		*p = a->policy;
	const struct policy_warning	*w;
	struct store_student		 st;
	enum yj_status			 r = YJ_OK;
	size_t				 i, k;
	bool				 counts;

	for (i = 0; i < p->nwarnings && r == YJ_OK; i++) {
		w = &p->warnings[i];
		counts = false;
		for (k = 0; k < w->ncategories; k++) {
			if (strcmp(p->categories[w->categories[k]].id,
			    in->category) == 0)
				counts = true;
		}
		/* A warning never counts towards a warning. */
		if (!counts || policy_category(p, in->category)->system)
			continue;
		switch (w->per) {
		case POLICY_PER_STUDENT:
			for (k = 0; k < in->nstudents && r == YJ_OK; k++)
				r = escalate_check(a, in, w, STORE_BY_STUDENT,
				    in->students[k].id, cb, arg, err);
			break;
		case POLICY_PER_ROOM:
			if (in->room_id != 0)
				r = escalate_check(a, in, w, STORE_BY_ROOM,
				    in->room_id, cb, arg, err);
			for (k = 0; k < in->nstudents && r == YJ_OK &&
			    in->room_id == 0; k++) {
				r = store_student_by_id(a->store,
				    in->students[k].id, &st, err);
				if (r == YJ_OK && st.room_id != 0)
					r = escalate_check(a, in, w,
					    STORE_BY_ROOM, st.room_id, cb, arg,
					    err);
				if (r == YJ_OK)
					store_student_free(&st);
			}
			break;
		case POLICY_PER_CLASS:
			if (in->class_id != 0 && in->nstudents > 0)
				r = escalate_check(a, in, w, STORE_BY_CLASS,
				    in->class_id, cb, arg, err);
			break;
		}
	}
	return r;
}

/*
 * The engine's plan for incident id, just logged (was_c NULL) or just
 * corrected from category was_c and severity was_sv, applied.
 */
static enum yj_status
escalate_planned(struct yj_app *a, int64_t id,
    const struct policy_category *was_c, const struct policy_severity *was_sv,
    escalate_cb cb, void *arg, struct yj_error *err)
{
	struct store_incident		 in;
	struct escalate_contacts	 who;
	struct engine_input		 e;
	struct engine_plan		 plan;
	enum yj_status			 r;

	if ((r = store_incident_get(a->store, id, &in, err)) != YJ_OK)
		return r;
	if ((r = escalate_input(a, &in, &e, &who, err)) == YJ_OK) {
		if (was_c == NULL)
			engine_report(&e, &plan);
		else
			engine_corrected(&e, was_c, was_sv, &plan);
		r = escalate_apply(a, &in, e.c, &plan, &who, false, cb, arg,
		    err);
		escalate_contacts_free(&who);
	}
	/* What it asks afterwards: a report, a talk, a letter home. */
	if (r == YJ_OK)
		r = followup_set(a, &in, err);
	/* The early-warning rules look at what was logged. */
	if (r == YJ_OK && was_c == NULL)
		r = escalate_warnings(a, &in, cb, arg, err);
	store_incident_free(&in);
	return r;
}

enum yj_status
escalate_reported(struct yj_app *a, int64_t id, escalate_cb cb, void *arg,
    struct yj_error *err)
{
	return escalate_planned(a, id, NULL, NULL, cb, arg, err);
}

enum yj_status
escalate_corrected(struct yj_app *a, int64_t id,
    const struct policy_category *was_c, const struct policy_severity *was_sv,
    struct yj_error *err)
{
	return escalate_planned(a, id, was_c, was_sv, NULL, NULL, err);
}

struct escalate_tick_arg {
	struct yj_app	*a;
	escalate_cb	 cb;
	void		*arg;
	int		 count;
	enum yj_status	 r;
	struct yj_error	*err;
};

static int
escalate_tick_one(void *arg, int64_t id)
{
	struct escalate_tick_arg	*t = arg;
	struct store_incident		 in;
	struct escalate_contacts	 who;
	struct engine_input		 e;
	struct engine_plan		 plan;
	enum yj_status			 r;

	/* Read again inside the write lock: another tick may have done it. */
	if ((r = store_begin(t->a->store, t->err)) != YJ_OK) {
		t->r = r;
		return 1;
	}
	if ((r = store_incident_get(t->a->store, id, &in, t->err)) != YJ_OK)
		goto out;
	if ((r = escalate_input(t->a, &in, &e, &who, t->err)) == YJ_OK) {
		engine_tick(&e, &plan);
		r = escalate_apply(t->a, &in, e.c, &plan, &who, false, t->cb,
		    t->arg, t->err);
		t->count += (int)plan.n;
		escalate_contacts_free(&who);
	} else if (r == YJ_BAD_INPUT) {
		/* The policy changed under this incident: say so, go on. */
		r = YJ_OK;
	}
	store_incident_free(&in);
out:
	if (r == YJ_OK)
		r = store_commit(t->a->store, t->err);
	else
		store_rollback(t->a->store);
	if (r != YJ_OK) {
		t->r = r;
		return 1;
	}
	escalate_flush(t->a, t->cb, t->arg);
	return 0;
}

enum yj_status
escalate_tick(struct yj_app *a, escalate_cb cb, void *arg, int *count,
    struct yj_error *err)
{
	struct escalate_tick_arg	 t = { a, cb, arg, 0, YJ_OK, err };
	enum yj_status			 r;
	int				 more = 0;

	r = store_due(a->store, app_now(a), escalate_tick_one, &t, err);
	/* Then the follow-ups past their time, climbing as these do. */
	if (r == YJ_OK && t.r == YJ_OK)
		r = followup_tick(a, cb, arg, &more, err);
	*count = t.count + more;
	return r != YJ_OK ? r : t.r;
}

/* Whether what was typed names the rung: its id, or either name. */
static bool
escalate_rung_is(const struct policy *p, const struct policy_rung *g,
    const char *typed)
{
	const char	*name, *name_en;

	policy_rung_names_of(p, g, &name, &name_en);
	return strcmp(g->id, typed) == 0 || (name != NULL &&
	    strcmp(name, typed) == 0) || (name_en != NULL &&
	    strcasecmp(name_en, typed) == 0);
}

enum yj_status
escalate_manual(struct yj_app *a, int64_t id, const char *to,
    const char *reason, escalate_cb cb, void *arg, struct yj_error *err)
{
	const struct policy_path	*path;
	struct store_incident		 in;
	struct escalate_contacts	 who;
	struct engine_input		 e;
	struct engine_plan		 plan;
	enum yj_status			 r;
	size_t				 target, i;

	if (!app_can(a, CAP_HANDLE))
		return yj_fail(err, YJ_DENIED, _("your role (%s) may not act on "
		    "incidents"), app_role_name(a));
	if (reason == NULL || *reason == '\0')
		return yj_fail(err, YJ_BAD_INPUT, _("escalating needs a reason "
		    "(--text)"));
	if ((r = safe_check(N_("the reason"), reason, INCIDENT_TEXT_MAX, SAFE_TEXT,
	    err)) != YJ_OK)
		return r;
	if ((r = store_begin(a->store, err)) != YJ_OK)
		return r;
	if ((r = store_incident_get(a->store, id, &in, err)) != YJ_OK)
		goto fail;
	/* Who handles it may move it, reading it or not (DESIGN §5). */
	if (incident_access(a, &in) == INCIDENT_STUB) {
		r = yj_fail(err, YJ_DENIED, _("incident %lld is restricted; "
		    "your role (%s) may not act on it"), (long long)id,
		    a->user.role);
		goto free;
	}
	if ((r = escalate_input(a, &in, &e, &who, err)) != YJ_OK)
		goto free;
	path = &a->policy->paths[e.c->path];
	target = (size_t)in.rung + 1;
	if (to != NULL) {
		for (i = 0; i < path->nrungs; i++) {
			if (escalate_rung_is(a->policy, &path->rungs[i], to))
				break;
		}
		if (i == path->nrungs) {
			r = yj_fail(err, YJ_BAD_INPUT, _("%s is not a rung of "
			    "this incident's path (%s)"), to, path->id);
			goto who;
		}
		target = i;
	}
	if (record_state_is(in.state, RECORD_RESOLVED))
		r = yj_fail(err, YJ_BAD_INPUT, _("incident %lld is resolved; "
		    "reopen it first"), (long long)id);
	else if (target >= path->nrungs)
		r = yj_fail(err, YJ_BAD_INPUT, _("incident %lld is at the top "
		    "already (%s)"), (long long)id, in.level);
	else if (engine_escalate(&e, target, reason, &plan) != 0)
		r = yj_fail(err, YJ_BAD_INPUT, _("%s is not above %s: "
		    "escalation only goes up"), path->rungs[target].id,
		    in.level);
	else
		r = escalate_apply(a, &in, e.c, &plan, &who, true, cb, arg,
		    err);
who:
	escalate_contacts_free(&who);
free:
	store_incident_free(&in);
	if (r == YJ_OK) {
		r = store_commit(a->store, err);
		if (r == YJ_OK)
			escalate_flush(a, cb, arg);
		return r;
	}
fail:
	store_rollback(a->store);
	app_notice_clear(a);
	return r;
}

/* --- notify_command ---------------------------------------------------- */

/* How one notify_command went: one of these, with its number. */
enum escalate_how {
	ESCALATE_EXITED,	/* value: the exit status */
	ESCALATE_KILLED,	/* value: the signal */
	ESCALATE_STOPPED,	/* value: seconds it was given */
	ESCALATE_NOT_STARTED	/* value: errno */
};

struct escalate_result {
	enum escalate_how	 how;
	int64_t			 value;
};

/* Starts argv in its own process group; the pid, or -1 with why in out. */
static pid_t
escalate_spawn(char **argv, struct escalate_result *out)
{
	posix_spawn_file_actions_t	 fa;
	posix_spawnattr_t		 at;
	pid_t				 pid;
	int				 rc;

	posix_spawn_file_actions_init(&fa);
	/* Its output would land on the duty officer's screen. */
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	/* Its own process group, so that a stop reaches what it started. */
	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&at, 0);
	rc = posix_spawn(&pid, argv[0], &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (rc != 0) {
		out->how = ESCALATE_NOT_STARTED;
		out->value = rc;
		return -1;
	}
	return pid;
}

static void
escalate_status(int status, struct escalate_result *out)
{
	if (WIFEXITED(status)) {
		out->how = ESCALATE_EXITED;
		out->value = WEXITSTATUS(status);
	} else {
		out->how = ESCALATE_KILLED;
		out->value = WTERMSIG(status);
	}
}

/*
 * Waits for every started command together, up to timeout seconds in
 * all; what is still running then is stopped. results[i] says how each
 * went.
 */
static void
escalate_wait(pid_t *pids, struct escalate_result *results, size_t n,
    int64_t timeout)
{
	struct timespec	 pause = { 0, 50 * 1000 * 1000 };
	int64_t		 waited = 0;
	size_t		 i, running;
	int		 status;
	pid_t		 rc;

	for (;;) {
		running = 0;
		for (i = 0; i < n; i++) {
			if (pids[i] <= 0)
				continue;
			rc = waitpid(pids[i], &status, WNOHANG);
			if (rc == pids[i]) {
				escalate_status(status, &results[i]);
				pids[i] = 0;
			} else if (rc < 0 && errno != EINTR) {
				results[i].how = ESCALATE_NOT_STARTED;
				results[i].value = errno;
				pids[i] = 0;
			} else
				running++;
		}
		if (running == 0)
			return;
		if (waited >= timeout * 1000)
			break;
		nanosleep(&pause, NULL);
		waited += 50;
	}
	for (i = 0; i < n; i++) {
		if (pids[i] <= 0)
			continue;
		kill(-pids[i], SIGKILL);
		waitpid(pids[i], &status, 0);
		results[i].how = ESCALATE_STOPPED;
		results[i].value = timeout;
	}
}

/* How it went, as a notify event's payload (history.h says it). */
static void
escalate_result_payload(const char *person, const char *phone,
    const struct escalate_result *res, struct buf *out)
{
	static const char *const keys[] = {
		[ESCALATE_EXITED] = "status",
		[ESCALATE_KILLED] = "signal",
		[ESCALATE_STOPPED] = "stopped_after",
	};
	struct json	 j;

	json_init(&j, out, false);
	json_object_begin(&j);
	json_kv_string(&j, "person", person);
	json_kv_string(&j, "phone", phone);
	/* Why it could not start as a number: shown in the reader's words. */
	if (res->how == ESCALATE_NOT_STARTED)
		json_kv_int(&j, "errno", res->value);
	else
		json_kv_int(&j, keys[res->how], res->value);
	json_object_end(&j);
}

/* Records how one notification went, as a "notify" event of its incident. */
static enum yj_status
escalate_record(struct yj_app *a, int64_t incident, const char *level,
    const char *person, const char *phone, const struct escalate_result *res,
    escalate_cb cb, void *arg)
{
	struct store_event	 ev;
	struct yj_error		 err;
	struct buf		 payload, text;
	enum yj_status		 r;

	memset(&ev, 0, sizeof ev);
	ev.incident_id = incident;
	ev.at = app_now(a);
	ev.actor = "system";
	ev.kind = (char *)record_kind_name(EV_NOTIFY);
	ev.level = (char *)level;
	ev.note = "";
	buf_init(&payload);
	escalate_result_payload(person, phone, res, &payload);
	ev.payload = (char *)buf_str(&payload);
	r = store_incident_update(a->store, NULL, &ev, &err);
	if (r == YJ_OK && cb != NULL) {
		struct escalate_done	 d = { incident,
		    record_kind_name(EV_NOTIFY), level, "", NULL, ev.payload };

		buf_init(&text);
		history_describe(a, &ev, &text);
		d.text = buf_str(&text);
		cb(arg, &d);
		buf_done(&text);
	}
	buf_done(&payload);
	return r;
}

static int64_t
escalate_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
escalate_flush(struct yj_app *a, escalate_cb cb, void *arg)
{
	const struct policy	*p = a->policy;
	struct app_notice	*n;
	struct app_running	*run;
	struct escalate_result	*results;
	char			**argv, idtext[24];
	const char		*v;
	pid_t			*pids;
	size_t			 i, k;

	if (p->notify_command == NULL || p->nnotify_command == 0 ||
	    a->nnotices == 0) {
		app_notice_clear(a);
		return;
	}
	argv = xcalloc(p->nnotify_command + 1, sizeof *argv);
	pids = xcalloc(a->nnotices, sizeof *pids);
	results = xcalloc(a->nnotices, sizeof *results);
	for (i = 0; i < a->nnotices; i++) {
		n = &a->notices[i];
		snprintf(idtext, sizeof idtext, "%lld", (long long)n->incident);
		/* Placeholders stand as whole arguments; no shell is run. */
		for (k = 0; k < p->nnotify_command; k++) {
			v = p->notify_command[k];
			if (strcmp(v, "{person}") == 0)
				v = n->person;
			else if (strcmp(v, "{phone}") == 0)
				v = n->phone;
			else if (strcmp(v, "{level}") == 0)
				v = n->level;
			else if (strcmp(v, "{incident}") == 0)
				v = idtext;
			else if (strcmp(v, "{category}") == 0)
				v = n->category;
			else if (strcmp(v, "{message}") == 0)
				v = n->message;
			argv[k] = (char *)v;
		}
		argv[k] = NULL;
		pids[i] = escalate_spawn(argv, &results[i]);
	}
	if (a->notify_async) {
		/* The screen: started; escalate_reap records them as they end. */
		for (i = 0; i < a->nnotices; i++) {
			n = &a->notices[i];
			a->running = xreallocarray(a->running, a->nrunning + 1,
			    sizeof *a->running);
			run = &a->running[a->nrunning++];
			memset(run, 0, sizeof *run);
			run->pid = pids[i] > 0 ? (int)pids[i] : 0;
			run->started = escalate_ms();
			run->incident = n->incident;
			run->level = xstrdup(n->level);
			run->person = xstrdup(n->person);
			run->phone = xstrdup(n->phone);
			run->how = results[i].how;
			run->value = results[i].value;
		}
		escalate_reap(a, false, cb, arg);
		goto out;
	}
	/* All at once: a slow gateway costs the timeout once, not each. */
	escalate_wait(pids, results, a->nnotices, p->notify_timeout);

	for (i = 0; i < a->nnotices; i++) {
		n = &a->notices[i];
		/* A failure to record it must not stop the next one. */
		escalate_record(a, n->incident, n->level, n->person, n->phone,
		    &results[i], cb, arg);
	}
out:
	free(results);
	free(pids);
	free(argv);
	app_notice_clear(a);
}

size_t
escalate_reap(struct yj_app *a, bool wait, escalate_cb cb, void *arg)
{
	struct timespec		 pause = { 0, 50 * 1000 * 1000 };
	struct app_running	*run;
	struct escalate_result	 res;
	int64_t			 timeout = a->policy->notify_timeout * 1000;
	size_t			 i, kept;
	int			 status;
	pid_t			 rc;

	for (;;) {
		for (i = 0; i < a->nrunning; i++) {
			run = &a->running[i];
			if (run->pid <= 0)
				continue;
			rc = waitpid(run->pid, &status, WNOHANG);
			if (rc == run->pid) {
				escalate_status(status, &res);
				run->how = res.how;
				run->value = res.value;
				run->pid = 0;
			} else if (rc < 0 && errno != EINTR) {
				run->how = ESCALATE_NOT_STARTED;
				run->value = errno;
				run->pid = 0;
			} else if (escalate_ms() - run->started >= timeout) {
				/* Its group: whatever it started goes too. */
				kill(-run->pid, SIGKILL);
				waitpid(run->pid, &status, 0);
				run->how = ESCALATE_STOPPED;
				run->value = a->policy->notify_timeout;
				run->pid = 0;
			}
		}
		/* Ended: recorded, or kept for the next time when busy. */
		for (i = kept = 0; i < a->nrunning; i++) {
			run = &a->running[i];
			res.how = (enum escalate_how)run->how;
			res.value = run->value;
			if (run->pid == 0 && escalate_record(a, run->incident,
			    run->level, run->person, run->phone, &res, cb,
			    arg) != YJ_BUSY) {
				free(run->level);
				free(run->person);
				free(run->phone);
				continue;
			}
			a->running[kept++] = *run;
		}
		a->nrunning = kept;
		for (i = 0; i < kept && a->running[i].pid <= 0; i++)
			;
		/* Only what could not be recorded left: next time. */
		if (!wait || i == kept)
			break;
		nanosleep(&pause, NULL);
	}
	if (a->nrunning == 0) {
		free(a->running);
		a->running = NULL;
	}
	return a->nrunning;
}
