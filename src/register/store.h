// The register in the corpus database (tables register_cases and
// register_imports, src/store/schema.cpp): kept per unit and year, replaced
// whole by each import or save, in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "register/register.h"
#include "store/sqlite.h"

namespace gk::reg {

// Replace the unit's register of that year. `source` labels the import (file name, "网页编辑").
void save_register(store::Db& db, const Register& reg, const std::string& source);
// nullopt when nothing is kept for the unit and year.
std::optional<Register> load_register(store::Db& db, const std::string& unit, int year);

struct RegisterSummary {
  std::string unit;
  int year;
  long cases, open;  // open: still open at the year's end
  std::string last_import, last_source;
};
std::vector<RegisterSummary> list_registers(store::Db& db);

}  // namespace gk::reg
