#include "region/scorecard.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "model/relations.h"
#include "model/rules.h"
#include "region/rollup.h"
#include "check/reuse.h"

namespace gk::region {

namespace {
// Thresholds (docs/region.md).
constexpr double kCopyPrevJaccard = kBoilerplateJaccard;  // same as C-BOILERPLATE
constexpr double kCopyPeerShare = 0.5;   // share of a report's own wording found in one peer's text
constexpr size_t kPeerMinShingles = 50;  // texts shorter than this are not judged
constexpr size_t kCommonPhrase = 20;     // wording seen in more units than this is common phrasing
constexpr size_t kS5MinChars = 60;
}  // namespace

const std::vector<IndicatorDef>& indicator_defs() {
  static const std::vector<IndicatorDef> d = {
      {"on_time", "按时发布", "发布日期（发布记录优先，否则为落款日期）不晚于期限：部门次年1月31日，人民政府次年3月31日，乡镇/街道按本地规定（默认次年3月31日）。未发布或逾期为 0；日期不明不计分"},
      {"sections", "六部分齐全有序", "六个部分的标题都找到，且按一至六的顺序出现为 1，否则为 0"},
      {"tables", "表格完整", "本模板应有的单元格中已填数值的比例（占位符、空缺不算已填）"},
      {"arithmetic", "表内关系成立", "参与表二、表三关系式的单元格中核验通过的比例：单元格所在的关系式都已知且都成立才算通过"},
      {"text_tables", "文表一致", "没有“文表一致”类问题（如 X-TEXT-NEW、T1-TEXT、T3-TEXT）为 1，否则为 0"},
      {"s5_substantive", "第五部分有实质内容", "第五部分（存在的主要问题及改进情况）至少 60 个字且没有 C-S5-CONTENT 问题为 1，否则为 0"},
      {"s5_answers", "回应上年问题", "有上一年度报告时：第五部分提到上一年度（上年、上一年、去年或上一年的年份），或与上一年第五部分有部分共同措辞（相似度 10%–80%），为 1；否则为 0；没有上一年度报告时不计分"},
      {"not_copied_prev", "未照搬上年文字", "全文与本单位上一年度报告的相似度（5 字片段 Jaccard）低于 0.8 为 1，否则为 0；没有上一年度报告时不计分"},
      {"not_copied_peer", "未照搬其他单位", "本报告的措辞（去掉本年度超过 20 个单位共用的套话后）出现在同一地区同年另一单位报告中的比例低于 50% 为 1，否则为 0"},
  };
  return d;
}

namespace {

// Share of cells in the table relations that are verified: every relation the
// cell takes part in is fully known and holds.
std::optional<double> verified_share(Report& r) {
  std::unordered_map<const Cell*, int> state;  // 1 verified so far, -1 failed/unknown
  for (const auto& eq : table_equations(r)) {
    double sum = 0;
    bool known = true;
    for (const auto& t : eq.terms) {
      if (!t.cell->known()) known = false;
      else sum += t.coef * *t.cell->value;
    }
    bool ok = known && std::fabs(sum) < 1e-6;
    for (const auto& t : eq.terms) {
      auto [it, fresh] = state.emplace(t.cell, ok ? 1 : -1);
      if (!fresh && !ok) it->second = -1;
    }
  }
  if (state.empty()) return std::nullopt;
  size_t good = 0;
  for (const auto& [c, s] : state) good += s > 0;
  return static_cast<double>(good) / static_cast<double>(state.size());
}

std::optional<double> filled_share(const Report& r) {
  size_t want = 0, have = 0;
  for (const auto& c : all_cells(r)) {
    if (c.cell->status == CellStatus::Absent) continue;
    ++want;
    have += c.cell->known();
  }
  if (!want) return std::nullopt;
  return static_cast<double>(have) / static_cast<double>(want);
}

struct Texts {
  std::string sec[6];
  int line[6] = {};
};

}  // namespace

Scorecard scorecard(store::Db& db, const View& v, const RegionRef& region, int year, const DeadlineRules& rules) {
  Scorecard sc;
  sc.region = region.path;
  sc.year = year;
  Coverage cov = coverage(v, region, year, rules);

  // The reports to read: this year's current ones and last year's.
  std::vector<int> cur(region.units.size(), -1), prev(region.units.size(), -1);
  std::unordered_map<int64_t, Texts> texts;
  std::unordered_map<int64_t, std::vector<std::string>> rules_of;
  for (size_t i = 0; i < region.units.size(); ++i) {
    if (const UnitYear* uy = v.find(region.units[i], year)) cur[i] = uy->current;
    if (const UnitYear* uy = v.find(region.units[i], year - 1)) prev[i] = uy->current;
  }
  {
    auto ts = db.prepare("SELECT number, coalesce(text,''), coalesce(line,0) FROM sections WHERE report=?");
    auto ds = db.prepare("SELECT DISTINCT rule_base FROM diagnostics WHERE report=? AND severity IN ('error','warning')");
    auto load = [&](int idx) {
      if (idx < 0) return;
      int64_t id = v.reports[idx].id;
      if (texts.count(id)) return;
      Texts& t = texts[id];
      ts.bind(1, id);
      while (ts.step()) {
        int n = static_cast<int>(ts.i64(0));
        if (n >= 1 && n <= 6) t.sec[n - 1] = ts.str(1), t.line[n - 1] = static_cast<int>(ts.i64(2));
      }
      ts.reset();
      ds.bind(1, id);
      auto& rl = rules_of[id];
      while (ds.step()) rl.push_back(ds.str(0));
      ds.reset();
    };
    for (size_t i = 0; i < region.units.size(); ++i) load(cur[i]), load(prev[i]);
  }
  auto whole = [&](int64_t id) {
    const Texts& t = texts[id];
    std::vector<std::string_view> parts(t.sec, t.sec + 6);
    return shingle_parts_and_whole(parts);
  };

  // Peer copying: wording shared with another unit of the same year, common phrasing left out.
  std::vector<Shingles> mine(region.units.size());
  // Posting lists as one sorted array of (shingle, unit): a hash map of vectors
  // cost ~900 MB and most of the time at 10,000 units (scripts/bench.sh region).
  std::vector<std::pair<uint64_t, int>> posting;
  for (size_t i = 0; i < region.units.size(); ++i) {
    if (cur[i] < 0) continue;
    mine[i] = whole(v.reports[cur[i]].id).back();
    for (uint64_t h : mine[i].hashes) posting.emplace_back(h, static_cast<int>(i));
  }
  std::sort(posting.begin(), posting.end());
  std::vector<size_t> rare(region.units.size(), 0);
  std::vector<std::unordered_map<int, size_t>> shared(region.units.size());
  for (size_t lo = 0, hi; lo < posting.size(); lo = hi) {
    for (hi = lo + 1; hi < posting.size() && posting[hi].first == posting[lo].first;) ++hi;
    if (hi - lo > kCommonPhrase) continue;
    for (size_t x = lo; x < hi; ++x) {
      int a = posting[x].second;
      ++rare[a];
      for (size_t y = lo; y < hi; ++y)
        if (a != posting[y].second) ++shared[a][posting[y].second];
    }
  }

  for (size_t i = 0; i < region.units.size(); ++i) {
    ScoreRow row;
    row.unit = region.units[i];
    row.report = cur[i];
    const CoverageRow& cr = cov.rows[i];
    auto set = [&](Indicator k, std::optional<double> value, std::optional<double> score) {
      row.value[k] = value;
      row.score[k] = score;
    };
    if (cr.status == PubStatus::Missing) {
      set(I_ON_TIME, 0.0, 0.0);
      for (int k = I_SECTIONS; k < I_COUNT; ++k) set(static_cast<Indicator>(k), std::nullopt, 0.0);
      row.score[I_S5_ANSWERS].reset();
      row.score[I_NOT_COPIED_PREV].reset();
    } else {
      const ReportRow& rr = v.reports[cur[i]];
      if (cr.status == PubStatus::DateUnknown) set(I_ON_TIME, std::nullopt, std::nullopt);
      else set(I_ON_TIME, cr.status == PubStatus::OnTime ? 1.0 : 0.0, cr.status == PubStatus::OnTime ? 1.0 : 0.0);
      const Texts& t = texts[rr.id];
      bool all = true, ordered = true;
      int last = 0;
      for (int s = 0; s < 6; ++s) {
        if (t.line[s] <= 0) all = false;
        else if (t.line[s] < last) ordered = false;
        else last = t.line[s];
      }
      double sec = all && ordered ? 1.0 : 0.0;
      set(I_SECTIONS, sec, sec);
      Report cells = load_report_cells(db, rr.id);
      auto fill = filled_share(cells);
      set(I_TABLES, fill, fill);
      auto ver = verified_share(cells);
      set(I_ARITHMETIC, ver, ver);
      const auto& rl = rules_of[rr.id];
      int text_issues = 0, s5_issue = 0;
      for (const auto& rule : rl) {
        const RuleDef* def = find_rule(rule);
        if (def && std::string_view(def->category) == "文表一致") ++text_issues;
        if (rule == "C-S5-CONTENT") ++s5_issue;
      }
      set(I_TEXT_TABLES, static_cast<double>(text_issues), text_issues ? 0.0 : 1.0);
      auto s5 = shingle(t.sec[4], 1);  // characters of section 五, normalised
      bool substantive = s5.chars >= kS5MinChars && !s5_issue;
      set(I_S5_SUBSTANTIVE, static_cast<double>(s5.chars), substantive ? 1.0 : 0.0);
      if (prev[i] >= 0) {
        const Texts& p = texts[v.reports[prev[i]].id];
        const std::string& s5now = t.sec[4];
        bool mentions = false;
        for (const char* k : {"上年", "上一年", "去年", "上年度"}) mentions = mentions || s5now.find(k) != std::string::npos;
        mentions = mentions || s5now.find(std::to_string(year - 1) + "年") != std::string::npos;
        double sim = similarity(shingle(s5now), shingle(p.sec[4])).jaccard;
        bool answers = mentions || (sim >= 0.1 && sim < kCopyPrevJaccard);
        set(I_S5_ANSWERS, sim, answers ? 1.0 : 0.0);
        double j = similarity(mine[i], whole(v.reports[prev[i]].id).back()).jaccard;
        set(I_NOT_COPIED_PREV, j, j < kCopyPrevJaccard ? 1.0 : 0.0);
      }
      double best = 0;
      int from = -1;
      if (rare[i] >= kPeerMinShingles)
        for (const auto& [b, n] : shared[i]) {
          double share = static_cast<double>(n) / static_cast<double>(rare[i]);
          if (share > best || (share == best && b < from)) best = share, from = b;
        }
      set(I_NOT_COPIED_PEER, best, best < kCopyPeerShare ? 1.0 : 0.0);
      if (from >= 0 && best >= kCopyPeerShare) row.copied_from = v.units[region.units[from]].uid;
    }
    double sum = 0;
    int n = 0;
    for (int k = 0; k < I_COUNT; ++k)
      if (row.score[k]) sum += *row.score[k], ++n;
    row.total = n ? std::round(sum / n * 1000) / 10 : 0;
    sc.rows.push_back(std::move(row));
  }
  std::stable_sort(sc.rows.begin(), sc.rows.end(), [](const ScoreRow& a, const ScoreRow& b) { return a.total > b.total; });
  std::map<std::string, int> by_level;
  std::map<std::string, double> last_level;
  std::map<std::string, int> last_rank;
  for (size_t i = 0; i < sc.rows.size(); ++i) {
    auto& r = sc.rows[i];
    r.rank_region = (i > 0 && sc.rows[i - 1].total == r.total) ? sc.rows[i - 1].rank_region : static_cast<int>(i + 1);
    const std::string& lv = v.units[r.unit].level;
    int k = ++by_level[lv];
    r.rank_level = (k > 1 && last_level[lv] == r.total) ? last_rank[lv] : k;
    last_level[lv] = r.total;
    last_rank[lv] = r.rank_level;
  }
  return sc;
}

nlohmann::ordered_json scorecard_json(const View& v, const Scorecard& s) {
  using oj = nlohmann::ordered_json;
  oj j;
  j["region"] = s.region;
  j["year"] = s.year;
  oj defs = oj::array();
  for (const auto& d : indicator_defs()) defs.push_back({{"key", d.key}, {"label", d.zh}, {"definition", d.definition}});
  j["indicators"] = defs;
  oj rows = oj::array();
  for (const auto& r : s.rows) {
    const Unit& u = v.units[r.unit];
    oj e;
    e["unit_id"] = u.uid;
    e["name"] = u.name;
    e["level"] = u.level;
    e["parent"] = u.parent;
    e["report"] = r.report >= 0 ? oj(v.reports[r.report].sha256) : oj(nullptr);
    e["total"] = r.total;
    e["rank_region"] = r.rank_region;
    e["rank_level"] = r.rank_level;
    oj ind;
    for (int k = 0; k < I_COUNT; ++k)
      ind[indicator_defs()[k].key] = {{"value", r.value[k] ? oj(*r.value[k]) : oj(nullptr)},
                                      {"score", r.score[k] ? oj(*r.score[k]) : oj(nullptr)}};
    e["indicators"] = ind;
    e["copied_from"] = r.copied_from.empty() ? oj(nullptr) : oj(r.copied_from);
    rows.push_back(e);
  }
  j["rows"] = rows;
  return j;
}

std::string scorecard_text(const View& v, const Scorecard& s) {
  std::string o = "== " + s.region + " " + std::to_string(s.year) + " 年度报告评估（满分 100）\n";
  o += "  名次\t层级内\t得分\t单位";
  for (const auto& d : indicator_defs()) o += std::string("\t") + d.zh;
  o += "\n";
  for (const auto& r : s.rows) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", r.total);
    o += "  " + std::to_string(r.rank_region) + "\t" + std::to_string(r.rank_level) + "\t" + buf + "\t" +
         v.units[r.unit].name;
    for (int k = 0; k < I_COUNT; ++k) {
      if (!r.score[k]) o += "\t—";
      else {
        std::snprintf(buf, sizeof buf, "%.2f", *r.score[k]);
        o += std::string("\t") + buf;
      }
    }
    o += "\n";
  }
  o += "（各项指标的定义见 gongkai scorecard --definitions 或 docs/region.md）\n";
  return o;
}

size_t export_scorecard(const View& v, const Scorecard& s, store::TableSink& sink, bool zh) {
  std::vector<std::string> head = zh ? std::vector<std::string>{"单位编号", "单位名称", "层级", "上级地区", "年度", "得分", "地区内名次", "层级内名次"}
                                     : std::vector<std::string>{"unit_id", "unit_name", "level", "parent", "year", "total", "rank_region", "rank_level"};
  for (const auto& d : indicator_defs()) head.push_back(zh ? std::string(d.zh) : std::string(d.key));
  for (const auto& d : indicator_defs()) head.push_back(zh ? std::string(d.zh) + "·测量值" : std::string(d.key) + "_value");
  head.push_back(zh ? "文字雷同的单位" : "copied_from");
  sink.header(head);
  for (const auto& r : s.rows) {
    const Unit& u = v.units[r.unit];
    std::vector<store::Value> row = {u.uid, u.name, u.level, u.parent, static_cast<int64_t>(s.year), r.total,
                                     static_cast<int64_t>(r.rank_region), static_cast<int64_t>(r.rank_level)};
    for (int k = 0; k < I_COUNT; ++k) row.push_back(r.score[k] ? store::Value{*r.score[k]} : store::Value{});
    for (int k = 0; k < I_COUNT; ++k) row.push_back(r.value[k] ? store::Value{*r.value[k]} : store::Value{});
    row.push_back(r.copied_from.empty() ? store::Value{} : store::Value{r.copied_from});
    sink.row(row);
  }
  sink.close();
  return s.rows.size();
}

}  // namespace gk::region
