#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yujing/app.h"
#include "yujing/i18n.h"
#include "yujing/buf.h"
#include "yujing/json.h"
#include "yujing/passwd.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/safe.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/users.h"
#include "yujing/utf8.h"
#include "yujing/xmalloc.h"

/* Characters of valid UTF-8: the bytes that begin one. */
static size_t
users_chars(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/*
 * A password a user may have: USERS_PASSWORD_MIN characters or more, not
 * the user name (in any case), plain UTF-8 of a sane length.
 */
static enum yj_status
users_check_password(const char *login, const char *pw, struct yj_error *err)
{
	int	 line, col;

	if (pw == NULL || strlen(pw) > 1024 ||
	    !utf8_check(pw, strlen(pw), &line, &col))
		return yj_fail(err, YJ_BAD_INPUT, _("the password is too long "
		    "or not valid UTF-8"));
	if (users_chars(pw) < USERS_PASSWORD_MIN)
		return yj_fail(err, YJ_BAD_INPUT, _("the password must have at "
		    "least %d characters"), USERS_PASSWORD_MIN);
	if (strcasecmp(pw, login) == 0)
		return yj_fail(err, YJ_BAD_INPUT, _("the password must not be "
		    "the user name"));
	return YJ_OK;
}

static bool
users_login_ok(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && n <= 32 && strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == n && s[0] != '-';
}

enum yj_status
users_add(struct yj_app *a, const struct users_new *n, bool as_system,
    struct yj_error *err)
{
	struct store_user	 u;
	struct store_actor	 by;
	struct store_person	 person;
	struct yj_error		 e2;
	const struct policy	*p = a->policy;
	enum yj_status		 r;
	int64_t			 id;
	size_t			 i;
	bool			 scoped;

	if (!as_system && !app_can(a, CAP_MANAGE_USERS))
		return yj_fail(err, YJ_DENIED,
		    "your role (%s) may not add users",
		    a->user.role);
	if (!users_login_ok(n->login))
		return yj_fail(err, YJ_BAD_INPUT, "user name '%s': use 1 to 32 "
		    "letters, digits, '_', '.' or '-'", n->login);
	/* Shown in the title bar and in every list: one plain line. */
	if (n->display != NULL && (r = safe_check("the display name",
	    n->display, USERS_DISPLAY_MAX, SAFE_NAME, err)) != YJ_OK)
		return r;
	if (policy_role(p, n->role) == NULL)
		return yj_fail(err, YJ_BAD_INPUT, "unknown role '%s'", n->role);
	if ((r = users_check_password(n->login, n->password, err)) != YJ_OK)
		return r;
	scoped = (policy_role(p, n->role)->caps & (1u << CAP_SCOPED)) != 0;
	if (n->nscope > 0 && !scoped)
		return yj_fail(err, YJ_BAD_INPUT, "--scope is for counselors "
		    "and department leaders");

	memset(&u, 0, sizeof u);
	u.login = (char *)n->login;
	u.display = (char *)(n->display != NULL ? n->display : n->login);
	u.role = (char *)n->role;
	u.created_at = app_now(a);
	u.must_change = n->temporary;
	if (n->person != NULL) {
		if ((r = store_person_find(a->store, n->person, &person,
		    err)) != YJ_OK)
			return r;
		u.person_id = person.id;
		store_person_free(&person);
	}
	for (i = 0; i < n->nscope; i++) {
		/* A name is a class's, else a department's. */
		if (store_unit_find(a->store, STORE_UNIT_CLASS, n->scope[i],
		    &id, &e2) == YJ_OK) {
			u.scope_classes = xreallocarray(u.scope_classes,
			    u.nscope_classes + 1, sizeof *u.scope_classes);
			u.scope_classes[u.nscope_classes++] = id;
		} else if (store_unit_find(a->store, STORE_UNIT_DEPARTMENT,
		    n->scope[i], &id, &e2) == YJ_OK) {
			u.scope_departments = xreallocarray(
			    u.scope_departments, u.nscope_departments + 1,
			    sizeof *u.scope_departments);
			u.scope_departments[u.nscope_departments++] = id;
		} else {
			r = yj_fail(err, YJ_NOT_FOUND, "--scope %s: no class "
			    "or department of that name", n->scope[i]);
			goto out;
		}
	}
	if ((u.pwhash = passwd_hash(n->password, &p->kdf)) == NULL) {
		r = yj_fail(err, YJ_IO, "cannot hash the password");
		goto out;
	}
	by = app_actor(a);
	if (as_system) {
		by.login = "system";
		by.user_id = 0;
	}
	r = store_user_add(a->store, &u, &by, err);
	free(u.pwhash);
out:
	free(u.scope_classes);
	free(u.scope_departments);
	return r;
}

enum yj_status
users_passwd(struct yj_app *a, const char *login, const char *password,
    bool temporary, struct yj_error *err)
{
	struct store_actor	 by;
	enum yj_status		 r;
	char			*hash;
	bool			 self = strcmp(login, a->user.login) == 0;

	if (!app_can(a, CAP_MANAGE_USERS) && !self)
		return yj_fail(err, YJ_DENIED,
		    "your role (%s) may not set another user's password",
		    a->user.role);
	if (temporary && self)
		return yj_fail(err, YJ_BAD_INPUT, "--temporary is for another "
		    "user's password (they choose their own at the next "
		    "sign-in)");
	if ((r = users_check_password(login, password, err)) != YJ_OK)
		return r;
	/* The one an admin gave is the one to leave behind. */
	if (self && a->user.must_change && a->user.pwhash != NULL &&
	    passwd_verify(a->user.pwhash, password))
		return yj_fail(err, YJ_BAD_INPUT, _("choose a password other "
		    "than the one you were given"));
	if ((hash = passwd_hash(password, &a->policy->kdf)) == NULL)
		return yj_fail(err, YJ_IO, "cannot hash the password");
	by = app_actor(a);
	/*
	 * One's own password is the account's, not the record's: a role
	 * that may write nothing still chooses it (not under --read-only,
	 * which asked for nothing written at all).
	 */
	if (self && !a->read_only)
		store_read_only(a->store, false);
	r = store_user_set_password(a->store, login, hash, temporary, NULL,
	    &by, err);
	store_read_only(a->store, app_read_only(a));
	if (r == YJ_OK && self) {
		free(a->user.pwhash);
		a->user.pwhash = hash;
		a->user.must_change = false;
		return r;
	}
	free(hash);
	return r;
}

enum yj_status
users_reset_by_file(struct yj_app *a, const char *login, const char *password,
    struct yj_error *err)
{
	struct store_actor	 by;
	struct store_user	 u;
	enum yj_status		 r;
	char			*hash;

	if ((r = store_user_get(a->store, login, &u, err)) != YJ_OK)
		return r;
	store_user_free(&u);
	if ((r = users_check_password(login, password, err)) != YJ_OK)
		return r;
	if ((hash = passwd_hash(password, &a->policy->kdf)) == NULL)
		return yj_fail(err, YJ_IO, "cannot hash the password");
	/* Nobody signed in: whoever can write the file; the history says. */
	by.login = "system";
	by.user_id = 0;
	by.at = app_now(a);
	r = store_user_set_password(a->store, login, hash, false, "file", &by,
	    err);
	free(hash);
	return r;
}

enum yj_status
users_unlock(struct yj_app *a, const char *login, int *cleared,
    struct yj_error *err)
{
	struct store_signin	 sr;
	struct store_user	 u;
	struct store_actor	 by;
	struct buf		 payload;
	struct json		 j;
	enum yj_status		 r;

	*cleared = 0;
	if (!app_can(a, CAP_MANAGE_USERS))
		return yj_fail(err, YJ_DENIED,
		    "your role (%s) may not clear another user's sign-in wait",
		    a->user.role);
	if ((r = store_user_get(a->store, login, &u, err)) != YJ_OK)
		return r;
	store_user_free(&u);
	if ((r = store_signin_recent(a->store, login, PASSWD_WAIT_CAPPED, &sr,
	    err)) != YJ_OK || sr.failures == 0)
		return r;
	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_int(&j, "failures", sr.failures);
	json_object_end(&j);
	by = app_actor(a);
	r = store_log_append(a->store, login,
	    record_kind_name(EV_SIGNIN_UNLOCKED), buf_str(&payload), NULL, 0,
	    &by, NULL, err);
	buf_done(&payload);
	if (r == YJ_OK)
		*cleared = sr.failures;
	return r;
}

enum yj_status
users_role(struct yj_app *a, const char *login, const char *role,
    struct yj_error *err)
{
	struct store_actor	 by;

	if (!app_can(a, CAP_MANAGE_USERS))
		return yj_fail(err, YJ_DENIED,
		    "your role (%s) may not change roles",
		    a->user.role);
	if (policy_role(a->policy, role) == NULL)
		return yj_fail(err, YJ_BAD_INPUT, "unknown role '%s'", role);
	if (strcmp(login, a->user.login) == 0)
		return yj_fail(err, YJ_BAD_INPUT, "you cannot change your own "
		    "role");
	by = app_actor(a);
	return store_user_set_role(a->store, login, role, &by, err);
}

enum yj_status
users_disable(struct yj_app *a, const char *login, struct yj_error *err)
{
	struct store_actor	 by;

	if (!app_can(a, CAP_MANAGE_USERS))
		return yj_fail(err, YJ_DENIED,
		    "your role (%s) may not disable users",
		    a->user.role);
	if (strcmp(login, a->user.login) == 0)
		return yj_fail(err, YJ_BAD_INPUT, "you cannot disable "
		    "yourself");
	by = app_actor(a);
	return store_user_disable(a->store, login, &by, err);
}

enum yj_status
users_list(struct yj_app *a, store_user_cb cb, void *arg,
    struct yj_error *err)
{
	if (!app_can(a, CAP_MANAGE_USERS))
		return yj_fail(err, YJ_DENIED,
		    "your role (%s) may not list users",
		    a->user.role);
	return store_users(a->store, cb, arg, err);
}

struct users_signin {
	users_name_cb	 cb;
	void		*arg;
};

static int
users_signin_one(void *arg, const struct store_user *u)
{
	struct users_signin	*l = arg;

	if (u->disabled)
		return 0;
	return l->cb(l->arg, u->login, u->display);
}

enum yj_status
users_signin_names(struct yj_app *a, users_name_cb cb, void *arg,
    struct yj_error *err)
{
	struct users_signin	 l;

	l.cb = cb;
	l.arg = arg;
	return store_users(a->store, users_signin_one, &l, err);
}
