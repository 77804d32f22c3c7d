/*
 * Letters the screens keep for themselves, for any layer to ask about
 * (the policy's loader among them, which may not include the TUI): a
 * category's `key:` picks it on the form's category row, so it must never
 * be a letter that moves or leaves on the other screens (j, k, q), or a
 * duty officer's habit would pick a category by accident.
 *
 * The TUI's own keymap is checked against this list by a unit test
 * (tests/unit/test_keys.c): a letter that moves, or that means help,
 * back, quit or lock on any screen, is here, and nothing else is.
 */
#ifndef YUJING_KEYS_H
#define YUJING_KEYS_H

#include <stdbool.h>
#include <string.h>

/* The lowercase letters no category may take. */
#define KEYS_RESERVED	"jkq"

/* Whether c is one of KEYS_RESERVED. */
static inline bool
keys_reserved(int c)
{
	return c > 0 && c < 0x80 && c != '\0' &&
	    strchr(KEYS_RESERVED, c) != NULL;
}

#endif
