/*
 * Unit tests of what the duty-room screen asks of the core: checklists
 * (ticked on the form and later), the queue's filters and paging, and
 * which shift is on duty.
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
#include <time.h>

#include "fixture.h"
#include "yujing/app.h"
#include "yujing/caltime.h"
#include "yujing/duration.h"
#include "yujing/diag.h"
#include "yujing/escalate.h"
#include "yujing/incident.h"
#include "yujing/users.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/roster.h"
#include "yujing/store.h"

#define T0	FIXTURE_T0

static int
collect(void *arg, const struct store_incident *in, bool redacted)
{
	int64_t	*ids = arg;
	size_t	 i;

	for (i = 0; ids[i] != 0; i++)
		;
	ids[i] = redacted ? -in->id : in->id;
	return 0;
}

/* The ids f lists (minus for a stub), 0-terminated, into ids[16]. */
static size_t
list(struct yj_app *a, const struct store_filter *f, int64_t *ids)
{
	struct yj_error	 err;
	size_t		 n;

	memset(ids, 0, 16 * sizeof *ids);
	assert_int_equal(incident_list(a, f, collect, ids, &err), YJ_OK);
	for (n = 0; ids[n] != 0; n++)
		;
	return n;
}

static void
test_checklist_on_the_form(void **state)
{
	struct yj_app		 a;
	struct incident_draft	 d;
	struct yj_error		 err;
	const char		*ticked[] = { "拨打学生本人电话", "通知辅导员" };
	const char		*bad[] = { "拨打学生本人电话", "喝杯茶" };
	struct store_filter	 f;
	int64_t			 id, ids[16];
	bool			 done[16];

	(void)state;
	fixture_app(&a);
	fixture_absence_draft(&d, "2023001");
	/* An item not on the category's checklist: refused, nothing saved. */
	d.checked = bad;
	d.nchecked = 2;
	assert_int_equal(incident_log(&a, &d, &id, &err), YJ_BAD_INPUT);
	assert_non_null(strstr(err.msg, "喝杯茶"));
	memset(&f, 0, sizeof f);
	assert_int_equal(list(&a, &f, ids), 0);

	d.checked = ticked;
	assert_int_equal(incident_log(&a, &d, &id, &err), YJ_OK);
	assert_int_equal(incident_checklist(&a, id, done, 16, &err), YJ_OK);
	assert_true(done[0]);	/* 拨打学生本人电话 */
	assert_false(done[1]);
	assert_true(done[2]);	/* 通知辅导员 */
	assert_false(done[3]);
	app_done(&a);
}

static void
test_checklist_later(void **state)
{
	struct yj_app	 a;
	struct yj_error	 err;
	int64_t		 id;
	bool		 done[16];

	(void)state;
	fixture_app(&a);
	id = fixture_absence(&a, "2023001", T0);
	assert_int_equal(incident_checklist(&a, id, done, 16, &err), YJ_OK);
	assert_false(done[3]);
	assert_int_equal(incident_act(&a, id, INCIDENT_CHECK, "查看宿舍门禁记录",
	    NULL, INCIDENT_REACHED, &err), YJ_OK);
	assert_int_equal(incident_checklist(&a, id, done, 16, &err), YJ_OK);
	assert_true(done[3]);
	/* Taken back: the history says so, the tick goes. */
	assert_int_equal(incident_act(&a, id, INCIDENT_UNCHECK,
	    "查看宿舍门禁记录", NULL, INCIDENT_REACHED, &err), YJ_OK);
	assert_int_equal(incident_checklist(&a, id, done, 16, &err), YJ_OK);
	assert_false(done[3]);
	/* Not an item of this checklist, or none at all. */
	assert_int_equal(incident_act(&a, id, INCIDENT_CHECK, "跑步",
	    NULL, INCIDENT_REACHED, &err), YJ_BAD_INPUT);
	assert_int_equal(incident_act(&a, id, INCIDENT_CHECK, NULL,
	    NULL, INCIDENT_REACHED, &err), YJ_BAD_INPUT);
	/* Only so many asked for: no write past them. */
	assert_int_equal(incident_checklist(&a, id, done, 1, &err), YJ_OK);
	app_done(&a);
}

static void
test_queue_filters(void **state)
{
	struct yj_app		 a;
	struct store_filter	 f;
	struct yj_error		 err;
	int64_t			 late, fresh, ids[16], b, dep;

	(void)state;
	fixture_app(&a);
	late = fixture_absence(&a, "2023001", T0);
	fresh = fixture_absence(&a, "2023002", T0 + 3600);
	a.clock = T0 + 3600 + 60;
	memset(&f, 0, sizeof f);
	f.open_only = true;

	/* Past its deadline (30 minutes at the counselor): only the first. */
	f.overdue_at = a.clock;
	assert_int_equal(list(&a, &f, ids), 1);
	assert_int_equal(ids[0], late);
	f.overdue_at = 0;

	/* Both students live in building 3. */
	assert_int_equal(store_unit_find(a.store, STORE_UNIT_BUILDING, "3", &b,
	    &err), YJ_OK);
	f.building = b;
	assert_int_equal(list(&a, &f, ids), 2);
	f.building = b + 100;
	assert_int_equal(list(&a, &f, ids), 0);
	f.building = 0;

	assert_int_equal(store_unit_find(a.store, STORE_UNIT_DEPARTMENT,
	    "计算机学院", &dep, &err), YJ_OK);
	f.department = dep;
	assert_int_equal(list(&a, &f, ids), 2);
	f.department = dep + 100;
	assert_int_equal(list(&a, &f, ids), 0);
	f.department = 0;

	f.logged_by = a.user.id;
	assert_int_equal(list(&a, &f, ids), 2);
	f.logged_by = a.user.id + 100;
	assert_int_equal(list(&a, &f, ids), 0);
	f.logged_by = 0;

	/* Narrowing by text: the student's name, number, the description. */
	f.text = "李四";
	assert_int_equal(list(&a, &f, ids), 1);
	assert_int_equal(ids[0], fresh);
	f.text = "2023001";
	assert_int_equal(list(&a, &f, ids), 1);
	assert_int_equal(ids[0], late);
	f.text = "未归";
	assert_int_equal(list(&a, &f, ids), 2);
	f.text = "no such words";
	assert_int_equal(list(&a, &f, ids), 0);
	f.text = "";
	assert_int_equal(list(&a, &f, ids), 2);
	f.text = NULL;

	/* Paging, most urgent first: the late one, then the other. */
	f.urgent_at = a.clock;
	f.limit = 1;
	assert_int_equal(list(&a, &f, ids), 1);
	assert_int_equal(ids[0], late);
	f.offset = 1;
	assert_int_equal(list(&a, &f, ids), 1);
	assert_int_equal(ids[0], fresh);
	f.offset = 2;
	assert_int_equal(list(&a, &f, ids), 0);
	app_done(&a);
}

static void
test_narrowing_hides_restricted(void **state)
{
	struct yj_app		 a;
	struct incident_draft	 d;
	struct store_filter	 f;
	struct yj_error		 err;
	const char		*students[] = { "2023001" };
	const char		*fields[] = { "risk=高" };
	int64_t			 id, ids[16];

	(void)state;
	fixture_app(&a);
	memset(&d, 0, sizeof d);
	d.category = "mental_health";
	d.students = students;
	d.nstudents = 1;
	d.fields = fields;
	d.nfields = 1;
	d.text = "情绪低落";
	assert_int_equal(incident_log(&a, &d, &id, &err), YJ_OK);
	memset(&f, 0, sizeof f);
	/* The duty officer sees a stub in the queue... */
	assert_int_equal(list(&a, &f, ids), 1);
	assert_int_equal(ids[0], -id);
	/* ...but cannot find it by what the stub hides. */
	f.text = "情绪";
	assert_int_equal(list(&a, &f, ids), 0);
	f.text = "张三";
	assert_int_equal(list(&a, &f, ids), 0);
	app_done(&a);
}

static const char *
shift(const struct policy *p, int64_t t)
{
	const struct policy_shift	*s = policy_shift_at(p, t);

	return s != NULL ? s->id : "none";
}

static void
test_shift_on_duty(void **state)
{
	struct yj_app	 a;

	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	fixture_app(&a);
	/* Monday 30 November 2026, a working day: the night shift. */
	assert_string_equal(shift(a.policy, caltime_local(2026, 11, 30, 23, 0)), "night");
	/* It runs on past midnight into Tuesday's morning. */
	assert_string_equal(shift(a.policy, caltime_local(2026, 12, 1, 7, 59)), "night");
	assert_string_equal(shift(a.policy, caltime_local(2026, 12, 1, 8, 0)), "none");
	assert_string_equal(shift(a.policy, caltime_local(2026, 11, 30, 12, 0)), "none");
	/* Saturday: the 24-hour holiday duty, into Sunday morning. */
	assert_string_equal(shift(a.policy, caltime_local(2026, 11, 28, 12, 0)),
	    "holiday");
	assert_string_equal(shift(a.policy, caltime_local(2026, 11, 29, 7, 0)),
	    "holiday");
	/* Friday night belongs to Friday, a working day. */
	assert_string_equal(shift(a.policy, caltime_local(2026, 11, 28, 3, 0)), "night");
	/* A Saturday made a working day (for the Spring Festival). */
	assert_string_equal(shift(a.policy, caltime_local(2026, 2, 14, 23, 0)), "night");
	assert_string_equal(shift(a.policy, caltime_local(2026, 2, 14, 12, 0)), "none");
	/* National Day, a Thursday: holiday duty. */
	assert_string_equal(shift(a.policy, caltime_local(2026, 10, 1, 12, 0)),
	    "holiday");
	app_done(&a);
}

/* Duties by id, the next and the last, and whom each hands over to. */
static void
test_duties(void **state)
{
	struct yj_app		 a;
	struct policy_duty	 d, n;
	const char		*why;

	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	fixture_app(&a);
	assert_true(policy_duty_at(a.policy, caltime_local(2026, 12, 2, 1, 0),
	    &d));
	assert_string_equal(d.id, "2026-12-01/night");
	assert_int_equal(d.start, caltime_local(2026, 12, 1, 22, 0));
	assert_int_equal(d.end, caltime_local(2026, 12, 2, 8, 0));
	/* A Tuesday night: the office opens at 08:00. */
	assert_string_equal(policy_duty_receiver(a.policy, &d),
	    "student_affairs");
	/* Friday night: Saturday's holiday duty follows at once. */
	assert_true(policy_duty_parse(a.policy, "2026-12-04/night", &d, &why));
	assert_null(policy_duty_receiver(a.policy, &d));
	assert_true(policy_duty_next(a.policy, d.end, &n));
	assert_string_equal(n.id, "2026-12-05/holiday");
	/* Sunday's holiday duty: to the next shift's officer (Monday). */
	assert_true(policy_duty_parse(a.policy, "2026-12-06/holiday", &d,
	    &why));
	assert_null(policy_duty_receiver(a.policy, &d));
	assert_true(policy_duty_next(a.policy, d.end, &n));
	assert_string_equal(n.id, "2026-12-07/night");
	assert_true(policy_duty_prev(a.policy, caltime_local(2026, 12, 7, 12,
	    0), &n));
	assert_string_equal(n.id, "2026-12-06/holiday");
	/* What is not a duty: a Saturday night, a bad date, no such shift. */
	assert_false(policy_duty_parse(a.policy, "2026-12-05/night", &d, &why));
	assert_string_equal(why, "that shift does not run on that day");
	assert_false(policy_duty_parse(a.policy, "2026-02-30/night", &d, &why));
	assert_false(policy_duty_parse(a.policy, "2026-12-01/day", &d, &why));
	assert_false(policy_duty_parse(a.policy, "night", &d, &why));
	/* A make-up Saturday (调休) has its night, not its holiday duty. */
	assert_true(policy_duty_parse(a.policy, "2026-10-10/night", &d, &why));
	assert_false(policy_duty_parse(a.policy, "2026-10-10/holiday", &d,
	    &why));
	app_done(&a);
}

/* Working days: holidays skipped, a make-up Saturday counted. */
static void
test_workdays(void **state)
{
	struct yj_app	 a;
	const char	*why;
	int		 n;

	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	fixture_app(&a);
	/* Friday 4 December 23:00 + 5 working days: Friday the 11th. */
	assert_int_equal(policy_add_workdays(a.policy, caltime_local(2026, 12,
	    4, 23, 0), 5), caltime_local(2026, 12, 11, 23, 0));
	/*
	 * Wednesday 30 September + 1: the National Day week (1-7 October)
	 * skipped, Thursday the 8th; two more: Friday the 9th and Saturday
	 * the 10th, a make-up working day.
	 */
	assert_int_equal(policy_add_workdays(a.policy, caltime_local(2026, 9,
	    30, 9, 0), 1), caltime_local(2026, 10, 8, 9, 0));
	assert_int_equal(policy_add_workdays(a.policy, caltime_local(2026, 10,
	    8, 9, 0), 2), caltime_local(2026, 10, 10, 9, 0));
	assert_int_equal(duration_parse_workdays("5wd", &n, &why), 0);
	assert_int_equal(n, 5);
	assert_int_equal(duration_parse_workdays("0wd", &n, &why), -1);
	assert_int_equal(duration_parse_workdays("5d", &n, &why), -1);
	assert_int_equal(duration_parse_workdays("400wd", &n, &why), -1);
	assert_int_equal(duration_parse_workdays("wd", &n, &why), -1);
	app_done(&a);
}

static int
mine_add(void *arg, const struct store_incident *in, bool redacted)
{
	int64_t	*v = arg;

	(void)redacted;
	v[++v[0]] = in->id;
	return 0;
}

/* What waits on me: by my rung and scope, or by the shift's end. */
static void
test_mine(void **state)
{
	struct yj_app		 a;
	struct users_new	 u;
	struct yj_error		 err;
	const char		*scope[] = { "计科2301" };
	int64_t			 got[8], id, night;

	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	fixture_app(&a);
	/* Monday 30 November 2026, 23:00: the night shift, to 08:00. */
	a.clock = caltime_local(2026, 11, 30, 23, 0);
	assert_int_equal(incident_shift_end(&a, a.clock),
	    caltime_local(2026, 12, 1, 8, 0));
	assert_int_equal(incident_shift_end(&a, caltime_local(2026, 11, 30,
	    12, 0)), 0);
	id = fixture_absence(&a, "2023001", a.clock);
	memset(&u, 0, sizeof u);
	u.login = "chen";
	u.role = "counselor";
	u.scope = scope;
	u.nscope = 1;
	u.password = "long-enough-1";
	assert_int_equal(users_add(&a, &u, true, &err), YJ_OK);
	/* The duty officer: due before 08:00 (the counselor has 2h). */
	got[0] = 0;
	assert_int_equal(incident_mine(&a, mine_add, got, &err), YJ_OK);
	assert_int_equal(got[0], 1);
	assert_int_equal(got[1], id);
	/* The counselor of its class: it waits on them. */
	store_user_free(&a.user);
	assert_int_equal(store_user_get(a.store, "chen", &a.user, &err), YJ_OK);
	night = id;
	got[0] = 0;
	assert_int_equal(incident_mine(&a, mine_add, got, &err), YJ_OK);
	assert_int_equal(got[0], 1);
	assert_int_equal(got[1], night);
	/* Climbed to the department: no longer theirs. */
	assert_int_equal(escalate_manual(&a, id, NULL, "联系不上辅导员", NULL,
	    NULL, &err), YJ_OK);
	got[0] = 0;
	assert_int_equal(incident_mine(&a, mine_add, got, &err), YJ_OK);
	assert_int_equal(got[0], 0);
	app_done(&a);
}

/*
 * Room 3-402 with residents of two classes: the fixture's 计科2301, and
 * 王五 of 计科2302; 计科2303 has nobody there.
 */
static void
two_classes_room(struct yj_app *a)
{
	struct store_student	 st;
	struct yj_error		 err;
	enum store_upsert	 what;
	int64_t			 dep, cls, b, room;

	assert_int_equal(store_department_ensure(a->store, "计算机学院", &dep,
	    &err), YJ_OK);
	assert_int_equal(store_class_ensure(a->store, "计科2303", dep, &cls,
	    &err), YJ_OK);
	assert_int_equal(store_class_ensure(a->store, "计科2302", dep, &cls,
	    &err), YJ_OK);
	assert_int_equal(store_building_ensure(a->store, "3", &b, &err),
	    YJ_OK);
	assert_int_equal(store_room_ensure(a->store, b, "402", &room, &err),
	    YJ_OK);
	memset(&st, 0, sizeof st);
	st.number = "2023003";
	st.name = "王五";
	st.gender = "男";
	st.class_id = cls;
	st.room_id = room;
	assert_int_equal(store_student_put(a->store, &st, &what, &err), YJ_OK);
}

/*
 * A room's incident whose residents are in two classes: each class's
 * counselor answers at its counselor rung (acknowledges it themselves),
 * a counselor of neither does not.
 */
static void
test_two_counselors(void **state)
{
	struct yj_app		 a;
	struct incident_draft	 d;
	struct store_incident	 in;
	struct users_new	 u;
	struct yj_error		 err;
	const char		*scope2[] = { "计科2302" }, *scope3[] = {
	    "计科2303" };
	int64_t			 id;
	bool			 redacted;

	(void)state;
	fixture_app(&a);
	two_classes_room(&a);
	memset(&u, 0, sizeof u);
	u.role = "counselor";
	u.password = "long-enough-1";
	u.login = "li";
	u.scope = scope2;
	u.nscope = 1;
	assert_int_equal(users_add(&a, &u, true, &err), YJ_OK);
	u.login = "zhou";
	u.scope = scope3;
	assert_int_equal(users_add(&a, &u, true, &err), YJ_OK);
	memset(&d, 0, sizeof d);
	d.category = "discipline_other";
	d.room = "3-402";
	d.text = "宿舍内深夜喧哗";
	assert_int_equal(incident_log(&a, &d, &id, &err), YJ_OK);
	/* The second class's counselor: theirs too. */
	store_user_free(&a.user);
	assert_int_equal(store_user_get(a.store, "li", &a.user, &err), YJ_OK);
	assert_int_equal(incident_show(&a, id, &in, &redacted, &err), YJ_OK);
	assert_int_equal(in.class_id, 0);	/* two classes: none of its own */
	assert_true(incident_at_rung(&a, &in));
	assert_true(incident_may_ack_self(&a, &in));
	incident_free(&in);
	/* A counselor of a class with nobody in that room: not theirs. */
	store_user_free(&a.user);
	assert_int_equal(store_user_get(a.store, "zhou", &a.user, &err), YJ_OK);
	assert_int_equal(incident_show(&a, id, &in, &redacted, &err), YJ_OK);
	assert_false(incident_at_rung(&a, &in));
	incident_free(&in);
	assert_int_not_equal(incident_ack(&a, id, NULL, INCIDENT_VIA_SELF,
	    NULL, &err), YJ_OK);
	/* li acknowledges it, as themselves. */
	store_user_free(&a.user);
	assert_int_equal(store_user_get(a.store, "li", &a.user, &err), YJ_OK);
	assert_int_equal(incident_ack(&a, id, NULL, INCIDENT_VIA_SELF, NULL,
	    &err), YJ_OK);
	app_done(&a);
}

static int
notified_add(void *arg, const struct store_event *ev)
{
	char	*who = arg;

	if (strcmp(ev->kind, record_kind_name(EV_NOTIFY)) == 0 &&
	    strlen(who) + strlen(ev->payload) + 2 < 1024) {
		strcat(who, ev->payload);
		strcat(who, "\n");
	}
	return 0;
}

/*
 * A room's incident climbed to its residents' counselors, of two classes:
 * both are told (notify_command runs once for each), not only the first.
 */
static void
test_two_counselors_told(void **state)
{
	static const char *const notify[] = { "true" };
	const char		*fields[] = { "item=热得快" };
	struct yj_app		 a;
	struct incident_draft	 d;
	struct roster_contact	 rows[3];
	struct diags		 dg;
	struct yj_error		 err;
	char			 told[1024] = "";
	int64_t			 id;
	int			 count;

	(void)state;
	fixture_app(&a);
	two_classes_room(&a);
	memset(rows, 0, sizeof rows);
	rows[0].level = "counselor";
	rows[0].unit = "计科2301";
	rows[0].name = "甲老师";
	rows[0].phone = "13900000011";
	rows[1].level = "counselor";
	rows[1].unit = "计科2302";
	rows[1].name = "乙老师";
	rows[1].phone = "13900000012";
	rows[2].level = "dormitory";
	rows[2].unit = "3";
	rows[2].name = "丙师傅";
	rows[2].phone = "13900000013";
	diags_init(&dg, "contacts");
	assert_int_equal(roster_contacts_rows(&a, rows, 3, false, true, &count,
	    &dg, &err), YJ_OK);
	diags_done(&dg);
	a.policy->notify_command = notify;
	a.policy->nnotify_command = 1;
	memset(&d, 0, sizeof d);
	d.category = "prohibited_appliance";	/* from the dormitory up */
	d.room = "3-402";
	d.fields = fields;
	d.nfields = 1;
	d.text = "查获热得快";
	assert_int_equal(incident_log(&a, &d, &id, &err), YJ_OK);
	/* Climbed to the counselors: each is told. */
	assert_int_equal(escalate_manual(&a, id, "counselor", "两个班的学生",
	    NULL, NULL, &err), YJ_OK);
	assert_int_equal(store_events(a.store, id, notified_add, told, &err),
	    YJ_OK);
	assert_non_null(strstr(told, "甲老师"));
	assert_non_null(strstr(told, "乙老师"));
	a.policy->notify_command = NULL;
	a.policy->nnotify_command = 0;
	app_done(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checklist_on_the_form),
		cmocka_unit_test(test_checklist_later),
		cmocka_unit_test(test_queue_filters),
		cmocka_unit_test(test_narrowing_hides_restricted),
		cmocka_unit_test(test_shift_on_duty),
		cmocka_unit_test(test_duties),
		cmocka_unit_test(test_workdays),
		cmocka_unit_test(test_mine),
		cmocka_unit_test(test_two_counselors),
		cmocka_unit_test(test_two_counselors_told),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
