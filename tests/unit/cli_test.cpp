// The gongkai binary: exit codes, Chinese errors naming the file, batches that
// go on past broken files.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "cli_run.h"

namespace {

using gk::testcli::CliRun;

CliRun run(const std::string& args) { return gk::testcli::run_shell(std::string(GONGKAI_BINARY) + " " + args); }

std::string tmpdir() {
  char d[] = "/tmp/gk_cli_XXXXXX";
  return mkdtemp(d);
}

void write(const std::string& path, const std::string& data) {
  std::ofstream f(path, std::ios::binary);
  f << data;
}

const std::string kSeeds = std::string(GONGKAI_TEST_DATA) + "/seeds/";

TEST(Cli, ExitCodes) {
  EXPECT_EQ(run("check " + kSeeds + "001_26cd6f5c3c427896.txt").code, 0);
  CliRun bad = run("check " + kSeeds + "000_a22b36fc5bef10f9.txt");
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.out.find("[C-S6-FEE]"), std::string::npos);
  EXPECT_NE(bad.out.find("000_a22b36fc5bef10f9.txt:"), std::string::npos);
  EXPECT_EQ(run("check").code, 2);
  EXPECT_EQ(run("check --bogus x").code, 2);
  EXPECT_EQ(run("nosuchcommand").code, 2);
  CliRun help = run("--help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("子命令"), std::string::npos);
}

TEST(Cli, BrokenFilesAreNamedAndNeverStopTheBatch) {
  std::string d = tmpdir();
  write(d + "/a_empty.txt", "");
  std::string bin;
  for (int i = 0; i < 2048; ++i) bin.push_back(static_cast<char>(i % 256));
  write(d + "/b_binary.dat", bin);
  write(d + "/c_note.txt", "这不是年度报告，只是一段普通文字。\n");
  std::ifstream s(kSeeds + "003_eaba220d81829207.txt");
  write(d + "/d_good.txt", std::string(std::istreambuf_iterator<char>(s), {}));
  write(d + "/e_fake.pdf", "%PDF-1.7\nthis is not really a pdf\n");
  CliRun r = run("check " + d);
  EXPECT_EQ(r.code, 2);
  for (const char* name : {"a_empty.txt", "b_binary.dat", "c_note.txt", "e_fake.pdf"}) {
    size_t p = r.err.find(name);
    ASSERT_NE(p, std::string::npos) << name << "\n" << r.err;
    EXPECT_NE(r.err.find("错误", p), std::string::npos);
  }
  EXPECT_NE(r.out.find("d_good.txt:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[X-TEXT-NEW]"), std::string::npos);
  // JSON Lines: one record per readable file
  CliRun j = run("parse --no-sections " + d + "/d_good.txt " + kSeeds + "001_26cd6f5c3c427896.txt");
  EXPECT_EQ(j.code, 1);
  size_t lines = 0;
  for (char c : j.out) lines += c == '\n';
  EXPECT_EQ(lines, 2u);
  std::string cmd = "rm -rf " + d;
  EXPECT_EQ(system(cmd.c_str()), 0);
}

TEST(Cli, RulesCatalogue) {
  CliRun r = run("rules --format=json");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("\"T2-BALANCE\""), std::string::npos);
  EXPECT_NE(r.out.find("\"C-S6-FEE\""), std::string::npos);
}

}  // namespace

namespace {
TEST(Cli, RulesDocIsTheCatalogue) {
  // docs/rules.md is generated from the catalogue; regenerate it when rules change:
  //   build/gongkai rules --format=md > docs/rules.md
  CliRun r = run("rules --format=md");
  std::ifstream f(std::string(GONGKAI_TEST_DATA) + "/../../docs/rules.md");
  std::string doc(std::istreambuf_iterator<char>(f), {});
  EXPECT_EQ(r.out, doc) << "docs/rules.md is stale";
}
}  // namespace
