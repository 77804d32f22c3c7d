/*
 * The meeting's numbers kept by day (S7): for each local day, category,
 * severity, starting rung and restriction, how many incidents occurred,
 * how many are resolved, reported late, started above the first rung,
 * acknowledged after their first deadline, and the times to acknowledge
 * and to resolve as histograms (a minute apart up to 48 hours, an hour
 * apart beyond). Kept in the transaction of every change to an incident:
 * what the incident counted for before the change is taken out, what it
 * counts for after is put in. Made anew from the incidents by the
 * migration that made them and by rebuild-summaries; verify recounts and
 * compares.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/json.h"
#include "yujing/record.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

#include "internal.h"

/* One row of the table in memory: its key, its figures. */
struct summary_row {
	int64_t			 day;
	char			*category;
	char			*severity;
	char			*level;
	bool			 restricted;
	int64_t			 count, resolved, late_reports, overdue_acks;
	int64_t			 skip_level;
	struct store_hist_bin	*acks, *resolves;
	size_t			 nacks, nresolves;
	int64_t			*pending;
	size_t			 npending;
};

/* The rows of one day, as a recount makes them. */
struct summary_day {
	struct summary_row	*v;
	size_t			 n;
};

/*
 * This process's time zone as the days depend on it: its UTC offsets in
 * January and July of a few years ("28800/28800/..." for China), the
 * same for every name of one zone. And its offset now, for people.
 */
static const char *
summary_zone(void)
{
	static char	 zone[128];
	static const int years[] = { 1990, 2000, 2010, 2020, 2030 };
	struct tm	 tm;
	time_t		 t;
	size_t		 i, k, len = 0;

	if (zone[0] != '\0')
		return zone;
	for (i = 0; i < sizeof years / sizeof years[0]; i++) {
		for (k = 0; k < 2; k++) {
			memset(&tm, 0, sizeof tm);
			tm.tm_year = years[i] - 1900;
			tm.tm_mon = k == 0 ? 0 : 6;
			tm.tm_mday = 15;
			tm.tm_hour = 12;
			tm.tm_isdst = -1;
			t = mktime(&tm);
			localtime_r(&t, &tm);
			len += (size_t)snprintf(zone + len, sizeof zone - len,
			    "%s%ld", len > 0 ? "/" : "", (long)tm.tm_gmtoff);
		}
	}
	return zone;
}

/* "+08:00" for a zone's last offset (or this process's: NULL). */
static void
summary_zone_label(const char *zone, char *out, size_t size)
{
	const char	*p;
	long		 off;

	if (zone == NULL)
		zone = summary_zone();
	p = strrchr(zone, '/');
	off = strtol(p != NULL ? p + 1 : zone, NULL, 10);
	snprintf(out, size, "UTC%c%02ld:%02ld", off < 0 ? '-' : '+',
	    labs(off) / 3600, labs(off) % 3600 / 60);
}

/* The zone the summaries were counted in: "" mixed, NULL none kept. */
static enum yj_status
summary_zone_read(struct store *s, char **zone, struct yj_error *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*zone = NULL;
	if ((st = store_sql(s, "SELECT zone FROM summary_zone LIMIT 1",
	    err)) == NULL)
		return err->status;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*zone = store_text(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "reading the summaries' time zone");
	return YJ_OK;
}

static enum yj_status
summary_zone_write(struct store *s, const char *zone, struct yj_error *err)
{
	sqlite3_stmt	*st;
	enum yj_status	 r;

	if ((st = store_sql(s, "DELETE FROM summary_zone", err)) == NULL)
		return err->status;
	if ((r = store_run(s, st, err, "keeping the summaries' time zone")) !=
	    YJ_OK)
		return r;
	if ((st = store_sql(s, "INSERT INTO summary_zone (zone) VALUES (?1)",
	    err)) == NULL)
		return err->status;
	store_bind_text(st, 1, zone);
	return store_run(s, st, err, "keeping the summaries' time zone");
}

enum yj_status
store_summary_zone_set(struct store *s, struct yj_error *err)
{
	return summary_zone_write(s, summary_zone(), err);
}

enum yj_status
store_summary_zone_ok(struct store *s, bool *ok, struct yj_error *err)
{
	enum yj_status	 r;
	char		*zone;

	*ok = false;
	if ((r = summary_zone_read(s, &zone, err)) != YJ_OK)
		return r;
	*ok = zone != NULL && strcmp(zone, summary_zone()) == 0;
	free(zone);
	return YJ_OK;
}

uint32_t
store_hist_bucket(int64_t seconds)
{
	int64_t	 b;

	if (seconds < 0)
		seconds = 0;
	if (seconds < STORE_HIST_MINUTES * 60)
		return (uint32_t)(seconds / 60);
	b = STORE_HIST_MINUTES + (seconds - STORE_HIST_MINUTES * 60) / 3600;
	return b > UINT32_MAX ? UINT32_MAX : (uint32_t)b;
}

int64_t
store_hist_seconds(uint32_t bucket)
{
	if (bucket < STORE_HIST_MINUTES)
		return (int64_t)bucket * 60;
	return (int64_t)STORE_HIST_MINUTES * 60 +
	    (int64_t)(bucket - STORE_HIST_MINUTES) * 3600;
}

void
store_summary_of_done(struct store_summary_of *x)
{
	free(x->category);
	free(x->severity);
	free(x->level);
	memset(x, 0, sizeof *x);
}

/* A row of STORE_SUMMARY_COLUMNS (from column 0) into x. */
static void
summary_of_row(sqlite3_stmt *st, struct store_summary_of *x)
{
	struct caldate	 d;

	memset(x, 0, sizeof *x);
	x->found = true;
	x->category = store_text(st, 0);
	x->severity = store_text(st, 1);
	x->restricted = sqlite3_column_int(st, 2) != 0;
	x->resolved = record_state_is((const char *)sqlite3_column_text(st,
	    3), RECORD_RESOLVED);
	caldate_of(sqlite3_column_int64(st, 4), 0, &d);
	x->day = (int64_t)d.year * 10000 + d.month * 100 + d.day;
	x->reported_at = sqlite3_column_int64(st, 5);
	x->late_report = sqlite3_column_int64(st, 6) > 0;
	x->level = store_text(st, 7);
	x->ack_at = sqlite3_column_int64(st, 8);
	x->resolved_at = sqlite3_column_int64(st, 9);
	x->skip_level = sqlite3_column_int(st, 10) != 0;
	x->first_due = sqlite3_column_int64(st, 11);
}

enum yj_status
store_summary_read(struct store *s, int64_t incident,
    struct store_summary_of *x, struct yj_error *err)
{
	static const char sql[] = STORE_SUMMARY_COLUMNS " FROM incident i"
	    " WHERE i.id = ?1";
	sqlite3_stmt	*st;
	int		 rc;

	memset(x, 0, sizeof *x);
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, incident);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		summary_of_row(st, x);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "reading an incident's numbers");
	return YJ_OK;
}

static bool
summary_str_same(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

bool
store_summary_same(const struct store_summary_of *a,
    const struct store_summary_of *b)
{
	return a->found == b->found && a->day == b->day &&
	    summary_str_same(a->category, b->category) &&
	    summary_str_same(a->severity, b->severity) &&
	    summary_str_same(a->level, b->level) &&
	    a->restricted == b->restricted && a->resolved == b->resolved &&
	    a->reported_at == b->reported_at &&
	    a->late_report == b->late_report && a->ack_at == b->ack_at &&
	    a->resolved_at == b->resolved_at &&
	    a->skip_level == b->skip_level && a->first_due == b->first_due;
}

/* --- a row's figures ------------------------------------------------------ */

static void
summary_row_free(struct summary_row *w)
{
	free(w->category);
	free(w->severity);
	free(w->level);
	free(w->acks);
	free(w->resolves);
	free(w->pending);
	memset(w, 0, sizeof *w);
}

/* Adds sign to the count of bucket b (kept in order; none left: gone). */
static void
summary_hist_add(struct store_hist_bin **v, size_t *n, uint32_t b, int sign)
{
	size_t	 i;

	for (i = 0; i < *n && (*v)[i].bucket < b; i++)
		continue;
	if (i < *n && (*v)[i].bucket == b) {
		if (sign < 0 && (*v)[i].count <= 1) {
			memmove(&(*v)[i], &(*v)[i + 1], (*n - i - 1) *
			    sizeof **v);
			(*n)--;
		} else
			(*v)[i].count += sign > 0 ? 1 : -1;
		return;
	}
	if (sign < 0)
		return;		/* not there to take out: verify will say */
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	memmove(&(*v)[i + 1], &(*v)[i], (*n - i) * sizeof **v);
	(*v)[i].bucket = b;
	(*v)[i].count = 1;
	(*n)++;
}

/* Adds or takes out one deadline still pending (kept in order). */
static void
summary_pending_add(struct summary_row *w, int64_t due, int sign)
{
	size_t	 i;

	for (i = 0; i < w->npending && w->pending[i] < due; i++)
		continue;
	if (sign < 0) {
		if (i < w->npending && w->pending[i] == due) {
			memmove(&w->pending[i], &w->pending[i + 1],
			    (w->npending - i - 1) * sizeof *w->pending);
			w->npending--;
		}
		return;
	}
	w->pending = xreallocarray(w->pending, w->npending + 1,
	    sizeof *w->pending);
	memmove(&w->pending[i + 1], &w->pending[i], (w->npending - i) *
	    sizeof *w->pending);
	w->pending[i] = due;
	w->npending++;
}

/*
 * What one incident counts for, added (sign 1) or taken out (-1). The
 * rules are report_stats's: acknowledged after its first deadline, or
 * never while it passed (before it was resolved): late; never either,
 * it is pending, late once its deadline is past.
 */
static void
summary_row_add(struct summary_row *w, const struct store_summary_of *x,
    int sign)
{
	w->count += sign;
	if (x->resolved)
		w->resolved += sign;
	if (x->late_report)
		w->late_reports += sign;
	if (x->skip_level)
		w->skip_level += sign;
	if (x->ack_at != 0)
		summary_hist_add(&w->acks, &w->nacks,
		    store_hist_bucket(x->ack_at - x->reported_at), sign);
	if (x->resolved_at != 0 && x->resolved)
		summary_hist_add(&w->resolves, &w->nresolves,
		    store_hist_bucket(x->resolved_at - x->reported_at), sign);
	if (x->first_due == 0)
		return;
	if (x->ack_at != 0 ? x->ack_at > x->first_due : x->resolved_at != 0 ?
	    x->first_due < x->resolved_at : false)
		w->overdue_acks += sign;
	else if (x->ack_at == 0 && x->resolved_at == 0)
		summary_pending_add(w, x->first_due, sign);
}

static bool
summary_row_is(const struct summary_row *w, const struct store_summary_of *x)
{
	return w->day == x->day && w->restricted == x->restricted &&
	    summary_str_same(w->category, x->category) &&
	    summary_str_same(w->severity, x->severity) &&
	    summary_str_same(w->level, x->level);
}

static void
summary_row_key(struct summary_row *w, const struct store_summary_of *x)
{
	memset(w, 0, sizeof *w);
	w->day = x->day;
	w->category = xstrdup(x->category != NULL ? x->category : "");
	w->severity = xstrdup(x->severity != NULL ? x->severity : "");
	w->level = xstrdup(x->level != NULL ? x->level : "");
	w->restricted = x->restricted;
}

/* --- the table ------------------------------------------------------------ */

/* Blobs: little-endian, so that a file moves between machines. */
static void
summary_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static uint32_t
summary_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
summary_hist_blob(const struct store_hist_bin *v, size_t n, struct buf *out)
{
	uint8_t	 b[8];
	size_t	 i;

	buf_clear(out);
	for (i = 0; i < n; i++) {
		summary_put32(b, v[i].bucket);
		summary_put32(b + 4, v[i].count);
		buf_add(out, b, sizeof b);
	}
}

static void
summary_pending_blob(const int64_t *v, size_t n, struct buf *out)
{
	uint8_t	 b[8];
	size_t	 i;

	buf_clear(out);
	for (i = 0; i < n; i++) {
		summary_put32(b, (uint32_t)((uint64_t)v[i] & 0xffffffffu));
		summary_put32(b + 4, (uint32_t)((uint64_t)v[i] >> 32));
		buf_add(out, b, sizeof b);
	}
}

static void
summary_hist_of(sqlite3_stmt *st, int col, struct store_hist_bin **v,
    size_t *n)
{
	const uint8_t	*p = sqlite3_column_blob(st, col);
	size_t		 i, len = (size_t)sqlite3_column_bytes(st, col);

	*n = p != NULL ? len / 8 : 0;
	*v = *n > 0 ? xcalloc(*n, sizeof **v) : NULL;
	for (i = 0; i < *n; i++) {
		(*v)[i].bucket = summary_get32(p + 8 * i);
		(*v)[i].count = summary_get32(p + 8 * i + 4);
	}
}

static void
summary_pending_of(sqlite3_stmt *st, int col, int64_t **v, size_t *n)
{
	const uint8_t	*p = sqlite3_column_blob(st, col);
	size_t		 i, len = (size_t)sqlite3_column_bytes(st, col);

	*n = p != NULL ? len / 8 : 0;
	*v = *n > 0 ? xcalloc(*n, sizeof **v) : NULL;
	for (i = 0; i < *n; i++)
		(*v)[i] = (int64_t)((uint64_t)summary_get32(p + 8 * i) |
		    (uint64_t)summary_get32(p + 8 * i + 4) << 32);
}

#define SUMMARY_SELECT							\
	"SELECT day, category, severity, level, restricted, count,"	\
	" resolved, late_reports, overdue_acks, skip_level, acks,"	\
	" resolves, pending FROM summary"

static void
summary_row_of(sqlite3_stmt *st, struct summary_row *w)
{
	memset(w, 0, sizeof *w);
	w->day = sqlite3_column_int64(st, 0);
	w->category = store_text(st, 1);
	w->severity = store_text(st, 2);
	w->level = store_text(st, 3);
	w->restricted = sqlite3_column_int(st, 4) != 0;
	w->count = sqlite3_column_int64(st, 5);
	w->resolved = sqlite3_column_int64(st, 6);
	w->late_reports = sqlite3_column_int64(st, 7);
	w->overdue_acks = sqlite3_column_int64(st, 8);
	w->skip_level = sqlite3_column_int64(st, 9);
	summary_hist_of(st, 10, &w->acks, &w->nacks);
	summary_hist_of(st, 11, &w->resolves, &w->nresolves);
	summary_pending_of(st, 12, &w->pending, &w->npending);
}

/* Writes w over its row; a row that counts nothing is taken away. */
static enum yj_status
summary_row_write(struct store *s, const struct summary_row *w,
    struct yj_error *err)
{
	static const char put[] =
	    "INSERT OR REPLACE INTO summary (day, category, severity, level,"
	    " restricted, count, resolved, late_reports, overdue_acks,"
	    " skip_level, acks, resolves, pending) VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	static const char drop[] =
	    "DELETE FROM summary WHERE day = ?1 AND category = ?2"
	    " AND severity = ?3 AND level = ?4 AND restricted = ?5";
	sqlite3_stmt	*st;
	struct buf	 acks, resolves, pending;
	enum yj_status	 r;

	if ((st = store_sql(s, w->count > 0 ? put : drop, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, w->day);
	store_bind_text(st, 2, w->category);
	store_bind_text(st, 3, w->severity);
	store_bind_text(st, 4, w->level);
	sqlite3_bind_int(st, 5, w->restricted);
	if (w->count <= 0)
		return store_run(s, st, err, "keeping the summaries");
	buf_init(&acks);
	buf_init(&resolves);
	buf_init(&pending);
	summary_hist_blob(w->acks, w->nacks, &acks);
	summary_hist_blob(w->resolves, w->nresolves, &resolves);
	summary_pending_blob(w->pending, w->npending, &pending);
	sqlite3_bind_int64(st, 6, w->count);
	sqlite3_bind_int64(st, 7, w->resolved);
	sqlite3_bind_int64(st, 8, w->late_reports);
	sqlite3_bind_int64(st, 9, w->overdue_acks);
	sqlite3_bind_int64(st, 10, w->skip_level);
	sqlite3_bind_blob(st, 11, buf_str(&acks), (int)acks.len,
	    SQLITE_TRANSIENT);
	sqlite3_bind_blob(st, 12, buf_str(&resolves), (int)resolves.len,
	    SQLITE_TRANSIENT);
	sqlite3_bind_blob(st, 13, buf_str(&pending), (int)pending.len,
	    SQLITE_TRANSIENT);
	r = store_run(s, st, err, "keeping the summaries");
	buf_done(&acks);
	buf_done(&resolves);
	buf_done(&pending);
	return r;
}

enum yj_status
store_summary_apply(struct store *s, const struct store_summary_of *x,
    int sign, struct yj_error *err)
{
	static const char get[] = SUMMARY_SELECT " WHERE day = ?1"
	    " AND category = ?2 AND severity = ?3 AND level = ?4"
	    " AND restricted = ?5";
	struct summary_row	 w;
	sqlite3_stmt		*st;
	enum yj_status		 r = YJ_OK;
	char			*zone;
	int			 rc;

	if (!x->found)
		return YJ_OK;
	/* Counted here in another zone's days: no longer of one zone. */
	if ((r = summary_zone_read(s, &zone, err)) != YJ_OK)
		return r;
	if (zone != NULL && *zone != '\0' && strcmp(zone, summary_zone()) != 0)
		r = summary_zone_write(s, "", err);
	free(zone);
	if (r != YJ_OK)
		return r;
	if ((st = store_sql(s, get, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, x->day);
	store_bind_text(st, 2, x->category != NULL ? x->category : "");
	store_bind_text(st, 3, x->severity != NULL ? x->severity : "");
	store_bind_text(st, 4, x->level != NULL ? x->level : "");
	sqlite3_bind_int(st, 5, x->restricted);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		summary_row_of(st, &w);
	else
		summary_row_key(&w, x);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		summary_row_free(&w);
		return store_fail(s, err, "reading the summaries");
	}
	summary_row_add(&w, x, sign);
	r = summary_row_write(s, &w, err);
	summary_row_free(&w);
	return r;
}

/* --- recounting, a day at a time ------------------------------------------ */

static void
summary_day_free(struct summary_day *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		summary_row_free(&d->v[i]);
	free(d->v);
	memset(d, 0, sizeof *d);
}

static int
summary_row_cmp(const void *x, const void *y)
{
	const struct summary_row	*a = x, *b = y;
	int				 c;

	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if ((c = strcmp(a->category, b->category)) != 0)
		return c;
	if ((c = strcmp(a->severity, b->severity)) != 0)
		return c;
	if ((c = strcmp(a->level, b->level)) != 0)
		return c;
	return (int)a->restricted - (int)b->restricted;
}

/*
 * The local day from the first incident that occurred at or after *t
 * into [*t0, *t1); false when there is none.
 */
static enum yj_status
summary_next_day(struct store *s, int64_t *t, int64_t *t0, int64_t *t1,
    bool *any, struct yj_error *err)
{
	static const char sql[] = "SELECT min(occurred_at) FROM incident"
	    " WHERE occurred_at >= ?1";
	sqlite3_stmt	*st;
	struct caldate	 d;
	int		 rc;

	*any = false;
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, *t);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*any = true;
		*t = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, err, "reading the incidents");
	if (*any) {
		caldate_of(*t, 0, &d);
		*t0 = caltime_local(d.year, d.month, d.day, 0, 0);
		*t1 = caltime_local_day_after(*t);
		if (*t0 < 0 || *t0 > *t)
			*t0 = *t;
		/* Never a day that does not move on (a clock gone wrong). */
		if (*t1 <= *t)
			*t1 = *t + 1;
	}
	return YJ_OK;
}

/* The rows of the incidents that occurred in [t0, t1), in key order. */
static enum yj_status
summary_recount(struct store *s, int64_t t0, int64_t t1, struct summary_day *d,
    struct yj_error *err)
{
	static const char sql[] = STORE_SUMMARY_COLUMNS " FROM incident i"
	    " WHERE i.occurred_at >= ?1 AND i.occurred_at < ?2";
	struct store_summary_of	 x;
	sqlite3_stmt		*st;
	size_t			 i;
	int			 rc;

	memset(d, 0, sizeof *d);
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, t0);
	sqlite3_bind_int64(st, 2, t1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		summary_of_row(st, &x);
		for (i = 0; i < d->n; i++) {
			if (summary_row_is(&d->v[i], &x))
				break;
		}
		if (i == d->n) {
			d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
			summary_row_key(&d->v[d->n++], &x);
		}
		summary_row_add(&d->v[i], &x, 1);
		store_summary_of_done(&x);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		summary_day_free(d);
		return store_fail(s, err, "reading the incidents");
	}
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, summary_row_cmp);
	return YJ_OK;
}

enum yj_status
store_summary_fill(struct store *s, struct yj_error *err)
{
	struct summary_day	 d;
	sqlite3_stmt		*st;
	int64_t			 t = INT64_MIN, t0, t1;
	enum yj_status		 r;
	size_t			 i;
	bool			 any;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	if ((st = store_sql(s, "DELETE FROM summary", err)) == NULL) {
		r = err->status;
		goto fail;
	}
	if ((r = store_run(s, st, err, "making the summaries anew")) != YJ_OK)
		goto fail;
	for (;;) {
		if ((r = summary_next_day(s, &t, &t0, &t1, &any, err)) !=
		    YJ_OK)
			goto fail;
		if (!any)
			break;
		if ((r = summary_recount(s, t0, t1, &d, err)) != YJ_OK)
			goto fail;
		for (i = 0; i < d.n && r == YJ_OK; i++)
			r = summary_row_write(s, &d.v[i], err);
		summary_day_free(&d);
		if (r != YJ_OK)
			goto fail;
		t = t1;
	}
	return store_commit(s, err);
fail:
	store_rollback(s);
	return r;
}

enum yj_status
store_summary_rebuild(struct store *s, const struct store_actor *by,
    int64_t *rows, struct yj_error *err)
{
	struct buf	 payload;
	struct json	 j;
	enum yj_status	 r;

	*rows = 0;
	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	/* Counted anew, all of them, in this process's zone. */
	if ((r = store_summary_fill(s, err)) != YJ_OK ||
	    (r = store_summary_zone_set(s, err)) != YJ_OK ||
	    (r = store_followup_fill(s, err)) != YJ_OK)
		goto fail;
	if ((r = store_int(s, "SELECT count(*) FROM summary", rows, err)) !=
	    YJ_OK)
		goto fail;
	buf_init(&payload);
	json_init(&j, &payload, false);
	json_object_begin(&j);
	json_kv_int(&j, "rows", *rows);
	json_object_end(&j);
	r = store_log_append(s, "summaries",
	    record_kind_name(EV_SUMMARIES_REBUILT),
	    buf_str(&payload), NULL, 0, by, NULL, err);
	buf_done(&payload);
	if (r != YJ_OK)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return r;
}

/* The rows of the table for [from, to) (days as YYYYMMDD), in key order. */
static enum yj_status
summary_table(struct store *s, int64_t from, int64_t to, struct summary_day *d,
    struct yj_error *err)
{
	static const char sql[] = SUMMARY_SELECT " WHERE day >= ?1"
	    " AND day < ?2 ORDER BY day, category, severity, level,"
	    " restricted";
	sqlite3_stmt	*st;
	int		 rc;

	memset(d, 0, sizeof *d);
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
		summary_row_of(st, &d->v[d->n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		summary_day_free(d);
		return store_fail(s, err, "reading the summaries");
	}
	return YJ_OK;
}

enum yj_status
store_summaries(struct store *s, int64_t from, int64_t to,
    const store_summary_cb *cbs, size_t ncbs, void *arg, struct yj_error *err)
{
	struct summary_day	 d;
	struct store_summary	 x;
	struct summary_row	*w;
	enum yj_status		 r;
	size_t			 i, k;
	bool			 stop = false;

	if ((r = store_read_begin(s, err)) != YJ_OK)
		return r;
	r = summary_table(s, from, to, &d, err);
	store_read_end(s);
	if (r != YJ_OK)
		return r;
	/* Each pass over the same rows, read together once. */
	for (k = 0; k < ncbs; k++) {
		for (i = 0, stop = false; i < d.n && !stop; i++) {
			w = &d.v[i];
			x.day = w->day;
			x.category = w->category;
			x.severity = w->severity;
			x.level = w->level;
			x.restricted = w->restricted;
			x.count = w->count;
			x.resolved = w->resolved;
			x.late_reports = w->late_reports;
			x.overdue_acks = w->overdue_acks;
			x.skip_level = w->skip_level;
			x.acks = w->acks;
			x.nacks = w->nacks;
			x.resolves = w->resolves;
			x.nresolves = w->nresolves;
			x.pending = w->pending;
			x.npending = w->npending;
			stop = cbs[k](arg, &x) != 0;
		}
	}
	summary_day_free(&d);
	return YJ_OK;
}

/* --- verify: the table against a recount ---------------------------------- */

static bool
summary_bins_same(const struct store_hist_bin *a, size_t na,
    const struct store_hist_bin *b, size_t nb)
{
	return na == nb && (na == 0 || memcmp(a, b, na * sizeof *a) == 0);
}

/*
 * What differs between the table's row and the recount's, or NULL; for a
 * figure, the two values (-1 for the histograms and deadlines).
 */
static const char *
summary_row_diff(const struct summary_row *t, const struct summary_row *c,
    int64_t *is, int64_t *says)
{
	const struct {
		const char	*what;
		int64_t		 t, c;
	} figures[] = {
		{ "the count", t->count, c->count },
		{ "the number resolved", t->resolved, c->resolved },
		{ "the number of late reports", t->late_reports,
		    c->late_reports },
		{ "the number of late acknowledgements", t->overdue_acks,
		    c->overdue_acks },
		{ "the number of skip-level cases", t->skip_level,
		    c->skip_level },
	};
	size_t	 i;

	for (i = 0; i < sizeof figures / sizeof figures[0]; i++) {
		if (figures[i].t != figures[i].c) {
			*is = figures[i].t;
			*says = figures[i].c;
			return figures[i].what;
		}
	}
	*is = *says = -1;
	if (t->npending != c->npending || (t->npending > 0 &&
	    memcmp(t->pending, c->pending, t->npending *
	    sizeof *t->pending) != 0))
		return "the deadlines still pending";
	if (!summary_bins_same(t->acks, t->nacks, c->acks, c->nacks))
		return "the times to acknowledge";
	if (!summary_bins_same(t->resolves, t->nresolves, c->resolves,
	    c->nresolves))
		return "the times to resolve";
	return NULL;
}

static void
summary_say(struct buf *why, const struct summary_row *w, const char *what,
    int64_t is, int64_t says)
{
	buf_clear(why);
	buf_printf(why, "the summary of %04lld-%02lld-%02lld %s/%s/%s%s: ",
	    (long long)(w->day / 10000), (long long)(w->day / 100 % 100),
	    (long long)(w->day % 100), w->category, w->severity, w->level,
	    w->restricted ? " (restricted)" : "");
	if (is >= 0)
		buf_printf(why, "%s is %lld, a recount says %lld", what,
		    (long long)is, (long long)says);
	else
		buf_printf(why, "%s differ from a recount", what);
}

/* The table's rows of one day against the recount's; each difference told. */
static void
summary_compare_day(const struct summary_day *t, const struct summary_day *c,
    store_summary_diff_cb cb, void *arg, struct buf *why)
{
	size_t		 i = 0, k = 0;
	const char	*what;
	int64_t		 is, says;
	int		 o;

	while (i < t->n || k < c->n) {
		o = i == t->n ? 1 : k == c->n ? -1 :
		    summary_row_cmp(&t->v[i], &c->v[k]);
		if (o < 0) {
			summary_say(why, &t->v[i], "the count", t->v[i].count,
			    0);
			cb(arg, buf_str(why));
			i++;
		} else if (o > 0) {
			summary_say(why, &c->v[k], "the count", 0,
			    c->v[k].count);
			cb(arg, buf_str(why));
			k++;
		} else {
			if ((what = summary_row_diff(&t->v[i], &c->v[k], &is,
			    &says)) != NULL) {
				summary_say(why, &t->v[i], what, is, says);
				cb(arg, buf_str(why));
			}
			i++;
			k++;
		}
	}
}

enum yj_status
store_summary_compare(struct store *s, store_summary_diff_cb cb, void *arg,
    struct yj_error *err)
{
	struct summary_day	 t, c;
	struct buf		 why;
	int64_t			 at = INT64_MIN, t0, t1, last = 0, day;
	enum yj_status		 r = YJ_OK;
	char			*zone, was[40], here[40];
	bool			 any;

	/* Days of another zone differ from these by design: that alone. */
	if ((r = summary_zone_read(s, &zone, err)) != YJ_OK)
		return r;
	if (zone == NULL || strcmp(zone, summary_zone()) != 0) {
		buf_init(&why);
		summary_zone_label(NULL, here, sizeof here);
		if (zone == NULL || *zone == '\0')
			buf_printf(&why, "the summaries were written from "
			    "processes in more than one time zone (TZ); this "
			    "one is in %s: the reports read every incident "
			    "until they are made anew in the duty room's", here);
		else {
			summary_zone_label(zone, was, sizeof was);
			buf_printf(&why, "the summaries were counted in the "
			    "time zone %s (TZ), this process runs in %s: run "
			    "verify and the reports in the duty room's (they "
			    "read every incident meanwhile)", was, here);
		}
		cb(arg, buf_str(&why));
		buf_done(&why);
		free(zone);
		return YJ_OK;
	}
	free(zone);
	buf_init(&why);
	/* Each day with incidents, its recount and its rows read together. */
	for (;;) {
		if ((r = store_read_begin(s, err)) != YJ_OK)
			break;
		r = summary_next_day(s, &at, &t0, &t1, &any, err);
		if (r == YJ_OK && any) {
			struct caldate	 d;

			caldate_of(at, 0, &d);
			day = (int64_t)d.year * 10000 + d.month * 100 + d.day;
			/* Rows of days between with no incident at all. */
			if ((r = summary_table(s, last, day, &t, err)) ==
			    YJ_OK) {
				memset(&c, 0, sizeof c);
				summary_compare_day(&t, &c, cb, arg, &why);
				summary_day_free(&t);
			}
			if (r == YJ_OK && (r = summary_table(s, day, day + 1,
			    &t, err)) == YJ_OK) {
				if ((r = summary_recount(s, t0, t1, &c,
				    err)) == YJ_OK)
					summary_compare_day(&t, &c, cb, arg,
					    &why);
				summary_day_free(&t);
				summary_day_free(&c);
			}
			last = day + 1;
		} else if (r == YJ_OK && (r = summary_table(s, last, INT64_MAX,
		    &t, err)) == YJ_OK) {
			memset(&c, 0, sizeof c);
			summary_compare_day(&t, &c, cb, arg, &why);
			summary_day_free(&t);
		}
		store_read_end(s);
		if (r != YJ_OK || !any)
			break;
		at = t1;
	}
	buf_done(&why);
	return r;
}
