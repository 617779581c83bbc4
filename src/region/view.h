// A region's reports as the unit list sees them: every stored report matched
// to a unit (or flagged ambiguous / unmatched), the versions of each
// unit-year with one chosen as current, the effective publication date
// (side-file metadata first, else the date printed in the report).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "region/units.h"
#include "store/sqlite.h"

namespace gk::region {

struct ReportRow {
  int64_t id = 0;
  std::string sha256, agency, agency_normalized, level, path, template_key;  // template_key: the record's "template"
  int year = 0;
  std::string published;         // effective 发布日期 YYYY-MM-DD, empty when unknown
  std::string published_source;  // "metadata" (side file), "printed" (落款日期) or ""
  std::string url, site;
  int errors = 0, warnings = 0;  // stored diagnostics (parse and cross-year)
  Match match;
};

struct UnitYear {
  std::vector<int> versions;  // indices into View::reports, oldest publication first
  int current = -1;           // index into View::reports
  bool chosen = false;        // current set by hand (gongkai units current)
};

struct View {
  std::vector<Unit> units;
  std::vector<ReportRow> reports;
  std::map<std::pair<int, int>, UnitYear> unit_years;  // (unit index, year)
  std::vector<int> years;                              // every report year, ascending

  const UnitYear* find(int unit, int year) const {
    auto it = unit_years.find({unit, year});
    return it == unit_years.end() ? nullptr : &it->second;
  }
  // Reports that are a non-current version of a unit-year (statistics skip them).
  std::vector<int64_t> superseded_ids() const;
};

// Throws store::DbError.
View load_view(store::Db& db);

// A region given by name or path: "青山县", "青山市/青山县". The units under it
// are those whose parent path equals it or lies below it; a unit that is the
// region's own government (its name's region chain ends with the region name
// and it is a 政府 level) is under it too.
struct RegionRef {
  std::string path;         // resolved full path
  std::vector<int> units;   // indices into View::units
};
// Throws std::runtime_error (Chinese) when no unit lies in the region or the
// name fits several paths.
RegionRef resolve_region(const View& v, std::string_view region);

// Every region path of the unit list (each prefix of every parent), sorted.
std::vector<std::string> region_paths(const View& v);

// Deadline of a unit's report for `year` (Art. 49, gk::report_deadline): 部门
// by 1月31日 of the next year, 人民政府 by 3月31日; 乡镇/街道, for which the
// regulation sets none, by a local rule ("MM-DD", default 03-31).
struct DeadlineRules {
  std::string township = "03-31";
};
std::string deadline_for(const Unit& u, int year, const DeadlineRules& rules = {});

bool is_government_level(std::string_view level);

}  // namespace gk::region
