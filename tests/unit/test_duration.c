/* Unit tests for duration.c and caltime.c. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "yujing/caltime.h"
#include "yujing/duration.h"

#define MSG_EMPTY	"empty duration"
#define MSG_NOUNIT	"missing unit (write e.g. 30m, 2h, 1d)"
#define MSG_BADUNIT	"unknown unit (use w, d, h, m or s)"
#define MSG_ORDER	"units out of order (largest first, e.g. 1d12h)"
#define MSG_TWICE	"unit given twice"
#define MSG_NONUM	"number expected before unit"
#define MSG_ZERO	"duration must be positive"
#define MSG_LONG	"duration too long (at most 366d)"
#define MSG_CHAR	"unexpected character (write digits and a unit, e.g. 1d12h)"
#define MSG_FRAC	"whole numbers only (write 90m, not 1.5h)"

static void
ok_duration(const char *s, int64_t want)
{
	int64_t		 got = -7;
	const char	*why = NULL;

	if (duration_parse(s, &got, &why) != 0)
		fail_msg("\"%s\" rejected: %s", s, why);
	if (got != want)
		fail_msg("\"%s\" gave %lld, want %lld", s, (long long)got,
		    (long long)want);
}

static void
bad_duration(const char *s, const char *want_why)
{
	int64_t		 got = -7;
	const char	*why = NULL;

	if (duration_parse(s, &got, &why) != -1)
		fail_msg("\"%s\" accepted as %lld", s ? s : "(null)",
		    (long long)got);
	assert_int_equal(got, -7);	/* untouched on error */
	assert_non_null(why);
	if (strcmp(why, want_why) != 0)
		fail_msg("\"%s\": got \"%s\", want \"%s\"", s ? s : "(null)",
		    why, want_why);
}

/* The retention rules' durations: years too, up to 100y. */
static void
test_duration_long(void **state)
{
	int64_t		 got = -7;
	const char	*why = NULL;

	(void)state;
	assert_int_equal(duration_parse_long("3y", &got, &why), 0);
	assert_int_equal(got, 3 * 365 * 86400LL);
	assert_int_equal(duration_parse_long("1y6w", &got, &why), 0);
	assert_int_equal(got, 365 * 86400LL + 42 * 86400LL);
	assert_int_equal(duration_parse_long("730d", &got, &why), 0);
	assert_int_equal(got, 730 * 86400LL);
	assert_int_equal(duration_parse_long("100y", &got, &why), 0);
	got = -7;
	assert_int_equal(duration_parse_long("101y", &got, &why), -1);
	assert_string_equal(why, "duration too long (at most 100y)");
	assert_int_equal(got, -7);
	assert_int_equal(duration_parse_long("6w1y", &got, &why), -1);
	assert_string_equal(why, MSG_ORDER);
	assert_int_equal(duration_parse_long("3yr", &got, &why), -1);
	assert_string_equal(why, "unknown unit (use y, w, d, h, m or s)");
	/* Elsewhere a year is not a unit, and said so. */
	bad_duration("1y", "years are for the retention rules only (here at "
	    "most 366d)");
	bad_duration("1x", MSG_BADUNIT);
}

static void
test_duration_units(void **state)
{
	(void)state;
	ok_duration("45s", 45);
	ok_duration("30m", 1800);
	ok_duration("2h", 7200);
	ok_duration("1d", 86400);
	ok_duration("1w", 604800);
	ok_duration("1s", 1);
	ok_duration("1d12h", 129600);
	ok_duration("1m30s", 90);
	ok_duration("1w1d1h1m1s", 604800 + 86400 + 3600 + 60 + 1);
	ok_duration("2w1h", 1209600 + 3600);
	ok_duration("90m", 5400);		/* no carrying required */
	ok_duration("3600s", 3600);
	ok_duration("05m", 300);		/* leading zero is still decimal */
	ok_duration("0d5m", 300);		/* a zero part is allowed */
	ok_duration("0000000000000000000000001s", 1);
	ok_duration("366d", DURATION_MAX);
	ok_duration("52w2d", DURATION_MAX);
	ok_duration("31622400s", DURATION_MAX);
	ok_duration("365d23h59m59s", DURATION_MAX - 1);
}

static void
test_duration_errors(void **state)
{
	(void)state;
	bad_duration(NULL, MSG_EMPTY);
	bad_duration("", MSG_EMPTY);

	bad_duration("30", MSG_NOUNIT);
	bad_duration("1d12", MSG_NOUNIT);
	bad_duration("5 m", MSG_NOUNIT);
	bad_duration("5m ", MSG_CHAR);

	bad_duration("5x", MSG_BADUNIT);
	bad_duration("5M", MSG_BADUNIT);
	bad_duration("5min", MSG_BADUNIT);
	bad_duration("1h5y", "years are for the retention rules only (here at most 366d)");
	bad_duration("5ms", MSG_BADUNIT);
	bad_duration("1hr", MSG_BADUNIT);
	bad_duration("2days", MSG_BADUNIT);
	bad_duration("1dh", MSG_BADUNIT);

	bad_duration("1h1d", MSG_ORDER);
	bad_duration("30s1m", MSG_ORDER);
	bad_duration("1d1w", MSG_ORDER);

	bad_duration("1h1h", MSG_TWICE);
	bad_duration("1d2h1d", MSG_TWICE);

	bad_duration("m", MSG_NONUM);
	bad_duration("1d1hm", MSG_BADUNIT);
	bad_duration("1d h", MSG_CHAR);
	bad_duration("w1", MSG_NONUM);
	bad_duration("h", MSG_NONUM);
	bad_duration("1d-h", MSG_CHAR);

	bad_duration("0s", MSG_ZERO);
	bad_duration("0w0d0h0m0s", MSG_ZERO);
	bad_duration("00m", MSG_ZERO);

	bad_duration("-5m", "duration must be positive");
	bad_duration("-h", MSG_CHAR);
	bad_duration("+5m", MSG_CHAR);
	bad_duration(" 5m", MSG_CHAR);
	bad_duration("5m-1s", MSG_CHAR);

	bad_duration("1.5h", MSG_FRAC);
	bad_duration("1,5h", MSG_FRAC);

	bad_duration("367d", MSG_LONG);
	bad_duration("366d1s", MSG_LONG);
	bad_duration("52w2d1s", MSG_LONG);
	bad_duration("31622401s", MSG_LONG);
	bad_duration("53w", MSG_LONG);
	bad_duration("9223372036854775807s", MSG_LONG);
	bad_duration("9223372036854775808s", MSG_LONG);
	bad_duration("99999999999999999999999999999999999999w", MSG_LONG);
	bad_duration("1w99999999999999999999999999999999999999s", MSG_LONG);
}

/* why may be NULL, secs may be NULL: the result is still right. */
static void
test_duration_null_outputs(void **state)
{
	int64_t	got = 0;

	(void)state;
	assert_int_equal(duration_parse("5m", NULL, NULL), 0);
	assert_int_equal(duration_parse("5", &got, NULL), -1);
	assert_int_equal(got, 0);
	assert_int_equal(duration_parse("5m", &got, NULL), 0);
	assert_int_equal(got, 300);
}

static void
test_duration_format(void **state)
{
	char	buf[DURATION_BUFSZ];

	(void)state;
	assert_string_equal(duration_format(1, buf, sizeof buf), "1s");
	assert_string_equal(duration_format(59, buf, sizeof buf), "59s");
	assert_string_equal(duration_format(60, buf, sizeof buf), "1m");
	assert_string_equal(duration_format(90, buf, sizeof buf), "1m30s");
	assert_string_equal(duration_format(3600, buf, sizeof buf), "1h");
	assert_string_equal(duration_format(3601, buf, sizeof buf), "1h1s");
	assert_string_equal(duration_format(86400, buf, sizeof buf), "1d");
	assert_string_equal(duration_format(129600, buf, sizeof buf), "1d12h");
	assert_string_equal(duration_format(604800, buf, sizeof buf), "1w");
	assert_string_equal(duration_format(1209600 + 3600, buf, sizeof buf),
	    "14d1h");
	assert_string_equal(duration_format(1209600, buf, sizeof buf), "2w");
	assert_string_equal(duration_format(30 * 86400, buf, sizeof buf),
	    "30d");
	assert_string_equal(duration_format(604800 - 1, buf, sizeof buf),
	    "6d23h59m59s");
	assert_string_equal(duration_format(DURATION_MAX, buf, sizeof buf),
	    "366d");
	assert_string_equal(duration_format(0, buf, sizeof buf), "0s");
	assert_string_equal(duration_format(-5, buf, sizeof buf), "0s");
	assert_string_equal(duration_format(INT64_MIN, buf, sizeof buf), "0s");
	assert_string_equal(duration_format(INT64_MAX, buf, sizeof buf),
	    "106751991167300d15h30m7s");
	assert_ptr_equal(duration_format(90, buf, sizeof buf), buf);
}

/* A small buffer is cut short and still terminated, never overrun. */
static void
test_duration_format_small(void **state)
{
	char	buf[8];

	(void)state;
	memset(buf, 'X', sizeof buf);
	duration_format(604800 - 1, buf, 5);
	assert_string_equal(buf, "6d23");
	assert_int_equal(buf[5], 'X');

	memset(buf, 'X', sizeof buf);
	duration_format(0, buf, 2);
	assert_string_equal(buf, "0");

	memset(buf, 'X', sizeof buf);
	duration_format(90, buf, 0);
	assert_int_equal(buf[0], 'X');

	duration_format(90, buf, 1);
	assert_string_equal(buf, "");
}

static void
round_trip(int64_t secs)
{
	char		 buf[DURATION_BUFSZ];
	int64_t		 back = -1;
	const char	*why = NULL;

	duration_format(secs, buf, sizeof buf);
	if (duration_parse(buf, &back, &why) != 0)
		fail_msg("%lld formatted as \"%s\", rejected: %s",
		    (long long)secs, buf, why);
	if (back != secs)
		fail_msg("%lld formatted as \"%s\", parsed back as %lld",
		    (long long)secs, buf, (long long)back);
}

static void
test_duration_round_trip(void **state)
{
	int64_t	v;
	int	u;

	(void)state;
	for (v = 1; v <= 200000; v += 37)
		round_trip(v);
	for (v = 1; v <= 4000; v++)
		round_trip(v);
	for (v = DURATION_MAX; v > DURATION_MAX - 4000; v--)
		round_trip(v);
	for (v = 1; v <= DURATION_MAX; v += 9973)
		round_trip(v);
	/* Every combination of unit boundaries, plus and minus one. */
	for (u = 1; u <= 52; u++) {
		round_trip(u * 604800LL - 1);
		round_trip(u * 604800LL);
		round_trip(u * 604800LL + 1);
	}
	for (u = 1; u < 366; u++) {
		round_trip(u * 86400LL - 1);
		round_trip(u * 86400LL);
		round_trip(u * 86400LL + 1);
	}
	round_trip(366 * 86400LL - 1);
	round_trip(366 * 86400LL);
}

static void
ok_hhmm(const char *s, int want)
{
	int		 got = -7;
	const char	*why = NULL;

	if (caltime_parse_hhmm(s, &got, &why) != 0)
		fail_msg("\"%s\" rejected: %s", s, why);
	assert_int_equal(got, want);
}

static void
bad_hhmm(const char *s, const char *want_why)
{
	int		 got = -7;
	const char	*why = NULL;

	if (caltime_parse_hhmm(s, &got, &why) != -1)
		fail_msg("\"%s\" accepted as %d", s ? s : "(null)", got);
	assert_int_equal(got, -7);
	assert_non_null(why);
	assert_string_equal(why, want_why);
}

static void
test_hhmm(void **state)
{
	char	buf[8];
	int	m, got;

	(void)state;
	ok_hhmm("00:00", 0);
	ok_hhmm("0:00", 0);
	ok_hhmm("07:05", 425);
	ok_hhmm("7:05", 425);
	ok_hhmm("12:30", 750);
	ok_hhmm("23:59", 1439);

	bad_hhmm(NULL, "expected HH:MM");
	bad_hhmm("", "expected HH:MM");
	bad_hhmm("7", "expected HH:MM");
	bad_hhmm("7:", "expected HH:MM");
	bad_hhmm("7:5", "expected HH:MM");
	bad_hhmm("07:005", "expected HH:MM");
	bad_hhmm("007:05", "expected HH:MM");
	bad_hhmm(":05", "expected HH:MM");
	bad_hhmm("07-05", "expected HH:MM");
	bad_hhmm("0705", "expected HH:MM");
	bad_hhmm("07:05 ", "expected HH:MM");
	bad_hhmm(" 07:05", "expected HH:MM");
	bad_hhmm("+7:05", "expected HH:MM");
	bad_hhmm("-1:00", "expected HH:MM");
	bad_hhmm("07:5a", "expected HH:MM");
	bad_hhmm("ab:cd", "expected HH:MM");
	bad_hhmm("24:00", "hour out of range (00-23)");
	bad_hhmm("99:00", "hour out of range (00-23)");
	bad_hhmm("12:60", "minute out of range (00-59)");
	bad_hhmm("0:99", "minute out of range (00-59)");

	assert_string_equal(caltime_format_hhmm(0, buf, sizeof buf), "00:00");
	assert_string_equal(caltime_format_hhmm(425, buf, sizeof buf),
	    "07:05");
	assert_string_equal(caltime_format_hhmm(1439, buf, sizeof buf),
	    "23:59");
	assert_string_equal(caltime_format_hhmm(1440, buf, sizeof buf),
	    "00:00");
	assert_string_equal(caltime_format_hhmm(-1, buf, sizeof buf), "23:59");

	/* Every minute of the day survives format then parse. */
	for (m = 0; m < 24 * 60; m++) {
		caltime_format_hhmm(m, buf, sizeof buf);
		got = -1;
		assert_int_equal(caltime_parse_hhmm(buf, &got, NULL), 0);
		assert_int_equal(got, m);
	}
}

static void
ok_date(const char *s, int y, int mo, int d)
{
	struct caldate	 got = { -1, -1, -1 };
	const char	*why = NULL;

	if (caltime_parse_date(s, &got, &why) != 0)
		fail_msg("\"%s\" rejected: %s", s, why);
	assert_int_equal(got.year, y);
	assert_int_equal(got.month, mo);
	assert_int_equal(got.day, d);
}

static void
bad_date(const char *s, const char *want_why)
{
	struct caldate	 got = { -1, -1, -1 };
	const char	*why = NULL;

	if (caltime_parse_date(s, &got, &why) != -1)
		fail_msg("\"%s\" accepted", s ? s : "(null)");
	assert_int_equal(got.year, -1);
	assert_non_null(why);
	assert_string_equal(why, want_why);
}

#define MSG_DATE	"expected YYYY-MM-DD"
#define MSG_YEAR	"year out of range (1970-9999)"
#define MSG_MONTH	"month out of range (01-12)"
#define MSG_DAY		"day out of range (01-31)"
#define MSG_NODAY	"no such day in that month"

static void
test_date(void **state)
{
	(void)state;
	ok_date("2026-03-14", 2026, 3, 14);
	ok_date("1970-01-01", 1970, 1, 1);
	ok_date("9999-12-31", 9999, 12, 31);
	ok_date("2024-02-29", 2024, 2, 29);	/* divisible by 4 */
	ok_date("2000-02-29", 2000, 2, 29);	/* divisible by 400 */
	ok_date("2026-02-28", 2026, 2, 28);
	ok_date("2026-04-30", 2026, 4, 30);
	ok_date("2026-01-31", 2026, 1, 31);

	bad_date(NULL, MSG_DATE);
	bad_date("", MSG_DATE);
	bad_date("2026-3-14", MSG_DATE);
	bad_date("2026-03-4", MSG_DATE);
	bad_date("26-03-14", MSG_DATE);
	bad_date("2026/03/14", MSG_DATE);
	bad_date("20260314", MSG_DATE);
	bad_date("2026-03-14 ", MSG_DATE);
	bad_date("2026-03-14x", MSG_DATE);
	bad_date(" 2026-03-14", MSG_DATE);
	bad_date("+2026-03-14", MSG_DATE);
	bad_date("2026-0a-14", MSG_DATE);
	bad_date("12026-03-14", MSG_DATE);
	bad_date("2026-03-14..2026-03-15", MSG_DATE);

	bad_date("1969-12-31", MSG_YEAR);
	bad_date("1900-02-28", MSG_YEAR);
	bad_date("0000-01-01", MSG_YEAR);

	bad_date("2026-00-10", MSG_MONTH);
	bad_date("2026-13-01", MSG_MONTH);

	bad_date("2026-03-00", MSG_DAY);
	bad_date("2026-03-32", MSG_DAY);
	bad_date("2026-03-99", MSG_DAY);

	bad_date("2026-02-29", MSG_NODAY);	/* not a leap year */
	bad_date("2100-02-29", MSG_NODAY);	/* divisible by 100, not 400 */
	bad_date("2024-02-30", MSG_NODAY);
	bad_date("2026-04-31", MSG_NODAY);
	bad_date("2026-06-31", MSG_NODAY);
	bad_date("2026-09-31", MSG_NODAY);
	bad_date("2026-11-31", MSG_NODAY);
}

/* Day counts of every month across a leap cycle, checked at the edge. */
static void
test_date_month_lengths(void **state)
{
	static const int	len[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	char	buf[48];	/* roomy enough for any int, for -Wformat-truncation */
	int	y, m, leap, last;

	(void)state;
	for (y = 1970; y <= 2400; y++) {
		leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		for (m = 1; m <= 12; m++) {
			last = len[m - 1] + (m == 2 && leap);
			snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, last);
			assert_int_equal(caltime_parse_date(buf, NULL, NULL), 0);
			snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m,
			    last + 1);
			assert_int_equal(caltime_parse_date(buf, NULL, NULL),
			    -1);
		}
	}
}

static void
test_date_format_cmp(void **state)
{
	struct caldate	a = { 2026, 3, 14 }, b = { 2026, 3, 15 };
	struct caldate	c = { 2026, 4, 1 }, d = { 2027, 1, 1 };
	struct caldate	back;
	char		buf[16];

	(void)state;
	assert_string_equal(caldate_format(&a, buf, sizeof buf), "2026-03-14");
	assert_ptr_equal(caldate_format(&a, buf, sizeof buf), buf);
	assert_string_equal(caldate_format(&(struct caldate){ 1970, 1, 1 },
	    buf, sizeof buf), "1970-01-01");
	assert_int_equal(caltime_parse_date(caldate_format(&d, buf,
	    sizeof buf), &back, NULL), 0);
	assert_int_equal(caldate_cmp(&back, &d), 0);

	assert_true(caldate_cmp(&a, &b) < 0);
	assert_true(caldate_cmp(&b, &a) > 0);
	assert_true(caldate_cmp(&b, &c) < 0);	/* month beats day */
	assert_true(caldate_cmp(&c, &b) > 0);
	assert_true(caldate_cmp(&c, &d) < 0);	/* year beats month */
	assert_true(caldate_cmp(&d, &c) > 0);
	assert_int_equal(caldate_cmp(&a, &a), 0);
}

static void
ok_range(const char *s, int fy, int fm, int fd, int ty, int tm, int td)
{
	struct caldate	 from = { -1, -1, -1 }, to = { -1, -1, -1 };
	const char	*why = NULL;

	if (caltime_parse_range(s, &from, &to, &why) != 0)
		fail_msg("\"%s\" rejected: %s", s, why);
	assert_int_equal(from.year, fy);
	assert_int_equal(from.month, fm);
	assert_int_equal(from.day, fd);
	assert_int_equal(to.year, ty);
	assert_int_equal(to.month, tm);
	assert_int_equal(to.day, td);
}

static void
bad_range(const char *s, const char *want_why)
{
	struct caldate	 from = { -1, -1, -1 }, to = { -1, -1, -1 };
	const char	*why = NULL;

	if (caltime_parse_range(s, &from, &to, &why) != -1)
		fail_msg("\"%s\" accepted", s ? s : "(null)");
	assert_int_equal(from.year, -1);
	assert_int_equal(to.year, -1);
	assert_non_null(why);
	assert_string_equal(why, want_why);
}

static void
test_range(void **state)
{
	(void)state;
	ok_range("2026-03-14", 2026, 3, 14, 2026, 3, 14);
	ok_range("2026-03-14..2026-03-20", 2026, 3, 14, 2026, 3, 20);
	ok_range("2026-03-14..2026-03-14", 2026, 3, 14, 2026, 3, 14);
	ok_range("2025-12-20..2026-01-05", 2025, 12, 20, 2026, 1, 5);
	ok_range("2024-02-29..2024-03-01", 2024, 2, 29, 2024, 3, 1);

	bad_range(NULL, MSG_DATE);
	bad_range("", MSG_DATE);
	bad_range("..", MSG_DATE);
	bad_range("2026-03-14..", MSG_DATE);
	bad_range("..2026-03-14", MSG_DATE);
	bad_range("2026-03-14...2026-03-20", MSG_DATE);
	bad_range("2026-03-14.2026-03-20", MSG_DATE);
	bad_range("2026-03-14 .. 2026-03-20", MSG_DATE);
	bad_range("2026-03-14..2026-03-20..2026-03-30", MSG_DATE);
	bad_range("2026-03-14-2026-03-20", MSG_DATE);
	bad_range("2026-02-29..2026-03-20", MSG_NODAY);
	bad_range("2026-03-14..2026-13-20", MSG_MONTH);
	bad_range("1969-03-14..2026-03-20", MSG_YEAR);
	bad_range("2026-03-20..2026-03-14", "range ends before it starts");
	bad_range("2027-01-01..2026-12-31", "range ends before it starts");
}

static void
test_weekday(void **state)
{
	(void)state;
	assert_int_equal(caltime_weekday("monday"), 1);
	assert_int_equal(caltime_weekday("tuesday"), 2);
	assert_int_equal(caltime_weekday("wednesday"), 3);
	assert_int_equal(caltime_weekday("thursday"), 4);
	assert_int_equal(caltime_weekday("friday"), 5);
	assert_int_equal(caltime_weekday("saturday"), 6);
	assert_int_equal(caltime_weekday("sunday"), 7);

	assert_int_equal(caltime_weekday(NULL), 0);
	assert_int_equal(caltime_weekday(""), 0);
	assert_int_equal(caltime_weekday("Monday"), 0);
	assert_int_equal(caltime_weekday("MONDAY"), 0);
	assert_int_equal(caltime_weekday("mon"), 0);
	assert_int_equal(caltime_weekday("mondays"), 0);
	assert_int_equal(caltime_weekday(" monday"), 0);
	assert_int_equal(caltime_weekday("funday"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duration_units),
		cmocka_unit_test(test_duration_long),
		cmocka_unit_test(test_duration_errors),
		cmocka_unit_test(test_duration_null_outputs),
		cmocka_unit_test(test_duration_format),
		cmocka_unit_test(test_duration_format_small),
		cmocka_unit_test(test_duration_round_trip),
		cmocka_unit_test(test_hhmm),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_date_month_lengths),
		cmocka_unit_test(test_date_format_cmp),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_weekday),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
