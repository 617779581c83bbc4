// Coverage of a region for one year: who published (on time or late), who is
// missing, who published more than one version, whose current report has
// errors; reports whose name fits several units are listed, not counted.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "region/view.h"

namespace gk::region {

enum class PubStatus { OnTime, Late, DateUnknown, Missing };
const char* pub_status_zh(PubStatus s);  // 按时发布 / 逾期发布 / 发布日期不明 / 未发布
const char* pub_status_key(PubStatus s); // on_time / late / date_unknown / missing

struct CoverageRow {
  int unit = -1;     // index into View::units
  PubStatus status = PubStatus::Missing;
  int report = -1;   // current report (index into View::reports), -1 when missing
  int versions = 0;  // reports of this unit-year
  std::string deadline, published, published_source;
  int days_late = 0;
  int errors = 0, warnings = 0;
  // Compliance findings: C-DEADLINE (late), C-PUBLISHED (not published / several versions).
  std::vector<std::pair<std::string, std::string>> findings;  // rule, Chinese message
};

struct Coverage {
  std::string region;
  int year = 0;
  std::vector<CoverageRow> rows;  // one per unit of the region, in list order
  std::vector<int> ambiguous;     // reports of the year whose name fits several units, one of them in the region
  int on_time = 0, late = 0, date_unknown = 0, missing = 0, with_errors = 0, several_versions = 0;
};

Coverage coverage(const View& v, const RegionRef& region, int year, const DeadlineRules& rules = {});
nlohmann::ordered_json coverage_json(const View& v, const Coverage& c);
std::string coverage_text(const View& v, const Coverage& c);

// Days from a to b (YYYY-MM-DD); 0 when either is not a date.
int days_between(const std::string& a, const std::string& b);

}  // namespace gk::region
