/*
 * The organisation from spreadsheets (S1): the student roster and the
 * contacts (who is responsible for what), each imported all or nothing,
 * and the coverage report of units with nobody responsible.
 */
#ifndef YUJING_ROSTER_H
#define YUJING_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "yujing/app.h"
#include "yujing/diag.h"
#include "yujing/status.h"

#include "yujing/buf.h"
#include "yujing/sheet.h"

#define ROSTER_MAX_BYTES	SHEET_MAX_BYTES

/* How an import reads its file. */
struct roster_opts {
	enum sheet_encoding	 encoding;	/* AUTO: found from the bytes */
	const char		*sheet;		/* NULL: the first */
	const char		*map;		/* --map HEADER=FIELD,...; NULL */
	bool			 dry_run;
	bool			 keep_missing;	/* roster: none marked as left */
	bool			 whole_school;	/* roster: the file is everyone */
	struct buf		*mapping;	/* NULL, or gets the columns used */
};

/*
 * What a roster import changed, student by student: each field that
 * changed with what it was (NULL when it did not), for the change list.
 */
enum roster_change_kind {
	ROSTER_ADDED,
	ROSTER_CHANGED,
	ROSTER_LEFT,		/* not in the file: marked as left */
	ROSTER_MISSING		/* not in the file, kept (--keep-missing) */
};

struct roster_change {
	enum roster_change_kind	 kind;
	char			*number;
	char			*name;
	char			*class_name;
	char			*room;		/* building-room, "" for none */
	char			*old_name;
	char			*old_class;
	char			*old_room;
	char			*old_phone;
	char			*phone_now;
	bool			 phone;		/* the phone changed */
	bool			 guardian;	/* the parent's name or phone */
	bool			 back;		/* had left, is back */
};

struct roster_counts {
	int			 added;
	int			 updated;
	int			 moved;		/* changed class or room */
	int			 unchanged;
	int			 left;		/* marked as left */
	int			 missing;	/* not in the file, kept */
	struct roster_change	*changes;
	size_t			 nchanges;
};
void		roster_counts_free(struct roster_counts *c);

/*
 * Imports a roster from a spreadsheet file (sheet.h: .xlsx, .xls, CSV in
 * any encoding a school's computer saves): columns 学号, 姓名, 性别, 院系,
 * 班级, 楼栋, 宿舍, 电话 by any of their usual headers (学院, 专业班级,
 * 宿舍楼, 房间号, 手机号 ...). Every bad row goes into d as FILE:LINE (or
 * FILE:SHEET!ROW); any at all and nothing is saved (YJ_BAD_INPUT). With
 * dry_run the counts are worked out and nothing is saved either. The
 * students of the classes in the file (of the school, whole_school) that
 * it no longer has are marked as left, unless keep_missing; c lists every
 * change (roster_counts_free).
 */
enum yj_status	roster_import(struct yj_app *a, const char *data, size_t len,
		    const struct roster_opts *o, struct roster_counts *c,
		    struct diags *d, struct yj_error *err);

/* One student as a roster row gives it; NULL or "" for an empty cell. */
struct roster_student {
	int line; /* for messages; 0: its place, from 1 */
	const char *number;
	const char *name;
	const char *gender;
	const char *department;
	const char *class_name;
	const char *building;
	const char *room;
	const char *phone;
};

/*
 * Imports n students given as rows, checked and saved as roster_import
 * does with the rows of a file (roster_import reads its file into these).
 * Only admin and student_affairs may, except when as_system is true (the
 * demo, before anyone can sign in).
 */
enum yj_status roster_import_rows(struct yj_app *a,
    const struct roster_student *rows, size_t n, bool dry_run, bool as_system,
    struct roster_counts *c, struct diags *d, struct yj_error *err);

/*
 * Imports contacts: header 层级, 单位, 姓名, 电话, 职务 (or level, unit,
 * name, phone, title). The level is a level or office id (or its name in
 * the policy); the unit a class, department or building name as the
 * level's scope needs, empty for school levels and offices.
 */
enum yj_status	roster_contacts(struct yj_app *a, const char *data, size_t len,
		    const struct roster_opts *o, int *count, struct diags *d,
		    struct yj_error *err);

/* One contact as a row of the contacts file gives it (see above). */
struct roster_contact {
	int line; /* for messages; 0: its place, from 1 */
	const char *level;
	const char *unit;
	const char *name;
	const char *phone;
	const char *title;
};

/* Imports n contacts given as rows, as roster_contacts does a file's. */
enum yj_status roster_contacts_rows(struct yj_app *a,
    const struct roster_contact *rows, size_t n, bool dry_run, bool as_system,
    int *count, struct diags *d, struct yj_error *err);

/*
 * Imports the duty schedule (值班表): header 日期, 班次, 值班人 (or date,
 * shift, officer). A shift by its id or name, run on that date by the
 * policy; an officer by login or (unique) display name. All or nothing,
 * as the roster; for those who may set the schedule. A shift already on
 * the schedule gets the officer the file names.
 */
enum yj_status	roster_schedule(struct yj_app *a, const char *data,
		    size_t len, const struct roster_opts *o, int *count,
		    struct diags *d, struct yj_error *err);

/* What an import of leave records did. */
struct roster_leave_counts {
	int	 added;
	int	 updated;	/* its reason or approver changed */
	int	 unchanged;
};

/*
 * Imports leave records (请假): header 学号, 开始时间, 结束时间 and
 * perhaps 姓名 (checked against the roster), 事由, 审批人. A time is a
 * date and perhaps HH:MM (a date alone, the whole day). A student, a
 * from and a to are one record: imported again, its reason and approver
 * are replaced; records not in the file stay. All or nothing; for those
 * who may import; an event of the admin history.
 */
enum yj_status	roster_leave(struct yj_app *a, const char *data, size_t len,
		    const struct roster_opts *o, struct roster_leave_counts *c,
		    struct diags *d, struct yj_error *err);

struct roster_gap {
	const char	*level;		/* level or office id */
	const char	*level_name;
	const char	*unit_kind;	/* class, department, building, school,
					   office */
	const char	*unit;		/* its name, "" for the school */
	const char	*person;	/* NULL: nobody */
	const char	*phone;		/* "" when none (or nobody) */
	const char	*title;
	const char	*problem;	/* "nobody responsible", "no phone";
					   NULL in the directory: none */
};

typedef int	(*roster_gap_cb)(void *arg, const struct roster_gap *g);
/* Every unit × level with nobody responsible or no phone on record. */
enum yj_status	roster_coverage(struct yj_app *a, roster_gap_cb cb, void *arg,
		    struct yj_error *err);

/*
 * The phone directory: every unit × level, whoever is responsible and
 * their phone, gaps included (problem set); for anyone signed in (a
 * power cut: phones work, the screen may not).
 */
enum yj_status	roster_directory(struct yj_app *a, roster_gap_cb cb,
		    void *arg, struct yj_error *err);
/* How many gaps roster_coverage would list (for anyone signed in). */
enum yj_status	roster_coverage_count(struct yj_app *a, size_t *n,
		    struct yj_error *err);

#endif
