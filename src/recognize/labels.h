// The template: the keys by which each label of the national format is found.
#pragma once

#include <string>
#include <vector>

#include "model/sections.h"
#include "recognize/anchors.h"

namespace gk {

// Table 2: slots 0..19 = rows R01..R20, slot 20 = the （六）其他处理 group
// label (a pseudo row, for the 2019-style single row), slots 21..25 = rows
// R21..R25. t2_slot_row() maps a slot to its row (-1 for the pseudo slot).
inline constexpr int kT2GroupSixSlot = 20;
const std::vector<SlotKeys>& t2_slots();
int t2_slot_row(int slot);
int t2_item_number(int row);  // "2.其他法律…" -> 2; 0 for rows without an item number

// Table 1 rows (both templates): slot order as printed.
enum T1Slot : int {
  T1_REG = 0, T1_NORM, T1_LIC, T1_OTHER_SERVICES, T1_PUN, T1_ENF, T1_FEE, T1_PROCUREMENT, T1_SLOTS
};
const std::vector<SlotKeys>& t1_slots();
const std::vector<std::u32string>& t1_stop_keys();   // 第二十条, 信息内容 …
const std::vector<std::u32string>& t1_2019_markers(); // 本年新制作数量, 第二十条第(九)项 …

const std::vector<std::u32string>& t3_header_keys();

// Section headings (heading_matches, inline_heading_keys): model/sections.h.

}  // namespace gk
