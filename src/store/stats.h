// Corpus statistics: totals, distributions by year / level / region, outcomes
// of applications by category, appeals, error rates by rule, the agencies with
// the most findings, year-over-year text reuse.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/sqlite.h"

namespace gk::store {

nlohmann::ordered_json corpus_stats(Db& db, int top = 20);

// Which reports the statistics count (gongkai stats --year / --region).
struct StatsFilter {
  int year = 0;                       // 0 = every year
  std::string region_like;            // region or normalised agency name containing this (no unit list)
  bool restrict_ids = false;          // count only only_ids (the units of a region, from the unit list)
  std::vector<int64_t> only_ids;
  std::vector<int64_t> exclude_ids;   // non-current versions of a unit-year: never counted twice
  bool split_years = true;            // add "years": every figure again for each year
  bool active() const { return year || !region_like.empty() || restrict_ids || !exclude_ids.empty(); }
};
nlohmann::ordered_json corpus_stats(Db& db, int top, const StatsFilter& filter);
// The same as readable Chinese text.
std::string stats_text(const nlohmann::ordered_json& s);

}  // namespace gk::store
