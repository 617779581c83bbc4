#include "store/reuse.h"

#include <algorithm>

#include "util/utf8.h"

namespace gk::store {

namespace {
uint64_t mix(uint64_t h, uint64_t c) {
  h ^= c + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h * 0xFF51AFD7ED558CCDull;
}
}  // namespace

Shingles shingle(std::string_view text, int n) {
  std::u32string norm;
  norm.reserve(text.size() / 2);
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = utf8::next(text, i);
    if (utf8::is_digit(c) || (c >= 0xFF10 && c <= 0xFF19)) {
      if (norm.empty() || norm.back() != U'#') norm.push_back(U'#');
    } else if (utf8::is_cjk(c)) {
      norm.push_back(c);
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      norm.push_back(c | 0x20);
    }
  }
  Shingles s;
  s.chars = norm.size();
  if (norm.empty()) return s;
  size_t k = static_cast<size_t>(std::max(1, n));
  if (norm.size() < k) k = norm.size();
  s.hashes.reserve(norm.size() - k + 1);
  for (size_t p = 0; p + k <= norm.size(); ++p) {
    uint64_t h = 1469598103934665603ull;
    for (size_t q = 0; q < k; ++q) h = mix(h, norm[p + q]);
    s.hashes.push_back(h);
  }
  std::sort(s.hashes.begin(), s.hashes.end());
  s.hashes.erase(std::unique(s.hashes.begin(), s.hashes.end()), s.hashes.end());
  return s;
}

Similarity similarity(const Shingles& cur, const Shingles& prev) {
  Similarity r;
  if (cur.hashes.empty() || prev.hashes.empty()) return r;
  size_t i = 0, j = 0, both = 0;
  while (i < cur.hashes.size() && j < prev.hashes.size()) {
    if (cur.hashes[i] == prev.hashes[j]) {
      ++both, ++i, ++j;
    } else if (cur.hashes[i] < prev.hashes[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  size_t uni = cur.hashes.size() + prev.hashes.size() - both;
  r.jaccard = static_cast<double>(both) / static_cast<double>(uni);
  r.containment = static_cast<double>(both) / static_cast<double>(cur.hashes.size());
  return r;
}

}  // namespace gk::store
