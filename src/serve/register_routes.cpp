// /api/register/…: list the registers, a register with its table 2, import a
// CSV/XLSX register (all or nothing, errors row by row), save the rows edited
// in the web UI (validated the same way), the 第三十三条 deadlines, the blank
// template. Unit names and years come from the query; nothing the client
// sends is used as a path.
#include "serve/register_routes.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "model/json.h"
#include "register/calendar.h"
#include "register/register.h"
#include "register/store.h"
#include "register/table2.h"
#include "register/workbook.h"
#include "store/schema.h"

namespace gk::serve {

namespace {

using json = nlohmann::json;

void reply(httplib::Response& res, const json& j, int status = 200) {
  res.status = status;
  res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}
void fail(httplib::Response& res, int status, const std::string& msg) { reply(res, {{"error", msg}}, status); }

// unit and year from the query; false after answering 400.
bool unit_year(const httplib::Request& req, httplib::Response& res, std::string* unit, int* year) {
  *unit = req.get_param_value("unit");
  std::string y = req.get_param_value("year");
  if (unit->empty() || unit->size() > 200) {
    fail(res, 400, "请给出单位名称（unit）");
    return false;
  }
  try {
    size_t n = 0;
    *year = std::stoi(y, &n);
    if (n != y.size() || *year < 1990 || *year > 2200) throw std::invalid_argument(y);
  } catch (...) {
    fail(res, 400, "年度（year）应为四位年份");
    return false;
  }
  return true;
}

json errors_json(const std::vector<reg::RowError>& errors) {
  json a = json::array();
  for (const auto& e : errors) a.push_back({{"row", e.row}, {"column", e.column}, {"message", e.message}});
  return a;
}

json register_json(const reg::Register& r, const reg::Register* previous) {
  json cols = json::array(), required = json::array();
  for (int c = 0; c < reg::kColumns; ++c) {
    cols.push_back(reg::kColumnHeaders[c]);
    required.push_back(reg::column_required(c));
  }
  json rows = json::array();
  for (const auto& c : r.cases) rows.push_back(reg::case_cells(c));
  reg::Table2Result t = reg::table2(r, previous);
  Report rep;
  reg::fill_report(rep, t.cells);
  json outcomes = json::array({"办理中"}), applicants = json::array(), channels = json::array();
  for (int o = reg::kOutcomeFirst; o <= reg::kOutcomeLast; ++o) outcomes.push_back(reg::outcome_name(o));
  for (int a = 0; a < reg::kApplicantTypes; ++a) applicants.push_back(kT2ColLabels[a]);
  for (const char* ch : reg::kChannels) channels.push_back(ch);
  return {{"unit", r.unit}, {"year", r.year}, {"columns", cols}, {"required", required}, {"rows", rows},
          {"table2", to_json(rep, false)["applications"]}, {"notes", t.notes},
          {"has_previous", previous != nullptr}, {"outcomes", outcomes}, {"applicants", applicants},
          {"channels", channels}};
}

// Validate and store; answers 200 with the stored register or 422 with every error.
void store_register(const RegisterRoutes& cfg, const reg::RawRegister& raw, const std::string& unit, int year,
                    const std::string& source, httplib::Response& res) {
  reg::Validated v = reg::validate(raw, unit, year);
  if (!v.ok())
    return reply(res, {{"error", "台账有 " + std::to_string(v.errors.size()) + " 处错误，未保存（没有任何一行被导入）"},
                       {"errors", errors_json(v.errors)}},
                 422);
  std::lock_guard lk(*cfg.write_mutex);
  store::Db db = store::open_corpus(cfg.db, false);
  reg::save_register(db, v.reg, source);
  auto prev = reg::load_register(db, unit, year - 1);
  json j = register_json(v.reg, prev ? &*prev : nullptr);
  j["saved"] = v.reg.cases.size();
  reply(res, j);
}

}  // namespace

void add_register_routes(httplib::Server& svr, const RegisterRoutes& cfg) {
  auto need = [cfg](httplib::Response& res, bool write) {
    if (cfg.db.empty()) {
      fail(res, 404, "服务启动时没有给出语料库（--db），台账功能不可用");
      return false;
    }
    if (write && cfg.read_only) {
      fail(res, 403, "服务以只读方式运行（--read-only），不能导入或修改台账");
      return false;
    }
    return true;
  };

  svr.Get("/api/register/list", [cfg, need](const httplib::Request&, httplib::Response& res) {
    if (!need(res, false)) return;
    try {
      store::Db db = cfg.read_only ? store::open_corpus_readonly(cfg.db) : store::open_corpus(cfg.db, false);
      json a = json::array();
      try {
        for (const auto& s : reg::list_registers(db))
          a.push_back({{"unit", s.unit}, {"year", s.year}, {"cases", s.cases}, {"open", s.open},
                       {"imported_at", s.last_import}, {"source", s.last_source}});
      } catch (const store::DbError&) {
        // a read-only corpus made before the register tables existed: no registers
      }
      reply(res, {{"registers", a}, {"read_only", cfg.read_only}});
    } catch (const std::exception& e) {
      fail(res, 500, e.what());
    }
  });

  svr.Get("/api/register", [cfg, need](const httplib::Request& req, httplib::Response& res) {
    if (!need(res, false)) return;
    std::string unit;
    int year = 0;
    if (!unit_year(req, res, &unit, &year)) return;
    try {
      store::Db db = cfg.read_only ? store::open_corpus_readonly(cfg.db) : store::open_corpus(cfg.db, false);
      auto r = reg::load_register(db, unit, year);
      if (!r) return fail(res, 404, "没有“" + unit + "” " + std::to_string(year) + " 年的台账");
      auto prev = reg::load_register(db, unit, year - 1);
      reply(res, register_json(*r, prev ? &*prev : nullptr));
    } catch (const std::exception& e) {
      fail(res, 500, e.what());
    }
  });

  svr.Post("/api/register/import", [cfg, need](const httplib::Request& req, httplib::Response& res) {
    if (!need(res, true)) return;
    std::string unit;
    int year = 0;
    if (!unit_year(req, res, &unit, &year)) return;
    std::string body = req.body, name = "上传的台账";
    if (req.is_multipart_form_data()) {
      if (!req.has_file("file")) return fail(res, 400, "请以表单字段 file 上传台账文件");
      const auto& f = req.get_file_value("file");
      body = f.content;
      if (!f.filename.empty()) name = std::filesystem::path(f.filename).filename().string();
    }
    if (body.empty()) return fail(res, 400, "上传的文件是空的");
    try {
      reg::RawRegister raw = reg::read_register_bytes(body, name);
      store_register(cfg, raw, unit, year, name, res);
    } catch (const std::exception& e) {
      fail(res, 422, name + "：" + e.what());
    }
  });

  svr.Post("/api/register/save", [cfg, need](const httplib::Request& req, httplib::Response& res) {
    if (!need(res, true)) return;
    std::string unit;
    int year = 0;
    if (!unit_year(req, res, &unit, &year)) return;
    json j = json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("rows") || !j["rows"].is_array())
      return fail(res, 400, "请求应为 JSON：{\"rows\": [{列名: 内容, …}, …]}");
    reg::RawRegister raw;
    int n = 1;  // row numbers as in a file: the header is row 1
    for (const auto& row : j["rows"]) {
      reg::RawRow rr;
      rr.row = ++n;
      if (!row.is_object()) return fail(res, 400, "第 " + std::to_string(n) + " 行不是对象");
      for (auto& [k, v] : row.items()) {
        bool known = false;
        for (const char* h : reg::kColumnHeaders) known = known || k == h;
        if (!known) continue;
        if (v.is_string()) rr.cells[k] = v.get<std::string>();
        else if (v.is_number()) rr.cells[k] = v.dump();
      }
      raw.rows.push_back(std::move(rr));
    }
    try {
      store_register(cfg, raw, unit, year, "网页编辑", res);
    } catch (const std::exception& e) {
      fail(res, 500, e.what());
    }
  });

  svr.Get("/api/register/deadlines", [cfg, need](const httplib::Request& req, httplib::Response& res) {
    if (!need(res, false)) return;
    std::string unit;
    int year = 0;
    if (!unit_year(req, res, &unit, &year)) return;
    int soon = 5;
    try {
      if (req.has_param("soon")) soon = std::clamp(std::stoi(req.get_param_value("soon")), 0, 60);
    } catch (...) {
    }
    reg::Date today;
    if (req.has_param("today")) {
      auto d = reg::parse_date(req.get_param_value("today"));
      if (!d) return fail(res, 400, "today 不是有效日期");
      today = *d;
    } else {
      std::time_t now = std::time(nullptr);
      std::tm tm{};
      localtime_r(&now, &tm);
      today = reg::Date::from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    }
    try {
      store::Db db = cfg.read_only ? store::open_corpus_readonly(cfg.db) : store::open_corpus(cfg.db, false);
      auto r = reg::load_register(db, unit, year);
      if (!r) return fail(res, 404, "没有“" + unit + "” " + std::to_string(year) + " 年的台账");
      json rows = json::array();
      for (const auto& d : reg::deadlines(*r, reg::Calendar::builtin(), today, soon, true))
        rows.push_back({{"status", reg::status_name(d.status)}, {"case_no", d.c->case_no},
                        {"received", d.c->received.iso()}, {"due", d.due.iso()}, {"extended", d.c->extended},
                        {"working_days_left", d.working_days_left}, {"subject", d.c->subject},
                        {"replied", d.c->replied ? json(d.c->replied->iso()) : json(nullptr)}});
      reply(res, {{"today", today.iso()}, {"soon", soon}, {"rows", rows}});
    } catch (const std::exception& e) {
      fail(res, 422, e.what());
    }
  });

  svr.Get("/api/register/template.xlsx", [](const httplib::Request&, httplib::Response& res) {
    static std::atomic<int> counter{0};
    auto tmp = std::filesystem::temp_directory_path() /
               ("gongkai-register-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".xlsx");
    try {
      reg::write_register_xlsx(tmp.string());
      std::ifstream in(tmp, std::ios::binary);
      std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      in.close();
      std::filesystem::remove(tmp);
      res.set_header("Content-Disposition", "attachment; filename=\"register-template.xlsx\"");
      res.set_content(std::move(content), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    } catch (const std::exception& e) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      fail(res, 500, e.what());
    }
  });
}

}  // namespace gk::serve
