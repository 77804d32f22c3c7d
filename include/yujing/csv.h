/*
 * CSV as RFC 4180 describes it: comma-separated (or TAB or semicolon),
 * fields optionally in double quotes, "" for a quote inside, CRLF or LF
 * line ends, quoted fields may span lines. Reading keeps the line each
 * record starts on, for FILE:LINE messages. Text is UTF-8; a leading
 * UTF-8 BOM is skipped.
 */
#ifndef YUJING_CSV_H
#define YUJING_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "yujing/buf.h"

#define CSV_MAX_FIELD	(64 * 1024)	/* bytes in one field */
#define CSV_MAX_FIELDS	256		/* fields in one record */

struct csv_reader {
	const char	*data;	/* the whole text, not owned */
	size_t		 len;
	size_t		 pos;
	char		 delim;	/* ',' unless set after init: TAB, ';' */
	int		 line;	/* where the next record starts, 1-based */
	/* The last record read: */
	char		**fields;
	size_t		 nfields;
	size_t		 capfields;
	int		 record_line;
};

/* Starts reading data[0..len) (which need not be NUL-terminated). */
void	 csv_reader_init(struct csv_reader *r, const char *data, size_t len);
void	 csv_reader_done(struct csv_reader *r);
/*
 * Reads the next record into r->fields (valid until the next call).
 * Returns 1 when a record was read, 0 at the end, -1 on a malformed record
 * with *why set to a static message ("quote left open", "field longer than
 * 64 KiB", "text after a closing quote", "quote inside an unquoted
 * field", "too many fields", "NUL byte");
 * r->record_line says where. Blank lines are skipped. After -1 the reader
 * goes on at the next line, so every bad record can be reported.
 */
int	 csv_read(struct csv_reader *r, const char **why);

/*
 * Appends one field, quoted when it must be: a comma, quote, CR or LF, a
 * space at either end, an empty first field (else the record reads as a
 * blank line) or a leading U+FEFF (else it reads as a BOM). NULL is
 * written as an empty field.
 */
void	 csv_write_field(struct buf *out, const char *s, bool first);
/*
 * Appends a field of text for a spreadsheet: one that begins with =, +,
 * -, @, a tab or a CR gets a ' in front, so that Excel and its kind show
 * it rather than run it as a formula (OWASP's rule for CSV injection).
 * The program's own numbers go through csv_write_field: -1 is a number.
 */
void	 csv_write_text(struct buf *out, const char *s, bool first);
/* Ends a record with CRLF, as RFC 4180 has it. */
void	 csv_write_end(struct buf *out);

/*
 * Converts text from GBK (GB18030, which contains it) to UTF-8 with
 * iconv, appending to out. Returns 0, or -1 with out untouched and *line
 * set to the line of the first byte that is not valid GBK (0 when the
 * system has no such converter).
 */
int	 csv_from_gbk(const char *data, size_t len, struct buf *out, int *line);
/*
 * The other way, for a spreadsheet that reads GBK: UTF-8 text as GB18030
 * (which has every character) appended to out; -1 when no converter is
 * installed or the text is not UTF-8 (out untouched).
 */
int	 csv_to_gbk(const char *data, size_t len, struct buf *out);

#endif
