// gongkai serve --accounts: a unit's annual report from draft to the region's
// current one (issue 15). A clerk uploads a draft (every upload a new version,
// all kept), sees its findings and submits it; a submission with errors is
// held back unless the clerk explains each error (the filing gate). A reviewer
// sees the queue of the region and its subtree and returns a submission with
// comments or approves it; an approved version goes into the corpus and
// becomes the unit's current report of the year (unit_current) for coverage
// and roll-up.
//
//   POST /api/drafts                   upload (multipart field file; clerk)
//   GET  /api/drafts[?status=…]        the drafts the caller may see
//   GET  /api/drafts/ID                one, with its versions and reviews
//   POST /api/drafts/ID/submit         {explanations: {finding id: text}} (clerk)
//   GET  /api/review/queue             submitted drafts of the reviewer's region
//   POST /api/drafts/ID/review         {action: "approve"|"return", comment} (reviewer)
#pragma once

#include <cstddef>
#include <mutex>
#include <string>

namespace httplib {
class Server;
}

namespace gk::serve {

class Auth;

struct ReviewRoutes {
  std::string db;
  Auth* auth = nullptr;
  std::mutex* write_mutex = nullptr;  // the corpus writer (approvals)
  size_t max_upload = 20u << 20;
  double timeout = 30;
};
void add_review_routes(httplib::Server& svr, const ReviewRoutes& cfg);

}  // namespace gk::serve
