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

#endif
