/*
 * Unit tests of yj_util: strings, diagnostics, JSON, edit distance, UTF-8,
 * times, and wrapping by display width.
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

#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/diag.h"
#include "yujing/json.h"
#include "yujing/strdist.h"
#include "yujing/utf8.h"
#include "yujing/width.h"
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

/* Reading back what the writer wrote: strings, numbers, booleans. */
static void
test_json_get(void **state)
{
	const char	*p = "{\"person\":\"陈 \\\"老师\\\"\",\"why\":\"no_ack\","
	    "\"delay\":-1800,\"big\":1767225600,\"climbs\":true,"
	    "\"due\":null,\"x\":1.5,\"note\":\"\\\"delay\\\":7\"}";
	struct buf	 b;
	int64_t		 v;
	bool		 t;

	(void)state;
	buf_init(&b);
	assert_true(json_get_string(p, "person", &b));
	assert_string_equal(buf_str(&b), "陈 \"老师\"");
	assert_false(json_get_string(p, "delay", &b));
	assert_false(json_get_string(p, "due", &b));
	assert_false(json_get_string(p, "nothing", &b));
	buf_done(&b);
	assert_true(json_get_int(p, "delay", &v));
	assert_int_equal(v, -1800);
	assert_true(json_get_int(p, "big", &v));
	assert_int_equal(v, 1767225600);
	/* Not integers: a string, null, a fraction. */
	assert_false(json_get_int(p, "why", &v));
	assert_false(json_get_int(p, "due", &v));
	assert_false(json_get_int(p, "x", &v));
	assert_true(json_get_bool(p, "climbs", &t));
	assert_true(t);
	assert_false(json_get_bool(p, "delay", &t));
	assert_false(json_get_int(NULL, "delay", &v));
	/* A key inside a string value is not a key. */
	assert_true(json_get_int("{\"note\":\"\\\"delay\\\":7\",\"delay\":9}",
	    "delay", &v));
	assert_int_equal(v, 9);
}

/* ISO times back to seconds, as caltime_format_iso writes them. */
static void
test_iso(void **state)
{
	char	 buf[40];
	int64_t	 t;

	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	assert_int_equal(caltime_parse_iso("2026-01-01T08:00:00+08:00", &t),
	    0);
	assert_int_equal(t, 1767225600);
	assert_int_equal(caltime_parse_iso("2026-01-01T00:00:00Z", &t), 0);
	assert_int_equal(t, 1767225600);
	assert_int_equal(caltime_parse_iso("2025-12-31T19:00:00-05:00", &t),
	    0);
	assert_int_equal(t, 1767225600);
	assert_int_equal(caltime_parse_iso(caltime_format_iso(1709251199, buf,
	    sizeof buf), &t), 0);
	assert_int_equal(t, 1709251199);	/* 2024-02-29, leap */
	assert_int_equal(caltime_parse_iso("2026-01-01 08:00", &t), -1);
	assert_int_equal(caltime_parse_iso("2026-01-01T08:00:00+0800", &t), -1);
	assert_int_equal(caltime_parse_iso("2026-13-01T08:00:00Z", &t), -1);
}

/* The lines of s wrapped to cols, joined by '|'. */
static const char *
wrapped(const char *s, size_t cols)
{
	static struct buf	 b;
	size_t			 n, next;

	buf_done(&b);
	buf_init(&b);
	buf_puts(&b, "");
	for (;;) {
		n = width_line(s, cols, &next);
		buf_add(&b, s, n);
		if (s[next] == '\0')
			break;
		assert_true(next > 0);
		buf_putc(&b, '|');
		s += next;
	}
	return buf_str(&b);
}

/* CJK line breaking: by columns, never a closing mark first. */
static void
test_wrap(void **state)
{
	size_t	 br[8];

	(void)state;
	/* Everything fits: one line. */
	assert_string_equal(wrapped("短句。", 6), "短句。");
	/* Between any two CJK characters, two columns each. */
	assert_string_equal(wrapped("一二三四五六七", 6), "一二三|四五六|七");
	/* An odd width: the wide character that would overflow goes down. */
	assert_string_equal(wrapped("一二三四", 5), "一二|三四");
	/* Closing punctuation never starts a line: a character goes with it. */
	assert_string_equal(wrapped("一二三。四五", 6), "一二|三。四|五");
	assert_string_equal(wrapped("一二三，四五", 6), "一二|三，四|五");
	assert_string_equal(wrapped("已告知（陈老师）：直接上报", 8),
	    "已告知|（陈老|师）：直|接上报");
	assert_string_equal(wrapped("一二三）」四", 6), "一二|三）」|四");
	assert_string_equal(wrapped("一二三、四", 6), "一二|三、四");
	assert_string_equal(wrapped("一二三？！", 6), "一二|三？！");
	/* An opening bracket never ends a line. */
	assert_string_equal(wrapped("一二（三四", 6), "一二|（三四");
	assert_string_equal(wrapped("一二「三四", 6), "一二|「三四");
	/* Latin words break at spaces, the spaces dropped; never inside. */
	assert_string_equal(wrapped("nobody on record here", 10),
	    "nobody on|record|here");
	assert_string_equal(wrapped("climbed to Department, now", 14),
	    "climbed to|Department,|now");
	/* A word longer than the line is cut. */
	assert_string_equal(wrapped("abcdefghij", 4), "abcd|efgh|ij");
	/* Mixed: a number stays whole beside CJK, a comma stays behind. */
	assert_string_equal(wrapped("超时8h，提醒", 6), "超时|8h，提|醒");
	/* Names and phones keep together. */
	assert_string_equal(wrapped("电话13900000001", 8),
	    "电话|13900000|001");
	/* Zero columns still makes progress. */
	assert_string_equal(wrapped("一二", 0), "一|二");

	/* The offsets of the breaks. */
	assert_int_equal(width_breaks("一二三四五六七", 6, br, 8), 2);
	assert_int_equal(br[0], 9);
	assert_int_equal(br[1], 18);
	assert_int_equal(width_breaks("一二三四五六七", 6, br, 1), 2);
	assert_int_equal(width_breaks("短", 6, br, 8), 0);
	assert_int_equal(width_breaks("", 6, br, 8), 0);
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
		cmocka_unit_test(test_json_get),
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_strdist),
		cmocka_unit_test(test_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
