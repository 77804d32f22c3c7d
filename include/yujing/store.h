/*
 * The store: the SQLite database and the only SQL in yujing (DESIGN §3).
 *
 * One struct store is one connection. Every write runs inside
 * store_begin/store_commit (BEGIN IMMEDIATE; nested pairs collapse into the
 * outermost). Nothing here talks to the user: functions return a status and
 * fill a struct yj_error. Times are Unix seconds, UTC.
 *
 * Rows come back as structs whose strings the caller frees with the
 * matching *_free function; lists come back through a callback, one row at
 * a time, so nothing needs all rows in memory (a list of incidents holds
 * their ids).
 */
#ifndef YUJING_STORE_H
#define YUJING_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yujing/status.h"

#define STORE_SCHEMA_VERSION	16
#define STORE_SCHEMA_FIRST	5	/* older databases are refused */
#define STORE_HASH_BYTES	32

struct store;

enum store_open_flags {
	STORE_CREATE = 1,	/* make a new database; it must not exist */
	STORE_GROUP = 2,	/* with CREATE: mode 0660 instead of 0600 */
};

/*
 * Opens (or creates) the database at path, checked and migrated. The path
 * ":memory:" gives a new private database in memory (for tests). err must
 * not be NULL, here or anywhere in this API.
 */
enum yj_status	store_open(const char *path, int flags, struct store **out,
		    struct yj_error *err);
void		store_close(struct store *s);
/* Which journal mode the store chose for the linked SQLite ("delete"...). */
const char	*store_journal_mode(const struct store *s);

/*
 * How long a call waits while another connection holds the lock it needs
 * (another process writing), and what it does meanwhile: cb, when not
 * NULL, is called about every 50 ms with how long it has waited so far
 * (a screen says so). After max_ms the call fails with YJ_BUSY. max_ms 0
 * gives back the default: 10 s, nothing called.
 */
typedef void	(*store_busy_cb)(void *arg, int64_t waited_ms);
void		store_busy(struct store *s, int64_t max_ms, store_busy_cb cb,
		    void *arg);

/*
 * A number that changes when another connection commits a change to the
 * database (PRAGMA data_version): cheap enough to ask every second. The
 * connection's own commits do not change it.
 */
enum yj_status	store_data_version(struct store *s, int64_t *v,
		    struct yj_error *err);
/*
 * The pages SQLite keeps in memory for this connection, in MB (its own
 * default is 2): for a long write over a big file, as the benchmark's.
 */
enum yj_status	store_cache(struct store *s, int64_t mb, struct yj_error *err);
enum yj_status	store_begin(struct store *s, struct yj_error *err);
enum yj_status	store_commit(struct store *s, struct yj_error *err);
/* Undoes the whole outermost transaction, whatever the depth. */
void		store_rollback(struct store *s);

/* Who makes a change to the admin history, and when. */
struct store_actor {
	const char	*login;		/* "system" for yujing itself */
	int64_t		 user_id;	/* 0 for yujing itself */
	int64_t		 at;
};

/* --- the organisation (S1, S2, S9) ------------------------------------- */

enum store_unit {
	STORE_UNIT_CLASS,
	STORE_UNIT_DEPARTMENT,
	STORE_UNIT_SCHOOL,	/* unit id 0 */
	STORE_UNIT_BUILDING	/* for store_units: dormitory buildings */
};

/* Finds or makes a unit by name; returns its id in *id. */
enum yj_status	store_department_ensure(struct store *s, const char *name,
		    int64_t *id, struct yj_error *err);
/* A class belongs to one department; naming another is an error. */
enum yj_status	store_class_ensure(struct store *s, const char *name,
		    int64_t department, int64_t *id, struct yj_error *err);
enum yj_status	store_building_ensure(struct store *s, const char *name,
		    int64_t *id, struct yj_error *err);
enum yj_status	store_room_ensure(struct store *s, int64_t building,
		    const char *name, int64_t *id, struct yj_error *err);
/* Looks a unit up by name; YJ_NOT_FOUND when there is none. */
enum yj_status	store_unit_find(struct store *s, enum store_unit kind,
		    const char *name, int64_t *id, struct yj_error *err);
/* "3-402" style: building name, '-', room name. */
enum yj_status	store_room_find(struct store *s, const char *building,
		    const char *room, int64_t *id, struct yj_error *err);

struct store_student {
	int64_t	 id;
	char	*number;
	char	*name;
	char	*gender;
	char	*phone;
	int64_t	 class_id;
	char	*class_name;
	int64_t	 department_id;
	char	*department_name;
	int64_t	 room_id;	/* 0: none */
	char	*room;		/* "building-room", or "" */
	char	*guardian;	/* a parent or emergency contact, or "" */
	char	*guardian_phone;
	int64_t	 left_at;	/* 0: at the school; else when an import
				   no longer had them */
};

void		store_student_free(struct store_student *st);

enum store_upsert {
	STORE_ADDED,
	STORE_UPDATED,		/* name, gender or phone changed */
	STORE_MOVED,		/* class or room changed (perhaps more) */
	STORE_UNCHANGED
};

/* A leave of absence (请假) as the leave records' import keeps it. */
struct store_leave_record {
	int64_t	 student_id;
	int64_t	 from;		/* Unix seconds */
	int64_t	 to;		/* the moment it ends */
	char	*reason;
	char	*approved_by;
};

/*
 * Keeps a leave record: one a student and a from; again, its end (back
 * early, or longer), reason and approver replaced. *what: STORE_ADDED,
 * STORE_UPDATED or STORE_UNCHANGED.
 */
enum yj_status	store_leave_record_put(struct store *s,
		    const struct store_leave_record *in,
		    enum store_upsert *what, struct yj_error *err);
/*
 * The student's leave that covers t (from <= t < to), the one that ends
 * last; YJ_NOT_FOUND when none does.
 */
enum yj_status	store_leave_record_at(struct store *s, int64_t student,
		    int64_t t, struct store_leave_record *out,
		    struct yj_error *err);
void		store_leave_record_free(struct store_leave_record *l);

/* Adds or updates the student with st->number; says which in *what. */
enum yj_status	store_student_put(struct store *s,
		    const struct store_student *st, enum store_upsert *what,
		    struct yj_error *err);
/*
 * The same, for a caller that has read that student already in the same
 * transaction (old; NULL when there is none): not read again.
 */
enum yj_status	store_student_put_known(struct store *s,
		    const struct store_student *st,
		    const struct store_student *old, enum store_upsert *what,
		    struct yj_error *err);
enum yj_status	store_student_get(struct store *s, const char *number,
		    struct store_student *out, struct yj_error *err);
enum yj_status	store_student_by_id(struct store *s, int64_t id,
		    struct store_student *out, struct yj_error *err);
/* The store frees the row after the callback; non-zero stops. */
typedef int	(*store_student_cb)(void *arg, const struct store_student *st);
/*
 * The students at the school (not left) of one class, or of all when
 * class_id is 0, by number; the callback may not write.
 */
enum yj_status	store_students_present(struct store *s, int64_t class_id,
		    store_student_cb cb, void *arg, struct yj_error *err);
/* Marks a student as left at a time (an import no longer had them). */
enum yj_status	store_student_leave(struct store *s, int64_t id, int64_t at,
		    struct yj_error *err);
/* Counts of students, classes, departments, buildings, rooms. */
struct store_counts {
	int64_t	 students;
	int64_t	 classes;
	int64_t	 departments;
	int64_t	 buildings;
	int64_t	 rooms;
	int64_t	 people;
	int64_t	 users;
	int64_t	 incidents;
	int64_t	 events;
};
enum yj_status	store_counts(struct store *s, struct store_counts *c,
		    struct yj_error *err);

struct store_person {
	int64_t	 id;
	char	*name;
	char	*phone;
	char	*title;
};

void		store_person_free(struct store_person *p);
/* Finds the person by name and phone, or adds them (title updated). */
enum yj_status	store_person_ensure(struct store *s, const char *name,
		    const char *phone, const char *title, int64_t *id,
		    struct yj_error *err);
/* A person by name alone; YJ_EXISTS when the name is ambiguous. */
enum yj_status	store_person_find(struct store *s, const char *name,
		    struct store_person *out, struct yj_error *err);

/*
 * Who is responsible at level (a level or office id of the policy) for a
 * unit. Setting replaces whoever was there.
 */
enum yj_status	store_responsible_set(struct store *s, const char *level,
		    enum store_unit kind, int64_t unit, int64_t person,
		    struct yj_error *err);
enum yj_status	store_responsible_get(struct store *s, const char *level,
		    enum store_unit kind, int64_t unit, struct store_person *out,
		    struct yj_error *err);

/*
 * After an import, in its transaction: an event in the admin history
 * (kind "roster_imported" or "contacts_imported", what: the file) that
 * records a digest of the whole organisation, so that a change made
 * outside yujing is found by verify.
 */
enum yj_status	store_org_seal(struct store *s, const char *kind,
		    const char *what, const struct store_actor *by,
		    struct yj_error *err);

/* Every unit of a kind: id and name, in name order. */
typedef int	(*store_unit_cb)(void *arg, int64_t id, const char *name);
enum yj_status	store_units(struct store *s, enum store_unit kind,
		    store_unit_cb cb, void *arg, struct yj_error *err);
/*
 * The units a room stands for, in name order: the distinct classes (only
 * those of department, when it is not 0) or departments of the students
 * who live in it, or (STORE_UNIT_BUILDING) its building. None for a room
 * with nobody in it; the school is not a kind to ask for.
 */
enum yj_status	store_room_units(struct store *s, int64_t room,
		    enum store_unit kind, int64_t department, store_unit_cb cb,
		    void *arg, struct yj_error *err);

/* --- users ------------------------------------------------------------- */


struct store_user {
	int64_t	 id;
	char	*login;
	char	*display;
	char	*role;
	char	*pwhash;
	int64_t	 person_id;	/* 0: none */
	bool	 disabled;
	/* The password was set by an admin: the user must choose one. */
	bool	 must_change;
	int64_t	 created_at;
	/* Scope: classes and departments a counselor or leader covers. */
	int64_t	*scope_classes;
	size_t	 nscope_classes;
	int64_t	*scope_departments;
	size_t	 nscope_departments;
};

void		store_user_free(struct store_user *u);
/*
 * Adds u (scope included) and its event in the admin history; sets u->id.
 * YJ_EXISTS when the login is taken.
 */
enum yj_status	store_user_add(struct store *s, struct store_user *u,
		    const struct store_actor *by, struct yj_error *err);
enum yj_status	store_user_get(struct store *s, const char *login,
		    struct store_user *out, struct yj_error *err);
/* Each with its event in the admin history. */
/*
 * A new hash; must_change: the user must choose another at the next
 * sign-in. why (NULL, "rehash", "file"): how it came to be set, for the
 * history's payload.
 */
enum yj_status	store_user_set_password(struct store *s, const char *login,
		    const char *pwhash, bool must_change, const char *why,
		    const struct store_actor *by, struct yj_error *err);
enum yj_status	store_user_set_role(struct store *s, const char *login,
		    const char *role, const struct store_actor *by,
		    struct yj_error *err);
enum yj_status	store_user_disable(struct store *s, const char *login,
		    const struct store_actor *by, struct yj_error *err);
/*
 * The wrong passwords given for login in a row, read from its admin
 * history back to the last sign-in, unlock or new password, at most
 * `most` of them; the last one's time. Kept by the history, so every
 * process sees the same count.
 */
struct store_signin {
	int	 failures;
	int64_t	 last_at;
};
enum yj_status	store_signin_recent(struct store *s, const char *login,
		    int most, struct store_signin *out, struct yj_error *err);
/*
 * Retention (the policy's retention:, src/store/retention.c). Each rule:
 * the incidents of a category resolved, and untouched since, before
 * `before` lose their personal details (the values of their history's
 * personal parts, the row's columns of them, their fields' values, their
 * students), keeping what statistics count; an event of their history
 * ("retained": rule, keep, parts, students) says so. Each is told to cb
 * (which may stop it) before (apply) or instead of (a dry run) its
 * removal, a hundred to a transaction; *count says how many. Then the
 * search index is merged so the words taken out are gone from the file.
 */
struct store_retain_rule {
	const char	*category;
	int64_t		 before;	/* 0: kept for ever */
	int64_t		 keep;		/* the rule's time, for the record */
	const char	*rule;		/* the policy's key: default, or the id */
};
struct store_retained {
	int64_t		 incident;
	const char	*category;
	int64_t		 last_at;	/* resolved, or last touched since */
	int64_t		 parts;		/* personal values removed */
	int64_t		 students;	/* links cut */
};
typedef int	(*store_retained_cb)(void *arg, const struct store_retained *x);
enum yj_status	store_retain(struct store *s,
		    const struct store_retain_rule *rules, size_t nrules,
		    bool apply, const struct store_actor *by,
		    store_retained_cb cb, void *arg, int64_t *count,
		    struct yj_error *err);
/* The categories the incidents have (the policy may have dropped some). */
enum yj_status	store_retain_categories(struct store *s, char ***out,
		    size_t *n, struct yj_error *err);
/*
 * Students who left before `before` and whom no incident names any more
 * but those past their rules (store_retain's): their roster rows and
 * leave records removed (apply), the roster sealed anew in the admin
 * history ("roster_retained"). *removed: how many (or would be); *named:
 * those left as long, still named by an incident not past its own time.
 */
enum yj_status	store_retain_left(struct store *s,
		    const struct store_retain_rule *rules, size_t nrules,
		    int64_t before, int64_t keep, bool apply,
		    const struct store_actor *by, int64_t *removed,
		    int64_t *named, struct yj_error *err);
/*
 * A sign-in decided whole, from store_signin_begin to store_signin_end:
 * its failures read, its password checked and a wrong one recorded with
 * no other process's try between (the write lock, held while the
 * password is checked: tens of milliseconds; nothing is written for a
 * right one). Where the file cannot be written, nothing can be recorded
 * either: *held false, and the sign-in goes on unheld.
 */
enum yj_status	store_signin_begin(struct store *s, bool *held,
		    struct yj_error *err);
enum yj_status	store_signin_end(struct store *s, struct yj_error *err);
/*
 * A wrong password for login (how: "screen", "command"): its event, with
 * the count in a row and the wait it starts (passwd_wait), both decided
 * inside the transaction and put in *failures and *wait.
 */
enum yj_status	store_signin_failed(struct store *s, const char *login,
		    const char *how, const struct store_actor *by,
		    int *failures, int64_t *wait, struct yj_error *err);
/*
 * A record a reader leaves (a sign-in, a sign-out, a look at a
 * restricted incident): an event of the admin history about subject,
 * written even while the store is read-only.
 */
enum yj_status	store_record(struct store *s, const char *subject,
		    const char *kind, const char *payload,
		    const struct store_actor *by, struct yj_error *err);
/*
 * The access log: who read which restricted incident in full, who was
 * refused it (subject "access/N"), who exported what (subject "export"),
 * in order. incident != 0: that incident's only (exports name none);
 * login: that user's only; at in [from, to).
 */
struct store_access {
	int64_t		 id;
	int64_t		 at;
	const char	*actor;
	const char	*kind;
	const char	*payload;	/* a JSON object */
};
typedef int	(*store_access_cb)(void *arg, const struct store_access *x);
enum yj_status	store_access_read(struct store *s, int64_t from, int64_t to,
		    const char *login, int64_t incident, store_access_cb cb,
		    void *arg, struct yj_error *err);
/*
 * Read-only (--read-only, the read_only capability): every change is
 * refused but the records of store_record.
 */
void		store_read_only(struct store *s, bool on);
typedef int	(*store_user_cb)(void *arg, const struct store_user *u);
enum yj_status	store_users(struct store *s, store_user_cb cb, void *arg,
		    struct yj_error *err);

/* --- incidents and their history (S14) -------------------------------- */

struct store_incident_student {
	int64_t	 id;
	char	*number;
	char	*name;
};

struct store_field {
	char	*key;
	char	*value;
};

struct store_incident {
	int64_t				 id;
	char				*category;
	char				*category_name;
	char				*severity;
	char				*severity_name;
	bool				 restricted;
	char				*state;		/* open, acknowledged, resolved */
	char				*level;		/* the current rung's id */
	int				 rung;		/* its index in the path */
	int64_t				 occurred_at;
	int64_t				 reported_at;
	char				*reporter;
	char				*reporter_role;
	int64_t				 logged_by;
	char				*logged_by_login;
	int64_t				 room_id;	/* 0: none */
	char				*room;		/* "building-room" or "" */
	char				*location;
	int64_t				 department_id;	/* 0: none */
	int64_t				 class_id;	/* 0: none */
	char				*text;
	char				*actions;
	char				*resolution;
	int64_t				 rung_since;
	int64_t				 ack_due;	/* 0: none */
	int64_t				 resolve_due;	/* 0: none */
	bool				 emergency;
	int64_t				 overdue_since;	/* 0: not overdue */
	int64_t				 report_delay;	/* seconds late (S15) */
	char				*others;	/* not on the roster: names,
							   one a line */
	int64_t				 updated_at;
	/* Its personal details removed then (retention), 0: never. */
	int64_t				 retained_at;	/* _get only */
	struct store_incident_student	*students;
	size_t				 nstudents;
	struct store_field		*fields;
	size_t				 nfields;
};

void		store_incident_free(struct store_incident *in);

struct store_event {
	int64_t	 id;
	int64_t	 incident_id;
	int64_t	 at;
	char	*actor;		/* a login, or "system" */
	int64_t	 user_id;	/* 0 for the system */
	char	*kind;		/* reported, note, acknowledged, ... */
	char	*level;
	char	*note;
	char	*payload;	/* a JSON object */
	uint8_t	 hash[STORE_HASH_BYTES];
	/*
	 * A correction: the value it corrected, kept as a personal part of
	 * the event beside the new one ("" when none), or the student it
	 * adds or removes ("NUMBER NAME"); NULL or "" otherwise.
	 */
	char	*from;
};

void		store_event_free(struct store_event *ev);

/*
 * Adds the incident (in->students by id, in->fields) and its first event
 * in one transaction; sets in->id and first->id.
 */
enum yj_status	store_incident_add(struct store *s, struct store_incident *in,
		    struct store_event *first, struct yj_error *err);
enum yj_status	store_incident_get(struct store *s, int64_t id,
		    struct store_incident *out, struct yj_error *err);
/*
 * Appends ev to the incident's history and, in the same transaction,
 * writes the incident's summary columns from in (state, level, rung,
 * severity, deadlines, resolution, emergency, fields), so the two never
 * disagree. in may be NULL for an event that changes nothing else.
 */
enum yj_status	store_incident_update(struct store *s,
		    const struct store_incident *in, struct store_event *ev,
		    struct yj_error *err);
/*
 * As store_incident_update, and the incident's students become
 * in->students (by id, in that order): one it had keeps the number and
 * name it was recorded with, one new to it is recorded as the roster has
 * it now.
 */
enum yj_status	store_incident_update_students(struct store *s,
		    const struct store_incident *in, struct store_event *ev,
		    struct yj_error *err);

struct store_filter {
	bool		 open_only;	/* not resolved */
	const char	*category;	/* NULL: any */
	const char	*severity;
	const char	*level;
	int64_t		 student;	/* student id, 0: any */
	int64_t		 since;		/* occurred at or after, 0: any */
	int64_t		 until;		/* occurred before, 0: any */
	int64_t		 limit;		/* 0: no limit */
	int64_t		 offset;	/* rows skipped first */
	int64_t		 overdue_at;	/* past a deadline at this time, 0: any */
	int64_t		 building;	/* its room or a student's there, 0: any */
	int64_t		 department;	/* 0: any */
	int64_t		 logged_by;	/* user id, 0: any */
	const char	*text;		/* in its text, place or students */
	const char	*state;		/* open, acknowledged, resolved; NULL any */
	bool		 emergency;	/* only those under the emergency plan */
	/*
	 * Most urgent first (emergencies, then past their deadline at
	 * urgent_at, then the soonest deadline) instead of newest first.
	 */
	int64_t		 urgent_at;
};

/* The callback may change the row (the store frees it afterwards). */
typedef int	(*store_incident_cb)(void *arg, struct store_incident *in);
/*
 * Incidents matching f, newest first. The callback returns non-zero to
 * stop. No query is open while it runs (their ids are read first), so it
 * may write, or wait on a pipe, without keeping anyone else out.
 */
enum yj_status	store_incidents(struct store *s, const struct store_filter *f,
		    store_incident_cb cb, void *arg, struct yj_error *err);
/* How many incidents match f (limit and offset aside). */
enum yj_status	store_incident_count(struct store *s,
		    const struct store_filter *f, int64_t *count,
		    struct yj_error *err);

typedef int	(*store_id_cb)(void *arg, int64_t id);
/*
 * Incidents with a deadline passed at now: open past ack_due, or not
 * resolved past resolve_due and not yet marked overdue.
 */
enum yj_status	store_due(struct store *s, int64_t now, store_id_cb cb,
		    void *arg, struct yj_error *err);

/* What an early-warning rule counts incidents by. */
enum store_subject {
	STORE_BY_STUDENT,
	STORE_BY_ROOM,
	STORE_BY_CLASS
};
/*
 * The incidents of the given categories about one subject (a student,
 * room or class id) that occurred at or after since, newest first, their
 * ids into ids (at most max); the total in *count.
 */
enum yj_status	store_subject_incidents(struct store *s,
		    const char *const *categories, size_t ncategories,
		    enum store_subject by, int64_t subject, int64_t since,
		    int64_t *ids, size_t max, size_t *count,
		    struct yj_error *err);
/*
 * An incident of category that is not resolved and has both fields set
 * as given (k1 = v1, k2 = v2; the index looks k1 up: the rarer first);
 * its id in *id, or 0 when there is none.
 */
enum yj_status	store_find_open_by_fields(struct store *s,
		    const char *category, const char *k1, const char *v1,
		    const char *k2, const char *v2, int64_t *id,
		    struct yj_error *err);

typedef int	(*store_event_cb)(void *arg, const struct store_event *ev);
/* The history of one incident, oldest first. */
enum yj_status	store_events(struct store *s, int64_t incident,
		    store_event_cb cb, void *arg, struct yj_error *err);
/* What verify found different from what the history says. */
enum store_diff_kind {
	STORE_DIFF_CHAIN,	/* the chain itself: gaps, the end cut off */
	STORE_DIFF_INCIDENT,	/* an incident, its row or its events */
	STORE_DIFF_USER,	/* a user, or the admin history of one */
	STORE_DIFF_SCHEMA,	/* a table, index or trigger */
	STORE_DIFF_ROSTER,	/* the organisation since its last import */
	STORE_DIFF_ANCHOR,	/* the head written down earlier */
	STORE_DIFF_SUMMARY	/* the numbers kept by day, against a recount */
};

struct store_diff {
	enum store_diff_kind	 kind;
	int64_t			 incident;	/* 0: none */
	char			*user;		/* a login, or NULL */
	int64_t			 event;		/* 0: none */
	char			*field;		/* what differs, or NULL */
	char			*is;		/* with field: the row's value */
	char			*says;		/* with field: the history's */
	char			*why;		/* without field: what is wrong */
};

struct store_verify {
	int64_t			 events;	/* links of the chain */
	uint8_t			 head[STORE_HASH_BYTES];
	struct store_diff	*diffs;
	size_t			 ndiffs;
	size_t			 unlisted;	/* differences told as a count */
};

/*
 * Checks the whole record (S14, S15): the file (quick_check); the schema
 * against the migrations'; the chain numbered without gaps and its end
 * not cut off; every event's hash over the one before, its columns, its
 * parts' digests (and each part's value against its digest) and the state
 * it leaves; every incident's row, students and fields against the replay
 * of its events; every user against the admin history; the organisation
 * against the last import. With anchor_hex (the start of an event's hash
 * in hex, as verify prints the head), event anchor_events must be there
 * with that hash. Every difference goes into out (free it with
 * store_verify_free); YJ_OK means the check ran, not that nothing was
 * found. Reads a page or one incident at a time, so writers get in
 * between.
 */
enum yj_status	store_verify(struct store *s, int64_t anchor_events,
		    const char *anchor_hex, struct store_verify *out,
		    struct yj_error *err);
void		store_verify_free(struct store_verify *out);
/*
 * Blanks one personal part of the history (retention): its value becomes
 * NULL, its digest stays, so the chain still verifies; the incident's row
 * is blanked too where this part is what it holds now; and the blanking
 * is an event of the admin history (part_blanked: which event, which
 * part), without which verify takes a blanked part for tampering. The
 * only change ever made to the history.
 */
enum yj_status	store_part_blank(struct store *s, int64_t event,
		    const char *part, const struct store_actor *by,
		    struct yj_error *err);

/*
 * The head of the one chain: its count of events and the last one's hash
 * (what verify prints, read without verifying: for a sheet to anchor).
 */
enum yj_status	store_chain_head(struct store *s, int64_t *events,
		    uint8_t head[STORE_HASH_BYTES], struct yj_error *err);

/*
 * How many events of each kind the incidents' histories have in [from,
 * to) (what a shift did: escalations, calls, notes...), kind by kind.
 */
typedef int	(*store_kind_count_cb)(void *arg, const char *kind,
		    int64_t n);
enum yj_status	store_event_counts(struct store *s, int64_t from, int64_t to,
		    store_kind_count_cb cb, void *arg, struct yj_error *err);

/*
 * What a shift's sheet counts of the incidents, each from an index
 * alone (at a million incidents a filtered count reads every row it
 * counts): those that occurred in [since, until), and of those not
 * resolved now, all, the unacknowledged and the emergencies.
 */
struct store_shift_counts {
	int64_t	 logged;
	int64_t	 open;
	int64_t	 waiting;
	int64_t	 emergencies;
};
enum yj_status	store_shift_counts(struct store *s, int64_t since,
		    int64_t until, struct store_shift_counts *c,
		    struct yj_error *err);

/* What the meeting's numbers need of one incident (S7). */
struct store_stat {
	int64_t	 id;
	char	*category;
	char	*severity;
	bool	 restricted;
	char	*state;
	int64_t	 occurred_at;
	int64_t	 reported_at;
	int64_t	 report_delay;	/* > 0: reported late */
	char	*department;	/* names; "" when none */
	char	*class_name;
	char	*building;	/* its room's, else its first student's */
	char	*start_level;	/* the rung it started at */
	int64_t	 ack_at;	/* first acknowledged; 0: never */
	int64_t	 resolved_at;	/* last resolved; 0: not */
	bool	 skip_level;	/* started above the first rung */
	int64_t	 first_due;	/* its first deadline to acknowledge; 0 */
};
/* Each incident that occurred in [from, to), by id; cb != 0 stops. */
typedef int	(*store_stat_cb)(void *arg, const struct store_stat *x);
enum yj_status	store_stats(struct store *s, int64_t from, int64_t to,
		    store_stat_cb cb, void *arg, struct yj_error *err);

/*
 * The numbers kept by day (schema 9), so that a year of them is read in
 * a moment: one row per local day (of occurrence), category, severity,
 * starting rung and restriction, kept in the transaction of every change
 * to an incident. Times to acknowledge and to resolve are histograms: a
 * minute apart up to 48 hours, an hour apart beyond.
 */
#define STORE_HIST_MINUTES	(48 * 60)
struct store_hist_bin {
	uint32_t	 bucket;	/* store_hist_bucket */
	uint32_t	 count;
};
/* The bucket of a duration, and the duration a bucket starts at. */
uint32_t	store_hist_bucket(int64_t seconds);
int64_t		store_hist_seconds(uint32_t bucket);
struct store_summary {
	int64_t				 day;		/* YYYYMMDD */
	const char			*category;
	const char			*severity;
	const char			*level;		/* started at */
	bool				 restricted;
	int64_t				 count;
	int64_t				 resolved;
	int64_t				 late_reports;
	int64_t				 overdue_acks;	/* settled */
	int64_t				 skip_level;
	const struct store_hist_bin	*acks;		/* by bucket */
	size_t				 nacks;
	const struct store_hist_bin	*resolves;
	size_t				 nresolves;
	/*
	 * The first deadlines of those neither acknowledged nor resolved:
	 * each is an overdue acknowledgement once it has passed.
	 */
	const int64_t			*pending;
	size_t				 npending;
};
/*
 * Whether the summaries' days are this process's local days: they were
 * counted in one time zone (TZ), and it is this one. Otherwise the
 * reports read every incident, and verify says which.
 */
enum yj_status	store_summary_zone_ok(struct store *s, bool *ok,
		    struct yj_error *err);
/*
 * The rows of the days [from, to) (YYYYMMDD), read together once, given
 * to each of cbs in turn (passes over the same rows); cb != 0 ends its
 * pass.
 */
typedef int	(*store_summary_cb)(void *arg, const struct store_summary *x);
enum yj_status	store_summaries(struct store *s, int64_t from, int64_t to,
		    const store_summary_cb *cbs, size_t ncbs, void *arg,
		    struct yj_error *err);
/*
 * Makes the summaries anew from the incidents, *rows of them, and the
 * list of follow-ups not done from their events, and says so in the
 * admin history (summaries_rebuilt), in one transaction.
 */
enum yj_status	store_summary_rebuild(struct store *s,
		    const struct store_actor *by, int64_t *rows,
		    struct yj_error *err);

/* What comes up most in a period: who, where, which class, repeats. */
enum store_pattern_kind {
	STORE_PATTERN_STUDENT,		/* key: number; name */
	STORE_PATTERN_ROOM,		/* key, name: building-room */
	STORE_PATTERN_CLASS,
	STORE_PATTERN_REPEAT,		/* a student, one category, twice + */
	STORE_PATTERN_WARNING,		/* key: the rule; category raised */
	STORE_PATTERN_RESTRICTED,	/* a restricted category: counted */
	STORE_NPATTERNS
};
struct store_pattern {
	enum store_pattern_kind	 kind;
	char			*key;
	char			*name;
	char			*category;	/* "" when not by category */
	int64_t			 count;
	/*
	 * Set by report_patterns: a restricted category's count below the
	 * policy's reports.min_group, told only as "<N".
	 */
	bool			 small;
};
/*
 * Each kind's rows for incidents that occurred in [from, to), most first,
 * at most limit of each; restricted categories are only counted (by
 * category), never a student, room or class of theirs.
 */
typedef int	(*store_pattern_cb)(void *arg, const struct store_pattern *p);
enum yj_status	store_patterns(struct store *s, int64_t from, int64_t to,
		    int limit, store_pattern_cb cb, void *arg,
		    struct yj_error *err);

/* A follow-up set on an incident and not done yet. */
struct store_followup {
	int64_t	 incident;
	char	*followup;	/* the policy's id */
	int64_t	 due;
	char	*owner;		/* a level or office id, or "reporter" */
	char	*climbed_to;	/* overdue: the last level told; "" none */
	int64_t	 climbed_at;	/* 0: not yet */
};
/* Each due by due_by (INT64_MAX: all), soonest first; cb != 0 stops. */
typedef int	(*store_followup_cb)(void *arg, const struct store_followup *f);
enum yj_status	store_followups_open(struct store *s, int64_t due_by,
		    store_followup_cb cb, void *arg, struct yj_error *err);

/* --- the duty schedule, shifts and handovers (S6; shift.c) ------------ */

/* A change to the schedule: shift (DATE/SHIFT) to user (0: nobody). */
struct store_duty_change {
	const char	*shift;
	int64_t		 user_id;
	const char	*login;		/* for the event; NULL with user 0 */
};
/*
 * Makes the changes and their one event of the admin history (kind:
 * schedule_set, duty_swapped) about subject, with the reason as a
 * personal part (or NULL), sealing the schedule whole; one transaction.
 */
enum yj_status	store_duty_set(struct store *s,
		    const struct store_duty_change *c, size_t n,
		    const char *kind, const char *subject, const char *reason,
		    const struct store_actor *by, struct yj_error *err);
struct store_duty {
	char	*shift;
	int64_t	 user_id;
	char	*login;
	char	*display;
};
/* Each duty whose shift id is in [from, to), in order; cb != 0 stops. */
typedef int	(*store_duty_cb)(void *arg, const struct store_duty *d);
enum yj_status	store_duties(struct store *s, const char *from,
		    const char *to, store_duty_cb cb, void *arg,
		    struct yj_error *err);

/* A personal part of an event of the admin history, by name. */
struct store_log_part {
	char	*name;
	char	*value;		/* "" when blanked */
};
/* An event of the admin history, as read by subject. */
struct store_log_entry {
	int64_t			 id;
	char			*subject;
	int64_t			 at;
	char			*actor;		/* a login, or "system" */
	int64_t			 user_id;
	char			*kind;
	char			*payload;	/* a JSON object */
	struct store_log_part	*parts;
	size_t			 nparts;
};
void		store_log_entry_free(struct store_log_entry *e);
/* The value of a part of e, or NULL. */
const char	*store_log_part_of(const struct store_log_entry *e,
		    const char *name);
/*
 * Appends an event about subject to the admin history: kind, payload (a
 * JSON object of what is not personal, or NULL) and the parts (those
 * empty are left out); its number into *id (or NULL). In its own
 * transaction, or the caller's.
 */
enum yj_status	store_log_append(struct store *s, const char *subject,
		    const char *kind, const char *payload,
		    const struct store_log_part *parts, size_t nparts,
		    const struct store_actor *by, int64_t *id,
		    struct yj_error *err);
/*
 * The admin history's events whose subject is in [from, to), by subject
 * and in order, read together; cb != 0 stops.
 */
typedef int	(*store_log_cb)(void *arg, const struct store_log_entry *e);
enum yj_status	store_log_read(struct store *s, const char *from,
		    const char *to, store_log_cb cb, void *arg,
		    struct yj_error *err);

/* --- search (the TUI's F3, the new-incident form) ---------------------- */

#define STORE_SEARCH_MAX	512	/* bytes of a query */

/*
 * Incidents with every word of query in their description, actions taken,
 * resolution, fields, location or room, history notes, category, reporter
 * or students' names and numbers, newest first: at most limit (0: all),
 * their ids one at a time to cb (non-zero stops). Chinese is found as
 * written, whatever its length (电器 finds 违规电器); other words by
 * their start, in either case (2023 finds 2023001). A query with no
 * letters or digits finds nothing; one longer than STORE_SEARCH_MAX is
 * YJ_BAD_INPUT. The search stays open while cb runs: cb may read, not
 * write.
 */
enum yj_status	store_search(struct store *s, const char *query,
		    int64_t limit, store_id_cb cb, void *arg,
		    struct yj_error *err);

/*
 * Makes the search index anew from the tables, in one transaction: what
 * the incremental upkeep must always equal (tests), or a repair.
 */
enum yj_status	store_search_reindex(struct store *s, struct yj_error *err);

/*
 * Students for a picker, as query is typed: the one with that number, the
 * residents of a room written "building-room" ("3-402"), numbers starting
 * with it, names equal to or containing it, then names whose pinyin
 * initials it matches ("zs" finds 张三, at the start first); those who
 * left the school after those at it. At most limit
 * (0: all); each with its class and room filled in. A blank query finds
 * nobody; one longer than STORE_SEARCH_MAX is YJ_BAD_INPUT.
 */
enum yj_status	store_student_find(struct store *s, const char *query,
		    size_t limit, store_student_cb cb, void *arg,
		    struct yj_error *err);

#endif
