// Every rendered draft is checked: the bytes render() wrote are read back
// through the whole pipeline (read, recognize, repair, check) like any
// published report, and what is still a placeholder (【待填写：…】) is listed.
#pragma once

#include <string>
#include <vector>

#include "model/report.h"
#include "render/render.h"

namespace gk::render {

struct DraftFindings {
  std::vector<Diagnostic> diagnostics;  // gongkai check on the draft
  std::vector<std::string> unfilled;    // "第六部分：【待填写：…】", in document order
  std::string error;                    // the draft could not be read back (Chinese)
  bool has_findings() const;            // errors, warnings, unfilled placeholders or a read error
};

// `name` labels the draft (the output file, or "草稿"). Never throws.
DraftFindings check_draft(const std::string& bytes, OutputFormat format, const std::string& name);
// Compiler-style lines: "name:line: 错误：… [RULE]", then "name: 待填写：…".
std::string format_draft_findings(const DraftFindings& f, const std::string& name);

}  // namespace gk::render
