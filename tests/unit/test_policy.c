/*
 * Unit tests of the policy loader: the shipped rules.yaml, the start-rung
 * and deadline rules, the bad-rules corpus and hostile input.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yujing/buf.h"
#include "yujing/diag.h"
#include "yujing/policy.h"
#include "yujing/xmalloc.h"

#define RULES		YJ_SOURCE_DIR "/rules.yaml"
#define CORPUS		YJ_SOURCE_DIR "/tests/data/bad-rules"

/* A small policy that is valid; tests change one thing at a time. */
static const char small[] =
    "version: 1\n"
    "institution: {name: 测试大学}\n"
    "roles: [{id: duty_officer, name: 值班}, {id: counselor, name: 辅导员},"
    " {id: department_leader, name: 院系}, {id: student_affairs, name: 学生处},"
    " {id: school_leader, name: 校领导}, {id: counseling_staff, name: 心理},"
    " {id: admin, name: 管理}]\n"
    "reporter_roles: [{id: teacher, name: 教师}]\n"
    "levels:\n"
    "  - {id: counselor, name: 辅导员, scope: class, ack_within: 2h}\n"
    "  - {id: department, name: 院系, scope: department, ack_within: 4h}\n"
    "  - {id: top, name: 校领导, scope: school, ack_within: 1d}\n"
    "offices:\n"
    "  - {id: security, name: 保卫, ack_within: 1h}\n"
    "paths:\n"
    "  - id: standard\n"
    "    rungs: [counselor, {id: department, ack_within: 3h}, top]\n"
    "  - id: guard\n"
    "    rungs: [security, counselor, department, top]\n"
    "severities:\n"
    "  - {id: low, name: 一般}\n"
    "  - {id: high, name: 重大, start_level: department}\n"
    "categories:\n"
    "  - id: night\n"
    "    name: 夜不归宿\n"
    "    key: n\n"
    "    ack_within: {counselor: 30m}\n"
    "  - {id: fire, name: 火, key: f, path: guard}\n"
    "  - {id: big, name: 大, key: b, start_level: top}\n";

static struct policy *
load_string(const char *text, struct diags *d)
{
	diags_init(d, "test.yaml");
	return policy_load_buffer(text, strlen(text), d);
}

static struct policy *
load_rules(void)
{
	struct diags	 d;
	struct policy	*p;

	diags_init(&d, RULES);
	p = policy_load_file(RULES, &d);
	if (p == NULL)
		diags_print(&d, stderr);
	assert_non_null(p);
	assert_int_equal(diags_count(&d), 0);
	diags_done(&d);
	return p;
}

static void
assert_rungs(const struct policy *p, const char *path, const char *want)
{
	const struct policy_path	*pp = policy_path(p, path);
	struct buf			 b;
	size_t				 i;

	assert_non_null(pp);
	buf_init(&b);
	for (i = 0; i < pp->nrungs; i++)
		buf_printf(&b, "%s%s", i ? " " : "", pp->rungs[i].id);
	assert_string_equal(buf_str(&b), want);
	buf_done(&b);
}

static void
test_shipped_structure(void **state)
{
	struct policy			*p = load_rules();
	const struct policy_severity	*s;
	const char			*roles[] = { "duty_officer", "counselor",
	    "department_leader", "student_affairs", "school_leader",
	    "counseling_staff", "admin" };
	const char			*offices[] = { "security", "logistics",
	    "academic_affairs", "counseling_center" };
	size_t				 i;

	(void)state;
	/* The four levels of S1, the dormitory lowest; two at the school. */
	assert_int_equal(p->nlevels, 5);
	assert_string_equal(p->levels[0].id, "dormitory");
	assert_int_equal(p->levels[0].scope, POLICY_SCOPE_BUILDING);
	assert_string_equal(p->levels[1].id, "counselor");
	assert_int_equal(p->levels[1].scope, POLICY_SCOPE_CLASS);
	assert_string_equal(p->levels[2].id, "department");
	assert_int_equal(p->levels[2].scope, POLICY_SCOPE_DEPARTMENT);
	assert_string_equal(p->levels[3].id, "student_affairs");
	assert_int_equal(p->levels[3].scope, POLICY_SCOPE_SCHOOL);
	assert_string_equal(p->levels[4].id, "school_leader");
	assert_int_equal(p->levels[4].scope, POLICY_SCOPE_SCHOOL);
	for (i = 0; i < p->nlevels; i++)
		assert_true(p->levels[i].ack_within > 0);
	for (i = 0; i < 4; i++)
		assert_non_null(policy_office(p, offices[i]));
	for (i = 0; i < 7; i++)
		assert_non_null(policy_role(p, roles[i]));

	assert_rungs(p, "standard",
	    "counselor department student_affairs school_leader");
	assert_rungs(p, "security",
	    "security department student_affairs school_leader");
	assert_rungs(p, "mental_health", "counselor counseling_center "
	    "department student_affairs school_leader");
	/* The building's manager is a rung of the dormitory path only. */
	assert_rungs(p, "dormitory", "dormitory logistics counselor "
	    "department student_affairs school_leader");

	assert_int_equal(p->nseverities, 4);
	assert_string_equal(p->severities[0].id, "routine");
	assert_string_equal(p->severities[1].id, "serious");
	s = &p->severities[2];
	assert_string_equal(s->id, "major");
	assert_string_equal(p->levels[s->start_level].id, "student_affairs");
	s = &p->severities[3];
	assert_string_equal(s->id, "emergency");
	assert_string_equal(p->levels[s->start_level].id, "school_leader");
	assert_true(s->emergency_plan);
	assert_true(s->notify_all);
	assert_string_equal(s->name, "紧急");
	policy_free(p);
}

static void
test_shipped_categories(void **state)
{
	static const char *const ids[][2] = {
		{ "night_absence", "夜不归宿" },
		{ "off_campus_living", "私自在校外住宿" },
		{ "truancy", "经常无故旷课" },
		{ "all_night_internet", "通宵上网" },
		{ "prohibited_appliance", "违规电器和物品" },
		{ "fighting", "打架" },
		{ "drinking", "酗酒" },
		{ "discipline_other", "其他违纪" },
		{ "physical_health", "身体健康问题" },
		{ "mental_health", "心理健康问题" },
		{ "campus_loan", "校园贷" },
		{ "proselytizing", "校园传教" },
		{ "safety_threat", "危及生命财产安全" },
		{ "campus_stability", "影响校园稳定" },
		{ "public_opinion", "舆情" },
		{ "early_warning", "预警" },
	};
	struct policy			*p = load_rules();
	const struct policy_category	*c;
	bool				 seen[26] = { false };
	size_t				 i, k;
	bool				 counsel = false, duty = false;

	(void)state;
	for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		c = policy_category(p, ids[i][0]);
		assert_non_null(c);
		assert_string_equal(c->name, ids[i][1]);
	}
	for (i = 0; i < p->ncategories; i++) {
		c = &p->categories[i];
		if (!c->system) {
			assert_true(c->key >= 'a' && c->key <= 'z');
			assert_false(seen[c->key - 'a']);
			seen[c->key - 'a'] = true;
			assert_true(c->naliases > 0);
		}
	}
	c = policy_category(p, "mental_health");
	assert_true(c->restricted);
	for (k = 0; k < c->nvisible_to; k++) {
		if (strcmp(p->roles[c->visible_to[k]].id,
		    "counseling_staff") == 0)
			counsel = true;
		if (strcmp(p->roles[c->visible_to[k]].id, "duty_officer") == 0)
			duty = true;
	}
	assert_true(counsel);
	assert_false(duty);
	assert_string_equal(p->paths[c->path].id, "mental_health");

	assert_true(policy_category(p, "early_warning")->system);
	assert_false(policy_category(p, "night_absence")->restricted);

	/* Night absence is counted in minutes, and says what to do. */
	c = policy_category(p, "night_absence");
	assert_true(policy_ack_within(p, c, 0) <= 60 * 60);
	assert_true(c->nchecklist >= 3);
	assert_true(c->nfields >= 1);
	assert_true(c->report_within > 0);
	c = policy_category(p, "prohibited_appliance");
	assert_string_equal(p->paths[c->path].id, "dormitory");
	policy_free(p);
}

static void
test_shipped_warnings_shifts(void **state)
{
	struct policy			*p = load_rules();
	const struct policy_warning	*w;
	const struct policy_shift	*s;
	size_t				 i;
	bool				 found = false;

	(void)state;
	for (i = 0; i < p->nwarnings; i++) {
		w = &p->warnings[i];
		if (w->ncategories == 1 && strcmp(p->categories[
		    w->categories[0]].id, "night_absence") == 0 &&
		    w->count == 3 && w->within == 30 * 86400 &&
		    w->per == POLICY_PER_STUDENT) {
			found = true;
			assert_string_equal(p->levels[w->start_level].id,
			    "department");
			assert_string_equal(p->categories[w->category].id,
			    "early_warning");
		}
	}
	assert_true(found);

	s = &p->shifts[policy_find(p, POLICY_SHIFT, "night")];
	assert_int_equal(s->start, 22 * 60);
	assert_int_equal(s->end, 8 * 60);
	assert_int_equal(s->days, POLICY_DAYS_WORKDAYS);
	s = &p->shifts[policy_find(p, POLICY_SHIFT, "holiday")];
	assert_int_equal(s->start, s->end);	/* 24 hours */
	assert_int_equal(s->days, POLICY_DAYS_HOLIDAYS);
	assert_true(p->nholidays >= 3);
	assert_true(p->idle_lock > 0);
	assert_non_null(p->institution);
	policy_free(p);
}

static void
test_lookup(void **state)
{
	struct policy	*p = load_rules();
	size_t		 i;

	(void)state;
	for (i = 0; i < p->ncategories; i++)
		assert_int_equal(policy_find(p, POLICY_CATEGORY,
		    p->categories[i].id), (int)i);
	for (i = 0; i < p->nlevels; i++)
		assert_int_equal(policy_find(p, POLICY_LEVEL, p->levels[i].id),
		    (int)i);
	assert_int_equal(policy_find(p, POLICY_CATEGORY, "nope"), -1);
	assert_int_equal(policy_find(p, POLICY_LEVEL, "security"), -1);
	assert_int_equal(policy_find(p, POLICY_OFFICE, "counselor"), -1);
	assert_null(policy_category(p, ""));
	policy_free(p);
}

static void
test_start_rung(void **state)
{
	struct policy			*p = load_rules();
	const struct policy_category	*c;
	const struct policy_path	*path;

	(void)state;
	c = policy_category(p, "night_absence");
	path = &p->paths[c->path];
	assert_string_equal(path->rungs[policy_start_rung(p, c,
	    policy_severity(p, "routine"))].id, "counselor");
	assert_string_equal(path->rungs[policy_start_rung(p, c,
	    policy_severity(p, "major"))].id, "student_affairs");
	assert_string_equal(path->rungs[policy_start_rung(p, c,
	    policy_severity(p, "emergency"))].id, "school_leader");

	/* An office first in its path ranks lowest: routine starts there. */
	c = policy_category(p, "safety_threat");
	path = &p->paths[c->path];
	assert_string_equal(path->rungs[policy_start_rung(p, c,
	    policy_severity(p, "routine"))].id, "security");
	/* The dormitory path starts at the building's manager... */
	c = policy_category(p, "prohibited_appliance");
	path = &p->paths[c->path];
	assert_string_equal(path->rungs[policy_start_rung(p, c,
	    policy_severity(p, "routine"))].id, "dormitory");
	assert_string_equal(path->rungs[policy_start_rung(p, c,
	    policy_severity(p, "serious"))].id, "dormitory");
	/* ...and a department start skips it and the counselor. */
	assert_string_equal(path->rungs[policy_start_rung(p, c,
	    policy_severity(p, "major"))].id, "student_affairs");
	policy_free(p);
}

static void
test_small_rules(void **state)
{
	struct diags			 d;
	struct policy			*p;
	const struct policy_category	*c;
	const struct policy_path	*g;

	(void)state;
	p = load_string(small, &d);
	if (p == NULL)
		diags_print(&d, stderr);
	assert_non_null(p);

	/* ack_within: category rung > path rung > level. */
	c = policy_category(p, "night");
	assert_int_equal(policy_ack_within(p, c, 0), 30 * 60);
	assert_int_equal(policy_ack_within(p, c, 1), 3 * 3600);
	assert_int_equal(policy_ack_within(p, c, 2), 86400);
	assert_int_equal(c->severity, 0);	/* the lowest by default */
	assert_string_equal(p->paths[c->path].id, "standard");

	/* The office rung ranks with nothing before it: lowest. */
	c = policy_category(p, "fire");
	g = &p->paths[c->path];
	assert_int_equal(g->rungs[0].kind, POLICY_RUNG_OFFICE);
	assert_int_equal(g->rungs[0].rank, -1);
	assert_int_equal(g->rungs[1].rank, 0);
	assert_int_equal(policy_ack_within(p, c, 0), 3600);
	assert_int_equal(policy_start_rung(p, c, &p->severities[0]), 0);
	assert_int_equal(policy_start_rung(p, c, &p->severities[1]), 2);

	/* The category's own start level beats a lower severity's. */
	c = policy_category(p, "big");
	assert_int_equal(policy_start_rung(p, c, &p->severities[0]), 2);
	assert_int_equal(p->idle_lock, 600);	/* the default */
	policy_free(p);
	diags_done(&d);
}

static void
test_all_errors_in_one_run(void **state)
{
	struct diags	 d;
	struct buf	 b;

	(void)state;
	buf_init(&b);
	buf_puts(&b, small);
	/* Three mistakes in three places, reported in file order. */
	buf_puts(&b, "  - {id: x, name: x, key: x, path: standrad}\n");
	buf_puts(&b, "  - {id: y, name: y, key: y, severity: hihg}\n");
	buf_puts(&b, "warnings:\n  - {id: w, name: w, categories: [night],"
	    " count: 3, within: 30, per: student, category: night}\n");
	assert_null(load_string(buf_str(&b), &d));
	assert_int_equal(diags_count(&d), 3);
	assert_int_equal(d.v[0].line, 26);
	assert_string_equal(d.v[0].msg,
	    "unknown path 'standrad' (did you mean 'standard'?)");
	assert_int_equal(d.v[1].line, 27);
	assert_string_equal(d.v[1].msg,
	    "unknown severity 'hihg' (did you mean 'high'?)");
	assert_int_equal(d.v[2].line, 29);
	assert_string_equal(d.v[2].msg, "bad duration '30' for 'within': "
	    "missing unit (write e.g. 30m, 2h, 1d)");
	diags_done(&d);
	buf_done(&b);
}

static void
test_many_errors_capped(void **state)
{
	struct diags	 d;
	struct buf	 b;
	int		 i;

	(void)state;
	buf_init(&b);
	buf_puts(&b, small);
	buf_puts(&b, "holidays:\n");
	for (i = 0; i < 300; i++)
		buf_printf(&b, "  - 2026-13-%02d\n", i % 28 + 1);
	assert_null(load_string(buf_str(&b), &d));
	assert_int_equal(diags_count(&d), 300);
	assert_int_equal(d.n, DIAGS_LIMIT);
	diags_done(&d);
	buf_done(&b);
}

static void
test_huge_input(void **state)
{
	struct diags	 d;
	char		*big, path[] = "/tmp/yj-test-bigXXXXXX";
	size_t		 n = 50u * 1024 * 1024;
	int		 fd;

	(void)state;
	/* In memory: refused before any parsing. */
	big = xmalloc(n);
	memset(big, 'a', n);
	diags_init(&d, "big.yaml");
	assert_null(policy_load_buffer(big, n, &d));
	assert_int_equal(diags_count(&d), 1);
	assert_non_null(strstr(d.v[0].msg, "too large"));
	diags_done(&d);
	free(big);

	/* On disk: refused from its size, without reading it. */
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)n), 0);
	close(fd);
	diags_init(&d, path);
	assert_null(policy_load_file(path, &d));
	assert_int_equal(diags_count(&d), 1);
	assert_non_null(strstr(d.v[0].msg, "too large"));
	diags_done(&d);
	unlink(path);
}

static void
test_deep_nesting(void **state)
{
	struct diags	 d;
	struct buf	 b;
	int		 i;

	(void)state;
	buf_init(&b);
	buf_puts(&b, "version: 1\nlevels: ");
	for (i = 0; i < 100000; i++)
		buf_putc(&b, '[');
	assert_null(load_string(buf_str(&b), &d));
	assert_int_equal(diags_count(&d), 1);
	assert_int_equal(d.v[0].line, 2);
	assert_string_equal(d.v[0].msg, "nested more than 64 levels deep");
	diags_done(&d);
	buf_done(&b);
}

static void
test_booleans(void **state)
{
	struct diags	 d;
	struct buf	 b;
	struct policy	*p;
	const char	*at, *was = "key: b, start_level: top}";

	(void)state;
	buf_init(&b);
	at = strstr(small, was);
	buf_add(&b, small, (size_t)(at - small));
	buf_puts(&b, "key: b, start_level: top, system: True, "
	    "restricted: no, fields: [{id: x, label: x, type: bool, "
	    "required: TRUE}]}\n");
	p = load_string(buf_str(&b), &d);
	if (p == NULL)
		diags_print(&d, stderr);
	assert_non_null(p);
	assert_true(policy_category(p, "big")->system);
	assert_false(policy_category(p, "big")->restricted);
	assert_true(policy_category(p, "big")->fields[0].required);
	policy_free(p);
	diags_done(&d);
	buf_done(&b);
}

static void
test_missing_role(void **state)
{
	struct diags	 d;
	struct buf	 b;
	const char	*at;

	(void)state;
	buf_init(&b);
	at = strstr(small, " {id: admin, name: 管理}");
	buf_add(&b, small, (size_t)(at - small));
	buf_puts(&b, " {id: admins, name: 管理}");
	buf_puts(&b, at + strlen(" {id: admin, name: 管理}"));
	assert_null(load_string(buf_str(&b), &d));
	assert_int_equal(diags_count(&d), 1);
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[0].col, 8);
	assert_non_null(strstr(d.v[0].msg, "missing role 'admin'"));
	diags_done(&d);
	buf_done(&b);
}

static void
test_missing_file(void **state)
{
	struct diags	 d;

	(void)state;
	diags_init(&d, "/nonexistent/rules.yaml");
	assert_null(policy_load_file("/nonexistent/rules.yaml", &d));
	assert_int_equal(diags_count(&d), 1);
	assert_string_equal(d.v[0].msg,
	    "cannot open: No such file or directory");
	diags_done(&d);
	diags_init(&d, "/tmp");
	assert_null(policy_load_file("/tmp", &d));
	assert_string_equal(d.v[0].msg, "not a regular file");
	diags_done(&d);
}

/* Each file of the corpus: exactly one error, at the expected place. */
static void
test_bad_corpus(void **state)
{
	FILE		*f;
	char		 line[1024], path[2048], *name, *pos, *msg, *nl;
	struct diags	 d;
	struct policy	*p;
	int		 want_line, want_col, files = 0, failed = 0;

	(void)state;
	f = fopen(CORPUS "/expected.tsv", "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		name = line;
		pos = strchr(name, '\t');
		assert_non_null(pos);
		*pos++ = '\0';
		msg = strchr(pos, '\t');
		assert_non_null(msg);
		*msg++ = '\0';
		assert_int_equal(sscanf(pos, "%d:%d", &want_line, &want_col),
		    2);
		snprintf(path, sizeof path, "%s/%s", CORPUS, name);
		diags_init(&d, name);
		p = policy_load_file(path, &d);
		files++;
		if (p != NULL || diags_count(&d) != 1 ||
		    d.v[0].line != want_line || d.v[0].col != want_col ||
		    strcmp(d.v[0].msg, msg) != 0) {
			fprintf(stderr, "%s: want %d:%d: %s\n  got:\n", name,
			    want_line, want_col, msg);
			diags_print(&d, stderr);
			failed++;
		}
		policy_free(p);
		diags_done(&d);
	}
	fclose(f);
	assert_int_equal(failed, 0);
	assert_true(files >= 25);
}

/* No file of the corpus is left out of the manifest. */
static void
test_corpus_listed(void **state)
{
	DIR		*dir;
	struct dirent	*e;
	FILE		*f;
	char		 text[65536], want[300];
	size_t		 n, len;
	int		 yaml = 0;

	(void)state;
	f = fopen(CORPUS "/expected.tsv", "r");
	assert_non_null(f);
	n = fread(text, 1, sizeof text - 1, f);
	text[n] = '\0';
	fclose(f);
	dir = opendir(CORPUS);
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		yaml++;
		snprintf(want, sizeof want, "\n%s\t", e->d_name);
		if (strstr(text, want) == NULL &&
		    strncmp(text, want + 1, strlen(want + 1)) != 0)
			fail_msg("%s is not in expected.tsv", e->d_name);
	}
	closedir(dir);
	assert_true(yaml >= 25);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_structure),
		cmocka_unit_test(test_shipped_categories),
		cmocka_unit_test(test_shipped_warnings_shifts),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_start_rung),
		cmocka_unit_test(test_small_rules),
		cmocka_unit_test(test_all_errors_in_one_run),
		cmocka_unit_test(test_many_errors_capped),
		cmocka_unit_test(test_huge_input),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_booleans),
		cmocka_unit_test(test_missing_role),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_bad_corpus),
		cmocka_unit_test(test_corpus_listed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
