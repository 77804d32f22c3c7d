#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/duration.h"
#include "yujing/incident.h"
#include "yujing/policy.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/tui.h"
#include "yujing/xmalloc.h"

/* One line of the queue, computed by the core's rules, laid out here. */
struct tui_queue_row {
	char	 id[16];
	char	 when[20];
	char	*category;
	char	*severity;
	char	*who;
	char	*level;
	char	 left[32];
	enum tui_mark	 mark;
};

struct tui_queue {
	struct tui		*t;
	struct tui_queue_row	*rows;
	size_t			 n;
	size_t			 sel;
	int64_t			 now;
};

void *
tui_queue_new(void)
{
	return xcalloc(1, sizeof(struct tui_queue));
}

static void
tui_queue_clear(struct tui_queue *q)
{
	size_t	 i;

	for (i = 0; i < q->n; i++) {
		free(q->rows[i].category);
		free(q->rows[i].severity);
		free(q->rows[i].who);
		free(q->rows[i].level);
	}
	free(q->rows);
	q->rows = NULL;
	q->n = 0;
}

static void
tui_queue_free(void *data)
{
	tui_queue_clear(data);
	free(data);
}

/* A rung's name as people say it (辅导员), from its id. */
static const char *
tui_queue_level(struct yj_app *a, const char *id)
{
	const struct policy_level	*l = policy_level(a->policy, id);
	const struct policy_office	*o = policy_office(a->policy, id);

	return l != NULL ? l->name : o != NULL ? o->name : id;
}

static int
tui_queue_add(void *arg, const struct store_incident *in, bool redacted)
{
	struct tui_queue	*q = arg;
	struct tui_queue_row	*r;
	struct buf		 who;
	char			 d[DURATION_BUFSZ], t[32];
	size_t			 i;

	q->rows = xreallocarray(q->rows, q->n + 1, sizeof *q->rows);
	r = &q->rows[q->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->id, sizeof r->id, "%lld", (long long)in->id);
	caltime_format_local(in->occurred_at, t, sizeof t);
	snprintf(r->when, sizeof r->when, "%s", t + 5);	/* MM-DD HH:MM */
	r->category = xstrdup(in->category_name);
	r->severity = xstrdup(redacted ? "" : in->severity_name);
	r->level = xstrdup(tui_queue_level(tui_app(q->t), in->level));
	buf_init(&who);
	if (redacted)
		buf_puts(&who, "(restricted)");
	for (i = 0; !redacted && i < in->nstudents; i++)
		buf_printf(&who, "%s%s", i ? ", " : "", in->students[i].name);
	if (!redacted && in->nstudents == 0)
		buf_puts(&who, *in->room ? in->room : in->location);
	r->who = buf_steal(&who);
	if (strcmp(in->state, "acknowledged") == 0)
		snprintf(r->left, sizeof r->left, "acknowledged");
	else if (in->ack_due != 0 && in->ack_due <= q->now) {
		/* Minutes are precise enough to phone by. */
		snprintf(r->left, sizeof r->left, "late %s", duration_format(
		    (q->now - in->ack_due) / 60 * 60 + 60, d, sizeof d));
		r->mark = TUI_MARK_LATE;
	} else if (in->ack_due != 0) {
		snprintf(r->left, sizeof r->left, "%s left", duration_format(
		    (in->ack_due - q->now + 59) / 60 * 60, d, sizeof d));
		if (in->ack_due - q->now <= 15 * 60)
			r->mark = TUI_MARK_SOON;
	}
	/* An emergency stands out above all, until acknowledged. */
	if (in->emergency && strcmp(in->state, "open") == 0)
		r->mark = TUI_MARK_EMERGENCY;
	return 0;
}

/* Reads the open incidents again: cheap enough at a screenful. */
static void
tui_queue_load(struct tui *t, struct tui_queue *q, int rows)
{
	struct store_filter	 f;
	struct yj_error		 err;

	tui_queue_clear(q);
	q->t = t;
	q->now = app_now(tui_app(t));
	memset(&f, 0, sizeof f);
	f.open_only = true;
	f.urgent_at = q->now;
	f.limit = rows > 0 ? rows : 1;
	if (incident_list(tui_app(t), &f, tui_queue_add, q, &err) != YJ_OK)
		tui_message(t, "%s", err.msg);
	if (q->sel >= q->n)
		q->sel = q->n > 0 ? q->n - 1 : 0;
}

static void
tui_queue_draw(struct tui *t, void *data, int top, int rows, int cols)
{
	struct tui_queue	*q = data;
	struct tui_queue_row	*r;
	int			 w[7] = { 4, 11, 14, 4, 0, 10, 13 }, x, i, k;
	const char		*cell[7];
	static const char *const head[7] = { "ID", "OCCURRED", "CATEGORY",
	    "SEV", "WHO / WHERE", "LEVEL", "DUE" };

	tui_queue_load(t, q, rows - 1);
	/* The who column takes what the others leave. */
	w[4] = cols - (w[0] + w[1] + w[2] + w[3] + w[5] + w[6] + 7);
	attron(A_BOLD);
	for (k = 0, x = 0; k < 7; x += w[k] + 1, k++)
		tui_put(top, x, head[k], w[k]);
	attroff(A_BOLD);
	if (q->n == 0)
		tui_put(top + 2, 1, "Nothing open.", cols - 2);
	for (i = 0; i < (int)q->n && i < rows - 1; i++) {
		r = &q->rows[i];
		cell[0] = r->id;
		cell[1] = r->when;
		cell[2] = r->category;
		cell[3] = r->severity;
		cell[4] = r->who;
		cell[5] = r->level;
		cell[6] = r->left;
		attrset(tui_mark_attr(t, r->mark) |
		    ((size_t)i == q->sel ? A_REVERSE : A_NORMAL));
		for (k = 0, x = 0; k < 7; x += w[k] + 1, k++)
			tui_put(top + 1 + i, x, cell[k], w[k]);
		attrset(A_NORMAL);
	}
}

static enum tui_result
tui_queue_key(struct tui *t, void *data, bool is_key, wint_t ch)
{
	struct tui_queue	*q = data;

	if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
		if (q->sel + 1 < q->n)
			q->sel++;
		return TUI_REDRAW;
	}
	if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k')) {
		if (q->sel > 0)
			q->sel--;
		return TUI_REDRAW;
	}
	if (((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\r' ||
	    ch == '\n'))) && q->sel < q->n) {
		tui_show(t, &tui_incident_ops,
		    tui_incident_new(strtoll(q->rows[q->sel].id, NULL, 10)));
		return TUI_REDRAW;
	}
	return TUI_NOTHING;
}

const struct tui_view_ops tui_queue_ops = {
	"queue", tui_queue_draw, tui_queue_key, NULL, tui_queue_free
};
