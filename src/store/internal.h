/*
 * Shared by the files of src/store/ only: the connection, the statement
 * cache and small helpers around the SQLite API.
 */
#ifndef YUJING_STORE_INTERNAL_H
#define YUJING_STORE_INTERNAL_H

#include <sqlite3.h>

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
	struct store_cached	*cache;
	size_t			 ncache;
	size_t			 capcache;
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
	" coalesce(b.name || '-' || r.name, '')"			\
	" FROM student s JOIN class c ON c.id = s.class_id"		\
	" JOIN department d ON d.id = c.department_id"			\
	" LEFT JOIN room r ON r.id = s.room_id"				\
	" LEFT JOIN building b ON b.id = r.building_id"
/* A row of STORE_STUDENT_SELECT into out (freed by store_student_free). */
void		 store_student_row(sqlite3_stmt *st, struct store_student *out);

/* The schema version whose migration made the search index (search.c). */
#define STORE_SEARCH_SINCE	2
/*
 * Writes the search index's row of one incident again from what the
 * database holds; inside the transaction that changed the incident.
 */
enum yj_status	 store_search_index(struct store *s, int64_t incident,
		    struct yj_error *err);
/* The same for every incident of a student (whose name changed). */
enum yj_status	 store_search_student(struct store *s, int64_t student,
		    struct yj_error *err);
/* Fills the index anew for every incident (the migration that made it). */
enum yj_status	 store_search_rebuild(struct store *s, struct yj_error *err);
/* Adds the SQL functions the store's queries use to the connection. */
enum yj_status	 store_search_register(struct store *s,
		    struct yj_error *err);

/* PRAGMA quick_check: YJ_DB_CORRUPT with what it found, unless "ok". */
enum yj_status	 store_quick_check(struct store *s, struct yj_error *err);

#endif
