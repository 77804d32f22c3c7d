/*
 * Unit tests for i18n.c: the catalog compiled into the build tree is found
 * and used, Chinese under zh_CN, English under C; and LANGUAGE does what
 * GNU gettext says it does.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yujing/i18n.h"

#define ZH	"zh_CN.UTF-8"
#define MO	YJ_BUILD_LOCALEDIR "/zh_CN/LC_MESSAGES/yujing.mo"

/*
 * The UI as main() sets it up, under locale loc with LANGUAGE set to lang
 * (NULL: unset) and the build tree's catalogs. A missing locale fails the
 * test: skipping would hide that the Chinese UI was never checked.
 */
static void
ui_in(const char *loc, const char *lang)
{
	if (lang == NULL)
		unsetenv("LANGUAGE");
	else
		setenv("LANGUAGE", lang, 1);
	setenv("YUJING_LOCALEDIR", YJ_BUILD_LOCALEDIR, 1);
	if (setlocale(LC_ALL, loc) == NULL)
		fail_msg("setlocale(LC_ALL, \"%s\") failed: the locale is not "
			 "installed (as root: localedef -i zh_CN -f UTF-8 "
			 "zh_CN.UTF-8, or scripts/dev deps)", loc);
	i18n_init();
}

static int
setup(void **state)
{
	(void)state;
	if (access(MO, R_OK) != 0) {
		print_error("%s is missing: build the yj_locale target\n", MO);
		return -1;
	}
	return 0;
}

static void
test_chinese(void **state)
{
	(void)state;
	ui_in(ZH, NULL);
	assert_string_equal(i18n_language(), "中文");
	assert_string_equal(_("English"), "中文");
	/* Not in the catalog: the msgid itself. */
	assert_string_equal(_("no such message"), "no such message");
}

/* There is no C.UTF-8 catalog, and "C" never translates: English. */
static void
test_english_under_c(void **state)
{
	(void)state;
	ui_in("C.UTF-8", NULL);
	assert_string_equal(i18n_language(), "English");
	ui_in("C", NULL);
	assert_string_equal(i18n_language(), "English");
	/* Under plain C (or POSIX) even LANGUAGE is ignored. */
	ui_in("C", "zh_CN");
	assert_string_equal(i18n_language(), "English");
}

/*
 * LANGUAGE is a list of languages, first found wins, and it outranks the
 * locale (but for C). Unknown or empty entries fall through.
 */
static void
test_language(void **state)
{
	(void)state;
	ui_in(ZH, "");
	assert_string_equal(i18n_language(), "中文");
	ui_in(ZH, "zh_CN:en");
	assert_string_equal(i18n_language(), "中文");
	ui_in(ZH, "fr:de:zh_CN");
	assert_string_equal(i18n_language(), "中文");
	/* English asked for (Debian's installer writes en_US:en). */
	ui_in(ZH, "en_US:en");
	assert_string_equal(i18n_language(), "English");
	/*
	 * But English has no catalog of its own, so gettext does not know
	 * it is there: it goes on down the list.
	 */
	ui_in(ZH, "en:zh_CN");
	assert_string_equal(i18n_language(), "中文");
	/*
	 * glibc ignores LANGUAGE only for "C" itself: a test that wants
	 * English under C.UTF-8 has to unset LANGUAGE.
	 */
	ui_in("C.UTF-8", "zh_CN");
	assert_string_equal(i18n_language(), "中文");
}

static void
test_binding(void **state)
{
	(void)state;
	ui_in(ZH, NULL);
	assert_string_equal(textdomain(NULL), "yujing");
	assert_string_equal(bindtextdomain("yujing", NULL), YJ_BUILD_LOCALEDIR);
	/* UTF-8 whatever the locale's codeset: widths are measured in it. */
	assert_string_equal(bind_textdomain_codeset("yujing", NULL), "UTF-8");

	/* Without YUJING_LOCALEDIR (or with it empty): the installed one. */
	unsetenv("YUJING_LOCALEDIR");
	i18n_init();
	assert_string_equal(bindtextdomain("yujing", NULL), YJ_LOCALEDIR);
	setenv("YUJING_LOCALEDIR", YJ_BUILD_LOCALEDIR, 1);
	i18n_init();
	setenv("YUJING_LOCALEDIR", "", 1);
	i18n_init();
	assert_string_equal(bindtextdomain("yujing", NULL), YJ_LOCALEDIR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_english_under_c),
		cmocka_unit_test(test_language),
		cmocka_unit_test(test_binding),
	};

	return (cmocka_run_group_tests(tests, setup, NULL));
}
