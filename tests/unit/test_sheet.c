/*
 * The spreadsheet readers on files a real spreadsheet program saved
 * (tests/data/school, made by LibreOffice Calc from the sources beside
 * them): one roster as .xlsx, .xls, UTF-16 "Unicode 文本", GB18030, GBK
 * with '?' for what GBK lacks, and UTF-8 with a BOM; each must give the
 * same cells, as the sheet shows them. Then what a reader must refuse,
 * with the message that says what to do.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/diag.h"
#include "yujing/sheet.h"
#include "yujing/xmalloc.h"

#define CORPUS	YJ_SOURCE_DIR "/tests/data/school/"

static char *
slurp(const char *name, size_t *len)
{
	char	 path[512];
	FILE	*f;
	char	*p;
	long	 n;

	snprintf(path, sizeof path, CORPUS "%s", name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	p = xmalloc((size_t)n + 1);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

/* The row the file numbers line (its line or row number). */
static const struct sheet_row *
line_of(const struct sheet *sh, int line)
{
	size_t	 i;

	for (i = 0; i < sh->nrows; i++)
		if (sh->rows[i].line == line)
			return &sh->rows[i];
	fail_msg("no row %d", line);
	return NULL;
}

static void
cell_is(const struct sheet *sh, int line, size_t col, const char *want)
{
	const char	*got = sheet_cell(line_of(sh, line), col);

	if (strcmp(got, want) != 0)
		fail_msg("row %d column %zu: '%s', not '%s'", line, col + 1,
		    got, want);
}

static void
read_ok(const char *name, const char *sheet, enum sheet_encoding enc,
    struct sheet *sh)
{
	struct sheet_opts	 o = { enc, sheet };
	struct diags		 d;
	char			*data;
	size_t			 len;

	data = slurp(name, &len);
	diags_init(&d, name);
	if (sheet_read(sh, data, len, &o, &d) != 0) {
		diags_print(&d, stderr);
		fail_msg("%s not read", name);
	}
	assert_int_equal(diags_count(&d), 0);
	diags_done(&d);
	free(data);
}

/* The message reading name (or data, when not NULL) must give. */
static void
read_bad(const char *name, const char *data, size_t len, const char *sheet,
    enum sheet_encoding enc, const char *want)
{
	struct sheet_opts	 o = { enc, sheet };
	struct sheet		 sh;
	struct diags		 d;
	char			*file = NULL;

	if (data == NULL)
		data = file = slurp(name, &len);
	diags_init(&d, name);
	assert_int_equal(sheet_read(&sh, data, len, &o, &d), -1);
	assert_int_equal(diags_count(&d), 1);
	if (strstr(d.v[0].msg, want) == NULL)
		fail_msg("%s: '%s' does not say '%s'", name, d.v[0].msg, want);
	assert_int_equal(sh.nrows, 0);
	diags_done(&d);
	free(file);
}

/* What every copy of the roster holds, as its sheet shows it. */
static void
roster_cells(const struct sheet *sh, int csv)
{
	cell_is(sh, 1, 0, "计算机科学与技术学院 2025级学生名单");
	cell_is(sh, 2, 1, "学号");
	cell_is(sh, 2, 9, "家长");
	cell_is(sh, 3, 9, "姓名");
	cell_is(sh, 3, 10, "电话");
	cell_is(sh, 4, 1, "2025010101");
	cell_is(sh, 4, 6, "3#");
	cell_is(sh, 4, 7, "402");
	cell_is(sh, 4, 8, "138 0000 0001");
	/* A number Excel keeps as a number: all its digits. */
	cell_is(sh, 5, 1, "2025010102");
	/* Rich text: the runs' text joined. */
	cell_is(sh, 5, 2, "李四");
	cell_is(sh, 5, 7, "４０２");
	cell_is(sh, 6, 2, "孙　七");
	cell_is(sh, 6, 8, "0571-8800 0003转8001");
	/* Sparse: an empty cell between values. */
	cell_is(sh, 7, 6, "");
	cell_is(sh, 7, 7, "8-202");
	cell_is(sh, 4, 11, csv ? "2025/9/1" : "2025-09-01");
}

static void
test_xlsx(void **state)
{
	struct sheet	 sh;

	(void)state;
	read_ok("students.xlsx", NULL, SHEET_ENC_AUTO, &sh);
	assert_int_equal(sh.format, SHEET_XLSX);
	assert_string_equal(sh.name, "学生名单");
	roster_cells(&sh, 0);
	cell_is(&sh, 8, 2, "𠮷田");
	assert_int_equal(line_of(&sh, 5)->types[1], SHEET_NUMBER);
	assert_int_equal(line_of(&sh, 4)->types[11], SHEET_DATE);
	assert_int_equal(line_of(&sh, 4)->types[2], SHEET_STRING);
	/* Merged ranges: each cell shows the range's value. */
	cell_is(&sh, 1, 11, "计算机科学与技术学院 2025级学生名单");
	cell_is(&sh, 3, 0, "序号");
	cell_is(&sh, 2, 10, "家长");
	sheet_free(&sh);
	/* A number shown with its leading zeros (format 0000000000). */
	read_ok("padded.xlsx", NULL, SHEET_ENC_AUTO, &sh);
	cell_is(&sh, 2, 0, "0012345678");
	sheet_free(&sh);
	read_ok("students.xlsx", "说明", SHEET_ENC_AUTO, &sh);
	assert_string_equal(sh.name, "说明");
	cell_is(&sh, 1, 0, "本表由学工系统导出");
	sheet_free(&sh);
}

static void
test_xls(void **state)
{
	struct sheet	 sh;

	(void)state;
	read_ok("students.xls", NULL, SHEET_ENC_AUTO, &sh);
	assert_int_equal(sh.format, SHEET_XLS);
	assert_string_equal(sh.name, "学生名单");
	roster_cells(&sh, 0);
	cell_is(&sh, 8, 2, "𠮷田");
	assert_int_equal(line_of(&sh, 4)->types[11], SHEET_DATE);
	sheet_free(&sh);
	read_ok("students.xls", "说明", SHEET_ENC_AUTO, &sh);
	cell_is(&sh, 1, 0, "本表由学工系统导出");
	sheet_free(&sh);
}

static void
test_text(void **state)
{
	static const struct {
		const char		*file;
		enum sheet_encoding	 enc;
		char			 delim;
		const char		*name5;	/* 𠮷田 as it came through */
	} files[] = {
		{ "students-utf16.txt", SHEET_ENC_UTF16LE, '\t', "𠮷田" },
		{ "students-gb18030.csv", SHEET_ENC_GB18030, ',', "𠮷田" },
		{ "students-gbk.csv", SHEET_ENC_GB18030, ',', "?田" },
		{ "students-utf8bom.csv", SHEET_ENC_UTF8, ',', "𠮷田" },
	};
	struct sheet	 sh;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		read_ok(files[i].file, NULL, SHEET_ENC_AUTO, &sh);
		assert_int_equal(sh.format, SHEET_TEXT);
		assert_int_equal(sh.encoding, files[i].enc);
		assert_int_equal(sh.delim, files[i].delim);
		roster_cells(&sh, 1);
		cell_is(&sh, 8, 2, files[i].name5);
		assert_null(sh.name);
		sheet_free(&sh);
	}
	/* An encoding given that the file agrees with is fine. */
	read_ok("students-gbk.csv", NULL, SHEET_ENC_GB18030, &sh);
	cell_is(&sh, 4, 2, "张三");
	sheet_free(&sh);
}

static void
test_separators(void **state)
{
	static const char semi[] = "学号;姓名;电话\r\n1;\"张;三\";138\r\n";
	static const char tab[] = "学号\t姓名\t备注\n1\t张三\t\"a, b\"\n"
	    "2\t李四\tc, d, e\n";
	struct sheet_opts	 o = { SHEET_ENC_AUTO, NULL };
	struct sheet		 sh;
	struct diags		 d;

	(void)state;
	diags_init(&d, "semi.csv");
	assert_int_equal(sheet_read(&sh, semi, strlen(semi), &o, &d), 0);
	assert_int_equal(sh.delim, ';');
	cell_is(&sh, 2, 1, "张;三");
	sheet_free(&sh);
	/* Commas inside cells do not outvote the TAB between them. */
	assert_int_equal(sheet_read(&sh, tab, strlen(tab), &o, &d), 0);
	assert_int_equal(sh.delim, '\t');
	cell_is(&sh, 3, 2, "c, d, e");
	sheet_free(&sh);
	assert_int_equal(diags_count(&d), 0);
	diags_done(&d);
}

static void
test_refused(void **state)
{
	static const char bad_utf16[] = "\xff\xfe" "a\0,\0\x00\xdc";
	char	*x;
	size_t	 len;

	(void)state;
	read_bad("students.xlsx", NULL, 0, "没有", SHEET_ENC_AUTO,
	    "no sheet named '没有' (the workbook has: 学生名单, 说明)");
	read_bad("students.xls", NULL, 0, "没有", SHEET_ENC_AUTO,
	    "no sheet named '没有' (the workbook has: 学生名单, 说明)");
	read_bad("students-utf8bom.csv", NULL, 0, NULL, SHEET_ENC_GB18030,
	    "UTF-8 byte-order mark, so it is UTF-8, not GB18030");
	read_bad("students-utf16.txt", NULL, 0, NULL, SHEET_ENC_UTF8,
	    "UTF-16 byte-order mark");
	read_bad("students-gbk.csv", NULL, 0, NULL, SHEET_ENC_UTF8,
	    "not valid UTF-8 here");
	read_bad("students-gbk.csv", NULL, 0, "学生名单", SHEET_ENC_AUTO,
	    "--sheet is for a workbook");
	read_bad("students.xlsx", NULL, 0, NULL, SHEET_ENC_GB18030,
	    "leave out --encoding");
	read_bad("half.utf16", bad_utf16, sizeof bad_utf16 - 1, NULL,
	    SHEET_ENC_AUTO, "not valid UTF-16");
	read_bad("empty.csv", "", 0, NULL, SHEET_ENC_AUTO, "empty file");
	/* A workbook cut short, as by a copy made while it was saved. */
	x = slurp("students.xlsx", &len);
	read_bad("cut.xlsx", x, len / 2, NULL, SHEET_ENC_AUTO,
	    "not a readable .xlsx workbook");
	free(x);
	/*
	 * Damaged past its header: FreeXL refuses it, or (under ASan) its
	 * child is stopped; either way one message and no rows.
	 */
	x = slurp("students.xls", &len);
	memset(x + 512, 0xff, len - 512);
	read_bad("cut.xls", x, len, NULL, SHEET_ENC_AUTO, ".xls");
	free(x);
	/*
	 * A file the fuzzer made that has FreeXL write below a buffer of its
	 * own: its reader, in a child, is refused, and this process is whole.
	 */
	x = slurp("hostile/freexl-underflow.xls", &len);
	read_bad("hostile.xls", x, len, NULL, SHEET_ENC_AUTO, ".xls");
	free(x);
	/* Bytes that are no text and no workbook. */
	read_bad("photo.jpg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x81",
	    13, NULL, SHEET_ENC_AUTO, "not text in UTF-8, GB18030 (GBK) or "
	    "UTF-16");
}

static void
test_columns(void **state)
{
	char	 s[8];

	(void)state;
	sheet_column_name(0, s);
	assert_string_equal(s, "A");
	sheet_column_name(25, s);
	assert_string_equal(s, "Z");
	sheet_column_name(26, s);
	assert_string_equal(s, "AA");
	sheet_column_name(255, s);
	assert_string_equal(s, "IV");
	sheet_column_name(16383, s);
	assert_string_equal(s, "XFD");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_xls),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_separators),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_columns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
