#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/edit.h"
#include "yujing/i18n.h"
#include "yujing/status.h"
#include "yujing/tui.h"
#include "yujing/xmalloc.h"

struct tui_login {
	struct edit	 user;
	struct edit	 password;
	int		 field;		/* 0: user, 1: password */
	int		 y, x;		/* where the cursor goes */
};

void *
tui_login_new(const char *user)
{
	struct tui_login	*l = xcalloc(1, sizeof *l);

	edit_init(&l->user, 64, false);
	edit_init(&l->password, 1024, false);
	/* Locked: the same user most likely comes back; keep the name. */
	if (user != NULL) {
		edit_set(&l->user, user);
		l->field = 1;
	}
	return l;
}

static void
tui_login_free(void *data)
{
	struct tui_login	*l = data;

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
	int			 y = top + rows / 2 - 2, x = cols / 2 - 20, cx;

	(void)t;
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

	if ((!is_key && ch == '\t') || (is_key && (ch == KEY_UP ||
	    ch == KEY_DOWN || ch == KEY_BTAB))) {
		l->field = !l->field;
		return TUI_REDRAW;
	}
	if (!tui_is_enter(is_key, ch))
		return tui_edit_key(e, is_key, ch) ? TUI_REDRAW : TUI_NOTHING;
	/* Enter: on the user name, go on to the password; then sign in. */
	if (l->field == 0) {
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
