// The data-driven runners' shared walk over tests/data/{seeds,real,layouts,rendered}
// (and tests/data/rules, walked by rule_cases_test.cpp).
#pragma once

#include <dirent.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "read/format_readers.h"

namespace gk::testdata {

struct Case {
  std::string input;  // the report file
  std::string side;   // NAME<suffix> beside it (truth or expectations)
};

inline void PrintTo(const Case& c, std::ostream* os) { *os << c.input; }

// A test name from the input's file name.
inline std::string case_name(const std::string& input) {
  std::string n = input.substr(input.rfind('/') + 1);
  for (auto& ch : n)
    if (!std::isalnum((unsigned char)ch)) ch = '_';
  return n;
}

inline bool ends_with(const std::string& s, const std::string& suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

// Word 97-2003 and RTF files are read through LibreOffice (src/read/doc_reader.cpp),
// found at run time: the runners skip them when it is not installed.
inline bool office_missing(const std::string& input) {
#if GONGKAI_HAVE_DOCX
  return (ends_with(input, ".doc") || ends_with(input, ".rtf")) && !office_converter_available();
#else
  return false;  // no DOC reader compiled in: reading says 暂不支持 and the runners skip
#endif
}

// Truth files use {t1, t2.rows, t3}; map them onto record paths (all_cells order).
inline std::map<std::string, nlohmann::json> truth_cells(const nlohmann::json& t) {
  std::map<std::string, nlohmann::json> m;
  const nlohmann::json& t1 = t["t1"];
  for (const char* k : {"regulations", "normative_documents"})
    for (const char* f : {"issued", "repealed", "in_force"})
      m[std::string("proactive.") + k + "." + f] = t1[k][f];
  for (const char* k : {"licensing", "punishment", "enforcement", "fees_wan_yuan"})
    m[std::string("proactive.") + k] = t1[k];
  for (auto& [k, row] : t["t2"]["rows"].items())
    for (size_t c = 0; c < row.size(); ++c) m["applications." + k + "[" + std::to_string(c) + "]"] = row[c];
  for (auto& [k, row] : t["t3"].items())
    for (size_t c = 0; c < row.size(); ++c) m["appeals." + k + "[" + std::to_string(c) + "]"] = row[c];
  return m;
}

// The entries of a folder, sorted ("." and ".." left out).
inline std::vector<std::string> folder_names(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (!d) return names;
  while (dirent* e = readdir(d))
    if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") names.push_back(e->d_name);
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

// For every NAME<suffix> in `dir`, each input file NAME.* beside it (not a
// truth or expectation file, nor a folder). An input belongs to the longest
// such NAME it starts with: T2-INT.1.txt to T2-INT.1.expect, not T2-INT.expect.
inline std::vector<Case> cases_in(const std::string& dir, const std::string& suffix) {
  std::vector<Case> out;
  std::vector<std::string> names = folder_names(dir);
  std::vector<std::string> stems;
  for (const auto& n : names)
    if (n.size() > suffix.size() && ends_with(n, suffix)) stems.push_back(n.substr(0, n.size() - suffix.size()));
  for (const auto& stem : stems)
    for (const auto& n2 : names) {
      if (n2.rfind(stem + ".", 0) != 0 || ends_with(n2, ".truth.json") || ends_with(n2, ".expect"))
        continue;
      bool longer = false;
      for (const auto& other : stems)
        longer = longer || (other.size() > stem.size() && n2.rfind(other + ".", 0) == 0);
      if (!longer) out.push_back({dir + "/" + n2, dir + "/" + stem + suffix});
    }
  return out;
}

// cases_in over tests/data/{seeds,real,layouts,rendered}.
inline std::vector<Case> cases_with(const std::string& suffix) {
  std::vector<Case> out;
  for (const char* sub : {"seeds", "real", "layouts", "rendered",
                          // issue 13: the shapes reports really reach users in
                          "crawl", "webpage", "converter-md", "pdftotext", "legacy", "out-of-order"}) {
    std::vector<Case> in = cases_in(std::string(GONGKAI_TEST_DATA) + "/" + sub, suffix);
    out.insert(out.end(), in.begin(), in.end());
  }
  return out;
}

}  // namespace gk::testdata
