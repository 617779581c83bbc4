// Ingest bookkeeping: duplicates stored once with every path kept, incremental
// skip, re-read on a new parser version, failures recorded with their Chinese
// error, changed files replacing their old report.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>

#include "corpus_synth.h"
#include "read/reader.h"
#include "model/json.h"
#include "store/cellpack.h"
#include "store/corpus.h"
#include "store/ingest.h"
#include "store/schema.h"
#include "util/sha256.h"
#include "util/walk.h"
#include "store_backend.h"

namespace fs = std::filesystem;
using namespace gk;

namespace {

struct TmpDir {
  fs::path path;
  explicit TmpDir(const std::string& tag) {
    path = fs::temp_directory_path() / ("gk_" + tag + "_" + std::to_string(::getpid()) + "_" +
                                        std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TmpDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

int64_t q(const std::string& db, const std::string& sql) {
  store::Db c = store::open_corpus_readonly(db);
  auto st = c.prepare(sql);
  return st.step() ? st.i64(0) : -1;
}

std::string qs(const std::string& db, const std::string& sql) {
  store::Db c = store::open_corpus_readonly(db);
  auto st = c.prepare(sql);
  return st.step() ? st.str(0) : std::string();
}

// A test parser: files whose text starts with "BAD" fail like unreadable input.
Report fake_parse(std::string_view bytes, const std::string& path) {
  if (bytes.substr(0, 3) == "BAD") throw ReadError("不是政府信息公开工作年度报告");
  std::seed_seq seed(bytes.begin(), bytes.end());
  std::mt19937 rng(seed);
  Report r = synth::make_report(rng, "某县" + std::string(bytes.substr(0, bytes.find('\n'))) + "镇人民政府", 2024, nullptr);
  Diagnostic d;
  d.rule = "T2-BALANCE@total";
  d.message = "测试";
  if (bytes.find("ERR") != std::string_view::npos) r.diagnostics.push_back(d);
  return r;
}

}  // namespace

TEST(StoreIngest, DuplicatesIncrementalAndFailures) {
  TmpDir t("ingest");
  std::string db = gk::testing::test_db(t.path, "c.db");
  for (int i = 0; i < 30; ++i) write(t.path / "in" / ("r" + std::to_string(i) + ".txt"), "甲" + std::to_string(i) + "\n正文");
  write(t.path / "in" / "copy" / "r0.txt", "甲0\n正文");        // same content as r0
  write(t.path / "in" / "copy" / "r1-again.txt", "甲1\n正文");  // same content as r1
  write(t.path / "in" / "bad.txt", "BAD file");
  write(t.path / "in" / "errs.txt", "乙\nERR");
  write(t.path / "in" / "truth.json", "{}");         // not walked
  write(t.path / "in" / ".hidden.txt", "甲99\n正文");  // not walked

  auto w = walk_inputs({(t.path / "in").string()}, {.absolute = true});
  ASSERT_TRUE(w.errors.empty());
  ASSERT_EQ(w.files.size(), 34u);

  store::IngestOptions opt;
  opt.parser = fake_parse;
  opt.jobs = 2;
  auto s = store::ingest(w.files, db, opt);
  EXPECT_EQ(s.counts.total, 34u);
  EXPECT_EQ(s.counts.parsed, 31u);
  EXPECT_EQ(s.counts.duplicates, 2u);
  EXPECT_EQ(s.counts.failed, 1u);
  ASSERT_EQ(s.failures.size(), 1u);
  EXPECT_EQ(s.failures[0].second, "不是政府信息公开工作年度报告");
  EXPECT_EQ(s.reports_with_errors, 1u);
  EXPECT_EQ(s.findings_by_rule["T2-BALANCE"]["error"], 1u);

  EXPECT_EQ(q(db, "SELECT count(*) FROM reports"), 31);
  EXPECT_EQ(q(db, "SELECT count(*) FROM files"), 34);
  EXPECT_EQ(q(db, "SELECT count(*) FROM files WHERE sha256=(SELECT sha256 FROM files WHERE path LIKE '%/copy/r0.txt')"), 2);
  EXPECT_EQ(q(db, "SELECT count(*) FROM files WHERE status='failed'"), 1);
  EXPECT_EQ(qs(db, "SELECT error FROM files WHERE status='failed'"), "不是政府信息公开工作年度报告");
  EXPECT_EQ(q(db, "SELECT count(*) FROM cells"), 31 * 200);
  EXPECT_EQ(q(db, "SELECT count(*) FROM sections"), 31 * 6);

  // Rerun: nothing read again.
  auto s2 = store::ingest(w.files, db, opt);
  EXPECT_EQ(s2.counts.parsed, 0u);
  EXPECT_EQ(s2.counts.failed, 0u);
  EXPECT_EQ(s2.counts.skipped, 34u);
  EXPECT_EQ(q(db, "SELECT count(*) FROM reports"), 31);

  // A new copy of known content is linked without parsing; a changed file replaces its report.
  write(t.path / "in" / "copy2.txt", "甲5\n正文");
  write(t.path / "in" / "r7.txt", "甲7\n改过的正文");
  w = walk_inputs({(t.path / "in").string()}, {.absolute = true});
  size_t calls = 0;
  std::mutex mu;
  opt.parser = [&](std::string_view b, const std::string& p) {
    std::lock_guard lk(mu);
    ++calls;
    return fake_parse(b, p);
  };
  auto s3 = store::ingest(w.files, db, opt);
  EXPECT_EQ(calls, 1u);
  EXPECT_EQ(s3.counts.parsed, 1u);
  EXPECT_EQ(s3.orphans_removed, 1u);
  EXPECT_EQ(q(db, "SELECT count(*) FROM reports"), 31);
  EXPECT_EQ(q(db, "SELECT count(*) FROM files"), 35);
  EXPECT_EQ(q(db, "SELECT count(*) FROM cells"), 31 * 200);

  // A new parser version reads everything again, once per distinct content.
  calls = 0;
  opt.parser_version = "9.9.9-test";
  auto s4 = store::ingest(w.files, db, opt);
  EXPECT_EQ(calls, 32u);  // 31 reports + the bad file
  EXPECT_EQ(s4.counts.parsed, 31u);
  EXPECT_EQ(q(db, "SELECT count(*) FROM reports WHERE parser_version='9.9.9-test'"), 31);
  EXPECT_EQ(q(db, "SELECT count(*) FROM files WHERE parser_version='9.9.9-test'"), 35);
  EXPECT_EQ(q(db, "SELECT count(*) FROM diagnostics WHERE origin='parse'"), 1);
}

// Duplicates are told apart without a set of every hash seen: by the contents
// being parsed, the open batch, and what earlier batches committed. With a
// commit after every file, copies land on every side of those boundaries;
// each content must still be parsed once and every copy counted and kept.
TEST(StoreIngest, DuplicatesAcrossBatchesParsedOnce) {
  TmpDir t("dups");
  const int kContents = 6, kCopies = 5;
  std::vector<std::string> files;
  for (int c = 0; c < kCopies; ++c)
    for (int k = 0; k < kContents; ++k) {
      fs::path p = t.path / ("copy" + std::to_string(c)) / ("r" + std::to_string(k) + ".txt");
      write(p, k == 0 ? "BAD 原件" : "甲" + std::to_string(k) + "\n正文");
      files.push_back(p.string());
    }
  for (size_t batch : {size_t{1}, size_t{3}, size_t{500}}) {
    for (int jobs : {1, 2, 3}) {
      std::string db = gk::testing::test_db(t.path, "c" + std::to_string(batch) + "-" + std::to_string(jobs) + ".db");
      std::atomic<int> calls{0};
      store::IngestOptions opt;
      opt.jobs = jobs;
      opt.batch_files = batch;
      opt.parser = [&](std::string_view b, const std::string& p) {
        ++calls;
        return fake_parse(b, p);
      };
      auto s = store::ingest(files, db, opt);
      SCOPED_TRACE("batch " + std::to_string(batch) + ", jobs " + std::to_string(jobs));
      EXPECT_EQ(calls.load(), kContents);  // the failing content too: parsed once, its copies share the error
      EXPECT_EQ(s.counts.parsed, size_t{kContents - 1});
      EXPECT_EQ(s.counts.failed, 1u);
      EXPECT_EQ(s.counts.duplicates + s.counts.parsed + s.counts.failed, files.size());
      EXPECT_EQ(q(db, "SELECT count(*) FROM reports"), kContents - 1);
      EXPECT_EQ(q(db, "SELECT count(*) FROM files WHERE status='ok'"), (kContents - 1) * kCopies);
      EXPECT_EQ(q(db, "SELECT count(*) FROM files WHERE status='failed' AND error='不是政府信息公开工作年度报告'"),
                kCopies);
    }
  }
}

TEST(StoreIngest, UnreadablePathsNeverStopTheRun) {
  TmpDir t("unread");
  std::string db = gk::testing::test_db(t.path, "c.db");
  write(t.path / "ok.txt", "甲1\n正文");
  std::vector<std::string> files = {(t.path / "ok.txt").string(), (t.path / "missing.txt").string()};
  store::IngestOptions opt;
  opt.parser = fake_parse;
  auto s = store::ingest(files, db, opt);
  EXPECT_EQ(s.counts.parsed, 1u);
  EXPECT_EQ(s.counts.failed, 1u);
  ASSERT_EQ(s.failures.size(), 1u);
  EXPECT_NE(s.failures[0].second.find("无法"), std::string::npos) << s.failures[0].second;
  auto w = walk_inputs({(t.path / "nope").string()}, {.absolute = true});
  ASSERT_EQ(w.errors.size(), 1u);
  EXPECT_NE(w.errors[0].find("不存在"), std::string::npos);
}

TEST(StoreIngest, RecordRoundTripKeepsStatusesAndLines) {
  std::mt19937 rng(3);
  Report r = synth::make_report(rng, "丙街道", 2023, nullptr);
  r.applications[5][2].status = CellStatus::Recovered;
  r.applications[5][2].line = 77;
  Report back = store::report_from_record(to_json(r).dump());
  EXPECT_EQ(back.applications[5][2].status, CellStatus::Recovered);
  EXPECT_EQ(back.applications[5][2].line, 77);
  EXPECT_EQ(back.sections[2].line, r.sections[2].line);
  EXPECT_EQ(back.sections[2].text, r.sections[2].text);
  EXPECT_EQ(*back.applications[R_NEW][6].value, *r.applications[R_NEW][6].value);
}

// The stored form (packed cells + record without plain cell_info) gives back
// the full record: every cell's value, status and line, and the extra
// provenance (raw text, recovery path, OCR confidence) where there was some.
TEST(StoreIngest, StoredFormGivesBackTheFullRecord) {
  std::mt19937 rng(5);
  Report r = synth::make_report(rng, "丁街道", 2023, nullptr);
  r.applications[5][2].status = CellStatus::Recovered;
  r.applications[5][2].via = {"T2-ROW-TOTAL@partial"};
  r.applications[6][1].value.reset();
  r.applications[6][1].status = CellStatus::Placeholder;
  r.applications[6][1].raw = "—";
  r.proactive.fees_wan_yuan.value = 0.35;  // not a whole number
  r.proactive.licensing.confidence = 0.42f;
  r.appeals[1][3].value.reset();
  r.appeals[1][3].status = CellStatus::Missing;
  r.appeals[1][3].line = 0;

  store::StoredForm f = store::stored_form(r);
  EXPECT_LT(f.record.size(), to_json(r, false).dump().size() / 2) << "plain cell_info entries are not stored twice";
  nlohmann::json back = store::stored_record(f.record, f.cells);
  nlohmann::json want = to_json(r, false);
  EXPECT_EQ(back["cell_info"], want["cell_info"]);
  EXPECT_EQ(back["applications"], want["applications"]);
  EXPECT_EQ(back["proactive"], want["proactive"]);

  auto cells = store::unpack_cells(f.cells);
  ASSERT_EQ(cells.size(), all_cells(r).size());
  Report blank;
  store::apply_cells(blank, cells);
  auto a = all_cells(r);
  auto b = all_cells(blank);
  for (size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].cell->value, b[k].cell->value) << a[k].path;
    EXPECT_EQ(a[k].cell->status, b[k].cell->status) << a[k].path;
    EXPECT_EQ(a[k].cell->line, b[k].cell->line) << a[k].path;
  }
}

TEST(StoreIngest, DamagedPackedCellsAreRefused) {
  for (const char* bad : {"", "[", "[[1,1,2]", "[[1,1]]", "[[x,1,2]]", "[[1,99,2]]", "[[1,1,2]] x"})
    EXPECT_THROW(store::unpack_cells(bad), std::runtime_error) << bad;
  EXPECT_TRUE(store::unpack_cells("[]").empty());
  Report r;
  EXPECT_THROW(store::apply_cells(r, store::unpack_cells("[[1,1,2]]")), std::runtime_error);
}

// The cells view gives SQL users the long table back from the packed column.
TEST(StoreIngest, CellsViewMatchesTheRecord) {
  TmpDir t("cellsview");
  std::string db = gk::testing::test_db(t.path, "c.db");
  std::mt19937 rng(9);
  Report r = synth::make_report(rng, "戊街道", 2022, nullptr);
  r.proactive.fees_wan_yuan.value = 1.25;
  {
    store::Corpus c(db);
    c.begin();
    store::FileInfo fi{"/x/r.txt", std::string(64, 'a'), 1, 1};
    c.put_report(r, fi, "test");
    c.commit();
  }
  EXPECT_EQ(q(db, "SELECT count(*) FROM cells"), 200);
  EXPECT_EQ(qs(db, "SELECT value FROM cells WHERE path='proactive.fees_wan_yuan'"), "1.25");
  EXPECT_EQ(q(db, "SELECT value FROM cells WHERE path='applications.new[6]'"),
            static_cast<int64_t>(*r.applications[R_NEW][6].value));
  EXPECT_EQ(qs(db, "SELECT status FROM cells WHERE path='appeals.review[4]'"), "printed");
  EXPECT_EQ(q(db, "SELECT line FROM cells WHERE path='appeals.review[4]'"), r.appeals[0][4].line);
}

// A database of the previous structure is refused with a clear message and left untouched.
TEST(StoreIngest, OlderSchemaIsRefused) {
  TmpDir t("oldschema");
  std::string db = gk::testing::test_db(t.path, "old.db");
  {
    store::Db raw(db);
    raw.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version','1');"
             "CREATE TABLE reports (sha256 TEXT PRIMARY KEY, record TEXT)");
  }
  try {
    store::ingest({}, db, {});
    FAIL() << "no error";
  } catch (const store::DbError& e) {
    EXPECT_NE(std::string(e.what()).find("旧版结构"), std::string::npos) << e.what();
  }
  EXPECT_THROW(store::open_corpus_readonly(db), store::DbError);
  store::Db raw(db, false);
  for (const char* table : {"files", "cell_paths", "report_data"})
    EXPECT_FALSE(raw.has_table(table)) << table << ": nothing was added to the old database";
}

// A corpus of version 4 (before cells carried their verification) is refused
// with a message naming gongkai db migrate; after it, it opens, keeps its
// reports and takes new ones.
TEST(StoreIngest, MigrateBringsVersion4Up) {
  TmpDir t("migrate");
  std::string db = gk::testing::test_db(t.path, "v4.db");
  std::mt19937 rng(4);
  {
    store::Corpus c(db);
    c.begin();
    c.put_report(synth::make_report(rng, "甲街道", 2022, nullptr), {"/x/a.txt", std::string(64, 'a'), 1, 1}, "test");
    c.commit();
    c.db().exec("ALTER TABLE reports DROP COLUMN verified_share");
    c.db().exec("UPDATE meta SET value='4' WHERE key='schema_version'");
  }
  for (int k = 0; k < 2; ++k) {  // refused while old, by writers and readers alike
    try {
      if (k == 0) store::open_corpus(db);
      else store::open_corpus_readonly(db);
      FAIL() << "an old structure was opened";
    } catch (const store::DbError& e) {
      EXPECT_NE(std::string(e.what()).find("gongkai db migrate"), std::string::npos) << e.what();
    }
  }
  store::MigrateResult m = store::migrate_corpus(db);
  EXPECT_EQ(m.from, 4);
  EXPECT_EQ(m.to, store::kSchemaVersion);
  EXPECT_EQ(store::migrate_corpus(db).from, store::kSchemaVersion) << "a second run has nothing to do";
  EXPECT_EQ(q(db, "SELECT count(*) FROM reports"), 1);
  EXPECT_EQ(q(db, "SELECT count(*) FROM reports WHERE verified_share IS NULL"), 1);
  store::Corpus c(db);
  c.begin();
  c.put_report(synth::make_report(rng, "乙街道", 2022, nullptr), {"/x/b.txt", std::string(64, 'b'), 1, 1}, "test");
  c.commit();
  EXPECT_EQ(q(db, "SELECT count(*) FROM reports WHERE verified_share IS NOT NULL"), 1);
}

// Claims of another machine's ingest (PostgreSQL): a live one is waited for, and
// taken over once older than the timeout; the content is then parsed here once.
TEST(StoreIngest, ForeignClaimsReturnAfterTheTimeout) {
  if (!gk::testing::on_postgres())
    GTEST_SKIP() << "仅 PostgreSQL 适用：多个进程同时写一个语料库时才认领内容";
  TmpDir t("claims");
  std::vector<std::string> files;
  for (int k = 0; k < 3; ++k) {
    fs::path p = t.path / ("r" + std::to_string(k) + ".txt");
    write(p, "甲" + std::to_string(k) + "\n正文");
    files.push_back(p.string());
  }
  std::string db = gk::testing::test_db(t.path, "c.db");
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  {
    store::Db c = store::open_corpus(db);
    // r0: claimed long ago by a process on another machine; r1: claimed just now.
    for (int k : {0, 1}) {
      std::ifstream f(files[static_cast<size_t>(k)], std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
      c.prepare("INSERT INTO claims(sha256, parser_version, claimed_by, claimed_at) VALUES (?,?,?,?)")
          .bind(1, sha256_hex(bytes)).bind(2, "test").bind(3, "elsewhere:1:1").bind(4, k == 0 ? now - 100 : now)
          .run();
    }
  }
  std::atomic<int> calls{0};
  store::IngestOptions opt;
  opt.parser_version = "test";
  opt.claim_timeout_seconds = 3;
  opt.parser = [&](std::string_view b, const std::string& p) {
    ++calls;
    return fake_parse(b, p);
  };
  auto t0 = std::chrono::steady_clock::now();
  auto s = store::ingest(files, db, opt);
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(calls.load(), 3);
  EXPECT_EQ(s.counts.parsed, 3u);
  EXPECT_GE(waited, 2.0) << "the fresh foreign claim was not waited for";
  EXPECT_EQ(q(db, "SELECT count(*) FROM reports"), 3);
  EXPECT_EQ(q(db, "SELECT sum(taken_over) FROM claims"), 2);
  EXPECT_EQ(q(db, "SELECT count(*) FROM claims WHERE done=1 AND claimed_by <> 'elsewhere:1:1'"), 3);
}
