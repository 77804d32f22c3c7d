#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "yujing/digest.h"

_Static_assert(DIGEST_BYTES == crypto_hash_sha256_BYTES, "SHA-256 size");

void
digest_sha256(const void *data, size_t len, uint8_t out[DIGEST_BYTES])
{
	crypto_hash_sha256(out, data, len);
}

void
digest_hex(const uint8_t d[DIGEST_BYTES], char *hex)
{
	sodium_bin2hex(hex, 2 * DIGEST_BYTES + 1, d, DIGEST_BYTES);
}

void
digest_salted(const uint8_t salt[DIGEST_SALT_BYTES], const char *value,
    uint8_t out[DIGEST_BYTES])
{
	crypto_hash_sha256_state	 h;

	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, salt, DIGEST_SALT_BYTES);
	crypto_hash_sha256_update(&h, (const unsigned char *)value,
	    strlen(value));
	crypto_hash_sha256_final(&h, out);
}

void
digest_new_salt(uint8_t salt[DIGEST_SALT_BYTES])
{
	if (sodium_init() < 0)
		abort();
	randombytes_buf(salt, DIGEST_SALT_BYTES);
}
