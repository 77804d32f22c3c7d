/*
 * libFuzzer target: the line editor under any sequence of keys and any
 * bytes typed. Whatever happens, the text stays valid UTF-8, the cursor
 * stays inside it, and what edit_view shows fits its width and holds the
 * cursor.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/edit.h"
#include "yujing/utf8.h"
#include "yujing/width.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_edit_check(const struct edit *e, size_t width)
{
	size_t	 start, end, col, len = strlen(edit_text(e));
	char	*shown;
	int	 line, c;

	if (!utf8_check(edit_text(e), len, &line, &c))
		abort();
	if (e->cursor > len)
		abort();
	edit_view(e, width, &start, &end, &col);
	if (start > e->cursor || e->cursor > end || end > len)
		abort();
	if (col > width)
		abort();
	shown = strndup(edit_text(e) + start, end - start);
	if (shown == NULL || width_str(shown) > width)
		abort();
	free(shown);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct edit	 e;
	char		 typed[8];
	size_t		 i = 0, n, width;

	if (size < 2)
		return 0;
	edit_init(&e, data[0] & 1 ? 64 : 0, data[0] & 2);
	width = 1 + data[1] % 40;
	for (i = 2; i < size; i++) {
		switch (data[i] % 16) {
		case 0:
			edit_backspace(&e);
			break;
		case 1:
			edit_delete(&e);
			break;
		case 2:
			edit_left(&e);
			break;
		case 3:
			edit_right(&e);
			break;
		case 4:
			edit_home(&e);
			break;
		case 5:
			edit_end(&e);
			break;
		case 6:
			edit_up(&e);
			break;
		case 7:
			edit_down(&e);
			break;
		case 8:
			edit_kill_start(&e);
			break;
		case 9:
			edit_kill_word(&e);
			break;
		default:
			/* The next few bytes typed, whatever they are. */
			n = data[i] % 16 - 9;
			if (n > size - i - 1)
				n = size - i - 1;
			memcpy(typed, data + i + 1, n);
			typed[n] = '\0';
			edit_insert(&e, typed);
			i += n;
			break;
		}
		fuzz_edit_check(&e, width);
	}
	edit_done(&e);
	return 0;
}
