/*
 * libFuzzer target: any bytes into the text reader of sheet.h, and what
 * comes out checked (sheet_check.h).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "yujing/diag.h"
#include "yujing/sheet.h"

#include "sheet_check.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet	 sh;
	struct diags	 d;
	int		 rc;

	diags_init(&d, "fuzz");
	rc = sheet_read_text(&sh, (const char *)data, size, SHEET_ENC_AUTO,
	    &d);
	sheet_check(rc, &sh, &d);
	return 0;
}
