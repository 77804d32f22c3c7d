/*
 * What the core's unit tests start from: the shipped policy, a store in
 * memory, two students of 计科2301 in room 3-402 (张三 2023001, 李四
 * 2023002), someone with a phone at every level and office (负责人0
 * the counselor, 负责人1 the department leader ...) and for building 3
 * (宿管甲), and a duty officer signed in.
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
#include "yujing/incident.h"
#include "yujing/store.h"
#include "yujing/users.h"

void
fixture_app(struct yj_app *a)
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
	a->clock = FIXTURE_T0;
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
	/* And building 3's manager (the dormitory level). */
	assert_int_equal(store_person_ensure(a->store, "宿管甲",
	    "13900000003", "宿管", &person, &err), YJ_OK);
	assert_int_equal(store_responsible_set(a->store, "dormitory",
	    STORE_UNIT_BUILDING, b, person, &err), YJ_OK);
	memset(&u, 0, sizeof u);
	u.login = "duty";
	u.role = "duty_officer";
	u.password = "long-enough-1";
	assert_int_equal(users_add(a, &u, true, &err), YJ_OK);
	assert_int_equal(store_user_get(a->store, "duty", &a->user, &err),
	    YJ_OK);
	a->role = policy_role(a->policy, a->user.role);
}

void
fixture_absence_draft(struct incident_draft *d, const char *student)
{
	static const char	*students[1];
	static const char	*fields[] = { "last_seen=-1h" };

	students[0] = student;
	memset(d, 0, sizeof *d);
	d->category = "night_absence";
	d->students = students;
	d->nstudents = 1;
	d->fields = fields;
	d->nfields = 1;
	d->text = "未归";
}

int64_t
fixture_absence(struct yj_app *a, const char *student, int64_t at)
{
	struct incident_draft	 d;
	struct yj_error		 err;
	int64_t			 id;

	a->clock = at;
	fixture_absence_draft(&d, student);
	if (incident_log(a, &d, &id, &err) != YJ_OK)
		fail_msg("log: %s", err.msg);
	return id;
}
