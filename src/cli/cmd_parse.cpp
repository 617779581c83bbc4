// gongkai parse / check / rules
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "util/ordered.h"
#include "model/json.h"
#include "model/json_write.h"
#include "model/rules.h"
#include "pipeline.h"
#include "util/walk.h"
#include "model/position.h"
#include "model/verify.h"

namespace gk::cli {

namespace {

struct Opts {
  std::vector<std::string> files;
  std::string format = "text";
  bool no_repair = false;
  bool quiet = false;
  bool progress = false;
  bool help = false;
  bool sections = true;
  int jobs = 0;  // 0 = every core
  uint32_t fields = kAllRecordFields;
  std::string error;
};

Opts parse_opts(const Args& args, bool json_default) {
  Opts o;
  if (json_default) o.format = "json";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* name, std::string* v) {
      if (auto eq = a.find('='); eq != std::string::npos) {
        *v = a.substr(eq + 1);
        return true;
      }
      if (i + 1 >= args.size()) {
        o.error = std::string(name) + " 需要一个值";
        return false;
      }
      *v = args[++i];
      return true;
    };
    auto is = [&](const char* name) {
      size_t n = std::strlen(name);
      return a.compare(0, n, name) == 0 && (a.size() == n || a[n] == '=');
    };
    std::string v;
    if (a == "-h" || a == "--help") o.help = true;
    else if (is("--format") || a == "-f") {
      if (!value("--format", &o.format)) break;
    } else if (is("--jobs") || a == "-j" || (a.size() > 2 && a.compare(0, 2, "-j") == 0 && std::isdigit(
                                                                     static_cast<unsigned char>(a[2])))) {
      if (a.size() > 2 && a[1] == 'j') v = a.substr(2);
      else if (!value("--jobs", &v)) break;
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < 1 || n > 1024) {
        o.error = "--jobs 需要 1 到 1024 之间的整数，得到“" + v + "”";
        break;
      }
      o.jobs = static_cast<int>(n);
    } else if (is("--fields")) {
      if (!value("--fields", &v)) break;
      std::string bad;
      if (!parse_record_fields(v, &o.fields, &bad)) {
        o.error = bad.empty() ? "--fields 至少要列出一个字段"
                              : "--fields 中没有字段“" + bad + "”（可用：" + record_field_names() + "）";
        break;
      }
    } else if (a == "--no-repair") o.no_repair = true;
    else if (a == "--no-sections") o.sections = false;
    else if (a == "-q" || a == "--quiet") o.quiet = true;
    else if (a == "--progress") o.progress = true;
    else if (!a.empty() && a[0] == '-' && a != "-") { o.error = "未知参数：" + a; break; }
    else o.files.push_back(a);
  }
  return o;
}

void appendf(std::string& out, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
void appendf(std::string& out, const char* fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if (static_cast<size_t>(n) < sizeof buf) {
    out.append(buf, static_cast<size_t>(n));
    return;
  }
  size_t at = out.size();
  out.resize(at + static_cast<size_t>(n) + 1);
  va_start(ap, fmt);
  std::vsnprintf(out.data() + at, static_cast<size_t>(n) + 1, fmt, ap);
  va_end(ap);
  out.resize(at + static_cast<size_t>(n));
}

// file:LINE: or, for paged sources, file:PAGE:LINE: (model/position.h).
void print_text_diag(std::string& out, const Report& r, const Diagnostic& d) {
  std::string pos = pos_machine(source_pos(d.line, r.paged));
  appendf(out, "%s:%s %s：%s [%s]\n", r.path.c_str(), pos.empty() ? "" : (pos + ":").c_str(),
          std::string(severity_name_zh(d.severity)).c_str(), d.message.c_str(), d.rule.c_str());
  for (size_t i = 0; i < d.notes.size(); ++i) {
    int line = i < d.note_lines.size() ? d.note_lines[i] : 0;
    std::string where = line ? pos_zh(source_pos(line, r.paged)) + "：" : std::string();
    appendf(out, "    附注：%s%s\n", where.c_str(), d.notes[i].c_str());
  }
}

bool read_stream(FILE* f, std::string* out) {
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  return !std::ferror(f);
}

// What one input file gives: its standard output and standard error text.
struct FileResult {
  std::string out, err;
  int status = 0;  // 0 clean, 1 findings, 2 unreadable
};

// The path "-" is standard input, read once before the workers start.
constexpr const char* kStdinPath = "-";
constexpr const char* kStdinName = "<stdin>";

FileResult process(const std::string& path, const std::string* stdin_bytes, const Opts& o, bool is_check,
                   size_t nfiles, const ParseOptions& popt) {
  FileResult res;
  const std::string& shown = stdin_bytes ? std::string(kStdinName) : path;
  std::optional<Report> parsed;  // constructed once, from the pipeline's result
  try {
    parsed.emplace(stdin_bytes ? parse_bytes(*stdin_bytes, shown, popt) : parse_file(path, popt));
  } catch (const ReadError& e) {
    appendf(res.err, "%s: 错误：无法读取：%s [%s]\n", shown.c_str(), e.what(), rule_id(Rule::R_UNREADABLE));
    res.status = 2;
    return res;
  } catch (const std::exception& e) {
    appendf(res.err, "%s: 错误：处理时出现内部错误：%s [%s]\n", shown.c_str(), e.what(),
            rule_id(Rule::E_INTERNAL));
    res.status = 2;
    return res;
  }
  const Report& r = *parsed;
  if (r.has_findings()) res.status = 1;
  if (o.format == "json") {
    // A record is some 30 KB of JSON (cell_info most of it): one allocation.
    res.out.reserve(is_check ? 16 << 10 : 48 << 10);
    if (is_check) {
      write_check_json(res.out, r);
    } else {
      JsonWriteOptions jo;
      jo.indent = nfiles == 1 ? 1 : -1;
      jo.sections = o.sections;
      jo.fields = o.fields;
      write_record_json(res.out, r, jo);
    }
    res.out.push_back('\n');
  } else if (is_check) {
    for (const auto& d : r.diagnostics)
      if (!(o.quiet && d.severity == Severity::Note)) print_text_diag(res.out, r, d);
  } else {
    appendf(res.out, "%s：%s %d 年（%s 版格式）\n", r.path.c_str(),
            r.agency.empty() ? "（未识别机关）" : r.agency.c_str(), r.year, std::string(edition_key(r.edition)).c_str());
    for (const auto& ref : all_cells(r)) {
      const Cell& c = *ref.cell;
      if (c.status == CellStatus::Printed || c.status == CellStatus::Blank) continue;
      appendf(res.out, "  %s = %s（%s）\n", ref.path.c_str(),
              c.value ? std::to_string((long long)*c.value).c_str() : "null",
              std::string(cell_status_name(c.status)).c_str());
    }
  }
  return res;
}

// Progress on standard error: a line redrawn in place on a terminal, a line
// every few seconds otherwise (only with --progress).
class Progress {
 public:
  Progress(bool on, size_t total) : on_(on && total > 1), tty_(isatty(STDERR_FILENO) != 0), total_(total) {}
  void update(size_t done) {
    if (!on_) return;
    double t = seconds();
    if (done != total_ && t - last_ < (tty_ ? 0.2 : 5.0)) return;
    last_ = t;
    double rate = t > 0 ? static_cast<double>(done) / t : 0;
    if (tty_) std::fprintf(stderr, "\r已处理 %zu/%zu 个文件，%.0f 个/秒\033[K", done, total_, rate);
    else std::fprintf(stderr, "进度：%zu/%zu 个文件，%.0f 个/秒\n", done, total_, rate);
    shown_ = tty_;
  }
  // Before other text on standard error: take the redrawn line away.
  void clear() {
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }

 private:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  bool on_, tty_;
  size_t total_;
  bool shown_ = false;
  double last_ = -1;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace

static int run(const Args& args, bool is_check) {
  Opts o = parse_opts(args, !is_check);
  const char* name = is_check ? "check" : "parse";
  if (o.help) {
    if (is_check)
      std::printf(
          "用法：gongkai check 文件或目录… [--format text|json] [--no-repair] [-j N] [-q] [--progress]\n\n"
          "按规则目录检查年度报告，输出编译器风格的诊断：\n"
          "  文件:行: 错误|警告|附注：说明 [规则编号]\n\n"
          "  --format json   每个文件输出一行 JSON（诊断与单元格状态）\n"
          "  --no-repair     不按勾稽关系推算缺失的单元格\n"
          "  -j, --jobs N    并行处理的线程数（默认：全部 CPU 核心）；输出顺序与输入顺序相同\n"
          "  -q, --quiet     只输出错误和警告，不输出附注，不显示进度\n"
          "  --progress      在标准错误上显示进度（默认只在终端上显示）\n\n"
          "文件名“-”表示从标准输入读取。目录会递归展开（跳过隐藏文件、数据库、JSON 记录与导出文件）。\n"
          "退出码：0 无问题；1 有错误或警告；2 有文件无法读取。\n");
    else
      std::printf(
          "用法：gongkai parse 文件或目录… [--format json|text] [--no-repair] [--no-sections]\n"
          "                    [--fields 字段,…] [-j N] [-q] [--progress]\n\n"
          "读取年度报告，输出结构化记录（docs/spec/report-json.md）。多个文件时每行一条记录（JSON Lines）。\n\n"
          "  --format text   以简明文字输出主要字段\n"
          "  --no-repair     不按勾稽关系推算缺失的单元格\n"
          "  --no-sections   记录中不含各部分正文\n"
          "  --fields 列表   只输出这些顶层字段（逗号分隔），可用：\n"
          "                  %s\n"
          "  -j, --jobs N    并行处理的线程数（默认：全部 CPU 核心）；输出顺序与输入顺序相同\n"
          "  -q, --quiet     不显示进度\n"
          "  --progress      在标准错误上显示进度（默认只在终端上显示）\n\n"
          "文件名“-”表示从标准输入读取。目录会递归展开（跳过隐藏文件、数据库、JSON 记录与导出文件）。\n"
          "退出码：0 全部读取成功且无问题；1 报告有错误或警告；2 有文件无法读取。\n",
          record_field_names().c_str());
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
  int rc = 0;
  std::vector<std::string> files;
  bool want_stdin = false;
  for (const auto& f : o.files) {
    if (f == kStdinPath) {
      want_stdin = true;
      files.push_back(f);
      continue;
    }
    WalkResult w = walk_inputs({f});
    for (const auto& e : w.errors) {
      std::fprintf(stderr, "%s: 错误：无法读取：%s [%s]\n", f.c_str(), e.c_str(), rule_id(Rule::R_UNREADABLE));
      rc = 2;
    }
    files.insert(files.end(), std::make_move_iterator(w.files.begin()), std::make_move_iterator(w.files.end()));
  }
  std::string stdin_bytes;
  if (want_stdin) {
    if (!read_stream(stdin, &stdin_bytes)) {
      std::fprintf(stderr, "%s: 错误：无法读取标准输入 [%s]\n", kStdinName, rule_id(Rule::R_UNREADABLE));
      return 2;
    }
  }
  ParseOptions popt;
  popt.repair = !o.no_repair;
  size_t failed = 0, with_findings = 0;
  const bool stdout_tty = isatty(STDOUT_FILENO) != 0;
  static char outbuf[1 << 16];
  if (!stdout_tty) std::setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  Progress progress(!o.quiet && (o.progress || isatty(STDERR_FILENO)), files.size());

  auto work = [&](size_t i) {
    return process(files[i], files[i] == kStdinPath ? &stdin_bytes : nullptr, o, is_check, files.size(), popt);
  };
  auto emit = [&](size_t i, FileResult& res) {
    if (!res.out.empty()) std::fwrite(res.out.data(), 1, res.out.size(), stdout);
    if (!res.err.empty()) {
      progress.clear();
      std::fflush(stdout);
      std::fputs(res.err.c_str(), stderr);
    }
    if (res.status == 2) {
      ++failed;
      rc = 2;
    } else if (res.status == 1) {
      ++with_findings;
      if (rc == 0) rc = 1;
    }
    progress.update(i + 1);
  };
  run_in_order(files.size(), o.jobs, work, emit);
  progress.clear();
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
