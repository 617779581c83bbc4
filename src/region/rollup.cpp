#include "region/rollup.h"

#include <cmath>
#include <cstdio>

#include "model/json.h"
#include "model/relations.h"
#include "store/cellpack.h"
#include "store/columns.h"

namespace gk::region {

Report load_report_cells(store::Db& db, int64_t report_id) {
  auto st = db.prepare(
      "SELECT x.cells, coalesce(r.template,'2021'), coalesce(r.agency,''), coalesce(r.year,0), r.sha256 "
      "FROM report_data x JOIN reports r ON r.id = x.id WHERE x.id=?");
  st.bind(1, report_id);
  if (!st.step()) throw std::runtime_error("数据库中没有编号为 " + std::to_string(report_id) + " 的报告");
  Report r;
  r.edition = parse_edition(st.str(1)).value_or(Edition::Y2021);
  r.agency = st.str(2);
  r.year = static_cast<int>(st.i64(3));
  r.sha256 = st.str(4);
  store::apply_cells(r, store::unpack_cells(st.str(0)));
  return r;
}

std::vector<std::string> failed_relations(Report& r) {
  std::vector<std::string> out;
  for (const auto& eq : table_equations(r)) {
    double sum = 0;
    bool known = true;
    for (const auto& t : eq.terms) {
      if (!t.cell->known()) {
        known = false;
        break;
      }
      sum += t.coef * *t.cell->value;
    }
    if (known && std::fabs(sum) > 1e-6) out.emplace_back(eq.rule);
  }
  return out;
}

Rollup rollup(store::Db& db, const View& v, const RegionRef& region, int year, const RollupOptions& opt) {
  Rollup out;
  out.region = region.path;
  out.year = year;
  out.errors_included = opt.include_errors;
  Report& rec = out.record;
  std::string name = split_path(region.path).back();
  rec.agency = name;
  rec.year = year;
  rec.edition = Edition::Y2021;
  rec.title = name + std::to_string(year) + "年政府信息公开工作年度报告汇总";
  rec.format = "rollup";
  for (int i = 0; i < 6; ++i) rec.sections[i].number = i + 1;
  rec.sections[0].text = "本报告由" + name + "各单位" + std::to_string(year) +
                         "年度政府信息公开工作年度报告汇总而成，各项数字为各单位报告之和。各单位工作考核、社会评议和责任追究结果情况见各单位报告。";
  auto cells = all_cells(rec);
  out.sources.resize(cells.size());
  out.lacking.resize(cells.size());
  std::vector<char> any_known(cells.size(), 0), all_absent(cells.size(), 1);
  for (int u : region.units) {
    const UnitYear* uy = v.find(u, year);
    if (!uy) {
      out.missing.push_back(u);
      continue;
    }
    const ReportRow& row = v.reports[uy->current];
    if (row.errors > 0) {
      out.with_errors.push_back(u);
      if (!opt.include_errors) continue;
    }
    out.included.push_back(u);
    Report r = load_report_cells(db, row.id);
    auto rc = all_cells(r);
    for (size_t k = 0; k < cells.size(); ++k) {
      const Cell& c = *rc[k].cell;
      if (c.status != CellStatus::Absent) all_absent[k] = 0;
      if (c.known()) {
        any_known[k] = 1;
        double sum = cells[k].cell->value.value_or(0) + *c.value;
        cells[k].cell->value = sum;
        out.sources[k].push_back({u, *c.value});
      } else if (c.status != CellStatus::Absent) {
        out.lacking[k].push_back(u);
      }
    }
  }
  for (size_t k = 0; k < cells.size(); ++k) {
    Cell& c = *cells[k].cell;
    if (any_known[k]) c.status = CellStatus::Printed;
    else if (!out.included.empty() && all_absent[k]) c.status = CellStatus::Missing;
    if (any_known[k]) c.value = std::round(*c.value * 10000) / 10000;  // fees are 万元 with decimals
  }
  rec.t1_found = rec.t2_found = rec.t3_found = !out.included.empty();
  out.failed_relations = failed_relations(rec);
  return out;
}

nlohmann::json rollup_json(const View& v, const Rollup& r) {
  using json = nlohmann::json;
  json j = to_json(r.record, true);
  json ru;
  ru["region"] = r.region;
  ru["year"] = r.year;
  ru["errors_policy"] = r.errors_included ? "include" : "exclude";
  ru["errors_policy_zh"] = r.errors_included ? "有错误的报告已计入汇总" : "有错误的报告未计入汇总";
  auto units = [&](const std::vector<int>& list) {
    json a = json::array();
    for (int u : list) a.push_back({{"unit_id", v.units[u].uid}, {"name", v.units[u].name}});
    return a;
  };
  ru["included"] = units(r.included);
  ru["missing"] = units(r.missing);
  ru["with_errors"] = units(r.with_errors);
  json src = json::object();
  const auto& cols = store::cell_columns();
  for (size_t k = 0; k < r.sources.size(); ++k) {
    if (r.sources[k].empty() && r.lacking[k].empty()) continue;
    json e;
    json from = json::array();
    double sum = 0;
    for (const auto& [u, val] : r.sources[k]) {
      sum += val;
      if (val != 0) from.push_back({v.units[u].uid, val});
    }
    e["sum"] = sum;
    e["units"] = from;  // [unit id, value] of every unit that gave a non-zero value
    e["zero"] = static_cast<int>(r.sources[k].size() - from.size());
    if (!r.lacking[k].empty()) {
      json l = json::array();
      for (int u : r.lacking[k]) l.push_back(v.units[u].uid);
      e["lacking"] = l;
    }
    src[cols[k].path] = e;
  }
  ru["sources"] = src;
  ru["failed_relations"] = r.failed_relations;
  j["rollup"] = ru;
  return j;
}

std::string rollup_text(const View& v, const Rollup& r) {
  std::string o = "== " + r.region + " " + std::to_string(r.year) + " 年度汇总：计入 " +
                  std::to_string(r.included.size()) + " 个单位\n";
  o += std::string("  ") + (r.errors_included ? "有错误的报告已计入汇总" : "有错误的报告未计入汇总") + "\n";
  auto list = [&](const char* title, const std::vector<int>& us) {
    if (us.empty()) return;
    o += std::string("  ") + title + "（" + std::to_string(us.size()) + "）：";
    for (size_t i = 0; i < us.size(); ++i) o += (i ? "、" : "") + v.units[us[i]].name;
    o += "\n";
  };
  list("未发布", r.missing);
  list(r.errors_included ? "报告有错误（已计入）" : "报告有错误（未计入）", r.with_errors);
  if (!r.failed_relations.empty()) {
    o += "  汇总后不成立的表内关系：";
    for (size_t i = 0; i < r.failed_relations.size(); ++i) o += (i ? "、" : "") + r.failed_relations[i];
    o += "\n";
  }
  const auto& cols = store::cell_columns();
  auto cells = all_cells(r.record);
  for (size_t k = 0; k < cells.size(); ++k) {
    const Cell& c = *cells[k].cell;
    if (!c.known()) continue;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", *c.value);
    o += "  " + cols[k].label + "\t" + buf;
    size_t nz = 0;
    for (const auto& s : r.sources[k]) nz += s.second != 0;
    if (nz) o += "\t来自 " + std::to_string(nz) + " 个单位";
    if (!r.lacking[k].empty()) o += "\t" + std::to_string(r.lacking[k].size()) + " 个单位未填";
    o += "\n";
  }
  return o;
}

}  // namespace gk::region
