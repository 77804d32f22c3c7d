/*
 * The one context value passed to everything above the store (DESIGN §1):
 * the loaded policy now; the database, the user and the clock later.
 */
#ifndef YUJING_APP_H
#define YUJING_APP_H

#include "yujing/diag.h"
#include "yujing/policy.h"

struct yj_app {
	char		*rules_path;	/* as resolved */
	struct policy	*policy;	/* NULL until loaded */
};

void		 app_init(struct yj_app *a);
void		 app_done(struct yj_app *a);
/*
 * The rules file to use: given (from --rules), else $YUJING_RULES, else
 * the installed default. The result is the caller's to free.
 */
char		*app_rules_path(const char *given);
/*
 * Loads the policy from path into a. Returns 0, or -1 with every problem
 * in d (whose file name the caller sets to path).
 */
int		 app_load_policy(struct yj_app *a, const char *path,
		     struct diags *d);

#endif
