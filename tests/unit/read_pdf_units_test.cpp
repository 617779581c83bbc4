// Money units in the fee row (issue 12): a fee printed "251000元" goes into
// the 万元 column as 25.1 and says so; printed in 万元 it is taken as it is.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "gen/generator.h"
#include "pipeline.h"
#include "render/layout.h"
#include "render/render.h"

namespace {

using namespace gk;

Report with_fee(const std::string& printed) {
  Report truth = gen::generate_report(4242);
  render::RenderOptions ro;
  ro.layout = render::TextLayout::TabRows;
  render::RenderDoc doc = render::build_document(truth, ro);
  std::string text = render::write_text(doc, ro.layout);
  // "$01", not "$1": the printed value starts with a digit, and "$1" followed by
  // "3" is read as group 13 (empty), which deleted the row label.
  std::string changed = std::regex_replace(text, std::regex("(行政事业性收费\t)[0-9.]+"), "$01" + printed);
  EXPECT_NE(changed.find("行政事业性收费\t" + printed), std::string::npos) << "no fee row in the rendered text";
  return parse_bytes(changed, "fee.txt");
}

const Diagnostic* find(const Report& r, const std::string& rule) {
  for (const auto& d : r.diagnostics)
    if (d.rule == rule) return &d;
  return nullptr;
}

TEST(read_pdf_units, FeeInYuanIsConvertedToWanYuan) {
  Report r = with_fee("251000元");
  ASSERT_TRUE(r.proactive.fees_wan_yuan.value);
  EXPECT_DOUBLE_EQ(*r.proactive.fees_wan_yuan.value, 25.1);
  EXPECT_EQ(r.proactive.fees_wan_yuan.raw, "251000元");
  const Diagnostic* d = find(r, "T1-FEE-YUAN");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::Note);
  EXPECT_NE(d->message.find("25.1 万元"), std::string::npos) << d->message;
  EXPECT_EQ(d->cells, std::vector<std::string>{"proactive.fees_wan_yuan"});
}

TEST(read_pdf_units, FeeInWanYuanIsKept) {
  Report r = with_fee("25.1万元");
  ASSERT_TRUE(r.proactive.fees_wan_yuan.value);
  EXPECT_DOUBLE_EQ(*r.proactive.fees_wan_yuan.value, 25.1);
  EXPECT_EQ(find(r, "T1-FEE-YUAN"), nullptr);
}

TEST(read_pdf_units, PlainFeeHasNoNote) {
  Report r = with_fee("3");
  ASSERT_TRUE(r.proactive.fees_wan_yuan.value);
  EXPECT_DOUBLE_EQ(*r.proactive.fees_wan_yuan.value, 3);
  EXPECT_EQ(find(r, "T1-FEE-YUAN"), nullptr);
  EXPECT_TRUE(r.proactive.fees_wan_yuan.raw.empty());
}

}  // namespace
