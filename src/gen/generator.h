// Seeded random annual-report records for tests and benchmarks: realistic
// magnitudes (mostly small counts, many zeros, sometimes hundreds), arithmetic
// that holds (totals computed from parts), agency names and section texts that
// quote the table figures.
#pragma once

#include <cstdint>
#include <string>

#include "model/report.h"

namespace gk::gen {

enum class AgencyKind { Street, Township, CountyDepartment, CityDepartment, CountyGovernment };

struct GenOptions {
  int min_year = 2021, max_year = 2025;
  bool sections = true;  // fill the six section texts
  // A record in the 2019 template (国办公开办函〔2019〕60号, report-json.md "Reports in
  // the 2019 template"): year 2019 or 2020 (min_year/max_year ignored), template_year
  // "2019", proactive_2019 filled, and null with status Absent what that template does
  // not print: proactive.*.repealed, fees_wan_yuan, applications.other_no_correction
  // and other_no_fee (their cases are counted in the single （六）其他处理 row).
  bool template_2019 = false;
};

// Deterministic: the same seed gives the same record.
Report generate_report(uint64_t seed, const GenOptions& opt = {});

// A random agency name of the given kind, e.g. "青山市河东区平安街道办事处".
class Rng;
std::string random_agency(Rng& rng, AgencyKind kind);

// Section texts that quote the record's figures (§一 申请 counts, §四 复议/诉讼
// counts, §六 信息处理费). Totals must be complete.
void write_section_texts(Rng& rng, Report& r);

}  // namespace gk::gen
