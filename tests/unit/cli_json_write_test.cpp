// The record's JSON writer (src/model/json_write.cpp) is its one JSON form:
// to_json() reads the writer's output back. What is checked here is that the
// writer prints what nlohmann would (the layout `gongkai parse` always had:
// keys sorted, nlohmann's number and string forms, every indent), that every
// field of the record is there, and that a record read back from it keeps its
// values. Run on every report under tests/data, on generated records of both
// templates, and on a record holding every odd value.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "gen/generator.h"
#include "model/json.h"
#include "model/json_write.h"
#include "pipeline.h"

namespace fs = std::filesystem;
using namespace gk;

namespace {

// Every object's keys in byte order, as nlohmann's sorted maps print them.
void expect_sorted(const nlohmann::ordered_json& j, const std::string& where) {
  if (j.is_object()) {
    std::string prev;
    bool first = true;
    for (const auto& [k, v] : j.items()) {
      if (!first) {
        EXPECT_LT(prev, k) << where << ": keys out of order";
      }
      prev = k;
      first = false;
      expect_sorted(v, where + "." + k);
    }
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) expect_sorted(j[i], where + "[" + std::to_string(i) + "]");
  }
}

void expect_same(const Report& r, const std::string& what) {
  for (int indent : {-1, 1, 2}) {
    for (bool sections : {true, false}) {
      for (CellInfo ci : {CellInfo::All, CellInfo::ExtrasOnly}) {
        std::string mine;
        JsonWriteOptions o;
        o.indent = indent;
        o.sections = sections;
        o.cell_info = ci;
        write_record_json(mine, r, o);
        nlohmann::ordered_json back;
        ASSERT_NO_THROW(back = nlohmann::ordered_json::parse(mine)) << what;
        ASSERT_EQ(mine, back.dump(indent)) << what << " indent " << indent << " sections " << sections;
        expect_sorted(back, what);
        EXPECT_EQ(back.contains("sections"), sections) << what;
        for (const char* k : {"schema_version", "source", "agency", "year", "template", "title",
                              "publication_date", "identity", "proactive", "applications", "appeals",
                              "diagnostics", "cell_info"})
          EXPECT_TRUE(back.contains(k)) << what << ": no " << k;
        EXPECT_EQ(back.contains("legacy"), r.legacy.present) << what;
        EXPECT_EQ(back.contains("proactive_2019"), r.proactive_2019.present) << what;
      }
    }
  }
  // Read back, the record keeps its tables' values and its identity.
  nlohmann::json j = to_json(r);
  Report again = from_json(j);
  nlohmann::json j2 = to_json(again);
  for (const char* k : {"applications", "appeals", "proactive", "agency", "year", "template", "title"})
    EXPECT_EQ(j2[k], j[k]) << what << ": " << k << " changed on the way back";
  EXPECT_EQ(j2["identity"], j["identity"]) << what;
  nlohmann::json slim = {{"source", j["source"]}, {"agency", j["agency"]}, {"year", j["year"]},
                         {"diagnostics", j["diagnostics"]}};
  std::string check;
  write_check_json(check, r);
  nlohmann::json cj = nlohmann::json::parse(check);
  ASSERT_TRUE(cj.contains("verification")) << what;
  cj.erase("verification");
  EXPECT_EQ(cj.dump(), slim.dump()) << what;
}

// One test per file under tests/data (OCR scans and LibreOffice-read DOC take
// seconds each: separate tests run in parallel under ctest).
std::vector<std::string> every_test_file() {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(GONGKAI_TEST_DATA)) {
    if (!e.is_regular_file()) continue;
    std::string ext = e.path().extension().string();
    if (ext == ".json" || ext == ".expect" || ext == ".py" || ext == ".sh") continue;
    files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class CliJsonWriteFile : public ::testing::TestWithParam<std::string> {};

TEST_P(CliJsonWriteFile, AsBefore) {
  Report r;
  try {
    r = parse_file(GetParam());
  } catch (const std::exception& e) {
    GTEST_SKIP() << "not a report: " << e.what();  // broken fixtures, scans without OCR …
  }
  expect_same(r, GetParam());
}

INSTANTIATE_TEST_SUITE_P(TestData, CliJsonWriteFile, ::testing::ValuesIn(every_test_file()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = fs::path(info.param).lexically_relative(GONGKAI_TEST_DATA).string();
                           for (auto& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n + "_" + std::to_string(info.index);
                         });

TEST(CliJsonWrite, EnoughTestFiles) { EXPECT_GE(every_test_file().size(), 40u); }

TEST(CliJsonWrite, GeneratedRecordsOfBothTemplates) {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    gen::GenOptions o;
    o.template_2019 = seed % 3 == 0;
    o.sections = seed % 5 != 0;
    expect_same(gen::generate_report(seed, o), "seed " + std::to_string(seed));
  }
}

TEST(CliJsonWrite, OddValues) {
  Report r = gen::generate_report(7);
  r.proactive.fees_wan_yuan.value = 12.345;
  r.proactive.licensing.value = 1e17;  // past the integer range: written as a float
  r.proactive.punishment.value = -0.0;
  r.applications[0][0].confidence = 0.8f;
  r.applications[0][1].raw = "一二\t\"三\"\\\x01\x1f\x7f";
  r.applications[1][2].via = {"T2-ROW-TOTAL@new", "T2-BALANCE"};
  r.agency.clear();
  r.title = "标题\r\n第二行";
  r.encoding = "gb18030";
  r.period_start = "2024-01-01";
  r.period_end = "2024-12-31";
  r.year = 0;
  r.sections[2].text.clear();
  Diagnostic d;
  d.rule = "X";
  d.message = "消息\b\f";
  d.notes = {"附注一", ""};
  d.note_lines = {0, 12};
  d.line = 130;
  r.diagnostics.push_back(d);
  expect_same(r, "odd values");
  r.paged = true;  // PDF and scans: page numbers beside lines
  expect_same(r, "odd values, paged");
}

TEST(CliJsonWrite, FieldSelection) {
  Report r = gen::generate_report(3);
  uint32_t mask = 0;
  std::string err;
  ASSERT_TRUE(parse_record_fields("applications,appeals", &mask, &err));
  std::string out;
  JsonWriteOptions o;
  o.fields = mask;
  write_record_json(out, r, o);
  nlohmann::json full = to_json(r);
  nlohmann::json want = {{"applications", full["applications"]}, {"appeals", full["appeals"]}};
  EXPECT_EQ(out, want.dump());
  EXPECT_FALSE(parse_record_fields("applications,nosuch", &mask, &err));
  EXPECT_EQ(err, "nosuch");
  EXPECT_FALSE(parse_record_fields(",", &mask, &err));
}

TEST(CliJsonWrite, InvalidUtf8DoesNotStopTheOutput) {
  Report r = gen::generate_report(5);
  r.agency = "机关\xff名";
  std::string out;
  write_record_json(out, r);
  EXPECT_NE(out.find("机关\xEF\xBF\xBD名"), std::string::npos);
  nlohmann::json back;
  EXPECT_NO_THROW(back = nlohmann::json::parse(out));
  EXPECT_EQ(back["agency"], "机关\uFFFD名");
}

}  // namespace
