// OCR (tesseract chi_sim+eng, leptonica) for images and for PDF pages without
// a text layer. A scanned page goes through the same layout as a PDF page:
// ruling lines are found in the bitmap (and erased before OCR, so borders are
// not read as 一 or |), words come from tesseract with boxes and confidence,
// pdf_layout.cpp rebuilds paragraphs and table grids. DocCell::confidence and
// DocParagraph::confidence = the lowest word confidence (0..1) in them.
// line = page * 1000 + line on page, as for PDF (an image is page 1).
#include "read/format_readers.h"

#if GONGKAI_HAVE_TESSERACT

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "read/pdf_layout.h"
#include "util/utf8.h"

namespace gk {

namespace {

struct PixDeleter {
  void operator()(PIX* p) const {
    if (p) pixDestroy(&p);
  }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

const char* kLang = "chi_sim+eng";

// Loading chi_sim takes about a second: each thread keeps one engine and
// reuses it for every page it reads (Clear() between pages).
tesseract::TessBaseAPI& thread_engine() {
  thread_local std::unique_ptr<tesseract::TessBaseAPI> api;
  thread_local bool tried = false;
  if (!api && !tried) {  // one attempt per thread: a missing language pack stays missing
    tried = true;
    auto a = std::make_unique<tesseract::TessBaseAPI>();
    if (a->Init(nullptr, kLang) == 0) {
      a->SetVariable("debug_file", "/dev/null");
      api = std::move(a);
    }
  }
  if (!api) throw ReadError("文字识别（OCR）不可用：未安装中文识别数据（tesseract-ocr-chi-sim）");
  return *api;
}

// Leaves the engine clean for the next page whatever happens while reading this one.
struct EngineUse {
  tesseract::TessBaseAPI& api;
  ~EngineUse() { api.Clear(); }
};

}  // namespace

bool ocr_available() {
  try {
    thread_engine();  // loads it for this thread, which is then ready to read
    return true;
  } catch (const ReadError&) {
    return false;
  }
}

void ocr_bitmap(const uint8_t* grey, int width, int height, int stride, double dpi, double seconds,
                pdf::Page* page) {
  double scale = 72.0 / dpi;
  page->width = width * scale;
  page->height = height * scale;
  pdf::find_rulings(grey, width, height, stride, scale, page);

  PixPtr pix(pixCreate(width, height, 8));
  if (!pix) throw ReadError("内存不足，无法进行文字识别");
  pixSetResolution(pix.get(), (int)dpi, (int)dpi);
  l_uint32* data = pixGetData(pix.get());
  int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < height; ++y) {
    l_uint32* line = data + (size_t)y * wpl;
    const uint8_t* src = grey + (size_t)y * stride;
    for (int x = 0; x < width; ++x) SET_DATA_BYTE(line, x, src[x]);
  }
  // Erase long rules (table borders) so they are not read as characters.
  auto whiten = [&](int x0, int y0, int x1, int y1) {
    x0 = std::max(0, x0), y0 = std::max(0, y0), x1 = std::min(width - 1, x1), y1 = std::min(height - 1, y1);
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) SET_DATA_BYTE(data + (size_t)y * wpl, x, 255);
  };
  for (auto& h : page->hrules)
    if (h.x1 - h.x0 >= 30)
      whiten((int)(h.x0 / scale) - 1, (int)(h.y0 / scale) - 3, (int)(h.x1 / scale) + 1, (int)(h.y0 / scale) + 3);
  for (auto& v : page->vrules)
    if (v.y1 - v.y0 >= 14)
      whiten((int)(v.x0 / scale) - 3, (int)(v.y0 / scale) - 1, (int)(v.x0 / scale) + 3, (int)(v.y1 / scale) + 1);

  tesseract::TessBaseAPI& api = thread_engine();
  EngineUse use{api};
  api.SetPageSegMode(tesseract::PSM_AUTO);
  api.SetImage(pix.get());
  api.SetSourceResolution((int)dpi);
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs((int32_t)std::max(1.0, seconds * 1000));
  auto fail = [&] {
    if (monitor.deadline_exceeded())
      throw ReadError("文字识别（OCR）超时（本文件的读取时间上限已用完，扫描件识别较慢）");
    throw ReadError("文字识别（OCR）失败");
  };
  if (api.Recognize(&monitor) != 0 || monitor.deadline_exceeded()) fail();
  auto collect = [&] {
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (!it) return;
    do {
    std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!text || !text[0]) continue;
    int x0, y0, x1, y1;
    if (!it->BoundingBox(tesseract::RIL_WORD, &x0, &y0, &x1, &y1)) continue;
    pdf::Word w;
    w.text = utf8::sanitize(text.get());
    w.x0 = x0 * scale;
    w.y0 = y0 * scale;
    w.x1 = x1 * scale;
    w.y1 = y1 * scale;
    w.font_size = (y1 - y0) * scale;
    w.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0f, 0.0f, 1.0f);
    page->words.push_back(std::move(w));
    } while (it->Next(tesseract::RIL_WORD));
  };
  collect();
  // Page segmentation often skips a short number alone in a wide cell:
  // read every table cell left empty once more on its own.
  api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
  for (const pdf::Box& b : pdf::cell_boxes(*page)) {
    if (b.has_text) continue;
    int x0 = (int)(b.x0 / scale) + 4, y0 = (int)(b.y0 / scale) + 4;
    int x1 = (int)(b.x1 / scale) - 4, y1 = (int)(b.y1 / scale) - 4;
    if (x1 - x0 < 8 || y1 - y0 < 8) continue;
    api.SetRectangle(x0, y0, x1 - x0, y1 - y0);
    if (api.Recognize(&monitor) != 0 || monitor.deadline_exceeded()) fail();
    collect();
  }
}

Document read_image(std::string_view bytes, const std::string& path, const ReadLimits& limits) {
  if (!limits.ocr) throw ReadError("这是图片（扫描件），需要文字识别（OCR），但文字识别已关闭，未读取");
  l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
  auto data = reinterpret_cast<const l_uint8*>(bytes.data());
  setMsgSeverity(L_SEVERITY_NONE);
  if (pixReadHeaderMem(data, bytes.size(), &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0)
    throw ReadError("图片文件已损坏或格式不受支持");
  if ((double)w * h > 60e6) throw ReadError("图片尺寸过大（" + std::to_string(w) + "×" + std::to_string(h) + "）");
  PixPtr pix(pixReadMem(data, bytes.size()));
  if (!pix) throw ReadError("图片文件已损坏或格式不受支持");
  PixPtr grey(pixConvertTo8(pix.get(), 0));
  if (!grey) throw ReadError("图片无法转换为灰度");
  int dpi = pixGetXRes(pix.get());
  if (dpi < 70 || dpi > 1200) dpi = 300;  // unknown: a scan is usually 300 dpi
  int gw = pixGetWidth(grey.get()), gh = pixGetHeight(grey.get());
  std::vector<uint8_t> buf((size_t)gw * gh);
  l_uint32* gd = pixGetData(grey.get());
  int wpl = pixGetWpl(grey.get());
  for (int y = 0; y < gh; ++y)
    for (int x = 0; x < gw; ++x) buf[(size_t)y * gw + x] = GET_DATA_BYTE(gd + (size_t)y * wpl, x);
  Document doc;
  doc.path = path;
  doc.format = "image";
  doc.paged = true;
  doc.encoding = "OCR";
  std::vector<pdf::Page> pages(1);
  ocr_bitmap(buf.data(), gw, gh, gw, dpi, limits.max_seconds, &pages[0]);
  if (pages[0].words.empty()) throw ReadError("图片中没有识别出任何文字");
  pdf::layout_pages(pages, &doc);
  doc.warn(Rule::R_OCR, "内容由文字识别（OCR）得到，数字可能有误，请核对");
  return doc;
}

}  // namespace gk

#endif  // GONGKAI_HAVE_TESSERACT
