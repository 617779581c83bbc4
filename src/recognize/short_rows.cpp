// See short_rows.h.
#include "recognize/short_rows.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>

#include "model/relations.h"
#include "model/rules.h"
#include "util/utf8.h"

namespace gk {
namespace {

// At most this many combinations of the short rows' placements are tried one
// by one; beyond it only placements that lose the same columns in every short
// row (a column left blank throughout the table) are.
constexpr double kMaxCombinations = 200000;

struct Placement {
  std::vector<double> values;  // kT2Cols
  std::vector<bool> printed;   // the cell holds a printed number (else it vanished, or printed blank)
};

struct ShortRow {
  int row = 0;
  int line = 0;
  std::vector<std::vector<int>> masks;  // per candidate: the vanished columns
  std::vector<Placement> cands;          // distinct values only
  std::vector<int> cand_of_mask;         // masks[i] -> cands index
};

// The ways of choosing `m` of `n` columns, in lexicographic order.
void choose(int n, int m, int from, std::vector<int>& cur, std::vector<std::vector<int>>& out) {
  if ((int)cur.size() == m) {
    out.push_back(cur);
    return;
  }
  for (int c = from; c < n; ++c) {
    cur.push_back(c);
    choose(n, m, c + 1, cur, out);
    cur.pop_back();
  }
}

void set_row(RelationProbe& probe, int row, const Placement& p) { probe.set_t2_row(row, p.values); }

}  // namespace

void place_short_rows(Report& r, const std::map<int, std::vector<Atom>>& row_atoms, bool single_six,
                      const std::vector<int>& absent_columns) {
  // Built on the first short row only: most tables have none, and a probe
  // builds a scratch record and its relations.
  std::optional<RelationProbe> probe_;
  auto get_probe = [&]() -> RelationProbe& {
    if (!probe_) probe_.emplace(single_six);
    return *probe_;
  };
  std::vector<ShortRow> shorts;
  const int shown = kT2Cols - (int)absent_columns.size();
  for (const auto& [row, read] : row_atoms) {
    if (read.empty()) continue;
    bool plain = true;
    for (const Atom& a : read) plain = plain && (a.kind == Atom::Num || a.kind == Atom::Blank);
    if (!plain) continue;
    std::vector<Atom> atoms = read;
    // Blank cells before the values beyond the printed columns are the empty
    // label cells of a grid row (converter markdown: "| 一、… |  |  | 0 | …").
    if (!absent_columns.empty())
      while ((int)atoms.size() > shown && atoms.front().kind == Atom::Blank) atoms.erase(atoms.begin());
    if (!absent_columns.empty() && (int)atoms.size() == shown) {
      // The header says which columns are not printed: the values are the others'.
      for (int c = 0, a = 0; c < kT2Cols; ++c) {
        Cell& cell = r.applications[row][c];
        cell.line = atoms[0].line;
        cell.raw.clear();
        if (std::find(absent_columns.begin(), absent_columns.end(), c) != absent_columns.end()) {
          cell.value.reset();
          cell.status = CellStatus::Missing;
          continue;
        }
        const Atom& at = atoms[a++];
        cell.value = at.kind == Atom::Num ? at.value : 0.0;
        cell.status = at.kind == Atom::Num ? CellStatus::Printed : CellStatus::Blank;
        cell.confidence = at.confidence;
        if (at.kind == Atom::Num && (!at.integral || at.text.find('.') != std::u32string::npos))
          cell.raw = utf8::from_u32(at.text);
      }
      continue;
    }
    if ((int)atoms.size() >= kT2Cols || (int)atoms.size() < kT2Cols - 2) continue;
    RelationProbe& probe = get_probe();
    ShortRow s;
    s.row = row;
    s.line = atoms[0].line;
    int m = kT2Cols - (int)atoms.size();
    std::vector<std::vector<int>> masks;
    std::vector<int> cur;
    choose(kT2Cols, m, 0, cur, masks);
    for (const auto& mask : masks) {
      Placement p{std::vector<double>(kT2Cols, 0.0), std::vector<bool>(kT2Cols, false)};
      for (int c = 0, a = 0; c < kT2Cols; ++c) {
        if (std::find(mask.begin(), mask.end(), c) != mask.end()) continue;
        const Atom& at = atoms[a++];
        p.values[c] = at.kind == Atom::Num ? at.value : 0.0;
        p.printed[c] = at.kind == Atom::Num;
      }
      probe.clear();
      set_row(probe, row, p);
      if (!probe.t2_row_holds(row)) continue;
      int idx = -1;
      for (size_t k = 0; k < s.cands.size(); ++k)
        if (s.cands[k].values == p.values) idx = (int)k;
      if (idx < 0) {
        idx = (int)s.cands.size();
        s.cands.push_back(p);
      }
      s.masks.push_back(mask);
      s.cand_of_mask.push_back(idx);
    }
    // No placement with the lost cells blank satisfies the row: a value was
    // lost, not a blank; the row stays as read (right-aligned, its first
    // cells unknown) and takes part below as it is.
    if (s.cands.empty()) continue;
    shorts.push_back(std::move(s));
  }
  if (shorts.empty()) return;
  RelationProbe& probe = get_probe();
  std::set<int> short_rows;
  for (const auto& s : shorts) short_rows.insert(s.row);

  // The other rows as they stand.
  auto fixed_rows = [&] {
    probe.clear();
    for (int row = 0; row < kT2Rows; ++row) {
      if (short_rows.count(row)) continue;
      for (int c = 0; c < kT2Cols; ++c) {
        const Cell& cell = r.applications[row][c];
        if (cell.status == CellStatus::Absent || !cell.value) continue;
        probe.set_t2_cell(row, c, *cell.value);
      }
    }
  };

  std::vector<std::vector<std::set<double>>> seen(shorts.size(), std::vector<std::set<double>>(kT2Cols));
  std::vector<std::vector<bool>> always_printed(shorts.size(), std::vector<bool>(kT2Cols, true));
  size_t consistent = 0;
  auto record = [&](const std::vector<int>& pick) {
    ++consistent;
    for (size_t k = 0; k < shorts.size(); ++k) {
      const Placement& p = shorts[k].cands[pick[k]];
      for (int c = 0; c < kT2Cols; ++c) {
        seen[k][c].insert(p.values[c]);
        if (!p.printed[c]) always_printed[k][c] = false;
      }
    }
  };
  double product = 1;
  for (const auto& s : shorts) product *= (double)s.cands.size();
  fixed_rows();
  if (product <= kMaxCombinations) {
    std::vector<int> idx(shorts.size(), 0);
    for (;;) {
      for (size_t k = 0; k < shorts.size(); ++k) set_row(probe, shorts[k].row, shorts[k].cands[idx[k]]);
      if (probe.t2_columns_hold()) record(idx);
      size_t k = 0;
      while (k < idx.size() && ++idx[k] == (int)shorts[k].cands.size()) idx[k++] = 0;
      if (k == idx.size()) break;
    }
  } else {
    // A column (or two) left blank throughout: the same columns vanished in
    // every short row that lost as many.
    for (int m = 1; m <= 2; ++m) {
      std::vector<std::vector<int>> masks;
      std::vector<int> cur;
      choose(kT2Cols, m, 0, cur, masks);
      for (const auto& mask : masks) {
        std::vector<int> pick(shorts.size(), -1);
        bool ok = true;
        for (size_t k = 0; k < shorts.size() && ok; ++k) {
          const ShortRow& s = shorts[k];
          bool same_m = !s.masks.empty() && (int)s.masks[0].size() == m;
          for (size_t i = 0; i < s.masks.size() && same_m; ++i)
            if (s.masks[i] == mask) pick[k] = s.cand_of_mask[i];
          // Rows that lost another number of cells keep their one placement
          // if they have one, else this hypothesis cannot be told apart.
          if (!same_m) {
            if (s.cands.size() == 1) pick[k] = 0;
            else ok = false;
          }
          ok = ok && pick[k] >= 0;
        }
        if (!ok) continue;
        for (size_t k = 0; k < shorts.size(); ++k) set_row(probe, shorts[k].row, shorts[k].cands[pick[k]]);
        if (probe.t2_columns_hold()) record(pick);
      }
    }
  }
  if (consistent == 0) return;  // as read: the relations that fail say where

  // A value every combination agrees on, printed in each: that cell. A cell
  // that vanished (in every combination, or in some) is left unknown: repair
  // rebuilds it from its row total (R-RECOVERED) when the rest are known.
  std::vector<std::string> unknown, labels;
  int first = 0;
  for (size_t k = 0; k < shorts.size(); ++k) {
    const ShortRow& s = shorts[k];
    bool ambiguous = false;
    for (int c = 0; c < kT2Cols; ++c) {
      Cell& cell = r.applications[s.row][c];
      cell.line = s.line;
      cell.raw.clear();  // the printed text may have been another cell's
      if (seen[k][c].size() == 1 && always_printed[k][c]) {
        cell.value = *seen[k][c].begin();
        cell.status = CellStatus::Printed;
        continue;
      }
      cell.value.reset();
      cell.status = CellStatus::Missing;
      if (seen[k][c].size() > 1) {
        unknown.push_back(t2_path(s.row, c));
        ambiguous = true;
      }
    }
    if (!ambiguous) continue;
    if (!first) first = s.line;
    labels.push_back(std::string("“") + kT2RowLabels[s.row] + "”");
  }
  if (labels.empty()) return;
  std::string which;
  for (size_t i = 0; i < labels.size() && i < 3; ++i) which += (i ? "、" : "") + labels[i];
  if (labels.size() > 3) which += "等 " + std::to_string(labels.size()) + " 行";
  emit(r.diagnostics, Rule::R_ROW_SHORT, first,
       "表二" + which + "读到的数少于 " + std::to_string(kT2Cols) +
           " 个（空着的单元格在排版中消失了），空着的是哪一列按表内勾稽关系无法唯一确定，这些行中无法确定的 " +
           std::to_string(unknown.size()) + " 个单元格置为空")
      .cells(unknown);
}

}  // namespace gk
