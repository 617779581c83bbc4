#pragma once
#include <cstddef>
#include <string_view>

#include "model/report.h"
#include "read/document.h"
#include "recognize/stream.h"

namespace gk {
// Title, year, agency (as printed, fullest printed form, normalised),
// statistics period, signature and publication date (r.identity says where
// each came from). `body_cpos` is where the first section heading starts (0
// when unknown); doc.meta is what the page around the report said.
void read_identity(const Stream& st, const Document& doc, size_t body_cpos, Report& r);

// C-STALE-YEAR: sections 一 and 二 name a year far from the report's (a sign
// of text copied from an earlier report). Adds one note.
void find_stale_years(Report& r);

// A line of a web page's furniture (footer, share / print links, 版权所有 …).
bool is_page_chrome(std::u32string_view line);
}  // namespace gk
