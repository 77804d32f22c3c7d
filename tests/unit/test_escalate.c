/*
 * Unit tests of escalation as applied (core/escalate.c) on a store in
 * memory with the shipped policy and an injected clock: early warnings at
 * count N-1 and N, never twice, and only within their window.
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

#include "fixture.h"
#include "yujing/app.h"
#include "yujing/escalate.h"
#include "yujing/incident.h"
#include "yujing/policy.h"
#include "yujing/store.h"

#define T0	FIXTURE_T0
#define DAY	86400

static int
count_one(void *arg, const struct store_incident *in, bool redacted)
{
	(void)redacted;
	(void)in;
	(*(int *)arg)++;
	return 0;
}

static int
warnings(struct yj_app *a)
{
	struct store_filter	 f;
	struct yj_error		 err;
	int			 n = 0;

	memset(&f, 0, sizeof f);
	f.category = "early_warning";
	assert_int_equal(incident_list(a, &f, count_one, &n, &err), YJ_OK);
	return n;
}

static void
test_warning_at_n(void **state)
{
	struct yj_app		 a;
	struct store_incident	 in;
	struct yj_error		 err;
	int64_t			 id;

	(void)state;
	fixture_app(&a);
	fixture_absence(&a, "2023001", T0);
	fixture_absence(&a, "2023001", T0 + 5 * DAY);
	assert_int_equal(warnings(&a), 0);		/* N-1 */
	id = fixture_absence(&a, "2023001", T0 + 10 * DAY);
	assert_int_equal(warnings(&a), 1);		/* N */
	/* It stands after the one that set it off, at department. */
	assert_int_equal(store_incident_get(a.store, id + 1, &in, &err),
	    YJ_OK);
	assert_string_equal(in.category, "early_warning");
	assert_string_equal(in.level, "department");
	assert_int_equal(in.nstudents, 1);
	assert_string_equal(in.students[0].number, "2023001");
	store_incident_free(&in);
	fixture_absence(&a, "2023001", T0 + 11 * DAY);
	assert_int_equal(warnings(&a), 1);		/* never twice */
	/* Another student's absences are counted for them alone. */
	fixture_absence(&a, "2023002", T0 + 11 * DAY);
	fixture_absence(&a, "2023002", T0 + 12 * DAY);
	assert_int_equal(warnings(&a), 1);
	app_done(&a);
}

static void
test_warning_window(void **state)
{
	struct yj_app	 a;

	(void)state;
	fixture_app(&a);
	/* Three, but the first fell out of the 30 days before the third. */
	fixture_absence(&a, "2023001", T0);
	fixture_absence(&a, "2023001", T0 + 20 * DAY);
	fixture_absence(&a, "2023001", T0 + 31 * DAY);
	assert_int_equal(warnings(&a), 0);
	fixture_absence(&a, "2023001", T0 + 32 * DAY);
	assert_int_equal(warnings(&a), 1);
	app_done(&a);
}

static void
test_warning_after_resolution(void **state)
{
	struct yj_app	 a;
	struct yj_error	 err;
	int64_t		 id;

	(void)state;
	fixture_app(&a);
	fixture_absence(&a, "2023001", T0);
	fixture_absence(&a, "2023001", T0 + DAY);
	id = fixture_absence(&a, "2023001", T0 + 2 * DAY) + 1;
	assert_int_equal(warnings(&a), 1);
	/* Once resolved, the pattern going on raises a new one. */
	a.clock = T0 + 3 * DAY;
	assert_int_equal(incident_act(&a, id, INCIDENT_RESOLVE, "已谈话",
	    NULL, INCIDENT_REACHED, &err), YJ_OK);
	fixture_absence(&a, "2023001", T0 + 4 * DAY);
	assert_int_equal(warnings(&a), 2);
	app_done(&a);
}

static void
test_tick_clock(void **state)
{
	struct yj_app		 a;
	struct store_incident	 in;
	struct yj_error		 err;
	int64_t			 id;
	int			 n;

	(void)state;
	fixture_app(&a);
	id = fixture_absence(&a, "2023001", T0);
	/* night_absence: 30 minutes at the counselor. */
	a.clock = T0 + 30 * 60 - 1;
	assert_int_equal(escalate_tick(&a, NULL, NULL, &n, &err), YJ_OK);
	assert_int_equal(n, 0);
	a.clock = T0 + 30 * 60;
	assert_int_equal(escalate_tick(&a, NULL, NULL, &n, &err), YJ_OK);
	assert_int_equal(n, 1);
	assert_int_equal(escalate_tick(&a, NULL, NULL, &n, &err), YJ_OK);
	assert_int_equal(n, 0);		/* idempotent */
	assert_int_equal(store_incident_get(a.store, id, &in, &err), YJ_OK);
	assert_string_equal(in.level, "department");
	assert_int_equal(in.rung_since, T0 + 30 * 60);
	store_incident_free(&in);
	app_done(&a);
}

/* Whom to call now: the person at the incident's current rung. */
static void
test_current_contact(void **state)
{
	struct yj_app		 a;
	struct store_incident	 in;
	struct yj_error		 err;
	int64_t			 id;
	int			 n;
	char			*who;

	(void)state;
	fixture_app(&a);
	id = fixture_absence(&a, "2023001", T0);
	assert_int_equal(store_incident_get(a.store, id, &in, &err), YJ_OK);
	who = escalate_current(&a, &in);
	assert_string_equal(who, "负责人0");	/* the counselor */
	free(who);
	store_incident_free(&in);
	a.clock = T0 + 30 * 60;
	assert_int_equal(escalate_tick(&a, NULL, NULL, &n, &err), YJ_OK);
	assert_int_equal(store_incident_get(a.store, id, &in, &err), YJ_OK);
	who = escalate_current(&a, &in);
	assert_string_equal(who, "负责人1");	/* the department leader */
	free(who);
	/* A rung past the path's end: nobody. */
	in.rung = 99;
	assert_null(escalate_current(&a, &in));
	store_incident_free(&in);
	app_done(&a);
}

/* Logs an incident of category in room (no student); its id. */
static int64_t
log_room(struct yj_app *a, const char *category, const char *room,
    const char *field)
{
	struct incident_draft	 d;
	struct yj_error		 err;
	const char		*fields[] = { field };
	int64_t			 id;

	memset(&d, 0, sizeof d);
	d.category = category;
	d.room = room;
	d.fields = fields;
	d.nfields = field != NULL;
	d.text = "宿舍内";
	if (incident_log(a, &d, &id, &err) != YJ_OK)
		fail_msg("log: %s", err.msg);
	return id;
}

/* The kinds of an incident's events, "kind@level,..." into out. */
static int
on_kind(void *arg, const struct store_event *ev)
{
	char	*out = arg;
	size_t	 n = strlen(out);

	snprintf(out + n, 512 - n, "%s%s@%s", n ? "," : "", ev->kind,
	    ev->level);
	return 0;
}

static void
kinds(struct yj_app *a, int64_t id, char out[512])
{
	struct yj_error	 err;

	out[0] = '\0';
	assert_int_equal(store_events(a->store, id, on_kind, out, &err),
	    YJ_OK);
}

/*
 * A room's incident without a student is its residents': it takes their
 * class and department, starts at their counselor (no gap, no climb), and
 * whom to call follows as for a student's.
 */
static void
test_room_residents(void **state)
{
	struct yj_app		 a;
	struct store_incident	 in;
	struct store_student	 st;
	struct yj_error		 err;
	char			 ev[512], *who;
	int64_t			 id;

	(void)state;
	fixture_app(&a);
	id = log_room(&a, "drinking", "3-402", NULL);
	assert_int_equal(store_incident_get(a.store, id, &in, &err), YJ_OK);
	assert_int_equal(store_student_get(a.store, "2023001", &st, &err),
	    YJ_OK);
	assert_int_equal(in.nstudents, 0);
	assert_int_equal(in.class_id, st.class_id);
	assert_int_equal(in.department_id, st.department_id);
	assert_string_equal(in.level, "counselor");
	kinds(&a, id, ev);
	assert_string_equal(ev, "reported@counselor");
	who = escalate_current(&a, &in);
	assert_string_equal(who, "负责人0");
	free(who);
	store_student_free(&st);
	store_incident_free(&in);

	/* A room nobody lives in names nobody: it climbs past both. */
	{
		int64_t	 b, room;

		assert_int_equal(store_unit_find(a.store, STORE_UNIT_BUILDING,
		    "3", &b, &err), YJ_OK);
		assert_int_equal(store_room_ensure(a.store, b, "999", &room,
		    &err), YJ_OK);
	}
	id = log_room(&a, "drinking", "3-999", NULL);
	assert_int_equal(store_incident_get(a.store, id, &in, &err), YJ_OK);
	assert_int_equal(in.class_id, 0);
	assert_string_equal(in.level, "student_affairs");
	store_incident_free(&in);
	app_done(&a);
}

/*
 * Residents of several classes: the incident keeps no class (nor a
 * department when they are of two), and every class's counselor is a
 * contact of the class rung, once each, the one given to the engine the
 * first with a phone; each department's leader likewise above.
 */
static void
test_room_two_classes(void **state)
{
	struct yj_app			 a;
	struct store_incident		 in;
	struct store_student		 st;
	struct escalate_contacts	 who;
	struct yj_error			 err;
	enum store_upsert		 what;
	int64_t				 dep, dep2, cls, cls2, cls3, room, p;
	int64_t				 id, *ids;
	size_t				 n;
	char				 ev[512], *name;

	(void)state;
	fixture_app(&a);
	assert_int_equal(store_student_get(a.store, "2023001", &st, &err),
	    YJ_OK);
	dep = st.department_id;
	cls = st.class_id;
	room = st.room_id;
	store_student_free(&st);
	/* 计科2302: the same counselor; 英语2301: one with no phone. */
	assert_int_equal(store_class_ensure(a.store, "计科2302", dep, &cls2,
	    &err), YJ_OK);
	assert_int_equal(store_department_ensure(a.store, "外国语学院",
	    &dep2, &err), YJ_OK);
	assert_int_equal(store_class_ensure(a.store, "英语2301", dep2, &cls3,
	    &err), YJ_OK);
	{
		struct store_person	 c0;

		assert_int_equal(store_person_find(a.store, "负责人0", &c0,
		    &err), YJ_OK);
		assert_int_equal(store_responsible_set(a.store, "counselor",
		    STORE_UNIT_CLASS, cls2, c0.id, &err), YJ_OK);
		store_person_free(&c0);
	}
	assert_int_equal(store_person_ensure(a.store, "无电话", "", "",
	    &p, &err), YJ_OK);
	assert_int_equal(store_responsible_set(a.store, "counselor",
	    STORE_UNIT_CLASS, cls3, p, &err), YJ_OK);
	assert_int_equal(store_person_ensure(a.store, "外语院长",
	    "13600000001", "", &p, &err), YJ_OK);
	assert_int_equal(store_responsible_set(a.store, "department",
	    STORE_UNIT_DEPARTMENT, dep2, p, &err), YJ_OK);
	memset(&st, 0, sizeof st);
	st.number = "2023003";
	st.name = "王五";
	st.gender = "男";
	st.class_id = cls2;
	st.room_id = room;
	assert_int_equal(store_student_put(a.store, &st, &what, &err), YJ_OK);
	st.number = "2023004";
	st.name = "赵六";
	st.class_id = cls3;
	assert_int_equal(store_student_put(a.store, &st, &what, &err), YJ_OK);

	id = log_room(&a, "drinking", "3-402", NULL);
	assert_int_equal(store_incident_get(a.store, id, &in, &err), YJ_OK);
	assert_int_equal(in.class_id, 0);
	assert_int_equal(in.department_id, 0);
	/* Reachable: someone there has a phone. No gap, no climb. */
	assert_string_equal(in.level, "counselor");
	kinds(&a, id, ev);
	assert_string_equal(ev, "reported@counselor");

	assert_int_equal(escalate_units(&a, &in, POLICY_SCOPE_CLASS, &ids, &n,
	    &err), YJ_OK);
	assert_int_equal(n, 3);
	free(ids);
	assert_int_equal(escalate_contacts(&a, &in, &who, &err), YJ_OK);
	/* drinking: the standard path, counselor first. */
	assert_int_equal(who.people[0].n, 2);
	assert_string_equal(who.people[0].v[0].name, "无电话");
	assert_string_equal(who.people[0].v[0].unit, "英语2301");
	assert_string_equal(who.people[0].v[0].phone, "");
	assert_string_equal(who.people[0].v[1].name, "负责人0");
	assert_string_equal(who.people[0].v[1].unit, "计科2301");
	assert_string_equal(who.rungs[0].name, "负责人0");
	assert_string_equal(who.rungs[0].phone, "13700000000");
	assert_int_equal(who.people[1].n, 2);
	assert_string_equal(who.people[1].v[0].name, "外语院长");
	assert_string_equal(who.people[1].v[1].name, "负责人1");
	/* The school's levels: one each, as ever. */
	assert_int_equal(who.people[2].n, 1);
	assert_null(who.people[2].v[0].unit);
	escalate_contacts_free(&who);
	name = escalate_current(&a, &in);
	assert_string_equal(name, "负责人0 +1");
	free(name);
	store_incident_free(&in);

	/* With the department given: only its classes; 计科 has one. */
	{
		struct incident_draft	 d;

		memset(&d, 0, sizeof d);
		d.category = "drinking";
		d.room = "3-402";
		d.department = "计算机学院";
		d.text = "x";
		assert_int_equal(incident_log(&a, &d, &id, &err), YJ_OK);
	}
	assert_int_equal(store_incident_get(a.store, id, &in, &err), YJ_OK);
	assert_int_equal(in.department_id, dep);
	assert_int_equal(in.class_id, 0);	/* 计科2301 and 计科2302 */
	assert_int_equal(escalate_contacts(&a, &in, &who, &err), YJ_OK);
	assert_int_equal(who.people[0].n, 1);
	assert_string_equal(who.rungs[0].name, "负责人0");
	assert_int_equal(who.people[1].n, 1);
	escalate_contacts_free(&who);
	store_incident_free(&in);
	(void)cls;
	app_done(&a);
}

/*
 * The dormitory path starts at the building's manager, found from the
 * incident's room or, without one, from its student's room; a building
 * with nobody on record is a gap and the next rung (Logistics) has it.
 */
static void
test_building_manager(void **state)
{
	struct yj_app		 a;
	struct store_incident	 in;
	struct incident_draft	 d;
	struct yj_error		 err;
	const char		*students[] = { "2023002" };
	const char		*fields[] = { "item=电炉" };
	char			 ev[512], *who;
	int64_t			 id, b, room;

	(void)state;
	fixture_app(&a);
	id = log_room(&a, "prohibited_appliance", "3-402", "item=热得快");
	assert_int_equal(store_incident_get(a.store, id, &in, &err), YJ_OK);
	assert_string_equal(in.level, "dormitory");
	who = escalate_current(&a, &in);
	assert_string_equal(who, "宿管甲");
	free(who);
	store_incident_free(&in);

	memset(&d, 0, sizeof d);
	d.category = "prohibited_appliance";
	d.students = students;
	d.nstudents = 1;
	d.fields = fields;
	d.nfields = 1;
	d.text = "电炉";
	assert_int_equal(incident_log(&a, &d, &id, &err), YJ_OK);
	assert_int_equal(store_incident_get(a.store, id, &in, &err), YJ_OK);
	assert_int_equal(in.room_id, 0);
	assert_string_equal(in.level, "dormitory");
	who = escalate_current(&a, &in);
	assert_string_equal(who, "宿管甲");
	free(who);
	store_incident_free(&in);

	/* Building 5 has no manager: a gap, and Logistics at once. */
	assert_int_equal(store_building_ensure(a.store, "5", &b, &err), YJ_OK);
	assert_int_equal(store_room_ensure(a.store, b, "101", &room, &err),
	    YJ_OK);
	id = log_room(&a, "prohibited_appliance", "5-101", "item=热得快");
	assert_int_equal(store_incident_get(a.store, id, &in, &err), YJ_OK);
	assert_string_equal(in.level, "logistics");
	store_incident_free(&in);
	kinds(&a, id, ev);
	assert_string_equal(ev, "reported@dormitory,notified@logistics,"
	    "gap@dormitory,escalated@logistics");
	app_done(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_warning_at_n),
		cmocka_unit_test(test_warning_window),
		cmocka_unit_test(test_warning_after_resolution),
		cmocka_unit_test(test_tick_clock),
		cmocka_unit_test(test_current_contact),
		cmocka_unit_test(test_room_residents),
		cmocka_unit_test(test_room_two_classes),
		cmocka_unit_test(test_building_manager),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
