#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <utf8proc.h>

#include "yujing/buf.h"
#include "yujing/i18n.h"
#include "yujing/safe.h"
#include "yujing/status.h"

bool
safe_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

bool
safe_is_bidi(uint32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* A line or paragraph separator: a line break to some, nothing to others. */
static bool
safe_is_separator(uint32_t cp)
{
	return cp == 0x2028 || cp == 0x2029;
}

/* Where a character is, for a message: "character 5", "line 2, ...". */
static const char *
safe_place(int line, int col, char *out, size_t size)
{
	if (line > 1)
		snprintf(out, size, _("line %d, character %d"), line, col);
	else
		snprintf(out, size, _("character %d"), col);
	return out;
}

enum yj_status
safe_check(const char *what, const char *s, size_t max, enum safe_kind kind,
    struct yj_error *err)
{
	const utf8proc_uint8_t	*p = (const utf8proc_uint8_t *)s;
	const char		*hint;
	utf8proc_int32_t	 cp;
	utf8proc_ssize_t	 n;
	size_t			 len = strlen(s), off = 0;
	char			 at[48];
	int			 line = 1, col = 1;

	if (len > max)
		return yj_fail(err, YJ_BAD_INPUT, _("%s is too long (%zu bytes; "
		    "at most %zu)"), what, len, max);
	/* what: in English, marked N_() by the caller, said in the UI's. */
	what = _(what);
	hint = kind == SAFE_TEXT ? _("text may hold new lines but no other "
	    "control characters") : _("names, numbers and ids may hold no "
	    "control characters");
	for (; off < len; off += (size_t)n, col++) {
		n = utf8proc_iterate(p + off, (utf8proc_ssize_t)(len - off),
		    &cp);
		if (n <= 0)
			return yj_fail(err, YJ_BAD_INPUT, _("%s is not valid "
			    "UTF-8 (line %d, character %d)"), what, line, col);
		if (cp == '\n' && kind == SAFE_TEXT) {
			line++;
			col = 0;
			continue;
		}
		if (safe_is_control((uint32_t)cp))
			return yj_fail(err, YJ_BAD_INPUT, _("%s: a control "
			    "character (U+%04X) at %s; %s"), what, (unsigned)cp,
			    safe_place(line, col, at, sizeof at), hint);
		if (kind == SAFE_NAME && (safe_is_bidi((uint32_t)cp) ||
		    safe_is_separator((uint32_t)cp)))
			return yj_fail(err, YJ_BAD_INPUT, _("%s: a %s (U+%04X) "
			    "at %s; names, numbers and ids may hold none"),
			    what, safe_is_bidi((uint32_t)cp) ? _("bidi control") :
			    _("line separator"), (unsigned)cp,
			    safe_place(line, col, at, sizeof at));
	}
	return YJ_OK;
}

/* Whether safe_add shows cp as an escape. */
static bool
safe_escaped(uint32_t cp, int flags)
{
	if (cp == '\n')
		return !(flags & SAFE_LINES);
	return safe_is_control(cp) || safe_is_bidi(cp) ||
	    safe_is_separator(cp);
}

void
safe_add(struct buf *b, const char *s, int flags)
{
	const utf8proc_uint8_t	*p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t	 cp;
	utf8proc_ssize_t	 n;
	size_t			 len, off = 0, run = 0;

	if (s == NULL)
		return;
	len = strlen(s);
	/* Plain text is copied in runs; only what must change is looked at. */
	while (off < len) {
		n = utf8proc_iterate(p + off, (utf8proc_ssize_t)(len - off),
		    &cp);
		if (n > 0 && !safe_escaped((uint32_t)cp, flags)) {
			off += (size_t)n;
			continue;
		}
		buf_add(b, s + run, off - run);
		if (n <= 0) {
			buf_printf(b, "\\x%02x", p[off]);
			n = 1;
		} else if (cp == '\t')
			buf_puts(b, "\\t");
		else if (cp == '\r')
			buf_puts(b, "\\r");
		else if (cp == '\n')
			buf_puts(b, "\\n");
		else if (cp < 0x20 || cp == 0x7f)
			buf_printf(b, "\\x%02x", (unsigned)cp);
		else
			buf_printf(b, "\\u%04x", (unsigned)cp);
		off += (size_t)n;
		run = off;
	}
	buf_add(b, s + run, off - run);
}

char *
safe_dup(const char *s, int flags)
{
	struct buf	 b;

	buf_init(&b);
	safe_add(&b, s, flags);
	return buf_steal(&b);
}

void
safe_print(FILE *f, const char *s, int flags)
{
	struct buf	 b;

	buf_init(&b);
	safe_add(&b, s, flags);
	fputs(buf_str(&b), f);
	buf_done(&b);
}
