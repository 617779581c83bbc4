// Load benchmark for `gongkai serve` on 127.0.0.1 only, bounded in count and time:
//   1. parse-and-check requests per second (POST /api/check, text reports),
//      CLIENTS concurrent clients for at most SECONDS or MAX requests;
//   2. 1,000 uploads of broken files (random bytes, truncated reports, fake
//      PDF/DOCX/zip headers), then the server must still answer and check a
//      good report correctly.
// Usage: serve_bench [gongkai-binary] [seconds=10] [clients=2] [max=5000]
// The server is started as a child process with port 0 and stopped at the end.
//
// serve_bench --load [gongkai-binary] [seconds=10] [reports=5000] [--keep DIR]
// (scripts/bench.sh serve), issue 15, on a generated corpus of REPORTS reports:
//   3. the long CSV export streamed: bytes, seconds, and the server's peak RSS
//      before and after (streamed: it stays flat);
//   4. 200 concurrent sessions browsing (search, a report, its previous year,
//      statistics) and 20 uploading, for SECONDS: requests/s, p50/p99;
//   5. with 50 idle keep-alive and 50 slow (headers dribbled) connections
//      held open: /api/health and browsing latency, p50/p99, failures.
#include <httplib.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
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

int load_main(int argc, char** argv);

static std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--load") return load_main(argc - 1, argv + 1);
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

// ---- --load: issue 15's load benchmark -------------------------------------

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <nlohmann/json.hpp>

#include "../tests/unit/corpus_synth.h"
#include "render/render.h"
#include "store/ingest.h"

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

struct Latencies {
  std::mutex m;
  std::vector<double> ms;
  int failed = 0;
  void add(const std::vector<double>& v, int f) {
    std::lock_guard lk(m);
    ms.insert(ms.end(), v.begin(), v.end());
    failed += f;
  }
  double pct(double q) {
    std::sort(ms.begin(), ms.end());
    return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, size_t(q * ms.size()))];
  }
};

long proc_kib(pid_t pid, const char* key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + std::strlen(key));
  return -1;
}

int raw_connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// A generated corpus of n reports (n/5 agencies × 5 years), cached in `dir`.
std::string make_corpus(const fs::path& dir, size_t n) {
  std::string db = (dir / "corpus.db").string();
  if (fs::exists(dir / "done")) return db;
  fs::remove_all(dir);
  fs::create_directories(dir / "in");
  auto t0 = Clock::now();
  std::vector<std::string> files;
  size_t agencies = std::max<size_t>(1, n / 5);
  for (size_t a = 0; a < agencies; ++a) {
    std::mt19937 rng(static_cast<unsigned>(a) + 1);
    std::string agency = "青山市第" + std::to_string(a / 40 + 1) + "区第" + std::to_string(a % 40 + 1) + "街道办事处";
    gk::Report prev;
    for (int y = 0; y < 5; ++y) {
      gk::Report r = gk::synth::make_report(rng, agency, 2021 + y, y ? &prev : nullptr);
      gk::render::RenderOptions ro;
      ro.keep_printed = true;
      auto f = dir / "in" / (std::to_string(2021 + y) + "-a" + std::to_string(a) + ".txt");
      std::ofstream(f, std::ios::binary) << gk::render::render(r, ro);
      files.push_back(f.string());
      prev = std::move(r);
    }
  }
  gk::store::IngestOptions opt;
  opt.jobs = 2;
  gk::store::ingest(files, db, opt);
  std::ofstream(dir / "done") << n;
  std::printf("生成并入库 %zu 份报告：%.1f 秒\n", files.size(), ms_since(t0) / 1000);
  return db;
}

}  // namespace

int load_main(int argc, char** argv) {
  fs::path self = fs::absolute(argv[0]);
  std::vector<std::string> pos;
  fs::path keep;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--keep" && i + 1 < argc) keep = argv[++i];
    else pos.push_back(a);
  }
  std::string bin = pos.size() > 0 ? pos[0] : (self.parent_path().parent_path() / "gongkai").string();
  double seconds = pos.size() > 1 ? std::atof(pos[1].c_str()) : 10;
  size_t reports = pos.size() > 2 ? static_cast<size_t>(std::atol(pos[2].c_str())) : 5000;
  fs::path src = fs::path(__FILE__).parent_path().parent_path();
  if (keep.empty()) keep = self.parent_path().parent_path() / "bench-data" / ("serve-" + std::to_string(reports));
  std::vector<std::string> uploads;
  for (const auto& e : fs::directory_iterator(src / "tests/data/seeds"))
    if (e.path().extension() == ".txt") uploads.push_back(slurp(e.path()));
  if (!fs::exists(bin) || uploads.empty()) {
    std::fprintf(stderr, "serve_bench：找不到 %s 或种子报告\n", bin.c_str());
    return 2;
  }
  std::string db = make_corpus(keep, reports);

  int fds[2];
  if (pipe(fds) != 0) return 2;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    execl(bin.c_str(), bin.c_str(), "serve", "--db", db.c_str(), "--read-only", "--listen", "127.0.0.1:0",
          "--timeout", "20", (char*)nullptr);
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
  const int port = std::atoi(line.c_str() + p + 10);
  std::printf("serve_bench --load：%zu 份报告的语料库（只读），%u 核，本机回环\n", reports,
              std::thread::hardware_concurrency());

  // Report ids to browse.
  std::vector<std::string> ids;
  {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60, 0);
    for (int off = 0; off < 2000; off += 500) {
      auto r = c.Get(("/api/reports?limit=500&offset=" + std::to_string(off)).c_str());
      if (!r || r->status != 200) break;
      auto j = nlohmann::json::parse(r->body, nullptr, false);
      for (const auto& it : j["items"]) ids.push_back(it["id"]);
    }
  }
  if (ids.empty()) {
    std::fprintf(stderr, "serve_bench：语料库为空\n");
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    return 2;
  }

  // 3. the long CSV, streamed
  {
    long hwm0 = proc_kib(pid, "VmHWM:"), rss0 = proc_kib(pid, "VmRSS:");
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(120, 0);
    size_t bytes = 0;
    long peak = rss0;
    auto t0 = Clock::now();
    auto r = c.Get("/api/export?format=csv&table=long", [&](const char*, size_t len) {
      bytes += len;
      if ((bytes >> 20) != ((bytes - len) >> 20)) peak = std::max(peak, proc_kib(pid, "VmRSS:"));
      return true;
    });
    double s = ms_since(t0) / 1000;
    long hwm1 = proc_kib(pid, "VmHWM:");
    std::printf("长表 CSV 导出（流式）：%s，%.1f MiB，%.1f 秒（%.1f MiB/s）；服务 RSS %.1f → 导出中最高 %.1f MiB，"
                "峰值 VmHWM %.1f → %.1f MiB\n",
                r && r->status == 200 ? "HTTP 200" : "失败", bytes / 1048576.0, s, bytes / 1048576.0 / s,
                rss0 / 1024.0, peak / 1024.0, hwm0 / 1024.0, hwm1 / 1024.0);
  }

  // Browsing: a session does search → a report → its previous year → statistics, again and again.
  auto browse = [&](int session, Clock::time_point until, Latencies& lat) {
    httplib::Client c("127.0.0.1", port);
    c.set_keep_alive(true);
    c.set_read_timeout(30, 0);
    std::mt19937 rng(static_cast<unsigned>(session));
    std::vector<double> v;
    int failed = 0;
    for (int k = 0; Clock::now() < until; ++k) {
      std::string path;
      switch (k % 4) {
        case 0: path = "/api/reports?limit=50&offset=" + std::to_string(rng() % std::max<size_t>(1, reports - 50)); break;
        case 1: path = "/api/reports/" + ids[rng() % ids.size()]; break;
        case 2: path = "/api/reports/" + ids[rng() % ids.size()] + "/previous"; break;
        default: path = k % 8 == 3 ? "/api/health" : "/api/rules";
      }
      auto t0 = Clock::now();
      auto r = c.Get(path.c_str());
      v.push_back(ms_since(t0));
      if (!r || r->status != 200) ++failed;
    }
    lat.add(v, failed);
  };
  auto upload = [&](int session, Clock::time_point until, Latencies& lat) {
    httplib::Client c("127.0.0.1", port);
    c.set_keep_alive(true);
    c.set_read_timeout(60, 0);
    std::vector<double> v;
    int failed = 0;
    for (int k = session; Clock::now() < until; ++k) {
      auto t0 = Clock::now();
      auto r = c.Post("/api/check",
                      httplib::MultipartFormDataItems{{"file", uploads[k % uploads.size()], "r.txt", "text/plain"}});
      v.push_back(ms_since(t0));
      if (!r || r->status != 200) ++failed;
    }
    lat.add(v, failed);
  };
  auto report = [](const char* what, Latencies& l, double s) {
    std::printf("  %s：%zu 次请求，失败 %d，%.1f 次/秒；延迟 p50 %.1f ms，p99 %.1f ms\n", what, l.ms.size(), l.failed,
                l.ms.size() / s, l.pct(0.5), l.pct(0.99));
  };

  // 4. 200 browsing + 20 uploading sessions
  {
    Latencies b, u;
    auto t0 = Clock::now();
    auto until = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<std::thread> ts;
    for (int i = 0; i < 200; ++i) ts.emplace_back([&, i] { browse(i, until, b); });
    for (int i = 0; i < 20; ++i) ts.emplace_back([&, i] { upload(i, until, u); });
    for (auto& t : ts) t.join();
    double s = ms_since(t0) / 1000;
    std::printf("200 个浏览会话 + 20 个上传会话，同时 %.1f 秒（服务线程 %ld）：\n", s, proc_kib(pid, "Threads:"));
    report("浏览", b, s);
    report("上传检查", u, s);
    std::printf("  合计 %.1f 次/秒\n", (b.ms.size() + u.ms.size()) / s);
  }

  // 5. 50 idle keep-alive + 50 slow connections held open, then 20 browsing sessions and health checks.
  bool alive = true;
  {
    std::atomic<bool> stop{false};
    std::atomic<int> slow_reopened{0};
    std::vector<int> idle;
    const std::string health = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    for (int i = 0; i < 50; ++i) {
      int fd = raw_connect(port);
      if (fd < 0) continue;
      ::send(fd, health.data(), health.size(), MSG_NOSIGNAL);
      char b[2048];
      pollfd pf{fd, POLLIN, 0};
      if (::poll(&pf, 1, 2000) > 0) (void)::recv(fd, b, sizeof b, 0);
      idle.push_back(fd);  // served once, now idle (keep-alive)
    }
    // 50 slow clients: a header byte every 500 ms; reconnect when the server gives up on one.
    std::thread slow([&] {
      std::vector<int> fd(50, -1);
      std::vector<size_t> sent(50, 0);
      const std::string req = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(4000, 'a') + "\r\n\r\n";
      while (!stop) {
        for (int i = 0; i < 50; ++i) {
          if (fd[i] < 0) {
            fd[i] = raw_connect(port);
            sent[i] = 0;
            if (fd[i] >= 0) ++slow_reopened;
            continue;
          }
          if (::send(fd[i], req.data() + sent[i]++ % req.size(), 1, MSG_NOSIGNAL) != 1) {
            ::close(fd[i]);
            fd[i] = -1;
          }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
      }
      for (int f : fd)
        if (f >= 0) ::close(f);
    });
    std::this_thread::sleep_for(std::chrono::seconds(1));
    Latencies b, h;
    auto t0 = Clock::now();
    auto until = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<std::thread> ts;
    for (int i = 0; i < 20; ++i) ts.emplace_back([&, i] { browse(1000 + i, until, b); });
    ts.emplace_back([&] {
      std::vector<double> v;
      int failed = 0;
      while (Clock::now() < until) {
        httplib::Client c("127.0.0.1", port);  // a fresh connection each time
        c.set_read_timeout(10, 0);
        auto t = Clock::now();
        auto r = c.Get("/api/health");
        v.push_back(ms_since(t));
        if (!r || r->status != 200) ++failed;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      h.add(v, failed);
    });
    for (auto& t : ts) t.join();
    double s = ms_since(t0) / 1000;
    stop = true;
    slow.join();
    std::printf("开着 %zu 个空闲长连接和 50 个慢连接（%d 次连上慢连接，被服务断开后重连）%.1f 秒：\n", idle.size(),
                slow_reopened.load(), s);
    report("20 个浏览会话", b, s);
    report("新连接 /api/health", h, s);
    alive = h.failed == 0 && h.pct(0.99) < 1000;
    for (int f : idle) ::close(f);
  }

  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  return alive ? 0 : 1;
}
