// CPU time of the calling thread, in seconds: what ingest reports per side
// (writer, workers) and what the benchmarks rate by, being less disturbed than
// wall time by other work on the machine.
#pragma once

#include <time.h>

namespace gk {

inline double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace gk
