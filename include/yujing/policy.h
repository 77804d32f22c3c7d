/*
 * The policy: rules.yaml loaded, checked and frozen. Everything the rest of
 * the program knows about levels, offices, paths, severities, categories,
 * early-warning patterns and shifts comes from here (DESIGN §5).
 *
 * A loaded policy is immutable; indices into its arrays are stable for its
 * lifetime. Durations are seconds; 0 means "not set".
 */
#ifndef YUJING_POLICY_H
#define YUJING_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/diag.h"
#include "yujing/passwd.h"

#define POLICY_VERSION		1
#define POLICY_MAX_BYTES	(4 * 1024 * 1024)

enum policy_kind {
	POLICY_ROLE,
	POLICY_REPORTER_ROLE,
	POLICY_LEVEL,
	POLICY_OFFICE,
	POLICY_PATH,
	POLICY_SEVERITY,
	POLICY_CATEGORY,
	POLICY_WARNING,
	POLICY_SHIFT,
	POLICY_FOLLOWUP,
	POLICY_NKINDS
};

/*
 * Whose responsible person a level names: the incident's class, its
 * department, the whole school, or the building of its room (the
 * dormitory level of S1: a building's manager).
 */
enum policy_scope {
	POLICY_SCOPE_CLASS,
	POLICY_SCOPE_DEPARTMENT,
	POLICY_SCOPE_SCHOOL,
	POLICY_SCOPE_BUILDING,
	POLICY_NSCOPES
};

/* "class", "department", "school" or "building", as rules.yaml has it. */
const char	*policy_scope_id(enum policy_scope s);

enum policy_rung_kind {
	POLICY_RUNG_LEVEL,
	POLICY_RUNG_OFFICE
};

enum policy_field_type {
	POLICY_FIELD_TEXT,
	POLICY_FIELD_NUMBER,
	POLICY_FIELD_BOOL,
	POLICY_FIELD_TIME,
	POLICY_FIELD_CHOICE
};

enum policy_per {
	POLICY_PER_STUDENT,
	POLICY_PER_ROOM,
	POLICY_PER_CLASS
};

enum policy_days {
	POLICY_DAYS_ALL,
	POLICY_DAYS_WORKDAYS,
	POLICY_DAYS_HOLIDAYS
};

/*
 * What each role may do, once (DESIGN §4): X(enum, id in rules.yaml,
 * the roles that have it unless the policy's capabilities: say otherwise,
 * what it allows). Every command and screen asks app_can, nothing else.
 */
#define POLICY_ALL_ROLES "duty_officer counselor department_leader "	\
	"student_affairs school_leader counseling_staff admin"
#define POLICY_CAPABILITIES(X)						\
	X(CAP_HANDLE, "handle", POLICY_ALL_ROLES,			\
	    "act on an incident: acknowledge, note, call, escalate, "	\
	    "resolve, reopen")						\
	X(CAP_READ_RESTRICTED, "read_restricted", "counselor "		\
	    "department_leader student_affairs school_leader "		\
	    "counseling_staff",						\
	    "read a restricted category's content (its visible_to "	\
	    "narrows it further)")					\
	X(CAP_SCOPED, "scoped", "counselor department_leader",		\
	    "read restricted content only of one's own classes or "	\
	    "departments")						\
	X(CAP_READ_GUARDIAN, "read_guardian", "duty_officer counselor "	\
	    "department_leader student_affairs admin",			\
	    "read a student's parent's or emergency contact's phone "	\
	    "(家长电话), shown with the incident")			\
	X(CAP_REPORT, "report", "student_affairs school_leader admin",	\
	    "the timeliness and meeting reports")			\
	X(CAP_EXPORT, "export", POLICY_ALL_ROLES,			\
	    "lists as CSV or JSON, for other programs")			\
	X(CAP_MANAGE_USERS, "manage_users", "admin",			\
	    "add, list and disable users, set others' passwords")	\
	X(CAP_IMPORT, "import", "student_affairs admin",		\
	    "import the roster and the contacts; see the gaps")		\
	X(CAP_READ_ACCESS_LOG, "read_access_log", "admin "		\
	    "student_affairs",						\
	    "read who read what (the access log); security: "		\
	    "access_log_readers says the same")				\
	X(CAP_SCHEDULE, "schedule", "student_affairs admin",		\
	    "set the duty schedule: import it, swap a shift")		\
	X(CAP_MAINTAIN, "maintain", "admin",				\
	    "keep the database: make the reports' summaries anew")	\
	X(CAP_READ_ONLY, "read_only", "",				\
	    "browse only: every screen and list, nothing written (as "	\
	    "--read-only)")

#define POLICY_CAP_ENUM(e, ...)	e,
enum policy_cap {
	POLICY_CAPABILITIES(POLICY_CAP_ENUM)
	POLICY_NCAPS
};

/* The id of a capability in rules.yaml ("handle"). */
const char	*policy_cap_id(enum policy_cap c);

struct policy_role {
	const char	*id;
	const char	*name;
	const char	*name_en;	/* NULL when not given */
	unsigned	 caps;		/* 1 << enum policy_cap, for roles */
};

struct policy_level {
	const char		*id;
	const char		*name;
	const char		*name_en;
	enum policy_scope	 scope;
	int64_t			 ack_within;
	/*
	 * The users who answer here: an index into roles (its `role:`, or
	 * the role with the level's own id), -1 when none does.
	 */
	int			 role;
};

struct policy_office {
	const char	*id;
	const char	*name;
	const char	*name_en;
	int64_t		 ack_within;	/* 0: only from the path rung */
	int		 role;		/* as for a level */
};

/* In handled_by: the responsible person at the incident's current rung. */
#define POLICY_HANDLER_RUNG	"rung"

struct policy_rung {
	enum policy_rung_kind	 kind;
	size_t			 index;		/* into levels or offices */
	const char		*id;
	int64_t			 ack_within;	/* 0: the level's or office's */
	/*
	 * The level this rung ranks with: a level rung its own; an office
	 * rung the level before it in the path, or -1 when it comes first.
	 */
	int			 rank;
};

struct policy_path {
	const char		*id;
	const char		*name;		/* NULL when not given */
	const char		*name_en;
	const struct policy_rung *rungs;
	size_t			 nrungs;
};

struct policy_severity {
	const char	*id;
	const char	*name;
	const char	*name_en;
	int		 start_level;	/* index into levels, -1 when not set */
	bool		 emergency_plan;
	bool		 notify_all;
};

struct policy_field {
	const char		*id;
	const char		*label;
	enum policy_field_type	 type;
	const char *const	*choices;
	size_t			 nchoices;
	bool			 required;
	/* type number: the bounds given in the policy, if any */
	bool			 has_min;
	bool			 has_max;
	double			 min;
	double			 max;
};

struct policy_category {
	const char			*id;
	const char			*name;
	const char			*name_en;
	char				 key;		/* '\0' for none */
	const char *const		*aliases;
	size_t				 naliases;
	size_t				 path;
	size_t				 severity;	/* the default */
	int				 start_level;	/* -1 when not set */
	const size_t			*notify;	/* offices */
	size_t				 nnotify;
	int64_t				 report_within;
	int64_t				 resolve_within;
	const int64_t			*ack_within;	/* per rung of path, 0: none */
	bool				 restricted;
	const size_t			*visible_to;	/* roles */
	size_t				 nvisible_to;
	/*
	 * Who may handle it without reading it (see whom to call, record
	 * calls, acknowledge for the person, note, escalate): these roles,
	 * and the rung's responsible person when handled_by_rung. Default:
	 * the duty officer and the rung.
	 */
	const size_t			*handled_by;	/* roles */
	size_t				 nhandled_by;
	bool				 handled_by_rung;
	bool				 system;
	bool				 escalate_when_unresolved;
	const struct policy_field	*fields;
	size_t				 nfields;
	const char *const		*checklist;
	size_t				 nchecklist;
};

struct policy_warning {
	const char		*id;
	const char		*name;
	const char		*name_en;
	const size_t		*categories;
	size_t			 ncategories;
	int			 count;
	int64_t			 within;
	enum policy_per		 per;
	size_t			 severity;
	int			 start_level;	/* -1 when not set */
	size_t			 category;	/* what it raises */
};

struct policy_shift {
	const char		*id;
	const char		*name;
	const char		*name_en;
	int			 start;	/* minutes after midnight */
	int			 end;	/* == start: 24 hours */
	enum policy_days	 days;
	/*
	 * Who receives its handover (handover_to): a role's users, or NULL
	 * for the next shift's officer; handover_set when the policy says.
	 */
	const char		*handover_role;
	bool			 handover_set;
};

/*
 * What a case asks after its acknowledgement (a written report within 5
 * working days, a talk with the student, a letter to the parents): for
 * the categories and severities it names (none: every one), due within
 * a time or a number of working days of the report, owed by a level or
 * office (owner) or by whoever reported it (owner NULL).
 */
struct policy_followup {
	const char		*id;
	const char		*name;
	const char		*name_en;
	int64_t			 within;	/* seconds; 0 with workdays */
	int			 workdays;	/* 5wd; 0 with within */
	const char		*owner;		/* a level's or office's id */
	const size_t		*categories;
	size_t			 ncategories;
	const size_t		*severities;
	size_t			 nseverities;
};

/*
 * A dormitory building as the school names it (buildings:): its id, the
 * one the roster stores ("3"), and the other names files give it ("东三",
 * "3舍"), all in NFKC.
 */
struct policy_building {
	const char		*id;
	const char		*name;
	const char *const	*aliases;
	size_t			 naliases;
};

/* A holiday or workday entry: a weekday (1..7), or a range of dates. */
struct policy_dayspec {
	int		 weekday;	/* 0 for a range */
	struct caldate	 from;
	struct caldate	 to;
};

struct policy {
	const char			*institution;
	const char			*institution_en;
	int64_t				 idle_lock;
	/* security.kdf: the cost of a password's hash. */
	struct passwd_cost		 kdf;
	const char *const		*notify_command;	/* NULL-terminated, or NULL */
	size_t				 nnotify_command;
	int64_t				 notify_timeout;	/* default 10 s */
	/* Reports: a restricted category's group smaller is "<N". */
	int				 min_group;	/* default 5 */
	/* The first day of the term, for teaching weeks (year 0: none). */
	struct caldate			 term_start;
	/*
	 * retention: by category (the index of categories), how long after
	 * its resolution an incident keeps its personal details, 0: for
	 * ever; and a student's roster details after they left (0: kept).
	 */
	const int64_t			*retention;
	const bool			*retention_own;	/* not the default */
#define POLICY_RETENTION_MIN	(30 * 86400)
	int64_t				 retention_default;
	int64_t				 retention_left;

	const struct policy_role	*roles;
	size_t				 nroles;
	const struct policy_role	*reporter_roles;
	size_t				 nreporter_roles;
	const struct policy_level	*levels;	/* lowest first */
	size_t				 nlevels;
	const struct policy_office	*offices;
	size_t				 noffices;
	const struct policy_path	*paths;
	size_t				 npaths;
	const struct policy_severity	*severities;	/* lowest first */
	size_t				 nseverities;
	const struct policy_category	*categories;
	size_t				 ncategories;
	const struct policy_warning	*warnings;
	size_t				 nwarnings;
	const struct policy_shift	*shifts;
	size_t				 nshifts;
	const struct policy_followup	*followups;
	size_t				 nfollowups;
	const struct policy_building	*buildings;
	size_t				 nbuildings;
	const struct policy_dayspec	*holidays;
	size_t				 nholidays;
	const struct policy_dayspec	*workdays;
	size_t				 nworkdays;

	struct policy_private		*priv;	/* memory and lookup tables */
};

/*
 * Reads and checks a policy file. Returns the policy (free with
 * policy_free), or NULL after adding every problem found to d, each with
 * its line and column. d's file name is used in messages.
 */
struct policy	*policy_load_file(const char *path, struct diags *d);
/* The same from memory (data need not be NUL-terminated). */
struct policy	*policy_load_buffer(const char *data, size_t len,
		     struct diags *d);
void		 policy_free(struct policy *p);

/* The index of the thing of that kind with that id, or -1. O(log n). */
int		 policy_find(const struct policy *p, enum policy_kind kind,
		     const char *id);
/* Typed lookups; NULL when there is no such id. */
const struct policy_level	*policy_level(const struct policy *p,
				     const char *id);
const struct policy_office	*policy_office(const struct policy *p,
				     const char *id);
const struct policy_path	*policy_path(const struct policy *p,
				     const char *id);
/*
 * A rung's names (a level's or an office's, by its id, or rung g of a
 * path): false, and *name = id, *name_en = NULL, when there is none.
 */
bool		 policy_rung_names(const struct policy *p, const char *id,
		     const char **name, const char **name_en);
void		 policy_rung_names_of(const struct policy *p,
		     const struct policy_rung *g, const char **name,
		     const char **name_en);
/* The id of the building s (NFKC) is, is named or aliased; NULL: none. */
const char			*policy_building_id(const struct policy *p,
				    const char *s);
/*
 * The building a name in NFKC is, as a new string: by the policy's
 * buildings: (an id, a name or an alias, with a building's mark after
 * it or not: 东三, 东三栋), else by the default rule — 3, 3#, 3栋, 3号楼,
 * 3幢, 3楼, 3舍 are building 3 — else the name itself. p may be NULL.
 */
char				*policy_building_of(const struct policy *p,
				    const char *s);
/* The length of a building's mark at s (号楼, 栋, 幢, #, 号, 楼, 舍), or 0. */
size_t				 policy_building_mark(const char *s);
const struct policy_severity	*policy_severity(const struct policy *p,
				     const char *id);
const struct policy_category	*policy_category(const struct policy *p,
				     const char *id);
const struct policy_role	*policy_role(const struct policy *p,
				     const char *id);

/*
 * The rung of the category's path an incident of that severity starts at:
 * the first whose rank is at or above the higher of the category's and
 * the severity's start level.
 */
size_t		 policy_start_rung(const struct policy *p,
		     const struct policy_category *c,
		     const struct policy_severity *s);
/* How long rung r of the category's path has to acknowledge. */
int64_t		 policy_ack_within(const struct policy *p,
		     const struct policy_category *c, size_t r);

/* Whether the date is a holiday by the policy (workdays win). */
bool		 policy_is_holiday(const struct policy *p,
		     const struct caldate *d);
/*
 * The shift on duty at t (local time), or NULL when none is: a shift
 * belongs to the day it starts on, whose kind (workday, holiday) it needs.
 */
const struct policy_shift *policy_shift_at(const struct policy *p, int64_t t);

/*
 * One shift on one day (a duty): "2026-12-01/night", the date it starts
 * and the policy's shift id.
 */
#define POLICY_DUTY_IDSZ	48
struct policy_duty {
	const struct policy_shift	*shift;
	struct caldate			 date;		/* the day it starts */
	int64_t				 start, end;	/* Unix seconds */
	char				 id[POLICY_DUTY_IDSZ];
};
/* The duty at t: false when no shift runs then. */
bool		 policy_duty_at(const struct policy *p, int64_t t,
		     struct policy_duty *out);
/*
 * The duty an id names; false with *why set when it is not one (no such
 * shift, not a date, or that shift does not run on that day).
 */
bool		 policy_duty_parse(const struct policy *p, const char *id,
		     struct policy_duty *out, const char **why);
/* The first duty starting at or after t (within a year), or false. */
bool		 policy_duty_next(const struct policy *p, int64_t t,
		     struct policy_duty *out);
/* The last duty ending at or before t (within a year), or false. */
bool		 policy_duty_prev(const struct policy *p, int64_t t,
		     struct policy_duty *out);
/*
 * Who receives a duty's handover: the role whose users may (into *role),
 * or NULL for the next shift's officer. The policy's handover_to, else:
 * a holiday shift hands over to the next shift, a workday's to Student
 * Affairs (student_affairs: the office opens), unless the office does
 * not open because the next shift follows at once (a Friday night).
 */
const char	*policy_duty_receiver(const struct policy *p,
		     const struct policy_duty *d);

/* Whether a follow-up is asked of a case of that category and severity. */
bool		 policy_followup_applies(const struct policy *p,
		     const struct policy_followup *f, size_t category,
		     size_t severity);
/* When a follow-up of a case reported at t is due. */
int64_t		 policy_followup_due(const struct policy *p,
		     const struct policy_followup *f, int64_t t);

/*
 * The moment n working days after t (same time of day): each day after
 * t's that is not a holiday by the policy counts (a make-up workday
 * does, a statutory holiday does not).
 */
int64_t		 policy_add_workdays(const struct policy *p, int64_t t, int n);

/* One line: "policy OK: 4 levels, 4 offices, ..." into out. */
void		 policy_summary(const struct policy *p, struct buf *out);
/* The normalised policy as a JSON document (durations in seconds). */
void		 policy_to_json(const struct policy *p, struct buf *out);

#endif
