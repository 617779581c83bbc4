// gongkai ingest / export / stats: the researcher's corpus (src/store).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "pipeline.h"
#include "store/export.h"
#include "store/ingest.h"
#include "store/schema.h"
#include "store/stats.h"
#include "util/walk.h"

namespace gk::cli {

namespace {

std::string hms(double s) {
  if (s < 0 || s > 1e7) return "—";
  long t = static_cast<long>(s + 0.5);
  char buf[32];
  if (t >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

const char* kIngestHelp =
    "用法：gongkai ingest 路径… --db 语料库.db|postgresql://… [-j N] [--records] [--published 发布信息.csv]\n"
    "                [--claim-timeout 秒] [--quiet] [--progress]\n\n"
    "读取文件或目录（递归）中的年度报告，解析后存入数据库（SQLite 文件或 PostgreSQL）。\n"
    "  --db 目标     SQLite 数据库文件（不存在时新建），或 PostgreSQL 连接地址 postgresql://…\n"
    "  -j, --jobs N  并行解析的线程数（默认：全部 CPU 核心）\n"
    "  --records     输入是记录 JSON（gongkai parse --format json 的输出），不再解析\n"
    "  --published F 发布信息（CSV：路径、网址、发布日期、来源网站）：按真实发布日期判断是否按时发布\n"
    "  --claim-timeout 秒  PostgreSQL：多个进程（可在多台机器上）同时入库时，每份内容由认领它的进程解析；\n"
    "                认领超过这么多秒仍未提交（进程已终止）即退回，由其他进程接手（默认 600）\n"
    "  --quiet       不显示进度\n"
    "  --progress    不在终端上时也显示进度（默认只在终端上显示，写到标准错误）\n\n"
    "同一内容（SHA-256 相同）只存一份，所有路径都保留；内容与解析器版本都未变的文件跳过，\n"
    "解析器版本更新后重新读取。每批一个事务：中途被终止时数据库保持一致，重新运行即可继续。\n"
    "读取失败的文件连同中文原因记入数据库，不会中断运行。\n"
    "跨年度检查（X-XYEAR-CARRY、T1-STOCK-XYEAR、C-BOILERPLATE）记在后一年的报告上。\n\n"
    "退出码：0 全部报告无问题；1 有报告存在错误或警告；2 有文件无法读取、参数有误或数据库出错。\n";

const char* kExportHelp =
    "用法：gongkai export --db 语料库.db --format csv|xlsx|jsonl [--table wide|long|diagnostics]\n"
    "                     [--labels zh] [-o 输出文件]\n\n"
    "  -o 输出文件          写入文件（不指定或“-”：标准输出；格式默认按扩展名，标准输出时为 csv）\n"
    "  --table wide         每份报告一行，每个单元格一列（默认；列名如 applications_new_natural_person）\n"
    "  --table long         每个单元格一行，含单元格状态与行号\n"
    "  --table diagnostics  每条诊断一行（含跨年度检查）\n"
    "  --labels zh          使用中文列名\n"
    "CSV 为带 BOM 的 UTF-8，按 RFC 4180 加引号；XLSX 冻结首行。\n";

std::string db_help() {
  return "用法：gongkai db migrate --db 语料库.db|postgresql://…\n\n"
         "  migrate  把旧版结构（版本 " + std::to_string(store::kOldestMigratable) + " 起）的语料库升级到当前结构（版本 " +
         std::to_string(store::kSchemaVersion) + "），在一个事务中完成；\n"
         "           已是当前结构时什么也不做。旧版语料库在升级前不能入库或读取。\n"
         "           版本 " + std::to_string(store::kSchemaVersion) + " 之前存入的单元格没有核验结果，重新解析（新的解析器版本）后才有。\n";
}

const char* kStatsHelp =
    "用法：gongkai stats --db 语料库.db [--format text|json] [--top N] [--year 年度] [--region 地区]\n\n"
    "汇总：总数；按年度、层级、地区的分布；办理结果分类合计；复议诉讼；各规则出错率；\n"
    "问题最多的机关；与上一年报告的文字雷同程度；以上每个数字再按年度拆分。\n"
    "  --year Y     只统计该年度的报告\n"
    "  --region R   只统计该地区：有单位名单时为名单中该地区各单位的报告，否则为名称中含该地区的报告\n"
    "有单位名单时，同一单位同一年度的多个版本只计当前版本。\n";

}  // namespace

int cmd_ingest(const Args& args) {
  Parsed p = parse_args(args, {"--db", "--jobs", "-j", "--published", "--claim-timeout"},
                        {"--records", "--quiet", "-q", "--progress", "--help", "-h"});
  if (p.flag("--help") || p.flag("-h")) {
    std::fputs(kIngestHelp, stdout);
    return 0;
  }
  if (!p.error.empty()) {
    std::fprintf(stderr, "gongkai ingest：%s\n\n%s", p.error.c_str(), kIngestHelp);
    return 2;
  }
  const std::string* db = p.get("--db");
  if (!db || db->empty() || p.positional.empty()) {
    std::fprintf(stderr, "gongkai ingest：需要至少一个路径和 --db 数据库文件。\n\n%s", kIngestHelp);
    return 2;
  }
  store::IngestOptions opt;
  opt.json_records = p.flag("--records");
  if (const std::string* pub = p.get("--published")) opt.publications_file = *pub;
  const std::string* jobs = p.get("--jobs");
  if (!jobs) jobs = p.get("-j");
  if (jobs) {
    char* end = nullptr;
    long n = std::strtol(jobs->c_str(), &end, 10);
    if (!end || *end || n < 1 || n > 1024) {
      std::fprintf(stderr, "gongkai ingest：--jobs 需要 1 到 1024 之间的整数，得到“%s”。\n", jobs->c_str());
      return 2;
    }
    opt.jobs = static_cast<int>(n);
  }

  if (const std::string* ct = p.get("--claim-timeout")) {
    char* end = nullptr;
    double s = std::strtod(ct->c_str(), &end);
    if (!end || *end || !(s > 0) || s > 7 * 86400) {
      std::fprintf(stderr, "gongkai ingest：--claim-timeout 需要一个正的秒数，得到“%s”。\n", ct->c_str());
      return 2;
    }
    opt.claim_timeout_seconds = s;
  }

  WalkResult w = walk_inputs(p.positional, {.json_records = opt.json_records, .absolute = true});
  for (const auto& e : w.errors) std::fprintf(stderr, "gongkai ingest：%s\n", e.c_str());

  const bool tty = isatty(STDERR_FILENO) != 0;
  // Progress only where someone watches: on a terminal, or when asked for.
  const bool quiet = p.flag("--quiet") || p.flag("-q") || (!tty && !p.flag("--progress"));
  double last_plain = -1;
  if (!quiet) {
    opt.progress = [&](const store::IngestProgress& pr) {
      double rate = pr.seconds > 0 ? static_cast<double>(pr.done) / pr.seconds : 0;
      double eta = rate > 0 ? static_cast<double>(pr.total - pr.done) / rate : -1;
      double frac = pr.total ? static_cast<double>(pr.done) / static_cast<double>(pr.total) : 1;
      if (tty) {
        const int width = 24;
        int fill = static_cast<int>(frac * width);
        std::string bar(static_cast<size_t>(fill), '#');
        bar.append(static_cast<size_t>(width - fill), '.');
        std::fprintf(stderr, "\r[%s] %zu/%zu %5.1f%%  读取 %zu  跳过 %zu  失败 %zu  %.1f 份/秒  剩余 %s \033[K",
                     bar.c_str(), pr.done, pr.total, frac * 100, pr.parsed, pr.skipped, pr.failed, rate,
                     hms(eta).c_str());
        if (pr.done == pr.total) std::fputc('\n', stderr);
      } else if (pr.done == pr.total || last_plain < 0 || pr.seconds - last_plain >= 5) {
        last_plain = pr.seconds;
        std::fprintf(stderr, "进度：%zu/%zu（%.1f%%），读取 %zu，跳过 %zu，失败 %zu，%.1f 份/秒，预计剩余 %s\n",
                     pr.done, pr.total, frac * 100, pr.parsed, pr.skipped, pr.failed, rate, hms(eta).c_str());
      }
      std::fflush(stderr);
    };
  }

  store::IngestSummary s;
  try {
    s = store::ingest(w.files, *db, opt);
  } catch (const std::exception& e) {
    if (tty && !quiet) std::fputc('\n', stderr);
    std::fprintf(stderr, "gongkai ingest：%s\n", e.what());
    return 2;
  }
  const auto& c = s.counts;
  std::printf("入库完成：共 %zu 个文件，用时 %.1f 秒（解析器 %s）\n", c.total, c.seconds, kParserVersion);
  std::printf("  新读取 %zu，跳过 %zu（其中与其他文件内容相同 %zu），失败 %zu\n", c.parsed, c.skipped,
              c.duplicates, c.failed);
  if (s.orphans_removed)
    std::printf("  删除不再对应任何文件的旧报告 %zu 份（文件内容已变）\n", s.orphans_removed);
  std::printf("  本次读取的报告中：有错误的 %zu 份，有警告的 %zu 份\n", s.reports_with_errors,
              s.reports_with_warnings);
  if (!s.findings_by_rule.empty()) {
    std::printf("  按规则（报告份数）：\n");
    for (const auto& [rule, sev] : s.findings_by_rule) {
      std::string line = "    " + rule;
      if (auto it = sev.find("error"); it != sev.end()) line += "  错误 " + std::to_string(it->second);
      if (auto it = sev.find("warning"); it != sev.end()) line += "  警告 " + std::to_string(it->second);
      std::printf("%s\n", line.c_str());
    }
  }
  if (!s.failures.empty()) {
    std::printf("  读取失败的文件：\n");
    size_t shown = 0;
    for (const auto& [path, err] : s.failures) {
      if (++shown > 20) {
        std::printf("    ……另有 %zu 个（gongkai stats 或数据库 files 表中可查）\n", s.failures.size() - 20);
        break;
      }
      std::printf("    %s：%s\n", path.c_str(), err.c_str());
    }
  }
  if (c.failed || !w.errors.empty()) return 2;
  if (s.reports_with_errors || s.reports_with_warnings) return 1;
  return 0;
}

int cmd_export(const Args& args) {
  Parsed p = parse_args(args, {"--db", "--format", "--table", "--labels", "-o", "--output"}, {"--help", "-h"});
  if (p.flag("--help") || p.flag("-h")) {
    std::fputs(kExportHelp, stdout);
    return 0;
  }
  if (!p.error.empty() || !p.positional.empty()) {
    std::fprintf(stderr, "gongkai export：%s\n\n%s",
                 p.error.empty() ? ("多余的参数“" + p.positional[0] + "”").c_str() : p.error.c_str(), kExportHelp);
    return 2;
  }
  const std::string* db = p.get("--db");
  const std::string* out = p.get("-o");
  if (!out) out = p.get("--output");
  static const std::string kStdout = "-";
  if (!out) out = &kStdout;
  const bool to_stdout = *out == "-";
  if (!db) {
    std::fprintf(stderr, "gongkai export：需要 --db。\n\n%s", kExportHelp);
    return 2;
  }
  std::string format = p.get("--format") ? *p.get("--format") : "";
  if (format.empty()) {
    auto ends = [&](const char* e) {
      std::string s(e);
      return out->size() >= s.size() && out->compare(out->size() - s.size(), s.size(), s) == 0;
    };
    format = ends(".xlsx") ? "xlsx" : ends(".jsonl") ? "jsonl" : "csv";
  }
  store::ExportOptions opt;
  std::string table = p.get("--table") ? *p.get("--table") : "wide";
  if (table == "wide") opt.table = store::ExportTable::Wide;
  else if (table == "long") opt.table = store::ExportTable::Long;
  else if (table == "diagnostics") opt.table = store::ExportTable::Diagnostics;
  else {
    std::fprintf(stderr, "gongkai export：--table 只能是 wide、long 或 diagnostics，得到“%s”。\n", table.c_str());
    return 2;
  }
  if (const std::string* l = p.get("--labels")) {
    if (*l != "zh" && *l != "en") {
      std::fprintf(stderr, "gongkai export：--labels 只能是 zh 或 en。\n");
      return 2;
    }
    opt.labels_zh = *l == "zh";
  }
  if (format != "csv" && format != "xlsx" && format != "jsonl") {
    std::fprintf(stderr, "gongkai export：--format 只能是 csv、xlsx 或 jsonl，得到“%s”。\n", format.c_str());
    return 2;
  }
  try {
    store::Db conn = store::open_corpus_readonly(*db);
    size_t n = 0;
    auto write = [&](const std::string& path) {
      std::unique_ptr<store::TableSink> sink;
      if (format == "csv") sink = store::make_csv_sink(path);
      else if (format == "jsonl") sink = store::make_jsonl_sink(path);
      else sink = store::make_xlsx_sink(path, table);
      n = store::export_table(conn, *sink, opt);
    };
    if (to_stdout) write_via_temp_file(write);
    else write(*out);
    std::fprintf(stderr, "已导出 %zu 行到 %s\n", n, to_stdout ? "标准输出" : out->c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai export：%s\n", e.what());
    return 2;
  }
  return 0;
}

int cmd_stats(const Args& args) {
  Parsed p = parse_args(args, {"--db", "--format", "--top", "--year", "--region"}, {"--help", "-h"});
  if (p.flag("--help") || p.flag("-h")) {
    std::fputs(kStatsHelp, stdout);
    return 0;
  }
  if (!p.error.empty() || !p.get("--db")) {
    std::fprintf(stderr, "gongkai stats：%s\n\n%s", p.error.empty() ? "需要 --db。" : p.error.c_str(), kStatsHelp);
    return 2;
  }
  std::string format = p.get("--format") ? *p.get("--format") : "text";
  if (format != "text" && format != "json") {
    std::fprintf(stderr, "gongkai stats：--format 只能是 text 或 json。\n");
    return 2;
  }
  int top = 20;
  if (const std::string* t = p.get("--top")) top = std::max(1, std::atoi(t->c_str()));
  try {
    store::Db conn = store::open_corpus_readonly(*p.get("--db"));
    store::StatsFilter filter;
    if (const std::string* y = p.get("--year")) {
      filter.year = std::atoi(y->c_str());
      if (filter.year < 1990 || filter.year > 2100) {
        std::fprintf(stderr, "gongkai stats：--year 需要一个年度，如 2024，得到“%s”。\n", y->c_str());
        return 2;
      }
    }
    region_stats_filter(conn, p.get("--region"), &filter);
    auto s = store::corpus_stats(conn, top, filter);
    if (format == "json") std::printf("%s\n", s.dump(2).c_str());
    else std::fputs(store::stats_text(s).c_str(), stdout);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai stats：%s\n", e.what());
    return 2;
  }
  return 0;
}

}  // namespace gk::cli

namespace gk::cli {

int cmd_db(const Args& args) {
  Parsed p = parse_args(args, {"--db"}, {"--help", "-h"});
  if (p.flag("--help") || p.flag("-h")) {
    std::fputs(db_help().c_str(), stdout);
    return 0;
  }
  if (!p.error.empty() || p.positional.size() != 1 || p.positional[0] != "migrate" || !p.get("--db")) {
    std::fprintf(stderr, "gongkai db：%s\n\n%s",
                 !p.error.empty() ? p.error.c_str() : "需要子命令 migrate 和 --db。", db_help().c_str());
    return 2;
  }
  try {
    store::MigrateResult r = store::migrate_corpus(*p.get("--db"));
    if (r.from == r.to) std::printf("语料库已是当前结构（版本 %d），无需升级。\n", r.to);
    else std::printf("语料库结构已从版本 %d 升级到版本 %d。\n", r.from, r.to);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai db migrate：%s\n", e.what());
    return 2;
  }
}

}  // namespace gk::cli
