// The three tables: anchors for the row labels, values between them.
#include "recognize/tables.h"

#include "model/relations.h"
#include "model/rules.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "recognize/anchors.h"
#include "recognize/evidence.h"
#include "recognize/labels.h"
#include "recognize/short_rows.h"
#include "recognize/values.h"
#include "util/text.h"
#include "util/utf8.h"

namespace gk {

namespace {

bool debug_enabled() {
  static const bool on = std::getenv("GONGKAI_DEBUG") != nullptr;
  return on;
}

std::u32string digits_of(const std::vector<Atom>& atoms) {
  std::u32string d;
  for (const auto& a : atoms)
    if (a.kind == Atom::Num && a.integral && a.text.find('.') == std::u32string::npos && a.text[0] != '-' &&
        a.text[0] != '+')
      d += a.text;
  return d;
}

int first_line(const std::vector<Atom>& atoms) {
  for (const auto& a : atoms)
    if (a.line) return a.line;
  return 0;
}

// A row that lost its cell boundaries: one run of digits holding n values.
bool is_glued_row(const std::vector<Atom>& atoms, int n) {
  return atoms.size() == 1 && atoms[0].kind == Atom::Num && atoms[0].integral &&
         (int)atoms[0].text.size() >= n && n > 1;
}

// Path of a Table 1 cell, including the 2019 template's own figures.
std::string t1_cell_path(Report& r, const Cell* cell) {
  for (const auto& ref : all_cells(r))
    if (ref.cell == cell) return ref.path;
  Proactive2019& q = r.proactive_2019;
  const std::pair<const Cell*, const char*> extra[] = {
      {&q.regulations_published, "regulations_published"}, {&q.normative_published, "normative_documents_published"},
      {&q.licensing_prev, "licensing_previous_items"},      {&q.licensing_change, "licensing_change"},
      {&q.other_services_prev, "other_services_previous_items"}, {&q.other_services_change, "other_services_change"},
      {&q.other_services, "other_services"},                {&q.punishment_prev, "punishment_previous_items"},
      {&q.punishment_change, "punishment_change"},          {&q.enforcement_prev, "enforcement_previous_items"},
      {&q.enforcement_change, "enforcement_change"},        {&q.fees_prev, "fees_previous_items"},
      {&q.fees_change, "fees_change"},                      {&q.procurement_items, "procurement_items"},
      {&q.procurement_amount, "procurement_amount_wan_yuan"}};
  for (const auto& [c, name] : extra)
    if (c == cell) return std::string("proactive_2019.") + name;
  return "proactive";
}

// OCR-read cells placed by count rather than one value per cell (more or
// fewer values than cells): which value belongs where is a guess, so their
// confidence drops under the R-LOW-CONFIDENCE threshold.
void doubt_ocr_cells(Cell* const* cells, int n) {
  for (int c = 0; c < n; ++c)
    if (cells[c]->confidence >= 0) cells[c]->confidence = std::min(cells[c]->confidence, kOcrDoubtful);
}

void mark_split(Cell& c, double v, int line, const std::vector<std::string>& via) {
  c.value = v;
  c.status = CellStatus::Split;
  c.line = line;
  c.via = via;
}

void add_diag(Report& r, Rule rule, std::string msg, int line, std::vector<std::string> cells = {}) {
  emit(r.diagnostics, rule, line, std::move(msg)).cells(std::move(cells));
}

// R-TABLE-CLIPPED: rows of a table cut at the page edge; `cut` holds the
// cells left unknown, `hidden` the most columns a row lost.
void add_clipped(Report& r, const char* table, int hidden, int line, std::vector<std::string> cut) {
  if (hidden <= 0) return;
  add_diag(r, Rule::R_TABLE_CLIPPED,
           std::string(table) + "超出页面，右侧 " + std::to_string(hidden) + " 列不可见，这些单元格按未知处理",
           line, std::move(cut));
}

// The fee row: an amount printed with 元 (千元, 亿元) goes into the 万元
// column converted, its printed text kept as raw, and says so (T1-FEE-YUAN); a
// money unit on the 2019 item-count cells contradicts their column
// (R-UNIT-MISMATCH). `cells` are the row's cells, the amount last when present.
// `header_unit`: the money unit the column's header prints ("本年收费金额（单位：元）"),
// empty when it prints none; an amount printed bare is in that unit.
void convert_fee_units(Report& r, std::vector<Atom>& atoms, const std::vector<Cell*>& cells,
                       const std::u32string& header_unit) {
  bool amount_last = !cells.empty() && cells.back() == &r.proactive.fees_wan_yuan;
  int values = 0;
  for (const Atom& at : atoms) values += at.kind != Atom::WeakBlank;
  for (size_t i = 0, pos = 0; i < atoms.size(); ++i) {
    Atom& at = atoms[i];
    if (at.kind == Atom::WeakBlank) continue;
    // the column this atom lands in when the row is right-aligned (assign_cells)
    int col = (int)cells.size() - values + (int)pos++;
    bool amount = amount_last && col == (int)cells.size() - 1;
    bool from_header = false;
    if (at.kind == Atom::Num && at.unit.empty() && amount && !header_unit.empty()) {
      at.unit = header_unit;
      from_header = true;
    }
    if (at.kind != Atom::Num || at.unit.empty()) continue;
    std::string printed = utf8::from_u32(at.text + (from_header ? U"" : at.unit));
    if (!amount) {
      add_diag(r, Rule::R_UNIT_MISMATCH,
               "表一收费一行的“" + printed + "”带有金额单位，但该栏是件数，请核对", at.line);
      continue;
    }
    if (at.unit == U"万元") {
      if (from_header) at.unit.clear();
      continue;
    }
    double v = in_wan_yuan(at);
    at.value = v;
    if (!from_header) at.text += at.unit;
    at.integral = false;  // so that assign_cells keeps the printed text as the cell's raw
    at.unit.clear();
    r.proactive.fees_wan_yuan.via = {rule_id(Rule::T1_FEE_YUAN)};
    std::string how = from_header ? "收费金额印为“" + printed + "”，表头单位为“" + utf8::from_u32(header_unit) + "”"
                                  : "收费金额印为“" + printed + "”";
    add_diag(r, Rule::T1_FEE_YUAN, how + "，已换算为 " + format_number_exact(v) + " 万元", at.line,
             {"proactive.fees_wan_yuan"});
  }
}

// The readings (one value per path) that agree with every figure the text
// states for these paths; empty when the text states none of them, or when no
// reading agrees (the text cannot overrule the table). *lines: the sentences used.
std::vector<std::vector<double>> choose_by_text(const std::vector<std::vector<double>>& cands,
                                                const std::vector<std::string>& paths,
                                                const std::vector<TextFigure>& figures, std::vector<int>* lines) {
  std::vector<std::pair<size_t, const TextFigure*>> relevant;
  for (const auto& f : figures)
    for (size_t k = 0; k < paths.size(); ++k)
      if (paths[k] == f.cell) relevant.emplace_back(k, &f);
  if (relevant.empty()) return {};
  std::vector<std::vector<double>> out;
  for (const auto& cand : cands) {
    bool ok = true;
    for (const auto& [k, f] : relevant) ok = ok && cand[k] == f->value;
    if (ok) out.push_back(cand);
  }
  if (out.empty() || out.size() == cands.size()) return {};
  lines->clear();
  for (const auto& rf : relevant)
    if (std::find(lines->begin(), lines->end(), rf.second->line) == lines->end()) lines->push_back(rf.second->line);
  return out;
}

std::string join_lines(const std::vector<int>& lines) {
  std::string s;
  for (int l : lines) s += (s.empty() ? "" : "、") + std::to_string(l);
  return s;
}

}  // namespace

// ---------------------------------------------------------------- Table 1
size_t read_table1(const Stream& st, size_t from, size_t to, bool run_together, Report& r) {
  // Start at the first caption when the range is wide (no section heading).
  auto chain = best_chain(st, t1_slots(), from, to);
  if (chain.size() < 2) return 0;
  bool e1 = false;
  for (const auto& m : t1_2019_markers())
    if (!find_all(st.c, m, from, to, 1).empty()) e1 = true;
  auto fee_hdr = find_all(st.c, U"收费金额", from, to, 1);
  bool fee_amount = !fee_hdr.empty();
  // The fee column's unit as its header prints it: （单位：万元） is the format's;
  // 元, 千元 or 亿元 there make every bare amount one of those.
  std::u32string fee_unit;
  if (fee_amount) {
    size_t b = fee_hdr[0] + 4, e = std::min(st.c.size(), b + 10);
    std::u32string after = st.c.substr(b, e - b);
    size_t close = after.find_first_of(U")）");
    if (close != std::u32string::npos) {
      after.resize(close);
      for (std::u32string_view u : kMoneyUnits)
        if (after.find(u) != std::u32string::npos) {
          fee_unit = std::u32string(u);
          break;
        }
    }
  }
  if (e1) {
    r.edition = Edition::Y2019;
    r.proactive_2019.present = true;
  }
  std::vector<size_t> stops;
  for (const auto& k : t1_stop_keys())
    for (size_t p : find_all(st.c, k, from, to)) stops.push_back(p);
  std::sort(stops.begin(), stops.end());

  r.t1_found = true;
  r.t1_line = st.line_at(st.spos(chain.front().cb));
  const std::vector<TextFigure> figures = text_figures(r);
  Proactive& p = r.proactive;
  Proactive2019& q = r.proactive_2019;
  size_t end = chain.back().ce;
  int t1_hidden = 0, t1_cut_line = 0;
  std::vector<std::string> t1_cut;
  for (size_t i = 0; i < chain.size(); ++i) {
    const Anchor& a = chain[i];
    size_t cend = i + 1 < chain.size() ? chain[i + 1].cb : to;
    auto it = std::lower_bound(stops.begin(), stops.end(), a.ce);
    if (it != stops.end() && *it < cend) cend = *it;
    size_t sa = st.spos_after(a.ce), sb = st.spos(cend);
    std::vector<Atom> atoms = atoms_in(st, sa, sb, 0);
    std::vector<Cell*> cells;
    switch (a.slot) {
      case T1_REG:
        if (e1) cells = {&p.regulations.issued, &q.regulations_published, &p.regulations.in_force};
        else cells = {&p.regulations.issued, &p.regulations.repealed, &p.regulations.in_force};
        break;
      case T1_NORM:
        if (e1) cells = {&p.normative_documents.issued, &q.normative_published, &p.normative_documents.in_force};
        else cells = {&p.normative_documents.issued, &p.normative_documents.repealed, &p.normative_documents.in_force};
        break;
      case T1_LIC:
        if (e1) cells = {&q.licensing_prev, &q.licensing_change, &p.licensing};
        else cells = {&p.licensing};
        break;
      case T1_OTHER_SERVICES:
        cells = {&q.other_services_prev, &q.other_services_change, &q.other_services};
        break;
      case T1_PUN:
        if (e1) cells = {&q.punishment_prev, &q.punishment_change, &p.punishment};
        else cells = {&p.punishment};
        break;
      case T1_ENF:
        if (e1) cells = {&q.enforcement_prev, &q.enforcement_change, &p.enforcement};
        else cells = {&p.enforcement};
        break;
      case T1_FEE:
        if (e1 && !fee_amount) cells = {&q.fees_prev, &q.fees_change};
        else if (e1) cells = {&q.fees_prev, &q.fees_change, &p.fees_wan_yuan};
        else cells = {&p.fees_wan_yuan};
        break;
      case T1_PROCUREMENT:
        cells = {&q.procurement_items, &q.procurement_amount};
        break;
    }
    int n = (int)cells.size();
    resolve_weak_blanks(atoms, n);
    if (a.slot == T1_FEE) convert_fee_units(r, atoms, cells, fee_unit);
    bool glued = run_together;
    for (const auto& at : atoms) glued = glued || (at.kind == Atom::Num && at.glued);
    if ((int)atoms.size() < n && !atoms.empty() && glued) {
      // Numbers run together: never right-align them. Plain digits are split
      // when the reading is unique; signs and decimals are left unread.
      std::u32string digits;
      bool plain = true;
      for (const auto& at : atoms) {
        if (at.kind != Atom::Num || !at.integral || at.text.find_first_of(U"-+.") != std::u32string::npos)
          plain = false;
        else
          digits += at.text;
      }
      auto cands = plain && (int)digits.size() >= n
                       ? split_digits(digits, n, [](const std::vector<double>&) { return true; })
                       : std::vector<std::vector<double>>{};
      // 现行有效 ≥ 本年制发: a plausibility bound that rules readings out.
      if ((a.slot == T1_REG || a.slot == T1_NORM) && n == 3) {
        std::vector<std::vector<double>> kept;
        for (const auto& cand : cands)
          if (cand[2] >= cand[0]) kept.push_back(cand);
        if (!kept.empty()) cands.swap(kept);
      }
      // The report's own sentences choose among the readings left.
      std::vector<std::string> via = {rule_id(Rule::R_SPLIT)};
      std::vector<int> text_lines;
      if (cands.size() > 1) {
        std::vector<std::string> paths;
        for (int c = 0; c < n; ++c) paths.push_back(t1_cell_path(r, cells[c]));
        auto stated = choose_by_text(cands, paths, figures, &text_lines);
        if (!stated.empty()) {
          cands.swap(stated);
          for (int ln : text_lines) via.push_back("TEXT@" + std::to_string(ln));
        }
      }
      std::u32string shown;
      for (const auto& at : atoms) shown += at.text;
      std::vector<std::string> unresolved, split, from_text;
      for (int c = 0; c < n; ++c) {
        bool same = !cands.empty();
        for (const auto& cand : cands) same = same && cand[c] == cands[0][c];
        if (same) {
          mark_split(*cells[c], cands[0][c], atoms[0].line, via);
          split.push_back(t1_cell_path(r, cells[c]));
          if (!text_lines.empty()) from_text.push_back(t1_cell_path(r, cells[c]));
        } else {
          cells[c]->line = atoms[0].line;
          unresolved.push_back(t1_cell_path(r, cells[c]));
        }
      }
      if (!from_text.empty())
        add_diag(r, Rule::R_TEXT_SPLIT,
                 "表一一行的数字“" + utf8::from_u32(shown) + "”连在一起，按正文第 " + join_lines(text_lines) +
                     " 行所述件数确定了拆分",
                 atoms[0].line, from_text);
      else if (!split.empty() && unresolved.empty())
        add_diag(r, Rule::R_SPLIT,
                 "表一一行的数字“" + utf8::from_u32(shown) + "”连在一起印出，只有一种拆分符合表格，已按此拆分", atoms[0].line,
                 split);
      if (!unresolved.empty())
        add_diag(r, Rule::R_SPLIT_AMBIGUOUS,
                 "表一一行的数字“" + utf8::from_u32(shown) + "”连在一起，" +
                     (cands.empty() ? std::string("无法可靠拆分")
                                    : "可拆分为 " + std::to_string(cands.size()) + " 种读法") +
                     "，无法唯一确定的单元格置为空",
                 atoms[0].line, unresolved);
      continue;
    }
    if (int hidden = cut_cells(atoms, n)) {
      t1_hidden = std::max(t1_hidden, hidden);
      if (!t1_cut_line) t1_cut_line = first_line(atoms);
      for (int c = n - hidden; c < n; ++c) t1_cut.push_back(t1_cell_path(r, cells[c]));
    }
    int extra = assign_cells(atoms, cells.data(), n);
    if (extra > 0)
      add_diag(r, Rule::R_EXTRA_VALUES,
               "表一该行读到的数字多于应有的单元格数，已取最后 " + std::to_string(n) + " 个", first_line(atoms));
    if ((int)atoms.size() != n) doubt_ocr_cells(cells.data(), n);
    end = std::max(end, cend);
  }
  add_clipped(r, "表一", t1_hidden, t1_cut_line, std::move(t1_cut));
  if (e1) {
    p.regulations.repealed.status = CellStatus::Absent;
    p.normative_documents.repealed.status = CellStatus::Absent;
    if (!fee_amount) p.fees_wan_yuan.status = CellStatus::Absent;
  }
  return end;
}

// ---------------------------------------------------------------- Table 2
// The applicant columns a Table 2 header leaves out: a column dropped with
// its header (a converter that lost a column, a table narrowed by hand). Read
// only when the header is there: at least three of the five named applicant
// columns printed before the first row label. 其他 counts only outside
// 法人或其他组织.
std::vector<int> t2_header_absent_columns(const Stream& st, size_t from, size_t first_label) {
  std::vector<int> absent;
  if (first_label <= from) return absent;
  static const std::u32string names[] = {U"自然人", U"商业企业", U"科研机构", U"社会公益组织", U"法律服务机构"};
  int present = 0;
  for (int c = 0; c < 5; ++c) {
    if (!find_all(st.c, names[c], from, first_label).empty()) ++present;
    else absent.push_back(c);
  }
  size_t other = find_all(st.c, U"其他", from, first_label).size();
  size_t in_legal = find_all(st.c, U"法人或其他组织", from, first_label).size();
  if (other <= in_legal) absent.push_back(5);
  if (present < 3) return {};
  return absent;
}

size_t read_table2(const Stream& st, size_t from, size_t to, bool* run_together, Report& r) {
  auto chain = best_chain(st, t2_slots(), from, to);
  int real = 0;
  bool has_g6 = false, has_six_items = false;
  for (const auto& a : chain) {
    if (a.slot == kT2GroupSixSlot) has_g6 = true;
    else ++real;
    if (a.slot >= 21 && a.slot <= 23) has_six_items = true;
  }
  if (real < 3) return 0;
  r.t2_found = true;
  r.t2_line = st.line_at(st.spos(chain.front().cb));
  bool single_six = has_g6 && !has_six_items;
  r.t2_single_other_row = single_six;

  // Values of each row, between its label and the next anchor.
  std::map<int, std::vector<Atom>> row_atoms;
  size_t end = chain.back().ce;
  for (size_t i = 0; i < chain.size(); ++i) {
    const Anchor& a = chain[i];
    int row = t2_slot_row(a.slot);
    if (row < 0) {
      if (!single_six) continue;
      row = R_OTHER_OTHER;  // the single （六）其他处理 row
    }
    size_t cend = i + 1 < chain.size() ? chain[i + 1].cb : to;
    int next_item = 0;
    if (i + 1 < chain.size()) {
      int nr = t2_slot_row(chain[i + 1].slot);
      if (nr >= 0) next_item = t2_item_number(nr);
    }
    std::vector<Atom> atoms = atoms_in(st, st.spos_after(a.ce), st.spos(cend), next_item);
    resolve_weak_blanks(atoms, kT2Cols);
    if (debug_enabled()) {
      std::fprintf(stderr, "[T2] slot %d row %d c[%zu,%zu):", a.slot, row, a.ce, cend);
      for (const auto& at : atoms)
        std::fprintf(stderr, " %s", at.kind == Atom::Num ? utf8::from_u32(at.text).c_str()
                                    : at.kind == Atom::Blank ? "_" : at.kind == Atom::Placeholder ? "-" : "~");
      std::fprintf(stderr, "\n");
    }
    // Labels printed apart from their numbers (pdftotext of a ruled table: a
    // column of labels, then the rows of numbers): the labels before this one
    // that got no value, and this one, share its values row by row, when
    // their count is exactly seven per label.
    if (atoms.size() > (size_t)kT2Cols && atoms.size() % kT2Cols == 0) {
      size_t k = atoms.size() / kT2Cols;  // labels sharing these values
      std::vector<int> rows_back;
      for (size_t j = i; j-- > 0 && rows_back.size() + 1 < k;) {
        int rr = t2_slot_row(chain[j].slot);
        if (rr < 0) {
          if (single_six) rr = R_OTHER_OTHER;
          else continue;  // the （六） group label holds no values
        }
        auto it = row_atoms.find(rr);
        if (it == row_atoms.end() || !it->second.empty()) break;
        rows_back.push_back(rr);
      }
      if (rows_back.size() + 1 == k) {
        std::reverse(rows_back.begin(), rows_back.end());
        rows_back.push_back(row);
        for (size_t q = 0; q < k; ++q)
          row_atoms[rows_back[q]] = std::vector<Atom>(atoms.begin() + q * kT2Cols, atoms.begin() + (q + 1) * kT2Cols);
        if (i + 1 == chain.size()) end = std::max(end, a.ce);
        continue;
      }
    }
    // Rows whose label was not recognized (OCR, an unknown misspelling): when
    // the values up to the next label are printed one table row per expected
    // row, seven values each, they are those rows in template order.
    // In a table whose rows are rows of the grid, the values printed in the
    // label's own row are its values; any others up to the next label are
    // digits of a repeated header or of the next label (OCR drops the "." of
    // "5.属于…"), or the rows of labels not recognized.
    if (i + 1 < chain.size() && atoms.size() > (size_t)kT2Cols) {
      auto row_of = [&](size_t cpos) {
        int t = st.tok[st.spos(cpos)];
        return t >= 0 ? st.tokens[t].row_id : -1;
      };
      int own = row_of(a.cb), next_label = row_of(chain[i + 1].cb);
      std::vector<int> missing;
      for (int sl = a.slot + 1; sl < chain[i + 1].slot; ++sl) {
        int mr = t2_slot_row(sl);
        if (sl == kT2GroupSixSlot) mr = single_six ? R_OTHER_OTHER : -1;
        else if (single_six && mr >= R_OTHER_NO_CORRECTION && mr <= R_OTHER_OTHER) mr = -1;
        if (mr >= 0) missing.push_back(mr);
      }
      std::vector<std::vector<Atom>> groups;
      for (const auto& at : atoms) {
        if (at.row_id == next_label) break;
        if (groups.empty() || groups.back().back().row_id != at.row_id) groups.emplace_back();
        groups.back().push_back(at);
      }
      bool own_row = !groups.empty() && groups[0][0].row_id == own && groups[0].size() == (size_t)kT2Cols;
      bool fits = own_row && !missing.empty() && groups.size() == missing.size() + 1;
      for (const auto& g : groups) fits = fits && g.size() == (size_t)kT2Cols;
      if (fits)
        for (size_t k = 0; k < missing.size(); ++k) row_atoms[missing[k]] = groups[k + 1];
      if (own_row) atoms = groups[0];
    }
    if (i + 1 == chain.size() && atoms.size() > (size_t)kT2Cols) {
      // The last row runs up to the next section: keep only its own values,
      // those printed in the row of its first value.
      size_t first = 0;
      while (first < atoms.size() && atoms[first].kind != Atom::Num) ++first;
      std::vector<Atom> own;
      if (first < atoms.size())
        for (const auto& at : atoms)
          if (at.row_id == atoms[first].row_id) own.push_back(at);
      size_t values = 0;
      bool cut = false;  // the row runs off the page: its values end there
      for (const auto& at : own) {
        values += at.kind != Atom::Blank;
        cut = cut || at.kind == Atom::Unread;
      }
      bool glued = is_glued_row({atoms[0]}, kT2Cols);
      if (glued) atoms.resize(1);
      else if (cut || values >= (size_t)kT2Cols || own.size() >= (size_t)kT2Cols) atoms = own;
      else atoms.resize(kT2Cols);
    }
    if (i + 1 == chain.size() && !atoms.empty()) {
      // find where the last kept atom ends, roughly: the table ends after it
      end = std::max(end, a.ce);
    }
    row_atoms[row] = std::move(atoms);
  }
  if (single_six) {
    for (int c = 0; c < kT2Cols; ++c) {
      r.applications[R_OTHER_NO_CORRECTION][c].status = CellStatus::Absent;
      r.applications[R_OTHER_NO_FEE][c].status = CellStatus::Absent;
    }
  }

  // Did the layout lose every cell boundary?
  int glued = 0, with_values = 0;
  for (auto& [row, atoms] : row_atoms) {
    if (atoms.empty()) continue;
    ++with_values;
    // A run a digit or two short of the columns is glued too: columns lost
    // with their header (a row of single digits then runs to 6 or 5).
    if (is_glued_row(atoms, kT2Cols - 2)) ++glued;
  }
  bool rt = with_values > 0 && glued * 2 > with_values;
  *run_together = rt;

  if (!rt) {
    int hidden_max = 0, cut_line = 0;
    std::vector<std::string> cut;
    for (auto& [row, atoms] : row_atoms) {
      Cell* cells[kT2Cols];
      for (int c = 0; c < kT2Cols; ++c) cells[c] = &r.applications[row][c];
      if (int hidden = cut_cells(atoms, kT2Cols)) {
        hidden_max = std::max(hidden_max, hidden);
        if (!cut_line) cut_line = first_line(atoms);
        for (int c = kT2Cols - hidden; c < kT2Cols; ++c) cut.push_back(t2_path(row, c));
      }
      int extra = assign_cells(atoms, cells, kT2Cols);
      if (extra > 0)
        add_diag(r, Rule::R_EXTRA_VALUES,
                 std::string("表二“") + kT2RowLabels[row] + "”一行读到的数字多于 7 个，已取最后 7 个",
                 first_line(atoms));
      if (atoms.size() != (size_t)kT2Cols) doubt_ocr_cells(cells, kT2Cols);
    }
    add_clipped(r, "表二", hidden_max, cut_line, std::move(cut));
    // Rows short of values: where their blanks went, by the header or by the arithmetic.
    place_short_rows(r, row_atoms, single_six, t2_header_absent_columns(st, from, chain.front().cb));
    return end;
  }

  // Run-together: enumerate the splits of each row's digits that satisfy its
  // row total, then keep the combinations that satisfy the column relations.
  std::map<int, std::vector<std::vector<double>>> cands;
  std::map<int, int> lines;
  RelationProbe probe(single_six);
  for (auto& [row, atoms] : row_atoms) {
    std::u32string d = digits_of(atoms);
    lines[row] = first_line(atoms);
    if (d.empty()) continue;
    cands[row] = split_digits(d, kT2Cols, [&, row = row](const std::vector<double>& v) {
      probe.set_t2_row(row, v);
      return probe.t2_row_holds(row);
    });
  }
  probe.clear();
  // Several rows whose digits make no 7 numbers satisfying their totals: the
  // table lost a column (or its digits), and a row that still splits one way
  // by its own total splits by chance. Nothing of the table is split then.
  int unsplit = 0;
  for (auto& [row, atoms] : row_atoms)
    if (!atoms.empty() && (!cands.count(row) || cands[row].empty())) ++unsplit;
  const bool lost_column = unsplit >= 3;
  if (lost_column)
    for (auto& [row, cs] : cands) cs.clear();
  std::vector<int> rows;
  for (auto& [row, cs] : cands)
    if (!cs.empty()) rows.push_back(row);
  double product = 1;
  for (int row : rows) product *= cands[row].size();
  std::vector<int> out_rows;
  for (int k = R_GRANTED; k <= R_OTHER_OTHER; ++k)
    if (!(single_six && (k == R_OTHER_NO_CORRECTION || k == R_OTHER_NO_FEE))) out_rows.push_back(k);
  auto has = [&](int row) { return cands.count(row) && !cands[row].empty(); };
  bool can_sum = has(R_TOTAL);
  for (int k : out_rows) can_sum = can_sum && has(k);
  bool can_bal = has(R_NEW) && has(R_CARRIED_OVER) && has(R_TOTAL) && has(R_CARRIED_FORWARD);

  // agreed[row][col]: value if every consistent combination agrees
  std::map<int, std::array<std::set<double>, kT2Cols>> seen, seen_text;
  size_t consistent = 0, consistent_text = 0;
  // Figures the text states for the rows' 总计 (收到…申请 N 件, 予以公开 N 件 …).
  std::vector<std::pair<int, const TextFigure*>> stated;  // (row, figure)
  const std::vector<TextFigure> figures = text_figures(r);
  for (const auto& f : figures)
    for (int row : rows)
      if (f.cell == t2_path(row, kT2Cols - 1)) stated.emplace_back(row, &f);
  if (product <= 200000 && (can_sum || can_bal)) {
    // An odometer over the rows' readings: only the rows whose reading
    // changed are set again; the candidates and the sets of values seen are
    // reached by position, not looked up per combination.
    const size_t nr = rows.size();
    std::vector<const std::vector<std::vector<double>>*> cand_of(nr);
    std::vector<std::array<std::set<double>, kT2Cols>*> seen_of(nr), seen_text_of(nr);
    for (size_t k = 0; k < nr; ++k) {
      cand_of[k] = &cands[rows[k]];
      seen_of[k] = &seen[rows[k]];
      seen_text_of[k] = &seen_text[rows[k]];
    }
    std::vector<std::pair<size_t, const TextFigure*>> stated_at;  // (position in rows, figure)
    for (const auto& [row, f] : stated)
      stated_at.emplace_back(std::find(rows.begin(), rows.end(), row) - rows.begin(), f);
    std::vector<size_t> idx(nr, 0);
    size_t changed = nr;  // rows [0, changed) hold a new reading
    while (true) {
      for (size_t k = 0; k < changed; ++k) probe.set_t2_row(rows[k], (*cand_of[k])[idx[k]]);
      if (probe.t2_columns_hold()) {
        ++consistent;
        for (size_t k = 0; k < nr; ++k) {
          const std::vector<double>& v = (*cand_of[k])[idx[k]];
          for (int c = 0; c < kT2Cols; ++c) (*seen_of[k])[c].insert(v[c]);
        }
        bool agrees = !stated_at.empty();
        for (const auto& [k, f] : stated_at) agrees = agrees && (*cand_of[k])[idx[k]][kT2Cols - 1] == f->value;
        if (agrees) {
          ++consistent_text;
          for (size_t k = 0; k < nr; ++k) {
            const std::vector<double>& v = (*cand_of[k])[idx[k]];
            for (int c = 0; c < kT2Cols; ++c) (*seen_text_of[k])[c].insert(v[c]);
          }
        }
      }
      size_t k = 0;
      while (k < nr && ++idx[k] == cand_of[k]->size()) idx[k++] = 0;
      if (k == nr) break;
      changed = k + 1;
    }
  }
  // The text chooses among the readings the relations allow, never beyond them.
  std::vector<int> text_lines;
  if (consistent_text > 0 && consistent_text < consistent) {
    seen.swap(seen_text);
    for (const auto& sf : stated)
      if (std::find(text_lines.begin(), text_lines.end(), sf.second->line) == text_lines.end())
        text_lines.push_back(sf.second->line);
  }
  if (consistent == 0) {
    seen.clear();
    for (int row : rows)
      for (const auto& cand : cands[row])
        for (int c = 0; c < kT2Cols; ++c) seen[row][c].insert(cand[c]);
  }
  std::vector<std::string> from_text;
  for (int row : rows) {
    std::vector<std::string> via = {std::string(rule_id(Rule::T2_ROW_TOTAL)) + "@" + kT2RowKeys[row]};
    if (consistent) {
      via.push_back(rule_id(Rule::T2_RESULT_SUM));
      via.push_back(rule_id(Rule::T2_BALANCE));
    }
    for (int ln : text_lines) via.push_back("TEXT@" + std::to_string(ln));
    std::vector<std::string> unresolved, split;
    for (int c = 0; c < kT2Cols; ++c) {
      Cell& cell = r.applications[row][c];
      if (seen[row][c].size() == 1) {
        mark_split(cell, *seen[row][c].begin(), lines[row], via);
        split.push_back(t2_path(row, c));
        if (!text_lines.empty()) from_text.push_back(t2_path(row, c));
      } else {
        cell.line = lines[row];
        unresolved.push_back(t2_path(row, c));
      }
    }
    if (unresolved.empty() && text_lines.empty())
      add_diag(r, Rule::R_SPLIT,
               std::string("表二“") + kT2RowLabels[row] + "”一行的数字连在一起印出，按表内勾稽关系只有一种拆分，已按此拆分",
               lines[row], split);
    if (!unresolved.empty())
      add_diag(r, Rule::R_SPLIT_AMBIGUOUS,
               std::string("表二“") + kT2RowLabels[row] +
                   "”一行的数字连在一起，按表内勾稽关系有多种拆分方式，无法唯一确定的单元格置为空",
               lines[row], unresolved);
  }
  if (!from_text.empty())
    add_diag(r, Rule::R_TEXT_SPLIT,
             "表二连在一起的数字按勾稽关系有多种拆分方式，已按正文第 " + join_lines(text_lines) + " 行所述件数确定",
             lines.begin()->second, from_text);
  // A row whose digits split into no 7 numbers that satisfy its total (a
  // column lost, or too few digits): none of its cells can be read.
  for (auto& [row, atoms] : row_atoms) {
    if (has(row) || atoms.empty()) continue;
    std::vector<std::string> cells;
    for (int c = 0; c < kT2Cols; ++c) {
      Cell& cell = r.applications[row][c];
      if (cell.status == CellStatus::Absent) continue;
      cell.value.reset();
      cell.status = CellStatus::Missing;
      cell.line = lines[row];
      cells.push_back(t2_path(row, c));
    }
    add_diag(r, Rule::R_SPLIT_AMBIGUOUS,
             std::string("表二“") + kT2RowLabels[row] +
                 (lost_column ? "”一行的数字连在一起；表二有 " + std::to_string(unsplit) +
                                    " 行无法拆分为满足行合计的 7 个数，疑似缺列，本行各单元格置为空"
                              : std::string("”一行的数字连在一起，无法拆分为满足行合计的 7 个数，本行各单元格置为空")),
             lines[row], cells);
  }
  return end;
}

// ---------------------------------------------------------------- Table 3
size_t read_table3(const Stream& st, size_t from, size_t to, bool run_together, Report& r) {
  if (from >= to) return 0;
  size_t last_hdr = 0;
  bool any = false;
  size_t first_hdr = to;
  for (const auto& k : t3_header_keys()) {
    for (size_t p : find_all(st.c, k, from, to)) {
      any = true;
      last_hdr = std::max(last_hdr, p + k.size());
      first_hdr = std::min(first_hdr, p);
    }
  }
  if (!any) return 0;
  const int n = kT3Rows * kT3Cols;
  std::vector<Atom> atoms = atoms_in(st, st.spos_after(last_hdr), st.spos(to), 0);
  resolve_weak_blanks(atoms, n);
  if (atoms.size() < (size_t)n) {
    // The table printed as three (行政复议 / 未经复议直接起诉 / 复议后起诉), each with
    // its own header (converter output): the values between the headers, in
    // order, when they make up the fifteen. Blank padding cells of header
    // rows are no values.
    // When the headers stand in table grids, only those count: the words in a
    // sentence before the tables ("本年度发生行政复议0件，行政诉讼5件。") are no header.
    std::vector<std::pair<size_t, size_t>> hdrs;
    auto in_table = [&](size_t cpos) {
      size_t sp = st.spos(cpos);
      return sp < st.tok.size() && st.tok[sp] >= 0 && st.tokens[st.tok[sp]].in_table;
    };
    bool any_in_table = false;
    for (const auto& k : t3_header_keys())
      for (size_t p : find_all(st.c, k, from, to)) {
        hdrs.emplace_back(p, p + k.size());
        any_in_table = any_in_table || in_table(p);
      }
    if (any_in_table)
      hdrs.erase(std::remove_if(hdrs.begin(), hdrs.end(), [&](const auto& h) { return !in_table(h.first); }),
                 hdrs.end());
    std::sort(hdrs.begin(), hdrs.end());
    std::vector<Atom> gathered;
    size_t prev_end = 0;
    bool started = false;
    for (size_t h = 0; h <= hdrs.size(); ++h) {
      size_t gap_end = h < hdrs.size() ? hdrs[h].first : to;
      if (started && gap_end > prev_end) {
        std::vector<Atom> g = atoms_in(st, st.spos_after(prev_end), st.spos(gap_end), 0);
        std::set<int> value_rows;
        for (const auto& at : g)
          if (at.kind == Atom::Num) value_rows.insert(at.row_id);  // "、" between header words is no value
        for (const auto& at : g)
          if (value_rows.count(at.row_id) && at.kind != Atom::WeakBlank) gathered.push_back(at);
      }
      if (h < hdrs.size()) {
        prev_end = std::max(prev_end, hdrs[h].second);
        started = true;
      }
    }
    if (gathered.size() == (size_t)n) atoms = std::move(gathered);
  }
  if (atoms.empty()) return 0;
  r.t3_found = true;
  r.t3_line = st.line_at(st.spos(first_hdr));
  Cell* cells[n];
  for (int i = 0; i < n; ++i) cells[i] = &r.appeals[i / kT3Cols][i % kT3Cols];
  // Keep what belongs to the table: up to 15 values (or one glued run).
  if (atoms.size() > (size_t)n) atoms.resize(n);
  bool glued = atoms.size() < (size_t)n && is_glued_row({atoms[0]}, n) &&
               (run_together || atoms.size() == 1);
  if (glued) {
    RelationProbe probe;
    auto cands = split_digits(atoms[0].text, n, [&](const std::vector<double>& v) {
      probe.set_t3(v);
      return probe.t3_holds();
    });
    std::vector<std::string> unresolved, split;
    for (int i = 0; i < n; ++i) {
      bool same = !cands.empty();
      for (const auto& c : cands) same = same && c[i] == cands[0][i];
      if (same) {
        mark_split(*cells[i], cands[0][i], atoms[0].line, {rule_id(Rule::T3_ROW_TOTAL)});
        split.push_back(t3_path(i / kT3Cols, i % kT3Cols));
      } else {
        cells[i]->line = atoms[0].line;
        unresolved.push_back(t3_path(i / kT3Cols, i % kT3Cols));
      }
    }
    if (unresolved.empty())
      add_diag(r, Rule::R_SPLIT,
               "表三的数字“" + utf8::from_u32(atoms[0].text) + "”连在一起印出，按行合计只有一种拆分，已按此拆分",
               atoms[0].line, split);
    if (!unresolved.empty())
      add_diag(r, Rule::R_SPLIT_AMBIGUOUS,
               "表三的数字连在一起，按行合计有多种拆分方式，无法唯一确定的单元格置为空", atoms[0].line,
               unresolved);
    return to;
  }
  if (int hidden = cut_cells(atoms, n)) {
    std::vector<std::string> cut;
    for (int i = n - hidden; i < n; ++i) cut.push_back(t3_path(i / kT3Cols, i % kT3Cols));
    add_clipped(r, "表三", hidden, first_line(atoms), std::move(cut));
  }
  assign_cells(atoms, cells, n);
  if (atoms.size() != (size_t)n) doubt_ocr_cells(cells, n);
  return to;
}

}  // namespace gk
