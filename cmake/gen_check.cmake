# The generator writes only through core (src/gen, DESIGN §1): its library
# may call no store_* function but store_incident_free, which frees what
# incident_show filled. Run after yj_gen is built: cmake -DLIB=... -DNM=...
execute_process(COMMAND ${NM} -u ${LIB} OUTPUT_VARIABLE undefined
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gen_check: ${NM} -u ${LIB} failed")
endif()
string(REGEX MATCHALL "[ \t]store_[A-Za-z0-9_]+" calls "${undefined}")
foreach(call IN LISTS calls)
  string(STRIP "${call}" call)
  if(NOT call STREQUAL "store_incident_free")
    message(FATAL_ERROR "yj_gen calls ${call}: the generator goes "
      "through core's use cases, not the store")
  endif()
endforeach()
