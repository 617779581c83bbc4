// Unit lists: the units a region must hear from, read from CSV or XLSX
// (gongkai units import), and matching a report to a unit by its name and
// aliases through the agency model (model/agency.h). A name that fits several
// units equally well is ambiguous and flagged, never resolved by a guess.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/agency.h"
#include "store/region_tables.h"

namespace gk::region {

using Unit = store::UnitRow;

struct UnitListError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Columns (first row, Chinese or English names, any order):
//   单位编号|id  名称|name (required)  别名|aliases  曾用名|former  层级|level
//   上级地区|parent  行政区划代码|region_code
// Several aliases are separated by ；; | or 、. A missing id is made from the
// region code, or else from parent and normalised name (stable across imports).
// A missing level comes from the agency model. Throws UnitListError naming the
// file, the line and the problem.
std::vector<Unit> read_unit_list(const std::string& path);
std::vector<Unit> parse_unit_csv(std::string_view bytes, const std::string& name);
std::vector<Unit> parse_unit_xlsx(std::string_view bytes, const std::string& name);
// Rows of the first worksheet of an XLSX file, as text (shared strings and
// inline strings resolved; numbers as printed). Throws UnitListError.
std::vector<std::vector<std::string>> xlsx_rows(std::string_view bytes, const std::string& name);

// The region path of a unit split into parts ("青山市/青山县" -> {"青山市","青山县"}).
std::vector<std::string> split_path(std::string_view path);

struct Match {
  int unit = -1;                // index into the unit list; -1 when none or ambiguous
  std::vector<int> candidates;  // all units that fit equally well (2+ when ambiguous)
  int strength = 0;             // agency_match() components of the best fit
  bool ambiguous() const { return candidates.size() > 1; }
};

// Matches agency names against every name and alias of a unit list.
class Matcher {
 public:
  explicit Matcher(const std::vector<Unit>& units);
  Match match(const AgencyInfo& agency) const;
  Match match(std::string_view agency_name) const { return match(analyze_agency(agency_name)); }

 private:
  struct Name {
    int unit;
    AgencyInfo info;
  };
  std::unordered_map<std::string, std::vector<Name>> by_unit_part_;  // last name part -> names
};

}  // namespace gk::region
