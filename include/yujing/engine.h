/*
 * The escalation engine (DESIGN §5): a pure function from the policy, an
 * incident, who is responsible at each rung, and the time, to what must
 * happen. It reads no database and keeps no state; core/escalate.c fetches
 * its input and writes its plan as events in one transaction.
 */
#ifndef YUJING_ENGINE_H
#define YUJING_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yujing/policy.h"
#include "yujing/store.h"

#define ENGINE_MAX_ACTIONS	64

/* Who answers at one rung (or for one office), for this incident. */
struct engine_contact {
	const char	*name;		/* NULL: nobody on record */
	const char	*phone;		/* NULL or "": no phone on record */
};

enum engine_what {
	ENGINE_LATE_REPORT,	/* logged later than report_within (S15) */
	ENGINE_INFORMED,	/* a rung below a skip-level start (S13) */
	ENGINE_NOTIFIED,	/* an office concerned (S3) */
	ENGINE_EMERGENCY_PLAN,	/* the emergency plan raised (S10) */
	ENGINE_GAP,		/* nobody, or no phone, at a rung */
	ENGINE_ESCALATED,	/* climbed to a rung */
	ENGINE_REMINDER,	/* at the top, still not acknowledged */
	ENGINE_OVERDUE		/* not resolved within resolve_within */
};

/*
 * Why an action was taken, stored as the payload's "why" (the names in
 * engine_why_name) so that the history can say it in the reader's
 * language. X(enum, name stored).
 */
#define ENGINE_WHYS(X)							\
	X(ENGINE_WHY_NONE, "")						\
	X(ENGINE_WHY_SKIP_LEVEL, "skip_level")	/* informed: started above */ \
	X(ENGINE_WHY_PASSED, "passed")		/* informed: climbed past */ \
	X(ENGINE_WHY_NAMED, "named")		/* notified: the category's */ \
	X(ENGINE_WHY_EVERY_OFFICE, "every_office") /* notified: emergency */ \
	X(ENGINE_WHY_NOBODY, "nobody")		/* gap: nobody on record */ \
	X(ENGINE_WHY_NO_PHONE, "no_phone")	/* gap: no phone */	\
	X(ENGINE_WHY_NO_ACK, "no_ack")		/* escalated: time passed */ \
	X(ENGINE_WHY_NO_ONE, "no_one_to_call")	/* escalated: past a gap */ \
	X(ENGINE_WHY_UNRESOLVED, "unresolved")	/* escalated: not resolved */ \
	X(ENGINE_WHY_BY_HAND, "by_hand")	/* escalated by a person */

#define ENGINE_WHY_ENUM(e, name)	e,
enum engine_why {
	ENGINE_WHYS(ENGINE_WHY_ENUM)
	ENGINE_NWHYS
};

/*
 * One thing to do, with its parameters (never a sentence: the history
 * renders them, history.h). Which fields mean something depends on what.
 */
struct engine_action {
	enum engine_what	 what;
	enum engine_why		 why;
	size_t			 rung;		/* where; ESCALATED: the new rung */
	size_t			 other;		/* ESCALATED: the rung it left;
						   INFORMED: where it went */
	size_t			 office;	/* NOTIFIED */
	int64_t			 due;		/* the deadline behind it, or 0 */
	int64_t			 delay;		/* LATE_REPORT: occurred → logged */
	int64_t			 within;	/* the policy's time: report_within,
						   ack_within, resolve_within */
	int64_t			 overdue_since;	/* REMINDER: the first deadline
						   missed at the top */
	bool			 climbs;	/* GAP: climbing at once */
	const char		*reason;	/* by hand: as typed (the caller's) */
};

/* The actions, and the incident's clock after them. */
struct engine_plan {
	struct engine_action	 v[ENGINE_MAX_ACTIONS];
	size_t			 n;
	size_t			 rung;
	int64_t			 rung_since;
	int64_t			 ack_due;	/* 0: no clock running */
	int64_t			 overdue_since;	/* resolution overdue, or 0 */
};

struct engine_input {
	const struct policy		*p;
	const struct policy_category	*c;
	const struct policy_severity	*sv;
	const struct store_incident	*in;
	const struct engine_contact	*rungs;		/* one per rung of the path */
	const struct engine_contact	*offices;	/* one per office */
	int64_t				 now;
};

/* What happens as the incident is logged (it stands at its start rung). */
void	engine_report(const struct engine_input *e, struct engine_plan *out);
/*
 * After a correction from category was_c and severity was_sv to e's: the
 * offices now concerned that were not told, and the emergency plan when
 * it now is one (where it stands was set by the correction itself).
 */
void	engine_corrected(const struct engine_input *e,
	    const struct policy_category *was_c,
	    const struct policy_severity *was_sv, struct engine_plan *out);
/* What is due at e->now for an incident already logged. */
void	engine_tick(const struct engine_input *e, struct engine_plan *out);
/*
 * A climb by hand to rung to (above the current one), for reason.
 * Returns -1 when to is not above the current rung.
 */
int	engine_escalate(const struct engine_input *e, size_t to,
	    const char *reason, struct engine_plan *out);
/* "escalated", "gap", ...: the event kind an action is written as. */
const char *engine_kind(enum engine_what w);
/* "skip_level", "no_ack", ...: the name stored for a reason; "" for none. */
const char *engine_why_name(enum engine_why w);
/* The reason a stored name is; ENGINE_WHY_NONE when it is none. */
enum engine_why engine_why_of(const char *name);
/*
 * The first deadline for acknowledging the incident at its current rung:
 * ack_due, except at the top, where reminders move ack_due on while this
 * stays where it was first missed. 0 when no clock runs (acknowledged,
 * resolved).
 */
int64_t	engine_ack_first_due(const struct policy *p,
	    const struct policy_category *c, const struct store_incident *in);

#endif
