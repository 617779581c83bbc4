// The corpus database schema (SQLite, WAL mode). One row per file, one per
// distinct report content (sha256), cells as a long table, diagnostics
// (parse-time and cross-year), section texts and year-over-year text reuse.
#pragma once

#include <string>

#include "store/sqlite.h"

namespace gk::store {

inline constexpr int kSchemaVersion = 1;

// Open (or create) a corpus database and make sure the schema is there.
// Throws DbError (Chinese message).
Db open_corpus(const std::string& path, bool create = true);
// Open an existing corpus read-only (export, stats). Throws DbError.
Db open_corpus_readonly(const std::string& path);

}  // namespace gk::store
