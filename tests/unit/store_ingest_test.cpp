// Ingest bookkeeping: duplicates stored once with every path kept, incremental
// skip, re-read on a new parser version, failures recorded with their Chinese
// error, changed files replacing their old report.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "corpus_synth.h"
#include "read/reader.h"
#include "record/json.h"
#include "store/corpus.h"
#include "store/ingest.h"
#include "store/schema.h"
#include "store/walk.h"

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
  std::string db = (t.path / "c.db").string();
  for (int i = 0; i < 30; ++i) write(t.path / "in" / ("r" + std::to_string(i) + ".txt"), "甲" + std::to_string(i) + "\n正文");
  write(t.path / "in" / "copy" / "r0.txt", "甲0\n正文");        // same content as r0
  write(t.path / "in" / "copy" / "r1-again.txt", "甲1\n正文");  // same content as r1
  write(t.path / "in" / "bad.txt", "BAD file");
  write(t.path / "in" / "errs.txt", "乙\nERR");
  write(t.path / "in" / "truth.json", "{}");         // not walked
  write(t.path / "in" / ".hidden.txt", "甲99\n正文");  // not walked

  auto w = store::walk_inputs({(t.path / "in").string()});
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
  w = store::walk_inputs({(t.path / "in").string()});
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

TEST(StoreIngest, UnreadablePathsNeverStopTheRun) {
  TmpDir t("unread");
  std::string db = (t.path / "c.db").string();
  write(t.path / "ok.txt", "甲1\n正文");
  std::vector<std::string> files = {(t.path / "ok.txt").string(), (t.path / "missing.txt").string()};
  store::IngestOptions opt;
  opt.parser = fake_parse;
  auto s = store::ingest(files, db, opt);
  EXPECT_EQ(s.counts.parsed, 1u);
  EXPECT_EQ(s.counts.failed, 1u);
  ASSERT_EQ(s.failures.size(), 1u);
  EXPECT_NE(s.failures[0].second.find("无法"), std::string::npos) << s.failures[0].second;
  auto w = store::walk_inputs({(t.path / "nope").string()});
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
