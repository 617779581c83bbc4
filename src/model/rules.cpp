#include "model/rules.h"

#include <algorithm>

namespace gk {

const std::vector<RuleDef>& rule_catalogue() {
  using S = Severity;
  static const std::vector<RuleDef> rules = {
#define GK_RULE(e, id, sev, cat, formula, message) {Rule::e, id, S::sev, cat, formula, message},
#include "model/rules.def"
#undef GK_RULE
  };
  return rules;
}

const RuleDef& rule_def(Rule r) { return rule_catalogue()[static_cast<size_t>(r)]; }

const RuleDef* find_rule(std::string_view id) {
  size_t at = id.find('@');
  if (at != std::string_view::npos) id = id.substr(0, at);
  for (const auto& r : rule_catalogue())
    if (id == r.id) return &r;
  return nullptr;
}

DiagBuilder::DiagBuilder(std::vector<Diagnostic>& out, Rule rule, int line, std::string message) : out_(&out) {
  const RuleDef& def = rule_def(rule);
  d_.rule = def.id;
  d_.severity = def.severity;
  d_.message = std::move(message);
  d_.line = line;
}

DiagBuilder::DiagBuilder(DiagBuilder&& o) noexcept : out_(o.out_), d_(std::move(o.d_)) { o.out_ = nullptr; }

DiagBuilder::~DiagBuilder() { commit(); }

DiagBuilder& DiagBuilder::instance(std::string_view key) {
  if (!key.empty()) (d_.rule += '@') += key;
  return *this;
}
DiagBuilder& DiagBuilder::cell(std::string path) {
  d_.cells.push_back(std::move(path));
  return *this;
}
DiagBuilder& DiagBuilder::cells(std::vector<std::string> paths) {
  for (auto& p : paths) d_.cells.push_back(std::move(p));
  return *this;
}
DiagBuilder& DiagBuilder::note(std::string text, int line) {
  d_.notes.push_back(std::move(text));
  d_.note_lines.resize(d_.notes.size() - 1, 0);
  d_.note_lines.push_back(line);
  return *this;
}
DiagBuilder& DiagBuilder::consequence() {
  d_.severity = Severity::Note;
  d_.consequence = true;
  return *this;
}
void DiagBuilder::commit() {
  if (!out_) return;
  if (!d_.note_lines.empty()) d_.note_lines.resize(d_.notes.size(), 0);
  out_->push_back(std::move(d_));
  out_ = nullptr;
}

void sort_diagnostics(std::vector<Diagnostic>& ds) {
  std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
    int la = a.line ? a.line : 1 << 30, lb = b.line ? b.line : 1 << 30;
    if (la != lb) return la < lb;
    return (int)a.severity < (int)b.severity;
  });
}

}  // namespace gk
