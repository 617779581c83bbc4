#include "model/report.h"

#include <cstdio>

namespace gk {

const std::array<const char*, kT2Rows> kT2RowKeys = {
    "new", "carried_over", "granted", "partial",
    "denied_state_secret", "denied_law_forbidden", "denied_three_safety", "denied_third_party",
    "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_inquiry",
    "unable_not_held", "unable_need_creation", "unable_unclear",
    "not_processed_complaint", "not_processed_duplicate", "not_processed_publication",
    "not_processed_massive", "not_processed_confirm",
    "other_no_correction", "other_no_fee", "other_other",
    "total", "carried_forward"};

const std::array<const char*, kT2Rows> kT2RowLabels = {
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理"};

const std::array<const char*, kT2Cols> kT2ColLabels = {
    "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};
const std::array<const char*, kT2Cols> kT2ColKeys = {
    "natural_person", "commercial", "research", "public_interest", "legal_service", "other", "total"};

const std::array<const char*, kT3Rows> kT3RowKeys = {"review", "litigation_direct",
                                                     "litigation_after_review"};
const std::array<const char*, kT3Rows> kT3RowLabels = {"行政复议", "未经复议直接起诉", "复议后起诉"};
const std::array<const char*, kT3Cols> kT3ColLabels = {"结果维持", "结果纠正", "其他结果", "尚未审结",
                                                       "总计"};
const std::array<const char*, kT3Cols> kT3ColKeys = {"upheld", "corrected", "other", "pending",
                                                     "total"};

std::string_view cell_status_name(CellStatus s) {
  switch (s) {
    case CellStatus::Missing: return "missing";
    case CellStatus::Printed: return "printed";
    case CellStatus::Blank: return "blank";
    case CellStatus::Recovered: return "recovered";
    case CellStatus::Split: return "split";
    case CellStatus::Placeholder: return "placeholder";
    case CellStatus::Absent: return "absent";
  }
  return "missing";
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "note";
}

std::string_view severity_name_zh(Severity s) {
  switch (s) {
    case Severity::Error: return "错误";
    case Severity::Warning: return "警告";
    case Severity::Note: return "附注";
  }
  return "附注";
}

bool Report::has_errors() const {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::Error) return true;
  return false;
}

bool Report::has_findings() const {
  for (const auto& d : diagnostics)
    if (d.severity != Severity::Note) return true;
  return false;
}

namespace {

// Every cell path, built once: paths are asked for in hot loops.
struct PathTable {
  std::vector<std::string> all;  // in all_cells() order
  std::string t2[kT2Rows][kT2Cols];
  std::string t3[kT3Rows][kT3Cols];
  PathTable() {
    for (const char* name : {"regulations", "normative_documents"})
      for (const char* f : {"issued", "repealed", "in_force"})
        all.push_back(std::string("proactive.") + name + "." + f);
    for (const char* k : {"licensing", "punishment", "enforcement", "fees_wan_yuan"})
      all.push_back(std::string("proactive.") + k);
    for (int i = 0; i < kT2Rows; ++i)
      for (int c = 0; c < kT2Cols; ++c) {
        t2[i][c] = std::string("applications.") + kT2RowKeys[i] + "[" + std::to_string(c) + "]";
        all.push_back(t2[i][c]);
      }
    for (int i = 0; i < kT3Rows; ++i)
      for (int c = 0; c < kT3Cols; ++c) {
        t3[i][c] = std::string("appeals.") + kT3RowKeys[i] + "[" + std::to_string(c) + "]";
        all.push_back(t3[i][c]);
      }
  }
};

const PathTable& paths() {
  static const PathTable t;
  return t;
}

template <class R, class Ref, class Out>
void collect(R& r, Out& out) {
  const auto& P = paths().all;
  size_t k = 0;
  auto add = [&](auto* cell) { out.push_back(Ref{P[k++], cell}); };
  for (auto* s : {&r.proactive.regulations, &r.proactive.normative_documents}) {
    add(&s->issued);
    add(&s->repealed);
    add(&s->in_force);
  }
  add(&r.proactive.licensing);
  add(&r.proactive.punishment);
  add(&r.proactive.enforcement);
  add(&r.proactive.fees_wan_yuan);
  for (int i = 0; i < kT2Rows; ++i)
    for (int c = 0; c < kT2Cols; ++c) add(&r.applications[i][c]);
  for (int i = 0; i < kT3Rows; ++i)
    for (int c = 0; c < kT3Cols; ++c) add(&r.appeals[i][c]);
}

}  // namespace

const std::string& t2_path(int row, int col) { return paths().t2[row][col]; }
const std::string& t3_path(int row, int col) { return paths().t3[row][col]; }

std::vector<CellRef> all_cells(Report& r) {
  std::vector<CellRef> out;
  out.reserve(200);
  collect<Report, CellRef>(r, out);
  return out;
}

std::vector<ConstCellRef> all_cells(const Report& r) {
  std::vector<ConstCellRef> out;
  out.reserve(200);
  collect<const Report, ConstCellRef>(r, out);
  return out;
}

Cell* find_cell(Report& r, std::string_view path) {
  for (auto& ref : all_cells(r))
    if (ref.path == path) return ref.cell;
  return nullptr;
}

}  // namespace gk
