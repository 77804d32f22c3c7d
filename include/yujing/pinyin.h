/* Search Chinese text by pinyin initials: "zs" finds 张三. */
#ifndef YUJING_PINYIN_H
#define YUJING_PINYIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The bit for letter c ('a'..'z') in an initials mask: bit 0 is 'a'.
 */
#define PINYIN_BIT(c) (1u << ((c) - 'a'))

/*
 * The first letters of all Mandarin readings of code point cp, as a mask
 * of PINYIN_BIT()s: 单 (dān, shàn, chán) gives d|s|c. Zh, ch and sh count
 * as z, c and s. 0 when cp has no reading (ASCII, kana, emoji, ...).
 */
unsigned	pinyin_initials(uint32_t cp);

/*
 * Whether query, pinyin initials, matches text (UTF-8) at the start of any
 * character: "zs" matches 张三, 张三丰 and 小张三 but not 李四. Each query
 * letter matches one character, the next one along, whose initials include
 * it; an ASCII letter of text matches itself ("2301班ZS" and "2301班张三"
 * both match "zs"); anything else in text (digits, spaces, punctuation,
 * bad UTF-8) matches no letter. query is case-insensitive and must be ASCII
 * letters only, else nothing matches. An empty query matches every text,
 * as an empty search box filters nothing.
 */
bool	pinyin_match(const char *text, const char *query);
/* The same as pinyin_match(), anchored at the start of text. */
bool	pinyin_match_prefix(const char *text, const char *query);

/*
 * The table behind pinyin_initials(), generated at build time from Unihan
 * by src/util/gen_pinyin.c: sorted by code point, only code points with a
 * reading. For pinyin.c and the generated file only.
 */
struct pinyin_entry {
	uint32_t	cp;
	uint32_t	mask;
};
extern const struct pinyin_entry pinyin_table[];
extern const size_t pinyin_table_len;

#endif
