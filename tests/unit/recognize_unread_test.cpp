// What the recognizer does with a table it could only half read, on the
// rendered city-2024.html (a known record, every cell nonzero and mostly
// distinct): labels it cannot recognize (OCR garbles them) and, for a document
// read by OCR, numbers that are probably misread. Every cell must come back
// right, or be flagged R-LOW-CONFIDENCE; none may be silently wrong.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "pipeline.h"
#include "read/reader.h"
#include "test_data.h"

namespace {

const std::string kDir = std::string(GONGKAI_TEST_DATA) + "/rendered/";

std::map<std::string, nlohmann::json> truth() {
  std::ifstream in(kDir + "city-2024.truth.json");
  return gk::testdata::truth_cells(nlohmann::json::parse(in));
}

gk::DocCell* cell_with(gk::Document& d, const std::string& text) {
  for (auto& b : d.blocks)
    if (b.kind == gk::DocBlock::Table)
      for (auto& r : b.table.rows)
        for (auto& c : r.cells)
          if (c.text.find(text) != std::string::npos) return &c;
  return nullptr;
}

// The cell `k` places right of the cell holding `label`.
gk::DocCell* value_cell(gk::Document& d, const std::string& label, int k) {
  for (auto& b : d.blocks)
    if (b.kind == gk::DocBlock::Table)
      for (auto& r : b.table.rows)
        for (size_t c = 0; c < r.cells.size(); ++c)
          if (r.cells[c].text.find(label) != std::string::npos && c + k < r.cells.size()) return &r.cells[c + k];
  return nullptr;
}

// As if every word had been read by OCR with the given confidence.
void as_ocr(gk::Document& d, float conf) {
  for (auto& b : d.blocks) {
    if (b.kind == gk::DocBlock::Paragraph) b.paragraph.confidence = conf;
    else
      for (auto& r : b.table.rows)
        for (auto& c : r.cells) c.confidence = conf;
  }
}

struct Tally {
  int right = 0, flagged = 0, empty = 0;  // empty: left null, and a finding says so
  std::vector<std::string> wrong;         // none of these
  std::set<std::string> flagged_paths;
};

Tally compare(const gk::Report& r) {
  Tally t;
  std::set<std::string> said;
  for (const auto& d : r.diagnostics) {
    if (d.rule == "R-LOW-CONFIDENCE") t.flagged_paths.insert(d.cells.begin(), d.cells.end());
    if (d.rule == "R-UNRESOLVED" || d.rule == "R-CONFLICT") said.insert(d.cells.begin(), d.cells.end());
  }
  auto want = truth();
  for (const auto& ref : gk::all_cells(r)) {
    const auto& w = want.at(ref.path);
    bool same = w.is_null() ? !ref.cell->value : ref.cell->value && *ref.cell->value == w.get<double>();
    if (t.flagged_paths.count(ref.path)) ++t.flagged;
    else if (same) ++t.right;
    else if (!ref.cell->value && said.count(ref.path)) ++t.empty;
    else t.wrong.push_back(ref.path);
  }
  return t;
}

TEST(recognize_unread, RowsWithUnrecognizedLabelsKeepTheirPlaceInTheGrid) {
  gk::Document d = gk::read_file(kDir + "city-2024.html");
  // Two labels in a row and one more further down that no key matches (what
  // OCR makes of a label cell it cannot read).
  for (const char* label : {"4.保护第三方合法权益", "5.属于三类内部事务信息", "2.没有现成信息需要另行制作"}) {
    gk::DocCell* c = cell_with(d, label);
    ASSERT_TRUE(c) << label;
    c->text = "人 IRE SEI";
  }
  gk::Report r = gk::parse_document(d);
  Tally t = compare(r);
  EXPECT_TRUE(t.wrong.empty()) << t.wrong.size() << " cells wrong, first " << (t.wrong.empty() ? "" : t.wrong.front());
  EXPECT_EQ(t.right, 200);
}

TEST(recognize_unread, DigitsOfARepeatedHeaderOrTheNextLabelAreNotValues) {
  gk::Document d = gk::read_file(kDir + "city-2024.html");
  // The header cell 其他 misread as "4,他", and the next label's "5." read
  // without its dot: neither digit belongs to the row before them.
  gk::DocCell* other = cell_with(d, "其他");
  ASSERT_TRUE(other);
  other->text = "4,他";
  gk::DocCell* five = cell_with(d, "5.属于三类内部事务信息");
  ASSERT_TRUE(five);
  five->text = "5属于三类内部事务信息";
  as_ocr(d, 0.95f);
  gk::Report r = gk::parse_document(d);
  Tally t = compare(r);
  EXPECT_TRUE(t.wrong.empty()) << t.wrong.size() << " cells wrong, first " << (t.wrong.empty() ? "" : t.wrong.front());
  EXPECT_EQ(t.right, 200);
}

TEST(recognize_unread, OcrNumbersInDoubtAreFlagged) {
  gk::Document d = gk::read_file(kDir + "city-2024.html");
  as_ocr(d, 0.95f);
  // A digit lost (65 read as 6, the engine sure of it), junk read into a cell
  // ("5A" for 54), and a row with a value missing (7 values for 7 cells become 6).
  gk::DocCell* lost = value_cell(d, "5.属于三类内部事务信息", 3);  // 65, the third applicant column
  ASSERT_TRUE(lost);
  ASSERT_EQ(lost->text, "65");
  lost->text = "6";
  gk::DocCell* junk = value_cell(d, "1.本机关不掌握相关政府信息", 6);  // 54
  ASSERT_TRUE(junk);
  ASSERT_EQ(junk->text, "54");
  junk->text = "5A";
  gk::DocCell* gone = value_cell(d, "2.申请人逾期未按收费通知", 4);  // 96
  ASSERT_TRUE(gone);
  ASSERT_EQ(gone->text, "96");
  gone->text = "%";
  gk::Report r = gk::parse_document(d);
  Tally t = compare(r);
  EXPECT_TRUE(t.wrong.empty()) << t.wrong.size() << " cells wrong, first " << (t.wrong.empty() ? "" : t.wrong.front());
  for (const char* p : {"applications.denied_internal_affairs[2]", "applications.unable_not_held[5]",
                        "applications.other_no_fee[3]"})
    EXPECT_TRUE(t.flagged_paths.count(p) || !gk::find_cell(r, p)->value) << p << " not flagged";
  EXPECT_GE(t.right, 170);  // what is flagged is in doubt, not everything
  // Without OCR the same misprints are the report's own: nothing is flagged.
  gk::Document plain = d;
  as_ocr(plain, -1.f);
  EXPECT_EQ(compare(gk::parse_document(plain)).flagged, 0);
}

}  // namespace
