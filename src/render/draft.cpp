#include "render/draft.h"

#include "pipeline.h"
#include "read/reader.h"

namespace gk::render {

namespace {

const char* const kPartNames[6] = {"第一部分", "第二部分", "第三部分", "第四部分", "第五部分", "第六部分"};

// Placeholders as read back: recognition may have made the colon half-width.
void collect(const std::string& text, const std::string& where, std::vector<std::string>& out) {
  const std::string open = "【待填写";
  for (size_t p = text.find(open); p != std::string::npos; p = text.find(open, p + open.size())) {
    size_t close = text.find("】", p);
    out.push_back(where + "：" + text.substr(p, close == std::string::npos ? std::string::npos : close + 3 - p));
  }
}

}  // namespace

bool DraftFindings::has_findings() const {
  if (!error.empty() || !unfilled.empty()) return true;
  for (const auto& d : diagnostics)
    if (d.severity != Severity::Note) return true;
  return false;
}

DraftFindings check_draft(const std::string& bytes, OutputFormat format, const std::string& name) {
  DraftFindings f;
  try {
    Report r = parse_bytes(bytes, name + std::string(format_extension(format)));
    f.diagnostics = r.diagnostics;
    collect(r.title, "标题", f.unfilled);
    for (int s = 0; s < 6; ++s) collect(r.sections[s].text, kPartNames[s], f.unfilled);
  } catch (const std::exception& e) {
    f.error = std::string("生成的草稿无法读回检查：") + e.what();
  }
  return f;
}

std::string format_draft_findings(const DraftFindings& f, const std::string& name) {
  std::string out;
  if (!f.error.empty()) out += name + "： 错误：" + f.error + "\n";
  for (const auto& d : f.diagnostics) {
    out += name + ":" + (d.line ? std::to_string(d.line) + ":" : std::string()) + " " +
           std::string(severity_name_zh(d.severity)) + "：" + d.message + " [" + d.rule + "]\n";
    for (const auto& n : d.notes) out += "    附注：" + n + "\n";
  }
  for (const auto& u : f.unfilled) out += name + ": 待填写：" + u + "\n";
  return out;
}

}  // namespace gk::render
