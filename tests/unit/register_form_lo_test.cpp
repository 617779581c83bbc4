// The fill-in XLSX form in LibreOffice Calc: it prints on A4 with each table on
// its own page and every long label whole (a clipped label would be missing
// from the PDF's text); its inputs are validated and its formulas protected;
// after Calc saves it again it still reads back, fee fields and date included.
// The blank register template opens too. Needs soffice with Calc
// (libreoffice-calc-nogui) and pdftotext/pdfinfo; skipped without them. Each
// run has its own LibreOffice profile. GONGKAI_LO_KEEP=1 keeps the directory.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "read/zip_archive.h"
#include "register/workbook.h"
#include "office_test_util.h"
#include "render/form.h"
#include "render/xlsx_sheet.h"

namespace {

using namespace gk;
namespace fs = std::filesystem;

using officetest::have_program;
using officetest::slurp;
using officetest::squeeze;

std::string sheet_xml(const std::string& xlsx, const std::string& part) {
  ReadLimits lim;
  ZipArchive z(xlsx, lim);
  return z.read(part);
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

#if defined(GK_RENDER_HAVE_LIBZIP) && defined(GONGKAI_HAVE_DOCX)
TEST(RegisterForm, PageSetupValidationAndProtection) {
  fs::path p = fs::temp_directory_path() / ("gongkai-form-" + std::to_string(::getpid()) + ".xlsx");
  render::write_xlsx_form(p.string());
  std::string xlsx = slurp(p);
  fs::remove(p);
  std::string s = sheet_xml(xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_NE(s.find("paperSize=\"9\""), std::string::npos);  // A4
  EXPECT_NE(s.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(s.find("fitToPage=\"1\""), std::string::npos);
  EXPECT_NE(s.find("<rowBreaks count=\"2\""), std::string::npos);  // tables 2 and 3 start a page
  EXPECT_NE(s.find("<sheetProtection"), std::string::npos);
  // Every input cell validated: 9 table 1 counts, 23 rows × 6 of table 2, 12 of table 3,
  // the fee notices count (whole numbers); the 万元 fee and two amounts (decimals); year; date.
  EXPECT_EQ(count(s, "type=\"whole\""), 9u + 23 * 6 + 12 + 1 + 1) << "whole-number validations";
  EXPECT_EQ(count(s, "type=\"decimal\""), 3u);
  EXPECT_EQ(count(s, "type=\"date\""), 1u);
  // The totals are formulas in locked cells; inputs are unlocked.
  EXPECT_GE(count(s, "<f>"), 25u + 7 + 3);
  std::string styles = sheet_xml(xlsx, "xl/styles.xml");
  EXPECT_NE(styles.find("locked=\"0\""), std::string::npos);
}
#endif

class FormInCalc : public ::testing::Test {
 protected:
  void SetUp() override {
#if !(defined(GK_RENDER_HAVE_LIBZIP) && defined(GONGKAI_HAVE_DOCX))
    GTEST_SKIP() << "XLSX reading not built";
#endif
    for (const char* p : {"soffice", "pdftotext", "pdfinfo", "timeout"})
      if (!have_program(p)) GTEST_SKIP() << p << " not installed (scripts/packages.txt)";
    if (!fs::exists("/usr/lib/libreoffice/program/libsclo.so") && std::getenv("GONGKAI_LO_CALC") == nullptr)
      GTEST_SKIP() << "LibreOffice Calc not installed (libreoffice-calc-nogui)";
    std::string tmpl = (fs::temp_directory_path() / "gongkai-calc-XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    ASSERT_NE(mkdtemp(buf.data()), nullptr);
    dir_ = buf.data();
  }
  void TearDown() override {
    if (dir_.empty() || std::getenv("GONGKAI_LO_KEEP")) return;
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  int soffice(const std::string& args) {
    std::string cmd = "cd '" + dir_.string() + "' && HOME='" + dir_.string() + "/home' timeout 300 soffice" +
                      " -env:UserInstallation=file://" + dir_.string() + "/profile" +
                      " --headless --norestore --nologo " + args + " >>'" + dir_.string() + "/soffice.log' 2>&1";
    return std::system(cmd.c_str());
  }
  std::string page_text(const fs::path& pdf, int page) {
    fs::path txt = dir_ / ("page" + std::to_string(page) + ".txt");
    std::string cmd = "pdftotext -enc UTF-8 -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" +
                      pdf.string() + "' '" + txt.string() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    return squeeze(slurp(txt));
  }
  int pages(const fs::path& pdf) {
    fs::path info = dir_ / "info.txt";
    std::system(("pdfinfo '" + pdf.string() + "' > '" + info.string() + "'").c_str());
    std::smatch m;
    std::string s = slurp(info);
    return std::regex_search(s, m, std::regex("Pages:\\s+(\\d+)")) ? std::stoi(m[1]) : 0;
  }
  fs::path dir_;
};

TEST_F(FormInCalc, PrintsOnA4OneTablePerPageAndReadsBackAfterASave) {
  render::write_xlsx_form((dir_ / "form.xlsx").string());
  reg::write_register_xlsx((dir_ / "register.xlsx").string());
  ASSERT_EQ(soffice("--convert-to pdf --outdir '" + dir_.string() + "' form.xlsx register.xlsx"), 0)
      << slurp(dir_ / "soffice.log");
  fs::path pdf = dir_ / "form.pdf";
  ASSERT_TRUE(fs::exists(pdf)) << slurp(dir_ / "soffice.log");
  // A4 landscape: 842 × 595 points.
  {
    std::system(("pdfinfo '" + pdf.string() + "' > '" + (dir_ / "info.txt").string() + "'").c_str());
    std::string info = slurp(dir_ / "info.txt");
    EXPECT_NE(info.find("841.89 x 595."), std::string::npos) << info;
  }
  // Sheet 填报表 on three pages (one per table), then 文字部分.
  ASSERT_GE(pages(pdf), 4);
  std::string p1 = page_text(pdf, 1), p2 = page_text(pdf, 2), p3 = page_text(pdf, 3);
  EXPECT_NE(p1.find("第二十条第（一）项"), std::string::npos);
  EXPECT_NE(p1.find("落款日期"), std::string::npos);
  EXPECT_EQ(p1.find("本年新收"), std::string::npos) << "table 2 must start its own page";
  EXPECT_NE(p2.find("一、本年新收政府信息公开申请数量"), std::string::npos);
  EXPECT_EQ(p2.find("未经复议直接起诉"), std::string::npos) << "table 3 must start its own page";
  for (const char* label : {"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                            "5.要求行政机关确认或重新出具已获取信息"})
    EXPECT_NE(p2.find(label), std::string::npos) << "label clipped or missing: " << label;
  EXPECT_NE(p3.find("未经复议直接起诉"), std::string::npos);
  EXPECT_NE(p3.find("实际收取的总金额（元）"), std::string::npos);
  ASSERT_TRUE(fs::exists(dir_ / "register.pdf"));
  EXPECT_NE(page_text(dir_ / "register.pdf", 1).find("收到申请日期"), std::string::npos);

  // Saved again by Calc (as a clerk would), the form still reads back.
  fs::create_directories(dir_ / "saved");
  ASSERT_EQ(soffice("--convert-to xlsx:\"Calc MS Excel 2007 XML\" --outdir '" + (dir_ / "saved").string() +
                    "' form.xlsx"),
            0)
      << slurp(dir_ / "soffice.log");
  std::string saved = slurp(dir_ / "saved" / "form.xlsx");
  ASSERT_FALSE(saved.empty()) << slurp(dir_ / "soffice.log");
  Report r = render::read_xlsx_form(saved);
  EXPECT_EQ(r.applications[R_NEW][0].value, 0.0);
  EXPECT_TRUE(r.publication_date.empty());
  EXPECT_TRUE(r.sections[5].text.empty()) << "no fee claim from an untouched form: " << r.sections[5].text;
  // Its formulas survived: Calc's copy still has the total of （七）总计.
  render::XlsxBook book(saved);
  int formulas = 0;
  for (const auto& [pos, cell] : book.sheet("填报表")) formulas += cell.formula;
  EXPECT_GE(formulas, 25 + 7 + 3);
}

}  // namespace
