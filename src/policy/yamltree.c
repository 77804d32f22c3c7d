#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "yujing/diag.h"
#include "yujing/xmalloc.h"
#include "yujing/yamltree.h"

struct anchor {
	char		*name;
	struct ynode	*node;
};

struct builder {
	struct ydoc	*doc;
	struct diags	*d;
	struct ynode	*stack[YAMLTREE_MAX_DEPTH];
	char		*stack_anchor[YAMLTREE_MAX_DEPTH];
	int		 depth;
	struct anchor	*anchors;
	size_t		 nanchors;
	size_t		 capanchors;
	int		 documents;
};

static struct ynode *
yamltree_new(struct builder *b, enum ynode_kind kind, const yaml_mark_t *m)
{
	struct ydoc	*doc = b->doc;
	struct ynode	*n;

	n = xcalloc(1, sizeof *n);
	n->kind = kind;
	n->line = (int)m->line + 1;
	n->col = (int)m->column + 1;
	n->weight = 1;
	if (doc->nall == doc->capall) {
		doc->capall = doc->capall ? doc->capall * 2 : 64;
		doc->all = xreallocarray(doc->all, doc->capall,
		    sizeof *doc->all);
	}
	doc->all[doc->nall++] = n;
	return n;
}

static void
yamltree_free_node(struct ynode *n)
{
	free(n->value);
	free(n->items);
	free(n->pairs);
	free(n);
}

void
yamltree_free(struct ydoc *doc)
{
	size_t	 i;

	for (i = 0; i < doc->nall; i++)
		yamltree_free_node(doc->all[i]);
	free(doc->all);
	memset(doc, 0, sizeof *doc);
}

static void
yamltree_add_anchor(struct builder *b, char *name, struct ynode *n)
{
	size_t	 i;

	/* A later anchor of the same name replaces the earlier (YAML 1.2). */
	for (i = 0; i < b->nanchors; i++) {
		if (strcmp(b->anchors[i].name, name) == 0) {
			free(name);
			b->anchors[i].node = n;
			return;
		}
	}
	if (b->nanchors == b->capanchors) {
		b->capanchors = b->capanchors ? b->capanchors * 2 : 8;
		b->anchors = xreallocarray(b->anchors, b->capanchors,
		    sizeof *b->anchors);
	}
	b->anchors[b->nanchors].name = name;
	b->anchors[b->nanchors].node = n;
	b->nanchors++;
}

static struct ynode *
yamltree_find_anchor(struct builder *b, const char *name)
{
	size_t	 i;

	for (i = 0; i < b->nanchors; i++) {
		if (strcmp(b->anchors[i].name, name) == 0)
			return b->anchors[i].node;
	}
	return NULL;
}

/*
 * Attaches a finished node to the collection on top of the stack, or makes
 * it the root; line and col are where it stands in the file (an alias's
 * place, not its anchor's). Returns -1 (with a diagnostic) when the document breaks a
 * limit or a rule of ours.
 */
static int
yamltree_attach(struct builder *b, struct ynode *n, int line, int col)
{
	struct ynode	*top;
	size_t		 i;

	if (b->depth == 0) {
		b->doc->root = n;
		return 0;
	}
	top = b->stack[b->depth - 1];
	if (top->weight > YAMLTREE_MAX_EXPANSION - n->weight) {
		diags_add(b->d, line, col,
		    "aliases expand to more than %d nodes",
		    YAMLTREE_MAX_EXPANSION);
		return -1;
	}
	top->weight += n->weight;

	if (top->kind == YNODE_SEQUENCE) {
		if (top->n == top->cap) {
			top->cap = top->cap ? top->cap * 2 : 4;
			top->items = xreallocarray(top->items, top->cap,
			    sizeof *top->items);
		}
		top->items[top->n++] = n;
		return 0;
	}

	/* A mapping: keys and values alternate. */
	if (top->n > 0 && top->pairs[top->n - 1].value == NULL) {
		top->pairs[top->n - 1].value = n;
		return 0;
	}
	if (n->kind != YNODE_SCALAR) {
		diags_add(b->d, line, col,
		    "a key must be a plain word, not %s",
		    yamltree_kind_name(n));
		return -1;
	}
	for (i = 0; i < top->n; i++) {
		if (strcmp(top->pairs[i].key->value, n->value) == 0) {
			diags_add(b->d, line, col,
			    "duplicate key '%s' (first at line %d)", n->value,
			    top->pairs[i].key->line);
			return -1;
		}
	}
	if (top->n == top->cap) {
		top->cap = top->cap ? top->cap * 2 : 4;
		top->pairs = xreallocarray(top->pairs, top->cap,
		    sizeof *top->pairs);
	}
	top->pairs[top->n].key = n;
	top->pairs[top->n].value = NULL;
	top->n++;
	return 0;
}

static int
yamltree_open(struct builder *b, enum ynode_kind kind, const yaml_mark_t *m,
    const yaml_char_t *anchor)
{
	struct ynode	*n;

	if (b->depth >= YAMLTREE_MAX_DEPTH) {
		diags_add(b->d, (int)m->line + 1, (int)m->column + 1,
		    "nested more than %d levels deep", YAMLTREE_MAX_DEPTH);
		return -1;
	}
	n = yamltree_new(b, kind, m);
	b->stack_anchor[b->depth] =
	    anchor != NULL ? xstrdup((const char *)anchor) : NULL;
	b->stack[b->depth++] = n;
	return 0;
}

static int
yamltree_close(struct builder *b)
{
	struct ynode	*n;
	char		*anchor;

	n = b->stack[--b->depth];
	anchor = b->stack_anchor[b->depth];
	b->stack_anchor[b->depth] = NULL;
	/* Registered only once complete, so an alias cannot reach its own parent. */
	if (anchor != NULL)
		yamltree_add_anchor(b, anchor, n);
	return yamltree_attach(b, n, n->line, n->col);
}

static int
yamltree_event(struct builder *b, yaml_event_t *ev)
{
	struct ynode	*n;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->documents > 1) {
			diags_add(b->d, (int)ev->start_mark.line + 1,
			    (int)ev->start_mark.column + 1,
			    "more than one YAML document (remove the '---')");
			return -1;
		}
		return 0;
	case YAML_SCALAR_EVENT:
		if (b->doc->nall >= YAMLTREE_MAX_NODES) {
			diags_add(b->d, (int)ev->start_mark.line + 1,
			    (int)ev->start_mark.column + 1,
			    "more than %d nodes", YAMLTREE_MAX_NODES);
			return -1;
		}
		n = yamltree_new(b, YNODE_SCALAR, &ev->start_mark);
		n->value = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		if (strlen(n->value) != n->len) {
			diags_add(b->d, n->line, n->col,
			    "NUL character in a value");
			return -1;
		}
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (ev->data.scalar.anchor != NULL)
			yamltree_add_anchor(b,
			    xstrdup((const char *)ev->data.scalar.anchor), n);
		return yamltree_attach(b, n, n->line, n->col);
	case YAML_SEQUENCE_START_EVENT:
		return yamltree_open(b, YNODE_SEQUENCE, &ev->start_mark,
		    ev->data.sequence_start.anchor);
	case YAML_MAPPING_START_EVENT:
		return yamltree_open(b, YNODE_MAPPING, &ev->start_mark,
		    ev->data.mapping_start.anchor);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return yamltree_close(b);
	case YAML_ALIAS_EVENT:
		n = yamltree_find_anchor(b,
		    (const char *)ev->data.alias.anchor);
		if (n == NULL) {
			diags_add(b->d, (int)ev->start_mark.line + 1,
			    (int)ev->start_mark.column + 1,
			    "unknown anchor '*%s'", ev->data.alias.anchor);
			return -1;
		}
		/* Shared, not copied: weight counts it as a copy. Problems
		 * are reported where the alias stands, not its anchor. */
		return yamltree_attach(b, n, (int)ev->start_mark.line + 1,
		    (int)ev->start_mark.column + 1);
	default:
		return 0;
	}
}

/*
 * Tabs in indentation are a YAML error that libyaml reports obscurely;
 * say it plainly, for every line that has one.
 */
static int
yamltree_check_tabs(const char *data, size_t len, struct diags *d)
{
	size_t	 i = 0;
	int	 line = 1, bad = 0, col;

	while (i < len) {
		col = 1;
		while (i < len && (data[i] == ' ' || data[i] == '\t')) {
			if (data[i] == '\t') {
				size_t	 j = i;

				while (j < len && (data[j] == ' ' ||
				    data[j] == '\t'))
					j++;
				/* libyaml refuses them before comments too. */
				if (j < len && data[j] != '\n' &&
				    data[j] != '\r') {
					diags_add(d, line, col,
					    "tab character in indentation "
					    "(indent with spaces)");
					bad = 1;
				}
				break;
			}
			i++;
			col++;
		}
		while (i < len && data[i] != '\n')
			i++;
		if (i < len)
			i++;
		line++;
	}
	return bad ? -1 : 0;
}

int
yamltree_parse(struct ydoc *doc, const char *data, size_t len,
    struct diags *d)
{
	yaml_parser_t	 parser;
	yaml_event_t	 ev;
	struct builder	 b;
	int		 rc = 0, done = 0, i;
	size_t		 j;

	memset(doc, 0, sizeof *doc);
	if (yamltree_check_tabs(data, len, d) != 0)
		return -1;

	memset(&b, 0, sizeof b);
	b.doc = doc;
	b.d = d;
	if (!yaml_parser_initialize(&parser)) {
		diags_add(d, 0, 0, "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			const char	*ctx = parser.context;
			yaml_mark_t	 at = parser.problem_mark;

			/*
			 * An unclosed quote or bracket is noticed far away,
			 * often at the end of the file; the mistake is where
			 * it opened.
			 */
			if (ctx != NULL && (strstr(ctx, "quoted scalar") != NULL ||
			    strstr(ctx, "flow") != NULL))
				at = parser.context_mark;
			diags_add(d, (int)at.line + 1, (int)at.column + 1,
			    "YAML syntax: %s%s%s",
			    parser.problem ? parser.problem : "error",
			    ctx ? " " : "", ctx ? ctx : "");
			rc = -1;
			break;
		}
		if (yamltree_event(&b, &ev) != 0)
			rc = -1;
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (rc != 0)
			break;
	}
	yaml_parser_delete(&parser);
	for (i = 0; i < b.depth; i++)
		free(b.stack_anchor[i]);
	for (j = 0; j < b.nanchors; j++)
		free(b.anchors[j].name);
	free(b.anchors);
	return rc;
}

static struct ypair *
yamltree_pair(const struct ynode *map, const char *key)
{
	size_t	 i;

	if (map == NULL || map->kind != YNODE_MAPPING)
		return NULL;
	for (i = 0; i < map->n; i++) {
		if (strcmp(map->pairs[i].key->value, key) == 0)
			return &map->pairs[i];
	}
	return NULL;
}

struct ynode *
yamltree_get(const struct ynode *map, const char *key)
{
	struct ypair	*p = yamltree_pair(map, key);

	return p != NULL ? p->value : NULL;
}

struct ynode *
yamltree_key(const struct ynode *map, const char *key)
{
	struct ypair	*p = yamltree_pair(map, key);

	return p != NULL ? p->key : NULL;
}

bool
yamltree_is_null(const struct ynode *n)
{
	if (n == NULL)
		return true;
	if (n->kind != YNODE_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->value, "~") == 0 ||
	    strcmp(n->value, "null") == 0 || strcmp(n->value, "Null") == 0 ||
	    strcmp(n->value, "NULL") == 0;
}

const char *
yamltree_kind_name(const struct ynode *n)
{
	switch (n->kind) {
	case YNODE_SCALAR:
		return "a single value";
	case YNODE_SEQUENCE:
		return "a list";
	case YNODE_MAPPING:
		return "a mapping";
	}
	return "?";
}
