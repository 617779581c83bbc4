// Bounded reading of ZIP archives held in memory (libzip). Every size is
// checked against ReadLimits before and while inflating: a zip bomb or a
// header that lies about its sizes ends in ReadError, never in an unbounded
// allocation.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "read/reader.h"

namespace gk {

class ZipArchive {
 public:
  // Throws ReadError (Chinese) when the bytes are not a readable archive or
  // its declared total size exceeds limits.max_unpacked_bytes.
  ZipArchive(std::string_view bytes, const ReadLimits& limits);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool has(const std::string& name) const;
  // The inflated entry; throws ReadError when missing, damaged or too large
  // (more than limits.max_entry_bytes, or the running total over
  // limits.max_unpacked_bytes).
  std::string read(const std::string& name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gk
