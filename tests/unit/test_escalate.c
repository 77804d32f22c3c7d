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

#include "yujing/app.h"
#include "yujing/escalate.h"
#include "yujing/incident.h"
#include "yujing/policy.h"
#include "yujing/store.h"
#include "yujing/users.h"

#define T0	1764000000	/* a fixed moment: the clock is ours */
#define DAY	86400

static void
setup_app(struct yj_app *a)
{
	static const char *const levels[] = {
		"counselor", "department", "student_affairs", "school_leader",
		"security", "logistics", "academic_affairs",
		"counseling_center"
	};
	struct store_student	 st;
	struct users_new	 u;
	struct diags		 d;
	struct yj_error		 err;
	enum store_upsert	 what;
	int64_t			 dep, cls, b, room, person;
	size_t			 i;
	const char		*numbers[] = { "2023001", "2023002" };

	app_init(a);
	a->clock = T0;
	diags_init(&d, YJ_SOURCE_DIR "/rules.yaml");
	assert_int_equal(app_load_policy(a, YJ_SOURCE_DIR "/rules.yaml", &d),
	    0);
	diags_done(&d);
	assert_int_equal(app_open_db(a, ":memory:", STORE_CREATE, &err),
	    YJ_OK);
	assert_int_equal(store_department_ensure(a->store, "计算机学院", &dep,
	    &err), YJ_OK);
	assert_int_equal(store_class_ensure(a->store, "计科2301", dep, &cls,
	    &err), YJ_OK);
	assert_int_equal(store_building_ensure(a->store, "3", &b, &err), YJ_OK);
	assert_int_equal(store_room_ensure(a->store, b, "402", &room, &err),
	    YJ_OK);
	for (i = 0; i < 2; i++) {
		memset(&st, 0, sizeof st);
		st.number = (char *)numbers[i];
		st.name = i == 0 ? "张三" : "李四";
		st.gender = "男";
		st.class_id = cls;
		st.room_id = room;
		assert_int_equal(store_student_put(a->store, &st, &what, &err),
		    YJ_OK);
	}
	/* Someone with a phone at every level and office: no gaps. */
	for (i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		char	 name[32], phone[32];

		snprintf(name, sizeof name, "负责人%zu", i);
		snprintf(phone, sizeof phone, "1370000000%zu", i);
		assert_int_equal(store_person_ensure(a->store, name, phone, "",
		    &person, &err), YJ_OK);
		assert_int_equal(store_responsible_set(a->store, levels[i],
		    i == 0 ? STORE_UNIT_CLASS : i == 1 ? STORE_UNIT_DEPARTMENT :
		    STORE_UNIT_SCHOOL, i == 0 ? cls : dep, person, &err),
		    YJ_OK);
	}
	memset(&u, 0, sizeof u);
	u.login = "duty";
	u.role = "duty_officer";
	u.password = "long-enough-1";
	assert_int_equal(users_add(a, &u, true, &err), YJ_OK);
	assert_int_equal(store_user_get(a->store, "duty", &a->user, &err),
	    YJ_OK);
}

static int64_t
log_absence(struct yj_app *a, const char *student, int64_t at)
{
	const char		*students[] = { student };
	const char		*fields[] = { "last_seen=-1h" };
	struct incident_draft	 d;
	struct yj_error		 err;
	int64_t			 id;

	a->clock = at;
	memset(&d, 0, sizeof d);
	d.category = "night_absence";
	d.students = students;
	d.nstudents = 1;
	d.fields = fields;
	d.nfields = 1;
	d.text = "未归";
	if (incident_log(a, &d, &id, &err) != YJ_OK)
		fail_msg("log: %s", err.msg);
	return id;
}

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
	setup_app(&a);
	log_absence(&a, "2023001", T0);
	log_absence(&a, "2023001", T0 + 5 * DAY);
	assert_int_equal(warnings(&a), 0);		/* N-1 */
	id = log_absence(&a, "2023001", T0 + 10 * DAY);
	assert_int_equal(warnings(&a), 1);		/* N */
	/* It stands after the one that set it off, at department. */
	assert_int_equal(store_incident_get(a.store, id + 1, &in, &err),
	    YJ_OK);
	assert_string_equal(in.category, "early_warning");
	assert_string_equal(in.level, "department");
	assert_int_equal(in.nstudents, 1);
	assert_string_equal(in.students[0].number, "2023001");
	store_incident_free(&in);
	log_absence(&a, "2023001", T0 + 11 * DAY);
	assert_int_equal(warnings(&a), 1);		/* never twice */
	/* Another student's absences are counted for them alone. */
	log_absence(&a, "2023002", T0 + 11 * DAY);
	log_absence(&a, "2023002", T0 + 12 * DAY);
	assert_int_equal(warnings(&a), 1);
	app_done(&a);
}

static void
test_warning_window(void **state)
{
	struct yj_app	 a;

	(void)state;
	setup_app(&a);
	/* Three, but the first fell out of the 30 days before the third. */
	log_absence(&a, "2023001", T0);
	log_absence(&a, "2023001", T0 + 20 * DAY);
	log_absence(&a, "2023001", T0 + 31 * DAY);
	assert_int_equal(warnings(&a), 0);
	log_absence(&a, "2023001", T0 + 32 * DAY);
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
	setup_app(&a);
	log_absence(&a, "2023001", T0);
	log_absence(&a, "2023001", T0 + DAY);
	id = log_absence(&a, "2023001", T0 + 2 * DAY) + 1;
	assert_int_equal(warnings(&a), 1);
	/* Once resolved, the pattern going on raises a new one. */
	a.clock = T0 + 3 * DAY;
	assert_int_equal(incident_act(&a, id, INCIDENT_RESOLVE, "已谈话",
	    NULL, INCIDENT_REACHED, &err), YJ_OK);
	log_absence(&a, "2023001", T0 + 4 * DAY);
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
	setup_app(&a);
	id = log_absence(&a, "2023001", T0);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_warning_at_n),
		cmocka_unit_test(test_warning_window),
		cmocka_unit_test(test_warning_after_resolution),
		cmocka_unit_test(test_tick_clock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
