#!/bin/sh
# Remakes the spreadsheet files of this corpus from the sources in src/,
# saved by LibreOffice Calc (package libreoffice-calc-nogui) the way a
# school's office saves them. Not run by the build or CI: the files it
# makes are checked in, and a change to a source means running it again
# and looking at what changed (git diff --stat).
#   sh tests/data/school/make.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# LibreOffice's CSV filter: separator, quote, character set (76 UTF-8,
# 85 GB18030, 65535 UTF-16 with a BOM), first line.
csv() {
	soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):$2" \
	    --outdir "$out/$3" "$here/src/$1.fods" >/dev/null 2>&1
	mv "$out/$3/$1.csv" "$out/$3.out"
}
for f in students contacts-wide schedule; do
	soffice --headless --convert-to xlsx --outdir "$out" \
	    "$here/src/$f.fods" >/dev/null 2>&1
	soffice --headless --convert-to xls --outdir "$out" \
	    "$here/src/$f.fods" >/dev/null 2>&1
	cp "$out/$f.xlsx" "$out/$f.xls" "$here/"
done
# Leave records (请假): dates with times, and dates alone.
soffice --headless --convert-to xlsx --outdir "$out" \
    "$here/src/leave.fods" >/dev/null 2>&1
cp "$out/leave.xlsx" "$here/"
# A student number kept as a number shown with leading zeros.
soffice --headless --convert-to xlsx --outdir "$out" \
    "$here/src/padded.fods" >/dev/null 2>&1
cp "$out/padded.xlsx" "$here/"
# Excel's "Unicode 文本": UTF-16LE with a BOM, TAB between cells.
csv students 9,34,65535,1 utf16
cp "$out/utf16.out" "$here/students-utf16.txt"
# GB18030, as a Chinese spreadsheet saves it with every character kept.
csv students 44,34,85,1 gb18030
cp "$out/gb18030.out" "$here/students-gb18030.csv"
# Excel's "CSV (逗号分隔)" on a Chinese Windows: code page 936 (GBK),
# CRLF, '?' for a character GBK does not have.
csv students 44,34,76,1 utf8
iconv -f UTF-8 -t GBK//TRANSLIT "$out/utf8.out" | sed 's/$/\r/' \
    > "$here/students-gbk.csv"
# Excel's "CSV UTF-8": a BOM, CRLF.
{ printf '\357\273\277'; sed 's/$/\r/' "$out/utf8.out"; } \
    > "$here/students-utf8bom.csv"
# The small cases, as Excel's "CSV (逗号分隔)" writes them: GBK, CRLF.
gbk() { iconv -f UTF-8 -t GBK | sed 's/$/\r/' >"$here/$1"; }
gbk bad-scientific.csv <<'ROWS'
学号,姓名,性别,院系,班级,楼栋,宿舍,电话
2.02501E+09,赵一,男,计算机科学与技术学院,计科2501,3,402,13800000011
ROWS
gbk bad-duplicate.csv <<'ROWS'
学号,姓名,性别,学院,班级,宿舍楼,宿舍号,电话,姓名,电话
2025010121,钱二,男,计算机科学与技术学院,计科2501,3,402,13800000021,钱大,13900000021
ROWS
gbk bad-missing.csv <<'ROWS'
学号,姓名,性别,学院,宿舍楼,宿舍号
2025010131,孙三,女,计算机科学与技术学院,8,201
ROWS
gbk bad-room.csv <<'ROWS'
学号,姓名,性别,学院,班级,宿舍楼,宿舍号
2025010141,李五,女,计算机科学与技术学院,计科2502,8,3栋201
ROWS
gbk blank-rows.csv <<'ROWS'
2025级新生名单（计算机科学与技术学院）,,,,,,,
,,,,,,,
学号,姓名,性别,学院,专业班级,楼号,房间号,手机号
'2025010151,周六,男,计算机科学与技术学院,计科2503,3#,3-406,138-0000-0051
2025010152,吴　七,女,计算机科学与技术学院,计科2503,,８－２０３,１３８００００００５２
,,,,,,,
,,,,,,,
,,,,,,,
ROWS
gbk extra-columns.csv <<'ROWS'
序号,学号,姓名,性别,院系,班级,籍贯,楼栋,宿舍,电话,备注
1,2025010161,郑八,男,计算机科学与技术学院,计科2503,浙江,3,407,13800000061,班长
ROWS
# Leave records with what must be refused, one message a row.
gbk leave-bad.csv <<'ROWS'
学号,姓名,开始时间,结束时间,事由,审批人
2025010199,王九,2026-12-01 08:00,2026-12-02 08:00,事假,赵老师
2025010101,张四,2026-12-01 08:00,2026-12-02 08:00,事假,赵老师
2025010102,李四,2026-12-03 08:00,2026-12-02 08:00,事假,赵老师
2025010103,孙七,明天,2026-12-02,事假,赵老师
2025010103,孙七,2026-11-31 08:00,2026-12-02,事假,赵老师
2025010103,孙七,2026-12-01 08:00,,事假,赵老师
2025010103,孙七,2026-12-01 08:00,2026-12-01 08:00,事假,赵老师
ROWS
