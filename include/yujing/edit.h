/*
 * A line (or a few lines) of text being edited, as the TUI's forms use
 * it: UTF-8, the cursor moving by grapheme cluster (a CJK character, an
 * emoji with its modifiers), never inside one; Backspace removes a whole
 * one. Display is measured in terminal columns (width.h). No curses here:
 * the TUI draws what edit_view computes.
 */
#ifndef YUJING_EDIT_H
#define YUJING_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "yujing/buf.h"

struct edit {
	struct buf	 text;		/* always valid UTF-8 */
	size_t		 cursor;	/* byte offset, on a cluster boundary */
	size_t		 max;		/* bytes allowed, 0: no limit */
	bool		 multiline;	/* Enter inserts a newline */
	bool		 changed;
};

void	edit_init(struct edit *e, size_t max, bool multiline);
void	edit_done(struct edit *e);
/* Replaces the text; the cursor goes to its end. */
void	edit_set(struct edit *e, const char *s);
const char *edit_text(const struct edit *e);

/*
 * Inserts s (UTF-8; invalid bytes and control characters other than a
 * newline in a multi-line edit are dropped) at the cursor. Returns false
 * when it would pass max (nothing is inserted then).
 */
bool	edit_insert(struct edit *e, const char *s);
/* Removes the cluster before / at the cursor; false when there is none. */
bool	edit_backspace(struct edit *e);
bool	edit_delete(struct edit *e);
/* Cursor moves; each returns false when it cannot move. */
bool	edit_left(struct edit *e);
bool	edit_right(struct edit *e);
void	edit_home(struct edit *e);	/* start of the line */
void	edit_end(struct edit *e);	/* end of the line */
bool	edit_up(struct edit *e);	/* multi-line: the line above, same column */
bool	edit_down(struct edit *e);
/* Removes from the start of the line to the cursor (Ctrl-U). */
void	edit_kill_start(struct edit *e);
/* Removes the word before the cursor (Ctrl-W). */
void	edit_kill_word(struct edit *e);

/*
 * For drawing one line in width columns with the cursor visible: the byte
 * range [*start, *end) of the cursor's line to show, and the cursor's
 * column within it. A wide character that would straddle the edge is left
 * out, never split.
 */
void	edit_view(const struct edit *e, size_t width, size_t *start,
	    size_t *end, size_t *col);

/*
 * A multi-line edit wrapped to width columns (a box that grows): its rows
 * as byte ranges [start, end) of the text, newlines left out. A row is cut
 * after its last space when a word would not fit, else between clusters;
 * a row of text never takes the last column, kept for the cursor. *rows
 * is the caller's to free; the count is returned (at least one), and the
 * cursor's row and column in *crow and *ccol.
 */
struct edit_row {
	size_t	start;
	size_t	end;
};
size_t	edit_wrap(const struct edit *e, size_t width, struct edit_row **rows,
	    size_t *crow, size_t *ccol);
/* The cursor to the wrapped row above / below, near its column. */
bool	edit_wrap_up(struct edit *e, size_t width);
bool	edit_wrap_down(struct edit *e, size_t width);

#endif
