#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "yujing/passwd.h"
#include "yujing/xmalloc.h"

static const struct passwd_cost passwd_default = {
	PASSWD_MEMORY_DEFAULT, PASSWD_PASSES_DEFAULT
};

char *
passwd_hash(const char *pw, const struct passwd_cost *c)
{
	char	*out;

	if (sodium_init() < 0)
		return NULL;
	if (c == NULL)
		c = &passwd_default;
	out = xmalloc(crypto_pwhash_STRBYTES);
	/* Argon2id, one lane: what crypto_pwhash_str makes. */
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), c->passes, c->memory,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

bool
passwd_needs_rehash(const char *hash, const struct passwd_cost *c)
{
	unsigned long long	 m, t;

	if (sodium_init() < 0)
		return false;
	if (c == NULL)
		c = &passwd_default;
	/*
	 * Dearer in both memory and passes than the policy asks: kept (a
	 * policy lowered is no reason to weaken what is stored).
	 */
	if (sscanf(hash, "$argon2id$v=%*u$m=%llu,t=%llu,p=%*u$", &m,
	    &t) == 2 && m <= SIZE_MAX / 1024 && m * 1024 >= c->memory &&
	    t >= c->passes)
		return false;
	/* 1: other parameters; -1: not a hash it reads (made anew too). */
	return crypto_pwhash_str_needs_rehash(hash, c->passes, c->memory) != 0;
}

bool
passwd_verify(const char *hash, const char *pw)
{
	if (sodium_init() < 0)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

int64_t
passwd_wait(int failures)
{
	int64_t	 w = PASSWD_WAIT_FIRST;
	int	 i;

	if (failures < PASSWD_FREE_TRIES)
		return 0;
	for (i = PASSWD_FREE_TRIES; i < failures && w < PASSWD_WAIT_MAX; i++)
		w *= 2;
	return w < PASSWD_WAIT_MAX ? w : PASSWD_WAIT_MAX;
}

void
passwd_free(char *pw)
{
	if (pw == NULL)
		return;
	sodium_memzero(pw, strlen(pw));
	free(pw);
}

uint64_t
passwd_random64(void)
{
	uint64_t	 v;

	if (sodium_init() < 0)
		abort();	/* no entropy at all: nothing safe to do */
	randombytes_buf(&v, sizeof v);
	return v;
}
