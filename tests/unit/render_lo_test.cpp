// The DOCX the renderer writes opens cleanly in LibreOffice: converted headless to
// PDF, the PDF holds the title, the six section headings and the table labels,
// and a page renders to an image. For a 2021-template and a 2019-template record.
//
// Needs soffice (libreoffice-writer-nogui), pdftotext and pdftoppm (poppler-utils);
// skipped when they are not installed. Each run uses its own HOME and LibreOffice
// profile (-env:UserInstallation) in a private temporary directory, so parallel
// test runs do not share a profile. Set GONGKAI_LO_KEEP=1 to keep the directory
// (PDFs and page PNGs) for a look.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "gen/generator.h"
#include "office_test_util.h"
#include "render/layout.h"
#include "render/render.h"

namespace {

using namespace gk;
namespace fs = std::filesystem;

using officetest::have_program;
using officetest::slurp;
using officetest::squeeze;

class LibreOffice : public ::testing::Test {
 protected:
  void SetUp() override {
#ifndef GK_RENDER_HAVE_LIBZIP
    GTEST_SKIP() << "DOCX rendering not built (no libzip)";
#endif
    for (const char* p : {"soffice", "pdftotext", "pdftoppm", "timeout"})
      if (!have_program(p)) GTEST_SKIP() << p << " not installed (scripts/packages.txt)";
    std::string tmpl = (fs::temp_directory_path() / "gongkai-lo-XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    ASSERT_NE(mkdtemp(buf.data()), nullptr);
    dir_ = buf.data();
  }
  void TearDown() override {
    if (dir_.empty()) return;
    if (std::getenv("GONGKAI_LO_KEEP")) {
      std::printf("kept %s\n", dir_.c_str());
      return;
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Convert the DOCX files in dir_ to PDF in one LibreOffice start; returns the exit code.
  int convert(const std::vector<std::string>& names) {
    std::string cmd = "cd '" + dir_.string() + "' && HOME='" + dir_.string() + "/home' timeout 300 soffice" +
                      " -env:UserInstallation=file://" + dir_.string() + "/profile" +
                      " --headless --norestore --nologo --convert-to pdf --outdir '" + dir_.string() + "'";
    for (const auto& n : names) cmd += " '" + n + "'";
    cmd += " >'" + dir_.string() + "/soffice.log' 2>&1";
    return std::system(cmd.c_str());
  }

  // The checks on one converted report.
  void check_pdf(const std::string& stem, const Report& r) {
    SCOPED_TRACE(stem);
    fs::path pdf = dir_ / (stem + ".pdf");
    ASSERT_TRUE(fs::exists(pdf)) << "no PDF; soffice said:\n" << slurp(dir_ / "soffice.log");
    EXPECT_EQ(slurp(pdf).rfind("%PDF-", 0), 0u);
    fs::path txt = dir_ / (stem + ".txt");
    ASSERT_EQ(std::system(("pdftotext -enc UTF-8 '" + pdf.string() + "' '" + txt.string() + "'").c_str()), 0);
    std::string text = squeeze(slurp(txt));
    std::vector<std::string> want = {render::default_title(r)};
    for (int s = 1; s <= 6; ++s)
      want.push_back(std::string(render::chinese_numeral(s)) + std::string(render::standard_heading(s)));
    // Labels of the three tables (cells wide enough not to wrap mid-label).
    for (const char* l : {"第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
                          "信息内容", "规章", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "申请人情况",
                          "自然人", "法人或其他组织", "一、本年新收政府信息公开申请数量",
                          "二、上年结转政府信息公开申请数量", "（一）予以公开", "（七）总计",
                          "四、结转下年度继续办理", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"})
      want.push_back(l);
    if (r.edition == Edition::Y2019)
      for (const char* l : {"第二十条第（九）项", "本年新制作数量", "对外公开总数量", "上一年项目数量",
                            "处理决定数量", "其他对外管理服务事项", "政府集中采购", "采购总金额", "（六）其他处理"})
        want.push_back(l);
    else
      for (const char* l : {"本年制发件数", "本年废止件数", "现行有效件数", "行政规范性文件"}) want.push_back(l);
    for (const auto& w : want) EXPECT_NE(text.find(squeeze(w)), std::string::npos) << "PDF text lacks " << w;
    // A page renders: page 1 (title, section 一, Table 1) as PNG.
    std::string png_stem = (dir_ / (stem + "-page")).string();
    ASSERT_EQ(std::system(("pdftoppm -png -r 60 -f 1 -l 2 '" + pdf.string() + "' '" + png_stem + "'").c_str()), 0);
    bool found = false;
    for (const auto& e : fs::directory_iterator(dir_)) {
      std::string n = e.path().filename().string();
      if (n.rfind(stem + "-page-", 0) == 0 && e.path().extension() == ".png") {
        found = true;
        std::string png = slurp(e.path());
        EXPECT_GT(png.size(), 2000u) << n;
        EXPECT_EQ(png.rfind("\x89PNG", 0), 0u) << n;
      }
    }
    EXPECT_TRUE(found) << "pdftoppm wrote no page";
  }

  fs::path dir_;
};

TEST_F(LibreOffice, DocxConvertsToPdfWithTitleHeadingsAndTables) {
  Report r2021 = gen::generate_report(3);
  gen::GenOptions o;
  o.template_2019 = true;
  Report r2019 = gen::generate_report(3, o);
  ASSERT_EQ(r2019.edition, gk::Edition::Y2019);
  render::RenderOptions opt;
  opt.format = render::OutputFormat::Docx;
  for (const auto& [name, r] : {std::pair<std::string, const Report*>{"report-2021", &r2021},
                                {"report-2019", &r2019}}) {
    std::ofstream out(dir_ / (name + ".docx"), std::ios::binary);
    out << render::render(*r, opt);
  }
  int rc = convert({"report-2021.docx", "report-2019.docx"});
  ASSERT_EQ(rc, 0) << "soffice failed or timed out; log:\n" << slurp(dir_ / "soffice.log");
  check_pdf("report-2021", r2021);
  check_pdf("report-2019", r2019);
}

}  // namespace
