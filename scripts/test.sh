#!/usr/bin/env bash
# The whole test suite: installs what the tests need (idempotent), then runs
# formatting, lints, the wasm32 check of the core, and every test.
# CI runs exactly this (.ci/run). A missing part is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain parts"
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown

step "system packages the tests use (poppler-utils, qpdf)"
need_apt=()
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need_apt+=(qpdf)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "core crates build for wasm32 (no I/O in them)"
cargo check -p kirje-core -p kirje-typst --target wasm32-unknown-unknown --locked

step "cargo test"
INSTA_UPDATE=no cargo test --workspace --locked

step "the built PDFs pass qpdf's structural check"
# The binary the integration tests just built (cargo run would resolve
# features differently and rebuild typst).
out="$(mktemp -d)"
"${CARGO_TARGET_DIR:-target}/debug/kirje" build examples/lumo -o "$out"
for f in "$out"/*.pdf; do qpdf --check "$f" >/dev/null; done
rm -rf "$out"

step "nothing generated is stale"
git diff --exit-code -- schema crates examples docs
echo "all checks passed"
