// The agency model. Agency names: identify the administrative level and region of the agency
// that published a report, and normalise the name so that one agency links
// across years however its name is spelled ("解放路办事处", "解放路街道办事处",
// "洛阳市洛龙区解放路街道办事处"). Pure functions, no state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gk {

// Level names (stored in the database and shown in stats).
inline constexpr const char* kLevelProvinceGov = "省级政府";
inline constexpr const char* kLevelProvinceDept = "省级部门";
inline constexpr const char* kLevelCityGov = "市级政府";
inline constexpr const char* kLevelCityDept = "市级部门";
inline constexpr const char* kLevelCountyGov = "县级政府";    // 县 / 区 / 旗 / 县级市
inline constexpr const char* kLevelCountyDept = "县级部门";
inline constexpr const char* kLevelTownship = "乡镇/街道";
inline constexpr const char* kLevelCentralDept = "中央部门";  // 国务院部门 and the like
inline constexpr const char* kLevelDept = "部门";             // a department whose level is unknown
inline constexpr const char* kLevelUnknown = "未知";

struct AgencyInfo {
  std::string name;        // as given (trimmed)
  std::string normalized;  // canonical spelling: region chain + unit, e.g. "洛阳市洛龙区解放路街道"
  std::vector<std::string> parts;  // the components of `normalized`: {"洛阳市","洛龙区","解放路街道"}
  std::string unit;        // the last component ("解放路街道", "教育局", "洛龙区")
  std::string region;      // the region chain, e.g. "洛阳市洛龙区" (empty when the name gives none)
  std::string level;       // one of the kLevel* names
};

// Everything in one go; an empty or unrecognisable name gives level 未知.
AgencyInfo analyze_agency(std::string_view name);
inline std::string normalize_agency(std::string_view name) { return analyze_agency(name).normalized; }

// True when a and b can name the same agency: the shorter component list is a
// suffix of the longer one ("大榭街道" ~ "宁波市北仑区大榭街道"). Returns the
// number of matching components (0 = not the same agency).
int agency_match(const AgencyInfo& a, const AgencyInfo& b);

// What the regulation and the law make of an agency, by its level. Used by
// check (C-S1-GOV, C-DEADLINE, T1-REG-POWER), store, stats and the web alike.
// A people's government of any level, a township's included (条例第五十条:
// its report covers 工作考核、社会评议和责任追究); a street office is not one.
bool is_people_government(const AgencyInfo& a);
// 乡镇 / 街道.
bool is_township_level(const AgencyInfo& a);
// No power to make 规章 (立法法第九十一、九十三条): counties, districts and
// townships and their departments.
bool lacks_rule_making_power(const AgencyInfo& a);
// The publication deadline of the report for `year` (条例第四十九条) as
// YYYY-MM-DD: 1 月 31 日 for departments, 3 月 31 日 for governments at county
// level and above; empty when the regulation sets none (乡镇、街道) or the level
// is unknown.
std::string report_deadline(const AgencyInfo& a, int year);

}  // namespace gk
