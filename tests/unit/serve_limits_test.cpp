// gongkai serve survives its users (issue 15): idle keep-alive connections,
// half-sent requests, POSTs that announce a body and send none, POSTs with
// no length at all, and clients that dribble their headers. Each opens raw
// sockets against a server with a small pool (--max-connections 8, so the
// clients outnumber the threads) and asserts that /api/health still answers
// within about a second and that the bad connections get a bounded answer.
#include <httplib.h>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "serve_process.h"

namespace {

using gk::testing::ServerProcess;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A raw TCP connection to the server (closed by the destructor).
class RawConn {
 public:
  explicit RawConn(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~RawConn() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  bool send(const std::string& s) { return ::send(fd_, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size()); }
  // Reads until `until` appears, the peer closes, or `seconds` pass.
  std::string recv_until(const std::string& until, double seconds) {
    auto t0 = Clock::now();
    while (since(t0) < seconds) {
      if (!until.empty() && got_.find(until) != std::string::npos) break;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      char buf[4096];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      got_.append(buf, static_cast<size_t>(n));
    }
    return got_;
  }
  bool closed() const { return closed_; }
  void clear() { got_.clear(); }

 private:
  int fd_ = -1;
  bool closed_ = false;
  std::string got_;
};

class ServeLimits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({"--listen", "127.0.0.1:0", "--max-connections", "8", "--request-timeout", "2"});
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->stop(), 0) << "gongkai serve did not stop cleanly";
    delete server_;
  }
  void SetUp() override { ASSERT_GT(server_->port(), 0) << "server did not start: " << server_->first_line(); }

  // Seconds a fresh client needs for GET /api/health (answered 200), or 99 on failure.
  static double health_seconds() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_connection_timeout(5, 0);
    c.set_read_timeout(5, 0);
    auto t0 = Clock::now();
    auto r = c.Get("/api/health");
    if (!r || r->status != 200 || r->body.find("\"ok\":true") == std::string::npos) return 99;
    return since(t0);
  }
  static std::vector<std::unique_ptr<RawConn>> open(int n) {
    std::vector<std::unique_ptr<RawConn>> v;
    for (int i = 0; i < n; ++i) {
      v.push_back(std::make_unique<RawConn>(server_->port()));
      EXPECT_TRUE(v.back()->ok());
    }
    return v;
  }
  static ServerProcess* server_;
};
ServerProcess* ServeLimits::server_ = nullptr;

const std::string kHealth = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

TEST_F(ServeLimits, IdleKeepAliveConnectionsDoNotHoldTheServer) {
  // 20 connections (the pool has 8 threads) each make one request and stay open.
  auto conns = open(20);
  int answered = 0;
  for (auto& c : conns) {
    ASSERT_TRUE(c->send(kHealth));
    answered += c->recv_until("}", 3).find("HTTP/1.1 200") != std::string::npos;
  }
  EXPECT_EQ(answered, 20);
  for (int i = 0; i < 3; ++i) EXPECT_LT(health_seconds(), 1.0) << "attempt " << i;
  // A kept-alive connection that was not needed still serves its next request.
  conns.back()->clear();
  ASSERT_TRUE(conns.back()->send(kHealth));
  std::string again = conns.back()->recv_until("}", 3);
  if (!conns.back()->closed()) EXPECT_NE(again.find("HTTP/1.1 200"), std::string::npos);
}

TEST_F(ServeLimits, KeepAliveAndPipelinedRequestsStillWork) {
  RawConn c(server_->port());
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(c.send(kHealth + kHealth));
  std::string got = c.recv_until("", 1.0);
  size_t n = 0;
  for (size_t p = 0; (p = got.find("HTTP/1.1 200", p)) != std::string::npos; ++p) ++n;
  EXPECT_EQ(n, 2u) << got;
  c.clear();
  ASSERT_TRUE(c.send(kHealth));
  EXPECT_NE(c.recv_until("}", 2).find("HTTP/1.1 200"), std::string::npos);
}

TEST_F(ServeLimits, HalfSentRequestsDoNotHoldTheServer) {
  auto conns = open(20);
  for (auto& c : conns) ASSERT_TRUE(c->send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: "));
  for (int i = 0; i < 3; ++i) EXPECT_LT(health_seconds(), 1.0) << "attempt " << i;
  // Every half-sent request is given up within the request timeout (2 s here), with a slack.
  auto t0 = Clock::now();
  for (auto& c : conns) c->recv_until("\r\n\r\n", 5);
  EXPECT_LT(since(t0), 5.0);
  for (auto& c : conns) {
    std::string got = c->recv_until("", 0.1);
    EXPECT_TRUE(c->closed() || got.find("HTTP/1.1 408") != std::string::npos) << got;
  }
}

TEST_F(ServeLimits, PostAnnouncingABodyAndSendingNoneIsAnswered408) {
  auto conns = open(20);
  auto t0 = Clock::now();
  for (auto& c : conns)
    ASSERT_TRUE(c->send("POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n"));
  for (int i = 0; i < 3; ++i) EXPECT_LT(health_seconds(), 1.0) << "attempt " << i;
  int timed_out = 0;
  for (auto& c : conns) {
    std::string got = c->recv_until("}", 6);
    if (got.find("HTTP/1.1 408") != std::string::npos) {
      ++timed_out;
      EXPECT_NE(got.find("请求没有在时限内发完"), std::string::npos) << got;
    }
  }
  EXPECT_EQ(timed_out, 20);
  EXPECT_LT(since(t0), 6.0) << "not the old 30 s";
}

TEST_F(ServeLimits, PostWithoutContentLengthHasAnEmptyBody) {
  auto conns = open(20);
  auto t0 = Clock::now();
  for (auto& c : conns) ASSERT_TRUE(c->send("POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  int answered = 0;
  for (auto& c : conns) {
    std::string got = c->recv_until("}", 3);
    answered += got.find("HTTP/1.1 400") != std::string::npos && got.find("上传的文件是空的") != std::string::npos;
  }
  EXPECT_EQ(answered, 20);
  EXPECT_LT(since(t0), 1.0);
  EXPECT_LT(health_seconds(), 1.0);
}

TEST_F(ServeLimits, HeadersDribbledByteByByteAreCutOffAtTheRequestTimeout) {
  RawConn c(server_->port());
  ASSERT_TRUE(c.ok());
  const std::string req = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(200, 'a') + "\r\n\r\n";
  auto t0 = Clock::now();
  size_t sent = 0;
  // One byte every 100 ms: never stalls long enough for the read timeout,
  // but the headers take 25 s; the server gives up at its 2 s request timeout.
  while (sent < req.size() && since(t0) < 8) {
    if (!c.send(req.substr(sent++, 1))) break;
    std::string got = c.recv_until("", 0.1);
    if (c.closed() || !got.empty()) break;
  }
  double t = since(t0);
  EXPECT_LT(sent, req.size());
  EXPECT_GT(t, 1.5);
  EXPECT_LT(t, 4.0);
  EXPECT_LT(health_seconds(), 1.0);
}

TEST(ServeLimitsCli, BadValuesAreRefused) {
  auto run = [](const std::string& args) {
    int rc = std::system((std::string(GONGKAI_BINARY) + " serve " + args + " >/dev/null 2>&1").c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  };
  EXPECT_EQ(run("--max-connections 0"), 2);
  EXPECT_EQ(run("--request-timeout abc"), 2);
}

}  // namespace
