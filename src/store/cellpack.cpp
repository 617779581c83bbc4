#include "store/cellpack.h"

#include <charconv>
#include <stdexcept>

namespace gk::store {

namespace {

// Index = stored code. Append only.
constexpr CellStatus kCodes[] = {CellStatus::Missing, CellStatus::Printed,     CellStatus::Blank,
                                 CellStatus::Recovered, CellStatus::Split,     CellStatus::Placeholder,
                                 CellStatus::Absent};
constexpr int kNCodes = sizeof(kCodes) / sizeof(kCodes[0]);

[[noreturn]] void bad(const char* what) { throw std::runtime_error(std::string("单元格数据损坏：") + what); }

struct Reader {
  std::string_view s;
  size_t i = 0;
  void ws() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
  }
  void expect(char c) {
    ws();
    if (i >= s.size() || s[i] != c) bad("缺少分隔符");
    ++i;
  }
  bool peek(char c) {
    ws();
    return i < s.size() && s[i] == c;
  }
  std::optional<double> number_or_null() {
    ws();
    if (s.compare(i, 4, "null") == 0) {
      i += 4;
      return std::nullopt;
    }
    double v = 0;
    auto [p, ec] = std::from_chars(s.data() + i, s.data() + s.size(), v);
    if (ec != std::errc()) bad("数值无法解析");
    i = static_cast<size_t>(p - s.data());
    return v;
  }
  long integer() {
    ws();
    long v = 0;
    auto [p, ec] = std::from_chars(s.data() + i, s.data() + s.size(), v);
    if (ec != std::errc()) bad("整数无法解析");
    i = static_cast<size_t>(p - s.data());
    return v;
  }
};

}  // namespace

int status_code(CellStatus s) {
  for (int k = 0; k < kNCodes; ++k)
    if (kCodes[k] == s) return k;
  return 0;
}

std::optional<CellStatus> status_from_code(int code) {
  if (code < 0 || code >= kNCodes) return std::nullopt;
  return kCodes[code];
}

std::vector<std::pair<int, std::string>> status_codes() {
  std::vector<std::pair<int, std::string>> out;
  for (int k = 0; k < kNCodes; ++k) out.emplace_back(k, std::string(cell_status_name(kCodes[k])));
  return out;
}

std::string pack_cells(const Report& r) {
  std::string out;
  out.reserve(2048);
  out += '[';
  char buf[64];
  bool first = true;
  for (const auto& ref : all_cells(r)) {
    const Cell& c = *ref.cell;
    if (!first) out += ',';
    first = false;
    out += '[';
    if (c.value) {
      auto [p, ec] = std::to_chars(buf, buf + sizeof buf, *c.value);
      out.append(buf, ec == std::errc() ? static_cast<size_t>(p - buf) : 0);
      if (ec != std::errc()) out += "null";
    } else {
      out += "null";
    }
    out += ',';
    out += std::to_string(status_code(c.status));
    out += ',';
    out += std::to_string(c.line);
    out += ',';
    out += std::to_string(static_cast<int>(c.verification));
    out += ']';
  }
  out += ']';
  return out;
}

std::vector<PackedCell> unpack_cells(std::string_view packed) {
  std::vector<PackedCell> out;
  out.reserve(200);
  Reader rd{packed};
  rd.expect('[');
  if (!rd.peek(']')) {
    for (;;) {
      rd.expect('[');
      PackedCell c;
      c.value = rd.number_or_null();
      rd.expect(',');
      auto st = status_from_code(static_cast<int>(rd.integer()));
      if (!st) bad("未知状态");
      c.status = *st;
      rd.expect(',');
      c.line = static_cast<int>(rd.integer());
      if (rd.peek(',')) {
        ++rd.i;
        long v = rd.integer();
        if (v < 0 || v > static_cast<long>(Verification::Recovered)) bad("未知核验状态");
        c.verification = static_cast<Verification>(v);
      }
      rd.expect(']');
      out.push_back(c);
      if (rd.peek(',')) {
        ++rd.i;
        continue;
      }
      break;
    }
  }
  rd.expect(']');
  rd.ws();
  if (rd.i != packed.size()) bad("多余内容");
  return out;
}

void apply_cells(Report& r, const std::vector<PackedCell>& cells) {
  auto refs = all_cells(r);
  if (refs.size() != cells.size()) bad("单元格个数不符");
  for (size_t k = 0; k < refs.size(); ++k) {
    refs[k].cell->value = cells[k].value;
    refs[k].cell->status = cells[k].status;
    refs[k].cell->line = cells[k].line;
    refs[k].cell->verification = cells[k].verification;
  }
}

}  // namespace gk::store
