#include "region/coverage.h"

#include <algorithm>
#include <cstdio>

namespace gk::region {

const char* pub_status_zh(PubStatus s) {
  switch (s) {
    case PubStatus::OnTime: return "按时发布";
    case PubStatus::Late: return "逾期发布";
    case PubStatus::DateUnknown: return "发布日期不明";
    case PubStatus::Missing: return "未发布";
  }
  return "";
}

const char* pub_status_key(PubStatus s) {
  switch (s) {
    case PubStatus::OnTime: return "on_time";
    case PubStatus::Late: return "late";
    case PubStatus::DateUnknown: return "date_unknown";
    case PubStatus::Missing: return "missing";
  }
  return "";
}

namespace {
// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
bool parse_date(const std::string& s, long* out) {
  int y, m, d;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
    return false;
  *out = days_from_civil(y, m, d);
  return true;
}
}  // namespace

int days_between(const std::string& a, const std::string& b) {
  long x, y;
  if (!parse_date(a, &x) || !parse_date(b, &y)) return 0;
  return static_cast<int>(y - x);
}

Coverage coverage(const View& v, const RegionRef& region, int year, const DeadlineRules& rules) {
  Coverage c;
  c.region = region.path;
  c.year = year;
  std::vector<char> in_region(v.units.size(), 0);
  for (int u : region.units) in_region[u] = 1;
  for (int u : region.units) {
    CoverageRow row;
    row.unit = u;
    row.deadline = deadline_for(v.units[u], year, rules);
    const UnitYear* uy = v.find(u, year);
    if (!uy) {
      row.status = PubStatus::Missing;
      row.findings.push_back({"C-PUBLISHED", "未发布 " + std::to_string(year) + " 年度报告（数据库中没有该单位该年度的报告）"});
    } else {
      const ReportRow& r = v.reports[uy->current];
      row.report = uy->current;
      row.versions = static_cast<int>(uy->versions.size());
      row.published = r.published;
      row.published_source = r.published_source;
      row.errors = r.errors;
      row.warnings = r.warnings;
      if (r.published.empty()) {
        row.status = PubStatus::DateUnknown;
      } else if (r.published > row.deadline) {
        row.status = PubStatus::Late;
        row.days_late = days_between(row.deadline, r.published);
        row.findings.push_back({"C-DEADLINE", "发布日期 " + r.published + " 晚于规定期限 " + row.deadline + "（逾期 " +
                                                  std::to_string(row.days_late) + " 天）"});
      } else {
        row.status = PubStatus::OnTime;
      }
      if (row.versions > 1)
        row.findings.push_back({"C-PUBLISHED", "同一年度发布了 " + std::to_string(row.versions) +
                                                   " 个不同版本，统计只计当前版本（" + r.published + "）"});
    }
    switch (row.status) {
      case PubStatus::OnTime: ++c.on_time; break;
      case PubStatus::Late: ++c.late; break;
      case PubStatus::DateUnknown: ++c.date_unknown; break;
      case PubStatus::Missing: ++c.missing; break;
    }
    if (row.errors) ++c.with_errors;
    if (row.versions > 1) ++c.several_versions;
    c.rows.push_back(std::move(row));
  }
  for (size_t i = 0; i < v.reports.size(); ++i) {
    const auto& r = v.reports[i];
    if (r.year != year || !r.match.ambiguous()) continue;
    for (int u : r.match.candidates)
      if (in_region[u]) {
        c.ambiguous.push_back(static_cast<int>(i));
        break;
      }
  }
  return c;
}

nlohmann::ordered_json coverage_json(const View& v, const Coverage& c) {
  using oj = nlohmann::ordered_json;
  oj j;
  j["region"] = c.region;
  j["year"] = c.year;
  j["units"] = c.rows.size();
  j["counts"] = {{"on_time", c.on_time}, {"late", c.late}, {"date_unknown", c.date_unknown}, {"missing", c.missing},
                 {"with_errors", c.with_errors}, {"several_versions", c.several_versions},
                 {"ambiguous_reports", c.ambiguous.size()}};
  oj rows = oj::array();
  for (const auto& r : c.rows) {
    const Unit& u = v.units[r.unit];
    oj e;
    e["unit_id"] = u.uid;
    e["name"] = u.name;
    e["level"] = u.level;
    e["parent"] = u.parent;
    e["status"] = pub_status_key(r.status);
    e["status_zh"] = pub_status_zh(r.status);
    e["deadline"] = r.deadline;
    e["published"] = r.published.empty() ? oj(nullptr) : oj(r.published);
    e["published_source"] = r.published_source.empty() ? oj(nullptr) : oj(r.published_source);
    e["days_late"] = r.days_late;
    e["versions"] = r.versions;
    e["errors"] = r.errors;
    e["warnings"] = r.warnings;
    e["report"] = r.report >= 0 ? oj(v.reports[r.report].sha256) : oj(nullptr);
    e["agency_as_printed"] = r.report >= 0 ? oj(v.reports[r.report].agency) : oj(nullptr);
    oj f = oj::array();
    for (const auto& [rule, msg] : r.findings) f.push_back({{"rule", rule}, {"message", msg}});
    e["findings"] = f;
    rows.push_back(e);
  }
  j["rows"] = rows;
  oj amb = oj::array();
  for (int i : c.ambiguous) {
    const auto& r = v.reports[i];
    oj cands = oj::array();
    for (int u : r.match.candidates) cands.push_back({{"unit_id", v.units[u].uid}, {"name", v.units[u].name}});
    amb.push_back({{"report", r.sha256}, {"agency", r.agency}, {"path", r.path}, {"candidates", cands}});
  }
  j["ambiguous"] = amb;
  return j;
}

std::string coverage_text(const View& v, const Coverage& c) {
  std::string o;
  o += "== " + c.region + " " + std::to_string(c.year) + " 年度报告发布情况：单位 " + std::to_string(c.rows.size()) +
       " 个\n";
  o += "  按时发布 " + std::to_string(c.on_time) + "，逾期发布 " + std::to_string(c.late) + "，发布日期不明 " +
       std::to_string(c.date_unknown) + "，未发布 " + std::to_string(c.missing) + "；报告有错误的 " +
       std::to_string(c.with_errors) + "，发布了多个版本的 " + std::to_string(c.several_versions) + "\n";
  for (const auto& r : c.rows) {
    const Unit& u = v.units[r.unit];
    o += "  " + u.uid + "\t" + u.name + "\t" + pub_status_zh(r.status);
    if (!r.published.empty()) o += "\t" + r.published + (r.published_source == "metadata" ? "（发布记录）" : "（落款）");
    if (r.errors) o += "\t错误 " + std::to_string(r.errors);
    if (r.warnings) o += "\t警告 " + std::to_string(r.warnings);
    if (r.versions > 1) o += "\t版本 " + std::to_string(r.versions);
    o += "\n";
    for (const auto& [rule, msg] : r.findings) o += "      " + msg + " [" + rule + "]\n";
  }
  if (!c.ambiguous.empty()) {
    o += "== 名称对应多个单位、未计入的报告（请在单位名单中补充别名或写全名称）\n";
    for (int i : c.ambiguous) {
      const auto& r = v.reports[i];
      std::string cands;
      for (int u : r.match.candidates) cands += (cands.empty() ? "" : "、") + v.units[u].name;
      o += "  " + r.agency + "（" + r.path + "）可能是：" + cands + "\n";
    }
  }
  return o;
}

}  // namespace gk::region
