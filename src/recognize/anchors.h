// Anchors: where the template's labels sit in the stream. Every occurrence of
// every key is a candidate; the best chain in template order wins, so a label
// that is missing, misspelt beyond the lexicon, or repeated in a page header
// does not derail the rows around it.
#pragma once

#include <string>
#include <vector>

#include "recognize/stream.h"

namespace gk {

struct SlotKeys {
  int slot;                          // template order
  std::vector<std::u32string> keys;  // in label order (earlier keys preferred)
  int weight = 1000;                 // weight of a match (pseudo slots weigh less)
};

struct Anchor {
  int slot = -1;
  size_t cb = 0, ce = 0;  // compact begin / end
  int weight = 0;
};

// All occurrences of `key` in st.c within [from, to).
std::vector<size_t> find_all(const std::u32string& hay, const std::u32string& key, size_t from,
                             size_t to, size_t max_hits = 64);

// Best chain of anchors: slots strictly increasing, positions non-overlapping
// and increasing, maximum total weight. Compact range [from, to).
std::vector<Anchor> best_chain(const Stream& st, const std::vector<SlotKeys>& slots, size_t from,
                               size_t to);

}  // namespace gk
