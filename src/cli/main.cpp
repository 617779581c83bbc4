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
    {"ingest", gk::cli::cmd_ingest, "批量读取报告入库（SQLite）"},
    {"export", gk::cli::cmd_export, "从数据库导出 CSV / XLSX / JSONL"},
    {"stats", gk::cli::cmd_stats, "数据库统计：按年度、层级、地区汇总"},
    {"serve", gk::cli::cmd_serve, "启动 HTTP 服务与网页界面"},
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
               "退出码：0 无问题；1 报告有错误或警告；2 文件无法读取或参数有误。\n");
}

}  // namespace

int main(int argc, char** argv) {
  gk::tune_allocator_for_batches();
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  std::string sub = argv[1];
  if (sub == "--help" || sub == "-h" || sub == "help") {
    usage(stdout);
    return 0;
  }
  if (sub == "--version" || sub == "-V") {
    std::printf("gongkai %s\n", gk::kParserVersion);
    return 0;
  }
  gk::cli::Args args;
  for (int i = 2; i < argc; ++i) args.emplace_back(argv[i]);
  for (const auto& c : kCommands)
    if (sub == c.name) return c.fn(args);
  std::fprintf(stderr, "gongkai：未知的子命令“%s”。\n\n", sub.c_str());
  usage(stderr);
  return 2;
}
