// Recognize: align a Document to the known template of the national format.
// Finds the title, agency, year, the six sections and the three tables, and
// fills the record with what is printed (nothing is inferred here).
#pragma once

#include "read/document.h"
#include "model/report.h"

namespace gk {

// Throws ReadError when the document shows no sign of being an annual report.
Report recognize(const Document& doc);

}  // namespace gk
