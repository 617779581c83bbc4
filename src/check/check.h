// Check: run the rule catalogue over a record and append diagnostics.
#pragma once

#include "model/report.h"

namespace gk {

void check(Report& r);

}  // namespace gk
