# The pinyin-initials table behind src/util/pinyin.c, generated at build time
# from Unihan's readings in Debian's unicode-data by the host tool
# src/util/gen_pinyin.c (which reads the .bz2 itself with libbz2).
#
# Include it from src/CMakeLists.txt, before yj_util: CMake attaches a
# custom command only to targets of the directory that adds it. Then list
# ${YJ_PINYIN_TABLE} with util/pinyin.c among yj_util's sources.

set(YJ_UNIHAN_READINGS /usr/share/unicode/Unihan_Readings.txt.bz2
    CACHE FILEPATH "Unihan_Readings.txt.bz2, from Debian's unicode-data")
if(NOT EXISTS "${YJ_UNIHAN_READINGS}")
  message(FATAL_ERROR
    "${YJ_UNIHAN_READINGS} not found: install unicode-data "
    "(apt-get install unicode-data), or set YJ_UNIHAN_READINGS")
endif()

find_package(BZip2)
if(NOT BZIP2_FOUND)
  message(FATAL_ERROR "libbz2 not found: install libbz2-dev "
    "(gen_pinyin reads ${YJ_UNIHAN_READINGS})")
endif()

add_executable(yj_gen_pinyin ${PROJECT_SOURCE_DIR}/src/util/gen_pinyin.c)
target_include_directories(yj_gen_pinyin PRIVATE
  ${PROJECT_BINARY_DIR}/generated)
target_link_libraries(yj_gen_pinyin PRIVATE BZip2::BZip2 PkgConfig::UTF8PROC)

set(YJ_PINYIN_TABLE ${PROJECT_BINARY_DIR}/generated/pinyin_table.c)
add_custom_command(
  OUTPUT ${YJ_PINYIN_TABLE}
  COMMAND yj_gen_pinyin ${YJ_UNIHAN_READINGS} ${YJ_PINYIN_TABLE}
  DEPENDS yj_gen_pinyin ${YJ_UNIHAN_READINGS}
  COMMENT "Generating the pinyin-initials table from Unihan"
  VERBATIM)
