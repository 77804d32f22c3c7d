/* init, import, coverage, user, verify, admin: keeping the record itself. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/cli.h"
#include "yujing/csv.h"
#include "yujing/diag.h"
#include "yujing/digest.h"
#include "yujing/gen.h"
#include "yujing/json.h"
#include "yujing/number.h"
#include "yujing/passwd.h"
#include "yujing/report.h"
#include "yujing/retention.h"
#include "yujing/roster.h"
#include "yujing/safe.h"
#include "yujing/sheet.h"
#include "yujing/status.h"
#include "yujing/users.h"
#include "yujing/xmalloc.h"

static int
cli_admin_bad(const char *cmd, char **argv)
{
	cli_warn("%s: unknown option or missing value: '%s'", cmd,
	    argv[optind - 1]);
	fprintf(stderr, "Try 'yujing %s --help'.\n", cmd);
	return CLI_USAGE;
}

static void
cli_demo_user(void *arg, const char *login, const char *role,
    const char *password)
{
	(void)arg;
	printf("  %-16s %-20s %s\n", login, role, password);
}

int
cli_init(struct yj_app *a, const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "demo", no_argument, NULL, 'd' },
		{ "group", no_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 }
	};
	struct users_new	 admin;
	struct yj_error		 err;
	char			*path, *pw = NULL;
	int			 ch, demo = 0, flags = STORE_CREATE, rc = CLI_OK;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'd')
			demo = 1;
		else if (ch == 'g')
			flags |= STORE_GROUP;
		else
			return cli_admin_bad("init", argv);
	}
	if (optind < argc) {
		cli_warn("init: unexpected '%s' (the database is --db FILE)",
		    argv[optind]);
		return CLI_USAGE;
	}
	path = app_db_path(g->db);
	if (access(path, F_OK) == 0) {
		cli_warn("%s: a database is already there", path);
		free(path);
		return CLI_BAD_INPUT;
	}
	if ((pw = cli_password("YUJING_PASSWORD", "Password for admin: ",
	    true)) == NULL) {
		free(path);
		return CLI_BAD_INPUT;
	}
	memset(&admin, 0, sizeof admin);
	admin.login = "admin";
	admin.display = "系统管理员";
	admin.role = "admin";
	admin.password = pw;
	if (strlen(pw) < USERS_PASSWORD_MIN) {
		cli_warn("the password must have at least %d characters",
		    USERS_PASSWORD_MIN);
		rc = CLI_BAD_INPUT;
		goto out;
	}
	if (app_open_db(a, path, flags, &err) != YJ_OK) {
		rc = cli_error(&err);
		goto out;
	}
	if (users_add(a, &admin, true, &err) != YJ_OK) {
		rc = cli_error(&err);
		goto undo;
	}
	if (demo) {
		struct gen_opts o;

		printf("Demo users (their passwords are shown only now):\n");
		/* The seed makes the passwords: it must not be guessable. */
		gen_demo_opts(&o, passwd_random64());
		if (gen_fill(a, &o, cli_demo_user, NULL, &err) != YJ_OK) {
			rc = cli_error(&err);
			goto undo;
		}
	}
	printf("Created %s (admin signs in as 'admin').\n", path);
	rc = cli_saved("created %s", path);
	goto out;
undo:
	/* A half-made database helps nobody: take it away again. */
	app_close_db(a);
	unlink(path);
out:
	passwd_free(pw);
	free(path);
	return rc;
}

/* Reads a whole file, at most max bytes. */
static char *
cli_read_file(const char *path, size_t max, size_t *len)
{
	struct stat	 sb;
	struct buf	 b;
	char		 chunk[65536];
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		cli_warn("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		cli_warn("%s: not a regular file", path);
		close(fd);
		return NULL;
	}
	buf_init(&b);
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || b.len + (size_t)n > max) {
			cli_warn("%s: %s", path, n < 0 ?
			    strerror(errno) : "file is too large");
			buf_done(&b);
			close(fd);
			return NULL;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	return buf_steal(&b);
}

/* The roster's change list, a line per student: what changed, from what. */
static void
cli_roster_changes(const struct roster_counts *c)
{
	static const char *const kinds[] = {
		[ROSTER_ADDED] = "added", [ROSTER_CHANGED] = "changed",
		[ROSTER_LEFT] = "left", [ROSTER_MISSING] = "missing",
	};
	const struct roster_change	*x;
	struct buf			 b;
	size_t				 i;

	buf_init(&b);
	for (i = 0; i < c->nchanges; i++) {
		x = &c->changes[i];
		buf_clear(&b);
		buf_printf(&b, "  %-8s %s %s", kinds[x->kind], x->number,
		    x->name);
		switch (x->kind) {
		case ROSTER_ADDED:
			buf_printf(&b, ": %s%s%s", x->class_name,
			    *x->room ? ", " : "", x->room);
			break;
		case ROSTER_CHANGED:
			buf_puts(&b, ":");
			if (x->back)
				buf_puts(&b, " back at the school;");
			if (x->old_name != NULL)
				buf_printf(&b, " name was %s;", x->old_name);
			if (x->old_class != NULL)
				buf_printf(&b, " class %s -> %s;", x->old_class,
				    x->class_name);
			if (x->old_room != NULL)
				buf_printf(&b, " room %s -> %s;", *x->old_room ?
				    x->old_room : "none", *x->room ? x->room :
				    "none");
			if (x->phone)
				buf_printf(&b, " phone %s -> %s;",
				    *x->old_phone ? x->old_phone : "none",
				    *x->phone_now ? x->phone_now : "none");
			if (x->guardian)
				buf_puts(&b, " parent's contact;");
			b.data[--b.len] = '\0';	/* the last ';' */
			break;
		case ROSTER_LEFT:
			buf_printf(&b, ", %s: not in the file, marked as left",
			    x->class_name);
			break;
		case ROSTER_MISSING:
			buf_printf(&b, ", %s: not in the file (kept)",
			    x->class_name);
			break;
		}
		buf_putc(&b, '\n');
		safe_print(stdout, buf_str(&b), SAFE_LINES);
	}
	buf_done(&b);
}

int
cli_import(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "encoding", required_argument, NULL, 'e' },
		{ "sheet", required_argument, NULL, 's' },
		{ "map", required_argument, NULL, 'm' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "keep-missing", no_argument, NULL, 'k' },
		{ "whole-school", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct roster_opts	 o;
	struct roster_counts	 c;
	struct roster_leave_counts lc;
	struct buf		 mapping;
	struct diags		 d;
	struct yj_error		 err;
	enum yj_status		 r;
	const char		*what, *file;
	char			*data;
	size_t			 len;
	int			 ch, rc = CLI_OK, count;

	(void)g;
	memset(&o, 0, sizeof o);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'n')
			o.dry_run = true;
		else if (ch == 'k')
			o.keep_missing = true;
		else if (ch == 'w')
			o.whole_school = true;
		else if (ch == 's')
			o.sheet = optarg;
		else if (ch == 'm')
			o.map = optarg;
		else if (ch == 'e' && sheet_encoding_parse(optarg,
		    &o.encoding) != 0) {
			cli_warn("--encoding %s: utf-8, gbk (gb18030) or "
			    "utf-16; without it the encoding is found from "
			    "the file", optarg);
			return CLI_USAGE;
		} else if (ch != 'e')
			return cli_admin_bad("import", argv);
	}
	if (argc - optind != 2 || (strcmp(argv[optind], "roster") != 0 &&
	    strcmp(argv[optind], "contacts") != 0 &&
	    strcmp(argv[optind], "schedule") != 0 &&
	    strcmp(argv[optind], "leave") != 0)) {
		fprintf(stderr, "usage: yujing import roster|contacts|schedule|"
		    "leave FILE\n");
		return CLI_USAGE;
	}
	what = argv[optind];
	file = argv[optind + 1];
	if ((o.keep_missing || o.whole_school) && strcmp(what, "roster") !=
	    0) {
		cli_warn("--keep-missing and --whole-school are for the "
		    "roster");
		return CLI_USAGE;
	}
	if ((data = cli_read_file(file, ROSTER_MAX_BYTES, &len)) == NULL)
		return CLI_BAD_INPUT;
	buf_init(&mapping);
	if (o.dry_run)
		o.mapping = &mapping;
	diags_init(&d, file);
	if (strcmp(what, "roster") == 0)
		r = roster_import(a, data, len, &o, &c, &d, &err);
	else if (strcmp(what, "schedule") == 0)
		r = roster_schedule(a, data, len, &o, &count, &d, &err);
	else if (strcmp(what, "leave") == 0)
		r = roster_leave(a, data, len, &o, &lc, &d, &err);
	else
		r = roster_contacts(a, data, len, &o, &count, &d, &err);
	safe_print(stdout, buf_str(&mapping), SAFE_LINES);
	diags_sort(&d);
	diags_print(&d, stderr);
	if (r != YJ_OK)
		rc = cli_error(&err);
	else if (strcmp(what, "roster") == 0) {
		cli_roster_changes(&c);
		printf("%s%d added, %d updated, %d moved room or class, "
		    "%d unchanged", o.dry_run ? "dry run: " : "", c.added,
		    c.updated, c.moved, c.unchanged);
		if (c.left > 0)
			printf(", %d left", c.left);
		if (c.missing > 0)
			printf(", %d not in the file (kept)", c.missing);
		putchar('\n');
	}
	else if (strcmp(what, "schedule") == 0)
		printf("%s%d shifts scheduled\n", o.dry_run ? "dry run: " : "",
		    count);
	else if (strcmp(what, "leave") == 0)
		printf("%s%d leave record%s added, %d updated, %d "
		    "unchanged\n", o.dry_run ? "dry run: " : "", lc.added,
		    lc.added == 1 ? "" : "s", lc.updated, lc.unchanged);
	else
		printf("%s%d contacts set\n", o.dry_run ? "dry run: " : "",
		    count);
	if (r == YJ_OK && !o.dry_run)
		rc = cli_saved("imported %s", file);
	if (strcmp(what, "roster") == 0)
		roster_counts_free(&c);
	diags_done(&d);
	buf_done(&mapping);
	free(data);
	return rc;
}

static int
cli_gap(void *arg, const struct roster_gap *gp)
{
	struct cli_out	*o = arg;

	cli_out_cell(o, gp->level, gp->level_name);
	cli_out_cell(o, gp->unit_kind, NULL);
	cli_out_cell(o, gp->unit, NULL);
	cli_out_cell(o, gp->person, NULL);
	cli_out_cell(o, gp->problem, NULL);
	return 0;
}

int
cli_coverage(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "raw", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct cli_column cols[] = {
		{ "level", "LEVEL" }, { "unit_kind", "UNIT" },
		{ "unit", "NAME" }, { "person", "PERSON" },
		{ "problem", "PROBLEM" },
	};
	enum cli_format		 f = CLI_TABLE;
	struct cli_out		 o;
	struct yj_error		 err;
	int			 ch, rc = CLI_OK;
	bool			 raw = false;

	(void)g;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'r') {
			raw = true;
			continue;
		}
		if (ch != 'f')
			return cli_admin_bad("coverage", argv);
		if (cli_parse_format(optarg, 1 << CLI_TABLE | 1 << CLI_JSON |
		    1 << CLI_CSV, &f) != 0)
			return CLI_USAGE;
	}
	cli_out_begin(&o, f, raw, cols, 5, 30);
	if (roster_coverage(a, cli_gap, &o, &err) != YJ_OK)
		rc = cli_error(&err);
	if (rc == CLI_OK && f == CLI_TABLE && o.rows == 0) {
		printf("Every unit has someone responsible with a phone at "
		    "every level.\n");
		cli_out_end(&o, false);
	} else
		cli_out_end(&o, rc == CLI_OK);
	return rc;
}

static int
cli_user_row(void *arg, const struct store_user *u)
{
	struct cli_out	*o = arg;

	cli_out_cell(o, u->login, NULL);
	cli_out_cell(o, u->display, NULL);
	cli_out_cell(o, u->role, NULL);
	cli_out_bool(o, u->disabled, u->disabled ? "disabled" : "");
	return 0;
}

static int
cli_user_list(struct yj_app *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "raw", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct cli_column cols[] = {
		{ "login", "USER" }, { "display", "NAME" },
		{ "role", "ROLE" }, { "disabled", "" },
	};
	enum cli_format		 f = CLI_TABLE;
	struct cli_out		 o;
	struct yj_error		 err;
	int			 ch, rc = CLI_OK;
	bool			 raw = false;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'r') {
			raw = true;
			continue;
		}
		if (ch != 'f')
			return cli_admin_bad("user list", argv);
		if (cli_parse_format(optarg, 1 << CLI_TABLE | 1 << CLI_JSON |
		    1 << CLI_CSV, &f) != 0)
			return CLI_USAGE;
	}
	cli_out_begin(&o, f, raw, cols, 4, 30);
	if (users_list(a, cli_user_row, &o, &err) != YJ_OK)
		rc = cli_error(&err);
	cli_out_end(&o, rc == CLI_OK);
	return rc;
}

int
cli_user(struct yj_app *a, const struct cli_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "display", required_argument, NULL, 'd' },
		{ "person", required_argument, NULL, 'p' },
		{ "scope", required_argument, NULL, 's' },
		{ "temporary", no_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	/* Which options each takes: the letters of opts. */
	static const struct {
		const char	*sub;
		const char	*takes;
		const char	*says;
	} subs[] = {
		{ "add", "rdpst", "" },
		{ "passwd", "t", "only --temporary" },
		{ "role", "r", "only --role" },
		{ "disable", "", "no options" },
		{ "unlock", "", "no options" },
	};
	struct users_new	 n;
	struct yj_error		 err;
	const char		*sub = argc > 1 ? argv[1] : "";
	const char		**scope = NULL;
	char			*pw = NULL;
	int			 ch, rc = CLI_OK, cleared;
	size_t			 k;
	enum yj_status		 r;

	(void)g;
	if (strcmp(sub, "list") == 0)
		return cli_user_list(a, argc - 1, argv + 1);
	for (k = 0; k < sizeof subs / sizeof subs[0]; k++) {
		if (strcmp(sub, subs[k].sub) == 0)
			break;
	}
	if (k == sizeof subs / sizeof subs[0]) {
		cli_warn("usage: yujing user add|list|passwd|role|disable|"
		    "unlock ...");
		return CLI_USAGE;
	}
	memset(&n, 0, sizeof n);
	argc--;
	argv++;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == '?' || ch == ':') {
			rc = cli_admin_bad("user", argv);
			goto out;
		}
		if (strchr(subs[k].takes, ch) == NULL) {
			cli_warn("user %s takes %s", sub, subs[k].says);
			rc = CLI_USAGE;
			goto out;
		}
		switch (ch) {
		case 'r': n.role = optarg; break;
		case 'd': n.display = optarg; break;
		case 'p': n.person = optarg; break;
		case 't': n.temporary = true; break;
		case 's':
			scope = xreallocarray(scope, n.nscope + 1,
			    sizeof *scope);
			scope[n.nscope++] = optarg;
			break;
		default:
			rc = cli_admin_bad("user add", argv);
			goto out;
		}
	}
	n.scope = scope;
	if (optind != argc - 1) {
		cli_warn("user %s needs one user name", sub);
		rc = CLI_USAGE;
		goto out;
	}
	n.login = argv[optind];
	if (strcmp(sub, "disable") == 0) {
		if (users_disable(a, n.login, &err) != YJ_OK)
			rc = cli_error(&err);
		goto out;
	}
	if (strcmp(sub, "unlock") == 0) {
		if (users_unlock(a, n.login, &cleared, &err) != YJ_OK)
			rc = cli_error(&err);
		else if (cleared == 0)
			printf("%s: no wrong passwords to clear\n", n.login);
		else {
			printf("%s: %d wrong password%s cleared; the next "
			    "sign-in need not wait\n", n.login, cleared,
			    cleared == 1 ? "" : "s");
			rc = cli_saved("the wait of %s cleared", n.login);
		}
		goto out;
	}
	if (strcmp(sub, "role") == 0) {
		if (n.role == NULL) {
			cli_warn("user role needs --role");
			rc = CLI_USAGE;
		} else if (users_role(a, n.login, n.role, &err) != YJ_OK)
			rc = cli_error(&err);
		goto out;
	}
	if (strcmp(sub, "add") == 0 && n.role == NULL) {
		cli_warn("user add needs --role");
		rc = CLI_USAGE;
		goto out;
	}
	if ((pw = cli_password("YUJING_NEW_PASSWORD", "New password: ",
	    true)) == NULL) {
		rc = CLI_BAD_INPUT;
		goto out;
	}
	n.password = pw;
	if (strcmp(sub, "add") == 0)
		r = users_add(a, &n, false, &err);
	else
		r = users_passwd(a, n.login, pw, n.temporary, &err);
	if (r != YJ_OK)
		rc = cli_error(&err);
out:
	free(scope);
	passwd_free(pw);
	return rc;
}

/* "N:HEX" as verify prints the head: the count and 16 hex digits. */
static int
cli_anchor(const char *s, int64_t *events, char hex[17])
{
	const char	*colon = strchr(s, ':');
	char		*num;
	size_t		 i;
	int		 ok;

	if (colon == NULL || strlen(colon + 1) != 16)
		return -1;
	/* As verify prints it, or as sqlite's hex() or a hand writes it. */
	for (i = 0; i < 16; i++) {
		if (strchr("0123456789abcdefABCDEF", colon[1 + i]) == NULL ||
		    colon[1 + i] == '\0')
			return -1;
		hex[i] = (char)tolower((unsigned char)colon[1 + i]);
	}
	hex[16] = '\0';
	num = xstrndup(s, (size_t)(colon - s));
	ok = number_id(num, events);
	free(num);
	return ok ? 0 : -1;
}

/*
 * A lost password set anew by whoever can write the database file: no
 * sign-in asked (there may be nobody left who can), on record.
 */
static int
cli_admin_reset(struct yj_app *a, const char *login)
{
	struct yj_error	 err;
	char		*pw;
	int		 rc = CLI_OK;

	if (access(a->db_path, W_OK) != 0) {
		cli_warn("%s: only someone who may write the database file "
		    "can reset a password this way (%s)", a->db_path,
		    strerror(errno));
		return CLI_BAD_INPUT;
	}
	if ((pw = cli_password("YUJING_NEW_PASSWORD", "New password: ",
	    true)) == NULL)
		return CLI_BAD_INPUT;
	if (users_reset_by_file(a, login, pw, &err) != YJ_OK)
		rc = cli_error(&err);
	passwd_free(pw);
	if (rc != CLI_OK)
		return rc;
	printf("%s: password set anew (on record); wrong passwords before "
	    "it no longer make the sign-in wait\n", login);
	return cli_saved("the password of %s set anew", login);
}

int
cli_admin(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ NULL, 0, NULL, 0 }
	};
	struct yj_error	 err;
	int64_t		 rows;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1)
		return cli_admin_bad("admin", argv);
	if (argc - optind == 2 && strcmp(argv[optind],
	    "reset-password") == 0) {
		/* The one subcommand nobody signs in for. */
		if ((rc = cli_setup(a, g, CLI_NEEDS_DB | CLI_NEEDS_POLICY)) !=
		    CLI_OK)
			return rc;
		return cli_admin_reset(a, argv[optind + 1]);
	}
	if (argc - optind != 1 || strcmp(argv[optind],
	    "rebuild-summaries") != 0) {
		fprintf(stderr, "usage: yujing admin rebuild-summaries\n"
		    "       yujing admin reset-password USER\n");
		return CLI_USAGE;
	}
	if ((rc = cli_setup(a, g, CLI_NEEDS_USER)) != CLI_OK)
		return rc;
	if (report_rebuild_summaries(a, &rows, &err) != YJ_OK)
		return cli_error(&err);
	printf("summaries: %lld row%s made anew from the incidents, and the "
	    "follow-ups not done from their events\n", (long long)rows,
	    rows == 1 ? "" : "s");
	return cli_saved("the summaries made anew (%lld rows)",
	    (long long)rows);
}

int
cli_verify(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "anchor", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const kinds[] = {
		"chain", "incident", "user", "schema", "roster", "anchor",
		"summary"
	};
	struct store_verify	 v;
	struct store_diff	*d;
	struct yj_error		 err;
	struct buf		 line;
	size_t			 sums, others;
	char			 head[2 * STORE_HASH_BYTES + 1], hex[17];
	int64_t			 anchor = 0;
	size_t			 i;
	int			 ch;
	bool			 anchored = false;

	(void)g;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'a')
			return cli_admin_bad("verify", argv);
		if (cli_anchor(optarg, &anchor, hex) != 0) {
			cli_warn("--anchor %s: write COUNT:HEX as verify "
			    "printed the head, e.g. 1234:0123456789abcdef",
			    optarg);
			return CLI_USAGE;
		}
		anchored = true;
	}
	if (optind < argc) {
		cli_warn("verify: unexpected '%s'", argv[optind]);
		return CLI_USAGE;
	}
	if (app_verify(a, anchor, anchored ? hex : NULL, &v, &err) !=
	    YJ_OK)
		return cli_error(&err);
	digest_hex(v.head, head);
	printf("chain: %lld events, head %.16s\n", (long long)v.events,
	    v.events > 0 ? head : "0000000000000000");
	/* The head written down is there, as written: said so. */
	for (i = 0; anchored && i < v.ndiffs; i++) {
		if (v.diffs[i].kind == STORE_DIFF_ANCHOR)
			anchored = false;
	}
	if (anchored)
		printf("anchor: event %lld as written down (%s)\n",
		    (long long)anchor, hex);
	buf_init(&line);
	for (i = 0; i < v.ndiffs; i++) {
		d = &v.diffs[i];
		buf_clear(&line);
		buf_puts(&line, kinds[d->kind]);
		if (d->kind == STORE_DIFF_INCIDENT)
			buf_printf(&line, " %lld", (long long)d->incident);
		else if (d->kind == STORE_DIFF_USER)
			buf_printf(&line, " %s", d->user != NULL ? d->user :
			    "");
		if (d->event != 0)
			buf_printf(&line, "%sevent %lld", d->kind ==
			    STORE_DIFF_CHAIN || d->kind == STORE_DIFF_ROSTER ||
			    d->kind == STORE_DIFF_ANCHOR ? " " : " ",
			    (long long)d->event);
		if (d->field != NULL && d->is != NULL)
			buf_printf(&line, ": %s is %s, history says %s",
			    d->field, d->is, d->says);
		else if (d->field != NULL)
			buf_printf(&line, ": %s: %s", d->field, d->why);
		else
			buf_printf(&line, ": %s", d->why);
		/* The values quoted are whatever the file holds. */
		cli_line("%s", buf_str(&line));
	}
	buf_done(&line);
	for (i = 0, sums = 0; i < v.ndiffs; i++) {
		if (v.diffs[i].kind == STORE_DIFF_SUMMARY)
			sums++;
	}
	/* The line that counts the rest stands for them. */
	i = v.ndiffs + (v.unlisted > 0 ? v.unlisted - 1 : 0);
	others = v.ndiffs - sums;
	app_verify_free(&v);
	/*
	 * Kept for speed, made from the incidents' rows: made anew while a
	 * row differs from its history, they would count the edit.
	 */
	if (sums > 0 && others == 0)
		cli_warn("the summaries the reports read differ from a recount "
		    "of the incidents; nothing of the record is lost: "
		    "'yujing admin rebuild-summaries' makes them anew (in the "
		    "duty room's TZ)");
	else if (sums > 0)
		cli_warn("the summaries differ too, but the record itself "
		    "differs from its history: find out what was changed "
		    "first (rebuilding the summaries now would count the "
		    "changed rows)");
	if (i > 0) {
		cli_warn("%zu difference%s between the record and its history",
		    i, i == 1 ? "" : "s");
		return CLI_DATABASE;
	}
	return CLI_OK;
}

/* --- retention ---------------------------------------------------------- */

/* Each incident as it goes (a first run may hold years of them). */
struct cli_retained {
	enum cli_format	 format;
	struct json	 j;
	struct buf	 out;
	bool		 any;
};

static int
cli_retained(void *arg, const struct store_retained *x)
{
	struct cli_retained	*c = arg;
	char			 when[40], *category;

	caltime_format_local(x->last_at, when, sizeof when);
	if (c->format == CLI_JSON) {
		json_object_begin(&c->j);
		json_kv_int(&c->j, "incident", x->incident);
		json_kv_string(&c->j, "category", x->category);
		json_kv_string(&c->j, "last_at", when);
		json_kv_int(&c->j, "parts", x->parts);
		json_kv_int(&c->j, "students", x->students);
		json_object_end(&c->j);
		fputs(buf_str(&c->out), stdout);
		buf_clear(&c->out);
		return 0;
	}
	if (!c->any)
		printf("%-8s %-24s %-16s %6s %8s\n", "ID", "CATEGORY",
		    "RESOLVED", "VALUES", "STUDENTS");
	c->any = true;
	/* The database's, as the sanitiser shows it. */
	category = safe_dup(x->category, SAFE_NAME);
	printf("%-8lld %-24s %-16s %6lld %8lld\n", (long long)x->incident,
	    category, when, (long long)x->parts, (long long)x->students);
	free(category);
	return 0;
}

int
cli_retention(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "apply", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct retention_totals	 t;
	struct cli_retained	 c;
	struct yj_error		 err;
	int			 ch, rc = CLI_OK, dry = 0, apply = 0;

	(void)g;
	memset(&c, 0, sizeof c);
	c.format = CLI_TABLE;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'n': dry = 1; break;
		case 'a': apply = 1; break;
		case 'f':
			if (cli_parse_format(optarg, 1 << CLI_TABLE |
			    1 << CLI_JSON, &c.format) != 0)
				return CLI_USAGE;
			break;
		default:
			return cli_admin_bad("retention", argv);
		}
	}
	if (optind < argc || dry + apply != 1) {
		cli_warn("retention needs one of --dry-run (say what would go) "
		    "or --apply (remove it)");
		return CLI_USAGE;
	}
	buf_init(&c.out);
	json_init(&c.j, &c.out, true);
	if (c.format == CLI_JSON) {
		json_object_begin(&c.j);
		json_kv_bool(&c.j, "applied", apply != 0);
		json_key(&c.j, "incidents");
		json_array_begin(&c.j);
		fputs(buf_str(&c.out), stdout);
		buf_clear(&c.out);
	}
	if (retention_run(a, apply != 0, cli_retained, &c, &t, &err) != YJ_OK)
		rc = cli_error(&err);
	if (c.format == CLI_JSON && rc == CLI_OK) {
		json_array_end(&c.j);
		json_kv_int(&c.j, "values", t.parts);
		json_kv_int(&c.j, "students", t.students);
		json_kv_int(&c.j, "left_removed", t.left);
		json_kv_int(&c.j, "left_named", t.left_named);
		json_object_end(&c.j);
		fputs(buf_str(&c.out), stdout);
	}
	buf_done(&c.out);
	if (rc != CLI_OK)
		return rc;
	if (c.format != CLI_JSON) {
		if (!t.any_rule)
			printf("%s\n", _("retention: the policy keeps "
			    "everything (no retention: in its rules)"));
		printf(apply ? _("retention: incidents past their time: "
		    "%lld; personal values removed: %lld; links to students "
		    "cut: %lld\n") : _("retention: incidents past their time: "
		    "%lld; personal values that would go: %lld; links to "
		    "students: %lld (--dry-run: nothing changed)\n"),
		    (long long)t.incidents, (long long)t.parts,
		    (long long)t.students);
		printf(apply ? _("retention: students who left, removed from "
		    "the roster: %lld\n") : _("retention: students who left, "
		    "to be removed from the roster: %lld\n"),
		    (long long)t.left);
		if (t.left_named > 0)
			printf(_("retention: students who left as long ago, "
			    "kept while an incident not past its time names "
			    "them: %lld\n"), (long long)t.left_named);
	}
	if (apply && (t.incidents > 0 || t.left > 0))
		return cli_saved("personal details of %lld incidents and %lld "
		    "students removed", (long long)t.incidents,
		    (long long)t.left);
	return CLI_OK;
}
