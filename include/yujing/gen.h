/*
 * Made-up history through the real use cases (src/gen/): a university —
 * departments, classes, dormitories, a roster of students with Chinese
 * names, the people responsible at every level and office of the policy, a
 * user for every role — and incidents logged, called about, acknowledged,
 * noted, escalated (by hand, and by tick when an acknowledgement is late),
 * resolved and reopened, with the early warnings the engine raises, all
 * through core with its clock moved forward as the history goes. Sized by
 * gen_opts: the demo (two months, about 200 incidents) or the benchmark's
 * (two years, 200,000). Deterministic for a seed, a clock and a TZ.
 */
#ifndef YUJING_GEN_H
#define YUJING_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "yujing/app.h"
#include "yujing/status.h"

/* Called once per user made, with the password it was given. */
typedef void (*gen_user_cb)(
    void *arg, const char *login, const char *role, const char *password);
/* Called now and then while the history is made (incidents logged so far). */
typedef void (*gen_progress_cb)(void *arg, long logged, long planned);

struct gen_opts {
	uint64_t seed;      /* everything, the passwords included */
	int64_t now;        /* the history's end; 0: app_now */
	int days;           /* how far back it goes */
	int scale;          /* students ×scale (0 or 1: some 2,600) */
	long incidents;     /* logged by hand (warnings on top) */
	bool patterns;      /* the demo's set pieces (see gen.c) */
	int frequent;       /* % of incidents about 1/20 of students */
	int hot;            /* per 10,000: the roster's middle one */
	int late;           /* % of acknowledgements late */
	int64_t tick_every; /* how often `tick` runs (seconds) */
	gen_progress_cb progress;
	void *progress_arg;
};

/* The demo's size: two months, about 200 incidents, tick every minute. */
void gen_demo_opts(struct gen_opts *o, uint64_t seed);

/*
 * Fills a database that has no organisation, no incidents and none of the
 * generator's users yet (a->store, a->policy), in one transaction: on
 * failure nothing is left of it, and no password is told. Nobody is
 * signed in afterwards.
 */
enum yj_status gen_fill(struct yj_app *a, const struct gen_opts *o,
    gen_user_cb cb, void *arg, struct yj_error *err);

#endif
