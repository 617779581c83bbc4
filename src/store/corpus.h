// The corpus writer: puts parsed reports and failed files into the database
// and keeps the cross-year diagnostics up to date. Not thread-safe: one
// thread (the ingest writer) owns a Corpus.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "record/report.h"
#include "store/schema.h"

namespace gk::store {

struct FileInfo {
  std::string path;    // as stored (absolute, lexically normal)
  std::string sha256;  // empty when the file could not be read at all
  int64_t size = 0;
  int64_t mtime = 0;   // nanoseconds since the epoch
};

// What is already stored for the current parser version (incremental ingest).
struct Snapshot {
  struct Stamp {
    std::string sha256;
    int64_t size = 0, mtime = 0;
  };
  std::unordered_map<std::string, Stamp> files;  // path -> stamp, only for done files
  std::unordered_set<std::string> ok_sha;        // report stored with this parser version
  std::unordered_map<std::string, std::string> failed_sha;  // sha -> error, same version
};

// Rebuild a Report from a stored record JSON (values, statuses, lines, sections).
Report report_from_record(const std::string& record_json);

class Corpus {
 public:
  explicit Corpus(const std::string& db_path);
  Db& db() { return db_; }

  Snapshot snapshot(const std::string& parser_version);

  void begin();
  void commit();  // refreshes cross-year diagnostics first, inside the same transaction
  void rollback();
  bool in_transaction() const { return in_tx_; }

  // A parsed report and the file it came from. Replaces an older version of the same content.
  void put_report(const Report& r, const FileInfo& f, const std::string& parser_version);
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
  const Report& load(const std::string& sha);
  void insert_diagnostic(const std::string& sha, const char* origin, const Diagnostic& d);

  Db db_;
  bool in_tx_ = false;
  struct Touch {
    std::string unit, parts;
    int year;
  };
  std::set<std::string> touched_shas_;  // reports whose own cross-year findings must be recomputed
  std::vector<Touch> touched_next_;     // next year's reports that may link to a changed report
  std::unordered_map<std::string, Report> cache_;
};

}  // namespace gk::store
