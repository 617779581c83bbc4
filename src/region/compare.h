// Comparison of two reports (draft vs published, this year vs last): the
// cells that changed, a sentence diff of every section, the share of text
// reused; and the multi-year panel (one row per unit and year, stable unit
// id) with large year-on-year swings flagged.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/report.h"
#include "region/view.h"
#include "store/sink.h"
#include "store/sqlite.h"

namespace gk::region {

// A large year-on-year swing: at least 20 on the larger side and the value
// doubled or more, or halved or less (a 0 → 20 jump counts).
bool is_swing(double before, double after);

struct CellChange {
  std::string path, label;
  std::optional<double> a, b;
  bool swing = false;
};
struct SentenceOp {
  char op;  // '=' both, '-' only in A, '+' only in B
  std::string text;
};
struct SectionDiff {
  int number = 0;
  double jaccard = 0, containment = 0;  // B's text against A's (containment: share of B already in A)
  std::vector<SentenceOp> ops;
};
struct Comparison {
  std::string a_label, b_label;
  std::vector<CellChange> cells;  // cells whose value differs
  int cells_same = 0;
  std::vector<SectionDiff> sections;
  double reuse_jaccard = 0, reuse_containment = 0;  // whole narrative text, B against A
};

Comparison compare(const Report& a, const Report& b);
nlohmann::ordered_json comparison_json(const Comparison& c);
std::string comparison_text(const Comparison& c);

// Sentences of a text (split after 。！？； and at line ends), trimmed, empty ones dropped.
std::vector<std::string> sentences(const std::string& text);

// A stored report in full (cells, cell info, sections). Throws.
Report load_full_report(store::Db& db, int64_t id);
// A report id from a sha256 or a unique sha256 prefix (at least 6 hex digits). Throws (Chinese).
int64_t find_report_id(store::Db& db, const std::string& ref);

// Panel export: one row per unit of the region (all units when region is empty)
// and year, with the current report's key figures and swing flags.
size_t export_panel(store::Db& db, const View& v, const std::string& region, store::TableSink& sink,
                    bool labels_zh);

}  // namespace gk::region
