#!/usr/bin/env bash
# Builds the editor page `kirje serve` embeds: the web app without its
# WebAssembly (vite's `serve` mode), written to crates/kirje-cli/editor/.
# The result is committed, so README command 1 needs only the Rust
# toolchain; scripts/suites/web.sh runs this and scripts/test.sh fails when
# the committed copy differs from what the sources make.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.stamp ]; then
  (cd web && npm install --no-save --no-audit --no-fund --loglevel=error && touch node_modules/.stamp)
fi
(cd web && npx vite build --mode serve --logLevel warn)
echo "editor: $(wc -c < crates/kirje-cli/editor/editor.js) bytes of script for kirje serve"
