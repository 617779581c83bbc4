#include "recognize/anchors.h"

#include <algorithm>
#include <bitset>
#include <memory>
#include <unordered_map>

namespace gk {

std::vector<size_t> find_all(const std::u32string& hay, const std::u32string& key, size_t from,
                             size_t to, size_t max_hits) {
  std::vector<size_t> out;
  to = std::min(to, hay.size());
  if (key.empty() || from >= to || to - from < key.size()) return out;
  const char32_t first = key[0];
  const char32_t* h = hay.data();
  const size_t m = key.size();
  for (size_t p = from; p + m <= to; ++p) {
    if (h[p] != first) continue;
    if (std::char_traits<char32_t>::compare(h + p + 1, key.data() + 1, m - 1) == 0) {
      out.push_back(p);
      if (out.size() >= max_hits) break;
    }
  }
  return out;
}

namespace {

// First character -> the keys starting with it, for one pass over the text.
struct KeyIndex {
  struct Entry { int slot; int weight; const std::u32string* key; int id; };
  std::unordered_map<char32_t, std::vector<Entry>> by_first;
  std::bitset<0x10000> first_bmp;  // first characters in the BMP: one test per text character
  bool first_beyond_bmp = false;
  int keys = 0;
  explicit KeyIndex(const std::vector<SlotKeys>& slots) {
    for (const auto& sk : slots)
      for (size_t k = 0; k < sk.keys.size(); ++k) {
        char32_t f = sk.keys[k][0];
        by_first[f].push_back(Entry{sk.slot, sk.weight - (int)k, &sk.keys[k], keys++});
        if (f < 0x10000) first_bmp.set(f);
        else first_beyond_bmp = true;
      }
  }
  bool may_start(char32_t c) const { return c < 0x10000 ? first_bmp.test(c) : first_beyond_bmp; }
};

const KeyIndex& index_for(const std::vector<SlotKeys>& slots) {
  // Slot tables are static; index each once (keyed by address).
  static thread_local std::unordered_map<const void*, std::unique_ptr<KeyIndex>> cache;
  auto& p = cache[&slots];
  if (!p) p = std::make_unique<KeyIndex>(slots);
  return *p;
}

}  // namespace

std::vector<Anchor> best_chain(const Stream& st, const std::vector<SlotKeys>& slots, size_t from,
                               size_t to) {
  std::vector<Anchor> cands;
  const KeyIndex& idx = index_for(slots);
  to = std::min(to, st.c.size());
  const char32_t* h = st.c.data();
  std::vector<int> hits(idx.keys, 0);  // matches of each key so far
  for (size_t p = from; p < to; ++p) {
    if (!idx.may_start(h[p])) continue;
    auto it = idx.by_first.find(h[p]);
    if (it == idx.by_first.end()) continue;
    for (const auto& e : it->second) {
      size_t m = e.key->size();
      if (p + m > to) continue;
      if (std::char_traits<char32_t>::compare(h + p, e.key->data(), m) != 0) continue;
      if (++hits[e.id] > 64) continue;
      cands.push_back(Anchor{e.slot, p, p + m, e.weight});
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
