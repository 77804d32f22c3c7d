/*
 * Shifts (S6): the duty schedule (值班表, who is on which shift), and the
 * shifts as they ran (who opened each, when). A shift's id is the date it
 * starts and the policy's shift id: "2026-12-01/night". Everything here
 * is an event of the admin history (about "shift:ID" or "schedule").
 */
#ifndef YUJING_SHIFT_H
#define YUJING_SHIFT_H

#include <stdbool.h>
#include <stdint.h>

#include "yujing/app.h"
#include "yujing/policy.h"
#include "yujing/status.h"

/* The subject of a duty's events in the admin history ("shift:ID"). */
void		shift_subject(const char *kind, const char *duty,
		    char *out, size_t size);

/* One duty of the policy, and who is on it. */
struct shift_row {
	struct policy_duty	 duty;
	const char		*login;		/* scheduled; NULL: nobody */
	const char		*display;
	const char		*opened_by;	/* who opened it; NULL: nobody */
	int64_t			 opened_at;
};
typedef int	(*shift_cb)(void *arg, const struct shift_row *r);
/*
 * Every duty starting on the days from..to (both included), in order,
 * with whom the schedule puts on it and who opened it. Anyone signed in.
 */
enum yj_status	shift_schedule(struct yj_app *a, const struct caldate *from,
		    const struct caldate *to, shift_cb cb, void *arg,
		    struct yj_error *err);
/*
 * Puts login on the duty (a swap: 换班), with the reason; for those the
 * policy lets set the schedule (schedule). The duty must be one the
 * policy runs, the user one who may sign in.
 */
enum yj_status	shift_swap(struct yj_app *a, const char *duty,
		    const char *login, const char *reason,
		    struct yj_error *err);
/*
 * The signed-in user opens the duty running now, unless it is open
 * already (by anyone): *opened says whether this call did. false in
 * *running when no shift runs now (nothing is written). Only the duty
 * room's officers open a shift: whoever is scheduled for it, or anyone
 * who answers at no rung and does not manage users; for others nothing
 * is written either.
 */
enum yj_status	shift_open(struct yj_app *a, struct policy_duty *d,
		    bool *running, bool *opened, struct yj_error *err);
/*
 * Whether the signed-in user is the duty room's officer of the duty: the
 * one scheduled for it, the one who opened it, or one who answers at no
 * rung and does not manage users (a duty officer by role).
 */
enum yj_status	shift_is_officer(struct yj_app *a, const char *duty,
		    bool *officer, struct yj_error *err);
/* Whether anyone is scheduled for the duty. */
enum yj_status	shift_scheduled(struct yj_app *a, const char *duty,
		    bool *found, struct yj_error *err);
/* Who opened the duty and when (NULL login: nobody yet); free *login. */
enum yj_status	shift_opened_by(struct yj_app *a, const char *duty,
		    char **login, int64_t *at, struct yj_error *err);

#endif
