#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "yujing/strdist.h"
#include "yujing/xmalloc.h"

size_t
strdist(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, diag, up, d;
	size_t	*row;

	row = xcalloc(lb + 1, sizeof *row);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			d = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < d)
				d = up + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			diag = up;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

const char *
strdist_suggest(const char *word, const char *const *cands, size_t n)
{
	const char	*best = NULL;
	size_t		 i, d, bestd = (size_t)-1, limit;

	/* One typo per three letters, and at least one: "nigth" → "night". */
	limit = strlen(word) / 3;
	if (limit < 1)
		limit = 1;
	if (strlen(word) > 64)
		return NULL;
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
