/*
 * A small, fast, seeded pseudo-random generator (splitmix64) for made-up
 * data: the demo institution and the benchmark's. Not for secrets.
 */
#ifndef YUJING_RNG_H
#define YUJING_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t	 s;	/* the seed, then the state */
};

uint64_t	rng_next(struct rng *r);
/* 0 .. n-1 (0 when n is 0). */
size_t		rng_below(struct rng *r, size_t n);
/* lo .. hi, both included (lo when hi <= lo). */
int64_t		rng_between(struct rng *r, int64_t lo, int64_t hi);

#endif
