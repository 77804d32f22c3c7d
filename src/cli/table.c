#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "yujing/buf.h"
#include "yujing/cli.h"
#include "yujing/csv.h"
#include "yujing/i18n.h"
#include "yujing/json.h"
#include "yujing/safe.h"
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
	/* A cell is one line, and what it holds may have come from anywhere. */
	t->cells[t->ncells++] = safe_dup(cell, 0);
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

void
cli_out_begin(struct cli_out *o, enum cli_format f, bool raw,
    const struct cli_column *cols, size_t ncols, size_t maxw)
{
	size_t	 i, shown = 0;

	o->format = f;
	o->book = NULL;
	o->bcols = NULL;
	o->raw = raw;
	o->cols = cols;
	o->ncols = ncols;
	o->col = o->rows = 0;
	buf_init(&o->b);
	json_init(&o->j, &o->b, true);
	for (i = 0; i < ncols; i++)
		shown += cols[i].head != NULL;
	cli_table_init(&o->t, shown, maxw);
	if (f == CLI_JSON)
		json_array_begin(&o->j);
	for (i = 0; i < ncols; i++) {
		if (f == CLI_CSV)
			csv_write_field(&o->b, cols[i].key, i == 0);
		else if (f != CLI_JSON && cols[i].head != NULL)
			cli_table_add(&o->t, cols[i].head);
	}
	if (f == CLI_CSV)
		csv_write_end(&o->b);
}

enum yj_status
cli_out_book(struct cli_out *o, struct book *b, const char *sheet,
    const struct cli_column *cols, const struct book_column *bcols,
    size_t ncols, struct yj_error *err)
{
	struct book_column	*bc;
	size_t			 i, n = 0;
	enum yj_status		 s;

	cli_out_begin(o, CLI_XLSX, false, cols, ncols, 0);
	o->book = b;
	o->bcols = bcols;
	bc = xcalloc(ncols, sizeof *bc);
	for (i = 0; i < ncols; i++) {
		if (bcols[i].title == NULL)
			continue;
		bc[n].title = _(bcols[i].title);
		bc[n++].type = bcols[i].type;
	}
	s = book_table(b, _(sheet), bc, n, err);
	free(bc);
	if (s != YJ_OK)
		cli_out_end(o, false);
	return s;
}

/* Before a cell: a new row's opening; after it: the row's end. */
static void
cli_out_next(struct cli_out *o, bool before)
{
	if (before && o->col == 0 && o->format == CLI_JSON)
		json_object_begin(&o->j);
	if (before)
		return;
	if (++o->col < o->ncols)
		return;
	o->col = 0;
	o->rows++;
	if (o->format == CLI_JSON)
		json_object_end(&o->j);
	else if (o->format == CLI_CSV)
		csv_write_end(&o->b);
}

void
cli_out_cell(struct cli_out *o, const char *data, const char *shown)
{
	cli_out_next(o, true);
	switch (o->format) {
	case CLI_JSON:
		json_kv_string(&o->j, o->cols[o->col].key, data);
		break;
	case CLI_CSV:
		if (o->raw)
			csv_write_field(&o->b, data, o->col == 0);
		else
			csv_write_text(&o->b, data, o->col == 0);
		break;
	case CLI_XLSX:
		if (o->bcols[o->col].title != NULL)
			book_text(o->book, shown != NULL ? shown : data);
		break;
	default:
		if (o->cols[o->col].head != NULL)
			cli_table_add(&o->t, shown != NULL ? shown :
			    data != NULL ? data : "-");
		break;
	}
	cli_out_next(o, false);
}

void
cli_out_num(struct cli_out *o, int64_t v, bool has, const char *shown)
{
	char	 n[32];

	snprintf(n, sizeof n, "%lld", (long long)v);
	/* A number, never taken for a formula: -1 stays -1. */
	if (o->format == CLI_CSV) {
		cli_out_next(o, true);
		csv_write_field(&o->b, has ? n : NULL, o->col == 0);
		cli_out_next(o, false);
		return;
	}
	if (o->format == CLI_XLSX) {
		cli_out_next(o, true);
		if (o->bcols[o->col].title == NULL)
			;
		else if (o->bcols[o->col].type == BOOK_DURATION)
			book_duration(o->book, has ? v : -1);
		else if (has)
			book_number(o->book, (double)v);
		else
			book_empty(o->book);
		cli_out_next(o, false);
		return;
	}
	if (o->format != CLI_JSON) {
		cli_out_cell(o, has ? n : NULL, has ? (shown ? shown : n) :
		    "-");
		return;
	}
	cli_out_next(o, true);
	json_key(&o->j, o->cols[o->col].key);
	if (has)
		json_int(&o->j, v);
	else
		json_null(&o->j);
	cli_out_next(o, false);
}

void
cli_out_bool(struct cli_out *o, bool v, const char *shown)
{
	if (o->format != CLI_JSON) {
		cli_out_cell(o, v ? "true" : "false", shown);
		return;
	}
	cli_out_next(o, true);
	json_kv_bool(&o->j, o->cols[o->col].key, v);
	cli_out_next(o, false);
}

void
cli_out_end(struct cli_out *o, bool print)
{
	if (o->format == CLI_JSON)
		json_array_end(&o->j);
	if (print) {
		if (o->format == CLI_TABLE || o->format == CLI_TEXT)
			cli_table_print(&o->t);
		else if (o->format != CLI_XLSX)
			fputs(buf_str(&o->b), stdout);
	}
	cli_table_free(&o->t);
	buf_done(&o->b);
}
