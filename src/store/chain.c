/*
 * The chain of the history (DESIGN §3): one chain for every history row,
 * each event's hash over the one before it, its own columns, the digests
 * of its personal parts and the whole state it leaves its subject in (an
 * incident's, a user's). What an event changed is its delta, a JSON object
 * of columns; its personal parts (names, numbers, free text, field values,
 * notes) are rows of event_part, salted, so that blanking one (retention)
 * keeps its digest and the chain still holds.
 *
 * The incident row is a cache of its history: replaying its events from
 * nothing gives the row, which store_verify checks column by column.
 */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "yujing/buf.h"
#include "yujing/digest.h"
#include "yujing/json.h"
#include "yujing/record.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

#include "internal.h"

/*
 * The columns of an incident the history says, once: what a delta may
 * hold (not personal) or a part (personal), in the order the state is
 * written. X(name, type, personal)
 */
#define STORE_INCIDENT_COLUMNS(X)					\
	X(category, CHAIN_STR, false)					\
	X(category_name, CHAIN_STR, false)				\
	X(severity, CHAIN_STR, false)					\
	X(severity_name, CHAIN_STR, false)				\
	X(restricted, CHAIN_BOOL, false)				\
	X(state, CHAIN_STR, false)					\
	X(level, CHAIN_STR, false)					\
	X(rung, CHAIN_INT, false)					\
	X(occurred_at, CHAIN_I64, false)				\
	X(reported_at, CHAIN_I64, false)				\
	X(reporter, CHAIN_STR, true)					\
	X(reporter_role, CHAIN_STR, false)				\
	X(logged_by, CHAIN_I64, false)					\
	X(room_id, CHAIN_I64, false)					\
	X(location, CHAIN_STR, true)					\
	X(department_id, CHAIN_I64, false)				\
	X(class_id, CHAIN_I64, false)					\
	X(text, CHAIN_STR, true)					\
	X(actions, CHAIN_STR, true)					\
	X(resolution, CHAIN_STR, true)					\
	X(rung_since, CHAIN_I64, false)					\
	X(ack_due, CHAIN_I64, false)					\
	X(resolve_due, CHAIN_I64, false)				\
	X(emergency, CHAIN_BOOL, false)					\
	X(overdue_since, CHAIN_I64, false)				\
	X(report_delay, CHAIN_I64, false)				\
	X(others, CHAIN_STR, true)

enum chain_type {
	CHAIN_STR,
	CHAIN_I64,
	CHAIN_INT,
	CHAIN_BOOL
};

struct chain_col {
	const char	*name;
	enum chain_type	 type;
	bool		 personal;
	size_t		 off;
};

#define CHAIN_COL(n, t, p) { #n, t, p, offsetof(struct store_incident, n) },
static const struct chain_col chain_cols[] = {
	STORE_INCIDENT_COLUMNS(CHAIN_COL)
};
#define CHAIN_NCOLS (sizeof chain_cols / sizeof chain_cols[0])

static const uint8_t chain_zero[STORE_HASH_BYTES];

/* --- columns of a struct store_incident by the table above ------------- */

static int64_t
chain_get_int(const struct store_incident *in, const struct chain_col *c)
{
	const char	*p = (const char *)in + c->off;

	switch (c->type) {
	case CHAIN_I64:
		return *(const int64_t *)(const void *)p;
	case CHAIN_INT:
		return *(const int *)(const void *)p;
	case CHAIN_BOOL:
		return *(const bool *)(const void *)p;
	case CHAIN_STR:
		break;
	}
	return 0;
}

static const char *
chain_get_str(const struct store_incident *in, const struct chain_col *c)
{
	const char	*s;

	s = *(char *const *)(const void *)((const char *)in + c->off);
	return s != NULL ? s : "";
}

static void
chain_set_int(struct store_incident *in, const struct chain_col *c,
    int64_t v)
{
	char	*p = (char *)in + c->off;

	switch (c->type) {
	case CHAIN_I64:
		*(int64_t *)(void *)p = v;
		break;
	case CHAIN_INT:
		*(int *)(void *)p = (int)v;
		break;
	case CHAIN_BOOL:
		*(bool *)(void *)p = v != 0;
		break;
	case CHAIN_STR:
		break;
	}
}

static void
chain_set_str(struct store_incident *in, const struct chain_col *c,
    const char *v)
{
	char	**p = (char **)(void *)((char *)in + c->off);

	free(*p);
	*p = xstrdup(v != NULL ? v : "");
}

/* The column as text: a string as it is, a number in decimal. */
static const char *
chain_col_text(const struct store_incident *in, const struct chain_col *c,
    char num[24])
{
	if (c->type == CHAIN_STR)
		return chain_get_str(in, c);
	snprintf(num, 24, "%" PRId64, chain_get_int(in, c));
	return num;
}

static bool
chain_col_equal(const struct store_incident *a, const struct store_incident *b,
    const struct chain_col *c)
{
	if (c->type == CHAIN_STR)
		return strcmp(chain_get_str(a, c), chain_get_str(b, c)) == 0;
	return chain_get_int(a, c) == chain_get_int(b, c);
}

static const struct chain_col *
chain_col_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < CHAIN_NCOLS; i++) {
		if (strcmp(chain_cols[i].name, name) == 0)
			return &chain_cols[i];
	}
	return NULL;
}

static const struct store_field *
chain_field(const struct store_incident *in, const char *key)
{
	size_t	 i;

	for (i = 0; i < in->nfields; i++) {
		if (strcmp(in->fields[i].key, key) == 0)
			return &in->fields[i];
	}
	return NULL;
}

/* --- a link of the chain being written ---------------------------------- */

void
store_link_init(struct store_link *l)
{
	memset(l, 0, sizeof *l);
	buf_init(&l->delta);
	json_init(&l->dj, &l->delta, false);
	json_object_begin(&l->dj);
	buf_init(&l->state);
}

void
store_link_done(struct store_link *l)
{
	size_t	 i;

	for (i = 0; i < l->nparts; i++) {
		free(l->parts[i].name);
		free(l->parts[i].value);
	}
	free(l->parts);
	buf_done(&l->delta);
	buf_done(&l->state);
	memset(l, 0, sizeof *l);
}

void
store_link_part(struct store_link *l, const char *name, const char *value)
{
	struct store_part	*p;

	l->parts = xreallocarray(l->parts, l->nparts + 1, sizeof *l->parts);
	p = &l->parts[l->nparts++];
	p->name = xstrdup(name);
	p->value = xstrdup(value != NULL ? value : "");
	digest_new_salt(p->salt);
	digest_salted(p->salt, p->value, p->digest);
}

static int
chain_part_cmp(const void *x, const void *y)
{
	const struct store_part	*a = x, *b = y;

	return strcmp(a->name, b->name);
}

/* A name, a digest: what the hash takes of a part. */
struct chain_sum {
	const char	*name;
	uint8_t		 digest[STORE_HASH_BYTES];
};

/*
 * The hash of one link. Each text ends in a NUL, so no two different
 * links read the same; parts in name order, each by its digest only.
 */
static void
chain_hash(const uint8_t prev[STORE_HASH_BYTES], int64_t id,
    int64_t incident, const char *subject, int64_t at, const char *actor,
    int64_t user_id, const char *kind, const char *level,
    const char *payload, const char *delta, const struct chain_sum *sums,
    size_t nsums, const char *state, uint8_t out[STORE_HASH_BYTES])
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	buf_add(&b, prev, STORE_HASH_BYTES);
	buf_printf(&b, "%" PRId64 "%c%" PRId64 "%c", id, 0, incident, 0);
	buf_add(&b, subject, strlen(subject) + 1);
	buf_printf(&b, "%" PRId64 "%c", at, 0);
	buf_add(&b, actor, strlen(actor) + 1);
	buf_printf(&b, "%" PRId64 "%c", user_id, 0);
	buf_add(&b, kind, strlen(kind) + 1);
	buf_add(&b, level, strlen(level) + 1);
	buf_add(&b, payload, strlen(payload) + 1);
	buf_add(&b, delta, strlen(delta) + 1);
	for (i = 0; i < nsums; i++) {
		buf_add(&b, sums[i].name, strlen(sums[i].name) + 1);
		buf_add(&b, sums[i].digest, STORE_HASH_BYTES);
	}
	buf_add(&b, state, strlen(state) + 1);
	digest_sha256(b.data, b.len, out);
	buf_done(&b);
}

enum yj_status
store_link_append(struct store *s, struct store_link *l, struct yj_error *err)
{
	static const char last[] =
	    "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1";
	static const char add[] =
	    "INSERT INTO event (id, incident_id, subject, at, actor, user_id,"
	    " kind, level, payload, delta, hash)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	static const char part[] =
	    "INSERT INTO event_part (event_id, part, salt, value, digest)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)";
	uint8_t		 prev[STORE_HASH_BYTES];
	struct chain_sum *sums;
	sqlite3_stmt	*st;
	enum yj_status	 r;
	int64_t		 seq = 0;
	size_t		 i;
	int		 rc;

	json_object_end(&l->dj);
	memcpy(prev, chain_zero, sizeof prev);
	if ((st = store_sql(s, last, err)) == NULL)
		return err->status;
	rc = sqlite3_step(st);
	l->id = 1;
	if (rc == SQLITE_ROW) {
		l->id = sqlite3_column_int64(st, 0) + 1;
		if (sqlite3_column_bytes(st, 1) == STORE_HASH_BYTES)
			memcpy(prev, sqlite3_column_blob(st, 1), sizeof prev);
	} else if (rc != SQLITE_DONE)
		return store_fail(s, err, "reading the history");
	sqlite3_reset(st);
	/* A number once used is not used again, even if it went missing. */
	if ((r = store_int(s, "SELECT coalesce(max(seq), 0) FROM"
	    " sqlite_sequence WHERE name = 'event'", &seq, err)) != YJ_OK)
		return r;
	if (seq >= l->id)
		return yj_fail(err, YJ_DB_CORRUPT, "%s: the history ends at "
		    "event %lld but has been numbered to %lld: events were "
		    "removed outside yujing; run 'yujing verify'", s->path,
		    (long long)l->id - 1, (long long)seq);

	if (l->nparts > 1)
		qsort(l->parts, l->nparts, sizeof *l->parts, chain_part_cmp);
	sums = xcalloc(l->nparts + 1, sizeof *sums);
	for (i = 0; i < l->nparts; i++) {
		sums[i].name = l->parts[i].name;
		memcpy(sums[i].digest, l->parts[i].digest, STORE_HASH_BYTES);
	}
	chain_hash(prev, l->id, l->incident_id, l->subject ? l->subject : "",
	    l->at, l->actor, l->user_id, l->kind, l->level ? l->level : "",
	    l->payload ? l->payload : "{}", buf_str(&l->delta), sums,
	    l->nparts, buf_str(&l->state), l->hash);
	free(sums);

	if ((st = store_sql(s, add, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, l->id);
	store_bind_id(st, 2, l->incident_id);
	store_bind_text(st, 3, l->subject ? l->subject : "");
	sqlite3_bind_int64(st, 4, l->at);
	store_bind_text(st, 5, l->actor);
	store_bind_id(st, 6, l->user_id);
	store_bind_text(st, 7, l->kind);
	store_bind_text(st, 8, l->level ? l->level : "");
	store_bind_text(st, 9, l->payload ? l->payload : "{}");
	store_bind_text(st, 10, buf_str(&l->delta));
	sqlite3_bind_blob(st, 11, l->hash, STORE_HASH_BYTES, SQLITE_STATIC);
	if ((r = store_run(s, st, err, "writing the history")) != YJ_OK)
		return r;
	for (i = 0; i < l->nparts; i++) {
		if ((st = store_sql(s, part, err)) == NULL)
			return err->status;
		sqlite3_bind_int64(st, 1, l->id);
		store_bind_text(st, 2, l->parts[i].name);
		sqlite3_bind_blob(st, 3, l->parts[i].salt, DIGEST_SALT_BYTES,
		    SQLITE_STATIC);
		store_bind_text(st, 4, l->parts[i].value);
		sqlite3_bind_blob(st, 5, l->parts[i].digest, STORE_HASH_BYTES,
		    SQLITE_STATIC);
		if ((r = store_run(s, st, err, "writing the history")) !=
		    YJ_OK)
			return r;
	}
	return YJ_OK;
}

/* --- an incident's state, its changes ---------------------------------- */

static int
chain_field_cmp(const void *x, const void *y)
{
	const struct store_field *const *a = x, *const *b = y;

	return strcmp((*a)->key, (*b)->key);
}

void
store_incident_state(const struct store_incident *in, struct buf *out)
{
	const struct store_field	**keys;
	struct json			 j;
	size_t				 i;

	json_init(&j, out, false);
	json_object_begin(&j);
	for (i = 0; i < CHAIN_NCOLS; i++) {
		if (chain_cols[i].personal)
			continue;
		json_key(&j, chain_cols[i].name);
		if (chain_cols[i].type == CHAIN_STR)
			json_string(&j, chain_get_str(in, &chain_cols[i]));
		else
			json_int(&j, chain_get_int(in, &chain_cols[i]));
	}
	json_key(&j, "students");
	json_array_begin(&j);
	for (i = 0; i < in->nstudents; i++)
		json_int(&j, in->students[i].id);
	json_array_end(&j);
	/* The fields it has; their values are parts. */
	keys = xcalloc(in->nfields + 1, sizeof *keys);
	for (i = 0; i < in->nfields; i++)
		keys[i] = &in->fields[i];
	qsort(keys, in->nfields, sizeof *keys, chain_field_cmp);
	json_key(&j, "fields");
	json_array_begin(&j);
	for (i = 0; i < in->nfields; i++)
		json_string(&j, keys[i]->key);
	json_array_end(&j);
	free(keys);
	json_object_end(&j);
}

/* The same students, in the same order. */
static bool
chain_students_equal(const struct store_incident *x,
    const struct store_incident *y)
{
	size_t	 i;

	if (x->nstudents != y->nstudents)
		return false;
	for (i = 0; i < x->nstudents; i++) {
		if (x->students[i].id != y->students[i].id)
			return false;
	}
	return true;
}

void
store_incident_delta(const struct store_incident *old,
    const struct store_incident *in, struct store_link *l)
{
	const struct chain_col		*c;
	const struct store_field	*f;
	struct buf			 name;
	size_t				 i;

	for (i = 0; i < CHAIN_NCOLS; i++) {
		c = &chain_cols[i];
		if (old != NULL && chain_col_equal(old, in, c))
			continue;
		if (c->personal) {
			/* Nothing written yet reads as "". */
			if (old == NULL && *chain_get_str(in, c) == '\0')
				continue;
			store_link_part(l, c->name, chain_get_str(in, c));
		} else if (c->type == CHAIN_STR)
			json_kv_string(&l->dj, c->name, chain_get_str(in, c));
		else
			json_kv_int(&l->dj, c->name, chain_get_int(in, c));
	}
	/* The students, all of them, when the report names them or a
	 * correction changes who they are. */
	if (old == NULL || !chain_students_equal(old, in)) {
		json_key(&l->dj, "students");
		json_array_begin(&l->dj);
		for (i = 0; i < in->nstudents; i++)
			json_int(&l->dj, in->students[i].id);
		json_array_end(&l->dj);
		for (i = 0; i < in->nstudents; i++) {
			char	 part[48];

			snprintf(part, sizeof part, "student:%zu:number", i);
			store_link_part(l, part, in->students[i].number);
			snprintf(part, sizeof part, "student:%zu:name", i);
			store_link_part(l, part, in->students[i].name);
		}
	}
	buf_init(&name);
	for (i = 0; i < in->nfields; i++) {
		f = old != NULL ? chain_field(old, in->fields[i].key) : NULL;
		if (f != NULL && strcmp(f->value, in->fields[i].value) == 0)
			continue;
		buf_clear(&name);
		buf_printf(&name, "field:%s", in->fields[i].key);
		store_link_part(l, buf_str(&name), in->fields[i].value);
	}
	buf_done(&name);
}

/* --- blanking a part (retention) --------------------------------------- */

enum yj_status
store_part_blank(struct store *s, int64_t event, const char *part,
    const struct store_actor *by, struct yj_error *err)
{
	static const char get[] =
	    "SELECT e.incident_id, p.value FROM event_part p"
	    " JOIN event e ON e.id = p.event_id"
	    " WHERE p.event_id = ?1 AND p.part = ?2";
	static const char blank[] =
	    "UPDATE event_part SET value = NULL"
	    " WHERE event_id = ?1 AND part = ?2";
	sqlite3_stmt		*st;
	enum yj_status		 r;
	int64_t			 incident = 0, later = 0;
	char			*value = NULL;
	size_t			 pos = 0;
	int			 rc, used = 0;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	if ((st = store_sql(s, get, err)) == NULL) {
		r = err->status;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, event);
	store_bind_text(st, 2, part);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		incident = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			value = store_text(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		r = rc == SQLITE_DONE ? yj_fail(err, YJ_NOT_FOUND, "event %lld "
		    "has no part %s", (long long)event, part) :
		    store_fail(s, err, "reading the history");
		goto fail;
	}
	if ((st = store_sql(s, blank, err)) == NULL) {
		r = err->status;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, event);
	store_bind_text(st, 2, part);
	if ((r = store_run(s, st, err, "blanking a part")) != YJ_OK)
		goto fail;
	/*
	 * The row keeps the value too when this part is what it says now
	 * (no later event set it again): blank it there, or the history
	 * would keep less than its cache.
	 */
	if (incident != 0 && value != NULL) {
		if ((st = store_sql(s, "SELECT count(*) FROM event e"
		    " JOIN event_part p ON p.event_id = e.id"
		    " WHERE e.incident_id = ?1 AND p.part = ?2 AND e.id > ?3",
		    err)) == NULL) {
			r = err->status;
			goto fail;
		}
		sqlite3_bind_int64(st, 1, incident);
		store_bind_text(st, 2, part);
		sqlite3_bind_int64(st, 3, event);
		rc = sqlite3_step(st);
		later = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW) {
			r = store_fail(s, err, "blanking a part");
			goto fail;
		}
	}
	if (incident != 0 && value != NULL && later == 0) {
		static const char *const cols[][2] = {
			{ "reporter", "UPDATE incident SET reporter = ''"
			    " WHERE id = ?1 AND reporter = ?2" },
			{ "location", "UPDATE incident SET location = ''"
			    " WHERE id = ?1 AND location = ?2" },
			{ "text", "UPDATE incident SET text = ''"
			    " WHERE id = ?1 AND text = ?2" },
			{ "actions", "UPDATE incident SET actions = ''"
			    " WHERE id = ?1 AND actions = ?2" },
			{ "resolution", "UPDATE incident SET resolution = ''"
			    " WHERE id = ?1 AND resolution = ?2" },
			{ "others", "UPDATE incident SET others = ''"
			    " WHERE id = ?1 AND others = ?2" },
		};
		const char	*sql = NULL, *rest;
		size_t		 i;

		for (i = 0; i < sizeof cols / sizeof cols[0]; i++) {
			if (strcmp(part, cols[i][0]) == 0)
				sql = cols[i][1];
		}
		if (strncmp(part, "field:", 6) == 0)
			sql = "UPDATE incident_field SET value = ''"
			    " WHERE incident_id = ?1 AND value = ?2"
			    " AND field = ?3";
		else if (sscanf(part, "student:%zu:%n", &pos, &used) == 1) {
			rest = part + used;
			if (strcmp(rest, "name") == 0)
				sql = "UPDATE incident_student SET name = ''"
				    " WHERE incident_id = ?1 AND name = ?2"
				    " AND pos = ?4";
			else if (strcmp(rest, "number") == 0)
				sql = "UPDATE incident_student SET number = ''"
				    " WHERE incident_id = ?1 AND number = ?2"
				    " AND pos = ?4";
		}
		if (sql != NULL) {
			if ((st = store_sql(s, sql, err)) == NULL) {
				r = err->status;
				goto fail;
			}
			sqlite3_bind_int64(st, 1, incident);
			store_bind_text(st, 2, value);
			if (strncmp(part, "field:", 6) == 0)
				store_bind_text(st, 3, part + 6);
			if (strncmp(part, "student:", 8) == 0)
				sqlite3_bind_int64(st, 4, (int64_t)pos);
			if ((r = store_run(s, st, err, "blanking a part")) !=
			    YJ_OK)
				goto fail;
		}
	}
	/* The blanking is in the history itself: which part, by whom. */
	if (value != NULL) {
		struct store_link	 l;

		store_link_init(&l);
		l.at = by->at;
		l.actor = by->login;
		l.user_id = by->user_id;
		l.kind = record_kind_name(EV_PART_BLANKED);
		json_kv_int(&l.dj, "event", event);
		json_kv_string(&l.dj, "part", part);
		r = store_link_append(s, &l, err);
		store_link_done(&l);
		if (r != YJ_OK)
			goto fail;
	}
	free(value);
	return store_commit(s, err);
fail:
	free(value);
	store_rollback(s);
	return r;
}

/* --- verify ------------------------------------------------------------- */

struct chain_verify {
	struct store		*s;
	struct store_verify	*out;
	struct yj_error		*err;
};

static void
chain_diff(struct chain_verify *v, enum store_diff_kind kind, int64_t incident,
    const char *user, int64_t event, const char *field, const char *is,
    const char *says, const char *why)
{
	struct store_verify	*o = v->out;
	struct store_diff	*d;

	o->diffs = xreallocarray(o->diffs, o->ndiffs + 1, sizeof *o->diffs);
	d = &o->diffs[o->ndiffs++];
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->incident = incident;
	d->user = user != NULL ? xstrdup(user) : NULL;
	d->event = event;
	d->field = field != NULL ? xstrdup(field) : NULL;
	d->is = is != NULL ? xstrdup(is) : NULL;
	d->says = says != NULL ? xstrdup(says) : NULL;
	d->why = why != NULL ? xstrdup(why) : NULL;
}

/* The summaries' differences: the first few told, the rest counted. */
#define CHAIN_SUMMARY_TOLD	20

struct chain_summary {
	struct chain_verify	*v;
	size_t			 n;
};

static void
chain_summary_diff(void *arg, const char *why)
{
	struct chain_summary	*cs = arg;

	if (cs->n++ < CHAIN_SUMMARY_TOLD)
		chain_diff(cs->v, STORE_DIFF_SUMMARY, 0, NULL, 0, NULL, NULL,
		    NULL, why);
}

void
store_verify_free(struct store_verify *o)
{
	size_t	 i;

	for (i = 0; i < o->ndiffs; i++) {
		free(o->diffs[i].user);
		free(o->diffs[i].field);
		free(o->diffs[i].is);
		free(o->diffs[i].says);
		free(o->diffs[i].why);
	}
	free(o->diffs);
	memset(o, 0, sizeof *o);
}

/* One event as read back, its parts in name order. */
struct chain_read {
	int64_t		 id;
	int64_t		 incident;
	char		*subject;
	int64_t		 at;
	char		*actor;
	int64_t		 user_id;
	char		*kind;
	char		*level;
	char		*payload;
	char		*delta;
	uint8_t		 hash[STORE_HASH_BYTES];
	uint8_t		 prev[STORE_HASH_BYTES];
	struct chain_sum *sums;
	char		**values;	/* NULL: blanked */
	size_t		 nparts;
};

static void
chain_read_free(struct chain_read *e)
{
	size_t	 i;

	free(e->subject);
	free(e->actor);
	free(e->kind);
	free(e->level);
	free(e->payload);
	free(e->delta);
	for (i = 0; i < e->nparts; i++) {
		free((char *)e->sums[i].name);
		free(e->values[i]);
	}
	free(e->sums);
	free(e->values);
	memset(e, 0, sizeof *e);
}

#define CHAIN_EVENT_SELECT						\
	"SELECT e.id, coalesce(e.incident_id, 0), e.subject, e.at,"	\
	" e.actor, coalesce(e.user_id, 0), e.kind, e.level, e.payload,"	\
	" e.delta, e.hash, p.hash FROM event e"				\
	" LEFT JOIN event p ON p.id = e.id - 1"

/* Reads the parts of e, checking each value against its digest. */
static enum yj_status
chain_read_parts(struct chain_verify *v, struct chain_read *e)
{
	static const char sql[] =
	    "SELECT part, salt, value, digest FROM event_part"
	    " WHERE event_id = ?1 ORDER BY part";
	struct store	*s = v->s;
	sqlite3_stmt	*st;
	uint8_t		 want[STORE_HASH_BYTES];
	char		*name;
	int		 rc;

	if ((st = store_sql(s, sql, v->err)) == NULL)
		return v->err->status;
	sqlite3_bind_int64(st, 1, e->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e->sums = xreallocarray(e->sums, e->nparts + 1,
		    sizeof *e->sums);
		e->values = xreallocarray(e->values, e->nparts + 1,
		    sizeof *e->values);
		name = store_text(st, 0);
		e->sums[e->nparts].name = name;
		memset(e->sums[e->nparts].digest, 0, STORE_HASH_BYTES);
		if (sqlite3_column_bytes(st, 3) == STORE_HASH_BYTES)
			memcpy(e->sums[e->nparts].digest,
			    sqlite3_column_blob(st, 3), STORE_HASH_BYTES);
		e->values[e->nparts] = sqlite3_column_type(st, 2) ==
		    SQLITE_NULL ? NULL : store_text(st, 2);
		if (e->values[e->nparts] != NULL) {
			if (sqlite3_column_bytes(st, 1) == DIGEST_SALT_BYTES)
				digest_salted(sqlite3_column_blob(st, 1),
				    e->values[e->nparts], want);
			if (sqlite3_column_bytes(st, 1) != DIGEST_SALT_BYTES ||
			    memcmp(want, e->sums[e->nparts].digest,
			    STORE_HASH_BYTES) != 0)
				chain_diff(v, e->incident ?
				    STORE_DIFF_INCIDENT : STORE_DIFF_CHAIN,
				    e->incident, NULL, e->id, name, NULL, NULL,
				    "its value is not the one recorded "
				    "(changed outside yujing)");
		}
		e->nparts++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, v->err, "reading the history");
	return YJ_OK;
}

static void
chain_read_row(sqlite3_stmt *st, struct chain_read *e)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(st, 0);
	e->incident = sqlite3_column_int64(st, 1);
	e->subject = store_text(st, 2);
	e->at = sqlite3_column_int64(st, 3);
	e->actor = store_text(st, 4);
	e->user_id = sqlite3_column_int64(st, 5);
	e->kind = store_text(st, 6);
	e->level = store_text(st, 7);
	e->payload = store_text(st, 8);
	e->delta = store_text(st, 9);
	if (sqlite3_column_bytes(st, 10) == STORE_HASH_BYTES)
		memcpy(e->hash, sqlite3_column_blob(st, 10), STORE_HASH_BYTES);
	if (sqlite3_column_bytes(st, 11) == STORE_HASH_BYTES)
		memcpy(e->prev, sqlite3_column_blob(st, 11), STORE_HASH_BYTES);
}

/* Whether e's hash is what its columns, parts and state make. */
static bool
chain_read_ok(const struct chain_read *e, const char *state)
{
	uint8_t	 want[STORE_HASH_BYTES];

	chain_hash(e->prev, e->id, e->incident, e->subject, e->at, e->actor,
	    e->user_id, e->kind, e->level, e->payload, e->delta, e->sums,
	    e->nparts, state, want);
	return memcmp(want, e->hash, STORE_HASH_BYTES) == 0;
}

/* The incident as its history makes it, and which event said each part. */
struct chain_replay {
	struct store_incident	 in;
	int64_t			 by[CHAIN_NCOLS];
	bool			 blank[CHAIN_NCOLS];
	int64_t			 students_by;
	int64_t			*field_by;
	bool			*field_blank;
	bool			*student_blank;	/* 2 per student */
	int64_t			 last;	/* its last event */
	int64_t			 last_at;
};

static void
chain_replay_done(struct chain_replay *rp)
{
	store_incident_free(&rp->in);
	free(rp->field_by);
	free(rp->field_blank);
	free(rp->student_blank);
	memset(rp, 0, sizeof *rp);
}

/* Applies e's delta; YJ_OK, or a difference said and false returned. */
static bool
chain_apply_delta(struct chain_verify *v, struct chain_replay *rp,
    const struct chain_read *e, bool incident)
{
	static const char each[] =
	    "SELECT key, value, type FROM json_each(?1)";
	static const char items[] =
	    "SELECT value FROM json_each(?1) WHERE type = 'integer'";
	const struct chain_col	*c;
	struct store		*s = v->s;
	sqlite3_stmt		*st, *q;
	const char		*key, *type;
	size_t			 k;
	int			 rc;
	bool			 ok = true;

	if ((st = store_sql(s, each, v->err)) == NULL)
		return false;
	store_bind_text(st, 1, e->delta);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(st, 0);
		type = (const char *)sqlite3_column_text(st, 2);
		if (!incident)
			continue;
		if (strcmp(key, "students") == 0 &&
		    strcmp(type, "array") == 0) {
			/*
			 * The report names the students, a correction names
			 * them again: the list is theirs from here on.
			 */
			if ((q = store_sql(s, items, v->err)) == NULL)
				break;
			for (k = 0; k < rp->in.nstudents; k++) {
				free(rp->in.students[k].number);
				free(rp->in.students[k].name);
			}
			rp->in.nstudents = 0;
			store_bind_text(q, 1, (const char *)
			    sqlite3_column_text(st, 1));
			while (sqlite3_step(q) == SQLITE_ROW) {
				rp->in.students = xreallocarray(
				    rp->in.students, rp->in.nstudents + 1,
				    sizeof *rp->in.students);
				rp->in.students[rp->in.nstudents].id =
				    sqlite3_column_int64(q, 0);
				rp->in.students[rp->in.nstudents].number =
				    xstrdup("");
				rp->in.students[rp->in.nstudents].name =
				    xstrdup("");
				rp->in.nstudents++;
			}
			sqlite3_reset(q);
			free(rp->student_blank);
			rp->student_blank = xcalloc(2 * rp->in.nstudents + 1,
			    sizeof *rp->student_blank);
			rp->students_by = e->id;
			continue;
		}
		c = chain_col_find(key);
		if (c == NULL || c->personal ||
		    (c->type == CHAIN_STR) != (strcmp(type, "text") == 0)) {
			chain_diff(v, STORE_DIFF_INCIDENT, e->incident, NULL,
			    e->id, key, NULL, NULL, "its changes name a column "
			    "yujing does not write there (changed outside "
			    "yujing)");
			ok = false;
			continue;
		}
		if (c->type == CHAIN_STR)
			chain_set_str(&rp->in, c, (const char *)
			    sqlite3_column_text(st, 1));
		else
			chain_set_int(&rp->in, c, sqlite3_column_int64(st, 1));
		rp->by[c - chain_cols] = e->id;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		chain_diff(v, incident ? STORE_DIFF_INCIDENT : STORE_DIFF_CHAIN,
		    e->incident, NULL, e->id, NULL, NULL, NULL, "its changes "
		    "cannot be read (changed outside yujing)");
		ok = false;
	}
	sqlite3_reset(st);
	return ok;
}

static void
chain_apply_parts(struct chain_replay *rp, const struct chain_read *e)
{
	const struct chain_col	*c;
	const char		*name, *rest;
	size_t			 i, k, pos;
	int			 used;

	for (i = 0; i < e->nparts; i++) {
		name = e->sums[i].name;
		if ((c = chain_col_find(name)) != NULL && c->personal) {
			chain_set_str(&rp->in, c, e->values[i]);
			rp->by[c - chain_cols] = e->id;
			rp->blank[c - chain_cols] = e->values[i] == NULL;
		} else if (strncmp(name, "field:", 6) == 0) {
			for (k = 0; k < rp->in.nfields; k++) {
				if (strcmp(rp->in.fields[k].key, name + 6) == 0)
					break;
			}
			if (k == rp->in.nfields) {
				rp->in.fields = xreallocarray(rp->in.fields,
				    k + 1, sizeof *rp->in.fields);
				rp->field_by = xreallocarray(rp->field_by,
				    k + 1, sizeof *rp->field_by);
				rp->field_blank = xreallocarray(rp->field_blank,
				    k + 1, sizeof *rp->field_blank);
				rp->in.fields[k].key = xstrdup(name + 6);
				rp->in.fields[k].value = NULL;
				rp->in.nfields++;
			}
			free(rp->in.fields[k].value);
			rp->in.fields[k].value = xstrdup(e->values[i] != NULL ?
			    e->values[i] : "");
			rp->field_by[k] = e->id;
			rp->field_blank[k] = e->values[i] == NULL;
		} else if (sscanf(name, "student:%zu:%n", &pos, &used) == 1 &&
		    pos < rp->in.nstudents) {
			rest = name + used;
			if (strcmp(rest, "number") == 0) {
				free(rp->in.students[pos].number);
				rp->in.students[pos].number = xstrdup(
				    e->values[i] != NULL ? e->values[i] : "");
				rp->student_blank[2 * pos] = e->values[i] ==
				    NULL;
			} else if (strcmp(rest, "name") == 0) {
				free(rp->in.students[pos].name);
				rp->in.students[pos].name = xstrdup(
				    e->values[i] != NULL ? e->values[i] : "");
				rp->student_blank[2 * pos + 1] = e->values[i] ==
				    NULL;
			}
		}
	}
}

/* The row against its replay: every column, student and field. */
static void
chain_compare(struct chain_verify *v, const struct chain_replay *rp,
    const struct store_incident *row)
{
	const struct chain_col		*c;
	const struct store_field	*f;
	char				 n1[24], n2[24];
	const char			*is, *says;
	size_t				 i;

	for (i = 0; i < CHAIN_NCOLS; i++) {
		c = &chain_cols[i];
		if (chain_col_equal(row, &rp->in, c))
			continue;
		is = chain_col_text(row, c, n1);
		says = chain_col_text(&rp->in, c, n2);
		chain_diff(v, STORE_DIFF_INCIDENT, row->id, NULL,
		    rp->by[i] ? rp->by[i] : rp->last, c->name, is,
		    rp->blank[i] ? "(blanked)" : says, NULL);
	}
	if (row->updated_at != rp->last_at) {
		snprintf(n1, sizeof n1, "%" PRId64, row->updated_at);
		snprintf(n2, sizeof n2, "%" PRId64, rp->last_at);
		chain_diff(v, STORE_DIFF_INCIDENT, row->id, NULL, rp->last,
		    "updated_at", n1, n2, NULL);
	}
	if (row->nstudents != rp->in.nstudents) {
		snprintf(n1, sizeof n1, "%zu", row->nstudents);
		snprintf(n2, sizeof n2, "%zu", rp->in.nstudents);
		chain_diff(v, STORE_DIFF_INCIDENT, row->id, NULL,
		    rp->students_by, "students", n1, n2, NULL);
	}
	for (i = 0; i < row->nstudents && i < rp->in.nstudents; i++) {
		if (row->students[i].id != rp->in.students[i].id) {
			snprintf(n1, sizeof n1, "%" PRId64,
			    row->students[i].id);
			snprintf(n2, sizeof n2, "%" PRId64,
			    rp->in.students[i].id);
			chain_diff(v, STORE_DIFF_INCIDENT, row->id, NULL,
			    rp->students_by, "student", n1, n2, NULL);
		}
		if (strcmp(row->students[i].number,
		    rp->in.students[i].number) != 0)
			chain_diff(v, STORE_DIFF_INCIDENT, row->id, NULL,
			    rp->students_by, "student number",
			    row->students[i].number, rp->student_blank[2 * i] ?
			    "(blanked)" : rp->in.students[i].number, NULL);
		if (strcmp(row->students[i].name,
		    rp->in.students[i].name) != 0)
			chain_diff(v, STORE_DIFF_INCIDENT, row->id, NULL,
			    rp->students_by, "student name",
			    row->students[i].name,
			    rp->student_blank[2 * i + 1] ? "(blanked)" :
			    rp->in.students[i].name, NULL);
	}
	for (i = 0; i < rp->in.nfields; i++) {
		f = chain_field(row, rp->in.fields[i].key);
		if (f != NULL && strcmp(f->value, rp->in.fields[i].value) == 0)
			continue;
		chain_diff(v, STORE_DIFF_INCIDENT, row->id, NULL,
		    rp->field_by[i], rp->in.fields[i].key, f != NULL ?
		    f->value : "(missing)", rp->field_blank[i] ? "(blanked)" :
		    rp->in.fields[i].value, NULL);
	}
	for (i = 0; i < row->nfields; i++) {
		if (chain_field(&rp->in, row->fields[i].key) == NULL)
			chain_diff(v, STORE_DIFF_INCIDENT, row->id, NULL,
			    rp->last, row->fields[i].key, row->fields[i].value,
			    "(no such field)", NULL);
	}
}

/*
 * Every personal part before the last retention of incident is blank
 * (a tick's names the checklist: kept): a value there was put back
 * around yujing, though the history says it went.
 */
static enum yj_status
chain_verify_retained(struct chain_verify *v, int64_t incident,
    int64_t retained)
{
	static const char sql[] =
	    "SELECT p.event_id, p.part FROM event e JOIN event_part p"
	    " ON p.event_id = e.id WHERE e.incident_id = ?1 AND e.id < ?2"
	    " AND e.kind NOT IN ('checked', 'unchecked')"
	    " AND p.value IS NOT NULL ORDER BY 1, 2";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = store_sql(v->s, sql, v->err)) == NULL)
		return v->err->status;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, retained);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		chain_diff(v, STORE_DIFF_INCIDENT, incident, NULL,
		    sqlite3_column_int64(st, 0), (const char *)
		    sqlite3_column_text(st, 1), NULL, NULL, "a value "
		    "retention removed is there again (put back outside "
		    "yujing)");
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(v->s, v->err, "checking the record");
	return YJ_OK;
}

/* One incident: its events replayed and hashed, then its row compared. */
static enum yj_status
chain_verify_incident(struct chain_verify *v, int64_t id)
{
	struct store		*s = v->s;
	struct chain_replay	 rp;
	struct chain_read	 e;
	struct store_incident	 row;
	struct buf		 state;
	sqlite3_stmt		*st;
	enum yj_status		 r = YJ_OK;
	int64_t			 retained = 0;
	int			 rc;

	memset(&rp, 0, sizeof rp);
	buf_init(&state);
	if ((st = store_sql(s, CHAIN_EVENT_SELECT " WHERE e.incident_id = ?1"
	    " ORDER BY e.id", v->err)) == NULL)
		return v->err->status;
	sqlite3_bind_int64(st, 1, id);
	while (r == YJ_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		chain_read_row(st, &e);
		if ((r = chain_read_parts(v, &e)) == YJ_OK) {
			chain_apply_delta(v, &rp, &e, true);
			chain_apply_parts(&rp, &e);
			rp.last = e.id;
			rp.last_at = e.at;
			rp.in.id = id;
			buf_clear(&state);
			store_incident_state(&rp.in, &state);
			if (!chain_read_ok(&e, buf_str(&state)))
				chain_diff(v, STORE_DIFF_INCIDENT, id, NULL,
				    e.id, NULL, NULL, NULL, "the event does "
				    "not match its hash (changed, moved or "
				    "removed outside yujing)");
			/* Retention takes only what is closed. */
			if (record_kind_is(e.kind, EV_RETAINED)) {
				retained = e.id;
				if (!record_state_is(rp.in.state,
				    RECORD_RESOLVED))
					chain_diff(v, STORE_DIFF_INCIDENT, id,
					    NULL, e.id, "state", rp.in.state,
					    "resolved", "a retention of an "
					    "incident not resolved (added "
					    "outside yujing)");
			}
		}
		chain_read_free(&e);
	}
	/* What retention removed stays removed. */
	if (r == YJ_OK && retained != 0)
		r = chain_verify_retained(v, id, retained);
	sqlite3_reset(st);
	if (r == YJ_OK && rc != SQLITE_DONE)
		r = store_fail(s, v->err, "reading the history");
	if (r == YJ_OK && rp.last == 0)
		chain_diff(v, STORE_DIFF_INCIDENT, id, NULL, 0, NULL, NULL,
		    NULL, "it has no history at all (added outside yujing)");
	else if (r == YJ_OK) {
		r = store_incident_get(s, id, &row, v->err);
		if (r == YJ_OK) {
			chain_compare(v, &rp, &row);
			store_incident_free(&row);
		} else if (r == YJ_NOT_FOUND) {
			/* Its row joins a user that is not there. */
			chain_diff(v, STORE_DIFF_INCIDENT, id, NULL, rp.last,
			    "logged_by", "a user who is not there",
			    "a user of the history", NULL);
			r = YJ_OK;
		}
	}
	buf_done(&state);
	chain_replay_done(&rp);
	return r;
}

/* --- the admin history: users and imports ------------------------------ */

struct chain_user {
	int64_t		 id;
	char		*login;
	char		*display;
	bool		 display_blank;
	char		*role;
	char		*pwhash;	/* hex of sha256 of the hash */
	int64_t		 person_id;
	int64_t		 disabled;
	int64_t		 must_change;
	int64_t		 created_at;
	struct buf	 classes;	/* "1,4," */
	struct buf	 departments;
	int64_t		 last;
	bool		 seen;		/* its row was found */
};

static struct chain_user *
chain_user_find(struct chain_user **v, size_t *n, const char *login,
    bool add)
{
	size_t	 i;

	for (i = 0; i < *n; i++) {
		if (strcmp((*v)[i].login, login) == 0)
			return &(*v)[i];
	}
	if (!add)
		return NULL;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	memset(&(*v)[*n], 0, sizeof **v);
	(*v)[*n].login = xstrdup(login);
	(*v)[*n].display = xstrdup("");
	(*v)[*n].role = xstrdup("");
	(*v)[*n].pwhash = xstrdup("");
	buf_init(&(*v)[*n].classes);
	buf_init(&(*v)[*n].departments);
	return &(*v)[(*n)++];
}

void
store_user_state(int64_t id, const char *login, const char *role,
    const char *pwsum, int64_t person_id, int64_t disabled,
    int64_t created_at, const char *classes, const char *departments,
    bool must_change, struct buf *out)
{
	struct json	 j;

	json_init(&j, out, false);
	json_object_begin(&j);
	json_kv_int(&j, "id", id);
	json_kv_string(&j, "login", login);
	json_kv_string(&j, "role", role);
	json_kv_string(&j, "pwhash", pwsum);
	json_kv_int(&j, "person_id", person_id);
	json_kv_int(&j, "disabled", disabled);
	json_kv_int(&j, "created_at", created_at);
	json_kv_string(&j, "scope_classes", classes);
	json_kv_string(&j, "scope_departments", departments);
	/* Only when set: the states written before it was known hold. */
	if (must_change)
		json_kv_int(&j, "must_change", 1);
	json_object_end(&j);
}

void
store_pwhash_sum(const char *pwhash, char hex[2 * STORE_HASH_BYTES + 1])
{
	uint8_t	 d[STORE_HASH_BYTES];

	digest_sha256(pwhash, strlen(pwhash), d);
	digest_hex(d, hex);
}

/* Applies an admin event's delta to its user. */
static void
chain_user_apply(struct chain_verify *v, struct chain_user *u,
    const struct chain_read *e)
{
	static const char each[] =
	    "SELECT key, value FROM json_each(?1)";
	sqlite3_stmt	*st;
	const char	*key, *val;
	size_t		 i;

	if ((st = store_sql(v->s, each, v->err)) == NULL)
		return;
	store_bind_text(st, 1, e->delta);
	while (sqlite3_step(st) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(st, 0);
		val = (const char *)sqlite3_column_text(st, 1);
		if (val == NULL)
			val = "";
		if (strcmp(key, "role") == 0) {
			free(u->role);
			u->role = xstrdup(val);
		} else if (strcmp(key, "pwhash") == 0) {
			free(u->pwhash);
			u->pwhash = xstrdup(val);
		} else if (strcmp(key, "id") == 0)
			u->id = sqlite3_column_int64(st, 1);
		else if (strcmp(key, "person_id") == 0)
			u->person_id = sqlite3_column_int64(st, 1);
		else if (strcmp(key, "disabled") == 0)
			u->disabled = sqlite3_column_int64(st, 1);
		else if (strcmp(key, "must_change") == 0)
			u->must_change = sqlite3_column_int64(st, 1);
		else if (strcmp(key, "created_at") == 0)
			u->created_at = sqlite3_column_int64(st, 1);
		else if (strcmp(key, "scope_classes") == 0) {
			buf_clear(&u->classes);
			buf_puts(&u->classes, val);
		} else if (strcmp(key, "scope_departments") == 0) {
			buf_clear(&u->departments);
			buf_puts(&u->departments, val);
		}
	}
	sqlite3_reset(st);
	for (i = 0; i < e->nparts; i++) {
		if (strcmp(e->sums[i].name, "display") == 0) {
			free(u->display);
			u->display = xstrdup(e->values[i] != NULL ?
			    e->values[i] : "");
			u->display_blank = e->values[i] == NULL;
		}
	}
	u->last = e->id;
}

/* Whether an admin event is about a user (not an import). */
static bool
chain_user_kind(const char *kind)
{
	switch (record_kind_of(kind)) {
	case EV_USER_ADDED:
	case EV_USER_PASSWORD:
	case EV_USER_ROLE:
	case EV_USER_DISABLED:
		return true;
	default:
		return false;
	}
}

struct chain_users {
	struct chain_verify	*v;
	struct chain_user	*users;
	size_t			 n;
};

/* The scope of a user as the admin history writes it: "4,9,". */
void
store_user_scope_text(const int64_t *ids, size_t n, struct buf *out)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		buf_printf(out, "%" PRId64 ",", ids[i]);
	buf_puts(out, "");
}

/* A scope as people read it: "4,9," is "units 4, 9", "" is "none". */
static void
chain_scope_text(const char *ids, struct buf *out)
{
	size_t	 n = strlen(ids);

	if (n == 0) {
		buf_puts(out, "none");
		return;
	}
	buf_puts(out, strchr(ids, ',') == ids + n - 1 ? "unit " : "units ");
	for (; *ids != '\0'; ids++) {
		if (*ids == ',' && ids[1] != '\0')
			buf_puts(out, ", ");
		else if (*ids != ',')
			buf_putc(out, *ids);
	}
}

static void
chain_scope_diff(struct chain_verify *v, const char *login, int64_t event,
    const char *what, const char *is, const char *says)
{
	struct buf	 a, b;

	buf_init(&a);
	buf_init(&b);
	chain_scope_text(is, &a);
	chain_scope_text(says, &b);
	chain_diff(v, STORE_DIFF_USER, 0, login, event, what, buf_str(&a),
	    buf_str(&b), NULL);
	buf_done(&a);
	buf_done(&b);
}

static int
chain_user_check(void *arg, const struct store_user *row)
{
	struct chain_users	*cu = arg;
	struct chain_verify	*v = cu->v;
	struct chain_user	*u = NULL;
	struct buf		 b;
	char			 sum[2 * STORE_HASH_BYTES + 1];
	char			 n1[24], n2[24];
	size_t			 i;

	for (i = 0; i < cu->n; i++) {
		if (strcmp(cu->users[i].login, row->login) == 0)
			u = &cu->users[i];
	}
	if (u == NULL) {
		chain_diff(v, STORE_DIFF_USER, 0, row->login, 0, NULL, NULL,
		    NULL, "not in the history (added outside yujing)");
		return 0;
	}
	u->seen = true;
	if (strcmp(row->role, u->role) != 0)
		chain_diff(v, STORE_DIFF_USER, 0, row->login, u->last, "role",
		    row->role, u->role, NULL);
	store_pwhash_sum(row->pwhash, sum);
	if (strcmp(sum, u->pwhash) != 0)
		chain_diff(v, STORE_DIFF_USER, 0, row->login, u->last,
		    "password", NULL, NULL, "its hash is not the one the "
		    "history set (copied or changed outside yujing)");
	if (strcmp(row->display, u->display) != 0)
		chain_diff(v, STORE_DIFF_USER, 0, row->login, u->last,
		    "display", row->display, u->display_blank ? "(blanked)" :
		    u->display, NULL);
	{
		const struct {
			const char	*what;
			int64_t		 is, says;
		} nums[] = {
			{ "id", row->id, u->id },
			{ "person", row->person_id, u->person_id },
			{ "disabled", row->disabled, u->disabled },
			{ "must_change", row->must_change, u->must_change },
			{ "created_at", row->created_at, u->created_at },
		};

		for (i = 0; i < sizeof nums / sizeof nums[0]; i++) {
			if (nums[i].is == nums[i].says)
				continue;
			snprintf(n1, sizeof n1, "%" PRId64, nums[i].is);
			snprintf(n2, sizeof n2, "%" PRId64, nums[i].says);
			chain_diff(v, STORE_DIFF_USER, 0, row->login, u->last,
			    nums[i].what, n1, n2, NULL);
		}
	}
	buf_init(&b);
	store_user_scope_text(row->scope_classes, row->nscope_classes, &b);
	if (strcmp(buf_str(&b), buf_str(&u->classes)) != 0)
		chain_scope_diff(v, row->login, u->last, "class scope",
		    buf_str(&b), buf_str(&u->classes));
	buf_clear(&b);
	store_user_scope_text(row->scope_departments,
	    row->nscope_departments, &b);
	if (strcmp(buf_str(&b), buf_str(&u->departments)) != 0)
		chain_scope_diff(v, row->login, u->last, "department scope",
		    buf_str(&b), buf_str(&u->departments));
	buf_done(&b);
	return 0;
}

/* The parts of the organisation an import records, as store_org_digest. */
#define CHAIN_NORG	4
static const char *const chain_org[CHAIN_NORG] = {
	[STORE_ORG_STUDENTS] = "students",
	[STORE_ORG_UNITS] = "units",
	[STORE_ORG_CONTACTS] = "contacts",
	[STORE_ORG_SCHEDULE] = "schedule",
};
static const char *const chain_org_why[CHAIN_NORG] = {
	[STORE_ORG_STUDENTS] = "the students differ from what the last "
	    "import left (changed outside yujing)",
	[STORE_ORG_UNITS] = "the departments, classes, buildings or rooms "
	    "differ from what the last import left (changed outside yujing)",
	[STORE_ORG_CONTACTS] = "the people responsible or their phones "
	    "differ from what the last import left (changed outside yujing)",
	[STORE_ORG_SCHEDULE] = "the duty schedule differs from what its "
	    "last change left (changed outside yujing)",
};

/*
 * Each part whose value is gone against the retention events: one that
 * none of them names (a part_blanked of the admin history, or a retained
 * of its incident after it) was blanked around yujing.
 */
static enum yj_status
chain_verify_blanked(struct chain_verify *v, char *const *blanked, size_t n)
{
	static const char sql[] =
	    "SELECT coalesce(e.incident_id, 0), p.event_id, p.part"
	    " FROM event_part p JOIN event e ON e.id = p.event_id"
	    " WHERE p.value IS NULL AND NOT EXISTS (SELECT 1 FROM event r"
	    "  WHERE r.incident_id = e.incident_id AND r.id > e.id"
	    "  AND r.kind = 'retained')"
	    " ORDER BY p.event_id, p.part";
	sqlite3_stmt	*st;
	struct buf	 want;
	const char	*part;
	int64_t		 event;
	size_t		 i;
	int		 rc;
	bool		 found;

	if ((st = store_sql(v->s, sql, v->err)) == NULL)
		return v->err->status;
	buf_init(&want);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		event = sqlite3_column_int64(st, 1);
		part = (const char *)sqlite3_column_text(st, 2);
		/* As the retention event's delta writes it. */
		buf_clear(&want);
		{
			struct json	 j;

			json_init(&j, &want, false);
			json_object_begin(&j);
			json_kv_int(&j, "event", event);
			json_kv_string(&j, "part", part != NULL ? part : "");
			json_object_end(&j);
		}
		for (found = false, i = 0; !found && i < n; i++)
			found = strcmp(blanked[i], buf_str(&want)) == 0;
		if (!found)
			chain_diff(v, sqlite3_column_int64(st, 0) != 0 ?
			    STORE_DIFF_INCIDENT : STORE_DIFF_CHAIN,
			    sqlite3_column_int64(st, 0), NULL, event, part,
			    NULL, NULL, "blanked outside yujing (no retention "
			    "of it in the history)");
	}
	sqlite3_reset(st);
	buf_done(&want);
	if (rc != SQLITE_DONE)
		return store_fail(v->s, v->err, "checking the record");
	return YJ_OK;
}

/*
 * The admin history replayed and every user, the organisation checked
 * against it; inside one read transaction, so that a user added
 * meanwhile is either in both or in neither.
 */
static enum yj_status
chain_verify_admin(struct chain_verify *v)
{
	struct store		*s = v->s;
	struct chain_user	*users = NULL, *u;
	struct chain_read	 e;
	struct buf		 state;
	sqlite3_stmt		*st;
	char			 org[2 * STORE_HASH_BYTES + 1];
	char			*sealed[CHAIN_NORG] = { NULL };
	char			**blanked = NULL;
	int64_t			 sealed_by[CHAIN_NORG] = { 0 };
	enum yj_status		 r = YJ_OK;
	size_t			 nusers = 0, nblanked = 0, i, k;

	int64_t			*ids = NULL;
	size_t			 n = 0;

	buf_init(&state);
	if ((st = store_sql(s, "SELECT id FROM event WHERE incident_id IS NULL"
	    " ORDER BY id", v->err)) == NULL)
		return v->err->status;
	while (sqlite3_step(st) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	for (i = 0; i < n && r == YJ_OK; i++) {
		if ((st = store_sql(s, CHAIN_EVENT_SELECT " WHERE e.id = ?1",
		    v->err)) == NULL) {
			r = v->err->status;
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_reset(st);
			continue;	/* gone since: said by the chain */
		}
		chain_read_row(st, &e);
		sqlite3_reset(st);
		if ((r = chain_read_parts(v, &e)) != YJ_OK) {
			chain_read_free(&e);
			break;
		}
		buf_clear(&state);
		if (chain_user_kind(e.kind)) {
			u = chain_user_find(&users, &nusers, e.subject, true);
			chain_user_apply(v, u, &e);
			store_user_state(u->id, u->login, u->role, u->pwhash,
			    u->person_id, u->disabled, u->created_at,
			    buf_str(&u->classes), buf_str(&u->departments),
			    u->must_change != 0, &state);
		} else if (record_kind_is(e.kind, EV_PART_BLANKED)) {
			blanked = xreallocarray(blanked, nblanked + 1,
			    sizeof *blanked);
			blanked[nblanked++] = xstrdup(e.delta);
		} else {
			/* An import: the organisation as it left it. */
			for (k = 0; k < CHAIN_NORG; k++) {
				struct buf	 b;

				buf_init(&b);
				if (json_get_string(e.delta, chain_org[k],
				    &b)) {
					free(sealed[k]);
					sealed[k] = buf_steal(&b);
					sealed_by[k] = e.id;
				}
				buf_done(&b);
			}
		}
		if (!chain_read_ok(&e, buf_str(&state)))
			chain_diff(v, chain_user_kind(e.kind) ?
			    STORE_DIFF_USER : STORE_DIFF_CHAIN, 0, e.subject,
			    e.id, NULL, NULL, NULL, "the event does not match "
			    "its hash (changed, moved or removed outside "
			    "yujing)");
		chain_read_free(&e);
	}

	/* Every part blanked was blanked by retention, which says so. */
	if (r == YJ_OK)
		r = chain_verify_blanked(v, blanked, nblanked);
	/* Every user is what the history says, and only those. */
	if (r == YJ_OK) {
		struct chain_users	 cu = { v, users, nusers };

		r = store_users(s, chain_user_check, &cu, v->err);
	}
	for (i = 0; r == YJ_OK && i < nusers; i++) {
		if (!users[i].seen)
			chain_diff(v, STORE_DIFF_USER, 0, users[i].login,
			    users[i].last, NULL, NULL, NULL, "in the history, "
			    "but gone (removed outside yujing)");
	}
	/* The organisation is what the last import left, part by part. */
	for (k = 0; r == YJ_OK && k < CHAIN_NORG; k++) {
		if ((r = store_org_digest(s, k, org, v->err)) != YJ_OK)
			break;
		if (sealed[k] != NULL && strcmp(sealed[k], org) != 0)
			chain_diff(v, STORE_DIFF_ROSTER, 0, NULL,
			    sealed_by[k], NULL, NULL, NULL, chain_org_why[k]);
	}
	if (r == YJ_OK && sealed[STORE_ORG_STUDENTS] == NULL) {
		int64_t	 any = 0;

		r = store_int(s, "SELECT (SELECT count(*) FROM student) +"
		    " (SELECT count(*) FROM responsibility)", &any, v->err);
		if (r == YJ_OK && any != 0)
			chain_diff(v, STORE_DIFF_ROSTER, 0, NULL, 0, NULL,
			    NULL, NULL, "there are students or contacts but "
			    "no import of them in the history (added outside "
			    "yujing)");
	}
	if (r == YJ_OK && sealed[STORE_ORG_SCHEDULE] == NULL) {
		int64_t	 any = 0;

		r = store_int(s, "SELECT count(*) FROM duty", &any, v->err);
		if (r == YJ_OK && any != 0)
			chain_diff(v, STORE_DIFF_ROSTER, 0, NULL, 0, NULL,
			    NULL, NULL, "there is a duty schedule but no "
			    "event of it in the history (added outside "
			    "yujing)");
	}

	for (i = 0; i < nusers; i++) {
		free(users[i].login);
		free(users[i].display);
		free(users[i].role);
		free(users[i].pwhash);
		buf_done(&users[i].classes);
		buf_done(&users[i].departments);
	}
	free(users);
	for (k = 0; k < CHAIN_NORG; k++)
		free(sealed[k]);
	for (i = 0; i < nblanked; i++)
		free(blanked[i]);
	free(blanked);
	free(ids);
	buf_done(&state);
	return r;
}

/* --- the schema --------------------------------------------------------- */

struct chain_schema_row {
	char	*type;
	char	*name;
	char	*sql;
};

static enum yj_status
chain_schema_read(sqlite3 *db, struct chain_schema_row **out, size_t *n)
{
	sqlite3_stmt	*st;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db, "SELECT type, name, coalesce(sql, '')"
	    " FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%'"
	    " ORDER BY type, name", -1, &st, NULL) != SQLITE_OK)
		return YJ_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n].type = store_text(st, 0);
		(*out)[*n].name = store_text(st, 1);
		(*out)[*n].sql = store_text(st, 2);
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? YJ_OK : YJ_DB;
}

static void
chain_schema_free(struct chain_schema_row *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].type);
		free(v[i].name);
		free(v[i].sql);
	}
	free(v);
}

/* The file's schema against the one the migrations make. */
static enum yj_status
chain_verify_schema(struct chain_verify *v)
{
	struct chain_schema_row	*want = NULL, *have = NULL;
	struct buf		 why;
	sqlite3			*mem;
	size_t			 nwant = 0, nhave = 0, i, k, ver;
	enum yj_status		 r = YJ_OK;

	if (sqlite3_open(":memory:", &mem) != SQLITE_OK) {
		sqlite3_close(mem);
		return yj_fail(v->err, YJ_DB, "cannot open a scratch "
		    "database to check the schema against");
	}
	for (ver = STORE_SCHEMA_FIRST; ver <= STORE_SCHEMA_VERSION; ver++) {
		if (sqlite3_exec(mem, store_schema_sql(ver), NULL, NULL,
		    NULL) != SQLITE_OK) {
			r = yj_fail(v->err, YJ_DB, "the schema of version %zu: "
			    "%s", ver, sqlite3_errmsg(mem));
			break;
		}
	}
	if (r == YJ_OK && (chain_schema_read(mem, &want, &nwant) != YJ_OK ||
	    chain_schema_read(v->s->db, &have, &nhave) != YJ_OK))
		r = store_fail(v->s, v->err, "reading the schema");
	sqlite3_close(mem);
	buf_init(&why);
	for (i = 0; r == YJ_OK && i < nwant; i++) {
		for (k = 0; k < nhave; k++) {
			if (strcmp(want[i].type, have[k].type) == 0 &&
			    strcmp(want[i].name, have[k].name) == 0)
				break;
		}
		buf_clear(&why);
		if (k == nhave)
			buf_printf(&why, "%s %s is missing (dropped outside "
			    "yujing)", want[i].type, want[i].name);
		else if (strcmp(want[i].sql, have[k].sql) != 0)
			buf_printf(&why, "%s %s is not yujing's (changed "
			    "outside yujing)", want[i].type, want[i].name);
		if (why.len > 0)
			chain_diff(v, STORE_DIFF_SCHEMA, 0, NULL, 0, NULL, NULL,
			    NULL, buf_str(&why));
	}
	for (k = 0; r == YJ_OK && k < nhave; k++) {
		for (i = 0; i < nwant; i++) {
			if (strcmp(want[i].type, have[k].type) == 0 &&
			    strcmp(want[i].name, have[k].name) == 0)
				break;
		}
		if (i < nwant)
			continue;
		buf_clear(&why);
		buf_printf(&why, "%s %s was added outside yujing",
		    have[k].type, have[k].name);
		chain_diff(v, STORE_DIFF_SCHEMA, 0, NULL, 0, NULL, NULL, NULL,
		    buf_str(&why));
	}
	buf_done(&why);
	chain_schema_free(want, nwant);
	chain_schema_free(have, nhave);
	return r;
}

/*
 * What the replay reads past: a NUL byte hidden inside a text (C reads up
 * to it, SQL searches past it), students out of their places.
 */
static enum yj_status
chain_verify_scan(struct chain_verify *v)
{
	static const struct {
		const char	*sql;	/* ids: incident, event (or 0) */
		const char	*what;
	} scans[] = {
		{ "SELECT id, 0 FROM incident WHERE"
		  " instr(CAST(category AS BLOB), x'00') OR"
		  " instr(CAST(category_name AS BLOB), x'00') OR"
		  " instr(CAST(severity AS BLOB), x'00') OR"
		  " instr(CAST(severity_name AS BLOB), x'00') OR"
		  " instr(CAST(level AS BLOB), x'00') OR"
		  " instr(CAST(reporter AS BLOB), x'00') OR"
		  " instr(CAST(reporter_role AS BLOB), x'00') OR"
		  " instr(CAST(location AS BLOB), x'00') OR"
		  " instr(CAST(text AS BLOB), x'00') OR"
		  " instr(CAST(actions AS BLOB), x'00') OR"
		  " instr(CAST(resolution AS BLOB), x'00') OR"
		  " instr(CAST(others AS BLOB), x'00')",
		  "its row hides text behind a NUL byte (changed outside "
		  "yujing)" },
		{ "SELECT incident_id, 0 FROM incident_field WHERE"
		  " instr(CAST(field AS BLOB), x'00') OR"
		  " instr(CAST(value AS BLOB), x'00')"
		  " UNION SELECT incident_id, 0 FROM incident_student WHERE"
		  " instr(CAST(number AS BLOB), x'00') OR"
		  " instr(CAST(name AS BLOB), x'00')",
		  "a field or a student hides text behind a NUL byte (changed "
		  "outside yujing)" },
		{ "SELECT coalesce(incident_id, 0), id FROM event WHERE"
		  " instr(CAST(subject AS BLOB), x'00') OR"
		  " instr(CAST(actor AS BLOB), x'00') OR"
		  " instr(CAST(kind AS BLOB), x'00') OR"
		  " instr(CAST(level AS BLOB), x'00') OR"
		  " instr(CAST(payload AS BLOB), x'00') OR"
		  " instr(CAST(delta AS BLOB), x'00')"
		  " UNION SELECT coalesce(e.incident_id, 0), e.id FROM event e"
		  " JOIN event_part p ON p.event_id = e.id WHERE"
		  " instr(CAST(p.part AS BLOB), x'00') OR"
		  " instr(CAST(p.value AS BLOB), x'00')",
		  "the event hides text behind a NUL byte (changed outside "
		  "yujing)" },
		{ "SELECT incident_id, 0 FROM incident_student"
		  " GROUP BY incident_id"
		  " HAVING min(pos) <> 0 OR max(pos) <> count(*) - 1",
		  "its students are out of their places (changed outside "
		  "yujing)" },
		{ "SELECT 0, 0 FROM user WHERE"
		  " instr(CAST(login AS BLOB), x'00') OR"
		  " instr(CAST(display AS BLOB), x'00') OR"
		  " instr(CAST(role AS BLOB), x'00') OR"
		  " instr(CAST(pwhash AS BLOB), x'00')",
		  "a user hides text behind a NUL byte (changed outside "
		  "yujing)" },
	};
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof scans / sizeof scans[0]; i++) {
		if ((st = store_sql(v->s, scans[i].sql, v->err)) == NULL)
			return v->err->status;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			chain_diff(v, sqlite3_column_int64(st, 0) != 0 ?
			    STORE_DIFF_INCIDENT : i == 4 ? STORE_DIFF_USER :
			    STORE_DIFF_CHAIN, sqlite3_column_int64(st, 0),
			    NULL, sqlite3_column_int64(st, 1), NULL, NULL,
			    NULL, scans[i].what);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_fail(v->s, v->err, "checking the record");
	}
	return YJ_OK;
}

/*
 * Numbers handed out and never seen again: the end was cut off. One
 * statement a table, one moment: a writer meanwhile moves both.
 */
static enum yj_status
chain_verify_numbering(struct chain_verify *v)
{
	static const struct {
		const char	*sql;	/* the highest number given, the last */
		const char	*what;
		const char	*last;
	} tables[] = {
		{ "SELECT (SELECT coalesce(max(seq), 0) FROM sqlite_sequence"
		  " WHERE name = 'event'), (SELECT coalesce(max(id), 0)"
		  " FROM event)", "events", "the history ends at" },
		{ "SELECT (SELECT coalesce(max(seq), 0) FROM sqlite_sequence"
		  " WHERE name = 'incident'), (SELECT coalesce(max(id), 0)"
		  " FROM incident)", "incidents", "the last is" },
	};
	sqlite3_stmt	*st;
	struct buf	 why;
	int64_t		 seq, last;
	size_t		 i;

	for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		if ((st = store_sql(v->s, tables[i].sql, v->err)) == NULL)
			return v->err->status;
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_reset(st);
			return store_fail(v->s, v->err, "reading the numbering");
		}
		seq = sqlite3_column_int64(st, 0);
		last = sqlite3_column_int64(st, 1);
		sqlite3_reset(st);
		if (seq <= last)
			continue;
		buf_init(&why);
		buf_printf(&why, "%s were numbered to %lld but %s %lld: the "
		    "last ones were removed", tables[i].what, (long long)seq,
		    tables[i].last, (long long)last);
		chain_diff(v, STORE_DIFF_CHAIN, 0, NULL, 0, NULL, NULL, NULL,
		    buf_str(&why));
		buf_done(&why);
	}
	return YJ_OK;
}

/* --- all of it ---------------------------------------------------------- */

/* Ids read per query; the read lock is let go between. */
#define CHAIN_PAGE	4096

enum yj_status
store_verify(struct store *s, int64_t anchor_events,
    const char *anchor_hex, struct store_verify *out, struct yj_error *err)
{
	struct chain_verify	 v = { s, out, err };
	struct chain_summary	 cs;
	sqlite3_stmt		*st;
	struct buf		 why;
	char			 hex[2 * STORE_HASH_BYTES + 1];
	int64_t			*ids = NULL, after, id;
	size_t			 nids, i;
	enum yj_status		 r;
	bool			 anchor_seen = false;
	int			 rc;

	memset(out, 0, sizeof *out);
	buf_init(&why);
	/* The file itself first: every page readable and consistent. */
	if ((r = store_quick_check(s, err)) != YJ_OK)
		return r;
	if ((r = chain_verify_schema(&v)) != YJ_OK)
		goto out;

	/*
	 * The chain whole: numbered 1, 2, 3 ... with nothing missing; its
	 * head. A page at a time, so that writers get in between.
	 */
	after = 0;
	for (;;) {
		if ((st = store_sql(s, "SELECT id, hash"
		    " FROM event WHERE id > ?1 ORDER BY id LIMIT ?2",
		    err)) == NULL) {
			r = err->status;
			goto out;
		}
		sqlite3_bind_int64(st, 1, after);
		sqlite3_bind_int64(st, 2, CHAIN_PAGE);
		nids = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			if (id != after + 1) {
				buf_clear(&why);
				if (id == after + 2)
					buf_printf(&why, "event %lld is "
					    "missing (removed outside yujing)",
					    (long long)after + 1);
				else
					buf_printf(&why, "events %lld to %lld "
					    "are missing (removed outside "
					    "yujing)", (long long)after + 1,
					    (long long)id - 1);
				chain_diff(&v, STORE_DIFF_CHAIN, 0, NULL, id,
				    NULL, NULL, NULL, buf_str(&why));
			}
			after = id;
			nids++;
			out->events++;
			memset(out->head, 0, sizeof out->head);
			if (sqlite3_column_bytes(st, 1) == STORE_HASH_BYTES)
				memcpy(out->head, sqlite3_column_blob(st, 1),
				    STORE_HASH_BYTES);
			if (anchor_hex != NULL && id == anchor_events) {
				anchor_seen = true;
				digest_hex(out->head, hex);
				if (strncmp(hex, anchor_hex,
				    strlen(anchor_hex)) != 0) {
					buf_clear(&why);
					buf_printf(&why, "event %lld is %.16s "
					    "now, the anchor says %s: the "
					    "history to there was rewritten",
					    (long long)id, hex, anchor_hex);
					chain_diff(&v, STORE_DIFF_ANCHOR, 0,
					    NULL, id, NULL, NULL, NULL,
					    buf_str(&why));
				}
			}
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			r = store_fail(s, err, "reading the history");
			goto out;
		}
		if (nids < CHAIN_PAGE)
			break;
	}
	if (anchor_hex != NULL && !anchor_seen) {
		buf_clear(&why);
		buf_printf(&why, "the history has %lld events, the anchor "
		    "was taken at %lld: events were removed", (long long)
		    out->events, (long long)anchor_events);
		chain_diff(&v, STORE_DIFF_ANCHOR, 0, NULL, 0, NULL, NULL, NULL,
		    buf_str(&why));
	}
	if ((r = chain_verify_numbering(&v)) != YJ_OK)
		goto out;
	/* Events whose incident is gone. */
	if ((st = store_sql(s, "SELECT e.id, e.incident_id FROM event e"
	    " WHERE e.incident_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
	    " incident i WHERE i.id = e.incident_id)", err)) == NULL) {
		r = err->status;
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		chain_diff(&v, STORE_DIFF_INCIDENT, sqlite3_column_int64(st, 1),
		    NULL, sqlite3_column_int64(st, 0), NULL, NULL, NULL,
		    "the incident is gone (removed outside yujing)");
	sqlite3_reset(st);

	/* Each incident: a page of ids, then each in a moment's read. */
	after = 0;
	for (;;) {
		if ((st = store_sql(s, "SELECT id FROM incident WHERE id > ?1"
		    " ORDER BY id LIMIT ?2", err)) == NULL) {
			r = err->status;
			goto out;
		}
		sqlite3_bind_int64(st, 1, after);
		sqlite3_bind_int64(st, 2, CHAIN_PAGE);
		nids = 0;
		free(ids);
		ids = xcalloc(CHAIN_PAGE, sizeof *ids);
		while (nids < CHAIN_PAGE &&
		    (rc = sqlite3_step(st)) == SQLITE_ROW)
			ids[nids++] = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		for (i = 0; i < nids; i++) {
			if ((r = store_read_begin(s, err)) != YJ_OK)
				goto out;
			r = chain_verify_incident(&v, ids[i]);
			store_read_end(s);
			if (r != YJ_OK)
				goto out;
		}
		if (nids == 0)
			break;
		after = ids[nids - 1];
		if (nids < CHAIN_PAGE)
			break;
	}
	if ((r = chain_verify_scan(&v)) != YJ_OK)
		goto out;
	if ((r = store_read_begin(s, err)) != YJ_OK)
		goto out;
	r = chain_verify_admin(&v);
	store_read_end(s);
	if (r != YJ_OK)
		goto out;
	/* The numbers kept by day against a recount of the incidents. */
	cs.v = &v;
	cs.n = 0;
	r = store_summary_compare(s, chain_summary_diff, &cs, err);
	if (r == YJ_OK)
		r = store_followup_compare(s, chain_summary_diff, &cs, err);
	if (r == YJ_OK && cs.n > CHAIN_SUMMARY_TOLD) {
		out->unlisted = cs.n - CHAIN_SUMMARY_TOLD;
		buf_clear(&why);
		buf_printf(&why, "and %zu more row%s of the summaries or "
		    "follow-ups differ%s from a recount", out->unlisted,
		    out->unlisted == 1 ? "" : "s", out->unlisted == 1 ? "s" :
		    "");
		chain_diff(&v, STORE_DIFF_SUMMARY, 0, NULL, 0, NULL, NULL,
		    NULL, buf_str(&why));
	}
out:
	free(ids);
	buf_done(&why);
	return r;
}
