// Ruling-line detection and cell boxes on arbitrary bitmaps (the part of the
// OCR path that is ours, without tesseract): the first 4 bytes give the width
// and height, the rest are grey pixels.
#include <cstdint>
#include <vector>

#include "read/layout.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  int w = 1 + (data[0] | (data[1] << 8)) % 1024;
  int h = 1 + (data[2] | (data[3] << 8)) % 1024;
  std::vector<uint8_t> px(static_cast<size_t>(w) * h, 255);
  for (size_t i = 4; i < size && i - 4 < px.size(); ++i) px[i - 4] = data[i];
  gk::layout::Page page;
  page.width = w * 0.5;
  page.height = h * 0.5;
  gk::layout::find_rulings(px.data(), w, h, w, 0.5, &page);
  (void)gk::layout::cell_boxes(page);
  return 0;
}
