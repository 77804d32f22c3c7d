/*
 * libFuzzer target: any bytes into the xlsx reader of sheet.h, and what
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

	diags_init(&d, "fuzz");
	sheet_check(sheet_read_xlsx(&sh, data, size, NULL, &d), &sh, &d);
	return 0;
}
