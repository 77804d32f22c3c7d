/*
 * The one context value passed to everything above the store (DESIGN §1):
 * the loaded policy, the open database, the signed-in user and the clock.
 */
#ifndef YUJING_APP_H
#define YUJING_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "yujing/diag.h"
#include "yujing/policy.h"
#include "yujing/status.h"
#include "yujing/store.h"

/* A notification waiting for notify_command (after the commit). */
struct app_notice {
	int64_t	 incident;
	char	*person;
	char	*phone;
	char	*level;
	char	*category;
	char	*message;
};

/*
 * A notify_command started and not yet ended (escalate_flush with
 * notify_async; escalate_reap records it).
 */
struct app_running {
	int	 pid;		/* 0 once it ended (how and value say how) */
	int64_t	 started;	/* monotonic ms */
	int64_t	 incident;
	char	*level;
	char	*person;
	char	*phone;
	int	 how;		/* escalate.c's enum escalate_how */
	int64_t	 value;		/* its number: status, signal, errno */
};

/* See app_busy. */
typedef void	(*app_busy_cb)(void *arg, int64_t waited_ms);

/* How a user signs in: the history says which. */
enum app_via {
	APP_VIA_COMMAND,	/* a command: only failures are written */
	APP_VIA_SCREEN		/* the duty-room screen: in and out */
};

struct yj_app {
	char			*rules_path;	/* as resolved */
	struct policy		*policy;	/* NULL until loaded */
	char			*db_path;
	struct store		*store;		/* NULL until opened */
	struct store_user	 user;		/* id 0 until signed in */
	const struct policy_role *role;		/* the user's, in the policy */
	struct app_notice	*notices;	/* see escalate_flush */
	size_t			 nnotices;
	/* A screen never waits for notify_command: see escalate_reap. */
	bool			 notify_async;
	struct app_running	*running;
	size_t			 nrunning;
	int64_t			 clock;		/* tests: the time now; 0: real */
	/* No UTF-8 locale in the environment: C.UTF-8 was set (said once). */
	bool			 utf8_forced;
	/* app_busy: how long to wait for another writer, and who hears. */
	int64_t			 busy_max;
	app_busy_cb		 busy_cb;
	void			*busy_arg;
	/* Sign-in: how; --read-only asked; after YJ_WAIT, until when. */
	enum app_via		 via;
	bool			 read_only;
	int64_t			 signin_wait_until;
};

void		 app_init(struct yj_app *a);
void		 app_done(struct yj_app *a);
/* The signed-in user's role as the reader's language names it. */
const char	*app_role_name(const struct yj_app *a);
/* The time now, Unix seconds (a->clock when a test has set it). */
int64_t		 app_now(const struct yj_app *a);
/*
 * The rules file to use: given (from --rules), else $YUJING_RULES, else
 * the installed default. The result is the caller's to free.
 */
char		*app_rules_path(const char *given);
/*
 * The database to use: given (from --db), else $YUJING_DB, else
 * $XDG_DATA_HOME/yujing/yujing.db (~/.local/share/...). Caller frees.
 */
char		*app_db_path(const char *given);
/*
 * Loads the policy from path into a. Returns 0, or -1 with every problem
 * in d (whose file name the caller sets to path).
 */
int		 app_load_policy(struct yj_app *a, const char *path,
		     struct diags *d);
/*
 * Opens the database (flags as store_open; with STORE_CREATE the folder
 * is made when missing).
 */
enum yj_status	 app_open_db(struct yj_app *a, const char *path, int flags,
		     struct yj_error *err);
/*
 * Signs in: the user must exist, not be disabled, have a role the policy
 * knows, and the password must match. YJ_AUTH otherwise, saying which
 * only as far as is safe ("wrong user name or password"). A wrong
 * password is an event of the admin history; after PASSWD_FREE_TRIES in
 * a row the next try waits (passwd_wait): YJ_WAIT, with the time in
 * a->signin_wait_until, the password not even tried. Signed in: a hash
 * of a lower cost than the policy's is made anew; on the screen the
 * sign-in is recorded, by a command only when it ends failures; with
 * a->read_only, or a role that has read_only, nothing can be changed
 * after (but what a reader leaves on record).
 */
enum yj_status	 app_login(struct yj_app *a, const char *login,
		     const char *password, enum app_via via,
		     struct yj_error *err);
/* Whether the signed-in user may change nothing (--read-only or role). */
bool		 app_read_only(const struct yj_app *a);
/*
 * A number that moves when another process commits a change to the
 * database (cheap: for a screen to ask every second).
 */
enum yj_status	 app_data_version(struct yj_app *a, int64_t *v,
		     struct yj_error *err);
/* The classes, departments or buildings, by name. */
enum yj_status	 app_units(struct yj_app *a, enum store_unit kind,
		     store_unit_cb cb, void *arg, struct yj_error *err);
/*
 * While another process writes to the database: wait at most max_ms,
 * calling cb (when not NULL) as the wait goes on, about every 50 ms with
 * the time waited (a screen says it is waiting); then the call fails with
 * YJ_BUSY. Kept for a database opened later. max_ms 0: the default wait
 * (10 s), nothing called.
 */
void		 app_busy(struct yj_app *a, int64_t max_ms, app_busy_cb cb,
		     void *arg);
/* Closes the database (nothing is open after). */
void		 app_close_db(struct yj_app *a);
/*
 * Checks the whole record against its history (store_verify): every
 * difference into out, freed with app_verify_free.
 */
enum yj_status	 app_verify(struct yj_app *a, int64_t anchor_events,
		     const char *anchor_hex, struct store_verify *out,
		     struct yj_error *err);
void		 app_verify_free(struct store_verify *out);
/*
 * Signs the user out: nobody is signed in after. On the screen the
 * sign-out is recorded, with why ("lock", "idle", "quit").
 */
void		 app_logout(struct yj_app *a, const char *why);
/* Queues a notification; the strings are copied. */
void		 app_notice_add(struct yj_app *a, int64_t incident,
		     const char *person, const char *phone, const char *level,
		     const char *category, const char *message);
/* Drops every queued notification. */
void		 app_notice_clear(struct yj_app *a);
/*
 * Who acts, for the admin history: the signed-in user, or "system" when
 * nobody is (yujing init), at app_now.
 */
struct store_actor app_actor(const struct yj_app *a);
/*
 * Whether the signed-in user may do c: their role's capabilities, from
 * the table in policy.h as rules.yaml's capabilities: leave it. Nobody
 * signed in may do nothing.
 */
bool		 app_can(const struct yj_app *a, enum policy_cap c);

#endif
