// gongkai serve: the HTTP stage. A JSON API over the pipeline and the corpus,
// and the web UI (web/, embedded at build time). The CLI only hands it its
// arguments.
#pragma once

#include <string>
#include <vector>

namespace gk::serve {

// Runs the server until SIGINT/SIGTERM; returns the process exit code.
int run(const std::vector<std::string>& args);

}  // namespace gk::serve
