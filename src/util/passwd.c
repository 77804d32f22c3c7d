#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "yujing/passwd.h"
#include "yujing/xmalloc.h"

char *
passwd_hash(const char *pw)
{
	char	*out;

	if (sodium_init() < 0)
		return NULL;
	out = xmalloc(crypto_pwhash_STRBYTES);
	/* Interactive limits: a login at the duty-room keyboard waits for it. */
	if (crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

bool
passwd_verify(const char *hash, const char *pw)
{
	if (sodium_init() < 0)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
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
