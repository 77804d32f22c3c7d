/*
 * The keymap (TUI_KEYS) as a whole: a key means one thing on a screen, a
 * key that moves anywhere acts nowhere (j then k once wrote an
 * acknowledgement), every F-key has its twin (a letter, or a Ctrl key
 * where letters are text), and the letters kept from the policy's
 * category keys (keys.h) are exactly those that move or leave.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "yujing/keys.h"
#include "yujing/tui.h"

static const unsigned screens[] = {
	TUI_S_LOGIN, TUI_S_QUEUE, TUI_S_INCIDENT, TUI_S_FORM, TUI_S_SEARCH,
	TUI_S_FILTER, TUI_S_NARROW, TUI_S_MINE, TUI_S_PICKER
};
#define NSCREENS (sizeof screens / sizeof screens[0])

static const char *
name(int key)
{
	static char	 buf[4][32];
	static int	 i;

	i = (i + 1) % 4;
	return tui_key_name(key, buf[i], sizeof buf[i]);
}

/* No screen's action key is also one of that screen's movement keys. */
static void
test_no_action_key_moves(void **state)
{
	const struct tui_binding	*k;
	size_t				 n, i, j, s;
	int				 bad = 0;

	(void)state;
	k = tui_bindings(&n);
	for (s = 0; s < NSCREENS; s++) {
		for (i = 0; i < n; i++) {
			if (!(k[i].screens & screens[s]))
				continue;
			for (j = i + 1; j < n; j++) {
				if (!(k[j].screens & screens[s]) ||
				    k[j].key != k[i].key)
					continue;
				print_error("screen %#x: %s is both %s and %s\n",
				    screens[s], name(k[i].key),
				    tui_action_label(k[i].action),
				    tui_action_label(k[j].action));
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

/* A key that moves on some screen is no action on any. */
static void
test_moving_keys_never_act(void **state)
{
	const struct tui_binding	*k;
	size_t				 n, i, j;
	int				 bad = 0;

	(void)state;
	k = tui_bindings(&n);
	for (i = 0; i < n; i++) {
		if (!tui_action_moves(k[i].action))
			continue;
		for (j = 0; j < n; j++) {
			/* Keys of a text field edit it; those are not acts. */
			if (k[j].key != k[i].key ||
			    tui_action_moves(k[j].action) ||
			    k[j].action == TUI_A_TEXT_HOME ||
			    k[j].action == TUI_A_TEXT_END)
				continue;
			print_error("%s moves (%s) but is %s on %#x\n",
			    name(k[i].key), tui_action_label(k[i].action),
			    tui_action_label(k[j].action), k[j].screens);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	/* And the acknowledgement is bound, and not to j or k. */
	assert_int_equal(tui_action_of(TUI_S_INCIDENT, false, 'k'),
	    TUI_A_MOVE_UP);
	assert_int_equal(tui_action_of(TUI_S_INCIDENT, false, 'j'),
	    TUI_A_MOVE_DOWN);
	assert_int_not_equal(tui_action_of(TUI_S_INCIDENT, false, 'A'),
	    TUI_NONE);
	assert_int_equal(tui_action_of(TUI_S_INCIDENT, false, 'A'),
	    TUI_A_ACK);
}

/*
 * Every F-key has a twin on its screen for terminals without it (vt100
 * has no F5-F10 of its own): a letter, where letters are not text; a
 * Ctrl key where they are.
 */
static void
test_fkeys_have_twins(void **state)
{
	const struct tui_binding	*k;
	size_t				 n, i, j, s;
	int				 bad = 0;
	bool				 text, twin;

	(void)state;
	k = tui_bindings(&n);
	for (s = 0; s < NSCREENS; s++) {
		text = (screens[s] & TUI_S_TEXT) != 0;
		for (i = 0; i < n; i++) {
			if (!(k[i].screens & screens[s]) ||
			    tui_key_fkey(k[i].key) == 0)
				continue;
			twin = false;
			for (j = 0; j < n && !twin; j++) {
				if (!(k[j].screens & screens[s]) ||
				    k[j].action != k[i].action)
					continue;
				if (text)
					twin = k[j].key > 0 && k[j].key < 0x20 &&
					    k[j].key != '\t' && k[j].key != '\r' &&
					    k[j].key != 27;
				else
					twin = k[j].key > 0x20 && k[j].key < 0x7f;
			}
			if (!twin) {
				print_error("screen %#x: %s (%s) has no twin\n",
				    screens[s], name(k[i].key),
				    tui_action_label(k[i].action));
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

/* Where letters are text, no letter or digit is a key. */
static void
test_text_screens_keep_letters(void **state)
{
	const struct tui_binding	*k;
	size_t				 n, i;

	(void)state;
	k = tui_bindings(&n);
	for (i = 0; i < n; i++) {
		if (!(k[i].screens & TUI_S_TEXT))
			continue;
		if ((k[i].key >= 'a' && k[i].key <= 'z') ||
		    (k[i].key >= 'A' && k[i].key <= 'Z') ||
		    (k[i].key >= '0' && k[i].key <= '9'))
			fail_msg("%s is %s where letters are text",
			    name(k[i].key), tui_action_label(k[i].action));
	}
}

/*
 * keys.h (which the policy's loader uses) holds every lowercase letter
 * that moves, or means help, back, quit or lock, on any screen; and
 * nothing else.
 */
static void
test_reserved_letters(void **state)
{
	const struct tui_binding	*k;
	size_t				 n, i;
	const char			*c;
	bool				 used;

	(void)state;
	k = tui_bindings(&n);
	for (i = 0; i < n; i++) {
		if (k[i].key < 'a' || k[i].key > 'z')
			continue;
		if (tui_action_moves(k[i].action) ||
		    k[i].action == TUI_A_HELP || k[i].action == TUI_A_BACK ||
		    k[i].action == TUI_A_QUIT || k[i].action == TUI_A_LOCK) {
			if (!keys_reserved(k[i].key))
				fail_msg("%c (%s) is not in KEYS_RESERVED",
				    k[i].key, tui_action_label(k[i].action));
		}
	}
	for (c = KEYS_RESERVED; *c != '\0'; c++) {
		used = false;
		for (i = 0; i < n; i++) {
			if (k[i].key == *c && (tui_action_moves(k[i].action) ||
			    k[i].action == TUI_A_HELP ||
			    k[i].action == TUI_A_BACK ||
			    k[i].action == TUI_A_QUIT ||
			    k[i].action == TUI_A_LOCK))
				used = true;
		}
		if (!used)
			fail_msg("%c is reserved but moves or leaves nowhere",
			    *c);
	}
	assert_true(keys_reserved('q'));
	assert_true(keys_reserved('j'));
	assert_false(keys_reserved('n'));
	assert_false(keys_reserved(0));
}

/* The movement keys reach the real ends of a list, not of its page. */
static size_t	 rows_n;

static size_t
rows_count(void *arg)
{
	(void)arg;
	return rows_n;
}

static void
rows_draw(void *arg, size_t i, int y, int x, int cols, bool selected)
{
	(void)arg;
	(void)i;
	(void)y;
	(void)x;
	(void)cols;
	(void)selected;
}

static const struct tui_list_ops rows_ops = { rows_count, NULL, rows_draw };

static void
test_list_ends(void **state)
{
	struct tui_list	 l;

	(void)state;
	rows_n = 79;
	tui_list_init(&l, &rows_ops, NULL, 1, true);
	l.shown = 18;		/* as a draw of 20 lines leaves it */
	assert_int_equal(tui_list_move(&l, TUI_A_MOVE_DOWN), TUI_LIST_CURSOR);
	assert_int_equal(tui_list_move(&l, TUI_A_END), TUI_LIST_SCROLL);
	assert_int_equal(l.sel, 78);
	assert_int_equal(l.top, 79 - 18);
	assert_int_equal(tui_list_move(&l, TUI_A_MOVE_DOWN), TUI_LIST_SAME);
	assert_int_equal(tui_list_move(&l, TUI_A_PAGE_UP), TUI_LIST_SCROLL);
	assert_int_equal(l.sel, 78 - 18);
	assert_int_equal(tui_list_move(&l, TUI_A_HOME), TUI_LIST_SCROLL);
	assert_int_equal(l.sel, 0);
	assert_int_equal(l.top, 0);
	assert_int_equal(tui_list_move(&l, TUI_A_NEW), TUI_LIST_NONE);
	/* Rows gone (resolved elsewhere): kept within them. */
	tui_list_select(&l, 70);
	rows_n = 10;
	tui_list_clamp(&l);
	assert_int_equal(l.sel, 9);
	assert_int_equal(l.top, 0);
	/* Text scrolls, and stops at a full last page. */
	rows_n = 30;
	tui_list_init(&l, &rows_ops, NULL, 1, false);
	l.shown = 18;
	assert_int_equal(tui_list_move(&l, TUI_A_END), TUI_LIST_SCROLL);
	assert_int_equal(l.top, 12);
	l.top = SIZE_MAX;	/* "the end", as after an action */
	tui_list_clamp(&l);
	assert_int_equal(l.top, 12);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_action_key_moves),
		cmocka_unit_test(test_moving_keys_never_act),
		cmocka_unit_test(test_fkeys_have_twins),
		cmocka_unit_test(test_text_screens_keep_letters),
		cmocka_unit_test(test_reserved_letters),
		cmocka_unit_test(test_list_ends),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
