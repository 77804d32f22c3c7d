/*
 * The handover between two shifts (S6), item by item as I-PASS has it:
 * the outgoing officer gives each open incident a status (stable, watch,
 * unstable), the next action with its owner and time, a contingency, and
 * a note for the whole shift; the incoming officer accepts each item or
 * questions it (the outgoing answers), reads back the unstable ones, and
 * both sign. Every step is an event of the admin history about
 * "handover:DATE/SHIFT"; a handover is what its events say, replayed.
 * Items left watch or unstable are carried to the next handover until
 * the incident is resolved or marked stable.
 */
#ifndef YUJING_HANDOVER_H
#define YUJING_HANDOVER_H

#include <stdbool.h>
#include <stdint.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/i18n.h"
#include "yujing/policy.h"
#include "yujing/status.h"

/* X(enum, name stored, label) */
#define HANDOVER_STATUSES(X)						\
	X(HANDOVER_STABLE, "stable", N_("stable"))			\
	X(HANDOVER_WATCH, "watch", N_("watch"))				\
	X(HANDOVER_UNSTABLE, "unstable", N_("unstable"))

#define HANDOVER_ENUM(e, ...)	e,
enum handover_status {
	HANDOVER_STATUSES(HANDOVER_ENUM)
	HANDOVER_NSTATUS
};
#undef HANDOVER_ENUM

const char	*handover_status_name(int s);	/* "" for -1 */
const char	*handover_status_label(int s);	/* English; to translate */
int		 handover_status_of(const char *name);	/* -1: none */

struct handover_item {
	int64_t	 incident;
	int	 status;	/* -1: not set yet */
	int	 carried;	/* the last handover left it so; -1: not */
	bool	 restricted;	/* the reader may not read it: text blank */
	char	*action;	/* "" when none (the strings: never NULL) */
	char	*owner;
	char	*contingency;
	int64_t	 due;		/* the action's time; 0: none */
	char	*accepted_by;	/* "" until accepted */
	int64_t	 accepted_at;
	char	*question;	/* "" when none */
	char	*answer;
	char	*readback;
	/*
	 * The event that last set it (0: as prepared): what an acceptance
	 * or a read-back is of, so that one made of an earlier version is
	 * refused.
	 */
	int64_t	 version;
};

struct handover {
	struct policy_duty	 duty;
	char			*receiver_role;	/* NULL: the next shift's */
	char			*outgoing;	/* "" until prepared */
	int64_t			 prepared_at;
	char			*note;
	char			*incoming;	/* "" until they act */
	int64_t			 signed_out_at;	/* 0: not yet */
	int64_t			 signed_in_at;
	struct handover_item	*items;
	size_t			 nitems;
	int64_t			 last_event;
};

void		 handover_free(struct handover *h);
/*
 * The duty a handover is about: an id (DATE/SHIFT), "current" (running
 * now) or "last" (the last one that ended, or the one running when none
 * did in the last day).
 */
enum yj_status	 handover_duty(struct yj_app *a, const char *spec,
		    struct policy_duty *d, struct yj_error *err);
/*
 * The duty the handover screen is about: the one running now, unless it
 * began less than 4 hours ago right after another whose handover is not
 * done (the incoming officer at 08:00 on a holiday); else the last.
 */
enum yj_status	 handover_duty_now(struct yj_app *a, struct policy_duty *d,
		    struct yj_error *err);

/* What a shift did and leaves, for the outgoing officer. */
struct handover_summary {
	int64_t		 logged;	/* incidents that occurred in it */
	int64_t		 escalated;	/* events in its hours, by kind */
	int64_t		 contacted;
	int64_t		 acknowledged;
	int64_t		 resolved;
	int64_t		 notes;
	int64_t		 open;		/* not resolved, now */
	int64_t		 waiting;	/* of those: no one has acknowledged */
	int64_t		 emergencies;	/* open under the emergency plan */
};
enum yj_status	 handover_summary(struct yj_app *a,
		    const struct policy_duty *d, struct handover_summary *s,
		    struct yj_error *err);

/*
 * The handover of a duty as its events leave it, the text of items the
 * signed-in user may not read blanked. YJ_NOT_FOUND when not prepared.
 */
enum yj_status	 handover_load(struct yj_app *a, const char *duty,
		    struct handover *h, struct yj_error *err);
/* Whether both have signed: nothing more can change. */
bool		 handover_complete(const struct handover *h);

/*
 * The outgoing officer starts it (or adds what opened since): the duty
 * room's officer of the duty (as shift_is_officer has it). Every
 * incident not resolved becomes an item, those left watch or unstable
 * by the last handover with that status to start from; note for the
 * whole shift (NULL: as it was).
 */
enum yj_status	 handover_prepare(struct yj_app *a, const char *duty,
		    const char *note, struct yj_error *err);

/* What the outgoing officer says of an item (NULL, 0: not given). */
struct handover_set {
	int		 status;	/* -1: as it was */
	const char	*action;
	const char	*owner;
	const char	*contingency;
	int64_t		 due;
};
enum yj_status	 handover_item(struct yj_app *a, const char *duty,
		    int64_t incident, const struct handover_set *s,
		    struct yj_error *err);
/*
 * The incoming officer: accepts, questions, reads back. An acceptance
 * and a read-back are of the item's version as read (its version; -1:
 * as it stands now), refused when it has changed since; a later change
 * voids them. What they may not read they accept as a stub, without a
 * read-back.
 */
enum yj_status	 handover_accept(struct yj_app *a, const char *duty,
		    int64_t incident, int64_t version, struct yj_error *err);
enum yj_status	 handover_question(struct yj_app *a, const char *duty,
		    int64_t incident, const char *text,
		    struct yj_error *err);
enum yj_status	 handover_readback(struct yj_app *a, const char *duty,
		    int64_t incident, int64_t version, const char *text,
		    struct yj_error *err);
/* The outgoing officer answers a question. */
enum yj_status	 handover_answer(struct yj_app *a, const char *duty,
		    int64_t incident, const char *text,
		    struct yj_error *err);
/*
 * Signs: the outgoing officer once every item they may read has a
 * status (one they may not is a stub); then the incoming, once every
 * item is accepted or questioned and every unstable one they may read
 * read back.
 */
enum yj_status	 handover_sign(struct yj_app *a, const char *duty,
		    struct yj_error *err);

/* Where a duty's handover stands. */
enum handover_state {
	HANDOVER_NONE,		/* never prepared */
	HANDOVER_OPEN,		/* prepared, not signed by both */
	HANDOVER_DONE		/* signed by both */
};
const char	*handover_state_name(enum handover_state s);	/* "none" */
const char	*handover_state_label(enum handover_state s);	/* English */
enum yj_status	 handover_state_of(struct yj_app *a, const char *duty,
		    enum handover_state *st, struct yj_error *err);

/* A rung with nobody to call, or nobody with a phone, for an incident. */
struct handover_gap {
	int64_t		 incident;
	const char	*rung;		/* level or office id (the policy's) */
	bool		 no_phone;	/* someone, but without a phone */
};

/*
 * The start-of-shift check, shown once when a shift opens: what it
 * inherits and must watch.
 */
struct handover_check {
	struct policy_duty	 duty;
	int64_t			*inherited;	/* open, logged before it began */
	size_t			 ninherited;
	int64_t			*due;		/* a deadline falls in it */
	size_t			 ndue;
	int64_t			*emergencies;	/* open, under the plan */
	size_t			 nemergencies;
	int64_t			*flagged;	/* left watch or unstable */
	int			*flagged_status;
	size_t			 nflagged;
	bool			 has_prev;	/* the shift before, within a year */
	struct policy_duty	 prev;
	enum handover_state	 prev_state;
	struct handover_gap	*gaps;		/* for the incidents open */
	size_t			 ngaps;
	size_t			 all_gaps;	/* every unit and level */
	struct policy_duty	*unstaffed;	/* next 7 days, nobody on */
	size_t			 nunstaffed;
};
void		 handover_check_free(struct handover_check *c);
enum yj_status	 handover_check(struct yj_app *a, const char *duty,
		    struct handover_check *c, struct yj_error *err);

/*
 * The head of the one chain as verify prints it (count, and the first 16
 * hex digits of the last hash), for a sheet to anchor the history on.
 */
enum yj_status	 handover_chain_head(struct yj_app *a, int64_t *events,
		    char hex[17], struct yj_error *err);
/* A user's display name and login, "王老师 (duty1)", appended to b. */
void		 handover_person(struct yj_app *a, const char *login,
		    struct buf *b);

#endif
