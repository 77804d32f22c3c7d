/* Unit tests for csv.c: the reader, its errors, the writer and GBK input. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "yujing/buf.h"
#include "yujing/csv.h"
#include "yujing/xmalloc.h"

#define MSG_OPEN	"quote left open"
#define MSG_AFTER	"text after a closing quote"
#define MSG_QUOTE	"quote inside an unquoted field"
#define MSG_LONG	"field longer than 64 KiB"
#define MSG_MANY	"too many fields"
#define MSG_NUL		"NUL byte"

/*
 * Reads one record and checks it: want is the fields, nwant of them, and
 * line is where the record should start.
 */
static void
want_record(struct csv_reader *r, int line, size_t nwant, const char **want)
{
	const char	*why = NULL;
	size_t		 i;
	int		 rc;

	rc = csv_read(r, &why);
	if (rc != 1)
		fail_msg("want a record at line %d, got %d (%s)", line, rc,
		    why != NULL ? why : "-");
	assert_int_equal(r->record_line, line);
	assert_int_equal(r->nfields, nwant);
	for (i = 0; i < nwant; i++) {
		if (strcmp(r->fields[i], want[i]) != 0)
			fail_msg("line %d field %zu: got \"%s\", want \"%s\"",
			    line, i, r->fields[i], want[i]);
	}
}

#define WANT(r, line, ...) do {						\
	const char *want_[] = { __VA_ARGS__ };				\
	want_record((r), (line), sizeof want_ / sizeof want_[0], want_); \
} while (0)

static void
want_error(struct csv_reader *r, int line, const char *msg)
{
	const char	*why = NULL;
	int		 rc;

	rc = csv_read(r, &why);
	if (rc != -1)
		fail_msg("want \"%s\" at line %d, got %d", msg, line, rc);
	assert_non_null(why);
	assert_string_equal(why, msg);
	assert_int_equal(r->record_line, line);
	assert_int_equal(r->nfields, 0);
}

static void
want_end(struct csv_reader *r)
{
	const char	*why = NULL;

	assert_int_equal(csv_read(r, &why), 0);
	assert_null(why);
	/* The end stays the end. */
	assert_int_equal(csv_read(r, &why), 0);
}

static void
init_str(struct csv_reader *r, const char *s)
{
	csv_reader_init(r, s, strlen(s));
}

static void
test_simple(void **state)
{
	struct csv_reader	 r;

	(void)state;
	init_str(&r, "id,name,class\n1,张三,计科2101\n2,李四,计科2102\n");
	WANT(&r, 1, "id", "name", "class");
	WANT(&r, 2, "1", "张三", "计科2101");
	WANT(&r, 3, "2", "李四", "计科2102");
	want_end(&r);
	assert_int_equal(r.line, 4);
	csv_reader_done(&r);
}

static void
test_quoted(void **state)
{
	struct csv_reader	 r;

	(void)state;
	init_str(&r,
	    "\"a,b\",\"say \"\"hi\"\"\",\"\"\n"
	    "x,\"two\nlines\",\"three\n\nlines\"\n"
	    "next,\"\"\"\"\n");
	WANT(&r, 1, "a,b", "say \"hi\"", "");
	WANT(&r, 2, "x", "two\nlines", "three\n\nlines");
	/* The record started on line 2; the next one is on line 6. */
	assert_int_equal(r.line, 6);
	WANT(&r, 6, "next", "\"");
	want_end(&r);
	csv_reader_done(&r);
}

static void
test_crlf(void **state)
{
	struct csv_reader	 r;

	(void)state;
	init_str(&r, "a,b\r\n\"c\r\nd\",\"e\rf\"\r\n\"g\"\r\nh\r\n");
	WANT(&r, 1, "a", "b");
	/* Inside quotes CRLF and a lone CR are kept as they are. */
	WANT(&r, 2, "c\r\nd", "e\rf");
	WANT(&r, 4, "g");
	WANT(&r, 5, "h");
	want_end(&r);
	csv_reader_done(&r);

	/* A CR that ends no line is data in an unquoted field too. */
	init_str(&r, "a\rb,c\r");
	WANT(&r, 1, "a\rb", "c");
	want_end(&r);
	csv_reader_done(&r);
}

static void
test_bom(void **state)
{
	struct csv_reader	 r;

	(void)state;
	init_str(&r, "\xef\xbb\xbf学号,姓名\r\n");
	WANT(&r, 1, "学号", "姓名");
	want_end(&r);
	csv_reader_done(&r);

	init_str(&r, "\xef\xbb\xbf\"q\",x\n");
	WANT(&r, 1, "q", "x");
	want_end(&r);
	csv_reader_done(&r);

	/* Only at the very start: later it is data. */
	init_str(&r, "a\n\xef\xbb\xbf" "b\n");
	WANT(&r, 1, "a");
	WANT(&r, 2, "\xef\xbb\xbf" "b");
	want_end(&r);
	csv_reader_done(&r);

	/* A BOM alone is an empty file. */
	init_str(&r, "\xef\xbb\xbf");
	want_end(&r);
	csv_reader_done(&r);
}

static void
test_no_newline_at_end(void **state)
{
	struct csv_reader	 r;

	(void)state;
	init_str(&r, "a,b\nc,d");
	WANT(&r, 1, "a", "b");
	WANT(&r, 2, "c", "d");
	want_end(&r);
	csv_reader_done(&r);

	init_str(&r, "a,\"b\"");
	WANT(&r, 1, "a", "b");
	want_end(&r);
	csv_reader_done(&r);

	init_str(&r, "");
	want_end(&r);
	assert_int_equal(r.line, 1);
	csv_reader_done(&r);
}

static void
test_blank_lines(void **state)
{
	struct csv_reader	 r;

	(void)state;
	init_str(&r, "\n\r\na\n\n\r\n\nb\r\n\r\r\n\n");
	WANT(&r, 3, "a");
	WANT(&r, 7, "b");
	want_end(&r);
	assert_int_equal(r.line, 10);
	csv_reader_done(&r);

	/* A quoted empty field is a record, not a blank line. */
	init_str(&r, "\"\"\n");
	WANT(&r, 1, "");
	want_end(&r);
	csv_reader_done(&r);
}

static void
test_empty_fields(void **state)
{
	struct csv_reader	 r;

	(void)state;
	init_str(&r, "a,,b\na,b,\n,\n,,\r\n");
	WANT(&r, 1, "a", "", "b");
	WANT(&r, 2, "a", "b", "");
	WANT(&r, 3, "", "");
	WANT(&r, 4, "", "", "");
	want_end(&r);
	csv_reader_done(&r);

	init_str(&r, "a,");
	WANT(&r, 1, "a", "");
	want_end(&r);
	csv_reader_done(&r);
}

static void
test_error_open_quote(void **state)
{
	struct csv_reader	 r;

	(void)state;
	init_str(&r, "a,b\nc,\"open\nd,e\nf,g\n");
	WANT(&r, 1, "a", "b");
	want_error(&r, 2, MSG_OPEN);
	/* The quote ate the rest, so that is the end. */
	want_end(&r);
	csv_reader_done(&r);

	init_str(&r, "\"");
	want_error(&r, 1, MSG_OPEN);
	want_end(&r);
	csv_reader_done(&r);

	/* A doubled quote at the very end is still inside the field. */
	init_str(&r, "\"ab\"\"");
	want_error(&r, 1, MSG_OPEN);
	want_end(&r);
	csv_reader_done(&r);
}

static void
test_error_after_quote(void **state)
{
	struct csv_reader	 r;

	(void)state;
	init_str(&r, "ok,1\n\"ab\"c,d\nok,2\n\"x\" ,y\r\nok,3\n\"z\"\r\r\nok,4");
	WANT(&r, 1, "ok", "1");
	want_error(&r, 2, MSG_AFTER);
	WANT(&r, 3, "ok", "2");
	want_error(&r, 4, MSG_AFTER);
	WANT(&r, 5, "ok", "3");
	want_error(&r, 6, MSG_AFTER);
	WANT(&r, 7, "ok", "4");
	want_end(&r);
	csv_reader_done(&r);
}

static void
test_error_quote_in_field(void **state)
{
	struct csv_reader	 r;

	(void)state;
	init_str(&r, "ab\"c,d\nok,1\nx,y\"\nok,2\n");
	want_error(&r, 1, MSG_QUOTE);
	WANT(&r, 2, "ok", "1");
	want_error(&r, 3, MSG_QUOTE);
	WANT(&r, 4, "ok", "2");
	want_end(&r);
	csv_reader_done(&r);

	/* The record started after blank lines: that is its line. */
	init_str(&r, "\n\nab\"c");
	want_error(&r, 3, MSG_QUOTE);
	want_end(&r);
	csv_reader_done(&r);
}

static void
test_error_nul(void **state)
{
	static const char	 data[] =
	    "a,b\nc,d\0e,f\nok,1\n\"q\0\nstill in q\",g\nok,2\n";
	struct csv_reader	 r;

	(void)state;
	csv_reader_init(&r, data, sizeof data - 1);
	WANT(&r, 1, "a", "b");
	want_error(&r, 2, MSG_NUL);
	WANT(&r, 3, "ok", "1");
	/* A NUL in a quoted field leaves the quoting sound: skip it all. */
	want_error(&r, 4, MSG_NUL);
	assert_int_equal(r.line, 6);
	WANT(&r, 6, "ok", "2");
	want_end(&r);
	csv_reader_done(&r);

	/* The data need not be NUL-terminated; len is what counts. */
	csv_reader_init(&r, "x,y\nz", 3);
	WANT(&r, 1, "x", "y");
	want_end(&r);
	csv_reader_done(&r);
}

static void
test_error_too_many_fields(void **state)
{
	struct csv_reader	 r;
	struct buf		 b;
	int			 i;

	(void)state;
	buf_init(&b);
	/* Exactly CSV_MAX_FIELDS is fine. */
	for (i = 0; i < CSV_MAX_FIELDS; i++)
		buf_printf(&b, "%s%d", i ? "," : "", i);
	buf_puts(&b, "\n");
	for (i = 0; i <= CSV_MAX_FIELDS; i++)
		buf_printf(&b, "%s%d", i ? "," : "", i);
	/* The bad record spans lines; the reader must resume after it. */
	buf_puts(&b, ",\"multi\nline\"\nok,1\n");
	csv_reader_init(&r, b.data, b.len);

	assert_int_equal(csv_read(&r, NULL), 1);
	assert_int_equal(r.nfields, CSV_MAX_FIELDS);
	assert_string_equal(r.fields[CSV_MAX_FIELDS - 1], "255");
	want_error(&r, 2, MSG_MANY);
	WANT(&r, 4, "ok", "1");
	want_end(&r);
	csv_reader_done(&r);

	/* Trailing comma making field 257 counts too. */
	buf_done(&b);
	for (i = 0; i < CSV_MAX_FIELDS; i++)
		buf_puts(&b, "x,");
	buf_puts(&b, "\nok\n");
	csv_reader_init(&r, b.data, b.len);
	want_error(&r, 1, MSG_MANY);
	WANT(&r, 2, "ok");
	want_end(&r);
	csv_reader_done(&r);
	buf_done(&b);
}

static void
test_field_length_limit(void **state)
{
	struct csv_reader	 r;
	struct buf		 b;
	char			*big;

	(void)state;
	big = xmalloc(CSV_MAX_FIELD + 2);
	memset(big, 'x', CSV_MAX_FIELD + 1);
	big[CSV_MAX_FIELD + 1] = '\0';

	/* 64 KiB exactly: fine, quoted or not. */
	buf_init(&b);
	buf_add(&b, big, CSV_MAX_FIELD);
	buf_puts(&b, ",\"");
	buf_add(&b, big, CSV_MAX_FIELD - 2);
	buf_puts(&b, "\"\"\"\"\"\n");
	/* One more byte: too long, in either form. */
	buf_add(&b, big, CSV_MAX_FIELD + 1);
	buf_puts(&b, "\nok,1\n\"");
	buf_add(&b, big, CSV_MAX_FIELD - 1);
	buf_puts(&b, "\"\"\"\"\"\nok,2\n");
	csv_reader_init(&r, b.data, b.len);

	assert_int_equal(csv_read(&r, NULL), 1);
	assert_int_equal(r.nfields, 2);
	assert_int_equal(strlen(r.fields[0]), CSV_MAX_FIELD);
	assert_int_equal(strlen(r.fields[1]), CSV_MAX_FIELD);
	assert_string_equal(r.fields[1] + CSV_MAX_FIELD - 2, "\"\"");
	want_error(&r, 2, MSG_LONG);
	WANT(&r, 3, "ok", "1");
	want_error(&r, 4, MSG_LONG);
	WANT(&r, 5, "ok", "2");
	want_end(&r);
	csv_reader_done(&r);
	buf_done(&b);
	free(big);
}

static long
peak_rss_kib(void)
{
	struct rusage	 ru;

	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;	/* KiB on Linux */
}

/*
 * A 10 MB field is refused without being copied: copying it would raise
 * the peak RSS by 10 MB or more, and would take time.
 */
static void
test_huge_field(void **state)
{
	static const char	 mid[] = "\nok,1\n\"";
	static const char	 tail[] = "\",w\nok,2\n";
	const size_t		 n = 10 * 1024 * 1024;
	struct csv_reader	 r;
	char			*data, *p;
	size_t			 len, i;
	long			 before;
	clock_t			 t0;

	(void)state;
	/* One exact allocation, so the peak so far is just the input. */
	len = 2 + n + (sizeof mid - 1) + n + (sizeof tail - 1);
	p = data = xmalloc(len);
	memcpy(p, "a,", 2);
	p += 2;
	memset(p, 'y', n);
	p += n;
	memcpy(p, mid, sizeof mid - 1);
	p += sizeof mid - 1;
	memset(p, 'y', n);
	/* Some line ends inside the quoted one. */
	for (i = 1000; i < n; i += n / 4)
		p[i] = '\n';
	p += n;
	memcpy(p, tail, sizeof tail - 1);

	before = peak_rss_kib();
	t0 = clock();
	csv_reader_init(&r, data, len);
	want_error(&r, 1, MSG_LONG);
	WANT(&r, 2, "ok", "1");
	want_error(&r, 3, MSG_LONG);
	/* Four line ends inside the quoted field: it ended on line 7. */
	WANT(&r, 8, "ok", "2");
	want_end(&r);
	csv_reader_done(&r);
	if (peak_rss_kib() - before > 4 * 1024)
		fail_msg("peak RSS grew by %ld KiB", peak_rss_kib() - before);
	if (clock() - t0 > 2 * CLOCKS_PER_SEC)
		fail_msg("took %.1f s", (double)(clock() - t0) / CLOCKS_PER_SEC);
	free(data);
}

static void
test_many_records_linear(void **state)
{
	struct csv_reader	 r;
	struct buf		 b;
	int			 i, n = 0;

	(void)state;
	buf_init(&b);
	for (i = 0; i < 200000; i++)
		buf_printf(&b, "%d,\"名字%d\",x\r\n", i, i);
	csv_reader_init(&r, b.data, b.len);
	while (csv_read(&r, NULL) == 1) {
		assert_int_equal(r.record_line, n + 1);
		assert_int_equal(atoi(r.fields[0]), n);
		n++;
	}
	assert_int_equal(n, 200000);
	csv_reader_done(&r);
	buf_done(&b);
}

static void
test_writer_rules(void **state)
{
	struct buf	 b;

	(void)state;
	buf_init(&b);
	csv_write_field(&b, "plain", true);
	csv_write_field(&b, "中文", false);
	csv_write_field(&b, "a,b", false);
	csv_write_field(&b, "say \"hi\"", false);
	csv_write_field(&b, "two\nlines", false);
	csv_write_field(&b, "cr\rhere", false);
	csv_write_field(&b, " lead", false);
	csv_write_field(&b, "trail ", false);
	csv_write_field(&b, "in side", false);
	csv_write_field(&b, "", false);
	csv_write_field(&b, "\"", false);
	csv_write_end(&b);
	assert_string_equal(buf_str(&b),
	    "plain,中文,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
	    "\"cr\rhere\",\" lead\",\"trail \",in side,,\"\"\"\"\r\n");
	buf_done(&b);

	/* A lone empty field must not become a blank line. */
	csv_write_field(&b, "", true);
	csv_write_end(&b);
	csv_write_field(&b, "", true);
	csv_write_field(&b, "", false);
	csv_write_end(&b);
	assert_string_equal(buf_str(&b), "\"\"\r\n\"\",\r\n");
	buf_done(&b);

	/* Nor a leading U+FEFF a BOM that the reader skips. */
	csv_write_field(&b, "\xef\xbb\xbfx", true);
	csv_write_field(&b, "y\xef\xbb\xbf", false);
	csv_write_end(&b);
	assert_string_equal(buf_str(&b),
	    "\"\xef\xbb\xbfx\",y\xef\xbb\xbf\r\n");
	buf_done(&b);
}

/* Text for spreadsheets: what Excel would run gets a ' in front. */
static void
test_writer_text(void **state)
{
	struct buf	 b;

	(void)state;
	buf_init(&b);
	csv_write_text(&b, "=HYPERLINK(\"http://x\",\"y\")", true);
	csv_write_text(&b, "+1", false);
	csv_write_text(&b, "-1", false);
	csv_write_text(&b, "@SUM(1)", false);
	csv_write_text(&b, "\tx", false);
	csv_write_text(&b, "\rx", false);
	csv_write_end(&b);
	assert_string_equal(buf_str(&b),
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1,'-1,'@SUM(1),"
	    "'\tx,\"'\rx\"\r\n");
	buf_done(&b);

	/* Anything else as csv_write_field has it. */
	csv_write_text(&b, "", true);
	csv_write_text(&b, NULL, false);
	csv_write_text(&b, "a=1", false);
	csv_write_text(&b, "张三", false);
	csv_write_text(&b, "2024001", false);
	csv_write_end(&b);
	assert_string_equal(buf_str(&b),
	    "\"\",,a=1,张三,2024001\r\n");
	buf_done(&b);

	/* A number the program writes stays a number. */
	csv_write_field(&b, "-1", true);
	csv_write_end(&b);
	assert_string_equal(buf_str(&b), "-1\r\n");
	buf_done(&b);
}

static int
count_lf(const char *s)
{
	int	 n = 0;

	while ((s = strchr(s, '\n')) != NULL) {
		n++;
		s++;
	}
	return n;
}

static void
test_round_trip(void **state)
{
	static const char	*rows[][4] = {
		{ "学号", "姓名", "班级", "备注" },
		{ "2021001", "王小明", "计算机科学与技术 2101", "" },
		{ "2021002", "欧阳 娜娜", "软件,2102", "说：\"请假\"" },
		{ "", "多行\n备注", " 前后空格 ", "\"" },
		{ "x", "\r", "a\r\r\nb", "\r\n\n" },
		{ "", "", "", "" },
	};
	const size_t		 nrows = sizeof rows / sizeof rows[0];
	struct csv_reader	 r;
	struct buf		 b;
	size_t			 i, j;
	int			 line = 1;

	(void)state;
	buf_init(&b);
	for (i = 0; i < nrows; i++) {
		for (j = 0; j < 4; j++)
			csv_write_field(&b, rows[i][j], j == 0);
		csv_write_end(&b);
	}
	csv_reader_init(&r, b.data, b.len);
	for (i = 0; i < nrows; i++) {
		want_record(&r, line, 4, rows[i]);
		for (j = 0; j < 4; j++)
			line += count_lf(rows[i][j]);
		line++;
	}
	want_end(&r);
	csv_reader_done(&r);
	buf_done(&b);
}

static void
test_gbk(void **state)
{
	/* 学号,姓名 / 2021001,张三 in GBK, with CRLF as Excel writes it. */
	static const char	 gbk[] =
	    "\xd1\xa7\xba\xc5,\xd0\xd5\xc3\xfb\r\n2021001,\xd5\xc5\xc8\xfd\r\n";
	struct csv_reader	 r;
	struct buf		 b;
	int			 line = -5;

	(void)state;
	buf_init(&b);
	buf_puts(&b, "kept:");
	assert_int_equal(csv_from_gbk(gbk, sizeof gbk - 1, &b, &line), 0);
	assert_int_equal(line, -5);
	assert_string_equal(buf_str(&b),
	    "kept:学号,姓名\r\n2021001,张三\r\n");
	csv_reader_init(&r, b.data + 5, b.len - 5);
	WANT(&r, 1, "学号", "姓名");
	WANT(&r, 2, "2021001", "张三");
	want_end(&r);
	csv_reader_done(&r);
	buf_done(&b);

	/* Empty in, nothing out. */
	assert_int_equal(csv_from_gbk("", 0, &b, &line), 0);
	assert_int_equal(b.len, 0);
	buf_done(&b);
}

static void
bad_gbk(const char *data, size_t len, int want_line)
{
	struct buf	 b;
	int		 line = -5;

	buf_init(&b);
	buf_puts(&b, "before");
	if (csv_from_gbk(data, len, &b, &line) != -1)
		fail_msg("accepted: got \"%s\"", buf_str(&b));
	assert_int_equal(line, want_line);
	/* out is left as it was. */
	assert_string_equal(buf_str(&b), "before");
	buf_done(&b);
}

static void
test_gbk_errors(void **state)
{
	static const char	 lone[] =
	    "\xd1\xa7\xba\xc5\n2021001,\xd5\xc5\xc8\xfd\n\x81\nmore\n";
	static const char	 ff[] = "a\r\nb\r\nx,\xff,y\r\n";
	static const char	 cut[] = "a\nb\n\xd1";

	(void)state;
	bad_gbk(lone, sizeof lone - 1, 3);
	bad_gbk(ff, sizeof ff - 1, 3);
	/* Incomplete at the end (EINVAL) is an error too. */
	bad_gbk(cut, sizeof cut - 1, 3);
	bad_gbk("\x81", 1, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huge_field),
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_no_newline_at_end),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_error_open_quote),
		cmocka_unit_test(test_error_after_quote),
		cmocka_unit_test(test_error_quote_in_field),
		cmocka_unit_test(test_error_nul),
		cmocka_unit_test(test_error_too_many_fields),
		cmocka_unit_test(test_field_length_limit),
		cmocka_unit_test(test_many_records_linear),
		cmocka_unit_test(test_writer_rules),
		cmocka_unit_test(test_writer_text),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_gbk),
		cmocka_unit_test(test_gbk_errors),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
