// Format detection and dispatch on any bytes (all compiled-in readers).
#include <cstdint>
#include <string>

#include "read/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gk::ReadLimits lim;
  lim.max_entry_bytes = 4 << 20;
  lim.max_unpacked_bytes = 8 << 20;
  lim.max_seconds = 5;
  lim.ocr = false;  // fuzz our readers, not tesseract (a page without text would take seconds)
  lim.office = false;  // nor LibreOffice (a subprocess per DOC/RTF input)
  try {
    gk::read_bytes(std::string_view((const char*)data, size), "fuzz", lim);
  } catch (const gk::ReadError&) {
  }
  return 0;
}
