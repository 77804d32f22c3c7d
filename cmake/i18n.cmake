# The UI's message catalogs: each language named in data/po/LINGUAS is
# compiled from data/po/LANG.po into the build tree as
# ${YJ_BUILD_LOCALEDIR}/LANG/LC_MESSAGES/yujing.mo, so that the binary and
# the tests find it there (YUJING_LOCALEDIR; see include/yujing/i18n.h),
# and installed under ${CMAKE_INSTALL_LOCALEDIR}. scripts/po keeps the .po
# files in step with the sources.
#
# Include it from the top-level CMakeLists.txt; the target yj_locale is
# part of the default build.

find_program(MSGFMT msgfmt DOC "msgfmt, from GNU gettext")
if(NOT MSGFMT)
  message(FATAL_ERROR "msgfmt not found: install gettext "
    "(apt-get install gettext), or set MSGFMT")
endif()

set(YJ_PO_DIR ${PROJECT_SOURCE_DIR}/data/po)
set(YJ_BUILD_LOCALEDIR ${PROJECT_BINARY_DIR}/locale)

# Adding a language to LINGUAS reconfigures.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${YJ_PO_DIR}/LINGUAS)
file(STRINGS ${YJ_PO_DIR}/LINGUAS YJ_LINGUAS REGEX "^[^#]")

set(YJ_MO_FILES)
foreach(lang IN LISTS YJ_LINGUAS)
  string(STRIP "${lang}" lang)
  set(dir ${YJ_BUILD_LOCALEDIR}/${lang}/LC_MESSAGES)
  # --check: a translation whose format directives differ from its msgid's
  # would crash printf, so it fails the build.
  add_custom_command(
    OUTPUT ${dir}/yujing.mo
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${MSGFMT} --check -o ${dir}/yujing.mo ${YJ_PO_DIR}/${lang}.po
    DEPENDS ${YJ_PO_DIR}/${lang}.po
    COMMENT "Compiling the ${lang} message catalog"
    VERBATIM)
  list(APPEND YJ_MO_FILES ${dir}/yujing.mo)
  install(FILES ${dir}/yujing.mo
    DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES)
endforeach()

add_custom_target(yj_locale ALL DEPENDS ${YJ_MO_FILES})
