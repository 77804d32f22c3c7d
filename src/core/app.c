#include "config.h"

#include <stdlib.h>

#include "yujing/app.h"
#include "yujing/diag.h"
#include "yujing/policy.h"
#include "yujing/xmalloc.h"

void
app_init(struct yj_app *a)
{
	a->rules_path = NULL;
	a->policy = NULL;
}

void
app_done(struct yj_app *a)
{
	policy_free(a->policy);
	free(a->rules_path);
	app_init(a);
}

char *
app_rules_path(const char *given)
{
	const char	*env;

	if (given != NULL && *given != '\0')
		return xstrdup(given);
	env = getenv("YUJING_RULES");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	return xstrdup(YJ_RULES_DEFAULT);
}

int
app_load_policy(struct yj_app *a, const char *path, struct diags *d)
{
	struct policy	*p;

	p = policy_load_file(path, d);
	if (p == NULL)
		return -1;
	policy_free(a->policy);
	a->policy = p;
	free(a->rules_path);
	a->rules_path = xstrdup(path);
	return 0;
}
