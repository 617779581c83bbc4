#include "store/schema.h"

#include <filesystem>

#include "store/accounts.h"
#include "store/cellpack.h"
#include "store/columns.h"

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
-- One row per distinct report content. The other tables refer to a report by
-- its integer id: ids grow with every insert, so their indexes are appended to
-- at the end instead of written at scattered places (hash keys).
CREATE TABLE IF NOT EXISTS reports (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  parser_version TEXT NOT NULL,
  path TEXT,
  format TEXT,
  agency TEXT,
  agency_normalized TEXT,
  agency_unit TEXT,
  agency_parts TEXT,
  agency_tail TEXT,       -- the last two name parts ('/'-joined; the unit alone if one part): the year-link key
  level TEXT,
  region TEXT,
  year INTEGER,
  template TEXT,
  title TEXT,
  publication_date TEXT,
  prev_report TEXT,       -- sha256 of the same agency's report of the year before
  verified_share REAL,    -- share of the report's cells verified by the tables' arithmetic (model/verify.h)
  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
-- The bulky part of a report, apart so the rows above stay small (scanned by
-- stats and exports, updated when years are linked).
CREATE TABLE IF NOT EXISTS report_data (
  id INTEGER PRIMARY KEY,  -- reports.id
  -- cells first: the cross-year link and the statistics read only them, and a
  -- column after a long record would be reached through its overflow pages.
  cells TEXT NOT NULL,     -- every cell in record order: [[value, status code, line, verification code], ...] (cellpack.h)
  record TEXT NOT NULL     -- the record JSON without sections; cell_info only where it adds raw/via/confidence
);
-- Linking years looks up last year's reports by agency_tail; a report whose name
-- is the unit alone matches any agency with that unit, found through
-- (agency_unit, year, agency_parts) without reading the table rows.
CREATE INDEX IF NOT EXISTS reports_tail_year ON reports(agency_tail, year);
CREATE INDEX IF NOT EXISTS reports_unit_year ON reports(agency_unit, year, agency_parts);
CREATE INDEX IF NOT EXISTS reports_agency ON reports(agency_normalized, year);
-- origin: 'parse' (gongkai check on the file) or 'xyear' (against last year's report).
CREATE TABLE IF NOT EXISTS diagnostics (
  id INTEGER PRIMARY KEY,
  report INTEGER NOT NULL,  -- reports.id
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
-- A rowid table: section texts are long, and WITHOUT ROWID tables store long rows poorly.
CREATE TABLE IF NOT EXISTS sections (
  report INTEGER NOT NULL,  -- reports.id
  number INTEGER NOT NULL,
  heading TEXT,
  line INTEGER,
  text TEXT,
  PRIMARY KEY (report, number)
);
-- Year-over-year text reuse; section 0 = all narrative text together.
CREATE TABLE IF NOT EXISTS reuse (
  report INTEGER NOT NULL,       -- reports.id
  prev_report INTEGER NOT NULL,  -- reports.id of last year's report
  section INTEGER NOT NULL,
  jaccard REAL,
  containment REAL,
  chars INTEGER,
  prev_chars INTEGER,
  PRIMARY KEY (report, section)
) WITHOUT ROWID;
-- The long table of cells for SQL users: one row per report and cell.
CREATE TABLE IF NOT EXISTS cell_paths (idx INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, name TEXT, label TEXT);
CREATE TABLE IF NOT EXISTS cell_status (code INTEGER PRIMARY KEY, name TEXT NOT NULL);
)SQL";

// The long table of cells for SQL users: one row per report and cell. JSON
// functions differ between the backends: one view text for each.
const char* kCellsViewSqlite = R"SQL(
CREATE VIEW IF NOT EXISTS cells AS
  SELECT r.id AS report, r.sha256 AS sha256, p.path AS path, json_extract(j.value, '$[0]') AS value, s.name AS status,
         nullif(json_extract(j.value, '$[2]'), 0) AS line,
         CASE json_extract(j.value, '$[3]') WHEN 1 THEN 'consistent' WHEN 2 THEN 'verified'
           WHEN 3 THEN 'contradicted' WHEN 4 THEN 'recovered' ELSE 'missing' END AS verification
  FROM reports r JOIN report_data x ON x.id = r.id JOIN json_each(x.cells) j JOIN cell_paths p ON p.idx = j.key
  JOIN cell_status s ON s.code = json_extract(j.value, '$[1]');
)SQL";
const char* kCellsViewPostgres = R"SQL(
CREATE OR REPLACE VIEW cells AS
  SELECT r.id AS report, r.sha256 AS sha256, p.path AS path, (j.v->>0)::double precision AS value, s.name AS status,
         nullif((j.v->>2)::bigint, 0) AS line,
         CASE (j.v->>3)::int WHEN 1 THEN 'consistent' WHEN 2 THEN 'verified'
           WHEN 3 THEN 'contradicted' WHEN 4 THEN 'recovered' ELSE 'missing' END AS verification
  FROM reports r JOIN report_data x ON x.id = r.id
  CROSS JOIN LATERAL jsonb_array_elements(x.cells::jsonb) WITH ORDINALITY AS j(v, n)
  JOIN cell_paths p ON p.idx = j.n - 1
  JOIN cell_status s ON s.code = (j.v->>1)::int;
)SQL";

// ---- Region tables (issue 14, src/region/): added by this block only; the
// tables above are unchanged. Created with IF NOT EXISTS on every open for
// writing, so a version-4 corpus gains them without a new schema version;
// readers (src/store/region_tables.cpp) treat missing tables as empty.
const char* kRegionSchema = R"SQL(
-- The units a region must hear from (gongkai units import). uid is the stable
-- unit id across years; parent is the region path, '/'-joined ('青山市/青山县').
CREATE TABLE IF NOT EXISTS units (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  level TEXT,
  parent TEXT NOT NULL DEFAULT '',
  region_code TEXT,
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
-- Other names of a unit: 'alias' as listed, 'former' an earlier name (a renaming).
CREATE TABLE IF NOT EXISTS unit_aliases (
  unit INTEGER NOT NULL,  -- units.id
  alias TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'alias' CHECK (kind IN ('alias','former')),
  PRIMARY KEY (unit, alias)
) WITHOUT ROWID;
-- Publication metadata from ingest's side file (--published): by files.path.
CREATE TABLE IF NOT EXISTS publications (
  path TEXT PRIMARY KEY,
  url TEXT,
  published TEXT,  -- 发布日期 YYYY-MM-DD
  site TEXT,       -- source site
  source TEXT      -- the side file it came from
);
-- The version chosen as current where a unit published several for one year.
CREATE TABLE IF NOT EXISTS unit_current (
  unit INTEGER NOT NULL,  -- units.id
  year INTEGER NOT NULL,
  sha256 TEXT NOT NULL,   -- reports.sha256
  PRIMARY KEY (unit, year)
) WITHOUT ROWID;
)SQL";
// ---- case register (依申请公开台账, src/register) ----------------------------
// Added tables only; no existing table changes, so the schema version stays.
// One row per application of a unit's register of a year (replaced whole by
// each import or save from the web UI), and one row per import.
const char* kRegisterSchema = R"SQL(
CREATE TABLE IF NOT EXISTS register_cases (
  unit TEXT NOT NULL,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,          -- row order of the register
  case_no TEXT NOT NULL,         -- 申请编号
  received TEXT NOT NULL,        -- 收到申请日期 YYYY-MM-DD
  channel TEXT,                  -- 申请渠道
  applicant INTEGER NOT NULL,    -- table 2 column 0..5 (自然人 … 其他)
  subject TEXT,                  -- 申请内容
  carried_over INTEGER NOT NULL, -- 上年结转 0/1
  outcome TEXT,                  -- table 2 row key (granted, partial, denied_state_secret …); NULL = 办理中
  replied TEXT,                  -- 答复日期 YYYY-MM-DD
  extended INTEGER NOT NULL DEFAULT 0,
  fee_notice INTEGER NOT NULL DEFAULT 0,
  fee_amount REAL NOT NULL DEFAULT 0,   -- 元
  fee_paid INTEGER NOT NULL DEFAULT 0,
  note TEXT,
  PRIMARY KEY (unit, year, case_no)
);
CREATE TABLE IF NOT EXISTS register_imports (
  id INTEGER PRIMARY KEY,
  unit TEXT NOT NULL,
  year INTEGER NOT NULL,
  source TEXT,
  rows INTEGER NOT NULL,
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS register_imports_unit ON register_imports(unit, year);
)SQL";
// ---- end case register ------------------------------------------------------
// Ingest from several processes sharing one corpus (store/ingest.cpp): a content
// is parsed by the process that claimed it; a claim not done within the timeout
// returns to the pool. Added table only: the schema version stays.
const char* kClaimsSchema = R"SQL(
CREATE TABLE IF NOT EXISTS claims (
  sha256 TEXT NOT NULL,
  parser_version TEXT NOT NULL,
  claimed_by TEXT NOT NULL,    -- host:pid:start of the ingest process
  claimed_at INTEGER NOT NULL, -- unix seconds (the claimer's clock)
  done INTEGER NOT NULL DEFAULT 0,  -- 1: the report (or the failure) is committed with it
  taken_over INTEGER NOT NULL DEFAULT 0,  -- times a stale claim was taken by another process
  PRIMARY KEY (sha256, parser_version)
);
)SQL";

int stored_version(Db& db) {
  auto st = db.prepare("SELECT value FROM meta WHERE key='schema_version'");
  if (!st.step()) return 0;
  return std::stoi(st.str(0));
}

void check_version(Db& db) {
  if (!db.has_table("meta")) return;
  int v = stored_version(db);
  if (v == 0) return;
  if (v > kSchemaVersion)
    throw DbError("数据库由更新版本的 gongkai 创建（结构版本 " + std::to_string(v) + "），请升级后再用");
  if (v < kSchemaVersion) {
    if (v >= kOldestMigratable)
      throw DbError("数据库是旧版结构（版本 " + std::to_string(v) + "，当前版本 " + std::to_string(kSchemaVersion) +
                    "）：请先运行 gongkai db migrate --db " + redact_target(db.target()) +
                    " 升级结构（升级前不会改动数据库）");
    throw DbError("数据库是旧版结构（版本 " + std::to_string(v) + "，当前版本 " + std::to_string(kSchemaVersion) +
                  "），过旧，gongkai db migrate 无法升级：请用一个新的数据库重新入库（gongkai ingest … --db 新库），"
                  "原库不会被改动");
  }
}

void fill_lookups(Db& db) {
  auto n = db.prepare("SELECT count(*) FROM cell_paths");
  bool have = n.step() && n.i64(0) == static_cast<int64_t>(cell_columns().size());
  n.reset();
  if (have) return;
  db.exec("DELETE FROM cell_paths; DELETE FROM cell_status");
  auto p = db.prepare("INSERT INTO cell_paths(idx, path, name, label) VALUES (?,?,?,?)");
  int i = 0;
  for (const auto& c : cell_columns()) p.bind(1, i++).bind(2, c.path).bind(3, c.name).bind(4, c.label).run();
  auto s = db.prepare("INSERT INTO cell_status(code, name) VALUES (?,?)");
  for (const auto& [code, name] : status_codes()) s.bind(1, code).bind(2, name).run();
}

// Several processes may open one PostgreSQL corpus at once (ingest on many
// machines): its schema is created in one transaction under an advisory lock,
// so they do not race on CREATE … IF NOT EXISTS. SQLite serialises writers itself.
constexpr int64_t kSchemaLock = 0x676b5f736368;  // "gk_sch"

void create_tables(Db& db) {
  const Dialect& d = db.dialect();
  db.exec(d.ddl(kSchema));
  db.exec(d.backend == Backend::Postgres ? kCellsViewPostgres : kCellsViewSqlite);
  db.exec(d.ddl(kRegionSchema));
  db.exec(d.ddl(kRegisterSchema));  // case register (src/register)
  db.exec(d.ddl(kClaimsSchema));
  db.exec(d.ddl(accounts_schema_sql()));  // accounts, sessions, audit, review (store/accounts.h)
  fill_lookups(db);
  if (stored_version(db) == 0)
    db.prepare("INSERT INTO meta(key, value) VALUES ('schema_version', ?)").bind(1, std::to_string(kSchemaVersion)).run();
  stamp_accounts_version(db);
}

void setup(Db& db) {
  if (db.dialect().wal) {
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=NORMAL");
    db.exec("PRAGMA foreign_keys=OFF");
    db.exec("PRAGMA cache_size=-16384");  // 16 MiB page cache: the writer touches the indexes of every table
    db.exec("PRAGMA wal_autocheckpoint=4000");
  }
  Tx tx(db);
  if (db.backend() == Backend::Postgres)
    db.prepare("SELECT pg_advisory_xact_lock(?)").bind(1, kSchemaLock).run();
  check_version(db);  // an older structure is refused before anything is added
  create_tables(db);
  check_version(db);
  tx.commit();
}

void require_exists(const std::string& target) {
  if (!is_postgres_url(target) && !std::filesystem::exists(target))
    throw DbError("数据库“" + target + "”不存在");
}

// Migrations: from version v to v + 1, each in the transaction of migrate_corpus.
// Versions below kOldestMigratable changed how reports are keyed: re-ingest.
void migrate_4_to_5(Db& db) {
  // Cells stored before version 5 have no verification code: they read as
  // 'missing' until the report is parsed again; verified_share stays NULL.
  db.exec("ALTER TABLE reports ADD COLUMN verified_share REAL");
}

}  // namespace

Db open_corpus(const std::string& path, bool create) {
  if (!create) require_exists(path);
  Db db(path, create);
  setup(db);
  return db;
}

Db open_corpus_readonly(const std::string& path) {
  require_exists(path);
  // Opened read-write so a WAL left by a killed writer can be recovered; nothing is written.
  Db db(path, false);
  db.set_query_only();
  if (!db.has_table("reports") || !db.has_table("meta"))
    throw DbError("“" + redact_target(path) + "”不是 gongkai 语料库数据库");
  check_version(db);
  return db;
}

MigrateResult migrate_corpus(const std::string& target) {
  require_exists(target);
  MigrateResult out;
  Db db(target, false);
  Tx tx(db);
  if (db.backend() == Backend::Postgres)
    db.prepare("SELECT pg_advisory_xact_lock(?)").bind(1, kSchemaLock).run();
  if (!db.has_table("meta") || !db.has_table("reports"))
    throw DbError("“" + redact_target(target) + "”不是 gongkai 语料库数据库");
  out.from = out.to = stored_version(db);
  if (out.from > kSchemaVersion)
    throw DbError("数据库由更新版本的 gongkai 创建（结构版本 " + std::to_string(out.from) + "），请升级后再用");
  if (out.from < kOldestMigratable) check_version(db);  // throws: too old
  for (int v = out.from; v < kSchemaVersion; ++v) {
    if (v == 4) migrate_4_to_5(db);
    db.prepare("UPDATE meta SET value=? WHERE key='schema_version'").bind(1, std::to_string(v + 1)).run();
    out.to = v + 1;
  }
  create_tables(db);  // tables added without a version bump (region, register, claims)
  tx.commit();
  return out;
}

}  // namespace gk::store
