/*
 * The shape of rules.yaml as one const table (like tmux's options_table):
 * which keys each mapping may have, their types, which are required. The
 * loader checks a parsed document against it before building the policy.
 */
#ifndef YUJING_SCHEMA_H
#define YUJING_SCHEMA_H

#include <stdbool.h>

#include "yujing/diag.h"
#include "yujing/yamltree.h"

enum schema_type {
	SCHEMA_STRING,		/* any non-empty text */
	SCHEMA_ID,		/* [a-z][a-z0-9_]*, at most 64 bytes */
	SCHEMA_INT,		/* 0..1000000 */
	SCHEMA_NUMBER,		/* a plain decimal, number_decimal */
	SCHEMA_BOOL,		/* true/false, yes/no */
	SCHEMA_DURATION,	/* see duration.h */
	SCHEMA_YEARS,		/* a duration with years: duration_parse_long */
	SCHEMA_HHMM,		/* "22:00" */
	SCHEMA_DATES,		/* a date or a range of dates */
	SCHEMA_DAYS,		/* a weekday name, a date or a range */
	SCHEMA_LETTER,		/* one letter a-z */
	SCHEMA_SIZE,		/* memory: "19MiB", number_size */
	SCHEMA_ENUM,		/* one of words */
	SCHEMA_LIST,		/* a sequence of elem */
	SCHEMA_MAP,		/* a mapping with the given keys */
	SCHEMA_IDMAP,		/* a mapping of ids to elem */
	SCHEMA_RUNG		/* an id, or a mapping with keys */
};

struct schema_key;

struct schema {
	enum schema_type		 type;
	const char			*what;	/* "level": for messages */
	const struct schema_key		*keys;	/* MAP, RUNG; ends with NULL name */
	const struct schema		*elem;	/* LIST, IDMAP */
	const char *const		*words;	/* ENUM; ends with NULL */
	bool				 nonempty;	/* LIST */
};

struct schema_key {
	const char		*name;
	const struct schema	*type;
	bool			 required;
};

/* The whole document. */
extern const struct schema schema_root;

/*
 * Checks node against s, adding a diagnostic for every problem. name is
 * the key the node stands under, for messages. Returns the number added.
 */
int	schema_check(const struct ynode *node, const struct schema *s,
	    const char *name, struct diags *d);
/* A boolean scalar as schema_check accepts it: 1, 0, or -1 for neither. */
int	schema_bool(const struct ynode *n);
/* Whether s is a valid id: [a-z][a-z0-9_]*, at most 64 bytes. */
bool	schema_is_id(const char *s);

#endif
