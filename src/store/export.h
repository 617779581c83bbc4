// Exports of the corpus: wide (one row per report, every cell a column), long
// (one row per cell, with its status) and diagnostics (one row per finding).
#pragma once

#include <cstddef>

#include "store/sink.h"
#include "store/sqlite.h"

namespace gk::store {

enum class ExportTable { Wide, Long, Diagnostics };

struct ExportOptions {
  ExportTable table = ExportTable::Wide;
  bool labels_zh = false;  // Chinese column headers (and cell labels in the long table)
};

// Streams the table into the sink (header, rows, close). Returns the number of rows.
size_t export_table(Db& db, TableSink& sink, const ExportOptions& opt);

}  // namespace gk::store
