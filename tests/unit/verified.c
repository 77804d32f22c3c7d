#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "yujing/status.h"
#include "yujing/store.h"

#include "verified.h"

/* store_verify finds nothing; prints what it found otherwise. */
void
verify_clean(struct store *s, int64_t events)
{
	struct store_verify	 v;
	struct yj_error		 err;
	size_t			 i;

	assert_int_equal(store_verify(s, 0, NULL, &v, &err), YJ_OK);
	for (i = 0; i < v.ndiffs; i++)
		fprintf(stderr, "diff: kind %d incident %lld event %lld %s: "
		    "%s / %s %s\n", (int)v.diffs[i].kind,
		    (long long)v.diffs[i].incident,
		    (long long)v.diffs[i].event,
		    v.diffs[i].field ? v.diffs[i].field : "",
		    v.diffs[i].is ? v.diffs[i].is : "",
		    v.diffs[i].says ? v.diffs[i].says : "",
		    v.diffs[i].why ? v.diffs[i].why : "");
	assert_int_equal(v.ndiffs, 0);
	if (events >= 0)
		assert_int_equal(v.events, events);
	store_verify_free(&v);
}
