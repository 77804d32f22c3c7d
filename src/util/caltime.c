/* Times of day and calendar dates: see include/yujing/caltime.h. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yujing/caltime.h"
#include "yujing/duration.h"

static const char *const caltime_days[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday",
};

static int
caltime_fail(const char **why, const char *msg)
{
	if (why != NULL)
		*why = msg;
	return (-1);
}

static int
caltime_is_digit(char c)
{
	return (c >= '0' && c <= '9');
}

/* Reads exactly n digits at s into *v; 0 if they are all digits. */
static int
caltime_digits(const char *s, int n, int *v)
{
	int	i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!caltime_is_digit(s[i]))
			return (-1);
		*v = *v * 10 + (s[i] - '0');
	}
	return (0);
}

static int
caltime_leap(int y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

static int
caltime_month_days(int y, int m)
{
	static const int	days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && caltime_leap(y))
		return (29);
	return (days[m - 1]);
}

int
caltime_parse_hhmm(const char *s, int *minutes, const char **why)
{
	int	hour, minute, nh;

	if (s == NULL)
		return (caltime_fail(why, "expected HH:MM"));
	nh = (s[0] != '\0' && s[1] == ':') ? 1 : 2;
	if (caltime_digits(s, nh, &hour) != 0 || s[nh] != ':' ||
	    caltime_digits(s + nh + 1, 2, &minute) != 0 || s[nh + 3] != '\0')
		return (caltime_fail(why, "expected HH:MM"));
	if (hour > 23)
		return (caltime_fail(why, "hour out of range (00-23)"));
	if (minute > 59)
		return (caltime_fail(why, "minute out of range (00-59)"));
	if (minutes != NULL)
		*minutes = hour * 60 + minute;
	return (0);
}

/* Parses exactly len bytes at s, which need not be NUL-terminated there. */
static int
caltime_parse_date_n(const char *s, size_t len, struct caldate *d,
    const char **why)
{
	struct caldate	c;

	if (len != 10 || caltime_digits(s, 4, &c.year) != 0 || s[4] != '-' ||
	    caltime_digits(s + 5, 2, &c.month) != 0 || s[7] != '-' ||
	    caltime_digits(s + 8, 2, &c.day) != 0)
		return (caltime_fail(why, "expected YYYY-MM-DD"));
	if (c.year < 1970)
		return (caltime_fail(why, "year out of range (1970-9999)"));
	if (c.month < 1 || c.month > 12)
		return (caltime_fail(why, "month out of range (01-12)"));
	if (c.day < 1 || c.day > 31)
		return (caltime_fail(why, "day out of range (01-31)"));
	if (c.day > caltime_month_days(c.year, c.month))
		return (caltime_fail(why, "no such day in that month"));
	if (d != NULL)
		*d = c;
	return (0);
}

int
caltime_parse_date(const char *s, struct caldate *d, const char **why)
{
	if (s == NULL)
		return (caltime_fail(why, "expected YYYY-MM-DD"));
	return (caltime_parse_date_n(s, strlen(s), d, why));
}

int
caltime_parse_range(const char *s, struct caldate *from, struct caldate *to,
    const char **why)
{
	struct caldate	 a, b;
	const char	*dots;

	if (s == NULL)
		return (caltime_fail(why, "expected YYYY-MM-DD"));
	dots = strstr(s, "..");
	if (dots == NULL) {
		if (caltime_parse_date(s, &a, why) != 0)
			return (-1);
		b = a;
	} else {
		if (caltime_parse_date_n(s, (size_t)(dots - s), &a, why) != 0 ||
		    caltime_parse_date(dots + 2, &b, why) != 0)
			return (-1);
		if (caldate_cmp(&a, &b) > 0)
			return (caltime_fail(why,
			    "range ends before it starts"));
	}
	if (from != NULL)
		*from = a;
	if (to != NULL)
		*to = b;
	return (0);
}

int
caltime_weekday(const char *name)
{
	size_t	i;

	if (name == NULL)
		return (0);
	for (i = 0; i < sizeof caltime_days / sizeof caltime_days[0]; i++) {
		if (strcmp(name, caltime_days[i]) == 0)
			return ((int)i + 1);
	}
	return (0);
}

int
caldate_cmp(const struct caldate *a, const struct caldate *b)
{
	if (a->year != b->year)
		return (a->year < b->year ? -1 : 1);
	if (a->month != b->month)
		return (a->month < b->month ? -1 : 1);
	if (a->day != b->day)
		return (a->day < b->day ? -1 : 1);
	return (0);
}

char *
caldate_format(const struct caldate *d, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d-%02d", d->year, d->month, d->day);
	return (buf);
}

char *
caltime_format_hhmm(int minutes, char *buf, size_t size)
{
	/* A time of day: fold anything outside 00:00..23:59 into the day. */
	minutes %= 24 * 60;
	if (minutes < 0)
		minutes += 24 * 60;
	snprintf(buf, size, "%02d:%02d", minutes / 60, minutes % 60);
	return (buf);
}

int64_t
caltime_local(int y, int mo, int d, int h, int mi)
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	return t == (time_t)-1 ? -1 : (int64_t)t;
}

void
caldate_of(int64_t t, int days, struct caldate *out)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	localtime_r(&tt, &tm);
	/* Noon of that day, moved by whole days: normalised by mktime. */
	tm.tm_mday += days;
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	tt = mktime(&tm);
	localtime_r(&tt, &tm);
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
}

int
caltime_parse_when(const char *s, int64_t now, int64_t *when,
    const char **why)
{
	struct caldate	 d;
	struct tm	 tm;
	time_t		 tn = (time_t)now;
	int64_t		 secs, t;
	int		 mins;
	char		 date[11];
	const char	*w;

	if (s == NULL || *s == '\0')
		return caltime_fail(why, "empty time");
	if (strcmp(s, "now") == 0) {
		*when = now;
		return 0;
	}
	if (s[0] == '-') {
		if (duration_parse(s + 1, &secs, &w) != 0)
			return caltime_fail(why, "expected -DURATION such as "
			    "-45m or -2h");
		*when = now - secs;
		return 0;
	}
	if (localtime_r(&tn, &tm) == NULL)
		return caltime_fail(why, "the clock is out of range");
	if (strlen(s) <= 5) {
		if (caltime_parse_hhmm(s, &mins, &w) != 0)
			return caltime_fail(why, "expected now, HH:MM, "
			    "YYYY-MM-DD HH:MM or -45m");
		t = caltime_local(tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday, mins / 60, mins % 60);
		/* "23:40" typed at 00:10 means last night. */
		if (t > now + 5 * 60)
			t = caltime_local(tm.tm_year + 1900, tm.tm_mon + 1,
			    tm.tm_mday - 1, mins / 60, mins % 60);
		if (t < 0)
			return caltime_fail(why, "no such local time");
		*when = t;
		return 0;
	}
	if (strlen(s) != 16 || (s[10] != ' ' && s[10] != 'T'))
		return caltime_fail(why, "expected now, HH:MM, "
		    "YYYY-MM-DD HH:MM or -45m");
	memcpy(date, s, 10);
	date[10] = '\0';
	if (caltime_parse_date(date, &d, why) != 0)
		return -1;
	if (caltime_parse_hhmm(s + 11, &mins, why) != 0)
		return -1;
	t = caltime_local(d.year, d.month, d.day, mins / 60, mins % 60);
	if (t < 0)
		return caltime_fail(why, "no such local time");
	*when = t;
	return 0;
}

char *
caltime_format_iso(int64_t t, char *buf, size_t size)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;
	long		 off;
	char		 sign;

	if (localtime_r(&tt, &tm) == NULL) {
		snprintf(buf, size, "?");
		return buf;
	}
	off = tm.tm_gmtoff;
	sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, sign, off / 3600, off % 3600 / 60);
	return buf;
}

char *
caltime_format_local(int64_t t, char *buf, size_t size)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL) {
		snprintf(buf, size, "?");
		return buf;
	}
	snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
	return buf;
}

/* Days from 1970-01-01 to the date (proleptic Gregorian). */
static int64_t
caltime_epoch_days(int64_t y, int m, int d)
{
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
caltime_parse_iso(const char *s, int64_t *t)
{
	int	 y, mo, d, h, mi, sec, oh = 0, om = 0, n = 0;
	char	 sign = 'Z';

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec,
	    &n) != 6 || n != 19)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60)
		return -1;
	s += n;
	if (*s == '+' || *s == '-') {
		sign = *s;
		if (sscanf(s + 1, "%2d:%2d%n", &oh, &om, &n) != 2 || n != 5 ||
		    s[6] != '\0')
			return -1;
	} else if (strcmp(s, "Z") != 0)
		return -1;
	*t = caltime_epoch_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	if (sign == '+')
		*t -= oh * 3600 + om * 60;
	else if (sign == '-')
		*t += oh * 3600 + om * 60;
	return 0;
}

int
caltime_parse_due(const char *s, int64_t now, int64_t *when, const char **why)
{
	struct tm	 tm;
	time_t		 tn = (time_t)now;
	int64_t		 t;
	int		 mins;
	char		 hhmm[8];

	/* "8:30" as "08:30": the next such time too. */
	if (strlen(s) == 4 && s[1] == ':') {
		snprintf(hhmm, sizeof hhmm, "0%s", s);
		s = hhmm;
	}
	if (strlen(s) != 5 || caltime_parse_hhmm(s, &mins, why) != 0)
		return caltime_parse_when(s, now, when, why);
	localtime_r(&tn, &tm);
	t = caltime_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    mins / 60, mins % 60);
	if (t >= 0 && t < now)
		t = caltime_local(tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday + 1, mins / 60, mins % 60);
	if (t < 0)
		return caltime_fail(why, "no such local time");
	*when = t;
	return 0;
}

int64_t
caltime_local_day_after(int64_t t)
{
	struct caldate	 d;

	caldate_of(t, 1, &d);
	return caltime_local(d.year, d.month, d.day, 0, 0);
}
