// Bounded, non-blocking connection handling for gongkai serve (issue 15).
//
// cpp-httplib gives every connection a worker thread for its whole life, from
// a fixed pool of 8: eight idle keep-alive connections, or eight clients that
// send half a request, and every other request waits. GuardedServer keeps
// httplib's parsing and routing (process_request) but runs its own
// connection loop:
//   - a worker pool that grows on demand up to `max_connections` threads and
//     shrinks when idle (ConnectionPool);
//   - an idle keep-alive connection gives its thread back as soon as another
//     connection is waiting for one (and after `keep_alive` seconds anyway);
//   - a request must deliver its headers within `request_timeout` seconds and
//     its body at `min_body_rate` bytes/s or better after that; each read waits
//     at most `read_timeout` seconds (a POST that announces a body and sends
//     none is answered 408 within that time); under load a client that stalls
//     for 250 ms is dropped;
//   - a request without Content-Length and without chunked encoding has an
//     empty body (RFC 9112 §6.3), instead of being read until the client closes.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <memory>

namespace gk::serve {

struct ConnectionLimits {
  size_t max_connections = 256;   // worker threads, so connections served at once
  double keep_alive = 5;          // seconds an idle keep-alive connection is kept without load
  size_t keep_alive_requests = 100;
  double read_timeout = 5;        // seconds one read may wait for data
  double write_timeout = 10;      // seconds one write may wait for the client
  double request_timeout = 10;    // seconds for a request's headers (and grace before the rate check)
  double min_body_rate = 4096;    // bytes/s a body must average after request_timeout
  double stall_under_load = 0.25; // seconds a client may stall while connections wait for a thread
};

class ConnectionPool;

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(const ConnectionLimits& limits);
  ~GuardedServer() override;
  const ConnectionLimits& limits() const { return limits_; }
  // Debian's libcpp-httplib listens with a backlog of 5: a burst of clients
  // (a browser opens six connections at once) overflows the accept queue and
  // the kernel drops their handshakes for a second or more, long enough for
  // the connections that did get in to look stalled. Call after bind_to_port:
  // listen() again on a listening socket only resizes its queue.
  bool widen_backlog(int backlog = 511);

 private:
  bool process_and_close_socket(socket_t sock) override;
  ConnectionLimits limits_;
  std::shared_ptr<ConnectionPool> pool_;
};

// True when the current thread's request failed because the client was too
// slow (timeout, stall, too slow a body): the error handler answers 408.
bool request_timed_out();

}  // namespace gk::serve
