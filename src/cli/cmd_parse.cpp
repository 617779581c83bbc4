// gongkai parse / check / rules
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "model/rules.h"
#include "cli/commands.h"
#include "pipeline.h"
#include "model/json.h"
#include "model/position.h"

namespace gk::cli {

namespace {

struct Opts {
  std::vector<std::string> files;
  std::string format = "text";
  bool no_repair = false;
  bool quiet = false;
  bool help = false;
  bool sections = true;
  std::string error;
};

Opts parse_opts(const Args& args, bool json_default) {
  Opts o;
  if (json_default) o.format = "json";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") o.help = true;
    else if (a == "--format" || a == "-f") {
      if (i + 1 >= args.size()) { o.error = "--format 需要一个值"; break; }
      o.format = args[++i];
    } else if (a.rfind("--format=", 0) == 0) o.format = a.substr(9);
    else if (a == "--no-repair") o.no_repair = true;
    else if (a == "--no-sections") o.sections = false;
    else if (a == "-q" || a == "--quiet") o.quiet = true;
    else if (!a.empty() && a[0] == '-' && a != "-") { o.error = "未知参数：" + a; break; }
    else o.files.push_back(a);
  }
  return o;
}

bool is_dir(const std::string& p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Expand directories (recursively, sorted), skipping hidden files and truth files.
void expand(const std::string& path, std::vector<std::string>& out) {
  if (!is_dir(path)) {
    out.push_back(path);
    return;
  }
  std::vector<std::string> names;
  if (DIR* d = opendir(path.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.empty() || n[0] == '.') continue;
      if (n.size() > 11 && n.compare(n.size() - 11, 11, ".truth.json") == 0) continue;
      names.push_back(n);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  for (const auto& n : names) expand(path + (path.back() == '/' ? "" : "/") + n, out);
}

// file:LINE: or, for paged sources, file:PAGE:LINE: (model/position.h).
void print_text_diag(const Report& r, const Diagnostic& d) {
  std::string pos = pos_machine(source_pos(d.line, r.paged));
  std::printf("%s:%s %s：%s [%s]\n", r.path.c_str(), pos.empty() ? "" : (pos + ":").c_str(),
              std::string(severity_name_zh(d.severity)).c_str(), d.message.c_str(), d.rule.c_str());
  for (size_t i = 0; i < d.notes.size(); ++i) {
    int line = i < d.note_lines.size() ? d.note_lines[i] : 0;
    std::string where = line ? pos_zh(source_pos(line, r.paged)) + "：" : std::string();
    std::printf("    附注：%s%s\n", where.c_str(), d.notes[i].c_str());
  }
}

}  // namespace

static int run(const Args& args, bool is_check) {
  Opts o = parse_opts(args, !is_check);
  const char* name = is_check ? "check" : "parse";
  if (o.help) {
    if (is_check)
      std::printf(
          "用法：gongkai check 文件或目录… [--format text|json] [--no-repair] [-q]\n\n"
          "按规则目录检查年度报告，输出编译器风格的诊断：\n"
          "  文件:行: 错误|警告|附注：说明 [规则编号]\n\n"
          "  --format json   每个文件输出一行 JSON（诊断与单元格状态）\n"
          "  --no-repair     不按勾稽关系推算缺失的单元格\n"
          "  -q, --quiet     只输出错误和警告，不输出附注\n\n"
          "目录会递归展开。退出码：0 无问题；1 有错误或警告；2 有文件无法读取。\n");
    else
      std::printf(
          "用法：gongkai parse 文件或目录… [--format json|text] [--no-repair] [--no-sections]\n\n"
          "读取年度报告，输出结构化记录（docs/spec/report-json.md）。多个文件时每行一条记录（JSON Lines）。\n\n"
          "  --format text   以简明文字输出主要字段\n"
          "  --no-repair     不按勾稽关系推算缺失的单元格\n"
          "  --no-sections   记录中不含各部分正文\n\n"
          "退出码：0 全部读取成功且无问题；1 报告有错误或警告；2 有文件无法读取。\n");
    return 0;
  }
  if (!o.error.empty()) {
    std::fprintf(stderr, "gongkai %s：%s（用 --help 查看用法）\n", name, o.error.c_str());
    return 2;
  }
  if (o.format != "json" && o.format != "text") {
    std::fprintf(stderr, "gongkai %s：不支持的输出格式“%s”，可选 text 或 json\n", name, o.format.c_str());
    return 2;
  }
  if (o.files.empty()) {
    std::fprintf(stderr, "gongkai %s：请指定要读取的文件或目录（用 --help 查看用法）\n", name);
    return 2;
  }
  std::vector<std::string> files;
  for (const auto& f : o.files) expand(f, files);
  ParseOptions popt;
  popt.repair = !o.no_repair;
  int rc = 0;
  size_t failed = 0, with_findings = 0;
  for (const auto& f : files) {
    Report r;
    try {
      r = parse_file(f, popt);
    } catch (const ReadError& e) {
      std::fprintf(stderr, "%s: 错误：无法读取：%s [%s]\n", f.c_str(), e.what(), rule_id(Rule::R_UNREADABLE));
      ++failed;
      rc = 2;
      continue;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s: 错误：处理时出现内部错误：%s [%s]\n", f.c_str(), e.what(), rule_id(Rule::E_INTERNAL));
      ++failed;
      rc = 2;
      continue;
    }
    if (r.has_findings()) {
      ++with_findings;
      if (rc == 0) rc = 1;
    }
    if (o.format == "json") {
      nlohmann::json j = to_json(r, o.sections);
      if (is_check) {
        nlohmann::json slim = {{"source", j["source"]}, {"agency", j["agency"]}, {"year", j["year"]},
                               {"diagnostics", j["diagnostics"]}};
        std::cout << slim.dump() << "\n";
      } else {
        std::cout << j.dump(files.size() == 1 ? 1 : -1) << "\n";
      }
    } else if (is_check) {
      for (const auto& d : r.diagnostics)
        if (!(o.quiet && d.severity == Severity::Note)) print_text_diag(r, d);
    } else {
      std::printf("%s：%s %d 年（%s 版格式）\n", r.path.c_str(), r.agency.empty() ? "（未识别机关）" : r.agency.c_str(),
                  r.year, std::string(edition_key(r.edition)).c_str());
      for (const auto& ref : all_cells(r)) {
        const Cell& c = *ref.cell;
        if (c.status == CellStatus::Printed || c.status == CellStatus::Blank) continue;
        std::printf("  %s = %s（%s）\n", ref.path.c_str(),
                    c.value ? std::to_string((long long)*c.value).c_str() : "null",
                    std::string(cell_status_name(c.status)).c_str());
      }
    }
  }
  std::fflush(stdout);
  if (is_check && o.format == "text" && files.size() > 1)
    std::fprintf(stderr, "共 %zu 个文件：%zu 个有问题，%zu 个无法读取。\n", files.size(), with_findings, failed);
  return rc;
}

int cmd_parse(const Args& args) { return run(args, false); }
int cmd_check(const Args& args) { return run(args, true); }

int cmd_rules(const Args& args) {
  auto has = [&](const char* a) { return std::find(args.begin(), args.end(), a) != args.end(); };
  bool json = has("--format=json") || has("json");
  bool md = has("--format=md") || has("md");
  if (has("--help") || has("-h")) {
    std::printf("用法：gongkai rules [--format text|json|md]\n列出规则目录：规则编号、级别、类别、公式、说明。\n");
    return 0;
  }
  if (md) {
    std::printf("# 规则目录\n\n由 `gongkai rules --format md` 生成，与程序内的规则表一致（测试会核对）。\n"
                "带 `@` 后缀的编号是同一规则的实例，例如 `T2-ROW-TOTAL@new`、`T2-BALANCE@total`。\n\n"
                "| 编号 | 级别 | 类别 | 公式或条件 | 说明 |\n|---|---|---|---|---|\n");
    for (const auto& rule : rule_catalogue())
      std::printf("| `%s` | %s | %s | %s | %s |\n", rule.id, std::string(severity_name_zh(rule.severity)).c_str(),
                  rule.category, rule.formula, rule.message);
    return 0;
  }
  if (json) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& rule : rule_catalogue())
      a.push_back({{"id", rule.id}, {"severity", std::string(severity_name(rule.severity))},
                   {"formula", rule.formula}, {"message", rule.message}, {"category", rule.category}});
    std::cout << a.dump(1) << "\n";
    return 0;
  }
  for (const auto& rule : rule_catalogue())
    std::printf("%-22s %-4s %s\n    公式：%s\n", rule.id, std::string(severity_name_zh(rule.severity)).c_str(),
                rule.message, rule.formula);
  return 0;
}

}  // namespace gk::cli
