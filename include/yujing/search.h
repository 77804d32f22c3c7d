/*
 * Searching as the signed-in user may: incidents by their words (the
 * TUI's F3, results as the query is typed) and students for the
 * new-incident form. The index itself is the store's (store_search).
 */
#ifndef YUJING_SEARCH_H
#define YUJING_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/incident.h"
#include "yujing/status.h"
#include "yujing/store.h"

/*
 * Incidents matching query (see store_search), newest first, at most limit
 * of them (0: all), to cb (non-zero stops), redacted always false. An
 * incident the user may not read in full is left out altogether, not
 * shown as a stub: a stub would tell that its hidden text holds the words.
 * A blank query finds nothing; a too long one is YJ_BAD_INPUT.
 */
enum yj_status	incident_search(struct yj_app *a, const char *query,
		    int64_t limit, incident_cb cb, void *arg,
		    struct yj_error *err);

/*
 * Students for a picker by number, room, name or pinyin initials, best
 * match first (see store_student_find), at most limit (0: all).
 */
enum yj_status	student_search(struct yj_app *a, const char *query,
		    size_t limit, store_student_cb cb, void *arg,
		    struct yj_error *err);

/*
 * student_away of the student numbered number (exactly), appended to out
 * after "NUMBER NAME: " when there is anything to say; YJ_NOT_FOUND when
 * there is no such student.
 */
enum yj_status	student_away_of(struct yj_app *a, const char *number,
		    int64_t t, struct buf *out, struct yj_error *err);

/*
 * What a picker should say of a student at t, appended to out in the
 * reader's language: that they left the school (an import no longer had
 * them), or are on approved leave until when and by whose approval;
 * nothing when neither. Before anything is logged of them.
 */
enum yj_status	student_away(struct yj_app *a, const struct store_student *st,
		    int64_t t, struct buf *out, struct yj_error *err);

/*
 * The parent or emergency contact the roster keeps for the student
 * numbered number, name and phone appended, for those the capability
 * table lets read them (read_guardian): YJ_DENIED for the others,
 * YJ_NOT_FOUND when the roster keeps no phone of one.
 */
enum yj_status	student_guardian(const struct yj_app *a, const char *number,
		    struct buf *name, struct buf *phone, struct yj_error *err);

#endif
