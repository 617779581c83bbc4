// Acceptance: the real hongze PDFs, read by the PDF reader and parsed by the
// pipeline (no repair), give every truth cell of Tables 1-3 (200 per report).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "pipeline.h"
#include "read/format_readers.h"
#include "model/json.h"

#ifndef GONGKAI_TEST_DATA
#define GONGKAI_TEST_DATA "tests/data"
#endif

namespace {

#if GONGKAI_HAVE_POPPLER

using nlohmann::json;

json unwrap(const json& v) { return v.is_object() && v.contains("value") ? v["value"] : v; }

bool same(const json& got, const json& want) {
  json g = unwrap(got);
  if (want.is_null()) return g.is_null();
  if (!g.is_number() || !want.is_number()) return false;
  return std::abs(g.get<double>() - want.get<double>()) < 1e-9;
}

void check_report(const std::string& name) {
  std::string base = std::string(GONGKAI_TEST_DATA) + "/real/" + name;
  std::ifstream tf(base + ".truth.json");
  json truth = json::parse(tf);
  gk::ParseOptions opt;
  opt.repair = false;
  json rec = gk::to_json(gk::parse_file(base + ".pdf", opt), false);
  int total = 0, ok = 0;
  auto cmp = [&](const json& got, const json& want, const std::string& where) {
    ++total;
    if (same(got, want)) ++ok;
    else ADD_FAILURE() << name << " " << where << ": want " << want.dump() << ", got " << got.dump();
  };
  const json& p = rec["proactive"];
  for (auto& [k, v] : truth["t1"].items()) {
    if (v.is_object())
      for (auto& [kk, vv] : v.items()) cmp(p.value(k, json::object()).value(kk, json()), vv, "t1." + k + "." + kk);
    else
      cmp(p.value(k, json()), v, "t1." + k);
  }
  auto rows = [&](const json& got, const json& want, const std::string& tag) {
    for (auto& [k, row] : want.items())
      for (size_t i = 0; i < row.size(); ++i) {
        json g = got.contains(k) && got[k].is_array() && i < got[k].size() ? got[k][i] : json();
        cmp(g, row[i], tag + "." + k + "[" + std::to_string(i) + "]");
      }
  };
  rows(rec["applications"], truth["t2"]["rows"], "t2");
  rows(rec["appeals"], truth["t3"], "t3");
  EXPECT_EQ(ok, total) << name;
  EXPECT_EQ(total, 200);
}

TEST(read_pdf_acceptance, Hongze2023) { check_report("hongze-2023"); }
TEST(read_pdf_acceptance, Hongze2024) { check_report("hongze-2024"); }

#else
TEST(read_pdf_acceptance, NotCompiledIn) { GTEST_SKIP() << "poppler-cpp not found at build time"; }
#endif

}  // namespace
