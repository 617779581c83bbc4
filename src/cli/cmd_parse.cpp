#include <cstdio>
#include "cli/commands.h"
namespace gk::cli {
int cmd_parse(const Args&) { return 2; }
int cmd_check(const Args&) { return 2; }
int cmd_rules(const Args&) { return 2; }
}  // namespace gk::cli
