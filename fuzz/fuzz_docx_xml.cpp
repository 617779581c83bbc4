// DOCX reader after unzipping: any bytes as word/document.xml.
#include <cstdint>
#include <string>

#include "read/format_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
#if GONGKAI_HAVE_DOCX
  gk::ReadLimits lim;
  lim.max_seconds = 5;
  try {
    gk::read_docx_xml(std::string_view((const char*)data, size), "fuzz.xml", lim);
  } catch (const gk::ReadError&) {
  }
#endif
  return 0;
}
