// gongkai serve: a JSON API mirroring the CLI (check, rules, corpus search,
// reports, previous year, stats, export) and the web UI (web/, embedded).
//
// Safety: no client-supplied path is ever opened (uploads are parsed in
// memory; report ids are sha256 hex matched by regex; exports go to a
// server-made temporary file). Loopback and a free port by default.
// --read-only opens the corpus read-only and refuses writes (POST /api/check?save=1).
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "model/rules.h"
#include "serve/limits.h"
#include "serve/region_routes.h"
#include "serve/register_routes.h"
#include "serve/auth.h"
#include "serve/review.h"
#include "serve/serve.h"
#include "serve/stream_export.h"
#include "serve/ui_routes.h"
#include "serve/validate.h"
#include "serve/web_assets.h"
#include "pipeline.h"
#include "read/reader.h"
#include "util/sha256.h"
#include "model/json.h"
#include "model/report.h"
#include "model/agency.h"
#include "store/cellpack.h"
#include "store/columns.h"
#include "store/corpus.h"
#include "store/export.h"
#include "store/schema.h"
#include "store/sink.h"
#include "store/stats.h"

namespace gk::serve {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr const char* kHelp =
    "用法：gongkai serve [--db 语料库.db] [--listen 主机:端口] [--read-only]\n"
    "                    [--max-upload-mb N] [--timeout 秒] [--max-connections N] [--request-timeout 秒]\n"
    "                    [--accounts [--https] [--allowed-host 主机[:端口]]… [--session-hours N]]\n\n"
    "启动 HTTP 服务：JSON 接口（/api/…）与网页界面（检查报告、语料库、总览）。\n"
    "  --db 文件       语料库数据库（gongkai ingest 生成）；不给时只能检查上传的报告\n"
    "  --listen H:P    监听地址，默认 127.0.0.1:0（本机回环，自动选空闲端口）\n"
    "  --read-only     只读打开数据库，禁止一切写入\n"
    "  --max-upload-mb 上传文件大小上限，默认 20\n"
    "  --timeout 秒    每次解析的时间上限，默认 30\n"
    "  --max-connections N  同时服务的连接数上限，默认 256（空闲的长连接在有人等待时让出）\n"
    "  --request-timeout 秒 请求头须在此时间内发完，默认 10；之后请求体每秒至少 4 KiB\n"
    "  --accounts      多人使用：须登录（账号用 gongkai users 管理，需 --db），分角色查看与写入，\n"
    "                  每次写入检查会话、防伪令牌与来源，并记入审计日志；本机单人使用时不必开启\n"
    "  --https         服务在 https 反向代理之后：会话 Cookie 加 Secure，来源按 https 检查\n"
    "  --allowed-host  写入请求接受的主机名（可多次给出），默认为监听地址\n"
    "  --session-hours 登录会话的有效时长，默认 8 小时\n\n"
    "启动后在标准输出打印一行：gongkai serve：http://主机:端口/\n";

struct Config {
  std::string db;
  bool read_only = false;
  size_t max_upload = 20u << 20;
  double timeout = 30;
  bool accounts = false;  // --accounts (serve/auth.h)
  AuthConfig auth;
  ConnectionLimits limits;
};

// ---- responses -------------------------------------------------------------

void send_json(httplib::Response& res, const json& j, int status = 200) {
  res.status = status;
  res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}
void send_ojson(httplib::Response& res, const ojson& j, int status = 200) {
  res.status = status;
  res.set_content(j.dump(-1, ' ', false, ojson::error_handler_t::replace), "application/json; charset=utf-8");
}
void send_error(httplib::Response& res, int status, const std::string& msg) {
  send_json(res, json{{"error", msg}}, status);
}

// ---- bounded parsing -------------------------------------------------------

// At most this many parses run at once; a parse that overruns the time limit
// is answered with 503 and finishes in the background (it still holds a slot,
// so a flood of slow files cannot pile up threads without bound).
class ParseSlots {
 public:
  explicit ParseSlots(int n) : free_(n) {}
  bool acquire(std::chrono::milliseconds wait) {
    std::unique_lock lk(m_);
    if (!cv_.wait_for(lk, wait, [&] { return free_ > 0; })) return false;
    --free_;
    return true;
  }
  void release() {
    { std::lock_guard lk(m_); ++free_; }
    cv_.notify_one();
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  int free_;
};

struct ParseJob {
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  std::optional<Report> report;
  nlohmann::json source_lines;
  std::string error;
  bool read_error = false;
};

// ---- corpus helpers --------------------------------------------------------

store::Db open_read(const Config& cfg) { return store::open_corpus_readonly(cfg.db); }

json diagnostics_of(store::Db& db, int64_t report_id) {
  json out = json::array();
  auto st = db.prepare(
      "SELECT rule, severity, message, line, cells, notes, origin FROM diagnostics "
      "WHERE report=? ORDER BY origin DESC, id");
  st.bind(1, report_id);
  while (st.step()) {
    json d = {{"rule", st.str(0)}, {"severity", st.str(1)}, {"message", st.str(2)},
              {"line", st.is_null(3) || st.i64(3) == 0 ? json(nullptr) : json(st.i64(3))},
              {"origin", st.str(6)}};
    auto parse_list = [&](int col) {
      if (st.is_null(col)) return json::array();
      json v = json::parse(st.str(col), nullptr, false);
      return v.is_array() ? v : json::array();
    };
    d["cells"] = parse_list(4);
    json notes = parse_list(5);
    if (!notes.empty()) d["notes"] = notes;
    out.push_back(std::move(d));
  }
  return out;
}

// The stored report with its metadata, or null when the id is unknown.
std::optional<json> load_report(store::Db& db, const std::string& sha) {
  auto st = db.prepare(
      "SELECT r.sha256, r.agency, r.agency_normalized, r.level, r.region, r.year, r.template, r.title, "
      "r.publication_date, r.prev_report, x.record, r.path, r.format, x.cells, r.id FROM reports r "
      "JOIN report_data x ON x.id=r.id WHERE r.sha256=?");
  st.bind(1, sha);
  if (!st.step()) return std::nullopt;
  const int64_t id = st.i64(14);
  json record = json::object();
  try {
    record = store::stored_record(st.str(10), st.str(13));
  } catch (const std::exception&) {
    // A damaged row still shows its metadata and findings.
  }
  json j = {{"id", st.str(0)},
            {"agency", st.is_null(1) ? json(nullptr) : json(st.str(1))},
            {"agency_normalized", st.str(2)},
            {"level", st.str(3)},
            {"region", st.str(4)},
            {"year", st.is_null(5) ? json(nullptr) : json(st.i64(5))},
            {"template", st.str(6)},
            {"format", st.str(12)},
            {"previous_id", st.is_null(9) ? json(nullptr) : json(st.str(9))}};
  j["diagnostics"] = diagnostics_of(db, id);
  record["diagnostics"] = j["diagnostics"];
  // Section texts from the sections table (the record's copy when absent).
  json secs = json::array();
  auto ss = db.prepare(
      "SELECT number, heading, line, text FROM sections WHERE report=? ORDER BY number");
  ss.bind(1, id);
  while (ss.step())
    secs.push_back({{"number", ss.i64(0)},
                    {"heading", ss.is_null(1) ? json(nullptr) : json(ss.str(1))},
                    {"line", ss.is_null(2) ? json(nullptr) : json(ss.i64(2))},
                    {"text", ss.is_null(3) ? std::string() : ss.str(3)}});
  if (!secs.empty()) record["sections"] = secs;
  hide_server_paths(record);  // the file's name, never the server's path
  j["record"] = std::move(record);
  // Text reuse against last year, when computed.
  json reuse = json::array();
  auto rs = db.prepare(
      "SELECT section, jaccard, containment FROM reuse WHERE report=? ORDER BY section");
  rs.bind(1, id);
  while (rs.step()) reuse.push_back({{"section", rs.i64(0)}, {"jaccard", rs.f64(1)}, {"containment", rs.f64(2)}});
  j["reuse"] = reuse;
  return j;
}

std::map<std::string, std::optional<double>> cell_values(store::Db& db, const std::string& sha) {
  std::map<std::string, std::optional<double>> m;
  auto st = db.prepare("SELECT x.cells FROM reports r JOIN report_data x ON x.id=r.id WHERE r.sha256=?");
  st.bind(1, sha);
  if (!st.step()) return m;
  std::vector<store::PackedCell> packed;
  try {
    packed = store::unpack_cells(st.str(0));
  } catch (const std::exception&) {
    return m;
  }
  const auto& cols = store::cell_columns();
  for (size_t k = 0; k < packed.size() && k < cols.size(); ++k) m[cols[k].path] = packed[k].value;
  return m;
}

// Extra figures for the dashboard: applications received by year and level
// (Table 2 "new" total), not in store::corpus_stats.
json applications_by_year_level(store::Db& db) {
  json out = json::array();
  // The cell's value out of the packed JSON array, in each backend's JSON functions.
  const std::string k = std::to_string(store::cell_index(t2_path(R_NEW, 6)));
  const std::string value = db.backend() == store::Backend::Postgres
                                ? "(x.cells::jsonb->" + k + "->>0)::double precision"
                                : "json_extract(x.cells, '$[" + k + "][0]')";
  auto st = db.prepare(
      "SELECT r.year, r.level, count(*), sum(" + value + ") FROM reports r "
      "JOIN report_data x ON x.id=r.id WHERE r.year IS NOT NULL GROUP BY r.year, r.level ORDER BY r.year, r.level");
  while (st.step())
    out.push_back({{"year", st.i64(0)}, {"level", st.str(1)}, {"reports", st.i64(2)},
                   {"applications", st.is_null(3) ? 0.0 : st.f64(3)}});
  return out;
}

json rules_json() {
  json a = json::array();
  for (const auto& r : rule_catalogue())
    a.push_back({{"id", r.id}, {"severity", std::string(severity_name(r.severity))},
                 {"severity_zh", std::string(severity_name_zh(r.severity))},
                 {"category", r.category}, {"formula", r.formula}, {"message", r.message}});
  return a;
}

bool parse_listen(const std::string& s, std::string& host, int& port) {
  auto colon = s.rfind(':');
  if (colon == std::string::npos) return false;
  host = s.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) return false;
  try {
    size_t n = 0;
    port = std::stoi(s.substr(colon + 1), &n);
    if (n != s.size() - colon - 1 || port < 0 || port > 65535) return false;
  } catch (...) {
    return false;
  }
  return true;
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

int run(const std::vector<std::string>& args) {
  Config cfg;
  std::string listen = "127.0.0.1:0";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* name) -> std::optional<std::string> {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "gongkai serve：%s 需要一个值。\n\n%s", name, kHelp);
        return std::nullopt;
      }
      return args[++i];
    };
    if (a == "-h" || a == "--help") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (a == "--db") {
      auto v = value("--db");
      if (!v) return 2;
      cfg.db = *v;
    } else if (a == "--listen") {
      auto v = value("--listen");
      if (!v) return 2;
      listen = *v;
    } else if (a == "--read-only") {
      cfg.read_only = true;
    } else if (a == "--accounts") {
      cfg.accounts = true;
    } else if (a == "--https") {
      cfg.auth.https = true;
    } else if (a == "--allowed-host" || a == "--session-hours") {
      auto v = value(a.c_str());
      if (!v) return 2;
      if (a == "--allowed-host") {
        cfg.auth.allowed_hosts.push_back(*v);
      } else {
        double h = 0;
        try { h = std::stod(*v); } catch (...) { h = -1; }
        if (h <= 0 || h > 24 * 90) {
          std::fprintf(stderr, "gongkai serve：--session-hours 需要 0 到 2160 之间的正数，得到“%s”。\n", v->c_str());
          return 2;
        }
        cfg.auth.session_seconds = static_cast<int64_t>(h * 3600);
      }
    } else if (a == "--max-upload-mb" || a == "--timeout" || a == "--max-connections" || a == "--request-timeout") {
      auto v = value(a.c_str());
      if (!v) return 2;
      double d = 0;
      try { d = std::stod(*v); } catch (...) { d = -1; }
      if (d <= 0) {
        std::fprintf(stderr, "gongkai serve：%s 需要正数，得到“%s”。\n", a.c_str(), v->c_str());
        return 2;
      }
      if (a == "--timeout") cfg.timeout = d;
      else if (a == "--max-connections") cfg.limits.max_connections = static_cast<size_t>(std::max(1.0, d));
      else if (a == "--request-timeout") cfg.limits.request_timeout = d, cfg.limits.read_timeout = std::min(d, 5.0);
      else cfg.max_upload = static_cast<size_t>(d * (1u << 20));
    } else {
      std::fprintf(stderr, "gongkai serve：不认识的参数“%s”。\n\n%s", a.c_str(), kHelp);
      return 2;
    }
  }
  std::string host;
  int port = 0;
  if (!parse_listen(listen, host, port)) {
    std::fprintf(stderr, "gongkai serve：--listen 应为 主机:端口，例如 127.0.0.1:8080，得到“%s”。\n",
                 listen.c_str());
    return 2;
  }

  if (cfg.accounts && (cfg.db.empty() || cfg.read_only)) {
    std::fprintf(stderr, "gongkai serve：--accounts 需要可写的语料库（--db，且不能与 --read-only 同用）：账号、会话与审计日志保存在其中。\n");
    return 2;
  }
  // Open (or create, unless read-only) the corpus once up front so errors show at start.
  if (!cfg.db.empty()) {
    try {
      if (cfg.read_only) {
        if (!store::is_postgres_url(cfg.db) && !std::filesystem::exists(cfg.db))
          throw store::DbError("数据库文件不存在：" + cfg.db);
        store::open_corpus_readonly(cfg.db);
      } else {
        store::open_corpus(cfg.db, true);
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gongkai serve：%s\n", e.what());
      return 2;
    }
  }

  // Signals: handled by a dedicated thread (sigwait), so stop() is not called
  // from a signal handler. Blocked before any server thread starts.
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  // Bounded, non-blocking connections (src/serve/limits.cpp).
  GuardedServer svr(cfg.limits);
  svr.set_payload_max_length(cfg.max_upload + (64u << 10));  // multipart overhead
  svr.set_tcp_nodelay(true);  // headers and body are separate writes: avoid Nagle + delayed ACK

  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto slots = std::make_shared<ParseSlots>(cores);
  std::mutex write_mutex;  // one corpus writer at a time
  const bool have_db = !cfg.db.empty();

  svr.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                           {"Referrer-Policy", "no-referrer"},
                           {"X-Frame-Options", "DENY"}});

  // ---- accounts (serve/auth.h, serve/review.h): checks before every route, audit after every write ----
  std::shared_ptr<Auth> auth;
  if (cfg.accounts) {
    try {
      cfg.auth.db = cfg.db;
      auth = install_auth(svr, cfg.auth);
      add_review_routes(svr, {cfg.db, auth.get(), &write_mutex, cfg.max_upload, cfg.timeout});
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gongkai serve：%s\n", e.what());
      return 2;
    }
  }

  auto need_db = [&](httplib::Response& res) {
    if (have_db) return true;
    send_error(res, 404, "服务启动时没有给出语料库（--db），此功能不可用");
    return false;
  };

  // ---- static files ----
  auto serve_asset = [](const std::string& path, httplib::Response& res) {
    for (const auto& a : web_assets()) {
      if (path == a.path) {
        res.set_content(std::string(a.data, a.size), a.mime);
        res.set_header("Content-Security-Policy",
                       "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
        res.set_header("Cache-Control", "no-cache");
        return true;
      }
    }
    return false;
  };
  svr.Get("/", [&](const httplib::Request&, httplib::Response& res) { serve_asset("/index.html", res); });
  svr.Get(R"(/([A-Za-z0-9_\-]+\.(html|js|css|svg)))", [&](const httplib::Request& req, httplib::Response& res) {
    if (!serve_asset("/" + req.matches[1].str(), res)) send_error(res, 404, "没有这个页面");
  });

  // ---- API ----
  svr.Get("/api/health", [&](const httplib::Request&, httplib::Response& res) {
    send_json(res, {{"ok", true}, {"parser_version", kParserVersion}, {"db", have_db},
                    {"read_only", cfg.read_only || !have_db}, {"accounts", cfg.accounts},
                    {"max_upload_bytes", cfg.max_upload}});
  });
  svr.Get("/api/rules", [&](const httplib::Request&, httplib::Response& res) { send_json(res, rules_json()); });
  // ---- the UI's own routes (src/serve/ui_routes.cpp): /api/layout, delete, template, render ----
  add_ui_routes(svr, {cfg.db, cfg.read_only, &write_mutex, cfg.max_upload});

  svr.Post("/api/check", [&](const httplib::Request& req, httplib::Response& res) {
    std::string name = "upload", body;
    if (req.is_multipart_form_data()) {
      if (!req.has_file("file")) return send_error(res, 400, "请以表单字段 file 上传报告文件");
      const auto& f = req.get_file_value("file");
      body = f.content;
      if (!f.filename.empty()) name = f.filename;
    } else {
      body = req.body;
      if (req.has_param("name")) name = req.get_param_value("name");
    }
    // The name is only a label in messages and the record, never opened.
    name = std::filesystem::path(name).filename().string();
    if (name.empty() || name.size() > 255) name = "upload";
    if (body.size() > cfg.max_upload)
      return send_error(res, 413, "文件太大（上限 " + std::to_string(cfg.max_upload >> 20) + " MiB）");
    if (body.empty()) return send_error(res, 400, "上传的文件是空的");
    bool save = req.has_param("save") && req.get_param_value("save") == "1";
    if (save && (cfg.read_only || !have_db))
      return send_error(res, 403, cfg.read_only ? "服务以只读方式运行（--read-only），不能写入语料库"
                                                : "服务启动时没有给出语料库（--db），不能保存");

    if (!slots->acquire(std::chrono::milliseconds(static_cast<int64_t>(cfg.timeout * 1000))))
      return send_error(res, 503, "服务器正忙，请稍后再试");
    auto job = std::make_shared<ParseJob>();
    auto data = std::make_shared<std::string>(std::move(body));
    ParseOptions opt;
    opt.limits.max_file_bytes = cfg.max_upload;
    opt.limits.max_seconds = cfg.timeout;
    std::thread([job, data, name, opt, slots] {
      try {
        // read + parse (parse_bytes), keeping the document for source excerpts
        Document doc = read_bytes(*data, name, opt.limits);
        Report r = parse_document(doc, opt);
        r.sha256 = sha256_hex(*data);
        json lines = source_lines_json(doc);
        std::lock_guard lk(job->m);
        job->report = std::move(r);
        job->source_lines = std::move(lines);
      } catch (const ReadError& e) {
        std::lock_guard lk(job->m);
        job->error = e.what();
        job->read_error = true;
      } catch (const std::exception& e) {
        std::lock_guard lk(job->m);
        job->error = std::string("内部错误：") + e.what();
      } catch (...) {
        std::lock_guard lk(job->m);
        job->error = "内部错误";
      }
      {
        std::lock_guard lk(job->m);
        job->done = true;
      }
      job->cv.notify_all();
      slots->release();
    }).detach();
    std::unique_lock lk(job->m);
    if (!job->cv.wait_for(lk, std::chrono::duration<double>(cfg.timeout), [&] { return job->done; }))
      return send_error(res, 503, "解析超时（超过 " + std::to_string(static_cast<int>(cfg.timeout)) + " 秒）");
    if (!job->report) return send_error(res, job->read_error ? 422 : 500, job->error);
    Report r = std::move(*job->report);
    json source_lines = std::move(job->source_lines);
    lk.unlock();
    json j = to_json(r);
    j["source_lines"] = std::move(source_lines);
    j["paged"] = r.paged;
    j["saved"] = false;
    if (save) {
      try {
        std::lock_guard wl(write_mutex);
        store::Corpus corpus(cfg.db);
        store::FileInfo fi;
        fi.path = "upload:" + r.sha256 + "/" + name;  // a label, not a file
        fi.sha256 = r.sha256;
        fi.size = static_cast<int64_t>(data->size());
        corpus.begin();
        corpus.put_report(r, fi, kParserVersion);
        corpus.commit();
        j["saved"] = true;
        j["id"] = r.sha256;
      } catch (const std::exception& e) {
        j["save_error"] = e.what();
      }
    }
    send_json(res, j);
  });

  svr.Get("/api/reports", [&](const httplib::Request& req, httplib::Response& res) {
    if (!need_db(res)) return;
    try {
      auto db = open_read(cfg);
      std::string q = req.get_param_value("q"), level = req.get_param_value("level"),
                  region = req.get_param_value("region"), year = req.get_param_value("year");
      long limit = 50, offset = 0;
      std::string bad;
      if (req.has_param("limit")) {
        auto v = whole_number("limit", req.get_param_value("limit"), 1, 500, bad);
        if (!v) return send_error(res, 400, bad);
        limit = *v;
      }
      if (req.has_param("offset")) {
        auto v = whole_number("offset", req.get_param_value("offset"), 0, 100000000, bad);
        if (!v) return send_error(res, 400, bad);
        offset = *v;
      }
      std::string where = " WHERE 1=1";
      std::vector<std::string> binds;
      auto like = [](const std::string& s) {
        std::string o;
        for (char c : s) {
          if (c == '%' || c == '_' || c == '\\') o += '\\';
          o += c;
        }
        return "%" + o + "%";
      };
      if (!q.empty()) {
        where += " AND (agency LIKE ? ESCAPE '\\' OR agency_normalized LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')";
        binds.insert(binds.end(), {like(q), like(q), like(q)});
      }
      if (!level.empty()) { where += " AND level = ?"; binds.push_back(level); }
      if (!region.empty()) { where += " AND region LIKE ? ESCAPE '\\'"; binds.push_back(like(region)); }
      if (!year.empty()) {
        auto y = report_year(year, bad);
        if (!y) return send_error(res, 400, bad);
        where += " AND year = " + std::to_string(*y);
      }
      auto count = db.prepare("SELECT count(*) FROM reports" + where);
      for (size_t i = 0; i < binds.size(); ++i) count.bind(static_cast<int>(i + 1), binds[i]);
      count.step();
      int64_t total = count.i64(0);
      auto st = db.prepare(
          "SELECT sha256, agency, level, region, year, template, title, "
          "(SELECT count(*) FROM diagnostics d WHERE d.report=reports.id AND d.severity='error'), "
          "(SELECT count(*) FROM diagnostics d WHERE d.report=reports.id AND d.severity='warning'), "
          "prev_report IS NOT NULL, "
          "(SELECT count(*) FROM reports r2 WHERE r2.agency_normalized=reports.agency_normalized "
          "AND r2.year = reports.year) FROM reports" + where +
          " ORDER BY agency_normalized, year DESC LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset));
      for (size_t i = 0; i < binds.size(); ++i) st.bind(static_cast<int>(i + 1), binds[i]);
      json items = json::array();
      while (st.step())
        items.push_back({{"id", st.str(0)}, {"agency", st.is_null(1) ? json(nullptr) : json(st.str(1))},
                         {"level", st.str(2)}, {"region", st.str(3)},
                         {"year", st.is_null(4) ? json(nullptr) : json(st.i64(4))},
                         {"template", st.str(5)}, {"title", st.is_null(6) ? json(nullptr) : json(st.str(6))},
                         {"errors", st.i64(7)}, {"warnings", st.i64(8)}, {"has_previous", st.i64(9) != 0},
                         {"same_agency_year", st.i64(10)}});
      // Facets for the search form.
      json levels = json::array(), years = json::array();
      auto ls = db.prepare("SELECT DISTINCT level FROM reports WHERE level IS NOT NULL ORDER BY level");
      while (ls.step()) levels.push_back(ls.str(0));
      auto ys = db.prepare("SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year DESC");
      while (ys.step()) years.push_back(ys.i64(0));
      send_json(res, {{"total", total}, {"limit", limit}, {"offset", offset}, {"items", items},
                      {"levels", levels}, {"years", years}});
    } catch (const std::exception& e) {
      send_error(res, 500, e.what());
    }
  });

  svr.Get(R"(/api/reports/([^/]+))", [&](const httplib::Request& req, httplib::Response& res) {
    if (!need_db(res)) return;
    std::string bad;
    auto id = report_id(req.matches[1].str(), bad);
    if (!id) return send_error(res, 400, bad);
    try {
      auto db = open_read(cfg);
      auto j = load_report(db, *id);
      if (!j) return send_error(res, 404, "语料库中没有这份报告");
      send_json(res, *j);
    } catch (const std::exception& e) {
      send_error(res, 500, e.what());
    }
  });

  svr.Get(R"(/api/reports/([^/]+)/previous)", [&](const httplib::Request& req, httplib::Response& res) {
    if (!need_db(res)) return;
    std::string bad;
    auto id = report_id(req.matches[1].str(), bad);
    if (!id) return send_error(res, 400, bad);
    try {
      auto db = open_read(cfg);
      std::string sha = *id;
      auto cur = load_report(db, sha);
      if (!cur) return send_error(res, 404, "语料库中没有这份报告");
      if ((*cur)["previous_id"].is_null())
        return send_json(res, {{"current", *cur}, {"previous", nullptr}, {"changed", json::array()},
                               {"message", "语料库中没有同一机关上一年度的报告"}});
      std::string prev_sha = (*cur)["previous_id"];
      auto prev = load_report(db, prev_sha);
      auto a = cell_values(db, sha), b = cell_values(db, prev_sha);
      json changed = json::array();
      for (const auto& col : store::cell_columns()) {
        auto ia = a.find(col.path), ib = b.find(col.path);
        json va = ia != a.end() && ia->second ? json(*ia->second) : json(nullptr);
        json vb = ib != b.end() && ib->second ? json(*ib->second) : json(nullptr);
        if (va == vb) continue;
        changed.push_back({{"path", col.path}, {"label", col.label}, {"current", va}, {"previous", vb}});
      }
      send_json(res, {{"current", *cur}, {"previous", prev ? *prev : json(nullptr)}, {"changed", changed}});
    } catch (const std::exception& e) {
      send_error(res, 500, e.what());
    }
  });

  svr.Get("/api/stats", [&](const httplib::Request& req, httplib::Response& res) {
    if (!need_db(res)) return;
    try {
      auto db = open_read(cfg);
      ojson s = store::corpus_stats(db, 20);
      s["applications_by_year_level"] = ojson::parse(applications_by_year_level(db).dump());
      send_ojson(res, s);
    } catch (const std::exception& e) {
      send_error(res, 500, e.what());
    }
  });

  // ---- region (issue 14: src/serve/region_routes.cpp) ----
  add_region_routes(svr, have_db, [&cfg] { return open_read(cfg); });

  svr.Get("/api/export", [&](const httplib::Request& req, httplib::Response& res) {
    if (!need_db(res)) return;
    std::string format = req.has_param("format") ? req.get_param_value("format") : "csv";
    std::string table = req.has_param("table") ? req.get_param_value("table") : "wide";
    if (format != "csv" && format != "xlsx" && format != "jsonl")
      return send_error(res, 400, "format 只能是 csv、xlsx 或 jsonl");
    store::ExportOptions opt;
    if (table == "wide") opt.table = store::ExportTable::Wide;
    else if (table == "long") opt.table = store::ExportTable::Long;
    else if (table == "diagnostics") opt.table = store::ExportTable::Diagnostics;
    else return send_error(res, 400, "table 只能是 wide、long 或 diagnostics");
    opt.labels_zh = req.get_param_value("labels") == "zh";
    try {
      // Streamed, file names only (src/serve/stream_export.cpp).
      stream_export(res, std::make_shared<store::Db>(open_read(cfg)), format, table, opt);
    } catch (const std::exception& e) {
      send_error(res, 500, e.what());
    }
  });

  // ---- case register (src/register, web/register.js) ----
  add_register_routes(svr, {cfg.db, cfg.read_only, &write_mutex});
  // ---- end case register ----

  svr.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (request_timed_out())
      return send_error(res, 408, "请求没有在时限内发完（客户端太慢或中途停止），连接已关闭");
    if (res.status == 413) return send_error(res, 413, "文件太大");
    if (res.status == 404) return send_error(res, 404, "没有这个地址");
    send_error(res, res.status, "请求出错（HTTP " + std::to_string(res.status) + "）");
  });
  svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string msg = "内部错误";
    try { std::rethrow_exception(ep); } catch (const std::exception& e) { msg += std::string("：") + e.what(); } catch (...) {}
    send_error(res, 500, msg);
  });

  int bound = port == 0 ? svr.bind_to_any_port(host) : (svr.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    std::fprintf(stderr, "gongkai serve：无法监听 %s（端口被占用或地址无效）。\n", listen.c_str());
    return 2;
  }
  svr.widen_backlog();
  if (auth) auth->set_listen(host, bound);
  if (!is_loopback(host) && !cfg.accounts)
    std::fprintf(stderr, "gongkai serve：注意，正在监听非本机地址 %s，网络上的其他机器可以访问。\n", host.c_str());
  std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::printf("gongkai serve：http://%s:%d/\n", shown.c_str(), bound);
  std::fflush(stdout);
  std::fprintf(stderr, "语料库：%s%s；上传上限 %zu MiB；解析时限 %g 秒。按 Ctrl+C 停止。\n",
               have_db ? cfg.db.c_str() : "（无）", cfg.read_only ? "（只读）" : "", cfg.max_upload >> 20,
               cfg.timeout);

  std::thread sig_thread([&] {
    int sig = 0;
    sigwait(&sigs, &sig);
    svr.stop();
  });
  svr.listen_after_bind();
  // Wake the signal thread if the server stopped for another reason.
  pthread_kill(sig_thread.native_handle(), SIGTERM);
  sig_thread.join();
  std::fprintf(stderr, "gongkai serve：已停止。\n");
  return 0;
}

}  // namespace gk::serve
