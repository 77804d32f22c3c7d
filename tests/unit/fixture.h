/* The core unit tests' common start: see fixture.c. */
#ifndef YUJING_TEST_FIXTURE_H
#define YUJING_TEST_FIXTURE_H

#include <stdint.h>

#include "yujing/app.h"
#include "yujing/incident.h"

#define FIXTURE_T0	1764000000	/* a fixed moment: the clock is ours */

/* The app with its policy, store, people and a duty officer signed in. */
void	fixture_app(struct yj_app *a);
/* A night absence of the student (a number) as logged by hand. */
void	fixture_absence_draft(struct incident_draft *d, const char *student);
/* Logs a night absence of the student (a number) at the time; its id. */
int64_t	fixture_absence(struct yj_app *a, const char *student, int64_t at);

#endif
