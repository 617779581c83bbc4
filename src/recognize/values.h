// Values: the printed figures between one row label and the next.
#pragma once

#include <string_view>

#include <array>
#include <functional>
#include <string>
#include <vector>

#include "recognize/stream.h"
#include "model/report.h"

namespace gk {

struct Atom {
  enum Kind { Num, Blank, WeakBlank, Placeholder, Unread } kind = Num;  // Unread: the row's remaining cells are off the page
  std::u32string text;  // digits (with sign/decimal point) or the placeholder
  double value = 0;
  bool integral = true;
  bool glued = false;   // digits that touched other characters (label text, other digits)
  int line = 0;
  int row_id = 0;       // the table row (or paragraph) it was printed in
  float confidence = -1.f;
  // A money unit printed right after the digits ("251000元"): 元, 千元, 万元 or
  // 亿元; empty when none. The value is as printed, not converted.
  std::u32string unit;
};

// The value of a money atom in 万元 (the unit of the fee column): converted
// from its printed unit; unchanged when it has none or is in 万元.
// The money units an amount may be printed in, longest first (元 last: it ends the others).
inline constexpr std::u32string_view kMoneyUnits[] = {U"万元", U"千元", U"亿元", U"元"};
double in_wan_yuan(const Atom& a);

// Atoms of the stream range [sa, sb). `next_item` is the item number of the
// label that follows (e.g. 2 for "2.其他法律…"), so its "2." is not a value.
std::vector<Atom> atoms_in(const Stream& st, size_t sa, size_t sb, int next_item);

// Keep a weak blank (empty cell between tabs) only between two values; a row
// of `n` cells printed entirely empty keeps its first n blanks. Blanks printed
// after the last value in another row (the next row's label cells) are dropped.
void resolve_weak_blanks(std::vector<Atom>& atoms, int n);

// Cells a row cut at the page edge leaves unknown: n minus the values shown
// before its Unread atom (0 when the row is not cut).
int cut_cells(const std::vector<Atom>& atoms, int n);

// Put atoms into `n` cells: positional when the count fits, right-aligned when
// short (the missing cells are left Missing), the last n when long; a row cut
// at the page edge left-aligned, the cells after its values Missing.
// Returns the number of atoms beyond n (0 normally).
int assign_cells(const std::vector<Atom>& atoms, Cell* const* cells, int n);

// Splits of a run of digits into `parts` numbers (no leading zeros), filtered
// by `accept`. At most `max_results` results.
std::vector<std::vector<double>> split_digits(
    const std::u32string& digits, int parts,
    const std::function<bool(const std::vector<double>&)>& accept, size_t max_results = 4096);

}  // namespace gk
