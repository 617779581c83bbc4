// Random but plausible agency names: place names built from common
// place-name characters, with the suffixes real agencies use.
#include <string>
#include <vector>

#include "gen/generator.h"
#include "gen/rng.h"

namespace gk::gen {

namespace {

const std::vector<std::string> kChars = {
    "东", "西", "南", "北", "中", "河", "山", "阳", "安", "平", "城", "龙", "华", "新", "兴", "宁",
    "丰", "泉", "桥", "湖", "江", "海", "青", "白", "金", "石", "林", "松", "云", "长", "永", "定",
    "和", "康", "福", "汉", "吉", "昌", "盛", "庆", "台", "川", "峰", "溪", "沙", "田", "州", "荣"};

std::string place(Rng& rng, int len) {
  std::string s;
  for (int i = 0; i < len; ++i) s += rng.pick(kChars);
  return s;
}

std::string city(Rng& rng) { return place(rng, 2) + "市"; }
std::string district(Rng& rng) { return place(rng, 2) + (rng.chance(0.6) ? "区" : "县"); }

const std::vector<std::string> kCountyDepartments = {
    "民政局", "财政局", "人力资源和社会保障局", "自然资源局", "住房和城乡建设局", "交通运输局",
    "农业农村局", "卫生健康委员会", "市场监督管理局", "应急管理局", "教育局", "司法局",
    "生态环境分局", "文化广电和旅游体育局", "退役军人事务局", "医疗保障局"};
const std::vector<std::string> kCityDepartments = {
    "自然资源和规划局", "住房和城乡建设局", "生态环境局", "公安局", "市场监督管理局",
    "人力资源和社会保障局", "交通运输局", "城市管理局", "税务局", "发展和改革委员会"};

}  // namespace

std::string random_agency(Rng& rng, AgencyKind kind) {
  switch (kind) {
    case AgencyKind::Street:
      return city(rng) + district(rng) + place(rng, 2) + "街道办事处";
    case AgencyKind::Township:
      return district(rng) + place(rng, 2) + (rng.chance(0.7) ? "镇" : "乡") + "人民政府";
    case AgencyKind::CountyDepartment:
      return city(rng) + district(rng) + rng.pick(kCountyDepartments);
    case AgencyKind::CityDepartment:
      return city(rng) + rng.pick(kCityDepartments);
    case AgencyKind::CountyGovernment:
      return city(rng) + district(rng) + "人民政府" + (rng.chance(0.5) ? "办公室" : "");
  }
  return "本机关";
}

}  // namespace gk::gen
