// Text helpers every stage shares: one number formatter, one trim, one markup escape.
#pragma once

#include <string>
#include <string_view>

namespace gk {

// A number as people read it in a report or a message: whole numbers without
// a decimal point ("1250"), others with at most four decimals, trailing zeros
// dropped ("0.35", "12.5"): 万元 amounts are exact to 1 元 at four decimals.
std::string format_number(double v);
// A number for data files (CSV, packed cells): whole numbers as integers,
// others with ten significant digits.
std::string format_number_exact(double v);
// Spaces (ASCII, NBSP, U+3000, zero-width) and line breaks off both ends.
std::string trim(std::string_view s);
// Text for XML or HTML (text and attribute values): & < > " ' as entities.
// `html_breaks`: line breaks as <br> (HTML pages).
std::string xml_escape(std::string_view s, bool html_breaks = false);
// ASCII A–Z to a–z, other bytes as they are (markup names, sniffing): no
// locale, inline, unlike std::tolower.
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

}  // namespace gk
