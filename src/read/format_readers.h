// The individual format readers behind read_other_format (formats.cpp).
// Each is compiled in only when its library was found (cmake/readers.cmake
// defines GONGKAI_HAVE_<LIB>=1 on gongkai_core, publicly so tests can skip).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "read/document.h"
#include "read/reader.h"

#ifndef GONGKAI_HAVE_POPPLER
#define GONGKAI_HAVE_POPPLER 0
#endif
#ifndef GONGKAI_HAVE_GUMBO
#define GONGKAI_HAVE_GUMBO 0
#endif
#ifndef GONGKAI_HAVE_DOCX
#define GONGKAI_HAVE_DOCX 0
#endif
#ifndef GONGKAI_HAVE_TESSERACT
#define GONGKAI_HAVE_TESSERACT 0
#endif

namespace gk::layout {
struct Page;
}

namespace gk {

#if GONGKAI_HAVE_POPPLER
// PDF with a text layer. line = page * 1000 + line on page.
Document read_pdf(std::string_view bytes, const std::string& path, const ReadLimits& limits);
// The pages of a PDF as read_pdf reads their text layer (size and words, no
// rules, no OCR); empty when poppler cannot open the file. For tests of
// layout::may_hold_table on real files.
std::vector<layout::Page> pdf_text_layer_pages(std::string_view bytes);
#endif

// HTML (any charset). line = 1-based source line of the element's start tag.
// The gumbo-based reader; without gumbo, html_reader.cpp is not compiled in.
#if GONGKAI_HAVE_GUMBO
Document read_html(std::string_view bytes, const std::string& path, const ReadLimits& limits);
#endif

#if GONGKAI_HAVE_DOCX
// DOCX (libzip + pugixml). line = running paragraph counter (1-based) in
// document order; table cells count one per paragraph they contain.
Document read_docx(std::string_view bytes, const std::string& path, const ReadLimits& limits);
// The part of read_docx after unzipping: word/document.xml -> Document
// (exposed for the fuzzer).
Document read_docx_xml(std::string_view document_xml, const std::string& path, const ReadLimits& limits);

// DOC (Word 97-2003) or RTF (`format` "doc" / "rtf"): converted to DOCX by
// LibreOffice headless (soffice on PATH or $GONGKAI_SOFFICE), then read_docx.
Document read_doc(std::string_view bytes, const std::string& path, const std::string& format,
                  const ReadLimits& limits);
bool office_converter_available();
#endif

#if GONGKAI_HAVE_TESSERACT
// Images (PNG, JPEG, TIFF, GIF, BMP) by OCR. line = 1000 + line on the image.
Document read_image(std::string_view bytes, const std::string& path, const ReadLimits& limits);
// OCR one 8-bit grey page bitmap into `page` (words in points with
// confidence, ruling lines); used for PDF pages without a text layer.
void ocr_bitmap(const uint8_t* grey, int width, int height, int stride, double dpi, double seconds,
                layout::Page* page);
bool ocr_available();
#endif

}  // namespace gk
