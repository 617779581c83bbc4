#include "recognize/values.h"

#include <algorithm>
#include <cmath>

#include "util/utf8.h"

namespace gk {

namespace {

bool is_placeholder(std::u32string_view t) {
  static const std::u32string ph[] = {U"-", U"--", U"—", U"——", U"/", U"无", U"–", U"\\", U"×",
                                      U"---", U"-—", U"―", U"…", U"...", U"、"};
  if (t.empty() || t.size() > 3) return false;  // none is longer
  for (const auto& p : ph)
    if (t == p) return true;
  return false;
}

double parse_num(const std::u32string& d, bool* integral) {
  double v = 0, frac = 0, scale = 1;
  bool neg = false, dot = false;
  for (char32_t c : d) {
    if (c == '-') neg = true;
    else if (c == '+') continue;
    else if (c == '.') dot = true;
    else if (dot) { scale /= 10; frac += (c - '0') * scale; }
    else v = v * 10 + (c - '0');
  }
  *integral = !dot || frac == 0;
  v += frac;
  return neg ? -v : v;
}

}  // namespace

std::vector<Atom> atoms_in(const Stream& st, size_t sa, size_t sb, int next_item) {
  std::vector<Atom> out;
  out.reserve(8);
  const std::u32string& s = st.s;
  sb = std::min(sb, s.size());
  size_t i = sa;
  while (i < sb) {
    char32_t ch = s[i];
    if (ch == kCellSep || ch == kLineSep || ch == ' ') { ++i; continue; }
    if (ch == kBlank || ch == kWeakBlank || ch == kUnread) {
      Atom a;
      a.kind = ch == kBlank ? Atom::Blank : ch == kWeakBlank ? Atom::WeakBlank : Atom::Unread;
      a.line = st.line_at(i);
      a.row_id = st.tok[i] >= 0 ? st.tokens[st.tok[i]].row_id : 0;
      out.push_back(std::move(a));
      ++i;
      continue;
    }
    // a chunk: up to the next separator
    size_t e = i;
    while (e < sb && s[e] != kCellSep && s[e] != kLineSep && s[e] != ' ' && s[e] != kBlank &&
           s[e] != kWeakBlank && s[e] != kUnread)
      ++e;
    std::u32string_view chunk(s.data() + i, e - i);
    int line = st.line_at(i);
    int row_id = st.tok[i] >= 0 ? st.tokens[st.tok[i]].row_id : 0;
    float conf = -1.f;
    if (st.tok[i] >= 0) conf = st.tokens[st.tok[i]].confidence;
    if (is_placeholder(chunk)) {
      Atom a;
      a.kind = Atom::Placeholder;
      a.text = std::u32string(chunk);
      a.line = line;
      a.row_id = row_id;
      a.confidence = conf;
      out.push_back(std::move(a));
      i = e;
      continue;
    }
    // digit runs inside the chunk
    size_t k = 0;
    while (k < chunk.size()) {
      if (!utf8::is_digit(chunk[k])) { ++k; continue; }
      size_t b = k;
      // a sign directly before the digits (E1 本年增/减), at the chunk start or
      // right after another number ("15-216" run together)
      bool sign = b > 0 && (chunk[b - 1] == '-' || chunk[b - 1] == '+') &&
                  (b == 1 || utf8::is_digit(chunk[b - 2]));
      while (k < chunk.size() && utf8::is_digit(chunk[k])) ++k;
      if (k + 1 < chunk.size() && chunk[k] == '.' && utf8::is_digit(chunk[k + 1])) {
        ++k;
        while (k < chunk.size() && utf8::is_digit(chunk[k])) ++k;
      }
      std::u32string digits(chunk.substr(b, k - b));
      char32_t before = b > 0 ? chunk[b - 1] : 0;
      char32_t after = k < chunk.size() ? chunk[k] : 0;
      // A money unit after the digits is part of the value, not glued text.
      std::u32string unit;
      const bool unit_may_follow = k < chunk.size() && (chunk[k] == U'万' || chunk[k] == U'千' ||
                                                         chunk[k] == U'亿' || chunk[k] == U'元');
      if (unit_may_follow)
        for (std::u32string_view u : kMoneyUnits)
          if (chunk.substr(k, u.size()) == u &&
              (k + u.size() == chunk.size() || !utf8::is_cjk(chunk[k + u.size()]))) {
            unit = u;
            break;
          }
      bool glued = (b > 0 && !sign) || (after != 0 && unit.empty());
      // Not a value: "(2023)" years in headers, dates, percentages.
      if (before == '(' && after == ')' && digits.size() == 4) continue;
      if (after == U'年' || after == U'月' || after == U'日' || after == '%' || after == U'页' ||
          after == U'号')
        continue;
      // An item prefix of the next label: "2." / "2、" followed by text or the end.
      if ((after == '.' || after == U'、') &&
          (k + 1 >= chunk.size() || !utf8::is_digit(chunk[k + 1]))) {
        std::u32string item;
        if (next_item > 0)
          for (char c : std::to_string(next_item)) item.push_back(c);
        if (!item.empty() && digits.size() > item.size() &&
            digits.compare(digits.size() - item.size(), item.size(), item) == 0) {
          digits.resize(digits.size() - item.size());  // run together: "0000000" + "2."
        } else {
          continue;
        }
      }
      if (digits.empty()) continue;
      Atom a;
      a.kind = Atom::Num;
      if (sign) a.text.push_back(chunk[b - 1]);
      a.text += digits;
      a.value = parse_num(a.text, &a.integral);
      a.glued = glued;
      a.unit = std::move(unit);
      a.line = line;
      a.row_id = row_id;
      a.confidence = conf;
      // OCR read other characters into the number's cell ("6g8", "5A", "(70"):
      // the digits may be wrong or incomplete, however sure each word was.
      if (conf >= 0 && glued) a.confidence = std::min(conf, kOcrDoubtful);
      out.push_back(std::move(a));
    }
    i = e;
  }
  return out;
}

void resolve_weak_blanks(std::vector<Atom>& atoms, int n) {
  auto is_value = [](const Atom& a) {
    return a.kind == Atom::Num || a.kind == Atom::Placeholder || a.kind == Atom::Unread;
  };
  bool any_value = false;
  for (const auto& a : atoms) any_value = any_value || is_value(a);
  std::vector<Atom> out;
  out.reserve(atoms.size());
  if (!any_value) {
    // A row printed with every cell empty: its first n cells are blanks.
    int row = -1;
    for (const auto& a : atoms) {
      if (a.kind == Atom::Blank || a.kind == Atom::WeakBlank) {
        if (row < 0) row = a.row_id;
        if (a.row_id != row || (int)out.size() >= n) break;
        Atom b = a;
        b.kind = Atom::Blank;
        out.push_back(b);
      }
    }
    atoms.swap(out);
    return;
  }
  // values before and after each position, counted once
  size_t first_value = atoms.size(), last_value = 0;
  for (size_t i = 0; i < atoms.size(); ++i)
    if (is_value(atoms[i])) {
      if (first_value == atoms.size()) first_value = i;
      last_value = i;
    }
  for (size_t i = 0; i < atoms.size(); ++i) {
    if (atoms[i].kind != Atom::WeakBlank) {
      out.push_back(std::move(atoms[i]));
      continue;
    }
    bool before = first_value < i, after = last_value > i;
    // only between values on the same line
    if (before && after && !out.empty() && out.back().line == atoms[i].line) {
      Atom a = std::move(atoms[i]);
      a.kind = Atom::Blank;
      out.push_back(std::move(a));
    }
  }
  // Blanks after the last value, printed in another row, belong to the next label.
  int last_value_row = -1;
  for (const auto& a : out)
    if (is_value(a)) last_value_row = a.row_id;
  while (!out.empty() && out.back().kind == Atom::Blank && out.back().row_id != last_value_row) out.pop_back();
  atoms.swap(out);
}

double in_wan_yuan(const Atom& a) {
  if (a.unit == U"元") return a.value / 10000;
  if (a.unit == U"千元") return a.value / 10;
  if (a.unit == U"亿元") return a.value * 10000;
  return a.value;
}

int cut_cells(const std::vector<Atom>& atoms, int n) {
  int shown = 0;
  bool cut = false;
  for (const Atom& a : atoms) {
    if (a.kind == Atom::Unread) {
      cut = true;
      break;
    }
    ++shown;
  }
  return cut && shown < n ? n - shown : 0;
}

int assign_cells(const std::vector<Atom>& in, Cell* const* cells, int n) {
  // The row's atoms are in[lo, hi): nothing copied.
  size_t lo = 0, hi = in.size();
  // A row cut at the page edge (Unread after its values): the values it shows
  // are its first cells, the cells after them are unknown (never right-aligned
  // into the wrong columns, never 0).
  // Only the values before the cut are the row's: what follows it belongs to
  // rows whose labels were cut off too.
  for (size_t k = 0; k < in.size(); ++k)
    if (in[k].kind == Atom::Unread) {
      hi = k;
      int shown = std::min((int)hi, n);
      int line = hi == 0 ? 0 : in[0].line;
      for (int c = shown; c < n; ++c) {
        cells[c]->line = line;
        cells[c]->value.reset();
        cells[c]->status = CellStatus::Missing;
      }
      if (shown < n) {
        // Left-align: drop the cells beyond the visible ones from the assignment below.
        assign_cells(std::vector<Atom>(in.begin(), in.begin() + shown), cells, shown);
        return 0;
      }
      hi = (size_t)shown;
      break;
    }
  // Blank cells beyond the expected count are empty label cells of the
  // neighbouring rows (merged group labels): drop them from the ends first.
  while ((int)(hi - lo) > n && in[hi - 1].kind == Atom::Blank) --hi;
  while ((int)(hi - lo) > n && in[lo].kind == Atom::Blank) ++lo;
  const Atom* atoms = in.data() + lo;
  int count = (int)(hi - lo);
  int first_atom = count > n ? count - n : 0;
  int first_cell = count < n ? n - count : 0;
  // Cells lost at the left still belong to this row's line.
  for (int c = 0; c < first_cell && count > 0; ++c) cells[c]->line = atoms[0].line;
  for (int c = first_cell, a = first_atom; c < n && a < count; ++c, ++a) {
    const Atom& at = atoms[a];
    Cell& cell = *cells[c];
    cell.line = at.line;
    cell.confidence = at.confidence;
    switch (at.kind) {
      case Atom::Num:
        cell.value = at.value;
        cell.status = CellStatus::Printed;
        if (!at.integral || at.text.find('.') != std::u32string::npos || at.text[0] == '-' ||
            at.text[0] == '+')
          cell.raw = utf8::from_u32(at.text);
        break;
      case Atom::Blank:
        cell.value = 0;
        cell.status = CellStatus::Blank;
        break;
      case Atom::Placeholder:
        cell.value.reset();
        cell.status = CellStatus::Placeholder;
        cell.raw = utf8::from_u32(at.text);
        break;
      case Atom::WeakBlank:
      case Atom::Unread:
        break;
    }
  }
  return count > n ? count - n : 0;
}

namespace {
struct DigitSplitter {
  const std::u32string& digits;
  int parts;
  const std::function<bool(const std::vector<double>&)>& accept;
  size_t max_results;
  std::vector<std::vector<double>> out;
  std::vector<double> cur;
  size_t steps = 0;
  static constexpr size_t kMaxSteps = 2000000;

  void rec(size_t pos) {
    if (out.size() >= max_results || ++steps > kMaxSteps) return;
    int left = parts - (int)cur.size();
    size_t rem = digits.size() - pos;
    if (left == 0) {
      if (rem == 0 && accept(cur)) out.push_back(cur);
      return;
    }
    if (rem < (size_t)left) return;
    if (digits[pos] == '0') {
      cur.push_back(0);
      rec(pos + 1);
      cur.pop_back();
      return;
    }
    double v = 0;
    size_t maxlen = std::min<size_t>(rem - (left - 1), 12);
    for (size_t len = 1; len <= maxlen; ++len) {
      v = v * 10 + (digits[pos + len - 1] - '0');
      cur.push_back(v);
      rec(pos + len);
      cur.pop_back();
    }
  }
};
}  // namespace

std::vector<std::vector<double>> split_digits(
    const std::u32string& digits, int parts,
    const std::function<bool(const std::vector<double>&)>& accept, size_t max_results) {
  DigitSplitter s{digits, parts, accept, max_results, {}, {}};
  s.cur.reserve((size_t)std::max(parts, 0));
  s.rec(0);
  return std::move(s.out);
}

}  // namespace gk
