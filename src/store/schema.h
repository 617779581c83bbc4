// The corpus database schema (SQLite in WAL mode, or PostgreSQL: store/sqlite.h). One row per file, one per
// distinct report content (sha256) with its cells packed in one column (a
// `cells` view gives the long table), diagnostics
// (parse-time and cross-year), section texts and year-over-year text reuse.
#pragma once

#include <string>

#include "store/sqlite.h"

namespace gk::store {

// 2: cells packed into reports.cells (the long table is a view), sections a rowid table.
// 3: diagnostics, sections and reuse refer to reports by integer id; record and cells in report_data.
// 4: reports.agency_tail, the key that links years without scanning every report of a unit name.
inline constexpr int kSchemaVersion = 5;  // 5: cells carry their verification; reports.verified_share
// The oldest structure `gongkai db migrate` brings up to kSchemaVersion.
inline constexpr int kOldestMigratable = 4;

// Open (or create) a corpus database and make sure the schema is there.
// Throws DbError (Chinese message).
Db open_corpus(const std::string& path, bool create = true);
// Open an existing corpus read-only (export, stats). Throws DbError.
Db open_corpus_readonly(const std::string& path);

// `gongkai db migrate`: brings an older corpus (kOldestMigratable and later)
// up to kSchemaVersion in one transaction. Opening an older corpus otherwise
// is refused with a message naming this command. Throws DbError.
struct MigrateResult {
  int from = 0, to = 0;
};
MigrateResult migrate_corpus(const std::string& target);

}  // namespace gk::store
