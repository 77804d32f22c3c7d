/*
 * Retention (the policy's retention:): personal details kept no longer
 * than needed. A run removes them from every incident resolved longer
 * ago than its category's time, and the roster rows of students who left
 * longer ago than left_students (store_retain, store_retain_left); by
 * the system, like tick, whoever may write the database file.
 */
#ifndef YUJING_RETENTION_H
#define YUJING_RETENTION_H

#include <stdbool.h>
#include <stdint.h>

#include "yujing/app.h"
#include "yujing/status.h"
#include "yujing/store.h"

struct retention_totals {
	int64_t		 incidents;
	int64_t		 parts;		/* personal values */
	int64_t		 students;	/* links to students cut */
	int64_t		 left;		/* students who left, removed */
	int64_t		 left_named;	/* ... kept: still named */
	bool		 any_rule;	/* the policy keeps anything less */
};

/*
 * Each incident past its time told to cb (NULL: none), then removed
 * (apply) or only counted (a dry run); the totals in *t.
 */
enum yj_status	retention_run(struct yj_app *a, bool apply,
		    store_retained_cb cb, void *arg,
		    struct retention_totals *t, struct yj_error *err);

#endif
