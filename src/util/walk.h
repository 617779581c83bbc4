// Finding the input files: one walker for every command that takes files or
// directories (parse, check, ingest). Explicit files are always taken;
// directories are walked recursively, skipping hidden entries, office lock
// files and what the tools themselves write beside reports (databases, JSON
// records and truth files, the garbler's *.garble.json, exports, logs, the
// tests' *.expect files).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gk {

struct WalkOptions {
  // Take *.json / *.jsonl from directories (record input), and nothing else.
  bool json_records = false;
  // Stored form (ingest): every path absolute and lexically normal, all inputs
  // sorted together and duplicates removed. Otherwise paths stay as given, in
  // argument order, each directory's files sorted.
  bool absolute = false;
};

struct WalkResult {
  std::vector<std::string> files;
  std::vector<std::string> errors;  // Chinese messages for paths that do not exist / cannot be listed
};

WalkResult walk_inputs(const std::vector<std::string>& inputs, const WalkOptions& opt = {});

// Whether a directory walk takes a file of this name.
bool walk_takes(std::string_view filename, bool json_records = false);

// The stored form of a path: absolute and lexically normal.
std::string stored_path(const std::string& p);

}  // namespace gk
