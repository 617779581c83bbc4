#include "recognize/recognize.h"

#include <algorithm>

#include "normalize/normalize.h"
#include "read/reader.h"
#include "recognize/anchors.h"
#include "recognize/identity.h"
#include "recognize/legacy.h"
#include "recognize/sections.h"
#include "recognize/stream.h"
#include "recognize/tables.h"

namespace gk {

namespace {

size_t first_of(const Stream& st, std::initializer_list<const char32_t*> keys, size_t from, size_t to) {
  size_t best = to;
  for (const char32_t* k : keys) {
    size_t p = st.c.find(k, from);
    if (p != std::u32string::npos && p < best) best = p;
  }
  return best;
}

}  // namespace

Report recognize(const Document& doc) {
  Stream st = build_stream(doc);
  if (st.c.empty()) throw ReadError("文件中没有可读的文字");
  Report r;
  auto hits = find_sections(st, doc, r);
  size_t body = st.c.size();
  for (const auto& h : hits)
    if (h.found) body = std::min(body, h.cb);
  read_identity(st, doc, body == st.c.size() ? 0 : body, r);
  trim_section_tails(r);
  // Before 2019: the legacy edition, none of the national tables.
  if (is_legacy_report(st, r)) {
    read_legacy(st, doc, r);
    // Without a year before 2019, the words of the statistics table alone (a
    // README, a notice about the report) do not make a legacy report: it needs
    // a known indicator of the table or a section of its own.
    if (r.year == 0) {
      bool known = false;
      for (const auto& s : r.legacy.statistics) known = known || !s.key.empty();
      if (!known && r.legacy.sections.empty())
        throw ReadError("未识别出政府信息公开工作年度报告的内容（没有章节标题，也没有可识别的统计表指标）");
    }
    return r;
  }
  find_stale_years(r);

  const auto& lex = typo_lexicon();
  for (size_t k = 0; k < lex.size(); ++k)
    if (st.lexicon_hits & (uint64_t(1) << k)) {
      r.label_variants.push_back(lex[k].note);
      int line = k < st.lexicon_lines.size() ? st.lexicon_lines[k] : 0;
      if (line && (!r.label_variant_line || line < r.label_variant_line)) r.label_variant_line = line;
    }

  const size_t N = st.c.size();
  auto heading_start = [&](int idx) -> size_t {  // idx 0..5; first printed heading of idx or later
    size_t at = N;
    for (int k = idx; k < 6; ++k)
      if (hits[k].found) at = std::min(at, hits[k].cb);
    return at;
  };

  // Table 1: in section 二, or from its first caption.
  size_t t1_from = hits[1].found ? hits[1].ce : first_of(st, {U"第二十条"}, 0, N);
  if (t1_from == N) t1_from = hits[0].found ? hits[0].ce : 0;
  size_t t1_to = heading_start(2);
  if (t1_to <= t1_from) t1_to = N;
  // Where Table 2 starts when heading 三 is missing: its corner note, header or first row.
  size_t t2_start = hits[2].found ? N : first_of(st, {U"勾稽关系", U"申请人情况", U"本年新收"}, t1_from, N);
  if (!hits[2].found) t1_to = std::min(t1_to, t2_start);
  bool run_together = false;

  // Table 2: in section 三.
  size_t t2_from = hits[2].found ? hits[2].ce : t2_start;
  size_t t2_to = heading_start(3);
  if (t2_to <= t2_from) t2_to = N;
  if (!hits[3].found) {
    size_t t3s = first_of(st, {U"行政复议"}, t2_from, N);
    // "行政复议" in Table 3's header; Table 2 never contains it
    t2_to = std::min(t2_to, t3s);
  }
  size_t t2_end = read_table2(st, t2_from, t2_to, &run_together, r);
  // Table 1 after Table 2: a run-together layout is recognised on Table 2's rows.
  read_table1(st, t1_from, t1_to, run_together, r);

  // Table 3: in section 四.
  size_t t3_from = hits[3].found ? hits[3].ce : (t2_end ? first_of(st, {U"行政复议"}, t2_end, N) : N);
  size_t t3_to = heading_start(4);
  if (t3_to <= t3_from) t3_to = N;
  read_table3(st, t3_from, t3_to, run_together, r);

  int sections_found = 0;
  for (const auto& h : hits) sections_found += h.found;
  // A file that stops before Table 3 and sections 四–六: cut off (an interrupted
  // download, a partial copy), not a report to be checked.
  bool tail = r.t3_found || hits[3].found || hits[4].found || hits[5].found;
  if ((r.t1_found || r.t2_found) && !tail) {
    std::string where = r.t2_found ? "表二" : "表一";
    throw ReadError("文件内容不完整：读到" + where + "后就结束了，没有表三和第四至六部分，文件可能被截断");
  }
  if (!r.t1_found && !r.t2_found && !r.t3_found)
    throw ReadError(sections_found >= 2
                        ? "没有找到三张统计表中的任何一张：文件可能被截断，或表格无法读出"
                        : "未识别出政府信息公开工作年度报告的内容（没有章节标题，也没有统计表）");
  return r;
}

}  // namespace gk
