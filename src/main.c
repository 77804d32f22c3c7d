#include "config.h"

#include <locale.h>

#include "yujing/cli.h"
#include "yujing/i18n.h"
#include "yujing/tui.h"

int
main(int argc, char **argv)
{
	enum i18n_utf8	 u;

	/* Before curses: wide characters need the locale's encoding. */
	setlocale(LC_ALL, "");
	u = i18n_utf8();
	i18n_init();
	return cli_main(argc, argv, tui_run, u);
}
