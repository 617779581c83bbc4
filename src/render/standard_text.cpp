// Standard wording of the national format: title, section headings, the
// 信息处理费 statement, and neutral placeholder paragraphs for empty sections.
#include <string>

#include "model/sections.h"
#include "render/layout.h"
#include "render/render.h"

namespace gk::render {

const char* const kFeeStatement =
    "本年度未收取信息处理费，发出收费通知的件数和总金额以及实际收取的总金额均为0。";

namespace {
std::string count_of(const Cell& c) {
  return c.value ? format_number(*c.value) : std::string();
}
}  // namespace

std::string_view standard_heading(int section) { return section_title(section); }
std::string_view chinese_numeral(int section) { return section_numeral(section); }

std::string default_title(const Report& r) {
  if (!r.title.empty()) return r.title;
  std::string t = r.agency.empty() ? std::string("本机关") : r.agency;
  if (r.year) t += std::to_string(r.year) + "年";
  return t + "政府信息公开工作年度报告";
}

std::string placeholder_text(const Report& r, int section) {
  std::string year = r.year ? std::to_string(r.year) + "年" : std::string("本年度");
  switch (section) {
    case 1: {
      std::string s = year + "，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，"
                             "扎实做好主动公开、依申请公开、政府信息管理、政府信息公开平台建设和监督保障等工作。";
      std::string n = count_of(r.applications[R_NEW][kT2Cols - 1]);
      if (!n.empty()) s += "本年度共收到政府信息公开申请" + n + "件。";
      return s;
    }
    case 5:
      return "（一）存在的主要问题。政府信息公开的及时性和规范性仍有提升空间。\n"
             "（二）改进情况。下一步将加强业务培训，完善工作制度，提升政府信息公开工作质量。";
    case 6:
      return kFeeStatement;
    default:
      return {};
  }
}

}  // namespace gk::render
