#include "normalize/normalize.h"

#include <cstring>

#include "util/utf8.h"

namespace gk {

bool needs_markup_cleaning(std::string_view s) {
  for (char c : s)
    if (c == '[' || c == '<' || c == '&') return true;
  return false;
}

std::string clean_markup(std::string_view s) {
  if (!needs_markup_cleaning(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '[' && s.compare(i, 10, "[bookmark:") == 0) {
      size_t e = s.find(']', i);
      if (e != std::string_view::npos) { i = e + 1; continue; }
    }
    if (c == '<' && i + 1 < s.size() &&
        (std::isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
      size_t e = s.find('>', i);
      if (e != std::string_view::npos && e - i < 200) { i = e + 1; continue; }
    }
    if (c == '&') {
      static const struct { const char* ent; const char* rep; } ents[] = {
          {"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
          {"&apos;", "'"}, {"&#160;", " "}, {"&ensp;", " "}, {"&emsp;", " "}};
      bool hit = false;
      for (auto& e : ents) {
        size_t n = std::strlen(e.ent);
        if (s.compare(i, n, e.ent) == 0) { out += e.rep; i += n; hit = true; break; }
      }
      if (hit) continue;
      if (i + 2 < s.size() && s[i + 1] == '#') {
        size_t j = i + 2;
        bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
        if (hex) ++j;
        char32_t v = 0;
        size_t k = j;
        while (k < s.size() && k - j < 7 && std::isxdigit((unsigned char)s[k])) {
          if (!hex && !std::isdigit((unsigned char)s[k])) break;
          v = v * (hex ? 16 : 10) + (std::isdigit((unsigned char)s[k]) ? s[k] - '0' : (std::tolower(s[k]) - 'a' + 10));
          ++k;
        }
        if (k > j && k < s.size() && s[k] == ';' && v > 0 && v < 0x110000) {
          utf8::append(out, v);
          i = k + 1;
          continue;
        }
      }
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

char32_t fold_char(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;  // full-width ASCII
  switch (c) {
    case 0x3000: case 0x00A0: case '\t': case 0x2002: case 0x2003: case 0x2009: case 0x202F:
    case '\r': case '\f': case '\v':
      return ' ';
    case 0x200B: case 0xFEFF: case 0x200E: case 0x200F:
      return 0;  // zero-width
    case 0x201C: case 0x201D: case 0x201E: case 0x2033: case 0x300C: case 0x300D:
      return '"';
    case 0x2018: case 0x2019:
      return '\'';
    case 0xFE52: case 0x2024:
      return '.';
    case 0x2212: case 0x2010: case 0x2011:
      return '-';
    case 0xFE59: return '(';
    case 0xFE5A: return ')';
    default:
      return c;
  }
}

std::u32string normalize_u32(std::string_view utf8) {
  // Section texts are normalised again by every stage that reads sentences
  // (some ten times a report): long texts are remembered, a few per thread,
  // by their bytes. Normalising is a function of the bytes alone.
  constexpr size_t kRemembered = 8, kLong = 256;
  if (utf8.size() < kLong) {
    std::u32string out;
    normalize_into(utf8, out);
    return out;
  }
  struct Entry {
    std::string bytes;
    std::u32string text;
  };
  static thread_local Entry memo[kRemembered];
  static thread_local size_t next = 0;
  for (const Entry& e : memo)
    if (e.bytes.size() == utf8.size() && e.bytes == utf8) return e.text;
  Entry& e = memo[next++ % kRemembered];
  e.bytes.assign(utf8);
  normalize_into(utf8, e.text);
  return e.text;
}

void normalize_into(std::string_view utf8, std::u32string& out) { normalize_unless_markup(utf8, out, false); }

bool normalize_unless_markup(std::string_view utf8, std::u32string& out, bool stop_at_markup) {
  // No more code points than bytes: written through a pointer into a buffer
  // of that size, cut to length at the end.
  out.resize(utf8.size());
  char32_t* const base = out.data();
  char32_t* o = base;
  // One pass: fold each code point; a run of spaces is kept (as one) only
  // between two ASCII characters.
  bool pending_space = false;
  size_t i = 0;
  const size_t n = utf8.size();
  while (i < n) {
    unsigned char b = utf8[i];
    char32_t c;
    if (b < 0x80) {
      if (stop_at_markup && (b == '[' || b == '<' || b == '&')) {
        out.clear();
        return false;
      }
      ++i;
      c = b;
      if (c == '\t' || c == '\r' || c == '\f' || c == '\v') c = ' ';
    } else if ((b & 0xF0) == 0xE0 && i + 2 < n && ((unsigned char)utf8[i + 1] & 0xC0) == 0x80 &&
               ((unsigned char)utf8[i + 2] & 0xC0) == 0x80) {
      // three-byte sequences (all CJK): decoded inline
      c = ((char32_t)(b & 0x0F) << 12) | ((char32_t)((unsigned char)utf8[i + 1] & 0x3F) << 6) |
          ((unsigned char)utf8[i + 2] & 0x3F);
      i += 3;
      if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
      else if (c < 0x4E00 || c > 0x9FFF) c = fold_char(c);
      if (!c) continue;
    } else {
      c = fold_char(utf8::next(utf8, i));
      if (!c) continue;
    }
    if (c == ' ') {
      pending_space = true;
      continue;
    }
    if (pending_space) {
      if (o != base && o[-1] < 0x80 && c < 0x80) *o++ = ' ';
      pending_space = false;
    }
    *o++ = c;
  }
  out.resize((size_t)(o - base));
  return true;
}

const std::vector<LexiconEntry>& typo_lexicon() {
  static const std::vector<LexiconEntry> lex = {
      {U"转结", U"结转", "转结→结转"},
      {U"总记", U"总计", "总记→总计"},
      {U"本年度止", U"本年废止", "本年度止件数→本年废止件数"},
      {U"行政止公开", U"行政法规禁止公开", "其他法律行政止公开→其他法律行政法规禁止公开"},
      {U"法律法规禁止公开", U"法律行政法规禁止公开", "法律法规禁止公开→法律行政法规禁止公开"},
      {U"三安全-稳定", U"三安全一稳定", "三安全-稳定→三安全一稳定"},
      {U"三类内部事物", U"三类内部事务", "内部事物→内部事务"},
      {U"行政执法案件", U"行政执法案卷", "行政执法案件→行政执法案卷"},
      {U"本年新制发", U"本年制发", "本年新制发→本年制发"},
  };
  return lex;
}

uint64_t apply_lexicon(std::u32string& s) {
  uint64_t hits = 0;
  const auto& lex = typo_lexicon();
  // Most text holds none of the first characters of the typos: one pass to see.
  static const std::u32string firsts = [&] {
    std::u32string f;
    for (const auto& e : lex)
      if (f.find(e.from[0]) == std::u32string::npos) f.push_back(e.from[0]);
    return f;
  }();
  // A 64-bit filter on the low bits first: one test per character.
  static const uint64_t filter = [&] {
    uint64_t m = 0;
    for (char32_t f : firsts) m |= uint64_t(1) << (f & 63);
    return m;
  }();
  // Is any typo there at all? Most text holds none: one pass, comparing only
  // where a character passes the filter and starts an entry.
  bool any = false;
  for (size_t i = 0; i < s.size() && !any; ++i) {
    char32_t c = s[i];
    if (c < 0x4E00 || !(filter >> (c & 63) & 1)) continue;
    for (const auto& e : lex)
      if (e.from[0] == c && s.compare(i, e.from.size(), e.from) == 0) {
        any = true;
        break;
      }
  }
  if (!any) return 0;
  for (size_t k = 0; k < lex.size(); ++k) {
    const auto& e = lex[k];
    size_t p = s.find(e.from);
    if (p == std::u32string::npos) continue;
    hits |= uint64_t(1) << k;
    std::u32string out;
    size_t last = 0;
    while (p != std::u32string::npos) {
      out.append(s, last, p - last);
      out += e.to;
      last = p + e.from.size();
      p = s.find(e.from, last);
    }
    out.append(s, last, std::u32string::npos);
    s.swap(out);
  }
  return hits;
}

std::u32string without_spaces(std::u32string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (char32_t c : s)
    if (c != ' ') out.push_back(c);
  return out;
}

}  // namespace gk
