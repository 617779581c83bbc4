// Unix conventions of the gongkai binary and the one directory walker:
// output order with -j equals input order, "-" is standard input / output,
// progress only on a terminal or when asked for, exit codes unchanged, and
// every command that walks a directory skips the same files.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_run.h"
#include "util/walk.h"

namespace fs = std::filesystem;

namespace {

using CmdRun = gk::testcli::CliRun;

// Runs a shell command line; "GK" in it stands for the gongkai binary.
CmdRun sh(std::string cmd) {
  for (size_t p; (p = cmd.find("GK ")) != std::string::npos;)
    cmd.replace(p, 2, std::string("'") + GONGKAI_BINARY + "'");
  return gk::testcli::run_shell(cmd);
}

struct TmpDir {
  fs::path path;
  TmpDir() {
    char d[] = "/tmp/gk_conv_XXXXXX";
    path = mkdtemp(d);
  }
  ~TmpDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string str() const { return path.string(); }
};

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

void put(const fs::path& p, const std::string& data) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << data;
}

const fs::path kSeeds = fs::path(GONGKAI_TEST_DATA) / "seeds";
const std::string kSeed = (kSeeds / "001_26cd6f5c3c427896.txt").string();      // clean
const std::string kSeedBad = (kSeeds / "000_a22b36fc5bef10f9.txt").string();   // findings

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> v;
  size_t a = 0;
  for (size_t b; (b = s.find('\n', a)) != std::string::npos; a = b + 1) v.push_back(s.substr(a, b - a));
  return v;
}

// A directory of generated reports (several layouts) plus one broken file.
struct Corpus {
  TmpDir dir;
  Corpus() {
    CmdRun g = sh("GK generate --count 14 --seed 5 --layout mixed -o '" + dir.str() + "/in'");
    EXPECT_EQ(g.code, 0) << g.err;
    put(dir.path / "in" / "zz_broken.txt", "这不是年度报告。\n");
  }
  std::string in() const { return (dir.path / "in").string(); }
};

TEST(CliConventions, OutputOrderWithJobsIsInputOrder) {
  Corpus c;
  for (const char* cmd : {"parse", "check --format json", "check"}) {
    CmdRun one = sh(std::string("GK ") + cmd + " -j 1 '" + c.in() + "'");
    CmdRun many = sh(std::string("GK ") + cmd + " -j 4 '" + c.in() + "'");
    CmdRun dflt = sh(std::string("GK ") + cmd + " '" + c.in() + "'");
    EXPECT_EQ(one.code, 2) << cmd;  // the broken file: exit codes as on one core
    EXPECT_EQ(many.code, one.code) << cmd;
    EXPECT_EQ(dflt.code, one.code) << cmd;
    EXPECT_FALSE(one.out.empty());
    EXPECT_EQ(many.out, one.out) << cmd;
    EXPECT_EQ(dflt.out, one.out) << cmd;
    EXPECT_EQ(many.err, one.err) << cmd;
    EXPECT_NE(many.err.find("zz_broken.txt"), std::string::npos) << many.err;
  }
  // JSON Lines in the sorted order of the files.
  CmdRun p = sh("GK parse -j 3 --fields source '" + c.in() + "'");
  std::vector<std::string> got;
  for (const auto& l : lines(p.out)) {
    size_t a = l.find("\"path\":\"");
    ASSERT_NE(a, std::string::npos) << l;
    a += 8;
    got.push_back(l.substr(a, l.find('"', a) - a));
  }
  ASSERT_EQ(got.size(), 14u);
  EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
}

TEST(CliConventions, ExitCodesWithJobs) {
  EXPECT_EQ(sh("GK check -j 2 '" + kSeed + "'").code, 0);
  EXPECT_EQ(sh("GK check -j 2 '" + kSeed + "' '" + kSeedBad + "'").code, 1);
  EXPECT_EQ(sh("GK check -j 2 '" + kSeed + "' /nonexistent/x.txt").code, 2);
  EXPECT_EQ(sh("GK check -j 0 '" + kSeed + "'").code, 2);
  EXPECT_EQ(sh("GK check --jobs=abc '" + kSeed + "'").code, 2);
  EXPECT_EQ(sh("GK parse --fields nosuch '" + kSeed + "'").code, 2);
  // Global flags before the subcommand.
  CmdRun g = sh("GK -j 2 check '" + kSeedBad + "'");
  EXPECT_EQ(g.code, 1);
  EXPECT_NE(g.out.find("[C-S6-FEE]"), std::string::npos);
}

TEST(CliConventions, DashReadsStandardInput) {
  CmdRun file = sh("GK check '" + kSeedBad + "'");
  CmdRun in = sh("GK check - < '" + kSeedBad + "'");
  EXPECT_EQ(in.code, file.code);
  std::string want = file.out;
  for (size_t p; (p = want.find(kSeedBad)) != std::string::npos;) want.replace(p, kSeedBad.size(), "<stdin>");
  EXPECT_EQ(in.out, want);
  CmdRun parse_file = sh("GK parse '" + kSeed + "'");
  CmdRun parse_in = sh("cat '" + kSeed + "' | GK parse -");
  EXPECT_EQ(parse_in.code, 0) << parse_in.err;
  std::string want_json = parse_file.out;
  want_json.replace(want_json.find(kSeed), kSeed.size(), "<stdin>");
  EXPECT_EQ(parse_in.out, want_json);
  // Standard input among files: one record per input, in order.
  CmdRun mixed = sh("GK parse --fields source '" + kSeed + "' - < '" + kSeedBad + "'");
  auto ls = lines(mixed.out);
  ASSERT_EQ(ls.size(), 2u) << mixed.out;
  EXPECT_NE(ls[0].find(kSeed), std::string::npos);
  EXPECT_NE(ls[1].find("<stdin>"), std::string::npos);
}

TEST(CliConventions, DashOutputIsStandardOutput) {
  TmpDir d;
  std::string rec = (d.path / "rec.json").string();
  ASSERT_EQ(sh("GK parse '" + kSeed + "' > '" + rec + "'").code, 0);
  std::string cd = "cd '" + d.str() + "' && ";
  CmdRun plain = sh(cd + "GK render rec.json --format txt");
  CmdRun dash = sh(cd + "GK render rec.json --format txt -o -");
  EXPECT_EQ(dash.code, 0) << dash.err;
  EXPECT_EQ(dash.out, plain.out);
  CmdRun docx = sh(cd + "GK render rec.json --format docx -o -");
  EXPECT_EQ(docx.code, 0) << docx.err;
  EXPECT_EQ(docx.out.substr(0, 2), "PK");
  CmdRun tj = sh(cd + "GK template --format json -o -");
  EXPECT_EQ(tj.code, 0);
  EXPECT_EQ(tj.out, sh("GK template --format json").out);
  CmdRun tx = sh(cd + "GK template --format xlsx -o -");
  EXPECT_EQ(tx.code, 0) << tx.err;
  EXPECT_EQ(tx.out.substr(0, 2), "PK");
  EXPECT_FALSE(fs::exists(d.path / "-")) << "a file named '-' was created";

  // export: standard output when -o is absent or "-".
  std::string db = (d.path / "c.db").string();
  ASSERT_LE(sh("GK ingest '" + kSeeds.string() + "' --db '" + db + "' -q").code, 1);
  CmdRun csv = sh(cd + "GK export --db c.db");
  EXPECT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(lines(csv.out).size(), 6u);  // header and the five seeds
  CmdRun jsonl = sh(cd + "GK export --db c.db --format jsonl -o -");
  EXPECT_EQ(lines(jsonl.out).size(), 5u);
  std::string file = (d.path / "out.csv").string();
  EXPECT_EQ(sh(cd + "GK export --db c.db -o out.csv").code, 0);
  EXPECT_EQ(slurp(file), csv.out);
  CmdRun xlsx = sh(cd + "GK export --db c.db --format xlsx");
  EXPECT_EQ(xlsx.out.substr(0, 2), "PK");
  EXPECT_FALSE(fs::exists(d.path / "-"));
}

TEST(CliConventions, ProgressOnlyWhenAskedOffATerminal) {
  Corpus c;
  TmpDir d;
  // Standard error is not a terminal here: no progress unless --progress.
  CmdRun quiet = sh("GK ingest '" + c.in() + "' --db '" + d.str() + "/a.db'");
  EXPECT_EQ(quiet.err.find("进度"), std::string::npos) << quiet.err;
  CmdRun loud = sh("GK ingest '" + c.in() + "' --db '" + d.str() + "/b.db' --progress");
  EXPECT_NE(loud.err.find("进度"), std::string::npos) << loud.err;
  CmdRun check = sh("GK check --progress '" + c.in() + "'");
  EXPECT_NE(check.err.find("进度"), std::string::npos) << check.err;
  EXPECT_EQ(sh("GK check '" + c.in() + "'").err.find("进度"), std::string::npos);
  EXPECT_EQ(sh("GK check -q --progress '" + c.in() + "'").err.find("进度"), std::string::npos);
}

// Issue 11: `check DIR` read corpus.db, notes.json and *.garble.json as
// reports (and exited 2) while `ingest DIR` skipped them.
TEST(CliConventions, OneWalkerForEveryCommand) {
  TmpDir d;
  fs::path in = d.path / "in";
  put(in / "a.txt", slurp(kSeed));
  put(in / "sub" / "b.txt", slurp(kSeedBad));
  put(in / "corpus.db", std::string("SQLite format 3\0", 16) + std::string(100, '\0'));
  put(in / "corpus.db-wal", "x");
  put(in / "notes.json", "{\"note\": 1}");
  put(in / "a.garble.json", "{}");
  put(in / "a.truth.json", "{}");
  put(in / "a.expect", "");
  put(in / "export.csv", "a,b\n");
  put(in / ".hidden.txt", "x");
  put(in / "~$lock.docx", "x");
  put(in / ".git" / "c.txt", "x");

  auto w = gk::walk_inputs({in.string()});
  std::vector<std::string> want = {(in / "a.txt").string(), (in / "sub" / "b.txt").string()};
  EXPECT_EQ(w.files, want);
  auto wa = gk::walk_inputs({in.string()}, {.absolute = true});
  EXPECT_EQ(wa.files, want);  // already absolute

  CmdRun check = sh("GK check '" + in.string() + "'");
  EXPECT_EQ(check.code, 1) << check.err;  // b.txt's findings; nothing unreadable
  for (const char* skipped : {"corpus.db", "notes.json", "garble", "truth", "expect", "csv", "hidden", "lock"}) {
    EXPECT_EQ(check.err.find(skipped), std::string::npos) << skipped << "\n" << check.err;
    EXPECT_EQ(check.out.find(skipped), std::string::npos) << skipped;
  }
  CmdRun parse = sh("GK parse --fields source '" + in.string() + "'");
  EXPECT_EQ(lines(parse.out).size(), 2u);
  CmdRun ingest = sh("GK ingest '" + in.string() + "' --db '" + d.str() + "/c.db'");
  EXPECT_NE(ingest.out.find("共 2 个文件"), std::string::npos) << ingest.out;
  // An explicit file is always taken, whatever its name.
  EXPECT_EQ(gk::walk_inputs({(in / "notes.json").string()}).files.size(), 1u);
  EXPECT_EQ(sh("GK check '" + (in / "notes.json").string() + "'").code, 2);
}

}  // namespace
