#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/caltime.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/search.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

struct search_arg {
	struct yj_app	*a;
	incident_cb	 cb;
	void		*arg;
	int64_t		 limit;		/* rows to deliver, 0: all */
	int64_t		 n;
	enum yj_status	 r;		/* a failure while reading a hit */
	struct yj_error	*err;
	int64_t		*seen;		/* delivered already: once each */
	size_t		 nseen;
	bool		 stopped;
};

/* Whether id was delivered already; if not, it is now. */
static bool
search_seen(struct search_arg *l, int64_t id)
{
	size_t	 i;

	for (i = 0; i < l->nseen; i++) {
		if (l->seen[i] == id)
			return true;
	}
	l->seen = xreallocarray(l->seen, l->nseen + 1, sizeof *l->seen);
	l->seen[l->nseen++] = id;
	return false;
}

/* Delivers one hit, counting it; non-zero when it is enough. */
static int
search_deliver(struct search_arg *l, const struct store_incident *in,
    bool redacted)
{
	int	 stop;

	if (search_seen(l, in->id))
		return 0;
	stop = l->cb(l->arg, in, redacted);
	if (stop || (l->limit != 0 && ++l->n >= l->limit))
		l->stopped = true;
	return l->stopped;
}

/* A student's incidents, for a search by their name's initials. */
static int
search_student_incident(void *arg, const struct store_incident *in,
    bool redacted)
{
	return search_deliver(arg, in, redacted);
}

static int
search_student(void *arg, const struct store_student *st)
{
	struct search_arg	*l = arg;
	struct store_filter	 f;
	struct yj_error		 e2;

	memset(&f, 0, sizeof f);
	f.student = st->id;
	/* Only what the user may read: the filter names the student. */
	if (incident_list(l->a, &f, search_student_incident, l, &e2) !=
	    YJ_OK) {
		l->r = e2.status;
		*l->err = e2;
		return 1;
	}
	return l->stopped;
}

/* "#188" or "188": the incident of that number, as the user may see it. */
static enum yj_status
search_number(struct search_arg *l, const char *query)
{
	struct store_incident	 in;
	struct yj_error		 e2;
	const char		*s = query + (*query == '#');
	char			*end;
	long long		 id;
	bool			 redacted;

	if (!isdigit((unsigned char)*s))
		return YJ_OK;
	id = strtoll(s, &end, 10);
	if (*end != '\0' || id <= 0)
		return YJ_OK;
	if (incident_show(l->a, id, &in, &redacted, &e2) != YJ_OK)
		return YJ_OK;	/* no such number: the words may still match */
	search_deliver(l, &in, redacted);
	incident_free(&in);
	return YJ_OK;
}

/* Letters only: perhaps a name's pinyin initials ("zs" for 张三). */
static bool
search_initials(const char *query)
{
	const char	*s;

	for (s = query; *s != '\0'; s++) {
		if (!isalpha((unsigned char)*s))
			return false;
	}
	return s - query >= 2;
}

static int
search_one(void *arg, int64_t id)
{
	struct search_arg	*l = arg;
	struct store_incident	 in;
	struct yj_error		 e2;
	int			 stop;

	l->r = store_incident_get(l->a->store, id, &in, &e2);
	if (l->r == YJ_NOT_FOUND) {
		l->r = YJ_OK;	/* the index is ahead of us: pass over it */
		return 0;
	}
	if (l->r != YJ_OK) {
		*l->err = e2;
		return 1;
	}
	if (!incident_visible(l->a, &in)) {
		store_incident_free(&in);
		return 0;
	}
	stop = search_deliver(l, &in, false);
	store_incident_free(&in);
	return stop;
}

enum yj_status
incident_search(struct yj_app *a, const char *query, int64_t limit,
    incident_cb cb, void *arg, struct yj_error *err)
{
	struct search_arg	 l;
	enum yj_status		 r;

	/*
	 * The store finds by words, the policy says who reads what: hidden
	 * hits are dropped here, so the limit counts what is delivered.
	 */
	memset(&l, 0, sizeof l);
	l.a = a;
	l.cb = cb;
	l.arg = arg;
	l.limit = limit > 0 ? limit : 0;
	l.r = YJ_OK;
	l.err = err;
	/* The number first: "#188" is that incident, whatever else matches. */
	if (query != NULL)
		search_number(&l, query);
	r = YJ_OK;
	if (!l.stopped)
		r = store_search(a->store, query, 0, search_one, &l, err);
	/* Then the incidents of the students whose initials these are. */
	if (r == YJ_OK && l.r == YJ_OK && !l.stopped && query != NULL &&
	    search_initials(query))
		r = store_student_find(a->store, query, 20, search_student, &l,
		    err);
	free(l.seen);
	return r != YJ_OK ? r : l.r;
}

enum yj_status
student_search(struct yj_app *a, const char *query, size_t limit,
    store_student_cb cb, void *arg, struct yj_error *err)
{
	/* Whoever may log an incident picks its students: no more to check. */
	return store_student_find(a->store, query, limit, cb, arg, err);
}

enum yj_status
student_away_of(struct yj_app *a, const char *number, int64_t t,
    struct buf *out, struct yj_error *err)
{
	struct store_student	 st;
	struct buf		 b;
	enum yj_status		 r;

	/* Whoever may log an incident names its students: nothing to check. */
	if ((r = store_student_get(a->store, number, &st, err)) != YJ_OK)
		return r;
	buf_init(&b);
	if ((r = student_away(a, &st, t, &b, err)) == YJ_OK && b.len > 0)
		buf_printf(out, "%s %s: %s", st.number, st.name, buf_str(&b));
	buf_done(&b);
	store_student_free(&st);
	return r;
}

enum yj_status
student_away(struct yj_app *a, const struct store_student *st, int64_t t,
    struct buf *out, struct yj_error *err)
{
	struct store_leave_record	 l;
	struct yj_error			 e2;
	char				 when[32], now[32];
	bool				 whole;
	enum yj_status			 r;

	if (st->left_at != 0) {
		buf_printf(out, _("left the school (no longer in the roster "
		    "since %s)"), caltime_format_local(st->left_at, when,
		    sizeof when));
		return YJ_OK;
	}
	r = store_leave_record_at(a->store, st->id, t, &l, &e2);
	if (r == YJ_NOT_FOUND)
		return YJ_OK;
	if (r != YJ_OK) {
		*err = e2;
		return r;
	}
	/* A leave to a midnight is to the end of the day before. */
	whole = caltime_local_day_after(l.to - 1) == l.to;
	caltime_format_local(whole ? l.to - 1 : l.to, when, sizeof when);
	caltime_format_local(t, now, sizeof now);
	if (whole)
		when[10] = '\0';
	/* This year's without its year: 12-05 20:00. */
	buf_printf(out, whole ? _("on approved leave to the end of %s") :
	    _("on approved leave until %s"), strncmp(when, now, 5) == 0 ?
	    when + 5 : when);
	if (*l.reason != '\0')
		buf_printf(out, _(", %s"), l.reason);
	if (*l.approved_by != '\0')
		buf_printf(out, _(" (approved by %s)"), l.approved_by);
	store_leave_record_free(&l);
	return YJ_OK;
}

enum yj_status
student_guardian(const struct yj_app *a, const char *number, struct buf *name,
    struct buf *phone, struct yj_error *err)
{
	struct store_student	 st;
	enum yj_status		 r;

	if (!app_can(a, CAP_READ_GUARDIAN))
		return yj_fail(err, YJ_DENIED, "your role (%s) may not read "
		    "parents' phones", a->user.role);
	if ((r = store_student_get(a->store, number, &st, err)) != YJ_OK)
		return r;
	if (st.guardian_phone == NULL || *st.guardian_phone == '\0')
		r = yj_fail(err, YJ_NOT_FOUND, "no parent's phone of %s",
		    number);
	else {
		buf_puts(name, st.guardian != NULL ? st.guardian : "");
		buf_puts(phone, st.guardian_phone);
	}
	store_student_free(&st);
	return r;
}
