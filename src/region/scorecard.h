// Scorecard: per unit and year, the indicators evaluators use (docs/region.md
// defines each), a total score and rankings within the region and by level.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "region/coverage.h"
#include "region/view.h"
#include "store/sink.h"
#include "store/sqlite.h"

namespace gk::region {

enum Indicator {
  I_ON_TIME,          // 按时发布
  I_SECTIONS,         // 六个部分齐全且顺序正确
  I_TABLES,           // 表格完整（应填单元格中已填的比例）
  I_ARITHMETIC,       // 表内关系成立（参与关系的单元格中核验通过的比例）
  I_TEXT_TABLES,      // 正文与表格一致（无“文表一致”类问题）
  I_S5_SUBSTANTIVE,   // 第五部分有实质内容
  I_S5_ANSWERS,       // 第五部分回应上一年度的问题
  I_NOT_COPIED_PREV,  // 未照搬上一年度文字
  I_NOT_COPIED_PEER,  // 未照搬同年度其他单位文字
  I_COUNT
};

struct IndicatorDef {
  const char* key;
  const char* zh;
  const char* definition;  // Chinese, as documented in docs/region.md
};
const std::vector<IndicatorDef>& indicator_defs();

struct ScoreRow {
  int unit = -1;
  int report = -1;                                   // -1 when the unit did not publish
  std::optional<double> value[I_COUNT];              // the measured value (share, similarity, 0/1)
  std::optional<double> score[I_COUNT];              // 0..1 credit; empty = not applicable
  double total = 0;                                  // 0..100: mean credit of the applicable indicators
  int rank_region = 0, rank_level = 0;               // 1 = best
  std::string copied_from;                           // the peer unit whose text it shares most (I_NOT_COPIED_PEER)
};

struct Scorecard {
  std::string region;
  int year = 0;
  std::vector<ScoreRow> rows;  // ordered by rank
};

Scorecard scorecard(store::Db& db, const View& v, const RegionRef& region, int year, const DeadlineRules& rules = {});
nlohmann::ordered_json scorecard_json(const View& v, const Scorecard& s);
std::string scorecard_text(const View& v, const Scorecard& s);
size_t export_scorecard(const View& v, const Scorecard& s, store::TableSink& sink, bool labels_zh);

}  // namespace gk::region
