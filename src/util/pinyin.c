#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <utf8proc.h>

#include "yujing/pinyin.h"

unsigned
pinyin_initials(uint32_t cp)
{
	size_t	lo = 0, hi = pinyin_table_len, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (pinyin_table[mid].cp < cp)
			lo = mid + 1;
		else if (pinyin_table[mid].cp > cp)
			hi = mid;
		else
			return pinyin_table[mid].mask;
	}
	return 0;
}

/* The mask of an ASCII letter, either case; 0 for any other byte. */
static unsigned
pinyin_ascii(unsigned char c)
{
	if (c >= 'a' && c <= 'z')
		return PINYIN_BIT(c);
	if (c >= 'A' && c <= 'Z')
		return PINYIN_BIT(c - 'A' + 'a');
	return 0;
}

/*
 * The letters that the character at s (not at its end) matches, and its
 * length in bytes. A bad UTF-8 byte is a character of its own that matches
 * nothing, so a stray byte never hides the text after it.
 */
static size_t
pinyin_char(const char *s, unsigned *mask)
{
	utf8proc_int32_t	cp;
	utf8proc_ssize_t	len;

	if ((unsigned char)*s < 0x80) {
		*mask = pinyin_ascii((unsigned char)*s);
		return 1;
	}
	/* -1: NUL-terminated; utf8proc stops at the first byte that is not
	 * a continuation byte, NUL included. */
	len = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
	if (len <= 0) {
		*mask = 0;
		return 1;
	}
	*mask = pinyin_initials((uint32_t)cp);
	return (size_t)len;
}

/* Whether query is all ASCII letters (and so may match anything). */
static bool
pinyin_valid(const char *query)
{
	for (; *query != '\0'; query++)
		if (pinyin_ascii((unsigned char)*query) == 0)
			return false;
	return true;
}

/* Whether a valid query matches the characters starting at s. */
static bool
pinyin_match_at(const char *s, const char *query)
{
	unsigned	mask;

	for (; *query != '\0'; query++) {
		if (*s == '\0')
			return false;
		s += pinyin_char(s, &mask);
		if ((mask & pinyin_ascii((unsigned char)*query)) == 0)
			return false;
	}
	return true;
}

bool
pinyin_match_prefix(const char *text, const char *query)
{
	return pinyin_valid(query) && pinyin_match_at(text, query);
}

bool
pinyin_match(const char *text, const char *query)
{
	unsigned	mask;

	if (!pinyin_valid(query))
		return false;
	if (*query == '\0')
		return true;
	/* Names and reasons are short: trying every start is cheap. */
	for (; *text != '\0'; text += pinyin_char(text, &mask))
		if (pinyin_match_at(text, query))
			return true;
	return false;
}
