/*
 * Mine (m): what waits on the one signed in (incident_mine). A counselor
 * or a department leader sees what stands at their rung, in their own
 * classes or departments; the duty officer what falls due before the
 * shift ends, and every emergency. Most urgent first; Enter opens.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/duration.h"
#include "yujing/escalate.h"
#include "yujing/followup.h"
#include "yujing/history.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/status.h"
#include "yujing/tui.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

struct mine_row {
	int64_t	 id;
	char	*line;
};

struct tui_mine {
	struct tui	*t;
	uint64_t	 generation;
	bool		 loaded;
	struct mine_row	*rows;
	size_t		 n;
	struct tui_list	 list;
};

static const struct tui_list_ops mine_list_ops;

void *
tui_mine_new(void)
{
	struct tui_mine	*m = xcalloc(1, sizeof *m);

	tui_list_init(&m->list, &mine_list_ops, m, 1, true);
	return m;
}

static void
mine_clear(struct tui_mine *m)
{
	size_t	 i;

	for (i = 0; i < m->n; i++)
		free(m->rows[i].line);
	free(m->rows);
	m->rows = NULL;
	m->n = 0;
}

static void
mine_free(void *data)
{
	struct tui_mine	*m = data;

	mine_clear(m);
	free(m);
}

/* One row: number, what, whose, where it stands, and its clock. */
static int
mine_add(void *arg, const struct store_incident *in, bool redacted)
{
	struct tui_mine	*m = arg;
	struct yj_app	*a = tui_app(m->t);
	struct buf	 b;
	char		 d[DURATION_BUFSZ];
	int64_t		 now = app_now(a), late;

	buf_init(&b);
	buf_printf(&b, "%-6lld ", (long long)in->id);
	width_pad(&b, tui_category_name(m->t, in->category), 14);
	buf_putc(&b, ' ');
	if (redacted)
		width_pad(&b, _("(restricted)"), 14);
	else {
		struct buf	 who;

		buf_init(&who);
		tui_who(&who, in);
		width_pad(&b, buf_str(&who), 14);
		buf_done(&who);
	}
	buf_putc(&b, ' ');
	width_pad(&b, tui_rung_name(m->t, in->level), 12);
	buf_putc(&b, ' ');
	if ((late = escalate_overdue_since(a, in, now)) != 0)
		buf_printf(&b, _("overdue %s"), duration_format((now - late) /
		    60 * 60 + 60, d, sizeof d));
	else if (in->ack_due != 0)
		buf_printf(&b, _("%s left"), duration_format((in->ack_due -
		    now + 59) / 60 * 60, d, sizeof d));
	else if (in->resolve_due != 0)
		buf_printf(&b, _("resolve within %s"), duration_format(
		    in->resolve_due > now ? (in->resolve_due - now + 59) / 60 *
		    60 : 60, d, sizeof d));
	m->rows = xreallocarray(m->rows, m->n + 1, sizeof *m->rows);
	m->rows[m->n].id = in->id;
	m->rows[m->n++].line = buf_steal(&b);
	return 0;
}

/* A follow-up owed: its incident, what, and its deadline. */
static int
mine_followup(void *arg, int64_t incident, const struct followup *f)
{
	struct tui_mine	*m = arg;
	struct yj_app	*a = tui_app(m->t);
	struct buf	 b;
	char		 d[DURATION_BUFSZ];
	int64_t		 now = app_now(a);

	buf_init(&b);
	buf_printf(&b, "%-6lld ", (long long)incident);
	width_pad(&b, history_followup(a, f->id), 29);
	buf_putc(&b, ' ');
	width_pad(&b, tui_rung_name(m->t, f->owner), 12);
	buf_putc(&b, ' ');
	if (f->due <= now)
		buf_printf(&b, _("overdue %s"), duration_format((now -
		    f->due) / 60 * 60 + 60, d, sizeof d));
	else
		buf_printf(&b, _("%s left"), duration_format((f->due - now +
		    59) / 60 * 60, d, sizeof d));
	m->rows = xreallocarray(m->rows, m->n + 1, sizeof *m->rows);
	m->rows[m->n].id = incident;
	m->rows[m->n++].line = buf_steal(&b);
	return 0;
}

static size_t
mine_count(void *arg)
{
	return ((struct tui_mine *)arg)->n;
}

static void
mine_row_draw(void *arg, size_t i, int y, int x, int cols, bool selected)
{
	struct tui_mine	*m = arg;

	attrset(selected ? A_REVERSE : A_NORMAL);
	tui_put(y, x, m->rows[i].line, cols);
	attrset(A_NORMAL);
}

static const struct tui_list_ops mine_list_ops = {
	.count = mine_count,
	.draw = mine_row_draw,
};

static void
mine_draw(struct tui *t, void *data, int top, int rows, int cols)
{
	struct tui_mine	*m = data;
	struct yj_error	 err;

	m->t = t;
	/* Read again when anything changed, here or in another terminal. */
	if (!m->loaded || m->generation != tui_generation(t)) {
		mine_clear(m);
		m->loaded = true;
		m->generation = tui_generation(t);
		if (incident_mine(tui_app(t), mine_add, m, &err) != YJ_OK)
			tui_message(t, "%s", err.msg);
		/* Then what the cases they answer for still ask of them. */
		if (followup_mine(tui_app(t), mine_followup, m, &err) != YJ_OK)
			tui_message(t, "%s", err.msg);
		tui_list_clamp(&m->list);
	}
	attron(A_BOLD);
	tui_put(top, 1, _("Waiting on you, most urgent first"), cols - 2);
	attroff(A_BOLD);
	tui_list_draw(&m->list, top + 1, 1, rows - 1, cols - 2, true);
	if (m->n == 0)
		tui_put(top + 2, 1, _("Nothing waits on you now."), cols - 2);
	if (!tui_has_message(t))
		tui_hint(t, _("Up/Down choose, Enter opens, Esc back."));
}

static enum tui_result
mine_key(struct tui *t, void *data, bool is_key, wint_t ch)
{
	struct tui_mine	*m = data;

	switch (tui_action_of(TUI_S_MINE, is_key, ch)) {
	case TUI_A_BACK:
		tui_show(t, &tui_queue_ops, tui_queue_new());
		return TUI_REDRAW;
	case TUI_A_OPEN:
		if (m->list.sel < m->n)
			tui_show(t, &tui_incident_ops,
			    tui_incident_new(m->rows[m->list.sel].id));
		return TUI_REDRAW;
	default:
		break;
	}
	if (tui_list_key(&m->list, TUI_S_MINE, is_key, ch) != TUI_LIST_NONE)
		return TUI_REDRAW;
	return TUI_NOTHING;
}

static enum tui_result
mine_click(struct tui *t, void *data, int y, int x)
{
	struct tui_mine	*m = data;
	size_t		 row;

	(void)x;
	switch (tui_list_click(&m->list, y, &row)) {
	case TUI_CLICK_NONE:
		return TUI_NOTHING;
	case TUI_CLICK_OPEN:
		tui_show(t, &tui_incident_ops,
		    tui_incident_new(m->rows[row].id));
		break;
	case TUI_CLICK_SELECT:
		break;
	}
	return TUI_REDRAW;
}

const struct tui_view_ops tui_mine_ops = {
	.name = "mine",
	.screen = TUI_S_MINE,
	.draw = mine_draw,
	.key = mine_key,
	.free = mine_free,
	.click = mine_click,
};
