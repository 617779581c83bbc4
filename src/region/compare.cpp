#include "region/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "model/json.h"
#include "region/coverage.h"
#include "region/rollup.h"
#include "store/columns.h"
#include "store/corpus.h"
#include "check/reuse.h"

namespace gk::region {

bool is_swing(double before, double after) {
  double hi = std::max(std::fabs(before), std::fabs(after));
  if (hi < 20) return false;
  return after >= 2 * before || after <= before / 2;
}

std::vector<std::string> sentences(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    size_t a = cur.find_first_not_of(" \t\r\n");
    if (a != std::string::npos) {
      size_t b = cur.find_last_not_of(" \t\r\n");
      out.push_back(cur.substr(a, b - a + 1));
    }
    cur.clear();
  };
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      flush();
      ++i;
      continue;
    }
    bool end = false;
    for (const char* p : {"。", "！", "？", "；"})
      if (text.compare(i, 3, p) == 0) {
        cur.append(text, i, 3);
        i += 3;
        flush();
        end = true;
        break;
      }
    if (!end) cur.push_back(text[i++]);
  }
  flush();
  return out;
}

namespace {

// Longest common subsequence over sentences: the diff as a list of operations.
std::vector<SentenceOp> diff(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> L(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;) L[i][j] = a[i] == b[j] ? L[i + 1][j + 1] + 1 : std::max(L[i + 1][j], L[i][j + 1]);
  std::vector<SentenceOp> ops;
  size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] == b[j]) ops.push_back({'=', a[i]}), ++i, ++j;
    else if (L[i + 1][j] >= L[i][j + 1]) ops.push_back({'-', a[i++]});
    else ops.push_back({'+', b[j++]});
  }
  while (i < n) ops.push_back({'-', a[i++]});
  while (j < m) ops.push_back({'+', b[j++]});
  return ops;
}

std::string num(const std::optional<double>& v) {
  if (!v) return "—";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%g", *v);
  return buf;
}

}  // namespace

Comparison compare(const Report& a, const Report& b) {
  Comparison c;
  c.a_label = a.agency + (a.year ? " " + std::to_string(a.year) : "");
  c.b_label = b.agency + (b.year ? " " + std::to_string(b.year) : "");
  auto ca = all_cells(a), cb = all_cells(b);
  for (size_t k = 0; k < ca.size(); ++k) {
    const auto &x = ca[k].cell->value, &y = cb[k].cell->value;
    if (x == y) {
      ++c.cells_same;
      continue;
    }
    CellChange ch;
    ch.path = ca[k].path;
    ch.label = store::column_label(ch.path);
    ch.a = x;
    ch.b = y;
    ch.swing = x && y && is_swing(*x, *y);
    c.cells.push_back(std::move(ch));
  }
  std::vector<std::string_view> ta, tb;
  for (int s = 0; s < 6; ++s) {
    SectionDiff d;
    d.number = s + 1;
    const std::string &x = a.sections[s].text, &y = b.sections[s].text;
    ta.push_back(x);
    tb.push_back(y);
    auto sim = similarity(shingle(y), shingle(x));
    d.jaccard = sim.jaccard;
    d.containment = sim.containment;
    d.ops = diff(sentences(x), sentences(y));
    c.sections.push_back(std::move(d));
  }
  auto pa = shingle_parts_and_whole(ta), pb = shingle_parts_and_whole(tb);
  auto whole = similarity(pb.back(), pa.back());
  c.reuse_jaccard = whole.jaccard;
  c.reuse_containment = whole.containment;
  return c;
}

nlohmann::ordered_json comparison_json(const Comparison& c) {
  using oj = nlohmann::ordered_json;
  oj j;
  j["a"] = c.a_label;
  j["b"] = c.b_label;
  j["cells_same"] = c.cells_same;
  oj cells = oj::array();
  for (const auto& ch : c.cells) {
    oj e;
    e["path"] = ch.path;
    e["label"] = ch.label;
    e["a"] = ch.a ? oj(*ch.a) : oj(nullptr);
    e["b"] = ch.b ? oj(*ch.b) : oj(nullptr);
    e["delta"] = ch.a && ch.b ? oj(*ch.b - *ch.a) : oj(nullptr);
    e["swing"] = ch.swing;
    cells.push_back(e);
  }
  j["cells"] = cells;
  oj secs = oj::array();
  for (const auto& s : c.sections) {
    oj ops = oj::array();
    for (const auto& o : s.ops) ops.push_back({{"op", std::string(1, o.op)}, {"text", o.text}});
    secs.push_back({{"section", s.number}, {"jaccard", s.jaccard}, {"containment", s.containment}, {"diff", ops}});
  }
  j["sections"] = secs;
  j["reuse"] = {{"jaccard", c.reuse_jaccard}, {"containment", c.reuse_containment}};
  return j;
}

std::string comparison_text(const Comparison& c) {
  auto pct = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
    return std::string(buf);
  };
  std::string o = "== 比较：A = " + c.a_label + "，B = " + c.b_label + "\n";
  o += "  单元格：相同 " + std::to_string(c.cells_same) + "，不同 " + std::to_string(c.cells.size()) + "\n";
  for (const auto& ch : c.cells)
    o += "  " + ch.label + "\t" + num(ch.a) + " → " + num(ch.b) + (ch.swing ? "\t变化幅度大" : "") + "\n";
  o += "== 文字：B 的文字见于 A 的比例 " + pct(c.reuse_containment) + "，相似度 " + pct(c.reuse_jaccard) + "\n";
  static const char* nums[] = {"一", "二", "三", "四", "五", "六"};
  for (const auto& s : c.sections) {
    size_t changed = 0;
    for (const auto& op : s.ops) changed += op.op != '=';
    o += std::string("  第") + nums[s.number - 1] + "部分：相似度 " + pct(s.jaccard) + "，改动 " +
         std::to_string(changed) + " 句\n";
    for (const auto& op : s.ops)
      if (op.op != '=') o += std::string("    ") + (op.op == '-' ? "删 " : "增 ") + op.text + "\n";
  }
  return o;
}

Report load_full_report(store::Db& db, int64_t id) {
  auto st = db.prepare("SELECT x.record, x.cells FROM report_data x WHERE x.id=?");
  st.bind(1, id);
  if (!st.step()) throw std::runtime_error("数据库中没有编号为 " + std::to_string(id) + " 的报告");
  Report r = from_json(store::stored_record(st.str(0), st.str(1)));
  auto ss = db.prepare("SELECT number, coalesce(heading,''), coalesce(line,0), coalesce(text,'') FROM sections WHERE report=?");
  ss.bind(1, id);
  while (ss.step()) {
    int n = static_cast<int>(ss.i64(0));
    if (n < 1 || n > 6) continue;
    Section& s = r.sections[n - 1];
    s.heading = ss.str(1);
    s.line = static_cast<int>(ss.i64(2));
    s.text = ss.str(3);
  }
  return r;
}

int64_t find_report_id(store::Db& db, const std::string& ref) {
  bool hex = ref.size() >= 6 && ref.size() <= 64 &&
             std::all_of(ref.begin(), ref.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  if (!hex) throw std::runtime_error("“" + ref + "”既不是文件，也不是报告的 SHA-256（至少 6 位十六进制）");
  auto st = db.prepare("SELECT id FROM reports WHERE sha256 >= ? AND sha256 < ? ORDER BY sha256 LIMIT 2");
  st.bind(1, ref).bind(2, ref + "g");
  std::vector<int64_t> ids;
  while (st.step()) ids.push_back(st.i64(0));
  if (ids.empty()) throw std::runtime_error("数据库中没有 SHA-256 以“" + ref + "”开头的报告");
  if (ids.size() > 1) throw std::runtime_error("SHA-256 前缀“" + ref + "”对应多份报告，请多写几位");
  return ids[0];
}

namespace {
struct PanelFigure {
  const char* name;
  const char* zh;
  std::string path;
};
const std::vector<PanelFigure>& panel_figures() {
  static const std::vector<PanelFigure> f = {
      {"applications_new", "本年新收申请", t2_path(R_NEW, 6)},
      {"applications_carried_over", "上年结转申请", t2_path(R_CARRIED_OVER, 6)},
      {"applications_granted", "予以公开", t2_path(R_GRANTED, 6)},
      {"applications_total", "办理结果总计", t2_path(R_TOTAL, 6)},
      {"applications_carried_forward", "结转下年度", t2_path(R_CARRIED_FORWARD, 6)},
      {"review_total", "行政复议总计", t3_path(0, 4)},
      {"litigation_direct_total", "未经复议直接起诉总计", t3_path(1, 4)},
      {"litigation_after_review_total", "复议后起诉总计", t3_path(2, 4)},
      {"licensing", "行政许可", "proactive.licensing"},
      {"punishment", "行政处罚", "proactive.punishment"},
      {"fees_wan_yuan", "行政事业性收费（万元）", "proactive.fees_wan_yuan"},
  };
  return f;
}
}  // namespace

namespace {
// One cell onto a row. Out of line: GCC 12 inlining the variant copies into the
// row-building loop warns maybe-uninitialized about the variant's string (a false positive).
[[gnu::noinline]] void add(std::vector<store::Value>& row, store::Value v) { row.push_back(std::move(v)); }
}  // namespace

size_t export_panel(store::Db& db, const View& v, const std::string& region, store::TableSink& sink, bool zh) {
  std::vector<int> units;
  if (region.empty())
    for (size_t i = 0; i < v.units.size(); ++i) units.push_back(static_cast<int>(i));
  else
    units = resolve_region(v, region).units;
  std::vector<std::string> head = zh ? std::vector<std::string>{"单位编号", "单位名称", "层级", "上级地区", "行政区划代码", "年度",
                                                               "发布情况", "发布日期", "版本数", "错误数", "警告数", "报告SHA256"}
                                     : std::vector<std::string>{"unit_id", "unit_name", "level", "parent", "region_code", "year",
                                                               "status", "published", "versions", "errors", "warnings", "sha256"};
  const auto& figs = panel_figures();
  for (const auto& f : figs) head.push_back(zh ? f.zh : f.name);
  for (const auto& f : figs) head.push_back(zh ? std::string(f.zh) + "·同比变化大" : std::string(f.name) + "_swing");
  sink.header(head);
  size_t n = 0;
  std::vector<size_t> idx;
  for (const auto& f : figs) idx.push_back(store::cell_index(f.path));
  for (int u : units) {
    const Unit& unit = v.units[u];
    std::vector<std::optional<double>> prev(figs.size());
    bool have_prev = false;
    for (int year : v.years) {
      const UnitYear* uy = v.find(u, year);
      std::vector<store::Value> row = {unit.uid, unit.name, unit.level, unit.parent, unit.region_code,
                                       static_cast<int64_t>(year)};
      std::vector<std::optional<double>> cur(figs.size());
      if (!uy) {
        add(row, std::string(zh ? pub_status_zh(PubStatus::Missing) : pub_status_key(PubStatus::Missing)));
        for (int k = 0; k < 5; ++k) add(row, std::monostate{});
        row[8] = int64_t{0};
      } else {
        const ReportRow& r = v.reports[uy->current];
        PubStatus st = r.published.empty() ? PubStatus::DateUnknown
                       : r.published > deadline_for(unit, year) ? PubStatus::Late
                                                                 : PubStatus::OnTime;
        add(row, std::string(zh ? pub_status_zh(st) : pub_status_key(st)));
        add(row, r.published.empty() ? store::Value{} : store::Value{r.published});
        add(row, static_cast<int64_t>(uy->versions.size()));
        add(row, static_cast<int64_t>(r.errors));
        add(row, static_cast<int64_t>(r.warnings));
        add(row, r.sha256);
        Report rep = load_report_cells(db, r.id);
        auto cells = all_cells(rep);
        for (size_t k = 0; k < figs.size(); ++k) cur[k] = cells[idx[k]].cell->value;
      }
      for (const auto& c : cur) add(row, c ? store::Value{*c} : store::Value{});
      for (size_t k = 0; k < figs.size(); ++k) {
        if (have_prev && prev[k] && cur[k]) add(row, static_cast<int64_t>(is_swing(*prev[k], *cur[k])));
        else add(row, std::monostate{});
      }
      sink.row(row);
      ++n;
      prev = cur;
      have_prev = uy != nullptr;
    }
  }
  sink.close();
  return n;
}

}  // namespace gk::region
