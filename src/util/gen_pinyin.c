/*
 * gen_pinyin: the build-time generator of the pinyin-initials table.
 *
 *	gen_pinyin Unihan_Readings.txt.bz2 pinyin_table.c
 *
 * Reads Unihan's Mandarin readings (Debian's unicode-data) and writes, for
 * every code point with a reading, the mask of the first letters of its
 * readings, as the C array declared in yujing/pinyin.h, sorted by code
 * point. A host tool: libc, libbz2 and utf8proc only, not yj_util, whose
 * pinyin.c needs this tool's output.
 *
 * Which fields (UAX #38): the readings people use today are in kXHC1983
 * (Xiandai Hanyu Cidian) and kTGHZ2013 (Tongyong Guifan Hanzi Zidian, the
 * 8105 standard characters, with the surname readings: 单 shàn, 区 ōu,
 * 仇 qiú); kMandarin (the customary reading, every character) and
 * kHanyuPinlu (readings by frequency) add nothing wrong. kHanyuPinyin
 * (Hanyu Da Zidian) also lists classical readings (不 fǒu, 祖 jiē, 找 huá)
 * that would only make false matches, so it counts only for the rarer
 * characters that neither modern dictionary has.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bzlib.h>
#include <utf8proc.h>

#define GEN_NCP 0x110000

enum gen_use {
	GEN_MODERN,	/* always counts */
	GEN_DICT,	/* always counts; hides kHanyuPinyin */
	GEN_FALLBACK	/* counts when no GEN_DICT field is there */
};

static const struct {
	const char	*name;
	enum gen_use	 use;
} gen_fields[] = {
	{ "kMandarin", GEN_MODERN },
	{ "kHanyuPinlu", GEN_MODERN },
	{ "kXHC1983", GEN_DICT },
	{ "kTGHZ2013", GEN_DICT },
	{ "kHanyuPinyin", GEN_FALLBACK },
};

static const char	*gen_in;	/* for messages */
static char		*gen_tmp;	/* removed when we fail */

static void gen_die(int line, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

static void
gen_die(int line, const char *fmt, ...)
{
	va_list	ap;

	if (line > 0)
		fprintf(stderr, "gen_pinyin: %s:%d: ", gen_in, line);
	else
		fprintf(stderr, "gen_pinyin: %s: ", gen_in);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (gen_tmp != NULL)
		remove(gen_tmp);
	exit(1);
}

static void *
gen_alloc(size_t n)
{
	void	*p;

	if ((p = calloc(1, n)) == NULL) {
		fprintf(stderr, "gen_pinyin: out of memory\n");
		abort();
	}
	return p;
}

/* The whole file at path; *len is its size. */
static unsigned char *
gen_read(const char *path, size_t *len)
{
	FILE		*f;
	unsigned char	*buf;
	long		 size;

	if ((f = fopen(path, "rb")) == NULL)
		gen_die(0, "%s (install unicode-data)", strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		gen_die(0, "%s", strerror(errno));
	buf = gen_alloc((size_t)size + 1);
	if (fread(buf, 1, (size_t)size, f) != (size_t)size || ferror(f))
		gen_die(0, "read error");
	fclose(f);
	*len = (size_t)size;
	return buf;
}

/*
 * in[0..inlen) decompressed, NUL-terminated; *outlen is its length. Any
 * damage, a truncated file included, is fatal: a short table would build
 * and quietly find fewer students.
 */
static char *
gen_bunzip(const unsigned char *in, size_t inlen, size_t *outlen)
{
	bz_stream	 bz;
	char		*out = NULL, *grown;
	size_t		 cap = 0, len = 0, room;
	unsigned	 before;
	int		 rc;

	if (inlen == 0 || inlen > UINT_MAX)
		gen_die(0, "not a bzip2 file of a sane size");
	/* A file may hold several streams, one after the other. */
	while (inlen > 0) {
		memset(&bz, 0, sizeof bz);
		if (BZ2_bzDecompressInit(&bz, 0, 0) != BZ_OK)
			gen_die(0, "cannot start bzip2");
		bz.next_in = (char *)(uintptr_t)in;
		bz.avail_in = (unsigned)inlen;
		for (;;) {
			if (cap - len < (1u << 20)) {
				cap = cap == 0 ? (8u << 20) : cap * 2;
				if ((grown = realloc(out, cap)) == NULL) {
					fprintf(stderr,
					    "gen_pinyin: out of memory\n");
					abort();
				}
				out = grown;
			}
			room = cap - len - 1;
			if (room > UINT_MAX)
				room = UINT_MAX;
			bz.next_out = out + len;
			bz.avail_out = before = (unsigned)room;
			rc = BZ2_bzDecompress(&bz);
			len += before - bz.avail_out;
			if (rc == BZ_STREAM_END)
				break;
			if (rc == BZ_DATA_ERROR_MAGIC)
				gen_die(0, "not a bzip2 file");
			if (rc != BZ_OK)
				gen_die(0, "damaged bzip2 data (error %d)", rc);
			if (bz.avail_in == 0 && bz.avail_out == before)
				gen_die(0, "truncated bzip2 data");
		}
		in += inlen - bz.avail_in;
		inlen = bz.avail_in;
		BZ2_bzDecompressEnd(&bz);
	}
	out[len] = '\0';
	*outlen = len;
	return out;
}

/* The initial letter of the reading at s (tone marks and all), or 0. */
static int
gen_initial(const char *s, size_t n)
{
	utf8proc_int32_t	cp, d[8];
	utf8proc_ssize_t	len;
	int			bound = 0;

	len = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
	    &cp);
	if (len <= 0)
		return 0;
	/*
	 * Canonical decomposition puts the base letter first whatever the
	 * marks: ǎ → a, ê̄ → e, ế → e, ǹ → n, ḿ → m, ü → u.
	 */
	if (cp >= 0x80) {
		len = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE,
		    &bound);
		if (len < 1 || len > 8)
			return 0;
		cp = d[0];
	}
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	if (cp < 'a' || cp > 'z')
		return 0;
	return (int)cp;
}

/*
 * The mask of the initials of the readings in value[0..n), a field of one
 * of the forms: "zhāng" or "chà chā" (kMandarin); "xíng(2943) háng(218)"
 * (kHanyuPinlu); "20811.060:háng,xìng" (kHanyuPinyin); "0117.100:chán
 * 0999.090:shàn" (kXHC1983, kTGHZ2013).
 */
static uint32_t
gen_readings(const char *value, size_t n, int line)
{
	const char	*p = value, *end = value + n, *tok, *tend, *colon;
	uint32_t	 mask = 0;
	size_t		 rlen;
	int		 c;

	while (p < end) {
		for (tok = p; tok < end && *tok == ' '; tok++)
			;
		for (tend = tok; tend < end && *tend != ' '; tend++)
			;
		p = tend;
		if (tok == tend)
			continue;
		for (colon = tend; colon > tok && colon[-1] != ':'; colon--)
			;
		if (colon > tok)
			tok = colon;
		/* Readings separated by commas. */
		while (tok < tend) {
			rlen = strcspn(tok, ",");
			if (rlen > (size_t)(tend - tok))
				rlen = (size_t)(tend - tok);
			if ((c = gen_initial(tok, rlen)) == 0)
				gen_die(line, "reading '%.*s' starts with no "
				    "Latin letter", (int)rlen, tok);
			mask |= UINT32_C(1) << (c - 'a');
			tok += rlen + 1;
		}
	}
	if (mask == 0)
		gen_die(line, "no reading");
	return mask;
}

/* Which of gen_fields the field at s[0..n) is, or -1. */
static int
gen_field(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < sizeof gen_fields / sizeof gen_fields[0]; i++)
		if (strlen(gen_fields[i].name) == n &&
		    memcmp(gen_fields[i].name, s, n) == 0)
			return (int)i;
	return -1;
}

int
main(int argc, char **argv)
{
	unsigned char	*z;
	char		*text, *p, *nl, *tab1, *tab2, *end, version[32] = "?";
	uint32_t	*modern, *fallback, mask;
	unsigned char	*dict;
	unsigned long	 cp;
	size_t		 zlen, tlen, count = 0, i;
	int		 line = 0, f, eof = 0;
	FILE		*out;

	if (argc != 3) {
		fprintf(stderr, "usage: gen_pinyin Unihan_Readings.txt.bz2 "
		    "pinyin_table.c\n");
		return 2;
	}
	gen_in = argv[1];
	z = gen_read(argv[1], &zlen);
	text = gen_bunzip(z, zlen, &tlen);
	free(z);

	modern = gen_alloc(GEN_NCP * sizeof *modern);
	fallback = gen_alloc(GEN_NCP * sizeof *fallback);
	dict = gen_alloc(GEN_NCP);
	for (p = text; p < text + tlen; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(text + tlen - p))) == NULL)
			nl = text + tlen;
		*nl = '\0';
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*p == '#') {
			(void)sscanf(p, "# Unicode version: %31s", version);
			/* The last line: a truncated file has none. */
			if (strcmp(p, "# EOF") == 0)
				eof = 1;
			continue;
		}
		if (*p == '\0')
			continue;
		if ((tab1 = strchr(p, '\t')) == NULL ||
		    (tab2 = strchr(tab1 + 1, '\t')) == NULL)
			gen_die(line, "not 'U+XXXX<tab>field<tab>value'");
		if ((f = gen_field(tab1 + 1, (size_t)(tab2 - tab1 - 1))) < 0)
			continue;
		errno = 0;
		cp = strtoul(p + 2, &end, 16);
		if (strncmp(p, "U+", 2) != 0 || end != tab1 || end - p < 6 ||
		    errno != 0 || cp >= GEN_NCP)
			gen_die(line, "bad code point");
		mask = gen_readings(tab2 + 1, strlen(tab2 + 1), line);
		switch (gen_fields[f].use) {
		case GEN_DICT:
			dict[cp] = 1;
			/* FALLTHROUGH */
		case GEN_MODERN:
			modern[cp] |= mask;
			break;
		case GEN_FALLBACK:
			fallback[cp] |= mask;
			break;
		}
	}
	free(text);
	if (!eof)
		gen_die(0, "no '# EOF' line: truncated?");

	/* Written aside and renamed, so a failure leaves no half table. */
	gen_tmp = gen_alloc(strlen(argv[2]) + 5);
	memcpy(gen_tmp, argv[2], strlen(argv[2]));
	memcpy(gen_tmp + strlen(argv[2]), ".tmp", 5);
	if ((out = fopen(gen_tmp, "w")) == NULL)
		gen_die(0, "%s: %s", gen_tmp, strerror(errno));
	fprintf(out,
	    "/*\n"
	    " * Generated by src/util/gen_pinyin.c from Unihan_Readings.txt\n"
	    " * (Unicode %s): do not edit. {code point, mask of the initials\n"
	    " * of its readings, bit 0 = 'a'}, sorted by code point.\n"
	    " */\n"
	    "#include \"config.h\"\n\n"
	    "#include <stddef.h>\n"
	    "#include <stdint.h>\n\n"
	    "#include \"yujing/pinyin.h\"\n\n"
	    "const struct pinyin_entry pinyin_table[] = {\n",
	    version);
	for (i = 0; i < GEN_NCP; i++) {
		mask = modern[i] | (dict[i] ? 0 : fallback[i]);
		if (mask == 0)
			continue;
		fprintf(out, "%s{0x%lx,0x%lx},", count % 4 == 0 ? "\t" : " ",
		    (unsigned long)i, (unsigned long)mask);
		if (++count % 4 == 0)
			fputc('\n', out);
	}
	if (count % 4 != 0)
		fputc('\n', out);
	fprintf(out, "};\n"
	    "const size_t pinyin_table_len = sizeof pinyin_table / "
	    "sizeof pinyin_table[0];\n");
	free(modern);
	free(fallback);
	free(dict);
	if (ferror(out) || fclose(out) != 0)
		gen_die(0, "%s: write error", gen_tmp);
	/* Far fewer means the format changed under us: say so, loudly. */
	if (count < 20000)
		gen_die(0, "only %zu code points with readings", count);
	if (rename(gen_tmp, argv[2]) != 0)
		gen_die(0, "%s: %s", argv[2], strerror(errno));
	free(gen_tmp);
	return 0;
}
