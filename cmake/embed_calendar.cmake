# Embed data/calendar/cn-holidays.json into the library (src/register/calendar.cpp
# reads gk::reg::kBuiltinCalendarJson), so a fresh clone needs no data file at run time.
# Usage: cmake -DIN=cn-holidays.json -DOUT=calendar_data.cpp -P embed_calendar.cmake
file(READ "${IN}" GK_CAL)
file(WRITE "${OUT}.tmp" "// Generated from data/calendar/cn-holidays.json by cmake/embed_calendar.cmake. Do not edit.\n"
  "namespace gk::reg {\nextern const char* const kBuiltinCalendarJson;\n"
  "const char* const kBuiltinCalendarJson = R\"GKCALENDAR(${GK_CAL})GKCALENDAR\";\n}\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
