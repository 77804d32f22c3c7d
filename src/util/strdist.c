#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "yujing/strdist.h"
#include "yujing/xmalloc.h"

static size_t
strdist_min(size_t a, size_t b)
{
	return a < b ? a : b;
}

size_t
strdist(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, d, w = lb + 1;
	size_t	*m;

	/*
	 * Optimal string alignment: Levenshtein plus the swap of two
	 * neighbours ("hihg" → "high") as one edit, the commonest typo.
	 */
	m = xcalloc((la + 1) * w, sizeof *m);
	for (i = 0; i <= la; i++)
		m[i * w] = i;
	for (j = 0; j <= lb; j++)
		m[j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			d = strdist_min(m[(i - 1) * w + j] + 1,
			    m[i * w + j - 1] + 1);
			d = strdist_min(d, m[(i - 1) * w + j - 1] +
			    (a[i - 1] != b[j - 1]));
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1])
				d = strdist_min(d, m[(i - 2) * w + j - 2] + 1);
			m[i * w + j] = d;
		}
	}
	d = m[la * w + lb];
	free(m);
	return d;
}

const char *
strdist_suggest(const char *word, const char *const *cands, size_t n)
{
	const char	*best = NULL;
	size_t		 i, d, bestd = (size_t)-1, limit;

	/* Long words are no one's typo; and they would cost too much. */
	if (strlen(word) > 64)
		return NULL;
	/* One typo per three letters, and at least one: "nigth" → "night". */
	limit = strlen(word) / 3;
	if (limit < 1)
		limit = 1;
	for (i = 0; i < n; i++) {
		if (strlen(cands[i]) > 64)
			continue;
		d = strdist(word, cands[i]);
		if (d != 0 && d <= limit && d < bestd) {
			best = cands[i];
			bestd = d;
		}
	}
	return best;
}
