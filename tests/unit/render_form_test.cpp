// Fill-in forms: the JSON form renders; the XLSX form reads back, a filled
// value and the agency name come through, formula cells are recomputed.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "model/json.h"
#include "render/form.h"
#include "render/render.h"

#if defined(GK_RENDER_HAVE_LIBZIP) && defined(GONGKAI_HAVE_DOCX)
#include <zip.h>
#define HAVE_XLSX_READ 1
#endif

namespace {

using namespace gk;

TEST(RenderForm, JsonFormRendersWithComputedTotals) {
  nlohmann::json j = render::json_form();
  EXPECT_TRUE(j["applications"]["total"][0].is_null());
  EXPECT_EQ(j["applications"]["new"][0], 0);
  EXPECT_TRUE(j["applications"]["new"][6].is_null());
  EXPECT_TRUE(j["appeals"]["review"][4].is_null());
  j["agency"] = "测试县测试镇人民政府";
  j["year"] = 2023;
  j["applications"]["new"][0] = 2;
  j["applications"]["granted"][0] = 2;
  Report r = from_json(j);
  std::string t = render::render(r, {});
  EXPECT_NE(t.find("测试县测试镇人民政府2023年政府信息公开工作年度报告"), std::string::npos);
  EXPECT_NE(t.find("一、本年新收政府信息公开申请数量\t\t\t2\t0\t0\t0\t0\t0\t2\n"), std::string::npos);
  EXPECT_NE(t.find("\t（七）总计\t\t2\t0\t0\t0\t0\t0\t2\n"), std::string::npos);
  // The form's fee fields are empty: no fee claim, a placeholder.
  EXPECT_EQ(t.find(render::kFeeStatement), std::string::npos);
  EXPECT_NE(t.find("【待填写："), std::string::npos);
}

#ifdef HAVE_XLSX_READ
std::string slurp(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Replace one zip entry in memory.
std::string replace_entry(const std::string& zipbytes, const char* name, const std::string& data) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_begin_write(src);
  zip_source_write(src, zipbytes.data(), zipbytes.size());
  zip_source_commit_write(src);
  zip_t* za = zip_open_from_source(src, 0, &err);
  EXPECT_NE(za, nullptr);
  zip_source_keep(src);
  zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
  zip_file_add(za, name, s, ZIP_FL_OVERWRITE);
  zip_close(za);
  std::string out;
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  out.resize(static_cast<size_t>(zip_source_tell(src)));
  zip_source_seek(src, 0, SEEK_SET);
  zip_source_read(src, out.data(), out.size());
  zip_source_close(src);
  zip_source_free(src);
  return out;
}

std::string read_entry(const std::string& zipbytes, const char* name) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(zipbytes.data(), zipbytes.size(), 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  zip_stat_t st;
  std::string out;
  if (za && zip_stat(za, name, 0, &st) == 0) {
    out.resize(st.size);
    zip_file_t* f = zip_fopen(za, name, 0);
    zip_fread(f, out.data(), st.size);
    zip_fclose(f);
  }
  if (za) zip_close(za);
  return out;
}

TEST(RenderForm, XlsxFormReadsBack) {
  auto path = (std::filesystem::temp_directory_path() / "gongkai_form_test.xlsx").string();
  render::write_xlsx_form(path);
  std::string bytes = slurp(path);
  std::remove(path.c_str());
  Report blank = render::read_xlsx_form(bytes);
  EXPECT_EQ(*blank.applications[R_NEW][0].value, 0);
  EXPECT_FALSE(blank.applications[R_NEW][6].known());  // formula cell: recomputed
  EXPECT_FALSE(blank.applications[R_TOTAL][0].known());
  EXPECT_EQ(*blank.proactive.fees_wan_yuan.value, 0);
  EXPECT_TRUE(blank.sections[5].text.empty()) << "the blank form makes no fee claim";

  // Fill in: agency, year, 自然人 new applications = 5, granted = 3.
  std::string sheet = read_entry(bytes, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  auto ref_of = [](const std::string& p) {
    for (const auto& pos : render::xlsx_form_positions())
      if (pos.path == p) {
        std::string col;
        for (int c = pos.col + 1; c > 0; c = (c - 1) / 26) col.insert(col.begin(), char('A' + (c - 1) % 26));
        return col + std::to_string(pos.row + 1);
      }
    return std::string();
  };
  auto set_number = [&](const std::string& ref, int v) {
    std::regex re("<c r=\"" + ref + "\"([^>]*)><v>0</v></c>");
    ASSERT_TRUE(std::regex_search(sheet, re)) << ref;
    sheet = std::regex_replace(sheet, re, "<c r=\"" + ref + "\"$1><v>" + std::to_string(v) + "</v></c>");
  };
  set_number(ref_of("applications.new[0]"), 5);
  set_number(ref_of("applications.granted[0]"), 3);
  auto set_text = [&](const std::string& ref, const std::string& text) {
    std::regex re("<c r=\"" + ref + "\"[^>]*?(/>|>.*?</c>)");
    ASSERT_TRUE(std::regex_search(sheet, re)) << ref;
    sheet = std::regex_replace(sheet, re, "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>",
                               std::regex_constants::format_first_only);
  };
  set_text("B3", "测试市测试局");
  set_text("B4", "2024");
  Report r = render::read_xlsx_form(replace_entry(bytes, "xl/worksheets/sheet1.xml", sheet));
  EXPECT_EQ(r.agency, "测试市测试局");
  EXPECT_EQ(r.year, 2024);
  EXPECT_EQ(*r.applications[R_NEW][0].value, 5);
  EXPECT_EQ(*r.applications[R_GRANTED][0].value, 3);
  std::string t = render::render(r, {});
  EXPECT_NE(t.find("四、结转下年度继续办理\t\t\t2\t0\t0\t0\t0\t0\t2\n"), std::string::npos) << t;

  EXPECT_THROW(render::read_xlsx_form("PK\x03\x04garbage"), std::runtime_error);
}

// Cell references past the sheet's limits (hostile or damaged files) are
// skipped, not decoded: their column letters and row digits used to overflow
// int (undefined behaviour; the sanitized build, GONGKAI_SANITIZE=ON, fails on it).
TEST(RenderForm, XlsxCellsBeyondTheSheetAreIgnored) {
  auto path = (std::filesystem::temp_directory_path() / "gongkai_form_limits_test.xlsx").string();
  render::write_xlsx_form(path);
  std::string bytes = slurp(path);
  std::remove(path.c_str());
  std::string sheet = read_entry(bytes, "xl/worksheets/sheet1.xml");
  auto end = sheet.find("</sheetData>");
  ASSERT_NE(end, std::string::npos);
  sheet.insert(end,
               "<row r=\"1048577\"><c r=\"ZZZZZZZZZZZZZZZZZZZZZZZZ1\"><v>7</v></c>"
               "<c r=\"B99999999999999999999\"><v>7</v></c><c r=\"XFE1\"><v>7</v></c>"
               "<c r=\"A1048577\"><v>7</v></c></row>");
  Report r = render::read_xlsx_form(replace_entry(bytes, "xl/worksheets/sheet1.xml", sheet));
  EXPECT_EQ(*r.applications[R_NEW][0].value, 0);
}

#endif

}  // namespace
