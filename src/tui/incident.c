/*
 * One incident: what is known, whom to call now (level by level, with
 * phones), the checklist, and the history. Each action asks only what it
 * must on the message line and writes one event.
 */
#include "config.h"

#include <ctype.h>
#include <curses.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/duration.h"
#include "yujing/edit.h"
#include "yujing/escalate.h"
#include "yujing/followup.h"
#include "yujing/history.h"
#include "yujing/i18n.h"
#include "yujing/incident.h"
#include "yujing/json.h"
#include "yujing/policy.h"
#include "yujing/record.h"
#include "yujing/report.h"
#include "yujing/safe.h"
#include "yujing/search.h"
#include "yujing/status.h"
#include "yujing/tui.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

/* A screen line: part of a line (a continuation is indented). */
struct incident_piece {
	size_t	 line;
	size_t	 start, len;	/* bytes of the line */
	size_t	 x;		/* columns in: a continuation's hang */
};

struct tui_incident {
	int64_t		 id;
	bool		 recorded;	/* the look at it is on record */
	struct tui	*t;
	enum tui_action	 pending;	/* what the prompt's answer is for */
	int		 step;		/* of a question in several parts */
	char		*answer[3];	/* the parts answered so far */
	char		**lines;
	size_t		*hangs;		/* a line's prefix, in columns */
	size_t		*hang_bytes;	/* ...and in bytes; 0: none */
	int		*roles;		/* its tui_role */
	size_t		 nhead;		/* lines of the header, kept in view */
	size_t		 n;
	/* The lines cut to the width: a list of screen lines, scrolled. */
	struct incident_piece	*pieces;
	size_t		 npieces;
	size_t		 nhpieces;	/* the header's, drawn above the list */
	size_t		 cut;		/* the line being cut into pieces */
	struct tui_list	 list;
	uint64_t	 generation;
	bool		 loaded;
	char		*category;	/* its id, once read */
	char		*contact;	/* whom to call now, once read */
	char		*rung;		/* its rung as the screen names it */
	bool		 at_rung;	/* the user answers there */
	bool		 handles_only;	/* may handle it, not read it */
	bool		 resolved;	/* as last read */
	size_t		 nchecklist;
	/* The follow-ups not done, in the order shown: F and a number. */
	char		(*followups)[64];
	size_t		 nfollowups;
	/*
	 * Escalating: the rungs above, by name, picked with the arrows or
	 * by typing (an id, the Chinese or the English name).
	 */
	bool		 picking;
	struct edit	 pick_text;
	struct tui_list	 pick_list;
	const struct policy_path *pick_path;
	size_t		*pick;		/* the rungs shown, by their index */
	size_t		 npick;
	int		 pick_rung;	/* the incident's, when asked */
	int		 pick_y, pick_x;	/* the typing's cursor */
	char		*reason;	/* a refused escalation's, to ask with */
	/* Where Esc goes back to (owned), or NULL: the queue. */
	const struct tui_view_ops *back;
	void		*back_data;
};

/*
 * Adds text as lines: with a prefix of hang bytes (columns as given)
 * that its continuations are aligned after, and the role (tui_role) to
 * draw it in.
 */
static void
incident_add(struct tui_incident *v, const char *prefix, const char *text,
    int role)
{
	char	*shown, *s, *nl, *blank;
	size_t	 hang = width_str(prefix), bytes = strlen(prefix);

	/* A second line of the text (a newline in a note) under the first. */
	blank = xmalloc(hang + 1);
	memset(blank, ' ', hang);
	blank[hang] = '\0';

	/*
	 * A line of text with newlines in it is several lines here; any
	 * other control is made an escape now, so that wrapping measures
	 * what tui_put will draw.
	 */
	shown = safe_dup(text, SAFE_LINES);
	for (s = shown; ; s = nl + 1) {
		v->lines = xreallocarray(v->lines, v->n + 1, sizeof *v->lines);
		v->hangs = xreallocarray(v->hangs, v->n + 1, sizeof *v->hangs);
		v->hang_bytes = xreallocarray(v->hang_bytes, v->n + 1,
		    sizeof *v->hang_bytes);
		v->roles = xreallocarray(v->roles, v->n + 1, sizeof *v->roles);
		v->hangs[v->n] = hang;
		v->hang_bytes[v->n] = s == shown ? bytes : hang;
		v->roles[v->n] = role;
		nl = strchr(s, '\n');
		v->lines[v->n++] = xasprintf("%s%.*s", s == shown ? prefix :
		    blank, nl != NULL ? (int)(nl - s) : (int)strlen(s), s);
		if (nl == NULL)
			break;
	}
	free(blank);
	free(shown);
}

static void
incident_line(struct tui_incident *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
incident_line(struct tui_incident *v, const char *fmt, ...)
{
	struct buf	 b;
	va_list		 ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	incident_add(v, "", buf_str(&b), TUI_R_NORMAL);
	buf_done(&b);
}

/* A section's heading (Call, Checklist, History), in the heading style. */
static void
incident_heading(struct tui_incident *v, const char *text)
{
	incident_add(v, "", text, TUI_R_HEADING);
}

/* A column of text in exactly cols terminal columns, then a space. */
static void
incident_col(struct buf *b, const char *s, size_t cols)
{
	width_pad(b, s, cols);
	buf_putc(b, ' ');
}


static int
incident_event(void *arg, const struct store_event *ev)
{
	struct tui_incident	*v = arg;
	struct yj_app		*a = tui_app(v->t);
	struct buf		 b, who, text;
	char			 when[32], *actor;

	buf_init(&b);
	buf_init(&who);
	buf_init(&text);
	history_actor(a, ev, &who);
	history_describe(a, ev, &text);
	/* The names are drawn as the sanitiser shows them, then measured. */
	actor = safe_dup(buf_str(&who), SAFE_NAME);
	buf_puts(&b, "  ");
	incident_col(&b, caltime_format_local(ev->at, when, sizeof when) + 5,
	    11);
	incident_col(&b, actor, 10);
	incident_col(&b, history_kind(ev->kind), 14);
	incident_col(&b, *ev->level ? tui_rung_name(v->t, ev->level) : "",
	    16);
	/* Wrapped lines of what happened stay in its column. */
	incident_add(v, buf_str(&b), buf_str(&text), TUI_R_NORMAL);
	free(actor);
	buf_done(&text);
	buf_done(&who);
	buf_done(&b);
	return 0;
}


/* One look at it, of the access log: when, who, read or refused, how. */
static int
incident_looked(void *arg, const struct store_access *x)
{
	struct tui_incident	*v = arg;
	struct buf		 b, how;
	char			 when[32], *actor;
	const char		*via;

	buf_init(&b);
	buf_init(&how);
	actor = safe_dup(x->actor, SAFE_NAME);
	(void)json_get_string(x->payload, "how", &how);
	via = strcmp(buf_str(&how), "screen") == 0 ? _("on the screen") :
	    strcmp(buf_str(&how), "contacts") == 0 ? _("whom to call") :
	    _("by a command");
	buf_puts(&b, "  ");
	incident_col(&b, caltime_format_local(x->at, when, sizeof when) + 5,
	    11);
	incident_col(&b, actor, 10);
	incident_col(&b, history_kind(x->kind), 14);
	incident_add(v, buf_str(&b), via, TUI_R_NORMAL);
	free(actor);
	buf_done(&how);
	buf_done(&b);
	return 0;
}

/*
 * A restricted incident's own access log, for the roles that read it
 * (security.access_log_readers): who looked, who was refused.
 */
static void
incident_access_list(struct tui_incident *v, struct yj_app *a,
    bool restricted)
{
	struct yj_error	 err;

	if (!restricted || !app_can(a, CAP_READ_ACCESS_LOG))
		return;
	incident_line(v, "%s", "");
	incident_heading(v, _("Who looked (access log)"));
	if (report_access_log(a, 0, 0, NULL, v->id, incident_looked, v,
	    &err) != YJ_OK)
		incident_line(v, "  %s", err.msg);
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
	incident_heading(v, _("Call"));
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

/*
 * The status line under the heading, in its state's role and with its
 * mark: the state, the rung, and the acknowledgement's clock: how long
 * overdue, from the first deadline missed at the rung (at the top that
 * stays, however many reminders came since), or the time left.
 */
static void
incident_status(struct tui_incident *v, struct yj_app *a,
    const struct store_incident *in)
{
	struct buf	 b;
	char		 d[DURATION_BUFSZ], t1[32];
	int64_t		 now = app_now(a), since;
	enum tui_mark	 m = TUI_MARK_NONE;
	bool		 open = record_state_is(in->state, RECORD_OPEN);

	since = escalate_overdue_since(a, in, now);
	buf_init(&b);
	buf_printf(&b, "%s · %s", history_state(in->state),
	    tui_rung_name(v->t, in->level));
	if (since != 0) {
		/* As the queue counts: the minute begun counts. */
		buf_puts(&b, " · ");
		buf_printf(&b, _("overdue %s"), duration_format((now - since) /
		    60 * 60 + 60, d, sizeof d));
		buf_printf(&b, _(" (due %s)"), caltime_format_local(since, t1,
		    sizeof t1) + 5);
		m = TUI_MARK_LATE;
	} else if (in->ack_due != 0 && open) {
		buf_puts(&b, " · ");
		buf_printf(&b, _("%s left"), duration_format((in->ack_due -
		    now + 59) / 60 * 60, d, sizeof d));
		buf_printf(&b, _(" (due %s)"), caltime_format_local(
		    in->ack_due, t1, sizeof t1) + 5);
		if (in->ack_due - now <= 15 * 60)
			m = TUI_MARK_SOON;
	}
	if (record_state_is(in->state, RECORD_ACKNOWLEDGED) &&
	    m == TUI_MARK_NONE)
		m = TUI_MARK_ACK;
	/* An emergency stands out above all, until acknowledged (the queue). */
	if (in->emergency && open)
		m = TUI_MARK_EMERGENCY;
	/* Its mark first: the state said without colour too. */
	snprintf(t1, sizeof t1, "%s ", tui_mark_char(m));
	incident_add(v, t1, buf_str(&b), (int)tui_mark_role(m));
	buf_done(&b);
}

/* The resolution's own deadline, kept apart from the rung's clock. */
static void
incident_resolve_by(struct tui_incident *v, struct yj_app *a,
    const struct store_incident *in)
{
	struct buf	 b;
	char		 t1[32], mark[16];
	enum tui_mark	 m;

	if (in->resolve_due == 0 || record_state_is(in->state,
	    RECORD_RESOLVED))
		return;
	buf_init(&b);
	buf_printf(&b, _("to resolve by %s"), caltime_format_local(
	    in->resolve_due, t1, sizeof t1) + 5);
	m = in->resolve_due <= app_now(a) ? TUI_MARK_LATE : TUI_MARK_NONE;
	snprintf(mark, sizeof mark, "%s ", tui_mark_char(m));
	incident_add(v, mark, buf_str(&b), (int)tui_mark_role(m));
	buf_done(&b);
}

/* A student's phone and room from the roster, for the view. */
struct incident_student_find {
	const char	*number;
	char		*phone;
	char		*room;
};

static int
incident_student_found(void *arg, const struct store_student *st)
{
	struct incident_student_find	*f = arg;

	if (strcmp(st->number, f->number) != 0)
		return 0;
	f->phone = xstrdup(st->phone != NULL ? st->phone : "");
	f->room = xstrdup(st->room != NULL ? st->room : "");
	return 1;
}

/*
 * A student's parent or emergency contact, for those who may read them:
 * a line under the student, and into parents ("张大山 139…" each, for
 * the checklist's item that asks to call them).
 */
static void
incident_guardian_line(struct tui_incident *v, struct yj_app *a,
    const struct store_incident_student *st, struct buf *parents)
{
	struct yj_error	 err;
	struct buf	 name, phone;

	buf_init(&name);
	buf_init(&phone);
	if (student_guardian(a, st->number, &name, &phone, &err) == YJ_OK) {
		/* TRANSLATORS: a label, then what it labels. */
		incident_line(v, _("  %s: %s %s"), _("Parent"),
		    buf_str(&name), buf_str(&phone));
		buf_printf(parents, "%s%s %s", parents->len ? _(", ") : "",
		    buf_str(&name), buf_str(&phone));
	}
	buf_done(&name);
	buf_done(&phone);
}

/* Whether a checklist item asks to call the parents (联系家长). */
static bool
incident_parents_item(const char *item)
{
	return strstr(item, "家长") != NULL || strstr(item, "监护人") !=
	    NULL || strstr(item, "parent") != NULL || strstr(item, "Parent") !=
	    NULL;
}

static void
incident_student_line(struct tui_incident *v, struct yj_app *a,
    const struct store_incident_student *st)
{
	struct incident_student_find	 f;
	struct yj_error			 err;
	struct buf			 b;

	memset(&f, 0, sizeof f);
	f.number = st->number;
	buf_init(&b);
	/* TRANSLATORS: a label, then what it labels. */
	buf_printf(&b, _("%s: %s %s"), _("Student"), st->number, st->name);
	if (*st->number != '\0' && student_search(a, st->number, 5,
	    incident_student_found, &f, &err) == YJ_OK && f.phone != NULL) {
		if (*f.room)
			buf_printf(&b, "  %s", f.room);
		if (*f.phone)
			buf_printf(&b, "  %s", f.phone);
	}
	incident_line(v, "%s", buf_str(&b));
	buf_done(&b);
	free(f.phone);
	free(f.room);
}

/* Reads the incident into lines; what the user may not see stays out. */
/* What the case asks afterwards, numbered for F; done ones as such. */
static void
incident_followups(struct tui_incident *v, struct yj_app *a)
{
	struct followup	*fu = NULL;
	struct yj_error	 err;
	struct buf	 b;
	char		 t1[32];
	size_t		 n = 0, i;

	free(v->followups);
	v->followups = NULL;
	v->nfollowups = 0;
	if (followup_of(a, v->id, &fu, &n, &err) != YJ_OK || n == 0) {
		free(fu);
		return;
	}
	v->followups = xcalloc(n, sizeof *v->followups);
	incident_line(v, "%s", "");
	incident_heading(v, _("Follow-ups (F and its number: done)"));
	buf_init(&b);
	for (i = 0; i < n; i++) {
		buf_clear(&b);
		caltime_format_local(fu[i].due, t1, sizeof t1);
		if (fu[i].done_at == 0) {
			snprintf(v->followups[v->nfollowups++],
			    sizeof v->followups[0], "%s", fu[i].id);
			buf_printf(&b, "  %zu ", v->nfollowups);
		} else
			buf_puts(&b, "  ✓ ");
		buf_printf(&b, _("%s · due %s · %s"), history_followup(a,
		    fu[i].id), t1 + 5, strcmp(fu[i].owner, "reporter") != 0 ?
		    history_rung(a, fu[i].owner) : _("the reporter"));
		if (fu[i].done_at != 0)
			buf_printf(&b, " · %s", fu[i].late ? _("done, late") :
			    _("done"));
		else if (fu[i].climbed_to[0] != '\0')
			buf_printf(&b, _(" · overdue, told %s"),
			    history_rung(a, fu[i].climbed_to));
		else if (fu[i].due <= app_now(a))
			buf_printf(&b, " · %s", _("overdue"));
		incident_line(v, "%s", buf_str(&b));
	}
	buf_done(&b);
	free(fu);
}

static void
incident_load(struct tui *t, struct tui_incident *v)
{
	struct yj_app			*a = tui_app(t);
	const struct policy_category	*c;
	struct store_incident		 in;
	struct yj_error			 err;
	struct buf			 label, value, parents;
	struct store_event		 logger;
	const char			*p, *nl;
	char				 t1[32];
	size_t				 i;
	bool				 redacted, restricted, *done;

	if (incident_show(a, v->id, &in, &redacted, &err) != YJ_OK) {
		incident_line(v, "%s", err.msg);
		return;
	}
	/* Once a view, on record before it is shown (the access log). */
	if (!v->recorded) {
		if (incident_record_view(a, &in, redacted, "screen", &err) !=
		    YJ_OK) {
			incident_line(v, "%s", err.msg);
			incident_free(&in);
			return;
		}
		v->recorded = true;
	}
	free(v->category);
	v->category = xstrdup(in.category);
	c = policy_category(a->policy, in.category);
	buf_init(&value);
	buf_printf(&value, "#%lld  %s  %s%s", (long long)in.id,
	    tui_category_name(t, in.category), tui_severity_name(t,
	    in.severity), in.emergency ? _("  EMERGENCY PLAN") : "");
	incident_add(v, "", buf_str(&value), TUI_R_EMPHASIS);
	incident_status(v, a, &in);
	/* Who logged it by name, as the history says it. */
	memset(&logger, 0, sizeof logger);
	logger.actor = in.logged_by_login;
	logger.user_id = in.logged_by;
	value.len = 0;
	buf_puts(&value, "");
	history_actor(a, &logger, &value);
	incident_line(v, _("Occurred %s, logged by %s"),
	    caltime_format_local(in.occurred_at, t1, sizeof t1),
	    buf_str(&value));
	buf_done(&value);
	/* What is blank below was removed, not never written. */
	if (in.retained_at != 0)
		incident_line(v, _("Its personal details were removed on %s "
		    "(retention)."), caltime_format_local(in.retained_at, t1,
		    sizeof t1));
	/* The lines so far stay in view while the rest scrolls. */
	v->nhead = v->n;
	incident_resolve_by(v, a, &in);
	free(v->rung);
	v->rung = xstrdup(tui_rung_name(t, in.level));
	v->at_rung = incident_may_ack_self(a, &in);
	v->handles_only = redacted &&
	    incident_access(a, &in) == INCIDENT_HANDLES;
	v->resolved = record_state_is(in.state, RECORD_RESOLVED);
	if (v->handles_only) {
		/* Need-to-know keeps the content, not the handling. */
		incident_line(v, "%s", "");
		incident_line(v, "%s", _("Restricted: you may call, "
		    "acknowledge, note and escalate it, not read it."));
		incident_line(v, "%s", "");
		if (!record_state_is(in.state, RECORD_RESOLVED))
			incident_contacts(t, v, &in);
		incident_followups(v, a);
		incident_line(v, "%s", "");
		incident_heading(v, _("History"));
		restricted = in.restricted;
		incident_free(&in);
		if (incident_history(a, v->id, incident_event, v, &err) !=
		    YJ_OK)
			incident_line(v, "  %s", err.msg);
		incident_access_list(v, a, restricted);
		return;
	}
	if (redacted) {
		incident_line(v, "%s", "");
		incident_line(v, "%s", _("Restricted: your role may not read "
		    "it."));
		restricted = in.restricted;
		incident_free(&in);
		incident_access_list(v, a, restricted);
		return;
	}
	buf_init(&parents);
	for (i = 0; i < in.nstudents; i++) {
		incident_student_line(v, a, &in.students[i]);
		incident_guardian_line(v, a, &in.students[i], &parents);
	}
	/* People not on the roster: their names, one a line as kept. */
	for (p = in.others; p != NULL && *p != '\0';
	    p = nl != NULL ? nl + 1 : "") {
		nl = strchr(p, '\n');
		incident_line(v, _("%s: %.*s"), _("Not on the roster"),
		    nl != NULL ? (int)(nl - p) : (int)strlen(p), p);
	}
	if (*in.room)
		incident_line(v, _("%s: %s"), _("Room"), in.room);
	if (*in.location)
		incident_line(v, _("%s: %s"), _("Where"), in.location);
	for (i = 0; i < in.nfields; i++) {
		buf_init(&label);
		buf_init(&value);
		/* An early warning's rule and subject by name, not by id. */
		history_field(a, &in, i, &label, &value);
		incident_line(v, _("%s: %s"), buf_str(&label), buf_str(&value));
		buf_done(&label);
		buf_done(&value);
	}
	if (*in.actions)
		incident_line(v, _("%s: %s"), _("Done already"), in.actions);
	incident_line(v, "%s", "");
	buf_init(&value);
	history_summary(a, &in, &value);
	incident_line(v, "%s", buf_str(&value));
	buf_done(&value);
	if (*in.resolution)
		incident_line(v, _("%s: %s"), _("Resolution"),
		    in.resolution);
	incident_line(v, "%s", "");
	if (!record_state_is(in.state, RECORD_RESOLVED))
		incident_contacts(t, v, &in);
	incident_followups(v, a);
	v->nchecklist = c != NULL ? c->nchecklist : 0;
	if (c != NULL && c->nchecklist > 0) {
		done = xcalloc(c->nchecklist, sizeof *done);
		incident_checklist(a, v->id, done, c->nchecklist, &err);
		incident_heading(v, _("Checklist (x and its number ticks)"));
		for (i = 0; i < c->nchecklist; i++) {
			/* Calling the parents: their phones beside it. */
			if (parents.len > 0 && !done[i] &&
			    incident_parents_item(c->checklist[i]))
				incident_line(v, "  %zu [%s] %s — %s", i + 1,
				    " ", c->checklist[i], buf_str(&parents));
			else
				incident_line(v, "  %zu [%s] %s", i + 1,
				    done[i] ? "x" : " ", c->checklist[i]);
		}
		free(done);
	}
	buf_done(&parents);
	incident_line(v, "%s", "");
	incident_heading(v, _("History"));
	restricted = in.restricted;
	incident_free(&in);
	if (incident_history(a, v->id, incident_event, v, &err) != YJ_OK)
		incident_line(v, "  %s", err.msg);
	incident_access_list(v, a, restricted);
}

static const struct tui_list_ops incident_list_ops;
static const struct tui_list_ops incident_pick_ops;

void *
tui_incident_new(int64_t id)
{
	struct tui_incident	*v = xcalloc(1, sizeof *v);

	v->id = id;
	tui_list_init(&v->list, &incident_list_ops, v, 1, false);
	tui_list_init(&v->pick_list, &incident_pick_ops, v, 1, true);
	edit_init(&v->pick_text, 128, false);
	return v;
}

void *
tui_incident_new_from(int64_t id, const struct tui_view_ops *back,
    void *back_data)
{
	struct tui_incident	*v = tui_incident_new(id);

	v->back = back;
	v->back_data = back_data;
	return v;
}

static void
incident_clear(struct tui_incident *v)
{
	size_t	 i;

	for (i = 0; i < v->n; i++)
		free(v->lines[i]);
	v->n = 0;
	v->nhead = 0;
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
	free(v->followups);
	free(v->lines);
	free(v->pieces);
	free(v->hangs);
	free(v->hang_bytes);
	free(v->roles);
	free(v->category);
	free(v->contact);
	free(v->rung);
	free(v->pick);
	free(v->reason);
	edit_done(&v->pick_text);
	if (v->back != NULL && v->back->free != NULL)
		v->back->free(v->back_data);
	free(v);
}

/*
 * Line i cut into screen lines of w columns (CJK rules, width_line):
 * after its prefix, in the columns the prefix leaves; a line without one
 * continues two columns in. Calls draw for each piece unless NULL: its
 * column, bytes and length. Returns how many screen lines it takes.
 */
static size_t
incident_pieces(struct tui_incident *v, size_t i, size_t w,
    void (*draw)(void *, size_t, size_t, const char *, size_t), void *arg)
{
	const char	*line = v->lines[i], *s;
	size_t		 hang = v->hangs[i], bytes = v->hang_bytes[i];
	size_t		 cols, n, next, count = 0;

	/* Too narrow for its prefix: continued under it, two in. */
	if (bytes == 0 || hang + 8 > w)
		hang = 2, bytes = 0;
	cols = bytes > 0 ? w - hang : w;
	s = line + bytes;
	for (;;) {
		n = width_line(s, count == 0 || bytes > 0 ? cols : cols - 2,
		    &next);
		if (draw != NULL) {
			if (count == 0)
				/* The prefix and the first piece together. */
				draw(arg, 0, (size_t)(s - line) + n, line, count);
			else
				draw(arg, hang, n, s, count);
		}
		count++;
		if (s[next] == '\0')
			break;
		s += next;
	}
	return count;
}

/* Keeps one piece of line v->cut as a screen line of the list. */
static void
incident_keep_piece(void *arg, size_t x, size_t n, const char *s, size_t k)
{
	struct tui_incident	*v = arg;
	struct incident_piece	*p;

	(void)k;
	v->pieces = xreallocarray(v->pieces, v->npieces + 1,
	    sizeof *v->pieces);
	p = &v->pieces[v->npieces++];
	p->line = v->cut;
	p->start = (size_t)(s - v->lines[v->cut]);
	p->len = n;
	p->x = x;
}

static size_t
incident_count_pieces(void *arg)
{
	struct tui_incident	*v = arg;

	return v->npieces - v->nhpieces;
}

/* Screen line p at (y, x), in its line's role. */
static void
incident_put_piece(struct tui_incident *v, const struct incident_piece *p,
    int y, int x, int cols)
{
	char	*piece;

	piece = xstrndup(v->lines[p->line] + p->start, p->len);
	attrset(tui_role_attr((enum tui_role)v->roles[p->line]));
	/* A heading underlined as far as its words, not across the line. */
	if (v->roles[p->line] == TUI_R_HEADING &&
	    (int)width_str(piece) < cols - (int)p->x)
		cols = (int)width_str(piece) + (int)p->x;
	tui_put(y, x + (int)p->x, piece, cols - (int)p->x);
	attrset(A_NORMAL);
	free(piece);
}

/* The list's row i: the screen lines after the header's. */
static void
incident_draw_piece(void *arg, size_t i, int y, int x, int cols,
    bool selected)
{
	struct tui_incident	*v = arg;

	(void)selected;
	incident_put_piece(v, &v->pieces[i + v->nhpieces], y, x, cols);
}

static const struct tui_list_ops incident_list_ops = {
	.count = incident_count_pieces,
	.draw = incident_draw_piece,
};

/* --- escalating: the rungs above, picked by name ---------------------- */

/* Whether s holds what, ASCII letters in any case (English names). */
static bool
incident_holds(const char *s, const char *what)
{
	size_t	 i, n = strlen(what);

	if (s == NULL)
		return false;
	for (; *s != '\0'; s++) {
		for (i = 0; i < n && s[i] != '\0'; i++) {
			if (tolower((unsigned char)s[i]) !=
			    tolower((unsigned char)what[i]))
				break;
		}
		if (i == n)
			return true;
	}
	return n == 0;
}

/* Rung i of the path: its name as the screen says it, and its others. */
static bool
incident_rung_matches(struct tui_incident *v, size_t i, const char *typed)
{
	const struct policy		*p = tui_app(v->t)->policy;
	const struct policy_rung	*g = &v->pick_path->rungs[i];
	const char			*name, *name_en;

	policy_rung_names_of(p, g, &name, &name_en);
	return incident_holds(g->id, typed) || incident_holds(name, typed) ||
	    incident_holds(name_en, typed);
}

/* The rungs above the incident's that the typing matches, in order. */
static void
incident_pick_filter(struct tui_incident *v, int rung)
{
	const char	*typed = edit_text(&v->pick_text);
	size_t		 i;

	v->npick = 0;
	for (i = (size_t)(rung + 1); i < v->pick_path->nrungs; i++) {
		if (incident_rung_matches(v, i, typed))
			v->pick[v->npick++] = i;
	}
	v->pick_list.sel = v->pick_list.top = 0;
}

/*
 * e: the rungs above, by name; the next one picked already (Enter takes
 * it, as before). Read now: someone may have moved it meanwhile.
 */
static void
incident_pick_start(struct tui *t, struct tui_incident *v)
{
	struct yj_app			*a = tui_app(t);
	const struct policy_category	*c;
	struct store_incident		 in;
	struct yj_error			 err;
	bool				 redacted;

	if (incident_show(a, v->id, &in, &redacted, &err) != YJ_OK) {
		tui_message(t, "%s", err.msg);
		return;
	}
	if ((c = policy_category(a->policy, in.category)) == NULL) {
		incident_free(&in);
		return;
	}
	v->pick_path = &a->policy->paths[c->path];
	free(v->pick);
	v->pick = xcalloc(v->pick_path->nrungs + 1, sizeof *v->pick);
	edit_set(&v->pick_text, "");
	v->t = t;
	incident_pick_filter(v, in.rung);
	v->pick_rung = in.rung;
	incident_free(&in);
	if (v->npick == 0) {
		tui_message(t, "%s", _("It is at the top of its ladder: there "
		    "is no level above to escalate to."));
		return;
	}
	v->picking = true;
}

static size_t
incident_pick_count(void *arg)
{
	return ((struct tui_incident *)arg)->npick;
}

static void
incident_pick_draw(void *arg, size_t i, int y, int x, int cols,
    bool selected)
{
	struct tui_incident	*v = arg;
	const char		*id = v->pick_path->rungs[v->pick[i]].id;
	struct buf		 b;

	buf_init(&b);
	buf_puts(&b, selected ? "→ " : "  ");
	buf_puts(&b, tui_rung_name(v->t, id));
	attrset(selected ? A_REVERSE : A_NORMAL);
	tui_put(y, x, buf_str(&b), cols);
	attrset(A_NORMAL);
	buf_done(&b);
}

static const struct tui_list_ops incident_pick_ops = {
	.count = incident_pick_count,
	.draw = incident_pick_draw,
};

/* Lines the picker takes at the bottom of the body. */
static int
incident_pick_lines(struct tui_incident *v)
{
	return v->picking ? 2 + tui_list_lines(&v->pick_list, v->npick) : 0;
}

/* The picker: what it asks, the typing, the rungs. */
static void
incident_pick_show(struct tui_incident *v, int y, int cols)
{
	move(y, 0);
	clrtoeol();
	attron(A_BOLD);
	tui_put(y, 1, _("Escalate to (Up/Down, Enter; or type a level's name "
	    "or id):"), cols - 2);
	attroff(A_BOLD);
	move(y + 1, 0);
	clrtoeol();
	tui_put(y + 1, 1, "›", 2);
	v->pick_x = tui_put_edit(y + 1, 3, &v->pick_text, cols - 4);
	v->pick_y = y + 1;
	tui_list_draw(&v->pick_list, y + 2, 3, tui_list_lines(&v->pick_list,
	    v->npick), cols - 4, true);
}

static void	incident_done(struct tui *, void *, const char *);

/* Asks why, the rung picked (answer[0]); a reason refused before kept. */
static void
incident_ask_why(struct tui *t, struct tui_incident *v)
{
	tui_prompt(t, _("Why escalate:"), incident_done, v);
	if (v->reason != NULL)
		tui_prompt_fill(t, v->reason);
}

/* A key while picking: the list's, the typing's, Enter or Esc. */
static enum tui_result
incident_pick_key(struct tui *t, struct tui_incident *v, bool is_key,
    wint_t ch)
{
	enum tui_action	 act = tui_action_of(TUI_S_PICKER, is_key, ch);
	const char	*id;

	switch (act) {
	case TUI_A_CANCEL:
		v->picking = false;
		tui_message(t, "%s", _("Cancelled."));
		return TUI_REDRAW;
	case TUI_A_PICK:
		if (v->npick == 0 || v->pick_list.sel >= v->npick) {
			tui_message(t, _("No level above matches “%s”."),
			    edit_text(&v->pick_text));
			return TUI_REDRAW;
		}
		id = v->pick_path->rungs[v->pick[v->pick_list.sel]].id;
		v->picking = false;
		incident_answers_clear(v);
		v->pending = TUI_A_ESCALATE;
		v->answer[0] = xstrdup(id);
		v->step = 1;
		incident_ask_why(t, v);
		return TUI_REDRAW;
	default:
		break;
	}
	if (tui_list_key(&v->pick_list, TUI_S_PICKER, is_key, ch) !=
	    TUI_LIST_NONE)
		return TUI_REDRAW;
	if (tui_edit_key(&v->pick_text, is_key, ch)) {
		incident_pick_filter(v, v->pick_rung);
		return TUI_REDRAW;
	}
	return TUI_HANDLED;
}

static bool
incident_cursor(struct tui *t, void *data, int *y, int *x)
{
	struct tui_incident	*v = data;

	(void)t;
	if (!v->picking)
		return false;
	*y = v->pick_y;
	*x = v->pick_x;
	return true;
}

static unsigned
incident_screen(void *data)
{
	return ((struct tui_incident *)data)->picking ? TUI_S_PICKER :
	    TUI_S_INCIDENT;
}

/*
 * Draws the lines, each wrapped to the width (a long description, a long
 * note: all of it can be read by scrolling), as one list of screen lines.
 */
static void
incident_draw(struct tui *t, void *data, int top, int rows, int cols)
{
	struct tui_incident	*v = data;
	size_t			 i, w = (size_t)cols - 2;

	v->t = t;
	/* Read again when anything changed: others may act on it. */
	if (!v->loaded || v->generation != tui_generation(t)) {
		incident_clear(v);
		incident_load(t, v);
		v->loaded = true;
		v->generation = tui_generation(t);
	}
	v->npieces = v->nhpieces = 0;
	for (i = 0; i < v->n; i++) {
		v->cut = i;
		incident_pieces(v, i, w, incident_keep_piece, v);
		if (i + 1 == v->nhead)
			v->nhpieces = v->npieces;
	}
	/*
	 * The header (what, where it stands, who logged it) stays while the
	 * rest scrolls under it; on a screen too short for that, it scrolls
	 * too.
	 */
	if ((int)v->nhpieces * 3 > rows)
		v->nhpieces = 0;
	for (i = 0; i < v->nhpieces; i++)
		incident_put_piece(v, &v->pieces[i], top + (int)i, 1, (int)w);
	tui_list_draw(&v->list, top + (int)v->nhpieces, 1, rows -
	    (int)v->nhpieces - incident_pick_lines(v), (int)w, false);
	if (v->picking) {
		incident_pick_show(v, top + rows - incident_pick_lines(v), cols);
		tui_hint(t, NULL);
	}
	else if (!tui_has_message(t))
		/* Only the keys that can work: handling is not reading. */
		tui_hint(t, v->handles_only ? _("c contacted · A ack · a note · "
		    "e escalate · Esc back") : _("c contacted · A ack · a note · "
		    "e escalate · r resolve · o reopen · x tick · Esc back"));
}

static void	incident_ack_confirm(struct tui *, struct tui_incident *);

/* The next part of a question in several parts, or the end of it. */
static bool
incident_ask_more(struct tui *t, struct tui_incident *v)
{
	char	*end;
	long	 n;

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
			incident_ask_why(t, v);
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
	case TUI_A_FOLLOWUP_DONE:
		if (v->step == 1) {
			n = strtol(v->answer[0], &end, 10);
			if (*v->answer[0] == '\0' || *end != '\0' || n < 1 ||
			    (size_t)n > v->nfollowups) {
				tui_message(t, _("No follow-up %s to do here."),
				    v->answer[0]);
				incident_answers_clear(v);
				return true;
			}
			tui_prompt(t, _("What was done (Enter for nothing):"),
			    incident_done, v);
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
		if (r == YJ_OK)
			break;
		/*
		 * Refused: why, and the question again with the reason in
		 * it (kept for the next e too, should this one be left).
		 */
		free(v->reason);
		v->reason = xstrdup(v->answer[1]);
		free(v->answer[1]);
		v->answer[1] = NULL;
		v->step = 1;
		tui_message(t, _("Not saved: %s"), err.msg);
		incident_ask_why(t, v);
		return;
	case TUI_A_FOLLOWUP_DONE:
		/* The number (checked when given), then what was done. */
		r = followup_done(a, v->id, v->followups[strtol(v->answer[0],
		    NULL, 10) - 1], text, &err);
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
		free(v->reason);
		v->reason = NULL;
		v->list.top = SIZE_MAX;	/* the history's end: what was just done */
	}
}

static enum tui_result
incident_key(struct tui *t, void *data, bool is_key, wint_t ch)
{
	struct tui_incident	*v = data;
	enum tui_action		 act = tui_action_of(TUI_S_INCIDENT, is_key, ch);

	v->t = t;
	if (v->picking)
		return incident_pick_key(t, v, is_key, ch);
	incident_answers_clear(v);
	/* Said before anything is typed: nothing asked is refused after. */
	if (v->handles_only && (act == TUI_A_RESOLVE ||
	    act == TUI_A_REOPEN || act == TUI_A_TICK)) {
		tui_message(t, "%s", _("Resolving, reopening and the checklist "
		    "are for those who may read it."));
		return TUI_REDRAW;
	}
	if (act == TUI_A_REOPEN && !v->resolved) {
		tui_message(t, "%s", _("It is not resolved: nothing to "
		    "reopen."));
		return TUI_REDRAW;
	}
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
		incident_pick_start(t, v);
		return TUI_REDRAW;
	case TUI_A_TICK:
		if (v->nchecklist == 0) {
			tui_message(t, "%s", _("This category has no "
			    "checklist."));
			return TUI_REDRAW;
		}
		tui_prompt(t, _("Tick item number:"), incident_done, v);
		return TUI_REDRAW;
	case TUI_A_FOLLOWUP_DONE:
		if (v->nfollowups == 0) {
			tui_message(t, "%s", _("Nothing is left to follow up."));
			return TUI_REDRAW;
		}
		tui_prompt(t, _("Follow-up number (done):"), incident_done, v);
		return TUI_REDRAW;
	default:
		break;
	}
	v->pending = TUI_NONE;
	if (tui_list_move(&v->list, act) != TUI_LIST_NONE)
		return TUI_REDRAW;
	/* Back to the queue: Esc, q or Left. */
	if (act == TUI_A_BACK) {
		if (v->back != NULL) {
			const struct tui_view_ops	*ops = v->back;

			/* Handed back: freeing this view leaves it be. */
			v->back = NULL;
			tui_show(t, ops, v->back_data);
		} else
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
	.cursor = incident_cursor,
	.free = incident_view_free,
	.screen_now = incident_screen,
};
