#pragma once
#include <array>

#include "recognize/stream.h"
#include "model/report.h"

namespace gk {

struct SectionHit {
  bool found = false;
  size_t cb = 0, ce = 0;  // compact range of the heading
  int token = -1;         // token holding the heading
  bool own_line = false;  // the heading is a line of its own
};

// Find the six section headings (in order; any may be missing) and fill
// r.sections (heading, line, numeral, text).
std::array<SectionHit, 6> find_sections(const Stream& st, const Document& doc, Report& r);

}  // namespace gk
