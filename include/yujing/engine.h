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
#define ENGINE_NOTE_MAX		400

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

struct engine_action {
	enum engine_what	 what;
	size_t			 rung;		/* ESCALATED: the new rung */
	size_t			 office;	/* NOTIFIED */
	int64_t			 due;		/* the deadline behind it, or 0 */
	char			 note[ENGINE_NOTE_MAX];	/* why, in words */
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

#endif
