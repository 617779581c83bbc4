// The register as an XLSX workbook: the blank template of
// `gongkai template --register --format xlsx` (headers, drop-down lists and
// date checks, a sheet explaining each column), or a register written out.
#pragma once

#include <string>

#include "register/register.h"

namespace gk::reg {

// Writes `path`; the cases of `reg` as rows when given. Throws std::runtime_error (Chinese).
void write_register_xlsx(const std::string& path, const Register* reg = nullptr);
// The register as CSV (UTF-8 with BOM, so Excel opens it as UTF-8).
std::string register_csv(const Register& reg);

}  // namespace gk::reg
