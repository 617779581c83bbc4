// Fill-in forms (JSON and XLSX). The XLSX sheet lays the three grids of
// tables.cpp out one below the other, so its labels and merges are exactly
// those of the rendered report.
#include "render/form.h"

#include <map>
#include <stdexcept>

#include <xlsxwriter.h>

#include "model/json.h"
#include "model/relations.h"
#include "render/layout.h"

namespace gk::render {

using nlohmann::json;

namespace {

// Cells the program computes: those a relation of the model defines (总计
// column, （七）总计 row, 四 row, Table 3 总计), each with the formula that
// relation gives. Where two relations define one cell (（七）总计 × 总计) the
// later one in the model's order (the column relation) makes the formula.
struct Formula {
  const Equation* eq = nullptr;
};
std::map<std::string, Formula> defined_totals(std::vector<Equation>& eqs) {
  std::map<std::string, Formula> out;
  for (const auto& e : eqs) out[*e.terms[e.defines].path].eq = &e;
  return out;
}

Report blank_shape() {
  Report r;
  for (auto& ref : all_cells(r)) ref.cell->value = 0.0;
  return r;
}

bool is_total(const std::string& path) {
  static const std::map<std::string, Formula> totals = [] {
    static Report shape = blank_shape();
    static std::vector<Equation> eqs = table_equations(shape);
    return defined_totals(eqs);
  }();
  return totals.count(path) > 0;
}

Report blank_report() {
  Report r;
  for (auto& ref : all_cells(r)) {
    if (is_total(ref.path)) continue;
    ref.cell->value = 0.0;
    ref.cell->status = CellStatus::Printed;
  }
  for (int i = 0; i < 6; ++i) r.sections[i].number = i + 1;
  r.sections[5].text = kFeeStatement;
  return r;
}

std::string col_name(int c) {
  std::string s;
  for (++c; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}
std::string ref(int row, int col) { return col_name(col) + std::to_string(row + 1); }

struct Placed {
  const char* heading;
  Grid grid;
  int top;  // sheet row of grid row 0
};

// The three grids, placed below the identity block with a heading row each.
std::vector<Placed> place_grids(const Report& r) {
  std::vector<Placed> out;
  int row = 5;
  const char* heads[3] = {"二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                          "四、政府信息公开行政复议、行政诉讼情况"};
  Grid grids[3] = {table1_grid(r), table2_grid(r), table3_grid(r)};
  for (int i = 0; i < 3; ++i) {
    out.push_back({heads[i], grids[i], row + 1});
    row += 1 + grids[i].rows + 1;
  }
  return out;
}

}  // namespace

json json_form() {
  Report r = blank_report();
  json full = gk::to_json(r, true);
  json j;
  j["说明"] =
      "政府信息公开工作年度报告填报表：填写机关名称（agency）、年度（year）、各表数字和各部分文字（sections）；"
      "“总计”列、“（七）总计”行、“四、结转下年度继续办理”行和表三“总计”留空（null）即可，由程序计算；"
      "若填写，程序核对其与各项之和是否一致。生成报告：gongkai render 本文件 --format docx -o 报告.docx";
  j["schema_version"] = 1;
  j["agency"] = "";
  j["year"] = nullptr;
  j["template"] = "2021";
  j["proactive"] = full["proactive"];
  j["applications"] = full["applications"];
  j["appeals"] = full["appeals"];
  json secs = json::array();
  for (int i = 0; i < 6; ++i)
    secs.push_back({{"number", i + 1},
                    {"heading", std::string(chinese_numeral(i + 1)) + std::string(standard_heading(i + 1))},
                    {"text", r.sections[i].text}});
  j["sections"] = secs;
  return j;
}

std::vector<FormCellPos> xlsx_form_positions() {
  std::vector<FormCellPos> out;
  for (const auto& p : place_grids(blank_report()))
    for (const auto& c : p.grid.cells)
      if (!c.path.empty()) out.push_back({c.path, p.top + c.row, c.col});
  return out;
}

void write_xlsx_form(const std::string& path) {
  Report r = blank_report();
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("无法创建文件：" + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "填报表");
  lxw_worksheet* texts = workbook_add_worksheet(wb, "文字部分");

  auto fmt = [&](bool bold, bool border, bool input, bool wrap) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "SimSun");
    format_set_font_size(f, 10);
    if (bold) format_set_bold(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    if (wrap) format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_CENTER);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (input) {
      format_set_bg_color(f, 0xFFF2CC);
      format_set_unlocked(f);
    }
    return f;
  };
  lxw_format* title = fmt(true, false, false, false);
  format_set_font_size(title, 14);
  lxw_format* label = fmt(false, true, false, true);
  lxw_format* input = fmt(false, true, true, false);
  lxw_format* total = fmt(true, true, false, false);
  lxw_format* heading = fmt(true, false, false, false);
  format_set_align(heading, LXW_ALIGN_LEFT);
  lxw_format* plain = fmt(false, false, false, false);
  format_set_align(plain, LXW_ALIGN_LEFT);
  lxw_format* field = fmt(false, true, true, false);
  format_set_align(field, LXW_ALIGN_LEFT);
  lxw_format* money = fmt(false, true, true, false);
  format_set_num_format(money, "0.00##");

  worksheet_merge_range(ws, 0, 0, 0, 14, "政府信息公开工作年度报告 填报表", title);
  worksheet_write_string(ws, 1, 0,
                         "黄色单元格填写数字；“总计”、“（七）总计”、“四、结转下年度继续办理”由公式计算。",
                         plain);
  worksheet_write_string(ws, kFormAgencyRow, 0, "机关名称", label);
  worksheet_merge_range(ws, kFormAgencyRow, 1, kFormAgencyRow, 6, "", field);
  worksheet_write_string(ws, kFormYearRow, 0, "报告年度", label);
  worksheet_write_blank(ws, kFormYearRow, 1, field);
  worksheet_set_column(ws, 0, 0, 22, nullptr);
  worksheet_set_column(ws, 1, 1, 16, nullptr);
  worksheet_set_column(ws, 2, 2, 30, nullptr);
  worksheet_set_column(ws, 3, 14, 9, nullptr);

  std::map<std::string, std::string> where;  // record path -> A1 reference
  auto placed = place_grids(r);
  for (const auto& p : placed)
    for (const auto& c : p.grid.cells)
      if (!c.path.empty()) where[c.path] = ref(p.top + c.row, c.col);

  for (const auto& p : placed) {
    worksheet_write_string(ws, p.top - 1, 0, p.heading, heading);
    for (const auto& c : p.grid.cells) {
      int r0 = p.top + c.row, c0 = c.col, r1 = r0 + c.rowspan - 1, c1 = c0 + c.colspan - 1;
      lxw_format* f = c.path.empty() ? label : is_total(c.path) ? total : input;
      if (c.path == "proactive.fees_wan_yuan") f = money;
      if (r1 > r0 || c1 > c0) worksheet_merge_range(ws, r0, c0, r1, c1, "", f);
      if (c.path.empty()) {
        worksheet_write_string(ws, r0, c0, c.text.c_str(), f);
      } else if (!is_total(c.path)) {
        worksheet_write_number(ws, r0, c0, 0, f);
      }
    }
    if (p.grid.id == "t2") worksheet_set_row(ws, p.top, 30, nullptr);
  }
  // Formulas for the totals.
  auto formula = [&](const std::string& path, const std::string& expr) {
    const std::string& a1 = where.at(path);
    int row = std::stoi(a1.substr(a1.find_first_of("0123456789"))) - 1;
    std::string letters = a1.substr(0, a1.find_first_of("0123456789"));
    int col = 0;
    for (char ch : letters) col = col * 26 + (ch - 'A' + 1);
    worksheet_write_formula(ws, row, col - 1, ("=" + expr).c_str(), total);
  };
  std::vector<Equation> eqs = table_equations(r);
  for (const auto& [path, f] : defined_totals(eqs)) {
    // total = Σ (−coef_i / coef_total) · term_i over the other terms.
    const Equation& e = *f.eq;
    int tc = e.terms[e.defines].coef;
    std::string expr;
    for (size_t i = 0; i < e.terms.size(); ++i) {
      if ((int)i == e.defines) continue;
      bool plus = -e.terms[i].coef * tc < 0 ? false : true;
      if (expr.empty()) expr = plus ? "" : "-";
      else expr += plus ? "+" : "-";
      expr += where.at(*e.terms[i].path);
    }
    formula(path, expr);
  }

  // Section texts.
  worksheet_set_column(texts, 0, 0, 36, nullptr);
  worksheet_set_column(texts, 1, 1, 100, nullptr);
  lxw_format* wrap = fmt(false, true, true, true);
  format_set_align(wrap, LXW_ALIGN_LEFT);
  worksheet_write_string(texts, 0, 0, "部分", heading);
  worksheet_write_string(texts, 0, 1, "正文（可多段，段间换行）", heading);
  for (int s = 1; s <= 6; ++s) {
    std::string h = std::string(chinese_numeral(s)) + std::string(standard_heading(s));
    worksheet_write_string(texts, s, 0, h.c_str(), label);
    worksheet_write_string(texts, s, 1, r.sections[s - 1].text.c_str(), wrap);
    worksheet_set_row(texts, s, 60, nullptr);
  }
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("写入 XLSX 失败：" + path);
}

}  // namespace gk::render
