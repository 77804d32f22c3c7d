/*
 * Diagnostics: messages tied to a place in a file, printed as
 * FILE:LINE:COL: message. A parser collects all of them in one run.
 */
#ifndef YUJING_DIAG_H
#define YUJING_DIAG_H

#include <stddef.h>
#include <stdio.h>

#define DIAGS_LIMIT 100	/* more than this are counted, not kept */

struct diag {
	int	 line;	/* 1-based; 0 when the message is about the whole file */
	int	 col;	/* 1-based, in characters; 0: the whole line */
	char	*msg;
};

struct diags {
	char		*file;		/* name used in messages */
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 dropped;	/* past DIAGS_LIMIT */
};

void	diags_init(struct diags *d, const char *file);
void	diags_done(struct diags *d);
void	diags_add(struct diags *d, int line, int col, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* Total reported, kept or not. */
size_t	diags_count(const struct diags *d);
/* Orders by line then column; equal places keep the order they came in. */
void	diags_sort(struct diags *d);
/* Prints one line per diagnostic, and a count of any dropped. */
void	diags_print(const struct diags *d, FILE *f);

#endif
