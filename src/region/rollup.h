// Roll-up: the current reports of a region's units summed into one record,
// table by table and cell by cell, with for every figure the units it came
// from. Units without a report are listed; units whose report has errors are
// excluded or included as the caller chooses, and the result says which.
// The record is an ordinary record (model/json.h): gongkai render takes it.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/report.h"
#include "region/view.h"
#include "store/sqlite.h"

namespace gk::region {

struct RollupOptions {
  bool include_errors = false;  // sum reports that have errors too
};

struct Rollup {
  std::string region;
  int year = 0;
  bool errors_included = false;
  Report record;
  std::vector<int> included;     // unit indices summed
  std::vector<int> missing;      // no report for the year
  std::vector<int> with_errors;  // current report has errors (summed only when errors_included)
  // Per cell, in all_cells() order: the units (index) and values summed, and
  // the summed units whose report does not give the cell.
  std::vector<std::vector<std::pair<int, double>>> sources;
  std::vector<std::vector<int>> lacking;
  std::vector<std::string> failed_relations;  // relations (rule ids) the summed record breaks
};

// A stored report's cells (values, statuses, lines) and identity; throws on damage.
Report load_report_cells(store::Db& db, int64_t report_id);

Rollup rollup(store::Db& db, const View& v, const RegionRef& region, int year, const RollupOptions& opt = {});
// The record (to_json) with a "rollup" member: region, year, the unit lists and
// every figure's sources. gongkai render reads it as any record.
nlohmann::json rollup_json(const View& v, const Rollup& r);
std::string rollup_text(const View& v, const Rollup& r);

// Relations of a record that fail (all terms known and Σ ≠ 0).
std::vector<std::string> failed_relations(Report& r);

}  // namespace gk::region
