/*
 * bench_queue: the requirement "Starting the TUI on a database with 200,000
 * incidents shows the queue in well under a second; no screen ever loads
 * every incident into memory", measured.
 *
 * It makes (or reuses) a big database: the demo institution (students,
 * rooms, people, users), then two years of incidents through the store,
 * most resolved, a few thousand still open, each with the events of its
 * history in time order, all in one transaction. Then every measurement
 * runs in a new child process of this small parent, so each starts as the
 * TUI does (policy and database opened from nothing) and each peak RSS is
 * its own: the policy, the database and the queries the queue makes for
 * its first screen (incident_list: the page, open only, most urgent first;
 * then the emergency banner), that queue filtered by category, and one
 * student's last 90 days. Cold runs drop the file from the page cache
 * first, as after a reboot.
 *
 * Exits 0 when the first screen is fast enough (warm and cold) and no
 * query process grew too big, 1 when a check failed, 2 on an error.
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
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/demo.h"
#include "yujing/diag.h"
#include "yujing/incident.h"
#include "yujing/json.h"
#include "yujing/policy.h"
#include "yujing/rng.h"
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
	    "  -r, --runs N       warm runs per measurement, median (7)\n"
	    "  -c, --cold N       cold runs of the first screen (3; 0: none)\n"
	    "  -R, --rules FILE   policy (default the source tree's rules.yaml)\n"
	    "      --rows N       terminal rows (24)\n"
	    "      --category ID  category of the filtered queue (night_absence)\n"
	    "      --max-ms MS    first-screen limit, warm median (500)\n"
	    "      --max-cold-ms MS  the same, cold median (1000)\n"
	    "      --max-rss MB   peak RSS limit of a query process (64)\n");
}

static int
bench_opts_parse(int argc, char **argv, struct bench_opts *o)
{
	enum { OPT_ROWS = 256, OPT_CATEGORY, OPT_MAX_MS, OPT_MAX_COLD_MS,
	    OPT_MAX_RSS };
	static const struct option opts[] = {
		{ "incidents", required_argument, NULL, 'n' },
		{ "days", required_argument, NULL, 'd' },
		{ "runs", required_argument, NULL, 'r' },
		{ "cold", required_argument, NULL, 'c' },
		{ "rules", required_argument, NULL, 'R' },
		{ "rows", required_argument, NULL, OPT_ROWS },
		{ "category", required_argument, NULL, OPT_CATEGORY },
		{ "max-ms", required_argument, NULL, OPT_MAX_MS },
		{ "max-cold-ms", required_argument, NULL, OPT_MAX_COLD_MS },
		{ "max-rss", required_argument, NULL, OPT_MAX_RSS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int	 ch;

	memset(o, 0, sizeof *o);
	o->db = "/tmp/yujing-bench.db";
	o->rules = YJ_SOURCE_DIR "/rules.yaml";
	o->category = "night_absence";
	o->incidents = 200000;
	o->days = 730;
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
	if (optind < argc || o->incidents < 1 || o->days < 1 ||
	    o->runs < 1 || o->cold < 0 || o->rows < 5) {
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

/* True with probability per/10000. */
static bool
bench_chance(struct rng *r, int per10000)
{
	return (int)rng_below(r, 10000) < per10000;
}

#define BENCH_L(...)	((const char *const []){ __VA_ARGS__, NULL })

static const char *
bench_pick(struct rng *r, const char *const *v)
{
	size_t	 n = 0;

	while (v[n] != NULL)
		n++;
	return v[rng_below(r, n)];
}

/* --- making the database ----------------------------------------------- */

/* How often each category is logged (as the demo weighs them). */
static const struct {
	const char	*id;
	int		 weight;
	bool		 dorm;		/* happens in the student's room */
	int		 none;		/* % with no student */
	int		 two;		/* % with a second student */
} bench_cats[] = {
	{ "night_absence", 40, true, 0, 8 },
	{ "off_campus_living", 10, true, 0, 0 },
	{ "truancy", 18, false, 0, 0 },
	{ "all_night_internet", 20, false, 0, 20 },
	{ "prohibited_appliance", 30, true, 40, 0 },
	{ "fighting", 8, false, 0, 100 },
	{ "drinking", 12, false, 0, 35 },
	{ "discipline_other", 10, true, 0, 15 },
	{ "physical_health", 14, false, 0, 0 },
	{ "mental_health", 7, false, 0, 0 },
	{ "campus_loan", 5, false, 0, 0 },
	{ "proselytizing", 4, false, 0, 0 },
	{ "safety_threat", 7, false, 50, 0 },
	{ "campus_stability", 3, false, 0, 30 },
	{ "public_opinion", 5, false, 0, 0 },
};
#define BENCH_NCATS	(sizeof bench_cats / sizeof bench_cats[0])

static const char *const bench_openers[] = {
	"宿舍查寝发现", "宿管巡查时发现", "班干部反映", "任课教师反映",
	"门禁记录显示", "夜间巡查发现", "室友反映", "学生会检查时发现",
	"保卫处值班人员报告", "辅导员接到电话反映", NULL
};

static const char *const bench_details[] = {
	"已电话联系本人，称在校外同学家过夜",
	"本人电话无人接听，去向暂不明确",
	"室友最后一次见到本人是晚饭后",
	"已询问同宿舍同学及好友，均不清楚情况",
	"现场已制止并拍照留存",
	"已联系家长，家长表示会配合学校处理",
	"学生情绪较为激动，已安排同学陪同",
	"违规物品已当场收缴并登记",
	"已请宿舍楼值班室留意学生返回",
	"已通知安全工作处到场协助",
	"学生称因作息紊乱未能按时返回",
	"近两周已多次出现类似情况",
	"已查看监控，确认时间地点无误",
	"学生本人承认情况属实，态度尚可",
	NULL
};

static const char *const bench_followups[] = {
	"辅导员已知悉，将于次日约谈。", "已记录在案，待进一步核实。",
	"请相关负责人跟进处理。", "已提醒其注意安全并尽快返校。",
	"值班人员将持续关注。", "", NULL
};

static const char *const bench_actions[] = {
	"已拨打学生本人电话", "已询问同宿舍同学及好友", "已查看宿舍门禁记录",
	"已断电并排除火灾隐患", "已制止冲突，隔离双方", "已安排同学陪同就医",
	"已拨打110报警", "已截图保存原始内容", NULL
};

static const char *const bench_ack_notes[] = {
	"已知悉，正在联系学生本人。", "收到，马上处理。",
	"已知悉，会尽快跟进。", "收到，已安排人员到场。", NULL
};

static const char *const bench_resolutions[] = {
	"学生已返回宿舍，人身安全。辅导员次日约谈，进行纪律教育。",
	"已按校规校纪给予批评教育，学生写出书面检查。",
	"家长已知情并配合处理，学生情绪稳定，辅导员持续关注。",
	"违规电器已收缴，已对宿舍成员进行用电安全教育。",
	"双方已达成和解，辅导员进行批评教育，已报学院备案。",
	"经核实情况属实，已按《学生违纪处分办法》处理并告知家长。",
	"学生已康复返校，辅导员已走访慰问。", NULL
};

static const char *const bench_places[] = {
	"东区食堂门口", "篮球场", "第二教学楼", "学校北门外", "图书馆",
	"操场", "学生活动中心", "体育馆", "实验楼", NULL
};

static const char *const bench_surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
	"马", "朱", "胡", "郭", "何", "林", "罗", "高", NULL
};

static const char *const bench_given[] = {
	"伟", "芳", "磊", "静", "军", "丽", "涛", "婷", "鹏", "雪", "宇", "琳",
	"浩", "颖", "凯", "欣", "晨", "怡", NULL
};

struct bench_student {
	int64_t	 id;
	int64_t	 class_id;
	int64_t	 department_id;
	int64_t	 room_id;
	char	*number;
	char	*name;
	char	*class_name;
	char	*room;
};

enum bench_kind {
	BENCH_ACK,
	BENCH_RESOLVE
};

/* An event still to come, written when time reaches it. */
struct bench_pending {
	int64_t		 at;
	int64_t		 incident;
	enum bench_kind	 kind;
};

struct bench_gen {
	struct yj_app		*a;
	const struct policy	*p;
	struct rng	 rng;
	int64_t			 now;

	struct bench_student	*students;
	size_t			 nstudents;
	size_t			 hot;		/* the student with a record */
	size_t			 frequent;	/* students 0..frequent-1 ... */

	size_t			 cats[BENCH_NCATS];	/* into bench_cats */
	const struct policy_category *pcats[BENCH_NCATS];
	size_t			 ncats;
	int			 total_weight;

	struct store_user	 loggers[2];	/* duty1, duty2 */
	struct store_user	 handler;	/* counselor1 */

	struct bench_pending	*heap;
	size_t			 nheap, capheap;

	long			 made, acked, resolved;
	int64_t			 events;
};

static bool
bench_pending_before(const struct bench_pending *x,
    const struct bench_pending *y)
{
	if (x->at != y->at)
		return x->at < y->at;
	if (x->incident != y->incident)
		return x->incident < y->incident;
	return x->kind < y->kind;
}

static void
bench_heap_push(struct bench_gen *g, int64_t at, int64_t incident,
    enum bench_kind kind)
{
	struct bench_pending	 t;
	size_t			 i, up;

	if (g->nheap == g->capheap) {
		g->capheap = g->capheap ? g->capheap * 2 : 4096;
		g->heap = xreallocarray(g->heap, g->capheap, sizeof *g->heap);
	}
	i = g->nheap++;
	g->heap[i].at = at;
	g->heap[i].incident = incident;
	g->heap[i].kind = kind;
	while (i > 0) {
		up = (i - 1) / 2;
		if (!bench_pending_before(&g->heap[i], &g->heap[up]))
			break;
		t = g->heap[i];
		g->heap[i] = g->heap[up];
		g->heap[up] = t;
		i = up;
	}
}

static struct bench_pending
bench_heap_pop(struct bench_gen *g)
{
	struct bench_pending	 top = g->heap[0], t;
	size_t			 i = 0, l, m;

	g->heap[0] = g->heap[--g->nheap];
	for (;;) {
		l = 2 * i + 1;
		m = i;
		if (l < g->nheap && bench_pending_before(&g->heap[l],
		    &g->heap[m]))
			m = l;
		if (l + 1 < g->nheap && bench_pending_before(&g->heap[l + 1],
		    &g->heap[m]))
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

/* The student the history query asks about: the same rule everywhere. */
static int64_t
bench_hot_student(int64_t nstudents)
{
	return nstudents / 2 + 1;
}

static enum yj_status
bench_roster(struct bench_gen *g, struct yj_error *err)
{
	struct store_counts	 c;
	struct store_student	 st;
	enum yj_status		 r;
	int64_t			 id, hot;
	size_t			 i;

	if ((r = store_counts(g->a->store, &c, err)) != YJ_OK)
		return r;
	g->students = xcalloc((size_t)c.students + 1, sizeof *g->students);
	hot = bench_hot_student(c.students);
	g->hot = SIZE_MAX;
	/* Students are numbered as the roster was loaded; none is deleted. */
	for (id = 1; g->nstudents < (size_t)c.students &&
	    id <= 4 * c.students + 16; id++) {
		r = store_student_by_id(g->a->store, id, &st, err);
		if (r == YJ_NOT_FOUND)
			continue;
		if (r != YJ_OK)
			return r;
		i = g->nstudents++;
		g->students[i].id = st.id;
		g->students[i].class_id = st.class_id;
		g->students[i].department_id = st.department_id;
		g->students[i].room_id = st.room_id;
		g->students[i].number = xstrdup(st.number);
		g->students[i].name = xstrdup(st.name);
		g->students[i].class_name = xstrdup(st.class_name);
		g->students[i].room = xstrdup(st.room);
		if (st.id == hot)
			g->hot = i;
		store_student_free(&st);
	}
	if (g->nstudents == 0 || g->hot == SIZE_MAX)
		return yj_fail(err, YJ_NOT_FOUND, "bench: the demo made no "
		    "student %" PRId64, hot);
	/* A twentieth of the students are in a third of the trouble. */
	g->frequent = g->nstudents / 20 + 1;
	return YJ_OK;
}

static enum yj_status
bench_setup(struct bench_gen *g, struct yj_error *err)
{
	static const char *const loggers[2] = { "duty1", "duty2" };
	const struct policy_category	*c;
	enum yj_status			 r;
	size_t				 i;
	int				 k;

	for (i = 0; i < BENCH_NCATS; i++) {
		c = policy_category(g->p, bench_cats[i].id);
		if (c == NULL || c->system)
			continue;
		g->cats[g->ncats] = i;
		g->pcats[g->ncats] = c;
		g->ncats++;
		g->total_weight += bench_cats[i].weight;
	}
	if (g->ncats == 0)
		return yj_fail(err, YJ_BAD_INPUT, "bench: the policy has none "
		    "of the demo's categories");
	for (k = 0; k < 2; k++) {
		if ((r = store_user_get(g->a->store, loggers[k],
		    &g->loggers[k], err)) != YJ_OK)
			return r;
	}
	if ((r = store_user_get(g->a->store, "counselor1", &g->handler,
	    err)) != YJ_OK)
		return r;
	return bench_roster(g, err);
}

static size_t
bench_draw_category(struct bench_gen *g)
{
	int	 pick = (int)rng_below(&g->rng, (size_t)g->total_weight);
	size_t	 i;

	for (i = 0; i < g->ncats; i++) {
		if (pick < bench_cats[g->cats[i]].weight)
			return i;
		pick -= bench_cats[g->cats[i]].weight;
	}
	return 0;
}

/* A student, the frequent ones more often; now and then the hot one. */
static size_t
bench_draw_student(struct bench_gen *g)
{
	if (bench_chance(&g->rng, 2))
		return g->hot;
	if (bench_chance(&g->rng, 3300))
		return rng_below(&g->rng, g->frequent);
	return rng_below(&g->rng, g->nstudents);
}

static char *
bench_field_value(struct bench_gen *g, const struct policy_field *f,
    int64_t occurred)
{
	char	 iso[40];

	switch (f->type) {
	case POLICY_FIELD_NUMBER:
		return xasprintf("%" PRId64, rng_between(&g->rng, 1, 12));
	case POLICY_FIELD_BOOL:
		return xstrdup(bench_chance(&g->rng, 5000) ? "true" : "false");
	case POLICY_FIELD_TIME:
		return xstrdup(caltime_format_iso(occurred -
		    rng_between(&g->rng, 10, 300) * BENCH_MIN, iso,
		    sizeof iso));
	case POLICY_FIELD_CHOICE:
		if (f->nchoices == 0)
			return xstrdup("");
		return xstrdup(f->choices[rng_below(&g->rng, f->nchoices)]);
	case POLICY_FIELD_TEXT:
		break;
	}
	return xstrdup(bench_pick(&g->rng, bench_details));
}

static void
bench_name(struct bench_gen *g, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s", bench_pick(&g->rng, bench_surnames),
	    bench_pick(&g->rng, bench_given), bench_chance(&g->rng, 7000) ?
	    bench_pick(&g->rng, bench_given) : "");
}

/* The report event's payload, as incident_log writes it. */
static char *
bench_payload_reported(const struct policy_path *path, size_t start,
    const char *severity)
{
	struct buf	 b;
	struct json	 j;

	buf_init(&b);
	json_init(&j, &b, false);
	json_object_begin(&j);
	json_kv_string(&j, "severity", severity);
	json_kv_string(&j, "start", path->rungs[start].id);
	json_kv_bool(&j, "skip_level", start > 0 &&
	    path->rungs[start].rank > path->rungs[0].rank);
	json_object_end(&j);
	return buf_steal(&b);
}

static enum yj_status
bench_incident(struct bench_gen *g, int64_t occurred, struct yj_error *err)
{
	const struct policy		*p = g->p;
	const struct policy_category	*c;
	const struct policy_severity	*sv;
	const struct policy_path	*path;
	const struct bench_student	*stu[2];
	struct store_incident		 in;
	struct store_event		 ev;
	struct buf			 text;
	struct tm			 tm;
	time_t				 tt = (time_t)occurred;
	enum yj_status			 r;
	char				 reporter[32];
	size_t				 ci, start, sidx, k, n = 0;
	int64_t				 ack_within, ack_at, resolve_at;
	int				 bump;
	const char			*role;

	ci = bench_draw_category(g);
	c = g->pcats[ci];
	sv = &p->severities[c->severity];
	/* Now and then graver than usual; an emergency is rare. */
	bump = bench_chance(&g->rng, 10) ? 3 : bench_chance(&g->rng, 60) ? 2 :
	    bench_chance(&g->rng, 400) ? 1 : 0;
	if (bump == 3)
		sv = &p->severities[p->nseverities - 1];
	else if (bump > 0)
		sv = &p->severities[c->severity + (size_t)bump <
		    p->nseverities ? c->severity + (size_t)bump :
		    p->nseverities - 1];
	path = &p->paths[c->path];
	start = policy_start_rung(p, c, sv);

	memset(&in, 0, sizeof in);
	if (!bench_chance(&g->rng, bench_cats[g->cats[ci]].none * 100)) {
		sidx = bench_draw_student(g);
		stu[n++] = &g->students[sidx];
		if (bench_chance(&g->rng, bench_cats[g->cats[ci]].two * 100)) {
			sidx = bench_draw_student(g);
			if (&g->students[sidx] != stu[0])
				stu[n++] = &g->students[sidx];
		}
	}
	in.students = xcalloc(n + 1, sizeof *in.students);
	for (k = 0; k < n; k++) {
		in.students[k].id = stu[k]->id;
		in.students[k].number = xstrdup(stu[k]->number);
		in.students[k].name = xstrdup(stu[k]->name);
	}
	in.nstudents = n;
	if (n > 0) {
		in.class_id = stu[0]->class_id;
		in.department_id = stu[0]->department_id;
	}
	if (bench_cats[g->cats[ci]].dorm && n > 0)
		in.room_id = stu[0]->room_id;
	else if (bench_cats[g->cats[ci]].dorm)
		in.room_id = g->students[rng_below(&g->rng,
		    g->nstudents)].room_id;
	in.location = xstrdup(in.room_id != 0 ? "" :
	    bench_pick(&g->rng, bench_places));

	in.fields = xcalloc(c->nfields + 1, sizeof *in.fields);
	for (k = 0; k < c->nfields; k++) {
		if (!c->fields[k].required && bench_chance(&g->rng, 3000))
			continue;
		in.fields[in.nfields].key = xstrdup(c->fields[k].id);
		in.fields[in.nfields].value = bench_field_value(g,
		    &c->fields[k], occurred);
		in.nfields++;
	}

	/* "23:40 宿舍查寝发现，计科2201班王伟（3-402）夜不归宿。..." */
	localtime_r(&tt, &tm);
	buf_init(&text);
	buf_printf(&text, "%02d:%02d%s，", tm.tm_hour, tm.tm_min,
	    bench_pick(&g->rng, bench_openers));
	for (k = 0; k < n; k++)
		buf_printf(&text, "%s%s%s", k ? "、" : "", stu[k]->class_name,
		    stu[k]->name);
	if (n > 0 && *stu[0]->room != '\0')
		buf_printf(&text, "（%s）", stu[0]->room);
	buf_printf(&text, "%s%s。%s。%s", n > 0 ? "涉及" : in.location,
	    c->name, bench_pick(&g->rng, bench_details),
	    bench_pick(&g->rng, bench_followups));

	bench_name(g, reporter, sizeof reporter);
	role = p->nreporter_roles > 0 ? p->reporter_roles[rng_below(&g->rng,
	    p->nreporter_roles)].id : "";
	in.category = xstrdup(c->id);
	in.category_name = xstrdup(c->name);
	in.severity = xstrdup(sv->id);
	in.severity_name = xstrdup(sv->name);
	in.restricted = c->restricted;
	in.state = xstrdup("open");
	in.level = xstrdup(path->rungs[start].id);
	in.rung = (int)start;
	in.occurred_at = occurred;
	in.reported_at = occurred + rng_between(&g->rng, 3, 90) * BENCH_MIN;
	if (in.reported_at > g->now)
		in.reported_at = g->now;
	in.reporter = xstrdup(reporter);
	in.reporter_role = xstrdup(role);
	k = (size_t)(((in.reported_at - 8 * BENCH_HOUR) / BENCH_DAY) % 2);
	in.logged_by = g->loggers[k].id;
	in.text = buf_steal(&text);
	in.actions = xstrdup(bench_chance(&g->rng, 6000) ?
	    bench_pick(&g->rng, bench_actions) : "");
	in.resolution = xstrdup("");
	in.rung_since = in.reported_at;
	ack_within = policy_ack_within(p, c, start);
	in.ack_due = ack_within > 0 ? in.reported_at + ack_within : 0;
	in.resolve_due = c->resolve_within > 0 ? in.reported_at +
	    c->resolve_within : 0;
	in.emergency = sv->emergency_plan;
	in.updated_at = in.reported_at;

	memset(&ev, 0, sizeof ev);
	ev.at = in.reported_at;
	ev.actor = g->loggers[k].login;
	ev.user_id = g->loggers[k].id;
	ev.kind = "reported";
	ev.level = in.level;
	ev.note = "";
	ev.payload = bench_payload_reported(path, start, sv->id);
	r = store_incident_add(g->a->store, &in, &ev, err);
	free(ev.payload);
	if (r == YJ_OK) {
		g->made++;
		g->events++;
		/*
		 * Its fate: nearly all acknowledged within about their time
		 * and resolved within days; a few left open or acknowledged
		 * for good. What would happen after now has not happened.
		 */
		if (!bench_chance(&g->rng, 30)) {
			ack_at = in.reported_at + rng_between(&g->rng,
			    2 * BENCH_MIN, ack_within > 0 ? ack_within * 3 / 2 :
			    2 * BENCH_HOUR);
			bench_heap_push(g, ack_at, in.id, BENCH_ACK);
			if (!bench_chance(&g->rng, 120)) {
				resolve_at = ack_at + rng_between(&g->rng,
				    30 * BENCH_MIN, bench_chance(&g->rng, 8000) ?
				    2 * BENCH_DAY : 10 * BENCH_DAY);
				bench_heap_push(g, resolve_at, in.id,
				    BENCH_RESOLVE);
			}
		}
	}
	store_incident_free(&in);
	return r;
}

/* Writes one acknowledgement or resolution, as incident_act would. */
static enum yj_status
bench_pending_run(struct bench_gen *g, const struct bench_pending *pe,
    struct yj_error *err)
{
	struct store_incident	 in;
	struct store_event	 ev;
	struct buf		 b;
	struct json		 j;
	enum yj_status		 r;

	if ((r = store_incident_get(g->a->store, pe->incident, &in, err)) !=
	    YJ_OK)
		return r;
	memset(&ev, 0, sizeof ev);
	buf_init(&b);
	json_init(&j, &b, false);
	json_object_begin(&j);
	free(in.state);
	if (pe->kind == BENCH_ACK) {
		ev.kind = "acknowledged";
		ev.note = (char *)bench_pick(&g->rng, bench_ack_notes);
		in.state = xstrdup("acknowledged");
		json_kv_int(&j, "delay", pe->at - in.rung_since);
		g->acked++;
	} else {
		ev.kind = "resolved";
		ev.note = (char *)bench_pick(&g->rng, bench_resolutions);
		in.state = xstrdup("resolved");
		free(in.resolution);
		in.resolution = xstrdup(ev.note);
		json_kv_int(&j, "time_to_resolve", pe->at - in.reported_at);
		g->resolved++;
	}
	json_object_end(&j);
	in.ack_due = 0;
	ev.incident_id = in.id;
	ev.at = pe->at;
	ev.actor = g->handler.login;
	ev.user_id = g->handler.id;
	ev.level = in.level;
	ev.payload = (char *)buf_str(&b);
	r = store_incident_update(g->a->store, &in, &ev, err);
	if (r == YJ_OK)
		g->events++;
	buf_done(&b);
	store_incident_free(&in);
	return r;
}

/* Every event due by t, in time order. */
static enum yj_status
bench_flush(struct bench_gen *g, int64_t t, struct yj_error *err)
{
	struct bench_pending	 pe;
	enum yj_status		 r;

	while (g->nheap > 0 && g->heap[0].at <= t) {
		pe = bench_heap_pop(g);
		if ((r = bench_pending_run(g, &pe, err)) != YJ_OK)
			return r;
	}
	return YJ_OK;
}

static int
bench_cmp_time(const void *va, const void *vb)
{
	int64_t	 a = *(const int64_t *)va, b = *(const int64_t *)vb;

	return a < b ? -1 : a > b;
}

/*
 * When each incident occurred: spread over the days, more of them in the
 * evening and at night, and fewer in the summer and winter holidays.
 */
static int64_t *
bench_times(struct bench_gen *g, long n, int days)
{
	int64_t	*t = xcalloc((size_t)n, sizeof *t);
	int64_t	 from = g->now - (int64_t)days * BENCH_DAY, at;
	struct tm	 tm;
	time_t		 tt;
	long	 i = 0;

	while (i < n) {
		at = from + rng_between(&g->rng, 0, (int64_t)days *
		    BENCH_DAY - BENCH_HOUR);
		tt = (time_t)at;
		localtime_r(&tt, &tm);
		if ((tm.tm_mon == 1 || tm.tm_mon == 6 || tm.tm_mon == 7) &&
		    bench_chance(&g->rng, 7000))
			continue;	/* the holidays: quieter */
		if (tm.tm_hour >= 7 && tm.tm_hour < 19 &&
		    bench_chance(&g->rng, 5000))
			continue;	/* by day: half as many */
		t[i++] = at;
	}
	qsort(t, (size_t)n, sizeof *t, bench_cmp_time);
	return t;
}

static void
bench_gen_done(struct bench_gen *g)
{
	size_t	 i;

	for (i = 0; i < g->nstudents; i++) {
		free(g->students[i].number);
		free(g->students[i].name);
		free(g->students[i].class_name);
		free(g->students[i].room);
	}
	free(g->students);
	store_user_free(&g->loggers[0]);
	store_user_free(&g->loggers[1]);
	store_user_free(&g->handler);
	free(g->heap);
}

static enum yj_status
bench_fill(struct yj_app *a, const struct bench_opts *o, struct yj_error *err)
{
	struct bench_gen	 g;
	enum yj_status		 r;
	int64_t			*times;
	double			 t0 = bench_ms();
	long			 i;

	memset(&g, 0, sizeof g);
	g.a = a;
	g.p = a->policy;
	g.rng.s = BENCH_SEED;
	g.now = app_now(a);
	if ((r = bench_setup(&g, err)) != YJ_OK) {
		bench_gen_done(&g);
		return r;
	}
	times = bench_times(&g, o->incidents, o->days);
	if ((r = store_begin(a->store, err)) != YJ_OK)
		goto out;
	for (i = 0; i < o->incidents && r == YJ_OK; i++) {
		if ((r = bench_flush(&g, times[i], err)) == YJ_OK)
			r = bench_incident(&g, times[i], err);
		if ((i + 1) % 20000 == 0)
			fprintf(stderr, "bench: %ld incidents, %" PRId64
			    " events (%.0f s)\n", i + 1, g.events,
			    (bench_ms() - t0) / 1e3);
	}
	if (r == YJ_OK)
		r = bench_flush(&g, g.now, err);
	if (r == YJ_OK)
		r = store_commit(a->store, err);
	else
		store_rollback(a->store);
	if (r == YJ_OK)
		fprintf(stderr, "bench: made %ld incidents (%ld acknowledged, "
		    "%ld resolved), %" PRId64 " events, %zu students, in "
		    "%.1f s\n", g.made, g.acked, g.resolved, g.events,
		    g.nstudents, (bench_ms() - t0) / 1e3);
out:
	free(times);
	bench_gen_done(&g);
	return r;
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
		r = demo_fill(&a, BENCH_SEED, NULL, NULL, &err);
	if (r == YJ_OK) {
		memset(&u, 0, sizeof u);
		u.login = BENCH_USER;
		u.display = "值班员（测试）";
		u.role = "duty_officer";
		u.password = BENCH_PASSWORD;
		r = users_add(&a, &u, true, &err);
	}
	if (r == YJ_OK)
		r = bench_fill(&a, o, &err);
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
};

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
		if (app_login(&a, BENCH_USER, BENCH_PASSWORD, &err) != YJ_OK)
			goto fail;
	} else {
		/* Signed in as the TUI would be, without the password hash
		 * (measured on its own: it is slow and big by design). */
		if (store_user_get(a.store, BENCH_USER, &a.user, &err) !=
		    YJ_OK)
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
		BENCH_STUDENT, BENCH_LOGIN
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
		runs = table[i] == BENCH_QUEUE_COLD ? o.cold :
		    table[i] == BENCH_LOGIN || table[i] == BENCH_BASELINE ? 1 :
		    o.runs;
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
