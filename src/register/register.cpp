// The register: reading CSV/XLSX, validating every row (Chinese messages, all
// or nothing), and the names of outcomes and applicant types.
#include "register/register.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <unordered_map>

#include "read/reader.h"
#include "render/xlsx_sheet.h"
#include "util/text.h"

namespace gk::reg {

const std::array<const char*, kColumns> kColumnHeaders = {
    "申请编号", "收到申请日期", "申请渠道", "申请人类型", "申请内容", "上年结转", "办理结果",
    "答复日期", "延期答复", "收费通知", "收费金额（元）", "已缴费", "备注"};

const std::array<const char*, 6> kChannels = {"当面", "网络", "信函", "传真", "电子邮件", "其他"};

bool column_required(int col) {
  return col == kColCaseNo || col == kColReceived || col == kColApplicant || col == kColOutcome ||
         col == kColReplied;
}

namespace {

// Header text as matched: spaces and the "*" of required columns dropped,
// half-width parentheses made full-width.
std::string header_key(std::string_view h) {
  std::string s = trim(h), out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ' || c == '*') continue;
    if (c == '(') { out += "（"; continue; }
    if (c == ')') { out += "）"; continue; }
    out += c;
  }
  return out;
}

// Header aliases -> column.
const std::unordered_map<std::string, int>& header_map() {
  static const std::unordered_map<std::string, int> m = [] {
    std::unordered_map<std::string, int> m;
    for (int c = 0; c < kColumns; ++c) m[header_key(kColumnHeaders[c])] = c;
    m["编号"] = kColCaseNo;
    m["收到日期"] = kColReceived;
    m["收件日期"] = kColReceived;
    m["申请日期"] = kColReceived;
    m["渠道"] = kColChannel;
    m["申请方式"] = kColChannel;
    m["申请人类别"] = kColApplicant;
    m["申请事项"] = kColSubject;
    m["是否上年结转"] = kColCarried;
    m["答复结果"] = kColOutcome;
    m["处理结果"] = kColOutcome;
    m["答复时间"] = kColReplied;
    m["是否延期"] = kColExtended;
    m["收费通知"] = kColFeeNotice;
    m["是否发出收费通知"] = kColFeeNotice;
    m["收费金额"] = kColFeeAmount;
    m["收费金额（元"] = kColFeeAmount;
    m["是否缴费"] = kColFeePaid;
    return m;
  }();
  return m;
}

// Outcome label without its numbering and note: "（二）部分公开（区分处理的…）" -> "部分公开".
std::string bare_label(std::string_view label) {
  std::string s(label);
  if (s.rfind("（", 0) == 0) {
    size_t close = s.find("）");
    if (close != std::string::npos && close <= 9) s = s.substr(close + 3);
  } else if (!s.empty() && s[0] >= '0' && s[0] <= '9') {
    size_t dot = s.find('.');
    if (dot != std::string::npos && dot <= 2) s = s.substr(dot + 1);
  }
  size_t note = s.find("（");
  if (note != std::string::npos && note > 0) s = s.substr(0, note);
  return s;
}

const char* group_of(int row) {
  if (row >= R_DENIED_FIRST && row <= R_DENIED_LAST) return "不予公开";
  if (row >= R_UNABLE_FIRST && row <= R_UNABLE_LAST) return "无法提供";
  if (row >= R_NOTPROC_FIRST && row <= R_NOTPROC_LAST) return "不予处理";
  if (row >= R_OTHER_NO_CORRECTION && row <= R_OTHER_OTHER) return "其他处理";
  return nullptr;
}

// Spelling of an outcome as matched: spaces dropped, half-width parentheses
// made full-width, the separators between group and item unified to "-".
std::string outcome_key(std::string_view t) {
  std::string s = header_key(t), out;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 3, "“") == 0 || s.compare(i, 3, "”") == 0) {
      i += 3;  // quotes: 危及“三安全一稳定” typed with or without them
    } else if (s[i] == '"') {
      ++i;
    } else if (s.compare(i, 3, "—") == 0 || s.compare(i, 3, "－") == 0 || s.compare(i, 3, "：") == 0 ||
        s.compare(i, 3, "／") == 0) {
      out += '-';
      i += 3;
    } else if (s[i] == '/' || s[i] == ':' || s[i] == '_') {
      out += '-';
      ++i;
    } else {
      out += s[i++];
    }
  }
  return out;
}

const std::unordered_map<std::string, int>& outcome_map() {
  static const std::unordered_map<std::string, int> m = [] {
    std::unordered_map<std::string, int> m;
    for (int row = kOutcomeFirst; row <= kOutcomeLast; ++row) {
      std::string bare = bare_label(kT2RowLabels[row]);
      m[outcome_key(kT2RowLabels[row])] = row;
      if (const char* g = group_of(row)) {
        m[outcome_key(std::string(g) + "-" + bare)] = row;
        m[outcome_key(std::string(g) + "-" + kT2RowLabels[row])] = row;
        if (row != R_OTHER_OTHER) m[outcome_key(bare)] = row;  // "其他" alone is ambiguous
      } else {
        m[outcome_key(bare)] = row;
      }
    }
    m[outcome_key("其他处理-其他")] = R_OTHER_OTHER;
    m[outcome_key("部分公开")] = R_PARTIAL;
    return m;
  }();
  return m;
}

bool is_pending_word(const std::string& k) {
  return k.empty() || k == "办理中" || k == "未办结" || k == "待答复" || k == "正在办理" || k == "尚未办结";
}

std::optional<bool> parse_yes_no(const std::string& t) {
  std::string k = header_key(t);
  if (k.empty() || k == "否" || k == "无" || k == "0" || k == "N" || k == "n" || k == "未") return false;
  if (k == "是" || k == "有" || k == "1" || k == "Y" || k == "y" || k == "√" || k == "已") return true;
  return std::nullopt;
}

// ---- CSV ----

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  // Separator: the one of comma, tab and semicolon most frequent on the first line.
  size_t eol = text.find('\n');
  std::string first = text.substr(0, eol);
  char sep = ',';
  size_t best = 0;
  for (char c : {',', '\t', ';'}) {
    size_t n = 0;
    for (char x : first) n += x == c;
    if (n > best) best = n, sep = c;
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cell += c;
      }
      continue;
    }
    if (c == '"' && cell.empty()) {
      quoted = true;
      any = true;
    } else if (c == sep) {
      row.push_back(std::move(cell));
      cell.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(cell));
      cell.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      cell += c;
      any = true;
    }
  }
  if (any || !cell.empty()) {
    row.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---- XLSX ----

std::string number_text(const std::string& v) {
  // Integers as integers ("12.0" -> "12"), others unchanged.
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (end && *end == '\0' && std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  return v;
}

std::vector<std::vector<std::string>> xlsx_rows(std::string_view bytes, std::vector<std::vector<bool>>* numeric) {
  render::XlsxBook book(bytes);
  std::string name = book.has("台账") ? "台账" : book.sheet_names().front();
  render::Sheet sheet = book.sheet(name);
  std::vector<std::vector<std::string>> rows;
  for (const auto& [pos, cell] : sheet) {
    auto [r, c] = pos;
    if (r >= static_cast<int>(rows.size())) {
      rows.resize(r + 1);
      numeric->resize(r + 1);
    }
    if (c >= static_cast<int>(rows[r].size())) {
      rows[r].resize(c + 1);
      (*numeric)[r].resize(c + 1);
    }
    rows[r][c] = cell.number ? number_text(cell.text) : cell.text;
    (*numeric)[r][c] = cell.number;
  }
  return rows;
}

}  // namespace

std::optional<int> parse_outcome(std::string_view text) {
  std::string k = outcome_key(text);
  if (is_pending_word(k)) return -1;
  auto it = outcome_map().find(k);
  if (it == outcome_map().end()) it = outcome_map().find(outcome_key(bare_label(k)));  // "（二）部分公开"
  if (it != outcome_map().end()) return it->second;
  return std::nullopt;
}

std::optional<int> parse_applicant(std::string_view text) {
  std::string k = outcome_key(text);
  for (const char* prefix : {"法人或其他组织-", "法人或者其他组织-"})
    if (k.rfind(prefix, 0) == 0) k = k.substr(std::string_view(prefix).size());
  for (int c = 0; c < kApplicantTypes; ++c)
    if (k == kT2ColLabels[c]) return c;
  if (k == "公民" || k == "个人") return 0;
  if (k == "企业") return 1;
  if (k == "其他组织" || k == "其他法人或其他组织") return kApplicantTypes - 1;
  return std::nullopt;
}

std::string outcome_name(int outcome) {
  if (outcome < kOutcomeFirst || outcome > kOutcomeLast) return "办理中";
  std::string bare = bare_label(kT2RowLabels[outcome]);
  if (outcome == R_OTHER_OTHER) return "其他处理-其他";
  return bare;
}

RawRegister read_register_bytes(std::string_view bytes, const std::string& name) {
  RawRegister raw;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<bool>> numeric;
  bool xlsx = bytes.size() > 4 && bytes.compare(0, 4, "PK\x03\x04") == 0;
  if (xlsx) {
    rows = xlsx_rows(bytes, &numeric);
  } else {
    std::string text;
    try {
      text = decode_text(bytes, nullptr);
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("不是 CSV 或 XLSX 台账：") + e.what());
    }
    rows = parse_csv(text);
  }
  // The header: the first row naming at least two register columns.
  size_t header = rows.size();
  for (size_t r = 0; r < rows.size() && r < 10; ++r) {
    int known = 0;
    for (const auto& cell : rows[r]) known += header_map().count(header_key(cell)) > 0;
    if (known >= 2) {
      header = r;
      break;
    }
  }
  if (header == rows.size()) {
    raw.errors.push_back({0, "", "找不到表头行（应含“申请编号”“收到申请日期”“申请人类型”“办理结果”“答复日期”等列；"
                                 "空白台账可用 gongkai template --register --format xlsx 生成）"});
    return raw;
  }
  std::vector<int> col_of(rows[header].size(), -1);
  std::set<int> present;
  for (size_t c = 0; c < rows[header].size(); ++c) {
    std::string k = header_key(rows[header][c]);
    if (k.empty()) continue;
    auto it = header_map().find(k);
    if (it == header_map().end()) continue;  // the office's own columns (经办人 …) are kept out, not refused
    if (present.count(it->second)) {
      raw.errors.push_back({static_cast<int>(header + 1), kColumnHeaders[it->second],
                            std::string("列“") + kColumnHeaders[it->second] + "”出现了两次"});
      continue;
    }
    present.insert(it->second);
    col_of[c] = it->second;
  }
  for (int c = 0; c < kColumns; ++c)
    if (column_required(c) && !present.count(c))
      raw.errors.push_back({static_cast<int>(header + 1), kColumnHeaders[c],
                            std::string("缺少必需的列“") + kColumnHeaders[c] + "”"});
  if (!raw.errors.empty()) return raw;  // rows read against a broken header would only repeat it
  for (size_t r = header + 1; r < rows.size(); ++r) {
    RawRow row;
    row.row = static_cast<int>(r + 1);
    bool any = false;
    for (size_t c = 0; c < rows[r].size() && c < col_of.size(); ++c) {
      if (col_of[c] < 0) continue;
      std::string v = trim(rows[r][c]);
      if (!v.empty()) any = true;
      // Dates typed into a date-formatted XLSX cell arrive as serial numbers.
      if (xlsx && (col_of[c] == kColReceived || col_of[c] == kColReplied) && r < numeric.size() &&
          c < numeric[r].size() && numeric[r][c] && !v.empty()) {
        char* end = nullptr;
        double d = std::strtod(v.c_str(), &end);
        if (end && *end == '\0' && d > 20000 && d < 120000) v = from_excel_serial(static_cast<long>(d)).iso();
      }
      row.cells[kColumnHeaders[col_of[c]]] = v;
    }
    if (any) raw.rows.push_back(std::move(row));
  }
  return raw;
}

Validated validate(const RawRegister& raw, const std::string& unit, int year) {
  Validated out;
  out.reg.unit = unit;
  out.reg.year = year;
  out.errors = raw.errors;
  std::unordered_map<std::string, int> seen;  // case number -> row
  auto get = [](const RawRow& r, int col) -> std::string {
    auto it = r.cells.find(kColumnHeaders[col]);
    return it == r.cells.end() ? std::string() : trim(it->second);
  };
  for (const RawRow& rr : raw.rows) {
    auto err = [&](int col, std::string msg) {
      out.errors.push_back({rr.row, col >= 0 ? kColumnHeaders[col] : "", std::move(msg)});
    };
    Case c;
    c.row = rr.row;
    c.case_no = get(rr, kColCaseNo);
    if (c.case_no.empty()) {
      err(kColCaseNo, "缺少申请编号");
    } else if (auto [it, fresh] = seen.emplace(c.case_no, rr.row); !fresh) {
      err(kColCaseNo, "申请编号“" + c.case_no + "”与第 " + std::to_string(it->second) + " 行重复");
    }
    std::string received = get(rr, kColReceived);
    std::optional<Date> rec = parse_date(received);
    if (received.empty()) err(kColReceived, "缺少收到申请日期");
    else if (!rec) err(kColReceived, "收到申请日期“" + received + "”不是有效日期（应如 2024-03-08）");
    if (rec) c.received = *rec;

    c.channel = get(rr, kColChannel);
    if (!c.channel.empty()) {
      bool known = false;
      for (const char* ch : kChannels) known = known || c.channel == ch;
      if (!known) {
        std::string list;
        for (const char* ch : kChannels) list += (list.empty() ? "" : "、") + std::string(ch);
        err(kColChannel, "申请渠道“" + c.channel + "”不是" + list + "之一");
      }
    }
    std::string type = get(rr, kColApplicant);
    if (type.empty()) {
      err(kColApplicant, "缺少申请人类型");
    } else if (auto t = parse_applicant(type)) {
      c.applicant = *t;
    } else {
      err(kColApplicant, "申请人类型“" + type +
                             "”不是表二的申请人类型（自然人；法人或其他组织：商业企业、科研机构、社会公益组织、法律服务机构、其他）");
    }
    c.subject = get(rr, kColSubject);
    c.note = get(rr, kColNote);
    auto yes_no = [&](int col, bool* dst) {
      std::string v = get(rr, col);
      auto b = parse_yes_no(v);
      if (!b) err(col, std::string(kColumnHeaders[col]) + "应填“是”或“否”，而不是“" + v + "”");
      else *dst = *b;
    };
    yes_no(kColCarried, &c.carried_over);
    yes_no(kColExtended, &c.extended);
    yes_no(kColFeeNotice, &c.fee_notice);
    yes_no(kColFeePaid, &c.fee_paid);

    std::string outcome = get(rr, kColOutcome);
    auto o = parse_outcome(outcome);
    if (!o) err(kColOutcome, "办理结果“" + outcome + "”不是表二的办理结果之一（如“予以公开”“部分公开”“属于国家秘密”“本机关不掌握相关政府信息”；未办结填“办理中”或留空）");
    else c.outcome = *o;

    std::string replied = get(rr, kColReplied);
    if (!replied.empty()) {
      auto d = parse_date(replied);
      if (!d) err(kColReplied, "答复日期“" + replied + "”不是有效日期（应如 2024-03-08）");
      else c.replied = d;
    }
    if (o && *o >= 0 && replied.empty()) err(kColReplied, "已填写办理结果“" + outcome + "”，但缺少答复日期");
    if (o && *o < 0 && c.replied) err(kColOutcome, "已填写答复日期 " + c.replied->iso() + "，但办理结果为“办理中”");
    if (rec && c.replied && *c.replied < *rec)
      err(kColReplied, "答复日期 " + c.replied->iso() + " 早于收到申请日期 " + rec->iso());
    if (rec && year) {
      if (!c.carried_over && rec->year() != year)
        err(kColReceived, "收到申请日期 " + rec->iso() + " 不在 " + std::to_string(year) +
                              " 年：本年新收的申请应在本年收到；上年结转的申请请在“上年结转”列填“是”");
      if (c.carried_over && rec->year() >= year)
        err(kColCarried, "标为上年结转，但收到申请日期 " + rec->iso() + " 不在 " + std::to_string(year) + " 年之前");
      if (c.carried_over && c.replied && c.replied->year() < year)
        err(kColReplied, "标为上年结转，但答复日期 " + c.replied->iso() + " 在 " + std::to_string(year) +
                             " 年之前：上年已办结的申请不结转");
    }
    std::string amount = get(rr, kColFeeAmount);
    if (!amount.empty()) {
      char* end = nullptr;
      double a = std::strtod(amount.c_str(), &end);
      if (!end || *end != '\0' || !std::isfinite(a) || a < 0)
        err(kColFeeAmount, "收费金额“" + amount + "”应为不小于 0 的数字（单位：元）");
      else c.fee_amount = a;
    }
    if (c.fee_paid && !c.fee_notice) err(kColFeePaid, "填写了已缴费，但没有发出收费通知");
    if (c.fee_amount > 0 && !c.fee_notice) err(kColFeeAmount, "填写了收费金额，但没有发出收费通知");
    if (c.outcome == R_OTHER_NO_FEE && (!c.fee_notice || c.fee_paid))
      err(kColOutcome, "办理结果为“申请人逾期未按收费通知要求缴纳费用”，但" +
                           std::string(!c.fee_notice ? "没有发出收费通知" : "已缴费"));
    out.reg.cases.push_back(std::move(c));
  }
  if (!out.errors.empty()) out.reg.cases.clear();
  return out;
}

std::map<std::string, std::string> case_cells(const Case& c) {
  std::map<std::string, std::string> m;
  auto yn = [](bool b) { return std::string(b ? "是" : "否"); };
  m[kColumnHeaders[kColCaseNo]] = c.case_no;
  m[kColumnHeaders[kColReceived]] = c.received.iso();
  m[kColumnHeaders[kColChannel]] = c.channel;
  m[kColumnHeaders[kColApplicant]] = kT2ColLabels[c.applicant];
  m[kColumnHeaders[kColSubject]] = c.subject;
  m[kColumnHeaders[kColCarried]] = yn(c.carried_over);
  m[kColumnHeaders[kColOutcome]] = outcome_name(c.outcome);
  m[kColumnHeaders[kColReplied]] = c.replied ? c.replied->iso() : "";
  m[kColumnHeaders[kColExtended]] = yn(c.extended);
  m[kColumnHeaders[kColFeeNotice]] = yn(c.fee_notice);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", c.fee_amount);
  m[kColumnHeaders[kColFeeAmount]] = c.fee_amount > 0 ? buf : "";
  m[kColumnHeaders[kColFeePaid]] = yn(c.fee_paid);
  m[kColumnHeaders[kColNote]] = c.note;
  return m;
}

std::string format_errors(const std::vector<RowError>& errors, const std::string& file) {
  std::string out;
  for (const auto& e : errors) {
    out += file;
    if (e.row > 0) out += "：第 " + std::to_string(e.row) + " 行";
    if (!e.column.empty()) out += "：列“" + e.column + "”";
    out += "：" + e.message + "\n";
  }
  return out;
}

}  // namespace gk::reg
