#include "config.h"

#include "yujing/app.h"
#include "yujing/demo.h"
#include "yujing/status.h"

enum yj_status
demo_fill(struct yj_app *a, uint64_t seed, demo_user_cb cb, void *arg,
    struct yj_error *err)
{
	(void)a;
	(void)seed;
	(void)cb;
	(void)arg;
	return yj_fail(err, YJ_BAD_INPUT, "the demo is not written yet");
}
