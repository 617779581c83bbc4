// Random records: simulate an agency's year (applications arriving from
// applicant types and closing with one outcome each), so every equation of
// the national tables holds by construction; then complete the totals.
#include "gen/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gen/rng.h"
#include "render/render.h"

namespace gk::gen {

namespace {

void set(Cell& c, double v) {
  c.value = v;
  c.status = CellStatus::Printed;
}

// A count with many zeros, mostly small, sometimes hundreds.
int64_t count(Rng& rng, double p_zero, int64_t small_max, double p_large, int64_t large_max) {
  if (rng.chance(p_zero)) return 0;
  if (rng.chance(p_large)) return rng.uniform(small_max + 1, large_max);
  return rng.uniform(1, small_max);
}

// Split n items over the weighted bins (multinomial draw).
std::vector<int64_t> split(Rng& rng, int64_t n, const std::vector<double>& w) {
  std::vector<int64_t> out(w.size(), 0);
  if (n > 2000) {  // large counts: proportional share plus a random remainder
    int64_t used = 0;
    double total = 0;
    for (double x : w) total += x;
    for (size_t i = 0; i < w.size(); ++i) {
      out[i] = static_cast<int64_t>(std::floor(n * w[i] / total * (0.8 + 0.2 * rng.real())));
      used += out[i];
    }
    for (int64_t k = used; k < n; ++k) ++out[rng.weighted(w)];
    return out;
  }
  for (int64_t k = 0; k < n; ++k) ++out[rng.weighted(w)];
  return out;
}

struct Scale {
  double p_zero_new;   // share of agencies with no application at all
  int64_t small, large;
  double p_large;
};

Scale scale_of(AgencyKind k) {
  switch (k) {
    case AgencyKind::Street: return {0.35, 6, 40, 0.05};
    case AgencyKind::Township: return {0.4, 5, 30, 0.05};
    case AgencyKind::CountyDepartment: return {0.2, 15, 150, 0.1};
    case AgencyKind::CityDepartment: return {0.05, 40, 900, 0.2};
    case AgencyKind::CountyGovernment: return {0.05, 30, 400, 0.2};
  }
  return {0.3, 5, 30, 0.05};
}

void applications(Rng& rng, Report& r, const Scale& sc) {
  int64_t n_new = rng.chance(sc.p_zero_new) ? 0
                  : rng.chance(sc.p_large)  ? rng.uniform(sc.small + 1, sc.large)
                                            : rng.uniform(1, sc.small);
  int64_t n_carried = rng.chance(0.75) ? 0 : rng.uniform(1, std::max<int64_t>(1, n_new / 5 + 1));
  // Applicant types: natural persons dominate.
  std::vector<double> who = {82, 8, 0.7, 1.2, 3.5, 2.5};
  auto new_by = split(rng, n_new, who);
  auto carried_by = split(rng, n_carried, who);
  // Outcomes R03..R23, weights from typical reports.
  std::vector<double> outcome = {45, 8,                                  // granted, partial
                                 0.3, 0.8, 0.3, 1.5, 0.8, 1.2, 0.5, 1.0,  // denied 1-8
                                 18, 3, 1.5,                              // unable 1-3
                                 2.5, 2.5, 0.8, 0.6, 0.8,                 // not processed 1-5
                                 1.5, 0.0, 3};  // other 1-3 (no fee notices: §六 says 0)
  double p_forward = rng.chance(0.7) ? 0.0 : 0.03 + 0.12 * rng.real();
  for (int c = 0; c < kT2Cols - 1; ++c) {
    set(r.applications[R_NEW][c], static_cast<double>(new_by[c]));
    set(r.applications[R_CARRIED_OVER][c], static_cast<double>(carried_by[c]));
    int64_t avail = new_by[c] + carried_by[c];
    int64_t forward = 0;
    for (int64_t k = 0; k < avail; ++k)
      if (rng.chance(p_forward)) ++forward;
    auto closed = split(rng, avail - forward, outcome);
    for (int row = R_GRANTED; row <= R_OTHER_OTHER; ++row)
      set(r.applications[row][c], static_cast<double>(closed[row - R_GRANTED]));
  }
}

void proactive(Rng& rng, Report& r, AgencyKind kind) {
  auto& p = r.proactive;
  bool can_make_rules = kind == AgencyKind::CityDepartment || kind == AgencyKind::CountyGovernment;
  auto stock = [&](StockRow& s, bool possible, int64_t issued_max, int64_t stock_max) {
    int64_t issued = possible ? count(rng, 0.5, issued_max, 0.05, issued_max * 4) : 0;
    int64_t repealed = possible ? count(rng, 0.7, 3, 0.05, 15) : 0;
    int64_t in_force = possible ? issued + count(rng, 0.2, stock_max, 0.1, stock_max * 5) : 0;
    set(s.issued, static_cast<double>(issued));
    set(s.repealed, static_cast<double>(repealed));
    set(s.in_force, static_cast<double>(in_force));
  };
  stock(p.regulations, can_make_rules && rng.chance(0.3), 2, 10);
  stock(p.normative_documents, rng.chance(0.6), 4, 30);
  bool enforcer = kind != AgencyKind::Street || rng.chance(0.4);
  set(p.licensing, static_cast<double>(enforcer ? count(rng, 0.5, 60, 0.15, 3000) : 0));
  set(p.punishment, static_cast<double>(enforcer ? count(rng, 0.45, 30, 0.15, 800) : 0));
  set(p.enforcement, static_cast<double>(enforcer ? count(rng, 0.75, 5, 0.05, 60) : 0));
  double fee = 0;
  if (rng.chance(0.15)) {
    // 万元, often with two decimals, sometimes four (down to 1 元).
    int digits = rng.chance(0.8) ? 2 : 4;
    double scale = digits == 2 ? 100.0 : 10000.0;
    fee = std::round(rng.real() * (rng.chance(0.8) ? 50 : 3000) * scale) / scale;
  }
  set(p.fees_wan_yuan, fee);
}

void absent(Cell& c) {
  c = Cell{};
  c.status = CellStatus::Absent;
}

// Turn a 2021-style record into one made in the 2019 template: the figures only
// that template prints, and the cells it does not print made Absent. Applications
// closed as “other” keep their count in the single （六）其他处理 row.
void to_2019(Rng& rng, Report& r, AgencyKind kind) {
  r.edition = Edition::Y2019;
  auto& p = r.proactive;
  auto& q = r.proactive_2019;
  q.present = true;
  auto num = [](const Cell& c) { return c.value.value_or(0); };
  // 本年新公开数量: most documents made this year are also published this year.
  auto published = [&](const Cell& issued) {
    double n = num(issued);
    return n > 0 && rng.chance(0.3) ? static_cast<double>(rng.uniform(0, static_cast<int64_t>(n))) : n;
  };
  set(q.regulations_published, published(p.regulations.issued));
  set(q.normative_published, published(p.normative_documents.issued));
  absent(p.regulations.repealed);
  absent(p.normative_documents.repealed);
  // 上一年项目数量 and 本年增/减 (signed, mostly 0; never below zero items).
  bool enforcer = num(p.licensing) + num(p.punishment) + num(p.enforcement) > 0 || kind != AgencyKind::Street;
  auto items = [&](Cell& prev, Cell& change, int64_t max_items) {
    int64_t n = enforcer ? count(rng, 0.4, max_items, 0.05, max_items * 10) : 0;
    int64_t d = rng.chance(0.6) ? 0 : rng.uniform(-std::min<int64_t>(n, 3), 3);
    set(prev, static_cast<double>(n));
    set(change, static_cast<double>(d));
  };
  items(q.licensing_prev, q.licensing_change, 30);
  items(q.other_services_prev, q.other_services_change, 10);
  set(q.other_services, static_cast<double>(enforcer ? count(rng, 0.5, 40, 0.1, 1500) : 0));
  items(q.punishment_prev, q.punishment_change, 40);
  items(q.enforcement_prev, q.enforcement_change, 8);
  items(q.fees_prev, q.fees_change, 5);
  // 第（九）项 政府集中采购: number of purchases and their total (万元, two decimals).
  int64_t purchases = count(rng, 0.4, 12, 0.1, 80);
  set(q.procurement_items, static_cast<double>(purchases));
  set(q.procurement_amount,
      purchases ? std::round(rng.real() * 50.0 * static_cast<double>(purchases) * 100.0) / 100.0 : 0.0);
  absent(p.fees_wan_yuan);
  // Table 2: one （六）其他处理 row.
  for (int c = 0; c < kT2Cols; ++c) {
    auto& other = r.applications[R_OTHER_OTHER][c];
    if (c < kT2Cols - 1)
      set(other, num(other) + num(r.applications[R_OTHER_NO_CORRECTION][c]) +
                     num(r.applications[R_OTHER_NO_FEE][c]));
    else
      other = Cell{};  // 总计 recomputed by complete_totals
    absent(r.applications[R_OTHER_NO_CORRECTION][c]);
    absent(r.applications[R_OTHER_NO_FEE][c]);
  }
}

void appeals(Rng& rng, Report& r) {
  bool any = rng.chance(0.2);
  for (int row = 0; row < kT3Rows; ++row)
    for (int c = 0; c < kT3Cols - 1; ++c)
      set(r.appeals[row][c], any && rng.chance(0.35) ? static_cast<double>(rng.uniform(1, 4)) : 0.0);
}

}  // namespace

Report generate_report(uint64_t seed, const GenOptions& opt) {
  Rng rng(seed);
  Report r;
  r.format = "text";
  r.edition = Edition::Y2021;
  AgencyKind kind = static_cast<AgencyKind>(rng.weighted({40, 20, 25, 10, 5}));
  r.agency = random_agency(rng, kind);
  r.year = opt.template_2019 ? static_cast<int>(rng.uniform(2019, 2020))
                             : static_cast<int>(rng.uniform(opt.min_year, opt.max_year));
  if (rng.chance(0.5)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-01-%02d", r.year + 1, static_cast<int>(rng.uniform(5, 28)));
    r.publication_date = buf;
  }
  proactive(rng, r, kind);
  applications(rng, r, scale_of(kind));
  appeals(rng, r);
  if (opt.template_2019) to_2019(rng, r, kind);
  render::complete_totals(r);  // consistent by construction; fills 总计, （七）, 四
  for (int i = 0; i < 6; ++i) r.sections[i].number = i + 1;
  if (opt.sections) write_section_texts(rng, r);
  return r;
}

}  // namespace gk::gen
