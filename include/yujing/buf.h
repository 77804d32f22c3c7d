/* A growable byte string, always NUL-terminated. */
#ifndef YUJING_BUF_H
#define YUJING_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;	/* NULL until something is added */
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *b);
/* Frees the contents; the struct can be reused after buf_init. */
void	 buf_done(struct buf *b);
void	 buf_add(struct buf *b, const void *p, size_t n);
void	 buf_puts(struct buf *b, const char *s);
void	 buf_putc(struct buf *b, char c);
void	 buf_printf(struct buf *b, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	     __attribute__((format(printf, 2, 0)));
/* Empties b, keeping its memory. */
void	 buf_clear(struct buf *b);
/* The contents as a string ("" when empty); valid until the next change. */
const char *buf_str(const struct buf *b);
/* Hands the contents to the caller (free() them) and empties the buffer. */
char	*buf_steal(struct buf *b);

#endif
