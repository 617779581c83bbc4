// PDF reader: any bytes through poppler, rendering and layout. poppler itself
// is not instrumented; this finds crashes in our glue and layout on real
// parser output.
#include <cstdint>
#include <string>

#include "read/format_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
#if GONGKAI_HAVE_POPPLER
  gk::ReadLimits lim;
  lim.max_seconds = 5;
  lim.ocr = false;  // fuzz our readers, not tesseract (a page without text would take seconds)
  try {
    gk::read_pdf(std::string_view((const char*)data, size), "fuzz.pdf", lim);
  } catch (const gk::ReadError&) {
  }
#endif
  return 0;
}
