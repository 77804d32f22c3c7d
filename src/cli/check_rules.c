#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/cli.h"
#include "yujing/diag.h"
#include "yujing/policy.h"
#include "yujing/safe.h"

int
cli_check_rules(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct diags	 d;
	struct buf	 out;
	char		*path;
	int		 ch, json = 0, rc;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'f' && strcmp(optarg, "json") == 0)
			json = 1;
		else if (ch == 'f' && strcmp(optarg, "text") == 0)
			json = 0;
		else {
			if (ch == 'f')
				cli_warn("check-rules: unknown "
				    "format '%s' (text or json)", optarg);
			else
				cli_warn("check-rules: unknown "
				    "option or missing value: '%s'",
				    argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	if (argc - optind > 1) {
		cli_warn("check-rules: one file at most");
		return CLI_USAGE;
	}
	path = app_rules_path(optind < argc ? argv[optind] : g->rules);

	diags_init(&d, path);
	if (app_load_policy(a, path, &d) != 0) {
		diags_print(&d, stderr);
		if (diags_count(&d) > 1) {
			safe_print(stderr, path, 0);
			fprintf(stderr, ": %zu problems\n", diags_count(&d));
		}
		rc = CLI_BAD_INPUT;
	} else {
		buf_init(&out);
		if (json)
			policy_to_json(a->policy, &out);
		else {
			buf_printf(&out, "%s: OK: ", path);
			policy_summary(a->policy, &out);
			buf_putc(&out, '\n');
		}
		/* The summary quotes the policy's names: shown inert. */
		if (json)
			fputs(buf_str(&out), stdout);
		else
			safe_print(stdout, buf_str(&out), SAFE_LINES);
		buf_done(&out);
		rc = CLI_OK;
	}
	diags_done(&d);
	free(path);
	return rc;
}
