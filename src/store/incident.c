#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "yujing/buf.h"
#include "yujing/digest.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

#include "internal.h"

void
store_incident_free(struct store_incident *in)
{
	size_t	 i;

	free(in->category);
	free(in->category_name);
	free(in->severity);
	free(in->severity_name);
	free(in->state);
	free(in->level);
	free(in->reporter);
	free(in->reporter_role);
	free(in->logged_by_login);
	free(in->room);
	free(in->location);
	free(in->text);
	free(in->actions);
	free(in->resolution);
	for (i = 0; i < in->nstudents; i++) {
		free(in->students[i].number);
		free(in->students[i].name);
	}
	free(in->students);
	for (i = 0; i < in->nfields; i++) {
		free(in->fields[i].key);
		free(in->fields[i].value);
	}
	free(in->fields);
	memset(in, 0, sizeof *in);
}

void
store_event_free(struct store_event *ev)
{
	free(ev->actor);
	free(ev->kind);
	free(ev->level);
	free(ev->note);
	free(ev->payload);
	memset(ev, 0, sizeof *ev);
}

/*
 * What of an incident never changes once logged, as one string: the first
 * event's hash covers it, so the report itself cannot be altered unseen.
 */
static void
store_incident_content(const struct store_incident *in, struct buf *b)
{
	size_t	 i;

	buf_printf(b, "%s%c%" PRId64 "%c%" PRId64 "%c%s%c%s%c%" PRId64 "%c"
	    "%" PRId64 "%c%s%c%s%c%s%c", in->category, 0, in->occurred_at, 0,
	    in->reported_at, 0, in->reporter, 0,
	    in->reporter_role != NULL ? in->reporter_role : "", 0,
	    in->logged_by, 0, in->room_id, 0,
	    in->location != NULL ? in->location : "", 0, in->text, 0,
	    in->actions != NULL ? in->actions : "", 0);
	for (i = 0; i < in->nstudents; i++)
		buf_printf(b, "%" PRId64 "%c", in->students[i].id, 0);
}

/*
 * The hash of an event: SHA-256 over the previous event's hash and every
 * column of this one, each ending in a NUL so no two rows read the same;
 * for an incident's first event, its content too.
 */
static void
store_incident_hash(const uint8_t prev[STORE_HASH_BYTES],
    const struct store_event *ev, const struct store_incident *first,
    uint8_t out[STORE_HASH_BYTES])
{
	struct buf	 b;

	buf_init(&b);
	buf_add(&b, prev, STORE_HASH_BYTES);
	buf_printf(&b, "%" PRId64 "%c%" PRId64 "%c%" PRId64 "%c%" PRId64 "%c",
	    ev->id, 0, ev->incident_id, 0, ev->at, 0, ev->user_id, 0);
	buf_add(&b, ev->actor, strlen(ev->actor) + 1);
	buf_add(&b, ev->kind, strlen(ev->kind) + 1);
	buf_add(&b, ev->level != NULL ? ev->level : "",
	    strlen(ev->level != NULL ? ev->level : "") + 1);
	buf_add(&b, ev->note != NULL ? ev->note : "",
	    strlen(ev->note != NULL ? ev->note : "") + 1);
	buf_add(&b, ev->payload != NULL ? ev->payload : "{}",
	    strlen(ev->payload != NULL ? ev->payload : "{}") + 1);
	if (first != NULL)
		store_incident_content(first, &b);
	digest_sha256(b.data, b.len, out);
	buf_done(&b);
}

/* Appends ev (its incident_id set) to the history; inside a transaction. */
static enum yj_status
store_event_append(struct store *s, struct store_event *ev,
    const struct store_incident *first, struct yj_error *err)
{
	static const char last[] =
	    "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1";
	static const char add[] =
	    "INSERT INTO event (id, incident_id, at, actor, user_id, kind,"
	    " level, note, payload, hash)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	uint8_t		 prev[STORE_HASH_BYTES];
	sqlite3_stmt	*st;
	int		 rc;

	memset(prev, 0, sizeof prev);
	if ((st = store_sql(s, last, err)) == NULL)
		return err->status;
	rc = sqlite3_step(st);
	ev->id = 1;
	if (rc == SQLITE_ROW) {
		ev->id = sqlite3_column_int64(st, 0) + 1;
		if (sqlite3_column_bytes(st, 1) == STORE_HASH_BYTES)
			memcpy(prev, sqlite3_column_blob(st, 1), sizeof prev);
	} else if (rc != SQLITE_DONE)
		return store_fail(s, err, "reading the history");
	sqlite3_reset(st);
	store_incident_hash(prev, ev, first, ev->hash);

	if ((st = store_sql(s, add, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, ev->id);
	sqlite3_bind_int64(st, 2, ev->incident_id);
	sqlite3_bind_int64(st, 3, ev->at);
	store_bind_text(st, 4, ev->actor);
	store_bind_id(st, 5, ev->user_id);
	store_bind_text(st, 6, ev->kind);
	store_bind_text(st, 7, ev->level != NULL ? ev->level : "");
	store_bind_text(st, 8, ev->note != NULL ? ev->note : "");
	store_bind_text(st, 9, ev->payload != NULL ? ev->payload : "{}");
	sqlite3_bind_blob(st, 10, ev->hash, STORE_HASH_BYTES, SQLITE_STATIC);
	return store_run(s, st, err, "writing the history");
}

static enum yj_status
store_incident_put_fields(struct store *s, const struct store_incident *in,
    struct yj_error *err)
{
	static const char sql[] =
	    "INSERT INTO incident_field (incident_id, field, value)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (incident_id, field)"
	    " DO UPDATE SET value = ?3";
	sqlite3_stmt	*st;
	enum yj_status	 r;
	size_t		 i;

	for (i = 0; i < in->nfields; i++) {
		if ((st = store_sql(s, sql, err)) == NULL)
			return err->status;
		sqlite3_bind_int64(st, 1, in->id);
		store_bind_text(st, 2, in->fields[i].key);
		store_bind_text(st, 3, in->fields[i].value);
		if ((r = store_run(s, st, err, "saving a field")) != YJ_OK)
			return r;
	}
	return YJ_OK;
}

enum yj_status
store_incident_add(struct store *s, struct store_incident *in,
    struct store_event *first, struct yj_error *err)
{
	static const char add[] =
	    "INSERT INTO incident (category, category_name, severity,"
	    " severity_name, restricted, state, level, rung, occurred_at,"
	    " reported_at, reporter, reporter_role, logged_by, room_id,"
	    " location, department_id, class_id, text, actions, resolution,"
	    " rung_since, ack_due, resolve_due, emergency, updated_at,"
	    " overdue_since, report_delay)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,"
	    " ?26, ?27)";
	static const char student[] =
	    "INSERT INTO incident_student (incident_id, student_id, pos)"
	    " VALUES (?1, ?2, ?3)";
	sqlite3_stmt	*st;
	enum yj_status	 r;
	size_t		 i;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	if ((st = store_sql(s, add, err)) == NULL) {
		r = err->status;
		goto fail;
	}
	store_bind_text(st, 1, in->category);
	store_bind_text(st, 2, in->category_name);
	store_bind_text(st, 3, in->severity);
	store_bind_text(st, 4, in->severity_name);
	sqlite3_bind_int(st, 5, in->restricted);
	store_bind_text(st, 6, in->state);
	store_bind_text(st, 7, in->level);
	sqlite3_bind_int(st, 8, in->rung);
	sqlite3_bind_int64(st, 9, in->occurred_at);
	sqlite3_bind_int64(st, 10, in->reported_at);
	store_bind_text(st, 11, in->reporter);
	store_bind_text(st, 12, in->reporter_role ? in->reporter_role : "");
	sqlite3_bind_int64(st, 13, in->logged_by);
	store_bind_id(st, 14, in->room_id);
	store_bind_text(st, 15, in->location ? in->location : "");
	store_bind_id(st, 16, in->department_id);
	store_bind_id(st, 17, in->class_id);
	store_bind_text(st, 18, in->text);
	store_bind_text(st, 19, in->actions ? in->actions : "");
	store_bind_text(st, 20, in->resolution ? in->resolution : "");
	sqlite3_bind_int64(st, 21, in->rung_since);
	store_bind_id(st, 22, in->ack_due);
	store_bind_id(st, 23, in->resolve_due);
	sqlite3_bind_int(st, 24, in->emergency);
	sqlite3_bind_int64(st, 25, in->updated_at);
	store_bind_id(st, 26, in->overdue_since);
	sqlite3_bind_int64(st, 27, in->report_delay);
	if ((r = store_run(s, st, err, "adding an incident")) != YJ_OK)
		goto fail;
	in->id = sqlite3_last_insert_rowid(s->db);

	for (i = 0; i < in->nstudents; i++) {
		if ((st = store_sql(s, student, err)) == NULL) {
			r = err->status;
			goto fail;
		}
		sqlite3_bind_int64(st, 1, in->id);
		sqlite3_bind_int64(st, 2, in->students[i].id);
		sqlite3_bind_int64(st, 3, (int64_t)i);
		if ((r = store_run(s, st, err, "adding a student")) != YJ_OK)
			goto fail;
	}
	if ((r = store_incident_put_fields(s, in, err)) != YJ_OK)
		goto fail;
	first->incident_id = in->id;
	if ((r = store_event_append(s, first, in, err)) != YJ_OK)
		goto fail;
	/* New: the index has no row of it to take out. */
	if ((r = store_search_index(s, in->id, NULL, err)) != YJ_OK)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return r;
}

enum yj_status
store_incident_update(struct store *s, const struct store_incident *in,
    struct store_event *ev, struct yj_error *err)
{
	static const char sql[] =
	    "UPDATE incident SET severity = ?2, severity_name = ?3,"
	    " state = ?4, level = ?5, rung = ?6, rung_since = ?7,"
	    " ack_due = ?8, resolve_due = ?9, resolution = ?10,"
	    " emergency = ?11, updated_at = ?12, overdue_since = ?13"
	    " WHERE id = ?1";
	struct store_search_doc	 old;
	sqlite3_stmt		*st;
	enum yj_status		 r;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	/* Its row in the index as it is, before anything here changes it. */
	store_search_doc_init(&old);
	if ((r = store_search_read(s, in != NULL ? in->id : ev->incident_id,
	    &old, err)) != YJ_OK)
		goto fail;
	if (in != NULL) {
		if ((st = store_sql(s, sql, err)) == NULL) {
			r = err->status;
			goto fail;
		}
		sqlite3_bind_int64(st, 1, in->id);
		store_bind_text(st, 2, in->severity);
		store_bind_text(st, 3, in->severity_name);
		store_bind_text(st, 4, in->state);
		store_bind_text(st, 5, in->level);
		sqlite3_bind_int(st, 6, in->rung);
		sqlite3_bind_int64(st, 7, in->rung_since);
		store_bind_id(st, 8, in->ack_due);
		store_bind_id(st, 9, in->resolve_due);
		store_bind_text(st, 10, in->resolution ? in->resolution : "");
		sqlite3_bind_int(st, 11, in->emergency);
		sqlite3_bind_int64(st, 12, ev->at);
		store_bind_id(st, 13, in->overdue_since);
		if ((r = store_run(s, st, err, "updating an incident")) !=
		    YJ_OK)
			goto fail;
		if (sqlite3_changes(s->db) != 1) {
			r = yj_fail(err, YJ_NOT_FOUND, "no incident %lld",
			    (long long)in->id);
			goto fail;
		}
		if ((r = store_incident_put_fields(s, in, err)) != YJ_OK)
			goto fail;
		ev->incident_id = in->id;
	} else {
		/* A note or a call changes nothing but the last activity. */
		if ((st = store_sql(s, "UPDATE incident SET updated_at = ?2"
		    " WHERE id = ?1", err)) == NULL) {
			r = err->status;
			goto fail;
		}
		sqlite3_bind_int64(st, 1, ev->incident_id);
		sqlite3_bind_int64(st, 2, ev->at);
		if ((r = store_run(s, st, err, "updating an incident")) !=
		    YJ_OK)
			goto fail;
		if (sqlite3_changes(s->db) != 1) {
			r = yj_fail(err, YJ_NOT_FOUND, "no incident %lld",
			    (long long)ev->incident_id);
			goto fail;
		}
	}
	if ((r = store_event_append(s, ev, NULL, err)) != YJ_OK)
		goto fail;
	/* The note, resolution or fields may be what it is searched by. */
	if ((r = store_search_index(s, ev->incident_id, &old, err)) != YJ_OK)
		goto fail;
	store_search_doc_done(&old);
	return store_commit(s, err);
fail:
	store_search_doc_done(&old);
	store_rollback(s);
	return r;
}

#define STORE_INCIDENT_SELECT						\
	"SELECT i.id, i.category, i.category_name, i.severity,"		\
	" i.severity_name, i.restricted, i.state, i.level, i.rung,"	\
	" i.occurred_at, i.reported_at, i.reporter, i.reporter_role,"	\
	" i.logged_by, u.login, coalesce(i.room_id, 0),"		\
	" coalesce(b.name || '-' || r.name, ''), i.location,"		\
	" coalesce(i.department_id, 0), coalesce(i.class_id, 0), i.text,"\
	" i.actions, i.resolution, i.rung_since, coalesce(i.ack_due, 0),"\
	" coalesce(i.resolve_due, 0), i.emergency, i.updated_at,"	\
	" coalesce(i.overdue_since, 0), i.report_delay"		\
	" FROM incident i JOIN user u ON u.id = i.logged_by"		\
	" LEFT JOIN room r ON r.id = i.room_id"				\
	" LEFT JOIN building b ON b.id = r.building_id"

static enum yj_status
store_incident_row(struct store *s, sqlite3_stmt *st,
    struct store_incident *in, struct yj_error *err)
{
	static const char students[] =
	    "SELECT s.id, s.number, s.name FROM incident_student x"
	    " JOIN student s ON s.id = x.student_id"
	    " WHERE x.incident_id = ?1 ORDER BY x.pos";
	static const char fields[] =
	    "SELECT field, value FROM incident_field WHERE incident_id = ?1"
	    " ORDER BY rowid";
	sqlite3_stmt	*q;
	int		 rc;

	memset(in, 0, sizeof *in);
	in->id = sqlite3_column_int64(st, 0);
	in->category = store_text(st, 1);
	in->category_name = store_text(st, 2);
	in->severity = store_text(st, 3);
	in->severity_name = store_text(st, 4);
	in->restricted = sqlite3_column_int(st, 5) != 0;
	in->state = store_text(st, 6);
	in->level = store_text(st, 7);
	in->rung = sqlite3_column_int(st, 8);
	in->occurred_at = sqlite3_column_int64(st, 9);
	in->reported_at = sqlite3_column_int64(st, 10);
	in->reporter = store_text(st, 11);
	in->reporter_role = store_text(st, 12);
	in->logged_by = sqlite3_column_int64(st, 13);
	in->logged_by_login = store_text(st, 14);
	in->room_id = sqlite3_column_int64(st, 15);
	in->room = store_text(st, 16);
	in->location = store_text(st, 17);
	in->department_id = sqlite3_column_int64(st, 18);
	in->class_id = sqlite3_column_int64(st, 19);
	in->text = store_text(st, 20);
	in->actions = store_text(st, 21);
	in->resolution = store_text(st, 22);
	in->rung_since = sqlite3_column_int64(st, 23);
	in->ack_due = sqlite3_column_int64(st, 24);
	in->resolve_due = sqlite3_column_int64(st, 25);
	in->emergency = sqlite3_column_int(st, 26) != 0;
	in->updated_at = sqlite3_column_int64(st, 27);
	in->overdue_since = sqlite3_column_int64(st, 28);
	in->report_delay = sqlite3_column_int64(st, 29);

	if ((q = store_sql(s, students, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(q, 1, in->id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		in->students = xreallocarray(in->students, in->nstudents + 1,
		    sizeof *in->students);
		in->students[in->nstudents].id = sqlite3_column_int64(q, 0);
		in->students[in->nstudents].number = store_text(q, 1);
		in->students[in->nstudents].name = store_text(q, 2);
		in->nstudents++;
	}
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "reading an incident");
	sqlite3_reset(q);

	if ((q = store_sql(s, fields, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(q, 1, in->id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		in->fields = xreallocarray(in->fields, in->nfields + 1,
		    sizeof *in->fields);
		in->fields[in->nfields].key = store_text(q, 0);
		in->fields[in->nfields].value = store_text(q, 1);
		in->nfields++;
	}
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "reading an incident");
	sqlite3_reset(q);
	return YJ_OK;
}

enum yj_status
store_incident_get(struct store *s, int64_t id, struct store_incident *out,
    struct yj_error *err)
{
	sqlite3_stmt	*st;
	enum yj_status	 r;
	int		 rc;

	memset(out, 0, sizeof *out);
	if ((st = store_sql(s, STORE_INCIDENT_SELECT " WHERE i.id = ?1",
	    err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, err, "reading an incident");
		return yj_fail(err, YJ_NOT_FOUND, "no incident %lld",
		    (long long)id);
	}
	r = store_incident_row(s, st, out, err);
	sqlite3_reset(st);
	if (r != YJ_OK)
		store_incident_free(out);
	return r;
}

enum yj_status
store_incidents(struct store *s, const struct store_filter *f,
    store_incident_cb cb, void *arg, struct yj_error *err)
{
#define STORE_INCIDENT_WHERE						\
	" WHERE (?2 IS NULL OR i.category = ?2)"			\
	" AND (?3 IS NULL OR i.severity = ?3)"				\
	" AND (?4 IS NULL OR i.level = ?4)"				\
	" AND (?6 IS NULL OR i.occurred_at >= ?6)"			\
	" AND (?7 IS NULL OR i.occurred_at < ?7)"			\
	" AND (?10 IS NULL OR i.overdue_since IS NOT NULL"		\
	"   OR i.ack_due <= ?10)"					\
	" AND (?11 IS NULL OR EXISTS (SELECT 1 FROM room r"		\
	"   WHERE r.building_id = ?11 AND (r.id = i.room_id OR r.id IN"	\
	"   (SELECT t.room_id FROM incident_student x JOIN student t"	\
	"   ON t.id = x.student_id WHERE x.incident_id = i.id))))"	\
	" AND (?12 IS NULL OR i.department_id = ?12)"			\
	" AND (?13 IS NULL OR i.logged_by = ?13)"			\
	" AND (?14 IS NULL OR instr(i.text, ?14) OR"			\
	"   instr(i.location, ?14) OR EXISTS (SELECT 1 FROM"		\
	"   incident_student x JOIN student t ON t.id = x.student_id"	\
	"   WHERE x.incident_id = i.id AND (instr(t.name, ?14) OR"	\
	"   instr(t.number, ?14))))"					\
	" AND (?16 IS NULL OR i.state = ?16)"				\
	" AND (?17 = 0 OR i.emergency)"
/*
 * What an index can serve is a plain term, one statement for each
 * combination: "?1 = 0 OR ..." makes SQLite read every row. Not resolved
 * uses the partial index incident_queue; a student, incident_student.
 */
#define STORE_INCIDENT_OPEN	" AND i.state <> 'resolved'"
#define STORE_INCIDENT_STUDENT						\
	" AND i.id IN (SELECT x.incident_id FROM incident_student x"	\
	"   WHERE x.student_id = ?5)"
#define STORE_INCIDENT_NEWEST						\
	" ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?8 OFFSET ?15"
/*
 * Most urgent first: emergencies, then those past their ack_due, then the
 * soonest ack_due, then none. Past-due ones have the smallest ack_due, so
 * the order is the same at any time, and incident_queue holds it.
 */
#define STORE_INCIDENT_URGENT						\
	" ORDER BY i.emergency DESC, i.ack_due IS NULL, i.ack_due,"	\
	" i.id DESC LIMIT ?8 OFFSET ?15"
#define STORE_INCIDENT_SQL(open, student, order)			\
	"SELECT i.id FROM incident i" STORE_INCIDENT_WHERE open student order
	static const char *const sqls[2][2][2] = {
		{ { STORE_INCIDENT_SQL("", "", STORE_INCIDENT_NEWEST),
		    STORE_INCIDENT_SQL("", "", STORE_INCIDENT_URGENT) },
		  { STORE_INCIDENT_SQL("", STORE_INCIDENT_STUDENT,
		    STORE_INCIDENT_NEWEST),
		    STORE_INCIDENT_SQL("", STORE_INCIDENT_STUDENT,
		    STORE_INCIDENT_URGENT) } },
		{ { STORE_INCIDENT_SQL(STORE_INCIDENT_OPEN, "",
		    STORE_INCIDENT_NEWEST),
		    STORE_INCIDENT_SQL(STORE_INCIDENT_OPEN, "",
		    STORE_INCIDENT_URGENT) },
		  { STORE_INCIDENT_SQL(STORE_INCIDENT_OPEN,
		    STORE_INCIDENT_STUDENT, STORE_INCIDENT_NEWEST),
		    STORE_INCIDENT_SQL(STORE_INCIDENT_OPEN,
		    STORE_INCIDENT_STUDENT, STORE_INCIDENT_URGENT) } },
	};
	/* A state other than resolved is not resolved: the index serves it. */
	bool			 open = f->open_only || (f->state != NULL &&
	    strcmp(f->state, "resolved") != 0);
	const char		*sql = sqls[open][f->student != 0]
	    [f->urgent_at != 0];
	struct store_incident	 in;
	sqlite3_stmt		*st;
	enum yj_status		 r = YJ_OK;
	int64_t			*ids = NULL;
	size_t			 n = 0, cap = 0, i;
	int			 rc, stop = 0;

	/*
	 * The ids first, the query finished, then each row on its own: the
	 * callback may write to a pipe that nobody reads, and a statement
	 * left open meanwhile would hold the read lock that keeps every
	 * writer out (DESIGN §3). Each row's read is a moment's.
	 */
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	store_bind_text(st, 2, f->category);
	store_bind_text(st, 3, f->severity);
	store_bind_text(st, 4, f->level);
	store_bind_id(st, 5, f->student);
	store_bind_id(st, 6, f->since);
	store_bind_id(st, 7, f->until);
	sqlite3_bind_int64(st, 8, f->limit > 0 ? f->limit : -1);
	store_bind_id(st, 10, f->overdue_at);
	store_bind_id(st, 11, f->building);
	store_bind_id(st, 12, f->department);
	store_bind_id(st, 13, f->logged_by);
	store_bind_text(st, 14, f->text != NULL && *f->text ? f->text : NULL);
	sqlite3_bind_int64(st, 15, f->offset > 0 ? f->offset : 0);
	store_bind_text(st, 16, f->state);
	sqlite3_bind_int(st, 17, f->emergency);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = xreallocarray(ids, cap, sizeof *ids);
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE)
		r = store_fail(s, err, "listing incidents");
	sqlite3_reset(st);
	for (i = 0; r == YJ_OK && !stop && i < n; i++) {
		r = store_incident_get(s, ids[i], &in, err);
		if (r == YJ_NOT_FOUND) {
			r = YJ_OK;	/* cannot be: incidents stay */
			continue;
		}
		if (r != YJ_OK)
			break;
		stop = cb(arg, &in);
		store_incident_free(&in);
	}
	free(ids);
	return r;
}

static void
store_event_row(sqlite3_stmt *st, struct store_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->id = sqlite3_column_int64(st, 0);
	ev->incident_id = sqlite3_column_int64(st, 1);
	ev->at = sqlite3_column_int64(st, 2);
	ev->actor = store_text(st, 3);
	ev->user_id = sqlite3_column_int64(st, 4);
	ev->kind = store_text(st, 5);
	ev->level = store_text(st, 6);
	ev->note = store_text(st, 7);
	ev->payload = store_text(st, 8);
	if (sqlite3_column_bytes(st, 9) == STORE_HASH_BYTES)
		memcpy(ev->hash, sqlite3_column_blob(st, 9), STORE_HASH_BYTES);
}

#define STORE_EVENT_SELECT						\
	"SELECT id, incident_id, at, actor, coalesce(user_id, 0), kind,"\
	" level, note, payload, hash FROM event"

enum yj_status
store_events(struct store *s, int64_t incident, store_event_cb cb, void *arg,
    struct yj_error *err)
{
	struct store_event	 ev;
	sqlite3_stmt		*st;
	int			 rc, stop = 0;

	if ((st = store_sql(s, STORE_EVENT_SELECT
	    " WHERE incident_id = ?1 ORDER BY id", err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, incident);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_event_row(st, &ev);
		stop = cb(arg, &ev);
		store_event_free(&ev);
	}
	if (!stop && rc != SQLITE_DONE)
		return store_fail(s, err, "reading the history");
	sqlite3_reset(st);
	return YJ_OK;
}

/* The state an incident's history leads to, event by event. */
static const char *
store_state_after(const char *state, const char *kind)
{
	if (strcmp(kind, "reported") == 0 || strcmp(kind, "reopened") == 0 ||
	    strcmp(kind, "escalated") == 0)
		return "open";
	if (strcmp(kind, "acknowledged") == 0)
		return "acknowledged";
	if (strcmp(kind, "resolved") == 0)
		return "resolved";
	return state;
}

enum yj_status
store_verify(struct store *s, int64_t *checked, int64_t *bad,
    struct yj_error *err)
{
	struct store_event	 ev;
	struct store_incident	 in, *first;
	uint8_t			 prev[STORE_HASH_BYTES], want[STORE_HASH_BYTES];
	sqlite3_stmt		*st;
	const char		**state = NULL;
	int64_t			 seen = 0, nstate = 0, i;
	enum yj_status		 r = YJ_OK;
	int			 rc;

	*checked = *bad = 0;
	memset(prev, 0, sizeof prev);
	/* The file itself first: every page readable and consistent. */
	if ((r = store_quick_check(s, err)) != YJ_OK)
		return r;
	if ((r = store_int(s, "SELECT coalesce(max(id), 0) FROM incident",
	    &nstate, err)) != YJ_OK)
		return r;
	state = xcalloc((size_t)nstate + 1, sizeof *state);
	if ((st = store_sql(s, STORE_EVENT_SELECT " ORDER BY id", err)) ==
	    NULL) {
		free(state);
		return err->status;
	}
	while (r == YJ_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_event_row(st, &ev);
		/* Incidents are numbered as they are logged, each with its
		 * first event: a new number here is that first event. */
		first = NULL;
		if (ev.incident_id > seen) {
			seen = ev.incident_id;
			r = store_incident_get(s, ev.incident_id, &in, err);
			first = &in;
		}
		if (r == YJ_OK) {
			store_incident_hash(prev, &ev, first, want);
			if (memcmp(want, ev.hash, sizeof want) != 0) {
				*bad = ev.id;
				r = yj_fail(err, YJ_DB_CORRUPT, "%s: event %lld "
				    "(incident %lld) does not match the record "
				    "before it: changed or removed outside "
				    "yujing", s->path, (long long)ev.id,
				    (long long)ev.incident_id);
			}
			if (ev.incident_id >= 1 && ev.incident_id <= nstate)
				state[ev.incident_id] = store_state_after(
				    state[ev.incident_id], ev.kind);
		}
		if (first != NULL && r != YJ_NOT_FOUND)
			store_incident_free(&in);
		if (r == YJ_NOT_FOUND)
			r = yj_fail(err, YJ_DB_CORRUPT, "%s: event %lld belongs "
			    "to incident %lld, which is gone", s->path,
			    (long long)ev.id, (long long)ev.incident_id);
		memcpy(prev, ev.hash, sizeof prev);
		if (r == YJ_OK)
			(*checked)++;
		store_event_free(&ev);
	}
	sqlite3_reset(st);
	if (r == YJ_OK && rc != SQLITE_DONE)
		r = store_fail(s, err, "reading the history");
	/* Each incident's state must be where its history leads. */
	for (i = 1; r == YJ_OK && i <= nstate; i++) {
		if ((r = store_incident_get(s, i, &in, err)) == YJ_NOT_FOUND) {
			r = YJ_OK;	/* a number skipped: no incident */
			continue;
		}
		if (r != YJ_OK)
			break;
		if (state[i] == NULL || strcmp(state[i], in.state) != 0) {
			*bad = -i;
			r = yj_fail(err, YJ_DB_CORRUPT, "%s: incident %lld is "
			    "%s but its history says %s: changed outside "
			    "yujing", s->path, (long long)i, in.state,
			    state[i] != NULL ? state[i] : "nothing");
		}
		store_incident_free(&in);
	}
	free(state);
	return r;
}

enum yj_status
store_due(struct store *s, int64_t now, store_id_cb cb, void *arg,
    struct yj_error *err)
{
	static const char sql[] =
	    "SELECT id FROM incident WHERE state = 'open' AND ack_due <= ?1"
	    " UNION SELECT id FROM incident WHERE state <> 'resolved'"
	    " AND resolve_due <= ?1 AND overdue_since IS NULL ORDER BY 1";
	sqlite3_stmt	*st;
	int64_t		*ids = NULL;
	size_t		 n = 0, i;
	int		 rc;
	enum yj_status	 r = YJ_OK;

	/* Read them all first: the callback writes to the same rows. */
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE)
		r = store_fail(s, err, "finding what is due");
	sqlite3_reset(st);
	for (i = 0; i < n && r == YJ_OK; i++) {
		if (cb(arg, ids[i]) != 0)
			break;
	}
	free(ids);
	return r;
}

enum yj_status
store_subject_incidents(struct store *s, const char *const *categories,
    size_t ncategories, enum store_subject by, int64_t subject, int64_t since,
    int64_t *ids, size_t max, size_t *count, struct yj_error *err)
{
	static const char *const sql[] = {
		"SELECT i.id, i.category FROM incident i"
		" JOIN incident_student x ON x.incident_id = i.id"
		" WHERE x.student_id = ?1 AND i.occurred_at >= ?2"
		" ORDER BY i.occurred_at DESC, i.id DESC",
		"SELECT i.id, i.category FROM incident i"
		" WHERE i.room_id = ?1 AND i.occurred_at >= ?2"
		" ORDER BY i.occurred_at DESC, i.id DESC",
		"SELECT i.id, i.category FROM incident i"
		" WHERE i.class_id = ?1 AND i.occurred_at >= ?2"
		" ORDER BY i.occurred_at DESC, i.id DESC",
	};
	sqlite3_stmt	*st;
	const char	*cat;
	size_t		 k;
	int		 rc;

	*count = 0;
	if ((st = store_sql(s, sql[by], err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, subject);
	sqlite3_bind_int64(st, 2, since);
	/* The categories are few; matching them here keeps the SQL fixed. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cat = (const char *)sqlite3_column_text(st, 1);
		for (k = 0; k < ncategories; k++) {
			if (strcmp(cat, categories[k]) == 0)
				break;
		}
		if (k == ncategories)
			continue;
		if (*count < max)
			ids[*count] = sqlite3_column_int64(st, 0);
		(*count)++;
	}
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "counting incidents");
	sqlite3_reset(st);
	return YJ_OK;
}

enum yj_status
store_find_open_by_fields(struct store *s, const char *category,
    const char *k1, const char *v1, const char *k2, const char *v2,
    int64_t *id, struct yj_error *err)
{
	static const char sql[] =
	    "SELECT i.id FROM incident i"
	    " JOIN incident_field f1 ON f1.incident_id = i.id"
	    "  AND f1.field = ?2 AND f1.value = ?3"
	    " JOIN incident_field f2 ON f2.incident_id = i.id"
	    "  AND f2.field = ?4 AND f2.value = ?5"
	    " WHERE i.category = ?1 AND i.state <> 'resolved' LIMIT 1";
	sqlite3_stmt	*st;
	enum yj_status	 r;

	*id = 0;
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	store_bind_text(st, 1, category);
	store_bind_text(st, 2, k1);
	store_bind_text(st, 3, v1);
	store_bind_text(st, 4, k2);
	store_bind_text(st, 5, v2);
	r = store_one_id(s, st, id, err, "looking for an early warning");
	return r == YJ_NOT_FOUND ? YJ_OK : r;
}
