/*
 * A YAML document as a tree of nodes that remember where they stand in the
 * file, built with libyaml's event parser. Bounded: nesting depth, node
 * count and alias expansion all have limits, so hostile input fails with a
 * message instead of eating the machine. Used by the policy loader only.
 */
#ifndef YUJING_YAMLTREE_H
#define YUJING_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "yujing/diag.h"

#define YAMLTREE_MAX_DEPTH	64
#define YAMLTREE_MAX_NODES	200000
#define YAMLTREE_MAX_EXPANSION	200000	/* nodes, counting aliases as copies */

enum ynode_kind {
	YNODE_SCALAR,
	YNODE_SEQUENCE,
	YNODE_MAPPING
};

struct ynode;

struct ypair {
	struct ynode	*key;	/* always a scalar */
	struct ynode	*value;
};

struct ynode {
	enum ynode_kind	 kind;
	int		 line;	/* 1-based */
	int		 col;	/* 1-based, in characters */
	size_t		 weight;	/* nodes below and including this one */

	/* YNODE_SCALAR */
	char		*value;
	size_t		 len;
	bool		 plain;		/* not quoted, not a block scalar */

	/* YNODE_SEQUENCE */
	struct ynode	**items;
	/* YNODE_MAPPING */
	struct ypair	*pairs;
	size_t		 n;		/* items or pairs */
	size_t		 cap;
};

struct ydoc {
	struct ynode	*root;		/* NULL when the file holds no document */
	struct ynode	**all;		/* every node, to free them */
	size_t		 nall;
	size_t		 capall;
};

/*
 * Parses data (which need not be NUL-terminated) into doc. Returns 0, or -1
 * after adding diagnostics to d; either way ydoc_free(doc) afterwards.
 */
int		 yamltree_parse(struct ydoc *doc, const char *data, size_t len,
		     struct diags *d);
void		 yamltree_free(struct ydoc *doc);
/* The value for key in a mapping, or NULL. */
struct ynode	*yamltree_get(const struct ynode *map, const char *key);
/* The key node for key in a mapping, or NULL: where to point at a key. */
struct ynode	*yamltree_key(const struct ynode *map, const char *key);
/* Whether a scalar is a plain null: empty, "~", "null". */
bool		 yamltree_is_null(const struct ynode *n);
/* "a scalar", "a list", "a mapping" — for messages. */
const char	*yamltree_kind_name(const struct ynode *n);

#endif
