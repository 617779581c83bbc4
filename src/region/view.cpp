#include "region/view.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "store/region_tables.h"

namespace gk::region {

std::vector<int64_t> View::superseded_ids() const {
  std::vector<int64_t> out;
  for (const auto& [k, uy] : unit_years)
    for (int r : uy.versions)
      if (r != uy.current) out.push_back(reports[r].id);
  std::sort(out.begin(), out.end());
  return out;
}

bool is_government_level(std::string_view level) {
  return level == kLevelProvinceGov || level == kLevelCityGov || level == kLevelCountyGov;
}

std::string deadline_for(const Unit& u, int year, const DeadlineRules& rules) {
  // The regulation's date from the agency model (the list's level wins over the name's);
  // 乡镇/街道 have none there: the local rule.
  AgencyInfo a = analyze_agency(u.name);
  if (!u.level.empty()) a.level = u.level;
  if (is_township_level(a) || a.level == kLevelUnknown || a.level.empty())
    return std::to_string(year + 1) + "-" + rules.township;
  return report_deadline(a, year);
}

View load_view(store::Db& db) {
  View v;
  v.units = store::load_units(db);
  Matcher matcher(v.units);
  std::unordered_map<std::string, store::ReportPublication> pubs;
  for (auto& p : store::load_report_publications(db)) pubs.emplace(p.sha256, std::move(p));
  std::unordered_map<int64_t, std::pair<int, int>> counts;
  {
    auto st = db.prepare(
        "SELECT report, sum(CASE WHEN severity='error' THEN 1 ELSE 0 END), sum(CASE WHEN severity='warning' THEN 1 ELSE 0 END) FROM diagnostics "
        "WHERE severity IN ('error','warning') GROUP BY report");
    while (st.step()) counts[st.i64(0)] = {static_cast<int>(st.i64(1)), static_cast<int>(st.i64(2))};
  }
  std::set<int> years;
  auto st = db.prepare(
      "SELECT id, sha256, coalesce(agency,''), coalesce(agency_normalized,''), coalesce(level,''), "
      "coalesce(path,''), coalesce(year,0), coalesce(publication_date,''), coalesce(template,'2021') "
      "FROM reports ORDER BY id");
  while (st.step()) {
    ReportRow r;
    r.id = st.i64(0);
    r.sha256 = st.str(1);
    r.agency = st.str(2);
    r.agency_normalized = st.str(3);
    r.level = st.str(4);
    r.path = st.str(5);
    r.year = static_cast<int>(st.i64(6));
    r.template_key = st.str(8);
    if (auto it = pubs.find(r.sha256); it != pubs.end()) {
      r.published = it->second.published;
      r.published_source = "metadata";
      r.url = it->second.url;
      r.site = it->second.site;
    } else if (!st.str(7).empty()) {
      r.published = st.str(7);
      r.published_source = "printed";
    }
    if (auto it = counts.find(r.id); it != counts.end()) r.errors = it->second.first, r.warnings = it->second.second;
    if (!v.units.empty()) r.match = matcher.match(r.agency);
    if (r.year) years.insert(r.year);
    v.reports.push_back(std::move(r));
  }
  v.years.assign(years.begin(), years.end());
  for (size_t i = 0; i < v.reports.size(); ++i) {
    const auto& r = v.reports[i];
    if (r.match.unit >= 0 && r.year) v.unit_years[{r.match.unit, r.year}].versions.push_back(static_cast<int>(i));
  }
  std::map<std::pair<int64_t, int>, std::string> chosen;
  for (const auto& c : store::load_current_choices(db)) chosen[{c.unit, c.year}] = c.sha256;
  for (auto& [k, uy] : v.unit_years) {
    // Versions in publication order (unknown dates last), then by ingest order.
    std::stable_sort(uy.versions.begin(), uy.versions.end(), [&](int a, int b) {
      const auto &x = v.reports[a].published, &y = v.reports[b].published;
      if (x.empty() != y.empty()) return !x.empty();
      return x < y;
    });
    // The current version: the one chosen by hand, else the latest published.
    uy.current = uy.versions.back();
    auto c = chosen.find({v.units[k.first].id, k.second});
    if (c != chosen.end())
      for (int r : uy.versions)
        if (v.reports[r].sha256 == c->second) uy.current = r, uy.chosen = true;
    if (!uy.chosen) {
      int best = -1;
      for (int r : uy.versions)
        if (!v.reports[r].published.empty()) best = r;
      if (best >= 0) uy.current = best;
    }
  }
  return v;
}

std::vector<std::string> region_paths(const View& v) {
  std::set<std::string> out;
  for (const auto& u : v.units) {
    std::string p;
    for (const auto& part : split_path(u.parent)) {
      p += (p.empty() ? "" : "/") + part;
      out.insert(p);
    }
  }
  return {out.begin(), out.end()};
}

namespace {
bool under(const std::string& parent, const std::string& path) {
  return parent == path || (parent.size() > path.size() && parent.compare(0, path.size(), path) == 0 &&
                            parent[path.size()] == '/');
}
std::string last_part(const std::string& path) {
  auto parts = split_path(path);
  return parts.empty() ? std::string() : parts.back();
}
}  // namespace

RegionRef resolve_region(const View& v, std::string_view region) {
  std::string want;
  for (const auto& p : split_path(region)) want += (want.empty() ? "" : "/") + p;
  if (want.empty()) throw std::runtime_error("没有给出地区名称");
  std::vector<std::string> hits;
  for (const auto& p : region_paths(v)) {
    bool tail = p == want || (p.size() > want.size() && p.compare(p.size() - want.size(), want.size(), want) == 0 &&
                              p[p.size() - want.size() - 1] == '/');
    if (tail) hits.push_back(p);
  }
  if (hits.empty()) {
    if (v.units.empty()) throw std::runtime_error("数据库中还没有单位名单：请先用 gongkai units import 导入");
    throw std::runtime_error("单位名单中没有地区“" + want + "”");
  }
  if (hits.size() > 1) {
    std::string list;
    for (const auto& h : hits) list += (list.empty() ? "" : "、") + h;
    throw std::runtime_error("地区“" + want + "”不唯一，可能是：" + list + "（请写出上级地区，如 " + hits[0] + "）");
  }
  RegionRef ref;
  ref.path = hits[0];
  const std::string name = last_part(ref.path);
  for (size_t i = 0; i < v.units.size(); ++i) {
    const auto& u = v.units[i];
    bool in = under(u.parent, ref.path);
    // The region's own government: listed under the parent region, named after this one.
    if (!in && is_government_level(u.level)) {
      AgencyInfo a = analyze_agency(u.name);
      in = !a.parts.empty() && a.parts.back() == name;
      if (in) {
        std::string above = ref.path.size() > name.size() ? ref.path.substr(0, ref.path.size() - name.size() - 1) : "";
        in = u.parent == above;
      }
    }
    if (in) ref.units.push_back(static_cast<int>(i));
  }
  return ref;
}

}  // namespace gk::region
