/* tick, escalate and contacts: the ladder from the command line. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/app.h"
#include "yujing/buf.h"
#include "yujing/cli.h"
#include "yujing/escalate.h"
#include "yujing/incident.h"
#include "yujing/json.h"
#include "yujing/policy.h"
#include "yujing/safe.h"
#include "yujing/status.h"

struct cli_done_out {
	enum cli_format	 format;
	struct json	 j;
	struct buf	 out;
	int		 n;
};

static void
cli_done(void *arg, const struct escalate_done *d)
{
	struct cli_done_out	*o = arg;

	o->n++;
	if (o->format == CLI_JSON) {
		json_object_begin(&o->j);
		json_kv_int(&o->j, "incident", d->incident);
		json_kv_string(&o->j, "kind", d->kind);
		json_kv_string(&o->j, "level", d->level);
		json_kv_string(&o->j, "note", d->note);
		json_kv_string(&o->j, "text", d->text);
		/* The parameters, as the history keeps them. */
		json_key(&o->j, "payload");
		json_raw(&o->j, d->payload != NULL && *d->payload ?
		    d->payload : "{}");
		json_object_end(&o->j);
		return;
	}
	/*
	 * Printed after: a full pipe must not hold the write lock. The
	 * words may quote a reason, a name: whatever was stored.
	 */
	buf_printf(&o->out, "#%lld %s %s: ", (long long)d->incident, d->kind,
	    d->level);
	safe_add(&o->out, d->text != NULL ? d->text : d->note, 0);
	buf_putc(&o->out, '\n');
}

static int
cli_format_only(const char *cmd, int argc, char **argv, unsigned allowed,
    enum cli_format *f)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	int	 ch;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'f') {
			cli_warn("%s: unknown option or missing value: '%s'",
			    cmd, argv[optind - 1]);
			return CLI_USAGE;
		}
		if (cli_parse_format(optarg, allowed, f) != 0)
			return CLI_USAGE;
	}
	return CLI_OK;
}

int
cli_tick(struct yj_app *a, const struct cli_globals *g, int argc, char **argv)
{
	struct cli_done_out	 o;
	struct yj_error		 err;
	int			 rc, count;

	(void)g;
	memset(&o, 0, sizeof o);
	o.format = CLI_TEXT;
	if ((rc = cli_format_only("tick", argc, argv, 1 << CLI_TEXT |
	    1 << CLI_JSON, &o.format)) != CLI_OK)
		return rc;
	if (optind < argc) {
		cli_warn("tick takes no arguments");
		return CLI_USAGE;
	}
	buf_init(&o.out);
	json_init(&o.j, &o.out, true);
	if (o.format == CLI_JSON)
		json_array_begin(&o.j);
	if (escalate_tick(a, cli_done, &o, &count, &err) != YJ_OK)
		rc = cli_error(&err);
	if (o.format == CLI_JSON)
		json_array_end(&o.j);
	fputs(buf_str(&o.out), stdout);
	buf_done(&o.out);
	if (o.n > 0 && rc == CLI_OK)
		rc = cli_saved("applied %d action%s", o.n, o.n == 1 ? "" :
		    "s");
	return rc;
}

int
cli_escalate(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 'o' },
		{ "text", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_done_out	 o;
	struct yj_error		 err;
	const char		*to = NULL, *text = NULL;
	int64_t			 id;
	int			 ch;

	(void)g;
	memset(&o, 0, sizeof o);
	o.format = CLI_TEXT;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'o')
			to = optarg;
		else if (ch == 't')
			text = optarg;
		else {
			cli_warn("escalate: unknown option or "
			    "missing value: '%s'", argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	if (optind != argc - 1) {
		cli_warn("escalate needs one incident id");
		return CLI_USAGE;
	}
	if (cli_parse_id(argv[optind], &id) != 0)
		return CLI_BAD_INPUT;
	if (text == NULL) {
		cli_warn("escalate needs a reason: --text");
		return CLI_USAGE;
	}
	buf_init(&o.out);
	if (escalate_manual(a, id, to, text, cli_done, &o, &err) != YJ_OK) {
		buf_done(&o.out);
		return cli_error(&err);
	}
	fputs(buf_str(&o.out), stdout);
	buf_done(&o.out);
	return cli_saved("escalated #%lld", (long long)id);
}

int
cli_contacts(struct yj_app *a, const struct cli_globals *g, int argc,
    char **argv)
{
	const struct policy_category	*c;
	const struct policy_path	*path;
	const struct policy_rung	*r;
	const struct escalate_person	*pe;
	struct escalate_contacts	 who;
	struct store_incident		 in;
	struct cli_table		 t;
	struct yj_error			 err;
	struct buf			 out, name;
	struct json			 j;
	enum cli_format			 format = CLI_TABLE;
	int64_t				 id;
	size_t				 i, k;
	int				 rc;
	bool				 redacted;

	(void)g;
	if ((rc = cli_format_only("contacts", argc, argv, 1 << CLI_TABLE |
	    1 << CLI_JSON, &format)) != CLI_OK)
		return rc;
	if (optind != argc - 1) {
		cli_warn("contacts needs one incident id");
		return CLI_USAGE;
	}
	if (cli_parse_id(argv[optind], &id) != 0)
		return CLI_BAD_INPUT;
	if (incident_show(a, id, &in, &redacted, &err) != YJ_OK)
		return cli_error(&err);
	/* Whom to call would say whose student it is: for who handles it. */
	if (incident_access(a, &in) == INCIDENT_STUB) {
		/* A refused look: on record like show's. */
		rc = incident_record_view(a, &in, true, "contacts", &err) !=
		    YJ_OK ? cli_error(&err) : CLI_BAD_INPUT;
		incident_free(&in);
		if (rc == CLI_BAD_INPUT)
			cli_warn("incident %lld is restricted; your role (%s) "
			    "may not see it", (long long)id, a->user.role);
		return rc;
	}
	if ((c = policy_category(a->policy, in.category)) == NULL ||
	    escalate_contacts(a, &in, &who, &err) != YJ_OK) {
		/* The message quotes the incident: said before it is freed. */
		if (c == NULL)
			yj_fail(&err, YJ_BAD_INPUT, "the policy no longer has "
			    "category %s", in.category);
		incident_free(&in);
		return cli_error(&err);
	}
	path = &a->policy->paths[c->path];
	buf_init(&out);
	buf_init(&name);
	json_init(&j, &out, true);
	if (format == CLI_JSON)
		json_array_begin(&j);
	else {
		cli_line("#%lld %s: %s at %s", (long long)in.id,
		    in.category_name, in.state, in.level);
		cli_table_init(&t, 4, 30);
		cli_table_add(&t, "");
		cli_table_add(&t, "LEVEL");
		cli_table_add(&t, "PERSON");
		cli_table_add(&t, "PHONE");
	}
	/* The current rung and those above it: who to call now, and next. */
	for (i = (size_t)in.rung; i < path->nrungs; i++) {
		r = &path->rungs[i];
		if (format == CLI_JSON) {
			json_object_begin(&j);
			json_kv_string(&j, "rung", r->id);
			json_kv_bool(&j, "current", i == (size_t)in.rung);
			json_kv_string(&j, "person", who.rungs[i].name);
			json_kv_string(&j, "phone", who.rungs[i].phone != NULL &&
			    *who.rungs[i].phone ? who.rungs[i].phone : NULL);
			/* Everyone there: any of them may acknowledge. */
			json_key(&j, "people");
			json_array_begin(&j);
			for (k = 0; k < who.people[i].n; k++) {
				pe = &who.people[i].v[k];
				json_object_begin(&j);
				json_kv_string(&j, "person", pe->name);
				json_kv_string(&j, "phone", *pe->phone != '\0' ?
				    pe->phone : NULL);
				json_kv_string(&j, "unit", pe->unit);
				json_object_end(&j);
			}
			json_array_end(&j);
			json_object_end(&j);
			continue;
		}
		/* A line a person; when several, each with the unit it has. */
		for (k = 0; k == 0 || k < who.people[i].n; k++) {
			pe = k < who.people[i].n ? &who.people[i].v[k] : NULL;
			cli_table_add(&t, i == (size_t)in.rung ? "now" :
			    "then");
			cli_table_add(&t, r->kind == POLICY_RUNG_LEVEL ?
			    a->policy->levels[r->index].name :
			    a->policy->offices[r->index].name);
			buf_clear(&name);
			if (pe == NULL)
				buf_puts(&name, "(nobody on record)");
			else if (who.people[i].n > 1 && pe->unit != NULL)
				buf_printf(&name, "%s (%s)", pe->name,
				    pe->unit);
			else
				buf_puts(&name, pe->name);
			cli_table_add(&t, buf_str(&name));
			cli_table_add(&t, pe != NULL && *pe->phone != '\0' ?
			    pe->phone : "-");
		}
	}
	buf_done(&name);
	if (format == CLI_JSON) {
		json_array_end(&j);
		fputs(buf_str(&out), stdout);
	} else
		cli_table_print(&t);
	buf_done(&out);
	escalate_contacts_free(&who);
	incident_free(&in);
	return CLI_OK;
}
