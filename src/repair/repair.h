// Repair: rebuild cells that layout noise lost, using the format's own
// arithmetic. A cell is filled only when the relations determine it uniquely;
// every rebuilt cell is marked and gets a diagnostic naming the relations.
#pragma once

#include "model/report.h"

namespace gk {

void repair(Report& r);

}  // namespace gk
