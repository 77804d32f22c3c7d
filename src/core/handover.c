#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/handover.h"
#include "yujing/escalate.h"
#include "yujing/incident.h"
#include "yujing/json.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/roster.h"
#include "yujing/safe.h"
#include "yujing/shift.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

#define HANDOVER_TEXT_MAX	2000	/* bytes of one typed text */
#define HANDOVER_LOOK_BACK	(31 * 86400)	/* for the last handover */

#define HANDOVER_NAME(e, name, label)	name,
static const char *const handover_names[] = {
	HANDOVER_STATUSES(HANDOVER_NAME)
};
#undef HANDOVER_NAME
#define HANDOVER_LABEL(e, name, label)	label,
static const char *const handover_labels[] = {
	HANDOVER_STATUSES(HANDOVER_LABEL)
};
#undef HANDOVER_LABEL

const char *
handover_status_name(int s)
{
	return s >= 0 && s < HANDOVER_NSTATUS ? handover_names[s] : "";
}

const char *
handover_status_label(int s)
{
	return s >= 0 && s < HANDOVER_NSTATUS ? handover_labels[s] : "";
}

int
handover_status_of(const char *name)
{
	int	 i;

	for (i = 0; name != NULL && i < HANDOVER_NSTATUS; i++) {
		if (strcmp(name, handover_names[i]) == 0)
			return i;
	}
	return -1;
}

static void
handover_item_free(struct handover_item *it)
{
	free(it->action);
	free(it->owner);
	free(it->contingency);
	free(it->accepted_by);
	free(it->question);
	free(it->answer);
	free(it->readback);
}

void
handover_free(struct handover *h)
{
	size_t	 i;

	free(h->receiver_role);
	free(h->outgoing);
	free(h->note);
	free(h->incoming);
	for (i = 0; i < h->nitems; i++)
		handover_item_free(&h->items[i]);
	free(h->items);
	memset(h, 0, sizeof *h);
}

bool
handover_complete(const struct handover *h)
{
	return h->signed_out_at != 0 && h->signed_in_at != 0;
}

enum yj_status
handover_duty(struct yj_app *a, const char *spec, struct policy_duty *d,
    struct yj_error *err)
{
	const char	*why;
	int64_t		 now = app_now(a);

	if (spec == NULL || strcmp(spec, "current") == 0) {
		if (policy_duty_at(a->policy, now, d))
			return YJ_OK;
		if (spec != NULL)
			return yj_fail(err, YJ_NOT_FOUND, "no shift runs now");
	}
	if (spec == NULL || strcmp(spec, "last") == 0) {
		if (policy_duty_prev(a->policy, now, d))
			return YJ_OK;
		return yj_fail(err, YJ_NOT_FOUND, "no shift has ended in the "
		    "last year");
	}
	if (!policy_duty_parse(a->policy, spec, d, &why))
		return yj_fail(err, YJ_BAD_INPUT, "shift %s: %s", spec, why);
	return YJ_OK;
}

/* --- the replay ---------------------------------------------------------- */

static struct handover_item *
handover_find(struct handover *h, int64_t incident)
{
	size_t	 i;

	for (i = 0; i < h->nitems; i++) {
		if (h->items[i].incident == incident)
			return &h->items[i];
	}
	return NULL;
}

static struct handover_item *
handover_add_item(struct handover *h, int64_t incident)
{
	struct handover_item	*it = handover_find(h, incident);

	if (it != NULL)
		return it;
	h->items = xreallocarray(h->items, h->nitems + 1, sizeof *h->items);
	it = &h->items[h->nitems++];
	memset(it, 0, sizeof *it);
	it->incident = incident;
	it->status = it->carried = -1;
	it->action = xstrdup("");
	it->owner = xstrdup("");
	it->contingency = xstrdup("");
	it->accepted_by = xstrdup("");
	it->question = xstrdup("");
	it->answer = xstrdup("");
	it->readback = xstrdup("");
	return it;
}

static void
handover_set_text(char **to, const struct store_log_entry *e,
    const char *part)
{
	const char	*v = store_log_part_of(e, part);

	free(*to);
	*to = xstrdup(v != NULL ? v : "");
}

/* "12 15 19" or "12:watch 15:unstable": the items a prepare names. */
static void
handover_apply_items(struct handover *h, const char *list, bool carried)
{
	struct handover_item	*it;
	const char		*p = list, *colon;
	char			*end, *name;
	long long		 id;

	while (*p != '\0') {
		id = strtoll(p, &end, 10);
		if (end == p)
			break;
		it = handover_add_item(h, (int64_t)id);
		p = end;
		if (carried && *p == ':') {
			colon = p + 1;
			p = colon + strcspn(colon, " ");
			name = xstrndup(colon, (size_t)(p - colon));
			it->carried = handover_status_of(name);
			if (it->status < 0)
				it->status = it->carried;
			free(name);
		}
		p += strspn(p, " ");
	}
}

/* Whether an acceptance or read-back is of the item as it stands. */
static bool
handover_of_version(const struct store_log_entry *e,
    const struct handover_item *it)
{
	int64_t	 v;

	return !json_get_int(e->payload, "version", &v) || v == it->version;
}

static int
handover_apply(void *arg, const struct store_log_entry *e)
{
	struct handover		*h = arg;
	struct handover_item	*it = NULL;
	struct buf		 b;
	int64_t			 id = 0, due = 0;
	int			 k = record_kind_of(e->kind);

	h->last_event = e->id;
	buf_init(&b);
	if (json_get_int(e->payload, "incident", &id))
		it = handover_add_item(h, id);
	switch (k) {
	case EV_HANDOVER_PREPARED:
		if (*h->outgoing == '\0') {
			free(h->outgoing);
			h->outgoing = xstrdup(e->actor);
			h->prepared_at = e->at;
			free(h->receiver_role);
			h->receiver_role = json_get_string(e->payload,
			    "receiver", &b) ? buf_steal(&b) : NULL;
		}
		buf_clear(&b);
		if (json_get_string(e->payload, "carried", &b))
			handover_apply_items(h, buf_str(&b), true);
		buf_clear(&b);
		if (json_get_string(e->payload, "items", &b))
			handover_apply_items(h, buf_str(&b), false);
		if (store_log_part_of(e, "note") != NULL)
			handover_set_text(&h->note, e, "note");
		break;
	case EV_HANDOVER_ITEM:
		if (it == NULL)
			break;
		if (json_get_string(e->payload, "status", &b))
			it->status = handover_status_of(buf_str(&b));
		if (json_get_int(e->payload, "due", &due))
			it->due = due;
		handover_set_text(&it->action, e, "action");
		handover_set_text(&it->owner, e, "owner");
		handover_set_text(&it->contingency, e, "contingency");
		/*
		 * What was accepted and read back has changed: to be accepted
		 * and read back again, against this version.
		 */
		free(it->accepted_by);
		it->accepted_by = xstrdup("");
		it->accepted_at = 0;
		it->readback[0] = '\0';
		it->version = e->id;
		break;
	case EV_HANDOVER_ACCEPTED:
		if (it == NULL || !handover_of_version(e, it))
			break;
		free(it->accepted_by);
		it->accepted_by = xstrdup(e->actor);
		it->accepted_at = e->at;
		break;
	case EV_HANDOVER_QUESTIONED:
		/* A new question: the last one's answer is not its. */
		if (it != NULL) {
			handover_set_text(&it->question, e, "question");
			it->answer[0] = '\0';
		}
		break;
	case EV_HANDOVER_ANSWERED:
		if (it != NULL)
			handover_set_text(&it->answer, e, "answer");
		break;
	case EV_HANDOVER_READBACK:
		if (it != NULL && handover_of_version(e, it))
			handover_set_text(&it->readback, e, "readback");
		break;
	case EV_HANDOVER_SIGNED:
		if (strcmp(e->actor, h->outgoing) == 0)
			h->signed_out_at = e->at;
		else
			h->signed_in_at = e->at;
		break;
	default:
		break;
	}
	/* The incoming officer: whoever first acts as one. */
	if ((k == EV_HANDOVER_ACCEPTED || k == EV_HANDOVER_QUESTIONED ||
	    k == EV_HANDOVER_READBACK || (k == EV_HANDOVER_SIGNED &&
	    strcmp(e->actor, h->outgoing) != 0)) && *h->incoming == '\0') {
		free(h->incoming);
		h->incoming = xstrdup(e->actor);
	}
	buf_done(&b);
	return 0;
}

/* The handover as its events leave it, nothing blanked. */
static enum yj_status
handover_replay(struct yj_app *a, const struct policy_duty *d,
    struct handover *h, struct yj_error *err)
{
	char		 lo[POLICY_DUTY_IDSZ + 16], hi[POLICY_DUTY_IDSZ + 17];
	enum yj_status	 r;

	memset(h, 0, sizeof *h);
	h->duty = *d;
	h->outgoing = xstrdup("");
	h->incoming = xstrdup("");
	h->note = xstrdup("");
	shift_subject("handover", d->id, lo, sizeof lo);
	snprintf(hi, sizeof hi, "%s%c", lo, 1);
	if ((r = store_log_read(a->store, lo, hi, handover_apply, h, err)) !=
	    YJ_OK)
		return r;
	return *h->outgoing != '\0' ? YJ_OK : YJ_NOT_FOUND;
}

/* Whether the signed-in user may read the incident in full. */
static bool
handover_may_read(struct yj_app *a, int64_t incident)
{
	struct store_incident	 in;
	struct yj_error		 e;
	bool			 redacted = true;

	if (incident_show(a, incident, &in, &redacted, &e) == YJ_OK)
		incident_free(&in);
	return !redacted;
}

/* Blanks what the signed-in user may not read of a restricted item. */
static void
handover_redact(struct yj_app *a, struct handover_item *it)
{
	struct store_incident	 in;
	struct yj_error		 e;
	bool			 redacted = false;

	if (incident_show(a, it->incident, &in, &redacted, &e) != YJ_OK)
		redacted = true;
	else
		incident_free(&in);
	it->restricted = redacted;
	if (!redacted)
		return;
	it->status = it->carried = -1;
	it->action[0] = it->owner[0] = it->contingency[0] = '\0';
	it->question[0] = it->answer[0] = it->readback[0] = '\0';
}

enum yj_status
handover_load(struct yj_app *a, const char *duty, struct handover *h,
    struct yj_error *err)
{
	struct policy_duty	 d;
	enum yj_status		 r;
	size_t			 i;

	if (a->user.id == 0)
		return yj_fail(err, YJ_DENIED, "sign in first");
	if ((r = handover_duty(a, duty, &d, err)) != YJ_OK)
		return r;
	r = handover_replay(a, &d, h, err);
	if (r == YJ_NOT_FOUND)
		r = yj_fail(err, YJ_NOT_FOUND, "shift %s has no handover yet",
		    d.id);
	if (r != YJ_OK) {
		handover_free(h);
		return r;
	}
	for (i = 0; i < h->nitems; i++)
		handover_redact(a, &h->items[i]);
	return YJ_OK;
}

/* --- the steps ---------------------------------------------------------- */

/* One step's event about the handover: its payload and parts. */
static enum yj_status
handover_event(struct yj_app *a, const struct handover *h,
    enum record_kind kind, const char *payload,
    const struct store_log_part *parts, size_t nparts, struct yj_error *err)
{
	struct store_actor	 by = app_actor(a);
	char			 subject[POLICY_DUTY_IDSZ + 16];

	shift_subject("handover", h->duty.id, subject, sizeof subject);
	return store_log_append(a->store, subject, record_kind_name(kind),
	    payload, parts, nparts, &by, NULL, err);
}

/*
 * Begins a step: the write transaction, the duty and the handover read
 * inside it (decided there: two officers at once).
 */
static enum yj_status
handover_begin(struct yj_app *a, const char *duty, struct handover *h,
    bool must_exist, struct yj_error *err)
{
	struct policy_duty	 d;
	enum yj_status		 r;

	memset(h, 0, sizeof *h);
	if (a->user.id == 0)
		return yj_fail(err, YJ_DENIED, "sign in first");
	if (!app_can(a, CAP_HANDLE))
		return yj_fail(err, YJ_DENIED, "your role (%s) may not take "
		    "part in a handover", a->user.role);
	if ((r = handover_duty(a, duty, &d, err)) != YJ_OK)
		return r;
	if ((r = store_begin(a->store, err)) != YJ_OK)
		return r;
	r = handover_replay(a, &d, h, err);
	if (r == YJ_NOT_FOUND && !must_exist)
		r = YJ_OK;
	else if (r == YJ_NOT_FOUND)
		r = yj_fail(err, YJ_NOT_FOUND, "shift %s has no handover yet "
		    "(the outgoing officer prepares it first)", d.id);
	else if (r == YJ_OK && handover_complete(h))
		r = yj_fail(err, YJ_BAD_INPUT, "the handover of %s is signed "
		    "by both: it cannot change", d.id);
	if (r != YJ_OK) {
		store_rollback(a->store);
		handover_free(h);
	}
	return r;
}

static enum yj_status
handover_end(struct yj_app *a, struct handover *h, enum yj_status r,
    struct yj_error *err)
{
	if (r == YJ_OK)
		r = store_commit(a->store, err);
	else
		store_rollback(a->store);
	handover_free(h);
	return r;
}

static enum yj_status
handover_text_ok(const char *what, const char *s, bool required,
    struct yj_error *err)
{
	if (s == NULL || *s == '\0')
		return required ? yj_fail(err, YJ_BAD_INPUT, "%s is empty",
		    what) : YJ_OK;
	return safe_check(what, s, HANDOVER_TEXT_MAX, SAFE_TEXT, err);
}

/* The last handover before this duty's (within a month), or none. */
static enum yj_status
handover_previous(struct yj_app *a, const struct policy_duty *d,
    struct handover *prev, bool *found, struct yj_error *err)
{
	struct policy_duty	 p;
	int64_t			 t = d->start;
	enum yj_status		 r;

	*found = false;
	while (t > d->start - HANDOVER_LOOK_BACK &&
	    policy_duty_prev(a->policy, t, &p)) {
		r = handover_replay(a, &p, prev, err);
		if (r == YJ_OK) {
			*found = true;
			return YJ_OK;
		}
		handover_free(prev);
		if (r != YJ_NOT_FOUND)
			return r;
		t = p.start;
	}
	return YJ_OK;
}

/* Whether the list "12 15 19" has id. */
static bool
handover_ids_have(const char *list, int64_t id)
{
	const char	*p = list;
	char		*end;

	while (*p != '\0') {
		if (strtoll(p, &end, 10) == id)
			return true;
		if (end == p)
			break;
		p = end + strspn(end, " ");
	}
	return false;
}

struct handover_open {
	struct buf	 ids;
};

static int
handover_open_add(void *arg, const struct store_incident *in, bool redacted)
{
	struct handover_open	*o = arg;

	(void)redacted;
	buf_printf(&o->ids, "%s%lld", o->ids.len ? " " : "",
	    (long long)in->id);
	return 0;
}

enum yj_status
handover_prepare(struct yj_app *a, const char *duty, const char *note,
    struct yj_error *err)
{
	struct handover		 h, prev;
	struct handover_open	 o;
	struct store_filter	 f;
	struct store_log_part	 part;
	struct buf		 payload, carried;
	struct json		 j;
	const char		*receiver;
	enum yj_status		 r;
	bool			 found, officer;
	size_t			 i;

	if ((r = handover_text_ok("the note", note, false, err)) != YJ_OK)
		return r;
	if ((r = handover_begin(a, duty, &h, false, err)) != YJ_OK)
		return r;
	if (h.duty.start > app_now(a))
		return handover_end(a, &h, yj_fail(err, YJ_BAD_INPUT,
		    "shift %s has not begun", h.duty.id), err);
	if ((r = shift_is_officer(a, h.duty.id, &officer, err)) != YJ_OK)
		return handover_end(a, &h, r, err);
	if (!officer)
		return handover_end(a, &h, yj_fail(err, YJ_DENIED, "only the "
		    "duty room's officer of %s hands it over (the one "
		    "scheduled, the one who opened it, or a duty officer)",
		    h.duty.id), err);
	if (*h.outgoing != '\0' && strcmp(h.outgoing, a->user.login) != 0)
		return handover_end(a, &h, yj_fail(err, YJ_DENIED, "the "
		    "handover of %s is %s's to prepare", h.duty.id,
		    h.outgoing), err);
	if (h.signed_out_at != 0)
		return handover_end(a, &h, yj_fail(err, YJ_BAD_INPUT, "you "
		    "have signed the handover of %s", h.duty.id), err);
	/* Every incident not resolved: the whole queue, as it is now. */
	memset(&f, 0, sizeof f);
	f.open_only = true;
	f.urgent_at = app_now(a);
	buf_init(&o.ids);
	r = incident_list(a, &f, handover_open_add, &o, err);
	buf_init(&carried);
	if (r == YJ_OK && *h.outgoing == '\0') {
		r = handover_previous(a, &h.duty, &prev, &found, err);
		for (i = 0; r == YJ_OK && found && i < prev.nitems; i++) {
			if ((prev.items[i].status != HANDOVER_WATCH &&
			    prev.items[i].status != HANDOVER_UNSTABLE) ||
			    !handover_ids_have(buf_str(&o.ids),
			    prev.items[i].incident))
				continue;
			buf_printf(&carried, "%s%lld:%s", carried.len ? " " :
			    "", (long long)prev.items[i].incident,
			    handover_status_name(prev.items[i].status));
		}
		if (found)
			handover_free(&prev);
	}
	if (r != YJ_OK) {
		buf_done(&o.ids);
		buf_done(&carried);
		return handover_end(a, &h, r, err);
	}
	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_string(&j, "shift", h.duty.id);
	if (*h.outgoing == '\0') {
		receiver = policy_duty_receiver(a->policy, &h.duty);
		if (receiver != NULL)
			json_kv_string(&j, "receiver", receiver);
		/* Carried while still open: among the items (above). */
		if (carried.len > 0)
			json_kv_string(&j, "carried", buf_str(&carried));
	}
	json_kv_string(&j, "items", buf_str(&o.ids));
	json_object_end(&j);
	part.name = (char *)"note";
	part.value = (char *)(note != NULL ? note : "");
	r = handover_event(a, &h, EV_HANDOVER_PREPARED, buf_str(&payload),
	    &part, 1, err);
	buf_done(&payload);
	buf_done(&o.ids);
	buf_done(&carried);
	return handover_end(a, &h, r, err);
}

/* The item of incident in h, or an error. */
static struct handover_item *
handover_item_of(struct handover *h, int64_t incident, struct yj_error *err)
{
	struct handover_item	*it = handover_find(h, incident);

	if (it == NULL)
		yj_fail(err, YJ_NOT_FOUND, "incident %lld is not an item of "
		    "the handover of %s", (long long)incident, h->duty.id);
	return it;
}

/* Whether the signed-in user may act as the one who receives it. */
static enum yj_status
handover_incoming_ok(struct yj_app *a, const struct handover *h,
    struct yj_error *err)
{
	struct policy_duty	 next;
	enum yj_status		 r;
	bool			 officer;

	if (strcmp(a->user.login, h->outgoing) == 0)
		return yj_fail(err, YJ_DENIED, "you handed this shift over: "
		    "the one who takes it over accepts it");
	if (h->receiver_role != NULL) {
		if (strcmp(a->user.role, h->receiver_role) != 0)
			return yj_fail(err, YJ_DENIED, "the policy hands shift "
			    "%s over to the role %s, not %s", h->duty.id,
			    h->receiver_role, a->user.role);
	} else if (policy_duty_next(a->policy, h->duty.end, &next)) {
		/* To the next shift: its officer (by the same rule). */
		if ((r = shift_is_officer(a, next.id, &officer, err)) != YJ_OK)
			return r;
		if (!officer)
			return yj_fail(err, YJ_DENIED, "shift %s hands over to "
			    "the officer of %s (the one scheduled, the one who "
			    "opened it, or a duty officer)", h->duty.id,
			    next.id);
	}
	if (*h->incoming != '\0' && strcmp(a->user.login, h->incoming) != 0)
		return yj_fail(err, YJ_DENIED, "%s is taking over the shift "
		    "%s", h->incoming, h->duty.id);
	return YJ_OK;
}

static enum yj_status
handover_outgoing_ok(struct yj_app *a, const struct handover *h,
    struct yj_error *err)
{
	if (strcmp(a->user.login, h->outgoing) != 0)
		return yj_fail(err, YJ_DENIED, "only %s, the outgoing officer "
		    "of %s, may do this", h->outgoing, h->duty.id);
	return YJ_OK;
}

enum yj_status
handover_item(struct yj_app *a, const char *duty, int64_t incident,
    const struct handover_set *s, struct yj_error *err)
{
	struct handover		 h;
	struct handover_item	*it;
	struct store_log_part	 parts[3];
	struct buf		 payload;
	struct json		 j;
	enum yj_status		 r;
	int			 status;

	if ((r = handover_text_ok("the action", s->action, false, err)) !=
	    YJ_OK || (r = handover_text_ok("the contingency", s->contingency,
	    false, err)) != YJ_OK)
		return r;
	if (s->owner != NULL && *s->owner != '\0' && (r = safe_check(
	    "the owner", s->owner, 200, SAFE_NAME, err)) != YJ_OK)
		return r;
	if ((r = handover_begin(a, duty, &h, true, err)) != YJ_OK)
		return r;
	if ((r = handover_outgoing_ok(a, &h, err)) != YJ_OK)
		return handover_end(a, &h, r, err);
	if (h.signed_out_at != 0)
		return handover_end(a, &h, yj_fail(err, YJ_BAD_INPUT, "you "
		    "have signed the handover: its items are as signed"), err);
	if ((it = handover_item_of(&h, incident, err)) == NULL)
		return handover_end(a, &h, err->status, err);
	/* What one may not read one does not write over: a stub. */
	if (!handover_may_read(a, incident))
		return handover_end(a, &h, yj_fail(err, YJ_DENIED, "you may "
		    "not read incident %lld: it is handed over as it stands",
		    (long long)incident), err);
	status = s->status >= 0 ? s->status : it->status;
	if (status < 0)
		return handover_end(a, &h, yj_fail(err, YJ_BAD_INPUT, "give "
		    "incident %lld a status (stable, watch or unstable)",
		    (long long)incident), err);
	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_int(&j, "incident", incident);
	json_kv_string(&j, "status", handover_status_name(status));
	if (s->due != 0 || it->due != 0)
		json_kv_int(&j, "due", s->due != 0 ? s->due : it->due);
	json_object_end(&j);
	/* Each event says the item whole: what is not given stays. */
	parts[0].name = (char *)"action";
	parts[0].value = (char *)(s->action != NULL ? s->action : it->action);
	parts[1].name = (char *)"owner";
	parts[1].value = (char *)(s->owner != NULL ? s->owner : it->owner);
	parts[2].name = (char *)"contingency";
	parts[2].value = (char *)(s->contingency != NULL ? s->contingency :
	    it->contingency);
	r = handover_event(a, &h, EV_HANDOVER_ITEM, buf_str(&payload), parts,
	    3, err);
	buf_done(&payload);
	return handover_end(a, &h, r, err);
}

/* An incoming officer's step on one item, with its text (or none). */
static enum yj_status
handover_receive(struct yj_app *a, const char *duty, int64_t incident,
    int64_t version, enum record_kind kind, const char *part,
    const char *text, struct yj_error *err)
{
	struct handover		 h;
	struct handover_item	*it;
	struct store_log_part	 p;
	char			 payload[96];
	enum yj_status		 r;

	if (part != NULL && (r = handover_text_ok(part, text, true, err)) !=
	    YJ_OK)
		return r;
	if ((r = handover_begin(a, duty, &h, true, err)) != YJ_OK)
		return r;
	if (kind == EV_HANDOVER_ANSWERED)
		r = handover_outgoing_ok(a, &h, err);
	else
		r = handover_incoming_ok(a, &h, err);
	if (r != YJ_OK)
		return handover_end(a, &h, r, err);
	if ((it = handover_item_of(&h, incident, err)) == NULL)
		return handover_end(a, &h, err->status, err);
	if (h.signed_in_at != 0)
		r = yj_fail(err, YJ_BAD_INPUT, "the handover is signed");
	else if (version >= 0 && version != it->version)
		r = yj_fail(err, YJ_BAD_INPUT, "incident %lld changed on the "
		    "handover since you read it: read it again",
		    (long long)incident);
	/*
	 * Without a status: a stub (its officer may not read it), taken as
	 * it stands once they have signed, or by one who may not read it
	 * either; else the status comes first.
	 */
	else if (kind == EV_HANDOVER_ACCEPTED && it->status < 0 &&
	    h.signed_out_at == 0 && handover_may_read(a, incident))
		r = yj_fail(err, YJ_BAD_INPUT, "incident %lld has no status "
		    "yet: the outgoing officer gives it one, or signs (then it "
		    "is accepted as it stands)", (long long)incident);
	else if (kind == EV_HANDOVER_READBACK &&
	    !handover_may_read(a, incident))
		r = yj_fail(err, YJ_DENIED, "you may not read incident %lld: "
		    "accept it as it stands", (long long)incident);
	else if (kind == EV_HANDOVER_ACCEPTED && *it->accepted_by != '\0')
		r = yj_fail(err, YJ_BAD_INPUT, "incident %lld is accepted "
		    "already", (long long)incident);
	else if (kind == EV_HANDOVER_ANSWERED && *it->question == '\0')
		r = yj_fail(err, YJ_BAD_INPUT, "incident %lld has no question "
		    "to answer", (long long)incident);
	if (r != YJ_OK)
		return handover_end(a, &h, r, err);
	/* Of the version read: a change since voids it (the replay). */
	snprintf(payload, sizeof payload, "{\"incident\":%lld,\"version\":"
	    "%lld}", (long long)incident, (long long)it->version);
	p.name = (char *)(part != NULL ? part : "");
	p.value = (char *)(text != NULL ? text : "");
	r = handover_event(a, &h, kind, payload, &p, part != NULL ? 1 : 0,
	    err);
	return handover_end(a, &h, r, err);
}

enum yj_status
handover_accept(struct yj_app *a, const char *duty, int64_t incident,
    int64_t version, struct yj_error *err)
{
	return handover_receive(a, duty, incident, version,
	    EV_HANDOVER_ACCEPTED, NULL, NULL, err);
}

enum yj_status
handover_question(struct yj_app *a, const char *duty, int64_t incident,
    const char *text, struct yj_error *err)
{
	return handover_receive(a, duty, incident, -1, EV_HANDOVER_QUESTIONED,
	    "question", text, err);
}

enum yj_status
handover_readback(struct yj_app *a, const char *duty, int64_t incident,
    int64_t version, const char *text, struct yj_error *err)
{
	return handover_receive(a, duty, incident, version,
	    EV_HANDOVER_READBACK, "readback", text, err);
}

enum yj_status
handover_answer(struct yj_app *a, const char *duty, int64_t incident,
    const char *text, struct yj_error *err)
{
	return handover_receive(a, duty, incident, -1, EV_HANDOVER_ANSWERED,
	    "answer", text, err);
}

enum yj_status
handover_sign(struct yj_app *a, const char *duty, struct yj_error *err)
{
	struct handover		 h;
	struct handover_item	*it;
	enum yj_status		 r;
	size_t			 i;
	bool			 out;

	if ((r = handover_begin(a, duty, &h, true, err)) != YJ_OK)
		return r;
	out = strcmp(a->user.login, h.outgoing) == 0;
	if (out && h.signed_out_at != 0)
		r = yj_fail(err, YJ_BAD_INPUT, "you have signed already");
	else if (!out && (r = handover_incoming_ok(a, &h, err)) == YJ_OK &&
	    h.signed_out_at == 0)
		/* The items as signed by the outgoing officer, not before. */
		r = yj_fail(err, YJ_BAD_INPUT, "%s has not signed the handover "
		    "yet", h.outgoing);
	for (i = 0; r == YJ_OK && i < h.nitems; i++) {
		it = &h.items[i];
		/*
		 * A status from the outgoing officer for every item they may
		 * read (one they may not is handed over as a stub); from the
		 * incoming one an acceptance or a question for each, and a
		 * read-back of each unstable one they may read.
		 */
		if (out && it->status < 0 &&
		    handover_may_read(a, it->incident))
			r = yj_fail(err, YJ_BAD_INPUT, "incident %lld has no "
			    "status yet", (long long)it->incident);
		else if (!out && *it->accepted_by == '\0' &&
		    *it->question == '\0')
			r = yj_fail(err, YJ_BAD_INPUT, "incident %lld is "
			    "neither accepted nor questioned",
			    (long long)it->incident);
		else if (!out && it->status == HANDOVER_UNSTABLE &&
		    *it->readback == '\0' &&
		    handover_may_read(a, it->incident))
			r = yj_fail(err, YJ_BAD_INPUT, "incident %lld is "
			    "unstable: read it back first",
			    (long long)it->incident);
	}
	if (r != YJ_OK)
		return handover_end(a, &h, r, err);
	r = handover_event(a, &h, EV_HANDOVER_SIGNED, out ?
	    "{\"as\":\"outgoing\"}" : "{\"as\":\"incoming\"}", NULL, 0, err);
	return handover_end(a, &h, r, err);
}

enum yj_status
handover_chain_head(struct yj_app *a, int64_t *events, char hex[17],
    struct yj_error *err)
{
	uint8_t		 hash[STORE_HASH_BYTES];
	enum yj_status	 r;
	int		 i;

	if ((r = store_chain_head(a->store, events, hash, err)) != YJ_OK)
		return r;
	for (i = 0; i < 8; i++)
		snprintf(hex + 2 * i, 3, "%02x", hash[i]);
	return YJ_OK;
}

void
handover_person(struct yj_app *a, const char *login, struct buf *b)
{
	struct store_user	 u;
	struct yj_error		 err;

	if (store_user_get(a->store, login, &u, &err) == YJ_OK) {
		buf_printf(b, "%s (%s)", u.display, login);
		store_user_free(&u);
	} else
		buf_puts(b, login);
}

/* --- where it stands, and the start-of-shift check ---------------------- */

static const char *const handover_state_names[] = { "none", "open", "done" };
static const char *const handover_state_labels[] = {
	N_("no handover"), N_("handover not signed by both"),
	N_("handed over")
};

const char *
handover_state_name(enum handover_state s)
{
	return handover_state_names[s];
}

const char *
handover_state_label(enum handover_state s)
{
	return handover_state_labels[s];
}

enum yj_status
handover_state_of(struct yj_app *a, const char *duty,
    enum handover_state *st, struct yj_error *err)
{
	struct policy_duty	 d;
	struct handover		 h;
	enum yj_status		 r;

	*st = HANDOVER_NONE;
	if ((r = handover_duty(a, duty, &d, err)) != YJ_OK)
		return r;
	r = handover_replay(a, &d, &h, err);
	if (r == YJ_OK)
		*st = handover_complete(&h) ? HANDOVER_DONE : HANDOVER_OPEN;
	handover_free(&h);
	return r == YJ_NOT_FOUND ? YJ_OK : r;
}

void
handover_check_free(struct handover_check *c)
{
	free(c->inherited);
	free(c->due);
	free(c->emergencies);
	free(c->flagged);
	free(c->flagged_status);
	free(c->gaps);
	free(c->unstaffed);
	memset(c, 0, sizeof *c);
}

static void
handover_push(int64_t **v, size_t *n, int64_t id)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = id;
}

/* Who answers at a level for one unit, as the check has looked it up. */
struct handover_answer {
	const char	*level;		/* the policy's rung id; NULL: free */
	enum store_unit	 kind;
	int64_t		 unit;
	int		 found;		/* 0 nobody, 1 no phone, 2 a phone */
};

struct handover_checking {
	struct yj_app		*a;
	struct handover_check	*c;
	int64_t			*open;		/* every incident open */
	size_t			 nopen;
	/*
	 * Looked up once for all the open incidents of a unit: a table by
	 * (level, kind, unit), open addressing, never more than half full.
	 */
	struct handover_answer	*answers;
	size_t			 nanswers;
	size_t			 capanswers;	/* a power of 2, or 0 */
	enum yj_status		 r;		/* a lookup's failure */
	struct yj_error		*err;
};

static size_t
handover_answer_slot(const struct handover_answer *v, size_t cap,
    const char *level, enum store_unit kind, int64_t unit)
{
	size_t	 h = (size_t)unit * 2654435761u + (size_t)kind * 40503u +
	    (size_t)(uintptr_t)level;

	for (h &= cap - 1; v[h].level != NULL; h = (h + 1) & (cap - 1)) {
		if (v[h].kind == kind && v[h].unit == unit &&
		    v[h].level == level)
			break;
	}
	return h;
}

/* Whether someone answers at level for unit, with a phone: looked up once. */
static enum yj_status
handover_answers(struct handover_checking *k, const char *level,
    enum store_unit kind, int64_t unit, int *found, struct yj_error *err)
{
	struct handover_answer	*old, *w;
	struct store_person	 p;
	enum yj_status		 r;
	size_t			 i, cap;

	if (k->capanswers > 0) {
		w = &k->answers[handover_answer_slot(k->answers,
		    k->capanswers, level, kind, unit)];
		if (w->level != NULL) {
			*found = w->found;
			return YJ_OK;
		}
	}
	r = store_responsible_get(k->a->store, level, kind, unit, &p, err);
	if (r != YJ_OK && r != YJ_NOT_FOUND)
		return r;
	*found = r == YJ_NOT_FOUND ? 0 : *p.phone != '\0' ? 2 : 1;
	if (r == YJ_OK)
		store_person_free(&p);
	if (2 * (k->nanswers + 1) > k->capanswers) {
		old = k->answers;
		cap = k->capanswers;
		k->capanswers = cap > 0 ? 2 * cap : 64;
		k->answers = xcalloc(k->capanswers, sizeof *k->answers);
		for (i = 0; i < cap; i++) {
			if (old[i].level != NULL)
				k->answers[handover_answer_slot(k->answers,
				    k->capanswers, old[i].level, old[i].kind,
				    old[i].unit)] = old[i];
		}
		free(old);
	}
	w = &k->answers[handover_answer_slot(k->answers, k->capanswers, level,
	    kind, unit)];
	w->level = level;
	w->kind = kind;
	w->unit = unit;
	w->found = *found;
	k->nanswers++;
	return YJ_OK;
}

/*
 * Whether anyone answers at rung g for the incident, as escalate_contacts
 * would find them (the first with a phone, else the first, of its units
 * there), from the answers looked up so far.
 */
static enum yj_status
handover_rung_found(struct handover_checking *k,
    const struct store_incident *in, const struct policy_rung *g, int *found,
    struct yj_error *err)
{
	const struct policy	*p = k->a->policy;
	enum policy_scope	 scope = g->kind == POLICY_RUNG_LEVEL ?
	    p->levels[g->index].scope : POLICY_SCOPE_SCHOOL;
	enum store_unit		 kind;
	enum yj_status		 r = YJ_OK;
	int64_t			*ids = NULL;
	size_t			 n = 0, i;
	int			 one;

	*found = 0;
	switch (scope) {
	case POLICY_SCOPE_CLASS:
		kind = STORE_UNIT_CLASS;
		break;
	case POLICY_SCOPE_DEPARTMENT:
		kind = STORE_UNIT_DEPARTMENT;
		break;
	case POLICY_SCOPE_BUILDING:
		kind = STORE_UNIT_BUILDING;
		break;
	case POLICY_SCOPE_SCHOOL:
	case POLICY_NSCOPES:
	default:
		return handover_answers(k, g->id, STORE_UNIT_SCHOOL, 0, found,
		    err);
	}
	if ((r = escalate_units(k->a, in, scope, &ids, &n, err)) != YJ_OK)
		return r;
	for (i = 0; i < n && r == YJ_OK && *found < 2; i++) {
		if ((r = handover_answers(k, g->id, kind, ids[i], &one,
		    err)) == YJ_OK && one > *found)
			*found = one;
	}
	free(ids);
	return r;
}

static int
handover_check_one(void *arg, const struct store_incident *in, bool redacted)
{
	struct handover_checking *k = arg;
	struct handover_check	*c = k->c;
	const struct policy_category *cat;
	const struct policy_path *path;
	size_t			 i;
	int			 found;

	(void)redacted;
	handover_push(&k->open, &k->nopen, in->id);
	if (in->reported_at < c->duty.start)
		handover_push(&c->inherited, &c->ninherited, in->id);
	if ((in->ack_due >= c->duty.start && in->ack_due < c->duty.end) ||
	    (in->resolve_due >= c->duty.start && in->resolve_due < c->duty.end))
		handover_push(&c->due, &c->ndue, in->id);
	if (in->emergency)
		handover_push(&c->emergencies, &c->nemergencies, in->id);
	/* Whom it may need tonight: its rung and those above. */
	if ((cat = policy_category(k->a->policy, in->category)) == NULL)
		return 0;
	path = &k->a->policy->paths[cat->path];
	for (i = in->rung >= 0 ? (size_t)in->rung : 0; i < path->nrungs;
	    i++) {
		/* A lookup that failed is no answer: the check fails. */
		if ((k->r = handover_rung_found(k, in, &path->rungs[i], &found,
		    k->err)) != YJ_OK)
			return 1;
		if (found == 2)
			continue;
		c->gaps = xreallocarray(c->gaps, c->ngaps + 1,
		    sizeof *c->gaps);
		c->gaps[c->ngaps].incident = in->id;
		c->gaps[c->ngaps].rung = path->rungs[i].id;
		c->gaps[c->ngaps].no_phone = found == 1;
		c->ngaps++;
	}
	return 0;
}

enum yj_status
handover_check(struct yj_app *a, const char *duty, struct handover_check *c,
    struct yj_error *err)
{
	struct handover_checking k = { a, c, NULL, 0, NULL, 0, 0, YJ_OK, err };
	struct store_filter	 f;
	struct handover		 prev;
	struct policy_duty	 d, next;
	enum yj_status		 r;
	size_t			 i, j;
	int64_t			 t;
	bool			 found;

	memset(c, 0, sizeof *c);
	if (a->user.id == 0)
		return yj_fail(err, YJ_DENIED, "sign in first");
	if ((r = handover_duty(a, duty, &d, err)) != YJ_OK)
		return r;
	c->duty = d;
	memset(&f, 0, sizeof f);
	f.open_only = true;
	f.urgent_at = app_now(a);
	r = incident_list(a, &f, handover_check_one, &k, err);
	if (r == YJ_OK)
		r = k.r;
	if (r == YJ_OK)
		r = handover_previous(a, &d, &prev, &found, err);
	if (r != YJ_OK) {
		free(k.open);
		free(k.answers);
		handover_check_free(c);
		return r;
	}
	for (i = 0; found && i < prev.nitems; i++) {
		if (prev.items[i].status != HANDOVER_WATCH &&
		    prev.items[i].status != HANDOVER_UNSTABLE)
			continue;
		for (j = 0; j < k.nopen && k.open[j] !=
		    prev.items[i].incident; j++)
			;
		if (j == k.nopen)
			continue;
		handover_push(&c->flagged, &c->nflagged,
		    prev.items[i].incident);
		c->flagged_status = xreallocarray(c->flagged_status,
		    c->nflagged, sizeof *c->flagged_status);
		/* The status is the item's text: for those who may read it. */
		c->flagged_status[c->nflagged - 1] = handover_may_read(a,
		    prev.items[i].incident) ? prev.items[i].status : -1;
	}
	if (found)
		handover_free(&prev);
	free(k.open);
	free(k.answers);
	/* The shift just before, and whether it handed over. */
	if ((c->has_prev = policy_duty_prev(a->policy, d.start, &c->prev)) &&
	    (r = handover_state_of(a, c->prev.id, &c->prev_state, err)) !=
	    YJ_OK)
		goto fail;
	if ((r = roster_coverage_count(a, &c->all_gaps, err)) != YJ_OK)
		goto fail;
	/* The next 7 days: the shifts nobody is scheduled for. */
	for (t = d.end; policy_duty_next(a->policy, t, &next) &&
	    next.start < d.end + 7 * 86400; t = next.start + 1) {
		if ((r = shift_scheduled(a, next.id, &found, err)) != YJ_OK)
			goto fail;
		if (found)
			continue;
		c->unstaffed = xreallocarray(c->unstaffed, c->nunstaffed + 1,
		    sizeof *c->unstaffed);
		c->unstaffed[c->nunstaffed++] = next;
	}
	return YJ_OK;
fail:
	handover_check_free(c);
	return r;
}

enum yj_status
handover_duty_now(struct yj_app *a, struct policy_duty *d,
    struct yj_error *err)
{
	struct policy_duty	 prev;
	enum handover_state	 st;
	enum yj_status		 r;
	int64_t			 now = app_now(a);

	if (!policy_duty_at(a->policy, now, d))
		return handover_duty(a, "last", d, err);
	if (now - d->start >= 4 * 3600 ||
	    !policy_duty_prev(a->policy, d->start, &prev) ||
	    prev.end != d->start)
		return YJ_OK;
	if ((r = handover_state_of(a, prev.id, &st, err)) != YJ_OK)
		return r;
	if (st != HANDOVER_DONE)
		*d = prev;
	return YJ_OK;
}

static int
handover_count_kind(void *arg, const char *kind, int64_t n)
{
	struct handover_summary	*s = arg;

	switch (record_kind_of(kind)) {
	case EV_ESCALATED:
		s->escalated += n;
		break;
	case EV_CONTACTED:
		s->contacted += n;
		break;
	case EV_ACKNOWLEDGED:
		s->acknowledged += n;
		break;
	case EV_RESOLVED:
	case EV_DUPLICATE:
		s->resolved += n;
		break;
	case EV_NOTE:
		s->notes += n;
		break;
	default:
		break;
	}
	return 0;
}

enum yj_status
handover_summary(struct yj_app *a, const struct policy_duty *d,
    struct handover_summary *s, struct yj_error *err)
{
	struct store_shift_counts	 c;
	enum yj_status			 r;
	int64_t				 end = d->end < app_now(a) ?
	    d->end : app_now(a);

	memset(s, 0, sizeof *s);
	if ((r = store_shift_counts(a->store, d->start, d->end, &c,
	    err)) != YJ_OK)
		return r;
	s->logged = c.logged;
	s->open = c.open;
	s->waiting = c.waiting;
	s->emergencies = c.emergencies;
	return store_event_counts(a->store, d->start, end + 1,
	    handover_count_kind, s, err);
}
