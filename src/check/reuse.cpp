#include "check/reuse.h"

#include <algorithm>
#include <iterator>

#include "util/utf8.h"

namespace gk {

namespace {

uint64_t mix(uint64_t h, uint64_t c) {
  h ^= c + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h * 0xFF51AFD7ED558CCDull;
}

// CJK and letters kept (letters lower-cased), each run of digits one '#', the rest dropped.
std::u32string normalise(std::string_view text) {
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
  return norm;
}

uint64_t window_hash(const char32_t* p, size_t k) {
  uint64_t h = 1469598103934665603ull;
  for (size_t q = 0; q < k; ++q) h = mix(h, p[q]);
  return h;
}

// Sorts and dedups hashes. They are uniformly spread, so one counting pass on
// the top bits leaves buckets of a few elements each, insertion-sorted (std::sort
// for a bucket over 32, so hashes that are not spread cannot make it quadratic).
void sort_unique(std::vector<uint64_t>& v) {
  const size_t n = v.size();
  if (n >= 256) {
    int bits = 0;
    while ((size_t{1} << (bits + 1)) <= n / 2 && bits < 16) ++bits;
    const int shift = 64 - bits;
    std::vector<uint32_t> start((size_t{1} << bits) + 1, 0);
    for (uint64_t h : v) ++start[(h >> shift) + 1];
    for (size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    std::vector<uint64_t> out(n);
    std::vector<uint32_t> pos(start.begin(), start.end() - 1);
    for (uint64_t h : v) out[pos[h >> shift]++] = h;
    for (size_t b = 0; b + 1 < start.size(); ++b) {
      auto first = out.begin() + start[b], last = out.begin() + start[b + 1];
      if (last - first > 32) {
        std::sort(first, last);
      } else {
        for (auto i = first + (first != last); i < last; ++i)
          for (auto j = i; j > first && *(j - 1) > *j; --j) std::iter_swap(j - 1, j);
      }
    }
    v.swap(out);
  } else {
    std::sort(v.begin(), v.end());
  }
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

Shingles shingle_norm(const std::u32string& norm, int n) {
  Shingles s;
  s.chars = norm.size();
  if (norm.empty()) return s;
  size_t k = static_cast<size_t>(std::max(1, n));
  if (norm.size() < k) k = norm.size();
  s.hashes.reserve(norm.size() - k + 1);
  for (size_t p = 0; p + k <= norm.size(); ++p) s.hashes.push_back(window_hash(norm.data() + p, k));
  sort_unique(s.hashes);
  return s;
}

}  // namespace

Shingles shingle(std::string_view text, int n) { return shingle_norm(normalise(text), n); }

std::vector<Shingles> shingle_parts_and_whole(const std::vector<std::string_view>& texts, int n) {
  std::vector<Shingles> out;
  out.reserve(texts.size() + 1);
  // utf8::next() takes one byte of a broken sequence and never a '\n', so
  // decoding the joined text gives each part's characters unchanged.
  const size_t k = static_cast<size_t>(std::max(1, n));
  std::u32string whole;
  std::vector<size_t> joints;  // where each later part starts in `whole`
  for (std::string_view t : texts) {
    std::u32string norm = normalise(t);
    out.push_back(shingle_norm(norm, n));
    if (norm.empty()) continue;
    if (!whole.empty()) joints.push_back(whole.size());
    // A digit run at the end of one part and the start of the next folds to one '#'.
    size_t from = (!whole.empty() && whole.back() == U'#' && norm[0] == U'#') ? 1 : 0;
    whole.append(norm, from, std::u32string::npos);
  }
  if (whole.size() < k) {  // one short shingle of the whole text
    out.push_back(shingle_norm(whole, n));
    return out;
  }
  // Every window of the whole text lies inside one part (a window of that part;
  // a part's window at a folded leading '#' is the same characters as the
  // window crossing into it) or crosses a joint.
  Shingles all;
  all.chars = whole.size();
  std::vector<uint64_t> crossing;
  for (size_t j : joints)
    for (size_t p = j >= k - 1 ? j - (k - 1) : 0; p < j && p + k <= whole.size(); ++p)
      crossing.push_back(window_hash(whole.data() + p, k));
  sort_unique(crossing);
  all.hashes = std::move(crossing);
  std::vector<uint64_t> merged;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (out[i].chars < k) continue;  // a short part's only shingle is shorter than k
    merged.clear();
    merged.reserve(all.hashes.size() + out[i].hashes.size());
    std::set_union(all.hashes.begin(), all.hashes.end(), out[i].hashes.begin(), out[i].hashes.end(),
                   std::back_inserter(merged));
    all.hashes.swap(merged);
  }
  out.push_back(std::move(all));
  return out;
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

}  // namespace gk
