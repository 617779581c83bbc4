// Running the gongkai binary (or a shell line around it) from a test:
// exit code, standard output and standard error.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

namespace gk::testcli {

struct CliRun {
  int code;
  std::string out, err;
};

// Runs `line` with /bin/sh; its standard error is collected apart.
inline CliRun run_shell(const std::string& line) {
  char errf[] = "/tmp/gk_cli_err_XXXXXX";
  int fd = mkstemp(errf);
  close(fd);
  std::string cmd = "(" + line + ") 2>" + errf;
  FILE* p = popen(cmd.c_str(), "r");
  CliRun r{};
  char buf[1 << 14];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::ifstream e(errf);
  r.err.assign(std::istreambuf_iterator<char>(e), {});
  unlink(errf);
  return r;
}

}  // namespace gk::testcli
