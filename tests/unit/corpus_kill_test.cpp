// `gongkai ingest` killed with SIGKILL at arbitrary moments, then rerun: the
// database stays consistent, and after the rerun no report is lost and none
// is stored twice (compared with an uninterrupted ingest of the same files).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "corpus_synth.h"
#include "pipeline.h"
#include "model/json.h"
#include "store/ingest.h"
#include "store/schema.h"
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

pid_t spawn(const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int64_t files_done(const std::string& db) {
  try {
    if (!store::is_postgres_url(db) && !fs::exists(db)) return 0;
    store::Db c = store::open_corpus_readonly(db);
    auto st = c.prepare("SELECT count(*) FROM files");
    return st.step() ? st.i64(0) : 0;
  } catch (...) {
    return 0;  // schema not there yet
  }
}

// Start an ingest and SIGKILL it once at least `after` files are stored.
// Returns false when the child finished before it could be killed.
bool run_and_kill(const std::vector<std::string>& args, const std::string& db, int64_t after) {
  pid_t pid = spawn(args);
  bool killed = false;
  for (int i = 0; i < 6000; ++i) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return false;
    if (files_done(db) >= after) {
      kill(pid, SIGKILL);
      killed = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!killed) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  return killed;
}

int run(const std::vector<std::string>& args) {
  pid_t pid = spawn(args);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct Content {
  std::multiset<std::string> files, reports, diagnostics;
  int64_t cells = 0;
  std::string integrity;
};

Content content(const std::string& db) {
  Content c;
  store::Db conn = store::open_corpus_readonly(db);
  auto f = conn.prepare("SELECT path || ' ' || coalesce(sha256,'') || ' ' || status FROM files");
  while (f.step()) c.files.insert(f.str(0));
  auto r = conn.prepare("SELECT sha256 || ' ' || coalesce(prev_report,'') FROM reports");
  while (r.step()) c.reports.insert(r.str(0));
  auto d = conn.prepare(
      "SELECT r.sha256 || ' ' || d.origin || ' ' || d.rule FROM diagnostics d JOIN reports r ON r.id=d.report");
  while (d.step()) c.diagnostics.insert(d.str(0));
  auto n = conn.prepare("SELECT count(*) FROM cells");
  if (n.step()) c.cells = n.i64(0);
  if (conn.dialect().wal) {
    auto i = conn.prepare("PRAGMA integrity_check");
    if (i.step()) c.integrity = i.str(0);
  } else {
    c.integrity = "ok";  // PostgreSQL: transactions are all there or not at all; nothing to check by hand
  }
  return c;
}

std::string first_difference(const std::multiset<std::string>& a, const std::multiset<std::string>& b) {
  std::vector<std::string> only_a, only_b;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_a));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_b));
  return "only after kill+rerun: " + std::to_string(only_a.size()) + (only_a.empty() ? "" : " e.g. " + only_a[0]) +
         "; only in the reference: " + std::to_string(only_b.size()) + (only_b.empty() ? "" : " e.g. " + only_b[0]);
}

void kill_rerun_compare(const fs::path& in, const fs::path& work, bool records, size_t n_files) {
  std::string db = gk::testing::test_db(work, "killed.db");
  std::vector<std::string> args = {GONGKAI_BINARY, "ingest", in.string(), "--db", db, "--jobs", "2", "--quiet"};
  if (records) args.push_back("--records");
  int kills = 0;
  for (int64_t after : {1, 60, 200, 350}) kills += run_and_kill(args, db, after) ? 1 : 0;
  EXPECT_GT(kills, 0) << "the ingest finished before it could be killed";
  // Every kill left a readable, consistent database.
  EXPECT_EQ(content(db).integrity, "ok");
  int rc = run(args);
  EXPECT_TRUE(rc == 0 || rc == 1) << "exit code " << rc;

  std::string ref = gk::testing::test_db(work, "reference.db");
  store::IngestOptions opt;
  opt.json_records = records;
  store::ingest(walk_inputs({in.string()}, {.json_records = records, .absolute = true}).files, ref, opt);

  Content a = content(db), b = content(ref);
  EXPECT_EQ(a.integrity, "ok");
  EXPECT_EQ(a.files.size(), n_files);
  EXPECT_EQ(a.files.size(), b.files.size());
  EXPECT_TRUE(a.files == b.files) << first_difference(a.files, b.files);
  EXPECT_EQ(a.reports.size(), b.reports.size());
  EXPECT_TRUE(a.reports == b.reports) << first_difference(a.reports, b.reports);
  EXPECT_EQ(a.diagnostics.size(), b.diagnostics.size());
  EXPECT_TRUE(a.diagnostics == b.diagnostics) << first_difference(a.diagnostics, b.diagnostics);
  EXPECT_EQ(a.cells, b.cells);
  EXPECT_EQ(a.cells, static_cast<int64_t>(a.reports.size()) * 200);
}

}  // namespace

TEST(CorpusKill, RecordIngestSurvivesSigkill) {
  TmpDir t("kill");
  fs::path in = t.path / "in";
  std::mt19937 rng(99);
  size_t n = 0;
  for (int a = 0; a < 150; ++a) {
    std::unique_ptr<Report> prev;
    for (int y = 2021; y <= 2024; ++y) {
      Report r = synth::make_report(rng, "某市某区第" + std::to_string(a) + "号街道办事处", y, prev.get());
      if (a % 10 == 0 && prev) *r.applications[R_CARRIED_OVER][0].value += 1;
      std::string bytes = to_json(r).dump();
      fs::create_directories(in / std::to_string(y));
      std::ofstream(in / std::to_string(y) / ("r" + std::to_string(a) + ".json"), std::ios::binary) << bytes;
      ++n;
      if (a % 25 == 0) {  // a duplicate under another path
        std::ofstream(in / std::to_string(y) / ("copy" + std::to_string(a) + ".json"), std::ios::binary) << bytes;
        ++n;
      }
      prev = std::make_unique<Report>(std::move(r));
    }
  }
  kill_rerun_compare(in, t.path, true, n);
}

TEST(CorpusKill, ParsedIngestSurvivesSigkill) {
  const fs::path seeds = fs::path(GONGKAI_TEST_DATA) / "seeds";
  std::vector<fs::path> texts;
  for (auto& e : fs::directory_iterator(seeds))
    if (e.path().extension() == ".txt") texts.push_back(e.path());
  ASSERT_FALSE(texts.empty());
  try {
    gk::parse_file(texts[0].string());
  } catch (const std::exception& e) {
    GTEST_SKIP() << "the parser does not read the seed reports yet: " << e.what();
  }
  TmpDir t("killparse");
  fs::path in = t.path / "in";
  fs::create_directories(in);
  std::vector<std::string> bodies;
  for (const auto& p : texts) {
    std::ifstream f(p, std::ios::binary);
    bodies.emplace_back(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  }
  size_t n = 0;
  for (int k = 0; k < 120; ++k)
    for (size_t s = 0; s < bodies.size(); ++s) {
      // Distinct content per file: trailing blank lines do not change the report.
      std::ofstream(in / ("s" + std::to_string(s) + "_" + std::to_string(k) + ".txt"), std::ios::binary)
          << bodies[s] << std::string(static_cast<size_t>(k % 60) + 1, '\n') << (k >= 60 ? "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n" : "");
      ++n;
    }
  kill_rerun_compare(in, t.path, false, n);
}

// Issue 15: several `gongkai ingest` processes share one PostgreSQL corpus. Three
// run at once over one generated corpus, one is SIGKILLed mid-run, a fourth
// finishes: every file and report is there exactly once, and the corpus equals
// an uninterrupted single-process ingest of the same files (reports, year
// links, diagnostics, cells). Each content was claimed once per live run.
TEST(CorpusKill, ThreeProcessesOneKilledEveryReportOnce) {
  if (!gk::testing::on_postgres())
    GTEST_SKIP() << "仅 PostgreSQL 适用：多个进程同时写一个语料库（ctest 的 pg.* 测试运行此项）";
  TmpDir t("multi");
  fs::path in = t.path / "in";
  ASSERT_EQ(run({GONGKAI_BINARY, "generate", "--count", "1500", "--seed", "15", "-o", in.string()}), 0);
  for (auto& e : fs::recursive_directory_iterator(in))
    if (e.path().string().find(".truth.json") != std::string::npos) fs::remove(e.path());
  // A few duplicates under other names: one content, several paths.
  size_t n = 0;
  std::vector<fs::path> originals;
  for (auto& e : fs::directory_iterator(in)) originals.push_back(e.path()), ++n;
  std::sort(originals.begin(), originals.end());
  for (size_t k = 0; k < originals.size(); k += 20, ++n)
    fs::copy_file(originals[k], in / ("copy_" + originals[k].filename().string()));

  std::string db = gk::testing::test_db(t.path, "multi.db");
  store::Db(store::open_corpus(db));  // schema first, so the watcher below can count
  auto args = [&](int jobs) {
    return std::vector<std::string>{GONGKAI_BINARY, "ingest", in.string(), "--db", db, "--jobs", std::to_string(jobs),
                                    "--claim-timeout", "2", "--quiet"};
  };
  pid_t a = spawn(args(1)), b = spawn(args(1)), victim = spawn(args(1));
  bool killed = false;
  // Killed once it holds claims not yet committed: they must come back to the pool.
  auto open_claims = [&](pid_t pid) -> int64_t {
    try {
      store::Db c(db, false);
      auto st = c.prepare("SELECT count(*) FROM claims WHERE done=0 AND claimed_by LIKE ?");
      st.bind(1, "%:" + std::to_string(pid) + ":%");
      return st.step() ? st.i64(0) : 0;
    } catch (...) {
      return 0;
    }
  };
  for (int i = 0; i < 12000 && !killed; ++i) {
    int status = 0;
    if (waitpid(victim, &status, WNOHANG) == victim) break;
    if (files_done(db) >= 100 && open_claims(victim) > 0) {
      kill(victim, SIGKILL);
      killed = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  int sa = 0, sb = 0, sv = 0;
  waitpid(victim, &sv, 0);
  waitpid(a, &sa, 0);
  waitpid(b, &sb, 0);
  EXPECT_TRUE(killed) << "the third process finished before it could be killed";
  for (int s : {sa, sb}) EXPECT_TRUE(WIFEXITED(s) && WEXITSTATUS(s) <= 1) << "a survivor failed: " << s;
  int rc = run(args(2));
  EXPECT_TRUE(rc == 0 || rc == 1) << "the fourth run: exit code " << rc;

  store::Db conn = store::open_corpus_readonly(db);
  auto scalar = [&](const std::string& sql) {
    auto st = conn.prepare(sql);
    return st.step() ? st.i64(0) : -1;
  };
  EXPECT_EQ(scalar("SELECT count(*) FROM files"), static_cast<int64_t>(n));
  EXPECT_EQ(scalar("SELECT count(*) FROM files WHERE status='ok' AND sha256 IS NOT NULL AND sha256 NOT IN "
                   "(SELECT sha256 FROM reports)"), 0) << "a file whose report is missing";
  EXPECT_EQ(scalar("SELECT count(*) FROM (SELECT sha256 FROM reports GROUP BY sha256 HAVING count(*) > 1) d"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM reports"),
            scalar("SELECT count(DISTINCT sha256) FROM files WHERE status='ok'"));
  EXPECT_EQ(scalar("SELECT count(*) FROM claims WHERE done=0"), 0) << "a claim left open";
  EXPECT_GT(scalar("SELECT sum(taken_over) FROM claims"), 0) << "the killed process's claims were never taken over";
  EXPECT_EQ(scalar("SELECT count(*) FROM claims"), scalar("SELECT count(DISTINCT sha256) FROM files WHERE sha256 IS NOT NULL"));

  std::string ref = gk::testing::test_db(t.path, "reference.db");
  store::ingest(walk_inputs({in.string()}, {.absolute = true}).files, ref, {});
  Content x = content(db), y = content(ref);
  EXPECT_EQ(x.files.size(), n);
  EXPECT_TRUE(x.files == y.files) << first_difference(x.files, y.files);
  EXPECT_TRUE(x.reports == y.reports) << first_difference(x.reports, y.reports);
  EXPECT_TRUE(x.diagnostics == y.diagnostics) << first_difference(x.diagnostics, y.diagnostics);
  EXPECT_EQ(x.cells, y.cells);
}
