/* A streaming JSON writer into a struct buf (UTF-8 passes through). */
#ifndef YUJING_JSON_H
#define YUJING_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "yujing/buf.h"

#define JSON_MAX_DEPTH 32

struct json {
	struct buf	*out;
	bool		 pretty;
	int		 depth;
	bool		 need_comma[JSON_MAX_DEPTH];
	bool		 after_key;
};

void	json_init(struct json *j, struct buf *out, bool pretty);
void	json_object_begin(struct json *j);
void	json_object_end(struct json *j);
void	json_array_begin(struct json *j);
void	json_array_end(struct json *j);
void	json_key(struct json *j, const char *key);
/* A NULL string is written as null. */
void	json_string(struct json *j, const char *s);
void	json_int(struct json *j, int64_t v);
void	json_bool(struct json *j, bool v);
void	json_null(struct json *j);
/* Whether s is a number as JSON writes one: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)? */
bool	json_is_number(const char *s);
/*
 * The string value of key in a flat JSON object as this writer makes them
 * (payloads of history events), unescaped into out. Returns false when
 * the key is missing, null or not a string.
 */
bool	json_get_string(const char *json, const char *key, struct buf *out);
/* The same for an integer and for true or false; false when not one. */
bool	json_get_int(const char *json, const char *key, int64_t *v);
bool	json_get_bool(const char *json, const char *key, bool *v);
/* A value already in JSON (a number checked by the caller, say). */
void	json_raw(struct json *j, const char *text);

/* key + value in one call. */
void	json_kv_string(struct json *j, const char *key, const char *s);
void	json_kv_int(struct json *j, const char *key, int64_t v);
void	json_kv_bool(struct json *j, const char *key, bool v);

#endif
