#include <cstdio>
#include "cli/commands.h"
namespace gk::cli {
int cmd_ingest(const Args&) { std::fprintf(stderr, "gongkai ingest：尚未实现。\n"); return 2; }
int cmd_export(const Args&) { std::fprintf(stderr, "gongkai export：尚未实现。\n"); return 2; }
int cmd_stats(const Args&) { std::fprintf(stderr, "gongkai stats：尚未实现。\n"); return 2; }
}  // namespace gk::cli
