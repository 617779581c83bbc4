// A generated region for the region tests and bench/region_bench: a county
// (青山市/青山县) with its government, departments and townships over several
// years, built from corpus_synth's chained records, with planted cases —
// units missing a year, late, renamed, publishing twice, with arithmetic
// errors, copying last year's or a peer's text — and a neighbouring county
// (白水县) whose 教育局 makes a bare "教育局" ambiguous.
#pragma once

#include <map>
#include <random>
#include <string>
#include <vector>

#include "check/check.h"
#include "corpus_synth.h"
#include "model/report.h"
#include "model/json.h"
#include "render/render.h"
#include "store/corpus.h"
#include "store/region_tables.h"
#include "util/sha256.h"

namespace gk::synth {

struct GenUnit {
  std::string uid, name, level, parent;
  std::vector<std::string> aliases, former;
};

struct GenReport {
  int unit = -1;        // index into GenRegion::units; -1 for a report of no listed unit
  int year = 0;
  std::string file;     // relative file name of the record JSON
  std::string published;  // 发布日期 in the side file
  bool current = true;  // the version the roll-up must use
  Report report;
};

struct GenRegion {
  std::vector<GenUnit> units;
  std::vector<GenReport> reports;
  // Planted cases, by unit index.
  int missing_dept = -1, missing_town = -1, late_dept = -1, late_town = -1, renamed = -1, twice = -1,
      with_errors = -1, copies_prev = -1, copies_peer = -1, peer_source = -1;
  int first_year = 2020, years = 5;
  int last_year() const { return first_year + years - 1; }

  std::string units_csv() const {
    std::string s = "单位编号,名称,别名,曾用名,层级,上级地区\n";
    for (const auto& u : units) {
      auto join = [](const std::vector<std::string>& v) {
        std::string o;
        for (const auto& x : v) o += (o.empty() ? "" : "；") + x;
        return o;
      };
      s += u.uid + "," + u.name + "," + join(u.aliases) + "," + join(u.former) + "," + u.level + "," + u.parent + "\n";
    }
    return s;
  }
  std::string publications_csv() const {
    std::string s = "路径,网址,发布日期,来源网站\n";
    for (const auto& r : reports)
      s += r.file + ",https://example.gov.cn/" + r.file + "," + r.published + ",青山县人民政府门户网站\n";
    return s;
  }
};

inline const std::vector<std::string>& department_names() {
  static const std::vector<std::string> d = {
      "发展和改革局", "教育局", "科学技术局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局",
      "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局",
      "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局",
      "统计局", "医疗保障局", "林业局", "城市管理局", "行政审批服务局", "信访局", "档案局", "体育局",
      "粮食和物资储备局", "乡村振兴局", "数据资源管理局", "气象局", "人民防空办公室", "供销合作社", "机关事务服务中心"};
  return d;
}

inline const std::vector<std::string>& township_names() {
  static const std::vector<std::string> t = {"城关镇", "石桥镇", "河口镇", "青峰镇", "长岭乡", "白马乡", "花园乡",
                                             "东城街道", "西城街道", "南湖街道", "北山镇", "柳林镇", "桃源乡",
                                             "龙泉镇", "金山乡", "松岗镇"};
  return t;
}

// Make the record well-formed beyond its tables: the texts check() asks for.
inline void finish_texts(Report& r, int year, bool government) {
  r.publication_date.clear();
  r.t1_found = r.t2_found = r.t3_found = true;
  // Counties, townships and their departments make no 规章 (T1-REG-POWER).
  for (Cell* c : {&r.proactive.regulations.issued, &r.proactive.regulations.repealed, &r.proactive.regulations.in_force})
    c->value = 0;
  r.t1_line = 20, r.t2_line = 40, r.t3_line = 80;
  r.sections[0].text = std::string("本年度按要求开展政府信息公开工作考核、社会评议和责任追究。") + r.sections[0].text;
  r.sections[4].text = "（一）存在的主要问题。针对上一年度报告指出的公开及时性不足、解读不够深入等问题，本年度逐项整改。" +
                       r.sections[4].text + "（二）改进情况。" + std::to_string(year + 1) + "年将继续完善制度，加强培训。";
  r.sections[5].text = render::kFeeStatement;
}

inline GenRegion make_region(unsigned seed = 7, int departments = 30, int townships = 12, int first_year = 2020,
                             int years = 5) {
  GenRegion g;
  g.first_year = first_year;
  g.years = years;
  const std::string county = "青山县", parent = "青山市/青山县";
  g.units.push_back({"361100", "青山县人民政府", "县级政府", "青山市", {}, {}});
  const auto& dn = department_names();
  for (int i = 0; i < departments; ++i) {
    std::string name = county + dn[static_cast<size_t>(i) % dn.size()];
    if (i >= static_cast<int>(dn.size())) name = county + "第" + std::to_string(i) + "办公室";
    g.units.push_back({"D" + std::to_string(i + 1), name, "县级部门", parent, {}, {}});
  }
  const auto& tn = township_names();
  for (int i = 0; i < townships; ++i) {
    std::string base = tn[static_cast<size_t>(i) % tn.size()];
    if (i >= static_cast<int>(tn.size())) base = "第" + std::to_string(i) + "镇";
    bool street = base.find("街道") != std::string::npos;
    g.units.push_back({"T" + std::to_string(i + 1), county + base + (street ? "办事处" : "人民政府"), "乡镇/街道", parent,
                       {county + base}, {}});
  }
  // The neighbour whose 教育局 makes a bare "教育局" ambiguous.
  g.units.push_back({"BS2", "白水县教育局", "县级部门", "青山市/白水县", {}, {}});
  const int n_units = static_cast<int>(g.units.size());
  auto dept = [&](int i) { return 1 + i; };
  auto town = [&](int i) { return 1 + departments + i; };
  g.missing_dept = dept(4);
  g.missing_town = town(2);
  g.late_dept = dept(6);
  g.late_town = town(1);
  g.renamed = dept(15);  // 文化和旅游局, formerly 文化体育局
  g.twice = dept(11);
  g.with_errors = dept(14);
  g.copies_prev = dept(19);
  g.copies_peer = town(4);
  g.peer_source = town(3);
  const std::string former = county + "文化体育局";
  g.units[static_cast<size_t>(g.renamed)].former.push_back(former);

  for (int u = 0; u < n_units; ++u) {
    std::mt19937 rng(seed * 1000u + static_cast<unsigned>(u));
    Report prev;
    bool have_prev = false;
    for (int y = first_year; y < first_year + years; ++y) {
      const GenUnit& unit = g.units[static_cast<size_t>(u)];
      std::string agency = unit.name;
      if (u == g.renamed && y < first_year + 2) agency = former;  // renamed in the third year
      Report r = make_report(rng, agency, y, have_prev ? &prev : nullptr);
      finish_texts(r, y, unit.level == "县级政府");
      if (u == g.copies_prev && y == g.last_year() && have_prev)
        for (int s = 0; s < 6; ++s) r.sections[s].text = prev.sections[s].text;
      prev = r;
      have_prev = true;
      bool skip = (u == g.missing_dept && y == first_year + 2) || (u == g.missing_town && y >= g.last_year() - 1);
      if (skip) continue;
      std::string date = std::to_string(y + 1) + (unit.level == "县级政府" || unit.level == "乡镇/街道" ? "-03-" : "-01-") +
                         std::to_string(10 + (u % 15));
      if (u == g.late_dept && y == g.last_year()) date = std::to_string(y + 1) + "-02-15";
      if (u == g.late_town && y == g.last_year()) date = std::to_string(y + 1) + "-04-10";
      GenReport gr;
      gr.unit = u;
      gr.year = y;
      gr.published = date;
      gr.file = std::to_string(y) + "/" + unit.uid + ".json";
      gr.report = r;
      if (u == g.with_errors && y == g.last_year()) gr.report.applications[R_NEW][6].value = *r.applications[R_NEW][6].value + 3;
      if (u == g.twice && y == g.last_year() - 1) {
        // A first version published early, replaced by a corrected one a month later.
        GenReport first = gr;
        first.file = std::to_string(y) + "/" + unit.uid + "-初稿.json";
        first.published = std::to_string(y + 1) + "-01-05";
        first.current = false;
        first.report.proactive.licensing.value = *r.proactive.licensing.value + 7;
        first.report.sections[0].text += "（初稿）";
        g.reports.push_back(std::move(first));
      }
      g.reports.push_back(std::move(gr));
    }
  }
  // Peer copying: one township's last-year text is another's.
  for (auto& r : g.reports)
    if (r.unit == g.copies_peer && r.year == g.last_year())
      for (const auto& s : g.reports)
        if (s.unit == g.peer_source && s.year == g.last_year())
          for (int k = 0; k < 5; ++k) r.report.sections[k].text = s.report.sections[k].text;
  // A report whose bare name fits 青山县教育局 and 白水县教育局 alike.
  {
    std::mt19937 rng(seed);
    GenReport amb;
    amb.year = g.last_year();
    amb.report = make_report(rng, "教育局", amb.year, nullptr);
    finish_texts(amb.report, amb.year, false);
    amb.file = std::to_string(amb.year) + "/教育局.json";
    amb.published = std::to_string(amb.year + 1) + "-01-20";
    amb.current = false;
    g.reports.push_back(std::move(amb));
  }
  for (auto& r : g.reports) check(r.report);
  return g;
}

// The generated region into a corpus database through the corpus writer (the
// reports with their check() findings, files under /county/), its publication
// dates and its unit list.
inline void write_region_db(GenRegion& g, const std::string& db) {
  store::Corpus corpus(db);
  corpus.begin();
  std::vector<store::PublicationRow> pubs;
  for (auto& r : g.reports) {
    store::FileInfo f;
    f.path = "/county/" + r.file;
    f.sha256 = sha256_hex(to_json(r.report).dump());
    r.report.sha256 = f.sha256;
    r.report.path = f.path;
    corpus.put_report(r.report, f, "synth");
    pubs.push_back({f.path, "", r.published, "青山县人民政府门户网站", "synth"});
  }
  corpus.commit();
  store::Tx tx(corpus.db());
  store::put_publications(corpus.db(), pubs);
  std::vector<store::UnitRow> units;
  for (const auto& u : g.units) units.push_back({0, u.uid, u.name, u.level, u.parent, "", u.aliases, u.former});
  store::upsert_units(corpus.db(), units);
  tx.commit();
}

}  // namespace gk::synth
