/*
 * Workbooks written for people — the meeting's numbers, an export — as
 * .xlsx, by libxlsxwriter in its constant_memory mode: each row goes to
 * a file as the next begins, so a table costs no memory however long,
 * and rows are written in order, cell after cell.
 *
 * A table is a sheet: its header row frozen and filtered, each column of
 * one type (text, number, date and time, duration) and as wide as its
 * widest cell, CJK counted two. A table longer than Excel's 1,048,576
 * rows goes on over further sheets, "NAME (2)", the header repeated.
 * Charts are Excel's own, drawn beside the table from its columns.
 *
 * The file appears whole or not at all: the workbook is written beside
 * it under another name and renamed over it when complete.
 */
#ifndef YUJING_BOOK_H
#define YUJING_BOOK_H

#include <stddef.h>
#include <stdint.h>

#include "yujing/status.h"

enum book_type {
	BOOK_TEXT,
	BOOK_NUMBER,
	BOOK_TIME,	/* Unix seconds, in local time: 2026-12-01 23:40 */
	BOOK_DURATION	/* seconds, kept as Excel keeps a time: [h]:mm */
};

struct book_column {
	const char	*title;
	enum book_type	 type;
};

enum book_chart {
	BOOK_CHART_COLUMN,	/* upright bars: a count per week */
	BOOK_CHART_BAR,		/* lying bars: long names (categories) */
	BOOK_CHART_LINE
};

struct book;

/* A new workbook to be written to path (by book_close); NULL on error. */
struct book	*book_create(const char *path, struct yj_error *err);
/* Rows of a sheet, its header included (tests; Excel's by default). */
void		 book_set_rows(struct book *b, uint32_t rows);
/*
 * Begins a table (ending the last) on a sheet named name (at most 31
 * characters, none of []:*?/\), its header the columns' titles.
 */
enum yj_status	 book_table(struct book *b, const char *name,
		    const struct book_column *cols, size_t ncols,
		    struct yj_error *err);
/*
 * The next cell of the row; after the last column, the next row. Text
 * is made safe as every output is (safe.h), new lines kept, and cut at
 * Excel's 32,767 characters.
 */
void		 book_text(struct book *b, const char *s); /* NULL: empty */
void		 book_number(struct book *b, double v);
void		 book_time(struct book *b, int64_t t);		/* 0: empty */
void		 book_duration(struct book *b, int64_t s);	/* < 0: empty */
void		 book_empty(struct book *b);
/*
 * A chart of the current table, drawn when it ends: its column cat
 * (0-based) along one axis, the numbers of column val along the other,
 * titled title. A table without rows has no chart.
 */
void		 book_chart(struct book *b, enum book_chart kind,
		    const char *title, size_t cat, size_t val);
/*
 * The current table's charts end here: the rows after (a total, a group
 * apart) are in the table but not drawn.
 */
void		 book_chart_stop(struct book *b);
/* Rows of data written to the current table so far, over all its sheets. */
uint64_t	 book_rows(const struct book *b);
/* Writes the workbook to its path and frees b, whether it fails or not. */
enum yj_status	 book_close(struct book *b, struct yj_error *err);
/* Frees b and writes nothing. */
void		 book_discard(struct book *b);

#endif
