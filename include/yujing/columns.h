/*
 * The columns of a school's spreadsheet, found by what their headers say
 * (S1): each field an import needs has the names schools give it
 * (学院, 院系, department ...); the header row is found below any title
 * rows, a group header above it (家长 over 姓名 and 电话) joins the
 * names below; --map names the rest. And the values, as the school types
 * them, made one form: NFKC, buildings and rooms, phones.
 */
#ifndef YUJING_COLUMNS_H
#define YUJING_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "yujing/buf.h"
#include "yujing/diag.h"
#include "yujing/sheet.h"

struct policy;

#define COLUMNS_MAX	40	/* fields of one import */
#define COLUMNS_LOOK	10	/* rows looked at for the header */

struct column_field {
	const char		 *id;		/* for --map and messages */
	const char		 *zh;		/* its name in messages */
	const char *const	 *names;	/* headers meaning it */
	bool			  required;
};

struct columns {
	const struct column_field *fields;
	size_t			 nfields;
	size_t			 header;	/* index of the header row */
	int			 col[COLUMNS_MAX];	/* -1: absent */
	char			*seen[COLUMNS_MAX];	/* header text used */
	bool			 mapped[COLUMNS_MAX];	/* by --map */
};

/*
 * Finds the header row and each field's column. map is --map's text
 * (HEADER=FIELD or COLUMN=FIELD, comma-separated) or NULL. Returns -1
 * after errors in d: a required field missing (with the names it may
 * have), two columns for one field, a bad --map. Columns used by no
 * field are warnings.
 */
int		 columns_find(struct columns *c, const struct sheet *sh,
		    const struct column_field *fields, size_t nfields,
		    const char *map, struct diags *d);
void		 columns_done(struct columns *c);
/* The mapping used, one line per field, for --dry-run. */
void		 columns_describe(const struct columns *c, struct buf *out);
/* A row's cell for field i, NFKC and trimmed (a new string). */
char		*columns_cell(const struct columns *c,
		    const struct sheet_row *r, size_t i);

/*
 * Values: each returns 0 with out set (a new string), or -1 with *why
 * a sentence saying what is wrong and what to do.
 */
/* A number as Excel may have mangled it: 2.02301E+09, '2023... */
int		 columns_number(const char *s, char **out, const char **why);
/* A Chinese name: spaces between Han characters dropped; '?' refused. */
int		 columns_name(const char *s, char **out, const char **why);
/* A phone: spaces, dashes and brackets dropped, an extension kept (转). */
int		 columns_phone(const char *s, char **out, const char **why);
/*
 * A building as schools write it: 3, 3#, 3栋, 3号楼, 3幢 are 3 (NFKC:
 * ３号楼 too); a name the policy's buildings: gives (东三, 3舍), with a
 * mark or not, is that building's id. pol may be NULL.
 */
char		*columns_building(const struct policy *pol, const char *s);
/*
 * A room, and the building it may name (3-402, 3#402, 3栋402): *bout
 * the building it named (a new string) or NULL. -1 when it names
 * another building than building (when given), *bout that one.
 */
int		 columns_room(const char *s, const char *building,
		    char **room, char **bout, const char **why);
/* A cell naming several units: 计科2301、计科2302 (、，；,;/ between). */
size_t		 columns_split(const char *s, char ***out);

#endif
