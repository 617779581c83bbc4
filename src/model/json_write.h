// The record JSON written straight into an output buffer, without building a
// DOM: what `gongkai parse` and `gongkai check --format json` print. The bytes
// are exactly those of to_json(r, …).dump(indent) (keys in sorted order, the
// same number and string forms); tests compare the two on every test file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/json.h"
#include "model/report.h"

namespace gk {

// Top-level fields of the record, for `parse --fields`.
enum RecordField : uint32_t {
  kFieldAgency = 1u << 0,
  kFieldAppeals = 1u << 1,
  kFieldApplications = 1u << 2,
  kFieldCellInfo = 1u << 3,
  kFieldDiagnostics = 1u << 4,
  kFieldProactive = 1u << 5,
  kFieldProactive2019 = 1u << 6,
  kFieldPublicationDate = 1u << 7,
  kFieldSchemaVersion = 1u << 8,
  kFieldSections = 1u << 9,
  kFieldSource = 1u << 10,
  kFieldStatisticsPeriod = 1u << 11,
  kFieldTemplate = 1u << 12,
  kFieldTitle = 1u << 13,
  kFieldYear = 1u << 14,
  kFieldIdentity = 1u << 15,
  kFieldLegacy = 1u << 16,
  kAllRecordFields = (1u << 17) - 1,
};

struct JsonWriteOptions {
  int indent = -1;  // as nlohmann's dump(): -1 one line, n >= 0 pretty with n spaces
  bool sections = true;
  CellInfo cell_info = CellInfo::All;
  uint32_t fields = kAllRecordFields;
};

// Appends the record (no trailing newline).
void write_record_json(std::string& out, const Report& r, const JsonWriteOptions& opt = {});
// Appends check's one-line summary: agency, diagnostics, source, year.
void write_check_json(std::string& out, const Report& r);

// "applications,appeals" -> mask. Returns false and names the unknown field in *err.
bool parse_record_fields(std::string_view list, uint32_t* mask, std::string* err);
// The field names, comma-separated (for help and messages).
std::string record_field_names();

}  // namespace gk
