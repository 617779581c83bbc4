// The garbler: perturbs a rendered document the way real publication does
// (format-spec §7), before it is written as text. Every operation records what
// it did, so a test knows which cells must still read back exactly and which
// may come back null (or recovered from the table arithmetic).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/layout.h"

namespace gk::gen {

enum class GarbleOp {
  DropCell,         // a Table 2 row loses its 自然人 cell (V36)
  BlankZero,        // zero cells of a row printed blank / NBSP, total kept (V30)
  BlankValue,       // a non-zero Table 2 cell printed blank (lost; arithmetic recovers it)
  LabelSpaces,      // a space inside a label: "无 法提供" (V15, V17)
  LabelTypo,        // 结转→转结, 总计→总记, 本年废止件数→本年度止件数 (V10-V12)
  HalfWidthPunct,   // "（一）" → "(一) ", "1." → "1. " in Table 2 labels (V14)
  FullWidthDigits,  // "12" → "１２"
  PageNumberLine,   // "- 3 -" between table rows (page break)
  BlankLineRun,     // a run of empty lines inside a table (V37)
  ArabicNumerals,   // "2、主动公开政府信息情况" (V01)
  NoNumerals,       // heading without numeral (V02)
  WrapLabel,        // a label broken over two lines (V16; one-cell-per-line layout)
  // Misalignment faults (issue 12), never drawn at random: only when asked for
  // by name (GarbleOptions::allowed, --ops), so the seeds of every other test
  // keep their sequences. Their cells are not "lost": the values are printed,
  // in the wrong places; a reader must leave them contradicted or missing.
  ShiftRow,         // a Table 2 row's values printed one column to the right (the 总计 value falls off)
  DropColumn,       // a Table 2 column (header and values) missing, as when clipped at the page edge
};
inline constexpr int kGarbleOpCount = 14;
// The operations drawn when GarbleOptions::allowed is empty.
inline constexpr int kGarbleDefaultOpCount = 12;

std::string_view garble_name(GarbleOp op);  // "drop_cell", …
std::optional<GarbleOp> garble_from_name(std::string_view name);
// Whether the operation makes sense in a layout (e.g. no blank cells in run-together text).
bool garble_applicable(GarbleOp op, render::TextLayout layout);

struct GarbleRecord {
  GarbleOp op;
  std::string detail;              // what exactly changed (English, for test messages)
  std::vector<std::string> cells;  // record cell paths touched
};

struct GarbleResult {
  std::vector<GarbleRecord> applied;
  // Cells whose printed value was destroyed: a parser must return null or the
  // true value (recovered). Every other cell must read back exactly.
  std::set<std::string> lost_cells;
  // Cells printed in another cell's place (shift_row, drop_column): a parser
  // may read them wrong, but then they must be null or named by an error.
  std::set<std::string> misplaced_cells;
};

struct GarbleOptions {
  int ops = 3;                    // operations to apply
  std::vector<GarbleOp> allowed;  // empty: every operation applicable to the layout
};

// Deterministic given the seed. Operations that find nothing to change are skipped.
GarbleResult garble(render::RenderDoc& doc, render::TextLayout layout, uint64_t seed,
                    const GarbleOptions& opt = {});

nlohmann::json garble_json(const GarbleResult& g);

}  // namespace gk::gen
