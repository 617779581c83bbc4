// Validation of the API's query parameters: a value that is not what the
// parameter takes is answered with 400 and a Chinese message naming the
// parameter and what it takes, never silently read as something else
// ("2024abc" is not 2024, an unparsable offset is not 0).
#pragma once

#include <optional>
#include <string>

namespace gk::serve {

// A whole number within [lo, hi], written in ASCII digits only (no sign, no
// spaces, no suffix). On failure `error` holds the Chinese message.
std::optional<long> whole_number(const std::string& name, const std::string& value, long lo, long hi,
                                 std::string& error);
// A report year: four digits, 1990..2100.
std::optional<int> report_year(const std::string& value, std::string& error);
// A report id: 64 hexadecimal digits, any case; returned in lower case.
std::optional<std::string> report_id(const std::string& value, std::string& error);

}  // namespace gk::serve
