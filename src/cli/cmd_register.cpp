// gongkai register: the clerk's case register (依申请公开台账) — import a CSV/XLSX
// register into the database (all or nothing, errors row by row), table 2 by
// construction, the 第三十三条 deadlines, and a report's table 2 against it.
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "model/json.h"
#include "pipeline.h"
#include "read/reader.h"
#include "register/calendar.h"
#include "register/register.h"
#include "register/store.h"
#include "register/table2.h"
#include "store/schema.h"

namespace gk::cli {

namespace {

const char* kHelp =
    "用法：gongkai register import 台账文件 --unit 单位 --year 年度 --db 语料库.db\n"
    "      gongkai register table2 --unit 单位 --year 年度 (--db 语料库.db | --file 台账 [--previous 上年台账])\n"
    "                              [--format text|json]\n"
    "      gongkai register deadlines --unit 单位 --year 年度 (--db … | --file …) [--today 日期] [--soon N]\n"
    "                              [--all] [--calendar 日历文件]\n"
    "      gongkai register compare 年度报告 --unit 单位 --year 年度 (--db … | --file …)\n"
    "      gongkai register list --db 语料库.db\n\n"
    "依申请公开台账：每件政府信息公开申请一行（列的说明见 docs/register.md；空白台账：\n"
    "gongkai template --register --format xlsx -o 台账.xlsx）。\n"
    "  import     读取 CSV 或 XLSX 台账，逐行检查；有任何一行出错则整份不导入，逐行列出错误（退出码 1）；\n"
    "             无误则替换该单位该年度的台账\n"
    "  table2     由台账逐格计算表二（收到和处理政府信息公开申请情况），含由上年台账结转的申请\n"
    "  deadlines  按条例第三十三条（20个工作日，延期最长再20个工作日）与节假日日历列出已逾期、\n"
    "             即将到期的申请（有逾期时退出码 1）；--all 同时列出已答复申请是否按期\n"
    "  compare    把年度报告中印出的表二与台账计算的表二逐格比较，列出不同的单元格（有不同时退出码 1）\n"
    "  list       数据库中的台账（单位、年度、件数、年底未办结件数）\n\n"
    "  --today     计算期限的日期（默认今天）    --soon N  剩余不超过 N 个工作日为即将到期（默认 5）\n"
    "  --calendar  节假日日历文件（默认内置 data/calendar/cn-holidays.json；新年度的通知发布后可自行更新）\n"
    "退出码：0 无问题；1 台账有错误、有逾期或表二不一致；2 参数有误或文件无法读取。\n";

int bad_call(const std::string& msg) {
  std::fprintf(stderr, "gongkai register：%s\n（用 gongkai register --help 查看用法）\n", msg.c_str());
  return 2;
}

struct Opts {
  std::string sub, input, unit, db, file, previous, format = "text", calendar, today;
  int year = 0, soon = 5;
  bool all = false;
};

// Read and validate a register file. nullopt after printing why (exit code in *rc).
std::optional<reg::Register> register_from_file(const std::string& path, const std::string& unit, int year, int* rc) {
  reg::RawRegister raw;
  try {
    raw = reg::read_register_bytes(slurp_file(path, 256u << 20), path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai register：%s：%s\n", path.c_str(), e.what());
    *rc = 2;
    return std::nullopt;
  }
  reg::Validated v = reg::validate(raw, unit, year);
  if (!v.ok()) {
    std::fputs(reg::format_errors(v.errors, path).c_str(), stderr);
    std::fprintf(stderr, "gongkai register：%s：%zu 处错误，台账未导入（没有任何一行被导入）\n", path.c_str(),
                 v.errors.size());
    *rc = 1;
    return std::nullopt;
  }
  return std::move(v.reg);
}

struct Loaded {
  reg::Register reg;
  std::optional<reg::Register> previous;
};

std::optional<Loaded> load(const Opts& o, int* rc) {
  Loaded l;
  if (!o.file.empty()) {
    auto r = register_from_file(o.file, o.unit, o.year, rc);
    if (!r) return std::nullopt;
    l.reg = std::move(*r);
    if (!o.previous.empty()) {
      l.previous = register_from_file(o.previous, o.unit, o.year - 1, rc);
      if (!l.previous) return std::nullopt;
    }
    return l;
  }
  try {
    store::Db db = store::open_corpus(o.db, false);
    auto r = reg::load_register(db, o.unit, o.year);
    if (!r) {
      std::fprintf(stderr, "gongkai register：数据库“%s”中没有“%s” %d 年的台账（先用 gongkai register import 导入）\n",
                   o.db.c_str(), o.unit.c_str(), o.year);
      *rc = 2;
      return std::nullopt;
    }
    l.reg = std::move(*r);
    l.previous = reg::load_register(db, o.unit, o.year - 1);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai register：%s\n", e.what());
    *rc = 2;
    return std::nullopt;
  }
  return l;
}

void print_table2(const reg::Table2& t) {
  std::printf("%s", "项目");
  for (int c = 0; c < kT2Cols; ++c) std::printf("\t%s", kT2ColLabels[c]);
  std::printf("\n");
  for (int r = 0; r < kT2Rows; ++r) {
    std::printf("%s", kT2RowLabels[r]);
    for (int c = 0; c < kT2Cols; ++c) std::printf("\t%ld", t[r][c]);
    std::printf("\n");
  }
}

nlohmann::json table2_json(const reg::Table2Result& t, const reg::Register& r) {
  Report rep;
  reg::fill_report(rep, t.cells);
  nlohmann::json full = to_json(rep, false);
  return {{"unit", r.unit}, {"year", r.year}, {"cases", r.cases.size()},
          {"applications", full["applications"]}, {"notes", t.notes}};
}

int do_import(const Opts& o) {
  if (o.input.empty()) return bad_call("import 需要台账文件");
  if (o.db.empty()) return bad_call("import 需要 --db 语料库.db");
  int rc = 0;
  auto r = register_from_file(o.input, o.unit, o.year, &rc);
  if (!r) return rc;
  try {
    store::Db db = store::open_corpus(o.db, true);
    reg::save_register(db, *r, o.input);
    long open = 0;
    for (const auto& c : r->cases) open += reg::open_at_year_end(c, o.year);
    std::fprintf(stderr, "已导入“%s” %d 年台账：%zu 件申请（年底未办结 %ld 件）→ %s\n", o.unit.c_str(), o.year,
                 r->cases.size(), open, o.db.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai register：%s\n", e.what());
    return 2;
  }
  return 0;
}

int do_table2(const Opts& o) {
  int rc = 0;
  auto l = load(o, &rc);
  if (!l) return rc;
  reg::Table2Result t = reg::table2(l->reg, l->previous ? &*l->previous : nullptr);
  if (o.format == "json") {
    std::printf("%s\n", table2_json(t, l->reg).dump(1).c_str());
  } else {
    std::printf("%s %d 年 表二 收到和处理政府信息公开申请情况（由台账 %zu 件申请逐格计算）\n", o.unit.c_str(), o.year,
                l->reg.cases.size());
    print_table2(t.cells);
  }
  for (const auto& n : t.notes) std::fprintf(stderr, "附注：%s\n", n.c_str());
  return 0;
}

int do_deadlines(const Opts& o) {
  int rc = 0;
  auto l = load(o, &rc);
  if (!l) return rc;
  try {
    reg::Calendar cal = o.calendar.empty() ? reg::Calendar::builtin() : reg::Calendar::from_file(o.calendar);
    reg::Date today;
    if (o.today.empty()) {
      std::time_t now = std::time(nullptr);
      std::tm tm{};
      localtime_r(&now, &tm);
      today = reg::Date::from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    } else {
      auto d = reg::parse_date(o.today);
      if (!d) return bad_call("--today 不是有效日期：" + o.today);
      today = *d;
    }
    auto rows = reg::deadlines(l->reg, cal, today, o.soon, o.all);
    int overdue = 0, soon = 0;
    std::printf("%s %d 年台账 答复期限（条例第三十三条；以 %s 计）\n", o.unit.c_str(), o.year, today.iso().c_str());
    std::printf("状态\t申请编号\t收到日期\t答复期限\t延期\t剩余工作日\t申请内容\n");
    for (const auto& d : rows) {
      overdue += d.status == reg::DeadlineRow::Overdue;
      soon += d.status == reg::DeadlineRow::DueSoon;
      std::printf("%s\t%s\t%s\t%s\t%s\t%d\t%s\n", reg::status_name(d.status), d.c->case_no.c_str(),
                  d.c->received.iso().c_str(), d.due.iso().c_str(), d.c->extended ? "是" : "否", d.working_days_left,
                  d.c->subject.c_str());
    }
    std::fprintf(stderr, "已逾期 %d 件，即将到期（%d 个工作日内）%d 件\n", overdue, o.soon, soon);
    return overdue > 0 ? 1 : 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai register：%s\n", e.what());
    return 2;
  }
}

int do_compare(const Opts& o) {
  if (o.input.empty()) return bad_call("compare 需要年度报告文件");
  int rc = 0;
  auto l = load(o, &rc);
  if (!l) return rc;
  Report printed;
  try {
    ParseOptions popt;
    popt.check = false;
    printed = parse_file(o.input, popt);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai register：%s：%s\n", o.input.c_str(), e.what());
    return 2;
  }
  reg::Table2Result t = reg::table2(l->reg, l->previous ? &*l->previous : nullptr);
  auto diffs = reg::compare(t.cells, printed);
  for (const auto& d : diffs) {
    std::string p = d.printed ? std::to_string(static_cast<long long>(*d.printed)) : std::string("（空）");
    std::printf("%s：表二“%s”行“%s”列：报告为 %s，台账计算为 %ld（相差 %+lld）\n", o.input.c_str(),
                kT2RowLabels[d.row], kT2ColLabels[d.col], p.c_str(), d.computed,
                d.printed ? static_cast<long long>(*d.printed) - d.computed : -static_cast<long long>(d.computed));
  }
  for (const auto& n : t.notes) std::fprintf(stderr, "附注：%s\n", n.c_str());
  if (diffs.empty()) {
    std::fprintf(stderr, "%s：表二 175 个单元格与台账（%zu 件申请）一致\n", o.input.c_str(), l->reg.cases.size());
    return 0;
  }
  std::fprintf(stderr, "%s：表二有 %zu 个单元格与台账不一致\n", o.input.c_str(), diffs.size());
  return 1;
}

int do_list(const Opts& o) {
  if (o.db.empty()) return bad_call("list 需要 --db 语料库.db");
  try {
    store::Db db = store::open_corpus(o.db, false);
    std::printf("单位\t年度\t件数\t年底未办结\t最近导入\t来源\n");
    for (const auto& s : reg::list_registers(db))
      std::printf("%s\t%d\t%ld\t%ld\t%s\t%s\n", s.unit.c_str(), s.year, s.cases, s.open, s.last_import.c_str(),
                  s.last_source.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai register：%s\n", e.what());
    return 2;
  }
  return 0;
}

}  // namespace

int cmd_register(const Args& args) {
  Opts o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* dst) {
      if (i + 1 >= args.size()) return false;
      *dst = args[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (a == "--unit") {
      if (!value(&o.unit)) return bad_call("--unit 需要一个值");
    } else if (a == "--year") {
      if (!value(&v)) return bad_call("--year 需要一个值");
      try {
        size_t n = 0;
        o.year = std::stoi(v, &n);
        if (n != v.size() || o.year < 1990 || o.year > 2200) throw std::invalid_argument(v);
      } catch (...) {
        return bad_call("--year 应为年份，如 2024，而不是“" + v + "”");
      }
    } else if (a == "--db") {
      if (!value(&o.db)) return bad_call("--db 需要一个文件名");
    } else if (a == "--file") {
      if (!value(&o.file)) return bad_call("--file 需要一个文件名");
    } else if (a == "--previous") {
      if (!value(&o.previous)) return bad_call("--previous 需要一个文件名");
    } else if (a == "--format") {
      if (!value(&o.format) || (o.format != "text" && o.format != "json"))
        return bad_call("--format 只能是 text 或 json");
    } else if (a == "--calendar") {
      if (!value(&o.calendar)) return bad_call("--calendar 需要一个文件名");
    } else if (a == "--today") {
      if (!value(&o.today)) return bad_call("--today 需要一个日期");
    } else if (a == "--soon") {
      if (!value(&v)) return bad_call("--soon 需要一个数");
      try {
        o.soon = std::stoi(v);
        if (o.soon < 0 || o.soon > 60) throw std::invalid_argument(v);
      } catch (...) {
        return bad_call("--soon 应为 0 到 60 的工作日数");
      }
    } else if (a == "--all") {
      o.all = true;
    } else if (a.size() > 1 && a[0] == '-') {
      return bad_call("未知的参数“" + a + "”");
    } else if (o.sub.empty()) {
      o.sub = a;
    } else if (o.input.empty()) {
      o.input = a;
    } else {
      return bad_call("多余的参数“" + a + "”");
    }
  }
  if (o.sub.empty()) return bad_call("缺少子命令（import、table2、deadlines、compare、list）");
  if (o.sub == "list") return do_list(o);
  if (o.sub != "import" && o.sub != "table2" && o.sub != "deadlines" && o.sub != "compare")
    return bad_call("未知的子命令“" + o.sub + "”（可用：import、table2、deadlines、compare、list）");
  if (o.unit.empty()) return bad_call(o.sub + " 需要 --unit 单位");
  if (!o.year) return bad_call(o.sub + " 需要 --year 年度");
  if (o.sub == "import") return do_import(o);
  if (o.db.empty() == o.file.empty()) return bad_call(o.sub + " 需要 --db 语料库.db 或 --file 台账文件（二者选一）");
  if (o.sub == "table2") return do_table2(o);
  if (o.sub == "deadlines") return do_deadlines(o);
  return do_compare(o);
}

}  // namespace gk::cli
