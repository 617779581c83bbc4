// The pipeline: Document -> recognize -> record -> repair -> check.
#pragma once

#include <string>

#include "read/document.h"
#include "read/reader.h"
#include "model/report.h"

namespace gk {

inline constexpr const char* kParserVersion = "0.1.0";

struct ParseOptions {
  bool repair = true;  // rebuild lost cells from the table arithmetic
  bool check = true;   // run the rule catalogue
  ReadLimits limits;
};

// Throws ReadError when the document is not an annual report at all.
Report parse_document(const Document& doc, const ParseOptions& opt = {});
// Read, detect, parse. Throws ReadError. Fills source.sha256.
Report parse_bytes(std::string_view bytes, const std::string& path, const ParseOptions& opt = {});
Report parse_file(const std::string& path, const ParseOptions& opt = {});

}  // namespace gk
