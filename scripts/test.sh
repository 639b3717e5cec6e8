#!/usr/bin/env bash
# The whole test suite: installs what the tests need (idempotent), then runs
# formatting, lints, the wasm32 check of the core, and every test.
# CI runs exactly this (.ci/run). A missing part is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

step "toolchain parts"
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown

step "system packages the tests use (poppler-utils, qpdf, curl, patch)"
need_apt poppler-utils qpdf curl patch

step "vendor/ is crates.io's releases plus vendor/patches"
scripts/vendor.sh check

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "core crates build for wasm32 (no I/O in them)"
cargo check -p kirje-core -p kirje-typst --target wasm32-unknown-unknown --locked

step "cargo test"
INSTA_UPDATE=no cargo test --workspace --locked

# The suites that need real parts (validators, Chromium, an SMTP server):
# each scripts/suites/*.sh installs what it needs and fails when a part is missing.
for suite in scripts/suites/*.sh; do
  step "suite: $(basename "$suite" .sh)"
  bash "$suite"
done

step "nothing generated is stale"
git diff --exit-code -- schema crates examples docs
echo "all checks passed"
