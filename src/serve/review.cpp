#include "serve/review.h"

#include <httplib.h>
#include <sodium.h>

#include <cstring>
#include <ctime>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "model/json.h"
#include "model/report.h"
#include "pipeline.h"
#include "read/reader.h"
#include "serve/auth.h"
#include "store/accounts.h"
#include "store/corpus.h"
#include "store/region_tables.h"
#include "store/schema.h"
#include "util/sha256.h"

namespace gk::serve {

namespace {

using json = nlohmann::json;

void reply(httplib::Response& res, const json& j, int status = 200) {
  res.status = status;
  res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}
void fail(httplib::Response& res, int status, const std::string& msg, json extra = json::object()) {
  extra["error"] = msg;
  reply(res, extra, status);
}

const char* status_zh(const std::string& s) {
  if (s == "draft") return "草稿";
  if (s == "submitted") return "待审核";
  if (s == "returned") return "已退回";
  if (s == "approved") return "已通过";
  return "未知";
}

// Timestamps are written by the server (the SQL is the same on both backends).
std::string now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string b64(const std::string& bin) {
  std::string out(sodium_base64_encoded_len(bin.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()), bin.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}
std::string unb64(const std::string& text) {
  std::string out(text.size(), '\0');
  size_t n = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &n, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw std::runtime_error("保存的文件已损坏");
  out.resize(n);
  return out;
}

struct Sub {
  int64_t id = 0;
  std::string unit;
  int year = 0;
  std::string status;
  int version = 0;
  std::string updated_at;
};

std::optional<Sub> load_sub(store::Db& db, int64_t id) {
  auto st = db.prepare("SELECT id, unit, year, status, current_version, updated_at FROM submissions WHERE id=?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return Sub{st.i64(0), st.str(1), static_cast<int>(st.i64(2)), st.str(3), static_cast<int>(st.i64(4)), st.str(5)};
}

// May this user see the unit's drafts?
bool may_see(store::Db& db, const store::User& u, const std::string& unit) {
  switch (u.role) {
    case store::Role::Admin: return true;
    case store::Role::Clerk: return u.unit == unit;
    case store::Role::Reviewer: return store::unit_in_region(db, unit, u.region);
  }
  return false;
}

json sub_json(store::Db& db, const Sub& s) {
  auto info = store::unit_info(db, s.unit);
  json j = {{"id", s.id}, {"unit", s.unit}, {"unit_name", info ? info->first : s.unit},
            {"region", info ? info->second : ""}, {"year", s.year}, {"status", s.status},
            {"status_zh", status_zh(s.status)}, {"version", s.version}, {"updated_at", s.updated_at}};
  auto v = db.prepare("SELECT errors, warnings, name FROM submission_versions WHERE submission=? AND version=?");
  v.bind(1, s.id).bind(2, s.version);
  if (v.step()) j["errors"] = v.i64(0), j["warnings"] = v.i64(1), j["name"] = v.str(2);
  return j;
}

// The current version's error findings (id and message).
std::vector<std::pair<std::string, std::string>> errors_of(const json& record) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!record.contains("diagnostics")) return out;
  for (const auto& d : record["diagnostics"])
    if (d.value("severity", "") == "error") out.emplace_back(d.value("rule", ""), d.value("message", ""));
  return out;
}

std::optional<int64_t> id_param(const httplib::Request& req) {
  try {
    size_t n = 0;
    std::string s = req.matches[1].str();
    int64_t v = std::stoll(s, &n);
    if (n == s.size() && v > 0) return v;
  } catch (...) {
  }
  return std::nullopt;
}

}  // namespace

void add_review_routes(httplib::Server& svr, const ReviewRoutes& cfg) {
  Auth* auth = cfg.auth;
  auto user_of = [auth](const httplib::Request& req) { return auth->session(req); };

  svr.Post("/api/drafts", [cfg, auth, user_of](const httplib::Request& req, httplib::Response& res) {
    auto s = user_of(req);
    if (!s) return fail(res, 403, "请先登录");
    if (s->user.role != store::Role::Clerk) return fail(res, 403, "只有单位填报人可以上传草稿");
    if (!req.is_multipart_form_data() || !req.has_file("file"))
      return fail(res, 400, "请以表单字段 file 上传报告文件");
    const auto& f = req.get_file_value("file");
    std::string name = std::filesystem::path(f.filename).filename().string();
    if (name.empty() || name.size() > 255) name = "upload";
    if (f.content.empty()) return fail(res, 400, "上传的文件是空的");
    if (f.content.size() > cfg.max_upload)
      return fail(res, 413, "文件太大（上限 " + std::to_string(cfg.max_upload >> 20) + " MiB）");
    ParseOptions opt;
    opt.limits.max_file_bytes = cfg.max_upload;
    opt.limits.max_seconds = cfg.timeout;
    Report r;
    try {
      r = parse_bytes(f.content, name, opt);
    } catch (const ReadError& e) {
      return fail(res, 422, std::string("无法读取“") + name + "”：" + e.what());
    }
    r.sha256 = sha256_hex(f.content);
    int year = r.year;
    if (req.has_param("year")) {
      try { year = std::stoi(req.get_param_value("year")); } catch (...) { year = 0; }
    }
    if (year < 2000 || year > 2100)
      return fail(res, 422, "报告中没有找到年度：请在上传时注明年度（year）");
    json record = to_json(r);
    int errors = 0, warnings = 0;
    for (const auto& d : r.diagnostics) {
      if (d.severity == Severity::Error) ++errors;
      else if (d.severity == Severity::Warning) ++warnings;
    }
    json out = auth->with_db([&](store::Db& db) -> json {
      store::Tx tx(db);
      int64_t sid = 0;
      int version = 1;
      std::string status;
      auto st = db.prepare("SELECT id, current_version, status FROM submissions WHERE unit=? AND year=?");
      st.bind(1, s->user.unit).bind(2, year);
      if (st.step()) {
        sid = st.i64(0);
        version = static_cast<int>(st.i64(1)) + 1;
        status = st.str(2);
      }
      if (status == "submitted")
        return json{{"error", "本年度报告已提交、正在审核，审核人退回后才能上传新版本"}, {"status", 409}};
      if (sid == 0) {
        auto ins = db.prepare(
            "INSERT INTO submissions(unit, year, status, current_version, updated_at) VALUES (?,?,'draft',1,?) "
            "RETURNING id");
        ins.bind(1, s->user.unit).bind(2, year).bind(3, now_iso());
        ins.step();
        sid = ins.i64(0);
      } else {
        db.prepare("UPDATE submissions SET status='draft', current_version=?, updated_at=? WHERE id=?")
            .bind(1, version).bind(2, now_iso()).bind(3, sid).run();
      }
      db.prepare("INSERT INTO submission_versions(submission, version, sha256, name, content, record, errors, "
                 "warnings, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?,?)")
          .bind(1, sid).bind(2, version).bind(3, r.sha256).bind(4, name).bind(5, b64(f.content))
          .bind(6, record.dump(-1, ' ', false, json::error_handler_t::replace)).bind(7, errors).bind(8, warnings)
          .bind(9, s->user.name).bind(10, now_iso()).run();
      tx.commit();
      return json{{"id", sid}, {"version", version}};
    });
    if (out.contains("error")) return fail(res, out["status"].get<int>(), out["error"]);
    audit_detail("单位 " + s->user.unit + " " + std::to_string(year) + " 年度第 " + std::to_string(out["version"].get<int>()) +
                 " 版，" + std::to_string(errors) + " 个错误");
    out["year"] = year;
    out["status"] = "draft";
    out["status_zh"] = status_zh("draft");
    out["errors"] = errors;
    out["warnings"] = warnings;
    out["record"] = record;
    reply(res, out);
  });

  svr.Get("/api/drafts", [auth, user_of](const httplib::Request& req, httplib::Response& res) {
    auto s = user_of(req);
    if (!s) return fail(res, 401, "请先登录");
    std::string status = req.get_param_value("status");
    json items = auth->with_db([&](store::Db& db) {
      json a = json::array();
      std::string sql = "SELECT id, unit, year, status, current_version, updated_at FROM submissions";
      if (s->user.role == store::Role::Clerk) sql += " WHERE unit=?";
      sql += " ORDER BY updated_at DESC, id DESC";
      auto st = db.prepare(sql);
      if (s->user.role == store::Role::Clerk) st.bind(1, s->user.unit);
      std::vector<Sub> subs;
      while (st.step())
        subs.push_back({st.i64(0), st.str(1), static_cast<int>(st.i64(2)), st.str(3), static_cast<int>(st.i64(4)),
                        st.str(5)});
      for (const auto& x : subs) {
        if (!may_see(db, s->user, x.unit)) continue;
        if (!status.empty() && x.status != status) continue;
        a.push_back(sub_json(db, x));
      }
      return a;
    });
    reply(res, {{"items", items}});
  });

  svr.Get("/api/review/queue", [auth, user_of](const httplib::Request& req, httplib::Response& res) {
    auto s = user_of(req);
    if (!s) return fail(res, 401, "请先登录");
    if (s->user.role == store::Role::Clerk) return fail(res, 403, "只有审核人可以查看审核队列");
    json items = auth->with_db([&](store::Db& db) {
      json a = json::array();
      auto st = db.prepare(
          "SELECT id, unit, year, status, current_version, updated_at FROM submissions WHERE status='submitted' "
          "ORDER BY updated_at, id");
      std::vector<Sub> subs;
      while (st.step())
        subs.push_back({st.i64(0), st.str(1), static_cast<int>(st.i64(2)), st.str(3), static_cast<int>(st.i64(4)),
                        st.str(5)});
      for (const auto& x : subs)
        if (may_see(db, s->user, x.unit)) a.push_back(sub_json(db, x));
      return a;
    });
    reply(res, {{"items", items}, {"region", s->user.region}});
  });

  svr.Get(R"(/api/drafts/([0-9]+))", [auth, user_of](const httplib::Request& req, httplib::Response& res) {
    auto s = user_of(req);
    if (!s) return fail(res, 401, "请先登录");
    auto id = id_param(req);
    if (!id) return fail(res, 400, "草稿编号须为正整数");
    json out = auth->with_db([&](store::Db& db) -> json {
      auto sub = load_sub(db, *id);
      if (!sub) return json{{"error", "没有这份草稿"}, {"status", 404}};
      if (!may_see(db, s->user, sub->unit)) return json{{"error", "无权查看其他单位或地区之外的草稿"}, {"status", 403}};
      json j = sub_json(db, *sub);
      json versions = json::array();
      auto v = db.prepare(
          "SELECT version, sha256, name, errors, warnings, explanations, uploaded_by, uploaded_at, submitted_at, record "
          "FROM submission_versions WHERE submission=? ORDER BY version");
      v.bind(1, sub->id);
      while (v.step()) {
        json e = {{"version", v.i64(0)}, {"sha256", v.str(1)}, {"name", v.str(2)}, {"errors", v.i64(3)},
                  {"warnings", v.i64(4)}, {"uploaded_by", v.str(6)}, {"uploaded_at", v.str(7)},
                  {"submitted_at", v.is_null(8) ? json(nullptr) : json(v.str(8))}};
        e["explanations"] = v.is_null(5) ? json::object() : json::parse(v.str(5), nullptr, false);
        if (v.i64(0) == sub->version) j["record"] = json::parse(v.str(9), nullptr, false);
        versions.push_back(e);
      }
      j["versions"] = versions;
      json reviews = json::array();
      auto rv = db.prepare("SELECT version, reviewer, action, comment, at FROM reviews WHERE submission=? ORDER BY id");
      rv.bind(1, sub->id);
      while (rv.step())
        reviews.push_back({{"version", rv.i64(0)}, {"reviewer", rv.str(1)}, {"action", rv.str(2)},
                           {"action_zh", rv.str(2) == "approve" ? "通过" : "退回"}, {"comment", rv.str(3)},
                           {"at", rv.str(4)}});
      j["reviews"] = reviews;
      return j;
    });
    if (out.contains("error") && out.contains("status") && out["status"].is_number())
      return fail(res, out["status"].get<int>(), out["error"]);
    reply(res, out);
  });

  svr.Post(R"(/api/drafts/([0-9]+)/submit)", [auth, user_of](const httplib::Request& req, httplib::Response& res) {
    auto s = user_of(req);
    if (!s) return fail(res, 403, "请先登录");
    if (s->user.role != store::Role::Clerk) return fail(res, 403, "只有单位填报人可以提交");
    auto id = id_param(req);
    if (!id) return fail(res, 400, "草稿编号须为正整数");
    json body = req.body.empty() ? json::object() : json::parse(req.body, nullptr, false);
    if (!body.is_object()) return fail(res, 400, "提交内容须为 JSON 对象");
    json expl = body.value("explanations", json::object());
    if (!expl.is_object()) return fail(res, 400, "说明（explanations）须为“发现编号: 说明”的对象");
    json out = auth->with_db([&](store::Db& db) -> json {
      store::Tx tx(db);
      auto sub = load_sub(db, *id);
      if (!sub || sub->unit != s->user.unit) return json{{"error", "没有这份草稿，或它不属于您的单位"}, {"status", 403}};
      if (sub->status == "submitted") return json{{"error", "这份报告已提交，正在审核"}, {"status", 409}};
      if (sub->status == "approved") return json{{"error", "这份报告已通过审核；如需更正请上传新版本"}, {"status", 409}};
      auto v = db.prepare("SELECT record FROM submission_versions WHERE submission=? AND version=?");
      v.bind(1, sub->id).bind(2, sub->version);
      if (!v.step()) return json{{"error", "草稿没有版本"}, {"status", 500}};
      json record = json::parse(v.str(0), nullptr, false);
      // The filing gate: every error explained in words.
      json missing = json::array(), kept = json::object();
      for (const auto& [rule, message] : errors_of(record)) {
        std::string text = expl.contains(rule) && expl[rule].is_string() ? expl[rule].get<std::string>() : "";
        while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
        if (text.size() < 6) missing.push_back({{"rule", rule}, {"message", message}});
        else kept[rule] = text;
      }
      if (!missing.empty())
        return json{{"error", "报告有 " + std::to_string(missing.size()) + " 个错误未作说明：请逐条说明原因后再提交"},
                    {"status", 422}, {"unexplained", missing}};
      const std::string now = now_iso();
      db.prepare("UPDATE submission_versions SET explanations=?, submitted_at=? WHERE submission=? AND version=?")
          .bind(1, kept.dump()).bind(2, now).bind(3, sub->id).bind(4, sub->version).run();
      db.prepare("UPDATE submissions SET status='submitted', updated_at=? WHERE id=?").bind(1, now).bind(2, sub->id).run();
      tx.commit();
      sub->status = "submitted";
      return sub_json(db, *sub);
    });
    if (out.contains("error")) {
      int st = out["status"].get<int>();
      std::string msg = out["error"];
      out.erase("status");
      out.erase("error");
      return fail(res, st, msg, out);
    }
    audit_detail("提交第 " + std::to_string(out["version"].get<int>()) + " 版");
    reply(res, out);
  });

  svr.Post(R"(/api/drafts/([0-9]+)/review)", [cfg, auth, user_of](const httplib::Request& req, httplib::Response& res) {
    auto s = user_of(req);
    if (!s) return fail(res, 403, "请先登录");
    if (s->user.role == store::Role::Clerk) return fail(res, 403, "只有审核人可以审核");
    auto id = id_param(req);
    if (!id) return fail(res, 400, "草稿编号须为正整数");
    json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("action") || !body["action"].is_string())
      return fail(res, 400, "审核需要 action：approve（通过）或 return（退回）");
    std::string action = body["action"], comment = body.value("comment", "");
    if (action != "approve" && action != "return") return fail(res, 400, "action 只能是 approve（通过）或 return（退回）");
    if (action == "return" && comment.empty()) return fail(res, 400, "退回时请写明意见");
    // Read the submission and the file under the accounts connection; the
    // corpus write (approval) under the corpus writer's lock.
    std::string content, name, unit_name;
    Sub sub;
    int64_t unit_id = 0;
    json pre = auth->with_db([&](store::Db& db) -> json {
      auto x = load_sub(db, *id);
      if (!x || !may_see(db, s->user, x->unit)) return json{{"error", "没有这份草稿，或它不在您的审核地区"}, {"status", 403}};
      if (x->status != "submitted") return json{{"error", std::string("这份报告的状态是“") + status_zh(x->status) + "”，不在审核中"}, {"status", 409}};
      sub = *x;
      auto v = db.prepare("SELECT content, name FROM submission_versions WHERE submission=? AND version=?");
      v.bind(1, x->id).bind(2, x->version);
      if (v.step()) content = unb64(v.str(0)), name = v.str(1);
      auto u = db.prepare("SELECT id, name FROM units WHERE uid=?");
      u.bind(1, x->unit);
      if (u.step()) unit_id = u.i64(0), unit_name = u.str(1);
      return json::object();
    });
    if (pre.contains("error")) return fail(res, pre["status"].get<int>(), pre["error"]);
    std::string sha;
    if (action == "approve") {
      ParseOptions opt;
      opt.limits.max_file_bytes = cfg.max_upload;
      opt.limits.max_seconds = cfg.timeout;
      Report r = parse_bytes(content, name, opt);
      r.sha256 = sha = sha256_hex(content);
      std::lock_guard wl(*cfg.write_mutex);
      store::Corpus corpus(cfg.db);
      store::FileInfo fi;
      fi.path = "submission:" + sub.unit + "/" + std::to_string(sub.year) + "/v" + std::to_string(sub.version) + "/" + name;
      fi.sha256 = sha;
      fi.size = static_cast<int64_t>(content.size());
      corpus.begin();
      corpus.put_report(r, fi, kParserVersion);
      if (unit_id) store::set_current_choice(corpus.db(), {unit_id, sub.year, sha});
      corpus.commit();
    }
    json out = auth->with_db([&](store::Db& db) -> json {
      store::Tx tx(db);
      const std::string now = now_iso();
      db.prepare("INSERT INTO reviews(submission, version, reviewer, action, comment, at) VALUES (?,?,?,?,?,?)")
          .bind(1, sub.id).bind(2, sub.version).bind(3, s->user.name).bind(4, action).bind(5, comment).bind(6, now).run();
      db.prepare("UPDATE submissions SET status=?, updated_at=? WHERE id=?")
          .bind(1, action == "approve" ? "approved" : "returned").bind(2, now).bind(3, sub.id).run();
      tx.commit();
      auto x = load_sub(db, sub.id);
      return sub_json(db, *x);
    });
    if (!sha.empty()) out["report_id"] = sha;
    audit_detail(std::string(action == "approve" ? "通过" : "退回") + " " + sub.unit + " " + std::to_string(sub.year) +
                 " 年度第 " + std::to_string(sub.version) + " 版" + (comment.empty() ? "" : "：" + comment));
    reply(res, out);
  });
}

}  // namespace gk::serve
