/*
 * Numbers as people type them, strictly: what is accepted can be stored,
 * compared and written back as JSON without surprise.
 */
#ifndef YUJING_NUMBER_H
#define YUJING_NUMBER_H

#include <stdbool.h>
#include <stdint.h>

#define NUMBER_DECIMAL_MAX	30	/* characters of a decimal */

/*
 * A plain decimal: an optional '-', digits, an optional '.' and digits
 * ("3", "-2", "1500.50"); no '+', exponent, space, leading zeros ("007")
 * or more than NUMBER_DECIMAL_MAX characters. Its value in *v (finite by
 * construction). Returns false for anything else.
 */
bool	number_decimal(const char *s, double *v);
/*
 * An id: digits only (no sign, space or leading zero), 1 to INT64_MAX.
 * Returns false for anything else.
 */
bool	number_id(const char *s, int64_t *v);
/*
 * An amount of memory as rules.yaml writes it: whole digits and a unit,
 * KiB, MiB or GiB ("19MiB", "64 MiB"), at most 4 GiB. The bytes in *v.
 */
bool	number_size(const char *s, uint64_t *v);

#endif
