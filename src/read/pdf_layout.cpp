// PDF layout reconstruction: words + ruling lines -> paragraphs and tables.
//
// Tables: ruling lines (found in a rendered bitmap, see find_rulings) that
// meet each other form a table; their distinct x / y positions give the grid,
// a missing rule segment between two grid positions merges them (colspan /
// rowspan). Each word goes to the cell containing its centre, so wrapped
// labels, vertical group labels (one glyph per line, Identity-V fonts) and
// multi-line header cells all become one cell each, in grid order.
// A table that ends a page and one that starts the next page with the same
// column boundaries are one table: rows are appended, and an empty top cell
// under a vertically merged cell is marked spanned (the merged cell continues).
// Without rulings, lines ending in a run of numbers are the rows of a table;
// label lines around them (a wrapped label printed above and below its
// values) join their rows (unruled_table).
// Text outside tables becomes lines, lines become paragraphs (a line that
// reaches the right margin continues into a following non-indented line).
// Page numbers ("- 3 -", "第3页", "3/5") in the top/bottom band are dropped.
#include "read/pdf_layout.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <numeric>
#include <tuple>

#include "util/utf8.h"

namespace gk::pdf {

namespace {

constexpr double kTol = 2.5;  // points: rules meet / coincide within this

// ---------------------------------------------------------------- rulings

struct Band {
  int a0, a1;   // extent along the run direction (pixels)
  int b0, b1;   // extent across (thickness), inclusive
  bool open;
};

// Runs of at least min_len dark pixels, per line: the runs of line j are
// runs[offs[j]] .. runs[offs[j + 1] - 1], first pixel and last pixel, in order
// along the line.
struct Runs {
  std::vector<int> offs;
  std::vector<std::pair<int, int>> runs;
};

// Runs of adjacent lines that start and end within 2 pixels of each other
// are merged into bands; thin bands become segments.
void merge_runs(const Runs& r, int lines, int max_thick, std::vector<Band>* out) {
  std::vector<Band> open, next;
  std::vector<bool> used;
  for (int j = 0; j <= lines; ++j) {
    const std::pair<int, int>* runs = nullptr;
    size_t count = 0;
    if (j < lines) {
      runs = r.runs.data() + r.offs[j];
      count = r.offs[j + 1] - r.offs[j];
    }
    next.clear();
    used.assign(count, false);
    for (auto& b : open) {
      bool extended = false;
      for (size_t k = 0; k < count; ++k) {
        if (used[k]) continue;
        if (std::abs(runs[k].first - b.a0) <= 2 && std::abs(runs[k].second - b.a1) <= 2) {
          used[k] = true;
          b.a0 = std::min(b.a0, runs[k].first);
          b.a1 = std::max(b.a1, runs[k].second);
          b.b1 = j;
          extended = true;
          break;
        }
      }
      if (extended) {
        next.push_back(b);
      } else if (b.b1 - b.b0 + 1 <= max_thick) {
        out->push_back(b);
      }
      if (out->size() > 20000) return;  // hostile page: enough
    }
    for (size_t k = 0; k < count; ++k)
      if (!used[k]) next.push_back(Band{runs[k].first, runs[k].second, j, j, true});
    open.swap(next);
  }
}

inline uint64_t load8(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Horizontal runs (per row, at least min_h long) and vertical runs (per
// column, at least min_v long) of pixels darker than `dark`, in one pass over
// the rows; most of a page is white, skipped 8 pixels at a time.
void find_runs(const uint8_t* grey, int width, int height, int stride, int dark, int min_h, int min_v, Runs* h,
               Runs* v) {
  constexpr uint64_t kAllDark = 0x0101010101010101ull;
  std::vector<uint8_t> m(width + 8, 0);     // this row: 1 = dark
  std::vector<uint8_t> open(width + 8, 0);  // column inside a vertical run
  std::vector<int> start(width, 0);         // its first row
  struct VRun {
    int col, a0, a1;
  };
  std::vector<VRun> vruns;  // in the order they end
  h->offs.assign(1, 0);
  h->runs.clear();
  for (int r = 0; r < height; ++r) {
    const uint8_t* row = grey + (size_t)r * stride;
    for (int i = 0; i < width; ++i) m[i] = row[i] < dark;
    // Horizontal runs of this row.
    for (int i = 0; i < width;) {
      while (i + 8 <= width && load8(&m[i]) == 0) i += 8;
      while (i < width && !m[i]) ++i;
      if (i >= width) break;
      int s = i;
      while (i + 8 <= width && load8(&m[i]) == kAllDark) i += 8;
      while (i < width && m[i]) ++i;
      if (i - s >= min_h) h->runs.push_back({s, i - 1});
    }
    h->offs.push_back((int)h->runs.size());
    // Vertical runs: a column changes state where the row differs from `open`.
    for (int i = 0; i < width;) {
      if (i + 8 <= width && load8(&m[i]) == load8(&open[i])) {
        i += 8;
        continue;
      }
      if (m[i] && !open[i]) {
        open[i] = 1;
        start[i] = r;
      } else if (!m[i] && open[i]) {
        open[i] = 0;
        if (r - start[i] >= min_v) vruns.push_back({i, start[i], r - 1});
      }
      ++i;
    }
  }
  for (int i = 0; i < width; ++i)
    if (open[i] && height - start[i] >= min_v) vruns.push_back({i, start[i], height - 1});
  // Group by column (stable: a column's runs stay in order down the page).
  v->offs.assign(width + 1, 0);
  for (const VRun& x : vruns) ++v->offs[x.col + 1];
  for (int i = 0; i < width; ++i) v->offs[i + 1] += v->offs[i];
  v->runs.assign(vruns.size(), {0, 0});
  std::vector<int> fill(v->offs.begin(), v->offs.end() - 1);
  for (const VRun& x : vruns) v->runs[fill[x.col]++] = {x.a0, x.a1};
}

// ---------------------------------------------------------------- helpers

bool is_ascii_alnum_end(const std::string& s) {
  return !s.empty() && std::isalnum((unsigned char)s.back());
}
bool is_ascii_alnum_begin(const std::string& s) {
  return !s.empty() && std::isalnum((unsigned char)s.front());
}

// Join two pieces of text across a line break: no space between CJK, one
// space between ASCII words.
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

// "- 3 -", "—3—", "第 3 页", "第3页 共5页", "3/5", "3"
bool is_page_number(const std::string& text) {
  std::u32string s = utf8::to_u32(strip_spaces(text));
  if (s.empty() || s.size() > 16) return false;
  auto dash = [](char32_t c) {
    return c == '-' || c == 0x2014 || c == 0x2013 || c == 0xFF0D || c == '~' || c == 0x2012 ||
           c == 0x2015 || c == 0x2212 || c == 0x2500 || c == 0x2010;
  };
  size_t b = 0, e = s.size();
  while (b < e && dash(s[b])) ++b;
  while (e > b && dash(s[e - 1])) --e;
  std::u32string core = s.substr(b, e - b);
  if (core.empty()) return false;
  size_t digits = 0;
  for (char32_t c : core) {
    if (utf8::is_digit(c)) ++digits;
    else if (c != U'第' && c != U'页' && c != U'共' && c != '/' && c != 0xFF0F && c != U'P' &&
             c != U'a' && c != U'g' && c != U'e' && c != U'p')
      return false;
  }
  return digits > 0 && digits <= 8;
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

struct UnionFind {
  std::vector<int> p;
  explicit UnionFind(size_t n) : p(n) { std::iota(p.begin(), p.end(), 0); }
  int find(int x) {
    while (p[x] != x) x = p[x] = p[p[x]];
    return x;
  }
  void unite(int a, int b) { p[find(a)] = find(b); }
};

// Cluster sorted values: members within `tol` of the running cluster's
// first value share one position (the mean).
std::vector<double> cluster_positions(std::vector<double> v, double tol) {
  std::sort(v.begin(), v.end());
  std::vector<double> out;
  size_t i = 0;
  while (i < v.size()) {
    size_t j = i;
    double sum = 0;
    while (j < v.size() && v[j] - v[i] <= tol) sum += v[j++];
    out.push_back(sum / (j - i));
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------- lines

struct Line {
  std::vector<int> words;  // indices into page words, left to right
  double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
  double font_size = 0;
  int index = 0;  // 1-based line on page
  std::string text;
};

double yc(const Word& w) { return (w.y0 + w.y1) / 2; }
double xc(const Word& w) { return (w.x0 + w.x1) / 2; }
double height(const Word& w) { return std::max(1.0, w.y1 - w.y0); }

// Group words into text lines by vertical centre.
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
    bool same = !lines.empty() && (std::abs(yc(w) - line_c) <= 0.45 * std::min(height(w), line_h) ||
                                   (w.confidence >= 0 && overlap > 0.5 * std::min(height(w), line_h)));
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

// The text of one line: words joined with a space where the PDF had one or
// where the gap is wide.
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
            std::isalnum((unsigned char)w.text.front()) && w.x0 - p.x1 > 0.2 * fs)
          out += ' ';
      } else if (p.space_after || w.x0 - p.x1 > 0.3 * fs) {
        out += ' ';
      }
    }
    out += w.text;
  }
  return out;
}

// Lowest OCR confidence of some words, -1 when none is OCR.
float min_confidence(const std::vector<Word>& words, const std::vector<int>& idx) {
  float c = -1;
  for (int i : idx)
    if (words[i].confidence >= 0 && (c < 0 || words[i].confidence < c)) c = words[i].confidence;
  return c;
}

// ---------------------------------------------------------------- tables

struct Cell {
  int r = 0, c = 0, rs = 1, cs = 1;
  std::vector<int> words;
};

struct Grid {
  double x0, y0, x1, y1;          // bounding box
  std::vector<double> xs, ys;     // boundaries
  std::vector<Cell> cells;        // top-left owners
  std::vector<std::vector<int>> owner;  // [r][c] -> cell index
};

std::vector<Grid> find_tables(const Page& page) {
  std::vector<Grid> grids;
  if (page.hrules.size() > 5000 || page.vrules.size() > 20000 || page.vrules.size() < 2) return grids;
  // A vertical run no taller than a word it lies in is a glyph stroke (the
  // 1 or 4 of a number in a low row reaches within kTol of both rules), not
  // a rule: real rules span their row, higher than the text in it.
  std::vector<Segment> V0;
  V0.reserve(page.vrules.size());
  for (const auto& v : page.vrules) {
    bool stroke = false;
    if (v.y1 - v.y0 < 30)
      for (const auto& w : page.words)
        if (v.x0 > w.x0 && v.x0 < w.x1 && v.y0 >= w.y0 - 1 && v.y1 <= w.y1 + 1) {
          stroke = true;
          break;
        }
    if (!stroke) V0.push_back(v);
  }
  if (V0.size() < 2) return grids;
  std::vector<Segment> Hall = page.hrules;
  // A table cut by a page break has no closing rule: several long vertical
  // rules ending at the same y close it with a synthetic rule.
  std::vector<Segment> synth;
  for (int end = 0; end < 2; ++end) {
    std::vector<const Segment*> longv;
    for (auto& v : V0)
      if (v.y1 - v.y0 >= 25) longv.push_back(&v);
    auto key = [&](const Segment* v) { return end ? v->y1 : v->y0; };
    std::sort(longv.begin(), longv.end(), [&](auto a, auto b) { return key(a) < key(b); });
    for (size_t i = 0; i < longv.size();) {
      size_t j = i;
      double x0 = 1e9, x1 = -1e9;
      while (j < longv.size() && key(longv[j]) - key(longv[i]) <= kTol) {
        x0 = std::min(x0, longv[j]->x0);
        x1 = std::max(x1, longv[j]->x0);
        ++j;
      }
      double y = key(longv[i]);
      bool covered = false;
      for (auto& h : page.hrules)
        if (std::abs(h.y0 - y) <= kTol && h.x0 <= x0 + kTol && h.x1 >= x1 - kTol) covered = true;
      if (j - i >= 3 && !covered && x1 - x0 >= 30) synth.push_back(Segment{x0, y, x1, y});
      i = j;
    }
  }
  Hall.insert(Hall.end(), synth.begin(), synth.end());
  const auto& H0 = Hall;
  if (H0.size() < 2) return grids;

  auto v_end_on_h = [&](const Segment& v, const std::vector<char>& hk, double y) {
    for (size_t i = 0; i < H0.size(); ++i) {
      if (!hk[i]) continue;
      const auto& h = H0[i];
      if (std::abs(h.y0 - y) <= kTol && v.x0 >= h.x0 - kTol && v.x0 <= h.x1 + kTol) return true;
    }
    return false;
  };
  auto meets = [&](const Segment& h, const Segment& v) {
    return v.x0 >= h.x0 - kTol && v.x0 <= h.x1 + kTol && h.y0 >= v.y0 - kTol && h.y0 <= v.y1 + kTol;
  };

  std::vector<char> hk(H0.size(), 1), vk(V0.size(), 0);
  for (int round = 0; round < 3; ++round) {
    for (size_t j = 0; j < V0.size(); ++j)
      vk[j] = v_end_on_h(V0[j], hk, V0[j].y0) && v_end_on_h(V0[j], hk, V0[j].y1);
    for (size_t i = 0; i < H0.size(); ++i) {
      int n = 0;
      for (size_t j = 0; j < V0.size() && n < 2; ++j)
        if (vk[j] && meets(H0[i], V0[j])) ++n;
      hk[i] = n >= 2;
    }
  }
  std::vector<Segment> H, V;
  for (size_t i = 0; i < H0.size(); ++i)
    if (hk[i]) H.push_back(H0[i]);
  for (size_t j = 0; j < V0.size(); ++j)
    if (vk[j]) V.push_back(V0[j]);
  if (H.size() < 2 || V.size() < 2) return grids;

  UnionFind uf(H.size() + V.size());
  for (size_t i = 0; i < H.size(); ++i)
    for (size_t j = 0; j < V.size(); ++j)
      if (meets(H[i], V[j])) uf.unite(i, H.size() + j);
  std::map<int, std::pair<std::vector<Segment>, std::vector<Segment>>> comps;
  for (size_t i = 0; i < H.size(); ++i) comps[uf.find(i)].first.push_back(H[i]);
  for (size_t j = 0; j < V.size(); ++j) comps[uf.find(H.size() + j)].second.push_back(V[j]);

  for (auto& [id, hv] : comps) {
    auto& hs = hv.first;
    auto& vs = hv.second;
    if (hs.size() < 2 || vs.size() < 2) continue;
    Grid g;
    std::vector<double> yv, xv;
    for (auto& h : hs) yv.push_back(h.y0);
    for (auto& v : vs) xv.push_back(v.x0);
    g.ys = cluster_positions(yv, kTol);
    g.xs = cluster_positions(xv, kTol);
    // Drop slivers (double borders).
    auto squeeze = [](std::vector<double>& p) {
      std::vector<double> o;
      for (double x : p)
        if (o.empty() || x - o.back() > 3.0) o.push_back(x);
      p.swap(o);
    };
    squeeze(g.ys);
    squeeze(g.xs);
    if (g.ys.size() < 2 || g.xs.size() < 2) continue;
    if (g.ys.size() > 2000 || g.xs.size() > 200) continue;
    // A single boxed cell is a frame or a glyph like 口/四, not a table.
    if (g.ys.size() == 2 && g.xs.size() == 2) continue;
    if (g.xs.back() - g.xs.front() < 30 || g.ys.back() - g.ys.front() < 10) continue;
    g.x0 = g.xs.front();
    g.x1 = g.xs.back();
    g.y0 = g.ys.front();
    g.y1 = g.ys.back();
    int nr = g.ys.size() - 1, nc = g.xs.size() - 1;
    auto hedge = [&](int bi, int c) {  // rule at ys[bi] over column c
      double mid = (g.xs[c] + g.xs[c + 1]) / 2;
      for (auto& h : hs)
        if (std::abs(h.y0 - g.ys[bi]) <= kTol && h.x0 - kTol <= mid && h.x1 + kTol >= mid) return true;
      return false;
    };
    auto vedge = [&](int bj, int r) {  // rule at xs[bj] over row r
      double mid = (g.ys[r] + g.ys[r + 1]) / 2;
      for (auto& v : vs)
        if (std::abs(v.x0 - g.xs[bj]) <= kTol && v.y0 - kTol <= mid && v.y1 + kTol >= mid) return true;
      return false;
    };
    g.owner.assign(nr, std::vector<int>(nc, -1));
    for (int r = 0; r < nr; ++r) {
      for (int c = 0; c < nc; ++c) {
        if (g.owner[r][c] >= 0) continue;
        Cell cell;
        cell.r = r;
        cell.c = c;
        while (c + cell.cs < nc && !vedge(c + cell.cs, r) && g.owner[r][c + cell.cs] < 0) ++cell.cs;
        while (r + cell.rs < nr) {
          bool open = true;
          for (int k = c; k < c + cell.cs && open; ++k)
            if (hedge(r + cell.rs, k) || g.owner[r + cell.rs][k] >= 0) open = false;
          if (!open) break;
          ++cell.rs;
        }
        int id = g.cells.size();
        for (int rr = r; rr < r + cell.rs; ++rr)
          for (int cc = c; cc < c + cell.cs; ++cc) g.owner[rr][cc] = id;
        g.cells.push_back(cell);
      }
    }
    grids.push_back(std::move(g));
  }
  // Nested or overlapping components (a rule drawn inside a table): keep the
  // larger one.
  std::sort(grids.begin(), grids.end(), [](const Grid& a, const Grid& b) {
    return (a.x1 - a.x0) * (a.y1 - a.y0) > (b.x1 - b.x0) * (b.y1 - b.y0);
  });
  std::vector<Grid> kept;
  for (auto& g : grids) {
    bool inside = false;
    for (auto& k : kept)
      if (g.x0 >= k.x0 - kTol && g.x1 <= k.x1 + kTol && g.y0 >= k.y0 - kTol && g.y1 <= k.y1 + kTol)
        inside = true;
    if (!inside) kept.push_back(std::move(g));
  }
  std::sort(kept.begin(), kept.end(), [](const Grid& a, const Grid& b) { return a.y0 < b.y0; });
  return kept;
}

std::string cell_text(const std::vector<Word>& words, const std::vector<int>& idx) {
  if (idx.empty()) return "";
  bool all_vertical = true;
  for (int i : idx) all_vertical = all_vertical && words[i].vertical;
  if (all_vertical) {
    // Vertical writing: columns right to left, glyphs top to bottom.
    std::vector<int> v = idx;
    std::sort(v.begin(), v.end(), [&](int a, int b) {
      if (std::abs(xc(words[a]) - xc(words[b])) > 0.5 * std::max(1.0, words[a].x1 - words[a].x0))
        return xc(words[a]) > xc(words[b]);
      return words[a].y0 < words[b].y0;
    });
    std::string out;
    for (int i : v) out += words[i].text;
    return out;
  }
  std::vector<Line> lines = make_lines(words, idx);
  std::string out;
  for (auto& l : lines) join_wrapped(out, line_text(words, l.words));
  return out;
}

// ---------------------------------------------------------------- builder

// One row of an unruled table: its cells as word lists (labels, then values)
// and the page line of its values.
struct UnruledRow {
  std::vector<std::vector<int>> cells;
  int line = 0;
};

struct Builder {
  Document* doc = nullptr;
  std::vector<Word> page_words_;  // words of the page being laid out
  // The open paragraph (index into doc->blocks) and how its last line ended.
  int open_para = -1;
  bool para_reaches_right = false;
  double para_font = 0;
  // The last emitted table, for joining tables split by a page break.
  int last_table = -1;
  int last_table_page = -1;
  std::vector<double> last_xs;
  // per column of the last row: the table row holding the owner cell of that
  // position (-1 when owned from the left), and whether it is merged downwards
  std::vector<int> last_owner_row;
  std::vector<bool> last_owner_vmerged;
  std::map<int, int> carried;  // grid cell id -> owner row continued from the last page
  bool content_since_table = false;

  void text_line(const Line& l, int page_no, double left, double right, bool first_on_page) {
    int line_no = page_no * 1000 + l.index;
    bool indented = l.x0 > left + 0.6 * std::max(6.0, l.font_size);
    bool same_font = para_font > 0 && std::abs(l.font_size - para_font) <= 1.5;
    float conf = min_confidence(page_words_, l.words);
    if (open_para >= 0 && para_reaches_right && !indented && same_font) {
      DocParagraph& p = doc->blocks[open_para].paragraph;
      join_wrapped(p.text, l.text);
      if (conf >= 0 && (p.confidence < 0 || conf < p.confidence)) p.confidence = conf;
    } else {
      doc->add_paragraph(l.text, line_no, conf);
      open_para = doc->blocks.size() - 1;
    }
    para_reaches_right = l.x1 >= right - 1.5 * std::max(6.0, l.font_size);
    para_font = l.font_size;
    content_since_table = true;
  }

  // A continuation whose column boundaries are a subset of the previous
  // part's (a page holding only rows with merged columns): express it on the
  // previous part's columns so both parts share one grid.
  bool remap_columns(Grid& g) const {
    if (last_xs.size() <= g.xs.size() || g.xs.size() < 2) return false;
    std::vector<int> to(g.xs.size());
    for (size_t i = 0; i < g.xs.size(); ++i) {
      auto it = std::find_if(last_xs.begin(), last_xs.end(),
                             [&](double x) { return std::abs(x - g.xs[i]) <= 3.0; });
      if (it == last_xs.end()) return false;
      to[i] = it - last_xs.begin();
    }
    if (to.front() != 0 || to.back() != (int)last_xs.size() - 1) return false;
    int nr = g.ys.size() - 1, nc = last_xs.size() - 1;
    std::vector<std::vector<int>> owner(nr, std::vector<int>(nc, -1));
    for (size_t id = 0; id < g.cells.size(); ++id) {
      Cell& c = g.cells[id];
      int c0 = to[c.c], c1 = to[c.c + c.cs];
      c.c = c0;
      c.cs = c1 - c0;
      for (int r = c.r; r < c.r + c.rs; ++r)
        for (int k = c0; k < c1; ++k) owner[r][k] = id;
    }
    g.xs = last_xs;
    g.owner.swap(owner);
    return true;
  }

  void table(const Page& page, Grid g, int page_no, const std::vector<int>& word_line) {
    open_para = -1;
    if (last_table >= 0 && !content_since_table && last_table_page == page_no - 1) remap_columns(g);
    int nr = g.ys.size() - 1, nc = g.xs.size() - 1;
    // Rows of the grid become DocRows; every grid position is one DocCell.
    auto line_of_y = [&](double y) {
      // 1-based page line of the first word at or below y
      int best = 0;
      double best_y = 1e18;
      for (size_t i = 0; i < page.words.size(); ++i) {
        double c = yc(page.words[i]);
        if (c >= y && c < best_y) { best_y = c; best = word_line[i]; }
      }
      return best ? best : 1;
    };
    DocTable t;
    t.structured = true;
    for (int r = 0; r < nr; ++r) {
      DocRow row;
      int row_line = 0;
      for (int c = 0; c < nc; ++c) {
        DocCell cell;
        int id = g.owner[r][c];
        const Cell& owner = g.cells[id];
        if (owner.r != r || owner.c != c) {
          cell.spanned = true;
        } else {
          cell.rowspan = owner.rs;
          cell.colspan = owner.cs;
          cell.text = cell_text(page.words, owner.words);
          cell.confidence = min_confidence(page.words, owner.words);
          int ln = 0;
          for (int w : owner.words)
            if (!ln || word_line[w] < ln) ln = word_line[w];
          if (ln) {
            cell.line = page_no * 1000 + ln;
            if (!row_line || cell.line < row_line) row_line = cell.line;
          }
        }
        row.cells.push_back(std::move(cell));
      }
      if (!row_line) row_line = page_no * 1000 + line_of_y(g.ys[r]);
      row.line = row_line;
      for (auto& cell : row.cells)
        if (!cell.line) cell.line = row_line;
      t.rows.push_back(std::move(row));
    }

    bool continues = last_table >= 0 && !content_since_table && last_table_page == page_no - 1 &&
                     last_xs.size() == g.xs.size();
    if (continues)
      for (size_t i = 0; i < g.xs.size(); ++i)
        if (std::abs(last_xs[i] - g.xs[i]) > 3.0) continues = false;
    int base = 0;
    if (continues) {
      DocTable& prev = doc->blocks[last_table].table;
      base = prev.rows.size();
      // An empty cell at the top of the continuation below a label cell or a
      // vertically merged cell is that merged cell going on across the page
      // break: mark it spanned and extend the owner's rowspan.
      if (!t.rows.empty())
        for (int c = 0; c < nc; ++c) {
          DocCell& top = t.rows[0].cells[c];
          if (top.spanned || !top.text.empty() || last_owner_row[c] < 0) continue;
          const Cell& o = g.cells[g.owner[0][c]];
          DocCell& prev_owner = prev.rows[last_owner_row[c]].cells[c];
          if (prev_owner.colspan != o.cs) continue;
          bool label = !prev_owner.text.empty() && !is_number_text(prev_owner.text);
          if (!label && !last_owner_vmerged[c]) continue;
          prev_owner.rowspan += o.rs;
          for (int rr = 0; rr < o.rs; ++rr)
            for (int cc = c; cc < c + o.cs; ++cc) t.rows[rr].cells[cc].spanned = true;
          carried[g.owner[0][c]] = last_owner_row[c];
        }
      for (auto& row : t.rows) prev.rows.push_back(std::move(row));
    } else {
      DocBlock b;
      b.kind = DocBlock::Table;
      b.table = std::move(t);
      doc->blocks.push_back(std::move(b));
      last_table = doc->blocks.size() - 1;
    }
    // Owners of the last row's positions, for the next page.
    last_owner_row.assign(nc, -1);
    last_owner_vmerged.assign(nc, false);
    if (nr > 0)
      for (int c = 0; c < nc; ++c) {
        int id = g.owner[nr - 1][c];
        const Cell& o = g.cells[id];
        if (o.c != c) continue;
        auto it = carried.find(id);
        last_owner_row[c] = it != carried.end() ? it->second : base + o.r;
        last_owner_vmerged[c] = o.rs > 1 || it != carried.end();
      }
    carried.clear();
    last_table_page = page_no;
    last_xs = g.xs;
    content_since_table = false;
  }

  // Rows of an unruled table: per row, the label cells (one per label column,
  // wrapped lines joined) and the value chunks.
  void chunk_rows(const Page& page, const std::vector<UnruledRow>& rows, const std::vector<int>& word_line,
                  int page_no) {
    open_para = -1;
    DocBlock b;
    b.kind = DocBlock::Table;
    b.table.structured = false;
    for (const UnruledRow& r : rows) {
      DocRow row;
      row.line = page_no * 1000 + r.line;
      for (const auto& cell_words : r.cells) {
        int ln = 0;
        for (int w : cell_words)
          if (!ln || word_line[w] < ln) ln = word_line[w];
        DocCell cell{cell_text(page.words, cell_words), ln ? page_no * 1000 + ln : row.line};
        cell.confidence = min_confidence(page.words, cell_words);
        row.cells.push_back(std::move(cell));
      }
      b.table.rows.push_back(std::move(row));
    }
    doc->blocks.push_back(std::move(b));
    last_table = -1;
    content_since_table = true;
  }
};

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
    double em = std::max(6.0, std::max(w.font_size, p.font_size));
    if (w.x0 - p.x1 > 1.5 * em) out.push_back({});
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

// An unruled table whose label cells wrap: the values of a row are printed on
// one line, its label on that line and on lines above and below it (label
// text centred in its cell), group labels in a column of their own. Lines
// holding only label text ("narrow": left of the values, no sentence end)
// are given to the rows; every label word joins the row whose values line is
// nearest, except that a fragment starting with an enumeration marker begins
// a label and so joins a row at or below it.
struct Unruled {
  std::vector<UnruledRow> rows;
  size_t next = 0;  // first body line after the table
};

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
    return b.y0 - a.y1 <= 1.5 * std::max(1.0, h);
  };
  auto narrow = [&](const Line& l, double left) {
    if (l.y0 >= y_limit || l.x1 > left - 2 || l.text.find("。") != std::string::npos) return false;
    for (int w : l.words)
      if (is_number_text(words[w].text)) return false;
    return true;
  };
  // Label lines above the first row (at most 4, each directly above the next).
  size_t first = from;
  while (first < body.size() && first - from < 5 && !row_like(first)) ++first;
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
      if (l < left - 60 || l > left + 60) break;  // another table's columns
      left = std::min(left, l);
      rows.push_back(k);
      fragments.insert(fragments.end(), pending.begin(), pending.end());
      pending.clear();
    } else if (narrow(body[k], left) && close(body[k - 1], body[k]) && pending.size() < 8) {
      pending.push_back(k);
    } else {
      break;
    }
  }
  // Label lines after the last row: a few, directly below it.
  if (pending.size() <= 4) {
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
    while (lo < rows.size() && centre(lo) < y - 0.3 * height(words[w])) ++lo;
    row_of[w] = lo < rows.size() ? nearest(y, lo, rows.size()) : nearest(y, 0, rows.size());
  }
  for (int w : plain) {
    // A label starting right below this fragment (same column) closes it:
    // the fragment ends a label of a row above that one.
    double y = yc(words[w]);
    int below = -1;
    for (auto& [o, r] : row_of) {
      const Word& b = words[o];
      if (yc(b) <= y + 0.5 * height(words[w]) || b.x0 >= words[w].x1 || b.x1 <= words[w].x0) continue;
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
      return std::abs(yc(a) - yc(b)) < 0.5 * std::min(height(a), height(b));
    };
    UnionFind uf(n);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = i + 1; j < n; ++j) {
        const Word &a = words[lw[i]], &b = words[lw[j]];
        if (!same_line(i, j) && std::min(a.x1, b.x1) - std::max(a.x0, b.x0) > 1) uf.unite(i, j);
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
      double em = std::max(6.0, std::max(a.font_size, b.font_size));
      if (b.x0 - a.x1 <= 1.5 * em && (alone[i] || alone[next])) uf.unite(i, next);
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

}  // namespace

void find_rulings(const uint8_t* grey, int width, int height, int stride, double scale, Page* page) {
  if (!grey || width <= 0 || height <= 0 || scale <= 0) return;
  const int dark = 170;
  int max_thick = std::max(1, (int)std::lround(3.0 / scale));
  std::vector<Band> hb, vb;
  int min_h = std::max(4, (int)std::lround(20.0 / scale));
  int min_v = std::max(4, (int)std::lround(6.0 / scale));
  Runs hr, vr;
  find_runs(grey, width, height, stride, dark, min_h, min_v, &hr, &vr);
  merge_runs(hr, height, max_thick, &hb);
  merge_runs(vr, width, max_thick, &vb);
  for (auto& b : hb) {
    double y = (b.b0 + b.b1 + 1) / 2.0 * scale;
    page->hrules.push_back(Segment{b.a0 * scale, y, (b.a1 + 1) * scale, y});
  }
  for (auto& b : vb) {
    double x = (b.b0 + b.b1 + 1) / 2.0 * scale;
    page->vrules.push_back(Segment{x, b.a0 * scale, x, (b.a1 + 1) * scale});
  }
}

bool may_hold_table(const Page& page) {
  if (page.words.empty()) return false;
  double ph = page.height > 0 ? page.height : 842;
  std::vector<int> all(page.words.size());
  std::iota(all.begin(), all.end(), 0);
  for (const Line& l : make_lines(page.words, all)) {
    for (size_t k = 0; k < l.words.size(); ++k) {
      const Word& w = page.words[l.words[k]];
      if (w.vertical) return true;
      if (k == 0) continue;
      const Word& p = page.words[l.words[k - 1]];
      double em = std::max(6.0, std::max(w.font_size, p.font_size));
      if (w.x0 - p.x1 > 0.5 * em) return true;
    }
    std::string text = line_text(page.words, l.words);
    bool band = l.y1 < ph * 0.12 || l.y0 > ph * 0.85;
    if (is_number_text(text) && !(band && is_page_number(text))) return true;
  }
  return false;
}

std::vector<Box> cell_boxes(const Page& page) {
  std::vector<Box> out;
  for (const Grid& g : find_tables(page))
    for (const Cell& c : g.cells) {
      Box b{g.xs[c.c], g.ys[c.r], g.xs[c.c + c.cs], g.ys[c.r + c.rs], false};
      for (const Word& w : page.words) {
        double cx = xc(w), cy = yc(w);
        if (cx >= b.x0 && cx <= b.x1 && cy >= b.y0 && cy <= b.y1 && !strip_spaces(w.text).empty()) {
          b.has_text = true;
          break;
        }
      }
      out.push_back(b);
    }
  return out;
}

void layout_pages(const std::vector<Page>& pages, Document* doc) {
  Builder B;
  B.doc = doc;
  for (size_t p = 0; p < pages.size(); ++p) {
    const Page& page = pages[p];
    int page_no = p + 1;
    B.page_words_ = page.words;

    // Page-wide line numbering over all words.
    std::vector<int> all(page.words.size());
    std::iota(all.begin(), all.end(), 0);
    std::vector<int> word_line(page.words.size(), 0);
    {
      std::vector<Line> lines = make_lines(page.words, all);
      for (size_t k = 0; k < lines.size(); ++k)
        for (int w : lines[k].words) word_line[w] = k + 1;
    }

    std::vector<Grid> grids = find_tables(page);
    std::vector<int> free_words;
    for (size_t i = 0; i < page.words.size(); ++i) {
      const Word& w = page.words[i];
      double cx = xc(w), cy = yc(w);
      bool placed = false;
      for (auto& g : grids) {
        if (cx < g.x0 - 1 || cx > g.x1 + 1 || cy < g.y0 - 1 || cy > g.y1 + 1) continue;
        auto col = std::upper_bound(g.xs.begin(), g.xs.end(), cx) - g.xs.begin() - 1;
        auto row = std::upper_bound(g.ys.begin(), g.ys.end(), cy) - g.ys.begin() - 1;
        col = std::clamp<long>(col, 0, g.xs.size() - 2);
        row = std::clamp<long>(row, 0, g.ys.size() - 2);
        g.cells[g.owner[row][col]].words.push_back(i);
        placed = true;
        break;
      }
      if (!placed) free_words.push_back(i);
    }

    std::vector<Line> lines = make_lines(page.words, free_words);
    for (auto& l : lines) {
      l.index = word_line[l.words.front()];
      l.text = line_text(page.words, l.words);
    }
    // Drop page numbers in the top / bottom band of the page.
    double ph = page.height > 0 ? page.height : 842;
    std::vector<Line> body;
    for (auto& l : lines) {
      bool band = l.y1 < ph * 0.12 || l.y0 > ph * 0.85;
      if (band && is_page_number(l.text)) continue;
      if (strip_spaces(l.text).empty()) continue;
      body.push_back(std::move(l));
    }
    double left = 1e9, right = -1e9;
    for (auto& l : body) {
      bool vertical = true;
      for (int w : l.words) vertical = vertical && page.words[w].vertical;
      if (vertical) continue;
      left = std::min(left, l.x0);
      right = std::max(right, l.x1);
    }

    // Merge lines and tables by their top edge.
    size_t li = 0, gi = 0;
    bool first = true;
    while (li < body.size() || gi < grids.size()) {
      bool take_table = gi < grids.size() && (li >= body.size() || grids[gi].y0 <= body[li].y0);
      if (take_table) {
        B.table(page, grids[gi], page_no, word_line);
        ++gi;
      } else {
        // Unruled tables: consecutive lines with >= 3 chunks, >= 2 numeric,
        // and the wrapped label lines around them.
        Unruled u = unruled_table(page.words, body, li, gi < grids.size() ? grids[gi].y0 : 1e18);
        if (!u.rows.empty()) {
          B.chunk_rows(page, u.rows, word_line, page_no);
          li = u.next;
        } else {
          B.text_line(body[li], page_no, left, right, first);
          ++li;
        }
      }
      first = false;
    }
  }
}

}  // namespace gk::pdf
