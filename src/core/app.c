#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "yujing/app.h"
#include "yujing/diag.h"
#include "yujing/i18n.h"
#include "yujing/passwd.h"
#include "yujing/policy.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

void
app_init(struct yj_app *a)
{
	memset(a, 0, sizeof *a);
}

void
app_done(struct yj_app *a)
{
	size_t	 i;

	app_notice_clear(a);
	/* What is still running is not waited for here (escalate_reap). */
	for (i = 0; i < a->nrunning; i++) {
		free(a->running[i].level);
		free(a->running[i].person);
		free(a->running[i].phone);
	}
	free(a->running);
	store_close(a->store);
	store_user_free(&a->user);
	policy_free(a->policy);
	free(a->rules_path);
	free(a->db_path);
	app_init(a);
}

const char *
app_role_name(const struct yj_app *a)
{
	if (a->role != NULL)
		return i18n_name(a->role->name, a->role->name_en);
	return a->user.role != NULL ? a->user.role : "";
}

int64_t
app_now(const struct yj_app *a)
{
	return a->clock != 0 ? a->clock : (int64_t)time(NULL);
}

char *
app_rules_path(const char *given)
{
	const char	*env;

	if (given != NULL && *given != '\0')
		return xstrdup(given);
	env = getenv("YUJING_RULES");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	return xstrdup(YJ_RULES_DEFAULT);
}

char *
app_db_path(const char *given)
{
	const char	*env;

	if (given != NULL && *given != '\0')
		return xstrdup(given);
	env = getenv("YUJING_DB");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	env = getenv("XDG_DATA_HOME");
	if (env != NULL && *env == '/')
		return xasprintf("%s/yujing/yujing.db", env);
	env = getenv("HOME");
	return xasprintf("%s/.local/share/yujing/yujing.db",
	    env != NULL ? env : ".");
}

int
app_load_policy(struct yj_app *a, const char *path, struct diags *d)
{
	struct policy	*p;

	p = policy_load_file(path, d);
	if (p == NULL)
		return -1;
	policy_free(a->policy);
	a->policy = p;
	free(a->rules_path);
	a->rules_path = xstrdup(path);
	return 0;
}

/* mkdir -p for the folders above path, private to the user. */
static enum yj_status
app_make_dirs(const char *path, struct yj_error *err)
{
	char	*p = xstrdup(path), *slash;

	for (slash = strchr(p + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			yj_fail(err, YJ_IO, _("%s: cannot make the folder: %s"), p,
			    strerror(errno));
			free(p);
			return YJ_IO;
		}
		*slash = '/';
	}
	free(p);
	return YJ_OK;
}

enum yj_status
app_open_db(struct yj_app *a, const char *path, int flags,
    struct yj_error *err)
{
	enum yj_status	 r;

	if ((flags & STORE_CREATE) &&
	    (r = app_make_dirs(path, err)) != YJ_OK)
		return r;
	if ((r = store_open(path, flags, &a->store, err)) != YJ_OK)
		return r;
	free(a->db_path);
	a->db_path = xstrdup(path);
	if (a->busy_max > 0)
		store_busy(a->store, a->busy_max, a->busy_cb, a->busy_arg);
	return YJ_OK;
}

void
app_busy(struct yj_app *a, int64_t max_ms, app_busy_cb cb, void *arg)
{
	a->busy_max = max_ms;
	a->busy_cb = cb;
	a->busy_arg = arg;
	if (a->store != NULL)
		store_busy(a->store, max_ms, cb, arg);
}

enum yj_status
app_login(struct yj_app *a, const char *login, const char *password,
    struct yj_error *err)
{
	struct store_user	 u;
	struct yj_error		 e2;
	enum yj_status		 r;

	r = store_user_get(a->store, login, &u, &e2);
	if (r == YJ_NOT_FOUND || (r == YJ_OK && (u.disabled ||
	    !passwd_verify(u.pwhash, password)))) {
		store_user_free(&u);
		return yj_fail(err, YJ_AUTH, _("wrong user name or password"));
	}
	if (r != YJ_OK) {
		*err = e2;
		return r;
	}
	a->role = policy_role(a->policy, u.role);
	if (a->role == NULL) {
		yj_fail(err, YJ_DENIED, _("user %s has role '%s', which the "
		    "policy does not define"), login, u.role);
		store_user_free(&u);
		return YJ_DENIED;
	}
	store_user_free(&a->user);
	a->user = u;
	return YJ_OK;
}

void
app_logout(struct yj_app *a)
{
	store_user_free(&a->user);
	memset(&a->user, 0, sizeof a->user);
	a->role = NULL;
}

bool
app_can(const struct yj_app *a, enum policy_cap c)
{
	if (a->user.id == 0 || a->role == NULL)
		return false;
	return (a->role->caps & (1u << c)) != 0;
}

void
app_notice_add(struct yj_app *a, int64_t incident, const char *person,
    const char *phone, const char *level, const char *category,
    const char *message)
{
	struct app_notice	*n;

	a->notices = xreallocarray(a->notices, a->nnotices + 1,
	    sizeof *a->notices);
	n = &a->notices[a->nnotices++];
	n->incident = incident;
	n->person = xstrdup(person != NULL ? person : "");
	n->phone = xstrdup(phone != NULL ? phone : "");
	n->level = xstrdup(level);
	n->category = xstrdup(category);
	n->message = xstrdup(message);
}

void
app_notice_clear(struct yj_app *a)
{
	size_t	 i;

	for (i = 0; i < a->nnotices; i++) {
		free(a->notices[i].person);
		free(a->notices[i].phone);
		free(a->notices[i].level);
		free(a->notices[i].category);
		free(a->notices[i].message);
	}
	free(a->notices);
	a->notices = NULL;
	a->nnotices = 0;
}

enum yj_status
app_data_version(struct yj_app *a, int64_t *v, struct yj_error *err)
{
	return store_data_version(a->store, v, err);
}

enum yj_status
app_units(struct yj_app *a, enum store_unit kind, store_unit_cb cb,
    void *arg, struct yj_error *err)
{
	return store_units(a->store, kind, cb, arg, err);
}

struct store_actor
app_actor(const struct yj_app *a)
{
	struct store_actor	 by;

	by.login = a->user.id != 0 ? a->user.login : "system";
	by.user_id = a->user.id;
	by.at = app_now(a);
	return by;
}

void
app_close_db(struct yj_app *a)
{
	store_close(a->store);
	a->store = NULL;
}

enum yj_status
app_verify(struct yj_app *a, int64_t anchor_events, const char *anchor_hex,
    struct store_verify *out, struct yj_error *err)
{
	return store_verify(a->store, anchor_events, anchor_hex, out, err);
}

void
app_verify_free(struct store_verify *out)
{
	store_verify_free(out);
}
