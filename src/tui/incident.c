/*
 * One incident: what is known, whom to call now (level by level, with
 * phones), the checklist, and the history. Each action asks only what it
 * must on the message line and writes one event.
 */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/escalate.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/json.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/safe.h"
#include "yujing/status.h"
#include "yujing/tui.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

/* A screen line: part of a line (a continuation is indented). */
struct incident_piece {
	size_t	 line;
	size_t	 start, len;
};

struct tui_incident {
	int64_t		 id;
	struct tui	*t;
	enum tui_action	 pending;	/* what the prompt's answer is for */
	int		 step;		/* of a question in several parts */
	char		*answer[3];	/* the parts answered so far */
	char		**lines;
	size_t		 n;
	/* The lines cut to the width: a list of screen lines, scrolled. */
	struct incident_piece	*pieces;
	size_t		 npieces;
	struct tui_list	 list;
	uint64_t	 generation;
	bool		 loaded;
	char		*category;	/* its id, once read */
	char		*contact;	/* whom to call now, once read */
	char		*rung;		/* its rung as the screen names it */
	bool		 at_rung;	/* the user answers there */
	size_t		 nchecklist;
};

static void
incident_line(struct tui_incident *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
incident_line(struct tui_incident *v, const char *fmt, ...)
{
	struct buf	 b;
	va_list		 ap;
	char		*shown, *s, *nl;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/*
	 * A line of text with newlines in it is several lines here; any
	 * other control is made an escape now, so that wrapping measures
	 * what tui_put will draw.
	 */
	shown = safe_dup(buf_str(&b), SAFE_LINES);
	for (s = shown; ; s = nl + 1) {
		v->lines = xreallocarray(v->lines, v->n + 1, sizeof *v->lines);
		if ((nl = strchr(s, '\n')) == NULL) {
			v->lines[v->n++] = xstrdup(s);
			break;
		}
		v->lines[v->n++] = xstrndup(s, (size_t)(nl - s));
	}
	free(shown);
	buf_done(&b);
}

/* A column of text in exactly cols terminal columns, then a space. */
static void
incident_col(struct buf *b, const char *s, size_t cols)
{
	width_pad(b, s, cols);
	buf_putc(b, ' ');
}


/* What happened, in the user's language. */
static const char *
incident_kind_name(const char *kind)
{
	int	 k = record_kind_of(kind);

	return k >= 0 ? _(record_kind_label((enum record_kind)k)) : kind;
}

/*
 * An event's note as the screen says it: a call in the screen's language
 * (whom, how it went, what was said) from what the event recorded.
 */
static void
incident_note(struct buf *b, const struct store_event *ev)
{
	static const char *const results[][2] = {
		{ "reached", N_("reached") },
		{ "no-answer", N_("no answer") },
		{ "left-message", N_("left a message") },
	};
	struct buf	 person, result;
	const char	*said;
	size_t		 i, n;

	buf_init(&person);
	buf_init(&result);
	if (record_kind_is(ev->kind, EV_CONTACTED) &&
	    json_get_string(ev->payload, "person", &person) &&
	    json_get_string(ev->payload, "result", &result)) {
		for (i = 0; i < sizeof results / sizeof results[0]; i++) {
			if (strcmp(results[i][0], buf_str(&result)) == 0)
				break;
		}
		/* What was said comes after "person (result): ". */
		n = strlen(buf_str(&person)) + strlen(buf_str(&result)) + 3;
		said = strlen(ev->note) > n + 2 && strncmp(ev->note + n, ": ",
		    2) == 0 ? ev->note + n - 1 : NULL;
		buf_printf(b, _("%s (%s)"), buf_str(&person),
		    i < sizeof results / sizeof results[0] ?
		    _(results[i][1]) : buf_str(&result));
		if (said != NULL)
			buf_printf(b, _(": %s"), said + 3);
	} else
		buf_puts(b, ev->note);
	buf_done(&person);
	buf_done(&result);
}

static int
incident_event(void *arg, const struct store_event *ev)
{
	struct tui_incident	*v = arg;
	struct buf		 b;
	char			 when[32];

	buf_init(&b);
	buf_puts(&b, "  ");
	incident_col(&b, caltime_format_local(ev->at, when, sizeof when) + 5,
	    11);
	incident_col(&b, ev->actor, 10);
	incident_col(&b, incident_kind_name(ev->kind), 14);
	incident_col(&b, *ev->level ? tui_rung_name(v->t, ev->level) : "",
	    16);
	incident_note(&b, ev);
	incident_line(v, "%s", buf_str(&b));
	buf_done(&b);
	return 0;
}

/* A state in the user's language. */
static const char *
incident_state_name(const char *state)
{
	int	 k = record_state_of(state);

	return k >= 0 ? _(record_state_label((enum record_state)k)) : state;
}


/* Whom to call, level by level from the current one up, and the offices. */
static void
incident_contacts(struct tui *t, struct tui_incident *v,
    const struct store_incident *in)
{
	struct yj_app			*a = tui_app(t);
	const struct policy_category	*c = policy_category(a->policy,
	    in->category);
	const struct policy_path	*path;
	struct escalate_contacts	 who;
	struct yj_error			 err;
	struct buf			 b;
	size_t				 i, n;

	if (c == NULL)
		return;
	path = &a->policy->paths[c->path];
	if (escalate_contacts(a, in, &who, &err) != YJ_OK) {
		incident_line(v, "  %s", err.msg);
		return;
	}
	buf_init(&b);
	incident_line(v, "%s", _("Call"));
	for (i = 0; i < who.nrungs && i < path->nrungs; i++) {
		const struct engine_contact	*k = &who.rungs[i];
		const struct escalate_people	*all = &who.people[i];
		const struct escalate_person	*pe;
		const char			*unit = NULL;

		if ((int)i < in->rung)
			continue;
		/*
		 * A room's residents of several classes: every counselor, a
		 * line each, the one the ladder reaches first (the same
		 * string as in who.rungs) at the top.
		 */
		for (n = 0; all->n > 1 && n < all->n; n++) {
			if (all->v[n].name == k->name)
				unit = all->v[n].unit;
		}
		b.len = 0;
		buf_puts(&b, (int)i == in->rung ? "  → " : "    ");
		incident_col(&b, tui_rung_name(t, path->rungs[i].id), 12);
		incident_col(&b, k->name != NULL ? k->name :
		    _("(nobody on record)"), 12);
		if (unit != NULL) {
			incident_col(&b, k->phone != NULL && *k->phone ?
			    k->phone : _("(no phone)"), 14);
			buf_puts(&b, unit);
		} else
			buf_puts(&b, k->phone != NULL && *k->phone ? k->phone :
			    _("(no phone)"));
		incident_line(v, "%s", buf_str(&b));
		for (n = 0; all->n > 1 && n < all->n; n++) {
			pe = &all->v[n];
			if (pe->name == k->name)
				continue;
			b.len = 0;
			buf_puts(&b, "    ");
			incident_col(&b, "", 12);
			incident_col(&b, pe->name, 12);
			incident_col(&b, *pe->phone != '\0' ? pe->phone :
			    _("(no phone)"), 14);
			buf_puts(&b, pe->unit != NULL ? pe->unit : "");
			incident_line(v, "%s", buf_str(&b));
		}
		if ((int)i == in->rung && k->name != NULL) {
			free(v->contact);
			v->contact = xstrdup(k->name);
		}
	}
	for (i = 0; i < c->nnotify && i < who.noffices; i++) {
		const struct engine_contact	*k = &who.offices[c->notify[i]];

		b.len = 0;
		buf_puts(&b, "    ");
		incident_col(&b, tui_rung_name(t,
		    a->policy->offices[c->notify[i]].id), 12);
		incident_col(&b, k->name != NULL ? k->name :
		    _("(nobody on record)"), 12);
		buf_puts(&b, k->phone != NULL && *k->phone ? k->phone :
		    _("(no phone)"));
		incident_line(v, "%s", buf_str(&b));
	}
	buf_done(&b);
	escalate_contacts_free(&who);
}

static const char *
incident_field_shown(const struct policy_field *f, const char *value,
    char *buf, size_t size)
{
	if (f != NULL && f->type == POLICY_FIELD_BOOL)
		return strcmp(value, "true") == 0 ? _("yes") : _("no");
	/* 2026-11-28T22:30:00+08:00: the date and the minute are enough. */
	if (f != NULL && f->type == POLICY_FIELD_TIME && strlen(value) >= 16) {
		snprintf(buf, size, "%.10s %.5s", value, value + 11);
		return buf;
	}
	return value;
}

/* Reads the incident into lines; what the user may not see stays out. */
static void
incident_load(struct tui *t, struct tui_incident *v)
{
	struct yj_app			*a = tui_app(t);
	const struct policy_category	*c;
	struct store_incident		 in;
	struct yj_error			 err;
	char				 t1[32];
	size_t				 i, k;
	bool				 redacted, *done;

	if (incident_show(a, v->id, &in, &redacted, &err) != YJ_OK) {
		incident_line(v, "%s", err.msg);
		return;
	}
	free(v->category);
	v->category = xstrdup(in.category);
	c = policy_category(a->policy, in.category);
	incident_line(v, "#%lld  %s  %s  %s · %s%s", (long long)in.id,
	    tui_category_name(t, in.category), tui_severity_name(t,
	    in.severity), incident_state_name(in.state),
	    tui_rung_name(t, in.level),
	    in.emergency ? _("  EMERGENCY PLAN") : "");
	incident_line(v, _("Occurred %s, logged by %s"),
	    caltime_format_local(in.occurred_at, t1, sizeof t1),
	    in.logged_by_login);
	free(v->rung);
	v->rung = xstrdup(tui_rung_name(t, in.level));
	v->at_rung = incident_may_ack_self(a, &in);
	if (redacted && incident_access(a, &in) == INCIDENT_HANDLES) {
		/* Need-to-know keeps the content, not the handling. */
		incident_line(v, "%s", "");
		incident_line(v, "%s", _("Restricted: you may call, "
		    "acknowledge, note and escalate it, not read it."));
		incident_line(v, "%s", "");
		if (!record_state_is(in.state, RECORD_RESOLVED))
			incident_contacts(t, v, &in);
		incident_line(v, "%s", "");
		incident_line(v, "%s", _("History"));
		incident_free(&in);
		if (incident_history(a, v->id, incident_event, v, &err) !=
		    YJ_OK)
			incident_line(v, "  %s", err.msg);
		return;
	}
	if (redacted) {
		incident_line(v, "%s", "");
		incident_line(v, "%s", _("Restricted: your role may not read "
		    "it."));
		incident_free(&in);
		return;
	}
	/* TRANSLATORS: a label, then what it labels. */
	for (i = 0; i < in.nstudents; i++)
		incident_line(v, _("%s: %s %s"), _("Student"),
		    in.students[i].number, in.students[i].name);
	if (*in.room)
		incident_line(v, _("%s: %s"), _("Room"), in.room);
	if (*in.location)
		incident_line(v, _("%s: %s"), _("Where"), in.location);
	for (i = 0; i < in.nfields; i++) {
		const struct policy_field	*f = NULL;

		for (k = 0; c != NULL && k < c->nfields; k++) {
			if (strcmp(c->fields[k].id, in.fields[i].key) == 0)
				f = &c->fields[k];
		}
		incident_line(v, _("%s: %s"), f != NULL ? f->label :
		    in.fields[i].key, incident_field_shown(f,
		    in.fields[i].value, t1, sizeof t1));
	}
	if (*in.actions)
		incident_line(v, _("%s: %s"), _("Done already"), in.actions);
	incident_line(v, "%s", "");
	incident_line(v, "%s", in.text);
	if (*in.resolution)
		incident_line(v, _("%s: %s"), _("Resolution"),
		    in.resolution);
	incident_line(v, "%s", "");
	if (!record_state_is(in.state, RECORD_RESOLVED))
		incident_contacts(t, v, &in);
	v->nchecklist = c != NULL ? c->nchecklist : 0;
	if (c != NULL && c->nchecklist > 0) {
		done = xcalloc(c->nchecklist, sizeof *done);
		incident_checklist(a, v->id, done, c->nchecklist, &err);
		incident_line(v, "%s", _("Checklist (x and its number ticks)"));
		for (i = 0; i < c->nchecklist; i++)
			incident_line(v, "  %zu [%s] %s", i + 1, done[i] ?
			    "x" : " ", c->checklist[i]);
		free(done);
	}
	incident_line(v, "%s", "");
	incident_line(v, "%s", _("History"));
	incident_free(&in);
	if (incident_history(a, v->id, incident_event, v, &err) != YJ_OK)
		incident_line(v, "  %s", err.msg);
}

static const struct tui_list_ops incident_list_ops;

void *
tui_incident_new(int64_t id)
{
	struct tui_incident	*v = xcalloc(1, sizeof *v);

	v->id = id;
	tui_list_init(&v->list, &incident_list_ops, v, 1, false);
	return v;
}

static void
incident_clear(struct tui_incident *v)
{
	size_t	 i;

	for (i = 0; i < v->n; i++)
		free(v->lines[i]);
	v->n = 0;
}

static void
incident_answers_clear(struct tui_incident *v)
{
	size_t	 i;

	for (i = 0; i < 3; i++) {
		free(v->answer[i]);
		v->answer[i] = NULL;
	}
	v->step = 0;
}

static void
incident_view_free(void *data)
{
	struct tui_incident	*v = data;

	incident_clear(v);
	incident_answers_clear(v);
	free(v->lines);
	free(v->pieces);
	free(v->category);
	free(v->contact);
	free(v->rung);
	free(v);
}

/* The bytes of the next screen line of line, from s; continuations indent. */
static size_t
incident_piece(const char *line, const char *s, size_t w)
{
	size_t	 n = width_cut(s, s == line ? w : w - 2);

	return n > 0 ? n : strlen(s);
}

static size_t
incident_count_pieces(void *arg)
{
	return ((struct tui_incident *)arg)->npieces;
}

static void
incident_draw_piece(void *arg, size_t i, int y, int x, int cols,
    bool selected)
{
	struct tui_incident	*v = arg;
	struct incident_piece	*p = &v->pieces[i];
	char			*piece;

	(void)selected;
	piece = xstrndup(v->lines[p->line] + p->start, p->len);
	/* The first line (what, where it stands) bold. */
	if (p->line == 0)
		attron(A_BOLD);
	if (p->start == 0)
		tui_put(y, x, piece, cols);
	else
		tui_put(y, x + 2, piece, cols - 2);
	attroff(A_BOLD);
	free(piece);
}

static const struct tui_list_ops incident_list_ops = {
	.count = incident_count_pieces,
	.draw = incident_draw_piece,
};

/*
 * Draws the lines, each wrapped to the width (a long description, a long
 * note: all of it can be read by scrolling), as one list of screen lines.
 */
static void
incident_draw(struct tui *t, void *data, int top, int rows, int cols)
{
	struct tui_incident	*v = data;
	size_t			 i, w = (size_t)cols - 2, n;
	const char		*s;

	v->t = t;
	/* Read again when anything changed: others may act on it. */
	if (!v->loaded || v->generation != tui_generation(t)) {
		incident_clear(v);
		incident_load(t, v);
		v->loaded = true;
		v->generation = tui_generation(t);
	}
	v->npieces = 0;
	for (i = 0; i < v->n; i++) {
		s = v->lines[i];
		do {
			n = incident_piece(v->lines[i], s, w);
			v->pieces = xreallocarray(v->pieces, v->npieces + 1,
			    sizeof *v->pieces);
			v->pieces[v->npieces].line = i;
			v->pieces[v->npieces].start = (size_t)(s - v->lines[i]);
			v->pieces[v->npieces++].len = n;
			s += n;
		} while (*s != '\0');
	}
	tui_list_draw(&v->list, top, 1, rows, (int)w, false);
	if (!tui_has_message(t))
		tui_hint(t, _("c contacted · A ack · a note · e escalate · "
		    "r resolve · o reopen · x tick · Esc back"));
}

static void	incident_done(struct tui *, void *, const char *);
static void	incident_ack_confirm(struct tui *, struct tui_incident *);

/* The next part of a question in several parts, or the end of it. */
static bool
incident_ask_more(struct tui *t, struct tui_incident *v)
{
	switch (v->pending) {
	case TUI_A_CONTACTED:
		if (v->step == 1) {
			tui_prompt(t, _("How did it go? 1 reached, 2 no "
			    "answer, 3 left a message:"), incident_done, v);
			return true;
		}
		if (v->step == 2) {
			tui_prompt(t, _("What was said (Enter for nothing):"),
			    incident_done, v);
			return true;
		}
		return false;
	case TUI_A_ESCALATE:
		if (v->step == 1) {
			tui_prompt(t, _("Why escalate:"), incident_done, v);
			return true;
		}
		return false;
	case TUI_A_ACK:
		/* Whom it is for, then one question naming them. */
		if (v->step == 1) {
			incident_ack_confirm(t, v);
			return true;
		}
		return false;
	default:
		return false;
	}
}

static void
incident_ack_yes(struct tui *t, void *arg)
{
	struct tui_incident	*v = arg;
	struct yj_error		 err;
	const char		*person = v->answer[0];

	if (incident_ack(tui_app(t), v->id, person != NULL && *person ?
	    person : NULL, INCIDENT_VIA_PHONE, NULL, &err) != YJ_OK)
		tui_message(t, _("Not saved: %s"), err.msg);
	else {
		tui_message(t, "%s", _("Acknowledged."));
		tui_changed(t);
		v->list.top = SIZE_MAX;
	}
	incident_answers_clear(v);
}

/* Asks once, naming the person and the rung; nothing is written before. */
static void
incident_ack_confirm(struct tui *t, struct tui_incident *v)
{
	struct buf	 q;

	buf_init(&q);
	if (v->answer[0] == NULL || *v->answer[0] == '\0')
		buf_printf(&q, _("Acknowledge it yourself, at %s? y/n"),
		    v->rung != NULL ? v->rung : "");
	else
		buf_printf(&q, _("%s (%s) acknowledged, by phone to you? y/n"),
		    v->answer[0], v->rung != NULL ?
		    v->rung : "");
	tui_confirm(t, buf_str(&q), incident_ack_yes, v, _("Not "
	    "acknowledged."));
	buf_done(&q);
}

static void
incident_done(struct tui *t, void *arg, const char *text)
{
	struct tui_incident	*v = arg;
	struct yj_app		*a = tui_app(t);
	struct yj_error		 err;
	enum yj_status		 r;
	enum incident_result	 res = INCIDENT_REACHED;
	const char		*to;

	/* A call's result: asked again at once when it is none of them. */
	if (v->pending == TUI_A_CONTACTED && v->step == 1 && *text &&
	    strcmp(text, "1") && strcmp(text, "2") && strcmp(text, "3")) {
		tui_message(t, "%s", _("Answer 1, 2 or 3."));
		incident_ask_more(t, v);
		return;
	}
	if (v->step < 3)
		v->answer[v->step++] = xstrdup(text);
	if (incident_ask_more(t, v))
		return;
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
	case TUI_A_CONTACTED:
		if (strcmp(v->answer[1], "2") == 0)
			res = INCIDENT_NO_ANSWER;
		else if (strcmp(v->answer[1], "3") == 0)
			res = INCIDENT_LEFT_MESSAGE;
		r = incident_act(a, v->id, INCIDENT_CONTACTED, v->answer[2],
		    v->answer[0], res, &err);
		break;
	case TUI_A_ESCALATE:
		to = *v->answer[0] ? v->answer[0] : NULL;
		r = escalate_manual(a, v->id, to, v->answer[1], NULL, NULL,
		    &err);
		break;
	case TUI_A_TICK: {
		const struct policy_category	*c = policy_category(
		    a->policy, v->category != NULL ? v->category : "");
		bool				*done;
		char				*end;
		long				 i = strtol(text, &end, 10);

		if (c == NULL || *text == '\0' || *end != '\0' || i < 1 ||
		    (size_t)i > c->nchecklist) {
			tui_message(t, _("No item %s on the checklist."), text);
			incident_answers_clear(v);
			return;
		}
		done = xcalloc(c->nchecklist, sizeof *done);
		r = incident_checklist(a, v->id, done, c->nchecklist, &err);
		if (r == YJ_OK)
			r = incident_act(a, v->id, done[i - 1] ?
			    INCIDENT_UNCHECK : INCIDENT_CHECK,
			    c->checklist[i - 1], NULL, INCIDENT_REACHED, &err);
		free(done);
		break;
	}
	default:
		incident_answers_clear(v);
		return;
	}
	incident_answers_clear(v);
	if (r != YJ_OK)
		tui_message(t, _("Not saved: %s"), err.msg);
	else {
		tui_message(t, "%s", _("Saved."));
		tui_changed(t);
		v->list.top = SIZE_MAX;	/* the history's end: what was just done */
	}
}

static enum tui_result
incident_key(struct tui *t, void *data, bool is_key, wint_t ch)
{
	struct tui_incident	*v = data;
	enum tui_action		 act = tui_action_of(TUI_S_INCIDENT, is_key, ch);

	v->t = t;
	incident_answers_clear(v);
	v->pending = act;
	switch (act) {
	case TUI_A_ACK:
		/* The one answering at the rung, signed in, says it for themselves. */
		if (v->at_rung) {
			v->answer[0] = xstrdup("");
			incident_ack_confirm(t, v);
			return TUI_REDRAW;
		}
		tui_prompt(t, _("Who acknowledged (you take it for them):"),
		    incident_done, v);
		if (v->contact != NULL)
			tui_prompt_fill(t, v->contact);
		return TUI_REDRAW;
	case TUI_A_NOTE:
		tui_prompt(t, _("Note:"), incident_done, v);
		return TUI_REDRAW;
	case TUI_A_RESOLVE:
		tui_prompt(t, _("How was it resolved:"), incident_done, v);
		return TUI_REDRAW;
	case TUI_A_REOPEN:
		tui_prompt(t, _("Why reopen:"), incident_done, v);
		return TUI_REDRAW;
	case TUI_A_CONTACTED:
		tui_prompt(t, _("Who was called:"), incident_done, v);
		if (v->contact != NULL)
			tui_prompt_fill(t, v->contact);
		return TUI_REDRAW;
	case TUI_A_ESCALATE:
		tui_prompt(t, _("Escalate to (Enter: the next level; or a "
		    "level id):"), incident_done, v);
		return TUI_REDRAW;
	case TUI_A_TICK:
		if (v->nchecklist == 0) {
			tui_message(t, "%s", _("This category has no "
			    "checklist."));
			return TUI_REDRAW;
		}
		tui_prompt(t, _("Tick item number:"), incident_done, v);
		return TUI_REDRAW;
	default:
		break;
	}
	v->pending = TUI_NONE;
	if (tui_list_move(&v->list, act) != TUI_LIST_NONE)
		return TUI_REDRAW;
	/* Back to the queue: Esc, q or Left. */
	if (act == TUI_A_BACK) {
		tui_show(t, &tui_queue_ops, tui_queue_new());
		return TUI_REDRAW;
	}
	return TUI_NOTHING;
}

const struct tui_view_ops tui_incident_ops = {
	.name = "incident",
	.screen = TUI_S_INCIDENT,
	.draw = incident_draw,
	.key = incident_key,
	.free = incident_view_free,
};
