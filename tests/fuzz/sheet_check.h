/*
 * What every spreadsheet reader must give, whatever the bytes: a table
 * or a refusal with messages and no rows; a table's cells valid UTF-8
 * within the limits, each row after the one before. Shared by the
 * fuzz targets of the three readers.
 */
#ifndef YUJING_FUZZ_SHEET_CHECK_H
#define YUJING_FUZZ_SHEET_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "yujing/diag.h"
#include "yujing/sheet.h"
#include "yujing/utf8.h"

static void
sheet_check(int rc, struct sheet *sh, struct diags *d)
{
	size_t	 i, j;
	int	 line, col;

	if (rc != 0 && (diags_count(d) == 0 || sh->nrows != 0))
		abort();
	for (i = 0; rc == 0 && i < sh->nrows; i++) {
		if (sh->rows[i].ncells > SHEET_MAX_COLS ||
		    (i > 0 && sh->rows[i].line <= sh->rows[i - 1].line))
			abort();
		for (j = 0; j < sh->rows[i].ncells; j++)
			if (!utf8_check(sh->rows[i].cells[j],
			    strlen(sh->rows[i].cells[j]), &line, &col))
				abort();
	}
	sheet_free(sh);
	diags_done(d);
}

#endif
