// Throughput per format on one core (issue #3): generated reports rendered in
// memory to text, HTML and DOCX by src/render (what `gongkai render` writes),
// text-layer PDFs made from those DOCX by LibreOffice (bench/make_pdfs.sh), the
// published PDFs in tests/data/real, and a handful of DOC files. For each format:
//   read   bytes -> Document (gk::read_bytes, the format readers)
//   parse  read + recognize + repair + check, as `gongkai check` does (gk::parse_bytes)
// in reports per second per core: per second of this thread's CPU time and per
// wall second. CPU time is less sensitive than wall time to other work on the
// machine but not immune (shared caches, memory bandwidth, the hypervisor): on
// the shared 2-core VM the same binary varied by up to 40% between runs, so
// compare figures from one run, or the best of several. Peak RSS (getrusage ru_maxrss) and current RSS after half and all of
// each corpus, so memory that grows with the number of files shows.
//
// Usage: formats_bench [--default-malloc] [--pdf-only] [reports=300] [pdf_dir] [doc_dir]
//        formats_bench --write-docx DIR [reports=300]   (the DOCX make_pdfs.sh converts)
//   --default-malloc: glibc's default allocator settings instead of the ones the
//   gongkai binary sets (gk::tune_allocator_for_batches), to show the difference.
//   --pdf-only: only the two PDF corpora (to compare PDF reader changes quickly).
// Report i is generated from seed 1000+i, every fifth in the 2019 template, so the
// PDFs in pdf_dir (named NNNN.pdf after i) are the same reports as the DOCX.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gen/generator.h"
#include "pipeline.h"
#include "read/reader.h"
#include "read/zip_archive.h"
#include "render/render.h"
#include "util/cpu_time.h"
#include "util/malloc_tuning.h"
#include "util/sha256.h"

namespace fs = std::filesystem;

namespace {

long peak_rss_kib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

long current_rss_kib() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string load_average() {
  double l[3] = {0, 0, 0};
  if (getloadavg(l, 3) != 3) return "?";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f %.2f %.2f", l[0], l[1], l[2]);
  return buf;
}

// Pad to `cols` terminal columns (CJK characters take two).
std::string pad(const std::string& s, int cols) {
  int w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c < 0x80) ++w;
    else if (c >= 0xE0) w += 2;  // 3-byte sequences: CJK, full-width punctuation
  }
  return s + std::string(std::max(0, cols - w), ' ');
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

gk::Report truth_report(int i) {
  gk::gen::GenOptions g;
  g.template_2019 = i % 5 == 4;
  return gk::gen::generate_report(1000 + i, g);
}

// Every table cell reads back to the generated value.
bool cells_match(const gk::Report& truth, const gk::Report& got) {
  auto a = gk::all_cells(truth);
  auto b = gk::all_cells(got);
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k) {
    const auto &x = a[k].cell->value, &y = b[k].cell->value;
    if (x.has_value() != y.has_value() || (x && std::fabs(*x - *y) >= 1e-9)) return false;  // as roundtrip_test
  }
  return true;
}

struct Corpus {
  explicit Corpus(std::string n = "") : name(std::move(n)) {}
  std::string name;                 // "HTML", …
  std::vector<std::string> bytes;   // one file each
  std::vector<std::string> paths;   // for the readers (extension is not used to detect)
  std::vector<int> truth;           // index of the generated report, -1 when none
  int repeat = 1;                   // passes per timing (tiny corpora)
  int rounds = 3;                   // timed rounds (each: half the corpus, then all of it)
  std::optional<double> target;     // reports/s per core
};

struct Timing {
  double cpu = 0, wall = 0;
  size_t files = 0;
};

// One pass over files [0, count) with `fn`; returns CPU and wall time.
Timing timed(const Corpus& c, size_t count, const std::function<void(size_t)>& fn) {
  Timing t;
  double c0 = gk::thread_cpu_seconds(), w0 = wall_seconds();
  for (int r = 0; r < c.repeat; ++r)
    for (size_t i = 0; i < count; ++i) fn(i);
  t.cpu = gk::thread_cpu_seconds() - c0;
  t.wall = wall_seconds() - w0;
  t.files = count * c.repeat;
  return t;
}

struct Result {
  double read_cpu_rate = 0, parse_cpu_rate = 0;
};

Result run(const Corpus& c, const std::vector<gk::Report>& truths) {
  Result res;
  size_t n = c.bytes.size();
  size_t bytes = 0;
  for (auto& b : c.bytes) bytes += b.size();
  std::printf("\n== %s：%zu 个文件，共 %.1f MiB，平均 %.1f KiB/个%s（负载 %s）\n", c.name.c_str(), n,
              bytes / 1048576.0, bytes / 1024.0 / n,
              c.repeat > 1 ? ("，每次计时重复 " + std::to_string(c.repeat) + " 遍").c_str() : "",
              load_average().c_str());
  // Correctness first (untimed): every file reads, and how many give back every cell.
  size_t failed = 0, exact = 0, with_truth = 0;
  for (size_t i = 0; i < n; ++i) {
    try {
      gk::Report r = gk::parse_bytes(c.bytes[i], c.paths[i]);
      if (c.truth[i] >= 0) {
        ++with_truth;
        if (cells_match(truths[c.truth[i]], r)) ++exact;
        else if (with_truth - exact <= 3)
          std::printf("  单元格与生成值不一致：%s（种子 %d）\n", c.paths[i].c_str(), 1000 + c.truth[i]);
      }
    } catch (const std::exception& e) {
      if (failed++ < 3) std::printf("  无法解析 %s：%s\n", c.paths[i].c_str(), e.what());
    }
  }
  if (with_truth)
    std::printf("  校验：%zu/%zu 份所有单元格与生成值一致，%zu 个无法解析\n", exact, with_truth, failed);
  else
    std::printf("  校验：%zu 个无法解析\n", failed);

  long rss0 = current_rss_kib(), peak0 = peak_rss_kib();
  size_t sink = 0;
  auto read_one = [&](size_t i) {
    gk::Document d = gk::read_bytes(c.bytes[i], c.paths[i]);
    sink += d.blocks.size();
  };
  auto parse_one = [&](size_t i) {
    gk::Report r = gk::parse_bytes(c.bytes[i], c.paths[i]);
    sink += r.diagnostics.size();
  };
  double best_read_cpu = 0, best_read_wall = 0, best_parse_cpu = 0, best_parse_wall = 0;
  for (int round = 1; round <= c.rounds; ++round) {
    for (size_t part : {n / 2 ? n / 2 : n, n}) {
      Timing tr = timed(c, part, read_one);
      Timing tp = timed(c, part, parse_one);
      double rc = tr.files / tr.cpu, rw = tr.files / tr.wall, pc = tp.files / tp.cpu, pw = tp.files / tp.wall;
      std::printf("  第 %d 轮 %4zu 份：只读取 %8.1f 份/秒/核（墙钟 %8.1f）；完整解析 %8.1f 份/秒/核（墙钟 %8.1f）；"
                  "当前内存 %.1f MiB，峰值 %.1f MiB\n",
                  round, tr.files, rc, rw, pc, pw, current_rss_kib() / 1024.0, peak_rss_kib() / 1024.0);
      if (part == n) {
        best_read_cpu = std::max(best_read_cpu, rc);
        best_read_wall = std::max(best_read_wall, rw);
        best_parse_cpu = std::max(best_parse_cpu, pc);
        best_parse_wall = std::max(best_parse_wall, pw);
      }
    }
  }
  long rss1 = current_rss_kib(), peak1 = peak_rss_kib();
  std::printf("  最好成绩：只读取 %.1f 份/秒/核（墙钟 %.1f，%.2f 毫秒/份）；完整解析 %.1f 份/秒/核（墙钟 %.1f，%.2f 毫秒/份）\n",
              best_read_cpu, best_read_wall, 1000.0 / best_read_cpu, best_parse_cpu, best_parse_wall,
              1000.0 / best_parse_cpu);
  std::printf("  内存（含内存中的语料）：计时前当前 %.1f MiB / 峰值 %.1f MiB，计时后当前 %.1f MiB / 峰值 %.1f MiB（增长 %+.1f MiB / %+.1f MiB）\n",
              rss0 / 1024.0, peak0 / 1024.0, rss1 / 1024.0, peak1 / 1024.0, (rss1 - rss0) / 1024.0,
              (peak1 - peak0) / 1024.0);
  if (c.target)
    std::printf("  目标 ≥ %.0f 份/秒/核（完整解析）：%s\n", *c.target,
                best_parse_cpu >= *c.target ? "达到" : "未达到");
  if (sink == 42) std::printf(" ");
  res.read_cpu_rate = best_read_cpu;
  res.parse_cpu_rate = best_parse_cpu;
  return res;
}

// Writes the DOCX and prints "fingerprint HEX": a hash of their contents without
// the zip timestamps, so make_pdfs.sh converts again only when the DOCX change.
int write_docx(const fs::path& dir, int n) {
  fs::create_directories(dir);
  gk::render::RenderOptions o;
  o.format = gk::render::OutputFormat::Docx;
  std::string parts;
  for (int i = 0; i < n; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%04d.docx", i);
    std::ofstream f(dir / name, std::ios::binary);
    std::string b = gk::render::render(truth_report(i), o);
    f.write(b.data(), (std::streamsize)b.size());
    if (!f) {
      std::fprintf(stderr, "formats_bench：无法写入 %s\n", (dir / name).c_str());
      return 2;
    }
    gk::ZipArchive zip(b, gk::ReadLimits{});
    for (const char* part : {"word/document.xml", "word/styles.xml"})
      if (zip.has(part)) parts += gk::sha256_hex(zip.read(part));
  }
  std::printf("fingerprint %s\n", gk::sha256_hex(parts).c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2 && std::strcmp(argv[1], "--write-docx") == 0)
    return write_docx(argv[2], argc > 3 ? std::atoi(argv[3]) : 300);
  bool default_malloc = false, pdf_only = false;
  while (argc > 1 && std::strncmp(argv[1], "--", 2) == 0) {
    if (std::strcmp(argv[1], "--default-malloc") == 0) {
      default_malloc = true;
    } else if (std::strcmp(argv[1], "--pdf-only") == 0) {
      pdf_only = true;
    } else {
      std::fprintf(stderr, "formats_bench：未知选项 %s\n", argv[1]);
      return 2;
    }
    --argc;
    ++argv;
  }
  if (!default_malloc) gk::tune_allocator_for_batches();  // as gongkai's main() does
  int n = argc > 1 ? std::atoi(argv[1]) : 300;
  if (n < 2) n = 2;
  fs::path pdf_dir = argc > 2 ? argv[2] : "";
  fs::path doc_dir = argc > 3 ? argv[3] : "";
  std::printf("formats_bench：%d 份生成的报告（每 5 份 1 份 2019 版格式），单线程；CPU 核数 %u，负载 %s\n", n,
              std::max(1u, std::thread::hardware_concurrency()), load_average().c_str());
  std::printf("“份/秒/核”按本线程 CPU 时间计，比墙钟少受其他负载影响，但在繁忙的机器上仍会偏低；“墙钟”按实际经过的时间计。\n");
  std::printf("内存分配：%s\n", default_malloc ? "glibc 默认设置（--default-malloc）"
                                              : "与 gongkai 相同（tune_allocator_for_batches）");

  std::vector<gk::Report> truths;
  truths.reserve(n);
  for (int i = 0; i < n; ++i) truths.push_back(truth_report(i));

  using gk::render::OutputFormat;
  using gk::render::TextLayout;
  const TextLayout layouts[] = {TextLayout::TabRows, TextLayout::CellPerLine, TextLayout::Markdown,
                                TextLayout::RunTogether, TextLayout::SpaceSeparated};
  Corpus text{"文本（参照，5 种版式轮换）"}, html{"HTML"}, docx{"DOCX"};
  html.target = 1000;
  docx.target = 1000;
  for (int i = 0; i < n && !pdf_only; ++i) {
    gk::render::RenderOptions o;
    o.layout = layouts[i % 5];
    text.bytes.push_back(gk::render::render(truths[i], o));
    text.paths.push_back("bench-" + std::to_string(i) + ".txt");
    o.format = OutputFormat::Html;
    html.bytes.push_back(gk::render::render(truths[i], o));
    html.paths.push_back("bench-" + std::to_string(i) + ".html");
    o.format = OutputFormat::Docx;
    docx.bytes.push_back(gk::render::render(truths[i], o));
    docx.paths.push_back("bench-" + std::to_string(i) + ".docx");
    text.truth.push_back(-1);  // run-together text may leave ambiguous cells null (roundtrip_test)
    html.truth.push_back(i);
    docx.truth.push_back(i);
  }
  std::vector<std::pair<std::string, Result>> summary;
  auto record = [&](const Corpus& c) { summary.emplace_back(c.name, run(c, truths)); };
  if (!pdf_only) {
    record(text);
    record(html);
    record(docx);
  }
  text = html = docx = Corpus{};  // free the corpora before the PDF part

  // Text-layer PDFs converted by LibreOffice from the same DOCX.
  Corpus pdf{"PDF（LibreOffice 由 DOCX 导出，有文字层）"};
  pdf.target = 20;
  pdf.rounds = 1;  // ~0.1 s a file: one round of half + all is enough
  if (!pdf_dir.empty() && fs::is_directory(pdf_dir)) {
    std::vector<fs::path> files;
    for (auto& e : fs::directory_iterator(pdf_dir))
      if (e.path().extension() == ".pdf") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (auto& p : files) {
      int i = std::atoi(p.stem().c_str());
      pdf.bytes.push_back(slurp(p));
      pdf.paths.push_back(p.string());
      pdf.truth.push_back(i >= 0 && i < n ? i : -1);
    }
  }
  if (pdf.bytes.size() >= 2)
    record(pdf);
  else
    std::printf("\n== PDF：没有 PDF（%s）；需要 LibreOffice（soffice）生成，见 bench/make_pdfs.sh，跳过\n",
                pdf_dir.empty() ? "未指定目录" : pdf_dir.c_str());

  // The two published PDFs (tests/data/real), several passes per timing.
  fs::path real = fs::path(__FILE__).parent_path().parent_path() / "tests/data/real";
  Corpus realpdf{"真实 PDF（tests/data/real）"};
  realpdf.repeat = 10;
  realpdf.target = 20;
  if (fs::is_directory(real))
    for (auto& e : fs::directory_iterator(real))
      if (e.path().extension() == ".pdf") {
        realpdf.bytes.push_back(slurp(e.path()));
        realpdf.paths.push_back(e.path().string());
        realpdf.truth.push_back(-1);
      }
  if (realpdf.bytes.size() >= 2) record(realpdf);

  // DOC: every file is converted by its own LibreOffice start (src/read/doc_reader.cpp),
  // so it is measured per file, on a handful, in wall seconds.
  if (!pdf_only && !doc_dir.empty() && fs::is_directory(doc_dir)) {
    std::vector<fs::path> files;
    for (auto& e : fs::directory_iterator(doc_dir))
      if (e.path().extension() == ".doc") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (!files.empty()) {
      std::printf("\n== DOC：%zu 个文件，每个由 LibreOffice 单独转换为 DOCX 后读取（负载 %s）\n", files.size(),
                  load_average().c_str());
      double total = 0;
      size_t ok = 0, exact = 0;
      for (auto& p : files) {
        std::string b = slurp(p);
        double w0 = wall_seconds();
        try {
          gk::Report r = gk::parse_bytes(b, p.string());
          ++ok;
          int i = std::atoi(p.stem().c_str());
          if (i >= 0 && i < n) exact += cells_match(truths[i], r);
        } catch (const std::exception& e) {
          std::printf("  无法解析 %s：%s\n", p.c_str(), e.what());
        }
        double s = wall_seconds() - w0;
        total += s;
        std::printf("  %s：%.2f 秒\n", p.filename().c_str(), s);
      }
      std::printf("  平均 %.2f 秒/份（%.2f 份/秒，墙钟；LibreOffice 启动占绝大部分，预期就慢）；%zu/%zu 份所有单元格一致\n",
                  total / files.size(), files.size() / total, exact, ok);
    }
  } else if (!pdf_only) {
    std::printf("\n== DOC：没有 DOC 文件（需要 LibreOffice，见 bench/make_pdfs.sh），跳过\n");
  }

  std::printf("\n== 汇总（份/秒/核，按 CPU 时间，单线程；负载 %s；峰值内存 %.1f MiB）\n", load_average().c_str(),
              peak_rss_kib() / 1024.0);
  for (auto& [name, r] : summary)
    std::printf("  %s 只读取 %9.1f   完整解析 %9.1f\n", pad(name, 44).c_str(), r.read_cpu_rate, r.parse_cpu_rate);
  return 0;
}
