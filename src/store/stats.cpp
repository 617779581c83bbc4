#include "store/stats.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "model/report.h"
#include "store/cellpack.h"
#include "store/columns.h"
#include "check/reuse.h"

namespace gk::store {

using oj = nlohmann::ordered_json;

namespace {

int64_t scalar(Db& db, const std::string& sql) {
  auto st = db.prepare(sql);
  return st.step() ? st.i64(0) : 0;
}

std::string id_list(const std::vector<int64_t>& ids) {
  std::string o;
  for (int64_t id : ids) o += (o.empty() ? "" : ",") + std::to_string(id);
  return o;
}

// The reports a filter keeps, as a condition on the reports alias `r`.
std::string scope(const StatsFilter& f, const char* r = "r") {
  std::string w;
  std::string a = r;
  if (f.year) w += " AND " + a + ".year = " + std::to_string(f.year);
  if (f.restrict_ids) w += " AND " + a + ".id IN (" + id_list(f.only_ids) + ")";
  if (!f.exclude_ids.empty()) w += " AND " + a + ".id NOT IN (" + id_list(f.exclude_ids) + ")";
  if (!f.region_like.empty()) {
    std::string q;
    for (char c : f.region_like) {
      if (c == '\'' ) q += "''";
      else if (c == '%' || c == '_') continue;
      else q.push_back(c);
    }
    w += " AND (" + a + ".region LIKE '%" + q + "%' OR " + a + ".agency_normalized LIKE '%" + q + "%')";
  }
  return w;
}

oj distribution(Db& db, const std::string& sql) {
  oj out = oj::array();
  auto st = db.prepare(sql);
  while (st.step()) {
    oj e;
    e["key"] = st.is_null(0) ? oj(nullptr) : oj(st.str(0));
    e["reports"] = st.i64(1);
    out.push_back(e);
  }
  return out;
}

// Outcome categories of Table 2 (rows by index range) on the 总计 column.
struct Category {
  const char* key;
  const char* zh;
  int first, last;
};
const Category kCategories[] = {
    {"new", "本年新收", R_NEW, R_NEW},
    {"carried_over", "上年结转", R_CARRIED_OVER, R_CARRIED_OVER},
    {"granted", "予以公开", R_GRANTED, R_GRANTED},
    {"partial", "部分公开", R_PARTIAL, R_PARTIAL},
    {"denied", "不予公开", R_DENIED_FIRST, R_DENIED_LAST},
    {"unable", "无法提供", R_UNABLE_FIRST, R_UNABLE_LAST},
    {"not_processed", "不予处理", R_NOTPROC_FIRST, R_NOTPROC_LAST},
    {"other", "其他处理", R_OTHER_NO_CORRECTION, R_OTHER_OTHER},
    {"total", "办理结果总计", R_TOTAL, R_TOTAL},
    {"carried_forward", "结转下年度", R_CARRIED_FORWARD, R_CARRIED_FORWARD},
};

}  // namespace

oj corpus_stats(Db& db, int top) { return corpus_stats(db, top, StatsFilter{}); }

oj corpus_stats(Db& db, int top, const StatsFilter& f) {
  oj s;
  oj t;
  const std::string w = scope(f);
  const std::string dj = " JOIN reports r ON r.id = d.report WHERE 1=1" + w;  // diagnostics in scope
  if (!f.active()) {
    t["files"] = scalar(db, "SELECT count(*) FROM files");
    t["files_ok"] = scalar(db, "SELECT count(*) FROM files WHERE status='ok'");
    t["files_failed"] = scalar(db, "SELECT count(*) FROM files WHERE status='failed'");
    t["duplicate_files"] = scalar(
        db, "SELECT count(*) - count(DISTINCT sha256) FROM files WHERE status='ok' AND sha256 IS NOT NULL");
  }
  t["reports"] = scalar(db, "SELECT count(*) FROM reports r WHERE 1=1" + w);
  t["agencies"] = scalar(db, "SELECT count(DISTINCT agency_normalized) FROM reports r WHERE 1=1" + w);
  t["reports_with_errors"] =
      scalar(db, "SELECT count(DISTINCT d.report) FROM diagnostics d" + dj + " AND d.severity='error'");
  t["reports_with_warnings"] =
      scalar(db, "SELECT count(DISTINCT d.report) FROM diagnostics d" + dj + " AND d.severity='warning'");
  t["linked_to_previous_year"] = scalar(db, "SELECT count(*) FROM reports r WHERE prev_report IS NOT NULL" + w);
  if (!f.exclude_ids.empty()) t["superseded_versions_excluded"] = static_cast<int64_t>(f.exclude_ids.size());
  s["totals"] = t;
  s["by_year"] = distribution(db, "SELECT year, count(*) FROM reports r WHERE 1=1" + w + " GROUP BY year ORDER BY year NULLS FIRST");
  s["by_level"] = distribution(db, "SELECT level, count(*) FROM reports r WHERE 1=1" + w + " GROUP BY level ORDER BY 2 DESC, 1 NULLS FIRST");
  s["by_region"] = distribution(
      db, "SELECT CASE WHEN region='' THEN NULL ELSE region END, count(*) FROM reports r WHERE 1=1" + w + " GROUP BY 1 "
          "ORDER BY 2 DESC, 1 NULLS FIRST LIMIT " + std::to_string(top));
  s["by_template"] = distribution(db, "SELECT template, count(*) FROM reports r WHERE 1=1" + w + " GROUP BY 1 ORDER BY 1 NULLS FIRST");

  // One pass over the packed cells: outcome sums (总计 column per category and
  // year) and appeals (复议 / 诉讼 by result).
  {
    std::map<int, std::map<std::string, double>> by_year;
    std::map<std::string, double> all;
    double appeals[kT3Rows][kT3Cols] = {};
    auto st = db.prepare("SELECT r.year, x.cells FROM reports r JOIN report_data x ON x.id=r.id WHERE 1=1" + w);
    while (st.step()) {
      int year = st.is_null(0) ? 0 : static_cast<int>(st.i64(0));
      std::vector<PackedCell> cells;
      try {
        cells = unpack_cells(st.str(1));
      } catch (const std::exception&) {
        continue;  // a damaged row does not stop the statistics
      }
      if (cells.size() != cell_columns().size()) continue;
      for (const auto& c : kCategories)
        for (int r = c.first; r <= c.last; ++r)
          if (const auto& v = cells[cell_index(t2_path(r, 6))].value) {
            by_year[year][c.key] += *v;
            all[c.key] += *v;
          }
      for (int r = 0; r < kT3Rows; ++r)
        for (int c = 0; c < kT3Cols; ++c)
          if (const auto& v = cells[cell_index(t3_path(r, c))].value) appeals[r][c] += *v;
    }
    oj out;
    oj cats = oj::array();
    for (const auto& c : kCategories) cats.push_back({{"key", c.key}, {"label", c.zh}, {"total", all[c.key]}});
    out["all_years"] = cats;
    oj years = oj::array();
    for (const auto& [y, m] : by_year) {
      oj e;
      e["year"] = y ? oj(y) : oj(nullptr);
      for (const auto& c : kCategories) e[c.key] = m.count(c.key) ? m.at(c.key) : 0.0;
      years.push_back(e);
    }
    out["by_year"] = years;
    s["outcomes"] = out;
    oj ap = oj::array();
    for (int r = 0; r < kT3Rows; ++r) {
      oj e;
      e["key"] = kT3RowKeys[r];
      e["label"] = kT3RowLabels[r];
      for (int c = 0; c < kT3Cols; ++c) e[kT3ColKeys[c]] = appeals[r][c];
      ap.push_back(e);
    }
    s["appeals"] = ap;
  }
  // Error rates by rule (share of all reports with at least one finding of the rule).
  {
    int64_t reports = std::max<int64_t>(1, s["totals"]["reports"].get<int64_t>());
    oj out = oj::array();
    auto st = db.prepare(
        "SELECT d.rule_base, d.severity, count(DISTINCT d.report), count(*) FROM diagnostics d" + dj +
        " AND d.severity IN ('error','warning') GROUP BY 1, 2 ORDER BY 3 DESC, 1");
    while (st.step()) {
      oj e;
      e["rule"] = st.str(0);
      e["severity"] = st.str(1);
      e["reports"] = st.i64(2);
      e["findings"] = st.i64(3);
      e["rate"] = static_cast<double>(st.i64(2)) / static_cast<double>(reports);
      out.push_back(e);
    }
    s["rules"] = out;
  }
  // Agencies with the most findings.
  {
    oj out = oj::array();
    auto st = db.prepare(
        ("SELECT r.agency_normalized, min(r.agency), min(r.level), count(DISTINCT r.sha256), "
         "sum(CASE WHEN d.severity='error' THEN 1 ELSE 0 END), sum(CASE WHEN d.severity='warning' THEN 1 ELSE 0 END) "
         "FROM reports r JOIN diagnostics d ON d.report=r.id WHERE d.severity IN ('error','warning')" + w +
         " GROUP BY r.agency_normalized ORDER BY count(*) DESC, 1 NULLS FIRST LIMIT " + std::to_string(top)));
    while (st.step()) {
      oj e;
      e["agency"] = st.str(0);
      e["example_name"] = st.str(1);
      e["level"] = st.str(2);
      e["reports"] = st.i64(3);
      e["errors"] = st.i64(4);
      e["warnings"] = st.i64(5);
      out.push_back(e);
    }
    s["top_agencies"] = out;
  }
  // Year-over-year text reuse.
  {
    oj out;
    auto st = db.prepare(
        "SELECT count(*), avg(u.jaccard), avg(u.containment), sum(CASE WHEN u.jaccard >= ? THEN 1 ELSE 0 END) FROM reuse u "
        "JOIN reports r ON r.id = u.report WHERE u.section=0" + w);
    st.bind(1, kBoilerplateJaccard);
    if (st.step()) {
      out["pairs"] = st.i64(0);
      out["mean_jaccard"] = st.is_null(1) ? oj(nullptr) : oj(st.f64(1));
      out["mean_containment"] = st.is_null(2) ? oj(nullptr) : oj(st.f64(2));
      out["pairs_above_threshold"] = st.is_null(3) ? 0 : st.i64(3);
    }
    out["threshold_jaccard"] = kBoilerplateJaccard;
    oj secs = oj::array();
    auto ss = db.prepare(
        "SELECT u.section, count(*), avg(u.jaccard), avg(u.containment) FROM reuse u JOIN reports r ON r.id = u.report "
        "WHERE u.section>0" + w + " GROUP BY 1 ORDER BY 1");
    while (ss.step())
      secs.push_back({{"section", ss.i64(0)}, {"pairs", ss.i64(1)}, {"mean_jaccard", ss.f64(2)},
                      {"mean_containment", ss.f64(3)}});
    out["by_section"] = secs;
    // The tenth the share falls in (0.9 and above: the last), as CAST(jaccard*10 AS INTEGER)
    // capped at 9 would give, written so that both backends truncate alike.
    std::string bucket = "CASE WHEN u.jaccard IS NULL THEN NULL";
    for (int b = 9; b >= 1; --b) bucket += " WHEN u.jaccard*10 >= " + std::to_string(b) + " THEN " + std::to_string(b);
    bucket += " ELSE 0 END";
    oj hist = oj::array();
    auto hs = db.prepare(
        "SELECT " + bucket + ", count(*) FROM reuse u JOIN reports r ON r.id = u.report "
        "WHERE u.section=0" + w + " GROUP BY 1 ORDER BY 1");
    while (hs.step()) {
      int b = static_cast<int>(hs.i64(0));
      char label[32];
      std::snprintf(label, sizeof label, "%.1f-%.1f", b / 10.0, (b + 1) / 10.0);
      hist.push_back({{"bucket", label}, {"pairs", hs.i64(1)}});
    }
    out["histogram"] = hist;
    out["boilerplate_reports"] =
        scalar(db, "SELECT count(DISTINCT d.report) FROM diagnostics d" + dj + " AND d.rule_base='C-BOILERPLATE'");
    s["reuse"] = out;
  }
  // Why files failed (files have no year or region: only without a filter).
  if (!f.active()) {
    oj out = oj::array();
    auto st = db.prepare("SELECT error, count(*) FROM files WHERE status='failed' GROUP BY 1 ORDER BY 2 DESC LIMIT " +
                         std::to_string(top));
    while (st.step()) out.push_back({{"error", st.str(0)}, {"files", st.i64(1)}});
    s["failures"] = out;
  }
  // Every figure split by year: the same statistics for each year in scope.
  if (!f.year && f.split_years) {
    oj years = oj::array();
    std::vector<int> ys;
    {
      auto st = db.prepare("SELECT DISTINCT year FROM reports r WHERE year IS NOT NULL AND year > 0" + w + " ORDER BY 1");
      while (st.step()) ys.push_back(static_cast<int>(st.i64(0)));
    }
    for (int y : ys) {
      StatsFilter fy = f;
      fy.year = y;
      fy.split_years = false;
      oj e = corpus_stats(db, top, fy);
      e["year"] = y;
      years.push_back(std::move(e));
    }
    s["years"] = years;
  }
  return s;
}

namespace {
std::string fmt_num(const oj& v) {
  char buf[48];
  if (v.is_null()) return "—";
  double d = v.get<double>();
  if (d == static_cast<int64_t>(d)) std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
  else std::snprintf(buf, sizeof buf, "%.2f", d);
  return buf;
}
std::string fmt_pct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
  return buf;
}
std::string key_or(const oj& k, const char* none) { return k.is_null() ? none : k.get<std::string>(); }
}  // namespace

std::string stats_text(const oj& s) {
  std::string o;
  const oj& t = s["totals"];
  o += "== 总体\n";
  if (t.contains("files"))
    o += "  文件 " + fmt_num(t["files"]) + "（成功 " + fmt_num(t["files_ok"]) + "，失败 " +
         fmt_num(t["files_failed"]) + "，重复 " + fmt_num(t["duplicate_files"]) + "）\n";
  if (t.contains("superseded_versions_excluded"))
    o += "  同一单位同一年度的旧版本 " + fmt_num(t["superseded_versions_excluded"]) + " 份未计入（只计当前版本）\n";
  o += "  报告 " + fmt_num(t["reports"]) + " 份，机关 " + fmt_num(t["agencies"]) + " 个；有错误的报告 " +
       fmt_num(t["reports_with_errors"]) + " 份，有警告的 " + fmt_num(t["reports_with_warnings"]) +
       " 份；与上一年报告关联的 " + fmt_num(t["linked_to_previous_year"]) + " 份\n";
  auto dist = [&](const char* title, const oj& d, const char* none) {
    o += std::string("== ") + title + "\n";
    for (const auto& e : d) o += "  " + key_or(e["key"], none) + "\t" + fmt_num(e["reports"]) + "\n";
  };
  dist("按年度", s["by_year"], "（未知）");
  dist("按层级", s["by_level"], "（未知）");
  dist("按地区（前列）", s["by_region"], "（名称中无地区）");
  o += "== 依申请公开办理结果（总计列合计）\n";
  for (const auto& c : s["outcomes"]["all_years"])
    o += "  " + c["label"].get<std::string>() + "\t" + fmt_num(c["total"]) + "\n";
  o += "== 行政复议、行政诉讼（结果维持 / 纠正 / 其他 / 尚未审结 / 总计）\n";
  for (const auto& a : s["appeals"])
    o += "  " + a["label"].get<std::string>() + "\t" + fmt_num(a["upheld"]) + " / " + fmt_num(a["corrected"]) +
         " / " + fmt_num(a["other"]) + " / " + fmt_num(a["pending"]) + " / " + fmt_num(a["total"]) + "\n";
  o += "== 各规则出错率（有该问题的报告 / 全部报告）\n";
  for (const auto& r : s["rules"])
    o += "  " + r["rule"].get<std::string>() + "（" + (r["severity"] == "error" ? "错误" : "警告") + "）\t" +
         fmt_num(r["reports"]) + " 份\t" + fmt_pct(r["rate"].get<double>()) + "\n";
  o += "== 问题最多的机关\n";
  for (const auto& a : s["top_agencies"])
    o += "  " + a["agency"].get<std::string>() + "（" + a["level"].get<std::string>() + "）\t报告 " +
         fmt_num(a["reports"]) + " 份，错误 " + fmt_num(a["errors"]) + "，警告 " + fmt_num(a["warnings"]) + "\n";
  const oj& ru = s["reuse"];
  o += "== 与上一年报告的文字雷同\n";
  o += "  比较 " + fmt_num(ru["pairs"]) + " 对，平均相似度 " +
       (ru["mean_jaccard"].is_null() ? std::string("—") : fmt_pct(ru["mean_jaccard"].get<double>())) +
       "，本年文字见于上一年的平均比例 " +
       (ru["mean_containment"].is_null() ? std::string("—") : fmt_pct(ru["mean_containment"].get<double>())) +
       "；判为雷同（C-BOILERPLATE）的报告 " + fmt_num(ru["boilerplate_reports"]) + " 份\n";
  for (const auto& h : ru["histogram"])
    o += "  相似度 " + h["bucket"].get<std::string>() + "\t" + fmt_num(h["pairs"]) + " 对\n";
  if (s.contains("years") && !s["years"].empty()) {
    o += "== 分年度（每个数字按年度拆分）\n";
    o += "  年度\t报告\t机关\t有错误\t有警告\t与上年关联\t新收申请\t办理结果总计\t行政复议\t行政诉讼\n";
    for (const auto& y : s["years"]) {
      const oj& yt = y["totals"];
      double newc = 0, total = 0;
      for (const auto& c : y["outcomes"]["all_years"]) {
        if (c["key"] == "new") newc = c["total"].get<double>();
        if (c["key"] == "total") total = c["total"].get<double>();
      }
      double review = y["appeals"][0]["total"].get<double>();
      double lit = y["appeals"][1]["total"].get<double>() + y["appeals"][2]["total"].get<double>();
      o += "  " + std::to_string(y["year"].get<int>()) + "\t" + fmt_num(yt["reports"]) + "\t" + fmt_num(yt["agencies"]) +
           "\t" + fmt_num(yt["reports_with_errors"]) + "\t" + fmt_num(yt["reports_with_warnings"]) + "\t" +
           fmt_num(yt["linked_to_previous_year"]) + "\t" + fmt_num(oj(newc)) + "\t" + fmt_num(oj(total)) + "\t" +
           fmt_num(oj(review)) + "\t" + fmt_num(oj(lit)) + "\n";
    }
    o += "  （各年度的全部数字见 --format json 的 years）\n";
  }
  if (s.contains("failures") && !s["failures"].empty()) {
    o += "== 读取失败的原因\n";
    for (const auto& f : s["failures"]) o += "  " + fmt_num(f["files"]) + "\t" + f["error"].get<std::string>() + "\n";
  }
  return o;
}

}  // namespace gk::store
