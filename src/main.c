#include "config.h"

#include <locale.h>
#include <sys/resource.h>

#include "yujing/cli.h"
#include "yujing/i18n.h"
#include "yujing/tui.h"

int
main(int argc, char **argv)
{
	static const struct rlimit	 none = { 0, 0 };
	enum i18n_utf8			 u;

	/*
	 * No core dump, ever: one would hold the passwords typed and the
	 * restricted cases read.
	 */
	(void)setrlimit(RLIMIT_CORE, &none);
	/* Before curses: wide characters need the locale's encoding. */
	setlocale(LC_ALL, "");
	u = i18n_utf8();
	i18n_init();
	return cli_main(argc, argv, tui_run, u);
}
