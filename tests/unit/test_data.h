// The data-driven runners' shared walk over tests/data/{seeds,real,layouts}.
#pragma once

#include <dirent.h>

#include <algorithm>
#include <cctype>
#include <ostream>
#include <string>
#include <vector>

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

// For every NAME<suffix> in the data folders, each input file NAME.* beside it
// (not a truth or expectation file).
inline std::vector<Case> cases_with(const std::string& suffix) {
  std::vector<Case> out;
  for (const char* sub : {"seeds", "real", "layouts"}) {
    std::string dir = std::string(GONGKAI_TEST_DATA) + "/" + sub;
    DIR* d = opendir(dir.c_str());
    if (!d) continue;
    std::vector<std::string> names;
    while (dirent* e = readdir(d)) names.push_back(e->d_name);
    closedir(d);
    std::sort(names.begin(), names.end());
    for (const auto& n : names) {
      if (n.size() <= suffix.size() || !ends_with(n, suffix)) continue;
      std::string stem = n.substr(0, n.size() - suffix.size());
      for (const auto& n2 : names)
        if (n2.rfind(stem + ".", 0) == 0 && !ends_with(n2, ".truth.json") && !ends_with(n2, ".expect"))
          out.push_back({dir + "/" + n2, dir + "/" + n});
    }
  }
  return out;
}

}  // namespace gk::testdata
