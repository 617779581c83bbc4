// Every rule of the catalogue has a positive case: tests/data/rules/RULE-ID[.N].*
// is a small report that must raise that rule on the line and cells its
// RULE-ID[.N].expect gives (format: tests/data/README.md). not-RULE-ID.N.* are
// negative cases: their .expect lists everything they raise, so the rule's
// absence is asserted. Corpus rules (cross-year) are folders of reports that
// go through ingest together; each NAME.expect there lists what ingest stores
// for NAME.*, cross-year findings included.
//
// A case that cannot pass because of a bug in src/ is listed in
// tests/data/rules/known-failures.txt with the reason: it still runs, its
// mismatch is printed and the test is reported skipped; once it passes the
// test fails until the line is removed.
//
// GONGKAI_BLESS=1 rewrites the .expect files (not those of known failures).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "expect_format.h"
#include "model/rules.h"
#include "pipeline.h"
#include "store/ingest.h"
#include "store/sqlite.h"
#include "test_data.h"

namespace fs = std::filesystem;
using gk::testdata::Case;
using gk::testdata::Finding;

namespace {

std::string rules_dir() { return std::string(GONGKAI_TEST_DATA) + "/rules"; }

// Relative to tests/data/rules ("C-DEADLINE.2.txt", "X-XYEAR-CARRY/2024.txt").
std::string rel(const std::string& path) {
  std::string d = rules_dir() + "/";
  return path.rfind(d, 0) == 0 ? path.substr(d.size()) : path;
}

// known-failures.txt: "CASE  reason" a line, CASE relative to tests/data/rules.
const std::map<std::string, std::string>& known_failures() {
  static const std::map<std::string, std::string> m = [] {
    std::map<std::string, std::string> out;
    std::ifstream in(rules_dir() + "/known-failures.txt");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      size_t sp = line.find_first_of(" \t");
      std::string name = line.substr(0, sp);
      std::string why = sp == std::string::npos ? "" : line.substr(line.find_first_not_of(" \t", sp));
      out[name] = why;
    }
    return out;
  }();
  return m;
}

// The verdict on one case: pass, fail, or a listed known failure.
void judge(const std::string& input, const std::string& side, const gk::testdata::ExpectFile& want,
           const std::vector<Finding>& got, const std::string& all) {
  for (const auto& e : want.errors) ADD_FAILURE() << e;
  std::vector<std::string> diff = gk::testdata::compare(want.findings, got);
  std::ostringstream d;
  for (const auto& x : diff) d << "  " << x << "\n";
  auto known = known_failures().find(rel(input));
  if (known != known_failures().end()) {
    if (diff.empty())
      ADD_FAILURE() << rel(input) << " 已能通过，请从 tests/data/rules/known-failures.txt 中删去这一行（" << known->second
                    << "）";
    else
      GTEST_SKIP() << "已知缺陷（known failure, tests/data/rules/known-failures.txt）：" << rel(input) << "："
                   << known->second << "\n"
                   << d.str() << "all diagnostics:\n"
                   << all;
    return;
  }
  EXPECT_TRUE(diff.empty()) << input << " against " << side << ":\n" << d.str() << "all diagnostics:\n" << all;
}

void maybe_bless(const std::string& input, const std::string& side, gk::testdata::ExpectFile* want,
                 const std::vector<Finding>& got) {
  if (!gk::testdata::bless_requested() || known_failures().count(rel(input))) return;
  std::ofstream(side) << gk::testdata::bless(*want, got, true);
  *want = gk::testdata::read_expect(side);
}

// ---------------------------------------------------------------- one report a case

std::vector<Case> single_cases() { return gk::testdata::cases_in(rules_dir(), ".expect"); }

class RuleCase : public ::testing::TestWithParam<Case> {};

TEST_P(RuleCase, RaisesOnLineAndCells) {
  const Case& c = GetParam();
  gk::Report r;
  std::ostringstream all;
  try {
    r = gk::parse_file(c.input);
  } catch (const gk::ReadError& e) {
    if (std::string(e.what()).find("暂不支持") != std::string::npos) GTEST_SKIP() << e.what();
    // What gongkai check reports for a file it cannot read.
    gk::emit(r.diagnostics, gk::Rule::R_UNREADABLE, 0, e.what());
  }
  gk::testdata::ExpectFile want = gk::testdata::read_expect(c.side);
  std::vector<Finding> got = gk::testdata::findings_of(r);
  maybe_bless(c.input, c.side, &want, got);
  for (const auto& d : r.diagnostics) all << "  " << gk::testdata::finding_of(d, r.paged).str() << ": " << d.message << "\n";
  judge(c.input, c.side, want, got, all.str());
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleCase, ::testing::ValuesIn(single_cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return gk::testdata::case_name(info.param.input);
                         });

// ---------------------------------------------------------------- a corpus a case

std::vector<std::string> corpus_folders() {
  std::vector<std::string> out;
  for (const auto& n : gk::testdata::folder_names(rules_dir()))
    if (fs::is_directory(rules_dir() + "/" + n)) out.push_back(n);
  return out;
}

struct TmpDb {
  std::string path;
  TmpDb() {
    path = (fs::temp_directory_path() /
            ("gk_rule_cases_" + std::to_string(::getpid()) + "_" + std::to_string(std::random_device{}()) + ".db"))
               .string();
  }
  ~TmpDb() {
    std::error_code ec;
    for (const char* s : {"", "-wal", "-shm", "-journal"}) fs::remove(path + s, ec);
  }
};

// What ingest stored for the report read from `path`, both origins.
std::vector<Finding> stored_findings(gk::store::Db& db, const std::string& path, std::string* all) {
  bool has_page = false;
  {
    auto st = db.prepare("SELECT name FROM pragma_table_info('diagnostics')");
    while (st.step()) has_page = has_page || st.str(0) == "page";
  }
  auto st = db.prepare(std::string("SELECT d.rule, d.severity, d.line, d.cells, d.message, d.origin, ") +
                       (has_page ? "d.page" : "0") +
                       " FROM diagnostics d JOIN reports r ON r.id=d.report JOIN files f ON f.sha256=r.sha256"
                       " WHERE f.path=? ORDER BY d.id");
  st.bind(1, path);
  std::vector<Finding> out;
  while (st.step()) {
    Finding f;
    f.rule = st.str(0);
    f.severity = st.str(1);
    f.line = st.is_null(2) ? 0 : static_cast<int>(st.i64(2));
    if (!st.is_null(3))
      for (const auto& c : nlohmann::json::parse(st.str(3))) f.cells.push_back(c.get<std::string>());
    f.page = st.is_null(6) ? 0 : static_cast<int>(st.i64(6));
    *all += "  " + f.str() + " (" + st.str(5) + "): " + st.str(4) + "\n";
    out.push_back(std::move(f));
  }
  return out;
}

class CorpusRuleCase : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusRuleCase, IngestRaisesOnLineAndCells) {
  std::string dir = rules_dir() + "/" + GetParam();
  std::vector<Case> cases = gk::testdata::cases_in(dir, ".expect");
  ASSERT_FALSE(cases.empty()) << dir << " 中没有 NAME.expect";
  std::vector<std::string> files;
  for (const auto& n : gk::testdata::folder_names(dir))
    if (!gk::testdata::ends_with(n, ".expect")) files.push_back(dir + "/" + n);
  TmpDb tmp;
  gk::store::IngestOptions opt;
  opt.jobs = 1;
  gk::store::IngestSummary sum = gk::store::ingest(files, tmp.path, opt);
  for (const auto& [p, e] : sum.failures) ADD_FAILURE() << p << "：" << e;
  gk::store::Db db(tmp.path, false, true);
  for (const auto& c : cases) {
    SCOPED_TRACE(rel(c.input));
    std::string all;
    std::vector<Finding> got = stored_findings(db, c.input, &all);
    gk::testdata::ExpectFile want = gk::testdata::read_expect(c.side);
    maybe_bless(c.input, c.side, &want, got);
    judge(c.input, c.side, want, got, all);
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, CorpusRuleCase, ::testing::ValuesIn(corpus_folders()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return gk::testdata::case_name(info.param);
                         });

// ---------------------------------------------------------------- coverage

// Rule ids some case of tests/data/rules (not a negative one) must raise: its
// .expect holds a finding of the rule. Mostly RULE-ID[.N].expect itself; a case
// may raise others too (R-LOW-CONFIDENCE.pdf is read by OCR: R-OCR).
std::set<std::string> covered_rules() {
  std::set<std::string> out;
  auto scan = [&](const std::string& expect) {
    for (const auto& f : gk::testdata::read_expect(expect).findings) out.insert(f.rule_base());
  };
  for (const auto& n : gk::testdata::folder_names(rules_dir())) {
    if (n.rfind("not-", 0) == 0) continue;
    std::string p = rules_dir() + "/" + n;
    if (fs::is_directory(p)) {
      for (const auto& m : gk::testdata::folder_names(p))
        if (gk::testdata::ends_with(m, ".expect")) scan(p + "/" + m);
    } else if (gk::testdata::ends_with(n, ".expect")) {
      scan(p);
    }
  }
  return out;
}

// Rules no report can raise here, each with the reason; printed by the test.
const std::map<std::string, std::string> kNoCase = {
    {"E-INTERNAL", "an internal error of gongkai (an exception other than a read error): no report should raise it"},
    {"C-PUBLISHED", "a region-level finding of gongkai coverage, asserted in region_test; not raised by one report"},
};

TEST(RuleCases, EveryRuleHasAPositiveCase) {
  std::set<std::string> covered = covered_rules();
  std::vector<std::string> missing;
  for (const auto& [id, why] : kNoCase) std::cout << "无正例（" << id << "）：" << why << "\n";
  for (const auto& r : gk::rule_catalogue())
    if (!covered.count(r.id) && !kNoCase.count(r.id)) missing.push_back(r.id);
  std::string list;
  for (const auto& m : missing) list += "  " + m + "\n";
  EXPECT_TRUE(missing.empty()) << missing.size() << " 条规则没有正例（tests/data/rules/规则编号[.N].txt 与 .expect）：\n"
                               << list;
}

TEST(RuleCases, EveryCaseNamesACatalogueRule) {
  for (const auto& n : gk::testdata::folder_names(rules_dir())) {
    if (n == "known-failures.txt") continue;
    std::string id = n.substr(0, n.find('.'));
    if (id.rfind("not-", 0) == 0) id = id.substr(4);
    EXPECT_NE(gk::find_rule(id), nullptr) << "tests/data/rules/" << n << "：“" << id << "”不是规则目录中的规则编号";
  }
}

TEST(RuleCases, KnownFailuresAreListedCases) {
  if (known_failures().empty()) return;
  std::cout << "已知缺陷（tests/data/rules/known-failures.txt），这些用例仍会运行并报告为跳过：\n";
  for (const auto& [name, why] : known_failures()) {
    std::cout << "  " << name << "：" << why << "\n";
    EXPECT_TRUE(fs::exists(rules_dir() + "/" + name)) << "known-failures.txt 列出的 " << name << " 不存在";
  }
}

}  // namespace
