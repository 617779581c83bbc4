// DOCX reader: any bytes as a ZIP archive (libzip + bounded inflate + XML).
#include <cstdint>
#include <string>

#include "read/format_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
#if GONGKAI_HAVE_DOCX
  gk::ReadLimits lim;
  lim.max_entry_bytes = 4 << 20;
  lim.max_unpacked_bytes = 8 << 20;
  lim.max_seconds = 5;
  try {
    gk::read_docx(std::string_view((const char*)data, size), "fuzz.docx", lim);
  } catch (const gk::ReadError&) {
  }
#endif
  return 0;
}
