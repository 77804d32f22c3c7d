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
