// Readers for the non-text formats. Each lives in its own file; this header
// is the only thing reader.cpp (the dispatcher) knows about them.
#pragma once

#include <string>
#include <string_view>

#include "read/document.h"
#include "read/reader.h"

namespace gk {

// Read `bytes` of the detected `format` ("html", "docx", "doc", "pdf", "image").
// Returns false when no reader for that format is compiled in.
// Throws ReadError (Chinese message) for a damaged or hostile file.
bool read_other_format(const std::string& format, std::string_view bytes, const std::string& path,
                       const ReadLimits& limits, Document* out);

}  // namespace gk
