// A region's disclosure work (src/region/): unit lists, matching, coverage,
// roll-up (every figure checked against the generated units' own figures),
// comparison, panel export and scorecard, on a generated county of 30
// departments and 12 townships over 5 years with planted cases.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "check/check.h"
#include "model/json.h"
#include "pipeline.h"
#include "region/compare.h"
#include "region/coverage.h"
#include "region/rollup.h"
#include "region/scorecard.h"
#include "region/units.h"
#include "region/view.h"
#include "region_synth.h"
#include "serve_process.h"
#include "render/render.h"
#include "store/ingest.h"
#include "store/region_tables.h"
#include "store/schema.h"
#include "store/sink.h"
#include "test_data.h"

namespace fs = std::filesystem;
using namespace gk;

namespace {

const std::string kData = std::string(GONGKAI_TEST_DATA) + "/region/";

std::string slurp(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}
void spit(const std::string& p, const std::string& s) {
  fs::create_directories(fs::path(p).parent_path());
  std::ofstream(p, std::ios::binary) << s;
}

// ---------- unit lists ----------

TEST(RegionUnits, GoodListReadsAsExpected) {
  auto units = region::read_unit_list(kData + "units_good.csv");
  auto want = nlohmann::json::parse(slurp(kData + "units_good.expect.json"));
  ASSERT_EQ(units.size(), want.size());
  for (size_t i = 0; i < units.size(); ++i) {
    SCOPED_TRACE(units[i].name);
    if (want[i]["uid"] != "*") { EXPECT_EQ(units[i].uid, want[i]["uid"]); }
    EXPECT_EQ(units[i].name, want[i]["name"]);
    EXPECT_EQ(units[i].level, want[i]["level"]);
    EXPECT_EQ(units[i].parent, want[i]["parent"]);
    EXPECT_EQ(units[i].aliases, want[i]["aliases"].get<std::vector<std::string>>());
    EXPECT_EQ(units[i].former, want[i]["former"].get<std::vector<std::string>>());
  }
  // A made-up id is stable: the same list read again gives the same id.
  EXPECT_EQ(region::read_unit_list(kData + "units_good.csv")[2].uid, units[2].uid);
  EXPECT_EQ(units[2].uid.size(), 13u);
}

TEST(RegionUnits, BadListsAreRefusedNamingFileAndLine) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(kData + "bad")) {
    if (e.path().extension() != ".csv") continue;
    ++n;
    std::string file = e.path().string();
    std::string expect = slurp(fs::path(file).replace_extension(".expect").string());
    while (!expect.empty() && expect.back() == '\n') expect.pop_back();
    SCOPED_TRACE(file);
    try {
      region::read_unit_list(file);
      ADD_FAILURE() << "accepted";
    } catch (const region::UnitListError& err) {
      std::string m = err.what();
      EXPECT_NE(m.find(file), std::string::npos) << m;
      EXPECT_NE(m.find(expect), std::string::npos) << m;
    }
  }
  EXPECT_GE(n, 7);
  EXPECT_THROW(region::read_unit_list(kData + "no_such_file.csv"), region::UnitListError);
}

TEST(RegionUnits, XlsxListReadsLikeCsv) {
  std::string dir = fs::temp_directory_path() / ("gk_units_xlsx_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::string path = dir + "/名单.xlsx";
  {
    auto sink = store::make_xlsx_sink(path, "单位");
    sink->header({"名称", "别名", "层级", "上级地区", "行政区划代码"});
    sink->row({std::string("青山县教育局"), std::string("县教育局；教育局"), std::string("县级部门"),
               std::string("青山市/青山县"), std::monostate{}});
    sink->row({std::string("青山县人民政府"), std::monostate{}, std::monostate{}, std::string("青山市"),
               std::string("361100")});
    sink->close();
  }
  auto units = region::read_unit_list(path);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].name, "青山县教育局");
  EXPECT_EQ(units[0].aliases, (std::vector<std::string>{"县教育局", "教育局"}));
  EXPECT_EQ(units[0].parent, "青山市/青山县");
  EXPECT_EQ(units[1].uid, "361100");
  EXPECT_EQ(units[1].level, kLevelCountyGov);
  fs::remove_all(dir);
}

// ---------- matching ----------

TEST(RegionMatch, AmbiguousNameIsFlaggedNeverGuessed) {
  std::vector<region::Unit> units(3);
  units[0].name = "福州市鼓楼区教育局";
  units[1].name = "南京市鼓楼区教育局";
  units[2].name = "福州市鼓楼区财政局";
  units[2].former = {"福州市鼓楼区财政局（旧）", "鼓楼区财政局"};
  region::Matcher m(units);
  auto a = m.match("鼓楼区教育局");
  EXPECT_TRUE(a.ambiguous());
  EXPECT_EQ(a.unit, -1);
  EXPECT_EQ(a.candidates, (std::vector<int>{0, 1}));
  EXPECT_EQ(m.match("福州市鼓楼区教育局").unit, 0);
  EXPECT_EQ(m.match("南京市鼓楼区教育局").unit, 1);
  EXPECT_EQ(m.match("福州市鼓楼区卫生健康委员会").unit, -1);
  EXPECT_TRUE(m.match("福州市鼓楼区卫生健康委员会").candidates.empty());
  EXPECT_EQ(m.match("鼓楼区财政局").unit, 2);  // a former name
  EXPECT_EQ(m.match("厦门市思明区教育局").unit, -1);
}

// ---------- the generated county ----------

struct County {
  synth::GenRegion g;
  std::string dir, db;
};

const County& county() {
  static County* c = [] {
    auto* c = new County;
    c->g = synth::make_region();
    c->dir = fs::temp_directory_path() / ("gk_region_" + std::to_string(getpid()));
    fs::remove_all(c->dir);
    fs::create_directories(c->dir);
    spit(c->dir + "/units.csv", c->g.units_csv());
    c->db = c->dir + "/corpus.db";
    synth::write_region_db(c->g, c->db);
    // The unit list again through the CSV reader: the same units, nothing changes.
    store::Db db = store::open_corpus(c->db);
    store::Tx tx(db);
    auto n = store::upsert_units(db, region::read_unit_list(c->dir + "/units.csv"));
    EXPECT_EQ(n.unchanged, c->g.units.size());
    tx.commit();
    // Two record files and their side file, for the CLI's compare and ingest --published.
    for (int k = 0; k < 2; ++k) spit(c->dir + "/in/" + c->g.reports[k].file, to_json(c->g.reports[k].report).dump());
    return c;
  }();
  return *c;
}

const region::CoverageRow& row_of(const region::View& v, const region::Coverage& c, const std::string& uid) {
  for (const auto& r : c.rows)
    if (v.units[r.unit].uid == uid) return r;
  static region::CoverageRow none;
  ADD_FAILURE() << "no coverage row for " << uid;
  return none;
}

TEST(RegionCounty, GeneratedReportsAreCleanExceptThePlantedError) {
  const auto& c = county();
  for (const auto& r : c.g.reports) {
    bool planted = r.unit == c.g.with_errors && r.year == c.g.last_year();
    std::string rules;
    for (const auto& d : r.report.diagnostics)
      if (d.severity == Severity::Error) rules += d.rule + " ";
    EXPECT_EQ(r.report.has_errors(), planted) << r.file << ": " << rules;
  }
}

TEST(RegionCounty, CoverageFindsMissingLateTwiceErrorsAndAmbiguous) {
  const auto& c = county();
  store::Db db = store::open_corpus_readonly(c.db);
  region::View v = region::load_view(db);
  ASSERT_EQ(v.units.size(), c.g.units.size());
  auto ref = region::resolve_region(v, "青山县");
  EXPECT_EQ(ref.path, "青山市/青山县");
  EXPECT_EQ(ref.units.size(), 43u);  // the government, 30 departments, 12 townships; not 白水县
  const auto& U = c.g.units;
  const int last = c.g.last_year();

  auto cov = region::coverage(v, ref, last);
  EXPECT_EQ(row_of(v, cov, U[c.g.missing_town].uid).status, region::PubStatus::Missing);
  EXPECT_EQ(row_of(v, cov, U[c.g.late_dept].uid).status, region::PubStatus::Late);
  EXPECT_EQ(row_of(v, cov, U[c.g.late_dept].uid).days_late, 15);
  EXPECT_EQ(row_of(v, cov, U[c.g.late_town].uid).status, region::PubStatus::Late);
  EXPECT_GT(row_of(v, cov, U[c.g.with_errors].uid).errors, 0);
  EXPECT_EQ(row_of(v, cov, U[c.g.late_dept].uid).published_source, "metadata");
  // Counted independently from the generator's plan.
  int missing = 0, late = 0;
  for (int u : ref.units) {
    bool has = false;
    for (const auto& r : c.g.reports)
      if (r.unit >= 0 && U[r.unit].uid == v.units[u].uid && r.year == last) has = true;
    missing += !has;
  }
  late = 2;
  EXPECT_EQ(cov.missing, missing);
  EXPECT_EQ(cov.missing, 1);
  EXPECT_EQ(cov.late, late);
  EXPECT_EQ(cov.with_errors, 1);
  EXPECT_EQ(cov.on_time + cov.late + cov.missing + cov.date_unknown, 43);
  ASSERT_EQ(cov.ambiguous.size(), 1u);
  EXPECT_EQ(v.reports[cov.ambiguous[0]].agency, "教育局");
  EXPECT_EQ(v.reports[cov.ambiguous[0]].match.candidates.size(), 2u);

  // Two versions in the year before: counted once, the later one current.
  auto prev = region::coverage(v, ref, last - 1);
  const auto& tw = row_of(v, prev, U[c.g.twice].uid);
  EXPECT_EQ(tw.versions, 2);
  EXPECT_EQ(prev.several_versions, 1);
  EXPECT_EQ(v.reports[tw.report].path.find("初稿"), std::string::npos);
  bool c_published = false;
  for (const auto& f : tw.findings) c_published = c_published || f.first == "C-PUBLISHED";
  EXPECT_TRUE(c_published);
  EXPECT_EQ(prev.missing, 1);  // the township missing its last two years

  // The renamed unit is found under its former name in the early years.
  auto early = region::coverage(v, ref, c.g.first_year);
  EXPECT_EQ(row_of(v, early, U[c.g.renamed].uid).status, region::PubStatus::OnTime);
  EXPECT_EQ(early.missing, 0);
  auto third = region::coverage(v, ref, c.g.first_year + 2);
  EXPECT_EQ(row_of(v, third, U[c.g.missing_dept].uid).status, region::PubStatus::Missing);
  EXPECT_EQ(third.missing, 1);

  // Township deadline set locally.
  region::DeadlineRules strict;
  strict.township = "02-20";
  auto cs = region::coverage(v, ref, last, strict);
  EXPECT_EQ(cs.late, 1 + 11);  // the late department and every township that published (in March)
}

// The sum of the generated figures of the units that must be summed, cell by
// cell, from the generator's records (not from the database).
std::vector<std::optional<double>> expected_sums(const County& c, int year, bool include_errors) {
  Report sum;
  auto out = std::vector<std::optional<double>>(all_cells(sum).size());
  for (const auto& r : c.g.reports) {
    if (r.unit < 0 || !r.current || r.year != year) continue;
    if (c.g.units[r.unit].parent.find("青山县") == std::string::npos && c.g.units[r.unit].name != "青山县人民政府")
      continue;
    if (!include_errors && r.report.has_errors()) continue;
    auto cells = all_cells(r.report);
    for (size_t k = 0; k < cells.size(); ++k)
      if (cells[k].cell->known()) out[k] = out[k].value_or(0) + *cells[k].cell->value;
  }
  return out;
}

TEST(RegionCounty, RollupEqualsTheSumOfItsUnitsCheckedIndependently) {
  const auto& c = county();
  store::Db db = store::open_corpus_readonly(c.db);
  region::View v = region::load_view(db);
  auto ref = region::resolve_region(v, "青山市/青山县");
  for (int year : {c.g.last_year(), c.g.last_year() - 1}) {
    SCOPED_TRACE(year);
    auto r = region::rollup(db, v, ref, year);
    auto want = expected_sums(c, year, false);
    auto got = all_cells(r.record);
    ASSERT_EQ(got.size(), want.size());
    int compared = 0;
    for (size_t k = 0; k < got.size(); ++k) {
      SCOPED_TRACE(got[k].path);
      ASSERT_EQ(got[k].cell->known(), want[k].has_value());
      if (!want[k]) continue;
      EXPECT_NEAR(*got[k].cell->value, *want[k], 1e-6);
      double from = 0;
      for (const auto& [u, val] : r.sources[k]) from += val;
      EXPECT_NEAR(from, *want[k], 1e-6);
      ++compared;
    }
    EXPECT_EQ(compared, static_cast<int>(got.size()));  // the generated units give every cell
    EXPECT_TRUE(r.failed_relations.empty());
    EXPECT_FALSE(r.errors_included);
    EXPECT_EQ(r.missing.size(), 1u);
    if (year == c.g.last_year()) {
      EXPECT_EQ(r.with_errors.size(), 1u);
      EXPECT_EQ(r.included.size(), 43u - 1 - 1);
    }
  }
  // Including the report with errors: its figures are summed and the broken total shows.
  auto inc = region::rollup(db, v, ref, c.g.last_year(), {true});
  auto want = expected_sums(c, c.g.last_year(), true);
  auto got = all_cells(inc.record);
  for (size_t k = 0; k < got.size(); ++k)
    if (want[k]) { EXPECT_NEAR(*got[k].cell->value, *want[k], 1e-6) << got[k].path; }
  EXPECT_TRUE(inc.errors_included);
  EXPECT_FALSE(inc.failed_relations.empty());
  // The JSON says which units it came from and what was excluded.
  auto j = region::rollup_json(v, region::rollup(db, v, ref, c.g.last_year()));
  EXPECT_EQ(j["rollup"]["errors_policy"], "exclude");
  EXPECT_EQ(j["rollup"]["with_errors"][0]["unit_id"], c.g.units[c.g.with_errors].uid);
  EXPECT_EQ(j["rollup"]["missing"][0]["unit_id"], c.g.units[c.g.missing_town].uid);
  EXPECT_TRUE(j["rollup"]["sources"].contains("applications.new[6]"));
}

TEST(RegionCounty, RolledUpRecordRendersToDocxAndPassesCheck) {
  const auto& c = county();
  store::Db db = store::open_corpus_readonly(c.db);
  region::View v = region::load_view(db);
  auto r = region::rollup(db, v, region::resolve_region(v, "青山县"), c.g.last_year());
  Report rec = from_json(region::rollup_json(v, r));  // through the record JSON, as gongkai render reads it
  render::RenderOptions ro;
  ro.format = render::OutputFormat::Docx;
  std::string docx;
  ASSERT_NO_THROW(docx = render::render(rec, ro));
  ASSERT_GT(docx.size(), 1000u);
  Report back = parse_bytes(docx, "汇总.docx");
  // The roll-up says nothing the units did not: sections 五 and 六 (problems, fees) are the
  // region office's to write, left as visible placeholders, and the fee statement's absence
  // is the one finding (at section 六's heading).
  std::string findings;
  int fee = 0;
  for (const auto& d : back.diagnostics)
    if (d.severity != Severity::Note) {
      findings += d.rule + "：" + d.message + "\n";
      if (d.rule == "C-S6-FEE" && d.line == back.sections[5].line) ++fee;
    }
  EXPECT_EQ(fee, 1) << findings;
  EXPECT_EQ(back.diagnostics.size() - std::count_if(back.diagnostics.begin(), back.diagnostics.end(),
                                                    [](const Diagnostic& d) { return d.severity == Severity::Note; }),
            1u)
      << findings;
  EXPECT_NE(back.sections[5].text.find("【待填写"), std::string::npos);
  // The figures survive the round trip.
  auto a = all_cells(rec), b = all_cells(back);
  for (size_t k = 0; k < a.size(); ++k)
    if (a[k].cell->known()) { EXPECT_EQ(a[k].cell->value, b[k].cell->value) << a[k].path; }
  // Once the office has written them, the report passes check.
  rec.sections[4].text = "一是部分单位信息发布及时性有待提高；二是解读形式较为单一。下一步将加强培训和督促检查。";
  rec.sections[5].text = "本年度全县各单位未收取政府信息公开信息处理费。";
  Report done = parse_bytes(render::render(rec, ro), "汇总.docx");
  findings.clear();
  for (const auto& d : done.diagnostics)
    if (d.severity != Severity::Note) findings += d.rule + "：" + d.message + "\n";
  EXPECT_FALSE(done.has_findings()) << findings;
}

TEST(RegionCounty, CompareTwoVersionsAndTwoYears) {
  const auto& c = county();
  const synth::GenReport *draft = nullptr, *final = nullptr;
  for (const auto& r : c.g.reports)
    if (r.unit == c.g.twice && r.year == c.g.last_year() - 1) (r.current ? final : draft) = &r;
  ASSERT_TRUE(draft && final);
  auto cmp = region::compare(draft->report, final->report);
  ASSERT_EQ(cmp.cells.size(), 1u);
  EXPECT_EQ(cmp.cells[0].path, "proactive.licensing");
  EXPECT_NEAR(*cmp.cells[0].a - *cmp.cells[0].b, 7, 1e-9);
  std::vector<std::string> changed;
  for (const auto& s : cmp.sections)
    for (const auto& op : s.ops)
      if (op.op != '=') changed.push_back(std::string(1, op.op) + op.text);
  EXPECT_EQ(changed, (std::vector<std::string>{"-（初稿）"}));  // the draft's extra sentence in section 一
  EXPECT_GT(cmp.reuse_containment, 0.95);
  // Year on year: different random texts, tables chained.
  const synth::GenReport *y1 = nullptr, *y2 = nullptr;
  for (const auto& r : c.g.reports)
    if (r.unit == 1 && r.year == c.g.first_year) y1 = &r;
    else if (r.unit == 1 && r.year == c.g.first_year + 1) y2 = &r;
  ASSERT_TRUE(y1 && y2);
  auto yy = region::compare(y1->report, y2->report);
  EXPECT_LT(yy.reuse_jaccard, 0.5);
  for (const auto& ch : yy.cells)
    if (ch.a && ch.b) { EXPECT_EQ(ch.swing, region::is_swing(*ch.a, *ch.b)); }
  EXPECT_TRUE(region::is_swing(10, 40));
  EXPECT_TRUE(region::is_swing(0, 20));
  EXPECT_FALSE(region::is_swing(0, 19));
  EXPECT_FALSE(region::is_swing(30, 45));
  EXPECT_TRUE(region::is_swing(100, 50));
}

TEST(RegionCounty, PanelHasOneRowPerUnitAndYearWithStableIds) {
  const auto& c = county();
  store::Db db = store::open_corpus_readonly(c.db);
  region::View v = region::load_view(db);
  std::string out = c.dir + "/panel.csv";
  auto sink = store::make_csv_sink(out);
  size_t n = region::export_panel(db, v, "青山县", *sink, true);
  EXPECT_EQ(n, 43u * 5u);
  std::vector<int> lines;
  auto rows = store::csv_rows(slurp(out), &lines);
  ASSERT_EQ(rows.size(), n + 1);
  EXPECT_EQ(rows[0][0], "单位编号");
  std::set<std::pair<std::string, std::string>> keys;
  for (size_t i = 1; i < rows.size(); ++i) keys.insert({rows[i][0], rows[i][5]});
  EXPECT_EQ(keys.size(), n);  // unit id + year is a key
  // The renamed unit has one id across all five years, every year published.
  int renamed_rows = 0;
  for (size_t i = 1; i < rows.size(); ++i)
    if (rows[i][0] == c.g.units[c.g.renamed].uid) {
      ++renamed_rows;
      EXPECT_NE(rows[i][6], "未发布");
    }
  EXPECT_EQ(renamed_rows, 5);
}

TEST(RegionCounty, ScorecardIndicatorsAndRankings) {
  const auto& c = county();
  store::Db db = store::open_corpus_readonly(c.db);
  region::View v = region::load_view(db);
  auto ref = region::resolve_region(v, "青山县");
  auto s = region::scorecard(db, v, ref, c.g.last_year());
  ASSERT_EQ(s.rows.size(), 43u);
  auto find = [&](int gen_unit) -> const region::ScoreRow& {
    for (const auto& r : s.rows)
      if (v.units[r.unit].uid == c.g.units[gen_unit].uid) return r;
    static region::ScoreRow none;
    ADD_FAILURE();
    return none;
  };
  const auto& late = find(c.g.late_dept);
  EXPECT_EQ(late.score[region::I_ON_TIME], 0.0);
  const auto& err = find(c.g.with_errors);
  ASSERT_TRUE(err.value[region::I_ARITHMETIC]);
  EXPECT_LT(*err.value[region::I_ARITHMETIC], 1.0);
  const auto& cp = find(c.g.copies_prev);
  EXPECT_EQ(cp.score[region::I_NOT_COPIED_PREV], 0.0);
  const auto& peer = find(c.g.copies_peer);
  EXPECT_EQ(peer.score[region::I_NOT_COPIED_PEER], 0.0);
  EXPECT_EQ(peer.copied_from, c.g.units[c.g.peer_source].uid);
  const auto& miss = find(c.g.missing_town);
  EXPECT_EQ(miss.report, -1);
  EXPECT_EQ(miss.rank_region, s.rows.back().rank_region);
  // A clean unit scores full marks on every applicable indicator.
  const auto& clean = find(2);
  for (int k = 0; k < region::I_COUNT; ++k)
    if (clean.score[k]) { EXPECT_EQ(*clean.score[k], 1.0) << region::indicator_defs()[k].key; }
  EXPECT_EQ(clean.total, 100.0);
  // Rankings follow the totals; levels ranked among themselves.
  for (size_t i = 1; i < s.rows.size(); ++i) {
    EXPECT_GE(s.rows[i - 1].total, s.rows[i].total);
    EXPECT_LE(s.rows[i - 1].rank_region, s.rows[i].rank_region);
  }
  std::map<std::string, int> best;
  for (const auto& r : s.rows) best.emplace(v.units[r.unit].level, r.rank_level);
  for (const auto& [lv, rank] : best) EXPECT_EQ(rank, 1) << lv;
  EXPECT_EQ(region::indicator_defs().size(), static_cast<size_t>(region::I_COUNT));
}

// ---------- the CLI ----------

struct Run {
  int code;
  std::string out;
};
Run run(const std::string& args) {
  std::string cmd = std::string(GONGKAI_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  Run r{};
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

TEST(RegionCli, ImportCoverageRollupRenderCheck) {
  const auto& c = county();
  std::string db = c.dir + "/cli.db";
  fs::copy_file(c.db, db, fs::copy_options::overwrite_existing);
  auto imp = run("units import " + c.dir + "/units.csv --db " + db);
  EXPECT_EQ(imp.code, 0) << imp.out;
  EXPECT_NE(imp.out.find("未变 " + std::to_string(c.g.units.size())), std::string::npos) << imp.out;
  auto bad = run("units import " + kData + "bad/duplicate_id.csv --db " + db);
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("duplicate_id.csv"), std::string::npos) << bad.out;
  auto cov = run("coverage --db " + db + " --region 青山县 --year " + std::to_string(c.g.last_year()) + " --format json");
  EXPECT_EQ(cov.code, 1) << cov.out;  // units missing and late
  auto j = nlohmann::json::parse(cov.out);
  EXPECT_EQ(j["counts"]["missing"], 1);
  EXPECT_EQ(j["counts"]["late"], 2);
  auto noreg = run("coverage --db " + db + " --region 黑水县 --year 2024");
  EXPECT_EQ(noreg.code, 2);
  EXPECT_NE(noreg.out.find("单位名单中没有地区“黑水县”"), std::string::npos) << noreg.out;
  std::string json = c.dir + "/汇总.json", docx = c.dir + "/汇总.docx";
  auto ru = run("rollup --db " + db + " --region 青山县 --year " + std::to_string(c.g.last_year()) + " -o " + json);
  EXPECT_EQ(ru.code, 0) << ru.out;
  // The draft is written, and render says what is still the office's to write (五 and 六).
  auto rd = run("render " + json + " --format docx -o " + docx);
  EXPECT_EQ(rd.code, 1) << rd.out;
  EXPECT_TRUE(fs::exists(docx));
  EXPECT_NE(rd.out.find("待填写：第五部分"), std::string::npos) << rd.out;
  EXPECT_NE(rd.out.find("待填写：第六部分"), std::string::npos) << rd.out;
  {
    std::ifstream in(json);
    nlohmann::json rj = nlohmann::json::parse(in);
    for (auto& s : rj["sections"]) {
      if (s["number"] == 5) s["text"] = "一是部分单位信息发布及时性有待提高；二是解读形式较为单一。下一步将加强培训。";
      if (s["number"] == 6) s["text"] = "本年度全县各单位未收取政府信息公开信息处理费。";
    }
    std::ofstream(json) << rj.dump(2);
  }
  rd = run("render " + json + " --format docx -o " + docx);
  EXPECT_EQ(rd.code, 0) << rd.out;
  auto ck = run("check " + docx);
  EXPECT_EQ(ck.code, 0) << ck.out;
  auto sc = run("scorecard --db " + db + " --region 青山县 --year " + std::to_string(c.g.last_year()) + " -o " +
                c.dir + "/评估.csv --labels zh");
  EXPECT_EQ(sc.code, 0) << sc.out;
  auto defs = run("scorecard --definitions");
  EXPECT_NE(defs.out.find("未照搬其他单位"), std::string::npos);
  auto panel = run("panel --db " + db + " -o " + c.dir + "/面板.xlsx");
  EXPECT_EQ(panel.code, 0) << panel.out;
  auto cmp = run("compare " + c.dir + "/in/" + c.g.reports[0].file + " " + c.dir + "/in/" + c.g.reports[1].file);
  EXPECT_EQ(cmp.code, 0) << cmp.out;
  EXPECT_NE(cmp.out.find("== 比较"), std::string::npos);
}

}  // namespace

namespace {

TEST(RegionCli, IngestTakesThePublicationSideFile) {
  const auto& c = county();
  std::string side = c.dir + "/in/发布信息.csv";
  spit(side, "路径,网址,发布日期,来源网站\n" + c.g.reports[0].file + ",https://example.gov.cn/1,2021年1月20日,门户网站\n");
  std::string db = c.dir + "/pub.db";
  auto r = run("ingest --records --quiet " + c.dir + "/in --published " + side + " --db " + db);
  EXPECT_NE(r.code, 2) << r.out;
  {
    store::Db d = store::open_corpus_readonly(db);
    auto pubs = store::load_report_publications(d);
    ASSERT_EQ(pubs.size(), 1u);
    EXPECT_EQ(pubs[0].published, "2021-01-20");
    EXPECT_EQ(pubs[0].site, "门户网站");
  }
  spit(side, "路径,发布日期\nx.json,明天\n");
  auto bad = run("ingest --records --quiet " + c.dir + "/in --published " + side + " --db " + db);
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("发布信息文件“" + side + "”第 2 行"), std::string::npos) << bad.out;
  EXPECT_EQ(store::normalize_date("2025/1/5"), "2025-01-05");
  EXPECT_EQ(store::normalize_date("2025.12.31"), "2025-12-31");
  EXPECT_EQ(store::normalize_date("2025-13-01"), "");
}

}  // namespace

namespace {

// The heat table's endpoint: each unit-year's state for the county, checked
// against the generator's planted cases (not against region::coverage).
TEST(RegionServe, CoverageYearsGivesEachUnitYearsState) {
  const auto& c = county();
  gk::testing::ServerProcess srv({"--db", c.db, "--read-only", "--listen", "127.0.0.1:0"});
  ASSERT_GT(srv.port(), 0) << srv.first_line();
  httplib::Client cl("127.0.0.1", srv.port());
  auto r = cl.Get("/api/region/coverage-years?region=%E9%9D%92%E5%B1%B1%E5%B8%82%2F%E9%9D%92%E5%B1%B1%E5%8E%BF");  // 青山市/青山县
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  auto j = nlohmann::json::parse(r->body);
  EXPECT_EQ(j["region"], "青山市/青山县");
  std::vector<int> years;
  for (int y = c.g.first_year; y <= c.g.last_year(); ++y) years.push_back(y);
  EXPECT_EQ(j["years"].get<std::vector<int>>(), years);
  EXPECT_EQ(j["states"].size(), 6u);
  // Expected state from the generated reports: missing, errors, late, versions, on time.
  auto expected = [&](int u, int y) {
    const synth::GenReport* cur = nullptr;
    int n = 0;
    for (const auto& gr : c.g.reports)
      if (gr.unit == u && gr.year == y) {
        ++n;
        if (gr.current) cur = &gr;
      }
    if (!cur) return std::string("missing");
    if (cur->report.has_errors()) return std::string("errors");
    const auto& lv = c.g.units[u].level;
    std::string deadline = std::to_string(y + 1) + (lv == "县级部门" ? "-01-31" : "-03-31");
    if (cur->published > deadline) return std::string("late");
    if (n > 1) return std::string("versions");
    return std::string("on_time");
  };
  std::map<std::string, int> in_county;
  for (size_t u = 0; u < c.g.units.size(); ++u)
    if (c.g.units[u].parent.rfind("青山市/青山县", 0) == 0 || c.g.units[u].name == "青山县人民政府")
      in_county[c.g.units[u].uid] = static_cast<int>(u);
  ASSERT_EQ(j["units"].size(), in_county.size());
  EXPECT_EQ(in_county.size(), 43u);
  std::map<std::string, int> tally;
  for (const auto& ju : j["units"]) {
    ASSERT_TRUE(in_county.count(ju["unit_id"])) << ju["unit_id"];
    int u = in_county[ju["unit_id"]];
    EXPECT_EQ(ju["name"], c.g.units[u].name);
    ASSERT_EQ(ju["cells"].size(), years.size()) << ju["unit_id"];
    for (size_t k = 0; k < years.size(); ++k) {
      const auto& cell = ju["cells"][k];
      EXPECT_EQ(cell["year"], years[k]);
      EXPECT_EQ(cell["state"], expected(u, years[k])) << ju["unit_id"] << " " << years[k];
      ++tally[cell["state"]];
    }
  }
  EXPECT_EQ(tally["missing"], 3);
  EXPECT_EQ(tally["late"], 2);
  EXPECT_EQ(tally["errors"], 1);
  EXPECT_EQ(tally["versions"], 1);
  // The planted cells in detail, with their Chinese words.
  auto cell = [&](const std::string& uid, int year) {
    for (const auto& ju : j["units"])
      if (ju["unit_id"] == uid) return ju["cells"][year - c.g.first_year];
    return nlohmann::json();
  };
  auto late = cell(c.g.units[c.g.late_dept].uid, c.g.last_year());
  EXPECT_EQ(late["state_zh"], "逾期发布");
  EXPECT_EQ(late["days_late"], 15);
  EXPECT_EQ(late["published"], std::to_string(c.g.last_year() + 1) + "-02-15");
  auto err = cell(c.g.units[c.g.with_errors].uid, c.g.last_year());
  EXPECT_EQ(err["state_zh"], "报告有错误");
  EXPECT_EQ(err["status"], "on_time");
  EXPECT_GT(err["errors"].get<int>(), 0);
  auto twice = cell(c.g.units[c.g.twice].uid, c.g.last_year() - 1);
  EXPECT_EQ(twice["state_zh"], "多个版本");
  EXPECT_EQ(twice["versions"], 2);
  auto miss = cell(c.g.units[c.g.missing_town].uid, c.g.last_year());
  EXPECT_EQ(miss["state_zh"], "未发布");
  EXPECT_TRUE(miss["report"].is_null());
  // Bad calls: Chinese errors, 400.
  auto none = cl.Get("/api/region/coverage-years");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 400);
  EXPECT_NE(none->body.find("需要参数 region"), std::string::npos) << none->body;
  auto unknown = cl.Get("/api/region/coverage-years?region=%E6%97%A0%E6%AD%A4%E5%8E%BF");  // 无此县
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_NE(unknown->body.find("单位名单中没有地区"), std::string::npos) << unknown->body;
  EXPECT_EQ(srv.stop(), 0);
}

}  // namespace
