#include "register/workbook.h"

#include <stdexcept>

#include <xlsxwriter.h>

namespace gk::reg {

namespace {

const char* const kColumnHelp[kColumns] = {
    "必填。本机关给每件申请的编号，台账内不得重复。",
    "必填。收到申请之日（条例第三十一条：当面提交为提交之日，邮寄为签收之日，网络提交为确认之日）。格式 2024-03-08。",
    "选填。当面、网络、信函、传真、电子邮件、其他。",
    "必填。表二的申请人类型：自然人；法人或其他组织分为商业企业、科研机构、社会公益组织、法律服务机构、其他。",
    "选填。申请公开的政府信息。",
    "填“是”或“否”（空白为否）。上一年收到、本年1月1日仍未办结的申请填“是”。",
    "表二“三、本年度办理结果”中的一项（如予以公开、部分公开、属于国家秘密、本机关不掌握相关政府信息）；未办结填“办理中”或留空。",
    "已办结的申请必填，不得早于收到申请日期；次年才答复的申请计入“结转下年度继续办理”。",
    "填“是”或“否”。经政府信息公开工作机构负责人同意延长答复期限的（条例第三十三条第二款，最长20个工作日）。",
    "填“是”或“否”。是否发出信息处理费收费通知（国办函〔2020〕109号）。",
    "选填。收费通知的金额，单位元，不小于0。",
    "填“是”或“否”。申请人是否已按收费通知缴费。",
    "选填。"};

}  // namespace

void write_register_xlsx(const std::string& path, const Register* reg) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("无法创建文件：" + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "台账");
  lxw_worksheet* help = workbook_add_worksheet(wb, "填写说明");
  lxw_worksheet* opts = workbook_add_worksheet(wb, "选项");

  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_font_name(head, "SimSun");
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  format_set_text_wrap(head);
  format_set_align(head, LXW_ALIGN_CENTER);
  format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* text = workbook_add_format(wb);
  format_set_font_name(text, "SimSun");
  format_set_num_format(text, "@");
  lxw_format* date = workbook_add_format(wb);
  format_set_font_name(date, "SimSun");
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* money = workbook_add_format(wb);
  format_set_font_name(money, "SimSun");
  format_set_num_format(money, "0.00");
  lxw_format* wrap = workbook_add_format(wb);
  format_set_font_name(wrap, "SimSun");
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

  const double widths[kColumns] = {14, 13, 9, 14, 30, 9, 30, 13, 9, 9, 12, 8, 16};
  for (int c = 0; c < kColumns; ++c) {
    lxw_format* f = (c == kColReceived || c == kColReplied) ? date : c == kColFeeAmount ? money : text;
    worksheet_set_column(ws, c, c, widths[c], f);
    worksheet_write_string(ws, 0, c, (std::string(kColumnHeaders[c]) + (column_required(c) ? "*" : "")).c_str(), head);
  }
  worksheet_set_row(ws, 0, 30, nullptr);
  worksheet_freeze_panes(ws, 1, 1);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, 0, 0);

  // Option lists (sheet 选项), referenced by the drop-downs.
  worksheet_write_string(opts, 0, 0, "申请人类型", head);
  for (int c = 0; c < kApplicantTypes; ++c) worksheet_write_string(opts, c + 1, 0, kT2ColLabels[c], nullptr);
  worksheet_write_string(opts, 0, 1, "办理结果", head);
  int n = 1;
  worksheet_write_string(opts, n++, 1, "办理中", nullptr);
  for (int r = kOutcomeFirst; r <= kOutcomeLast; ++r) worksheet_write_string(opts, n++, 1, outcome_name(r).c_str(), nullptr);
  worksheet_write_string(opts, 0, 2, "申请渠道", head);
  for (size_t i = 0; i < kChannels.size(); ++i) worksheet_write_string(opts, static_cast<int>(i) + 1, 2, kChannels[i], nullptr);
  worksheet_write_string(opts, 0, 3, "是否", head);
  worksheet_write_string(opts, 1, 3, "是", nullptr);
  worksheet_write_string(opts, 2, 3, "否", nullptr);
  worksheet_set_column(opts, 0, 3, 28, nullptr);

  const lxw_row_t last = 1048575;
  auto list = [&](int col, const std::string& range, const char* title) {
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    std::string f = "=选项!" + range;
    v.value_formula = const_cast<char*>(f.c_str());
    v.error_title = const_cast<char*>(title);
    v.error_message = const_cast<char*>("请从下拉列表中选择");
    worksheet_data_validation_range(ws, 1, col, last, col, &v);
  };
  list(kColApplicant, "$A$2:$A$7", "申请人类型");
  list(kColOutcome, "$B$2:$B$" + std::to_string(n), "办理结果");
  list(kColChannel, "$C$2:$C$7", "申请渠道");
  for (int col : {kColCarried, kColExtended, kColFeeNotice, kColFeePaid}) list(col, "$D$2:$D$3", kColumnHeaders[col]);
  for (int col : {kColReceived, kColReplied}) {
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_DATE;
    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    v.minimum_datetime = {2000, 1, 1, 0, 0, 0};
    v.maximum_datetime = {2100, 12, 31, 0, 0, 0};
    v.error_title = const_cast<char*>(kColumnHeaders[col]);
    v.error_message = const_cast<char*>("请填写日期，如 2024-03-08");
    worksheet_data_validation_range(ws, 1, col, last, col, &v);
  }
  {
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_DECIMAL;
    v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
    v.value_number = 0;
    v.error_title = const_cast<char*>("收费金额");
    v.error_message = const_cast<char*>("请填写不小于 0 的金额（元）");
    worksheet_data_validation_range(ws, 1, kColFeeAmount, last, kColFeeAmount, &v);
  }

  // 填写说明
  worksheet_set_column(help, 0, 0, 18, nullptr);
  worksheet_set_column(help, 1, 1, 90, wrap);
  worksheet_write_string(help, 0, 0, "列", head);
  worksheet_write_string(help, 0, 1, "填写要求", head);
  for (int c = 0; c < kColumns; ++c) {
    worksheet_write_string(help, c + 1, 0, kColumnHeaders[c], nullptr);
    worksheet_write_string(help, c + 1, 1, kColumnHelp[c], wrap);
  }
  worksheet_write_string(help, kColumns + 2, 1,
                         "导入：gongkai register import 本文件 --unit 单位 --year 年度 --db 语料库.db；"
                         "有一行出错则整份不导入，逐行列出错误。",
                         wrap);

  if (reg) {
    int row = 1;
    for (const Case& c : reg->cases) {
      auto cells = case_cells(c);
      for (int col = 0; col < kColumns; ++col) {
        const std::string& v = cells[kColumnHeaders[col]];
        if (v.empty()) continue;
        if (col == kColReceived || col == kColReplied) {
          auto d = parse_date(v);
          lxw_datetime dt{d->year(), d->month(), d->day(), 0, 0, 0};
          worksheet_write_datetime(ws, row, col, &dt, date);
        } else if (col == kColFeeAmount) {
          worksheet_write_number(ws, row, col, c.fee_amount, money);
        } else {
          worksheet_write_string(ws, row, col, v.c_str(), nullptr);
        }
      }
      ++row;
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("写入 XLSX 失败：" + path);
}

std::string register_csv(const Register& reg) {
  std::string out = "\xEF\xBB\xBF";
  auto quote = [](const std::string& v) {
    if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
    std::string q = "\"";
    for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  for (int c = 0; c < kColumns; ++c) out += (c ? "," : "") + std::string(kColumnHeaders[c]);
  out += "\r\n";
  for (const Case& k : reg.cases) {
    auto cells = case_cells(k);
    for (int c = 0; c < kColumns; ++c) out += (c ? "," : "") + quote(cells[kColumnHeaders[c]]);
    out += "\r\n";
  }
  return out;
}

}  // namespace gk::reg
