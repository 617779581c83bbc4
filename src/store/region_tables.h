// The region tables (schema.cpp, kRegionSchema): units with their aliases,
// publication metadata from ingest's side file, the current version chosen
// for a unit-year. Readers treat a corpus without these tables as empty.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.h"

namespace gk::store {

struct UnitRow {
  int64_t id = 0;
  std::string uid;     // stable unit id
  std::string name;
  std::string level;   // kLevel* name (model/agency.h), may be empty
  std::string parent;  // region path, '/'-joined
  std::string region_code;
  std::vector<std::string> aliases;  // listed aliases
  std::vector<std::string> former;   // earlier names (renamings)
};

bool has_table(Db& db, const char* name);

// RFC 4180 records (quoted fields may hold commas, quotes and newlines); a
// UTF-8 BOM is skipped. `lines` gets the 1-based line each record starts on.
std::vector<std::vector<std::string>> csv_rows(std::string_view bytes, std::vector<int>* lines);

// Every unit with its aliases, by id. Empty when the corpus has no unit list.
std::vector<UnitRow> load_units(Db& db);

struct UnitImportCounts {
  size_t added = 0, updated = 0, renamed = 0, unchanged = 0;
};
// Insert or update by uid; a unit whose name changed keeps its id and gets its
// old name as a former name. Run inside a transaction (Tx). Throws DbError.
UnitImportCounts upsert_units(Db& db, const std::vector<UnitRow>& units);

struct PublicationRow {
  std::string path;       // stored form (absolute, lexically normal)
  std::string url, published, site, source;
};
// Insert or replace by path. Run inside a transaction. Throws DbError.
void put_publications(Db& db, const std::vector<PublicationRow>& rows);

// Read ingest's side file of publication metadata (CSV, first row names the
// columns): 路径|path (required), 网址|url, 发布日期|published, 来源网站|site.
// Relative paths are taken from the side file's folder; dates may be written
// 2025-01-20, 2025/1/20, 2025.1.20 or 2025年1月20日. Throws std::runtime_error
// (Chinese) naming the file, line and problem.
std::vector<PublicationRow> read_publications(const std::string& side_file);
// A date in one of those spellings as YYYY-MM-DD; empty when it is none.
std::string normalize_date(std::string_view s);

// Effective publication metadata per report sha256: the earliest 发布日期 of
// any of its files in the side file, with that file's url and site.
struct ReportPublication {
  std::string sha256, published, url, site;
};
std::vector<ReportPublication> load_report_publications(Db& db);

// Current version chosen by hand: (unit id, year) -> sha256.
struct CurrentChoice {
  int64_t unit = 0;
  int year = 0;
  std::string sha256;
};
std::vector<CurrentChoice> load_current_choices(Db& db);
void set_current_choice(Db& db, const CurrentChoice& c);

}  // namespace gk::store
