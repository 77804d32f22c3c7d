/*
 * The duty schedule (值班表) and the admin history read by subject: the
 * shifts opened and the handovers (S6) are events of the one chain, about
 * "shift:DATE/SHIFT" or "handover:DATE/SHIFT", never rows changed later.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "yujing/json.h"
#include "yujing/record.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

#include "internal.h"

enum yj_status
store_duty_set(struct store *s, const struct store_duty_change *c, size_t n,
    const char *kind, const char *subject, const char *reason,
    const struct store_actor *by, struct yj_error *err)
{
	struct store_link	 l;
	struct buf		 payload;
	struct json		 j;
	sqlite3_stmt		*st;
	char			 hex[2 * STORE_HASH_BYTES + 1];
	enum yj_status		 r;
	size_t			 i;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_key(&j, "duties");
	json_array_begin(&j);
	for (i = 0; i < n; i++) {
		if (c[i].user_id != 0)
			st = store_sql(s, "INSERT INTO duty (shift, user_id)"
			    " VALUES (?1, ?2) ON CONFLICT (shift) DO UPDATE"
			    " SET user_id = excluded.user_id", err);
		else
			st = store_sql(s, "DELETE FROM duty WHERE shift = ?1",
			    err);
		if (st == NULL) {
			r = err->status;
			goto fail;
		}
		store_bind_text(st, 1, c[i].shift);
		if (c[i].user_id != 0)
			sqlite3_bind_int64(st, 2, c[i].user_id);
		if ((r = store_run(s, st, err, "saving the duty schedule")) !=
		    YJ_OK)
			goto fail;
		json_array_begin(&j);
		json_string(&j, c[i].shift);
		json_string(&j, c[i].login != NULL ? c[i].login : "");
		json_array_end(&j);
	}
	json_array_end(&j);
	json_object_end(&j);
	if ((r = store_org_digest(s, STORE_ORG_SCHEDULE, hex, err)) != YJ_OK)
		goto fail;
	store_link_init(&l);
	json_kv_string(&l.dj, "schedule", hex);
	l.subject = subject;
	l.at = by->at;
	l.actor = by->login;
	l.user_id = by->user_id;
	l.kind = kind;
	l.payload = buf_str(&payload);
	if (reason != NULL)
		store_link_part(&l, "reason", reason);
	r = store_link_append(s, &l, err);
	store_link_done(&l);
	if (r != YJ_OK)
		goto fail;
	buf_done(&payload);
	return store_commit(s, err);
fail:
	buf_done(&payload);
	store_rollback(s);
	return r;
}

enum yj_status
store_duties(struct store *s, const char *from, const char *to,
    store_duty_cb cb, void *arg, struct yj_error *err)
{
	static const char sql[] =
	    "SELECT d.shift, d.user_id, u.login, u.display FROM duty d"
	    " JOIN user u ON u.id = d.user_id"
	    " WHERE d.shift >= ?1 AND d.shift < ?2 ORDER BY d.shift";
	struct store_duty	*v = NULL;
	sqlite3_stmt		*st;
	size_t			 n = 0, i;
	int			 rc;
	enum yj_status		 r = YJ_OK;
	bool			 stop = false;

	/* Read whole, then told: no statement open while the caller works. */
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	store_bind_text(st, 1, from);
	store_bind_text(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].shift = store_text(st, 0);
		v[n].user_id = sqlite3_column_int64(st, 1);
		v[n].login = store_text(st, 2);
		v[n].display = store_text(st, 3);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		r = store_fail(s, err, "reading the duty schedule");
	for (i = 0; i < n; i++) {
		if (r == YJ_OK && !stop)
			stop = cb(arg, &v[i]) != 0;
		free(v[i].shift);
		free(v[i].login);
		free(v[i].display);
	}
	free(v);
	return r;
}

enum yj_status
store_log_append(struct store *s, const char *subject, const char *kind,
    const char *payload, const struct store_log_part *parts, size_t nparts,
    const struct store_actor *by, int64_t *id, struct yj_error *err)
{
	struct store_link	 l;
	enum yj_status		 r;
	size_t			 i;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	store_link_init(&l);
	l.subject = subject;
	l.at = by->at;
	l.actor = by->login;
	l.user_id = by->user_id;
	l.kind = kind;
	l.payload = payload;
	for (i = 0; i < nparts; i++) {
		if (parts[i].value != NULL && *parts[i].value != '\0')
			store_link_part(&l, parts[i].name, parts[i].value);
	}
	r = store_link_append(s, &l, err);
	if (r == YJ_OK && id != NULL)
		*id = l.id;
	store_link_done(&l);
	if (r != YJ_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s, err);
}

void
store_log_entry_free(struct store_log_entry *e)
{
	size_t	 i;

	free(e->subject);
	free(e->actor);
	free(e->kind);
	free(e->payload);
	for (i = 0; i < e->nparts; i++) {
		free(e->parts[i].name);
		free(e->parts[i].value);
	}
	free(e->parts);
	memset(e, 0, sizeof *e);
}

const char *
store_log_part_of(const struct store_log_entry *e, const char *name)
{
	size_t	 i;

	for (i = 0; i < e->nparts; i++) {
		if (strcmp(e->parts[i].name, name) == 0)
			return e->parts[i].value;
	}
	return NULL;
}

/* The parts of the entries read, each by its event. */
static enum yj_status
store_log_parts(struct store *s, struct store_log_entry *v, size_t n,
    struct yj_error *err)
{
	static const char sql[] =
	    "SELECT part, coalesce(value, '') FROM event_part"
	    " WHERE event_id = ?1 ORDER BY part";
	struct store_log_entry	*e;
	sqlite3_stmt		*st;
	size_t			 i;
	int			 rc;

	for (i = 0; i < n; i++) {
		e = &v[i];
		if ((st = store_sql(s, sql, err)) == NULL)
			return err->status;
		sqlite3_bind_int64(st, 1, e->id);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			e->parts = xreallocarray(e->parts, e->nparts + 1,
			    sizeof *e->parts);
			e->parts[e->nparts].name = store_text(st, 0);
			e->parts[e->nparts].value = store_text(st, 1);
			e->nparts++;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, err, "reading the history");
	}
	return YJ_OK;
}

enum yj_status
store_log_read(struct store *s, const char *from, const char *to,
    store_log_cb cb, void *arg, struct yj_error *err)
{
	static const char sql[] =
	    "SELECT id, subject, at, actor, coalesce(user_id, 0), kind,"
	    " payload FROM event WHERE incident_id IS NULL"
	    " AND subject >= ?1 AND subject < ?2 ORDER BY subject, id";
	struct store_log_entry	*v = NULL;
	sqlite3_stmt		*st;
	size_t			 n = 0, i;
	int			 rc;
	enum yj_status		 r;
	bool			 stop = false;

	if ((r = store_read_begin(s, err)) != YJ_OK)
		return r;
	if ((st = store_sql(s, sql, err)) == NULL) {
		store_read_end(s);
		return err->status;
	}
	store_bind_text(st, 1, from);
	store_bind_text(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		memset(&v[n], 0, sizeof v[n]);
		v[n].id = sqlite3_column_int64(st, 0);
		v[n].subject = store_text(st, 1);
		v[n].at = sqlite3_column_int64(st, 2);
		v[n].actor = store_text(st, 3);
		v[n].user_id = sqlite3_column_int64(st, 4);
		v[n].kind = store_text(st, 5);
		v[n].payload = store_text(st, 6);
		n++;
	}
	sqlite3_reset(st);
	r = rc == SQLITE_DONE ? store_log_parts(s, v, n, err) :
	    store_fail(s, err, "reading the history");
	store_read_end(s);
	for (i = 0; i < n; i++) {
		if (r == YJ_OK && !stop)
			stop = cb(arg, &v[i]) != 0;
		store_log_entry_free(&v[i]);
	}
	free(v);
	return r;
}

enum yj_status
store_chain_head(struct store *s, int64_t *events,
    uint8_t head[STORE_HASH_BYTES], struct yj_error *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*events = 0;
	memset(head, 0, STORE_HASH_BYTES);
	if ((st = store_sql(s, "SELECT id, hash FROM event ORDER BY id DESC"
	    " LIMIT 1", err)) == NULL)
		return err->status;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*events = sqlite3_column_int64(st, 0);
		if (sqlite3_column_bytes(st, 1) == STORE_HASH_BYTES)
			memcpy(head, sqlite3_column_blob(st, 1),
			    STORE_HASH_BYTES);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "reading the history");
	return YJ_OK;
}

enum yj_status
store_event_counts(struct store *s, int64_t from, int64_t to,
    store_kind_count_cb cb, void *arg, struct yj_error *err)
{
	static const char sql[] =
	    "SELECT kind, count(*) FROM event WHERE incident_id IS NOT NULL"
	    " AND at >= ?1 AND at < ?2 GROUP BY kind ORDER BY kind";
	sqlite3_stmt	*st;
	char		**kinds = NULL;
	int64_t		*counts = NULL;
	size_t		 n = 0, i;
	int		 rc;
	bool		 stop = false;

	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		kinds = xreallocarray(kinds, n + 1, sizeof *kinds);
		counts = xreallocarray(counts, n + 1, sizeof *counts);
		kinds[n] = store_text(st, 0);
		counts[n++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	for (i = 0; i < n; i++) {
		if (rc == SQLITE_DONE && !stop)
			stop = cb(arg, kinds[i], counts[i]) != 0;
		free(kinds[i]);
	}
	free(kinds);
	free(counts);
	return rc == SQLITE_DONE ? YJ_OK : store_fail(s, err,
	    "reading the history");
}

enum yj_status
store_shift_counts(struct store *s, int64_t since, int64_t until,
    struct store_shift_counts *c, struct yj_error *err)
{
	/*
	 * Each term a range of an index that holds what it counts:
	 * incident_occurred, incident_state by state (the states that are
	 * not resolved, by name: "<> 'resolved'" would read the whole
	 * index), incident_queue by emergency.
	 */
	static const char sql[] =
	    "SELECT (SELECT count(*) FROM incident"
	    "   WHERE occurred_at >= ?1 AND occurred_at < ?2),"
	    " (SELECT count(*) FROM incident WHERE state = 'open'),"
	    " (SELECT count(*) FROM incident WHERE state = 'acknowledged'),"
	    " (SELECT count(*) FROM incident"
	    "   WHERE state <> 'resolved' AND emergency = 1)";
	sqlite3_stmt	*st;
	int		 rc;

	memset(c, 0, sizeof *c);
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int64(st, 2, until);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->logged = sqlite3_column_int64(st, 0);
		c->waiting = sqlite3_column_int64(st, 1);
		c->open = c->waiting + sqlite3_column_int64(st, 2);
		c->emergencies = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? YJ_OK : store_fail(s, err,
	    "counting incidents");
}

/* --- the numbers for the meetings ------------------------------------------ */

/*
 * Each incident that occurred in the range with what the numbers need:
 * its units by name, where it started, when it was first acknowledged and
 * last resolved, its first deadline to acknowledge (as its first event
 * left it), and whether it started above the first rung.
 */
#define STORE_STAT_SELECT						\
	"SELECT i.id, i.category, i.severity, i.restricted, i.state,"	\
	" i.occurred_at, i.reported_at, i.report_delay,"		\
	" coalesce(d.name, ''), coalesce(c.name, ''),"			\
	" coalesce(b.name, sb.name, ''),"				\
	STORE_STAT_TIMES						\
	" FROM incident i"						\
	" LEFT JOIN department d ON d.id = i.department_id"		\
	" LEFT JOIN class c ON c.id = i.class_id"			\
	" LEFT JOIN room r ON r.id = i.room_id"				\
	" LEFT JOIN building b ON b.id = r.building_id"			\
	" LEFT JOIN building sb ON sb.id = (SELECT r2.building_id"	\
	"  FROM incident_student s2 JOIN student st ON st.id ="		\
	"  s2.student_id JOIN room r2 ON r2.id = st.room_id"		\
	"  WHERE s2.incident_id = i.id ORDER BY s2.pos LIMIT 1)"	\
	" WHERE i.occurred_at >= ?1 AND i.occurred_at < ?2"		\
	" AND i.id > ?3 ORDER BY i.id LIMIT ?4"

#define STORE_STAT_PAGE	2000

enum yj_status
store_stats(struct store *s, int64_t from, int64_t to, store_stat_cb cb,
    void *arg, struct yj_error *err)
{
	struct store_stat	*v, *x;
	sqlite3_stmt		*st;
	int64_t			 after = 0;
	size_t			 n, i;
	int			 rc;
	bool			 stop = false;
	enum yj_status		 r = YJ_OK;

	v = xcalloc(STORE_STAT_PAGE, sizeof *v);
	/* A page at a time, read whole: writers get in between. */
	while (!stop && r == YJ_OK) {
		if ((st = store_sql(s, STORE_STAT_SELECT, err)) == NULL) {
			r = err->status;
			break;
		}
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, to);
		sqlite3_bind_int64(st, 3, after);
		sqlite3_bind_int(st, 4, STORE_STAT_PAGE);
		n = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			x = &v[n++];
			x->id = sqlite3_column_int64(st, 0);
			x->category = store_text(st, 1);
			x->severity = store_text(st, 2);
			x->restricted = sqlite3_column_int(st, 3) != 0;
			x->state = store_text(st, 4);
			x->occurred_at = sqlite3_column_int64(st, 5);
			x->reported_at = sqlite3_column_int64(st, 6);
			x->report_delay = sqlite3_column_int64(st, 7);
			x->department = store_text(st, 8);
			x->class_name = store_text(st, 9);
			x->building = store_text(st, 10);
			x->start_level = store_text(st, 11);
			x->ack_at = sqlite3_column_int64(st, 12);
			x->resolved_at = sqlite3_column_int64(st, 13);
			x->skip_level = sqlite3_column_int(st, 14) != 0;
			x->first_due = sqlite3_column_int64(st, 15);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			r = store_fail(s, err, "reading the incidents");
		for (i = 0; i < n; i++) {
			if (r == YJ_OK && !stop)
				stop = cb(arg, &v[i]) != 0;
			after = v[i].id;
			free(v[i].category);
			free(v[i].severity);
			free(v[i].state);
			free(v[i].department);
			free(v[i].class_name);
			free(v[i].building);
			free(v[i].start_level);
		}
		if (n < STORE_STAT_PAGE)
			break;
	}
	free(v);
	return r;
}

/*
 * The patterns of a period (S7): who, where and which class come up
 * most, the repeats per student and category, the early warnings by
 * rule; restricted categories only counted. Each query a string literal
 * (the statement cache is by address), read whole before any is told.
 */
static const char *const store_pattern_sql[STORE_NPATTERNS] = {
	[STORE_PATTERN_STUDENT] =
	    "SELECT s.number, s.name, '', count(*) AS n FROM incident i"
	    " JOIN incident_student s ON s.incident_id = i.id"
	    " WHERE i.occurred_at >= ?1 AND i.occurred_at < ?2"
	    " AND i.restricted = 0 GROUP BY s.student_id"
	    " ORDER BY n DESC, s.number LIMIT ?3",
	[STORE_PATTERN_ROOM] =
	    "SELECT b.name || '-' || r.name, b.name || '-' || r.name, '',"
	    " count(*) AS n FROM incident i JOIN room r ON r.id = i.room_id"
	    " JOIN building b ON b.id = r.building_id"
	    " WHERE i.occurred_at >= ?1 AND i.occurred_at < ?2"
	    " AND i.restricted = 0 GROUP BY i.room_id"
	    " ORDER BY n DESC, 1 LIMIT ?3",
	[STORE_PATTERN_CLASS] =
	    "SELECT c.name, c.name, '', count(*) AS n FROM incident i"
	    " JOIN class c ON c.id = i.class_id"
	    " WHERE i.occurred_at >= ?1 AND i.occurred_at < ?2"
	    " AND i.restricted = 0 GROUP BY i.class_id"
	    " ORDER BY n DESC, 1 LIMIT ?3",
	[STORE_PATTERN_REPEAT] =
	    "SELECT s.number, s.name, i.category, count(*) AS n"
	    " FROM incident i JOIN incident_student s ON s.incident_id = i.id"
	    " WHERE i.occurred_at >= ?1 AND i.occurred_at < ?2"
	    " AND i.restricted = 0 GROUP BY s.student_id, i.category"
	    " HAVING n >= 2 ORDER BY n DESC, s.number, i.category LIMIT ?3",
	[STORE_PATTERN_WARNING] =
	    "SELECT f.value, f.value, i.category, count(*) AS n"
	    " FROM incident i JOIN incident_field f ON f.incident_id = i.id"
	    " AND f.field = 'warning'"
	    " WHERE i.occurred_at >= ?1 AND i.occurred_at < ?2"
	    " GROUP BY f.value ORDER BY n DESC, 1 LIMIT ?3",
	[STORE_PATTERN_RESTRICTED] =
	    "SELECT i.category, i.category, i.category, count(*) AS n"
	    " FROM incident i WHERE i.occurred_at >= ?1"
	    " AND i.occurred_at < ?2 AND i.restricted = 1"
	    " GROUP BY i.category ORDER BY 1 LIMIT ?3",
};

enum yj_status
store_patterns(struct store *s, int64_t from, int64_t to, int limit,
    store_pattern_cb cb, void *arg, struct yj_error *err)
{
	struct store_pattern	*v = NULL;
	sqlite3_stmt		*st;
	size_t			 n = 0, i;
	int			 k, rc = SQLITE_DONE;
	bool			 stop = false;

	for (k = 0; k < STORE_NPATTERNS && rc == SQLITE_DONE; k++) {
		if ((st = store_sql(s, store_pattern_sql[k], err)) == NULL) {
			for (i = 0; i < n; i++) {
				free(v[i].key);
				free(v[i].name);
				free(v[i].category);
			}
			free(v);
			return err->status;
		}
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, to);
		sqlite3_bind_int(st, 3, limit);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n].kind = (enum store_pattern_kind)k;
			v[n].key = store_text(st, 0);
			v[n].name = store_text(st, 1);
			v[n].category = store_text(st, 2);
			v[n].count = sqlite3_column_int64(st, 3);
			n++;
		}
		sqlite3_reset(st);
	}
	for (i = 0; i < n; i++) {
		if (rc == SQLITE_DONE && !stop)
			stop = cb(arg, &v[i]) != 0;
		free(v[i].key);
		free(v[i].name);
		free(v[i].category);
	}
	free(v);
	return rc == SQLITE_DONE ? YJ_OK : store_fail(s, err,
	    "reading the incidents");
}

/* --- follow-ups ------------------------------------------------------------ */

/*
 * Every follow-up set on an incident and not done: its incident, id, due
 * time, owner, and the last level it climbed to when overdue (and when).
 */
/*
 * The follow-ups not done (followup_open, kept with their events), each
 * with the last level told of it when overdue.
 */
#define STORE_FOLLOWUP_OPEN						\
	"SELECT f.incident_id, f.followup, f.due, f.owner,"		\
	" (SELECT json_extract(o.payload, '$.to') FROM event o"		\
	"  WHERE o.kind = 'followup_overdue'"				\
	"  AND o.incident_id = f.incident_id"				\
	"  AND json_extract(o.payload, '$.followup') = f.followup"	\
	"  ORDER BY o.id DESC LIMIT 1),"				\
	" (SELECT o.at FROM event o WHERE o.kind = 'followup_overdue'"	\
	"  AND o.incident_id = f.incident_id"				\
	"  AND json_extract(o.payload, '$.followup') = f.followup"	\
	"  ORDER BY o.id DESC LIMIT 1)"					\
	" FROM followup_open f WHERE f.due <= ?1 ORDER BY f.due,"	\
	" f.incident_id"

enum yj_status
store_followup_keep(struct store *s, const struct store_event *ev,
    struct yj_error *err)
{
	static const char set[] =
	    "INSERT OR REPLACE INTO followup_open (incident_id, followup,"
	    " due, owner) VALUES (?1, json_extract(?2, '$.followup'),"
	    " json_extract(?2, '$.due'),"
	    " coalesce(json_extract(?2, '$.owner'), ''))";
	static const char done[] =
	    "DELETE FROM followup_open WHERE incident_id = ?1"
	    " AND followup = json_extract(?2, '$.followup')";
	sqlite3_stmt	*st;
	bool		 due = record_kind_is(ev->kind, EV_FOLLOWUP_DUE);

	if (!due && !record_kind_is(ev->kind, EV_FOLLOWUP_DONE))
		return YJ_OK;
	if ((st = store_sql(s, due ? set : done, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, ev->incident_id);
	store_bind_text(st, 2, ev->payload != NULL ? ev->payload : "{}");
	return store_run(s, st, err, "keeping the follow-ups");
}

/* The follow-ups not done, as their events say (what followup_open keeps). */
#define STORE_FOLLOWUP_RECOUNT						\
	"SELECT e.incident_id AS incident_id,"				\
	" json_extract(e.payload, '$.followup') AS followup,"		\
	" json_extract(e.payload, '$.due') AS due,"			\
	" coalesce(json_extract(e.payload, '$.owner'), '') AS owner"	\
	" FROM event e WHERE e.kind = 'followup_due'"			\
	" AND NOT EXISTS (SELECT 1 FROM event d"			\
	"  WHERE d.kind = 'followup_done'"				\
	"  AND d.incident_id = e.incident_id"				\
	"  AND json_extract(d.payload, '$.followup') ="		\
	"  json_extract(e.payload, '$.followup'))"

enum yj_status
store_followup_fill(struct store *s, struct yj_error *err)
{
	sqlite3_stmt	*st;
	enum yj_status	 r;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	if ((st = store_sql(s, "DELETE FROM followup_open", err)) == NULL)
		r = err->status;
	else
		r = store_run(s, st, err, "making the follow-ups anew");
	if (r == YJ_OK && (st = store_sql(s, "INSERT OR REPLACE INTO"
	    " followup_open (incident_id, followup, due, owner) "
	    STORE_FOLLOWUP_RECOUNT, err)) == NULL)
		r = err->status;
	else if (r == YJ_OK)
		r = store_run(s, st, err, "making the follow-ups anew");
	if (r != YJ_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s, err);
}

enum yj_status
store_followup_compare(struct store *s, store_summary_diff_cb cb, void *arg,
    struct yj_error *err)
{
	static const char *const sql[] = {
		"SELECT incident_id, followup, due, owner FROM followup_open"
		" EXCEPT"
		" SELECT incident_id, followup, due, owner FROM ("
		STORE_FOLLOWUP_RECOUNT ")",
		"SELECT incident_id, followup, due, owner FROM ("
		STORE_FOLLOWUP_RECOUNT ") EXCEPT SELECT incident_id, followup,"
		" due, owner FROM followup_open",
	};
	sqlite3_stmt	*st;
	struct buf	 why;
	size_t		 i;
	int		 rc = SQLITE_DONE;

	buf_init(&why);
	if (store_read_begin(s, err) != YJ_OK) {
		buf_done(&why);
		return err->status;
	}
	for (i = 0; i < 2 && rc == SQLITE_DONE; i++) {
		if ((st = store_sql(s, sql[i], err)) == NULL) {
			store_read_end(s);
			buf_done(&why);
			return err->status;
		}
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			buf_clear(&why);
			buf_printf(&why, "the follow-up %s of incident %lld: "
			    "%s", sqlite3_column_text(st, 1) != NULL ?
			    (const char *)sqlite3_column_text(st, 1) : "",
			    (long long)sqlite3_column_int64(st, 0), i == 0 ?
			    "the list of those not done has it so, its "
			    "history does not (done, never set, or another "
			    "due time or owner)" : "not done, as its history "
			    "says, but missing from the list of those not done "
			    "(or with another due time or owner)");
			cb(arg, buf_str(&why));
		}
		sqlite3_reset(st);
	}
	store_read_end(s);
	buf_done(&why);
	return rc == SQLITE_DONE ? YJ_OK : store_fail(s, err,
	    "reading the follow-ups");
}

enum yj_status
store_followups_open(struct store *s, int64_t due_by, store_followup_cb cb,
    void *arg, struct yj_error *err)
{
	struct store_followup	*v = NULL;
	sqlite3_stmt		*st;
	size_t			 n = 0, i;
	int			 rc;
	bool			 stop = false;

	if ((st = store_sql(s, STORE_FOLLOWUP_OPEN, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, due_by);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].incident = sqlite3_column_int64(st, 0);
		v[n].followup = store_text(st, 1);
		v[n].due = sqlite3_column_int64(st, 2);
		v[n].owner = store_text(st, 3);
		v[n].climbed_to = store_text(st, 4);
		v[n].climbed_at = sqlite3_column_int64(st, 5);
		n++;
	}
	sqlite3_reset(st);
	for (i = 0; i < n; i++) {
		if (rc == SQLITE_DONE && !stop)
			stop = cb(arg, &v[i]) != 0;
		free(v[i].followup);
		free(v[i].owner);
		free(v[i].climbed_to);
	}
	free(v);
	return rc == SQLITE_DONE ? YJ_OK : store_fail(s, err,
	    "reading the follow-ups");
}
