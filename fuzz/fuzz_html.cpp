// HTML reader: any bytes, read as HTML (charset detection, gumbo, grids).
#include <cstdint>
#include <string>

#include "read/format_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
#if GONGKAI_HAVE_GUMBO
  gk::ReadLimits lim;
  lim.max_seconds = 5;
  try {
    gk::read_html(std::string_view((const char*)data, size), "fuzz.html", lim);
  } catch (const gk::ReadError&) {
  }
#endif
  return 0;
}
