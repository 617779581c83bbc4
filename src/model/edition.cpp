#include "model/edition.h"

namespace gk {

std::string_view edition_key(Edition e) {
  switch (e) {
    case Edition::Y2021: return "2021";
    case Edition::Y2019: return "2019";
    case Edition::Legacy: return "legacy";
  }
  return "2021";
}

std::optional<Edition> parse_edition(std::string_view key) {
  if (key == "2021") return Edition::Y2021;
  if (key == "2019") return Edition::Y2019;
  if (key == "legacy") return Edition::Legacy;
  return std::nullopt;
}

std::string_view edition_name_zh(Edition e) {
  switch (e) {
    case Edition::Y2021: return "2021 版（国办公开办函〔2021〕30号）";
    case Edition::Y2019: return "2019 版（国办公开办函〔2019〕60号）";
    case Edition::Legacy: return "2019 年以前的旧版";
  }
  return "";
}

}  // namespace gk
