// A draft that claims nothing: an unfilled form renders with visible
// placeholders (never boilerplate, never "…均为0"), its check says what is
// missing; a form filled in with table 2 from a register of 2,000
// applications renders to a report that passes check with no finding, in
// every output format; the fee statement and the signature date are fields.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "register/store.h"
#include "register/table2.h"
#include "register/workbook.h"
#include "register_synth.h"
#include "render/draft.h"
#include "render/form.h"
#include "render/render.h"
#include "store/schema.h"
#include "store_backend.h"

namespace {

using namespace gk;
namespace fs = std::filesystem;

bool has_rule(const render::DraftFindings& f, const std::string& rule) {
  for (const auto& d : f.diagnostics)
    if (d.rule.rfind(rule, 0) == 0) return true;
  return false;
}

std::string describe(const render::DraftFindings& f) { return render::format_draft_findings(f, "草稿"); }

TEST(RegisterRender, AnUnfilledFormClaimsNothing) {
  nlohmann::json j = render::json_form();
  j["agency"] = "测试市测试区人民政府";
  j["year"] = 2024;
  Report r = render::read_json_form(j);
  render::RenderOptions opt;
  opt.signature = true;
  std::string t = render::render(r, opt);
  EXPECT_EQ(t.find(render::kFeeStatement), std::string::npos) << "a fee claim the clerk never made";
  EXPECT_EQ(t.find("均为0"), std::string::npos);
  EXPECT_EQ(t.find("认真贯彻落实"), std::string::npos) << "boilerplate in section 一";
  EXPECT_EQ(t.find("加强业务培训"), std::string::npos) << "boilerplate in section 五";
  EXPECT_NE(t.find("【待填写：总体情况"), std::string::npos);
  EXPECT_NE(t.find("【待填写：落款日期】"), std::string::npos);
  auto f = render::check_draft(t, render::OutputFormat::Txt, "草稿");
  EXPECT_TRUE(f.has_findings());
  EXPECT_TRUE(has_rule(f, "C-S1-GOV")) << describe(f);  // a 人民政府 form fails its own check
  EXPECT_TRUE(has_rule(f, "C-S6-FEE")) << describe(f);
  EXPECT_GE(f.unfilled.size(), 4u) << describe(f);  // sections 一, 五, 六 and the signature date
  // No agency: the title says so instead of "本机关".
  Report blank = render::read_json_form(render::json_form());
  std::string b = render::render(blank, opt);
  EXPECT_EQ(b.rfind("【待填写：机关名称】【待填写：年度】年政府信息公开工作年度报告", 0), 0u) << b.substr(0, 200);
}

TEST(RegisterRender, FeeFieldsMakeTheStatement) {
  render::FeeFields zero{0.0, 0.0, 0.0};
  EXPECT_NE(render::fee_statement(zero).find("均为0"), std::string::npos);
  render::FeeFields some{3.0, 900.0, 600.0};
  EXPECT_EQ(render::fee_statement(some), "本年度政府信息公开信息处理费：发出收费通知3件，总金额900元；实际收取的总金额600元。");
  render::FeeFields part{2.0, std::nullopt, std::nullopt};
  EXPECT_NE(render::fee_statement(part).find("【待填写：收费通知总金额】"), std::string::npos);
  nlohmann::json j = render::json_form();
  j["fee"]["notices"] = -1;
  EXPECT_THROW(render::read_json_form(j), std::runtime_error);
  j["fee"]["notices"] = 1.5;
  EXPECT_THROW(render::read_json_form(j), std::runtime_error);
  j["fee"]["notices"] = 1;
  j["publication_date"] = "2025年1月15日";
  EXPECT_EQ(render::read_json_form(j).publication_date, "2025-01-15");
  j["publication_date"] = "下周";
  EXPECT_THROW(render::read_json_form(j), std::runtime_error);
}

// The clerk's form for 2024, every field filled, table 2 from the register.
nlohmann::json filled_form(const reg::Register& r) {
  nlohmann::json j = render::json_form();
  j["agency"] = r.unit;
  j["year"] = r.year;
  j["publication_date"] = "2025-01-15";
  long notices = 0;
  double amount = 0, paid = 0;
  for (const auto& c : r.cases)
    if (c.fee_notice) {
      ++notices;
      amount += c.fee_amount;
      if (c.fee_paid) paid += c.fee_amount;
    }
  j["fee"] = {{"notices", notices}, {"notice_amount_yuan", amount}, {"collected_yuan", paid}};
  const char* texts[6] = {
      "本区坚持以公开为常态、不公开为例外，全面推进主动公开，规范办理依申请公开，加强政府信息管理和政府网站信息公开平台建设。"
      "本区将政府信息公开工作纳入年度绩效考核，开展社会评议，未发生责任追究情况。",
      "", "", "",
      "（一）存在的主要问题：部分单位答复文书格式不够统一，个别申请临近答复期限才办结。\n"
      "（二）改进情况：建立依申请公开台账和到期提醒，统一答复文书格式，组织业务培训两次。",
      "无其他需要报告的事项。"};
  for (int s = 0; s < 6; ++s) j["sections"][s]["text"] = texts[s];
  return j;
}

TEST(RegisterRender, RegisterAndFormPassCheckInEveryFormat) {
  auto two = regtest::make_two_years(2024, 1000, 21, "测试市测试区人民政府");
  Report r = render::read_json_form(filled_form(two.second));
  auto t = reg::table2(two.second, &two.first);
  reg::fill_report(r, t.cells);
  for (auto fmt : {render::OutputFormat::Txt, render::OutputFormat::Md, render::OutputFormat::Html
#ifdef GK_RENDER_HAVE_LIBZIP
                   , render::OutputFormat::Docx
#endif
       }) {
    render::RenderOptions opt;
    opt.format = fmt;
    opt.signature = true;
    std::string bytes = render::render(r, opt);
    auto f = render::check_draft(bytes, fmt, "报告");
    EXPECT_FALSE(f.has_findings()) << render::format_extension(fmt) << "\n" << describe(f);
    EXPECT_TRUE(f.diagnostics.empty()) << render::format_extension(fmt) << "\n" << describe(f);
  }
  // The report read back has the register's table 2.
  std::string bytes = render::render(r, {});
  auto f = render::check_draft(bytes, render::OutputFormat::Txt, "报告");
  EXPECT_FALSE(f.has_findings()) << describe(f);
}

int run(const std::string& cmd, std::string* err = nullptr) {
  std::string e = (fs::temp_directory_path() / ("gongkai-render-err-" + std::to_string(::getpid()))).string();
  int rc = std::system((cmd + " >/dev/null 2>" + e).c_str());
  if (err) *err = regtest::slurp(e);
  fs::remove(e);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

TEST(RegisterRender, CliRendersFromTheRegisterAndChecksTheDraft) {
  fs::path tmp = regtest::temp_dir("register-render");
  std::string bin = GONGKAI_BINARY, db = gk::testing::test_db(tmp, "c.db");
  const std::string qdb = "'" + db + "'";  // a PostgreSQL URL has & in it
  auto two = regtest::make_two_years(2024, 300, 9, "测试市测试区人民政府");
  reg::write_register_xlsx((tmp / "2023.xlsx").string(), &two.first);
  reg::write_register_xlsx((tmp / "2024.xlsx").string(), &two.second);
  for (int y : {2023, 2024})
    ASSERT_EQ(run(bin + " register import " + (tmp / (std::to_string(y) + ".xlsx")).string() +
                  " --unit 测试市测试区人民政府 --year " + std::to_string(y) + " --db " + qdb),
              0);
  std::ofstream(tmp / "form.json") << filled_form(two.second).dump(1);
  std::string err;
  EXPECT_EQ(run(bin + " render " + (tmp / "form.json").string() + " --register " + qdb + " -o " +
                    (tmp / "report.txt").string(), &err), 0) << err;
  // The report's table 2 is the register's: compare finds no difference.
  EXPECT_EQ(run(bin + " register compare " + (tmp / "report.txt").string() +
                    " --unit 测试市测试区人民政府 --year 2024 --db " + qdb, &err), 0) << err;
  // The blank form renders, is written, and its check fails with the findings printed.
  std::ofstream(tmp / "blank.json") << render::json_form().dump(1);
  EXPECT_EQ(run(bin + " render " + (tmp / "blank.json").string() + " -o " + (tmp / "blank.txt").string(), &err), 1);
  EXPECT_TRUE(fs::exists(tmp / "blank.txt"));
  EXPECT_NE(err.find("待填写：第一部分：【待填写：总体情况"), std::string::npos) << err;
  EXPECT_NE(err.find("[C-S6-FEE]"), std::string::npos) << err;
  fs::remove_all(tmp);
}

}  // namespace
