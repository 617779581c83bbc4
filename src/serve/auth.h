// gongkai serve --accounts: logins, sessions and the write protection of a
// shared server (issue 15). Loopback without accounts stays the default; with
// --accounts every API route but health, rules and login needs a session, and
// every write (any method but GET/HEAD/OPTIONS) must
//   - come with a Host the server answers for (--allowed-host, else the listen address),
//   - carry an Origin (or Referer) of that same host (no cross-site writes),
//   - belong to a valid session (cookie gk_session: HttpOnly, SameSite=Strict,
//     Secure behind --https) and carry its CSRF token (header X-CSRF-Token).
// Refusals are 403 (429 for too many logins) with a Chinese message, and every
// write, allowed or refused, goes to the audit log (store/accounts.h).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/accounts.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace gk::serve {

struct AuthConfig {
  std::string db;                          // the corpus (accounts live there)
  bool https = false;                      // behind an https proxy: Secure cookies, https Origin
  std::vector<std::string> allowed_hosts;  // Host values accepted for writes ("gongkai.example.cn", "h:8443")
  int64_t session_seconds = 8 * 3600;
  // Login limits: failures within the window before further tries are refused.
  int max_failures_per_account = 5;
  int max_failures_per_ip = 20;
  int64_t failure_window_seconds = 15 * 60;
};

class Auth {
 public:
  explicit Auth(AuthConfig cfg);
  ~Auth();
  // The address the server listens on, for the default allowed Host values.
  void set_listen(const std::string& host, int port);
  // The session of a request, nullopt when none or expired.
  std::optional<store::Session> session(const httplib::Request& req);
  // A short-lived use of the accounts connection (one at a time).
  template <class F>
  auto with_db(F&& f) {
    std::lock_guard lk(m_);
    return f(db_);
  }
  void record(const httplib::Request& req, int status, const std::string& user, const std::string& detail);

  // Pre-routing check: true when the request may go on; otherwise `res` holds the refusal.
  bool admit(const httplib::Request& req, httplib::Response& res);
  void add_routes(httplib::Server& svr);
  const AuthConfig& config() const { return cfg_; }

 private:
  bool host_allowed(const std::string& host) const;
  bool origin_ok(const httplib::Request& req, std::string& why) const;
  bool rate_limited(const std::string& name, const std::string& ip, int64_t& retry_after);
  void note_failure(const std::string& name, const std::string& ip);

  AuthConfig cfg_;
  std::mutex m_;
  store::Db db_;
  std::string dummy_hash_;  // verified against for unknown names, so timing does not tell them apart
  std::vector<std::string> hosts_;
  struct Failures;
  std::unique_ptr<Failures> failures_;
};

// Adds to the audit record of the write being served (e.g. "第 2 版，3 个错误").
void audit_detail(const std::string& text);

// Installs the checks (pre-routing), the audit of every write (logger) and
// /api/auth/login, /api/auth/logout, /api/auth/me, /api/admin/audit,
// /api/admin/users. The returned object must outlive the server.
std::shared_ptr<Auth> install_auth(httplib::Server& svr, AuthConfig cfg);

}  // namespace gk::serve
