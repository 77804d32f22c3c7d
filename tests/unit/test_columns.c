/*
 * The values of a school's spreadsheet made one form (columns.c): phones
 * with their extensions, buildings as schools write them, rooms that
 * name their building, names spaced out to line up, numbers Excel
 * mangled, cells naming several units. Each case its exact result, or
 * refused.
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

#include "yujing/columns.h"
#include "yujing/utf8.h"

static void
test_phone(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;	/* NULL: refused */
	} cases[] = {
		{ "13800000001", "13800000001" },
		{ "138 0000 0001", "13800000001" },
		{ "138-0000-0001", "13800000001" },
		{ "'13800000001", "13800000001" },
		{ "(0571) 8800 0003", "057188000003" },
		{ "0571-8800 0003转8001", "057188000003转8001" },
		{ "0571-88000003 分机 801", "057188000003转801" },
		{ "010-6275 1234-8001", "01062751234转8001" },
		{ "0571-88000003-801", "057188000003转801" },
		{ "010 6275 1234 ext. 12", "01062751234转12" },
		{ "+86 138 0000 0001", "13800000001" },
		{ "0086 13800000001", "13800000001" },
		{ "+44 20 7946 0958", "+442079460958" },
		{ "110", "110" },
		{ "1.38E+10", NULL },
		{ "abc", NULL },
		{ "12", NULL },
		{ "1380000000112345", NULL },
		{ "13800000001转", NULL },
		{ "转8001", NULL },
	};
	const char	*why;
	char		*out;
	size_t		 i;
	int		 rc;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		out = NULL;
		rc = columns_phone(cases[i].in, &out, &why);
		if (cases[i].out == NULL && rc == 0)
			fail_msg("'%s' read as '%s'", cases[i].in, out);
		if (cases[i].out != NULL && (rc != 0 ||
		    strcmp(out, cases[i].out) != 0))
			fail_msg("'%s': '%s', not '%s'", cases[i].in,
			    rc == 0 ? out : why, cases[i].out);
		free(out);
	}
}

static void
test_building_room(void **state)
{
	static const struct {
		const char	*building;
		const char	*room;
		const char	*b_out;	/* the building after */
		const char	*r_out;	/* NULL: refused */
	} cases[] = {
		{ "3", "402", "3", "402" },
		{ "3#", "402", "3", "402" },
		{ "3栋", "402", "3", "402" },
		{ "3号楼", "402", "3", "402" },
		{ "３号楼", "４０２", "3", "402" },
		{ "3幢", "402", "3", "402" },
		{ "东三", "402", "东三", "402" },
		{ "", "3-402", "3", "402" },
		{ "", "3#402", "3", "402" },
		{ "", "3栋402", "3", "402" },
		{ "", "3号楼402", "3", "402" },
		{ "3", "3-402", "3", "402" },
		{ "3#", "3#402", "3", "402" },
		{ "8", "3栋201", "8", NULL },
		{ "", "402", "", "402" },
		{ "", "B-201", "B", "201" },
	};
	const char	*why;
	char		*b, *room, *out, *named;
	size_t		 i;
	int		 rc;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* As an import reads them: NFKC first. */
		room = utf8_nfkc(cases[i].room);
		b = utf8_nfkc(cases[i].building);
		out = columns_building(NULL, b);
		free(b);
		b = out;
		out = named = NULL;
		rc = columns_room(room, b, &out, &named, &why);
		if (cases[i].r_out == NULL) {
			if (rc == 0)
				fail_msg("%s / %s read as %s", cases[i].building,
				    cases[i].room, out);
		} else {
			if (rc != 0)
				fail_msg("%s / %s: %s", cases[i].building,
				    cases[i].room, why);
			if (named != NULL && *b == '\0') {
				free(b);
				b = named;
				named = NULL;
			}
			if (strcmp(b, cases[i].b_out) != 0 ||
			    strcmp(out, cases[i].r_out) != 0)
				fail_msg("%s / %s: %s / %s, not %s / %s",
				    cases[i].building, cases[i].room, b, out,
				    cases[i].b_out, cases[i].r_out);
		}
		free(named);
		free(out);
		free(room);
		free(b);
	}
}

static void
test_name_number(void **state)
{
	const char	*why;
	char		*out;

	(void)state;
	assert_int_equal(columns_name("孙 七", &out, &why), 0);
	assert_string_equal(out, "孙七");
	free(out);
	assert_int_equal(columns_name("John Smith", &out, &why), 0);
	assert_string_equal(out, "John Smith");
	free(out);
	assert_int_equal(columns_name("阿依 · 买买提", &out, &why), 0);
	assert_string_equal(out, "阿依·买买提");
	free(out);
	assert_int_equal(columns_name("?田", &out, &why), -1);
	assert_non_null(strstr(why, "'?'"));
	assert_int_equal(columns_number("'2025010101", &out, &why), 0);
	assert_string_equal(out, "2025010101");
	free(out);
	assert_int_equal(columns_number("2.02501E+09", &out, &why), -1);
	assert_non_null(strstr(why, "文本"));
	assert_int_equal(columns_number("2025E01", &out, &why), 0);
	free(out);
}

static void
test_split(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;	/* joined by | */
	} cases[] = {
		{ "计科2301、计科2302", "计科2301|计科2302" },
		{ "计科2301，计科2302；计科2303", "计科2301|计科2302|计科2303" },
		{ "计科2301, 计科2302", "计科2301|计科2302" },
		{ "计科 2301", "计科 2301" },
		{ "计科2301", "计科2301" },
		{ "", "" },
	};
	char	**v, buf[256];
	size_t	 i, j, n;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		n = columns_split(cases[i].in, &v);
		buf[0] = '\0';
		for (j = 0; j < n; j++) {
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
			    "%s%s", j ? "|" : "", v[j]);
			free(v[j]);
		}
		free(v);
		if (strcmp(buf, cases[i].out) != 0)
			fail_msg("'%s' split as '%s', not '%s'", cases[i].in,
			    buf, cases[i].out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_building_room),
		cmocka_unit_test(test_name_number),
		cmocka_unit_test(test_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
