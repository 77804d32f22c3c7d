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

#endif
