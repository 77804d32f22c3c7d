/* Unit tests of util/safe: what input refuses, how output shows the rest. */
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
#include "yujing/safe.h"
#include "yujing/status.h"

/* safe_dup(s, flags) compared with want, freed. */
static void
shown(const char *s, int flags, const char *want)
{
	char	*got = safe_dup(s, flags);

	assert_string_equal(got, want);
	free(got);
}

/* No byte a terminal acts on: C0 but \n (with lines), DEL, C1, U+202E. */
static void
assert_inert(const char *s, bool lines)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\n' && lines)
			continue;
		assert_false(*p < 0x20 || *p == 0x7f);
		if (*p == 0xc2)
			assert_false(p[1] >= 0x80 && p[1] <= 0x9f);
		if (*p == 0xe2 && p[1] == 0x80)
			assert_false(p[2] >= 0xaa && p[2] <= 0xae);
	}
}

static void
test_safe_shown(void **state)
{
	(void)state;
	shown("", 0, "");
	shown(NULL, 0, "");
	shown("张三 3-402 plain, \"quoted\" \\ backslash", 0,
	    "张三 3-402 plain, \"quoted\" \\ backslash");
	shown("\x1b[2J", 0, "\\x1b[2J");
	shown("\x1b]0;title\a", 0, "\\x1b]0;title\\x07");
	shown("\x1b]52;c;aGVsbG8=\a", 0, "\\x1b]52;c;aGVsbG8=\\x07");
	shown("a\tb\rc\bd\x7f" "e", 0, "a\\tb\\rc\\x08d\\x7fe");
	shown("\x01\x1f", 0, "\\x01\\x1f");
	/* C1 (here CSI and NEL) as code points, not as their bytes. */
	shown("x\xc2\x9b" "2Jy\xc2\x85", 0, "x\\u009b2Jy\\u0085");
	/* Bidi controls and the separators; ordinary marks stay. */
	shown("abc\xe2\x80\xae" "fdp.exe", 0, "abc\\u202efdp.exe");
	shown("\xe2\x81\xa6\xd8\x9c\xe2\x80\x8f\xe2\x80\xa8", 0,
	    "\\u2066\\u061c\\u200f\\u2028");
	shown("é—…·", 0, "é—…·");
	/* Bytes that are not UTF-8, one escape each. */
	shown("a\xff\xd5z", 0, "a\\xff\\xd5z");
	shown("\xe2\x80", 0, "\\xe2\\x80");
	/* New lines: a mark on one line, kept on several. */
	shown("one\ntwo", 0, "one\\ntwo");
	shown("one\ntwo", SAFE_LINES, "one\ntwo");
	shown("crlf\r\n", SAFE_LINES, "crlf\\r\n");
}

static void
test_safe_idempotent(void **state)
{
	const char	*hostile = "\x1b[31m红\r\n\t\xc2\x9b\xe2\x80\xae\x7f"
	    "\xff";
	char		*once, *twice;

	(void)state;
	once = safe_dup(hostile, 0);
	assert_inert(once, false);
	twice = safe_dup(once, 0);
	assert_string_equal(once, twice);
	free(once);
	free(twice);
	once = safe_dup(hostile, SAFE_LINES);
	assert_inert(once, true);
	assert_non_null(strchr(once, '\n'));
	free(once);
}

static void
test_safe_every_byte(void **state)
{
	char	 s[3];
	char	*got;
	int	 c;

	(void)state;
	/* Each single byte and each two-byte C1 comes out inert. */
	for (c = 1; c < 256; c++) {
		s[0] = (char)c;
		s[1] = '\0';
		got = safe_dup(s, 0);
		assert_inert(got, false);
		if (c >= 0x20 && c < 0x7f)
			assert_int_equal(strlen(got), 1);
		else
			assert_true(strlen(got) >= 2);
		free(got);
	}
	for (c = 0x80; c < 0xc0; c++) {
		s[0] = (char)0xc2;
		s[1] = (char)c;
		s[2] = '\0';
		got = safe_dup(s, 0);
		assert_inert(got, false);
		free(got);
	}
}

/* safe_check's verdict: YJ_OK, or the message it must hold. */
static void
checked(const char *s, enum safe_kind kind, const char *want)
{
	struct yj_error	 err;
	enum yj_status	 r;

	yj_error_clear(&err);
	r = safe_check("the description", s, 4096, kind, &err);
	if (want == NULL) {
		assert_int_equal(r, YJ_OK);
		return;
	}
	assert_int_equal(r, YJ_BAD_INPUT);
	assert_int_equal(err.status, YJ_BAD_INPUT);
	if (strstr(err.msg, want) == NULL)
		fail_msg("'%s' does not hold '%s'", err.msg, want);
	assert_non_null(strstr(err.msg, "the description"));
}

static void
test_safe_check_text(void **state)
{
	(void)state;
	checked("晚点名未归，电话未接", SAFE_TEXT, NULL);
	checked("两行\n第二行\n", SAFE_TEXT, NULL);
	checked("=HYPERLINK(\"http://x\",\"y\")", SAFE_TEXT, NULL);
	checked("", SAFE_TEXT, NULL);
	/* A bidi control is refused in names only: it is shown escaped. */
	checked("a\xe2\x80\xae" "b", SAFE_TEXT, NULL);
	checked("note \x1b[2J", SAFE_TEXT,
	    "the description: a control character (U+001B) at character 6;");
	checked("tab\there", SAFE_TEXT, "(U+0009) at character 4");
	checked("cr\r\n", SAFE_TEXT, "(U+000D) at character 3");
	checked("bel\a", SAFE_TEXT, "(U+0007)");
	checked("bs\b", SAFE_TEXT, "(U+0008)");
	checked("del\x7f", SAFE_TEXT, "(U+007F)");
	checked("c1\xc2\x9b", SAFE_TEXT, "(U+009B) at character 3");
	checked("c1\xc2\x80", SAFE_TEXT, "(U+0080)");
	checked("c1\xc2\x9f", SAFE_TEXT, "(U+009F)");
	checked("行一\n行二\x1b", SAFE_TEXT, "at line 2, character 3");
	checked("bad\xff", SAFE_TEXT,
	    "is not valid UTF-8 (line 1, character 4)");
}

static void
test_safe_check_name(void **state)
{
	struct yj_error	 err;
	char		*big;

	(void)state;
	checked("张三", SAFE_NAME, NULL);
	checked("O'Brien-Smith (2)", SAFE_NAME, NULL);
	checked("张\n三", SAFE_NAME, "a control character (U+000A) at "
	    "character 2; names, numbers and ids");
	checked("a\tb", SAFE_NAME, "(U+0009)");
	checked("\x1b]52;c;aGk=\a", SAFE_NAME, "(U+001B) at character 1");
	checked("x\xe2\x80\xae", SAFE_NAME,
	    "a bidi control (U+202E) at character 2");
	checked("\xe2\x80\xaa", SAFE_NAME, "(U+202A)");
	checked("\xe2\x81\xa6", SAFE_NAME, "(U+2066)");
	checked("\xe2\x81\xa9", SAFE_NAME, "(U+2069)");
	checked("\xe2\x80\x8f", SAFE_NAME, "(U+200F)");
	checked("a\xe2\x80\xa8" "b", SAFE_NAME, "a line separator (U+2028)");
	/* U+202F (narrow no-break space) is next to them and is no control. */
	checked("a\xe2\x80\xaf" "b", SAFE_NAME, NULL);
	/* Too long: said before anything else. */
	big = calloc(1, 100001);
	assert_non_null(big);
	memset(big, 'a', 100000);
	assert_int_equal(safe_check("the location", big, 4096, SAFE_TEXT,
	    &err), YJ_BAD_INPUT);
	assert_string_equal(err.msg, "the location is too long (100000 bytes; "
	    "at most 4096)");
	free(big);
}

static void
test_safe_classes(void **state)
{
	uint32_t	 cp;

	(void)state;
	for (cp = 0; cp < 0x20; cp++)
		assert_true(safe_is_control(cp));
	for (cp = 0x20; cp < 0x7f; cp++)
		assert_false(safe_is_control(cp));
	for (cp = 0x7f; cp <= 0x9f; cp++)
		assert_true(safe_is_control(cp));
	assert_false(safe_is_control(0xa0));
	assert_false(safe_is_control(0x202e));
	for (cp = 0x202a; cp <= 0x202e; cp++)
		assert_true(safe_is_bidi(cp));
	for (cp = 0x2066; cp <= 0x2069; cp++)
		assert_true(safe_is_bidi(cp));
	assert_false(safe_is_bidi(0x2029));
	assert_false(safe_is_bidi(0x202f));
	assert_false(safe_is_bidi(0x2065));
	assert_false(safe_is_bidi(0x206a));
	assert_false(safe_is_bidi('a'));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_safe_shown),
		cmocka_unit_test(test_safe_idempotent),
		cmocka_unit_test(test_safe_every_byte),
		cmocka_unit_test(test_safe_check_text),
		cmocka_unit_test(test_safe_check_name),
		cmocka_unit_test(test_safe_classes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
