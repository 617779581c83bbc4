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
// Headings printed out of order are taken where they stand (C-SEC-ORDER).
std::array<SectionHit, 6> find_sections(const Stream& st, const Document& doc, Report& r);

// A paragraph that is a piece of a table printed as text ("第二十条第（八）项",
// "企业", "三、本年度办理结果", a row of numbers), not narrative.
bool is_table_fragment(std::u32string_view paragraph);

// Drop from the section texts what follows the report: the signature (agency
// and date, r.identity.signature_line onwards) and the page's footer.
void trim_section_tails(Report& r);
// The same for one section: paragraphs from line `signature_line` on (when > 0)
// and the page's footer at its end.
void trim_section_tail(Section& s, int signature_line);

}  // namespace gk
