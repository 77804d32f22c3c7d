#include "config.h"

#include <curses.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/edit.h"
#include "yujing/tui.h"
#include "yujing/width.h"

#define TUI_MIN_COLS	80
#define TUI_MIN_ROWS	24

struct tui {
	struct yj_app			*a;
	const struct tui_view_ops	*ops;
	void				*data;
	char				 msg[256];
	bool				 help;
	bool				 colour;	/* NO_COLOR not set, and has_colors */
	/* A question on the message line, while one is asked. */
	bool				 asking;
	char				 ask_label[64];
	struct edit			 answer;
	tui_prompt_cb			 ask_done;
	void				*ask_arg;
};

int
tui_mark_attr(struct tui *t, enum tui_mark m)
{
	bool	 tui_colour = t->colour;

	switch (m) {
	case TUI_MARK_LATE:
		return tui_colour ? (int)(COLOR_PAIR(1) | A_BOLD) : A_BOLD;
	case TUI_MARK_SOON:
		return tui_colour ? (int)COLOR_PAIR(2) : A_NORMAL;
	case TUI_MARK_EMERGENCY:
		return tui_colour ? (int)(COLOR_PAIR(1) | A_BOLD |
		    A_UNDERLINE) : A_BOLD | A_UNDERLINE;
	default:
		return A_NORMAL;
	}
}

struct tui_action_def {
	int		 fkey;
	int		 letter;
	const char	*label;
	const char	*help;
};

#define TUI_ACTION_DEF(id, f, k, label, help) { f, k, label, help },
static const struct tui_action_def tui_actions[] = {
	TUI_ACTIONS(TUI_ACTION_DEF)
};
#undef TUI_ACTION_DEF

struct yj_app *
tui_app(struct tui *t)
{
	return t->a;
}

void
tui_message(struct tui *t, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
}

void
tui_show(struct tui *t, const struct tui_view_ops *ops, void *data)
{
	if (t->ops != NULL && t->ops->free != NULL)
		t->ops->free(t->data);
	t->ops = ops;
	t->data = data;
}

void
tui_put(int y, int x, const char *s, int cols)
{
	struct buf	 b;

	if (cols <= 0)
		return;
	buf_init(&b);
	width_pad(&b, s, (size_t)cols);
	mvaddstr(y, x, buf_str(&b));
	buf_done(&b);
}

enum tui_action
tui_action_of(bool is_key, wint_t ch)
{
	size_t	 i;

	for (i = 0; i < TUI_NACTIONS; i++) {
		if (is_key && tui_actions[i].fkey != 0 &&
		    ch == (wint_t)KEY_F(tui_actions[i].fkey))
			return (enum tui_action)i;
		if (!is_key && tui_actions[i].letter != 0 &&
		    ch == (wint_t)tui_actions[i].letter)
			return (enum tui_action)i;
	}
	return TUI_NONE;
}

static void
tui_draw_bars(struct tui *t, int rows, int cols)
{
	struct yj_app	*a = t->a;
	struct buf	 b;
	char		 now[32];
	size_t		 i;

	buf_init(&b);
	buf_printf(&b, " 预警 yujing · %s", a->policy->institution);
	if (a->user.id != 0)
		buf_printf(&b, " · %s (%s)", a->user.display, a->user.role);
	attron(A_REVERSE);
	tui_put(0, 0, buf_str(&b), cols - 17);
	tui_put(0, cols - 17, caltime_format_local(app_now(a), now,
	    sizeof now), 17);
	attroff(A_REVERSE);

	/* The function-key bar, made from the list of actions. */
	b.len = 0;
	buf_puts(&b, "");
	for (i = 0; i < TUI_NACTIONS; i++) {
		if (tui_actions[i].fkey != 0)
			buf_printf(&b, "%sF%d %s", i ? "  " : " ",
			    tui_actions[i].fkey, tui_actions[i].label);
	}
	attron(A_REVERSE);
	tui_put(rows - 1, 0, buf_str(&b), cols);
	attroff(A_REVERSE);
	tui_put(rows - 2, 0, t->msg, cols);
	buf_done(&b);
}

void
tui_prompt(struct tui *t, const char *label, tui_prompt_cb done, void *arg)
{
	snprintf(t->ask_label, sizeof t->ask_label, "%s", label);
	edit_done(&t->answer);
	edit_init(&t->answer, 4096, false);
	t->ask_done = done;
	t->ask_arg = arg;
	t->asking = true;
}

bool
tui_key_text(bool is_key, wint_t ch, char *out, size_t size)
{
	mbstate_t	 ps;
	size_t		 n;

	if (is_key || ch < 0x20 || ch == 0x7f || size < MB_LEN_MAX + 1)
		return false;
	memset(&ps, 0, sizeof ps);
	n = wcrtomb(out, (wchar_t)ch, &ps);
	if (n == (size_t)-1)
		return false;
	out[n] = '\0';
	return true;
}

/* A key while a question is asked: it goes to the answer. */
static void
tui_prompt_key(struct tui *t, bool is_key, wint_t ch)
{
	char	 s[MB_LEN_MAX + 1];
	char	*text;

	if (!is_key && ch == 27) {
		t->asking = false;
		tui_message(t, "Cancelled.");
	} else if ((!is_key && (ch == '\r' || ch == '\n')) ||
	    (is_key && ch == KEY_ENTER)) {
		t->asking = false;
		text = strdup(edit_text(&t->answer));
		t->ask_done(t, t->ask_arg, text != NULL ? text : "");
		free(text);
	} else if ((is_key && ch == KEY_BACKSPACE) || (!is_key &&
	    (ch == 0x7f || ch == 0x08)))
		edit_backspace(&t->answer);
	else if (is_key && ch == KEY_LEFT)
		edit_left(&t->answer);
	else if (is_key && ch == KEY_RIGHT)
		edit_right(&t->answer);
	else if (tui_key_text(is_key, ch, s, sizeof s))
		edit_insert(&t->answer, s);
}

static void
tui_draw_help(int top, int rows, int cols)
{
	char	 line[128];
	size_t	 i;

	tui_put(top, 1, "Keys (any key to go back):", cols - 2);
	for (i = 0; i < TUI_NACTIONS && (int)i + 2 < rows; i++) {
		char	 f[8];

		f[0] = '\0';
		if (tui_actions[i].fkey != 0)
			snprintf(f, sizeof f, "F%d", tui_actions[i].fkey);
		snprintf(line, sizeof line, "  %-4s %c   %-9s %s", f,
		    tui_actions[i].letter, tui_actions[i].label,
		    tui_actions[i].help);
		tui_put(top + 2 + (int)i, 1, line, cols - 2);
	}
}

static void
tui_draw(struct tui *t)
{
	int	 rows, cols, y, x;

	getmaxyx(stdscr, rows, cols);
	erase();
	if (cols < TUI_MIN_COLS || rows < TUI_MIN_ROWS) {
		/* Nothing else fits; say so, and keep everything as it is. */
		mvaddstr(rows / 2, 0, "terminal too small");
		mvprintw(rows / 2 + 1, 0, "(need %dx%d, have %dx%d)",
		    TUI_MIN_COLS, TUI_MIN_ROWS, cols, rows);
		curs_set(0);
		refresh();
		return;
	}
	tui_draw_bars(t, rows, cols);
	if (t->help)
		tui_draw_help(1, rows - 3, cols);
	else
		t->ops->draw(t, t->data, 1, rows - 3, cols);
	if (t->asking) {
		size_t	 start, end, col, lw = width_str(t->ask_label) + 1;
		char	*shown;

		edit_view(&t->answer, (size_t)cols - lw - 1, &start, &end,
		    &col);
		shown = strndup(edit_text(&t->answer) + start, end - start);
		attron(A_BOLD);
		tui_put(rows - 2, 0, t->ask_label, (int)lw);
		attroff(A_BOLD);
		tui_put(rows - 2, (int)lw, shown != NULL ? shown : "",
		    cols - (int)lw);
		free(shown);
		curs_set(1);
		move(rows - 2, (int)(lw + col));
	} else if (!t->help && t->ops->cursor != NULL &&
	    t->ops->cursor(t, t->data, &y, &x)) {
		curs_set(1);
		move(y, x);
	} else
		curs_set(0);
	refresh();
}

int
tui_run(struct yj_app *a)
{
	struct tui	 t;
	wint_t		 ch;
	int		 rc;
	bool		 is_key;
	enum tui_result	 r;

	memset(&t, 0, sizeof t);
	t.a = a;
	edit_init(&t.answer, 4096, false);
	if (initscr() == NULL) {
		fprintf(stderr, "yujing: cannot start the screen\n");
		return 1;
	}
	raw();		/* Ctrl-C, Ctrl-S and Ctrl-Q are keys here, not signals */
	noecho();
	keypad(stdscr, TRUE);
	/* Colour only where the terminal has it and the user wants it. */
	if (has_colors() && getenv("NO_COLOR") == NULL) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
		init_pair(2, COLOR_YELLOW, -1);
		t.colour = true;
	}
	/* Redraw at least every second: the clock, and what others did. */
	timeout(1000);
	tui_show(&t, &tui_login_ops, tui_login_new());
	tui_message(&t, "Sign in: user name, Tab, password, Enter.");
	for (;;) {
		tui_draw(&t);
		rc = get_wch(&ch);
		if (rc == ERR)
			continue;	/* the second passed: redraw */
		is_key = rc == KEY_CODE_YES;
		if (is_key && ch == KEY_RESIZE)
			continue;
		if (t.help) {
			t.help = false;
			continue;
		}
		if (t.asking) {
			tui_prompt_key(&t, is_key, ch);
			continue;
		}
		t.msg[0] = '\0';
		r = t.ops->key(&t, t.data, is_key, ch);
		if (r == TUI_QUIT)
			break;
		if (r != TUI_NOTHING)
			continue;
		switch (tui_action_of(is_key, ch)) {
		case TUI_A_HELP:
			t.help = true;
			break;
		case TUI_A_QUIT:
			goto out;
		default:
			break;
		}
	}
out:
	tui_show(&t, NULL, NULL);
	edit_done(&t.answer);
	endwin();
	return 0;
}
