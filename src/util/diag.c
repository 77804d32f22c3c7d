#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "yujing/buf.h"
#include "yujing/diag.h"
#include "yujing/safe.h"
#include "yujing/xmalloc.h"

void
diags_init(struct diags *d, const char *file)
{
	d->file = xstrdup(file);
	d->sheet = NULL;
	d->v = NULL;
	d->n = d->cap = d->dropped = d->errors = d->warnings = 0;
}

void
diags_done(struct diags *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	free(d->file);
	free(d->sheet);
	d->file = d->sheet = NULL;
	d->v = NULL;
	d->n = d->cap = d->dropped = d->errors = d->warnings = 0;
}

static void	diags_vadd(struct diags *, int, int, int, const char *,
		    va_list) __attribute__((format(printf, 5, 0)));

static void
diags_vadd(struct diags *d, int warning, int line, int col, const char *fmt,
    va_list ap)
{
	struct buf	 b;

	if (warning)
		d->warnings++;
	else
		d->errors++;
	if (d->n >= DIAGS_LIMIT) {
		d->dropped++;
		return;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	d->v[d->n].line = line;
	d->v[d->n].col = col;
	d->v[d->n].warning = warning;
	d->v[d->n].msg = buf_steal(&b);
	d->n++;
}

void
diags_add(struct diags *d, int line, int col, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diags_vadd(d, 0, line, col, fmt, ap);
	va_end(ap);
}

void
diags_warn(struct diags *d, int line, int col, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diags_vadd(d, 1, line, col, fmt, ap);
	va_end(ap);
}

void
diags_set_sheet(struct diags *d, const char *sheet)
{
	free(d->sheet);
	d->sheet = sheet != NULL ? xstrdup(sheet) : NULL;
}

size_t
diags_count(const struct diags *d)
{
	return d->errors;
}

void
diags_sort(struct diags *d)
{
	size_t		 i, j;
	struct diag	 t;

	/* Insertion sort: stable, and the list is short and nearly sorted. */
	for (i = 1; i < d->n; i++) {
		t = d->v[i];
		for (j = i; j > 0; j--) {
			if (d->v[j - 1].line < t.line ||
			    (d->v[j - 1].line == t.line &&
			    d->v[j - 1].col <= t.col))
				break;
			d->v[j] = d->v[j - 1];
		}
		d->v[j] = t;
	}
}

void
diags_print(const struct diags *d, FILE *f)
{
	char		*file, *sheet, *msg;
	const char	*w;
	size_t		 i;

	/* Messages quote what they found, and that may be hostile. */
	file = safe_dup(d->file, 0);
	sheet = d->sheet != NULL ? safe_dup(d->sheet, 0) : NULL;
	for (i = 0; i < d->n; i++) {
		msg = safe_dup(d->v[i].msg, 0);
		w = d->v[i].warning ? "warning: " : "";
		if (d->v[i].line > 0 && sheet != NULL)
			fprintf(f, "%s:%s!%d: %s%s\n", file, sheet,
			    d->v[i].line, w, msg);
		else if (d->v[i].line > 0 && d->v[i].col > 0)
			fprintf(f, "%s:%d:%d: %s%s\n", file, d->v[i].line,
			    d->v[i].col, w, msg);
		else if (d->v[i].line > 0)
			fprintf(f, "%s:%d: %s%s\n", file, d->v[i].line, w,
			    msg);
		else
			fprintf(f, "%s: %s%s\n", file, w, msg);
		free(msg);
	}
	if (d->dropped != 0)
		fprintf(f, "%s: %zu more not shown\n", file, d->dropped);
	free(sheet);
	free(file);
}
