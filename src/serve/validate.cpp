#include "serve/validate.h"

#include <cctype>

#include "util/text.h"

namespace gk::serve {

std::optional<long> whole_number(const std::string& name, const std::string& value, long lo, long hi,
                                 std::string& error) {
  const std::string range = "（" + std::to_string(lo) + "–" + std::to_string(hi) + "）";
  bool digits = !value.empty() && value.size() <= 12;
  for (unsigned char c : value) digits = digits && std::isdigit(c);
  if (!digits) {
    error = "参数 " + name + " 应为整数" + range + "，收到“" + value.substr(0, 40) + "”";
    return std::nullopt;
  }
  long v = std::stol(value);
  if (v < lo || v > hi) {
    error = "参数 " + name + " 超出范围" + range + "，收到 " + value;
    return std::nullopt;
  }
  return v;
}

std::optional<int> report_year(const std::string& value, std::string& error) {
  bool ok = value.size() == 4;
  for (unsigned char c : value) ok = ok && std::isdigit(c);
  if (ok) {
    int y = std::stoi(value);
    if (y >= 1990 && y <= 2100) return y;
  }
  error = "参数 year 应为四位数的年度（如 2024），收到“" + value.substr(0, 40) + "”";
  return std::nullopt;
}

std::optional<std::string> report_id(const std::string& value, std::string& error) {
  bool ok = value.size() == 64;
  std::string out;
  for (unsigned char c : value) {
    ok = ok && std::isxdigit(c);
    out += ascii_lower(static_cast<char>(c));
  }
  if (ok) return out;
  error = "报告编号应为 64 位十六进制数字（内容的 SHA-256），收到“" + value.substr(0, 80) + "”";
  return std::nullopt;
}

}  // namespace gk::serve
