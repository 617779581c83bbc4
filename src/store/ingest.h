// Batch ingest: worker threads read, hash and parse files; the calling thread
// is the single writer that owns the database connection. On PostgreSQL
// several processes (on several machines) may ingest into one corpus at once:
// each content is parsed by the process that claimed it. Work is committed in
// batches (one transaction each), so a kill at any moment leaves a consistent
// database and a rerun picks up where it stopped (files already stored with
// the same sha256 and parser version are skipped).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/report.h"

namespace gk::store {

struct IngestProgress {
  size_t total = 0;       // files to look at
  size_t done = 0;        // files finished (any outcome)
  size_t parsed = 0;      // read and parsed this run
  size_t skipped = 0;     // unchanged or content already stored
  size_t duplicates = 0;  // of which: same content as another file
  size_t failed = 0;      // could not be read / is not a report
  double seconds = 0;
};

struct IngestOptions {
  int jobs = 0;                 // worker threads; 0 = all cores
  bool json_records = false;    // inputs are record JSON (gongkai parse --format json), not reports
  // Larger batches write each touched index page once for more reports (the
  // indexes are keyed by content hash, so a batch's rows land on scattered pages).
  size_t batch_files = 500;     // commit after this many written files …
  double batch_seconds = 2.0;   // … or this many seconds, whichever comes first
  std::string parser_version;   // empty = gk::kParserVersion
  // Optional side file of publication metadata (path, url, 发布日期, source site;
  // store/region_tables.h read_publications): deadlines are then judged on the
  // real publication date. Read before anything is written; a bad file throws.
  std::string publications_file;
  // Called on the writer thread, at most ~5 times a second and once at the end.
  std::function<void(const IngestProgress&)> progress;
  // Several processes ingesting into one PostgreSQL corpus claim each content
  // before parsing it (store/ingest.cpp); a claim not committed within this
  // many seconds (its process died) returns to the pool. It must exceed the
  // time from claim to commit (a parse plus batch_seconds). SQLite: unused.
  double claim_timeout_seconds = 600;
  // Replaces gk::parse_bytes (tests). Throws ReadError / std::exception on failure.
  std::function<Report(std::string_view bytes, const std::string& path)> parser;
};

struct IngestSummary {
  IngestProgress counts;
  std::vector<std::pair<std::string, std::string>> failures;  // path, Chinese error
  // Reports parsed in this run with at least one finding of the rule (id before '@'),
  // by severity ("error" / "warning"), cross-year findings included.
  std::map<std::string, std::map<std::string, size_t>> findings_by_rule;
  size_t reports_with_errors = 0;
  size_t reports_with_warnings = 0;
  size_t orphans_removed = 0;  // reports no file points at any more (content changed)
  // CPU time of the single writer (this thread) and of all workers together:
  // shows which side limits the rate (bench/ingest_bench prints them).
  double writer_cpu_seconds = 0;
  double workers_cpu_seconds = 0;
};

// Throws store::DbError when the database cannot be opened or written.
IngestSummary ingest(const std::vector<std::string>& files, const std::string& db_path,
                     const IngestOptions& opt = {});

}  // namespace gk::store
