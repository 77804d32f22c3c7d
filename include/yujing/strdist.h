/* Edit distance, for "did you mean" suggestions. */
#ifndef YUJING_STRDIST_H
#define YUJING_STRDIST_H

#include <stddef.h>

/* Levenshtein distance between two strings, counted in bytes. */
size_t	strdist(const char *a, const char *b);
/*
 * The candidate closest to word when it is close enough to be a likely
 * typo, else NULL. The result points into cands.
 */
const char *strdist_suggest(const char *word, const char *const *cands,
	    size_t n);

#endif
