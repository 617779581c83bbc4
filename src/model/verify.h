// Trust at the cell: for every cell of a record, what the table's own
// arithmetic says of its value (issue: no cell is ever silently wrong).
//   verified      it takes part in at least one relation that holds with every
//                 cell known (none of them rebuilt or split by arithmetic),
//                 and in none that fails
//   consistent    no relation contradicts it, none verifies it (Table 1, a
//                 row whose total is missing, a value split by arithmetic)
//   contradicted  a relation it takes part in fails (also by the bound that
//                 counts are non-negative, with cells missing)
//   recovered     rebuilt from the relations, uniquely (repair names them)
//   missing       no value (not printed, unreadable, a placeholder)
// Computed by check() after every other rule; pure function of the values and
// statuses, so a stored record can compute it again.
#pragma once

#include <cstdint>
#include <string_view>

#include "model/report.h"

#include <vector>

namespace gk {

struct Equation;

struct VerificationCounts {
  int verified = 0, consistent = 0, contradicted = 0, recovered = 0, missing = 0;
  int total() const { return verified + consistent + contradicted + recovered + missing; }
  double verified_share() const { return total() ? double(verified) / total() : 0.0; }
};

// Sets Cell::verification for every cell of the record (cells of rows the
// template does not have are left out of the counts).
VerificationCounts verify_cells(Report& r);
// The same with the record's found_table_equations(r) already built.
VerificationCounts verify_cells(Report& r, const std::vector<Equation>& eqs);
VerificationCounts count_verification(const Report& r);

std::string_view verification_name(Verification v);     // "verified" …
std::string_view verification_name_zh(Verification v);  // "已核验" …

}  // namespace gk
