// Reports before 2019 (the legacy edition): free-form numbered sections and,
// often, a 政府信息公开情况统计表 (指标名称 / 计量单位 / 本年度 / 历年累计). Read
// into Report::legacy; none of the national format's tables or rules apply.
#pragma once

#include "model/report.h"
#include "read/document.h"
#include "recognize/stream.h"

namespace gk {

// Whether the report is one of the legacy edition: its year is before 2019, or
// it has the statistics table and none of the national tables' labels.
bool is_legacy_report(const Stream& st, const Report& r);

// Fill r.legacy (sections, statistics), set r.edition = Edition::Legacy and add
// the one C-EDITION-LEGACY note.
void read_legacy(const Stream& st, const Document& doc, Report& r);

}  // namespace gk
