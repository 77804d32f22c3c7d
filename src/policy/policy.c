#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/diag.h"
#include "yujing/duration.h"
#include "yujing/json.h"
#include "yujing/keys.h"
#include "yujing/number.h"
#include "yujing/policy.h"
#include "yujing/schema.h"
#include "yujing/strdist.h"
#include "yujing/utf8.h"
#include "yujing/xmalloc.h"
#include "yujing/yamltree.h"

struct policy_index {
	const char	*id;
	size_t		 index;
};

struct policy_private {
	void			**mem;	/* everything the policy allocated */
	size_t			  nmem;
	size_t			  capmem;
	struct policy_index	 *index[POLICY_NKINDS];
	size_t			  nindex[POLICY_NKINDS];
};

/* State while building a policy from a checked document. */
struct loader {
	struct policy		*p;
	struct diags		*d;
	/* An item of this kind had no usable id: unknown references to that
	 * kind may be the same mistake again, so they are not reported. */
	bool			 incomplete[POLICY_NKINDS];
	/* The id node of each item, by kind, for "first at line" messages. */
	const struct ynode	**idnode[POLICY_NKINDS];
};

static const char *const policy_kind_names[POLICY_NKINDS] = {
	"role", "reporter role", "level", "office", "path", "severity",
	"category", "warning", "shift", "follow-up"
};

static void *
policy_alloc(struct policy *p, size_t nmemb, size_t size)
{
	struct policy_private	*v = p->priv;
	void			*m;

	m = xcalloc(nmemb, size);
	if (v->nmem == v->capmem) {
		v->capmem = v->capmem ? v->capmem * 2 : 64;
		v->mem = xreallocarray(v->mem, v->capmem, sizeof *v->mem);
	}
	v->mem[v->nmem++] = m;
	return m;
}

static const char *
policy_strdup(struct policy *p, const char *s)
{
	char	*c;

	if (s == NULL)
		return NULL;
	c = policy_alloc(p, strlen(s) + 1, 1);
	memcpy(c, s, strlen(s));
	return c;
}

void
policy_free(struct policy *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->priv->nmem; i++)
		free(p->priv->mem[i]);
	free(p->priv->mem);
	for (i = 0; i < POLICY_NKINDS; i++)
		free(p->priv->index[i]);
	free(p->priv);
	free(p);
}

/* Tolerant getters: the schema check has already reported bad values. */

static const struct ynode *
get_scalar(const struct ynode *map, const char *key)
{
	const struct ynode	*n = yamltree_get(map, key);

	if (n == NULL || n->kind != YNODE_SCALAR || yamltree_is_null(n))
		return NULL;
	return n;
}

static const char *
get_str(const struct ynode *map, const char *key)
{
	const struct ynode	*n = get_scalar(map, key);

	return n != NULL ? n->value : NULL;
}

/* A duration read with parse (the schema said why not), 0 when none. */
static int64_t
get_secs(const struct ynode *map, const char *key,
    int (*parse)(const char *, int64_t *, const char **))
{
	const struct ynode	*n = get_scalar(map, key);
	int64_t			 secs;
	const char		*why;

	if (n == NULL || parse(n->value, &secs, &why) != 0)
		return 0;
	return secs;
}

static int64_t
get_duration(const struct ynode *map, const char *key)
{
	return get_secs(map, key, duration_parse);
}

/* One that may be in years (retention). */
static int64_t
get_years(const struct ynode *map, const char *key)
{
	return get_secs(map, key, duration_parse_long);
}

static bool
get_bool(const struct ynode *map, const char *key)
{
	const struct ynode	*n = get_scalar(map, key);

	return n != NULL && schema_bool(n) > 0;
}

static const struct ynode *
get_list(const struct ynode *map, const char *key)
{
	const struct ynode	*n = yamltree_get(map, key);

	if (n == NULL || n->kind != YNODE_SEQUENCE)
		return NULL;
	return n;
}

static int
policy_index_cmp(const void *a, const void *b)
{
	const struct policy_index	*x = a, *y = b;
	int				 c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * Builds the sorted index of one kind from the ids of its items, reporting
 * any id given twice.
 */
static void
policy_index_build(struct loader *L, enum policy_kind kind, const char **ids,
    size_t n)
{
	struct policy_private	*v = L->p->priv;
	struct policy_index	*ix;
	const struct ynode	*first, *again;
	size_t			 i, j = 0;

	ix = xcalloc(n ? n : 1, sizeof *ix);
	for (i = 0; i < n; i++) {
		ix[i].id = ids[i];
		ix[i].index = i;
	}
	qsort(ix, n, sizeof *ix, policy_index_cmp);
	for (i = 0; i < n; i++) {
		if (j > 0 && strcmp(ix[j - 1].id, ix[i].id) == 0) {
			first = L->idnode[kind][ix[j - 1].index];
			again = L->idnode[kind][ix[i].index];
			diags_add(L->d, again->line, again->col,
			    "duplicate %s id '%s' (first at line %d)",
			    policy_kind_names[kind], again->value,
			    first->line);
			continue;
		}
		ix[j++] = ix[i];
	}
	v->index[kind] = ix;
	v->nindex[kind] = j;
}

int
policy_find(const struct policy *p, enum policy_kind kind, const char *id)
{
	const struct policy_index	*ix = p->priv->index[kind];
	size_t				 lo = 0, hi = p->priv->nindex[kind], mid;
	int				 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(id, ix[mid].id);
		if (c == 0)
			return (int)ix[mid].index;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Reports an unknown reference with the nearest known id, if any. */
static void
policy_unknown(struct loader *L, const struct ynode *n, const char *what,
    enum policy_kind k1, int k2)
{
	struct policy_private	*v = L->p->priv;
	const char		**cands, *hint;
	size_t			 nc = 0, i;

	if (L->incomplete[k1] || (k2 >= 0 && L->incomplete[k2]))
		return;
	cands = xcalloc(v->nindex[k1] + (k2 >= 0 ? v->nindex[k2] : 0) + 1,
	    sizeof *cands);
	for (i = 0; i < v->nindex[k1]; i++)
		cands[nc++] = v->index[k1][i].id;
	for (i = 0; k2 >= 0 && i < v->nindex[k2]; i++)
		cands[nc++] = v->index[k2][i].id;
	hint = strdist_suggest(n->value, cands, nc);
	if (hint != NULL)
		diags_add(L->d, n->line, n->col,
		    "unknown %s '%s' (did you mean '%s'?)", what, n->value,
		    hint);
	else
		diags_add(L->d, n->line, n->col, "unknown %s '%s'", what,
		    n->value);
	free(cands);
}

/* Resolves an id node to an index of kind, or -1 (reported). */
static int
policy_ref(struct loader *L, const struct ynode *n, enum policy_kind kind)
{
	int	 i;

	if (n == NULL || n->kind != YNODE_SCALAR || yamltree_is_null(n))
		return -1;
	i = policy_find(L->p, kind, n->value);
	if (i < 0)
		policy_unknown(L, n, policy_kind_names[kind], kind, -1);
	return i;
}

/*
 * A list section of the document. When a required one is missing or empty
 * (reported by the schema check), its kind counts as incomplete so that
 * references to it are not reported once more each.
 */
static const struct ynode *
policy_section(struct loader *L, const struct ynode *root, const char *name,
    enum policy_kind kind)
{
	const struct ynode	*list = get_list(root, name);
	const struct schema_key	*k;

	for (k = schema_root.keys; k->name != NULL; k++) {
		if (strcmp(k->name, name) == 0 && k->required &&
		    (list == NULL || list->n == 0))
			L->incomplete[kind] = true;
	}
	return list;
}

/*
 * The items of a list section with a usable id, and their ids. Items
 * without one were reported by the schema check.
 */
static size_t
policy_items(struct loader *L, enum policy_kind kind, const struct ynode *root,
    const char *section, const struct ynode ***items, const char ***ids)
{
	const struct ynode	*list, *it, *id;
	size_t			 i, n = 0;

	list = policy_section(L, root, section, kind);
	*items = NULL;
	*ids = NULL;
	if (list == NULL)
		return 0;
	*items = policy_alloc(L->p, list->n + 1, sizeof **items);
	*ids = policy_alloc(L->p, list->n + 1, sizeof **ids);
	L->idnode[kind] = policy_alloc(L->p, list->n + 1,
	    sizeof *L->idnode[kind]);
	for (i = 0; i < list->n; i++) {
		it = list->items[i];
		id = it->kind == YNODE_MAPPING ? get_scalar(it, "id") : NULL;
		if (id == NULL || !schema_is_id(id->value)) {
			L->incomplete[kind] = true;
			continue;
		}
		(*items)[n] = it;
		(*ids)[n] = policy_strdup(L->p, id->value);
		L->idnode[kind][n] = id;
		n++;
	}
	return n;
}

static const char *const *
policy_strings(struct loader *L, const struct ynode *list, size_t *n)
{
	const char	**v;
	size_t		  i, k = 0;

	*n = 0;
	if (list == NULL)
		return NULL;
	v = policy_alloc(L->p, list->n + 1, sizeof *v);
	for (i = 0; i < list->n; i++) {
		if (list->items[i]->kind == YNODE_SCALAR)
			v[k++] = policy_strdup(L->p, list->items[i]->value);
	}
	*n = k;
	return v;
}

static const size_t *
policy_refs(struct loader *L, const struct ynode *list, enum policy_kind kind,
    size_t *n)
{
	size_t	*v, i, k = 0;
	int	 r;

	*n = 0;
	if (list == NULL)
		return NULL;
	v = policy_alloc(L->p, list->n + 1, sizeof *v);
	for (i = 0; i < list->n; i++) {
		r = policy_ref(L, list->items[i], kind);
		if (r >= 0)
			v[k++] = (size_t)r;
	}
	*n = k;
	return v;
}

/* The program grants access by these roles, so a policy must have them. */
static void
policy_check_roles(struct loader *L, const struct ynode *list)
{
	static const char *const needed[] = {
		"duty_officer", "counselor", "department_leader",
		"student_affairs", "school_leader", "counseling_staff", "admin"
	};
	size_t	 i;

	if (list == NULL || L->incomplete[POLICY_ROLE])
		return;
	for (i = 0; i < sizeof needed / sizeof needed[0]; i++) {
		if (policy_find(L->p, POLICY_ROLE, needed[i]) < 0)
			diags_add(L->d, list->line, list->col,
			    "missing role '%s' (yujing needs the roles "
			    "duty_officer, counselor, department_leader, "
			    "student_affairs, school_leader, counseling_staff "
			    "and admin)", needed[i]);
	}
}

static void
policy_build_roles(struct loader *L, const struct ynode *root,
    const char *section, enum policy_kind kind)
{
	const struct ynode	**items;
	const char		**ids;
	struct policy_role	 *v;
	size_t			  n, i;

	n = policy_items(L, kind, root, section, &items, &ids);
	v = policy_alloc(L->p, n + 1, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i].id = ids[i];
		v[i].name = policy_strdup(L->p, get_str(items[i], "name"));
		v[i].name_en = policy_strdup(L->p, get_str(items[i], "name_en"));
	}
	policy_index_build(L, kind, ids, n);
	if (kind == POLICY_ROLE) {
		L->p->roles = v;
		L->p->nroles = n;
		policy_check_roles(L, get_list(root, section));
	} else {
		L->p->reporter_roles = v;
		L->p->nreporter_roles = n;
	}
}

#define POLICY_CAP_ROW(e, id, roles, help)	{ id, roles },
static const struct {
	const char	*id;
	const char	*roles;		/* the default, space-separated */
} policy_caps[] = {
	POLICY_CAPABILITIES(POLICY_CAP_ROW)
};

const char *
policy_cap_id(enum policy_cap c)
{
	return c < POLICY_NCAPS ? policy_caps[c].id : "";
}

static const char *const policy_scopes[POLICY_NSCOPES] = {
	[POLICY_SCOPE_CLASS] = "class",
	[POLICY_SCOPE_DEPARTMENT] = "department",
	[POLICY_SCOPE_SCHOOL] = "school",
	[POLICY_SCOPE_BUILDING] = "building",
};

const char *
policy_scope_id(enum policy_scope s)
{
	return s < POLICY_NSCOPES ? policy_scopes[s] : "";
}

/* Whether role is a word of the space-separated list. */
static bool
policy_in_list(const char *list, const char *role)
{
	size_t	 n = strlen(role);

	while (*list != '\0') {
		if (strncmp(list, role, n) == 0 && (list[n] == ' ' ||
		    list[n] == '\0'))
			return true;
		list += strcspn(list, " ");
		list += strspn(list, " ");
	}
	return false;
}

/*
 * Each role's capabilities: the table's defaults, then for each one the
 * policy names under capabilities:, exactly the roles it lists.
 */
static void
policy_build_caps(struct loader *L, const struct ynode *root)
{
	const struct ynode	*map = yamltree_get(root, "capabilities"), *sec;
	struct policy_role	*roles = (struct policy_role *)L->p->roles;
	const size_t		*refs;
	size_t			 i, k, n;
	int			 c;

	for (i = 0; i < L->p->nroles; i++) {
		roles[i].caps = 0;
		for (c = 0; c < POLICY_NCAPS; c++) {
			if (policy_in_list(policy_caps[c].roles, roles[i].id))
				roles[i].caps |= 1u << c;
		}
	}
	/* security: access_log_readers is read_access_log by another name. */
	sec = yamltree_get(yamltree_get(root, "security"),
	    "access_log_readers");
	if (sec != NULL && map != NULL && map->kind == YNODE_MAPPING &&
	    yamltree_get(map, "read_access_log") != NULL)
		diags_add(L->d, sec->line, sec->col, "access_log_readers and "
		    "capabilities: read_access_log say the same: give one");
	else if (sec != NULL) {
		refs = policy_refs(L, sec, POLICY_ROLE, &n);
		for (i = 0; i < L->p->nroles; i++)
			roles[i].caps &= ~(1u << CAP_READ_ACCESS_LOG);
		for (k = 0; k < n; k++)
			roles[refs[k]].caps |= 1u << CAP_READ_ACCESS_LOG;
	}
	if (map == NULL || map->kind != YNODE_MAPPING)
		return;
	for (c = 0; c < POLICY_NCAPS; c++) {
		if (yamltree_get(map, policy_caps[c].id) == NULL)
			continue;
		refs = policy_refs(L, get_list(map, policy_caps[c].id),
		    POLICY_ROLE, &n);
		for (i = 0; i < L->p->nroles; i++)
			roles[i].caps &= ~(1u << c);
		for (k = 0; k < n; k++)
			roles[refs[k]].caps |= 1u << c;
		/* Nobody left to give it back: the policy would lock itself. */
		if (c == CAP_MANAGE_USERS && n == 0 &&
		    get_list(map, policy_caps[c].id) != NULL) {
			const struct ynode *at = yamltree_key(map,
			    policy_caps[c].id);

			diags_add(L->d, at->line, at->col, "manage_users needs "
			    "at least one role (else nobody could add users or "
			    "change roles again)");
		}
	}
}

/*
 * The role whose users answer at a level or office: its `role:`, else
 * the role of the same id, else none (-1).
 */
static int
policy_answering_role(struct loader *L, const struct ynode *item,
    const char *id)
{
	const struct ynode	*n = get_scalar(item, "role");

	if (n != NULL)
		return policy_ref(L, n, POLICY_ROLE);
	return policy_find(L->p, POLICY_ROLE, id);
}

static void
policy_build_levels(struct loader *L, const struct ynode *root)
{
	const struct ynode	**items, *sn;
	const char		**ids, *s;
	struct policy_level	 *v;
	struct policy_office	 *o;
	size_t			  n, i, k;
	int			  other, wide = -1;

	n = policy_items(L, POLICY_LEVEL, root, "levels", &items, &ids);
	v = policy_alloc(L->p, n + 1, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i].id = ids[i];
		v[i].name = policy_strdup(L->p, get_str(items[i], "name"));
		v[i].name_en = policy_strdup(L->p, get_str(items[i], "name_en"));
		v[i].ack_within = get_duration(items[i], "ack_within");
		s = get_str(items[i], "scope");
		for (k = 0; s != NULL && k < POLICY_NSCOPES; k++) {
			if (strcmp(s, policy_scope_id((enum policy_scope)k)) ==
			    0)
				v[i].scope = (enum policy_scope)k;
		}
		v[i].role = policy_answering_role(L, items[i], ids[i]);
		/*
		 * A building is within a department, not above it: a ladder
		 * that climbed from a department back to one building would
		 * report downward.
		 */
		if (s != NULL && v[i].scope == POLICY_SCOPE_BUILDING &&
		    wide >= 0 && (sn = get_scalar(items[i], "scope")) != NULL)
			diags_add(L->d, sn->line, sn->col, "level '%s' of "
			    "scope building comes above the %s level '%s' "
			    "(levels are lowest first: put it below)", ids[i],
			    policy_scope_id(v[wide].scope), v[wide].id);
		if (s != NULL && wide < 0 &&
		    (v[i].scope == POLICY_SCOPE_DEPARTMENT ||
		    v[i].scope == POLICY_SCOPE_SCHOOL))
			wide = (int)i;
	}
	policy_index_build(L, POLICY_LEVEL, ids, n);
	L->p->levels = v;
	L->p->nlevels = n;

	n = policy_items(L, POLICY_OFFICE, root, "offices", &items, &ids);
	o = policy_alloc(L->p, n + 1, sizeof *o);
	for (i = 0; i < n; i++) {
		o[i].id = ids[i];
		o[i].name = policy_strdup(L->p, get_str(items[i], "name"));
		o[i].name_en = policy_strdup(L->p, get_str(items[i], "name_en"));
		o[i].ack_within = get_duration(items[i], "ack_within");
		o[i].role = policy_answering_role(L, items[i], ids[i]);
		/* A rung names a level or an office: the two share ids. */
		other = policy_find(L->p, POLICY_LEVEL, ids[i]);
		if (other >= 0)
			diags_add(L->d, L->idnode[POLICY_OFFICE][i]->line,
			    L->idnode[POLICY_OFFICE][i]->col,
			    "office id '%s' is already a level id (line %d)",
			    ids[i], L->idnode[POLICY_LEVEL][other]->line);
	}
	policy_index_build(L, POLICY_OFFICE, ids, n);
	L->p->offices = o;
	L->p->noffices = n;
}

/* Builds one path's rungs; returns false if any rung could not be used. */
static bool
policy_build_rungs(struct loader *L, const char *pathid,
    const struct ynode *list, struct policy_path *path)
{
	const struct policy	 *p = L->p;
	struct policy_rung	 *r;
	const struct ynode	**where, *it, *id;
	size_t			  i, j, n = 0;
	int			  lv, of, rank = -1, lastlevel = -1;
	bool			  whole = true;

	r = policy_alloc(L->p, list->n + 1, sizeof *r);
	where = xcalloc(list->n + 1, sizeof *where);
	for (i = 0; i < list->n; i++) {
		it = list->items[i];
		id = it->kind == YNODE_MAPPING ? get_scalar(it, "id") :
		    (it->kind == YNODE_SCALAR && !yamltree_is_null(it) ? it :
		    NULL);
		if (id == NULL) {
			whole = false;
			continue;
		}
		lv = policy_find(p, POLICY_LEVEL, id->value);
		of = policy_find(p, POLICY_OFFICE, id->value);
		if (lv < 0 && of < 0) {
			policy_unknown(L, id, "level or office", POLICY_LEVEL,
			    POLICY_OFFICE);
			whole = false;
			continue;
		}
		for (j = 0; j < n; j++) {
			if (strcmp(r[j].id, id->value) == 0)
				break;
		}
		if (j < n) {
			diags_add(L->d, id->line, id->col,
			    "rung '%s' appears twice in path '%s' (first at "
			    "line %d)", id->value, pathid, where[j]->line);
			whole = false;
			continue;
		}
		r[n].id = policy_strdup(L->p, id->value);
		r[n].ack_within = it->kind == YNODE_MAPPING ?
		    get_duration(it, "ack_within") : 0;
		if (lv >= 0) {
			if (lv < lastlevel) {
				diags_add(L->d, id->line, id->col,
				    "level '%s' comes after the higher level "
				    "'%s' in path '%s' (report upward, lowest "
				    "first)", id->value,
				    p->levels[lastlevel].id, pathid);
				whole = false;
			}
			r[n].kind = POLICY_RUNG_LEVEL;
			r[n].index = (size_t)lv;
			rank = lastlevel = lv;
		} else {
			r[n].kind = POLICY_RUNG_OFFICE;
			r[n].index = (size_t)of;
			if (r[n].ack_within == 0 &&
			    p->offices[of].ack_within == 0) {
				diags_add(L->d, id->line, id->col,
				    "office '%s' has no ack_within: give one "
				    "on the office or on this rung", id->value);
				whole = false;
			}
		}
		r[n].rank = rank;
		where[n] = id;
		n++;
	}
	if (whole && n > 0 && p->nlevels > 0 &&
	    (r[n - 1].kind != POLICY_RUNG_LEVEL ||
	    r[n - 1].index != p->nlevels - 1)) {
		diags_add(L->d, where[n - 1]->line, where[n - 1]->col,
		    "path '%s' must end at the top level '%s', not at '%s'",
		    pathid, p->levels[p->nlevels - 1].id, r[n - 1].id);
		whole = false;
	}
	free(where);
	path->rungs = r;
	path->nrungs = n;
	return whole;
}

static void
policy_build_paths(struct loader *L, const struct ynode *root)
{
	const struct ynode	**items, *rungs;
	const char		**ids;
	struct policy_path	 *v;
	size_t			  n, i;

	n = policy_items(L, POLICY_PATH, root, "paths", &items, &ids);
	v = policy_alloc(L->p, n + 1, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i].id = ids[i];
		v[i].name = policy_strdup(L->p, get_str(items[i], "name"));
		v[i].name_en = policy_strdup(L->p, get_str(items[i], "name_en"));
		rungs = get_list(items[i], "rungs");
		if (rungs == NULL || rungs->n == 0 ||
		    !policy_build_rungs(L, ids[i], rungs, &v[i])) {
			/* Categories on this path cannot be checked against it. */
			L->incomplete[POLICY_PATH] = true;
			v[i].nrungs = 0;
		}
	}
	policy_index_build(L, POLICY_PATH, ids, n);
	L->p->paths = v;
	L->p->npaths = n;
}

static void
policy_build_severities(struct loader *L, const struct ynode *root)
{
	const struct ynode	 **items;
	const char		 **ids;
	struct policy_severity	  *v;
	size_t			   n, i;

	n = policy_items(L, POLICY_SEVERITY, root, "severities", &items, &ids);
	v = policy_alloc(L->p, n + 1, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i].id = ids[i];
		v[i].name = policy_strdup(L->p, get_str(items[i], "name"));
		v[i].name_en = policy_strdup(L->p, get_str(items[i], "name_en"));
		v[i].start_level = policy_ref(L,
		    get_scalar(items[i], "start_level"), POLICY_LEVEL);
		v[i].emergency_plan = get_bool(items[i], "emergency_plan");
		v[i].notify_all = get_bool(items[i], "notify_all");
	}
	policy_index_build(L, POLICY_SEVERITY, ids, n);
	L->p->severities = v;
	L->p->nseverities = n;
}

static void
policy_build_fields(struct loader *L, const char *catid,
    const struct ynode *list, struct policy_category *c)
{
	static const char *const types[] = {
		"text", "number", "bool", "time", "choice"
	};
	struct policy_field	*f;
	const struct ynode	*it, *id, *choices, *type;
	size_t			 i, j, k, n = 0;

	c->fields = NULL;
	c->nfields = 0;
	if (list == NULL)
		return;
	f = policy_alloc(L->p, list->n + 1, sizeof *f);
	for (i = 0; i < list->n; i++) {
		it = list->items[i];
		if (it->kind != YNODE_MAPPING ||
		    (id = get_scalar(it, "id")) == NULL)
			continue;
		for (j = 0; j < n; j++) {
			if (strcmp(f[j].id, id->value) == 0)
				diags_add(L->d, id->line, id->col,
				    "duplicate field id '%s' in category '%s'",
				    id->value, catid);
		}
		f[n].id = policy_strdup(L->p, id->value);
		f[n].label = policy_strdup(L->p, get_str(it, "label"));
		f[n].required = get_bool(it, "required");
		type = get_scalar(it, "type");
		for (k = 0; type != NULL && k < 5; k++) {
			if (strcmp(type->value, types[k]) == 0)
				f[n].type = (enum policy_field_type)k;
		}
		f[n].has_min = get_scalar(it, "min") != NULL &&
		    number_decimal(get_scalar(it, "min")->value, &f[n].min);
		f[n].has_max = get_scalar(it, "max") != NULL &&
		    number_decimal(get_scalar(it, "max")->value, &f[n].max);
		if (type != NULL && f[n].type != POLICY_FIELD_NUMBER &&
		    (yamltree_get(it, "min") != NULL ||
		    yamltree_get(it, "max") != NULL)) {
			const struct ynode *at = yamltree_key(it,
			    yamltree_get(it, "min") != NULL ? "min" : "max");

			diags_add(L->d, at->line, at->col,
			    "'min' and 'max' are only for fields of type "
			    "number (field '%s' is %s)", id->value,
			    type->value);
		}
		if (f[n].has_min && f[n].has_max && f[n].min > f[n].max) {
			const struct ynode *at = yamltree_key(it, "max");

			diags_add(L->d, at->line, at->col, "field '%s': max is "
			    "below min", id->value);
		}
		choices = get_list(it, "choices");
		f[n].choices = policy_strings(L, choices, &f[n].nchoices);
		if (type != NULL && f[n].type == POLICY_FIELD_CHOICE &&
		    choices == NULL && yamltree_get(it, "choices") == NULL)
			diags_add(L->d, it->line, it->col,
			    "field '%s' of type choice needs 'choices'",
			    id->value);
		if (type != NULL && f[n].type != POLICY_FIELD_CHOICE &&
		    yamltree_get(it, "choices") != NULL) {
			const struct ynode *at = yamltree_key(it, "choices");

			diags_add(L->d, at->line, at->col,
			    "'choices' is only for fields of type choice "
			    "(field '%s' is %s)", id->value, type->value);
		}
		n++;
	}
	c->fields = f;
	c->nfields = n;
}

/* Per-rung ack_within overrides: each key must be a rung of the path. */
static void
policy_build_acks(struct loader *L, const struct ynode *map,
    struct policy_category *c)
{
	const struct policy_path	*path = &L->p->paths[c->path];
	const struct ynode		*k;
	int64_t				*acks;
	size_t				 i, r;
	const char			*why;
	struct buf			 list;

	acks = policy_alloc(L->p, path->nrungs + 1, sizeof *acks);
	c->ack_within = acks;
	if (map == NULL || map->kind != YNODE_MAPPING)
		return;
	for (i = 0; i < map->n; i++) {
		k = map->pairs[i].key;
		for (r = 0; r < path->nrungs; r++) {
			if (strcmp(path->rungs[r].id, k->value) == 0)
				break;
		}
		if (r == path->nrungs) {
			if (path->nrungs == 0)
				continue;	/* the path is broken: said */
			buf_init(&list);
			for (r = 0; r < path->nrungs; r++)
				buf_printf(&list, "%s%s", r ? ", " : "",
				    path->rungs[r].id);
			diags_add(L->d, k->line, k->col,
			    "'%s' is not a rung of path '%s' (its rungs: %s)",
			    k->value, path->id, buf_str(&list));
			buf_done(&list);
			continue;
		}
		if (map->pairs[i].value->kind == YNODE_SCALAR &&
		    duration_parse(map->pairs[i].value->value, &acks[r],
		    &why) != 0)
			acks[r] = 0;
	}
}

/*
 * handled_by: roles, and the word `rung` for the responsible person at
 * the incident's current rung; by default the duty officer and the rung.
 */
static void
policy_build_handlers(struct loader *L, const struct ynode *item,
    struct policy_category *c)
{
	const struct ynode	*list = get_list(item, "handled_by"), *n;
	size_t			*v, i, k = 0;
	int			 r;

	if (list == NULL && yamltree_get(item, "handled_by") == NULL) {
		v = policy_alloc(L->p, 1, sizeof *v);
		if ((r = policy_find(L->p, POLICY_ROLE, "duty_officer")) >= 0)
			v[k++] = (size_t)r;
		c->handled_by = v;
		c->nhandled_by = k;
		c->handled_by_rung = true;
		return;
	}
	if (list == NULL)
		return;		/* not a list: said already */
	v = policy_alloc(L->p, list->n + 1, sizeof *v);
	for (i = 0; i < list->n; i++) {
		n = list->items[i];
		if (n->kind == YNODE_SCALAR &&
		    strcmp(n->value, POLICY_HANDLER_RUNG) == 0) {
			c->handled_by_rung = true;
			continue;
		}
		if ((r = policy_ref(L, n, POLICY_ROLE)) >= 0)
			v[k++] = (size_t)r;
	}
	c->handled_by = v;
	c->nhandled_by = k;
}

static void
policy_build_categories(struct loader *L, const struct ynode *root)
{
	const struct ynode	 **items, *n, *keys[26];
	const char		  *keyowner[26];
	const char		 **ids;
	struct policy_category	  *v, *c;
	size_t			   count, i;
	int			   r, std;

	memset(keys, 0, sizeof keys);
	std = policy_find(L->p, POLICY_PATH, "standard");
	count = policy_items(L, POLICY_CATEGORY, root, "categories", &items, &ids);
	v = policy_alloc(L->p, count + 1, sizeof *v);
	for (i = 0; i < count; i++) {
		c = &v[i];
		c->id = ids[i];
		c->name = policy_strdup(L->p, get_str(items[i], "name"));
		c->name_en = policy_strdup(L->p, get_str(items[i], "name_en"));
		c->system = get_bool(items[i], "system");
		c->escalate_when_unresolved = get_bool(items[i],
		    "escalate_when_unresolved");

		n = get_scalar(items[i], "key");
		if (n != NULL && n->len == 1 && n->value[0] >= 'a' &&
		    n->value[0] <= 'z' &&
		    keys_reserved(n->value[0]))
			diags_add(L->d, n->line, n->col, "key '%c' is the "
			    "form's own (j and k move, q leaves); choose another "
			    "letter", n->value[0]);
		else if (n != NULL && n->len == 1 && n->value[0] >= 'a' &&
		    n->value[0] <= 'z') {
			c->key = n->value[0];
			if (keys[c->key - 'a'] != NULL)
				diags_add(L->d, n->line, n->col,
				    "key '%c' is already used by category "
				    "'%s' (line %d)", c->key,
				    keyowner[c->key - 'a'],
				    keys[c->key - 'a']->line);
			else {
				keys[c->key - 'a'] = n;
				keyowner[c->key - 'a'] = c->id;
			}
		} else if (n == NULL && !c->system &&
		    yamltree_get(items[i], "key") == NULL)
			diags_add(L->d, items[i]->line, items[i]->col,
			    "missing required key 'key' in category '%s' (the "
			    "letter that picks it; only system categories go "
			    "without)", c->id);
		c->aliases = policy_strings(L, get_list(items[i], "aliases"),
		    &c->naliases);

		n = get_scalar(items[i], "path");
		if (n != NULL)
			r = policy_ref(L, n, POLICY_PATH);
		else if ((r = std) < 0 && !L->incomplete[POLICY_PATH])
			diags_add(L->d, items[i]->line, items[i]->col,
			    "category '%s' names no path and there is no "
			    "path 'standard'", c->id);
		c->path = r >= 0 ? (size_t)r : 0;
		if (r >= 0)
			policy_build_acks(L, yamltree_get(items[i],
			    "ack_within"), c);
		else
			c->ack_within = policy_alloc(L->p, 1,
			    sizeof *c->ack_within);

		r = policy_ref(L, get_scalar(items[i], "severity"),
		    POLICY_SEVERITY);
		c->severity = r >= 0 ? (size_t)r : 0;
		c->start_level = policy_ref(L,
		    get_scalar(items[i], "start_level"), POLICY_LEVEL);
		c->notify = policy_refs(L, get_list(items[i], "notify"),
		    POLICY_OFFICE, &c->nnotify);
		c->report_within = get_duration(items[i], "report_within");
		c->resolve_within = get_duration(items[i], "resolve_within");
		c->restricted = get_bool(items[i], "restricted");
		c->visible_to = policy_refs(L, get_list(items[i], "visible_to"),
		    POLICY_ROLE, &c->nvisible_to);
		n = yamltree_key(items[i], "visible_to");
		r = schema_bool(get_scalar(items[i], "restricted"));
		if (r > 0 && n == NULL)
			diags_add(L->d, items[i]->line, items[i]->col,
			    "restricted category '%s' needs 'visible_to' (the "
			    "roles that may read it)", c->id);
		/* restricted not a boolean: said already; guess nothing. */
		if (r == 0 || (r < 0 && yamltree_get(items[i],
		    "restricted") == NULL)) {
			if (n != NULL)
				diags_add(L->d, n->line, n->col, "'visible_to' "
				    "is only used with 'restricted: true'");
		}
		policy_build_handlers(L, items[i], c);
		policy_build_fields(L, c->id, get_list(items[i], "fields"), c);
		c->checklist = policy_strings(L,
		    get_list(items[i], "checklist"), &c->nchecklist);
	}
	policy_index_build(L, POLICY_CATEGORY, ids, count);
	L->p->categories = v;
	L->p->ncategories = count;
}

static void
policy_build_warnings(struct loader *L, const struct ynode *root)
{
	static const char *const pers[] = { "student", "room", "class" };
	const struct ynode	**items, *n;
	const char		**ids, *s;
	struct policy_warning	 *v;
	size_t			  count, i, k;
	int			  r;

	count = policy_items(L, POLICY_WARNING, root, "warnings", &items, &ids);
	v = policy_alloc(L->p, count + 1, sizeof *v);
	for (i = 0; i < count; i++) {
		v[i].id = ids[i];
		v[i].name = policy_strdup(L->p, get_str(items[i], "name"));
		v[i].name_en = policy_strdup(L->p, get_str(items[i], "name_en"));
		v[i].categories = policy_refs(L,
		    get_list(items[i], "categories"), POLICY_CATEGORY,
		    &v[i].ncategories);
		n = get_scalar(items[i], "count");
		if (n != NULL && strspn(n->value, "0123456789") == n->len &&
		    n->len <= 7) {
			v[i].count = atoi(n->value);
			if (v[i].count < 2)
				diags_add(L->d, n->line, n->col,
				    "'count' must be at least 2 (one incident "
				    "is not a pattern)");
		}
		v[i].within = get_duration(items[i], "within");
		s = get_str(items[i], "per");
		for (k = 0; s != NULL && k < 3; k++) {
			if (strcmp(s, pers[k]) == 0)
				v[i].per = (enum policy_per)k;
		}
		n = get_scalar(items[i], "category");
		if (n != NULL)
			r = policy_ref(L, n, POLICY_CATEGORY);
		else if ((r = policy_find(L->p, POLICY_CATEGORY,
		    "early_warning")) < 0 && !L->incomplete[POLICY_CATEGORY])
			diags_add(L->d, items[i]->line, items[i]->col,
			    "warning '%s' names no category to raise and "
			    "there is no category 'early_warning'", ids[i]);
		v[i].category = r >= 0 ? (size_t)r : 0;
		n = get_scalar(items[i], "severity");
		if (n != NULL) {
			r = policy_ref(L, n, POLICY_SEVERITY);
			v[i].severity = r >= 0 ? (size_t)r : 0;
		} else if (L->p->ncategories > 0)
			v[i].severity =
			    L->p->categories[v[i].category].severity;
		v[i].start_level = policy_ref(L,
		    get_scalar(items[i], "start_level"), POLICY_LEVEL);
	}
	policy_index_build(L, POLICY_WARNING, ids, count);
	L->p->warnings = v;
	L->p->nwarnings = count;
}

static void
policy_build_shifts(struct loader *L, const struct ynode *root)
{
	static const char *const days[] = { "all", "workdays", "holidays" };
	const struct ynode	**items, *to;
	const char		**ids, *s, *why;
	struct policy_shift	 *v;
	size_t			  count, i, k;
	int			  m;

	count = policy_items(L, POLICY_SHIFT, root, "shifts", &items, &ids);
	v = policy_alloc(L->p, count + 1, sizeof *v);
	for (i = 0; i < count; i++) {
		v[i].id = ids[i];
		v[i].name = policy_strdup(L->p, get_str(items[i], "name"));
		v[i].name_en = policy_strdup(L->p, get_str(items[i], "name_en"));
		s = get_str(items[i], "start");
		if (s != NULL && caltime_parse_hhmm(s, &m, &why) == 0)
			v[i].start = m;
		s = get_str(items[i], "end");
		if (s != NULL && caltime_parse_hhmm(s, &m, &why) == 0)
			v[i].end = m;
		s = get_str(items[i], "days");
		for (k = 0; s != NULL && k < 3; k++) {
			if (strcmp(s, days[k]) == 0)
				v[i].days = (enum policy_days)k;
		}
		/* handover_to: next_shift, or {role: ROLE}. */
		if ((to = yamltree_get(items[i], "handover_to")) == NULL)
			continue;
		v[i].handover_set = true;
		if (to->kind == YNODE_MAPPING) {
			if ((m = policy_ref(L, get_scalar(to, "role"),
			    POLICY_ROLE)) >= 0)
				v[i].handover_role = L->p->roles[m].id;
		} else if (to->kind == YNODE_SCALAR &&
		    strcmp(to->value, "next_shift") != 0)
			diags_add(L->d, to->line, to->col, "handover_to must "
			    "be next_shift or {role: ROLE}, not '%s'",
			    to->value);
	}
	policy_index_build(L, POLICY_SHIFT, ids, count);
	L->p->shifts = v;
	L->p->nshifts = count;
}

static void
policy_build_followups(struct loader *L, const struct ynode *root)
{
	const struct ynode	**items, *n;
	const char		**ids, *why;
	struct policy_followup	 *v;
	size_t			  count, i;
	int			  r;

	count = policy_items(L, POLICY_FOLLOWUP, root, "followups", &items,
	    &ids);
	v = policy_alloc(L->p, count + 1, sizeof *v);
	for (i = 0; i < count; i++) {
		v[i].id = ids[i];
		v[i].name = policy_strdup(L->p, get_str(items[i], "name"));
		v[i].name_en = policy_strdup(L->p, get_str(items[i], "name_en"));
		/* "5wd": working days; else a duration. */
		n = get_scalar(items[i], "within");
		if (n != NULL && strstr(n->value, "wd") != NULL) {
			if (duration_parse_workdays(n->value, &v[i].workdays,
			    &why) != 0)
				diags_add(L->d, n->line, n->col, "%s", why);
		} else if (n != NULL && duration_parse(n->value,
		    &v[i].within, &why) != 0)
			diags_add(L->d, n->line, n->col, "'within': %s", why);
		n = get_scalar(items[i], "owner");
		if (n != NULL && strcmp(n->value, "reporter") != 0) {
			if ((r = policy_find(L->p, POLICY_LEVEL, n->value)) >= 0)
				v[i].owner = L->p->levels[r].id;
			else if ((r = policy_find(L->p, POLICY_OFFICE,
			    n->value)) >= 0)
				v[i].owner = L->p->offices[r].id;
			else
				policy_unknown(L, n, "level or office",
				    POLICY_LEVEL, POLICY_OFFICE);
		}
		v[i].categories = policy_refs(L,
		    get_list(items[i], "categories"), POLICY_CATEGORY,
		    &v[i].ncategories);
		v[i].severities = policy_refs(L,
		    get_list(items[i], "severities"), POLICY_SEVERITY,
		    &v[i].nseverities);
	}
	policy_index_build(L, POLICY_FOLLOWUP, ids, count);
	L->p->followups = v;
	L->p->nfollowups = count;
}

/* s in NFKC, kept with the policy. */
static const char *
policy_nfkc(struct loader *L, const char *s)
{
	char		*n = utf8_nfkc(s);
	const char	*kept;

	kept = policy_strdup(L->p, n != NULL ? n : s);
	free(n);
	return kept;
}

static char	*policy_building_rule(const char *s);

/*
 * buildings: each id, name and alias, in NFKC, names one building only:
 * a file's 东三 must not be two buildings, nor 3栋 other than 3.
 */
static void
policy_build_buildings(struct loader *L, const struct ynode *root)
{
	const struct ynode	*list = get_list(root, "buildings"), *al;
	const struct ynode	**at;
	struct policy_building	*v;
	const char		**names, **alias;
	char			*rule;
	size_t			*owner, n = 0, i, k, j;

	if (list == NULL)
		return;
	v = policy_alloc(L->p, list->n + 1, sizeof *v);
	names = xcalloc(1, sizeof *names);
	owner = xcalloc(1, sizeof *owner);
	at = xcalloc(1, sizeof *at);
	for (i = 0; i < list->n; i++) {
		if (get_str(list->items[i], "id") == NULL)
			continue;
		v[i].id = policy_nfkc(L, get_str(list->items[i], "id"));
		v[i].name = get_str(list->items[i], "name") != NULL ?
		    policy_nfkc(L, get_str(list->items[i], "name")) : NULL;
		al = get_list(list->items[i], "aliases");
		alias = policy_alloc(L->p, (al != NULL ? al->n : 0) + 1,
		    sizeof *alias);
		for (k = 0; al != NULL && k < al->n; k++)
			if (al->items[k]->kind == YNODE_SCALAR)
				alias[v[i].naliases++] = policy_nfkc(L,
				    al->items[k]->value);
		v[i].aliases = alias;
		/* Every name with the building it names and where it is. */
		names = xreallocarray(names, n + v[i].naliases + 1,
		    sizeof *names);
		owner = xreallocarray(owner, n + v[i].naliases + 1,
		    sizeof *owner);
		at = xreallocarray(at, n + v[i].naliases + 1, sizeof *at);
		names[n] = v[i].id;
		owner[n] = i;
		at[n++] = get_scalar(list->items[i], "id");
		if (v[i].name != NULL) {
			names = xreallocarray(names, n + v[i].naliases + 1,
			    sizeof *names);
			owner = xreallocarray(owner, n + v[i].naliases + 1,
			    sizeof *owner);
			at = xreallocarray(at, n + v[i].naliases + 1,
			    sizeof *at);
			names[n] = v[i].name;
			owner[n] = i;
			at[n++] = get_scalar(list->items[i], "name");
		}
		for (k = 0, j = 0; al != NULL && k < al->n; k++) {
			if (al->items[k]->kind != YNODE_SCALAR)
				continue;
			names[n] = alias[j++];
			owner[n] = i;
			at[n++] = al->items[k];
		}
	}
	for (i = 0; i < n; i++) {
		/* 3栋 is building 3 by the default rule, whatever it says. */
		if ((rule = policy_building_rule(names[i])) != NULL &&
		    at[i] != NULL) {
			for (k = 0; k < list->n && (v[k].id == NULL ||
			    strcmp(v[k].id, rule) != 0); k++)
				;
			if (k < list->n && k != owner[i])
				diags_add(L->d, at[i]->line, at[i]->col, "'%s' "
				    "is building %s by the default rule (3栋 "
				    "is 3): it cannot name building %s",
				    names[i], rule, v[owner[i]].id);
			free(rule);
			if (k < list->n && k != owner[i])
				continue;
		}
		for (k = 0; k < i && strcmp(names[i], names[k]) != 0; k++)
			;
		if (k == i || at[i] == NULL)
			continue;
		if (owner[i] == owner[k])
			diags_add(L->d, at[i]->line, at[i]->col, "building %s: "
			    "'%s' twice", v[owner[i]].id, names[i]);
		else
			diags_add(L->d, at[i]->line, at[i]->col, "'%s' already "
			    "names building %s: a name is one building's",
			    names[i], v[owner[k]].id);
	}
	free(names);
	free(owner);
	free(at);
	L->p->buildings = v;
	L->p->nbuildings = list->n;
}

const char *
policy_building_id(const struct policy *p, const char *s)
{
	size_t	 i, k;

	for (i = 0; p != NULL && i < p->nbuildings; i++) {
		if (p->buildings[i].id == NULL)
			continue;
		if (strcmp(p->buildings[i].id, s) == 0 ||
		    (p->buildings[i].name != NULL &&
		    strcmp(p->buildings[i].name, s) == 0))
			return p->buildings[i].id;
		for (k = 0; k < p->buildings[i].naliases; k++)
			if (strcmp(p->buildings[i].aliases[k], s) == 0)
				return p->buildings[i].id;
	}
	return NULL;
}

size_t
policy_building_mark(const char *p)
{
	static const char *const marks[] = { "号楼", "栋", "幢", "#", "号",
	    "楼", "舍", NULL };
	size_t	 i, n;

	for (i = 0; marks[i] != NULL; i++) {
		n = strlen(marks[i]);
		if (strncmp(p, marks[i], n) == 0)
			return n;
	}
	return 0;
}

/* The default rule alone: 3#, 3栋, 3号楼 are "3"; NULL when it is silent. */
static char *
policy_building_rule(const char *s)
{
	const char	*p;
	size_t		 m;

	for (p = s; *p != '\0' && isalnum((unsigned char)*p); p++)
		;
	if (p > s && (m = policy_building_mark(p)) > 0 && p[m] == '\0')
		return xstrndup(s, (size_t)(p - s));
	return NULL;
}

char *
policy_building_of(const struct policy *p, const char *s)
{
	const char	*id;
	char		*t;
	size_t		 len = strlen(s), i;

	if ((id = policy_building_id(p, s)) != NULL)
		return xstrdup(id);
	/* The school's names with a mark after them: 东三栋, 东一号楼. */
	for (i = 1; p != NULL && i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80 ||
		    policy_building_mark(s + i) != len - i)
			continue;
		t = xstrndup(s, i);
		id = policy_building_id(p, t);
		free(t);
		if (id != NULL)
			return xstrdup(id);
	}
	if ((t = policy_building_rule(s)) == NULL)
		return xstrdup(s);
	if ((id = policy_building_id(p, t)) != NULL) {
		free(t);
		return xstrdup(id);
	}
	return t;
}

static const struct policy_dayspec *
policy_build_days(struct loader *L, const struct ynode *list, size_t *n)
{
	struct policy_dayspec	*v;
	const char		*why;
	size_t			 i, k = 0;

	*n = 0;
	if (list == NULL)
		return NULL;
	v = policy_alloc(L->p, list->n + 1, sizeof *v);
	for (i = 0; i < list->n; i++) {
		if (list->items[i]->kind != YNODE_SCALAR)
			continue;
		v[k].weekday = caltime_weekday(list->items[i]->value);
		if (v[k].weekday != 0 || caltime_parse_range(
		    list->items[i]->value, &v[k].from, &v[k].to, &why) == 0)
			k++;
	}
	*n = k;
	return v;
}

/*
 * security.kdf: no cheaper than OWASP's minimum for Argon2id, whose
 * equal choices run from 46 MiB once to 7 MiB five times (memory times
 * passes 35 MiB or more); and no dearer than a command can bear.
 */
static void
policy_build_kdf(struct loader *L, const struct ynode *kdf)
{
	const struct ynode	*m = get_scalar(kdf, "memory");
	const struct ynode	*t = get_scalar(kdf, "passes");
	struct passwd_cost	*c = &L->p->kdf;
	uint64_t		 bytes;

	c->memory = PASSWD_MEMORY_DEFAULT;
	c->passes = PASSWD_PASSES_DEFAULT;
	if (m != NULL && number_size(m->value, &bytes))
		c->memory = (size_t)bytes;
	if (t != NULL && t->len > 0 && t->len < 4 &&
	    strspn(t->value, "0123456789") == t->len)
		c->passes = (unsigned)strtoul(t->value, NULL, 10);
	if (kdf == NULL)
		return;
	if (t != NULL && (c->passes < 1 || c->passes > 10))
		diags_add(L->d, t->line, t->col, "passes must be 1 to 10");
	else if (m != NULL && c->memory > (1u << 30))
		diags_add(L->d, m->line, m->col, "memory of more than 1GiB "
		    "would make every sign-in wait and may not be there");
	else if (c->memory < (7u << 20) || (uint64_t)c->memory * c->passes <
	    (35ull << 20))
		diags_add(L->d, (m != NULL ? m : t != NULL ? t : kdf)->line,
		    (m != NULL ? m : t != NULL ? t : kdf)->col, "a password "
		    "hash of %zu MiB and %u pass%s is weaker than OWASP's "
		    "minimum for Argon2id (19MiB with 2 passes, or 7MiB or "
		    "more with memory times passes at least 35MiB)",
		    c->memory >> 20, c->passes, c->passes == 1 ? "" : "es");
}

/*
 * A retention time too short to be meant: 6m is six minutes, not months,
 * and would remove what a case still needs by tomorrow's run.
 */
static void
policy_retention_min(struct loader *L, const struct ynode *n, int64_t secs)
{
	if (n != NULL && secs > 0 && secs < POLICY_RETENTION_MIN)
		diags_add(L->d, n->line, n->col, "a retention time of less "
		    "than 30d ('%s': m is minutes, not months) would remove "
		    "what a case still needs; write it in days or years "
		    "(e.g. 180d, 3y)", n->value);
}

/*
 * retention: each category's time (its own, else the default; 0: kept),
 * the categories named checked; and the roster's, after a student left.
 */
static void
policy_build_retention(struct loader *L, const struct ynode *root)
{
	const struct ynode	*ret = yamltree_get(root, "retention");
	const struct ynode	*cats = yamltree_get(ret, "categories");
	struct policy		*p = L->p;
	int64_t			*v, def;
	bool			*own;
	size_t			 i;
	int			 k;

	p->retention_left = get_years(ret, "left_students");
	def = get_years(ret, "default");
	p->retention_default = def;
	policy_retention_min(L, get_scalar(ret, "left_students"),
	    p->retention_left);
	policy_retention_min(L, get_scalar(ret, "default"), def);
	v = policy_alloc(p, p->ncategories + 1, sizeof *v);
	own = policy_alloc(p, p->ncategories + 1, sizeof *own);
	for (i = 0; i < p->ncategories; i++)
		v[i] = def;
	for (i = 0; cats != NULL && cats->kind == YNODE_MAPPING &&
	    i < cats->n; i++) {
		if ((k = policy_ref(L, cats->pairs[i].key, POLICY_CATEGORY)) < 0)
			continue;
		v[k] = get_years(cats, cats->pairs[i].key->value);
		own[k] = true;
		policy_retention_min(L, cats->pairs[i].value, v[k]);
	}
	p->retention = v;
	p->retention_own = own;
}

static void
policy_build(struct loader *L, const struct ynode *root)
{
	struct policy		*p = L->p;
	const struct ynode	*n;
	const char		*why;

	n = get_scalar(root, "version");
	if (n != NULL && strspn(n->value, "0123456789") == n->len &&
	    strtol(n->value, NULL, 10) != POLICY_VERSION)
		diags_add(L->d, n->line, n->col,
		    "unsupported version %s (this yujing reads version %d)",
		    n->value, POLICY_VERSION);

	n = yamltree_get(root, "institution");
	p->institution = policy_strdup(p, get_str(n, "name"));
	p->institution_en = policy_strdup(p, get_str(n, "name_en"));
	p->idle_lock = get_duration(yamltree_get(root, "security"),
	    "idle_lock");
	if (p->idle_lock == 0)
		p->idle_lock = 10 * 60;
	policy_build_kdf(L, yamltree_get(yamltree_get(root, "security"),
	    "kdf"));
	p->notify_timeout = get_duration(root, "notify_timeout");
	if (p->notify_timeout == 0)
		p->notify_timeout = 10;
	p->min_group = 5;
	n = get_scalar(yamltree_get(root, "reports"), "min_group");
	if (n != NULL && strspn(n->value, "0123456789") == n->len &&
	    n->len > 0 && n->len < 6)
		p->min_group = (int)strtol(n->value, NULL, 10);
	if (n != NULL && p->min_group < 1)
		diags_add(L->d, n->line, n->col, "min_group must be 1 or more");
	n = get_scalar(root, "term_start");
	if (n != NULL && caltime_parse_date(n->value, &p->term_start,
	    &why) != 0) {
		diags_add(L->d, n->line, n->col, "term_start: one date "
		    "(YYYY-MM-DD): %s", why);
		memset(&p->term_start, 0, sizeof p->term_start);
	}
	n = get_list(root, "notify_command");
	if (n != NULL)
		p->notify_command = policy_strings(L, n, &p->nnotify_command);

	policy_build_roles(L, root, "roles", POLICY_ROLE);
	policy_build_roles(L, root, "reporter_roles", POLICY_REPORTER_ROLE);
	policy_build_caps(L, root);
	policy_build_levels(L, root);
	policy_build_paths(L, root);
	policy_build_severities(L, root);
	policy_build_categories(L, root);
	policy_build_retention(L, root);
	policy_build_warnings(L, root);
	policy_build_shifts(L, root);
	policy_build_followups(L, root);
	policy_build_buildings(L, root);
	p->holidays = policy_build_days(L, get_list(root, "holidays"),
	    &p->nholidays);
	p->workdays = policy_build_days(L, get_list(root, "workdays"),
	    &p->nworkdays);
}

/* Whether the text holds nothing but blanks and comments. */
static bool
policy_blank(const char *data, size_t len)
{
	size_t	 i = 0;

	while (i < len) {
		if (data[i] == '#') {
			while (i < len && data[i] != '\n')
				i++;
		} else if (data[i] == ' ' || data[i] == '\t' ||
		    data[i] == '\n' || data[i] == '\r')
			i++;
		else
			return false;
	}
	return true;
}

struct policy *
policy_load_buffer(const char *data, size_t len, struct diags *d)
{
	struct policy	*p;
	struct ydoc	 doc;
	struct loader	 L;
	size_t		 before = diags_count(d);
	int		 line, col;

	if (len > POLICY_MAX_BYTES) {
		diags_add(d, 0, 0, "file is too large (%zu bytes; a policy is "
		    "at most %d MiB)", len, POLICY_MAX_BYTES / (1024 * 1024));
		return NULL;
	}
	if (!utf8_check(data, len, &line, &col)) {
		diags_add(d, line, col, "invalid UTF-8 (save the file as "
		    "UTF-8, e.g. iconv -f GBK -t UTF-8)");
		return NULL;
	}
	if (policy_blank(data, len)) {
		diags_add(d, 1, 1, "empty policy: no sections (version:, "
		    "levels:, categories:, ...)");
		return NULL;
	}
	if (yamltree_parse(&doc, data, len, d) != 0) {
		yamltree_free(&doc);
		return NULL;
	}
	if (doc.root == NULL || yamltree_is_null(doc.root)) {
		diags_add(d, 1, 1, "empty policy: no sections (version:, "
		    "levels:, categories:, ...)");
		yamltree_free(&doc);
		return NULL;
	}
	if (doc.root->kind != YNODE_MAPPING) {
		diags_add(d, doc.root->line, doc.root->col,
		    "the policy must be a mapping of sections (version:, "
		    "levels:, ...), not %s", yamltree_kind_name(doc.root));
		yamltree_free(&doc);
		return NULL;
	}
	schema_check(doc.root, &schema_root, "policy", d);

	p = xcalloc(1, sizeof *p);
	p->priv = xcalloc(1, sizeof *p->priv);
	memset(&L, 0, sizeof L);
	L.p = p;
	L.d = d;
	policy_build(&L, doc.root);
	yamltree_free(&doc);

	if (diags_count(d) != before) {
		diags_sort(d);
		policy_free(p);
		return NULL;
	}
	return p;
}

struct policy *
policy_load_file(const char *path, struct diags *d)
{
	struct policy	*p;
	struct stat	 st;
	char		*data;
	size_t		 got = 0;
	ssize_t		 r;
	int		 fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		diags_add(d, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diags_add(d, 0, 0, "not a regular file");
		close(fd);
		return NULL;
	}
	if (st.st_size > POLICY_MAX_BYTES) {
		diags_add(d, 0, 0, "file is too large (%lld bytes; a policy is "
		    "at most %d MiB)", (long long)st.st_size,
		    POLICY_MAX_BYTES / (1024 * 1024));
		close(fd);
		return NULL;
	}
	data = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		r = read(fd, data + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			diags_add(d, 0, 0, "cannot read: %s",
			    r < 0 ? strerror(errno) : "file shrank");
			free(data);
			close(fd);
			return NULL;
		}
		got += (size_t)r;
	}
	close(fd);
	p = policy_load_buffer(data, got, d);
	free(data);
	return p;
}

const struct policy_level *
policy_level(const struct policy *p, const char *id)
{
	int	 i = policy_find(p, POLICY_LEVEL, id);

	return i >= 0 ? &p->levels[i] : NULL;
}

const struct policy_office *
policy_office(const struct policy *p, const char *id)
{
	int	 i = policy_find(p, POLICY_OFFICE, id);

	return i >= 0 ? &p->offices[i] : NULL;
}

bool
policy_rung_names(const struct policy *p, const char *id, const char **name,
    const char **name_en)
{
	const struct policy_level	*l = policy_level(p, id);
	const struct policy_office	*o = l == NULL ? policy_office(p, id) :
					    NULL;

	*name = l != NULL ? l->name : o != NULL ? o->name : id;
	*name_en = l != NULL ? l->name_en : o != NULL ? o->name_en : NULL;
	return l != NULL || o != NULL;
}

void
policy_rung_names_of(const struct policy *p, const struct policy_rung *g,
    const char **name, const char **name_en)
{
	if (g->kind == POLICY_RUNG_LEVEL) {
		*name = p->levels[g->index].name;
		*name_en = p->levels[g->index].name_en;
	} else {
		*name = p->offices[g->index].name;
		*name_en = p->offices[g->index].name_en;
	}
}

const struct policy_path *
policy_path(const struct policy *p, const char *id)
{
	int	 i = policy_find(p, POLICY_PATH, id);

	return i >= 0 ? &p->paths[i] : NULL;
}

const struct policy_severity *
policy_severity(const struct policy *p, const char *id)
{
	int	 i = policy_find(p, POLICY_SEVERITY, id);

	return i >= 0 ? &p->severities[i] : NULL;
}

const struct policy_category *
policy_category(const struct policy *p, const char *id)
{
	int	 i = policy_find(p, POLICY_CATEGORY, id);

	return i >= 0 ? &p->categories[i] : NULL;
}

const struct policy_role *
policy_role(const struct policy *p, const char *id)
{
	int	 i = policy_find(p, POLICY_ROLE, id);

	return i >= 0 ? &p->roles[i] : NULL;
}

size_t
policy_start_rung(const struct policy *p, const struct policy_category *c,
    const struct policy_severity *s)
{
	const struct policy_path	*path = &p->paths[c->path];
	int				 want = c->start_level;
	size_t				 r;

	if (s != NULL && s->start_level > want)
		want = s->start_level;
	for (r = 0; r < path->nrungs; r++) {
		if (path->rungs[r].rank >= want)
			return r;
	}
	return path->nrungs - 1;	/* unreachable: paths end at the top */
}

int64_t
policy_ack_within(const struct policy *p, const struct policy_category *c,
    size_t r)
{
	const struct policy_rung	*rung = &p->paths[c->path].rungs[r];

	if (c->ack_within[r] != 0)
		return c->ack_within[r];
	if (rung->ack_within != 0)
		return rung->ack_within;
	if (rung->kind == POLICY_RUNG_LEVEL)
		return p->levels[rung->index].ack_within;
	return p->offices[rung->index].ack_within;
}

void
policy_summary(const struct policy *p, struct buf *out)
{
	buf_printf(out, "%zu levels, %zu offices, %zu paths, %zu severities, "
	    "%zu categories, %zu warnings, %zu shifts, %zu roles, "
	    "%zu reporter roles, %zu holiday entries", p->nlevels,
	    p->noffices, p->npaths, p->nseverities, p->ncategories,
	    p->nwarnings, p->nshifts, p->nroles, p->nreporter_roles,
	    p->nholidays);
}

static void
policy_json_names(struct json *j, const char *id, const char *name,
    const char *name_en)
{
	json_kv_string(j, "id", id);
	json_kv_string(j, "name", name);
	json_kv_string(j, "name_en", name_en);
}

static void
policy_json_strings(struct json *j, const char *key, const char *const *v,
    size_t n)
{
	size_t	 i;

	json_key(j, key);
	json_array_begin(j);
	for (i = 0; i < n; i++)
		json_string(j, v[i]);
	json_array_end(j);
}

static void
policy_json_refs(struct json *j, const char *key, const size_t *v, size_t n,
    const void *base, size_t size)
{
	const char	*b = base;
	size_t		 i;

	/* Every item type starts with its id. */
	json_key(j, key);
	json_array_begin(j);
	for (i = 0; i < n; i++)
		json_string(j, *(const char *const *)(b + v[i] * size));
	json_array_end(j);
}

static void
policy_json_level_ref(struct json *j, const struct policy *p, const char *key,
    int level)
{
	json_kv_string(j, key, level >= 0 ? p->levels[level].id : NULL);
}

static void
policy_json_duration(struct json *j, const char *key, int64_t secs)
{
	json_key(j, key);
	if (secs != 0)
		json_int(j, secs);
	else
		json_null(j);
}

static void
policy_json_days(struct json *j, const char *key,
    const struct policy_dayspec *v, size_t n)
{
	static const char *const names[] = { "", "monday", "tuesday",
		"wednesday", "thursday", "friday", "saturday", "sunday" };
	char	 a[16], b[16];
	size_t	 i;

	json_key(j, key);
	json_array_begin(j);
	for (i = 0; i < n; i++) {
		json_object_begin(j);
		if (v[i].weekday != 0)
			json_kv_string(j, "weekday", names[v[i].weekday]);
		else {
			json_kv_string(j, "from",
			    caldate_format(&v[i].from, a, sizeof a));
			json_kv_string(j, "to",
			    caldate_format(&v[i].to, b, sizeof b));
		}
		json_object_end(j);
	}
	json_array_end(j);
}

static void
policy_json_roles(struct json *j, const char *key, const struct policy_role *v,
    size_t n, bool caps)
{
	size_t	 i;
	int	 c;

	json_key(j, key);
	json_array_begin(j);
	for (i = 0; i < n; i++) {
		json_object_begin(j);
		policy_json_names(j, v[i].id, v[i].name, v[i].name_en);
		if (caps) {
			json_key(j, "capabilities");
			json_array_begin(j);
			for (c = 0; c < POLICY_NCAPS; c++) {
				if (v[i].caps & (1u << c))
					json_string(j, policy_caps[c].id);
			}
			json_array_end(j);
		}
		json_object_end(j);
	}
	json_array_end(j);
}

static void
policy_json_category(struct json *j, const struct policy *p,
    const struct policy_category *c)
{
	static const char *const types[] = {
		"text", "number", "bool", "time", "choice"
	};
	const struct policy_path	*path = &p->paths[c->path];
	char				 key[2] = { c->key, '\0' }, num[40];
	size_t				 i;

	json_object_begin(j);
	policy_json_names(j, c->id, c->name, c->name_en);
	json_kv_string(j, "key", c->key ? key : NULL);
	policy_json_strings(j, "aliases", c->aliases, c->naliases);
	json_kv_string(j, "path", path->id);
	json_kv_string(j, "severity", p->severities[c->severity].id);
	policy_json_level_ref(j, p, "start_level", c->start_level);
	policy_json_refs(j, "notify", c->notify, c->nnotify, p->offices,
	    sizeof *p->offices);
	policy_json_duration(j, "report_within", c->report_within);
	policy_json_duration(j, "resolve_within", c->resolve_within);
	json_kv_bool(j, "restricted", c->restricted);
	policy_json_refs(j, "visible_to", c->visible_to, c->nvisible_to,
	    p->roles, sizeof *p->roles);
	policy_json_refs(j, "handled_by", c->handled_by, c->nhandled_by,
	    p->roles, sizeof *p->roles);
	json_kv_bool(j, "handled_by_rung", c->handled_by_rung);
	json_kv_bool(j, "system", c->system);
	json_kv_bool(j, "escalate_when_unresolved",
	    c->escalate_when_unresolved);

	/* The ladder as it applies to this category, all overrides resolved. */
	json_key(j, "ladder");
	json_array_begin(j);
	for (i = 0; i < path->nrungs; i++) {
		json_object_begin(j);
		json_kv_string(j, "rung", path->rungs[i].id);
		json_kv_int(j, "ack_within", policy_ack_within(p, c, i));
		json_object_end(j);
	}
	json_array_end(j);
	json_key(j, "start_rung");
	json_object_begin(j);
	for (i = 0; i < p->nseverities; i++)
		json_kv_string(j, p->severities[i].id, path->rungs[
		    policy_start_rung(p, c, &p->severities[i])].id);
	json_object_end(j);

	json_key(j, "fields");
	json_array_begin(j);
	for (i = 0; i < c->nfields; i++) {
		json_object_begin(j);
		json_kv_string(j, "id", c->fields[i].id);
		json_kv_string(j, "label", c->fields[i].label);
		json_kv_string(j, "type", types[c->fields[i].type]);
		if (c->fields[i].type == POLICY_FIELD_CHOICE)
			policy_json_strings(j, "choices", c->fields[i].choices,
			    c->fields[i].nchoices);
		json_kv_bool(j, "required", c->fields[i].required);
		if (c->fields[i].has_min) {
			snprintf(num, sizeof num, "%.15g", c->fields[i].min);
			json_key(j, "min");
			json_raw(j, num);
		}
		if (c->fields[i].has_max) {
			snprintf(num, sizeof num, "%.15g", c->fields[i].max);
			json_key(j, "max");
			json_raw(j, num);
		}
		json_object_end(j);
	}
	json_array_end(j);
	policy_json_strings(j, "checklist", c->checklist, c->nchecklist);
	json_object_end(j);
}

void
policy_to_json(const struct policy *p, struct buf *out)
{
	static const char *const pers[] = { "student", "room", "class" };
	static const char *const days[] = { "all", "workdays", "holidays" };
	struct json	 j;
	const struct policy_followup *f;
	size_t		 i, r, k;
	char		 t1[8], t2[8];

	json_init(&j, out, true);
	json_object_begin(&j);
	json_kv_int(&j, "version", POLICY_VERSION);
	json_key(&j, "institution");
	json_object_begin(&j);
	json_kv_string(&j, "name", p->institution);
	json_kv_string(&j, "name_en", p->institution_en);
	json_object_end(&j);
	json_key(&j, "security");
	json_object_begin(&j);
	json_kv_int(&j, "idle_lock", p->idle_lock);
	json_object_end(&j);
	if (p->notify_command != NULL)
		policy_json_strings(&j, "notify_command", p->notify_command,
		    p->nnotify_command);
	else
		json_kv_string(&j, "notify_command", NULL);
	json_kv_int(&j, "notify_timeout", p->notify_timeout);
	policy_json_roles(&j, "roles", p->roles, p->nroles, true);
	policy_json_roles(&j, "reporter_roles", p->reporter_roles,
	    p->nreporter_roles, false);

	json_key(&j, "levels");
	json_array_begin(&j);
	for (i = 0; i < p->nlevels; i++) {
		json_object_begin(&j);
		policy_json_names(&j, p->levels[i].id, p->levels[i].name,
		    p->levels[i].name_en);
		json_kv_string(&j, "scope",
		    policy_scope_id(p->levels[i].scope));
		json_kv_int(&j, "ack_within", p->levels[i].ack_within);
		json_kv_int(&j, "rank", (int64_t)i);
		json_kv_string(&j, "role", p->levels[i].role >= 0 ?
		    p->roles[p->levels[i].role].id : NULL);
		json_object_end(&j);
	}
	json_array_end(&j);

	json_key(&j, "offices");
	json_array_begin(&j);
	for (i = 0; i < p->noffices; i++) {
		json_object_begin(&j);
		policy_json_names(&j, p->offices[i].id, p->offices[i].name,
		    p->offices[i].name_en);
		policy_json_duration(&j, "ack_within", p->offices[i].ack_within);
		json_kv_string(&j, "role", p->offices[i].role >= 0 ?
		    p->roles[p->offices[i].role].id : NULL);
		json_object_end(&j);
	}
	json_array_end(&j);

	json_key(&j, "paths");
	json_array_begin(&j);
	for (i = 0; i < p->npaths; i++) {
		json_object_begin(&j);
		policy_json_names(&j, p->paths[i].id, p->paths[i].name,
		    p->paths[i].name_en);
		json_key(&j, "rungs");
		json_array_begin(&j);
		for (r = 0; r < p->paths[i].nrungs; r++) {
			const struct policy_rung *g = &p->paths[i].rungs[r];

			json_object_begin(&j);
			json_kv_string(&j, "id", g->id);
			json_kv_string(&j, "kind",
			    g->kind == POLICY_RUNG_LEVEL ? "level" : "office");
			policy_json_duration(&j, "ack_within", g->ack_within);
			policy_json_level_ref(&j, p, "ranks_with", g->rank);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_object_end(&j);
	}
	json_array_end(&j);

	json_key(&j, "severities");
	json_array_begin(&j);
	for (i = 0; i < p->nseverities; i++) {
		json_object_begin(&j);
		policy_json_names(&j, p->severities[i].id,
		    p->severities[i].name, p->severities[i].name_en);
		policy_json_level_ref(&j, p, "start_level",
		    p->severities[i].start_level);
		json_kv_bool(&j, "emergency_plan",
		    p->severities[i].emergency_plan);
		json_kv_bool(&j, "notify_all", p->severities[i].notify_all);
		json_object_end(&j);
	}
	json_array_end(&j);

	json_key(&j, "categories");
	json_array_begin(&j);
	for (i = 0; i < p->ncategories; i++)
		policy_json_category(&j, p, &p->categories[i]);
	json_array_end(&j);

	json_key(&j, "warnings");
	json_array_begin(&j);
	for (i = 0; i < p->nwarnings; i++) {
		const struct policy_warning *w = &p->warnings[i];

		json_object_begin(&j);
		policy_json_names(&j, w->id, w->name, w->name_en);
		policy_json_refs(&j, "categories", w->categories,
		    w->ncategories, p->categories, sizeof *p->categories);
		json_kv_int(&j, "count", w->count);
		json_kv_int(&j, "within", w->within);
		json_kv_string(&j, "per", pers[w->per]);
		json_kv_string(&j, "severity", p->severities[w->severity].id);
		policy_json_level_ref(&j, p, "start_level", w->start_level);
		json_kv_string(&j, "category", p->categories[w->category].id);
		json_object_end(&j);
	}
	json_array_end(&j);

	json_key(&j, "shifts");
	json_array_begin(&j);
	for (i = 0; i < p->nshifts; i++) {
		json_object_begin(&j);
		policy_json_names(&j, p->shifts[i].id, p->shifts[i].name,
		    p->shifts[i].name_en);
		json_kv_string(&j, "start",
		    caltime_format_hhmm(p->shifts[i].start, t1, sizeof t1));
		json_kv_string(&j, "end",
		    caltime_format_hhmm(p->shifts[i].end, t2, sizeof t2));
		json_kv_string(&j, "days", days[p->shifts[i].days]);
		json_key(&j, "handover_to");
		if (p->shifts[i].handover_role != NULL)
			json_string(&j, p->shifts[i].handover_role);
		else if (p->shifts[i].handover_set)
			json_string(&j, "next_shift");
		else
			json_null(&j);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_key(&j, "followups");
	json_array_begin(&j);
	for (i = 0; i < p->nfollowups; i++) {
		f = &p->followups[i];
		json_object_begin(&j);
		policy_json_names(&j, f->id, f->name, f->name_en);
		if (f->workdays > 0)
			json_kv_int(&j, "within_workdays", f->workdays);
		else
			json_kv_int(&j, "within", f->within);
		json_kv_string(&j, "owner", f->owner != NULL ? f->owner :
		    "reporter");
		json_key(&j, "categories");
		json_array_begin(&j);
		for (k = 0; k < f->ncategories; k++)
			json_string(&j, p->categories[f->categories[k]].id);
		json_array_end(&j);
		json_key(&j, "severities");
		json_array_begin(&j);
		for (k = 0; k < f->nseverities; k++)
			json_string(&j, p->severities[f->severities[k]].id);
		json_array_end(&j);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_key(&j, "buildings");
	json_array_begin(&j);
	for (i = 0; i < p->nbuildings; i++) {
		if (p->buildings[i].id == NULL)
			continue;
		json_object_begin(&j);
		json_kv_string(&j, "id", p->buildings[i].id);
		if (p->buildings[i].name != NULL)
			json_kv_string(&j, "name", p->buildings[i].name);
		policy_json_strings(&j, "aliases", p->buildings[i].aliases,
		    p->buildings[i].naliases);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_kv_int(&j, "min_group", p->min_group);
	policy_json_days(&j, "holidays", p->holidays, p->nholidays);
	policy_json_days(&j, "workdays", p->workdays, p->nworkdays);
	json_object_end(&j);
}

/* Whether the date is a holiday: listed (a weekday or a range), not made a workday. */
static bool
policy_day_in(const struct policy_dayspec *v, size_t n,
    const struct caldate *d, int weekday)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (v[i].weekday != 0 ? v[i].weekday == weekday :
		    caldate_cmp(&v[i].from, d) <= 0 &&
		    caldate_cmp(d, &v[i].to) <= 0)
			return true;
	}
	return false;
}

bool
policy_is_holiday(const struct policy *p, const struct caldate *d)
{
	struct tm	 tm;
	int		 weekday;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = d->year - 1900;
	tm.tm_mon = d->month - 1;
	tm.tm_mday = d->day;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	mktime(&tm);
	weekday = tm.tm_wday == 0 ? 7 : tm.tm_wday;
	if (policy_day_in(p->workdays, p->nworkdays, d, 0))
		return false;
	return policy_day_in(p->holidays, p->nholidays, d, weekday);
}

/* The duty of shift s on day d, its times in local time. */
static void
policy_duty_of(const struct policy_shift *s, const struct caldate *d,
    struct policy_duty *out)
{
	char	 date[11];
	int	 len = s->end > s->start ? s->end - s->start :
	    s->end + 1440 - s->start;

	out->shift = s;
	out->date = *d;
	out->start = caltime_local(d->year, d->month, d->day, s->start / 60,
	    s->start % 60);
	out->end = caltime_local(d->year, d->month, d->day, (s->start +
	    len) / 60, (s->start + len) % 60);
	snprintf(out->id, sizeof out->id, "%s/%s",
	    caldate_format(d, date, sizeof date), s->id);
}

/* Whether shift s runs on day d (its kind of day). */
static bool
policy_shift_runs(const struct policy *p, const struct policy_shift *s,
    const struct caldate *d)
{
	bool	 holiday = policy_is_holiday(p, d);

	return s->days == POLICY_DAYS_ALL ||
	    (s->days == POLICY_DAYS_HOLIDAYS) == holiday;
}

bool
policy_duty_at(const struct policy *p, int64_t t, struct policy_duty *out)
{
	struct caldate	 d;
	size_t		 i;
	int		 back;

	for (back = 1; back >= 0; back--) {
		caldate_of(t, -back, &d);
		for (i = 0; i < p->nshifts; i++) {
			if (!policy_shift_runs(p, &p->shifts[i], &d))
				continue;
			policy_duty_of(&p->shifts[i], &d, out);
			if (out->start <= t && t < out->end)
				return true;
		}
	}
	return false;
}

bool
policy_duty_parse(const struct policy *p, const char *id,
    struct policy_duty *out, const char **why)
{
	const char	*slash = strchr(id, '/');
	char		 date[11];
	struct caldate	 d;
	int		 k;

	if (slash == NULL || slash - id != 10) {
		*why = "a shift is written DATE/SHIFT (2026-12-01/night)";
		return false;
	}
	memcpy(date, id, 10);
	date[10] = '\0';
	if (caltime_parse_date(date, &d, why) != 0)
		return false;
	if ((k = policy_find(p, POLICY_SHIFT, slash + 1)) < 0) {
		*why = "no such shift in the policy";
		return false;
	}
	if (!policy_shift_runs(p, &p->shifts[k], &d)) {
		*why = "that shift does not run on that day";
		return false;
	}
	policy_duty_of(&p->shifts[k], &d, out);
	return true;
}

/*
 * The nearest duty from t on (dir 1: starting at or after; -1: ending at
 * or before), looking a year ahead or back.
 */
static bool
policy_duty_near(const struct policy *p, int64_t t, int dir,
    struct policy_duty *out)
{
	struct policy_duty	 c;
	struct caldate		 d;
	size_t			 i;
	int			 k;
	bool			 found = false;

	for (k = -1; k <= 366 && !found; k++) {
		caldate_of(t, dir * k, &d);
		for (i = 0; i < p->nshifts; i++) {
			if (!policy_shift_runs(p, &p->shifts[i], &d))
				continue;
			policy_duty_of(&p->shifts[i], &d, &c);
			if (dir > 0 ? c.start < t : c.end > t)
				continue;
			if (!found || (dir > 0 ? c.start < out->start :
			    c.end > out->end))
				*out = c;
			found = true;
		}
	}
	return found;
}

bool
policy_duty_next(const struct policy *p, int64_t t, struct policy_duty *out)
{
	return policy_duty_near(p, t, 1, out);
}

bool
policy_duty_prev(const struct policy *p, int64_t t, struct policy_duty *out)
{
	return policy_duty_near(p, t, -1, out);
}

const char *
policy_duty_receiver(const struct policy *p, const struct policy_duty *d)
{
	struct policy_duty	 next;

	if (d->shift->handover_set)
		return d->shift->handover_role;
	if (d->shift->days == POLICY_DAYS_HOLIDAYS)
		return NULL;
	if (policy_duty_next(p, d->end, &next) && next.start == d->end)
		return NULL;
	return policy_role(p, "student_affairs") != NULL ? "student_affairs" :
	    NULL;
}

bool
policy_followup_applies(const struct policy *p,
    const struct policy_followup *f, size_t category, size_t severity)
{
	size_t	 i;
	bool	 c = f->ncategories == 0, s = f->nseverities == 0;

	(void)p;
	for (i = 0; !c && i < f->ncategories; i++)
		c = f->categories[i] == category;
	for (i = 0; !s && i < f->nseverities; i++)
		s = f->severities[i] == severity;
	return c && s;
}

int64_t
policy_followup_due(const struct policy *p, const struct policy_followup *f,
    int64_t t)
{
	return f->workdays > 0 ? policy_add_workdays(p, t, f->workdays) :
	    t + f->within;
}

int64_t
policy_add_workdays(const struct policy *p, int64_t t, int n)
{
	struct caldate	 d;
	struct tm	 tm;
	time_t		 tt = (time_t)t;
	int		 k, counted = 0;

	localtime_r(&tt, &tm);
	for (k = 1; counted < n && k <= 2 * 366; k++) {
		caldate_of(t, k, &d);
		if (!policy_is_holiday(p, &d))
			counted++;
	}
	return caltime_local(d.year, d.month, d.day, tm.tm_hour, tm.tm_min);
}

const struct policy_shift *
policy_shift_at(const struct policy *p, int64_t t)
{
	struct policy_duty	 d;

	return policy_duty_at(p, t, &d) ? d.shift : NULL;
}
