#include "read/formats.h"

namespace gk {

// Placeholder until the format readers land: no non-text reader compiled in.
bool read_other_format(const std::string& format, std::string_view bytes, const std::string& path,
                       const ReadLimits& limits, Document* out) {
  return false;
}

}  // namespace gk
