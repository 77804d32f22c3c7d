/* Retention: see include/yujing/retention.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/policy.h"
#include "yujing/retention.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

struct retention_count {
	struct retention_totals	*t;
	store_retained_cb	 cb;
	void			*arg;
};

static int
retention_counted(void *arg, const struct store_retained *x)
{
	struct retention_count	*c = arg;

	c->t->parts += x->parts;
	c->t->students += x->students;
	return c->cb != NULL ? c->cb(c->arg, x) : 0;
}

enum yj_status
retention_run(struct yj_app *a, bool apply, store_retained_cb cb, void *arg,
    struct retention_totals *t, struct yj_error *err)
{
	const struct policy	*p = a->policy;
	struct store_retain_rule *rules;
	struct retention_count	 c = { t, cb, arg };
	struct store_actor	 by = app_actor(a);
	enum yj_status		 r;
	char			**cats;
	size_t			 i, n = 0, ncats;
	int			 k;

	memset(t, 0, sizeof *t);
	/* Every category incidents have: one the policy dropped, its default. */
	if ((r = store_retain_categories(a->store, &cats, &ncats, err)) !=
	    YJ_OK)
		return r;
	rules = xcalloc(ncats + 1, sizeof *rules);
	for (i = 0; i < ncats; i++) {
		k = policy_find(p, POLICY_CATEGORY, cats[i]);
		rules[n].keep = k >= 0 ? p->retention[k] : p->retention_default;
		if (rules[n].keep <= 0)
			continue;	/* kept for ever */
		rules[n].category = cats[i];
		rules[n].before = by.at - rules[n].keep;
		/* Which key of the policy: the category's own, or default. */
		rules[n].rule = k >= 0 && p->retention_own[k] ? cats[i] :
		    "default";
		n++;
	}
	t->any_rule = n > 0 || p->retention_left > 0 ||
	    p->retention_default > 0;
	r = store_retain(a->store, rules, n, apply, &by, retention_counted,
	    &c, &t->incidents, err);
	if (r == YJ_OK && p->retention_left > 0)
		r = store_retain_left(a->store, rules, n, by.at -
		    p->retention_left, p->retention_left, apply, &by, &t->left,
		    &t->left_named, err);
	free(rules);
	for (i = 0; i < ncats; i++)
		free(cats[i]);
	free(cats);
	return r;
}
