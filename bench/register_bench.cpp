// register_bench: import of a 10,000-row XLSX case register (read the workbook,
// validate every row, store it in the corpus database), then table 2 and the
// deadlines of the year. Prints seconds per stage and rows per second.
// Usage: register_bench [rows=10000] [work-dir=/tmp]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <unistd.h>

#include "register/calendar.h"
#include "register/register.h"
#include "register/store.h"
#include "register/table2.h"
#include "register/workbook.h"
#include "store/schema.h"

namespace fs = std::filesystem;
using namespace gk;

namespace {

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

reg::Register make(int rows, int year) {
  std::mt19937 rng(42);
  reg::Register r;
  r.unit = "基准测试区人民政府";
  r.year = year;
  for (int i = 0; i < rows; ++i) {
    reg::Case c;
    c.case_no = "BJ-" + std::to_string(year) + "-" + std::to_string(i + 1);
    c.received = reg::Date::from_ymd(year, 1, 1) + static_cast<int>(rng() % 365);
    c.channel = reg::kChannels[rng() % 6];
    c.applicant = static_cast<int>(rng() % reg::kApplicantTypes);
    c.subject = "申请公开关于第" + std::to_string(i + 1) + "号项目的审批文件及相关材料";
    if (rng() % 10) {
      c.outcome = reg::kOutcomeFirst + static_cast<int>(rng() % (reg::kOutcomeLast - reg::kOutcomeFirst + 1));
      c.replied = c.received + static_cast<int>(rng() % 30);
      if (c.outcome == R_OTHER_NO_FEE) {
        c.fee_notice = true;
        c.fee_amount = 200;
      }
    }
    r.cases.push_back(c);
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  int rows = argc > 1 ? std::atoi(argv[1]) : 10000;
  fs::path dir = fs::path(argc > 2 ? argv[2] : "/tmp") / ("gongkai-register-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  reg::Register src = make(rows, 2024);
  double t0 = now();
  reg::write_register_xlsx((dir / "register.xlsx").string(), &src);
  double t1 = now();
  std::ifstream in(dir / "register.xlsx", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  double t2 = now();
  reg::RawRegister raw = reg::read_register_bytes(bytes, "register.xlsx");
  double t3 = now();
  reg::Validated v = reg::validate(raw, src.unit, src.year);
  double t4 = now();
  if (!v.ok()) {
    std::fputs(reg::format_errors(v.errors, "register.xlsx").c_str(), stderr);
    return 1;
  }
  {
    store::Db db = store::open_corpus((dir / "corpus.db").string());
    reg::save_register(db, v.reg, "register.xlsx");
  }
  double t5 = now();
  auto t = reg::table2(v.reg);
  auto d = reg::deadlines(v.reg, reg::Calendar::builtin(), reg::Date::from_ymd(2024, 12, 31), 5, true);
  double t6 = now();
  double import = t5 - t2;
  std::printf("register_bench: %d rows, XLSX %.1f MiB\n", rows, bytes.size() / 1048576.0);
  std::printf("  write XLSX (setup)      %8.3f s\n", t1 - t0);
  std::printf("  read XLSX               %8.3f s\n", t3 - t2);
  std::printf("  validate rows           %8.3f s\n", t4 - t3);
  std::printf("  store in SQLite         %8.3f s\n", t5 - t4);
  std::printf("  import total            %8.3f s  (%.0f rows/s)\n", import, rows / import);
  std::printf("  table 2 + deadlines     %8.3f s  (%ld applications, %zu deadline rows)\n", t6 - t5,
              t.cells[R_NEW][kT2Cols - 1], d.size());
  fs::remove_all(dir);
  return 0;
}
