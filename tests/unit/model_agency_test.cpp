#include <gtest/gtest.h>

#include "model/agency.h"

using gk::AgencyInfo;
using gk::agency_match;
using gk::analyze_agency;
using gk::normalize_agency;

TEST(StoreAgency, StreetOfficeSpellingsLink) {
  EXPECT_EQ(normalize_agency("解放路办事处"), "解放路街道");
  EXPECT_EQ(normalize_agency("解放路街道办事处"), "解放路街道");
  EXPECT_EQ(normalize_agency("解放路街道"), "解放路街道");
  EXPECT_EQ(normalize_agency("洛阳市洛龙区解放路街道办事处"), "洛阳市洛龙区解放路街道");
  EXPECT_EQ(normalize_agency(" 宁波市北仑区人民政府大榭街道办事处 "), "宁波市北仑区大榭街道");
  auto a = analyze_agency("大榭街道");
  auto b = analyze_agency("宁波市北仑区人民政府大榭街道办事处");
  EXPECT_EQ(agency_match(a, b), 1);
  EXPECT_EQ(agency_match(analyze_agency("南关区自强街道"), analyze_agency("长春市南关区自强街道办事处")), 2);
  EXPECT_EQ(agency_match(analyze_agency("解放路办事处"), analyze_agency("洛阳市洛龙区解放路街道办事处")), 1);
  // Different streets, or the same street name under different districts, do not link.
  EXPECT_EQ(agency_match(analyze_agency("大榭街道"), analyze_agency("小港街道")), 0);
  EXPECT_EQ(agency_match(analyze_agency("北仑区大榭街道"), analyze_agency("镇海区大榭街道")), 0);
}

TEST(StoreAgency, LevelsAndRegions) {
  struct Case {
    const char* name;
    const char* level;
    const char* region;
    const char* normalized;
  };
  const Case cases[] = {
      {"洛龙区定鼎门街道办事处", "乡镇/街道", "洛龙区", "洛龙区定鼎门街道"},
      {"长春市南关区自强街道办事处", "乡镇/街道", "长春市南关区", "长春市南关区自强街道"},
      {"浙江省人民政府", "省级政府", "浙江省", "浙江省"},
      {"浙江省教育厅", "省级部门", "浙江省", "浙江省教育厅"},
      {"广西壮族自治区民政厅", "省级部门", "广西壮族自治区", "广西壮族自治区民政厅"},
      {"上海市人民政府", "省级政府", "上海市", "上海市"},
      {"上海市浦东新区人民政府", "县级政府", "上海市浦东新区", "上海市浦东新区"},
      {"杭州市人民政府", "市级政府", "杭州市", "杭州市"},
      {"杭州市市场监督管理局", "市级部门", "杭州市", "杭州市市场监督管理局"},
      {"杭州市民政局", "市级部门", "杭州市", "杭州市民政局"},
      {"宁波市北仑区住房和城乡建设局", "县级部门", "宁波市北仑区", "宁波市北仑区住房和城乡建设局"},
      {"洛阳市城市管理局", "市级部门", "洛阳市", "洛阳市城市管理局"},
      {"济南市市中区人民政府", "县级政府", "济南市市中区", "济南市市中区"},
      {"金华市义乌市人民政府", "县级政府", "金华市义乌市", "金华市义乌市"},
      {"沛县人民政府", "县级政府", "沛县", "沛县"},
      {"沛县政府办公室", "县级部门", "沛县", "沛县人民政府办公室"},
      {"延边朝鲜族自治州延吉市人民政府", "县级政府", "延边朝鲜族自治州延吉市", "延边朝鲜族自治州延吉市"},
      {"锡林郭勒盟行政公署", "市级部门", "锡林郭勒盟", "锡林郭勒盟行政公署"},
      {"城关镇人民政府", "乡镇/街道", "", "城关镇"},
      {"某县城关镇人民政府", "乡镇/街道", "某县", "某县城关镇"},
      {"教育部", "中央部门", "", "教育部"},
      {"国家税务总局", "中央部门", "", "国家税务总局"},
      {"2024年大榭街道", "乡镇/街道", "", "大榭街道"},
      {"沛县人民政府办公室（县政府信息公开办公室）", "县级部门", "沛县", "沛县人民政府办公室"},
      {"白龙区河城镇人民政府", "乡镇/街道", "白龙区", "白龙区河城镇"},
      {"州安市桥州区人民政府", "县级政府", "州安市桥州区", "州安市桥州区"},
      {"丰州区西州镇人民政府", "乡镇/街道", "丰州区", "丰州区西州镇"},
      {"某区住房城乡建设局", "县级部门", "某区", "某区住房城乡建设局"},
      {"新城乡人民政府", "乡镇/街道", "", "新城乡"},
      {"", "未知", "", ""},
  };
  for (const auto& c : cases) {
    AgencyInfo a = analyze_agency(c.name);
    EXPECT_EQ(a.level, c.level) << c.name;
    EXPECT_EQ(a.region, c.region) << c.name;
    EXPECT_EQ(a.normalized, c.normalized) << c.name;
  }
}

TEST(StoreAgency, GovernmentSpellingsLink) {
  EXPECT_EQ(normalize_agency("沛县政府"), normalize_agency("沛县人民政府"));
  EXPECT_EQ(normalize_agency("城关镇政府"), "城关镇");
  EXPECT_GT(agency_match(analyze_agency("北仑区教育局"), analyze_agency("宁波市北仑区教育局")), 0);
  EXPECT_EQ(agency_match(analyze_agency("北仑区教育局"), analyze_agency("北仑区民政局")), 0);
}

#include "recognize/identity_agency.h"

TEST(AgencyAbbreviation, ShortUnitNamesInTitles) {
  // 市场监管局 is 市场监督管理局 shortened: its 市 is the unit's own, not the city's.
  EXPECT_TRUE(gk::agency_abbreviates("平兴市市场监管局", "平兴市市场监督管理局"));
  EXPECT_TRUE(gk::agency_abbreviates("山白市云安区市场监管局", "山白市云安区市场监督管理局"));
  EXPECT_TRUE(gk::agency_abbreviates("上海市科委", "上海市科学技术委员会"));
  EXPECT_FALSE(gk::agency_abbreviates("平兴市市场监管局", "平兴市交通运输局"));
  EXPECT_FALSE(gk::agency_abbreviates("平兴市市场监管局", "安河市市场监督管理局"));
}
