// Read a filled-in XLSX form (as written by write_xlsx_form, possibly saved
// again by Excel/WPS/LibreOffice) back into a record.
#include <optional>
#include <stdexcept>
#include <string>

#include "model/relations.h"
#include "register/date.h"
#include "render/form.h"
#include "render/render.h"
#include "render/xlsx_sheet.h"
#include "util/text.h"

namespace gk::render {


Report read_xlsx_form(std::string_view bytes) {
  XlsxBook book(bytes);
  if (!book.has("填报表"))
    throw std::runtime_error("不是 gongkai 填报表：找不到工作表“填报表”（可用 gongkai template --format xlsx 生成）");
  Sheet form = book.sheet("填报表");

  Report r;
  auto at = [&](int row, int col) -> const SheetCell* {
    auto it = form.find({row, col});
    return it == form.end() ? nullptr : &it->second;
  };
  if (const SheetCell* a = at(kFormAgencyRow, kFormValueCol)) r.agency = trim(a->text);
  if (const SheetCell* y = at(kFormYearRow, kFormValueCol); y && !trim(y->text).empty()) {
    try {
      r.year = std::stoi(trim(y->text));
    } catch (...) {
      throw std::runtime_error("“报告年度”不是数字：" + y->text);
    }
  }
  for (const auto& pos : xlsx_form_positions()) {
    Cell* cell = find_cell(r, pos.path);
    const SheetCell* sc = at(pos.row, pos.col);
    if (!cell || !sc || sc->formula) continue;  // totals: recomputed on render
    std::string t = trim(sc->text);
    if (t.empty()) continue;
    try {
      size_t used = 0;
      double v = std::stod(t, &used);
      if (used != t.size()) throw std::invalid_argument(t);
      cell->value = v;
      cell->status = CellStatus::Printed;
    } catch (...) {
      throw std::runtime_error(cell_label(pos.path) + "不是数字：" + t);
    }
  }
  for (int i = 0; i < 6; ++i) r.sections[i].number = i + 1;
  if (book.has("文字部分")) {
    Sheet texts = book.sheet("文字部分");
    for (int s = 1; s <= 6; ++s) {
      auto it = texts.find({s, 1});
      if (it != texts.end()) r.sections[s - 1].text = it->second.text;
    }
  }
  // The signature date: a date cell (serial number) or typed text.
  if (const SheetCell* d = at(kFormDateRow, kFormValueCol); d && !trim(d->text).empty()) {
    std::string t = trim(d->text);
    std::optional<reg::Date> date;
    if (d->number) {
      try {
        date = reg::from_excel_serial(std::stol(t));
      } catch (...) {
      }
    } else {
      date = reg::parse_date(t);
    }
    if (!date) throw std::runtime_error("“落款日期”不是有效日期：" + t);
    r.publication_date = date->iso();
  }
  // Section 六's fee fields.
  FeeRows rows = xlsx_fee_rows();
  FeeFields fee;
  auto number = [&](int row, const char* what) -> std::optional<double> {
    const SheetCell* c = at(row, kFormValueCol);
    if (!c || trim(c->text).empty()) return std::nullopt;
    std::string t = trim(c->text);
    try {
      size_t used = 0;
      double v = std::stod(t, &used);
      if (used != t.size() || v < 0) throw std::invalid_argument(t);
      return v;
    } catch (...) {
      throw std::runtime_error(std::string("“") + what + "”应为不小于 0 的数：" + t);
    }
  };
  fee.notices = number(rows.notices, "发出收费通知的件数");
  fee.notice_amount_yuan = number(rows.notice_amount, "收费通知总金额");
  fee.collected_yuan = number(rows.collected, "实际收取的总金额");
  apply_fee_fields(r, fee);
  return r;
}

}  // namespace gk::render
