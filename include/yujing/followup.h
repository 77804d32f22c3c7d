/*
 * Follow-ups: what a case asks after its acknowledgement (a written
 * report within 5 working days, a talk with the student, a letter to the
 * parents), as the policy's followups: list names them. Each is an event
 * of the incident's history when the incident is logged (or corrected
 * into one that asks it): followup_due, with its deadline; done with one
 * action and a note (followup_done); overdue, it climbs to the level
 * above its owner, and on, as an acknowledgement does (followup_overdue).
 */
#ifndef YUJING_FOLLOWUP_H
#define YUJING_FOLLOWUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yujing/app.h"
#include "yujing/escalate.h"
#include "yujing/status.h"
#include "yujing/store.h"

/* One follow-up of an incident, as its history leaves it. */
struct followup {
	char	 id[64];		/* the policy's id */
	int64_t	 due;
	char	 owner[64];		/* a level or office id, "reporter" */
	int64_t	 done_at;		/* 0: not done */
	char	 done_by[64];
	bool	 late;			/* done after it was due */
	char	 climbed_to[64];	/* overdue: the last level told */
	int64_t	 climbed_at;
};

/* The follow-ups of an incident (free *v); for one who handles it. */
enum yj_status	followup_of(struct yj_app *a, int64_t incident,
		    struct followup **v, size_t *n, struct yj_error *err);
/*
 * Sets on the incident every follow-up its category and severity ask
 * that it has not got yet, due from its report; by the system, inside
 * the caller's transaction (logging, a correction).
 */
enum yj_status	followup_set(struct yj_app *a, struct store_incident *in,
		    struct yj_error *err);
/* Done, with a note (who handles the incident may say so). */
enum yj_status	followup_done(struct yj_app *a, int64_t incident,
		    const char *followup, const char *text,
		    struct yj_error *err);
/*
 * Climbs every follow-up past its time one level further up, once per
 * level's ack_within (told as escalate_tick tells); *count more done.
 */
enum yj_status	followup_tick(struct yj_app *a, escalate_cb cb, void *arg,
		    int *count, struct yj_error *err);

/*
 * The follow-ups not done that the signed-in user owes: of a level whose
 * role is theirs, for incidents within their classes or departments
 * (for a scoped level) that they may handle; soonest due first.
 */
typedef int	(*followup_mine_cb)(void *arg, int64_t incident,
		    const struct followup *f);
enum yj_status	followup_mine(struct yj_app *a, followup_mine_cb cb,
		    void *arg, struct yj_error *err);

/* For a report of the period: how the follow-ups went, by follow-up. */
struct followup_tally {
	const char	*id;
	const char	*name;		/* in the reader's language */
	int64_t		 asked;
	int64_t		 on_time;
	int64_t		 late;
	int64_t		 missing;	/* past due, not done */
	int64_t		 pending;	/* not done, not yet due */
};
typedef int	(*followup_tally_cb)(void *arg,
		    const struct followup_tally *t);
/* Of incidents that occurred in [from, to); for those who may report. */
enum yj_status	followup_report(struct yj_app *a, int64_t from, int64_t to,
		    followup_tally_cb cb, void *arg, struct yj_error *err);

#endif
