#include "cli/output.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace gk::cli {

void write_via_temp_file(const std::function<void(const std::string& path)>& make) {
  const char* dir = std::getenv("TMPDIR");
  std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/gongkai-out-XXXXXX";
  int fd = mkstemp(tmpl.data());
  if (fd < 0) throw std::runtime_error("无法创建临时文件“" + tmpl + "”");
  close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{tmpl};
  make(tmpl);
  FILE* f = std::fopen(tmpl.c_str(), "rb");
  if (!f) throw std::runtime_error("无法读取临时文件“" + tmpl + "”");
  char buf[1 << 16];
  size_t n;
  bool ok = true;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
    if (std::fwrite(buf, 1, n, stdout) != n) {
      ok = false;
      break;
    }
  std::fclose(f);
  if (!ok || std::fflush(stdout) != 0) throw std::runtime_error("写入标准输出失败");
}

}  // namespace gk::cli
