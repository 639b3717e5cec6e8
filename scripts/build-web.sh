#!/usr/bin/env bash
# Builds the static web app into web/dist: kirje-wasm for wasm32 with the
# size-optimised profile, wasm-bindgen (pinned to Cargo.lock's version),
# the fonts and the bundled example as static
# files, then the site with vite. Needs cargo, npm and the network to the
# registries on the first run only.
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=wasm-release
# The wasm build shares the cache of the native one (CI keeps
# $CARGO_TARGET_DIR between runs); KIRJE_WASM_TARGET_DIR puts it elsewhere.
TARGET_DIR="${KIRJE_WASM_TARGET_DIR:-${CARGO_TARGET_DIR:-$PWD/target}}"
PKG=web/pkg
PUBLIC=web/public

say() { printf '==> %s\n' "$*"; }

rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$' \
  || rustup target add wasm32-unknown-unknown

WB_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WB_VERSION" ] || { echo "wasm-bindgen is not in Cargo.lock" >&2; exit 1; }
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB_VERSION"; then
  say "installing wasm-bindgen-cli $WB_VERSION"
  # Not --locked: the CLI's own lock file wants a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "=$WB_VERSION"
fi

say "cargo build kirje-wasm ($PROFILE)"
# `cargo rustc --crate-type cdylib`: kirje-wasm is also an rlib for its
# native tests, and cargo runs no LTO for a crate that is built as an rlib
# too; built as the cdylib alone, the profile's fat LTO applies.
CARGO_TARGET_DIR="$TARGET_DIR" cargo rustc --locked --target wasm32-unknown-unknown \
  --profile "$PROFILE" -p kirje-wasm --lib --crate-type cdylib

say "npm packages (web)"
# `npm install --no-save` rather than `npm ci`: the lock file names rollup's
# builds for other platforms that the registry here does not list, and
# `npm ci` refuses that; versions still come from package-lock.json.
if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.stamp ]; then
  (cd web && npm install --no-save --no-audit --no-fund --loglevel=error && touch node_modules/.stamp)
fi

say "wasm-bindgen"
rm -rf "$PKG"
wasm-bindgen --target web --no-typescript --out-dir "$PKG" \
  "$TARGET_DIR/wasm32-unknown-unknown/$PROFILE/kirje_wasm.wasm"

# wasm-opt (npm binaryen) is not run: measured on this build, -Oz took
# 8.5 minutes on two cores and made the gzip 0.3 MB larger (10.36 → 10.64 MB);
# npm's binaryen is itself compiled to wasm, and a -Os run had not finished
# after 25 minutes on the shared two cores.

say "fonts and the example as static files"
rm -rf "$PUBLIC"
mkdir -p "$PUBLIC/fonts" "$PUBLIC/example"
# Inter (what the templates set text in) is fetched before the first
# preview; Typst's own families (the other choices of theme.font, maths and
# code) right after it. The same fonts as the CLI embeds.
cp crates/kirje-typst/fonts/*.otf "$PUBLIC/fonts/"
TYPST_ASSETS=$(cargo metadata --locked --format-version 1 \
  | python3 -c 'import json,sys; print(next(p["manifest_path"] for p in json.load(sys.stdin)["packages"] if p["name"]=="typst-assets").rsplit("/",1)[0])')
for f in "$TYPST_ASSETS"/files/fonts/*.otf "$TYPST_ASSETS"/files/fonts/*.ttf; do
  cp "$f" "$PUBLIC/fonts/"
done
python3 - "$PUBLIC/fonts" <<'PY'
import json, os, sys
d = sys.argv[1]
names = sorted(n for n in os.listdir(d) if n.endswith((".otf", ".ttf")))
first = [n for n in names if n.startswith("Inter-")]
json.dump({"fonts": first, "more": [n for n in names if n not in first]},
          open(os.path.join(d, "fonts.json"), "w"), indent=1)
PY
# The example's project files only, by the rules kirje reads a folder with
# (crates/kirje-cli/src/project_io.rs, web/src/folder.js): no hidden files
# or folders (.kirje/ holds the send journals), and no dist/, target/ or
# node_modules/ at the top (README command 1 writes dist/ there).
# The starter projects of `kirje init` (one per language) the same way:
# the web app's "New project" starts from them.
copy_project() {
python3 - "$1" "$2" <<'PY'
import json, os, shutil, sys
src, root = sys.argv[1], sys.argv[2]
skip_top = {"dist", "target", "node_modules", ".git"}
files = []
for dp, dirs, fs in os.walk(src):
    rel_dir = os.path.relpath(dp, src)
    top = rel_dir == "."
    dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (top and d in skip_top))
    for f in sorted(fs):
        if f.startswith("."):
            continue
        rel = os.path.normpath(os.path.join(rel_dir, f)).replace(os.sep, "/")
        os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
        shutil.copy2(os.path.join(src, rel), os.path.join(root, rel))
        files.append(rel)
json.dump({"files": sorted(files)}, open(os.path.join(root, "index.json"), "w"), indent=1)
PY
}
copy_project examples/lumo "$PUBLIC/example"
for lang in fi sv en; do
  copy_project "crates/kirje-cli/starters/$lang" "$PUBLIC/starter/$lang"
done

say "vite build"
(cd web && npm run --silent build)

W=$(ls web/dist/assets/*.wasm)
echo "wasm: $(stat -c %s "$W") bytes raw, $(gzip -9c "$W" | wc -c) bytes gzip"
