/* Password hashes: Argon2id through libsodium's crypto_pwhash_str. */
#ifndef YUJING_PASSWD_H
#define YUJING_PASSWD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The cost of a hash: OWASP's minimum for Argon2id (m = 19 MiB, t = 2,
 * p = 1) unless the policy asks for more (security.kdf).
 */
#define PASSWD_MEMORY_DEFAULT	(19u << 20)
#define PASSWD_PASSES_DEFAULT	2u

struct passwd_cost {
	size_t		 memory;	/* bytes */
	unsigned	 passes;
};

/*
 * The hash of pw at cost c (NULL: the default), for storing (free it);
 * NULL only if the system fails (no memory for the cost).
 */
char	*passwd_hash(const char *pw, const struct passwd_cost *c);
/* Whether hash was made at less cost than c asks (the policy raised it). */
bool	 passwd_needs_rehash(const char *hash, const struct passwd_cost *c);
/* 64 unpredictable bits from the system's generator. */
uint64_t passwd_random64(void);
/* Whether pw matches the stored hash. */
bool	 passwd_verify(const char *hash, const char *pw);
/*
 * How long the next try waits after `failures` wrong passwords in a row:
 * nothing for the first PASSWD_FREE_TRIES - 1, then 30 s, doubling, at
 * most 5 minutes; never a lock-out that someone else could keep up.
 */
#define PASSWD_FREE_TRIES	5
#define PASSWD_WAIT_FIRST	30
#define PASSWD_WAIT_MAX		300
/* Failures past which the wait no longer grows. */
#define PASSWD_WAIT_CAPPED	(PASSWD_FREE_TRIES + 4)
int64_t	 passwd_wait(int failures);
/* Wipes and frees a password (a copy left in freed memory is a leak). */
void	 passwd_free(char *pw);

#endif
