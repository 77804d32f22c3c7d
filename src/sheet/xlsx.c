/*
 * An .xlsx workbook (Office Open XML, ECMA-376): a zip of XML parts, read
 * with libzip from memory and libxml2's stream reader, never a tree, so
 * that a sheet of a million rows costs its cells and no more. The parts
 * read: the workbook (the sheets' names), its relationships (where each
 * sheet is), the shared strings, the styles (which number formats are
 * dates), and the one sheet asked for.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "yujing/buf.h"
#include "yujing/diag.h"
#include "yujing/sheet.h"
#include "yujing/xmalloc.h"

#define XLSX_MAX_PART	(1024LL * 1024 * 1024)	/* bytes of XML, unzipped */
#define XLSX_MAX_STRINGS (16 * 1024 * 1024)
#define XLSX_MAX_MERGES	65536

/* One part being read: its zip entry, and how much came out of it. */
struct xlsx_part {
	zip_file_t	*zf;
	long long	 read;
	int		 too_big;
};

struct xlsx_sheet_ref {
	char	*name;
	char	*rid;
	int	 hidden;
};

struct xlsx_merge {
	size_t	 r1, c1, r2, c2;	/* 0-based, inclusive */
};

struct xlsx {
	zip_t			*zip;
	struct diags		*d;
	char			*part;		/* being read, for messages */
	struct xlsx_sheet_ref	*sheets;
	size_t			 nsheets;
	int			 date1904;
	char			**strings;
	size_t			 nstrings;
	size_t			 text;		/* bytes of cell text so far */
	unsigned char		*xf_date;	/* each style's: XLSX_DATE... */
	unsigned char		*xf_pad;	/* its digits when 000000 */
	size_t			 nxf;
	struct xlsx_merge	*merges;
	size_t			 nmerges;
	char			*sheet_path;
	char			*strings_path;
	char			*styles_path;
};

static int
xlsx_io_read(void *ctx, char *out, int len)
{
	struct xlsx_part	*p = ctx;
	zip_int64_t		 n;

	if (p->read >= XLSX_MAX_PART) {
		p->too_big = 1;
		return -1;
	}
	n = zip_fread(p->zf, out, (zip_uint64_t)len);
	if (n < 0)
		return -1;
	p->read += n;
	return (int)n;
}

static int
xlsx_io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static void
xlsx_no_errors(void *arg, const char *msg, xmlParserSeverities sev,
    xmlTextReaderLocatorPtr loc)
{
	(void)arg;
	(void)msg;
	(void)sev;
	(void)loc;
}

/* A part opened for reading; NULL when absent (after a message if must). */
static xmlTextReaderPtr
xlsx_open(struct xlsx *x, const char *path, struct xlsx_part *p, int must)
{
	xmlTextReaderPtr	 r;

	memset(p, 0, sizeof *p);
	free(x->part);
	x->part = xstrdup(path);
	if ((p->zf = zip_fopen(x->zip, path, 0)) == NULL) {
		if (must)
			diags_add(x->d, 0, 0, "not an .xlsx workbook: it has "
			    "no %s (is it another kind of zip file?)", path);
		return NULL;
	}
	/*
	 * No network, no DTD loaded, no entity expanded (NOENT is not
	 * given): a part is data, never instructions.
	 */
	r = xmlReaderForIO(xlsx_io_read, xlsx_io_close, p, path, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (r == NULL) {
		zip_fclose(p->zf);
		diags_add(x->d, 0, 0, "cannot read the workbook's %s", path);
		return NULL;
	}
	xmlTextReaderSetErrorHandler(r, xlsx_no_errors, NULL);
	return r;
}

/*
 * Closes a part; -1 after a message when it ended badly (below -1: the
 * message was given already).
 */
static int
xlsx_close(struct xlsx *x, xmlTextReaderPtr r, struct xlsx_part *p, int rc)
{
	if (rc == -1 && p->too_big)
		diags_add(x->d, 0, 0, "the workbook's %s is larger than %lld "
		    "MiB unpacked", x->part, XLSX_MAX_PART / (1024 * 1024));
	else if (rc == -1)
		diags_add(x->d, 0, 0, "the workbook's %s is damaged (not "
		    "well-formed XML near line %d): save the file again from "
		    "the spreadsheet", x->part,
		    xmlTextReaderGetParserLineNumber(r));
	xmlFreeTextReader(r);
	zip_fclose(p->zf);
	return rc < 0 ? -1 : 0;
}

static int
xlsx_is(xmlTextReaderPtr r, const char *name)
{
	const xmlChar	*n = xmlTextReaderConstLocalName(r);

	return n != NULL && strcmp((const char *)n, name) == 0;
}

/* An attribute by its local name, whatever its prefix; NULL if none. */
static char *
xlsx_attr(xmlTextReaderPtr r, const char *name)
{
	char	*v = NULL;

	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		if (xlsx_is(r, name)) {
			v = xstrdup((const char *)xmlTextReaderConstValue(r));
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return v;
}

/* A DTD in a part is refused: no writer of workbooks makes one. */
static int
xlsx_step(struct xlsx *x, xmlTextReaderPtr r)
{
	int	 rc = xmlTextReaderRead(r);

	if (rc == 1 && xmlTextReaderNodeType(r) ==
	    XML_READER_TYPE_DOCUMENT_TYPE) {
		diags_add(x->d, 0, 0, "the workbook's %s declares a DTD, "
		    "which no spreadsheet writes: refused", x->part);
		return -2;
	}
	return rc;
}

/* --- the workbook and where its parts are -------------------------------- */

static int
xlsx_workbook(struct xlsx *x)
{
	struct xlsx_part	 p;
	xmlTextReaderPtr	 r;
	char			*v;
	int			 rc;

	if ((r = xlsx_open(x, "xl/workbook.xml", &p, 1)) == NULL)
		return -1;
	while ((rc = xlsx_step(x, r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		if (xlsx_is(r, "workbookPr")) {
			v = xlsx_attr(r, "date1904");
			x->date1904 = v != NULL && (strcmp(v, "1") == 0 ||
			    strcmp(v, "true") == 0);
			free(v);
		} else if (xlsx_is(r, "sheet") && x->nsheets < 4096) {
			x->sheets = xreallocarray(x->sheets, x->nsheets + 1,
			    sizeof *x->sheets);
			x->sheets[x->nsheets].name = xlsx_attr(r, "name");
			x->sheets[x->nsheets].rid = xlsx_attr(r, "id");
			v = xlsx_attr(r, "state");
			x->sheets[x->nsheets].hidden = v != NULL &&
			    strcmp(v, "visible") != 0;
			free(v);
			if (x->sheets[x->nsheets].name == NULL)
				x->sheets[x->nsheets].name = xstrdup("");
			x->nsheets++;
		}
	}
	return xlsx_close(x, r, &p, rc);
}

/* A relationship's target as a path in the zip (relative to xl/). */
static char *
xlsx_target(const char *t)
{
	struct buf	 b;

	buf_init(&b);
	if (*t == '/')
		buf_puts(&b, t + 1);
	else {
		buf_puts(&b, "xl/");
		buf_puts(&b, t);
	}
	return buf_steal(&b);
}

static int
xlsx_rels(struct xlsx *x, const char *rid)
{
	struct xlsx_part	 p;
	xmlTextReaderPtr	 r;
	char			*id, *type, *target;
	size_t			 n;
	int			 rc;

	if ((r = xlsx_open(x, "xl/_rels/workbook.xml.rels", &p, 1)) == NULL)
		return -1;
	while ((rc = xlsx_step(x, r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    !xlsx_is(r, "Relationship"))
			continue;
		id = xlsx_attr(r, "Id");
		type = xlsx_attr(r, "Type");
		target = xlsx_attr(r, "Target");
		if (id != NULL && type != NULL && target != NULL) {
			n = strlen(type);
			if (rid != NULL && strcmp(id, rid) == 0 &&
			    x->sheet_path == NULL)
				x->sheet_path = xlsx_target(target);
			else if (n >= 14 && strcmp(type + n - 14,
			    "/sharedStrings") == 0 && x->strings_path == NULL)
				x->strings_path = xlsx_target(target);
			else if (n >= 7 && strcmp(type + n - 7, "/styles") ==
			    0 && x->styles_path == NULL)
				x->styles_path = xlsx_target(target);
		}
		free(id);
		free(type);
		free(target);
	}
	return xlsx_close(x, r, &p, rc);
}

/* --- shared strings and styles -------------------------------------------- */

/*
 * The text of a rich or plain string (<si>, <is>): every <t> but those of
 * phonetic runs (<rPh>, the reading shown above the text), up to the end
 * of the element the reader is on.
 */
static int
xlsx_string(struct xlsx *x, xmlTextReaderPtr r, struct buf *b)
{
	int	 depth = xmlTextReaderDepth(r), in_t = 0, in_rph = 0, rc, type;

	if (xmlTextReaderIsEmptyElement(r))
		return 1;
	while ((rc = xlsx_step(x, r)) == 1) {
		type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(r) == depth)
			break;
		if (type == XML_READER_TYPE_ELEMENT) {
			if (xlsx_is(r, "rPh") &&
			    !xmlTextReaderIsEmptyElement(r))
				in_rph = 1;
			else if (xlsx_is(r, "t") &&
			    !xmlTextReaderIsEmptyElement(r))
				in_t = 1;
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (xlsx_is(r, "rPh"))
				in_rph = 0;
			else if (xlsx_is(r, "t"))
				in_t = 0;
		} else if ((type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
		    type == XML_READER_TYPE_CDATA) && in_t && !in_rph)
			buf_puts(b, (const char *)xmlTextReaderConstValue(r));
	}
	return rc;
}

static int
xlsx_strings(struct xlsx *x)
{
	struct xlsx_part	 p;
	xmlTextReaderPtr	 r;
	struct buf		 b;
	int			 rc;

	if (x->strings_path == NULL)
		x->strings_path = xstrdup("xl/sharedStrings.xml");
	if ((r = xlsx_open(x, x->strings_path, &p, 0)) == NULL)
		return diags_count(x->d) != 0 ? -1 : 0;	/* none: fine */
	while ((rc = xlsx_step(x, r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    !xlsx_is(r, "si"))
			continue;
		if (x->nstrings == XLSX_MAX_STRINGS ||
		    x->text > SHEET_MAX_TEXT) {
			diags_add(x->d, 0, 0, "the workbook holds too much "
			    "text (more than %d strings or %d MiB)",
			    XLSX_MAX_STRINGS, SHEET_MAX_TEXT / (1024 * 1024));
			rc = -3;
			break;
		}
		buf_init(&b);
		if ((rc = xlsx_string(x, r, &b)) < 0) {
			buf_done(&b);
			break;
		}
		x->text += b.len;
		if ((x->nstrings & (x->nstrings - 1)) == 0)
			x->strings = xreallocarray(x->strings,
			    x->nstrings ? x->nstrings * 2 : 1,
			    sizeof *x->strings);
		x->strings[x->nstrings++] = b.len ? buf_steal(&b) :
		    xstrdup("");
		buf_done(&b);
	}
	return xlsx_close(x, r, &p, rc);
}

/* What a number format shows: a number, a date or time, a duration. */
enum {
	XLSX_NUMBER,
	XLSX_DATE,
	XLSX_ELAPSED	/* [h]:mm, hours past 24: a time taken */
};

/* What a number format's code shows (the enum above). */
static int
xlsx_date_code(const char *s)
{
	size_t	 n;
	int	 found = XLSX_NUMBER;

	if (strcmp(s, "General") == 0 || strcmp(s, "@") == 0)
		return XLSX_NUMBER;
	for (; *s != '\0'; s++) {
		if (*s == '"') {	/* literal text: "年" */
			while (s[1] != '\0' && s[1] != '"')
				s++;
			if (s[1] != '\0')
				s++;
		} else if (*s == '\\' && s[1] != '\0')
			s++;
		else if (*s == '[') {
			/* [h], [mm]: elapsed; [Red], [$-804]: not a part. */
			n = strspn(s + 1, "hHmMsS");
			if (n > 0 && s[1 + n] == ']')
				return XLSX_ELAPSED;
			while (s[1] != '\0' && s[1] != ']')
				s++;
		} else if (strchr("yYmMdDhHsS", *s) != NULL)
			found = XLSX_DATE;
		else if (*s == ';')	/* the first section decides */
			break;
	}
	return found;
}

/*
 * The digits a format of zeros only shows (学号 as 0000000000 keeps its
 * leading zeros), or 0.
 */
static unsigned char
xlsx_pad_code(const char *s)
{
	size_t	 n = strspn(s, "0");

	return s[n] == '\0' && n > 1 && n <= 20 ? (unsigned char)n : 0;
}

/*
 * What Excel's built-in formats show: dates (and the CJK ones, 27-36,
 * 50-58), and 46, [h]:mm:ss.
 */
static int
xlsx_date_builtin(long id)
{
	if (id == 46)
		return XLSX_ELAPSED;
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	    id == 45 || id == 47 || (id >= 50 && id <= 58) ? XLSX_DATE :
	    XLSX_NUMBER;
}

static int
xlsx_styles(struct xlsx *x)
{
	struct xlsx_part	 p;
	xmlTextReaderPtr	 r;
	long			*ids = NULL, id;
	unsigned char		*dates = NULL, *pads = NULL;
	size_t			 nids = 0, i;
	char			*a, *code;
	int			 rc, in_xfs = 0, type;

	if (x->styles_path == NULL)
		x->styles_path = xstrdup("xl/styles.xml");
	if ((r = xlsx_open(x, x->styles_path, &p, 0)) == NULL)
		return diags_count(x->d) != 0 ? -1 : 0;
	while ((rc = xlsx_step(x, r)) == 1) {
		type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_END_ELEMENT &&
		    xlsx_is(r, "cellXfs"))
			in_xfs = 0;
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (xlsx_is(r, "numFmt") && nids < 4096) {
			a = xlsx_attr(r, "numFmtId");
			code = xlsx_attr(r, "formatCode");
			if (a != NULL && code != NULL) {
				ids = xreallocarray(ids, nids + 1, sizeof *ids);
				dates = xreallocarray(dates, nids + 1, 1);
				pads = xreallocarray(pads, nids + 1, 1);
				ids[nids] = strtol(a, NULL, 10);
				pads[nids] = xlsx_pad_code(code);
				dates[nids++] = (unsigned char)
				    xlsx_date_code(code);
			}
			free(a);
			free(code);
		} else if (xlsx_is(r, "cellXfs"))
			in_xfs = !xmlTextReaderIsEmptyElement(r);
		else if (in_xfs && xlsx_is(r, "xf") && x->nxf < 65536) {
			a = xlsx_attr(r, "numFmtId");
			id = a != NULL ? strtol(a, NULL, 10) : 0;
			free(a);
			x->xf_date = xreallocarray(x->xf_date, x->nxf + 1, 1);
			x->xf_pad = xreallocarray(x->xf_pad, x->nxf + 1, 1);
			x->xf_date[x->nxf] = (unsigned char)
			    xlsx_date_builtin(id);
			x->xf_pad[x->nxf] = 0;
			for (i = 0; i < nids; i++)
				if (ids[i] == id) {
					x->xf_date[x->nxf] = dates[i];
					x->xf_pad[x->nxf] = pads[i];
				}
			x->nxf++;
		}
	}
	free(ids);
	free(dates);
	free(pads);
	return xlsx_close(x, r, &p, rc);
}

/* --- cells --------------------------------------------------------------- */

/* Days since 1970-01-01 as a civil date (the proleptic Gregorian). */
static void
xlsx_civil(int64_t z, int *y, int *m, int *d)
{
	int64_t		 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A date serial as the sheet shows it; -1 when out of Excel's range. */
static int
xlsx_date(const struct xlsx *x, double v, struct buf *b)
{
	int64_t	 days, minutes;
	int	 y, m, d;

	if (!(v >= 0 && v < 2958466))	/* 9999-12-31 */
		return -1;
	minutes = (int64_t)llround(v * 1440);
	days = minutes / 1440;
	minutes %= 1440;
	/*
	 * Days since 1970: the 1904 system counts from 1904-01-01; the 1900
	 * one from 1900-01-01 as 1, with a 29 February 1900 that was not.
	 */
	if (x->date1904)
		days -= 24107;
	else
		days -= days < 61 ? 25568 : 25569;
	xlsx_civil(days, &y, &m, &d);
	if (v < 1)
		buf_printf(b, "%02d:%02d", (int)(minutes / 60),
		    (int)(minutes % 60));
	else if (minutes == 0)
		buf_printf(b, "%04d-%02d-%02d", y, m, d);
	else
		buf_printf(b, "%04d-%02d-%02d %02d:%02d", y, m, d,
		    (int)(minutes / 60), (int)(minutes % 60));
	return 0;
}

/*
 * A number as its digits: 2025010102, not 2.02501E+09; with the leading
 * zeros a format of zeros shows (pad digits).
 */
static void
xlsx_number(const char *s, int pad, struct buf *b)
{
	char	*end;
	double	 v = strtod(s, &end);

	if (end == s || *end != '\0' || !isfinite(v))
		buf_puts(b, s);
	else if (v == floor(v) && fabs(v) < 1e15 && v >= 0 && pad > 0)
		buf_printf(b, "%0*.0f", pad, v);
	else if (v == floor(v) && fabs(v) < 1e15)
		buf_printf(b, "%.0f", v);
	else
		buf_printf(b, "%.15g", v);
}

/* "B12" as column 1, row 12; -1 if not a reference. */
static int
xlsx_ref(const char *s, size_t *col, size_t *row)
{
	size_t	 c = 0, r = 0;

	if (*s < 'A' || *s > 'Z')
		return -1;
	for (; *s >= 'A' && *s <= 'Z'; s++)
		if ((c = c * 26 + (size_t)(*s - 'A' + 1)) > 16384)
			return -1;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((r = r * 10 + (size_t)(*s - '0')) > SHEET_MAX_ROWS)
			return -1;
	if (*s != '\0' || r == 0)
		return -1;
	*col = c - 1;
	*row = r;
	return 0;
}

static void
xlsx_put(struct sheet_row *row, size_t col, char *text, unsigned char type)
{
	size_t	 i;

	if (col >= row->ncells) {
		row->cells = xreallocarray(row->cells, col + 2,
		    sizeof *row->cells);
		row->types = xreallocarray(row->types, col + 2, 1);
		for (i = row->ncells; i <= col; i++) {
			row->cells[i] = xstrdup("");
			row->types[i] = SHEET_EMPTY;
		}
		row->ncells = col + 1;
	}
	free(row->cells[col]);
	row->cells[col] = text;
	row->types[col] = type;
}

/* One cell's value, from its type, style and <v> or <is>. */
static int
xlsx_value(struct xlsx *x, const char *t, const char *s, const char *v,
    struct buf *out, unsigned char *type)
{
	unsigned long	 i;
	long long	 minutes;
	char		*end;
	double		 n;

	*type = SHEET_STRING;
	if (t != NULL && strcmp(t, "s") == 0) {
		i = strtoul(v, &end, 10);
		if (end == v || *end != '\0' || i >= x->nstrings)
			return -1;
		buf_puts(out, x->strings[i]);
	} else if (t != NULL && strcmp(t, "b") == 0) {
		*type = SHEET_BOOL;
		buf_puts(out, strcmp(v, "1") == 0 ? "TRUE" : "FALSE");
	} else if (t != NULL && strcmp(t, "d") == 0) {
		*type = SHEET_DATE;
		buf_puts(out, v);
		if (out->len > 16)
			out->data[out->len = 16] = '\0';
		if (out->len > 10 && out->data[10] == 'T')
			out->data[10] = ' ';
	} else if (t != NULL && (strcmp(t, "str") == 0 ||
	    strcmp(t, "inlineStr") == 0 || strcmp(t, "e") == 0))
		buf_puts(out, v);
	else {
		i = s != NULL ? strtoul(s, NULL, 10) : 0;
		n = strtod(v, &end);
		*type = SHEET_NUMBER;
		if (end != v && *end == '\0' && i < x->nxf &&
		    x->xf_date[i] == XLSX_ELAPSED && isfinite(n) &&
		    fabs(n) < 1e9) {
			/* As the sheet shows it: hours, then minutes. */
			minutes = llround(fabs(n) * 1440);
			buf_printf(out, "%s%lld:%02lld", n < 0 ? "-" : "",
			    minutes / 60, minutes % 60);
		} else if (end != v && *end == '\0' && i < x->nxf &&
		    x->xf_date[i] == XLSX_DATE && xlsx_date(x, n, out) == 0)
			*type = SHEET_DATE;
		else
			xlsx_number(v, i < x->nxf ? x->xf_pad[i] : 0, out);
	}
	if (out->len == 0)
		*type = SHEET_EMPTY;
	return 0;
}

/* The index of the row numbered line, or nrows: rows are in order. */
static size_t
xlsx_row_at(const struct sheet *sh, size_t line)
{
	size_t	 lo = 0, hi = sh->nrows, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((size_t)sh->rows[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Every cell of a merged range gets its first cell's value, each copy
 * counted against the text a workbook may hold; -1 past it.
 */
static int
xlsx_fill_merges(struct xlsx *x, struct sheet *sh)
{
	struct xlsx_merge	*m;
	struct sheet_row	*top, *row;
	size_t			 k, j, c, first, len;

	for (k = 0; k < x->nmerges; k++) {
		m = &x->merges[k];
		first = xlsx_row_at(sh, m->r1 + 1);
		if (first == sh->nrows ||
		    (size_t)sh->rows[first].line != m->r1 + 1)
			continue;
		top = &sh->rows[first];
		if (m->c1 >= top->ncells || top->types[m->c1] == SHEET_EMPTY)
			continue;
		len = strlen(top->cells[m->c1]) + 16;
		for (j = first; j < sh->nrows &&
		    (size_t)sh->rows[j].line <= m->r2 + 1; j++) {
			row = &sh->rows[j];
			for (c = m->c1; c <= m->c2 && c < SHEET_MAX_COLS; c++) {
				if (row == top && c == m->c1)
					continue;
				if ((x->text += len) > SHEET_MAX_TEXT)
					return -1;
				xlsx_put(row, c, xstrdup(top->cells[m->c1]),
				    top->types[m->c1]);
			}
		}
	}
	return 0;
}

static int
xlsx_merge(struct xlsx *x, const char *ref)
{
	char	 a[16], *colon = strchr(ref, ':');
	size_t	 n, r1, c1, r2, c2;

	if (colon == NULL || (n = (size_t)(colon - ref)) >= sizeof a)
		return -1;
	memcpy(a, ref, n);
	a[n] = '\0';
	if (xlsx_ref(a, &c1, &r1) != 0 || xlsx_ref(colon + 1, &c2, &r2) != 0 ||
	    r2 < r1 || c2 < c1)
		return -1;
	if (x->nmerges == XLSX_MAX_MERGES)
		return 0;
	x->merges = xreallocarray(x->merges, x->nmerges + 1,
	    sizeof *x->merges);
	x->merges[x->nmerges].r1 = r1 - 1;
	x->merges[x->nmerges].c1 = c1;
	x->merges[x->nmerges].r2 = r2 - 1;
	x->merges[x->nmerges].c2 = c2;
	x->nmerges++;
	return 0;
}

/* The cell the reader is on (<c>), read to its end into row. */
static int
xlsx_cell(struct xlsx *x, xmlTextReaderPtr r, struct sheet_row *row,
    size_t *col, int *bad)
{
	struct buf	 v, out;
	char		*ref, *t, *s;
	size_t		 c, rn;
	unsigned char	 type;
	int		 depth = xmlTextReaderDepth(r), rc = 1, in_v = 0, nt;

	ref = xlsx_attr(r, "r");
	t = xlsx_attr(r, "t");
	s = xlsx_attr(r, "s");
	if (ref != NULL && xlsx_ref(ref, &c, &rn) == 0)
		*col = c;
	buf_init(&v);
	if (!xmlTextReaderIsEmptyElement(r)) {
		while ((rc = xlsx_step(x, r)) == 1) {
			nt = xmlTextReaderNodeType(r);
			if (nt == XML_READER_TYPE_END_ELEMENT &&
			    xmlTextReaderDepth(r) == depth)
				break;
			if (nt == XML_READER_TYPE_ELEMENT && xlsx_is(r, "v"))
				in_v = !xmlTextReaderIsEmptyElement(r);
			else if (nt == XML_READER_TYPE_END_ELEMENT &&
			    xlsx_is(r, "v"))
				in_v = 0;
			else if (nt == XML_READER_TYPE_ELEMENT &&
			    xlsx_is(r, "is")) {
				if ((rc = xlsx_string(x, r, &v)) < 0)
					break;
			} else if (in_v && (nt == XML_READER_TYPE_TEXT ||
			    nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
				buf_puts(&v, (const char *)
				    xmlTextReaderConstValue(r));
		}
	}
	if (rc == 1 && v.len > 0) {
		buf_init(&out);
		if (xlsx_value(x, t, s, buf_str(&v), &out, &type) != 0)
			*bad = 1;
		else if (*col >= SHEET_MAX_COLS)
			*bad = 2;
		else if ((x->text += out.len + 16 * (*col >= row->ncells ?
		    *col - row->ncells + 1 : 1)) > SHEET_MAX_TEXT)
			*bad = 3;
		else if (type != SHEET_EMPTY)
			xlsx_put(row, *col, buf_steal(&out), type);
		buf_done(&out);
	}
	(*col)++;
	buf_done(&v);
	free(ref);
	free(t);
	free(s);
	return rc;
}

static int
xlsx_rows(struct xlsx *x, struct sheet *sh)
{
	static const char *const bads[] = { NULL,
		"a cell refers to a shared string that is not there",
		"a value past column IV (the 256th)", "too much text" };
	struct xlsx_part	 p;
	struct sheet_row	 row;
	xmlTextReaderPtr	 r;
	char			*a;
	size_t			 col = 0, dummy;
	int			 rc, in_row = 0, bad = 0, line = 0, type;

	if ((r = xlsx_open(x, x->sheet_path, &p, 1)) == NULL)
		return -1;
	memset(&row, 0, sizeof row);
	while (bad == 0 && (rc = xlsx_step(x, r)) == 1) {
		type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_END_ELEMENT && xlsx_is(r, "row"))
			goto row_end;
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (xlsx_is(r, "row")) {
			if (in_row) {	/* a row inside a row: damaged */
				bad = 4;
				break;
			}
			a = xlsx_attr(r, "r");
			line = a != NULL ? atoi(a) : line + 1;
			free(a);
			if (line <= 0 || line > SHEET_MAX_ROWS ||
			    (sh->nrows > 0 && line <= sh->rows[sh->nrows -
			    1].line)) {
				bad = 4;
				break;
			}
			memset(&row, 0, sizeof row);
			row.line = line;
			col = 0;
			in_row = 1;
			if (xmlTextReaderIsEmptyElement(r))
				goto row_end;
		} else if (in_row && xlsx_is(r, "c")) {
			if ((rc = xlsx_cell(x, r, &row, &col, &bad)) != 1)
				break;
		} else if (xlsx_is(r, "mergeCell")) {
			a = xlsx_attr(r, "ref");
			if (a == NULL || xlsx_merge(x, a) != 0)
				bad = 5;
			free(a);
		}
		continue;
row_end:
		if (in_row) {
			sh->rows = xreallocarray(sh->rows, sh->nrows + 1,
			    sizeof *sh->rows);
			sh->rows[sh->nrows++] = row;
			memset(&row, 0, sizeof row);
			in_row = 0;
		}
	}
	if (in_row) {
		for (dummy = 0; dummy < row.ncells; dummy++)
			free(row.cells[dummy]);
		free(row.cells);
		free(row.types);
	}
	if (bad != 0) {
		diags_add(x->d, line, 0, "%s", bad == 4 ? "rows out of order "
		    "(the workbook is damaged)" : bad == 5 ? "a merged range "
		    "that is not a range (the workbook is damaged)" :
		    bads[bad]);
		xmlFreeTextReader(r);
		zip_fclose(p.zf);
		return -1;
	}
	if (xlsx_close(x, r, &p, rc) != 0)
		return -1;
	if (xlsx_fill_merges(x, sh) != 0) {
		diags_add(x->d, 0, 0, "too much text (more than %d MiB) with "
		    "its merged cells filled", SHEET_MAX_TEXT / (1024 * 1024));
		return -1;
	}
	return 0;
}

static void
xlsx_done(struct xlsx *x)
{
	size_t	 i;

	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
	}
	free(x->sheets);
	for (i = 0; i < x->nstrings; i++)
		free(x->strings[i]);
	free(x->strings);
	free(x->xf_date);
	free(x->xf_pad);
	free(x->merges);
	free(x->sheet_path);
	free(x->strings_path);
	free(x->styles_path);
	free(x->part);
	if (x->zip != NULL)
		zip_discard(x->zip);
}

/* The sheet asked for, or the first one shown; -1 after a message. */
static int
xlsx_choose(struct xlsx *x, const char *name, size_t *k)
{
	struct buf	 b;
	size_t		 i;

	for (i = 0; i < x->nsheets; i++)
		if (name != NULL ? strcmp(x->sheets[i].name, name) == 0 :
		    !x->sheets[i].hidden) {
			*k = i;
			return 0;
		}
	buf_init(&b);
	for (i = 0; i < x->nsheets; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", x->sheets[i].name);
	if (name != NULL)
		diags_add(x->d, 0, 0, "no sheet named '%s' (the workbook has: "
		    "%s)", name, x->nsheets ? buf_str(&b) : "none");
	else
		diags_add(x->d, 0, 0, "the workbook has no sheet to read");
	buf_done(&b);
	return -1;
}

int
sheet_read_xlsx(struct sheet *sh, const void *data, size_t len,
    const char *name, struct diags *d)
{
	struct xlsx	 x;
	zip_source_t	*src;
	zip_error_t	 ze;
	size_t		 k = 0;
	int		 rc = -1;

	memset(sh, 0, sizeof *sh);
	memset(&x, 0, sizeof x);
	sh->format = SHEET_XLSX;
	x.d = d;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL ||
	    (x.zip = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		diags_add(d, 0, 0, "not a readable .xlsx workbook (%s): is it "
		    "damaged, or still being saved?", zip_error_strerror(&ze));
		if (src != NULL)
			zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	if (zip_name_locate(x.zip, "content.xml", 0) >= 0 &&
	    zip_name_locate(x.zip, "xl/workbook.xml", 0) < 0) {
		diags_add(d, 0, 0, "an OpenDocument spreadsheet (.ods): save "
		    "it as .xlsx or CSV");
		goto out;
	}
	if (xlsx_workbook(&x) != 0 || xlsx_choose(&x, name, &k) != 0 ||
	    xlsx_rels(&x, x.sheets[k].rid) != 0)
		goto out;
	if (x.sheet_path == NULL) {
		diags_add(d, 0, 0, "the workbook does not say where its sheet "
		    "'%s' is (it is damaged)", x.sheets[k].name);
		goto out;
	}
	sh->name = xstrdup(x.sheets[k].name);
	diags_set_sheet(d, sh->name);
	if (xlsx_strings(&x) != 0 || xlsx_styles(&x) != 0 ||
	    xlsx_rows(&x, sh) != 0)
		goto out;
	rc = 0;
out:
	xlsx_done(&x);
	if (rc != 0) {
		sheet_free(sh);
		sh->format = SHEET_XLSX;
	}
	return rc;
}
