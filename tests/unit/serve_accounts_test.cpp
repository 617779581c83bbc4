// gongkai serve --accounts over HTTP (issue 15): logins, refused writes (no
// session, foreign Origin, no CSRF token), scoping of drafts by unit and
// region, the filing gate, review, and the audit log of every write.
#include <httplib.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include "serve_process.h"
#include "store_backend.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const std::string kData = GONGKAI_TEST_DATA;

using Server = gk::testing::ServerProcess;  // tests/unit/serve_process.h

std::string slurp(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

int sh(const std::string& cmd) {
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

struct Login {
  std::string cookie, csrf;
};

class ServeAccounts : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gk-accounts-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = gk::testing::test_db(dir_, "corpus.db");
    const std::string bin = GONGKAI_BINARY;
    ASSERT_EQ(sh(bin + " units import '" + kData + "/region/units_good.csv' --db '" + db_ + "' >/dev/null 2>&1"), 0);
    auto add = [&](const std::string& name, const std::string& extra) {
      return sh("echo 'secret-pass-1' | " + bin + " users add " + name + " " + extra + " --db '" + db_ +
                "' >/dev/null 2>&1");
    };
    ASSERT_EQ(add("admin", "--role admin"), 0);
    ASSERT_EQ(add("rev", "--role reviewer --region 青山市/青山县"), 0);
    ASSERT_EQ(add("rev_other", "--role reviewer --region 青山市"), 0);
    ASSERT_EQ(add("clerk_d2", "--role clerk --unit D2"), 0);
    ASSERT_EQ(add("clerk_t1", "--role clerk --unit T1"), 0);
    EXPECT_NE(add("clerk_x", "--role clerk --unit NOPE"), 0);  // unknown unit refused
    EXPECT_NE(add("admin", "--role admin"), 0);                // duplicate refused
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string origin(int port) { return "http://127.0.0.1:" + std::to_string(port); }

  Login login(httplib::Client& c, int port, const std::string& name, int want = 200) {
    httplib::Headers h{{"Origin", origin(port)}};
    auto r = c.Post("/api/auth/login", h, json{{"name", name}, {"password", "secret-pass-1"}}.dump(),
                    "application/json");
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->status, want) << r->body;
    Login l;
    std::string sc = r->get_header_value("Set-Cookie");
    if (want == 200) {
      EXPECT_NE(sc.find("HttpOnly"), std::string::npos) << sc;
      EXPECT_NE(sc.find("SameSite=Strict"), std::string::npos) << sc;
      l.cookie = sc.substr(0, sc.find(';'));
      l.csrf = json::parse(r->body).value("csrf", "");
    }
    return l;
  }
  httplib::Headers auth_headers(const Login& l, int port) {
    return {{"Cookie", l.cookie}, {"X-CSRF-Token", l.csrf}, {"Origin", origin(port)}};
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(ServeAccounts, WritesRefusedScopedReviewedAndAudited) {
  Server s({"--db", db_, "--accounts"});
  ASSERT_GT(s.port(), 0);
  httplib::Client c("127.0.0.1", s.port());
  const int port = s.port();

  // Reads need a session.
  auto r = c.Get("/api/reports");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);

  // A wrong password: refused, with a Chinese message.
  {
    auto bad = c.Post("/api/auth/login", {{"Origin", origin(port)}},
                      json{{"name", "clerk_d2"}, {"password", "wrong-pass"}}.dump(), "application/json");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 403);
    EXPECT_NE(json::parse(bad->body)["error"].get<std::string>().find("密码"), std::string::npos);
  }
  Login d2 = login(c, port, "clerk_d2");
  ASSERT_FALSE(d2.cookie.empty());

  httplib::MultipartFormDataItems file = {
      {"file", slurp(kData + "/seeds/003_eaba220d81829207.txt"),
       "report.txt", "text/plain"}};

  // Writes without a session, with a foreign Origin, without the CSRF token: 403.
  r = c.Post("/api/drafts?year=2024", {{"Origin", origin(port)}}, file);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_NE(json::parse(r->body)["error"].get<std::string>().find("登录"), std::string::npos);
  r = c.Post("/api/drafts?year=2024", {{"Cookie", d2.cookie}, {"X-CSRF-Token", d2.csrf}, {"Origin", "http://evil.example"}},
             file);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_NE(json::parse(r->body)["error"].get<std::string>().find("其他网站"), std::string::npos);
  r = c.Post("/api/drafts?year=2024", {{"Cookie", d2.cookie}, {"Origin", origin(port)}}, file);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  r = c.Post("/api/drafts?year=2024", {{"Cookie", d2.cookie}, {"X-CSRF-Token", d2.csrf}}, file);  // no Origin
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  // A clerk may not write the corpus directly.
  r = c.Post("/api/check?save=1", auth_headers(d2, port), file);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);

  // Upload a draft.
  r = c.Post("/api/drafts?year=2024", auth_headers(d2, port), file);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json up = json::parse(r->body);
  const int64_t id = up["id"];
  EXPECT_EQ(up["version"], 1);
  const std::string path = "/api/drafts/" + std::to_string(id);

  // Another unit's clerk cannot open it, nor list it.
  Login t1 = login(c, port, "clerk_t1");
  r = c.Get(path.c_str(), {{"Cookie", t1.cookie}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  r = c.Get("/api/drafts", {{"Cookie", t1.cookie}});
  ASSERT_TRUE(r);
  EXPECT_TRUE(json::parse(r->body)["items"].empty());
  r = c.Post((path + "/submit").c_str(), auth_headers(t1, port), "{}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);

  // The filing gate: every error explained.
  json errors = json::array();
  for (const auto& d : up["record"]["diagnostics"])
    if (d["severity"] == "error") errors.push_back(d["rule"]);
  json expl = json::object();
  if (!errors.empty()) {
    r = c.Post((path + "/submit").c_str(), auth_headers(d2, port), "{}", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 422) << r->body;
    EXPECT_EQ(json::parse(r->body)["unexplained"].size(), errors.size());
  }
  for (const auto& e : errors) expl[e.get<std::string>()] = "原表如此，已核对原始台账";
  r = c.Post((path + "/submit").c_str(), auth_headers(d2, port), json{{"explanations", expl}}.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["status"], "submitted");

  // A reviewer of another region does not see it; the region's reviewer does.
  Login other = login(c, port, "rev_other");
  Login rev = login(c, port, "rev");
  r = c.Get("/api/review/queue", {{"Cookie", rev.cookie}});
  ASSERT_TRUE(r);
  ASSERT_EQ(json::parse(r->body)["items"].size(), 1u) << r->body;
  // rev_other's region 青山市 contains 青山市/青山县: it sees it too (subtree).
  r = c.Get("/api/review/queue", {{"Cookie", other.cookie}});
  ASSERT_TRUE(r);
  EXPECT_EQ(json::parse(r->body)["items"].size(), 1u);

  // Return with a comment, then resubmit, then approve.
  r = c.Post((path + "/review").c_str(), auth_headers(rev, port), json{{"action", "return"}}.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);  // a return needs a comment
  r = c.Post((path + "/review").c_str(), auth_headers(rev, port),
             json{{"action", "return"}, {"comment", "请核对表三"}}.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["status"], "returned");
  // Version 2 has an arithmetic error: held back until it is explained.
  httplib::MultipartFormDataItems bad_file = {
      {"file", slurp(kData + "/rules/T2-ROW-TOTAL.txt"), "report-v2.txt", "text/plain"}};
  r = c.Post("/api/drafts?year=2024", auth_headers(d2, port), bad_file);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json v2 = json::parse(r->body);
  EXPECT_EQ(v2["version"], 2);
  ASSERT_GT(v2["errors"].get<int>(), 0);
  expl = json::object();
  for (const auto& d : v2["record"]["diagnostics"])
    if (d["severity"] == "error") expl[d["rule"].get<std::string>()] = "原表如此，已核对原始台账";
  r = c.Post((path + "/submit").c_str(), auth_headers(d2, port), "{}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422) << r->body;
  EXPECT_EQ(json::parse(r->body)["unexplained"].size(), expl.size());
  r = c.Post((path + "/submit").c_str(), auth_headers(d2, port),
             json{{"explanations", {{expl.begin().key(), "短"}}}}.dump(), "application/json");  // too short
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422) << r->body;
  r = c.Post((path + "/submit").c_str(), auth_headers(d2, port), json{{"explanations", expl}}.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  r = c.Post((path + "/review").c_str(), auth_headers(rev, port), json{{"action", "approve"}}.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json ap = json::parse(r->body);
  EXPECT_EQ(ap["status"], "approved");
  const std::string sha = ap["report_id"];

  // Every version kept, the review recorded; the approved report is in the corpus.
  r = c.Get(path.c_str(), {{"Cookie", d2.cookie}});
  ASSERT_TRUE(r);
  json detail = json::parse(r->body);
  EXPECT_EQ(detail["versions"].size(), 2u);
  EXPECT_EQ(detail["reviews"].size(), 2u);
  r = c.Get(("/api/reports/" + sha).c_str(), {{"Cookie", rev.cookie}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);

  // The audit log: admin only; it records the refused writes (no user) and the approval.
  r = c.Get("/api/admin/audit", {{"Cookie", rev.cookie}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  Login admin = login(c, port, "admin");
  r = c.Get("/api/admin/audit?limit=1000", {{"Cookie", admin.cookie}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  int refused_anonymous = 0, refused_foreign = 0, approvals = 0;
  const json log = json::parse(r->body);
  for (const auto& e : log["items"]) {
    if (e["status"] == 403 && e["user"].is_null() && e["path"] == "/api/drafts") ++refused_anonymous;
    if (e["status"] == 403 && e["detail"].get<std::string>().find("其他网站") != std::string::npos) ++refused_foreign;
    if (e["status"] == 200 && e["user"] == "rev" && e["action"] == "审核" &&
        e["detail"].get<std::string>().find("通过") != std::string::npos)
      ++approvals;
  }
  EXPECT_GE(refused_anonymous, 2) << r->body.substr(0, 3000);
  EXPECT_EQ(refused_foreign, 1);
  EXPECT_EQ(approvals, 1);
}

TEST_F(ServeAccounts, LoginRateLimitedPerAccount) {
  Server s({"--db", db_, "--accounts"});
  ASSERT_GT(s.port(), 0);
  httplib::Client c("127.0.0.1", s.port());
  httplib::Headers h{{"Origin", origin(s.port())}};
  for (int i = 0; i < 5; ++i) {
    auto r = c.Post("/api/auth/login", h, json{{"name", "rev"}, {"password", "nope-nope"}}.dump(), "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
  }
  // The right password too is refused now, for this account only.
  auto r = c.Post("/api/auth/login", h, json{{"name", "rev"}, {"password", "secret-pass-1"}}.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);
  EXPECT_NE(json::parse(r->body)["error"].get<std::string>().find("分钟"), std::string::npos);
  login(c, s.port(), "admin");
}

}  // namespace
