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

/* What a key handler did: the main loop redraws from it. */
enum tui_result {
	TUI_NOTHING,	/* not handled here */
	TUI_HANDLED,	/* handled, the screen is as it was */
	TUI_REDRAW,	/* something changed: draw again */
	TUI_QUIT
};

/* X(id, fkey number or 0, letter or 0, label, help) */
#define TUI_ACTIONS(X)							\
	X(HELP, 1, '?', "Help", "what the keys do")			\
	X(QUIT, 10, 'q', "Quit", "leave yujing (from the queue)")	\
	X(ACK, 0, 'k', "Ack", "incident: acknowledge it at its level")	\
	X(NOTE, 0, 'a', "Note", "incident: add a note")			\
	X(ESCALATE, 0, 'e', "Escalate", "incident: up one level, with a reason")\
	X(RESOLVE, 0, 'r', "Resolve", "incident: resolve it, saying how")	\
	X(REOPEN, 0, 'o', "Reopen", "incident: reopen it, saying why")

#define TUI_ACTION_ENUM(id, f, k, label, help) TUI_A_##id,
enum tui_action {
	TUI_ACTIONS(TUI_ACTION_ENUM)
	TUI_NACTIONS,
	TUI_NONE
};
#undef TUI_ACTION_ENUM

struct tui;

struct tui_view_ops {
	const char	*name;
	/* Draws rows [top, top + rows) of the body. */
	void		(*draw)(struct tui *, void *, int top, int rows,
			    int cols);
	/* A key (is_key: a KEY_* code) before the global actions see it. */
	enum tui_result	(*key)(struct tui *, void *, bool is_key, wint_t ch);
	/* The cursor's place, or false to hide it. */
	bool		(*cursor)(struct tui *, void *, int *y, int *x);
	void		(*free)(void *);
};

/* Runs the screen until the user quits; returns the exit code. */
int	tui_run(struct yj_app *a);

/* For views: the app, the message line, switching view. */
struct yj_app	*tui_app(struct tui *t);
void		 tui_message(struct tui *t, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
void		 tui_show(struct tui *t, const struct tui_view_ops *ops,
		     void *data);

/* The views. */
extern const struct tui_view_ops tui_login_ops;
extern const struct tui_view_ops tui_queue_ops;
extern const struct tui_view_ops tui_incident_ops;
void	*tui_login_new(void);
void	*tui_queue_new(void);
void	*tui_incident_new(int64_t id);

/*
 * Asks for one line of text on the message line; done runs with the text
 * on Enter (not on Esc), and its message is shown after.
 */
typedef void	(*tui_prompt_cb)(struct tui *, void *arg, const char *text);
void	 tui_prompt(struct tui *t, const char *label, tui_prompt_cb done,
	    void *arg);
/* The action a key means (F-key or letter), or TUI_NONE. */
enum tui_action	tui_action_of(bool is_key, wint_t ch);
/* Turns a key into UTF-8 text for an edit; false when it is not text. */
bool	 tui_key_text(bool is_key, wint_t ch, char *out, size_t size);

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

/* Writes s at (y, x) in at most cols columns, never splitting a character. */
void	 tui_put(int y, int x, const char *s, int cols);

#endif
