#include "store/columns.h"

#include <unordered_map>

#include "model/report.h"

namespace gk::store {

namespace {

std::vector<CellColumn> build() {
  std::vector<CellColumn> out;
  const char* stock_zh[] = {"本年制发件数", "本年废止件数", "现行有效件数"};
  const char* stock_key[] = {"issued", "repealed", "in_force"};
  for (auto [key, zh] : {std::pair{"regulations", "规章"}, std::pair{"normative_documents", "行政规范性文件"}})
    for (int i = 0; i < 3; ++i) {
      std::string path = std::string("proactive.") + key + "." + stock_key[i];
      out.push_back({path, std::string("proactive_") + key + "_" + stock_key[i],
                     std::string("主动公开·") + zh + "·" + stock_zh[i]});
    }
  out.push_back({"proactive.licensing", "proactive_licensing", "主动公开·行政许可·本年处理决定数量"});
  out.push_back({"proactive.punishment", "proactive_punishment", "主动公开·行政处罚·本年处理决定数量"});
  out.push_back({"proactive.enforcement", "proactive_enforcement", "主动公开·行政强制·本年处理决定数量"});
  out.push_back({"proactive.fees_wan_yuan", "proactive_fees_wan_yuan", "主动公开·行政事业性收费·本年收费金额（万元）"});
  for (int i = 0; i < kT2Rows; ++i)
    for (int c = 0; c < kT2Cols; ++c)
      out.push_back({t2_path(i, c), std::string("applications_") + kT2RowKeys[i] + "_" + kT2ColKeys[c],
                     std::string("申请·") + kT2RowLabels[i] + "·" + kT2ColLabels[c]});
  for (int i = 0; i < kT3Rows; ++i)
    for (int c = 0; c < kT3Cols; ++c)
      out.push_back({t3_path(i, c), std::string("appeals_") + kT3RowKeys[i] + "_" + kT3ColKeys[c],
                     std::string("复议诉讼·") + kT3RowLabels[i] + "·" + kT3ColLabels[c]});
  return out;
}

const std::unordered_map<std::string, const CellColumn*>& index() {
  static const std::unordered_map<std::string, const CellColumn*> m = [] {
    std::unordered_map<std::string, const CellColumn*> m;
    for (const auto& c : cell_columns()) m[c.path] = &c;
    return m;
  }();
  return m;
}

}  // namespace

const std::vector<CellColumn>& cell_columns() {
  static const std::vector<CellColumn> cols = build();
  return cols;
}

std::string column_name(std::string_view path) {
  auto it = index().find(std::string(path));
  return it == index().end() ? std::string(path) : it->second->name;
}

size_t cell_index(std::string_view path) {
  auto it = index().find(std::string(path));
  return it == index().end() ? static_cast<size_t>(-1) : static_cast<size_t>(it->second - cell_columns().data());
}

std::string column_label(std::string_view path) {
  auto it = index().find(std::string(path));
  return it == index().end() ? std::string(path) : it->second->label;
}

}  // namespace gk::store
