#!/usr/bin/env bash
# The web app in Debian's Chromium (tests/browser/web.test.mjs): builds the
# wasm and the site (scripts/build-web.sh), then loads the example, edits,
# checks markers, downloads and the origin rule, and prints the wasm size,
# the first preview time and the edit-to-preview latency.
# Then the form editor's own tests: its YAML and TOML edits in node, and a
# new user's scenario in Chromium (tests/browser/editor.test.mjs).
# A missing part is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh

step "web: Chromium and the browser test's npm packages"
need_apt chromium
need_node_modules tests/browser

step "web: build the site (wasm, fonts, example, vite)"
# README command 1 first, as a new user runs it: its dist/ must not reach
# the site's bundled example (checked by the browser test).
cargo run --locked -q -p kirje-cli -- build examples/lumo >/dev/null
scripts/build-web.sh

step "web: the form's file edits (node --test)"
node --test web/test/

step "web: the browser test"
node tests/browser/web.test.mjs

step "web: the form editor, played as a new user"
node tests/browser/editor.test.mjs

step "web: the editor kirje serve embeds (stale when it differs from the committed copy)"
scripts/build-editor.sh

step "web: kirje serve's editor on a folder on disk"
cargo build --locked -q -p kirje-cli
KIRJE_BIN="${CARGO_TARGET_DIR:-target}/debug/kirje" node tests/browser/serve.test.mjs
