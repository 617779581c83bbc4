#include <cstdio>
#include "cli/commands.h"
namespace gk::cli {
int cmd_serve(const Args&) { std::fprintf(stderr, "gongkai serve：尚未实现。\n"); return 2; }
}  // namespace gk::cli
