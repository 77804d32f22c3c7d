/* Unit tests of the line editor: clusters, filtering, lines, the view. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/edit.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

/* Test strings, spelt out so a reader sees the code points. */
#define E_ACUTE		"e\xcc\x81"		/* e + U+0301 */
#define THUMB_MED	"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"	/* U+1F44D U+1F3FD */
#define FLAG_CN		"\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3"
#define FLAG_US		"\xf0\x9f\x87\xba\xf0\x9f\x87\xb8"
#define RI_U		"\xf0\x9f\x87\xba"
#define RI_S		"\xf0\x9f\x87\xb8"
#define ZWJ		"\xe2\x80\x8d"
#define FAMILY		"\xf0\x9f\x91\xa8" ZWJ "\xf0\x9f\x91\xa9" ZWJ \
			"\xf0\x9f\x91\xa7"			/* 18 bytes */

/* Columns of s[from, to), measured by width.h on a copy. */
static size_t
cols(const char *s, size_t from, size_t to)
{
	char	*p = xstrndup(s + from, to - from);
	size_t	 w = width_str(p);

	free(p);
	return w;
}

/* Every cluster boundary of a one-line text, found with edit_left. */
static size_t
boundaries(const char *s, size_t *out, size_t max)
{
	struct edit	 e;
	size_t		 n = 0, i, t;

	edit_init(&e, 0, true);
	edit_set(&e, s);
	out[n++] = e.cursor;
	while (edit_left(&e) && n < max)
		out[n++] = e.cursor;
	edit_done(&e);
	for (i = 0; i < n / 2; i++) {
		t = out[i];
		out[i] = out[n - 1 - i];
		out[n - 1 - i] = t;
	}
	return n;
}

static bool
is_boundary(const size_t *b, size_t nb, size_t off)
{
	size_t	 i;

	for (i = 0; i < nb; i++)
		if (b[i] == off)
			return true;
	return false;
}

static void
test_init_set(void **state)
{
	struct edit	 e;

	(void)state;
	edit_init(&e, 0, false);
	assert_string_equal(edit_text(&e), "");
	assert_int_equal(e.cursor, 0);
	assert_false(e.changed);
	edit_set(&e, "值班 duty");
	assert_string_equal(edit_text(&e), "值班 duty");
	assert_int_equal(e.cursor, strlen("值班 duty"));
	assert_false(e.changed);
	/* Set cleans like insert does. */
	edit_set(&e, "a\x01\xff" "b\nc\td");
	assert_string_equal(edit_text(&e), "abc d");
	edit_set(&e, "");
	assert_string_equal(edit_text(&e), "");
	assert_int_equal(e.cursor, 0);
	edit_done(&e);
}

static void
test_clusters(void **state)
{
	static const struct {
		const char	*text;
		size_t		 b[8];	/* boundaries after 0, then 0 */
	} t[] = {
		{ "abc", { 1, 2, 3 } },
		{ E_ACUTE "x", { 3, 4 } },
		{ "x" E_ACUTE E_ACUTE, { 1, 4, 7 } },
		{ "中文ab", { 3, 6, 7, 8 } },
		{ "a中b文", { 1, 4, 5, 8 } },
		{ THUMB_MED "ok", { 8, 9, 10 } },
		{ FLAG_CN FLAG_US, { 8, 16 } },
		{ FLAG_CN RI_U, { 8, 12 } },
		{ FAMILY "!", { 18, 19 } },
		{ "a\n中\nb", { 1, 2, 5, 6, 7 } },
		{ "\n\n", { 1, 2 } },
		{ "\xcc\x81" "a", { 2, 3 } },	/* a lone mark is a cluster */
	};
	struct edit	 e;
	size_t		 i, j, n;

	(void)state;
	for (i = 0; i < nitems(t); i++) {
		edit_init(&e, 0, true);
		edit_set(&e, t[i].text);
		for (n = 0; t[i].b[n] != 0; n++)
			continue;
		assert_int_equal(e.cursor, t[i].b[n - 1]);
		assert_false(edit_right(&e));
		for (j = n; j-- > 0;) {
			assert_true(edit_left(&e));
			assert_int_equal(e.cursor, j == 0 ? 0 : t[i].b[j - 1]);
		}
		assert_false(edit_left(&e));
		assert_int_equal(e.cursor, 0);
		for (j = 0; j < n; j++) {
			assert_true(edit_right(&e));
			assert_int_equal(e.cursor, t[i].b[j]);
		}
		assert_false(edit_right(&e));
		assert_false(e.changed);
		edit_done(&e);
	}
}

static void
test_backspace_delete(void **state)
{
	static const struct {
		const char	*text;
		size_t		 cursor;
		bool		 del;	/* Delete, else Backspace */
		const char	*want;
		size_t		 wcursor;
	} t[] = {
		{ "a" E_ACUTE, 4, false, "a", 1 },
		{ E_ACUTE "a", 0, true, "a", 0 },
		{ "中文", 6, false, "中", 3 },
		{ "中文", 3, false, "文", 0 },
		{ "中文", 3, true, "中", 3 },
		{ "x" THUMB_MED, 9, false, "x", 1 },
		{ FLAG_CN FLAG_US, 16, false, FLAG_CN, 8 },
		{ FLAG_CN FLAG_US, 8, true, FLAG_CN, 8 },
		{ FAMILY "!", 0, true, "!", 0 },
		{ FAMILY "!", 18, false, "!", 0 },
		{ "ab\ncd", 3, false, "abcd", 2 },
		{ "ab\ncd", 2, true, "abcd", 2 },
		/* Clusters that join when what separated them goes. */
		{ "e\n\xcc\x81", 2, false, E_ACUTE, 3 },
		{ RI_U "a" RI_S, 4, true, FLAG_US, 8 },
	};
	struct edit	 e;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(t); i++) {
		edit_init(&e, 0, true);
		edit_set(&e, t[i].text);
		e.cursor = t[i].cursor;
		if (t[i].del)
			assert_true(edit_delete(&e));
		else
			assert_true(edit_backspace(&e));
		assert_string_equal(edit_text(&e), t[i].want);
		assert_int_equal(e.cursor, t[i].wcursor);
		assert_true(e.changed);
		edit_done(&e);
	}

	edit_init(&e, 0, false);
	assert_false(edit_backspace(&e));
	assert_false(edit_delete(&e));
	edit_set(&e, "中");
	assert_false(edit_delete(&e));
	e.cursor = 0;
	assert_false(edit_backspace(&e));
	assert_string_equal(edit_text(&e), "中");
	assert_false(e.changed);
	edit_done(&e);
}

static void
test_insert_filter(void **state)
{
	static const struct {
		bool		 multiline;
		const char	*in;
		const char	*want;
	} t[] = {
		{ false, "a\xff" "b", "ab" },
		{ false, "\xe4\xb8" "中", "中" },		/* cut sequence */
		{ false, "\xc0\xaf" "x", "x" },		/* overlong '/' */
		{ false, "\xed\xa0\x80" "x", "x" },	/* surrogate */
		{ false, "\xf4\x90\x80\x80" "x", "x" },	/* past U+10FFFF */
		{ false, "\x80\xbf", "" },		/* lone continuations */
		{ false, "a\x01" "b\x1b[31mc\x7f", "ab[31mc" },
		{ false, "\xc2\x85" "\xc2\x9b" "x", "x" },	/* C1 controls */
		{ false, "a\tb", "a b" },
		{ false, "a\r\nb\rc\nd", "abcd" },
		{ true, "a\r\nb\rc\nd", "a\nb\nc\nd" },
		{ true, "\r\r\n", "\n\n" },
		{ true, "a\x02\n", "a\n" },
		{ false, "中" ZWJ "文", "中" ZWJ "文" },	/* ZWJ is kept */
		{ false, E_ACUTE THUMB_MED, E_ACUTE THUMB_MED },
	};
	struct edit	 e;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(t); i++) {
		edit_init(&e, 0, t[i].multiline);
		assert_true(edit_insert(&e, t[i].in));
		assert_string_equal(edit_text(&e), t[i].want);
		assert_int_equal(e.cursor, strlen(t[i].want));
		assert_int_equal(e.changed, t[i].want[0] != '\0');
		edit_done(&e);
	}
}

static void
test_insert_at_cursor(void **state)
{
	struct edit	 e;

	(void)state;
	edit_init(&e, 0, false);
	edit_set(&e, "中文");
	assert_true(edit_left(&e));
	assert_true(edit_insert(&e, "ab"));
	assert_string_equal(edit_text(&e), "中ab文");
	assert_int_equal(e.cursor, 5);
	edit_home(&e);
	assert_true(edit_insert(&e, "告警"));
	assert_string_equal(edit_text(&e), "告警中ab文");
	assert_int_equal(e.cursor, 6);

	/* A mark typed after a letter joins it; the cursor stays after. */
	edit_set(&e, "x");
	assert_true(edit_insert(&e, "e"));
	assert_true(edit_insert(&e, "\xcc\x81"));
	assert_string_equal(edit_text(&e), "x" E_ACUTE);
	assert_int_equal(e.cursor, 4);
	assert_true(edit_left(&e));
	assert_int_equal(e.cursor, 1);

	/* Typed before a lone mark or half a flag: past the joined cluster. */
	edit_set(&e, "\xcc\x81");
	edit_home(&e);
	assert_true(edit_insert(&e, "e"));
	assert_string_equal(edit_text(&e), E_ACUTE);
	assert_int_equal(e.cursor, 3);
	edit_set(&e, RI_S);
	edit_home(&e);
	assert_true(edit_insert(&e, RI_U));
	assert_int_equal(e.cursor, 8);
	assert_true(edit_left(&e));
	assert_int_equal(e.cursor, 0);
	edit_done(&e);
}

static void
test_max(void **state)
{
	struct edit	 e;

	(void)state;
	edit_init(&e, 6, false);
	assert_true(edit_insert(&e, "中文"));		/* exactly 6 */
	e.changed = false;
	assert_false(edit_insert(&e, "a"));
	assert_string_equal(edit_text(&e), "中文");
	assert_int_equal(e.cursor, 6);
	assert_false(e.changed);
	assert_true(edit_insert(&e, ""));		/* nothing is not too much */
	assert_true(edit_insert(&e, "\x01\xff"));	/* all dropped */
	assert_false(e.changed);
	/* Bytes after cleaning count, not bytes given. */
	assert_true(edit_backspace(&e));
	assert_true(edit_insert(&e, "\x01\x02\x03" "abc"));
	assert_string_equal(edit_text(&e), "中abc");
	edit_done(&e);

	/* All or nothing: no partial insert. */
	edit_init(&e, 7, false);
	assert_true(edit_insert(&e, "中文"));
	assert_false(edit_insert(&e, "中"));
	assert_false(edit_insert(&e, "ab"));
	assert_true(edit_insert(&e, "a"));
	assert_string_equal(edit_text(&e), "中文a");
	edit_done(&e);

	/* Set cuts at the last whole cluster that fits. */
	edit_init(&e, 7, false);
	edit_set(&e, "中文字");
	assert_string_equal(edit_text(&e), "中文");
	assert_int_equal(e.cursor, 6);
	edit_done(&e);
	edit_init(&e, 5, false);
	edit_set(&e, E_ACUTE E_ACUTE);
	assert_string_equal(edit_text(&e), E_ACUTE);
	edit_set(&e, FAMILY);
	assert_string_equal(edit_text(&e), "");
	edit_done(&e);
}

static void
test_home_end(void **state)
{
	struct edit	 e;

	(void)state;
	edit_init(&e, 0, true);
	edit_set(&e, "ab\n中文\ncd");
	e.cursor = 6;			/* between 中 and 文 */
	edit_home(&e);
	assert_int_equal(e.cursor, 3);
	edit_end(&e);
	assert_int_equal(e.cursor, 9);
	edit_end(&e);
	assert_int_equal(e.cursor, 9);
	e.cursor = 10;
	edit_home(&e);
	assert_int_equal(e.cursor, 10);
	edit_end(&e);
	assert_int_equal(e.cursor, 12);
	e.cursor = 1;
	edit_home(&e);
	assert_int_equal(e.cursor, 0);
	assert_false(e.changed);
	edit_done(&e);
}

static void
test_up_down(void **state)
{
	static const struct {
		const char	*text;
		size_t		 cursor;
		bool		 down;
		bool		 moved;
		size_t		 want;
	} t[] = {
		/* Column 3 is inside 文: land before it, at column 2. */
		{ "中文字\nabcdef", 13, false, true, 3 },
		{ "中文字\nabcdef", 3, true, true, 12 },
		/* Column 5 is inside 字: before it, column 4. */
		{ "abcdef\n中文字", 5, true, true, 13 },
		{ "abcdef\n中文字", 13, false, true, 4 },
		/* Shorter line: its end. */
		{ "a\n中文字", 11, false, true, 1 },
		{ "中文字\n\nx", 9, true, true, 10 },
		/* Zero-width marks ride with their letter. */
		{ "abcd\n" E_ACUTE E_ACUTE "x", 2, true, true, 11 },
		{ "abcd\n" E_ACUTE E_ACUTE "x", 8, false, true, 1 },
		/* Column 0 is the start, even before a lone mark. */
		{ "ab\n\xcc\x81" "c", 0, true, true, 3 },
		{ "ab\ncd", 1, false, false, 1 },
		{ "ab\ncd", 4, true, false, 4 },
		{ "ab", 1, true, false, 1 },
		{ "中文\n中文", 3, true, true, 10 },
		{ "中文\n中文", 10, false, true, 3 },
	};
	struct edit	 e;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(t); i++) {
		edit_init(&e, 0, true);
		edit_set(&e, t[i].text);
		e.cursor = t[i].cursor;
		if (t[i].down)
			assert_int_equal(edit_down(&e), t[i].moved);
		else
			assert_int_equal(edit_up(&e), t[i].moved);
		assert_int_equal(e.cursor, t[i].want);
		assert_false(e.changed);
		edit_done(&e);
	}

	/* Single-line: nowhere to go. */
	edit_init(&e, 0, false);
	edit_set(&e, "a\nb");
	assert_false(edit_up(&e));
	assert_false(edit_down(&e));
	edit_done(&e);
}

/*
 * The description box: wrapped rows by columns, a word kept whole when it
 * fits, CJK cut between characters, never in the last column; Up and Down
 * by rows.
 */
static void
test_wrap(void **state)
{
	struct edit	 e;
	struct edit_row	*r;
	size_t		 n, row, col, i, total;
	const char	*s;

	(void)state;
	edit_init(&e, 0, true);
	/* Width 8: 7 columns of text; "hello " then "world". */
	edit_set(&e, "hello world");
	n = edit_wrap(&e, 8, &r, &row, &col);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].start, 0);
	assert_int_equal(r[0].end, 6);
	assert_int_equal(r[1].start, 6);
	assert_int_equal(r[1].end, 11);
	assert_int_equal(row, 1);	/* the cursor at the end */
	assert_int_equal(col, 5);
	free(r);
	/* The cursor at the cut is at the start of the next row. */
	e.cursor = 6;
	edit_wrap(&e, 8, &r, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 0);
	free(r);
	/* Up from "wor|ld": row 0, column 3; down again. */
	e.cursor = 9;
	assert_true(edit_wrap_up(&e, 8));
	assert_int_equal(e.cursor, 3);
	assert_false(edit_wrap_up(&e, 8));
	assert_true(edit_wrap_down(&e, 8));
	assert_int_equal(e.cursor, 9);
	assert_false(edit_wrap_down(&e, 8));

	/* CJK: 10 characters in 7 columns, three a row, none split. */
	s = "一二三四五六七八九十";
	edit_set(&e, s);
	n = edit_wrap(&e, 8, &r, &row, &col);
	assert_int_equal(n, 4);
	for (i = 0, total = 0; i < n; i++) {
		assert_true(cols(s, r[i].start, r[i].end) <= 7);
		if (i > 0)
			assert_int_equal(r[i].start, r[i - 1].end);
		total += r[i].end - r[i].start;
	}
	assert_int_equal(total, strlen(s));
	assert_int_equal(r[0].end, 9);	/* 一二三 */
	assert_int_equal(row, 3);
	assert_int_equal(col, 2);
	free(r);
	/* Down from the middle of a row to a shorter last row: its end. */
	e.cursor = 12;	/* before 五 */
	assert_true(edit_wrap_down(&e, 8));
	assert_int_equal(e.cursor, 21);
	assert_true(edit_wrap_down(&e, 8));
	assert_int_equal(e.cursor, 30);

	/* Newlines end rows; an empty line is a row; a long word is cut. */
	edit_set(&e, "ab\n\nabcdefghijk");
	n = edit_wrap(&e, 8, &r, &row, &col);
	assert_int_equal(n, 4);
	assert_int_equal(r[1].start, 3);
	assert_int_equal(r[1].end, 3);
	assert_int_equal(r[2].start, 4);
	assert_int_equal(r[2].end, 11);
	assert_int_equal(r[3].end, 15);
	free(r);
	/* No row starts with 。: the character before goes down with it. */
	edit_set(&e, "一二三。四");
	n = edit_wrap(&e, 8, &r, &row, &col);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].end, 6);
	assert_int_equal(r[1].start, 6);
	free(r);
	/* An empty text is one empty row. */
	edit_set(&e, "");
	n = edit_wrap(&e, 8, &r, &row, &col);
	assert_int_equal(n, 1);
	assert_int_equal(row, 0);
	assert_int_equal(col, 0);
	free(r);
	edit_done(&e);
}

static void
test_kill_start(void **state)
{
	struct edit	 e;

	(void)state;
	edit_init(&e, 0, true);
	edit_set(&e, "ab\n中文字");
	e.cursor = 9;			/* after 文 */
	edit_kill_start(&e);
	assert_string_equal(edit_text(&e), "ab\n字");
	assert_int_equal(e.cursor, 3);
	assert_true(e.changed);
	e.changed = false;
	edit_kill_start(&e);		/* at the line start: nothing */
	assert_string_equal(edit_text(&e), "ab\n字");
	assert_false(e.changed);
	edit_end(&e);
	edit_kill_start(&e);
	assert_string_equal(edit_text(&e), "ab\n");
	edit_done(&e);
}

static void
test_kill_word(void **state)
{
	static const struct {
		const char	*text;
		const char	*want;
	} t[] = {
		{ "hello world", "hello " },
		{ "hello world  ", "hello " },
		{ "foo_bar9", "" },
		{ "今天下雨", "今天下" },
		{ "告警 今天", "告警 今" },
		{ "告警  ", "告" },
		{ "用户abc", "用户" },
		{ "abc用户", "abc用" },
		{ "abc，", "abc" },
		{ "a...", "a" },
		{ "a-b", "a-" },
		{ "   ", "" },
		{ "caf" E_ACUTE, "" },
		{ "x " THUMB_MED, "x " },
		{ "ab\ncd ef", "ab\ncd " },
		{ "ab\n  ", "ab\n" },
		{ "", "" },
	};
	struct edit	 e;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(t); i++) {
		edit_init(&e, 0, true);
		edit_set(&e, t[i].text);
		edit_kill_word(&e);
		assert_string_equal(edit_text(&e), t[i].want);
		assert_int_equal(e.cursor, strlen(t[i].want));
		assert_int_equal(e.changed, strcmp(t[i].text, t[i].want) != 0);
		edit_done(&e);
	}

	/* Repeated, and mid-text: only what is before the cursor goes. */
	edit_init(&e, 0, true);
	edit_set(&e, "今天 hello");
	edit_kill_word(&e);
	assert_string_equal(edit_text(&e), "今天 ");
	edit_kill_word(&e);
	assert_string_equal(edit_text(&e), "今");
	edit_set(&e, "foo bar baz");
	e.cursor = 7;
	edit_kill_word(&e);
	assert_string_equal(edit_text(&e), "foo  baz");
	assert_int_equal(e.cursor, 4);
	/* At a line start only the newline goes. */
	edit_set(&e, "ab\ncd");
	e.cursor = 3;
	edit_kill_word(&e);
	assert_string_equal(edit_text(&e), "abcd");
	assert_int_equal(e.cursor, 2);
	edit_done(&e);
}

static void
test_changed(void **state)
{
	struct edit	 e;

	(void)state;
	edit_init(&e, 5, true);
	edit_set(&e, "ab\ncd");
	assert_string_equal(edit_text(&e), "ab\ncd");
	e.cursor = 3;
	edit_left(&e);
	edit_right(&e);
	edit_up(&e);
	edit_down(&e);
	edit_home(&e);
	edit_end(&e);
	assert_false(edit_insert(&e, "x"));	/* refused: 6 > 5 */
	(void)edit_insert(&e, "\x1b");		/* dropped */
	e.cursor = 3;
	edit_kill_start(&e);
	assert_false(e.changed);
	edit_view(&e, 3, &(size_t){0}, &(size_t){0}, &(size_t){0});
	assert_false(e.changed);

	assert_true(edit_delete(&e));
	assert_true(e.changed);
	e.changed = false;
	assert_true(edit_backspace(&e));
	assert_true(e.changed);
	e.changed = false;
	assert_true(edit_insert(&e, "z"));
	assert_true(e.changed);
	e.changed = false;
	edit_kill_word(&e);
	assert_true(e.changed);
	assert_string_equal(edit_text(&e), "d");
	e.changed = true;
	edit_set(&e, "new");			/* loading is not an edit */
	assert_false(e.changed);
	edit_done(&e);
}

/*
 * The view's rules, checked against width.h: the window is whole clusters,
 * fits, shows the cursor's cluster (or a free column at the line end), is
 * as far left as it can be and as long as it can be.
 */
static void
check_view(const char *text, size_t cursor, size_t width)
{
	struct edit	 e;
	size_t		 b[256], nb, start, end, col, ls, le, need, i, prev;
	const char	*nl;

	edit_init(&e, 0, false);
	edit_set(&e, text);
	e.cursor = cursor;
	edit_view(&e, width, &start, &end, &col);
	ls = 0;
	nl = strchr(text, '\n');
	le = nl != NULL ? (size_t)(nl - text) : strlen(text);
	nb = boundaries(text, b, nitems(b));
	assert_true(is_boundary(b, nb, start));
	assert_true(is_boundary(b, nb, end));
	assert_true(ls <= start && start <= end && end <= le);
	assert_true(cols(text, start, end) <= width);
	need = 1;
	for (i = 0; i + 1 < nb; i++)
		if (b[i] == cursor)
			need = cols(text, cursor, b[i + 1]);
	if (cursor == le || need == 0)
		need = 1;
	if (need > width) {
		assert_int_equal(start, cursor);
		assert_int_equal(end, cursor);
		assert_int_equal(col, 0);
		edit_done(&e);
		return;
	}
	assert_true(start <= cursor && cursor <= end);
	assert_int_equal(col, cols(text, start, cursor));
	assert_true(col + need <= width);
	if (cursor < le)
		assert_true(end > cursor);	/* its cluster is shown */
	/* Leftmost: one more cluster on the left would push the cursor out. */
	if (start > ls) {
		for (i = 0; b[i] != start; i++)
			continue;
		prev = b[i - 1];
		assert_true(cols(text, prev, cursor) + need > width);
	}
	/* Longest: the next cluster would not fit. */
	if (end < le) {
		for (i = 0; b[i] != end; i++)
			continue;
		assert_true(cols(text, start, b[i + 1]) > width);
	}
	edit_done(&e);
}

static void
test_view_cjk_odd(void **state)
{
	static const char *texts[] = {
		"中文字符串测试",
		"ab中cd文e",
		"告警:服务器 cpu 使用率 95%",
		E_ACUTE "中" E_ACUTE "文x" THUMB_MED "y",
		FLAG_CN "a" FAMILY "b中",
	};
	size_t	 b[256], nb, i, j, w;

	(void)state;
	for (i = 0; i < nitems(texts); i++) {
		nb = boundaries(texts[i], b, nitems(b));
		for (w = 0; w <= 20; w++)
			for (j = 0; j < nb; j++)
				check_view(texts[i], b[j], w);
	}
}

static void
test_view_table(void **state)
{
	static const struct {
		const char	*text;
		size_t		 cursor, width;
		size_t		 start, end, col;
	} t[] = {
		/* 中文字符串测试: 7 characters, 14 columns, 21 bytes. */
		{ "中文字符串测试", 0, 5, 0, 6, 0 },
		{ "中文字符串测试", 21, 5, 15, 21, 4 },
		{ "中文字符串测试", 0, 1, 0, 0, 0 },	/* 中 cannot show */
		{ "中文字符串测试", 21, 1, 21, 21, 0 },
		{ "中文字符串测试", 6, 3, 6, 9, 0 },
		{ "中文字符串测试", 9, 7, 3, 12, 4 },
		{ "中文字符串测试", 21, 9, 9, 21, 8 },
		{ "中文字符串测试", 21, 3, 18, 21, 2 },
		{ "中文字符串测试", 3, 9, 0, 12, 2 },
		{ "中文字符串测试", 21, 15, 0, 21, 14 },
		{ "中文字符串测试", 21, 14, 3, 21, 12 },
		{ "中文字符串测试", 21, 0, 21, 21, 0 },
		/* Mixed: a wide char never straddles either edge. */
		{ "a中b", 5, 3, 4, 5, 1 },
		{ "ab中cd", 5, 4, 1, 6, 3 },
		{ "ab中cd", 0, 3, 0, 2, 0 },
		{ "ab中cd", 0, 4, 0, 5, 0 },
		/* Only the cursor's line. */
		{ "first line\n中文", 17, 10, 11, 17, 4 },
		{ "first line\n中文", 5, 80, 0, 10, 5 },
	};
	struct edit	 e;
	size_t		 i, start, end, col;

	(void)state;
	for (i = 0; i < nitems(t); i++) {
		edit_init(&e, 0, true);
		edit_set(&e, t[i].text);
		e.cursor = t[i].cursor;
		start = end = col = 99;
		edit_view(&e, t[i].width, &start, &end, &col);
		assert_int_equal(start, t[i].start);
		assert_int_equal(end, t[i].end);
		assert_int_equal(col, t[i].col);
		edit_done(&e);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_set),
		cmocka_unit_test(test_clusters),
		cmocka_unit_test(test_backspace_delete),
		cmocka_unit_test(test_insert_filter),
		cmocka_unit_test(test_insert_at_cursor),
		cmocka_unit_test(test_max),
		cmocka_unit_test(test_home_end),
		cmocka_unit_test(test_up_down),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_kill_start),
		cmocka_unit_test(test_kill_word),
		cmocka_unit_test(test_changed),
		cmocka_unit_test(test_view_cjk_odd),
		cmocka_unit_test(test_view_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
