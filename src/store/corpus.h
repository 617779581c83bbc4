// The corpus writer: puts parsed reports and failed files into the database
// and keeps the cross-year diagnostics up to date. Not thread-safe: one
// thread (the ingest writer) owns a Corpus.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/report.h"
#include "model/agency.h"
#include "store/schema.h"
#include "check/xyear.h"

namespace gk::store {

struct FileInfo {
  std::string path;    // as stored (absolute, lexically normal)
  std::string sha256;  // empty when the file could not be read at all
  int64_t size = 0;
  int64_t mtime = 0;   // nanoseconds since the epoch
};

// Rebuild a Report from a record JSON (values, statuses, lines, sections), as
// written by gongkai parse --json.
Report report_from_record(const std::string& record_json);

// What the writer stores for a report, computed off the writer thread (the
// ingest workers call it): the record JSON without sections and with cell_info
// only where it says more than status and line, the packed cells, the agency.
struct StoredForm {
  std::string record;
  std::string cells;
  AgencyInfo agency;
  TextPrint print;  // the shingled sections, for this report's text-reuse comparison
};
StoredForm stored_form(const Report& r);
// The full record JSON of a stored report (cell_info for every cell again).
// `record` and `cells` are the stored columns. Throws on damaged data.
nlohmann::json stored_record(const std::string& record, const std::string& cells);

class Corpus {
 public:
  explicit Corpus(const std::string& db_path);
  Db& db() { return db_; }

  void begin();
  void commit();  // refreshes cross-year diagnostics first, inside the same transaction
  void rollback();
  bool in_transaction() const { return in_tx_; }

  // A parsed report and the file it came from. Replaces an older version of the same
  // content. Returns the report's id, above every id stored before it.
  int64_t put_report(const Report& r, const FileInfo& f, const std::string& parser_version);
  // The same with the stored form already computed (by an ingest worker).
  int64_t put_report(Report&& r, StoredForm&& form, const FileInfo& f, const std::string& parser_version);
  // A file row only: status "ok" (content already stored) or "failed" with the Chinese error.
  void put_file(const FileInfo& f, bool ok, const std::string& error, const std::string& parser_version);
  bool has_report(const std::string& sha256);
  // Delete reports that no file points at any more (a file's content changed).
  // Run inside a transaction; returns how many went.
  size_t remove_orphans();

  // Recompute cross-year diagnostics and reuse for the agencies/years touched
  // since the last refresh. Called by commit(); returns the cross-year findings
  // (sha -> diagnostics) it wrote.
  std::map<std::string, std::vector<Diagnostic>> refresh_cross_year();
  // Recompute for every report (e.g. after changing thresholds).
  void refresh_all_cross_year();

 private:
  void delete_report(const std::string& sha);
  void touch(const std::string& sha, const std::string& unit, const std::string& parts, int year);
  void recompute(const std::string& sha, std::map<std::string, std::vector<Diagnostic>>& out);
  struct Candidate {
    std::string sha, normalized;
    int64_t id;
    int match;  // agency_match() strength, > 0
  };
  // Reports of `year` whose agency name is a suffix of ours or ours of theirs
  // (agency_match() > 0), in sha256 order. Found through agency_tail, so the
  // cost does not grow with the number of agencies sharing the unit name.
  std::vector<Candidate> candidates(const std::string& unit, const std::string& parts, int year);
  // The parts of a stored report the cross-year rules read: year, template,
  // path, cells, sections. Reports put in this transaction come from memory.
  const Report& load(const std::string& sha);
  void insert_diagnostic(int64_t report_id, const char* origin, const Diagnostic& d);

  Db db_;
  bool in_tx_ = false;
  struct Touch {
    std::string unit, parts;
    int year;
  };
  std::set<std::string> touched_shas_;  // reports whose own cross-year findings must be recomputed
  std::vector<Touch> touched_next_;     // next year's reports that may link to a changed report
  std::unordered_map<std::string, Report> cache_;  // loaded from the database, cleared per refresh
  struct Fresh {
    Report report;
    TextPrint print;
  };
  std::unordered_map<std::string, Fresh> fresh_;  // put since the last refresh
};

}  // namespace gk::store
