#include "recognize/labels.h"

#include "model/report.h"

namespace gk {

const std::vector<SlotKeys>& t2_slots() {
  static const std::vector<SlotKeys> slots = {
      {0, {U"本年新收"}},
      {1, {U"上年结转"}},
      {2, {U"予以公开"}},
      {3, {U"部分公开"}},
      {4, {U"国家秘密"}},
      {5, {U"其他法律", U"法律行政法规禁止", U"禁止公开"}},
      {6, {U"危及", U"三安全一稳定"}},
      {7, {U"保护第三方", U"第三方合法权益"}},
      {8, {U"三类内部事务", U"内部事务"}},
      {9, {U"四类过程性", U"过程性信息"}},
      {10, {U"行政执法案卷"}},
      {11, {U"行政查询"}},
      {12, {U"本机关不掌握", U"不掌握"}},
      {13, {U"没有现成信息", U"另行制作"}},
      {14, {U"补正后申请", U"仍不明确"}},
      {15, {U"信访举报投诉", U"信访"}},
      {16, {U"重复申请"}},
      {17, {U"要求提供公开出版物", U"公开出版物"}},
      {18, {U"无正当理由大量反复", U"大量反复"}},
      {19, {U"要求行政机关确认", U"确认或重新出具", U"重新出具"}},
      {20, {U"其他处理"}, 10},
      {21, {U"无正当理由逾期不补正", U"逾期不补正"}},
      {22, {U"逾期未按收费通知", U"缴纳费用", U"收费通知"}},
      {23, {U"3.其他", U"3、其他"}},
      {24, {U"总计"}},
      {25, {U"结转下年度", U"下年度继续办理"}},
  };
  return slots;
}

int t2_slot_row(int slot) {
  if (slot < kT2GroupSixSlot) return slot;
  if (slot == kT2GroupSixSlot) return -1;
  return slot - 1;
}

int t2_item_number(int row) {
  if (row >= R_DENIED_FIRST && row <= R_DENIED_LAST) return row - R_DENIED_FIRST + 1;
  if (row >= R_UNABLE_FIRST && row <= R_UNABLE_LAST) return row - R_UNABLE_FIRST + 1;
  if (row >= R_NOTPROC_FIRST && row <= R_NOTPROC_LAST) return row - R_NOTPROC_FIRST + 1;
  if (row >= R_OTHER_NO_CORRECTION && row <= R_OTHER_OTHER) return row - R_OTHER_NO_CORRECTION + 1;
  return 0;
}

const std::vector<SlotKeys>& t1_slots() {
  static const std::vector<SlotKeys> slots = {
      {T1_REG, {U"规章"}},
      {T1_NORM, {U"规范性文件"}},
      {T1_LIC, {U"行政许可"}},
      {T1_OTHER_SERVICES, {U"其他对外管理服务事项", U"其他对外管理服务"}},
      {T1_PUN, {U"行政处罚"}},
      {T1_ENF, {U"行政强制"}},
      {T1_FEE, {U"行政事业性收费"}},
      {T1_PROCUREMENT, {U"政府集中采购"}},
  };
  return slots;
}

const std::vector<std::u32string>& t1_stop_keys() {
  static const std::vector<std::u32string> k = {U"第二十条", U"信息内容"};
  return k;
}

const std::vector<std::u32string>& t1_2019_markers() {
  static const std::vector<std::u32string> k = {U"本年新制作数量", U"本年新公开数量", U"对外公开总数量",
                                                U"上一年项目数量", U"第二十条第(九)项", U"采购总金额"};
  return k;
}

const std::vector<std::u32string>& t3_header_keys() {
  static const std::vector<std::u32string> k = {
      U"行政复议", U"行政诉讼", U"结果维持", U"结果纠正", U"其他结果", U"尚未审结",
      U"总计",     U"未经复议直接起诉", U"复议后起诉", U"维持", U"纠正", U"审结"};
  return k;
}

}  // namespace gk
