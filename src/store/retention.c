/*
 * Retention: personal details kept no longer than the policy says (PIPL
 * art. 19). An incident resolved, and untouched since, before its rule's
 * time loses the values of every personal part of its history (the one
 * change the schema lets event_part have: the digests stay, so the chain
 * holds), the same columns of its row, its fields' values and its links
 * to students; its search row is taken out with the text it went in with
 * and put back with what is left. What statistics count stays: category,
 * severity, times, levels, units. The incident's own history says so, in
 * an event of kind "retained" that comes before the links are cut (the
 * schema's trigger asks for it) and after which verify takes the blanked
 * values as retention's.
 *
 * Students who left before their rule's time, and whom no incident names
 * any more, lose their roster row and their leave records; an event of
 * the admin history seals the roster as it is then, as an import does.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "yujing/buf.h"
#include "yujing/json.h"
#include "yujing/record.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

#include "internal.h"

/* Incidents retained in one transaction: a nightly run, or years at once. */
#define RETAIN_BATCH	100
/* The search index merged this many pages a step, at most so many steps. */
#define RETAIN_MERGE_PAGES	256
#define RETAIN_MERGE_STEPS	100000

/* Whether the last event of incident is a retention (nothing since). */
static enum yj_status
retain_done(struct store *s, int64_t incident, bool *done,
    struct yj_error *err)
{
	static const char sql[] =
	    "SELECT kind FROM event WHERE incident_id = ?1"
	    " ORDER BY id DESC LIMIT 1";
	sqlite3_stmt	*st;
	int		 rc;

	*done = false;
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, incident);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*done = record_kind_is((const char *)sqlite3_column_text(st,
		    0), EV_RETAINED);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "reading the history");
	return YJ_OK;
}

/* One number a query of one parameter gives. */
static enum yj_status
retain_count(struct store *s, const char *sql, int64_t arg, int64_t *n,
    struct yj_error *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, arg);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, err, "counting what retention removes");
	return YJ_OK;
}

/*
 * The personal parts: all but a tick's, which names an item of the
 * policy's checklist (what was done stays told).
 */
#define RETAIN_PERSONAL	" AND e.kind NOT IN ('checked', 'unchecked')"
static const char retain_parts_sql[] =
    "SELECT count(*) FROM event e JOIN event_part p ON p.event_id = e.id"
    " WHERE e.incident_id = ?1 AND p.value IS NOT NULL" RETAIN_PERSONAL;
static const char retain_students_sql[] =
    "SELECT count(*) FROM incident_student WHERE incident_id = ?1";

/* Runs a statement of one parameter, the incident. */
static enum yj_status
retain_run(struct store *s, const char *sql, int64_t incident,
    struct yj_error *err)
{
	sqlite3_stmt	*st;

	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, incident);
	return store_run(s, st, err, "removing personal details");
}

/* Inside the caller's transaction: one incident's details removed. */
static enum yj_status
retain_one(struct store *s, const struct store_retain_rule *rule,
    struct store_retained *x, const struct store_actor *by,
    struct yj_error *err)
{
	static const char *const blank[] = {
		"UPDATE event_part SET value = NULL WHERE value IS NOT NULL"
		" AND event_id IN (SELECT e.id FROM event e"
		" WHERE e.incident_id = ?1" RETAIN_PERSONAL ")",
		"UPDATE incident SET reporter = '', location = '',"
		" text = '', actions = '', resolution = '', others = ''"
		" WHERE id = ?1",
		"UPDATE incident_field SET value = '' WHERE incident_id = ?1",
	};
	struct store_search_doc	 old;
	struct store_incident	 cur, after;
	struct store_link	 l;
	struct buf		 payload;
	struct json		 j;
	sqlite3_stmt		*st;
	enum yj_status		 r;
	size_t			 i;

	memset(&cur, 0, sizeof cur);
	store_search_doc_init(&old);
	store_link_init(&l);
	buf_init(&payload);
	if ((r = store_incident_get(s, x->incident, &cur, err)) != YJ_OK)
		goto out;
	/* The text it is found by, while it is still there to take out. */
	if ((r = store_search_read(s, x->incident, &old, err)) != YJ_OK)
		goto out;
	for (i = 0; i < sizeof blank / sizeof blank[0]; i++) {
		if ((r = retain_run(s, blank[i], x->incident, err)) != YJ_OK)
			goto out;
	}
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_string(&j, "rule", rule->rule);
	json_kv_int(&j, "keep", rule->keep);
	json_kv_int(&j, "parts", x->parts);
	json_kv_int(&j, "students", x->students);
	json_object_end(&j);
	/*
	 * Where it was, for the numbers by building: the room of its first
	 * student with one, as the numbers (STORE_STAT_SELECT) find it, when
	 * it has none of its own.
	 */
	after = cur;
	if (cur.room_id == 0 && cur.nstudents > 0 &&
	    (r = retain_count(s, "SELECT coalesce((SELECT st.room_id"
	    " FROM incident_student x JOIN student st ON st.id = x.student_id"
	    " WHERE x.incident_id = ?1 AND st.room_id IS NOT NULL"
	    " ORDER BY x.pos LIMIT 1), 0)",
	    x->incident, &after.room_id, err)) != YJ_OK)
		goto out;
	/* Its state: the row's, without students (its fields still named). */
	after.students = NULL;
	after.nstudents = 0;
	store_incident_state(&after, &l.state);
	l.incident_id = x->incident;
	l.at = by->at;
	l.actor = by->login;
	l.user_id = by->user_id;
	l.kind = record_kind_name(EV_RETAINED);
	l.level = cur.level;
	l.payload = buf_str(&payload);
	json_key(&l.dj, "students");
	json_array_begin(&l.dj);
	json_array_end(&l.dj);
	if (after.room_id != cur.room_id)
		json_kv_int(&l.dj, "room_id", after.room_id);
	if ((r = store_link_append(s, &l, err)) != YJ_OK)
		goto out;
	/* Its last activity, as for every event; its room. */
	if ((st = store_sql(s, "UPDATE incident SET updated_at = ?2,"
	    " room_id = ?3 WHERE id = ?1", err)) == NULL) {
		r = err->status;
		goto out;
	}
	sqlite3_bind_int64(st, 1, x->incident);
	sqlite3_bind_int64(st, 2, by->at);
	store_bind_id(st, 3, after.room_id);
	if ((r = store_run(s, st, err, "removing personal details")) != YJ_OK)
		goto out;
	/* After the event that says so: the schema's trigger asks. */
	if ((r = retain_run(s, "DELETE FROM incident_student"
	    " WHERE incident_id = ?1", x->incident, err)) != YJ_OK)
		goto out;
	r = store_search_index(s, x->incident, &old, err);
out:
	buf_done(&payload);
	store_link_done(&l);
	store_search_doc_done(&old);
	store_incident_free(&cur);
	return r;
}

/*
 * A batch of the incidents of rule past their time, from after from (its
 * time of occurrence and id) on, told to cb and (apply) retained, in one
 * transaction; from moved to its last.
 */
static enum yj_status
retain_batch(struct store *s, const struct store_retain_rule *rule,
    bool apply, const struct store_actor *by, store_retained_cb cb,
    void *arg, int64_t from[2], size_t *got, int64_t *count, bool *stop,
    struct yj_error *err)
{
	/*
	 * By incident_category, from where the batch before stopped: it
	 * occurred before it was last touched, so before `before` too.
	 */
	static const char sql[] =
	    "SELECT id, updated_at, occurred_at FROM incident"
	    " WHERE category = ?1 AND occurred_at < ?2"
	    " AND (occurred_at, id) > (?3, ?5)"
	    " AND state = 'resolved' AND updated_at < ?2"
	    " ORDER BY occurred_at, id LIMIT ?4";
	struct store_retained	 x[RETAIN_BATCH];
	sqlite3_stmt		*st;
	enum yj_status		 r;
	int64_t			 ids[RETAIN_BATCH], last[RETAIN_BATCH];
	int64_t			 occurred = 0;
	size_t			 n = 0, i, k = 0;
	int			 rc;
	bool			 done;

	*got = 0;
	if ((r = apply ? store_begin(s, err) : store_read_begin(s, err)) !=
	    YJ_OK)
		return r;
	if ((st = store_sql(s, sql, err)) == NULL) {
		r = err->status;
		goto fail;
	}
	store_bind_text(st, 1, rule->category);
	sqlite3_bind_int64(st, 2, rule->before);
	sqlite3_bind_int64(st, 3, from[0]);
	sqlite3_bind_int(st, 4, RETAIN_BATCH);
	sqlite3_bind_int64(st, 5, from[1]);
	while (n < RETAIN_BATCH && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		last[n] = sqlite3_column_int64(st, 1);
		occurred = sqlite3_column_int64(st, 2);
		n++;
	}
	sqlite3_reset(st);
	if (n < RETAIN_BATCH && rc != SQLITE_DONE) {
		r = store_fail(s, err, "finding what retention removes");
		goto fail;
	}
	*got = n;
	if (n > 0) {
		from[0] = occurred;
		from[1] = ids[n - 1];
	}
	for (i = 0; i < n; i++) {
		if ((r = retain_done(s, ids[i], &done, err)) != YJ_OK)
			goto fail;
		if (done)
			continue;	/* nothing since the last retention */
		memset(&x[k], 0, sizeof x[k]);
		x[k].incident = ids[i];
		x[k].category = rule->category;
		x[k].last_at = last[i];
		if ((r = retain_count(s, retain_parts_sql, ids[i],
		    &x[k].parts, err)) != YJ_OK || (r = retain_count(s,
		    retain_students_sql, ids[i], &x[k].students, err)) != YJ_OK)
			goto fail;
		if (apply && (r = retain_one(s, rule, &x[k], by, err)) != YJ_OK)
			goto fail;
		k++;
	}
	if (!apply)
		store_read_end(s);
	else if ((r = store_commit(s, err)) != YJ_OK)
		return r;
	/*
	 * Told once the lock is let go (a reader slow to take the output
	 * holds up nobody) and what it tells is saved.
	 */
	*count += (int64_t)k;
	for (i = 0; i < k && !*stop; i++) {
		if (cb != NULL && cb(arg, &x[i]) != 0)
			*stop = true;
	}
	return YJ_OK;
fail:
	if (apply)
		store_rollback(s);
	else
		store_read_end(s);
	return r;
}

/*
 * The index's old segments still hold the words taken out (a delete is
 * a mark in a newer one) until they are merged into one: a few pages of
 * that at a time, each step a short transaction of its own (the duty
 * room's writes go on between), until a step finds nothing to do. Every
 * run does it, so one cut short is finished by the next.
 */
static enum yj_status
retain_merge(struct store *s, struct yj_error *err)
{
	sqlite3_stmt	*st;
	enum yj_status	 r;
	int64_t		 before;
	int		 step;

	for (step = 0; step < RETAIN_MERGE_STEPS; step++) {
		if ((r = store_begin(s, err)) != YJ_OK)
			return r;
		before = sqlite3_total_changes64(s->db);
		if ((st = store_sql(s, "INSERT INTO incident_search"
		    " (incident_search, rank) VALUES ('merge', ?1)",
		    err)) == NULL) {
			store_rollback(s);
			return err->status;
		}
		sqlite3_bind_int(st, 1, -RETAIN_MERGE_PAGES);
		if ((r = store_run(s, st, err, "merging the search index")) !=
		    YJ_OK) {
			store_rollback(s);
			return r;
		}
		/* Fewer than two rows changed: nothing was merged. */
		if (sqlite3_total_changes64(s->db) - before < 2)
			return store_commit(s, err);
		if ((r = store_commit(s, err)) != YJ_OK)
			return r;
	}
	return YJ_OK;
}

enum yj_status
store_retain(struct store *s, const struct store_retain_rule *rules,
    size_t nrules, bool apply, const struct store_actor *by,
    store_retained_cb cb, void *arg, int64_t *count, struct yj_error *err)
{
	enum yj_status	 r = YJ_OK;
	int64_t		 from[2];
	size_t		 i, got;
	bool		 stop = false;

	*count = 0;
	for (i = 0; i < nrules && r == YJ_OK && !stop; i++) {
		if (rules[i].before <= 0)
			continue;	/* kept for ever */
		from[0] = INT64_MIN;
		from[1] = 0;
		do
			r = retain_batch(s, &rules[i], apply, by, cb, arg, from,
			    &got, count, &stop, err);
		while (r == YJ_OK && got == RETAIN_BATCH && !stop);
	}
	if (r != YJ_OK || !apply)
		return r;
	return retain_merge(s, err);
}

/* Whether an incident of category is past its rule (resolved, untouched). */
static bool
retain_past(const struct store_retain_rule *rules, size_t nrules,
    const char *category, bool resolved, int64_t last_at)
{
	size_t	 i;

	for (i = 0; resolved && category != NULL && i < nrules; i++) {
		if (strcmp(rules[i].category, category) == 0)
			return last_at < rules[i].before;
	}
	return false;
}

enum yj_status
store_retain_left(struct store *s, const struct store_retain_rule *rules,
    size_t nrules, int64_t before, int64_t keep, bool apply,
    const struct store_actor *by, int64_t *removed, int64_t *named,
    struct yj_error *err)
{
	static const char find[] =
	    "SELECT s.id FROM student s"
	    " WHERE s.left_at IS NOT NULL AND s.left_at < ?1 ORDER BY s.id";
	static const char naming[] =
	    "SELECT i.category, i.state = 'resolved', i.updated_at"
	    " FROM incident_student x JOIN incident i ON i.id = x.incident_id"
	    " WHERE x.student_id = ?1";
	static const char *const drop[] = {
		"DELETE FROM leave_record WHERE student_id = ?1",
		"DELETE FROM student WHERE id = ?1",
	};
	char			 hex[2 * STORE_HASH_BYTES + 1];
	struct store_link	 l;
	struct buf		 payload;
	struct json		 j;
	sqlite3_stmt		*st;
	enum yj_status		 r;
	int64_t			*ids = NULL;
	size_t			 n = 0, i, k;
	int			 rc;

	*removed = *named = 0;
	if (before <= 0)
		return YJ_OK;	/* kept for ever */
	if ((r = apply ? store_begin(s, err) : store_read_begin(s, err)) !=
	    YJ_OK)
		return r;
	if ((st = store_sql(s, find, err)) == NULL) {
		r = err->status;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, before);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		r = store_fail(s, err, "finding the students who left");
		goto fail;
	}
	/*
	 * Named by an incident not past its own time (as the incidents'
	 * run before this one, or a dry run's, left it): its turn comes.
	 */
	for (i = k = 0; i < n; i++) {
		if ((st = store_sql(s, naming, err)) == NULL) {
			r = err->status;
			goto fail;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
		    retain_past(rules, nrules, (const char *)
		    sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
		    sqlite3_column_int64(st, 2)))
			;
		sqlite3_reset(st);
		if (rc == SQLITE_ROW)
			(*named)++;
		else if (rc == SQLITE_DONE)
			ids[k++] = ids[i];
		else {
			r = store_fail(s, err, "finding the students who left");
			goto fail;
		}
	}
	n = k;
	*removed = (int64_t)n;
	if (!apply || n == 0) {
		free(ids);
		if (apply)
			return store_commit(s, err);
		store_read_end(s);
		return YJ_OK;
	}
	for (i = 0; i < n; i++) {
		for (k = 0; k < sizeof drop / sizeof drop[0]; k++) {
			if ((r = retain_run(s, drop[k], ids[i], err)) != YJ_OK)
				goto fail;
		}
	}
	/* The roster sealed as it is now, as an import seals it. */
	if ((r = store_org_digest(s, STORE_ORG_STUDENTS, hex, err)) != YJ_OK)
		goto fail;
	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_string(&j, "rule", "left_students");
	json_kv_int(&j, "keep", keep);
	json_kv_int(&j, "students", (int64_t)n);
	json_object_end(&j);
	store_link_init(&l);
	json_kv_string(&l.dj, "students", hex);
	l.subject = "roster";
	l.at = by->at;
	l.actor = by->login;
	l.user_id = by->user_id;
	l.kind = record_kind_name(EV_ROSTER_RETAINED);
	l.payload = buf_str(&payload);
	r = store_link_append(s, &l, err);
	store_link_done(&l);
	buf_done(&payload);
	if (r != YJ_OK)
		goto fail;
	free(ids);
	return store_commit(s, err);
fail:
	free(ids);
	if (apply)
		store_rollback(s);
	else
		store_read_end(s);
	return r;
}

enum yj_status
store_retain_categories(struct store *s, char ***out, size_t *n,
    struct yj_error *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*out = NULL;
	*n = 0;
	/* incident_category read by its first column alone. */
	if ((st = store_sql(s, "SELECT DISTINCT category FROM incident"
	    " ORDER BY category", err)) == NULL)
		return err->status;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = store_text(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "reading the categories");
	return YJ_OK;
}
