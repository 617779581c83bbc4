// Finding the files to ingest: explicit files always, directories walked
// recursively (hidden entries, databases, JSON and spreadsheet outputs skipped).
#pragma once

#include <string>
#include <vector>

namespace gk::store {

struct WalkResult {
  std::vector<std::string> files;   // absolute, lexically normal, sorted, unique
  std::vector<std::string> errors;  // Chinese messages for paths that do not exist / cannot be listed
};

// `json_records`: also take *.json files from directories (records, not reports).
WalkResult walk_inputs(const std::vector<std::string>& inputs, bool json_records = false);

// The stored form of a path: absolute and lexically normal.
std::string stored_path(const std::string& p);

}  // namespace gk::store
