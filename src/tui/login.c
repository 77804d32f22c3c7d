#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/edit.h"
#include "yujing/i18n.h"
#include "yujing/status.h"
#include "yujing/tui.h"
#include "yujing/users.h"
#include "yujing/xmalloc.h"

#define LOGIN_LIST	6	/* users shown under the fields at once */

/* Someone who may sign in, to pick from the list. */
struct login_name {
	char	*login;
	char	*display;
};

struct tui_login {
	struct edit		 user;
	struct edit		 password;
	/* Signed in with a password an admin gave: the user's own, twice. */
	bool			 choosing;
	struct edit		 again;
	int			 field;		/* 0: user, 1: password */
	int			 y, x;		/* where the cursor goes */
	struct login_name	*names;
	size_t			 nnames;
	bool			 listed;	/* names read */
	/* Those matching what is typed, as a list; picking: one is picked. */
	size_t			*shown;
	size_t			 nshown;
	struct tui_list		 list;
	bool			 picking;
};

static const struct tui_list_ops login_list_ops;

void *
tui_login_new(const char *user)
{
	struct tui_login	*l = xcalloc(1, sizeof *l);

	edit_init(&l->user, 64, false);
	edit_init(&l->password, 1024, false);
	edit_init(&l->again, 1024, false);
	tui_list_init(&l->list, &login_list_ops, l, 1, true);
	/* Locked: the same user most likely comes back; keep the name. */
	if (user != NULL) {
		edit_set(&l->user, user);
		l->field = 1;
	}
	return l;
}

static int
tui_login_name(void *arg, const char *login, const char *display)
{
	struct tui_login	*l = arg;

	l->names = xreallocarray(l->names, l->nnames + 1, sizeof *l->names);
	l->names[l->nnames].login = xstrdup(login);
	l->names[l->nnames++].display = xstrdup(display);
	return 0;
}

/* The users whose login or name starts with what is typed. */
static void
tui_login_list(struct tui *t, struct tui_login *l)
{
	struct yj_error	 err;
	const char	*typed = edit_text(&l->user);
	size_t		 i, n = strlen(typed);

	if (!l->listed) {
		l->listed = true;
		if (users_signin_names(tui_app(t), tui_login_name, l, &err) !=
		    YJ_OK)
			tui_message(t, "%s", err.msg);
	}
	l->shown = xreallocarray(l->shown, l->nnames + 1, sizeof *l->shown);
	l->nshown = 0;
	for (i = 0; i < l->nnames; i++) {
		if (strncmp(l->names[i].login, typed, n) == 0 ||
		    strncmp(l->names[i].display, typed, n) == 0)
			l->shown[l->nshown++] = i;
	}
	if (l->nshown == 0)
		l->picking = false;
	tui_list_clamp(&l->list);
}

static size_t
tui_login_count(void *arg)
{
	return ((struct tui_login *)arg)->nshown;
}

static void
tui_login_row(void *arg, size_t i, int y, int x, int cols, bool selected)
{
	struct tui_login	*l = arg;
	const struct login_name	*u = &l->names[l->shown[i]];
	char			 line[256];

	snprintf(line, sizeof line, "%-16s %s", u->login, u->display);
	attrset(selected ? tui_role_attr(TUI_R_SELECTION) : A_NORMAL);
	tui_put(y, x, line, cols);
	attrset(A_NORMAL);
}

static const struct tui_list_ops login_list_ops = {
	.count = tui_login_count,
	.draw = tui_login_row,
};

static void
tui_login_wipe(struct edit *e)
{
	if (e->text.data != NULL)
		memset(e->text.data, 0, e->text.cap);
	edit_set(e, "");
}

static void
tui_login_free(void *data)
{
	struct tui_login	*l = data;
	size_t			 i;

	for (i = 0; i < l->nnames; i++) {
		free(l->names[i].login);
		free(l->names[i].display);
	}
	free(l->names);
	free(l->shown);

	edit_done(&l->user);
	/* The password leaves no copy behind in freed memory. */
	tui_login_wipe(&l->password);
	tui_login_wipe(&l->again);
	edit_done(&l->password);
	edit_done(&l->again);
	free(l);
}

/* A password as stars, at most max; how many drawn. */
static int
tui_login_stars(int y, int x, const struct edit *e, int max)
{
	char	 stars[64];
	size_t	 n = strlen(edit_text(e)), i;

	for (i = 0; i < n && i < (size_t)max && i < sizeof stars - 1; i++)
		stars[i] = '*';
	stars[i] = '\0';
	tui_put(y, x, stars, max);
	return (int)i;
}

static void
tui_login_draw(struct tui *t, void *data, int top, int rows, int cols)
{
	struct tui_login	*l = data;
	struct yj_app		*a = tui_app(t);
	char			 line[160];
	int			 y = top + rows / 2 - 5, x = cols / 2 - 20;
	int			 cx, n;
	int64_t			 left;

	if (l->choosing) {
		tui_put(y, x, _("Your password was set by an admin: choose "
		    "your own"), 60);
		tui_put(y + 2, x, _("New:"), 10);
		n = tui_login_stars(y + 2, x + 10, &l->password, 28);
		tui_put(y + 3, x, _("Again:"), 10);
		cx = tui_login_stars(y + 3, x + 10, &l->again, 28);
		tui_put(y + 5, x, _("8 characters or more, not your user "
		    "name. Esc: sign out."), 60);
		l->y = l->field == 0 ? y + 2 : y + 3;
		l->x = x + 10 + (l->field == 0 ? n : cx);
		return;
	}
	tui_put(y, x, _("Sign in to the duty-room screen"), 40);
	tui_put(y + 2, x, _("User:"), 10);
	cx = tui_put_edit(y + 2, x + 10, &l->user, 28);
	tui_put(y + 3, x, _("Password:"), 10);
	n = tui_login_stars(y + 3, x + 10, &l->password, 28);
	l->y = l->field == 0 ? y + 2 : y + 3;
	l->x = l->field == 0 ? cx : x + 10 + n;
	/* After wrong passwords: how long until the next try, by the clock. */
	left = a->signin_wait_until - app_now(a);
	if (left > 0 && l->field != 0) {
		snprintf(line, sizeof line, _("Too many wrong passwords: the "
		    "next try in %lld s"), (long long)left);
		tui_put(y + 5, x, line, 60);
	}
	/* On the user name: who may sign in, to pick with the arrows. */
	l->nshown = 0;
	if (l->field != 0)
		return;
	tui_login_list(t, l);
	tui_list_draw(&l->list, y + 4, x + 10, tui_list_lines(&l->list,
	    LOGIN_LIST), 34, l->picking);
}

static bool
tui_login_cursor(struct tui *t, void *data, int *y, int *x)
{
	struct tui_login	*l = data;

	(void)t;
	*y = l->y;
	*x = l->x;
	return true;
}

/* Choosing one's own password: new, again, then saved and in. */
static enum tui_result
tui_login_choose(struct tui *t, struct tui_login *l, bool is_key, wint_t ch)
{
	struct yj_app	*a = tui_app(t);
	struct edit	*e = l->field == 0 ? &l->password : &l->again;
	struct yj_error	 err;
	enum tui_action	 act = tui_action_of(TUI_S_LOGIN, is_key, ch);

	if (act == TUI_A_BACK) {
		app_logout(a, "lock");
		l->choosing = false;
		l->field = 1;
		tui_login_wipe(&l->password);
		tui_login_wipe(&l->again);
		return TUI_REDRAW;
	}
	if (act == TUI_A_NEXT_FIELD || act == TUI_A_PREV_FIELD ||
	    act == TUI_A_MOVE_UP || act == TUI_A_MOVE_DOWN) {
		l->field = !l->field;
		return TUI_REDRAW;
	}
	if (act != TUI_A_SIGN_IN)
		return tui_edit_key(e, is_key, ch) ? TUI_REDRAW : TUI_NOTHING;
	if (l->field == 0) {
		l->field = 1;
		return TUI_REDRAW;
	}
	if (strcmp(edit_text(&l->password), edit_text(&l->again)) != 0)
		tui_message(t, "%s", _("the two passwords differ"));
	else if (users_passwd(a, a->user.login, edit_text(&l->password),
	    false, &err) != YJ_OK)
		tui_message(t, "%s", err.msg);
	else {
		tui_signed_in(t);	/* frees this view */
		return TUI_REDRAW;
	}
	tui_login_wipe(&l->password);
	tui_login_wipe(&l->again);
	l->field = 0;
	return TUI_REDRAW;
}

static enum tui_result
tui_login_key(struct tui *t, void *data, bool is_key, wint_t ch)
{
	struct tui_login	*l = data;
	struct edit		*e = l->field == 0 ? &l->user : &l->password;
	struct yj_app		*a = tui_app(t);
	struct yj_error		 err;
	enum tui_action		 act = tui_action_of(TUI_S_LOGIN, is_key, ch);

	if (l->choosing)
		return tui_login_choose(t, l, is_key, ch);
	/*
	 * On the user name, the list under it: the first Down picks its
	 * first row, Up from there is back to what is typed.
	 */
	if (l->field == 0 && l->nshown > 0 && tui_action_moves(act)) {
		if (!l->picking) {
			l->picking = act == TUI_A_MOVE_DOWN ||
			    act == TUI_A_PAGE_DOWN;
			if (l->picking)
				tui_list_select(&l->list, 0);
		} else if (act == TUI_A_MOVE_UP && l->list.sel == 0)
			l->picking = false;
		else
			tui_list_move(&l->list, act);
		return TUI_REDRAW;
	}
	if (act == TUI_A_NEXT_FIELD || act == TUI_A_PREV_FIELD ||
	    act == TUI_A_MOVE_UP || act == TUI_A_MOVE_DOWN) {
		l->field = !l->field;
		return TUI_REDRAW;
	}
	if (act != TUI_A_SIGN_IN) {
		if (!tui_edit_key(e, is_key, ch))
			return TUI_NOTHING;
		l->picking = false;	/* typing: the list follows */
		tui_list_select(&l->list, 0);
		return TUI_REDRAW;
	}
	/* Enter: on the user name, go on to the password; then sign in. */
	if (l->field == 0) {
		if (l->picking && l->list.sel < l->nshown)
			edit_set(&l->user,
			    l->names[l->shown[l->list.sel]].login);
		l->field = 1;
		return TUI_REDRAW;
	}
	if (app_login(a, edit_text(&l->user), edit_text(&l->password),
	    APP_VIA_SCREEN, &err) != YJ_OK) {
		tui_message(t, "%s", err.msg);
		tui_login_wipe(&l->password);
		return TUI_REDRAW;
	}
	tui_login_wipe(&l->password);
	if (a->user.must_change) {
		l->choosing = true;
		l->field = 0;
		return TUI_REDRAW;
	}
	tui_signed_in(t);	/* frees this view */
	return TUI_REDRAW;
}

const struct tui_view_ops tui_login_ops = {
	.name = "login",
	.screen = TUI_S_LOGIN,
	.draw = tui_login_draw,
	.key = tui_login_key,
	.cursor = tui_login_cursor,
	.free = tui_login_free,
};
