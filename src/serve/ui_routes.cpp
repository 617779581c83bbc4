#include "serve/ui_routes.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "model/position.h"
#include "model/relations.h"
#include "read/reader.h"
#include "util/sha256.h"
#include "model/report.h"
#include "render/form.h"
#include "render/layout.h"
#include "render/render.h"
#include "serve/validate.h"
#include "store/columns.h"
#include "store/corpus.h"
#include "store/schema.h"

namespace gk::serve {
namespace {

using json = nlohmann::json;

void send_json(httplib::Response& res, const json& j, int status = 200) {
  res.status = status;
  res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}
void send_error(httplib::Response& res, int status, const std::string& msg) {
  send_json(res, json{{"error", msg}}, status);
}

json grid_json(const render::Grid& g) {
  json cells = json::array();
  for (const auto& c : g.cells) {
    json j = {{"r", c.row}, {"c", c.col}, {"rs", c.rowspan}, {"cs", c.colspan}, {"header", c.header}};
    if (!c.path.empty()) j["path"] = c.path;
    else j["text"] = c.text;
    cells.push_back(std::move(j));
  }
  return {{"id", g.id}, {"rows", g.rows}, {"cols", g.cols}, {"cells", cells}};
}

// A name for a download: ASCII only in filename=, the Chinese one in filename*.
void attachment(httplib::Response& res, const std::string& ascii, const std::string& utf8) {
  std::string enc;
  for (unsigned char c : utf8) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') enc += static_cast<char>(c);
    else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      enc += buf;
    }
  }
  res.set_header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + enc);
}

const char* mime_of(render::OutputFormat f) {
  switch (f) {
    case render::OutputFormat::Docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case render::OutputFormat::Html: return "text/html; charset=utf-8";
    case render::OutputFormat::Md: return "text/markdown; charset=utf-8";
    default: return "text/plain; charset=utf-8";
  }
}

}  // namespace

json layout_json(Edition e) {
  Report r;
  r.edition = e;
  json grids = json::array();
  // Each table under the heading of the section that holds it (二, 三, 四).
  int section = 2;
  for (auto* make : {&render::table1_grid, &render::table2_grid, &render::table3_grid}) {
    json g = grid_json(make(r));
    g["caption"] = std::string(render::chinese_numeral(section)) + std::string(render::standard_heading(section));
    grids.push_back(std::move(g));
    ++section;
  }
  json t2 = json::array(), t3 = json::array(), c2 = json::array(), c3 = json::array();
  for (int i = 0; i < kT2Rows; ++i) t2.push_back({{"key", kT2RowKeys[i]}, {"label", kT2RowLabels[i]}});
  for (int i = 0; i < kT3Rows; ++i) t3.push_back({{"key", kT3RowKeys[i]}, {"label", kT3RowLabels[i]}});
  for (int i = 0; i < kT2Cols; ++i) c2.push_back({{"key", kT2ColKeys[i]}, {"label", kT2ColLabels[i]}});
  for (int i = 0; i < kT3Cols; ++i) c3.push_back({{"key", kT3ColKeys[i]}, {"label", kT3ColLabels[i]}});
  json labels = json::object();
  // The label messages use (relations.h cell_label): 表二“…”行“…”列.
  for (const auto& c : store::cell_columns()) {
    std::string l = cell_label(c.path);
    labels[c.path] = l == "表格单元格" ? c.label : l;
  }
  return {{"template", std::string(edition_key(e))}, {"template_zh", std::string(edition_name_zh(e))},
          {"grids", grids}, {"t2_rows", t2}, {"t2_cols", c2}, {"t3_rows", t3}, {"t3_cols", c3},
          {"cell_labels", labels}};
}

json source_lines_json(const Document& doc) {
  json out = json::array();
  auto add = [&](int line, const std::string& text) {
    if (line <= 0) return;
    SourcePos p = source_pos(line, doc.paged);
    out.push_back({{"line", line}, {"page", p.page}, {"text", text}});
  };
  for (const auto& b : doc.blocks) {
    if (b.kind == DocBlock::Paragraph) {
      add(b.paragraph.line, b.paragraph.text);
      continue;
    }
    for (const auto& row : b.table.rows) {
      std::string text;
      int line = row.line;
      for (const auto& c : row.cells) {
        if (c.spanned || c.text.empty()) continue;
        if (!text.empty()) text += " │ ";
        text += c.text;
        if (line <= 0) line = c.line;
      }
      add(line, text);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) { return a["line"] < b["line"]; });
  return out;
}

void add_ui_routes(httplib::Server& svr, const UiRoutes& cfg) {
  svr.Get("/api/layout", [](const httplib::Request& req, httplib::Response& res) {
    Edition e = Edition::Y2021;
    if (req.has_param("template")) {
      auto parsed = parse_edition(req.get_param_value("template"));
      if (!parsed) return send_error(res, 400, "参数 template 只能是 2021、2019 或 legacy");
      e = *parsed;
    }
    send_json(res, layout_json(e));
  });

  svr.Delete(R"(/api/reports/([^/]+))", [cfg](const httplib::Request& req, httplib::Response& res) {
    if (cfg.db.empty()) return send_error(res, 404, "服务启动时没有给出语料库（--db），此功能不可用");
    if (cfg.read_only) return send_error(res, 403, "服务以只读方式运行（--read-only），不能删除语料库中的报告");
    std::string err;
    auto id = report_id(req.matches[1].str(), err);
    if (!id) return send_error(res, 400, err);
    try {
      std::lock_guard wl(*cfg.write_mutex);
      store::Corpus corpus(cfg.db);
      corpus.begin();
      auto q = corpus.db().prepare("SELECT count(*) FROM reports WHERE sha256=?");
      q.bind(1, *id);
      q.step();
      if (q.i64(0) == 0) {
        corpus.rollback();
        return send_error(res, 404, "语料库中没有这份报告");
      }
      // The files that hold this content go with it; remove_orphans then
      // deletes the report and refreshes its neighbours' cross-year findings.
      auto del = corpus.db().prepare("DELETE FROM files WHERE sha256=?");
      del.bind(1, *id);
      del.run();
      size_t n = corpus.remove_orphans();
      corpus.commit();
      send_json(res, {{"deleted", n > 0}, {"id", *id}});
    } catch (const std::exception& e) {
      send_error(res, 500, std::string("删除失败：") + e.what());
    }
  });

  // Source lines of a stored report, read again from the file it was ingested
  // from (a path the corpus recorded, never one from the client), when that
  // file still holds the same content.
  svr.Get(R"(/api/reports/([^/]+)/source)", [cfg](const httplib::Request& req, httplib::Response& res) {
    if (cfg.db.empty()) return send_error(res, 404, "服务启动时没有给出语料库（--db），此功能不可用");
    std::string err;
    auto id = report_id(req.matches[1].str(), err);
    if (!id) return send_error(res, 400, err);
    try {
      std::vector<std::string> paths;
      {
        auto db = store::open_corpus_readonly(cfg.db);
        auto st = db.prepare("SELECT path FROM files WHERE sha256=? AND status='ok' ORDER BY path");
        st.bind(1, *id);
        while (st.step()) paths.push_back(st.str(0));
      }
      for (const auto& p : paths) {
        if (p.rfind("upload:", 0) == 0) continue;  // a label, not a file
        std::error_code ec;
        if (!std::filesystem::is_regular_file(p, ec)) continue;
        std::string bytes;
        try {
          bytes = slurp_file(p, cfg.max_upload * 4);
        } catch (const std::exception&) {
          continue;
        }
        if (sha256_hex(bytes) != *id) continue;
        Document doc = read_bytes(bytes, p);
        return send_json(res, {{"source_lines", source_lines_json(doc)}, {"paged", doc.paged}});
      }
      // Not an error of the request: the report is there, its file is not.
      send_json(res, {{"source_lines", nullptr},
                      {"message", paths.empty() || paths[0].rfind("upload:", 0) == 0
                                      ? "报告由网页上传入库，原文件未保存，无法显示原文摘录"
                                      : "原文件已不在入库时的位置或内容已改变，无法显示原文摘录"}});
    } catch (const std::exception& e) {
      send_error(res, 500, e.what());
    }
  });

  svr.Get("/api/template", [](const httplib::Request& req, httplib::Response& res) {
    std::string format = req.has_param("format") ? req.get_param_value("format") : "xlsx";
    if (format == "json") {
      attachment(res, "form.json", "填报表.json");
      res.set_content(render::json_form().dump(2), "application/json; charset=utf-8");
      return;
    }
    if (format != "xlsx") return send_error(res, 400, "参数 format 只能是 xlsx 或 json");
    static std::atomic<int> counter{0};
    auto tmp = std::filesystem::temp_directory_path() /
               ("gongkai-form-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".xlsx");
    try {
      render::write_xlsx_form(tmp.string());
      std::ifstream in(tmp, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      in.close();
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      attachment(res, "form.xlsx", "填报表.xlsx");
      res.set_content(std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    } catch (const std::exception& e) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      send_error(res, 500, std::string("无法生成填报表：") + e.what());
    }
  });

  svr.Post("/api/render", [cfg](const httplib::Request& req, httplib::Response& res) {
    std::string format = req.has_param("format") ? req.get_param_value("format") : "docx";
    auto f = render::format_from_name(format);
    if (!f) return send_error(res, 400, "参数 format 只能是 docx、html、txt 或 md");
    std::string body;
    if (req.is_multipart_form_data()) {
      if (!req.has_file("file")) return send_error(res, 400, "请以表单字段 file 上传填好的填报表");
      body = req.get_file_value("file").content;
    } else {
      body = req.body;
    }
    if (body.empty()) return send_error(res, 400, "上传的填报表是空的");
    if (body.size() > cfg.max_upload)
      return send_error(res, 413, "文件太大（上限 " + std::to_string(cfg.max_upload >> 20) + " MiB）");
    render::RenderOptions opt;
    opt.format = *f;
    Report r;
    bool xlsx = body.size() > 4 && body.compare(0, 4, "PK\x03\x04") == 0;
    try {
      if (xlsx) {
        r = render::read_xlsx_form(body);
        opt.signature = true;
      } else {
        json j = json::parse(body);
        r = render::read_json_form(j);
        opt.signature = render::is_json_form(j);
      }
    } catch (const std::exception& e) {
      return send_error(res, 422, std::string("不是有效的") + (xlsx ? "XLSX 填报表" : "填报表（JSON）") + "：" + e.what());
    }
    try {
      std::string bytes = render::render(r, opt);
      std::string ext(render::format_extension(*f));
      attachment(res, "report" + ext, (r.agency.empty() ? std::string("年度报告") : r.agency + "年度报告") + ext);
      res.set_content(std::move(bytes), mime_of(*f));
    } catch (const render::RenderError& e) {
      send_error(res, 422, std::string("拒绝生成：") + e.what());
    } catch (const std::exception& e) {
      send_error(res, 500, e.what());
    }
  });
}

}  // namespace gk::serve
