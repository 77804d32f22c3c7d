/*
 * Incidents as the people using yujing see them: logging one (checked
 * against the policy), acting on one (note, contacted, acknowledge,
 * resolve, reopen: each one event), and who may read what (DESIGN §4).
 */
#ifndef YUJING_INCIDENT_H
#define YUJING_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yujing/app.h"
#include "yujing/status.h"
#include "yujing/store.h"

#define INCIDENT_TEXT_MAX	(64 * 1024)	/* bytes of a description */
#define INCIDENT_VALUE_MAX	4096		/* bytes of a field, a name */
/* How far ahead of the clock "occurred" may be (clocks differ a little). */
#define INCIDENT_AHEAD_MAX	(5 * 60)

/* What the person logging an incident gives; NULL for "not given". */
struct incident_draft {
	const char		*category;	/* required: a category id */
	const char		*severity;	/* default: the category's */
	const char *const	*students;	/* student numbers */
	size_t			 nstudents;
	/* People not on the roster (a visitor, a worker): their names. */
	const char *const	*others;
	size_t			 nothers;
	const char		*room;		/* "building-room" */
	const char		*department;	/* with no student: whose */
	const char		*location;
	const char		*occurred;	/* as caltime_parse_when; now */
	/*
	 * With occurred NULL: when it happened, when not 0 (a form says "now"
	 * for when it was opened, not for when it is saved).
	 */
	int64_t			 occurred_at;
	const char		*reporter;	/* default: the user */
	const char		*reporter_role;	/* a reporter role id */
	const char *const	*fields;	/* "key=value" each */
	size_t			 nfields;
	const char		*action;	/* what was done already (S11.4) */
	const char		*text;		/* required */
	const char *const	*checked;	/* checklist items done already */
	size_t			 nchecked;
};

/* Checks and saves the incident with its first event; its id in *id. */
enum yj_status	incident_log(struct yj_app *a, const struct incident_draft *d,
		    int64_t *id, struct yj_error *err);

enum incident_act {
	INCIDENT_NOTE,
	INCIDENT_CONTACTED,
	INCIDENT_ACK,
	INCIDENT_RESOLVE,
	INCIDENT_REOPEN,
	INCIDENT_CHECK,		/* text: a checklist item, now done */
	INCIDENT_UNCHECK	/* text: a checklist item, not done after all */
};

enum incident_result {
	INCIDENT_REACHED,
	INCIDENT_NO_ANSWER,
	INCIDENT_LEFT_MESSAGE
};

/*
 * One action on incident id by the signed-in user. text is the note (for
 * resolve: the resolution; required for note, resolve and reopen). For
 * contacted, person and result say whom and how it went.
 */
enum yj_status	incident_act(struct yj_app *a, int64_t id,
		    enum incident_act act, const char *text,
		    const char *person, enum incident_result result,
		    struct yj_error *err);

enum incident_correct {
	INCIDENT_CORRECT_FIELD,		/* value: "KEY=VALUE" */
	INCIDENT_CORRECT_CATEGORY,	/* value: a category id */
	INCIDENT_CORRECT_SEVERITY,	/* value: a severity id */
	INCIDENT_CORRECT_ADD_STUDENT,	/* value: a student's number */
	INCIDENT_CORRECT_REMOVE_STUDENT	/* value: a student's number */
};
/*
 * Corrects what was recorded, for reason: one event that keeps the old
 * value beside the new one (nothing is overwritten in the history). A
 * category or severity correction also moves the incident to where it
 * now stands on its ladder (restricted or not, its path, its start), its
 * clock starting again there, past rungs with nobody to call. Adding or
 * removing a student keeps the student's number and name in the event;
 * when that changes whose the incident is (its first student's class and
 * department), whoever answers at its rung now is told.
 */
enum yj_status	incident_correct(struct yj_app *a, int64_t id,
		    enum incident_correct what, const char *value,
		    const char *reason, struct yj_error *err);
/*
 * Closes id as a duplicate of of, for reason; both histories say so, in
 * one transaction.
 */
enum yj_status	incident_duplicate(struct yj_app *a, int64_t id, int64_t of,
		    const char *reason, struct yj_error *err);

/*
 * Which items of the incident's checklist are done, from its history:
 * done[i] for the category's item i (n of them at most).
 */
enum yj_status	incident_checklist(struct yj_app *a, int64_t id, bool *done,
		    size_t n, struct yj_error *err);

/*
 * Whether the signed-in user may read the incident in full: restricted
 * categories only for the roles the policy names, and for counselors and
 * department leaders only inside their scope.
 */
bool		incident_visible(const struct yj_app *a,
		    const struct store_incident *in);

/*
 * What the signed-in user has of an incident (DESIGN §5, reading vs
 * handling). Need-to-know guards the content, not the handling: whoever
 * the category's handled_by names (the duty officer, the person at the
 * current rung) sees that it exists, its severity, rung, deadlines and
 * whom to call, and may call, acknowledge, note and escalate.
 */
enum incident_access {
	INCIDENT_STUB,		/* that it exists: category, state, rung */
	INCIDENT_HANDLES,	/* and severity, whom to call; may act on it */
	INCIDENT_READS		/* all of it */
};
/* For a row as incident_show or a list delivered it (redacted or not). */
enum incident_access incident_access(const struct yj_app *a,
		    const struct store_incident *in);
/*
 * Whether the signed-in user answers at the incident's current rung: the
 * level's (or office's) role, and for a class or department level one of
 * their own classes or departments.
 */
bool		incident_at_rung(const struct yj_app *a,
		    const struct store_incident *in);
/*
 * Whether the user answers at its rung or one above it, and so may
 * acknowledge it as themselves (a leader taking what waits below them).
 */
bool		incident_may_ack_self(const struct yj_app *a,
		    const struct store_incident *in);

/* Whether the user's role answers at any level or office of the policy. */
bool		incident_answers_somewhere(const struct yj_app *a);

enum incident_via {
	INCIDENT_VIA_SELF,	/* the person signed in acknowledges */
	INCIDENT_VIA_PHONE,	/* told the officer on the phone */
	INCIDENT_VIA_IN_PERSON	/* told the officer face to face */
};
/* "self", "phone", "in-person": as stored and typed; -1 for none. */
const char	*incident_via_name(enum incident_via v);
int		 incident_via_of(const char *name);

/*
 * Acknowledges incident id at its rung for person (who answers there),
 * told to the signed-in user by via, with an optional note; person NULL:
 * the signed-in user, who must then be the one answering at the rung.
 * The timeliness report credits person; the history keeps who took it.
 */
enum yj_status	incident_ack(struct yj_app *a, int64_t id, const char *person,
		    enum incident_via via, const char *text,
		    struct yj_error *err);
/* Frees what incident_show or a list filled in (the row's strings). */
void		incident_free(struct store_incident *in);
/* The id of the student with that number, for a filter. */
enum yj_status	incident_student_id(struct yj_app *a, const char *number,
		    int64_t *id, struct yj_error *err);
/*
 * Blanks what the user may not read (students, text, fields, ...). For
 * one who handles it, the severity and the units stay (whom to call).
 */
void		incident_redact(struct store_incident *in,
		    enum incident_access access);

typedef int	(*incident_cb)(void *arg, const struct store_incident *in,
		    bool redacted);
/*
 * Incidents matching f as the signed-in user may see them, newest first.
 * With a student or severity filter, incidents the user may not read are
 * left out altogether: even a stub would tell what it hides.
 */
enum yj_status	incident_list(struct yj_app *a, const struct store_filter *f,
		    incident_cb cb, void *arg, struct yj_error *err);
/*
 * What waits on the signed-in user, most urgent first (the TUI's "mine").
 * For one who answers at a level or office (a counselor, a department
 * leader, an office): the open incidents at such a rung of theirs, within
 * their own classes or departments. For anyone else (the duty officer):
 * what falls due before the shift ends (until the next 12 hours, when no
 * shift runs), acknowledgements and resolutions, and every emergency.
 */
enum yj_status	incident_mine(struct yj_app *a, incident_cb cb, void *arg,
		    struct yj_error *err);
/* When the shift running at t ends; 0 when none runs. */
int64_t		incident_shift_end(const struct yj_app *a, int64_t t);

/* How many incidents incident_list would give for f (limit, offset aside). */
enum yj_status	incident_count(struct yj_app *a, const struct store_filter *f,
		    int64_t *count, struct yj_error *err);
/* One incident (redacted or not) and, when full, its history. */
enum yj_status	incident_show(struct yj_app *a, int64_t id,
		    struct store_incident *out, bool *redacted,
		    struct yj_error *err);

/*
 * A look at a restricted incident, on record before it is shown (the
 * access log): read in full, or refused (redacted); how: "screen",
 * "command". Nothing for an incident that is not restricted. Failing,
 * the incident must not be shown.
 */
enum yj_status	incident_record_view(struct yj_app *a,
		    const struct store_incident *in, bool redacted,
		    const char *how, struct yj_error *err);

/*
 * The history of an incident, oldest first, for a user who may read it
 * in full (YJ_DENIED otherwise: the history is as private as the text).
 */
enum yj_status	incident_history(struct yj_app *a, int64_t id,
		    store_event_cb cb, void *arg, struct yj_error *err);

#endif
