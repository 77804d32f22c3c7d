/*
 * Unit tests of the history in words (core/history.c): every kind of
 * event, said in English and in Chinese from its payload and the policy's
 * names; no requirement code, internal id or English word on a Chinese
 * screen; a record made by the real use cases (a late emergency straight
 * to the top, offices, a gap, a call, a climb by hand, reminders, an
 * early warning) said wholly in Chinese.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fixture.h"
#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/escalate.h"
#include "yujing/history.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/record.h"
#include "yujing/store.h"

#define T0	FIXTURE_T0	/* 2025-11-25 00:00 in Shanghai */
#define H	3600

static void
ui_in(const char *loc)
{
	setenv("YUJING_LOCALEDIR", YJ_BUILD_LOCALEDIR, 1);
	unsetenv("LANGUAGE");
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	if (setlocale(LC_ALL, loc) == NULL)
		fail_msg("setlocale(LC_ALL, \"%s\") failed: the locale is not "
		    "installed", loc);
	i18n_init();
}

static int
setup(void **state)
{
	struct yj_app	*a = calloc(1, sizeof *a);

	fixture_app(a);
	*state = a;
	return 0;
}

static int
teardown(void **state)
{
	app_done(*state);
	free(*state);
	return 0;
}

/* One event of a kind at a level with a payload and a note, said. */
static const char *
said(struct yj_app *a, const char *kind, const char *level,
    const char *payload, const char *note)
{
	static struct buf	 b;
	struct store_event	 ev;

	memset(&ev, 0, sizeof ev);
	ev.incident_id = 1;
	ev.at = T0 + 8 * H;
	ev.actor = "system";
	ev.kind = (char *)kind;
	ev.level = (char *)level;
	ev.payload = (char *)payload;
	ev.note = (char *)note;
	/* A correction keeps what it corrected beside it. */
	ev.from = strcmp(kind, "corrected") == 0 ? "网吧" : "";
	buf_done(&b);
	buf_init(&b);
	history_describe(a, &ev, &b);
	return buf_str(&b);
}

/*
 * A word of English, a requirement code or an internal id: a run of two
 * ASCII letters or more, or "student:", "S13". What a Chinese screen may
 * never show in a line the system wrote.
 */
static const char *
ascii_word(const char *s)
{
	const char	*p;

	for (p = s; *p != '\0'; p++) {
		if (isalpha((unsigned char)p[0]) && isalpha((unsigned char)p[1]))
			return p;
	}
	return NULL;
}

static void
assert_chinese(const char *s)
{
	const char	*w = ascii_word(s);

	if (w != NULL)
		fail_msg("an ASCII word at \"%s\" in \"%s\"", w, s);
	if (strstr(s, "S1") != NULL)
		fail_msg("a requirement code in \"%s\"", s);
}

static void
assert_has(const char *s, const char *what)
{
	if (strstr(s, what) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", s, what);
}

/* The payloads of each kind as escalate.c and incident.c write them. */
static const struct {
	const char	*kind;
	const char	*level;
	const char	*payload;
	const char	*note;
	const char	*en;	/* what English says, in full */
	const char	*zh;	/* what Chinese says, in full */
} cases[] = {
	{ "reported", "school_leader",
	  "{\"person\":\"吴校长\",\"severity\":\"emergency\","
	  "\"start\":\"school_leader\",\"skip_level\":true}", "已疏散",
	  "straight to School leader in charge (吴校长), past the levels "
	  "below; done already: 已疏散",
	  "直接上报至主管校领导（吴校长），越过下级；已处置：已疏散" },
	{ "reported", "counselor",
	  "{\"person\":\"赵老师\",\"severity\":\"routine\","
	  "\"start\":\"counselor\",\"skip_level\":false}", "",
	  "to Counselor (赵老师)", "报至辅导员（赵老师）" },
	{ "acknowledged", "counselor", "{\"delay\":720}", "",
	  "after 12m", "用时 12m" },
	{ "acknowledged", "counselor",
	  "{\"delay\":720,\"for\":\"赵老师\",\"via\":\"phone\"}", "",
	  "for 赵老师, by phone; after 12m", "代赵老师电话确认；用时 12m" },
	{ "acknowledged", "counselor",
	  "{\"delay\":60,\"for\":\"赵老师\",\"via\":\"self\"}", "",
	  "after 1m", "用时 1m" },
	{ "corrected", "counselor",
	  "{\"what\":\"field\",\"key\":\"whereabouts\"}", "宿管更正",
	  "目前去向 corrected, from “网吧”: 宿管更正",
	  "目前去向已更正，原为“网吧”：宿管更正" },
	{ "corrected", "school_leader",
	  "{\"what\":\"severity\",\"from\":\"serious\",\"to\":"
	  "\"emergency\",\"rung_from\":0,\"rung_to\":3}", "学生失联",
	  "severity corrected from Serious to Emergency; now at School "
	  "leader in charge: 学生失联",
	  "轻重程度由较重更正为紧急；现由主管校领导负责：学生失联" },
	{ "corrected", "counselor",
	  "{\"what\":\"category\",\"from\":\"fighting\",\"to\":"
	  "\"night_absence\",\"rung_from\":0,\"rung_to\":0}", "",
	  "category corrected from Fighting to Staying out overnight",
	  "事件类别由打架更正为夜不归宿" },
	{ "duplicate", "counselor", "{\"of\":12}", "同一学生同一晚",
	  "closed as a duplicate of #12: 同一学生同一晚",
	  "作为 #12 的重复事件关闭：同一学生同一晚" },
	{ "duplicate_of", "counselor", "{\"duplicate\":13}", "",
	  "#13 closed as a duplicate of this one",
	  "#13 作为本事件的重复事件已关闭" },
	{ "note", "counselor", "{}", "已通知家长", "已通知家长", "已通知家长" },
	{ "contacted", "counselor",
	  "{\"person\":\"赵老师\",\"result\":\"no-answer\"}", "关机",
	  "赵老师 (no answer): 关机", "赵老师（未接听）：关机" },
	{ "contacted", "counselor",
	  "{\"person\":\"赵老师\",\"result\":\"reached\"}", "",
	  "赵老师 (reached)", "赵老师（已联系上）" },
	/* As calls were kept before: the note repeated whom and how. */
	{ "contacted", "counselor",
	  "{\"person\":\"赵老师\",\"result\":\"left-message\"}",
	  "赵老师 (left-message): 请回电",
	  "赵老师 (left a message): 请回电", "赵老师（已留言）：请回电" },
	{ "resolved", "counselor", "{\"time_to_resolve\":3600}", "已返校",
	  "已返校", "已返校" },
	{ "reopened", "counselor", "{}", "又离开了", "又离开了", "又离开了" },
	{ "checked", "counselor", "{}", "拨打学生本人电话",
	  "拨打学生本人电话", "拨打学生本人电话" },
	{ "unchecked", "counselor", "{}", "拨打学生本人电话",
	  "拨打学生本人电话", "拨打学生本人电话" },
	{ "late_report", "counselor",
	  "{\"person\":\"赵老师\",\"phone\":\"139\",\"due\":null,"
	  "\"delay\":1200,\"within\":900}", "",
	  "logged 20m after it happened; the policy asks for 15m",
	  "事发 20m 后才登记；规定 15m 内" },
	{ "informed", "counselor",
	  "{\"person\":\"赵老师\",\"phone\":\"139\",\"due\":null,"
	  "\"why\":\"skip_level\",\"to\":\"school_leader\"}", "",
	  "赵老师 informed: the report went straight to School leader in "
	  "charge", "已告知赵老师：已直接上报至主管校领导" },
	{ "informed", "department",
	  "{\"person\":null,\"phone\":null,\"due\":null,\"why\":\"passed\","
	  "\"to\":\"student_affairs\"}", "",
	  "nobody on record informed: escalated past it to Student Affairs "
	  "Office", "已告知无责任人：越过此级上报至学生处" },
	{ "notified", "security",
	  "{\"person\":\"刘处长\",\"phone\":\"139\",\"due\":null,"
	  "\"why\":\"named\",\"every_office\":false}", "",
	  "Security Office notified (刘处长)", "已通知安全工作处（刘处长）" },
	{ "notified", "logistics",
	  "{\"person\":\"赵科长\",\"phone\":\"139\",\"due\":null,"
	  "\"why\":\"every_office\",\"every_office\":true}", "",
	  "Logistics Office notified (赵科长): emergency, every office",
	  "已通知后勤管理处（赵科长）：紧急情况，通知所有部门" },
	{ "emergency_plan", "school_leader",
	  "{\"person\":\"吴校长\",\"phone\":\"139\",\"due\":null,"
	  "\"severity\":\"emergency\",\"top\":\"school_leader\"}", "",
	  "Emergency: the emergency plan is raised and School leader in "
	  "charge is told at once",
	  "紧急：启动应急预案，立即报告主管校领导" },
	{ "gap", "department",
	  "{\"person\":null,\"phone\":null,\"due\":null,\"why\":\"nobody\","
	  "\"climbs\":true}", "",
	  "nobody responsible at Department leader is on record; climbing at "
	  "once", "院系领导没有登记责任人，立即上报上一级" },
	{ "gap", "school_leader",
	  "{\"person\":\"吴校长\",\"phone\":null,\"due\":null,"
	  "\"why\":\"no_phone\",\"climbs\":false}", "",
	  "吴校长 at School leader in charge has no phone on record",
	  "吴校长（主管校领导）没有登记电话" },
	{ "escalated", "department",
	  "{\"person\":\"孙院长\",\"phone\":\"139\","
	  "\"due\":\"2025-11-25T00:30:00+08:00\",\"why\":\"no_ack\","
	  "\"from\":\"counselor\",\"from_person\":\"赵老师\",\"within\":1800}",
	  "", "no acknowledgement from Counselor (赵老师) within 30m (due "
	  "11-25 00:30); climbed to Department leader (孙院长)",
	  "辅导员（赵老师）在 30m 内未确认（时限 11-25 00:30）；已上报至院系领导"
	  "（孙院长）" },
	{ "escalated", "student_affairs",
	  "{\"person\":\"李处长\",\"phone\":\"139\",\"due\":null,"
	  "\"why\":\"no_one_to_call\",\"from\":\"department\","
	  "\"from_person\":null}", "",
	  "climbed to Student Affairs Office (李处长): no one to call at "
	  "Department leader",
	  "上报至学生处（李处长）：院系领导无人可联系" },
	{ "escalated", "student_affairs",
	  "{\"person\":\"李处长\",\"phone\":\"139\","
	  "\"due\":\"2025-11-26T00:00:00+08:00\",\"why\":\"unresolved\","
	  "\"from\":\"department\",\"from_person\":\"孙院长\"}", "",
	  "not resolved in time at Department leader; climbed to Student "
	  "Affairs Office (李处长)",
	  "在院系领导未按时解决；已上报至学生处（李处长）" },
	{ "escalated", "student_affairs",
	  "{\"person\":\"李处长\",\"phone\":\"139\",\"due\":null,"
	  "\"why\":\"by_hand\",\"from\":\"counselor\","
	  "\"from_person\":\"赵老师\"}", "电话不通",
	  "escalated by hand from Counselor to Student Affairs Office "
	  "(李处长): 电话不通",
	  "手动从辅导员升级至学生处（李处长）：电话不通" },
	/* At T0 + 8h: overdue since T0 + 1h, the first deadline there. */
	{ "reminder", "school_leader",
	  "{\"person\":\"吴校长\",\"phone\":\"139\","
	  "\"due\":\"2025-11-25T08:00:00+08:00\",\"why\":\"no_ack\","
	  "\"overdue_since\":\"2025-11-25T01:00:00+08:00\",\"every\":3600}", "",
	  "still not acknowledged at School leader in charge (吴校长): overdue "
	  "7h, since 11-25 01:00; reminder",
	  "主管校领导（吴校长）仍未确认：已超时 7h（自 11-25 01:00 起）；再次提醒" },
	{ "overdue", "counselor",
	  "{\"person\":\"赵老师\",\"phone\":\"139\","
	  "\"due\":\"2025-11-26T00:00:00+08:00\",\"within\":86400}", "",
	  "not resolved within 1d (due 11-26 00:00)",
	  "1d 内未解决（时限 11-26 00:00）" },
	{ "notify", "security",
	  "{\"person\":\"刘处长\",\"phone\":\"139\",\"status\":0}", "",
	  "sent to 刘处长", "已发给刘处长" },
	{ "notify", "security",
	  "{\"person\":\"刘处长\",\"phone\":\"139\",\"status\":3}", "",
	  "not sent to 刘处长: the command exited with status 3",
	  "未能发给刘处长：通知命令退出，状态 3" },
	{ "notify", "security",
	  "{\"person\":\"刘处长\",\"phone\":\"139\",\"signal\":9}", "",
	  "not sent to 刘处长: the command was killed by signal 9",
	  "未能发给刘处长：通知命令被信号 9 终止" },
	{ "notify", "security",
	  "{\"person\":\"刘处长\",\"phone\":\"139\",\"stopped_after\":10}", "",
	  "not sent to 刘处长: the command was stopped after 10s without "
	  "finishing", "未能发给刘处长：通知命令 10s 未完成，已被停止" },
	{ "followup_due", "counselor",
	  "{\"followup\":\"written_report\",\"due\":1796169600,"
	  "\"owner\":\"counselor\"}", "",
	  "follow-up Written report due 2026-12-02 08:00 (Counselor)",
	  "待办：书面报告，2026-12-02 08:00 前（辅导员）" },
	{ "followup_done", "counselor",
	  "{\"followup\":\"written_report\",\"late\":false}", "已交",
	  "follow-up Written report done: 已交", "已完成：书面报告：已交" },
	{ "followup_overdue", "department",
	  "{\"followup\":\"written_report\",\"to\":\"department\"}", "",
	  "follow-up Written report overdue: to Department leader",
	  "逾期未完成：书面报告，报院系领导" },
	{ "retained", "counselor",
	  "{\"rule\":\"default\",\"keep\":94608000,\"parts\":8,"
	  "\"students\":1}", "",
	  "3y after its resolution, its personal details removed (values: 8, "
	  "links to students: 1; under the default retention period)",
	  "办结 3 年后，个人信息已删除（内容 8 项，学生关联 1 个；依据默认保存期）" },
	{ "retained", "counselor",
	  "{\"rule\":\"mental_health\",\"keep\":86400,\"parts\":0,"
	  "\"students\":0}", "",
	  "1d after its resolution, its personal details removed (values: 0, "
	  "links to students: 0; under the retention period of Mental-health "
	  "problem)",
	  "办结 1d后，个人信息已删除（内容 0 项，学生关联 0 个；依据心理健康问题的保存期）" },
	/* The admin history's kinds: what was typed, if anything. */
	{ "user_added", "", "{}", "", "", "" },
	{ "user_password", "", "{}", "", "", "" },
	{ "user_role", "", "{}", "", "", "" },
	{ "user_disabled", "", "{}", "", "", "" },
	{ "signin_failed", "", "{}", "", "", "" },
	{ "signed_in", "", "{}", "", "", "" },
	{ "signed_out", "", "{}", "", "", "" },
	{ "signin_unlocked", "", "{}", "", "", "" },
	{ "viewed", "", "{}", "", "", "" },
	{ "refused", "", "{}", "", "", "" },
	{ "roster_imported", "", "{}", "", "", "" },
	{ "contacts_imported", "", "{}", "", "", "" },
	{ "leave_imported", "", "{}", "", "", "" },
	{ "part_blanked", "", "{}", "", "", "" },
	{ "roster_retained", "", "{}", "", "", "" },
	{ "schedule_set", "", "{}", "", "", "" },
	{ "duty_swapped", "", "{}", "", "", "" },
	{ "shift_opened", "", "{}", "", "", "" },
	{ "handover_prepared", "", "{}", "", "", "" },
	{ "handover_item", "", "{}", "", "", "" },
	{ "handover_accepted", "", "{}", "", "", "" },
	{ "handover_questioned", "", "{}", "", "", "" },
	{ "handover_answered", "", "{}", "", "", "" },
	{ "handover_readback", "", "{}", "", "", "" },
	{ "handover_signed", "", "{}", "", "", "" },
	{ "exported", "", "{}", "", "", "" },
	{ "summaries_rebuilt", "", "{}", "", "", "" },
};

/* Every kind of the record is one of the cases. */
static void
test_every_kind(void **state)
{
	size_t	 i, k;
	bool	 seen;

	(void)state;
	for (k = 0; k < RECORD_NKINDS; k++) {
		seen = false;
		for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
			seen |= record_kind_is(cases[i].kind, k);
		if (!seen)
			fail_msg("no case for the kind %s",
			    record_kind_name(k));
	}
}

static void
test_english(void **state)
{
	struct yj_app	*a = *state;
	size_t		 i;

	ui_in("C.UTF-8");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char	*s = said(a, cases[i].kind, cases[i].level,
		    cases[i].payload, cases[i].note);

		if (strcmp(s, cases[i].en) != 0)
			fail_msg("%s %zu: \"%s\", not \"%s\"", cases[i].kind,
			    i, s, cases[i].en);
	}
	assert_string_equal(history_kind("escalated"), "escalated");
	assert_string_equal(history_rung(a, "school_leader"),
	    "School leader in charge");
}

static void
test_chinese(void **state)
{
	struct yj_app	*a = *state;
	size_t		 i;

	ui_in("zh_CN.UTF-8");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char	*s = said(a, cases[i].kind, cases[i].level,
		    cases[i].payload, cases[i].note);

		if (strcmp(s, cases[i].zh) != 0)
			fail_msg("%s %zu: \"%s\", not \"%s\"", cases[i].kind,
			    i, s, cases[i].zh);
		assert_chinese(s);
		assert_chinese(history_kind(cases[i].kind));
	}
	assert_string_equal(history_kind("escalated"), "升级上报");
	assert_string_equal(history_rung(a, "school_leader"), "主管校领导");
	ui_in("C.UTF-8");
}

/* Who: the system in the reader's words, a user by display name. */
static void
test_actor(void **state)
{
	struct yj_app		*a = *state;
	struct store_event	 ev;
	struct buf		 b;

	memset(&ev, 0, sizeof ev);
	ev.actor = "system";
	buf_init(&b);
	ui_in("zh_CN.UTF-8");
	history_actor(a, &ev, &b);
	assert_string_equal(buf_str(&b), "系统");
	ui_in("C.UTF-8");
	b.len = 0;
	history_actor(a, &ev, &b);
	assert_string_equal(buf_str(&b), "system");
	/* The fixture's duty officer has no display name of their own. */
	b.len = 0;
	ev.actor = "duty";
	ev.user_id = a->user.id;
	history_actor(a, &ev, &b);
	assert_string_equal(buf_str(&b), *a->user.display ? a->user.display :
	    "duty");
	/* A login no longer there is shown as it was. */
	b.len = 0;
	ev.actor = "gone";
	history_actor(a, &ev, &b);
	assert_string_equal(buf_str(&b), "gone");
	buf_done(&b);
}

struct lines {
	struct yj_app	*a;
	struct buf	 all;
	int		 n;
};

static int
collect(void *arg, const struct store_event *ev)
{
	struct lines	*l = arg;
	struct buf	 b;

	buf_init(&b);
	history_describe(l->a, ev, &b);
	assert_chinese(buf_str(&b));
	assert_chinese(history_kind(ev->kind));
	assert_chinese(history_rung(l->a, ev->level));
	buf_printf(&l->all, "%s|%s\n", ev->kind, buf_str(&b));
	buf_done(&b);
	l->n++;
	return 0;
}

/*
 * A night made by the use cases, said in Chinese: an emergency logged
 * late goes straight to the top (the rungs below informed, every office
 * notified, the plan raised), is called about, and left unacknowledged
 * for 9 h (reminders, overdue since the first deadline at the top); a
 * climb by hand; no English anywhere.
 */
static void
test_record_in_chinese(void **state)
{
	struct yj_app		*a = *state;
	struct incident_draft	 d;
	struct store_incident	 in;
	struct lines		 l;
	struct yj_error		 err;
	int64_t			 id, id2;
	int			 n;

	ui_in("zh_CN.UTF-8");
	fixture_absence_draft(&d, "2023001");
	d.severity = "emergency";
	d.occurred = "-3h";
	d.action = "已报警";
	a->clock = T0;
	assert_int_equal(incident_log(a, &d, &id, &err), YJ_OK);
	a->clock = T0 + 60;
	assert_int_equal(incident_act(a, id, INCIDENT_CONTACTED, "手机关机",
	    "负责人3", INCIDENT_NO_ANSWER, &err), YJ_OK);
	/* Nine hours at the top, reminded every two. */
	for (a->clock = T0 + H; a->clock <= T0 + 9 * H; a->clock += H)
		assert_int_equal(escalate_tick(a, NULL, NULL, &n, &err),
		    YJ_OK);
	a->clock = T0 + 9 * H;
	assert_int_equal(store_incident_get(a->store, id, &in, &err), YJ_OK);
	/* The first deadline at the top (2h there), not the last reminder's. */
	assert_int_equal(escalate_ack_deadline(a, &in), T0 + 2 * H);
	assert_int_equal(escalate_overdue_since(a, &in, T0 + 9 * H),
	    T0 + 2 * H);
	assert_int_equal(escalate_overdue_since(a, &in, T0 + 30), 0);
	assert_true(in.ack_due > T0 + 9 * H);
	store_incident_free(&in);

	/* Another, escalated by hand past a rung. */
	id2 = fixture_absence(a, "2023002", T0 + 9 * H);
	assert_int_equal(escalate_manual(a, id2, "student_affairs", "联系不上",
	    NULL, NULL, &err), YJ_OK);

	memset(&l, 0, sizeof l);
	l.a = a;
	buf_init(&l.all);
	assert_int_equal(incident_history(a, id, collect, &l, &err), YJ_OK);
	assert_int_equal(incident_history(a, id2, collect, &l, &err), YJ_OK);
	assert_true(l.n >= 12);
	assert_has(buf_str(&l.all), "late_report|事发 3h 后才登记");
	assert_has(buf_str(&l.all), "informed|已告知负责人0：已直接上报至主管校领导");
	assert_has(buf_str(&l.all), "notified|已通知安全工作处（负责人4）：紧急情况");
	assert_has(buf_str(&l.all), "emergency_plan|紧急：启动应急预案");
	assert_has(buf_str(&l.all), "contacted|负责人3（未接听）：手机关机");
	/* The last reminder, at T0 + 8h: 6h since the first deadline. */
	assert_has(buf_str(&l.all), "reminder|主管校领导（负责人3）仍未确认："
	    "已超时 6h（自 11-25 02:00 起）");
	assert_has(buf_str(&l.all), "reported|直接上报至主管校领导（负责人3），"
	    "越过下级；已处置：已报警");
	assert_has(buf_str(&l.all), "informed|已告知负责人1：越过此级上报至学生处");
	assert_has(buf_str(&l.all), "escalated|手动从辅导员升级至学生处（负责人2）"
	    "：联系不上");
	buf_done(&l.all);
	ui_in("C.UTF-8");
}

/* A gap: nobody on record at the counselor's rung, said so. */
static void
test_gap_in_chinese(void **state)
{
	struct yj_app		*a = *state;
	struct incident_draft	 d;
	struct lines		 l;
	struct yj_error		 err;
	int64_t			 id;

	ui_in("zh_CN.UTF-8");
	/* No student: no class, so nobody at the class level. */
	memset(&d, 0, sizeof d);
	d.category = "night_absence";
	d.text = "走廊有人";
	{
		static const char *fields[] = { "last_seen=-1h" };

		d.fields = fields;
		d.nfields = 1;
	}
	a->clock = T0 + 10 * H;
	assert_int_equal(incident_log(a, &d, &id, &err), YJ_OK);
	memset(&l, 0, sizeof l);
	l.a = a;
	buf_init(&l.all);
	assert_int_equal(incident_history(a, id, collect, &l, &err), YJ_OK);
	assert_has(buf_str(&l.all), "gap|辅导员没有登记责任人，立即上报上一级");
	assert_has(buf_str(&l.all), "escalated|上报至");
	buf_done(&l.all);
	ui_in("C.UTF-8");
}

/* An early warning: no sentence stored; its fields said by name. */
static void
test_warning_in_chinese(void **state)
{
	struct yj_app		*a = *state;
	struct store_incident	 in;
	struct yj_error		 err;
	struct buf		 label, value, sum;
	struct store_event	 ev;
	int64_t			 ids[3], wid = 0;
	size_t			 i;
	char			 want[256];

	for (i = 0; i < 3; i++)
		ids[i] = fixture_absence(a, "2023002", T0 + 20 * H +
		    (int64_t)i * 3600);
	{
		/* The subject as escalate.c keys it: student:ID. */
		struct store_student	 st;
		char			 key[64];

		assert_int_equal(store_student_get(a->store, "2023002", &st,
		    &err), YJ_OK);
		snprintf(key, sizeof key, "student:%lld", (long long)st.id);
		store_student_free(&st);
		assert_int_equal(store_find_open_by_fields(a->store,
		    "early_warning", "warning", "night_absence_repeat",
		    "subject", key, &wid, &err), YJ_OK);
	}
	assert_true(wid != 0);
	assert_int_equal(store_incident_get(a->store, wid, &in, &err), YJ_OK);
	/* What a person may write; nothing was. */
	assert_string_equal(in.text, "");

	ui_in("zh_CN.UTF-8");
	buf_init(&sum);
	history_summary(a, &in, &sum);
	snprintf(want, sizeof want, "多次夜不归宿：2023002 李四 — 30d内共 3 起"
	    "（#%lld, #%lld, #%lld）", (long long)ids[2], (long long)ids[1],
	    (long long)ids[0]);
	assert_string_equal(buf_str(&sum), want);
	for (i = 0; i < in.nfields; i++) {
		buf_init(&label);
		buf_init(&value);
		history_field(a, &in, i, &label, &value);
		assert_chinese(buf_str(&label));
		assert_chinese(buf_str(&value));
		if (strcmp(in.fields[i].key, "warning") == 0)
			assert_string_equal(buf_str(&value), "多次夜不归宿");
		if (strcmp(in.fields[i].key, "subject") == 0)
			assert_string_equal(buf_str(&value), "2023002 李四");
		buf_done(&label);
		buf_done(&value);
	}
	/* The report of it says the same. */
	memset(&ev, 0, sizeof ev);
	ev.incident_id = wid;
	ev.actor = "system";
	ev.kind = "reported";
	ev.level = in.level;
	ev.note = "";
	ev.payload = "{\"warning\":\"night_absence_repeat\"}";
	sum.len = 0;
	history_describe(a, &ev, &sum);
	assert_chinese(buf_str(&sum));
	assert_has(buf_str(&sum), "由预警规则发起：多次夜不归宿：2023002 李四");
	ui_in("C.UTF-8");
	sum.len = 0;
	history_summary(a, &in, &sum);
	assert_has(buf_str(&sum), "Repeated nights out: 2023002 李四 — 3 "
	    "incidents within 30d");
	buf_done(&sum);
	store_incident_free(&in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind),
		cmocka_unit_test_setup_teardown(test_english, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chinese, setup, teardown),
		cmocka_unit_test_setup_teardown(test_actor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_record_in_chinese, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_gap_in_chinese, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_warning_in_chinese, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
