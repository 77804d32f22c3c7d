/*
 * The shift's screens (S6): the handover (F5), item by item, for the
 * outgoing officer and then the incoming one, each signed in with their
 * own password on this terminal (i locks it for the incoming officer and
 * brings them straight back here); and the start-of-shift check, shown
 * once when a shift is opened by signing in.
 */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/duration.h"
#include "yujing/escalate.h"
#include "yujing/handover.h"
#include "yujing/history.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/shift.h"
#include "yujing/status.h"
#include "yujing/tui.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

/* Lines under the items for the one selected. */
#define HANDOVER_DETAIL	6

/* What the list shows of an item's incident. */
struct handover_row {
	char	*line;		/* number, category, state, rung */
	char	*call;		/* whom to call now, or NULL */
};

struct tui_handover {
	struct tui		*t;
	char			 duty[POLICY_DUTY_IDSZ];	/* "": now */
	struct handover		 h;
	bool			 have;		/* prepared */
	bool			 loaded;
	uint64_t		 generation;
	struct handover_summary	 sum;
	struct handover_row	*rows;
	struct tui_list		 list;
	/*
	 * The item a question on the message line is about (e, ?, b, A),
	 * and its version as shown then: the answer goes to it, whatever
	 * moved meanwhile.
	 */
	int64_t			 editing;
	int64_t			 editing_version;
	char			*action, *owner, *due_text;
};

static const struct tui_list_ops handover_list_ops;

void *
tui_handover_new(const char *duty)
{
	struct tui_handover	*v = xcalloc(1, sizeof *v);

	if (duty != NULL)
		snprintf(v->duty, sizeof v->duty, "%s", duty);
	tui_list_init(&v->list, &handover_list_ops, v, 1, true);
	return v;
}

static void
handover_view_clear(struct tui_handover *v)
{
	size_t	 i;

	for (i = 0; v->have && i < v->h.nitems; i++) {
		free(v->rows[i].line);
		free(v->rows[i].call);
	}
	free(v->rows);
	v->rows = NULL;
	if (v->have)
		handover_free(&v->h);
	v->have = false;
}

static void
handover_edit_done(struct tui_handover *v)
{
	free(v->action);
	free(v->owner);
	free(v->due_text);
	v->action = v->owner = v->due_text = NULL;
	v->editing = 0;
}

static void
handover_view_free(void *data)
{
	struct tui_handover	*v = data;

	handover_view_clear(v);
	handover_edit_done(v);
	free(v);
}

/* One item's line: its number, what, where it stands, and its clock. */
static void
handover_row_make(struct tui_handover *v, const struct handover_item *it,
    struct handover_row *row)
{
	struct yj_app		*a = tui_app(v->t);
	struct store_incident	 in;
	struct yj_error		 err;
	struct buf		 b;
	char			 d[DURATION_BUFSZ];
	bool			 redacted;
	int64_t			 now = app_now(a), due;

	buf_init(&b);
	row->call = NULL;
	buf_printf(&b, "%-5lld ", (long long)it->incident);
	if (incident_show(a, it->incident, &in, &redacted, &err) != YJ_OK) {
		buf_puts(&b, err.msg);
		row->line = buf_steal(&b);
		return;
	}
	/* 80 columns: 2 + 6 + 20 + 13 + 11 + the marks (22). */
	width_pad(&b, tui_category_name(v->t, in.category), 19);
	buf_putc(&b, ' ');
	width_pad(&b, tui_rung_name(v->t, in.level), 12);
	buf_putc(&b, ' ');
	/* The next deadline: to acknowledge, else to resolve. */
	due = in.ack_due != 0 ? in.ack_due : in.resolve_due;
	if (due != 0 && due <= now)
		width_pad(&b, _("late"), 10);
	else if (due != 0)
		width_pad(&b, duration_format((due - now + 59) / 60 * 60, d,
		    sizeof d), 10);
	else
		width_pad(&b, history_state(in.state), 10);
	row->call = escalate_current(a, &in);
	incident_free(&in);
	row->line = buf_steal(&b);
}

static void
handover_view_load(struct tui *t, struct tui_handover *v)
{
	struct yj_app		*a = tui_app(t);
	struct policy_duty	 d;
	struct yj_error		 err;
	enum yj_status		 r;
	size_t			 i;

	v->t = t;
	if (v->loaded && v->generation == tui_generation(t))
		return;
	handover_view_clear(v);
	v->loaded = true;
	v->generation = tui_generation(t);
	if (v->duty[0] == '\0') {
		if (handover_duty_now(a, &d, &err) != YJ_OK) {
			tui_message(t, "%s", err.msg);
			return;
		}
		snprintf(v->duty, sizeof v->duty, "%s", d.id);
	}
	r = handover_load(a, v->duty, &v->h, &err);
	if (r == YJ_NOT_FOUND) {
		/* Not prepared yet: what the shift did, to prepare from. */
		if (handover_duty(a, v->duty, &d, &err) == YJ_OK)
			handover_summary(a, &d, &v->sum, &err);
		v->h.duty = d;
		return;
	}
	if (r != YJ_OK) {
		tui_message(t, "%s", err.msg);
		return;
	}
	v->have = true;
	handover_summary(a, &v->h.duty, &v->sum, &err);
	v->rows = xcalloc(v->h.nitems + 1, sizeof *v->rows);
	for (i = 0; i < v->h.nitems; i++)
		handover_row_make(v, &v->h.items[i], &v->rows[i]);
	tui_list_clamp(&v->list);
}

static size_t
handover_count(void *arg)
{
	struct tui_handover	*v = arg;

	return v->have ? v->h.nitems : 0;
}

/* The item's marks: its status, and how the incoming officer took it. */
static void
handover_marks(const struct handover_item *it, struct buf *b)
{
	if (it->restricted)
		width_pad(b, _("(restricted)"), 10);
	else
		width_pad(b, it->status >= 0 ?
		    _(handover_status_label(it->status)) : "?", 10);
	buf_putc(b, ' ');
	if (*it->accepted_by != '\0')
		buf_puts(b, _("✓ accepted"));
	else if (*it->question != '\0')
		buf_puts(b, *it->answer != '\0' ? _("? answered") :
		    _("? question"));
}

static void
handover_row_draw(void *arg, size_t i, int y, int x, int cols, bool selected)
{
	struct tui_handover		*v = arg;
	const struct handover_item	*it = &v->h.items[i];
	struct buf			 b;

	buf_init(&b);
	/* Carried from the last handover (» is the queue's "due soon"). */
	buf_puts(&b, it->carried >= 0 ? "↻ " : "  ");
	buf_puts(&b, v->rows[i].line);
	buf_putc(&b, ' ');
	handover_marks(it, &b);
	attrset(selected ? tui_role_attr(TUI_R_SELECTION) :
	    it->status == HANDOVER_UNSTABLE ? tui_role_attr(TUI_R_OVERDUE) :
	    A_NORMAL);
	tui_put(y, x, buf_str(&b), cols);
	attrset(A_NORMAL);
	buf_done(&b);
}

static const struct tui_list_ops handover_list_ops = {
	.count = handover_count,
	.draw = handover_row_draw,
};

/* A role's name on this screen, by its id. */
static const char *
handover_role_name(struct yj_app *a, const char *id)
{
	const struct policy_role	*r = policy_role(a->policy, id);

	return r != NULL ? tui_pname(r->name, r->name_en) : id;
}

/* Whether the one signed in is the outgoing officer. */
static bool
handover_mine(struct tui_handover *v)
{
	struct yj_app	*a = tui_app(v->t);

	return !v->have || strcmp(v->h.outgoing, a->user.login) == 0;
}

static void
handover_detail(struct tui_handover *v, int y, int cols)
{
	const struct handover_item	*it;
	struct buf			 b;
	char				 t1[20];
	int				 n = 0;

	if (!v->have || v->list.sel >= v->h.nitems)
		return;
	it = &v->h.items[v->list.sel];
	buf_init(&b);
	if (v->rows[v->list.sel].call != NULL) {
		buf_printf(&b, "%s: %s", _("Call"), v->rows[v->list.sel].call);
		tui_put(y + n++, 1, buf_str(&b), cols - 2);
	}
	if (it->restricted) {
		tui_put(y + n, 1, _("(restricted: the status and actions are "
		    "for those who may read it)"), cols - 2);
		buf_done(&b);
		return;
	}
	buf_clear(&b);
	buf_printf(&b, "%s: %s · %s %s · %s", _("Next"), *it->action ?
	    it->action : "-", _("by"), *it->owner ? it->owner : "-",
	    it->due != 0 ? caltime_format_local(it->due, t1, sizeof t1) :
	    "-");
	tui_put(y + n++, 1, buf_str(&b), cols - 2);
	if (*it->contingency != '\0') {
		buf_clear(&b);
		buf_printf(&b, "%s: %s", _("If"), it->contingency);
		tui_put(y + n++, 1, buf_str(&b), cols - 2);
	}
	if (*it->question != '\0') {
		buf_clear(&b);
		buf_printf(&b, "%s: %s  %s: %s", _("Question"), it->question,
		    _("Answer"), *it->answer ? it->answer : _("not yet"));
		tui_put(y + n++, 1, buf_str(&b), cols - 2);
	}
	if (*it->readback != '\0' && n < HANDOVER_DETAIL) {
		buf_clear(&b);
		buf_printf(&b, "%s: %s", _("Read back"), it->readback);
		tui_put(y + n++, 1, buf_str(&b), cols - 2);
	}
	buf_done(&b);
}

static void
handover_draw(struct tui *t, void *data, int top, int rows, int cols)
{
	struct tui_handover	*v = data;
	struct yj_app		*a = tui_app(t);
	struct buf		 b, who;
	int			 y = top, list_rows;

	handover_view_load(t, v);
	buf_init(&b);
	buf_init(&who);
	buf_printf(&b, "%s · %s", _("Handover"), v->duty);
	if (v->h.duty.shift != NULL)
		buf_printf(&b, " %s", tui_pname(v->h.duty.shift->name,
		    v->h.duty.shift->name_en));
	attrset(tui_role_attr(TUI_R_HEADING));
	tui_put(y++, 1, buf_str(&b), cols - 2);
	attrset(A_NORMAL);
	buf_clear(&b);
	buf_printf(&b, _("This shift: %lld logged, %lld escalated, %lld calls, "
	    "%lld resolved; %lld open, %lld not acknowledged"),
	    (long long)v->sum.logged, (long long)v->sum.escalated,
	    (long long)v->sum.contacted, (long long)v->sum.resolved,
	    (long long)v->sum.open, (long long)v->sum.waiting);
	tui_put(y++, 1, buf_str(&b), cols - 2);
	if (!v->have) {
		tui_put(y + 1, 1, _("Not prepared yet: p puts every open "
		    "incident on it."), cols - 2);
		if (!tui_has_message(t))
			tui_hint(t, _("p prepare · Esc back"));
		buf_done(&b);
		buf_done(&who);
		return;
	}
	buf_clear(&b);
	handover_person(a, v->h.outgoing, &who);
	buf_printf(&b, "%s: %s %s", _("Outgoing"), buf_str(&who),
	    v->h.signed_out_at ? _("✓ signed") : "");
	buf_clear(&who);
	if (*v->h.incoming != '\0')
		handover_person(a, v->h.incoming, &who);
	else
		buf_puts(&who, v->h.receiver_role != NULL ?
		    handover_role_name(a, v->h.receiver_role) :
		    _("the next shift's officer"));
	buf_printf(&b, " · %s: %s %s", _("Incoming"), buf_str(&who),
	    v->h.signed_in_at ? _("✓ signed") : "");
	tui_put(y++, 1, buf_str(&b), cols - 2);
	if (*v->h.note != '\0') {
		buf_clear(&b);
		buf_printf(&b, "%s: %s", _("Note"), v->h.note);
		tui_put(y++, 1, buf_str(&b), cols - 2);
	}
	list_rows = top + rows - y - HANDOVER_DETAIL;
	if (list_rows < 3)
		list_rows = 3;
	tui_list_draw(&v->list, y, 1, list_rows, cols - 2, true);
	if (v->h.nitems == 0)
		tui_put(y, 3, _("Nothing open to hand over."), cols - 4);
	handover_detail(v, y + list_rows, cols);
	if (!tui_has_message(t))
		tui_hint(t, handover_complete(&v->h) ? _("Handed over, signed "
		    "by both. Enter opens · Esc back") : handover_mine(v) ?
		    _("1 stable 2 watch 3 unstable · e item · N note · A answer "
		    "· S sign · i other") : _("Space accept · ? question · "
		    "b read back · S sign · i other"));
	buf_done(&b);
	buf_done(&who);
}

/* After a step: said, and everything read again. */
static void
handover_stepped(struct tui *t, enum yj_status r, const struct yj_error *err,
    const char *done)
{
	if (r != YJ_OK)
		tui_message(t, "%s", err->msg);
	else {
		tui_message(t, "%s", done);
		tui_changed(t);
	}
}

static const struct handover_item *handover_selected(struct tui_handover *);

/* The item the question asked is about, if it is still there. */
static const struct handover_item *
handover_edited(struct tui_handover *v)
{
	size_t	 i;

	for (i = 0; v->have && i < v->h.nitems; i++) {
		if (v->h.items[i].incident == v->editing)
			return &v->h.items[i];
	}
	tui_message(v->t, "%s", _("That item is no longer on the handover."));
	return NULL;
}

/* Asks about the selected item: it is remembered for the answer. */
static const struct handover_item *
handover_ask(struct tui_handover *v, const char *label, tui_prompt_cb done)
{
	const struct handover_item	*it = handover_selected(v);

	if (it == NULL)
		return NULL;
	v->editing = it->incident;
	v->editing_version = it->version;
	tui_prompt(v->t, label, done, v);
	return it;
}

static const struct handover_item *
handover_selected(struct tui_handover *v)
{
	if (!v->have || v->list.sel >= v->h.nitems) {
		tui_message(v->t, "%s", _("No item here."));
		return NULL;
	}
	return &v->h.items[v->list.sel];
}

static void
handover_noted(struct tui *t, void *arg, const char *text)
{
	struct tui_handover	*v = arg;
	struct yj_error		 err;

	handover_stepped(t, handover_prepare(tui_app(t), v->duty, text, &err),
	    &err, _("Note saved."));
}

static void
handover_asked(struct tui *t, void *arg, const char *text)
{
	struct tui_handover	*v = arg;
	struct yj_error		 err;

	handover_stepped(t, handover_question(tui_app(t), v->duty, v->editing,
	    text, &err), &err, _("Question kept on the item."));
}

static void
handover_answered(struct tui *t, void *arg, const char *text)
{
	struct tui_handover	*v = arg;
	struct yj_error		 err;

	handover_stepped(t, handover_answer(tui_app(t), v->duty, v->editing,
	    text, &err), &err, _("Answered."));
}

static void
handover_read_back(struct tui *t, void *arg, const char *text)
{
	struct tui_handover	*v = arg;
	struct yj_error		 err;

	/* Of the item as it was shown when asked: refused if changed. */
	handover_stepped(t, handover_readback(tui_app(t), v->duty, v->editing,
	    v->editing_version, text, &err), &err, _("Read back."));
}

/* e: the action, its owner, its time, then if … then; one at a time. */
static void	handover_edit_owner(struct tui *, void *, const char *);
static void	handover_edit_due(struct tui *, void *, const char *);
static void	handover_edit_if(struct tui *, void *, const char *);

static void
handover_edit_action(struct tui *t, void *arg, const char *text)
{
	struct tui_handover		*v = arg;
	const struct handover_item	*it = handover_edited(v);

	if (it == NULL)
		return;
	free(v->action);
	v->action = xstrdup(text);
	tui_prompt(t, _("Who does it:"), handover_edit_owner, v);
	tui_prompt_fill(t, it->owner);
}

static void
handover_edit_owner(struct tui *t, void *arg, const char *text)
{
	struct tui_handover	*v = arg;

	free(v->owner);
	v->owner = xstrdup(text);
	tui_prompt(t, _("By when (08:30, 2026-12-02 08:30; empty: none):"),
	    handover_edit_due, v);
}

static void
handover_edit_due(struct tui *t, void *arg, const char *text)
{
	struct tui_handover		*v = arg;
	const struct handover_item	*it = handover_edited(v);

	if (it == NULL)
		return;
	free(v->due_text);
	v->due_text = xstrdup(text);
	tui_prompt(t, _("If … then (empty: none):"), handover_edit_if, v);
	tui_prompt_fill(t, it->contingency);
}

static void
handover_edit_if(struct tui *t, void *arg, const char *text)
{
	struct tui_handover		*v = arg;
	const struct handover_item	*it = handover_edited(v);
	struct handover_set		 s = { -1, NULL, NULL, NULL, 0 };
	struct yj_error			 err;
	const char			*why;
	int64_t				 now = app_now(tui_app(t));

	if (it == NULL) {
		handover_edit_done(v);
		return;
	}
	if (v->due_text != NULL && *v->due_text != '\0' &&
	    caltime_parse_due(v->due_text, now, &s.due, &why) != 0) {
		tui_message(t, _("By when: %s"), why);
		handover_edit_done(v);
		return;
	}
	s.action = v->action;
	s.owner = v->owner;
	s.contingency = text;
	handover_stepped(t, handover_item(tui_app(t), v->duty, it->incident,
	    &s, &err), &err, _("Item saved."));
	handover_edit_done(v);
}

static void
handover_signed(struct tui *t, void *arg)
{
	struct tui_handover	*v = arg;
	struct yj_error		 err;

	handover_stepped(t, handover_sign(tui_app(t), v->duty, &err), &err,
	    _("Signed."));
}

static void
handover_status(struct tui_handover *v, int status)
{
	const struct handover_item	*it = handover_selected(v);
	struct handover_set		 s = { -1, NULL, NULL, NULL, 0 };
	struct yj_error			 err;
	enum yj_status			 r;

	if (it == NULL)
		return;
	/* What one may not read goes as it stands: on past it. */
	if (it->restricted) {
		tui_message(v->t, "%s", _("Restricted: handed over as it "
		    "stands (the incoming officer takes it so)."));
		r = YJ_OK;
	} else {
		s.status = status;
		r = handover_item(tui_app(v->t), v->duty, it->incident, &s,
		    &err);
		handover_stepped(v->t, r, &err,
		    _(handover_status_label(status)));
	}
	/* On to the next item: a status for each, one key a row. */
	if (r == YJ_OK && v->list.sel + 1 < v->h.nitems)
		v->list.sel++;
}

static enum tui_result
handover_key(struct tui *t, void *data, bool is_key, wint_t ch)
{
	struct tui_handover		*v = data;
	const struct handover_item	*it;
	struct yj_error			 err;
	enum tui_action			 act;
	enum yj_status			 r;

	v->t = t;
	act = tui_action_of(TUI_S_HANDOVER, is_key, ch);
	/* Each officer's keys, said at once to the other (nothing asked). */
	if (v->have && (act == TUI_A_STABLE || act == TUI_A_WATCH ||
	    act == TUI_A_UNSTABLE || act == TUI_A_ITEM ||
	    act == TUI_A_HANDOVER_NOTE || act == TUI_A_ANSWER ||
	    act == TUI_A_PREPARE) && !handover_mine(v)) {
		tui_message(t, _("That is for %s, the outgoing officer (i: "
		    "they sign in here)."), v->h.outgoing);
		return TUI_REDRAW;
	}
	if (v->have && (act == TUI_A_ACCEPT || act == TUI_A_QUESTION ||
	    act == TUI_A_READBACK) && handover_mine(v)) {
		tui_message(t, "%s", _("That is for the incoming officer (i: "
		    "they sign in here)."));
		return TUI_REDRAW;
	}
	switch (act) {
	case TUI_A_BACK:
		tui_show(t, &tui_queue_ops, tui_queue_new());
		return TUI_REDRAW;
	case TUI_A_PREPARE:
		handover_stepped(t, handover_prepare(tui_app(t), v->duty, NULL,
		    &err), &err, _("Every open incident is on the handover."));
		return TUI_REDRAW;
	case TUI_A_HANDOVER_NOTE:
		tui_prompt(t, _("Note for the whole shift:"), handover_noted,
		    v);
		if (v->have)
			tui_prompt_fill(t, v->h.note);
		return TUI_REDRAW;
	case TUI_A_STABLE:
		handover_status(v, HANDOVER_STABLE);
		return TUI_REDRAW;
	case TUI_A_WATCH:
		handover_status(v, HANDOVER_WATCH);
		return TUI_REDRAW;
	case TUI_A_UNSTABLE:
		handover_status(v, HANDOVER_UNSTABLE);
		return TUI_REDRAW;
	case TUI_A_ITEM:
		if ((it = handover_ask(v, _("Next action:"),
		    handover_edit_action)) != NULL)
			tui_prompt_fill(t, it->action);
		return TUI_REDRAW;
	case TUI_A_ACCEPT:
		if ((it = handover_selected(v)) == NULL)
			return TUI_REDRAW;
		/* Accepted already: on past it, nothing written. */
		if (*it->accepted_by != '\0') {
			r = YJ_OK;
			tui_message(t, "%s", _("Accepted already."));
		} else {
			/* The version on the screen, not one changed since. */
			r = handover_accept(tui_app(t), v->duty, it->incident,
			    it->version, &err);
			handover_stepped(t, r, &err, _("Accepted."));
		}
		/* On to the next: one key an item. */
		if (r == YJ_OK && v->list.sel + 1 < v->h.nitems)
			v->list.sel++;
		return TUI_REDRAW;
	case TUI_A_QUESTION:
		handover_ask(v, _("Your question:"), handover_asked);
		return TUI_REDRAW;
	case TUI_A_ANSWER:
		handover_ask(v, _("Your answer:"), handover_answered);
		return TUI_REDRAW;
	case TUI_A_READBACK:
		handover_ask(v, _("Say it back in one line (what, who, when, "
		    "if … then):"), handover_read_back);
		return TUI_REDRAW;
	case TUI_A_SIGN:
		tui_confirm(t, _("Sign the handover? y signs"),
		    handover_signed, v, _("Not signed."));
		return TUI_REDRAW;
	case TUI_A_INCOMING:
		tui_handover_incoming(t, v->duty);
		return TUI_REDRAW;
	case TUI_A_OPEN:
		if ((it = handover_selected(v)) != NULL)
			tui_show_keep(t, &tui_incident_ops,
			    tui_incident_new_from(it->incident,
			    &tui_handover_ops, v));
		return TUI_REDRAW;
	default:
		break;
	}
	if (tui_list_key(&v->list, TUI_S_HANDOVER, is_key, ch) !=
	    TUI_LIST_NONE)
		return TUI_REDRAW;
	return TUI_NOTHING;
}

static enum tui_result
handover_click(struct tui *t, void *data, int y, int x)
{
	struct tui_handover	*v = data;
	size_t			 row;

	(void)x;
	switch (tui_list_click(&v->list, y, &row)) {
	case TUI_CLICK_NONE:
		return TUI_NOTHING;
	case TUI_CLICK_OPEN:
		tui_show_keep(t, &tui_incident_ops, tui_incident_new_from(
		    v->h.items[row].incident, &tui_handover_ops, v));
		break;
	case TUI_CLICK_SELECT:
		break;
	}
	return TUI_REDRAW;
}

const struct tui_view_ops tui_handover_ops = {
	.name = "handover",
	.screen = TUI_S_HANDOVER,
	.draw = handover_draw,
	.key = handover_key,
	.free = handover_view_free,
	.click = handover_click,
};

/* --- the start-of-shift check ------------------------------------------ */

struct tui_check {
	struct tui		*t;
	char			 duty[POLICY_DUTY_IDSZ];
	bool			 loaded;
	char			**lines;
	size_t			 n;
	struct tui_list		 list;
};

static const struct tui_list_ops check_list_ops;

void *
tui_check_new(const char *duty)
{
	struct tui_check	*c = xcalloc(1, sizeof *c);

	snprintf(c->duty, sizeof c->duty, "%s", duty);
	tui_list_init(&c->list, &check_list_ops, c, 1, false);
	return c;
}

static void
check_free(void *data)
{
	struct tui_check	*c = data;
	size_t			 i;

	for (i = 0; i < c->n; i++)
		free(c->lines[i]);
	free(c->lines);
	free(c);
}

static void	check_line(struct tui_check *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
check_line(struct tui_check *c, const char *fmt, ...)
{
	va_list		 ap;

	c->lines = xreallocarray(c->lines, c->n + 1, sizeof *c->lines);
	va_start(ap, fmt);
	c->lines[c->n++] = xvasprintf(fmt, ap);
	va_end(ap);
}

static void
check_ids(struct tui_check *c, const char *label, const int64_t *v, size_t n)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s#%lld", i ? " " : "", (long long)v[i]);
	check_line(c, "%s (%zu): %s", label, n, n ? buf_str(&b) : "-");
	buf_done(&b);
}

static void
check_load(struct tui *t, struct tui_check *c)
{
	struct handover_check	 k;
	struct yj_error		 err;
	struct buf		 b;
	size_t			 i;

	c->t = t;
	if (c->loaded)
		return;
	c->loaded = true;
	if (handover_check(tui_app(t), c->duty, &k, &err) != YJ_OK) {
		check_line(c, "%s", err.msg);
		return;
	}
	if (k.has_prev)
		check_line(c, "%s: %s — %s%s", _("Shift before"), k.prev.id,
		    _(handover_state_label(k.prev_state)),
		    k.prev_state != HANDOVER_DONE ? " (!)" : "");
	check_ids(c, _("Open, inherited"), k.inherited, k.ninherited);
	check_ids(c, _("Deadlines in this shift"), k.due, k.ndue);
	check_ids(c, _("Emergencies"), k.emergencies, k.nemergencies);
	buf_init(&b);
	for (i = 0; i < k.nflagged; i++)
		buf_printf(&b, "%s#%lld %s", i ? ", " : "",
		    (long long)k.flagged[i], k.flagged_status[i] >= 0 ?
		    _(handover_status_label(k.flagged_status[i])) :
		    _("(restricted)"));
	check_line(c, "%s (%zu): %s", _("Flagged by the last handover"),
	    k.nflagged, k.nflagged ? buf_str(&b) : "-");
	check_line(c, "%s (%zu; %s %zu)%s", _("Nobody to call tonight"),
	    k.ngaps, _("all gaps"), k.all_gaps, k.ngaps > 0 ? ":" : ": -");
	for (i = 0; i < k.ngaps; i++)
		check_line(c, "  #%lld %s: %s", (long long)k.gaps[i].incident,
		    tui_rung_name(t, k.gaps[i].rung), k.gaps[i].no_phone ?
		    _("no phone") : _("nobody responsible"));
	buf_clear(&b);
	for (i = 0; i < k.nunstaffed; i++)
		buf_printf(&b, "%s%s", i ? " " : "", k.unstaffed[i].id);
	check_line(c, "%s (%zu): %s", _("Next 7 days, nobody scheduled"),
	    k.nunstaffed, k.nunstaffed ? buf_str(&b) : "-");
	buf_done(&b);
	handover_check_free(&k);
}

static size_t
check_count(void *arg)
{
	return ((struct tui_check *)arg)->n;
}

static void
check_row_draw(void *arg, size_t i, int y, int x, int cols, bool selected)
{
	struct tui_check	*c = arg;

	(void)selected;
	tui_put(y, x, c->lines[i], cols);
}

static const struct tui_list_ops check_list_ops = {
	.count = check_count,
	.draw = check_row_draw,
};

static void
check_draw(struct tui *t, void *data, int top, int rows, int cols)
{
	struct tui_check	*c = data;
	struct buf		 b;

	check_load(t, c);
	buf_init(&b);
	buf_printf(&b, "%s · %s", _("Start of shift"), c->duty);
	attrset(tui_role_attr(TUI_R_HEADING));
	tui_put(top, 1, buf_str(&b), cols - 2);
	attrset(A_NORMAL);
	buf_done(&b);
	tui_list_draw(&c->list, top + 2, 1, rows - 2, cols - 2, true);
	if (!tui_has_message(t))
		tui_hint(t, _("Read it through · Enter or Esc: the queue · F5 "
		    "the handover"));
}

static enum tui_result
check_key(struct tui *t, void *data, bool is_key, wint_t ch)
{
	struct tui_check	*c = data;

	switch (tui_action_of(TUI_S_CHECK, is_key, ch)) {
	case TUI_A_BACK:
		tui_show(t, &tui_queue_ops, tui_queue_new());
		return TUI_REDRAW;
	default:
		break;
	}
	if (tui_list_key(&c->list, TUI_S_CHECK, is_key, ch) != TUI_LIST_NONE)
		return TUI_REDRAW;
	return TUI_NOTHING;
}

const struct tui_view_ops tui_check_ops = {
	.name = "check",
	.screen = TUI_S_CHECK,
	.draw = check_draw,
	.key = check_key,
	.free = check_free,
};
