// PDFs printed the way reports are published (tests/data/printed, made by
// make_corpus.sh there): generated records rendered to HTML and printed by
// Chromium headless, or rendered to DOCX with Table 2 wider than the page and
// converted by LibreOffice (the columns past the page edge are not printed).
// Every cell must read back to its truth or come back null (missing): never a
// value in the wrong cell, never 0 for a cell that is off the page. A table
// cut at the page edge must say so (R-TABLE-CLIPPED) and name those cells.
//
// Opt-in, a whole generated corpus (≥ 500 PDFs of both producers take tens of
// minutes to print on a shared machine, so not in the default run):
//   tests/data/printed/make_corpus.sh /tmp/printed 500
//   GK_PDF_CORPUS=/tmp/printed build/tests/gongkai_tests --gtest_filter='read_pdf_printed.*'
#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "model/json.h"
#include "pipeline.h"
#include "read/format_readers.h"
#include "render/layout.h"
#include "render/render.h"

namespace {

using namespace gk;

struct Result {
  int files = 0, cells = 0, wrong = 0, missing = 0, clipped_files = 0, clipped_named = 0;
  int cells_2019 = 0, missing_2019 = 0;  // of them, the 2019 Table 1 figures
  std::vector<std::string> failures;
};

std::vector<std::string> pdfs_in(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 4 && n.compare(n.size() - 4, 4, ".pdf") == 0) out.push_back(dir + "/" + n);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void check_file(const std::string& pdf, Result* res) {
  std::string stem = pdf.substr(0, pdf.size() - 4);
  std::ifstream tf(stem + ".truth.json");
  if (!tf) return;
  Report truth = from_json(nlohmann::json::parse(tf));
  Report got;
  try {
    got = parse_file(pdf);
  } catch (const std::exception& e) {
    res->failures.push_back(pdf + ": " + e.what());
    return;
  }
  ++res->files;
  std::set<std::string> clipped;
  bool clip_diag = false;
  for (const auto& d : got.diagnostics)
    if (d.rule == "R-TABLE-CLIPPED") {
      clip_diag = true;
      clipped.insert(d.cells.begin(), d.cells.end());
    }
  bool wide = pdf.find("-lo-wide") != std::string::npos;
  if (wide) {
    ++res->clipped_files;
    if (clip_diag) ++res->clipped_named;
    else res->failures.push_back(pdf + ": Table 2 runs off the page, but no R-TABLE-CLIPPED finding");
  } else if (clip_diag) {
    res->failures.push_back(pdf + ": R-TABLE-CLIPPED on a page that shows every column");
  }
  // The 2019 template's own Table 1 figures (本年新公开, 上一年项目数量,
  // 本年增/减, 政府集中采购 …) are not in all_cells: compared here.
  if (truth.proactive_2019.present) {
    const auto& w = truth.proactive_2019;
    const auto& h = got.proactive_2019;
    const std::pair<const Cell*, const Cell*> pairs[] = {
        {&w.regulations_published, &h.regulations_published}, {&w.normative_published, &h.normative_published},
        {&w.licensing_prev, &h.licensing_prev},               {&w.licensing_change, &h.licensing_change},
        {&w.other_services_prev, &h.other_services_prev},     {&w.other_services_change, &h.other_services_change},
        {&w.other_services, &h.other_services},               {&w.punishment_prev, &h.punishment_prev},
        {&w.punishment_change, &h.punishment_change},         {&w.enforcement_prev, &h.enforcement_prev},
        {&w.enforcement_change, &h.enforcement_change},       {&w.fees_prev, &h.fees_prev},
        {&w.fees_change, &h.fees_change},                     {&w.procurement_items, &h.procurement_items},
        {&w.procurement_amount, &h.procurement_amount}};
    if (!h.present) res->failures.push_back(pdf + ": the 2019 Table 1 figures were not read");
    int k = 0;
    for (const auto& [wc, hc] : pairs) {
      ++k;
      if (!wc->value) continue;
      ++res->cells;
      ++res->cells_2019;
      if (!hc->value) {
        ++res->missing;
        ++res->missing_2019;
        continue;
      }
      if (std::fabs(*wc->value - *hc->value) < 1e-9) continue;
      ++res->wrong;
      res->failures.push_back(pdf + " 2019 Table 1 figure " + std::to_string(k) + ": got " +
                              render::format_number(*hc->value) + ", truth " + render::format_number(*wc->value));
    }
  }
  auto want = all_cells(truth);
  auto have = all_cells(got);
  if (want.size() != have.size()) {
    res->failures.push_back(pdf + ": cell lists differ");
    return;
  }
  for (size_t i = 0; i < want.size(); ++i) {
    const Cell& w = *want[i].cell;
    const Cell& h = *have[i].cell;
    if (!w.value && w.status == CellStatus::Absent) continue;  // not in this template
    ++res->cells;
    if (!h.value) {
      ++res->missing;
      continue;
    }
    if (w.value && std::fabs(*w.value - *h.value) < 1e-9) continue;
    ++res->wrong;
    if (res->failures.size() < 20)
      res->failures.push_back(pdf + " " + want[i].path + ": got " + render::format_number(*h.value) + " (" +
                              std::string(cell_status_name(h.status)) + "), truth " +
                              (w.value ? render::format_number(*w.value) : "null") +
                              (clipped.count(want[i].path) ? " [named as clipped]" : ""));
  }
}

void check_dir(const std::string& dir, size_t min_files) {
#if !GONGKAI_HAVE_POPPLER
  GTEST_SKIP() << "no PDF reader compiled in";
#endif
  Result res;
  std::vector<std::string> files = pdfs_in(dir);
  ASSERT_GE(files.size(), min_files) << dir;
  for (const auto& f : files) check_file(f, &res);
  std::string why;
  for (const auto& f : res.failures) why += "\n  " + f;
  EXPECT_EQ(res.wrong, 0) << res.wrong << " wrong cells" << why;
  EXPECT_TRUE(res.failures.empty()) << why;
  std::printf("%s: %d PDFs (%d with a table off the page, %d of them flagged), %d cells, %d wrong, %d missing "
              "(2019 Table 1 figures: %d, %d missing)\n",
              dir.c_str(), res.files, res.clipped_files, res.clipped_named, res.cells, res.wrong, res.missing,
              res.cells_2019, res.missing_2019);
}

TEST(read_pdf_printed, FixturesReadBackOrMissing) {
  check_dir(std::string(GONGKAI_TEST_DATA) + "/printed", 8);
}

TEST(read_pdf_printed, GeneratedCorpus) {
  const char* dir = std::getenv("GK_PDF_CORPUS");
  if (!dir) GTEST_SKIP() << "set GK_PDF_CORPUS=<dir made by tests/data/printed/make_corpus.sh>";
  check_dir(dir, 1);
}

}  // namespace
