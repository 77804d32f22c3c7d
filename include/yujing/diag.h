/*
 * Diagnostics: messages tied to a place in a file, printed as
 * FILE:LINE:COL: message (a workbook's: FILE:SHEET!ROW: message). A
 * parser collects all of them in one run. Warnings are printed with the
 * errors but do not count as errors.
 */
#ifndef YUJING_DIAG_H
#define YUJING_DIAG_H

#include <stddef.h>
#include <stdio.h>

#define DIAGS_LIMIT 100	/* more than this are counted, not kept */

struct diag {
	int	 line;	/* 1-based; 0 when the message is about the whole file */
	int	 col;	/* 1-based, in characters; 0: the whole line */
	int	 warning;
	char	*msg;
};

struct diags {
	char		*file;		/* name used in messages */
	char		*sheet;		/* a workbook's sheet, or NULL */
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 dropped;	/* past DIAGS_LIMIT */
	size_t		 errors;	/* kept or not */
	size_t		 warnings;
};

void	diags_init(struct diags *d, const char *file);
void	diags_done(struct diags *d);
void	diags_add(struct diags *d, int line, int col, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* A warning: printed as "warning: ...", not counted by diags_count. */
void	diags_warn(struct diags *d, int line, int col, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* Places from now on are rows of this sheet (NULL: lines again). */
void	diags_set_sheet(struct diags *d, const char *sheet);
/* Errors reported, kept or not. */
size_t	diags_count(const struct diags *d);
/* Orders by line then column; equal places keep the order they came in. */
void	diags_sort(struct diags *d);
/* Prints one line per diagnostic, and a count of any dropped. */
void	diags_print(const struct diags *d, FILE *f);

#endif
