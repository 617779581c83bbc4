#include "store/export.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/cellpack.h"
#include "store/columns.h"
#include "model/verify.h"

namespace gk::store {

namespace {

Value col(Stmt& st, int i) {
  if (st.is_null(i)) return std::monostate{};
  return st.str(i);
}
Value int_col(Stmt& st, int i) {
  if (st.is_null(i)) return std::monostate{};
  return st.i64(i);
}

struct Meta {
  const char* name;
  const char* zh;
};

const Meta kWideMeta[] = {
    {"sha256", "内容哈希"},          {"path", "文件路径"},           {"paths", "文件数"},
    {"agency", "机关名称"},          {"agency_normalized", "机关（规范化）"}, {"level", "层级"},
    {"region", "地区"},              {"year", "年度"},               {"template", "模板"},
    {"title", "标题"},               {"publication_date", "发布日期"}, {"parser_version", "解析器版本"},
    {"errors", "错误数"},            {"warnings", "警告数"},         {"prev_report", "上一年报告哈希"},
    {"verified_share", "已核验单元格比例"},
    {"cells_verified", "已核验单元格数"}, {"cells_consistent", "无矛盾单元格数"},
    {"cells_contradicted", "有矛盾单元格数"}, {"cells_recovered", "已推算单元格数"}, {"cells_missing", "缺失单元格数"},
    {"reuse_jaccard", "文字雷同度（全文，Jaccard）"}, {"reuse_containment", "本年文字见于上一年的比例"},
    {"reuse_s1_jaccard", "文字雷同度·第一部分"}, {"reuse_s2_jaccard", "文字雷同度·第二部分"},
    {"reuse_s3_jaccard", "文字雷同度·第三部分"}, {"reuse_s4_jaccard", "文字雷同度·第四部分"},
    {"reuse_s5_jaccard", "文字雷同度·第五部分"}, {"reuse_s6_jaccard", "文字雷同度·第六部分"},
};
constexpr int kWideMetaN = sizeof(kWideMeta) / sizeof(kWideMeta[0]);

size_t wide(Db& db, TableSink& sink, bool zh) {
  const auto& cols = cell_columns();
  std::vector<std::string> head;
  for (const auto& m : kWideMeta) head.push_back(zh ? m.zh : m.name);
  for (const auto& c : cols) head.push_back(zh ? c.label : c.name);
  sink.header(head);

  auto st = db.prepare(R"SQL(
    SELECT r.sha256, r.path, (SELECT count(*) FROM files f WHERE f.sha256=r.sha256),
           r.agency, r.agency_normalized, r.level, r.region, r.year, r.template, r.title,
           r.publication_date, r.parser_version,
           (SELECT count(*) FROM diagnostics d WHERE d.report=r.id AND d.severity='error'),
           (SELECT count(*) FROM diagnostics d WHERE d.report=r.id AND d.severity='warning'),
           r.prev_report, x.cells, r.id, r.verified_share
    FROM reports r JOIN report_data x ON x.id=r.id ORDER BY r.agency_normalized NULLS FIRST, r.year NULLS FIRST, r.sha256)SQL");
  auto reuse = db.prepare("SELECT section, jaccard, containment FROM reuse WHERE report=?");
  size_t n = 0;
  while (st.step()) {
    std::vector<Value> row;
    row.reserve(head.size());
    for (int i = 0; i < 15; ++i) {
      if (i == 2 || i == 7 || i == 12 || i == 13) row.push_back(int_col(st, i));
      else row.push_back(col(st, i));
    }
    std::vector<PackedCell> packed = unpack_cells(st.str(15));
    int64_t by[5] = {0, 0, 0, 0, 0};  // Verification order: missing, consistent, verified, contradicted, recovered
    for (size_t k = 0; k < packed.size() && k < cols.size(); ++k)
      if (packed[k].status != CellStatus::Absent) ++by[static_cast<int>(packed[k].verification)];
    row.push_back(st.is_null(17) ? Value(std::monostate{}) : Value(st.f64(17)));
    for (int v : {2, 1, 3, 4, 0}) row.push_back(by[v]);
    std::vector<Value> ru(8);
    reuse.bind(1, st.i64(16));
    while (reuse.step()) {
      int s = static_cast<int>(reuse.i64(0));
      if (s == 0) {
        ru[0] = reuse.f64(1);
        ru[1] = reuse.f64(2);
      } else if (s >= 1 && s <= 6) {
        ru[1 + s] = reuse.f64(1);
      }
    }
    reuse.reset();
    row.insert(row.end(), ru.begin(), ru.end());
    std::vector<Value> cv(cols.size());
    for (size_t k = 0; k < packed.size() && k < cv.size(); ++k)
      if (packed[k].value) cv[k] = *packed[k].value;
    row.insert(row.end(), cv.begin(), cv.end());
    (void)kWideMetaN;
    sink.row(row);
    ++n;
  }
  sink.close();
  return n;
}

size_t long_table(Db& db, TableSink& sink, bool zh) {
  if (zh)
    sink.header({"内容哈希", "机关名称", "机关（规范化）", "年度", "单元格路径", "单元格", "数值", "状态", "行号", "核验"});
  else
    sink.header({"sha256", "agency", "agency_normalized", "year", "cell", "column", "value", "status", "line",
                 "verification"});
  auto st = db.prepare(R"SQL(
    SELECT r.sha256, r.agency, r.agency_normalized, r.year, x.cells
    FROM reports r JOIN report_data x ON x.id=r.id ORDER BY r.agency_normalized NULLS FIRST, r.year NULLS FIRST, r.sha256)SQL");
  const auto& cols = cell_columns();
  size_t n = 0;
  while (st.step()) {
    std::string sha = st.str(0);
    std::vector<PackedCell> packed = unpack_cells(st.str(4));
    for (size_t k = 0; k < packed.size() && k < cols.size(); ++k) {
      const PackedCell& c = packed[k];
      Value v = c.value ? Value(*c.value) : Value(std::monostate{});
      Value line = c.line ? Value(static_cast<int64_t>(c.line)) : Value(std::monostate{});
      sink.row({sha, col(st, 1), col(st, 2), int_col(st, 3), cols[k].path, zh ? cols[k].label : cols[k].name, v,
                std::string(cell_status_name(c.status)), line,
                std::string(zh ? verification_name_zh(c.verification) : verification_name(c.verification))});
      ++n;
    }
  }
  sink.close();
  return n;
}

size_t diagnostics(Db& db, TableSink& sink, bool zh) {
  if (zh)
    sink.header({"内容哈希", "文件路径", "机关名称", "机关（规范化）", "层级", "年度", "来源", "规则", "规则类",
                 "级别", "说明", "行号", "单元格"});
  else
    sink.header({"sha256", "path", "agency", "agency_normalized", "level", "year", "origin", "rule", "rule_base",
                 "severity", "message", "line", "cells"});
  auto st = db.prepare(R"SQL(
    SELECT r.sha256, r.path, r.agency, r.agency_normalized, r.level, r.year, d.origin, d.rule, d.rule_base,
           d.severity, d.message, d.line, d.cells
    FROM diagnostics d JOIN reports r ON r.id=d.report
    ORDER BY r.agency_normalized NULLS FIRST, r.year NULLS FIRST, r.sha256, d.id)SQL");
  size_t n = 0;
  while (st.step()) {
    std::vector<Value> row;
    for (int i = 0; i < 13; ++i) row.push_back(i == 5 || i == 11 ? int_col(st, i) : col(st, i));
    if (zh) {
      if (auto* o = std::get_if<std::string>(&row[6])) *o = *o == "xyear" ? "跨年度" : "单份报告";
      if (auto* s = std::get_if<std::string>(&row[9]))
        *s = *s == "error" ? "错误" : *s == "warning" ? "警告" : "附注";
    }
    sink.row(row);
    ++n;
  }
  sink.close();
  return n;
}

}  // namespace

size_t export_table(Db& db, TableSink& sink, const ExportOptions& opt) {
  switch (opt.table) {
    case ExportTable::Wide: return wide(db, sink, opt.labels_zh);
    case ExportTable::Long: return long_table(db, sink, opt.labels_zh);
    case ExportTable::Diagnostics: return diagnostics(db, sink, opt.labels_zh);
  }
  return 0;
}

}  // namespace gk::store
