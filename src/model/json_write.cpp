#include "model/json_write.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "model/position.h"
#include "model/verify.h"

namespace gk {

namespace {

// Appends JSON tokens with nlohmann's layout: objects and arrays open, each
// member on its own line (pretty) or none (compact), empty containers as {} / [].
class Writer {
 public:
  Writer(std::string& out, int indent) : o_(out), indent_(indent) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k) {
    element();
    string(k);
    if (indent_ >= 0) o_.append(": ", 2);
    else o_.push_back(':');
  }
  // Value helpers: call after key() in an object or directly in an array.
  void item() { element(); }

  void null() { o_.append("null", 4); }
  void boolean(bool b) {
    if (b) o_.append("true", 4);
    else o_.append("false", 5);
  }
  void integer_array(const std::vector<int>& v) {
    begin_array();
    for (int x : v) {
      item();
      integer(x);
    }
    end_array();
  }
  void integer(int64_t v) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    o_.append(buf, static_cast<size_t>(res.ptr - buf));
  }
  void number(double v) {
    if (!std::isfinite(v)) {
      null();
      return;
    }
    std::array<char, 64> buf;
    char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), v);
    o_.append(buf.data(), static_cast<size_t>(end - buf.data()));
  }
  void string(std::string_view s);
  void string_or_null(std::string_view s) {
    if (s.empty()) null();
    else string(s);
  }
  void string_array(const std::vector<std::string>& v) {
    begin_array();
    for (const auto& s : v) {
      item();
      string(s);
    }
    end_array();
  }

 private:
  void open(char c) {
    o_.push_back(c);
    first_[++depth_] = true;
  }
  void close(char c) {
    bool empty = first_[depth_--];
    if (!empty && indent_ >= 0) newline();
    o_.push_back(c);
  }
  void element() {
    if (!first_[depth_]) o_.push_back(',');
    first_[depth_] = false;
    if (indent_ >= 0) newline();
  }
  void newline() {
    o_.push_back('\n');
    o_.append(static_cast<size_t>(depth_ * indent_), ' ');
  }

  std::string& o_;
  int indent_;
  int depth_ = 0;
  std::array<bool, 16> first_{};
};

// Length of the valid UTF-8 sequence at s[i] (as nlohmann's decoder accepts:
// no overlong forms, no surrogates, nothing past U+10FFFF), 0 when invalid.
size_t utf8_sequence(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n = s.size() - i;
  auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;
    if (c == 0xED && b(i + 1) > 0x9F) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;
    if (c == 0xF4 && b(i + 1) > 0x8F) return 0;
    return 4;
  }
  return 0;
}

// Eight bytes that need no escaping and are ASCII: none with the high bit,
// none below 0x20, none a '"' or a '\\' (the usual SWAR zero-byte tests).
inline bool plain8(uint64_t w) {
  constexpr uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  auto has_zero = [&](uint64_t x) { return (x - ones) & ~x & high; };
  return !((w & high) | ((w - ones * 0x20) & ~w & high) | has_zero(w ^ (ones * '"')) |
           has_zero(w ^ (ones * '\\')));
}

void Writer::string(std::string_view s) {
  o_.push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  size_t scalar_until = 0;  // after a block that needed a look, the next bytes one by one
  for (size_t i = 0; i < s.size();) {
    if (i >= scalar_until) {
      while (i + 8 <= s.size()) {
        uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        if (!plain8(w)) break;
        i += 8;
      }
      if (i >= s.size()) break;
      scalar_until = i + 16;  // CJK text: no eight plain bytes in a row
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (size_t n = utf8_sequence(s, i)) {
        i += n;
        continue;
      }
      // nlohmann throws on invalid UTF-8; the record never holds any (the
      // readers decode to UTF-8), but a stray byte must not end the batch.
      o_.append(s.data() + run, i - run);
      o_.append("\xEF\xBF\xBD");
      run = ++i;
      continue;
    }
    o_.append(s.data() + run, i - run);
    switch (c) {
      case '"': o_.append("\\\"", 2); break;
      case '\\': o_.append("\\\\", 2); break;
      case '\b': o_.append("\\b", 2); break;
      case '\t': o_.append("\\t", 2); break;
      case '\n': o_.append("\\n", 2); break;
      case '\f': o_.append("\\f", 2); break;
      case '\r': o_.append("\\r", 2); break;
      default: {
        static const char hex[] = "0123456789abcdef";
        char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        o_.append(u, 6);
      }
    }
    run = ++i;
  }
  o_.append(s.data() + run, s.size() - run);
  o_.push_back('"');
}

void cell_value(Writer& w, const Cell& c) {
  if (!c.value) return w.null();
  double v = *c.value;
  if (std::floor(v) == v && std::fabs(v) < 9e15) return w.integer(static_cast<int64_t>(v));
  w.number(v);
}

void cell_member(Writer& w, const char* key, const Cell& c) {
  w.key(key);
  cell_value(w, c);
}

void cell_row(Writer& w, const Cell* cells, int n) {
  w.begin_array();
  for (int i = 0; i < n; ++i) {
    w.item();
    cell_value(w, cells[i]);
  }
  w.end_array();
}

// Indices of `keys` in byte order of the key (nlohmann objects are sorted maps).
template <size_t N>
std::array<int, N> sorted_order(const std::array<const char*, N>& keys) {
  std::array<int, N> idx;
  for (size_t i = 0; i < N; ++i) idx[i] = static_cast<int>(i);
  std::sort(idx.begin(), idx.end(), [&](int a, int b) { return std::strcmp(keys[a], keys[b]) < 0; });
  return idx;
}

// all_cells() order sorted by path: the order of cell_info's keys.
const std::vector<int>& cell_info_order() {
  static const std::vector<int> order = [] {
    Report r;
    auto cells = all_cells(r);
    std::vector<int> idx(cells.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = static_cast<int>(i);
    std::sort(idx.begin(), idx.end(), [&](int a, int b) { return cells[a].path < cells[b].path; });
    return idx;
  }();
  return order;
}

void stock(Writer& w, const char* key, const StockRow& s) {
  w.key(key);
  w.begin_object();
  cell_member(w, "in_force", s.in_force);
  cell_member(w, "issued", s.issued);
  cell_member(w, "repealed", s.repealed);
  w.end_object();
}

void source(Writer& w, const Report& r) {
  w.key("source");
  w.begin_object();
  if (!r.encoding.empty()) {
    w.key("encoding");
    w.string(r.encoding);
  }
  w.key("format");
  w.string(r.format);
  if (r.paged) {
    w.key("paged");
    w.boolean(true);
  }
  w.key("path");
  w.string(r.path);
  w.key("sha256");
  w.string(r.sha256);
  w.end_object();
}

void diagnostics(Writer& w, const Report& r) {
  w.key("diagnostics");
  w.begin_array();
  for (const auto& d : r.diagnostics) {
    w.item();
    w.begin_object();
    w.key("cells");
    w.string_array(d.cells);
    w.key("line");
    if (d.line) w.integer(d.line);
    else w.null();
    w.key("message");
    w.string(d.message);
    if (!d.note_lines.empty()) {
      w.key("note_lines");
      w.integer_array(d.note_lines);
    }
    if (!d.notes.empty()) {
      w.key("notes");
      w.string_array(d.notes);
    }
    if (r.paged && d.line) {
      SourcePos pos = source_pos(d.line, true);
      w.key("page");
      w.integer(pos.page);
      w.key("page_line");
      w.integer(pos.line);
    }
    w.key("rule");
    w.string(d.rule);
    w.key("severity");
    w.string(severity_name(d.severity));
    w.end_object();
  }
  w.end_array();
}

void agency(Writer& w, const Report& r) {
  w.key("agency");
  w.string_or_null(r.agency);
}

void year(Writer& w, const Report& r) {
  w.key("year");
  if (r.year) w.integer(r.year);
  else w.null();
}

void opt_int(Writer& w, int v) {
  if (v) w.integer(v);
  else w.null();
}

// issue 13: each piece of the report's identity as printed and where it came from.
void identity(Writer& w, const Identity& id) {
  w.key("identity");
  w.begin_object();
  const std::pair<const char*, const std::string*> before[] = {
      {"agency_full", &id.agency_full},
      {"agency_normalized", &id.agency_normalized},
      {"agency_printed", &id.agency_printed},
      {"agency_source", &id.agency_source},
      {"publication_date_source", &id.publication_date_source},
      {"signature_agency", &id.signature_agency},
      {"signature_date", &id.signature_date}};
  for (const auto& [k, v] : before) {
    w.key(k);
    w.string_or_null(*v);
  }
  w.key("signature_line");
  opt_int(w, id.signature_line);
  const std::pair<const char*, const std::string*> after[] = {
      {"title_printed", &id.title_printed}, {"title_source", &id.title_source}, {"url", &id.url}};
  for (const auto& [k, v] : after) {
    w.key(k);
    w.string_or_null(*v);
  }
  w.end_object();
}

// A pre-2019 report: its sections and statistics table as printed.
void legacy(Writer& w, const LegacyPart& l) {
  w.key("legacy");
  w.begin_object();
  w.key("sections");
  w.begin_array();
  for (const auto& s : l.sections) {
    w.item();
    w.begin_object();
    w.key("heading");
    w.string(s.heading);
    w.key("line");
    opt_int(w, s.line);
    w.key("number");
    opt_int(w, s.number);
    w.key("numeral");
    w.string(s.numeral);
    w.key("text");
    w.string(s.text);
    w.end_object();
  }
  w.end_array();
  w.key("statistics");
  w.begin_array();
  for (const auto& st : l.statistics) {
    w.item();
    w.begin_object();
    cell_member(w, "cumulative", st.cumulative);
    w.key("key");
    w.string_or_null(st.key);
    w.key("line");
    opt_int(w, st.line);
    w.key("name");
    w.string(st.name);
    cell_member(w, "this_year", st.this_year);
    w.key("unit");
    w.string_or_null(st.unit);
    w.end_object();
  }
  w.end_array();
  w.key("statistics_table_line");
  opt_int(w, l.table_line);
  w.end_object();
}

struct FieldName {
  const char* name;
  uint32_t bit;
};
constexpr FieldName kFieldNames[] = {
    {"agency", kFieldAgency},
    {"appeals", kFieldAppeals},
    {"applications", kFieldApplications},
    {"cell_info", kFieldCellInfo},
    {"diagnostics", kFieldDiagnostics},
    {"identity", kFieldIdentity},
    {"legacy", kFieldLegacy},
    {"proactive", kFieldProactive},
    {"proactive_2019", kFieldProactive2019},
    {"publication_date", kFieldPublicationDate},
    {"schema_version", kFieldSchemaVersion},
    {"sections", kFieldSections},
    {"source", kFieldSource},
    {"statistics_period", kFieldStatisticsPeriod},
    {"template", kFieldTemplate},
    {"title", kFieldTitle},
    {"year", kFieldYear},
};

}  // namespace

void write_record_json(std::string& out, const Report& r, const JsonWriteOptions& opt) {
  Writer w(out, opt.indent);
  auto want = [&](uint32_t bit) { return (opt.fields & bit) != 0; };
  w.begin_object();
  if (want(kFieldAgency)) agency(w, r);
  if (want(kFieldAppeals)) {
    static const auto order = sorted_order(kT3RowKeys);
    w.key("appeals");
    w.begin_object();
    for (int i : order) {
      w.key(kT3RowKeys[i]);
      cell_row(w, r.appeals[i].data(), kT3Cols);
    }
    w.end_object();
  }
  if (want(kFieldApplications)) {
    static const auto order = sorted_order(kT2RowKeys);
    w.key("applications");
    w.begin_object();
    for (int i : order) {
      w.key(kT2RowKeys[i]);
      cell_row(w, r.applications[i].data(), kT2Cols);
    }
    w.end_object();
  }
  if (want(kFieldCellInfo)) {
    w.key("cell_info");
    w.begin_object();
    auto cells = all_cells(r);
    for (int i : cell_info_order()) {
      const Cell& c = *cells[i].cell;
      if (opt.cell_info == CellInfo::ExtrasOnly && c.raw.empty() && c.via.empty() && c.confidence < 0) continue;
      w.key(cells[i].path);
      w.begin_object();
      if (c.confidence >= 0) {
        w.key("confidence");
        w.number(static_cast<double>(c.confidence));
      }
      if (c.line) {
        w.key("line");
        w.integer(c.line);
      }
      if (c.line && r.paged) {
        w.key("page");
        w.integer(source_pos(c.line, true).page);
      }
      if (!c.raw.empty()) {
        w.key("raw");
        w.string(c.raw);
      }
      w.key("status");
      w.string(cell_status_name(c.status));
      w.key("verification");
      w.string(verification_name(c.verification));
      if (!c.via.empty()) {
        w.key("via");
        w.string_array(c.via);
      }
      w.end_object();
    }
    w.end_object();
  }
  if (want(kFieldDiagnostics)) diagnostics(w, r);
  if (want(kFieldIdentity)) identity(w, r.identity);
  if (want(kFieldLegacy) && r.legacy.present) legacy(w, r.legacy);
  if (want(kFieldProactive)) {
    const auto& p = r.proactive;
    w.key("proactive");
    w.begin_object();
    cell_member(w, "enforcement", p.enforcement);
    cell_member(w, "fees_wan_yuan", p.fees_wan_yuan);
    cell_member(w, "licensing", p.licensing);
    stock(w, "normative_documents", p.normative_documents);
    cell_member(w, "punishment", p.punishment);
    stock(w, "regulations", p.regulations);
    w.end_object();
  }
  if (want(kFieldProactive2019) && r.proactive_2019.present) {
    const auto& q = r.proactive_2019;
    // In key order.
    const std::pair<const char*, const Cell*> fields[] = {
        {"enforcement_change", &q.enforcement_change},
        {"enforcement_previous_items", &q.enforcement_prev},
        {"fees_change", &q.fees_change},
        {"fees_previous_items", &q.fees_prev},
        {"licensing_change", &q.licensing_change},
        {"licensing_previous_items", &q.licensing_prev},
        {"normative_documents_published", &q.normative_published},
        {"other_services", &q.other_services},
        {"other_services_change", &q.other_services_change},
        {"other_services_previous_items", &q.other_services_prev},
        {"procurement_amount_wan_yuan", &q.procurement_amount},
        {"procurement_items", &q.procurement_items},
        {"punishment_change", &q.punishment_change},
        {"punishment_previous_items", &q.punishment_prev},
        {"regulations_published", &q.regulations_published}};
    w.key("proactive_2019");
    w.begin_object();
    for (const auto& [key, cell] : fields) cell_member(w, key, *cell);
    w.end_object();
  }
  if (want(kFieldPublicationDate)) {
    w.key("publication_date");
    w.string_or_null(r.publication_date);
  }
  if (want(kFieldSchemaVersion)) {
    w.key("schema_version");
    w.integer(r.schema_version);
  }
  if (want(kFieldSections) && opt.sections) {
    w.key("sections");
    w.begin_array();
    for (const auto& s : r.sections) {
      w.item();
      w.begin_object();
      w.key("heading");
      if (s.found()) w.string(s.heading);
      else w.null();
      w.key("line");
      if (s.line) w.integer(s.line);
      else w.null();
      w.key("number");
      w.integer(s.number);
      w.key("text");
      w.string(s.text);
      w.end_object();
    }
    w.end_array();
  }
  if (want(kFieldSource)) source(w, r);
  if (want(kFieldStatisticsPeriod) && !r.period_start.empty()) {
    w.key("statistics_period");
    w.begin_object();
    w.key("end");
    w.string(r.period_end);
    w.key("start");
    w.string(r.period_start);
    w.end_object();
  }
  if (want(kFieldTemplate)) {
    w.key("template");
    w.string(edition_key(r.edition));
  }
  if (want(kFieldTitle)) {
    w.key("title");
    w.string_or_null(r.title);
  }
  if (want(kFieldYear)) year(w, r);
  w.end_object();
}

void write_check_json(std::string& out, const Report& r) {
  Writer w(out, -1);
  w.begin_object();
  agency(w, r);
  diagnostics(w, r);
  source(w, r);
  // How far the tables' arithmetic vouches for the cells (model/verify.h).
  VerificationCounts vc = count_verification(r);
  w.key("verification");
  w.begin_object();
  w.key("consistent");
  w.integer(vc.consistent);
  w.key("contradicted");
  w.integer(vc.contradicted);
  w.key("missing");
  w.integer(vc.missing);
  w.key("recovered");
  w.integer(vc.recovered);
  w.key("verified");
  w.integer(vc.verified);
  w.key("verified_share");
  w.number(vc.verified_share());
  w.end_object();
  year(w, r);
  w.end_object();
}

bool parse_record_fields(std::string_view list, uint32_t* mask, std::string* err) {
  *mask = 0;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (name.empty()) continue;
    bool found = false;
    for (const auto& f : kFieldNames)
      if (name == f.name) {
        *mask |= f.bit;
        found = true;
      }
    if (!found) {
      *err = std::string(name);
      return false;
    }
  }
  if (*mask == 0) {
    *err = "";
    return false;
  }
  return true;
}

std::string record_field_names() {
  std::string s;
  for (const auto& f : kFieldNames) {
    if (!s.empty()) s += ",";
    s += f.name;
  }
  return s;
}

}  // namespace gk
