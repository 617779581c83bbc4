// Exports (wide / long / diagnostics as CSV, JSONL, XLSX) and stats.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "corpus_synth.h"
#include "model/json.h"
#include "store/columns.h"
#include "store/corpus.h"
#include "store/export.h"
#include "store/schema.h"
#include "store/stats.h"
#include "store_backend.h"

namespace fs = std::filesystem;
using namespace gk;

namespace {

struct TmpDir {
  fs::path path;
  explicit TmpDir(const std::string& tag) {
    path = fs::temp_directory_path() / ("gk_" + tag + "_" + std::to_string(::getpid()) + "_" +
                                        std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TmpDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Three agencies over two years, one carry break, one agency name with a comma and quotes.
std::string make_db(const fs::path& dir) {
  std::string db = gk::testing::test_db(dir, "c.db");
  store::Corpus c(db);
  c.begin();
  std::mt19937 rng(11);
  const char* names[] = {"甲市乙区丙街道办事处", "丁县人民政府", "某市\"测试\",局"};
  for (int a = 0; a < 3; ++a) {
    Report prev = synth::make_report(rng, names[a], 2023, nullptr);
    Report cur = synth::make_report(rng, names[a], 2024, &prev);
    if (a == 0) *cur.applications[R_CARRIED_OVER][1].value += 2;
    for (Report* r : {&prev, &cur}) {
      store::FileInfo f;
      f.path = "/data/" + std::to_string(a) + "-" + std::to_string(r->year) + ".txt";
      f.sha256 = std::string(63, '0') + std::to_string(a * 2 + (r->year - 2023));
      c.put_report(*r, f, "test");
    }
  }
  c.commit();
  return db;
}

}  // namespace

TEST(StoreExport, ColumnsAreStableAndFollowTheRecord) {
  const auto& cols = store::cell_columns();
  Report r;
  auto refs = all_cells(r);
  ASSERT_EQ(cols.size(), refs.size());
  std::set<std::string> names;
  for (size_t i = 0; i < cols.size(); ++i) {
    EXPECT_EQ(cols[i].path, refs[i].path);
    EXPECT_TRUE(names.insert(cols[i].name).second) << cols[i].name;
  }
  EXPECT_EQ(store::column_name("applications.new[0]"), "applications_new_natural_person");
  EXPECT_EQ(store::column_name("appeals.review[4]"), "appeals_review_total");
  EXPECT_EQ(store::column_name("proactive.regulations.in_force"), "proactive_regulations_in_force");
  EXPECT_EQ(store::column_label("applications.carried_forward[6]"), "申请·四、结转下年度继续办理·总计");
}

TEST(StoreExport, CsvQuotingAndBom) {
  EXPECT_EQ(store::csv_field("abc"), "abc");
  EXPECT_EQ(store::csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(store::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(store::csv_field("two\nlines"), "\"two\nlines\"");

  TmpDir t("export");
  std::string db = make_db(t.path);
  store::Db conn = store::open_corpus_readonly(db);
  fs::path out = t.path / "wide.csv";
  auto sink = store::make_csv_sink(out.string());
  EXPECT_EQ(store::export_table(conn, *sink, {}), 6u);
  std::string csv = slurp(out);
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("sha256,path,paths,agency,agency_normalized,level,region,year"), std::string::npos);
  EXPECT_NE(csv.find(",applications_new_natural_person,"), std::string::npos);
  EXPECT_NE(csv.find("\"某市\"\"测试\"\",局\""), std::string::npos);
  size_t lines = 0;
  for (size_t p = 0; (p = csv.find("\r\n", p)) != std::string::npos; p += 2) ++lines;
  EXPECT_EQ(lines, 7u);

  // Chinese headers.
  fs::path zh = t.path / "wide-zh.csv";
  sink = store::make_csv_sink(zh.string());
  store::ExportOptions o;
  o.labels_zh = true;
  store::export_table(conn, *sink, o);
  EXPECT_NE(slurp(zh).find("申请·一、本年新收政府信息公开申请数量·自然人"), std::string::npos);
}

TEST(StoreExport, LongDiagnosticsJsonlAndXlsx) {
  TmpDir t("export2");
  std::string db = make_db(t.path);
  store::Db conn = store::open_corpus_readonly(db);

  fs::path lp = t.path / "long.jsonl";
  auto sink = store::make_jsonl_sink(lp.string());
  store::ExportOptions o;
  o.table = store::ExportTable::Long;
  EXPECT_EQ(store::export_table(conn, *sink, o), 6u * 200u);
  std::ifstream in(lp);
  std::string line;
  std::getline(in, line);
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["cell"], "proactive.regulations.issued");
  EXPECT_EQ(j["status"], "printed");
  EXPECT_TRUE(j["value"].is_number_integer());

  fs::path dp = t.path / "diag.csv";
  sink = store::make_csv_sink(dp.string());
  o.table = store::ExportTable::Diagnostics;
  EXPECT_EQ(store::export_table(conn, *sink, o), 1u);
  std::string d = slurp(dp);
  EXPECT_NE(d.find("X-XYEAR-CARRY@commercial"), std::string::npos);
  EXPECT_NE(d.find("xyear"), std::string::npos);

  fs::path xp = t.path / "wide.xlsx";
  sink = store::make_xlsx_sink(xp.string(), "wide");
  o.table = store::ExportTable::Wide;
  EXPECT_EQ(store::export_table(conn, *sink, o), 6u);
  std::string x = slurp(xp);
  ASSERT_GT(x.size(), 100u);
  EXPECT_EQ(x.substr(0, 2), "PK");
}

TEST(StoreStats, TotalsDistributionsAndRules) {
  TmpDir t("stats");
  std::string db = make_db(t.path);
  store::Db conn = store::open_corpus_readonly(db);
  auto s = store::corpus_stats(conn);
  EXPECT_EQ(s["totals"]["reports"], 6);
  EXPECT_EQ(s["totals"]["agencies"], 3);
  EXPECT_EQ(s["totals"]["linked_to_previous_year"], 3);
  ASSERT_EQ(s["by_year"].size(), 2u);
  EXPECT_EQ(s["by_year"][0]["key"], "2023");
  EXPECT_EQ(s["by_year"][0]["reports"], 3);
  ASSERT_EQ(s["rules"].size(), 1u);
  EXPECT_EQ(s["rules"][0]["rule"], "X-XYEAR-CARRY");
  EXPECT_EQ(s["top_agencies"][0]["agency"], "甲市乙区丙街道");
  EXPECT_EQ(s["reuse"]["pairs"], 3);
  bool county = false;
  for (const auto& l : s["by_level"]) county = county || l["key"] == "县级政府";
  EXPECT_TRUE(county);
  std::string text = store::stats_text(s);
  EXPECT_NE(text.find("按年度"), std::string::npos);
  EXPECT_NE(text.find("X-XYEAR-CARRY"), std::string::npos);
}

// The commands on the corpus (stats, export) through the binary, as a user runs
// them with --db on either backend: the same paths through src/cli and src/region.
TEST(StoreStats, CommandsRunOnTheCorpus) {
  TmpDir t("statscli");
  std::string db = make_db(t.path);
  auto run = [&](const std::string& args, const fs::path& out) {
    std::string cmd = std::string("'") + GONGKAI_BINARY + "' " + args + " --db '" + db + "' > '" + out.string() + "' 2>&1";
    int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  };
  int rc = run("stats --format json", t.path / "stats.json");
  EXPECT_TRUE(rc == 0 || rc == 1) << slurp(t.path / "stats.json");
  auto s = nlohmann::json::parse(slurp(t.path / "stats.json"), nullptr, false);
  ASSERT_FALSE(s.is_discarded()) << slurp(t.path / "stats.json");
  EXPECT_EQ(s["totals"]["reports"], 6);
  EXPECT_EQ(run("stats --year 2024 --region 甲市", t.path / "stats.txt"), 0) << slurp(t.path / "stats.txt");
  EXPECT_EQ(run("export --format csv --table wide -o " + (t.path / "w.csv").string(), t.path / "export.log"), 0)
      << slurp(t.path / "export.log");
  std::string csv = slurp(t.path / "w.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 7) << csv.substr(0, 300);
}
