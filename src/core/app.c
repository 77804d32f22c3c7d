#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/diag.h"
#include "yujing/i18n.h"
#include "yujing/json.h"
#include "yujing/passwd.h"
#include "yujing/policy.h"
#include "yujing/record.h"
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
	/* --read-only from the start: nothing written before a sign-in. */
	store_read_only(a->store, a->read_only);
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

static enum yj_status
app_signin_record(struct yj_app *a, enum record_kind k, const char *why,
    int failures, struct yj_error *err)
{
	struct store_actor	 by = app_actor(a);
	struct buf		 payload;
	struct json		 j;
	enum yj_status		 r;

	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_string(&j, "how", a->via == APP_VIA_SCREEN ? "screen" :
	    "command");
	if (why != NULL)
		json_kv_string(&j, "why", why);
	if (failures > 0)
		json_kv_int(&j, "after_failures", failures);
	json_object_end(&j);
	r = store_record(a->store, a->user.login, record_kind_name(k),
	    buf_str(&payload), &by, err);
	buf_done(&payload);
	return r;
}

/* The wait login's failures impose now, 0 when none (a YJ_WAIT said). */
static int64_t
app_login_waits(struct yj_app *a, const char *login,
    const struct store_signin *sr, int64_t now, struct yj_error *err)
{
	int64_t	 wait = passwd_wait(sr->failures);

	if (wait == 0 || now >= sr->last_at + wait)
		return 0;
	a->signin_wait_until = sr->last_at + wait;
	yj_fail(err, YJ_WAIT, _("%d wrong passwords in a row for %s: the "
	    "next try is possible in %lld s"), sr->failures, login,
	    (long long)(sr->last_at + wait - now));
	return wait;
}

/*
 * Whether password is login's. A login someone has been getting wrong
 * (failures on record) is decided whole: its failures read again, the
 * password checked and a wrong one recorded with no other process's try
 * of it between (store_signin_begin), so that tries at once are counted
 * one after another and none is made while a wait runs. Without
 * failures nothing waits for a lock (a reader never does); a right
 * password then still finds out whether tries made meanwhile began a
 * wait. The user in *u and the failures before in *sr when it is.
 */
static enum yj_status
app_login_check(struct yj_app *a, const char *login, const char *password,
    enum app_via via, struct store_user *u, struct store_signin *sr,
    struct yj_error *err)
{
	struct store_signin	 again;
	struct store_actor	 by;
	struct yj_error		 e2;
	enum yj_status		 r, r2;
	int64_t			 now = app_now(a), wait;
	int			 failures;
	bool			 held = false;

	memset(u, 0, sizeof *u);
	r = store_user_get(a->store, login, u, err);
	if (r == YJ_NOT_FOUND || (r == YJ_OK && u->disabled))
		r = yj_fail(err, YJ_AUTH, _("wrong user name or password"));
	if (r == YJ_OK)
		r = store_signin_recent(a->store, login, PASSWD_WAIT_CAPPED, sr,
		    err);
	/* Waiting: the password is not tried at all. */
	if (r == YJ_OK && app_login_waits(a, login, sr, now, err) > 0)
		r = YJ_WAIT;
	if (r == YJ_OK && sr->failures > 0 &&
	    (r = store_signin_begin(a->store, &held, err)) == YJ_OK &&
	    held) {
		/* Once the others' tries are over: their failures too. */
		now = app_now(a);
		r = store_signin_recent(a->store, login, PASSWD_WAIT_CAPPED, sr,
		    err);
		if (r == YJ_OK && app_login_waits(a, login, sr, now, err) > 0)
			r = YJ_WAIT;
	}
	if (r == YJ_OK && !passwd_verify(u->pwhash, password)) {
		by.login = login;	/* who was tried, not who tried */
		by.user_id = 0;
		by.at = now;
		r = store_signin_failed(a->store, login, via ==
		    APP_VIA_SCREEN ? "screen" : "command", &by, &failures,
		    &wait, err);
		if (r == YJ_OK && wait > 0) {
			a->signin_wait_until = now + wait;
			r = yj_fail(err, YJ_AUTH, _("wrong user name or "
			    "password; the next try waits %lld s"),
			    (long long)wait);
		} else if (r == YJ_OK)
			r = yj_fail(err, YJ_AUTH, _("wrong user name or "
			    "password"));
	} else if (r == YJ_OK && !held) {
		/* Right, unheld: tries at once may have begun a wait. */
		r = store_signin_recent(a->store, login, PASSWD_WAIT_CAPPED,
		    &again, err);
		if (r == YJ_OK && again.failures > sr->failures &&
		    app_login_waits(a, login, &again, app_now(a), err) > 0)
			r = YJ_WAIT;
	}
	/* Ended in a commit: a wrong password's record is kept. */
	if (held && (r2 = store_signin_end(a->store, &e2)) != YJ_OK &&
	    (r == YJ_OK || r == YJ_AUTH)) {
		*err = e2;
		r = r2;
	}
	if (r != YJ_OK)
		store_user_free(u);
	return r;
}

enum yj_status
app_login(struct yj_app *a, const char *login, const char *password,
    enum app_via via, struct yj_error *err)
{
	struct store_user	 u;
	struct store_signin	 sr;
	struct store_actor	 by;
	struct yj_error		 e2;
	enum yj_status		 r;
	char			*hash;

	a->signin_wait_until = 0;
	if ((r = app_login_check(a, login, password, via, &u, &sr, err)) !=
	    YJ_OK)
		return r;
	a->role = policy_role(a->policy, u.role);
	if (a->role == NULL) {
		yj_fail(err, YJ_DENIED, _("user %s has role '%s', which the "
		    "policy does not define"), login, u.role);
		store_user_free(&u);
		return YJ_DENIED;
	}
	store_user_free(&a->user);
	a->user = u;
	a->via = via;
	/*
	 * Made at a lower cost than the policy asks now: made anew while
	 * the password is at hand (not by a reader who may write nothing).
	 * Failing that, it is tried next time.
	 */
	if (!app_read_only(a) && passwd_needs_rehash(a->user.pwhash,
	    &a->policy->kdf) && (hash = passwd_hash(password,
	    &a->policy->kdf)) != NULL) {
		by = app_actor(a);
		if (store_user_set_password(a->store, login, hash,
		    a->user.must_change, "rehash", &by, &e2) == YJ_OK) {
			free(a->user.pwhash);
			a->user.pwhash = hash;
		} else
			free(hash);
	}
	if ((via == APP_VIA_SCREEN || sr.failures > 0) &&
	    (r = app_signin_record(a, EV_SIGNED_IN, NULL, sr.failures,
	    err)) != YJ_OK) {
		app_logout(a, NULL);
		return r;
	}
	store_read_only(a->store, app_read_only(a));
	return YJ_OK;
}

bool
app_read_only(const struct yj_app *a)
{
	return a->read_only || (a->role != NULL &&
	    (a->role->caps & (1u << CAP_READ_ONLY)) != 0);
}

void
app_logout(struct yj_app *a, const char *why)
{
	struct yj_error	 err;

	/* Recorded as far as it can be: the screen locks regardless. */
	if (a->user.id != 0 && a->via == APP_VIA_SCREEN && why != NULL)
		(void)app_signin_record(a, EV_SIGNED_OUT, why, 0, &err);
	store_user_free(&a->user);
	memset(&a->user, 0, sizeof a->user);
	a->role = NULL;
	if (a->store != NULL)
		store_read_only(a->store, a->read_only);
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
