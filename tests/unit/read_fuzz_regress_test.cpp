// Inputs found by the fuzzers (fuzz/run.sh) are kept in tests/data/fuzz and
// read here on every run: each gives a Document or a ReadError with a Chinese
// message, never another exception or a crash (the sanitizer run of the suite
// checks memory errors on them too).
#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <string>
#include <vector>

#include "read/format_readers.h"
#include "read/reader.h"

#ifndef GONGKAI_TEST_DATA
#define GONGKAI_TEST_DATA "tests/data"
#endif

namespace {

const std::string kDir = std::string(GONGKAI_TEST_DATA) + "/fuzz/";

std::vector<std::string> inputs() {
  std::vector<std::string> out;
  if (DIR* d = opendir(kDir.c_str())) {
    while (dirent* e = readdir(d))
      if (e->d_name[0] != '.') out.push_back(e->d_name);
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool has_cjk(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0xE4 && c <= 0xE9) return true;
  return false;
}

}  // namespace

TEST(read_fuzz_regress, EveryKeptInputReadsOrFailsCleanly) {
  auto files = inputs();
  ASSERT_FALSE(files.empty()) << "no inputs in " << kDir;
  for (const auto& f : files) {
    SCOPED_TRACE(f);
    std::string bytes = gk::slurp_file(kDir + f, 1 << 20);
    for (bool ocr : {false, true}) {
      gk::ReadLimits lim;
      lim.max_seconds = 20;
      lim.ocr = ocr;
      lim.office = false;
      try {
        gk::Document d = gk::read_bytes(bytes, f, lim);
        EXPECT_FALSE(d.format.empty());
      } catch (const gk::ReadError& e) {
        EXPECT_TRUE(has_cjk(e.what())) << e.what();
      }
    }
  }
}

// The two fuzzer inputs that took 16–22 s under the sanitizers: PDFs whose one
// page has no text. With OCR off they are refused at once, saying why.
TEST(read_fuzz_regress, PdfWithoutTextAndOcrOff) {
  for (const char* f : {"pdf-no-text-slow-ocr-1.pdf", "pdf-no-text-slow-ocr-2.pdf"}) {
    SCOPED_TRACE(f);
    std::string bytes = gk::slurp_file(kDir + f, 1 << 20);
    EXPECT_EQ(gk::detect_format(bytes), "pdf");
    gk::ReadLimits lim;
    lim.ocr = false;
    try {
      gk::read_bytes(bytes, f, lim);
      ADD_FAILURE() << "read without a text layer";
    } catch (const gk::ReadError& e) {
      EXPECT_NE(std::string(e.what()).find("文字识别（OCR）已关闭"), std::string::npos) << e.what();
    }
  }
}

TEST(read_fuzz_regress, OfficeConversionOff) {
  gk::ReadLimits lim;
  lim.office = false;
  try {
    gk::read_bytes("{\\rtf1\\ansi hello}", "x.rtf", lim);
    ADD_FAILURE() << "RTF read with conversion off";
  } catch (const gk::ReadError& e) {
    EXPECT_NE(std::string(e.what()).find("转换已关闭"), std::string::npos) << e.what();
  }
}
