/*
 * libFuzzer target: any bytes as text and query to the pinyin matcher,
 * which must answer without crashing, and agree with itself: a match at
 * the start is a match.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/pinyin.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*text, *query;
	size_t	 cut;

	if (size == 0)
		return 0;
	/* The first byte says where the query ends and the text begins. */
	cut = data[0] % size;
	query = strndup((const char *)data + 1, cut > 0 ? cut - 1 : 0);
	text = strndup((const char *)data + cut, size - cut);
	if (query == NULL || text == NULL)
		abort();
	if (pinyin_match_prefix(text, query) && !pinyin_match(text, query))
		abort();
	free(query);
	free(text);
	return 0;
}
