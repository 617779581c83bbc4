#include "model/json.h"

#include "model/json_write.h"


#include <cmath>
#include <stdexcept>
#include <utility>

namespace gk {

using nlohmann::json;

namespace {

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

// The record's one writer is model/json_write.cpp: the DOM is its output read
// back, so the two can never disagree about a field.
json to_json(const Report& r, bool with_sections, CellInfo cell_info) {
  std::string out;
  JsonWriteOptions o;
  o.sections = with_sections;
  o.cell_info = cell_info;
  write_record_json(out, r, o);
  return json::parse(out);
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
  if (j.contains("identity") && j["identity"].is_object()) {
    const json& id = j["identity"];
    auto str = [&](const char* k, std::string& out) {
      if (id.contains(k) && id[k].is_string()) out = id[k];
    };
    Identity& o = r.identity;
    str("title_printed", o.title_printed);
    str("title_source", o.title_source);
    str("agency_printed", o.agency_printed);
    str("agency_full", o.agency_full);
    str("agency_normalized", o.agency_normalized);
    str("agency_source", o.agency_source);
    str("publication_date_source", o.publication_date_source);
    str("signature_agency", o.signature_agency);
    str("signature_date", o.signature_date);
    str("url", o.url);
    if (id.contains("signature_line") && id["signature_line"].is_number_integer()) o.signature_line = id["signature_line"];
  }
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
