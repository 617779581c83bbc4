#include "model/agency.h"

#include <algorithm>

#include "util/utf8.h"

namespace gk {

namespace {

using U = std::u32string;
using UV = std::u32string_view;

U u(std::string_view s) { return utf8::to_u32(s); }
std::string s8(UV s) { return utf8::from_u32(s); }

bool ends_with(UV s, UV suf) { return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf; }
bool starts_with(UV s, UV pre) { return s.size() >= pre.size() && s.substr(0, pre.size()) == pre; }

// Spaces out, full-width brackets folded, parenthesised notes dropped
// ("（挂县信息公开办牌子）"), a leading report year dropped.
U clean(std::string_view name) {
  U in = u(name), out;
  int depth = 0;
  for (char32_t c : in) {
    if (utf8::is_space(c) || c == '\n') continue;
    if (c == U'（' || c == '(' || c == U'【' || c == '[') {
      ++depth;
      continue;
    }
    if (c == U'）' || c == ')' || c == U'】' || c == ']') {
      if (depth > 0) --depth;
      continue;
    }
    if (depth > 0) continue;
    if (c == U'“' || c == U'”' || c == '"' || c == U'·' || c == U'、' || c == U'，' || c == ',') continue;
    out.push_back(c);
  }
  // "2024年" / "2024年度" at the start belongs to a title, not the agency.
  size_t i = 0;
  while (i < out.size() && utf8::is_digit(out[i])) ++i;
  if (i == 4 && i < out.size() && out[i] == U'年') {
    ++i;
    if (i < out.size() && out[i] == U'度') ++i;
    out.erase(0, i);
  }
  return out;
}

bool is_dept_marker(char32_t c) {
  static const UV marks = U"和局委厅部办院会心所站队司处室馆校团组";
  return marks.find(c) != UV::npos;
}

// Markers that also stand inside short region names (平和县, 永和县, 共和县,
// 新会区, 会同县, 馆陶县, 团风县): they end a region only when the name would
// run on past four characters ("住房和城乡…" is a department, "平和县" a county).
bool is_soft_marker(char32_t c) { return c == U'和' || c == U'会' || c == U'馆' || c == U'团'; }
constexpr size_t kShortRegion = 4;

enum class Kind { None, Province, City, County, Township };

const UV kMunicipalities[] = {U"北京市", U"天津市", U"上海市", U"重庆市"};

Kind part_kind(UV p, Kind prev) {
  if (ends_with(p, U"省") || ends_with(p, U"自治区")) return Kind::Province;
  for (UV m : kMunicipalities)
    if (p == m) return Kind::Province;
  if (ends_with(p, U"街道") || ends_with(p, U"镇") || ends_with(p, U"乡")) return Kind::Township;
  if (ends_with(p, U"市")) return (prev == Kind::City || prev == Kind::County) ? Kind::County : Kind::City;
  if (ends_with(p, U"州") || ends_with(p, U"地区") || ends_with(p, U"盟")) return Kind::City;
  if (ends_with(p, U"县") || ends_with(p, U"旗") || ends_with(p, U"区")) return Kind::County;
  return Kind::None;
}

size_t region_end(const U& t, size_t pos);

// What may follow a component that ends like a common word ("城市", "城乡",
// "城镇"): only the government, the street office or another region; "城市管理局"
// and "住房城乡建设局" are departments.
bool region_context(const U& t, size_t e) {
  UV rest = UV(t).substr(e);
  if (rest.empty()) return true;
  for (UV ok : {UV(U"人民政府"), UV(U"政府"), UV(U"办事处"), UV(U"党委"), UV(U"党工委")})
    if (starts_with(rest, ok)) return true;
  return region_end(t, e) != 0;
}

// Find a region component starting at pos; returns its end or 0.
size_t region_end(const U& t, size_t pos) {
  static const UV single = U"省市州盟区县旗镇乡";
  static const UV bad_next = U"场域级属直辖";
  static const UV word_parts[] = {U"城市", U"城乡", U"城镇"};
  static const UV bad_parts[] = {U"乡镇", U"县市", U"市县", U"市区", U"县区"};
  bool soft = false;
  for (size_t i = pos + 1; i < t.size() && i < pos + 14; ++i) {
    char32_t c = t[i];
    if (is_soft_marker(c)) {
      if (i - pos >= kShortRegion) return 0;
      soft = true;
      continue;
    }
    if (is_dept_marker(c)) return 0;
    size_t e = 0;
    if (c == U'街' && i + 1 < t.size() && t[i + 1] == U'道') e = i + 2;
    else if (single.find(c) != UV::npos) e = i + 1;
    if (!e) continue;
    // "杭州市", "贵州省", "桥州区", "西州镇": the 州 belongs to the name.
    if (c == U'州' && e < t.size()) {
      if (UV(U"市省区县旗镇乡盟").find(t[e]) != UV::npos) ++e;
      else if (t[e] == U'街' && e + 1 < t.size() && t[e + 1] == U'道') e += 2;
    }
    if (soft && e - pos > kShortRegion) return 0;
    if (e < t.size() && bad_next.find(t[e]) != UV::npos) continue;
    UV part(t.data() + pos, e - pos);
    bool bad = false;
    for (UV b : bad_parts)
      if (ends_with(part, b)) bad = true;
    for (UV w : word_parts)
      if (ends_with(part, w) && (part == w || !region_context(t, e))) bad = true;
    if (bad) continue;
    return e;
  }
  return 0;
}

}  // namespace

AgencyInfo analyze_agency(std::string_view name) {
  AgencyInfo a;
  U t = clean(name);
  a.name = s8(t);
  if (t.empty()) {
    a.level = kLevelUnknown;
    return a;
  }
  std::vector<U> regions;
  size_t pos = 0;
  U rest;
  while (pos < t.size()) {
    // An interior "人民政府" between two regions ("北仑区人民政府大榭街道办事处").
    for (UV gov : {UV(U"人民政府"), UV(U"政府")}) {
      if (!regions.empty() && starts_with(UV(t).substr(pos), gov) && pos + gov.size() < t.size() &&
          region_end(t, pos + gov.size())) {
        pos += gov.size();
        break;
      }
    }
    size_t e = region_end(t, pos);
    if (!e) {
      rest = t.substr(pos);
      break;
    }
    regions.emplace_back(t.substr(pos, e - pos));
    pos = e;
  }
  // The remainder: nothing / the government itself / the street office / a department.
  if (rest == U"人民政府" || rest == U"政府" || rest == U"办事处" || rest == U"街道办事处" ||
      rest == U"街道办" || rest == U"办" || rest == U"党工委" || rest == U"党委和人民政府")
    rest.clear();
  if (starts_with(rest, U"政府") && !starts_with(rest, U"政府信息")) rest = U"人民" + rest;
  if (!rest.empty() && ends_with(rest, U"办事处")) {
    U stem = rest.substr(0, rest.size() - 3);
    if (ends_with(stem, U"街道")) stem.resize(stem.size() - 2);
    bool dept = false;
    for (char32_t c : stem) dept = dept || is_dept_marker(c);
    if (!stem.empty() && !dept) {
      regions.push_back(stem + U"街道");
      rest.clear();
    }
  }
  if (!rest.empty() && ends_with(rest, U"街道办")) {
    regions.push_back(rest.substr(0, rest.size() - 1));
    rest.clear();
  }

  Kind prev = Kind::None, last = Kind::None;
  std::vector<Kind> kinds;
  for (const U& r : regions) {
    last = part_kind(r, prev);
    kinds.push_back(last);
    prev = last;
  }
  for (size_t i = 0; i < regions.size(); ++i) {
    a.parts.push_back(s8(regions[i]));
    if (!(i + 1 == regions.size() && kinds[i] == Kind::Township && rest.empty())) a.region += a.parts.back();
  }
  if (!rest.empty()) a.parts.push_back(s8(rest));
  for (const auto& p : a.parts) a.normalized += p;
  a.unit = a.parts.empty() ? std::string() : a.parts.back();

  if (!rest.empty()) {
    switch (last) {
      case Kind::Province: a.level = kLevelProvinceDept; break;
      case Kind::City: a.level = kLevelCityDept; break;
      case Kind::County: a.level = kLevelCountyDept; break;
      case Kind::Township: a.level = kLevelTownship; break;
      case Kind::None: {
        bool central = starts_with(rest, U"国家") || starts_with(rest, U"国务院") ||
                       starts_with(rest, U"中国") || starts_with(rest, U"中华人民共和国") ||
                       (ends_with(rest, U"部") && rest.size() <= 8) || ends_with(rest, U"总局") ||
                       ends_with(rest, U"总署");
        a.level = central ? kLevelCentralDept : kLevelDept;
        break;
      }
    }
  } else {
    switch (last) {
      case Kind::Province: a.level = kLevelProvinceGov; break;
      case Kind::City: a.level = kLevelCityGov; break;
      case Kind::County: a.level = kLevelCountyGov; break;
      case Kind::Township: a.level = kLevelTownship; break;
      case Kind::None: a.level = kLevelUnknown; break;
    }
  }
  return a;
}

bool is_people_government(const AgencyInfo& a) {
  if (a.level == kLevelProvinceGov || a.level == kLevelCityGov || a.level == kLevelCountyGov) return true;
  // A township's government (XX镇 / XX乡), not a street office (街道办事处).
  if (a.level != kLevelTownship || a.parts.empty()) return false;
  U unit = u(a.unit);
  return !ends_with(unit, U"街道") && (ends_with(unit, U"镇") || ends_with(unit, U"乡"));
}

bool is_township_level(const AgencyInfo& a) { return a.level == kLevelTownship; }

bool lacks_rule_making_power(const AgencyInfo& a) {
  return a.level == kLevelCountyGov || a.level == kLevelCountyDept || a.level == kLevelTownship;
}

std::string report_deadline(const AgencyInfo& a, int year) {
  if (year <= 0) return {};
  std::string next = std::to_string(year + 1);
  if (a.level == kLevelProvinceGov || a.level == kLevelCityGov || a.level == kLevelCountyGov) return next + "-03-31";
  if (a.level == kLevelProvinceDept || a.level == kLevelCityDept || a.level == kLevelCountyDept ||
      a.level == kLevelCentralDept || a.level == kLevelDept)
    return next + "-01-31";
  return {};  // 乡镇/街道 (the regulation sets no date) or unknown
}

int agency_match(const AgencyInfo& a, const AgencyInfo& b) {
  if (a.parts.empty() || b.parts.empty()) return 0;
  size_t n = std::min(a.parts.size(), b.parts.size());
  for (size_t k = 1; k <= n; ++k)
    if (a.parts[a.parts.size() - k] != b.parts[b.parts.size() - k]) return 0;
  return static_cast<int>(n);
}

}  // namespace gk
