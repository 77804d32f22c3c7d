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
#include "yujing/duration.h"
#include "yujing/edit.h"
#include "yujing/escalate.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/safe.h"
#include "yujing/shift.h"
#include "yujing/tui.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

#define TUI_MIN_COLS	80
#define TUI_MIN_ROWS	24
#define TUI_TICK	30	/* seconds between runs of the engine */
#define TUI_PARKED	8	/* users whose screen waits for them */
#define TUI_BUSY_WAIT	5000	/* ms to wait for another writer */
#define TUI_SEQ_WAIT	30	/* ms for the rest of an escape sequence */

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
	struct tui_ask			 ask;
	struct tui_parked		 parked[TUI_PARKED];
	/* Who signs in next goes to this duty's handover (its incoming). */
	char				 then_handover[POLICY_DUTY_IDSZ];
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
	int64_t				 goto_id;	/* asked to leave a form for it */
	bool				 too_small;	/* keys wait for room */
};

static time_t
tui_clock(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* --- the theme ------------------------------------------------------------ */

struct tui_style {
	short		 fg, bg;
	unsigned int	 attr, mono;
};

#define TUI_ROLE_STYLE(id, fg, bg, attr, mono) { fg, bg, attr, mono },
static const struct tui_style tui_theme[TUI_NROLES] = {
	TUI_THEME(TUI_ROLE_STYLE)
};
#undef TUI_ROLE_STYLE

/* Whether the theme's colours are on (start_color done, NO_COLOR unset). */
static bool	 tui_colour;

/* Role r is pair r: plain roles (-1, -1) are pair 0, the terminal's own. */
static void
tui_theme_init(void)
{
	const char	*nc;
	int		 r;

	tui_colour = false;
	nc = getenv("NO_COLOR");
	/* no-color.org: set and not empty. */
	if (!has_colors() || (nc != NULL && *nc != '\0'))
		return;
	start_color();
	use_default_colors();
	for (r = 1; r < TUI_NROLES && r < COLOR_PAIRS; r++) {
		if (tui_theme[r].fg >= 0 || tui_theme[r].bg >= 0)
			init_pair((short)r, tui_theme[r].fg, tui_theme[r].bg);
	}
	tui_colour = true;
}

unsigned int
tui_role_attr(enum tui_role r)
{
	const struct tui_style	*s;

	if ((int)r < 0 || r >= TUI_NROLES)
		return A_NORMAL;
	s = &tui_theme[r];
	if (!tui_colour)
		return s->mono;
	if ((s->fg >= 0 || s->bg >= 0) && (int)r < COLOR_PAIRS)
		return (unsigned int)COLOR_PAIR(r) | s->attr;
	return s->attr;
}

enum tui_role
tui_mark_role(enum tui_mark m)
{
	switch (m) {
	case TUI_MARK_LATE:
		return TUI_R_OVERDUE;
	case TUI_MARK_SOON:
		return TUI_R_SOON;
	case TUI_MARK_EMERGENCY:
		return TUI_R_EMERGENCY;
	case TUI_MARK_ACK:
		return TUI_R_ACK;
	default:
		return TUI_R_NORMAL;
	}
}

const char *
tui_mark_char(enum tui_mark m)
{
	switch (m) {
	case TUI_MARK_LATE:
		return "!";
	case TUI_MARK_SOON:
		return "»";
	case TUI_MARK_EMERGENCY:
		return "▲";
	case TUI_MARK_ACK:
		return "·";
	default:
		return " ";
	}
}

unsigned int
tui_mark_attr(struct tui *t, enum tui_mark m)
{
	(void)t;
	return tui_role_attr(tui_mark_role(m));
}

/* --- the keymap ----------------------------------------------------------- */

#define K(c)		(TUI_KEYCODE | (c))
#define CTRL(c)		((c) & 0x1f)
#define S_LISTS		(TUI_S_QUEUE | TUI_S_INCIDENT | TUI_S_MINE)
/* The shift's and the meeting's screens: lists, but with keys of their own. */
#define S_SHIFTS	(TUI_S_HANDOVER | TUI_S_CHECK | TUI_S_REPORTS)
#define S_NONTEXT	(TUI_S_QUEUE | TUI_S_INCIDENT | TUI_S_FILTER | \
			    TUI_S_MINE)

/*
 * X(screens, key, action): which key means what, screen by screen, in
 * the order the help lists them. Where letters are text (TUI_S_TEXT) an
 * F-key's twin is a Ctrl key; elsewhere a letter. A key means one thing
 * on a screen, and a key that moves anywhere acts nowhere (test_keys).
 */
#define TUI_KEYS(X)							\
	X(TUI_S_ALL, K(KEY_F(1)), HELP)					\
	X(S_NONTEXT, '?', HELP)						\
	X(TUI_S_TEXT, CTRL('g'), HELP)					\
	X(S_LISTS | TUI_S_SEARCH, K(KEY_F(2)), NEW)			\
	X(S_LISTS, 'n', NEW)						\
	X(TUI_S_SEARCH, CTRL('n'), NEW)					\
	X(TUI_S_FORM, K(KEY_F(2)), SAVE)				\
	X(TUI_S_FORM, CTRL('x'), SAVE)					\
	X(S_LISTS | S_SHIFTS, K(KEY_F(5)), HANDOVER)			\
	X(S_LISTS | S_SHIFTS, 'H', HANDOVER)				\
	X(S_LISTS | S_SHIFTS, K(KEY_F(6)), REPORTS)			\
	X(S_LISTS | S_SHIFTS, 'R', REPORTS)				\
	X(TUI_S_REPORTS, K(KEY_LEFT), EARLIER)				\
	X(TUI_S_REPORTS, K(KEY_RIGHT), LATER)				\
	X(TUI_S_REPORTS, 'p', PERIOD)					\
	X(TUI_S_REPORTS, 'g', GROUPING)					\
	X(TUI_S_REPORTS, 't', TIMELINESS)				\
	X(TUI_S_HANDOVER, 'p', PREPARE)					\
	X(TUI_S_HANDOVER, 'N', HANDOVER_NOTE)				\
	X(TUI_S_HANDOVER, '1', STABLE)					\
	X(TUI_S_HANDOVER, '2', WATCH)					\
	X(TUI_S_HANDOVER, '3', UNSTABLE)				\
	X(TUI_S_HANDOVER, 'e', ITEM)					\
	X(TUI_S_HANDOVER, ' ', ACCEPT)					\
	X(TUI_S_HANDOVER, '?', QUESTION)				\
	X(TUI_S_HANDOVER, 'b', READBACK)				\
	X(TUI_S_HANDOVER, 'A', ANSWER)					\
	X(TUI_S_HANDOVER, 'S', SIGN)					\
	X(TUI_S_HANDOVER, 'i', INCOMING)				\
	X(S_LISTS, K(KEY_F(3)), SEARCH)					\
	X(S_LISTS, 's', SEARCH)						\
	X(TUI_S_QUEUE, K(KEY_F(4)), FILTER)				\
	X(TUI_S_QUEUE, 'f', FILTER)					\
	X(TUI_S_QUEUE, '/', NARROW)					\
	X(TUI_S_QUEUE, 'm', MINE)					\
	X(TUI_S_QUEUE | TUI_S_SEARCH | TUI_S_MINE | TUI_S_HANDOVER, '\r',	\
	    OPEN)							\
	X(S_NONTEXT, '#', GOTO)						\
	X(TUI_S_TEXT & ~(TUI_S_LOGIN | TUI_S_PICKER), CTRL('t'), GOTO)	\
	X(TUI_S_LOGIN, '\r', SIGN_IN)					\
	X(TUI_S_INCIDENT, 'c', CONTACTED)				\
	X(TUI_S_INCIDENT, 'A', ACK)					\
	X(TUI_S_INCIDENT, 'a', NOTE)					\
	X(TUI_S_INCIDENT, 'e', ESCALATE)				\
	X(TUI_S_INCIDENT, 'r', RESOLVE)					\
	X(TUI_S_INCIDENT, 'o', REOPEN)					\
	X(TUI_S_INCIDENT, 'x', TICK)					\
	X(TUI_S_INCIDENT, 'F', FOLLOWUP_DONE)				\
	X(TUI_S_LOGIN | TUI_S_FORM | TUI_S_FILTER, '\t', NEXT_FIELD)	\
	X(TUI_S_LOGIN | TUI_S_FORM | TUI_S_FILTER, K(KEY_BTAB), PREV_FIELD) \
	X(TUI_S_FORM | TUI_S_FILTER, ' ', CHOOSE)			\
	X(TUI_S_FORM | TUI_S_FILTER, K(KEY_LEFT), CHOOSE)		\
	X(TUI_S_FORM | TUI_S_FILTER, K(KEY_RIGHT), CHOOSE)		\
	X(TUI_S_FORM | TUI_S_PICKER, '\r', PICK)			\
	X(TUI_S_FORM, 0x7f, REMOVE)					\
	X(TUI_S_FILTER, 0x7f, ANY)					\
	X(TUI_S_FILTER, K(KEY_DC), ANY)					\
	X(TUI_S_FILTER, K(KEY_F(4)), DONE)				\
	X(TUI_S_FILTER, 'f', DONE)					\
	X(TUI_S_FILTER | TUI_S_NARROW, '\r', DONE)			\
	X(TUI_S_FILTER, 27, DONE)					\
	X(TUI_S_QUEUE | TUI_S_NARROW, 27, CLEAR)			\
	X(TUI_S_PICKER, 27, CANCEL)					\
	X(TUI_S_TEXT, K(KEY_HOME), TEXT_HOME)				\
	X(TUI_S_TEXT, K(KEY_END), TEXT_END)				\
	X(TUI_S_INCIDENT | TUI_S_SEARCH | TUI_S_FORM | TUI_S_MINE |	\
	    TUI_S_HANDOVER | TUI_S_CHECK | TUI_S_REPORTS | TUI_S_LOGIN,	\
	    27, BACK)							\
	X(TUI_S_INCIDENT | TUI_S_MINE | TUI_S_HANDOVER | TUI_S_CHECK |	\
	    TUI_S_REPORTS, 'q', BACK)					\
	X(TUI_S_CHECK, '\r', BACK)					\
	X(TUI_S_INCIDENT, K(KEY_LEFT), BACK)				\
	X(TUI_S_SIGNED, K(KEY_F(9)), LOCK)				\
	X(S_NONTEXT | S_SHIFTS, 'L', LOCK)				\
	X(TUI_S_TEXT & ~TUI_S_LOGIN, CTRL('l'), LOCK)			\
	X(TUI_S_ALL, K(KEY_F(10)), QUIT)				\
	X(TUI_S_QUEUE | TUI_S_FILTER, 'q', QUIT)			\
	X(TUI_S_INCIDENT | TUI_S_MINE | S_SHIFTS, 'Q', QUIT)		\
	X(TUI_S_TEXT, CTRL('c'), QUIT)					\
	X(TUI_S_ALL & ~TUI_S_NARROW, K(KEY_UP), MOVE_UP)		\
	X(S_LISTS | S_SHIFTS, 'k', MOVE_UP)				\
	X(TUI_S_ALL & ~TUI_S_NARROW, K(KEY_DOWN), MOVE_DOWN)		\
	X(S_LISTS | S_SHIFTS, 'j', MOVE_DOWN)				\
	X(S_LISTS | TUI_S_SEARCH | TUI_S_FORM | TUI_S_LOGIN |		\
	    TUI_S_PICKER | S_SHIFTS,					\
	    K(KEY_PPAGE), PAGE_UP)					\
	X(S_LISTS | TUI_S_SEARCH | TUI_S_FORM | TUI_S_LOGIN |		\
	    TUI_S_PICKER | S_SHIFTS,					\
	    K(KEY_NPAGE), PAGE_DOWN)					\
	X(S_LISTS | S_SHIFTS, K(KEY_HOME), HOME)			\
	X(S_LISTS | S_SHIFTS, K(KEY_END), END)

#define TUI_KEY_DEF(sc, key, act) { sc, key, TUI_A_##act },
static const struct tui_binding tui_keys[] = {
	TUI_KEYS(TUI_KEY_DEF)
};
#undef TUI_KEY_DEF

struct tui_action_def {
	int		 kind;
	const char	*label;
	const char	*help;
};

#define TUI_ACTION_DEF(id, kind, label, help) { kind, label, help },
static const struct tui_action_def tui_actions[] = {
	TUI_ACTIONS(TUI_ACTION_DEF)
};
#undef TUI_ACTION_DEF

const struct tui_binding *
tui_bindings(size_t *n)
{
	*n = sizeof tui_keys / sizeof tui_keys[0];
	return tui_keys;
}

bool
tui_action_moves(enum tui_action act)
{
	return act < TUI_NACTIONS && tui_actions[act].kind == TUI_MOVE;
}

const char *
tui_action_label(enum tui_action act)
{
	return act < TUI_NACTIONS ? _(tui_actions[act].label) : "";
}

const char *
tui_action_help(enum tui_action act)
{
	return act < TUI_NACTIONS ? _(tui_actions[act].help) : "";
}

int
tui_key_of(bool is_key, wint_t ch)
{
	/* One name for each key however the terminal sends it. */
	if (is_key) {
		if (ch == KEY_ENTER)
			return '\r';
		if (ch == KEY_BACKSPACE)
			return 0x7f;
		return K((int)ch);
	}
	if (ch == '\n')
		return '\r';
	if (ch == 0x08)
		return 0x7f;
	return (int)ch;
}

int
tui_key_fkey(int key)
{
	int	 n;

	if (!(key & TUI_KEYCODE))
		return 0;
	n = (key & ~TUI_KEYCODE) - KEY_F0;
	return n >= 1 && n <= 12 ? n : 0;
}

const char *
tui_key_name(int key, char *buf, size_t size)
{
	static const struct {
		int		 key;
		const char	*name;
		bool		 words;	/* said in the screen's language */
	} names[] = {
		/* As printed on the keys: not translated (End is not 末尾). */
		{ K(KEY_UP), "↑", false }, { K(KEY_DOWN), "↓", false },
		{ K(KEY_LEFT), "←", false }, { K(KEY_RIGHT), "→", false },
		{ K(KEY_PPAGE), "PgUp", false }, { K(KEY_NPAGE), "PgDn", false },
		{ K(KEY_HOME), "Home", false }, { K(KEY_END), "End", false },
		{ K(KEY_BTAB), N_("Shift-Tab"), true },
		{ K(KEY_DC), N_("Delete"), true },
		{ '\t', "Tab", false }, { '\r', N_("Enter"), true },
		{ 27, "Esc", false }, { 0x7f, N_("Backspace"), true },
		{ ' ', N_("Space"), true },
	};
	size_t	 i;
	int	 f;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (names[i].key == key) {
			snprintf(buf, size, "%s", names[i].words ?
			    _(names[i].name) : names[i].name);
			return buf;
		}
	}
	if ((f = tui_key_fkey(key)) != 0)
		snprintf(buf, size, "F%d", f);
	else if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + 'A' - 1);
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "?");
	return buf;
}

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
	tui_show_keep(t, ops, data);
}

void
tui_show_keep(struct tui *t, const struct tui_view_ops *ops, void *data)
{
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

void
tui_who(struct buf *b, const struct store_incident *in)
{
	const char	*p = in->others != NULL ? in->others : "", *nl;
	size_t		 i, start = b->len;

	for (i = 0; i < in->nstudents; i++)
		buf_printf(b, "%s%s", i ? _(", ") : "", in->students[i].name);
	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (b->len > start)
			buf_puts(b, _(", "));
		buf_add(b, p, nl != NULL ? (size_t)(nl - p) : strlen(p));
		p = nl != NULL ? nl + 1 : "";
	}
	if (b->len == start)
		buf_puts(b, *in->room ? in->room : in->location);
}

const char *
tui_rung_name(struct tui *t, const char *id)
{
	const char	*name, *name_en;

	return policy_rung_names(t->a->policy, id, &name, &name_en) ?
	    tui_pname(name, name_en) : id;
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
	int	 key = tui_key_of(is_key, ch);

	for (i = 0; i < sizeof tui_keys / sizeof tui_keys[0]; i++) {
		if ((tui_keys[i].screens & screen) && tui_keys[i].key == key)
			return tui_keys[i].action;
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
	if (t->ops == NULL)
		return TUI_S_LOGIN;
	if (t->ops->screen_now != NULL)
		return t->ops->screen_now(t->data);
	return t->ops->screen;
}

static void
tui_draw_bars(struct tui *t, int rows, int cols)
{
	struct yj_app			*a = t->a;
	struct policy_duty		 duty;
	struct buf			 b, who, shift;
	size_t				 mark = 0;
	char				 now[32], left[DURATION_BUFSZ];
	size_t				 i, nkeys;
	int				 inst, f;
	unsigned			 screen = tui_screen(t);
	const struct tui_binding	*keys = tui_bindings(&nkeys);

	/* Who and which shift first: the institution gives way to them. */
	buf_init(&b);
	buf_init(&who);
	buf_init(&shift);
	if (a->user.id != 0) {
		buf_printf(&who, " · %s (%s)", a->user.display,
		    a->role != NULL ? tui_pname(a->role->name,
		    a->role->name_en) : a->user.role);
		/* The shift, and how long it has to run (to the minute). */
		if (policy_duty_at(a->policy, app_now(a), &duty)) {
			buf_printf(&shift, " · %s", tui_pname(
			    duty.shift->name, duty.shift->name_en));
			mark = shift.len;
			buf_putc(&shift, ' ');
			buf_printf(&shift, _("%s left"), duration_format(
			    (duty.end - app_now(a) + 59) / 60 * 60, left,
			    sizeof left));
		}
		/*
		 * Too long for the bar (the brand and the clock take 30): the
		 * time left goes first, then the role.
		 */
		if (width_str(buf_str(&who)) + width_str(buf_str(&shift)) +
		    30 > (size_t)cols && mark > 0) {
			shift.len = mark;
			shift.data[mark] = '\0';
		}
		if (width_str(buf_str(&who)) + width_str(buf_str(&shift)) +
		    30 > (size_t)cols) {
			buf_clear(&who);
			buf_printf(&who, " · %s", a->user.display);
		}
		buf_puts(&who, buf_str(&shift));
	}
	buf_done(&shift);
	buf_puts(&b, " 预警 yujing");
	/* Browsing only: said before anything else, so nobody types in vain. */
	if (app_read_only(a))
		buf_printf(&b, " [%s]", _("read-only"));
	inst = (int)(cols - 18) - (int)width_str(buf_str(&b)) - 3 -
	    (int)width_str(buf_str(&who));
	/*
	 * The institution gives way to who and which shift, and goes when
	 * not even a few columns of it would fit.
	 */
	if (inst >= 6) {
		buf_puts(&b, " · ");
		width_pad(&b, tui_pname(a->policy->institution,
		    a->policy->institution_en), (size_t)inst);
		/* Padded to fit: no spaces before the rest. */
		while (b.len > 0 && b.data[b.len - 1] == ' ')
			b.data[--b.len] = '\0';
	}
	buf_puts(&b, buf_str(&who));
	buf_done(&who);
	attrset(tui_role_attr(TUI_R_TITLE));
	/* One bar: the gap before the clock in it. */
	tui_put(0, 0, buf_str(&b), cols - 17);
	tui_put(0, cols - 17, caltime_format_local(app_now(a), now,
	    sizeof now), 17);
	attrset(A_NORMAL);

	/* The function-key bar, made from the list of actions. */
	b.len = 0;
	buf_puts(&b, "");
	for (f = 1; f <= 12; f++) {
		for (i = 0; i < nkeys; i++) {
			if ((keys[i].screens & screen) &&
			    tui_key_fkey(keys[i].key) == f)
				buf_printf(&b, " F%d %s ", f,
				    tui_action_label(keys[i].action));
		}
	}
	attrset(tui_role_attr(TUI_R_KEYBAR));
	tui_put(rows - 1, 0, buf_str(&b), cols);
	attrset(A_NORMAL);
	if (t->msg[0] != '\0')
		tui_put(rows - 2, 0, t->msg, cols);
	else if (t->hint != NULL) {
		attrset(tui_role_attr(TUI_R_HINT));
		tui_put(rows - 2, 0, t->hint, cols);
		attrset(A_NORMAL);
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
	struct buf			 b, k;
	char				 name[32];
	size_t				 i, n;
	int				 a, y = top + 2;
	unsigned			 screen = tui_screen(t);
	const struct tui_binding	*keys = tui_bindings(&n);

	/* Made from the keymap: exactly the keys of this screen. */
	buf_init(&b);
	buf_init(&k);
	tui_put(top, 1, _("Keys on this screen (any key to go back):"),
	    cols - 2);
	for (a = 0; a < TUI_NACTIONS && y < top + rows; a++) {
		/* Moving is one line, below (the keys all move the rows). */
		if (tui_action_moves((enum tui_action)a))
			continue;
		k.len = 0;
		buf_puts(&k, "");
		for (i = 0; i < n; i++) {
			if (keys[i].action != (enum tui_action)a ||
			    !(keys[i].screens & screen))
				continue;
			buf_printf(&k, "%s%s", k.len ? " " : "",
			    tui_key_name(keys[i].key, name, sizeof name));
		}
		if (k.len == 0)
			continue;
		b.len = 0;
		buf_puts(&b, "  ");
		width_pad(&b, buf_str(&k), 13);
		buf_putc(&b, ' ');
		width_pad(&b, tui_action_label((enum tui_action)a), 10);
		buf_printf(&b, " %s", tui_action_help((enum tui_action)a));
		tui_put(y++, 1, buf_str(&b), cols - 2);
	}
	k.len = 0;
	buf_puts(&k, "");
	for (i = 0; i < n; i++) {
		if (tui_action_moves(keys[i].action) &&
		    (keys[i].screens & screen))
			buf_printf(&k, "%s%s", k.len ? " " : "",
			    tui_key_name(keys[i].key, name, sizeof name));
	}
	if (k.len > 0 && y < top + rows) {
		b.len = 0;
		buf_puts(&b, "  ");
		buf_printf(&b, _("%s  move: a row, a page, the first or the "
		    "last"), buf_str(&k));
		tui_put(y++, 1, buf_str(&b), cols - 2);
	}
	/* The rows' marks, which say without colour how each one stands. */
	if ((screen & (TUI_S_QUEUE | TUI_S_MINE)) && y + 1 < top + rows) {
		b.len = 0;
		buf_printf(&b, _("Marks: %s emergency, %s overdue, %s due within "
		    "15 minutes, %s acknowledged; the selection is the bar."),
		    tui_mark_char(TUI_MARK_EMERGENCY),
		    tui_mark_char(TUI_MARK_LATE), tui_mark_char(TUI_MARK_SOON),
		    tui_mark_char(TUI_MARK_ACK));
		tui_put(++y, 1, buf_str(&b), cols - 2);
	}
	if (y + 1 < top + rows)
		tui_put(y + 1, 1, _("The mouse clicks and scrolls."), cols - 2);
	buf_done(&k);
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

		/*
		 * A message said as the question came (why it is asked
		 * again) stays in sight, on the line above it.
		 */
		if (t->msg[0] != '\0') {
			move(rows - 3, 0);
			clrtoeol();
			tui_put(rows - 3, 0, t->msg, cols);
		}
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
	/*
	 * Choosing a password of their own: nothing to come back to (the
	 * sign-in asks again); tui_show below lets the view go.
	 */
	if (t->ops != &tui_login_ops) {
		for (i = 0; i < TUI_PARKED && p == NULL; i++) {
			if (t->parked[i].user == a->user.id ||
			    t->parked[i].user == 0)
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
	}
	t->help = false;
	t->confirm.on = false;	/* a question asked before is void now */
	login = xstrdup(a->user.login);
	app_logout(a, idle ? "idle" : "lock");
	/* The incoming officer types their own name: none is offered. */
	tui_show(t, &tui_login_ops, tui_login_new(t->then_handover[0] !=
	    '\0' ? NULL : login));
	free(login);
	tui_message(t, "%s", idle ? _("Locked after no keys for a while. "
	    "Password to go on, or sign in as someone else.") :
	    _("Locked. Password to go on, or sign in as someone else."));
}

void
tui_signed_in(struct tui *t)
{
	struct tui_parked	*p;
	struct policy_duty	 duty;
	struct yj_error		 err;
	char			 then[POLICY_DUTY_IDSZ];
	size_t			 i;
	bool			 running, opened = false;

	/* Who was called in from a handover: this sign-in only. */
	snprintf(then, sizeof then, "%s", t->then_handover);
	t->then_handover[0] = '\0';
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
	/* Signing in during a shift opens it, once (the incoming too). */
	if (app_can(t->a, CAP_HANDLE) &&
	    shift_open(t->a, &duty, &running, &opened, &err) != YJ_OK)
		opened = false;
	/* The incoming officer, called in from the handover: back to it. */
	if (then[0] != '\0') {
		tui_show(t, &tui_handover_ops, tui_handover_new(then));
		tui_message(t, "%s", _("Signed in: go through the items one by "
		    "one."));
		return;
	}
	if (opened) {
		tui_show(t, &tui_check_ops, tui_check_new(duty.id));
		tui_message(t, "%s", _("You opened the shift. What it "
		    "inherits:"));
		return;
	}
	tui_show(t, &tui_queue_ops, tui_queue_new());
	tui_message(t, "%s", _("Signed in. F1 for the keys."));
}

void
tui_handover_incoming(struct tui *t, const char *duty)
{
	snprintf(t->then_handover, sizeof t->then_handover, "%s", duty);
	tui_lock(t, false);
	/* The other officer (the outgoing one's screen waits for them). */
	tui_message(t, "%s", _("The other officer signs in: their user name "
	    "and password."));
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
	size_t		 running = a->nrunning;

	/* Notifications that ended are recorded: the history moves. */
	if (a->nrunning > 0 && escalate_reap(a, false, NULL, NULL) <
	    running)
		t->generation++;
	if (app_data_version(a, &v, &err) == YJ_OK &&
	    v != t->data_version) {
		t->data_version = v;
		t->generation++;
	}
	/* Deadlines pass while the screen is locked, too. */
	/*
	 * Read-only writes nothing (--read-only even while locked): other
	 * screens, or cron, tick.
	 */
	if (now - t->last_tick >= TUI_TICK && !app_read_only(a)) {
		t->last_tick = now;
		/* Busy: another writer; the next tick does it (nothing said). */
		if (escalate_tick(a, NULL, NULL, &count, &err) != YJ_OK &&
		    err.status != YJ_BUSY)
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

/*
 * While another program holds the database's write lock the screen takes
 * no keys; it says so on the message line at once (only drawn: the view
 * says what came of it), until TUI_BUSY_WAIT ms, when the call gives up.
 */
static void
tui_busy(void *arg, int64_t waited_ms)
{
	struct tui	*t = arg;
	char		 s[256];
	int		 rows, cols;

	(void)t;
	if (waited_ms < 150)
		return;	/* a commit passing by: not worth a flicker */
	getmaxyx(stdscr, rows, cols);
	if (rows < TUI_MIN_ROWS || cols < TUI_MIN_COLS)
		return;
	snprintf(s, sizeof s, _("Waiting: another program is writing to the "
	    "database… %llds (at most %ds)"), (long long)(waited_ms / 1000),
	    TUI_BUSY_WAIT / 1000);
	move(rows - 2, 0);
	clrtoeol();
	attron(A_BOLD);
	tui_put(rows - 2, 0, s, cols);
	attroff(A_BOLD);
	refresh();
}

/*
 * Help, lock and quit, the same on every screen. Quitting asks first
 * from a signed-in screen (a duty room's screen is not left by one stray
 * key), and says what would be lost. True when it is time to go.
 */
static bool
tui_global(struct tui *t, enum tui_action act)
{
	switch (act) {
	case TUI_A_HELP:
		t->help = true;
		return false;
	case TUI_A_LOCK:
		tui_lock(t, false);
		return false;
	case TUI_A_QUIT:
		break;
	default:
		return false;
	}
	if (t->ops->dirty != NULL && t->ops->dirty(t->data))
		tui_confirm(t, _("Quit and throw this report away? y: yes, any "
		    "other key: keep it"), tui_quit_yes, NULL,
		    _("Kept: go on."));
	else if (tui_parked_dirty(t))
		tui_confirm(t, _("A locked screen here holds unsaved work; "
		    "quit anyway? y: yes, any other key: no"), tui_quit_yes,
		    NULL, _("Not quitting."));
	else if (t->a->user.id != 0)
		tui_confirm(t, _("Quit yujing? y: yes, any other key: no"),
		    tui_quit_yes, NULL, _("Not quitting."));
	else
		return true;
	return false;
}

/* Opens the incident asked for (tui_goto). */
static void
tui_goto_yes(struct tui *t, void *arg)
{
	(void)arg;
	tui_show(t, &tui_incident_ops, tui_incident_new(t->goto_id));
}

/*
 * The answer to "Go to incident #": a number (a '#' before it is fine)
 * of an incident there is. It opens as the user may see it (the incident
 * view asks incident_show, which redacts); a form with typing in it asks
 * first, as leaving it would.
 */
static void
tui_goto_done(struct tui *t, void *arg, const char *text)
{
	struct store_incident	 in;
	struct yj_error		 err;
	const char		*s = text;
	char			*end;
	long long		 id;
	bool			 redacted;

	(void)arg;
	while (*s == ' ' || *s == '#')
		s++;
	id = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*s < '0' || *s > '9' || *end != '\0' || id <= 0) {
		tui_message(t, _("No incident #%s: give its number."), text);
		return;
	}
	if (incident_show(t->a, id, &in, &redacted, &err) != YJ_OK) {
		if (err.status == YJ_NOT_FOUND)
			tui_message(t, _("There is no incident #%lld."), id);
		else
			tui_message(t, "%s", err.msg);
		return;
	}
	incident_free(&in);
	t->goto_id = id;
	if (t->ops->dirty != NULL && t->ops->dirty(t->data))
		tui_confirm(t, _("Throw this report away and open the incident? "
		    "y: yes, any other key: keep it"), tui_goto_yes, NULL,
		    _("Kept: go on."));
	else
		tui_goto_yes(t, NULL);
}

/* Go to #N: from any signed-in screen. */
static void
tui_goto(struct tui *t)
{
	tui_prompt(t, _("Go to incident #:"), tui_goto_done, NULL);
}

/* --- reading keys ------------------------------------------------------- */

/* The next character of a sequence already under way, or -1. */
static int
tui_seq_next(void)
{
	wint_t	 c;
	int	 rc;

	timeout(TUI_SEQ_WAIT);
	rc = get_wch(&c);
	timeout(1000);
	/* A key curses made of what followed (Esc, then F10): kept for next. */
	if (rc == KEY_CODE_YES)
		ungetch((int)c);
	if (rc != OK)
		return -1;
	return (int)c;
}

/* A CSI sequence's key (ESC [ params final), or 0 for none we know. */
static int
tui_csi_key(int param, int final)
{
	static const struct {
		int	 param;
		int	 key;
	} tilde[] = {
		{ 1, KEY_HOME }, { 7, KEY_HOME }, { 4, KEY_END }, { 8, KEY_END },
		{ 2, KEY_IC }, { 3, KEY_DC }, { 5, KEY_PPAGE },
		{ 6, KEY_NPAGE }, { 11, KEY_F(1) }, { 12, KEY_F(2) },
		{ 13, KEY_F(3) }, { 14, KEY_F(4) }, { 15, KEY_F(5) },
		{ 17, KEY_F(6) }, { 18, KEY_F(7) }, { 19, KEY_F(8) },
		{ 20, KEY_F(9) }, { 21, KEY_F(10) }, { 23, KEY_F(11) },
		{ 24, KEY_F(12) },
	};
	size_t	 i;

	switch (final) {
	case 'A':
		return KEY_UP;
	case 'B':
		return KEY_DOWN;
	case 'C':
		return KEY_RIGHT;
	case 'D':
		return KEY_LEFT;
	case 'H':
		return KEY_HOME;
	case 'F':
		return KEY_END;
	case 'Z':
		return KEY_BTAB;
	case '~':
		for (i = 0; i < sizeof tilde / sizeof tilde[0]; i++) {
			if (tilde[i].param == param)
				return tilde[i].key;
		}
		return 0;
	default:
		return 0;
	}
}

/*
 * After an ESC that curses did not make a key of: the rest of a sequence
 * its terminfo entry does not know (tmux's Home is ESC [ 1 ~ whatever
 * TERM says; vt100 has no Home at all). The common ones become their
 * keys; any other is swallowed whole, never typed into a field. Returns
 * the key (TUI_KEYCODE set), 27 for a plain Esc, or 0 when swallowed.
 */
static int
tui_escape(void)
{
	int	 c, param = 0, nparams = 0, first;

	if ((c = tui_seq_next()) < 0)
		return 27;		/* Esc alone */
	if (c == 'O') {			/* SS3: one character */
		if ((c = tui_seq_next()) < 0)
			return 0;
		switch (c) {
		case 'P': case 'Q': case 'R': case 'S':
			return TUI_KEYCODE | KEY_F(1 + c - 'P');
		case 'A': case 'B': case 'C': case 'D': case 'H': case 'F':
			return TUI_KEYCODE | tui_csi_key(0, c);
		case 'M':
			return '\r';
		default:
			return 0;
		}
	}
	if (c != '[') {
		/* Esc, then a key of its own (Alt-x): Esc, and it after. */
		unget_wch((wchar_t)c);
		return 27;
	}
	if ((first = c = tui_seq_next()) < 0)
		return 0;
	if (c == '[') {			/* linux console: ESC [ [ A is F1 */
		if ((c = tui_seq_next()) >= 'A' && c <= 'E')
			return TUI_KEYCODE | KEY_F(1 + c - 'A');
		return 0;
	}
	if (c == 'M') {			/* an old mouse report: 3 bytes more */
		tui_seq_next();
		tui_seq_next();
		tui_seq_next();
		return 0;
	}
	/* Parameters (digits ; < = > ?) and intermediates, then the final. */
	while (c >= 0x20 && c <= 0x3f) {
		if (c >= '0' && c <= '9' && nparams == 0)
			param = param * 10 + (c - '0');
		else if (c == ';')
			nparams++;
		if ((c = tui_seq_next()) < 0)
			return 0;
	}
	if (c < 0x40 || c > 0x7e || first == '<')
		return 0;
	c = tui_csi_key(param, c);
	return c != 0 ? TUI_KEYCODE | c : 0;
}

/*
 * The next key, as get_wch gives it (OK, KEY_CODE_YES or ERR), with the
 * escape sequences curses left alone made keys or swallowed.
 */
static int
tui_read_key(wint_t *ch)
{
	int	 rc, k;

	for (;;) {
		rc = get_wch(ch);
		if (rc != OK || *ch != 27)
			return rc;
		if ((k = tui_escape()) == 0)
			continue;
		if (k & TUI_KEYCODE) {
			*ch = (wint_t)(k & ~TUI_KEYCODE);
			return KEY_CODE_YES;
		}
		*ch = (wint_t)k;
		return OK;
	}
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
	tui_theme_init();
	/* Redraw at least every second: the clock, and what others did. */
	timeout(1000);
	t.last_key = t.last_tick = tui_clock();
	/* Waiting for another writer: a few seconds, said on the screen. */
	app_busy(a, TUI_BUSY_WAIT, tui_busy, &t);
	/* notify_command is started, never waited for (tui_background). */
	a->notify_async = true;
	tui_show(&t, &tui_login_ops, tui_login_new(NULL));
	tui_message(&t, "%s", a->utf8_forced ? _("No UTF-8 locale in the "
	    "environment (LANG): using C.UTF-8, in English.") : _("Sign in: "
	    "your user name (typed, or picked with the arrows), Enter, your "
	    "password, Enter."));
	for (;;) {
		tui_background(&t);
		tui_draw(&t);
		rc = tui_read_key(&ch);
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
		/* What every screen does alike comes first: help, lock, quit. */
		act = tui_action_of(tui_screen(&t), is_key, ch);
		if (act == TUI_A_HELP || act == TUI_A_LOCK ||
		    act == TUI_A_QUIT) {
			if (tui_global(&t, act))
				goto out;
			continue;
		}
		r = t.ops->key(&t, t.data, is_key, ch);
		if (r == TUI_QUIT || t.quit)
			break;
		if (r != TUI_NOTHING)
			continue;
		if ((act = tui_action_of(tui_screen(&t), is_key, ch)) ==
		    TUI_NONE)
			continue;
		switch (act) {
		case TUI_A_NEW:
			tui_show(&t, &tui_form_ops, tui_form_new());
			break;
		case TUI_A_SEARCH:
			tui_show(&t, &tui_search_ops, tui_search_new());
			break;
		case TUI_A_MINE:
			tui_show(&t, &tui_mine_ops, tui_mine_new());
			break;
		case TUI_A_HANDOVER:
			tui_show(&t, &tui_handover_ops, tui_handover_new(NULL));
			break;
		case TUI_A_REPORTS:
			tui_show(&t, &tui_reports_ops, tui_reports_new());
			break;
		case TUI_A_GOTO:
			tui_goto(&t);
			break;
		default:
			break;
		}
	}
out:
	tui_show(&t, NULL, NULL);
	app_busy(a, 0, NULL, NULL);
	for (i = 0; i < TUI_PARKED; i++) {
		if (t.parked[i].ops != NULL && t.parked[i].ops->free != NULL)
			t.parked[i].ops->free(t.parked[i].data);
		edit_done(&t.parked[i].ask.answer);
	}
	edit_done(&t.ask.answer);
	endwin();
	/* What is still sending is recorded before leaving. */
	if (a->nrunning > 0) {
		fprintf(stderr, _("yujing: waiting for %zu notification(s) to "
		    "finish (at most %llds)\n"), a->nrunning,
		    (long long)a->policy->notify_timeout);
		escalate_reap(a, true, NULL, NULL);
	}
	a->notify_async = false;
	app_logout(a, "quit");
	return 0;
}
