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

/* What a key handler did: the main loop redraws from it. */
enum tui_result {
	TUI_NOTHING,	/* not handled here */
	TUI_HANDLED,	/* handled, the screen is as it was */
	TUI_REDRAW,	/* something changed: draw again */
	TUI_QUIT
};

/* The screens, for saying where an action applies (its help, its key). */
#define TUI_S_LOGIN	0x01
#define TUI_S_QUEUE	0x02
#define TUI_S_INCIDENT	0x04
#define TUI_S_FORM	0x08
#define TUI_S_SEARCH	0x10
#define TUI_S_SIGNED	(TUI_S_QUEUE | TUI_S_INCIDENT | TUI_S_FORM | \
			    TUI_S_SEARCH)
#define TUI_S_ALL	(TUI_S_LOGIN | TUI_S_SIGNED)

/*
 * X(id, fkey number or 0, letter or 0, screens, label, help). The labels
 * and help are marked for translation (N_) and shown through _().
 */
#define TUI_ACTIONS(X)							\
	X(HELP, 1, '?', TUI_S_ALL, N_("Help"), N_("what the keys do here")) \
	X(NEW, 2, 'n', TUI_S_QUEUE | TUI_S_INCIDENT | TUI_S_SEARCH,	\
	    N_("New"), N_("log a new incident"))			\
	X(SAVE, 2, 0, TUI_S_FORM, N_("Save"),				\
	    N_("save the report (Ctrl-X too)"))				\
	X(SEARCH, 3, 's', TUI_S_QUEUE | TUI_S_INCIDENT, N_("Search"),	\
	    N_("find incidents by any word, name or student number"))	\
	X(FILTER, 4, 'f', TUI_S_QUEUE, N_("Filter"),			\
	    N_("show only some of the queue"))				\
	X(NARROW, 0, '/', TUI_S_QUEUE, N_("Narrow"),			\
	    N_("narrow the queue by text as you type"))			\
	X(OPEN, 0, 0, TUI_S_QUEUE | TUI_S_SEARCH, N_("Enter"),		\
	    N_("open the incident under the cursor"))			\
	X(CONTACTED, 0, 'c', TUI_S_INCIDENT, N_("Contacted"),		\
	    N_("record a call: who, and how it went"))			\
	X(ACK, 0, 'k', TUI_S_INCIDENT, N_("Ack"),			\
	    N_("acknowledge it at its level"))				\
	X(NOTE, 0, 'a', TUI_S_INCIDENT, N_("Note"), N_("add a note"))	\
	X(ESCALATE, 0, 'e', TUI_S_INCIDENT, N_("Escalate"),		\
	    N_("up a level (or to a chosen one), with a reason"))	\
	X(RESOLVE, 0, 'r', TUI_S_INCIDENT, N_("Resolve"),		\
	    N_("resolve it, saying how"))				\
	X(REOPEN, 0, 'o', TUI_S_INCIDENT, N_("Reopen"),			\
	    N_("reopen it, saying why"))				\
	X(TICK, 0, 'x', TUI_S_INCIDENT, N_("Tick"),			\
	    N_("tick (or untick) a checklist item by its number"))	\
	X(BACK, 0, 'q', TUI_S_INCIDENT | TUI_S_SEARCH | TUI_S_FORM,	\
	    N_("Esc"), N_("back to the queue (a changed form asks first)")) \
	X(LOCK, 9, 'L', TUI_S_SIGNED, N_("Lock"),			\
	    N_("lock the screen now (F9 only in a form)"))		\
	X(QUIT, 10, 'q', TUI_S_ALL, N_("Quit"),				\
	    N_("leave yujing (asks when a form has changes)"))

#define TUI_ACTION_ENUM(id, f, k, sc, label, help) TUI_A_##id,
enum tui_action {
	TUI_ACTIONS(TUI_ACTION_ENUM)
	TUI_NACTIONS,
	TUI_NONE
};
#undef TUI_ACTION_ENUM

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
};

/* Runs the screen until the user quits; returns the exit code. */
int	tui_run(struct yj_app *a);

/* For views: the app, the message line, switching view. */
struct yj_app	*tui_app(struct tui *t);
void		 tui_message(struct tui *t, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
void		 tui_show(struct tui *t, const struct tui_view_ops *ops,
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
/* login: user given when the screen locked (the name is kept), or NULL. */
void	*tui_login_new(const char *user);
void	*tui_queue_new(void);
void	*tui_queue_new_at(int64_t id);	/* with that incident selected */
void	*tui_incident_new(int64_t id);
void	*tui_form_new(void);
void	*tui_search_new(void);

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
 * How a row asks to stand out. With colour: red, yellow; without (a
 * monochrome terminal, or NO_COLOR set): bold, and plain.
 */
enum tui_mark {
	TUI_MARK_NONE,
	TUI_MARK_LATE,		/* past its deadline */
	TUI_MARK_SOON,		/* due within 15 minutes */
	TUI_MARK_EMERGENCY
};
/* The attributes for a mark on this terminal. */
int	 tui_mark_attr(struct tui *t, enum tui_mark m);

/*
 * The policy's names in the screen's language: name_en (when given) in
 * an English screen, name otherwise (the institution's own words).
 */
const char	*tui_pname(const char *name, const char *name_en);
/* A category's, severity's or rung's (level or office) name by its id. */
const char	*tui_category_name(struct tui *t, const char *id);
const char	*tui_severity_name(struct tui *t, const char *id);
const char	*tui_rung_name(struct tui *t, const char *id);

/* Writes s at (y, x) in at most cols columns, never splitting a character. */
void	 tui_put(int y, int x, const char *s, int cols);

#endif
