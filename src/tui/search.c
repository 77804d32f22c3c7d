/*
 * Search (F3): every word of incidents, notes, students' names and
 * numbers, Chinese or not; the results follow what is typed. Incidents
 * the user may not read are not found at all.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/edit.h"
#include "yujing/history.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/record.h"
#include "yujing/search.h"
#include "yujing/status.h"
#include "yujing/tui.h"
#include "yujing/xmalloc.h"

/* Hits read at most: more is a query to make narrower. */
#define SEARCH_MAX	200

struct search_hit {
	int64_t	 id;
	char	*line;		/* what, when, who */
	char	*text;		/* where the words are */
};

struct tui_search {
	struct tui		*t;
	struct edit		 query;
	char			*searched;	/* what the hits are for */
	uint64_t		 generation;
	struct search_hit	*hits;
	size_t			 n;
	struct tui_list		 list;
	int			 cy, cx;
};

static const struct tui_list_ops search_list_ops;

void *
tui_search_new(void)
{
	struct tui_search	*s = xcalloc(1, sizeof *s);

	edit_init(&s->query, 256, false);
	tui_list_init(&s->list, &search_list_ops, s, 2, true);
	return s;
}

static void
search_clear(struct tui_search *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		free(s->hits[i].line);
		free(s->hits[i].text);
	}
	free(s->hits);
	s->hits = NULL;
	s->n = 0;
}

static void
search_free(void *data)
{
	struct tui_search	*s = data;

	search_clear(s);
	edit_done(&s->query);
	free(s->searched);
	free(s);
}

/* word in text, letters of either case alike; NULL when not there. */
static const char *
search_find(const char *text, const char *word)
{
	size_t	 n = strlen(word);

	for (; *text != '\0'; text++) {
		if (strncasecmp(text, word, n) == 0)
			return text;
	}
	return NULL;
}

/*
 * Where in text the words typed show first: a few characters before the
 * earliest of them ("…" standing for what is left out), else all of it.
 */
static const char *
search_excerpt(const char *text, const char *query)
{
	const char	*best = NULL, *hit, *w, *p;
	char		*word;
	size_t		 n, back;

	for (w = query; *w != '\0'; w += n) {
		w += strspn(w, " \t");
		if ((n = strcspn(w, " \t")) == 0)
			break;
		word = xstrndup(w, n);
		hit = search_find(text, word);
		if (hit != NULL && (best == NULL || hit < best))
			best = hit;
		free(word);
	}
	if (best == NULL || best - text < 24)
		return text;
	/* Back by six characters, on a character's first byte. */
	for (p = best, back = 0; p > text && back < 6; back++) {
		p--;
		while (p > text && ((unsigned char)*p & 0xc0) == 0x80)
			p--;
	}
	return p;
}

static int
search_add(void *arg, const struct store_incident *in, bool redacted)
{
	struct tui_search	*s = arg;
	struct buf		 b;
	const char		*excerpt;
	char			 t[32], *nl;
	size_t			 i;

	buf_init(&b);
	caltime_format_local(in->occurred_at, t, sizeof t);
	buf_printf(&b, "%-6lld %s  %s  %s  ", (long long)in->id, t + 5,
	    tui_category_name(s->t, in->category), history_state(in->state));
	if (redacted)
		buf_puts(&b, _("(restricted)"));
	for (i = 0; i < in->nstudents; i++)
		buf_printf(&b, "%s%s %s", i ? _(", ") : "",
		    in->students[i].name, in->students[i].number);
	s->hits = xreallocarray(s->hits, s->n + 1, sizeof *s->hits);
	s->hits[s->n].id = in->id;
	s->hits[s->n].line = buf_steal(&b);
	/* Under it, the text where the words are, its lines run together. */
	buf_init(&b);
	if (*in->text == '\0')
		/* A warning the system raised: what it is, in words. */
		history_summary(tui_app(s->t), in, &b);
	else {
		excerpt = search_excerpt(in->text, edit_text(&s->query));
		buf_printf(&b, "%s%s", excerpt != in->text ? "…" : "",
		    excerpt);
	}
	while (b.data != NULL && (nl = strchr(b.data, '\n')) != NULL)
		*nl = ' ';
	s->hits[s->n++].text = buf_steal(&b);
	return 0;
}

static size_t
search_count(void *arg)
{
	return ((struct tui_search *)arg)->n;
}

/* A hit in two lines: what, when, who; then where the words are. */
static void
search_row_draw(void *arg, size_t i, int y, int x, int cols, bool selected)
{
	struct tui_search	*s = arg;

	attrset(selected ? tui_role_attr(TUI_R_SELECTION) : A_NORMAL);
	tui_put(y, x, s->hits[i].line, cols);
	attrset(A_NORMAL);
	tui_put(y + 1, x + 7, s->hits[i].text, cols - 7);
}

static const struct tui_list_ops search_list_ops = {
	.count = search_count,
	.draw = search_row_draw,
};

static void
search_draw(struct tui *t, void *data, int top, int rows, int cols)
{
	struct tui_search	*s = data;
	struct yj_error		 err;
	const char		*q = edit_text(&s->query);

	s->t = t;
	tui_put(top, 1, _("Search:"), 8);
	s->cx = tui_put_edit(top, 10, &s->query, cols - 11);
	s->cy = top;
	/* Search again when the words or the database changed. */
	if (s->searched == NULL || strcmp(s->searched, q) != 0 ||
	    s->generation != tui_generation(t)) {
		search_clear(s);
		free(s->searched);
		s->searched = xstrdup(q);
		s->generation = tui_generation(t);
		if (*q != '\0' && incident_search(tui_app(t), q, SEARCH_MAX,
		    search_add, s, &err) != YJ_OK)
			tui_message(t, "%s", err.msg);
		s->list.capped = s->n >= SEARCH_MAX;
		tui_list_clamp(&s->list);
	}
	tui_list_draw(&s->list, top + 1, 1, rows - 1, cols - 2, true);
	if (*q != '\0' && s->n == 0)
		tui_put(top + 2, 1, _("Nothing found."), cols - 2);
	if (!tui_has_message(t))
		tui_hint(t, _("Type words, a name or a student number; "
		    "Up/Down choose, Enter opens, Esc back."));
}

static bool
search_cursor(struct tui *t, void *data, int *y, int *x)
{
	struct tui_search	*s = data;

	(void)t;
	*y = s->cy;
	*x = s->cx;
	return true;
}

static enum tui_result
search_key(struct tui *t, void *data, bool is_key, wint_t ch)
{
	struct tui_search	*s = data;

	switch (tui_action_of(TUI_S_SEARCH, is_key, ch)) {
	case TUI_A_BACK:
		tui_show(t, &tui_queue_ops, tui_queue_new());
		return TUI_REDRAW;
	case TUI_A_OPEN:
		/* Esc from it comes back here, the words and the row kept. */
		if (s->list.sel < s->n)
			tui_show_keep(t, &tui_incident_ops,
			    tui_incident_new_from(s->hits[s->list.sel].id,
			    &tui_search_ops, s));
		return TUI_REDRAW;
	default:
		break;
	}
	if (tui_list_key(&s->list, TUI_S_SEARCH, is_key, ch) != TUI_LIST_NONE)
		return TUI_REDRAW;
	if (tui_edit_key(&s->query, is_key, ch)) {
		s->list.sel = s->list.top = 0;
		return TUI_REDRAW;
	}
	return tui_action_of(TUI_S_SEARCH, is_key, ch) != TUI_NONE ?
	    TUI_NOTHING : TUI_HANDLED;
}

static enum tui_result
search_click(struct tui *t, void *data, int y, int x)
{
	struct tui_search	*s = data;
	size_t			 row;

	(void)x;
	switch (tui_list_click(&s->list, y, &row)) {
	case TUI_CLICK_NONE:
		return TUI_NOTHING;
	case TUI_CLICK_OPEN:
		tui_show(t, &tui_incident_ops,
		    tui_incident_new(s->hits[row].id));
		break;
	case TUI_CLICK_SELECT:
		break;
	}
	return TUI_REDRAW;
}

const struct tui_view_ops tui_search_ops = {
	.name = "search",
	.screen = TUI_S_SEARCH,
	.draw = search_draw,
	.key = search_key,
	.cursor = search_cursor,
	.free = search_free,
	.click = search_click,
};
