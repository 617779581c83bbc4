#!/usr/bin/env bash
# Set up, build and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
echo "== 测试"
ctest --test-dir build --output-on-failure -j"$(nproc)"
