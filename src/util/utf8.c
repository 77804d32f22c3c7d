#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <utf8proc.h>

#include "yujing/utf8.h"
#include "yujing/xmalloc.h"

bool
utf8_check(const char *s, size_t n, int *line, int *col)
{
	const utf8proc_uint8_t	*p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t	 cp;
	utf8proc_ssize_t	 len;
	size_t			 off = 0;

	*line = *col = 1;
	while (off < n) {
		len = utf8proc_iterate(p + off, (utf8proc_ssize_t)(n - off), &cp);
		if (len <= 0 || cp == 0)
			return false;
		off += (size_t)len;
		if (cp == '\n') {
			(*line)++;
			*col = 1;
		} else
			(*col)++;
	}
	return true;
}

char *
utf8_nfkc(const char *s)
{
	utf8proc_uint8_t	*n;
	char			*out, *o;
	const char		*p;
	int			 space = 0;

	/*
	 * NFKC (which makes U+3000 and U+00A0 a space), then runs of spaces
	 * made one; a TAB or a line end inside stays, for the caller to
	 * refuse, and at either end goes with the spaces.
	 */
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &n,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_COMPAT) < 0)
		return NULL;
	out = o = xmalloc(strlen((char *)n) + 1);
	for (p = (const char *)n; *p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'; p++)
		;
	for (; *p != '\0'; p++) {
		if (*p == ' ') {
			space = 1;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = *p;
	}
	while (o > out && (o[-1] == ' ' || o[-1] == '\t' || o[-1] == '\r' ||
	    o[-1] == '\n'))
		o--;
	*o = '\0';
	free(n);
	return out;
}
