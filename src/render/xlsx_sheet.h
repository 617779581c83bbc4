// Reading the cells of an XLSX workbook held in memory: shared strings,
// inline strings, numbers and formulas, sheet by name. Used by the fill-in form
// reader (form_reader.cpp) and the case-register import (src/register).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gk::render {

struct SheetCell {
  std::string text;  // shared / inline string, or the number as stored ("45293")
  bool number = false, formula = false;
};
// (0-based row, 0-based column) -> cell.
using Sheet = std::map<std::pair<int, int>, SheetCell>;

class XlsxBook {
 public:
  // Throws std::runtime_error (Chinese) when the bytes are not an XLSX workbook
  // or XLSX support (libzip + pugixml) was not compiled in.
  explicit XlsxBook(std::string_view bytes);
  ~XlsxBook();
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;

  // Sheet names in workbook order.
  const std::vector<std::string>& sheet_names() const;
  bool has(const std::string& name) const;
  // The cells of a sheet; empty when there is no such sheet.
  Sheet sheet(const std::string& name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gk::render
