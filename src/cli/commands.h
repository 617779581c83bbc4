// Subcommands of the `gongkai` binary. Each returns the process exit code:
// 0 clean, 1 the report(s) have findings, 2 input unreadable or bad call.
#pragma once

#include <string>
#include <vector>

namespace gk::cli {

using Args = std::vector<std::string>;

int cmd_parse(const Args& args);     // cmd_parse.cpp
int cmd_check(const Args& args);     // cmd_parse.cpp
int cmd_rules(const Args& args);     // cmd_parse.cpp: print the rule catalogue
int cmd_render(const Args& args);    // cmd_render.cpp
int cmd_template(const Args& args);  // cmd_render.cpp
int cmd_generate(const Args& args);  // cmd_render.cpp: random test reports
int cmd_ingest(const Args& args);    // cmd_corpus.cpp
int cmd_export(const Args& args);    // cmd_corpus.cpp
int cmd_stats(const Args& args);     // cmd_corpus.cpp
int cmd_db(const Args& args);        // cmd_corpus.cpp: gongkai db migrate
int cmd_serve(const Args& args);     // cmd_serve.cpp -> src/serve/
int cmd_users(const Args& args);     // cmd_users.cpp: accounts of serve --accounts
int cmd_register(const Args& args);  // cmd_register.cpp: the case register (src/register)
// A region's disclosure work (cmd_region.cpp -> src/region/).
int cmd_units(const Args& args);
int cmd_coverage(const Args& args);
int cmd_rollup(const Args& args);
int cmd_compare(const Args& args);
int cmd_panel(const Args& args);
int cmd_scorecard(const Args& args);
}  // namespace gk::cli

namespace gk::store {
class Db;
struct StatsFilter;
}  // namespace gk::store

namespace gk::cli {
// The unit list's part of gongkai stats (cmd_region.cpp): non-current versions
// excluded; --region resolved through the unit list when there is one, else
// matched against the region in agency names. Throws on an unknown region.
void region_stats_filter(store::Db& db, const std::string* region, store::StatsFilter* filter);

}  // namespace gk::cli
