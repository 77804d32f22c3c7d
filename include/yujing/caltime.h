/* Times of day and calendar dates as written in rules.yaml. */
#ifndef YUJING_CALTIME_H
#define YUJING_CALTIME_H

#include <stddef.h>
#include <stdint.h>

struct caldate {
	int	year;	/* 1970..9999 */
	int	month;	/* 1..12 */
	int	day;	/* 1..31, valid for the month */
};

/*
 * Each parser returns 0, or -1 with *why pointing at a static message.
 */
/* "HH:MM", 00:00..23:59 → minutes after midnight. */
int	caltime_parse_hhmm(const char *s, int *minutes, const char **why);
/* "YYYY-MM-DD", a real calendar date. */
int	caltime_parse_date(const char *s, struct caldate *d, const char **why);
/* "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD" with from <= to. */
int	caltime_parse_range(const char *s, struct caldate *from,
	    struct caldate *to, const char **why);
/* "monday".."sunday" → 1..7 (ISO), else 0. */
int	caltime_weekday(const char *name);
/* <0, 0, >0 as a is before, the same as, after b. */
int	caldate_cmp(const struct caldate *a, const struct caldate *b);
/*
 * A moment as a person types it at the duty desk, in local time (TZ):
 * "now"; "HH:MM" (today, or yesterday when today's would be more than a
 * few minutes ahead of now); "YYYY-MM-DD HH:MM" (or with a T); "-45m" or
 * "-2h" or "-1d2h" (that long before now). Returns 0 with *when in Unix
 * seconds, or -1 with *why set.
 */
int	caltime_parse_when(const char *s, int64_t now, int64_t *when,
	    const char **why);
/*
 * A moment ahead, as a deadline is typed: "HH:MM" is the next such time
 * (today, or tomorrow when today's has passed); anything else as
 * caltime_parse_when reads it.
 */
int	caltime_parse_due(const char *s, int64_t now, int64_t *when,
	    const char **why);
/* The local midnight after the day t falls on. */
int64_t	caltime_local_day_after(int64_t t);
/* A date and time of day in local time (TZ) → Unix seconds, or -1. */
int64_t	caltime_local(int y, int mo, int d, int h, int mi);
/* The local date (TZ) of the moment t, plus days (may be negative). */
void	caldate_of(int64_t t, int days, struct caldate *out);
/* A moment as "YYYY-MM-DDTHH:MM:SS+08:00" in local time into buf (>= 26). */
char	*caltime_format_iso(int64_t t, char *buf, size_t size);
/* Its inverse ("Z" or an offset): Unix seconds into *t; 0, or -1. */
int	caltime_parse_iso(const char *s, int64_t *t);
/* A moment as "YYYY-MM-DD HH:MM" in local time into buf (>= 17). */
char	*caltime_format_local(int64_t t, char *buf, size_t size);
/* "YYYY-MM-DD" into buf (size >= 11). Returns buf. */
char	*caldate_format(const struct caldate *d, char *buf, size_t size);
/* "HH:MM" into buf (size >= 6). Returns buf. */
char	*caltime_format_hhmm(int minutes, char *buf, size_t size);

#endif
