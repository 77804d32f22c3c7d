/*
 * The generator (include/yujing/gen.h): a made-up university and its
 * history, written only through core's use cases, so that there is one
 * code path that writes events and the history is what real use makes.
 *
 * The organisation goes in as a roster and a contacts list
 * (roster_import_rows, roster_contacts_rows), the users through
 * users_add. Then incidents are planned (category, when, sometimes who),
 * and one queue of steps ordered by time drives the rest: each step moves
 * the app's clock to its time, signs in as whoever acts then
 * (batch_act_as) and calls the use case — incident_log, incident_act
 * (contacted, acknowledged, note, checked, resolved, reopened),
 * escalate_manual — and `tick` (escalate_tick) runs as cron would, at the
 * minutes deadlines pass, so late acknowledgements climb, unresolved ones
 * turn overdue and the engine raises its early warnings. Whom to call and
 * who acts are read back from the incident as it stands at that moment.
 * Everything is one batch: one transaction, no notify_command.
 *
 * Everything random comes from one small PRNG seeded by the caller.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yujing/app.h"
#include "yujing/batch.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/diag.h"
#include "yujing/escalate.h"
#include "yujing/followup.h"
#include "yujing/gen.h"
#include "yujing/incident.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/rng.h"
#include "yujing/roster.h"
#include "yujing/status.h"
#include "yujing/users.h"
#include "yujing/xmalloc.h"

#define GEN_BUILDINGS 12 /* ×scale: half for men, half for women */
#define GEN_FLOORS 6
#define GEN_PER_FLOOR 20
#define GEN_ROOMS_PER (GEN_FLOORS * GEN_PER_FLOOR)
#define GEN_BEDS 4
#define GEN_MIN 60
#define GEN_HOUR 3600
#define GEN_DAY 86400

static bool
gen_pct(struct rng *r, int pct)
{
	return (int)rng_below(r, 100) < pct;
}

static size_t
gen_count(const char *const *v)
{
	size_t n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	return n;
}

/* One of a NULL-terminated list, "" when it is empty. */
static const char *
gen_pick(struct rng *r, const char *const *v)
{
	size_t n = gen_count(v);

	return n == 0 ? "" : v[rng_below(r, n)];
}

/* --- names, places and the institution's shape ------------------------ */

/* Most common first; gen_name favours the head of the list. */
static const char *const gen_surnames[] = {"王", "李", "张", "刘", "陈", "杨",
    "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
    "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜",
    "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔",
    "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付",
    "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段",
    "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
    "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "欧阳", "司马",
    NULL};

static const char *const gen_given_m[] = {"伟", "强", "磊", "军", "勇", "杰",
    "涛", "斌", "超", "明", "刚", "辉", "鹏", "华", "飞", "鑫", "波", "宇",
    "浩", "凯", "健", "俊", "帆", "旭", "宁", "龙", "林", "洋", "阳", "晨",
    "博", "文", "轩", "然", "泽", "昊", "睿", "哲", "子", "豪", "航", "锐",
    "毅", "翔", "峰", "成", "康", "星", "志", "嘉", "天", "一", "思", "远",
    "振", "家", "宏", "海", "铭", "瑞", "逸", "彬", "楠", "元", "岩", "亮",
    "政", "煜", NULL};

static const char *const gen_given_f[] = {"芳", "娜", "敏", "静", "丽", "艳",
    "娟", "霞", "婷", "雪", "琳", "晶", "颖", "倩", "洁", "欣", "怡", "佳",
    "悦", "雨", "萱", "涵", "琪", "瑶", "梦", "婧", "璐", "露", "丹", "蕾",
    "菲", "莹", "薇", "岚", "宁", "思", "诗", "雅", "晓", "可", "心", "月",
    "嘉", "一", "文", "子", "梓", "语", "妍", "彤", "玥", "慧", "玲", "燕",
    "红", "秀", "馨", "蕊", "婉", NULL};

static const char *const gen_mobile[] = {"130", "131", "132", "133", "134",
    "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
    "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181",
    "182", "183", "184", "185", "186", "187", "188", "189", "198", "199", NULL};

/* Letters and digits that cannot be mistaken for one another. */
static const char gen_pw_chars[] =
    "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

static const struct gen_dept_def {
	const char *name;
	const char *majors[2]; /* class-name abbreviations */
	int male;              /* percent of men */
} gen_depts[] = {
    {"计算机科学与技术学院", {"计科", "软工"}, 75},
    {"机械工程学院", {"机械", "车辆"}, 86},
    {"外国语学院", {"英语", "日语"}, 18},
    {"经济管理学院", {"会计", "工管"}, 35},
    {"土木工程学院", {"土木", "建环"}, 80},
    {"化学化工学院", {"化工", "应化"}, 58},
    {"文学院", {"汉语言", "新闻"}, 24},
    {"数学与统计学院", {"数学", "统计"}, 52},
    {"电气工程学院", {"电气", "自动化"}, 82},
    {"艺术设计学院", {"视传", "环设"}, 30},
};
#define GEN_NDEPTS (sizeof gen_depts / sizeof gen_depts[0])
#define GEN_COHORTS 4
#define GEN_MAJORS 2
/* The department whose first counselor has no phone on record. */
#define GEN_GAP_DEPT 4
/* The dormitory building with no manager on record: the last. */
#define GEN_NO_MANAGER(g) ((g)->nbuildings - 1)

/* The users, one per role but admin, and a second duty officer. */
enum gen_who {
	GEN_DUTY1,
	GEN_DUTY2,
	GEN_COUNSELOR,
	GEN_DEPT,
	GEN_XSC,
	GEN_LEADER,
	GEN_XINLI,
	GEN_NUSERS
};

static const struct gen_user_def {
	const char *login;
	const char *role;
	const char *title; /* of their person, when made here */
} gen_user_defs[GEN_NUSERS] = {
    {"duty1", "duty_officer", "值班人员"},
    {"duty2", "duty_officer", "值班人员"},
    {"counselor1", "counselor", NULL},
    {"dept1", "department_leader", NULL},
    {"xsc1", "student_affairs", NULL},
    {"leader1", "school_leader", NULL},
    {"xinli1", "counseling_staff", NULL},
};

/* Titles of the people responsible, by level or office id. */
static const struct {
	const char *id;
	const char *title;
} gen_titles[] = {
    {"dormitory", "宿管员"},
    {"counselor", "辅导员"},
    {"department", "党委副书记"},
    {"student_affairs", "学生处值班"},
    {"school_leader", "副校长"},
    {"security", "保卫科长"},
    {"logistics", "宿管科长"},
    {"academic_affairs", "教务处学籍科长"},
    {"counseling_center", "心理中心主任"},
};

/* --- what each category looks like ------------------------------------ */

/*
 * Templates: {name} the students, {first} the first, {class} its class,
 * {room} the room, {place} the location (else the room), {time} when it
 * happened, {reporter}, {cat} the category's name, {f:ID} a field's value,
 * {b:ID|yes|no} by a bool field (branches may hold templates too).
 */
struct gen_cat {
	const char *id;
	int weight;
	int from, to; /* minutes after midnight; to
			 may pass 24:00 */
	bool weekdays;
	int two;       /* % with a second student */
	int none;      /* % with no student */
	int room;      /* % in the student's room */
	int major;     /* per mille major */
	int emergency; /* per mille emergency */
	const char *const *places;
	const char *const *roles;  /* reporter roles */
	const char *const *texts;  /* with students */
	const char *const *texts0; /* without */
	const char *const *actions;
	const char *const *notes;
	const char *const *resolutions;
};

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})

static const struct gen_cat gen_cats[] = {
    {"night_absence", 40, 22 * 60 + 40, 24 * 60 + 50, false, 8, 0, 100, 20, 0,
	NULL, L("dorm_head", "dorm_manager", "safety_officer", "student_union"),
	L("{time}宿舍查寝，{room}{class}学生{name}未归，未向辅导员请假。"
	  "{b:phone_reached|已电话联系上本人，称{f:whereabouts}。|本人电话"
	  "无人接听，去向不明。}",
	    "{reporter}反映：{class}{name}至{time}仍未返回{room}，室友最后一次"
	    "见到本人是{f:last_seen}。{b:parents_contacted|已联系家长。|尚未"
	    "联系家长。}",
	    "门禁记录显示{class}{name}{f:last_seen}离开宿舍楼后未再返回"
	    "（{room}）。{b:phone_reached|本人电话已接通，称{f:whereabouts}。|"
	    "电话关机，室友也不知其去向。}"),
	NULL,
	L("已拨打学生本人电话", "已询问同宿舍同学及好友", "已查看宿舍门禁记录",
	    "已请宿舍楼值班室留意学生返回"),
	L("已联系学生本人，要求其注意安全并尽快返校。",
	    "已联系家长，家长表示会督促学生返校。",
	    "已请安全工作处协助查看校园监控。",
	    "室友反映该生近期常晚归，辅导员将约谈。"),
	L("学生已于{f:returned_at}返回宿舍，人身安全。辅导员次日约谈，进行"
	  "纪律教育。",
	    "学生{f:returned_at}返校，确认安全；已补办请假手续，并提醒其遵守"
	    "作息制度。",
	    "学生已返回宿舍（{f:returned_at}），按《学生宿舍管理规定》给予通报"
	    "批评。")},
    {"off_campus_living", 10, 22 * 60 + 30, 23 * 60 + 50, false, 0, 0, 100, 0,
	0, NULL, L("dorm_head", "class_cadre", "dorm_manager"),
	L("经连续查寝核实，{class}{name}长期不在宿舍（{room}）居住，在"
	  "{f:address}租房。原因：{f:reason}。{b:parents_informed|家长知情。|"
	  "家长不知情。}",
	    "{reporter}反映，{class}{name}近一个月多次夜间不在{room}，经了解已"
	    "在校外住宿（{f:address}）。"),
	NULL, L("已与学生本人电话核实住址", "已登记学生校外住址"),
	L("辅导员已与学生谈话，讲明校外住宿的安全风险和校规要求。",
	    "已告知家长，家长表示会配合劝说学生返校住宿。",
	    "已通报后勤管理处宿舍管理科。"),
	L("学生已搬回宿舍居住，辅导员将持续关注。",
	    "学生已按规定办理走读手续，家长签字同意。",
	    "学生已退租返回宿舍，给予批评教育。")},
    {"truancy", 18, 8 * 60, 17 * 60 + 30, true, 0, 0, 0, 0, 0, NULL,
	L("teacher", "class_cadre", "counselor"),
	L("任课教师{f:teacher}反映，{class}{name}本学期《{f:course}》已无故"
	  "旷课{f:absences}节，多次提醒无效。",
	    "考勤统计显示{class}{name}近两周无故旷课{f:absences}节（含"
	    "《{f:course}》），班干部反映其常在宿舍睡觉。"),
	NULL, L("已向任课教师核实考勤记录", "已请班长了解情况"),
	L("辅导员已与学生谈话，学生称因沉迷游戏作息紊乱。",
	    "已告知家长，家长表示将配合督促。", "已通报教务处。",
	    "已安排学习委员结对帮扶。"),
	L("辅导员与学生谈话并签订学习承诺书，近一周出勤正常。",
	    "已安排学业帮扶，任课教师反馈学生已按时上课。",
	    "已按学籍管理规定给予警告处分，并告知家长。")},
    {"all_night_internet", 20, 24 * 60 + 30, 24 * 60 + 330, false, 20, 0, 0, 0,
	0, NULL, L("dorm_head", "class_cadre", "security_corps"),
	L("{reporter}反映，{name}（{class}）{time}仍在{f:venue}上网，整夜"
	  "未睡。",
	    "夜间巡查发现{class}{name}在{f:venue}通宵上网{b:off_campus|，人在"
	    "校外|}，次日早课缺席。"),
	NULL, L("已电话提醒学生返回宿舍休息", "已通知宿舍长留意"),
	L("学生已返回宿舍，辅导员将约谈。",
	    "辅导员已与学生谈话，了解其作息及上课情况。"),
	L("辅导员约谈学生，学生承诺不再通宵上网。",
	    "已告知家长，学生作息已恢复正常。")},
    {"prohibited_appliance", 30, 19 * 60, 22 * 60 + 50, false, 0, 40, 100, 0, 0,
	NULL, L("dorm_manager", "student_union", "safety_officer"),
	L("宿舍安全检查中发现{room}{class}{name}使用违规电器（{f:item}）。"
	  "{b:confiscated|已当场收缴。|}{b:tripped|曾造成楼层跳闸。|}",
	    "宿管巡查{room}，发现{class}{name}私自使用{f:item}。{b:tripped|"
	    "已造成跳闸，|}{b:confiscated|物品已收缴登记。|物品尚未收缴。}"),
	L("宿舍安全检查中在{room}发现违规电器（{f:item}），宿舍无人。"
	  "{b:confiscated|已收缴登记。|}",
	    "{time}宿管检查{room}，发现{f:item}{b:tripped|（已造成跳闸）|}，"
	    "宿舍无人。{b:confiscated|已收缴登记。|}"),
	L("已断电并排除火灾隐患", "已收缴违规电器并登记",
	    "已检查同宿舍其他物品"),
	L("已通知辅导员，辅导员将对宿舍成员进行用电安全教育。",
	    "已通报后勤管理处宿舍管理科。"),
	L("违规电器已收缴，辅导员已对宿舍成员进行用电安全教育，学生写出"
	  "检查。",
	    "已按宿舍管理规定处理，该宿舍纳入重点检查名单。",
	    "物品已收缴，待学期末由学生领回带离宿舍。")},
    {"fighting", 8, 18 * 60, 23 * 60 + 50, false, 100, 0, 10, 30, 10,
	L("东区食堂门口", "篮球场", "第二教学楼", "学校北门外烧烤店",
	    "宿舍楼下", "体育馆"),
	L("security_corps", "student_union", "dorm_manager"),
	L("{time}在{place}，{name}因琐事发生口角后动手打架，参与人数"
	  "{f:count}人，{b:injured|有人受伤。|无人受伤。}{b:police_called|"
	  "已报警。|}",
	    "{reporter}报告：{place}有学生打架，经查为{name}。{b:weapon|有人"
	    "持械。|未持械。}{b:injured|有学生受伤，已送校医院。|}"),
	NULL,
	L("已制止冲突，隔离双方", "已通知安全工作处到场",
	    "已记录在场人员及目击者"),
	L("安全工作处已到场维持秩序并调取监控。",
	    "受伤学生已在校医院处理，无大碍。",
	    "辅导员已分别与双方谈话，了解事情经过。"),
	L("双方已达成和解，辅导员进行批评教育，按校规给予警告处分。",
	    "经调解双方互相道歉，医药费由过错方承担，已报学院备案。",
	    "事情经过已查清，按《学生违纪处分办法》给予处分，并告知家长。")},
    {"drinking", 12, 20 * 60, 24 * 60 + 50, false, 35, 0, 0, 0, 0, NULL,
	L("dorm_head", "dorm_manager", "security_corps"),
	L("{time}，{name}（{class}）在{place}饮酒，{b:intoxicated|醉酒意识"
	  "不清，需要照看。|未醉酒。}{b:hospital|已送医。|}",
	    "{reporter}反映，{class}{name}酒后返回宿舍大声喧哗"
	    "{b:intoxicated|，呕吐不止|}。饮酒地点：{f:place}。"),
	NULL, L("已安排同学专人照看", "已收缴宿舍内酒类"),
	L("学生已清醒，情况稳定。", "辅导员次日与学生谈话。"),
	L("辅导员已与学生谈话，学生写出书面检查。",
	    "学生已无大碍，已告知家长，给予批评教育。")},
    {"discipline_other", 10, 9 * 60, 23 * 60, false, 15, 0, 60, 0, 0,
	L("第一教学楼", "图书馆", "实验楼", "学生活动中心"),
	L("student_union", "teacher", "dorm_manager"),
	L("{reporter}反映，{class}{name}在{place}违反规定：{f:rule}。",
	    "{time}在{place}发现{name}（{class}）{f:rule}，已当场制止。"),
	NULL, L("已当场制止并记录", "已拍照留存"),
	L("辅导员已约谈学生。", "已通报学院学生工作办公室。"),
	L("已按校规校纪给予批评教育，学生写出检查。",
	    "按《学生违纪处分办法》给予通报批评。")},
    {"physical_health", 14, 0, 23 * 60 + 59, false, 0, 0, 60, 20, 10,
	L("体育馆", "第一教学楼", "东区食堂", "操场"),
	L("dorm_head", "class_cadre", "dorm_manager"),
	L("{time}，{class}{name}在{place}出现症状：{f:symptom}。"
	  "{b:parents_contacted|已联系家长，|}同学陪同前往{f:hospital}就诊。"
	  "{b:contagious|疑似传染病。|}",
	    "{reporter}反映，{class}{name}{f:symptom}，情况较急，已送"
	    "{f:hospital}。"),
	NULL, L("已拨打120", "已安排同学陪同就医", "已联系校医院"),
	L("学生已在医院接受治疗，生命体征平稳。",
	    "已联系家长，家长正在赶来学校。", "医生建议留院观察一晚。"),
	L("学生已康复返校，辅导员已走访慰问。",
	    "学生病情稳定，家长已到校陪护，已办理病假手续。",
	    "已排除传染病，学生返回宿舍休养。")},
    {"mental_health", 7, 20 * 60, 25 * 60 + 30, false, 0, 0, 60, 40, 10,
	L("图书馆", "教学楼天台", "操场", "湖边"),
	L("dorm_head", "class_cadre", "counselor", "party_member"),
	L("{reporter}反映，{class}{name}近期情绪低落、失眠，{b:self_harm|"
	  "曾流露自伤念头，|}初步评估风险程度：{f:risk}。{b:accompanied|"
	  "已安排同学陪护。|}",
	    "{time}，{name}（{class}）在{place}独自哭泣，情绪激动，"
	    "{b:self_harm|有自伤言语。|无自伤言行。}{b:referred|已转介心理健康"
	    "教育中心。|}"),
	NULL,
	L("已安排同学陪护，未让学生独处", "已移除宿舍内危险物品",
	    "已通知辅导员"),
	L("心理健康教育中心已安排专职教师评估。", "已联系家长，家长次日到校。",
	    "辅导员已与学生长谈，学生情绪有所缓和。"),
	L("经心理健康教育中心评估，学生已接受定期咨询，情绪稳定，辅导员持续"
	  "关注。",
	    "家长已到校陪护，学生在专科医院就诊后返校，纳入重点关注名单。")},
    {"campus_loan", 5, 10 * 60, 21 * 60 + 30, false, 0, 0, 0, 30, 0, NULL,
	L("class_cadre", "counselor", "party_member", "dorm_head"),
	L("{reporter}反映，{class}{name}在{f:platform}借款约{f:amount}元，"
	  "{b:overdue|已逾期，|}{b:harassed|近日遭到催收电话骚扰。|尚未遭到"
	  "催收。}",
	    "{class}{name}向同学多次借钱，经了解其在{f:platform}借款"
	    "{f:amount}元{b:overdue|且已逾期|}。"),
	NULL, L("已与学生谈话了解情况", "已提醒学生保留借款合同及转账记录"),
	L("已告知家长，家长表示将协助还款。", "已通报安全工作处。",
	    "已排查同宿舍、同班同学，未发现其他人参与。"),
	L("家长已协助结清借款，辅导员开展防范校园贷教育。",
	    "已报警处理暴力催收，学生情绪稳定。")},
    {"proselytizing", 4, 10 * 60, 21 * 60, false, 0, 0, 0, 0, 0, NULL,
	L("security_corps", "club_leader", "student_union"),
	L("{time}在{place}发现有人传教，涉及人数{f:count}人，{b:outsiders|"
	  "有校外人员，|}{class}{name}参与其中。{b:materials|现场有宣传"
	  "材料。|}",
	    "{reporter}反映，{class}{name}多次在{place}向同学传教。"
	    "{b:outsiders|有校外人员参与。|}"),
	NULL, L("已劝阻并记录相关人员信息", "已收存宣传材料"),
	L("校外人员已交安全工作处处理。", "辅导员已与学生谈话。"),
	L("已对学生进行教育引导，学生表示不再参与。",
	    "校外人员已被带离校园，相关材料已上交。")},
    {"safety_threat", 7, 0, 23 * 60 + 59, false, 0, 50, 20, 40, 15,
	L("东区停车场", "图书馆", "学校南门外路口", "游泳馆", "第一教学楼",
	    "学生宿舍区"),
	L("security_corps", "duty_officer", "dorm_manager"),
	L("{time}，{class}{name}在{place}遭遇{f:kind}，{b:injured|有人受伤，"
	  "|}"
	  "财产损失约{f:loss}元。{b:police_called|已报警。|尚未报警。}"),
	L("{time}，{place}发生{f:kind}，{b:injured|有人员受伤。|无人员受伤。}"
	  "{b:police_called|已报警。|}",
	    "{reporter}报告：{place}发生{f:kind}，损失约{f:loss}元。"),
	L("已拨打110报警", "已通知安全工作处到场", "已疏散无关人员，保护现场"),
	L("安全工作处已调取监控。", "警方已到场调查取证。"),
	L("警方已立案调查，已对学生开展安全教育。",
	    "事件已处置完毕，损失已登记，安全工作处加强巡查。")},
    {"campus_stability", 3, 10 * 60, 21 * 60, false, 30, 0, 0, 50, 20, NULL,
	L("security_corps", "office_staff"),
	L("{time}，{place}约{f:count}名学生因对宿舍调整不满{b:gathering|聚集|"
	  "表达诉求}，{name}（{class}）为主要组织者。",
	    "{reporter}报告：{place}有学生{b:gathering|聚集|情绪激动}，涉及约"
	    "{f:count}人，{class}{name}在场。"),
	NULL, L("已了解诉求，稳定情绪", "已通知安全工作处到场"),
	L("院系领导已到场与学生沟通。", "相关职能部门已答复学生诉求。"),
	L("诉求已由相关部门答复，学生已散去，秩序恢复正常。",
	    "经沟通学生情绪稳定，已做好后续解释工作。")},
    {"public_opinion", 5, 9 * 60, 23 * 60, false, 0, 0, 0, 30, 0, L("网络"),
	L("office_staff", "student_union", "club_leader"),
	L("{class}{name}在{f:platform}发帖反映食堂卫生问题，传播范围："
	  "{f:reach}。",
	    "{reporter}发现{f:platform}上有{class}{name}发布的不实信息，传播"
	    "范围：{f:reach}。"),
	NULL, L("已截图保存原始内容", "已核实事实"),
	L("辅导员已与学生沟通，学生已删除帖子。", "已报学校宣传部门。"),
	L("已核实并回应学生诉求，帖子已删除。", "已对学生进行网络文明教育。")},
    {"early_warning", 0, 9 * 60, 18 * 60, false, 0, 0, 0, 0, 0, NULL,
	L("office_staff"), L("{cat}"), NULL, NULL,
	L("已查阅相关学生近期的记录。", "辅导员已约谈相关学生。",
	    "已告知家长，家长表示配合学校教育。",
	    "已制定帮扶措施，安排班干部结对关注。"),
	L("帮扶和整改措施已落实并记录，已在学生工作例会上通报。",
	    "经约谈和家校沟通，相关学生近期表现稳定，纳入重点关注名单。")},
};

/* For categories this file does not know (another policy). */
static const struct gen_cat gen_cat_other = {
    NULL,
    5,
    9 * 60,
    22 * 60,
    false,
    0,
    0,
    30,
    0,
    0,
    L("第一教学楼", "学生活动中心", "东区食堂"),
    L("other", "duty_officer"),
    L("{reporter}反映：{class}{name}，{cat}。"),
    L("{reporter}反映：{place}，{cat}。"),
    L("已记录情况"),
    L("已通知相关负责人。"),
    L("已按规定处理完毕。"),
};

/* Text fields: values to pick from. */
static const struct {
	const char *cat, *field;
	const char *const *pool;
} gen_text_pools[] = {
    {"night_absence", "whereabouts",
	L("在校外同学家过夜", "回家未向辅导员请假", "在医院陪护生病的亲属",
	    "在校外网吧", "与朋友在市区聚会，错过门禁时间",
	    "外出兼职未能按时返回", "在校外酒店住宿")},
    {"off_campus_living", "address",
	L("学校北门外锦绣家园小区", "东门外城中村出租屋", "南门外青年公寓",
	    "市区阳光花园小区", "西门外学府雅苑")},
    {"off_campus_living", "reason",
	L("与恋人同住", "准备考研，嫌宿舍吵闹", "作息与室友不一致，关系紧张",
	    "在校外实习，往返不便", "家长陪读")},
    {"truancy", "course",
	L("高等数学", "线性代数", "大学英语", "大学物理", "概率论与数理统计",
	    "数据结构", "马克思主义基本原理", "中国近现代史纲要", "体育",
	    "C语言程序设计", "工程制图")},
    {"all_night_internet", "venue",
	L("宿舍", "宿舍", "北门外星际网咖", "东门外极速网吧",
	    "网鱼网咖（万达店）")},
    {"drinking", "place",
	L("宿舍", "宿舍", "学校北门外烧烤店", "校外KTV", "东区小吃街",
	    "校内湖边")},
    {"discipline_other", "rule",
	L("宿舍内吸烟", "私自留宿校外人员", "在宿舍饲养宠物",
	    "夜间大声喧哗，影响他人休息", "私拉电线给电动车电池充电",
	    "晚归翻越围墙")},
    {"physical_health", "symptom",
	L("高烧39度以上", "急性肠胃炎，腹泻呕吐", "剧烈腹痛", "哮喘发作",
	    "运动时扭伤脚踝", "过敏起疹、呼吸不畅", "低血糖晕倒")},
    {"physical_health", "hospital",
	L("校医院", "市第一人民医院急诊", "市中心医院",
	    "校医院，后转市人民医院")},
    {"campus_loan", "platform",
	L("某网络借贷APP", "某分期购物平台", "微信群内私人放贷",
	    "某“校园分期”平台", "多个网贷平台")},
    {"proselytizing", "place",
	L("图书馆门前", "东区食堂门口", "学生活动中心", "宿舍楼下",
	    "操场看台")},
    {"campus_stability", "place",
	L("行政楼前广场", "东区食堂", "学生宿舍区", "学校南门")},
    {"public_opinion", "platform",
	L("微博", "抖音", "小红书", "校园表白墙", "微信朋友圈")},
};

/* Bool fields: percent true (dependent ones are worked out in code). */
static const struct {
	const char *cat, *field;
	int pct;
} gen_bool_pcts[] = {
    {"night_absence", "phone_reached", 55},
    {"night_absence", "parents_contacted", 30},
    {"off_campus_living", "parents_informed", 40},
    {"prohibited_appliance", "confiscated", 85},
    {"prohibited_appliance", "tripped", 10},
    {"fighting", "injured", 35},
    {"fighting", "weapon", 5},
    {"fighting", "police_called", 12},
    {"drinking", "intoxicated", 50},
    {"physical_health", "contagious", 6},
    {"physical_health", "parents_contacted", 60},
    {"mental_health", "accompanied", 85},
    {"mental_health", "referred", 60},
    {"campus_loan", "overdue", 55},
    {"campus_loan", "harassed", 30},
    {"proselytizing", "outsiders", 70},
    {"proselytizing", "materials", 60},
    {"safety_threat", "police_called", 70},
    {"campus_stability", "gathering", 70},
};

/* Number fields: lo..hi in steps. */
static const struct {
	const char *cat, *field;
	int lo, hi, step;
} gen_numbers[] = {
    {"truancy", "absences", 4, 16, 2},
    {"fighting", "count", 2, 5, 1},
    {"campus_loan", "amount", 2000, 30000, 500},
    {"proselytizing", "count", 1, 6, 1},
    {"safety_threat", "loss", 0, 8000, 100},
    {"campus_stability", "count", 10, 80, 1},
};

/* Choice fields: weights of some choices (others weigh 10). */
static const struct {
	const char *cat, *field, *choice;
	int weight;
} gen_choice_weights[] = {
    {"prohibited_appliance", "item", "热得快", 30},
    {"prohibited_appliance", "item", "电热毯", 25},
    {"prohibited_appliance", "item", "电炉", 8},
    {"prohibited_appliance", "item", "大功率吹风机", 20},
    {"prohibited_appliance", "item", "蜡烛/明火", 7},
    {"mental_health", "risk", "低", 50},
    {"mental_health", "risk", "中", 35},
    {"mental_health", "risk", "高", 15},
    {"safety_threat", "kind", "盗窃", 35},
    {"safety_threat", "kind", "诈骗", 30},
    {"safety_threat", "kind", "火情", 8},
    {"safety_threat", "kind", "溺水", 2},
    {"safety_threat", "kind", "交通事故", 10},
    {"safety_threat", "kind", "人身伤害", 8},
    {"safety_threat", "kind", "其他", 7},
    {"public_opinion", "reach", "班级/宿舍群", 50},
    {"public_opinion", "reach", "校内", 35},
    {"public_opinion", "reach", "校外媒体/全网", 15},
};

static const char *const gen_ack_notes[] = {"已知悉，正在联系学生本人。",
    "收到，马上处理。", "已知悉，会尽快跟进。", "收到，已安排人员到场。", NULL};

static const char *const gen_escalate_reasons[] = {
    "电话多次无人接听，按规定报上一级。", "事态可能扩大，请上级协调处理。",
    "涉及多名学生，需院系统一安排。", NULL};

static const char *const gen_reopen_reasons[] = {
    "学生再次出现类似情况，重新跟进。", "家长反映问题尚未解决，重新处理。",
    "经复查，整改措施未落实到位。", NULL};

/* --- what the generator keeps of what it made -------------------------- */

struct gen_person {
	char name[24];
	char phone[16];
	const char *title;
};

struct gen_class {
	char name[32];
	size_t dept;
	size_t counselor; /* person */
	size_t first, n;  /* its students */
};

struct gen_room {
	size_t building;
	char name[8];
	size_t occ[GEN_BEDS]; /* students */
	size_t nocc;
};

struct gen_student {
	char number[16];
	char name[24];
	char phone[16];
	bool male;
	size_t cls;
	size_t room;
};

struct gen_user {
	char login[16];
	char display[24];
	char password[16];
	size_t person; /* SIZE_MAX: none */
};

enum gen_fate {
	GEN_AUTO,
	GEN_OPEN,  /* nobody acknowledges it */
	GEN_ACKED, /* acknowledged, not resolved */
	GEN_RESOLVED
};

/* Fields a planned incident must have: id, value (static strings). */
struct gen_force {
	const char *v[4][2];
};

/* One incident: what it must be (planned), then what became of it. */
struct gen_inc {
	const struct policy_category *c;
	const struct gen_cat *cat;
	const char *severity; /* NULL: drawn */
	int64_t occurred;
	int64_t reported;
	long want[2]; /* students, -1: drawn */
	int nwant;    /* -1: drawn */
	long room;    /* -1: drawn / none */
	long force;   /* into g->forces, -1 */
	enum gen_fate fate;
	/* Once logged. */
	int64_t id;
	const struct policy_severity *sv;
	size_t stu[3];
	size_t nstu;
	long cls, dept; /* -1: none */
	int logger;     /* enum gen_who */
	int64_t late_t; /* the student back */
	bool warning;   /* raised by the engine */
	bool reopened;
};

enum gen_step_kind {
	GEN_LOG,
	GEN_CALL, /* arg: enum incident_result */
	GEN_ESCALATE,
	GEN_ACK,
	GEN_NOTE, /* arg: which note */
	GEN_RESOLVE,
	GEN_REOPEN,
	GEN_TICK
};

struct gen_step {
	int64_t at;
	uint64_t seq; /* equal times: first pushed first */
	size_t inc;
	enum gen_step_kind kind;
	int arg;
};

struct gen {
	struct yj_app *a;
	const struct policy *p;
	const struct gen_opts *o;
	struct batch batch;
	struct rng rng;
	int64_t now;
	int cohort; /* entry year of the newest */

	size_t scale; /* classes per major, buildings: ×scale */
	size_t nbuildings;
	struct gen_room *rooms;
	size_t nrooms;
	struct gen_class *classes;
	size_t nclasses;
	struct gen_student *students;
	size_t nstudents, capstudents;
	struct gen_person *people;
	size_t npeople, cappeople;
	size_t leader[GEN_NDEPTS]; /* person */
	size_t *school;            /* per school-scope level */
	size_t *office;            /* per office: person */
	size_t counselor1;         /* person */
	size_t gap;                /* counselor with no phone */
	struct gen_user users[GEN_NUSERS];
	size_t frequent; /* students 0..frequent-1 */
	size_t hot;

	struct gen_inc *incs;
	size_t nincs, capincs;
	struct gen_force *forces;
	size_t nforces;
	struct gen_step *heap;
	size_t nheap, capheap;
	uint64_t seq;
	int64_t last_tick;
	size_t *by_id; /* incident id → index */
	size_t nby_id;
	int64_t *touched; /* by the tick running */
	size_t ntouched, captouched;
	long logged, planned;
};

/* --- small helpers ----------------------------------------------------- */

static void
gen_name(struct gen *g, bool male, char *out, size_t size)
{
	const char *const *given = male ? gen_given_m : gen_given_f;
	size_t ns = gen_count(gen_surnames);
	size_t ng = gen_count(given), a, b;
	uint64_t u = rng_next(&g->rng) >> 40; /* 24 bits */

	/* u² leans towards the common surnames at the head of the list. */
	a = (size_t)((u * u * ns) >> 48);
	if (a >= ns)
		a = ns - 1;
	if (gen_pct(&g->rng, 25)) {
		snprintf(out, size, "%s%s", gen_surnames[a],
		    given[rng_below(&g->rng, ng)]);
		return;
	}
	b = rng_below(&g->rng, ng);
	snprintf(out, size, "%s%s%s", gen_surnames[a], given[b],
	    given[(b + 1 + rng_below(&g->rng, ng - 1)) % ng]);
}

static void
gen_phone(struct gen *g, char *out, size_t size)
{
	snprintf(out, size, "%s%08u", gen_pick(&g->rng, gen_mobile),
	    (unsigned)rng_below(&g->rng, 100000000));
}

/* "HH:MM" in local time. */
static void
gen_hhmm(int64_t t, char *out, size_t size)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL)
		snprintf(out, size, "?");
	else
		snprintf(out, size, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

/* Local midnight days_ago days before now, plus minute minutes. */
static int64_t
gen_day(const struct gen *g, int days_ago, int minute)
{
	struct tm tm;
	time_t t = (time_t)g->now;

	localtime_r(&t, &tm);
	tm.tm_mday -= days_ago;
	tm.tm_hour = 0;
	tm.tm_min = minute;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* The morning after the night of t, minute minutes after midnight. */
static int64_t
gen_morning(int64_t t, int minute)
{
	struct tm tm;
	time_t tt = (time_t)(t - 6 * GEN_HOUR);

	localtime_r(&tt, &tm);
	tm.tm_mday += 1;
	tm.tm_hour = 0;
	tm.tm_min = minute;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* t, or when it falls at night, some time the next working morning. */
static int64_t
gen_awake(struct gen *g, int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	localtime_r(&tt, &tm);
	if (tm.tm_hour >= 8 && tm.tm_hour < 22)
		return t;
	if (tm.tm_hour >= 22)
		tm.tm_mday++;
	tm.tm_hour = 0;
	tm.tm_min = (int)rng_between(&g->rng, 8 * 60, 11 * 60);
	tm.tm_sec = (int)rng_between(&g->rng, 0, 59);
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* Whether t is when students are in their rooms (22:30 to 07:00). */
static bool
gen_night(int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	localtime_r(&tt, &tm);
	return tm.tm_hour < 7 || tm.tm_hour * 60 + tm.tm_min >= 22 * 60 + 30;
}

static int
gen_weekday(int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	localtime_r(&tt, &tm);
	return tm.tm_wday;
}

static const char *
gen_title(const char *id, const char *fallback)
{
	size_t i;

	for (i = 0; i < sizeof gen_titles / sizeof gen_titles[0]; i++) {
		if (strcmp(gen_titles[i].id, id) == 0)
			return gen_titles[i].title;
	}
	return fallback;
}

static bool
gen_is(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* A new person with a name no other person has; their index in *idx. */
static void
gen_person_add(struct gen *g, const char *title, bool phone, size_t *idx)
{
	struct gen_person *pe;
	size_t i;
	bool taken;

	if (g->npeople == g->cappeople) {
		g->cappeople = g->cappeople ? g->cappeople * 2 : 64;
		g->people =
		    xreallocarray(g->people, g->cappeople, sizeof *g->people);
	}
	pe = &g->people[g->npeople];
	memset(pe, 0, sizeof *pe);
	do {
		gen_name(g, gen_pct(&g->rng, 60), pe->name, sizeof pe->name);
		for (taken = false, i = 0; i < g->npeople && !taken; i++)
			taken = strcmp(g->people[i].name, pe->name) == 0;
	} while (taken);
	if (phone)
		gen_phone(g, pe->phone, sizeof pe->phone);
	pe->title = title;
	*idx = g->npeople++;
}

/* --- the organisation: a roster ---------------------------------------- */

/* The next free room for a man or a woman of department dept. */
static enum yj_status
gen_next_room(const struct gen *g, bool male, size_t dept, size_t *room,
    size_t *cursor, struct yj_error *err)
{
	size_t half = g->nbuildings / 2, base = male ? 0 : half, k, b;

	for (k = 0; k < half; k++) {
		b = base + (dept + k) % half;
		if (cursor[b] < GEN_ROOMS_PER) {
			*room = b * GEN_ROOMS_PER + cursor[b]++;
			return YJ_OK;
		}
	}
	return yj_fail(err, YJ_BAD_INPUT, "gen: the dormitories are full");
}

static enum yj_status
gen_student_add(struct gen *g, size_t cls, int year, size_t dept, size_t cc,
    size_t seq, size_t *cur_m, size_t *cur_f, size_t *cursor,
    struct yj_error *err)
{
	struct gen_student *st;
	struct gen_room *rm;
	enum yj_status r;
	size_t *cur;

	if (g->nstudents == g->capstudents) {
		g->capstudents = g->capstudents ? g->capstudents * 2 : 1024;
		g->students = xreallocarray(
		    g->students, g->capstudents, sizeof *g->students);
	}
	st = &g->students[g->nstudents];
	memset(st, 0, sizeof *st);
	st->male = gen_pct(&g->rng, gen_depts[dept].male);
	gen_name(g, st->male, st->name, sizeof st->name);
	gen_phone(g, st->phone, sizeof st->phone);
	/* Each part is two digits: the bounds say so. */
	snprintf(st->number, sizeof st->number, "%04d%02u%02u%02u", year,
	    (unsigned)(dept + 1) % 100, (unsigned)cc % 100,
	    (unsigned)seq % 100);
	st->cls = cls;

	/* Classmates of one sex fill rooms four at a time. */
	cur = st->male ? cur_m : cur_f;
	if (*cur == SIZE_MAX || g->rooms[*cur].nocc == GEN_BEDS) {
		if ((r = gen_next_room(g, st->male, dept, cur, cursor, err)) !=
		    YJ_OK)
			return r;
	}
	rm = &g->rooms[*cur];
	rm->occ[rm->nocc++] = g->nstudents;
	st->room = *cur;
	g->nstudents++;
	return YJ_OK;
}

/* Departments, classes of four cohorts, dormitories, students. */
static enum yj_status
gen_org(struct gen *g, struct yj_error *err)
{
	struct roster_student *rows;
	struct roster_counts counts;
	struct gen_class *cl;
	struct gen_room *rm;
	const struct gen_student *st;
	struct diags d;
	char(*bnames)[24];
	size_t *cursor;
	size_t i, b, f, k, y, m, n, cc, cur_m, cur_f;
	enum yj_status r;
	int year;

	g->nrooms = g->nbuildings * GEN_ROOMS_PER;
	g->rooms = xcalloc(g->nrooms, sizeof *g->rooms);
	cursor = xcalloc(g->nbuildings, sizeof *cursor);
	for (b = 0; b < g->nbuildings; b++) {
		for (f = 0; f < GEN_FLOORS; f++) {
			for (k = 0; k < GEN_PER_FLOOR; k++) {
				rm = &g->rooms[b * GEN_ROOMS_PER +
				    f * GEN_PER_FLOOR + k];
				rm->building = b;
				snprintf(rm->name, sizeof rm->name, "%zu%02zu",
				    f + 1, k + 1);
			}
		}
	}

	/* The computer-science majors are large: two classes a year. */
	g->classes =
	    xcalloc(GEN_NDEPTS * GEN_COHORTS * GEN_MAJORS * 2 * g->scale,
		sizeof *g->classes);
	for (i = 0; i < GEN_NDEPTS; i++) {
		for (y = 0; y < GEN_COHORTS; y++) {
			year = g->cohort - (int)y;
			cc = 0;
			for (m = 0; m < GEN_MAJORS; m++) {
				n = (i == 0 ? 2 : 1) * g->scale;
				for (k = 0; k < n; k++) {
					cl = &g->classes[g->nclasses];
					cl->dept = i;
					cl->counselor = SIZE_MAX;
					snprintf(cl->name, sizeof cl->name,
					    "%s%02d%02zu",
					    gen_depts[i].majors[m], year % 100,
					    k + 1);
					cc++;
					cl->first = g->nstudents;
					cl->n = (size_t)rng_between(
					    &g->rng, 26, 34);
					cur_m = cur_f = SIZE_MAX;
					for (f = 0; f < cl->n; f++) {
						if ((r = gen_student_add(g,
							 g->nclasses, year, i,
							 cc, f + 1, &cur_m,
							 &cur_f, cursor,
							 err)) != YJ_OK) {
							free(cursor);
							return r;
						}
					}
					g->nclasses++;
				}
			}
		}
	}

	free(cursor);

	/* The roster, as a student-affairs office would import it. */
	rows = xcalloc(g->nstudents + 1, sizeof *rows);
	bnames = xcalloc(g->nbuildings, sizeof *bnames);
	for (b = 0; b < g->nbuildings; b++)
		snprintf(bnames[b], sizeof bnames[b], "%zu", b + 1);
	for (i = 0; i < g->nstudents; i++) {
		st = &g->students[i];
		rows[i].number = st->number;
		rows[i].name = st->name;
		rows[i].gender = st->male ? "男" : "女";
		rows[i].department = gen_depts[g->classes[st->cls].dept].name;
		rows[i].class_name = g->classes[st->cls].name;
		rows[i].building = bnames[g->rooms[st->room].building];
		rows[i].room = g->rooms[st->room].name;
		rows[i].phone = st->phone;
	}
	diags_init(&d, "gen roster");
	r = roster_import_rows(
	    g->a, rows, g->nstudents, false, true, &counts, &d, err);
	if (r != YJ_OK && diags_count(&d) > 0)
		yj_fail(
		    err, r, "gen: roster line %d: %s", d.v[0].line, d.v[0].msg);
	diags_done(&d);
	free(bnames);
	free(rows);
	return r;
}

/* --- the people responsible: a contacts list --------------------------- */

/*
 * Counselors cover two or three classes of their department each; the
 * first counselor of one department has no phone on record, so the
 * coverage report has two classes to show (and gen_responsible's gaps).
 */
static void
gen_counselors(struct gen *g)
{
	size_t i, k, first, n, left, take, person;

	for (i = 0; i < GEN_NDEPTS; i++) {
		first = SIZE_MAX;
		for (n = k = 0; k < g->nclasses; k++) {
			if (g->classes[k].dept == i) {
				if (first == SIZE_MAX)
					first = k;
				n++;
			}
		}
		for (k = first; k < first + n; k += take) {
			left = first + n - k;
			if (left <= 3)
				take = left;
			else if (left == 4 || (i == GEN_GAP_DEPT && k == first))
				take = 2;
			else
				take = 2 + rng_below(&g->rng, 2);
			gen_person_add(g, gen_title("counselor", "辅导员"),
			    !(i == GEN_GAP_DEPT && k == first), &person);
			if (i == 0 && k == first)
				g->counselor1 = person;
			if (i == GEN_GAP_DEPT && k == first)
				g->gap = person;
			for (left = 0; left < take; left++)
				g->classes[k + left].counselor = person;
		}
	}
	for (i = 0; i < GEN_NDEPTS; i++)
		gen_person_add(g, gen_title("department", "党委副书记"), true,
		    &g->leader[i]);
}

/*
 * Someone at every level (per its scope) and every office: the coverage
 * is complete but for the demo's deliberate gaps, which `coverage` shows:
 * the counselor of two classes of one department without a phone
 * (gen_counselors), and the last dormitory building without a manager
 * (GEN_NO_MANAGER), whose incidents on the dormitory path go straight on
 * to the Logistics Office.
 */
/* Whether anyone lives in building k (so that the roster names it). */
static bool
gen_building_lived_in(const struct gen *g, size_t k)
{
	size_t	 i;

	for (i = 0; i < g->nrooms; i++) {
		if (g->rooms[i].building == k && g->rooms[i].nocc > 0)
			return true;
	}
	return false;
}

static enum yj_status
gen_responsible(struct gen *g, struct yj_error *err)
{
	const struct policy *p = g->p;
	const struct policy_level *lv;
	struct roster_contact *v;
	struct diags d;
	enum yj_status r;
	size_t i, k, n = 0, nclass = 0, ndept = 0;
	size_t *who, cap;
	char(*bnames)[24];
	int count;

	gen_counselors(g);
	cap = p->nlevels * (g->nclasses + GEN_NDEPTS + g->nbuildings) +
	    p->noffices + 1;
	/* Named as the roster names them (gen_org). */
	bnames = xcalloc(g->nbuildings + 1, sizeof *bnames);
	for (k = 0; k < g->nbuildings; k++)
		snprintf(bnames[k], sizeof bnames[k], "%zu", k + 1);
	v = xcalloc(cap, sizeof *v);
	who = xcalloc(cap, sizeof *who);
	g->school = xcalloc(p->nlevels + 1, sizeof *g->school);
	g->office = xcalloc(p->noffices + 1, sizeof *g->office);
	for (i = 0; i < p->nlevels; i++) {
		lv = &p->levels[i];
		g->school[i] = SIZE_MAX;
		switch (lv->scope) {
		case POLICY_SCOPE_CLASS:
			for (k = 0; k < g->nclasses; k++) {
				v[n].level = lv->id;
				v[n].unit = g->classes[k].name;
				who[n] = g->classes[k].counselor;
				if (nclass > 0)
					gen_person_add(
					    g, lv->name, true, &who[n]);
				n++;
			}
			nclass++;
			break;
		case POLICY_SCOPE_DEPARTMENT:
			for (k = 0; k < GEN_NDEPTS; k++) {
				v[n].level = lv->id;
				v[n].unit = gen_depts[k].name;
				who[n] = g->leader[k];
				if (ndept > 0)
					gen_person_add(
					    g, lv->name, true, &who[n]);
				n++;
			}
			ndept++;
			break;
		case POLICY_SCOPE_SCHOOL:
			v[n].level = lv->id;
			v[n].unit = "";
			gen_person_add(
			    g, gen_title(lv->id, lv->name), true, &who[n]);
			g->school[i] = who[n++];
			break;
		case POLICY_SCOPE_BUILDING:
			for (k = 0; k < g->nbuildings; k++) {
				/*
				 * Only a building someone lives in is on the
				 * roster (a big scale leaves some empty).
				 */
				if (k == GEN_NO_MANAGER(g) ||
				    !gen_building_lived_in(g, k))
					continue;
				v[n].level = lv->id;
				v[n].unit = bnames[k];
				gen_person_add(g, gen_title(lv->id, lv->name),
				    true, &who[n]);
				n++;
			}
			break;
		case POLICY_NSCOPES:
			break;
		}
	}
	for (i = 0; i < p->noffices; i++) {
		v[n].level = p->offices[i].id;
		v[n].unit = "";
		gen_person_add(g,
		    gen_title(p->offices[i].id, p->offices[i].name), true,
		    &who[n]);
		g->office[i] = who[n++];
	}
	/* Everyone is made: the people no longer move. */
	for (i = 0; i < n; i++) {
		v[i].name = g->people[who[i]].name;
		v[i].phone = g->people[who[i]].phone;
		v[i].title = g->people[who[i]].title;
	}
	diags_init(&d, "gen contacts");
	r = roster_contacts_rows(g->a, v, n, false, true, &count, &d, err);
	if (r != YJ_OK && diags_count(&d) > 0)
		yj_fail(err, r, "gen: contact %d: %s", d.v[0].line, d.v[0].msg);
	diags_done(&d);
	free(who);
	free(v);
	free(bnames);
	return r;
}

/* The person at the school-scope level or the office with that id. */
static size_t
gen_school_person(const struct gen *g, const char *id)
{
	const struct policy *p = g->p;
	size_t i;

	for (i = 0; i < p->nlevels; i++) {
		if (strcmp(p->levels[i].id, id) == 0)
			return g->school[i];
	}
	for (i = 0; i < p->noffices; i++) {
		if (strcmp(p->offices[i].id, id) == 0)
			return g->office[i];
	}
	return SIZE_MAX;
}

/* --- users ------------------------------------------------------------- */

static enum yj_status
gen_users(struct gen *g, struct yj_error *err)
{
	struct rng pw = {g->o->seed ^ 0x7061737377307264ULL};
	struct users_new n;
	struct gen_user *u;
	const char **scope = NULL;
	enum yj_status r = YJ_OK;
	size_t i, k, nscope;

	for (i = 0; i < GEN_NUSERS && r == YJ_OK; i++) {
		u = &g->users[i];
		snprintf(
		    u->login, sizeof u->login, "%s", gen_user_defs[i].login);
		for (k = 0; k < 10; k++)
			u->password[k] = gen_pw_chars[rng_below(
			    &pw, sizeof gen_pw_chars - 1)];
		u->password[k] = '\0';
		u->person = SIZE_MAX;
		nscope = 0;
		free(scope);
		scope = NULL;
		switch (i) {
		case GEN_DUTY1:
		case GEN_DUTY2:
			/* On duty, responsible for no unit: no contact. */
			gen_name(g, gen_pct(&g->rng, 60), u->display,
			    sizeof u->display);
			break;
		case GEN_COUNSELOR:
			u->person = g->counselor1;
			scope = xcalloc(g->nclasses, sizeof *scope);
			for (k = 0; k < g->nclasses; k++) {
				if (g->classes[k].counselor == g->counselor1)
					scope[nscope++] = g->classes[k].name;
			}
			break;
		case GEN_DEPT:
			u->person = g->leader[0];
			scope = xcalloc(1, sizeof *scope);
			scope[nscope++] = gen_depts[0].name;
			break;
		case GEN_XSC:
			u->person = gen_school_person(g, "student_affairs");
			break;
		case GEN_LEADER:
			u->person = gen_school_person(g, "school_leader");
			break;
		case GEN_XINLI:
			u->person = gen_school_person(g, "counseling_center");
			break;
		}
		if (u->person != SIZE_MAX)
			snprintf(u->display, sizeof u->display, "%s",
			    g->people[u->person].name);
		else if (*u->display == '\0')
			memcpy(u->display, u->login, sizeof u->login);
		memset(&n, 0, sizeof n);
		n.login = u->login;
		n.display = u->display;
		n.role = gen_user_defs[i].role;
		n.person =
		    u->person != SIZE_MAX ? g->people[u->person].name : NULL;
		n.scope = scope;
		n.nscope = nscope;
		n.password = u->password;
		r = users_add(g->a, &n, true, err);
	}
	free(scope);
	return r;
}

/* --- texts ------------------------------------------------------------- */

/* An incident as it is being written down, for the templates. */
struct gen_draft {
	const struct gen_inc *x;
	char **keys; /* fields so far */
	char **values;
	int64_t *ftime; /* time fields' moments */
	size_t nfields;
	const char *reporter;
	const char *location; /* "" for the room */
};

static const struct gen_cat *
gen_cat_of(const char *id)
{
	size_t i;

	for (i = 0; i < sizeof gen_cats / sizeof gen_cats[0]; i++) {
		if (strcmp(gen_cats[i].id, id) == 0)
			return &gen_cats[i];
	}
	return &gen_cat_other;
}

/* The value of field id so far, or NULL. */
static const char *
gen_fval(const struct gen_draft *dr, const char *id, int64_t *t)
{
	size_t i;

	for (i = 0; i < dr->nfields; i++) {
		if (strcmp(dr->keys[i], id) == 0) {
			if (t != NULL)
				*t = dr->ftime[i];
			return dr->values[i];
		}
	}
	/* Known once the student is back (see gen_resolve). */
	if (gen_is(id, "returned_at") && dr->x->late_t != 0) {
		if (t != NULL)
			*t = dr->x->late_t;
		return "";
	}
	return NULL;
}

static bool
gen_ftrue(const struct gen_draft *dr, const char *id)
{
	return gen_is(gen_fval(dr, id, NULL), "true");
}

/* The room as people say it: "6号楼402室". */
static void
gen_room_text(const struct gen *g, long room, struct buf *out)
{
	const struct gen_room *rm;

	if (room < 0) {
		buf_puts(out, "宿舍");
		return;
	}
	rm = &g->rooms[room];
	buf_printf(out, "%zu号楼%s室", rm->building + 1, rm->name);
}

/* The end of the {...} that starts at s (just after the '{'). */
static const char *
gen_close(const char *s)
{
	int depth = 1;

	for (; *s != '\0'; s++) {
		if (*s == '{')
			depth++;
		else if (*s == '}' && --depth == 0)
			return s;
	}
	return s;
}

/* The '|' at depth 0 in [s, end), or end. */
static const char *
gen_bar(const char *s, const char *end)
{
	int depth = 0;

	for (; s < end; s++) {
		if (*s == '{')
			depth++;
		else if (*s == '}')
			depth--;
		else if (*s == '|' && depth == 0)
			return s;
	}
	return end;
}

static void gen_expand(const struct gen *, const struct gen_draft *,
    const char *, size_t, struct buf *);

/*
 * Templates: {name} the students, {first} the first, {class} its class,
 * {room} the room, {place} the location (else the room), {time} when it
 * happened, {reporter}, {cat} the category's name, {f:ID} a field's value,
 * {b:ID|yes|no} by a bool field (branches may hold templates too).
 */
static void
gen_token(const struct gen *g, const struct gen_draft *dr, const char *tok,
    size_t len, struct buf *out)
{
	const struct gen_inc *x = dr->x;
	const struct policy_field *f = NULL;
	const char *v, *bar1, *bar2, *end = tok + len;
	char id[64], hm[8];
	int64_t t = 0;
	size_t i;

#define GEN_TOK(s) (len == strlen(s) && memcmp(tok, s, len) == 0)
	if (GEN_TOK("name") || GEN_TOK("first")) {
		for (i = 0; i < x->nstu && (i == 0 || GEN_TOK("name")); i++)
			buf_printf(out, "%s%s", i ? "、" : "",
			    g->students[x->stu[i]].name);
	} else if (GEN_TOK("class")) {
		if (x->cls >= 0)
			buf_puts(out, g->classes[x->cls].name);
	} else if (GEN_TOK("room")) {
		gen_room_text(g, x->room, out);
	} else if (GEN_TOK("place")) {
		if (dr->location != NULL && *dr->location != '\0')
			buf_puts(out, dr->location);
		else
			gen_room_text(g, x->room, out);
	} else if (GEN_TOK("time")) {
		gen_hhmm(x->occurred, hm, sizeof hm);
		buf_puts(out, hm);
	} else if (GEN_TOK("reporter")) {
		buf_puts(out, dr->reporter != NULL ? dr->reporter : "");
	} else if (GEN_TOK("cat")) {
		buf_puts(out, x->c->name);
	} else if (len > 2 && (tok[0] == 'f' || tok[0] == 'b') &&
	    tok[1] == ':') {
		bar1 = gen_bar(tok + 2, end);
		snprintf(id, sizeof id, "%.*s", (int)(bar1 - tok - 2), tok + 2);
		for (i = 0; i < x->c->nfields; i++) {
			if (strcmp(x->c->fields[i].id, id) == 0)
				f = &x->c->fields[i];
		}
		v = gen_fval(dr, id, &t);
		if (tok[0] == 'b') {
			bar2 = bar1 < end ? gen_bar(bar1 + 1, end) : end;
			if (v != NULL && strcmp(v, "true") == 0)
				gen_expand(g, dr, bar1 + (bar1 < end),
				    (size_t)(bar2 - bar1 - (bar1 < end)), out);
			else if (bar2 < end)
				gen_expand(g, dr, bar2 + 1,
				    (size_t)(end - bar2 - 1), out);
		} else if (v == NULL)
			buf_puts(out, "不详");
		else if (f != NULL && f->type == POLICY_FIELD_BOOL)
			buf_puts(out, strcmp(v, "true") == 0 ? "是" : "否");
		else if (f != NULL && f->type == POLICY_FIELD_TIME) {
			gen_hhmm(t, hm, sizeof hm);
			buf_puts(out, hm);
		} else
			buf_puts(out, v);
	} else
		buf_printf(out, "{%.*s}", (int)len, tok);
#undef GEN_TOK
}

static void
gen_expand(const struct gen *g, const struct gen_draft *dr, const char *s,
    size_t len, struct buf *out)
{
	const char *end = s + len, *close, *open;

	while (s < end) {
		open = memchr(s, '{', (size_t)(end - s));
		if (open == NULL) {
			buf_add(out, s, (size_t)(end - s));
			return;
		}
		buf_add(out, s, (size_t)(open - s));
		close = gen_close(open + 1);
		if (close > end)
			close = end;
		gen_token(g, dr, open + 1, (size_t)(close - open - 1), out);
		s = close < end ? close + 1 : end;
	}
}

static char *
gen_text(const struct gen *g, const struct gen_draft *dr, const char *tpl)
{
	struct buf b;

	buf_init(&b);
	gen_expand(g, dr, tpl, strlen(tpl), &b);
	return buf_steal(&b);
}

/* A text about x after it was logged (its fields are not kept). */
static char *
gen_later_text(const struct gen *g, const struct gen_inc *x, const char *tpl)
{
	struct gen_draft dr;

	memset(&dr, 0, sizeof dr);
	dr.x = x;
	return gen_text(g, &dr, tpl);
}

/* --- fields ------------------------------------------------------------ */

static size_t
gen_choice(struct gen *g, const struct gen_inc *x, const struct policy_field *f)
{
	int w[64], total = 0, pick;
	size_t i, k, n = f->nchoices < 64 ? f->nchoices : 64;

	for (i = 0; i < n; i++) {
		w[i] = 10;
		for (k = 0; k <
		     sizeof gen_choice_weights / sizeof gen_choice_weights[0];
		     k++) {
			if (gen_is(gen_choice_weights[k].cat, x->c->id) &&
			    gen_is(gen_choice_weights[k].field, f->id) &&
			    gen_is(gen_choice_weights[k].choice, f->choices[i]))
				w[i] = gen_choice_weights[k].weight;
		}
		total += w[i];
	}
	pick = (int)rng_below(&g->rng, (size_t)total);
	for (i = 0; i + 1 < n && pick >= w[i]; i++)
		pick -= w[i];
	return i;
}

static int
gen_bool_pct(const struct gen_draft *dr, const char *field)
{
	const char *cid = dr->x->c->id, *v;
	size_t i;

	if (gen_is(cid, "mental_health") && gen_is(field, "self_harm")) {
		v = gen_fval(dr, "risk", NULL);
		return gen_is(v, "高") ? 60 : gen_is(v, "中") ? 15 : 0;
	}
	if (gen_is(cid, "drinking") && gen_is(field, "hospital"))
		return gen_ftrue(dr, "intoxicated") ? 20 : 0;
	if (gen_is(cid, "safety_threat") && gen_is(field, "injured")) {
		v = gen_fval(dr, "kind", NULL);
		return gen_is(v, "人身伤害") || gen_is(v, "交通事故") ||
			gen_is(v, "溺水")
		    ? 80
		    : gen_is(v, "火情") ? 20
					: 3;
	}
	if (gen_is(cid, "fighting") && gen_is(field, "police_called"))
		return gen_ftrue(dr, "weapon") ? 80 : 10;
	for (i = 0; i < sizeof gen_bool_pcts / sizeof gen_bool_pcts[0]; i++) {
		if (gen_is(gen_bool_pcts[i].cat, cid) &&
		    gen_is(gen_bool_pcts[i].field, field))
			return gen_bool_pcts[i].pct;
	}
	return 50;
}

/*
 * A value of the field's type that fits the incident, as the duty officer
 * would type it; *t the moment for a time field.
 */
static char *
gen_field_value(struct gen *g, const struct gen_draft *dr,
    const struct policy_field *f, int64_t *t)
{
	const struct gen_inc *x = dr->x;
	const char *cid = x->c->id, *v;
	char when[40], name[24];
	int64_t lo = 1, hi = 10, step = 1, n;
	size_t i;

	*t = 0;
	switch (f->type) {
	case POLICY_FIELD_BOOL:
		if (gen_is(cid, "all_night_internet") &&
		    gen_is(f->id, "off_campus"))
			return xstrdup(
			    gen_is(gen_fval(dr, "venue", NULL), "宿舍")
				? "false"
				: "true");
		return xstrdup(gen_pct(&g->rng, gen_bool_pct(dr, f->id))
			? "true"
			: "false");
	case POLICY_FIELD_NUMBER:
		for (i = 0; i < sizeof gen_numbers / sizeof gen_numbers[0];
		     i++) {
			if (gen_is(gen_numbers[i].cat, cid) &&
			    gen_is(gen_numbers[i].field, f->id)) {
				lo = gen_numbers[i].lo;
				hi = gen_numbers[i].hi;
				step = gen_numbers[i].step;
			}
		}
		if (gen_is(cid, "safety_threat") && gen_is(f->id, "loss") &&
		    gen_is(gen_fval(dr, "kind", NULL), "诈骗")) {
			lo = 500;
			hi = 30000;
		}
		n = lo + rng_between(&g->rng, 0, (hi - lo) / step) * step;
		if (gen_is(f->id, "count") && n < (int64_t)x->nstu)
			n = (int64_t)x->nstu;
		return xasprintf("%lld", (long long)n);
	case POLICY_FIELD_TIME:
		/* Typed to the minute, as the form takes it. */
		*t = x->occurred;
		if (gen_is(cid, "night_absence") && gen_is(f->id, "last_seen"))
			*t -= rng_between(&g->rng, 60, 8 * 60) * GEN_MIN;
		*t -= *t % GEN_MIN;
		return xstrdup(caltime_format_local(*t, when, sizeof when));
	case POLICY_FIELD_CHOICE:
		if (f->nchoices == 0)
			return xstrdup("");
		return xstrdup(f->choices[gen_choice(g, x, f)]);
	case POLICY_FIELD_TEXT:
		break;
	}
	if (gen_is(cid, "night_absence") && gen_is(f->id, "whereabouts") &&
	    !gen_ftrue(dr, "phone_reached"))
		return xstrdup("不明");
	if (gen_is(cid, "truancy") && gen_is(f->id, "teacher")) {
		gen_name(g, gen_pct(&g->rng, 50), name, sizeof name);
		return xstrdup(name);
	}
	if (gen_is(cid, "public_opinion") && gen_is(f->id, "url")) {
		v = gen_fval(dr, "platform", NULL);
		if (gen_is(v, "微博"))
			return xasprintf("https://weibo.com/%u/%llx",
			    (unsigned)rng_between(
				&g->rng, 1000000000, 2000000000),
			    (unsigned long long)(rng_next(&g->rng) >> 20));
		if (gen_is(v, "抖音"))
			return xasprintf("https://www.douyin.com/video/"
					 "7%018llu",
			    (unsigned long long)(rng_next(&g->rng) %
				1000000000000000000ULL));
		if (gen_is(v, "小红书"))
			return xasprintf("https://www.xiaohongshu.com/explore/"
					 "%016llx",
			    (unsigned long long)rng_next(&g->rng));
		return xstrdup("（无链接，已截图保存）");
	}
	for (i = 0; i < sizeof gen_text_pools / sizeof gen_text_pools[0]; i++) {
		if (gen_is(gen_text_pools[i].cat, cid) &&
		    gen_is(gen_text_pools[i].field, f->id))
			return xstrdup(
			    gen_pick(&g->rng, gen_text_pools[i].pool));
	}
	return xstrdup("详见情况描述");
}

/* --- who is involved --------------------------------------------------- */

static bool
gen_reachable_class(const struct gen *g, size_t k)
{
	return g->classes[g->students[k].cls].counselor != g->gap;
}

/*
 * A student incidents may name: not in a class with nobody to phone; of
 * counselor1's classes when asked; now and then one of the few often in
 * trouble, or the roster's middle one (the benchmark's history query).
 */
static size_t
gen_any_student(struct gen *g, bool counselor1)
{
	const struct gen_student *st;
	size_t k;

	if (!counselor1 && g->o->hot > 0 &&
	    (int)rng_below(&g->rng, 10000) < g->o->hot)
		return g->hot;
	for (;;) {
		if (!counselor1 && g->o->frequent > 0 &&
		    gen_pct(&g->rng, g->o->frequent))
			k = rng_below(&g->rng, g->frequent);
		else
			k = rng_below(&g->rng, g->nstudents);
		st = &g->students[k];
		if (!gen_reachable_class(g, k))
			continue;
		if (counselor1 &&
		    g->classes[st->cls].counselor != g->counselor1)
			continue;
		return k;
	}
}

/* Another student close to the first: a roommate or a classmate. */
static size_t
gen_near_student(struct gen *g, size_t first)
{
	const struct gen_student *st = &g->students[first];
	const struct gen_room *rm = &g->rooms[st->room];
	const struct gen_class *cl = &g->classes[st->cls];
	size_t k;

	if (rm->nocc > 1 && gen_pct(&g->rng, 60)) {
		k = rm->occ[rng_below(&g->rng, rm->nocc)];
		if (k != first)
			return k;
	}
	do {
		k = cl->first + rng_below(&g->rng, cl->n);
	} while (k == first && cl->n > 1);
	return k;
}

/* A classmate of k other than k and, when possible, other than not. */
static size_t
gen_classmate(struct gen *g, size_t k, size_t not )
{
	const struct gen_class *cl = &g->classes[g->students[k].cls];
	size_t m, tries;

	for (tries = 0; tries < 100; tries++) {
		m = cl->first + rng_below(&g->rng, cl->n);
		if (m != k && m != not )
			return m;
	}
	return cl->first + (k == cl->first);
}

static bool
gen_involved(const struct gen_inc *x, size_t k)
{
	size_t i;

	for (i = 0; i < x->nstu; i++) {
		if (x->stu[i] == k)
			return true;
	}
	return false;
}

/* Who reported it, as the reporter role would be filled in. */
static void
gen_reporter(struct gen *g, struct gen_draft *dr, char **name, char **role)
{
	const struct policy *p = g->p;
	const struct gen_inc *x = dr->x;
	const char *rl = gen_pick(&g->rng, x->cat->roles);
	const char *v;
	char buf[24];
	size_t k, tries;

	if (policy_find(p, POLICY_REPORTER_ROLE, rl) < 0)
		rl = p->nreporter_roles > 0
		    ? p->reporter_roles[p->nreporter_roles - 1].id
		    : NULL;
	*role = rl != NULL ? xstrdup(rl) : NULL;
	if (gen_is(rl, "duty_officer")) {
		*name = xstrdup(g->users[x->logger].display);
		return;
	}
	if (gen_is(rl, "counselor") && x->cls >= 0) {
		*name = xstrdup(g->people[g->classes[x->cls].counselor].name);
		return;
	}
	if (gen_is(rl, "teacher") &&
	    (v = gen_fval(dr, "teacher", NULL)) != NULL) {
		*name = xstrdup(v);
		return;
	}
	if (gen_is(rl, "dorm_head") || gen_is(rl, "class_cadre") ||
	    gen_is(rl, "safety_officer") || gen_is(rl, "party_member") ||
	    gen_is(rl, "student_union") || gen_is(rl, "club_leader") ||
	    gen_is(rl, "security_corps")) {
		for (tries = 0; tries < 20; tries++) {
			if (x->nstu > 0 &&
			    (gen_is(rl, "dorm_head") ||
				gen_is(rl, "class_cadre") ||
				gen_is(rl, "safety_officer")))
				k = gen_near_student(g, x->stu[0]);
			else if (x->room >= 0 && g->rooms[x->room].nocc > 0)
				k = g->rooms[x->room].occ[rng_below(
				    &g->rng, g->rooms[x->room].nocc)];
			else
				k = rng_below(&g->rng, g->nstudents);
			if (!gen_involved(x, k)) {
				*name = xstrdup(g->students[k].name);
				return;
			}
		}
	}
	gen_name(g, gen_pct(&g->rng, 50), buf, sizeof buf);
	*name = xstrdup(buf);
}

static const struct policy_severity *
gen_severity(struct gen *g, const struct gen_inc *x)
{
	const struct policy_severity *sv = &g->p->severities[x->c->severity];
	const struct policy_severity *up = NULL;
	int roll = (int)rng_below(&g->rng, 1000);

	if (x->severity != NULL)
		up = policy_severity(g->p, x->severity);
	else if (roll < x->cat->emergency)
		up = policy_severity(g->p, "emergency");
	else if (roll < x->cat->emergency + x->cat->major)
		up = policy_severity(g->p, "major");
	else if (roll < 100 && x->c->severity == 0 && g->p->nseverities > 1)
		up = &g->p->severities[1];
	/* Never below the category's own. */
	if (up != NULL && up - g->p->severities >= (ptrdiff_t)x->c->severity)
		sv = up;
	return sv;
}

/* --- the plan ---------------------------------------------------------- */

static void
gen_push(
    struct gen *g, int64_t at, size_t inc, enum gen_step_kind kind, int arg)
{
	struct gen_step t;
	size_t i, up;

	if (at > g->now)
		return; /* it has not happened yet */
	if (g->nheap == g->capheap) {
		g->capheap = g->capheap ? g->capheap * 2 : 4096;
		g->heap = xreallocarray(g->heap, g->capheap, sizeof *g->heap);
	}
	i = g->nheap++;
	g->heap[i].at = at;
	g->heap[i].seq = g->seq++;
	g->heap[i].inc = inc;
	g->heap[i].kind = kind;
	g->heap[i].arg = arg;
	while (i > 0) {
		up = (i - 1) / 2;
		if (g->heap[up].at < g->heap[i].at ||
		    (g->heap[up].at == g->heap[i].at &&
			g->heap[up].seq < g->heap[i].seq))
			break;
		t = g->heap[i];
		g->heap[i] = g->heap[up];
		g->heap[up] = t;
		i = up;
	}
}

static struct gen_step
gen_pop(struct gen *g)
{
	struct gen_step top = g->heap[0], t;
	size_t i = 0, l, m;

	g->heap[0] = g->heap[--g->nheap];
	for (;;) {
		l = 2 * i + 1;
		m = i;
		if (l < g->nheap &&
		    (g->heap[l].at < g->heap[m].at ||
			(g->heap[l].at == g->heap[m].at &&
			    g->heap[l].seq < g->heap[m].seq)))
			m = l;
		if (l + 1 < g->nheap &&
		    (g->heap[l + 1].at < g->heap[m].at ||
			(g->heap[l + 1].at == g->heap[m].at &&
			    g->heap[l + 1].seq < g->heap[m].seq)))
			m = l + 1;
		if (m == i)
			break;
		t = g->heap[i];
		g->heap[i] = g->heap[m];
		g->heap[m] = t;
		i = m;
	}
	return top;
}

static struct gen_inc *
gen_inc_new(struct gen *g, const struct policy_category *c)
{
	struct gen_inc *x;

	if (g->nincs == g->capincs) {
		g->capincs = g->capincs ? g->capincs * 2 : 256;
		g->incs = xreallocarray(g->incs, g->capincs, sizeof *g->incs);
	}
	x = &g->incs[g->nincs++];
	memset(x, 0, sizeof *x);
	x->c = c;
	x->cat = gen_cat_of(c->id);
	x->want[0] = x->want[1] = -1;
	x->nwant = -1;
	x->room = -1;
	x->force = -1;
	x->cls = x->dept = -1;
	x->fate = GEN_AUTO;
	return x;
}

/* When it happened: days_ago and minute, or drawn (-1), in the past. */
static int64_t
gen_occurred(struct gen *g, const struct gen_inc *x, int days, int minute)
{
	int wd;
	int64_t t;

	if (days < 0)
		days = (int)rng_below(&g->rng, (size_t)g->o->days);
	if (minute < 0)
		minute = (int)rng_between(&g->rng, x->cat->from, x->cat->to);
	for (;;) {
		t = gen_day(g, days, minute) + rng_between(&g->rng, 0, 59);
		wd = gen_weekday(t);
		if (x->cat->weekdays && (wd == 0 || wd == 6)) {
			days += wd == 6 ? 1 : 2;
			continue;
		}
		if (t > g->now - 20 * GEN_MIN) {
			days++;
			continue;
		}
		return t;
	}
}

/*
 * Plans an incident of category id: when it happened (days_ago, minute,
 * or occurred when non-zero; -1: drawn) and when the duty officer logs
 * it. NULL when the policy has no such category to log.
 */
static struct gen_inc *
gen_plan(struct gen *g, const char *id, int days, int minute, int64_t occurred)
{
	const struct policy_category *c = policy_category(g->p, id);
	struct gen_inc *x;
	int64_t delay, cap;

	if (c == NULL || c->system)
		return NULL;
	x = gen_inc_new(g, c);
	x->occurred =
	    occurred != 0 ? occurred : gen_occurred(g, x, days, minute);
	delay = c->report_within > 0 && c->report_within < GEN_HOUR
	    ? c->report_within
	    : GEN_HOUR;
	if (gen_pct(&g->rng, 90))
		delay = rng_between(&g->rng, 2 * GEN_MIN, delay);
	else
		delay = rng_between(&g->rng, delay, delay * 3 / 2);
	x->reported = x->occurred + delay;
	cap = g->now - GEN_MIN;
	if (x->reported > cap)
		x->reported = cap > x->occurred ? cap : x->occurred;
	/* The duty officers take turns by night. */
	x->logger = (int)(((x->reported - 8 * GEN_HOUR) / GEN_DAY) % 2) == 0
	    ? GEN_DUTY1
	    : GEN_DUTY2;
	g->planned++;
	return x;
}

static long
gen_force_add(struct gen *g, const char *k1, const char *v1, const char *k2,
    const char *v2, const char *k3, const char *v3)
{
	struct gen_force *f;

	g->forces = xreallocarray(g->forces, g->nforces + 1, sizeof *g->forces);
	f = &g->forces[g->nforces];
	memset(f, 0, sizeof *f);
	f->v[0][0] = k1;
	f->v[0][1] = v1;
	f->v[1][0] = k2;
	f->v[1][1] = v2;
	f->v[2][0] = k3;
	f->v[2][1] = v3;
	return (long)g->nforces++;
}

static size_t
gen_room_with(struct gen *g, size_t least)
{
	size_t room;

	do {
		room = rng_below(&g->rng, g->nrooms);
	} while (g->rooms[room].nocc < least);
	return room;
}

/*
 * The demo's set pieces, for the early-warning rules and the queue: one
 * student out three nights within a month, one room caught twice with an
 * appliance, one class with two fights (one of the fighters also drunk
 * that week), one class with two campus loans; one emergency and one
 * major case; a night absence the whole ladder missed (it climbed to the
 * top, reminders repeat, and it is overdue); three logged a few hours ago
 * that nobody has acknowledged yet (they climbed); two just logged.
 */
static void
gen_patterns(struct gen *g)
{
	static const char *const quiet[] = {
	    "night_absence", "prohibited_appliance", "fighting"};
	static const int nights[] = {26, 15, 4};
	struct gen_inc *x;
	size_t s1, s2, room, k;
	int i;

	s1 = gen_any_student(g, true);
	for (i = 0; i < 3; i++) {
		if ((x = gen_plan(g, "night_absence", nights[i], -1, 0)) ==
		    NULL)
			break;
		x->nwant = 1;
		x->want[0] = (long)s1;
	}

	room = g->students[gen_any_student(g, false)].room;
	while (g->rooms[room].nocc < 3)
		room = g->students[gen_any_student(g, false)].room;
	for (i = 0; i < 2; i++) {
		if ((x = gen_plan(g, "prohibited_appliance", i == 0 ? 21 : 7,
			 -1, 0)) == NULL)
			break;
		x->room = (long)room;
		x->nwant = 1;
		x->want[0] = (long)g->rooms[room].occ[i];
		x->force = gen_force_add(g, "item",
		    i == 0 ? "热得快" : "电热毯", NULL, NULL, NULL, NULL);
	}

	/* Two fights in one class; s1 fought in the second, drunk before. */
	s1 = gen_any_student(g, false);
	for (i = 0; i < 2; i++) {
		if ((x = gen_plan(g, "fighting", i == 0 ? 18 : 3, -1, 0)) ==
		    NULL)
			break;
		x->nwant = 2;
		x->want[0] = (long)(i == 0 ? gen_classmate(g, s1, s1) : s1);
		x->want[1] = (long)gen_classmate(g, s1, (size_t)x->want[0]);
	}
	if ((x = gen_plan(g, "drinking", 6, -1, 0)) != NULL) {
		x->nwant = 1;
		x->want[0] = (long)s1;
	}

	/* Two students of one class in campus loans. */
	s1 = gen_any_student(g, false);
	s2 = gen_classmate(g, s1, s1);
	for (i = 0; i < 2; i++) {
		if ((x = gen_plan(g, "campus_loan", i == 0 ? 24 : 10, -1, 0)) ==
		    NULL)
			break;
		x->nwant = 1;
		x->want[0] = (long)(i == 0 ? s1 : s2);
	}

	if ((x = gen_plan(g, "safety_threat", 33, 2 * 60 + 10, 0)) != NULL) {
		x->severity = "emergency";
		x->nwant = 0;
		x->room = (long)gen_room_with(g, 1);
		x->force = gen_force_add(g, "kind", "火情", "injured", "false",
		    "police_called", "true");
		x->fate = GEN_RESOLVED;
	}
	if ((x = gen_plan(g, "mental_health", 12, -1, 0)) != NULL) {
		x->severity = "major";
		x->nwant = 1;
		x->want[0] = (long)gen_any_student(g, true);
		x->force = gen_force_add(g, "risk", "高", "self_harm", "true",
		    "accompanied", "true");
		x->fate = GEN_RESOLVED;
	}

	/* Missed by everyone: logged the night before last. */
	if ((x = gen_plan(g, "night_absence", 0, -1,
		 g->now - 30 * GEN_HOUR -
		     rng_between(&g->rng, 0, 3 * GEN_HOUR))) != NULL)
		x->fate = GEN_OPEN;
	/* Waiting for someone: their acknowledgement is late. */
	for (k = 0; k < 3; k++) {
		if ((x = gen_plan(g, quiet[k], 0, -1,
			 g->now -
			     rng_between(&g->rng, 180 * GEN_MIN,
				 240 * GEN_MIN))) != NULL)
			x->fate = GEN_OPEN;
	}
	/* And two just logged, not yet due. */
	for (k = 0; k < 2; k++) {
		if ((x = gen_plan(g,
			 k == 0 ? "physical_health" : "safety_threat", 0, -1,
			 g->now -
			     rng_between(
				 &g->rng, 8 * GEN_MIN, 15 * GEN_MIN))) != NULL)
			x->fate = GEN_OPEN;
	}
}

/* A category drawn by weight among those the policy lets people log. */
static const char *
gen_draw_category(struct gen *g)
{
	const struct policy *p = g->p;
	size_t i, total = 0, pick;

	for (i = 0; i < p->ncategories; i++) {
		if (!p->categories[i].system)
			total +=
			    (size_t)gen_cat_of(p->categories[i].id)->weight;
	}
	if (total == 0)
		return NULL;
	pick = rng_below(&g->rng, total);
	for (i = 0; i < p->ncategories; i++) {
		if (p->categories[i].system)
			continue;
		if (pick < (size_t)gen_cat_of(p->categories[i].id)->weight)
			return p->categories[i].id;
		pick -= (size_t)gen_cat_of(p->categories[i].id)->weight;
	}
	return NULL;
}

static void
gen_plan_all(struct gen *g)
{
	const struct policy *p = g->p;
	const char *id;
	size_t i;

	if (g->o->patterns)
		gen_patterns(g);
	/* At least one of every category, then by weight. */
	for (i = 0; i < p->ncategories && (long)g->nincs < g->o->incidents;
	     i++) {
		if (!p->categories[i].system)
			(void)gen_plan(g, p->categories[i].id, -1, -1, 0);
	}
	while ((long)g->nincs < g->o->incidents) {
		if ((id = gen_draw_category(g)) == NULL)
			break;
		(void)gen_plan(g, id, -1, -1, 0);
	}
	for (i = 0; i < g->nincs; i++)
		gen_push(g, g->incs[i].reported, i, GEN_LOG, 0);
}

/* --- acting ------------------------------------------------------------ */

static void gen_known(struct gen *, int64_t, size_t);

static enum yj_status
gen_as(struct gen *g, int who, struct yj_error *err)
{
	return batch_act_as(&g->batch, g->users[who].login, err);
}

/* The incident as it stands now, read by someone who may read it all. */
static enum yj_status
gen_read(
    struct gen *g, int64_t id, struct store_incident *in, struct yj_error *err)
{
	enum yj_status r;
	bool redacted;

	/* Whoever is signed in, unless they may not read it all. */
	if (g->a->user.id == 0 && (r = gen_as(g, GEN_XSC, err)) != YJ_OK)
		return r;
	if ((r = incident_show(g->a, id, in, &redacted, err)) != YJ_OK)
		return r;
	if (redacted) {
		incident_free(in);
		if ((r = gen_as(g, GEN_XSC, err)) != YJ_OK ||
		    (r = incident_show(g->a, id, in, &redacted, err)) != YJ_OK)
			return r;
	}
	if (redacted) {
		incident_free(in);
		return yj_fail(err, YJ_DENIED,
		    "gen: incident %lld is hidden "
		    "from the student affairs office",
		    (long long)id);
	}
	return YJ_OK;
}

static const struct policy_rung *
gen_rung(const struct gen *g, const struct gen_inc *x, int rung)
{
	const struct policy_path *path = &g->p->paths[x->c->path];

	if (rung < 0 || (size_t)rung >= path->nrungs)
		rung = (int)path->nrungs - 1;
	return &path->rungs[rung];
}

/*
 * The user who acts at the rung: counselor1 and dept1 within their scope,
 * the school-level users at their level, the counseling staff at their
 * office; -1 when the rung's person has no account (the duty officer
 * records what they said). A restricted incident is only ever touched by
 * someone allowed to read it.
 */
static int
gen_handler(const struct gen *g, const struct gen_inc *x, int rung)
{
	const struct policy_rung *rg = gen_rung(g, x, rung);
	const struct policy_level *lv;
	int who = -1;

	if (rg->kind == POLICY_RUNG_OFFICE) {
		if (gen_is(rg->id, "counseling_center"))
			who = GEN_XINLI;
	} else {
		lv = &g->p->levels[rg->index];
		if (lv->scope == POLICY_SCOPE_CLASS && x->cls >= 0 &&
		    g->classes[x->cls].counselor == g->counselor1)
			who = GEN_COUNSELOR;
		else if (lv->scope == POLICY_SCOPE_DEPARTMENT && x->dept == 0)
			who = GEN_DEPT;
		else if (gen_is(lv->id, "student_affairs"))
			who = GEN_XSC;
		else if (gen_is(lv->id, "school_leader"))
			who = GEN_LEADER;
	}
	if (who < 0 && x->c->restricted)
		who =
		    x->cls >= 0 && g->classes[x->cls].counselor == g->counselor1
		    ? GEN_COUNSELOR
		    : GEN_XINLI;
	return who;
}

/* Who writes down what happens at the rung: its user, or the duty desk. */
static int
gen_actor(const struct gen *g, const struct gen_inc *x, int rung)
{
	int who = gen_handler(g, x, rung);

	return who >= 0 ? who : x->logger;
}

/* When tick next has something to do for the incident: cron's minute. */
static void
gen_watch(struct gen *g, size_t inc, const struct store_incident *in)
{
	int64_t d = 0, every = g->o->tick_every > 0 ? g->o->tick_every : 60;
	int64_t t;

	if (record_state_is(in->state, RECORD_OPEN) && in->ack_due != 0)
		d = in->ack_due;
	if (!record_state_is(in->state, RECORD_RESOLVED) && in->resolve_due != 0 &&
	    in->overdue_since == 0 && (d == 0 || in->resolve_due < d))
		d = in->resolve_due;
	if (d == 0)
		return;
	t = (d + every - 1) / every * every;
	if (t <= g->last_tick)
		t = (g->last_tick / every + 1) * every;
	gen_push(g, t, inc, GEN_TICK, 0);
}

static enum yj_status
gen_rewatch(struct gen *g, size_t inc, struct yj_error *err)
{
	struct store_incident in;
	enum yj_status r;

	if ((r = gen_read(g, g->incs[inc].id, &in, err)) != YJ_OK)
		return r;
	gen_watch(g, inc, &in);
	incident_free(&in);
	return YJ_OK;
}

/* What happens next to an incident just logged (or raised). */
static void
gen_after_log(struct gen *g, size_t inc, const struct store_incident *in)
{
	struct gen_inc *x = &g->incs[inc];
	int64_t t = x->reported, age = g->now - t, ackw, ack, at;
	int pct;
	size_t top = g->p->paths[x->c->path].nrungs - 1;
	bool late;

	if (x->fate == GEN_AUTO) {
		pct = age < 2 * GEN_DAY  ? 35
		    : age < 10 * GEN_DAY ? 65
		    : age < 30 * GEN_DAY ? 80
		    : age < 60 * GEN_DAY ? 90
					 : 99;
		if (x->c->restricted || x->c->resolve_within >= 7 * GEN_DAY)
			pct -= 10;
		x->fate = gen_pct(&g->rng, pct) ? GEN_RESOLVED : GEN_ACKED;
	}
	ackw = policy_ack_within(g->p, x->c, (size_t)in->rung);
	if (ackw <= 0)
		ackw = GEN_HOUR;
	late = x->fate != GEN_OPEN && gen_pct(&g->rng, g->o->late);
	ack = t +
	    ackw * rng_between(&g->rng, late ? 110 : 15, late ? 220 : 80) / 100;
	if (ack < t + 3 * GEN_MIN)
		ack = t + 3 * GEN_MIN;

	/* Phoning the rung's person: sometimes twice. */
	at = t;
	if (x->fate == GEN_OPEN || late || gen_pct(&g->rng, 25)) {
		at += rng_between(&g->rng, 1, 5) * GEN_MIN;
		gen_push(g, at, inc, GEN_CALL, INCIDENT_NO_ANSWER);
	}
	if (x->fate == GEN_OPEN) {
		at += rng_between(&g->rng, 5, 20) * GEN_MIN;
		gen_push(g, at, inc, GEN_CALL, INCIDENT_LEFT_MESSAGE);
		return;
	}
	/* Now and then nobody answers and the desk climbs by hand. */
	if (!x->c->restricted && !x->warning && (size_t)in->rung < top &&
	    at > t && gen_pct(&g->rng, 5)) {
		at += rng_between(&g->rng, 5, 20) * GEN_MIN;
		gen_push(g, at, inc, GEN_ESCALATE, 0);
		if (ack < at + 5 * GEN_MIN)
			ack = at + rng_between(&g->rng, 5, 40) * GEN_MIN;
	}
	if (ack - at > 3 * GEN_MIN)
		gen_push(g, ack - rng_between(&g->rng, 1, 3) * GEN_MIN, inc,
		    GEN_CALL, INCIDENT_REACHED);
	gen_push(g, ack, inc, GEN_ACK, 0);
}

/* A warning the engine raised as incident inc was logged: id. */
static enum yj_status
gen_warning_found(struct gen *g, size_t inc, const struct store_incident *in)
{
	const struct policy_category *c = policy_category(g->p, in->category);
	struct gen_inc *x, *t;
	size_t w;

	if (c == NULL || !c->system)
		return YJ_OK;
	x = gen_inc_new(g, c); /* g->incs may move */
	w = g->nincs - 1;
	t = &g->incs[inc];
	x->id = in->id;
	x->warning = true;
	x->occurred = in->occurred_at;
	x->reported = in->reported_at;
	x->logger = t->logger;
	x->cls = t->cls;
	x->dept = t->dept;
	x->nstu = t->nstu;
	memcpy(x->stu, t->stu, sizeof x->stu);
	x->room = t->room;
	x->sv = policy_severity(g->p, in->severity);
	gen_known(g, x->id, w);
	gen_watch(g, w, in);
	gen_after_log(g, w, in);
	return YJ_OK;
}

/* Incident id is g->incs[inc]. */
static void
gen_known(struct gen *g, int64_t id, size_t inc)
{
	size_t n = g->nby_id, i;

	if (id <= 0)
		return;
	if ((size_t)id >= n) {
		g->nby_id = ((size_t)id + 1) * 2;
		g->by_id = xreallocarray(g->by_id, g->nby_id, sizeof *g->by_id);
		for (i = n; i < g->nby_id; i++)
			g->by_id[i] = SIZE_MAX;
	}
	g->by_id[id] = inc;
}

static void
gen_strs_add(const char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

/* Draws who, where and what, and logs it as the duty officer. */
static enum yj_status
gen_log(struct gen *g, size_t inc, struct yj_error *err)
{
	const struct policy *p = g->p;
	struct gen_inc *x = &g->incs[inc];
	const struct policy_category *c = x->c;
	const struct policy_field *f;
	const struct gen_force *fc =
	    x->force >= 0 ? &g->forces[x->force] : NULL;
	struct incident_draft d;
	struct store_incident in;
	struct gen_draft dr;
	const char *v, *const *tpl, **students = NULL;
	const char **fields = NULL, *checked[1];
	char *reporter = NULL, *role = NULL;
	char *text, *action, *location, **fv;
	char when[40], room[32];
	size_t i, k, nstudents = 0, nfields = 0;
	int64_t id, probe;
	enum yj_status r;
	bool dorm;

	x->sv = gen_severity(g, x);

	/* Who was involved, and where. */
	if (x->nwant >= 0)
		x->nstu = (size_t)x->nwant;
	else if (gen_pct(&g->rng, x->cat->none))
		x->nstu = 0;
	else
		x->nstu = gen_pct(&g->rng, x->cat->two) ? 2 : 1;
	for (i = 0; i < x->nstu; i++) {
		if (i < 2 && x->want[i] >= 0)
			x->stu[i] = (size_t)x->want[i];
		else if (i == 0)
			x->stu[i] = gen_any_student(g, gen_pct(&g->rng, 12));
		else
			x->stu[i] = gen_near_student(g, x->stu[0]);
		if (i > 0 && x->stu[i] == x->stu[0]) {
			x->nstu = i;
			break;
		}
	}
	if (x->nstu > 0) {
		x->cls = (long)g->students[x->stu[0]].cls;
		x->dept = (long)g->classes[x->cls].dept;
	}

	/* Fields in the policy's order; some forced by the plan. */
	memset(&dr, 0, sizeof dr);
	dr.x = x;
	dr.keys = xcalloc(c->nfields + 1, sizeof *dr.keys);
	dr.values = xcalloc(c->nfields + 1, sizeof *dr.values);
	dr.ftime = xcalloc(c->nfields + 1, sizeof *dr.ftime);
	for (i = 0; i < c->nfields; i++) {
		f = &c->fields[i];
		if (gen_is(f->id, "returned_at") &&
		    f->type == POLICY_FIELD_TIME)
			continue; /* known once the student is back */
		v = NULL;
		for (k = 0; fc != NULL && k < 4 && fc->v[k][0] != NULL; k++) {
			if (gen_is(fc->v[k][0], f->id))
				v = fc->v[k][1];
		}
		if (v == NULL && gen_is(f->id, "risk") &&
		    x->sv - p->severities >= 2)
			v = "高";
		k = dr.nfields;
		dr.keys[k] = xstrdup(f->id);
		dr.values[k] = v != NULL
		    ? xstrdup(v)
		    : gen_field_value(g, &dr, f, &dr.ftime[k]);
		dr.nfields++;
	}

	/* The room: given, the student's, or where a field says. */
	v = gen_fval(&dr, "place", NULL);
	if (v == NULL)
		v = gen_fval(&dr, "venue", NULL);
	dorm = v != NULL ? gen_is(v, "宿舍")
			 : gen_pct(&g->rng, x->cat->room) ||
		(x->cat->room > 0 && gen_night(x->occurred));
	if (x->room < 0 && x->nstu > 0 && dorm)
		x->room = (long)g->students[x->stu[0]].room;
	else if (x->room < 0 && x->nstu == 0 && dorm)
		x->room = (long)gen_room_with(g, 1);
	if (x->room < 0 && x->nstu == 0 && v == NULL && x->cat->places == NULL)
		x->room = (long)gen_room_with(g, 1);
	location = xstrdup(x->room >= 0  ? ""
		: v != NULL              ? v
		: x->cat->places != NULL ? gen_pick(&g->rng, x->cat->places)
					 : "");
	dr.location = location;

	gen_reporter(g, &dr, &reporter, &role);
	dr.reporter = reporter;
	/* Without students, a template that does not name any. */
	tpl = x->nstu > 0            ? x->cat->texts
	    : x->cat->texts0 != NULL ? x->cat->texts0
				     : gen_cat_other.texts0;
	text = gen_text(g, &dr, gen_pick(&g->rng, tpl));
	action = gen_pct(&g->rng, 70) && x->cat->actions != NULL
	    ? gen_text(g, &dr, gen_pick(&g->rng, x->cat->actions))
	    : NULL;

	memset(&d, 0, sizeof d);
	d.category = c->id;
	d.severity = x->sv->id;
	for (i = 0; i < x->nstu; i++)
		gen_strs_add(
		    &students, &nstudents, g->students[x->stu[i]].number);
	d.students = students;
	d.nstudents = nstudents;
	if (x->room >= 0) {
		snprintf(room, sizeof room, "%zu-%s",
		    g->rooms[x->room].building + 1, g->rooms[x->room].name);
		d.room = room;
	} else
		d.location = location;
	d.occurred = caltime_format_local(x->occurred, when, sizeof when);
	d.reporter = reporter;
	d.reporter_role = role;
	fv = xcalloc(dr.nfields + 1, sizeof *fv);
	for (i = 0; i < dr.nfields; i++) {
		fv[i] = xasprintf("%s=%s", dr.keys[i], dr.values[i]);
		gen_strs_add(&fields, &nfields, fv[i]);
	}
	d.fields = fields;
	d.nfields = nfields;
	d.action = action;
	d.text = text;
	/* What was done already, ticked on the form. */
	if (c->nchecklist > 0 && gen_pct(&g->rng, 30)) {
		checked[0] = c->checklist[rng_below(&g->rng, c->nchecklist)];
		d.checked = checked;
		d.nchecked = 1;
	}

	r = gen_as(g, x->logger, err);
	if (r == YJ_OK)
		r = incident_log(g->a, &d, &id, err);
	for (i = 0; i < dr.nfields; i++) {
		free(dr.keys[i]);
		free(dr.values[i]);
		free(fv[i]);
	}
	free(fv);
	free(dr.keys);
	free(dr.values);
	free(dr.ftime);
	free(fields);
	free(students);
	free(text);
	free(action);
	free(location);
	free(reporter);
	free(role);
	if (r != YJ_OK)
		return r;
	x->id = id;
	gen_known(g, id, inc);
	g->logged++;
	if (g->o->progress != NULL && g->logged % 10000 == 0)
		g->o->progress(g->o->progress_arg, g->logged, g->planned);

	/* The early warnings it set off come right after it. */
	for (probe = id + 1;; probe++) {
		r = gen_read(g, probe, &in, err);
		if (r == YJ_NOT_FOUND)
			break;
		if (r != YJ_OK)
			return r;
		r = gen_warning_found(g, inc, &in);
		incident_free(&in);
		if (r != YJ_OK)
			return r;
	}
	if ((r = gen_read(g, id, &in, err)) != YJ_OK)
		return r;
	gen_watch(g, inc, &in);
	gen_after_log(g, inc, &in);
	incident_free(&in);
	return YJ_OK;
}

/* A call to whoever answers at the incident's rung now. */
static enum yj_status
gen_call(struct gen *g, size_t inc, enum incident_result result,
    struct yj_error *err)
{
	struct gen_inc *x = &g->incs[inc];
	struct store_incident in;
	struct escalate_contacts who;
	const struct engine_contact *k;
	const char *note;
	enum yj_status r;
	int caller;

	if ((r = gen_read(g, x->id, &in, err)) != YJ_OK)
		return r;
	if (!record_state_is(in.state, RECORD_OPEN) ||
	    (r = escalate_contacts(g->a, &in, &who, err)) != YJ_OK) {
		incident_free(&in);
		return r;
	}
	caller = x->c->restricted ? gen_actor(g, x, in.rung) : x->logger;
	k = &who.rungs[in.rung];
	note = result == INCIDENT_NO_ANSWER ? "无人接听，稍后再拨。"
	    : result == INCIDENT_LEFT_MESSAGE
	    ? "再次拨打仍未接通，已发短信说明情况。"
	    : "已电话告知情况。";
	/* Nobody to call, or the one calling is the one to be called. */
	if (k->name != NULL && k->phone != NULL && *k->phone != '\0' &&
	    (g->users[caller].person == SIZE_MAX ||
		strcmp(g->people[g->users[caller].person].name, k->name) !=
		    0)) {
		if ((r = gen_as(g, caller, err)) == YJ_OK)
			r = incident_act(g->a, x->id, INCIDENT_CONTACTED, note,
			    k->name, result, err);
	}
	escalate_contacts_free(&who);
	incident_free(&in);
	return r;
}

/* The desk climbs by hand: nobody answers at this rung. */
static enum yj_status
gen_escalate(struct gen *g, size_t inc, struct yj_error *err)
{
	struct gen_inc *x = &g->incs[inc];
	struct store_incident in;
	enum yj_status r;
	bool up;

	if ((r = gen_read(g, x->id, &in, err)) != YJ_OK)
		return r;
	up = record_state_is(in.state, RECORD_OPEN) &&
	    (size_t)in.rung + 1 < g->p->paths[x->c->path].nrungs;
	incident_free(&in);
	if (!up)
		return YJ_OK;
	if ((r = gen_as(g, x->logger, err)) == YJ_OK)
		r = escalate_manual(g->a, x->id, NULL,
		    gen_pick(&g->rng, gen_escalate_reasons), NULL, NULL, err);
	if (r == YJ_OK)
		r = gen_rewatch(g, inc, err);
	return r;
}

/* Acknowledged at the rung it stands at; then notes and the resolution. */
static enum yj_status
gen_ack(struct gen *g, size_t inc, struct yj_error *err)
{
	struct gen_inc *x = &g->incs[inc];
	struct store_incident in;
	struct escalate_contacts who;
	char *note;
	int64_t ack = app_now(g->a), end, resw, at;
	size_t i, n, nnotes, first;
	enum yj_status r;
	int handler, actor, rung;

	if ((r = gen_read(g, x->id, &in, err)) != YJ_OK)
		return r;
	rung = in.rung;
	if (!record_state_is(in.state, RECORD_OPEN) ||
	    (r = escalate_contacts(g->a, &in, &who, err)) != YJ_OK) {
		incident_free(&in);
		return r;
	}
	handler = gen_handler(g, x, rung);
	actor = handler >= 0 ? handler : x->logger;
	note = handler >= 0 ? xstrdup(gen_pick(&g->rng, gen_ack_notes)) : NULL;
	/* The one answering there acknowledges; else the officer, for them. */
	if ((r = gen_as(g, actor, err)) == YJ_OK)
		r = incident_ack(g->a, x->id, incident_at_rung(g->a, &in) ?
		    NULL : who.rungs[rung].name, INCIDENT_VIA_PHONE, note, err);
	escalate_contacts_free(&who);
	incident_free(&in);
	free(note);
	if (r != YJ_OK)
		return r;
	if ((r = gen_rewatch(g, inc, err)) != YJ_OK)
		return r;

	/* When it gets resolved: night absences end the next morning. */
	resw = x->c->resolve_within > 0 ? x->c->resolve_within : GEN_DAY;
	if (x->reopened)
		end = ack + rng_between(&g->rng, 2 * GEN_HOUR, GEN_DAY);
	else if (gen_is(x->c->id, "night_absence")) {
		end = gen_morning(x->occurred,
		    (int)rng_between(&g->rng, 6 * 60 + 30, 11 * 60));
		if (end <= ack + 30 * GEN_MIN)
			end = ack + rng_between(&g->rng, 30, 180) * GEN_MIN;
	} else if (gen_pct(&g->rng, 10))
		end = ack + resw + resw * rng_between(&g->rng, 5, 50) / 100;
	else
		end = ack + resw * rng_between(&g->rng, 10, 85) / 100;
	if (end < ack + 20 * GEN_MIN)
		end = ack + 20 * GEN_MIN;
	/* Follow-up comes in the daytime, unless it is the same night. */
	if (end - ack > 6 * GEN_HOUR)
		end = gen_awake(g, end);
	if (x->fate != GEN_RESOLVED && end > g->now)
		end = g->now;
	n = gen_count(x->cat->notes);
	nnotes = x->reopened || n == 0 ? 0 : rng_below(&g->rng, 3);
	if (nnotes > n)
		nnotes = n;
	first = n > 0 ? rng_below(&g->rng, n) : 0;
	for (i = 0; i < nnotes; i++) {
		at = ack +
		    (end - ack) * (int64_t)(i + 1) / (int64_t)(nnotes + 1);
		if (at - ack > 6 * GEN_HOUR)
			at = gen_awake(g, at);
		if (at < end)
			gen_push(g, at, inc, GEN_NOTE, (int)((first + i) % n));
	}
	if (x->fate == GEN_RESOLVED)
		gen_push(g, end, inc, GEN_RESOLVE, 0);
	return YJ_OK;
}

static enum yj_status
gen_note(struct gen *g, size_t inc, int which, struct yj_error *err)
{
	struct gen_inc *x = &g->incs[inc];
	const struct policy_category *c = x->c;
	struct store_incident in;
	enum yj_status r;
	char *text;
	int actor;

	if ((r = gen_read(g, x->id, &in, err)) != YJ_OK)
		return r;
	actor = gen_actor(g, x, in.rung);
	r = record_state_is(in.state, RECORD_RESOLVED) ? YJ_NOT_FOUND : YJ_OK;
	incident_free(&in);
	if (r != YJ_OK)
		return YJ_OK;
	if ((r = gen_as(g, actor, err)) != YJ_OK)
		return r;
	text = gen_later_text(g, x, x->cat->notes[which]);
	r = incident_act(g->a, x->id, INCIDENT_NOTE, text, NULL, 0, err);
	free(text);
	/* And sometimes an item of the checklist done with it. */
	if (r == YJ_OK && c->nchecklist > 0 && gen_pct(&g->rng, 50))
		r = incident_act(g->a, x->id, INCIDENT_CHECK,
		    c->checklist[rng_below(&g->rng, c->nchecklist)], NULL, 0,
		    err);
	return r;
}

static enum yj_status
gen_followups_done(struct gen *g, int64_t id, struct yj_error *err)
{
	struct followup	*v = NULL;
	enum yj_status	 r;
	size_t		 n = 0, i;

	r = followup_of(g->a, id, &v, &n, err);
	for (i = 0; r == YJ_OK && i < n; i++) {
		if (v[i].done_at == 0)
			r = followup_done(g->a, id, v[i].id, NULL, err);
	}
	free(v);
	return r;
}

static enum yj_status
gen_resolve(struct gen *g, size_t inc, struct yj_error *err)
{
	struct gen_inc *x = &g->incs[inc];
	struct store_incident in;
	enum yj_status r;
	char *text;
	int64_t now = app_now(g->a), at;
	int actor;
	bool done;

	if ((r = gen_read(g, x->id, &in, err)) != YJ_OK)
		return r;
	actor = gen_actor(g, x, in.rung);
	done = record_state_is(in.state, RECORD_RESOLVED);
	incident_free(&in);
	if (done)
		return YJ_OK;
	if (gen_is(x->c->id, "night_absence"))
		x->late_t = now - rng_between(&g->rng, 5, 40) * GEN_MIN;
	if ((r = gen_as(g, actor, err)) != YJ_OK)
		return r;
	text = gen_later_text(g, x, gen_pick(&g->rng, x->cat->resolutions));
	r = incident_act(g->a, x->id, INCIDENT_RESOLVE, text, NULL, 0, err);
	free(text);
	/* What it asked afterwards was done too, as it was closed. */
	if (r == YJ_OK)
		r = gen_followups_done(g, x->id, err);
	/* A few come back: the same trouble again, days later. */
	if (r == YJ_OK && !x->reopened && !x->warning && !x->c->restricted &&
	    gen_pct(&g->rng, 3)) {
		at = gen_awake(
		    g, now + rng_between(&g->rng, 6 * GEN_HOUR, 3 * GEN_DAY));
		gen_push(g, at, inc, GEN_REOPEN, 0);
	}
	return r;
}


static enum yj_status
gen_reopen(struct gen *g, size_t inc, struct yj_error *err)
{
	struct gen_inc *x = &g->incs[inc];
	int64_t now = app_now(g->a), ack;
	enum yj_status r;

	if ((r = gen_as(g, x->logger, err)) != YJ_OK)
		return r;
	r = incident_act(g->a, x->id, INCIDENT_REOPEN,
	    gen_pick(&g->rng, gen_reopen_reasons), NULL, 0, err);
	if (r != YJ_OK)
		return r;
	x->reopened = true;
	x->late_t = 0;
	if ((r = gen_rewatch(g, inc, err)) != YJ_OK)
		return r;
	ack = now + rng_between(&g->rng, 10, 40) * GEN_MIN;
	gen_push(g, ack - rng_between(&g->rng, 1, 5) * GEN_MIN, inc, GEN_CALL,
	    INCIDENT_REACHED);
	gen_push(g, ack, inc, GEN_ACK, 0);
	return YJ_OK;
}

static void
gen_touched(void *arg, const struct escalate_done *d)
{
	struct gen *g = arg;

	if (g->ntouched > 0 && g->touched[g->ntouched - 1] == d->incident)
		return;
	if (g->ntouched == g->captouched) {
		g->captouched = g->captouched ? g->captouched * 2 : 64;
		g->touched = xreallocarray(
		    g->touched, g->captouched, sizeof *g->touched);
	}
	g->touched[g->ntouched++] = d->incident;
}

/* Cron's `yujing tick`: every deadline passed by now. */
static enum yj_status
gen_tick(struct gen *g, struct yj_error *err)
{
	struct store_incident in;
	enum yj_status r;
	size_t i, k;
	int count;

	if (app_now(g->a) <= g->last_tick)
		return YJ_OK; /* it ran at this minute already */
	g->last_tick = app_now(g->a);
	g->ntouched = 0;
	if ((r = escalate_tick(g->a, gen_touched, g, &count, err)) != YJ_OK)
		return r;
	/* Watch again what it touched: by id, the incidents are in order. */
	for (i = 0; i < g->ntouched; i++) {
		if ((r = gen_read(g, g->touched[i], &in, err)) != YJ_OK)
			return r;
		k = in.id > 0 && (size_t)in.id < g->nby_id ? g->by_id[in.id]
							   : SIZE_MAX;
		if (k != SIZE_MAX)
			gen_watch(g, k, &in);
		incident_free(&in);
	}
	return YJ_OK;
}

/* --- the whole --------------------------------------------------------- */

static enum yj_status
gen_run(struct gen *g, struct yj_error *err)
{
	struct gen_step st;
	enum yj_status r = YJ_OK;

	while (g->nheap > 0 && r == YJ_OK) {
		st = gen_pop(g);
		/* Time only goes forward. */
		if (st.at > g->a->clock)
			g->a->clock = st.at;
		switch (st.kind) {
		case GEN_LOG:
			r = gen_log(g, st.inc, err);
			break;
		case GEN_CALL:
			r = gen_call(
			    g, st.inc, (enum incident_result)st.arg, err);
			break;
		case GEN_ESCALATE:
			r = gen_escalate(g, st.inc, err);
			break;
		case GEN_ACK:
			r = gen_ack(g, st.inc, err);
			break;
		case GEN_NOTE:
			r = gen_note(g, st.inc, st.arg, err);
			break;
		case GEN_RESOLVE:
			r = gen_resolve(g, st.inc, err);
			break;
		case GEN_REOPEN:
			r = gen_reopen(g, st.inc, err);
			break;
		case GEN_TICK:
			r = gen_tick(g, err);
			break;
		}
	}
	return r;
}

static void
gen_done(struct gen *g)
{
	free(g->incs);
	free(g->forces);
	free(g->heap);
	free(g->by_id);
	free(g->touched);
	free(g->school);
	free(g->office);
	free(g->people);
	free(g->students);
	free(g->classes);
	free(g->rooms);
	explicit_bzero(g->users, sizeof g->users);
}

void
gen_demo_opts(struct gen_opts *o, uint64_t seed)
{
	memset(o, 0, sizeof *o);
	o->seed = seed;
	o->days = 60;
	o->incidents = 200;
	o->patterns = true;
	o->late = 12;
	o->tick_every = 60;
}

enum yj_status
gen_fill(struct yj_app *a, const struct gen_opts *o, gen_user_cb cb, void *arg,
    struct yj_error *err)
{
	struct gen g;
	struct tm tm;
	time_t t;
	enum yj_status r;
	size_t i;

	if (a->store == NULL || a->policy == NULL)
		return yj_fail(err, YJ_BAD_INPUT,
		    "gen: no database or no "
		    "policy loaded");
	if (o->days < 1 || o->incidents < 0)
		return yj_fail(err, YJ_BAD_INPUT,
		    "gen: no days or a negative "
		    "number of incidents");
	memset(&g, 0, sizeof g);
	g.a = a;
	g.p = a->policy;
	g.o = o;
	g.rng.s = o->seed;
	g.now = o->now != 0 ? o->now : app_now(a);
	g.counselor1 = g.gap = SIZE_MAX;
	g.scale = o->scale > 1 ? (size_t)o->scale : 1;
	g.nbuildings = GEN_BUILDINGS * g.scale;
	/* The four cohorts studying now; a new one starts in September. */
	t = (time_t)g.now;
	localtime_r(&t, &tm);
	g.cohort = tm.tm_year + 1900 - (tm.tm_mon < 8 ? 1 : 0);

	if ((r = batch_begin(a, &g.batch, err)) != YJ_OK) {
		gen_done(&g);
		return r;
	}
	/* The institution is on record before its history starts. */
	a->clock = g.now - ((int64_t)o->days + 2) * GEN_DAY;
	g.last_tick = a->clock;
	if ((r = gen_org(&g, err)) == YJ_OK &&
	    (r = gen_responsible(&g, err)) == YJ_OK &&
	    (r = gen_users(&g, err)) == YJ_OK) {
		g.frequent = g.nstudents / 20 + 1;
		g.hot = g.nstudents / 2;
		gen_plan_all(&g);
		r = gen_run(&g, err);
	}
	if (r == YJ_OK)
		r = batch_end(&g.batch, true, err);
	else
		batch_end(&g.batch, false, NULL);
	if (r != YJ_OK) {
		gen_done(&g);
		return r;
	}
	/* Only now that they exist: tell the passwords, once each. */
	for (i = 0; cb != NULL && i < GEN_NUSERS; i++)
		cb(arg, g.users[i].login, gen_user_defs[i].role,
		    g.users[i].password);
	gen_done(&g);
	return YJ_OK;
}
