/*
 * libFuzzer target: any bytes as a search query, for incidents and for
 * students. The query is split in C and handed to SQLite's full-text
 * syntax: whatever is typed, the answer is results or a clear refusal,
 * never an SQL error or a crash.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/status.h"
#include "yujing/store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
fuzz_search_id(void *arg, int64_t id)
{
	(void)arg;
	(void)id;
	return 0;
}

static int
fuzz_search_student(void *arg, const struct store_student *st)
{
	(void)arg;
	(void)st;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store	*s;
	struct yj_error		 err;
	enum yj_status		 r;
	char			*q;

	if (s == NULL && store_open(":memory:", STORE_CREATE, &s, &err) !=
	    YJ_OK)
		abort();
	if ((q = strndup((const char *)data, size)) == NULL)
		abort();
	r = store_search(s, q, 10, fuzz_search_id, NULL, &err);
	if (r != YJ_OK && r != YJ_BAD_INPUT)
		abort();
	r = store_student_find(s, q, 10, fuzz_search_student, NULL, &err);
	if (r != YJ_OK && r != YJ_BAD_INPUT)
		abort();
	free(q);
	return 0;
}
