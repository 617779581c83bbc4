#include "util/text.h"

#include <cmath>
#include <cstdio>

#include "util/utf8.h"

namespace gk {

namespace {
bool whole(double v) { return std::floor(v) == v && std::fabs(v) < 9e15; }
}  // namespace

std::string format_number(double v) {
  char buf[64];
  if (whole(v)) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.4f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string format_number_exact(double v) {
  char buf[40];
  if (whole(v)) std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  else std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string trim(std::string_view s) {
  auto space = [](char32_t c) { return utf8::is_space(c) || c == '\n'; };
  size_t b = 0, e = s.size();
  // Walk code points from the front, then find the last non-space one.
  size_t i = 0;
  while (i < s.size()) {
    size_t at = i;
    if (!space(utf8::next(s, i))) {
      b = at;
      break;
    }
    b = i;
  }
  size_t last_end = b;
  for (size_t j = b; j < s.size();) {
    char32_t c = utf8::next(s, j);
    if (!space(c)) last_end = j;
  }
  e = last_end;
  return std::string(s.substr(b, e - b));
}

std::string xml_escape(std::string_view s, bool html_breaks) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n':
        if (html_breaks) out += "<br>";
        else out += ch;
        break;
      default: out += ch;
    }
  }
  return out;
}

}  // namespace gk
