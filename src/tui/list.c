/*
 * The one list widget (see tui.h): selection, scrolling, the movement
 * keys of the screen's keymap, "N more" above and below, and where the
 * list stands. The rows are the caller's: a count and a row drawn by
 * number, so a list never needs all its rows in memory.
 */
#include "config.h"

#include <curses.h>
#include <stdint.h>
#include <stdio.h>

#include "yujing/buf.h"
#include "yujing/i18n.h"
#include "yujing/tui.h"
#include "yujing/width.h"

void
tui_list_init(struct tui_list *l, const struct tui_list_ops *ops, void *arg,
    int height, bool select)
{
	l->ops = ops;
	l->arg = arg;
	l->sel = l->top = 0;
	l->height = height > 0 ? height : 1;
	l->select = select;
	l->capped = false;
	l->y = l->x = l->rows = l->cols = l->first_y = 0;
	l->shown = 0;
}

/*
 * Rows that fit in rows lines: the last line says where the list stands,
 * and a first line says what is hidden above, when something is.
 */
static size_t
tui_list_fit(const struct tui_list *l, int rows, bool above)
{
	int	 n = (rows - 1 - (above ? 1 : 0)) / l->height;

	return n > 0 ? (size_t)n : 1;
}

int
tui_list_lines(const struct tui_list *l, size_t n)
{
	return (int)n * l->height + 1;
}

void
tui_list_clamp(struct tui_list *l)
{
	size_t	 n = l->ops->count(l->arg), page = l->shown > 0 ? l->shown : 1;
	size_t	 last = n > page ? n - page : 0;	/* the last page's top */

	if (l->sel >= n)
		l->sel = n > 0 ? n - 1 : 0;
	if (l->select) {
		if (l->sel < l->top)
			l->top = l->sel;
		else if (l->sel - l->top >= page)
			l->top = l->sel - page + 1;
	}
	/* Never past a full last page (text, too, stops there). */
	if (l->top > last)
		l->top = last;
}

void
tui_list_select(struct tui_list *l, size_t i)
{
	l->sel = i;
	tui_list_clamp(l);
}

void
tui_list_load(struct tui_list *l, int rows)
{
	size_t	 n, last;
	bool	 at_end;

	l->rows = rows;
	l->shown = tui_list_fit(l, rows, false);
	tui_list_clamp(l);
	if (l->top > 0) {
		/* The marker above takes a row's line; text at its end stays. */
		at_end = l->top + l->shown >= l->ops->count(l->arg);
		l->shown = tui_list_fit(l, rows, true);
		if (!l->select && at_end)
			l->top = SIZE_MAX;
		tui_list_clamp(l);
	}
	n = l->ops->count(l->arg);
	last = l->top + l->shown < n ? l->top + l->shown : n;
	if (l->ops->window != NULL && last > l->top)
		l->ops->window(l->arg, l->top, last - l->top);
}

void
tui_list_draw(struct tui_list *l, int y, int x, int rows, int cols,
    bool focused)
{
	struct buf	 b;
	size_t		 n, i, last;
	int		 w;
	bool		 above;

	l->y = y;
	l->x = x;
	l->cols = cols;
	tui_list_load(l, rows);
	above = l->top > 0;
	/* The window may have found fewer rows than counted. */
	n = l->ops->count(l->arg);
	last = l->top + l->shown < n ? l->top + l->shown : n;

	buf_init(&b);
	attrset(tui_role_attr(TUI_R_HINT));
	if (above) {
		buf_printf(&b, _("▲ %zu more"), l->top);
		tui_put(y, x, buf_str(&b), cols);
		y++;
	}
	attrset(A_NORMAL);
	l->first_y = y;
	for (i = l->top; i < last; i++)
		l->ops->draw(l->arg, i, y + (int)(i - l->top) * l->height,
		    x, cols, focused && l->select && i == l->sel);

	/* Below: what is hidden there, and where the list stands. */
	attrset(tui_role_attr(TUI_R_HINT));
	b.len = 0;
	buf_puts(&b, "");
	if (last < n)
		buf_printf(&b, _("▼ %zu more"), n - last);
	y += (int)l->shown * l->height;
	tui_put(y, x, buf_str(&b), cols);
	b.len = 0;
	if (n == 0)
		buf_puts(&b, "");
	else if (l->capped)
		buf_printf(&b, _("rows %zu–%zu of %zu or more"), l->top + 1,
		    last, n);
	else
		buf_printf(&b, _("rows %zu–%zu of %zu"), l->top + 1, last, n);
	w = (int)width_str(buf_str(&b));
	if (w > 0 && w < cols)
		tui_put(y, x + cols - w, buf_str(&b), w);
	attrset(A_NORMAL);
	buf_done(&b);
}

enum tui_list_change
tui_list_move(struct tui_list *l, enum tui_action act)
{
	size_t	 n = l->ops->count(l->arg), page = l->shown > 0 ? l->shown : 1;
	size_t	 sel = l->sel, top = l->top;

	if (!tui_action_moves(act))
		return TUI_LIST_NONE;
	if (!l->select) {
		/* Text: every key scrolls. */
		switch (act) {
		case TUI_A_MOVE_UP:
			l->top = l->top > 0 ? l->top - 1 : 0;
			break;
		case TUI_A_MOVE_DOWN:
			l->top++;
			break;
		case TUI_A_PAGE_UP:
			l->top = l->top > page ? l->top - page : 0;
			break;
		case TUI_A_PAGE_DOWN:
			l->top += page;
			break;
		case TUI_A_HOME:
			l->top = 0;
			break;
		case TUI_A_END:
			l->top = n;
			break;
		default:
			break;
		}
	} else if (n > 0) {
		switch (act) {
		case TUI_A_MOVE_UP:
			if (l->sel > 0)
				l->sel--;
			break;
		case TUI_A_MOVE_DOWN:
			if (l->sel + 1 < n)
				l->sel++;
			break;
		case TUI_A_PAGE_UP:
			/* A page of rows, the selection keeping its line. */
			l->sel = l->sel > page ? l->sel - page : 0;
			l->top = l->top > page ? l->top - page : 0;
			break;
		case TUI_A_PAGE_DOWN:
			l->sel = l->sel + page < n ? l->sel + page : n - 1;
			l->top += page;
			break;
		case TUI_A_HOME:
			l->sel = 0;
			break;
		case TUI_A_END:
			l->sel = n - 1;	/* of all the rows, not of the page */
			break;
		default:
			break;
		}
	}
	tui_list_clamp(l);
	if (l->top != top)
		return TUI_LIST_SCROLL;
	return l->sel != sel ? TUI_LIST_CURSOR : TUI_LIST_SAME;
}

enum tui_list_change
tui_list_key(struct tui_list *l, unsigned screen, bool is_key, wint_t ch)
{
	return tui_list_move(l, tui_action_of(screen, is_key, ch));
}

bool
tui_list_at(const struct tui_list *l, int y, size_t *row)
{
	size_t	 i, n = l->ops->count(l->arg);

	if (y < l->first_y || l->shown == 0)
		return false;
	i = l->top + (size_t)((y - l->first_y) / l->height);
	if (i >= l->top + l->shown || i >= n)
		return false;
	*row = i;
	return true;
}

enum tui_click
tui_list_click(struct tui_list *l, int y, size_t *row)
{
	if (!tui_list_at(l, y, row))
		return TUI_CLICK_NONE;
	if (*row == l->sel)
		return TUI_CLICK_OPEN;
	tui_list_select(l, *row);
	return TUI_CLICK_SELECT;
}
