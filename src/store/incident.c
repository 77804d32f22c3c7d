#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "yujing/buf.h"
#include "yujing/digest.h"
#include "yujing/i18n.h"
#include "yujing/record.h"
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
	free(in->others);
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
	free(ev->from);
	memset(ev, 0, sizeof *ev);
}

static void	store_incident_event(const struct store_event *,
		    struct store_link *);

/* The students store_snapshot read. */
static void
store_snapshot_free(struct store_incident *rep, size_t n)
{
	size_t	 i;

	for (i = 0; rep->students != NULL && i < n; i++) {
		free(rep->students[i].number);
		free(rep->students[i].name);
	}
	free(rep->students);
	rep->students = NULL;
}

/*
 * in's students (by id) into rep->students with their number and name:
 * as cur (the incident as stored, or NULL) has them for one it has, else
 * as the roster has them now (the incident's snapshot from then on).
 */
static enum yj_status
store_snapshot(struct store *s, const struct store_incident *in,
    const struct store_incident *cur, struct store_incident *rep,
    struct yj_error *err)
{
	static const char snapshot[] =
	    "SELECT number, name FROM student WHERE id = ?1";
	sqlite3_stmt	*st;
	size_t		 i, k;

	rep->students = xcalloc(in->nstudents + 1, sizeof *rep->students);
	for (i = 0; i < in->nstudents; i++) {
		rep->students[i].id = in->students[i].id;
		for (k = 0; cur != NULL && k < cur->nstudents; k++) {
			if (cur->students[k].id == in->students[i].id)
				break;
		}
		if (cur != NULL && k < cur->nstudents) {
			rep->students[i].number =
			    xstrdup(cur->students[k].number);
			rep->students[i].name = xstrdup(cur->students[k].name);
			continue;
		}
		if ((st = store_sql(s, snapshot, err)) == NULL)
			return err->status;
		sqlite3_bind_int64(st, 1, in->students[i].id);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_reset(st);
			return yj_fail(err, YJ_NOT_FOUND, "no student with id "
			    "%lld", (long long)in->students[i].id);
		}
		rep->students[i].number = store_text(st, 0);
		rep->students[i].name = store_text(st, 1);
		sqlite3_reset(st);
	}
	rep->nstudents = in->nstudents;
	return YJ_OK;
}

/* The incident's students, in order, as rep has them (and no others). */
static enum yj_status
store_incident_put_students(struct store *s, const struct store_incident *rep,
    struct yj_error *err)
{
	static const char clear[] =
	    "DELETE FROM incident_student WHERE incident_id = ?1";
	static const char add[] =
	    "INSERT INTO incident_student (incident_id, student_id, pos,"
	    " number, name) VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt	*st;
	enum yj_status	 r;
	size_t		 i;

	if ((st = store_sql(s, clear, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, rep->id);
	if ((r = store_run(s, st, err, "changing the students")) != YJ_OK)
		return r;
	for (i = 0; i < rep->nstudents; i++) {
		if ((st = store_sql(s, add, err)) == NULL)
			return err->status;
		sqlite3_bind_int64(st, 1, rep->id);
		sqlite3_bind_int64(st, 2, rep->students[i].id);
		sqlite3_bind_int64(st, 3, (int64_t)i);
		store_bind_text(st, 4, rep->students[i].number);
		store_bind_text(st, 5, rep->students[i].name);
		if ((r = store_run(s, st, err, "adding a student")) != YJ_OK)
			return r;
	}
	return YJ_OK;
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
	    " overdue_since, report_delay, others)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,"
	    " ?26, ?27, ?28)";
	struct store_link	 l;
	struct store_incident	 rep;
	struct store_summary_of	 now;
	sqlite3_stmt	*st;
	enum yj_status	 r;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	store_link_init(&l);
	/* The students as the roster has them now: the report's snapshot. */
	rep = *in;
	if ((r = store_snapshot(s, in, NULL, &rep, err)) != YJ_OK)
		goto fail;
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
	store_bind_text(st, 28, in->others ? in->others : "");
	if ((r = store_run(s, st, err, "adding an incident")) != YJ_OK)
		goto fail;
	in->id = sqlite3_last_insert_rowid(s->db);
	rep.id = in->id;
	if ((r = store_incident_put_students(s, &rep, err)) != YJ_OK)
		goto fail;
	if ((r = store_incident_put_fields(s, in, err)) != YJ_OK)
		goto fail;
	first->incident_id = in->id;
	/* The report: everything it says, the state it starts in. */
	store_incident_event(first, &l);
	store_incident_delta(NULL, &rep, &l);
	store_incident_state(&rep, &l.state);
	if ((r = store_link_append(s, &l, err)) != YJ_OK)
		goto fail;
	first->id = l.id;
	memcpy(first->hash, l.hash, STORE_HASH_BYTES);
	/* New: the index has no row of it to take out. */
	if ((r = store_search_index(s, in->id, NULL, err)) != YJ_OK)
		goto fail;
	/* Nor the summaries anything to take out. */
	if ((r = store_summary_read(s, in->id, &now, err)) == YJ_OK)
		r = store_summary_apply(s, &now, 1, err);
	store_summary_of_done(&now);
	if (r != YJ_OK)
		goto fail;
	store_link_done(&l);
	store_snapshot_free(&rep, in->nstudents);
	return store_commit(s, err);
fail:
	store_link_done(&l);
	store_snapshot_free(&rep, in->nstudents);
	store_rollback(s);
	return r;
}

/* An event's own columns into a link; its note is a personal part. */
static void
store_incident_event(const struct store_event *ev, struct store_link *l)
{
	l->incident_id = ev->incident_id;
	l->at = ev->at;
	l->actor = ev->actor;
	l->user_id = ev->user_id;
	l->kind = ev->kind;
	l->level = ev->level;
	l->payload = ev->payload;
	if (ev->note != NULL && *ev->note != '\0')
		store_link_part(l, "note", ev->note);
	if (ev->from != NULL && *ev->from != '\0')
		store_link_part(l, "from", ev->from);
}

/*
 * store_incident_update, and with students the incident's students
 * become in's (store_incident_update_students).
 */
static enum yj_status
store_incident_write(struct store *s, const struct store_incident *in,
    bool students, struct store_event *ev, struct yj_error *err)
{
	static const char sql[] =
	    "UPDATE incident SET category = ?2, category_name = ?3,"
	    " severity = ?4, severity_name = ?5, restricted = ?6, state = ?7,"
	    " level = ?8, rung = ?9, occurred_at = ?10, reported_at = ?11,"
	    " reporter = ?12, reporter_role = ?13, logged_by = ?14,"
	    " room_id = ?15, location = ?16, department_id = ?17,"
	    " class_id = ?18, text = ?19, actions = ?20, resolution = ?21,"
	    " rung_since = ?22, ack_due = ?23, resolve_due = ?24,"
	    " emergency = ?25, overdue_since = ?26, report_delay = ?27,"
	    " updated_at = ?28, others = ?29 WHERE id = ?1";
	struct store_search_doc	 old;
	struct store_incident	 cur, after, rep;
	struct store_summary_of	 was, now;
	struct store_link	 l;
	sqlite3_stmt		*st;
	enum yj_status		 r;
	int64_t			 id = in != NULL ? in->id : ev->incident_id;
	size_t			 i, k;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	store_search_doc_init(&old);
	store_link_init(&l);
	memset(&cur, 0, sizeof cur);
	memset(&rep, 0, sizeof rep);
	memset(&was, 0, sizeof was);
	memset(&now, 0, sizeof now);
	/* What it is now, inside the transaction: the delta is against it. */
	if ((r = store_incident_get(s, id, &cur, err)) != YJ_OK)
		goto fail;
	/* What it counts for in the summaries, likewise. */
	if ((r = store_summary_read(s, id, &was, err)) != YJ_OK)
		goto fail;
	/* Its row in the index as it is, before anything here changes it. */
	if ((r = store_search_read(s, id, &old, err)) != YJ_OK)
		goto fail;
	/* The students it will have, each with its snapshot. */
	if (students) {
		rep = *in;
		rep.id = id;
		if ((r = store_snapshot(s, in, &cur, &rep, err)) != YJ_OK)
			goto fail;
	}
	ev->incident_id = id;
	store_incident_event(ev, &l);
	if (in != NULL && !students) {
		/* The students are not this event's to change. */
		struct store_incident	 same = *in;

		same.students = cur.students;
		same.nstudents = cur.nstudents;
		store_incident_delta(&cur, &same, &l);
	} else if (in != NULL)
		store_incident_delta(&cur, &rep, &l);
	/*
	 * The row from what the event says: in's columns (or the row's, for
	 * an event that changes nothing but the last activity), the students
	 * it had (or those it is given), the fields the row has with in's
	 * over them.
	 */
	after = in != NULL ? *in : cur;
	after.students = students ? rep.students : cur.students;
	after.nstudents = students ? rep.nstudents : cur.nstudents;
	after.fields = xcalloc(cur.nfields + (in != NULL ? in->nfields : 0) +
	    1, sizeof *after.fields);
	after.nfields = 0;
	for (i = 0; i < cur.nfields; i++)
		after.fields[after.nfields++] = cur.fields[i];
	for (i = 0; in != NULL && i < in->nfields; i++) {
		for (k = 0; k < after.nfields; k++) {
			if (strcmp(after.fields[k].key, in->fields[i].key) == 0)
				break;
		}
		after.fields[k] = in->fields[i];
		if (k == after.nfields)
			after.nfields++;
	}
	store_incident_state(&after, &l.state);
	if ((st = store_sql(s, sql, err)) == NULL) {
		r = err->status;
		goto fields;
	}
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, after.category);
	store_bind_text(st, 3, after.category_name);
	store_bind_text(st, 4, after.severity);
	store_bind_text(st, 5, after.severity_name);
	sqlite3_bind_int(st, 6, after.restricted);
	store_bind_text(st, 7, after.state);
	store_bind_text(st, 8, after.level);
	sqlite3_bind_int(st, 9, after.rung);
	sqlite3_bind_int64(st, 10, after.occurred_at);
	sqlite3_bind_int64(st, 11, after.reported_at);
	store_bind_text(st, 12, after.reporter ? after.reporter : "");
	store_bind_text(st, 13, after.reporter_role ? after.reporter_role :
	    "");
	sqlite3_bind_int64(st, 14, after.logged_by);
	store_bind_id(st, 15, after.room_id);
	store_bind_text(st, 16, after.location ? after.location : "");
	store_bind_id(st, 17, after.department_id);
	store_bind_id(st, 18, after.class_id);
	store_bind_text(st, 19, after.text ? after.text : "");
	store_bind_text(st, 20, after.actions ? after.actions : "");
	store_bind_text(st, 21, after.resolution ? after.resolution : "");
	sqlite3_bind_int64(st, 22, after.rung_since);
	store_bind_id(st, 23, after.ack_due);
	store_bind_id(st, 24, after.resolve_due);
	sqlite3_bind_int(st, 25, after.emergency);
	store_bind_id(st, 26, after.overdue_since);
	sqlite3_bind_int64(st, 27, after.report_delay);
	sqlite3_bind_int64(st, 28, ev->at);
	store_bind_text(st, 29, after.others ? after.others : "");
	if ((r = store_run(s, st, err, "updating an incident")) != YJ_OK)
		goto fields;
	if (in != NULL && (r = store_incident_put_fields(s, in, err)) != YJ_OK)
		goto fields;
	if ((r = store_link_append(s, &l, err)) != YJ_OK)
		goto fields;
	/* A follow-up set or done: the list of those not done. */
	if ((r = store_followup_keep(s, ev, err)) != YJ_OK)
		goto fields;
	/* After the correction that says so (the schema's trigger asks). */
	if (students && (r = store_incident_put_students(s, &rep, err)) !=
	    YJ_OK)
		goto fields;
	ev->id = l.id;
	memcpy(ev->hash, l.hash, STORE_HASH_BYTES);
	/* The note, resolution, fields or students it is searched by. */
	if ((r = store_search_index(s, id, &old, err)) != YJ_OK)
		goto fields;
	/* Its numbers moved from what it counted for to what it counts for. */
	if ((r = store_summary_read(s, id, &now, err)) != YJ_OK)
		goto fields;
	if (!store_summary_same(&was, &now) &&
	    ((r = store_summary_apply(s, &was, -1, err)) != YJ_OK ||
	    (r = store_summary_apply(s, &now, 1, err)) != YJ_OK))
		goto fields;
	free(after.fields);
	store_summary_of_done(&was);
	store_summary_of_done(&now);
	store_snapshot_free(&rep, rep.nstudents);
	store_incident_free(&cur);
	store_search_doc_done(&old);
	store_link_done(&l);
	return store_commit(s, err);
fields:
	free(after.fields);
fail:
	store_summary_of_done(&was);
	store_summary_of_done(&now);
	store_snapshot_free(&rep, rep.nstudents);
	store_incident_free(&cur);
	store_search_doc_done(&old);
	store_link_done(&l);
	store_rollback(s);
	return r;
}

enum yj_status
store_incident_update(struct store *s, const struct store_incident *in,
    struct store_event *ev, struct yj_error *err)
{
	return store_incident_write(s, in, false, ev, err);
}

enum yj_status
store_incident_update_students(struct store *s,
    const struct store_incident *in, struct store_event *ev,
    struct yj_error *err)
{
	return store_incident_write(s, in, true, ev, err);
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
	" coalesce(i.overdue_since, 0), i.report_delay, i.others"	\
	" FROM incident i JOIN user u ON u.id = i.logged_by"		\
	" LEFT JOIN room r ON r.id = i.room_id"				\
	" LEFT JOIN building b ON b.id = r.building_id"

static enum yj_status
store_incident_row(struct store *s, sqlite3_stmt *st,
    struct store_incident *in, struct yj_error *err)
{
	/* As reported: the roster may have changed since. */
	static const char students[] =
	    "SELECT student_id, number, name FROM incident_student"
	    " WHERE incident_id = ?1 ORDER BY pos";
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
	in->others = store_text(st, 30);

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
		return yj_fail(err, YJ_NOT_FOUND, _("no incident %lld"),
		    (long long)id);
	}
	r = store_incident_row(s, st, out, err);
	sqlite3_reset(st);
	/* When retention took its personal details: said where it is shown. */
	if (r == YJ_OK && (st = store_sql(s, "SELECT coalesce(max(at), 0)"
	    " FROM event WHERE incident_id = ?1 AND kind = 'retained'",
	    err)) == NULL)
		r = err->status;
	else if (r == YJ_OK) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			out->retained_at = sqlite3_column_int64(st, 0);
		else
			r = store_fail(s, err, "reading an incident");
		sqlite3_reset(st);
	}
	if (r != YJ_OK)
		store_incident_free(out);
	return r;
}

/* The terms of a filter, as STORE_INCIDENT_WHERE numbers them. */
static void
store_incident_bind(sqlite3_stmt *st, const struct store_filter *f)
{
	store_bind_text(st, 2, f->category);
	store_bind_text(st, 3, f->severity);
	store_bind_text(st, 4, f->level);
	store_bind_id(st, 5, f->student);
	store_bind_id(st, 6, f->since);
	store_bind_id(st, 7, f->until);
	store_bind_id(st, 10, f->overdue_at);
	store_bind_id(st, 11, f->building);
	store_bind_id(st, 12, f->department);
	store_bind_id(st, 13, f->logged_by);
	store_bind_text(st, 14, f->text != NULL && *f->text ? f->text : NULL);
	store_bind_text(st, 16, f->state);
	sqlite3_bind_int(st, 17, f->emergency);
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
	    !record_state_is(f->state, RECORD_RESOLVED));
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
	store_incident_bind(st, f);
	sqlite3_bind_int64(st, 8, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(st, 15, f->offset > 0 ? f->offset : 0);
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

enum yj_status
store_incident_count(struct store *s, const struct store_filter *f,
    int64_t *count, struct yj_error *err)
{
#define STORE_INCIDENT_COUNT_SQL(open, student)				\
	"SELECT count(*) FROM incident i" STORE_INCIDENT_WHERE open student
	static const char *const sqls[2][2] = {
		{ STORE_INCIDENT_COUNT_SQL("", ""),
		  STORE_INCIDENT_COUNT_SQL("", STORE_INCIDENT_STUDENT) },
		{ STORE_INCIDENT_COUNT_SQL(STORE_INCIDENT_OPEN, ""),
		  STORE_INCIDENT_COUNT_SQL(STORE_INCIDENT_OPEN,
		  STORE_INCIDENT_STUDENT) },
	};
	bool		 open = f->open_only || (f->state != NULL &&
	    !record_state_is(f->state, RECORD_RESOLVED));
	sqlite3_stmt	*st;
	enum yj_status	 r = YJ_OK;

	/* The same terms as store_incidents, so the two always agree. */
	if ((st = store_sql(s, sqls[open][f->student != 0], err)) == NULL)
		return err->status;
	store_incident_bind(st, f);
	*count = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	else
		r = store_fail(s, err, "counting incidents");
	sqlite3_reset(st);
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
	ev->from = store_text(st, 10);
}

#define STORE_EVENT_SELECT						\
	"SELECT e.id, e.incident_id, e.at, e.actor,"			\
	" coalesce(e.user_id, 0), e.kind, e.level, coalesce(p.value, ''),"\
	" e.payload, e.hash, coalesce(f.value, '') FROM event e"	\
	" LEFT JOIN event_part p ON p.event_id = e.id AND p.part = 'note'"\
	" LEFT JOIN event_part f ON f.event_id = e.id AND f.part = 'from'"

enum yj_status
store_events(struct store *s, int64_t incident, store_event_cb cb, void *arg,
    struct yj_error *err)
{
	struct store_event	 ev;
	sqlite3_stmt		*st;
	int			 rc, stop = 0;

	if ((st = store_sql(s, STORE_EVENT_SELECT
	    " WHERE e.incident_id = ?1 ORDER BY e.id", err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, incident);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_event_row(st, &ev);
		stop = cb(arg, &ev);
		store_event_free(&ev);
	}
	if (!stop && rc != SQLITE_DONE) {
		enum yj_status	 r = store_fail(s, err, "reading the history");

		sqlite3_reset(st);
		return r;
	}
	sqlite3_reset(st);
	return YJ_OK;
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
