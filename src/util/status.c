#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "yujing/status.h"

#define YJ_STATUS_MESSAGE(name, msg) msg,
static const char *const yj_status_messages[] = {
	YJ_STATUS_LIST(YJ_STATUS_MESSAGE)
};
#undef YJ_STATUS_MESSAGE

const char *
yj_status_message(enum yj_status s)
{
	if ((unsigned)s >= YJ_NSTATUS)
		return "unknown status";
	return yj_status_messages[s];
}

enum yj_status
yj_fail(struct yj_error *err, enum yj_status s, const char *fmt, ...)
{
	va_list	 ap;

	if (err == NULL)
		return s;
	err->status = s;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return s;
}

void
yj_error_clear(struct yj_error *err)
{
	if (err == NULL)
		return;
	err->status = YJ_OK;
	err->msg[0] = '\0';
}
