/*
 * Workbooks out (book.c), read back with the project's own .xlsx reader
 * and opened as the zip they are: the cells and their types, the charts
 * Excel will draw, the frozen header and the widths, a table split over
 * sheets at the row limit, hostile text neutralised, a cell cut at
 * Excel's limit, and a file that appears whole or not at all.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <zip.h>

#include "yujing/book.h"
#include "yujing/caltime.h"
#include "yujing/diag.h"
#include "yujing/sheet.h"
#include "yujing/xmalloc.h"

static char	 dir[64];

static int
setup(void **state)
{
	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	snprintf(dir, sizeof dir, "/tmp/yj-book-XXXXXX");
	return mkdtemp(dir) != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	DIR		*d;
	struct dirent	*e;
	char		 p[512];

	(void)state;
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.' && (e->d_name[1] == '\0' ||
			    strcmp(e->d_name, "..") == 0))
				continue;
			snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(dir);
	return 0;
}

/* The files in the directory, "." and ".." aside. */
static int
files_in(const char *path)
{
	DIR		*d;
	struct dirent	*e;
	int		 n = 0;

	assert_non_null(d = opendir(path));
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*p;
	long	 n;

	assert_non_null(f = fopen(path, "rb"));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	p = xmalloc((size_t)n + 1);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

/* A sheet of the workbook by name (NULL: the first), read as a user's. */
static void
read_sheet(const char *path, const char *name, struct sheet *sh)
{
	struct sheet_opts	 o;
	struct diags		 d;
	size_t			 len;
	char			*data;

	data = slurp(path, &len);
	memset(&o, 0, sizeof o);
	o.sheet = name;
	diags_init(&d, path);
	if (sheet_read(sh, data, len, &o, &d) != 0)
		diags_print(&d, stderr);
	assert_int_equal(diags_count(&d), 0);
	assert_int_equal(sh->format, SHEET_XLSX);
	diags_done(&d);
	free(data);
}

/* A part of the zip as text, or NULL when there is none. */
static char *
zip_part(const char *path, const char *part)
{
	zip_t		*z;
	zip_file_t	*f;
	zip_stat_t	 st;
	char		*p;
	int		 e;

	assert_non_null(z = zip_open(path, ZIP_RDONLY, &e));
	if (zip_stat(z, part, 0, &st) != 0) {
		zip_close(z);
		return NULL;
	}
	p = xmalloc(st.size + 1);
	assert_non_null(f = zip_fopen(z, part, 0));
	assert_int_equal(zip_fread(f, p, st.size), (zip_int64_t)st.size);
	p[st.size] = '\0';
	zip_fclose(f);
	zip_close(z);
	return p;
}

/* How many of the zip's parts begin with prefix. */
static int
zip_count(const char *path, const char *prefix)
{
	zip_t		*z;
	zip_int64_t	 i, n;
	int		 e, count = 0;

	assert_non_null(z = zip_open(path, ZIP_RDONLY, &e));
	n = zip_get_num_entries(z, 0);
	for (i = 0; i < n; i++)
		if (strncmp(zip_get_name(z, (zip_uint64_t)i, 0), prefix,
		    strlen(prefix)) == 0)
			count++;
	zip_close(z);
	return count;
}

static void
test_types_and_charts(void **state)
{
	static const struct book_column cols[] = {
		{ "类别", BOOK_TEXT }, { "事件数", BOOK_NUMBER },
		{ "首次", BOOK_TIME }, { "确认用时中位数", BOOK_DURATION },
	};
	struct yj_error	 err;
	struct sheet	 sh;
	struct book	*b;
	char		 path[128], *xml;
	int64_t		 t = caltime_local(2026, 12, 1, 23, 40);

	(void)state;
	snprintf(path, sizeof path, "%s/会议.xlsx", dir);
	assert_non_null(b = book_create(path, &err));
	assert_int_equal(book_table(b, "按类别", cols, 4, &err), YJ_OK);
	book_chart(b, BOOK_CHART_BAR, "各类别事件数", 0, 1);
	book_chart(b, BOOK_CHART_COLUMN, "确认用时", 0, 3);
	book_text(b, "夜不归宿");
	book_number(b, 12);
	book_time(b, t);
	book_duration(b, 90 * 60);
	/* What a terminal or Excel would act on comes out visible. */
	book_text(b, "违规电器\x1b[31m\n第二行");
	book_number(b, 3);
	book_time(b, 0);
	book_duration(b, 30 * 3600 + 15 * 60);
	book_text(b, NULL);
	book_number(b, 0.5);
	book_empty(b);
	book_duration(b, -1);
	assert_int_equal(book_rows(b), 3);
	/* Nothing is there before the close, and nothing half-written. */
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(book_close(b, &err), YJ_OK);
	/* No temporary file of the writer's is left beside it. */
	assert_int_equal(files_in(dir), 1);

	read_sheet(path, NULL, &sh);
	assert_string_equal(sh.name, "按类别");
	assert_int_equal(sh.nrows, 4);
	assert_string_equal(sheet_cell(&sh.rows[0], 0), "类别");
	assert_string_equal(sheet_cell(&sh.rows[0], 3), "确认用时中位数");
	assert_string_equal(sheet_cell(&sh.rows[1], 0), "夜不归宿");
	assert_int_equal(sh.rows[1].types[1], SHEET_NUMBER);
	assert_string_equal(sheet_cell(&sh.rows[1], 1), "12");
	assert_int_equal(sh.rows[1].types[2], SHEET_DATE);
	assert_string_equal(sheet_cell(&sh.rows[1], 2), "2026-12-01 23:40");
	assert_int_equal(sh.rows[1].types[3], SHEET_NUMBER);
	assert_string_equal(sheet_cell(&sh.rows[1], 3), "1:30");
	assert_string_equal(sheet_cell(&sh.rows[2], 0),
	    "违规电器\\x1b[31m\n第二行");
	assert_string_equal(sheet_cell(&sh.rows[2], 2), "");
	assert_string_equal(sheet_cell(&sh.rows[2], 3), "30:15");
	assert_string_equal(sheet_cell(&sh.rows[3], 0), "");
	assert_string_equal(sheet_cell(&sh.rows[3], 1), "0.5");
	assert_string_equal(sheet_cell(&sh.rows[3], 3), "");
	sheet_free(&sh);

	/* Two charts of Excel's own, on the table's sheet. */
	assert_int_equal(zip_count(path, "xl/charts/chart"), 2);
	assert_non_null(xml = zip_part(path, "xl/charts/chart1.xml"));
	assert_non_null(strstr(xml, "<c:barDir val=\"bar\"/>"));
	assert_non_null(strstr(xml, "'按类别'!$A$2:$A$4"));
	assert_non_null(strstr(xml, "'按类别'!$B$2:$B$4"));
	free(xml);
	assert_non_null(xml = zip_part(path, "xl/charts/chart2.xml"));
	assert_non_null(strstr(xml, "<c:barDir val=\"col\"/>"));
	assert_non_null(strstr(xml, "'按类别'!$D$2:$D$4"));
	assert_non_null(strstr(xml, "[h]:mm"));
	free(xml);
	/* The header frozen and filtered; the columns as wide as the text. */
	assert_non_null(xml = zip_part(path, "xl/worksheets/sheet1.xml"));
	assert_non_null(strstr(xml, "state=\"frozen\""));
	assert_non_null(strstr(xml, "<autoFilter ref=\"A1:D4\""));
	assert_non_null(strstr(xml, "<drawing "));
	/* 确认用时中位数: 7 CJK, 14 columns, the filter's 2, a margin's 2. */
	assert_non_null(strstr(xml, "<col min=\"4\" max=\"4\" width=\"18."));
	free(xml);
}

static void
test_split(void **state)
{
	static const struct book_column cols[] = {
		{ "编号", BOOK_NUMBER }, { "内容", BOOK_TEXT },
	};
	struct yj_error	 err;
	struct sheet	 sh;
	struct book	*b;
	char		 path[128], *xml;
	int		 i;

	(void)state;
	snprintf(path, sizeof path, "%s/export.xlsx", dir);
	assert_non_null(b = book_create(path, &err));
	/* Four rows a sheet: the header and three. */
	book_set_rows(b, 4);
	assert_int_equal(book_table(b, "事件", cols, 2, &err), YJ_OK);
	book_chart(b, BOOK_CHART_LINE, "编号", 1, 0);
	for (i = 1; i <= 7; i++) {
		book_number(b, i);
		book_text(b, "记录");
	}
	assert_int_equal(book_rows(b), 7);
	/* A name too long for " (2)" is cut to Excel's 31 characters. */
	assert_int_equal(book_table(b, "一二三四五六七八九十一二三四五六七八九十"
	    "一二三四五六七八九十", cols, 2, &err), YJ_OK);
	for (i = 1; i <= 4; i++) {
		book_number(b, i);
		book_text(b, "x");
	}
	/* An empty table: its header, and no chart. */
	assert_int_equal(book_table(b, "空", cols, 2, &err), YJ_OK);
	book_chart(b, BOOK_CHART_COLUMN, "无", 1, 0);
	/* Charts stopped before a total: it is in the table, not drawn. */
	assert_int_equal(book_table(b, "合计", cols, 2, &err), YJ_OK);
	book_chart(b, BOOK_CHART_COLUMN, "各项", 1, 0);
	book_number(b, 1);
	book_text(b, "甲");
	book_number(b, 2);
	book_text(b, "乙");
	book_chart_stop(b);
	book_number(b, 3);
	book_text(b, "合计");
	/* Stopped before any row: nothing drawn. */
	assert_int_equal(book_table(b, "无图", cols, 2, &err), YJ_OK);
	book_chart(b, BOOK_CHART_COLUMN, "无", 1, 0);
	book_chart_stop(b);
	book_number(b, 1);
	book_text(b, "甲");
	assert_int_equal(book_close(b, &err), YJ_OK);

	read_sheet(path, "事件 (3)", &sh);
	assert_int_equal(sh.nrows, 2);
	assert_string_equal(sheet_cell(&sh.rows[0], 0), "编号");
	assert_string_equal(sheet_cell(&sh.rows[1], 0), "7");
	sheet_free(&sh);
	read_sheet(path, "事件 (2)", &sh);
	assert_int_equal(sh.nrows, 4);
	assert_string_equal(sheet_cell(&sh.rows[1], 0), "4");
	assert_string_equal(sheet_cell(&sh.rows[3], 0), "6");
	sheet_free(&sh);
	read_sheet(path, "一二三四五六七八九十一二三四五六七八九十一二三四五六七 (2)",
	    &sh);
	assert_int_equal(sh.nrows, 2);
	assert_string_equal(sheet_cell(&sh.rows[1], 0), "4");
	sheet_free(&sh);
	read_sheet(path, "空", &sh);
	assert_int_equal(sh.nrows, 1);
	sheet_free(&sh);
	/* The chart of the first sheet's rows only; none of the empty. */
	assert_int_equal(zip_count(path, "xl/charts/chart"), 2);
	assert_non_null(xml = zip_part(path, "xl/charts/chart1.xml"));
	assert_non_null(strstr(xml, "'事件'!$A$2:$A$4"));
	free(xml);
	assert_non_null(xml = zip_part(path, "xl/charts/chart2.xml"));
	assert_non_null(strstr(xml, "'合计'!$B$2:$B$3"));
	free(xml);
	assert_int_equal(zip_count(path, "xl/worksheets/sheet"), 8);
}

static void
test_long_cell(void **state)
{
	static const struct book_column cols[] = { { "内容", BOOK_TEXT } };
	struct yj_error	 err;
	struct sheet	 sh;
	struct book	*b;
	char		 path[128], *s;
	size_t		 i, n = 0;

	(void)state;
	snprintf(path, sizeof path, "%s/long.xlsx", dir);
	/* 40,000 characters of three bytes each. */
	s = xmalloc(40000 * 3 + 1);
	for (i = 0; i < 40000; i++)
		memcpy(s + 3 * i, "字", 3);
	s[40000 * 3] = '\0';
	assert_non_null(b = book_create(path, &err));
	assert_int_equal(book_table(b, "长", cols, 1, &err), YJ_OK);
	book_text(b, s);
	assert_int_equal(book_close(b, &err), YJ_OK);
	free(s);
	read_sheet(path, NULL, &sh);
	s = sh.rows[1].cells[0];
	for (i = 0; s[i] != '\0'; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	assert_int_equal(n, 32767);
	assert_string_equal(s + strlen(s) - 3, "…");
	sheet_free(&sh);
}

static void
test_nothing_left(void **state)
{
	static const struct book_column cols[] = { { "内容", BOOK_TEXT } };
	struct yj_error	 err;
	struct book	*b;
	char		 path[128], *old;
	size_t		 len;
	FILE		*f;
	struct stat	 st;
	int		 before;

	(void)state;
	/* A directory that is not there: one message, no file. */
	assert_null(book_create("/nonexistent-yj/report.xlsx", &err));
	assert_int_equal(err.status, YJ_BAD_INPUT);
	assert_non_null(strstr(err.msg, "/nonexistent-yj/report.xlsx"));
	assert_null(book_create("out/", &err));
	assert_int_equal(err.status, YJ_BAD_INPUT);
	/* A directory is refused before any work, not at the rename. */
	assert_null(book_create(dir, &err));
	assert_int_equal(err.status, YJ_BAD_INPUT);
	assert_non_null(strstr(err.msg, "a directory"));
	/* A device or a link would be replaced by the rename: refused. */
	assert_null(book_create("/dev/null", &err));
	assert_int_equal(err.status, YJ_BAD_INPUT);
	assert_non_null(strstr(err.msg, "not a regular file"));
	assert_null(book_create("-", &err));
	assert_int_equal(err.status, YJ_BAD_INPUT);
	snprintf(path, sizeof path, "%s/link.xlsx", dir);
	assert_int_equal(symlink("/dev/null", path), 0);
	assert_null(book_create(path, &err));
	assert_non_null(strstr(err.msg, "a symbolic link"));
	unlink(path);

	/* Discarded: the file that was there stays as it was. */
	snprintf(path, sizeof path, "%s/kept.xlsx", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("earlier", f);
	fclose(f);
	assert_int_equal(chmod(path, 0600), 0);
	before = files_in(dir);
	assert_non_null(b = book_create(path, &err));
	assert_int_equal(book_table(b, "表", cols, 1, &err), YJ_OK);
	book_text(b, "新");
	book_discard(b);
	old = slurp(path, &len);
	assert_string_equal(old, "earlier");
	free(old);
	assert_int_equal(files_in(dir), before);

	/* A sheet name Excel refuses: the close fails, the file stays. */
	assert_non_null(b = book_create(path, &err));
	assert_int_equal(book_table(b, "表", cols, 1, &err), YJ_OK);
	assert_int_equal(book_table(b, "a/b", cols, 1, &err), YJ_BAD_INPUT);
	assert_non_null(strstr(err.msg, "a/b"));
	assert_int_equal(book_close(b, &err), YJ_BAD_INPUT);
	old = slurp(path, &len);
	assert_string_equal(old, "earlier");
	free(old);
	assert_int_equal(files_in(dir), before);
	/* Replaced at last: it keeps the mode of the file it replaces. */
	assert_non_null(b = book_create(path, &err));
	assert_int_equal(book_table(b, "表", cols, 1, &err), YJ_OK);
	book_text(b, "新");
	assert_int_equal(book_close(b, &err), YJ_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(files_in(dir), before);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types_and_charts),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_long_cell),
		cmocka_unit_test(test_nothing_left),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
