/* report: numbers for the meetings and for accountability (S7, S15). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/cli.h"
#include "yujing/csv.h"
#include "yujing/duration.h"
#include "yujing/json.h"
#include "yujing/report.h"
#include "yujing/status.h"

static void
cli_report_line(void *arg, const struct report_line *l)
{
	struct cli_out	*o = arg;
	char		 m[DURATION_BUFSZ], w[DURATION_BUFSZ];

	cli_out_cell(o, l->key, l->name);
	cli_out_cell(o, l->name, NULL);
	cli_out_num(o, l->received, true, NULL);
	cli_out_num(o, l->in_time, true, NULL);
	cli_out_num(o, l->late, true, NULL);
	cli_out_num(o, l->never, true, NULL);
	cli_out_num(o, l->median, l->median >= 0, l->median > 0 ?
	    duration_format(l->median, m, sizeof m) : "0s");
	cli_out_num(o, l->worst, l->worst >= 0, l->worst > 0 ?
	    duration_format(l->worst, w, sizeof w) : "0s");
	cli_out_num(o, l->late_reports, true, NULL);
	cli_out_num(o, l->overdue, true, NULL);
}

/* A day as YYYY-MM-DD (local midnight), or any TIME log accepts. */
static int
cli_report_when(const char *opt, const char *s, int64_t now, int64_t *t)
{
	char		 full[32];
	const char	*why;

	if (strlen(s) == 10) {
		snprintf(full, sizeof full, "%s 00:00", s);
		s = full;
	}
	if (caltime_parse_when(s, now, t, &why) != 0) {
		cli_warn("%s %s: %s", opt, s, why);
		return -1;
	}
	return 0;
}

int
cli_report(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "by", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'o' },
		{ "raw", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct cli_column cols[] = {
		{ "key", "" }, { "name", NULL }, { "received", "RECEIVED" },
		{ "acknowledged_in_time", "IN TIME" },
		{ "acknowledged_late", "LATE" },
		{ "never_acknowledged", "NEVER" }, { "median_ack", "MEDIAN" },
		{ "worst_ack", "WORST" }, { "late_reports", "LATE REPORTS" },
		{ "overdue_resolutions", "OVERDUE" },
	};
	struct cli_out		 o;
	struct cli_column	 c[10];
	enum cli_format		 format = CLI_TABLE;
	struct yj_error		 err;
	enum report_by		 by = REPORT_BY_LEVEL;
	int64_t			 from = 0, to = 0;
	int			 ch, rc = CLI_OK;
	bool			 raw = false;

	(void)g;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (cli_report_when("--from", optarg, app_now(a),
			    &from) != 0)
				return CLI_BAD_INPUT;
			break;
		case 't':
			if (cli_report_when("--to", optarg, app_now(a),
			    &to) != 0)
				return CLI_BAD_INPUT;
			break;
		case 'b':
			if (strcmp(optarg, "person") == 0)
				by = REPORT_BY_PERSON;
			else if (strcmp(optarg, "level") == 0)
				by = REPORT_BY_LEVEL;
			else if (strcmp(optarg, "category") == 0)
				by = REPORT_BY_CATEGORY;
			else {
				cli_warn("--by %s: person, level or category",
				    optarg);
				return CLI_USAGE;
			}
			break;
		case 'r':
			raw = true;
			break;
		case 'o':
			if (cli_parse_format(optarg, 1 << CLI_TABLE |
			    1 << CLI_JSON | 1 << CLI_CSV, &format) != 0)
				return CLI_USAGE;
			break;
		default:
			cli_warn("report: unknown option or "
			    "missing value: '%s'", argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	if (optind != argc - 1 || strcmp(argv[optind], "timeliness") != 0) {
		fprintf(stderr, "usage: yujing report timeliness [--from D] "
		    "[--to D] [--by person|level|category]\n");
		return CLI_USAGE;
	}
	if (from != 0 && to != 0 && to <= from) {
		cli_warn("--to must come after --from");
		return CLI_BAD_INPUT;
	}
	/* The table names its first column after the grouping, and shows
	 * the name rather than the key (the name column is for tools). */
	memcpy(c, cols, sizeof c);
	c[0].head = by == REPORT_BY_PERSON ? "PERSON" : by == REPORT_BY_LEVEL ?
	    "LEVEL" : "CATEGORY";
	cli_out_begin(&o, format, raw, c, 10, 24);
	if (report_timeliness(a, from, to, by, cli_report_line, &o, &err) !=
	    YJ_OK)
		rc = cli_error(&err);
	cli_out_end(&o, rc == CLI_OK);
	return rc;
}
