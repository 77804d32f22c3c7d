/*
 * Display width of UTF-8 text in terminal columns (utf8proc): CJK takes
 * two, combining marks none. Text is measured and cut by columns, never
 * bytes, and a cut never splits a character.
 */
#ifndef YUJING_WIDTH_H
#define YUJING_WIDTH_H

#include <stddef.h>

#include "yujing/buf.h"

/* Columns s takes; invalid bytes count one each. */
size_t	width_str(const char *s);
/* Bytes of the longest prefix of s that fits in cols columns. */
size_t	width_cut(const char *s, size_t cols);
/*
 * Appends s to b in exactly cols columns: cut with "…" when too wide,
 * padded with spaces when narrower.
 */
void	width_pad(struct buf *b, const char *s, size_t cols);
/*
 * The first line of s wrapped to cols columns, by the rules of CJK line
 * breaking: a line may end between two CJK characters or after spaces
 * between words, never before closing punctuation (。，、）」』】》？！：；
 * and ,.!?:;) nor after an opening bracket (（「『【《 and ([{); a word
 * too long for a line is cut. Returns the bytes of the line (spaces at its
 * end left out) and sets *next to where the next line begins (spaces at
 * the break skipped); *next is strlen(s) when all of s fits.
 */
size_t	width_line(const char *s, size_t cols, size_t *next);
/*
 * The byte offsets at which the lines after the first begin when s is
 * wrapped to cols (width_line, line after line): the first max into
 * breaks. Returns how many there are (the number of lines less one),
 * even when more than max.
 */
size_t	width_breaks(const char *s, size_t cols, size_t *breaks, size_t max);

#endif
