#pragma once
#include <cstddef>

#include "recognize/stream.h"
#include "model/report.h"

namespace gk {
// Title, year, agency (fullest printed form), statistics period, signature date.
// `body_cpos` is where the first section heading starts (0 when unknown).
void read_identity(const Stream& st, size_t body_cpos, Report& r);
}  // namespace gk
