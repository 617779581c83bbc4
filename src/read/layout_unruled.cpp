// Unruled tables: without rulings, lines ending in a run of numbers are the
// rows of a table; label lines around them (a wrapped label printed above and
// below its values) join their rows.
#include <cmath>
#include <string_view>

#include "read/layout_internal.h"
#include "util/utf8.h"

namespace gk::layout::detail {

namespace {

// Split a line into chunks at gaps wider than 1.5 em.
std::vector<std::vector<int>> chunks_of(const std::vector<Word>& words, const Line& l) {
  std::vector<std::vector<int>> out;
  for (size_t k = 0; k < l.words.size(); ++k) {
    const Word& w = words[l.words[k]];
    if (k == 0) {
      out.push_back({l.words[k]});
      continue;
    }
    const Word& p = words[l.words[k - 1]];
    double em = std::max(S.min_em, std::max(w.font_size, p.font_size));
    if (w.x0 - p.x1 > S.chunk_gap_em * em) out.push_back({});
    out.back().push_back(l.words[k]);
  }
  return out;
}

bool chunk_row_like(const std::vector<Word>& words, const std::vector<std::vector<int>>& chunks) {
  if (chunks.size() < 3) return false;
  int numeric = 0;
  for (auto& c : chunks)
    if (is_number_text(line_text(words, c))) ++numeric;
  return numeric >= 2;
}

// An enumeration marker starts the text: "2." "2、" "（二）" "(2)" "二、". A
// label fragment starting with one begins a row's label.
bool starts_item(const std::string& text) {
  std::u32string t = utf8::to_u32(strip_spaces(text));
  auto numeral = [](char32_t c) {
    return utf8::is_digit(c) || std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
  };
  size_t i = 0;
  if (i < t.size() && (t[i] == U'（' || t[i] == '(')) {
    ++i;
    size_t b = i;
    while (i < t.size() && numeral(t[i])) ++i;
    return i > b && i < t.size() && (t[i] == U'）' || t[i] == ')');
  }
  size_t b = i;
  while (i < t.size() && numeral(t[i])) ++i;
  return i > b && i < t.size() && (t[i] == '.' || t[i] == U'、' || t[i] == U'．');
}

// Left edge of a row-like line's values: the first word of its trailing run
// of numeric words (1e9 when the run has fewer than `min_run`).
double values_left(const std::vector<Word>& words, const Line& l, int min_run = 2) {
  int n = 0;
  double x = 1e9;
  for (size_t k = l.words.size(); k-- > 0;) {
    const Word& w = words[l.words[k]];
    if (!is_number_text(w.text)) break;
    ++n;
    x = w.x0;
  }
  return n >= min_run ? x : 1e9;
}

}  // namespace

// An unruled table whose label cells wrap: the values of a row are printed on
// one line, its label on that line and on lines above and below it (label
// text centred in its cell), group labels in a column of their own. Lines
// holding only label text ("narrow": left of the values, no sentence end)
// are given to the rows; every label word joins the row whose values line is
// nearest, except that a fragment starting with an enumeration marker begins
// a label and so joins a row at or below it.
Unruled unruled_table(const std::vector<Word>& words, const std::vector<Line>& body, size_t from, double y_limit) {
  Unruled out;
  out.next = from;
  // A row: cells at wide gaps, two of them numbers; or (columns set close
  // together) three or more numbers at the end of the line.
  auto row_like = [&](size_t k) {
    if (body[k].y0 >= y_limit || values_left(words, body[k]) >= 1e9) return false;
    return chunk_row_like(words, chunks_of(words, body[k])) || values_left(words, body[k], 3) < 1e9;
  };
  auto close = [&](const Line& a, const Line& b) {  // b directly below a
    double h = std::max(a.y1 - a.y0, b.y1 - b.y0);
    return b.y0 - a.y1 <= S.row_close_heights * std::max(1.0, h);
  };
  auto narrow = [&](const Line& l, double left) {
    if (l.y0 >= y_limit || l.x1 > left - S.narrow_margin || l.text.find("。") != std::string::npos) return false;
    for (int w : l.words)
      if (is_number_text(words[w].text)) return false;
    return true;
  };
  // Label lines above the first row (at most 4, each directly above the next).
  size_t first = from;
  while (first < body.size() && first - from <= S.max_label_lines_above && !row_like(first)) ++first;
  if (first >= body.size() || !row_like(first)) return out;
  double left = values_left(words, body[first]);
  for (size_t k = from; k < first; ++k)
    if (!narrow(body[k], left) || !close(body[k], body[k + 1])) return out;
  std::vector<size_t> rows = {first}, pending, fragments;
  for (size_t k = from; k < first; ++k) fragments.push_back(k);
  size_t k = first + 1;
  for (; k < body.size(); ++k) {
    if (row_like(k)) {
      double l = values_left(words, body[k]);
      if (l < left - S.values_drift || l > left + S.values_drift) break;  // another table's columns
      left = std::min(left, l);
      rows.push_back(k);
      fragments.insert(fragments.end(), pending.begin(), pending.end());
      pending.clear();
    } else if (narrow(body[k], left) && close(body[k - 1], body[k]) && pending.size() < S.max_label_lines_between) {
      pending.push_back(k);
    } else {
      break;
    }
  }
  // Label lines after the last row: a few, directly below it.
  if (pending.size() <= S.max_label_lines_below) {
    fragments.insert(fragments.end(), pending.begin(), pending.end());
    pending.clear();
  } else {
    k -= pending.size();
  }
  if (rows.size() < 2) return out;

  std::vector<std::vector<int>> labels(rows.size()), values(rows.size());
  for (size_t r = 0; r < rows.size(); ++r)
    for (int w : body[rows[r]].words) (xc(words[w]) < left ? labels[r] : values[r]).push_back(w);
  auto centre = [&](size_t r) { return (body[rows[r]].y0 + body[rows[r]].y1) / 2; };
  // The row of each label word: those on a values line first, then the
  // fragments starting with a marker, then the rest.
  std::map<int, size_t> row_of;
  for (size_t r = 0; r < rows.size(); ++r)
    for (int w : labels[r]) row_of[w] = r;
  std::vector<int> marked, plain;
  for (size_t f : fragments)
    for (int w : body[f].words) (starts_item(words[w].text) ? marked : plain).push_back(w);
  auto nearest = [&](double y, size_t lo, size_t hi) {  // among rows [lo, hi)
    size_t best = hi;
    for (size_t r = lo; r < hi; ++r)
      if (best == hi || std::abs(centre(r) - y) < std::abs(centre(best) - y)) best = r;
    return best;
  };
  for (int w : marked) {
    double y = yc(words[w]);
    size_t lo = 0;
    while (lo < rows.size() && centre(lo) < y - S.marker_above_heights * height(words[w])) ++lo;
    row_of[w] = lo < rows.size() ? nearest(y, lo, rows.size()) : nearest(y, 0, rows.size());
  }
  for (int w : plain) {
    // A label starting right below this fragment (same column) closes it:
    // the fragment ends a label of a row above that one.
    double y = yc(words[w]);
    int below = -1;
    for (auto& [o, r] : row_of) {
      const Word& b = words[o];
      if (yc(b) <= y + S.below_heights * height(words[w]) || b.x0 >= words[w].x1 || b.x1 <= words[w].x0) continue;
      if (below < 0 || yc(b) < yc(words[below])) below = o;
    }
    size_t hi = rows.size();
    if (below >= 0 && starts_item(words[below].text) && row_of[below] > 0) hi = row_of[below];
    row_of[w] = nearest(y, 0, hi);
  }
  for (int w : marked) labels[row_of[w]].push_back(w);
  for (int w : plain) labels[row_of[w]].push_back(w);
  for (size_t r = 0; r < rows.size(); ++r) {
    UnruledRow row;
    row.line = body[rows[r]].index;
    // Label columns: words on different lines whose horizontal extents
    // overlap; words close together on one line, unless each already
    // belongs to a column of its own (a group label beside an item label).
    const std::vector<int>& lw = labels[r];
    size_t n = lw.size();
    auto same_line = [&](size_t i, size_t j) {
      const Word &a = words[lw[i]], &b = words[lw[j]];
      return std::abs(yc(a) - yc(b)) < S.label_same_line * std::min(height(a), height(b));
    };
    UnionFind uf(n);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = i + 1; j < n; ++j) {
        const Word &a = words[lw[i]], &b = words[lw[j]];
        if (!same_line(i, j) && std::min(a.x1, b.x1) - std::max(a.x0, b.x0) > S.label_overlap) uf.unite(i, j);
      }
    std::vector<int> size(n, 0);
    for (size_t i = 0; i < n; ++i) ++size[uf.find(i)];
    std::vector<bool> alone(n);
    for (size_t i = 0; i < n; ++i) alone[i] = size[uf.find(i)] == 1;
    for (size_t i = 0; i < n; ++i) {
      size_t next = n;  // the next word to the right on the same line
      for (size_t j = 0; j < n; ++j)
        if (j != i && same_line(i, j) && words[lw[j]].x0 > words[lw[i]].x0 &&
            (next == n || words[lw[j]].x0 < words[lw[next]].x0))
          next = j;
      if (next == n) continue;
      const Word &a = words[lw[i]], &b = words[lw[next]];
      double em = std::max(S.min_em, std::max(a.font_size, b.font_size));
      if (b.x0 - a.x1 <= S.chunk_gap_em * em && (alone[i] || alone[next])) uf.unite(i, next);
    }
    std::map<int, std::vector<int>> columns;
    for (size_t i = 0; i < n; ++i) columns[uf.find(i)].push_back(lw[i]);
    std::vector<std::vector<int>> cols;
    for (auto& [id, c] : columns) cols.push_back(c);
    auto left_of = [&](const std::vector<int>& c) {
      double x = 1e9;
      for (int w : c) x = std::min(x, words[w].x0);
      return x;
    };
    std::sort(cols.begin(), cols.end(), [&](auto& a, auto& b) { return left_of(a) < left_of(b); });
    for (auto& c : cols) row.cells.push_back(c);
    // Values: the line's remaining words, split at wide gaps.
    Line vl;
    vl.words = values[r];
    for (auto& chunk : chunks_of(words, vl)) row.cells.push_back(chunk);
    out.rows.push_back(std::move(row));
  }
  out.next = k;
  return out;
}

}  // namespace gk::layout::detail
