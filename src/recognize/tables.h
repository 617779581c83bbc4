#pragma once
#include <cstddef>

#include "recognize/stream.h"
#include "model/report.h"

namespace gk {

// Each reads one table from the compact range [from, to) of the stream into
// the record. Returns the compact position where the table ends (0 if absent).
// `run_together` (in/out): the document lost every cell boundary.
size_t read_table1(const Stream& st, size_t from, size_t to, bool run_together, Report& r);
size_t read_table2(const Stream& st, size_t from, size_t to, bool* run_together, Report& r);
size_t read_table3(const Stream& st, size_t from, size_t to, bool run_together, Report& r);

}  // namespace gk
