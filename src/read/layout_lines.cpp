// Text lines: words grouped by vertical centre, their text joined with the
// spaces the page shows; the small text tests the other parts share.
#include <cctype>
#include <cmath>

#include "read/layout_internal.h"
#include "util/utf8.h"

namespace gk::layout::detail {

namespace {

bool is_ascii_alnum_end(const std::string& s) {
  return !s.empty() && std::isalnum((unsigned char)s.back());
}
bool is_ascii_alnum_begin(const std::string& s) {
  return !s.empty() && std::isalnum((unsigned char)s.front());
}

}  // namespace

void join_wrapped(std::string& out, const std::string& piece) {
  if (piece.empty()) return;
  if (!out.empty() && is_ascii_alnum_end(out) && is_ascii_alnum_begin(piece)) out += ' ';
  out += piece;
}

std::string strip_spaces(const std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    char32_t c = utf8::next(s, j);
    if (!utf8::is_space(c)) out.append(s, i, j - i);
    i = j;
  }
  return out;
}

bool is_number_text(const std::string& s) {
  std::string t = strip_spaces(s);
  if (t.empty()) return false;
  bool digit = false;
  for (char c : t) {
    if (std::isdigit((unsigned char)c)) digit = true;
    else if (c != '.' && c != ',' && c != '-' && c != '%') return false;
  }
  return digit;
}

std::vector<Line> make_lines(const std::vector<Word>& words, std::vector<int> idx) {
  std::sort(idx.begin(), idx.end(), [&](int a, int b) {
    double ya = yc(words[a]), yb = yc(words[b]);
    if (ya != yb) return ya < yb;
    return words[a].x0 < words[b].x0;
  });
  std::vector<Line> lines;
  double line_c = 0, line_h = 0, ly0 = 0, ly1 = 0;
  for (int i : idx) {
    const Word& w = words[i];
    // Same line: centres close, or (OCR boxes of uneven height) the boxes
    // overlap by more than half the smaller one.
    double overlap = std::min(w.y1, ly1) - std::max(w.y0, ly0);
    bool same = !lines.empty() && (std::abs(yc(w) - line_c) <= S.same_line_centre * std::min(height(w), line_h) ||
                                   (w.confidence >= 0 && overlap > S.ocr_same_line_overlap * std::min(height(w), line_h)));
    if (!same) {
      lines.emplace_back();
      line_c = yc(w);
      line_h = height(w);
      ly0 = w.y0;
      ly1 = w.y1;
    }
    lines.back().words.push_back(i);
  }
  for (auto& l : lines) {
    std::sort(l.words.begin(), l.words.end(), [&](int a, int b) { return words[a].x0 < words[b].x0; });
    for (int i : l.words) {
      const Word& w = words[i];
      l.x0 = std::min(l.x0, w.x0);
      l.x1 = std::max(l.x1, w.x1);
      l.y0 = std::min(l.y0, w.y0);
      l.y1 = std::max(l.y1, w.y1);
      l.font_size = std::max(l.font_size, w.font_size > 0 ? w.font_size : height(w));
    }
  }
  return lines;
}

std::string line_text(const std::vector<Word>& words, const std::vector<int>& line) {
  std::string out;
  for (size_t k = 0; k < line.size(); ++k) {
    const Word& w = words[line[k]];
    if (k > 0) {
      const Word& p = words[line[k - 1]];
      double fs = std::max(1.0, std::max(p.font_size, w.font_size));
      bool ocr = p.confidence >= 0 && w.confidence >= 0;
      if (ocr) {
        // OCR boxes every CJK glyph run as a word: space only between ASCII words.
        if (!p.text.empty() && !w.text.empty() && std::isalnum((unsigned char)p.text.back()) &&
            std::isalnum((unsigned char)w.text.front()) && w.x0 - p.x1 > S.ocr_space_gap_em * fs)
          out += ' ';
      } else if (p.space_after || w.x0 - p.x1 > S.space_gap_em * fs) {
        out += ' ';
      }
    }
    out += w.text;
  }
  return out;
}

float min_confidence(const std::vector<Word>& words, const std::vector<int>& idx) {
  float c = -1;
  for (int i : idx)
    if (words[i].confidence >= 0 && (c < 0 || words[i].confidence < c)) c = words[i].confidence;
  return c;
}

}  // namespace gk::layout::detail
