/* Password hashes: Argon2id through libsodium's crypto_pwhash_str. */
#ifndef YUJING_PASSWD_H
#define YUJING_PASSWD_H

#include <stdbool.h>
#include <stdint.h>

/* The hash of pw, for storing (free it); NULL only if the system fails. */
char	*passwd_hash(const char *pw);
/* 64 unpredictable bits from the system's generator. */
uint64_t passwd_random64(void);
/* Whether pw matches the stored hash. */
bool	 passwd_verify(const char *hash, const char *pw);

#endif
