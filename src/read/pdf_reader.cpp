// PDF reader (poppler-cpp): words with boxes from the text layer, table
// rulings from a low-resolution rendering of each page whose text may lie in
// a table (layout::may_hold_table); the page layout (read/layout.h) does the
// rest. Positions: line = page * 1000 + line on page (see read/layout.h).
#include "read/format_readers.h"

#if GONGKAI_HAVE_POPPLER

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>

#if GONGKAI_HAVE_POPPLER_SPLASH
// poppler's own classes (Debian libpoppler-private-dev): the ruling pass
// renders pages without their text, which poppler-cpp cannot ask for.
#include <PDFDoc.h>
#include <SplashOutputDev.h>
#include <Stream.h>
#include <splash/SplashBitmap.h>
#endif

#include "model/position.h"
#include "read/layout.h"
#include "util/utf8.h"

namespace gk {

namespace {

void quiet(const std::string&, void*) {}

std::string to_utf8(const poppler::ustring& u) {
  auto v = u.to_utf8();
  return utf8::sanitize(std::string_view(v.data(), v.size()));
}

// A page's size and the words of its text layer.
void text_layer(const poppler::page& pg, layout::Page* page) {
  poppler::rectf box = pg.page_rect(poppler::crop_box);
  page->width = box.width();
  page->height = box.height();
  for (auto& tb : pg.text_list(poppler::page::text_list_include_font)) {
    poppler::rectf r = tb.bbox();
    layout::Word w;
    w.text = to_utf8(tb.text());
    if (w.text.empty()) continue;
    w.x0 = r.left();
    w.y0 = r.top();
    w.x1 = r.right();
    w.y1 = r.bottom();
    w.font_size = tb.get_font_size();
    w.space_after = tb.has_space_after();
    w.vertical = tb.rotation() % 2 == 1 || tb.get_wmode() == poppler::text_box::vertical_wmode;
    page->words.push_back(std::move(w));
  }
}

std::unique_ptr<poppler::document> load(std::string_view bytes) {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(quiet, nullptr); });
  if (bytes.size() > (size_t)INT32_MAX) return nullptr;
  return std::unique_ptr<poppler::document>(
      poppler::document::load_from_raw_data(bytes.data(), (int)bytes.size()));
}

#if GONGKAI_HAVE_POPPLER_SPLASH
// The table rules of a page, drawn without the page's text: glyphs are most
// of what rendering costs (the fonts loaded into FreeType for every page,
// CJK ones large), and rules are what find_rulings looks for. One output
// device for the whole document. The bytes must outlive it.
class RulingRenderer {
 public:
  explicit RulingRenderer(std::string_view bytes) {
    SplashColor white;
    white[0] = 0xff;
    doc_ = std::make_unique<PDFDoc>(new MemStream(bytes.data(), 0, (Goffset)bytes.size(), Object(objNull)));
    if (!doc_->isOk()) return;
    out_ = std::make_unique<SplashOutputDev>(splashModeMono8, 4, false, white, true);
    out_->setSkipText(true, true);
    out_->setFontAntialias(false);
    out_->setFreeTypeHinting(false, false);
    out_->setVectorAntialias(false);  // thin rules stay one dark pixel
    out_->startDoc(doc_.get());
  }
  bool ok() const { return out_ != nullptr; }
  // Page `index` (from 0) at `dpi`; false when poppler could not draw it.
  bool render(int index, double dpi, layout::Page* page) {
    if (!out_ || index + 1 > doc_->getNumPages()) return false;
    doc_->displayPage(out_.get(), index + 1, dpi, dpi, 0, false, true, false);
    SplashBitmap* bmp = out_->getBitmap();
    if (!bmp || bmp->getWidth() <= 0 || bmp->getHeight() <= 0 || bmp->getMode() != splashModeMono8) return false;
    layout::find_rulings(reinterpret_cast<const uint8_t*>(bmp->getDataPtr()), bmp->getWidth(), bmp->getHeight(),
                         bmp->getRowSize(), 72.0 / dpi, page);
    return true;
  }

 private:
  std::unique_ptr<PDFDoc> doc_;
  std::unique_ptr<SplashOutputDev> out_;
};
#endif

}  // namespace

std::vector<layout::Page> pdf_text_layer_pages(std::string_view bytes) {
  std::vector<layout::Page> pages;
  std::unique_ptr<poppler::document> pdf = load(bytes);
  if (!pdf || pdf->is_locked()) return pages;
  for (int i = 0; i < pdf->pages(); ++i) {
    pages.emplace_back();
    std::unique_ptr<poppler::page> pg(pdf->create_page(i));
    if (pg) text_layer(*pg, &pages.back());
  }
  return pages;
}

Document read_pdf(std::string_view bytes, const std::string& path, const ReadLimits& limits) {
  auto start = std::chrono::steady_clock::now();
  if (bytes.size() > (size_t)INT32_MAX) throw ReadError("PDF 文件过大");

  std::unique_ptr<poppler::document> pdf = load(bytes);
  if (!pdf) {
    // poppler refuses encrypted files it cannot open as well as broken ones;
    // tell them apart by the trailer.
    if (bytes.find("/Encrypt") != std::string_view::npos)
      throw ReadError("PDF 文件已加密（需要密码），无法读取");
    throw ReadError("PDF 文件已损坏，无法解析");
  }
  if (pdf->is_locked()) throw ReadError("PDF 文件已加密（需要密码），无法读取");
  int n = pdf->pages();
  if (n <= 0) throw ReadError("PDF 文件没有任何页面（文件可能已损坏）");
  const int max_pages = 2000;
  if (n > max_pages) throw ReadError("PDF 页数过多（" + std::to_string(n) + " 页）");

  Document doc;
  doc.path = path;
  doc.format = "pdf";
  doc.paged = true;
  doc.encoding = "PDF";

  poppler::page_renderer renderer;
  renderer.set_render_hints(0);  // no antialiasing: thin rules stay one dark pixel
  renderer.set_image_format(poppler::image::format_gray8);

#if GONGKAI_HAVE_POPPLER_SPLASH
  std::unique_ptr<RulingRenderer> rulings;  // made for the first page that may hold a table
#endif
  std::vector<layout::Page> pages;
  size_t words = 0;
  int ocr_pages = 0;
  for (int i = 0; i < n; ++i) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > limits.max_seconds)
      throw ReadError("读取 PDF 超时（超过 " + std::to_string((int)limits.max_seconds) + " 秒）");
    std::unique_ptr<poppler::page> pg(pdf->create_page(i));
    layout::Page page;
    if (!pg) {
      pages.push_back(std::move(page));
      doc.warn(Rule::R_PAGE_SKIPPED, "第 " + std::to_string(i + 1) + " 页无法解析，已跳过", encode_pos(i + 1, 1));
      continue;
    }
    text_layer(*pg, &page);
#if GONGKAI_HAVE_TESSERACT
    // A page without a text layer (a scan): render at 300 dpi and OCR it.
    if (limits.ocr && page.words.empty() && page.width > 0 && page.height > 0) {
      double dpi = 300.0;
      double px = page.width * page.height * (dpi / 72) * (dpi / 72);
      if (px > 40e6) dpi *= std::sqrt(40e6 / px);
      poppler::image img = renderer.render_page(pg.get(), dpi, dpi);
      if (img.is_valid() && img.format() == poppler::image::format_gray8) {
        double left = limits.max_seconds -
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        layout::Page scanned;
        ocr_bitmap(reinterpret_cast<const uint8_t*>(img.const_data()), img.width(), img.height(),
                   img.bytes_per_row(), dpi, std::max(1.0, left), &scanned);
        scanned.width = page.width;
        scanned.height = page.height;
        page = std::move(scanned);
        ocr_pages++;
        words += page.words.size();
        pages.push_back(std::move(page));
        continue;
      }
    }
#endif
    words += page.words.size();
    // Render at 72 dpi (less for huge pages) to find the table rules: one
    // pixel a point is enough for hairlines and keeps double rules apart
    // (every test PDF gives the same tables down to 50 dpi), and rendering,
    // glyphs and all, is most of the time a page takes. Only pages whose
    // text could lie in a ruled table: prose needs no rules.
    if (page.width > 0 && page.height > 0 && layout::may_hold_table(page)) {
      double dpi = 72.0;
      double px = page.width * page.height * (dpi / 72) * (dpi / 72);
      if (px > 16e6) dpi *= std::sqrt(16e6 / px);
      if (dpi >= 20) {
        bool drawn = false;
#if GONGKAI_HAVE_POPPLER_SPLASH
        if (!rulings) rulings = std::make_unique<RulingRenderer>(bytes);
        drawn = rulings->ok() && rulings->render(i, dpi, &page);
#endif
        if (!drawn) {
          poppler::image img = renderer.render_page(pg.get(), dpi, dpi);
          if (img.is_valid() && img.format() == poppler::image::format_gray8)
            layout::find_rulings(reinterpret_cast<const uint8_t*>(img.const_data()), img.width(),
                                 img.height(), img.bytes_per_row(), 72.0 / dpi, &page);
        }
      }
    }
    pages.push_back(std::move(page));
  }
  if (words == 0 && ocr_pages > 0) throw ReadError("PDF 没有文字层，文字识别（OCR）也未识别出任何文字");
  if (words == 0 && !limits.ocr)
    throw ReadError("PDF 没有文字层（可能是扫描件），文字识别（OCR）已关闭，未读取");
  if (words == 0)
    throw ReadError("PDF 没有文字层（可能是扫描件），需要文字识别（OCR）才能读取");
  layout::layout_pages(pages, &doc);
  if (ocr_pages > 0)
    doc.warn(Rule::R_OCR, std::to_string(ocr_pages) + " 页没有文字层，内容由文字识别（OCR）得到，数字可能有误，请核对");
  return doc;
}

}  // namespace gk

#endif  // GONGKAI_HAVE_POPPLER
