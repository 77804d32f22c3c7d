/* UTF-8 checks and normalising. */
#ifndef YUJING_UTF8_H
#define YUJING_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Whether s[0..n) is valid UTF-8 with no NUL byte. When not, *line and *col
 * (1-based, col in characters) give the place of the first bad byte.
 */
bool	utf8_check(const char *s, size_t n, int *line, int *col);
/*
 * s in NFKC (full-width digits and letters as ASCII, U+3000 as a space),
 * without spaces at either end and with runs of them inside made one: a
 * new string. NULL when s is not valid UTF-8.
 */
char	*utf8_nfkc(const char *s);

#endif
