/*
 * Escalation applied (DESIGN §5): who is responsible for an incident at
 * each rung, the engine's plan written as events in one transaction,
 * `tick`, climbing by hand, early warnings, and notify_command.
 */
#ifndef YUJING_ESCALATE_H
#define YUJING_ESCALATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yujing/app.h"
#include "yujing/engine.h"
#include "yujing/policy.h"
#include "yujing/status.h"
#include "yujing/store.h"

/*
 * One person responsible at a rung. A rung has several when a room's
 * incident concerns residents of several classes (each class's
 * counselor), or its students live in several buildings; any of them may
 * acknowledge.
 */
struct escalate_person {
	const char	*name;
	const char	*phone;		/* "" when none is on record */
	const char	*unit;		/* the class, department or building
					   it answers for; NULL: the school */
};

struct escalate_people {
	struct escalate_person	*v;
	size_t			 n;
};

/*
 * Who answers for an incident: per rung of its path, per office. rungs[i]
 * is what the engine is given: the first of people[i] with a phone (else
 * the first), so that a rung counts as reachable when anyone there is.
 */
struct escalate_contacts {
	struct engine_contact	*rungs;
	struct escalate_people	*people;	/* everyone, per rung */
	size_t			 nrungs;
	struct engine_contact	*offices;
	size_t			 noffices;
	char			**strings;	/* owned */
	size_t			 nstrings;
};

/*
 * Tells (by notify_command, after the commit) everyone of people with a
 * phone (several counselors answer at one rung), else k alone.
 */
void		escalate_notice(struct yj_app *a,
		    const struct store_incident *in,
		    const struct escalate_people *people,
		    const struct engine_contact *k, const char *level,
		    const char *message);
enum yj_status	escalate_contacts(struct yj_app *a,
		    const struct store_incident *in,
		    struct escalate_contacts *out, struct yj_error *err);
void		escalate_contacts_free(struct escalate_contacts *c);
/*
 * The name of who answers for the incident at its current rung (one
 * lookup, for a list of many), or NULL when nobody is on record; "NAME +N"
 * when N others answer there too. The caller frees it.
 */
char		*escalate_current(struct yj_app *a,
		    const struct store_incident *in);
/*
 * The units an incident answers to at a scope: its class or department;
 * for a room's incident without one (no student), those of the room's
 * residents, several when they are in several; a building: its room's,
 * else its students' rooms'. None for the school, nor when nobody is on
 * record. *ids (*n of them) is the caller's to free. Scope checks (who may
 * read it) ask this too, so that each of several counselors reads it.
 */
enum yj_status	escalate_units(struct yj_app *a,
		    const struct store_incident *in, enum policy_scope scope,
		    int64_t **ids, size_t *n, struct yj_error *err);

/*
 * The first deadline for acknowledging the incident at its current rung
 * that is still running (engine_ack_first_due): at the top rung it stays
 * at the first one missed there, however many reminders moved ack_due
 * on. 0 when no acknowledgement is awaited.
 */
int64_t		 escalate_ack_deadline(const struct yj_app *a,
		    const struct store_incident *in);
/*
 * Since when the acknowledgement is overdue at now: that deadline when it
 * has passed, else 0. What the queue, the incident view and list show.
 */
int64_t		 escalate_overdue_since(const struct yj_app *a,
		    const struct store_incident *in, int64_t now);

/* One thing tick (or logging) did, for printing. */
struct escalate_done {
	int64_t		 incident;
	const char	*kind;		/* the event kind */
	const char	*level;		/* rung or office id */
	const char	*note;		/* what a person typed, or "" */
	const char	*text;		/* the event in words (history.h) */
	const char	*payload;	/* its parameters, JSON */
};
typedef void	(*escalate_cb)(void *arg, const struct escalate_done *d);

/*
 * The engine's plan for a newly logged incident (informed, notified,
 * emergency plan, gaps), then the early-warning rules; inside the caller's
 * transaction. Notifications are queued for escalate_flush.
 */
enum yj_status	escalate_reported(struct yj_app *a, int64_t id,
		    escalate_cb cb, void *arg, struct yj_error *err);
/*
 * After a category or severity correction (from was_c, was_sv): the
 * offices now concerned told, the emergency plan started when it now is
 * one; inside the caller's transaction.
 */
enum yj_status	escalate_corrected(struct yj_app *a, int64_t id,
		    const struct policy_category *was_c,
		    const struct policy_severity *was_sv,
		    struct yj_error *err);
/* Every incident with a deadline passed, each in its own transaction. */
enum yj_status	escalate_tick(struct yj_app *a, escalate_cb cb, void *arg,
		    int *count, struct yj_error *err);
/*
 * A climb by hand by the signed-in user: to the rung named to (NULL: the
 * next), never downward; reason required.
 */
enum yj_status	escalate_manual(struct yj_app *a, int64_t id, const char *to,
		    const char *reason, escalate_cb cb, void *arg,
		    struct yj_error *err);
/*
 * Runs notify_command for what was queued (after the commit, never inside
 * a transaction), and records each exit status as a "notify" event.
 * With a->notify_async set (the screen, which must never wait on a dead
 * gateway) it only starts them: see escalate_reap.
 */
void		escalate_flush(struct yj_app *a, escalate_cb cb, void *arg);
/*
 * Records the notifications started by escalate_flush that have ended
 * (each a "notify" event, as escalate_flush records them), stops those
 * still running after notify_timeout (recorded as stopped), and returns
 * how many still run. Without wait it never blocks; with wait it goes on
 * until none is left (at most notify_timeout), as when the screen closes.
 */
size_t		escalate_reap(struct yj_app *a, bool wait, escalate_cb cb,
		    void *arg);

#endif
