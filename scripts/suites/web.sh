#!/usr/bin/env bash
# The web app in Debian's Chromium (tests/browser/web.test.mjs): builds the
# wasm and the site (scripts/build-web.sh), then loads the example, edits,
# checks markers, downloads and the origin rule, and prints the wasm size,
# the first preview time and the edit-to-preview latency.
# A missing part is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh

step "web: Chromium and the browser test's npm packages"
need_apt chromium
need_node_modules tests/browser

step "web: build the site (wasm, fonts, example, vite)"
scripts/build-web.sh

step "web: the browser test"
node tests/browser/web.test.mjs
