#include "store/walk.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace gk::store {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool wanted(const fs::path& p, bool json_records) {
  std::string name = p.filename().string();
  if (name.empty() || name[0] == '.' || name[0] == '~') return false;
  std::string ext = lower(p.extension().string());
  if (json_records) return ext == ".json" || ext == ".jsonl";
  static const char* skip[] = {".json", ".jsonl", ".db",   ".db-wal", ".db-shm", ".sqlite", ".sqlite3",
                               ".csv",  ".xlsx",  ".log",  ".tmp",    ".part",   ".md5",    ".sha256"};
  for (const char* s : skip)
    if (ext == s) return false;
  return true;
}

}  // namespace

std::string stored_path(const std::string& p) {
  std::error_code ec;
  fs::path a = fs::absolute(fs::path(p), ec);
  if (ec) return p;
  return a.lexically_normal().string();
}

WalkResult walk_inputs(const std::vector<std::string>& inputs, bool json_records) {
  WalkResult out;
  for (const auto& in : inputs) {
    std::error_code ec;
    fs::file_status st = fs::status(in, ec);
    if (ec || !fs::exists(st)) {
      out.errors.push_back("“" + in + "”不存在");
      continue;
    }
    if (fs::is_regular_file(st)) {
      out.files.push_back(stored_path(in));
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
      if (wanted(p, json_records)) out.files.push_back(stored_path(p.string()));
    }
  }
  std::sort(out.files.begin(), out.files.end());
  out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
  return out;
}

}  // namespace gk::store
