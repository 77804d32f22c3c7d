#include "config.h"

#include <locale.h>

#include "yujing/cli.h"
#include "yujing/tui.h"

int
main(int argc, char **argv)
{
	/* Before curses: wide characters need the locale's encoding. */
	setlocale(LC_ALL, "");
	return cli_main(argc, argv, tui_run);
}
