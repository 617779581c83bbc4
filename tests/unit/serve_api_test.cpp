// gongkai serve: the JSON API, end to end over HTTP on 127.0.0.1. The server
// runs as a child process (the real binary, port chosen by the kernel and read
// from its first line of output); a small corpus is ingested first.
#include <httplib.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <set>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "serve_process.h"
#include "store_backend.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {
using gk::testing::ServerProcess;

const std::string kData = GONGKAI_TEST_DATA;
const std::string kSeed003 = kData + "/seeds/003_eaba220d81829207.txt";

std::string slurp(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

fs::path make_tmp(const char* tag) {
  auto d = fs::temp_directory_path() / (std::string("gk-serve-") + tag + "-" + std::to_string(getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// A corpus with the seeds (text) and two consecutive years of one agency (PDF).
std::string build_corpus(const fs::path& dir) {
  // An SQLite file, or a fresh PostgreSQL schema under ctest's pg.* entries.
  std::string db = gk::testing::test_db(dir, "corpus.db");
  std::string cmd = std::string(GONGKAI_BINARY) + " ingest --jobs 1 --db '" + db + "'";
  for (const auto& e : fs::directory_iterator(kData + "/seeds"))
    if (e.path().extension() == ".txt") cmd += " '" + e.path().string() + "'";
  cmd += " '" + kData + "/real/hongze-2023.pdf' '" + kData + "/real/hongze-2024.pdf' >/dev/null 2>&1";
  int rc = std::system(cmd.c_str());
  EXPECT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) <= 1) << cmd;
  return db;
}

// Percent-encode a query value (UTF-8 bytes).
std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string o;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') o += static_cast<char>(c);
    else { o += '%'; o += hex[c >> 4]; o += hex[c & 15]; }
  }
  return o;
}

json get_json(httplib::Client& c, const std::string& path, int expect_status = 200) {
  auto r = c.Get(path.c_str());
  EXPECT_TRUE(r) << path;
  if (!r) return json();
  EXPECT_EQ(r->status, expect_status) << path << "\n" << r->body.substr(0, 300);
  EXPECT_NE(r->get_header_value("Content-Type").find("application/json"), std::string::npos) << path;
  return json::parse(r->body, nullptr, false);
}

httplib::Result upload(httplib::Client& c, const std::string& content, const std::string& name,
                       const std::string& query = "") {
  httplib::MultipartFormDataItems items = {{"file", content, name, "application/octet-stream"}};
  return c.Post(("/api/check" + query).c_str(), items);
}

class ServeApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(make_tmp("ro"));
    db_ = new std::string(build_corpus(*dir_));
    server_ = new ServerProcess({"--db", *db_, "--read-only", "--listen", "127.0.0.1:0", "--timeout", "20"});
  }
  static void TearDownTestSuite() {
    // Stopped cleanly: in the sanitized build a leak or other report at exit
    // is exit code 66 (cmake/sanitize_options.cpp.in), its report on stderr above.
    EXPECT_EQ(server_->stop(), 0) << "gongkai serve did not stop cleanly";
    delete server_;
    fs::remove_all(*dir_);
    delete dir_;
    delete db_;
  }
  void SetUp() override {
    ASSERT_GT(server_->port(), 0) << "server did not start: " << server_->first_line();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(60, 0);
  }
  static fs::path* dir_;
  static std::string* db_;
  static ServerProcess* server_;
  std::unique_ptr<httplib::Client> client_;
};
fs::path* ServeApi::dir_ = nullptr;
std::string* ServeApi::db_ = nullptr;
ServerProcess* ServeApi::server_ = nullptr;

TEST_F(ServeApi, ListensOnLoopbackAndServesTheEmbeddedUi) {
  EXPECT_NE(server_->first_line().find("http://127.0.0.1:"), std::string::npos);
  auto r = client_->Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("检查报告"), std::string::npos);
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  for (const char* p : {"/app.js", "/app.css"}) {
    auto a = client_->Get(p);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->status, 200) << p;
    EXPECT_GT(a->body.size(), 1000u) << p;
  }
  auto js = client_->Get("/app.js");
  EXPECT_EQ(js->body.find("innerHTML"), std::string::npos) << "report text must never go through innerHTML";
}

TEST_F(ServeApi, NoPathFromTheClientIsOpened) {
  for (const char* p : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", "/app.js/../../x",
                        "/api/reports/..%2F..%2Fetc%2Fpasswd", "/api/reports/ABC", "/CMakeLists.txt"}) {
    auto r = client_->Get(p);
    ASSERT_TRUE(r) << p;
    EXPECT_NE(r->status, 200) << p;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << p;
  }
  // The uploaded file's name is a label only.
  auto r = upload(*client_, slurp(kSeed003), "../../../etc/passwd");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  auto j = json::parse(r->body);
  EXPECT_EQ(j["source"]["path"], "passwd");
}

TEST_F(ServeApi, Rules) {
  json j = get_json(*client_, "/api/rules");
  ASSERT_TRUE(j.is_array());
  EXPECT_GT(j.size(), 20u);
  bool found = false;
  for (const auto& r : j) found |= r["id"] == "X-TEXT-NEW";
  EXPECT_TRUE(found);
  json l = get_json(*client_, "/api/layout");
  EXPECT_EQ(l["t2_rows"].size(), 25u);
  EXPECT_GE(l["cell_labels"].size(), 200u);
  EXPECT_EQ(l["cell_labels"]["applications.new[0]"], "表二“一、本年新收政府信息公开申请数量”行“自然人”列");
  // The grids of the edition: table 2 of 2021 has 25 × 7 value cells, of 2019 one （六） row (23 × 7).
  auto value_cells = [](const json& grid) {
    int n = 0;
    for (const auto& c : grid["cells"]) n += c.contains("path");
    return n;
  };
  ASSERT_EQ(l["grids"].size(), 3u);
  EXPECT_EQ(l["grids"][1]["id"], "t2");
  EXPECT_EQ(value_cells(l["grids"][1]), 25 * 7);
  EXPECT_EQ(value_cells(l["grids"][2]), 15);
  json l19 = get_json(*client_, "/api/layout?template=2019");
  EXPECT_EQ(value_cells(l19["grids"][1]), 23 * 7);
  EXPECT_NE(l19["template_zh"], l["template_zh"]);
  get_json(*client_, "/api/layout?template=1999", 400);
}

TEST_F(ServeApi, ParametersAreValidatedInChinese) {
  for (const char* q : {"year=2024abc", "year=24", "offset=abc", "offset=-1", "limit=0", "limit=9999", "limit=1e2"}) {
    json e = get_json(*client_, std::string("/api/reports?") + q, 400);
    EXPECT_NE(e["error"].get<std::string>().find("参数"), std::string::npos) << q;
  }
  json e = get_json(*client_, "/api/reports/not-an-id", 400);
  EXPECT_NE(e["error"].get<std::string>().find("报告编号"), std::string::npos);
  get_json(*client_, "/api/reports/not-an-id/previous", 400);
  // An id in upper case is the same report.
  json all = get_json(*client_, "/api/reports?limit=1");
  std::string id = all["items"][0]["id"], upper;
  for (char ch : id) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  EXPECT_EQ(get_json(*client_, "/api/reports/" + upper)["id"], id);
  // Read-only: no delete.
  auto del = client_->Delete(("/api/reports/" + id).c_str());
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 403);
}

TEST_F(ServeApi, UploadsCarryTheirSourceLines) {
  auto r = upload(*client_, slurp(kData + "/real/hongze-2024.pdf"), "h.pdf");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  auto j = json::parse(r->body);
  EXPECT_TRUE(j["paged"].get<bool>());
  ASSERT_GT(j["source_lines"].size(), 10u);
  // Every finding with a line has a source line at or before it on the same page.
  for (const auto& d : j["diagnostics"]) {
    if (d["line"].is_null() || d["line"] == 0) continue;
    int line = d["line"], best = 0;
    for (const auto& s : j["source_lines"]) if (s["line"].get<int>() <= line) best = s["line"];
    EXPECT_EQ(best / 1000, line / 1000) << d["rule"];
  }
  EXPECT_EQ(j["source_lines"][0]["page"], 1);
}

TEST_F(ServeApi, BlankFormAndRender) {
  auto t = client_->Get("/api/template?format=xlsx");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->status, 200);
  EXPECT_EQ(t->body.substr(0, 2), "PK");
  auto tj = client_->Get("/api/template?format=json");
  ASSERT_TRUE(tj);
  json form = json::parse(tj->body);
  form["agency"] = "测试区民政局";
  form["year"] = 2024;
  form["applications"]["new"][0] = 3;
  form["applications"]["granted"][0] = 3;
  auto r = client_->Post("/api/render?format=html", form.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body.substr(0, 300);
  EXPECT_NE(r->body.find("测试区民政局"), std::string::npos);
  auto bad = client_->Post("/api/render?format=html", "{not json", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  auto badfmt = client_->Post("/api/render?format=exe", form.dump(), "application/json");
  ASSERT_TRUE(badfmt);
  EXPECT_EQ(badfmt->status, 400);
}

TEST_F(ServeApi, CheckAnUploadedReport) {
  auto r = upload(*client_, slurp(kSeed003), "003.txt");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  auto j = json::parse(r->body);
  EXPECT_EQ(j["agency"], "卫东区人民政府办公室");
  std::multiset<std::string> rules;
  for (const auto& d : j["diagnostics"]) rules.insert(d["rule"].get<std::string>().substr(0, d["rule"].get<std::string>().find('@')));
  EXPECT_EQ(rules.count("X-TEXT-NEW"), 1u);
  EXPECT_EQ(rules.count("R-RECOVERED"), 6u);
  int recovered = 0;
  for (const auto& [path, info] : j["cell_info"].items()) recovered += info["status"] == "recovered";
  EXPECT_GE(recovered, 1);
  EXPECT_EQ(j["saved"], false);
  // Raw body (not multipart) works too.
  auto raw = client_->Post("/api/check?name=x.txt", slurp(kSeed003), "text/plain");
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 200);
}

TEST_F(ServeApi, BrokenUploadsAreAnsweredInChinese) {
  auto r = upload(*client_, std::string("\x00\x01\x02garbage\xff\xfe", 12), "x.bin");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  auto j = json::parse(r->body);
  ASSERT_TRUE(j.contains("error"));
  EXPECT_FALSE(j["error"].get<std::string>().empty());
  auto e = upload(*client_, "", "empty.txt");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->status, 400);
  auto big = upload(*client_, std::string(21u << 20, 'a'), "big.txt");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  auto nofile = client_->Post("/api/check", httplib::MultipartFormDataItems{{"other", "x", "", ""}});
  ASSERT_TRUE(nofile);
  EXPECT_EQ(nofile->status, 400);
  // Still answering.
  EXPECT_EQ(get_json(*client_, "/api/health")["ok"], true);
}

TEST_F(ServeApi, ConcurrentUploadsAllAnswered) {
  const std::string body = slurp(kSeed003);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", server_->port());
      c.set_read_timeout(60, 0);
      for (int i = 0; i < 5; ++i) {
        auto r = upload(c, body, "003.txt");
        if (r && r->status == 200 && json::parse(r->body)["agency"] == "卫东区人民政府办公室") ++ok;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 30);
}

TEST_F(ServeApi, ReadOnlyRefusesWrites) {
  auto r = upload(*client_, slurp(kSeed003), "003.txt", "?save=1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(get_json(*client_, "/api/health")["read_only"], true);
}

TEST_F(ServeApi, SearchReports) {
  json all = get_json(*client_, "/api/reports");
  EXPECT_GE(all["total"].get<int>(), 5);
  EXPECT_FALSE(all["levels"].empty());
  json q = get_json(*client_, "/api/reports?q=" + url_encode("卫东区"));
  ASSERT_GE(q["total"].get<int>(), 1);
  for (const auto& it : q["items"]) EXPECT_NE(it["agency"].get<std::string>().find("卫东区"), std::string::npos);
  std::string level = all["items"][0]["level"];
  json l = get_json(*client_, "/api/reports?level=" + url_encode(level));
  for (const auto& it : l["items"]) EXPECT_EQ(it["level"], level);
  int year = all["years"][0];
  json y = get_json(*client_, "/api/reports?year=" + std::to_string(year));
  ASSERT_GE(y["total"].get<int>(), 1);
  for (const auto& it : y["items"]) EXPECT_EQ(it["year"], year);
  json none = get_json(*client_, "/api/reports?q=" + url_encode("%_不存在的机关'\"--"));
  EXPECT_EQ(none["total"], 0);
  get_json(*client_, "/api/reports?year=abc", 400);
  json page = get_json(*client_, "/api/reports?limit=2&offset=1");
  EXPECT_LE(page["items"].size(), 2u);
}

TEST_F(ServeApi, ReportAndPreviousYear) {
  json all = get_json(*client_, "/api/reports?limit=500");
  std::string with_prev, any_id;
  for (const auto& it : all["items"]) {
    any_id = it["id"];
    if (it["has_previous"]) with_prev = it["id"];
  }
  json r = get_json(*client_, "/api/reports/" + any_id);
  EXPECT_EQ(r["id"], any_id);
  EXPECT_TRUE(r["record"].contains("applications"));
  EXPECT_TRUE(r["record"].contains("cell_info"));
  EXPECT_TRUE(r["diagnostics"].is_array());
  EXPECT_TRUE(r["record"]["sections"].is_array());
  get_json(*client_, "/api/reports/" + std::string(64, '0'), 404);

  ASSERT_FALSE(with_prev.empty()) << "hongze 2023 and 2024 should link";
  json p = get_json(*client_, "/api/reports/" + with_prev + "/previous");
  ASSERT_FALSE(p["previous"].is_null());
  EXPECT_EQ(p["previous"]["year"].get<int>() + 1, p["current"]["year"].get<int>());
  EXPECT_FALSE(p["changed"].empty());
  for (const auto& c : p["changed"]) EXPECT_NE(c["current"], c["previous"]);
}

TEST_F(ServeApi, StatsAndExports) {
  json s = get_json(*client_, "/api/stats");
  EXPECT_GE(s["totals"]["reports"].get<int>(), 5);
  EXPECT_TRUE(s["applications_by_year_level"].is_array());
  EXPECT_FALSE(s["applications_by_year_level"].empty());
  EXPECT_TRUE(s["outcomes"].contains("all_years"));

  auto csv = client_->Get("/api/export?format=csv");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  auto jl = client_->Get("/api/export?format=jsonl&table=diagnostics");
  ASSERT_TRUE(jl);
  EXPECT_EQ(jl->status, 200);
  std::istringstream lines(jl->body);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    EXPECT_FALSE(json::parse(line, nullptr, false).is_discarded());
    ++n;
  }
  EXPECT_GT(n, 0);
  auto x = client_->Get("/api/export?format=xlsx&table=long");
  ASSERT_TRUE(x);
  EXPECT_EQ(x->status, 200);
  EXPECT_EQ(x->body.substr(0, 2), "PK");
  get_json(*client_, "/api/export?format=exe", 400);
}

// Exports and API answers name files, never the server's folders; CSV and
// JSON Lines are streamed (chunked), not built whole.
TEST_F(ServeApi, ExportsAreStreamedAndShowFileNamesOnly) {
  const std::string folder = fs::path(kData).parent_path().string();  // …/tests
  for (const char* q : {"/api/export?format=csv", "/api/export?format=csv&table=diagnostics",
                        "/api/export?format=jsonl", "/api/export?format=jsonl&table=diagnostics&labels=zh",
                        "/api/export?format=csv&table=long"}) {
    auto r = client_->Get(q);
    ASSERT_TRUE(r) << q;
    EXPECT_EQ(r->status, 200) << q;
    EXPECT_EQ(r->get_header_value("Transfer-Encoding"), "chunked") << q;
    EXPECT_GT(r->body.size(), 1000u) << q;
    EXPECT_EQ(r->body.find(folder), std::string::npos) << q << " shows a server path";
    EXPECT_EQ(r->body.find("/seeds/"), std::string::npos) << q;
  }
  auto csv = client_->Get("/api/export?format=csv");
  ASSERT_TRUE(csv);
  EXPECT_NE(csv->body.find(",hongze-2024.pdf,"), std::string::npos) << "the file name stays";
  auto jl = client_->Get("/api/export?format=jsonl&table=diagnostics");
  ASSERT_TRUE(jl);
  std::istringstream lines(jl->body);
  std::string line;
  int named = 0;
  while (std::getline(lines, line)) {
    json j = json::parse(line);
    std::string p = j["path"];
    EXPECT_EQ(p.find('/'), std::string::npos) << p;
    named += !p.empty();
  }
  EXPECT_GT(named, 0);
  auto x = client_->Get("/api/export?format=xlsx");
  ASSERT_TRUE(x);
  EXPECT_EQ(x->body.substr(0, 2), "PK");
  // The report's record: the name of its file only.
  json all = get_json(*client_, "/api/reports?limit=500");
  int checked = 0;
  for (const auto& it : all["items"]) {
    json r = get_json(*client_, "/api/reports/" + it["id"].get<std::string>());
    std::string dump = r.dump();
    EXPECT_EQ(dump.find(folder), std::string::npos) << it["id"];
    if (r["record"].contains("source") && r["record"]["source"].contains("path")) {
      std::string p = r["record"]["source"]["path"];
      EXPECT_FALSE(p.empty());
      EXPECT_EQ(p.find('/'), std::string::npos) << p;
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
  get_json(*client_, "/api/export?format=csv&table=../../x", 400);
}

TEST(ServeWritable, SaveUploadsIntoTheCorpusAndStopsCleanly) {
  auto dir = make_tmp("rw");
  std::string db = gk::testing::test_db(dir, "new.db");
  auto server = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", db});
  ASSERT_GT(server->port(), 0) << server->first_line();
  httplib::Client c("127.0.0.1", server->port());
  c.set_read_timeout(60, 0);
  EXPECT_EQ(get_json(c, "/api/reports")["total"], 0);
  auto r = upload(c, slurp(kSeed003), "003.txt", "?save=1");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  auto j = json::parse(r->body);
  EXPECT_EQ(j["saved"], true);
  std::string id = j["id"];
  json got = get_json(c, "/api/reports/" + id);
  EXPECT_EQ(got["agency"], "卫东区人民政府办公室");
  EXPECT_EQ(get_json(c, "/api/reports")["total"], 1);
  // Uploaded, so no file to excerpt: said so, not an error.
  json src = get_json(c, "/api/reports/" + id + "/source");
  EXPECT_TRUE(src["source_lines"].is_null());
  EXPECT_FALSE(src["message"].get<std::string>().empty());
  // Delete: gone from the corpus, a second delete is 404.
  auto del = c.Delete(("/api/reports/" + id).c_str());
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 200) << del->body;
  get_json(c, "/api/reports/" + id, 404);
  EXPECT_EQ(get_json(c, "/api/reports")["total"], 0);
  auto again = c.Delete(("/api/reports/" + id).c_str());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 404);
  EXPECT_EQ(server->stop(), 0);
  fs::remove_all(dir);
}

TEST(ServeCli, BadArguments) {
  auto run = [](const std::string& args) {
    int rc = std::system((std::string(GONGKAI_BINARY) + " serve " + args + " >/dev/null 2>&1").c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  };
  EXPECT_EQ(run("--listen nonsense"), 2);
  EXPECT_EQ(run("--bogus"), 2);
  EXPECT_EQ(run("--db /nonexistent/dir/x.db --read-only"), 2);
  EXPECT_EQ(run("--help"), 0);
}

}  // namespace
