/* Unit tests of pinyin initials search (yj_util, with the Unihan table). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>

#include "yujing/pinyin.h"

#define B(c) PINYIN_BIT(c)

static void
test_initials(void **state)
{
	(void)state;
	assert_int_equal(pinyin_initials(0x5F20), B('z'));		/* 张 */
	assert_int_equal(pinyin_initials(0x4E09), B('s'));		/* 三 */
	/* Polyphones: every modern reading, surname readings too. */
	assert_int_equal(pinyin_initials(0x5355), B('d') | B('s') | B('c'));
	assert_int_equal(pinyin_initials(0x884C), B('x') | B('h'));	/* 行 */
	assert_int_equal(pinyin_initials(0x91CD), B('z') | B('c'));	/* 重 */
	assert_int_equal(pinyin_initials(0x957F), B('c') | B('z'));	/* 长 */
	assert_int_equal(pinyin_initials(0x4E50), B('l') | B('y'));	/* 乐 */
	assert_int_equal(pinyin_initials(0x4EC7), B('c') | B('q'));	/* 仇 */
	assert_int_equal(pinyin_initials(0x533A), B('q') | B('o'));	/* 区 */
	/* Not the classical readings of Hanyu Da Zidian: 不 fǒu, 找 huá. */
	assert_int_equal(pinyin_initials(0x4E0D), B('b'));		/* 不 */
	assert_int_equal(pinyin_initials(0x627E), B('z'));		/* 找 */
	/* ...which are all there is for a rare character: 䀡 chàn diān tàn. */
	assert_int_equal(pinyin_initials(0x4021), B('c') | B('d') | B('t'));
	/* Readings that start with a tone-marked letter. */
	assert_true(pinyin_initials(0x55EF) & B('n'));	/* 嗯 ń ň ǹ */
	assert_true(pinyin_initials(0x5463) & B('m'));	/* 呣 ḿ m̀ */
	assert_true(pinyin_initials(0x6B38) & B('a'));	/* 欸 ǎi */
	assert_true(pinyin_initials(0x6B38) & B('e'));	/* 欸 ê̄ ế */
	assert_true(pinyin_initials(0x54E6) & B('o'));	/* 哦 ó */
	assert_true(pinyin_initials(0x6697) & B('a'));	/* 暗 àn */
	/* Extension B: 𠀀 hē. */
	assert_int_equal(pinyin_initials(0x20000), B('h'));
}

static void
test_initials_none(void **state)
{
	static const uint32_t	none[] = {
		0, 'a', 'Z', '1', ' ', 0xE9, 0x3042 /* あ */, 0x3000,
		0xFF0C /* ， */, 0xAC00 /* 가 */, 0x1F600, 0x10FFFF, 0x110000,
		0xFFFFFFFF,
	};
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof none / sizeof none[0]; i++)
		assert_int_equal(pinyin_initials(none[i]), 0);
}

static void
test_table(void **state)
{
	size_t	i;

	(void)state;
	/* Compact: only code points with a reading, and sorted. */
	assert_in_range(pinyin_table_len, 30000, 60000);
	for (i = 0; i < pinyin_table_len; i++) {
		assert_int_not_equal(pinyin_table[i].mask, 0);
		assert_int_equal(pinyin_table[i].mask & ~((1u << 26) - 1), 0);
		if (i > 0)
			assert_true(pinyin_table[i - 1].cp < pinyin_table[i].cp);
	}
}

static void
test_match(void **state)
{
	(void)state;
	assert_true(pinyin_match("张三", "zs"));
	assert_true(pinyin_match("张三", "z"));
	assert_true(pinyin_match("张三丰", "zs"));
	assert_true(pinyin_match("小张三", "zs"));
	assert_true(pinyin_match("小张三", "xzs"));
	assert_true(pinyin_match("夜不归宿", "ybgs"));
	assert_true(pinyin_match("夜不归宿", "gs"));
	assert_true(pinyin_match("单", "d"));
	assert_true(pinyin_match("单", "s"));
	assert_true(pinyin_match("单", "c"));
	assert_true(pinyin_match("单田芳", "stf"));
	assert_true(pinyin_match("银行", "yh"));
	assert_true(pinyin_match("行走", "xz"));
	assert_true(pinyin_match("重庆", "cq"));
	assert_true(pinyin_match("重要", "zy"));
	assert_true(pinyin_match("长江", "cj"));
	assert_true(pinyin_match("校长", "xz"));
	assert_true(pinyin_match("音乐", "yy"));
	assert_true(pinyin_match("快乐", "kl"));

	/* No false positives. */
	assert_false(pinyin_match("李四", "zs"));
	assert_false(pinyin_match("张三", "sz"));
	assert_false(pinyin_match("张三", "zsf"));
	assert_false(pinyin_match("张小三", "zs"));
	assert_false(pinyin_match("单", "x"));
	assert_false(pinyin_match("", "z"));
}

static void
test_match_prefix(void **state)
{
	(void)state;
	assert_true(pinyin_match_prefix("张三", "zs"));
	assert_true(pinyin_match_prefix("张三丰", "zs"));
	assert_false(pinyin_match_prefix("小张三", "zs"));
	assert_false(pinyin_match_prefix("2301班张三", "zs"));
	assert_true(pinyin_match_prefix("2301班张三", ""));
	assert_false(pinyin_match_prefix("李四", "zs"));
}

static void
test_match_ascii(void **state)
{
	(void)state;
	assert_true(pinyin_match("2301班张三", "zs"));
	assert_true(pinyin_match("2301班张三", "bzs"));
	assert_true(pinyin_match("Tom张", "tomz"));
	assert_true(pinyin_match("Tom张", "OMZ"));
	assert_true(pinyin_match("ZS", "zs"));
	/* Digits, spaces and punctuation match no letter. */
	assert_false(pinyin_match("张 三", "zs"));
	assert_false(pinyin_match("张·三", "zs"));
	assert_false(pinyin_match("张1三", "zs"));
}

static void
test_query(void **state)
{
	(void)state;
	/* Case-insensitive. */
	assert_true(pinyin_match("张三", "ZS"));
	assert_true(pinyin_match("张三", "Zs"));
	assert_true(pinyin_match("夜不归宿", "YbGs"));
	/* An empty query filters nothing. */
	assert_true(pinyin_match("张三", ""));
	assert_true(pinyin_match("", ""));
	assert_true(pinyin_match_prefix("", ""));
	/* Letters only, else nothing matches. */
	assert_false(pinyin_match("2301班张三", "2301"));
	assert_false(pinyin_match("张 三", "z s"));
	assert_false(pinyin_match("张三", "zs "));
	assert_false(pinyin_match("张三", "z1"));
	assert_false(pinyin_match("张三", "张"));
	assert_false(pinyin_match("张三", "z\xc3\xa9"));
	assert_false(pinyin_match_prefix("张三", "张"));
}

static void
test_bad_utf8(void **state)
{
	(void)state;
	/* A stray byte is one character that matches nothing. */
	assert_true(pinyin_match("\xff张三", "zs"));
	assert_false(pinyin_match("张\xff三", "zs"));
	assert_false(pinyin_match_prefix("\xff张三", "zs"));
	/* Cut in the middle of 三 (e4 b8 89). */
	assert_true(pinyin_match("张\xe4\xb8", "z"));
	assert_false(pinyin_match("张\xe4\xb8", "zs"));
	assert_false(pinyin_match("\xe5", "z"));
	/* A surrogate, encoded: not a character. */
	assert_false(pinyin_match("\xed\xa0\x80", "z"));
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_initials),
		cmocka_unit_test(test_initials_none),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_match_prefix),
		cmocka_unit_test(test_match_ascii),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_bad_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
