#include "config.h"

#include <string.h>
#include <sys/types.h>

#include <utf8proc.h>

#include "yujing/buf.h"
#include "yujing/width.h"

/* One character at s: its byte length and its columns. */
static size_t
width_next(const char *s, size_t *cols)
{
	utf8proc_int32_t	 cp;
	utf8proc_ssize_t	 n;
	int			 w;

	n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
	if (n <= 0) {
		*cols = 1;
		return 1;
	}
	w = utf8proc_charwidth(cp);
	*cols = w > 0 ? (size_t)w : 0;
	if (cp < 0x20 || cp == 0x7f)
		*cols = 0;
	return (size_t)n;
}

size_t
width_str(const char *s)
{
	size_t	 total = 0, cols;

	while (*s != '\0') {
		s += width_next(s, &cols);
		total += cols;
	}
	return total;
}

/* The longest prefix of s within cols: its bytes, and its columns in *used. */
static size_t
width_prefix(const char *s, size_t cols, size_t *used)
{
	size_t	 off = 0, n, w;

	*used = 0;
	while (s[off] != '\0') {
		n = width_next(s + off, &w);
		if (*used + w > cols)
			break;
		*used += w;
		off += n;
	}
	return off;
}

size_t
width_cut(const char *s, size_t cols)
{
	size_t	 used;

	return width_prefix(s, cols, &used);
}

void
width_pad(struct buf *b, const char *s, size_t cols)
{
	size_t	 w = width_str(s), cut;

	if (w > cols) {
		if (cols == 0)
			return;
		/* One column for the ellipsis; a wide char may leave a gap. */
		cut = width_prefix(s, cols - 1, &w);
		buf_add(b, s, cut);
		buf_puts(b, "…");
		w++;
	} else
		buf_puts(b, s);
	for (; w < cols; w++)
		buf_putc(b, ' ');
}
