/*
 * Many use cases as one transaction, for a writer that makes a history in
 * bulk through the use cases themselves (the demo institution and the
 * benchmark's database, src/gen/): the same events real use writes, made
 * in one go, with the clock moved forward as it goes.
 */
#ifndef YUJING_BATCH_H
#define YUJING_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yujing/app.h"
#include "yujing/status.h"

struct batch {
	struct yj_app *a;
	const char *const *notify_command; /* the policy's, aside */
	size_t nnotify_command;
	int64_t clock; /* a->clock before */
	bool open;
	bool signed_in; /* by batch_act_as */
};

/*
 * Opens one transaction on a->store that every use case called until
 * batch_end joins (theirs nest into it). While it is open notify_command
 * is not run: a made-up history is news to nobody.
 */
enum yj_status batch_begin(
    struct yj_app *a, struct batch *b, struct yj_error *err);
/*
 * Commits everything since batch_begin (commit true), or undoes all of it;
 * either way the policy's notify_command and the clock are as they were,
 * and whoever batch_act_as signed in is signed out. A use case that failed
 * inside has undone the whole batch already: the commit then fails too.
 */
enum yj_status batch_end(struct batch *b, bool commit, struct yj_error *err);
/*
 * Signs in as login without a password, for the batch's writer, which
 * made the users itself (as users_add's as_system): only while the batch
 * is open. The user must exist, not be disabled, and have a role the
 * policy knows.
 */
enum yj_status batch_act_as(
    struct batch *b, const char *login, struct yj_error *err);

#endif
