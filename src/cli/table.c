#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "yujing/buf.h"
#include "yujing/cli.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

void
cli_table_init(struct cli_table *t, size_t ncols, size_t maxw)
{
	t->cells = NULL;
	t->ncells = 0;
	t->ncols = ncols;
	t->maxw = maxw;
}

void
cli_table_add(struct cli_table *t, const char *cell)
{
	t->cells = xreallocarray(t->cells, t->ncells + 1, sizeof *t->cells);
	t->cells[t->ncells++] = xstrdup(cell != NULL ? cell : "");
}

void
cli_table_print(struct cli_table *t)
{
	size_t		*w, i, c, cw;
	struct buf	 line;

	w = xcalloc(t->ncols, sizeof *w);
	for (i = 0; i < t->ncells; i++) {
		cw = width_str(t->cells[i]);
		if (t->maxw != 0 && cw > t->maxw)
			cw = t->maxw;
		if (cw > w[i % t->ncols])
			w[i % t->ncols] = cw;
	}
	buf_init(&line);
	for (i = 0; i < t->ncells; i++) {
		c = i % t->ncols;
		/* The last column is not padded: no trailing blanks. */
		if (c == t->ncols - 1) {
			if (t->maxw != 0 && width_str(t->cells[i]) > t->maxw)
				width_pad(&line, t->cells[i], t->maxw);
			else
				buf_puts(&line, t->cells[i]);
			puts(buf_str(&line));
			line.len = 0;
			buf_puts(&line, "");
		} else {
			width_pad(&line, t->cells[i], w[c]);
			buf_puts(&line, "  ");
		}
	}
	buf_done(&line);
	free(w);
	cli_table_free(t);
}

void
cli_table_free(struct cli_table *t)
{
	size_t	 i;

	for (i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->ncells = 0;
}
