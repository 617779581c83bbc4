#include "model/sections.h"

namespace gk {

namespace {
const char* const kTitles[kSectionCount] = {"总体情况",
                                            "主动公开政府信息情况",
                                            "收到和处理政府信息公开申请情况",
                                            "政府信息公开行政复议、行政诉讼情况",
                                            "存在的主要问题及改进情况",
                                            "其他需要报告的事项"};
const char* const kNumerals[kSectionCount] = {"一、", "二、", "三、", "四、", "五、", "六、"};

bool has(std::u32string_view s, const char32_t* k) { return s.find(k) != std::u32string_view::npos; }
}  // namespace

std::string_view section_numeral(int n) { return (n >= 1 && n <= kSectionCount) ? kNumerals[n - 1] : ""; }
std::string_view section_ordinal(int n) {
  static const char* const k[kSectionCount] = {"一", "二", "三", "四", "五", "六"};
  return (n >= 1 && n <= kSectionCount) ? k[n - 1] : "";
}
std::string_view section_title(int n) { return (n >= 1 && n <= kSectionCount) ? kTitles[n - 1] : ""; }
std::string section_heading(int n) { return std::string(section_numeral(n)) + std::string(section_title(n)); }

bool heading_matches(int n, std::u32string_view rest) {
  if (rest.size() > 32) return false;
  switch (n) {
    case 1:
      return has(rest, U"总体情况") && rest.size() <= 16;
    case 2:
      return has(rest, U"主动公开政府信息") || (has(rest, U"主动公开") && has(rest, U"情况") &&
                                                rest.size() <= 8 && !has(rest, U"("));
    case 3:
      return has(rest, U"收到和处理政府信息公开申请") || has(rest, U"收到和处理政府信息公开") ||
             (has(rest, U"处理政府信息公开申请") && rest.size() <= 20);
    case 4:
      return has(rest, U"行政复议") && has(rest, U"行政诉讼");
    case 5:
      return (has(rest, U"问题") && (has(rest, U"改进") || has(rest, U"整改"))) ||
             has(rest, U"存在的主要问题");
    case 6:
      return has(rest, U"其他需要报告");
  }
  return false;
}

const std::vector<std::vector<std::u32string>>& inline_heading_keys() {
  static const std::vector<std::vector<std::u32string>> k = {
      {U"一、总体情况"},
      {U"二、主动公开政府信息情况", U"二、主动公开政府信息"},
      {U"三、收到和处理政府信息公开申请情况", U"三、收到和处理政府信息公开申请"},
      {U"四、政府信息公开行政复议", U"四、因政府信息公开工作被申请行政复议"},
      {U"五、存在的主要问题", U"五、政府信息公开工作存在的主要问题", U"五、存在问题"},
      {U"六、其他需要报告的事项", U"六、其他需要报告"},
  };
  return k;
}

}  // namespace gk
