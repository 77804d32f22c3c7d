/*
 * The demo institution: departments, classes, dormitories, a roster of
 * students, the people responsible at every level and office of the
 * policy, a user for every role, and two months of incidents with their
 * histories. Everything comes from one small PRNG seeded by the caller, and
 * is written through the store in one transaction, so a failure anywhere
 * leaves the database as it was.
 *
 * Incidents are planned first (fields, texts, the events of their
 * history), then every event of every incident is written in time order,
 * so that incident and event ids grow with time as they would in a
 * database filled by hand.
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
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/demo.h"
#include "yujing/json.h"
#include "yujing/policy.h"
#include "yujing/rng.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/users.h"
#include "yujing/xmalloc.h"

#define DEMO_INCIDENTS		200	/* in all, the patterns included */
#define DEMO_DAYS		60	/* of history, back from now */
#define DEMO_BUILDINGS		12	/* 1..6 for men, 7..12 for women */
#define DEMO_FLOORS		6
#define DEMO_PER_FLOOR		20
#define DEMO_ROOMS_PER		(DEMO_FLOORS * DEMO_PER_FLOOR)
#define DEMO_BEDS		4
#define DEMO_OVERDUE		5	/* open incidents past their ack_due */
#define DEMO_MIN		60
#define DEMO_HOUR		3600
#define DEMO_DAY		86400

static bool
demo_pct(struct rng *r, int pct)
{
	return (int)rng_below(r, 100) < pct;
}

static size_t
demo_count(const char *const *v)
{
	size_t	 n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	return n;
}

/* One of a NULL-terminated list, "" when it is empty. */
static const char *
demo_pick(struct rng *r, const char *const *v)
{
	size_t	 n = demo_count(v);

	return n == 0 ? "" : v[rng_below(r, n)];
}

/* --- names, places and the institution's shape ------------------------ */

/* Most common first; demo_name favours the head of the list. */
static const char *const demo_surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐",
	"孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁",
	"谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖",
	"田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程",
	"苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟",
	"谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付",
	"方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫",
	"段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝",
	"龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向",
	"汤", "欧阳", "司马", NULL
};

static const char *const demo_given_m[] = {
	"伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚",
	"辉", "鹏", "华", "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊",
	"帆", "旭", "宁", "龙", "林", "洋", "阳", "晨", "博", "文", "轩",
	"然", "泽", "昊", "睿", "哲", "子", "豪", "航", "锐", "毅", "翔",
	"峰", "成", "康", "星", "志", "嘉", "天", "一", "思", "远", "振",
	"家", "宏", "海", "铭", "瑞", "逸", "彬", "楠", "元", "岩", "亮",
	"政", "煜", NULL
};

static const char *const demo_given_f[] = {
	"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "婷", "雪", "琳",
	"晶", "颖", "倩", "洁", "欣", "怡", "佳", "悦", "雨", "萱", "涵",
	"琪", "瑶", "梦", "婧", "璐", "露", "丹", "蕾", "菲", "莹", "薇",
	"岚", "宁", "思", "诗", "雅", "晓", "可", "心", "月", "嘉", "一",
	"文", "子", "梓", "语", "妍", "彤", "玥", "慧", "玲", "燕", "红",
	"秀", "馨", "蕊", "婉", NULL
};

static const char *const demo_mobile[] = {
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
	"150", "151", "152", "153", "155", "156", "157", "158", "159", "166",
	"173", "175", "176", "177", "178", "180", "181", "182", "183", "184",
	"185", "186", "187", "188", "189", "198", "199", NULL
};

/* Letters and digits that cannot be mistaken for one another. */
static const char demo_pw_chars[] =
    "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

static const struct demo_dept_def {
	const char	*name;
	const char	*majors[2];	/* class-name abbreviations */
	int		 male;		/* percent of men */
} demo_depts[] = {
	{ "计算机科学与技术学院", { "计科", "软工" }, 75 },
	{ "机械工程学院", { "机械", "车辆" }, 86 },
	{ "外国语学院", { "英语", "日语" }, 18 },
	{ "经济管理学院", { "会计", "工管" }, 35 },
	{ "土木工程学院", { "土木", "建环" }, 80 },
	{ "化学化工学院", { "化工", "应化" }, 58 },
	{ "文学院", { "汉语言", "新闻" }, 24 },
	{ "数学与统计学院", { "数学", "统计" }, 52 },
	{ "电气工程学院", { "电气", "自动化" }, 82 },
	{ "艺术设计学院", { "视传", "环设" }, 30 },
};
#define DEMO_NDEPTS	(sizeof demo_depts / sizeof demo_depts[0])
#define DEMO_COHORTS	4
#define DEMO_MAJORS	2
/* The department whose first counselor has no phone on record. */
#define DEMO_GAP_DEPT	4

/* The users, one per role but admin, and a second duty officer. */
enum demo_who {
	DEMO_DUTY1,
	DEMO_DUTY2,
	DEMO_COUNSELOR,
	DEMO_DEPT,
	DEMO_XSC,
	DEMO_LEADER,
	DEMO_XINLI,
	DEMO_NUSERS
};

static const struct demo_user_def {
	const char	*login;
	const char	*role;
	const char	*title;		/* of their person, when made here */
} demo_user_defs[DEMO_NUSERS] = {
	{ "duty1", "duty_officer", "值班人员" },
	{ "duty2", "duty_officer", "值班人员" },
	{ "counselor1", "counselor", NULL },
	{ "dept1", "department_leader", NULL },
	{ "xsc1", "student_affairs", NULL },
	{ "leader1", "school_leader", NULL },
	{ "xinli1", "counseling_staff", NULL },
};

/* Titles of the people responsible, by level or office id. */
static const struct {
	const char	*id;
	const char	*title;
} demo_titles[] = {
	{ "counselor", "辅导员" },
	{ "department", "党委副书记" },
	{ "student_affairs", "学生处值班" },
	{ "school_leader", "副校长" },
	{ "security", "保卫科长" },
	{ "logistics", "宿管科长" },
	{ "academic_affairs", "教务处学籍科长" },
	{ "counseling_center", "心理中心主任" },
};

/* --- what each category looks like ------------------------------------ */

/*
 * Templates: {name} the students, {first} the first, {class} its class,
 * {room} the room, {place} the location (else the room), {time} when it
 * happened, {reporter}, {cat} the category's name, {f:ID} a field's value,
 * {b:ID|yes|no} by a bool field (branches may hold templates too).
 */
struct demo_cat {
	const char		*id;
	int			 weight;
	int			 from, to;	/* minutes after midnight; to
						   may pass 24:00 */
	bool			 weekdays;
	int			 two;		/* % with a second student */
	int			 none;		/* % with no student */
	int			 room;		/* % in the student's room */
	int			 major;		/* per mille major */
	int			 emergency;	/* per mille emergency */
	const char *const	*places;
	const char *const	*roles;		/* reporter roles */
	const char *const	*texts;		/* with students */
	const char *const	*texts0;	/* without */
	const char *const	*actions;
	const char *const	*notes;
	const char *const	*resolutions;
};

#define L(...)	((const char *const []){ __VA_ARGS__, NULL })

static const struct demo_cat demo_cats[] = {
	{ "night_absence", 40, 22 * 60 + 40, 24 * 60 + 50, false, 8, 0, 100,
	  20, 0, NULL,
	  L("dorm_head", "dorm_manager", "safety_officer", "student_union"),
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
	  L("已拨打学生本人电话", "已询问同宿舍同学及好友",
	    "已查看宿舍门禁记录", "已请宿舍楼值班室留意学生返回"),
	  L("已联系学生本人，要求其注意安全并尽快返校。",
	    "已联系家长，家长表示会督促学生返校。",
	    "已请安全工作处协助查看校园监控。",
	    "室友反映该生近期常晚归，辅导员将约谈。"),
	  L("学生已于{f:returned_at}返回宿舍，人身安全。辅导员次日约谈，进行"
	    "纪律教育。",
	    "学生{f:returned_at}返校，确认安全；已补办请假手续，并提醒其遵守"
	    "作息制度。",
	    "学生已返回宿舍（{f:returned_at}），按《学生宿舍管理规定》给予通报"
	    "批评。") },
	{ "off_campus_living", 10, 22 * 60 + 30, 23 * 60 + 50, false, 0, 0,
	  100, 0, 0, NULL,
	  L("dorm_head", "class_cadre", "dorm_manager"),
	  L("经连续查寝核实，{class}{name}长期不在宿舍（{room}）居住，在"
	    "{f:address}租房。原因：{f:reason}。{b:parents_informed|家长知情。|"
	    "家长不知情。}",
	    "{reporter}反映，{class}{name}近一个月多次夜间不在{room}，经了解已"
	    "在校外住宿（{f:address}）。"),
	  NULL,
	  L("已与学生本人电话核实住址", "已登记学生校外住址"),
	  L("辅导员已与学生谈话，讲明校外住宿的安全风险和校规要求。",
	    "已告知家长，家长表示会配合劝说学生返校住宿。",
	    "已通报后勤管理处宿舍管理科。"),
	  L("学生已搬回宿舍居住，辅导员将持续关注。",
	    "学生已按规定办理走读手续，家长签字同意。",
	    "学生已退租返回宿舍，给予批评教育。") },
	{ "truancy", 18, 8 * 60, 17 * 60 + 30, true, 0, 0, 0, 0, 0, NULL,
	  L("teacher", "class_cadre", "counselor"),
	  L("任课教师{f:teacher}反映，{class}{name}本学期《{f:course}》已无故"
	    "旷课{f:absences}节，多次提醒无效。",
	    "考勤统计显示{class}{name}近两周无故旷课{f:absences}节（含"
	    "《{f:course}》），班干部反映其常在宿舍睡觉。"),
	  NULL,
	  L("已向任课教师核实考勤记录", "已请班长了解情况"),
	  L("辅导员已与学生谈话，学生称因沉迷游戏作息紊乱。",
	    "已告知家长，家长表示将配合督促。", "已通报教务处。",
	    "已安排学习委员结对帮扶。"),
	  L("辅导员与学生谈话并签订学习承诺书，近一周出勤正常。",
	    "已安排学业帮扶，任课教师反馈学生已按时上课。",
	    "已按学籍管理规定给予警告处分，并告知家长。") },
	{ "all_night_internet", 20, 24 * 60 + 30, 24 * 60 + 330, false, 20, 0,
	  0, 0, 0, NULL,
	  L("dorm_head", "class_cadre", "security_corps"),
	  L("{reporter}反映，{name}（{class}）{time}仍在{f:venue}上网，整夜"
	    "未睡。",
	    "夜间巡查发现{class}{name}在{f:venue}通宵上网{b:off_campus|，人在"
	    "校外|}，次日早课缺席。"),
	  NULL,
	  L("已电话提醒学生返回宿舍休息", "已通知宿舍长留意"),
	  L("学生已返回宿舍，辅导员将约谈。",
	    "辅导员已与学生谈话，了解其作息及上课情况。"),
	  L("辅导员约谈学生，学生承诺不再通宵上网。",
	    "已告知家长，学生作息已恢复正常。") },
	{ "prohibited_appliance", 30, 19 * 60, 22 * 60 + 50, false, 0, 40, 100,
	  0, 0, NULL,
	  L("dorm_manager", "student_union", "safety_officer"),
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
	    "物品已收缴，待学期末由学生领回带离宿舍。") },
	{ "fighting", 8, 18 * 60, 23 * 60 + 50, false, 100, 0, 10, 30, 10,
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
	    "事情经过已查清，按《学生违纪处分办法》给予处分，并告知家长。") },
	{ "drinking", 12, 20 * 60, 24 * 60 + 50, false, 35, 0, 0, 0, 0, NULL,
	  L("dorm_head", "dorm_manager", "security_corps"),
	  L("{time}，{name}（{class}）在{place}饮酒，{b:intoxicated|醉酒意识"
	    "不清，需要照看。|未醉酒。}{b:hospital|已送医。|}",
	    "{reporter}反映，{class}{name}酒后返回宿舍大声喧哗"
	    "{b:intoxicated|，呕吐不止|}。饮酒地点：{f:place}。"),
	  NULL,
	  L("已安排同学专人照看", "已收缴宿舍内酒类"),
	  L("学生已清醒，情况稳定。", "辅导员次日与学生谈话。"),
	  L("辅导员已与学生谈话，学生写出书面检查。",
	    "学生已无大碍，已告知家长，给予批评教育。") },
	{ "discipline_other", 10, 9 * 60, 23 * 60, false, 15, 0, 60, 0, 0,
	  L("第一教学楼", "图书馆", "实验楼", "学生活动中心"),
	  L("student_union", "teacher", "dorm_manager"),
	  L("{reporter}反映，{class}{name}在{place}违反规定：{f:rule}。",
	    "{time}在{place}发现{name}（{class}）{f:rule}，已当场制止。"),
	  NULL,
	  L("已当场制止并记录", "已拍照留存"),
	  L("辅导员已约谈学生。", "已通报学院学生工作办公室。"),
	  L("已按校规校纪给予批评教育，学生写出检查。",
	    "按《学生违纪处分办法》给予通报批评。") },
	{ "physical_health", 14, 0, 23 * 60 + 59, false, 0, 0, 60, 20, 10,
	  L("体育馆", "第一教学楼", "东区食堂", "操场"),
	  L("dorm_head", "class_cadre", "dorm_manager"),
	  L("{time}，{class}{name}在{place}出现症状：{f:symptom}。"
	    "{b:parents_contacted|已联系家长，|}同学陪同前往{f:hospital}就诊。"
	    "{b:contagious|疑似传染病。|}",
	    "{reporter}反映，{class}{name}{f:symptom}，情况较急，已送"
	    "{f:hospital}。"),
	  NULL,
	  L("已拨打120", "已安排同学陪同就医", "已联系校医院"),
	  L("学生已在医院接受治疗，生命体征平稳。",
	    "已联系家长，家长正在赶来学校。", "医生建议留院观察一晚。"),
	  L("学生已康复返校，辅导员已走访慰问。",
	    "学生病情稳定，家长已到校陪护，已办理病假手续。",
	    "已排除传染病，学生返回宿舍休养。") },
	{ "mental_health", 7, 20 * 60, 25 * 60 + 30, false, 0, 0, 60, 40, 10,
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
	  L("心理健康教育中心已安排专职教师评估。",
	    "已联系家长，家长次日到校。",
	    "辅导员已与学生长谈，学生情绪有所缓和。"),
	  L("经心理健康教育中心评估，学生已接受定期咨询，情绪稳定，辅导员持续"
	    "关注。",
	    "家长已到校陪护，学生在专科医院就诊后返校，纳入重点关注名单。") },
	{ "campus_loan", 5, 10 * 60, 21 * 60 + 30, false, 0, 0, 0, 30, 0, NULL,
	  L("class_cadre", "counselor", "party_member", "dorm_head"),
	  L("{reporter}反映，{class}{name}在{f:platform}借款约{f:amount}元，"
	    "{b:overdue|已逾期，|}{b:harassed|近日遭到催收电话骚扰。|尚未遭到"
	    "催收。}",
	    "{class}{name}向同学多次借钱，经了解其在{f:platform}借款"
	    "{f:amount}元{b:overdue|且已逾期|}。"),
	  NULL,
	  L("已与学生谈话了解情况", "已提醒学生保留借款合同及转账记录"),
	  L("已告知家长，家长表示将协助还款。", "已通报安全工作处。",
	    "已排查同宿舍、同班同学，未发现其他人参与。"),
	  L("家长已协助结清借款，辅导员开展防范校园贷教育。",
	    "已报警处理暴力催收，学生情绪稳定。") },
	{ "proselytizing", 4, 10 * 60, 21 * 60, false, 0, 0, 0, 0, 0, NULL,
	  L("security_corps", "club_leader", "student_union"),
	  L("{time}在{place}发现有人传教，涉及人数{f:count}人，{b:outsiders|"
	    "有校外人员，|}{class}{name}参与其中。{b:materials|现场有宣传"
	    "材料。|}",
	    "{reporter}反映，{class}{name}多次在{place}向同学传教。"
	    "{b:outsiders|有校外人员参与。|}"),
	  NULL,
	  L("已劝阻并记录相关人员信息", "已收存宣传材料"),
	  L("校外人员已交安全工作处处理。", "辅导员已与学生谈话。"),
	  L("已对学生进行教育引导，学生表示不再参与。",
	    "校外人员已被带离校园，相关材料已上交。") },
	{ "safety_threat", 7, 0, 23 * 60 + 59, false, 0, 50, 20, 40, 15,
	  L("东区停车场", "图书馆", "学校南门外路口", "游泳馆", "第一教学楼",
	    "学生宿舍区"),
	  L("security_corps", "duty_officer", "dorm_manager"),
	  L("{time}，{class}{name}在{place}遭遇{f:kind}，{b:injured|有人受伤，"
	    "|}"
	    "财产损失约{f:loss}元。{b:police_called|已报警。|尚未报警。}"),
	  L("{time}，{place}发生{f:kind}，{b:injured|有人员受伤。|无人员受伤。}"
	    "{b:police_called|已报警。|}",
	    "{reporter}报告：{place}发生{f:kind}，损失约{f:loss}元。"),
	  L("已拨打110报警", "已通知安全工作处到场",
	    "已疏散无关人员，保护现场"),
	  L("安全工作处已调取监控。", "警方已到场调查取证。"),
	  L("警方已立案调查，已对学生开展安全教育。",
	    "事件已处置完毕，损失已登记，安全工作处加强巡查。") },
	{ "campus_stability", 3, 10 * 60, 21 * 60, false, 30, 0, 0, 50, 20,
	  NULL,
	  L("security_corps", "office_staff"),
	  L("{time}，{place}约{f:count}名学生因对宿舍调整不满{b:gathering|聚集|"
	    "表达诉求}，{name}（{class}）为主要组织者。",
	    "{reporter}报告：{place}有学生{b:gathering|聚集|情绪激动}，涉及约"
	    "{f:count}人，{class}{name}在场。"),
	  NULL,
	  L("已了解诉求，稳定情绪", "已通知安全工作处到场"),
	  L("院系领导已到场与学生沟通。", "相关职能部门已答复学生诉求。"),
	  L("诉求已由相关部门答复，学生已散去，秩序恢复正常。",
	    "经沟通学生情绪稳定，已做好后续解释工作。") },
	{ "public_opinion", 5, 9 * 60, 23 * 60, false, 0, 0, 0, 30, 0,
	  L("网络"),
	  L("office_staff", "student_union", "club_leader"),
	  L("{class}{name}在{f:platform}发帖反映食堂卫生问题，传播范围："
	    "{f:reach}。",
	    "{reporter}发现{f:platform}上有{class}{name}发布的不实信息，传播"
	    "范围：{f:reach}。"),
	  NULL,
	  L("已截图保存原始内容", "已核实事实"),
	  L("辅导员已与学生沟通，学生已删除帖子。", "已报学校宣传部门。"),
	  L("已核实并回应学生诉求，帖子已删除。",
	    "已对学生进行网络文明教育。") },
};

/* For categories this file does not know (another policy). */
static const struct demo_cat demo_cat_other = {
	NULL, 5, 9 * 60, 22 * 60, false, 0, 0, 30, 0, 0,
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
	const char		*cat, *field;
	const char *const	*pool;
} demo_text_pools[] = {
	{ "night_absence", "whereabouts",
	  L("在校外同学家过夜", "回家未向辅导员请假", "在医院陪护生病的亲属",
	    "在校外网吧", "与朋友在市区聚会，错过门禁时间",
	    "外出兼职未能按时返回", "在校外酒店住宿") },
	{ "off_campus_living", "address",
	  L("学校北门外锦绣家园小区", "东门外城中村出租屋", "南门外青年公寓",
	    "市区阳光花园小区", "西门外学府雅苑") },
	{ "off_campus_living", "reason",
	  L("与恋人同住", "准备考研，嫌宿舍吵闹", "作息与室友不一致，关系紧张",
	    "在校外实习，往返不便", "家长陪读") },
	{ "truancy", "course",
	  L("高等数学", "线性代数", "大学英语", "大学物理", "概率论与数理统计",
	    "数据结构", "马克思主义基本原理", "中国近现代史纲要", "体育",
	    "C语言程序设计", "工程制图") },
	{ "all_night_internet", "venue",
	  L("宿舍", "宿舍", "北门外星际网咖", "东门外极速网吧",
	    "网鱼网咖（万达店）") },
	{ "drinking", "place",
	  L("宿舍", "宿舍", "学校北门外烧烤店", "校外KTV", "东区小吃街",
	    "校内湖边") },
	{ "discipline_other", "rule",
	  L("宿舍内吸烟", "私自留宿校外人员", "在宿舍饲养宠物",
	    "夜间大声喧哗，影响他人休息", "私拉电线给电动车电池充电",
	    "晚归翻越围墙") },
	{ "physical_health", "symptom",
	  L("高烧39度以上", "急性肠胃炎，腹泻呕吐", "剧烈腹痛", "哮喘发作",
	    "运动时扭伤脚踝", "过敏起疹、呼吸不畅", "低血糖晕倒") },
	{ "physical_health", "hospital",
	  L("校医院", "市第一人民医院急诊", "市中心医院",
	    "校医院，后转市人民医院") },
	{ "campus_loan", "platform",
	  L("某网络借贷APP", "某分期购物平台", "微信群内私人放贷",
	    "某“校园分期”平台", "多个网贷平台") },
	{ "proselytizing", "place",
	  L("图书馆门前", "东区食堂门口", "学生活动中心", "宿舍楼下",
	    "操场看台") },
	{ "campus_stability", "place",
	  L("行政楼前广场", "东区食堂", "学生宿舍区", "学校南门") },
	{ "public_opinion", "platform",
	  L("微博", "抖音", "小红书", "校园表白墙", "微信朋友圈") },
};

/* Bool fields: percent true (dependent ones are worked out in code). */
static const struct {
	const char	*cat, *field;
	int		 pct;
} demo_bool_pcts[] = {
	{ "night_absence", "phone_reached", 55 },
	{ "night_absence", "parents_contacted", 30 },
	{ "off_campus_living", "parents_informed", 40 },
	{ "prohibited_appliance", "confiscated", 85 },
	{ "prohibited_appliance", "tripped", 10 },
	{ "fighting", "injured", 35 },
	{ "fighting", "weapon", 5 },
	{ "fighting", "police_called", 12 },
	{ "drinking", "intoxicated", 50 },
	{ "physical_health", "contagious", 6 },
	{ "physical_health", "parents_contacted", 60 },
	{ "mental_health", "accompanied", 85 },
	{ "mental_health", "referred", 60 },
	{ "campus_loan", "overdue", 55 },
	{ "campus_loan", "harassed", 30 },
	{ "proselytizing", "outsiders", 70 },
	{ "proselytizing", "materials", 60 },
	{ "safety_threat", "police_called", 70 },
	{ "campus_stability", "gathering", 70 },
};

/* Number fields: lo..hi in steps. */
static const struct {
	const char	*cat, *field;
	int		 lo, hi, step;
} demo_numbers[] = {
	{ "truancy", "absences", 4, 16, 2 },
	{ "fighting", "count", 2, 5, 1 },
	{ "campus_loan", "amount", 2000, 30000, 500 },
	{ "proselytizing", "count", 1, 6, 1 },
	{ "safety_threat", "loss", 0, 8000, 100 },
	{ "campus_stability", "count", 10, 80, 1 },
};

/* Choice fields: weights of some choices (others weigh 10). */
static const struct {
	const char	*cat, *field, *choice;
	int		 weight;
} demo_choice_weights[] = {
	{ "prohibited_appliance", "item", "热得快", 30 },
	{ "prohibited_appliance", "item", "电热毯", 25 },
	{ "prohibited_appliance", "item", "电炉", 8 },
	{ "prohibited_appliance", "item", "大功率吹风机", 20 },
	{ "prohibited_appliance", "item", "蜡烛/明火", 7 },
	{ "mental_health", "risk", "低", 50 },
	{ "mental_health", "risk", "中", 35 },
	{ "mental_health", "risk", "高", 15 },
	{ "safety_threat", "kind", "盗窃", 35 },
	{ "safety_threat", "kind", "诈骗", 30 },
	{ "safety_threat", "kind", "火情", 8 },
	{ "safety_threat", "kind", "溺水", 2 },
	{ "safety_threat", "kind", "交通事故", 10 },
	{ "safety_threat", "kind", "人身伤害", 8 },
	{ "safety_threat", "kind", "其他", 7 },
	{ "public_opinion", "reach", "班级/宿舍群", 50 },
	{ "public_opinion", "reach", "校内", 35 },
	{ "public_opinion", "reach", "校外媒体/全网", 15 },
};

static const char *const demo_ack_notes[] = {
	"已知悉，正在联系学生本人。", "收到，马上处理。",
	"已知悉，会尽快跟进。", "收到，已安排人员到场。", NULL
};

/* --- the demo's own records of what it made ---------------------------- */

struct demo_person {
	int64_t		 id;
	char		 name[24];
	char		 phone[16];
	const char	*title;
};

struct demo_class {
	int64_t		 id;
	char		 name[32];
	size_t		 dept;
	size_t		 counselor;	/* person */
	size_t		 first, n;	/* its students */
};

struct demo_room {
	int64_t		 id;
	size_t		 building;
	char		 name[8];
	size_t		 occ[DEMO_BEDS];	/* students */
	size_t		 nocc;
};

struct demo_student {
	int64_t		 id;		/* 0 until looked up */
	char		 number[16];
	char		 name[24];
	char		 phone[16];
	bool		 male;
	size_t		 cls;
	size_t		 room;
};

struct demo_user {
	int64_t		 id;
	char		 login[16];
	char		 display[24];
	char		 password[16];
	size_t		 person;	/* (size_t)-1: none */
};

enum demo_evkind {
	DEMO_EV_REPORTED,
	DEMO_EV_CONTACTED,
	DEMO_EV_ACK,
	DEMO_EV_NOTE,
	DEMO_EV_RESOLVED
};

struct demo_ev {
	int64_t			 at;
	enum demo_evkind	 kind;
	int			 actor;		/* enum demo_who */
	char			*note;
	const char		*person;	/* contacted: whom */
	const char		*result;	/* contacted: how it went */
};

struct demo_inc {
	struct store_incident		 in;
	const struct policy_category	*c;
	const struct demo_cat		*cat;
	const struct policy_severity	*sv;
	size_t				 start;		/* rung */
	size_t				 stu[3];
	size_t				 nstu;
	long				 cls, dept, room;	/* -1: none */
	int				 logger;	/* enum demo_who */
	int64_t				*ftime;		/* time fields */
	struct store_field		 late;		/* set on resolving */
	int64_t				 late_t;
	struct demo_ev			*ev;
	size_t				 nev;
};

enum demo_fate {
	DEMO_AUTO,
	DEMO_OPEN,
	DEMO_ACKED,
	DEMO_RESOLVED
};

/* What a planned incident must be; the rest is drawn at random. */
struct demo_spec {
	const char	*category;
	const char	*severity;	/* NULL: drawn */
	int		 days_ago;	/* -1: drawn */
	int		 minute;	/* after that midnight; -1: drawn */
	int64_t		 occurred;	/* 0: from days_ago and minute */
	long		 stu[2];	/* -1: drawn */
	int		 nstu;		/* -1: drawn */
	long		 room;		/* -1: drawn */
	enum demo_fate	 fate;
	bool		 overdue;	/* ack_due passed by now */
	const char	*force[4][2];	/* field id, value */
};

struct demo {
	struct yj_app		*a;
	struct store		*s;
	const struct policy	*p;
	struct rng		 rng;
	int64_t			 now;
	int			 cohort;	/* entry year of the newest */

	int64_t			 dept_id[DEMO_NDEPTS];
	size_t			 leader[DEMO_NDEPTS];	/* person */
	int64_t			 building_id[DEMO_BUILDINGS];
	size_t			 cursor[DEMO_BUILDINGS];	/* next room */
	struct demo_room	*rooms;
	size_t			 nrooms;
	struct demo_class	*classes;
	size_t			 nclasses;
	struct demo_student	*students;
	size_t			 nstudents, capstudents;
	struct demo_person	*people;
	size_t			 npeople, cappeople;
	size_t			**lvl;		/* per level: person per unit */
	size_t			*office;	/* per office: person */
	size_t			 counselor1;	/* person */
	size_t			 gap;		/* counselor with no phone */
	struct demo_user	 users[DEMO_NUSERS];

	struct demo_inc		*incs;
	size_t			 nincs, capincs;
};

/* --- small helpers ----------------------------------------------------- */

static void
demo_name(struct demo *d, bool male, char *out, size_t size)
{
	const char *const	*given = male ? demo_given_m : demo_given_f;
	size_t			 ns = demo_count(demo_surnames);
	size_t			 ng = demo_count(given), a, b;
	uint64_t		 u = rng_next(&d->rng) >> 40;	/* 24 bits */

	/* u² leans towards the common surnames at the head of the list. */
	a = (size_t)((u * u * ns) >> 48);
	if (a >= ns)
		a = ns - 1;
	if (demo_pct(&d->rng, 25)) {
		snprintf(out, size, "%s%s", demo_surnames[a],
		    given[rng_below(&d->rng, ng)]);
		return;
	}
	b = rng_below(&d->rng, ng);
	snprintf(out, size, "%s%s%s", demo_surnames[a], given[b],
	    given[(b + 1 + rng_below(&d->rng, ng - 1)) % ng]);
}

static void
demo_phone(struct demo *d, char *out, size_t size)
{
	snprintf(out, size, "%s%08u", demo_pick(&d->rng, demo_mobile),
	    (unsigned)rng_below(&d->rng, 100000000));
}

/* "HH:MM" in local time. */
static void
demo_hhmm(int64_t t, char *out, size_t size)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL)
		snprintf(out, size, "?");
	else
		snprintf(out, size, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

/* Local midnight days_ago days before now, plus minute minutes. */
static int64_t
demo_day(const struct demo *d, int days_ago, int minute)
{
	struct tm	 tm;
	time_t		 t = (time_t)d->now;

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
demo_morning(int64_t t, int minute)
{
	struct tm	 tm;
	time_t		 tt = (time_t)(t - 6 * DEMO_HOUR);

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
demo_awake(struct demo *d, int64_t t)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	localtime_r(&tt, &tm);
	if (tm.tm_hour >= 8 && tm.tm_hour < 22)
		return t;
	if (tm.tm_hour >= 22)
		tm.tm_mday++;
	tm.tm_hour = 0;
	tm.tm_min = (int)rng_between(&d->rng, 8 * 60, 11 * 60);
	tm.tm_sec = (int)rng_between(&d->rng, 0, 59);
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* Whether t is when students are in their rooms (22:30 to 07:00). */
static bool
demo_night(int64_t t)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	localtime_r(&tt, &tm);
	return tm.tm_hour < 7 || tm.tm_hour * 60 + tm.tm_min >= 22 * 60 + 30;
}

static int
demo_weekday(int64_t t)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	localtime_r(&tt, &tm);
	return tm.tm_wday;
}

static const char *
demo_title(const char *id, const char *fallback)
{
	size_t	 i;

	for (i = 0; i < sizeof demo_titles / sizeof demo_titles[0]; i++) {
		if (strcmp(demo_titles[i].id, id) == 0)
			return demo_titles[i].title;
	}
	return fallback;
}

static bool
demo_is(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* A new person with a name no other person has; their index in *idx. */
static enum yj_status
demo_person_add(struct demo *d, const char *title, bool phone, size_t *idx,
    struct yj_error *err)
{
	struct demo_person	*pe;
	enum yj_status		 r;
	size_t			 i;
	bool			 taken;

	if (d->npeople == d->cappeople) {
		d->cappeople = d->cappeople ? d->cappeople * 2 : 64;
		d->people = xreallocarray(d->people, d->cappeople,
		    sizeof *d->people);
	}
	pe = &d->people[d->npeople];
	memset(pe, 0, sizeof *pe);
	do {
		demo_name(d, demo_pct(&d->rng, 60), pe->name, sizeof pe->name);
		for (taken = false, i = 0; i < d->npeople && !taken; i++)
			taken = strcmp(d->people[i].name, pe->name) == 0;
	} while (taken);
	if (phone)
		demo_phone(d, pe->phone, sizeof pe->phone);
	pe->title = title;
	r = store_person_ensure(d->s, pe->name, pe->phone, title, &pe->id,
	    err);
	if (r != YJ_OK)
		return r;
	*idx = d->npeople++;
	return YJ_OK;
}

/* --- the organisation -------------------------------------------------- */

/* The next free room for a man or a woman of department dept. */
static enum yj_status
demo_next_room(struct demo *d, bool male, size_t dept, size_t *room,
    struct yj_error *err)
{
	size_t	 half = DEMO_BUILDINGS / 2, base = male ? 0 : half, k, b;

	for (k = 0; k < half; k++) {
		b = base + (dept + k) % half;
		if (d->cursor[b] < DEMO_ROOMS_PER) {
			*room = b * DEMO_ROOMS_PER + d->cursor[b]++;
			return YJ_OK;
		}
	}
	return yj_fail(err, YJ_BAD_INPUT, "demo: the dormitories are full");
}

static enum yj_status
demo_student_add(struct demo *d, size_t cls, int year, size_t dept,
    size_t cc, size_t seq, size_t *cur_m, size_t *cur_f,
    struct yj_error *err)
{
	struct demo_student	*st;
	struct demo_room	*rm;
	struct store_student	 row;
	enum store_upsert	 what;
	enum yj_status		 r;
	size_t			*cur;

	if (d->nstudents == d->capstudents) {
		d->capstudents = d->capstudents ? d->capstudents * 2 : 1024;
		d->students = xreallocarray(d->students, d->capstudents,
		    sizeof *d->students);
	}
	st = &d->students[d->nstudents];
	memset(st, 0, sizeof *st);
	st->male = demo_pct(&d->rng, demo_depts[dept].male);
	demo_name(d, st->male, st->name, sizeof st->name);
	demo_phone(d, st->phone, sizeof st->phone);
	/* Each part is two digits in the demo: the bounds say so. */
	snprintf(st->number, sizeof st->number, "%04d%02u%02u%02u", year,
	    (unsigned)(dept + 1) % 100, (unsigned)cc % 100,
	    (unsigned)seq % 100);
	st->cls = cls;

	/* Classmates of one sex fill rooms four at a time. */
	cur = st->male ? cur_m : cur_f;
	if (*cur == SIZE_MAX || d->rooms[*cur].nocc == DEMO_BEDS) {
		if ((r = demo_next_room(d, st->male, dept, cur, err)) != YJ_OK)
			return r;
	}
	rm = &d->rooms[*cur];
	rm->occ[rm->nocc++] = d->nstudents;
	st->room = *cur;

	memset(&row, 0, sizeof row);
	row.number = st->number;
	row.name = st->name;
	row.gender = st->male ? "男" : "女";
	row.phone = st->phone;
	row.class_id = d->classes[cls].id;
	row.room_id = rm->id;
	if ((r = store_student_put(d->s, &row, &what, err)) != YJ_OK)
		return r;
	d->nstudents++;
	return YJ_OK;
}

static enum yj_status
demo_org(struct demo *d, struct yj_error *err)
{
	struct demo_class	*cl;
	struct demo_room	*rm;
	enum yj_status		 r;
	char			 name[16];
	size_t			 i, b, f, k, y, m, n, cc, cur_m, cur_f;
	int			 year;

	for (i = 0; i < DEMO_NDEPTS; i++) {
		if ((r = store_department_ensure(d->s, demo_depts[i].name,
		    &d->dept_id[i], err)) != YJ_OK)
			return r;
	}

	d->nrooms = DEMO_BUILDINGS * DEMO_ROOMS_PER;
	d->rooms = xcalloc(d->nrooms, sizeof *d->rooms);
	for (b = 0; b < DEMO_BUILDINGS; b++) {
		snprintf(name, sizeof name, "%zu", b + 1);
		if ((r = store_building_ensure(d->s, name, &d->building_id[b],
		    err)) != YJ_OK)
			return r;
		for (f = 0; f < DEMO_FLOORS; f++) {
			for (k = 0; k < DEMO_PER_FLOOR; k++) {
				rm = &d->rooms[b * DEMO_ROOMS_PER +
				    f * DEMO_PER_FLOOR + k];
				rm->building = b;
				snprintf(rm->name, sizeof rm->name, "%zu%02zu",
				    f + 1, k + 1);
				if ((r = store_room_ensure(d->s,
				    d->building_id[b], rm->name, &rm->id,
				    err)) != YJ_OK)
					return r;
			}
		}
	}

	/* The computer-science majors are large: two classes a year. */
	d->classes = xcalloc(DEMO_NDEPTS * DEMO_COHORTS * DEMO_MAJORS * 2,
	    sizeof *d->classes);
	for (i = 0; i < DEMO_NDEPTS; i++) {
		for (y = 0; y < DEMO_COHORTS; y++) {
			year = d->cohort - (int)y;
			cc = 0;
			for (m = 0; m < DEMO_MAJORS; m++) {
				n = i == 0 ? 2 : 1;
				for (k = 0; k < n; k++) {
					cl = &d->classes[d->nclasses];
					cl->dept = i;
					cl->counselor = SIZE_MAX;
					snprintf(cl->name, sizeof cl->name,
					    "%s%02d%02zu",
					    demo_depts[i].majors[m],
					    year % 100, k + 1);
					if ((r = store_class_ensure(d->s,
					    cl->name, d->dept_id[i], &cl->id,
					    err)) != YJ_OK)
						return r;
					cc++;
					cl->first = d->nstudents;
					cl->n = (size_t)rng_between(&d->rng,
					    26, 34);
					cur_m = cur_f = SIZE_MAX;
					for (f = 0; f < cl->n; f++) {
						if ((r = demo_student_add(d,
						    d->nclasses, year, i, cc,
						    f + 1, &cur_m, &cur_f,
						    err)) != YJ_OK)
							return r;
					}
					d->nclasses++;
				}
			}
		}
	}
	return YJ_OK;
}

/* --- the people responsible ------------------------------------------- */

/*
 * Counselors cover two or three classes of their department each; the
 * first counselor of one department has no phone on record, so the
 * coverage report has exactly two classes to show.
 */
static enum yj_status
demo_counselors(struct demo *d, struct yj_error *err)
{
	enum yj_status	 r;
	size_t		 i, k, first, n, left, take, person;

	for (i = 0; i < DEMO_NDEPTS; i++) {
		first = SIZE_MAX;
		for (n = k = 0; k < d->nclasses; k++) {
			if (d->classes[k].dept == i) {
				if (first == SIZE_MAX)
					first = k;
				n++;
			}
		}
		for (k = first; k < first + n; k += take) {
			left = first + n - k;
			if (left <= 3)
				take = left;
			else if (left == 4 || (i == DEMO_GAP_DEPT &&
			    k == first))
				take = 2;
			else
				take = 2 + rng_below(&d->rng, 2);
			r = demo_person_add(d, demo_title("counselor",
			    "辅导员"), !(i == DEMO_GAP_DEPT && k == first),
			    &person, err);
			if (r != YJ_OK)
				return r;
			if (i == 0 && k == first)
				d->counselor1 = person;
			if (i == DEMO_GAP_DEPT && k == first)
				d->gap = person;
			for (left = 0; left < take; left++)
				d->classes[k + left].counselor = person;
		}
	}
	for (i = 0; i < DEMO_NDEPTS; i++) {
		if ((r = demo_person_add(d, demo_title("department",
		    "党委副书记"), true, &d->leader[i], err)) != YJ_OK)
			return r;
	}
	return YJ_OK;
}

/* Someone at every level (per its scope) and every office. */
static enum yj_status
demo_responsible(struct demo *d, struct yj_error *err)
{
	const struct policy		*p = d->p;
	const struct policy_level	*lv;
	enum yj_status			 r;
	size_t				 i, k, nclass = 0, ndept = 0;

	if ((r = demo_counselors(d, err)) != YJ_OK)
		return r;
	d->lvl = xcalloc(p->nlevels + 1, sizeof *d->lvl);
	for (i = 0; i < p->nlevels; i++) {
		lv = &p->levels[i];
		switch (lv->scope) {
		case POLICY_SCOPE_CLASS:
			d->lvl[i] = xcalloc(d->nclasses, sizeof *d->lvl[i]);
			for (k = 0; k < d->nclasses; k++) {
				if (nclass == 0)
					d->lvl[i][k] = d->classes[k].counselor;
				else if ((r = demo_person_add(d, lv->name,
				    true, &d->lvl[i][k], err)) != YJ_OK)
					return r;
				if ((r = store_responsible_set(d->s, lv->id,
				    STORE_UNIT_CLASS, d->classes[k].id,
				    d->people[d->lvl[i][k]].id, err)) != YJ_OK)
					return r;
			}
			nclass++;
			break;
		case POLICY_SCOPE_DEPARTMENT:
			d->lvl[i] = xcalloc(DEMO_NDEPTS, sizeof *d->lvl[i]);
			for (k = 0; k < DEMO_NDEPTS; k++) {
				if (ndept == 0)
					d->lvl[i][k] = d->leader[k];
				else if ((r = demo_person_add(d, lv->name,
				    true, &d->lvl[i][k], err)) != YJ_OK)
					return r;
				if ((r = store_responsible_set(d->s, lv->id,
				    STORE_UNIT_DEPARTMENT, d->dept_id[k],
				    d->people[d->lvl[i][k]].id, err)) != YJ_OK)
					return r;
			}
			ndept++;
			break;
		case POLICY_SCOPE_SCHOOL:
			d->lvl[i] = xcalloc(1, sizeof *d->lvl[i]);
			if ((r = demo_person_add(d, demo_title(lv->id,
			    lv->name), true, &d->lvl[i][0], err)) != YJ_OK)
				return r;
			if ((r = store_responsible_set(d->s, lv->id,
			    STORE_UNIT_SCHOOL, 0, d->people[d->lvl[i][0]].id,
			    err)) != YJ_OK)
				return r;
			break;
		}
	}
	d->office = xcalloc(p->noffices + 1, sizeof *d->office);
	for (i = 0; i < p->noffices; i++) {
		if ((r = demo_person_add(d, demo_title(p->offices[i].id,
		    p->offices[i].name), true, &d->office[i], err)) != YJ_OK)
			return r;
		if ((r = store_responsible_set(d->s, p->offices[i].id,
		    STORE_UNIT_SCHOOL, 0, d->people[d->office[i]].id, err)) !=
		    YJ_OK)
			return r;
	}
	return YJ_OK;
}

/* The person at the school-scope level or the office with that id. */
static size_t
demo_school_person(const struct demo *d, const char *id)
{
	const struct policy	*p = d->p;
	size_t			 i;

	for (i = 0; i < p->nlevels; i++) {
		if (p->levels[i].scope == POLICY_SCOPE_SCHOOL &&
		    strcmp(p->levels[i].id, id) == 0)
			return d->lvl[i][0];
	}
	for (i = 0; i < p->noffices; i++) {
		if (strcmp(p->offices[i].id, id) == 0)
			return d->office[i];
	}
	return SIZE_MAX;
}

/* --- users ------------------------------------------------------------- */

static enum yj_status
demo_users(struct demo *d, uint64_t seed, struct yj_error *err)
{
	struct rng		 pw = { seed ^ 0x7061737377307264ULL };
	struct users_new	 n;
	struct store_user	 u;
	struct demo_user	*du;
	const char		**scope = NULL;
	enum yj_status		 r = YJ_OK;
	size_t			 i, k, nscope;

	for (i = 0; i < DEMO_NUSERS && r == YJ_OK; i++) {
		du = &d->users[i];
		snprintf(du->login, sizeof du->login, "%s",
		    demo_user_defs[i].login);
		for (k = 0; k < 10; k++)
			du->password[k] = demo_pw_chars[rng_below(&pw,
			    sizeof demo_pw_chars - 1)];
		du->password[k] = '\0';
		du->person = SIZE_MAX;
		nscope = 0;
		free(scope);
		scope = NULL;
		switch (i) {
		case DEMO_DUTY1:
		case DEMO_DUTY2:
			r = demo_person_add(d, demo_user_defs[i].title, true,
			    &du->person, err);
			break;
		case DEMO_COUNSELOR:
			du->person = d->counselor1;
			scope = xcalloc(d->nclasses, sizeof *scope);
			for (k = 0; k < d->nclasses; k++) {
				if (d->classes[k].counselor == d->counselor1)
					scope[nscope++] = d->classes[k].name;
			}
			break;
		case DEMO_DEPT:
			du->person = d->leader[0];
			scope = xcalloc(1, sizeof *scope);
			scope[nscope++] = demo_depts[0].name;
			break;
		case DEMO_XSC:
			du->person = demo_school_person(d, "student_affairs");
			break;
		case DEMO_LEADER:
			du->person = demo_school_person(d, "school_leader");
			break;
		case DEMO_XINLI:
			du->person = demo_school_person(d, "counseling_center");
			break;
		}
		if (r != YJ_OK)
			break;
		snprintf(du->display, sizeof du->display, "%s",
		    du->person != SIZE_MAX ? d->people[du->person].name :
		    du->login);
		memset(&n, 0, sizeof n);
		n.login = du->login;
		n.display = du->display;
		n.role = demo_user_defs[i].role;
		n.person = du->person != SIZE_MAX ?
		    d->people[du->person].name : NULL;
		n.scope = scope;
		n.nscope = nscope;
		n.password = du->password;
		if ((r = users_add(d->a, &n, true, err)) != YJ_OK)
			break;
		if ((r = store_user_get(d->s, du->login, &u, err)) != YJ_OK)
			break;
		du->id = u.id;
		store_user_free(&u);
	}
	free(scope);
	return r;
}

/* --- planning an incident ---------------------------------------------- */

static const struct demo_cat *
demo_cat_of(const char *id)
{
	size_t	 i;

	for (i = 0; i < sizeof demo_cats / sizeof demo_cats[0]; i++) {
		if (strcmp(demo_cats[i].id, id) == 0)
			return &demo_cats[i];
	}
	return &demo_cat_other;
}

/* The value of field id so far, or NULL. */
static const char *
demo_fval(const struct demo_inc *x, const char *id, int64_t *t)
{
	size_t	 i;

	for (i = 0; i < x->in.nfields; i++) {
		if (strcmp(x->in.fields[i].key, id) == 0) {
			if (t != NULL)
				*t = x->ftime[i];
			return x->in.fields[i].value;
		}
	}
	if (x->late.key != NULL && strcmp(x->late.key, id) == 0) {
		if (t != NULL)
			*t = x->late_t;
		return x->late.value;
	}
	return NULL;
}

static bool
demo_ftrue(const struct demo_inc *x, const char *id)
{
	const char	*v = demo_fval(x, id, NULL);

	return v != NULL && strcmp(v, "true") == 0;
}

/* The room as people say it: "6号楼402室". */
static void
demo_room_text(const struct demo *d, long room, struct buf *out)
{
	const struct demo_room	*rm;

	if (room < 0) {
		buf_puts(out, "宿舍");
		return;
	}
	rm = &d->rooms[room];
	buf_printf(out, "%zu号楼%s室", rm->building + 1, rm->name);
}

/* The end of the {...} that starts at s (just after the '{'). */
static const char *
demo_close(const char *s)
{
	int	 depth = 1;

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
demo_bar(const char *s, const char *end)
{
	int	 depth = 0;

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

static void	demo_expand(const struct demo *, const struct demo_inc *,
		    const char *, size_t, struct buf *);

static void
demo_token(const struct demo *d, const struct demo_inc *x, const char *tok,
    size_t len, struct buf *out)
{
	const struct policy_field	*f = NULL;
	const char			*v, *bar1, *bar2, *end = tok + len;
	char				 id[64], hm[8];
	int64_t				 t = 0;
	size_t				 i;

#define DEMO_TOK(s)	(len == strlen(s) && memcmp(tok, s, len) == 0)
	if (DEMO_TOK("name") || DEMO_TOK("first")) {
		for (i = 0; i < x->nstu && (i == 0 || DEMO_TOK("name")); i++)
			buf_printf(out, "%s%s", i ? "、" : "",
			    d->students[x->stu[i]].name);
	} else if (DEMO_TOK("class")) {
		if (x->cls >= 0)
			buf_puts(out, d->classes[x->cls].name);
	} else if (DEMO_TOK("room")) {
		demo_room_text(d, x->room, out);
	} else if (DEMO_TOK("place")) {
		if (*x->in.location != '\0')
			buf_puts(out, x->in.location);
		else
			demo_room_text(d, x->room, out);
	} else if (DEMO_TOK("time")) {
		demo_hhmm(x->in.occurred_at, hm, sizeof hm);
		buf_puts(out, hm);
	} else if (DEMO_TOK("reporter")) {
		buf_puts(out, x->in.reporter);
	} else if (DEMO_TOK("cat")) {
		buf_puts(out, x->c->name);
	} else if (len > 2 && (tok[0] == 'f' || tok[0] == 'b') &&
	    tok[1] == ':') {
		bar1 = demo_bar(tok + 2, end);
		snprintf(id, sizeof id, "%.*s", (int)(bar1 - tok - 2),
		    tok + 2);
		for (i = 0; i < x->c->nfields; i++) {
			if (strcmp(x->c->fields[i].id, id) == 0)
				f = &x->c->fields[i];
		}
		v = demo_fval(x, id, &t);
		if (tok[0] == 'b') {
			bar2 = bar1 < end ? demo_bar(bar1 + 1, end) : end;
			if (v != NULL && strcmp(v, "true") == 0)
				demo_expand(d, x, bar1 + (bar1 < end),
				    (size_t)(bar2 - bar1 - (bar1 < end)), out);
			else if (bar2 < end)
				demo_expand(d, x, bar2 + 1,
				    (size_t)(end - bar2 - 1), out);
		} else if (v == NULL)
			buf_puts(out, "不详");
		else if (f != NULL && f->type == POLICY_FIELD_BOOL)
			buf_puts(out, strcmp(v, "true") == 0 ? "是" : "否");
		else if (f != NULL && f->type == POLICY_FIELD_TIME) {
			demo_hhmm(t, hm, sizeof hm);
			buf_puts(out, hm);
		} else
			buf_puts(out, v);
	} else
		buf_printf(out, "{%.*s}", (int)len, tok);
#undef DEMO_TOK
}

static void
demo_expand(const struct demo *d, const struct demo_inc *x, const char *s,
    size_t len, struct buf *out)
{
	const char	*end = s + len, *close, *open;

	while (s < end) {
		open = memchr(s, '{', (size_t)(end - s));
		if (open == NULL) {
			buf_add(out, s, (size_t)(end - s));
			return;
		}
		buf_add(out, s, (size_t)(open - s));
		close = demo_close(open + 1);
		if (close > end)
			close = end;
		demo_token(d, x, open + 1, (size_t)(close - open - 1), out);
		s = close < end ? close + 1 : end;
	}
}

static char *
demo_text(const struct demo *d, const struct demo_inc *x, const char *tpl)
{
	struct buf	 b;

	buf_init(&b);
	demo_expand(d, x, tpl, strlen(tpl), &b);
	return buf_steal(&b);
}

static size_t
demo_choice(struct demo *d, const struct demo_inc *x,
    const struct policy_field *f)
{
	int	 w[64], total = 0, pick;
	size_t	 i, k, n = f->nchoices < 64 ? f->nchoices : 64;

	for (i = 0; i < n; i++) {
		w[i] = 10;
		for (k = 0; k < sizeof demo_choice_weights /
		    sizeof demo_choice_weights[0]; k++) {
			if (demo_is(demo_choice_weights[k].cat, x->c->id) &&
			    demo_is(demo_choice_weights[k].field, f->id) &&
			    demo_is(demo_choice_weights[k].choice,
			    f->choices[i]))
				w[i] = demo_choice_weights[k].weight;
		}
		total += w[i];
	}
	pick = (int)rng_below(&d->rng, (size_t)total);
	for (i = 0; i + 1 < n && pick >= w[i]; i++)
		pick -= w[i];
	return i;
}

static int
demo_bool_pct(const struct demo_inc *x, const char *field)
{
	const char	*v;
	size_t		 i;

	if (demo_is(x->c->id, "mental_health") && demo_is(field, "self_harm")) {
		v = demo_fval(x, "risk", NULL);
		return demo_is(v, "高") ? 60 : demo_is(v, "中") ? 15 : 0;
	}
	if (demo_is(x->c->id, "drinking") && demo_is(field, "hospital"))
		return demo_ftrue(x, "intoxicated") ? 20 : 0;
	if (demo_is(x->c->id, "safety_threat") && demo_is(field, "injured")) {
		v = demo_fval(x, "kind", NULL);
		return demo_is(v, "人身伤害") || demo_is(v, "交通事故") ||
		    demo_is(v, "溺水") ? 80 : demo_is(v, "火情") ? 20 : 3;
	}
	if (demo_is(x->c->id, "fighting") && demo_is(field, "police_called"))
		return demo_ftrue(x, "weapon") ? 80 : 10;
	for (i = 0; i < sizeof demo_bool_pcts / sizeof demo_bool_pcts[0];
	    i++) {
		if (demo_is(demo_bool_pcts[i].cat, x->c->id) &&
		    demo_is(demo_bool_pcts[i].field, field))
			return demo_bool_pcts[i].pct;
	}
	return 50;
}

/* A value of the field's type that fits the incident; *t for times. */
static char *
demo_field_value(struct demo *d, struct demo_inc *x,
    const struct policy_field *f, int64_t *t)
{
	const char	*cid = x->c->id, *v;
	char		 iso[40], name[24];
	int64_t		 lo = 1, hi = 10, step = 1, n;
	size_t		 i;

	*t = 0;
	switch (f->type) {
	case POLICY_FIELD_BOOL:
		if (demo_is(cid, "all_night_internet") &&
		    demo_is(f->id, "off_campus"))
			return xstrdup(demo_is(demo_fval(x, "venue", NULL),
			    "宿舍") ? "false" : "true");
		return xstrdup(demo_pct(&d->rng, demo_bool_pct(x, f->id)) ?
		    "true" : "false");
	case POLICY_FIELD_NUMBER:
		for (i = 0; i < sizeof demo_numbers / sizeof demo_numbers[0];
		    i++) {
			if (demo_is(demo_numbers[i].cat, cid) &&
			    demo_is(demo_numbers[i].field, f->id)) {
				lo = demo_numbers[i].lo;
				hi = demo_numbers[i].hi;
				step = demo_numbers[i].step;
			}
		}
		if (demo_is(cid, "safety_threat") && demo_is(f->id, "loss") &&
		    demo_is(demo_fval(x, "kind", NULL), "诈骗")) {
			lo = 500;
			hi = 30000;
		}
		n = lo + rng_between(&d->rng, 0, (hi - lo) / step) * step;
		if (demo_is(f->id, "count") && n < (int64_t)x->nstu)
			n = (int64_t)x->nstu;
		return xasprintf("%lld", (long long)n);
	case POLICY_FIELD_TIME:
		*t = x->in.occurred_at;
		if (demo_is(cid, "night_absence") &&
		    demo_is(f->id, "last_seen"))
			*t -= rng_between(&d->rng, 60, 8 * 60) * DEMO_MIN;
		return xstrdup(caltime_format_iso(*t, iso, sizeof iso));
	case POLICY_FIELD_CHOICE:
		if (f->nchoices == 0)
			return xstrdup("");
		return xstrdup(f->choices[demo_choice(d, x, f)]);
	case POLICY_FIELD_TEXT:
		break;
	}
	if (demo_is(cid, "night_absence") && demo_is(f->id, "whereabouts") &&
	    !demo_ftrue(x, "phone_reached"))
		return xstrdup("不明");
	if (demo_is(cid, "truancy") && demo_is(f->id, "teacher")) {
		demo_name(d, demo_pct(&d->rng, 50), name, sizeof name);
		return xstrdup(name);
	}
	if (demo_is(cid, "public_opinion") && demo_is(f->id, "url")) {
		v = demo_fval(x, "platform", NULL);
		if (demo_is(v, "微博"))
			return xasprintf("https://weibo.com/%u/%llx",
			    (unsigned)rng_between(&d->rng, 1000000000,
			    2000000000), (unsigned long long)(rng_next(
			    &d->rng) >> 20));
		if (demo_is(v, "抖音"))
			return xasprintf("https://www.douyin.com/video/"
			    "7%018llu", (unsigned long long)(rng_next(
			    &d->rng) % 1000000000000000000ULL));
		if (demo_is(v, "小红书"))
			return xasprintf("https://www.xiaohongshu.com/explore/"
			    "%016llx", (unsigned long long)rng_next(&d->rng));
		return xstrdup("（无链接，已截图保存）");
	}
	for (i = 0; i < sizeof demo_text_pools / sizeof demo_text_pools[0];
	    i++) {
		if (demo_is(demo_text_pools[i].cat, cid) &&
		    demo_is(demo_text_pools[i].field, f->id))
			return xstrdup(demo_pick(&d->rng,
			    demo_text_pools[i].pool));
	}
	return xstrdup("详见情况描述");
}

static enum yj_status
demo_student_id(struct demo *d, size_t k, struct yj_error *err)
{
	struct store_student	 st;
	enum yj_status		 r;

	if (d->students[k].id != 0)
		return YJ_OK;
	if ((r = store_student_get(d->s, d->students[k].number, &st, err)) !=
	    YJ_OK)
		return r;
	d->students[k].id = st.id;
	store_student_free(&st);
	return YJ_OK;
}

/* A student incidents may name: not in a class with nobody to phone. */
static size_t
demo_any_student(struct demo *d, bool counselor1)
{
	const struct demo_student	*st;
	size_t				 k;

	for (;;) {
		k = rng_below(&d->rng, d->nstudents);
		st = &d->students[k];
		if (d->classes[st->cls].counselor == d->gap)
			continue;
		if (counselor1 &&
		    d->classes[st->cls].counselor != d->counselor1)
			continue;
		return k;
	}
}

/* Another student close to the first: a roommate or a classmate. */
static size_t
demo_near_student(struct demo *d, size_t first)
{
	const struct demo_student	*st = &d->students[first];
	const struct demo_room		*rm = &d->rooms[st->room];
	const struct demo_class		*cl = &d->classes[st->cls];
	size_t				 k;

	if (rm->nocc > 1 && demo_pct(&d->rng, 60)) {
		k = rm->occ[rng_below(&d->rng, rm->nocc)];
		if (k != first)
			return k;
	}
	do {
		k = cl->first + rng_below(&d->rng, cl->n);
	} while (k == first && cl->n > 1);
	return k;
}

/* A classmate of k other than k and not, when possible, not. */
static size_t
demo_classmate(struct demo *d, size_t k, size_t not)
{
	const struct demo_class	*cl = &d->classes[d->students[k].cls];
	size_t			 m, tries;

	for (tries = 0; tries < 100; tries++) {
		m = cl->first + rng_below(&d->rng, cl->n);
		if (m != k && m != not)
			return m;
	}
	return cl->first + (k == cl->first);
}

static bool
demo_involved(const struct demo_inc *x, size_t k)
{
	size_t	 i;

	for (i = 0; i < x->nstu; i++) {
		if (x->stu[i] == k)
			return true;
	}
	return false;
}

/* Who reported it, as the reporter role would be filled in. */
static void
demo_reporter(struct demo *d, struct demo_inc *x)
{
	const struct policy	*p = d->p;
	const char		*role = demo_pick(&d->rng, x->cat->roles);
	const char		*v;
	char			 name[24];
	size_t			 k, tries;

	if (policy_find(p, POLICY_REPORTER_ROLE, role) < 0)
		role = p->nreporter_roles > 0 ?
		    p->reporter_roles[p->nreporter_roles - 1].id : "";
	x->in.reporter_role = xstrdup(role);
	if (demo_is(role, "duty_officer")) {
		x->in.reporter = xstrdup(d->users[x->logger].display);
		return;
	}
	if (demo_is(role, "counselor") && x->cls >= 0) {
		x->in.reporter = xstrdup(
		    d->people[d->classes[x->cls].counselor].name);
		return;
	}
	if (demo_is(role, "teacher") &&
	    (v = demo_fval(x, "teacher", NULL)) != NULL) {
		x->in.reporter = xstrdup(v);
		return;
	}
	if (demo_is(role, "dorm_head") || demo_is(role, "class_cadre") ||
	    demo_is(role, "safety_officer") || demo_is(role, "party_member") ||
	    demo_is(role, "student_union") || demo_is(role, "club_leader") ||
	    demo_is(role, "security_corps")) {
		for (tries = 0; tries < 20; tries++) {
			if (x->nstu > 0 && (demo_is(role, "dorm_head") ||
			    demo_is(role, "class_cadre") ||
			    demo_is(role, "safety_officer")))
				k = demo_near_student(d, x->stu[0]);
			else if (x->room >= 0 && d->rooms[x->room].nocc > 0)
				k = d->rooms[x->room].occ[rng_below(&d->rng,
				    d->rooms[x->room].nocc)];
			else
				k = rng_below(&d->rng, d->nstudents);
			if (!demo_involved(x, k)) {
				x->in.reporter = xstrdup(d->students[k].name);
				return;
			}
		}
	}
	demo_name(d, demo_pct(&d->rng, 50), name, sizeof name);
	x->in.reporter = xstrdup(name);
}

static void
demo_ev_add(struct demo_inc *x, int64_t at, enum demo_evkind kind, int actor,
    char *note)
{
	struct demo_ev	*e;

	x->ev = xreallocarray(x->ev, x->nev + 1, sizeof *x->ev);
	e = &x->ev[x->nev++];
	memset(e, 0, sizeof *e);
	e->at = at;
	e->kind = kind;
	e->actor = actor;
	e->note = note;
}

/* The person at rung r of the incident's path, or NULL. */
static const struct demo_person *
demo_rung_person(const struct demo *d, const struct demo_inc *x, size_t r)
{
	const struct policy_rung	*rg = &d->p->paths[x->c->path].rungs[r];
	size_t				 unit;

	if (rg->kind == POLICY_RUNG_OFFICE)
		return &d->people[d->office[rg->index]];
	switch (d->p->levels[rg->index].scope) {
	case POLICY_SCOPE_CLASS:
		if (x->cls < 0)
			return NULL;
		unit = (size_t)x->cls;
		break;
	case POLICY_SCOPE_DEPARTMENT:
		if (x->dept < 0)
			return NULL;
		unit = (size_t)x->dept;
		break;
	default:
		unit = 0;
		break;
	}
	return &d->people[d->lvl[rg->index][unit]];
}

/*
 * The user who acts at rung r: counselor1 and dept1 within their scope,
 * the school-level users at their level, the counseling staff at their
 * office; -1 when the rung's person has no account (the duty officer
 * records what they said). Restricted incidents are only ever touched by
 * someone allowed to read them.
 */
static int
demo_handler(const struct demo *d, const struct demo_inc *x, size_t r)
{
	const struct policy_rung	*rg = &d->p->paths[x->c->path].rungs[r];
	const struct policy_level	*lv;
	int				 who = -1;

	if (rg->kind == POLICY_RUNG_OFFICE) {
		if (demo_is(rg->id, "counseling_center"))
			who = DEMO_XINLI;
	} else {
		lv = &d->p->levels[rg->index];
		if (lv->scope == POLICY_SCOPE_CLASS && x->cls >= 0 &&
		    d->classes[x->cls].counselor == d->counselor1)
			who = DEMO_COUNSELOR;
		else if (lv->scope == POLICY_SCOPE_DEPARTMENT && x->dept == 0)
			who = DEMO_DEPT;
		else if (demo_is(lv->id, "student_affairs"))
			who = DEMO_XSC;
		else if (demo_is(lv->id, "school_leader"))
			who = DEMO_LEADER;
	}
	if (who < 0 && x->in.restricted)
		who = x->cls >= 0 && d->classes[x->cls].counselor ==
		    d->counselor1 ? DEMO_COUNSELOR : DEMO_XINLI;
	return who;
}

/* The history: contacts, acknowledgement, notes, resolution. */
static void
demo_history(struct demo *d, struct demo_inc *x, enum demo_fate fate)
{
	const struct demo_person	*pe = demo_rung_person(d, x, x->start);
	int64_t				 t = x->in.reported_at, ackw, ack, end,
					 resw, at, span, age = d->now - t;
	int				 handler = demo_handler(d, x, x->start);
	int				 caller, actor;
	size_t				 i, nnotes, first;
	char				 iso[40];

	caller = x->in.restricted ? handler : x->logger;
	actor = handler >= 0 ? handler : x->logger;
	demo_ev_add(x, t, DEMO_EV_REPORTED, x->logger,
	    xstrdup(x->in.actions));

	if (fate == DEMO_AUTO) {
		int	 pct = age < 2 * DEMO_DAY ? 35 : age < 10 * DEMO_DAY ?
			    65 : 80;

		if (x->in.restricted || x->c->resolve_within >= 7 * DEMO_DAY)
			pct -= 10;
		fate = demo_pct(&d->rng, pct) ? DEMO_RESOLVED : DEMO_ACKED;
	}
	ackw = policy_ack_within(d->p, x->c, x->start);
	if (ackw <= 0)
		ackw = DEMO_HOUR;
	ack = t + ackw * rng_between(&d->rng, 15, 80) / 100;
	if (ack < t + 3 * DEMO_MIN)
		ack = t + 3 * DEMO_MIN;

	/* Phoning the rung's person (not oneself): sometimes twice. */
	at = t;
	if (pe != NULL && *pe->phone != '\0' &&
	    d->users[caller].person != (size_t)(pe - d->people)) {
		if (fate == DEMO_OPEN || demo_pct(&d->rng, 25)) {
			at += rng_between(&d->rng, 1, 5) * DEMO_MIN;
			demo_ev_add(x, at, DEMO_EV_CONTACTED, caller,
			    xstrdup("无人接听，稍后再拨。"));
			x->ev[x->nev - 1].person = pe->name;
			x->ev[x->nev - 1].result = "no-answer";
		}
		if (fate == DEMO_OPEN) {
			at += rng_between(&d->rng, 5, 20) * DEMO_MIN;
			demo_ev_add(x, at, DEMO_EV_CONTACTED, caller,
			    xstrdup("再次拨打仍未接通，已发短信说明情况。"));
			x->ev[x->nev - 1].person = pe->name;
			x->ev[x->nev - 1].result = "left-message";
		} else if (ack - at > 3 * DEMO_MIN) {
			span = (ack - at) / DEMO_MIN - 2;
			at += rng_between(&d->rng, 1, span < 20 ? span : 20) *
			    DEMO_MIN;
			demo_ev_add(x, at, DEMO_EV_CONTACTED, caller,
			    xasprintf("已电话告知%s（%s）。", pe->name,
			    pe->title));
			x->ev[x->nev - 1].person = pe->name;
			x->ev[x->nev - 1].result = "reached";
		}
	}
	if (fate == DEMO_OPEN)
		return;

	if (ack <= at)
		ack = at + DEMO_MIN;
	demo_ev_add(x, ack, DEMO_EV_ACK, actor, handler >= 0 || pe == NULL ?
	    xstrdup(demo_pick(&d->rng, demo_ack_notes)) :
	    xasprintf("%s（%s）电话确认已知悉，由值班人员代为登记。",
	    pe->name, pe->title));

	/* When it gets resolved: night absences end the next morning. */
	resw = x->c->resolve_within > 0 ? x->c->resolve_within : DEMO_DAY;
	if (demo_is(x->c->id, "night_absence")) {
		end = demo_morning(x->in.occurred_at, (int)rng_between(&d->rng,
		    6 * 60 + 30, 11 * 60));
		if (end <= ack + 30 * DEMO_MIN)
			end = ack + rng_between(&d->rng, 30, 180) * DEMO_MIN;
	} else if (demo_pct(&d->rng, 10))
		end = ack + resw + resw * rng_between(&d->rng, 5, 50) / 100;
	else
		end = ack + resw * rng_between(&d->rng, 10, 85) / 100;
	if (end < ack + 20 * DEMO_MIN)
		end = ack + 20 * DEMO_MIN;
	if (fate != DEMO_RESOLVED && end > d->now)
		end = d->now;

	/* Follow-up comes in the daytime, unless it is the same night. */
	if (end - ack > 6 * DEMO_HOUR)
		end = demo_awake(d, end);
	nnotes = rng_below(&d->rng, 3);
	if (nnotes > demo_count(x->cat->notes))
		nnotes = demo_count(x->cat->notes);
	first = rng_below(&d->rng, demo_count(x->cat->notes));
	for (i = 0; i < nnotes; i++) {
		at = ack + (end - ack) * (int64_t)(i + 1) /
		    (int64_t)(nnotes + 1);
		if (at - ack > 6 * DEMO_HOUR)
			at = demo_awake(d, at);
		demo_ev_add(x, at, DEMO_EV_NOTE, actor, demo_text(d, x,
		    x->cat->notes[(first + i) % demo_count(x->cat->notes)]));
	}
	if (fate != DEMO_RESOLVED)
		return;

	for (i = 0; i < x->c->nfields; i++) {
		if (demo_is(x->c->fields[i].id, "returned_at") &&
		    x->c->fields[i].type == POLICY_FIELD_TIME) {
			x->late_t = end - rng_between(&d->rng, 5, 40) *
			    DEMO_MIN;
			x->late.key = xstrdup("returned_at");
			x->late.value = xstrdup(caltime_format_iso(x->late_t,
			    iso, sizeof iso));
		}
	}
	demo_ev_add(x, end, DEMO_EV_RESOLVED, actor, demo_text(d, x,
	    demo_pick(&d->rng, x->cat->resolutions)));
}

/* Drops what would lie in the future and keeps the times increasing. */
static void
demo_history_trim(struct demo *d, struct demo_inc *x)
{
	size_t	 i;

	for (i = 1; i < x->nev; i++) {
		if (x->ev[i].at <= x->ev[i - 1].at)
			x->ev[i].at = x->ev[i - 1].at + DEMO_MIN;
		if (x->ev[i].at > d->now)
			break;
	}
	while (x->nev > i) {
		x->nev--;
		free(x->ev[x->nev].note);
	}
}

static const struct policy_severity *
demo_severity(struct demo *d, const struct demo_inc *x, const char *want)
{
	const struct policy_severity	*sv = &d->p->severities[x->c->severity];
	const struct policy_severity	*up = NULL;
	int				 roll = (int)rng_below(&d->rng, 1000);

	if (want != NULL)
		up = policy_severity(d->p, want);
	else if (roll < x->cat->emergency)
		up = policy_severity(d->p, "emergency");
	else if (roll < x->cat->emergency + x->cat->major)
		up = policy_severity(d->p, "major");
	else if (roll < 100 && x->c->severity == 0 && d->p->nseverities > 1)
		up = &d->p->severities[1];
	/* Never below the category's own. */
	if (up != NULL && up - d->p->severities >= (ptrdiff_t)x->c->severity)
		sv = up;
	return sv;
}

static int64_t
demo_occurred(struct demo *d, const struct demo_inc *x,
    const struct demo_spec *sp)
{
	int	 days = sp->days_ago, minute = sp->minute, wd;
	int64_t	 t, age = 20 * DEMO_MIN;

	if (sp->occurred != 0)
		return sp->occurred;
	if (days < 0)
		days = (int)rng_below(&d->rng, DEMO_DAYS);
	/* Overdue: reported (at most 90 minutes later) and not acknowledged. */
	if (sp->overdue)
		age = 100 * DEMO_MIN + policy_ack_within(d->p, x->c, x->start);
	if (minute < 0)
		minute = (int)rng_between(&d->rng, x->cat->from, x->cat->to);
	for (;;) {
		t = demo_day(d, days, minute) + rng_between(&d->rng, 0, 59);
		wd = demo_weekday(t);
		if (x->cat->weekdays && (wd == 0 || wd == 6)) {
			days += wd == 6 ? 1 : 2;
			continue;
		}
		if (t > d->now - age) {
			days++;
			continue;
		}
		return t;
	}
}

static enum yj_status
demo_plan(struct demo *d, const struct demo_spec *sp, struct yj_error *err)
{
	const struct policy		*p = d->p;
	const struct policy_category	*c;
	const struct policy_path	*path;
	const struct policy_field	*f;
	struct demo_inc			*x;
	const char			*v, *const *tpl;
	enum yj_status			 r;
	int64_t				 delay, cap;
	size_t				 i, k;
	bool				 dorm;

	if ((c = policy_category(p, sp->category)) == NULL || c->system)
		return YJ_OK;	/* not in this policy: nothing to plan */
	if (d->nincs == d->capincs) {
		d->capincs = d->capincs ? d->capincs * 2 : 256;
		d->incs = xreallocarray(d->incs, d->capincs, sizeof *d->incs);
	}
	x = &d->incs[d->nincs++];
	memset(x, 0, sizeof *x);
	x->c = c;
	x->cat = demo_cat_of(c->id);
	x->cls = x->dept = x->room = -1;
	path = &p->paths[c->path];

	x->sv = demo_severity(d, x, sp->severity);
	x->start = policy_start_rung(p, c, x->sv);
	x->in.occurred_at = demo_occurred(d, x, sp);
	delay = c->report_within > 0 && c->report_within < DEMO_HOUR ?
	    c->report_within : DEMO_HOUR;
	if (demo_pct(&d->rng, 90))
		delay = rng_between(&d->rng, 2 * DEMO_MIN, delay);
	else
		delay = rng_between(&d->rng, delay, delay * 3 / 2);
	x->in.reported_at = x->in.occurred_at + delay;
	cap = d->now - DEMO_MIN;
	if (x->in.reported_at > cap)
		x->in.reported_at = cap > x->in.occurred_at ? cap :
		    x->in.occurred_at;
	/* The duty officers take turns by night. */
	x->logger = (int)(((x->in.reported_at - 8 * DEMO_HOUR) / DEMO_DAY) %
	    2) == 0 ? DEMO_DUTY1 : DEMO_DUTY2;

	/* Who was involved, and where. */
	if (sp->nstu >= 0)
		x->nstu = (size_t)sp->nstu;
	else if (demo_pct(&d->rng, x->cat->none))
		x->nstu = 0;
	else
		x->nstu = demo_pct(&d->rng, x->cat->two) ? 2 : 1;
	for (i = 0; i < x->nstu; i++) {
		if (sp->stu[i] >= 0)
			x->stu[i] = (size_t)sp->stu[i];
		else if (i == 0)
			x->stu[i] = demo_any_student(d, demo_pct(&d->rng, 12));
		else
			x->stu[i] = demo_near_student(d, x->stu[0]);
		if (i > 0 && x->stu[i] == x->stu[0]) {
			x->nstu = i;
			break;
		}
	}
	if (x->nstu > 0) {
		x->cls = (long)d->students[x->stu[0]].cls;
		x->dept = (long)d->classes[x->cls].dept;
	}
	x->in.students = xcalloc(x->nstu + 1, sizeof *x->in.students);
	for (i = 0; i < x->nstu; i++) {
		if ((r = demo_student_id(d, x->stu[i], err)) != YJ_OK)
			return r;
		x->in.students[i].id = d->students[x->stu[i]].id;
		x->in.students[i].number = xstrdup(
		    d->students[x->stu[i]].number);
		x->in.students[i].name = xstrdup(d->students[x->stu[i]].name);
		x->in.nstudents++;
	}
	if (x->nstu > 0) {
		x->in.class_id = d->classes[x->cls].id;
		x->in.department_id = d->dept_id[x->dept];
	}

	/* Fields in the policy's order; some forced by the spec. */
	x->in.fields = xcalloc(c->nfields + 2, sizeof *x->in.fields);
	x->ftime = xcalloc(c->nfields + 2, sizeof *x->ftime);
	for (i = 0; i < c->nfields; i++) {
		f = &c->fields[i];
		if (demo_is(f->id, "returned_at") &&
		    f->type == POLICY_FIELD_TIME)
			continue;	/* known once the student is back */
		v = NULL;
		for (k = 0; k < 4 && sp->force[k][0] != NULL; k++) {
			if (demo_is(sp->force[k][0], f->id))
				v = sp->force[k][1];
		}
		if (v == NULL && demo_is(f->id, "risk") &&
		    x->sv - p->severities >= 2)
			v = "高";
		k = x->in.nfields;
		x->in.fields[k].key = xstrdup(f->id);
		x->in.fields[k].value = v != NULL ? xstrdup(v) :
		    demo_field_value(d, x, f, &x->ftime[k]);
		x->in.nfields++;
	}

	/* The room: given, the student's, or where a field says. */
	v = demo_fval(x, "place", NULL);
	if (v == NULL)
		v = demo_fval(x, "venue", NULL);
	dorm = v != NULL ? demo_is(v, "宿舍") : demo_pct(&d->rng,
	    x->cat->room) || (x->cat->room > 0 &&
	    demo_night(x->in.occurred_at));
	if (sp->room >= 0)
		x->room = sp->room;
	else if (x->nstu > 0 && dorm)
		x->room = (long)d->students[x->stu[0]].room;
	else if (x->nstu == 0 && dorm) {
		do {
			x->room = (long)rng_below(&d->rng, d->nrooms);
		} while (d->rooms[x->room].nocc == 0);
	}
	if (x->room >= 0)
		x->in.room_id = d->rooms[x->room].id;
	x->in.location = xstrdup(x->room >= 0 ? "" : v != NULL ? v :
	    demo_pick(&d->rng, x->cat->places));

	demo_reporter(d, x);

	x->in.category = xstrdup(c->id);
	x->in.category_name = xstrdup(c->name);
	x->in.severity = xstrdup(x->sv->id);
	x->in.severity_name = xstrdup(x->sv->name);
	x->in.restricted = c->restricted;
	x->in.state = xstrdup("open");
	x->in.level = xstrdup(path->rungs[x->start].id);
	x->in.rung = (int)x->start;
	x->in.logged_by = d->users[x->logger].id;
	/* Without students, a template that does not name any. */
	tpl = x->nstu > 0 ? x->cat->texts : x->cat->texts0 != NULL ?
	    x->cat->texts0 : demo_cat_other.texts0;
	x->in.text = demo_text(d, x, demo_pick(&d->rng, tpl));
	x->in.actions = demo_pct(&d->rng, 70) ? demo_text(d, x,
	    demo_pick(&d->rng, x->cat->actions)) : xstrdup("");
	x->in.resolution = xstrdup("");
	x->in.rung_since = x->in.reported_at;
	x->in.ack_due = x->in.reported_at + policy_ack_within(p, c, x->start);
	x->in.resolve_due = c->resolve_within ? x->in.reported_at +
	    c->resolve_within : 0;
	x->in.emergency = x->sv->emergency_plan;
	x->in.updated_at = x->in.reported_at;

	demo_history(d, x, sp->fate);
	demo_history_trim(d, x);
	return YJ_OK;
}

static void
demo_spec_init(struct demo_spec *sp, const char *category)
{
	memset(sp, 0, sizeof *sp);
	sp->category = category;
	sp->days_ago = sp->minute = -1;
	sp->stu[0] = sp->stu[1] = -1;
	sp->nstu = -1;
	sp->room = -1;
	sp->fate = DEMO_AUTO;
}

/* A category drawn by weight among those the policy lets people log. */
static const char *
demo_draw_category(struct demo *d)
{
	const struct policy	*p = d->p;
	size_t			 i, total = 0, pick;

	for (i = 0; i < p->ncategories; i++) {
		if (!p->categories[i].system)
			total += (size_t)demo_cat_of(
			    p->categories[i].id)->weight;
	}
	pick = rng_below(&d->rng, total);
	for (i = 0; i < p->ncategories; i++) {
		if (p->categories[i].system)
			continue;
		if (pick < (size_t)demo_cat_of(p->categories[i].id)->weight)
			return p->categories[i].id;
		pick -= (size_t)demo_cat_of(p->categories[i].id)->weight;
	}
	return NULL;
}

/*
 * Repeat patterns for the early-warning rules to find: one student out
 * three nights within a month, one room caught twice with an appliance,
 * one class with two fights (one of the fighters also drunk that week),
 * one class with two campus loans; one emergency and one major case; and
 * a handful of open incidents whose ack_due has passed.
 */
static enum yj_status
demo_patterns(struct demo *d, struct yj_error *err)
{
	static const char *const quiet[] = {
		"night_absence", "prohibited_appliance", "all_night_internet",
		"drinking", "physical_health", "discipline_other", NULL
	};
	struct demo_spec	 sp;
	enum yj_status		 r;
	size_t			 s1, s2, room, k;
	int			 i;
	static const int	 nights[] = { 26, 15, 4 };

	s1 = demo_any_student(d, true);
	for (i = 0; i < 3; i++) {
		demo_spec_init(&sp, "night_absence");
		sp.days_ago = nights[i];
		sp.nstu = 1;
		sp.stu[0] = (long)s1;
		if ((r = demo_plan(d, &sp, err)) != YJ_OK)
			return r;
	}

	do {
		room = d->students[demo_any_student(d, false)].room;
	} while (d->rooms[room].nocc < 3);
	for (i = 0; i < 2; i++) {
		demo_spec_init(&sp, "prohibited_appliance");
		sp.days_ago = i == 0 ? 21 : 7;
		sp.room = (long)room;
		sp.nstu = 1;
		sp.stu[0] = (long)d->rooms[room].occ[i];
		sp.force[0][0] = "item";
		sp.force[0][1] = i == 0 ? "热得快" : "电热毯";
		if ((r = demo_plan(d, &sp, err)) != YJ_OK)
			return r;
	}

	/* Two fights in one class; s1 fought in the second, drunk before. */
	s1 = demo_any_student(d, false);
	for (i = 0; i < 2; i++) {
		demo_spec_init(&sp, "fighting");
		sp.days_ago = i == 0 ? 18 : 3;
		sp.nstu = 2;
		sp.stu[0] = (long)(i == 0 ? demo_classmate(d, s1, s1) : s1);
		sp.stu[1] = (long)demo_classmate(d, s1, (size_t)sp.stu[0]);
		if ((r = demo_plan(d, &sp, err)) != YJ_OK)
			return r;
	}
	demo_spec_init(&sp, "drinking");
	sp.days_ago = 6;
	sp.nstu = 1;
	sp.stu[0] = (long)s1;
	if ((r = demo_plan(d, &sp, err)) != YJ_OK)
		return r;

	/* Two students of one class in campus loans. */
	s1 = demo_any_student(d, false);
	s2 = demo_classmate(d, s1, s1);
	for (i = 0; i < 2; i++) {
		demo_spec_init(&sp, "campus_loan");
		sp.days_ago = i == 0 ? 24 : 10;
		sp.nstu = 1;
		sp.stu[0] = (long)(i == 0 ? s1 : s2);
		if ((r = demo_plan(d, &sp, err)) != YJ_OK)
			return r;
	}

	demo_spec_init(&sp, "safety_threat");
	sp.severity = "emergency";
	sp.days_ago = 33;
	sp.minute = 2 * 60 + 10;
	sp.nstu = 0;
	do {
		sp.room = (long)rng_below(&d->rng, d->nrooms);
	} while (d->rooms[sp.room].nocc == 0);
	sp.force[0][0] = "kind";
	sp.force[0][1] = "火情";
	sp.force[1][0] = "injured";
	sp.force[1][1] = "false";
	sp.force[2][0] = "police_called";
	sp.force[2][1] = "true";
	sp.fate = DEMO_RESOLVED;
	if ((r = demo_plan(d, &sp, err)) != YJ_OK)
		return r;

	demo_spec_init(&sp, "mental_health");
	sp.severity = "major";
	sp.days_ago = 12;
	sp.nstu = 1;
	sp.stu[0] = (long)demo_any_student(d, true);
	sp.force[0][0] = "risk";
	sp.force[0][1] = "高";
	sp.force[1][0] = "self_harm";
	sp.force[1][1] = "true";
	sp.force[2][0] = "accompanied";
	sp.force[2][1] = "true";
	sp.fate = DEMO_RESOLVED;
	if ((r = demo_plan(d, &sp, err)) != YJ_OK)
		return r;

	/* Waiting for someone: past their ack_due now. */
	for (k = 0; k < DEMO_OVERDUE; k++) {
		demo_spec_init(&sp, quiet[k % 6]);
		sp.days_ago = (int)rng_below(&d->rng, 2);
		sp.overdue = true;
		sp.fate = DEMO_OPEN;
		if ((r = demo_plan(d, &sp, err)) != YJ_OK)
			return r;
	}
	/* And two just logged, not yet due. */
	for (k = 0; k < 2; k++) {
		demo_spec_init(&sp, k == 0 ? "physical_health" :
		    "safety_threat");
		sp.occurred = d->now - rng_between(&d->rng, 8 * DEMO_MIN,
		    15 * DEMO_MIN);
		sp.fate = DEMO_OPEN;
		if ((r = demo_plan(d, &sp, err)) != YJ_OK)
			return r;
	}
	return YJ_OK;
}

static enum yj_status
demo_plan_all(struct demo *d, struct yj_error *err)
{
	const struct policy	*p = d->p;
	struct demo_spec	 sp;
	enum yj_status		 r;
	const char		*id;
	size_t			 i;

	if ((r = demo_patterns(d, err)) != YJ_OK)
		return r;
	/* At least one of every category, then by weight. */
	for (i = 0; i < p->ncategories; i++) {
		if (p->categories[i].system)
			continue;
		demo_spec_init(&sp, p->categories[i].id);
		if ((r = demo_plan(d, &sp, err)) != YJ_OK)
			return r;
	}
	while (d->nincs < DEMO_INCIDENTS) {
		if ((id = demo_draw_category(d)) == NULL)
			break;
		demo_spec_init(&sp, id);
		if ((r = demo_plan(d, &sp, err)) != YJ_OK)
			return r;
	}
	return YJ_OK;
}

/* --- writing the history in time order --------------------------------- */

struct demo_step {
	int64_t		 at;
	size_t		 inc;
	size_t		 ev;
};

static int
demo_step_cmp(const void *va, const void *vb)
{
	const struct demo_step	*a = va, *b = vb;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if (a->inc != b->inc)
		return a->inc < b->inc ? -1 : 1;
	return a->ev < b->ev ? -1 : a->ev > b->ev;
}

static enum yj_status
demo_step_run(struct demo *d, struct demo_inc *x, const struct demo_ev *e,
    struct yj_error *err)
{
	const struct policy_path	*path = &d->p->paths[x->c->path];
	const struct demo_user		*u = &d->users[e->actor];
	struct store_event		 ev;
	struct buf			 b;
	struct json			 j;
	enum yj_status			 r;
	bool				 change = false;

	memset(&ev, 0, sizeof ev);
	buf_init(&b);
	json_init(&j, &b, false);
	json_object_begin(&j);
	switch (e->kind) {
	case DEMO_EV_REPORTED:
		ev.kind = "reported";
		json_kv_string(&j, "severity", x->sv->id);
		json_kv_string(&j, "start", path->rungs[x->start].id);
		json_kv_bool(&j, "skip_level", x->start > 0 &&
		    path->rungs[x->start].rank > path->rungs[0].rank);
		break;
	case DEMO_EV_CONTACTED:
		ev.kind = "contacted";
		json_kv_string(&j, "person", e->person);
		json_kv_string(&j, "result", e->result);
		break;
	case DEMO_EV_ACK:
		ev.kind = "acknowledged";
		free(x->in.state);
		x->in.state = xstrdup("acknowledged");
		json_kv_int(&j, "delay", e->at - x->in.rung_since);
		x->in.ack_due = 0;
		change = true;
		break;
	case DEMO_EV_NOTE:
		ev.kind = "note";
		break;
	case DEMO_EV_RESOLVED:
		ev.kind = "resolved";
		free(x->in.state);
		x->in.state = xstrdup("resolved");
		free(x->in.resolution);
		x->in.resolution = xstrdup(e->note);
		x->in.ack_due = 0;
		json_kv_int(&j, "time_to_resolve", e->at - x->in.reported_at);
		if (x->late.key != NULL) {
			/* in.fields has room for it (see demo_plan). */
			x->in.fields[x->in.nfields++] = x->late;
			x->late.key = x->late.value = NULL;
		}
		change = true;
		break;
	}
	json_object_end(&j);
	ev.at = e->at;
	ev.actor = (char *)u->login;
	ev.user_id = u->id;
	ev.level = x->in.level;
	ev.note = e->note != NULL ? e->note : "";
	ev.payload = (char *)buf_str(&b);
	if (e->kind == DEMO_EV_REPORTED)
		r = store_incident_add(d->s, &x->in, &ev, err);
	else {
		ev.incident_id = x->in.id;
		r = store_incident_update(d->s, change ? &x->in : NULL, &ev,
		    err);
	}
	buf_done(&b);
	return r;
}

static enum yj_status
demo_run(struct demo *d, struct yj_error *err)
{
	struct demo_step	*steps;
	enum yj_status		 r = YJ_OK;
	size_t			 i, k, n = 0;

	for (i = 0; i < d->nincs; i++)
		n += d->incs[i].nev;
	steps = xcalloc(n + 1, sizeof *steps);
	for (n = i = 0; i < d->nincs; i++) {
		for (k = 0; k < d->incs[i].nev; k++) {
			steps[n].at = d->incs[i].ev[k].at;
			steps[n].inc = i;
			steps[n].ev = k;
			n++;
		}
	}
	qsort(steps, n, sizeof *steps, demo_step_cmp);
	for (i = 0; i < n && r == YJ_OK; i++)
		r = demo_step_run(d, &d->incs[steps[i].inc],
		    &d->incs[steps[i].inc].ev[steps[i].ev], err);
	free(steps);
	return r;
}

/* --- the whole ------------------------------------------------------- */

static void
demo_done(struct demo *d)
{
	struct demo_inc	*x;
	size_t		 i, k;

	for (i = 0; i < d->nincs; i++) {
		x = &d->incs[i];
		store_incident_free(&x->in);
		free(x->ftime);
		free(x->late.key);
		free(x->late.value);
		for (k = 0; k < x->nev; k++)
			free(x->ev[k].note);
		free(x->ev);
	}
	free(d->incs);
	if (d->lvl != NULL) {
		for (i = 0; i < d->p->nlevels; i++)
			free(d->lvl[i]);
	}
	free(d->lvl);
	free(d->office);
	free(d->people);
	free(d->students);
	free(d->classes);
	free(d->rooms);
	explicit_bzero(d->users, sizeof d->users);
}

/* The organisation made, in the admin history as an import would be. */
static enum yj_status
demo_seal(struct demo *d, struct yj_error *err)
{
	struct store_actor	 by = app_actor(d->a);

	return store_org_seal(d->s, "roster_imported", "demo", &by, err);
}

enum yj_status
demo_fill(struct yj_app *a, uint64_t seed, demo_user_cb cb, void *arg,
    struct yj_error *err)
{
	struct demo	 d;
	struct tm	 tm;
	time_t		 t;
	enum yj_status	 r;
	size_t		 i;

	if (a->store == NULL || a->policy == NULL)
		return yj_fail(err, YJ_BAD_INPUT, "demo: no database or no "
		    "policy loaded");
	memset(&d, 0, sizeof d);
	d.a = a;
	d.s = a->store;
	d.p = a->policy;
	d.rng.s = seed;
	d.now = app_now(a);
	d.counselor1 = d.gap = SIZE_MAX;
	/* The four cohorts studying now; a new one starts in September. */
	t = (time_t)d.now;
	localtime_r(&t, &tm);
	d.cohort = tm.tm_year + 1900 - (tm.tm_mon < 8 ? 1 : 0);

	if ((r = store_begin(d.s, err)) != YJ_OK) {
		demo_done(&d);
		return r;
	}
	if ((r = demo_org(&d, err)) != YJ_OK ||
	    (r = demo_responsible(&d, err)) != YJ_OK ||
	    (r = demo_users(&d, seed, err)) != YJ_OK ||
	    (r = demo_plan_all(&d, err)) != YJ_OK ||
	    (r = demo_run(&d, err)) != YJ_OK ||
	    (r = demo_seal(&d, err)) != YJ_OK ||
	    (r = store_commit(d.s, err)) != YJ_OK) {
		store_rollback(d.s);
		demo_done(&d);
		return r;
	}
	/* Only now that they exist: tell the passwords, once each. */
	for (i = 0; cb != NULL && i < DEMO_NUSERS; i++)
		cb(arg, d.users[i].login, demo_user_defs[i].role,
		    d.users[i].password);
	demo_done(&d);
	return YJ_OK;
}
