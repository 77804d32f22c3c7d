/* SHA-256 (libsodium), for the chain of history events. */
#ifndef YUJING_DIGEST_H
#define YUJING_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define DIGEST_BYTES 32

void	digest_sha256(const void *data, size_t len, uint8_t out[DIGEST_BYTES]);
/* Lowercase hex of a digest into hex (2 * DIGEST_BYTES + 1 bytes). */
void	digest_hex(const uint8_t d[DIGEST_BYTES], char *hex);

#endif
