#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/columns.h"
#include "yujing/csv.h"
#include "yujing/diag.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/roster.h"
#include "yujing/safe.h"
#include "yujing/sheet.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/utf8.h"
#include "yujing/xmalloc.h"

#define ROSTER_CELL_MAX	256	/* bytes in one cell */
#define ROSTER_WIDE_LEVELS 18	/* levels and offices in the wide form */

/*
 * The columns of each import and the headers schools give them: the
 * first name is the one messages use; matched after NFKC, without
 * spaces, ASCII in any case (columns.c).
 */
static const char *const h_number[] = { "学号", "学生学号", "学籍号",
    "学生编号", "number", "student number", "student no", NULL };
static const char *const h_name[] = { "姓名", "学生姓名", "名字", "name",
    NULL };
static const char *const h_gender[] = { "性别", "gender", "sex", NULL };
static const char *const h_department[] = { "院系", "学院", "系",
    "院(系)", "所在学院", "二级学院", "系别", "department", "college",
    NULL };
static const char *const h_class[] = { "班级", "专业班级", "行政班",
    "行政班级", "班级名称", "class", NULL };
static const char *const h_building[] = { "楼栋", "宿舍楼", "楼号",
    "楼栋号", "宿舍楼栋", "公寓楼", "公寓", "building", NULL };
static const char *const h_room[] = { "宿舍", "宿舍号", "房间号", "寝室",
    "寝室号", "房号", "宿舍房间", "房间", "room", NULL };
static const char *const h_phone[] = { "电话", "联系电话", "手机号",
    "手机", "手机号码", "学生电话", "本人电话", "学生手机", "phone",
    "mobile", NULL };
static const char *const h_guardian[] = { "家长姓名", "监护人",
    "监护人姓名", "紧急联系人", "紧急联系人姓名", "guardian", NULL };
static const char *const h_guardian_phone[] = { "家长电话",
    "家长联系电话", "家长手机", "监护人电话", "紧急联系人电话",
    "紧急联系电话", "guardian phone", NULL };

static const struct column_field roster_student_columns[] = {
	{ "number", "学号", h_number, true },
	{ "name", "姓名", h_name, true },
	{ "gender", "性别", h_gender, true },
	{ "department", "院系", h_department, true },
	{ "class", "班级", h_class, true },
	{ "building", "楼栋", h_building, false },
	{ "room", "宿舍", h_room, false },
	{ "phone", "电话", h_phone, false },
	{ "guardian", "家长姓名", h_guardian, false },
	{ "guardian_phone", "家长电话", h_guardian_phone, false },
};
enum { R_NUMBER, R_NAME, R_GENDER, R_DEPARTMENT, R_CLASS, R_BUILDING, R_ROOM,
    R_PHONE, R_GUARDIAN, R_GUARDIAN_PHONE, R_NCOLUMNS };

static const char *const h_level[] = { "层级", "级别", "level", NULL };
static const char *const h_unit[] = { "单位", "负责单位", "unit", NULL };
static const char *const h_title[] = { "职务", "职称", "title", NULL };
static const char *const h_person[] = { "姓名", "name", NULL };

static const struct column_field roster_contact_columns[] = {
	{ "level", "层级", h_level, true },
	{ "unit", "单位", h_unit, false },
	{ "name", "姓名", h_person, true },
	{ "phone", "电话", h_phone, false },
	{ "title", "职务", h_title, false },
};
enum { C_LEVEL, C_UNIT, C_NAME, C_PHONE, C_TITLE, C_NCOLUMNS };

static const char *const h_date[] = { "日期", "值班日期", "date", NULL };
static const char *const h_shift[] = { "班次", "值班班次", "shift", NULL };
static const char *const h_officer[] = { "值班人", "值班员", "值班人员",
    "姓名", "officer", NULL };

static const struct column_field roster_schedule_columns[] = {
	{ "date", "日期", h_date, true },
	{ "shift", "班次", h_shift, true },
	{ "officer", "值班人", h_officer, true },
};
enum { D_DATE, D_SHIFT, D_OFFICER, D_NCOLUMNS };

/* A file read as a sheet, its columns found, and the row being read. */
struct roster_sheet {
	struct sheet	 sh;
	struct columns	 c;
	size_t		 next;			/* row to read next */
	const struct sheet_row *row;		/* the row read */
	int		 line;			/* of the row read */
	char		*cell[COLUMNS_MAX];	/* its cells, NFKC */
};

/*
 * Reads the file and finds its columns (what --dry-run prints goes into
 * o->mapping). Returns -1 after adding to d when it is unusable.
 */
/* Reads the file into rs; -1 after adding to d when it is unusable. */
static int
roster_load(struct roster_sheet *rs, const char *data, size_t len,
    const struct roster_opts *o, struct diags *d)
{
	struct sheet_opts	 so;

	memset(rs, 0, sizeof *rs);
	so.encoding = o->encoding;
	so.sheet = o->sheet;
	return sheet_read(&rs->sh, data, len, &so, d);
}

/*
 * Finds the columns of the file read (what --dry-run prints goes into
 * o->mapping). Returns -1 after adding to d when they will not do.
 */
static int
roster_columns(struct roster_sheet *rs, const struct roster_opts *o,
    const struct column_field *cols, int ncols, struct diags *d)
{
	columns_done(&rs->c);
	if (columns_find(&rs->c, &rs->sh, cols, (size_t)ncols, o->map, d) !=
	    0)
		return -1;
	if (o->mapping != NULL) {
		buf_printf(o->mapping, "%s: %s", d->file,
		    sheet_format_name(rs->sh.format));
		if (rs->sh.format == SHEET_TEXT)
			buf_printf(o->mapping, ", %s, separated by %s",
			    sheet_encoding_name(rs->sh.encoding),
			    rs->sh.delim == '\t' ? "TAB" : rs->sh.delim == ';' ?
			    "';'" : "','");
		else
			buf_printf(o->mapping, ", sheet %s", rs->sh.name);
		buf_printf(o->mapping, "; the header %s %d\n",
		    rs->sh.format == SHEET_TEXT ? "on line" : "in row",
		    rs->sh.rows[rs->c.header].line);
		columns_describe(&rs->c, o->mapping);
	}
	rs->next = rs->c.header + 1;
	return 0;
}

static int
roster_open(struct roster_sheet *rs, const char *data, size_t len,
    const struct roster_opts *o, const struct column_field *cols, int ncols,
    struct diags *d)
{
	if (roster_load(rs, data, len, o, d) != 0)
		return -1;
	return roster_columns(rs, o, cols, ncols, d);
}

static void
roster_free_cells(struct roster_sheet *rs)
{
	size_t	 i;

	for (i = 0; i < COLUMNS_MAX; i++) {
		free(rs->cell[i]);
		rs->cell[i] = NULL;
	}
}

/* The next row that is not blank (Excel's ",,,,," at the end). */
static bool
roster_next(struct roster_sheet *rs)
{
	const struct sheet_row	*r;
	size_t			 i;

	roster_free_cells(rs);
	while (rs->next < rs->sh.nrows &&
	    sheet_row_blank(&rs->sh.rows[rs->next]))
		rs->next++;
	if (rs->next >= rs->sh.nrows)
		return false;
	r = rs->row = &rs->sh.rows[rs->next++];
	rs->line = r->line;
	for (i = 0; i < rs->c.nfields; i++)
		rs->cell[i] = columns_cell(&rs->c, r, i);
	return true;
}

static void
roster_close(struct roster_sheet *rs)
{
	roster_free_cells(rs);
	columns_done(&rs->c);
	sheet_free(&rs->sh);
}

/* The cell of field i in the row read; "" when the file has no column. */
static const char *
roster_cell(struct roster_sheet *rs, int i)
{
	return rs->cell[i] != NULL ? rs->cell[i] : "";
}

/*
 * Whether every cell of a record may be stored: each is a name, a number
 * or an id, one plain line (the first bad one goes into d).
 */
static bool
roster_plain(const char *const *cell, const struct column_field *cols,
    int ncols, int line, struct diags *d)
{
	struct yj_error	 e;
	char		 what[64];
	int		 i;

	for (i = 0; i < ncols; i++) {
		snprintf(what, sizeof what, "%s (%s)", cols[i].zh, cols[i].id);
		if (safe_check(what, cell[i], SIZE_MAX, SAFE_NAME, &e) !=
		    YJ_OK) {
			diags_add(d, line, 0, "%s", e.msg);
			return false;
		}
	}
	return true;
}

/* The import in the admin history, with the organisation it leaves. */
static enum yj_status
roster_seal(struct yj_app *a, const char *kind, const struct diags *d,
    struct yj_error *err)
{
	struct store_actor	 by = app_actor(a);

	return store_org_seal(a->store, kind, d->file != NULL ? d->file : "",
	    &by, err);
}

/* One student row, checked; the strings point into the reader. */
struct roster_row {
	int		 line;
	const char	*cell[R_NCOLUMNS];
};

/* Whether s is empty or a phone as columns_phone leaves one. */
static bool
roster_phone_ok(const char *s)
{
	const char	*why;
	char		*n;
	bool		 ok;

	if (*s == '\0')
		return true;
	if (columns_phone(s, &n, &why) != 0)
		return false;
	ok = strcmp(n, s) == 0;
	free(n);
	return ok;
}

static void
roster_check_row(struct roster_row *row, struct diags *d)
{
	const char	*g = row->cell[R_GENDER];
	const char	*n = row->cell[R_NUMBER];
	int		 i;

	for (i = 0; i < R_NCOLUMNS; i++) {
		if (strlen(row->cell[i]) > ROSTER_CELL_MAX) {
			diags_add(d, row->line, 0, "%s is longer than %d "
			    "bytes", roster_student_columns[i].zh,
			    ROSTER_CELL_MAX);
			return;
		}
	}
	if (!roster_plain(row->cell, roster_student_columns, R_NCOLUMNS,
	    row->line, d))
		return;
	for (i = 0; i < R_NCOLUMNS; i++) {
		if (roster_student_columns[i].required &&
		    *row->cell[i] == '\0') {
			diags_add(d, row->line, 0, "%s (%s) is empty",
			    roster_student_columns[i].zh,
			    roster_student_columns[i].id);
			return;
		}
	}
	/* The first problem of a row is its message: one per row. */
	if (strspn(n, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz-") != strlen(n))
		diags_add(d, row->line, 0, "student number '%s' may hold only "
		    "letters, digits and -", n);
	else if (strcmp(g, "男") != 0 && strcmp(g, "女") != 0 &&
	    strcasecmp(g, "m") != 0 && strcasecmp(g, "f") != 0 &&
	    strcasecmp(g, "male") != 0 && strcasecmp(g, "female") != 0)
		diags_add(d, row->line, 0, "gender '%s': write 男 or 女 (M or "
		    "F)", g);
	else if ((*row->cell[R_BUILDING] == '\0') !=
	    (*row->cell[R_ROOM] == '\0'))
		diags_add(d, row->line, 0, "give both the building (楼栋) and "
		    "the room (宿舍), or neither");
	else if (!roster_phone_ok(row->cell[R_PHONE]))
		diags_add(d, row->line, 0, "phone '%s' is not a phone number",
		    row->cell[R_PHONE]);
}

static const char *
roster_gender(const char *g)
{
	if (strcasecmp(g, "m") == 0 || strcasecmp(g, "male") == 0)
		return "男";
	if (strcasecmp(g, "f") == 0 || strcasecmp(g, "female") == 0)
		return "女";
	return g;
}

void
roster_counts_free(struct roster_counts *c)
{
	struct roster_change	*x;
	size_t			 i;

	for (i = 0; i < c->nchanges; i++) {
		x = &c->changes[i];
		free(x->number);
		free(x->name);
		free(x->class_name);
		free(x->room);
		free(x->old_name);
		free(x->old_class);
		free(x->old_room);
		free(x->old_phone);
		free(x->phone_now);
	}
	free(c->changes);
	c->changes = NULL;
	c->nchanges = 0;
}

static struct roster_change *
roster_change_add(struct roster_counts *c, enum roster_change_kind kind,
    const char *number, const char *name, const char *class_name,
    const char *room)
{
	struct roster_change	*x;

	c->changes = xreallocarray(c->changes, c->nchanges + 1,
	    sizeof *c->changes);
	x = &c->changes[c->nchanges++];
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->number = xstrdup(number);
	x->name = xstrdup(name);
	x->class_name = xstrdup(class_name);
	x->room = xstrdup(room);
	return x;
}

/* What changed of one student, old against the row, into c's list. */
static void
roster_diff(struct roster_counts *c, const struct store_student *old,
    const struct store_student *st, const char *room)
{
	struct roster_change	*x;

	x = roster_change_add(c, ROSTER_CHANGED, st->number, st->name,
	    st->class_name, room);
	if (strcmp(old->name, st->name) != 0)
		x->old_name = xstrdup(old->name);
	if (old->class_id != st->class_id)
		x->old_class = xstrdup(old->class_name);
	if (old->room_id != st->room_id)
		x->old_room = xstrdup(old->room);
	if (strcmp(old->phone, st->phone) != 0) {
		x->phone = true;
		x->old_phone = xstrdup(old->phone);
		x->phone_now = xstrdup(st->phone);
	}
	x->guardian = strcmp(old->guardian, st->guardian) != 0 ||
	    strcmp(old->guardian_phone, st->guardian_phone) != 0;
	x->back = old->left_at != 0;
}

/* Saves one checked row; inside the import's transaction. */
static enum yj_status
roster_save_row(struct yj_app *a, const struct roster_row *row,
    const bool *absent, struct roster_counts *c, int64_t *class_id,
    struct diags *d, struct yj_error *err)
{
	struct store_student	 st, old;
	struct yj_error		 e2;
	struct buf		 room;
	enum store_upsert	 what;
	int64_t			 dep, building;
	enum yj_status		 r, had;

	memset(&st, 0, sizeof st);
	r = store_department_ensure(a->store, row->cell[R_DEPARTMENT], &dep,
	    err);
	if (r == YJ_OK)
		r = store_class_ensure(a->store, row->cell[R_CLASS], dep,
		    &st.class_id, err);
	if (r == YJ_OK && *row->cell[R_BUILDING] != '\0') {
		r = store_building_ensure(a->store, row->cell[R_BUILDING],
		    &building, err);
		if (r == YJ_OK)
			r = store_room_ensure(a->store, building,
			    row->cell[R_ROOM], &st.room_id, err);
	}
	if (r != YJ_OK) {
		if (r == YJ_BAD_INPUT)
			diags_add(d, row->line, 0, "%s", err->msg);
		return r;
	}
	*class_id = st.class_id;
	st.number = (char *)row->cell[R_NUMBER];
	st.name = (char *)row->cell[R_NAME];
	st.gender = (char *)roster_gender(row->cell[R_GENDER]);
	st.phone = (char *)row->cell[R_PHONE];
	st.class_name = (char *)row->cell[R_CLASS];
	st.guardian = (char *)row->cell[R_GUARDIAN];
	st.guardian_phone = (char *)row->cell[R_GUARDIAN_PHONE];
	had = store_student_get(a->store, st.number, &old, &e2);
	if (had != YJ_OK && had != YJ_NOT_FOUND) {
		*err = e2;
		return had;
	}
	/* A column the file does not have leaves what is kept as it is. */
	if (had == YJ_OK && absent[R_ROOM])
		st.room_id = old.room_id;
	if (had == YJ_OK && absent[R_PHONE])
		st.phone = old.phone;
	if (had == YJ_OK && absent[R_GUARDIAN])
		st.guardian = old.guardian;
	if (had == YJ_OK && absent[R_GUARDIAN_PHONE])
		st.guardian_phone = old.guardian_phone;
	if ((r = store_student_put_known(a->store, &st, had == YJ_OK ? &old :
	    NULL, &what, err)) != YJ_OK) {
		if (had == YJ_OK)
			store_student_free(&old);
		return r;
	}
	buf_init(&room);
	if (had == YJ_OK && absent[R_ROOM])
		buf_puts(&room, old.room);
	else if (*row->cell[R_BUILDING] != '\0')
		buf_printf(&room, "%s-%s", row->cell[R_BUILDING],
		    row->cell[R_ROOM]);
	switch (what) {
	case STORE_ADDED:
		c->added++;
		roster_change_add(c, ROSTER_ADDED, st.number, st.name,
		    st.class_name, buf_str(&room));
		break;
	case STORE_UPDATED:
		c->updated++;
		roster_diff(c, &old, &st, buf_str(&room));
		break;
	case STORE_MOVED:
		c->moved++;
		roster_diff(c, &old, &st, buf_str(&room));
		break;
	case STORE_UNCHANGED:
		c->unchanged++;
		break;
	}
	buf_done(&room);
	if (had == YJ_OK)
		store_student_free(&old);
	return YJ_OK;
}

/* The numbers of the file, sorted, and what the missing need. */
struct roster_missing {
	struct yj_app		*a;
	struct roster_counts	*c;
	const char		**numbers;
	size_t			 n;
	bool			 keep;
	int64_t			*ids;		/* to mark as left */
	size_t			 nids;
};

static int
roster_strcmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int
roster_id_cmp(const void *x, const void *y)
{
	int64_t	 a = *(const int64_t *)x, b = *(const int64_t *)y;

	return a < b ? -1 : a > b;
}

static int
roster_missing_one(void *arg, const struct store_student *st)
{
	struct roster_missing	*m = arg;
	const char		*key = st->number;

	if (bsearch(&key, m->numbers, m->n, sizeof *m->numbers,
	    roster_strcmp) != NULL)
		return 0;
	roster_change_add(m->c, m->keep ? ROSTER_MISSING : ROSTER_LEFT,
	    st->number, st->name, st->class_name, st->room);
	if (m->keep)
		m->c->missing++;
	else {
		m->c->left++;
		m->ids = xreallocarray(m->ids, m->nids + 1, sizeof *m->ids);
		m->ids[m->nids++] = st->id;
	}
	return 0;
}

/*
 * The students of the file's classes (of the school, whole) it does not
 * have: listed, and marked as left unless kept. Inside the transaction.
 */
static enum yj_status
roster_missing(struct yj_app *a, const struct roster_row *rows, size_t n,
    int64_t *classes, const struct roster_opts *o, struct roster_counts *c,
    struct yj_error *err)
{
	struct roster_missing	 m;
	enum yj_status		 r = YJ_OK;
	size_t			 i;

	memset(&m, 0, sizeof m);
	m.a = a;
	m.c = c;
	m.keep = o->keep_missing;
	m.numbers = xcalloc(n + 1, sizeof *m.numbers);
	for (i = 0; i < n; i++)
		m.numbers[i] = rows[i].cell[R_NUMBER];
	m.n = n;
	qsort(m.numbers, n, sizeof *m.numbers, roster_strcmp);
	if (o->whole_school)
		r = store_students_present(a->store, 0, roster_missing_one, &m,
		    err);
	/* Each class once: sorted, every first of a run. */
	qsort(classes, n, sizeof *classes, roster_id_cmp);
	for (i = 0; !o->whole_school && r == YJ_OK && i < n; i++)
		if (i == 0 || classes[i] != classes[i - 1])
			r = store_students_present(a->store, classes[i],
			    roster_missing_one, &m, err);
	for (i = 0; r == YJ_OK && i < m.nids; i++)
		r = store_student_leave(a->store, m.ids[i], app_now(a), err);
	free(m.ids);
	free(m.numbers);
	return r;
}

/* Orders rows (pointers to) by student number, then by line. */
static int
roster_row_cmp(const void *x, const void *y)
{
	const struct roster_row *a = *(const struct roster_row *const *)x;
	const struct roster_row *b = *(const struct roster_row *const *)y;
	int			 c = strcmp(a->cell[R_NUMBER], b->cell[R_NUMBER]);

	return c != 0 ? c : a->line - b->line;
}

/*
 * A student row's cells made one form: a number as Excel may have
 * mangled it, a name spaced out, a building as 3#, a room naming its
 * building. 0, or -1 after the row's one message.
 */
static int
roster_normalise(const struct policy *pol, char **cell, int line,
    struct diags *d)
{
	const char	*why = NULL;
	char		*v = NULL, *b = NULL;
	int		 bad = -1;

	if (columns_number(cell[R_NUMBER], &v, &why) != 0)
		bad = R_NUMBER;
	else {
		free(cell[R_NUMBER]);
		cell[R_NUMBER] = v;
	}
	if (bad < 0 && columns_name(cell[R_NAME], &v, &why) != 0)
		bad = R_NAME;
	else if (bad < 0) {
		free(cell[R_NAME]);
		cell[R_NAME] = v;
	}
	if (bad < 0) {
		v = columns_building(pol, cell[R_BUILDING]);
		free(cell[R_BUILDING]);
		cell[R_BUILDING] = v;
		if (columns_room(cell[R_ROOM], cell[R_BUILDING], &v, &b,
		    &why) != 0) {
			diags_add(d, line, 0, "宿舍 (room) '%s' names building "
			    "%s, but 楼栋 (building) says %s: correct one of "
			    "them", cell[R_ROOM], b, cell[R_BUILDING]);
			free(b);
			return -1;
		} else {
			free(cell[R_ROOM]);
			cell[R_ROOM] = v;
			if (b != NULL && *cell[R_BUILDING] == '\0') {
				free(cell[R_BUILDING]);
				cell[R_BUILDING] = b;
			} else
				free(b);
		}
	}
	if (bad < 0 && *cell[R_PHONE] != '\0') {
		if (columns_phone(cell[R_PHONE], &v, &why) != 0)
			bad = R_PHONE;
		else {
			free(cell[R_PHONE]);
			cell[R_PHONE] = v;
		}
	}
	if (bad < 0 && *cell[R_GUARDIAN_PHONE] != '\0') {
		if (columns_phone(cell[R_GUARDIAN_PHONE], &v, &why) != 0)
			bad = R_GUARDIAN_PHONE;
		else {
			free(cell[R_GUARDIAN_PHONE]);
			cell[R_GUARDIAN_PHONE] = v;
		}
	}
	if (bad < 0)
		return 0;
	diags_add(d, line, 0, "%s '%s' %s", roster_student_columns[bad].zh,
	    cell[bad], why);
	return -1;
}

/*
 * Whether a workbook's cell of field i is a date where text was meant:
 * Excel makes 3-12 (a room) a date unless the column is 文本.
 */
static bool
roster_dated(const struct roster_sheet *sh, int i, struct diags *d)
{
	int	 col = sh->c.col[i];

	if (col < 0 || (size_t)col >= sh->row->ncells ||
	    sh->row->types[col] != SHEET_DATE)
		return false;
	diags_add(d, sh->line, 0, "%s '%s' is a date: the spreadsheet took "
	    "what was typed for one. Format the column as 文本 (Text), type "
	    "it again, and save", roster_student_columns[i].zh,
	    sheet_cell(sh->row, (size_t)col));
	return true;
}

/*
 * A building the policy's buildings: do not know, when it has them: said
 * once (a warning), as a new building is made of it.
 */
static void
roster_unknown_building(const struct policy *pol, const char *b, int line,
    char ***seen, size_t *n, struct diags *d)
{
	struct buf	 ids;
	size_t		 i;

	if (pol->nbuildings == 0 || *b == '\0' ||
	    policy_building_id(pol, b) != NULL)
		return;
	for (i = 0; i < *n; i++)
		if (strcmp((*seen)[i], b) == 0)
			return;
	*seen = xreallocarray(*seen, *n + 1, sizeof **seen);
	(*seen)[(*n)++] = xstrdup(b);
	buf_init(&ids);
	for (i = 0; i < pol->nbuildings; i++)
		if (pol->buildings[i].id != NULL)
			buf_printf(&ids, "%s%s", ids.len ? ", " : "",
			    pol->buildings[i].id);
	diags_warn(d, line, 0, "楼栋 (building) '%s' is none of the policy's "
	    "buildings (%s): it is kept as a building of its own; if it is "
	    "another name of one, add it to that one's aliases in the policy",
	    b, buf_str(&ids));
	buf_done(&ids);
}

/* Reads every row into rows (copies); rows not to be had go into d. */
static size_t
roster_rows(const struct policy *pol, struct roster_sheet *sh,
    struct roster_row **rows, char ***cells, size_t *ncells,
    struct diags *d)
{
	struct roster_row	*v = NULL;
	char			**unknown = NULL;
	size_t			 n = 0, nunknown = 0, i;
	int			 k, numbers = 0, col = sh->c.col[R_NUMBER];

	*cells = NULL;
	*ncells = 0;
	while (roster_next(sh)) {
		numbers += col >= 0 && (size_t)col < sh->row->ncells &&
		    sh->row->types[col] == SHEET_NUMBER;
		/* What may not be shown is refused before it is read into. */
		if (!roster_plain((const char *const *)sh->cell,
		    roster_student_columns, R_NCOLUMNS, sh->line, d) ||
		    roster_dated(sh, R_NUMBER, d) ||
		    roster_dated(sh, R_BUILDING, d) ||
		    roster_dated(sh, R_ROOM, d) ||
		    roster_dated(sh, R_PHONE, d) ||
		    roster_normalise(pol, sh->cell, sh->line, d) != 0)
			continue;
		roster_unknown_building(pol, sh->cell[R_BUILDING], sh->line,
		    &unknown, &nunknown, d);
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].line = sh->line;
		for (k = 0; k < R_NCOLUMNS; k++) {
			*cells = xreallocarray(*cells, *ncells + 1,
			    sizeof **cells);
			(*cells)[*ncells] = xstrdup(roster_cell(sh, k));
			v[n].cell[k] = (*cells)[(*ncells)++];
		}
		n++;
	}
	/* FreeXL gives an .xls's numbers, never their format (00123). */
	if (numbers > 0 && sh->sh.format == SHEET_XLS)
		diags_warn(d, 0, 0, "%d student number%s stored as %s: an "
		    ".xls does not show this reader leading zeros a number "
		    "format adds (00123); if the numbers have them, save the "
		    "file as .xlsx", numbers, numbers == 1 ? " is" : "s are",
		    numbers == 1 ? "a number" : "numbers");
	for (i = 0; i < nunknown; i++)
		free(unknown[i]);
	free(unknown);
	*rows = v;
	return n;
}

/*
 * Checks the rows (what d already holds counts against them too) and
 * saves them, in their order, all or nothing.
 */
static enum yj_status
roster_students_save(struct yj_app *a, struct roster_row *rows, size_t n,
    const bool *absent, const struct roster_opts *o, struct roster_counts *c,
    struct diags *d, struct yj_error *err)
{
	bool		 dry_run = o->dry_run;
	int64_t		*classes;
	const struct roster_row **order;
	enum yj_status r = YJ_OK;
	size_t i;

	for (i = 0; i < n; i++)
		roster_check_row(&rows[i], d);
	/* The same number twice in one file is a mistake, not an update. */
	order = xcalloc(n + 1, sizeof *order);
	for (i = 0; i < n; i++)
		order[i] = &rows[i];
	if (n > 1)
		qsort(order, n, sizeof *order, roster_row_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(order[i]->cell[R_NUMBER],
			order[i - 1]->cell[R_NUMBER]) == 0)
			diags_add(d, order[i]->line, 0,
			    "student number %s "
			    "again (first at line %d)",
			    order[i]->cell[R_NUMBER], order[i - 1]->line);
	}
	free(order);
	if (diags_count(d) != 0)
		return yj_fail(err, YJ_BAD_INPUT,
		    "%zu bad row%s; nothing was "
		    "imported",
		    diags_count(d), diags_count(d) == 1 ? "" : "s");
	/* An empty file is nobody's word that everyone has left. */
	if (n == 0 && o->whole_school && !o->keep_missing)
		return yj_fail(err, YJ_BAD_INPUT, "the file has no students: "
		    "with --whole-school every student would be marked as "
		    "left; nothing was imported");
	if ((r = store_begin(a->store, err)) != YJ_OK)
		return r;
	classes = xcalloc(n + 1, sizeof *classes);
	for (i = 0; i < n && r == YJ_OK; i++) {
		/* A row at odds with the database: report it, go on. */
		r = roster_save_row(a, &rows[i], absent, c, &classes[i], d,
		    err);
		if (r == YJ_BAD_INPUT)
			r = YJ_OK;
	}
	if (r == YJ_OK && diags_count(d) != 0)
		r = YJ_BAD_INPUT;
	if (r == YJ_OK && n > 0)
		r = roster_missing(a, rows, n, classes, o, c, err);
	free(classes);
	/* Something changed: its import goes into the admin history. */
	if (r == YJ_OK && !dry_run && c->added + c->updated + c->moved +
	    c->left > 0)
		r = roster_seal(a, record_kind_name(EV_ROSTER_IMPORTED), d,
		    err);
	if (r == YJ_OK && !dry_run)
		r = store_commit(a->store, err);
	else
		store_rollback(a->store);
	if (r == YJ_BAD_INPUT)
		yj_fail(err, YJ_BAD_INPUT,
		    "the roster disagrees with the "
		    "database; nothing was imported");
	return r;
}

enum yj_status
roster_import(struct yj_app *a, const char *data, size_t len,
    const struct roster_opts *o, struct roster_counts *c, struct diags *d,
    struct yj_error *err)
{
	bool			 absent[R_NCOLUMNS];
	struct roster_sheet	 sh;
	struct roster_row	*rows = NULL;
	char			**cells = NULL;
	size_t			 n = 0, ncells = 0, i;
	enum yj_status		 r = YJ_OK;

	memset(c, 0, sizeof *c);
	if (!app_can(a, CAP_IMPORT))
		return yj_fail(err, YJ_DENIED,
		    "your role (%s) may not import the roster",
		    a->user.role);
	if (roster_open(&sh, data, len, o, roster_student_columns,
	    R_NCOLUMNS, d) != 0) {
		r = yj_fail(err, YJ_BAD_INPUT, "the roster has errors; "
		    "nothing was imported");
		goto out;
	}
	n = roster_rows(a->policy, &sh, &rows, &cells, &ncells, d);
	/* Both building and room, or neither, make the room. */
	for (i = 0; i < R_NCOLUMNS; i++)
		absent[i] = sh.c.col[i] < 0;
	absent[R_ROOM] = absent[R_ROOM] && absent[R_BUILDING];
	r = roster_students_save(a, rows, n, absent, o, c, d, err);
out:
	for (i = 0; i < ncells; i++)
		free(cells[i]);
	free(cells);
	free(rows);
	roster_close(&sh);
	return r;
}

static const char *
roster_or_empty(const char *s)
{
	return s != NULL ? s : "";
}

enum yj_status
roster_import_rows(struct yj_app *a, const struct roster_student *v, size_t n,
    bool dry_run, bool as_system, struct roster_counts *c, struct diags *d,
    struct yj_error *err)
{
	static const bool absent[R_NCOLUMNS];	/* all given */
	struct roster_opts o;
	struct roster_row *rows;
	enum yj_status r;
	size_t i;

	memset(c, 0, sizeof *c);
	if (!as_system && !app_can(a, CAP_IMPORT))
		return yj_fail(err, YJ_DENIED,
		    "your role (%s) may not import the roster",
		    a->user.role);
	rows = xcalloc(n + 1, sizeof *rows);
	for (i = 0; i < n; i++) {
		rows[i].line = v[i].line != 0 ? v[i].line : (int)i + 1;
		rows[i].cell[R_NUMBER] = roster_or_empty(v[i].number);
		rows[i].cell[R_NAME] = roster_or_empty(v[i].name);
		rows[i].cell[R_GENDER] = roster_or_empty(v[i].gender);
		rows[i].cell[R_DEPARTMENT] = roster_or_empty(v[i].department);
		rows[i].cell[R_CLASS] = roster_or_empty(v[i].class_name);
		rows[i].cell[R_BUILDING] = roster_or_empty(v[i].building);
		rows[i].cell[R_ROOM] = roster_or_empty(v[i].room);
		rows[i].cell[R_PHONE] = roster_or_empty(v[i].phone);
		rows[i].cell[R_GUARDIAN] = "";
		rows[i].cell[R_GUARDIAN_PHONE] = "";
	}
	/* Rows given by a program: nobody missing is marked as left. */
	memset(&o, 0, sizeof o);
	o.dry_run = dry_run;
	o.keep_missing = true;
	r = roster_students_save(a, rows, n, absent, &o, c, d, err);
	roster_counts_free(c);
	free(rows);
	return r;
}

/*
 * The names a level goes by besides its own, for the policy's usual ids:
 * in a contacts file's level column, and as the wide form's headings.
 */
static const struct {
	const char	*id;
	const char	*names[6];
} roster_level_aliases[] = {
	{ "dormitory", { "宿管", "宿管员", "宿舍管理员", "楼长", NULL } },
	{ "counselor", { "辅导员", "班主任", NULL } },
	{ "department", { "副书记", "分管副书记", "学院副书记", "院系领导",
	    "学院领导", NULL } },
	{ "student_affairs", { "学生处", "学工处", NULL } },
	{ "school_leader", { "校领导", "分管校领导", NULL } },
};

/*
 * A level or office of the policy by id, by its (Chinese) name, or by a
 * name it goes by (宿管 for dormitory).
 */
static bool
roster_level(const struct policy *p, const char *s, const char **id,
    int *scope)
{
	size_t	 i, k;

	for (i = 0; i < sizeof roster_level_aliases /
	    sizeof roster_level_aliases[0]; i++)
		for (k = 0; roster_level_aliases[i].names[k] != NULL; k++)
			if (strcmp(s, roster_level_aliases[i].names[k]) == 0 &&
			    policy_level(p, roster_level_aliases[i].id) !=
			    NULL) {
				s = roster_level_aliases[i].id;
				break;
			}

	for (i = 0; i < p->nlevels; i++) {
		if (strcmp(s, p->levels[i].id) == 0 ||
		    strcmp(s, p->levels[i].name) == 0) {
			*id = p->levels[i].id;
			*scope = (int)p->levels[i].scope;
			return true;
		}
	}
	for (i = 0; i < p->noffices; i++) {
		if (strcmp(s, p->offices[i].id) == 0 ||
		    strcmp(s, p->offices[i].name) == 0) {
			*id = p->offices[i].id;
			*scope = POLICY_SCOPE_SCHOOL;
			return true;
		}
	}
	return false;
}

/* The policy's levels and offices, "counselor 辅导员, ...", for messages. */
static void
roster_level_list(const struct policy *p, struct buf *b)
{
	size_t	 i;

	for (i = 0; i < p->nlevels; i++)
		buf_printf(b, "%s%s %s", i ? ", " : "", p->levels[i].id,
		    p->levels[i].name);
	for (i = 0; i < p->noffices; i++)
		buf_printf(b, ", %s %s", p->offices[i].id, p->offices[i].name);
}

/* Saves contact rows in one transaction: any bad row and it is undone. */
static enum yj_status
roster_contacts_save(struct yj_app *a, const struct roster_contact *v, size_t n,
    bool dry_run, int *count, struct diags *d, struct yj_error *err)
{
	static const enum store_unit units[POLICY_NSCOPES] = {
		[POLICY_SCOPE_CLASS] = STORE_UNIT_CLASS,
		[POLICY_SCOPE_DEPARTMENT] = STORE_UNIT_DEPARTMENT,
		[POLICY_SCOPE_SCHOOL] = STORE_UNIT_SCHOOL,
		[POLICY_SCOPE_BUILDING] = STORE_UNIT_BUILDING,
	};
	struct yj_error		 e2;
	struct buf		 levels;
	const char *level, *unit, *name, *phone;
	const char		*cell[C_NCOLUMNS];
	char			*building;
	int64_t			 unit_id, person;
	int scope, line;
	enum yj_status		 r = YJ_OK;
	size_t i;

	if ((r = store_begin(a->store, err)) != YJ_OK)
		return r;
	for (i = 0; i < n; i++) {
		line = v[i].line != 0 ? v[i].line : (int)i + 1;
		cell[C_LEVEL] = roster_or_empty(v[i].level);
		cell[C_UNIT] = roster_or_empty(v[i].unit);
		cell[C_NAME] = roster_or_empty(v[i].name);
		cell[C_PHONE] = roster_or_empty(v[i].phone);
		cell[C_TITLE] = roster_or_empty(v[i].title);
		if (!roster_plain(cell, roster_contact_columns, C_NCOLUMNS,
		    line, d))
			continue;
		name = roster_or_empty(v[i].name);
		phone = roster_or_empty(v[i].phone);
		unit = roster_or_empty(v[i].unit);
		if (!roster_level(a->policy, roster_or_empty(v[i].level),
			&level, &scope)) {
			buf_init(&levels);
			roster_level_list(a->policy, &levels);
			diags_add(d, line, 0, "unknown level or office '%s' "
			    "(the levels and offices: %s)",
			    roster_or_empty(v[i].level), buf_str(&levels));
			buf_done(&levels);
			continue;
		}
		if (*name == '\0' || strlen(name) > ROSTER_CELL_MAX ||
		    strlen(unit) > ROSTER_CELL_MAX ||
		    strlen(phone) > ROSTER_CELL_MAX) {
			diags_add(d, line, 0, "the name is empty or a cell is "
			    "longer than %d bytes", ROSTER_CELL_MAX);
			continue;
		}
		if (!roster_phone_ok(phone)) {
			diags_add(d, line, 0, "phone '%s' is not a phone "
			    "number", phone);
			continue;
		}
		if (scope == POLICY_SCOPE_SCHOOL && *unit != '\0') {
			diags_add(d, line, 0, "%s covers the whole school: "
			    "leave the unit empty", level);
			continue;
		}
		if (scope != POLICY_SCOPE_SCHOOL && *unit == '\0') {
			diags_add(d, line, 0, "%s needs a %s in the unit "
			    "column", level,
			    policy_scope_id((enum policy_scope)scope));
			continue;
		}
		/* A building as the roster's import keeps it: 3号楼 is 3. */
		building = scope == POLICY_SCOPE_BUILDING ?
		    columns_building(a->policy, unit) : NULL;
		r = store_unit_find(a->store, units[scope], building != NULL ?
		    building : unit, &unit_id, &e2);
		free(building);
		if (r == YJ_NOT_FOUND) {
			diags_add(d, line, 0, "%s (import the roster first)",
			    e2.msg);
			r = YJ_OK;
			continue;
		}
		if (r != YJ_OK) {
			*err = e2;
			break;
		}
		r = store_person_ensure(a->store, name, phone,
		    roster_or_empty(v[i].title), &person, err);
		if (r == YJ_OK)
			r = store_responsible_set(a->store, level, units[scope],
			    unit_id, person, err);
		if (r != YJ_OK)
			break;
		(*count)++;
	}
	if (r == YJ_OK && diags_count(d) != 0)
		r = yj_fail(err, YJ_BAD_INPUT, "%zu bad row%s; nothing was "
		    "imported", diags_count(d), diags_count(d) == 1 ? "" : "s");
	if (r == YJ_OK && !dry_run && *count > 0)
		r = roster_seal(a, record_kind_name(EV_CONTACTS_IMPORTED), d,
		    err);
	if (r == YJ_OK && !dry_run)
		r = store_commit(a->store, err);
	else
		store_rollback(a->store);
	return r;
}

/*
 * The wide form of the contacts, as schools keep them: a row per class
 * (学院, 班级, 辅导员, 辅导员电话, 副书记, 副书记电话 ...), a column for
 * each level or office by its name, with its phone beside it.
 */
/* One level or office's pair of columns in the wide form. */
struct roster_wide {
	struct column_field	 f[3 + 2 * ROSTER_WIDE_LEVELS];
	char			**names[2 * ROSTER_WIDE_LEVELS];
	const char		*level[ROSTER_WIDE_LEVELS];
	int			 scope[ROSTER_WIDE_LEVELS];
	size_t			 nlevels;
};

static const char *const h_wide_department[] = { "学院", "院系", "系",
    "department", NULL };
static const char *const h_wide_class[] = { "班级", "专业班级", "负责班级",
    "class", NULL };
static const char *const h_wide_building[] = { "楼栋", "宿舍楼", "楼号",
    "负责楼栋", "building", NULL };

/* names, each with what follows appended ("辅导员" + "电话"). */
static char **
roster_wide_names(const char *id, const char *name, const char *suffix)
{
	char	**v = NULL;
	size_t	 n = 0, i, j;

	v = xreallocarray(v, n + 4, sizeof *v);
	v[n++] = xasprintf("%s%s", name, suffix);
	v[n++] = xasprintf("%s%s", id, *suffix ? "_phone" : "");
	/* 辅导员电话, and 辅导员手机, 辅导员联系电话 */
	if (*suffix != '\0') {
		v[n++] = xasprintf("%s手机", name);
		v[n++] = xasprintf("%s联系电话", name);
	}
	for (i = 0; i < sizeof roster_level_aliases /
	    sizeof roster_level_aliases[0]; i++) {
		if (strcmp(roster_level_aliases[i].id, id) != 0)
			continue;
		for (j = 0; roster_level_aliases[i].names[j] != NULL; j++) {
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n++] = xasprintf("%s%s",
			    roster_level_aliases[i].names[j], suffix);
		}
	}
	v = xreallocarray(v, n + 1, sizeof *v);
	v[n] = NULL;
	return v;
}

static void
roster_wide_init(struct roster_wide *w, const struct policy *p)
{
	size_t	 i, k;

	memset(w, 0, sizeof *w);
	/* Named apart from the levels (a level may be "department"). */
	w->f[0] = (struct column_field){ "unit_department", "学院",
	    h_wide_department, false };
	w->f[1] = (struct column_field){ "unit_class", "班级", h_wide_class,
	    false };
	w->f[2] = (struct column_field){ "unit_building", "楼栋",
	    h_wide_building, false };
	for (i = 0; i < p->nlevels + p->noffices &&
	    w->nlevels < ROSTER_WIDE_LEVELS; i++) {
		k = w->nlevels++;
		w->level[k] = i < p->nlevels ? p->levels[i].id :
		    p->offices[i - p->nlevels].id;
		w->scope[k] = i < p->nlevels ? (int)p->levels[i].scope :
		    POLICY_SCOPE_SCHOOL;
		w->names[2 * k] = roster_wide_names(w->level[k], i <
		    p->nlevels ? p->levels[i].name :
		    p->offices[i - p->nlevels].name, "");
		w->names[2 * k + 1] = roster_wide_names(w->level[k], i <
		    p->nlevels ? p->levels[i].name :
		    p->offices[i - p->nlevels].name, "电话");
		w->f[3 + 2 * k] = (struct column_field){ w->level[k],
		    w->names[2 * k][0], (const char *const *)w->names[2 * k],
		    false };
		w->f[3 + 2 * k + 1] = (struct column_field){
		    w->names[2 * k + 1][1], w->names[2 * k + 1][0],
		    (const char *const *)w->names[2 * k + 1], false };
	}
}

static void
roster_wide_done(struct roster_wide *w)
{
	size_t	 i, j;

	for (i = 0; i < 2 * w->nlevels; i++) {
		for (j = 0; w->names[i][j] != NULL; j++)
			free(w->names[i][j]);
		free(w->names[i]);
	}
}

/* A contact read, its strings owned by the list. */
struct roster_contact_list {
	struct roster_contact	*v;
	size_t			 n;
	char			**cells;
	size_t			 ncells;
};

static const char *
roster_keep(struct roster_contact_list *l, const char *s)
{
	l->cells = xreallocarray(l->cells, l->ncells + 1, sizeof *l->cells);
	return l->cells[l->ncells++] = xstrdup(s);
}

static void
roster_contact_add(struct roster_contact_list *l, int line, const char *level,
    const char *unit, const char *name, const char *phone, const char *title)
{
	struct roster_contact	*c;

	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	c = &l->v[l->n++];
	c->line = line;
	c->level = roster_keep(l, level);
	c->unit = roster_keep(l, unit);
	c->name = roster_keep(l, name);
	c->phone = roster_keep(l, phone);
	c->title = roster_keep(l, title);
}

/* A phone as the contacts file has it, made one form; "" stays "". */
static const char *
roster_contact_phone(struct roster_contact_list *l, const char *s)
{
	const char	*why;
	char		*n;

	if (*s == '\0' || columns_phone(s, &n, &why) != 0)
		return roster_keep(l, s);	/* refused when saved */
	l->cells = xreallocarray(l->cells, l->ncells + 1, sizeof *l->cells);
	return l->cells[l->ncells++] = n;
}

/*
 * The wide form's rows as contacts: for each level with a name in the
 * row, one contact per unit its scope takes from the row (each class a
 * cell names); the same unit twice with another person is refused.
 */
static void
roster_wide_rows(struct roster_sheet *sh, const struct roster_wide *w,
    struct roster_contact_list *l, struct diags *d)
{
	const struct roster_contact	*c;
	const char			*name, *unit_cell, *phone;
	char				**units;
	size_t				 k, nu, u, i, first;

	while (roster_next(sh)) {
		for (k = 0; k < w->nlevels; k++) {
			name = roster_cell(sh, (int)(3 + 2 * k));
			if (*name == '\0')
				continue;
			phone = roster_cell(sh, (int)(3 + 2 * k + 1));
			unit_cell = w->scope[k] == POLICY_SCOPE_CLASS ?
			    roster_cell(sh, 1) : w->scope[k] ==
			    POLICY_SCOPE_DEPARTMENT ? roster_cell(sh, 0) :
			    w->scope[k] == POLICY_SCOPE_BUILDING ?
			    roster_cell(sh, 2) : "";
			if (w->scope[k] == POLICY_SCOPE_SCHOOL)
				nu = 1, units = NULL;
			else if ((nu = columns_split(unit_cell, &units)) == 0) {
				diags_add(d, sh->line, 0, "%s %s: no %s in "
				    "this row for them", w->f[3 + 2 * k].zh,
				    name, policy_scope_id((enum policy_scope)
				    w->scope[k]));
				continue;
			}
			for (u = 0; u < nu; u++) {
				/* Said twice alike is once; otherwise refused. */
				for (i = 0, first = l->n; i < l->n; i++) {
					c = &l->v[i];
					if (strcmp(c->level, w->level[k]) == 0 &&
					    strcmp(c->unit, units != NULL ?
					    units[u] : "") == 0)
						first = i;
				}
				if (first < l->n && strcmp(l->v[first].name,
				    name) != 0)
					diags_add(d, sh->line, 0, "%s of %s is "
					    "%s here but %s on line %d",
					    w->f[3 + 2 * k].zh, units != NULL ?
					    units[u] : "the school", name,
					    l->v[first].name, l->v[first].line);
				else if (first == l->n)
					roster_contact_add(l, sh->line,
					    w->level[k], units != NULL ?
					    units[u] : "", name,
					    roster_contact_phone(l, phone),
					    w->f[3 + 2 * k].zh);
				if (units != NULL)
					free(units[u]);
			}
			free(units);
		}
	}
}

/*
 * Whether the file's header fits these columns, tried quietly; for the
 * wide form (levels not NULL), how many level columns it has, and
 * whether it has a unit's column (学院, 班级, 楼栋) beside them.
 */
static bool
roster_fits(struct roster_sheet *rs, const struct column_field *cols,
    int ncols, size_t *levels)
{
	struct columns	 c;
	struct diags	 quiet;
	size_t		 k;
	bool		 ok;

	diags_init(&quiet, "");
	ok = columns_find(&c, &rs->sh, cols, (size_t)ncols, NULL,
	    &quiet) == 0;
	for (k = 3; levels != NULL && k < (size_t)ncols; k += 2)
		*levels += c.col[k] >= 0;
	if (levels != NULL && c.col[0] < 0 && c.col[1] < 0 && c.col[2] < 0)
		ok = false;
	columns_done(&c);
	diags_done(&quiet);
	return ok;
}

enum yj_status
roster_contacts(struct yj_app *a, const char *data, size_t len,
    const struct roster_opts *o, int *count, struct diags *d,
    struct yj_error *err)
{
	struct roster_sheet		 sh;
	struct roster_contact_list	 l;
	struct roster_wide		 w;
	struct buf			 levels;
	size_t				 i, found = 0;
	enum yj_status			 r;
	int				 nwide;

	*count = 0;
	memset(&l, 0, sizeof l);
	if (!app_can(a, CAP_IMPORT))
		return yj_fail(err, YJ_DENIED,
		    "your role (%s) may not import contacts",
		    a->user.role);
	roster_wide_init(&w, a->policy);
	nwide = (int)(3 + 2 * w.nlevels);
	if (roster_load(&sh, data, len, o, d) != 0)
		goto bad;
	/* The long form (层级, 单位, 姓名 ...) if it fits, else the wide. */
	if (o->map != NULL || roster_fits(&sh, roster_contact_columns,
	    C_NCOLUMNS, NULL)) {
		if (roster_columns(&sh, o, roster_contact_columns, C_NCOLUMNS,
		    d) != 0)
			goto bad;
		while (roster_next(&sh))
			roster_contact_add(&l, sh.line, roster_cell(&sh,
			    C_LEVEL), roster_cell(&sh, C_UNIT),
			    roster_cell(&sh, C_NAME), roster_contact_phone(&l,
			    roster_cell(&sh, C_PHONE)), roster_cell(&sh,
			    C_TITLE));
	} else if (roster_fits(&sh, w.f, nwide, &found) && found > 0) {
		if (roster_columns(&sh, o, w.f, nwide, d) != 0)
			goto bad;
		roster_wide_rows(&sh, &w, &l, d);
	} else {
		/* Neither: the long form's complaint, and the wide form. */
		roster_columns(&sh, o, roster_contact_columns, C_NCOLUMNS, d);
		buf_init(&levels);
		roster_level_list(a->policy, &levels);
		diags_add(d, sh.sh.nrows > 0 ? sh.sh.rows[sh.c.header].line :
		    0, 0, "or give the wide form: a column for each "
		    "level by its name (辅导员, 辅导员电话 ...) beside 学院 and "
		    "班级; the levels and offices: %s", buf_str(&levels));
		buf_done(&levels);
		goto bad;
	}
	r = roster_contacts_save(a, l.v, l.n, o->dry_run, count, d, err);
	goto out;
bad:
	r = yj_fail(err, YJ_BAD_INPUT, "the contacts file has errors; "
	    "nothing was imported");
out:
	roster_close(&sh);
	roster_wide_done(&w);
	for (i = 0; i < l.ncells; i++)
		free(l.cells[i]);
	free(l.cells);
	free(l.v);
	return r;
}

enum yj_status
roster_contacts_rows(struct yj_app *a, const struct roster_contact *rows,
    size_t n, bool dry_run, bool as_system, int *count, struct diags *d,
    struct yj_error *err)
{
	*count = 0;
	if (!as_system && !app_can(a, CAP_IMPORT))
		return yj_fail(err, YJ_DENIED,
		    "your role (%s) may not import contacts",
		    a->user.role);
	return roster_contacts_save(a, rows, n, dry_run, count, d, err);
}

struct roster_cover {
	struct yj_app	*a;
	roster_gap_cb	 cb;
	void		*arg;
	const char	*level;
	const char	*level_name;
	const char	*kind;
	enum store_unit	 unit;
	enum yj_status	 r;
	struct yj_error	*err;
	int		 stop;
	bool		 all;		/* everyone, not only the gaps */
};

static int
roster_cover_unit(void *arg, int64_t id, const char *name)
{
	struct roster_cover	*rc = arg;
	struct roster_gap	 g;
	struct store_person	 p;
	struct yj_error		 e2;
	enum yj_status		 r;

	r = store_responsible_get(rc->a->store, rc->level, rc->unit, id, &p,
	    &e2);
	if (r != YJ_OK && r != YJ_NOT_FOUND) {
		rc->r = r;
		*rc->err = e2;
		return 1;
	}
	g.level = rc->level;
	g.level_name = rc->level_name;
	g.unit_kind = rc->kind;
	g.unit = name;
	g.person = r == YJ_OK ? p.name : NULL;
	g.phone = r == YJ_OK ? p.phone : "";
	g.title = r == YJ_OK ? p.title : "";
	g.problem = NULL;
	if (r == YJ_NOT_FOUND)
		g.problem = "nobody responsible";
	else if (*p.phone == '\0')
		g.problem = "no phone";
	if (g.problem != NULL || rc->all)
		rc->stop = rc->cb(rc->arg, &g);
	if (r == YJ_OK)
		store_person_free(&p);
	return rc->stop;
}

static enum yj_status	roster_cover_run(struct yj_app *, roster_gap_cb,
			    void *, bool, struct yj_error *);

enum yj_status
roster_coverage(struct yj_app *a, roster_gap_cb cb, void *arg,
    struct yj_error *err)
{
	if (!app_can(a, CAP_IMPORT))
		return yj_fail(err, YJ_DENIED,
		    "your role (%s) may not see the coverage"
		    " report", a->user.role);
	return roster_cover_run(a, cb, arg, false, err);
}

enum yj_status
roster_directory(struct yj_app *a, roster_gap_cb cb, void *arg,
    struct yj_error *err)
{
	if (a->user.id == 0)
		return yj_fail(err, YJ_DENIED, "sign in first");
	return roster_cover_run(a, cb, arg, true, err);
}

static int
roster_count_gap(void *arg, const struct roster_gap *g)
{
	(void)g;
	(*(size_t *)arg)++;
	return 0;
}

enum yj_status
roster_coverage_count(struct yj_app *a, size_t *n, struct yj_error *err)
{
	*n = 0;
	return roster_cover_run(a, roster_count_gap, n, false, err);
}

/* The coverage report, for whoever asked (checked by the caller). */
static enum yj_status
roster_cover_run(struct yj_app *a, roster_gap_cb cb, void *arg, bool all,
    struct yj_error *err)
{
	static const enum store_unit units[POLICY_NSCOPES] = {
		[POLICY_SCOPE_CLASS] = STORE_UNIT_CLASS,
		[POLICY_SCOPE_DEPARTMENT] = STORE_UNIT_DEPARTMENT,
		[POLICY_SCOPE_SCHOOL] = STORE_UNIT_SCHOOL,
		[POLICY_SCOPE_BUILDING] = STORE_UNIT_BUILDING,
	};
	const struct policy	*p = a->policy;
	struct roster_cover	 rc;
	enum yj_status		 r;
	size_t			 i;

	memset(&rc, 0, sizeof rc);
	rc.a = a;
	rc.cb = cb;
	rc.arg = arg;
	rc.err = err;
	rc.all = all;
	for (i = 0; i < p->nlevels + p->noffices && !rc.stop; i++) {
		if (i < p->nlevels) {
			rc.level = p->levels[i].id;
			rc.level_name = p->levels[i].name;
			rc.unit = units[p->levels[i].scope];
			rc.kind = policy_scope_id(p->levels[i].scope);
		} else {
			rc.level = p->offices[i - p->nlevels].id;
			rc.level_name = p->offices[i - p->nlevels].name;
			rc.unit = STORE_UNIT_SCHOOL;
			rc.kind = "office";
		}
		r = store_units(a->store, rc.unit, roster_cover_unit, &rc, err);
		if (r != YJ_OK)
			return r;
		if (rc.r != YJ_OK)
			return rc.r;
	}
	return YJ_OK;
}

/* The users, to find an officer by login or by name. */
struct roster_users {
	struct store_user	*v;
	size_t			 n;
};

static int
roster_user_add(void *arg, const struct store_user *u)
{
	struct roster_users	*us = arg;
	struct store_user	*c;

	us->v = xreallocarray(us->v, us->n + 1, sizeof *us->v);
	c = &us->v[us->n++];
	memset(c, 0, sizeof *c);
	c->id = u->id;
	c->login = xstrdup(u->login);
	c->display = xstrdup(u->display);
	c->disabled = u->disabled;
	return 0;
}

/* The user a cell names (login first, then a unique display name). */
static const struct store_user *
roster_user_named(const struct roster_users *us, const char *name,
    int *matches)
{
	const struct store_user	*found = NULL;
	size_t			 i;

	*matches = 0;
	for (i = 0; i < us->n; i++) {
		if (strcmp(us->v[i].login, name) == 0) {
			*matches = 1;
			return &us->v[i];
		}
	}
	for (i = 0; i < us->n; i++) {
		if (strcmp(us->v[i].display, name) == 0) {
			found = &us->v[i];
			(*matches)++;
		}
	}
	return *matches == 1 ? found : NULL;
}

/*
 * A date as spreadsheets write it: 2026-12-03, 2026/12/3, 2026.12.3,
 * 2026年12月3日; into out as YYYY-MM-DD, or false.
 */
static bool
roster_date(const char *s, char out[11])
{
	struct caldate	 cd;
	const char	*why;
	int		 y, m, d, n = 0;
	char		 tail[8];
	bool		 ok;

	ok = sscanf(s, "%4d%*[-/.]%2d%*[-/.]%2d%n", &y, &m, &d, &n) == 3 &&
	    s[n] == '\0';
	if (!ok)
		ok = sscanf(s, "%4d年%2d月%2d%7s", &y, &m, &d, tail) == 4 &&
		    strcmp(tail, "日") == 0;
	if (!ok || y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	/* 2026-11-31 is no day, not 12-01. */
	return caltime_parse_date(out, &cd, &why) == 0;
}

/* The shift a cell names: its id, its name or its English name. */
static const struct policy_shift *
roster_shift_named(const struct policy *p, const char *name)
{
	size_t	 i;

	for (i = 0; i < p->nshifts; i++) {
		if (strcmp(p->shifts[i].id, name) == 0 ||
		    strcmp(p->shifts[i].name, name) == 0 ||
		    (p->shifts[i].name_en != NULL &&
		    strcasecmp(p->shifts[i].name_en, name) == 0))
			return &p->shifts[i];
	}
	return NULL;
}

/* The policy's shifts, "night 夜班, holiday 节假日值班", for a message. */
static const char *
roster_shift_list(const struct policy *p, char *buf, size_t size)
{
	size_t	 i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < p->nshifts && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s %s",
		    i ? ", " : "", p->shifts[i].id, p->shifts[i].name);
	return buf;
}

enum yj_status
roster_schedule(struct yj_app *a, const char *data, size_t len,
    const struct roster_opts *o, int *count, struct diags *d,
    struct yj_error *err)
{
	struct roster_sheet		 sh;
	struct roster_users		 us = { NULL, 0 };
	struct store_duty_change	*c = NULL;
	const struct store_user		*u;
	const struct policy_shift	*ps;
	struct policy_duty		 duty;
	struct store_actor		 by;
	const char			*why, *cell[D_NCOLUMNS];
	char				 id[POLICY_DUTY_IDSZ], **ids = NULL;
	char				 date[11], shifts[256];
	size_t				 n = 0, i;
	int				 k, matches, line;
	enum yj_status			 r;

	*count = 0;
	if (!app_can(a, CAP_SCHEDULE))
		return yj_fail(err, YJ_DENIED,
		    "your role (%s) may not set the duty schedule",
		    a->user.id != 0 ? a->user.role : "none");
	if (roster_open(&sh, data, len, o, roster_schedule_columns,
	    D_NCOLUMNS, d) != 0) {
		roster_close(&sh);
		return yj_fail(err, YJ_BAD_INPUT, "the schedule has errors; "
		    "nothing was imported");
	}
	if ((r = store_users(a->store, roster_user_add, &us, err)) != YJ_OK) {
		roster_close(&sh);
		goto out;
	}
	while (roster_next(&sh)) {
		line = sh.line;
		for (k = 0; k < D_NCOLUMNS; k++)
			cell[k] = roster_cell(&sh, k);
		if (!roster_plain(cell, roster_schedule_columns, D_NCOLUMNS,
		    line, d))
			continue;
		if ((ps = roster_shift_named(a->policy, cell[D_SHIFT])) ==
		    NULL) {
			diags_add(d, line, 0, "no shift '%s' in "
			    "the policy (its shifts: %s)", cell[D_SHIFT],
			    roster_shift_list(a->policy, shifts,
			    sizeof shifts));
			continue;
		}
		if (!roster_date(cell[D_DATE], date)) {
			diags_add(d, line, 0, "date '%s': expected "
			    "YYYY-MM-DD (2026-12-01)", cell[D_DATE]);
			continue;
		}
		if (*cell[D_OFFICER] == '\0') {
			diags_add(d, line, 0, "no officer given");
			continue;
		}
		snprintf(id, sizeof id, "%s/%s", date, ps->id);
		if (!policy_duty_parse(a->policy, id, &duty, &why)) {
			diags_add(d, line, 0, "%s %s: %s", date,
			    cell[D_SHIFT], why);
			continue;
		}
		u = roster_user_named(&us, cell[D_OFFICER], &matches);
		if (matches > 1)
			diags_add(d, line, 0, "'%s' is the name "
			    "of %d users: use the login", cell[D_OFFICER],
			    matches);
		else if (u == NULL)
			diags_add(d, line, 0, "no user '%s'",
			    cell[D_OFFICER]);
		else if (u->disabled)
			diags_add(d, line, 0, "user '%s' is "
			    "disabled", cell[D_OFFICER]);
		if (u == NULL || u->disabled)
			continue;
		for (i = 0; i < n; i++) {
			if (strcmp(ids[i], duty.id) == 0)
				break;
		}
		if (i < n) {
			diags_add(d, line, 0, "%s is in the file "
			    "twice", duty.id);
			continue;
		}
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		c = xreallocarray(c, n + 1, sizeof *c);
		ids[n] = xstrdup(duty.id);
		c[n].shift = ids[n];
		c[n].user_id = u->id;
		c[n].login = u->login;
		n++;
	}
	roster_close(&sh);
	if (diags_count(d) != 0) {
		r = yj_fail(err, YJ_BAD_INPUT, "the schedule has errors; "
		    "nothing was imported");
		goto out;
	}
	*count = (int)n;
	if (o->dry_run || n == 0)
		goto out;
	by = app_actor(a);
	r = store_duty_set(a->store, c, n, record_kind_name(EV_SCHEDULE_SET),
	    "schedule", NULL, &by, err);
out:
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	free(c);
	for (i = 0; i < us.n; i++) {
		free(us.v[i].login);
		free(us.v[i].display);
	}
	free(us.v);
	return r;
}

/* --- leave records (请假) ------------------------------------------------ */

static const char *const h_from[] = { "开始时间", "请假开始", "请假开始时间",
    "起始时间", "开始日期", "离校时间", "from", "start", NULL };
static const char *const h_to[] = { "结束时间", "请假结束", "请假结束时间",
    "截止时间", "结束日期", "返校时间", "销假时间", "to", "end", NULL };
static const char *const h_reason[] = { "事由", "请假事由", "请假原因",
    "原因", "reason", NULL };
static const char *const h_approver[] = { "审批人", "批准人", "审批",
    "审核人", "approved by", "approver", NULL };

static const struct column_field roster_leave_columns[] = {
	{ "number", "学号", h_number, true },
	{ "name", "姓名", h_name, false },
	{ "from", "开始时间", h_from, true },
	{ "to", "结束时间", h_to, true },
	{ "reason", "事由", h_reason, false },
	{ "approved_by", "审批人", h_approver, false },
};
enum { L_NUMBER, L_NAME, L_FROM, L_TO, L_REASON, L_APPROVER, L_NCOLUMNS };

/*
 * A time as a leave list gives it: a date (roster_date's forms) and
 * perhaps HH:MM after it. A date alone begins the day, or (end) ends it.
 */
static bool
roster_when(const char *s, bool end, int64_t *t)
{
	char		 date[11], day[32];
	const char	*sp;
	int		 h = 0, mi = 0, y, m, d, n = 0;
	size_t		 len;

	if ((sp = strchr(s, ' ')) == NULL && (sp = strchr(s, 'T')) == NULL)
		sp = s + strlen(s);
	len = (size_t)(sp - s);
	if (len == 0 || len >= sizeof day)
		return false;
	memcpy(day, s, len);
	day[len] = '\0';
	if (!roster_date(day, date) || sscanf(date, "%d-%d-%d", &y, &m,
	    &d) != 3)
		return false;
	while (*sp == ' ' || *sp == 'T')
		sp++;
	/* HH:MM, perhaps :SS after: digits only. */
	if (*sp != '\0' && (!isdigit((unsigned char)*sp) || sscanf(sp,
	    "%2d:%2d%n", &h, &mi, &n) != 2 || !isdigit((unsigned char)
	    sp[n - 1]) || (sp[n] != '\0' && sp[n] != ':') || h > 23 ||
	    mi > 59 || mi < 0))
		return false;
	*t = caltime_local(y, m, d, h, mi);
	if (end && *sp == '\0')
		*t = caltime_local_day_after(*t);
	return true;
}

enum yj_status
roster_leave(struct yj_app *a, const char *data, size_t len,
    const struct roster_opts *o, struct roster_leave_counts *c,
    struct diags *d, struct yj_error *err)
{
	struct roster_sheet		 sh;
	struct store_leave_record	*v = NULL;
	struct store_student		 st;
	struct yj_error			 e2;
	enum store_upsert		 what;
	const char			*cell[L_NCOLUMNS], *why;
	char				*number;
	size_t				 n = 0, i;
	int				 k;
	enum yj_status			 r = YJ_OK;

	memset(c, 0, sizeof *c);
	if (!app_can(a, CAP_IMPORT))
		return yj_fail(err, YJ_DENIED, "your role (%s) may not import",
		    a->user.id != 0 ? a->user.role : "none");
	if (roster_open(&sh, data, len, o, roster_leave_columns, L_NCOLUMNS,
	    d) != 0) {
		roster_close(&sh);
		return yj_fail(err, YJ_BAD_INPUT, "the leave records have "
		    "errors; nothing was imported");
	}
	while (roster_next(&sh)) {
		for (k = 0; k < L_NCOLUMNS; k++)
			cell[k] = roster_cell(&sh, k);
		if (!roster_plain(cell, roster_leave_columns, L_NCOLUMNS,
		    sh.line, d))
			continue;
		v = xreallocarray(v, n + 1, sizeof *v);
		memset(&v[n], 0, sizeof v[n]);
		for (k = 0; k < L_NCOLUMNS; k++)
			if (strlen(cell[k]) > ROSTER_CELL_MAX ||
			    (roster_leave_columns[k].required &&
			    *cell[k] == '\0'))
				break;
		if (k < L_NCOLUMNS) {
			diags_add(d, sh.line, 0, *cell[k] == '\0' ? "%s is "
			    "empty" : "%s is longer than %d bytes",
			    roster_leave_columns[k].zh, ROSTER_CELL_MAX);
			continue;
		}
		k = !roster_when(cell[L_FROM], false, &v[n].from) ? L_FROM :
		    !roster_when(cell[L_TO], true, &v[n].to) ? L_TO : -1;
		if (k >= 0) {
			diags_add(d, sh.line, 0, "%s '%s' is not a time: write "
			    "2026-12-01 18:00 (or a date alone, for the whole "
			    "day)", roster_leave_columns[k].zh, cell[k]);
			continue;
		}
		if (v[n].to <= v[n].from) {
			diags_add(d, sh.line, 0, "the leave ends (%s) %s it "
			    "begins (%s)", cell[L_TO], v[n].to == v[n].from ?
			    "when" : "before", cell[L_FROM]);
			continue;
		}
		/* The number as the roster's import keeps it. */
		if (columns_number(cell[L_NUMBER], &number, &why) != 0) {
			diags_add(d, sh.line, 0, "学号 '%s' %s",
			    cell[L_NUMBER], why);
			continue;
		}
		r = store_student_get(a->store, number, &st, &e2);
		free(number);
		if (r != YJ_OK) {
			diags_add(d, sh.line, 0, "%s (import the roster first)",
			    e2.msg);
			r = YJ_OK;
			continue;
		}
		if (*cell[L_NAME] != '\0' && strcmp(cell[L_NAME], st.name) !=
		    0)
			diags_add(d, sh.line, 0, "学号 %s is %s in the roster, "
			    "but the file says %s: correct one of them",
			    cell[L_NUMBER], st.name, cell[L_NAME]);
		v[n].student_id = st.id;
		store_student_free(&st);
		v[n].reason = xstrdup(cell[L_REASON]);
		v[n].approved_by = xstrdup(cell[L_APPROVER]);
		n++;
	}
	roster_close(&sh);
	if (diags_count(d) != 0) {
		r = yj_fail(err, YJ_BAD_INPUT, "%zu bad row%s; nothing was "
		    "imported", diags_count(d), diags_count(d) == 1 ? "" : "s");
		goto out;
	}
	if ((r = store_begin(a->store, err)) != YJ_OK)
		goto out;
	for (i = 0; r == YJ_OK && i < n; i++) {
		r = store_leave_record_put(a->store, &v[i], &what, err);
		if (r == YJ_OK && what == STORE_ADDED)
			c->added++;
		else if (r == YJ_OK && what == STORE_UPDATED)
			c->updated++;
		else if (r == YJ_OK)
			c->unchanged++;
	}
	if (r == YJ_OK && !o->dry_run && c->added + c->updated > 0)
		r = roster_seal(a, record_kind_name(EV_LEAVE_IMPORTED), d, err);
	if (r == YJ_OK && !o->dry_run)
		r = store_commit(a->store, err);
	else
		store_rollback(a->store);
out:
	for (i = 0; i < n; i++)
		store_leave_record_free(&v[i]);
	free(v);
	return r;
}
