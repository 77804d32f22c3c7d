#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <utf8proc.h>

#include "yujing/utf8.h"

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
