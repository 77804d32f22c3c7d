#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/buf.h"
#include "yujing/caltime.h"
#include "yujing/diag.h"
#include "yujing/duration.h"
#include "yujing/number.h"
#include "yujing/policy.h"
#include "yujing/schema.h"
#include "yujing/strdist.h"
#include "yujing/yamltree.h"

#define SCALAR(t)	{ .type = (t) }

static const struct schema s_string = SCALAR(SCHEMA_STRING);
static const struct schema s_id = SCALAR(SCHEMA_ID);
static const struct schema s_int = SCALAR(SCHEMA_INT);
static const struct schema s_number = SCALAR(SCHEMA_NUMBER);
static const struct schema s_bool = SCALAR(SCHEMA_BOOL);
static const struct schema s_duration = SCALAR(SCHEMA_DURATION);
static const struct schema s_years = SCALAR(SCHEMA_YEARS);
static const struct schema s_hhmm = SCALAR(SCHEMA_HHMM);
static const struct schema s_dates = SCALAR(SCHEMA_DATES);
static const struct schema s_days = SCALAR(SCHEMA_DAYS);
static const struct schema s_letter = SCALAR(SCHEMA_LETTER);
static const struct schema s_size = SCALAR(SCHEMA_SIZE);

static const struct schema s_strings = {
	.type = SCHEMA_LIST, .elem = &s_string
};
static const struct schema s_ids = { .type = SCHEMA_LIST, .elem = &s_id };
static const struct schema s_ids_nonempty = {
	.type = SCHEMA_LIST, .elem = &s_id, .nonempty = true
};
static const struct schema s_strings_nonempty = {
	.type = SCHEMA_LIST, .elem = &s_string, .nonempty = true
};

static const char *const w_scope[] = {
	"class", "department", "school", "building", NULL
};
static const char *const w_field_type[] = {
	"text", "number", "bool", "time", "choice", NULL
};
static const char *const w_per[] = { "student", "room", "class", NULL };
static const char *const w_shift_days[] = {
	"all", "workdays", "holidays", NULL
};
static const struct schema s_scope = { .type = SCHEMA_ENUM, .words = w_scope };
static const struct schema s_field_type = {
	.type = SCHEMA_ENUM, .what = "field type", .words = w_field_type
};
static const struct schema s_per = { .type = SCHEMA_ENUM, .words = w_per };
static const struct schema s_shift_days = {
	.type = SCHEMA_ENUM, .what = "shift days", .words = w_shift_days
};

/* Every thing with an id also has a name and, optionally, an English one. */
#define NAMED(req)					\
	{ "id", &s_id, true },				\
	{ "name", &s_string, req },			\
	{ "name_en", &s_string, false }
#define MAPPING(w, k)	{ .type = SCHEMA_MAP, .what = (w), .keys = (k) }
#define LIST_OF(s)	{ .type = SCHEMA_LIST, .elem = (s), .nonempty = true }

static const struct schema_key k_institution[] = {
	{ "name", &s_string, true },
	{ "name_en", &s_string, false },
	{ NULL, NULL, false }
};
static const struct schema s_institution = MAPPING("institution", k_institution);

static const struct schema_key k_kdf[] = {
	{ "memory", &s_size, false },
	{ "passes", &s_int, false },
	{ NULL, NULL, false }
};
static const struct schema s_kdf = MAPPING("kdf", k_kdf);

static const struct schema_key k_security[] = {
	{ "idle_lock", &s_duration, false },
	{ "kdf", &s_kdf, false },
	{ "access_log_readers", &s_ids_nonempty, false },
	{ NULL, NULL, false }
};
static const struct schema s_security = MAPPING("security", k_security);

static const struct schema_key k_reports[] = {
	{ "min_group", &s_int, false },
	{ NULL, NULL, false }
};
static const struct schema s_reports = MAPPING("reports", k_reports);

static const struct schema_key k_role[] = {
	NAMED(true),
	{ NULL, NULL, false }
};
static const struct schema s_role = MAPPING("role", k_role);
static const struct schema s_roles = LIST_OF(&s_role);
static const struct schema s_reporter_role = MAPPING("reporter role", k_role);
static const struct schema s_reporter_roles = LIST_OF(&s_reporter_role);

static const struct schema_key k_level[] = {
	NAMED(true),
	{ "scope", &s_scope, true },
	{ "ack_within", &s_duration, true },
	{ "role", &s_id, false },
	{ NULL, NULL, false }
};
static const struct schema s_level = MAPPING("level", k_level);
static const struct schema s_levels = LIST_OF(&s_level);

static const struct schema_key k_office[] = {
	NAMED(true),
	{ "ack_within", &s_duration, false },
	{ "role", &s_id, false },
	{ NULL, NULL, false }
};
static const struct schema s_office = MAPPING("office", k_office);
static const struct schema s_offices = LIST_OF(&s_office);

static const struct schema_key k_rung[] = {
	{ "id", &s_id, true },
	{ "ack_within", &s_duration, false },
	{ NULL, NULL, false }
};
static const struct schema s_rung = {
	.type = SCHEMA_RUNG, .what = "rung", .keys = k_rung
};
static const struct schema s_rungs = LIST_OF(&s_rung);
static const struct schema_key k_path[] = {
	NAMED(false),
	{ "rungs", &s_rungs, true },
	{ NULL, NULL, false }
};
static const struct schema s_path = MAPPING("path", k_path);
static const struct schema s_paths = LIST_OF(&s_path);

static const struct schema_key k_severity[] = {
	NAMED(true),
	{ "start_level", &s_id, false },
	{ "emergency_plan", &s_bool, false },
	{ "notify_all", &s_bool, false },
	{ NULL, NULL, false }
};
static const struct schema s_severity = MAPPING("severity", k_severity);
static const struct schema s_severities = LIST_OF(&s_severity);

static const struct schema_key k_field[] = {
	{ "id", &s_id, true },
	{ "label", &s_string, true },
	{ "type", &s_field_type, true },
	{ "choices", &s_strings_nonempty, false },
	{ "required", &s_bool, false },
	{ "min", &s_number, false },
	{ "max", &s_number, false },
	{ NULL, NULL, false }
};
static const struct schema s_field = MAPPING("field", k_field);
static const struct schema s_fields = LIST_OF(&s_field);
static const struct schema s_ack_overrides = {
	.type = SCHEMA_IDMAP, .what = "ack_within", .elem = &s_duration
};

static const struct schema_key k_category[] = {
	NAMED(true),
	{ "key", &s_letter, false },
	{ "aliases", &s_strings, false },
	{ "path", &s_id, false },
	{ "severity", &s_id, false },
	{ "start_level", &s_id, false },
	{ "notify", &s_ids, false },
	{ "report_within", &s_duration, false },
	{ "resolve_within", &s_duration, false },
	{ "ack_within", &s_ack_overrides, false },
	{ "restricted", &s_bool, false },
	{ "visible_to", &s_ids, false },
	{ "handled_by", &s_ids, false },
	{ "system", &s_bool, false },
	{ "escalate_when_unresolved", &s_bool, false },
	{ "fields", &s_fields, false },
	{ "checklist", &s_strings, false },
	{ NULL, NULL, false }
};
static const struct schema s_category = MAPPING("category", k_category);
static const struct schema s_categories = LIST_OF(&s_category);

static const struct schema_key k_warning[] = {
	NAMED(true),
	{ "categories", &s_ids_nonempty, true },
	{ "count", &s_int, true },
	{ "within", &s_duration, true },
	{ "per", &s_per, true },
	{ "severity", &s_id, false },
	{ "start_level", &s_id, false },
	{ "category", &s_id, false },
	{ NULL, NULL, false }
};
static const struct schema s_warning = MAPPING("warning", k_warning);
static const struct schema s_warnings = LIST_OF(&s_warning);

static const struct schema_key k_handover_to[] = {
	{ "role", &s_id, true },
	{ NULL, NULL, false }
};
/* next_shift, or a mapping {role: ROLE}. */
static const struct schema s_handover_to = {
	.type = SCHEMA_RUNG, .what = "handover_to", .keys = k_handover_to
};
static const struct schema_key k_shift[] = {
	NAMED(true),
	{ "start", &s_hhmm, true },
	{ "end", &s_hhmm, true },
	{ "days", &s_shift_days, false },
	{ "handover_to", &s_handover_to, false },
	{ NULL, NULL, false }
};
static const struct schema s_shift = MAPPING("shift", k_shift);
static const struct schema s_shifts = LIST_OF(&s_shift);
static const struct schema s_holidays = LIST_OF(&s_days);
static const struct schema s_workdays = LIST_OF(&s_dates);

static const struct schema_key k_followup[] = {
	NAMED(true),
	{ "within", &s_string, true },
	{ "owner", &s_id, true },
	{ "categories", &s_ids, false },
	{ "severities", &s_ids, false },
	{ NULL, NULL, false }
};
static const struct schema s_followup = MAPPING("follow-up", k_followup);
static const struct schema s_followups = LIST_OF(&s_followup);

static const struct schema_key k_building[] = {
	{ "id", &s_string, true },
	{ "name", &s_string, false },
	{ "aliases", &s_strings, false },
	{ NULL, NULL, false }
};
static const struct schema s_building = MAPPING("building", k_building);
static const struct schema s_buildings = LIST_OF(&s_building);

/* capabilities: each a list of the roles that have it. */
#define SCHEMA_CAP_KEY(e, id, roles, help)	{ id, &s_ids, false },
static const struct schema_key k_capabilities[] = {
	POLICY_CAPABILITIES(SCHEMA_CAP_KEY)
	{ NULL, NULL, false }
};
static const struct schema s_capabilities =
    MAPPING("capabilities", k_capabilities);

/*
 * retention: how long after an incident is resolved its personal details
 * are kept (default, and by category), and a student's roster details
 * after they left; none said: kept.
 */
static const struct schema s_retention_categories = {
	.type = SCHEMA_IDMAP, .what = "retention categories", .elem = &s_years
};
static const struct schema_key k_retention[] = {
	{ "default", &s_years, false },
	{ "categories", &s_retention_categories, false },
	{ "left_students", &s_years, false },
	{ NULL, NULL, false }
};
static const struct schema s_retention = MAPPING("retention", k_retention);

static const struct schema_key k_root[] = {
	{ "version", &s_int, true },
	{ "institution", &s_institution, true },
	{ "security", &s_security, false },
	{ "reports", &s_reports, false },
	{ "term_start", &s_dates, false },
	{ "notify_command", &s_strings_nonempty, false },
	{ "notify_timeout", &s_duration, false },
	{ "roles", &s_roles, true },
	{ "reporter_roles", &s_reporter_roles, false },
	{ "capabilities", &s_capabilities, false },
	{ "retention", &s_retention, false },
	{ "levels", &s_levels, true },
	{ "offices", &s_offices, false },
	{ "paths", &s_paths, true },
	{ "severities", &s_severities, true },
	{ "categories", &s_categories, true },
	{ "warnings", &s_warnings, false },
	{ "shifts", &s_shifts, false },
	{ "holidays", &s_holidays, false },
	{ "workdays", &s_workdays, false },
	{ "followups", &s_followups, false },
	{ "buildings", &s_buildings, false },
	{ NULL, NULL, false }
};
const struct schema schema_root = MAPPING("policy", k_root);

int
schema_bool(const struct ynode *n)
{
	/* YAML 1.2's spellings, and YAML 1.1's yes/no that people still write. */
	static const char *const yes[] = {
		"true", "True", "TRUE", "yes", "Yes", "YES", NULL
	};
	static const char *const no[] = {
		"false", "False", "FALSE", "no", "No", "NO", NULL
	};
	size_t	 i;

	if (n == NULL || n->kind != YNODE_SCALAR)
		return -1;
	for (i = 0; yes[i] != NULL; i++) {
		if (strcmp(n->value, yes[i]) == 0)
			return 1;
		if (strcmp(n->value, no[i]) == 0)
			return 0;
	}
	return -1;
}

bool
schema_is_id(const char *s)
{
	size_t	 i;

	if (!islower((unsigned char)s[0]) || strlen(s) > 64)
		return false;
	for (i = 1; s[i] != '\0'; i++) {
		if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '_')
			return false;
	}
	return true;
}

static int
schema_check_scalar(const struct ynode *n, const struct schema *s,
    const char *name, struct diags *d)
{
	const char	*why = NULL, *hint, *what;
	struct caldate	 a, b;
	int64_t		 secs;
	int		 mins;
	size_t		 i, nwords;

	if (yamltree_is_null(n)) {
		diags_add(d, n->line, n->col, "'%s' has no value", name);
		return 1;
	}
	switch (s->type) {
	case SCHEMA_STRING:
		if (n->len == 0)
			why = "must not be empty";
		break;
	case SCHEMA_ID:
		if (!schema_is_id(n->value)) {
			diags_add(d, n->line, n->col, "'%s' is not a valid id "
			    "(lowercase letters, digits and _, starting "
			    "with a letter)", n->value);
			return 1;
		}
		break;
	case SCHEMA_INT:
		if (n->len == 0 || n->len > 7 ||
		    strspn(n->value, "0123456789") != n->len)
			why = "must be a whole number (0 to 1000000)";
		else if (strtol(n->value, NULL, 10) > 1000000)
			why = "must be a whole number (0 to 1000000)";
		break;
	case SCHEMA_NUMBER: {
		double	 v;

		if (!number_decimal(n->value, &v))
			why = "must be a plain decimal number (e.g. 0, 5, "
			    "-2 or 1500.50)";
		break;
	}
	case SCHEMA_BOOL:
		if (schema_bool(n) < 0)
			why = "must be true or false";
		break;
	case SCHEMA_DURATION:
	case SCHEMA_YEARS:
		if ((s->type == SCHEMA_YEARS ? duration_parse_long(n->value,
		    &secs, &why) : duration_parse(n->value, &secs, &why)) !=
		    0) {
			diags_add(d, n->line, n->col,
			    "bad duration '%s' for '%s': %s", n->value, name,
			    why);
			return 1;
		}
		break;
	case SCHEMA_HHMM:
		if (caltime_parse_hhmm(n->value, &mins, &why) != 0) {
			diags_add(d, n->line, n->col,
			    "bad time '%s' for '%s': %s", n->value, name, why);
			return 1;
		}
		break;
	case SCHEMA_DAYS:
		if (caltime_weekday(n->value) != 0)
			break;
		/* FALLTHROUGH */
	case SCHEMA_DATES:
		if (caltime_parse_range(n->value, &a, &b, &why) != 0) {
			/* Only a value that is no date at all may be a
			 * misspelt weekday. */
			diags_add(d, n->line, n->col,
			    "bad date '%s' in '%s': %s%s", n->value, name, why,
			    s->type == SCHEMA_DAYS &&
			    !isdigit((unsigned char)n->value[0]) ?
			    " (or a weekday name such as saturday)" : "");
			return 1;
		}
		break;
	case SCHEMA_LETTER:
		if (n->len != 1 || !islower((unsigned char)n->value[0]))
			why = "must be one lowercase letter a-z";
		break;
	case SCHEMA_SIZE: {
		uint64_t	 bytes;

		if (!number_size(n->value, &bytes))
			why = "must be an amount of memory in KiB, MiB or GiB "
			    "(e.g. 19MiB), at most 4GiB";
		break;
	}
	case SCHEMA_ENUM:
		for (i = 0; s->words[i] != NULL; i++) {
			if (strcmp(n->value, s->words[i]) == 0)
				return 0;
		}
		nwords = i;
		what = s->what != NULL ? s->what : name;
		hint = strdist_suggest(n->value, s->words, nwords);
		if (hint != NULL) {
			diags_add(d, n->line, n->col,
			    "unknown %s '%s' (did you mean '%s'?)", what,
			    n->value, hint);
		} else {
			struct buf	 list;

			buf_init(&list);
			for (i = 0; i < nwords; i++)
				buf_printf(&list, "%s%s", i ? ", " : "",
				    s->words[i]);
			diags_add(d, n->line, n->col,
			    "unknown %s '%s' (expected one of: %s)", what,
			    n->value, buf_str(&list));
			buf_done(&list);
		}
		return 1;
	default:
		break;
	}
	if (why != NULL) {
		diags_add(d, n->line, n->col, "'%s' %s", name, why);
		return 1;
	}
	return 0;
}

static int
schema_check_map(const struct ynode *n, const struct schema *s,
    struct diags *d)
{
	const struct schema_key	*k;
	const char		*names[64], *hint, *guessed[64];
	const struct ynode	*key, *id;
	size_t			 i, j, nnames = 0, nguessed = 0;
	int			 errors = 0;

	for (k = s->keys; k->name != NULL && nnames < 64; k++)
		names[nnames++] = k->name;
	for (i = 0; i < n->n; i++) {
		key = n->pairs[i].key;
		for (k = s->keys; k->name != NULL; k++) {
			if (strcmp(k->name, key->value) == 0)
				break;
		}
		if (k->name == NULL) {
			hint = strdist_suggest(key->value, names, nnames);
			if (hint != NULL) {
				diags_add(d, key->line, key->col,
				    "unknown key '%s' (did you mean '%s'?)",
				    key->value, hint);
				if (nguessed < 64)
					guessed[nguessed++] = hint;
			} else
				diags_add(d, key->line, key->col,
				    "unknown key '%s' in %s", key->value,
				    s->what);
			errors++;
			continue;
		}
		errors += schema_check(n->pairs[i].value, k->type, k->name, d);
	}
	id = yamltree_get(n, "id");
	for (k = s->keys; k->name != NULL; k++) {
		if (!k->required || yamltree_get(n, k->name) != NULL)
			continue;
		/* A misspelt required key was reported as such already. */
		for (j = 0; j < nguessed; j++) {
			if (strcmp(guessed[j], k->name) == 0)
				break;
		}
		if (j < nguessed)
			continue;
		if (id != NULL && id->kind == YNODE_SCALAR && id->len != 0)
			diags_add(d, n->line, n->col,
			    "missing required key '%s' in %s '%s'", k->name,
			    s->what, id->value);
		else
			diags_add(d, n->line, n->col,
			    "missing required key '%s' in %s", k->name,
			    s->what);
		errors++;
	}
	return errors;
}

int
schema_check(const struct ynode *n, const struct schema *s, const char *name,
    struct diags *d)
{
	const char	*want;
	size_t		 i;
	int		 errors = 0;

	switch (s->type) {
	case SCHEMA_LIST:
		want = "a list";
		if (n->kind != YNODE_SEQUENCE)
			break;
		if (s->nonempty && n->n == 0) {
			diags_add(d, n->line, n->col, "'%s' is empty", name);
			return 1;
		}
		for (i = 0; i < n->n; i++)
			errors += schema_check(n->items[i], s->elem, name, d);
		return errors;
	case SCHEMA_MAP:
		want = "a mapping (key: value lines)";
		if (n->kind != YNODE_MAPPING)
			break;
		return schema_check_map(n, s, d);
	case SCHEMA_IDMAP:
		want = "a mapping (id: value lines)";
		if (n->kind != YNODE_MAPPING)
			break;
		for (i = 0; i < n->n; i++) {
			errors += schema_check(n->pairs[i].key, &s_id, name, d);
			errors += schema_check(n->pairs[i].value, s->elem,
			    n->pairs[i].key->value, d);
		}
		return errors;
	case SCHEMA_RUNG:
		if (n->kind == YNODE_MAPPING)
			return schema_check_map(n, s, d);
		if (n->kind == YNODE_SCALAR)
			return schema_check_scalar(n, &s_id, name, d);
		want = "an id or a mapping";
		break;
	default:
		want = "a single value";
		if (n->kind != YNODE_SCALAR)
			break;
		return schema_check_scalar(n, s, name, d);
	}
	diags_add(d, n->line, n->col, "'%s' must be %s, not %s", name, want,
	    yamltree_kind_name(n));
	return 1;
}
