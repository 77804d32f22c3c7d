/*
 * Unit tests of search: the incident index (store/search.c) with short
 * Chinese words, words in either case, student numbers and names, notes
 * added later, old text taken out of the contentless index when it
 * changes, a database from before the index; what a user may not read
 * staying out of the results (core/search.c); and the student picker.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/incident.h"
#include "yujing/policy.h"
#include "yujing/retention.h"
#include "yujing/search.h"
#include "yujing/store.h"
#include "yujing/users.h"

#define T0	1764000000	/* a fixed moment: the clock is ours */
#define HOUR	3600

struct hits {
	int64_t	 ids[32];
	char	 names[32][64];
	size_t	 n;
};

static const struct store_actor test_by = { "system", 0, 1700000000 };

static int
hit_id(void *arg, int64_t id)
{
	struct hits	*h = arg;

	if (h->n < 32)
		h->ids[h->n] = id;
	h->n++;
	return 0;
}

static int
hit_incident(void *arg, const struct store_incident *in, bool redacted)
{
	assert_false(redacted);
	return hit_id(arg, in->id);
}

static int
hit_student(void *arg, const struct store_student *st)
{
	struct hits	*h = arg;

	if (h->n < 32) {
		h->ids[h->n] = st->id;
		snprintf(h->names[h->n], sizeof h->names[0], "%s %s %s %s",
		    st->number, st->name, st->class_name, st->room);
	}
	h->n++;
	return 0;
}

/* The ids store_search finds for query (all of them). */
static struct hits
find(struct store *s, const char *query)
{
	struct hits	 h;
	struct yj_error	 err;

	memset(&h, 0, sizeof h);
	if (store_search(s, query, 0, hit_id, &h, &err) != YJ_OK)
		fail_msg("search %s: %s", query, err.msg);
	return h;
}

static bool
found(struct store *s, const char *query, int64_t id)
{
	struct hits	 h = find(s, query);
	size_t		 i;

	for (i = 0; i < h.n && i < 32; i++) {
		if (h.ids[i] == id)
			return true;
	}
	return false;
}

static struct hits
students(struct store *s, const char *query, size_t limit)
{
	struct hits	 h;
	struct yj_error	 err;

	memset(&h, 0, sizeof h);
	if (store_student_find(s, query, limit, hit_student, &h, &err) !=
	    YJ_OK)
		fail_msg("student find %s: %s", query, err.msg);
	return h;
}

static void
add_student(struct store *s, const char *number, const char *name,
    int64_t cls, int64_t room)
{
	struct store_student	 st;
	struct yj_error		 err;
	enum store_upsert	 what;

	memset(&st, 0, sizeof st);
	st.number = (char *)number;
	st.name = (char *)name;
	st.gender = "男";
	st.class_id = cls;
	st.room_id = room;
	assert_int_equal(store_student_put(s, &st, &what, &err), YJ_OK);
}

/* The school: one class, rooms 3-402 and 3-403, a few students. */
static void
fill(struct store *s)
{
	struct yj_error	 err;
	int64_t		 dep, cls, b, r402, r403;

	assert_int_equal(store_department_ensure(s, "计算机学院", &dep, &err),
	    YJ_OK);
	assert_int_equal(store_class_ensure(s, "计科2301", dep, &cls, &err),
	    YJ_OK);
	assert_int_equal(store_building_ensure(s, "3", &b, &err), YJ_OK);
	assert_int_equal(store_room_ensure(s, b, "402", &r402, &err), YJ_OK);
	assert_int_equal(store_room_ensure(s, b, "403", &r403, &err), YJ_OK);
	add_student(s, "2023001", "张三", cls, r402);
	add_student(s, "2023002", "李四", cls, r402);
	add_student(s, "2024001", "小张三", cls, r403);
	add_student(s, "2024002", "王五", cls, 0);
}

/* The app on a new database at path, the school and two users in it. */
static void
setup_app_at(struct yj_app *a, const char *path)
{
	static const char *const scope[] = { "计科2301" };
	struct users_new	 u;
	struct diags		 d;
	struct yj_error		 err;

	app_init(a);
	a->clock = T0;
	diags_init(&d, YJ_SOURCE_DIR "/rules.yaml");
	assert_int_equal(app_load_policy(a, YJ_SOURCE_DIR "/rules.yaml", &d),
	    0);
	diags_done(&d);
	assert_int_equal(app_open_db(a, path, STORE_CREATE, &err), YJ_OK);
	fill(a->store);
	memset(&u, 0, sizeof u);
	u.login = "chen";
	u.role = "counselor";
	u.scope = scope;
	u.nscope = 1;
	u.password = "long-enough-1";
	assert_int_equal(users_add(a, &u, true, &err), YJ_OK);
	u.login = "duty";
	u.role = "duty_officer";
	u.scope = NULL;
	u.nscope = 0;
	assert_int_equal(users_add(a, &u, true, &err), YJ_OK);
	assert_int_equal(store_user_get(a->store, "duty", &a->user, &err),
	    YJ_OK);
	a->role = policy_role(a->policy, a->user.role);
}

static void
setup_app(struct yj_app *a)
{
	setup_app_at(a, ":memory:");
}

static void
sign_in(struct yj_app *a, const char *login)
{
	struct yj_error	 err;

	store_user_free(&a->user);
	assert_int_equal(store_user_get(a->store, login, &a->user, &err),
	    YJ_OK);
	a->role = policy_role(a->policy, a->user.role);
}

/* Logs an incident an hour after the one before. */
static int64_t
log_one(struct yj_app *a, const char *category, const char *student,
    const char *room, const char *field, const char *action,
    const char *text)
{
	const char		*students[] = { student };
	const char		*fields[] = { field };
	struct incident_draft	 d;
	struct yj_error		 err;
	int64_t			 id;

	a->clock += HOUR;
	memset(&d, 0, sizeof d);
	d.category = category;
	d.students = students;
	d.nstudents = student != NULL ? 1 : 0;
	d.room = room;
	d.fields = fields;
	d.nfields = field != NULL ? 1 : 0;
	d.action = action;
	d.text = text;
	if (incident_log(a, &d, &id, &err) != YJ_OK)
		fail_msg("log: %s", err.msg);
	return id;
}

/* An appliance in 3-402 and a night out, the newest last. */
static void
log_two(struct yj_app *a, int64_t *appliance, int64_t *night)
{
	*appliance = log_one(a, "prohibited_appliance", "2023001", "3-402",
	    "item=热得快", "已收缴并断电",
	    "宿舍使用违规电器，发现一个 HairDryer");
	*night = log_one(a, "night_absence", "2023002", NULL, "last_seen=-2h",
	    NULL, "晚上未归，电话联系不上；电，器");
}

static void
test_chinese(void **state)
{
	struct yj_app	 a;
	struct hits	 h;
	int64_t		 appliance, night;

	(void)state;
	setup_app(&a);
	log_two(&a, &appliance, &night);
	/* Two characters, one, longer: found as written, anywhere. */
	h = find(a.store, "电器");
	assert_int_equal(h.n, 1);
	assert_int_equal(h.ids[0], appliance);
	h = find(a.store, "电");
	assert_int_equal(h.n, 2);
	assert_int_equal(h.ids[0], night);		/* newest first */
	assert_int_equal(h.ids[1], appliance);
	assert_true(found(a.store, "违规电器", appliance));
	assert_true(found(a.store, "规电", appliance));
	/* Not in that order, or split by punctuation, is not a match. */
	assert_int_equal(find(a.store, "器电").n, 0);
	assert_int_equal(find(a.store, "联系上").n, 0);
	assert_false(found(a.store, "电器", night));
	/* Every word must be there. */
	assert_int_equal(find(a.store, "电话 宿舍").n, 0);
	h = find(a.store, "电话　未归");		/* an ideographic space */
	assert_int_equal(h.n, 1);
	assert_int_equal(h.ids[0], night);
	/* The field's value, the action taken, the room, the category. */
	assert_true(found(a.store, "热得快", appliance));
	assert_true(found(a.store, "收缴", appliance));
	assert_true(found(a.store, "3-402", appliance));
	assert_false(found(a.store, "3-402", night));
	assert_true(found(a.store, "夜不归宿", night));
	app_done(&a);
}

static void
test_ascii(void **state)
{
	struct yj_app	 a;
	int64_t		 appliance, night;

	(void)state;
	setup_app(&a);
	log_two(&a, &appliance, &night);
	assert_true(found(a.store, "hairdryer", appliance));
	assert_true(found(a.store, "HAIRDRYER", appliance));
	assert_true(found(a.store, "Hair", appliance));	/* a word's start */
	assert_true(found(a.store, "ＨＡＩＲ", appliance));	/* full width */
	assert_int_equal(find(a.store, "hairdryers").n, 0);
	assert_int_equal(find(a.store, "hair 电话").n, 0);
	app_done(&a);
}

static void
test_students(void **state)
{
	struct yj_app	 a;
	struct hits	 h;
	int64_t		 appliance, night;

	(void)state;
	setup_app(&a);
	log_two(&a, &appliance, &night);
	h = find(a.store, "2023");
	assert_int_equal(h.n, 2);
	h = find(a.store, "2023001");
	assert_int_equal(h.n, 1);
	assert_int_equal(h.ids[0], appliance);
	assert_true(found(a.store, "２０２３００２", night));
	assert_int_equal(find(a.store, "2024").n, 0);
	h = find(a.store, "李四");
	assert_int_equal(h.n, 1);
	assert_int_equal(h.ids[0], night);
	assert_true(found(a.store, "张三 电器", appliance));
	app_done(&a);
}

static void
test_later(void **state)
{
	struct store_student	 st;
	struct yj_app		 a;
	struct yj_error		 err;
	enum store_upsert	 what;
	int64_t			 appliance, night;

	(void)state;
	setup_app(&a);
	log_two(&a, &appliance, &night);
	assert_int_equal(find(a.store, "家长").n, 0);
	a.clock += 60;
	assert_int_equal(incident_act(&a, night, INCIDENT_NOTE,
	    "已通知家长，家长明天来校", NULL, INCIDENT_REACHED, &err), YJ_OK);
	assert_true(found(a.store, "家长", night));
	assert_true(found(a.store, "明天", night));
	assert_int_equal(incident_act(&a, night, INCIDENT_CONTACTED, "在网吧",
	    "班长", INCIDENT_REACHED, &err), YJ_OK);
	assert_true(found(a.store, "网吧", night));
	/* Whom it was to, though the note holds only what was said. */
	assert_true(found(a.store, "班长", night));
	/* What it was there before still finds it. */
	assert_true(found(a.store, "电话", night));
	assert_int_equal(incident_act(&a, appliance, INCIDENT_RESOLVE,
	    "已进行用电安全教育", NULL, INCIDENT_REACHED, &err), YJ_OK);
	assert_true(found(a.store, "安全教育", appliance));
	/* A student's new name finds their incidents; the old one not. */
	assert_int_equal(store_student_get(a.store, "2023002", &st, &err),
	    YJ_OK);
	free(st.name);
	st.name = strdup("李思");
	assert_int_equal(store_student_put(a.store, &st, &what, &err), YJ_OK);
	assert_int_equal(what, STORE_UPDATED);
	store_student_free(&st);
	assert_true(found(a.store, "李思", night));
	assert_int_equal(find(a.store, "李四").n, 0);
	app_done(&a);
}

/*
 * Everything the search index of the database at path holds, one entry a
 * line: token, incident, column, position. Read from the index itself, as
 * a contentless table has no text to compare it with; its own
 * integrity-check (of its structure only, then) must pass first.
 */
static char *
index_dump(const char *path)
{
	struct buf	 b;
	sqlite3		*db;
	sqlite3_stmt	*st;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO incident_search"
	    " (incident_search) VALUES ('integrity-check')", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE temp.v USING"
	    " fts5vocab(main, incident_search, instance)", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT term, doc, col, offset"
	    " FROM temp.v ORDER BY term, doc, col, offset", -1, &st, NULL),
	    SQLITE_OK);
	buf_init(&b);
	while (sqlite3_step(st) == SQLITE_ROW)
		buf_printf(&b, "%s %lld %s %lld\n", sqlite3_column_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1),
		    sqlite3_column_text(st, 2),
		    (long long)sqlite3_column_int64(st, 3));
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	sqlite3_close(db);
	return buf_steal(&b);
}

/*
 * The same of an index made anew from the database: the table dropped,
 * the schema set back before it, and the store's migration filling it.
 */
static char *
index_rebuilt(const char *path)
{
	struct store	*s;
	struct yj_error	 err;

	assert_int_equal(store_open(path, 0, &s, &err), YJ_OK);
	assert_int_equal(store_search_reindex(s, &err), YJ_OK);
	store_close(s);
	return index_dump(path);
}

/* Saves in as the system would, with no note anyone wrote. */
static void
save_quietly(struct yj_app *a, struct store_incident *in)
{
	struct store_event	 ev;
	struct yj_error		 err;

	memset(&ev, 0, sizeof ev);
	ev.incident_id = in->id;
	ev.at = a->clock += 60;
	ev.actor = "system";
	ev.kind = "notify";
	ev.note = "sent";
	ev.payload = "{}";
	if (store_incident_update(a->store, in, &ev, &err) != YJ_OK)
		fail_msg("update: %s", err.msg);
}

/* Sets field 0 of an incident, or its resolution, as the system would. */
static void
change(struct yj_app *a, int64_t id, const char *value,
    const char *resolution)
{
	struct store_incident	 in;
	struct yj_error		 err;

	assert_int_equal(store_incident_get(a->store, id, &in, &err), YJ_OK);
	if (value != NULL) {
		assert_true(in.nfields > 0);
		free(in.fields[0].value);
		in.fields[0].value = strdup(value);
	}
	if (resolution != NULL) {
		free(in.resolution);
		in.resolution = strdup(resolution);
	}
	save_quietly(a, &in);
	store_incident_free(&in);
}

/* Gives the student with that number a new name, as an import would. */
static void
rename_student(struct store *s, const char *number, const char *name)
{
	struct store_student	 st;
	struct yj_error		 err;
	enum store_upsert	 what;

	assert_int_equal(store_student_get(s, number, &st, &err), YJ_OK);
	free(st.name);
	st.name = strdup(name);
	assert_int_equal(store_student_put(s, &st, &what, &err), YJ_OK);
	assert_int_equal(what, STORE_UPDATED);
	store_student_free(&st);
}

/*
 * The index keeps no copy of its text: each change takes the old row out
 * with the text it went in with, made again from the database before the
 * change. What the change took away is no longer found, what it brought
 * is, nothing else moves, and the index ends up holding exactly what one
 * made anew from the database holds.
 */
static void
test_swap(void **state)
{
	struct yj_app		 a;
	struct yj_error		 err;
	char			 dir[] = "/tmp/yj-search-XXXXXX", path[256];
	char			*before, *after;
	int64_t			 appliance, night, again;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/swap.db", dir);
	setup_app_at(&a, path);
	log_two(&a, &appliance, &night);
	again = log_one(&a, "night_absence", "2023002", NULL, "last_seen=-1h",
	    NULL, "又一次晚归");

	/* A change to nothing it is found by leaves the index as it was. */
	before = index_dump(path);
	change(&a, appliance, NULL, NULL);
	after = index_dump(path);
	assert_string_equal(before, after);
	free(after);

	/* A note: found by its words, and by all it was found by before. */
	a.clock += 60;
	assert_int_equal(incident_act(&a, night, INCIDENT_NOTE,
	    "家长明天来校", NULL, INCIDENT_REACHED, &err), YJ_OK);
	assert_true(found(a.store, "家长", night));
	assert_int_equal(find(a.store, "电话").n, 1);
	assert_int_equal(find(a.store, "2023002").n, 2);

	/* A field's new value takes the place of the old. */
	change(&a, appliance, "电热毯", NULL);
	assert_int_equal(find(a.store, "热得快").n, 0);
	assert_int_equal(find(a.store, "得").n, 0);
	assert_true(found(a.store, "电热毯", appliance));
	assert_true(found(a.store, "违规电器", appliance));

	/* So does a resolution's. */
	change(&a, appliance, NULL, "已没收");
	assert_true(found(a.store, "没收", appliance));
	change(&a, appliance, NULL, "已归还 returned");
	assert_int_equal(find(a.store, "没收").n, 0);
	assert_int_equal(find(a.store, "没").n, 0);
	assert_true(found(a.store, "归还", appliance));
	assert_true(found(a.store, "RETURNED", appliance));
	change(&a, appliance, NULL, "");
	assert_int_equal(find(a.store, "归还").n, 0);
	assert_int_equal(find(a.store, "returned").n, 0);
	assert_true(found(a.store, "电热毯", appliance));

	/*
	 * Resolved, then reopened: the resolution is gone from the incident,
	 * but the note that resolved it still finds it, once.
	 */
	assert_int_equal(incident_act(&a, again, INCIDENT_RESOLVE, "批评教育",
	    NULL, INCIDENT_REACHED, &err), YJ_OK);
	assert_int_equal(find(a.store, "批评").n, 1);
	assert_int_equal(incident_act(&a, again, INCIDENT_REOPEN, "又没回来",
	    NULL, INCIDENT_REACHED, &err), YJ_OK);
	assert_int_equal(find(a.store, "批评").n, 1);
	assert_true(found(a.store, "回来", again));

	/* A rename undone leaves the index as it was. */
	free(before);
	before = index_dump(path);
	assert_int_equal(store_begin(a.store, &err), YJ_OK);
	rename_student(a.store, "2023002", "李斯");
	assert_int_equal(find(a.store, "李斯").n, 2);
	store_rollback(a.store);
	assert_int_equal(find(a.store, "李斯").n, 0);
	assert_int_equal(find(a.store, "李四").n, 2);
	after = index_dump(path);
	assert_string_equal(before, after);
	free(after);

	/* Done: both of the student's incidents by the new name only. */
	rename_student(a.store, "2023002", "李思");
	assert_int_equal(find(a.store, "李四").n, 0);
	assert_int_equal(find(a.store, "四").n, 0);
	assert_int_equal(find(a.store, "李思").n, 2);
	assert_int_equal(find(a.store, "2023002").n, 2);
	assert_int_equal(find(a.store, "张三").n, 1);
	assert_true(found(a.store, "家长", night));
	/* A student without incidents: nothing to take out or put back. */
	rename_student(a.store, "2024002", "王伍");

	/* No token of an old text is left behind: made anew, it is the same. */
	app_done(&a);
	free(before);
	before = index_dump(path);
	assert_non_null(strstr(before, "李思 "));
	assert_null(strstr(before, "李四 "));
	after = index_rebuilt(path);
	assert_string_equal(before, after);
	free(before);
	free(after);
	unlink(path);
	rmdir(dir);
}

static void
test_restricted(void **state)
{
	struct yj_app	 a;
	struct hits	 h;
	struct yj_error	 err;
	int64_t		 appliance, night, mental;

	(void)state;
	setup_app(&a);
	log_two(&a, &appliance, &night);
	mental = log_one(&a, "mental_health", "2023001", NULL, "risk=高", NULL,
	    "情绪低落，有轻生念头");
	/* The store finds it; a duty officer does not, not even as a stub. */
	assert_true(found(a.store, "轻生", mental));
	memset(&h, 0, sizeof h);
	assert_int_equal(incident_search(&a, "轻生", 0, hit_incident, &h,
	    &err), YJ_OK);
	assert_int_equal(h.n, 0);
	/* A hidden hit takes no place of the limit's. */
	memset(&h, 0, sizeof h);
	assert_int_equal(incident_search(&a, "2023001", 1, hit_incident, &h,
	    &err), YJ_OK);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.ids[0], appliance);
	/* Its counselor finds it, newest first, and the limit holds. */
	sign_in(&a, "chen");
	memset(&h, 0, sizeof h);
	assert_int_equal(incident_search(&a, "轻生", 0, hit_incident, &h,
	    &err), YJ_OK);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.ids[0], mental);
	memset(&h, 0, sizeof h);
	assert_int_equal(incident_search(&a, "2023", 2, hit_incident, &h,
	    &err), YJ_OK);
	assert_int_equal(h.n, 2);
	assert_int_equal(h.ids[0], mental);
	assert_int_equal(h.ids[1], night);
	app_done(&a);
}

/* A hit as delivered, stub or not. */
static int
hit_any(void *arg, const struct store_incident *in, bool redacted)
{
	struct hits	*h = arg;

	if (h->n < 32)
		snprintf(h->names[h->n], sizeof h->names[0], "%s",
		    redacted ? "stub" : "full");
	return hit_id(arg, in->id);
}

/*
 * "#188" and "188" find that incident first (as the user may see it: a
 * stub of what they may not read, which tells no words); letters find the
 * incidents of the students whose names they are the initials of.
 */
static void
test_number_initials(void **state)
{
	struct yj_app	 a;
	struct hits	 h;
	struct yj_error	 err;
	int64_t		 appliance, night, mental;
	char		 q[32];

	(void)state;
	setup_app(&a);
	log_two(&a, &appliance, &night);
	mental = log_one(&a, "mental_health", "2023001", NULL, "risk=高", NULL,
	    "情绪低落，有轻生念头");
	snprintf(q, sizeof q, "#%lld", (long long)night);
	memset(&h, 0, sizeof h);
	assert_int_equal(incident_search(&a, q, 0, hit_any, &h, &err), YJ_OK);
	assert_true(h.n >= 1);
	assert_int_equal(h.ids[0], night);
	assert_string_equal(h.names[0], "full");
	snprintf(q, sizeof q, "%lld", (long long)mental);
	memset(&h, 0, sizeof h);
	assert_int_equal(incident_search(&a, q, 0, hit_any, &h, &err), YJ_OK);
	assert_true(h.n >= 1);
	assert_int_equal(h.ids[0], mental);
	assert_string_equal(h.names[0], "stub");
	/* 李四's incidents by "ls"; 张三's without the one kept from us. */
	memset(&h, 0, sizeof h);
	assert_int_equal(incident_search(&a, "ls", 0, hit_any, &h, &err),
	    YJ_OK);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.ids[0], night);
	memset(&h, 0, sizeof h);
	assert_int_equal(incident_search(&a, "zs", 0, hit_any, &h, &err),
	    YJ_OK);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.ids[0], appliance);
	/* No such number: nothing, and no error. */
	memset(&h, 0, sizeof h);
	assert_int_equal(incident_search(&a, "#99999", 0, hit_any, &h, &err),
	    YJ_OK);
	assert_int_equal(h.n, 0);
	app_done(&a);
}

static int64_t
add_user(struct store *s)
{
	struct store_user	 u;
	struct yj_error		 err;

	memset(&u, 0, sizeof u);
	u.login = "duty";
	u.display = "值班员";
	u.role = "duty_officer";
	u.pwhash = "x";
	assert_int_equal(store_user_add(s, &u, &test_by, &err), YJ_OK);
	return u.id;
}

static int64_t
add_incident(struct store *s, int64_t user, int64_t at, const char *text)
{
	struct store_incident	 in;
	struct store_event	 ev;
	struct yj_error		 err;

	memset(&in, 0, sizeof in);
	in.category = "prohibited_appliance";
	in.category_name = "违规电器和物品";
	in.severity = "routine";
	in.severity_name = "一般";
	in.state = "open";
	in.level = "counselor";
	in.occurred_at = at;
	in.reported_at = at;
	in.reporter = "值班员";
	in.logged_by = user;
	in.text = (char *)text;
	in.rung_since = at;
	in.updated_at = at;
	memset(&ev, 0, sizeof ev);
	ev.at = at;
	ev.actor = "duty";
	ev.user_id = user;
	ev.kind = "reported";
	ev.note = "";
	assert_int_equal(store_incident_add(s, &in, &ev, &err), YJ_OK);
	return in.id;
}

/* A run of Chinese is found whole, never joined to the next run. */
static void
test_runs(void **state)
{
	struct store	*s;
	struct yj_error	 err;
	int64_t		 user, a1, a2;

	(void)state;
	assert_int_equal(store_open(":memory:", STORE_CREATE, &s, &err),
	    YJ_OK);
	user = add_user(s);
	a1 = add_incident(s, user, T0, "学生宿舍，舍友都在");
	a2 = add_incident(s, user, T0 + HOUR, "Ｘ宿舍友好");
	assert_int_equal(find(s, "宿舍").n, 2);
	assert_int_equal(find(s, "舍友").n, 2);
	assert_false(found(s, "宿舍友", a1));
	assert_true(found(s, "宿舍友", a2));
	assert_true(found(s, "x", a2));
	assert_true(found(s, "舍友都", a1));
	assert_int_equal(find(s, "友都在学").n, 0);
	/* Four bytes of UTF-8 among three (U+20BB7, a surname). */
	a1 = add_incident(s, user, T0 + 2 * HOUR, "吉野家和𠮷野家");
	assert_true(found(s, "和𠮷野", a1));
	assert_true(found(s, "𠮷", a1));
	assert_true(found(s, "𠮷野家", a1));
	assert_int_equal(find(s, "和吉野").n, 0);
	store_close(s);
}

/*
 * A database made by an earlier yujing (before schema 5: its history did
 * not commit to each incident's whole state, or it could not name a
 * building's manager) is refused, unchanged.
 */
static void
test_migration(void **state)
{
	struct store	*s;
	struct yj_error	 err;
	sqlite3		*db;
	sqlite3_stmt	*st;
	char		 dir[] = "/tmp/yj-search-XXXXXX", path[256];
	int		 v;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/old.db", dir);
	assert_int_equal(store_open(path, STORE_CREATE, &s, &err), YJ_OK);
	add_user(s);
	store_close(s);
	for (v = 1; v < STORE_SCHEMA_FIRST; v++) {
		char	 sql[64];

		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL),
		    SQLITE_OK);
		sqlite3_close(db);
		assert_int_equal(store_open(path, 0, &s, &err), YJ_DB_NOT);
		assert_non_null(strstr(err.msg, "earlier yujing"));
		assert_non_null(strstr(err.msg, "yujing init"));
		/* Nothing was written: it is as it was. */
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version",
		    -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), v);
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	unlink(path);
	rmdir(dir);
}

static void
test_student_find(void **state)
{
	struct store	*s;
	struct yj_error	 err;
	struct hits	 h;

	(void)state;
	assert_int_equal(store_open(":memory:", STORE_CREATE, &s, &err),
	    YJ_OK);
	fill(s);
	/* A number: that one first, then those it begins. */
	h = students(s, "2023", 0);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.names[0], "2023001 张三 计科2301 3-402");
	assert_string_equal(h.names[1], "2023002 李四 计科2301 3-402");
	h = students(s, "2024002", 0);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.names[0], "2024002 王五 计科2301 ");
	h = students(s, "202", 3);
	assert_int_equal(h.n, 3);
	/* A name: as written first, then containing it. */
	h = students(s, "张三", 0);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.names[0], "2023001 张三 计科2301 3-402");
	assert_string_equal(h.names[1], "2024001 小张三 计科2301 3-403");
	h = students(s, "五", 0);
	assert_int_equal(h.n, 1);
	/* Pinyin initials: from the start first. */
	h = students(s, "zs", 0);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.names[0], "2023001 张三 计科2301 3-402");
	assert_string_equal(h.names[1], "2024001 小张三 计科2301 3-403");
	h = students(s, " ZS ", 0);
	assert_int_equal(h.n, 2);
	h = students(s, "ls", 0);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.names[0], "2023002 李四 计科2301 3-402");
	/* A room: who lives there. */
	h = students(s, "3-402", 0);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.names[0], "2023001 张三 计科2301 3-402");
	h = students(s, "3-403", 0);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.names[0], "2024001 小张三 计科2301 3-403");
	assert_int_equal(students(s, "3-404", 0).n, 0);
	assert_int_equal(students(s, "赵六", 0).n, 0);
	store_close(s);
}

/*
 * Retention: an incident resolved past its time is found by nothing it
 * held (its text, its field, its note, its student's name and number),
 * by what it still has (its category); one not past it, as before. A dry
 * run changes nothing; a second run finds nothing more to remove.
 */
static void
test_retention(void **state)
{
	struct retention_totals	 t;
	struct yj_app		 a;
	struct yj_error		 err;
	int64_t			 appliance, night;
	bool			 done[2];

	(void)state;
	setup_app(&a);
	log_two(&a, &appliance, &night);
	assert_int_equal(incident_act(&a, appliance, INCIDENT_NOTE,
	    "宿管王师傅已登记", NULL, INCIDENT_REACHED, &err), YJ_OK);
	assert_int_equal(incident_act(&a, appliance, INCIDENT_CONTACTED,
	    "说明情况", "欧阳家长", INCIDENT_REACHED, &err), YJ_OK);
	assert_int_equal(incident_act(&a, appliance, INCIDENT_CHECK,
	    "立即断电，排除火灾隐患", NULL, INCIDENT_REACHED, &err), YJ_OK);
	assert_int_equal(incident_act(&a, appliance, INCIDENT_RESOLVE,
	    "批评教育，写检讨", NULL, INCIDENT_REACHED, &err), YJ_OK);
	/* Four years on (rules.yaml: default 3y). */
	a.clock += 4 * 365 * 86400LL;
	assert_int_equal(retention_run(&a, false, NULL, NULL, &t, &err),
	    YJ_OK);
	assert_int_equal(t.incidents, 1);
	assert_int_equal(t.students, 1);
	assert_true(t.parts >= 4);	/* text, item, note, the student... */
	assert_true(found(a.store, "热得快", appliance));
	assert_true(found(a.store, "欧阳家长", appliance));
	assert_int_equal(retention_run(&a, true, NULL, NULL, &t, &err),
	    YJ_OK);
	assert_int_equal(t.incidents, 1);
	assert_int_equal(find(a.store, "热得快").n, 0);
	assert_int_equal(find(a.store, "HairDryer").n, 0);
	assert_int_equal(find(a.store, "王师傅").n, 0);
	assert_int_equal(find(a.store, "检讨").n, 0);
	/* Whom they called: no longer found by it either. */
	assert_int_equal(find(a.store, "欧阳家长").n, 0);
	assert_int_equal(find(a.store, "张三").n, 0);
	assert_int_equal(find(a.store, "2023001").n, 0);
	/* What was done stays told: the tick names the policy's item. */
	assert_int_equal(incident_checklist(&a, appliance, done, 2, &err),
	    YJ_OK);
	assert_true(done[0]);
	assert_false(done[1]);
	/* What it still is: its category's name, its room. */
	assert_true(found(a.store, "违规电器", appliance));
	assert_true(found(a.store, "3-402", appliance));
	/* The other, open, is as it was. */
	assert_true(found(a.store, "李四", night));
	assert_true(found(a.store, "电话联系不上", night));
	assert_int_equal(retention_run(&a, true, NULL, NULL, &t, &err),
	    YJ_OK);
	assert_int_equal(t.incidents, 0);
	app_done(&a);
}

static void
test_bad_input(void **state)
{
	static const char *const nothing[] = {
		"", "   ", "\t\n", "　", "，。！？", "!@#$%^&*()\"'*:", "\"",
		"\xff\xfe\x80", "AND", "NEAR(", "-", "*",
	};
	struct yj_app	 a;
	struct yj_error	 err;
	struct hits	 h;
	char		*big;
	size_t		 i;
	int64_t		 appliance, night;

	(void)state;
	setup_app(&a);
	log_two(&a, &appliance, &night);
	for (i = 0; i < sizeof nothing / sizeof nothing[0]; i++) {
		memset(&h, 0, sizeof h);
		assert_int_equal(store_search(a.store, nothing[i], 0, hit_id,
		    &h, &err), YJ_OK);
		assert_int_equal(h.n, 0);
		assert_int_equal(incident_search(&a, nothing[i], 0,
		    hit_incident, &h, &err), YJ_OK);
		assert_int_equal(h.n, 0);
		assert_int_equal(student_search(&a, nothing[i], 0,
		    hit_student, &h, &err), YJ_OK);
		assert_int_equal(h.n, 0);
	}
	/* Ten kilobytes of Chinese: refused, not run. */
	big = malloc(10 * 1024 + 1);
	assert_non_null(big);
	for (i = 0; i + 3 <= 10 * 1024; i += 3)
		memcpy(big + i, "电", 3);
	big[i] = '\0';
	memset(&h, 0, sizeof h);
	assert_int_equal(store_search(a.store, big, 0, hit_id, &h, &err),
	    YJ_BAD_INPUT);
	assert_int_equal(incident_search(&a, big, 0, hit_incident, &h, &err),
	    YJ_BAD_INPUT);
	assert_int_equal(student_search(&a, big, 0, hit_student, &h, &err),
	    YJ_BAD_INPUT);
	assert_int_equal(h.n, 0);
	/* At the limit it runs. */
	big[STORE_SEARCH_MAX / 3 * 3] = '\0';
	assert_int_equal(store_search(a.store, big, 0, hit_id, &h, &err),
	    YJ_OK);
	assert_int_equal(h.n, 0);
	free(big);
	/* The store still works. */
	assert_true(found(a.store, "电器", appliance));
	app_done(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_students),
		cmocka_unit_test(test_later),
		cmocka_unit_test(test_swap),
		cmocka_unit_test(test_restricted),
		cmocka_unit_test(test_number_initials),
		cmocka_unit_test(test_runs),
		cmocka_unit_test(test_migration),
		cmocka_unit_test(test_retention),
		cmocka_unit_test(test_student_find),
		cmocka_unit_test(test_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
