// Writing to standard output when the output file is "-" (or not given), for
// writers that can only write a named file (XLSX, the export sinks).
#pragma once

#include <functional>
#include <string>

namespace gk::cli {

// Runs make(path) on a fresh temporary file, copies the file to standard
// output and removes it. Throws std::runtime_error (Chinese) on failure.
void write_via_temp_file(const std::function<void(const std::string& path)>& make);

}  // namespace gk::cli
