// The web UI (web/*), embedded at build time by cmake/embed_web.cmake.
#pragma once

#include <cstddef>
#include <vector>

namespace gk::serve {

struct WebAsset {
  const char* path;  // "/index.html"
  const char* mime;
  const char* data;
  size_t size;
};

const std::vector<WebAsset>& web_assets();

}  // namespace gk::serve
