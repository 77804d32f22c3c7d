#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/cli.h"

/*
 * The commands, once: the dispatch table and the help both come from here.
 * X(function, name, arguments, summary, details)
 */
#define CLI_COMMANDS(X)							\
	X(cli_check_rules, "check-rules", "[--format text|json] [FILE]",	\
	    "check a rules file; summarise it or print it as JSON",	\
	    "Reads the policy (FILE, else --rules, else $YUJING_RULES,\n"	\
	    "else the installed default) and checks everything: keys,\n"	\
	    "types, durations, times, references between sections.\n"	\
	    "\n"							\
	    "  --format text  one summary line on stdout (the default)\n"	\
	    "  --format json  the normalised policy as JSON, durations\n"	\
	    "                 in seconds\n"				\
	    "\n"							\
	    "Exit status: 0 valid; 1 not valid, with every problem on\n"	\
	    "stderr as FILE:LINE:COL: message; 2 bad usage.\n")

struct cli_command {
	const char	*name;
	const char	*args;
	const char	*summary;
	const char	*details;
	int		(*fn)(struct yj_app *, const struct cli_globals *, int,
			    char **);
};

#define CLI_ENTRY(fn, name, args, summary, details)			\
	{ name, args, summary, details, fn },
static const struct cli_command cli_commands[] = {
	CLI_COMMANDS(CLI_ENTRY)
};
#define CLI_NCOMMANDS (sizeof cli_commands / sizeof cli_commands[0])

static void
cli_usage(FILE *f)
{
	size_t	 i;

	fprintf(f,
	    "usage: yujing [--db FILE] [--rules FILE] [COMMAND [ARGS]]\n"
	    "\n"
	    "yujing (预警) logs incidents in a university's dormitory duty\n"
	    "room and escalates each one up the ladder of responsible people\n"
	    "set in rules.yaml until someone acts.\n"
	    "\n"
	    "Commands:\n");
	for (i = 0; i < CLI_NCOMMANDS; i++)
		fprintf(f, "  %-12s %s\n", cli_commands[i].name,
		    cli_commands[i].summary);
	fprintf(f,
	    "\n"
	    "Options:\n"
	    "  --db FILE      the database (else $YUJING_DB, else\n"
	    "                 $XDG_DATA_HOME/yujing/yujing.db)\n"
	    "  --rules FILE   the policy (else $YUJING_RULES, else\n"
	    "                 %s)\n"
	    "  -h, --help     this help; 'yujing COMMAND --help' for one command\n"
	    "  -V, --version  the version\n", YJ_RULES_DEFAULT);
}

static void
cli_command_usage(const struct cli_command *c, FILE *f)
{
	fprintf(f, "usage: yujing %s %s\n\n%s", c->name, c->args, c->details);
}

/* Whether argv holds -h or --help before any "--". */
static int
cli_wants_help(int argc, char **argv)
{
	int	 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

int
cli_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "rules", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_globals	 g = { NULL, NULL };
	struct yj_app		 app;
	const struct cli_command *c = NULL;
	size_t			 i;
	int			 ch, rc;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			g.db = optarg;
			break;
		case 'r':
			g.rules = optarg;
			break;
		case 'h':
			cli_usage(stdout);
			return CLI_OK;
		case 'V':
			printf("yujing %s\n", YJ_VERSION);
			return CLI_OK;
		default:
			if (optopt != 0 && optopt != '?')
				fprintf(stderr, "yujing: unknown option '-%c'\n",
				    optopt);
			else
				fprintf(stderr, "yujing: unknown option or "
				    "missing value: '%s'\n", argv[optind - 1]);
			fprintf(stderr, "Try 'yujing --help'.\n");
			return CLI_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		fprintf(stderr, "yujing: no command given; the duty-room "
		    "screen is not built yet.\nTry 'yujing --help'.\n");
		return CLI_USAGE;
	}
	for (i = 0; i < CLI_NCOMMANDS; i++) {
		if (strcmp(argv[0], cli_commands[i].name) == 0)
			c = &cli_commands[i];
	}
	if (c == NULL) {
		fprintf(stderr, "yujing: unknown command '%s'\n"
		    "Try 'yujing --help'.\n", argv[0]);
		return CLI_USAGE;
	}
	if (cli_wants_help(argc, argv)) {
		cli_command_usage(c, stdout);
		return CLI_OK;
	}
	app_init(&app);
	optind = 0;	/* glibc: restart getopt for the command's own options */
	rc = c->fn(&app, &g, argc, argv);
	app_done(&app);
	return rc;
}
