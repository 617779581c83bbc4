// Option parsing shared by the corpus and region subcommands: --name VALUE /
// --name=VALUE options, bare flags and positional arguments.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cli/commands.h"

namespace gk::cli {

// --name VALUE / --name=VALUE options plus positional arguments.
struct Parsed {
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> opts;
  std::vector<std::string> flags;
  std::string error;
  const std::string* get(const std::string& k) const {
    for (auto it = opts.rbegin(); it != opts.rend(); ++it)
      if (it->first == k) return &it->second;
    return nullptr;
  }
  bool flag(const std::string& k) const {
    for (const auto& f : flags)
      if (f == k) return true;
    return false;
  }
};

inline Parsed parse_args(const Args& args, const std::vector<std::string>& with_value,
                  const std::vector<std::string>& bare) {
  Parsed p;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() > 1 && a[0] == '-' && a != "-") {
      std::string k = a, v;
      bool has_eq = false;
      if (auto eq = a.find('='); eq != std::string::npos) k = a.substr(0, eq), v = a.substr(eq + 1), has_eq = true;
      bool takes = false;
      for (const auto& w : with_value) takes = takes || w == k;
      bool is_flag = false;
      for (const auto& b : bare) is_flag = is_flag || b == k;
      if (takes) {
        if (!has_eq) {
          if (i + 1 >= args.size()) {
            p.error = "参数 " + k + " 需要一个值";
            return p;
          }
          v = args[++i];
        }
        p.opts.emplace_back(k, v);
      } else if (is_flag && !has_eq) {
        p.flags.push_back(k);
      } else {
        p.error = "未知参数“" + a + "”";
        return p;
      }
    } else {
      p.positional.push_back(a);
    }
  }
  return p;
}

}  // namespace gk::cli
