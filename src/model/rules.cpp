#include "model/rules.h"

namespace gk {

const std::vector<RuleDef>& rule_catalogue() {
  using S = Severity;
  static const std::vector<RuleDef> rules = {
      // --- arithmetic (format-spec §3.3, §4.3, §5.2)
      {"T1-INT", S::Error, "算术", "表一计数单元格 ∈ ℕ", "表一的件数必须是非负整数"},
      {"T1-FEE-NUM", S::Error, "算术", "fees_wan_yuan ≥ 0；小数位 ≤ 4", "收费金额（万元）必须是非负数，且不应细于 1 元（4 位小数）"},
      {"T1-FEE-UNIT", S::Warning, "合理性", "街道/乡镇 fees_wan_yuan ≤ 10000", "收费金额异常大，可能把“元”当作了“万元”"},
      {"T1-REG-POWER", S::Warning, "合理性", "无规章制定权的机关：regulations.* = 0", "该机关没有规章制定权（立法法第91、93条），规章件数应为 0"},
      {"T1-STOCK", S::Warning, "合理性", "in_force ≥ issued", "现行有效件数小于本年制发件数"},
      {"T2-INT", S::Error, "算术", "v[r][c] ∈ ℕ", "表二的件数必须是非负整数"},
      {"T2-ROW-TOTAL", S::Error, "算术", "v[r][总计] = Σ v[r][自然人…其他]", "表二某行的“总计”不等于各类申请人之和"},
      {"T2-RESULT-SUM", S::Error, "算术", "（七）总计 = （一）+（二）+Σ（三）+Σ（四）+Σ（五）+Σ（六）", "表二“（七）总计”不等于各项办理结果之和"},
      {"T2-BALANCE", S::Error, "算术", "一 + 二 = 三（七）+ 四", "表二不满足“第一项加第二项之和，等于第三项加第四项之和”"},
      {"T2-OUT-LE-AVAIL", S::Error, "算术", "三（七）≤ 一 + 二", "表二办理结果总数超过了本年新收与上年结转之和"},
      {"T2-ZERO-CONSISTENT", S::Warning, "文表一致", "正文称未收到申请 ⇒ 一 = 0", "正文称未收到政府信息公开申请，但表二填有新收申请"},
      {"T3-INT", S::Error, "算术", "15 个单元格 ∈ ℕ", "表三的件数必须是非负整数"},
      {"T3-ROW-TOTAL", S::Error, "算术", "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结", "表三某项的“总计”不等于各结果之和"},
      // --- text against tables (§6)
      {"X-TEXT-NEW", S::Warning, "文表一致", "正文“收到/受理/办理…申请 N 件” = 一（总计）", "正文所述申请件数与表二不一致"},
      {"T1-TEXT", S::Warning, "文表一致", "正文“制发/现行有效/废止…规范性文件 N 件” = 表一", "正文所述规范性文件件数与表一不一致"},
      {"T3-TEXT", S::Warning, "文表一致", "正文“行政复议 N 件”“行政诉讼 N 件” = 表三总计", "正文所述行政复议、行政诉讼件数与表三不一致"},
      {"X-FEE-T2", S::Warning, "文表一致", "（六）2 > 0 ⇒ 第六部分说明收费通知", "表二有“逾期未缴纳费用”的申请，但第六部分未说明发出收费通知"},
      // --- completeness and compliance (§8)
      {"C-SEC-PRESENT", S::Error, "完整性", "六个部分齐全", "年度报告缺少规定的部分（条例第五十条）"},
      {"C-SEC-HEADING", S::Note, "合规", "标题序号为“一、…六、”", "部分标题的序号不规范（阿拉伯数字或缺少序号）"},
      {"C-T1-COMPLETE", S::Error, "完整性", "表一 4 个栏目、10 个数值", "表一（主动公开政府信息情况）缺失或不完整"},
      {"C-T2-COMPLETE", S::Error, "完整性", "表二 25 行 × 7 列", "表二（收到和处理政府信息公开申请情况）缺失或不完整"},
      {"C-T3-COMPLETE", S::Error, "完整性", "表三 15 个数值", "表三（行政复议、行政诉讼情况）缺失或不完整"},
      {"C-FORMAT-ERA", S::Error, "合规", "年度 ≥ 2021 ⇒ 2021 版表格", "2021 年及以后的年度报告应使用国办公开办函〔2021〕30号规定的表格"},
      {"C-NO-BLANKS", S::Note, "合规", "表格不留空白、“-”、“/”（应填 0）", "表格中有空白或占位符单元格，应填写 0"},
      {"C-S1-GOV", S::Error, "合规", "人民政府报告：第一部分说明工作考核、社会评议和责任追究结果", "各级人民政府的年度报告应包括工作考核、社会评议和责任追究结果情况（条例第五十条第四项）"},
      {"C-S5-CONTENT", S::Warning, "合规", "第五部分写明问题与改进措施", "第五部分（存在的主要问题及改进情况）内容过少"},
      {"C-S6-FEE", S::Error, "合规", "第六部分说明信息处理费收取情况", "第六部分未说明政府信息公开信息处理费的收取情况"},
      {"C-TITLE", S::Warning, "合规", "标题含机关名称、年度和“政府信息公开工作年度报告”", "报告标题不规范"},
      {"C-YEAR", S::Error, "合规", "标题年度 = 统计期限年度；发布日期在次年", "报告年度与统计期限或发布日期不符"},
      {"C-PERIOD", S::Error, "合规", "统计期限 = YYYY-01-01 至 YYYY-12-31", "统计期限应为报告年度的 1 月 1 日至 12 月 31 日"},
      {"C-AGENCY", S::Warning, "合规", "能识别出机关名称", "未能识别出发布报告的机关名称"},
      {"C-DEADLINE", S::Warning, "合规", "部门 ≤ 次年1月31日；人民政府 ≤ 次年3月31日", "报告发布日期晚于条例第四十九条规定的期限"},
      {"C-LABEL-VARIANT", S::Note, "合规", "表格标签与国家格式一致", "表格中有与标准格式不一致的标签（错字或变体）"},
      // --- reading and recovery
      {"R-RECOVERED", S::Note, "读取", "缺失单元格由勾稽关系唯一确定", "单元格未能从原文读出，已按表内勾稽关系推算"},
      {"R-BLANK-NONZERO", S::Warning, "读取", "空白单元格按 0 计 ⇒ 勾稽关系成立", "原文为空白的单元格按勾稽关系应为非零值（空白不表示 0，数字可能丢失）"},
      {"R-UNRESOLVED", S::Warning, "读取", "缺失单元格无法唯一确定", "单元格未能从原文读出，且无法由勾稽关系唯一确定，记为空"},
      {"R-CONFLICT", S::Warning, "读取", "推算结果与其他关系矛盾", "按勾稽关系推算的值与表内其他关系矛盾，未采用"},
      {"R-SPLIT-AMBIGUOUS", S::Warning, "读取", "连写数字的拆分不唯一", "数字连在一起，无法唯一拆分"},
      {"R-EXTRA-VALUES", S::Warning, "读取", "每行数值个数 = 列数", "某行读到的数字多于应有的单元格数"},
      {"R-PLACEHOLDER", S::Warning, "读取", "单元格为数字", "单元格填写了“-”“/”等占位符而不是数字，记为空"},
      {"R-LOW-CONFIDENCE", S::Warning, "读取", "OCR 置信度 ≥ 0.6", "该单元格由文字识别（OCR）读出，置信度低，请人工核对"},
      {"E-UNEVALUATED", S::Note, "读取", "规则涉及的单元格均已知", "规则涉及的单元格缺失，无法检查"},
      // --- cross-year (evaluated over a corpus: gongkai ingest)
      {"X-XYEAR-CARRY", S::Warning, "跨年度", "本年“上年结转” = 上年“结转下年度继续办理”（每列）", "本年上年结转数与上一年度报告的结转下年度数不一致"},
      {"T1-STOCK-XYEAR", S::Warning, "跨年度", "现行有效(Y-1) + 制发(Y) − 废止(Y) = 现行有效(Y)", "现行有效件数与上一年度及本年制发、废止件数不衔接"},
      {"C-BOILERPLATE", S::Warning, "跨年度", "与上一年度报告同一部分的文字重复率 < 阈值", "本部分文字与上一年度报告大量重复"},
  };
  return rules;
}

const RuleDef* find_rule(std::string_view id) {
  size_t at = id.find('@');
  if (at != std::string_view::npos) id = id.substr(0, at);
  for (const auto& r : rule_catalogue())
    if (id == r.id) return &r;
  return nullptr;
}

}  // namespace gk
