/*
 * Finding incidents by their words (the TUI's F3) and students by number,
 * name, pinyin initials or room (the new-incident form).
 *
 * The index is an FTS5 table, incident_search, one row per incident, whose
 * rowid is the incident's id. Its text is made here, in C, because the
 * tokenizers of SQLite 3.40 cannot find short Chinese words: unicode61
 * takes a whole run of Chinese as one token and trigram needs three
 * characters. Each piece of an incident is split into runs of Han
 * characters (kana and hangul too) and words of other letters and digits;
 * then the three columns hold
 *
 *	big	every overlapping pair of each run, in order, "0" after the run
 *	uni	every single character of each run
 *	word	every other word
 *
 * separated by spaces, so unicode61 reads back exactly those tokens (and
 * folds their case). A query is split the same way: a run of one character
 * looks for it in uni; a longer run looks for its pairs as a phrase in big,
 * which finds the run as a substring and nothing else (the "0" keeps the
 * end of one run from joining the start of the next); a word looks for a
 * word starting with it, so "2023" finds 2023001. Every part must match.
 *
 * The index is contentless: it keeps no copy of that text, which is made
 * from the other tables again whenever it is needed. SQLite 3.40 takes a
 * row out of such an index only given the very text it went in with, so
 * whatever changes what an incident is found by makes its row from the
 * database before the change and again after, then swaps the one for the
 * other, all in the change's transaction (store_search_read and
 * store_search_index).
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <utf8proc.h>

#include "yujing/buf.h"
#include "yujing/pinyin.h"
#include "yujing/status.h"
#include "yujing/store.h"
#include "yujing/xmalloc.h"

#include "internal.h"

enum store_search_kind {
	STORE_SEARCH_END,	/* nothing more */
	STORE_SEARCH_WORD,	/* letters and digits of a spaced script */
	STORE_SEARCH_HAN	/* Chinese, Japanese, Korean: no spaces */
};

/* Whether c is written without spaces between words (Han, kana, hangul). */
static bool
store_search_han(int32_t c)
{
	return (c >= 0x3005 && c <= 0x3007) ||	/* 々 〆 〇 */
	    (c >= 0x3040 && c <= 0x30ff) ||	/* kana */
	    (c >= 0x3400 && c <= 0x4dbf) ||	/* CJK extension A */
	    (c >= 0x4e00 && c <= 0x9fff) ||	/* CJK unified ideographs */
	    (c >= 0xac00 && c <= 0xd7af) ||	/* hangul syllables */
	    (c >= 0xf900 && c <= 0xfaff) ||	/* compatibility ideographs */
	    (c >= 0x20000 && c <= 0x3ffff);	/* extensions B and on */
}

/*
 * The character at p (not at the end of its string): its code point in
 * *c, its kind in *kind (STORE_SEARCH_END for anything between words), and
 * its length in bytes. A bad UTF-8 byte is a character of its own between
 * words, so it never hides the text after it.
 */
static size_t
store_search_char(const char *p, int32_t *c, enum store_search_kind *kind)
{
	utf8proc_ssize_t	 len = 1;
	utf8proc_category_t	 cat;

	*c = (unsigned char)*p;
	*kind = STORE_SEARCH_END;
	if (*c >= 0x80) {
		len = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, c);
		if (len <= 0)
			return 1;
	}
	/* Full-width letters and digits, as Chinese input methods type them. */
	if (*c >= 0xff01 && *c <= 0xff5e)
		*c -= 0xfee0;
	if (*c < 0x80) {
		if (isalnum(*c))
			*kind = STORE_SEARCH_WORD;
		return (size_t)len;
	}
	/* Letters, marks and numbers are words; the rest separates them. */
	cat = utf8proc_category(*c);
	if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO)
		*kind = store_search_han(*c) ? STORE_SEARCH_HAN :
		    STORE_SEARCH_WORD;
	return (size_t)len;
}

/*
 * The next run of Han characters or word of other letters at *pp into w
 * (emptied first, valid UTF-8), *pp moved past it. Returns its kind, or
 * STORE_SEARCH_END when the text has no more.
 */
static enum store_search_kind
store_search_next(const char **pp, struct buf *w)
{
	enum store_search_kind	 kind, this;
	utf8proc_uint8_t	 enc[4];
	const char		*p = *pp;
	int32_t			 c;
	size_t			 len;

	w->len = 0;
	kind = STORE_SEARCH_END;
	while (*p != '\0') {
		len = store_search_char(p, &c, &this);
		if (kind != STORE_SEARCH_END && this != kind)
			break;
		p += len;
		if (this == STORE_SEARCH_END)
			continue;
		kind = this;
		buf_add(w, enc, (size_t)utf8proc_encode_char(c, enc));
	}
	*pp = p;
	return kind;
}

/* The length of the (valid) UTF-8 character at p. */
static size_t
store_search_len(const char *p)
{
	int32_t	 c;

	return (size_t)utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &c);
}

/* Adds the words of text to d. */
static void
store_search_text(struct store_search_doc *d, const char *text)
{
	struct buf		 w;
	enum store_search_kind	 kind;
	const char		*prev, *p;
	size_t			 n;

	buf_init(&w);
	while ((kind = store_search_next(&text, &w)) != STORE_SEARCH_END) {
		if (kind == STORE_SEARCH_WORD) {
			buf_add(&d->word, w.data, w.len);
			buf_putc(&d->word, ' ');
			continue;
		}
		for (prev = NULL, p = w.data; *p != '\0'; prev = p, p += n) {
			n = store_search_len(p);
			buf_add(&d->uni, p, n);
			buf_putc(&d->uni, ' ');
			if (prev != NULL) {
				buf_add(&d->big, prev, (size_t)(p - prev) + n);
				buf_putc(&d->big, ' ');
			}
		}
		/* A run's last pair must not follow on to the next's first. */
		if (prev != w.data)
			buf_puts(&d->big, "0 ");
	}
	buf_done(&w);
}

/*
 * The FTS5 query for the words of query into m: one part for each, all of
 * them required. Returns how many parts (0: nothing to look for). Only
 * letters and digits reach the quotes, so no word can change the query's
 * syntax.
 */
static size_t
store_search_query(const char *query, struct buf *m)
{
	struct buf		 w;
	enum store_search_kind	 kind;
	const char		*p;
	size_t			 n, parts = 0;

	buf_init(&w);
	while ((kind = store_search_next(&query, &w)) != STORE_SEARCH_END) {
		if (parts++ > 0)
			buf_putc(m, ' ');
		if (kind == STORE_SEARCH_WORD) {
			buf_printf(m, "word : \"%s\" *", buf_str(&w));
			continue;
		}
		n = store_search_len(w.data);
		if (w.data[n] == '\0') {
			buf_printf(m, "uni : \"%s\"", buf_str(&w));
			continue;
		}
		/* Its pairs as one phrase: 违规电器 is 违规 规电 电器. */
		buf_puts(m, "big : \"");
		for (p = w.data; p[n = store_search_len(p)] != '\0'; p += n) {
			if (p != w.data)
				buf_putc(m, ' ');
			buf_add(m, p, n + store_search_len(p + n));
		}
		buf_putc(m, '"');
	}
	buf_done(&w);
	return parts;
}

void
store_search_doc_init(struct store_search_doc *d)
{
	buf_init(&d->big);
	buf_init(&d->uni);
	buf_init(&d->word);
	d->found = false;
}

void
store_search_doc_done(struct store_search_doc *d)
{
	buf_done(&d->big);
	buf_done(&d->uni);
	buf_done(&d->word);
	d->found = false;
}

enum yj_status
store_search_read(struct store *s, int64_t incident,
    struct store_search_doc *d, struct yj_error *err)
{
	/*
	 * Everything an incident is found by; each column of each row. In a
	 * fixed order, so that the same database makes the same text.
	 */
	static const char *const sources[] = {
		"SELECT i.category_name, i.reporter, i.location,"
		" coalesce(b.name || '-' || r.name, ''), i.text, i.actions,"
		" i.resolution, i.others FROM incident i"
		" LEFT JOIN room r ON r.id = i.room_id"
		" LEFT JOIN building b ON b.id = r.building_id"
		" WHERE i.id = ?1",
		"SELECT s.number, s.name FROM incident_student x"
		" JOIN student s ON s.id = x.student_id"
		" WHERE x.incident_id = ?1 ORDER BY x.pos, x.student_id",
		"SELECT value FROM incident_field WHERE incident_id = ?1"
		" ORDER BY field",
		/* What people wrote; the system's own notes are boilerplate. */
		"SELECT p.value FROM event e JOIN event_part p"
		" ON p.event_id = e.id AND p.part = 'note'"
		" WHERE e.incident_id = ?1 AND e.user_id IS NOT NULL"
		" ORDER BY e.id",
		/*
		 * Whom a call was to (the note holds what was said); not
		 * once retention took the incident's personal details.
		 */
		"SELECT coalesce(json_extract(e.payload, '$.person'), '')"
		" FROM event e WHERE e.incident_id = ?1 AND e.kind = 'contacted'"
		" AND e.user_id IS NOT NULL AND NOT EXISTS (SELECT 1"
		" FROM event r WHERE r.incident_id = e.incident_id"
		" AND r.kind = 'retained' AND r.id > e.id) ORDER BY e.id",
	};
	sqlite3_stmt		*st;
	const unsigned char	*t;
	enum yj_status		 r;
	size_t			 i;
	int			 rc, col;

	store_search_doc_done(d);
	store_search_doc_init(d);
	for (i = 0; i < sizeof sources / sizeof sources[0]; i++) {
		if ((st = store_sql(s, sources[i], err)) == NULL)
			return err->status;
		sqlite3_bind_int64(st, 1, incident);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			/* The incident itself: without it, no row. */
			if (i == 0)
				d->found = true;
			for (col = 0; col < sqlite3_column_count(st); col++) {
				if ((t = sqlite3_column_text(st, col)) != NULL)
					store_search_text(d, (const char *)t);
			}
		}
		if (rc != SQLITE_DONE) {
			r = store_fail(s, err, "indexing an incident");
			sqlite3_reset(st);
			return r;
		}
		sqlite3_reset(st);
	}
	return YJ_OK;
}

/*
 * Adds d as the row of incident to the index or, with drop, takes it out:
 * FTS5's 'delete' command, which needs the text the row was made from.
 */
static enum yj_status
store_search_put(struct store *s, int64_t incident,
    const struct store_search_doc *d, bool drop, struct yj_error *err)
{
	static const char add[] =
	    "INSERT INTO incident_search (rowid, big, uni, word)"
	    " VALUES (?1, ?2, ?3, ?4)";
	static const char del[] =
	    "INSERT INTO incident_search (incident_search, rowid, big, uni,"
	    " word) VALUES ('delete', ?1, ?2, ?3, ?4)";
	sqlite3_stmt	*st;

	if ((st = store_sql(s, drop ? del : add, err)) == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, incident);
	store_bind_text(st, 2, buf_str(&d->big));
	store_bind_text(st, 3, buf_str(&d->uni));
	store_bind_text(st, 4, buf_str(&d->word));
	return store_run(s, st, err, "indexing an incident");
}

/* Whether a and b are the same row. */
static bool
store_search_same(const struct store_search_doc *a,
    const struct store_search_doc *b)
{
	const struct buf	*x[] = { &a->big, &a->uni, &a->word };
	const struct buf	*y[] = { &b->big, &b->uni, &b->word };
	size_t			 i;

	if (a->found != b->found)
		return false;
	for (i = 0; i < sizeof x / sizeof x[0]; i++) {
		if (x[i]->len != y[i]->len || (x[i]->len != 0 &&
		    memcmp(x[i]->data, y[i]->data, x[i]->len) != 0))
			return false;
	}
	return true;
}

enum yj_status
store_search_index(struct store *s, int64_t incident,
    const struct store_search_doc *old, struct yj_error *err)
{
	struct store_search_doc	 d;
	enum yj_status		 r;

	store_search_doc_init(&d);
	if ((r = store_search_read(s, incident, &d, err)) != YJ_OK)
		goto out;
	/* Most changes (the clock's, the system's notes) change no text. */
	if (old != NULL && store_search_same(old, &d))
		goto out;
	if (old != NULL && old->found &&
	    (r = store_search_put(s, incident, old, true, err)) != YJ_OK)
		goto out;
	if (d.found)
		r = store_search_put(s, incident, &d, false, err);
out:
	store_search_doc_done(&d);
	return r;
}

/* Takes the row of incident out, made from the database as it is now. */
static enum yj_status
store_search_drop(struct store *s, int64_t incident, struct yj_error *err)
{
	struct store_search_doc	 d;
	enum yj_status		 r;

	store_search_doc_init(&d);
	r = store_search_read(s, incident, &d, err);
	if (r == YJ_OK && d.found)
		r = store_search_put(s, incident, &d, true, err);
	store_search_doc_done(&d);
	return r;
}

/* Adds the row of incident, which the index does not hold. */
static enum yj_status
store_search_add(struct store *s, int64_t incident, struct yj_error *err)
{
	return store_search_index(s, incident, NULL, err);
}

/*
 * Calls fn for every incident whose ids sql (one parameter, bound to arg
 * unless it is 0) returns.
 */
static enum yj_status
store_search_each(struct store *s, const char *sql, int64_t arg,
    enum yj_status (*fn)(struct store *, int64_t, struct yj_error *),
    struct yj_error *err)
{
	sqlite3_stmt	*st;
	enum yj_status	 r = YJ_OK;
	int		 rc;

	/* Only the index is written while this reads incidents. */
	if ((st = store_sql(s, sql, err)) == NULL)
		return err->status;
	if (arg != 0)
		sqlite3_bind_int64(st, 1, arg);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((r = fn(s, sqlite3_column_int64(st, 0), err)) != YJ_OK)
			break;
	}
	if (r == YJ_OK && rc != SQLITE_DONE)
		r = store_fail(s, err, "indexing incidents");
	sqlite3_reset(st);
	return r;
}

/* The incidents of a student, for the two calls around a rename. */
static const char store_search_of_student[] =
    "SELECT incident_id FROM incident_student WHERE student_id = ?1";

enum yj_status
store_search_student_drop(struct store *s, int64_t student,
    struct yj_error *err)
{
	return store_search_each(s, store_search_of_student, student,
	    store_search_drop, err);
}

enum yj_status
store_search_student(struct store *s, int64_t student, struct yj_error *err)
{
	return store_search_each(s, store_search_of_student, student,
	    store_search_add, err);
}

enum yj_status
store_search_rebuild(struct store *s, struct yj_error *err)
{
	sqlite3_stmt	*st;
	enum yj_status	 r;

	/* A contentless table can be emptied only so, not by DELETE. */
	if ((st = store_sql(s, "INSERT INTO incident_search (incident_search)"
	    " VALUES ('delete-all')", err)) == NULL)
		return err->status;
	if ((r = store_run(s, st, err, "emptying the search index")) != YJ_OK)
		return r;
	return store_search_each(s, "SELECT id FROM incident ORDER BY id", 0,
	    store_search_add, err);
}

enum yj_status
store_search_reindex(struct store *s, struct yj_error *err)
{
	enum yj_status	 r;

	if ((r = store_begin(s, err)) != YJ_OK)
		return r;
	if ((r = store_search_rebuild(s, err)) != YJ_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s, err);
}

enum yj_status
store_search(struct store *s, const char *query, int64_t limit,
    store_id_cb cb, void *arg, struct yj_error *err)
{
	/* CROSS JOIN: the index first, never a probe per incident. */
	static const char sql[] =
	    "SELECT i.id FROM incident_search CROSS JOIN incident i"
	    " ON i.id = incident_search.rowid"
	    " WHERE incident_search MATCH ?1"
	    " ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?2";
	struct buf	 m;
	sqlite3_stmt	*st;
	enum yj_status	 r = YJ_OK;
	int		 rc = SQLITE_DONE, stop = 0;

	if (strlen(query) > STORE_SEARCH_MAX)
		return yj_fail(err, YJ_BAD_INPUT, "the search is too long "
		    "(%zu bytes; at most %d)", strlen(query), STORE_SEARCH_MAX);
	buf_init(&m);
	if (store_search_query(query, &m) == 0)
		goto out;	/* no letters or digits: nothing is found */
	if ((st = store_sql(s, sql, err)) == NULL) {
		r = err->status;
		goto out;
	}
	store_bind_text(st, 1, buf_str(&m));
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = cb(arg, sqlite3_column_int64(st, 0));
	if (!stop && rc != SQLITE_DONE)
		r = store_fail(s, err, "searching");
	sqlite3_reset(st);
out:
	buf_done(&m);
	return r;
}

/*
 * yj_pinyin(text, query): 2 when query, pinyin initials, matches text from
 * its first character, 1 when it matches further on, else 0.
 */
static void
store_search_pinyin(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*text = (const char *)sqlite3_value_text(argv[0]);
	const char	*query = (const char *)sqlite3_value_text(argv[1]);

	(void)argc;
	if (text == NULL || query == NULL || *query == '\0')
		sqlite3_result_int(ctx, 0);
	else if (pinyin_match_prefix(text, query))
		sqlite3_result_int(ctx, 2);
	else
		sqlite3_result_int(ctx, pinyin_match(text, query) ? 1 : 0);
}

enum yj_status
store_search_register(struct store *s, struct yj_error *err)
{
	/* Innocuous: it reads its arguments only, so views may use it. */
	if (sqlite3_create_function(s->db, "yj_pinyin", 2, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, store_search_pinyin,
	    NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, "setting up");
	return YJ_OK;
}

/* Whether p starts with a space, ASCII or ideographic; its length if so. */
static size_t
store_search_space(const char *p)
{
	if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		return 1;
	if (strncmp(p, "\xe3\x80\x80", 3) == 0)	/* U+3000 */
		return 3;
	return 0;
}

enum yj_status
store_student_find(struct store *s, const char *query, size_t limit,
    store_student_cb cb, void *arg, struct yj_error *err)
{
	/* How well a student matches ?1, best first; 7: not at all. */
#define STORE_STUDENT_RANK						\
	" CASE WHEN s.number = ?1 THEN 0"				\
	" WHEN b.name || '-' || r.name = ?1 THEN 1"			\
	" WHEN substr(s.number, 1, length(?1)) = ?1 THEN 2"		\
	" WHEN s.name = ?1 THEN 3"					\
	" WHEN instr(lower(s.name), lower(?1)) > 0 THEN 4"		\
	" ELSE 7 - yj_pinyin(s.name, ?1) END"
	static const char sql[] = STORE_STUDENT_SELECT
	    " WHERE" STORE_STUDENT_RANK " < 7"
	    " ORDER BY s.left_at IS NOT NULL," STORE_STUDENT_RANK ","
	    " s.number LIMIT ?2";
#undef STORE_STUDENT_RANK
	struct store_student	 st;
	sqlite3_stmt		*q;
	const char		*p, *end;
	size_t			 n;
	int			 rc, stop = 0;

	/* Spaces around it, ASCII or ideographic, are not part of it. */
	while ((n = store_search_space(query)) != 0)
		query += n;
	for (p = end = query; *p != '\0'; p += n != 0 ? n : 1) {
		if ((n = store_search_space(p)) == 0)
			end = p + 1;
	}
	if (end == query)
		return YJ_OK;
	if ((size_t)(end - query) > STORE_SEARCH_MAX)
		return yj_fail(err, YJ_BAD_INPUT, "the search is too long "
		    "(%zu bytes; at most %d)", (size_t)(end - query),
		    STORE_SEARCH_MAX);

	if ((q = store_sql(s, sql, err)) == NULL)
		return err->status;
	sqlite3_bind_text(q, 1, query, (int)(end - query), SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, limit == 0 || limit > (size_t)INT64_MAX ? -1 :
	    (int64_t)limit);
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		store_student_row(q, &st);
		stop = cb(arg, &st);
		store_student_free(&st);
	}
	if (!stop && rc != SQLITE_DONE) {
		sqlite3_reset(q);
		return store_fail(s, err, "looking for students");
	}
	sqlite3_reset(q);
	return YJ_OK;
}
