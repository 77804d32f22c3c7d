/* Unit tests of yj_store: on :memory: and on files. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

#include "verified.h"

/* White-box: the connection itself, for what no API lets through. */
#include "../../src/store/internal.h"

static struct store *
open_memory(void)
{
	struct store	*s;
	struct yj_error	 err;

	assert_int_equal(store_open(":memory:", STORE_CREATE, &s, &err),
	    YJ_OK);
	return s;
}

/* A department, a class, a room and two students. */
static const struct store_actor test_by = { "system", 0, 1700000000 };

static void
fill(struct store *s, int64_t *class_id, int64_t *room_id)
{
	struct store_student	 st;
	struct yj_error		 err;
	enum store_upsert	 what;
	int64_t			 dep, b;

	assert_int_equal(store_department_ensure(s, "计算机学院", &dep, &err),
	    YJ_OK);
	assert_int_equal(store_class_ensure(s, "计科2301", dep, class_id,
	    &err), YJ_OK);
	assert_int_equal(store_building_ensure(s, "3", &b, &err), YJ_OK);
	assert_int_equal(store_room_ensure(s, b, "402", room_id, &err), YJ_OK);
	memset(&st, 0, sizeof st);
	st.number = "2023001";
	st.name = "张三";
	st.gender = "男";
	st.class_id = *class_id;
	st.room_id = *room_id;
	st.phone = "13800000001";
	assert_int_equal(store_student_put(s, &st, &what, &err), YJ_OK);
	assert_int_equal(what, STORE_ADDED);
	st.number = "2023002";
	st.name = "李四";
	assert_int_equal(store_student_put(s, &st, &what, &err), YJ_OK);
}

static int64_t
add_user(struct store *s, const char *login, const char *role)
{
	struct store_user	 u;
	struct yj_error		 err;

	memset(&u, 0, sizeof u);
	u.login = (char *)login;
	u.display = (char *)login;
	u.role = (char *)role;
	u.pwhash = "x";
	assert_int_equal(store_user_add(s, &u, &test_by, &err), YJ_OK);
	return u.id;
}

static void
test_open_memory(void **state)
{
	struct store	*s = open_memory();
	struct store_counts c;
	struct yj_error	 err;

	(void)state;
	assert_string_equal(store_journal_mode(s), "delete");
	assert_int_equal(store_counts(s, &c, &err), YJ_OK);
	assert_int_equal(c.students + c.incidents + c.events + c.users, 0);
	store_close(s);
}

static void
test_org(void **state)
{
	struct store		*s = open_memory();
	struct store_student	 st, got;
	struct yj_error		 err;
	enum store_upsert	 what;
	int64_t			 cls, room, dep2, again, id;

	(void)state;
	fill(s, &cls, &room);
	/* Ensuring again finds the same row. */
	assert_int_equal(store_department_ensure(s, "外语学院", &dep2, &err),
	    YJ_OK);
	assert_int_equal(store_class_ensure(s, "计科2301", dep2, &again,
	    &err), YJ_BAD_INPUT);
	assert_non_null(strstr(err.msg, "计算机学院"));
	assert_int_equal(store_room_find(s, "3", "402", &id, &err), YJ_OK);
	assert_int_equal(id, room);
	assert_int_equal(store_room_find(s, "3", "403", &id, &err),
	    YJ_NOT_FOUND);
	assert_int_equal(store_unit_find(s, STORE_UNIT_CLASS, "计科2301", &id,
	    &err), YJ_OK);
	assert_int_equal(id, cls);

	assert_int_equal(store_student_get(s, "2023001", &got, &err), YJ_OK);
	assert_string_equal(got.name, "张三");
	assert_string_equal(got.class_name, "计科2301");
	assert_string_equal(got.department_name, "计算机学院");
	assert_string_equal(got.room, "3-402");
	store_student_free(&got);
	assert_int_equal(store_student_get(s, "9999", &got, &err),
	    YJ_NOT_FOUND);

	/* The same again is unchanged; a new phone an update; a new room a move. */
	memset(&st, 0, sizeof st);
	st.number = "2023001";
	st.name = "张三";
	st.gender = "男";
	st.class_id = cls;
	st.room_id = room;
	st.phone = "13800000001";
	assert_int_equal(store_student_put(s, &st, &what, &err), YJ_OK);
	assert_int_equal(what, STORE_UNCHANGED);
	st.phone = "13800000009";
	assert_int_equal(store_student_put(s, &st, &what, &err), YJ_OK);
	assert_int_equal(what, STORE_UPDATED);
	st.room_id = 0;
	assert_int_equal(store_student_put(s, &st, &what, &err), YJ_OK);
	assert_int_equal(what, STORE_MOVED);
	assert_int_equal(store_student_get(s, "2023001", &got, &err), YJ_OK);
	assert_string_equal(got.phone, "13800000009");
	assert_int_equal(got.room_id, 0);
	assert_string_equal(got.room, "");
	store_student_free(&got);
	store_close(s);
}

static void
test_responsible(void **state)
{
	struct store		*s = open_memory();
	struct store_person	 p;
	struct yj_error		 err;
	int64_t			 cls, room, a, b, a2;

	(void)state;
	fill(s, &cls, &room);
	assert_int_equal(store_person_ensure(s, "陈老师", "137", "辅导员", &a,
	    &err), YJ_OK);
	assert_int_equal(store_person_ensure(s, "陈老师", "137", "", &a2,
	    &err), YJ_OK);
	assert_int_equal(a, a2);
	assert_int_equal(store_person_ensure(s, "王老师", "", "", &b, &err),
	    YJ_OK);
	assert_int_equal(store_responsible_get(s, "counselor",
	    STORE_UNIT_CLASS, cls, &p, &err), YJ_NOT_FOUND);
	assert_int_equal(store_responsible_set(s, "counselor",
	    STORE_UNIT_CLASS, cls, a, &err), YJ_OK);
	assert_int_equal(store_responsible_get(s, "counselor",
	    STORE_UNIT_CLASS, cls, &p, &err), YJ_OK);
	assert_string_equal(p.name, "陈老师");
	assert_string_equal(p.title, "辅导员");	/* kept: "" changes nothing */
	store_person_free(&p);
	/* Setting again replaces. */
	assert_int_equal(store_responsible_set(s, "counselor",
	    STORE_UNIT_CLASS, cls, b, &err), YJ_OK);
	assert_int_equal(store_responsible_get(s, "counselor",
	    STORE_UNIT_CLASS, cls, &p, &err), YJ_OK);
	assert_string_equal(p.name, "王老师");
	assert_string_equal(p.phone, "");
	store_person_free(&p);
	/* School level: one unit. */
	assert_int_equal(store_responsible_set(s, "security",
	    STORE_UNIT_SCHOOL, 42, a, &err), YJ_OK);
	assert_int_equal(store_responsible_get(s, "security",
	    STORE_UNIT_SCHOOL, 0, &p, &err), YJ_OK);
	store_person_free(&p);
	store_close(s);
}

static void
test_users(void **state)
{
	struct store		*s = open_memory();
	struct store_user	 u;
	struct yj_error		 err;
	int64_t			 cls, room, scope[1];

	(void)state;
	fill(s, &cls, &room);
	memset(&u, 0, sizeof u);
	u.login = "chen";
	u.display = "陈老师";
	u.role = "counselor";
	u.pwhash = "$argon2id$...";
	scope[0] = cls;
	u.scope_classes = scope;
	u.nscope_classes = 1;
	assert_int_equal(store_user_add(s, &u, &test_by, &err), YJ_OK);
	assert_true(u.id > 0);
	assert_int_equal(store_user_add(s, &u, &test_by, &err), YJ_EXISTS);

	assert_int_equal(store_user_get(s, "chen", &u, &err), YJ_OK);
	assert_string_equal(u.display, "陈老师");
	assert_int_equal(u.nscope_classes, 1);
	assert_int_equal(u.scope_classes[0], cls);
	assert_false(u.disabled);
	store_user_free(&u);

	assert_int_equal(store_user_set_password(s, "chen", "new", true, NULL,
	    &test_by, &err), YJ_OK);
	assert_int_equal(store_user_get(s, "chen", &u, &err), YJ_OK);
	assert_true(u.must_change);
	store_user_free(&u);
	assert_int_equal(store_user_disable(s, "chen", &test_by, &err), YJ_OK);
	assert_int_equal(store_user_get(s, "chen", &u, &err), YJ_OK);
	assert_string_equal(u.pwhash, "new");
	assert_true(u.disabled);
	store_user_free(&u);
	assert_int_equal(store_user_disable(s, "nobody", &test_by, &err), YJ_NOT_FOUND);
	assert_int_equal(store_user_get(s, "nobody", &u, &err), YJ_NOT_FOUND);
	store_close(s);
}

static void
make_incident(struct store_incident *in, int64_t user, int64_t at,
    const char *category)
{
	memset(in, 0, sizeof *in);
	in->category = (char *)category;
	in->category_name = "夜不归宿";
	in->severity = "serious";
	in->severity_name = "较重";
	in->state = "open";
	in->level = "counselor";
	in->occurred_at = at;
	in->reported_at = at + 60;
	in->reporter = "值班员";
	in->logged_by = user;
	in->text = "未归";
	in->rung_since = at + 60;
	in->ack_due = at + 1860;
	in->updated_at = at + 60;
}

/*
 * A night absence of one student (in room, or 0), last seen 22:30, as
 * reported by user at 1000060; its report event's id.
 */
static int64_t
report_absence(struct store *s, int64_t user, int64_t student, int64_t room,
    struct store_incident *in)
{
	static struct store_incident_student	 who[1];
	static struct store_field		 f[1];
	struct store_event			 ev;
	struct yj_error				 err;

	make_incident(in, user, 1000000, "night_absence");
	who[0].id = student;
	in->students = who;
	in->nstudents = 1;
	f[0].key = "last_seen";
	f[0].value = "22:30";
	in->fields = f;
	in->nfields = 1;
	in->room_id = room;
	memset(&ev, 0, sizeof ev);
	ev.at = 1000060;
	ev.actor = "duty1";
	ev.user_id = user;
	ev.kind = "reported";
	ev.level = "counselor";
	assert_int_equal(store_incident_add(s, in, &ev, &err), YJ_OK);
	return ev.id;
}

static int
count_cb(void *arg, struct store_incident *in)
{
	(void)in;
	(*(int *)arg)++;
	return 0;
}

static int
kinds_cb(void *arg, const struct store_event *ev)
{
	strcat(arg, ev->kind);
	strcat(arg, " ");
	return 0;
}

static void
test_incidents(void **state)
{
	struct store			*s = open_memory();
	struct store_incident		 in, got;
	struct store_event		 ev;
	struct store_filter		 flt;
	struct store_student		 st;
	struct yj_error			 err;
	int64_t				 cls, room, user;
	char				 kinds[256] = "";
	int				 n;

	(void)state;
	fill(s, &cls, &room);
	user = add_user(s, "duty1", "duty_officer");
	assert_int_equal(store_student_get(s, "2023002", &st, &err), YJ_OK);

	report_absence(s, user, st.id, room, &in);
	assert_true(in.id > 0);

	assert_int_equal(store_incident_get(s, in.id, &got, &err), YJ_OK);
	assert_string_equal(got.category, "night_absence");
	assert_string_equal(got.logged_by_login, "duty1");
	assert_string_equal(got.room, "3-402");
	assert_int_equal(got.nstudents, 1);
	assert_string_equal(got.students[0].name, "李四");
	assert_int_equal(got.nfields, 1);
	assert_string_equal(got.fields[0].value, "22:30");
	assert_int_equal(got.ack_due, 1001860);

	/* An acknowledgement changes the summary and appends an event. */
	free(got.state);
	got.state = xstrdup("acknowledged");
	got.ack_due = 0;
	memset(&ev, 0, sizeof ev);
	ev.at = 1000500;
	ev.actor = "duty1";
	ev.user_id = user;
	ev.kind = "acknowledged";
	ev.level = "counselor";
	assert_int_equal(store_incident_update(s, &got, &ev, &err), YJ_OK);
	store_incident_free(&got);
	assert_int_equal(store_incident_get(s, in.id, &got, &err), YJ_OK);
	assert_string_equal(got.state, "acknowledged");
	assert_int_equal(got.ack_due, 0);
	assert_int_equal(got.updated_at, 1000500);
	store_incident_free(&got);
	assert_int_equal(store_incident_get(s, 999, &got, &err), YJ_NOT_FOUND);

	/* A second incident, another category, later. */
	make_incident(&in, user, 2000000, "fighting");
	memset(&ev, 0, sizeof ev);
	ev.at = 2000060;
	ev.actor = "duty1";
	ev.kind = "reported";
	assert_int_equal(store_incident_add(s, &in, &ev, &err), YJ_OK);

	memset(&flt, 0, sizeof flt);
	n = 0;
	assert_int_equal(store_incidents(s, &flt, count_cb, &n, &err), YJ_OK);
	assert_int_equal(n, 2);
	flt.category = "fighting";
	n = 0;
	assert_int_equal(store_incidents(s, &flt, count_cb, &n, &err), YJ_OK);
	assert_int_equal(n, 1);
	memset(&flt, 0, sizeof flt);
	flt.student = st.id;
	n = 0;
	assert_int_equal(store_incidents(s, &flt, count_cb, &n, &err), YJ_OK);
	assert_int_equal(n, 1);
	memset(&flt, 0, sizeof flt);
	flt.since = 1500000;
	n = 0;
	assert_int_equal(store_incidents(s, &flt, count_cb, &n, &err), YJ_OK);
	assert_int_equal(n, 1);
	memset(&flt, 0, sizeof flt);
	flt.limit = 1;
	n = 0;
	assert_int_equal(store_incidents(s, &flt, count_cb, &n, &err), YJ_OK);
	assert_int_equal(n, 1);

	assert_int_equal(store_events(s, 1, kinds_cb, kinds, &err), YJ_OK);
	assert_string_equal(kinds, "reported acknowledged ");
	assert_int_equal(store_org_seal(s, "roster_imported", "test", &test_by,
	    &err), YJ_OK);
	/* The user, the first incident's two events, the second's, the import. */
	verify_clean(s, 5);
	store_student_free(&st);
	store_close(s);
}

static int
order_cb(void *arg, struct store_incident *in)
{
	char	 id[16];

	snprintf(id, sizeof id, "%lld ", (long long)in->id);
	strcat(arg, id);
	return 0;
}

static void
test_urgent_order(void **state)
{
	struct store		*s = open_memory();
	struct store_incident	 in;
	struct store_event	 ev;
	struct store_filter	 f;
	struct yj_error		 err;
	int64_t			 cls, room, user, due[4] = { 5000, 0, 3000, 9000 };
	char			 order[64] = "";
	int			 i;

	(void)state;
	fill(s, &cls, &room);
	user = add_user(s, "duty1", "duty_officer");
	/* 1: due later; 2: acknowledged (no clock); 3: past due; 4: an
	 * emergency due last of all. */
	for (i = 0; i < 4; i++) {
		make_incident(&in, user, 1000 + i, "night_absence");
		in.ack_due = due[i];
		in.emergency = i == 3;
		memset(&ev, 0, sizeof ev);
		ev.at = 1000;
		ev.actor = "duty1";
		ev.kind = "reported";
		assert_int_equal(store_incident_add(s, &in, &ev, &err), YJ_OK);
	}
	memset(&f, 0, sizeof f);
	f.urgent_at = 4000;
	assert_int_equal(store_incidents(s, &f, order_cb, order, &err), YJ_OK);
	assert_string_equal(order, "4 3 1 2 ");
	order[0] = '\0';
	f.urgent_at = 0;	/* newest first */
	assert_int_equal(store_incidents(s, &f, order_cb, order, &err), YJ_OK);
	assert_string_equal(order, "4 3 2 1 ");
	store_close(s);
}

static void
test_nested_rollback(void **state)
{
	struct store	*s = open_memory();
	struct yj_error	 err;
	struct store_counts c;
	int64_t		 dep;

	(void)state;
	assert_int_equal(store_begin(s, &err), YJ_OK);
	assert_int_equal(store_department_ensure(s, "A", &dep, &err), YJ_OK);
	assert_int_equal(store_begin(s, &err), YJ_OK);
	assert_int_equal(store_department_ensure(s, "B", &dep, &err), YJ_OK);
	store_rollback(s);	/* the inner level gives up: all of it goes */
	/* Nothing more runs in the outer level, which must fail. */
	assert_int_not_equal(store_department_ensure(s, "D", &dep, &err),
	    YJ_OK);
	assert_int_not_equal(store_begin(s, &err), YJ_OK);
	assert_int_not_equal(store_commit(s, &err), YJ_OK);
	assert_int_equal(store_counts(s, &c, &err), YJ_OK);
	assert_int_equal(c.departments, 0);

	/* And the next transaction starts clean. */
	assert_int_equal(store_begin(s, &err), YJ_OK);
	assert_int_equal(store_begin(s, &err), YJ_OK);
	assert_int_equal(store_department_ensure(s, "C", &dep, &err), YJ_OK);
	assert_int_equal(store_commit(s, &err), YJ_OK);
	assert_int_equal(store_commit(s, &err), YJ_OK);
	assert_int_equal(store_counts(s, &c, &err), YJ_OK);
	assert_int_equal(c.departments, 1);
	store_close(s);
}

static void
test_files(void **state)
{
	char		 dir[] = "/tmp/yj-store-XXXXXX", path[256], path2[256];
	struct store	*s, *s2;
	struct yj_error	 err;
	struct stat	 sb;
	int64_t		 dep;
	FILE		*f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/a.db", dir);
	snprintf(path2, sizeof path2, "%s/b.db", dir);

	assert_int_equal(store_open(path, 0, &s, &err), YJ_IO);
	assert_non_null(strstr(err.msg, "yujing init"));
	assert_int_equal(store_open(path, STORE_CREATE, &s, &err), YJ_OK);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(store_department_ensure(s, "A", &dep, &err), YJ_OK);
	/* A second connection sees the first one's committed rows. */
	assert_int_equal(store_open(path, 0, &s2, &err), YJ_OK);
	assert_int_equal(store_unit_find(s2, STORE_UNIT_DEPARTMENT, "A", &dep,
	    &err), YJ_OK);
	store_close(s2);
	store_close(s);
	assert_int_equal(store_open(path, STORE_CREATE, &s, &err), YJ_EXISTS);

	assert_int_equal(store_open(path2, STORE_CREATE | STORE_GROUP, &s,
	    &err), YJ_OK);
	store_close(s);
	assert_int_equal(stat(path2, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0660);

	/* A text file is not a database, and nothing is written to it. */
	f = fopen(path2, "w");
	fputs("not a database\n", f);
	fclose(f);
	assert_int_equal(store_open(path2, 0, &s, &err), YJ_DB_NOT);
	assert_int_equal(stat(path2, &sb), 0);
	assert_int_equal(sb.st_size, 15);
	/* An empty file is not ours either. */
	f = fopen(path2, "w");
	fclose(f);
	assert_int_equal(store_open(path2, 0, &s, &err), YJ_DB_NOT);

	unlink(path);
	unlink(path2);
	rmdir(dir);
}

/* An event on in that sets its state and resolution, as the core does. */
static void
resolve_as(struct store *s, struct store_incident *in, int64_t user,
    int64_t at, const char *state, const char *resolution)
{
	struct store_incident	 cur;
	struct store_event	 ev;
	struct yj_error		 err;

	assert_int_equal(store_incident_get(s, in->id, &cur, &err), YJ_OK);
	free(cur.state);
	cur.state = xstrdup(state);
	free(cur.resolution);
	cur.resolution = xstrdup(resolution);
	memset(&ev, 0, sizeof ev);
	ev.at = at;
	ev.actor = "duty1";
	ev.user_id = user;
	ev.kind = *resolution != '\0' ? "resolved" : "reopened";
	ev.note = *resolution == '\0' ? "again" : NULL;
	assert_int_equal(store_incident_update(s, &cur, &ev, &err), YJ_OK);
	store_incident_free(&cur);
}

/* The event that first set an incident's resolution. */
static int64_t
first_resolution(struct store *s, int64_t incident)
{
	sqlite3_stmt	*q;
	int64_t		 id;

	assert_int_equal(sqlite3_prepare_v2(s->db, "SELECT min(e.id) FROM"
	    " event e JOIN event_part p ON p.event_id = e.id WHERE"
	    " e.incident_id = ?1 AND p.part = 'resolution'", -1, &q, NULL),
	    SQLITE_OK);
	sqlite3_bind_int64(q, 1, incident);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	id = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return id;
}

/* Whether verify names that part of that event among what it finds. */
static bool
verify_names(struct store *s, int64_t event, const char *part)
{
	struct store_verify	 v;
	struct yj_error		 err;
	size_t			 i;
	bool			 named = false;

	assert_int_equal(store_verify(s, 0, NULL, &v, &err), YJ_OK);
	for (i = 0; i < v.ndiffs; i++) {
		if (v.diffs[i].kind == STORE_DIFF_INCIDENT &&
		    v.diffs[i].event == event && v.diffs[i].field != NULL &&
		    strcmp(v.diffs[i].field, part) == 0)
			named = true;
	}
	store_verify_free(&v);
	return named;
}

/*
 * Retention blanks a personal part through the one path: its value goes,
 * its digest stays, the chain still verifies and the row holds it no more.
 * A byte of a part flipped is found and named.
 */
static void
test_retention(void **state)
{
	struct store			*s = open_memory();
	struct store_incident		 in, got;
	struct store_event		 ev;
	struct store_student		 st;
	struct yj_error			 err;
	sqlite3_stmt			*q;
	int64_t				 cls, room, user, report, note;

	(void)state;
	fill(s, &cls, &room);
	user = add_user(s, "duty1", "duty_officer");
	assert_int_equal(store_org_seal(s, "roster_imported", "test", &test_by,
	    &err), YJ_OK);
	assert_int_equal(store_student_get(s, "2023002", &st, &err), YJ_OK);
	report = report_absence(s, user, st.id, 0, &in);
	memset(&ev, 0, sizeof ev);
	ev.incident_id = in.id;
	ev.at = 1000100;
	ev.actor = "duty1";
	ev.user_id = user;
	ev.kind = "note";
	ev.note = "母亲电话 13900000000";
	assert_int_equal(store_incident_update(s, NULL, &ev, &err), YJ_OK);
	note = ev.id;
	verify_clean(s, -1);

	/* The report's text, a student's name, a field, the note. */
	assert_int_equal(store_part_blank(s, report, "text", &test_by, &err),
	    YJ_OK);
	assert_int_equal(store_part_blank(s, report, "student:0:name",
	    &test_by, &err), YJ_OK);
	assert_int_equal(store_part_blank(s, report, "field:last_seen",
	    &test_by, &err), YJ_OK);
	assert_int_equal(store_part_blank(s, note, "note", &test_by, &err),
	    YJ_OK);
	assert_int_equal(store_part_blank(s, note, "nothing", &test_by, &err),
	    YJ_NOT_FOUND);
	verify_clean(s, -1);
	assert_int_equal(store_incident_get(s, in.id, &got, &err), YJ_OK);
	assert_string_equal(got.text, "");
	assert_string_equal(got.students[0].name, "");
	assert_string_equal(got.students[0].number, "2023002");
	assert_string_equal(got.fields[0].value, "");
	store_incident_free(&got);
	/*
	 * A value said again later (resolved, reopened, resolved the same
	 * way): blanking the first leaves the row, which holds the second.
	 */
	resolve_as(s, &in, user, 1000200, "resolved", "已返校");
	resolve_as(s, &in, user, 1000300, "open", "");
	resolve_as(s, &in, user, 1000400, "resolved", "已返校");
	assert_int_equal(store_part_blank(s, first_resolution(s, in.id),
	    "resolution", &test_by, &err), YJ_OK);
	assert_int_equal(store_incident_get(s, in.id, &got, &err), YJ_OK);
	assert_string_equal(got.resolution, "已返校");
	store_incident_free(&got);
	verify_clean(s, -1);

	/* Nothing but blanking: the trigger refuses a value put back. */
	assert_int_not_equal(sqlite3_exec(s->db, "UPDATE event_part SET"
	    " value = 'x' WHERE part = 'note'", NULL, NULL, NULL), SQLITE_OK);

	/* Blanked around yujing: no retention event says so. */
	assert_int_equal(sqlite3_exec(s->db, "UPDATE event_part SET value ="
	    " NULL WHERE part = 'student:0:number'", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_true(verify_names(s, report, "student:0:number"));
	/* One byte of a part that is still there, flipped. */
	assert_int_equal(sqlite3_exec(s->db, "DROP TRIGGER"
	    " event_part_blank_only", NULL, NULL, NULL), SQLITE_AUTH);
	assert_int_equal(sqlite3_prepare_v2(s->db, "SELECT count(*) FROM"
	    " event_part WHERE value IS NULL", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(q, 0), 6);
	sqlite3_finalize(q);
	s->migrating = true;	/* as the sqlite3 shell could */
	assert_int_equal(sqlite3_exec(s->db, "DROP TRIGGER"
	    " event_part_blank_only; UPDATE event_part SET value ="
	    " '2023003' WHERE part = 'student:0:number'", NULL, NULL, NULL),
	    SQLITE_OK);
	s->migrating = false;
	assert_true(verify_names(s, report, "student:0:number"));
	store_student_free(&st);
	store_close(s);
}

/*
 * Every connection of the store refuses schema changes outside the
 * migrations (the authorizer) and writing the schema table (defensive).
 */
static void
test_guarded(void **state)
{
	struct store	*s = open_memory();

	(void)state;
	assert_int_equal(sqlite3_exec(s->db, "CREATE TABLE x (y)", NULL,
	    NULL, NULL), SQLITE_AUTH);
	assert_int_equal(sqlite3_exec(s->db, "DROP TRIGGER event_no_update",
	    NULL, NULL, NULL), SQLITE_AUTH);
	assert_int_equal(sqlite3_exec(s->db, "CREATE TEMP TRIGGER t AFTER"
	    " INSERT ON event BEGIN SELECT 1; END", NULL, NULL, NULL),
	    SQLITE_AUTH);
	assert_int_not_equal(sqlite3_exec(s->db, "PRAGMA writable_schema = ON;"
	    " UPDATE sqlite_schema SET sql = 'x' WHERE name ="
	    " 'event_no_update'", NULL, NULL, NULL), SQLITE_OK);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_memory),
		cmocka_unit_test(test_org),
		cmocka_unit_test(test_responsible),
		cmocka_unit_test(test_users),
		cmocka_unit_test(test_incidents),
		cmocka_unit_test(test_urgent_order),
		cmocka_unit_test(test_nested_rollback),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_retention),
		cmocka_unit_test(test_guarded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
