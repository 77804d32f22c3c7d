/*
 * Durations as written in rules.yaml: "45s", "30m", "2h", "1d", "1w",
 * "1d12h" — units w d h m s, largest first, each at most once, whole
 * positive numbers.
 */
#ifndef YUJING_DURATION_H
#define YUJING_DURATION_H

#include <stddef.h>
#include <stdint.h>

#define DURATION_MAX	(366LL * 86400)	/* a year and a day */
#define DURATION_YEAR	(365LL * 86400)
#define DURATION_LONG_MAX (100 * DURATION_YEAR)
#define DURATION_BUFSZ	32

/*
 * Parses s into seconds. Returns 0, or -1 with *why pointing at a static
 * message ("missing unit", ...) that names no value.
 */
int	 duration_parse(const char *s, int64_t *secs, const char **why);
/*
 * The same with years too ("3y" = 3 × 365 d, "1y6w"), up to 100y: how
 * long the retention rules keep personal details.
 */
int	 duration_parse_long(const char *s, int64_t *secs, const char **why);
/*
 * Working days, as a follow-up's deadline may be written: "5wd" (1 to
 * 366). Returns 0 with *days, or -1 with *why (not "Nwd": a plain
 * duration is for duration_parse).
 */
int	 duration_parse_workdays(const char *s, int *days, const char **why);
/*
 * Writes secs in the same syntax, e.g. 129600 → "1d12h"; weeks only for a
 * whole number of them (30 days is "30d"); "0s" for secs <= 0. Returns buf.
 */
char	*duration_format(int64_t secs, char *buf, size_t size);

#endif
