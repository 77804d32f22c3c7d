/* Unit tests for demo.c: the demo institution, on :memory: databases. */
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
#include <time.h>

#include "yujing/app.h"
#include "yujing/gen.h"
#include "yujing/buf.h"
#include "yujing/diag.h"
#include "yujing/escalate.h"
#include "yujing/policy.h"
#include "yujing/roster.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/users.h"
#include "yujing/xmalloc.h"

#include "verified.h"

#define ADMIN_PW	"adminpass1"
#define DAY		86400

struct demo_users {
	char	 login[8][32];
	char	 role[8][32];
	char	 password[8][32];
	int	 n;
};


static void
on_user(void *arg, const char *login, const char *role, const char *password)
{
	struct demo_users	*u = arg;

	assert_true(u->n < 8);
	snprintf(u->login[u->n], sizeof u->login[0], "%s", login);
	snprintf(u->role[u->n], sizeof u->role[0], "%s", role);
	snprintf(u->password[u->n], sizeof u->password[0], "%s", password);
	u->n++;
}

/* An app with the real rules, an empty database in memory and admin. */
static struct yj_app *
app_new(void)
{
	struct yj_app		*a = xcalloc(1, sizeof *a);
	struct users_new	 admin;
	struct diags		 d;
	struct yj_error		 err;

	app_init(a);
	diags_init(&d, "rules.yaml");
	if (app_load_policy(a, YJ_SOURCE_DIR "/rules.yaml", &d) != 0) {
		diags_print(&d, stderr);
		fail_msg("cannot load rules.yaml");
	}
	diags_done(&d);
	assert_int_equal(store_open(":memory:", STORE_CREATE, &a->store,
	    &err), YJ_OK);
	memset(&admin, 0, sizeof admin);
	admin.login = "admin";
	admin.role = "admin";
	admin.password = ADMIN_PW;
	assert_int_equal(users_add(a, &admin, true, &err), YJ_OK);
	return a;
}

/* The demo's history, ending at now. */
static enum yj_status
demo_fill(struct yj_app *a, uint64_t seed, int64_t now, gen_user_cb cb,
    void *arg, struct yj_error *err)
{
	struct gen_opts o;

	gen_demo_opts(&o, seed);
	o.now = now;
	return gen_fill(a, &o, cb, arg, err);
}

static void
app_free(struct yj_app *a)
{
	app_done(a);
	free(a);
}

struct gaps {
	int	 n;
	int	 class_phone;
	int	 building;	/* buildings with no manager */
	char	 building_name[16];
};

static int
on_gap(void *arg, const struct roster_gap *g)
{
	struct gaps	*gs = arg;

	gs->n++;
	if (strcmp(g->unit_kind, "class") == 0 && g->person != NULL &&
	    strstr(g->problem, "phone") != NULL)
		gs->class_phone++;
	if (strcmp(g->unit_kind, "building") == 0 && g->person == NULL &&
	    strcmp(g->level, "dormitory") == 0) {
		gs->building++;
		snprintf(gs->building_name, sizeof gs->building_name, "%s",
		    g->unit);
	}
	return 0;
}

struct ids {
	int64_t	*v;
	size_t	 n;
};

static int
on_incident_id(void *arg, struct store_incident *in)
{
	struct ids	*ids = arg;

	ids->v = xreallocarray(ids->v, ids->n + 1, sizeof *ids->v);
	ids->v[ids->n++] = in->id;
	return 0;
}

struct history {
	struct store_incident	*in;
	int64_t			 prev;
	int64_t			 now;
	int			 n;
	int			 acks;
	int			 resolved;
	int reopened;
	int climbed; /* by tick */
	int by_hand; /* escalated by a user */
	int reminders;
	int overdue;
	char gaps[4][32]; /* the levels of its first gaps */
	int ngaps;
};

static int
on_event(void *arg, const struct store_event *ev)
{
	struct history	*h = arg;
	bool system = strcmp(ev->actor, "system") == 0;

	if (h->n == 0) {
		assert_string_equal(ev->kind, "reported");
		assert_int_equal(ev->at, h->in->reported_at);
	} else
		assert_true(ev->at >= h->prev);
	assert_true(ev->at <= h->now);
	/* Whoever acted signed in; only the engine acts as "system". */
	assert_true(system == (ev->user_id == 0));
	assert_true(ev->payload[0] == '{');
	if (strcmp(ev->kind, "acknowledged") == 0)
		h->acks++;
	if (strcmp(ev->kind, "resolved") == 0)
		h->resolved++;
	if (strcmp(ev->kind, "reopened") == 0)
		h->reopened++;
	if (strcmp(ev->kind, "escalated") == 0 && system &&
	    strstr(ev->payload, "\"why\":\"no_ack\"") != NULL)
		h->climbed++;
	if (strcmp(ev->kind, "escalated") == 0 && !system)
		h->by_hand++;
	if (strcmp(ev->kind, "reminder") == 0)
		h->reminders++;
	if (strcmp(ev->kind, "overdue") == 0)
		h->overdue++;
	if (strcmp(ev->kind, "gap") == 0 && h->ngaps < 4)
		snprintf(h->gaps[h->ngaps++], sizeof h->gaps[0], "%s",
		    ev->level);
	h->prev = ev->at;
	h->n++;
	return 0;
}

/*
 * The ladder works as it is meant to: a room's incident has its
 * residents' class, and an incident meets a gap only at the demo's
 * deliberate ones: the building with no manager (last), a counselor with
 * no phone, or a class level for what concerns no class and no room.
 */
static void
check_gaps(struct yj_app *a, const struct store_incident *in,
    const struct history *h, const char *last)
{
	const struct policy_category	*c = policy_category(a->policy,
	    in->category);
	const struct policy_path	*path = &a->policy->paths[c->path];
	struct escalate_contacts	 who;
	struct yj_error			 err;
	size_t				 i, r;

	if (!c->system && in->nstudents == 0 && in->room_id != 0) {
		assert_true(in->class_id != 0);
		assert_true(in->department_id != 0);
	}
	if (h->ngaps == 0)
		return;
	assert_int_equal(escalate_contacts(a, in, &who, &err), YJ_OK);
	for (i = 0; i < (size_t)h->ngaps; i++) {
		for (r = 0; r < path->nrungs; r++) {
			if (strcmp(path->rungs[r].id, h->gaps[i]) == 0)
				break;
		}
		assert_true(r < path->nrungs);
		if (strcmp(h->gaps[i], "dormitory") == 0) {
			assert_null(who.rungs[r].name);
			if (in->room[0] != '\0')
				assert_true(strncmp(in->room, last,
				    strlen(last)) == 0 &&
				    in->room[strlen(last)] == '-');
		} else if (who.rungs[r].name != NULL)
			assert_string_equal(who.rungs[r].phone, "");
		else
			assert_true(in->class_id == 0 && in->room_id == 0 &&
			    in->nstudents == 0);
	}
	escalate_contacts_free(&who);
}

/* Every field is one the category declares, with a value of its type. */
static void
check_fields(const struct policy *p, const struct store_incident *in)
{
	const struct policy_category	*c = policy_category(p, in->category);
	const struct policy_field	*f;
	char				*end;
	size_t				 i, k;
	bool				 ok;

	assert_non_null(c);
	assert_false(c->system);
	for (k = 0; k < c->nfields; k++) {
		if (!c->fields[k].required)
			continue;
		for (i = 0; i < in->nfields; i++) {
			if (strcmp(in->fields[i].key, c->fields[k].id) == 0)
				break;
		}
		if (i == in->nfields)
			fail_msg("incident %lld lacks required field %s",
			    (long long)in->id, c->fields[k].id);
	}
	for (i = 0; i < in->nfields; i++) {
		for (f = NULL, k = 0; k < c->nfields; k++) {
			if (strcmp(c->fields[k].id, in->fields[i].key) == 0)
				f = &c->fields[k];
		}
		if (f == NULL)
			fail_msg("incident %lld: no field %s in %s",
			    (long long)in->id, in->fields[i].key, c->id);
		switch (f->type) {
		case POLICY_FIELD_TEXT:
			assert_true(in->fields[i].value[0] != '\0');
			break;
		case POLICY_FIELD_NUMBER:
			(void)strtod(in->fields[i].value, &end);
			assert_true(*in->fields[i].value != '\0' &&
			    *end == '\0');
			break;
		case POLICY_FIELD_BOOL:
			assert_true(strcmp(in->fields[i].value, "true") == 0 ||
			    strcmp(in->fields[i].value, "false") == 0);
			break;
		case POLICY_FIELD_TIME:
			/* 2026-11-29T07:46:03+08:00 */
			assert_int_equal(strlen(in->fields[i].value), 25);
			assert_int_equal(in->fields[i].value[10], 'T');
			break;
		case POLICY_FIELD_CHOICE:
			for (ok = false, k = 0; k < f->nchoices; k++)
				ok |= strcmp(f->choices[k],
				    in->fields[i].value) == 0;
			assert_true(ok);
			break;
		}
	}
}

/* Per student or room: how many incidents of a category in 30 days. */
struct repeats {
	int64_t	 key[512];
	int64_t	 at[512];
	size_t	 n;
	bool	 by_room;
};

static int
on_repeat(void *arg, struct store_incident *in)
{
	struct repeats	*r = arg;
	size_t		 i;

	if (r->by_room && in->room_id != 0 && r->n < 512) {
		r->key[r->n] = in->room_id;
		r->at[r->n++] = in->occurred_at;
	}
	for (i = 0; !r->by_room && i < in->nstudents && r->n < 512; i++) {
		r->key[r->n] = in->students[i].id;
		r->at[r->n++] = in->occurred_at;
	}
	return 0;
}

/* The most incidents one key has within 30 days. */
static int
repeats_max(const struct repeats *r)
{
	size_t	 i, k;
	int	 n, best = 0;

	for (i = 0; i < r->n; i++) {
		for (n = 0, k = 0; k < r->n; k++) {
			if (r->key[k] == r->key[i] && r->at[k] >= r->at[i] &&
			    r->at[k] < r->at[i] + 30 * DAY)
				n++;
		}
		if (n > best)
			best = n;
	}
	return best;
}

static void
test_demo_fill(void **state)
{
	struct yj_app		*a = app_new();
	const struct policy	*p = a->policy;
	struct demo_users	 u;
	struct store_counts	 c;
	struct store_filter	 f;
	struct store_incident	 in;
	struct history		 h;
	struct repeats		 rep;
	struct gaps		 gaps;
	struct ids		 ids;
	struct yj_error		 err;
	int64_t			 now;
	char			 last[24];
	size_t			 i, k;
	const struct policy_category *cat;
	int overdue = 0, resolved = 0, *seen, open = 0;
	int open_climbed = 0, climbed = 0, by_hand = 0;
	int reminders = 0, late_now = 0, reopened = 0;
	int warnings = 0, night_warning = 0;
	int gapped = 0;

	(void)state;
	memset(&u, 0, sizeof u);
	now = (int64_t)time(NULL);
	assert_int_equal(demo_fill(a, 42, now, on_user, &u, &err), YJ_OK);

	/* One user per role but admin, and a second duty officer. */
	assert_int_equal(u.n, 7);
	for (i = 0; i < (size_t)u.n; i++) {
		assert_non_null(policy_role(p, u.role[i]));
		assert_string_not_equal(u.role[i], "admin");
		assert_int_equal(strlen(u.password[i]), 10);
		for (k = 0; k < i; k++)
			assert_string_not_equal(u.login[i], u.login[k]);
	}
	assert_string_equal(u.login[0], "duty1");
	assert_string_equal(u.login[1], "duty2");
	assert_int_equal(app_login(a, u.login[2], u.password[2],
	    APP_VIA_COMMAND, &err), YJ_OK);
	assert_string_equal(a->user.role, "counselor");
	assert_true(a->user.nscope_classes >= 2 &&
	    a->user.nscope_classes <= 3);

	assert_int_equal(store_counts(a->store, &c, &err), YJ_OK);
	assert_true(c.departments >= 8);
	assert_true(c.classes >= 60);
	assert_true(c.buildings >= 10);
	assert_true(c.students >= 2000);
	assert_int_equal(c.users, 8);
	/* 200 logged by hand, and the engine's early warnings. */
	assert_true(c.incidents >= 200 && c.incidents <= 260);
	assert_true(c.events > 3 * c.incidents);

	verify_clean(a->store, c.events);

	/*
	 * Complete coverage (every class a counselor, every department a
	 * leader, every building a manager, every office someone) but for
	 * the deliberate gaps: two classes whose counselor has no phone, and
	 * the last building with no manager.
	 */
	assert_int_equal(app_login(a, "admin", ADMIN_PW, APP_VIA_COMMAND,
	    &err), YJ_OK);
	memset(&gaps, 0, sizeof gaps);
	assert_int_equal(roster_coverage(a, on_gap, &gaps, &err), YJ_OK);
	assert_int_equal(gaps.n, 3);
	assert_int_equal(gaps.class_phone, 2);
	assert_int_equal(gaps.building, 1);
	snprintf(last, sizeof last, "%lld", (long long)c.buildings);
	assert_string_equal(gaps.building_name, last);

	/* Every incident: its fields, its history in order, its state. */
	memset(&f, 0, sizeof f);
	memset(&ids, 0, sizeof ids);
	assert_int_equal(store_incidents(a->store, &f, on_incident_id, &ids,
	    &err), YJ_OK);
	seen = xcalloc(p->ncategories, sizeof *seen);
	for (i = 0; i < ids.n; i++) {
		assert_int_equal(store_incident_get(a->store, ids.v[i], &in,
		    &err), YJ_OK);
		cat = policy_category(p, in.category);
		assert_non_null(cat);
		seen[policy_find(p, POLICY_CATEGORY, in.category)]++;
		assert_true(in.occurred_at >= now - 62 * DAY);
		assert_true(in.occurred_at <= in.reported_at);
		assert_true(in.reported_at <= now);
		assert_true(in.logged_by != 0);
		if (cat->system) {
			/* An early warning the engine raised on its own. */
			assert_string_equal(in.reporter, "system");
			assert_int_equal(in.nfields, 3);
			warnings++;
			for (k = 0; k < in.nfields; k++)
				night_warning +=
				    strcmp(in.fields[k].value,
					"night_absence_repeat") == 0;
		} else {
			check_fields(p, &in);
			assert_true(in.nstudents > 0 || in.room_id != 0 ||
			    in.location[0] != '\0');
		}
		memset(&h, 0, sizeof h);
		h.in = &in;
		h.now = now;
		assert_int_equal(store_events(a->store, in.id, on_event, &h,
		    &err), YJ_OK);
		check_gaps(a, &in, &h, last);
		gapped += h.ngaps > 0;
		if (strcmp(in.state, "open") == 0) {
			assert_true(in.ack_due != 0);
			assert_int_equal(h.resolved, h.reopened);
			open++;
			open_climbed += h.climbed > 0;
		} else if (strcmp(in.state, "acknowledged") == 0) {
			assert_true(h.acks >= 1);
			assert_int_equal(h.resolved, h.reopened);
			assert_int_equal(in.ack_due, 0);
		} else {
			assert_string_equal(in.state, "resolved");
			assert_int_equal(h.resolved, h.reopened + 1);
			assert_true(h.acks >= 1 || cat->system);
			assert_true(in.resolution[0] != '\0');
			resolved++;
		}
		late_now +=
		    strcmp(in.state, "resolved") != 0 && in.overdue_since != 0;
		climbed += h.climbed;
		by_hand += h.by_hand;
		reminders += h.reminders;
		overdue += h.overdue;
		reopened += h.reopened;
		store_incident_free(&in);
	}
	for (i = 0; i < p->ncategories; i++) {
		if (!p->categories[i].system && seen[i] == 0)
			fail_msg("no incident of %s", p->categories[i].id);
	}
	assert_true(resolved * 100 >= 55 * (int)ids.n &&
	    resolved * 100 <= 85 * (int)ids.n);
	/* Histories as real use makes them: late acknowledgements climb by
	 * tick, the desk climbs by hand, the top is reminded, resolutions
	 * run late, a few come back; and the queue has late ones now. */
	assert_true(open >= 3);
	assert_true(open_climbed >= 3);
	assert_true(climbed >= 10);
	assert_true(by_hand >= 1);
	assert_true(reminders >= 1);
	assert_true(overdue >= 5);
	assert_true(late_now >= 1);
	assert_true(reopened >= 1);
	/* The early warnings of the demo's patterns (and any by chance). */
	assert_true(warnings >= 5);
	assert_true(night_warning >= 1);
	/* Few meet a gap, none climbs past the ladder by accident. */
	assert_true(gapped * 20 <= (int)ids.n);
	free(seen);
	free(ids.v);

	/* Something for the early-warning rules to find. */
	memset(&f, 0, sizeof f);
	memset(&rep, 0, sizeof rep);
	f.category = "night_absence";
	assert_int_equal(store_incidents(a->store, &f, on_repeat, &rep, &err),
	    YJ_OK);
	assert_true(repeats_max(&rep) >= 3);
	memset(&rep, 0, sizeof rep);
	rep.by_room = true;
	f.category = "prohibited_appliance";
	assert_int_equal(store_incidents(a->store, &f, on_repeat, &rep, &err),
	    YJ_OK);
	assert_true(repeats_max(&rep) >= 2);
	app_free(a);
}

/* A failure half-way leaves nothing behind and tells no passwords. */
static void
test_demo_rollback(void **state)
{
	struct yj_app		*a = app_new();
	struct users_new	 n;
	struct demo_users	 u;
	struct store_counts	 c;
	struct yj_error		 err;

	(void)state;
	memset(&n, 0, sizeof n);
	n.login = "duty1";
	n.role = "duty_officer";
	n.password = "already-here";
	assert_int_equal(users_add(a, &n, true, &err), YJ_OK);
	memset(&u, 0, sizeof u);
	assert_int_equal(
	    demo_fill(a, 42, (int64_t)time(NULL), on_user, &u, &err),
	    YJ_EXISTS);
	assert_non_null(strstr(err.msg, "duty1"));
	assert_int_equal(u.n, 0);
	assert_int_equal(store_counts(a->store, &c, &err), YJ_OK);
	assert_int_equal(c.departments, 0);
	assert_int_equal(c.classes, 0);
	assert_int_equal(c.students, 0);
	assert_int_equal(c.people, 0);
	assert_int_equal(c.incidents, 0);
	assert_int_equal(c.users, 2);
	/* And the store is usable again. */
	assert_int_equal(store_begin(a->store, &err), YJ_OK);
	assert_int_equal(store_commit(a->store, &err), YJ_OK);
	app_free(a);
}

struct names {
	char	 v[256][32];
	size_t	 n;
};

static int
on_unit(void *arg, int64_t id, const char *name)
{
	struct names	*nm = arg;

	(void)id;
	if (nm->n < 256)
		snprintf(nm->v[nm->n++], sizeof nm->v[0], "%s", name);
	return 0;
}

/* Every incident and event, as text: a dump to compare two databases by. */
struct dump {
	struct store *s;
	struct buf b;
};

static int
dump_event(void *arg, const struct store_event *ev)
{
	struct dump *d = arg;

	buf_printf(&d->b, " %lld %s %s %s %s %s\n", (long long)ev->at,
	    ev->actor, ev->kind, ev->level, ev->note, ev->payload);
	return 0;
}

static int
dump_incident(void *arg, struct store_incident *in)
{
	struct dump *d = arg;
	struct yj_error err;
	size_t i;

	buf_printf(&d->b,
	    "#%lld %s %s %s %s %d %lld %lld %lld %lld %s %s %s "
	    "%s\n",
	    (long long)in->id, in->category, in->severity, in->state, in->level,
	    in->rung, (long long)in->occurred_at, (long long)in->reported_at,
	    (long long)in->ack_due, (long long)in->overdue_since, in->reporter,
	    in->room, in->location, in->text);
	for (i = 0; i < in->nstudents; i++)
		buf_printf(&d->b, " %s", in->students[i].number);
	for (i = 0; i < in->nfields; i++)
		buf_printf(
		    &d->b, " %s=%s", in->fields[i].key, in->fields[i].value);
	buf_puts(&d->b, "\n");
	assert_int_equal(
	    store_events(d->s, in->id, dump_event, d, &err), YJ_OK);
	return 0;
}

static char *
dump(struct store *s)
{
	struct store_filter f;
	struct yj_error err;
	struct dump d;

	d.s = s;
	buf_init(&d.b);
	memset(&f, 0, sizeof f);
	assert_int_equal(
	    store_incidents(s, &f, dump_incident, &d, &err), YJ_OK);
	return buf_steal(&d.b);
}

/* The same seed makes the same institution; another seed another. */
static void
test_demo_deterministic(void **state)
{
	struct yj_app		*a = app_new(), *b = app_new();
	struct store_student	 sa, sb;
	struct demo_users	 ua, ub;
	struct store_counts	 ca, cb;
	struct names		 na, nb;
	struct yj_error		 err;
	char			 number[16];
	int			 dept, year, seq, same = 0;
	int64_t now = (int64_t)time(NULL);
	char *da, *db;

	(void)state;
	memset(&ua, 0, sizeof ua);
	memset(&ub, 0, sizeof ub);
	assert_int_equal(demo_fill(a, 7, now, on_user, &ua, &err), YJ_OK);
	assert_int_equal(demo_fill(b, 7, now, on_user, &ub, &err), YJ_OK);
	assert_memory_equal(&ua, &ub, sizeof ua);
	assert_int_equal(store_counts(a->store, &ca, &err), YJ_OK);
	assert_int_equal(store_counts(b->store, &cb, &err), YJ_OK);
	assert_int_equal(ca.students, cb.students);
	assert_int_equal(ca.classes, cb.classes);
	assert_int_equal(ca.people, cb.people);
	assert_int_equal(ca.incidents, cb.incidents);
	assert_int_equal(ca.events, cb.events);
	/* And the same history, event by event. */
	da = dump(a->store);
	db = dump(b->store);
	assert_true(strlen(da) > 100000);
	assert_string_equal(da, db);
	free(da);
	free(db);

	memset(&na, 0, sizeof na);
	memset(&nb, 0, sizeof nb);
	assert_int_equal(store_units(a->store, STORE_UNIT_CLASS, on_unit, &na,
	    &err), YJ_OK);
	assert_int_equal(store_units(b->store, STORE_UNIT_CLASS, on_unit, &nb,
	    &err), YJ_OK);
	assert_int_equal(na.n, nb.n);
	assert_memory_equal(&na, &nb, sizeof na);

	/* Student numbers: entry year, department, class, seat. */
	for (year = 2000; year < 2100; year++) {
		for (dept = 1; dept <= 10; dept++) {
			for (seq = 1; seq <= 26; seq++) {
				snprintf(number, sizeof number,
				    "%04d%02d01%02d", year, dept, seq);
				if (store_student_get(a->store, number, &sa,
				    &err) != YJ_OK)
					continue;
				assert_int_equal(store_student_get(b->store,
				    number, &sb, &err), YJ_OK);
				assert_string_equal(sa.name, sb.name);
				assert_string_equal(sa.gender, sb.gender);
				assert_string_equal(sa.phone, sb.phone);
				assert_string_equal(sa.class_name,
				    sb.class_name);
				assert_string_equal(sa.room, sb.room);
				assert_int_equal(strlen(sa.phone), 11);
				assert_true(strcmp(sa.gender, "男") == 0 ||
				    strcmp(sa.gender, "女") == 0);
				/* BUILDING-ROOM, with one '-' only. */
				assert_non_null(strchr(sa.room, '-'));
				assert_ptr_equal(strchr(sa.room, '-'),
				    strrchr(sa.room, '-'));
				store_student_free(&sa);
				store_student_free(&sb);
				same++;
			}
		}
	}
	assert_true(same >= 4 * 10 * 26);
	app_free(a);
	app_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_fill),
		cmocka_unit_test(test_demo_rollback),
		cmocka_unit_test(test_demo_deterministic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
