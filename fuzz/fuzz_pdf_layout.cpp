// PDF layout: synthetic pages (words, rules, and a small grey bitmap) decoded
// from the input bytes, so the geometry code sees hostile coordinates.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "read/layout.h"

namespace {
struct Input {
  const uint8_t* p;
  size_t n;
  uint8_t byte() {
    if (!n) return 0;
    --n;
    return *p++;
  }
  double coord() { return (byte() | (byte() << 8)) / 64.0 - 50.0; }  // -50 .. 974 pt
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in{data, size};
  std::vector<gk::layout::Page> pages(1 + in.byte() % 3);
  for (auto& page : pages) {
    page.width = 595;
    page.height = 842;
    int words = in.byte() % 64, hr = in.byte() % 32, vr = in.byte() % 32;
    static const char* texts[] = {"三", "、本", "1", "0", "95", "- 3 -", "本年新收", "（一）予以公开", "", " ", "7.5"};
    for (int i = 0; i < words; ++i) {
      gk::layout::Word w;
      w.text = texts[in.byte() % 11];
      w.x0 = in.coord();
      w.y0 = in.coord();
      w.x1 = w.x0 + in.byte() / 4.0;
      w.y1 = w.y0 + in.byte() / 8.0;
      w.font_size = in.byte() / 8.0;
      uint8_t f = in.byte();
      w.space_after = f & 1;
      w.vertical = f & 2;
      page.words.push_back(w);
    }
    for (int i = 0; i < hr; ++i) {
      double y = in.coord(), x0 = in.coord(), x1 = in.coord();
      page.hrules.push_back({std::min(x0, x1), y, std::max(x0, x1), y});
    }
    for (int i = 0; i < vr; ++i) {
      double x = in.coord(), y0 = in.coord(), y1 = in.coord();
      page.vrules.push_back({x, std::min(y0, y1), x, std::max(y0, y1)});
    }
    // a tiny bitmap from the remaining bytes
    int w = 1 + in.byte() % 40, h = 1 + in.byte() % 40;
    std::vector<uint8_t> grey((size_t)w * h);
    for (auto& g : grey) g = in.byte();
    gk::layout::find_rulings(grey.data(), w, h, w, 15.0, &page);
  }
  gk::Document doc;
  gk::layout::layout_pages(pages, &doc);
  return 0;
}
