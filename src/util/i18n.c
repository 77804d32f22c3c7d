#include "config.h"

#include <langinfo.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yujing/i18n.h"

void
i18n_init(void)
{
	const char	*dir;

	/* Set but empty counts as unset. */
	dir = getenv("YUJING_LOCALEDIR");
	if (dir == NULL || *dir == '\0')
		dir = YJ_LOCALEDIR;
	/*
	 * These fail only without memory; gettext then returns the English
	 * msgids, which is the right thing to fall back to anyway.
	 */
	bindtextdomain("yujing", dir);
	/* Widths are measured in UTF-8 (width.h), whatever the locale says. */
	bind_textdomain_codeset("yujing", "UTF-8");
	textdomain("yujing");
}

const char *
i18n_language(void)
{
	/* TRANSLATORS: the language's own name for itself ("中文"). */
	return _("English");
}

const char *
i18n_name(const char *name, const char *name_en)
{
	/* No catalog for the screen's language: it is in English. */
	if (name_en != NULL && *name_en != '\0' &&
	    strcmp(i18n_language(), "English") == 0)
		return name_en;
	return name;
}

static int
i18n_is_utf8(void)
{
	const char	*cs = nl_langinfo(CODESET);

	return strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0;
}

enum i18n_utf8
i18n_utf8(void)
{
	static const char *const tries[] = {
		"C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"
	};
	size_t	 i;

	if (i18n_is_utf8())
		return I18N_UTF8_OK;
	for (i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		if (setlocale(LC_CTYPE, tries[i]) != NULL && i18n_is_utf8())
			return I18N_UTF8_FORCED;
	}
	return I18N_UTF8_NONE;
}
