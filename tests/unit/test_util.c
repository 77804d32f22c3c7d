/* Unit tests of yj_util: strings, diagnostics, JSON, edit distance, UTF-8. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/buf.h"
#include "yujing/diag.h"
#include "yujing/json.h"
#include "yujing/strdist.h"
#include "yujing/utf8.h"
#include "yujing/xmalloc.h"

static void
test_buf(void **state)
{
	struct buf	 b;
	char		*s;
	int		 i;

	(void)state;
	buf_init(&b);
	assert_string_equal(buf_str(&b), "");
	buf_puts(&b, "夜不归宿");
	buf_putc(&b, ' ');
	buf_printf(&b, "%d/%s", 3, "30d");
	assert_string_equal(buf_str(&b), "夜不归宿 3/30d");
	assert_int_equal(b.len, strlen("夜不归宿 3/30d"));
	for (i = 0; i < 1000; i++)
		buf_puts(&b, "0123456789");
	assert_int_equal(b.len, strlen("夜不归宿 3/30d") + 10000);
	s = buf_steal(&b);
	assert_null(b.data);
	assert_int_equal(strlen(s), strlen("夜不归宿 3/30d") + 10000);
	free(s);
	s = buf_steal(&b);
	assert_string_equal(s, "");
	free(s);
}

static void
test_xasprintf(void **state)
{
	char	*s;

	(void)state;
	s = xasprintf("%s:%d:%d: %s", "rules.yaml", 12, 5, "x");
	assert_string_equal(s, "rules.yaml:12:5: x");
	free(s);
	s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
}

static void
test_diags_sort_and_print(void **state)
{
	struct diags	 d;
	char		 out[512];
	FILE		*f;
	size_t		 n;

	(void)state;
	diags_init(&d, "r.yaml");
	diags_add(&d, 9, 1, "third");
	diags_add(&d, 2, 7, "second");
	diags_add(&d, 2, 3, "first");
	diags_add(&d, 9, 1, "fourth");
	diags_sort(&d);
	assert_string_equal(d.v[0].msg, "first");
	assert_string_equal(d.v[1].msg, "second");
	assert_string_equal(d.v[2].msg, "third");
	assert_string_equal(d.v[3].msg, "fourth");	/* stable */

	f = fmemopen(out, sizeof out, "w");
	assert_non_null(f);
	diags_print(&d, f);
	n = (size_t)ftell(f);
	fclose(f);
	out[n] = '\0';
	assert_string_equal(out, "r.yaml:2:3: first\nr.yaml:2:7: second\n"
	    "r.yaml:9:1: third\nr.yaml:9:1: fourth\n");
	diags_done(&d);
}

static void
test_diags_limit(void **state)
{
	struct diags	 d;
	int		 i;

	(void)state;
	diags_init(&d, "r.yaml");
	for (i = 0; i < DIAGS_LIMIT + 25; i++)
		diags_add(&d, i + 1, 1, "e%d", i);
	assert_int_equal(d.n, DIAGS_LIMIT);
	assert_int_equal(d.dropped, 25);
	assert_int_equal(diags_count(&d), DIAGS_LIMIT + 25);
	diags_done(&d);
}

static void
test_json(void **state)
{
	struct buf	 b;
	struct json	 j;

	(void)state;
	buf_init(&b);
	json_init(&j, &b, false);
	json_object_begin(&j);
	json_kv_string(&j, "name", "夜不归宿 \"q\" \\ \n\t\x01");
	json_kv_int(&j, "ack", -1800);
	json_kv_bool(&j, "restricted", true);
	json_kv_string(&j, "none", NULL);
	json_key(&j, "list");
	json_array_begin(&j);
	json_int(&j, 1);
	json_array_begin(&j);
	json_array_end(&j);
	json_object_begin(&j);
	json_object_end(&j);
	json_array_end(&j);
	json_object_end(&j);
	assert_string_equal(buf_str(&b),
	    "{\"name\":\"夜不归宿 \\\"q\\\" \\\\ \\n\\t\\u0001\","
	    "\"ack\":-1800,\"restricted\":true,\"none\":null,"
	    "\"list\":[1,[],{}]}");
	buf_done(&b);

	json_init(&j, &b, true);
	json_array_begin(&j);
	json_string(&j, "a");
	json_object_begin(&j);
	json_kv_int(&j, "k", 2);
	json_object_end(&j);
	json_array_end(&j);
	assert_string_equal(buf_str(&b),
	    "[\n  \"a\",\n  {\n    \"k\": 2\n  }\n]\n");
	buf_done(&b);
}

static void
test_strdist(void **state)
{
	static const char *const keys[] = {
		"ack_within", "name", "name_en", "scope", "id"
	};

	(void)state;
	assert_int_equal(strdist("", ""), 0);
	assert_int_equal(strdist("abc", ""), 3);
	assert_int_equal(strdist("kitten", "sitting"), 3);
	assert_int_equal(strdist("ack_whithin", "ack_within"), 1);
	assert_int_equal(strdist("hihg", "high"), 1);
	assert_int_equal(strdist("ab", "ba"), 1);
	assert_string_equal(strdist_suggest("ack_whithin", keys, 5),
	    "ack_within");
	assert_string_equal(strdist_suggest("scop", keys, 5), "scope");
	assert_string_equal(strdist_suggest("nme", keys, 5), "name");
	/* Too far, or an exact match, suggests nothing. */
	assert_null(strdist_suggest("colour", keys, 5));
	assert_null(strdist_suggest("name", keys, 5));
}

static void
test_utf8(void **state)
{
	const char	*good = "name: 夜不归宿\n  ok: 是\n";
	const char	*bad = "ab\n夜\xff";
	const char	*overlong = "a\xc0\xaf";
	const char	*nul = "ab\0c";
	int		 line, col;

	(void)state;
	assert_true(utf8_check(good, strlen(good), &line, &col));
	assert_false(utf8_check(bad, strlen(bad), &line, &col));
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
	assert_false(utf8_check(overlong, strlen(overlong), &line, &col));
	assert_int_equal(line, 1);
	assert_int_equal(col, 2);
	assert_false(utf8_check(nul, 4, &line, &col));
	assert_int_equal(col, 3);
	/* 夜不 in GBK: D2 B9 happens to be valid UTF-8, B2 is not. */
	assert_false(utf8_check("\xd2\xb9\xb2\xbb", 4, &line, &col));
	assert_int_equal(line, 1);
	assert_int_equal(col, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_xasprintf),
		cmocka_unit_test(test_diags_sort_and_print),
		cmocka_unit_test(test_diags_limit),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_strdist),
		cmocka_unit_test(test_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
