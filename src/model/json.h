// The record as JSON (docs/spec/report-json.md): the contract every tool speaks.
#pragma once

#include <nlohmann/json.hpp>

#include "model/report.h"

namespace gk {

// Full record: the spec's fields plus title, template, sections, cell_info …
// cell_info: every cell, or (CellInfo::ExtrasOnly, for the corpus store, which
// keeps status and line elsewhere) only the cells with raw text, a recovery
// path or an OCR confidence.
enum class CellInfo { All, ExtrasOnly };
nlohmann::json to_json(const Report& r, bool with_sections = true, CellInfo cell_info = CellInfo::All);
// Read a record (as written by to_json, or a filled-in JSON form) back.
// Cells given as numbers are Printed; null is Missing. Throws std::runtime_error.
Report from_json(const nlohmann::json& j);

}  // namespace gk
