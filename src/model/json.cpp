#include "model/json.h"

#include "model/position.h"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace gk {

using nlohmann::json;

namespace {

json value_json(const Cell& c) {
  if (!c.value) return nullptr;
  double v = *c.value;
  if (std::floor(v) == v && std::fabs(v) < 9e15) return static_cast<int64_t>(v);
  return v;
}

json row_json(const std::array<Cell, kT2Cols>& row) {
  json a = json::array();
  for (const auto& c : row) a.push_back(value_json(c));
  return a;
}

void read_cell(const json& j, Cell& c) {
  if (j.is_null()) {
    c = Cell{};
    return;
  }
  if (!j.is_number()) throw std::runtime_error("单元格的值必须是数字或 null");
  c.value = j.get<double>();
  c.status = CellStatus::Printed;
}

}  // namespace

json to_json(const Report& r, bool with_sections, CellInfo cell_info) {
  json j;
  j["schema_version"] = r.schema_version;
  j["source"] = {{"path", r.path}, {"sha256", r.sha256}, {"format", r.format}};
  if (!r.encoding.empty()) j["source"]["encoding"] = r.encoding;
  if (r.paged) j["source"]["paged"] = true;
  j["agency"] = r.agency.empty() ? json(nullptr) : json(r.agency);
  j["year"] = r.year ? json(r.year) : json(nullptr);
  j["template"] = std::string(edition_key(r.edition));
  j["title"] = r.title.empty() ? json(nullptr) : json(r.title);
  j["publication_date"] = r.publication_date.empty() ? json(nullptr) : json(r.publication_date);
  if (!r.period_start.empty())
    j["statistics_period"] = {{"start", r.period_start}, {"end", r.period_end}};

  const auto& p = r.proactive;
  auto stock = [&](const StockRow& s) {
    return json{{"issued", value_json(s.issued)},
                {"repealed", value_json(s.repealed)},
                {"in_force", value_json(s.in_force)}};
  };
  j["proactive"] = {{"regulations", stock(p.regulations)},
                    {"normative_documents", stock(p.normative_documents)},
                    {"licensing", value_json(p.licensing)},
                    {"punishment", value_json(p.punishment)},
                    {"enforcement", value_json(p.enforcement)},
                    {"fees_wan_yuan", value_json(p.fees_wan_yuan)}};
  if (r.proactive_2019.present) {
    const auto& q = r.proactive_2019;
    j["proactive_2019"] = {
        {"regulations_published", value_json(q.regulations_published)},
        {"normative_documents_published", value_json(q.normative_published)},
        {"licensing_previous_items", value_json(q.licensing_prev)},
        {"licensing_change", value_json(q.licensing_change)},
        {"other_services_previous_items", value_json(q.other_services_prev)},
        {"other_services_change", value_json(q.other_services_change)},
        {"other_services", value_json(q.other_services)},
        {"punishment_previous_items", value_json(q.punishment_prev)},
        {"punishment_change", value_json(q.punishment_change)},
        {"enforcement_previous_items", value_json(q.enforcement_prev)},
        {"enforcement_change", value_json(q.enforcement_change)},
        {"fees_previous_items", value_json(q.fees_prev)},
        {"fees_change", value_json(q.fees_change)},
        {"procurement_items", value_json(q.procurement_items)},
        {"procurement_amount_wan_yuan", value_json(q.procurement_amount)}};
  }
  json apps = json::object();
  for (int i = 0; i < kT2Rows; ++i) apps[kT2RowKeys[i]] = row_json(r.applications[i]);
  j["applications"] = apps;
  json appeals = json::object();
  for (int i = 0; i < kT3Rows; ++i) {
    json a = json::array();
    for (const auto& c : r.appeals[i]) a.push_back(value_json(c));
    appeals[kT3RowKeys[i]] = a;
  }
  j["appeals"] = appeals;

  json diags = json::array();
  for (const auto& d : r.diagnostics) {
    json dj = {{"rule", d.rule},
               {"severity", std::string(severity_name(d.severity))},
               {"message", d.message},
               {"line", d.line ? json(d.line) : json(nullptr)},
               {"cells", d.cells}};
    if (!d.notes.empty()) dj["notes"] = d.notes;
    if (!d.note_lines.empty()) dj["note_lines"] = d.note_lines;
    if (r.paged && d.line) {
      SourcePos pos = source_pos(d.line, true);
      dj["page"] = pos.page;
      dj["page_line"] = pos.line;
    }
    diags.push_back(std::move(dj));
  }
  j["diagnostics"] = diags;

  // Per-cell provenance: status, source line, how it was rebuilt.
  json info = json::object();
  for (const auto& ref : all_cells(r)) {
    const Cell& c = *ref.cell;
    if (cell_info == CellInfo::ExtrasOnly && c.raw.empty() && c.via.empty() && c.confidence < 0) continue;
    json ci = {{"status", std::string(cell_status_name(c.status))}};
    if (c.line) ci["line"] = c.line;
    if (c.line && r.paged) ci["page"] = source_pos(c.line, true).page;
    if (!c.raw.empty()) ci["raw"] = c.raw;
    if (!c.via.empty()) ci["via"] = c.via;
    if (c.confidence >= 0) ci["confidence"] = c.confidence;
    info[ref.path] = std::move(ci);
  }
  j["cell_info"] = std::move(info);

  if (with_sections) {
    json secs = json::array();
    for (const auto& s : r.sections) {
      secs.push_back({{"number", s.number},
                      {"heading", s.found() ? json(s.heading) : json(nullptr)},
                      {"line", s.line ? json(s.line) : json(nullptr)},
                      {"text", s.text}});
    }
    j["sections"] = secs;
  }
  return j;
}

Report from_json(const json& j) {
  Report r;
  if (!j.is_object()) throw std::runtime_error("记录必须是 JSON 对象");
  if (j.contains("source") && j["source"].is_object()) {
    const auto& s = j["source"];
    if (s.contains("path") && s["path"].is_string()) r.path = s["path"];
    if (s.contains("sha256") && s["sha256"].is_string()) r.sha256 = s["sha256"];
    if (s.contains("format") && s["format"].is_string()) r.format = s["format"];
    if (s.contains("paged") && s["paged"].is_boolean()) r.paged = s["paged"];
  }
  if (j.contains("agency") && j["agency"].is_string()) r.agency = j["agency"];
  if (j.contains("year") && j["year"].is_number_integer()) r.year = j["year"];
  if (j.contains("title") && j["title"].is_string()) r.title = j["title"];
  if (j.contains("template") && j["template"].is_string())
    if (auto e = parse_edition(j["template"].get<std::string>())) r.edition = *e;
  if (j.contains("publication_date") && j["publication_date"].is_string())
    r.publication_date = j["publication_date"];
  auto get = [&](const json& obj, const char* key) -> const json& {
    static const json null_json = nullptr;
    if (obj.is_object() && obj.contains(key)) return obj[key];
    return null_json;
  };
  const json& p = get(j, "proactive");
  auto stock = [&](const char* name, StockRow& s) {
    const json& o = get(p, name);
    read_cell(get(o, "issued"), s.issued);
    read_cell(get(o, "repealed"), s.repealed);
    read_cell(get(o, "in_force"), s.in_force);
  };
  stock("regulations", r.proactive.regulations);
  stock("normative_documents", r.proactive.normative_documents);
  read_cell(get(p, "licensing"), r.proactive.licensing);
  read_cell(get(p, "punishment"), r.proactive.punishment);
  read_cell(get(p, "enforcement"), r.proactive.enforcement);
  read_cell(get(p, "fees_wan_yuan"), r.proactive.fees_wan_yuan);
  if (const json& q = get(j, "proactive_2019"); q.is_object()) {
    Proactive2019& o = r.proactive_2019;
    o.present = true;
    const std::pair<const char*, Cell*> fields[] = {
        {"regulations_published", &o.regulations_published},
        {"normative_documents_published", &o.normative_published},
        {"licensing_previous_items", &o.licensing_prev},
        {"licensing_change", &o.licensing_change},
        {"other_services_previous_items", &o.other_services_prev},
        {"other_services_change", &o.other_services_change},
        {"other_services", &o.other_services},
        {"punishment_previous_items", &o.punishment_prev},
        {"punishment_change", &o.punishment_change},
        {"enforcement_previous_items", &o.enforcement_prev},
        {"enforcement_change", &o.enforcement_change},
        {"fees_previous_items", &o.fees_prev},
        {"fees_change", &o.fees_change},
        {"procurement_items", &o.procurement_items},
        {"procurement_amount_wan_yuan", &o.procurement_amount}};
    for (const auto& [key, cell] : fields) read_cell(get(q, key), *cell);
  }
  const json& a = get(j, "applications");
  for (int i = 0; i < kT2Rows; ++i) {
    const json& row = get(a, kT2RowKeys[i]);
    for (int c = 0; c < kT2Cols; ++c)
      read_cell(row.is_array() && c < (int)row.size() ? row[c] : json(nullptr), r.applications[i][c]);
  }
  const json& ap = get(j, "appeals");
  for (int i = 0; i < kT3Rows; ++i) {
    const json& row = get(ap, kT3RowKeys[i]);
    for (int c = 0; c < kT3Cols; ++c)
      read_cell(row.is_array() && c < (int)row.size() ? row[c] : json(nullptr), r.appeals[i][c]);
  }
  if (j.contains("sections") && j["sections"].is_array()) {
    for (const auto& s : j["sections"]) {
      if (!s.is_object() || !s.contains("number") || !s["number"].is_number_integer()) continue;
      int n = s["number"];
      if (n < 1 || n > 6) continue;
      Section& sec = r.sections[n - 1];
      sec.number = n;
      if (s.contains("heading") && s["heading"].is_string()) sec.heading = s["heading"];
      if (s.contains("text") && s["text"].is_string()) sec.text = s["text"];
    }
  }
  for (int i = 0; i < 6; ++i) r.sections[i].number = i + 1;
  return r;
}

}  // namespace gk
