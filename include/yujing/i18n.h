/*
 * The UI's language, through gettext (glibc's own; no extra library).
 * Text the user reads is written in English and wrapped: _("Help") where
 * it is shown, N_("Help") where it only sits in a table (an initializer
 * must stay a constant) and _() is applied when it is shown. The
 * translations are in data/po/ (scripts/po); names that come from the
 * policy (categories, levels) are the institution's words, never wrapped.
 */
#ifndef YUJING_I18N_H
#define YUJING_I18N_H

#include <libintl.h>

/* The translation of s, or s itself; never freed, never modified. */
#define _(s)	gettext(s)
/* Marks s for translation without translating it here. */
#define N_(s)	s

/*
 * Binds the "yujing" text domain to its catalog directory,
 * $YUJING_LOCALEDIR when set (the build tree's locale/), else the
 * installed one, with UTF-8 output whatever the locale's codeset. Call it
 * once, right after setlocale(LC_ALL, ""); calling it again is harmless.
 */
void		 i18n_init(void);

enum i18n_utf8 {
	I18N_UTF8_OK,		/* the environment's locale is UTF-8 */
	I18N_UTF8_FORCED,	/* it was not: LC_CTYPE is C.UTF-8 now */
	I18N_UTF8_NONE		/* and no UTF-8 locale could be had */
};
/*
 * After setlocale(LC_ALL, ""): when the environment names no UTF-8
 * locale (no LANG at all, or POSIX), LC_CTYPE is set to C.UTF-8 so that
 * Chinese is read and drawn right; messages stay as the environment says
 * (English, when it says nothing).
 */
enum i18n_utf8	 i18n_utf8(void);
/* The name of the UI's language in itself ("English", "中文"); static. */
const char	*i18n_language(void);
/*
 * A name from the policy as the reader's language says it: name_en on
 * an English screen when the policy gives one, else name (the
 * institution's own, Chinese). Returns one of the two.
 */
const char	*i18n_name(const char *name, const char *name_en);

#endif
