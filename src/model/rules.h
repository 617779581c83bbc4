// The rule catalogue (rules.def, one table) and the one way to emit a
// diagnostic. check, repair, recognize, store, the CLI (`gongkai rules`), the
// web UI and docs/rules.md all read the same table; a rule's severity and
// description come from it, never from the place that emits it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/report.h"

namespace gk {

enum class Rule : uint16_t {
#define GK_RULE(e, id, sev, cat, formula, message) e,
#include "model/rules.def"
#undef GK_RULE
};

struct RuleDef {
  Rule rule;
  const char* id;        // stable; instances add "@…" (T2-ROW-TOTAL@new)
  Severity severity;     // the severity emitted
  const char* category;  // 算术 / 完整性 / 合规 / 文表一致 / 合理性 / 跨年度 / 读取
  const char* formula;   // the relation or condition, in the format's own labels
  const char* message;   // Chinese description
};

const std::vector<RuleDef>& rule_catalogue();
const RuleDef& rule_def(Rule r);
inline const char* rule_id(Rule r) { return rule_def(r).id; }
// nullptr when unknown. Accepts instance ids ("T2-BALANCE@3").
const RuleDef* find_rule(std::string_view id);

// Builds one diagnostic and appends it to the list when it goes out of scope
// (or on commit()), like Clang's DiagnosticBuilder:
//   emit(r.diagnostics, Rule::T2_ROW_TOTAL, line, msg).instance("new").cell(p).note(l, "…");
class DiagBuilder {
 public:
  DiagBuilder(std::vector<Diagnostic>& out, Rule rule, int line, std::string message);
  DiagBuilder(DiagBuilder&& o) noexcept;
  DiagBuilder(const DiagBuilder&) = delete;
  DiagBuilder& operator=(const DiagBuilder&) = delete;
  ~DiagBuilder();

  DiagBuilder& instance(std::string_view key);  // "T2-ROW-TOTAL" -> "T2-ROW-TOTAL@new"
  DiagBuilder& cell(std::string path);
  DiagBuilder& cells(std::vector<std::string> paths);
  DiagBuilder& note(std::string text, int line = 0);  // a note with its own position
  // The finding follows from another one already reported (a column sum broken
  // by a row total): printed as a 附注 beside it, not counted as a new error.
  DiagBuilder& consequence();
  void commit();

 private:
  std::vector<Diagnostic>* out_;
  Diagnostic d_;
};

inline DiagBuilder emit(std::vector<Diagnostic>& out, Rule rule, int line, std::string message) {
  return DiagBuilder(out, rule, line, std::move(message));
}

// Compiler order: by line (findings without a line last), errors first.
void sort_diagnostics(std::vector<Diagnostic>& ds);

}  // namespace gk
