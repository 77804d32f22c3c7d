/*
 * Shared by the files of src/store/ only: the connection, the statement
 * cache and small helpers around the SQLite API.
 */
#ifndef YUJING_STORE_INTERNAL_H
#define YUJING_STORE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "yujing/buf.h"
#include "yujing/digest.h"
#include "yujing/json.h"
#include "yujing/status.h"
#include "yujing/store.h"

struct store_cached {
	const char	*sql;	/* the key: a string literal's address */
	sqlite3_stmt	*stmt;
};

struct store {
	sqlite3			*db;
	char			*path;
	const char		*journal;
	int			 depth;		/* nested store_begin calls */
	bool			 aborted;	/* an inner level rolled back */
	bool			 migrating;	/* schema changes allowed */
	bool			 read_only;	/* store_read_only */
	bool			 recording;	/* store_record under way */
	struct store_cached	*cache;
	size_t			 ncache;
	size_t			 capcache;
	/* store_busy: the longest wait, who hears of it, since when. */
	int64_t			 busy_max;
	store_busy_cb		 busy_cb;
	void			*busy_arg;
	int64_t			 busy_since;
};

/*
 * The prepared statement for sql (a string literal: it is cached by its
 * address), reset and with its bindings cleared. Aborts only on a
 * programming error in the SQL; returns NULL with err set if the database
 * itself fails.
 */
sqlite3_stmt	*store_sql(struct store *s, const char *sql,
		    struct yj_error *err);
/* Turns the connection's last error into a status with a message. */
enum yj_status	 store_fail(struct store *s, struct yj_error *err,
		    const char *doing);
/* A text column as a new string ("" for NULL). */
char		*store_text(sqlite3_stmt *st, int col);
/* Binds s, or NULL when s is NULL. */
void		 store_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Binds v, or NULL when v is 0. */
void		 store_bind_id(sqlite3_stmt *st, int i, int64_t v);
/* Runs a statement that returns no rows. */
enum yj_status	 store_run(struct store *s, sqlite3_stmt *st,
		    struct yj_error *err, const char *doing);
/*
 * Steps st (bound by the caller) for one id in its first column, and
 * resets it. YJ_OK with *id, YJ_NOT_FOUND with err untouched when there is
 * no row, or the database's error.
 */
enum yj_status	 store_one_id(struct store *s, sqlite3_stmt *st, int64_t *id,
		    struct yj_error *err, const char *doing);
/* Runs sql that returns one integer (or none: *v = 0). */
enum yj_status	 store_int(struct store *s, const char *sql, int64_t *v,
		    struct yj_error *err);

/* The columns of a struct store_student, for store_student_row. */
#define STORE_STUDENT_SELECT						\
	"SELECT s.id, s.number, s.name, s.gender, s.phone, s.class_id,"	\
	" c.name, c.department_id, d.name, coalesce(s.room_id, 0),"	\
	" coalesce(b.name || '-' || r.name, ''), s.guardian,"		\
	" s.guardian_phone, coalesce(s.left_at, 0)"			\
	" FROM student s JOIN class c ON c.id = s.class_id"		\
	" JOIN department d ON d.id = c.department_id"			\
	" LEFT JOIN room r ON r.id = s.room_id"				\
	" LEFT JOIN building b ON b.id = r.building_id"
/* A row of STORE_STUDENT_SELECT into out (freed by store_student_free). */
void		 store_student_row(sqlite3_stmt *st, struct store_student *out);

/* The schema version whose migration made the search index (search.c). */
#define STORE_SEARCH_SINCE	5
/*
 * One incident's row of the search index: the text of its columns as
 * search.c makes it from the database. The index keeps no copy (it is
 * contentless) and takes a row out only given the text it went in with,
 * so whatever changes what an incident is found by reads its row before
 * the change (store_search_read) and hands it to store_search_index after,
 * in the same transaction.
 */
struct store_search_doc {
	struct buf	 big;
	struct buf	 uni;
	struct buf	 word;
	bool		 found;	/* the incident is there, so is its row */
};

void		 store_search_doc_init(struct store_search_doc *d);
/* Frees d's text; d can be used again after store_search_doc_init. */
void		 store_search_doc_done(struct store_search_doc *d);
/* The row of an incident as the database makes it now, into d (inited). */
enum yj_status	 store_search_read(struct store *s, int64_t incident,
		    struct store_search_doc *d, struct yj_error *err);
/*
 * After a change to an incident, inside its transaction: swaps old, its
 * row as store_search_read made it before the change (NULL for a new
 * incident, which has none), for the row the database makes now; writes
 * nothing when the two are the same.
 */
enum yj_status	 store_search_index(struct store *s, int64_t incident,
		    const struct store_search_doc *old, struct yj_error *err);
/*
 * Around a change to a student's name, in its transaction: takes out the
 * rows of all the student's incidents before it, and puts them back, made
 * anew, after it.
 */
enum yj_status	 store_search_student_drop(struct store *s, int64_t student,
		    struct yj_error *err);
enum yj_status	 store_search_student(struct store *s, int64_t student,
		    struct yj_error *err);
/* Fills the index anew for every incident (the migration that made it). */
enum yj_status	 store_search_rebuild(struct store *s, struct yj_error *err);
/* Adds the SQL functions the store's queries use to the connection. */
enum yj_status	 store_search_register(struct store *s,
		    struct yj_error *err);

/* --- the meeting's numbers kept by day (summary.c) ------------------------ */

/* The schema version whose migration made the summaries. */
#define STORE_SUMMARY_SINCE	9
/*
 * What an incident's numbers need beside its row, for an incident i: the
 * rung it started at, when it was first acknowledged and last resolved,
 * whether it was reported past a rung (skip-level), and its first deadline
 * to acknowledge as its first event left it.
 */
#define STORE_STAT_TIMES						\
	" coalesce((SELECT e.level FROM event e WHERE e.incident_id = i.id"\
	"  ORDER BY e.id LIMIT 1), i.level),"				\
	" (SELECT min(e.at) FROM event e WHERE e.incident_id = i.id"	\
	"  AND e.kind = 'acknowledged'),"				\
	" (SELECT max(e.at) FROM event e WHERE e.incident_id = i.id"	\
	"  AND e.kind IN ('resolved', 'duplicate')),"			\
	" EXISTS (SELECT 1 FROM event e WHERE e.incident_id = i.id"	\
	"  AND e.kind = 'informed'"					\
	"  AND instr(e.payload, '\"why\":\"skip_level\"') > 0),"		\
	" (SELECT json_extract(e.delta, '$.ack_due') FROM event e"	\
	"  WHERE e.incident_id = i.id ORDER BY e.id LIMIT 1)"
/* An incident's key and figures in the summaries: "... FROM incident i". */
#define STORE_SUMMARY_COLUMNS						\
	"SELECT i.category, i.severity, i.restricted, i.state,"		\
	" i.occurred_at, i.reported_at, i.report_delay,"		\
	STORE_STAT_TIMES

/* What one incident counts for in the summaries. */
struct store_summary_of {
	bool	 found;		/* false: no such incident, counts nothing */
	int64_t	 day;		/* occurred, local: YYYYMMDD */
	char	*category;
	char	*severity;
	char	*level;		/* the rung it started at */
	bool	 restricted;
	bool	 resolved;	/* resolved now */
	bool	 late_report;
	bool	 skip_level;
	int64_t	 reported_at;
	int64_t	 ack_at;	/* first acknowledged; 0: never */
	int64_t	 resolved_at;	/* last resolved; 0: never */
	int64_t	 first_due;	/* its first deadline to acknowledge; 0 */
};

/* An incident as the summaries take it, now (inside the caller's read). */
enum yj_status	 store_summary_read(struct store *s, int64_t incident,
		    struct store_summary_of *x, struct yj_error *err);
void		 store_summary_of_done(struct store_summary_of *x);
bool		 store_summary_same(const struct store_summary_of *a,
		    const struct store_summary_of *b);
/*
 * Adds what x counts for to its row (sign 1), or takes it out (-1):
 * inside the transaction of the change, x read before it (-1) and after
 * it (1).
 */
enum yj_status	 store_summary_apply(struct store *s,
		    const struct store_summary_of *x, int sign,
		    struct yj_error *err);
/* Makes every row anew from the incidents (the migration that made them). */
enum yj_status	 store_summary_fill(struct store *s, struct yj_error *err);
/* The schema version whose migration keeps the summaries' time zone. */
#define STORE_ZONE_SINCE	11
/* The summaries' zone: this process's (after counting them all anew). */
enum yj_status	 store_summary_zone_set(struct store *s, struct yj_error *err);
/*
 * Recounts, a day at a time, and tells each row that differs; or, when
 * the summaries were counted in another time zone, says that alone.
 */
typedef void	(*store_summary_diff_cb)(void *arg, const char *why);
enum yj_status	 store_summary_compare(struct store *s,
		    store_summary_diff_cb cb, void *arg, struct yj_error *err);

/*
 * The follow-ups not done (followup_open, shift.c), kept with the events
 * that set and do them: after an incident's event is appended, in its
 * transaction, store_followup_keep adds or takes out its row. Made anew
 * by the migration that made it and by rebuild-summaries; verify compares
 * it with the events.
 */
#define STORE_FOLLOWUP_SINCE	10
enum yj_status	 store_followup_keep(struct store *s,
		    const struct store_event *ev, struct yj_error *err);
enum yj_status	 store_followup_fill(struct store *s, struct yj_error *err);
enum yj_status	 store_followup_compare(struct store *s,
		    store_summary_diff_cb cb, void *arg, struct yj_error *err);

/* --- the chain (chain.c) ------------------------------------------------ */

/* A personal part of an event: its value apart, the chain takes its digest. */
struct store_part {
	char	*name;
	char	*value;
	uint8_t	 salt[DIGEST_SALT_BYTES];
	uint8_t	 digest[STORE_HASH_BYTES];
};

/*
 * One link of the chain being written: the caller fills the columns, the
 * delta (through dj, an open JSON object), the parts and the state its
 * subject is left in; store_link_append numbers and hashes it.
 */
struct store_link {
	int64_t			 incident_id;	/* 0: the admin history */
	const char		*subject;	/* the admin history: whose */
	int64_t			 at;
	const char		*actor;
	int64_t			 user_id;	/* 0: the system */
	const char		*kind;
	const char		*level;
	const char		*payload;	/* JSON, or NULL for {} */
	struct buf		 delta;
	struct json		 dj;
	struct store_part	*parts;
	size_t			 nparts;
	struct buf		 state;
	int64_t			 id;		/* set by the append */
	uint8_t			 hash[STORE_HASH_BYTES];
};

void		 store_link_init(struct store_link *l);
void		 store_link_done(struct store_link *l);
/* Adds a personal part (copied, salted, digested). */
void		 store_link_part(struct store_link *l, const char *name,
		    const char *value);
/* Appends l to the chain; inside a transaction. */
enum yj_status	 store_link_append(struct store *s, struct store_link *l,
		    struct yj_error *err);
/* An incident's state as the chain takes it (what is not personal). */
void		 store_incident_state(const struct store_incident *in,
		    struct buf *out);
/*
 * What in changes of old (NULL: everything, for the report) into l: its
 * delta and its parts.
 */
void		 store_incident_delta(const struct store_incident *old,
		    const struct store_incident *in, struct store_link *l);
/* A user's state as the chain takes it; pwsum from store_pwhash_sum. */
void		 store_user_state(int64_t id, const char *login,
		    const char *role, const char *pwsum, int64_t person_id,
		    int64_t disabled, int64_t created_at, const char *classes,
		    const char *departments, bool must_change,
		    struct buf *out);
void		 store_pwhash_sum(const char *pwhash,
		    char hex[2 * STORE_HASH_BYTES + 1]);
void		 store_user_scope_text(const int64_t *ids, size_t n,
		    struct buf *out);
/* The parts of the organisation an import records a digest of. */
enum store_org {
	STORE_ORG_STUDENTS,	/* student */
	STORE_ORG_UNITS,	/* department, class, building, room */
	STORE_ORG_CONTACTS,	/* person, responsibility */
	STORE_ORG_SCHEDULE	/* duty (sealed by the schedule's events) */
};
/* One part of the organisation, whole, as a digest. */
enum yj_status	 store_org_digest(struct store *s, enum store_org part,
		    char hex[2 * STORE_HASH_BYTES + 1], struct yj_error *err);
/*
 * A read transaction (BEGIN DEFERRED), so that what is read together is
 * of one moment; nothing else may be begun until store_read_end.
 */
enum yj_status	 store_read_begin(struct store *s, struct yj_error *err);
void		 store_read_end(struct store *s);

/* The SQL of the migration to version (verify builds the schema from it). */
const char	*store_schema_sql(size_t version);

/* PRAGMA quick_check: YJ_DB_CORRUPT with what it found, unless "ok". */
enum yj_status	 store_quick_check(struct store *s, struct yj_error *err);

#endif
