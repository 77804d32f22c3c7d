/*
 * The summaries kept by day (src/store/summary.c) and the follow-ups not
 * done (followup_open) equal a full recount after random activity: the
 * generator's months of history, then random corrections,
 * acknowledgements, resolutions, reopenings, duplicates, follow-ups done
 * and ticks over them; verify finds nothing; the statistics read from the
 * summaries equal those read from every incident, group by group, for
 * random ranges of whole days; a row changed outside yujing is found,
 * and rebuild-summaries (on record) makes them right again. The
 * handover sheet's counts, read from indexes, equal the full ones.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "yujing/app.h"
#include "yujing/caltime.h"
#include "yujing/diag.h"
#include "yujing/escalate.h"
#include "yujing/followup.h"
#include "yujing/gen.h"
#include "yujing/incident.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/report.h"
#include "yujing/rng.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/users.h"
#include "yujing/xmalloc.h"

#include "verified.h"

#define NOW	1764000000	/* 2025-11-25 00:00 in Asia/Shanghai */
#define DAY	86400

/* One group's figures as report_stats gave them. */
struct figures {
	char			 key[64];
	struct report_stats_group g;
};

struct groups {
	struct figures	*v;
	size_t		 n;
};

static int
on_group(void *arg, const struct report_stats_group *g)
{
	struct groups	*gs = arg;

	gs->v = xreallocarray(gs->v, gs->n + 1, sizeof *gs->v);
	snprintf(gs->v[gs->n].key, sizeof gs->v[gs->n].key, "%s", g->key);
	gs->v[gs->n].g = *g;
	/* The key is kept apart (the array moves): these are not used. */
	gs->v[gs->n].g.key = gs->v[gs->n].g.name = NULL;
	gs->n++;
	return 0;
}

static int
on_id(void *arg, struct store_incident *in)
{
	struct { int64_t *v; size_t n; } *ids = arg;

	ids->v = xreallocarray(ids->v, ids->n + 1, sizeof *ids->v);
	ids->v[ids->n++] = in->id;
	return 0;
}

static int
on_log(void *arg, const struct store_log_entry *e)
{
	if (strcmp(e->kind, "summaries_rebuilt") == 0)
		(*(int64_t *)arg)++;
	return 0;
}

static void
on_user(void *arg, const char *login, const char *role, const char *pw)
{
	(void)arg;
	(void)login;
	(void)role;
	(void)pw;
}

/* The real rules, a database file (so that a second connection can edit
 * it behind yujing's back), admin signed in. */
static struct yj_app *
app_new(char *path, size_t size)
{
	struct yj_app		*a = xcalloc(1, sizeof *a);
	struct users_new	 admin;
	struct diags		 d;
	struct yj_error		 err;
	int			 fd;

	snprintf(path, size, "/tmp/yj-summary-XXXXXX");
	assert_true((fd = mkstemp(path)) >= 0);
	close(fd);
	unlink(path);
	app_init(a);
	a->clock = NOW - 61 * DAY;
	diags_init(&d, "rules.yaml");
	assert_int_equal(app_load_policy(a, YJ_SOURCE_DIR "/rules.yaml", &d),
	    0);
	diags_done(&d);
	assert_int_equal(app_open_db(a, path, STORE_CREATE, &err), YJ_OK);
	memset(&admin, 0, sizeof admin);
	admin.login = "admin";
	admin.role = "admin";
	admin.password = "adminpass1";
	assert_int_equal(users_add(a, &admin, true, &err), YJ_OK);
	return a;
}

static void
sign_in(struct yj_app *a, const char *login)
{
	struct yj_error	 err;

	store_user_free(&a->user);
	assert_int_equal(store_user_get(a->store, login, &a->user, &err),
	    YJ_OK);
	a->role = policy_role(a->policy, a->user.role);
}

/* The follow-ups not done: incident and id, for one to be done. */
struct owed {
	int64_t	 incident[512];
	char	 id[512][32];
	size_t	 n;
};

static int
on_owed(void *arg, const struct store_followup *f)
{
	struct owed	*o = arg;

	if (o->n < 512) {
		o->incident[o->n] = f->incident;
		snprintf(o->id[o->n++], sizeof o->id[0], "%s", f->followup);
	}
	return 0;
}

/* Random changes to random incidents, the clock going forward. */
static void
stir(struct yj_app *a, struct rng *rng, int rounds)
{
	static const char *const cats[] = {
		"night_absence", "prohibited_appliance", "fighting",
		"drinking", "mental_health", "campus_loan"
	};
	static const char *const sevs[] = {
		"routine", "serious", "major", "emergency"
	};
	struct { int64_t *v; size_t n; } ids = { NULL, 0 };
	struct store_filter	 f;
	struct yj_error		 err;
	int64_t			 id, other;
	static struct owed	 owed;
	size_t			 k;
	int			 i, kind, ticked, done[9] = { 0 };
	enum yj_status		 r = YJ_OK;

	memset(&f, 0, sizeof f);
	assert_int_equal(store_incidents(a->store, &f, on_id, &ids, &err),
	    YJ_OK);
	assert_true(ids.n > 20);
	for (i = 0; i < rounds; i++) {
		a->clock += rng_between(rng, 1, 3 * 3600);
		id = ids.v[rng_below(rng, ids.n)];
		other = ids.v[rng_below(rng, ids.n)];
		/* Refusals (resolving a resolved one) are fine: both counted. */
		switch ((kind = (int)rng_below(rng, 9))) {
		case 0:
			r = incident_correct(a, id, INCIDENT_CORRECT_CATEGORY,
			    cats[rng_below(rng, 6)], "记错了", &err);
			break;
		case 1:
			r = incident_correct(a, id, INCIDENT_CORRECT_SEVERITY,
			    sevs[rng_below(rng, 4)], "记错了", &err);
			break;
		case 2:
			/* Most are acknowledged already: reopened first. */
			if (incident_ack(a, id, "值班辅导员", INCIDENT_VIA_PHONE,
			    NULL, &err) == YJ_OK)
				break;
			incident_act(a, id, INCIDENT_REOPEN, "又出现了", NULL,
			    INCIDENT_REACHED, &err);
			a->clock += rng_between(rng, 60, 3 * 3600);
			r = incident_ack(a, id, "值班辅导员", INCIDENT_VIA_PHONE,
			    NULL, &err);
			break;
		case 3:
			r = incident_act(a, id, INCIDENT_RESOLVE, "已处理",
			    NULL, INCIDENT_REACHED, &err);
			break;
		case 4:
			r = incident_act(a, id, INCIDENT_REOPEN, "又出现了",
			    NULL, INCIDENT_REACHED, &err);
			break;
		case 5:
			r = id != other ? incident_duplicate(a, id, other,
			    "同一件事", &err) : YJ_BAD_INPUT;
			break;
		case 6:
			r = escalate_tick(a, NULL, NULL, &ticked, &err);
			break;
		case 7:
			owed.n = 0;
			assert_int_equal(store_followups_open(a->store,
			    INT64_MAX, on_owed, &owed, &err), YJ_OK);
			k = owed.n > 0 ? rng_below(rng, owed.n) : 0;
			r = owed.n > 0 ? followup_done(a, owed.incident[k],
			    owed.id[k], "已完成", &err) : YJ_NOT_FOUND;
			break;
		default:
			r = incident_act(a, id, INCIDENT_NOTE, "记一笔", NULL,
			    INCIDENT_REACHED, &err);
			break;
		}
		if (r == YJ_OK)
			done[kind]++;
	}
	/* Each kind of change was made, more than once. */
	for (i = 0; i < 9; i++) {
		if (done[i] < 2)
			fail_msg("change %d: made %d times", i, done[i]);
	}
	free(ids.v);
}

/* Whether two groups have the same key and figures. */
static bool
group_equal(const struct figures *x, const struct figures *y)
{
	const struct report_stats_group	*a = &x->g, *b = &y->g;

	return strcmp(x->key, y->key) == 0 && a->count == b->count &&
	    a->open == b->open && a->resolved == b->resolved &&
	    a->ack_median == b->ack_median && a->ack_p90 == b->ack_p90 &&
	    a->resolve_median == b->resolve_median &&
	    a->resolve_p90 == b->resolve_p90 &&
	    a->late_reports == b->late_reports &&
	    a->overdue_acks == b->overdue_acks &&
	    a->skip_level == b->skip_level && a->small == b->small &&
	    a->count_only == b->count_only;
}

static bool
groups_equal(const struct groups *x, const struct groups *y)
{
	size_t	 i;

	for (i = 0; x->n == y->n && i < x->n; i++) {
		if (!group_equal(&x->v[i], &y->v[i]))
			return false;
	}
	return x->n == y->n;
}

static void
same_groups(const struct groups *x, const struct groups *y, const char *what)
{
	const struct report_stats_group	*a, *b;
	size_t				 i;

	if (x->n != y->n)
		fail_msg("%s: %zu groups from the summaries, %zu recounted",
		    what, x->n, y->n);
	for (i = 0; i < x->n; i++) {
		if (group_equal(&x->v[i], &y->v[i]))
			continue;
		a = &x->v[i].g;
		b = &y->v[i].g;
		fail_msg("%s, group %s: summaries %lld/%lld/%lld ack %lld,%lld "
		    "res %lld,%lld late %lld overdue %lld skip %lld; recount "
		    "%s %lld/%lld/%lld ack %lld,%lld res %lld,%lld late %lld "
		    "overdue %lld skip %lld", what, x->v[i].key,
		    (long long)a->count, (long long)a->open,
		    (long long)a->resolved, (long long)a->ack_median,
		    (long long)a->ack_p90, (long long)a->resolve_median,
		    (long long)a->resolve_p90, (long long)a->late_reports,
		    (long long)a->overdue_acks, (long long)a->skip_level,
		    y->v[i].key, (long long)b->count, (long long)b->open,
		    (long long)b->resolved, (long long)b->ack_median,
		    (long long)b->ack_p90, (long long)b->resolve_median,
		    (long long)b->resolve_p90, (long long)b->late_reports,
		    (long long)b->overdue_acks, (long long)b->skip_level);
	}
}

/* Every grouping the summaries serve, for whole days from..to. */
static void
same_stats(struct yj_app *a, int64_t from, int64_t to)
{
	static const enum report_stats_by bys[] = {
		REPORT_STATS_CATEGORY, REPORT_STATS_SEVERITY,
		REPORT_STATS_LEVEL, REPORT_STATS_WEEK
	};
	struct groups	 x, y;
	struct yj_error	 err;
	char		 what[96], f[24], t[24];
	size_t		 i;

	for (i = 0; i < sizeof bys / sizeof bys[0]; i++) {
		memset(&x, 0, sizeof x);
		memset(&y, 0, sizeof y);
		assert_int_equal(report_stats_read(a, from, to, bys[i], true,
		    on_group, &x, &err), YJ_OK);
		assert_int_equal(report_stats_read(a, from, to, bys[i], false,
		    on_group, &y, &err), YJ_OK);
		snprintf(what, sizeof what, "%s from %s to %s",
		    report_stats_by_name(bys[i]), caltime_format_local(from,
		    f, sizeof f), caltime_format_local(to, t, sizeof t));
		same_groups(&x, &y, what);
		free(x.v);
		free(y.v);
	}
}

/*
 * The handover sheet's counts, each from an index, equal those of the
 * filters that read every row.
 */
static void
same_shift_counts(struct yj_app *a, int64_t since, int64_t until)
{
	struct store_shift_counts	 c;
	struct store_filter		 f;
	struct yj_error			 err;
	int64_t				 n;

	assert_int_equal(store_shift_counts(a->store, since, until, &c, &err),
	    YJ_OK);
	memset(&f, 0, sizeof f);
	f.since = since;
	f.until = until;
	assert_int_equal(store_incident_count(a->store, &f, &n, &err), YJ_OK);
	assert_int_equal(c.logged, n);
	memset(&f, 0, sizeof f);
	f.open_only = true;
	assert_int_equal(store_incident_count(a->store, &f, &n, &err), YJ_OK);
	assert_int_equal(c.open, n);
	assert_true(n > 0);
	f.state = record_state_name(RECORD_OPEN);
	assert_int_equal(store_incident_count(a->store, &f, &n, &err), YJ_OK);
	assert_int_equal(c.waiting, n);
	f.state = NULL;
	f.emergency = true;
	assert_int_equal(store_incident_count(a->store, &f, &n, &err), YJ_OK);
	assert_int_equal(c.emergencies, n);
}

/* A local midnight some days before NOW. */
static int64_t
midnight(int days_before)
{
	struct caldate	 d;

	caldate_of(NOW, -days_before, &d);
	return caltime_local(d.year, d.month, d.day, 0, 0);
}

static size_t
summary_diffs(struct store *s)
{
	struct store_verify	 v;
	struct yj_error		 err;
	size_t			 i, n = 0;

	assert_int_equal(store_verify(s, 0, NULL, &v, &err), YJ_OK);
	for (i = 0; i < v.ndiffs; i++) {
		if (v.diffs[i].kind == STORE_DIFF_SUMMARY)
			n++;
		else
			fail_msg("not a summary: kind %d %s", (int)v.diffs[i].kind,
			    v.diffs[i].why ? v.diffs[i].why : "");
	}
	store_verify_free(&v);
	return n;
}

static void
test_summaries_equal_a_recount(void **state)
{
	static const uint64_t seeds[] = { 11, 2026, 77 };
	struct gen_opts	 o;
	struct yj_app	*a;
	struct rng	 rng;
	struct yj_error	 err;
	char		 path[64];
	size_t		 k;
	int		 i, d1, d2;

	(void)state;
	for (k = 0; k < sizeof seeds / sizeof seeds[0]; k++) {
		a = app_new(path, sizeof path);
		gen_demo_opts(&o, seeds[k]);
		o.now = NOW;
		assert_int_equal(gen_fill(a, &o, on_user, NULL, &err), YJ_OK);
		a->clock = NOW;
		sign_in(a, "admin");
		rng.s = seeds[k];
		stir(a, &rng, 400);
		verify_clean(a->store, -1);
		/* The whole history, and random whole days of it. */
		same_stats(a, 0, 0);
		for (i = 0; i < 6; i++) {
			d1 = (int)rng_between(&rng, 1, 70);
			d2 = (int)rng_between(&rng, -2, d1 - 1);
			same_stats(a, midnight(d1), midnight(d2));
			same_shift_counts(a, midnight(d1) + 20 * 3600,
			    midnight(d1 - 1) + 8 * 3600);
		}
		app_done(a);
		free(a);
		unlink(path);
	}
}

static void
test_tampered_found_then_rebuilt(void **state)
{
	struct gen_opts	 o;
	struct yj_app	*a;
	struct yj_error	 err;
	struct groups	 before, after;
	sqlite3		*db;
	char		 path[64];
	int64_t		 rows, n;

	(void)state;
	a = app_new(path, sizeof path);
	gen_demo_opts(&o, 5);
	o.now = NOW;
	assert_int_equal(gen_fill(a, &o, on_user, NULL, &err), YJ_OK);
	a->clock = NOW;
	sign_in(a, "admin");
	assert_int_equal(summary_diffs(a->store), 0);
	memset(&before, 0, sizeof before);
	assert_int_equal(report_stats(a, 0, 0, REPORT_STATS_CATEGORY,
	    on_group, &before, &err), YJ_OK);

	/* A count changed, a row taken away, behind yujing's back. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE summary SET count ="
	    " count + 3 WHERE day = (SELECT min(day) FROM summary);"
	    "DELETE FROM summary WHERE day = (SELECT max(day) FROM summary)",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_true(summary_diffs(a->store) >= 2);
	/*
	 * The reports read the (wrong) summaries for whole days, and every
	 * incident for a range that is not: so they are read at all.
	 */
	memset(&after, 0, sizeof after);
	assert_int_equal(report_stats(a, 0, 0, REPORT_STATS_CATEGORY,
	    on_group, &after, &err), YJ_OK);
	assert_false(groups_equal(&after, &before));
	free(after.v);
	memset(&after, 0, sizeof after);
	assert_int_equal(report_stats(a, 1, 0, REPORT_STATS_CATEGORY,
	    on_group, &after, &err), YJ_OK);
	same_groups(&after, &before, "not whole days: every incident");
	free(after.v);

	/* Only who may keep the database rebuilds; then all is as before. */
	sign_in(a, "xsc1");
	assert_int_equal(report_rebuild_summaries(a, &rows, &err), YJ_DENIED);
	sign_in(a, "admin");
	assert_int_equal(report_rebuild_summaries(a, &rows, &err), YJ_OK);
	assert_true(rows > 0);
	n = 0;
	assert_int_equal(store_log_read(a->store, "summaries", "summariet",
	    on_log, &n, &err), YJ_OK);
	assert_int_equal(n, 1);
	assert_int_equal(summary_diffs(a->store), 0);
	memset(&after, 0, sizeof after);
	assert_int_equal(report_stats(a, 0, 0, REPORT_STATS_CATEGORY,
	    on_group, &after, &err), YJ_OK);
	same_groups(&after, &before, "rebuilt");
	free(before.v);
	free(after.v);
	app_done(a);
	free(a);
	unlink(path);
}

/* The buckets: a minute apart to 48 h, an hour apart beyond; ranks. */
static void
test_buckets(void **state)
{
	(void)state;
	assert_int_equal(store_hist_bucket(-5), 0);
	assert_int_equal(store_hist_bucket(0), 0);
	assert_int_equal(store_hist_bucket(59), 0);
	assert_int_equal(store_hist_bucket(60), 1);
	assert_int_equal(store_hist_bucket(48 * 3600 - 1), 48 * 60 - 1);
	assert_int_equal(store_hist_bucket(48 * 3600), 48 * 60);
	assert_int_equal(store_hist_bucket(49 * 3600 - 1), 48 * 60);
	assert_int_equal(store_hist_bucket(49 * 3600), 48 * 60 + 1);
	assert_int_equal(store_hist_seconds(0), 0);
	assert_int_equal(store_hist_seconds(61), 61 * 60);
	assert_int_equal(store_hist_seconds(48 * 60), 48 * 3600);
	assert_int_equal(store_hist_seconds(48 * 60 + 2), 50 * 3600);
	/* Each bucket starts where its durations do. */
	assert_int_equal(store_hist_seconds(store_hist_bucket(3599)), 3540);
	assert_int_equal(store_hist_seconds(store_hist_bucket(
	    3 * 86400 + 1800)), 3 * 86400);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buckets),
		cmocka_unit_test(test_summaries_equal_a_recount),
		cmocka_unit_test(test_tampered_found_then_rebuilt),
	};

	setenv("TZ", "Asia/Shanghai", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
