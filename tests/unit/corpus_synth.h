// A small in-code generator of consistent report records over several years,
// for the corpus tests and the ingest benchmark. Each agency's years chain
// correctly (carried_over = last year's carried_forward, stock in_force adds
// up) unless a break is planted on purpose.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "model/report.h"

namespace gk::synth {

inline std::string random_text(std::mt19937& rng, size_t chars) {
  // Common CJK characters without region suffixes; independent texts share few 5-grams.
  static const std::u32string pool =
      U"的一是在不了有人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质";
  std::string out;
  std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
  std::u32string u;
  for (size_t i = 0; i < chars; ++i) {
    u.push_back(pool[pick(rng)]);
    if (i % 23 == 22) u.push_back(U'，');
  }
  u.push_back(U'。');
  std::string s;
  for (char32_t c : u) {
    if (c < 0x80) s.push_back(static_cast<char>(c));
    else if (c < 0x800) {
      s.push_back(static_cast<char>(0xC0 | (c >> 6)));
      s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      s.push_back(static_cast<char>(0xE0 | (c >> 12)));
      s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return s;
}

inline void set(Cell& c, double v, int line) { c.set_printed(v, line); }

// One year's record for an agency; `prev` (may be null) is last year's record.
inline Report make_report(std::mt19937& rng, const std::string& agency, int year, const Report* prev) {
  Report r;
  r.agency = agency;
  r.year = year;
  r.title = agency + std::to_string(year) + "年政府信息公开工作年度报告";
  r.edition = Edition::Y2021;
  std::uniform_int_distribution<int> small(0, 6), tiny(0, 2);
  int line = 20;
  auto stock = [&](StockRow& s, const StockRow* p) {
    int before = p && p->in_force.known() ? static_cast<int>(*p->in_force.value) : small(rng) * 3;
    int issued = small(rng), repealed = std::min(before + issued, tiny(rng));
    set(s.issued, issued, line);
    set(s.repealed, repealed, line);
    set(s.in_force, before + issued - repealed, line);
    ++line;
  };
  stock(r.proactive.regulations, prev ? &prev->proactive.regulations : nullptr);
  stock(r.proactive.normative_documents, prev ? &prev->proactive.normative_documents : nullptr);
  set(r.proactive.licensing, small(rng) * 10, line++);
  set(r.proactive.punishment, small(rng), line++);
  set(r.proactive.enforcement, tiny(rng), line++);
  set(r.proactive.fees_wan_yuan, 0, line++);
  for (auto& row : r.applications)
    for (auto& c : row) set(c, 0, 0);
  int base = 40;
  for (int c = 0; c < 6; ++c) {
    int co = prev ? static_cast<int>(*prev->applications[R_CARRIED_FORWARD][c].value) : tiny(rng);
    int nw = c == 0 ? small(rng) * 3 : tiny(rng);
    int avail = co + nw;
    int cf = avail ? std::uniform_int_distribution<int>(0, avail / 3)(rng) : 0;
    int rest = avail - cf;
    int granted = rest / 2, partial = rest / 4, unable = rest - granted - partial;
    set(r.applications[R_NEW][c], nw, base);
    set(r.applications[R_CARRIED_OVER][c], co, base + 1);
    set(r.applications[R_GRANTED][c], granted, base + 2);
    set(r.applications[R_PARTIAL][c], partial, base + 3);
    set(r.applications[R_UNABLE_FIRST][c], unable, base + 4);
    set(r.applications[R_TOTAL][c], rest, base + 5);
    set(r.applications[R_CARRIED_FORWARD][c], cf, base + 6);
  }
  for (int i = 0; i < kT2Rows; ++i) {
    double sum = 0;
    for (int c = 0; c < 6; ++c) sum += *r.applications[i][c].value;
    set(r.applications[i][6], sum, r.applications[i][0].line);
  }
  for (int i = 0; i < kT3Rows; ++i) {
    double sum = 0;
    for (int c = 0; c < 4; ++c) {
      int v = tiny(rng) == 2 ? 1 : 0;
      set(r.appeals[i][c], v, 80 + i);
      sum += v;
    }
    set(r.appeals[i][4], sum, 80 + i);
  }
  static const char* headings[] = {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                   "四、政府信息公开行政复议、行政诉讼情况",
                                   "五、存在的主要问题及改进情况", "六、其他需要报告的事项"};
  for (int i = 0; i < 6; ++i) {
    Section& s = r.sections[i];
    s.number = i + 1;
    s.heading = headings[i];
    s.line = 5 + i * 20;
    s.numbered = true;
    s.text = random_text(rng, i == 0 ? 300 : 120);
  }
  return r;
}

}  // namespace gk::synth
