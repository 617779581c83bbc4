// The model under every stage: agency predicates, the rule table and its
// emitter, relations with bounds, positions, verification of every cell, and
// the properties every emitted diagnostic must have (catalogue severity,
// Chinese messages without field names).
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "check/check.h"
#include "gen/generator.h"
#include "model/agency.h"
#include "model/json.h"
#include "model/position.h"
#include "model/relations.h"
#include "model/rules.h"
#include "model/sections.h"
#include "model/verify.h"
#include "pipeline.h"
#include "render/render.h"
#include "test_data.h"

namespace {

using namespace gk;

bool has_rule(const Report& r, std::string_view base) {
  for (const auto& d : r.diagnostics)
    if (d.rule.substr(0, d.rule.find('@')) == base) return true;
  return false;
}

// A consistent record as a clerk would fill it (all tables found).
Report consistent_record(uint64_t seed = 7) {
  Report r = gen::generate_report(seed);
  r.t1_found = r.t2_found = r.t3_found = true;
  for (auto& ref : all_cells(r))
    if (ref.cell->value && ref.cell->status == CellStatus::Missing) ref.cell->status = CellStatus::Printed;
  return r;
}

TEST(ModelAgency, ShortRegionNamesWithDepartmentCharacters) {
  // 和 / 会 / 馆 / 团 also end department names ("住房和城乡建设局"), but not inside short region names.
  for (const char* n : {"平和县人民政府", "永和县人民政府", "共和县人民政府", "新会区人民政府", "馆陶县人民政府"}) {
    AgencyInfo a = analyze_agency(n);
    EXPECT_EQ(a.level, kLevelCountyGov) << n;
    EXPECT_FALSE(a.region.empty()) << n;
  }
  AgencyInfo h = analyze_agency("漳州市平和县教育局");
  EXPECT_EQ(h.level, kLevelCountyDept);
  EXPECT_EQ(h.region, "漳州市平和县");
}

TEST(ModelAgency, CityHousingBureauIsNoTownship) {
  AgencyInfo a = analyze_agency("南京市住房和城乡建设局");
  EXPECT_EQ(a.level, kLevelCityDept);
  EXPECT_FALSE(is_township_level(a));
  EXPECT_EQ(report_deadline(a, 2024), "2025-01-31");
  AgencyInfo t = analyze_agency("青山市河东区平安街道办事处");
  EXPECT_TRUE(is_township_level(t));
  EXPECT_FALSE(is_people_government(t));
  EXPECT_EQ(report_deadline(t, 2024), "");
  EXPECT_TRUE(is_people_government(analyze_agency("青山市河东区大王镇人民政府")));
}

TEST(ModelAgency, RuleMakingPowerByLevel) {
  EXPECT_FALSE(lacks_rule_making_power(analyze_agency("镇江市人民政府")));
  EXPECT_EQ(report_deadline(analyze_agency("镇江市人民政府"), 2023), "2024-03-31");
  EXPECT_TRUE(lacks_rule_making_power(analyze_agency("丹徒区人民政府")));
  EXPECT_TRUE(lacks_rule_making_power(analyze_agency("平和县人民政府")));
}

TEST(ModelCheck, ZhenjiangCityGovernmentMayMakeRules) {
  Report r = consistent_record();
  r.agency = "镇江市人民政府";
  r.proactive.regulations.issued.set_printed(2, 40);
  r.proactive.regulations.in_force.set_printed(30, 40);
  check(r);
  EXPECT_FALSE(has_rule(r, "T1-REG-POWER"));
  Report county = consistent_record();
  county.agency = "丹徒区人民政府";
  county.proactive.regulations.issued.set_printed(2, 40);
  county.proactive.regulations.in_force.set_printed(30, 40);
  check(county);
  EXPECT_TRUE(has_rule(county, "T1-REG-POWER"));
}

TEST(ModelCheck, LateCityHousingBureauGetsDeadline) {
  Report r = consistent_record();
  r.agency = "南京市住房和城乡建设局";
  r.year = 2024;
  r.publication_date = "2025-03-01";
  check(r);
  EXPECT_TRUE(has_rule(r, "C-DEADLINE"));
  Report street = consistent_record();
  street.agency = "青山市河东区平安街道办事处";
  street.year = 2024;
  street.publication_date = "2025-03-01";
  check(street);
  EXPECT_FALSE(has_rule(street, "C-DEADLINE"));
}

TEST(ModelCheck, SignedInTheReportYearIsNotPublishedInTime) {
  Report r = consistent_record();
  r.year = 2024;
  r.publication_date = "2024-06-01";
  check(r);
  EXPECT_TRUE(has_rule(r, "C-DATE-YEAR"));
}

TEST(ModelRules, TableIsComplete) {
  std::set<std::string> ids;
  for (const auto& d : rule_catalogue()) {
    EXPECT_TRUE(ids.insert(d.id).second) << "duplicate " << d.id;
    EXPECT_EQ(&rule_def(d.rule), &d) << d.id;
    // Formulas and messages are for people: no field names.
    for (const char* text : {d.formula, d.message}) {
      std::string s = text;
      for (const char* bad : {"fees_wan_yuan", "v[r]", "applications.", "proactive.", "appeals.", "regulations."})
        EXPECT_EQ(s.find(bad), std::string::npos) << d.id << ": " << s;
    }
  }
  EXPECT_EQ(find_rule("T2-ROW-TOTAL@new"), &rule_def(Rule::T2_ROW_TOTAL));
  EXPECT_EQ(find_rule("NO-SUCH-RULE"), nullptr);
}

TEST(ModelRules, EmitterTakesSeverityFromTheTable) {
  std::vector<Diagnostic> ds;
  emit(ds, Rule::C_NO_BLANKS, 12, "x").cell("applications.new[0]").note("n", 3);
  emit(ds, Rule::T2_RESULT_SUM, 20, "y").instance("total").consequence();
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_EQ(ds[0].rule, "C-NO-BLANKS");
  EXPECT_EQ(ds[0].severity, rule_def(Rule::C_NO_BLANKS).severity);
  EXPECT_EQ(ds[0].note_lines, std::vector<int>{3});
  EXPECT_EQ(ds[1].rule, "T2-RESULT-SUM@total");
  EXPECT_EQ(ds[1].severity, Severity::Note);
  EXPECT_TRUE(ds[1].consequence);
}

TEST(ModelPosition, PagedLines) {
  EXPECT_EQ(pos_zh(source_pos(4021, true)), "第4页第21行");
  EXPECT_EQ(pos_machine(source_pos(4021, true)), "4:21");
  EXPECT_EQ(pos_machine(source_pos(57, false)), "57");
  EXPECT_EQ(pos_zh(source_pos(0, true)), "");
}

TEST(ModelPosition, PdfFindingsSayPageAndLine) {
  std::string pdf = std::string(GONGKAI_TEST_DATA) + "/real/hongze-2023.pdf";
  Report r;
  try {
    r = parse_file(pdf);
  } catch (const ReadError& e) {
    GTEST_SKIP() << "no PDF reader: " << e.what();
  }
  ASSERT_TRUE(r.paged);
  nlohmann::json j = to_json(r);
  EXPECT_EQ(j["source"]["paged"], true);
  size_t with_line = 0;
  for (const auto& d : j["diagnostics"]) {
    if (d["line"].is_null()) continue;
    ++with_line;
    ASSERT_TRUE(d.contains("page")) << d.dump();
    EXPECT_GE(d["page"].get<int>(), 1);
    EXPECT_LT(d["page_line"].get<int>(), kLinesPerPage);
  }
  // Through the CLI: file:PAGE:LINE:, never file:4021:.
  std::string cmd = std::string(GONGKAI_BINARY) + " check " + pdf + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  const std::regex paged(R"(\.pdf:[0-9]{1,3}:[0-9]{1,3}: )"), flat(R"(\.pdf:[0-9]{4,}: )");
  if (with_line) {
    EXPECT_TRUE(std::regex_search(out, paged)) << out;
  }
  EXPECT_FALSE(std::regex_search(out, flat)) << out;
}

TEST(ModelPipeline, ReaderWarningsBecomeDiagnostics) {
  std::string text = render::render(gen::generate_report(3), render::RenderOptions{});
  Document doc = read_bytes(text, "x.txt");
  doc.warn(Rule::R_PAGE_SKIPPED, "第 2 页无法解析，已跳过", 40);
  Report r = parse_document(doc);
  bool found = false;
  for (const auto& d : r.diagnostics)
    if (d.rule == "R-PAGE-SKIPPED") found = d.line == 40 && d.severity == Severity::Warning;
  EXPECT_TRUE(found);
}

TEST(ModelRelations, BoundDecidesWithCellsMissing) {
  Report r = consistent_record();
  // 自然人 alone already exceeds the printed 总计; one other part is lost.
  auto& row = r.applications[R_NEW];
  row[0].set_printed(821, 30);
  row[1].value.reset();
  row[1].status = CellStatus::Missing;
  row[6].set_printed(1, 30);
  check(r);
  bool row_total = false, unevaluated = false;
  for (const auto& d : r.diagnostics) {
    if (d.rule == "T2-ROW-TOTAL@new") row_total = true;
    if (d.rule == "E-UNEVALUATED@new") unevaluated = true;
  }
  EXPECT_TRUE(row_total);
  EXPECT_FALSE(unevaluated);
  EXPECT_EQ(row[0].verification, Verification::Contradicted);
  EXPECT_EQ(row[1].verification, Verification::Missing);
}

TEST(ModelRelations, CompleteTotalsNamesOutLeAvail) {
  Report r;
  for (auto& ref : all_cells(r)) ref.cell->value = 0.0;
  for (int c = 0; c < kT2Cols; ++c) {
    r.applications[R_TOTAL][c].value.reset();
    r.applications[R_CARRIED_FORWARD][c].value.reset();
  }
  for (int row = 0; row < kT2Rows; ++row) r.applications[row][kT2Cols - 1].value.reset();
  r.applications[R_GRANTED][2].value = 1;  // closed 1, received 0
  auto bad = complete_totals(r);
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->id, "T2-OUT-LE-AVAIL@research");
}

TEST(ModelVerify, ConsistentRecordIsVerifiedAndAShiftIsContradicted) {
  Report r = consistent_record(11);
  check(r);
  for (int row = 0; row < kT2Rows; ++row)
    for (int c = 0; c < kT2Cols; ++c)
      EXPECT_EQ(r.applications[row][c].verification, Verification::Verified) << t2_path(row, c);
  EXPECT_EQ(r.proactive.licensing.verification, Verification::Consistent);
  // The same record with one row shifted one column to the right.
  Report s = consistent_record(11);
  auto& row = s.applications[R_GRANTED];
  for (int c = kT2Cols - 1; c > 0; --c) row[c].value = row[c - 1].value;
  row[0].value.reset();
  row[0].status = CellStatus::Missing;
  check(s);
  int wrong_and_trusted = 0;
  for (int c = 1; c < kT2Cols; ++c) {
    const Cell& got = s.applications[R_GRANTED][c];
    const Cell& truth = r.applications[R_GRANTED][c];
    if (got.value != truth.value &&
        (got.verification == Verification::Verified || got.verification == Verification::Consistent))
      ++wrong_and_trusted;
  }
  EXPECT_EQ(wrong_and_trusted, 0);
}

TEST(ModelSections, HeadingsOnce) {
  EXPECT_EQ(section_heading(1), "一、总体情况");
  EXPECT_EQ(section_heading(6), "六、其他需要报告的事项");
  EXPECT_EQ(section_ordinal(3), "三");
  EXPECT_EQ(section_heading(7), "");
}

// Every finding on every report of the repository: a catalogue rule, the
// catalogue's severity (or a consequence note), a Chinese message without
// field names.
TEST(ModelDiagnostics, EveryFindingFollowsTheCatalogue) {
  const std::regex field(R"((applications|appeals|proactive)\.[a-z_]+|fees_wan_yuan|v\[r\]|@[a-z_]+\b)");
  size_t seen = 0;
  for (const auto& c : testdata::cases_with(".truth.json")) {
    if (testdata::office_missing(c.input)) continue;
    if (c.input.find("/scan/") != std::string::npos) continue;  // OCR: slow, covered by read_ocr_scan
    Report r;
    try {
      r = parse_file(c.input);
    } catch (const std::exception& e) {
      ADD_FAILURE() << c.input << ": " << e.what();
      continue;
    }
    for (const auto& d : r.diagnostics) {
      ++seen;
      const RuleDef* def = find_rule(d.rule);
      ASSERT_NE(def, nullptr) << c.input << ": " << d.rule;
      if (!d.consequence) {
        EXPECT_EQ(d.severity, def->severity) << c.input << ": " << d.rule;
      }
      EXPECT_FALSE(std::regex_search(d.message, field)) << c.input << ": " << d.rule << ": " << d.message;
    }
  }
  EXPECT_GT(seen, 20u);
}

}  // namespace
