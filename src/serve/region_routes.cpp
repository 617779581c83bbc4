#include "serve/region_routes.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "model/json.h"
#include "region/compare.h"
#include "region/coverage.h"
#include "region/rollup.h"
#include "region/scorecard.h"
#include "region/view.h"
#include "store/sink.h"

namespace gk::serve {

namespace {

using oj = nlohmann::ordered_json;

void reply(httplib::Response& res, const oj& j, int status = 200) {
  res.status = status;
  res.set_content(j.dump(-1, ' ', false, oj::error_handler_t::replace), "application/json; charset=utf-8");
}
void reply_error(httplib::Response& res, int status, const std::string& msg) { reply(res, oj{{"error", msg}}, status); }

int year_param(const httplib::Request& req) {
  if (!req.has_param("year")) return 0;
  try {
    return std::stoi(req.get_param_value("year"));
  } catch (...) {
    return -1;
  }
}

// Key figures of a report for the timeline and roll-up tables.
oj key_figures(const Report& r) {
  return {{"applications_new", r.applications[R_NEW][6].value ? oj(*r.applications[R_NEW][6].value) : oj(nullptr)},
          {"applications_total", r.applications[R_TOTAL][6].value ? oj(*r.applications[R_TOTAL][6].value) : oj(nullptr)},
          {"granted", r.applications[R_GRANTED][6].value ? oj(*r.applications[R_GRANTED][6].value) : oj(nullptr)},
          {"review_total", r.appeals[0][4].value ? oj(*r.appeals[0][4].value) : oj(nullptr)},
          {"litigation_total", r.appeals[1][4].value && r.appeals[2][4].value
                                   ? oj(*r.appeals[1][4].value + *r.appeals[2][4].value)
                                   : oj(nullptr)}};
}

// The state of one unit-year in the heat table: one word per cell, from the
// coverage row (never recomputed here). A report with errors counts as such
// whatever its date; then late; then several versions; then an unknown date.
std::pair<const char*, const char*> heat_state(const region::CoverageRow& r) {
  if (r.status == region::PubStatus::Missing) return {"missing", region::pub_status_zh(r.status)};
  if (r.errors > 0) return {"errors", "报告有错误"};
  if (r.status == region::PubStatus::Late) return {"late", region::pub_status_zh(r.status)};
  if (r.versions > 1) return {"versions", "多个版本"};
  return {region::pub_status_key(r.status), region::pub_status_zh(r.status)};
}

}  // namespace

void add_region_routes(httplib::Server& svr, bool have_db, std::function<store::Db()> open_read) {
  auto guard = [have_db](httplib::Response& res) {
    if (have_db) return true;
    reply_error(res, 404, "服务启动时没有给出语料库（--db），此功能不可用");
    return false;
  };
  // Every handler: open, build the view, answer; Chinese errors as 400 (bad call) or 500.
  auto with_view = [open_read, guard](httplib::Response& res, const std::function<void(store::Db&, region::View&)>& fn) {
    if (!guard(res)) return;
    try {
      store::Db db = open_read();
      region::View v = region::load_view(db);
      fn(db, v);
    } catch (const std::exception& e) {
      reply_error(res, 400, e.what());
    }
  };

  svr.Get("/api/region/tree", [with_view](const httplib::Request&, httplib::Response& res) {
    with_view(res, [&](store::Db&, region::View& v) {
      oj out;
      out["years"] = v.years;
      oj regions = oj::array();
      for (const auto& path : region::region_paths(v)) {
        auto ref = region::resolve_region(v, path);
        auto parts = region::split_path(path);
        oj e;
        e["path"] = path;
        e["name"] = parts.back();
        e["depth"] = parts.size() - 1;
        e["units"] = ref.units.size();
        oj ys = oj::object();
        for (int y : v.years) {
          auto c = region::coverage(v, ref, y);
          ys[std::to_string(y)] = {{"on_time", c.on_time}, {"late", c.late}, {"date_unknown", c.date_unknown},
                                   {"missing", c.missing}, {"with_errors", c.with_errors},
                                   {"ambiguous", c.ambiguous.size()}};
        }
        e["coverage"] = ys;
        regions.push_back(e);
      }
      out["regions"] = regions;
      out["units"] = v.units.size();
      reply(res, out);
    });
  });

  svr.Get("/api/region/coverage", [with_view](const httplib::Request& req, httplib::Response& res) {
    int year = year_param(req);
    if (year <= 0 || !req.has_param("region")) return reply_error(res, 400, "需要参数 region 和 year");
    with_view(res, [&](store::Db&, region::View& v) {
      auto ref = region::resolve_region(v, req.get_param_value("region"));
      reply(res, region::coverage_json(v, region::coverage(v, ref, year)));
    });
  });

  // The heat table: the region's units × the years with any report of the
  // region, each cell the state of that unit-year (region::coverage per year).
  svr.Get("/api/region/coverage-years", [with_view](const httplib::Request& req, httplib::Response& res) {
    if (!req.has_param("region")) return reply_error(res, 400, "需要参数 region");
    with_view(res, [&](store::Db&, region::View& v) {
      auto ref = region::resolve_region(v, req.get_param_value("region"));
      std::vector<region::Coverage> covs;
      for (int y : v.years) {
        auto c = region::coverage(v, ref, y);
        bool any = false;
        for (const auto& r : c.rows) any = any || r.status != region::PubStatus::Missing;
        if (any) covs.push_back(std::move(c));
      }
      oj out;
      out["region"] = ref.path;
      oj years = oj::array();
      for (const auto& c : covs) years.push_back(c.year);
      out["years"] = years;
      out["states"] = oj::array({{{"key", "on_time"}, {"label", region::pub_status_zh(region::PubStatus::OnTime)}},
                                 {{"key", "late"}, {"label", region::pub_status_zh(region::PubStatus::Late)}},
                                 {{"key", "errors"}, {"label", "报告有错误"}},
                                 {{"key", "versions"}, {"label", "多个版本"}},
                                 {{"key", "date_unknown"}, {"label", region::pub_status_zh(region::PubStatus::DateUnknown)}},
                                 {{"key", "missing"}, {"label", region::pub_status_zh(region::PubStatus::Missing)}}});
      oj units = oj::array();
      for (size_t i = 0; i < ref.units.size(); ++i) {
        const auto& u = v.units[ref.units[i]];
        oj cells = oj::array();
        for (const auto& c : covs) {
          // coverage() gives one row per unit of the region, in the region's order.
          const region::CoverageRow* row = &c.rows.at(i);
          if (row->unit != ref.units[i]) throw std::runtime_error("发布情况与单位名单不一致");
          auto [key, zh] = heat_state(*row);
          cells.push_back({{"year", c.year}, {"state", key}, {"state_zh", zh},
                           {"status", region::pub_status_key(row->status)},
                           {"status_zh", region::pub_status_zh(row->status)}, {"days_late", row->days_late},
                           {"errors", row->errors}, {"warnings", row->warnings}, {"versions", row->versions},
                           {"published", row->published.empty() ? oj(nullptr) : oj(row->published)},
                           {"report", row->report >= 0 ? oj(v.reports[row->report].sha256) : oj(nullptr)}});
        }
        units.push_back({{"unit_id", u.uid}, {"name", u.name}, {"level", u.level}, {"cells", cells}});
      }
      out["units"] = units;
      reply(res, out);
    });
  });

  svr.Get("/api/region/rollup", [with_view](const httplib::Request& req, httplib::Response& res) {
    int year = year_param(req);
    if (year <= 0 || !req.has_param("region")) return reply_error(res, 400, "需要参数 region 和 year");
    with_view(res, [&](store::Db& db, region::View& v) {
      auto ref = region::resolve_region(v, req.get_param_value("region"));
      region::RollupOptions opt;
      opt.include_errors = req.get_param_value("include_errors") == "1";
      auto r = region::rollup(db, v, ref, year, opt);
      reply(res, oj::parse(region::rollup_json(v, r).dump()));
    });
  });

  svr.Get(R"(/api/region/units/([A-Za-z0-9_\-]{1,64}))", [with_view](const httplib::Request& req, httplib::Response& res) {
    std::string uid = req.matches[1];
    with_view(res, [&](store::Db& db, region::View& v) {
      int ui = -1;
      for (size_t i = 0; i < v.units.size(); ++i)
        if (v.units[i].uid == uid) ui = static_cast<int>(i);
      if (ui < 0) return reply_error(res, 404, "单位名单中没有编号“" + uid + "”");
      const auto& u = v.units[ui];
      oj out = {{"unit_id", u.uid}, {"name", u.name}, {"level", u.level}, {"parent", u.parent},
                {"aliases", u.aliases}, {"former_names", u.former}};
      oj years = oj::array();
      for (int y : v.years) {
        oj e;
        e["year"] = y;
        const region::UnitYear* uy = v.find(ui, y);
        if (!uy) {
          e["status"] = "missing";
          e["status_zh"] = region::pub_status_zh(region::PubStatus::Missing);
          years.push_back(e);
          continue;
        }
        const auto& r = v.reports[uy->current];
        std::string deadline = region::deadline_for(u, y);
        auto st = r.published.empty() ? region::PubStatus::DateUnknown
                  : r.published > deadline ? region::PubStatus::Late
                                           : region::PubStatus::OnTime;
        e["status"] = region::pub_status_key(st);
        e["status_zh"] = region::pub_status_zh(st);
        e["published"] = r.published;
        e["deadline"] = deadline;
        e["report"] = r.sha256;
        e["agency_as_printed"] = r.agency;
        e["errors"] = r.errors;
        e["warnings"] = r.warnings;
        oj vers = oj::array();
        for (int k : uy->versions)
          vers.push_back({{"report", v.reports[k].sha256}, {"published", v.reports[k].published},
                          {"current", k == uy->current}});
        e["versions"] = vers;
        e["figures"] = key_figures(region::load_report_cells(db, r.id));
        years.push_back(e);
      }
      out["years"] = years;
      reply(res, out);
    });
  });

  svr.Get("/api/region/compare", [open_read, guard](const httplib::Request& req, httplib::Response& res) {
    if (!guard(res)) return;
    static const std::regex hex("[0-9a-f]{6,64}");
    std::string a = req.get_param_value("a"), b = req.get_param_value("b");
    if (!std::regex_match(a, hex) || !std::regex_match(b, hex))
      return reply_error(res, 400, "参数 a、b 应为报告的 SHA-256（至少 6 位十六进制）");
    try {
      store::Db db = open_read();
      Report ra = region::load_full_report(db, region::find_report_id(db, a));
      Report rb = region::load_full_report(db, region::find_report_id(db, b));
      reply(res, region::comparison_json(region::compare(ra, rb)));
    } catch (const std::exception& e) {
      reply_error(res, 400, e.what());
    }
  });

  svr.Get("/api/region/scorecard", [with_view](const httplib::Request& req, httplib::Response& res) {
    int year = year_param(req);
    if (year <= 0 || !req.has_param("region")) return reply_error(res, 400, "需要参数 region 和 year");
    with_view(res, [&](store::Db& db, region::View& v) {
      auto ref = region::resolve_region(v, req.get_param_value("region"));
      reply(res, region::scorecard_json(v, region::scorecard(db, v, ref, year)));
    });
  });

  // Exports follow the page's current region and year; labels=zh for Chinese column names.
  svr.Get("/api/region/export", [with_view](const httplib::Request& req, httplib::Response& res) {
    std::string kind = req.get_param_value("kind"), format = req.has_param("format") ? req.get_param_value("format") : "csv";
    if (kind != "scorecard" && kind != "panel") return reply_error(res, 400, "kind 只能是 scorecard 或 panel");
    if (format != "csv" && format != "xlsx") return reply_error(res, 400, "format 只能是 csv 或 xlsx");
    int year = year_param(req);
    if (kind == "scorecard" && (year <= 0 || !req.has_param("region")))
      return reply_error(res, 400, "需要参数 region 和 year");
    bool zh = req.get_param_value("labels") == "zh";
    static std::atomic<int> counter{0};
    auto tmp = std::filesystem::temp_directory_path() /
               ("gongkai-region-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "." + format);
    with_view(res, [&](store::Db& db, region::View& v) {
      {
        std::unique_ptr<store::TableSink> sink =
            format == "csv" ? store::make_csv_sink(tmp.string()) : store::make_xlsx_sink(tmp.string(), kind == "panel" ? "面板" : "评估");
        if (kind == "panel") region::export_panel(db, v, req.get_param_value("region"), *sink, zh);
        else region::export_scorecard(v, region::scorecard(db, v, region::resolve_region(v, req.get_param_value("region")), year), *sink, zh);
      }
      std::ifstream in(tmp, std::ios::binary);
      std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      res.set_content(data, format == "csv" ? "text/csv; charset=utf-8"
                                            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      res.set_header("Content-Disposition", "attachment; filename=\"" + kind + "." + format + "\"");
    });
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
  });
}

}  // namespace gk::serve
