/* The line editor behind the TUI's forms: see include/yujing/edit.h. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <utf8proc.h>

#include "yujing/buf.h"
#include "yujing/edit.h"
#include "yujing/xmalloc.h"

/* Word classes for Ctrl-W. */
enum edit_class {
	EDIT_SPACE,
	EDIT_WORD,	/* letters, digits, marks, '_': a run is one word */
	EDIT_HAN,	/* an ideograph is a word on its own */
	EDIT_PUNCT	/* punctuation and symbols: a run is one word */
};

static utf8proc_int32_t
edit_cp(const struct edit *e, size_t off, size_t *n)
{
	const utf8proc_uint8_t	*p = (const utf8proc_uint8_t *)e->text.data;
	utf8proc_int32_t	 cp;
	utf8proc_ssize_t	 len;

	len = utf8proc_iterate(p + off, (utf8proc_ssize_t)(e->text.len - off),
	    &cp);
	if (len <= 0) {
		/* Cannot happen: the text is kept valid. Step a byte anyway. */
		*n = 1;
		return 0xfffd;
	}
	*n = (size_t)len;
	return cp;
}

/* Columns of one code point, as width_str counts them. */
static size_t
edit_cpwidth(utf8proc_int32_t cp)
{
	int	 w;

	if (cp < 0x20 || cp == 0x7f)
		return 0;
	w = utf8proc_charwidth(cp);
	return w > 0 ? (size_t)w : 0;
}

/*
 * The end of the cluster starting at off, which must be a boundary; its
 * columns in *w when w is not NULL. A newline is always a cluster alone.
 */
static size_t
edit_next(const struct edit *e, size_t off, size_t *w)
{
	utf8proc_int32_t	 prev, cp, state = 0;
	size_t			 n, cols;

	prev = edit_cp(e, off, &n);
	cols = edit_cpwidth(prev);
	off += n;
	while (off < e->text.len) {
		cp = edit_cp(e, off, &n);
		if (utf8proc_grapheme_break_stateful(prev, cp, &state))
			break;
		cols += edit_cpwidth(cp);
		prev = cp;
		off += n;
	}
	if (w != NULL)
		*w = cols;
	return off;
}

static size_t
edit_line_start(const struct edit *e, size_t off)
{
	while (off > 0 && e->text.data[off - 1] != '\n')
		off--;
	return off;
}

static size_t
edit_line_end(const struct edit *e, size_t off)
{
	while (off < e->text.len && e->text.data[off] != '\n')
		off++;
	return off;
}

/*
 * The boundary before off (a boundary, not 0). Clusters are found from
 * the start of the line: only there is the state of, say, a run of flags
 * known.
 */
static size_t
edit_prev(const struct edit *e, size_t off)
{
	size_t	 b, n;

	b = edit_line_start(e, off);
	if (b == off)
		return off - 1;		/* the newline */
	for (;;) {
		n = edit_next(e, b, NULL);
		if (n >= off)
			return b;
		b = n;
	}
}

/* Columns from from to to, both boundaries on one line. */
static size_t
edit_cols(const struct edit *e, size_t from, size_t to)
{
	size_t	 cols = 0, w;

	while (from < to) {
		from = edit_next(e, from, &w);
		cols += w;
	}
	return cols;
}

/* The first boundary of [from, to] at or past col, not inside a cluster. */
static size_t
edit_at_col(const struct edit *e, size_t from, size_t to, size_t col)
{
	size_t	 acc = 0, n, w;

	while (from < to && acc < col) {
		n = edit_next(e, from, &w);
		if (acc + w > col)
			break;
		acc += w;
		from = n;
	}
	return from;
}

/*
 * An edit can join clusters around the cursor (a mark typed before a lone
 * mark, two halves of a flag meeting): move it to the end of its cluster.
 */
static void
edit_snap(struct edit *e)
{
	size_t	 b;

	b = edit_line_start(e, e->cursor);
	while (b < e->cursor)
		b = edit_next(e, b, NULL);
	e->cursor = b;
}

static void
edit_remove(struct edit *e, size_t from, size_t to)
{
	if (from >= to)
		return;
	memmove(e->text.data + from, e->text.data + to, e->text.len - to + 1);
	e->text.len -= to - from;
	e->cursor = from;
	e->changed = true;
	edit_snap(e);
}

/*
 * Appends s to out without invalid bytes and control characters; line
 * breaks become '\n' when multiline and go otherwise, a tab a space.
 */
static void
edit_clean(const struct edit *e, const char *s, struct buf *out)
{
	const utf8proc_uint8_t	*p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t	 cp;
	utf8proc_ssize_t	 n;
	size_t			 len = strlen(s), off = 0, at;

	while (off < len) {
		at = off;
		n = utf8proc_iterate(p + off, (utf8proc_ssize_t)(len - off), &cp);
		if (n <= 0) {
			off++;
			continue;
		}
		off += (size_t)n;
		if (cp == '\r' && off < len && s[off] == '\n')
			off++;
		if (cp == '\r' || cp == '\n' || cp == 0x2028 || cp == 0x2029) {
			if (e->multiline)
				buf_putc(out, '\n');
		} else if (cp == '\t')
			buf_putc(out, ' ');
		else if (utf8proc_category(cp) != UTF8PROC_CATEGORY_CC)
			buf_add(out, s + at, (size_t)n);
	}
}

static enum edit_class
edit_class(const struct edit *e, size_t off)
{
	utf8proc_int32_t	 cp;
	size_t			 n;

	cp = edit_cp(e, off, &n);
	if ((cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff) ||
	    cp == 0x3007)
		return EDIT_HAN;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
		return EDIT_SPACE;
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_PC:
		return EDIT_WORD;
	default:
		return EDIT_PUNCT;
	}
}

void
edit_init(struct edit *e, size_t max, bool multiline)
{
	buf_init(&e->text);
	e->cursor = 0;
	e->max = max;
	e->multiline = multiline;
	e->changed = false;
}

void
edit_done(struct edit *e)
{
	buf_done(&e->text);
	e->cursor = 0;
}

/*
 * Loading a value is not an edit, so changed is cleared. Text past max is
 * cut at the last whole cluster that fits.
 */
void
edit_set(struct edit *e, const char *s)
{
	size_t	 b, n;

	e->text.len = 0;
	if (e->text.data != NULL)
		e->text.data[0] = '\0';
	edit_clean(e, s, &e->text);
	if (e->max != 0 && e->text.len > e->max) {
		b = 0;
		while ((n = edit_next(e, b, NULL)) <= e->max)
			b = n;
		e->text.len = b;
		e->text.data[b] = '\0';
	}
	e->cursor = e->text.len;
	e->changed = false;
}

const char *
edit_text(const struct edit *e)
{
	return buf_str(&e->text);
}

bool
edit_insert(struct edit *e, const char *s)
{
	struct buf	 clean;
	size_t		 old = e->text.len, c = e->cursor;

	buf_init(&clean);
	edit_clean(e, s, &clean);
	if (clean.len == 0) {
		buf_done(&clean);
		return true;
	}
	if (e->max != 0 && (clean.len > e->max || old > e->max - clean.len)) {
		buf_done(&clean);
		return false;
	}
	/* Grow by clean.len, then open the gap at the cursor. */
	buf_add(&e->text, clean.data, clean.len);
	memmove(e->text.data + c + clean.len, e->text.data + c, old - c);
	memcpy(e->text.data + c, clean.data, clean.len);
	e->cursor = c + clean.len;
	e->changed = true;
	edit_snap(e);
	buf_done(&clean);
	return true;
}

bool
edit_backspace(struct edit *e)
{
	if (e->cursor == 0)
		return false;
	edit_remove(e, edit_prev(e, e->cursor), e->cursor);
	return true;
}

bool
edit_delete(struct edit *e)
{
	size_t	 c = e->cursor;

	if (c >= e->text.len)
		return false;
	edit_remove(e, c, edit_next(e, c, NULL));
	return true;
}

bool
edit_left(struct edit *e)
{
	if (e->cursor == 0)
		return false;
	e->cursor = edit_prev(e, e->cursor);
	return true;
}

bool
edit_right(struct edit *e)
{
	if (e->cursor >= e->text.len)
		return false;
	e->cursor = edit_next(e, e->cursor, NULL);
	return true;
}

void
edit_home(struct edit *e)
{
	e->cursor = edit_line_start(e, e->cursor);
}

void
edit_end(struct edit *e)
{
	e->cursor = edit_line_end(e, e->cursor);
}

/* No goal column is kept: the struct has no room, so each step measures. */
bool
edit_up(struct edit *e)
{
	size_t	 ls, col, pls;

	ls = edit_line_start(e, e->cursor);
	if (ls == 0)
		return false;
	col = edit_cols(e, ls, e->cursor);
	pls = edit_line_start(e, ls - 1);
	e->cursor = edit_at_col(e, pls, ls - 1, col);
	return true;
}

bool
edit_down(struct edit *e)
{
	size_t	 ls, le, col;

	le = edit_line_end(e, e->cursor);
	if (le >= e->text.len)
		return false;
	ls = edit_line_start(e, e->cursor);
	col = edit_cols(e, ls, e->cursor);
	e->cursor = edit_at_col(e, le + 1, edit_line_end(e, le + 1), col);
	return true;
}

void
edit_kill_start(struct edit *e)
{
	edit_remove(e, edit_line_start(e, e->cursor), e->cursor);
}

/*
 * Spaces before the cursor go with the word before them. At the start of a
 * line only the newline goes, as Backspace would: a word on the line above
 * is out of sight of the user.
 */
void
edit_kill_word(struct edit *e)
{
	enum edit_class	 class, last = EDIT_SPACE;
	size_t		 ls, b, start;
	bool		 gap = false;

	ls = edit_line_start(e, e->cursor);
	if (ls == e->cursor) {
		if (ls > 0)
			edit_remove(e, ls - 1, ls);
		return;
	}
	start = ls;
	for (b = ls; b < e->cursor; b = edit_next(e, b, NULL)) {
		class = edit_class(e, b);
		if (class == EDIT_SPACE) {
			gap = true;
			continue;
		}
		if (gap || class != last || class == EDIT_HAN)
			start = b;
		last = class;
		gap = false;
	}
	edit_remove(e, start, e->cursor);
}

/*
 * Without the last scroll position, the window is a function of the cursor:
 * from the line start while the cursor fits, else ending just past the
 * cursor's cluster, so scrolling right keeps the cursor at the right edge.
 */
void
edit_view(const struct edit *e, size_t width, size_t *start, size_t *end,
    size_t *col)
{
	size_t	 ls, le, c = e->cursor, need, cc, b, n, w, acc;

	ls = edit_line_start(e, c);
	le = edit_line_end(e, c);
	/* The cursor's cell: its whole cluster, or one free column at the end. */
	need = 1;
	if (c < le) {
		edit_next(e, c, &need);
		if (need == 0)
			need = 1;
	}
	if (need > width) {
		*start = *end = c;
		*col = 0;
		return;
	}
	cc = edit_cols(e, ls, c);
	b = ls;
	while (cc + need > width) {
		b = edit_next(e, b, &w);
		cc -= w;
	}
	*start = b;
	*col = cc;
	acc = 0;
	while (b < le) {
		n = edit_next(e, b, &w);
		if (acc + w > width)
			break;
		acc += w;
		b = n;
	}
	*end = b;
}

/* --- wrapped to a box ---------------------------------------------------- */

/*
 * Punctuation that closes (。，、）」 and the like, ASCII too): never the
 * first thing on a wrapped row, as CJK typesetting has it.
 */
static bool
edit_nostart(const struct edit *e, size_t off)
{
	static const utf8proc_int32_t closers[] = {
		0x3001, 0x3002, 0xff0c, 0xff0e, 0xff1a, 0xff1b, 0xff01, 0xff1f,
		0xff09, 0x300d, 0x300f, 0x3011, 0x300b, 0x3009, 0x3015, 0xff3d,
		0xff5d, 0x201d, 0x2019, 0x2026, ')', ']', '}', ',', '.', ';',
		':', '!', '?'
	};
	utf8proc_int32_t	 cp;
	size_t			 n, i;

	cp = edit_cp(e, off, &n);
	for (i = 0; i < sizeof closers / sizeof closers[0]; i++) {
		if (cp == closers[i])
			return true;
	}
	return false;
}

static void
edit_row_add(struct edit_row **rows, size_t *n, size_t start, size_t end)
{
	*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
	(*rows)[*n].start = start;
	(*rows)[*n].end = end;
	(*n)++;
}

/* Whether row i goes on in the next (it was cut, not ended by a newline). */
static bool
edit_row_cut(const struct edit_row *rows, size_t n, size_t i)
{
	return i + 1 < n && rows[i + 1].start == rows[i].end;
}

size_t
edit_wrap(const struct edit *e, size_t width, struct edit_row **rows,
    size_t *crow, size_t *ccol)
{
	size_t	 avail = width > 1 ? width - 1 : 1, n = 0, off = 0, ls, le;
	size_t	 s, b, nx, w, acc, brk, end, i, c = e->cursor;
	bool	 space;

	*rows = NULL;
	for (;;) {
		ls = off;
		le = edit_line_end(e, ls);
		s = ls;
		do {
			acc = 0;
			brk = s;
			for (b = s; b < le; b = nx) {
				nx = edit_next(e, b, &w);
				/* A cluster wider than the box still goes. */
				if (acc + w > avail && b > s)
					break;
				acc += w;
				space = e->text.data[b] == ' ';
				if (space)
					brk = nx;
			}
			end = b;
			/* A word that does not fit goes to the next row. */
			if (b < le && brk > s)
				end = brk;
			/* Closing punctuation takes what it closes along. */
			while (end < le && end == b && edit_nostart(e, end) &&
			    (nx = edit_prev(e, end)) > s)
				end = b = nx;
			edit_row_add(rows, &n, s, end);
			s = end;
		} while (s < le);
		if (le >= e->text.len)
			break;
		off = le + 1;
	}
	*crow = n - 1;
	for (i = 0; i < n; i++) {
		if (c >= (*rows)[i].start && (c < (*rows)[i].end ||
		    (c == (*rows)[i].end && !edit_row_cut(*rows, n, i)))) {
			*crow = i;
			break;
		}
	}
	*ccol = edit_cols(e, (*rows)[*crow].start, c);
	return n;
}

/* The cursor to row 'to' of rows, at col or before it. */
static void
edit_wrap_to(struct edit *e, const struct edit_row *rows, size_t n,
    size_t to, size_t col)
{
	size_t	 pos;

	pos = edit_at_col(e, rows[to].start, rows[to].end, col);
	/* The end of a row cut short is the start of the next one. */
	if (pos == rows[to].end && pos > rows[to].start &&
	    edit_row_cut(rows, n, to))
		pos = edit_prev(e, pos);
	e->cursor = pos;
}

bool
edit_wrap_up(struct edit *e, size_t width)
{
	struct edit_row	*rows;
	size_t		 n, row, col;
	bool		 moved = false;

	n = edit_wrap(e, width, &rows, &row, &col);
	if (row > 0) {
		edit_wrap_to(e, rows, n, row - 1, col);
		moved = true;
	}
	free(rows);
	return moved;
}

bool
edit_wrap_down(struct edit *e, size_t width)
{
	struct edit_row	*rows;
	size_t		 n, row, col;
	bool		 moved = false;

	n = edit_wrap(e, width, &rows, &row, &col);
	if (row + 1 < n) {
		edit_wrap_to(e, rows, n, row + 1, col);
		moved = true;
	}
	free(rows);
	return moved;
}
