#include "model/verify.h"

#include <utility>
#include <vector>

#include "model/relations.h"

namespace gk {

std::string_view verification_name(Verification v) {
  switch (v) {
    case Verification::Verified: return "verified";
    case Verification::Consistent: return "consistent";
    case Verification::Contradicted: return "contradicted";
    case Verification::Recovered: return "recovered";
    case Verification::Missing: return "missing";
  }
  return "missing";
}

std::string_view verification_name_zh(Verification v) {
  switch (v) {
    case Verification::Verified: return "已核验";
    case Verification::Consistent: return "无矛盾";
    case Verification::Contradicted: return "有矛盾";
    case Verification::Recovered: return "已推算";
    case Verification::Missing: return "缺失";
  }
  return "缺失";
}

namespace {

// Values whose place or number came from the arithmetic itself: a relation
// that holds through them proves nothing about its other cells.
bool made_by_arithmetic(const Cell& c) {
  return c.status == CellStatus::Recovered || c.status == CellStatus::Split;
}

}  // namespace

VerificationCounts verify_cells(Report& r) { return verify_cells(r, found_table_equations(r)); }

VerificationCounts verify_cells(Report& r, const std::vector<Equation>& eqs) {
  struct Tally {
    int holds = 0, fails = 0;
  };
  // Tallies of Tables 2 and 3 by the cell's place in its table; the few
  // others (Table 1's stock) in a short list.
  Tally t2[kT2Rows * kT2Cols] = {}, t3[kT3Rows * kT3Cols] = {};
  std::vector<std::pair<const Cell*, Tally>> other;
  const Cell* t2_base = &r.applications[0][0];
  const Cell* t3_base = &r.appeals[0][0];
  auto find = [&](const Cell* c) -> Tally* {
    if (c >= t2_base && c < t2_base + kT2Rows * kT2Cols) return &t2[c - t2_base];
    if (c >= t3_base && c < t3_base + kT3Rows * kT3Cols) return &t3[c - t3_base];
    for (auto& [cell, t] : other)
      if (cell == c) return &t;
    return nullptr;
  };
  auto at = [&](const Cell* c) -> Tally& {
    if (Tally* t = find(c)) return *t;
    return other.emplace_back(c, Tally{}).second;
  };
  auto fail = [&](const Cell& c) { ++at(&c).fails; };
  for (const auto& e : eqs) {
    Evaluation ev = evaluate(e);
    if (ev.state == Evaluation::Fails) {
      for (const auto& t : e.terms) fail(*t.cell);
    } else if (ev.state == Evaluation::Holds) {
      bool proves = true;
      for (const auto& t : e.terms) proves = proves && !made_by_arithmetic(*t.cell);
      if (proves)
        for (const auto& t : e.terms) ++at(t.cell).holds;
    }
  }
  // Inequalities of the format: results cannot exceed what was available
  // (T2-OUT-LE-AVAIL), nothing in force can be fewer than was issued (T1-STOCK).
  for (const auto& q : table_inequalities(r))
    if (q.violated())
      for (const auto* side : {&q.small, &q.large})
        for (const auto& t : *side) fail(*t.cell);

  for (auto& ref : all_cells(r)) {
    Cell& c = *ref.cell;
    if (c.status == CellStatus::Absent) {
      c.verification = Verification::Missing;
      continue;
    }
    const Tally* found = find(&c);
    Tally t = found ? *found : Tally{};
    if (!c.value) c.verification = Verification::Missing;
    else if (t.fails) c.verification = Verification::Contradicted;
    else if (c.status == CellStatus::Recovered) c.verification = Verification::Recovered;
    else if (t.holds && !made_by_arithmetic(c)) c.verification = Verification::Verified;
    else c.verification = Verification::Consistent;
  }
  return count_verification(r);
}

VerificationCounts count_verification(const Report& r) {
  VerificationCounts n;
  for (const auto& ref : all_cells(r)) {
    if (ref.cell->status == CellStatus::Absent) continue;
    switch (ref.cell->verification) {
      case Verification::Verified: ++n.verified; break;
      case Verification::Consistent: ++n.consistent; break;
      case Verification::Contradicted: ++n.contradicted; break;
      case Verification::Recovered: ++n.recovered; break;
      case Verification::Missing: ++n.missing; break;
    }
  }
  return n;
}

}  // namespace gk
