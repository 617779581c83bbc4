// Reports in the shapes they really reach users in (issue 13), generated with
// their truth: a crawler's copy with its header block, a saved web page with
// the site around the article, PDF-to-Markdown converter output, pdftotext
// output of ruled tables, reports before 2019 (the legacy edition), and
// sections printed out of order. Deterministic given the seed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/report.h"

namespace gk::gen {

enum class Shape { Crawl, Webpage, ConverterMd, Pdftotext, Legacy, OutOfOrder };
inline constexpr Shape kAllShapes[] = {Shape::Crawl,     Shape::Webpage, Shape::ConverterMd,
                                       Shape::Pdftotext, Shape::Legacy,  Shape::OutOfOrder};

std::string_view shape_name(Shape s);  // "crawl", "webpage", "converter-md", "pdftotext", "legacy", "out-of-order"
std::optional<Shape> shape_from_name(std::string_view name);

struct ShapedReport {
  std::string bytes;      // the file
  std::string extension;  // ".txt", ".html", ".md"
  // The truth, in the tests' truth format ({agency, year, publication_date,
  // t1, t2.rows, t3}) plus, per shape: "agency_printed" (the title's form),
  // "legacy_statistics" ([{name, this_year, cumulative}]), "section_order".
  nlohmann::json truth;
  Report record;          // the record the file was made from
};

ShapedReport make_shaped(Shape shape, uint64_t seed);

}  // namespace gk::gen
