#!/bin/sh
# Refresh web/echarts.js from the version pinned in web/vendor/package-lock.json.
# The minified file is committed: the build embeds it (cmake/embed_web.cmake) and
# never downloads anything, so a fresh clone builds offline. Run this (with the
# npm registry reachable) only when changing the pinned version.
set -eu
cd "$(dirname "$0")/../web/vendor"
npm ci --no-audit --no-fund --ignore-scripts
cp node_modules/echarts/dist/echarts.min.js ../echarts.js
echo "web/echarts.js <- echarts $(node -p 'require("./node_modules/echarts/package.json").version') (full build)"
