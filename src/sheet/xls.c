/*
 * An .xls workbook (BIFF in an OLE2 compound file), read with libfreexl.
 * FreeXL opens files by path only: the bytes go into an anonymous memory
 * file (memfd), opened as /proc/self/fd/N, so that nothing is written to
 * a disk and the reader takes bytes like the others. FreeXL reports no
 * merged ranges: a merged title is its first cell, as in a CSV.
 *
 * FreeXL 1.0 is not safe on every file (a fuzzer found it writing below
 * a buffer of its own), so it runs in a child process with limits on
 * its time and memory, and sends the table back over a pipe: a file
 * that breaks it is refused, and cannot touch the program that asked.
 */
#define _GNU_SOURCE	/* memfd_create */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <freexl.h>

#include "yujing/buf.h"
#include "yujing/diag.h"
#include "yujing/sheet.h"
#include "yujing/xmalloc.h"

static int
xls_memfd(const void *data, size_t len)
{
	const char	*p = data;
	ssize_t		 n;
	int		 fd;

	if ((fd = memfd_create("yujing-xls", MFD_CLOEXEC)) < 0)
		return -1;
	while (len > 0) {
		if ((n = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return fd;
}

/* One cell as text, with its type. */
static void
xls_value(const FreeXL_CellValue *v, struct buf *b, unsigned char *type)
{
	double	 d;

	switch (v->type) {
	case FREEXL_CELL_INT:
		*type = SHEET_NUMBER;
		buf_printf(b, "%d", v->value.int_value);
		break;
	case FREEXL_CELL_DOUBLE:
		*type = SHEET_NUMBER;
		d = v->value.double_value;
		if (!isfinite(d))
			buf_puts(b, "");
		else if (d == floor(d) && fabs(d) < 1e15)
			buf_printf(b, "%.0f", d);
		else
			buf_printf(b, "%.15g", d);
		break;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
		*type = SHEET_STRING;
		buf_puts(b, v->value.text_value);
		break;
	case FREEXL_CELL_DATE:
		*type = SHEET_DATE;
		buf_puts(b, v->value.text_value);
		break;
	case FREEXL_CELL_DATETIME:
		*type = SHEET_DATE;
		/* YYYY-MM-DD HH:MM:SS, to the minute as the others */
		buf_add(b, v->value.text_value,
		    strnlen(v->value.text_value, 16));
		break;
	case FREEXL_CELL_TIME:
		*type = SHEET_DATE;
		buf_add(b, v->value.text_value,
		    strnlen(v->value.text_value, 5));
		break;
	default:
		*type = SHEET_EMPTY;
		break;
	}
	if (b->len == 0)
		*type = SHEET_EMPTY;
}

/* The sheet asked for, or the first; -1 after a message. */
static int
xls_choose(const void *h, const char *name, unsigned short *k,
    const char **found, struct diags *d)
{
	struct buf	 b;
	const char	*s;
	unsigned int	 n = 0, i;

	if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &n) != FREEXL_OK)
		n = 0;
	for (i = 0; i < n && i < 65535; i++) {
		if (freexl_get_worksheet_name(h, (unsigned short)i, &s) !=
		    FREEXL_OK || s == NULL)
			s = "";
		if (name == NULL || strcmp(s, name) == 0) {
			*k = (unsigned short)i;
			*found = s;
			return 0;
		}
	}
	buf_init(&b);
	for (i = 0; i < n && i < 65535; i++)
		if (freexl_get_worksheet_name(h, (unsigned short)i, &s) ==
		    FREEXL_OK && s != NULL)
			buf_printf(&b, "%s%s", i ? ", " : "", s);
	if (name != NULL)
		diags_add(d, 0, 0, "no sheet named '%s' (the workbook has: "
		    "%s)", name, b.len ? buf_str(&b) : "none");
	else
		diags_add(d, 0, 0, "the workbook has no sheet to read");
	buf_done(&b);
	return -1;
}

static int
xls_rows(const void *h, struct sheet *sh, struct diags *d)
{
	FreeXL_CellValue	 v;
	struct sheet_row	*row;
	struct buf		 b;
	unsigned int		 rows, r;
	unsigned short		 cols, c, last;
	unsigned char		 type;
	size_t			 text = 0;

	if (freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
		diags_add(d, 0, 0, "cannot read the sheet's size (the file "
		    "is damaged)");
		return -1;
	}
	if (rows > SHEET_MAX_ROWS)
		rows = SHEET_MAX_ROWS;
	if (cols > SHEET_MAX_COLS)
		cols = SHEET_MAX_COLS;
	for (r = 0; r < rows; r++) {
		sh->rows = xreallocarray(sh->rows, sh->nrows + 1,
		    sizeof *sh->rows);
		row = &sh->rows[sh->nrows++];
		row->line = (int)r + 1;
		row->cells = xcalloc((size_t)cols + 1, sizeof *row->cells);
		row->types = xcalloc((size_t)cols + 1, 1);
		row->ncells = cols;
		for (c = 0, last = 0; c < cols; c++) {
			buf_init(&b);
			type = SHEET_EMPTY;
			if (freexl_get_cell_value(h, r, c, &v) == FREEXL_OK)
				xls_value(&v, &b, &type);
			text += b.len;
			row->cells[c] = b.len ? buf_steal(&b) : xstrdup("");
			row->types[c] = type;
			if (type != SHEET_EMPTY)
				last = (unsigned short)(c + 1);
			buf_done(&b);
		}
		/* As the other readers: a row ends at its last value. */
		for (c = last; c < cols; c++)
			free(row->cells[c]);
		row->ncells = last;
		if (text > SHEET_MAX_TEXT) {
			diags_add(d, row->line, 0, "too much text (more than "
			    "%d MiB)", SHEET_MAX_TEXT / (1024 * 1024));
			return -1;
		}
	}
	return 0;
}

/* The whole read, in the child: FreeXL on the bytes, into sh and d. */
static int
xls_parse(struct sheet *sh, const void *data, size_t len, const char *name,
    struct diags *d)
{
	const void	*h = NULL;
	const char	*found;
	unsigned int	 info;
	unsigned short	 k;
	char		 path[64];
	int		 fd, rc = -1, e;

	memset(sh, 0, sizeof *sh);
	sh->format = SHEET_XLS;
	if ((fd = xls_memfd(data, len)) < 0) {
		diags_add(d, 0, 0, "cannot hold the workbook in memory: %s",
		    strerror(errno));
		return -1;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if ((e = freexl_open(path, &h)) != FREEXL_OK) {
		/* An .xlsx saved with a password is an OLE2 file too. */
		diags_add(d, 0, 0, "not a readable .xls workbook (FreeXL error "
		    "%d): is it damaged, or saved with a password? Save it "
		    "again without one, as .xlsx or CSV", e);
		goto out;
	}
	if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info == FREEXL_BIFF_OBFUSCATED) {
		diags_add(d, 0, 0, "the workbook is protected by a password: "
		    "save it again without one");
		goto out;
	}
	if (xls_choose(h, name, &k, &found, d) != 0)
		goto out;
	sh->name = xstrdup(found);
	if (freexl_select_active_worksheet(h, k) != FREEXL_OK) {
		diags_add(d, 0, 0, "cannot read the sheet '%s' (the file is "
		    "damaged)", found);
		goto out;
	}
	diags_set_sheet(d, sh->name);
	rc = xls_rows(h, sh, d);
out:
	if (h != NULL)
		freexl_close(h);
	close(fd);
	if (rc != 0) {
		sheet_free(sh);
		sh->format = SHEET_XLS;
	}
	return rc;
}

/* --- the child and its pipe ----------------------------------------------- */

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XLS_HAS_ASAN	1
#endif
#endif
#ifndef XLS_HAS_ASAN
#define XLS_HAS_ASAN	0
#endif

/*
 * CPU time of the child. Under ASan (the tests', the fuzzers') it has no
 * address-space limit, and a file that makes FreeXL take all the memory
 * it can is slow to fail: it is stopped well before a fuzzer's 10 s.
 */
#define XLS_SECONDS	(XLS_HAS_ASAN ? 5 : 60)
#define XLS_MEMORY	(1024L * 1024 * 1024)	/* its address space */

static int
xls_write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(fd, c, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A record: its tag, a number, and bytes. */
static int
xls_put(int fd, char tag, int32_t n, const char *s, size_t len)
{
	uint32_t	 l = (uint32_t)len;

	if (xls_write_all(fd, &tag, 1) != 0 ||
	    xls_write_all(fd, &n, sizeof n) != 0 ||
	    xls_write_all(fd, &l, sizeof l) != 0)
		return -1;
	return xls_write_all(fd, s, len);
}

static void
xls_child(int fd, const void *data, size_t len, const char *name)
{
	struct rlimit	 cpu = { XLS_SECONDS, XLS_SECONDS };
	struct rlimit	 core = { 0, 0 };
	struct rlimit	 mem = { XLS_MEMORY, XLS_MEMORY };
	struct sheet	 sh;
	struct diags	 d;
	size_t		 i, j;
	int		 rc;

	setrlimit(RLIMIT_CPU, &cpu);
	setrlimit(RLIMIT_CORE, &core);	/* a file that breaks it: no dump */
	/* A sanitizer's shadow memory needs far more address space. */
#if !defined(__SANITIZE_ADDRESS__) && !XLS_HAS_ASAN
	setrlimit(RLIMIT_AS, &mem);
#else
	(void)mem;
#endif
	diags_init(&d, "");
	rc = xls_parse(&sh, data, len, name, &d);
	for (i = 0; i < d.n; i++)
		if (xls_put(fd, 'D', d.v[i].line, d.v[i].msg,
		    strlen(d.v[i].msg)) != 0)
			_exit(3);
	if (rc == 0) {
		if (xls_put(fd, 'N', 0, sh.name, strlen(sh.name)) != 0)
			_exit(3);
		for (i = 0; i < sh.nrows; i++) {
			if (xls_put(fd, 'R', sh.rows[i].line, NULL, 0) != 0)
				_exit(3);
			for (j = 0; j < sh.rows[i].ncells; j++)
				if (xls_put(fd, 'C', sh.rows[i].types[j],
				    sh.rows[i].cells[j],
				    strlen(sh.rows[i].cells[j])) != 0)
					_exit(3);
		}
	}
	if (xls_put(fd, rc == 0 ? 'E' : 'F', 0, NULL, 0) != 0)
		_exit(3);
	_exit(0);
}

/* Reads exactly n bytes; -1 at the end or on an error. */
static int
xls_read_all(int fd, void *p, size_t n)
{
	char	*c = p;
	ssize_t	 r;

	while (n > 0) {
		if ((r = read(fd, c, n)) <= 0) {
			if (r < 0 && errno == EINTR)
				continue;
			return -1;
		}
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

/* The child's records into sh and d; 0, 1 (it refused), -1 (broken). */
static int
xls_receive(int fd, struct sheet *sh, struct diags *d)
{
	struct sheet_row	*row = NULL;
	char			 tag, *s;
	int32_t			 n;
	uint32_t		 len;
	size_t			 total = 0;

	for (;;) {
		if (xls_read_all(fd, &tag, 1) != 0 ||
		    xls_read_all(fd, &n, sizeof n) != 0 ||
		    xls_read_all(fd, &len, sizeof len) != 0 ||
		    (total += len) > SHEET_MAX_TEXT)
			return -1;
		s = xmalloc((size_t)len + 1);
		if (xls_read_all(fd, s, len) != 0) {
			free(s);
			return -1;
		}
		s[len] = '\0';
		switch (tag) {
		case 'D':
			diags_add(d, n, 0, "%s", s);
			break;
		case 'N':
			free(sh->name);
			sh->name = s;
			diags_set_sheet(d, s);
			continue;
		case 'R':
			if (sh->nrows == SHEET_MAX_ROWS)
				break;
			sh->rows = xreallocarray(sh->rows, sh->nrows + 1,
			    sizeof *sh->rows);
			row = &sh->rows[sh->nrows++];
			memset(row, 0, sizeof *row);
			row->line = n;
			break;
		case 'C':
			if (row == NULL || row->ncells == SHEET_MAX_COLS) {
				free(s);
				return -1;
			}
			row->cells = xreallocarray(row->cells,
			    row->ncells + 1, sizeof *row->cells);
			row->types = xreallocarray(row->types,
			    row->ncells + 1, 1);
			row->types[row->ncells] = (unsigned char)n;
			row->cells[row->ncells++] = s;
			continue;
		case 'E':
		case 'F':
			free(s);
			return tag == 'E' ? 0 : 1;
		default:
			free(s);
			return -1;
		}
		free(s);
	}
}

int
sheet_read_xls(struct sheet *sh, const void *data, size_t len,
    const char *name, struct diags *d)
{
	pid_t	 pid;
	int	 fds[2], rc, status = 0;

	memset(sh, 0, sizeof *sh);
	sh->format = SHEET_XLS;
	if (pipe(fds) != 0) {
		diags_add(d, 0, 0, "cannot start the .xls reader: %s",
		    strerror(errno));
		return -1;
	}
	if ((pid = fork()) < 0) {
		diags_add(d, 0, 0, "cannot start the .xls reader: %s",
		    strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		xls_child(fds[1], data, len, name);
	}
	close(fds[1]);
	rc = xls_receive(fds[0], sh, d);
	/* Stopped reading early: the child is not to wait on a full pipe. */
	if (rc < 0)
		kill(pid, SIGKILL);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = 0;
			break;
		}
	if (rc < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (rc <= 0)
			diags_add(d, 0, 0, "the .xls reader failed on this "
			    "file (%s): is it damaged? Save it again from the "
			    "spreadsheet, as .xlsx", rc < 0 &&
			    WIFSIGNALED(status) && WTERMSIG(status) ==
			    SIGKILL ? "too large" : WIFSIGNALED(status) ?
			    strsignal(WTERMSIG(status)) : "it stopped");
		rc = 1;
	}
	if (rc != 0) {
		sheet_free(sh);
		sh->format = SHEET_XLS;
		return -1;
	}
	return 0;
}
