#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/escalate.h"
#include "yujing/history.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/json.h"
#include "yujing/number.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/safe.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

/*
 * Text from the command line or a form: valid UTF-8, not too long, and
 * nothing a terminal would act on (kind: free text or a name).
 */
static enum yj_status
incident_check_text(const char *what, const char *s, size_t max,
    enum safe_kind kind, struct yj_error *err)
{
	return safe_check(what, s, max, kind, err);
}


static bool
incident_blank(const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (!isspace((unsigned char)*s))
			return false;
	}
	return true;
}

/* Normalises one category field's value by its declared type. */
static enum yj_status
incident_field_value(const struct yj_app *a, const struct policy_field *f,
    const char *value, char **out, struct yj_error *err)
{
	static const char *const yes[] = { "true", "yes", "y", "1", "是", NULL };
	static const char *const no[] = { "false", "no", "n", "0", "否", NULL };
	char		 iso[40];
	const char	*why;
	int64_t		 t;
	size_t		 i;

	switch (f->type) {
	case POLICY_FIELD_TEXT:
		*out = xstrdup(value);
		return YJ_OK;
	case POLICY_FIELD_NUMBER: {
		double	 v;

		/* A plain decimal, which every output can carry as it is. */
		if (!number_decimal(value, &v))
			return yj_fail(err, YJ_BAD_INPUT, _("field %s: '%s' is "
			    "not a number (write e.g. 3, -2 or 1500.50)"),
			    f->id, value);
		if (f->has_min && v < f->min)
			return yj_fail(err, YJ_BAD_INPUT, _("field %s: %s is "
			    "below its least, %g"), f->id, value, f->min);
		if (f->has_max && v > f->max)
			return yj_fail(err, YJ_BAD_INPUT, _("field %s: %s is "
			    "above its most, %g"), f->id, value, f->max);
		*out = xstrdup(value);
		return YJ_OK;
	}
	case POLICY_FIELD_BOOL:
		for (i = 0; yes[i] != NULL; i++) {
			if (strcasecmp(value, yes[i]) == 0) {
				*out = xstrdup("true");
				return YJ_OK;
			}
			if (strcasecmp(value, no[i]) == 0) {
				*out = xstrdup("false");
				return YJ_OK;
			}
		}
		return yj_fail(err, YJ_BAD_INPUT, _("field %s: '%s' is not yes "
		    "or no"), f->id, value);
	case POLICY_FIELD_TIME:
		if (caltime_parse_when(value, app_now(a), &t, &why) != 0)
			return yj_fail(err, YJ_BAD_INPUT, _("field %s: '%s': %s"),
			    f->id, value, why);
		*out = xstrdup(caltime_format_iso(t, iso, sizeof iso));
		return YJ_OK;
	case POLICY_FIELD_CHOICE:
		for (i = 0; i < f->nchoices; i++) {
			if (strcmp(value, f->choices[i]) == 0) {
				*out = xstrdup(value);
				return YJ_OK;
			}
		}
		{
			struct buf	 b;

			buf_init(&b);
			for (i = 0; i < f->nchoices; i++)
				buf_printf(&b, "%s%s", i ? ", " : "",
				    f->choices[i]);
			yj_fail(err, YJ_BAD_INPUT, _("field %s: '%s' is not one "
			    "of: %s"), f->id, value, buf_str(&b));
			buf_done(&b);
		}
		return YJ_BAD_INPUT;
	}
	return yj_fail(err, YJ_BAD_INPUT, "field %s: unknown type", f->id);
}

static enum yj_status
incident_fields(const struct yj_app *a, const struct policy_category *c,
    const struct incident_draft *d, struct store_incident *in,
    struct yj_error *err)
{
	const struct policy_field	*f;
	const char			*eq;
	char				*key;
	enum yj_status			 r;
	size_t				 i, k;

	in->fields = xcalloc(d->nfields + 1, sizeof *in->fields);
	for (i = 0; i < d->nfields; i++) {
		eq = strchr(d->fields[i], '=');
		if (eq == NULL || eq == d->fields[i])
			return yj_fail(err, YJ_BAD_INPUT, _("--field %s: write "
			    "KEY=VALUE"), d->fields[i]);
		key = xstrndup(d->fields[i], (size_t)(eq - d->fields[i]));
		/* Checked before it is looked up: messages below echo it. */
		if ((r = incident_check_text(N_("a field's key"), key,
		    INCIDENT_VALUE_MAX, SAFE_NAME, err)) != YJ_OK) {
			free(key);
			return r;
		}
		for (f = NULL, k = 0; k < c->nfields; k++) {
			if (strcmp(c->fields[k].id, key) == 0)
				f = &c->fields[k];
		}
		if (f == NULL) {
			struct buf	 b;

			buf_init(&b);
			for (k = 0; k < c->nfields; k++)
				buf_printf(&b, "%s%s", k ? ", " : "",
				    c->fields[k].id);
			yj_fail(err, YJ_BAD_INPUT, _("category %s has no field "
			    "'%s' (its fields: %s)"), c->id, key,
			    c->nfields ? buf_str(&b) : "none");
			buf_done(&b);
			free(key);
			return YJ_BAD_INPUT;
		}
		for (k = 0; k < in->nfields; k++) {
			if (strcmp(in->fields[k].key, key) == 0) {
				yj_fail(err, YJ_BAD_INPUT, _("field %s given "
				    "twice"), key);
				free(key);
				return YJ_BAD_INPUT;
			}
		}
		if ((r = incident_check_text(key, eq + 1, INCIDENT_VALUE_MAX,
		    SAFE_TEXT, err)) != YJ_OK) {
			free(key);
			return r;
		}
		in->fields[in->nfields].key = key;
		in->nfields++;
		r = incident_field_value(a, f, eq + 1,
		    &in->fields[in->nfields - 1].value, err);
		if (r != YJ_OK)
			return r;
	}
	for (k = 0; k < c->nfields; k++) {
		if (!c->fields[k].required)
			continue;
		for (i = 0; i < in->nfields; i++) {
			if (strcmp(in->fields[i].key, c->fields[k].id) == 0)
				break;
		}
		if (i == in->nfields)
			return yj_fail(err, YJ_BAD_INPUT, _("category %s needs "
			    "the field %s (%s): --field %s=VALUE"), c->id,
			    c->fields[k].id, c->fields[k].label,
			    c->fields[k].id);
	}
	return YJ_OK;
}

/* "3-402": the building is what comes before some '-' that names a room. */
static enum yj_status
incident_room(struct yj_app *a, const char *spec, int64_t *id,
    struct yj_error *err)
{
	struct yj_error	 e2;
	const char	*dash;
	char		*b;
	enum yj_status	 r;

	for (dash = strchr(spec, '-'); dash != NULL;
	    dash = strchr(dash + 1, '-')) {
		b = xstrndup(spec, (size_t)(dash - spec));
		r = store_room_find(a->store, b, dash + 1, id, &e2);
		free(b);
		if (r == YJ_OK)
			return YJ_OK;
		if (r != YJ_NOT_FOUND) {
			*err = e2;
			return r;
		}
	}
	return yj_fail(err, YJ_NOT_FOUND, _("no room %s (write BUILDING-ROOM, "
	    "e.g. 3-402)"), spec);
}

/*
 * A room's incident without a student is its residents': when they are
 * all of one class (of the department given, if one was), the incident
 * takes that class and its department, so that whom to call and who may
 * read it follow as for a student's; residents of one department give it
 * that department. Several are left for escalate_units to list, from the
 * room the incident keeps, one counselor for each class.
 */
static enum yj_status
incident_residents(struct yj_app *a, struct store_incident *in,
    struct yj_error *err)
{
	int64_t		*classes = NULL, *departments = NULL;
	size_t		 nclasses = 0, ndepartments = 0;
	enum yj_status	 r;

	if (in->nstudents > 0 || in->room_id == 0 || in->class_id != 0)
		return YJ_OK;
	r = escalate_units(a, in, POLICY_SCOPE_CLASS, &classes, &nclasses,
	    err);
	if (r == YJ_OK && in->department_id == 0)
		r = escalate_units(a, in, POLICY_SCOPE_DEPARTMENT,
		    &departments, &ndepartments, err);
	if (r == YJ_OK && ndepartments == 1)
		in->department_id = departments[0];
	if (r == YJ_OK && nclasses == 1 && in->department_id != 0)
		in->class_id = classes[0];
	free(classes);
	free(departments);
	return r;
}

/*
 * The first event's payload: where it started and who was responsible
 * there then (the timeliness report holds them to it, S15).
 */
static char *
incident_payload_reported(struct yj_app *a, const struct store_incident *in,
    const struct policy_category *c, const struct policy_severity *sv,
    size_t start)
{
	const struct policy_path	*path = &a->policy->paths[c->path];
	struct escalate_contacts	 who;
	struct yj_error			 e2;
	struct buf			 b;
	struct json			 j;

	buf_init(&b);
	json_init(&j, &b, false);
	json_object_begin(&j);
	if (escalate_contacts(a, in, &who, &e2) == YJ_OK) {
		json_kv_string(&j, "person", who.rungs[start].name);
		escalate_contacts_free(&who);
	}
	json_kv_string(&j, "severity", sv->id);
	json_kv_string(&j, "start", path->rungs[start].id);
	json_kv_bool(&j, "skip_level", start > 0 &&
	    path->rungs[start].rank > path->rungs[0].rank);
	json_object_end(&j);
	return buf_steal(&b);
}

/* The index of item in the category's checklist, or -1. */
static int
incident_check_item(const struct policy_category *c, const char *item)
{
	size_t	 i;

	for (i = 0; c != NULL && i < c->nchecklist; i++) {
		if (strcmp(c->checklist[i], item) == 0)
			return (int)i;
	}
	return -1;
}

enum yj_status
incident_log(struct yj_app *a, const struct incident_draft *d, int64_t *id,
    struct yj_error *err)
{
	const struct policy		*p = a->policy;
	const struct policy_category	*c;
	const struct policy_severity	*sv;
	struct store_incident		 in;
	struct store_event		 ev;
	struct store_student		 st;
	struct buf			 others;
	const char			*why;
	int64_t				 now = app_now(a);
	size_t				 i, k, start;
	enum yj_status			 r;

	memset(&in, 0, sizeof in);
	memset(&ev, 0, sizeof ev);
	if (d->category == NULL)
		return yj_fail(err, YJ_BAD_INPUT, _("no category given"));
	if ((c = policy_category(p, d->category)) == NULL)
		return yj_fail(err, YJ_BAD_INPUT, _("unknown category '%s'"),
		    d->category);
	if (c->system)
		return yj_fail(err, YJ_BAD_INPUT, _("category %s is raised by "
		    "the system, not logged by hand"), c->id);
	sv = &p->severities[c->severity];
	if (d->severity != NULL &&
	    (sv = policy_severity(p, d->severity)) == NULL)
		return yj_fail(err, YJ_BAD_INPUT, _("unknown severity '%s'"),
		    d->severity);
	if (incident_blank(d->text))
		return yj_fail(err, YJ_BAD_INPUT, _("a description is required "
		    "(--text)"));
	if ((r = incident_check_text(N_("the description"), d->text,
	    INCIDENT_TEXT_MAX, SAFE_TEXT, err)) != YJ_OK)
		return r;
	{
		const char *const *texts[] = { &d->location, &d->reporter,
		    &d->action, &d->room };
		const char *names[] = { N_("the location"), N_("the reporter"),
		    N_("the action taken"), N_("the room") };
		/* Who reported it and the room are names: one plain line. */
		const enum safe_kind kinds[] = { SAFE_TEXT, SAFE_NAME,
		    SAFE_TEXT, SAFE_NAME };

		for (i = 0; i < 4; i++) {
			if (*texts[i] != NULL && (r = incident_check_text(
			    names[i], *texts[i], i == 2 ? INCIDENT_TEXT_MAX :
			    INCIDENT_VALUE_MAX, kinds[i], err)) != YJ_OK)
				return r;
		}
	}
	for (i = 0; i < d->nothers; i++) {
		if (incident_blank(d->others[i]))
			return yj_fail(err, YJ_BAD_INPUT, _("a person not on the "
			    "roster needs a name"));
		if ((r = incident_check_text(N_("a person not on the roster"),
		    d->others[i], INCIDENT_VALUE_MAX, SAFE_NAME, err)) != YJ_OK)
			return r;
	}
	for (i = 0; i < d->nchecked; i++) {
		if (incident_check_item(c, d->checked[i]) < 0)
			return yj_fail(err, YJ_BAD_INPUT, _("'%s' is not on the "
			    "checklist of %s"), d->checked[i], c->id);
	}
	if (d->reporter_role != NULL &&
	    policy_find(p, POLICY_REPORTER_ROLE, d->reporter_role) < 0)
		return yj_fail(err, YJ_BAD_INPUT, _("unknown reporter role '%s'"),
		    d->reporter_role);

	in.occurred_at = d->occurred_at != 0 ? d->occurred_at : now;
	if (d->occurred != NULL &&
	    caltime_parse_when(d->occurred, now, &in.occurred_at, &why) != 0)
		return yj_fail(err, YJ_BAD_INPUT, _("--occurred %s: %s"),
		    d->occurred, why);
	if (in.occurred_at > now + INCIDENT_AHEAD_MAX)
		return yj_fail(err, YJ_BAD_INPUT, _("--occurred %s is in the "
		    "future"), d->occurred);

	in.students = xcalloc(d->nstudents + 1, sizeof *in.students);
	for (i = 0; i < d->nstudents; i++) {
		r = store_student_get(a->store, d->students[i], &st, err);
		if (r != YJ_OK)
			goto out;
		for (k = 0; k < in.nstudents; k++) {
			if (in.students[k].id == st.id) {
				store_student_free(&st);
				r = yj_fail(err, YJ_BAD_INPUT, _("student %s "
				    "given twice"), d->students[i]);
				goto out;
			}
		}
		if (in.nstudents == 0) {
			in.class_id = st.class_id;
			in.department_id = st.department_id;
		}
		in.students[in.nstudents].id = st.id;
		in.students[in.nstudents].number = xstrdup(st.number);
		in.students[in.nstudents].name = xstrdup(st.name);
		in.nstudents++;
		store_student_free(&st);
	}
	if (d->room != NULL &&
	    (r = incident_room(a, d->room, &in.room_id, err)) != YJ_OK)
		goto out;
	/* No student: the reporter says whose it is, or it is the school's. */
	if (d->department != NULL) {
		if (in.nstudents > 0) {
			r = yj_fail(err, YJ_BAD_INPUT, _("--department is for "
			    "incidents without students (theirs is known)"));
			goto out;
		}
		if ((r = store_unit_find(a->store, STORE_UNIT_DEPARTMENT,
		    d->department, &in.department_id, err)) != YJ_OK)
			goto out;
	}
	if ((r = incident_residents(a, &in, err)) != YJ_OK)
		goto out;
	if ((r = incident_fields(a, c, d, &in, err)) != YJ_OK)
		goto out;

	start = policy_start_rung(p, c, sv);
	in.category = xstrdup(c->id);
	in.category_name = xstrdup(c->name);
	in.severity = xstrdup(sv->id);
	in.severity_name = xstrdup(sv->name);
	in.restricted = c->restricted;
	in.state = xstrdup(record_state_name(RECORD_OPEN));
	in.level = xstrdup(p->paths[c->path].rungs[start].id);
	in.rung = (int)start;
	in.reported_at = now;
	in.reporter = xstrdup(d->reporter != NULL ? d->reporter :
	    a->user.display);
	in.reporter_role = xstrdup(d->reporter_role != NULL ?
	    d->reporter_role : (policy_find(p, POLICY_REPORTER_ROLE,
	    a->user.role) >= 0 ? a->user.role : ""));
	in.logged_by = a->user.id;
	in.location = xstrdup(d->location != NULL ? d->location : "");
	/* People not on the roster: their names, one a line. */
	buf_init(&others);
	for (i = 0; i < d->nothers; i++)
		buf_printf(&others, "%s%s", i ? "\n" : "", d->others[i]);
	in.others = buf_steal(&others);
	in.text = xstrdup(d->text);
	in.actions = xstrdup(d->action != NULL ? d->action : "");
	in.rung_since = now;
	in.ack_due = now + policy_ack_within(p, c, start);
	in.resolve_due = c->resolve_within ? now + c->resolve_within : 0;
	in.emergency = sv->emergency_plan;
	/* How late it was logged beyond what the policy allows (S15). */
	if (c->report_within != 0 && now - in.occurred_at > c->report_within)
		in.report_delay = now - in.occurred_at - c->report_within;
	in.updated_at = now;

	ev.at = now;
	ev.actor = a->user.login;
	ev.user_id = a->user.id;
	ev.kind = (char *)record_kind_name(EV_REPORTED);
	ev.level = in.level;
	ev.note = d->action != NULL ? (char *)d->action : "";
	ev.payload = incident_payload_reported(a, &in, c, sv, start);
	/* The report and all it sets off, in one transaction. */
	if ((r = store_begin(a->store, err)) == YJ_OK) {
		r = store_incident_add(a->store, &in, &ev, err);
		/* What was done already, ticked on the form, goes in with it. */
		for (i = 0; r == YJ_OK && i < d->nchecked; i++) {
			struct store_event	 ck;

			memset(&ck, 0, sizeof ck);
			ck.incident_id = in.id;
			ck.at = now;
			ck.actor = a->user.login;
			ck.user_id = a->user.id;
			ck.kind = (char *)record_kind_name(EV_CHECKED);
			ck.level = in.level;
			ck.note = (char *)d->checked[i];
			ck.payload = "{}";
			r = store_incident_update(a->store, NULL, &ck, err);
		}
		if (r == YJ_OK)
			r = escalate_reported(a, in.id, NULL, NULL, err);
		if (r == YJ_OK)
			r = store_commit(a->store, err);
		else {
			store_rollback(a->store);
			app_notice_clear(a);
		}
	}
	free(ev.payload);
	if (r == YJ_OK) {
		*id = in.id;
		escalate_flush(a, NULL, NULL);
	}
out:
	store_incident_free(&in);
	return r;
}

static const char *const incident_results[] = {
	"reached", "no-answer", "left-message"
};

static const char *const incident_vias[] = { "self", "phone", "in-person" };

const char *
incident_via_name(enum incident_via v)
{
	return incident_vias[v];
}

int
incident_via_of(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL && i < sizeof incident_vias /
	    sizeof incident_vias[0]; i++) {
		if (strcmp(name, incident_vias[i]) == 0)
			return (int)i;
	}
	return -1;
}

static enum yj_status	incident_apply(struct yj_app *, int64_t,
			    enum incident_act, const char *, const char *,
			    enum incident_result, enum incident_via,
			    struct yj_error *);

enum yj_status
incident_act(struct yj_app *a, int64_t id, enum incident_act act,
    const char *text, const char *person, enum incident_result result,
    struct yj_error *err)
{
	if (act == INCIDENT_ACK)
		return incident_ack(a, id, person, person != NULL ?
		    INCIDENT_VIA_PHONE : INCIDENT_VIA_SELF, text, err);
	return incident_apply(a, id, act, text, person, result, 0, err);
}

enum yj_status
incident_ack(struct yj_app *a, int64_t id, const char *person,
    enum incident_via via, const char *text, struct yj_error *err)
{
	return incident_apply(a, id, INCIDENT_ACK, text, person, 0, via, err);
}

/*
 * One action, decided and written inside one transaction. For an
 * acknowledgement, person is whom it is for (never NULL) and via how.
 */
static enum yj_status
incident_apply(struct yj_app *a, int64_t id, enum incident_act act,
    const char *text, const char *person, enum incident_result result,
    enum incident_via via, struct yj_error *err)
{
	const struct policy_category	*c;
	struct store_incident		 in;
	struct store_event		 ev;
	struct buf			 payload;
	struct json			 j;
	int64_t				 now = app_now(a);
	enum incident_access		 access;
	enum yj_status			 r;
	bool				 change = false;

	if (!app_can(a, CAP_HANDLE))
		return yj_fail(err, YJ_DENIED, _("your role (%s) may not act on "
		    "incidents"), app_role_name(a));
	if (text != NULL && (r = incident_check_text(N_("the text"), text,
	    INCIDENT_TEXT_MAX, SAFE_TEXT, err)) != YJ_OK)
		return r;
	if ((act == INCIDENT_NOTE || act == INCIDENT_RESOLVE ||
	    act == INCIDENT_REOPEN) && incident_blank(text))
		return yj_fail(err, YJ_BAD_INPUT, act == INCIDENT_NOTE ?
		    _("a note needs --text") : act == INCIDENT_RESOLVE ?
		    _("resolving (the resolution) needs --text") :
		    _("reopening (the reason) needs --text"));
	if (act == INCIDENT_CONTACTED && incident_blank(person))
		return yj_fail(err, YJ_BAD_INPUT, _("contacted needs --person"));
	if (person != NULL && (r = incident_check_text(N_("the person"), person,
	    INCIDENT_VALUE_MAX, SAFE_NAME, err)) != YJ_OK)
		return r;
	/*
	 * What it is now decides what may be done to it, so it is read
	 * inside the transaction that writes: read before, another process
	 * could resolve or escalate it in between and this would undo that.
	 */
	if ((r = store_begin(a->store, err)) != YJ_OK)
		return r;
	if ((r = store_incident_get(a->store, id, &in, err)) != YJ_OK) {
		store_rollback(a->store);
		return r;
	}
	memset(&ev, 0, sizeof ev);
	buf_init(&payload);
	access = incident_access(a, &in);
	if (access == INCIDENT_STUB) {
		r = yj_fail(err, YJ_DENIED, _("incident %lld is restricted; "
		    "your role (%s) may not act on it"), (long long)id,
		    app_role_name(a));
		goto out;
	}
	/* Handling without reading: call, acknowledge, note; no more. */
	if (access == INCIDENT_HANDLES && act != INCIDENT_NOTE &&
	    act != INCIDENT_CONTACTED && act != INCIDENT_ACK) {
		r = yj_fail(err, YJ_DENIED, _("incident %lld is restricted: "
		    "you may call, acknowledge, note and escalate it, but "
		    "resolving, reopening and its checklist are for those who "
		    "may read it"), (long long)id);
		goto out;
	}
	c = policy_category(a->policy, in.category);

	json_init(&j, &payload, false);
	json_object_begin(&j);
	switch (act) {
	case INCIDENT_NOTE:
		ev.kind = (char *)record_kind_name(EV_NOTE);
		break;
	case INCIDENT_CONTACTED:
		ev.kind = (char *)record_kind_name(EV_CONTACTED);
		json_kv_string(&j, "person", person);
		json_kv_string(&j, "result", incident_results[result]);
		break;
	case INCIDENT_ACK:
		ev.kind = (char *)record_kind_name(EV_ACKNOWLEDGED);
		if (!record_state_is(in.state, RECORD_OPEN)) {
			r = yj_fail(err, YJ_BAD_INPUT, _("incident %lld is %s, "
			    "not open"), (long long)id, history_state(
			    in.state));
			goto out;
		}
		/* Who acknowledged: the one signed in, or whom it is for. */
		if (incident_blank(person)) {
			if (!incident_may_ack_self(a, &in)) {
				r = yj_fail(err, YJ_BAD_INPUT, _("you do not "
				    "answer at %s: say whom the acknowledgement "
				    "is for (--for)"), history_rung(a,
				    in.level));
				goto out;
			}
			person = a->user.display != NULL &&
			    *a->user.display ? a->user.display :
			    a->user.login;
			via = INCIDENT_VIA_SELF;
		} else if (via == INCIDENT_VIA_SELF)
			via = INCIDENT_VIA_PHONE;
		free(in.state);
		in.state = xstrdup(record_state_name(RECORD_ACKNOWLEDGED));
		json_kv_int(&j, "delay", now - in.rung_since);
		json_kv_string(&j, "for", person);
		json_kv_string(&j, "via", incident_via_name(via));
		in.ack_due = 0;
		change = true;
		break;
	case INCIDENT_RESOLVE:
		ev.kind = (char *)record_kind_name(EV_RESOLVED);
		if (record_state_is(in.state, RECORD_RESOLVED)) {
			r = yj_fail(err, YJ_BAD_INPUT, _("incident %lld is "
			    "already resolved"), (long long)id);
			goto out;
		}
		free(in.state);
		in.state = xstrdup(record_state_name(RECORD_RESOLVED));
		free(in.resolution);
		in.resolution = xstrdup(text);
		in.ack_due = 0;
		json_kv_int(&j, "time_to_resolve", now - in.reported_at);
		change = true;
		break;
	case INCIDENT_CHECK:
	case INCIDENT_UNCHECK:
		ev.kind = (char *)record_kind_name(act == INCIDENT_CHECK ? EV_CHECKED : EV_UNCHECKED);
		if (incident_check_item(c, text != NULL ? text : "") < 0) {
			r = yj_fail(err, YJ_BAD_INPUT, _("'%s' is not on the "
			    "checklist of incident %lld"), text != NULL ? text :
			    "", (long long)id);
			goto out;
		}
		break;
	case INCIDENT_REOPEN:
		ev.kind = (char *)record_kind_name(EV_REOPENED);
		if (!record_state_is(in.state, RECORD_RESOLVED)) {
			r = yj_fail(err, YJ_BAD_INPUT, _("incident %lld is %s; "
			    "only a resolved incident can be reopened"),
			    (long long)id, history_state(in.state));
			goto out;
		}
		/* Nobody, nothing said: nothing to take up again. */
		if (in.retained_at != 0) {
			r = yj_fail(err, YJ_BAD_INPUT, _("incident %lld had "
			    "its personal details removed (retention): log a "
			    "new incident instead of reopening it"),
			    (long long)id);
			goto out;
		}
		free(in.state);
		in.state = xstrdup(record_state_name(RECORD_OPEN));
		free(in.resolution);
		in.resolution = xstrdup("");	/* the history keeps the old one */
		/* The clock of the rung it had starts again. */
		in.rung_since = now;
		in.ack_due = 0;
		if (c != NULL && (size_t)in.rung <
		    a->policy->paths[c->path].nrungs)
			in.ack_due = now + policy_ack_within(a->policy, c,
			    (size_t)in.rung);
		/* And the time to resolve it, from now. */
		in.resolve_due = c != NULL && c->resolve_within != 0 ?
		    now + c->resolve_within : 0;
		in.overdue_since = 0;
		change = true;
		break;
	}
	json_object_end(&j);
	ev.incident_id = id;
	ev.at = now;
	ev.actor = a->user.login;
	ev.user_id = a->user.id;
	ev.level = in.level;
	/* What was typed, only: a call's whom and how are its payload. */
	ev.note = text != NULL && !incident_blank(text) ? (char *)text : "";
	ev.payload = (char *)buf_str(&payload);
	r = store_incident_update(a->store, change ? &in : NULL, &ev, err);
out:
	if (r == YJ_OK)
		r = store_commit(a->store, err);
	else
		store_rollback(a->store);
	buf_done(&payload);
	store_incident_free(&in);
	return r;
}

static bool
incident_in(const int64_t *v, size_t n, int64_t x)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (v[i] == x)
			return true;
	}
	return false;
}

/*
 * Whether the incident is in the user's own classes (or departments): its
 * class, or for a room's incident without one each class of the room's
 * residents, so that each of their counselors answers for it.
 */
static bool
incident_in_scope(const struct yj_app *a, const struct store_incident *in,
    enum policy_scope scope)
{
	const struct store_user	*u = &a->user;
	const int64_t		*mine = scope == POLICY_SCOPE_CLASS ?
	    u->scope_classes : u->scope_departments;
	size_t			 nmine = scope == POLICY_SCOPE_CLASS ?
	    u->nscope_classes : u->nscope_departments;
	int64_t			 own = scope == POLICY_SCOPE_CLASS ?
	    in->class_id : in->department_id, *ids = NULL;
	struct yj_error		 err;
	size_t			 i, n = 0;
	bool			 in_scope = false;

	if (own != 0)
		return incident_in(mine, nmine, own);
	if (in->room_id == 0 || nmine == 0)
		return false;
	/* The core reads the roster for it; nothing here is changed. */
	if (escalate_units((struct yj_app *)a, in, scope, &ids, &n, &err) !=
	    YJ_OK)
		return false;
	for (i = 0; i < n && !in_scope; i++)
		in_scope = incident_in(mine, nmine, ids[i]);
	free(ids);
	return in_scope;
}

bool
incident_visible(const struct yj_app *a, const struct store_incident *in)
{
	const struct policy_category	*c;
	const struct store_user		*u = &a->user;
	size_t				 i;
	bool				 role = false;

	if (!in->restricted)
		return true;
	c = policy_category(a->policy, in->category);
	if (c == NULL)
		return false;	/* the policy no longer knows it: stay safe */
	for (i = 0; i < c->nvisible_to; i++) {
		if (strcmp(a->policy->roles[c->visible_to[i]].id, u->role) == 0)
			role = true;
	}
	if (!role || !app_can(a, CAP_READ_RESTRICTED))
		return false;
	/* Counselors and department leaders: their own students only. */
	if (app_can(a, CAP_SCOPED))
		return incident_in_scope(a, in, POLICY_SCOPE_CLASS) ||
		    incident_in_scope(a, in, POLICY_SCOPE_DEPARTMENT);
	return true;
}

/* Whether the signed-in user answers at rung r of the incident's path. */
static bool
incident_answers_at(const struct yj_app *a, const struct store_incident *in,
    int r)
{
	const struct policy		*p = a->policy;
	const struct policy_category	*c = policy_category(p, in->category);
	const struct policy_rung	*g;
	const struct store_user		*u = &a->user;
	enum policy_scope		 scope = POLICY_SCOPE_SCHOOL;
	int				 role;

	if (c == NULL || r < 0 || (size_t)r >= p->paths[c->path].nrungs)
		return false;
	g = &p->paths[c->path].rungs[r];
	if (g->kind == POLICY_RUNG_LEVEL) {
		role = p->levels[g->index].role;
		scope = p->levels[g->index].scope;
	} else
		role = p->offices[g->index].role;
	if (role < 0 || u->role == NULL || strcmp(p->roles[role].id,
	    u->role) != 0)
		return false;
	switch (scope) {
	case POLICY_SCOPE_CLASS:
	case POLICY_SCOPE_DEPARTMENT:
		return incident_in_scope(a, in, scope);
	case POLICY_SCOPE_BUILDING:
		return false;	/* users have no buildings of their own */
	default:
		return true;
	}
}

bool
incident_at_rung(const struct yj_app *a, const struct store_incident *in)
{
	return incident_answers_at(a, in, in->rung);
}

bool
incident_may_ack_self(const struct yj_app *a,
    const struct store_incident *in)
{
	const struct policy_category	*c = policy_category(a->policy,
	    in->category);
	size_t				 r;

	for (r = (size_t)(in->rung > 0 ? in->rung : 0); c != NULL &&
	    r < a->policy->paths[c->path].nrungs; r++) {
		if (incident_answers_at(a, in, (int)r))
			return true;
	}
	return false;
}

enum incident_access
incident_access(const struct yj_app *a, const struct store_incident *in)
{
	const struct policy_category	*c;
	size_t				 i;

	if (incident_visible(a, in))
		return INCIDENT_READS;
	if (!app_can(a, CAP_HANDLE) ||
	    (c = policy_category(a->policy, in->category)) == NULL)
		return INCIDENT_STUB;
	for (i = 0; i < c->nhandled_by; i++) {
		if (a->user.role != NULL && strcmp(a->policy->roles[
		    c->handled_by[i]].id, a->user.role) == 0)
			return INCIDENT_HANDLES;
	}
	if (c->handled_by_rung && incident_at_rung(a, in))
		return INCIDENT_HANDLES;
	return INCIDENT_STUB;
}

void
incident_free(struct store_incident *in)
{
	store_incident_free(in);
}

enum yj_status
incident_student_id(struct yj_app *a, const char *number, int64_t *id,
    struct yj_error *err)
{
	struct store_student	 st;
	enum yj_status		 r;

	if ((r = store_student_get(a->store, number, &st, err)) != YJ_OK)
		return r;
	*id = st.id;
	store_student_free(&st);
	return YJ_OK;
}

void
incident_redact(struct store_incident *in, enum incident_access access)
{
	size_t	 i, from;
	char	**texts[] = { &in->severity, &in->severity_name,
	    &in->reporter, &in->reporter_role, &in->room, &in->location,
	    &in->text, &in->actions, &in->resolution, &in->others };

	if (access == INCIDENT_READS)
		return;
	/* One who handles it sees how grave it is. */
	from = access == INCIDENT_HANDLES ? 2 : 0;
	for (i = from; i < sizeof texts / sizeof texts[0]; i++) {
		free(*texts[i]);
		*texts[i] = xstrdup("");
	}
	for (i = 0; i < in->nstudents; i++) {
		free(in->students[i].number);
		free(in->students[i].name);
	}
	free(in->students);
	in->students = NULL;
	in->nstudents = 0;
	for (i = 0; i < in->nfields; i++) {
		free(in->fields[i].key);
		free(in->fields[i].value);
	}
	free(in->fields);
	in->fields = NULL;
	in->nfields = 0;
	/* Whom to call is looked up from these: kept for who handles it. */
	if (access == INCIDENT_STUB)
		in->room_id = in->department_id = in->class_id = 0;
}

struct incident_list_arg {
	struct yj_app	*a;
	incident_cb	 cb;
	void		*arg;
	bool		 hide;		/* leave out what the user may not read */
	int64_t		 limit;		/* rows to deliver, 0: all */
	int64_t		 skip;		/* rows to pass over first */
	int64_t		 n;
};

static int
incident_list_one(void *arg, struct store_incident *in)
{
	struct incident_list_arg	*l = arg;
	enum incident_access		 access = incident_access(l->a, in);
	int				 stop;

	if (access != INCIDENT_READS && l->hide)
		return 0;
	if (l->skip > 0) {
		l->skip--;
		return 0;
	}
	incident_redact(in, access);
	stop = l->cb(l->arg, in, access != INCIDENT_READS);
	if (l->limit != 0 && ++l->n >= l->limit)
		return 1;
	return stop;
}

enum yj_status
incident_list(struct yj_app *a, const struct store_filter *f, incident_cb cb,
    void *arg, struct yj_error *err)
{
	struct incident_list_arg	 l;
	struct store_filter		 all = *f;

	/*
	 * A filter on what a stub hides (the students, the severity) would
	 * tell it anyway: such rows are left out. Then the limit and offset
	 * count what is delivered, so they are applied here, after that
	 * choice; otherwise the database applies them.
	 */
	memset(&l, 0, sizeof l);
	l.a = a;
	l.cb = cb;
	l.arg = arg;
	l.hide = f->student != 0 || f->severity != NULL ||
	    (f->text != NULL && *f->text) || f->building != 0;
	if (l.hide) {
		l.limit = f->limit;
		l.skip = f->offset;
		all.limit = 0;
		all.offset = 0;
	}
	return store_incidents(a->store, &all, incident_list_one, &l, err);
}

/* Counting what incident_list would deliver when it hides some rows. */
static int
incident_count_one(void *arg, struct store_incident *in)
{
	struct incident_list_arg	*l = arg;

	if (incident_visible(l->a, in))
		l->n++;
	return 0;
}

enum yj_status
incident_count(struct yj_app *a, const struct store_filter *f,
    int64_t *count, struct yj_error *err)
{
	struct incident_list_arg	 l;
	struct store_filter		 all = *f;
	enum yj_status			 r;

	all.limit = 0;
	all.offset = 0;
	/* As incident_list: where stubs are left out, only the rows tell. */
	if (!(f->student != 0 || f->severity != NULL ||
	    (f->text != NULL && *f->text) || f->building != 0))
		return store_incident_count(a->store, &all, count, err);
	memset(&l, 0, sizeof l);
	l.a = a;
	r = store_incidents(a->store, &all, incident_count_one, &l, err);
	*count = l.n;
	return r;
}

enum yj_status
incident_show(struct yj_app *a, int64_t id, struct store_incident *out,
    bool *redacted, struct yj_error *err)
{
	enum yj_status	 r;

	enum incident_access	 access;

	if ((r = store_incident_get(a->store, id, out, err)) != YJ_OK)
		return r;
	access = incident_access(a, out);
	*redacted = access != INCIDENT_READS;
	incident_redact(out, access);
	return YJ_OK;
}

enum yj_status
incident_record_view(struct yj_app *a, const struct store_incident *in,
    bool redacted, const char *how, struct yj_error *err)
{
	struct store_actor	 by = app_actor(a);
	struct buf		 payload;
	struct json		 j;
	enum yj_status		 r;
	char			 subject[32];

	if (!in->restricted)
		return YJ_OK;
	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_int(&j, "incident", in->id);
	json_kv_string(&j, "how", how);
	json_object_end(&j);
	snprintf(subject, sizeof subject, "access/%lld", (long long)in->id);
	r = store_record(a->store, subject, record_kind_name(redacted ?
	    EV_REFUSED : EV_VIEWED), buf_str(&payload), &by, err);
	buf_done(&payload);
	return r;
}

struct incident_handled {
	const struct yj_app	*a;
	store_event_cb		 cb;
	void			*arg;
};

/*
 * One event as one who handles but may not read sees it: what happened,
 * by whom, at which rung, and whom it concerned; what a person wrote only
 * when it was they who wrote it.
 */
static int
incident_handled_event(void *arg, const struct store_event *ev)
{
	struct incident_handled	*h = arg;
	struct store_event	 e = *ev;
	int			 k = record_kind_of(ev->kind);
	bool			 own = ev->user_id != 0 &&
	    ev->user_id == h->a->user.id;

	if (!own) {
		/* The system writes no content, but a report is content. */
		if (ev->user_id != 0 || k == EV_REPORTED) {
			e.note = "";
			e.from = "";
		}
		if (k != EV_CONTACTED && k != EV_ACKNOWLEDGED &&
		    (ev->user_id != 0 || k == EV_REPORTED))
			e.payload = "{}";
	}
	return h->cb(h->arg, &e);
}

enum yj_status
incident_history(struct yj_app *a, int64_t id, store_event_cb cb, void *arg,
    struct yj_error *err)
{
	struct store_incident	 in;
	struct incident_handled	 h;
	enum incident_access	 access;
	enum yj_status		 r;

	if ((r = store_incident_get(a->store, id, &in, err)) != YJ_OK)
		return r;
	access = incident_access(a, &in);
	store_incident_free(&in);
	if (access == INCIDENT_STUB)
		return yj_fail(err, YJ_DENIED, _("incident %lld is "
		    "restricted"), (long long)id);
	if (access == INCIDENT_READS)
		return store_events(a->store, id, cb, arg, err);
	h.a = a;
	h.cb = cb;
	h.arg = arg;
	return store_events(a->store, id, incident_handled_event, &h, err);
}

struct incident_ticks {
	const struct policy_category	*c;
	bool				*done;
	size_t				 n;
};

static int
incident_tick_event(void *arg, const struct store_event *ev)
{
	struct incident_ticks	*t = arg;
	int			 i;
	bool			 on = record_kind_is(ev->kind, EV_CHECKED);

	if (!on && !record_kind_is(ev->kind, EV_UNCHECKED))
		return 0;
	if ((i = incident_check_item(t->c, ev->note)) >= 0 &&
	    (size_t)i < t->n)
		t->done[i] = on;
	return 0;
}

enum yj_status
incident_checklist(struct yj_app *a, int64_t id, bool *done, size_t n,
    struct yj_error *err)
{
	struct store_incident	 in;
	struct incident_ticks	 t;
	enum yj_status		 r;
	bool			 redacted;

	memset(done, 0, n * sizeof *done);
	if ((r = incident_show(a, id, &in, &redacted, err)) != YJ_OK)
		return r;
	t.c = policy_category(a->policy, in.category);
	t.done = done;
	t.n = n;
	store_incident_free(&in);
	if (redacted)
		return yj_fail(err, YJ_DENIED, _("incident %lld is restricted"),
		    (long long)id);
	return store_events(a->store, id, incident_tick_event, &t, err);
}

/* --- corrections and duplicates ----------------------------------------- */

/*
 * Where an incident of category c and severity sv stands after a
 * correction, from rung (of the path it had, old): the first rung of c's
 * path ranking at least as high, or its start if that is higher; then on
 * past rungs with nobody to call (as the engine would climb at once).
 */
static size_t
incident_restand(struct yj_app *a, struct store_incident *in,
    const struct policy_category *old, const struct policy_category *c,
    const struct policy_severity *sv, size_t *skipped)
{
	const struct policy		*p = a->policy;
	const struct policy_path	*from = &p->paths[old->path];
	const struct policy_path	*path = &p->paths[c->path];
	struct escalate_contacts	 who;
	struct yj_error			 e2;
	size_t				 r, start = policy_start_rung(p, c, sv);
	int				 rank = -1;

	if (in->rung >= 0 && (size_t)in->rung < from->nrungs)
		rank = from->rungs[in->rung].rank;
	for (r = 0; r < path->nrungs; r++) {
		if (path->rungs[r].rank >= rank)
			break;
	}
	if (r == path->nrungs)
		r = path->nrungs - 1;
	if (start > r)
		r = start;
	*skipped = 0;
	if (escalate_contacts(a, in, &who, &e2) == YJ_OK) {
		while (r + 1 < path->nrungs && (who.rungs[r].name == NULL ||
		    who.rungs[r].phone == NULL || *who.rungs[r].phone == '\0')) {
			r++;
			(*skipped)++;
		}
		escalate_contacts_free(&who);
	}
	return r;
}

/*
 * Whose the incident is, from its first student (class and department),
 * or with none left, from the room's residents, as when it was logged.
 */
static enum yj_status
incident_rescope(struct yj_app *a, struct store_incident *in,
    struct yj_error *err)
{
	struct store_student	 st;
	struct yj_error		 e2;
	enum yj_status		 r;

	if (in->nstudents == 0) {
		in->class_id = in->department_id = 0;
		return incident_residents(a, in, err);
	}
	r = store_student_by_id(a->store, in->students[0].id, &st, &e2);
	if (r == YJ_NOT_FOUND)
		return YJ_OK;	/* gone from the roster: whose it was */
	if (r != YJ_OK) {
		if (err != NULL)
			*err = e2;
		return r;
	}
	in->class_id = st.class_id;
	in->department_id = st.department_id;
	store_student_free(&st);
	return YJ_OK;
}

/*
 * A student (by number) added to or removed from in: the list changed,
 * the payload saying which (by id), who their number and name are.
 */
static enum yj_status
incident_correct_student(struct yj_app *a, struct store_incident *in,
    bool add, const char *number, struct json *j, struct buf *who,
    struct yj_error *err)
{
	struct store_incident_student	*s;
	struct store_student		 st;
	enum yj_status			 r;
	size_t				 i;

	for (i = 0; i < in->nstudents; i++) {
		if (strcmp(in->students[i].number, number) == 0)
			break;
	}
	if (!add) {
		if (i == in->nstudents)
			return yj_fail(err, YJ_BAD_INPUT, _("student %s is not "
			    "in incident %lld"), number, (long long)in->id);
		s = &in->students[i];
		json_kv_int(j, "remove", s->id);
		buf_printf(who, "%s %s", s->number, s->name);
		free(s->number);
		free(s->name);
		memmove(s, s + 1, (in->nstudents - i - 1) * sizeof *s);
		in->nstudents--;
		return i == 0 ? incident_rescope(a, in, err) : YJ_OK;
	}
	if (i < in->nstudents)
		return yj_fail(err, YJ_BAD_INPUT, _("student %s is in incident "
		    "%lld already"), number, (long long)in->id);
	if ((r = store_student_get(a->store, number, &st, err)) != YJ_OK)
		return r;
	for (i = 0; i < in->nstudents; i++) {
		if (in->students[i].id == st.id)
			break;
	}
	if (i < in->nstudents) {
		store_student_free(&st);
		return yj_fail(err, YJ_BAD_INPUT, _("student %s is in incident "
		    "%lld already"), number, (long long)in->id);
	}
	in->students = xreallocarray(in->students, in->nstudents + 1,
	    sizeof *in->students);
	s = &in->students[in->nstudents++];
	s->id = st.id;
	s->number = xstrdup(st.number);
	s->name = xstrdup(st.name);
	json_kv_int(j, "add", st.id);
	buf_printf(who, "%s %s", st.number, st.name);
	store_student_free(&st);
	return in->nstudents == 1 ? incident_rescope(a, in, err) : YJ_OK;
}

enum yj_status
incident_correct(struct yj_app *a, int64_t id, enum incident_correct what,
    const char *value, const char *reason, struct yj_error *err)
{
	static const char *const whats[] = { "field", "category", "severity",
	    "student", "student" };
	const struct policy		*p = a->policy;
	const struct policy_category	*c, *nc = NULL;
	const struct policy_severity	*sv, *nsv = NULL;
	const struct policy_field	*f = NULL;
	struct store_incident		 in;
	struct store_field		 one, *had;
	struct store_event		 ev;
	struct buf			 payload, student;
	struct json			 j;
	const char			*eq = NULL;
	char				*key = NULL, *norm = NULL, *old = NULL;
	int64_t				 now = app_now(a);
	size_t				 i, nhad, rung, skipped = 0;
	int				 rung_from;
	int64_t				 class_from, department_from;
	enum yj_status			 r;

	if (!app_can(a, CAP_HANDLE))
		return yj_fail(err, YJ_DENIED, "your role (%s) may not act on "
		    "incidents", a->user.role);
	if (incident_blank(reason))
		return yj_fail(err, YJ_BAD_INPUT, "a correction needs a reason "
		    "(--text)");
	if ((r = incident_check_text("the reason", reason, INCIDENT_TEXT_MAX,
	    SAFE_TEXT, err)) != YJ_OK)
		return r;
	if (value == NULL || *value == '\0')
		return yj_fail(err, YJ_BAD_INPUT, "nothing to correct");
	if (what == INCIDENT_CORRECT_FIELD) {
		if ((eq = strchr(value, '=')) == NULL || eq == value)
			return yj_fail(err, YJ_BAD_INPUT, "--field %s: write "
			    "KEY=VALUE", value);
		key = xstrndup(value, (size_t)(eq - value));
		if ((r = incident_check_text("a field's key", key,
		    INCIDENT_VALUE_MAX, SAFE_NAME, err)) != YJ_OK ||
		    (r = incident_check_text(key, eq + 1, INCIDENT_VALUE_MAX,
		    SAFE_TEXT, err)) != YJ_OK) {
			free(key);
			return r;
		}
	} else if ((r = incident_check_text("the new value", value,
	    INCIDENT_VALUE_MAX, SAFE_NAME, err)) != YJ_OK)
		return r;

	if ((r = store_begin(a->store, err)) != YJ_OK) {
		free(key);
		return r;
	}
	memset(&ev, 0, sizeof ev);
	buf_init(&payload);
	buf_init(&student);
	if ((r = store_incident_get(a->store, id, &in, err)) != YJ_OK) {
		store_rollback(a->store);
		free(key);
		buf_done(&payload);
		buf_done(&student);
		return r;
	}
	had = in.fields;
	nhad = in.nfields;
	rung_from = in.rung;
	class_from = in.class_id;
	department_from = in.department_id;
	/* What was recorded is corrected only by who may read it. */
	if (incident_access(a, &in) != INCIDENT_READS) {
		r = yj_fail(err, YJ_DENIED, _("incident %lld is restricted; "
		    "your role (%s) may not act on it"), (long long)id,
		    app_role_name(a));
		goto out;
	}
	c = policy_category(p, in.category);
	sv = policy_severity(p, in.severity);
	if (c == NULL || sv == NULL) {
		r = yj_fail(err, YJ_BAD_INPUT, "incident %lld: the policy no "
		    "longer has its category %s or severity %s",
		    (long long)id, in.category, in.severity);
		goto out;
	}
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_string(&j, "what", whats[what]);
	switch (what) {
	case INCIDENT_CORRECT_FIELD:
		for (i = 0; i < c->nfields; i++) {
			if (strcmp(c->fields[i].id, key) == 0)
				f = &c->fields[i];
		}
		if (f == NULL) {
			r = yj_fail(err, YJ_BAD_INPUT, "category %s has no "
			    "field '%s'", c->id, key);
			goto out;
		}
		if ((r = incident_field_value(a, f, eq + 1, &norm, err)) !=
		    YJ_OK)
			goto out;
		for (i = 0; i < nhad; i++) {
			if (strcmp(had[i].key, key) == 0)
				old = had[i].value;
		}
		if (old != NULL && strcmp(old, norm) == 0) {
			r = yj_fail(err, YJ_BAD_INPUT, "field %s is %s already",
			    key, norm);
			goto out;
		}
		json_kv_string(&j, "key", key);
		/* The old value stays, as a part of its own beside the new. */
		ev.from = old != NULL ? old : "";
		one.key = key;
		one.value = norm;
		in.fields = &one;
		in.nfields = 1;
		break;
	case INCIDENT_CORRECT_CATEGORY:
		if ((nc = policy_category(p, value)) == NULL || nc->system) {
			r = yj_fail(err, YJ_BAD_INPUT, nc == NULL ? "unknown "
			    "category '%s'" : "category %s is raised by the "
			    "system, not given by hand", value);
			goto out;
		}
		if (nc == c) {
			r = yj_fail(err, YJ_BAD_INPUT, "incident %lld is %s "
			    "already", (long long)id, c->id);
			goto out;
		}
		json_kv_string(&j, "from", c->id);
		json_kv_string(&j, "to", nc->id);
		free(in.category);
		in.category = xstrdup(nc->id);
		free(in.category_name);
		in.category_name = xstrdup(nc->name);
		in.restricted = nc->restricted;
		nsv = sv;
		break;
	case INCIDENT_CORRECT_SEVERITY:
		if ((nsv = policy_severity(p, value)) == NULL) {
			r = yj_fail(err, YJ_BAD_INPUT, "unknown severity '%s'",
			    value);
			goto out;
		}
		if (nsv == sv) {
			r = yj_fail(err, YJ_BAD_INPUT, "incident %lld is %s "
			    "already", (long long)id, sv->id);
			goto out;
		}
		json_kv_string(&j, "from", sv->id);
		json_kv_string(&j, "to", nsv->id);
		free(in.severity);
		in.severity = xstrdup(nsv->id);
		free(in.severity_name);
		in.severity_name = xstrdup(nsv->name);
		in.emergency = nsv->emergency_plan;
		nc = c;
		break;
	case INCIDENT_CORRECT_ADD_STUDENT:
	case INCIDENT_CORRECT_REMOVE_STUDENT:
		if ((r = incident_correct_student(a, &in,
		    what == INCIDENT_CORRECT_ADD_STUDENT, value, &j, &student,
		    err)) != YJ_OK)
			goto out;
		/* Who they are, as recorded: a personal part of the event. */
		ev.from = (char *)buf_str(&student);
		break;
	}
	/* Where it stands now: restricted or not, its path, its start. */
	if (nc != NULL && !record_state_is(in.state, RECORD_RESOLVED)) {
		rung = incident_restand(a, &in, c, nc, nsv, &skipped);
		if ((int)rung != in.rung || nc != c) {
			in.rung = (int)rung;
			free(in.level);
			in.level = xstrdup(p->paths[nc->path].rungs[rung].id);
			free(in.state);
			in.state = xstrdup(record_state_name(RECORD_OPEN));
			in.rung_since = now;
			in.ack_due = now + policy_ack_within(p, nc, rung);
		}
	}
	if (nc != NULL) {
		json_kv_int(&j, "rung_from", rung_from);
		json_kv_int(&j, "rung_to", in.rung);
		json_kv_int(&j, "skipped", (int64_t)skipped);
	}
	json_object_end(&j);
	ev.incident_id = id;
	ev.at = now;
	ev.actor = a->user.login;
	ev.user_id = a->user.id;
	ev.kind = (char *)record_kind_name(EV_CORRECTED);
	ev.level = in.level;
	ev.note = (char *)reason;
	ev.payload = (char *)buf_str(&payload);
	if (what == INCIDENT_CORRECT_ADD_STUDENT ||
	    what == INCIDENT_CORRECT_REMOVE_STUDENT)
		r = store_incident_update_students(a->store, &in, &ev, err);
	else
		r = store_incident_update(a->store, &in, &ev, err);
	/* Now graver or elsewhere: the offices and plan that go with it. */
	if (r == YJ_OK && nc != NULL &&
	    !record_state_is(in.state, RECORD_RESOLVED))
		r = escalate_corrected(a, id, c, sv, err);
	/*
	 * Moved up, or now another class's or department's: whoever answers
	 * there now is told, as on a climb.
	 */
	if (r == YJ_OK && !record_state_is(in.state, RECORD_RESOLVED) &&
	    ((nc != NULL && in.rung > rung_from) ||
	    in.class_id != class_from || in.department_id != department_from)) {
		struct escalate_contacts	 who;

		if (escalate_contacts(a, &in, &who, err) == YJ_OK) {
			/* (The policy's path may be shorter than it was.) */
			if (in.rung >= 0 && (size_t)in.rung < who.nrungs)
				escalate_notice(a, &in, &who.people[in.rung],
				    &who.rungs[in.rung], in.level, reason);
			escalate_contacts_free(&who);
		}
	}
out:
	in.fields = had;
	in.nfields = nhad;
	if (r == YJ_OK) {
		r = store_commit(a->store, err);
		if (r == YJ_OK)
			escalate_flush(a, NULL, NULL);
		else
			app_notice_clear(a);
	} else {
		store_rollback(a->store);
		app_notice_clear(a);
	}
	store_incident_free(&in);
	buf_done(&payload);
	buf_done(&student);
	free(norm);
	free(key);
	return r;
}

/* One side of a duplicate: the event on id, naming the other. */
static enum yj_status
incident_duplicate_side(struct yj_app *a, struct store_incident *in,
    enum record_kind kind, int64_t other, const char *reason,
    struct yj_error *err)
{
	struct store_event	 ev;
	struct buf		 payload;
	struct json		 j;
	enum yj_status		 r;

	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_int(&j, kind == EV_DUPLICATE ? "of" : "duplicate", other);
	json_object_end(&j);
	memset(&ev, 0, sizeof ev);
	ev.incident_id = in->id;
	ev.at = app_now(a);
	ev.actor = a->user.login;
	ev.user_id = a->user.id;
	ev.kind = (char *)record_kind_name(kind);
	ev.level = in->level;
	ev.note = kind == EV_DUPLICATE ? (char *)reason : "";
	ev.payload = (char *)buf_str(&payload);
	if (kind == EV_DUPLICATE) {
		free(in->state);
		in->state = xstrdup(record_state_name(RECORD_RESOLVED));
		free(in->resolution);
		in->resolution = xstrdup(reason);
		in->ack_due = 0;
	}
	r = store_incident_update(a->store, kind == EV_DUPLICATE ? in : NULL,
	    &ev, err);
	buf_done(&payload);
	return r;
}

enum yj_status
incident_duplicate(struct yj_app *a, int64_t id, int64_t of,
    const char *reason, struct yj_error *err)
{
	struct store_incident	 in, keep;
	enum yj_status		 r;

	if (!app_can(a, CAP_HANDLE))
		return yj_fail(err, YJ_DENIED, "your role (%s) may not act on "
		    "incidents", a->user.role);
	if (incident_blank(reason))
		return yj_fail(err, YJ_BAD_INPUT, "closing as a duplicate needs "
		    "a reason (--text)");
	if ((r = incident_check_text("the reason", reason, INCIDENT_TEXT_MAX,
	    SAFE_TEXT, err)) != YJ_OK)
		return r;
	if (id == of)
		return yj_fail(err, YJ_BAD_INPUT, "incident %lld cannot be a "
		    "duplicate of itself", (long long)id);
	if ((r = store_begin(a->store, err)) != YJ_OK)
		return r;
	memset(&in, 0, sizeof in);
	memset(&keep, 0, sizeof keep);
	if ((r = store_incident_get(a->store, id, &in, err)) != YJ_OK)
		goto out;
	if ((r = store_incident_get(a->store, of, &keep, err)) != YJ_OK)
		goto out;
	/* Both are read, to say they are the same. */
	if (incident_access(a, &in) != INCIDENT_READS ||
	    incident_access(a, &keep) != INCIDENT_READS) {
		r = yj_fail(err, YJ_DENIED, _("incident %lld is restricted; "
		    "your role (%s) may not act on it"), (long long)(
		    incident_access(a, &in) != INCIDENT_READS ? id : of),
		    app_role_name(a));
		goto out;
	}
	if (record_state_is(in.state, RECORD_RESOLVED)) {
		r = yj_fail(err, YJ_BAD_INPUT, "incident %lld is already "
		    "resolved", (long long)id);
		goto out;
	}
	if ((r = incident_duplicate_side(a, &in, EV_DUPLICATE, of, reason,
	    err)) == YJ_OK)
		r = incident_duplicate_side(a, &keep, EV_DUPLICATE_OF, id,
		    reason, err);
out:
	if (r == YJ_OK)
		r = store_commit(a->store, err);
	else
		store_rollback(a->store);
	store_incident_free(&in);
	store_incident_free(&keep);
	return r;
}

/* --- what waits on me -------------------------------------------------- */

int64_t
incident_shift_end(const struct yj_app *a, int64_t t)
{
	struct policy_duty	 d;

	return policy_duty_at(a->policy, t, &d) ? d.end : 0;
}

bool
incident_answers_somewhere(const struct yj_app *a)
{
	const struct policy	*p = a->policy;
	size_t			 i;

	for (i = 0; a->user.role != NULL && i < p->nlevels; i++) {
		if (p->levels[i].role >= 0 &&
		    strcmp(p->roles[p->levels[i].role].id, a->user.role) == 0)
			return true;
	}
	for (i = 0; a->user.role != NULL && i < p->noffices; i++) {
		if (p->offices[i].role >= 0 &&
		    strcmp(p->roles[p->offices[i].role].id, a->user.role) == 0)
			return true;
	}
	return false;
}

struct incident_mine_arg {
	struct yj_app	*a;
	incident_cb	 cb;
	void		*arg;
	bool		 rung;		/* by rung, not by the shift */
	int64_t		 until;		/* the shift's end */
};

static int
incident_mine_one(void *arg, const struct store_incident *in, bool redacted)
{
	struct incident_mine_arg	*m = arg;
	bool				 mine;

	if (m->rung)
		mine = incident_at_rung(m->a, in);
	else
		mine = in->emergency || (in->ack_due != 0 &&
		    in->ack_due < m->until) || (in->resolve_due != 0 &&
		    in->resolve_due < m->until);
	return mine ? m->cb(m->arg, in, redacted) : 0;
}

enum yj_status
incident_mine(struct yj_app *a, incident_cb cb, void *arg,
    struct yj_error *err)
{
	struct incident_mine_arg	 m;
	struct store_filter		 f;
	int64_t				 now = app_now(a);

	memset(&f, 0, sizeof f);
	f.open_only = true;
	f.urgent_at = now;
	m.a = a;
	m.cb = cb;
	m.arg = arg;
	m.rung = incident_answers_somewhere(a);
	m.until = incident_shift_end(a, now);
	if (m.until == 0)
		m.until = now + 12 * 3600;
	return incident_list(a, &f, incident_mine_one, &m, err);
}
