# The layers above the core reach data only through it (DESIGN §1): the
# library LIB (cli, tui, gen) may call no store_* and no sqlite3_*
# function, and no source in DIR may include the store's header or
# SQLite's. Run after LIB is built:
#   cmake -DLIB=... -DNM=... -DDIR=... -DNAME=... -P layer_check.cmake
execute_process(COMMAND ${NM} -u ${LIB} OUTPUT_VARIABLE undefined
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "layer_check: ${NM} -u ${LIB} failed")
endif()
string(REGEX MATCHALL "[ \t](store|sqlite3)_[A-Za-z0-9_]+" calls
  "${undefined}")
foreach(call IN LISTS calls)
  string(STRIP "${call}" call)
  message(SEND_ERROR "${NAME} calls ${call}: it reaches data only "
    "through the core (DESIGN §1)")
endforeach()
file(GLOB sources ${DIR}/*.c ${DIR}/*.h)
foreach(f IN LISTS sources)
  file(STRINGS ${f} lines REGEX "^#[ \t]*include[ \t]*[<\"](sqlite3\\.h|yujing/store\\.h)[>\"]")
  if(lines)
    message(SEND_ERROR "${f}: includes ${lines}: ${NAME} reaches data "
      "only through the core's headers (DESIGN §1)")
  endif()
endforeach()
if(calls)
  message(FATAL_ERROR "layer_check: ${NAME} goes around the core")
endif()
