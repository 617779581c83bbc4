// Source positions. Readers number lines from 1; readers of paged formats
// (PDF, scans) number them per page and store `page * 1000 + line on page`
// in the same int, so that every position of the record stays one number
// (cells, diagnostics, the database). Decode it here, and only here.
#pragma once

#include <string>

namespace gk {

inline constexpr int kLinesPerPage = 1000;

struct SourcePos {
  int page = 0;  // 1-based; 0 when the source has no pages
  int line = 0;  // 1-based line (on the page when paged); 0 when unknown
  bool known() const { return line > 0; }
};

inline SourcePos source_pos(int encoded, bool paged) {
  if (encoded <= 0) return {};
  if (!paged) return {0, encoded};
  return {encoded / kLinesPerPage, encoded % kLinesPerPage};
}
inline int encode_pos(int page, int line) { return page * kLinesPerPage + line; }

// For people: "第3页第18行" / "第18行"; empty when unknown.
std::string pos_zh(SourcePos p);
// For machines (file:POS:): "3:18" / "18"; empty when unknown.
std::string pos_machine(SourcePos p);

}  // namespace gk
