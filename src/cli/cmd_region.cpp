// gongkai units / coverage / rollup / compare / panel / scorecard: a region's
// disclosure work (src/region/).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "model/json.h"
#include "pipeline.h"
#include "region/compare.h"
#include "region/coverage.h"
#include "region/rollup.h"
#include "region/scorecard.h"
#include "region/units.h"
#include "region/view.h"
#include "store/region_tables.h"
#include "store/schema.h"
#include "store/sink.h"
#include "store/stats.h"

namespace gk::cli {

namespace {

const char* kUnitsHelp =
    "用法：gongkai units import 名单.csv|名单.xlsx --db 语料库.db\n"
    "      gongkai units list --db 语料库.db [--region 地区] [--format text|json]\n"
    "      gongkai units current --db 语料库.db --unit 单位编号 --year 年度 --report SHA256\n\n"
    "单位名单：一个地区应当发布年度报告的单位。第一行为列名（中文或英文，顺序不限）：\n"
    "  单位编号 id、名称 name（必填）、别名 aliases、曾用名 former、层级 level、\n"
    "  上级地区 parent（如 青山市/青山县）、行政区划代码 region_code\n"
    "多个别名用“；”“、”或“|”分隔。单位编号跨年度不变；不填时由行政区划代码或上级地区与名称生成。\n"
    "再次导入同一编号而名称改变时，旧名称记为曾用名（更名）。\n"
    "报告按名称和别名对应到单位；一个名称同样符合多个单位时标为“不唯一”，不会猜测。\n"
    "units current：同一单位同一年度有多个版本时，指定哪一个为当前版本（默认取发布日期最晚的）。\n";

const char* kCoverageHelp =
    "用法：gongkai coverage --db 语料库.db --region 地区 --year 年度 [--format text|json]\n"
    "                       [--township-deadline 月-日]\n\n"
    "一个地区某年度的发布情况：按时发布、逾期发布、未发布、报告有错误、发布了多个版本的单位，\n"
    "以及名称对应多个单位而未计入的报告。期限：部门次年1月31日，人民政府次年3月31日，\n"
    "乡镇/街道按本地规定（--township-deadline，默认 03-31）。发布日期优先用入库时的发布信息（--published）。\n"
    "退出码：0 全部按时发布且无错误；1 有未发布、逾期或有错误的单位；2 参数有误或数据库出错。\n";

const char* kRollupHelp =
    "用法：gongkai rollup --db 语料库.db --region 地区 --year 年度 [--include-errors]\n"
    "                     [--format json|text] [-o 输出.json]\n\n"
    "把地区内各单位当前版本的报告逐表逐格相加为一份汇总记录，每个数字注明来自哪些单位；\n"
    "列出未发布的单位和报告有错误的单位。有错误的报告默认不计入，--include-errors 计入（结果中注明）。\n"
    "输出是普通记录（JSON），可用 gongkai render 生成 DOCX 等。\n"
    "退出码：0 成功；1 汇总后有表内关系不成立；2 参数有误或数据库出错。\n";

const char* kCompareHelp =
    "用法：gongkai compare A B [--db 语料库.db] [--format text|json]\n\n"
    "比较两份报告（如 草稿与发布稿、2024 与 2023）：变化的单元格（变化幅度大的标出）、\n"
    "每部分逐句的增删、B 的文字见于 A 的比例。A、B 为报告文件（或记录 JSON），\n"
    "或给出 --db 时为库中报告的 SHA-256（至少 6 位前缀）。\n";

const char* kPanelHelp =
    "用法：gongkai panel --db 语料库.db [--region 地区] -o 输出.csv|.xlsx|.jsonl [--labels zh]\n\n"
    "多年度面板：每个单位每年一行（单位编号跨年度不变），含发布情况、主要数字和同比变化大的标记，\n"
    "供 pandas / R 使用。--labels zh 使用中文列名。\n";

const char* kScorecardHelp =
    "用法：gongkai scorecard --db 语料库.db --region 地区 --year 年度 [--format text|json|csv|xlsx|jsonl]\n"
    "                        [-o 输出文件] [--labels zh] [--township-deadline 月-日]\n"
    "      gongkai scorecard --definitions\n\n"
    "逐单位的评估指标（按时发布、六部分齐全有序、表格完整、表内关系成立、文表一致、第五部分有实质内容、\n"
    "回应上年问题、未照搬上年文字、未照搬其他单位），总分与地区内、层级内名次。\n";

int fail(const char* cmd, const std::string& msg, const char* help = nullptr) {
  std::fprintf(stderr, "gongkai %s：%s\n", cmd, msg.c_str());
  if (help) std::fprintf(stderr, "\n%s", help);
  return 2;
}

bool parse_year(const std::string* s, int* out) {
  if (!s) return false;
  char* end = nullptr;
  long y = std::strtol(s->c_str(), &end, 10);
  if (!end || *end || y < 1990 || y > 2100) return false;
  *out = static_cast<int>(y);
  return true;
}

bool write_text(const std::string& path, const std::string& data) {
  if (path.empty() || path == "-") {
    std::fwrite(data.data(), 1, data.size(), stdout);
    return true;
  }
  std::ofstream out(path, std::ios::binary);
  out << data;
  return static_cast<bool>(out);
}

bool valid_month_day(const std::string& s) {
  return s.size() == 5 && s[2] == '-' && store::normalize_date("2000-" + s) == "2000-" + s;
}

// Options shared by coverage and scorecard.
bool deadline_rules(const Parsed& p, region::DeadlineRules* r, std::string* err) {
  if (const std::string* t = p.get("--township-deadline")) {
    if (!valid_month_day(*t)) {
      *err = "--township-deadline 应写成 月-日，如 02-20，得到“" + *t + "”";
      return false;
    }
    r->township = *t;
  }
  return true;
}

std::unique_ptr<store::TableSink> sink_for(const std::string& out, std::string format, const std::string& sheet) {
  if (format.empty()) {
    auto ends = [&](const char* e) {
      std::string s(e);
      return out.size() >= s.size() && out.compare(out.size() - s.size(), s.size(), s) == 0;
    };
    format = ends(".xlsx") ? "xlsx" : ends(".jsonl") ? "jsonl" : "csv";
  }
  if (format == "xlsx") return store::make_xlsx_sink(out, sheet);
  if (format == "jsonl") return store::make_jsonl_sink(out);
  return store::make_csv_sink(out);
}

int units_import(const Parsed& p) {
  if (p.positional.size() != 2) return fail("units import", "需要一个名单文件（CSV 或 XLSX）。", kUnitsHelp);
  const std::string* db = p.get("--db");
  if (!db) return fail("units import", "需要 --db 数据库文件。", kUnitsHelp);
  try {
    auto units = region::read_unit_list(p.positional[1]);
    store::Db conn = store::open_corpus(*db, true);
    store::Tx tx(conn);
    auto n = store::upsert_units(conn, units);
    tx.commit();
    std::printf("已导入单位名单 %s：%zu 个单位（新增 %zu，更新 %zu，其中更名 %zu，未变 %zu）\n", p.positional[1].c_str(),
                units.size(), n.added, n.updated, n.renamed, n.unchanged);
  } catch (const std::exception& e) {
    return fail("units import", e.what());
  }
  return 0;
}

int units_list(const Parsed& p) {
  const std::string* db = p.get("--db");
  if (!db) return fail("units list", "需要 --db 数据库文件。", kUnitsHelp);
  try {
    store::Db conn = store::open_corpus_readonly(*db);
    region::View v = region::load_view(conn);
    std::vector<int> units;
    if (const std::string* r = p.get("--region")) units = region::resolve_region(v, *r).units;
    else
      for (size_t i = 0; i < v.units.size(); ++i) units.push_back(static_cast<int>(i));
    bool json = p.get("--format") && *p.get("--format") == "json";
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (int i : units) {
      const auto& u = v.units[i];
      if (json) {
        a.push_back({{"unit_id", u.uid}, {"name", u.name}, {"level", u.level}, {"parent", u.parent},
                     {"region_code", u.region_code}, {"aliases", u.aliases}, {"former_names", u.former}});
        continue;
      }
      std::string line = u.uid + "\t" + u.name + "\t" + u.level + "\t" + u.parent;
      if (!u.aliases.empty() || !u.former.empty()) {
        line += "\t别名：";
        for (const auto& x : u.aliases) line += x + "；";
        for (const auto& x : u.former) line += x + "（曾用名）；";
      }
      std::printf("%s\n", line.c_str());
    }
    if (json) std::printf("%s\n", a.dump(2).c_str());
  } catch (const std::exception& e) {
    return fail("units list", e.what());
  }
  return 0;
}

int units_current(const Parsed& p) {
  const std::string *db = p.get("--db"), *unit = p.get("--unit"), *sha = p.get("--report");
  int year = 0;
  if (!db || !unit || !sha || !parse_year(p.get("--year"), &year))
    return fail("units current", "需要 --db、--unit、--year 和 --report。", kUnitsHelp);
  try {
    store::Db conn = store::open_corpus(*db, false);
    region::View v = region::load_view(conn);
    int ui = -1;
    for (size_t i = 0; i < v.units.size(); ++i)
      if (v.units[i].uid == *unit) ui = static_cast<int>(i);
    if (ui < 0) return fail("units current", "单位名单中没有编号“" + *unit + "”");
    const region::UnitYear* uy = v.find(ui, year);
    if (!uy) return fail("units current", v.units[ui].name + " 没有 " + std::to_string(year) + " 年度的报告");
    for (int r : uy->versions)
      if (v.reports[r].sha256.compare(0, sha->size(), *sha) == 0 && sha->size() >= 6) {
        store::set_current_choice(conn, {v.units[ui].id, year, v.reports[r].sha256});
        std::printf("%s %d 年度的当前版本：%s\n", v.units[ui].name.c_str(), year, v.reports[r].sha256.c_str());
        return 0;
      }
    std::string list;
    for (int r : uy->versions) list += "\n  " + v.reports[r].sha256 + "  " + v.reports[r].published;
    return fail("units current", "“" + *sha + "”不是该单位该年度的版本之一，可选：" + list);
  } catch (const std::exception& e) {
    return fail("units current", e.what());
  }
}

}  // namespace

void region_stats_filter(store::Db& db, const std::string* reg, store::StatsFilter* f) {
  region::View v = region::load_view(db);
  if (v.units.empty()) {
    if (reg) f->region_like = *reg;
    return;
  }
  f->exclude_ids = v.superseded_ids();
  if (!reg) return;
  auto ref = region::resolve_region(v, *reg);
  f->restrict_ids = true;
  std::vector<char> in(v.units.size(), 0);
  for (int u : ref.units) in[u] = 1;
  for (const auto& [key, uy] : v.unit_years)
    if (in[key.first]) f->only_ids.push_back(v.reports[uy.current].id);
}

int cmd_units(const Args& args) {
  Parsed p = parse_args(args, {"--db", "--region", "--format", "--unit", "--year", "--report"}, {"--help", "-h"});
  if (p.flag("--help") || p.flag("-h")) {
    std::fputs(kUnitsHelp, stdout);
    return 0;
  }
  if (!p.error.empty()) return fail("units", p.error, kUnitsHelp);
  std::string sub = p.positional.empty() ? "" : p.positional[0];
  if (sub == "import") return units_import(p);
  if (sub == "list") return units_list(p);
  if (sub == "current") return units_current(p);
  return fail("units", sub.empty() ? "需要子命令 import、list 或 current。" : "未知的子命令“" + sub + "”。", kUnitsHelp);
}

int cmd_coverage(const Args& args) {
  Parsed p = parse_args(args, {"--db", "--region", "--year", "--format", "--township-deadline"}, {"--help", "-h"});
  if (p.flag("--help") || p.flag("-h")) {
    std::fputs(kCoverageHelp, stdout);
    return 0;
  }
  if (!p.error.empty()) return fail("coverage", p.error, kCoverageHelp);
  int year = 0;
  const std::string *db = p.get("--db"), *reg = p.get("--region");
  if (!db || !reg) return fail("coverage", "需要 --db 和 --region。", kCoverageHelp);
  if (!parse_year(p.get("--year"), &year)) return fail("coverage", "--year 需要一个年度，如 2024。", kCoverageHelp);
  region::DeadlineRules rules;
  std::string err;
  if (!deadline_rules(p, &rules, &err)) return fail("coverage", err);
  std::string format = p.get("--format") ? *p.get("--format") : "text";
  if (format != "text" && format != "json") return fail("coverage", "--format 只能是 text 或 json。");
  try {
    store::Db conn = store::open_corpus_readonly(*db);
    region::View v = region::load_view(conn);
    auto ref = region::resolve_region(v, *reg);
    auto c = region::coverage(v, ref, year, rules);
    if (format == "json") std::printf("%s\n", region::coverage_json(v, c).dump(2).c_str());
    else std::fputs(region::coverage_text(v, c).c_str(), stdout);
    return c.missing || c.late || c.with_errors ? 1 : 0;
  } catch (const std::exception& e) {
    return fail("coverage", e.what());
  }
}

int cmd_rollup(const Args& args) {
  Parsed p = parse_args(args, {"--db", "--region", "--year", "--format", "-o", "--output"},
                        {"--include-errors", "--help", "-h"});
  if (p.flag("--help") || p.flag("-h")) {
    std::fputs(kRollupHelp, stdout);
    return 0;
  }
  if (!p.error.empty()) return fail("rollup", p.error, kRollupHelp);
  int year = 0;
  const std::string *db = p.get("--db"), *reg = p.get("--region");
  if (!db || !reg) return fail("rollup", "需要 --db 和 --region。", kRollupHelp);
  if (!parse_year(p.get("--year"), &year)) return fail("rollup", "--year 需要一个年度，如 2024。", kRollupHelp);
  std::string format = p.get("--format") ? *p.get("--format") : "json";
  if (format != "text" && format != "json") return fail("rollup", "--format 只能是 json 或 text。");
  const std::string* out = p.get("-o");
  if (!out) out = p.get("--output");
  try {
    store::Db conn = store::open_corpus_readonly(*db);
    region::View v = region::load_view(conn);
    auto ref = region::resolve_region(v, *reg);
    region::RollupOptions opt;
    opt.include_errors = p.flag("--include-errors");
    auto r = region::rollup(conn, v, ref, year, opt);
    std::string text = format == "json" ? region::rollup_json(v, r).dump(2) + "\n" : region::rollup_text(v, r);
    if (!write_text(out ? *out : "", text)) return fail("rollup", "无法写入文件：" + *out);
    if (out)
      std::fprintf(stderr, "%s 汇总：计入 %zu 个单位，未发布 %zu 个，报告有错误 %zu 个（%s）；已写入 %s\n", r.region.c_str(),
                   r.included.size(), r.missing.size(), r.with_errors.size(),
                   r.errors_included ? "已计入" : "未计入", out->c_str());
    return r.failed_relations.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    return fail("rollup", e.what());
  }
}

namespace {
Report load_side(const std::string& ref, store::Db* db) {
  if (std::filesystem::exists(ref)) {
    if (ref.size() > 5 && ref.compare(ref.size() - 5, 5, ".json") == 0) {
      std::ifstream in(ref, std::ios::binary);
      std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      try {
        return from_json(nlohmann::json::parse(s));
      } catch (const std::exception& e) {
        throw std::runtime_error("“" + ref + "”不是记录 JSON：" + e.what());
      }
    }
    return parse_file(ref);
  }
  if (!db) throw std::runtime_error("文件“" + ref + "”不存在（要比较库中的报告，请给出 --db）");
  return region::load_full_report(*db, region::find_report_id(*db, ref));
}
}  // namespace

int cmd_compare(const Args& args) {
  Parsed p = parse_args(args, {"--db", "--format"}, {"--help", "-h"});
  if (p.flag("--help") || p.flag("-h")) {
    std::fputs(kCompareHelp, stdout);
    return 0;
  }
  if (!p.error.empty()) return fail("compare", p.error, kCompareHelp);
  if (p.positional.size() != 2) return fail("compare", "需要两份报告 A 和 B。", kCompareHelp);
  std::string format = p.get("--format") ? *p.get("--format") : "text";
  if (format != "text" && format != "json") return fail("compare", "--format 只能是 text 或 json。");
  try {
    std::optional<store::Db> conn;
    if (const std::string* db = p.get("--db")) conn.emplace(store::open_corpus_readonly(*db));
    Report a = load_side(p.positional[0], conn ? &*conn : nullptr);
    Report b = load_side(p.positional[1], conn ? &*conn : nullptr);
    auto c = region::compare(a, b);
    if (format == "json") std::printf("%s\n", region::comparison_json(c).dump(2).c_str());
    else std::fputs(region::comparison_text(c).c_str(), stdout);
  } catch (const std::exception& e) {
    return fail("compare", e.what());
  }
  return 0;
}

int cmd_panel(const Args& args) {
  Parsed p = parse_args(args, {"--db", "--region", "--format", "--labels", "-o", "--output"}, {"--help", "-h"});
  if (p.flag("--help") || p.flag("-h")) {
    std::fputs(kPanelHelp, stdout);
    return 0;
  }
  if (!p.error.empty()) return fail("panel", p.error, kPanelHelp);
  const std::string* db = p.get("--db");
  const std::string* out = p.get("-o");
  if (!out) out = p.get("--output");
  if (!db || !out) return fail("panel", "需要 --db 和 -o。", kPanelHelp);
  bool zh = p.get("--labels") && *p.get("--labels") == "zh";
  try {
    store::Db conn = store::open_corpus_readonly(*db);
    region::View v = region::load_view(conn);
    if (v.units.empty()) return fail("panel", "数据库中还没有单位名单：请先用 gongkai units import 导入");
    auto sink = sink_for(*out, p.get("--format") ? *p.get("--format") : "", "面板");
    size_t n = region::export_panel(conn, v, p.get("--region") ? *p.get("--region") : "", *sink, zh);
    std::fprintf(stderr, "已导出 %zu 行到 %s\n", n, out->c_str());
  } catch (const std::exception& e) {
    return fail("panel", e.what());
  }
  return 0;
}

int cmd_scorecard(const Args& args) {
  Parsed p = parse_args(args, {"--db", "--region", "--year", "--format", "--labels", "-o", "--output", "--township-deadline"},
                        {"--definitions", "--help", "-h"});
  if (p.flag("--help") || p.flag("-h")) {
    std::fputs(kScorecardHelp, stdout);
    return 0;
  }
  if (!p.error.empty()) return fail("scorecard", p.error, kScorecardHelp);
  if (p.flag("--definitions")) {
    for (const auto& d : region::indicator_defs()) std::printf("%s（%s）\n  %s\n", d.zh, d.key, d.definition);
    std::printf("总分：适用指标得分的平均值 × 100；名次按总分从高到低，同分同名次。\n");
    return 0;
  }
  int year = 0;
  const std::string *db = p.get("--db"), *reg = p.get("--region");
  if (!db || !reg) return fail("scorecard", "需要 --db 和 --region。", kScorecardHelp);
  if (!parse_year(p.get("--year"), &year)) return fail("scorecard", "--year 需要一个年度，如 2024。", kScorecardHelp);
  region::DeadlineRules rules;
  std::string err;
  if (!deadline_rules(p, &rules, &err)) return fail("scorecard", err);
  std::string format = p.get("--format") ? *p.get("--format") : "";
  const std::string* out = p.get("-o");
  if (!out) out = p.get("--output");
  if (format.empty()) format = out ? "" : "text";
  bool zh = p.get("--labels") && *p.get("--labels") == "zh";
  try {
    store::Db conn = store::open_corpus_readonly(*db);
    region::View v = region::load_view(conn);
    auto ref = region::resolve_region(v, *reg);
    auto s = region::scorecard(conn, v, ref, year, rules);
    if (format == "text") return write_text(out ? *out : "", region::scorecard_text(v, s)) ? 0 : fail("scorecard", "无法写入文件");
    if (format == "json") return write_text(out ? *out : "", region::scorecard_json(v, s).dump(2) + "\n") ? 0 : fail("scorecard", "无法写入文件");
    if (!out) return fail("scorecard", "导出 " + format + " 需要 -o 输出文件。");
    auto sink = sink_for(*out, format, "评估");
    size_t n = region::export_scorecard(v, s, *sink, zh);
    std::fprintf(stderr, "已导出 %zu 行到 %s\n", n, out->c_str());
  } catch (const std::exception& e) {
    return fail("scorecard", e.what());
  }
  return 0;
}

}  // namespace gk::cli
