/* Workbooks out: .xlsx by libxlsxwriter, a row at a time. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "yujing/book.h"
#include "yujing/buf.h"
#include "yujing/safe.h"
#include "yujing/sheet.h"
#include "yujing/width.h"
#include "yujing/xmalloc.h"

#define BOOK_MAX_CHARS	32767	/* of a cell: Excel's limit */
#define BOOK_MAX_WIDTH	60	/* of a column, in characters */
#define BOOK_CHART_ROWS	16	/* rows a chart takes, with a gap */

struct book_chart_req {
	enum book_chart	 kind;
	char		*title;
	size_t		 cat, val;
};

struct book {
	lxw_workbook		*wb;
	char			*path;
	char			*tmp;	/* written here, renamed to path */
	char			*dir;	/* libxlsxwriter's own temp files */
	mode_t			 mode;	/* the file's, once in place */
	uint32_t		 max_rows;
	lxw_format		*head, *time, *dur, *wrap;
	struct yj_error		 err;	/* the first failure */

	/* The current table. */
	char			*name;
	struct book_column	*cols;
	size_t			 ncols;
	size_t			*width;	/* the widest cell so far, columns */
	lxw_worksheet		*ws;	/* the sheet being written */
	lxw_worksheet		*first;	/* the table's first sheet */
	char			*first_name;
	uint32_t		 row;	/* of ws, the next to write */
	size_t			 col;
	int			 part;	/* 1 on the first sheet */
	uint64_t		 rows;	/* of data, over all its sheets */
	uint32_t		 first_rows;
	bool			 stopped;	/* book_chart_stop: */
	uint32_t		 chart_rows;	/* the rows drawn */
	struct book_chart_req	*charts;
	size_t			 ncharts;
};

static void
book_fail(struct book *b, enum yj_status s, const char *what, lxw_error e)
{
	if (b->err.status != YJ_OK)
		return;
	yj_fail(&b->err, s, "%s: %s", what, lxw_strerror(e));
}

/* A path refused (the user's to change) or a disk that failed. */
static enum yj_status
book_errno(int e)
{
	return e == ENOSPC || e == EIO || e == EDQUOT ? YJ_IO : YJ_BAD_INPUT;
}

struct book *
book_create(const char *path, struct yj_error *err)
{
	lxw_workbook_options	 o;
	struct book		*b;
	const char		*slash, *base;
	char			*dir;
	struct stat		 st;
	mode_t			 mask;
	int			 fd;

	slash = strrchr(path, '/');
	base = slash != NULL ? slash + 1 : path;
	/*
	 * Refused now rather than after the work, at the rename: what is
	 * there must be a file it may replace (not /dev/null, a FIFO, a
	 * link: the rename would put the workbook in their place).
	 */
	if (*base == '\0' || strcmp(path, "-") == 0) {
		yj_fail(err, YJ_BAD_INPUT, "'%s': a workbook is written to a "
		    "file: give its name (report.xlsx)", path);
		return NULL;
	}
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		yj_fail(err, YJ_BAD_INPUT, "%s: %s: give the name of a file",
		    path, S_ISDIR(st.st_mode) ? "a directory" : S_ISLNK(
		    st.st_mode) ? "a symbolic link" : "not a regular file");
		return NULL;
	}
	dir = slash != NULL ? xstrndup(path, (size_t)(slash - path + 1)) :
	    xstrdup("./");
	b = xcalloc(1, sizeof *b);
	b->path = xstrdup(path);
	b->dir = dir;
	/* Beside the file, so that the rename is one step on one disk. */
	b->tmp = xasprintf("%s.%s.XXXXXX", dir, base);
	if ((fd = mkstemp(b->tmp)) == -1) {
		yj_fail(err, book_errno(errno), "%s: %s", path,
		    strerror(errno));
		free(b->tmp);
		b->tmp = NULL;
		book_discard(b);
		return NULL;
	}
	/*
	 * Its mode when it is complete: the file's it replaces, else what
	 * the umask leaves of rw-rw-rw-; until then, the user's only (it
	 * holds what is not yet on record).
	 */
	mask = umask(0);
	umask(mask);
	b->mode = lstat(path, &st) == 0 ? st.st_mode & 07777 : 0666 & ~mask;
	close(fd);
	memset(&o, 0, sizeof o);
	o.constant_memory = LXW_TRUE;
	/*
	 * libxlsxwriter keeps each sheet in a temporary file until the end:
	 * on the disk the workbook goes to, not a /tmp that may be memory.
	 */
	o.tmpdir = b->dir;
	o.use_zip64 = LXW_TRUE;
	if ((b->wb = workbook_new_opt(b->tmp, &o)) == NULL) {
		yj_fail(err, YJ_IO, "%s: cannot begin the workbook", path);
		book_discard(b);
		return NULL;
	}
	b->max_rows = SHEET_MAX_ROWS;
	b->head = workbook_add_format(b->wb);
	format_set_bold(b->head);
	format_set_bottom(b->head, LXW_BORDER_THIN);
	b->time = workbook_add_format(b->wb);
	format_set_num_format(b->time, "yyyy-mm-dd hh:mm");
	b->dur = workbook_add_format(b->wb);
	format_set_num_format(b->dur, "[h]:mm");
	b->wrap = workbook_add_format(b->wb);
	format_set_text_wrap(b->wrap);
	format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
	yj_error_clear(&b->err);
	return b;
}

void
book_set_rows(struct book *b, uint32_t rows)
{
	b->max_rows = rows < 2 ? 2 : rows;
}

/*
 * The name of a table's part'th sheet: the name itself, then "NAME (2)",
 * cut by characters so as to stay within Excel's 31.
 */
static char *
book_sheet_name(const char *name, int part)
{
	char		 suffix[16];
	size_t		 room, n = 0, i;
	int		 len;

	if (part == 1)
		return xstrdup(name);
	len = snprintf(suffix, sizeof suffix, " (%d)", part);
	room = LXW_SHEETNAME_MAX - (size_t)len;
	/* Characters counted at their first bytes. */
	for (i = 0; name[i] != '\0'; i++)
		if (((unsigned char)name[i] & 0xc0) != 0x80 && n++ == room)
			break;
	return xasprintf("%.*s%s", (int)i, name, suffix);
}

/* Widths to the sheet just written, from its widest cells. */
static void
book_widths(struct book *b, lxw_worksheet *ws)
{
	size_t	 c;
	double	 w;

	for (c = 0; c < b->ncols; c++) {
		w = (double)(b->width[c] + 2);
		if (w > BOOK_MAX_WIDTH)
			w = BOOK_MAX_WIDTH;
		/* Wrapping is the cells' own: rows are out already. */
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
	}
}

/* A new sheet for the table, its header written. */
static int
book_sheet(struct book *b)
{
	lxw_worksheet	*ws;
	lxw_error	 e;
	char		*name;
	size_t		 c;

	if (b->ws != NULL) {
		worksheet_autofilter(b->ws, 0, 0, b->row - 1,
		    (lxw_col_t)(b->ncols - 1));
		book_widths(b, b->ws);
	}
	name = book_sheet_name(b->name, b->part + 1);
	if ((e = workbook_validate_sheet_name(b->wb, name)) != LXW_NO_ERROR ||
	    (ws = workbook_add_worksheet(b->wb, name)) == NULL) {
		book_fail(b, YJ_BAD_INPUT, name, e != LXW_NO_ERROR ? e :
		    LXW_ERROR_MEMORY_MALLOC_FAILED);
		free(name);
		return -1;
	}
	b->part++;
	if (b->part == 1) {
		b->first = ws;
		b->first_name = name;
	} else
		free(name);
	b->ws = ws;
	worksheet_freeze_panes(ws, 1, 0);
	for (c = 0; c < b->ncols; c++) {
		e = worksheet_write_string(ws, 0, (lxw_col_t)c,
		    b->cols[c].title, b->head);
		if (e != LXW_NO_ERROR)
			book_fail(b, YJ_IO, b->name, e);
	}
	b->row = 1;
	b->col = 0;
	return 0;
}

/* The charts asked for, drawn beside the table's first sheet. */
static void
book_draw(struct book *b)
{
	static const uint8_t	 types[] = {
		[BOOK_CHART_COLUMN] = LXW_CHART_COLUMN,
		[BOOK_CHART_BAR] = LXW_CHART_BAR,
		[BOOK_CHART_LINE] = LXW_CHART_LINE
	};
	struct book_chart_req	*r;
	lxw_chart_options	 opt;
	lxw_chart_series	*s;
	lxw_chart		*ch;
	lxw_error		 e;
	size_t			 i, drawn = 0;
	uint32_t		 rows;

	rows = b->stopped ? b->chart_rows : b->first_rows;
	for (i = 0; i < b->ncharts; i++) {
		r = &b->charts[i];
		if (rows == 0 || r->cat >= b->ncols || r->val >= b->ncols)
			continue;
		if ((ch = workbook_add_chart(b->wb, types[r->kind])) == NULL) {
			book_fail(b, YJ_IO, r->title,
			    LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
		chart_title_set_name(ch, r->title);
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
		s = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(s, b->first_name, 1,
		    (lxw_col_t)r->cat, rows, (lxw_col_t)r->cat);
		chart_series_set_values(s, b->first_name, 1,
		    (lxw_col_t)r->val, rows, (lxw_col_t)r->val);
		chart_series_set_name(s, b->cols[r->val].title);
		if (b->cols[r->val].type == BOOK_DURATION)
			chart_axis_set_num_format(r->kind == BOOK_CHART_BAR ?
			    ch->x_axis : ch->y_axis, "[h]:mm");
		memset(&opt, 0, sizeof opt);
		opt.x_scale = 1.25;
		opt.y_scale = 1;
		e = worksheet_insert_chart_opt(b->first,
		    (lxw_row_t)(1 + drawn * BOOK_CHART_ROWS),
		    (lxw_col_t)(b->ncols + 1), ch, &opt);
		if (e != LXW_NO_ERROR)
			book_fail(b, YJ_IO, r->title, e);
		drawn++;
	}
}

/* Ends the current table, if any: the last row, its widths and charts. */
static void
book_end(struct book *b)
{
	size_t	 i;

	if (b->name == NULL)
		return;
	/* The last row filled out; after a failure, nothing more is. */
	while (b->ws != NULL && b->col != 0 && b->err.status == YJ_OK)
		book_empty(b);
	if (b->ws != NULL) {
		worksheet_autofilter(b->ws, 0, 0, b->row - 1,
		    (lxw_col_t)(b->ncols - 1));
		book_widths(b, b->ws);
		book_draw(b);
	}
	for (i = 0; i < b->ncharts; i++)
		free(b->charts[i].title);
	free(b->charts);
	for (i = 0; i < b->ncols; i++)
		free((char *)b->cols[i].title);
	free(b->cols);
	free(b->width);
	free(b->name);
	free(b->first_name);
	b->charts = NULL;
	b->ncharts = 0;
	b->cols = NULL;
	b->width = NULL;
	b->name = b->first_name = NULL;
	b->ws = b->first = NULL;
	b->ncols = 0;
}

enum yj_status
book_table(struct book *b, const char *name, const struct book_column *cols,
    size_t ncols, struct yj_error *err)
{
	size_t	 c;

	book_end(b);
	if (b->err.status != YJ_OK) {
		*err = b->err;
		return err->status;
	}
	if (ncols == 0 || ncols > 16384)
		return yj_fail(err, YJ_BAD_INPUT, "%s: 1 to 16384 columns",
		    name);
	b->name = xstrdup(name);
	b->cols = xcalloc(ncols, sizeof *b->cols);
	b->width = xcalloc(ncols, sizeof *b->width);
	b->ncols = ncols;
	for (c = 0; c < ncols; c++) {
		b->cols[c].title = xstrdup(cols[c].title);
		b->cols[c].type = cols[c].type;
		/* The header's filter button takes about two characters. */
		b->width[c] = width_str(cols[c].title) + 2;
	}
	b->part = 0;
	b->rows = 0;
	b->first_rows = 0;
	b->stopped = false;
	if (book_sheet(b) != 0) {
		*err = b->err;
		return err->status;
	}
	return YJ_OK;
}

/*
 * Where the next cell goes: a new sheet when this one is full. NULL
 * when there is no table or writing has failed.
 */
static lxw_worksheet *
book_at(struct book *b)
{
	if (b->ws == NULL || b->err.status != YJ_OK)
		return NULL;
	if (b->col == 0 && b->row >= b->max_rows && book_sheet(b) != 0)
		return NULL;
	return b->ws;
}

/* After a cell as wide as w. */
static void
book_next(struct book *b, size_t w)
{
	if (w > b->width[b->col])
		b->width[b->col] = w;
	if (++b->col < b->ncols)
		return;
	b->col = 0;
	b->row++;
	b->rows++;
	if (b->part == 1)
		b->first_rows++;
}

static void
book_check(struct book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR)
		book_fail(b, YJ_IO, b->name, e);
}

void
book_empty(struct book *b)
{
	if (book_at(b) == NULL)
		return;
	book_next(b, 0);
}

void
book_text(struct book *b, const char *s)
{
	lxw_worksheet	*ws;
	struct buf	 t;
	char		*p, *nl;
	size_t		 w = 0, lw, n = 0, i, cut = 0;
	bool		 lines;

	if ((ws = book_at(b)) == NULL)
		return;
	if (s == NULL || *s == '\0') {
		book_next(b, 0);
		return;
	}
	buf_init(&t);
	safe_add(&t, s, SAFE_LINES);
	/*
	 * Excel holds no more; the cut says so. Made safe, the text is
	 * UTF-8: its characters are counted at their first bytes.
	 */
	for (i = 0; i < t.len; i++)
		if (((unsigned char)t.data[i] & 0xc0) != 0x80 &&
		    n++ == BOOK_MAX_CHARS - 1)
			cut = i;
	if (n > BOOK_MAX_CHARS) {
		t.len = cut;
		buf_puts(&t, "…");
	}
	/* Several lines, or one too long for a column: wrapped. */
	lines = strchr(buf_str(&t), '\n') != NULL;
	book_check(b, worksheet_write_string(ws, b->row, (lxw_col_t)b->col,
	    buf_str(&t), lines || width_str(buf_str(&t)) + 2 >
	    BOOK_MAX_WIDTH ? b->wrap : NULL));
	/* Its widest line. */
	for (p = t.data; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl = '\0';
		if ((lw = width_str(p)) > w)
			w = lw;
	}
	buf_done(&t);
	book_next(b, w);
}

void
book_number(struct book *b, double v)
{
	lxw_worksheet	*ws;
	char		 n[32];

	if ((ws = book_at(b)) == NULL)
		return;
	if (!isfinite(v)) {
		book_next(b, 0);
		return;
	}
	book_check(b, worksheet_write_number(ws, b->row, (lxw_col_t)b->col,
	    v, NULL));
	book_next(b, (size_t)snprintf(n, sizeof n, "%.15g", v));
}

void
book_time(struct book *b, int64_t t)
{
	lxw_worksheet	*ws;
	lxw_datetime	 dt;
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	if ((ws = book_at(b)) == NULL)
		return;
	if (t == 0 || localtime_r(&tt, &tm) == NULL ||
	    tm.tm_year + 1900 < 1900 || tm.tm_year + 1900 > 9999) {
		book_next(b, 0);
		return;
	}
	dt.year = tm.tm_year + 1900;
	dt.month = tm.tm_mon + 1;
	dt.day = tm.tm_mday;
	dt.hour = tm.tm_hour;
	dt.min = tm.tm_min;
	dt.sec = tm.tm_sec;
	book_check(b, worksheet_write_datetime(ws, b->row, (lxw_col_t)b->col,
	    &dt, b->time));
	book_next(b, 16);
}

void
book_duration(struct book *b, int64_t s)
{
	lxw_worksheet	*ws;
	char		 n[32];

	if ((ws = book_at(b)) == NULL)
		return;
	if (s < 0) {
		book_next(b, 0);
		return;
	}
	/* A day is 1 to Excel; the format shows hours past 24. */
	book_check(b, worksheet_write_number(ws, b->row, (lxw_col_t)b->col,
	    (double)s / 86400.0, b->dur));
	book_next(b, (size_t)snprintf(n, sizeof n, "%lld:00",
	    (long long)(s / 3600)));
}

void
book_chart(struct book *b, enum book_chart kind, const char *title,
    size_t cat, size_t val)
{
	struct book_chart_req	*r;

	if (b->name == NULL)
		return;
	b->charts = xreallocarray(b->charts, b->ncharts + 1,
	    sizeof *b->charts);
	r = &b->charts[b->ncharts++];
	r->kind = kind;
	r->title = xstrdup(title);
	r->cat = cat;
	r->val = val;
}

void
book_chart_stop(struct book *b)
{
	if (b->name != NULL && !b->stopped) {
		b->stopped = true;
		b->chart_rows = b->first_rows;
	}
}

uint64_t
book_rows(const struct book *b)
{
	return b->rows;
}

enum yj_status
book_close(struct book *b, struct yj_error *err)
{
	lxw_error	 e;
	int		 fd;

	book_end(b);
	if (b->err.status != YJ_OK) {
		*err = b->err;
		book_discard(b);
		return err->status;
	}
	e = workbook_close(b->wb);
	b->wb = NULL;
	if (e != LXW_NO_ERROR) {
		yj_fail(err, YJ_IO, "%s: %s", b->path, lxw_strerror(e));
		book_discard(b);
		return err->status;
	}
	/* On the disk, then in place, then the directory says so. */
	if ((fd = open(b->tmp, O_RDONLY)) == -1 || fsync(fd) != 0 ||
	    fchmod(fd, b->mode) != 0) {
		yj_fail(err, book_errno(errno), "%s: %s", b->path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		book_discard(b);
		return err->status;
	}
	close(fd);
	if (rename(b->tmp, b->path) != 0) {
		yj_fail(err, book_errno(errno), "%s: %s", b->path,
		    strerror(errno));
		book_discard(b);
		return err->status;
	}
	free(b->tmp);
	b->tmp = NULL;
	if ((fd = open(b->dir, O_RDONLY | O_DIRECTORY)) != -1) {
		(void)fsync(fd);
		close(fd);
	}
	book_discard(b);
	yj_error_clear(err);
	return YJ_OK;
}

void
book_discard(struct book *b)
{
	if (b == NULL)
		return;
	b->ws = NULL;
	book_end(b);
	if (b->wb != NULL)
		lxw_workbook_free(b->wb);
	if (b->tmp != NULL) {
		unlink(b->tmp);
		free(b->tmp);
	}
	free(b->dir);
	free(b->path);
	free(b);
}
