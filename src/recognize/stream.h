// The character stream: a Document flattened into normalised code points in
// reading order, each remembering the token (paragraph or cell) it came from.
// Labels are found in a compact view without separators, so a label wrapped
// over lines or cells still matches; values are read from the full view.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "read/document.h"

namespace gk {

inline constexpr char32_t kCellSep = 0x1F;     // between cells of a row
inline constexpr char32_t kLineSep = U'\n';    // after a row or paragraph
inline constexpr char32_t kBlank = 0xE000;     // an explicit blank cell
inline constexpr char32_t kWeakBlank = 0xE001; // an empty cell that may be padding
inline constexpr char32_t kUnread = 0xE002;    // the rest of the row is off the page (a clipped table)

struct Token {
  int line = 0;
  bool in_table = false;   // a table cell (vs. a paragraph)
  int block = 0;           // index of the Document block
  int row = 0;             // row index inside the table block
  int row_id = 0;          // unique per table row / paragraph in the document
  float confidence = -1.f;
  size_t begin = 0, end = 0;  // [begin, end) in Stream::s
};

struct Stream {
  std::u32string s;            // normalised text with separators
  std::vector<int32_t> tok;    // token index of each char of s (separators: the token before)
  std::vector<Token> tokens;
  std::u32string c;            // compact: s without separators, spaces and blank markers
  std::vector<uint32_t> cmap;  // c index -> s index
  uint64_t lexicon_hits = 0;   // typo_lexicon() entries applied
  std::vector<int> lexicon_lines;  // entry k -> source line of its first use (0: none)

  int line_at(size_t spos) const;
  // s position of compact position cpos (cpos may equal c.size()).
  size_t spos(size_t cpos) const { return cpos < cmap.size() ? cmap[cpos] : s.size(); }
  // s position just after compact char cpos-1 (the end of a match ending at cpos):
  // blank cells between a label and the next printed character belong after it.
  size_t spos_after(size_t cpos) const { return cpos == 0 ? 0 : cmap[cpos - 1] + 1; }
  // First compact position at or after s position p.
  size_t cpos_at_or_after(size_t p) const;
};

Stream build_stream(const Document& doc);

// Is the line a page number / page footer ("- 3 -", "第3页", "第 3 页 共 5 页", "3/5")?
bool is_page_marker(std::u32string_view s);

}  // namespace gk
