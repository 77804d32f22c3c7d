/* Durations such as "1d12h": see include/yujing/duration.h. */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/duration.h"

/* Largest first: the order a duration must be written in. */
static const struct {
	char	 letter;
	int64_t	 secs;
} duration_units[] = {
	{ 'y', 365 * 86400 },	/* duration_parse_long's only */
	{ 'w', 7 * 86400 },
	{ 'd', 86400 },
	{ 'h', 3600 },
	{ 'm', 60 },
	{ 's', 1 },
};
#define DURATION_NUNITS	(sizeof duration_units / sizeof duration_units[0])

static int
duration_fail(const char **why, const char *msg)
{
	if (why != NULL)
		*why = msg;
	return (-1);
}

static int
duration_is_digit(char c)
{
	return (c >= '0' && c <= '9');
}

static int
duration_is_alpha(char c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/* Index into duration_units, or -1 if c is not a unit. */
static int
duration_unit(char c)
{
	size_t	i;

	for (i = 0; i < DURATION_NUNITS; i++) {
		if (duration_units[i].letter == c)
			return ((int)i);
	}
	return (-1);
}

/* Up to max seconds; years only when long. */
static int
duration_parse_max(const char *s, int64_t *secs, const char **why,
    int64_t max, int long_)
{
	const char	*p;
	const char	*too_long = long_ ? "duration too long (at most 100y)" :
			    "duration too long (at most 366d)";
	int64_t		 total = 0, n;
	int		 u, last = -1;
	unsigned	 seen = 0;

	if (s == NULL || *s == '\0')
		return (duration_fail(why, "empty duration"));
	/* "-1h" is someone meaning a negative time, not a typo. */
	if (s[0] == '-' && duration_is_digit(s[1]))
		return (duration_fail(why, "duration must be positive"));

	for (p = s; *p != '\0'; p++) {
		if (!duration_is_digit(*p)) {
			if (duration_unit(*p) != -1)
				return (duration_fail(why,
				    "number expected before unit"));
			return (duration_fail(why, "unexpected character "
			    "(write digits and a unit, e.g. 1d12h)"));
		}

		/*
		 * Stop accumulating once past the limit so a long run of
		 * digits cannot overflow; the value is rejected below.
		 */
		n = 0;
		for (; duration_is_digit(*p); p++) {
			if (n <= max)
				n = n * 10 + (*p - '0');
		}

		if (*p == '\0')
			return (duration_fail(why,
			    "missing unit (write e.g. 30m, 2h, 1d)"));
		if (*p == '.' || *p == ',')
			return (duration_fail(why,
			    "whole numbers only (write 90m, not 1.5h)"));
		/* A word such as "min" or "hours" is one unknown unit. */
		u = duration_unit(*p);
		if (u != -1 && duration_is_alpha(p[1]))
			u = -1;
		if (u != -1 && duration_units[u].letter == 'y' && !long_)
			return (duration_fail(why, "years are for the retention "
			    "rules only (here at most 366d)"));
		if (u == -1) {
			if (duration_is_alpha(*p))
				return (duration_fail(why, long_ ?
				    "unknown unit (use y, w, d, h, m or s)" :
				    "unknown unit (use w, d, h, m or s)"));
			return (duration_fail(why,
			    "missing unit (write e.g. 30m, 2h, 1d)"));
		}
		if (seen & (1u << u))
			return (duration_fail(why, "unit given twice"));
		if (u < last)
			return (duration_fail(why,
			    "units out of order (largest first, e.g. 1d12h)"));
		seen |= 1u << u;
		last = u;

		if (n > max / duration_units[u].secs)
			return (duration_fail(why, too_long));
		total += n * duration_units[u].secs;
		if (total > max)
			return (duration_fail(why, too_long));
	}

	if (total <= 0)
		return (duration_fail(why, "duration must be positive"));
	if (secs != NULL)
		*secs = total;
	return (0);
}

int
duration_parse(const char *s, int64_t *secs, const char **why)
{
	return (duration_parse_max(s, secs, why, DURATION_MAX, 0));
}

int
duration_parse_long(const char *s, int64_t *secs, const char **why)
{
	return (duration_parse_max(s, secs, why, DURATION_LONG_MAX, 1));
}

char *
duration_format(int64_t secs, char *buf, size_t size)
{
	char	tmp[DURATION_BUFSZ];
	size_t	i, len = 0;
	int64_t	n;
	int	w;

	if (size == 0)
		return (buf);
	if (secs <= 0) {
		snprintf(buf, size, "0s");
		return (buf);
	}

	/*
	 * tmp always fits: INT64_MAX is "106751991167300d15h30m7s". Weeks
	 * only for whole weeks: people say "30d", not "4w2d".
	 */
	for (i = 0; i < DURATION_NUNITS && secs > 0; i++) {
		/* Years: never written (duration_parse reads none back). */
		if (duration_units[i].letter == 'y')
			continue;
		if (duration_units[i].letter == 'w' &&
		    secs % duration_units[i].secs != 0)
			continue;
		n = secs / duration_units[i].secs;
		secs %= duration_units[i].secs;
		if (n == 0)
			continue;
		w = snprintf(tmp + len, sizeof tmp - len, "%" PRId64 "%c", n,
		    duration_units[i].letter);
		if (w < 0 || (size_t)w >= sizeof tmp - len)
			break;
		len += (size_t)w;
	}
	tmp[len] = '\0';

	snprintf(buf, size, "%s", tmp);
	return (buf);
}

int
duration_parse_workdays(const char *s, int *days, const char **why)
{
	size_t	 n = strspn(s, "0123456789");
	long	 v;

	if (n == 0 || n > 3 || strcmp(s + n, "wd") != 0 || s[0] == '0') {
		*why = "working days are written Nwd, N from 1 to 366 (5wd)";
		return -1;
	}
	v = strtol(s, NULL, 10);
	if (v > 366) {
		*why = "working days are written Nwd, N from 1 to 366 (5wd)";
		return -1;
	}
	*days = (int)v;
	return 0;
}
