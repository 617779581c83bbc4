#!/usr/bin/env bash
# Set up, build, and run the main job on the bundled sample corpus: check every
# report in samples/ and print what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
echo "== 检查 samples/ 中的年度报告"
set +e
build/gongkai check samples/
rc=$?
set -e
echo "== 退出码 $rc（0 无问题，1 有问题，2 有文件无法读取）"
