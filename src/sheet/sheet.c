/*
 * What every kind of spreadsheet file shares, and the text kinds: CSV
 * and Excel's "Unicode 文本", their encoding and separator found from
 * the bytes.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yujing/buf.h"
#include "yujing/csv.h"
#include "yujing/diag.h"
#include "yujing/sheet.h"
#include "yujing/utf8.h"
#include "yujing/xmalloc.h"

#define SHEET_SNIFF_LINES	20	/* lines looked at for the separator */

static const char *const sheet_encoding_names[] = {
	[SHEET_ENC_AUTO] = "auto",
	[SHEET_ENC_UTF8] = "UTF-8",
	[SHEET_ENC_GB18030] = "GB18030",
	[SHEET_ENC_UTF16LE] = "UTF-16LE",
	[SHEET_ENC_UTF16BE] = "UTF-16BE",
};

const char *
sheet_encoding_name(enum sheet_encoding e)
{
	return sheet_encoding_names[e];
}

const char *
sheet_format_name(enum sheet_format f)
{
	switch (f) {
	case SHEET_XLSX:
		return "xlsx";
	case SHEET_XLS:
		return "xls";
	default:
		return "text";
	}
}

int
sheet_encoding_parse(const char *s, enum sheet_encoding *e)
{
	if (strcasecmp(s, "utf-8") == 0 || strcasecmp(s, "utf8") == 0)
		*e = SHEET_ENC_UTF8;
	else if (strcasecmp(s, "gbk") == 0 || strcasecmp(s, "gb18030") == 0 ||
	    strcasecmp(s, "gb2312") == 0 || strcasecmp(s, "cp936") == 0)
		*e = SHEET_ENC_GB18030;
	else if (strcasecmp(s, "utf-16") == 0 || strcasecmp(s, "utf16") == 0 ||
	    strcasecmp(s, "utf-16le") == 0)
		*e = SHEET_ENC_UTF16LE;
	else if (strcasecmp(s, "utf-16be") == 0)
		*e = SHEET_ENC_UTF16BE;
	else
		return -1;
	return 0;
}

void
sheet_column_name(size_t col, char out[8])
{
	char	 tmp[8];
	size_t	 n = 0, i;

	col++;
	while (col > 0 && n < sizeof tmp - 1) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

const char *
sheet_cell(const struct sheet_row *r, size_t col)
{
	return col < r->ncells ? r->cells[col] : "";
}

bool
sheet_row_blank(const struct sheet_row *r)
{
	size_t		 i;
	const char	*s;

	for (i = 0; i < r->ncells; i++)
		for (s = r->cells[i]; *s != '\0'; s++)
			if (*s != ' ' && *s != '\t' && *s != '\r' &&
			    *s != '\n')
				return false;
	return true;
}

void
sheet_free(struct sheet *sh)
{
	size_t	 i, j;

	for (i = 0; i < sh->nrows; i++) {
		for (j = 0; j < sh->rows[i].ncells; j++)
			free(sh->rows[i].cells[j]);
		free(sh->rows[i].cells);
		free(sh->rows[i].types);
	}
	free(sh->rows);
	free(sh->name);
	memset(sh, 0, sizeof *sh);
}

/* --- text ------------------------------------------------------------- */

/* Whether data looks like UTF-16 without a BOM: NULs in one half. */
static int
sheet_utf16_guess(const unsigned char *p, size_t len, enum sheet_encoding *e)
{
	size_t	 i, n = len < 4096 ? len : 4096, even = 0, odd = 0;

	if (n < 4)
		return 0;
	for (i = 0; i + 1 < n; i += 2) {
		even += p[i] == 0;
		odd += p[i + 1] == 0;
	}
	/* ASCII-heavy text in UTF-16 has a NUL in every other byte. */
	/* A few NULs the other way: characters such as 一 (U+4E00). */
	if (odd * 4 > n && even * 16 < odd)
		*e = SHEET_ENC_UTF16LE;
	else if (even * 4 > n && odd * 16 < even)
		*e = SHEET_ENC_UTF16BE;
	else
		return 0;
	return 1;
}

/* The line of byte off in UTF-16 text: LFs before it, plus one. */
static int
sheet_utf16_line(const unsigned char *p, size_t off, bool le)
{
	size_t	 i;
	int	 line = 1;

	for (i = 0; i + 1 < off; i += 2)
		if ((le ? p[i] : p[i + 1]) == '\n' && (le ? p[i + 1] :
		    p[i]) == 0 && line < INT32_MAX)
			line++;
	return line;
}

/*
 * UTF-16 to UTF-8, appended to out; -1 with *bad the offset of the first
 * unpaired surrogate or NUL.
 */
static int
sheet_from_utf16(const unsigned char *p, size_t len, bool le, struct buf *out,
    size_t *bad)
{
	uint32_t	 u, lo;
	size_t		 i;
	char		 enc[4];

	for (i = 0; i + 1 < len; i += 2) {
		u = le ? (uint32_t)(p[i] | p[i + 1] << 8) :
		    (uint32_t)(p[i] << 8 | p[i + 1]);
		if (u >= 0xdc00 && u <= 0xdfff)
			goto bad;
		if (u >= 0xd800 && u <= 0xdbff) {
			if (i + 3 >= len)
				goto bad;
			lo = le ? (uint32_t)(p[i + 2] | p[i + 3] << 8) :
			    (uint32_t)(p[i + 2] << 8 | p[i + 3]);
			if (lo < 0xdc00 || lo > 0xdfff)
				goto bad;
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			i += 2;
		}
		if (u == 0)
			goto bad;
		if (u < 0x80) {
			buf_putc(out, (char)u);
			continue;
		}
		if (u < 0x800) {
			enc[0] = (char)(0xc0 | u >> 6);
			enc[1] = (char)(0x80 | (u & 0x3f));
			buf_add(out, enc, 2);
		} else if (u < 0x10000) {
			enc[0] = (char)(0xe0 | u >> 12);
			enc[1] = (char)(0x80 | (u >> 6 & 0x3f));
			enc[2] = (char)(0x80 | (u & 0x3f));
			buf_add(out, enc, 3);
		} else {
			enc[0] = (char)(0xf0 | u >> 18);
			enc[1] = (char)(0x80 | (u >> 12 & 0x3f));
			enc[2] = (char)(0x80 | (u >> 6 & 0x3f));
			enc[3] = (char)(0x80 | (u & 0x3f));
			buf_add(out, enc, 4);
		}
	}
	if (len % 2 != 0) {
		i = len - 1;
		goto bad;
	}
	return 0;
bad:
	*bad = i;
	return -1;
}

/*
 * The separator: of comma, TAB and semicolon, the one outside quotes on
 * the most of the first lines (then the most often); comma when none.
 */
static char
sheet_sniff_delim(const char *s, size_t len)
{
	static const char cand[] = { '\t', ',', ';' };
	size_t	 lines[3] = { 0 }, total[3] = { 0 }, here[3] = { 0 };
	size_t	 i, k, nl = 0, best = 1;
	bool	 quoted = false;

	for (i = 0; i < len && nl < SHEET_SNIFF_LINES; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == '\n') {
			for (k = 0; k < 3; k++) {
				lines[k] += here[k] != 0;
				here[k] = 0;
			}
			nl++;
		} else if (!quoted)
			for (k = 0; k < 3; k++)
				if (s[i] == cand[k]) {
					here[k]++;
					total[k]++;
				}
	}
	for (k = 0; k < 3; k++)
		lines[k] += here[k] != 0;
	for (k = 0; k < 3; k++)
		if (lines[k] > lines[best] || (lines[k] == lines[best] &&
		    total[k] > total[best]))
			best = k;
	return cand[best];
}

/*
 * Whether text that is not valid UTF-8 is still mostly UTF-8: many
 * well-formed sequences of three or four bytes (CJK, in UTF-8) and few
 * bad bytes. GBK text makes few such sequences by chance; a UTF-8 file
 * with one damaged character is told so at its place, not read as GBK.
 */
static bool
sheet_mostly_utf8(const unsigned char *p, size_t len)
{
	size_t	 i = 0, k, n, good = 0, bad = 0;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = p[i] >= 0xc2 && p[i] <= 0xdf ? 2 : p[i] >= 0xe0 &&
		    p[i] <= 0xef ? 3 : p[i] >= 0xf0 && p[i] <= 0xf4 ? 4 : 0;
		for (k = 1; n != 0 && k < n; k++)
			if (i + k >= len || (p[i + k] & 0xc0) != 0x80)
				n = 0;
		if (n == 0) {
			bad++;
			i++;
			continue;
		}
		good += n >= 3;
		i += n;
	}
	return good >= 8 && good >= 4 * bad;
}

/* Text with its encoding found or given, as UTF-8 into out. */
static int
sheet_decode(struct sheet *sh, const unsigned char *p, size_t len,
    enum sheet_encoding enc, struct buf *out, struct diags *d)
{
	enum sheet_encoding	 bom = SHEET_ENC_AUTO;
	size_t			 skip = 0, bad;
	int			 line, col;
	bool			 given = enc != SHEET_ENC_AUTO;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		bom = SHEET_ENC_UTF8;
		skip = 3;
	} else if (len >= 2 && p[0] == 0xff && p[1] == 0xfe) {
		bom = SHEET_ENC_UTF16LE;
		skip = 2;
	} else if (len >= 2 && p[0] == 0xfe && p[1] == 0xff) {
		bom = SHEET_ENC_UTF16BE;
		skip = 2;
	}
	/* A BOM says what the file is; an --encoding against it is wrong. */
	if (bom != SHEET_ENC_AUTO && enc != SHEET_ENC_AUTO && enc != bom &&
	    !(bom == SHEET_ENC_UTF16LE && enc == SHEET_ENC_UTF16BE) &&
	    !(bom == SHEET_ENC_UTF16BE && enc == SHEET_ENC_UTF16LE)) {
		diags_add(d, 0, 0, "the file begins with a %s byte-order "
		    "mark, so it is %s, not %s: leave out --encoding",
		    bom == SHEET_ENC_UTF8 ? "UTF-8" : "UTF-16",
		    bom == SHEET_ENC_UTF8 ? "UTF-8" : "UTF-16",
		    sheet_encoding_name(enc));
		return -1;
	}
	if (bom != SHEET_ENC_AUTO)
		enc = bom;
	p += skip;
	len -= skip;
	if (enc == SHEET_ENC_AUTO) {
		if (utf8_check((const char *)p, len, &line, &col) ||
		    sheet_mostly_utf8(p, len))
			enc = SHEET_ENC_UTF8;
		else if (!sheet_utf16_guess(p, len, &enc))
			enc = SHEET_ENC_GB18030;
	}
	sh->encoding = enc;
	switch (enc) {
	case SHEET_ENC_UTF8:
		if (!utf8_check((const char *)p, len, &line, &col)) {
			if (given)
				diags_add(d, line, col, "not valid UTF-8 "
				    "here: is the file in another encoding? "
				    "(leave out --encoding to have it found)");
			else
				diags_add(d, line, col, "not valid UTF-8 "
				    "here, though the rest is: a character "
				    "was damaged; type it again and save the "
				    "file as UTF-8");
			return -1;
		}
		buf_add(out, (const char *)p, len);
		return 0;
	case SHEET_ENC_UTF16LE:
	case SHEET_ENC_UTF16BE:
		if (sheet_from_utf16(p, len, enc == SHEET_ENC_UTF16LE, out,
		    &bad) != 0) {
			diags_add(d, sheet_utf16_line(p, bad,
			    enc == SHEET_ENC_UTF16LE), 0, "not valid UTF-16 "
			    "here (a NUL, or half of a character)");
			return -1;
		}
		return 0;
	default:
		if (csv_from_gbk((const char *)p, len, out, &line) != 0) {
			if (line == 0)
				diags_add(d, 0, 0, "this system cannot "
				    "convert from GB18030 (iconv has no "
				    "such converter)");
			else if (given)
				diags_add(d, line, 0, "not valid GB18030 "
				    "(GBK) text here: is the file in another "
				    "encoding? (leave out --encoding to have "
				    "it found)");
			else
				diags_add(d, line, 0, "not text in UTF-8, "
				    "GB18030 (GBK) or UTF-16 here, and not an "
				    ".xlsx or .xls workbook: save it from the "
				    "spreadsheet as CSV or .xlsx");
			return -1;
		}
		return 0;
	}
}

int
sheet_read_text(struct sheet *sh, const char *data, size_t len,
    enum sheet_encoding enc, struct diags *d)
{
	struct csv_reader	 r;
	struct buf		 text;
	const char		*why;
	size_t			 i, n;
	int			 rc, ret = 0;

	memset(sh, 0, sizeof *sh);
	sh->format = SHEET_TEXT;
	buf_init(&text);
	if (sheet_decode(sh, (const unsigned char *)data, len, enc, &text,
	    d) != 0) {
		buf_done(&text);
		return -1;
	}
	csv_reader_init(&r, text.data != NULL ? text.data : "", text.len);
	r.delim = sh->delim = sheet_sniff_delim(text.data != NULL ?
	    text.data : "", text.len);
	while ((rc = csv_read(&r, &why)) != 0) {
		if (rc < 0) {
			diags_add(d, r.record_line, 0, "%s", why);
			ret = -1;
			continue;
		}
		if (sh->nrows == SHEET_MAX_ROWS) {
			diags_add(d, r.record_line, 0, "more than %d rows",
			    SHEET_MAX_ROWS);
			ret = -1;
			break;
		}
		sh->rows = xreallocarray(sh->rows, sh->nrows + 1,
		    sizeof *sh->rows);
		/* As the workbooks: a row ends at its last value. */
		for (n = r.nfields; n > 0 && *r.fields[n - 1] == '\0'; n--)
			;
		sh->rows[sh->nrows].line = r.record_line;
		sh->rows[sh->nrows].ncells = n;
		sh->rows[sh->nrows].cells = xcalloc(n + 1, sizeof (char *));
		sh->rows[sh->nrows].types = xcalloc(n + 1, 1);
		for (i = 0; i < n; i++) {
			sh->rows[sh->nrows].cells[i] = xstrdup(r.fields[i]);
			sh->rows[sh->nrows].types[i] = *r.fields[i] != '\0' ?
			    SHEET_STRING : SHEET_EMPTY;
		}
		sh->nrows++;
	}
	csv_reader_done(&r);
	buf_done(&text);
	if (ret != 0) {
		enc = sh->encoding;
		sheet_free(sh);
		sh->format = SHEET_TEXT;
		sh->encoding = enc;
	}
	return ret;
}

/* --- any kind ---------------------------------------------------------- */

int
sheet_read(struct sheet *sh, const void *data, size_t len,
    const struct sheet_opts *o, struct diags *d)
{
	const unsigned char	*p = data;

	memset(sh, 0, sizeof *sh);
	if (len > SHEET_MAX_BYTES) {
		diags_add(d, 0, 0, "file is too large (at most %d MiB)",
		    SHEET_MAX_BYTES / (1024 * 1024));
		return -1;
	}
	if (len == 0) {
		diags_add(d, 0, 0, "empty file: no header row");
		return -1;
	}
	/* A zip (.xlsx) or an OLE2 compound file (.xls), by their magic. */
	if (len >= 4 && memcmp(p, "PK\3\4", 4) == 0) {
		if (o->encoding != SHEET_ENC_AUTO)
			diags_add(d, 0, 0, "an .xlsx workbook has no encoding "
			    "to choose: leave out --encoding");
		else
			return sheet_read_xlsx(sh, data, len, o->sheet, d);
		return -1;
	}
	if (len >= 8 && memcmp(p, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) ==
	    0) {
		if (o->encoding != SHEET_ENC_AUTO)
			diags_add(d, 0, 0, "an .xls workbook has no encoding "
			    "to choose: leave out --encoding");
		else
			return sheet_read_xls(sh, data, len, o->sheet, d);
		return -1;
	}
	if (o->sheet != NULL) {
		diags_add(d, 0, 0, "--sheet is for a workbook (.xlsx, .xls), "
		    "and this is a text file");
		return -1;
	}
	return sheet_read_text(sh, data, len, o->encoding, d);
}
