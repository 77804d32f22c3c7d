#include "config.h"

#include <string.h>

#include "yujing/app.h"
#include "yujing/batch.h"
#include "yujing/policy.h"
#include "yujing/status.h"
#include "yujing/store.h"

enum yj_status
batch_begin(struct yj_app *a, struct batch *b, struct yj_error *err)
{
	enum yj_status r;

	memset(b, 0, sizeof *b);
	b->a = a;
	if (a->store == NULL || a->policy == NULL)
		return yj_fail(err, YJ_BAD_INPUT,
		    "no database or no policy "
		    "loaded");
	if ((r = store_begin(a->store, err)) != YJ_OK)
		return r;
	b->notify_command = a->policy->notify_command;
	b->nnotify_command = a->policy->nnotify_command;
	a->policy->notify_command = NULL;
	a->policy->nnotify_command = 0;
	b->clock = a->clock;
	b->open = true;
	return YJ_OK;
}

enum yj_status
batch_end(struct batch *b, bool commit, struct yj_error *err)
{
	struct yj_app *a = b->a;
	enum yj_status r = YJ_OK;

	if (!b->open)
		return YJ_OK;
	if (commit)
		r = store_commit(a->store, err);
	else
		store_rollback(a->store);
	a->policy->notify_command = b->notify_command;
	a->policy->nnotify_command = b->nnotify_command;
	a->clock = b->clock;
	app_notice_clear(a);
	if (b->signed_in)
		app_logout(a, NULL);
	b->open = false;
	return r;
}

enum yj_status
batch_act_as(struct batch *b, const char *login, struct yj_error *err)
{
	struct yj_app *a = b->a;
	struct store_user u;
	const struct policy_role *role;
	enum yj_status r;

	if (!b->open)
		return yj_fail(err, YJ_DENIED,
		    "signing in without a password "
		    "is for a batch's writer only");
	if (a->user.id != 0 && strcmp(a->user.login, login) == 0)
		return YJ_OK;
	if ((r = store_user_get(a->store, login, &u, err)) != YJ_OK)
		return r;
	role = policy_role(a->policy, u.role);
	if (u.disabled || role == NULL) {
		yj_fail(err, YJ_DENIED,
		    "user %s is disabled or has a role "
		    "the policy does not define",
		    login);
		store_user_free(&u);
		return YJ_DENIED;
	}
	app_logout(a, NULL);
	a->user = u;
	a->role = role;
	b->signed_in = true;
	return YJ_OK;
}
