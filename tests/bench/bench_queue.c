/*
 * bench_queue: the requirement "Starting the TUI on a database with 200,000
 * incidents shows the queue in well under a second; no screen ever loads
 * every incident into memory", measured.
 *
 * It makes (or reuses) a big database with the demo's generator (src/gen):
 * the demo institution (students, rooms, people, users), then two years of
 * incidents through core's use cases, most resolved, a few thousand still
 * open, each with its history in time order, all in one transaction. Then every
 * measurement runs in a new child process of this small parent, so each starts
 * as the TUI does (policy and database opened from nothing) and each peak RSS
 * is its own: the policy, the database and the queries the queue makes for its
 * first screen (incident_list: the page, open only, most urgent first; then the
 * emergency banner), that queue filtered by category, and one student's last 90
 * days. Cold runs drop the file from the page cache first, as after a reboot.
 * Then issue 11's: a year of the meeting's numbers by category (budget
 * 300 ms; whole days, so read from the summaries kept by day), with the
 * raw SQLite query over those summaries beside it as the floor, and by
 * department (every incident read: told, no budget); the reads of the
 * last shift's handover sheet (budget 100 ms); the start-of-shift check
 * (told, no budget: it reads every open incident). Then issue 12's: a
 * year of incidents exported as a workbook and the year's meeting
 * workbook, each in 40 MiB of peak RSS (libxlsxwriter's constant_memory),
 * with the raw SQLite read of those incidents beside the export.
 *
 * Exits 0 when the first screen, the year of stats and the handover are
 * fast enough (warm; the first screen cold too) and no query process grew
 * too big, 1 when a check failed, 2 on an error.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "yujing/app.h"
#include "yujing/caltime.h"
#include "yujing/cli.h"
#include "yujing/diag.h"
#include "yujing/gen.h"
#include "yujing/handover.h"
#include "yujing/incident.h"
#include "yujing/policy.h"
#include "yujing/report.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/users.h"
#include "yujing/xmalloc.h"

#define BENCH_DAY		86400
#define BENCH_HOUR		3600
#define BENCH_MIN		60
#define BENCH_SEED		0x79756a696e67ULL	/* "yujing" */
#define BENCH_USER		"bench"		/* a duty officer */
#define BENCH_PASSWORD		"bench-duty-1"
#define BENCH_ADMIN_PASSWORD	"bench-admin-1"
#define BENCH_HISTORY_DAYS	90	/* the student screen's window */

/* --- options ------------------------------------------------------------ */

struct bench_opts {
	const char	*db;
	const char	*rules;
	const char	*category;	/* for the filtered queue */
	long		 incidents;
	int		 days;		/* of history to spread them over */
	long tick_every; /* seconds of made-up time between ticks */
	int		 runs;		/* warm runs per measurement */
	int		 cold;		/* cold runs of the first screen */
	int		 rows;		/* terminal height */
	double		 max_ms;
	double		 max_cold_ms;
	long		 max_rss_kb;
};

static void
bench_usage(FILE *f)
{
	fprintf(f,
	    "usage: bench_queue [options] [DB]\n"
	    "  DB               database to use; made when it does not exist\n"
	    "                   (default /tmp/yujing-bench.db)\n"
	    "  -n, --incidents N  incidents to make (default 200000)\n"
	    "  -d, --days N       spread over N days back from now (730)\n"
	    "      --tick-every S how often tick runs in the made-up time "
	    "(21600)\n"
	    "  -r, --runs N       warm runs per measurement, median (7)\n"
	    "  -c, --cold N       cold runs of the first screen (3; 0: none)\n"
	    "  -R, --rules FILE   policy (default the source tree's "
	    "rules.yaml)\n"
	    "      --rows N       terminal rows (24)\n"
	    "      --category ID  category of the filtered queue "
	    "(night_absence)\n"
	    "      --max-ms MS    first-screen limit, warm median (500)\n"
	    "      --max-cold-ms MS  the same, cold median (1000)\n"
	    "      --max-rss MB   peak RSS limit of a query process (64)\n");
}

static int
bench_opts_parse(int argc, char **argv, struct bench_opts *o)
{
	enum {
		OPT_ROWS = 256,
		OPT_CATEGORY,
		OPT_MAX_MS,
		OPT_MAX_COLD_MS,
		OPT_MAX_RSS,
		OPT_TICK_EVERY
	};
	static const struct option opts[] = {
	    {"incidents", required_argument, NULL, 'n'},
	    {"days", required_argument, NULL, 'd'},
	    {"runs", required_argument, NULL, 'r'},
	    {"cold", required_argument, NULL, 'c'},
	    {"rules", required_argument, NULL, 'R'},
	    {"rows", required_argument, NULL, OPT_ROWS},
	    {"category", required_argument, NULL, OPT_CATEGORY},
	    {"max-ms", required_argument, NULL, OPT_MAX_MS},
	    {"max-cold-ms", required_argument, NULL, OPT_MAX_COLD_MS},
	    {"max-rss", required_argument, NULL, OPT_MAX_RSS},
	    {"tick-every", required_argument, NULL, OPT_TICK_EVERY},
	    {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	int	 ch;

	memset(o, 0, sizeof *o);
	o->db = "/tmp/yujing-bench.db";
	o->rules = YJ_SOURCE_DIR "/rules.yaml";
	o->category = "night_absence";
	o->incidents = 200000;
	o->days = 730;
	o->tick_every = 6 * BENCH_HOUR;
	o->runs = 7;
	o->cold = 3;
	o->rows = 24;
	o->max_ms = 500;
	o->max_cold_ms = 1000;
	o->max_rss_kb = 64 * 1024;
	while ((ch = getopt_long(argc, argv, "n:d:r:c:R:h", opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'n':
			o->incidents = atol(optarg);
			break;
		case 'd':
			o->days = atoi(optarg);
			break;
		case 'r':
			o->runs = atoi(optarg);
			break;
		case 'c':
			o->cold = atoi(optarg);
			break;
		case 'R':
			o->rules = optarg;
			break;
		case OPT_ROWS:
			o->rows = atoi(optarg);
			break;
		case OPT_CATEGORY:
			o->category = optarg;
			break;
		case OPT_MAX_MS:
			o->max_ms = atof(optarg);
			break;
		case OPT_MAX_COLD_MS:
			o->max_cold_ms = atof(optarg);
			break;
		case OPT_TICK_EVERY:
			o->tick_every = atol(optarg);
			break;
		case OPT_MAX_RSS:
			o->max_rss_kb = atol(optarg) * 1024;
			break;
		case 'h':
			bench_usage(stdout);
			exit(0);
		default:
			bench_usage(stderr);
			return -1;
		}
	}
	if (optind < argc)
		o->db = argv[optind++];
	if (optind < argc || o->incidents < 1 || o->days < 1 || o->runs < 1 ||
	    o->cold < 0 || o->rows < 5 || o->tick_every < 1) {
		bench_usage(stderr);
		return -1;
	}
	return 0;
}

static double
bench_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/*
 * The page the TUI's queue asks for: tui_draw gives the view rows - 3, and
 * queue_draw keeps 3 of those for its header, banner and footer, and one
 * more for the "Filter:" line when a filter is set.
 */
static int64_t
bench_queue_limit(const struct bench_opts *o, bool filtered)
{
	return o->rows - 3 - 3 - (filtered ? 1 : 0);
}

/* The student the history query asks about: the same rule everywhere. */
static int64_t
bench_hot_student(int64_t nstudents)
{
	return nstudents / 2 + 1;
}

/* --- making the database ----------------------------------------------- */

static void
bench_progress(void *arg, long logged, long planned)
{
	double *t0 = arg;

	if (logged % 20000 == 0)
		fprintf(stderr, "bench: %ld of %ld incidents logged (%.0f s)\n",
		    logged, planned, (bench_ms() - *t0) / 1e3);
}

/*
 * The history, made as the demo is (src/gen) and through the same use
 * cases, only bigger: a fixed seed, two years, 200,000 incidents, eight
 * times the students (some 21,000: a university with so many incidents is
 * that big, and fewer repeats raise fewer early warnings), a twentieth of
 * the students in 15% of them and the roster's middle
 * one (the student query's) now and then; `tick` runs every few hours of
 * the made-up time rather than every minute, which is what keeps it fast.
 */
#define BENCH_FILL_CACHE_MB	2048

static enum yj_status
bench_fill(struct yj_app *a, const struct bench_opts *o, struct yj_error *err)
{
	struct gen_opts g;
	struct store_counts c;
	enum yj_status r;
	double t0 = bench_ms();

	memset(&g, 0, sizeof g);
	g.seed = BENCH_SEED;
	g.days = o->days;
	g.incidents = o->incidents;
	g.scale = 8;
	g.frequent = 15;
	g.hot = 2;
	g.late = 25;
	g.tick_every = o->tick_every;
	g.progress = bench_progress;
	g.progress_arg = &t0;
	/* One long transaction over a file of gigabytes: pages kept. */
	if ((r = store_cache(a->store, BENCH_FILL_CACHE_MB, err)) != YJ_OK)
		return r;
	if ((r = gen_fill(a, &g, NULL, NULL, err)) != YJ_OK)
		return r;
	if (store_counts(a->store, &c, err) == YJ_OK)
		fprintf(stderr,
		    "bench: made %" PRId64 " incidents, %" PRId64
		    " events, %" PRId64 " students, in %.1f s\n",
		    c.incidents, c.events, c.students, (bench_ms() - t0) / 1e3);
	return YJ_OK;
}

static int
bench_load_policy(struct yj_app *a, const char *rules)
{
	struct diags	 d;
	int		 rc;

	diags_init(&d, rules);
	rc = app_load_policy(a, rules, &d);
	if (rc != 0)
		diags_print(&d, stderr);
	diags_done(&d);
	return rc;
}

/* Makes the database at o->db; on failure nothing is left there. */
static int
bench_generate(const struct bench_opts *o)
{
	struct yj_app		 a;
	struct users_new	 u;
	struct yj_error		 err;
	enum yj_status		 r;

	app_init(&a);
	if (bench_load_policy(&a, o->rules) != 0) {
		app_done(&a);
		return -1;
	}
	if ((r = app_open_db(&a, o->db, STORE_CREATE, &err)) != YJ_OK) {
		fprintf(stderr, "bench: %s\n", err.msg);
		app_done(&a);
		return -1;
	}
	memset(&u, 0, sizeof u);
	u.login = "admin";
	u.role = "admin";
	u.password = BENCH_ADMIN_PASSWORD;
	if ((r = users_add(&a, &u, true, &err)) == YJ_OK)
		r = bench_fill(&a, o, &err);
	if (r == YJ_OK) {
		memset(&u, 0, sizeof u);
		u.login = BENCH_USER;
		u.display = "值班员（测试）";
		u.role = "duty_officer";
		u.password = BENCH_PASSWORD;
		r = users_add(&a, &u, true, &err);
	}
	app_done(&a);
	if (r != YJ_OK) {
		fprintf(stderr, "bench: %s\n", err.msg);
		unlink(o->db);
		return -1;
	}
	return 0;
}

/* --- measuring ----------------------------------------------------------- */

enum bench_what {
	BENCH_BASELINE,		/* a child that does nothing */
	BENCH_INFO,		/* counts for the header, not timed */
	BENCH_QUEUE,		/* the first screen */
	BENCH_QUEUE_COLD,	/* the same after dropping the file's cache */
	BENCH_CATEGORY,		/* the queue filtered by category */
	BENCH_STUDENT,		/* one student's last 90 days */
	BENCH_LOGIN,		/* signing in with the password */
	BENCH_STATS_YEAR,	/* a year of the meeting's numbers (issue 11) */
	BENCH_STATS_FLOOR,	/* the same summaries, one raw SQLite query */
	BENCH_STATS_UNITS,	/* a year by department: every incident read */
	BENCH_HANDOVER,		/* the last shift's handover sheet: its reads */
	BENCH_CHECK,		/* the start-of-shift check (of the last shift) */
	BENCH_EXPORT_XLSX,	/* a year of incidents as a workbook (issue 12) */
	BENCH_EXPORT_FLOOR,	/* the same incidents, one raw SQLite query */
	BENCH_STATS_XLSX,	/* a year's meeting workbook, every table */
	BENCH_NWHAT
};

static const char *const bench_what_names[BENCH_NWHAT] = {
	"empty process (baseline)",
	"info",
	"queue, first screen (warm)",
	"queue, first screen (cold)",
	"queue, one category (warm)",
	"student, last 90 days (warm)",
	"sign-in, argon2id (info)",
	"stats, a year by category",
	"  floor: raw SQLite, summary",
	"stats, a year by department",
	"handover sheet, last shift",
	"start-of-shift check (info)",
	"export, a year as xlsx",
	"  floor: raw SQLite, incidents",
	"report stats, a year as xlsx",
};

/* Budgets, ms (warm median): issue 11's "under 300 ms", "under 100 ms". */
#define BENCH_STATS_MS		300
#define BENCH_HANDOVER_MS	100
/* Issue 12: a workbook of a year of 1M incidents in 40 MiB (peak RSS). */
#define BENCH_BOOK_RSS_KB	(40 * 1024)

/* One run of one measurement, sent from the child over a pipe. */
struct bench_sample {
	int		 ok;
	double		 policy_ms;
	double		 open_ms;
	double		 user_ms;
	double		 query_ms;
	double		 total_ms;
	int64_t		 rows;
	long		 maxrss_kb;
	int64_t		 sqlite_hw;	/* SQLite's heap high-water, bytes */
	/* BENCH_INFO only. */
	int64_t		 incidents;
	int64_t		 events;
	int64_t		 students;
	int64_t		 rooms;
	int64_t		 open;
	int64_t		 hot_rows;	/* the student's incidents, all time */
	char		 err[512];
};

static int
bench_count(void *arg, const struct store_incident *in, bool redacted)
{
	(void)in;
	(void)redacted;
	(*(int64_t *)arg)++;
	return 0;
}

static int
bench_group(void *arg, const struct report_stats_group *g)
{
	(void)g;
	(*(int64_t *)arg)++;
	return 0;
}

/*
 * The reads of the handover sheet of the last shift, as 'yujing handover
 * --shift last' makes it: what the shift did, its handover record (none
 * when the generator made none), the chain head the sheet is anchored on.
 */
static enum yj_status
bench_handover(struct yj_app *a, int64_t *rows, struct yj_error *err)
{
	struct handover_summary	 sum;
	struct handover		 h;
	struct policy_duty	 d;
	enum yj_status		 r;
	int64_t			 events;
	char			 head[17];

	if ((r = handover_duty(a, "last", &d, err)) != YJ_OK ||
	    (r = handover_summary(a, &d, &sum, err)) != YJ_OK)
		return r;
	r = handover_load(a, d.id, &h, err);
	if (r == YJ_OK) {
		*rows = (int64_t)h.nitems;
		handover_free(&h);
	} else if (r != YJ_NOT_FOUND)
		return r;
	return handover_chain_head(a, &events, head, err);
}

/* The start-of-shift check, of the last shift (one runs at any hour). */
static enum yj_status
bench_check(struct yj_app *a, int64_t *rows, struct yj_error *err)
{
	struct handover_check	 c;
	enum yj_status		 r;

	if ((r = handover_check(a, "last", &c, err)) != YJ_OK)
		return r;
	*rows = (int64_t)c.ninherited;
	handover_check_free(&c);
	return YJ_OK;
}

/* A local midnight days before (or after) now's. */
static int64_t
bench_midnight(struct yj_app *a, int days)
{
	struct caldate	 d;

	caldate_of(app_now(a), days, &d);
	return caltime_local(d.year, d.month, d.day, 0, 0);
}

/*
 * A floor: sql with ?1 and ?2 bound to from and to, every column of each
 * row read, in one raw query on a connection of its own.
 */
static enum yj_status
bench_raw(const struct bench_opts *o, const char *sql, int64_t from,
    int64_t to, int64_t *rows, struct yj_error *err)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int		 rc, k;

	if (sqlite3_open_v2(o->db, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(db, sql, -1, &st, NULL) !=
	    SQLITE_OK) {
		yj_fail(err, YJ_DB, "%s: %s", o->db, sqlite3_errmsg(db));
		sqlite3_close(db);
		return YJ_DB;
	}
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (k = 0; k < sqlite3_column_count(st); k++)
			(void)sqlite3_column_text(st, k);
		(*rows)++;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc == SQLITE_DONE ? YJ_OK : yj_fail(err, YJ_DB, "%s: the "
	    "floor's query failed", o->db);
}

/*
 * The floor under the year of stats: the rows of the summaries of the
 * year, summed by category.
 */
static enum yj_status
bench_stats_floor(struct yj_app *a, const struct bench_opts *o,
    int64_t *rows, struct yj_error *err)
{
	static const char sql[] = "SELECT category, sum(count), sum(resolved),"
	    " sum(length(acks)), sum(length(resolves)) FROM summary"
	    " WHERE day >= ?1 AND day < ?2 GROUP BY category";
	struct caldate	 from, to;

	caldate_of(app_now(a), -365, &from);
	caldate_of(app_now(a), 1, &to);
	return bench_raw(o, sql, from.year * 10000 + from.month * 100 +
	    from.day, to.year * 10000 + to.month * 100 + to.day, rows, err);
}

/* The floor under the export: the year's incidents, each row whole. */
static enum yj_status
bench_export_floor(struct yj_app *a, const struct bench_opts *o,
    int64_t *rows, struct yj_error *err)
{
	static const char sql[] = "SELECT * FROM incident"
	    " WHERE occurred_at >= ?1 AND occurred_at < ?2"
	    " ORDER BY occurred_at";

	return bench_raw(o, sql, bench_midnight(a, -365), INT64_MAX, rows,
	    err);
}

/*
 * A workbook as the command line writes it (export or report stats,
 * --format xlsx, a year from the midnight a year ago), beside the
 * database; *rows its size in KiB. What it prints goes nowhere.
 */
static enum yj_status
bench_book(struct yj_app *a, const struct bench_opts *o, enum bench_what w,
    int64_t *rows, struct yj_error *err)
{
	struct cli_globals	 g;
	struct caldate		 from;
	struct stat		 sb;
	char			 day[16], path[1024];
	char			*argv[8];
	int			 argc = 0, rc, null;

	caldate_of(app_now(a), -365, &from);
	snprintf(day, sizeof day, "%04d-%02d-%02d", from.year, from.month,
	    from.day);
	snprintf(path, sizeof path, "%s.%s.xlsx", o->db,
	    w == BENCH_EXPORT_XLSX ? "export" : "stats");
	argv[argc++] = w == BENCH_EXPORT_XLSX ? "export" : "report";
	if (w == BENCH_STATS_XLSX)
		argv[argc++] = "stats";
	argv[argc++] = "--from";
	argv[argc++] = day;
	argv[argc++] = "--format";
	argv[argc++] = "xlsx";
	argv[argc++] = "--output";
	argv[argc++] = path;
	argv[argc] = NULL;
	memset(&g, 0, sizeof g);
	if ((null = open("/dev/null", O_WRONLY)) >= 0) {
		dup2(null, STDOUT_FILENO);
		close(null);
	}
	optind = 0;	/* glibc: getopt anew, as cli_main does */
	opterr = 0;
	rc = w == BENCH_EXPORT_XLSX ? cli_export(a, &g, argc, argv) :
	    cli_report(a, &g, argc, argv);
	if (rc != 0)
		return yj_fail(err, YJ_IO, "%s: exit %d", path, rc);
	if (stat(path, &sb) != 0)
		return yj_fail(err, YJ_IO, "%s: %s", path, strerror(errno));
	*rows = (int64_t)(sb.st_size / 1024);
	unlink(path);
	return YJ_OK;
}

static int
bench_first(void *arg, const struct store_incident *in, bool redacted)
{
	(void)in;
	(void)redacted;
	(*(int64_t *)arg)++;
	return 1;
}

/* The queries of the measurement, as the screens ask them. */
static enum yj_status
bench_query(struct yj_app *a, const struct bench_opts *o, enum bench_what w,
    int64_t hot, int64_t *rows, struct yj_error *err)
{
	struct store_filter	 f;
	enum yj_status		 r;
	int64_t			 banner = 0;

	memset(&f, 0, sizeof f);
	switch (w) {
	case BENCH_QUEUE:
	case BENCH_QUEUE_COLD:
	case BENCH_CATEGORY:
		/* The page, as queue_load and queue_filter_of ask for it. */
		f.open_only = true;
		f.urgent_at = app_now(a);
		f.limit = bench_queue_limit(o, w == BENCH_CATEGORY);
		if (w == BENCH_CATEGORY)
			f.category = o->category;
		if ((r = incident_list(a, &f, bench_count, rows, err)) != YJ_OK)
			return r;
		/* Then the banner, as queue_banner. */
		memset(&f, 0, sizeof f);
		f.state = "open";
		f.emergency = true;
		f.urgent_at = app_now(a);
		f.limit = 1;
		return incident_list(a, &f, bench_first, &banner, err);
	case BENCH_STUDENT:
		f.student = hot;
		f.since = app_now(a) - BENCH_HISTORY_DAYS * BENCH_DAY;
		return incident_list(a, &f, bench_count, rows, err);
	case BENCH_STATS_YEAR:
	case BENCH_STATS_UNITS:
		/* Whole days, as 'report stats --from D --to D' asks. */
		return report_stats(a, bench_midnight(a, -365),
		    bench_midnight(a, 1), w == BENCH_STATS_YEAR ?
		    REPORT_STATS_CATEGORY : REPORT_STATS_DEPARTMENT,
		    bench_group, rows, err);
	case BENCH_STATS_FLOOR:
		return bench_stats_floor(a, o, rows, err);
	case BENCH_HANDOVER:
		return bench_handover(a, rows, err);
	case BENCH_CHECK:
		return bench_check(a, rows, err);
	case BENCH_EXPORT_XLSX:
	case BENCH_STATS_XLSX:
		return bench_book(a, o, w, rows, err);
	case BENCH_EXPORT_FLOOR:
		return bench_export_floor(a, o, rows, err);
	default:
		return YJ_OK;
	}
}

static void
bench_info(struct yj_app *a, struct bench_sample *s, struct yj_error *err)
{
	struct store_counts	 c;
	struct store_filter	 f;

	if (store_counts(a->store, &c, err) != YJ_OK)
		return;
	s->incidents = c.incidents;
	s->events = c.events;
	s->students = c.students;
	s->rooms = c.rooms;
	memset(&f, 0, sizeof f);
	f.open_only = true;
	if (incident_list(a, &f, bench_count, &s->open, err) != YJ_OK)
		return;
	memset(&f, 0, sizeof f);
	f.student = bench_hot_student(c.students);
	if (incident_list(a, &f, bench_count, &s->hot_rows, err) != YJ_OK)
		return;
	s->ok = 1;
}

/* In the child: one run from nothing, as the TUI starts. */
static void
bench_child(const struct bench_opts *o, enum bench_what w,
    struct bench_sample *s)
{
	struct yj_app		 a;
	struct store_counts	 c;
	struct yj_error		 err;
	struct rusage		 ru;
	sqlite3_int64		 cur, hw;
	double			 t0, t1, t2, t3, t4;
	int64_t			 hot = 0;

	memset(s, 0, sizeof *s);
	yj_error_clear(&err);
	app_init(&a);
	if (w == BENCH_BASELINE) {
		s->ok = 1;
		goto out;
	}
	t0 = bench_ms();
	if (bench_load_policy(&a, o->rules) != 0) {
		snprintf(s->err, sizeof s->err, "cannot load %s", o->rules);
		goto out;
	}
	t1 = bench_ms();
	if (app_open_db(&a, o->db, 0, &err) != YJ_OK)
		goto fail;
	t2 = bench_ms();
	if (w == BENCH_LOGIN) {
		if (app_login(&a, BENCH_USER, BENCH_PASSWORD, APP_VIA_COMMAND,
		    &err) != YJ_OK)
			goto fail;
	} else {
		/* Signed in as the TUI would be, without the password hash
		 * (measured on its own: it is slow and big by design). */
		/* The meeting's numbers are Student Affairs'; admin's here. */
		if (store_user_get(a.store, w == BENCH_STATS_YEAR ||
		    w == BENCH_STATS_UNITS || w == BENCH_EXPORT_XLSX ||
		    w == BENCH_STATS_XLSX ? "admin" : BENCH_USER, &a.user,
		    &err) != YJ_OK)
			goto fail;
		a.role = policy_role(a.policy, a.user.role);
	}
	t3 = bench_ms();
	if (w == BENCH_INFO) {
		bench_info(&a, s, &err);
		if (!s->ok)
			goto fail;
		goto out;
	}
	s->user_ms = t3 - t2;
	if (w == BENCH_STUDENT) {
		/* Finding whom to ask about is not part of it. */
		if (store_counts(a.store, &c, &err) != YJ_OK)
			goto fail;
		hot = bench_hot_student(c.students);
		t3 = bench_ms();
	}
	if (bench_query(&a, o, w, hot, &s->rows, &err) != YJ_OK)
		goto fail;
	t4 = bench_ms();
	s->policy_ms = t1 - t0;
	s->open_ms = t2 - t1;
	s->query_ms = t4 - t3;
	s->total_ms = s->policy_ms + s->open_ms + s->user_ms + s->query_ms;
	s->ok = 1;
	goto out;
fail:
	snprintf(s->err, sizeof s->err, "%s", err.msg);
out:
	if (sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &cur, &hw, 0) ==
	    SQLITE_OK)
		s->sqlite_hw = hw;
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		s->maxrss_kb = ru.ru_maxrss;
	app_done(&a);
}

/* Drops what the page cache holds of a file (cold start, near enough). */
static void
bench_evict(const char *path)
{
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	fdatasync(fd);	/* only clean pages can be dropped */
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	close(fd);
}

static void
bench_evict_db(const struct bench_opts *o)
{
	char	 path[4096];

	bench_evict(o->db);
	snprintf(path, sizeof path, "%s-wal", o->db);
	bench_evict(path);
	bench_evict(o->rules);
}

/* Runs one measurement in a new child process; 0 when it worked. */
static int
bench_run(const struct bench_opts *o, enum bench_what w,
    struct bench_sample *s)
{
	int	 fds[2], status;
	pid_t	 pid;
	ssize_t	 n;
	size_t	 got = 0;

	memset(s, 0, sizeof *s);
	if (w == BENCH_QUEUE_COLD)
		bench_evict_db(o);
	if (pipe(fds) != 0) {
		perror("bench: pipe");
		return -1;
	}
	fflush(NULL);
	if ((pid = fork()) < 0) {
		perror("bench: fork");
		return -1;
	}
	if (pid == 0) {
		struct bench_sample	 mine;

		close(fds[0]);
		bench_child(o, w, &mine);
		if (write(fds[1], &mine, sizeof mine) != (ssize_t)sizeof mine)
			_exit(3);
		_exit(0);
	}
	close(fds[1]);
	while (got < sizeof *s) {
		n = read(fds[0], (char *)s + got, sizeof *s - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (got != sizeof *s || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		if (WIFSIGNALED(status))
			fprintf(stderr, "bench: %s: the child process died "
			    "of signal %d\n", bench_what_names[w],
			    WTERMSIG(status));
		else
			fprintf(stderr, "bench: %s: the child process "
			    "failed\n", bench_what_names[w]);
		return -1;
	}
	if (!s->ok) {
		fprintf(stderr, "bench: %s: %s\n", bench_what_names[w],
		    s->err);
		return -1;
	}
	return 0;
}

static int
bench_cmp_double(const void *va, const void *vb)
{
	double	 a = *(const double *)va, b = *(const double *)vb;

	return a < b ? -1 : a > b;
}

static double
bench_median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The medians of n runs (the RSS and SQLite heap: the largest). */
struct bench_result {
	double		 policy_ms;
	double		 open_ms;
	double		 user_ms;
	double		 query_ms;
	double		 total_ms;
	double		 total_max_ms;
	int64_t		 rows;
	long		 maxrss_kb;
	int64_t		 sqlite_hw;
	int		 n;
};

static int
bench_measure(const struct bench_opts *o, enum bench_what w, int runs,
    struct bench_result *res)
{
	struct bench_sample	 s;
	double			*v[5];
	int			 i, k;

	memset(res, 0, sizeof *res);
	for (k = 0; k < 5; k++)
		v[k] = xcalloc((size_t)runs, sizeof *v[k]);
	for (i = 0; i < runs; i++) {
		if (bench_run(o, w, &s) != 0) {
			for (k = 0; k < 5; k++)
				free(v[k]);
			return -1;
		}
		v[0][i] = s.policy_ms;
		v[1][i] = s.open_ms;
		v[2][i] = s.user_ms;
		v[3][i] = s.query_ms;
		v[4][i] = s.total_ms;
		if (s.total_ms > res->total_max_ms)
			res->total_max_ms = s.total_ms;
		res->rows = s.rows;
		if (s.maxrss_kb > res->maxrss_kb)
			res->maxrss_kb = s.maxrss_kb;
		if (s.sqlite_hw > res->sqlite_hw)
			res->sqlite_hw = s.sqlite_hw;
	}
	res->policy_ms = bench_median(v[0], runs);
	res->open_ms = bench_median(v[1], runs);
	res->user_ms = bench_median(v[2], runs);
	res->query_ms = bench_median(v[3], runs);
	res->total_ms = bench_median(v[4], runs);
	res->n = runs;
	for (k = 0; k < 5; k++)
		free(v[k]);
	return 0;
}

static void
bench_row(enum bench_what w, const struct bench_result *r)
{
	if (w == BENCH_BASELINE) {
		printf("%-30s %5s %8s %8s %8s %9s %9s %9s %7.1f MB %6.1f MB\n",
		    bench_what_names[w], "", "", "", "", "", "", "",
		    (double)r->maxrss_kb / 1024, (double)r->sqlite_hw / 1048576);
		return;
	}
	printf("%-30s %5" PRId64 " %8.1f %8.1f %8.1f %9.1f %9.1f %9.1f "
	    "%7.1f MB %6.1f MB\n", bench_what_names[w], r->rows, r->policy_ms,
	    r->open_ms, r->user_ms, r->query_ms, r->total_ms, r->total_max_ms,
	    (double)r->maxrss_kb / 1024, (double)r->sqlite_hw / 1048576);
}

int
main(int argc, char **argv)
{
	static const enum bench_what table[] = {
		BENCH_BASELINE, BENCH_QUEUE, BENCH_QUEUE_COLD, BENCH_CATEGORY,
		BENCH_STUDENT, BENCH_LOGIN, BENCH_STATS_YEAR, BENCH_STATS_FLOOR,
		BENCH_STATS_UNITS, BENCH_HANDOVER, BENCH_CHECK,
		BENCH_EXPORT_XLSX, BENCH_EXPORT_FLOOR, BENCH_STATS_XLSX
	};
	struct bench_opts	 o;
	struct bench_result	 res[BENCH_NWHAT];
	struct bench_sample	 info;
	struct stat		 sb;
	long			 worst_rss = 0;
	double			 t0;
	size_t			 i;
	int			 status, rc = 0, runs;
	pid_t			 pid;

	if (bench_opts_parse(argc, argv, &o) != 0)
		return 2;
	if (access(o.rules, R_OK) != 0) {
		fprintf(stderr, "bench: %s: %s\n", o.rules, strerror(errno));
		return 2;
	}
	if (stat(o.db, &sb) != 0) {
		/* Made in a child, so that this process stays small. */
		fprintf(stderr, "bench: making %s: %ld incidents over %d "
		    "days\n", o.db, o.incidents, o.days);
		t0 = bench_ms();
		fflush(NULL);
		if ((pid = fork()) < 0) {
			perror("bench: fork");
			return 2;
		}
		if (pid == 0)
			_exit(bench_generate(&o) == 0 ? 0 : 1);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			return 2;
		fprintf(stderr, "bench: made in %.1f s\n",
		    (bench_ms() - t0) / 1e3);
		if (stat(o.db, &sb) != 0) {
			perror("bench: stat");
			return 2;
		}
	} else
		fprintf(stderr, "bench: reusing %s (remove it to make a new "
		    "one)\n", o.db);
	fflush(stderr);

	if (bench_run(&o, BENCH_INFO, &info) != 0)
		return 2;
	printf("database  %s: %.1f MB, %" PRId64 " incidents (%" PRId64
	    " not resolved), %" PRId64 " events, %" PRId64 " students, %"
	    PRId64 " rooms\n", o.db, (double)sb.st_size / 1048576,
	    info.incidents, info.open, info.events, info.students, info.rooms);
	printf("SQLite    %s; policy %s\n", sqlite3_libversion(), o.rules);
	printf("queries   queue: open only, most urgent first, limit %" PRId64
	    " (a %d-row terminal), then the\n          emergency banner "
	    "(open, emergency, limit 1); category: the same, category\n"
	    "          %s; student: id %" PRId64 " (%" PRId64 " incidents in "
	    "all), last %d days,\n          newest first, no limit\n",
	    bench_queue_limit(&o, false), o.rows, o.category,
	    bench_hot_student(info.students), info.hot_rows,
	    BENCH_HISTORY_DAYS);
	printf("runs      %d warm, %d cold (page cache of the db file dropped "
	    "first); each a new process\n\n", o.runs, o.cold);

	memset(res, 0, sizeof res);
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		/* A workbook of a year takes a while: made three times. */
		runs = table[i] == BENCH_QUEUE_COLD ? o.cold :
		    table[i] == BENCH_LOGIN || table[i] == BENCH_BASELINE ? 1 :
		    table[i] == BENCH_EXPORT_XLSX || table[i] ==
		    BENCH_EXPORT_FLOOR || table[i] == BENCH_STATS_XLSX ?
		    (o.runs < 3 ? o.runs : 3) : o.runs;
		if (runs == 0)
			continue;
		if (bench_measure(&o, table[i], runs, &res[table[i]]) != 0)
			return 2;
	}

	printf("%-30s %5s %8s %8s %8s %9s %9s %9s %10s %9s\n", "median, ms",
	    "rows", "policy", "open", "sign-in", "query", "total", "worst",
	    "peak RSS", "SQLite");
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (res[table[i]].n > 0 || table[i] == BENCH_BASELINE)
			bench_row(table[i], &res[table[i]]);
	}
	printf("\n(total = policy + open + sign-in + query; sign-in is a "
	    "user lookup but in\nthe argon2id row; peak RSS is ru_maxrss of "
	    "the process; SQLite is its heap high-water)\n\n");

	/* The checks. */
	if (res[BENCH_STATS_YEAR].n > 0) {
		rc |= res[BENCH_STATS_YEAR].query_ms > BENCH_STATS_MS;
		printf("%s  a year of stats: %.1f ms (warm median query) %s %d "
		    "ms\n", res[BENCH_STATS_YEAR].query_ms > BENCH_STATS_MS ?
		    "FAIL" : "ok  ", res[BENCH_STATS_YEAR].query_ms,
		    res[BENCH_STATS_YEAR].query_ms > BENCH_STATS_MS ? ">" :
		    "<=", BENCH_STATS_MS);
	}
	if (res[BENCH_HANDOVER].n > 0) {
		rc |= res[BENCH_HANDOVER].query_ms > BENCH_HANDOVER_MS;
		printf("%s  the handover sheet: %.1f ms (warm median query) "
		    "%s %d ms\n", res[BENCH_HANDOVER].query_ms >
		    BENCH_HANDOVER_MS ? "FAIL" : "ok  ",
		    res[BENCH_HANDOVER].query_ms, res[BENCH_HANDOVER].query_ms >
		    BENCH_HANDOVER_MS ? ">" : "<=", BENCH_HANDOVER_MS);
	}
	if (res[BENCH_QUEUE].total_ms > o.max_ms) {
		printf("FAIL  first screen: %.1f ms (warm median) > %.0f ms\n",
		    res[BENCH_QUEUE].total_ms, o.max_ms);
		rc = 1;
	} else
		printf("ok    first screen: %.1f ms (warm median) <= %.0f ms\n",
		    res[BENCH_QUEUE].total_ms, o.max_ms);
	/* The first start of the day: the file is not in memory yet. */
	if (res[BENCH_QUEUE_COLD].n > 0 &&
	    res[BENCH_QUEUE_COLD].total_ms > o.max_cold_ms) {
		printf("FAIL  first screen: %.1f ms (cold median) > %.0f ms\n",
		    res[BENCH_QUEUE_COLD].total_ms, o.max_cold_ms);
		rc = 1;
	} else if (res[BENCH_QUEUE_COLD].n > 0)
		printf("ok    first screen: %.1f ms (cold median) <= %.0f ms\n",
		    res[BENCH_QUEUE_COLD].total_ms, o.max_cold_ms);
	if (res[BENCH_QUEUE].rows > bench_queue_limit(&o, false)) {
		printf("FAIL  first screen: %" PRId64 " rows delivered for a "
		    "screen of %" PRId64 "\n", res[BENCH_QUEUE].rows,
		    bench_queue_limit(&o, false));
		rc = 1;
	}
	/* The workbooks: in constant memory, whatever the year holds. */
	for (i = 0; i < 2; i++) {
		enum bench_what	 w = i == 0 ? BENCH_EXPORT_XLSX :
		    BENCH_STATS_XLSX;

		if (res[w].n == 0)
			continue;
		rc |= res[w].maxrss_kb > BENCH_BOOK_RSS_KB;
		printf("%s  %s: %.1f MB peak RSS %s %d MB (%.1f s, %" PRId64
		    " KiB)\n", res[w].maxrss_kb > BENCH_BOOK_RSS_KB ? "FAIL" :
		    "ok  ", bench_what_names[w], (double)res[w].maxrss_kb /
		    1024, res[w].maxrss_kb > BENCH_BOOK_RSS_KB ? ">" : "<=",
		    BENCH_BOOK_RSS_KB / 1024, res[w].total_ms / 1e3,
		    res[w].rows);
	}
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (table[i] == BENCH_LOGIN || table[i] == BENCH_BASELINE)
			continue;
		if (res[table[i]].maxrss_kb > worst_rss)
			worst_rss = res[table[i]].maxrss_kb;
	}
	if (worst_rss > o.max_rss_kb) {
		printf("FAIL  peak RSS of a query process: %.1f MB > %ld MB\n",
		    (double)worst_rss / 1024, o.max_rss_kb / 1024);
		rc = 1;
	} else
		printf("ok    peak RSS of a query process: %.1f MB <= %ld MB\n",
		    (double)worst_rss / 1024, o.max_rss_kb / 1024);
	return rc;
}
