#include "recognize/anchors.h"

#include <algorithm>

namespace gk {

std::vector<size_t> find_all(const std::u32string& hay, const std::u32string& key, size_t from,
                             size_t to, size_t max_hits) {
  std::vector<size_t> out;
  if (key.empty() || to > hay.size()) to = std::min(to, hay.size());
  size_t p = hay.find(key, from);
  while (p != std::u32string::npos && p + key.size() <= to && out.size() < max_hits) {
    out.push_back(p);
    p = hay.find(key, p + 1);
  }
  return out;
}

std::vector<Anchor> best_chain(const Stream& st, const std::vector<SlotKeys>& slots, size_t from,
                               size_t to) {
  std::vector<Anchor> cands;
  for (const auto& sk : slots) {
    for (size_t k = 0; k < sk.keys.size(); ++k) {
      for (size_t p : find_all(st.c, sk.keys[k], from, to)) {
        cands.push_back(Anchor{sk.slot, p, p + sk.keys[k].size(), sk.weight - (int)k});
      }
    }
  }
  if (cands.empty()) return {};
  std::sort(cands.begin(), cands.end(), [](const Anchor& a, const Anchor& b) {
    return a.cb != b.cb ? a.cb < b.cb : a.slot < b.slot;
  });
  size_t n = cands.size();
  std::vector<long> best(n);
  std::vector<int> prev(n, -1);
  for (size_t i = 0; i < n; ++i) {
    best[i] = cands[i].weight;
    for (size_t j = 0; j < i; ++j) {
      if (cands[j].slot < cands[i].slot && cands[j].ce <= cands[i].cb &&
          best[j] + cands[i].weight > best[i]) {
        best[i] = best[j] + cands[i].weight;
        prev[i] = (int)j;
      }
    }
  }
  size_t bi = 0;
  for (size_t i = 1; i < n; ++i)
    if (best[i] > best[bi]) bi = i;
  std::vector<Anchor> chain;
  for (int i = (int)bi; i >= 0; i = prev[i]) chain.push_back(cands[i]);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

}  // namespace gk
