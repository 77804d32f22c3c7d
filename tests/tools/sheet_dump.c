/*
 * sheet_dump: a workbook as the tests read it back, through the project's
 * own reader (sheet.h) and the zip it is.
 *
 *   sheet_dump FILE [SHEET]   the sheet's rows (the first: SHEET unset),
 *                             a line each, cells TAB-separated, each
 *                             TYPE:TEXT (s string, n number, d date,
 *                             b boolean, - empty), \n and \t escaped
 *   sheet_dump --sheets FILE  the sheets' names, in order, a line each
 *   sheet_dump --charts FILE  how many charts the workbook holds, then
 *                             a line for each: bar, col or line and
 *                             the ranges it draws
 *
 * Exit status 1 with the reader's messages when it refuses the file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "yujing/diag.h"
#include "yujing/sheet.h"
#include "yujing/xmalloc.h"

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*p;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	p = xmalloc((size_t)n + 1);
	if (fread(p, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(2);
	}
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

/* A part of the zip as text, or NULL. */
static char *
zip_text(zip_t *z, const char *name)
{
	zip_file_t	*f;
	zip_stat_t	 st;
	char		*p;

	if (zip_stat(z, name, 0, &st) != 0 ||
	    (f = zip_fopen(z, name, 0)) == NULL)
		return NULL;
	p = xmalloc(st.size + 1);
	if (zip_fread(f, p, st.size) != (zip_int64_t)st.size) {
		zip_fclose(f);
		free(p);
		return NULL;
	}
	zip_fclose(f);
	p[st.size] = '\0';
	return p;
}

static zip_t *
open_zip(const char *path)
{
	zip_t	*z;
	int	 e;

	if ((z = zip_open(path, ZIP_RDONLY, &e)) == NULL) {
		fprintf(stderr, "%s: not a zip (error %d)\n", path, e);
		exit(1);
	}
	return z;
}

/*
 * The charts: how many, then a line for each, chart1 first: its kind
 * (bar, col, line) and the ranges it draws.
 */
static int
charts(const char *path)
{
	zip_t		*z = open_zip(path);
	zip_int64_t	 i, n = zip_get_num_entries(z, 0);
	const char	*name;
	char		 part[64], *xml, *p, *q;
	int		 count = 0, k;

	for (i = 0; i < n; i++) {
		name = zip_get_name(z, (zip_uint64_t)i, 0);
		if (name != NULL && strncmp(name, "xl/charts/chart", 15) == 0)
			count++;
	}
	printf("%d\n", count);
	for (k = 1; k <= count; k++) {
		snprintf(part, sizeof part, "xl/charts/chart%d.xml", k);
		if ((xml = zip_text(z, part)) == NULL)
			continue;
		if ((p = strstr(xml, "<c:barDir val=\"")) != NULL)
			printf("%.3s", p + 15);
		else if (strstr(xml, "<c:lineChart>") != NULL)
			fputs("line", stdout);
		else
			fputs("other", stdout);
		for (p = xml; (p = strstr(p, "<c:f>")) != NULL; p = q) {
			p += 5;
			if ((q = strstr(p, "</c:f>")) == NULL)
				break;
			printf(" %.*s", (int)(q - p), p);
		}
		putchar('\n');
		free(xml);
	}
	zip_close(z);
	return 0;
}

/* The names of workbook.xml's <sheet name="..."> (the test's own files). */
static int
sheets(const char *path)
{
	zip_t		*z = open_zip(path);
	char		*xml, *p, *q;

	if ((xml = zip_text(z, "xl/workbook.xml")) == NULL) {
		fprintf(stderr, "%s: no xl/workbook.xml\n", path);
		return 1;
	}
	for (p = xml; (p = strstr(p, "<sheet ")) != NULL; p = q) {
		if ((p = strstr(p, " name=\"")) == NULL)
			break;
		p += 7;
		if ((q = strchr(p, '"')) == NULL)
			break;
		printf("%.*s\n", (int)(q - p), p);
	}
	free(xml);
	zip_close(z);
	return 0;
}

static void
put_cell(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else
			putchar(*s);
	}
}

int
main(int argc, char **argv)
{
	static const char	 types[] = "-sndb";
	struct sheet_opts	 o;
	struct sheet		 sh;
	struct diags		 d;
	size_t			 len, i, c;
	char			*data;

	if (argc == 3 && strcmp(argv[1], "--charts") == 0)
		return charts(argv[2]);
	if (argc == 3 && strcmp(argv[1], "--sheets") == 0)
		return sheets(argv[2]);
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: sheet_dump FILE [SHEET] | --sheets "
		    "FILE | --charts FILE\n");
		return 2;
	}
	data = slurp(argv[1], &len);
	memset(&o, 0, sizeof o);
	o.sheet = argc == 3 ? argv[2] : NULL;
	diags_init(&d, argv[1]);
	if (sheet_read(&sh, data, len, &o, &d) != 0) {
		diags_print(&d, stderr);
		return 1;
	}
	for (i = 0; i < sh.nrows; i++) {
		for (c = 0; c < sh.rows[i].ncells; c++) {
			printf("%s%c:", c ? "\t" : "",
			    types[sh.rows[i].types[c] % 5]);
			put_cell(sh.rows[i].cells[c]);
		}
		putchar('\n');
	}
	sheet_free(&sh);
	diags_done(&d);
	free(data);
	return 0;
}
