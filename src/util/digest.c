#include "config.h"

#include <stdint.h>
#include <stdio.h>

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
