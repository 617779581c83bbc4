// Unit tests of the text pipeline: encodings, layout noise, recovery rules.
#include <gtest/gtest.h>
#include <iconv.h>

#include <fstream>
#include <sstream>

#include "check/check.h"
#include "pipeline.h"
#include "recognize/values.h"
#include "model/json.h"
#include "repair/repair.h"

namespace {

std::string slurp(const std::string& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string seed(const char* name) { return slurp(std::string(GONGKAI_TEST_DATA) + "/seeds/" + name); }
const char* kSeed001 = "001_26cd6f5c3c427896.txt";
const char* kSeed000 = "000_a22b36fc5bef10f9.txt";

std::string convert(const std::string& in, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  std::string out(in.size() * 4 + 16, '\0');
  char* ip = const_cast<char*>(in.data());
  size_t il = in.size();
  char* op = out.data();
  size_t ol = out.size();
  iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  out.resize(out.size() - ol);
  return out;
}

// Every cell value (null as NaN-free marker) for comparison.
std::vector<std::string> values(const gk::Report& r) {
  std::vector<std::string> v;
  for (const auto& ref : gk::all_cells(r))
    v.push_back(ref.path + "=" + (ref.cell->value ? std::to_string(*ref.cell->value) : "null"));
  return v;
}

TEST(Encoding, GbkAndUtf16ReadLikeUtf8) {
  std::string utf8 = seed(kSeed001);
  gk::Report base = gk::parse_bytes(utf8, "a.txt");
  auto gbk = convert(utf8, "GB18030");
  ASSERT_NE(gbk, utf8);
  gk::Report g = gk::parse_bytes(gbk, "gbk.txt");
  EXPECT_EQ(g.encoding, "GB18030");
  EXPECT_EQ(values(g), values(base));
  EXPECT_EQ(g.agency, base.agency);
  std::string le = "\xFF\xFE" + convert(utf8, "UTF-16LE");
  gk::Report u = gk::parse_bytes(le, "le.txt");
  EXPECT_EQ(u.encoding, "UTF-16LE");
  EXPECT_EQ(values(u), values(base));
  std::string be_nobom = convert(utf8, "UTF-16BE");
  gk::Report b = gk::parse_bytes(be_nobom, "be.txt");
  EXPECT_EQ(values(b), values(base));
  std::string bom8 = "\xEF\xBB\xBF" + utf8;
  EXPECT_EQ(values(gk::parse_bytes(bom8, "bom.txt")), values(base));
}

TEST(Noise, FullWidthDigitsPageNumbersAndBlankRuns) {
  std::string text = seed(kSeed001);
  gk::Report base = gk::parse_bytes(text, "a.txt");
  // Full-width digits in every table line; page footers and blank runs between rows.
  std::string out;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.find('\t') != std::string::npos) {
      std::string w;
      for (char c : line) {
        if (c >= '0' && c <= '9') {
          w += "\xEF\xBC";
          w += static_cast<char>(0x90 + (c - '0'));  // U+FF10..U+FF19
        } else {
          w += c;
        }
      }
      line = w;
      if (++n % 5 == 0) line += "\n\n\n- " + std::to_string(n / 5 + 1) + " -\n\n";
    }
    out += line + "\n";
  }
  gk::Report r = gk::parse_bytes(out, "noisy.txt");
  EXPECT_EQ(values(r), values(base));
}

TEST(Noise, SpacesInsideLabelsAndTypos) {
  std::string text = seed(kSeed001);
  auto replace = [&](const std::string& a, const std::string& b) {
    size_t p = text.find(a);
    ASSERT_NE(p, std::string::npos) << a;
    text.replace(p, a.size(), b);
  };
  replace("本年新收政府信息公开申请数量", "本年 新收政府信息公开申请 数量");
  replace("上年结转", "上年转结");
  replace("(七) 总计", "(七) 总记");
  replace("1. 本机关不掌握相关政府信息", "1. 本机关不掌\n握相关政府信息");
  gk::Report base = gk::parse_bytes(seed(kSeed001), "a.txt");
  gk::Report r = gk::parse_bytes(text, "typos.txt");
  EXPECT_EQ(values(r), values(base));
  EXPECT_FALSE(r.label_variants.empty());
}

gk::Report consistent_record() {
  gk::Report r;
  r.t2_found = r.t3_found = true;
  auto set = [](gk::Cell& c, double v) { c.set_printed(v, 1); };
  for (auto& row : r.applications)
    for (auto& c : row) set(c, 0);
  // new = 10 natural + 2 commercial; granted 6+1, not held 4+1 ; carried_forward 0
  double newv[7] = {10, 2, 0, 0, 0, 0, 12};
  double gr[7] = {6, 1, 0, 0, 0, 0, 7};
  double nh[7] = {4, 1, 0, 0, 0, 0, 5};
  for (int c = 0; c < 7; ++c) {
    set(r.applications[gk::R_NEW][c], newv[c]);
    set(r.applications[gk::R_GRANTED][c], gr[c]);
    set(r.applications[gk::R_UNABLE_FIRST][c], nh[c]);
    set(r.applications[gk::R_TOTAL][c], newv[c]);
  }
  for (auto& row : r.appeals)
    for (auto& c : row) set(c, 0);
  return r;
}

TEST(Repair, SingleLostCellIsRecoveredAndSaid) {
  gk::Report r = consistent_record();
  r.applications[gk::R_GRANTED][0] = gk::Cell{};
  gk::repair(r);
  ASSERT_TRUE(r.applications[gk::R_GRANTED][0].value);
  EXPECT_EQ(*r.applications[gk::R_GRANTED][0].value, 6);
  EXPECT_EQ(r.applications[gk::R_GRANTED][0].status, gk::CellStatus::Recovered);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].rule, "R-RECOVERED");
  // Said as a clerk reads it: the cell by its labels, the arithmetic written
  // out with the labels of its terms (zeros left out), no internal names.
  const std::string& m = r.diagnostics[0].message;
  EXPECT_NE(m.find("表二“（一）予以公开”行“自然人”列"), std::string::npos) << m;
  EXPECT_NE(m.find("6 = 7 − 1（总计 − 商业企业，其余各项为 0）"), std::string::npos) << m;
  EXPECT_EQ(m.find('@'), std::string::npos) << m;
  EXPECT_EQ(m.find("applications."), std::string::npos) << m;
}

TEST(Repair, RectangleOfLostCellsStaysNull) {
  gk::Report r = consistent_record();
  // (granted, not held) x (natural, commercial): one degree of freedom left.
  for (int row : {gk::R_GRANTED, gk::R_UNABLE_FIRST})
    for (int c : {0, 1}) r.applications[row][c] = gk::Cell{};
  gk::repair(r);
  for (int row : {gk::R_GRANTED, gk::R_UNABLE_FIRST})
    for (int c : {0, 1}) EXPECT_FALSE(r.applications[row][c].value) << row << "," << c;
  bool said = false;
  for (auto& d : r.diagnostics) said = said || (d.rule == "R-UNRESOLVED" && d.cells.size() == 4);
  EXPECT_TRUE(said);
}

TEST(Repair, PrintedNumbersAreNeverChanged) {
  gk::Report r = consistent_record();
  r.applications[gk::R_GRANTED][6].set_printed(8, 5);  // report's own error: 6+1 != 8
  gk::Report before = r;
  gk::repair(r);
  EXPECT_EQ(values(r), values(before));
  gk::check(r);
  bool flagged = false;
  for (auto& d : r.diagnostics) flagged = flagged || d.rule == "T2-ROW-TOTAL@granted";
  EXPECT_TRUE(flagged);
}

TEST(Repair, LostCellBesideAPrintedErrorIsNotGuessed) {
  gk::Report r = consistent_record();
  r.applications[gk::R_TOTAL][0].set_printed(11, 5);  // column sum says 10
  r.applications[gk::R_GRANTED][0] = gk::Cell{};       // row total says 6, column 7
  gk::repair(r);
  EXPECT_FALSE(r.applications[gk::R_GRANTED][0].value);
  bool conflict = false;
  for (auto& d : r.diagnostics) conflict = conflict || d.rule == "R-CONFLICT";
  EXPECT_TRUE(conflict);
}

TEST(Repair, BlankThatCannotBeZeroIsRebuilt) {
  gk::Report r = consistent_record();
  gk::Cell& c = r.applications[gk::R_GRANTED][1];
  c.status = gk::CellStatus::Blank;
  c.value = 0;
  gk::repair(r);
  ASSERT_TRUE(c.value);
  EXPECT_EQ(*c.value, 1);
  bool said = false;
  for (auto& d : r.diagnostics) said = said || d.rule == "R-BLANK-NONZERO";
  EXPECT_TRUE(said);
}

TEST(Split, RunTogetherDigitsHonourRowTotal) {
  auto row_total = [](const std::vector<double>& v) {
    double s = 0;
    for (int c = 0; c < 6; ++c) s += v[c];
    return s == v[6];
  };
  auto c = gk::split_digits(U"21710000218", 7, row_total);
  ASSERT_FALSE(c.empty());
  bool found = false;
  for (auto& v : c) found = found || v == std::vector<double>{217, 1, 0, 0, 0, 0, 218};
  EXPECT_TRUE(found);
  for (auto& v : c) EXPECT_TRUE(row_total(v));
  // all zeros: exactly one reading
  EXPECT_EQ(gk::split_digits(U"0000000", 7, row_total).size(), 1u);
  // leading zeros are not numbers: "0100" into 3 is only 0|10|0
  auto t = gk::split_digits(U"0100", 3, [](const std::vector<double>&) { return true; });
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0], (std::vector<double>{0, 10, 0}));
}

TEST(Sections, HeadingsNumberedOrNotAndTwoThousandNineteenTemplate) {
  gk::Report r = gk::parse_bytes(seed("002_d0051cf01b0f959b.txt"), "002.txt");
  for (int i = 0; i < 6; ++i) EXPECT_TRUE(r.sections[i].found()) << i;
  EXPECT_FALSE(r.sections[1].numbered);
  EXPECT_EQ(r.publication_date, "2025-01-08");
  EXPECT_EQ(r.period_start, "2024-01-01");
  gk::Report e1 = gk::parse_file(std::string(GONGKAI_TEST_DATA) + "/layouts/e1-2019-template.txt");
  EXPECT_EQ(e1.edition, gk::Edition::Y2019);
  EXPECT_TRUE(e1.proactive_2019.present);
  EXPECT_EQ(e1.proactive.regulations.repealed.status, gk::CellStatus::Absent);
  ASSERT_TRUE(e1.proactive_2019.licensing_change.value);
  EXPECT_EQ(*e1.proactive_2019.licensing_change.value, -2);
}

TEST(BadInput, EmptyBinaryNotAReportTruncated) {
  EXPECT_THROW(gk::parse_bytes("", "empty.txt"), gk::ReadError);
  std::string bin;
  for (int i = 0; i < 4096; ++i) bin.push_back(static_cast<char>((i * 7919) % 256));
  EXPECT_THROW(gk::parse_bytes(bin, "bin.dat"), gk::ReadError);
  EXPECT_THROW(gk::parse_bytes("今天天气很好，我们去公园散步。\n然后回家吃饭。\n", "note.txt"), gk::ReadError);
  std::string text = seed(kSeed000);
  std::string cut = text.substr(0, text.find("四、政府信息公开行政复议"));
  cut = cut.substr(0, cut.size() / 2 + 2000);
  try {
    gk::parse_bytes(cut, "cut.txt");
    FAIL() << "truncated report accepted";
  } catch (const gk::ReadError& e) {
    EXPECT_NE(std::string(e.what()).find("截断"), std::string::npos) << e.what();
  }
}

}  // namespace
