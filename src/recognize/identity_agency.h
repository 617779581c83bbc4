// Agency-name predicates identity needs on top of src/model/agency.h.
#pragma once

#include <string>
#include <string_view>

namespace gk {

// A name complete as printed: a government (…人民政府), a street office
// (…办事处) or a body (…局, …委员会, …办公室 …). "大榭街道", "市科委" are not.
bool agency_is_complete(std::string_view name);
// A line that is an agency's name: a region's government or a body.
bool looks_like_agency(std::u32string_view line);
// "上海市科委" abbreviates "上海市科学技术委员会": same regions, and the short
// unit's characters appear in order in the full one, from its first.
bool agency_abbreviates(std::string_view shortn, std::string_view fulln);

}  // namespace gk
