/*
 * The screen's main loop: the bars, the message line and its questions,
 * the keys every view shares, the idle lock, and noticing what others
 * changed. Views draw the body (see tui.h).
 */
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
#include "yujing/escalate.h"
#include "yujing/i18n.h"
#include "yujing/safe.h"
#include "yujing/tui.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

#define TUI_MIN_COLS	80
#define TUI_MIN_ROWS	24
#define TUI_TICK	30	/* seconds between runs of the engine */
#define TUI_PARKED	8	/* users whose screen waits for them */

/* A question on the message line. */
struct tui_ask {
	bool		 on;
	char		 label[128];
	struct edit	 answer;
	tui_prompt_cb	 done;
	void		*arg;
};

/* A signed-in user's screen, kept while another uses the terminal. */
struct tui_parked {
	int64_t				 user;
	const struct tui_view_ops	*ops;
	void				*data;
	struct tui_ask			 ask;
};

struct tui {
	struct yj_app			*a;
	const struct tui_view_ops	*ops;
	void				*data;
	char				 msg[512];
	const char			*hint;
	bool				 help;
	bool				 colour;	/* NO_COLOR not set, and has_colors */
	struct tui_ask			 ask;
	struct tui_parked		 parked[TUI_PARKED];
	time_t				 last_key;	/* monotonic */
	time_t				 last_tick;
	int64_t				 data_version;
	uint64_t			 generation;
	/* A yes-or-no question on the message line: y says yes. */
	struct {
		bool		 on;
		tui_confirm_cb	 yes;
		void		*arg;
		char		 no[256];	/* said on any other key */
	}				 confirm;
	bool				 quit;
	bool				 too_small;	/* keys wait for room */
};

static time_t
tui_clock(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

int
tui_mark_attr(struct tui *t, enum tui_mark m)
{
	switch (m) {
	case TUI_MARK_LATE:
		return t->colour ? (int)(COLOR_PAIR(1) | A_BOLD) : A_BOLD;
	case TUI_MARK_SOON:
		return t->colour ? (int)COLOR_PAIR(2) : A_NORMAL;
	case TUI_MARK_EMERGENCY:
		return t->colour ? (int)(COLOR_PAIR(1) | A_BOLD |
		    A_UNDERLINE) : A_BOLD | A_UNDERLINE;
	default:
		return A_NORMAL;
	}
}

struct tui_action_def {
	int		 fkey;
	int		 letter;
	unsigned	 screens;
	const char	*label;
	const char	*help;
};

#define TUI_ACTION_DEF(id, f, k, sc, label, help) { f, k, sc, label, help },
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
tui_message_now(struct tui *t, const char *s)
{
	int	 rows, cols;

	tui_message(t, "%s", s);
	getmaxyx(stdscr, rows, cols);
	if (rows < TUI_MIN_ROWS || cols < TUI_MIN_COLS)
		return;
	tui_put(rows - 2, 0, s, cols);
	refresh();
}

bool
tui_has_message(struct tui *t)
{
	return t->msg[0] != '\0';
}

void
tui_hint(struct tui *t, const char *s)
{
	t->hint = s;
}

void
tui_changed(struct tui *t)
{
	t->generation++;
}

uint64_t
tui_generation(struct tui *t)
{
	return t->generation;
}

void
tui_show(struct tui *t, const struct tui_view_ops *ops, void *data)
{
	if (t->ops != NULL && t->ops->free != NULL)
		t->ops->free(t->data);
	t->ops = ops;
	t->data = data;
	t->hint = NULL;
}

const char *
tui_pname(const char *name, const char *name_en)
{
	return i18n_name(name, name_en);
}

const char *
tui_category_name(struct tui *t, const char *id)
{
	const struct policy_category	*c = policy_category(t->a->policy, id);

	return c != NULL ? tui_pname(c->name, c->name_en) : id;
}

const char *
tui_severity_name(struct tui *t, const char *id)
{
	const struct policy_severity	*v = policy_severity(t->a->policy, id);

	return v != NULL ? tui_pname(v->name, v->name_en) : id;
}

const char *
tui_rung_name(struct tui *t, const char *id)
{
	const struct policy_level	*l = policy_level(t->a->policy, id);
	const struct policy_office	*o = policy_office(t->a->policy, id);

	if (l != NULL)
		return tui_pname(l->name, l->name_en);
	return o != NULL ? tui_pname(o->name, o->name_en) : id;
}

void
tui_put(int y, int x, const char *s, int cols)
{
	struct buf	 b;
	char		*shown;

	if (cols <= 0)
		return;
	/*
	 * Everything drawn comes here, stored text too: a CR or a tab would
	 * move the cursor, an ESC start a sequence. Shown as escapes.
	 */
	shown = safe_dup(s, 0);
	buf_init(&b);
	width_pad(&b, shown, (size_t)cols);
	mvaddstr(y, x, buf_str(&b));
	buf_done(&b);
	free(shown);
}

int
tui_put_edit(int y, int x, const struct edit *e, int cols)
{
	size_t	 start, end, col;
	char	*shown;

	if (cols <= 0)
		return x;
	edit_view(e, (size_t)cols, &start, &end, &col);
	shown = xstrndup(edit_text(e) + start, end - start);
	tui_put(y, x, shown, cols);
	free(shown);
	return x + (int)col;
}

enum tui_action
tui_action_of(unsigned screen, bool is_key, wint_t ch)
{
	size_t	 i;

	/* The first action of the screen with that key: a letter can mean
	 * one thing on one screen and another elsewhere (q). */
	for (i = 0; i < TUI_NACTIONS; i++) {
		if (!(tui_actions[i].screens & screen))
			continue;
		if (is_key && tui_actions[i].fkey != 0 &&
		    ch == (wint_t)KEY_F(tui_actions[i].fkey))
			return (enum tui_action)i;
		if (!is_key && tui_actions[i].letter != 0 &&
		    ch == (wint_t)tui_actions[i].letter)
			return (enum tui_action)i;
	}
	return TUI_NONE;
}

bool
tui_is_enter(bool is_key, wint_t ch)
{
	return is_key ? ch == KEY_ENTER : ch == '\r' || ch == '\n';
}

bool
tui_is_esc(bool is_key, wint_t ch)
{
	return !is_key && ch == 27;
}

bool
tui_is_backspace(bool is_key, wint_t ch)
{
	return is_key ? ch == KEY_BACKSPACE : ch == 0x7f || ch == 0x08;
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

bool
tui_edit_key(struct edit *e, bool is_key, wint_t ch)
{
	char	 s[MB_LEN_MAX + 1];

	if (tui_is_backspace(is_key, ch))
		edit_backspace(e);
	else if (is_key) {
		switch (ch) {
		case KEY_DC:
			edit_delete(e);
			break;
		case KEY_LEFT:
			edit_left(e);
			break;
		case KEY_RIGHT:
			edit_right(e);
			break;
		case KEY_HOME:
			edit_home(e);
			break;
		case KEY_END:
			edit_end(e);
			break;
		default:
			return false;
		}
	} else if (ch == 0x01)		/* Ctrl-A */
		edit_home(e);
	else if (ch == 0x05)		/* Ctrl-E */
		edit_end(e);
	else if (ch == 0x15)		/* Ctrl-U */
		edit_kill_start(e);
	else if (ch == 0x17)		/* Ctrl-W */
		edit_kill_word(e);
	else if (tui_key_text(is_key, ch, s, sizeof s))
		edit_insert(e, s);
	else
		return false;
	return true;
}

static unsigned
tui_screen(struct tui *t)
{
	return t->ops != NULL ? t->ops->screen : TUI_S_LOGIN;
}

static void
tui_draw_bars(struct tui *t, int rows, int cols)
{
	struct yj_app			*a = t->a;
	const struct policy_shift	*sh;
	struct buf			 b, who;
	char				 now[32];
	size_t				 i;
	int				 inst;
	unsigned			 screen = tui_screen(t);

	/* Who and which shift first: the institution gives way to them. */
	buf_init(&b);
	buf_init(&who);
	if (a->user.id != 0) {
		buf_printf(&who, " · %s (%s)", a->user.display,
		    a->role != NULL ? tui_pname(a->role->name,
		    a->role->name_en) : a->user.role);
		if ((sh = policy_shift_at(a->policy, app_now(a))) != NULL)
			buf_printf(&who, " · %s", tui_pname(sh->name,
			    sh->name_en));
	}
	buf_puts(&b, " 预警 yujing · ");
	inst = (int)(cols - 18) - (int)width_str(buf_str(&b)) -
	    (int)width_str(buf_str(&who));
	width_pad(&b, tui_pname(a->policy->institution,
	    a->policy->institution_en), inst < 6 ? 6 : (size_t)inst);
	/* Padded to fit: no spaces before the rest. */
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	buf_puts(&b, buf_str(&who));
	buf_done(&who);
	attron(A_REVERSE);
	tui_put(0, 0, buf_str(&b), cols - 18);
	tui_put(0, cols - 17, caltime_format_local(app_now(a), now,
	    sizeof now), 17);
	attroff(A_REVERSE);

	/* The function-key bar, made from the list of actions. */
	b.len = 0;
	buf_puts(&b, "");
	for (i = 0; i < TUI_NACTIONS; i++) {
		if (tui_actions[i].fkey != 0 &&
		    (tui_actions[i].screens & screen))
			buf_printf(&b, " F%d %s ", tui_actions[i].fkey,
			    _(tui_actions[i].label));
	}
	attron(A_REVERSE);
	tui_put(rows - 1, 0, buf_str(&b), cols);
	attroff(A_REVERSE);
	if (t->msg[0] != '\0')
		tui_put(rows - 2, 0, t->msg, cols);
	else if (t->hint != NULL) {
		attron(A_DIM);
		tui_put(rows - 2, 0, t->hint, cols);
		attroff(A_DIM);
	}
	buf_done(&b);
}

void
tui_prompt(struct tui *t, const char *label, tui_prompt_cb done, void *arg)
{
	snprintf(t->ask.label, sizeof t->ask.label, "%s", label);
	edit_done(&t->ask.answer);
	edit_init(&t->ask.answer, 4096, false);
	t->ask.done = done;
	t->ask.arg = arg;
	t->ask.on = true;
}

void
tui_confirm(struct tui *t, const char *question, tui_confirm_cb yes,
    void *arg, const char *no)
{
	tui_message(t, "%s", question);
	t->confirm.on = true;
	t->confirm.yes = yes;
	t->confirm.arg = arg;
	snprintf(t->confirm.no, sizeof t->confirm.no, "%s", no);
}

void
tui_quit(struct tui *t)
{
	t->quit = true;
}

static void
tui_quit_yes(struct tui *t, void *arg)
{
	(void)arg;
	tui_quit(t);
}

void
tui_prompt_fill(struct tui *t, const char *text)
{
	edit_set(&t->ask.answer, text);
}

/* A key while a question is asked: it goes to the answer. */
static void
tui_prompt_key(struct tui *t, bool is_key, wint_t ch)
{
	char	*text;

	if (tui_is_esc(is_key, ch)) {
		t->ask.on = false;
		tui_message(t, "%s", _("Cancelled."));
	} else if (tui_is_enter(is_key, ch)) {
		t->ask.on = false;
		text = xstrdup(edit_text(&t->ask.answer));
		t->ask.done(t, t->ask.arg, text);
		free(text);
	} else
		tui_edit_key(&t->ask.answer, is_key, ch);
}

static void
tui_draw_help(struct tui *t, int top, int rows, int cols)
{
	struct buf	 b;
	char		 f[8], k[8];
	size_t		 i;
	int		 y = top + 2;
	unsigned	 screen = tui_screen(t);

	buf_init(&b);
	tui_put(top, 1, _("Keys on this screen (any key to go back):"),
	    cols - 2);
	for (i = 0; i < TUI_NACTIONS && y < top + rows; i++) {
		if (!(tui_actions[i].screens & screen))
			continue;
		f[0] = k[0] = '\0';
		if (tui_actions[i].fkey != 0)
			snprintf(f, sizeof f, "F%d", tui_actions[i].fkey);
		if (tui_actions[i].letter != 0 && screen != TUI_S_FORM &&
		    screen != TUI_S_SEARCH && tui_action_of(screen, false,
		    (wint_t)tui_actions[i].letter) == (enum tui_action)i)
			snprintf(k, sizeof k, "%c", tui_actions[i].letter);
		b.len = 0;
		buf_puts(&b, "  ");
		buf_puts(&b, f);
		buf_printf(&b, "%*s", 5 - (int)strlen(f), "");
		buf_puts(&b, k);
		buf_printf(&b, "%*s", 4 - (int)strlen(k), "");
		width_pad(&b, _(tui_actions[i].label), 11);
		buf_printf(&b, " %s", _(tui_actions[i].help));
		tui_put(y++, 1, buf_str(&b), cols - 2);
	}
	if (y + 1 < top + rows)
		tui_put(y + 1, 1, _("Arrows or j/k move, PgUp/PgDn page, "
		    "Home/End; the mouse clicks and scrolls."), cols - 2);
	buf_done(&b);
}

static void
tui_draw(struct tui *t)
{
	int	 rows, cols, y, x;

	getmaxyx(stdscr, rows, cols);
	erase();
	t->too_small = cols < TUI_MIN_COLS || rows < TUI_MIN_ROWS;
	if (t->too_small) {
		/* Nothing else fits; say so, and keep everything as it is. */
		mvaddstr(rows / 2, 0, _("terminal too small"));
		mvprintw(rows / 2 + 1, 0, _("(need %dx%d, have %dx%d)"),
		    TUI_MIN_COLS, TUI_MIN_ROWS, cols, rows);
		curs_set(0);
		refresh();
		return;
	}
	if (t->help)
		tui_draw_help(t, 1, rows - 3, cols);
	else
		t->ops->draw(t, t->data, 1, rows - 3, cols);
	tui_draw_bars(t, rows, cols);
	if (t->ask.on) {
		int	 lw = (int)width_str(t->ask.label) + 1;

		move(rows - 2, 0);
		clrtoeol();
		attron(A_BOLD);
		tui_put(rows - 2, 0, t->ask.label, lw);
		attroff(A_BOLD);
		x = tui_put_edit(rows - 2, lw, &t->ask.answer, cols - lw - 1);
		curs_set(1);
		move(rows - 2, x);
	} else if (!t->help && t->ops->cursor != NULL &&
	    t->ops->cursor(t, t->data, &y, &x)) {
		curs_set(1);
		move(y, x);
	} else
		curs_set(0);
	refresh();
}

/* --- the lock ----------------------------------------------------------- */

/*
 * Locks the screen: the user's view (a half-filled form, a question half
 * answered) waits for them, and nothing personal stays on the screen.
 */
static void
tui_lock(struct tui *t, bool idle)
{
	struct yj_app		*a = t->a;
	struct tui_parked	*p = NULL;
	char			*login;
	size_t			 i;

	if (a->user.id == 0)
		return;
	for (i = 0; i < TUI_PARKED && p == NULL; i++) {
		if (t->parked[i].user == a->user.id || t->parked[i].user == 0)
			p = &t->parked[i];
	}
	if (p == NULL) {
		/* Too many waiting: the oldest one's screen goes. */
		p = &t->parked[0];
		if (p->ops != NULL && p->ops->free != NULL)
			p->ops->free(p->data);
		edit_done(&p->ask.answer);
	}
	p->user = a->user.id;
	p->ops = t->ops;
	p->data = t->data;
	p->ask = t->ask;
	memset(&t->ask, 0, sizeof t->ask);
	edit_init(&t->ask.answer, 4096, false);
	t->ops = NULL;
	t->data = NULL;
	t->help = false;
	t->confirm.on = false;	/* a question asked before is void now */
	login = xstrdup(a->user.login);
	app_logout(a);
	tui_show(t, &tui_login_ops, tui_login_new(login));
	free(login);
	tui_message(t, "%s", idle ? _("Locked after no keys for a while. "
	    "Password to go on, or sign in as someone else.") :
	    _("Locked. Password to go on, or sign in as someone else."));
}

void
tui_signed_in(struct tui *t)
{
	struct tui_parked	*p;
	size_t			 i;

	for (i = 0; i < TUI_PARKED; i++) {
		p = &t->parked[i];
		if (p->user != t->a->user.id)
			continue;
		tui_show(t, p->ops, p->data);
		edit_done(&t->ask.answer);
		t->ask = p->ask;
		memset(p, 0, sizeof *p);
		tui_message(t, "%s", _("Welcome back: as you left it."));
		t->generation++;
		return;
	}
	tui_show(t, &tui_queue_ops, tui_queue_new());
	tui_message(t, "%s", _("Signed in. F1 for the keys."));
}

/* --- what happens by itself --------------------------------------------- */

/*
 * Once a second: someone else's change (data_version moves), and every
 * TUI_TICK seconds the engine's deadlines.
 */
static void
tui_background(struct tui *t)
{
	struct yj_app	*a = t->a;
	struct yj_error	 err;
	int64_t		 v;
	int		 count = 0;
	time_t		 now = tui_clock();

	if (app_data_version(a, &v, &err) == YJ_OK &&
	    v != t->data_version) {
		t->data_version = v;
		t->generation++;
	}
	/* Deadlines pass while the screen is locked, too. */
	if (now - t->last_tick >= TUI_TICK) {
		t->last_tick = now;
		if (escalate_tick(a, NULL, NULL, &count, &err) != YJ_OK)
			tui_message(t, "%s", err.msg);
		else if (count > 0)
			t->generation++;
		/* The queue's order moves with the clock, too. */
		t->generation++;
	}
	if (a->user.id != 0 && a->policy->idle_lock > 0 &&
	    now - t->last_key >= a->policy->idle_lock)
		tui_lock(t, true);
}

/* A click or the wheel: the view says what a click means. */
static void
tui_mouse(struct tui *t)
{
	MEVENT	 m;
	int	 i;

	if (getmouse(&m) != OK)
		return;
	if (m.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		for (i = 0; i < 3; i++)
			t->ops->key(t, t->data, true, (m.bstate &
			    BUTTON4_PRESSED) ? KEY_UP : KEY_DOWN);
	} else if ((m.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED |
	    BUTTON1_RELEASED)) && t->ops->click != NULL)
		t->ops->click(t, t->data, m.y, m.x);
}

/* Whether a screen locked away holds typing not yet saved. */
static bool
tui_parked_dirty(struct tui *t)
{
	struct tui_parked	*p;
	size_t			 i;

	for (i = 0; i < TUI_PARKED; i++) {
		p = &t->parked[i];
		if (p->user == 0)
			continue;
		if (p->ask.on && *edit_text(&p->ask.answer) != '\0')
			return true;
		if (p->ops->dirty != NULL && p->ops->dirty(p->data))
			return true;
	}
	return false;
}

int
tui_run(struct yj_app *a)
{
	struct tui	 t;
	wint_t		 ch;
	int		 rc;
	bool		 is_key;
	enum tui_result	 r;
	enum tui_action	 act;
	size_t		 i;

	memset(&t, 0, sizeof t);
	t.a = a;
	edit_init(&t.ask.answer, 4096, false);
	if (initscr() == NULL) {
		fprintf(stderr, "yujing: cannot start the screen\n");
		return 1;
	}
	raw();		/* Ctrl-C, Ctrl-S and Ctrl-Q are keys here, not signals */
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(0);
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
	t.last_key = t.last_tick = tui_clock();
	tui_show(&t, &tui_login_ops, tui_login_new(NULL));
	tui_message(&t, "%s", _("Sign in: your user name (typed, or picked with "
	    "the arrows), Enter, your password, Enter."));
	for (;;) {
		tui_background(&t);
		tui_draw(&t);
		rc = get_wch(&ch);
		if (rc == ERR)
			continue;	/* the second passed: redraw */
		is_key = rc == KEY_CODE_YES;
		t.last_key = tui_clock();
		if (is_key && ch == KEY_RESIZE)
			continue;
		/* Keys typed blind would change what cannot be seen. */
		if (t.too_small)
			continue;
		if (t.help) {
			t.help = false;
			continue;
		}
		if (is_key && ch == KEY_MOUSE) {
			tui_mouse(&t);
			continue;
		}
		if (t.confirm.on) {
			t.confirm.on = false;
			if (!is_key && (ch == 'y' || ch == 'Y'))
				t.confirm.yes(&t, t.confirm.arg);
			else
				tui_message(&t, "%s", t.confirm.no);
			if (t.quit)
				goto out;
			continue;
		}
		if (t.ask.on) {
			tui_prompt_key(&t, is_key, ch);
			continue;
		}
		t.msg[0] = '\0';
		r = t.ops->key(&t, t.data, is_key, ch);
		if (r == TUI_QUIT || t.quit)
			break;
		if (r != TUI_NOTHING)
			continue;
		if ((act = tui_action_of(tui_screen(&t), is_key, ch)) ==
		    TUI_NONE)
			continue;
		switch (act) {
		case TUI_A_HELP:
			t.help = true;
			break;
		case TUI_A_NEW:
			tui_show(&t, &tui_form_ops, tui_form_new());
			break;
		case TUI_A_SEARCH:
			tui_show(&t, &tui_search_ops, tui_search_new());
			break;
		case TUI_A_LOCK:
			tui_lock(&t, false);
			break;
		case TUI_A_QUIT:
			if (!tui_parked_dirty(&t))
				goto out;
			tui_confirm(&t, _("A locked screen here holds unsaved "
			    "work; quit anyway? y: yes, any other key: no"),
			    tui_quit_yes, NULL, _("Not quitting."));
			break;
		default:
			break;
		}
	}
out:
	tui_show(&t, NULL, NULL);
	for (i = 0; i < TUI_PARKED; i++) {
		if (t.parked[i].ops != NULL && t.parked[i].ops->free != NULL)
			t.parked[i].ops->free(t.parked[i].data);
		edit_done(&t.parked[i].ask.answer);
	}
	edit_done(&t.ask.answer);
	endwin();
	return 0;
}
