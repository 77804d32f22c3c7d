#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

#include "internal.h"

void
store_user_free(struct store_user *u)
{
	free(u->login);
	free(u->display);
	free(u->role);
	free(u->pwhash);
	free(u->scope_classes);
	free(u->scope_departments);
	memset(u, 0, sizeof *u);
}

static enum yj_status
store_user_scope_add(struct store *s, int64_t user, const char *kind,
    const int64_t *units, size_t n, struct yj_error *err)
{
	static const char sql[] =
	    "INSERT OR IGNORE INTO user_scope (user_id, unit_kind, unit_id)"
	    " VALUES (?1, ?2, ?3)";
	sqlite3_stmt	*st;
	enum yj_status	 r;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if ((st = store_sql(s, sql, err)) == NULL)
			return err->status;
		sqlite3_bind_int64(st, 1, user);
		store_bind_text(st, 2, kind);
		sqlite3_bind_int64(st, 3, units[i]);
		if ((r = store_run(s, st, err, "saving a scope")) != YJ_OK)
			return r;
	}
	return YJ_OK;
}

enum yj_status
store_user_add(struct store *s, struct store_user *u, struct yj_error *err)
{
	static const char sql[] =
	    "INSERT INTO user (login, display, role, pwhash, person_id,"
	    " disabled, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT (login) DO NOTHING";
	sqlite3_stmt	*st;
	enum yj_status	 r;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	if ((st = store_sql(s, sql, err)) == NULL) {
		r = err->status;
		goto fail;
	}
	store_bind_text(st, 1, u->login);
	store_bind_text(st, 2, u->display);
	store_bind_text(st, 3, u->role);
	store_bind_text(st, 4, u->pwhash);
	store_bind_id(st, 5, u->person_id);
	sqlite3_bind_int(st, 6, u->disabled);
	sqlite3_bind_int64(st, 7, u->created_at ? u->created_at :
	    (int64_t)time(NULL));
	if ((r = store_run(s, st, err, "adding a user")) != YJ_OK)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		r = yj_fail(err, YJ_EXISTS, "user %s already exists",
		    u->login);
		goto fail;
	}
	u->id = sqlite3_last_insert_rowid(s->db);
	r = store_user_scope_add(s, u->id, "class", u->scope_classes,
	    u->nscope_classes, err);
	if (r == YJ_OK)
		r = store_user_scope_add(s, u->id, "department",
		    u->scope_departments, u->nscope_departments, err);
	if (r != YJ_OK)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return r;
}

static enum yj_status
store_user_scope(struct store *s, struct store_user *u, struct yj_error *err)
{
	static const char sql[] =
	    "SELECT unit_kind, unit_id FROM user_scope WHERE user_id = ?1"
	    " ORDER BY unit_kind, unit_id";
	sqlite3_stmt	*st;
	int		 rc;
	const char	*kind;
	int64_t		 unit;

	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, u->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		kind = (const char *)sqlite3_column_text(st, 0);
		unit = sqlite3_column_int64(st, 1);
		if (strcmp(kind, "class") == 0) {
			u->scope_classes = xreallocarray(u->scope_classes,
			    u->nscope_classes + 1, sizeof *u->scope_classes);
			u->scope_classes[u->nscope_classes++] = unit;
		} else {
			u->scope_departments = xreallocarray(
			    u->scope_departments, u->nscope_departments + 1,
			    sizeof *u->scope_departments);
			u->scope_departments[u->nscope_departments++] = unit;
		}
	}
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "reading a scope");
	sqlite3_reset(st);
	return YJ_OK;
}

#define STORE_USER_SELECT						\
	"SELECT id, login, display, role, pwhash, coalesce(person_id, 0),"\
	" disabled, created_at FROM user"

static void
store_user_row(sqlite3_stmt *st, struct store_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	u->login = store_text(st, 1);
	u->display = store_text(st, 2);
	u->role = store_text(st, 3);
	u->pwhash = store_text(st, 4);
	u->person_id = sqlite3_column_int64(st, 5);
	u->disabled = sqlite3_column_int(st, 6) != 0;
	u->created_at = sqlite3_column_int64(st, 7);
}

enum yj_status
store_user_get(struct store *s, const char *login, struct store_user *out,
    struct yj_error *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(out, 0, sizeof *out);
	st = store_sql(s, STORE_USER_SELECT " WHERE login = ?1", err);
	if (st == NULL)
		return err->status;
	store_bind_text(st, 1, login);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, err, "looking up a user");
		return yj_fail(err, YJ_NOT_FOUND, "no user %s", login);
	}
	store_user_row(st, out);
	sqlite3_reset(st);
	return store_user_scope(s, out, err);
}

static enum yj_status
store_user_change(struct store *s, const char *sql, const char *login,
    const char *value, struct yj_error *err)
{
	sqlite3_stmt	*st;
	enum yj_status	 r;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	if ((st = store_sql(s, sql, err)) == NULL) {
		store_rollback(s);
		return err->status;
	}
	store_bind_text(st, 1, login);
	if (value != NULL)
		store_bind_text(st, 2, value);
	if ((r = store_run(s, st, err, "changing a user")) != YJ_OK) {
		store_rollback(s);
		return r;
	}
	if (sqlite3_changes(s->db) == 0) {
		store_rollback(s);
		return yj_fail(err, YJ_NOT_FOUND, "no user %s", login);
	}
	return store_commit(s, err);
}

enum yj_status
store_user_set_password(struct store *s, const char *login,
    const char *pwhash, struct yj_error *err)
{
	return store_user_change(s,
	    "UPDATE user SET pwhash = ?2 WHERE login = ?1", login, pwhash, err);
}

enum yj_status
store_user_disable(struct store *s, const char *login, struct yj_error *err)
{
	return store_user_change(s,
	    "UPDATE user SET disabled = 1 WHERE login = ?1", login, NULL, err);
}

enum yj_status
store_users(struct store *s, store_user_cb cb, void *arg,
    struct yj_error *err)
{
	sqlite3_stmt		*st;
	struct store_user	*v = NULL;
	size_t			 n = 0, i;
	enum yj_status		 r = YJ_OK;
	int			 rc;

	/* Users are few: read them all, then their scopes. */
	if ((st = store_sql(s, STORE_USER_SELECT " ORDER BY login", err)) ==
	    NULL)
		return err->status;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		store_user_row(st, &v[n++]);
	}
	if (rc != SQLITE_DONE)
		r = store_fail(s, err, "listing users");
	sqlite3_reset(st);
	for (i = 0; i < n && r == YJ_OK; i++)
		r = store_user_scope(s, &v[i], err);
	for (i = 0; i < n && r == YJ_OK; i++) {
		if (cb(arg, &v[i]) != 0)
			break;
	}
	for (i = 0; i < n; i++)
		store_user_free(&v[i]);
	free(v);
	return r;
}
