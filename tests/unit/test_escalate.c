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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_warning_at_n),
		cmocka_unit_test(test_warning_window),
		cmocka_unit_test(test_warning_after_resolution),
		cmocka_unit_test(test_tick_clock),
		cmocka_unit_test(test_current_contact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
