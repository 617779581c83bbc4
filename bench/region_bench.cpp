// Region benchmark: coverage + roll-up + scorecard over a generated corpus of
// N reports (default 50,000): N/5 units × 5 years under one city (青山市),
// 100 units per county, each unit's years chained (corpus_synth). The corpus
// is written with the corpus writer directly (this measures the region work,
// not parsing; bench/ingest_bench measures ingest), the unit list imported,
// then for the city and for every year: coverage, roll-up and scorecard.
//   region_bench [N=50000] [--keep DB]
//   region_bench [N=50000] --write DB   only write the corpus and unit list to DB (when DB does not
//                              exist yet) and stop: scripts/bench.sh region times the CLI on it
//   region_bench --county DB   only write the tests' generated county (30 departments,
//                              12 townships, 5 years, planted cases) to DB: the web e2e corpus
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>

#include "../tests/unit/region_synth.h"
#include "region/coverage.h"
#include "region/rollup.h"
#include "region/scorecard.h"
#include "region/view.h"
#include "store/corpus.h"
#include "store/region_tables.h"
#include "model/json.h"
#include "util/malloc_tuning.h"
#include "util/sha256.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

static double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The generated county with its unit list and publication dates.
static int write_county(const std::string& db) {
  for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db + ext);
  gk::synth::GenRegion g = gk::synth::make_region();
  gk::synth::write_region_db(g, db);
  std::printf("已写入生成的青山县：%zu 个单位，%zu 份报告 → %s\n", g.units.size(), g.reports.size(), db.c_str());
  return 0;
}

int main(int argc, char** argv) {
  gk::tune_allocator_for_batches();
  size_t n = 50000;
  std::string keep;
  bool write_only = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--county") && i + 1 < argc) return write_county(argv[i + 1]);
    if (!std::strcmp(argv[i], "--keep") && i + 1 < argc) keep = argv[++i];
    else if (!std::strcmp(argv[i], "--write") && i + 1 < argc) keep = argv[++i], write_only = true;
    else n = static_cast<size_t>(std::atol(argv[i]));
  }
  const int years = 5, first = 2020, per_county = 100;
  size_t units = std::max<size_t>(1, n / years);
  std::string db = keep.empty() ? (fs::temp_directory_path() / ("gk_region_bench_" + std::to_string(getpid()) + ".db")).string()
                                : keep;
  bool have = !keep.empty() && fs::exists(db);
  std::vector<gk::store::UnitRow> list;
  for (size_t u = 0; u < units; ++u) {
    size_t county = u / per_county;
    std::string cname = "第" + std::to_string(county + 1) + "县";
    gk::store::UnitRow row;
    row.uid = "U" + std::to_string(u);
    size_t k = u % per_county;
    row.name = "青山市" + cname + (k < 60 ? "第" + std::to_string(k) + "局" : "第" + std::to_string(k) + "镇");
    row.level = k < 60 ? gk::kLevelCountyDept : gk::kLevelTownship;
    row.parent = "青山市/" + cname;
    list.push_back(std::move(row));
  }
  if (!have) {
    for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db + ext);
    auto t0 = Clock::now();
    gk::store::Corpus corpus(db);
    corpus.begin();
    size_t in_tx = 0;
    for (size_t u = 0; u < units; ++u) {
      std::mt19937 rng(static_cast<unsigned>(u) + 1);
      gk::Report prev;
      for (int y = 0; y < years; ++y) {
        gk::Report r = gk::synth::make_report(rng, list[u].name, first + y, y ? &prev : nullptr);
        gk::synth::finish_texts(r, first + y, false);
        r.publication_date = std::to_string(first + y + 1) + "-01-" + std::to_string(10 + u % 25);
        r.sha256 = std::to_string(u) + "-" + std::to_string(y);
        gk::store::FileInfo f;
        f.path = "/bench/" + std::to_string(first + y) + "/" + std::to_string(u) + ".json";
        f.sha256 = r.sha256;
        corpus.put_report(r, f, "bench");
        prev = std::move(r);
        if (++in_tx == 2000) {
          corpus.commit();
          corpus.begin();
          in_tx = 0;
        }
      }
    }
    corpus.commit();
    gk::store::Tx tx(corpus.db());
    gk::store::upsert_units(corpus.db(), list);
    tx.commit();
    std::printf("生成并写入 %zu 份报告（%zu 个单位 × %d 年），%.1f 秒\n", units * years, units, years, since(t0));
  }
  if (write_only) return 0;
  std::printf("region_bench：%zu 份报告，%zu 个单位，%zu 个县\n", units * years, units, (units + per_county - 1) / per_county);
  auto t0 = Clock::now();
  gk::store::Db conn = gk::store::open_corpus_readonly(db);
  gk::region::View v = gk::region::load_view(conn);
  double t_load = since(t0);
  auto ref = gk::region::resolve_region(v, "青山市");
  std::printf("  读取与对应单位：%.2f 秒（%zu 份报告，%zu 个单位年度）\n", t_load, v.reports.size(), v.unit_years.size());
  double t_cov = 0, t_roll = 0, t_score = 0;
  size_t covered = 0, summed = 0, scored = 0;
  for (int y = first; y < first + years; ++y) {
    auto a = Clock::now();
    auto c = gk::region::coverage(v, ref, y);
    t_cov += since(a);
    covered += c.rows.size();
    a = Clock::now();
    auto r = gk::region::rollup(conn, v, ref, y);
    t_roll += since(a);
    summed += r.included.size();
    if (!r.failed_relations.empty()) std::printf("  汇总关系不成立：%s\n", r.failed_relations[0].c_str());
    a = Clock::now();
    auto s = gk::region::scorecard(conn, v, ref, y);
    t_score += since(a);
    scored += s.rows.size();
  }
  std::printf("  发布情况：%.2f 秒（%zu 个单位年度）\n", t_cov, covered);
  std::printf("  汇总：    %.2f 秒（%zu 份报告）\n", t_roll, summed);
  std::printf("  评估：    %.2f 秒（%zu 份报告）\n", t_score, scored);
  std::printf("  合计：    %.2f 秒\n", t_load + t_cov + t_roll + t_score);
  if (keep.empty())
    for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db + ext);
  return 0;
}
