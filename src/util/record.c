#include "config.h"

#include <string.h>

#include "yujing/record.h"

#define RECORD_STATE_NAME(e, name, label)	[e] = name,
static const char *const record_states[] = {
	RECORD_STATES(RECORD_STATE_NAME)
};

#define RECORD_STATE_LABEL(e, name, label)	[e] = label,
static const char *const record_state_labels[] = {
	RECORD_STATES(RECORD_STATE_LABEL)
};

#define RECORD_KIND_NAME(e, name, label, after)	[e] = name,
static const char *const record_kinds[] = {
	RECORD_KINDS(RECORD_KIND_NAME)
};

#define RECORD_KIND_LABEL(e, name, label, after)	[e] = label,
static const char *const record_kind_labels[] = {
	RECORD_KINDS(RECORD_KIND_LABEL)
};

#define RECORD_KIND_AFTER(e, name, label, after)	[e] = after,
static const int record_after[] = {
	RECORD_KINDS(RECORD_KIND_AFTER)
};

const char *
record_state_name(enum record_state s)
{
	return s < RECORD_NSTATES ? record_states[s] : "";
}

const char *
record_kind_name(enum record_kind k)
{
	return k < RECORD_NKINDS ? record_kinds[k] : "";
}

const char *
record_state_label(enum record_state s)
{
	return s < RECORD_NSTATES ? record_state_labels[s] : "";
}

const char *
record_kind_label(enum record_kind k)
{
	return k < RECORD_NKINDS ? record_kind_labels[k] : "";
}

int
record_state_of(const char *name)
{
	int	 i;

	for (i = 0; name != NULL && i < RECORD_NSTATES; i++) {
		if (strcmp(record_states[i], name) == 0)
			return i;
	}
	return -1;
}

int
record_kind_of(const char *name)
{
	int	 i;

	for (i = 0; name != NULL && i < RECORD_NKINDS; i++) {
		if (strcmp(record_kinds[i], name) == 0)
			return i;
	}
	return -1;
}

bool
record_state_is(const char *name, enum record_state s)
{
	return name != NULL && strcmp(name, record_state_name(s)) == 0;
}

bool
record_kind_is(const char *name, enum record_kind k)
{
	return name != NULL && strcmp(name, record_kind_name(k)) == 0;
}

int
record_kind_state(enum record_kind k)
{
	return k < RECORD_NKINDS ? record_after[k] : -1;
}
