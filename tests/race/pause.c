/*
 * An LD_PRELOAD shim for the race tests: it holds a process still just
 * before one of its write transactions starts, so that another process can
 * run a whole conflicting command in between, every time, in the same
 * order. No sleep decides who wins.
 *
 *   YJ_PAUSE_DIR=DIR    where the two files of the handshake are
 *   YJ_PAUSE_BEGIN=N    stop before the Nth "BEGIN IMMEDIATE" (from 1)
 *   YJ_PAUSE_HELD=N     stop just after it instead, holding the lock it
 *                       took (another process's write waits on it)
 *
 * Before (or after) that BEGIN it writes DIR/paused and waits until DIR/go exists
 * (at most a minute); every BEGIN is also counted in DIR/begins, so a
 * test can check that the pause happened where it meant it to.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

typedef int	(*exec_fn)(sqlite3 *, const char *,
		    int (*)(void *, int, char **, char **), void *, char **);

static int	 pause_begins;

static void
pause_note(const char *dir, const char *name, const char *text)
{
	char	 path[4096];
	int	 fd;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (fd < 0)
		return;
	if (write(fd, text, strlen(text)) < 0) {
		/* The test sees the file missing or short. */
	}
	close(fd);
}

static void
pause_wait(const char *dir)
{
	struct timespec	 step = { 0, 10 * 1000 * 1000 };
	char		 path[4096], line[64];
	int		 i;

	snprintf(line, sizeof line, "%ld\n", (long)getpid());
	pause_note(dir, "paused", line);
	snprintf(path, sizeof path, "%s/go", dir);
	for (i = 0; i < 6000 && access(path, F_OK) != 0; i++)
		nanosleep(&step, NULL);
}

int
sqlite3_exec(sqlite3 *db, const char *sql,
    int (*cb)(void *, int, char **, char **), void *arg, char **errmsg)
{
	static exec_fn	 real;
	const char	*dir = getenv("YJ_PAUSE_DIR");
	const char	*at = getenv("YJ_PAUSE_BEGIN");
	const char	*held = getenv("YJ_PAUSE_HELD");
	char		 line[64];
	int		 rc;

	if (real == NULL)
		real = (exec_fn)dlsym(RTLD_NEXT, "sqlite3_exec");
	if (dir != NULL && sql != NULL &&
	    strncmp(sql, "BEGIN IMMEDIATE", 15) == 0) {
		pause_begins++;
		snprintf(line, sizeof line, "%d\n", pause_begins);
		pause_note(dir, "begins", line);
		if (at != NULL && atoi(at) == pause_begins)
			pause_wait(dir);
		rc = real(db, sql, cb, arg, errmsg);
		if (held != NULL && atoi(held) == pause_begins)
			pause_wait(dir);
		return rc;
	}
	return real(db, sql, cb, arg, errmsg);
}
