#include "model/position.h"

namespace gk {

std::string pos_zh(SourcePos p) {
  if (!p.known()) return {};
  std::string s;
  if (p.page) s = "第" + std::to_string(p.page) + "页";
  return s + "第" + std::to_string(p.line) + "行";
}

std::string pos_machine(SourcePos p) {
  if (!p.known()) return {};
  if (p.page) return std::to_string(p.page) + ":" + std::to_string(p.line);
  return std::to_string(p.line);
}

}  // namespace gk
