#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/escalate.h"
#include "yujing/incident.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/tui.h"
#include "yujing/xmalloc.h"

/* One incident: what is known, and its history, as lines to show. */
struct tui_incident {
	int64_t		 id;
	enum tui_action	 pending;	/* what the prompt's answer is for */
	char		**lines;
	size_t		 n;
	size_t		 top;	/* first line shown */
};

static void
tui_incident_line(struct tui_incident *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
tui_incident_line(struct tui_incident *v, const char *fmt, ...)
{
	struct buf	 b;
	va_list		 ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	v->lines = xreallocarray(v->lines, v->n + 1, sizeof *v->lines);
	v->lines[v->n++] = buf_steal(&b);
}

static int
tui_incident_event(void *arg, const struct store_event *ev)
{
	char	 when[32];

	tui_incident_line(arg, "  %s  %-8s %-12s %-16s %s",
	    caltime_format_local(ev->at, when, sizeof when) + 5, ev->actor,
	    ev->kind, ev->level, ev->note);
	return 0;
}

/* Reads the incident into lines; what the user may not see stays out. */
static void
tui_incident_load(struct tui *t, struct tui_incident *v)
{
	struct store_incident	 in;
	struct yj_error		 err;
	char			 t1[32];
	size_t			 i;
	bool			 redacted;

	if (incident_show(tui_app(t), v->id, &in, &redacted, &err) != YJ_OK) {
		tui_incident_line(v, "%s", err.msg);
		return;
	}
	tui_incident_line(v, "#%lld  %s  %s  %s at %s%s", (long long)in.id,
	    in.category_name, in.severity_name, in.state, in.level,
	    in.emergency ? "  EMERGENCY PLAN" : "");
	tui_incident_line(v, "Occurred %s, logged by %s",
	    caltime_format_local(in.occurred_at, t1, sizeof t1),
	    in.logged_by_login);
	if (redacted) {
		tui_incident_line(v, "%s", "");
		tui_incident_line(v, "Restricted: your role may not read it.");
		store_incident_free(&in);
		return;
	}
	for (i = 0; i < in.nstudents; i++)
		tui_incident_line(v, "Student  %s %s", in.students[i].number,
		    in.students[i].name);
	if (*in.room)
		tui_incident_line(v, "Room     %s", in.room);
	if (*in.location)
		tui_incident_line(v, "Where    %s", in.location);
	for (i = 0; i < in.nfields; i++)
		tui_incident_line(v, "%-8s %s", in.fields[i].key,
		    in.fields[i].value);
	tui_incident_line(v, "%s", "");
	tui_incident_line(v, "%s", in.text);
	tui_incident_line(v, "%s", "");
	tui_incident_line(v, "History");
	store_incident_free(&in);
	if (incident_history(tui_app(t), v->id, tui_incident_event, v,
	    &err) != YJ_OK)
		tui_incident_line(v, "  %s", err.msg);
}

void *
tui_incident_new(int64_t id)
{
	struct tui_incident	*v = xcalloc(1, sizeof *v);

	v->id = id;
	return v;
}

static void
tui_incident_free(void *data)
{
	struct tui_incident	*v = data;
	size_t			 i;

	for (i = 0; i < v->n; i++)
		free(v->lines[i]);
	free(v->lines);
	free(v);
}

static void
tui_incident_draw(struct tui *t, void *data, int top, int rows, int cols)
{
	struct tui_incident	*v = data;
	size_t			 i;

	/* Read again each time: others may act on it meanwhile. */
	for (i = 0; i < v->n; i++)
		free(v->lines[i]);
	v->n = 0;
	tui_incident_load(t, v);
	if (v->top >= v->n)
		v->top = v->n > 0 ? v->n - 1 : 0;
	for (i = 0; (int)i < rows && v->top + i < v->n; i++)
		tui_put(top + (int)i, 1, v->lines[v->top + i], cols - 2);
}

static void
tui_incident_done(struct tui *t, void *arg, const char *text)
{
	struct tui_incident	*v = arg;
	struct yj_app		*a = tui_app(t);
	struct yj_error		 err;
	enum yj_status		 r;

	switch (v->pending) {
	case TUI_A_NOTE:
		r = incident_act(a, v->id, INCIDENT_NOTE, text, NULL,
		    INCIDENT_REACHED, &err);
		break;
	case TUI_A_RESOLVE:
		r = incident_act(a, v->id, INCIDENT_RESOLVE, text, NULL,
		    INCIDENT_REACHED, &err);
		break;
	case TUI_A_REOPEN:
		r = incident_act(a, v->id, INCIDENT_REOPEN, text, NULL,
		    INCIDENT_REACHED, &err);
		break;
	case TUI_A_ESCALATE:
		r = escalate_manual(a, v->id, NULL, text, NULL, NULL, &err);
		break;
	default:
		return;
	}
	if (r != YJ_OK)
		tui_message(t, "%s", err.msg);
	else
		tui_message(t, "Saved.");
}

static enum tui_result
tui_incident_key(struct tui *t, void *data, bool is_key, wint_t ch)
{
	struct tui_incident	*v = data;
	struct yj_error		 err;
	enum tui_action		 act = tui_action_of(is_key, ch);
	static const char *const asks[] = {
		[TUI_A_NOTE] = "Note:", [TUI_A_ESCALATE] = "Why escalate:",
		[TUI_A_RESOLVE] = "How was it resolved:",
		[TUI_A_REOPEN] = "Why reopen:",
	};

	switch (act) {
	case TUI_A_ACK:
		if (incident_act(tui_app(t), v->id, INCIDENT_ACK, NULL, NULL,
		    INCIDENT_REACHED, &err) != YJ_OK)
			tui_message(t, "%s", err.msg);
		else
			tui_message(t, "Acknowledged.");
		return TUI_REDRAW;
	case TUI_A_NOTE:
	case TUI_A_ESCALATE:
	case TUI_A_RESOLVE:
	case TUI_A_REOPEN:
		/* One answer at a time: the prompt takes every key. */
		v->pending = act;
		tui_prompt(t, asks[act], tui_incident_done, v);
		return TUI_REDRAW;
	default:
		break;
	}

	if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
		v->top++;
		return TUI_REDRAW;
	}
	if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k')) {
		if (v->top > 0)
			v->top--;
		return TUI_REDRAW;
	}
	/* Back to the queue: Esc, q or Left. */
	if ((!is_key && (ch == 27 || ch == 'q')) || (is_key && ch == KEY_LEFT)) {
		tui_show(t, &tui_queue_ops, tui_queue_new());
		return TUI_REDRAW;
	}
	return TUI_NOTHING;
}

const struct tui_view_ops tui_incident_ops = {
	"incident", tui_incident_draw, tui_incident_key, NULL,
	tui_incident_free
};
