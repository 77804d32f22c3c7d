/*
 * The words of the record, once each (DESIGN §4): the states of an
 * incident and the kinds of event in the history, as X-macro tables that
 * give the enums, the names stored, and what each kind does to the state.
 * Nothing else spells them: code asks these, never strcmp(state, "open").
 */
#ifndef YUJING_RECORD_H
#define YUJING_RECORD_H

#include <stdbool.h>

#include "yujing/i18n.h"

/* X(enum, name stored, label: in words, for the screen to translate) */
#define RECORD_STATES(X)						\
	X(RECORD_OPEN, "open", N_("open"))				\
	X(RECORD_ACKNOWLEDGED, "acknowledged", N_("acknowledged"))	\
	X(RECORD_RESOLVED, "resolved", N_("resolved"))

#define RECORD_ENUM(e, ...)	e,
enum record_state {
	RECORD_STATES(RECORD_ENUM)
	RECORD_NSTATES
};

/*
 * X(enum, name stored, label, state after: the state it leaves the
 * incident in, or -1 when it leaves the state as it was). The last group
 * is the admin history's.
 */
#define RECORD_KINDS(X)							\
	X(EV_REPORTED, "reported", N_("reported"), RECORD_OPEN)		\
	X(EV_ACKNOWLEDGED, "acknowledged", N_("acknowledged"),		\
	    RECORD_ACKNOWLEDGED)					\
	X(EV_NOTE, "note", N_("note"), -1)				\
	X(EV_CONTACTED, "contacted", N_("contacted"), -1)		\
	X(EV_RESOLVED, "resolved", N_("resolved"), RECORD_RESOLVED)	\
	X(EV_REOPENED, "reopened", N_("reopened"), RECORD_OPEN)		\
	X(EV_CHECKED, "checked", N_("ticked"), -1)			\
	X(EV_UNCHECKED, "unchecked", N_("unticked"), -1)		\
	X(EV_LATE_REPORT, "late_report", N_("late report"), -1)		\
	X(EV_INFORMED, "informed", N_("informed"), -1)			\
	X(EV_NOTIFIED, "notified", N_("notified"), -1)			\
	X(EV_EMERGENCY_PLAN, "emergency_plan", N_("emergency plan"), -1) \
	X(EV_GAP, "gap", N_("nobody to call"), -1)			\
	X(EV_ESCALATED, "escalated", N_("escalated"), RECORD_OPEN)	\
	X(EV_REMINDER, "reminder", N_("reminder"), -1)			\
	X(EV_OVERDUE, "overdue", N_("overdue"), -1)			\
	X(EV_NOTIFY, "notify", N_("message sent"), -1)			\
	X(EV_CORRECTED, "corrected", N_("corrected"), -1)		\
	X(EV_DUPLICATE, "duplicate", N_("closed as a duplicate"),	\
	    RECORD_RESOLVED)						\
	X(EV_DUPLICATE_OF, "duplicate_of", N_("a duplicate closed into it"), \
	    -1)								\
	X(EV_FOLLOWUP_DUE, "followup_due", N_("follow-up due"), -1)	\
	X(EV_FOLLOWUP_DONE, "followup_done", N_("follow-up done"), -1)	\
	X(EV_FOLLOWUP_OVERDUE, "followup_overdue",			\
	    N_("follow-up overdue"), -1)				\
	X(EV_RETAINED, "retained",					\
	    N_("personal details removed (retention)"), -1)		\
	X(EV_USER_ADDED, "user_added", N_("user added"), -1)		\
	X(EV_USER_PASSWORD, "user_password", N_("password set"), -1)	\
	X(EV_USER_ROLE, "user_role", N_("role changed"), -1)		\
	X(EV_USER_DISABLED, "user_disabled", N_("user disabled"), -1)	\
	X(EV_SIGNIN_FAILED, "signin_failed", N_("wrong password"), -1)	\
	X(EV_SIGNED_IN, "signed_in", N_("signed in"), -1)		\
	X(EV_SIGNED_OUT, "signed_out", N_("signed out"), -1)		\
	X(EV_SIGNIN_UNLOCKED, "signin_unlocked",			\
	    N_("sign-in wait cleared"), -1)				\
	X(EV_VIEWED, "viewed", N_("read in full"), -1)			\
	X(EV_REFUSED, "refused", N_("refused"), -1)			\
	X(EV_ROSTER_IMPORTED, "roster_imported", N_("roster imported"), -1) \
	X(EV_CONTACTS_IMPORTED, "contacts_imported",			\
	    N_("contacts imported"), -1)					\
	X(EV_LEAVE_IMPORTED, "leave_imported",				\
	    N_("leave records imported"), -1)				\
	X(EV_PART_BLANKED, "part_blanked", N_("blanked (retention)"), -1) \
	X(EV_ROSTER_RETAINED, "roster_retained",				\
	    N_("students who left removed (retention)"), -1)		\
	X(EV_SCHEDULE_SET, "schedule_set", N_("duty schedule set"), -1)	\
	X(EV_DUTY_SWAPPED, "duty_swapped", N_("duty swapped"), -1)	\
	X(EV_SHIFT_OPENED, "shift_opened", N_("shift opened"), -1)	\
	X(EV_HANDOVER_PREPARED, "handover_prepared",			\
	    N_("handover prepared"), -1)				\
	X(EV_HANDOVER_ITEM, "handover_item", N_("handover item set"), -1) \
	X(EV_HANDOVER_ACCEPTED, "handover_accepted",			\
	    N_("handover item accepted"), -1)				\
	X(EV_HANDOVER_QUESTIONED, "handover_questioned",		\
	    N_("handover item questioned"), -1)				\
	X(EV_HANDOVER_ANSWERED, "handover_answered",			\
	    N_("handover question answered"), -1)			\
	X(EV_HANDOVER_READBACK, "handover_readback",			\
	    N_("handover item read back"), -1)				\
	X(EV_HANDOVER_SIGNED, "handover_signed", N_("handover signed"), -1) \
	X(EV_EXPORTED, "exported", N_("exported"), -1)			\
	X(EV_SUMMARIES_REBUILT, "summaries_rebuilt",			\
	    N_("summaries made anew"), -1)

enum record_kind {
	RECORD_KINDS(RECORD_ENUM)
	RECORD_NKINDS
};

/* The name stored for a state or a kind. */
const char	*record_state_name(enum record_state s);
const char	*record_kind_name(enum record_kind k);
/* Their labels, in English (the screen passes them to _()). */
const char	*record_state_label(enum record_state s);
const char	*record_kind_label(enum record_kind k);
/* The state or kind a stored name is; -1 when it is none. */
int		 record_state_of(const char *name);
int		 record_kind_of(const char *name);
/* Whether a stored name is that state, that kind (NULL is neither). */
bool		 record_state_is(const char *name, enum record_state s);
bool		 record_kind_is(const char *name, enum record_kind k);
/* The state a kind leaves the incident in; -1: as it was. */
int		 record_kind_state(enum record_kind k);

#endif
