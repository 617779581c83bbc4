// Ingest throughput: reports/s through the whole ingest path (read, hash,
// parse, check, store, cross-year refresh) at 1 and 2 worker threads, and the
// peak memory of each run, on a generated multi-year corpus of plain-text
// reports: N/5 agencies × 5 years (2021–2025), each agency's years chained
// (carry-over and stock consistent), rendered in the five text layouts and
// laid out as YEAR/agency.txt like a downloaded collection.
//
// Each run is its own process (fork), so its peak RSS is its own; runs on a
// tenth of the agencies (all five years) and on all of them show whether
// memory stays flat as the corpus grows. A last
// run re-ingests the full corpus unchanged (incremental: everything skipped).
//   ingest_bench [N=50000] [--keep DIR] [--jobs J] [--full-only]
//   --jobs J: only runs with J threads; --full-only: skip the N/10 run and the rerun.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "../tests/unit/corpus_synth.h"
#include "render/render.h"
#include "store/ingest.h"
#include "util/malloc_tuning.h"

namespace fs = std::filesystem;

namespace {

struct RunResult {
  double seconds = 0;
  double writer_cpu = 0, workers_cpu = 0;
  size_t done = 0, parsed = 0, skipped = 0, failed = 0;
  long max_rss_kib = 0;
};

// Ingest `files` into `db` in a child process; the child's figures come back through a pipe.
RunResult run_child(const std::vector<std::string>& mine, const std::string& db, int jobs) {
  int fd[2];
  if (pipe(fd) != 0) std::exit(2);
  pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    gk::store::IngestOptions opt;
    opt.jobs = jobs;
    auto t0 = std::chrono::steady_clock::now();
    RunResult r;
    try {
      auto s = gk::store::ingest(mine, db, opt);
      r.done = s.counts.done, r.parsed = s.counts.parsed, r.skipped = s.counts.skipped, r.failed = s.counts.failed;
      r.writer_cpu = s.writer_cpu_seconds, r.workers_cpu = s.workers_cpu_seconds;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "入库失败：%s\n", e.what());
      _exit(1);
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    r.max_rss_kib = ru.ru_maxrss;
    if (write(fd[1], &r, sizeof r) != static_cast<ssize_t>(sizeof r)) _exit(1);
    _exit(0);
  }
  close(fd[1]);
  RunResult r;
  ssize_t got = read(fd[0], &r, sizeof r);
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (got != static_cast<ssize_t>(sizeof r) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "基准子进程失败\n");
    std::exit(2);
  }
  return r;
}

void print(const char* what, int jobs, const RunResult& r) {
  double n = static_cast<double>(r.done);
  std::printf("  %-10s %d 线程：%6zu 份 %7.2f 秒  %7.0f 份/秒  （入库 %zu，跳过 %zu，失败 %zu）  峰值内存 %.1f MiB\n",
              what, jobs, r.done, r.seconds, n / r.seconds, r.parsed, r.skipped, r.failed,
              static_cast<double>(r.max_rss_kib) / 1024.0);
  // CPU per report on each side: the writer is one thread, so 1/writer time is the ceiling.
  std::printf("             CPU：写入线程 %.0f 微秒/份（上限 %.0f 份/秒），读取解析 %.0f 微秒/份\n",
              r.writer_cpu / n * 1e6, r.writer_cpu > 0 ? n / r.writer_cpu : 0.0, r.workers_cpu / n * 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  gk::tune_allocator_for_batches();  // as gongkai itself does
  size_t n = 50000;
  std::string keep;
  int only_jobs = 0;
  bool full_only = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--keep") && i + 1 < argc) keep = argv[++i];
    else if (!std::strcmp(argv[i], "--jobs") && i + 1 < argc) only_jobs = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--full-only")) full_only = true;
    else n = static_cast<size_t>(std::atol(argv[i]));
  }
  const int kYears = 5;
  size_t agencies = std::max<size_t>(1, n / kYears);
  n = agencies * kYears;
  fs::path dir = keep.empty() ? fs::temp_directory_path() / ("gk_ingest_bench_" + std::to_string(::getpid()))
                              : fs::path(keep);
  fs::create_directories(dir);

  // The corpus: generated once per directory (kept with --keep for reruns).
  std::vector<std::string> files;
  files.reserve(n);
  for (int y = 0; y < kYears; ++y)
    for (size_t a = 0; a < agencies; ++a)
      files.push_back((dir / "in" / std::to_string(2021 + y) / ("a" + std::to_string(a) + ".txt")).string());
  size_t bytes = 0;
  if (!fs::exists(dir / "in" / "done")) {
    auto g0 = std::chrono::steady_clock::now();
    for (int y = 0; y < kYears; ++y) fs::create_directories(dir / "in" / std::to_string(2021 + y));
    static const gk::render::TextLayout layouts[] = {
        gk::render::TextLayout::TabRows, gk::render::TextLayout::CellPerLine, gk::render::TextLayout::Markdown,
        gk::render::TextLayout::RunTogether, gk::render::TextLayout::SpaceSeparated};
    for (size_t a = 0; a < agencies; ++a) {
      std::mt19937 rng(static_cast<unsigned>(a) + 1);
      std::string agency = "青山市第" + std::to_string(a / 40 + 1) + "区第" + std::to_string(a % 40 + 1) + "街道办事处";
      gk::Report prev;
      for (int y = 0; y < kYears; ++y) {
        gk::Report r = gk::synth::make_report(rng, agency, 2021 + y, y ? &prev : nullptr);
        gk::render::RenderOptions ro;
        ro.layout = layouts[(a + static_cast<size_t>(y)) % 5];
        ro.keep_printed = true;
        std::string text = gk::render::render(r, ro);
        bytes += text.size();
        std::ofstream(files[static_cast<size_t>(y) * agencies + a], std::ios::binary) << text;
        prev = std::move(r);
      }
    }
    std::ofstream(dir / "in" / "done") << n;
    std::printf("生成 %zu 份报告（%zu 个机关 × %d 年，%.1f MiB），%.1f 秒\n", n, agencies, kYears,
                static_cast<double>(bytes) / 1048576.0,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - g0).count());
  }
  std::printf("ingest_bench：%zu 份纯文本报告（%zu 个机关 × %d 年，五种排版），%u 核\n", n, agencies, kYears,
              std::thread::hardware_concurrency());
  std::fflush(stdout);

  // The smaller run takes the first tenth of the agencies with all their years,
  // so both runs link years and differ only in size.
  size_t small_agencies = std::max<size_t>(1, agencies / 10);
  std::vector<std::string> small_files;
  for (int y = 0; y < kYears; ++y)
    for (size_t a = 0; a < small_agencies; ++a) small_files.push_back(files[static_cast<size_t>(y) * agencies + a]);
  for (int jobs : {1, 2}) {
    if (only_jobs && jobs != only_jobs) continue;
    for (const std::vector<std::string>* set : {&small_files, &files}) {
      bool full = set == &files;
      if (full_only && !full) continue;
      std::string db = (dir / ("c" + std::to_string(jobs) + "-" + std::to_string(set->size()) + ".db")).string();
      for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db + ext);
      RunResult r = run_child(*set, db, jobs);
      print(full ? "全量" : "十分之一", jobs, r);
      std::fflush(stdout);
      if (full && jobs == 2 && !full_only) {
        RunResult again = run_child(*set, db, jobs);
        print("增量重跑", jobs, again);
      }
      for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db + ext);
    }
  }
  if (keep.empty()) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  return 0;
}
