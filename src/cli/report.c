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

struct cli_report_out {
	enum cli_format		 format;
	struct cli_table	 t;
	struct json		 j;
	struct buf		 out;
};

static const char *
cli_report_dur(int64_t secs, char *buf, size_t size)
{
	if (secs < 0)
		return "-";
	if (secs == 0)
		return "0s";
	return duration_format(secs, buf, size);
}

static void
cli_report_line(void *arg, const struct report_line *l)
{
	struct cli_report_out	*o = arg;
	const int		 v[] = { l->received, l->in_time, l->late,
	    l->never, l->late_reports, l->overdue };
	char			 n[6][16], m[DURATION_BUFSZ], w[DURATION_BUFSZ];
	size_t			 i;

	for (i = 0; i < 6; i++)
		snprintf(n[i], sizeof n[i], "%d", v[i]);
	switch (o->format) {
	case CLI_JSON:
		json_object_begin(&o->j);
		json_kv_string(&o->j, "key", l->key);
		json_kv_string(&o->j, "name", l->name);
		json_kv_int(&o->j, "received", l->received);
		json_kv_int(&o->j, "acknowledged_in_time", l->in_time);
		json_kv_int(&o->j, "acknowledged_late", l->late);
		json_kv_int(&o->j, "never_acknowledged", l->never);
		json_key(&o->j, "median_ack");
		if (l->median >= 0)
			json_int(&o->j, l->median);
		else
			json_null(&o->j);
		json_key(&o->j, "worst_ack");
		if (l->worst >= 0)
			json_int(&o->j, l->worst);
		else
			json_null(&o->j);
		json_kv_int(&o->j, "late_reports", l->late_reports);
		json_kv_int(&o->j, "overdue_resolutions", l->overdue);
		json_object_end(&o->j);
		break;
	case CLI_CSV:
		csv_write_field(&o->out, l->key, true);
		csv_write_field(&o->out, l->name, false);
		for (i = 0; i < 4; i++)
			csv_write_field(&o->out, n[i], false);
		snprintf(m, sizeof m, "%lld", (long long)l->median);
		snprintf(w, sizeof w, "%lld", (long long)l->worst);
		csv_write_field(&o->out, l->median >= 0 ? m : "", false);
		csv_write_field(&o->out, l->worst >= 0 ? w : "", false);
		csv_write_field(&o->out, n[4], false);
		csv_write_field(&o->out, n[5], false);
		csv_write_end(&o->out);
		break;
	default:
		cli_table_add(&o->t, l->name);
		for (i = 0; i < 4; i++)
			cli_table_add(&o->t, n[i]);
		cli_table_add(&o->t, cli_report_dur(l->median, m, sizeof m));
		cli_table_add(&o->t, cli_report_dur(l->worst, w, sizeof w));
		cli_table_add(&o->t, n[4]);
		cli_table_add(&o->t, n[5]);
		break;
	}
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
		fprintf(stderr, "yujing: %s %s: %s\n", opt, s, why);
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
		{ NULL, 0, NULL, 0 }
	};
	static const char *const heads[] = { "received",
	    "acknowledged_in_time", "acknowledged_late", "never_acknowledged",
	    "median_ack", "worst_ack", "late_reports", "overdue_resolutions" };
	struct cli_report_out	 o;
	struct yj_error		 err;
	enum report_by		 by = REPORT_BY_LEVEL;
	int64_t			 from = 0, to = 0;
	size_t			 i;
	int			 ch, rc = CLI_OK;

	(void)g;
	memset(&o, 0, sizeof o);
	o.format = CLI_TABLE;
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
				fprintf(stderr, "yujing: --by %s: person, "
				    "level or category\n", optarg);
				return CLI_USAGE;
			}
			break;
		case 'o':
			if (cli_parse_format(optarg, 1 << CLI_TABLE |
			    1 << CLI_JSON | 1 << CLI_CSV, &o.format) != 0)
				return CLI_USAGE;
			break;
		default:
			fprintf(stderr, "yujing: report: unknown option or "
			    "missing value: '%s'\n", argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	if (optind != argc - 1 || strcmp(argv[optind], "timeliness") != 0) {
		fprintf(stderr, "usage: yujing report timeliness [--from D] "
		    "[--to D] [--by person|level|category]\n");
		return CLI_USAGE;
	}
	if (from != 0 && to != 0 && to <= from) {
		fprintf(stderr, "yujing: --to must come after --from\n");
		return CLI_BAD_INPUT;
	}
	buf_init(&o.out);
	json_init(&o.j, &o.out, true);
	if (o.format == CLI_JSON)
		json_array_begin(&o.j);
	else if (o.format == CLI_CSV) {
		csv_write_field(&o.out, "key", true);
		csv_write_field(&o.out, "name", false);
		for (i = 0; i < 8; i++)
			csv_write_field(&o.out, heads[i], false);
		csv_write_end(&o.out);
	} else {
		cli_table_init(&o.t, 9, 24);
		cli_table_add(&o.t, by == REPORT_BY_PERSON ? "PERSON" :
		    by == REPORT_BY_LEVEL ? "LEVEL" : "CATEGORY");
		cli_table_add(&o.t, "RECEIVED");
		cli_table_add(&o.t, "IN TIME");
		cli_table_add(&o.t, "LATE");
		cli_table_add(&o.t, "NEVER");
		cli_table_add(&o.t, "MEDIAN");
		cli_table_add(&o.t, "WORST");
		cli_table_add(&o.t, "LATE REPORTS");
		cli_table_add(&o.t, "OVERDUE");
	}
	if (report_timeliness(a, from, to, by, cli_report_line, &o, &err) !=
	    YJ_OK)
		rc = cli_error(&err);
	if (o.format == CLI_JSON)
		json_array_end(&o.j);
	if (rc == CLI_OK) {
		if (o.format == CLI_TABLE)
			cli_table_print(&o.t);
		else
			fputs(buf_str(&o.out), stdout);
	}
	cli_table_free(&o.t);
	buf_done(&o.out);
	return rc;
}
