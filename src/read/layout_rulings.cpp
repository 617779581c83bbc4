// Ruling lines (table borders) in a page bitmap: runs of dark pixels along
// rows and columns, merged across adjacent pixel lines into thin bands.
#include <cmath>
#include <cstring>

#include "read/layout_internal.h"

namespace gk::layout {

namespace {

using detail::S;

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

// Runs of adjacent lines that start and end within S.run_join_px pixels of each other
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
        if (std::abs(runs[k].first - b.a0) <= S.run_join_px && std::abs(runs[k].second - b.a1) <= S.run_join_px) {
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
      if (out->size() > S.max_bands) return;  // hostile page: enough
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

}  // namespace

void find_rulings(const uint8_t* grey, int width, int height, int stride, double scale, Page* page) {
  if (!grey || width <= 0 || height <= 0 || scale <= 0) return;
  const int dark = S.dark_grey;
  int max_thick = std::max(1, (int)std::lround(S.max_rule_thickness / scale));
  std::vector<Band> hb, vb;
  int min_h = std::max(S.min_run_px, (int)std::lround(S.min_hrule_length / scale));
  int min_v = std::max(S.min_run_px, (int)std::lround(S.min_vrule_length / scale));
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

}  // namespace gk::layout
