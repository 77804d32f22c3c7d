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

#endif
