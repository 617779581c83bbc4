// gongkai: one binary, subcommands, Chinese help.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/commands.h"
#include "pipeline.h"
#include "util/malloc_tuning.h"

namespace {

struct Command {
  const char* name;
  int (*fn)(const gk::cli::Args&);
  const char* help;
};

const Command kCommands[] = {
    {"parse", gk::cli::cmd_parse, "读取年度报告，输出结构化记录（JSON / JSON Lines）"},
    {"check", gk::cli::cmd_check, "检查年度报告，按规则目录输出诊断（编译器风格）"},
    {"rules", gk::cli::cmd_rules, "列出规则目录（规则编号、级别、公式、说明）"},
    {"render", gk::cli::cmd_render, "由填报表或记录生成标准格式的年度报告（txt/md/html/docx）"},
    {"template", gk::cli::cmd_template, "输出空白填报表（xlsx/json）"},
    {"generate", gk::cli::cmd_generate, "生成随机测试报告（用于测试与基准）"},
    {"ingest", gk::cli::cmd_ingest, "批量读取报告入库（SQLite 或 PostgreSQL）"},
    {"export", gk::cli::cmd_export, "从数据库导出 CSV / XLSX / JSONL"},
    {"stats", gk::cli::cmd_stats, "数据库统计：按年度、层级、地区汇总"},
    {"db", gk::cli::cmd_db, "语料库结构升级（gongkai db migrate）"},
    {"serve", gk::cli::cmd_serve, "启动 HTTP 服务与网页界面"},
    {"users", gk::cli::cmd_users, "serve --accounts 的账号：添加、列出、改密码、停用"},
    {"units", gk::cli::cmd_units, "单位名单：导入、列出、指定当前版本"},
    {"coverage", gk::cli::cmd_coverage, "地区某年度的发布情况：按时、逾期、未发布、有错误"},
    {"rollup", gk::cli::cmd_rollup, "把地区内各单位的报告汇总为一份记录"},
    {"compare", gk::cli::cmd_compare, "比较两份报告：单元格变化、逐句增删、文字重复"},
    {"panel", gk::cli::cmd_panel, "多年度面板导出（每单位每年一行）"},
    {"scorecard", gk::cli::cmd_scorecard, "评估指标与排名"},
    {"register", gk::cli::cmd_register, "依申请公开台账：导入、由台账计算表二、答复期限、与报告比较"},
};

void usage(FILE* out) {
  std::fprintf(out,
               "公开 Gongkai %s — 政府信息公开工作年度报告的读取、检查与汇总工具\n\n"
               "用法：gongkai <子命令> [参数…]\n\n子命令：\n",
               gk::kParserVersion);
  for (const auto& c : kCommands) std::fprintf(out, "  %-10s %s\n", c.name, c.help);
  std::fprintf(out,
               "\n每个子命令都可加 --help 查看详细用法。\n"
               "全局参数（写在子命令前，交给子命令）：-j N / --jobs N 并行线程数，-q / --quiet 安静，\n"
               "--progress 在标准错误上显示进度。\n"
               "退出码：0 无问题；1 报告有错误或警告；2 文件无法读取或参数有误。\n");
}

}  // namespace

int main(int argc, char** argv) {
  gk::tune_allocator_for_batches();
  // Global flags before the subcommand (gongkai -j 2 check …) are handed to it.
  gk::cli::Args global;
  int at = 1;
  while (at < argc) {
    std::string a = argv[at];
    if (a == "-q" || a == "--quiet" || a == "--progress" || a.rfind("--jobs=", 0) == 0 ||
        (a.size() > 2 && a.rfind("-j", 0) == 0)) {
      global.push_back(a);
      ++at;
    } else if ((a == "-j" || a == "--jobs") && at + 1 < argc) {
      global.push_back(a);
      global.emplace_back(argv[at + 1]);
      at += 2;
    } else {
      break;
    }
  }
  if (at >= argc) {
    usage(stderr);
    return 2;
  }
  std::string sub = argv[at];
  if (sub == "--help" || sub == "-h" || sub == "help") {
    usage(stdout);
    return 0;
  }
  if (sub == "--version" || sub == "-V") {
    std::printf("gongkai %s\n", gk::kParserVersion);
    return 0;
  }
  gk::cli::Args args = global;
  for (int i = at + 1; i < argc; ++i) args.emplace_back(argv[i]);
  for (const auto& c : kCommands)
    if (sub == c.name) return c.fn(args);
  std::fprintf(stderr, "gongkai：未知的子命令“%s”。\n\n", sub.c_str());
  usage(stderr);
  return 2;
}
