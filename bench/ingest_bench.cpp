// Ingest throughput: reports/s through the whole ingest path (read, hash,
// parse, store, cross-year refresh) at 1 and 2 worker threads, and peak RSS.
// Inputs come from the seed reports (distinct content per copy); when the
// parser cannot read them, record JSON (the --records path) is used instead
// and the output says so.
//   ingest_bench [N]   (default 400 files)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "../tests/unit/corpus_synth.h"
#include "pipeline.h"
#include "record/json.h"
#include "store/ingest.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  size_t n = argc > 1 ? static_cast<size_t>(std::atol(argv[1])) : 400;
  fs::path dir = fs::temp_directory_path() / ("gk_ingest_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir / "in");

  std::vector<std::string> bodies;
  // The source tree (CMake passes absolute paths, so __FILE__ locates it).
  fs::path seeds = fs::path(__FILE__).parent_path().parent_path() / "tests/data/seeds";
  if (const char* s = std::getenv("GONGKAI_SEEDS")) seeds = s;
  bool parsed = true;
  try {
    for (auto& e : fs::directory_iterator(seeds))
      if (e.path().extension() == ".txt") {
        gk::parse_file(e.path().string());
        std::ifstream f(e.path(), std::ios::binary);
        bodies.emplace_back(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
      }
  } catch (const std::exception&) {
    parsed = false;
  }
  std::vector<std::string> files;
  std::mt19937 rng(1);
  for (size_t i = 0; i < n; ++i) {
    fs::path p = dir / "in" / ("f" + std::to_string(i) + (parsed ? ".txt" : ".json"));
    std::ofstream out(p, std::ios::binary);
    if (parsed) {
      out << bodies[i % bodies.size()] << "\n" << std::string(i / bodies.size() % 200, ' ') << "\n";
    } else {
      gk::Report r = gk::synth::make_report(rng, "某县第" + std::to_string(i % 100) + "号镇", 2020 + static_cast<int>(i / 100), nullptr);
      out << gk::to_json(r).dump();
    }
    files.push_back(p.string());
  }
  std::printf("ingest_bench：%zu 个文件，输入：%s\n", n, parsed ? "种子报告（完整解析）" : "记录 JSON（解析器不可用）");
  for (int jobs : {1, 2}) {
    fs::path db = dir / ("c" + std::to_string(jobs) + ".db");
    gk::store::IngestOptions opt;
    opt.jobs = jobs;
    opt.json_records = !parsed;
    auto t0 = std::chrono::steady_clock::now();
    auto s = gk::store::ingest(files, db.string(), opt);
    double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("  %d 线程：%zu 份，%.2f 秒，%.1f 份/秒（失败 %zu）\n", jobs, s.counts.parsed, sec,
                static_cast<double>(s.counts.done) / sec, s.counts.failed);
  }
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("  峰值内存（RSS）：%.1f MiB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}
