// The region API (issue 14): region tree with coverage counts, coverage,
// roll-up, a unit's timeline, comparison, scorecard and exports. Added to the
// server by one block in serve.cpp.
#pragma once

#include <functional>

#include <httplib.h>

#include "store/sqlite.h"

namespace gk::serve {

// `open_read` opens the corpus read-only (throws); `have_db` false answers 404.
void add_region_routes(httplib::Server& svr, bool have_db, std::function<store::Db()> open_read);

}  // namespace gk::serve
