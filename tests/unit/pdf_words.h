// Synthetic text-layer words for the PDF layout tests (no PDF, no poppler).
#pragma once

#include <string>

#include "read/layout.h"

namespace gk::test {

// A word of font size 10 whose box is centred on y; CJK: 10 points per glyph,
// ASCII 5.5.
inline gk::layout::Word word(const std::string& text, double x, double y) {
  size_t glyphs = 0;
  bool ascii = true;
  for (unsigned char c : text) {
    glyphs += (c & 0xC0) != 0x80;
    ascii = ascii && c < 0x80;
  }
  gk::layout::Word w;
  w.text = text;
  w.x0 = x;
  w.x1 = x + glyphs * (ascii ? 5.5 : 10);
  w.y0 = y - 5;
  w.y1 = y + 5;
  w.font_size = 10;
  return w;
}

}  // namespace gk::test
