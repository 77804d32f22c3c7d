#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/edit.h"
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
tui_login_new(void)
{
	struct tui_login	*l = xcalloc(1, sizeof *l);

	edit_init(&l->user, 64, false);
	edit_init(&l->password, 1024, false);
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
	size_t			 start, end, col, n, i;
	char			 stars[64];
	int			 y = top + rows / 2 - 2, x = cols / 2 - 20;

	(void)t;
	tui_put(y, x, "Sign in to the duty-room screen", 40);
	tui_put(y + 2, x, "User:", 10);
	edit_view(&l->user, 28, &start, &end, &col);
	{
		char	*shown = strndup(edit_text(&l->user) + start,
		    end - start);

		tui_put(y + 2, x + 10, shown != NULL ? shown : "", 28);
		free(shown);
	}
	tui_put(y + 3, x, "Password:", 10);
	n = strlen(edit_text(&l->password));
	for (i = 0; i < n && i < 28; i++)
		stars[i] = '*';
	stars[i] = '\0';
	tui_put(y + 3, x + 10, stars, 28);
	l->y = l->field == 0 ? y + 2 : y + 3;
	l->x = x + 10 + (l->field == 0 ? (int)col : (int)i);
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
	char			 s[8];
	size_t			 n;

	if (is_key) {
		switch (ch) {
		case KEY_BACKSPACE:
			edit_backspace(e);
			return TUI_REDRAW;
		case KEY_LEFT:
			edit_left(e);
			return TUI_REDRAW;
		case KEY_RIGHT:
			edit_right(e);
			return TUI_REDRAW;
		case KEY_UP:
		case KEY_DOWN:
			l->field = !l->field;
			return TUI_REDRAW;
		case KEY_ENTER:
			break;
		default:
			return TUI_NOTHING;
		}
	} else if (ch == '\t') {
		l->field = !l->field;
		return TUI_REDRAW;
	} else if (ch == 0x7f || ch == 0x08) {
		edit_backspace(e);
		return TUI_REDRAW;
	} else if (ch != '\r' && ch != '\n') {
		if (ch < 0x20)
			return TUI_NOTHING;
		n = wcrtomb(s, (wchar_t)ch, NULL) == (size_t)-1 ? 0 :
		    wcrtomb(s, (wchar_t)ch, NULL);
		s[n] = '\0';
		edit_insert(e, s);
		return TUI_REDRAW;
	}
	/* Enter: on the user name, go on to the password; then sign in. */
	if (l->field == 0) {
		l->field = 1;
		return TUI_REDRAW;
	}
	if (app_login(tui_app(t), edit_text(&l->user),
	    edit_text(&l->password), &err) != YJ_OK) {
		tui_message(t, "%s", err.msg);
		edit_set(&l->password, "");
		return TUI_REDRAW;
	}
	tui_message(t, "Signed in. F1 for the keys.");
	tui_show(t, &tui_queue_ops, tui_queue_new());
	return TUI_REDRAW;
}

const struct tui_view_ops tui_login_ops = {
	"login", tui_login_draw, tui_login_key, tui_login_cursor,
	tui_login_free
};
