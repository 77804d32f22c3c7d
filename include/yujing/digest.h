/* SHA-256 (libsodium), for the chain of history events. */
#ifndef YUJING_DIGEST_H
#define YUJING_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define DIGEST_BYTES 32

void	digest_sha256(const void *data, size_t len, uint8_t out[DIGEST_BYTES]);
#define DIGEST_SALT_BYTES 16
/*
 * SHA-256 of salt then value: what the history commits to for a personal
 * part, so the digest stays when the value is blanked and cannot be
 * guessed back from a short value ("是").
 */
void	digest_salted(const uint8_t salt[DIGEST_SALT_BYTES], const char *value,
	    uint8_t out[DIGEST_BYTES]);
/* A new random salt (aborts if the system has no randomness). */
void	digest_new_salt(uint8_t salt[DIGEST_SALT_BYTES]);
/* Lowercase hex of a digest into hex (2 * DIGEST_BYTES + 1 bytes). */
void	digest_hex(const uint8_t d[DIGEST_BYTES], char *hex);

#endif
