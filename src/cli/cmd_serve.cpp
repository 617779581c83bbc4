// gongkai serve: argument hand-off to the HTTP stage (src/serve/).
#include "cli/commands.h"
#include "serve/serve.h"

namespace gk::cli {

int cmd_serve(const Args& args) { return serve::run(args); }

}  // namespace gk::cli
