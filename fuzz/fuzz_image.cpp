// Image reader (scans): any bytes through leptonica's decoders, our bitmap
// glue (grey conversion, ruling lines found and erased), tesseract and the
// page layout. Slow per input (tesseract reads every image), so runs see fewer
// inputs than the other targets; the engine is loaded once per process.
#include <cstdint>
#include <string>

#include "read/format_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
#if GONGKAI_HAVE_TESSERACT
  gk::ReadLimits lim;
  lim.max_seconds = 5;
  try {
    gk::read_image(std::string_view((const char*)data, size), "fuzz.png", lim);
  } catch (const gk::ReadError&) {
  }
#endif
  return 0;
}
