#include "config.h"

#include <stdbool.h>
#include <stdint.h>

#include "yujing/app.h"
#include "yujing/incident.h"
#include "yujing/search.h"
#include "yujing/status.h"
#include "yujing/store.h"

struct search_arg {
	struct yj_app	*a;
	incident_cb	 cb;
	void		*arg;
	int64_t		 limit;		/* rows to deliver, 0: all */
	int64_t		 n;
	enum yj_status	 r;		/* a failure while reading a hit */
	struct yj_error	*err;
};

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
	stop = l->cb(l->arg, &in, false);
	store_incident_free(&in);
	if (l->limit != 0 && ++l->n >= l->limit)
		return 1;
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
	l.a = a;
	l.cb = cb;
	l.arg = arg;
	l.limit = limit > 0 ? limit : 0;
	l.n = 0;
	l.r = YJ_OK;
	l.err = err;
	r = store_search(a->store, query, 0, search_one, &l, err);
	return r != YJ_OK ? r : l.r;
}

enum yj_status
student_search(struct yj_app *a, const char *query, size_t limit,
    store_student_cb cb, void *arg, struct yj_error *err)
{
	/* Whoever may log an incident picks its students: no more to check. */
	return store_student_find(a->store, query, limit, cb, arg, err);
}
