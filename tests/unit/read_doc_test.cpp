// DOC / RTF via LibreOffice headless -> DOCX reader. Skipped when soffice is
// not installed (scripts/packages.txt lists libreoffice-writer-nogui).
#include <gtest/gtest.h>

#include <string>

#include "read/format_readers.h"
#include "read/reader.h"

#ifndef GONGKAI_TEST_DATA
#define GONGKAI_TEST_DATA "tests/data"
#endif

namespace {

using gk::DocBlock;
using gk::Document;
const std::string kFormats = std::string(GONGKAI_TEST_DATA) + "/formats/";

#if GONGKAI_HAVE_DOCX

void check_report(const Document& d) {
  bool heading = false;
  const gk::DocTable* t = nullptr;
  for (auto& b : d.blocks) {
    if (b.kind == DocBlock::Paragraph && b.paragraph.text == "三、收到和处理政府信息公开申请情况") heading = true;
    if (b.kind == DocBlock::Table && !t) t = &b.table;
  }
  EXPECT_TRUE(heading);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[0].cells[0].text, "一、本年新收政府信息公开申请数量");
  EXPECT_EQ(t->rows[0].cells[1].text, "95");  // split runs survive the round trip
  EXPECT_EQ(t->rows[1].cells[0].text, "三、本年度办理结果");
  EXPECT_EQ(t->rows[1].cells[0].rowspan, 3);
  EXPECT_EQ(t->rows[1].cells[1].text, "（一）予以公开");
  EXPECT_TRUE(t->rows[3].cells[0].spanned);
  EXPECT_TRUE(t->rows[3].cells[1].spanned);
  EXPECT_EQ(t->rows[3].cells[2].text, "2.其他法律行政法规禁止公开");
  EXPECT_EQ(t->rows[2].cells[4].text, "");  // printed blank
  EXPECT_FALSE(t->rows[2].cells[4].spanned);
}

TEST(read_doc, Word97) {
  if (!gk::office_converter_available()) GTEST_SKIP() << "LibreOffice not installed";
  Document d = gk::read_file(kFormats + "report.doc");
  EXPECT_EQ(d.format, "doc");
  check_report(d);
}

TEST(read_doc, Rtf) {
  if (!gk::office_converter_available()) GTEST_SKIP() << "LibreOffice not installed";
  Document d = gk::read_file(kFormats + "report.rtf");
  EXPECT_EQ(d.format, "rtf");
  check_report(d);
}

TEST(read_doc, DamagedAndTimeout) {
  if (!gk::office_converter_available()) GTEST_SKIP() << "LibreOffice not installed";
  std::string junk("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  junk += std::string(4096, '\x5a');
  try {
    gk::read_bytes(junk, "junk.doc");
    ADD_FAILURE() << "junk read";
  } catch (const gk::ReadError& e) {
    EXPECT_NE(std::string(e.what()).find("DOC"), std::string::npos) << e.what();
  }
  gk::ReadLimits quick;
  quick.max_seconds = 0.05;  // LibreOffice cannot start that fast
  try {
    gk::read_file(kFormats + "report.doc", quick);
    ADD_FAILURE() << "no timeout";
  } catch (const gk::ReadError& e) {
    EXPECT_NE(std::string(e.what()).find("超时"), std::string::npos) << e.what();
  }
}

#else
TEST(read_doc, NotCompiledIn) { GTEST_SKIP() << "libzip/pugixml not found at build time"; }
#endif

}  // namespace
