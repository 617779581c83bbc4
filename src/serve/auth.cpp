#include "serve/auth.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <deque>
#include <map>

#include <nlohmann/json.hpp>

#include "store/schema.h"

namespace gk::serve {

namespace {

using json = nlohmann::json;

constexpr const char* kCookie = "gk_session";

// What the audit record of the request being served says beyond method and
// path: set by admit() and the handlers, read by the logger. cpp-httplib runs
// the pre-routing handler, the route and the logger of one request on one
// thread, one request after another.
thread_local std::string t_actor;
thread_local std::string t_detail;

int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void refuse(httplib::Response& res, int status, const std::string& msg) {
  res.status = status;
  res.set_header("Connection", "close");  // the body of a refused write is not read
  res.set_content(json{{"error", msg}}.dump(), "application/json; charset=utf-8");
  t_detail = msg;
}

bool is_write(const std::string& m) { return m != "GET" && m != "HEAD" && m != "OPTIONS"; }

std::string cookie_value(const httplib::Request& req, const std::string& name) {
  std::string all = req.get_header_value("Cookie");
  size_t i = 0;
  while (i < all.size()) {
    size_t end = all.find(';', i);
    if (end == std::string::npos) end = all.size();
    std::string part = all.substr(i, end - i);
    size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    i = end + 1;
  }
  return {};
}

// scheme://host[:port] of a URL, lower-cased scheme; empty when it has none.
std::string origin_of(const std::string& url) {
  auto p = url.find("://");
  if (p == std::string::npos) return {};
  auto end = url.find('/', p + 3);
  return url.substr(0, end);
}

// A write's action in the audit log, by route.
std::string action_of(const std::string& method, const std::string& path) {
  struct A { const char* method; const char* prefix; const char* name; };
  static const A kActions[] = {
      {"POST", "/api/auth/login", "登录"},        {"POST", "/api/auth/logout", "退出登录"},
      {"POST", "/api/drafts/", "审核或提交草稿"}, {"POST", "/api/drafts", "上传草稿"},
      {"POST", "/api/check", "检查报告"},         {"DELETE", "/api/reports/", "删除报告"},
      {"POST", "/api/register/", "台账写入"},     {"POST", "/api/render", "生成报告"},
  };
  for (const auto& a : kActions)
    if (method == a.method && path.rfind(a.prefix, 0) == 0) {
      if (std::string(a.prefix) == "/api/drafts/") {
        if (path.size() > 7 && path.compare(path.size() - 7, 7, "/submit") == 0) return "提交草稿";
        if (path.size() > 7 && path.compare(path.size() - 7, 7, "/review") == 0) return "审核";
      }
      return a.name;
    }
  return "写入";
}

// Routes a logged-in user of any role may write; every other write of the
// server (corpus saves, deletes, the register) is the admin's.
bool any_role_may_write(const httplib::Request& req) {
  const std::string& p = req.path;
  if (p == "/api/auth/logout" || p == "/api/render") return true;
  if (p == "/api/check") return !(req.has_param("save") && req.get_param_value("save") == "1");
  return p == "/api/drafts" || p.rfind("/api/drafts/", 0) == 0;  // review.cpp checks the role
}

bool public_read(const std::string& path) {
  return path.rfind("/api/", 0) != 0 || path == "/api/health" || path == "/api/rules" || path == "/api/auth/me" ||
         path == "/api/layout";
}

}  // namespace

void audit_detail(const std::string& text) { t_detail = text; }

struct Auth::Failures {
  std::map<std::string, std::deque<int64_t>> by_account, by_ip;
};

Auth::Auth(AuthConfig cfg) : cfg_(std::move(cfg)), failures_(std::make_unique<Failures>()) {
  db_ = store::open_corpus(cfg_.db, true);
  dummy_hash_ = store::hash_password(store::random_token(16));
}
Auth::~Auth() = default;

void Auth::set_listen(const std::string& host, int port) {
  hosts_ = cfg_.allowed_hosts;
  if (!cfg_.allowed_hosts.empty()) return;
  std::string p = std::to_string(port);
  std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  hosts_.push_back(shown + ":" + p);
  if (host == "127.0.0.1" || host == "localhost" || host == "::1") {
    hosts_.push_back("localhost:" + p);
    hosts_.push_back("127.0.0.1:" + p);
    hosts_.push_back("[::1]:" + p);
  }
}

bool Auth::host_allowed(const std::string& host) const {
  for (const auto& h : hosts_)
    if (h == host) return true;
  return false;
}

bool Auth::origin_ok(const httplib::Request& req, std::string& why) const {
  std::string host = req.get_header_value("Host");
  if (!host_allowed(host)) {
    why = "拒绝写入：请求的主机名“" + host + "”不是本服务的地址";
    return false;
  }
  std::string origin = req.get_header_value("Origin");
  if (origin.empty() || origin == "null") origin = origin_of(req.get_header_value("Referer"));
  if (origin.empty()) {
    why = "拒绝写入：请求没有来源（Origin），无法确认来自本服务的网页";
    return false;
  }
  std::string want = std::string(cfg_.https ? "https://" : "http://") + host;
  if (origin != want) {
    why = "拒绝写入：请求来自其他网站（" + origin + "）";
    return false;
  }
  return true;
}

std::optional<store::Session> Auth::session(const httplib::Request& req) {
  std::string token = cookie_value(req, kCookie);
  if (token.empty()) return std::nullopt;
  return with_db([&](store::Db& db) { return store::find_session(db, token, now_s()); });
}

bool Auth::rate_limited(const std::string& name, const std::string& ip, int64_t& retry_after) {
  std::lock_guard lk(m_);
  int64_t now = now_s(), cut = now - cfg_.failure_window_seconds;
  auto trim = [&](std::deque<int64_t>& d) {
    while (!d.empty() && d.front() < cut) d.pop_front();
  };
  auto& a = failures_->by_account[name];
  auto& i = failures_->by_ip[ip];
  trim(a);
  trim(i);
  if (static_cast<int>(a.size()) >= cfg_.max_failures_per_account) {
    retry_after = a.front() + cfg_.failure_window_seconds - now;
    return true;
  }
  if (static_cast<int>(i.size()) >= cfg_.max_failures_per_ip) {
    retry_after = i.front() + cfg_.failure_window_seconds - now;
    return true;
  }
  return false;
}

void Auth::note_failure(const std::string& name, const std::string& ip) {
  std::lock_guard lk(m_);
  int64_t now = now_s();
  failures_->by_account[name].push_back(now);
  failures_->by_ip[ip].push_back(now);
}

void Auth::record(const httplib::Request& req, int status, const std::string& user, const std::string& detail) {
  try {
    with_db([&](store::Db& db) {
      store::audit(db, {user, req.remote_addr, req.method, req.path, action_of(req.method, req.path), status, detail});
    });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gongkai serve：无法写入审计日志：%s\n", e.what());
  }
}

bool Auth::admit(const httplib::Request& req, httplib::Response& res) {
  t_actor.clear();
  t_detail.clear();
  const bool write = is_write(req.method);
  if (write) {
    std::string why;
    if (!origin_ok(req, why)) {
      refuse(res, 403, why);
      return false;
    }
  }
  if (req.path == "/api/auth/login") return true;  // the login handler checks name and password
  if (!write && public_read(req.path)) return true;
  auto s = session(req);
  if (!s) {
    refuse(res, write ? 403 : 401, write ? "拒绝写入：没有登录或登录已过期，请先登录" : "请先登录");
    return false;
  }
  t_actor = s->user.name;
  if (!write) return true;
  std::string csrf = req.get_header_value("X-CSRF-Token");
  if (csrf.empty() || csrf != s->csrf) {
    refuse(res, 403, "拒绝写入：缺少或不匹配的防伪令牌（请刷新页面后重试）");
    return false;
  }
  if (s->user.role != store::Role::Admin && !any_role_may_write(req)) {
    refuse(res, 403, std::string("拒绝写入：") + store::role_name_zh(s->user.role) + "无权进行此操作");
    return false;
  }
  return true;
}

void Auth::add_routes(httplib::Server& svr) {
  auto user_json = [](const store::User& u) {
    json j = {{"name", u.name}, {"role", store::role_key(u.role)}, {"role_zh", store::role_name_zh(u.role)},
              {"region", u.region}, {"unit", u.unit}};
    return j;
  };
  svr.Post("/api/auth/login", [this, user_json](const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("name") || !body.contains("password") || !body["name"].is_string() ||
        !body["password"].is_string())
      return refuse(res, 400, "登录需要用户名和密码");
    std::string name = body["name"], pw = body["password"];
    t_actor = name;
    int64_t retry = 0;
    if (rate_limited(name, req.remote_addr, retry)) {
      res.set_header("Retry-After", std::to_string(retry));
      return refuse(res, 429, "登录失败次数过多，请 " + std::to_string((retry + 59) / 60) + " 分钟后再试");
    }
    auto found = with_db([&](store::Db& db) { return store::login_user(db, name); });
    bool ok = store::verify_password(found ? found->second : dummy_hash_, pw) && found;
    if (!ok) {
      note_failure(name, req.remote_addr);
      t_actor.clear();
      t_detail = "用户名“" + name + "”登录失败";
      res.status = 403;
      res.set_content(json{{"error", "用户名或密码不对，或账号已停用"}}.dump(), "application/json; charset=utf-8");
      return;
    }
    {
      std::lock_guard lk(m_);
      failures_->by_account.erase(name);
    }
    std::string csrf = store::random_token(24);
    std::string token = with_db([&](store::Db& db) {
      return store::create_session(db, found->first.id, csrf, cfg_.session_seconds, req.remote_addr);
    });
    std::string cookie = std::string(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                         std::to_string(cfg_.session_seconds) + (cfg_.https ? "; Secure" : "");
    res.set_header("Set-Cookie", cookie);
    json j = user_json(found->first);
    j["csrf"] = csrf;
    res.set_content(j.dump(), "application/json; charset=utf-8");
  });
  svr.Post("/api/auth/logout", [this](const httplib::Request& req, httplib::Response& res) {
    std::string token = cookie_value(req, kCookie);
    with_db([&](store::Db& db) { store::delete_session(db, token); });
    res.set_header("Set-Cookie", std::string(kCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
                                     (cfg_.https ? "; Secure" : ""));
    res.set_content(json{{"ok", true}}.dump(), "application/json; charset=utf-8");
  });
  svr.Get("/api/auth/me", [this, user_json](const httplib::Request& req, httplib::Response& res) {
    auto s = session(req);
    if (!s) {
      res.status = 401;
      res.set_content(json{{"error", "请先登录"}, {"accounts", true}}.dump(), "application/json; charset=utf-8");
      return;
    }
    json j = user_json(s->user);
    j["csrf"] = s->csrf;
    j["accounts"] = true;
    res.set_content(j.dump(), "application/json; charset=utf-8");
  });
  auto admin_only = [this](const httplib::Request& req, httplib::Response& res) {
    auto s = session(req);
    if (!s || s->user.role != store::Role::Admin) {
      refuse(res, 403, "只有管理员可以查看");
      return false;
    }
    return true;
  };
  svr.Get("/api/admin/audit", [this, admin_only](const httplib::Request& req, httplib::Response& res) {
    if (!admin_only(req, res)) return;
    int limit = 200;
    int64_t before = 0;
    try {
      if (req.has_param("limit")) limit = std::clamp(std::stoi(req.get_param_value("limit")), 1, 1000);
      if (req.has_param("before")) before = std::stoll(req.get_param_value("before"));
    } catch (...) {
      return refuse(res, 400, "limit 和 before 须为整数");
    }
    json items = with_db([&](store::Db& db) { return store::audit_json(db, limit, before); });
    res.set_content(json{{"items", items}}.dump(), "application/json; charset=utf-8");
  });
  svr.Get("/api/admin/users", [this, admin_only, user_json](const httplib::Request& req, httplib::Response& res) {
    if (!admin_only(req, res)) return;
    json items = json::array();
    for (const auto& u : with_db([](store::Db& db) { return store::list_users(db); })) {
      json j = user_json(u);
      j["disabled"] = u.disabled;
      j["created_at"] = u.created_at;
      items.push_back(j);
    }
    res.set_content(json{{"items", items}}.dump(), "application/json; charset=utf-8");
  });
}

std::shared_ptr<Auth> install_auth(httplib::Server& svr, AuthConfig cfg) {
  auto auth = std::make_shared<Auth>(std::move(cfg));
  Auth* a = auth.get();
  svr.set_pre_routing_handler([a](const httplib::Request& req, httplib::Response& res) {
    return a->admit(req, res) ? httplib::Server::HandlerResponse::Unhandled : httplib::Server::HandlerResponse::Handled;
  });
  svr.set_logger([a](const httplib::Request& req, const httplib::Response& res) {
    if (!is_write(req.method)) return;
    std::string detail = t_detail;
    if (detail.empty() && res.status >= 400) {
      json b = json::parse(res.body, nullptr, false);
      if (b.is_object() && b.contains("error") && b["error"].is_string()) detail = b["error"];
    }
    a->record(req, res.status, t_actor, detail);
  });
  a->add_routes(svr);
  return auth;
}

}  // namespace gk::serve
