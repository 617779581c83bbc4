// The .expect format (tests/data/README.md): one finding a line,
//   SEVERITY RULE[@INSTANCE] [page P] [line N] [cells PATH,PATH,...]
// e.g. "error T2-ROW-TOTAL@new line 57 cells applications.new[0],applications.new[6]".
// The position is written exactly when the finding has one: a finding with a
// line (or cells) must be pinned with it, one without is written bare.
// Shared by the data-driven runners (expect_test.cpp, rule_cases_test.cpp).
#pragma once

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/position.h"
#include "model/report.h"

namespace gk::testdata {

// A finding as the runners compare it: the .expect line it must match.
struct Finding {
  std::string severity, rule;  // "error", "T2-ROW-TOTAL@new"
  int page = 0, line = 0;      // 0: none
  std::vector<std::string> cells;

  bool is_note() const { return severity == "note"; }
  std::string rule_base() const { return rule.substr(0, rule.find('@')); }
  std::string key() const {  // severity and rule only: how old .expect lines matched
    return severity + " " + rule;
  }
  std::string str() const {
    std::string s = key();
    if (page) s += " page " + std::to_string(page);
    if (line) s += " line " + std::to_string(line);
    if (!cells.empty()) {
      s += " cells ";
      for (size_t i = 0; i < cells.size(); ++i) s += (i ? "," : "") + cells[i];
    }
    return s;
  }
};

// A paged source (PDF, scans) numbers lines per page (model/position.h).
inline Finding finding_of(const Diagnostic& d, bool paged) {
  Finding f;
  f.severity = severity_name(d.severity);
  f.rule = d.rule;
  SourcePos pos = source_pos(d.line, paged);
  f.page = pos.page;
  f.line = pos.line;
  f.cells = d.cells;
  return f;
}

inline std::vector<Finding> findings_of(const Report& r) {
  std::vector<Finding> out;
  for (const auto& d : r.diagnostics) out.push_back(finding_of(d, r.paged));
  return out;
}

// One .expect line. Returns false (with `error` set, in Chinese) on a malformed line.
inline bool parse_finding(const std::string& text, Finding* f, std::string* error) {
  std::istringstream in(text);
  std::vector<std::string> w;
  for (std::string x; in >> x;) w.push_back(x);
  *f = Finding{};
  if (w.size() < 2) return *error = "一行至少要有级别和规则编号", false;
  if (w[0] != "error" && w[0] != "warning" && w[0] != "note")
    return *error = "级别“" + w[0] + "”应为 error、warning 或 note", false;
  f->severity = w[0];
  f->rule = w[1];
  auto number = [&](size_t i, int* out) {
    if (i >= w.size() || w[i].empty() || w[i].find_first_not_of("0123456789") != std::string::npos) return false;
    *out = std::stoi(w[i]);
    return *out > 0;
  };
  size_t i = 2;
  if (i < w.size() && w[i] == "page") {
    if (!number(i + 1, &f->page)) return *error = "“page”后应为正整数", false;
    i += 2;
  }
  if (i < w.size() && w[i] == "line") {
    if (!number(i + 1, &f->line)) return *error = "“line”后应为正整数", false;
    i += 2;
  }
  if (i < w.size() && w[i] == "cells") {
    if (i + 1 >= w.size()) return *error = "“cells”后应为逗号分隔的单元格路径", false;
    std::string list = w[i + 1];
    for (size_t b = 0; b <= list.size();) {
      size_t e = list.find(',', b);
      if (e == std::string::npos) e = list.size();
      if (e == b) return *error = "单元格路径不能为空", false;
      f->cells.push_back(list.substr(b, e - b));
      b = e + 1;
    }
    i += 2;
  }
  if (i != w.size()) return *error = "无法理解“" + w[i] + "”（应为 page N、line N、cells …，按此顺序）", false;
  return true;
}

struct ExpectFile {
  std::vector<std::string> header;  // leading comment lines, kept when re-blessing
  std::vector<Finding> findings;
  std::vector<std::string> errors;  // "file:line: problem"
};

inline ExpectFile read_expect(const std::string& path) {
  ExpectFile out;
  std::ifstream in(path);
  std::string line;
  int n = 0;
  bool top = true;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (line[0] == '#') {
      if (top) out.header.push_back(line);
      continue;
    }
    top = false;
    Finding f;
    std::string err;
    if (parse_finding(line, &f, &err)) out.findings.push_back(f);
    else out.errors.push_back(path + ":" + std::to_string(n) + ": " + err);
  }
  return out;
}

// What failed to match, one line each ("缺少 …" / "多出 …"), empty when it matches:
// errors and warnings exactly (as a multiset), listed notes at least.
inline std::vector<std::string> compare(const std::vector<Finding>& want, const std::vector<Finding>& got) {
  std::multiset<std::string> want_strict, got_strict, want_notes, got_notes;
  for (const auto& f : want) (f.is_note() ? want_notes : want_strict).insert(f.str());
  for (const auto& f : got) (f.is_note() ? got_notes : got_strict).insert(f.str());
  std::vector<std::string> out;
  auto diff = [&](const std::multiset<std::string>& a, const std::multiset<std::string>& b, const char* tag) {
    std::map<std::string, int> count;
    for (const auto& x : a) ++count[x];
    for (const auto& x : b) --count[x];
    for (const auto& [k, v] : count)
      for (int i = 0; i < v; ++i) out.push_back(std::string(tag) + k);
  };
  diff(want_strict, got_strict, "缺少 ");
  diff(got_strict, want_strict, "多出 ");
  diff(want_notes, got_notes, "缺少 ");
  return out;
}

// The new text of an .expect file: its header, then its lines in their old
// order, each replaced by the finding it stands for (same severity and rule,
// taken in order), then the errors and warnings it did not list (and the notes,
// when `add_notes`: old files list only the notes that matter). Used by GONGKAI_BLESS=1.
inline std::string bless(const ExpectFile& old, const std::vector<Finding>& got, bool add_notes) {
  std::vector<const Finding*> order;
  for (const auto& f : got) order.push_back(&f);
  std::set<const Finding*> used;
  std::ostringstream out;
  for (const auto& h : old.header) out << h << "\n";
  auto take = [&](const Finding& w, bool exact) {
    for (const Finding* g : order)
      if (!used.count(g) && (exact ? g->str() == w.str() : g->key() == w.key())) {
        used.insert(g);
        out << g->str() << "\n";
        return true;
      }
    return false;
  };
  for (const auto& w : old.findings)
    if (!take(w, true)) take(w, false);
  for (const Finding* g : order)
    if (!used.count(g) && (add_notes || !g->is_note())) out << g->str() << "\n";
  return out.str();
}

inline bool bless_requested() {
  const char* b = std::getenv("GONGKAI_BLESS");
  return b && *b && std::string(b) != "0";
}

}  // namespace gk::testdata
