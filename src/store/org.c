#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "yujing/buf.h"
#include "yujing/digest.h"
#include "yujing/i18n.h"
#include "yujing/json.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

#include "internal.h"

static const char *const store_org_unit_names[] = {
	"class", "department", "school", "building"
};

/*
 * Finds a row by its name with find (one text parameter), or inserts it
 * with add (the same parameter first, then extra as the second when
 * given). *id is the row's id either way.
 */
static enum yj_status
store_org_ensure(struct store *s, const char *find, const char *add,
    const char *name, int64_t extra, int64_t *id, struct yj_error *err)
{
	sqlite3_stmt	*st;
	enum yj_status	 r;

	if ((st = store_sql(s, find, err)) == NULL)
		return err->status;
	store_bind_text(st, 1, name);
	if (extra != 0)
		sqlite3_bind_int64(st, 2, extra);
	if ((r = store_one_id(s, st, id, err, "looking up")) != YJ_NOT_FOUND)
		return r;
	if ((st = store_sql(s, add, err)) == NULL)
		return err->status;
	store_bind_text(st, 1, name);
	if (extra != 0)
		sqlite3_bind_int64(st, 2, extra);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, err, "adding");
	sqlite3_reset(st);
	*id = sqlite3_last_insert_rowid(s->db);
	return YJ_OK;
}

enum yj_status
store_department_ensure(struct store *s, const char *name, int64_t *id,
    struct yj_error *err)
{
	return store_org_ensure(s, "SELECT id FROM department WHERE name = ?1",
	    "INSERT INTO department (name) VALUES (?1)", name, 0, id, err);
}

enum yj_status
store_class_ensure(struct store *s, const char *name, int64_t department,
    int64_t *id, struct yj_error *err)
{
	static const char sql[] =
	    "SELECT c.id, c.department_id, d.name FROM class c"
	    " JOIN department d ON d.id = c.department_id WHERE c.name = ?1";
	sqlite3_stmt	*st;
	char		*other;
	int		 rc;

	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	store_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_int64(st, 1) != department) {
			other = store_text(st, 2);
			sqlite3_reset(st);
			yj_fail(err, YJ_BAD_INPUT, "class %s belongs to %s, "
			    "not to this department", name, other);
			free(other);
			return YJ_BAD_INPUT;
		}
		sqlite3_reset(st);
		return YJ_OK;
	}
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "looking up a class");
	return store_org_ensure(s, "SELECT id FROM class WHERE name = ?1",
	    "INSERT INTO class (name, department_id) VALUES (?1, ?2)", name,
	    department, id, err);
}

enum yj_status
store_building_ensure(struct store *s, const char *name, int64_t *id,
    struct yj_error *err)
{
	return store_org_ensure(s, "SELECT id FROM building WHERE name = ?1",
	    "INSERT INTO building (name) VALUES (?1)", name, 0, id, err);
}

enum yj_status
store_room_ensure(struct store *s, int64_t building, const char *name,
    int64_t *id, struct yj_error *err)
{
	return store_org_ensure(s,
	    "SELECT id FROM room WHERE name = ?1 AND building_id = ?2",
	    "INSERT INTO room (name, building_id) VALUES (?1, ?2)", name,
	    building, id, err);
}

enum yj_status
store_unit_find(struct store *s, enum store_unit kind, const char *name,
    int64_t *id, struct yj_error *err)
{
	static const char *const sql[] = {
		[STORE_UNIT_CLASS] = "SELECT id FROM class WHERE name = ?1",
		[STORE_UNIT_DEPARTMENT] =
		    "SELECT id FROM department WHERE name = ?1",
		[STORE_UNIT_BUILDING] =
		    "SELECT id FROM building WHERE name = ?1",
	};
	sqlite3_stmt	*st;
	enum yj_status	 r;

	if (kind == STORE_UNIT_SCHOOL) {
		*id = 0;
		return YJ_OK;
	}
	if ((st = store_sql(s, sql[kind], err)) == NULL)
		return err->status;
	store_bind_text(st, 1, name);
	if ((r = store_one_id(s, st, id, err, "looking up")) != YJ_NOT_FOUND)
		return r;
	return yj_fail(err, YJ_NOT_FOUND, "no %s named '%s'",
	    store_org_unit_names[kind], name);
}

enum yj_status
store_room_find(struct store *s, const char *building, const char *room,
    int64_t *id, struct yj_error *err)
{
	static const char sql[] =
	    "SELECT r.id FROM room r JOIN building b ON b.id = r.building_id"
	    " WHERE b.name = ?1 AND r.name = ?2";
	sqlite3_stmt	*st;
	enum yj_status	 r;

	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	store_bind_text(st, 1, building);
	store_bind_text(st, 2, room);
	if ((r = store_one_id(s, st, id, err, "looking up a room")) !=
	    YJ_NOT_FOUND)
		return r;
	return yj_fail(err, YJ_NOT_FOUND, "no room %s-%s", building, room);
}

void
store_student_free(struct store_student *st)
{
	free(st->number);
	free(st->name);
	free(st->gender);
	free(st->phone);
	free(st->class_name);
	free(st->department_name);
	free(st->room);
	free(st->guardian);
	free(st->guardian_phone);
	memset(st, 0, sizeof *st);
}

void
store_student_row(sqlite3_stmt *st, struct store_student *out)
{
	out->id = sqlite3_column_int64(st, 0);
	out->number = store_text(st, 1);
	out->name = store_text(st, 2);
	out->gender = store_text(st, 3);
	out->phone = store_text(st, 4);
	out->class_id = sqlite3_column_int64(st, 5);
	out->class_name = store_text(st, 6);
	out->department_id = sqlite3_column_int64(st, 7);
	out->department_name = store_text(st, 8);
	out->room_id = sqlite3_column_int64(st, 9);
	out->room = store_text(st, 10);
	out->guardian = store_text(st, 11);
	out->guardian_phone = store_text(st, 12);
	out->left_at = sqlite3_column_int64(st, 13);
}

static enum yj_status
store_student_one(struct store *s, const char *sql, const char *number,
    int64_t id, struct store_student *out, struct yj_error *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(out, 0, sizeof *out);
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	if (number != NULL)
		store_bind_text(st, 1, number);
	else
		sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_student_row(st, out);
		sqlite3_reset(st);
		return YJ_OK;
	}
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "looking up a student");
	sqlite3_reset(st);
	if (number != NULL)
		return yj_fail(err, YJ_NOT_FOUND, _("no student number %s"),
		    number);
	return yj_fail(err, YJ_NOT_FOUND, "no student #%lld", (long long)id);
}

enum yj_status
store_student_get(struct store *s, const char *number,
    struct store_student *out, struct yj_error *err)
{
	return store_student_one(s, STORE_STUDENT_SELECT
	    " WHERE s.number = ?1", number, 0, out, err);
}

enum yj_status
store_student_by_id(struct store *s, int64_t id, struct store_student *out,
    struct yj_error *err)
{
	return store_student_one(s, STORE_STUDENT_SELECT " WHERE s.id = ?1",
	    NULL, id, out, err);
}

enum yj_status
store_students_present(struct store *s, int64_t class_id, store_student_cb cb,
    void *arg, struct yj_error *err)
{
	static const char sql[] = STORE_STUDENT_SELECT
	    " WHERE s.left_at IS NULL AND (?1 = 0 OR s.class_id = ?1)"
	    " ORDER BY s.number";
	struct store_student	 st;
	sqlite3_stmt		*q;
	int			 rc, stop = 0;

	if ((q = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(q, 1, class_id);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		store_student_row(q, &st);
		stop = cb(arg, &st);
		store_student_free(&st);
	}
	sqlite3_reset(q);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(s, err, "listing students");
	return YJ_OK;
}

enum yj_status
store_student_leave(struct store *s, int64_t id, int64_t at,
    struct yj_error *err)
{
	sqlite3_stmt	*st;

	if ((st = store_sql(s, "UPDATE student SET left_at = ?2 WHERE id = ?1",
	    err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	return store_run(s, st, err, "marking a student as left");
}

static bool
store_same(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

void
store_leave_record_free(struct store_leave_record *l)
{
	free(l->reason);
	free(l->approved_by);
	l->reason = l->approved_by = NULL;
}

enum yj_status
store_leave_record_put(struct store *s, const struct store_leave_record *in,
    enum store_upsert *what, struct yj_error *err)
{
	static const char get[] =
	    "SELECT to_at, reason, approved_by FROM leave_record"
	    " WHERE student_id = ?1 AND from_at = ?2";
	static const char put[] =
	    "INSERT INTO leave_record (student_id, from_at, to_at, reason,"
	    " approved_by) VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT (student_id, from_at) DO UPDATE"
	    " SET to_at = ?3, reason = ?4, approved_by = ?5";
	sqlite3_stmt	*st;
	char		*reason = NULL, *by = NULL;
	int64_t		 to = 0;
	int		 rc;

	if ((st = store_sql(s, get, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, in->student_id);
	sqlite3_bind_int64(st, 2, in->from);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		to = sqlite3_column_int64(st, 0);
		reason = store_text(st, 1);
		by = store_text(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "reading a leave record");
	*what = reason == NULL ? STORE_ADDED : to == in->to &&
	    store_same(reason, in->reason) && store_same(by,
	    in->approved_by) ? STORE_UNCHANGED : STORE_UPDATED;
	free(reason);
	free(by);
	if (*what == STORE_UNCHANGED)
		return YJ_OK;
	if ((st = store_sql(s, put, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, in->student_id);
	sqlite3_bind_int64(st, 2, in->from);
	sqlite3_bind_int64(st, 3, in->to);
	store_bind_text(st, 4, in->reason != NULL ? in->reason : "");
	store_bind_text(st, 5, in->approved_by != NULL ? in->approved_by : "");
	return store_run(s, st, err, "keeping a leave record");
}

enum yj_status
store_leave_record_at(struct store *s, int64_t student, int64_t t,
    struct store_leave_record *out, struct yj_error *err)
{
	static const char sql[] =
	    "SELECT from_at, to_at, reason, approved_by FROM leave_record"
	    " WHERE student_id = ?1 AND from_at <= ?2 AND to_at > ?2"
	    " ORDER BY to_at DESC LIMIT 1";
	sqlite3_stmt	*st;
	int		 rc;

	memset(out, 0, sizeof *out);
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, student);
	sqlite3_bind_int64(st, 2, t);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->student_id = student;
		out->from = sqlite3_column_int64(st, 0);
		out->to = sqlite3_column_int64(st, 1);
		out->reason = store_text(st, 2);
		out->approved_by = store_text(st, 3);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return yj_fail(err, YJ_NOT_FOUND, "no leave");
	if (rc != SQLITE_ROW)
		return store_fail(s, err, "reading a leave record");
	return YJ_OK;
}

enum yj_status
store_student_put(struct store *s, const struct store_student *in,
    enum store_upsert *what, struct yj_error *err)
{
	struct store_student	 old;
	struct yj_error		 e2;
	enum yj_status		 r;

	r = store_student_get(s, in->number, &old, &e2);
	if (r != YJ_OK && r != YJ_NOT_FOUND) {
		if (err != NULL)
			*err = e2;
		return r;
	}
	r = store_student_put_known(s, in, r == YJ_OK ? &old : NULL, what,
	    err);
	store_student_free(&old);
	return r;
}

enum yj_status
store_student_put_known(struct store *s, const struct store_student *in,
    const struct store_student *old, enum store_upsert *what,
    struct yj_error *err)
{
	static const char add[] =
	    "INSERT INTO student (number, name, gender, class_id, room_id,"
	    " phone, guardian, guardian_phone)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	/* Back in a roster: no longer left. */
	static const char update[] =
	    "UPDATE student SET name = ?2, gender = ?3, class_id = ?4,"
	    " room_id = ?5, phone = ?6, guardian = ?7, guardian_phone = ?8,"
	    " left_at = NULL WHERE number = ?1";
	sqlite3_stmt		*st;
	enum yj_status		 r;
	int64_t			 id;
	bool			 renamed;

	id = old != NULL ? old->id : 0;
	renamed = old != NULL && !store_same(old->name, in->name);
	if (old == NULL)
		*what = STORE_ADDED;
	else if (old->class_id != in->class_id || old->room_id != in->room_id)
		*what = STORE_MOVED;
	else if (!store_same(old->name, in->name) ||
	    !store_same(old->gender, in->gender) ||
	    !store_same(old->phone, in->phone) ||
	    !store_same(old->guardian, in->guardian) ||
	    !store_same(old->guardian_phone, in->guardian_phone) ||
	    old->left_at != 0)
		*what = STORE_UPDATED;
	else
		*what = STORE_UNCHANGED;
	if (*what == STORE_UNCHANGED)
		return YJ_OK;

	/* Incidents are found by their students' names: the index follows. */
	if (renamed && (r = store_begin(s, err)) != YJ_OK)
		return r;
	/* Out with their rows while the old name still makes them. */
	r = renamed ? store_search_student_drop(s, id, err) : YJ_OK;
	if (r == YJ_OK && (st = store_sql(s, *what == STORE_ADDED ? add :
	    update, err)) == NULL)
		r = err->status;
	else if (r == YJ_OK) {
		store_bind_text(st, 1, in->number);
		store_bind_text(st, 2, in->name);
		store_bind_text(st, 3, in->gender != NULL ? in->gender : "");
		sqlite3_bind_int64(st, 4, in->class_id);
		store_bind_id(st, 5, in->room_id);
		store_bind_text(st, 6, in->phone != NULL ? in->phone : "");
		store_bind_text(st, 7, in->guardian != NULL ? in->guardian :
		    "");
		store_bind_text(st, 8, in->guardian_phone != NULL ?
		    in->guardian_phone : "");
		r = store_run(s, st, err, "saving a student");
	}
	if (renamed) {
		if (r == YJ_OK)
			r = store_search_student(s, id, err);
		if (r == YJ_OK)
			r = store_commit(s, err);
		else
			store_rollback(s);
	}
	return r;
}

enum yj_status
store_counts(struct store *s, struct store_counts *c, struct yj_error *err)
{
	struct {
		const char	*sql;
		int64_t		*v;
	} q[] = {
		{ "SELECT count(*) FROM student", &c->students },
		{ "SELECT count(*) FROM class", &c->classes },
		{ "SELECT count(*) FROM department", &c->departments },
		{ "SELECT count(*) FROM building", &c->buildings },
		{ "SELECT count(*) FROM room", &c->rooms },
		{ "SELECT count(*) FROM person", &c->people },
		{ "SELECT count(*) FROM user", &c->users },
		{ "SELECT count(*) FROM incident", &c->incidents },
		{ "SELECT count(*) FROM event", &c->events },
	};
	enum yj_status	 r;
	size_t		 i;

	for (i = 0; i < sizeof q / sizeof q[0]; i++) {
		if ((r = store_int(s, q[i].sql, q[i].v, err)) != YJ_OK)
			return r;
	}
	return YJ_OK;
}

void
store_person_free(struct store_person *p)
{
	free(p->name);
	free(p->phone);
	free(p->title);
	memset(p, 0, sizeof *p);
}

enum yj_status
store_person_ensure(struct store *s, const char *name, const char *phone,
    const char *title, int64_t *id, struct yj_error *err)
{
	static const char sql[] =
	    "INSERT INTO person (name, phone, title) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (name, phone) DO UPDATE SET"
	    "  title = CASE WHEN ?3 = '' THEN title ELSE ?3 END"
	    " RETURNING id";
	sqlite3_stmt	*st;

	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, phone != NULL ? phone : "");
	store_bind_text(st, 3, title != NULL ? title : "");
	if (sqlite3_step(st) != SQLITE_ROW)
		return store_fail(s, err, "saving a person");
	*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return YJ_OK;
}

static void
store_person_row(sqlite3_stmt *st, int col, struct store_person *out)
{
	out->id = sqlite3_column_int64(st, col);
	out->name = store_text(st, col + 1);
	out->phone = store_text(st, col + 2);
	out->title = store_text(st, col + 3);
}

enum yj_status
store_person_find(struct store *s, const char *name, struct store_person *out,
    struct yj_error *err)
{
	static const char sql[] =
	    "SELECT id, name, phone, title FROM person WHERE name = ?1"
	    " ORDER BY id LIMIT 2";
	sqlite3_stmt	*st;
	int		 rc;

	memset(out, 0, sizeof *out);
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	store_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, err, "looking up a person");
		return yj_fail(err, YJ_NOT_FOUND, "nobody named %s on record",
		    name);
	}
	store_person_row(st, 0, out);
	if (sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_reset(st);
		store_person_free(out);
		return yj_fail(err, YJ_EXISTS, "more than one person named "
		    "%s on record", name);
	}
	sqlite3_reset(st);
	return YJ_OK;
}

enum yj_status
store_responsible_set(struct store *s, const char *level, enum store_unit kind,
    int64_t unit, int64_t person, struct yj_error *err)
{
	static const char sql[] =
	    "INSERT INTO responsibility (level, unit_kind, unit_id, person_id)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (level, unit_kind, unit_id)"
	    " DO UPDATE SET person_id = ?4";
	sqlite3_stmt	*st;

	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	store_bind_text(st, 1, level);
	store_bind_text(st, 2, store_org_unit_names[kind]);
	sqlite3_bind_int64(st, 3, kind == STORE_UNIT_SCHOOL ? 0 : unit);
	sqlite3_bind_int64(st, 4, person);
	return store_run(s, st, err, "saving a responsibility");
}

enum yj_status
store_responsible_get(struct store *s, const char *level, enum store_unit kind,
    int64_t unit, struct store_person *out, struct yj_error *err)
{
	static const char sql[] =
	    "SELECT p.id, p.name, p.phone, p.title FROM responsibility r"
	    " JOIN person p ON p.id = r.person_id"
	    " WHERE r.level = ?1 AND r.unit_kind = ?2 AND r.unit_id = ?3";
	sqlite3_stmt	*st;
	int		 rc;

	memset(out, 0, sizeof *out);
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	store_bind_text(st, 1, level);
	store_bind_text(st, 2, store_org_unit_names[kind]);
	sqlite3_bind_int64(st, 3, kind == STORE_UNIT_SCHOOL ? 0 : unit);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_person_row(st, 0, out);
		sqlite3_reset(st);
		return YJ_OK;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "looking up who is responsible");
	return yj_fail(err, YJ_NOT_FOUND, "nobody responsible at %s", level);
}

enum yj_status
store_units(struct store *s, enum store_unit kind, store_unit_cb cb, void *arg,
    struct yj_error *err)
{
	static const char *const sql[] = {
		[STORE_UNIT_CLASS] = "SELECT id, name FROM class ORDER BY name",
		[STORE_UNIT_DEPARTMENT] =
		    "SELECT id, name FROM department ORDER BY name",
		[STORE_UNIT_BUILDING] =
		    "SELECT id, name FROM building ORDER BY name",
	};
	sqlite3_stmt	*st;
	int		 rc;

	if (kind == STORE_UNIT_SCHOOL) {
		cb(arg, 0, "");
		return YJ_OK;
	}
	if ((st = store_sql(s, sql[kind], err)) == NULL)
		return err->status;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cb(arg, sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "listing units");
	sqlite3_reset(st);
	return YJ_OK;
}

enum yj_status
store_room_units(struct store *s, int64_t room, enum store_unit kind,
    int64_t department, store_unit_cb cb, void *arg, struct yj_error *err)
{
	static const char *const sql[] = {
		[STORE_UNIT_CLASS] =
		    "SELECT DISTINCT c.id, c.name FROM student s"
		    " JOIN class c ON c.id = s.class_id"
		    " WHERE s.room_id = ?1 AND (?2 = 0 OR c.department_id = ?2)"
		    " ORDER BY c.name",
		[STORE_UNIT_DEPARTMENT] =
		    "SELECT DISTINCT d.id, d.name FROM student s"
		    " JOIN class c ON c.id = s.class_id"
		    " JOIN department d ON d.id = c.department_id"
		    " WHERE s.room_id = ?1 ORDER BY d.name",
		[STORE_UNIT_BUILDING] =
		    "SELECT b.id, b.name FROM room r"
		    " JOIN building b ON b.id = r.building_id WHERE r.id = ?1",
	};
	sqlite3_stmt	*st;
	int		 rc;

	if (kind == STORE_UNIT_SCHOOL)
		return yj_fail(err, YJ_BAD_INPUT, "a room is not a school");
	if ((st = store_sql(s, sql[kind], err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, room);
	if (kind == STORE_UNIT_CLASS)
		sqlite3_bind_int64(st, 2, department);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cb(arg, sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "listing a room's units");
	sqlite3_reset(st);
	return YJ_OK;
}

enum yj_status
store_org_digest(struct store *s, enum store_org part,
    char hex[2 * STORE_HASH_BYTES + 1], struct yj_error *err)
{
	/* Each part's tables, whole, in a fixed order. */
	/*
	 * What schema 12 added is a table of its own, of the students that
	 * have any of it, and schema 13's leave records one too, each left
	 * out whole when it has no row (a '+'): a database sealed before
	 * has the same digest after.
	 */
	static const char *const students[] = {
		"SELECT id, number, name, gender, class_id, room_id, phone"
		" FROM student ORDER BY id",
		"+SELECT id, guardian, guardian_phone, left_at FROM student"
		" WHERE guardian <> '' OR guardian_phone <> ''"
		" OR left_at IS NOT NULL ORDER BY id",
		"+SELECT student_id, from_at, to_at, reason, approved_by"
		" FROM leave_record ORDER BY student_id, from_at", NULL
	};
	static const char *const units[] = {
		"SELECT id, name FROM department ORDER BY id",
		"SELECT id, department_id, name FROM class ORDER BY id",
		"SELECT id, name FROM building ORDER BY id",
		"SELECT id, building_id, name FROM room ORDER BY id", NULL
	};
	static const char *const contacts[] = {
		"SELECT id, name, phone, title FROM person ORDER BY id",
		"SELECT level, unit_kind, unit_id, person_id"
		" FROM responsibility ORDER BY level, unit_kind, unit_id", NULL
	};
	static const char *const schedule[] = {
		"SELECT shift, user_id FROM duty ORDER BY shift", NULL
	};
	static const char *const *const parts[] = {
		[STORE_ORG_STUDENTS] = students,
		[STORE_ORG_UNITS] = units,
		[STORE_ORG_CONTACTS] = contacts,
		[STORE_ORG_SCHEDULE] = schedule,
	};
	const char *const	*tables = parts[part];
	struct buf		 b;
	uint8_t			 d[STORE_HASH_BYTES];
	sqlite3_stmt		*st;
	const unsigned char	*t;
	size_t			 i, rows;
	int			 rc, col;
	bool			 optional;

	buf_init(&b);
	for (i = 0; tables[i] != NULL; i++) {
		optional = *tables[i] == '+';
		if ((st = store_sql(s, tables[i] + optional, err)) == NULL) {
			buf_done(&b);
			return err->status;
		}
		for (rows = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; rows++) {
			for (col = 0; col < sqlite3_column_count(st); col++) {
				t = sqlite3_column_text(st, col);
				/*
				 * Each value with its length in bytes (a NUL
				 * inside counts), NULL apart from ''.
				 */
				if (t == NULL)
					buf_putc(&b, '\1');
				else {
					buf_printf(&b, "%d:",
					    sqlite3_column_bytes(st, col));
					buf_add(&b, t, (size_t)
					    sqlite3_column_bytes(st, col));
				}
				buf_putc(&b, '\0');
			}
			buf_putc(&b, '\2');
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			buf_done(&b);
			return store_fail(s, err, "reading the organisation");
		}
		if (!optional || rows > 0)
			buf_putc(&b, '\3');
	}
	digest_sha256(b.data != NULL ? b.data : "", b.len, d);
	digest_hex(d, hex);
	buf_done(&b);
	return YJ_OK;
}

enum yj_status
store_org_seal(struct store *s, const char *kind, const char *what,
    const struct store_actor *by, struct yj_error *err)
{
	struct store_link	 l;
	struct buf		 payload;
	struct json		 j;
	char			 hex[2 * STORE_HASH_BYTES + 1];
	enum yj_status		 r;

	static const char *const keys[] = {
		[STORE_ORG_STUDENTS] = "students",
		[STORE_ORG_UNITS] = "units",
		[STORE_ORG_CONTACTS] = "contacts",
	};
	size_t			 i;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	store_link_init(&l);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if ((r = store_org_digest(s, (enum store_org)i, hex, err)) !=
		    YJ_OK) {
			store_link_done(&l);
			store_rollback(s);
			return r;
		}
		json_kv_string(&l.dj, keys[i], hex);
	}
	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_string(&j, "file", what);
	json_object_end(&j);
	l.at = by->at;
	l.actor = by->login;
	l.user_id = by->user_id;
	l.kind = kind;
	l.payload = buf_str(&payload);
	r = store_link_append(s, &l, err);
	store_link_done(&l);
	buf_done(&payload);
	if (r != YJ_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s, err);
}
