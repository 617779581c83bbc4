// gongkai serve: what the web UI needs beyond the corpus API, kept apart from
// serve.cpp's server setup: the table layout of an edition (the grids of the
// national format, from src/render, so the UI never keeps a copy of the
// labels), source lines of a read document (excerpts for every format),
// deleting a report from the corpus, the blank form and rendering a report.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "model/edition.h"
#include "read/document.h"

namespace httplib {
class Server;
}

namespace gk::serve {

struct UiRoutes {
  std::string db;          // corpus database; empty: delete answers 404
  bool read_only = false;  // refuse deletes
  std::mutex* write_mutex = nullptr;
  size_t max_upload = 20u << 20;
};

// GET /api/layout[?template=2021|2019|legacy], DELETE /api/reports/ID,
// GET /api/template?format=xlsx|json, POST /api/render?format=docx|html|txt|md.
void add_ui_routes(httplib::Server& svr, const UiRoutes& cfg);

// The three tables of an edition as grids: [{id, rows, cols, cells: [{r, c,
// rs, cs, text (labels only), header, path (value cells)}]}], plus the row,
// column and cell labels for messages.
nlohmann::json layout_json(Edition e);

// Every paragraph and table row of a document with its source position, for
// excerpts around a finding: [{line, page, text}] (page 0 when not paged;
// line as encoded in the record, model/position.h). A table row is its cells
// joined by " │ ".
nlohmann::json source_lines_json(const Document& doc);

}  // namespace gk::serve
