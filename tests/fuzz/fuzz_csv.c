/*
 * libFuzzer target: any bytes into the CSV reader, and every record it
 * accepts written back and read again unchanged.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/buf.h"
#include "yujing/csv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader	 r, again;
	struct buf		 out, utf8;
	const char		*why;
	size_t			 i;
	int			 rc, line;

	csv_reader_init(&r, (const char *)data, size);
	buf_init(&out);
	while ((rc = csv_read(&r, &why)) != 0) {
		if (rc < 0)
			continue;
		for (i = 0; i < r.nfields; i++)
			csv_write_field(&out, r.fields[i], i == 0);
		csv_write_end(&out);
		csv_reader_init(&again, out.data, out.len);
		if (csv_read(&again, &why) != 1 || again.nfields != r.nfields)
			abort();
		for (i = 0; i < r.nfields; i++) {
			if (strcmp(again.fields[i], r.fields[i]) != 0)
				abort();
		}
		csv_reader_done(&again);
		out.len = 0;
	}
	csv_reader_done(&r);
	buf_done(&out);
	buf_init(&utf8);
	(void)csv_from_gbk((const char *)data, size, &utf8, &line);
	buf_done(&utf8);
	return 0;
}
