/* For the unit tests: the whole record verifies. */
#ifndef YUJING_TEST_VERIFIED_H
#define YUJING_TEST_VERIFIED_H

#include <stdint.h>

#include "yujing/store.h"

/*
 * store_verify finds nothing (what it found is printed otherwise), and
 * the chain has events links when events is not negative.
 */
void	verify_clean(struct store *s, int64_t events);

#endif
