#include <cstdio>
#include "cli/commands.h"
namespace gk::cli {
int cmd_render(const Args&) { std::fprintf(stderr, "gongkai render：尚未实现。\n"); return 2; }
int cmd_template(const Args&) { std::fprintf(stderr, "gongkai template：尚未实现。\n"); return 2; }
int cmd_generate(const Args&) { std::fprintf(stderr, "gongkai generate：尚未实现。\n"); return 2; }
}  // namespace gk::cli
