/*
 * The duty-room screen (curses lives under src/tui/ only). Views are
 * tables of callbacks; one list of actions makes the keys, the
 * function-key bar and the help.
 */
#ifndef YUJING_TUI_H
#define YUJING_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "yujing/app.h"
#include "yujing/i18n.h"

struct buf;
struct store_incident;

/* What a key handler did: the main loop redraws from it. */
enum tui_result {
	TUI_NOTHING,	/* not handled here */
	TUI_HANDLED,	/* handled, the screen is as it was */
	TUI_REDRAW,	/* something changed: draw again */
	TUI_QUIT
};

/* The screens, for saying where a key applies (its help, its action). */
#define TUI_S_LOGIN	0x01
#define TUI_S_QUEUE	0x02
#define TUI_S_INCIDENT	0x04
#define TUI_S_FORM	0x08
#define TUI_S_SEARCH	0x10
#define TUI_S_FILTER	0x20	/* the queue's filter lines (F4) */
#define TUI_S_NARROW	0x40	/* the queue, narrowing as one types (/) */
#define TUI_S_MINE	0x80	/* what waits on the one signed in (m) */
#define TUI_S_PICKER	0x100	/* a short list picked from by typing (escalate) */
#define TUI_S_HANDOVER	0x200	/* the shift's handover (F5) */
#define TUI_S_CHECK	0x400	/* the start-of-shift check */
#define TUI_S_REPORTS	0x800	/* the meeting's numbers (F6) */
#define TUI_S_SIGNED	(TUI_S_QUEUE | TUI_S_INCIDENT | TUI_S_FORM | \
			    TUI_S_SEARCH | TUI_S_FILTER | TUI_S_NARROW | \
			    TUI_S_MINE | TUI_S_PICKER | TUI_S_HANDOVER | \
			    TUI_S_CHECK | TUI_S_REPORTS)
#define TUI_S_ALL	(TUI_S_LOGIN | TUI_S_SIGNED)
/* Where letters are text: an F-key's twin there is a Ctrl key. */
#define TUI_S_TEXT	(TUI_S_LOGIN | TUI_S_FORM | TUI_S_SEARCH | \
			    TUI_S_NARROW | TUI_S_PICKER)

/* An action that moves in a list (or scrolls), or one that does. */
#define TUI_MOVE	1
#define TUI_ACT		0

/*
 * X(id, TUI_MOVE or TUI_ACT, label, help): every action of every screen,
 * movement included (tig's REQ_MOVE_*). The labels and help are marked
 * for translation (N_) and shown through _(). Which key means which
 * action on which screen is TUI_KEYS, in tui.c.
 */
#define TUI_ACTIONS(X)							\
	X(HELP, TUI_ACT, N_("Help"), N_("what the keys do here"))	\
	X(NEW, TUI_ACT, N_("New"), N_("log a new incident"))		\
	X(SAVE, TUI_ACT, N_("Save"), N_("save the report"))		\
	X(SEARCH, TUI_ACT, N_("Search"),				\
	    N_("find incidents by any word, name or student number"))	\
	X(FILTER, TUI_ACT, N_("Filter"), N_("show only some of the queue")) \
	X(NARROW, TUI_ACT, N_("Narrow"),				\
	    N_("narrow the queue by text as you type"))			\
	X(MINE, TUI_ACT, N_("Mine"), N_("what waits on you: at your "	\
	    "rung, or due before your shift ends"))			\
	X(OPEN, TUI_ACT, N_("Open"), N_("open the incident under the cursor")) \
	X(GOTO, TUI_ACT, N_("Go to"), N_("open an incident by its number")) \
	X(SIGN_IN, TUI_ACT, N_("Sign in"),				\
	    N_("on to the password (the user picked), then sign in"))	\
	X(CONTACTED, TUI_ACT, N_("Contacted"),				\
	    N_("record a call: who, and how it went"))			\
	X(ACK, TUI_ACT, N_("Ack"),					\
	    N_("acknowledge it at its rung (asks first, naming whom)"))	\
	X(NOTE, TUI_ACT, N_("Note"), N_("add a note"))			\
	X(ESCALATE, TUI_ACT, N_("Escalate"),				\
	    N_("up a level (or to a chosen one), with a reason"))	\
	X(RESOLVE, TUI_ACT, N_("Resolve"), N_("resolve it, saying how")) \
	X(REOPEN, TUI_ACT, N_("Reopen"), N_("reopen it, saying why"))	\
	X(FOLLOWUP_DONE, TUI_ACT, N_("Follow-up"),			\
	    N_("a follow-up done (its number), and what was done"))	\
	X(TICK, TUI_ACT, N_("Tick"),					\
	    N_("tick (or untick) a checklist item by its number"))	\
	X(NEXT_FIELD, TUI_ACT, N_("Next"), N_("to the next field"))	\
	X(PREV_FIELD, TUI_ACT, N_("Previous"), N_("to the field before")) \
	X(CHOOSE, TUI_ACT, N_("‹ ›"),					\
	    N_("change a choice (‹ value ›); Space ticks an item"))	\
	X(PICK, TUI_ACT, N_("Pick"),					\
	    N_("take the row picked in the list, or go on (a new line "	\
	    "in the description)"))					\
	X(REMOVE, TUI_ACT, N_("Remove"),				\
	    N_("in an empty student box: take the last student off"))	\
	X(ANY, TUI_ACT, N_("Any"), N_("set the filter back to any"))	\
	X(DONE, TUI_ACT, N_("Done"), N_("close these lines, keeping them")) \
	X(CLEAR, TUI_ACT, N_("Clear"), N_("clear the narrowing text"))	\
	X(TEXT_HOME, TUI_ACT, N_("Start"), N_("to the start of the text")) \
	X(TEXT_END, TUI_ACT, N_("End"), N_("to the end of the text"))	\
	X(CANCEL, TUI_ACT, N_("Cancel"),				\
	    N_("put the question away, nothing done"))		\
	X(BACK, TUI_ACT, N_("Back"),					\
	    N_("back to the queue (a changed form asks first)"))	\
	X(HANDOVER, TUI_ACT, N_("Handover"),				\
	    N_("the shift's handover, item by item"))			\
	X(PREPARE, TUI_ACT, N_("Prepare"), N_("put every open incident "	\
	    "on the handover (again: what opened since)"))		\
	X(HANDOVER_NOTE, TUI_ACT, N_("Note"),				\
	    N_("the note for the whole shift"))				\
	X(STABLE, TUI_ACT, N_("Stable"), N_("the item is stable"))	\
	X(WATCH, TUI_ACT, N_("Watch"),					\
	    N_("the item needs watching (carried to the next handover)")) \
	X(UNSTABLE, TUI_ACT, N_("Unstable"), N_("the item is unstable: "	\
	    "the incoming officer reads it back"))			\
	X(ITEM, TUI_ACT, N_("Item"), N_("the next action, who does it, by "	\
	    "when, and if … then"))					\
	X(ACCEPT, TUI_ACT, N_("Accept"), N_("the incoming officer takes "	\
	    "the item over"))						\
	X(QUESTION, TUI_ACT, N_("Question"), N_("ask about the item (the "	\
	    "outgoing officer answers, or it stays open)"))		\
	X(READBACK, TUI_ACT, N_("Read back"),				\
	    N_("say an unstable item back in one line"))		\
	X(ANSWER, TUI_ACT, N_("Answer"),				\
	    N_("the outgoing officer answers a question"))		\
	X(SIGN, TUI_ACT, N_("Sign"), N_("sign the handover (asks first)")) \
	X(INCOMING, TUI_ACT, N_("Other"), N_("the other officer signs in "	\
	    "here with their own password, straight to this"))		\
	X(REPORTS, TUI_ACT, N_("Reports"),				\
	    N_("the meeting's numbers, or your shifts' (a duty officer)")) \
	X(EARLIER, TUI_ACT, N_("Earlier"), N_("the period before"))	\
	X(LATER, TUI_ACT, N_("Later"), N_("the period after"))		\
	X(PERIOD, TUI_ACT, N_("Period"),				\
	    N_("a week, 30 days, the term, a year"))			\
	X(GROUPING, TUI_ACT, N_("Grouping"), N_("by category, severity, "	\
	    "level, department, class, building, hour"))		\
	X(TIMELINESS, TUI_ACT, N_("Timeliness"),			\
	    N_("how quickly each level acknowledged (and back)"))	\
	X(LOCK, TUI_ACT, N_("Lock"), N_("lock the screen now"))	\
	X(QUIT, TUI_ACT, N_("Quit"), N_("leave yujing (asks first)"))	\
	X(MOVE_UP, TUI_MOVE, N_("Up"), N_("the row above"))		\
	X(MOVE_DOWN, TUI_MOVE, N_("Down"), N_("the row below"))	\
	X(PAGE_UP, TUI_MOVE, N_("Page up"), N_("a page up"))		\
	X(PAGE_DOWN, TUI_MOVE, N_("Page down"), N_("a page down"))	\
	X(HOME, TUI_MOVE, N_("First"), N_("the first row of all"))	\
	X(END, TUI_MOVE, N_("Last"), N_("the last row of all"))

#define TUI_ACTION_ENUM(id, kind, label, help) TUI_A_##id,
enum tui_action {
	TUI_ACTIONS(TUI_ACTION_ENUM)
	TUI_NACTIONS,
	TUI_NONE
};
#undef TUI_ACTION_ENUM

/*
 * A key as the keymap holds it: a character (Ctrl-X is 0x18, Enter '\r',
 * Backspace 0x7f, Esc 27), or a curses KEY_* code with TUI_KEYCODE set.
 */
#define TUI_KEYCODE	0x40000000
/* A key bound to an action on some screens (one line of TUI_KEYS). */
struct tui_binding {
	unsigned	 screens;	/* TUI_S_* */
	int		 key;
	enum tui_action	 action;
};
/* The whole keymap, for the help, the F-key bar and the tests. */
const struct tui_binding *tui_bindings(size_t *n);
/* Whether the action moves in a list (TUI_MOVE). */
bool		 tui_action_moves(enum tui_action act);
/* The action's label and help, translated. */
const char	*tui_action_label(enum tui_action act);
const char	*tui_action_help(enum tui_action act);
/* A key as the keymap holds it, from what get_wch said. */
int		 tui_key_of(bool is_key, wint_t ch);
/* The F-key's number (1-12), or 0 when key is no F-key. */
int		 tui_key_fkey(int key);
/* A key's name for the help: "F1", "k", "Ctrl-X", "PgDn" (translated). */
const char	*tui_key_name(int key, char *buf, size_t size);

struct tui;

struct tui_view_ops {
	const char	*name;
	unsigned	 screen;	/* TUI_S_*: which keys apply */
	/* Draws rows [top, top + rows) of the body. */
	void		(*draw)(struct tui *, void *, int top, int rows,
			    int cols);
	/* A key (is_key: a KEY_* code) before the global actions see it. */
	enum tui_result	(*key)(struct tui *, void *, bool is_key, wint_t ch);
	/* The cursor's place, or false to hide it. */
	bool		(*cursor)(struct tui *, void *, int *y, int *x);
	void		(*free)(void *);
	/* A mouse click at (y, x); NULL: clicks do nothing here. */
	enum tui_result	(*click)(struct tui *, void *, int y, int x);
	/* Whether it holds typing not yet saved; NULL: never. */
	bool		(*dirty)(void *);
	/* Which keys apply now (TUI_S_*); NULL: always screen. */
	unsigned	(*screen_now)(void *);
};

/* Runs the screen until the user quits; returns the exit code. */
int	tui_run(struct yj_app *a);

/* For views: the app, the message line, switching view. */
struct yj_app	*tui_app(struct tui *t);
void		 tui_message(struct tui *t, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
void		 tui_show(struct tui *t, const struct tui_view_ops *ops,
		     void *data);
/* As tui_show, but the view shown so far is not freed: its owner took it. */
void		 tui_show_keep(struct tui *t, const struct tui_view_ops *ops,
		     void *data);

/* A message shown at once, before something that may take a while. */
void		 tui_message_now(struct tui *t, const char *s);
/* The message line: whether a message is up; a hint shown when not. */
bool		 tui_has_message(struct tui *t);
void		 tui_hint(struct tui *t, const char *s);
/*
 * Something was written: views read again. Changes from other terminals
 * are noticed by themselves (PRAGMA data_version), every second.
 */
void		 tui_changed(struct tui *t);
/* Goes up with every change seen; views compare it with theirs. */
uint64_t	 tui_generation(struct tui *t);
/* The login view calls this once someone signed in. */
void		 tui_signed_in(struct tui *t);

/* The views. */
extern const struct tui_view_ops tui_login_ops;
extern const struct tui_view_ops tui_queue_ops;
extern const struct tui_view_ops tui_incident_ops;
extern const struct tui_view_ops tui_form_ops;
extern const struct tui_view_ops tui_search_ops;
extern const struct tui_view_ops tui_mine_ops;
/* login: user given when the screen locked (the name is kept), or NULL. */
void	*tui_login_new(const char *user);
void	*tui_queue_new(void);
void	*tui_queue_new_at(int64_t id);	/* with that incident selected */
void	*tui_incident_new(int64_t id);
/*
 * An incident opened from another view (search results): Esc goes back to
 * back_data as it was. The incident view owns back_data from now on (it
 * frees it with back->free when left another way). Show it with
 * tui_show_keep, which does not free the view it replaces.
 */
void	*tui_incident_new_from(int64_t id, const struct tui_view_ops *back,
	    void *back_data);
void	*tui_form_new(void);
void	*tui_search_new(void);
void	*tui_mine_new(void);
/* The handover of a duty (NULL: as handover_duty_now has it). */
extern const struct tui_view_ops tui_handover_ops;
void	*tui_handover_new(const char *duty);
/* The start-of-shift check of a duty. */
extern const struct tui_view_ops tui_check_ops;
void	*tui_check_new(const char *duty);
/*
 * Locks the screen for the other officer (the incoming one, or the
 * outgoing one back to answer), who signs in with their own password
 * and comes straight to the handover of duty; the screen left waits
 * for its officer, as a lock's does.
 */
void	 tui_handover_incoming(struct tui *t, const char *duty);
/* The meeting's numbers (F6). */
extern const struct tui_view_ops tui_reports_ops;
void	*tui_reports_new(void);

/*
 * Asks for one line of text on the message line; done runs with the text
 * on Enter (not on Esc), and its message is shown after.
 */
typedef void	(*tui_prompt_cb)(struct tui *, void *arg, const char *text);
void	 tui_prompt(struct tui *t, const char *label, tui_prompt_cb done,
	    void *arg);
/*
 * Asks a yes-or-no question on the message line: the next key answers,
 * y for yes (yes runs), any other for no (the message no is shown). The
 * screen locking meanwhile makes it void: it is never answered unseen.
 */
typedef void	(*tui_confirm_cb)(struct tui *, void *arg);
void	 tui_confirm(struct tui *t, const char *question, tui_confirm_cb yes,
	    void *arg, const char *no);
/* Leaves the screen once the key being handled is done with. */
void	 tui_quit(struct tui *t);
/* Puts text in the answer of the question just asked, to edit or take. */
void	 tui_prompt_fill(struct tui *t, const char *text);
/* The action a key means (F-key or letter) on a screen, or TUI_NONE. */
enum tui_action	tui_action_of(unsigned screen, bool is_key, wint_t ch);
/* Turns a key into UTF-8 text for an edit; false when it is not text. */
bool	 tui_key_text(bool is_key, wint_t ch, char *out, size_t size);
/*
 * The keys every line of text takes: text, Backspace, Delete, Left,
 * Right, Home, End, Ctrl-A/E/U/W. False when the key is none of them.
 */
struct edit;
bool	 tui_edit_key(struct edit *e, bool is_key, wint_t ch);
/* Draws the visible part of e at (y, x) in cols; returns the cursor's x. */
int	 tui_put_edit(int y, int x, const struct edit *e, int cols);
/* Whether a key is Enter / Esc / Backspace. */
bool	 tui_is_enter(bool is_key, wint_t ch);
bool	 tui_is_esc(bool is_key, wint_t ch);
bool	 tui_is_backspace(bool is_key, wint_t ch);

/*
 * The theme (htop's CRT.c, tig's LINE_INFO): every role a screen draws
 * in, once, with its colours and attributes. X(id, foreground,
 * background, attributes in colour, attributes without). A role that
 * stands out names both colours, so it reads the same on a white and on
 * a black terminal; plain text keeps the terminal's own (pair 0). Without
 * colour (a monochrome terminal, or NO_COLOR set) attributes alone, and a
 * state's mark (tui_mark_char) says the rest.
 */
#define TUI_THEME(X)							\
	X(NORMAL, -1, -1, A_NORMAL, A_NORMAL)				\
	X(TITLE, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)		\
	X(KEYBAR, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)	\
	X(SELECTION, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD) \
	X(OVERDUE, COLOR_RED, COLOR_WHITE, A_BOLD, A_BOLD)		\
	X(SOON, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_UNDERLINE)	\
	X(EMERGENCY, COLOR_WHITE, COLOR_RED, A_BOLD,			\
	    A_BOLD | A_UNDERLINE)					\
	X(BANNER, COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD)	\
	X(ACK, COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_NORMAL)		\
	X(HEADING, -1, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE)	\
	X(HINT, -1, -1, A_DIM, A_DIM)					\
	X(EMPHASIS, -1, -1, A_BOLD, A_BOLD)

#define TUI_ROLE_ENUM(id, fg, bg, attr, mono) TUI_R_##id,
enum tui_role {
	TUI_THEME(TUI_ROLE_ENUM)
	TUI_NROLES
};
#undef TUI_ROLE_ENUM

/* The attributes (colour pair included) a role is drawn with here. */
unsigned int	 tui_role_attr(enum tui_role r);

/*
 * How a row asks to stand out: its role (tui_mark_role) and a mark in its
 * first column that survives monochrome (tui_mark_char).
 */
enum tui_mark {
	TUI_MARK_NONE,
	TUI_MARK_LATE,		/* past its deadline */
	TUI_MARK_SOON,		/* due within 15 minutes */
	TUI_MARK_EMERGENCY,
	TUI_MARK_ACK		/* acknowledged, in time */
};
/* The attributes for a mark on this terminal. */
unsigned int	 tui_mark_attr(struct tui *t, enum tui_mark m);
enum tui_role	 tui_mark_role(enum tui_mark m);
/* The mark's sign: "!" late, "»" soon, "▲" emergency, "·" ack'd, " ". */
const char	*tui_mark_char(enum tui_mark m);

/*
 * The policy's names in the screen's language: name_en (when given) in
 * an English screen, name otherwise (the institution's own words).
 */
const char	*tui_pname(const char *name, const char *name_en);
/*
 * Who or where, in one cell: the students' names, then anyone not on the
 * roster, else the room, else the place in words.
 */
void		tui_who(struct buf *b, const struct store_incident *in);
/* A category's, severity's or rung's (level or office) name by its id. */
const char	*tui_category_name(struct tui *t, const char *id);
const char	*tui_severity_name(struct tui *t, const char *id);
const char	*tui_rung_name(struct tui *t, const char *id);


/*
 * One list for every list (tmux's mode-tree, htop's Panel): the rows come
 * from callbacks, so a list of thousands reads only what is shown. It
 * keeps the selection and the scroll, takes the movement keys of the
 * screen's keymap (arrows, j/k where letters are not text, PgUp/PgDn,
 * Home/End to the first and last row of all), marks the rows hidden above
 * and below ("▲ 3 more"), and always says where it is ("rows 1–18 of 79").
 */
struct tui_list_ops {
	size_t	(*count)(void *arg);
	/* Rows [first, first + n) are about to be drawn: read them; or NULL. */
	void	(*window)(void *arg, size_t first, size_t n);
	/* Draws row i at (y, x) in cols columns (height lines of it). */
	void	(*draw)(void *arg, size_t i, int y, int x, int cols,
		    bool selected);
};

/* What a key did to a list: the view redraws (or reads) only that. */
enum tui_list_change {
	TUI_LIST_NONE,		/* not a key of the list */
	TUI_LIST_SAME,		/* its key, but nothing moved (at an end) */
	TUI_LIST_CURSOR,	/* the selection moved among the rows shown */
	TUI_LIST_SCROLL		/* other rows are shown */
};

struct tui_list {
	const struct tui_list_ops	*ops;
	void				*arg;
	size_t				 sel;		/* the row selected */
	size_t				 top;		/* the first row shown */
	int				 height;	/* lines a row takes */
	bool				 select;	/* false: text, scrolled */
	bool				 capped;	/* count is a limit hit */
	/* Where it was last drawn, for keys and clicks. */
	int				 y, x, rows, cols;
	int				 first_y;	/* the first row's line */
	size_t				 shown;		/* rows that fit */
};

void	tui_list_init(struct tui_list *l, const struct tui_list_ops *ops,
	    void *arg, int height, bool select);
/*
 * Draws the list in rows lines from (y, x): "▲ N more" first when rows
 * are hidden above (in a row's line), the rows, and a line for "▼ N
 * more" and the position. The selection shows only when focused.
 */
void	tui_list_draw(struct tui_list *l, int y, int x, int rows, int cols,
	    bool focused);
/*
 * What tui_list_draw does before drawing: the scroll for rows lines, and
 * the rows to be shown read (a screen that sizes its columns by what
 * they hold calls it first).
 */
void	tui_list_load(struct tui_list *l, int rows);
/* Lines the list takes for n rows (the position line included). */
int	tui_list_lines(const struct tui_list *l, size_t n);
/* A movement key of the screen's keymap; anything else is TUI_LIST_NONE. */
enum tui_list_change tui_list_key(struct tui_list *l, unsigned screen,
	    bool is_key, wint_t ch);
/* One movement action (TUI_A_MOVE_UP ... TUI_A_END). */
enum tui_list_change tui_list_move(struct tui_list *l, enum tui_action act);
/* The row at screen line y (a click), or false. */
bool	tui_list_at(const struct tui_list *l, int y, size_t *row);
/* A click at line y: on no row, or selecting one, or on the selected. */
enum tui_click {
	TUI_CLICK_NONE,
	TUI_CLICK_SELECT,	/* a row now selected */
	TUI_CLICK_OPEN		/* the selected row again: open *row */
};
enum tui_click tui_list_click(struct tui_list *l, int y, size_t *row);
/* Selects row i, scrolled into sight. */
void	tui_list_select(struct tui_list *l, size_t i);
/* After the rows changed: the selection and scroll kept within them. */
void	tui_list_clamp(struct tui_list *l);

/* Writes s at (y, x) in at most cols columns, never splitting a character. */
void	 tui_put(int y, int x, const char *s, int cols);

#endif
