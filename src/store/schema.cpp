#include "store/schema.h"

#include <filesystem>

namespace gk::store {

namespace {

const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
-- Every file seen. Several paths may share one sha256 (duplicates: stored once).
CREATE TABLE IF NOT EXISTS files (
  path TEXT PRIMARY KEY,
  sha256 TEXT,
  size INTEGER,
  mtime INTEGER,
  status TEXT NOT NULL CHECK (status IN ('ok','failed')),
  error TEXT,
  parser_version TEXT NOT NULL,
  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
-- One row per distinct report content.
CREATE TABLE IF NOT EXISTS reports (
  sha256 TEXT PRIMARY KEY,
  parser_version TEXT NOT NULL,
  path TEXT,
  format TEXT,
  agency TEXT,
  agency_normalized TEXT,
  agency_unit TEXT,
  agency_parts TEXT,
  level TEXT,
  region TEXT,
  year INTEGER,
  template TEXT,
  title TEXT,
  publication_date TEXT,
  prev_report TEXT,
  record TEXT NOT NULL,
  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS reports_unit_year ON reports(agency_unit, year);
CREATE INDEX IF NOT EXISTS reports_agency ON reports(agency_normalized, year);
CREATE TABLE IF NOT EXISTS cells (
  report TEXT NOT NULL,
  path TEXT NOT NULL,
  value REAL,
  status TEXT NOT NULL,
  line INTEGER,
  PRIMARY KEY (report, path)
) WITHOUT ROWID;
-- origin: 'parse' (gongkai check on the file) or 'xyear' (against last year's report).
CREATE TABLE IF NOT EXISTS diagnostics (
  id INTEGER PRIMARY KEY,
  report TEXT NOT NULL,
  origin TEXT NOT NULL,
  rule TEXT NOT NULL,
  rule_base TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT,
  line INTEGER,
  cells TEXT,
  notes TEXT
);
CREATE INDEX IF NOT EXISTS diagnostics_report ON diagnostics(report, origin);
CREATE INDEX IF NOT EXISTS diagnostics_rule ON diagnostics(rule_base);
CREATE TABLE IF NOT EXISTS sections (
  report TEXT NOT NULL,
  number INTEGER NOT NULL,
  heading TEXT,
  line INTEGER,
  text TEXT,
  PRIMARY KEY (report, number)
) WITHOUT ROWID;
-- Year-over-year text reuse; section 0 = all narrative text together.
CREATE TABLE IF NOT EXISTS reuse (
  report TEXT NOT NULL,
  prev_report TEXT NOT NULL,
  section INTEGER NOT NULL,
  jaccard REAL,
  containment REAL,
  chars INTEGER,
  prev_chars INTEGER,
  PRIMARY KEY (report, section)
) WITHOUT ROWID;
)SQL";

void setup(Db& db) {
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=NORMAL");
  db.exec("PRAGMA foreign_keys=OFF");
  db.exec(kSchema);
  auto st = db.prepare("SELECT value FROM meta WHERE key='schema_version'");
  if (st.step()) {
    int v = std::stoi(st.str(0));
    if (v > kSchemaVersion)
      throw DbError("数据库由更新版本的 gongkai 创建（结构版本 " + std::to_string(v) + "），请升级后再用");
  } else {
    db.prepare("INSERT INTO meta(key, value) VALUES ('schema_version', ?)")
        .bind(1, std::to_string(kSchemaVersion))
        .run();
  }
}

}  // namespace

Db open_corpus(const std::string& path, bool create) {
  if (!create && !std::filesystem::exists(path)) throw DbError("数据库“" + path + "”不存在");
  Db db(path, create);
  setup(db);
  return db;
}

Db open_corpus_readonly(const std::string& path) {
  if (!std::filesystem::exists(path)) throw DbError("数据库“" + path + "”不存在");
  // Opened read-write so a WAL left by a killed writer can be recovered; nothing is written.
  Db db(path, false);
  db.exec("PRAGMA query_only=1");
  auto st = db.prepare("SELECT count(*) FROM sqlite_master WHERE name='reports'");
  if (!st.step() || st.i64(0) == 0) throw DbError("“" + path + "”不是 gongkai 语料库数据库");
  return db;
}

}  // namespace gk::store
