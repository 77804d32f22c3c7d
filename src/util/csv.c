#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/buf.h"
#include "yujing/csv.h"
#include "yujing/xmalloc.h"

#define CSV_E_OPEN	"quote left open"
#define CSV_E_AFTER	"text after a closing quote"
#define CSV_E_QUOTE	"quote inside an unquoted field"
#define CSV_E_LONG	"field longer than 64 KiB"
#define CSV_E_MANY	"too many fields"
#define CSV_E_NUL	"NUL byte"

void
csv_reader_init(struct csv_reader *r, const char *data, size_t len)
{
	r->data = data;
	r->len = len;
	r->pos = 0;
	r->line = 1;
	r->fields = NULL;
	r->nfields = 0;
	r->capfields = 0;
	r->record_line = 0;
	r->delim = ',';
	/* Excel's "CSV UTF-8" starts with a BOM; it is not part of a field. */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		r->pos = 3;
}

static void
csv_clear(struct csv_reader *r)
{
	size_t	 i;

	for (i = 0; i < r->nfields; i++)
		free(r->fields[i]);
	r->nfields = 0;
}

void
csv_reader_done(struct csv_reader *r)
{
	csv_clear(r);
	free(r->fields);
	r->fields = NULL;
	r->capfields = 0;
}

/* Saturates rather than overflow on absurdly many lines. */
static void
csv_newline(struct csv_reader *r)
{
	if (r->line < INT_MAX)
		r->line++;
}

/* Is pos at the delimiter, a line end (LF, CRLF, CR at the end) or the end? */
static bool
csv_at_field_end(const struct csv_reader *r)
{
	char	 c;

	if (r->pos >= r->len)
		return true;
	c = r->data[r->pos];
	if (c == r->delim || c == '\n')
		return true;
	return c == '\r' && (r->pos + 1 == r->len || r->data[r->pos + 1] == '\n');
}

/*
 * After a syntax error the quoting is anyone's guess, so resume at the next
 * LF: a stray quote then costs one record, not the rest of the file.
 */
static void
csv_skip_line(struct csv_reader *r)
{
	const char	*nl;

	if (r->pos >= r->len)
		return;
	nl = memchr(r->data + r->pos, '\n', r->len - r->pos);
	if (nl == NULL)
		r->pos = r->len;
	else {
		r->pos = (size_t)(nl - r->data) + 1;
		csv_newline(r);
	}
}

/*
 * Adds to the field being built unless the record is already bad; the
 * length check comes first so a huge field never gets a huge buffer.
 */
static void
csv_keep(struct buf *f, const char *p, size_t n, const char **err)
{
	if (*err != NULL)
		return;
	if (n > CSV_MAX_FIELD - f->len) {
		*err = CSV_E_LONG;
		return;
	}
	buf_add(f, p, n);
}

/* Reads an unquoted field; -1 (reader moved to the next line) on a quote. */
static int
csv_unquoted(struct csv_reader *r, struct buf *f, const char **err)
{
	size_t	 start = r->pos;
	char	 c;

	while (!csv_at_field_end(r)) {
		c = r->data[r->pos];
		if (c == '"') {
			if (*err == NULL)
				*err = CSV_E_QUOTE;
			csv_skip_line(r);
			return -1;
		}
		if (c == '\0' && *err == NULL)
			*err = CSV_E_NUL;
		r->pos++;
	}
	csv_keep(f, r->data + start, r->pos - start, err);
	return 0;
}

/*
 * Reads a quoted field from its opening quote. What is inside is kept byte
 * for byte (CRLF too, as RFC 4180 has it), so writing and reading back
 * gives the same text. Returns -1 on a syntax error, with the reader at the
 * next line, or at the end for an open quote.
 */
static int
csv_quoted(struct csv_reader *r, struct buf *f, const char **err)
{
	size_t	 start;
	char	 c;

	r->pos++;
	for (;;) {
		start = r->pos;
		while (r->pos < r->len && (c = r->data[r->pos]) != '"' &&
		    c != '\0' && c != '\n')
			r->pos++;
		csv_keep(f, r->data + start, r->pos - start, err);
		if (r->pos == r->len) {
			/* It swallowed the rest of the file: say so. */
			*err = CSV_E_OPEN;
			return -1;
		}
		c = r->data[r->pos];
		if (c == '"') {
			if (r->pos + 1 < r->len && r->data[r->pos + 1] == '"') {
				csv_keep(f, "\"", 1, err);
				r->pos += 2;
				continue;
			}
			r->pos++;
			if (csv_at_field_end(r))
				return 0;
			if (*err == NULL)
				*err = CSV_E_AFTER;
			csv_skip_line(r);
			return -1;
		}
		if (c == '\0') {
			if (*err == NULL)
				*err = CSV_E_NUL;
		} else {
			csv_keep(f, "\n", 1, err);
			csv_newline(r);
		}
		r->pos++;
	}
}

static void
csv_push(struct csv_reader *r, char *s)
{
	if (r->nfields == r->capfields) {
		r->capfields = r->capfields != 0 ? r->capfields * 2 : 16;
		r->fields = xreallocarray(r->fields, r->capfields,
		    sizeof *r->fields);
	}
	r->fields[r->nfields++] = s;
}

/* Consumes the delimiter or line end after a field; true after one. */
static bool
csv_next_field(struct csv_reader *r)
{
	if (r->pos >= r->len)
		return false;
	if (r->data[r->pos] == r->delim) {
		r->pos++;
		return true;
	}
	if (r->data[r->pos] == '\r')
		r->pos++;
	if (r->pos < r->len && r->data[r->pos] == '\n') {
		r->pos++;
		csv_newline(r);
	}
	return false;
}

int
csv_read(struct csv_reader *r, const char **why)
{
	const char	*err = NULL;
	struct buf	 f;
	size_t		 p;
	int		 rc;

	csv_clear(r);
	for (;;) {
		p = r->pos;
		while (p < r->len && r->data[p] == '\r')
			p++;
		if (p == r->len) {
			r->pos = p;
			return 0;
		}
		if (r->data[p] != '\n')
			break;
		r->pos = p + 1;
		csv_newline(r);
	}
	r->record_line = r->line;

	/*
	 * A field that is too long or holds a NUL leaves the quoting intact,
	 * so the rest of the record is still parsed (and dropped) to resume
	 * at its true end, even when a quoted field spans lines.
	 */
	buf_init(&f);
	do {
		if (r->pos < r->len && r->data[r->pos] == '"')
			rc = csv_quoted(r, &f, &err);
		else
			rc = csv_unquoted(r, &f, &err);
		if (rc == -1)
			break;
		if (err == NULL && r->nfields == CSV_MAX_FIELDS)
			err = CSV_E_MANY;
		if (err == NULL)
			csv_push(r, buf_steal(&f));
		else
			buf_done(&f);
	} while (csv_next_field(r));
	buf_done(&f);

	if (err != NULL) {
		csv_clear(r);
		if (why != NULL)
			*why = err;
		return -1;
	}
	return 1;
}

/*
 * Leading or trailing spaces would be trimmed by spreadsheets unquoted, and
 * a leading U+FEFF (a zero-width space) would be taken for a BOM.
 */
static bool
csv_needs_quotes(const char *s)
{
	size_t	 n = strlen(s);

	if (n > 0 && (s[0] == ' ' || s[n - 1] == ' '))
		return true;
	if (strncmp(s, "\xef\xbb\xbf", 3) == 0)
		return true;
	return strpbrk(s, ",\"\r\n") != NULL;
}

void
csv_write_field(struct buf *out, const char *s, bool first)
{
	const char	*q;

	if (s == NULL)
		s = "";
	if (!first)
		buf_putc(out, ',');
	/*
	 * An empty first field is quoted too: were it the only one, the
	 * record would be a blank line, which readers skip.
	 */
	if (!csv_needs_quotes(s) && !(first && *s == '\0')) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	while ((q = strchr(s, '"')) != NULL) {
		buf_add(out, s, (size_t)(q - s) + 1);
		buf_putc(out, '"');
		s = q + 1;
	}
	buf_puts(out, s);
	buf_putc(out, '"');
}

void
csv_write_text(struct buf *out, const char *s, bool first)
{
	struct buf	 b;

	if (s == NULL || *s == '\0' || strchr("=+-@\t\r", *s) == NULL) {
		csv_write_field(out, s, first);
		return;
	}
	buf_init(&b);
	buf_putc(&b, '\'');
	buf_puts(&b, s);
	csv_write_field(out, buf_str(&b), first);
	buf_done(&b);
}

void
csv_write_end(struct buf *out)
{
	buf_puts(out, "\r\n");
}

static int
csv_line_of(const char *data, size_t off)
{
	const char	*p = data, *end = data + off, *nl;
	int		 line = 1;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (line < INT_MAX)
			line++;
		p = nl + 1;
	}
	return line;
}

/* data from one encoding to another, appended to out; as csv_from_gbk. */
static int
csv_iconv(const char *to, const char *from, const char *data, size_t len,
    struct buf *out, int *line)
{
	iconv_t		 cd;
	struct buf	 tmp;
	char		 chunk[4096];
	char		*in, *o;
	size_t		 inleft, oleft, n;
	int		 rc = 0;

	cd = iconv_open(to, from);
	if (cd == (iconv_t)-1) {
		/* No converter installed: no line is to blame. */
		*line = 0;
		return -1;
	}
	/* Into tmp first so that out is untouched on failure. */
	buf_init(&tmp);
	in = (char *)data;	/* iconv's prototype lacks the const */
	inleft = len;
	while (inleft > 0) {
		o = chunk;
		oleft = sizeof chunk;
		n = iconv(cd, &in, &inleft, &o, &oleft);
		buf_add(&tmp, chunk, (size_t)(o - chunk));
		if (n == (size_t)-1 && errno != E2BIG) {
			*line = csv_line_of(data, (size_t)(in - data));
			rc = -1;
			break;
		}
	}
	if (rc == 0) {
		/* Flush any shift state (none for GB18030, but it is cheap). */
		o = chunk;
		oleft = sizeof chunk;
		iconv(cd, NULL, NULL, &o, &oleft);
		buf_add(&tmp, chunk, (size_t)(o - chunk));
		buf_add(out, tmp.data != NULL ? tmp.data : "", tmp.len);
	}
	buf_done(&tmp);
	iconv_close(cd);
	return rc;
}

int
csv_from_gbk(const char *data, size_t len, struct buf *out, int *line)
{
	return csv_iconv("UTF-8", "GB18030", data, len, out, line);
}

int
csv_to_gbk(const char *data, size_t len, struct buf *out)
{
	int	 line;

	return csv_iconv("GB18030", "UTF-8", data, len, out, &line);
}
