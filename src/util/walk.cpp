#include "util/walk.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace gk {

namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

}  // namespace

bool walk_takes(std::string_view name, bool json_records) {
  if (name.empty() || name[0] == '.' || name[0] == '~') return false;
  if (json_records) return ends_with_ci(name, ".json") || ends_with_ci(name, ".jsonl");
  static const char* skip[] = {".json", ".jsonl", ".db",  ".db-wal", ".db-shm", ".db-journal", ".sqlite",
                               ".sqlite3", ".csv", ".xlsx", ".log",   ".tmp",    ".part",       ".md5",
                               ".sha256", ".expect"};
  for (const char* s : skip)
    if (ends_with_ci(name, s)) return false;
  return true;
}

std::string stored_path(const std::string& p) {
  std::error_code ec;
  fs::path a = fs::absolute(fs::path(p), ec);
  if (ec) return p;
  return a.lexically_normal().string();
}

WalkResult walk_inputs(const std::vector<std::string>& inputs, const WalkOptions& opt) {
  WalkResult out;
  auto keep = [&](const std::string& p) { out.files.push_back(opt.absolute ? stored_path(p) : p); };
  for (const auto& in : inputs) {
    std::error_code ec;
    fs::file_status st = fs::status(in, ec);
    if (ec || !fs::exists(st)) {
      out.errors.push_back("“" + in + "”不存在");
      continue;
    }
    if (fs::is_regular_file(st)) {
      keep(in);
      continue;
    }
    if (!fs::is_directory(st)) {
      out.errors.push_back("“" + in + "”不是普通文件或目录");
      continue;
    }
    fs::recursive_directory_iterator it(in, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      out.errors.push_back("无法列出目录“" + in + "”：" + ec.message());
      continue;
    }
    size_t first = out.files.size();
    for (; it != end; it.increment(ec)) {
      if (ec) {
        out.errors.push_back("无法列出“" + in + "”中的部分内容：" + ec.message());
        break;
      }
      const fs::path& p = it->path();
      std::string name = p.filename().string();
      if (it->is_directory(ec)) {
        if (!name.empty() && name[0] == '.') it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(ec)) continue;
      if (walk_takes(name, opt.json_records)) keep(p.string());
    }
    std::sort(out.files.begin() + static_cast<std::ptrdiff_t>(first), out.files.end());
  }
  if (opt.absolute) {
    std::sort(out.files.begin(), out.files.end());
    out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
  }
  return out;
}

}  // namespace gk
