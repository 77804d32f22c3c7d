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

#define LOGIN_LIST	6	/* users listed under the fields */

/* Someone who may sign in, to pick from the list. */
struct login_name {
	char	*login;
	char	*display;
};

struct tui_login {
	struct edit		 user;
	struct edit		 password;
	int			 field;		/* 0: user, 1: password */
	int			 y, x;		/* where the cursor goes */
	struct login_name	*names;
	size_t			 nnames;
	bool			 listed;	/* names read */
	int			 sel;		/* in the shown list, -1: none */
	const char		*shown[LOGIN_LIST];
	int			 nshown;
};

void *
tui_login_new(const char *user)
{
	struct tui_login	*l = xcalloc(1, sizeof *l);

	edit_init(&l->user, 64, false);
	edit_init(&l->password, 1024, false);
	l->sel = -1;
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
	l->nshown = 0;
	for (i = 0; i < l->nnames && l->nshown < LOGIN_LIST; i++) {
		if (strncmp(l->names[i].login, typed, n) == 0 ||
		    strncmp(l->names[i].display, typed, n) == 0)
			l->shown[l->nshown++] = l->names[i].login;
	}
	if (l->sel >= l->nshown)
		l->sel = l->nshown - 1;
}

static const char *
tui_login_display(struct tui_login *l, const char *login)
{
	size_t	 i;

	for (i = 0; i < l->nnames; i++) {
		if (strcmp(l->names[i].login, login) == 0)
			return l->names[i].display;
	}
	return "";
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

	edit_done(&l->user);
	/* The password leaves no copy behind in freed memory. */
	if (l->password.text.data != NULL)
		memset(l->password.text.data, 0, l->password.text.cap);
	edit_done(&l->password);
	free(l);
}

static void
tui_login_draw(struct tui *t, void *data, int top, int rows, int cols)
{
	struct tui_login	*l = data;
	size_t			 n, i;
	char			 stars[64];
	int			 y = top + rows / 2 - 4, x = cols / 2 - 20, cx, k;

	tui_put(y, x, _("Sign in to the duty-room screen"), 40);
	tui_put(y + 2, x, _("User:"), 10);
	cx = tui_put_edit(y + 2, x + 10, &l->user, 28);
	tui_put(y + 3, x, _("Password:"), 10);
	n = strlen(edit_text(&l->password));
	for (i = 0; i < n && i < 28; i++)
		stars[i] = '*';
	stars[i] = '\0';
	tui_put(y + 3, x + 10, stars, 28);
	l->y = l->field == 0 ? y + 2 : y + 3;
	l->x = l->field == 0 ? cx : x + 10 + (int)i;
	/* On the user name: who may sign in, to pick with the arrows. */
	l->nshown = 0;
	if (l->field != 0)
		return;
	tui_login_list(t, l);
	for (k = 0; k < l->nshown; k++) {
		char	 line[128];

		snprintf(line, sizeof line, "%-16s %s", l->shown[k],
		    tui_login_display(l, l->shown[k]));
		attrset(k == l->sel ? A_REVERSE : A_NORMAL);
		tui_put(y + 5 + k, x + 10, line, 30);
		attrset(A_NORMAL);
	}
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

static enum tui_result
tui_login_key(struct tui *t, void *data, bool is_key, wint_t ch)
{
	struct tui_login	*l = data;
	struct edit		*e = l->field == 0 ? &l->user : &l->password;
	struct yj_error		 err;

	/* On the user name, the arrows pick from the list under it. */
	if (l->field == 0 && is_key && (ch == KEY_UP || ch == KEY_DOWN) &&
	    l->nshown > 0) {
		if (ch == KEY_DOWN && l->sel + 1 < l->nshown)
			l->sel++;
		else if (ch == KEY_UP && l->sel >= 0)
			l->sel--;
		return TUI_REDRAW;
	}
	if ((!is_key && ch == '\t') || (is_key && (ch == KEY_UP ||
	    ch == KEY_DOWN || ch == KEY_BTAB))) {
		l->field = !l->field;
		return TUI_REDRAW;
	}
	if (!tui_is_enter(is_key, ch)) {
		if (!tui_edit_key(e, is_key, ch))
			return TUI_NOTHING;
		l->sel = -1;	/* typing: the list follows */
		return TUI_REDRAW;
	}
	/* Enter: on the user name, go on to the password; then sign in. */
	if (l->field == 0) {
		if (l->sel >= 0 && l->sel < l->nshown)
			edit_set(&l->user, l->shown[l->sel]);
		l->field = 1;
		return TUI_REDRAW;
	}
	if (app_login(tui_app(t), edit_text(&l->user),
	    edit_text(&l->password), &err) != YJ_OK) {
		tui_message(t, "%s", err.status == YJ_AUTH ?
		    _("wrong user name or password") : err.msg);
		edit_set(&l->password, "");
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
