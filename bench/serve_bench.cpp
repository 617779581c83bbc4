// Load benchmark for `gongkai serve` on 127.0.0.1 only, bounded in count and time:
//   1. parse-and-check requests per second (POST /api/check, text reports),
//      CLIENTS concurrent clients for at most SECONDS or MAX requests;
//   2. 1,000 uploads of broken files (random bytes, truncated reports, fake
//      PDF/DOCX/zip headers), then the server must still answer and check a
//      good report correctly.
// Usage: serve_bench [gongkai-binary] [seconds=10] [clients=2] [max=5000]
// The server is started as a child process with port 0 and stopped at the end.
#include <httplib.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

static std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

int main(int argc, char** argv) {
  fs::path self = fs::absolute(argv[0]);
  std::string bin = argc > 1 ? argv[1] : (self.parent_path().parent_path() / "gongkai").string();
  double seconds = argc > 2 ? std::atof(argv[2]) : 10;
  int clients = argc > 3 ? std::atoi(argv[3]) : 2;
  int max_requests = argc > 4 ? std::atoi(argv[4]) : 5000;
  fs::path seeds = fs::path(__FILE__).parent_path().parent_path() / "tests/data/seeds";

  std::vector<std::string> reports;
  for (const auto& e : fs::directory_iterator(seeds))
    if (e.path().extension() == ".txt") reports.push_back(slurp(e.path()));
  if (reports.empty() || !fs::exists(bin)) {
    std::fprintf(stderr, "serve_bench：找不到 %s 或 %s 中的文本报告\n", bin.c_str(), seeds.c_str());
    return 2;
  }
  size_t total_bytes = 0;
  for (auto& r : reports) total_bytes += r.size();

  int fds[2];
  if (pipe(fds) != 0) return 2;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    execl(bin.c_str(), bin.c_str(), "serve", "--listen", "127.0.0.1:0", "--timeout", "20", (char*)nullptr);
    _exit(127);
  }
  close(fds[1]);
  std::string line;
  char buf[256];
  ssize_t n;
  while (line.find('\n') == std::string::npos && (n = read(fds[0], buf, sizeof buf)) > 0) line.append(buf, n);
  close(fds[0]);
  auto p = line.find("127.0.0.1:");
  if (p == std::string::npos) {
    std::fprintf(stderr, "serve_bench：服务没有启动：%s\n", line.c_str());
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    return 2;
  }
  int port = std::atoi(line.c_str() + p + 10);

  // 1. throughput
  std::atomic<int> issued{0}, ok{0}, failed{0};
  std::vector<double> latencies_ms;
  std::mutex lat_mutex;
  auto start = Clock::now();
  auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> threads;
  for (int t = 0; t < clients; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port);
      c.set_keep_alive(true);
      c.set_tcp_nodelay(true);
      c.set_read_timeout(60, 0);
      std::vector<double> lat;
      for (int i = t;; i += clients) {
        if (Clock::now() >= deadline || issued++ >= max_requests) break;
        const std::string& body = reports[i % reports.size()];
        auto t0 = Clock::now();
        auto r = c.Post("/api/check", httplib::MultipartFormDataItems{{"file", body, "r.txt", "text/plain"}});
        lat.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (r && r->status == 200) ++ok;
        else ++failed;
      }
      std::lock_guard lk(lat_mutex);
      latencies_ms.insert(latencies_ms.end(), lat.begin(), lat.end());
    });
  }
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(latencies_ms.begin(), latencies_ms.end());
  auto pct = [&](double q) {
    return latencies_ms.empty() ? 0.0 : latencies_ms[std::min(latencies_ms.size() - 1, size_t(q * latencies_ms.size()))];
  };
  std::printf("POST /api/check（文本报告，平均 %.1f KiB，%d 个并发客户端，%u 核）：\n", total_bytes / 1024.0 / reports.size(),
              clients, std::thread::hardware_concurrency());
  std::printf("  %d 次成功，%d 次失败，%.1f 秒，%.1f 次/秒；延迟 p50 %.1f ms，p99 %.1f ms\n", ok.load(), failed.load(),
              elapsed, ok / elapsed, pct(0.5), pct(0.99));

  // 2. 1,000 broken uploads
  std::mt19937 rng(42);
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(60, 0);
  c.set_tcp_nodelay(true);
  std::map<int, int> statuses;
  int no_answer = 0;
  auto t0 = Clock::now();
  for (int i = 0; i < 1000; ++i) {
    std::string body;
    const std::string& base = reports[i % reports.size()];
    switch (i % 5) {
      case 0: {  // random bytes
        body.resize(1 + rng() % 4096);
        for (auto& ch : body) ch = static_cast<char>(rng());
        break;
      }
      case 1: body = base.substr(0, rng() % std::max<size_t>(1, base.size() / 3)); break;  // truncated
      case 2: body = "%PDF-1.7\n" + base.substr(0, 200) + std::string(100, '\0'); break;       // fake PDF
      case 3: body = std::string("PK\x03\x04", 4) + std::string(300, '\x01'); break;           // fake zip/docx
      default: {  // a report with bytes flipped
        body = base;
        for (int k = 0; k < 50; ++k) body[rng() % body.size()] = static_cast<char>(rng());
      }
    }
    if (body.empty()) body = "x";
    auto r = c.Post("/api/check", httplib::MultipartFormDataItems{{"file", body, "broken.bin", ""}});
    if (r) ++statuses[r->status];
    else ++no_answer;
  }
  double broken_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("1000 个损坏文件：%.1f 秒；", broken_s);
  for (auto& [s, k] : statuses) std::printf(" HTTP %d × %d", s, k);
  std::printf("；无应答 %d\n", no_answer);
  auto h = c.Get("/api/health");
  auto good = c.Post("/api/check", httplib::MultipartFormDataItems{{"file", reports[0], "r.txt", "text/plain"}});
  bool alive = h && h->status == 200 && good && good->status == 200;
  std::printf("之后服务%s\n", alive ? "仍正常应答（health 200，正常报告检查 200）" : "不再正常应答！");

  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  return alive && no_answer == 0 ? 0 : 1;
}
