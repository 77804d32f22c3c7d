/*
 * The new-incident form (F2 / n). One column of rows, the focused one
 * taking the keys: the category (its letter, or typed to filter), the
 * severity, when, the students (by number, name, pinyin initials or room,
 * each with their last 90 days), the category's fields, what was done
 * already, the description and the checklist. Nothing typed is lost: a
 * failed save keeps the form as it was, Esc on a changed form asks, and
 * text under Students never picked is asked about on F2. "Now" is when
 * the form was opened; the description wraps in a box that grows, then
 * scrolls with the cursor in it.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/edit.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/pinyin.h"
#include "yujing/search.h"
#include "yujing/status.h"
#include "yujing/tui.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

#define FORM_LABEL	20	/* columns of the labels */
#define FORM_LIST	8	/* lines of a pick list */
#define FORM_TEXT_MIN	3	/* lines of the description box, at least */
#define FORM_HISTORY	(90 * 86400)	/* the early-warning look back (S10) */

enum form_kind {
	FORM_CATEGORY,
	FORM_SEVERITY,
	FORM_OCCURRED,
	FORM_STUDENTS,
	FORM_ROOM,
	FORM_LOCATION,
	FORM_FIELD,
	FORM_ACTION,
	FORM_TEXT,
	FORM_CHECK
};

struct form_row {
	enum form_kind	 kind;
	size_t		 index;		/* FORM_FIELD, FORM_CHECK: which */
	struct edit	 e;		/* the text typed */
	bool		 ticked;	/* FORM_CHECK */
};

struct form_student {
	int64_t	 id;
	char	*number;
	char	*name;
	char	*about;		/* class, room */
	char	*history;	/* the last 90 days, in a line */
};

struct form_match {
	const struct policy_category	*category;	/* category list */
	struct form_student		 st;		/* student list */
};

struct tui_form {
	struct tui			*t;
	const struct policy_category	*cat;
	size_t				 severity;
	struct form_row			*rows;
	size_t				 nrows;
	size_t				 focus;
	struct form_student		*picked;
	size_t				 npicked;
	/* The pick list under the focused row, when it has one. */
	struct form_match		*matches;
	size_t				 nmatches;
	struct tui_list			 picker;	/* the matches, as a list */
	char				*matched;	/* the query they are for */
	int				 scroll;	/* first line shown */
	int				 focus_y;	/* the focused row's line */
	int				 cy, cx;	/* the cursor, when shown */
	/* The description box: its first row shown, its lines, its width. */
	size_t				 text_top;
	int				 text_lines;
	int				 text_max;
	int				 text_width;
	/* "Now" on the form is when it was opened, not when it is saved. */
	int64_t				 opened;
	/* F2 found text under Students never picked: the next key says. */
	bool				 asking;
	bool				 cursor;
	bool				 dirty;
};

static void
form_student_free(struct form_student *s)
{
	free(s->number);
	free(s->name);
	free(s->about);
	free(s->history);
	memset(s, 0, sizeof *s);
}

static void
form_matches_clear(struct tui_form *f)
{
	size_t	 i;

	for (i = 0; i < f->nmatches; i++)
		form_student_free(&f->matches[i].st);
	free(f->matches);
	f->matches = NULL;
	f->nmatches = 0;
	f->picker.sel = f->picker.top = 0;
	free(f->matched);
	f->matched = NULL;
}

static struct form_row *
form_add_row(struct tui_form *f, enum form_kind kind, size_t index)
{
	struct form_row	*r;

	f->rows = xreallocarray(f->rows, f->nrows + 1, sizeof *f->rows);
	r = &f->rows[f->nrows++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->index = index;
	edit_init(&r->e, kind == FORM_TEXT || kind == FORM_ACTION ?
	    INCIDENT_TEXT_MAX : INCIDENT_VALUE_MAX, kind == FORM_TEXT);
	return r;
}

static struct form_row *
form_row_of(struct tui_form *f, enum form_kind kind)
{
	size_t	 i;

	for (i = 0; i < f->nrows; i++) {
		if (f->rows[i].kind == kind)
			return &f->rows[i];
	}
	return NULL;
}

/*
 * Lays the rows out for the chosen category, keeping whatever was typed
 * in the rows both layouts have (fields of the same id included).
 */
static void
form_layout(struct tui_form *f, const struct policy_category *was)
{
	struct form_row			*old = f->rows;
	size_t				 nold = f->nrows, i, k;
	const struct policy_category	*c = f->cat;
	enum form_kind			 kinds[] = { FORM_CATEGORY,
	    FORM_SEVERITY, FORM_OCCURRED, FORM_STUDENTS, FORM_ROOM,
	    FORM_LOCATION };
	enum form_kind			 focused = FORM_CATEGORY;
	size_t				 focused_index = 0;

	if (old != NULL) {
		focused = old[f->focus].kind;
		focused_index = old[f->focus].index;
	}
	f->rows = NULL;
	f->nrows = 0;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		form_add_row(f, kinds[i], 0);
	for (i = 0; c != NULL && i < c->nfields; i++)
		form_add_row(f, FORM_FIELD, i);
	form_add_row(f, FORM_ACTION, 0);
	form_add_row(f, FORM_TEXT, 0);
	for (i = 0; c != NULL && i < c->nchecklist; i++)
		form_add_row(f, FORM_CHECK, i);

	f->focus = 0;
	for (i = 0; i < f->nrows; i++) {
		struct form_row	*r = &f->rows[i];

		if (r->kind == focused && r->index == focused_index)
			f->focus = i;
		for (k = 0; k < nold; k++) {
			if (old[k].kind != r->kind)
				continue;
			/* A field of the same id and type keeps its value. */
			if (r->kind == FORM_FIELD && (was == NULL ||
			    strcmp(c->fields[r->index].id,
			    was->fields[old[k].index].id) != 0 ||
			    c->fields[r->index].type !=
			    was->fields[old[k].index].type))
				continue;
			if (r->kind == FORM_CHECK)
				continue;
			edit_set(&r->e, edit_text(&old[k].e));
			break;
		}
	}
	for (k = 0; k < nold; k++)
		edit_done(&old[k].e);
	free(old);
}

/* The student's incidents of the last 90 days, counted per category. */
struct form_count {
	char	*name;
	int	 n;
};

struct form_counts {
	struct form_count	*v;
	size_t			 n;
	size_t			 hidden;
};

static int
form_count_add(void *arg, const struct store_incident *in, bool redacted)
{
	struct form_counts	*c = arg;
	size_t			 i;

	(void)redacted;
	for (i = 0; i < c->n; i++) {
		if (strcmp(c->v[i].name, in->category) == 0) {
			c->v[i].n++;
			return 0;
		}
	}
	c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
	c->v[c->n].name = xstrdup(in->category);
	c->v[c->n++].n = 1;
	return 0;
}

static char *
form_history(struct tui_form *f, int64_t student)
{
	struct yj_app		*a = tui_app(f->t);
	struct store_filter	 sf;
	struct form_counts	 c;
	struct yj_error		 err;
	struct buf		 b;
	size_t			 i;

	memset(&sf, 0, sizeof sf);
	memset(&c, 0, sizeof c);
	sf.student = student;
	sf.since = app_now(a) - FORM_HISTORY;
	buf_init(&b);
	if (incident_list(a, &sf, form_count_add, &c, &err) != YJ_OK)
		buf_puts(&b, err.msg);
	else if (c.n == 0)
		buf_puts(&b, _("nothing in the last 90 days"));
	else {
		buf_puts(&b, _("last 90 days:"));
		for (i = 0; i < c.n; i++)
			buf_printf(&b, " %s×%d", tui_category_name(f->t,
			    c.v[i].name), c.v[i].n);
	}
	for (i = 0; i < c.n; i++)
		free(c.v[i].name);
	free(c.v);
	return buf_steal(&b);
}

/* --- the pick lists ---------------------------------------------------- */

static bool
form_category_matches(const struct policy_category *c, const char *q)
{
	size_t	 i;

	if (strstr(c->name, q) != NULL || pinyin_match(c->name, q))
		return true;
	for (i = 0; c->name_en != NULL && c->name_en[i] != '\0'; i++) {
		if (strncasecmp(c->name_en + i, q, strlen(q)) == 0)
			return true;
	}
	for (i = 0; i < c->naliases; i++) {
		if (strncasecmp(c->aliases[i], q, strlen(q)) == 0)
			return true;
	}
	return false;
}

static void
form_list_categories(struct tui_form *f, const char *q)
{
	const struct policy	*p = tui_app(f->t)->policy;
	size_t			 i;

	for (i = 0; i < p->ncategories; i++) {
		const struct policy_category	*c = &p->categories[i];

		if (c->system || !form_category_matches(c, q))
			continue;
		f->matches = xreallocarray(f->matches, f->nmatches + 1,
		    sizeof *f->matches);
		memset(&f->matches[f->nmatches], 0, sizeof *f->matches);
		f->matches[f->nmatches++].category = c;
	}
}

static int
form_student_found(void *arg, const struct store_student *h)
{
	struct tui_form		*f = arg;
	struct form_student	*s;
	struct yj_error		 err;
	struct buf		 b;

	f->matches = xreallocarray(f->matches, f->nmatches + 1,
	    sizeof *f->matches);
	memset(&f->matches[f->nmatches], 0, sizeof *f->matches);
	s = &f->matches[f->nmatches++].st;
	s->id = h->id;
	s->number = xstrdup(h->number);
	s->name = xstrdup(h->name);
	/* Before anything is logged, first: away on leave, or gone. */
	buf_init(&b);
	if (student_away(tui_app(f->t), h, app_now(tui_app(f->t)), &b,
	    &err) == YJ_OK && b.len > 0)
		buf_puts(&b, _(" · "));
	buf_puts(&b, h->class_name);
	if (*h->room)
		buf_printf(&b, " %s", h->room);
	s->about = buf_steal(&b);
	return 0;
}

/* The pick list's rows: a category with its letter, or a student. */
static size_t
form_match_count(void *arg)
{
	return ((struct tui_form *)arg)->nmatches;
}

static void
form_match_draw(void *arg, size_t i, int y, int x, int cols, bool selected)
{
	struct tui_form		*f = arg;
	const struct form_match	*m = &f->matches[i];
	struct buf		 b;

	buf_init(&b);
	if (m->category != NULL)
		buf_printf(&b, "[%c] %s  %s", m->category->key ?
		    m->category->key : ' ', m->category->name,
		    m->category->name_en != NULL && strcmp(i18n_language(),
		    "English") == 0 ? m->category->name_en : "");
	else
		buf_printf(&b, "%s %s  %s", m->st.name, m->st.number,
		    m->st.about);
	attrset(selected ? tui_role_attr(TUI_R_SELECTION) : A_NORMAL);
	tui_put(y, x, buf_str(&b), cols);
	attrset(A_NORMAL);
	buf_done(&b);
}

static const struct tui_list_ops form_picker_ops = {
	.count = form_match_count,
	.draw = form_match_draw,
};

/* Brings the focused row's pick list up to date with what is typed. */
static void
form_refresh_list(struct tui_form *f)
{
	struct form_row	*r = &f->rows[f->focus];
	const char	*q = edit_text(&r->e);
	struct yj_error	 err;

	if (r->kind != FORM_CATEGORY && r->kind != FORM_STUDENTS) {
		form_matches_clear(f);
		return;
	}
	if (f->matched != NULL && strcmp(f->matched, q) == 0)
		return;
	form_matches_clear(f);
	f->matched = xstrdup(q);
	/* Nothing chosen yet: every category, each with its letter. */
	if (r->kind == FORM_CATEGORY && f->cat == NULL)
		form_list_categories(f, q);
	else if (*q == '\0')
		return;
	else if (r->kind == FORM_CATEGORY)
		form_list_categories(f, q);
	else if (student_search(tui_app(f->t), q, FORM_LIST * 4,
	    form_student_found, f, &err) != YJ_OK)
		tui_message(f->t, "%s", err.msg);
	/* The search stops at so many: more may match. */
	f->picker.capped = r->kind == FORM_STUDENTS &&
	    f->nmatches >= FORM_LIST * 4;
}

/* --- moving about ------------------------------------------------------- */

static bool
form_row_filled(const struct tui_form *f, const struct form_row *r)
{
	switch (r->kind) {
	case FORM_CATEGORY:
		return f->cat != NULL;
	case FORM_STUDENTS:
		return f->npicked > 0;
	default:
		return *edit_text(&r->e) != '\0';
	}
}

/*
 * After the students: the first required field still empty, else the
 * description, which every report needs.
 */
static void
form_focus_next_needed(struct tui_form *f)
{
	size_t	 i;

	form_matches_clear(f);
	for (i = 0; i < f->nrows; i++) {
		struct form_row	*r = &f->rows[i];

		if (r->kind == FORM_FIELD &&
		    f->cat->fields[r->index].required &&
		    !form_row_filled(f, r)) {
			f->focus = i;
			return;
		}
	}
	for (i = 0; i < f->nrows; i++) {
		if (f->rows[i].kind == FORM_TEXT)
			f->focus = i;
	}
}

static void
form_pick_category(struct tui_form *f, const struct policy_category *c)
{
	const struct policy_category	*was = f->cat;

	f->cat = c;
	f->severity = c->severity;
	edit_set(&f->rows[0].e, "");
	form_layout(f, was);
	form_matches_clear(f);
	/* On to the students: most reports are about someone. */
	f->focus = (size_t)(form_row_of(f, FORM_STUDENTS) - f->rows);
	f->dirty = true;
}

static void
form_pick_student(struct tui_form *f, struct form_student *s)
{
	size_t	 i;

	for (i = 0; i < f->npicked; i++) {
		if (f->picked[i].id == s->id) {
			tui_message(f->t, _("%s is already on the report."),
			    s->name);
			return;
		}
	}
	f->picked = xreallocarray(f->picked, f->npicked + 1,
	    sizeof *f->picked);
	f->picked[f->npicked] = *s;
	memset(s, 0, sizeof *s);
	f->picked[f->npicked].history = form_history(f,
	    f->picked[f->npicked].id);
	f->npicked++;
	edit_set(&f->rows[f->focus].e, "");
	f->dirty = true;
	form_focus_next_needed(f);
}

/*
 * Someone not on the roster (a visitor, a worker, a student of another
 * school), by name: on the report beside the students, with no number,
 * class or counselor (the ladder cannot use them). Kept apart from the
 * description, a personal part of the record as the students are.
 */
static void
form_pick_other(struct tui_form *f, const char *typed)
{
	struct form_student	*s;
	struct buf		 name;
	size_t			 i;

	buf_init(&name);
	buf_puts(&name, typed + strspn(typed, " "));
	while (name.len > 0 && name.data[name.len - 1] == ' ')
		name.data[--name.len] = '\0';
	for (i = 0; i < f->npicked; i++) {
		if (f->picked[i].id == 0 &&
		    strcmp(f->picked[i].name, buf_str(&name)) == 0) {
			buf_done(&name);
			return;
		}
	}
	f->picked = xreallocarray(f->picked, f->npicked + 1,
	    sizeof *f->picked);
	s = &f->picked[f->npicked++];
	memset(s, 0, sizeof *s);
	s->name = buf_steal(&name);
	s->number = xstrdup("");
	s->about = xstrdup(_("not on the roster"));
	s->history = xstrdup("");
	f->dirty = true;
}

/* --- saving ------------------------------------------------------------- */

/* A time as typed on the form; false (said, and focused) when it is not. */
static bool
form_time_ok(struct tui *t, struct tui_form *f, size_t i, struct form_row *r)
{
	const char	*why;
	int64_t		 when, now = app_now(tui_app(t));

	if (caltime_parse_when(edit_text(&r->e), now, &when, &why) != 0) {
		f->focus = i;
		tui_message(t, _("Not saved: %s is not a time (write 23:40, "
		    "-30m or 2026-11-28 23:40)."), edit_text(&r->e));
		return false;
	}
	if (r->kind == FORM_OCCURRED && when > now + INCIDENT_AHEAD_MAX) {
		f->focus = i;
		tui_message(t, _("Not saved: %s is in the future."),
		    edit_text(&r->e));
		return false;
	}
	return true;
}

static void
form_save(struct tui *t, struct tui_form *f)
{
	struct incident_draft	 d;
	const char		**students, **others, **fields, **checked;
	char			**owned;
	size_t			 i, nf = 0, nc = 0, no = 0;
	struct yj_error		 err;
	int64_t			 id;
	struct form_row		*r;

	if (f->cat == NULL) {
		f->focus = 0;
		tui_message(t, "%s", _("Pick a category first."));
		return;
	}
	/* What the form can tell by itself, said in its own words. */
	for (i = 0; i < f->nrows; i++) {
		r = &f->rows[i];
		if (r->kind == FORM_FIELD &&
		    f->cat->fields[r->index].required &&
		    !form_row_filled(f, r)) {
			f->focus = i;
			tui_message(t, _("Not saved: %s is required."),
			    f->cat->fields[r->index].label);
			return;
		}
		if ((r->kind == FORM_OCCURRED || (r->kind == FORM_FIELD &&
		    f->cat->fields[r->index].type == POLICY_FIELD_TIME)) &&
		    *edit_text(&r->e) != '\0' && !form_time_ok(t, f, i, r))
			return;
		if (r->kind == FORM_TEXT && strspn(edit_text(&r->e),
		    " \t\n") == strlen(edit_text(&r->e))) {
			f->focus = i;
			tui_message(t, "%s", _("Not saved: write what happened "
			    "in the description."));
			return;
		}
	}
	/* Typed under Students but never picked: ask, never drop it. */
	r = form_row_of(f, FORM_STUDENTS);
	if (strspn(edit_text(&r->e), " ") != strlen(edit_text(&r->e))) {
		f->focus = (size_t)(r - f->rows);
		f->asking = true;
		form_refresh_list(f);
		return;
	}
	memset(&d, 0, sizeof d);
	students = xcalloc(f->npicked + 1, sizeof *students);
	others = xcalloc(f->npicked + 1, sizeof *others);
	fields = xcalloc(f->nrows + 1, sizeof *fields);
	checked = xcalloc(f->nrows + 1, sizeof *checked);
	owned = xcalloc(f->nrows + 1, sizeof *owned);
	d.category = f->cat->id;
	d.severity = tui_app(t)->policy->severities[f->severity].id;
	/* The roster's students by number; anyone else by name. */
	for (i = 0; i < f->npicked; i++) {
		if (f->picked[i].id != 0)
			students[d.nstudents++] = f->picked[i].number;
		else
			others[d.nothers++] = f->picked[i].name;
	}
	d.students = students;
	d.others = others;
	for (i = 0; i < f->nrows; i++) {
		const char	*v;

		r = &f->rows[i];
		v = edit_text(&r->e);
		switch (r->kind) {
		case FORM_OCCURRED:
			d.occurred = *v ? v : NULL;
			d.occurred_at = f->opened;
			break;
		case FORM_ROOM:
			d.room = *v ? v : NULL;
			break;
		case FORM_LOCATION:
			d.location = *v ? v : NULL;
			break;
		case FORM_FIELD:
			if (*v == '\0')
				break;
			owned[no] = xasprintf("%s=%s",
			    f->cat->fields[r->index].id, v);
			fields[nf++] = owned[no++];
			break;
		case FORM_ACTION:
			d.action = *v ? v : NULL;
			break;
		case FORM_TEXT:
			d.text = v;
			break;
		case FORM_CHECK:
			if (r->ticked)
				checked[nc++] = f->cat->checklist[r->index];
			break;
		default:
			break;
		}
	}
	d.fields = fields;
	d.nfields = nf;
	d.checked = checked;
	d.nchecked = nc;
	tui_message_now(t, _("Saving…"));
	if (incident_log(tui_app(t), &d, &id, &err) != YJ_OK) {
		/* Everything stays as typed: say why, and let them retry. */
		if (err.status == YJ_BUSY)
			tui_message(t, "%s", _("Not saved: another program is "
			    "writing to the database; all kept, F2 retries."));
		else
			tui_message(t, _("Not saved: %s (F2 to try again)"),
			    err.msg);
	} else {
		tui_message(t, _("Saved as #%lld."), (long long)id);
		tui_changed(t);
		tui_show(t, &tui_queue_ops, tui_queue_new_at(id));
	}
	for (i = 0; i < no; i++)
		free(owned[i]);
	free(owned);
	free(students);
	free(others);
	free(fields);
	free(checked);
}

/* --- drawing ------------------------------------------------------------ */

static const char *
form_label(struct tui_form *f, const struct form_row *r)
{
	switch (r->kind) {
	case FORM_CATEGORY:
		return _("Category");
	case FORM_SEVERITY:
		return _("Severity");
	case FORM_OCCURRED:
		return _("Occurred");
	case FORM_STUDENTS:
		return _("Students");
	case FORM_ROOM:
		return _("Room");
	case FORM_LOCATION:
		return _("Where");
	case FORM_FIELD:
		return f->cat->fields[r->index].label;
	case FORM_ACTION:
		return _("Done already");
	case FORM_TEXT:
		return _("Description");
	case FORM_CHECK:
		return "";
	}
	return "";
}

/* A hint for the focused row, on the message line. */
static const char *
form_hint(struct tui_form *f, const struct form_row *r)
{
	switch (r->kind) {
	case FORM_CATEGORY:
		return _("Its letter picks a category; or type its name, "
		    "pinyin initials or alias, then Enter.");
	case FORM_SEVERITY:
		return _("Left/Right or Space: change the severity.");
	case FORM_OCCURRED:
		return _("Empty: when this form was opened; or 23:40, -30m, "
		    "2026-11-28 23:40.");
	case FORM_STUDENTS:
		return _("Number, name, pinyin initials (zs) or room (3-402); "
		    "Enter adds.");
	case FORM_ROOM:
		return _("Building-room, e.g. 3-402 (optional).");
	case FORM_FIELD:
		switch (f->cat->fields[r->index].type) {
		case POLICY_FIELD_BOOL:
			return _("Space: yes / no / not known.");
		case POLICY_FIELD_CHOICE:
			return _("Left/Right or Space: choose.");
		case POLICY_FIELD_TIME:
			return _("23:40, -30m or 2026-11-28 23:40.");
		default:
			return f->cat->fields[r->index].required ?
			    _("Required.") : "";
		}
	case FORM_TEXT:
		return _("What happened. Enter starts a new line; F2 or "
		    "Ctrl-X saves.");
	case FORM_CHECK:
		return _("Space ticks what has been done.");
	default:
		return "";
	}
}

/*
 * The description, wrapped to its box at form line y: the box grows with
 * the text from FORM_TEXT_MIN lines up to text_max, then scrolls within
 * itself, the cursor's row always in it (a long paste stays in reach).
 * Draws the lines of it that are in sight; returns the lines it takes.
 */
static int
form_put_text(struct tui_form *f, int y, int top, int rows, int x,
    const struct edit *e, int cols, bool focused, bool draw)
{
	struct edit_row	*wr;
	size_t		 n, crow, ccol, i;
	int		 lines, yy;
	char		*l;

	if (cols < 2)
		cols = 2;
	f->text_width = cols;
	n = edit_wrap(e, (size_t)cols, &wr, &crow, &ccol);
	lines = (int)n;
	if (lines < FORM_TEXT_MIN)
		lines = FORM_TEXT_MIN;
	if (lines > f->text_max)
		lines = f->text_max;
	/* Scrolled only as far as the cursor needs, so the box keeps still. */
	if (crow < f->text_top)
		f->text_top = crow;
	if (crow >= f->text_top + (size_t)lines)
		f->text_top = crow - (size_t)lines + 1;
	if (f->text_top + (size_t)lines > n)
		f->text_top = n > (size_t)lines ? n - (size_t)lines : 0;
	f->text_lines = lines;
	for (i = f->text_top, yy = y; draw && yy < y + lines; i++, yy++) {
		if (yy < f->scroll || yy >= f->scroll + rows)
			continue;
		if (i < n) {
			l = xstrndup(edit_text(e) + wr[i].start,
			    wr[i].end - wr[i].start);
			tui_put(top + yy - f->scroll, x, l, cols);
			free(l);
		}
		if (focused && i == crow) {
			f->cx = x + (int)ccol;
			f->cy = top + yy - f->scroll;
		}
	}
	/* More above or below the box: a mark beside it. */
	if (draw && f->text_top > 0 && y >= f->scroll && y < f->scroll + rows)
		tui_put(top + y - f->scroll, x - 1, "↑", 1);
	yy = y + lines - 1;
	if (draw && f->text_top + (size_t)lines < n && yy >= f->scroll &&
	    yy < f->scroll + rows)
		tui_put(top + yy - f->scroll, x - 1, "↓", 1);
	free(wr);
	return lines;
}

/*
 * "Now" as the form means it: when it was opened (a form filled in for a
 * quarter of an hour does not move the incident), its day too when that
 * is not today.
 */
static void
form_now(struct tui_form *f, struct buf *b)
{
	time_t		 at = (time_t)f->opened, now;
	struct tm	 tm, tn;
	char		 s[32];

	now = (time_t)app_now(tui_app(f->t));
	localtime_r(&at, &tm);
	localtime_r(&now, &tn);
	if (tm.tm_year == tn.tm_year && tm.tm_yday == tn.tm_yday)
		strftime(s, sizeof s, "%H:%M", &tm);
	else
		strftime(s, sizeof s, "%Y-%m-%d %H:%M", &tm);
	buf_printf(b, _("now (%s)"), s);
}

/*
 * Draws the rows from line 'first' of the form at screen line top (or
 * only measures when draw is false); returns the lines the form takes.
 */
static int
form_paint(struct tui *t, struct tui_form *f, int top, int rows, int cols,
    bool draw)
{
	struct yj_app	*a = tui_app(t);
	int		 y = 0, vx = FORM_LABEL + 2, vw = cols - vx - 1, k;
	size_t		 i, j;
	struct buf	 b;

#define FORM_LINE(yy) (draw && (yy) >= f->scroll && \
    (yy) < f->scroll + rows)
#define FORM_Y(yy) (top + (yy) - f->scroll)
	buf_init(&b);
	for (i = 0; i < f->nrows; i++) {
		struct form_row	*r = &f->rows[i];
		bool		 focused = i == f->focus;
		const char	*label = form_label(f, r);
		int		 lines = 1;

		if (focused)
			f->focus_y = y;
		b.len = 0;
		buf_puts(&b, "");
		if (r->kind == FORM_FIELD && f->cat->fields[r->index].required)
			buf_printf(&b, "*%s", label);
		else
			buf_puts(&b, label);
		if (FORM_LINE(y)) {
			if (focused)
				attron(A_BOLD);
			tui_put(FORM_Y(y), 1, buf_str(&b), FORM_LABEL);
			attroff(A_BOLD);
		}
		b.len = 0;
		buf_puts(&b, "");
		switch (r->kind) {
		case FORM_CATEGORY:
			if (f->cat != NULL && *edit_text(&r->e) == '\0')
				buf_printf(&b, "[%c] %s", f->cat->key ?
				    f->cat->key : ' ', tui_pname(f->cat->name,
				    f->cat->name_en));
			break;
		case FORM_SEVERITY:
			buf_printf(&b, "‹ %s ›", tui_pname(
			    a->policy->severities[f->severity].name,
			    a->policy->severities[f->severity].name_en));
			if (a->policy->severities[f->severity].emergency_plan)
				buf_puts(&b, _("  (emergency plan)"));
			break;
		case FORM_OCCURRED:
			if (*edit_text(&r->e) == '\0')
				form_now(f, &b);
			break;
		case FORM_FIELD:
			if (f->cat->fields[r->index].type ==
			    POLICY_FIELD_BOOL ||
			    f->cat->fields[r->index].type ==
			    POLICY_FIELD_CHOICE)
				buf_printf(&b, "‹ %s ›", *edit_text(&r->e) ?
				    edit_text(&r->e) : "—");
			break;
		case FORM_CHECK:
			buf_printf(&b, "[%s] %s", r->ticked ? "x" : " ",
			    f->cat->checklist[r->index]);
			break;
		default:
			break;
		}
		if (r->kind == FORM_TEXT) {
			lines = form_put_text(f, y, top, rows, vx, &r->e, vw,
			    focused, draw);
		} else if (FORM_LINE(y)) {
			bool	 typed = b.len == 0 || (r->kind ==
			    FORM_CATEGORY && *edit_text(&r->e));

			if (r->kind == FORM_CHECK)
				tui_put(FORM_Y(y), 3, buf_str(&b), cols - 4);
			else if (typed) {
				k = tui_put_edit(FORM_Y(y), vx, &r->e, vw);
				if (focused) {
					f->cx = k;
					f->cy = FORM_Y(y);
				}
			} else {
				if (focused)
					attron(A_UNDERLINE);
				tui_put(FORM_Y(y), vx, buf_str(&b),
				    (int)width_str(buf_str(&b)));
				attroff(A_UNDERLINE);
			}
			if (focused && !typed) {
				f->cx = vx;
				f->cy = FORM_Y(y);
			}
		}
		y += lines;

		/* The students picked, each with their recent history. */
		if (r->kind == FORM_STUDENTS) {
			for (j = 0; j < f->npicked; j++, y += 2) {
				b.len = 0;
				buf_printf(&b, "• %s%s%s  %s",
				    f->picked[j].name, *f->picked[j].number ?
				    " " : "", f->picked[j].number,
				    f->picked[j].about);
				if (FORM_LINE(y))
					tui_put(FORM_Y(y), vx, buf_str(&b), vw);
				if (FORM_LINE(y + 1))
					tui_put(FORM_Y(y + 1), vx + 2,
					    f->picked[j].history, vw - 2);
			}
		}
		/* The pick list, under its row: one list, "N more" and all. */
		if (focused && f->nmatches > 0) {
			int	 plines = tui_list_lines(&f->picker,
			    f->nmatches < FORM_LIST ? f->nmatches : FORM_LIST);

			if (FORM_LINE(y) && FORM_LINE(y + plines - 1))
				tui_list_draw(&f->picker, FORM_Y(y), vx + 2,
				    plines, vw - 2, true);
			y += plines;
		} else if (focused && f->matched != NULL && *f->matched &&
		    (r->kind == FORM_CATEGORY || r->kind == FORM_STUDENTS)) {
			if (FORM_LINE(y))
				tui_put(FORM_Y(y), vx + 2, _("(no match)"),
				    vw - 2);
			y++;
		}
		/* What F2 asks of text under Students never picked. */
		if (focused && f->asking && r->kind == FORM_STUDENTS) {
			for (k = f->nmatches > 0 ? 0 : 1; k < 3; k++, y++) {
				b.len = 0;
				buf_puts(&b, "");
				if (k == 0)
					buf_puts(&b, _("Enter: add the student "
					    "marked above"));
				else if (k == 1)
					buf_printf(&b, _("u: keep “%s” as "
					    "a person not on the roster"),
					    edit_text(&r->e));
				else
					buf_puts(&b, _("c: clear it; any other "
					    "key: back to the form"));
				if (!FORM_LINE(y))
					continue;
				attron(A_BOLD);
				tui_put(FORM_Y(y), vx + 2, buf_str(&b),
				    vw - 2);
				attroff(A_BOLD);
			}
		}
	}
	buf_done(&b);
#undef FORM_LINE
#undef FORM_Y
	return y;
}

static void
form_draw(struct tui *t, void *data, int top, int rows, int cols)
{
	struct tui_form	*f = data;
	struct form_row	*r;
	int		 total;

	f->t = t;
	if (f->opened == 0)
		f->opened = app_now(tui_app(t));
	/* Half the form at most: the rows around it stay in sight. */
	f->text_max = (rows - 1) / 2;
	if (f->text_max < FORM_TEXT_MIN)
		f->text_max = FORM_TEXT_MIN;
	form_refresh_list(f);
	/* Measure, scroll the focused row into sight, then draw. */
	f->cursor = false;
	total = form_paint(t, f, top + 1, rows - 1, cols, false);
	if (f->focus_y < f->scroll)
		f->scroll = f->focus_y;
	r = &f->rows[f->focus];
	{
		int	 need = f->focus_y + (r->kind == FORM_TEXT ?
		    f->text_lines : 1) + (f->nmatches > 0 ? tui_list_lines(
		    &f->picker, f->nmatches < FORM_LIST ? f->nmatches :
		    FORM_LIST) : 0) + (r->kind == FORM_STUDENTS ?
		    2 * (int)f->npicked + (f->asking ? 3 : 0) : 0);

		if (need > f->scroll + rows - 1)
			f->scroll = need - (rows - 1);
	}
	if (f->scroll > total - 1)
		f->scroll = total > 0 ? total - 1 : 0;
	if (f->scroll < 0)
		f->scroll = 0;
	attron(A_BOLD);
	tui_put(top, 1, _("New incident — F2 or Ctrl-X saves, Esc leaves, "
	    "Tab moves"), cols - 2);
	attroff(A_BOLD);
	f->cx = f->cy = -1;
	form_paint(t, f, top + 1, rows - 1, cols, true);
	f->cursor = f->cy >= 0;
	if (f->asking)
		tui_message(t, "%s", _("Not saved yet: what is typed under "
		    "Students was not picked (see under it)."));
	else if (!tui_has_message(t))
		tui_hint(t, form_hint(f, r));
}

static bool
form_cursor(struct tui *t, void *data, int *y, int *x)
{
	struct tui_form	*f = data;
	enum form_kind	 k = f->rows[f->focus].kind;

	(void)t;
	if (!f->cursor || k == FORM_SEVERITY || k == FORM_CHECK ||
	    (k == FORM_FIELD && (f->cat->fields[f->rows[f->focus].index].type
	    == POLICY_FIELD_BOOL || f->cat->fields[f->rows[
	    f->focus].index].type == POLICY_FIELD_CHOICE)))
		return false;
	*y = f->cy;
	*x = f->cx;
	return true;
}

/* --- keys --------------------------------------------------------------- */

/* Space, Left, Right on a row of choices; true when it was one. */
static bool
form_cycle(struct tui_form *f, struct form_row *r, int dir)
{
	const struct policy	*p = tui_app(f->t)->policy;
	const struct policy_field *fd;
	static const char *const yn[] = { "", "是", "否" };
	size_t			 i, n;

	if (r->kind == FORM_SEVERITY) {
		n = p->nseverities;
		f->severity = (size_t)(((int)f->severity + dir + (int)n) %
		    (int)n);
		f->dirty = true;
		return true;
	}
	if (r->kind == FORM_CHECK) {
		r->ticked = !r->ticked;
		f->dirty = true;
		return true;
	}
	if (r->kind != FORM_FIELD)
		return false;
	fd = &f->cat->fields[r->index];
	if (fd->type == POLICY_FIELD_BOOL) {
		for (i = 0; i < 3 && strcmp(yn[i], edit_text(&r->e)); i++)
			;
		edit_set(&r->e, yn[((int)(i % 3) + dir + 3) % 3]);
	} else if (fd->type == POLICY_FIELD_CHOICE) {
		n = fd->nchoices + 1;	/* and "not given" */
		for (i = 0; i < fd->nchoices &&
		    strcmp(fd->choices[i], edit_text(&r->e)); i++)
			;
		i = i < fd->nchoices ? i + 1 : 0;
		i = (size_t)(((int)i + dir + (int)n) % (int)n);
		edit_set(&r->e, i == 0 ? "" : fd->choices[i - 1]);
	} else
		return false;
	f->dirty = true;
	return true;
}

static bool
form_is_choice(const struct tui_form *f, const struct form_row *r)
{
	return r->kind == FORM_SEVERITY || r->kind == FORM_CHECK ||
	    (r->kind == FORM_FIELD && (f->cat->fields[r->index].type ==
	    POLICY_FIELD_BOOL || f->cat->fields[r->index].type ==
	    POLICY_FIELD_CHOICE));
}

static void
form_move(struct tui_form *f, int dir)
{
	form_matches_clear(f);
	if (dir < 0 && f->focus > 0)
		f->focus--;
	else if (dir > 0 && f->focus + 1 < f->nrows)
		f->focus++;
}

/* Enter: pick from the list, or go on to the next row. */
static void
form_enter(struct tui_form *f, struct form_row *r)
{
	if (f->nmatches > 0) {
		if (r->kind == FORM_CATEGORY)
			form_pick_category(f,
			    f->matches[f->picker.sel].category);
		else
			form_pick_student(f, &f->matches[f->picker.sel].st);
		return;
	}
	if (r->kind == FORM_FIELD || r->kind == FORM_STUDENTS) {
		form_focus_next_needed(f);
		return;
	}
	form_move(f, 1);
}

static void
form_discard_yes(struct tui *t, void *arg)
{
	(void)arg;
	tui_message(t, "%s", _("Report thrown away."));
	tui_show(t, &tui_queue_ops, tui_queue_new());
}

/* The description box's width as last drawn (a guess before that). */
static size_t
form_text_width(const struct tui_form *f)
{
	return f->text_width > 0 ? (size_t)f->text_width : 40;
}

/*
 * The answer to F2's question about text under Students never picked:
 * Enter adds the student marked in the list, u keeps the text as a
 * person not on the roster, c clears it; then the save goes on. Any other
 * key goes back to the form, nothing changed (form_pick_other says how
 * someone not on the roster is kept).
 */
static enum tui_result
form_answer(struct tui *t, struct tui_form *f, bool is_key, wint_t ch)
{
	struct form_row	*r = &f->rows[f->focus];

	/* Help and the lock as anywhere (the question is asked again). */
	if (is_key && (ch == KEY_F(1) || ch == KEY_F(9))) {
		f->asking = false;
		return TUI_NOTHING;
	}
	if (is_key && (ch == KEY_UP || ch == KEY_DOWN)) {
		tui_list_move(&f->picker, ch == KEY_UP ? TUI_A_MOVE_UP :
		    TUI_A_MOVE_DOWN);
		return TUI_REDRAW;
	}
	f->asking = false;
	if (tui_is_enter(is_key, ch) && f->nmatches > 0) {
		form_pick_student(f, &f->matches[f->picker.sel].st);
	} else if (!is_key && (ch == 'u' || ch == 'U')) {
		form_pick_other(f, edit_text(&r->e));
		edit_set(&r->e, "");
		form_matches_clear(f);
	} else if (!is_key && (ch == 'c' || ch == 'C')) {
		edit_set(&r->e, "");
		form_matches_clear(f);
	} else {
		tui_message(t, "%s", _("Not saved: the student box is as you "
		    "left it."));
		return TUI_REDRAW;
	}
	f->dirty = true;
	form_save(t, f);
	return TUI_REDRAW;
}

static enum tui_result
form_key(struct tui *t, void *data, bool is_key, wint_t ch)
{
	struct tui_form	*f = data;
	struct form_row	*r = &f->rows[f->focus];
	size_t		 i;

	f->t = t;
	if (f->asking)
		return form_answer(t, f, is_key, ch);
	/* Save: F2 or Ctrl-X. */
	if ((is_key && ch == KEY_F(2)) || (!is_key && ch == 0x18)) {
		form_save(t, f);
		return TUI_REDRAW;
	}
	/* Leave: Esc (a pick list first), asking when something was typed. */
	if (tui_is_esc(is_key, ch)) {
		if (f->nmatches > 0 && *edit_text(&r->e) != '\0') {
			edit_set(&r->e, "");
			form_matches_clear(f);
			return TUI_REDRAW;
		}
		if (!f->dirty) {
			tui_show(t, &tui_queue_ops, tui_queue_new());
			return TUI_REDRAW;
		}
		tui_confirm(t, _("Throw this report away? y: yes, any other "
		    "key: keep it"), form_discard_yes, NULL, _("Kept: go on."));
		return TUI_REDRAW;
	}
	if (is_key && (ch == KEY_F(1) || ch == KEY_F(9)))
		return TUI_NOTHING;	/* help, lock */
	/* Between rows: Tab, Shift-Tab; Up/Down outside the description. */
	if (!is_key && ch == '\t') {
		form_move(f, 1);
		return TUI_REDRAW;
	}
	if (is_key && ch == KEY_BTAB) {
		form_move(f, -1);
		return TUI_REDRAW;
	}
	if (is_key && (ch == KEY_UP || ch == KEY_DOWN)) {
		int	 dir = ch == KEY_UP ? -1 : 1;

		if (f->nmatches > 0)
			tui_list_move(&f->picker, dir < 0 ? TUI_A_MOVE_UP :
			    TUI_A_MOVE_DOWN);
		else if (r->kind != FORM_TEXT || !(dir < 0 ?
		    edit_wrap_up(&r->e, form_text_width(f)) :
		    edit_wrap_down(&r->e, form_text_width(f))))
			form_move(f, dir);
		return TUI_REDRAW;
	}
	if (is_key && (ch == KEY_NPAGE || ch == KEY_PPAGE) &&
	    f->nmatches > 0) {
		tui_list_move(&f->picker, ch == KEY_NPAGE ? TUI_A_PAGE_DOWN :
		    TUI_A_PAGE_UP);
		return TUI_REDRAW;
	}
	if (is_key && (ch == KEY_NPAGE || ch == KEY_PPAGE)) {
		for (i = 0; i < 5; i++)
			form_move(f, ch == KEY_NPAGE ? 1 : -1);
		return TUI_REDRAW;
	}
	if (form_is_choice(f, r)) {
		if ((!is_key && ch == ' ') || (is_key && ch == KEY_RIGHT))
			form_cycle(f, r, 1);
		else if (is_key && ch == KEY_LEFT)
			form_cycle(f, r, -1);
		else if ((!is_key && (ch == '\r' || ch == '\n')) ||
		    (is_key && ch == KEY_ENTER))
			form_enter(f, r);
		return TUI_REDRAW;
	}
	/* A category's letter picks it, when nothing is typed there yet. */
	if (r->kind == FORM_CATEGORY && !is_key && *edit_text(&r->e) == '\0') {
		const struct policy	*p = tui_app(t)->policy;

		for (i = 0; i < p->ncategories; i++) {
			if (!p->categories[i].system &&
			    p->categories[i].key != '\0' &&
			    (wint_t)p->categories[i].key == ch) {
				form_pick_category(f, &p->categories[i]);
				return TUI_REDRAW;
			}
		}
	}
	if ((!is_key && (ch == '\r' || ch == '\n')) ||
	    (is_key && ch == KEY_ENTER)) {
		if (r->kind == FORM_TEXT) {
			edit_insert(&r->e, "\n");
			f->dirty = true;
		} else
			form_enter(f, r);
		return TUI_REDRAW;
	}
	if (r->kind == FORM_STUDENTS && *edit_text(&r->e) == '\0' &&
	    f->npicked > 0 && ((is_key && ch == KEY_BACKSPACE) ||
	    (!is_key && (ch == 0x7f || ch == 0x08)))) {
		/* Backspace on an empty search takes the last student off. */
		form_student_free(&f->picked[--f->npicked]);
		f->dirty = true;
		return TUI_REDRAW;
	}
	/* Go to #N: the main loop asks (and asks first, the form dirty). */
	if (tui_action_of(TUI_S_FORM, is_key, ch) == TUI_A_GOTO)
		return TUI_NOTHING;
	if (tui_edit_key(&r->e, is_key, ch)) {
		f->dirty = true;
		return TUI_REDRAW;
	}
	return TUI_HANDLED;	/* the form keeps its keys to itself */
}

static void
form_free(void *data)
{
	struct tui_form	*f = data;
	size_t		 i;

	form_matches_clear(f);
	for (i = 0; i < f->npicked; i++)
		form_student_free(&f->picked[i]);
	free(f->picked);
	for (i = 0; i < f->nrows; i++)
		edit_done(&f->rows[i].e);
	free(f->rows);
	free(f);
}

void *
tui_form_new(void)
{
	struct tui_form	*f = xcalloc(1, sizeof *f);

	tui_list_init(&f->picker, &form_picker_ops, f, 1, true);
	form_layout(f, NULL);
	return f;
}

static bool
form_dirty(void *data)
{
	return ((struct tui_form *)data)->dirty;
}

const struct tui_view_ops tui_form_ops = {
	.name = "new",
	.screen = TUI_S_FORM,
	.draw = form_draw,
	.key = form_key,
	.cursor = form_cursor,
	.free = form_free,
	.dirty = form_dirty,
};
