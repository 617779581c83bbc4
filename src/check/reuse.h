// Year-over-year text reuse: shingled character n-grams over a normalised
// text (CJK and letters kept, every digit folded to one symbol so "2023年"
// and "2024年" count as the same wording), compared by Jaccard and by
// containment (share of this year's shingles already in last year's text).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace gk {

inline constexpr int kShingleChars = 5;
// A section is flagged C-BOILERPLATE when both years have at least this many
// normalised characters and the Jaccard similarity reaches the threshold.
inline constexpr size_t kBoilerplateMinChars = 80;
inline constexpr double kBoilerplateJaccard = 0.8;

struct Shingles {
  std::vector<uint64_t> hashes;  // sorted, unique
  size_t chars = 0;              // normalised length in characters
};

Shingles shingle(std::string_view text, int n = kShingleChars);

// The shingles of each text and, as the last element, of all of them joined
// with a newline after each: exactly what shingle() gives for each and for
// the joined text, but the joined set is merged from the parts' sets and the
// few windows that cross a joint instead of being hashed and sorted again.
std::vector<Shingles> shingle_parts_and_whole(const std::vector<std::string_view>& texts,
                                              int n = kShingleChars);

struct Similarity {
  double jaccard = 0;      // |A∩B| / |A∪B|
  double containment = 0;  // |A∩B| / |A|, A = this year
};
// Both 0 when either side is empty.
Similarity similarity(const Shingles& cur, const Shingles& prev);

}  // namespace gk
