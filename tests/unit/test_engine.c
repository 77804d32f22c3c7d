/*
 * Unit tests of the escalation engine (DESIGN §5): engine_report,
 * engine_tick and engine_escalate on a small inline policy, driven by one
 * table of cases, plus a few tests of parameters, deadlines and repeated
 * ticks.
 * Incidents are built by hand; nothing here touches a database.
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

#include "yujing/buf.h"
#include "yujing/diag.h"
#include "yujing/engine.h"
#include "yujing/policy.h"
#include "yujing/store.h"

#define M	60
#define H	3600
#define D	86400
/* 2026-01-01 08:00 in Shanghai. */
#define T0	INT64_C(1767225600)

/*
 * Four levels, two offices, three paths (one starting with an office), and
 * every way of setting ack_within:
 *
 *   night     standard  [counselor 10m (category), department 1h (level),
 *                        student_affairs 90m (path rung), top 1h]
 *   fire      guard     [security 20m (office), department 45m (category),
 *                        student_affairs 2h, top 1h]
 *   appliance dorm      [logistics 15m (path rung), counselor 30m,
 *                        department 1h, student_affairs 2h, top 1h]
 *   fight     standard  [counselor 30m, department 1h, student_affairs 40m
 *                        (category over path rung), top 1h]
 */
static const char rules[] =
    "version: 1\n"
    "institution: {name: 测试大学}\n"
    "roles: [{id: duty_officer, name: 值班}, {id: counselor, name: 辅导员},"
    " {id: department_leader, name: 院系}, {id: student_affairs, name: 学生处},"
    " {id: school_leader, name: 校领导}, {id: counseling_staff, name: 心理},"
    " {id: admin, name: 管理}]\n"
    "reporter_roles: [{id: teacher, name: 教师}]\n"
    "levels:\n"
    "  - {id: counselor, name: 辅导员, scope: class, ack_within: 30m}\n"
    "  - {id: department, name: 院系, scope: department, ack_within: 1h}\n"
    "  - {id: student_affairs, name: 学生处, scope: school, ack_within: 2h}\n"
    "  - {id: top, name: 校领导, scope: school, ack_within: 1h}\n"
    "offices:\n"
    "  - {id: security, name: 保卫处, ack_within: 20m}\n"
    "  - {id: logistics, name: 后勤处}\n"
    "paths:\n"
    "  - id: standard\n"
    "    rungs: [counselor, department,"
    " {id: student_affairs, ack_within: 90m}, top]\n"
    "  - id: guard\n"
    "    rungs: [security, department, student_affairs, top]\n"
    "  - id: dorm\n"
    "    rungs: [{id: logistics, ack_within: 15m}, counselor, department,"
    " student_affairs, top]\n"
    "severities:\n"
    "  - {id: routine, name: 一般}\n"
    "  - {id: serious, name: 较重}\n"
    "  - {id: major, name: 重大, start_level: student_affairs}\n"
    "  - {id: emergency, name: 紧急, start_level: top,"
    " emergency_plan: true, notify_all: true}\n"
    "categories:\n"
    "  - id: night\n"
    "    name: 夜不归宿\n"
    "    key: n\n"
    "    ack_within: {counselor: 10m}\n"
    "    report_within: 1h\n"
    "    resolve_within: 1d\n"
    "  - id: fire\n"
    "    name: 火情\n"
    "    key: f\n"
    "    path: guard\n"
    "    notify: [security]\n"
    "    ack_within: {department: 45m}\n"
    "    report_within: 30m\n"
    "    resolve_within: 4h\n"
    "    escalate_when_unresolved: true\n"
    "  - id: appliance\n"
    "    name: 违规电器\n"
    "    key: a\n"
    "    path: dorm\n"
    "    notify: [logistics]\n"
    "  - id: fight\n"
    "    name: 打架\n"
    "    key: b\n"
    "    start_level: department\n"
    "    notify: [security, logistics]\n"
    "    ack_within: {student_affairs: 40m}\n"
    "    resolve_within: 2h\n"
    "    escalate_when_unresolved: true\n";

/* The person at rung r (whatever the path), and at each office. */
static const char *const names[] = {
	"陈老师", "王院长", "李处长", "张校长", "周书记"
};
static const char *const phones[] = {
	"13800000000", "13800000001", "13800000002", "13800000003",
	"13800000004"
};
static const struct engine_contact offices[] = {
	{ "刘处长", "13900000000" },
	{ "赵科长", "13900000001" },
};

static struct policy *
rules_load(void)
{
	struct diags	 d;
	struct policy	*p;

	diags_init(&d, "engine.yaml");
	p = policy_load_buffer(rules, strlen(rules), &d);
	if (p == NULL)
		diags_print(&d, stderr);
	assert_non_null(p);
	assert_int_equal(diags_count(&d), 0);
	diags_done(&d);
	return p;
}

static int
setup(void **state)
{
	*state = rules_load();
	return 0;
}

static int
teardown(void **state)
{
	policy_free(*state);
	return 0;
}

/*
 * Who answers at each rung, one letter a rung: y someone with a phone,
 * n nobody, p someone without a phone (NULL), e someone with phone "".
 */
static void
contacts(const char *who, struct engine_contact *v, size_t n)
{
	size_t	 r;

	for (r = 0; r < n; r++) {
		char	 k = r < strlen(who) ? who[r] : 'y';

		v[r].name = k == 'n' ? NULL : names[r];
		v[r].phone = k == 'y' ? phones[r] : k == 'e' ? "" : NULL;
	}
}

/* The actions as "kind:rung,..." (notified: kind:office). */
static void
plan_string(const struct engine_plan *pl, struct buf *b)
{
	const struct engine_action	*a;
	size_t				 i;

	for (i = 0; i < pl->n; i++) {
		a = &pl->v[i];
		buf_printf(b, "%s%s", i ? "," : "", engine_kind(a->what));
		switch (a->what) {
		case ENGINE_INFORMED:
		case ENGINE_GAP:
		case ENGINE_ESCALATED:
		case ENGINE_REMINDER:
			buf_printf(b, ":%zu", a->rung);
			break;
		case ENGINE_NOTIFIED:
			buf_printf(b, ":%zu", a->office);
			break;
		default:
			break;
		}
	}
}

/* One incident, with only what the engine reads filled in. */
static void
incident(struct store_incident *in, const char *category,
    const char *severity, const char *state, int rung, int64_t since,
    int64_t ack_due)
{
	memset(in, 0, sizeof *in);
	in->category = (char *)category;
	in->severity = (char *)severity;
	in->state = (char *)state;
	in->rung = rung;
	in->rung_since = since;
	in->ack_due = ack_due;
	in->occurred_at = since;
	in->reported_at = since;
}

static void
input(struct engine_input *e, const struct policy *p,
    const struct store_incident *in, const struct engine_contact *rungs,
    int64_t now)
{
	memset(e, 0, sizeof *e);
	e->p = p;
	e->c = policy_category(p, in->category);
	e->sv = policy_severity(p, in->severity);
	assert_non_null(e->c);
	assert_non_null(e->sv);
	e->in = in;
	e->rungs = rungs;
	e->offices = offices;
	e->now = now;
}

/* --- the table ------------------------------------------------------- */

enum op { REPORT, TICK, ESCALATE };

struct ecase {
	const char	*name;
	enum op		 op;
	const char	*category;
	const char	*severity;
	const char	*state;
	int		 rung;		/* REPORT: the expected start rung */
	int64_t		 rung_since;	/* REPORT: unused (reported_at) */
	int64_t		 ack_due;	/* REPORT: unused (computed) */
	int64_t		 resolve_due;
	int64_t		 overdue_since;
	int64_t		 occurred_at;	/* REPORT only */
	int64_t		 now;		/* REPORT: also reported_at */
	const char	*who;		/* per rung; "" = everyone reachable */
	size_t		 to;		/* ESCALATE */
	int		 ret;		/* ESCALATE: the return */
	const char	*want;		/* the actions */
	int		 want_rung;
	int64_t		 want_since;
	int64_t		 want_ack;
	int64_t		 want_overdue;
};

#define RPT(cat, sev)	.op = REPORT, .category = cat, .severity = sev,	\
			.state = "open"
#define INC(cat, st, r, since, due) .category = cat,			\
			.severity = "routine", .state = st, .rung = r,	\
			.rung_since = since, .ack_due = due
#define TCK(...)		.op = TICK, INC(__VA_ARGS__)
#define ESC(...)		.op = ESCALATE, INC(__VA_ARGS__)

static const struct ecase cases[] = {
	/* engine_report: start rung, skip-level, offices, late reports. */
	{ "report routine, on time", RPT("night", "routine"),
	  .occurred_at = T0 - 30 * M, .now = T0, .want = "",
	  .want_rung = 0, .want_since = T0, .want_ack = T0 + 10 * M },
	{ "report exactly report_within after is on time",
	  RPT("night", "routine"), .occurred_at = T0 - H, .now = T0,
	  .want = "", .want_rung = 0, .want_since = T0,
	  .want_ack = T0 + 10 * M },
	{ "report one second past report_within is late",
	  RPT("night", "routine"), .occurred_at = T0 - H - 1, .now = T0,
	  .want = "late_report", .want_rung = 0, .want_since = T0,
	  .want_ack = T0 + 10 * M },
	{ "report serious (no start level) starts at the first rung",
	  RPT("night", "serious"), .occurred_at = T0, .now = T0, .want = "",
	  .want_rung = 0, .want_since = T0, .want_ack = T0 + 10 * M },
	{ "report major skips to student_affairs", RPT("night", "major"),
	  .rung = 2, .occurred_at = T0, .now = T0,
	  .want = "informed:0,informed:1", .want_rung = 2, .want_since = T0,
	  .want_ack = T0 + 90 * M },
	{ "report emergency: top, every office, emergency plan",
	  RPT("night", "emergency"), .rung = 3, .occurred_at = T0, .now = T0,
	  .want = "informed:0,informed:1,informed:2,notified:0,notified:1,"
	  "emergency_plan", .want_rung = 3, .want_since = T0,
	  .want_ack = T0 + H },
	{ "report at an office rung, its office notified",
	  RPT("fire", "routine"), .occurred_at = T0 - 10 * M, .now = T0,
	  .want = "notified:0", .want_rung = 0, .want_since = T0,
	  .want_ack = T0 + 20 * M },
	{ "report late and notified", RPT("fire", "routine"),
	  .occurred_at = T0 - 31 * M, .now = T0,
	  .want = "late_report,notified:0", .want_rung = 0, .want_since = T0,
	  .want_ack = T0 + 20 * M },
	{ "report major past an office rung", RPT("fire", "major"),
	  .rung = 2, .occurred_at = T0, .now = T0,
	  .want = "informed:0,informed:1,notified:0", .want_rung = 2,
	  .want_since = T0, .want_ack = T0 + 2 * H },
	{ "report emergency on the office path", RPT("fire", "emergency"),
	  .rung = 3, .occurred_at = T0, .now = T0,
	  .want = "informed:0,informed:1,informed:2,notified:0,notified:1,"
	  "emergency_plan", .want_rung = 3, .want_since = T0,
	  .want_ack = T0 + H },
	{ "report without report_within is never late",
	  RPT("appliance", "routine"), .occurred_at = T0 - 5 * D, .now = T0,
	  .want = "notified:1", .want_rung = 0, .want_since = T0,
	  .want_ack = T0 + 15 * M },
	{ "report major on a five-rung path", RPT("appliance", "major"),
	  .rung = 3, .occurred_at = T0, .now = T0,
	  .want = "informed:0,informed:1,informed:2,notified:1",
	  .want_rung = 3, .want_since = T0, .want_ack = T0 + 2 * H },
	{ "report: the category's start level beats routine",
	  RPT("fight", "routine"), .rung = 1, .occurred_at = T0, .now = T0,
	  .want = "informed:0,notified:0,notified:1", .want_rung = 1,
	  .want_since = T0, .want_ack = T0 + H },
	{ "report: the severity's start level beats the category's",
	  RPT("fight", "major"), .rung = 2, .occurred_at = T0, .now = T0,
	  .want = "informed:0,informed:1,notified:0,notified:1",
	  .want_rung = 2, .want_since = T0, .want_ack = T0 + 40 * M },
	{ "report: nobody at the start rung climbs at once",
	  RPT("night", "routine"), .occurred_at = T0, .now = T0, .who = "nyyy",
	  .want = "gap:0,escalated:1", .want_rung = 1, .want_since = T0,
	  .want_ack = T0 + H },
	{ "report: no phone (NULL, then \"\") climbs twice",
	  RPT("night", "routine"), .occurred_at = T0, .now = T0, .who = "peyy",
	  .want = "gap:0,escalated:1,gap:1,escalated:2", .want_rung = 2,
	  .want_since = T0, .want_ack = T0 + 90 * M },
	{ "report: nobody anywhere stays at the top",
	  RPT("night", "routine"), .occurred_at = T0, .now = T0, .who = "nnnn",
	  .want = "gap:0,escalated:1,gap:1,escalated:2,gap:2,escalated:3,gap:3",
	  .want_rung = 3, .want_since = T0, .want_ack = T0 + H },
	{ "report emergency with nobody at the top",
	  RPT("night", "emergency"), .rung = 3, .occurred_at = T0, .now = T0,
	  .who = "yyyn", .want = "informed:0,informed:1,informed:2,"
	  "notified:0,notified:1,emergency_plan,gap:3", .want_rung = 3,
	  .want_since = T0, .want_ack = T0 + H },
	{ "report: gaps below a skip-level start do not matter",
	  RPT("night", "major"), .rung = 2, .occurred_at = T0, .now = T0,
	  .who = "nnyy", .want = "informed:0,informed:1", .want_rung = 2,
	  .want_since = T0, .want_ack = T0 + 90 * M },
	{ "report: empty phone at the office rung", RPT("fire", "routine"),
	  .occurred_at = T0, .now = T0, .who = "eyyy",
	  .want = "notified:0,gap:0,escalated:1", .want_rung = 1,
	  .want_since = T0, .want_ack = T0 + 45 * M },

	/* engine_tick: climbing on ack_within, boundaries, catching up. */
	{ "tick one second before ack_due", TCK("night", "open", 0, T0,
	  T0 + 10 * M), .now = T0 + 10 * M - 1, .want = "", .want_rung = 0,
	  .want_since = T0, .want_ack = T0 + 10 * M },
	{ "tick exactly at ack_due climbs", TCK("night", "open", 0, T0,
	  T0 + 10 * M), .now = T0 + 10 * M, .want = "escalated:1",
	  .want_rung = 1, .want_since = T0 + 10 * M, .want_ack = T0 + 70 * M },
	{ "tick one second after ack_due climbs", TCK("night", "open", 0, T0,
	  T0 + 10 * M), .now = T0 + 10 * M + 1, .want = "escalated:1",
	  .want_rung = 1, .want_since = T0 + 10 * M, .want_ack = T0 + 70 * M },
	{ "late tick: the next rung's clock started at the old due",
	  TCK("night", "open", 0, T0, T0 + 10 * M), .now = T0 + 70 * M - 1,
	  .want = "escalated:1", .want_rung = 1, .want_since = T0 + 10 * M,
	  .want_ack = T0 + 70 * M },
	{ "late tick catches up two rungs", TCK("night", "open", 0, T0,
	  T0 + 10 * M), .now = T0 + 70 * M,
	  .want = "escalated:1,escalated:2", .want_rung = 2,
	  .want_since = T0 + 70 * M, .want_ack = T0 + 160 * M },
	{ "late tick climbs to the top", TCK("night", "open", 0, T0,
	  T0 + 10 * M), .now = T0 + 200 * M,
	  .want = "escalated:1,escalated:2,escalated:3", .want_rung = 3,
	  .want_since = T0 + 160 * M, .want_ack = T0 + 220 * M },
	{ "very late tick: to the top and one reminder",
	  TCK("night", "open", 0, T0, T0 + 10 * M), .now = T0 + 10 * H,
	  .want = "escalated:1,escalated:2,escalated:3,reminder:3",
	  .want_rung = 3, .want_since = T0 + 160 * M,
	  .want_ack = T0 + 640 * M },
	{ "tick at department (level's ack_within)", TCK("night", "open", 1,
	  T0, T0 + H), .now = T0 + H, .want = "escalated:2", .want_rung = 2,
	  .want_since = T0 + H, .want_ack = T0 + 150 * M },
	{ "tick at student_affairs (path rung's ack_within)",
	  TCK("night", "open", 2, T0, T0 + 90 * M), .now = T0 + 90 * M,
	  .want = "escalated:3", .want_rung = 3, .want_since = T0 + 90 * M,
	  .want_ack = T0 + 150 * M },
	{ "top: one second before, nothing", TCK("night", "open", 3, T0,
	  T0 + H), .now = T0 + H - 1, .want = "", .want_rung = 3,
	  .want_since = T0, .want_ack = T0 + H },
	{ "top: exactly at ack_due, a reminder", TCK("night", "open", 3, T0,
	  T0 + H), .now = T0 + H, .want = "reminder:3", .want_rung = 3,
	  .want_since = T0, .want_ack = T0 + 2 * H },
	{ "top: one second after, a reminder", TCK("night", "open", 3, T0,
	  T0 + H), .now = T0 + H + 1, .want = "reminder:3", .want_rung = 3,
	  .want_since = T0, .want_ack = T0 + 2 * H },
	{ "top: ticks missed, one reminder, next strictly after now",
	  TCK("night", "open", 3, T0, T0 + H), .now = T0 + 3 * H,
	  .want = "reminder:3", .want_rung = 3, .want_since = T0,
	  .want_ack = T0 + 4 * H },
	{ "top: the second reminder", TCK("night", "open", 3, T0,
	  T0 + 2 * H), .now = T0 + 150 * M, .want = "reminder:3",
	  .want_rung = 3, .want_since = T0, .want_ack = T0 + 3 * H },
	{ "acknowledged does not climb (stale ack_due)",
	  TCK("night", "acknowledged", 0, T0, T0 + 10 * M), .now = T0 + 5 * H,
	  .want = "", .want_rung = 0, .want_since = T0,
	  .want_ack = T0 + 10 * M },
	{ "acknowledged does not climb (ack_due 0)",
	  TCK("night", "acknowledged", 1, T0, 0), .now = T0 + 5 * H,
	  .want = "", .want_rung = 1, .want_since = T0, .want_ack = 0 },
	{ "acknowledged at the top: no reminder",
	  TCK("night", "acknowledged", 3, T0, T0 + H), .now = T0 + 5 * H,
	  .want = "", .want_rung = 3, .want_since = T0, .want_ack = T0 + H },
	{ "resolved: nothing at all", TCK("night", "resolved", 0, T0,
	  T0 + 10 * M), .resolve_due = T0 + D, .now = T0 + 2 * D, .want = "",
	  .want_rung = 0, .want_since = T0, .want_ack = T0 + 10 * M },
	{ "resolved: no overdue even with escalate_when_unresolved",
	  TCK("fire", "resolved", 1, T0, 0), .resolve_due = T0 + 4 * H,
	  .now = T0 + 5 * H, .want = "", .want_rung = 1, .want_since = T0,
	  .want_ack = 0 },
	{ "open, no clock running (ack_due 0)", TCK("night", "open", 0, T0, 0),
	  .now = T0 + 5 * H, .want = "", .want_rung = 0, .want_since = T0,
	  .want_ack = 0 },
	{ "tick climbs onto a gap and on at once", TCK("night", "open", 0, T0,
	  T0 + 10 * M), .now = T0 + 10 * M, .who = "ynyy",
	  .want = "escalated:1,gap:1,escalated:2", .want_rung = 2,
	  .want_since = T0 + 10 * M, .want_ack = T0 + 100 * M },
	{ "tick climbs onto a gap at the top and stays",
	  TCK("night", "open", 2, T0, T0 + 90 * M), .now = T0 + 90 * M,
	  .who = "yyyn", .want = "escalated:3,gap:3", .want_rung = 3,
	  .want_since = T0 + 90 * M, .want_ack = T0 + 150 * M },
	{ "late tick across a gap", TCK("night", "open", 0, T0, T0 + 10 * M),
	  .now = T0 + 100 * M, .who = "ynyy",
	  .want = "escalated:1,gap:1,escalated:2,escalated:3", .want_rung = 3,
	  .want_since = T0 + 100 * M, .want_ack = T0 + 160 * M },
	{ "office rung climbs to a category-overridden rung",
	  TCK("fire", "open", 0, T0, T0 + 20 * M), .now = T0 + 20 * M,
	  .want = "escalated:1", .want_rung = 1, .want_since = T0 + 20 * M,
	  .want_ack = T0 + 65 * M },
	{ "office rung, late tick uses the override", TCK("fire", "open", 0,
	  T0, T0 + 20 * M), .now = T0 + 65 * M,
	  .want = "escalated:1,escalated:2", .want_rung = 2,
	  .want_since = T0 + 65 * M, .want_ack = T0 + 185 * M },
	{ "office rung with the path rung's ack_within",
	  TCK("appliance", "open", 0, T0, T0 + 15 * M), .now = T0 + 15 * M,
	  .want = "escalated:1", .want_rung = 1, .want_since = T0 + 15 * M,
	  .want_ack = T0 + 45 * M },
	{ "category override beats the path rung", TCK("fight", "open", 1,
	  T0, T0 + H), .now = T0 + H, .want = "escalated:2", .want_rung = 2,
	  .want_since = T0 + H, .want_ack = T0 + 100 * M },

	/* engine_tick: resolve_within. */
	{ "overdue: one second before resolve_due, nothing",
	  TCK("fire", "acknowledged", 1, T0, 0), .resolve_due = T0 + 4 * H,
	  .now = T0 + 4 * H - 1, .want = "", .want_rung = 1, .want_since = T0,
	  .want_ack = 0 },
	{ "overdue at resolve_due, and climbs (escalate_when_unresolved)",
	  TCK("fire", "acknowledged", 1, T0, 0), .resolve_due = T0 + 4 * H,
	  .now = T0 + 4 * H, .want = "overdue,escalated:2", .want_rung = 2,
	  .want_since = T0 + 4 * H, .want_ack = T0 + 6 * H,
	  .want_overdue = T0 + 4 * H },
	{ "overdue only once", TCK("fire", "acknowledged", 1, T0, 0),
	  .resolve_due = T0 + 4 * H, .overdue_since = T0 + 4 * H,
	  .now = T0 + 5 * H, .want = "", .want_rung = 1, .want_since = T0,
	  .want_ack = 0, .want_overdue = T0 + 4 * H },
	{ "open, overdue before ack_due: climbs on escalate_when_unresolved",
	  TCK("fight", "open", 1, T0 + 90 * M, T0 + 150 * M),
	  .resolve_due = T0 + 2 * H, .now = T0 + 2 * H,
	  .want = "overdue,escalated:2", .want_rung = 2,
	  .want_since = T0 + 2 * H, .want_ack = T0 + 2 * H + 40 * M,
	  .want_overdue = T0 + 2 * H },
	/* Not in the stated semantics: pinned as implemented (clock at now). */
	{ "overdue seen late: the climb's clock starts at now",
	  TCK("fire", "acknowledged", 1, T0, 0), .resolve_due = T0 + 4 * H,
	  .now = T0 + 5 * H, .want = "overdue,escalated:2", .want_rung = 2,
	  .want_since = T0 + 5 * H, .want_ack = T0 + 7 * H,
	  .want_overdue = T0 + 4 * H },
	{ "overdue at the top: no climb", TCK("fire", "acknowledged", 3, T0,
	  0), .resolve_due = T0 + 4 * H, .now = T0 + 4 * H, .want = "overdue",
	  .want_rung = 3, .want_since = T0, .want_ack = 0,
	  .want_overdue = T0 + 4 * H },
	{ "overdue without escalate_when_unresolved: no climb",
	  TCK("night", "acknowledged", 0, T0, 0), .resolve_due = T0 + D,
	  .now = T0 + D, .want = "overdue", .want_rung = 0, .want_since = T0,
	  .want_ack = 0, .want_overdue = T0 + D },
	{ "open at the top: a reminder and overdue",
	  TCK("night", "open", 3, T0, T0 + H), .resolve_due = T0 + D,
	  .now = T0 + D, .want = "reminder:3,overdue", .want_rung = 3,
	  .want_since = T0, .want_ack = T0 + 25 * H,
	  .want_overdue = T0 + D },
	{ "open: climb, reminder, overdue in one tick",
	  TCK("fire", "open", 2, T0, T0 + 2 * H), .resolve_due = T0 + 4 * H,
	  .now = T0 + 4 * H, .want = "escalated:3,reminder:3,overdue",
	  .want_rung = 3, .want_since = T0 + 2 * H, .want_ack = T0 + 5 * H,
	  .want_overdue = T0 + 4 * H },

	/* Reopened outside the engine: open again, rung_since = then. */
	{ "reopened: one second before ack_within, nothing",
	  TCK("night", "open", 1, T0 + 5 * H, T0 + 6 * H),
	  .now = T0 + 6 * H - 1, .want = "", .want_rung = 1,
	  .want_since = T0 + 5 * H, .want_ack = T0 + 6 * H },
	{ "reopened: climbs again after ack_within",
	  TCK("night", "open", 1, T0 + 5 * H, T0 + 6 * H), .now = T0 + 6 * H,
	  .want = "escalated:2", .want_rung = 2, .want_since = T0 + 6 * H,
	  .want_ack = T0 + 6 * H + 90 * M },
	{ "reopened after overdue: climbs, no second overdue",
	  TCK("night", "open", 0, T0 + 30 * H, T0 + 30 * H + 10 * M),
	  .resolve_due = T0 + D, .overdue_since = T0 + D,
	  .now = T0 + 30 * H + 10 * M, .want = "escalated:1", .want_rung = 1,
	  .want_since = T0 + 30 * H + 10 * M,
	  .want_ack = T0 + 31 * H + 10 * M, .want_overdue = T0 + D },

	/* engine_escalate: by hand, upward only. */
	{ "escalate to the next rung", ESC("night", "open", 0, T0,
	  T0 + 10 * M), .to = 1, .now = T0 + 5 * M,
	  .want = "escalated:1", .want_rung = 1, .want_since = T0 + 5 * M,
	  .want_ack = T0 + 65 * M },
	{ "escalate to the top informs the rungs between",
	  ESC("night", "open", 0, T0, T0 + 10 * M), .to = 3,
	  .now = T0 + 5 * M, .want = "informed:1,informed:2,escalated:3",
	  .want_rung = 3, .want_since = T0 + 5 * M, .want_ack = T0 + 65 * M },
	{ "escalate an acknowledged incident", ESC("night", "acknowledged",
	  1, T0, 0), .to = 2, .now = T0 + 2 * H,
	  .want = "escalated:2", .want_rung = 2, .want_since = T0 + 2 * H,
	  .want_ack = T0 + 2 * H + 90 * M },
	{ "escalate onto a gap climbs on", ESC("night", "open", 0, T0,
	  T0 + 10 * M), .to = 2, .now = T0 + 5 * M,
	  .who = "yyny", .want = "informed:1,escalated:2,gap:2,escalated:3",
	  .want_rung = 3, .want_since = T0 + 5 * M, .want_ack = T0 + 65 * M },
	{ "escalate on a five-rung path", ESC("appliance", "open", 0, T0,
	  T0 + 15 * M), .to = 4, .now = T0 + M,
	  .want = "informed:1,informed:2,informed:3,escalated:4",
	  .want_rung = 4, .want_since = T0 + M, .want_ack = T0 + 61 * M },
	{ "escalate to the current rung is refused", ESC("night", "open", 1,
	  T0, T0 + H), .to = 1, .ret = -1, .now = T0 + M,
	  .want = "", .want_rung = 1, .want_since = T0, .want_ack = T0 + H },
	{ "escalate downward is refused", ESC("night", "open", 2, T0,
	  T0 + 90 * M), .to = 1, .ret = -1, .now = T0 + M,
	  .want = "", .want_rung = 2, .want_since = T0,
	  .want_ack = T0 + 90 * M },
	{ "escalate past the top is refused", ESC("night", "open", 3, T0,
	  T0 + H), .to = 4, .ret = -1, .now = T0 + M,
	  .want = "", .want_rung = 3, .want_since = T0, .want_ack = T0 + H },
	{ "escalate beyond the path is refused", ESC("night", "open", 0, T0,
	  T0 + 10 * M), .to = 4, .ret = -1, .now = T0 + M,
	  .want = "", .want_rung = 0, .want_since = T0,
	  .want_ack = T0 + 10 * M },
	{ "escalate a resolved incident is refused", ESC("night", "resolved",
	  0, T0, 0), .to = 1, .ret = -1, .now = T0 + M,
	  .want = "", .want_rung = 0, .want_since = T0, .want_ack = 0 },
};

/* Runs one case; returns the number of mismatches, each printed. */
static int
run_case(const struct policy *p, const struct ecase *k)
{
	struct store_incident		 in;
	struct engine_contact		 who[8];
	struct engine_input		 e;
	static struct engine_plan	 pl;
	const struct policy_category	*c = policy_category(p, k->category);
	const struct policy_severity	*sv = policy_severity(p, k->severity);
	const struct policy_path	*path;
	struct buf			 got;
	int				 bad = 0, ret = 0;
	size_t				 i, start;

#define MISMATCH(what, fmt, want, have) do {				\
	print_message("FAIL [%s]: %s: want " fmt ", got " fmt "\n",	\
	    k->name, what, want, have);					\
	bad++;								\
} while (0)

	if (c == NULL || sv == NULL) {
		print_message("FAIL [%s]: no such category or severity\n",
		    k->name);
		return 1;
	}
	path = &p->paths[c->path];
	if (k->who != NULL && *k->who != '\0' &&
	    strlen(k->who) != path->nrungs) {
		print_message("FAIL [%s]: contacts for %zu rungs, path has "
		    "%zu\n", k->name, strlen(k->who), path->nrungs);
		return 1;
	}
	contacts(k->who != NULL ? k->who : "", who, path->nrungs);

	if (k->op == REPORT) {
		start = policy_start_rung(p, c, sv);
		if (start != (size_t)k->rung)
			MISMATCH("start rung", "%zu", (size_t)k->rung, start);
		incident(&in, k->category, k->severity, "open", (int)start,
		    k->now, k->now + policy_ack_within(p, c, start));
		in.occurred_at = k->occurred_at;
		in.reported_at = k->now;
		in.resolve_due = c->resolve_within ?
		    k->now + c->resolve_within : 0;
	} else {
		incident(&in, k->category, k->severity, k->state, k->rung,
		    k->rung_since, k->ack_due);
		in.resolve_due = k->resolve_due;
		in.overdue_since = k->overdue_since;
	}
	input(&e, p, &in, who, k->now);
	memset(&pl, 0xa5, sizeof pl);
	switch (k->op) {
	case REPORT:
		engine_report(&e, &pl);
		break;
	case TICK:
		engine_tick(&e, &pl);
		break;
	case ESCALATE:
		ret = engine_escalate(&e, k->to, "学生失联", &pl);
		if (ret != k->ret)
			MISMATCH("return", "%d", k->ret, ret);
		break;
	}

	if (pl.n > ENGINE_MAX_ACTIONS) {
		print_message("FAIL [%s]: %zu actions\n", k->name, pl.n);
		return bad + 1;
	}
	buf_init(&got);
	plan_string(&pl, &got);
	if (strcmp(buf_str(&got), k->want) != 0)
		MISMATCH("actions", "\"%s\"", k->want, buf_str(&got));
	buf_done(&got);
	if (pl.rung != (size_t)k->want_rung)
		MISMATCH("plan.rung", "%zu", (size_t)k->want_rung, pl.rung);
	if (pl.rung_since != k->want_since)
		MISMATCH("plan.rung_since", "T0%+lld",
		    (long long)(k->want_since - T0),
		    (long long)(pl.rung_since - T0));
	if (pl.ack_due != k->want_ack)
		MISMATCH("plan.ack_due", "%lld", (long long)k->want_ack,
		    (long long)pl.ack_due);
	if (pl.overdue_since != k->want_overdue)
		MISMATCH("plan.overdue_since", "%lld",
		    (long long)k->want_overdue, (long long)pl.overdue_since);

	/*
	 * Whatever the case: every action carries what the history needs to
	 * say why (history.h renders it), in range.
	 */
	for (i = 0; i < pl.n; i++) {
		const struct engine_action	*a = &pl.v[i];
		bool				 why;

		switch (a->what) {
		case ENGINE_LATE_REPORT:
			why = a->delay > a->within && a->within > 0;
			break;
		case ENGINE_INFORMED:
			why = (a->why == ENGINE_WHY_SKIP_LEVEL ||
			    a->why == ENGINE_WHY_PASSED) && a->other > a->rung &&
			    a->other < path->nrungs;
			break;
		case ENGINE_NOTIFIED:
			why = a->why == ENGINE_WHY_NAMED ||
			    a->why == ENGINE_WHY_EVERY_OFFICE;
			break;
		case ENGINE_EMERGENCY_PLAN:
			why = a->other == path->nrungs - 1;
			break;
		case ENGINE_GAP:
			why = (a->why == ENGINE_WHY_NOBODY ||
			    a->why == ENGINE_WHY_NO_PHONE) &&
			    a->climbs == (a->rung < path->nrungs - 1);
			break;
		case ENGINE_ESCALATED:
			why = a->why != ENGINE_WHY_NONE && a->other < a->rung &&
			    (a->why != ENGINE_WHY_NO_ACK || a->within > 0) &&
			    (a->why != ENGINE_WHY_BY_HAND || a->reason != NULL);
			break;
		case ENGINE_REMINDER:
			why = a->overdue_since != 0 && a->overdue_since <=
			    a->due && a->within > 0;
			break;
		case ENGINE_OVERDUE:
			why = a->within > 0;
			break;
		default:
			why = false;
			break;
		}
		if (!why) {
			print_message("FAIL [%s]: action %zu (%s) does not "
			    "say why\n", k->name, i, engine_kind(a->what));
			bad++;
		}
		if (a->what == ENGINE_NOTIFIED && a->office >= p->noffices) {
			print_message("FAIL [%s]: office %zu\n", k->name,
			    a->office);
			bad++;
		}
		if (a->rung >= path->nrungs) {
			print_message("FAIL [%s]: action %zu at rung %zu\n",
			    k->name, i, a->rung);
			bad++;
		}
	}
#undef MISMATCH
	return bad;
}

static void
test_table(void **state)
{
	const struct policy	*p = *state;
	size_t			 i, failed = 0;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (run_case(p, &cases[i]) != 0)
			failed++;
	}
	print_message("%zu cases, %zu failed\n",
	    sizeof cases / sizeof cases[0], failed);
	if (failed != 0)
		fail_msg("%zu of %zu engine cases failed", failed,
		    sizeof cases / sizeof cases[0]);
}

/* --- specific tests --------------------------------------------------- */

/* The fixture is what the table assumes. */
static void
test_fixture(void **state)
{
	const struct policy		*p = *state;
	static const struct {
		const char	*category;
		int64_t		 ack[5];
		size_t		 start[4];	/* routine .. emergency */
	} want[] = {
		{ "night", { 10 * M, H, 90 * M, H }, { 0, 0, 2, 3 } },
		{ "fire", { 20 * M, 45 * M, 2 * H, H }, { 0, 0, 2, 3 } },
		{ "appliance", { 15 * M, 30 * M, H, 2 * H, H },
		  { 0, 0, 3, 4 } },
		{ "fight", { 30 * M, H, 40 * M, H }, { 1, 1, 2, 3 } },
	};
	const struct policy_category	*c;
	size_t				 i, r;

	assert_int_equal(p->nlevels, 4);
	assert_int_equal(p->noffices, 2);
	assert_int_equal(p->nseverities, 4);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		c = policy_category(p, want[i].category);
		assert_non_null(c);
		for (r = 0; r < p->paths[c->path].nrungs; r++)
			assert_int_equal(policy_ack_within(p, c, r),
			    want[i].ack[r]);
		for (r = 0; r < 4; r++)
			assert_int_equal(policy_start_rung(p, c,
			    &p->severities[r]), want[i].start[r]);
	}
	assert_true(policy_category(p, "fire")->escalate_when_unresolved);
	assert_false(policy_category(p, "night")->escalate_when_unresolved);
}

static void
test_kinds(void **state)
{
	(void)state;
	assert_string_equal(engine_kind(ENGINE_LATE_REPORT), "late_report");
	assert_string_equal(engine_kind(ENGINE_INFORMED), "informed");
	assert_string_equal(engine_kind(ENGINE_NOTIFIED), "notified");
	assert_string_equal(engine_kind(ENGINE_EMERGENCY_PLAN),
	    "emergency_plan");
	assert_string_equal(engine_kind(ENGINE_GAP), "gap");
	assert_string_equal(engine_kind(ENGINE_ESCALATED), "escalated");
	assert_string_equal(engine_kind(ENGINE_REMINDER), "reminder");
	assert_string_equal(engine_kind(ENGINE_OVERDUE), "overdue");
}

/* The parameters the history says them with: rungs, offices, reasons. */
static void
test_params(void **state)
{
	const struct policy	*p = *state;
	struct store_incident	 in;
	struct engine_contact	 who[5];
	struct engine_input	 e;
	static struct engine_plan pl;

	/* Logged late as an emergency. */
	contacts("yyyy", who, 4);
	incident(&in, "night", "emergency", "open", 3, T0, T0 + H);
	in.occurred_at = T0 - 2 * H;
	input(&e, p, &in, who, T0);
	engine_report(&e, &pl);
	assert_int_equal(pl.n, 7);
	assert_int_equal(pl.v[0].what, ENGINE_LATE_REPORT);
	assert_int_equal(pl.v[0].delay, 2 * H);
	assert_int_equal(pl.v[0].within, H);
	assert_int_equal(pl.v[1].what, ENGINE_INFORMED);
	assert_int_equal(pl.v[1].why, ENGINE_WHY_SKIP_LEVEL);
	assert_int_equal(pl.v[1].rung, 0);
	assert_int_equal(pl.v[1].other, 3);	/* ...where it went */
	assert_int_equal(pl.v[4].what, ENGINE_NOTIFIED);
	assert_int_equal(pl.v[4].office, 0);
	/* night names no office: the emergency notifies every one. */
	assert_int_equal(pl.v[4].why, ENGINE_WHY_EVERY_OFFICE);
	assert_int_equal(pl.v[5].office, 1);
	assert_int_equal(pl.v[6].what, ENGINE_EMERGENCY_PLAN);
	assert_int_equal(pl.v[6].other, 3);
	assert_null(pl.v[6].reason);

	/* A category's own office is named, not "every office". */
	incident(&in, "fire", "routine", "open", 0, T0, T0 + 20 * M);
	input(&e, p, &in, who, T0);
	engine_report(&e, &pl);
	assert_int_equal(pl.v[0].what, ENGINE_NOTIFIED);
	assert_int_equal(pl.v[0].why, ENGINE_WHY_NAMED);

	/* Climbing from 辅导员 to 院系, then past nobody at 院系. */
	contacts("ynyy", who, 4);
	incident(&in, "night", "routine", "open", 0, T0, T0 + 10 * M);
	input(&e, p, &in, who, T0 + 10 * M);
	engine_tick(&e, &pl);
	assert_int_equal(pl.n, 3);
	assert_int_equal(pl.v[0].what, ENGINE_ESCALATED);
	assert_int_equal(pl.v[0].why, ENGINE_WHY_NO_ACK);
	assert_int_equal(pl.v[0].other, 0);
	assert_int_equal(pl.v[0].rung, 1);
	assert_int_equal(pl.v[0].within, 10 * M);
	assert_int_equal(pl.v[0].due, T0 + 10 * M);
	assert_int_equal(pl.v[1].what, ENGINE_GAP);
	assert_int_equal(pl.v[1].why, ENGINE_WHY_NOBODY);
	assert_int_equal(pl.v[1].rung, 1);
	assert_true(pl.v[1].climbs);
	assert_int_equal(pl.v[2].why, ENGINE_WHY_NO_ONE);
	assert_int_equal(pl.v[2].other, 1);
	assert_int_equal(pl.v[2].rung, 2);

	/* Someone without a phone: that gap. */
	contacts("pyyy", who, 4);
	input(&e, p, &in, who, T0);
	engine_report(&e, &pl);
	assert_int_equal(pl.v[0].what, ENGINE_GAP);
	assert_int_equal(pl.v[0].why, ENGINE_WHY_NO_PHONE);
	assert_int_equal(pl.v[0].rung, 0);

	/* Nobody at the top: the gap is logged, and it stays. */
	contacts("yyyn", who, 4);
	incident(&in, "night", "emergency", "open", 3, T0, T0 + H);
	input(&e, p, &in, who, T0);
	engine_report(&e, &pl);
	assert_int_equal(pl.v[pl.n - 1].what, ENGINE_GAP);
	assert_false(pl.v[pl.n - 1].climbs);

	/* A reminder at the top: overdue since the first deadline there. */
	contacts("yyyy", who, 4);
	incident(&in, "night", "routine", "open", 3, T0, T0 + H);
	input(&e, p, &in, who, T0 + H);
	engine_tick(&e, &pl);
	assert_int_equal(pl.n, 1);
	assert_int_equal(pl.v[0].what, ENGINE_REMINDER);
	assert_int_equal(pl.v[0].overdue_since, T0 + H);
	assert_int_equal(pl.v[0].within, H);
	/* Two reminders later, still since then (ack_due moved on). */
	incident(&in, "night", "routine", "open", 3, T0, T0 + 3 * H);
	input(&e, p, &in, who, T0 + 3 * H);
	engine_tick(&e, &pl);
	assert_int_equal(pl.n, 1);
	assert_int_equal(pl.v[0].overdue_since, T0 + H);
	assert_int_equal(pl.v[0].due, T0 + 3 * H);

	/* By hand: the reason is kept, as given. */
	incident(&in, "night", "routine", "open", 0, T0, T0 + 10 * M);
	input(&e, p, &in, who, T0 + M);
	assert_int_equal(engine_escalate(&e, 2, "学生失联超过两小时", &pl), 0);
	assert_int_equal(pl.v[0].what, ENGINE_INFORMED);
	assert_int_equal(pl.v[0].why, ENGINE_WHY_PASSED);
	assert_int_equal(pl.v[0].rung, 1);
	assert_int_equal(pl.v[0].other, 2);	/* past it to 学生处 */
	assert_int_equal(pl.v[1].why, ENGINE_WHY_BY_HAND);
	assert_string_equal(pl.v[1].reason, "学生失联超过两小时");
	assert_int_equal(pl.v[1].other, 0);
	assert_int_equal(pl.v[1].rung, 2);

	/* Overdue, and a climb for it. */
	incident(&in, "fire", "routine", "acknowledged", 1, T0, 0);
	in.resolve_due = T0 + 4 * H;
	input(&e, p, &in, who, T0 + 4 * H);
	engine_tick(&e, &pl);
	assert_int_equal(pl.n, 2);
	assert_int_equal(pl.v[0].what, ENGINE_OVERDUE);
	assert_int_equal(pl.v[0].within, 4 * H);
	assert_int_equal(pl.v[1].why, ENGINE_WHY_UNRESOLVED);
	assert_int_equal(pl.v[1].other, 1);
	assert_int_equal(pl.v[1].rung, 2);
}

/* The reasons' stored names, both ways. */
static void
test_whys(void **state)
{
	int	 w;

	(void)state;
	assert_string_equal(engine_why_name(ENGINE_WHY_SKIP_LEVEL),
	    "skip_level");
	assert_string_equal(engine_why_name(ENGINE_WHY_NONE), "");
	for (w = 0; w < ENGINE_NWHYS; w++)
		assert_int_equal(engine_why_of(engine_why_name(w)), w);
	assert_int_equal(engine_why_of("no such"), ENGINE_WHY_NONE);
	assert_int_equal(engine_why_of(NULL), ENGINE_WHY_NONE);
}

/*
 * The deadline shown: ack_due below the top; at the top the first one
 * missed there, however far reminders moved ack_due; none once
 * acknowledged.
 */
static void
test_first_due(void **state)
{
	const struct policy		*p = *state;
	const struct policy_category	*c = policy_category(p, "night");
	struct store_incident		 in;

	incident(&in, "night", "routine", "open", 1, T0, T0 + H);
	assert_int_equal(engine_ack_first_due(p, c, &in), T0 + H);
	/* At the top for 8 h, reminded every hour: since T0 + 1h. */
	incident(&in, "night", "emergency", "open", 3, T0, T0 + 9 * H);
	assert_int_equal(engine_ack_first_due(p, c, &in), T0 + H);
	in.state = "acknowledged";
	in.ack_due = 0;
	assert_int_equal(engine_ack_first_due(p, c, &in), 0);
	in.state = "resolved";
	assert_int_equal(engine_ack_first_due(p, c, &in), 0);
}

/* The deadline behind each action. */
static void
test_dues(void **state)
{
	const struct policy	*p = *state;
	struct store_incident	 in;
	struct engine_contact	 who[4];
	struct engine_input	 e;
	static struct engine_plan pl;

	contacts("yyyy", who, 4);
	incident(&in, "night", "routine", "open", 0, T0, T0 + 10 * M);
	input(&e, p, &in, who, T0 + 10 * H);
	engine_tick(&e, &pl);
	assert_int_equal(pl.n, 4);
	assert_int_equal(pl.v[0].due, T0 + 10 * M);
	assert_int_equal(pl.v[1].due, T0 + 70 * M);
	assert_int_equal(pl.v[2].due, T0 + 160 * M);
	assert_int_equal(pl.v[3].what, ENGINE_REMINDER);
	assert_int_equal(pl.v[3].due, T0 + 220 * M);
	assert_true(pl.ack_due > e.now);

	incident(&in, "fire", "routine", "acknowledged", 1, T0, 0);
	in.resolve_due = T0 + 4 * H;
	input(&e, p, &in, who, T0 + 5 * H);
	engine_tick(&e, &pl);
	assert_int_equal(pl.n, 2);
	assert_int_equal(pl.v[0].what, ENGINE_OVERDUE);
	assert_int_equal(pl.v[0].due, T0 + 4 * H);
	assert_int_equal(pl.overdue_since, T0 + 4 * H);
	assert_int_equal(pl.v[1].what, ENGINE_ESCALATED);
	assert_int_equal(pl.v[1].rung, 2);
}

/* What escalate_apply keeps of a plan. */
static void
apply(struct store_incident *in, const struct engine_plan *pl)
{
	size_t	 i;

	for (i = 0; i < pl->n; i++) {
		if (pl->v[i].what == ENGINE_ESCALATED)
			in->state = "open";
	}
	in->rung = (int)pl->rung;
	in->rung_since = pl->rung_since;
	in->ack_due = pl->ack_due;
	in->overdue_since = pl->overdue_since;
}

/*
 * Ticking every minute climbs exactly as one late tick does; a tick
 * repeated at the same moment does nothing; at the top one reminder comes
 * every ack_within.
 */
static void
test_repeated_ticks(void **state)
{
	const struct policy	*p = *state;
	struct store_incident	 in;
	struct engine_contact	 who[4];
	struct engine_input	 e;
	static struct engine_plan pl;
	int64_t			 t;
	int			 climbs = 0, reminders = 0, overdue = 0;
	size_t			 i;

	contacts("yyyy", who, 4);
	incident(&in, "night", "routine", "open", 0, T0, T0 + 10 * M);
	in.resolve_due = T0 + 6 * H;
	for (t = T0; t <= T0 + 400 * M; t += M) {
		input(&e, p, &in, who, t);
		engine_tick(&e, &pl);
		for (i = 0; i < pl.n; i++) {
			climbs += pl.v[i].what == ENGINE_ESCALATED;
			reminders += pl.v[i].what == ENGINE_REMINDER;
			overdue += pl.v[i].what == ENGINE_OVERDUE;
		}
		apply(&in, &pl);
		/* The same moment again: nothing more. */
		engine_tick(&e, &pl);
		assert_int_equal(pl.n, 0);
		assert_int_equal(pl.ack_due, in.ack_due);
		if (t == T0 + 200 * M) {
			assert_int_equal(in.rung, 3);
			assert_int_equal(in.rung_since, T0 + 160 * M);
			assert_int_equal(in.ack_due, T0 + 220 * M);
		}
	}
	assert_int_equal(climbs, 3);
	/* At the top from 160m: reminders at 220, 280, 340, 400. */
	assert_int_equal(reminders, 4);
	assert_int_equal(overdue, 1);
	assert_int_equal(in.overdue_since, T0 + 6 * H);
	assert_int_equal(in.ack_due, T0 + 460 * M);
}

/* A report's plan leaves the incident as it was logged. */
static void
test_report_plan(void **state)
{
	const struct policy	*p = *state;
	struct store_incident	 in;
	struct engine_contact	 who[4];
	struct engine_input	 e;
	static struct engine_plan pl;

	contacts("yyyy", who, 4);
	incident(&in, "fire", "routine", "open", 0, T0, T0 + 20 * M);
	in.occurred_at = T0 - 5 * M;
	in.resolve_due = T0 + 4 * H;
	input(&e, p, &in, who, T0);
	engine_report(&e, &pl);
	assert_int_equal(pl.n, 1);
	assert_int_equal(pl.v[0].what, ENGINE_NOTIFIED);
	assert_int_equal(pl.v[0].office, 0);
	assert_int_equal(pl.rung, 0);
	assert_int_equal(pl.rung_since, T0);
	assert_int_equal(pl.ack_due, T0 + 20 * M);
	assert_int_equal(pl.overdue_since, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_whys),
		cmocka_unit_test(test_first_due),
		cmocka_unit_test(test_dues),
		cmocka_unit_test(test_repeated_ticks),
		cmocka_unit_test(test_report_plan),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
