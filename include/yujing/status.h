/*
 * Recoverable errors: one list of statuses with their messages (the
 * second tier; out of memory aborts, see xmalloc.h). Functions that can
 * fail return an enum yj_status and fill a struct yj_error with the detail.
 */
#ifndef YUJING_STATUS_H
#define YUJING_STATUS_H

/* X(name, message) */
#define YJ_STATUS_LIST(X)						\
	X(OK, "ok")							\
	X(NOT_FOUND, "not found")					\
	X(EXISTS, "already exists")					\
	X(BAD_INPUT, "bad input")					\
	X(DENIED, "not allowed")					\
	X(AUTH, "wrong user name or password")				\
	X(WAIT, "too many wrong passwords: wait before the next try")	\
	X(BUSY, "the database is busy")					\
	X(DB, "database error")						\
	X(DB_NEWER, "the database is newer than this yujing")		\
	X(DB_CORRUPT, "the database is damaged")			\
	X(DB_NOT, "not a yujing database")				\
	X(IO, "cannot read or write a file")

#define YJ_STATUS_ENUM(name, msg) YJ_##name,
enum yj_status {
	YJ_STATUS_LIST(YJ_STATUS_ENUM)
	YJ_NSTATUS
};
#undef YJ_STATUS_ENUM

struct yj_error {
	enum yj_status	 status;
	char		 msg[512];	/* one line, no trailing newline */
};

/* The fixed message for a status. */
const char	*yj_status_message(enum yj_status s);
/*
 * Sets err (when not NULL) to status s with a formatted detail and returns
 * s, so that `return yj_fail(err, YJ_NOT_FOUND, "no student %s", no);`
 * reads as one step.
 */
enum yj_status	 yj_fail(struct yj_error *err, enum yj_status s,
		     const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Clears err to YJ_OK with an empty message. */
void		 yj_error_clear(struct yj_error *err);

#endif
