#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "yujing/i18n.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

#include "internal.h"

/* 'YJNG': marks a database as ours, so another program's is refused. */
#define STORE_APPLICATION_ID	0x594a4e47
/* WAL is safe with several writing processes only from this version on. */
#define STORE_WAL_SAFE		3051003
#define STORE_BUSY_DEFAULT	10000	/* ms: DESIGN §3 asks 5 s at least */

/*
 * Migration N takes the schema from version N-1 to N, from
 * STORE_SCHEMA_FIRST on: databases made before it kept a history that did
 * not commit to each incident's whole state (before 4) or could not name
 * a building's manager (4), and are refused (no database outside tests
 * and demos had been made with them).
 */
static const char *const store_migrations[] = {
	/* 5: the organisation, users, incidents and the chained history. */
	"CREATE TABLE department ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE) STRICT;"
	"CREATE TABLE class ("
	"  id INTEGER PRIMARY KEY,"
	"  department_id INTEGER NOT NULL REFERENCES department(id),"
	"  name TEXT NOT NULL UNIQUE) STRICT;"
	"CREATE TABLE building ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE) STRICT;"
	"CREATE TABLE room ("
	"  id INTEGER PRIMARY KEY,"
	"  building_id INTEGER NOT NULL REFERENCES building(id),"
	"  name TEXT NOT NULL,"
	"  UNIQUE (building_id, name)) STRICT;"
	"CREATE TABLE student ("
	"  id INTEGER PRIMARY KEY,"
	"  number TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  gender TEXT NOT NULL,"
	"  class_id INTEGER NOT NULL REFERENCES class(id),"
	"  room_id INTEGER REFERENCES room(id),"
	"  phone TEXT NOT NULL DEFAULT '') STRICT;"
	"CREATE INDEX student_class ON student(class_id);"
	"CREATE INDEX student_room ON student(room_id);"
	"CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  phone TEXT NOT NULL DEFAULT '',"
	"  title TEXT NOT NULL DEFAULT '',"
	"  UNIQUE (name, phone)) STRICT;"
	/*
	 * level: a level or office id of the policy; unit 0 for the school,
	 * a building's id for the dormitory level (scope building).
	 */
	"CREATE TABLE responsibility ("
	"  level TEXT NOT NULL,"
	"  unit_kind TEXT NOT NULL"
	"    CHECK (unit_kind IN ('class', 'department', 'school',"
	"      'building')),"
	"  unit_id INTEGER NOT NULL,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  PRIMARY KEY (level, unit_kind, unit_id)) STRICT;"
	"CREATE TABLE user ("
	"  id INTEGER PRIMARY KEY,"
	"  login TEXT NOT NULL UNIQUE,"
	"  display TEXT NOT NULL,"
	"  role TEXT NOT NULL,"
	"  pwhash TEXT NOT NULL,"
	"  person_id INTEGER REFERENCES person(id),"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
	"  created_at INTEGER NOT NULL) STRICT;"
	"CREATE TABLE user_scope ("
	"  user_id INTEGER NOT NULL REFERENCES user(id),"
	"  unit_kind TEXT NOT NULL CHECK (unit_kind IN ('class', 'department')),"
	"  unit_id INTEGER NOT NULL,"
	"  PRIMARY KEY (user_id, unit_kind, unit_id)) STRICT;"
	/*
	 * An incident's row is a cache of its history (chain.c): nothing is
	 * written to it that an event does not say. AUTOINCREMENT, so that
	 * the last ones taken away leave their numbers behind. "None" is
	 * NULL, never 0 (CHECK), as the history and the queries have it.
	 */
	"CREATE TABLE incident ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  category TEXT NOT NULL,"
	"  category_name TEXT NOT NULL,"
	"  severity TEXT NOT NULL,"
	"  severity_name TEXT NOT NULL,"
	"  restricted INTEGER NOT NULL CHECK (restricted IN (0, 1)),"
	"  state TEXT NOT NULL"
	"    CHECK (state IN ('open', 'acknowledged', 'resolved')),"
	"  level TEXT NOT NULL,"
	"  rung INTEGER NOT NULL,"
	"  occurred_at INTEGER NOT NULL,"
	"  reported_at INTEGER NOT NULL,"
	"  reporter TEXT NOT NULL,"
	"  reporter_role TEXT NOT NULL DEFAULT '',"
	"  logged_by INTEGER NOT NULL REFERENCES user(id),"
	"  room_id INTEGER REFERENCES room(id) CHECK (room_id > 0),"
	"  location TEXT NOT NULL DEFAULT '',"
	"  department_id INTEGER REFERENCES department(id)"
	"    CHECK (department_id > 0),"
	"  class_id INTEGER REFERENCES class(id) CHECK (class_id > 0),"
	"  text TEXT NOT NULL,"
	"  actions TEXT NOT NULL DEFAULT '',"
	"  resolution TEXT NOT NULL DEFAULT '',"
	"  rung_since INTEGER NOT NULL,"
	"  ack_due INTEGER CHECK (ack_due > 0),"
	"  resolve_due INTEGER CHECK (resolve_due > 0),"
	"  emergency INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),"
	"  overdue_since INTEGER CHECK (overdue_since > 0),"
	"  report_delay INTEGER NOT NULL DEFAULT 0,"
	"  updated_at INTEGER NOT NULL) STRICT;"
	"CREATE INDEX incident_state ON incident(state, ack_due);"
	"CREATE INDEX incident_resolve ON incident(state, resolve_due);"
	"CREATE INDEX incident_occurred ON incident(occurred_at);"
	"CREATE INDEX incident_category ON incident(category, occurred_at);"
	/* number and name: the student as reported (the roster may change). */
	"CREATE TABLE incident_student ("
	"  incident_id INTEGER NOT NULL REFERENCES incident(id),"
	"  student_id INTEGER NOT NULL REFERENCES student(id),"
	"  pos INTEGER NOT NULL,"
	"  number TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  PRIMARY KEY (incident_id, student_id)) STRICT;"
	"CREATE INDEX incident_student_by_student"
	"  ON incident_student(student_id);"
	"CREATE TABLE incident_field ("
	"  incident_id INTEGER NOT NULL REFERENCES incident(id),"
	"  field TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  PRIMARY KEY (incident_id, field)) STRICT;"
	/*
	 * The history, one chain for everything: an incident's events (with
	 * incident_id), the admin history (without: users, imports). Each
	 * row's hash covers the one before, its own columns, the digests of
	 * its personal parts and the whole state it leaves (chain.c).
	 * delta: what it changed, as a JSON object of columns.
	 */
	"CREATE TABLE event ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  incident_id INTEGER REFERENCES incident(id),"
	"  subject TEXT NOT NULL DEFAULT '',"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  user_id INTEGER REFERENCES user(id) CHECK (user_id > 0),"
	"  kind TEXT NOT NULL,"
	"  level TEXT NOT NULL DEFAULT '',"
	"  payload TEXT NOT NULL DEFAULT '{}',"
	"  delta TEXT NOT NULL DEFAULT '{}',"
	"  hash BLOB NOT NULL) STRICT;"
	"CREATE INDEX event_incident ON event(incident_id, id);"
	/*
	 * Personal parts (names, numbers, free text, field values, notes)
	 * apart: the chain commits to sha256(salt || value). The one change
	 * ever allowed is blanking the value (retention); the digest stays.
	 */
	"CREATE TABLE event_part ("
	"  event_id INTEGER NOT NULL REFERENCES event(id),"
	"  part TEXT NOT NULL,"
	"  salt BLOB NOT NULL,"
	"  value TEXT,"
	"  digest BLOB NOT NULL,"
	"  PRIMARY KEY (event_id, part)) STRICT, WITHOUT ROWID;"
	"CREATE TRIGGER event_no_update BEFORE UPDATE ON event"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TRIGGER event_no_delete BEFORE DELETE ON event"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TRIGGER event_part_no_delete BEFORE DELETE ON event_part"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TRIGGER event_part_blank_only BEFORE UPDATE ON event_part"
	"  WHEN NEW.value IS NOT NULL OR NEW.event_id IS NOT OLD.event_id"
	"  OR NEW.part IS NOT OLD.part OR NEW.salt IS NOT OLD.salt"
	"  OR NEW.digest IS NOT OLD.digest"
	"  BEGIN SELECT RAISE(ABORT, 'a part of the history can only be"
	" blanked'); END;"
	"CREATE TRIGGER incident_no_delete BEFORE DELETE ON incident"
	"  BEGIN SELECT RAISE(ABORT, 'incidents are never deleted'); END;"
	"CREATE TRIGGER incident_student_no_delete"
	"  BEFORE DELETE ON incident_student"
	"  BEGIN SELECT RAISE(ABORT, 'incidents are never deleted'); END;"
	/*
	 * The search index (src/store/search.c writes its text). It keeps
	 * no copy of its text, which is made from the other tables
	 * (content = ''), nor the lengths only ranking reads (columnsize =
	 * 0); it keeps positions (detail = full), which the phrases of pairs
	 * in big need. The queue's order over the unresolved only, so that
	 * its first screen reads a screenful.
	 */
	"CREATE VIRTUAL TABLE incident_search USING fts5(big, uni, word,"
	"  content = '', columnsize = 0, detail = full,"
	"  tokenize = 'unicode61 remove_diacritics 2');"
	"CREATE INDEX incident_queue ON incident(emergency DESC,"
	"  ack_due IS NULL, ack_due, id DESC) WHERE state <> 'resolved';",
	/*
	 * 6: a student leaves an incident only by a correction, the last
	 * event of its history (appended before the students change).
	 */
	"DROP TRIGGER incident_student_no_delete;"
	"CREATE TRIGGER incident_student_no_delete"
	"  BEFORE DELETE ON incident_student"
	"  WHEN NOT EXISTS (SELECT 1 FROM event WHERE id = (SELECT max(id)"
	"   FROM event WHERE incident_id = OLD.incident_id)"
	"   AND kind = 'corrected')"
	"  BEGIN SELECT RAISE(ABORT, 'a student leaves an incident only by a"
	" correction'); END;",
	/*
	 * 7: people not on the roster (a visitor, a worker): their names,
	 * one a line, a personal part as the text is. The correction that
	 * lets a student leave is one about students.
	 */
	"ALTER TABLE incident ADD COLUMN others TEXT NOT NULL DEFAULT '';"
	"DROP TRIGGER incident_student_no_delete;"
	"CREATE TRIGGER incident_student_no_delete"
	"  BEFORE DELETE ON incident_student"
	"  WHEN NOT EXISTS (SELECT 1 FROM event WHERE id = (SELECT max(id)"
	"   FROM event WHERE incident_id = OLD.incident_id)"
	"   AND kind = 'corrected'"
	"   AND instr(payload, '\"what\":\"student\"') > 0)"
	"  BEGIN SELECT RAISE(ABORT, 'a student leaves an incident only by a"
	" correction'); END;",
	/*
	 * 8: the duty schedule (值班表): who is on which shift, by the
	 * shift's id (DATE/SHIFT); the admin history says why, and seals
	 * it. Shifts and handovers are read from that history by subject,
	 * and a shift's summary counts the events in its hours.
	 */
	"CREATE TABLE duty ("
	"  shift TEXT PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES user(id)) STRICT, WITHOUT ROWID;"
	"CREATE INDEX event_subject ON event(subject, id)"
	"  WHERE incident_id IS NULL;"
	"CREATE INDEX event_at ON event(at) WHERE incident_id IS NOT NULL;"
	"CREATE INDEX event_followup ON event(kind, incident_id)"
	"  WHERE kind IN ('followup_due', 'followup_done',"
	"  'followup_overdue');",
	/*
	 * 9: the meeting's numbers kept by day (summary.c): histograms and
	 * the deadlines still pending as little-endian blobs. C fills them.
	 */
	"CREATE TABLE summary ("
	"  day INTEGER NOT NULL,"
	"  category TEXT NOT NULL,"
	"  severity TEXT NOT NULL,"
	"  level TEXT NOT NULL,"
	"  restricted INTEGER NOT NULL,"
	"  count INTEGER NOT NULL,"
	"  resolved INTEGER NOT NULL,"
	"  late_reports INTEGER NOT NULL,"
	"  overdue_acks INTEGER NOT NULL,"
	"  skip_level INTEGER NOT NULL,"
	"  acks BLOB NOT NULL,"
	"  resolves BLOB NOT NULL,"
	"  pending BLOB NOT NULL,"
	"  PRIMARY KEY (day, category, severity, level, restricted))"
	"  STRICT, WITHOUT ROWID;",
	/*
	 * 10: the follow-ups not done, kept with their events (shift.c), so
	 * that tick reads those, not every follow-up ever set. C fills it.
	 * The early warnings' windows (a room's, a class's incidents since)
	 * and their "one already open for these fields" read by index, not
	 * by every incident of the window or every warning ever raised.
	 */
	"CREATE INDEX incident_room ON incident(room_id, occurred_at)"
	"  WHERE room_id IS NOT NULL;"
	"CREATE INDEX incident_class ON incident(class_id, occurred_at)"
	"  WHERE class_id IS NOT NULL;"
	"CREATE INDEX incident_field_value ON incident_field(field, value);"
	"CREATE TABLE followup_open ("
	"  incident_id INTEGER NOT NULL REFERENCES incident(id),"
	"  followup TEXT NOT NULL,"
	"  due INTEGER NOT NULL,"
	"  owner TEXT NOT NULL,"
	"  PRIMARY KEY (incident_id, followup)) STRICT, WITHOUT ROWID;"
	"CREATE INDEX followup_open_due ON followup_open(due);",
	/*
	 * 11: the time zone the summaries' days were counted in (its UTC
	 * offsets over the years, summary.c); '' once written from another.
	 */
	"CREATE TABLE summary_zone (zone TEXT NOT NULL) STRICT;",
	/*
	 * 12: a parent's (or emergency contact's) name and phone from the
	 * roster; and when a re-import no longer had the student (left).
	 */
	"ALTER TABLE student ADD COLUMN guardian TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE student ADD COLUMN guardian_phone TEXT NOT NULL"
	"  DEFAULT '';"
	"ALTER TABLE student ADD COLUMN left_at INTEGER;",
	/*
	 * 13: leave of absence (请假) as the school's files give it: a
	 * student away with leave, from, to, why and who approved it.
	 */
	"CREATE TABLE leave_record ("
	"  student_id INTEGER NOT NULL REFERENCES student(id),"
	"  from_at INTEGER NOT NULL,"
	"  to_at INTEGER NOT NULL,"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  approved_by TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (student_id, from_at)) STRICT, WITHOUT ROWID;",
	/*
	 * 14: a password an admin set, which its user must change at the
	 * next sign-in.
	 */
	"ALTER TABLE user ADD COLUMN must_change"
	"  INTEGER NOT NULL DEFAULT 0"
	"  CHECK (must_change IN (0, 1));",
	/*
	 * 15: the access log (who read which restricted incident, who was
	 * refused) is events of the admin history about "access/N", N the
	 * incident (an incident's own by the index of subjects); the admin
	 * history read by time (the access log's days, its exports).
	 */
	"CREATE INDEX event_admin_at ON event(at) WHERE incident_id IS NULL;",
	/*
	 * 16: retention cuts an incident's students too, after the event of
	 * its history that says so (retention.c).
	 */
	"DROP TRIGGER incident_student_no_delete;"
	"CREATE TRIGGER incident_student_no_delete"
	"  BEFORE DELETE ON incident_student"
	"  WHEN NOT EXISTS (SELECT 1 FROM event WHERE id = (SELECT max(id)"
	"   FROM event WHERE incident_id = OLD.incident_id)"
	"   AND ((kind = 'corrected'"
	"   AND instr(payload, '\"what\":\"student\"') > 0)"
	"   OR kind = 'retained'))"
	"  BEGIN SELECT RAISE(ABORT, 'a student leaves an incident only by a"
	" correction or by retention'); END;",
};
#define STORE_NMIGRATIONS \
	(sizeof store_migrations / sizeof store_migrations[0])

_Static_assert(STORE_NMIGRATIONS == STORE_SCHEMA_VERSION - STORE_SCHEMA_FIRST +
    1, "one migration per schema version");

enum yj_status
store_fail(struct store *s, struct yj_error *err, const char *doing)
{
	int		 code = sqlite3_extended_errcode(s->db) & 0xff;
	enum yj_status	 st;

	switch (code) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		st = YJ_BUSY;
		break;
	case SQLITE_CORRUPT:
		st = YJ_DB_CORRUPT;
		break;
	case SQLITE_NOTADB:
		st = YJ_DB_NOT;
		break;
	case SQLITE_CONSTRAINT:
		st = YJ_BAD_INPUT;
		break;
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_READONLY:
	case SQLITE_PERM:
		st = YJ_IO;
		break;
	default:
		st = YJ_DB;
		break;
	}
	return yj_fail(err, st, "%s: %s: %s", s->path, doing,
	    sqlite3_errmsg(s->db));
}

sqlite3_stmt *
store_sql(struct store *s, const char *sql, struct yj_error *err)
{
	sqlite3_stmt	*st;
	size_t		 i;

	/*
	 * After an inner level rolled back, the outer levels are outside any
	 * transaction: nothing more may run until they unwind.
	 */
	if (s->aborted) {
		yj_fail(err, YJ_DB, "%s: the change was undone", s->path);
		return NULL;
	}
	for (i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			st = s->cache[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK) {
		store_fail(s, err, "preparing a query");
		return NULL;
	}
	if (s->ncache == s->capcache) {
		s->capcache = s->capcache ? s->capcache * 2 : 32;
		s->cache = xreallocarray(s->cache, s->capcache,
		    sizeof *s->cache);
	}
	s->cache[s->ncache].sql = sql;
	s->cache[s->ncache].stmt = st;
	s->ncache++;
	return st;
}

char *
store_text(sqlite3_stmt *st, int col)
{
	const unsigned char	*t = sqlite3_column_text(st, col);

	return xstrdup(t != NULL ? (const char *)t : "");
}

void
store_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

void
store_bind_id(sqlite3_stmt *st, int i, int64_t v)
{
	if (v == 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

enum yj_status
store_run(struct store *s, sqlite3_stmt *st, struct yj_error *err,
    const char *doing)
{
	int	 rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		enum yj_status	 r = store_fail(s, err, doing);

		sqlite3_reset(st);
		return r;
	}
	sqlite3_reset(st);
	return YJ_OK;
}

enum yj_status
store_one_id(struct store *s, sqlite3_stmt *st, int64_t *id,
    struct yj_error *err, const char *doing)
{
	int	 rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE) {
		enum yj_status	 r = store_fail(s, err, doing);

		sqlite3_reset(st);
		return r;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? YJ_OK : YJ_NOT_FOUND;
}

enum yj_status
store_int(struct store *s, const char *sql, int64_t *v, struct yj_error *err)
{
	sqlite3_stmt	*st = store_sql(s, sql, err);
	int		 rc;

	if (st == NULL)
		return err != NULL ? err->status : YJ_DB;
	*v = 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		return store_fail(s, err, "reading");
	sqlite3_reset(st);
	return YJ_OK;
}

/* Runs SQL text with no parameters (pragmas, migrations, BEGIN...). */
static enum yj_status
store_exec(struct store *s, const char *sql, struct yj_error *err,
    const char *doing)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, doing);
	return YJ_OK;
}

enum yj_status
store_cache(struct store *s, int64_t mb, struct yj_error *err)
{
	char	 sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%lld",
	    (long long)(mb * 1024));
	return store_exec(s, sql, err, "setting the cache");
}

enum yj_status
store_begin(struct store *s, struct yj_error *err)
{
	enum yj_status	 r;

	if (s->depth > 0 && s->aborted)
		return yj_fail(err, YJ_DB, "%s: the change was undone",
		    s->path);
	if (s->read_only && !s->recording)
		return yj_fail(err, YJ_DENIED, _("read-only: nothing can be "
		    "changed"));
	if (s->depth++ > 0)
		return YJ_OK;
	s->aborted = false;
	r = store_exec(s, "BEGIN IMMEDIATE", err, "starting a write");
	if (r != YJ_OK)
		s->depth = 0;
	return r;
}

void
store_read_only(struct store *s, bool on)
{
	s->read_only = on;
}

enum yj_status
store_commit(struct store *s, struct yj_error *err)
{
	enum yj_status	 r;

	if (s->depth == 0)
		return YJ_OK;	/* rolled back below us: said there */
	if (--s->depth > 0)
		return s->aborted ? yj_fail(err, YJ_DB, "%s: the change was "
		    "undone", s->path) : YJ_OK;
	if (s->aborted) {
		s->aborted = false;
		return yj_fail(err, YJ_DB, "%s: the change was undone",
		    s->path);
	}
	r = store_exec(s, "COMMIT", err, "saving");
	if (r != YJ_OK) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		s->depth = 0;
	}
	return r;
}

enum yj_status
store_read_begin(struct store *s, struct yj_error *err)
{
	enum yj_status	 r;

	if (s->depth++ > 0)
		return YJ_OK;
	s->aborted = false;
	r = store_exec(s, "BEGIN", err, "starting to read");
	if (r != YJ_OK)
		s->depth = 0;
	return r;
}

void
store_read_end(struct store *s)
{
	if (s->depth == 0 || --s->depth > 0)
		return;
	if (sqlite3_get_autocommit(s->db) == 0)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	s->aborted = false;
}

void
store_rollback(struct store *s)
{
	if (s->depth == 0)
		return;
	if (sqlite3_get_autocommit(s->db) == 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	/* The outer levels' work is gone too: their commit must fail. */
	s->depth--;
	s->aborted = s->depth > 0;
}

const char *
store_journal_mode(const struct store *s)
{
	return s->journal;
}

enum yj_status
store_data_version(struct store *s, int64_t *v, struct yj_error *err)
{
	return store_int(s, "PRAGMA data_version", v, err);
}

/* Refuses every change to the schema outside the migrations. */
static int
store_authorize(void *arg, int action, const char *a1, const char *a2,
    const char *a3, const char *a4)
{
	struct store	*s = arg;

	(void)a1;
	(void)a2;
	(void)a3;
	(void)a4;
	switch (action) {
	case SQLITE_CREATE_INDEX:
	case SQLITE_CREATE_TABLE:
	case SQLITE_CREATE_TEMP_INDEX:
	case SQLITE_CREATE_TEMP_TABLE:
	case SQLITE_CREATE_TEMP_TRIGGER:
	case SQLITE_CREATE_TEMP_VIEW:
	case SQLITE_CREATE_TRIGGER:
	case SQLITE_CREATE_VIEW:
	case SQLITE_CREATE_VTABLE:
	case SQLITE_DROP_INDEX:
	case SQLITE_DROP_TABLE:
	case SQLITE_DROP_TEMP_INDEX:
	case SQLITE_DROP_TEMP_TABLE:
	case SQLITE_DROP_TEMP_TRIGGER:
	case SQLITE_DROP_TEMP_VIEW:
	case SQLITE_DROP_TRIGGER:
	case SQLITE_DROP_VIEW:
	case SQLITE_DROP_VTABLE:
	case SQLITE_ALTER_TABLE:
		return s->migrating ? SQLITE_OK : SQLITE_DENY;
	default:
		return SQLITE_OK;
	}
}

const char *
store_schema_sql(size_t version)
{
	if (version < STORE_SCHEMA_FIRST || version > STORE_SCHEMA_VERSION)
		return NULL;
	return store_migrations[version - STORE_SCHEMA_FIRST];
}

/* Reads the database's header values without writing anything. */
static enum yj_status
store_check(struct store *s, bool creating, struct yj_error *err)
{
	int64_t		 version, appid, tables;

	/* The first read: a file that is not SQLite fails here. */
	if (store_int(s, "PRAGMA schema_version", &tables, err) != YJ_OK) {
		if (err != NULL && err->status == YJ_DB_NOT)
			return yj_fail(err, YJ_DB_NOT,
			    "%s: not a yujing database (not SQLite at all)",
			    s->path);
		return err != NULL ? err->status : YJ_DB;
	}
	if (store_int(s, "PRAGMA user_version", &version, err) != YJ_OK ||
	    store_int(s, "PRAGMA application_id", &appid, err) != YJ_OK)
		return err != NULL ? err->status : YJ_DB;
	if (creating)
		return YJ_OK;
	if (appid != STORE_APPLICATION_ID)
		return yj_fail(err, YJ_DB_NOT, "%s: not a yujing database "
		    "(create one with 'yujing init')", s->path);
	if (version > 0 && version < STORE_SCHEMA_FIRST)
		return yj_fail(err, YJ_DB_NOT, "%s: made by an earlier yujing "
		    "(schema version %lld) whose history cannot be checked "
		    "the way this one checks it; make a new database with "
		    "'yujing init'", s->path, (long long)version);
	if (version > STORE_SCHEMA_VERSION)
		return yj_fail(err, YJ_DB_NEWER, "%s: the database is at "
		    "schema version %lld, newer than this yujing knows (%d); "
		    "use a newer yujing", s->path, (long long)version,
		    STORE_SCHEMA_VERSION);

	/*
	 * The whole file is read through only before an upgrade writes to
	 * it: every page, it takes seconds on a large database, too long to
	 * start a screen with. Otherwise SQLite finds a damaged page when it
	 * reads it, and 'yujing verify' checks the whole file.
	 */
	if (version == STORE_SCHEMA_VERSION)
		return YJ_OK;
	return store_quick_check(s, err);
}

enum yj_status
store_quick_check(struct store *s, struct yj_error *err)
{
	char		*result = NULL;
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_fail(s, err, "checking");
	if (sqlite3_step(st) == SQLITE_ROW)
		result = store_text(st, 0);
	sqlite3_finalize(st);
	if (result == NULL || strcmp(result, "ok") != 0) {
		yj_fail(err, YJ_DB_CORRUPT, "%s: the database is damaged "
		    "(quick_check: %s); restore it from a backup", s->path,
		    result != NULL ? result : sqlite3_errmsg(s->db));
		free(result);
		return YJ_DB_CORRUPT;
	}
	free(result);
	return YJ_OK;
}

static enum yj_status
store_migrate(struct store *s, struct yj_error *err)
{
	enum yj_status	 r = YJ_OK;
	int64_t		 version;
	char		 sql[64];
	size_t		 v;

	/*
	 * Up to date (nearly always): nothing to write, so no write lock
	 * taken, and a reader opening the file never waits on a writer.
	 */
	if ((r = store_int(s, "PRAGMA user_version", &version, err)) != YJ_OK)
		return r;
	if (version == STORE_SCHEMA_VERSION)
		return YJ_OK;
	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	/* Again inside the write lock: another process may have done it. */
	if ((r = store_int(s, "PRAGMA user_version", &version, err)) != YJ_OK)
		goto fail;
	if (version != 0 && version < STORE_SCHEMA_FIRST) {
		r = yj_fail(err, YJ_DB_NOT, "%s: made by an earlier yujing",
		    s->path);
		goto fail;
	}
	/* The only schema changes the authorizer lets through. */
	s->migrating = true;
	for (v = version == 0 ? STORE_SCHEMA_FIRST : (size_t)version + 1;
	    v <= STORE_SCHEMA_VERSION; v++) {
		r = store_exec(s, store_migrations[v - STORE_SCHEMA_FIRST],
		    err, "upgrading the database");
		if (r != YJ_OK)
			break;
		/* SQL cannot split Chinese for the index: C fills it. */
		if (v == STORE_SEARCH_SINCE &&
		    (r = store_search_rebuild(s, err)) != YJ_OK)
			break;
		if (v == STORE_SUMMARY_SINCE &&
		    (r = store_summary_fill(s, err)) != YJ_OK)
			break;
		if (v == STORE_FOLLOWUP_SINCE &&
		    (r = store_followup_fill(s, err)) != YJ_OK)
			break;
		/* The summaries as counted by this process, in its zone. */
		if (v == STORE_ZONE_SINCE &&
		    (r = store_summary_zone_set(s, err)) != YJ_OK)
			break;
	}
	s->migrating = false;
	if (r != YJ_OK)
		goto fail;
	if (version < STORE_SCHEMA_VERSION) {
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d; "
		    "PRAGMA application_id = %d", STORE_SCHEMA_VERSION,
		    STORE_APPLICATION_ID);
		if ((r = store_exec(s, sql, err, "upgrading")) != YJ_OK)
			goto fail;
	}
	return store_commit(s, err);
fail:
	store_rollback(s);
	return r;
}

/* Makes the file first, so that its mode is ours and not the umask's. */
static enum yj_status
store_create_file(const char *path, int flags, struct yj_error *err)
{
	mode_t	 mode = (flags & STORE_GROUP) ? 0660 : 0600;
	int	 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		if (errno == EEXIST)
			return yj_fail(err, YJ_EXISTS, "%s: a database is "
			    "already there", path);
		return yj_fail(err, YJ_IO, "%s: cannot create: %s", path,
		    strerror(errno));
	}
	/* open() applied the umask; the mode asked for is the mode meant. */
	if (fchmod(fd, mode) != 0) {
		close(fd);
		return yj_fail(err, YJ_IO, "%s: %s", path, strerror(errno));
	}
	close(fd);
	return YJ_OK;
}

enum yj_status
store_open(const char *path, int flags, struct store **out,
    struct yj_error *err)
{
	struct store	*s;
	struct stat	 sb;
	enum yj_status	 r;
	bool		 creating = (flags & STORE_CREATE) != 0;

	*out = NULL;
	if (strcmp(path, ":memory:") == 0) {
		/* Tests: a private database that lives as long as the store. */
		creating = true;
	} else if (creating) {
		if ((r = store_create_file(path, flags, err)) != YJ_OK)
			return r;
	} else if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return yj_fail(err, YJ_IO, "%s: no database "
			    "there (create one with 'yujing init')", path);
		return yj_fail(err, YJ_IO, "%s: %s", path, strerror(errno));
	} else if (!S_ISREG(sb.st_mode))
		return yj_fail(err, YJ_DB_NOT, "%s: not a database file",
		    path);

	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOFOLLOW | (strcmp(path, ":memory:") == 0 ?
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY : 0), NULL) != SQLITE_OK) {
		r = store_fail(s, err, "opening");
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, STORE_BUSY_DEFAULT);
	/*
	 * No writable_schema, no schema change but the migrations' from
	 * this connection: what verify checks the schema against stays so.
	 */
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_set_authorizer(s->db, store_authorize, s);
	if ((r = store_check(s, creating, err)) != YJ_OK)
		goto fail;
	if ((r = store_search_register(s, err)) != YJ_OK)
		goto fail;

	/* DESIGN §3: WAL only where the linked SQLite has the reset fix. */
	s->journal = sqlite3_libversion_number() >= STORE_WAL_SAFE ? "wal" :
	    "delete";
	r = store_exec(s, sqlite3_libversion_number() >= STORE_WAL_SAFE ?
	    "PRAGMA journal_mode = WAL" : "PRAGMA journal_mode = DELETE",
	    err, "setting the journal mode");
	if (r == YJ_OK)
		/* Freed pages and cells zeroed: what retention removed is gone. */
		r = store_exec(s, "PRAGMA synchronous = FULL; "
		    "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF; "
		    "PRAGMA secure_delete = ON", err, "setting up");
	if (r == YJ_OK)
		r = store_migrate(s, err);
	if (r != YJ_OK)
		goto fail;
	*out = s;
	return YJ_OK;
fail:
	store_close(s);
	if ((flags & STORE_CREATE) && strcmp(path, ":memory:") != 0)
		unlink(path);
	return r;
}

void
store_close(struct store *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	if (s->db != NULL && sqlite3_get_autocommit(s->db) == 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	for (i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].stmt);
	free(s->cache);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

/* --- waiting for another writer ------------------------------------------ */

static int64_t
store_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite asks again and again while the lock is held: 1 waits on. */
static int
store_busy_handler(void *arg, int count)
{
	struct store	*s = arg;
	int64_t		 now = store_ms();

	if (count == 0)
		s->busy_since = now;
	if (now - s->busy_since >= s->busy_max)
		return 0;
	if (s->busy_cb != NULL)
		s->busy_cb(s->busy_arg, now - s->busy_since);
	sqlite3_sleep(count < 4 ? 10 : 50);
	return 1;
}

void
store_busy(struct store *s, int64_t max_ms, store_busy_cb cb, void *arg)
{
	s->busy_cb = cb;
	s->busy_arg = arg;
	s->busy_max = max_ms;
	if (max_ms <= 0) {
		s->busy_cb = NULL;
		sqlite3_busy_timeout(s->db, STORE_BUSY_DEFAULT);
	} else
		sqlite3_busy_handler(s->db, store_busy_handler, s);
}
