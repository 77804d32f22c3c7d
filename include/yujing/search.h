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

#endif
