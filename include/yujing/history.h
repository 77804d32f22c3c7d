/*
 * The history in words (DESIGN §4): an event is stored as a kind and
 * parameters (its JSON payload) plus, at most, what a person typed (its
 * note); these render it in the reader's language when it is shown, with
 * the policy's names for rungs, offices, severities and rules (name_en on
 * an English screen). The screen and the command line both say it so.
 *
 * Nothing here writes to the database; it reads the policy, and the
 * store for names (a user's display name, an early warning's subject).
 */
#ifndef YUJING_HISTORY_H
#define YUJING_HISTORY_H

#include <stddef.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/store.h"

/* What happened, in the reader's language ("escalated" → "已上报"). */
const char	*history_kind(const char *kind);
/* A state in the reader's language ("resolved" → "已办结"). */
const char	*history_state(const char *state);
/* A rung's or office's name for the reader, by id; the id when unknown. */
const char	*history_rung(const struct yj_app *a, const char *id);
/* A follow-up's name for the reader, by id; the id when unknown. */
const char	*history_followup(const struct yj_app *a, const char *id);
/*
 * Who did it, appended to out: "system" in the reader's language, a
 * user's display name (their login when the user is gone).
 */
void		 history_actor(const struct yj_app *a,
		     const struct store_event *ev, struct buf *out);
/*
 * The event in words, appended to out: from its kind, its payload and
 * its note, in the reader's language; never a requirement code or an
 * internal id. An event made before its kind had parameters is its note.
 */
void		 history_describe(const struct yj_app *a,
		     const struct store_event *ev, struct buf *out);
/*
 * Field i of the incident as the reader sees it: its label into label and
 * its value into value (both appended). The policy's label and yes/no, a
 * time without seconds; an early warning's own fields (warning, subject,
 * incidents) as the rule's name, the student's, room's or class's name,
 * and the list.
 */
void		 history_field(const struct yj_app *a,
		     const struct store_incident *in, size_t i,
		     struct buf *label, struct buf *value);
/*
 * What the incident is about, appended to out: its text, or for an early
 * warning (which has none: no sentence is stored) the rule, the subject
 * and the incidents that met it, in the reader's language.
 */
void		 history_summary(const struct yj_app *a,
		     const struct store_incident *in, struct buf *out);

#endif
