// Readers: bytes -> Document. One reader per format; the format is detected
// from the bytes, never from the file name.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "read/document.h"

namespace gk {

// A file that cannot be read. what() is a Chinese message naming the cause
// (the caller prefixes the file name). Exit code 2 territory.
struct ReadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Limits that keep one hostile file from taking the machine.
struct ReadLimits {
  size_t max_file_bytes = 200u << 20;        // 200 MiB
  size_t max_unpacked_bytes = 256u << 20;    // total inflated size of an archive
  size_t max_entry_bytes = 64u << 20;        // one archive entry
  double max_seconds = 60.0;                 // wall-clock bound per file
  // Read pages without a text layer and images with tesseract. Off: such input
  // is refused with a ReadError saying OCR is switched off (fast batch runs,
  // and the PDF fuzzers, which fuzz the PDF reader rather than tesseract).
  bool ocr = true;
  // Convert DOC and RTF with LibreOffice (a subprocess of a few seconds). Off:
  // refused with a ReadError (the dispatch fuzzer, which fuzzes our code).
  bool office = true;
};

// "text", "html", "docx", "doc", "pdf", "image", "zip", "binary", "empty".
std::string detect_format(std::string_view bytes);

// Decode text bytes (UTF-8 with/without BOM, UTF-16LE/BE, GB18030/GBK) to UTF-8.
// Sets *encoding to the detected name. Throws ReadError on binary data.
std::string decode_text(std::string_view bytes, std::string* encoding);

// Plain-text reader: lines with TAB or '|' cells become table rows.
Document read_text(std::string_view bytes, const std::string& path);

// Dispatch on the detected format. Throws ReadError.
Document read_bytes(std::string_view bytes, const std::string& path,
                    const ReadLimits& limits = {});
Document read_file(const std::string& path, const ReadLimits& limits = {});

// The first date in a line of page furniture ("2022-02-08 16:34", "2022年2月8日",
// "2022/02/08"), as YYYY-MM-DD; empty when there is none.
std::string page_date(std::string_view text);

// A line of the page around a report rather than of the report: a crawler's
// header ("标题: …", "发布时间: …", "发布机构:", "原文链接:", "==== 正文 ===="),
// an article's info bar ("来源：… 发布时间：…"), a breadcrumb ("首页 > 政务公开 > …").
// Fills `meta` with what the line says (first value wins) and returns true when
// the line is such furniture. `line_no` is its source line.
bool read_page_line(std::string_view line, int line_no, DocMeta& meta);

// Read a whole file into memory. Throws ReadError (Chinese message).
std::string slurp_file(const std::string& path, size_t max_bytes);

}  // namespace gk
