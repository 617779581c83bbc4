#include "check/check.h"
namespace gk {
void check(Report& r) {}
}  // namespace gk
