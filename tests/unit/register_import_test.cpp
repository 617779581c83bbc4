// Register import, data-driven: every tests/data/register/import/NAME.{csv,xlsx}
// must give exactly the errors of NAME.expect (empty: none), and, when
// NAME.table2 is beside it, the table 2 counted there by hand. A register with
// any bad row imports nothing, and the CLI leaves the database untouched.
#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "register/register.h"
#include "register/store.h"
#include "register/table2.h"
#include "register_synth.h"
#include "store/schema.h"
#include "store_backend.h"

namespace {

using namespace gk;
namespace fs = std::filesystem;

using regtest::slurp;

std::string dir() { return std::string(GONGKAI_TEST_DATA) + "/register/import"; }

std::vector<std::string> inputs() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir())) {
    std::string ext = e.path().extension().string();
    if (ext == ".csv" || ext == ".xlsx") out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class RegisterImport : public ::testing::TestWithParam<std::string> {};

TEST_P(RegisterImport, ErrorsAndTable) {
  fs::path in = fs::path(dir()) / GetParam();
  fs::path stem = in;
  stem.replace_extension();
  fs::path expect = stem.string() + ".expect";
  ASSERT_TRUE(fs::exists(expect)) << "no " << expect;
  std::string got;
  reg::Validated v;
  try {
    v = reg::validate(reg::read_register_bytes(slurp(in), in.string()), "测试单位", 2024);
    got = reg::format_errors(v.errors, in.filename().string());
  } catch (const std::exception& e) {
    got = in.filename().string() + "：" + e.what() + "\n";
  }
  EXPECT_EQ(got, slurp(expect));
  if (!got.empty()) {
    EXPECT_TRUE(v.reg.cases.empty()) << "a register with errors must import nothing";
    return;
  }
  fs::path t2 = stem.string() + ".table2";
  if (!fs::exists(t2)) return;
  reg::Table2 want{};
  std::ifstream tf(t2);
  std::string line;
  while (std::getline(tf, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream f(line);
    std::string key;
    f >> key;
    int row = -1;
    for (int r = 0; r < kT2Rows; ++r)
      if (key == kT2RowKeys[r]) row = r;
    ASSERT_GE(row, 0) << key;
    for (int c = 0; c < kT2Cols; ++c) f >> want[row][c];
  }
  auto t = reg::table2(v.reg);
  for (int r = 0; r < kT2Rows; ++r)
    for (int c = 0; c < kT2Cols; ++c)
      EXPECT_EQ(t.cells[r][c], want[r][c]) << kT2RowLabels[r] << " / " << kT2ColLabels[c];
}

INSTANTIATE_TEST_SUITE_P(Files, RegisterImport, ::testing::ValuesIn(inputs()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (auto& ch : n)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

int run(const std::string& cmd) {
  int rc = std::system((cmd + " >/dev/null 2>&1").c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

TEST(RegisterImportCli, AllOrNothing) {
  fs::path tmp = regtest::temp_dir("register-cli");
  std::string db = gk::testing::test_db(tmp, "c.db");
  const std::string qdb = "'" + db + "'";  // a PostgreSQL URL has & in it
  std::string bin = GONGKAI_BINARY;
  std::string good = dir() + "/good.csv", bad = dir() + "/bad-rows.csv";
  EXPECT_EQ(run(bin + " register import " + good + " --unit 测试单位 --year 2024 --db " + qdb), 0);
  // A bad register for the same unit and year: refused, the good one stays.
  EXPECT_EQ(run(bin + " register import " + bad + " --unit 测试单位 --year 2024 --db " + qdb), 1);
  {
    store::Db d = store::open_corpus(db, false);
    auto r = reg::load_register(d, "测试单位", 2024);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->cases.size(), 12u);
  }
  EXPECT_EQ(run(bin + " register table2 --unit 测试单位 --year 2024 --db " + qdb), 0);
  EXPECT_EQ(run(bin + " register table2 --unit 别的单位 --year 2024 --db " + qdb), 2);
  EXPECT_EQ(run(bin + " register import /nonexistent.csv --unit 测试单位 --year 2024 --db " + qdb), 2);
  EXPECT_EQ(run(bin + " register import " + good + " --unit 测试单位 --db " + qdb), 2);
  // Deadlines on 2025-01-06: A8 (received 2024-12-27) is open and not yet due; A10
  // (carried over from 2023-12-28, still open) is long overdue -> exit 1.
  EXPECT_EQ(run(bin + " register deadlines --unit 测试单位 --year 2024 --today 2025-01-06 --db " + qdb), 1);
  fs::remove_all(tmp);
}

}  // namespace
