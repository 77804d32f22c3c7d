/*
 * libFuzzer target: any bytes into the policy loader. It must return a
 * policy or diagnostics, never crash, leak or hang.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "yujing/buf.h"
#include "yujing/diag.h"
#include "yujing/policy.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 d;
	struct policy	*p;
	struct buf	 out;

	diags_init(&d, "fuzz.yaml");
	p = policy_load_buffer((const char *)data, size, &d);
	if (p != NULL) {
		/* A policy that loads must also print. */
		buf_init(&out);
		policy_to_json(p, &out);
		policy_summary(p, &out);
		buf_done(&out);
		policy_free(p);
	}
	diags_done(&d);
	return 0;
}
