#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yujing/buf.h"
#include "yujing/columns.h"
#include "yujing/diag.h"
#include "yujing/policy.h"
#include "yujing/sheet.h"
#include "yujing/utf8.h"
#include "yujing/xmalloc.h"

/*
 * A header as compared: NFKC, no spaces, ASCII in lower case, without a
 * trailing mark of a required column (*) or a note in brackets
 * (学号（必填）).
 */
static char *
columns_key(const char *s)
{
	char	*n = utf8_nfkc(s), *o, *p;
	size_t	 len;

	if (n == NULL)
		return xstrdup("");
	for (o = p = n; *p != '\0'; p++)
		if (*p != ' ')
			*o++ = (char)tolower((unsigned char)*p);
	*o = '\0';
	len = strlen(n);
	while (len > 0 && n[len - 1] == '*')
		n[--len] = '\0';
	if (*n == '*')		/* *学号: a template's mark of a required one */
		memmove(n, n + strspn(n, "*"), len - strspn(n, "*") + 1);
	len = strlen(n);
	if (len > 0 && n[len - 1] == ')' && (p = strrchr(n, '(')) != NULL &&
	    p != n)
		*p = '\0';
	return n;
}

/* The field a header names, or -1. */
static int
columns_field_of(const struct column_field *f, size_t nf, const char *key)
{
	char	*k;
	size_t	 i, j;
	int	 found = -1;

	if (*key == '\0')
		return -1;
	for (i = 0; i < nf && found < 0; i++) {
		for (j = 0; f[i].names[j] != NULL && found < 0; j++) {
			k = columns_key(f[i].names[j]);
			if (strcmp(k, key) == 0)
				found = (int)i;
			free(k);
		}
		if (found < 0 && strcasecmp(f[i].id, key) == 0)
			found = (int)i;
	}
	return found;
}

/* The row just above row h (a workbook leaves blank rows out), or NULL. */
static const struct sheet_row *
columns_above(const struct sheet *sh, size_t h)
{
	if (h == 0 || sh->rows[h - 1].line != sh->rows[h].line - 1)
		return NULL;
	return &sh->rows[h - 1];
}

/*
 * The names column col of row h may go by: the group above joined to
 * it (家长 + 电话), itself, and the group alone when it has none.
 */
static int
columns_header(const struct sheet *sh, size_t h, size_t col,
    const struct column_field *f, size_t nf, char **seen)
{
	const struct sheet_row	*up = columns_above(sh, h);
	const char		*lower = sheet_cell(&sh->rows[h], col);
	const char		*upper = "";
	struct buf		 b;
	char			*k;
	size_t			 c;
	int			 i = -1;

	/*
	 * A merged group header is in its first column in a CSV or an .xls;
	 * a workbook's merged cells all have it.
	 */
	for (c = col + 1; up != NULL && c-- > 0 &&
	    (sh->format != SHEET_XLSX || c == col);)
		if (*sheet_cell(up, c) != '\0') {
			upper = sheet_cell(up, c);
			break;
		}
	if (*lower != '\0' && *upper != '\0' && strcmp(upper, lower) != 0) {
		buf_init(&b);
		buf_printf(&b, "%s%s", upper, lower);
		k = columns_key(buf_str(&b));
		if ((i = columns_field_of(f, nf, k)) >= 0 && seen != NULL)
			*seen = buf_steal(&b);
		buf_done(&b);
		free(k);
	}
	if (i < 0 && *lower != '\0') {
		k = columns_key(lower);
		if ((i = columns_field_of(f, nf, k)) >= 0 && seen != NULL)
			*seen = xstrdup(lower);
		free(k);
	}
	if (i < 0 && *lower == '\0' && *upper != '\0' && up != NULL &&
	    strcmp(sheet_cell(up, col), upper) == 0) {
		k = columns_key(upper);
		if ((i = columns_field_of(f, nf, k)) >= 0 && seen != NULL)
			*seen = xstrdup(upper);
		free(k);
	}
	return i;
}

/* How well row h serves as the header: required fields count most. */
static int
columns_score(const struct sheet *sh, size_t h, const struct column_field *f,
    size_t nf)
{
	bool	 got[COLUMNS_MAX] = { false };
	size_t	 c, i;
	int	 k, score = 0;

	for (c = 0; c < sh->rows[h].ncells || (columns_above(sh, h) != NULL &&
	    c < columns_above(sh, h)->ncells); c++)
		if ((k = columns_header(sh, h, c, f, nf, NULL)) >= 0)
			got[k] = true;
	for (i = 0; i < nf; i++)
		if (got[i])
			score += f[i].required ? 100 : 1;
	return score;
}

/* The column letters in s (A, AB), as an index; -1 if s is not such. */
static int
columns_letters(const char *s)
{
	size_t	 c = 0, n = 0;

	for (; *s >= 'A' && *s <= 'Z'; s++, n++)
		c = c * 26 + (size_t)(*s - 'A' + 1);
	if (*s != '\0' || n == 0 || n > 2 || c > SHEET_MAX_COLS)
		return -1;
	return (int)c - 1;
}

/*
 * --map: each HEADER=FIELD or COLUMN=FIELD onto c->col, items apart by
 * ',' or '，' (a whole character: its bytes are in others, 楼 and 导).
 * A column --map names is that field's alone.
 */
static int
columns_map(struct columns *c, const struct sheet *sh, const char *map,
    struct diags *d)
{
	const struct sheet_row	*hr = &sh->rows[c->header];
	char			*copy = xstrdup(map), *item, *next, *eq, *k, *h;
	char			*p;
	struct buf		 ids;
	size_t			 i, col, seplen;
	int			 f, at, line = hr->line, ok = 0;

	buf_init(&ids);
	for (i = 0; i < c->nfields; i++)
		buf_printf(&ids, "%s%s", i ? ", " : "", c->fields[i].id);
	for (item = copy; item != NULL; item = next) {
		next = strchr(item, ',');
		seplen = 1;
		if ((p = strstr(item, "，")) != NULL && (next == NULL ||
		    p < next)) {
			next = p;
			seplen = strlen("，");
		}
		if (next != NULL) {
			*next = '\0';
			next += seplen;
		}
		if (*item == '\0')
			continue;
		if ((eq = strchr(item, '=')) == NULL) {
			diags_add(d, 0, 0, "--map %s: write HEADER=FIELD or "
			    "COLUMN=FIELD (the fields: %s)", item,
			    buf_str(&ids));
			ok = -1;
			continue;
		}
		*eq = '\0';
		k = columns_key(eq + 1);
		f = columns_field_of(c->fields, c->nfields, k);
		free(k);
		if (f < 0) {
			diags_add(d, 0, 0, "--map %s=%s: no field '%s' (the "
			    "fields: %s)", item, eq + 1, eq + 1,
			    buf_str(&ids));
			ok = -1;
			continue;
		}
		/* A header first: ID is a header before it is column ID. */
		at = -1;
		k = columns_key(item);
		for (col = 0; col < hr->ncells; col++) {
			h = columns_key(sheet_cell(hr, col));
			if (at < 0 && strcmp(h, k) == 0)
				at = (int)col;
			free(h);
		}
		free(k);
		if (at < 0 && (at = columns_letters(item)) >= 0 &&
		    (size_t)at >= hr->ncells && (columns_above(sh,
		    c->header) == NULL || (size_t)at >= columns_above(sh,
		    c->header)->ncells))
			at = -1;
		if (at < 0) {
			diags_add(d, line, 0, "--map %s=%s: the header row has "
			    "no column '%s'", item, eq + 1, item);
			ok = -1;
			continue;
		}
		for (i = 0; i < c->nfields; i++) {
			if (c->col[i] != at || (int)i == f)
				continue;
			if (c->mapped[i]) {
				diags_add(d, 0, 0, "--map names column %s "
				    "twice", item);
				ok = -1;
			}
			c->col[i] = -1;	/* taken by what --map says */
		}
		c->col[f] = at;
		c->mapped[f] = true;
		free(c->seen[f]);
		c->seen[f] = xstrdup(*sheet_cell(hr, (size_t)at) != '\0' ?
		    sheet_cell(hr, (size_t)at) : item);
	}
	buf_done(&ids);
	free(copy);
	return ok;
}

int
columns_find(struct columns *c, const struct sheet *sh,
    const struct column_field *fields, size_t nfields, const char *map,
    struct diags *d)
{
	struct buf	 b;
	char		 a[8], z[8], *seen, *dupseen[COLUMNS_MAX] = { NULL };
	size_t		 i, h, best = 0, looked = 0, col, ncols;
	int		 score, top = -1, k, line, ret = 0, dup[COLUMNS_MAX];

	if (nfields > COLUMNS_MAX)
		abort();	/* the callers' tables are fixed */
	memset(c, 0, sizeof *c);
	c->fields = fields;
	c->nfields = nfields;
	for (i = 0; i < COLUMNS_MAX; i++)
		c->col[i] = dup[i] = -1;
	for (h = 0; h < sh->nrows && looked < COLUMNS_LOOK; h++) {
		if (sheet_row_blank(&sh->rows[h]))
			continue;
		looked++;
		if ((score = columns_score(sh, h, fields, nfields)) > top) {
			top = score;
			best = h;
		}
	}
	if (top < 0) {
		diags_add(d, 0, 0, "no rows: the file has no header row");
		return -1;
	}
	c->header = best;
	line = sh->rows[best].line;
	ncols = sh->rows[best].ncells;
	if (columns_above(sh, best) != NULL &&
	    columns_above(sh, best)->ncells > ncols)
		ncols = columns_above(sh, best)->ncells;
	for (col = 0; col < ncols; col++) {
		seen = NULL;
		if ((k = columns_header(sh, best, col, fields, nfields,
		    &seen)) < 0)
			continue;
		if (c->col[k] >= 0) {
			if (dup[k] < 0) {
				dup[k] = (int)col;
				dupseen[k] = seen;
			} else
				free(seen);
			continue;
		}
		c->col[k] = (int)col;
		c->seen[k] = seen;
	}
	if (map != NULL && *map != '\0' && columns_map(c, sh, map, d) != 0)
		ret = -1;
	/* Two columns for one field, unless --map said which. */
	for (i = 0; i < nfields; i++) {
		if (dup[i] >= 0 && c->col[i] < 0) {
			/* --map took the first for another field. */
			c->col[i] = dup[i];
			c->seen[i] = dupseen[i];
			dupseen[i] = NULL;
		} else if (dup[i] >= 0 && !c->mapped[i]) {
			sheet_column_name((size_t)c->col[i], a);
			sheet_column_name((size_t)dup[i], z);
			buf_init(&b);
			buf_printf(&b, "家长%s", fields[i].zh);
			for (k = 0; k < (int)nfields; k++)
				if (strcmp(fields[k].zh, buf_str(&b)) == 0)
					break;
			diags_add(d, line, 0, "two columns are %s (%s): %s "
			    "'%s' and %s '%s'; rename one%s%s%s or say which "
			    "with --map %s=%s", fields[i].zh, fields[i].id, a,
			    c->seen[i], z, dupseen[i], k < (int)nfields ?
			    " (as " : "", k < (int)nfields ? buf_str(&b) : "",
			    k < (int)nfields ? ", if it is a parent's)" : "", a,
			    fields[i].id);
			buf_done(&b);
			ret = -1;
		}
		free(dupseen[i]);
	}
	for (i = 0; i < nfields; i++) {
		if (c->col[i] >= 0 || !fields[i].required)
			continue;
		buf_init(&b);
		for (k = 0; fields[i].names[k] != NULL; k++)
			buf_printf(&b, "%s%s", k ? ", " : "",
			    fields[i].names[k]);
		diags_add(d, line, 0, "no column for %s (%s): give it a header "
		    "such as %s, or name it with --map HEADER=%s",
		    fields[i].zh, fields[i].id, buf_str(&b), fields[i].id);
		buf_done(&b);
		ret = -1;
	}
	/*
	 * Columns with a header that no field took: said, not an error (a
	 * header of two rows has its name in the upper one when merged
	 * down, which a CSV leaves empty below).
	 */
	for (col = 0; ret == 0 && col < ncols; col++) {
		seen = (char *)sheet_cell(&sh->rows[best], col);
		if (*seen == '\0' && columns_above(sh, best) != NULL)
			seen = (char *)sheet_cell(columns_above(sh, best), col);
		if (*seen == '\0')
			continue;
		for (i = 0; i < nfields; i++)
			if (c->col[i] == (int)col)
				break;
		if (i < nfields)
			continue;
		sheet_column_name(col, a);
		diags_warn(d, line, 0, "column %s (%s) is not used", a, seen);
	}
	return ret;
}

void
columns_done(struct columns *c)
{
	size_t	 i;

	for (i = 0; i < COLUMNS_MAX; i++)
		free(c->seen[i]);
	memset(c, 0, sizeof *c);
}

void
columns_describe(const struct columns *c, struct buf *out)
{
	char	 a[8];
	size_t	 i, absent = 0;

	for (i = 0; i < c->nfields; i++) {
		if (c->col[i] < 0)
			continue;
		sheet_column_name((size_t)c->col[i], a);
		buf_printf(out, "  %-15s column %s, '%s'%s\n",
		    c->fields[i].id, a, c->seen[i] != NULL ? c->seen[i] : "",
		    c->mapped[i] ? " (--map)" : "");
	}
	for (i = 0; i < c->nfields; i++)
		if (c->col[i] < 0)
			buf_printf(out, "%s%s", absent++ ? ", " :
			    "  not in the file: ", c->fields[i].id);
	if (absent > 0)
		buf_putc(out, '\n');
}

char *
columns_cell(const struct columns *c, const struct sheet_row *r, size_t i)
{
	char	*s;

	if (c->col[i] < 0)
		return xstrdup("");
	if ((s = utf8_nfkc(sheet_cell(r, (size_t)c->col[i]))) == NULL)
		return xstrdup("");
	return s;
}

/* --- values -------------------------------------------------------------- */

/* Whether s is a number as Excel's General format shows a long one. */
static bool
columns_scientific(const char *s)
{
	if (!isdigit((unsigned char)*s))
		return false;
	s++;
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++)
			;
	if (*s != 'E' && *s != 'e')
		return false;
	s++;
	if (*s == '+' || *s == '-')
		s++;
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	return *s == '\0';
}

int
columns_number(const char *s, char **out, const char **why)
{
	if (columns_scientific(s)) {
		*why = "is in scientific notation, so Excel has already lost "
		    "its last digits: format the column as 文本 (Text) in "
		    "Excel, put the numbers back from the source, and save "
		    "again";
		return -1;
	}
	/* Excel's mark for a number kept as text, come through a CSV. */
	if (*s == '\'')
		s++;
	*out = xstrdup(s);
	return 0;
}

/* Whether the UTF-8 character at p is a Han ideograph, or a name's ·. */
static bool
columns_han(const unsigned char *p)
{
	uint32_t	 u;

	if (p[0] == 0xc2 && p[1] == 0xb7)	/* ·, between a name's parts */
		return true;
	if (p[0] >= 0xe0 && p[0] < 0xf0 && p[1] != 0 && p[2] != 0)
		u = (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) <<
		    6 | (p[2] & 0x3f);
	else if (p[0] >= 0xf0 && p[1] != 0 && p[2] != 0 && p[3] != 0)
		u = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) <<
		    12 | (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
	else
		return false;
	return (u >= 0x3400 && u <= 0x9fff) || (u >= 0xf900 && u <= 0xfaff) ||
	    (u >= 0x20000 && u <= 0x3134f) || u == 0x30fb;
}

/* The start of the UTF-8 character before p (s its string's start). */
static const char *
columns_prev(const char *s, const char *p)
{
	while (p > s && ((unsigned char)*--p & 0xc0) == 0x80)
		;
	return p;
}

int
columns_name(const char *s, char **out, const char **why)
{
	struct buf	 b;
	const char	*p;

	if (strchr(s, '?') != NULL) {
		*why = "has a '?' where the file could not hold a character "
		    "(saved as GBK?): save it from Excel as 'CSV UTF-8' or "
		    ".xlsx";
		return -1;
	}
	/* 孙 七 (a name spaced out to line up) is 孙七; John Smith stays. */
	buf_init(&b);
	for (p = s; *p != '\0'; p++) {
		if (*p == ' ' && p > s && p[1] != '\0' &&
		    columns_han((const unsigned char *)columns_prev(s, p)) &&
		    columns_han((const unsigned char *)p + 1))
			continue;
		buf_putc(&b, *p);
	}
	*out = b.len ? buf_steal(&b) : xstrdup("");
	buf_done(&b);
	return 0;
}

/* Digits of s[0..n) (spaces, dashes, brackets skipped) into b; -1 else. */
static int
columns_digits(const char *s, size_t n, struct buf *b, size_t *count)
{
	size_t	 i;

	*count = 0;
	for (i = 0; i < n; i++) {
		if (isdigit((unsigned char)s[i])) {
			buf_putc(b, s[i]);
			(*count)++;
		} else if (strchr(" -()", s[i]) == NULL)
			return -1;
	}
	return 0;
}

int
columns_phone(const char *s, char **out, const char **why)
{
	static const char *const marks[] = { "转", "分机", "ext.", "ext", "x",
	    "#", NULL };
	static const char bad[] = "is not a phone number: digits, with "
	    "spaces, dashes or brackets between them, and an extension after "
	    "转";
	struct buf	 b, e;
	const char	*ext = NULL, *p, *dash;
	size_t		 n, i, digits, extdigits = 0, before;
	bool		 plus;

	*out = NULL;
	if (columns_scientific(s)) {
		*why = "is in scientific notation, so Excel has already lost "
		    "its digits: format the column as 文本 (Text) in Excel "
		    "and type the numbers again";
		return -1;
	}
	if (*s == '\'')
		s++;
	/* An extension: after 转 (分机, ext, x, #), else after a last dash. */
	n = strlen(s);
	for (p = s; ext == NULL && *p != '\0'; p++)
		for (i = 0; marks[i] != NULL; i++)
			if (p > s && strncasecmp(p, marks[i],
			    strlen(marks[i])) == 0) {
				n = (size_t)(p - s);
				ext = p + strlen(marks[i]);
				break;
			}
	if (ext == NULL && (dash = strrchr(s, '-')) != NULL) {
		for (before = 0, p = s; p < dash; p++)
			before += isdigit((unsigned char)*p) != 0;
		for (p = dash + 1; isdigit((unsigned char)*p); p++)
			;
		/* 010-6275 1234-8001: a whole number, then 1-6 digits. */
		if (before >= 10 && *p == '\0' && p - dash - 1 >= 1 &&
		    p - dash - 1 <= 6) {
			n = (size_t)(dash - s);
			ext = dash + 1;
		}
	}
	buf_init(&b);
	buf_init(&e);
	plus = *s == '+';
	if (columns_digits(s + plus, n - plus, &b, &digits) != 0 ||
	    (ext != NULL && columns_digits(ext + strspn(ext, " "),
	    strlen(ext + strspn(ext, " ")), &e, &extdigits) != 0) ||
	    (ext != NULL && extdigits == 0))
		goto bad;
	/* +86 138..., 0086 138...: a mobile is its 11 digits. */
	p = buf_str(&b);
	if ((plus && digits == 13 && strncmp(p, "861", 3) == 0) ||
	    (!plus && digits == 15 && strncmp(p, "00861", 5) == 0)) {
		p += digits - 11;
		digits = 11;
		plus = false;
	}
	if (digits < 3 || digits > (plus ? 15u : 12u))
		goto bad;
	*out = xasprintf("%s%s%s%s", plus ? "+" : "", p, ext != NULL ? "转" :
	    "", buf_str(&e));
	buf_done(&b);
	buf_done(&e);
	return 0;
bad:
	buf_done(&b);
	buf_done(&e);
	*why = bad;
	return -1;
}

char *
columns_building(const struct policy *pol, const char *s)
{
	char	*n = utf8_nfkc(s), *b;

	if (n == NULL)
		return xstrdup(s);
	b = policy_building_of(pol, n);
	free(n);
	return b;
}

int
columns_room(const char *s, const char *building, char **room, char **bout,
    const char **why)
{
	const char	*p, *q;
	char		*b;
	size_t		 m;

	*room = *bout = NULL;
	/* 3-402, 3#402, 3栋402, 3号楼402, B-201: a building, a room. */
	for (p = s; isalnum((unsigned char)*p); p++)
		;
	q = p;
	if (p > s && (m = policy_building_mark(p)) > 0)
		q = p + m;
	else if (p > s && *p == '-')
		q = p + 1;
	if (q == p || !isalnum((unsigned char)*q)) {
		*room = xstrdup(s);
		return 0;
	}
	b = xstrndup(s, (size_t)(p - s));
	if (building != NULL && *building != '\0' && strcmp(b, building) !=
	    0) {
		/* 8-202 under building 3 may be a room so named: keep it. */
		if (*p == '-') {
			free(b);
			*room = xstrdup(s);
			return 0;
		}
		*bout = b;
		*why = "names another building than the building column";
		return -1;
	}
	*room = xstrdup(q);
	*bout = b;
	return 0;
}

size_t
columns_split(const char *s, char ***out)
{
	/* Not a space: 计科 2301 is one class. */
	static const char *const seps[] = { "、", "，", "；", ",", ";", "/",
	    NULL };
	struct buf	 b;
	const char	*p;
	size_t		 n = 0, i, len;

	*out = NULL;
	buf_init(&b);
	for (p = s;; ) {
		for (i = 0, len = 0; seps[i] != NULL; i++)
			if (strncmp(p, seps[i], strlen(seps[i])) == 0) {
				len = strlen(seps[i]);
				break;
			}
		if (*p == '\0' || len > 0) {
			while (b.len > 0 && b.data[b.len - 1] == ' ')
				b.data[--b.len] = '\0';
			if (b.len > 0) {
				*out = xreallocarray(*out, n + 1,
				    sizeof **out);
				(*out)[n++] = buf_steal(&b);
			}
			buf_clear(&b);
			if (*p == '\0')
				break;
			p += len;
			continue;
		}
		if (*p == ' ' && b.len == 0) {
			p++;		/* 计科2301, 计科2302 */
			continue;
		}
		buf_putc(&b, *p++);
	}
	buf_done(&b);
	return n;
}
