/* Who may use yujing: adding, listing and disabling users (admin only). */
#ifndef YUJING_USERS_H
#define YUJING_USERS_H

#include <stdbool.h>
#include <stddef.h>

#include "yujing/app.h"
#include "yujing/status.h"
#include "yujing/store.h"

#define USERS_PASSWORD_MIN	8
#define USERS_DISPLAY_MAX	256	/* bytes of a display name */

struct users_new {
	const char		*login;
	const char		*display;	/* default: the login */
	const char		*role;		/* a role id of the policy */
	const char		*person;	/* a person's name, or NULL */
	const char *const	*scope;		/* class or department names */
	size_t			 nscope;
	const char		*password;
	/* The user must choose another password at the first sign-in. */
	bool			 temporary;
};

/*
 * Adds a user. Only an admin may, except when as_system is true (init and
 * the demo, before anyone can sign in).
 */
enum yj_status	users_add(struct yj_app *a, const struct users_new *u,
		    bool as_system, struct yj_error *err);
/*
 * Sets a password: an admin for anyone, a user for themself (which ends a
 * must-change). temporary (an admin, for another): they must choose
 * their own at the next sign-in.
 */
enum yj_status	users_passwd(struct yj_app *a, const char *login,
		    const char *password, bool temporary,
		    struct yj_error *err);
/*
 * A lost password set anew by whoever can write the database file,
 * nobody signed in (yujing admin reset-password): on record, by system.
 */
enum yj_status	users_reset_by_file(struct yj_app *a, const char *login,
		    const char *password, struct yj_error *err);
/*
 * Clears the wait after wrong passwords for login (an admin); how many it
 * cleared into *cleared (0: there were none, nothing written).
 */
enum yj_status	users_unlock(struct yj_app *a, const char *login,
		    int *cleared, struct yj_error *err);
/*
 * Gives the user another role (an admin only, and not their own: an
 * admin who could demote themselves could lock everyone out).
 */
enum yj_status	users_role(struct yj_app *a, const char *login,
		    const char *role, struct yj_error *err);
enum yj_status	users_disable(struct yj_app *a, const char *login,
		    struct yj_error *err);
enum yj_status	users_list(struct yj_app *a, store_user_cb cb, void *arg,
		    struct yj_error *err);

/*
 * Who may sign in (users not disabled): login and display name only, for
 * the sign-in screen's list to pick from. Nobody need be signed in.
 */
typedef int	(*users_name_cb)(void *arg, const char *login,
		    const char *display);
enum yj_status	users_signin_names(struct yj_app *a, users_name_cb cb,
		    void *arg, struct yj_error *err);

#endif
