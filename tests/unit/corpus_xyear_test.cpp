// Cross-year rules on a generated corpus: every planted break is found, and
// nothing else, whatever order the years are ingested in.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "corpus_synth.h"
#include "model/json.h"
#include "model/agency.h"
#include "store/ingest.h"
#include "check/reuse.h"
#include "store/schema.h"
#include "check/xyear.h"
#include "util/sha256.h"
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

const char* kPool[] = {"东", "西", "南", "北", "青", "山", "河", "湖", "江", "海", "林", "松", "竹", "梅",
                       "兰", "菊", "金", "银", "玉", "石", "光", "明", "华", "春", "秋", "星", "月", "泉"};

struct Planted {
  std::set<std::string> expected;  // "agency#year#rule"
  std::map<std::string, std::string> sha_key;  // sha -> "agency#year"
  std::map<int, std::vector<fs::path>> by_year;
  size_t records = 0;
  std::set<std::string> normalized;
};

// `agencies` agencies over years 2021..2024; each year spells the name differently.
Planted build_corpus(const fs::path& dir, int agencies, unsigned seed) {
  std::mt19937 rng(seed);
  Planted p;
  std::set<std::string> used;
  std::uniform_int_distribution<int> pick(0, static_cast<int>(std::size(kPool)) - 1), pct(0, 99),
      col(0, kT2Cols - 1), sec(1, 6);
  for (int a = 0; a < agencies; ++a) {
    std::string stem;
    do {
      stem = std::string(kPool[pick(rng)]) + kPool[pick(rng)] + kPool[pick(rng)];
    } while (!used.insert(stem).second);
    std::string id = "A" + std::to_string(a);
    std::string district = std::string(kPool[a % std::size(kPool)]) + kPool[(a / std::size(kPool)) % std::size(kPool)] + "区";
    std::string dept_district = stem + "区";
    bool street = a % 3 != 0;
    std::vector<std::string> names;
    if (street)
      names = {"甲市" + district + stem + "街道办事处", stem + "街道", district + stem + "街道办事处",
               "甲市" + district + "人民政府" + stem + "街道办事处"};
    if (street)
      for (const auto& n : names) p.normalized.insert(normalize_agency(n));
    else  // departments share the unit "教育局"; the district tells them apart
      names = {"甲市" + dept_district + "教育局", dept_district + "教育局", "甲市" + dept_district + "教育局",
               dept_district + "教育局"};
    for (const auto& n : names) p.normalized.insert(normalize_agency(n));
    std::unique_ptr<Report> prev;
    for (int y = 2021; y <= 2024; ++y) {
      Report r = synth::make_report(rng, names[y - 2021], y, prev.get());
      std::string key = id + "#" + std::to_string(y);
      if (prev) {
        // The names vary between 全称 and 简称 from year to year: a link made by a
        // part of the name is said (X-XYEAR-LINK), one by the same name is not.
        if (normalize_agency(names[y - 2021]) != normalize_agency(names[y - 2022]))
          p.expected.insert(key + "#X-XYEAR-LINK");
        int roll = pct(rng);
        if (roll < 8) {  // carry break in one column
          int c = col(rng);
          *r.applications[R_CARRIED_OVER][c].value += 1 + pct(rng) % 3;
          p.expected.insert(key + "#X-XYEAR-CARRY@" + kT2ColKeys[c]);
        } else if (roll < 14) {  // stock break; next year builds on the broken figure
          bool regs = pct(rng) % 2;
          StockRow& s = regs ? r.proactive.regulations : r.proactive.normative_documents;
          *s.in_force.value += 2;
          p.expected.insert(key + "#T1-STOCK-XYEAR@" + (regs ? "regulations" : "normative_documents"));
        } else if (roll < 19) {  // a section copied from last year, figures changed
          int n = sec(rng);
          std::string t = prev->sections[n - 1].text;
          r.sections[n - 1].text = std::to_string(y) + "年" + t.substr(0, t.size()) + "共办理" + std::to_string(roll) + "件。";
          p.expected.insert(key + "#C-BOILERPLATE@" + std::to_string(n));
        }
      }
      std::string bytes = to_json(r).dump();
      fs::path f = dir / std::to_string(y) / (id + ".json");
      fs::create_directories(f.parent_path());
      std::ofstream(f, std::ios::binary) << bytes;
      p.sha_key[sha256_hex(bytes)] = key;
      p.by_year[y].push_back(f);
      ++p.records;
      prev = std::make_unique<Report>(std::move(r));
    }
  }
  return p;
}

std::set<std::string> found(const std::string& db, const Planted& p) {
  store::Db conn = store::open_corpus_readonly(db);
  auto st = conn.prepare(
      "SELECT r.sha256, d.rule FROM diagnostics d JOIN reports r ON r.id=d.report WHERE d.origin='xyear' "
      "ORDER BY 1, 2");
  std::set<std::string> out;
  while (st.step()) {
    auto it = p.sha_key.find(st.str(0));
    out.insert((it == p.sha_key.end() ? "?" + st.str(0) : it->second) + "#" + st.str(1));
  }
  return out;
}

int64_t count(const std::string& db, const char* sql) {
  store::Db conn = store::open_corpus_readonly(db);
  auto st = conn.prepare(sql);
  return st.step() ? st.i64(0) : -1;
}

}  // namespace

TEST(CorpusXYear, PureRulesOnOnePair) {
  std::mt19937 rng(7);
  Report a = synth::make_report(rng, "甲市乙区丙街道", 2023, nullptr);
  Report b = synth::make_report(rng, "丙街道", 2024, &a);
  auto x = cross_year(a, b);
  EXPECT_TRUE(x.diagnostics.empty());
  ASSERT_FALSE(x.reuse.empty());
  EXPECT_LT(x.reuse.back().jaccard, 0.2);  // independent texts
  *b.applications[R_CARRIED_OVER][0].value += 1;
  *b.applications[R_CARRIED_OVER][6].value += 1;
  *b.proactive.regulations.in_force.value -= 1;
  b.sections[4].text = a.sections[4].text;
  x = cross_year(a, b);
  std::set<std::string> rules;
  for (const auto& d : x.diagnostics) {
    rules.insert(d.rule);
    EXPECT_EQ(d.severity, Severity::Warning);
    EXPECT_FALSE(d.message.empty());
  }
  EXPECT_EQ(rules, (std::set<std::string>{"X-XYEAR-CARRY@natural_person", "X-XYEAR-CARRY@total",
                                          "T1-STOCK-XYEAR@regulations", "C-BOILERPLATE@5"}));
  // A missing value is never a break.
  b = synth::make_report(rng, "丙街道", 2024, &a);
  b.applications[R_CARRIED_OVER][2].value.reset();
  b.proactive.normative_documents.repealed.value.reset();
  EXPECT_TRUE(cross_year(a, b).diagnostics.empty());
}

TEST(CorpusXYear, TextReuseMeasures) {
  auto s1 = shingle("2023年本机关共收到申请12件，全部按时答复。");
  auto s2 = shingle("2024年本机关共收到申请7件，全部按时答复。");
  EXPECT_DOUBLE_EQ(similarity(s1, s2).jaccard, 1.0);  // only the figures differ
  auto s3 = shingle("完全不同的一段文字内容在这里出现");
  EXPECT_DOUBLE_EQ(similarity(s1, s3).jaccard, 0.0);
  EXPECT_DOUBLE_EQ(similarity(s1, shingle("")).jaccard, 0.0);
}

// The whole-report shingles are merged from the sections' instead of hashed
// again; they must be exactly the set shingle() gives for the joined text,
// whatever the parts: empty, shorter than a shingle, digit runs meeting at a
// joint, long sections sharing text, and a section of broken UTF-8.
TEST(CorpusXYear, WholeTextShinglesEqualTheJoinedText) {
  std::mt19937 rng(7);
  const std::vector<std::string> atoms = {"政", "府", "信", "息", "公", "开", "申", "请", "年", "度", "1", "23", "４",
                                          "A", "b", "，", " ", "\n", "。", "报", "告", "x"};
  auto text = [&](size_t len) {
    std::string t;
    for (size_t i = 0; i < len; ++i) t += atoms[rng() % atoms.size()];
    return t;
  };
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::string> parts(1 + rng() % 7);
    for (auto& p : parts) {
      size_t kind = rng() % 4;
      p = text(kind == 0 ? 0 : kind == 1 ? rng() % 6 : kind == 2 ? 5 + rng() % 30 : 200 + rng() % 600);
      if (rng() % 50 == 0) p += "\xE6\x94";  // a truncated character
    }
    std::vector<std::string_view> views(parts.begin(), parts.end());
    std::vector<Shingles> got = shingle_parts_and_whole(views);
    ASSERT_EQ(got.size(), parts.size() + 1);
    std::string all;
    for (size_t i = 0; i < parts.size(); ++i) {
      Shingles one = shingle(parts[i]);
      EXPECT_EQ(got[i].hashes, one.hashes);
      EXPECT_EQ(got[i].chars, one.chars);
      all += parts[i];
      all += '\n';
    }
    Shingles whole = shingle(all);
    ASSERT_EQ(got.back().chars, whole.chars) << "round " << round;
    ASSERT_EQ(got.back().hashes, whole.hashes) << "round " << round;
    ASSERT_TRUE(std::is_sorted(whole.hashes.begin(), whole.hashes.end()));
    ASSERT_TRUE(std::adjacent_find(whole.hashes.begin(), whole.hashes.end()) == whole.hashes.end());
  }
}

TEST(CorpusXYear, PlantedBreaksFoundAndNothingElse) {
  TmpDir tmp("xyear");
  // 750 agencies × 4 years = 3,000 reports (district names stay distinct below 784 agencies).
  Planted p = build_corpus(tmp.path / "in", 750, 20241);
  ASSERT_EQ(p.records, 3000u);
  ASSERT_GT(p.expected.size(), 300u);
  std::string db = gk::testing::test_db(tmp.path, "c.db");

  // Later years first, then everything: links must not depend on ingest order.
  store::IngestOptions opt;
  opt.json_records = true;
  opt.jobs = 2;
  opt.batch_files = 50;
  std::vector<std::string> late;
  for (int y : {2024, 2023})
    for (const auto& f : p.by_year[y]) late.push_back(f.string());
  auto s1 = store::ingest(late, db, opt);
  EXPECT_EQ(s1.counts.parsed, 1500u);
  std::vector<std::string> all;
  for (auto& [y, fs_] : p.by_year)
    for (const auto& f : fs_) all.push_back(f.string());
  auto s2 = store::ingest(all, db, opt);
  EXPECT_EQ(s2.counts.parsed, 1500u);
  EXPECT_EQ(s2.counts.skipped, 1500u);
  EXPECT_EQ(s2.counts.failed, 0u);

  auto got = found(db, p);
  std::vector<std::string> missing, extra;
  std::set_difference(p.expected.begin(), p.expected.end(), got.begin(), got.end(), std::back_inserter(missing));
  std::set_difference(got.begin(), got.end(), p.expected.begin(), p.expected.end(), std::back_inserter(extra));
  EXPECT_TRUE(missing.empty()) << "missing " << missing.size() << ", first: " << (missing.empty() ? "" : missing[0]);
  EXPECT_TRUE(extra.empty()) << "extra " << extra.size() << ", first: " << (extra.empty() ? "" : extra[0]);

  // Every report after the first year is linked to its predecessor, with reuse figures.
  EXPECT_EQ(count(db, "SELECT count(*) FROM reports WHERE prev_report IS NOT NULL"), 2250);
  EXPECT_EQ(count(db, "SELECT count(*) FROM reuse WHERE section=0"), 2250);
  EXPECT_EQ(count(db, "SELECT count(DISTINCT agency_normalized) FROM reports"),
            static_cast<int64_t>(p.normalized.size()));
  EXPECT_EQ(p.normalized.size(), 500u * 3 + 250u * 2);
}
