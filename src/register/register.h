// The case register (依申请公开台账): one row per application for information
// disclosure, kept per unit and year. Table 2 of the annual report is computed
// from it (table2.h), so its totals hold by construction.
//
// Column layout of an imported register (CSV or XLSX, first sheet; columns found
// by their header text, in any order; docs/register.md):
//   申请编号*  收到申请日期*  申请渠道  申请人类型*  申请内容  上年结转  办理结果  答复日期
//   延期答复  收费通知  收费金额（元）  已缴费  备注                         (* required)
#pragma once

#include <array>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/report.h"
#include "register/date.h"

namespace gk::reg {

// Columns of the register, in template order.
enum Column : int {
  kColCaseNo, kColReceived, kColChannel, kColApplicant, kColSubject, kColCarried, kColOutcome,
  kColReplied, kColExtended, kColFeeNotice, kColFeeAmount, kColFeePaid, kColNote, kColumns
};
extern const std::array<const char*, kColumns> kColumnHeaders;  // "申请编号" …
bool column_required(int col);

// Channels accepted in 申请渠道 (empty allowed).
extern const std::array<const char*, 6> kChannels;  // 当面 网络 信函 传真 电子邮件 其他

// Table 2 applicant columns 0..5 (kT2ColLabels without 总计) are the applicant types.
inline constexpr int kApplicantTypes = kT2Cols - 1;
// The outcome rows of table 2 (R_GRANTED..R_OTHER_OTHER) a case can close with.
inline constexpr int kOutcomeFirst = R_GRANTED, kOutcomeLast = R_OTHER_OTHER;

struct Case {
  std::string case_no;
  Date received;
  std::string channel;
  int applicant = 0;         // table 2 column 0..5
  std::string subject;       // 申请内容
  bool carried_over = false; // 上年结转: received in an earlier year, still open on 1 January
  int outcome = -1;          // table 2 row R_GRANTED..R_OTHER_OTHER; -1 pending (办理中)
  std::optional<Date> replied;
  bool extended = false;     // 延期答复 (第三十三条第二款)
  bool fee_notice = false;   // 收费通知 issued
  double fee_amount = 0;     // 元
  bool fee_paid = false;
  std::string note;
  int row = 0;               // source row (1-based, header = 1) for messages; 0 when none
};

struct Register {
  std::string unit;
  int year = 0;
  std::vector<Case> cases;
};

// One problem with one row, in Chinese.
struct RowError {
  int row = 0;          // 1-based row of the file (the header is row 1); 0 = the file itself
  std::string column;   // header of the column at fault, empty when none
  std::string message;
};

// A raw register as read from a file or the web UI: one map per data row,
// header text -> cell text.
struct RawRow {
  int row = 0;
  std::map<std::string, std::string> cells;
};
struct RawRegister {
  std::vector<RawRow> rows;
  std::vector<RowError> errors;  // file-level problems (missing columns, …)
};

// Read a CSV (UTF-8 with or without BOM, GB18030, UTF-16; comma or tab separated)
// or XLSX (the first sheet, or the one named 台账) register. Dates stored as
// Excel serial numbers are converted. Throws std::runtime_error (Chinese) when
// the bytes are neither.
RawRegister read_register_bytes(std::string_view bytes, const std::string& name);

// Validate every row: the result has either every case or, when any row is bad,
// none and the list of errors (all rows, all problems: nothing is half-imported).
struct Validated {
  Register reg;
  std::vector<RowError> errors;
  bool ok() const { return errors.empty(); }
};
Validated validate(const RawRegister& raw, const std::string& unit, int year);

// The text of each column for a case (export, web UI, round trip).
std::map<std::string, std::string> case_cells(const Case& c);
std::string outcome_name(int outcome);  // "予以公开", "属于国家秘密", … ; "办理中" for -1
// Accepted spellings of outcomes: the table 2 label with or without its number,
// with the group ("不予公开-属于国家秘密"), "办理中"/"" for pending. nullopt: unknown.
std::optional<int> parse_outcome(std::string_view text);
// "自然人" … "其他" (also "法人或其他组织-商业企业", "其他组织"). nullopt: unknown.
std::optional<int> parse_applicant(std::string_view text);

// "文件:第N行：列“X”：message" lines, one per error.
std::string format_errors(const std::vector<RowError>& errors, const std::string& file);

}  // namespace gk::reg
