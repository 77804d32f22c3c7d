/*
 * A demo institution for trying yujing out and for tests that need volume:
 * departments, classes, buildings and rooms, students with Chinese names,
 * the people responsible at every level, a user for every role, and about
 * two months of incidents with their histories. Deterministic for a seed.
 */
#ifndef YUJING_DEMO_H
#define YUJING_DEMO_H

#include <stdint.h>

#include "yujing/app.h"
#include "yujing/status.h"

/* Called once per demo user, with the password it was given. */
typedef void	(*demo_user_cb)(void *arg, const char *login,
		    const char *role, const char *password);

/* Fills a new, empty database (a->store, a->policy) in one transaction. */
enum yj_status	demo_fill(struct yj_app *a, uint64_t seed, demo_user_cb cb,
		    void *arg, struct yj_error *err);

#endif
