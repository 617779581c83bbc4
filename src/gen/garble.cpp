// Garble operations on a RenderDoc (see garble.h). Each one changes the grid or
// headings, never the record, and logs what it changed.
#include "gen/garble.h"

#include <algorithm>

#include "gen/rng.h"
#include "util/utf8.h"

namespace gk::gen {

using render::Block;
using render::Grid;
using render::GridCell;
using render::RenderDoc;
using render::TextLayout;

namespace {

const char* const kNames[kGarbleOpCount] = {
    "drop_cell",        "blank_zero",       "blank_value", "label_spaces",
    "label_typo",       "half_width_punct", "full_width_digits", "page_number_line",
    "blank_line_run",   "arabic_numerals",  "no_numerals", "wrap_label",
    "shift_row",        "drop_column"};

const char* const kNbsp = "\xC2\xA0";

bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

struct Ctx {
  RenderDoc& doc;
  TextLayout layout;
  Rng& rng;
  GarbleResult& res;
  std::set<std::string> touched_t2_rows;  // one cell-level operation per Table 2 row

  void log(GarbleOp op, std::string detail, std::vector<std::string> cells = {}) {
    res.applied.push_back({op, std::move(detail), std::move(cells)});
  }
  std::string blank_text() {
    if (layout == TextLayout::TabRows) return kNbsp;  // an empty field would read as padding
    return rng.chance(0.7) ? kNbsp : "";
  }
};

// Table 2 row key of a value cell path "applications.<key>[c]".
std::string t2_row_key(const std::string& path) {
  size_t dot = path.find('.'), br = path.find('[');
  return path.substr(dot + 1, br - dot - 1);
}
int t2_col(const std::string& path) { return path[path.find('[') + 1] - '0'; }

std::vector<GridCell*> value_cells(Grid& g) {
  std::vector<GridCell*> out;
  for (auto& c : g.cells)
    if (!c.path.empty() && !c.dropped) out.push_back(&c);
  return out;
}

bool drop_cell(Ctx& x) {
  Grid* g = x.doc.table("t2");
  if (!g) return false;
  std::vector<GridCell*> cand;
  for (int row = 0; row < kT2Rows; ++row) {
    if (x.touched_t2_rows.count(kT2RowKeys[row])) continue;
    GridCell* first = g->find_path(t2_path(row, 0));
    GridCell* total = g->find_path(t2_path(row, kT2Cols - 1));
    if (first && total && !first->dropped && !total->text.empty()) cand.push_back(first);
  }
  if (cand.empty()) return false;
  GridCell* c = x.rng.pick(cand);
  c->dropped = true;
  x.touched_t2_rows.insert(t2_row_key(c->path));
  x.res.lost_cells.insert(c->path);
  x.log(GarbleOp::DropCell, "dropped " + c->path + " (was \"" + c->text + "\")", {c->path});
  return true;
}

bool blank_zero(Ctx& x) {
  std::vector<std::pair<Grid*, int>> rows;  // (grid, grid row) with zero cells
  for (const char* id : {"t1", "t2", "t3"}) {
    Grid* g = x.doc.table(id);
    if (!g) continue;
    for (int r = 0; r < g->rows; ++r) {
      bool has_zero = false;
      for (auto* c : value_cells(*g))
        if (c->row == r && c->text == "0") {
          if (g->id == "t2" && (x.touched_t2_rows.count(t2_row_key(c->path)) ||
                                t2_col(c->path) == kT2Cols - 1))
            continue;
          has_zero = true;
        }
      if (has_zero) rows.push_back({g, r});
    }
  }
  if (rows.empty()) return false;
  auto [g, r] = x.rng.pick(rows);
  std::vector<std::string> cells;
  std::string blank = x.blank_text();
  for (auto* c : value_cells(*g)) {
    if (c->row != r || c->text != "0") continue;
    if (g->id == "t2") {
      // Seed 000 style: the parts blank, the 总计 cell keeps its printed 0.
      if (t2_col(c->path) == kT2Cols - 1) continue;
      x.touched_t2_rows.insert(t2_row_key(c->path));
    } else if (g->id == "t3" && x.rng.chance(0.3)) {
      continue;
    }
    c->text = blank;
    cells.push_back(c->path);
  }
  if (cells.empty()) return false;
  x.log(GarbleOp::BlankZero, "blanked " + std::to_string(cells.size()) + " zero cells in " + g->id +
                                 " row " + std::to_string(r),
        cells);
  return true;
}

bool blank_value(Ctx& x) {
  Grid* g = x.doc.table("t2");
  if (!g) return false;
  std::vector<GridCell*> cand;
  for (auto* c : value_cells(*g)) {
    if (c->text.empty() || c->text == "0" || c->text == kNbsp) continue;
    if (t2_col(c->path) == kT2Cols - 1 || x.touched_t2_rows.count(t2_row_key(c->path))) continue;
    cand.push_back(c);
  }
  if (cand.empty()) return false;
  GridCell* c = x.rng.pick(cand);
  std::string was = c->text;
  c->text = x.blank_text();
  x.touched_t2_rows.insert(t2_row_key(c->path));
  x.res.lost_cells.insert(c->path);
  x.log(GarbleOp::BlankValue, "blanked non-zero " + c->path + " (was \"" + was + "\")", {c->path});
  return true;
}

std::vector<GridCell*> label_cells(RenderDoc& doc, size_t min_cjk) {
  std::vector<GridCell*> out;
  for (auto& b : doc.blocks) {
    if (b.kind != Block::Table) continue;
    for (auto& c : b.grid.cells) {
      if (!c.header || c.text.find('\n') != std::string::npos) continue;
      size_t cjk = 0;
      for (char32_t ch : utf8::to_u32(c.text)) cjk += utf8::is_cjk(ch);
      if (cjk >= min_cjk) out.push_back(&c);
    }
  }
  return out;
}

// Insert `what` between two CJK characters of the label, away from its ends.
bool split_label(Rng& rng, GridCell* c, const std::u32string& what) {
  std::u32string u = utf8::to_u32(c->text);
  std::vector<size_t> pos;
  for (size_t i = 1; i + 1 < u.size(); ++i)
    if (utf8::is_cjk(u[i - 1]) && utf8::is_cjk(u[i])) pos.push_back(i);
  if (pos.empty()) return false;
  size_t at = rng.pick(pos);
  u.insert(at, what);
  c->text = utf8::from_u32(u);
  return true;
}

bool label_spaces(Ctx& x) {
  auto cand = label_cells(x.doc, 3);
  if (cand.empty()) return false;
  GridCell* c = x.rng.pick(cand);
  std::string was = c->text;
  if (!split_label(x.rng, c, U" ")) return false;
  x.log(GarbleOp::LabelSpaces, "\"" + was + "\" -> \"" + c->text + "\"");
  return true;
}

bool replace_once(std::string& s, const std::string& from, const std::string& to) {
  size_t p = s.find(from);
  if (p == std::string::npos) return false;
  s.replace(p, from.size(), to);
  return true;
}

bool label_typo(Ctx& x) {
  struct Typo { const char* key; const char* from; const char* to; };
  const Typo typos[] = {{"t2.row.carried_over", "结转", "转结"},
                        {"t2.row.carried_forward", "结转", "转结"},
                        {"t2.row.total", "总计", "总记"},
                        {"t1.head.repealed", "本年废止件数", "本年度止件数"}};
  std::vector<std::pair<GridCell*, const Typo*>> cand;
  for (const auto& t : typos)
    for (auto& b : x.doc.blocks)
      if (b.kind == Block::Table)
        for (auto& c : b.grid.cells)
          if (c.key == t.key && c.text.find(t.from) != std::string::npos) cand.push_back({&c, &t});
  if (cand.empty()) return false;
  auto [c, t] = x.rng.pick(cand);
  std::string was = c->text;
  replace_once(c->text, t->from, t->to);
  x.log(GarbleOp::LabelTypo, "\"" + was + "\" -> \"" + c->text + "\"");
  return true;
}

bool half_width(Ctx& x) {
  Grid* g = x.doc.table("t2");
  if (!g) return false;
  bool spaced = x.layout != TextLayout::SpaceSeparated;
  int changed = 0;
  for (auto& c : g->cells) {
    if (!c.header || !(starts_with(c.key, "t2.row.") || starts_with(c.key, "t2.group.") ||
                       c.key == "t2.corner"))
      continue;
    std::string s = c.text, out;
    std::u32string u = utf8::to_u32(s);
    for (size_t i = 0; i < u.size(); ++i) {
      char32_t ch = u[i];
      if (ch == U'（') out += "(";
      else if (ch == U'）') out += spaced && i + 1 < u.size() ? ") " : ")";
      else if (ch == U'，') out += spaced ? ", " : ",";
      else if (ch == U'.' && i > 0 && utf8::is_digit(u[i - 1]) && spaced) out += ". ";
      else utf8::append(out, ch);
    }
    if (out != c.text) {
      c.text = out;
      ++changed;
    }
  }
  if (!changed) return false;
  x.log(GarbleOp::HalfWidthPunct, "half-width punctuation in " + std::to_string(changed) + " Table 2 labels");
  return true;
}

bool full_width(Ctx& x) {
  std::vector<GridCell*> cand;
  for (auto& b : x.doc.blocks)
    if (b.kind == Block::Table)
      for (auto* c : value_cells(b.grid))
        if (!c->text.empty() && utf8::is_digit(static_cast<unsigned char>(c->text[0])))
          cand.push_back(c);
  if (cand.empty()) return false;
  int n = static_cast<int>(x.rng.uniform(1, 6));
  std::vector<std::string> cells;
  for (int i = 0; i < n; ++i) {
    GridCell* c = x.rng.pick(cand);
    if (!c->text.empty() && !utf8::is_digit(static_cast<unsigned char>(c->text[0]))) continue;
    std::string out;
    for (char ch : c->text) {
      if (ch >= '0' && ch <= '9') utf8::append(out, U'０' + (ch - '0'));
      else out += ch;
    }
    c->text = out;
    cells.push_back(c->path);
  }
  if (cells.empty()) return false;
  x.log(GarbleOp::FullWidthDigits, "full-width digits in " + std::to_string(cells.size()) + " cells", cells);
  return true;
}

// A data row of Table 1 or 2 after which extra lines go.
std::pair<Grid*, int> some_row(Ctx& x) {
  Grid* g = x.doc.table(x.rng.chance(0.75) ? "t2" : "t1");
  if (!g) return {nullptr, 0};
  int first = g->id == "t2" ? 3 : 0;
  return {g, static_cast<int>(x.rng.uniform(first, g->rows - 2))};
}

bool page_number(Ctx& x) {
  auto [g, r] = some_row(x);
  if (!g) return false;
  std::string page = "- " + std::to_string(x.rng.uniform(2, 9)) + " -";
  auto& lines = g->lines_after_row[r];
  lines.insert(lines.end(), {"", page, ""});
  x.log(GarbleOp::PageNumberLine, "\"" + page + "\" after " + g->id + " row " + std::to_string(r));
  return true;
}

bool blank_run(Ctx& x) {
  auto [g, r] = some_row(x);
  if (!g) return false;
  int n = static_cast<int>(x.rng.uniform(3, 12));
  auto& lines = g->lines_after_row[r];
  for (int i = 0; i < n; ++i) lines.push_back(x.rng.chance(0.2) ? "\t" : "");
  x.log(GarbleOp::BlankLineRun, std::to_string(n) + " blank lines after " + g->id + " row " + std::to_string(r));
  return true;
}

std::vector<Block*> headings(RenderDoc& doc) {
  std::vector<Block*> out;
  for (auto& b : doc.blocks)
    if (b.kind == Block::Heading) out.push_back(&b);
  return out;
}

bool arabic(Ctx& x) {
  bool all = x.rng.chance(0.5);
  std::vector<std::string> changed;
  for (Block* h : headings(x.doc)) {
    if (!all && (h->section < 2 || h->section > 4)) continue;
    if (h->numeral.empty()) continue;
    h->numeral = std::to_string(h->section) + (x.rng.chance(0.5) ? "、 " : "、");
    changed.push_back(h->numeral + h->text);
  }
  if (changed.empty()) return false;
  x.log(GarbleOp::ArabicNumerals, "Arabic numerals in " + std::to_string(changed.size()) + " headings");
  return true;
}

bool no_numerals(Ctx& x) {
  std::vector<Block*> cand;
  for (Block* h : headings(x.doc))
    if (h->section >= 2 && !h->numeral.empty()) cand.push_back(h);
  if (cand.empty()) return false;
  Block* h = x.rng.pick(cand);
  std::string was = h->numeral + h->text;
  h->numeral.clear();
  x.log(GarbleOp::NoNumerals, "heading \"" + was + "\" printed without numeral");
  return true;
}

bool wrap_label(Ctx& x) {
  std::vector<GridCell*> cand;
  for (GridCell* c : label_cells(x.doc, 4))
    if (starts_with(c->key, "t2.") || starts_with(c->key, "t3.")) cand.push_back(c);
  if (cand.empty()) return false;
  GridCell* c = x.rng.pick(cand);
  std::string was = c->text;
  if (!split_label(x.rng, c, U"\n")) return false;
  x.log(GarbleOp::WrapLabel, "label \"" + was + "\" wrapped over two lines");
  return true;
}

// A Table 2 row with at least two non-zero values printed one column to the
// right: its first cell blank, every value under its right-hand neighbour's
// header, the 总计 value gone (what a reader that lost a column boundary makes
// of a row).
bool shift_row(Ctx& x) {
  Grid* g = x.doc.table("t2");
  if (!g) return false;
  std::vector<int> cand;
  for (int row = 0; row < kT2Rows; ++row) {
    if (x.touched_t2_rows.count(kT2RowKeys[row])) continue;
    int nonzero = 0;
    bool whole = true;
    for (int c = 0; c < kT2Cols; ++c) {
      GridCell* cell = g->find_path(t2_path(row, c));
      if (!cell || cell->dropped) whole = false;
      else if (!cell->text.empty() && cell->text != "0") ++nonzero;
    }
    if (whole && nonzero >= 2) cand.push_back(row);
  }
  if (cand.empty()) return false;
  int row = x.rng.pick(cand);
  std::vector<std::string> cells;
  for (int c = kT2Cols - 1; c > 0; --c) {
    g->find_path(t2_path(row, c))->text = g->find_path(t2_path(row, c - 1))->text;
    cells.push_back(t2_path(row, c));
  }
  g->find_path(t2_path(row, 0))->text = x.blank_text();
  cells.push_back(t2_path(row, 0));
  x.touched_t2_rows.insert(kT2RowKeys[row]);
  x.res.misplaced_cells.insert(cells.begin(), cells.end());
  x.log(GarbleOp::ShiftRow, std::string("shifted ") + kT2RowKeys[row] + " one column to the right", cells);
  return true;
}

// One of Table 2's columns before 总计 left out, header and values.
bool drop_column(Ctx& x) {
  Grid* g = x.doc.table("t2");
  if (!g) return false;
  int col = static_cast<int>(x.rng.uniform(0, kT2Cols - 2));
  std::vector<std::string> cells;
  for (int row = 0; row < kT2Rows; ++row) {
    GridCell* cell = g->find_path(t2_path(row, col));
    if (!cell || cell->dropped) continue;
    cell->dropped = true;
    cells.push_back(cell->path);
  }
  if (cells.empty()) return false;
  if (GridCell* head = g->find_key(std::string("t2.col.") + kT2ColKeys[col])) head->dropped = true;
  x.res.misplaced_cells.insert(cells.begin(), cells.end());
  x.log(GarbleOp::DropColumn, std::string("dropped Table 2 column ") + kT2ColKeys[col], cells);
  return true;
}

bool apply(Ctx& x, GarbleOp op) {
  switch (op) {
    case GarbleOp::DropCell: return drop_cell(x);
    case GarbleOp::BlankZero: return blank_zero(x);
    case GarbleOp::BlankValue: return blank_value(x);
    case GarbleOp::LabelSpaces: return label_spaces(x);
    case GarbleOp::LabelTypo: return label_typo(x);
    case GarbleOp::HalfWidthPunct: return half_width(x);
    case GarbleOp::FullWidthDigits: return full_width(x);
    case GarbleOp::PageNumberLine: return page_number(x);
    case GarbleOp::BlankLineRun: return blank_run(x);
    case GarbleOp::ArabicNumerals: return arabic(x);
    case GarbleOp::NoNumerals: return no_numerals(x);
    case GarbleOp::WrapLabel: return wrap_label(x);
    case GarbleOp::ShiftRow: return shift_row(x);
    case GarbleOp::DropColumn: return drop_column(x);
  }
  return false;
}

}  // namespace

std::string_view garble_name(GarbleOp op) { return kNames[static_cast<int>(op)]; }

std::optional<GarbleOp> garble_from_name(std::string_view name) {
  for (int i = 0; i < kGarbleOpCount; ++i)
    if (name == kNames[i]) return static_cast<GarbleOp>(i);
  return std::nullopt;
}

bool garble_applicable(GarbleOp op, TextLayout layout) {
  switch (op) {
    case GarbleOp::DropCell:
      return layout != TextLayout::RunTogether;
    case GarbleOp::BlankZero:
    case GarbleOp::BlankValue:
      return layout == TextLayout::TabRows || layout == TextLayout::CellPerLine ||
             layout == TextLayout::Markdown;
    case GarbleOp::WrapLabel:
      return layout == TextLayout::CellPerLine;
    case GarbleOp::ShiftRow:  // a blank first cell needs a layout that prints blanks
      return layout == TextLayout::TabRows || layout == TextLayout::CellPerLine ||
             layout == TextLayout::Markdown;
    default:
      return true;
  }
}

GarbleResult garble(RenderDoc& doc, TextLayout layout, uint64_t seed, const GarbleOptions& opt) {
  GarbleResult res;
  Rng rng(seed ^ 0x6761726262ull);
  Ctx x{doc, layout, rng, res, {}};
  std::vector<GarbleOp> ops;
  for (int i = 0; i < kGarbleOpCount; ++i) {
    auto op = static_cast<GarbleOp>(i);
    bool allowed = opt.allowed.empty() ? i < kGarbleDefaultOpCount
                                       : std::find(opt.allowed.begin(), opt.allowed.end(), op) != opt.allowed.end();
    if (allowed && garble_applicable(op, layout)) ops.push_back(op);
  }
  if (ops.empty()) return res;
  for (int done = 0, tries = 0; done < opt.ops && tries < opt.ops * 8; ++tries)
    if (apply(x, rng.pick(ops))) ++done;
  return res;
}

nlohmann::json garble_json(const GarbleResult& g) {
  nlohmann::json ops = nlohmann::json::array();
  for (const auto& a : g.applied)
    ops.push_back({{"op", std::string(garble_name(a.op))}, {"detail", a.detail}, {"cells", a.cells}});
  nlohmann::json out = {{"ops", ops}, {"lost_cells", g.lost_cells}};
  if (!g.misplaced_cells.empty()) out["misplaced_cells"] = g.misplaced_cells;
  return out;
}

}  // namespace gk::gen
