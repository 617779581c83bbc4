// The narrative as evidence: figures the report's own sentences state
// ("现行有效行政规范性文件698件", "本年度制发的规范性文件88件", "共收到政府信息公开
// 申请12件"), used to choose among the readings a table allows when digits run
// together and no relation decides. Never to take a reading the table forbids.
#pragma once

#include <string>
#include <vector>

#include "model/report.h"

namespace gk {

struct TextFigure {
  std::string cell;  // record cell path the sentence states, e.g. "proactive.normative_documents.in_force"
  double value = 0;
  int line = 0;      // source line of the sentence
};

// Figures stated in the section texts (sections 一 to 四).
std::vector<TextFigure> text_figures(const Report& r);

}  // namespace gk
