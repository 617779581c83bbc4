// See limits.h: gongkai serve's own connection loop around httplib's
// request parsing, with a growing worker pool and per-request deadlines.
#include "serve/limits.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "util/text.h"

namespace gk::serve {
namespace {

using Clock = std::chrono::steady_clock;
thread_local bool t_timed_out = false;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

bool request_timed_out() { return t_timed_out; }

// Shared by the task queue httplib owns (created per listen, destroyed after
// shutdown) and the server's connection loop, which asks whether connections
// are waiting for a thread.
class ConnectionPool {
 public:
  explicit ConnectionPool(size_t max_threads) : max_(std::max<size_t>(1, max_threads)) {}

  static void enqueue(const std::shared_ptr<ConnectionPool>& self, std::function<void()> fn) {
    std::unique_lock lk(self->m_);
    self->jobs_.push_back(std::move(fn));
    if (self->idle_ < self->jobs_.size() && self->threads_ < self->max_) {
      ++self->threads_;
      std::thread([self] { self->work(); }).detach();
    }
    self->update_pressure();
    self->cv_.notify_one();
  }
  void shutdown() {
    std::unique_lock lk(m_);
    stop_ = true;
    cv_.notify_all();
    done_.wait(lk, [&] { return threads_ == 0; });
    stop_ = false;  // a later listen() starts again
  }
  // Connections are queued with every thread busy: idle keep-alive
  // connections and stalled clients should give their threads back.
  bool pressure() const { return pressure_.load(std::memory_order_relaxed); }

 private:
  void update_pressure() { pressure_.store(jobs_.size() > idle_, std::memory_order_relaxed); }
  void work() {
    std::unique_lock lk(m_);
    for (;;) {
      ++idle_;
      update_pressure();
      bool woke = cv_.wait_for(lk, std::chrono::seconds(30), [&] { return !jobs_.empty() || stop_; });
      --idle_;
      if (jobs_.empty()) {
        if (stop_ || !woke) break;  // shut down, or idle for 30 s: the pool shrinks
        continue;
      }
      auto fn = std::move(jobs_.front());
      jobs_.pop_front();
      update_pressure();
      lk.unlock();
      fn();
      lk.lock();
    }
    --threads_;
    update_pressure();
    done_.notify_all();
  }

  const size_t max_;
  std::mutex m_;
  std::condition_variable cv_, done_;
  std::deque<std::function<void()>> jobs_;
  size_t threads_ = 0, idle_ = 0;
  bool stop_ = false;
  std::atomic<bool> pressure_{false};
};

namespace {

class PoolQueue : public httplib::TaskQueue {
 public:
  explicit PoolQueue(std::shared_ptr<ConnectionPool> p) : pool_(std::move(p)) {}
  void enqueue(std::function<void()> fn) override { ConnectionPool::enqueue(pool_, std::move(fn)); }
  void shutdown() override { pool_->shutdown(); }

 private:
  std::shared_ptr<ConnectionPool> pool_;
};

// One connection's socket, buffered, with the deadlines of limits.h. Also
// watches the header block go by, so a request with neither Content-Length
// nor Transfer-Encoding reads as an empty body rather than "until EOF".
class GuardedStream : public httplib::Stream {
 public:
  GuardedStream(socket_t sock, const ConnectionLimits& lim, const ConnectionPool& pool,
                const std::atomic<socket_t>& listener)
      : sock_(sock), lim_(lim), pool_(pool), listener_(listener) {}

  // Waits for the next request (keep-alive); false: close the connection.
  bool wait_request(bool first) {
    if (off_ < len_) return true;
    const auto start = Clock::now();
    for (;;) {
      if (listener_ == INVALID_SOCKET) return false;
      int r = poll_in(50);
      if (r > 0) return true;
      if (r < 0) return false;
      double idle = seconds_since(start);
      if (idle > lim_.keep_alive) return false;
      if (pool_.pressure() && (!first || idle > lim_.stall_under_load)) return false;
    }
  }
  void begin_request() {
    start_ = last_data_ = Clock::now();
    bytes_ = 0;
    headers_done_ = false;
    body_expected_ = false;
    lines_ = 0;
    line_.clear();
  }

  bool is_readable() const override {
    if (off_ < len_) return true;
    return const_cast<GuardedStream*>(this)->poll_in(static_cast<int>(lim_.read_timeout * 1000)) > 0;
  }
  bool is_writable() const override {
    pollfd p{sock_, POLLOUT, 0};
    int r;
    do r = ::poll(&p, 1, static_cast<int>(lim_.write_timeout * 1000));
    while (r < 0 && errno == EINTR);
    return r > 0 && !(p.revents & (POLLERR | POLLHUP | POLLNVAL));
  }

  ssize_t read(char* ptr, size_t size) override {
    if (size == 0) return 0;
    if (headers_done_ && !body_expected_) return 0;  // no length, not chunked: empty body
    if (off_ == len_ && !fill()) return -1;
    size_t n = std::min(size, len_ - off_);
    if (!headers_done_) {
      n = 1;  // byte by byte through the header block, to see where it ends
      watch(buf_[off_]);
    }
    std::copy(buf_ + off_, buf_ + off_ + n, ptr);
    off_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t r;
    do r = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    while (r < 0 && errno == EINTR);
    return r;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&a), &len) == 0) name_of(a, len, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&a), &len) == 0) name_of(a, len, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  static void name_of(const sockaddr_storage& a, socklen_t len, std::string& ip, int& port) {
    char host[NI_MAXHOST];
    if (::getnameinfo(reinterpret_cast<const sockaddr*>(&a), len, host, sizeof host, nullptr, 0, NI_NUMERICHOST) == 0)
      ip = host;
    if (a.ss_family == AF_INET) port = ntohs(reinterpret_cast<const sockaddr_in&>(a).sin_port);
    else if (a.ss_family == AF_INET6) port = ntohs(reinterpret_cast<const sockaddr_in6&>(a).sin6_port);
  }

  int poll_in(int ms) {
    pollfd p{sock_, POLLIN, 0};
    int r;
    do r = ::poll(&p, 1, ms);
    while (r < 0 && errno == EINTR);
    return r;
  }

  bool timed_out() {
    t_timed_out = true;
    return false;
  }

  // Refills the buffer within the request's deadlines.
  bool fill() {
    for (;;) {
      double elapsed = seconds_since(start_);
      if (elapsed > lim_.request_timeout) {
        if (!headers_done_) return timed_out();
        if (static_cast<double>(bytes_) / elapsed < lim_.min_body_rate) return timed_out();
      }
      int r = poll_in(50);
      if (r < 0) return false;
      if (r > 0) {
        ssize_t n;
        do n = ::recv(sock_, buf_, sizeof buf_, 0);
        while (n < 0 && errno == EINTR);
        if (n <= 0) return false;  // closed or reset
        off_ = 0;
        len_ = static_cast<size_t>(n);
        bytes_ += len_;
        last_data_ = Clock::now();
        return true;
      }
      if (listener_ == INVALID_SOCKET) return false;
      double stalled = seconds_since(last_data_);
      if (stalled > lim_.read_timeout) return timed_out();
      if (pool_.pressure() && stalled > lim_.stall_under_load) return timed_out();
    }
  }

  // Follows the header block one byte at a time.
  void watch(char c) {
    if (c != '\n') {
      if (line_.size() < 8192) line_ += c;
      return;
    }
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (line_.empty()) {
      if (lines_ > 0) headers_done_ = true;
    } else {
      if (lines_ > 0) {
        std::string name = line_.substr(0, line_.find(':'));
        for (auto& ch : name) ch = ascii_lower(ch);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
        if (name == "content-length" || name == "transfer-encoding") body_expected_ = true;
      }
      ++lines_;
    }
    line_.clear();
  }

  socket_t sock_;
  const ConnectionLimits& lim_;
  const ConnectionPool& pool_;
  const std::atomic<socket_t>& listener_;
  char buf_[16384];
  size_t off_ = 0, len_ = 0;
  Clock::time_point start_ = Clock::now(), last_data_ = Clock::now();
  uint64_t bytes_ = 0;
  bool headers_done_ = false, body_expected_ = false;
  int lines_ = 0;
  std::string line_;
};

}  // namespace

GuardedServer::GuardedServer(const ConnectionLimits& limits)
    : limits_(limits), pool_(std::make_shared<ConnectionPool>(limits.max_connections)) {
  new_task_queue = [pool = pool_] { return new PoolQueue(pool); };
  // Also httplib's own values, for the few places that read them directly.
  set_keep_alive_max_count(limits_.keep_alive_requests);
  set_keep_alive_timeout(std::max<time_t>(1, static_cast<time_t>(limits_.keep_alive)));
  set_read_timeout(std::chrono::duration<double>(limits_.read_timeout));
  set_write_timeout(std::chrono::duration<double>(limits_.write_timeout));
}

GuardedServer::~GuardedServer() = default;

bool GuardedServer::widen_backlog(int backlog) {
  socket_t s = svr_sock_;
  return s != INVALID_SOCKET && ::listen(s, backlog) == 0;
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  int one = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  GuardedStream strm(sock, limits_, *pool_, svr_sock_);
  bool ret = true;
  for (size_t n = 0; n < limits_.keep_alive_requests; ++n) {
    if (svr_sock_ == INVALID_SOCKET || !strm.wait_request(n == 0)) break;
    strm.begin_request();
    t_timed_out = false;
    bool closed = false;
    ret = process_request(strm, n + 1 == limits_.keep_alive_requests, closed, nullptr);
    if (!ret || closed || t_timed_out) break;
  }
  t_timed_out = false;
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace gk::serve
