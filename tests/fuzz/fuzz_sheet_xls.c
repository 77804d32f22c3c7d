/*
 * libFuzzer target: any bytes into the xls reader of sheet.h. It either
 * reads a table or refuses with one message and no rows; a table holds
 * valid UTF-8 cells within the limits, each row after the one before.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/diag.h"
#include "yujing/sheet.h"
#include "yujing/utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet	 sh;
	struct diags	 d;
	size_t		 i, j;
	int		 rc, line, col;

	diags_init(&d, "fuzz");
	rc = sheet_read_xls(&sh, data, size, NULL, &d);
	if (rc != 0 && (diags_count(&d) == 0 || sh.nrows != 0))
		abort();
	for (i = 0; rc == 0 && i < sh.nrows; i++) {
		if (sh.rows[i].ncells > SHEET_MAX_COLS ||
		    (i > 0 && sh.rows[i].line <= sh.rows[i - 1].line))
			abort();
		for (j = 0; j < sh.rows[i].ncells; j++)
			if (!utf8_check(sh.rows[i].cells[j],
			    strlen(sh.rows[i].cells[j]), &line, &col))
				abort();
	}
	sheet_free(&sh);
	diags_done(&d);
	return 0;
}
