#include "store/corpus.h"

#include <algorithm>
#include <tuple>

#include <nlohmann/json.hpp>

#include "model/json.h"
#include "model/agency.h"
#include "store/cellpack.h"
#include "store/columns.h"
#include "check/xyear.h"
#include "model/verify.h"
#include "model/rules.h"

namespace gk::store {

using nlohmann::json;

namespace {

CellStatus status_from_name(const std::string& s) {
  static const CellStatus all[] = {CellStatus::Missing, CellStatus::Printed,   CellStatus::Blank,
                                   CellStatus::Recovered, CellStatus::Split, CellStatus::Placeholder,
                                   CellStatus::Absent};
  for (CellStatus c : all)
    if (cell_status_name(c) == s) return c;
  return CellStatus::Missing;
}

std::string join_parts(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) {
    if (!s.empty()) s += '/';
    s += p;
  }
  return s;
}

std::vector<std::string> split_parts(const std::string& s) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= s.size() && !s.empty()) {
    size_t e = s.find('/', b);
    if (e == std::string::npos) e = s.size();
    out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

// The year-link key: the last two name parts, or the unit alone. Two names
// with at least two parts each can only match (agency_match) if these agree.
std::string tail_of(const std::vector<std::string>& parts) {
  if (parts.size() < 2) return parts.empty() ? std::string() : parts.back();
  return parts[parts.size() - 2] + "/" + parts.back();
}

int parts_match(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  AgencyInfo x, y;
  x.parts = a;
  y.parts = b;
  return agency_match(x, y);
}

}  // namespace

Report report_from_record(const std::string& record_json) {
  json j = json::parse(record_json);
  Report r = from_json(j);
  if (j.contains("cell_info") && j["cell_info"].is_object()) {
    for (auto& ref : all_cells(r)) {
      auto it = j["cell_info"].find(ref.path);
      if (it == j["cell_info"].end() || !it->is_object()) continue;
      if (it->contains("status") && (*it)["status"].is_string())
        ref.cell->status = status_from_name((*it)["status"].get<std::string>());
      if (it->contains("line") && (*it)["line"].is_number_integer()) ref.cell->line = (*it)["line"];
    }
  }
  if (j.contains("sections") && j["sections"].is_array())
    for (const auto& s : j["sections"])
      if (s.is_object() && s.contains("number") && s["number"].is_number_integer() && s.contains("line") &&
          s["line"].is_number_integer()) {
        int n = s["number"];
        if (n >= 1 && n <= 6) r.sections[n - 1].line = s["line"];
      }
  return r;
}

StoredForm stored_form(const Report& r) {
  StoredForm f;
  // cell_info entries that only repeat status and line live in the packed cells.
  f.record = to_json(r, false, CellInfo::ExtrasOnly).dump();
  f.cells = pack_cells(r);
  f.agency = analyze_agency(r.agency);
  f.print = text_print(r);
  return f;
}

json stored_record(const std::string& record, const std::string& cells) {
  json j = json::parse(record);
  std::vector<PackedCell> packed = unpack_cells(cells);
  const auto& cols = cell_columns();
  if (packed.size() != cols.size()) throw std::runtime_error("单元格个数不符");
  json old = j.contains("cell_info") && j["cell_info"].is_object() ? std::move(j["cell_info"]) : json::object();
  json info = json::object();
  for (size_t k = 0; k < packed.size(); ++k) {
    const std::string& path = cols[k].path;
    json ci = json::object();
    ci["status"] = std::string(cell_status_name(packed[k].status));
    ci["verification"] = std::string(verification_name(packed[k].verification));
    if (packed[k].line) ci["line"] = packed[k].line;
    if (auto it = old.find(path); it != old.end() && it->is_object())
      for (auto& [key, v] : it->items())
        if (key != "status" && key != "line") ci[key] = v;
    info[path] = std::move(ci);
  }
  j["cell_info"] = std::move(info);
  return j;
}

Corpus::Corpus(const std::string& db_path) : db_(open_corpus(db_path, true)) {}

void Corpus::begin() {
  db_.exec(db_.dialect().begin_write);
  in_tx_ = true;
  if (const char* lock = db_.dialect().writer_lock) db_.exec(lock);
}

void Corpus::commit() {
  refresh_cross_year();
  db_.exec("COMMIT");
  in_tx_ = false;
}

void Corpus::rollback() {
  if (!in_tx_) return;
  db_.exec("ROLLBACK");
  in_tx_ = false;
  touched_shas_.clear();
  touched_next_.clear();
  cache_.clear();
  fresh_.clear();
}

bool Corpus::has_report(const std::string& sha) {
  auto& st = db_.cached("SELECT 1 FROM reports WHERE sha256=?");
  st.bind(1, sha);
  bool yes = st.step();
  st.reset();
  return yes;
}

void Corpus::touch(const std::string& sha, const std::string& unit, const std::string& parts, int year) {
  if (unit.empty() || year <= 0) return;
  touched_shas_.insert(sha);
  touched_next_.push_back({unit, parts, year + 1});  // next year's report may link to this one
}

void Corpus::delete_report(const std::string& sha) {
  int64_t id = -1;
  {
    auto& st = db_.cached("SELECT id, agency_unit, agency_parts, year FROM reports WHERE sha256=?");
    st.bind(1, sha);
    if (st.step()) {
      id = st.i64(0);
      touch(sha, st.str(1), st.str(2), static_cast<int>(st.i64(3)));
    }
    st.reset();
    if (id < 0) return;  // nothing stored under this content yet
  }
  for (const char* sql : {"DELETE FROM diagnostics WHERE report=?", "DELETE FROM sections WHERE report=?",
                          "DELETE FROM reuse WHERE report=?", "DELETE FROM report_data WHERE id=?",
                          "DELETE FROM reports WHERE id=?"})
    db_.cached(sql).bind(1, id).run();
  cache_.erase(sha);
  fresh_.erase(sha);
}

void Corpus::insert_diagnostic(int64_t id, const char* origin, const Diagnostic& d) {
  auto& st = db_.cached(
      "INSERT INTO diagnostics(report, origin, rule, rule_base, severity, message, line, cells, notes) "
      "VALUES (?,?,?,?,?,?,?,?,?)");
  std::string base = d.rule.substr(0, d.rule.find('@'));
  st.bind(1, id).bind(2, origin).bind(3, d.rule).bind(4, base).bind(5, severity_name(d.severity));
  st.bind(6, d.message);
  if (d.line) st.bind(7, d.line); else st.bind_null(7);
  st.bind(8, json(d.cells).dump());
  if (d.notes.empty()) st.bind_null(9); else st.bind(9, json(d.notes).dump());
  st.run();
}

int64_t Corpus::put_report(const Report& r, const FileInfo& f, const std::string& pv) {
  StoredForm form = stored_form(r);
  return put_report(Report(r), std::move(form), f, pv);
}

int64_t Corpus::put_report(Report&& r, StoredForm&& form, const FileInfo& f, const std::string& pv) {
  delete_report(f.sha256);
  const AgencyInfo& a = form.agency;
  auto& st = db_.cached(
      "INSERT INTO reports(sha256, parser_version, path, format, agency, agency_normalized, agency_unit, "
      "agency_parts, agency_tail, level, region, year, template, title, publication_date, verified_share) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  st.bind(1, f.sha256).bind(2, pv).bind(3, f.path).bind(4, r.format).bind(5, r.agency);
  st.bind(6, a.normalized).bind(7, a.unit).bind(8, join_parts(a.parts)).bind(9, tail_of(a.parts));
  st.bind(10, a.level).bind(11, a.region);
  if (r.year > 0) st.bind(12, r.year); else st.bind_null(12);
  st.bind(13, std::string(edition_key(r.edition))).bind(14, r.title).bind(15, r.publication_date);
  st.bind(16, count_verification(r).verified_share());
  if (!st.step()) throw DbError("数据库错误：新报告没有编号");
  const int64_t id = st.i64(0);
  st.reset();
  db_.cached("INSERT INTO report_data(id, record, cells) VALUES (?,?,?)")
      .bind(1, id).bind(2, form.record).bind(3, form.cells).run();

  for (const auto& d : r.diagnostics) insert_diagnostic(id, "parse", d);
  auto& ss = db_.cached("INSERT INTO sections(report, number, heading, line, text) VALUES (?,?,?,?,?)");
  for (int i = 0; i < 6; ++i) {
    const Section& s = r.sections[i];
    if (!s.found() && s.text.empty() && s.heading.empty()) continue;
    ss.bind(1, id).bind(2, i + 1).bind(3, s.heading);
    if (s.line) ss.bind(4, s.line); else ss.bind_null(4);
    ss.bind(5, s.text).run();
  }
  put_file(f, true, "", pv);
  touch(f.sha256, a.unit, join_parts(a.parts), r.year);
  // Kept for the cross-year refresh at commit (only what it reads).
  r.sha256 = f.sha256;
  r.path = f.path;
  r.diagnostics.clear();
  fresh_[f.sha256] = Fresh{std::move(r), std::move(form.print)};
  return id;
}

void Corpus::put_file(const FileInfo& f, bool ok, const std::string& error, const std::string& pv) {
  auto& st = db_.cached(
      "INSERT INTO files(path, sha256, size, mtime, status, error, parser_version) VALUES (?,?,?,?,?,?,?) "
      "ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, size=excluded.size, mtime=excluded.mtime, "
      "status=excluded.status, error=excluded.error, parser_version=excluded.parser_version, "
      "ingested_at=excluded.ingested_at");
  st.bind(1, f.path);
  if (f.sha256.empty()) st.bind_null(2); else st.bind(2, f.sha256);
  st.bind(3, f.size).bind(4, f.mtime).bind(5, ok ? "ok" : "failed");
  if (ok) st.bind_null(6); else st.bind(6, error);
  st.bind(7, pv).run();
}

const Report& Corpus::load(const std::string& sha) {
  if (auto f = fresh_.find(sha); f != fresh_.end()) return f->second.report;
  auto it = cache_.find(sha);
  if (it != cache_.end()) return it->second;
  Report r;
  int64_t id = -1;
  auto& st = db_.cached(
      "SELECT r.id, r.path, r.year, r.template, x.cells FROM reports r JOIN report_data x ON x.id=r.id "
      "WHERE r.sha256=?");
  st.bind(1, sha);
  if (st.step()) {
    id = st.i64(0);
    r.path = st.str(1);
    r.year = st.is_null(2) ? 0 : static_cast<int>(st.i64(2));
    if (auto e = parse_edition(st.str(3))) r.edition = *e;
    apply_cells(r, unpack_cells(st.str(4)));
  }
  st.reset();
  auto& ss = db_.cached("SELECT number, heading, line, text FROM sections WHERE report=?");
  ss.bind(1, id);
  while (ss.step()) {
    int n = static_cast<int>(ss.i64(0));
    if (n < 1 || n > 6) continue;
    Section& s = r.sections[n - 1];
    s.number = n;
    s.heading = ss.str(1);
    s.line = ss.is_null(2) ? 0 : static_cast<int>(ss.i64(2));
    s.text = ss.str(3);
  }
  ss.reset();
  r.sha256 = sha;
  return cache_.emplace(sha, std::move(r)).first->second;
}

void Corpus::recompute(const std::string& sha, std::map<std::string, std::vector<Diagnostic>>& out) {
  if (cache_.size() > 512) cache_.clear();
  std::string unit, parts_s, normalized;
  int year = 0;
  int64_t id = -1;
  {
    auto& st = db_.cached("SELECT id, agency_unit, agency_parts, year, agency_normalized FROM reports WHERE sha256=?");
    st.bind(1, sha);
    if (st.step())
      id = st.i64(0), unit = st.str(1), parts_s = st.str(2), year = static_cast<int>(st.i64(3)), normalized = st.str(4);
    st.reset();
    if (id < 0) return;
  }
  db_.cached("DELETE FROM diagnostics WHERE report=? AND origin='xyear'").bind(1, id).run();
  db_.cached("DELETE FROM reuse WHERE report=?").bind(1, id).run();
  db_.cached("UPDATE reports SET prev_report=NULL WHERE id=? AND prev_report IS NOT NULL").bind(1, id).run();
  if (unit.empty() || year <= 0) return;

  // Last year's report of the same agency: the best suffix match of the name;
  // two different agencies matching equally well is ambiguous and links nothing.
  int best = 0;
  std::string best_sha, best_name;
  int64_t best_id = -1;
  bool ambiguous = false;
  for (const Candidate& c : candidates(unit, parts_s, year - 1)) {
    if (c.match > best) {
      best = c.match, best_sha = c.sha, best_name = c.normalized, best_id = c.id, ambiguous = false;
    } else if (c.match == best && c.normalized != best_name) {
      ambiguous = true;
    }
  }
  if (best == 0 || ambiguous) return;
  db_.cached("UPDATE reports SET prev_report=? WHERE id=?").bind(1, best_sha).bind(2, id).run();
  // References into fresh_/cache_ stay valid until the next recompute (the cache is bounded there).
  const Report& prev = load(best_sha);
  const Report& cur = load(sha);
  auto fp = fresh_.find(best_sha), fc = fresh_.find(sha);
  CrossYear x = cross_year(prev, cur, fp == fresh_.end() ? nullptr : &fp->second.print,
                           fc == fresh_.end() ? nullptr : &fc->second.print);
  for (const auto& d : x.diagnostics) insert_diagnostic(id, "xyear", d);
  // Linked by a part of the name only (鼓楼区教育局 to 福州市鼓楼区教育局, the one
  // candidate in the corpus): said, so that a wrong link is seen.
  if (best_name != normalized) {
    std::vector<Diagnostic> link;
    emit(link, Rule::X_XYEAR_LINK, cur.title_line,
         "按机关名称的部分匹配与上一年度报告关联：本年“" + normalized + "”，上一年“" + best_name +
             "”；如不是同一机关，跨年度的检查不适用");
    for (const auto& d : link) insert_diagnostic(id, "xyear", d);
  }
  auto& rs = db_.cached(
      "INSERT INTO reuse(report, prev_report, section, jaccard, containment, chars, prev_chars) "
      "VALUES (?,?,?,?,?,?,?)");
  for (const auto& u : x.reuse)
    rs.bind(1, id).bind(2, best_id).bind(3, u.section).bind(4, u.jaccard).bind(5, u.containment)
        .bind(6, static_cast<int64_t>(u.chars)).bind(7, static_cast<int64_t>(u.prev_chars)).run();
  out[sha] = std::move(x.diagnostics);
}

std::vector<Corpus::Candidate> Corpus::candidates(const std::string& unit, const std::string& parts_s, int year) {
  std::vector<Candidate> out;
  const std::vector<std::string> parts = split_parts(parts_s);
  auto take = [&](Stmt& st) {
    while (st.step()) {
      int m = parts_match(parts, split_parts(st.str(1)));
      if (m > 0) out.push_back({st.str(0), st.str(2), st.i64(3), m});
    }
    st.reset();
  };
  constexpr const char* kCols = "SELECT sha256, agency_parts, agency_normalized, id FROM reports ";
  if (parts.size() >= 2) {
    take(db_.cached(std::string(kCols) + "WHERE agency_tail=? AND year=?").bind(1, tail_of(parts)).bind(2, year));
    // Names that are the unit alone match every agency with that unit.
    take(db_.cached(std::string(kCols) + "WHERE agency_unit=? AND year=? AND agency_parts=agency_unit")
             .bind(1, unit).bind(2, year));
  } else {
    take(db_.cached(std::string(kCols) + "WHERE agency_unit=? AND year=?").bind(1, unit).bind(2, year));
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.sha < b.sha; });
  return out;
}

std::map<std::string, std::vector<Diagnostic>> Corpus::refresh_cross_year() {
  std::map<std::string, std::vector<Diagnostic>> out;
  std::set<std::string> shas = std::move(touched_shas_);
  std::vector<Touch> next = std::move(touched_next_);
  touched_shas_.clear();
  touched_next_.clear();
  std::set<std::tuple<std::string, std::string, int>> seen;
  for (const auto& t : next) {
    if (!seen.emplace(t.unit, t.parts, t.year).second) continue;
    for (const Candidate& c : candidates(t.unit, t.parts, t.year)) shas.insert(c.sha);
  }
  for (const auto& s : shas) recompute(s, out);
  cache_.clear();
  fresh_.clear();
  return out;
}

size_t Corpus::remove_orphans() {
  std::vector<std::string> shas;
  auto st = db_.prepare(
      // Probes files_sha per report instead of materialising every file's hash.
      "SELECT r.sha256 FROM reports r WHERE NOT EXISTS "
      "(SELECT 1 FROM files f WHERE f.sha256 = r.sha256 AND f.status = 'ok')");
  while (st.step()) shas.push_back(st.str(0));
  for (const auto& s : shas) delete_report(s);
  return shas.size();
}

void Corpus::refresh_all_cross_year() {
  auto st = db_.prepare("SELECT sha256 FROM reports");
  while (st.step()) touched_shas_.insert(st.str(0));
  refresh_cross_year();
}

}  // namespace gk::store
