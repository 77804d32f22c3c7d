#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "yujing/number.h"

bool
number_decimal(const char *s, double *v)
{
	const char	*p = s;
	size_t		 digits;
	double		 scale;

	if (strlen(s) > NUMBER_DECIMAL_MAX)
		return false;
	if (*p == '-')
		p++;
	digits = strspn(p, "0123456789");
	/* "0" and "0.5" but not "007": a leading zero reads as a code. */
	if (digits == 0 || (digits > 1 && *p == '0'))
		return false;
	p += digits;
	if (*p == '.') {
		p++;
		digits = strspn(p, "0123456789");
		if (digits == 0)
			return false;
		p += digits;
	}
	if (*p != '\0')
		return false;
	/*
	 * Its value by hand, not by strtod: under a locale whose decimal
	 * point is a comma (the screen calls setlocale) strtod stops at '.'.
	 */
	p = s + (*s == '-');
	*v = 0;
	for (; *p != '\0' && *p != '.'; p++)
		*v = *v * 10 + (*p - '0');
	if (*p == '.') {
		for (p++, scale = 0.1; *p != '\0'; p++, scale /= 10)
			*v += (*p - '0') * scale;
	}
	if (*s == '-')
		*v = -*v;
	return true;
}

bool
number_id(const char *s, int64_t *v)
{
	size_t		 digits = strspn(s, "0123456789");
	long long	 n;
	char		*end;

	if (digits == 0 || s[digits] != '\0' || *s == '0' || digits > 19)
		return false;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*v = n;
	return true;
}

bool
number_size(const char *s, uint64_t *v)
{
	static const struct {
		const char	*unit;
		unsigned	 shift;
	} units[] = { { "KiB", 10 }, { "MiB", 20 }, { "GiB", 30 } };
	uint64_t	 n = 0;
	size_t		 i, digits = strspn(s, "0123456789");

	if (digits == 0 || digits > 7 || (s[0] == '0' && digits > 1))
		return false;
	for (i = 0; i < digits; i++)
		n = n * 10 + (uint64_t)(s[i] - '0');
	s += digits;
	if (*s == ' ')
		s++;
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strcmp(s, units[i].unit) == 0) {
			n <<= units[i].shift;
			if (n == 0 || n > (4ull << 30))
				return false;
			*v = n;
			return true;
		}
	}
	return false;
}
