// Ruled grids: ruling lines that meet each other form a table; their distinct
// x / y positions give the grid, a missing rule segment between two grid
// positions merges them (colspan / rowspan). A table cut by a page break (no
// closing rule) is closed where its vertical rules end together.
#include <cmath>

#include "read/layout_internal.h"
#include "util/utf8.h"

namespace gk::layout {

namespace detail {

namespace {

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

}  // namespace

std::vector<Grid> find_tables(const Page& page) {
  std::vector<Grid> grids;
  if (page.hrules.size() > S.max_hrules || page.vrules.size() > S.max_vrules || page.vrules.size() < 2) return grids;
  // A vertical run no taller than a word it lies in is a glyph stroke (the
  // 1 or 4 of a number in a low row reaches within S.rule_tol of both rules), not
  // a rule: real rules span their row, higher than the text in it.
  std::vector<Segment> V0;
  V0.reserve(page.vrules.size());
  for (const auto& v : page.vrules) {
    bool stroke = false;
    if (v.y1 - v.y0 < S.stroke_max_length)
      for (const auto& w : page.words)
        if (v.x0 > w.x0 && v.x0 < w.x1 && v.y0 >= w.y0 - S.stroke_slack && v.y1 <= w.y1 + S.stroke_slack) {
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
      if (v.y1 - v.y0 >= S.closing_vrule_min) longv.push_back(&v);
    auto key = [&](const Segment* v) { return end ? v->y1 : v->y0; };
    std::sort(longv.begin(), longv.end(), [&](auto a, auto b) { return key(a) < key(b); });
    for (size_t i = 0; i < longv.size();) {
      size_t j = i;
      double x0 = 1e9, x1 = -1e9;
      while (j < longv.size() && key(longv[j]) - key(longv[i]) <= S.rule_tol) {
        x0 = std::min(x0, longv[j]->x0);
        x1 = std::max(x1, longv[j]->x0);
        ++j;
      }
      double y = key(longv[i]);
      bool covered = false;
      for (auto& h : page.hrules)
        if (std::abs(h.y0 - y) <= S.rule_tol && h.x0 <= x0 + S.rule_tol && h.x1 >= x1 - S.rule_tol) covered = true;
      if (j - i >= S.closing_min_rules && !covered && x1 - x0 >= S.closing_min_width) synth.push_back(Segment{x0, y, x1, y});
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
      if (std::abs(h.y0 - y) <= S.rule_tol && v.x0 >= h.x0 - S.rule_tol && v.x0 <= h.x1 + S.rule_tol) return true;
    }
    return false;
  };
  auto meets = [&](const Segment& h, const Segment& v) {
    return v.x0 >= h.x0 - S.rule_tol && v.x0 <= h.x1 + S.rule_tol && h.y0 >= v.y0 - S.rule_tol && h.y0 <= v.y1 + S.rule_tol;
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
    g.ys = cluster_positions(yv, S.rule_tol);
    g.xs = cluster_positions(xv, S.rule_tol);
    // Drop slivers (double borders).
    auto squeeze = [](std::vector<double>& p) {
      std::vector<double> o;
      for (double x : p)
        if (o.empty() || x - o.back() > S.sliver) o.push_back(x);
      p.swap(o);
    };
    squeeze(g.ys);
    squeeze(g.xs);
    if (g.ys.size() < 2 || g.xs.size() < 2) continue;
    if (g.ys.size() > S.max_grid_rows || g.xs.size() > S.max_grid_cols) continue;
    // A single boxed cell is a frame or a glyph like 口/四, not a table.
    if (g.ys.size() == 2 && g.xs.size() == 2) continue;
    if (g.xs.back() - g.xs.front() < S.min_table_width || g.ys.back() - g.ys.front() < S.min_table_height) continue;
    g.x0 = g.xs.front();
    g.x1 = g.xs.back();
    // Cut by the page edge: rules of the table go on past its last vertical
    // rule up to the edge (the vertical rules beyond are off the page).
    if (page.width > 0)
      for (auto& h : hs) {
        if (h.x1 >= page.width - S.page_edge && h.x1 > g.xs.back() + S.clip_overhang) g.clipped_right = true;
        if (h.x0 <= S.page_edge && h.x0 < g.xs.front() - S.clip_overhang) g.clipped_left = true;
      }
    g.y0 = g.ys.front();
    g.y1 = g.ys.back();
    int nr = g.ys.size() - 1, nc = g.xs.size() - 1;
    auto hedge = [&](int bi, int c) {  // rule at ys[bi] over column c
      double mid = (g.xs[c] + g.xs[c + 1]) / 2;
      for (auto& h : hs)
        if (std::abs(h.y0 - g.ys[bi]) <= S.rule_tol && h.x0 - S.rule_tol <= mid && h.x1 + S.rule_tol >= mid) return true;
      return false;
    };
    auto vedge = [&](int bj, int r) {  // rule at xs[bj] over row r
      double mid = (g.ys[r] + g.ys[r + 1]) / 2;
      for (auto& v : vs)
        if (std::abs(v.x0 - g.xs[bj]) <= S.rule_tol && v.y0 - S.rule_tol <= mid && v.y1 + S.rule_tol >= mid) return true;
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
      if (g.x0 >= k.x0 - S.rule_tol && g.x1 <= k.x1 + S.rule_tol && g.y0 >= k.y0 - S.rule_tol && g.y1 <= k.y1 + S.rule_tol)
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
      if (std::abs(xc(words[a]) - xc(words[b])) > S.vertical_column_share * std::max(1.0, words[a].x1 - words[a].x0))
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

}  // namespace detail

using namespace detail;

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

}  // namespace gk::layout
