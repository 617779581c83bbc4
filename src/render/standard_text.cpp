// Standard wording of the national format: title, section headings, the
// 信息处理费 statement from the form's fee fields, and the visible placeholders
// (【待填写：…】) an unfilled section gets instead of boilerplate.
#include <string>

#include "model/sections.h"
#include "render/layout.h"
#include "render/render.h"

namespace gk::render {

const char* const kFeeStatement =
    "本年度未收取信息处理费，发出收费通知的件数和总金额以及实际收取的总金额均为0。";

std::string placeholder(std::string_view what) { return std::string(kPlaceholderOpen) + std::string(what) + "】"; }

std::string fee_statement(const FeeFields& f) {
  auto num = [](const std::optional<double>& v, const char* what) {
    return v ? format_number(*v) : placeholder(what);
  };
  bool zero = f.notices && f.notice_amount_yuan && f.collected_yuan && *f.notices == 0 &&
              *f.notice_amount_yuan == 0 && *f.collected_yuan == 0;
  if (zero) return "本年度未收取政府信息公开信息处理费，发出收费通知的件数和总金额以及实际收取的总金额均为0。";
  return "本年度政府信息公开信息处理费：发出收费通知" + num(f.notices, "收费通知件数") + "件，总金额" +
         num(f.notice_amount_yuan, "收费通知总金额") + "元；实际收取的总金额" + num(f.collected_yuan, "实际收取金额") +
         "元。";
}

void apply_fee_fields(Report& r, const FeeFields& f) {
  if (!f.any()) return;
  std::string& t = r.sections[5].text;
  t = fee_statement(f) + (t.empty() ? std::string() : "\n" + t);
}

std::string_view standard_heading(int section) { return section_title(section); }
std::string_view chinese_numeral(int section) { return section_numeral(section); }

std::string default_title(const Report& r) {
  if (!r.title.empty()) return r.title;
  std::string t = r.agency.empty() ? placeholder("机关名称") : r.agency;
  t += r.year ? std::to_string(r.year) + "年" : placeholder("年度") + "年";
  return t + "政府信息公开工作年度报告";
}

// The placeholders name what the section must say without using the words the
// checks look for (考核, 评议, 信息处理费, 收费通知 …): an unfilled draft fails its check.
std::string placeholder_text(const Report& r, int section) {
  switch (section) {
    case 1:
      return placeholder("总体情况：本机关本年度主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等工作的情况");
    case 5:
      return placeholder("本年度政府信息公开工作存在的主要问题，以及上一年度问题的改进情况和下一步措施");
    case 6:
      return placeholder("本年度发出收费告知的件数和总金额、实际收取的总金额（填报表的收费栏），以及其他需要报告的事项");
    default:
      return {};
  }
}

}  // namespace gk::render
