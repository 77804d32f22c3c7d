/* The command line: `yujing COMMAND ...` for scripts, cron and tests. */
#ifndef YUJING_CLI_H
#define YUJING_CLI_H

#include <stdbool.h>

#include "yujing/app.h"
#include "yujing/book.h"
#include "yujing/i18n.h"
#include "yujing/buf.h"
#include "yujing/json.h"
#include "yujing/status.h"

/* Exit codes shared by every command. */
#define CLI_OK		0
#define CLI_BAD_INPUT	1	/* bad input, or refused */
#define CLI_USAGE	2
#define CLI_DATABASE	3
#define CLI_UNWRITTEN	4	/* saved, but the output could not be written */

/*
 * Global options, taken from anywhere on the command line before "--".
 * The strings point into argv or the environment.
 */
struct cli_globals {
	const char	*db;
	const char	*rules;
	const char	*as;	/* --as, else $YUJING_USER */
	bool		 read_only;	/* --read-only: nothing written */
	/* "user passwd LOGIN": the one thing a must-change user may do. */
	const char	*passwd_of;
};

/*
 * Runs yujing with its arguments; returns the exit code. With no command,
 * screen (the duty-room screen, from the layer beside this one) runs on
 * the database and policy the options name.
 */
int	cli_main(int argc, char **argv, int (*screen)(struct yj_app *),
	    enum i18n_utf8 utf8);

/*
 * What a command needs before it runs; cli_setup provides it or prints
 * why not and returns the exit code (CLI_OK when all is ready).
 */
enum cli_needs {
	CLI_NEEDS_POLICY = 1,
	CLI_NEEDS_DB = 2,
	CLI_NEEDS_USER = 4	/* implies the two others */
};
int	cli_setup(struct yj_app *a, const struct cli_globals *g, int needs);
/*
 * Prints "yujing: MESSAGE" on stderr, one line: any control or bidi
 * character in it (it may quote the user or the database) as an escape.
 */
void	cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Prints one line on stdout, formatted, shown inert: for lines that quote
 * stored text, which may hold anything (a record written around yujing).
 */
void	cli_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "yujing: MESSAGE" for err and returns the exit code it means. */
int	cli_error(const struct yj_error *err);
/*
 * A workbook that could not be written (book.h): said, and the exit
 * code of bad input (a path to change, a disk to free), not 3, which is
 * the database's.
 */
int	cli_book_error(const struct yj_error *err);
/*
 * After a command saved something and printed what: when its output
 * could not be written (a full disk, a closed pipe), says on stderr what
 * was saved ("saved as #12"), from fmt, so that it is never lost, and
 * returns CLI_UNWRITTEN; CLI_OK when all was written.
 */
int	cli_saved(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Whether the user may export (json, csv); says why not. */
bool	cli_may_export(const struct yj_app *a);
/* The exit code for a status. */
int	cli_status_exit(enum yj_status s);
/*
 * A password: from the environment variable env when set, else asked on
 * the terminal without echo (twice when confirm). NULL after printing why.
 * The caller frees it.
 */
char	*cli_password(const char *env, const char *prompt, bool confirm);
/* Parses a positive incident id; prints why not and returns -1. */
int	cli_parse_id(const char *s, int64_t *id);

/* Output formats of list and show commands. */
enum cli_format {
	CLI_TABLE,
	CLI_JSON,
	CLI_CSV,
	CLI_TEXT,
	CLI_XLSX	/* a workbook, to the file of --output */
};
/* Parses --format's value; allowed is a mask of 1 << format. */
int	cli_parse_format(const char *s, unsigned allowed, enum cli_format *f);
/* The help of --raw, for the commands that print CSV. */
#define CLI_RAW_HELP							\
	"  --raw             with csv: every cell as stored (else one\n"	\
	"                    that begins with = + - @, a tab or a CR\n"	\
	"                    gets a ' in front: no spreadsheet runs it)\n"

/* A table for the terminal: cells measured in display columns. */
struct cli_table {
	char	**cells;
	size_t	  ncells;
	size_t	  ncols;
	size_t	  maxw;	/* widest a column may be (0: no limit) */
};
void	cli_table_init(struct cli_table *t, size_t ncols, size_t maxw);
void	cli_table_add(struct cli_table *t, const char *cell);
/* Prints with aligned columns, the first row as a header, and frees. */
void	cli_table_print(struct cli_table *t);
void	cli_table_free(struct cli_table *t);

/*
 * Rows in one of four formats: a table for people, a JSON array of
 * objects or CSV with a header row for tools, or a sheet of a workbook
 * for people (cli_out_book). Cells are given in column order; a row
 * ends with its last column.
 */
struct cli_column {
	const char	*key;	/* JSON key and CSV heading */
	const char	*head;	/* table heading; NULL: not in the table */
};

struct cli_out {
	enum cli_format		 format;
	bool			 raw;	/* CSV cells as stored: --raw */
	const struct cli_column	*cols;
	size_t			 ncols;
	size_t			 col;	/* next column of the current row */
	size_t			 rows;
	struct cli_table	 t;
	struct json		 j;
	struct buf		 b;
	struct book		*book;	/* CLI_XLSX */
	const struct book_column *bcols;	/* its columns, one a column */
};

/*
 * raw: CSV cells as they are; otherwise text that a spreadsheet would
 * run as a formula is neutralised (csv_write_text).
 */
void	cli_out_begin(struct cli_out *o, enum cli_format f, bool raw,
	    const struct cli_column *cols, size_t ncols, size_t maxw);
/*
 * The same into a new sheet of b named sheet, the columns headed by
 * bcols' titles, one for each of cols (NULL: not in the workbook), all
 * translated here: each cell as the table shows it, a number as a
 * number, seconds (a BOOK_DURATION column) as a duration. cli_out_end
 * then frees only; the caller closes b. On failure o is freed already.
 */
enum yj_status	cli_out_book(struct cli_out *o, struct book *b,
		    const char *sheet, const struct cli_column *cols,
		    const struct book_column *bcols, size_t ncols,
		    struct yj_error *err);
/* A cell: data for JSON and CSV (NULL: null), shown for the table. */
void	cli_out_cell(struct cli_out *o, const char *data, const char *shown);
/* A number cell; has false writes null (and "-" in the table). */
void	cli_out_num(struct cli_out *o, int64_t v, bool has, const char *shown);
void	cli_out_bool(struct cli_out *o, bool v, const char *shown);
/* Prints everything when print is true, and frees. */
void	cli_out_end(struct cli_out *o, bool print);

/* Commands: each gets the arguments after its name (argv[0] is the name). */
#define CLI_COMMAND(fn) \
	int fn(struct yj_app *, const struct cli_globals *, int, char **)
CLI_COMMAND(cli_check_rules);
CLI_COMMAND(cli_init);
CLI_COMMAND(cli_import);
CLI_COMMAND(cli_coverage);
CLI_COMMAND(cli_user);
CLI_COMMAND(cli_log);
CLI_COMMAND(cli_list);
CLI_COMMAND(cli_show);
CLI_COMMAND(cli_note);
CLI_COMMAND(cli_ack);
CLI_COMMAND(cli_resolve);
CLI_COMMAND(cli_reopen);
CLI_COMMAND(cli_correct);
CLI_COMMAND(cli_duplicate);
CLI_COMMAND(cli_contacted);
CLI_COMMAND(cli_verify);
CLI_COMMAND(cli_admin);
CLI_COMMAND(cli_retention);
CLI_COMMAND(cli_tick);
CLI_COMMAND(cli_escalate);
CLI_COMMAND(cli_contacts);
CLI_COMMAND(cli_report);
CLI_COMMAND(cli_schedule);
CLI_COMMAND(cli_handover);
CLI_COMMAND(cli_shift);
CLI_COMMAND(cli_directory);
CLI_COMMAND(cli_export);
CLI_COMMAND(cli_followup);
CLI_COMMAND(cli_access_log);

#endif
