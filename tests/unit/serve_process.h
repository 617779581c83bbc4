// A `gongkai serve` child process for the serve tests: the real binary, port
// chosen by the kernel and read from its first line of output.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace gk::testing {

// A running `gongkai serve`, stopped (SIGTERM) by the destructor.
class ServerProcess {
 public:
  explicit ServerProcess(std::vector<std::string> args) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], 1);
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> argv;
      static std::string bin = GONGKAI_BINARY, serve = "serve";
      argv.push_back(bin.data());
      argv.push_back(serve.data());
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(bin.c_str(), argv.data());
      _exit(127);
    }
    close(fds[1]);
    // First line: "gongkai serve：http://127.0.0.1:PORT/"; give up after 30 s.
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    while (std::chrono::steady_clock::now() < deadline && line.find('\n') == std::string::npos) {
      char buf[256];
      ssize_t n = read(fds[0], buf, sizeof buf);
      if (n > 0) line.append(buf, n);
      else if (n == 0) break;
      else std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    close(fds[0]);
    first_line_ = line;
    auto p = line.find("127.0.0.1:");
    if (p != std::string::npos) port_ = std::atoi(line.c_str() + p + 10);
  }
  ~ServerProcess() { stop(); }
  int stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  int port() const { return port_; }
  const std::string& first_line() const { return first_line_; }
  bool alive() const { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string first_line_;
};

}  // namespace gk::testing
