#include "check/xyear.h"

#include <cmath>
#include <cstdio>

#include "check/reuse.h"
#include "model/rules.h"
#include "model/sections.h"
#include "util/text.h"

namespace gk {

namespace {

std::string num(double v) { return format_number(v); }

std::string pct(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", v * 100.0);
  return buf;
}


void carry(const Report& prev, const Report& cur, CrossYear& out) {
  for (int c = 0; c < kT2Cols; ++c) {
    const Cell& now = cur.applications[R_CARRIED_OVER][c];
    const Cell& before = prev.applications[R_CARRIED_FORWARD][c];
    if (!now.known() || !before.known() || *now.value == *before.value) continue;
    emit(out.diagnostics, Rule::X_XYEAR_CARRY, now.line, std::to_string(cur.year) + "年“二、上年结转政府信息公开申请数量”（" + kT2ColLabels[c] +
                "）为 " + num(*now.value) + "，与" + std::to_string(prev.year) +
                "年报告“四、结转下年度继续办理”的 " + num(*before.value) + " 不一致")
        .instance(kT2ColKeys[c])
        .cell(t2_path(R_CARRIED_OVER, c))
        .note("上一年报告：" + (prev.path.empty() ? prev.sha256 : prev.path), before.line);
  }
}

void stock(const Report& prev, const Report& cur, CrossYear& out) {
  // The 2019 template prints 对外公开总数量, not 现行有效件数, and has no 废止 column.
  if (prev.edition != cur.edition) return;
  struct Item {
    const char* key;
    const char* label;
    const StockRow& p;
    const StockRow& c;
  };
  const Item items[] = {
      {"regulations", "规章", prev.proactive.regulations, cur.proactive.regulations},
      {"normative_documents", "行政规范性文件", prev.proactive.normative_documents,
       cur.proactive.normative_documents},
  };
  for (const auto& it : items) {
    if (!it.p.in_force.known() || !it.c.issued.known() || !it.c.repealed.known() || !it.c.in_force.known())
      continue;
    double expect = *it.p.in_force.value + *it.c.issued.value - *it.c.repealed.value;
    double got = *it.c.in_force.value;
    if (std::fabs(expect - got) < 1e-9) continue;
    std::string base = std::string("proactive.") + it.key + ".";
    emit(out.diagnostics, Rule::T1_STOCK_XYEAR, it.c.in_force.line, std::string(it.label) + "现行有效件数为 " + num(got) + "，但按上一年（" +
                std::to_string(prev.year) + "年）现行有效 " + num(*it.p.in_force.value) + " 件 + 本年制发 " +
                num(*it.c.issued.value) + " 件 − 本年废止 " + num(*it.c.repealed.value) + " 件应为 " +
                num(expect) + " 件（相差 " + num(got - expect) + "；文件失效也可能造成差异）")
        .instance(it.key)
        .cells({base + "in_force", base + "issued", base + "repealed"})
        .note("上一年报告：" + (prev.path.empty() ? prev.sha256 : prev.path), it.p.in_force.line);
  }
}

void text_reuse(const Report& prev, const Report& cur, const TextPrint& pp, const TextPrint& cp, CrossYear& out) {
  for (int i = 0; i < 6; ++i) {
    const Section& a = cur.sections[i];
    const Section& b = prev.sections[i];
    if (a.text.empty() || b.text.empty()) continue;
    const Shingles& sa = cp.s[i];
    const Shingles& sb = pp.s[i];
    if (sa.chars == 0 || sb.chars == 0) continue;
    Similarity sim = similarity(sa, sb);
    out.reuse.push_back({i + 1, sim.jaccard, sim.containment, sa.chars, sb.chars});
    if (sa.chars >= kBoilerplateMinChars && sb.chars >= kBoilerplateMinChars &&
        sim.jaccard >= kBoilerplateJaccard) {
      std::string heading = a.heading.empty() ? std::string() : "“" + a.heading + "”";
      emit(out.diagnostics, Rule::C_BOILERPLATE, a.line, std::string("第") + std::string(section_ordinal(i + 1)) + "部分" + heading + "的文字与" +
                  std::to_string(prev.year) + "年报告高度雷同（相似度 " + pct(sim.jaccard) + "，本年文字有 " +
                  pct(sim.containment) + " 见于上一年）")
          .instance(std::to_string(i + 1))
          .note("上一年报告：" + (prev.path.empty() ? prev.sha256 : prev.path), b.line);
    }
  }
  const Shingles& sa = cp.s[6];
  const Shingles& sb = pp.s[6];
  if (sa.chars && sb.chars) {
    Similarity sim = similarity(sa, sb);
    out.reuse.push_back({0, sim.jaccard, sim.containment, sa.chars, sb.chars});
  }
}

}  // namespace

TextPrint text_print(const Report& r) {
  std::vector<std::string_view> texts;
  for (int i = 0; i < 6; ++i) texts.push_back(r.sections[i].text);
  std::vector<Shingles> s = shingle_parts_and_whole(texts);
  TextPrint p;
  for (int i = 0; i < 7; ++i) p.s[i] = std::move(s[i]);
  return p;
}

CrossYear cross_year(const Report& prev, const Report& cur, const TextPrint* prev_print, const TextPrint* cur_print) {
  CrossYear out;
  carry(prev, cur, out);
  stock(prev, cur, out);
  TextPrint pp, cp;
  if (!prev_print) pp = text_print(prev), prev_print = &pp;
  if (!cur_print) cp = text_print(cur), cur_print = &cp;
  text_reuse(prev, cur, *prev_print, *cur_print, out);
  return out;
}

}  // namespace gk
