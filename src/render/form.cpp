// Fill-in forms (JSON and XLSX). The XLSX sheet lays the three grids of
// tables.cpp out one below the other, so its labels and merges are exactly
// those of the rendered report.
#include "render/form.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <xlsxwriter.h>

#include "model/json.h"
#include "model/relations.h"
#include "register/date.h"
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
      "若填写，程序核对其与各项之和是否一致。第六部分的信息处理费填在 fee：发出收费通知的件数（notices）、"
      "总金额（notice_amount_yuan，元）、实际收取的总金额（collected_yuan，元）；落款日期填在 publication_date（如 2025-01-15）。"
      "未填写的部分在报告中显示为【待填写：…】，不会代为填写。生成报告：gongkai render 本文件 --format docx -o 报告.docx";
  j["schema_version"] = 1;
  j["agency"] = "";
  j["year"] = nullptr;
  j["template"] = "2021";
  j["publication_date"] = "";
  j["fee"] = {{"notices", nullptr}, {"notice_amount_yuan", nullptr}, {"collected_yuan", nullptr}};
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

bool is_json_form(const json& j) { return j.is_object() && (j.contains("fee") || j.contains("说明")); }

Report read_json_form(const json& j) {
  Report r = from_json(j);
  if (!j.is_object()) return r;
  FeeFields fee;
  if (j.contains("fee") && j["fee"].is_object()) {
    const json& f = j["fee"];
    auto field = [&](const char* key, const char* label, bool integer) -> std::optional<double> {
      if (!f.contains(key) || f[key].is_null()) return std::nullopt;
      if (f[key].is_string() && f[key].get<std::string>().empty()) return std::nullopt;
      if (!f[key].is_number() || f[key].get<double>() < 0 ||
          (integer && f[key].get<double>() != static_cast<double>(static_cast<long long>(f[key].get<double>()))))
        throw std::runtime_error(std::string("fee.") + key + "（" + label + "）应为不小于 0 的" + (integer ? "整数" : "数") +
                                 "，而不是 " + f[key].dump());
      return f[key].get<double>();
    };
    fee.notices = field("notices", "发出收费通知的件数", true);
    fee.notice_amount_yuan = field("notice_amount_yuan", "收费通知总金额", false);
    fee.collected_yuan = field("collected_yuan", "实际收取的总金额", false);
  }
  apply_fee_fields(r, fee);
  if (!r.publication_date.empty()) {
    auto d = reg::parse_date(r.publication_date);
    if (!d) throw std::runtime_error("落款日期（publication_date）“" + r.publication_date + "”不是有效日期，应如 2025-01-15");
    r.publication_date = d->iso();
  }
  return r;
}

FeeRows xlsx_fee_rows() {
  auto placed = place_grids(blank_report());
  const Placed& last = placed.back();
  int head = last.top + last.grid.rows + 1;
  return {head + 1, head + 2, head + 3};
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
  lxw_format* date_field = fmt(false, true, true, false);
  format_set_num_format(date_field, "yyyy-mm-dd");
  worksheet_write_string(ws, kFormDateRow, 0, "落款日期", label);
  worksheet_write_blank(ws, kFormDateRow, 1, date_field);
  worksheet_write_string(ws, kFormDateRow, 2, "如 2025-01-15；不填则报告落款处显示【待填写：落款日期】", plain);
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
  // Page layout: A4 landscape, one page wide, each table on its own page;
  // labels wrap inside their cells, rows tall enough for the longest one.
  const double widths[15] = {22, 16, 30, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
  std::map<int, double> height;  // sheet row -> points
  for (const auto& p : placed)
    for (const auto& c : p.grid.cells) {
      if (!c.path.empty()) continue;
      double w = 0;
      for (int k = c.col; k < c.col + c.colspan && k < 15; ++k) w += widths[k];
      double units = 0;  // a CJK character is about two width units of SimSun 10pt
      for (size_t i = 0; i < c.text.size();) {
        unsigned char b = static_cast<unsigned char>(c.text[i]);
        int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        units += len >= 3 ? 2.0 : 1.1;
        i += len;
      }
      int lines = static_cast<int>((units + 1) / std::max(1.0, w - 1)) + 1;
      double need = 14.0 * lines / c.rowspan;
      for (int k = 0; k < c.rowspan; ++k) {
        int row = p.top + c.row + k;
        height[row] = std::max(height[row], std::max(15.0, need));
      }
    }
  for (const auto& [row, h] : height) worksheet_set_row(ws, row, h, nullptr);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
  worksheet_center_horizontally(ws);
  lxw_row_t breaks[3];
  breaks[0] = static_cast<lxw_row_t>(placed[1].top - 1);
  breaks[1] = static_cast<lxw_row_t>(placed[2].top - 1);
  breaks[2] = 0;
  worksheet_set_h_pagebreaks(ws, breaks);

  // Input checks: counts are non-negative integers, the fee (万元) a
  // non-negative decimal, the year a year, the date a date.
  auto validate_count = [&](int row, int col, bool integer, const char* what) {
    lxw_data_validation v{};
    v.validate = integer ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
    v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
    v.value_number = 0;
    v.error_title = const_cast<char*>(what);
    v.error_message = const_cast<char*>(integer ? "请填写不小于 0 的整数" : "请填写不小于 0 的数");
    worksheet_data_validation_cell(ws, row, col, &v);
  };
  for (const auto& p : placed)
    for (const auto& c : p.grid.cells)
      if (!c.path.empty() && !is_total(c.path))
        validate_count(p.top + c.row, c.col, c.path != "proactive.fees_wan_yuan", "数字");
  {
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_INTEGER;
    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    v.minimum_number = 2000;
    v.maximum_number = 2100;
    v.error_title = const_cast<char*>("报告年度");
    v.error_message = const_cast<char*>("请填写四位年份，如 2024");
    worksheet_data_validation_cell(ws, kFormYearRow, kFormValueCol, &v);
    lxw_data_validation d{};
    d.validate = LXW_VALIDATION_TYPE_DATE;
    d.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    d.minimum_datetime = {2000, 1, 1, 0, 0, 0};
    d.maximum_datetime = {2100, 12, 31, 0, 0, 0};
    d.error_title = const_cast<char*>("落款日期");
    d.error_message = const_cast<char*>("请填写日期，如 2025-01-15");
    worksheet_data_validation_cell(ws, kFormDateRow, kFormValueCol, &d);
  }
  // Section 六: the fee statement as three fields.
  FeeRows fee = xlsx_fee_rows();
  worksheet_write_string(ws, fee.notices - 1, 0, "六、其他需要报告的事项：政府信息公开信息处理费", heading);
  const std::pair<int, const char*> fee_fields[] = {{fee.notices, "发出收费通知的件数"},
                                                    {fee.notice_amount, "收费通知总金额（元）"},
                                                    {fee.collected, "实际收取的总金额（元）"}};
  for (const auto& [row, text] : fee_fields) {
    worksheet_write_string(ws, row, 0, text, label);
    worksheet_write_blank(ws, row, kFormValueCol, row == fee.notices ? input : money);
    validate_count(row, kFormValueCol, row == fee.notices, text);
  }
  worksheet_write_string(ws, fee.collected + 1, 0,
                         "三项都填写后，报告第六部分写明收费情况；不填则显示【待填写：…】。", plain);
  worksheet_print_area(ws, 0, 0, fee.collected + 1, 14);

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

  // Only the yellow cells can be changed: the labels and the total formulas are locked.
  worksheet_protect(ws, nullptr, nullptr);

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
  worksheet_set_paper(texts, 9);
  worksheet_set_landscape(texts);
  worksheet_fit_to_pages(texts, 1, 0);
  worksheet_protect(texts, nullptr, nullptr);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("写入 XLSX 失败：" + path);
}

}  // namespace gk::render
