// Values: the printed figures between one row label and the next.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <vector>

#include "recognize/stream.h"
#include "model/report.h"

namespace gk {

struct Atom {
  enum Kind { Num, Blank, WeakBlank, Placeholder } kind = Num;
  std::u32string text;  // digits (with sign/decimal point) or the placeholder
  double value = 0;
  bool integral = true;
  bool glued = false;   // digits that touched other characters (label text, other digits)
  int line = 0;
  int row_id = 0;       // the table row (or paragraph) it was printed in
  float confidence = -1.f;
};

// Atoms of the stream range [sa, sb). `next_item` is the item number of the
// label that follows (e.g. 2 for "2.其他法律…"), so its "2." is not a value.
std::vector<Atom> atoms_in(const Stream& st, size_t sa, size_t sb, int next_item);

// Keep a weak blank (empty cell between tabs) only between two values; a row
// of `n` cells printed entirely empty keeps its first n blanks. Blanks printed
// after the last value in another row (the next row's label cells) are dropped.
void resolve_weak_blanks(std::vector<Atom>& atoms, int n);

// Put atoms into `n` cells: positional when the count fits, right-aligned when
// short (the missing cells are left Missing), the last n when long.
// Returns the number of atoms beyond n (0 normally).
int assign_cells(const std::vector<Atom>& atoms, Cell* const* cells, int n);

// Splits of a run of digits into `parts` numbers (no leading zeros), filtered
// by `accept`. At most `max_results` results.
std::vector<std::vector<double>> split_digits(
    const std::u32string& digits, int parts,
    const std::function<bool(const std::vector<double>&)>& accept, size_t max_results = 4096);

}  // namespace gk
