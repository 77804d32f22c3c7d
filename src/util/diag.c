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
	d->v = NULL;
	d->n = d->cap = d->dropped = 0;
}

void
diags_done(struct diags *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	free(d->file);
	d->file = NULL;
	d->v = NULL;
	d->n = d->cap = d->dropped = 0;
}

void
diags_add(struct diags *d, int line, int col, const char *fmt, ...)
{
	struct buf	 b;
	va_list		 ap;

	if (d->n >= DIAGS_LIMIT) {
		d->dropped++;
		return;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	d->v[d->n].line = line;
	d->v[d->n].col = col;
	d->v[d->n].msg = buf_steal(&b);
	d->n++;
}

size_t
diags_count(const struct diags *d)
{
	return d->n + d->dropped;
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
	char	*file, *msg;
	size_t	 i;

	/* Messages quote what they found, and that may be hostile. */
	file = safe_dup(d->file, 0);
	for (i = 0; i < d->n; i++) {
		msg = safe_dup(d->v[i].msg, 0);
		if (d->v[i].line > 0 && d->v[i].col > 0)
			fprintf(f, "%s:%d:%d: %s\n", file, d->v[i].line,
			    d->v[i].col, msg);
		else if (d->v[i].line > 0)
			fprintf(f, "%s:%d: %s\n", file, d->v[i].line, msg);
		else
			fprintf(f, "%s: %s\n", file, msg);
		free(msg);
	}
	if (d->dropped != 0)
		fprintf(f, "%s: %zu more errors not shown\n", file,
		    d->dropped);
	free(file);
}
