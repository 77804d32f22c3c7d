/*
 * A table as the school's spreadsheet files hold it, whatever saved them:
 * an .xlsx workbook (libzip and libxml2, read as a stream), an .xls one
 * (libfreexl), or text — CSV, or Excel's "Unicode 文本" — in UTF-8 (with
 * a BOM or not), GB18030 (which holds GBK) or UTF-16, separated by
 * commas, TABs or semicolons. The kind, the encoding and the separator
 * are found from the bytes; an encoding given only overrides.
 *
 * Cells come as UTF-8 text the way the sheet shows them: a number
 * without the rounding a CSV export adds, a date as YYYY-MM-DD, a cell
 * of a merged range (a workbook's) as the range's value.
 */
#ifndef YUJING_SHEET_H
#define YUJING_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "yujing/diag.h"

#define SHEET_MAX_BYTES	(64 * 1024 * 1024)	/* of the file */
#define SHEET_MAX_TEXT	(256 * 1024 * 1024)	/* of its cells, read */
#define SHEET_MAX_ROWS	1048576			/* Excel's own limit */
#define SHEET_MAX_COLS	256

enum sheet_format {
	SHEET_TEXT,
	SHEET_XLSX,
	SHEET_XLS
};

enum sheet_encoding {
	SHEET_ENC_AUTO,		/* found from the bytes */
	SHEET_ENC_UTF8,
	SHEET_ENC_GB18030,	/* GBK, GB2312: GB18030 holds them */
	SHEET_ENC_UTF16LE,
	SHEET_ENC_UTF16BE
};

enum sheet_type {
	SHEET_EMPTY,
	SHEET_STRING,
	SHEET_NUMBER,
	SHEET_DATE,		/* YYYY-MM-DD, or YYYY-MM-DD HH:MM */
	SHEET_BOOL
};

struct sheet_row {
	int		  line;		/* text: the line it starts on; a
					   workbook: its row number */
	size_t		  ncells;
	char		**cells;	/* "" when empty */
	unsigned char	 *types;	/* enum sheet_type */
};

struct sheet {
	enum sheet_format	 format;
	enum sheet_encoding	 encoding;	/* text: what it was read as */
	char			 delim;		/* text: ',', '\t' or ';' */
	char			*name;		/* a workbook: the sheet read */
	struct sheet_row	*rows;
	size_t			 nrows;
};

struct sheet_opts {
	enum sheet_encoding	 encoding;
	const char		*sheet;		/* by name; NULL: the first */
};

/*
 * Reads data[0..len). Returns 0, or -1 with no rows after messages in d
 * (which names the file) saying why and what to do: one, or one for each
 * bad record of a text file. A workbook's messages after it say
 * SHEET!ROW, as d's sheet is set to the sheet read.
 */
int		 sheet_read(struct sheet *sh, const void *data, size_t len,
		    const struct sheet_opts *o, struct diags *d);
void		 sheet_free(struct sheet *sh);
/* The cell, "" past the row's end. */
const char	*sheet_cell(const struct sheet_row *r, size_t col);
/* Whether every cell of the row is empty or blank (Excel's ",,,,"). */
bool		 sheet_row_blank(const struct sheet_row *r);
/* A column's letters as a spreadsheet names it: 0 is A, 26 is AA. */
void		 sheet_column_name(size_t col, char out[8]);
const char	*sheet_format_name(enum sheet_format f);
const char	*sheet_encoding_name(enum sheet_encoding e);
/* An --encoding argument: utf-8, gbk, gb18030, utf-16; -1 if none. */
int		 sheet_encoding_parse(const char *s, enum sheet_encoding *e);

/* Each reader on its own, for sheet_read and the fuzz targets. */
int		 sheet_read_text(struct sheet *sh, const char *data, size_t len,
		    enum sheet_encoding enc, struct diags *d);
int		 sheet_read_xlsx(struct sheet *sh, const void *data, size_t len,
		    const char *name, struct diags *d);
int		 sheet_read_xls(struct sheet *sh, const void *data, size_t len,
		    const char *name, struct diags *d);

#endif
