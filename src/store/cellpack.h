// The cells of a stored report, packed into one compact JSON array in record
// order (gk::all_cells / store::cell_columns): one [value, status, line] per
// cell (and its verification code, model/verify.h), value null when unknown, status a small code (cell_status table),
// line 0 when unknown. One column per report instead of 200 rows keeps the
// writer fast; the `cells` view in the schema expands it back into a long
// table for SQL, and unpack_cells() reads it without a JSON library.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/report.h"
#include "model/verify.h"

namespace gk::store {

struct PackedCell {
  std::optional<double> value;
  CellStatus status = CellStatus::Missing;
  int line = 0;
  Verification verification = Verification::Missing;  // 4th element; absent in packs before schema 5
};

// Status codes as stored; stable across versions (new statuses get new codes).
int status_code(CellStatus s);
std::optional<CellStatus> status_from_code(int code);
// (code, name) of every status, for the cell_status table.
std::vector<std::pair<int, std::string>> status_codes();

std::string pack_cells(const Report& r);
// Throws std::runtime_error on malformed input or a wrong cell count.
std::vector<PackedCell> unpack_cells(std::string_view packed);
// Apply packed statuses, values and lines to a report's cells (record order).
void apply_cells(Report& r, const std::vector<PackedCell>& cells);

}  // namespace gk::store
