#include "config.h"

#include <stdbool.h>
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

/* Closing punctuation: never at the start of a line (CJK rules). */
static const char width_closing[] =
    "。，、．）」』】》〉〕〗〙〛？！：；…‥·・～’”％）］｝，．！？：；"
    ")]},.!?:;%";
/* Opening brackets: never at the end of a line. */
static const char width_opening[] = "（「『【《〈〔〖〘〚‘“（［｛([{";

/* Whether the character cp is one of set (UTF-8). */
static bool
width_in(const char *set, utf8proc_int32_t cp)
{
	utf8proc_int32_t	 c;
	utf8proc_ssize_t	 n;
	const char		*s;

	for (s = set; *s != '\0'; s += n) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c);
		if (n <= 0)
			return false;
		if (c == cp)
			return true;
	}
	return false;
}

static bool
width_space(utf8proc_int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000;
}

/*
 * Whether a line may end between a and b: after spaces; before or after
 * a wide (CJK) character or CJK punctuation; never before closing
 * punctuation or after an opening bracket; never inside a word.
 */
static bool
width_may_break(utf8proc_int32_t a, utf8proc_int32_t b)
{
	if (width_space(b))
		return false;	/* after the spaces, not before */
	if (width_in(width_closing, b) || width_in(width_opening, a))
		return false;
	if (width_space(a))
		return true;
	return utf8proc_charwidth(a) == 2 || utf8proc_charwidth(b) == 2 ||
	    a >= 0x3000 || b >= 0x3000;
}

/* The code point at s (one byte's worth when invalid) and its length. */
static size_t
width_cp(const char *s, utf8proc_int32_t *cp)
{
	utf8proc_ssize_t	 n;

	n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, cp);
	if (n <= 0) {
		*cp = (unsigned char)*s;
		return 1;
	}
	return (size_t)n;
}

/* The end of s[0..end) without the spaces at its end. */
static size_t
width_trim(const char *s, size_t end)
{
	while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	/* U+3000 is three bytes: E3 80 80. */
	while (end >= 3 && memcmp(s + end - 3, "\xe3\x80\x80", 3) == 0)
		end -= 3;
	return end;
}

/* From off, past any spaces. */
static size_t
width_skip(const char *s, size_t off)
{
	utf8proc_int32_t	 cp;
	size_t			 n;

	while (s[off] != '\0') {
		n = width_cp(s + off, &cp);
		if (!width_space(cp))
			break;
		off += n;
	}
	return off;
}

size_t
width_line(const char *s, size_t cols, size_t *next)
{
	utf8proc_int32_t	 cp, prev = 0;
	size_t			 off = 0, used = 0, n, w, best = 0, best_next = 0;

	while (s[off] != '\0') {
		n = width_next(s + off, &w);
		width_cp(s + off, &cp);
		if (off > 0 && width_may_break(prev, cp)) {
			best = off;
			best_next = off;
		}
		if (used + w > cols)
			break;
		used += w;
		off += n;
		prev = cp;
	}
	if (s[off] == '\0') {
		*next = off;
		return off;
	}
	/* What does not fit starts with spaces: the line ends before them. */
	width_cp(s + off, &cp);
	if (width_space(cp) && off > 0) {
		*next = width_skip(s, off);
		return width_trim(s, off);
	}
	if (best > 0 && width_trim(s, best) > 0) {
		*next = width_skip(s, best_next);
		return width_trim(s, best);
	}
	/* One word longer than the line: cut it, one character at least. */
	if (off == 0)
		off = width_cp(s, &cp);
	*next = off;
	return off;
}

size_t
width_breaks(const char *s, size_t cols, size_t *breaks, size_t max)
{
	size_t	 off = 0, next, count = 0;

	for (;;) {
		width_line(s + off, cols, &next);
		if (s[off + next] == '\0')
			return count;
		off += next;
		if (count < max)
			breaks[count] = off;
		count++;
	}
}
