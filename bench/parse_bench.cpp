// Parse throughput on one core, over a corpus of generated plain-text reports
// in every text layout. Prints reports/s and peak memory at two corpus sizes,
// so memory that grows with the number of files shows.
//
// Usage: parse_bench [reports=3000] [rounds=3]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "gen/generator.h"
#include "pipeline.h"
#include "render/render.h"

namespace {

long peak_rss_kib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 3000;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  using gk::render::TextLayout;
  const TextLayout layouts[] = {TextLayout::TabRows, TextLayout::CellPerLine, TextLayout::Markdown,
                                TextLayout::RunTogether, TextLayout::SpaceSeparated};
  std::vector<std::string> corpus;
  corpus.reserve(n);
  size_t bytes = 0;
  for (int i = 0; i < n; ++i) {
    gk::Report r = gk::gen::generate_report(1000 + i);
    gk::render::RenderOptions o;
    o.layout = layouts[i % 5];
    corpus.push_back(gk::render::render(r, o));
    bytes += corpus.back().size();
  }
  std::printf("语料：%d 份生成的文本报告（5 种版式轮换），共 %.1f MiB，平均 %.1f KiB/份\n", n, bytes / 1048576.0,
              bytes / 1024.0 / n);
  long rss_before = peak_rss_kib();
  size_t cells = 0;
  for (int round = 0; round < rounds; ++round) {
    // Half the corpus, then all of it: peak memory must not depend on the count.
    for (int part : {n / 2, n}) {
      auto t0 = std::chrono::steady_clock::now();
      for (int i = 0; i < part; ++i) {
        gk::Report r = gk::parse_bytes(corpus[i], "bench.txt");
        cells += r.applications[gk::R_TOTAL][6].value ? 1 : 0;
      }
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::printf("第 %d 轮 %5d 份：%.3f 秒，%.0f 份/秒/核，%.1f MiB/秒，峰值内存 %.1f MiB\n", round + 1, part, s,
                  part / s, (bytes * (double)part / n) / 1048576.0 / s, peak_rss_kib() / 1024.0);
    }
  }
  std::printf("解析前峰值内存 %.1f MiB（含语料本身），解析后 %.1f MiB；校验计数 %zu\n", rss_before / 1024.0,
              peak_rss_kib() / 1024.0, cells);
  return 0;
}
