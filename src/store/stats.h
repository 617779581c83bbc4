// Corpus statistics: totals, distributions by year / level / region, outcomes
// of applications by category, appeals, error rates by rule, the agencies with
// the most findings, year-over-year text reuse.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "store/sqlite.h"

namespace gk::store {

nlohmann::ordered_json corpus_stats(Db& db, int top = 20);
// The same as readable Chinese text.
std::string stats_text(const nlohmann::ordered_json& s);

}  // namespace gk::store
