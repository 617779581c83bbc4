// The six sections of the annual report (条例第五十条, 国办公开办函〔2021〕30号),
// their standard headings and the variants by which a printed heading is
// recognised. recognize, check, render, store and the web read them here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gk {

inline constexpr int kSectionCount = 6;

// n = 1..6. "一、", "总体情况", "一、总体情况"; empty outside 1..6.
std::string_view section_numeral(int n);
std::string_view section_title(int n);
std::string_view section_ordinal(int n);  // "一" … "六"
std::string section_heading(int n);

// Whether the text after a heading's numeral (`rest`, normalised, without the
// numeral) names section n, in any of the wordings seen in the wild.
bool heading_matches(int n, std::u32string_view rest);
// Numeral + key patterns of each section (index n − 1), for documents whose
// lines ran together so that a heading stands inside a line.
const std::vector<std::vector<std::u32string>>& inline_heading_keys();

}  // namespace gk
