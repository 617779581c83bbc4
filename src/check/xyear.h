// Cross-year rules (format-spec §6, §3.3, §8): the report of year Y against
// the same agency's report of year Y-1. Pure functions; the diagnostics are
// stored with the later year's report.
//   X-XYEAR-CARRY@<col>        carried_over(Y)[c] = carried_forward(Y-1)[c]
//   T1-STOCK-XYEAR@regulations / @normative_documents
//                              in_force(Y-1) + issued(Y) − repealed(Y) = in_force(Y)
//   C-BOILERPLATE@<section>    a section's text largely repeats last year's
#pragma once

#include <array>
#include <vector>

#include "model/report.h"
#include "check/reuse.h"

namespace gk {

struct SectionReuse {
  int section = 0;          // 1..6; 0 = all narrative text together
  double jaccard = 0;
  double containment = 0;
  size_t chars = 0;         // normalised length of this year's text
  size_t prev_chars = 0;
};

struct CrossYear {
  std::vector<Diagnostic> diagnostics;
  std::vector<SectionReuse> reuse;  // one per section present in both years, plus section 0
};

// The shingled narrative of a report: sections 1..6 at [0..5], all of it at [6].
// Computed once per report (the ingest workers do it for the reports they read).
struct TextPrint {
  std::array<Shingles, 7> s;
};
TextPrint text_print(const Report& r);

// prev.year must be cur.year - 1 (not checked: the caller links the reports).
// Prints, when given, must be text_print() of the same reports.
CrossYear cross_year(const Report& prev, const Report& cur, const TextPrint* prev_print = nullptr,
                     const TextPrint* cur_print = nullptr);

}  // namespace gk
