/* The command line: `yujing COMMAND ...` for scripts, cron and tests. */
#ifndef YUJING_CLI_H
#define YUJING_CLI_H

#include "yujing/app.h"

/* Exit codes shared by every command. */
#define CLI_OK		0
#define CLI_BAD_INPUT	1	/* bad input, or refused */
#define CLI_USAGE	2
#define CLI_DATABASE	3

/*
 * Global options a command may use. Filled from the command line before
 * the command runs; the strings point into argv.
 */
struct cli_globals {
	const char	*db;
	const char	*rules;
};

/* Runs yujing with its arguments; returns the exit code. */
int	cli_main(int argc, char **argv);

/* Commands: each gets the arguments after its name (argv[0] is the name). */
int	cli_check_rules(struct yj_app *a, const struct cli_globals *g,
	    int argc, char **argv);

#endif
