/*
 * Hostile text made harmless (DESIGN §6). On the way in, what cannot be
 * shown safely is refused (safe_check); on the way out, whatever is
 * stored is shown through one sanitiser (safe_add), since a database can
 * be written to around yujing (the sqlite3 shell, an old version).
 */
#ifndef YUJING_SAFE_H
#define YUJING_SAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "yujing/buf.h"
#include "yujing/status.h"

/* What a piece of input is, for safe_check. */
enum safe_kind {
	SAFE_TEXT,	/* free text: new lines, no other control */
	SAFE_NAME	/* a name, number or id: one line, no bidi control */
};

/*
 * Whether s may be stored as kind: at most max bytes, valid UTF-8, no C0
 * control (text: but the new line), no DEL, no C1 control, and in a name
 * no bidi control (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069)
 * nor line or paragraph separator. YJ_BAD_INPUT otherwise, with one line
 * in err naming what (say "the description: a control character (U+001B)
 * at character 5; ...").
 */
enum yj_status	safe_check(const char *what, const char *s, size_t max,
		    enum safe_kind kind, struct yj_error *err);

/* C0 controls, DEL and C1 controls. */
bool	safe_is_control(uint32_t cp);
/* The Bidi_Control characters of Unicode (they reorder what follows). */
bool	safe_is_bidi(uint32_t cp);

/* Flags for safe_add. */
#define SAFE_LINES	0x1	/* output of several lines: keep new lines */

/*
 * Appends s to b with every character a terminal would act on rather
 * than show turned into a visible escape: \t, \r, \n (kept with
 * SAFE_LINES), \x1b for other C0 controls and DEL, \u009b for C1
 * controls, \u202e for bidi controls and the line and paragraph
 * separators, and \xff for a byte that is not UTF-8. Everything else,
 * the backslash included, is copied as it is, so that text already made
 * safe comes out the same.
 */
void	safe_add(struct buf *b, const char *s, int flags);
/* The same as a new string; the caller frees it. NULL gives "". */
char	*safe_dup(const char *s, int flags);
/* The same, written to f. */
void	safe_print(FILE *f, const char *s, int flags);

#endif
