#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/incident.h"
#include "yujing/json.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/safe.h"
#include "yujing/shift.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

static enum yj_status	shift_scheduled_user(struct yj_app *, const char *,
			    int64_t *, struct yj_error *);

void
shift_subject(const char *kind, const char *duty, char *out, size_t size)
{
	snprintf(out, size, "%s:%s", kind, duty);
}

/* What the schedule and the history say of the days read. */
struct shift_read {
	struct store_duty	*duties;
	size_t			 nduties;
	struct store_log_entry	*opened;	/* the first shift_opened each */
	size_t			 nopened;
};

static int
shift_read_duty(void *arg, const struct store_duty *d)
{
	struct shift_read	*r = arg;
	struct store_duty	*c;

	r->duties = xreallocarray(r->duties, r->nduties + 1,
	    sizeof *r->duties);
	c = &r->duties[r->nduties++];
	c->shift = xstrdup(d->shift);
	c->user_id = d->user_id;
	c->login = xstrdup(d->login);
	c->display = xstrdup(d->display);
	return 0;
}

static int
shift_read_opened(void *arg, const struct store_log_entry *e)
{
	struct shift_read	*r = arg;
	struct store_log_entry	*c;

	if (!record_kind_is(e->kind, EV_SHIFT_OPENED))
		return 0;
	if (r->nopened > 0 &&
	    strcmp(r->opened[r->nopened - 1].subject, e->subject) == 0)
		return 0;
	r->opened = xreallocarray(r->opened, r->nopened + 1,
	    sizeof *r->opened);
	c = &r->opened[r->nopened++];
	memset(c, 0, sizeof *c);
	c->subject = xstrdup(e->subject);
	c->actor = xstrdup(e->actor);
	c->at = e->at;
	return 0;
}

static void
shift_read_free(struct shift_read *r)
{
	size_t	 i;

	for (i = 0; i < r->nduties; i++) {
		free(r->duties[i].shift);
		free(r->duties[i].login);
		free(r->duties[i].display);
	}
	free(r->duties);
	for (i = 0; i < r->nopened; i++)
		store_log_entry_free(&r->opened[i]);
	free(r->opened);
}

/* The schedule and the openings of the days [from, to] (ids by date). */
static enum yj_status
shift_read(struct yj_app *a, const char *from, const char *to,
    struct shift_read *r, struct yj_error *err)
{
	char		 lo[64], hi[64];
	enum yj_status	 st;

	memset(r, 0, sizeof *r);
	/* "2026-12-01/..." up to "2026-12-07/\xff": the last day whole. */
	snprintf(hi, sizeof hi, "%s/\xff", to);
	if ((st = store_duties(a->store, from, hi, shift_read_duty, r,
	    err)) != YJ_OK)
		return st;
	shift_subject("shift", from, lo, sizeof lo);
	snprintf(hi, sizeof hi, "shift:%s/\xff", to);
	return store_log_read(a->store, lo, hi, shift_read_opened, r, err);
}

enum yj_status
shift_schedule(struct yj_app *a, const struct caldate *from,
    const struct caldate *to, shift_cb cb, void *arg, struct yj_error *err)
{
	const struct policy	*p = a->policy;
	struct shift_read	 rd;
	struct shift_row	 row;
	struct policy_duty	 d;
	struct caldate		 c;
	char			 f[11], t[11], subject[POLICY_DUTY_IDSZ + 8];
	char			 id[POLICY_DUTY_IDSZ];
	const char		*why;
	enum yj_status		 r;
	int64_t			 day;
	size_t			 i, k;
	int			 stop = 0;

	if (a->user.id == 0)
		return yj_fail(err, YJ_DENIED, "sign in first");
	if (caldate_cmp(from, to) > 0)
		return yj_fail(err, YJ_BAD_INPUT, "--from is after --to");
	caldate_format(from, f, sizeof f);
	caldate_format(to, t, sizeof t);
	if ((r = shift_read(a, f, t, &rd, err)) != YJ_OK) {
		shift_read_free(&rd);
		return r;
	}
	/* Noon of each day, to step by days whatever the clock does. */
	day = caltime_local(from->year, from->month, from->day, 12, 0);
	for (; stop == 0; day += 86400) {
		caldate_of(day, 0, &c);
		if (caldate_cmp(&c, to) > 0)
			break;
		for (k = 0; k < p->nshifts && stop == 0; k++) {
			snprintf(id, sizeof id, "%s/%s",
			    caldate_format(&c, f, sizeof f), p->shifts[k].id);
			if (!policy_duty_parse(p, id, &d, &why))
				continue;
			memset(&row, 0, sizeof row);
			row.duty = d;
			for (i = 0; i < rd.nduties; i++) {
				if (strcmp(rd.duties[i].shift, id) == 0) {
					row.login = rd.duties[i].login;
					row.display = rd.duties[i].display;
				}
			}
			shift_subject("shift", id, subject, sizeof subject);
			for (i = 0; i < rd.nopened; i++) {
				if (strcmp(rd.opened[i].subject, subject) == 0) {
					row.opened_by = rd.opened[i].actor;
					row.opened_at = rd.opened[i].at;
				}
			}
			stop = cb(arg, &row);
		}
	}
	shift_read_free(&rd);
	return YJ_OK;
}

enum yj_status
shift_swap(struct yj_app *a, const char *duty, const char *login,
    const char *reason, struct yj_error *err)
{
	struct store_duty_change c;
	struct store_actor	 by;
	struct store_user	 u;
	struct policy_duty	 d;
	char			 subject[POLICY_DUTY_IDSZ + 8];
	const char		*why;
	enum yj_status		 r;

	if (!app_can(a, CAP_SCHEDULE))
		return yj_fail(err, YJ_DENIED, "your role (%s) may not change "
		    "the duty schedule", a->user.id != 0 ? a->user.role :
		    "none");
	if (!policy_duty_parse(a->policy, duty, &d, &why))
		return yj_fail(err, YJ_BAD_INPUT, "shift %s: %s", duty, why);
	if (reason == NULL || *reason == '\0')
		return yj_fail(err, YJ_BAD_INPUT, "say why (--text)");
	if ((r = safe_check("the reason", reason, 1000, SAFE_TEXT, err)) !=
	    YJ_OK)
		return r;
	if (store_user_get(a->store, login, &u, err) != YJ_OK)
		return yj_fail(err, YJ_NOT_FOUND, "no user %s", login);
	if (u.disabled) {
		store_user_free(&u);
		return yj_fail(err, YJ_BAD_INPUT, "user %s is disabled",
		    login);
	}
	c.shift = d.id;
	c.user_id = u.id;
	c.login = u.login;
	by = app_actor(a);
	shift_subject("shift", d.id, subject, sizeof subject);
	r = store_duty_set(a->store, &c, 1, record_kind_name(EV_DUTY_SWAPPED),
	    subject, reason, &by, err);
	store_user_free(&u);
	return r;
}

/* The first shift_opened of a subject: who and when. */
struct shift_first {
	char	*login;
	int64_t	 at;
};

static int
shift_first_opened(void *arg, const struct store_log_entry *e)
{
	struct shift_first	*f = arg;

	if (!record_kind_is(e->kind, EV_SHIFT_OPENED))
		return 0;
	f->login = xstrdup(e->actor);
	f->at = e->at;
	return 1;
}

/* The subject's own range: exactly it (the next string up is "\x01"). */
static enum yj_status
shift_first_of(struct yj_app *a, const char *subject, struct shift_first *f,
    struct yj_error *err)
{
	char	 hi[POLICY_DUTY_IDSZ + 16];

	f->login = NULL;
	f->at = 0;
	snprintf(hi, sizeof hi, "%s%c", subject, 1);
	return store_log_read(a->store, subject, hi, shift_first_opened, f,
	    err);
}

enum yj_status
shift_opened_by(struct yj_app *a, const char *duty, char **login,
    int64_t *at, struct yj_error *err)
{
	struct shift_first	 f;
	char			 subject[POLICY_DUTY_IDSZ + 8];
	enum yj_status		 r;

	shift_subject("shift", duty, subject, sizeof subject);
	r = shift_first_of(a, subject, &f, err);
	*login = f.login;
	*at = f.at;
	return r;
}

enum yj_status
shift_open(struct yj_app *a, struct policy_duty *d, bool *running,
    bool *opened, struct yj_error *err)
{
	struct store_actor	 by;
	struct shift_first	 f;
	struct buf		 payload;
	struct json		 j;
	char			 subject[POLICY_DUTY_IDSZ + 8];
	enum yj_status		 r;
	int64_t			 who = 0;

	*opened = false;
	*running = policy_duty_at(a->policy, app_now(a), d);
	if (!*running)
		return YJ_OK;
	if (a->user.id == 0)
		return yj_fail(err, YJ_DENIED, "sign in first");
	/*
	 * The duty room's officers open it: whoever is scheduled, and those
	 * who answer at no rung and do not run the system (a counselor or
	 * the admin signing in at night does not).
	 */
	if ((r = shift_scheduled_user(a, d->id, &who, err)) != YJ_OK)
		return r;
	if (who != a->user.id && (incident_answers_somewhere(a) ||
	    app_can(a, CAP_MANAGE_USERS)))
		return YJ_OK;
	shift_subject("shift", d->id, subject, sizeof subject);
	/* Decided inside the write: two officers signing in at once. */
	if ((r = store_begin(a->store, err)) != YJ_OK)
		return r;
	if ((r = shift_first_of(a, subject, &f, err)) != YJ_OK)
		goto fail;
	if (f.login != NULL) {
		free(f.login);
		return store_commit(a->store, err);
	}
	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_string(&j, "shift", d->id);
	json_kv_string(&j, "role", a->user.role);
	json_object_end(&j);
	by = app_actor(a);
	r = store_log_append(a->store, subject,
	    record_kind_name(EV_SHIFT_OPENED), buf_str(&payload), NULL, 0,
	    &by, NULL, err);
	buf_done(&payload);
	if (r != YJ_OK)
		goto fail;
	*opened = true;
	return store_commit(a->store, err);
fail:
	store_rollback(a->store);
	return r;
}

static int
shift_one(void *arg, const struct store_duty *d)
{
	*(int64_t *)arg = d->user_id;
	return 1;
}

/* Who is scheduled for the duty (0: nobody). */
static enum yj_status
shift_scheduled_user(struct yj_app *a, const char *duty, int64_t *user,
    struct yj_error *err)
{
	char	 hi[POLICY_DUTY_IDSZ + 2];

	*user = 0;
	snprintf(hi, sizeof hi, "%s%c", duty, 1);
	return store_duties(a->store, duty, hi, shift_one, user, err);
}

enum yj_status
shift_scheduled(struct yj_app *a, const char *duty, bool *found,
    struct yj_error *err)
{
	enum yj_status	 r;
	int64_t		 user;

	r = shift_scheduled_user(a, duty, &user, err);
	*found = user != 0;
	return r;
}

enum yj_status
shift_is_officer(struct yj_app *a, const char *duty, bool *officer,
    struct yj_error *err)
{
	enum yj_status	 r;
	int64_t		 who, at;
	char		*opened;

	*officer = false;
	if (a->user.id == 0)
		return YJ_OK;
	if (!incident_answers_somewhere(a) && !app_can(a, CAP_MANAGE_USERS)) {
		*officer = true;
		return YJ_OK;
	}
	if ((r = shift_scheduled_user(a, duty, &who, err)) != YJ_OK)
		return r;
	if ((r = shift_opened_by(a, duty, &opened, &at, err)) != YJ_OK)
		return r;
	*officer = who == a->user.id || (opened != NULL &&
	    strcmp(opened, a->user.login) == 0);
	free(opened);
	return YJ_OK;
}
