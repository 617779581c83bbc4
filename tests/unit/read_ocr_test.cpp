// OCR (tesseract chi_sim): a scanned table as PNG and as an image-only PDF
// must come back as a grid with the printed numbers and per-cell confidence.
#include <gtest/gtest.h>

#include <cstdint>
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

#if GONGKAI_HAVE_TESSERACT

// The cell right of the cell whose text contains `label`.
const gk::DocCell* value_of(const Document& d, const std::string& label) {
  for (auto& b : d.blocks) {
    if (b.kind != DocBlock::Table) continue;
    for (auto& r : b.table.rows)
      for (size_t c = 0; c + 1 < r.cells.size(); ++c)
        if (r.cells[c].text.find(label) != std::string::npos) return &r.cells[c + 1];
  }
  return nullptr;
}

void check_t1_scan(const Document& d) {
  EXPECT_FALSE(d.warnings.empty());
  struct {
    const char* label;
    const char* value;
  } want[] = {{"行政处罚", "2776"}, {"行政强制", "84"}, {"行政事业性收费", "7545"}};
  for (auto& w : want) {
    const gk::DocCell* c = value_of(d, w.label);
    ASSERT_TRUE(c) << w.label;
    EXPECT_EQ(c->text, w.value) << w.label;
    EXPECT_GT(c->confidence, 0.5f) << w.label;
    EXPECT_LE(c->confidence, 1.0f) << w.label;
  }
}

TEST(read_ocr, ScannedTablePng) {
  if (!gk::ocr_available()) GTEST_SKIP() << "chi_sim traineddata missing";
  Document d = gk::read_file(kFormats + "scan-t1.png");
  EXPECT_EQ(d.format, "image");
  check_t1_scan(d);
}

TEST(read_ocr, ImageOnlyPdf) {
  if (!gk::ocr_available()) GTEST_SKIP() << "chi_sim traineddata missing";
  Document d = gk::read_file(kFormats + "scan-t1.pdf");
  EXPECT_EQ(d.format, "pdf");
  check_t1_scan(d);
}

uint32_t crc32(const std::string& s) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char ch : s) {
    c ^= ch;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
  }
  return ~c;
}

std::string be32(uint32_t v) {
  return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}

TEST(read_ocr, BadImages) {
  EXPECT_THROW(gk::read_bytes(std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'x'), "x.png"),
               gk::ReadError);
  // A valid header declaring 100000 x 100000 pixels: refused before decoding.
  std::string ihdr = "IHDR" + be32(100000) + be32(100000) + std::string("\x08\x00\x00\x00\x00", 5);
  std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + ihdr + be32(crc32(ihdr));
  try {
    gk::read_bytes(png, "huge.png");
    ADD_FAILURE() << "huge image read";
  } catch (const gk::ReadError& e) {
    EXPECT_NE(std::string(e.what()).find("图片"), std::string::npos) << e.what();
  }
}

#else
TEST(read_ocr, NotCompiledIn) { GTEST_SKIP() << "tesseract/leptonica not found at build time"; }
#endif

}  // namespace
