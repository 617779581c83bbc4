// The rule catalogue: one table of every diagnostic Gongkai can emit, the way a
// compiler keeps its diagnostics. check, the CLI (`gongkai rules`), the web UI
// and docs/rules.md all read this table.
#pragma once

#include <string_view>
#include <vector>

#include "model/report.h"

namespace gk {

struct RuleDef {
  const char* id;        // stable; instances add "@…" (T2-ROW-TOTAL@new)
  Severity severity;     // default severity
  const char* category;  // 算术 / 完整性 / 合规 / 文表一致 / 合理性 / 跨年度 / 读取
  const char* formula;   // the relation or condition
  const char* message;   // Chinese description
};

const std::vector<RuleDef>& rule_catalogue();
// nullptr when unknown. Accepts instance ids ("T2-BALANCE@3").
const RuleDef* find_rule(std::string_view id);

}  // namespace gk
