/*
 * Reports for the regular meetings and for accountability (S7, S15):
 * timeliness of acknowledgement per person, level or category.
 */
#ifndef YUJING_REPORT_H
#define YUJING_REPORT_H

#include <stdint.h>

#include "yujing/app.h"
#include "yujing/status.h"

enum report_by {
	REPORT_BY_PERSON,
	REPORT_BY_LEVEL,
	REPORT_BY_CATEGORY
};

/* One line of the timeliness report. */
struct report_line {
	const char	*key;		/* person, level id or category id */
	const char	*name;		/* level or category name, or the person */
	int		 received;	/* times an incident reached them */
	int		 in_time;	/* acknowledged within ack_within */
	int		 late;		/* acknowledged after it */
	int		 never;		/* climbed past them unacknowledged */
	int64_t		 median;	/* acknowledgement time, seconds; -1: none */
	int64_t		 worst;		/* -1: none */
	int		 late_reports;	/* logged later than report_within */
	int		 overdue;	/* not resolved within resolve_within */
	/*
	 * By category: a restricted one with fewer incidents than the
	 * policy's reports.min_group; only "<N" is told.
	 */
	bool		 small;
};

typedef void	(*report_cb)(void *arg, const struct report_line *l);

/*
 * Timeliness of incidents that occurred in [from, to) (0: open ends),
 * grouped by. Late reports and overdue resolutions count where the
 * incident started. For those who supervise (admin, student_affairs,
 * school_leader); restricted incidents count without being shown.
 */
enum yj_status	report_timeliness(struct yj_app *a, int64_t from, int64_t to,
		    enum report_by by, report_cb cb, void *arg,
		    struct yj_error *err);

/* --- the meeting's numbers (S7) ------------------------------------------ */

/* X(enum, name: --by's word) */
#define REPORT_STATS_BY(X)						\
	X(REPORT_STATS_CATEGORY, "category")				\
	X(REPORT_STATS_SEVERITY, "severity")				\
	X(REPORT_STATS_DEPARTMENT, "department")			\
	X(REPORT_STATS_CLASS, "class")					\
	X(REPORT_STATS_BUILDING, "building")				\
	X(REPORT_STATS_WEEK, "week")					\
	X(REPORT_STATS_HOUR, "hour")					\
	X(REPORT_STATS_LEVEL, "level")

#define REPORT_STATS_ENUM(e, name)	e,
enum report_stats_by {
	REPORT_STATS_BY(REPORT_STATS_ENUM)
	REPORT_STATS_NBY
};
#undef REPORT_STATS_ENUM

const char	*report_stats_by_name(enum report_stats_by by);
int		 report_stats_by_of(const char *name);	/* -1: none */

/* One group's figures; durations in seconds, -1 when there are none. */
struct report_stats_group {
	const char	*key;
	const char	*name;		/* in the reader's language */
	/*
	 * A restricted category's group smaller than the policy's
	 * reports.min_group: only "<N" is told, no other figure.
	 */
	bool		 small;
	/*
	 * Grouped otherwise than by category, the incidents of such small
	 * restricted categories, counted apart in one group: its count
	 * only (or "<N" when small too).
	 */
	bool		 count_only;
	int64_t		 count;
	int64_t		 open;
	int64_t		 resolved;
	int64_t		 ack_median;	/* by nearest rank, of those acked */
	int64_t		 ack_p90;
	int64_t		 resolve_median;	/* of those resolved */
	int64_t		 resolve_p90;
	int64_t		 late_reports;
	int64_t		 overdue_acks;	/* acked after a deadline, or never */
	int64_t		 skip_level;
};
typedef int	(*report_stats_cb)(void *arg,
		    const struct report_stats_group *g);
/*
 * The incidents that occurred in [from, to) in groups: counts, open and
 * resolved, median and 90th percentile time to acknowledge and to
 * resolve (from the report, exact to the minute; never-acknowledged
 * ones count in overdue_acks, not in the medians), late reports, overdue
 * acknowledgements, skip-level cases. Weeks are ISO weeks ("2026-W49",
 * with the teaching week when the policy has term_start), hours 00..23.
 * For those who may report.
 */
enum yj_status	report_stats(struct yj_app *a, int64_t from, int64_t to,
		    enum report_stats_by by, report_stats_cb cb, void *arg,
		    struct yj_error *err);
/*
 * The patterns of a period (students, rooms and classes with the most
 * incidents, repeats per student and category, early warnings by rule;
 * restricted categories only counted), at most limit of each, for those
 * who may report. p->name of a warning is the rule's name for the reader.
 */
enum yj_status	report_patterns(struct yj_app *a, int64_t from, int64_t to,
		    int limit, store_pattern_cb cb, void *arg,
		    struct yj_error *err);

/*
 * The access log (store_access_read) for the roles of read_access_log
 * (security.access_log_readers); YJ_DENIED for the others.
 */
enum yj_status	report_access_log(struct yj_app *a, int64_t from, int64_t to,
		    const char *login, int64_t incident, store_access_cb cb,
		    void *arg, struct yj_error *err);
/*
 * An export, on record in the admin history before the data leaves:
 * who (the signed-in user), when, the range (0: open ends), the format
 * and how many incidents it holds (count < 0: a list streamed, not
 * counted).
 */
enum yj_status	report_exported(struct yj_app *a, int64_t from, int64_t to,
		    const char *format, bool events, int64_t count,
		    struct yj_error *err);
/*
 * report_stats, read from the summaries kept by day where it can be
 * (summaries; whole days, by category, severity, level or week) or else
 * from every incident: the same numbers either way, durations exact to
 * the minute (to the hour beyond 48 hours).
 */
enum yj_status	report_stats_read(struct yj_app *a, int64_t from,
		    int64_t to, enum report_stats_by by, bool summaries,
		    report_stats_cb cb, void *arg, struct yj_error *err);
/* Makes the summaries anew from the incidents (maintain), *rows of them. */
enum yj_status	report_rebuild_summaries(struct yj_app *a, int64_t *rows,
		    struct yj_error *err);

#endif
