#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/buf.h"
#include "yujing/json.h"

void
json_init(struct json *j, struct buf *out, bool pretty)
{
	j->out = out;
	j->pretty = pretty;
	j->depth = 0;
	j->need_comma[0] = false;
	j->after_key = false;
}

static void
json_newline(struct json *j)
{
	int	 i;

	if (!j->pretty)
		return;
	buf_putc(j->out, '\n');
	for (i = 0; i < j->depth; i++)
		buf_puts(j->out, "  ");
}

/* Before any value: a comma and a new line unless it follows its key. */
static void
json_before_value(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (j->need_comma[j->depth])
		buf_putc(j->out, ',');
	j->need_comma[j->depth] = true;
	json_newline(j);
}

static void
json_open(struct json *j, char c)
{
	json_before_value(j);
	buf_putc(j->out, c);
	if (j->depth + 1 >= JSON_MAX_DEPTH)
		abort();	/* a programming error: our documents are shallow */
	j->depth++;
	j->need_comma[j->depth] = false;
}

static void
json_close(struct json *j, char c)
{
	bool	 had = j->need_comma[j->depth];

	j->depth--;
	if (had)
		json_newline(j);
	buf_putc(j->out, c);
	if (j->depth == 0 && j->pretty)
		buf_putc(j->out, '\n');
}

void
json_object_begin(struct json *j)
{
	json_open(j, '{');
}

void
json_object_end(struct json *j)
{
	json_close(j, '}');
}

void
json_array_begin(struct json *j)
{
	json_open(j, '[');
}

void
json_array_end(struct json *j)
{
	json_close(j, ']');
}

static void
json_quote(struct buf *b, const char *s)
{
	const unsigned char	*p;
	char			 esc[8];

	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				snprintf(esc, sizeof esc, "\\u%04x", *p);
				buf_puts(b, esc);
			} else
				buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

void
json_key(struct json *j, const char *key)
{
	json_before_value(j);
	json_quote(j->out, key);
	buf_puts(j->out, j->pretty ? ": " : ":");
	j->after_key = true;
}

void
json_string(struct json *j, const char *s)
{
	if (s == NULL) {
		json_null(j);
		return;
	}
	json_before_value(j);
	json_quote(j->out, s);
}

void
json_int(struct json *j, int64_t v)
{
	json_before_value(j);
	buf_printf(j->out, "%" PRId64, v);
}

void
json_bool(struct json *j, bool v)
{
	json_before_value(j);
	buf_puts(j->out, v ? "true" : "false");
}

void
json_null(struct json *j)
{
	json_before_value(j);
	buf_puts(j->out, "null");
}

static bool
json_digits(const char **p)
{
	const char	*s = *p;

	while (**p >= '0' && **p <= '9')
		(*p)++;
	return *p != s;
}

bool
json_is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s < '1' || *s > '9' || !json_digits(&s))
		return false;
	if (*s == '.') {
		s++;
		if (!json_digits(&s))
			return false;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!json_digits(&s))
			return false;
	}
	return *s == '\0';
}

void
json_raw(struct json *j, const char *text)
{
	json_before_value(j);
	buf_puts(j->out, text);
}

void
json_kv_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void
json_kv_int(struct json *j, const char *key, int64_t v)
{
	json_key(j, key);
	json_int(j, v);
}

void
json_kv_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}

/* Reads the string starting at the quote *p into out (if not NULL). */
static bool
json_read_string(const char **p, struct buf *out)
{
	const char	*s = *p + 1;
	unsigned	 v;

	for (; *s != '\0' && *s != '"'; s++) {
		if (*s != '\\') {
			if (out != NULL)
				buf_putc(out, *s);
			continue;
		}
		s++;
		switch (*s) {
		case 'n': if (out) buf_putc(out, '\n'); break;
		case 't': if (out) buf_putc(out, '\t'); break;
		case 'r': if (out) buf_putc(out, '\r'); break;
		case 'u':
			/* The writer escapes only control characters so. */
			if (sscanf(s + 1, "%4x", &v) != 1)
				return false;
			if (out != NULL)
				buf_putc(out, (char)(v & 0x7f));
			s += 4;
			break;
		case '\0':
			return false;
		default:
			if (out != NULL)
				buf_putc(out, *s);
			break;
		}
	}
	if (*s != '"')
		return false;
	*p = s + 1;
	return true;
}


/*
 * Finds key in a flat object; *p is left at its value. A key inside a
 * string value is never taken for one: values are skipped whole.
 */
static bool
json_find(const char *json, const char *key, const char **at)
{
	struct buf	 k;
	const char	*p = json;
	bool		 found;

	buf_init(&k);
	while ((p = strchr(p, '"')) != NULL) {
		k.len = 0;
		buf_puts(&k, "");
		if (!json_read_string(&p, &k))
			break;
		while (*p == ' ')
			p++;
		if (*p != ':')
			continue;	/* a value, not a key */
		p++;
		while (*p == ' ')
			p++;
		found = strcmp(buf_str(&k), key) == 0;
		if (found) {
			buf_done(&k);
			*at = p;
			return true;
		}
		if (*p == '"' && !json_read_string(&p, NULL))
			break;
	}
	buf_done(&k);
	return false;
}

bool
json_get_string(const char *json, const char *key, struct buf *out)
{
	const char	*p;

	/* null, a number, an object: not a string */
	if (json == NULL || !json_find(json, key, &p) || *p != '"')
		return false;
	return json_read_string(&p, out);
}

bool
json_get_int(const char *json, const char *key, int64_t *v)
{
	const char	*p;
	char		*end;
	long long	 n;

	if (json == NULL || !json_find(json, key, &p))
		return false;
	if (*p != '-' && (*p < '0' || *p > '9'))
		return false;
	errno = 0;
	n = strtoll(p, &end, 10);
	if (errno != 0 || end == p || *end == '.' || *end == 'e' ||
	    *end == 'E')
		return false;
	*v = n;
	return true;
}

bool
json_get_bool(const char *json, const char *key, bool *v)
{
	const char	*p;

	if (json == NULL || !json_find(json, key, &p))
		return false;
	if (strncmp(p, "true", 4) == 0)
		*v = true;
	else if (strncmp(p, "false", 5) == 0)
		*v = false;
	else
		return false;
	return true;
}
