// Template editions of the annual report. One record shape for all of them;
// the edition says which tables and rows the report could print.
//   Y2021  国办公开办函〔2021〕30号 (report years 2021 on)
//   Y2019  国办公开办函〔2019〕60号 (report years 2019–2020): another Table 1,
//          a single-row （六）其他处理
//   Legacy reports before 2019: free-form sections, a 统计表 of their own
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gk {

enum class Edition : uint8_t { Y2021, Y2019, Legacy };

// The record's `template` field: "2021", "2019", "legacy".
std::string_view edition_key(Edition e);
std::optional<Edition> parse_edition(std::string_view key);
// For people: "2021 版（国办公开办函〔2021〕30号）" …
std::string_view edition_name_zh(Edition e);

}  // namespace gk
