/*
 * notify_command as the screen runs it (core/escalate.c): started and
 * never waited for (escalate_flush with notify_async), recorded by
 * escalate_reap as each one ends, stopped after notify_timeout; recorded
 * as the command line's tick records it.
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
#include "yujing/escalate.h"
#include "yujing/record.h"
#include "yujing/store.h"

static int64_t
ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct notes {
	int	 n;
	char	 last[256];
};

static int
notify_event(void *arg, const struct store_event *ev)
{
	struct notes	*w = arg;

	if (strcmp(ev->kind, record_kind_name(EV_NOTIFY)) != 0)
		return 0;
	w->n++;
	/* How it went is in the payload, said by history.h. */
	snprintf(w->last, sizeof w->last, "%s", ev->payload);
	return 0;
}

static struct notes
notes_of(struct yj_app *a, int64_t id)
{
	struct notes	 w;
	struct yj_error	 err;

	memset(&w, 0, sizeof w);
	assert_int_equal(store_events(a->store, id, notify_event, &w, &err),
	    YJ_OK);
	return w;
}

/* One notification of incident id through argv, the screen's way. */
static void
run(struct yj_app *a, int64_t id, const char *const *argv, size_t n,
    int64_t timeout)
{
	const char *const	*was = a->policy->notify_command;
	size_t			 nwas = a->policy->nnotify_command;
	int64_t			 t0;

	a->policy->notify_command = argv;
	a->policy->nnotify_command = n;
	a->policy->notify_timeout = timeout;
	a->notify_async = true;
	app_notice_add(a, id, "宋远桥", "13900000001", "counselor",
	    "night_absence", "message");
	t0 = ms();
	escalate_flush(a, NULL, NULL);
	assert_true(ms() - t0 < 500);		/* started, not waited for */
	assert_int_equal(a->nrunning, 1);
	assert_int_equal(notes_of(a, id).n, 0);
	assert_int_equal(escalate_reap(a, false, NULL, NULL), 1);
	t0 = ms();
	assert_int_equal(escalate_reap(a, false, NULL, NULL), 1);
	assert_true(ms() - t0 < 200);		/* never blocks */
	/* As the screen closes: what is left is waited for. */
	assert_int_equal(escalate_reap(a, true, NULL, NULL), 0);
	assert_int_equal(a->nrunning, 0);
	a->policy->notify_command = was;
	a->policy->nnotify_command = nwas;
}

static void
test_reap_sent(void **state)
{
	static const char *const argv[] = { "/bin/sleep", "1", NULL };
	struct yj_app	 a;
	struct notes	 w;
	int64_t		 id;

	(void)state;
	fixture_app(&a);
	id = fixture_absence(&a, "2023001", FIXTURE_T0);
	run(&a, id, argv, 2, 10);
	w = notes_of(&a, id);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.last, "\"status\":0"));
	app_done(&a);
}

static void
test_reap_stopped(void **state)
{
	static const char *const argv[] = { "/bin/sleep", "30", NULL };
	struct yj_app	 a;
	struct notes	 w;
	int64_t		 id, t0;

	(void)state;
	fixture_app(&a);
	id = fixture_absence(&a, "2023001", FIXTURE_T0);
	t0 = ms();
	run(&a, id, argv, 2, 1);
	assert_true(ms() - t0 < 5000);		/* stopped after 1 s */
	w = notes_of(&a, id);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.last, "\"stopped_after\":1"));
	app_done(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reap_sent),
		cmocka_unit_test(test_reap_stopped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
