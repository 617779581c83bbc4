// What identity needs of an agency name beyond the agency model
// (src/model/agency.h): whether a name is complete as printed, whether a line
// is an agency's name at all, and whether a short name abbreviates a full one
// ("上海市科委" ~ "上海市科学技术委员会"). Built on analyze_agency.
#include "recognize/identity_agency.h"

#include "model/agency.h"
#include "util/utf8.h"

namespace gk {

namespace {

using U = std::u32string;
using UV = std::u32string_view;

bool ends_with(UV s, UV suf) { return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf; }

bool is_government_level(const std::string& level) {
  return level == kLevelProvinceGov || level == kLevelCityGov || level == kLevelCountyGov;
}

// The unit ends like the name of a body (a bureau, a commission, an office …),
// not like a word of text.
bool unit_is_body(UV unit) {
  static const UV ends[] = {U"办事处", U"人民政府", U"政府", U"办公室", U"办公厅", U"委员会", U"管委会",
                            U"局",     U"厅",       U"署",   U"院",     U"中心",   U"所",     U"站",
                            U"馆",     U"公司",     U"部",   U"处",     U"队",     U"司",     U"党工委"};
  for (UV e : ends)
    if (ends_with(unit, e)) return true;
  return false;
}

}  // namespace

bool agency_is_complete(std::string_view name) {
  AgencyInfo a = analyze_agency(name);
  if (a.parts.empty()) return false;
  U printed = utf8::to_u32(a.name);
  if (a.level == kLevelTownship || is_government_level(a.level))
    return ends_with(printed, U"办事处") || ends_with(printed, U"政府");
  return unit_is_body(utf8::to_u32(a.unit));
}

bool looks_like_agency(std::u32string_view s) {
  if (s.size() < 3 || s.size() > 40) return false;
  for (char32_t ch : s)
    if (!utf8::is_cjk(ch) && ch != '(' && ch != ')') return false;
  std::string name = utf8::from_u32(s);
  AgencyInfo a = analyze_agency(name);
  if (a.level == kLevelUnknown || a.parts.empty()) return false;
  // A region alone ("大榭街道", "平潭综合实验区") names its government.
  if (a.level == kLevelTownship || is_government_level(a.level)) return true;
  return unit_is_body(utf8::to_u32(a.unit)) || ends_with(utf8::to_u32(a.unit), U"委");
}

bool agency_abbreviates(std::string_view shortn, std::string_view fulln) {
  AgencyInfo s = analyze_agency(shortn), f = analyze_agency(fulln);
  if (s.parts.empty() || f.parts.empty() || s.normalized == f.normalized) return false;
  // The short name's regions must be the full name's (or fewer of them).
  std::vector<std::string> sp = s.parts, fp = f.parts;
  U su = utf8::to_u32(sp.back()), fu = utf8::to_u32(fp.back());
  sp.pop_back();
  fp.pop_back();
  if (sp.size() > fp.size()) return false;
  for (size_t k = 1; k <= sp.size(); ++k)
    if (sp[sp.size() - k] != fp[fp.size() - k]) return false;
  // The short unit's characters in order within the full one, from its first.
  auto within = [&](const U& a) {
    if (a.size() < 2 || a.size() >= fu.size() || a[0] != fu[0]) return false;
    size_t j = 0;
    for (char32_t c : fu)
      if (j < a.size() && c == a[j]) ++j;
    return j == a.size();
  };
  if (within(su)) return true;  // "市场监管局" in "市场监督管理局": 市 is the unit's own
  // "市科委": the 市 stands for the full name's city.
  if (su.size() > 2 && (su[0] == U'市' || su[0] == U'区' || su[0] == U'县' || su[0] == U'省') && !fp.empty())
    return within(su.substr(1));
  return false;
}

}  // namespace gk
