#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "yujing/passwd.h"
#include "yujing/record.h"
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

/*
 * The admin history's event for a change to a user: its delta (what the
 * caller put in l->dj), the user's state after it; inside the transaction.
 */
static enum yj_status
store_user_event(struct store *s, struct store_link *l, const char *kind,
    const struct store_user *u, const struct store_actor *by,
    struct yj_error *err)
{
	struct buf	 cls, deps;
	char		 sum[2 * STORE_HASH_BYTES + 1];

	l->subject = u->login;
	l->at = by->at;
	l->actor = by->login;
	l->user_id = by->user_id;
	l->kind = kind;
	buf_init(&cls);
	buf_init(&deps);
	store_user_scope_text(u->scope_classes, u->nscope_classes, &cls);
	store_user_scope_text(u->scope_departments, u->nscope_departments,
	    &deps);
	store_pwhash_sum(u->pwhash, sum);
	store_user_state(u->id, u->login, u->role, sum, u->person_id,
	    u->disabled, u->created_at, buf_str(&cls), buf_str(&deps),
	    u->must_change, &l->state);
	buf_done(&cls);
	buf_done(&deps);
	return store_link_append(s, l, err);
}

enum yj_status
store_user_add(struct store *s, struct store_user *u,
    const struct store_actor *by, struct yj_error *err)
{
	static const char sql[] =
	    "INSERT INTO user (login, display, role, pwhash, person_id,"
	    " disabled, created_at, must_change)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
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
	if (u->created_at == 0)
		u->created_at = by->at;
	sqlite3_bind_int64(st, 7, u->created_at);
	sqlite3_bind_int(st, 8, u->must_change);
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
	{
		struct store_user	 as;
		struct store_link	 l;
		struct buf		 b;
		char			 sum[2 * STORE_HASH_BYTES + 1];

		/* As the table has it now: its scope in order, once each. */
		if ((r = store_user_get(s, u->login, &as, err)) != YJ_OK)
			goto fail;
		store_link_init(&l);
		json_kv_int(&l.dj, "id", as.id);
		json_kv_string(&l.dj, "role", as.role);
		store_pwhash_sum(as.pwhash, sum);
		json_kv_string(&l.dj, "pwhash", sum);
		json_kv_int(&l.dj, "person_id", as.person_id);
		json_kv_int(&l.dj, "disabled", as.disabled);
		json_kv_int(&l.dj, "created_at", as.created_at);
		buf_init(&b);
		store_user_scope_text(as.scope_classes, as.nscope_classes, &b);
		json_kv_string(&l.dj, "scope_classes", buf_str(&b));
		buf_clear(&b);
		store_user_scope_text(as.scope_departments,
		    as.nscope_departments, &b);
		json_kv_string(&l.dj, "scope_departments", buf_str(&b));
		buf_done(&b);
		if (as.must_change)
			json_kv_int(&l.dj, "must_change", 1);
		store_link_part(&l, "display", as.display);
		r = store_user_event(s, &l, record_kind_name(EV_USER_ADDED),
		    &as, by, err);
		store_link_done(&l);
		store_user_free(&as);
	}
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
	" disabled, created_at, must_change FROM user"

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
	u->must_change = sqlite3_column_int(st, 8) != 0;
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

/*
 * One change to a user: sql (?1 the login, ?2 value) and its event, whose
 * delta is key = delta; inside one transaction.
 */
static enum yj_status
store_user_change(struct store *s, const char *sql, const char *login,
    const char *value, const char *kind, const char *key, const char *delta,
    int64_t idelta, const struct store_actor *by, struct yj_error *err)
{
	struct store_user	 u;
	struct store_link	 l;
	sqlite3_stmt		*st;
	enum yj_status		 r;

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
	/* The user as it is now, for the state the event leaves. */
	if ((r = store_user_get(s, login, &u, err)) != YJ_OK) {
		store_rollback(s);
		return r;
	}
	store_link_init(&l);
	if (delta != NULL)
		json_kv_string(&l.dj, key, delta);
	else
		json_kv_int(&l.dj, key, idelta);
	r = store_user_event(s, &l, kind, &u, by, err);
	store_link_done(&l);
	store_user_free(&u);
	if (r != YJ_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s, err);
}

enum yj_status
store_user_set_password(struct store *s, const char *login,
    const char *pwhash, bool must_change, const char *why,
    const struct store_actor *by, struct yj_error *err)
{
	static const char sql[] =
	    "UPDATE user SET pwhash = ?2, must_change = ?3 WHERE login = ?1";
	struct store_user	 u;
	struct store_link	 l;
	struct buf		 payload;
	struct json		 j;
	sqlite3_stmt		*st;
	enum yj_status		 r;
	char			 sum[2 * STORE_HASH_BYTES + 1];
	bool			 was;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	/* What it was, inside the transaction: the delta says a change. */
	if ((r = store_user_get(s, login, &u, err)) != YJ_OK) {
		store_rollback(s);
		return r;
	}
	was = u.must_change;
	store_user_free(&u);
	if ((st = store_sql(s, sql, err)) == NULL) {
		store_rollback(s);
		return err->status;
	}
	store_bind_text(st, 1, login);
	store_bind_text(st, 2, pwhash);
	sqlite3_bind_int(st, 3, must_change);
	if ((r = store_run(s, st, err, "changing a user")) != YJ_OK ||
	    (r = store_user_get(s, login, &u, err)) != YJ_OK) {
		store_rollback(s);
		return r;
	}
	store_link_init(&l);
	store_pwhash_sum(pwhash, sum);
	json_kv_string(&l.dj, "pwhash", sum);
	/* Said only when it is or was set: older events never had it. */
	if (must_change || was)
		json_kv_int(&l.dj, "must_change", must_change);
	buf_init(&payload);
	if (why != NULL) {
		json_init(&j, &payload, false);
		json_object_begin(&j);
		json_kv_string(&j, "why", why);
		json_object_end(&j);
		l.payload = buf_str(&payload);
	}
	r = store_user_event(s, &l, record_kind_name(EV_USER_PASSWORD), &u,
	    by, err);
	store_link_done(&l);
	store_user_free(&u);
	buf_done(&payload);
	if (r != YJ_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s, err);
}

enum yj_status
store_user_set_role(struct store *s, const char *login, const char *role,
    const struct store_actor *by, struct yj_error *err)
{
	return store_user_change(s,
	    "UPDATE user SET role = ?2 WHERE login = ?1", login, role,
	    record_kind_name(EV_USER_ROLE), "role", role, 0, by, err);
}

enum yj_status
store_user_disable(struct store *s, const char *login,
    const struct store_actor *by, struct yj_error *err)
{
	return store_user_change(s,
	    "UPDATE user SET disabled = 1 WHERE login = ?1", login, NULL,
	    record_kind_name(EV_USER_DISABLED), "disabled", NULL, 1, by, err);
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

enum yj_status
store_signin_recent(struct store *s, const char *login, int most,
    struct store_signin *out, struct yj_error *err)
{
	/* By the admin history's index of subjects, newest first. */
	static const char sql[] =
	    "SELECT kind, at FROM event WHERE subject = ?1"
	    " AND incident_id IS NULL ORDER BY id DESC";
	sqlite3_stmt	*st;
	int		 rc = SQLITE_DONE, k;
	bool		 done = false;

	memset(out, 0, sizeof *out);
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	store_bind_text(st, 1, login);
	while (!done && out->failures < most &&
	    (rc = sqlite3_step(st)) == SQLITE_ROW) {
		k = record_kind_of((const char *)sqlite3_column_text(st, 0));
		switch (k) {
		case EV_SIGNIN_FAILED:
			if (out->failures++ == 0)
				out->last_at = sqlite3_column_int64(st, 1);
			break;
		case EV_SIGNED_IN:
		case EV_SIGNIN_UNLOCKED:
		case EV_USER_PASSWORD:
		case EV_USER_ADDED:
			done = true;
			break;
		default:
			break;
		}
	}
	if (!done && out->failures < most && rc != SQLITE_DONE) {
		sqlite3_reset(st);
		return store_fail(s, err, "reading the sign-in history");
	}
	sqlite3_reset(st);
	return YJ_OK;
}

enum yj_status
store_record(struct store *s, const char *subject, const char *kind,
    const char *payload, const struct store_actor *by, struct yj_error *err)
{
	enum yj_status	 r;
	bool		 was = s->recording;

	s->recording = true;
	r = store_log_append(s, subject, kind, payload, NULL, 0, by, NULL,
	    err);
	s->recording = was;
	return r;
}

enum yj_status
store_signin_begin(struct store *s, bool *held, struct yj_error *err)
{
	enum yj_status	 r;
	bool		 was = s->recording;

	*held = false;
	if (sqlite3_db_readonly(s->db, "main") == 1)
		return YJ_OK;
	s->recording = true;
	r = store_begin(s, err);
	s->recording = was;
	*held = r == YJ_OK;
	return r;
}

enum yj_status
store_signin_end(struct store *s, struct yj_error *err)
{
	return store_commit(s, err);
}

enum yj_status
store_signin_failed(struct store *s, const char *login, const char *how,
    const struct store_actor *by, int *failures, int64_t *wait,
    struct yj_error *err)
{
	struct store_signin	 now;
	struct buf		 payload;
	struct json		 j;
	enum yj_status		 r;
	bool			 was = s->recording;

	s->recording = true;
	r = store_begin(s, err);
	s->recording = was;
	if (r != YJ_OK)
		return r;
	/* Counted inside the transaction: two at once are two. */
	if ((r = store_signin_recent(s, login, PASSWD_WAIT_CAPPED, &now,
	    err)) != YJ_OK) {
		store_rollback(s);
		return r;
	}
	*failures = now.failures + 1;
	*wait = passwd_wait(*failures);
	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_string(&j, "how", how);
	json_kv_int(&j, "failures", *failures);
	json_kv_int(&j, "wait", *wait);
	json_object_end(&j);
	s->recording = true;
	r = store_log_append(s, login, record_kind_name(EV_SIGNIN_FAILED),
	    buf_str(&payload), NULL, 0, by, NULL, err);
	s->recording = was;
	buf_done(&payload);
	if (r != YJ_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s, err);
}

enum yj_status
store_access_read(struct store *s, int64_t from, int64_t to,
    const char *login, int64_t incident, store_access_cb cb, void *arg,
    struct yj_error *err)
{
	/*
	 * By time (event_admin_at: named, as the planner would rather take
	 * event_incident's IS NULL, every incident-less event), or by
	 * incident (event_subject).
	 */
	static const char by_time[] =
	    "SELECT id, at, actor, kind, payload FROM event"
	    " INDEXED BY event_admin_at"
	    " WHERE incident_id IS NULL AND at >= ?1 AND at < ?2"
	    " AND (subject GLOB 'access/*' OR subject = 'export')"
	    " AND (?3 IS NULL OR actor = ?3) ORDER BY at, id";
	static const char by_incident[] =
	    "SELECT id, at, actor, kind, payload FROM event"
	    " WHERE incident_id IS NULL AND subject = 'access/' || ?4"
	    " AND at >= ?1 AND at < ?2 AND (?3 IS NULL OR actor = ?3)"
	    " ORDER BY id";
	struct store_access	*v = NULL;
	sqlite3_stmt		*st;
	enum yj_status		 r = YJ_OK;
	size_t			 n = 0, i;
	int			 rc;

	if ((st = store_sql(s, incident != 0 ? by_incident : by_time,
	    err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	store_bind_text(st, 3, login);
	if (incident != 0)
		sqlite3_bind_int64(st, 4, incident);
	/* Read whole, then told: no statement stays open while cb writes. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].id = sqlite3_column_int64(st, 0);
		v[n].at = sqlite3_column_int64(st, 1);
		v[n].actor = store_text(st, 2);
		v[n].kind = store_text(st, 3);
		v[n].payload = store_text(st, 4);
		n++;
	}
	if (rc != SQLITE_DONE)
		r = store_fail(s, err, "reading the access log");
	sqlite3_reset(st);
	for (i = 0; r == YJ_OK && i < n; i++) {
		if (cb(arg, &v[i]) != 0)
			break;
	}
	for (i = 0; i < n; i++) {
		free((char *)v[i].actor);
		free((char *)v[i].kind);
		free((char *)v[i].payload);
	}
	free(v);
	return r;
}
