/*
 * The history in words: see include/yujing/history.h. Every sentence of
 * the history is here, once, in English for the catalog; its parameters
 * come from the payloads core/engine.c, core/escalate.c and
 * core/incident.c write.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/duration.h"
#include "yujing/engine.h"
#include "yujing/history.h"
#include "yujing/i18n.h"
#include "yujing/json.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

const char *
history_kind(const char *kind)
{
	int	 k = record_kind_of(kind);

	return k >= 0 ? _(record_kind_label((enum record_kind)k)) : kind;
}

const char *
history_state(const char *state)
{
	int	 k = record_state_of(state);

	return k >= 0 ? _(record_state_label((enum record_state)k)) : state;
}

const char *
history_followup(const struct yj_app *a, const char *id)
{
	int	 k;

	if (id == NULL)
		return "";
	k = policy_find(a->policy, POLICY_FOLLOWUP, id);
	return k >= 0 ? i18n_name(a->policy->followups[k].name,
	    a->policy->followups[k].name_en) : id;
}

const char *
history_rung(const struct yj_app *a, const char *id)
{
	const char	*name, *name_en;

	if (id == NULL)
		return "";
	if (a->policy == NULL ||
	    !policy_rung_names(a->policy, id, &name, &name_en))
		return id;
	return i18n_name(name, name_en);
}

void
history_actor(const struct yj_app *a, const struct store_event *ev,
    struct buf *out)
{
	struct store_user	 u;
	struct yj_error		 err;

	if (ev->user_id == 0 && strcmp(ev->actor, "system") == 0) {
		/* TRANSLATORS: who did it, when yujing did it by itself. */
		buf_puts(out, _("system"));
		return;
	}
	if (a->store != NULL && store_user_get(a->store, ev->actor, &u,
	    &err) == YJ_OK) {
		buf_puts(out, *u.display ? u.display : ev->actor);
		store_user_free(&u);
		return;
	}
	buf_puts(out, ev->actor);
}

/* --- reading a payload ------------------------------------------------- */

struct history_ev {
	const struct yj_app	*a;
	const struct store_event *ev;
	struct buf		 tmp[8];	/* strings read, kept until done */
	size_t			 ntmp;
};

/* The string at key, or NULL; kept until history_ev_done. */
static const char *
history_str(struct history_ev *h, const char *key)
{
	struct buf	*b;

	if (h->ntmp == sizeof h->tmp / sizeof h->tmp[0])
		return NULL;	/* cannot happen: no kind reads more */
	b = &h->tmp[h->ntmp];
	buf_init(b);
	if (!json_get_string(h->ev->payload, key, b)) {
		buf_done(b);
		return NULL;
	}
	h->ntmp++;
	return buf_str(b);
}

static void
history_ev_done(struct history_ev *h)
{
	size_t	 i;

	for (i = 0; i < h->ntmp; i++)
		buf_done(&h->tmp[i]);
}

static int64_t
history_int(const struct history_ev *h, const char *key, int64_t dflt)
{
	int64_t	 v;

	return json_get_int(h->ev->payload, key, &v) ? v : dflt;
}

static bool
history_bool(const struct history_ev *h, const char *key)
{
	bool	 v;

	return json_get_bool(h->ev->payload, key, &v) && v;
}

/* A name at key of the payload, or that nobody is on record. */
static const char *
history_who(struct history_ev *h, const char *key)
{
	const char	*p = history_str(h, key);

	return p != NULL && *p ? p : _("nobody on record");
}

/* The person of the payload, or that nobody is on record. */
static const char *
history_person(struct history_ev *h)
{
	return history_who(h, "person");
}

/* A rung's name from a key of the payload holding its id. */
static const char *
history_rung_at(struct history_ev *h, const char *key)
{
	const char	*id = history_str(h, key);

	return id != NULL ? history_rung(h->a, id) : "?";
}

/* An ISO time of the payload as "MM-DD HH:MM"; "?" when it has none. */
static const char *
history_when(struct history_ev *h, const char *key, char *out, size_t size)
{
	const char	*iso = history_str(h, key);
	int64_t		 t;

	if (iso == NULL || caltime_parse_iso(iso, &t) != 0) {
		snprintf(out, size, "?");
		return out;
	}
	caltime_format_local(t, out, size);
	/* The line's own time says the year. */
	return out + 5;
}

static const char *
history_dur(int64_t secs, char *out, size_t size)
{
	return duration_format(secs, out, size);
}

/* --- retention ---------------------------------------------------------- */

/* What retention removed, after how long, under which of its rules. */
static void
history_retained(struct history_ev *h, struct buf *out)
{
	const struct policy_category	*c = NULL;
	const char			*rule = history_str(h, "rule");
	struct buf			 under;
	char				 d1[DURATION_BUFSZ];
	int64_t				 v = history_int(h, "keep", 0);

	if (v > 0 && v % DURATION_YEAR == 0)
		/* TRANSLATORS: whole years, as rules.yaml writes them (3y). */
		snprintf(d1, sizeof d1, _("%lldy"), (long long)(v /
		    DURATION_YEAR));
	else
		history_dur(v, d1, sizeof d1);
	buf_init(&under);
	if (rule == NULL || strcmp(rule, "default") == 0)
		buf_puts(&under, _("the default retention period"));
	else {
		if (h->a->policy != NULL)
			c = policy_category(h->a->policy, rule);
		buf_printf(&under, _("the retention period of %s"), c != NULL ?
		    i18n_name(c->name, c->name_en) : rule);
	}
	buf_printf(out, _("%s after its resolution, its personal details "
	    "removed (values: %lld, links to students: %lld; under %s)"), d1,
	    (long long)history_int(h, "parts", 0),
	    (long long)history_int(h, "students", 0), buf_str(&under));
	buf_done(&under);
}

/* --- early warnings ---------------------------------------------------- */

static const struct policy_warning *
history_warning(const struct yj_app *a, const char *id)
{
	size_t	 i;

	for (i = 0; id != NULL && a->policy != NULL &&
	    i < a->policy->nwarnings; i++) {
		if (strcmp(a->policy->warnings[i].id, id) == 0)
			return &a->policy->warnings[i];
	}
	return NULL;
}

static const char *
history_field_value(const struct store_incident *in, const char *key)
{
	size_t	 i;

	for (i = 0; i < in->nfields; i++) {
		if (strcmp(in->fields[i].key, key) == 0)
			return in->fields[i].value;
	}
	return NULL;
}

struct history_unit {
	int64_t		 id;
	struct buf	*out;
	bool		 found;
};

static int
history_unit_cb(void *arg, int64_t id, const char *name)
{
	struct history_unit	*u = arg;

	if (id != u->id)
		return 0;
	buf_puts(u->out, name);
	u->found = true;
	return 1;
}

/*
 * Whom an early warning is about ("student:49", "room:7", "class:3" as
 * stored): the student's number and name, the room, the class, from the
 * incident itself (or the organisation for a class).
 */
static void
history_subject(const struct yj_app *a, const struct store_incident *in,
    const char *key, struct buf *out)
{
	struct history_unit	 u;
	struct yj_error		 err;
	const char		*colon;
	long long		 id;
	size_t			 i;

	if (key == NULL || (colon = strchr(key, ':')) == NULL ||
	    sscanf(colon + 1, "%lld", &id) != 1) {
		buf_puts(out, "?");
		return;
	}
	if (strncmp(key, "student:", 8) == 0) {
		for (i = 0; i < in->nstudents; i++) {
			if (in->students[i].id == id) {
				buf_printf(out, "%s %s", in->students[i].number,
				    in->students[i].name);
				return;
			}
		}
		/* TRANSLATORS: a student no longer on the roster. */
		buf_puts(out, _("a student"));
		return;
	}
	if (strncmp(key, "room:", 5) == 0) {
		buf_puts(out, in->room_id == id && *in->room ? in->room :
		    _("a room"));
		return;
	}
	u.id = id;
	u.out = out;
	u.found = false;
	if (strncmp(key, "class:", 6) == 0 && a->store != NULL)
		store_units(a->store, STORE_UNIT_CLASS, history_unit_cb, &u,
		    &err);
	if (!u.found)
		buf_puts(out, _("a class"));
}

/* Appends "rule: subject — N incidents within D (#1, #2)" when a warning. */
static bool
history_warning_summary(const struct yj_app *a,
    const struct store_incident *in, struct buf *out)
{
	const struct policy_warning	*w;
	const char			*id = history_field_value(in, "warning");
	const char			*list = history_field_value(in,
					    "incidents");
	struct buf			 who;
	char				 d1[DURATION_BUFSZ];
	size_t				 n = 0;
	const char			*s;

	if (id == NULL)
		return false;
	w = history_warning(a, id);
	for (s = list; s != NULL && *s != '\0'; s++)
		n += *s == '#';
	buf_init(&who);
	history_subject(a, in, history_field_value(in, "subject"), &who);
	buf_printf(out, _("%s: %s — %zu incidents within %s (%s)"),
	    w != NULL ? i18n_name(w->name, w->name_en) : _("a rule no longer "
	    "in the policy"), buf_str(&who), n, w != NULL ? duration_format(
	    w->within, d1, sizeof d1) : "?", list != NULL ? list : "");
	buf_done(&who);
	return true;
}

void
history_summary(const struct yj_app *a, const struct store_incident *in,
    struct buf *out)
{
	if (in->text != NULL && *in->text != '\0')
		buf_puts(out, in->text);
	else
		history_warning_summary(a, in, out);
}

void
history_field(const struct yj_app *a, const struct store_incident *in,
    size_t i, struct buf *label, struct buf *value)
{
	const struct policy_category	*c;
	const struct policy_field	*f = NULL;
	const struct policy_warning	*w;
	const struct store_field	*sf = &in->fields[i];
	const char			*v = sf->value;
	size_t				 k;

	c = a->policy != NULL ? policy_category(a->policy, in->category) :
	    NULL;
	for (k = 0; c != NULL && k < c->nfields; k++) {
		if (strcmp(c->fields[k].id, sf->key) == 0)
			f = &c->fields[k];
	}
	if (f != NULL) {
		buf_puts(label, f->label);
		/* Removed by retention: neither yes nor no, nothing. */
		if (*v == '\0')
			;
		else if (f->type == POLICY_FIELD_BOOL)
			buf_puts(value, strcmp(v, "true") == 0 ? _("yes") :
			    _("no"));
		/* 2026-11-28T22:30:00+08:00: the date and the minute. */
		else if (f->type == POLICY_FIELD_TIME && strlen(v) >= 16 &&
		    v[10] == 'T')
			buf_printf(value, "%.10s %.5s", v, v + 11);
		else
			buf_puts(value, v);
		return;
	}
	/* An early warning's own fields, which no category declares. */
	if (c != NULL && c->system && strcmp(sf->key, "warning") == 0) {
		/* TRANSLATORS: the early-warning rule an incident was raised by. */
		buf_puts(label, _("Rule"));
		w = history_warning(a, v);
		buf_puts(value, w != NULL ? i18n_name(w->name, w->name_en) : v);
	} else if (c != NULL && c->system && strcmp(sf->key, "subject") == 0) {
		/* TRANSLATORS: whom an early warning is about. */
		buf_puts(label, _("About"));
		history_subject(a, in, v, value);
	} else if (c != NULL && c->system &&
	    strcmp(sf->key, "incidents") == 0) {
		/* TRANSLATORS: the incidents an early warning counted. */
		buf_puts(label, _("Incidents"));
		buf_puts(value, v);
	} else {
		buf_puts(label, sf->key);
		buf_puts(value, v);
	}
}

/* --- the events -------------------------------------------------------- */

/* A call: whom, how it went, what was said. */
static void
history_contacted(struct history_ev *h, struct buf *out)
{
	static const char *const results[][2] = {
		{ "reached", N_("reached") },
		{ "no-answer", N_("no answer") },
		{ "left-message", N_("left a message") },
	};
	const struct store_event	*ev = h->ev;
	const char			*person = history_str(h, "person");
	const char			*result = history_str(h, "result");
	const char			*said = ev->note;
	size_t				 i, n;

	if (person == NULL || result == NULL) {
		buf_puts(out, ev->note);
		return;
	}
	for (i = 0; i < sizeof results / sizeof results[0]; i++) {
		if (strcmp(results[i][0], result) == 0)
			break;
	}
	/*
	 * A call recorded before the note held only what was said reads
	 * "person (result): said"; what was said is after that.
	 */
	n = strlen(person) + strlen(result) + 3;
	if (strncmp(said, person, strlen(person)) == 0 &&
	    strlen(said) >= n && said[strlen(person)] == ' ' &&
	    said[strlen(person) + 1] == '(')
		said = strncmp(said + n, ": ", 2) == 0 ? said + n + 2 :
		    said + n;
	/* TRANSLATORS: a call: whom, how it went ("reached"). */
	buf_printf(out, _("%s (%s)"), person, i < sizeof results /
	    sizeof results[0] ? _(results[i][1]) : result);
	if (*said != '\0')
		/* TRANSLATORS: after a call: what was said. */
		buf_printf(out, _(": %s"), said);
}

static void
history_reported(struct history_ev *h, struct buf *out)
{
	const struct store_event	*ev = h->ev;
	struct store_incident		 in;
	struct yj_error			 err;
	const char			*warning = history_str(h, "warning");
	const char			*start;

	if (warning != NULL && h->a->store != NULL &&
	    store_incident_get(h->a->store, ev->incident_id, &in, &err) ==
	    YJ_OK) {
		/* TRANSLATORS: an early warning raised; then what it says. */
		buf_puts(out, _("raised by the early-warning rules: "));
		history_warning_summary(h->a, &in, out);
		store_incident_free(&in);
		return;
	}
	start = history_str(h, "start");
	if (start != NULL) {
		if (history_bool(h, "skip_level"))
			buf_printf(out, _("straight to %s (%s), past the "
			    "levels below"), history_rung(h->a, start),
			    history_person(h));
		else
			buf_printf(out, _("to %s (%s)"), history_rung(h->a,
			    start), history_person(h));
		if (*ev->note != '\0')
			/* TRANSLATORS: what the reporter did already. */
			buf_printf(out, _("; done already: %s"), ev->note);
	} else
		buf_puts(out, ev->note);
}

static void
history_informed(struct history_ev *h, struct buf *out)
{
	switch (engine_why_of(history_str(h, "why"))) {
	case ENGINE_WHY_SKIP_LEVEL:
		buf_printf(out, _("%s informed: the report went straight to "
		    "%s"), history_person(h), history_rung_at(h, "to"));
		break;
	case ENGINE_WHY_PASSED:
		buf_printf(out, _("%s informed: escalated past it to %s"),
		    history_person(h), history_rung_at(h, "to"));
		break;
	default:
		buf_puts(out, h->ev->note);
		break;
	}
}

static void
history_gap(struct history_ev *h, struct buf *out)
{
	const char	*rung = history_rung(h->a, h->ev->level);
	bool		 climbs = history_bool(h, "climbs");

	switch (engine_why_of(history_str(h, "why"))) {
	case ENGINE_WHY_NOBODY:
		if (climbs)
			buf_printf(out, _("nobody responsible at %s is on "
			    "record; climbing at once"), rung);
		else
			buf_printf(out, _("nobody responsible at %s is on "
			    "record"), rung);
		break;
	case ENGINE_WHY_NO_PHONE:
		if (climbs)
			buf_printf(out, _("%s at %s has no phone on record; "
			    "climbing at once"), history_person(h), rung);
		else
			buf_printf(out, _("%s at %s has no phone on record"),
			    history_person(h), rung);
		break;
	default:
		buf_puts(out, h->ev->note);
		break;
	}
}

static void
history_escalated(struct history_ev *h, struct buf *out)
{
	const char	*to = history_rung(h->a, h->ev->level);
	char		 d1[DURATION_BUFSZ], t1[32];

	switch (engine_why_of(history_str(h, "why"))) {
	case ENGINE_WHY_NO_ACK:
		buf_printf(out, _("no acknowledgement from %s (%s) within %s "
		    "(due %s); climbed to %s (%s)"), history_rung_at(h, "from"),
		    history_who(h, "from_person"), duration_format(history_int(
		    h, "within", 0), d1, sizeof d1), history_when(h, "due", t1,
		    sizeof t1), to, history_person(h));
		break;
	case ENGINE_WHY_NO_ONE:
		buf_printf(out, _("climbed to %s (%s): no one to call at %s"),
		    to, history_person(h), history_rung_at(h, "from"));
		break;
	case ENGINE_WHY_UNRESOLVED:
		buf_printf(out, _("not resolved in time at %s; climbed to %s "
		    "(%s)"), history_rung_at(h, "from"), to, history_person(h));
		break;
	case ENGINE_WHY_BY_HAND:
		buf_printf(out, _("escalated by hand from %s to %s (%s): %s"),
		    history_rung_at(h, "from"), to, history_person(h),
		    h->ev->note);
		break;
	default:
		buf_puts(out, h->ev->note);
		break;
	}
}

static void
history_reminder(struct history_ev *h, struct buf *out)
{
	const char	*since = history_str(h, "overdue_since");
	char		 d1[DURATION_BUFSZ], t1[32];
	int64_t		 t, at = h->ev->at;

	if (since == NULL || caltime_parse_iso(since, &t) != 0) {
		buf_puts(out, h->ev->note);
		return;
	}
	/* At the deadline itself: not "overdue 0s". */
	if (at - t < 60) {
		buf_printf(out, _("still not acknowledged at %s (%s) at the "
		    "deadline (%s); reminder"), history_rung(h->a,
		    h->ev->level), history_person(h), history_when(h,
		    "overdue_since", t1, sizeof t1));
		return;
	}
	/* Until the reminder, however late a tick made it: whole minutes. */
	buf_printf(out, _("still not acknowledged at %s (%s): overdue %s, "
	    "since %s; reminder"), history_rung(h->a, h->ev->level),
	    history_person(h), history_dur((at - t) / 60 * 60, d1,
	    sizeof d1),
	    history_when(h, "overdue_since", t1, sizeof t1));
}

/* How notify_command went. */
static void
history_notify(struct history_ev *h, struct buf *out)
{
	const char	*person = history_str(h, "person");
	char		 d1[DURATION_BUFSZ];
	int64_t		 v;

	if (person == NULL || *person == '\0')
		person = _("nobody on record");
	if (json_get_int(h->ev->payload, "status", &v)) {
		if (v == 0)
			buf_printf(out, _("sent to %s"), person);
		else
			buf_printf(out, _("not sent to %s: the command exited "
			    "with status %lld"), person, (long long)v);
	} else if (json_get_int(h->ev->payload, "signal", &v))
		buf_printf(out, _("not sent to %s: the command was killed by "
		    "signal %lld"), person, (long long)v);
	else if (json_get_int(h->ev->payload, "stopped_after", &v))
		buf_printf(out, _("not sent to %s: the command was stopped "
		    "after %s without finishing"), person,
		    history_dur(v, d1, sizeof d1));
	else if (json_get_int(h->ev->payload, "errno", &v))
		buf_printf(out, _("not sent to %s: the command could not "
		    "start (%s)"), person, strerror((int)v));
	else
		buf_puts(out, h->ev->note);
}

/* How an acknowledgement reached the officer: "self" when not said. */
static const char *
history_via(struct history_ev *h)
{
	const char	*v = history_str(h, "via");

	return v != NULL ? v : "self";
}

/* A field's label from whichever category has it, else its key. */
static const char *
history_field_label(const struct yj_app *a, const char *key)
{
	const struct policy	*p = a->policy;
	size_t			 i, k;

	for (i = 0; p != NULL && i < p->ncategories; i++) {
		for (k = 0; k < p->categories[i].nfields; k++) {
			if (strcmp(p->categories[i].fields[k].id, key) == 0)
				return p->categories[i].fields[k].label;
		}
	}
	return key;
}

/* A category's or severity's name, by id. */
static const char *
history_policy_name(const struct yj_app *a, bool category, const char *id)
{
	const struct policy_category	*c;
	const struct policy_severity	*sv;

	if (id == NULL || a->policy == NULL)
		return id != NULL ? id : "";
	if (category)
		return (c = policy_category(a->policy, id)) != NULL ?
		    i18n_name(c->name, c->name_en) : id;
	return (sv = policy_severity(a->policy, id)) != NULL ?
	    i18n_name(sv->name, sv->name_en) : id;
}

/*
 * A student added or removed: who (the number and name the event keeps,
 * "NUMBER NAME"; blank to whoever may not read it).
 */
static void
history_student_corrected(struct history_ev *h, const char *who,
    struct buf *out)
{
	const char	*sp = strchr(who, ' ');
	bool		 add = history_int(h, "add", 0) != 0;

	if (*who == '\0' || sp == NULL || sp == who || sp[1] == '\0')
		buf_puts(out, add ? _("a student added") :
		    _("a student removed"));
	else
		buf_printf(out, add ? _("student %s (%.*s) added") :
		    _("student %s (%.*s) removed"), sp + 1, (int)(sp - who),
		    who);
}

/*
 * A correction: what it was (kept in the event itself, never
 * overwritten), what it is now, and why.
 */
static void
history_corrected(struct history_ev *h, struct buf *out)
{
	const char	*what = history_str(h, "what");
	const char	*from = h->ev->from != NULL ? h->ev->from : "";
	size_t		 start = out->len;
	bool		 category;

	if (what != NULL && strcmp(what, "field") == 0) {
		const char	*key = history_str(h, "key");

		if (*from != '\0')
			buf_printf(out, _("%s corrected, from “%s”"),
			    history_field_label(h->a, key != NULL ? key : ""),
			    from);
		else
			buf_printf(out, _("%s given afterwards"),
			    history_field_label(h->a, key != NULL ? key : ""));
	} else if (what != NULL && (strcmp(what, "category") == 0 ||
	    strcmp(what, "severity") == 0)) {
		category = strcmp(what, "category") == 0;
		buf_printf(out, category ? _("category corrected from %s to "
		    "%s") : _("severity corrected from %s to %s"),
		    history_policy_name(h->a, category, history_str(h,
		    "from")), history_policy_name(h->a, category,
		    history_str(h, "to")));
		if (history_int(h, "rung_to", 0) != history_int(h,
		    "rung_from", 0))
			buf_printf(out, _("; now at %s"),
			    history_rung(h->a, h->ev->level));
	} else if (what != NULL && strcmp(what, "student") == 0)
		history_student_corrected(h, from, out);
	if (*h->ev->note != '\0' && out->len > start)
		buf_printf(out, _(": %s"), h->ev->note);
	else if (*h->ev->note != '\0')
		buf_puts(out, h->ev->note);
}

void
history_describe(const struct yj_app *a, const struct store_event *ev,
    struct buf *out)
{
	struct history_ev	 h;
	const struct policy_severity *sv;
	const char		*s;
	char			 d1[DURATION_BUFSZ], d2[DURATION_BUFSZ];
	char			 t1[32];
	int64_t			 v;
	size_t			 start = out->len;

	memset(&h, 0, sizeof h);
	h.a = a;
	h.ev = ev;
	switch (record_kind_of(ev->kind)) {
	case EV_REPORTED:
		history_reported(&h, out);
		break;
	case EV_CONTACTED:
		history_contacted(&h, out);
		break;
	case EV_ACKNOWLEDGED:
		/* Taken by the officer for whom it was: said first. */
		s = history_str(&h, "for");
		if (s != NULL && *s != '\0' && strcmp(history_via(&h),
		    "self") != 0)
			buf_printf(out, strcmp(history_via(&h), "in-person") ==
			    0 ? _("for %s, in person; ") : _("for %s, by "
			    "phone; "), s);
		if (json_get_int(ev->payload, "delay", &v))
			/* TRANSLATORS: acknowledged, this long after it came. */
			buf_printf(out, _("after %s"), history_dur(v, d1,
			    sizeof d1));
		if (*ev->note != '\0' && out->len > start)
			buf_printf(out, _("; %s"), ev->note);
		else if (*ev->note != '\0')
			buf_puts(out, ev->note);
		break;
	case EV_LATE_REPORT:
		if (json_get_int(ev->payload, "delay", &v))
			buf_printf(out, _("logged %s after it happened; the "
			    "policy asks for %s"), history_dur(v, d1,
			    sizeof d1), history_dur(history_int(&h, "within",
			    0), d2, sizeof d2));
		else
			buf_puts(out, ev->note);
		break;
	case EV_INFORMED:
		history_informed(&h, out);
		break;
	case EV_NOTIFIED:
		s = history_str(&h, "why");
		if (s == NULL)
			buf_puts(out, ev->note);
		else if (engine_why_of(s) == ENGINE_WHY_EVERY_OFFICE)
			buf_printf(out, _("%s notified (%s): emergency, every "
			    "office"), history_rung(a, ev->level),
			    history_person(&h));
		else
			buf_printf(out, _("%s notified (%s)"),
			    history_rung(a, ev->level), history_person(&h));
		break;
	case EV_EMERGENCY_PLAN:
		s = history_str(&h, "severity");
		sv = s != NULL && a->policy != NULL ? policy_severity(a->policy,
		    s) : NULL;
		if (s == NULL)
			buf_puts(out, ev->note);
		else
			buf_printf(out, _("%s: the emergency plan is raised and "
			    "%s is told at once"), sv != NULL ?
			    i18n_name(sv->name, sv->name_en) : s,
			    history_rung_at(&h, "top"));
		break;
	case EV_GAP:
		history_gap(&h, out);
		break;
	case EV_ESCALATED:
		history_escalated(&h, out);
		break;
	case EV_REMINDER:
		history_reminder(&h, out);
		break;
	case EV_OVERDUE:
		if (json_get_int(ev->payload, "within", &v))
			buf_printf(out, _("not resolved within %s (due %s)"),
			    history_dur(v, d1, sizeof d1),
			    history_when(&h, "due", t1, sizeof t1));
		else
			buf_puts(out, ev->note);
		break;
	case EV_NOTIFY:
		history_notify(&h, out);
		break;
	case EV_CORRECTED:
		history_corrected(&h, out);
		break;
	case EV_DUPLICATE:
		buf_printf(out, _("closed as a duplicate of #%lld"),
		    (long long)history_int(&h, "of", 0));
		if (*ev->note != '\0')
			buf_printf(out, _(": %s"), ev->note);
		break;
	case EV_DUPLICATE_OF:
		buf_printf(out, _("#%lld closed as a duplicate of this one"),
		    (long long)history_int(&h, "duplicate", 0));
		break;
	case EV_FOLLOWUP_DUE:
		s = history_str(&h, "owner");
		caltime_format_local(history_int(&h, "due", 0), t1, sizeof t1);
		buf_printf(out, _("follow-up %s due %s (%s)"),
		    history_followup(a, history_str(&h, "followup")), t1,
		    s != NULL && strcmp(s, "reporter") != 0 ?
		    history_rung(a, s) : _("the reporter"));
		break;
	case EV_FOLLOWUP_DONE:
		buf_printf(out, *ev->note != '\0' ? _("follow-up %s done: %s") :
		    _("follow-up %s done%s"), history_followup(a,
		    history_str(&h, "followup")), ev->note);
		break;
	case EV_FOLLOWUP_OVERDUE:
		buf_printf(out, _("follow-up %s overdue: to %s"),
		    history_followup(a, history_str(&h, "followup")),
		    history_rung(a, history_str(&h, "to")));
		break;
	case EV_RETAINED:
		history_retained(&h, out);
		break;
	default:
		/* What a person typed: a note, a resolution, a reason. */
		buf_puts(out, ev->note);
		break;
	}
	history_ev_done(&h);
}
